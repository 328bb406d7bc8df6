//! The invalid corpus: every case under `tests/fixtures/invalid/<case>/` is laid over the
//! `minimal` fixture, must fail with exit code 1 without touching the output folder, and prints
//! the diagnostics recorded in its snapshot.
//!
//! Each case is a test of its own, `case::<folder>` (libtest-mimic, `harness = false` in
//! Cargo.toml): a new folder is a new test, and a failing case hides no other.

mod common;

use std::process::ExitCode;

use common::{TestSite, fixtures, stderr};
use libtest_mimic::{Arguments, Failed};

fn main() -> ExitCode {
    let trials = common::case_trials("invalid", 30, invalid_site_fails_with_its_diagnostic);
    libtest_mimic::run(&Arguments::from_args(), trials).exit_code()
}

fn invalid_site_fails_with_its_diagnostic(name: &str) -> Result<(), Failed> {
    let site = TestSite::fixture("minimal");
    site.overlay(&fixtures().join("invalid").join(name));
    let out = site.build(&[]);
    let text = stderr(&out).replace(&site.root().display().to_string(), "<root>");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{name}: expected exit 1\n{text}"
    );
    assert!(!text.contains("panicked"), "{name} panicked:\n{text}");
    assert!(
        !site.public().exists(),
        "{name}: a failed build wrote output"
    );
    // Every diagnostic about a file's content names its line and column.
    for line in text.lines().filter(|l| l.contains(": error: ")) {
        let position = line.split(": error: ").next().unwrap_or_default();
        let located = position.split(':').count() == 3;
        let fileless = !position.contains('/');
        assert!(
            located || fileless || is_whole_file_problem(line),
            "{name}: unlocated: {line}"
        );
    }
    insta::assert_snapshot!(name, text);
    Ok(())
}

/// Problems that concern a file as a whole (it is missing, misnamed or unreadable) have no line.
fn is_whole_file_problem(line: &str) -> bool {
    [
        "has no `",
        "unexpected file",
        "cannot read",
        "invalid record id",
        "is missing",
        "not a language of this site",
        "the theme has no",
    ]
    .iter()
    .any(|needle| line.contains(needle))
}
