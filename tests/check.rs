//! `reperes check` run as a binary: clean on the shipped site and on `minimal`, and each case of
//! `tests/fixtures/check/<case>/` (laid over `minimal`) reports its finding, located.
//!
//! Each case is a test of its own, `case::<folder>` (libtest-mimic, `harness = false` in
//! Cargo.toml): a new folder is a new test, and a failing case hides no other. The other tests
//! are listed in `main`.

mod common;

use std::io;
use std::path::Path;
use std::process::{ExitCode, Output};

use common::{TestSite, fixtures, reperes, stderr};
use libtest_mimic::{Arguments, Failed, Trial};

/// Review ages are measured from a fixed day, so that the test does not change with the calendar.
const TODAY: &str = "2026-11-22";

/// The day the shipped content was last reviewed: its review ages are measured from it.
const SHIPPED_TODAY: &str = "2026-12-01";

fn main() -> ExitCode {
    let mut trials = vec![
        Trial::test(
            "shipped_site_passes_with_two_known_gaps",
            shipped_site_passes_with_two_known_gaps,
        ),
        Trial::test(
            "minimal_fixture_is_clean_and_check_writes_nothing",
            minimal_fixture_is_clean_and_check_writes_nothing,
        ),
        Trial::test(
            "warnings_fail_only_when_strict",
            warnings_fail_only_when_strict,
        ),
        Trial::test("json_and_github_formats", json_and_github_formats),
        Trial::test("bad_today_is_a_usage_error", bad_today_is_a_usage_error),
    ];
    trials.extend(common::case_trials("check", 5, case_reports_its_finding));
    libtest_mimic::run(&Arguments::from_args(), trials).exit_code()
}

fn check(root: &Path, extra: &[&str]) -> io::Result<Output> {
    check_on(TODAY, root, extra)
}

fn check_on(today: &str, root: &Path, extra: &[&str]) -> io::Result<Output> {
    reperes()
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(["--today", today])
        .args(extra)
        .output()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn case(name: &str) -> TestSite {
    let site = TestSite::fixture("minimal");
    site.overlay(&fixtures().join("check").join(name));
    site
}

fn shipped_site_passes_with_two_known_gaps() -> Result<(), Failed> {
    let out = check_on(SHIPPED_TODAY, &common::repo(), &[])?;
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    // Nobody has yet told us where readers can report an accessibility problem or an error on
    // a page: the two warnings until someone who knows adds `accessibility.contact` and
    // `report_error` to content/site.yaml.
    assert!(text.contains("0 error(s), 2 warning(s)"), "{text}");
    assert!(
        text.contains("the accessibility statement gives no contact"),
        "{text}"
    );
    assert!(
        text.contains("no address where readers can report an error on a page"),
        "{text}"
    );
    Ok(())
}

fn minimal_fixture_is_clean_and_check_writes_nothing() -> Result<(), Failed> {
    let site = TestSite::fixture("minimal");
    let out = check(site.root(), &["--strict"])?;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!site.public().exists(), "check must not write the site");
    Ok(())
}

fn case_reports_its_finding(name: &str) -> Result<(), Failed> {
    let site = case(name);
    let out = check(site.root(), &[])?;
    let text = stderr(&out).replace(&site.root().display().to_string(), "<root>");
    let errors = text.contains(": error: ");
    assert_eq!(
        out.status.code(),
        Some(i32::from(errors)),
        "{name}:\n{text}"
    );
    assert!(
        !text.contains("0 error(s), 0 warning(s)"),
        "{name}: no finding"
    );
    for line in text
        .lines()
        .filter(|l| l.contains(": warning: ") || l.contains(": error: "))
    {
        let position = line.split(": ").next().unwrap_or_default();
        assert_eq!(position.split(':').count(), 3, "{name}: unlocated: {line}");
    }
    insta::assert_snapshot!(format!("check-{name}"), text);
    Ok(())
}

fn warnings_fail_only_when_strict() -> Result<(), Failed> {
    let site = case("old-review");
    assert_eq!(check(site.root(), &[])?.status.code(), Some(0));
    assert_eq!(check(site.root(), &["--strict"])?.status.code(), Some(1));
    Ok(())
}

fn json_and_github_formats() -> Result<(), Failed> {
    let site = case("broken-link-in-markdown");
    site.overlay(&fixtures().join("check/unused-string"));
    let json = check(site.root(), &["--format", "json"])?;
    assert_eq!(json.status.code(), Some(1));
    let parsed: serde_json::Value = serde_json::from_str(&stdout(&json))?;
    assert!(parsed.as_array().is_some_and(|a| a.len() >= 3));
    insta::assert_snapshot!("check-format-json", stdout(&json));
    let github = check(site.root(), &["--format", "github"])?;
    assert_eq!(github.status.code(), Some(1));
    insta::assert_snapshot!("check-format-github", stdout(&github));
    Ok(())
}

fn bad_today_is_a_usage_error() -> Result<(), Failed> {
    let site = TestSite::fixture("minimal");
    let out = check(site.root(), &["--today", "22/11/2026"])?;
    assert_eq!(out.status.code(), Some(2));
    Ok(())
}
