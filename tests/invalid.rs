//! The invalid corpus: every case under `tests/fixtures/invalid/<case>/` is laid over the
//! `minimal` fixture, must fail with exit code 1 without touching the output folder, and prints
//! the diagnostics recorded in its snapshot.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::{TestSite, fixtures, stderr};

#[test]
fn every_invalid_site_fails_with_its_diagnostic() {
    let mut cases: Vec<_> = std::fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "only {} invalid cases", cases.len());
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let site = TestSite::fixture("minimal");
        site.overlay(&case);
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
    }
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
