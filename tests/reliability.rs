//! Failure modes as tested features: a build killed half-way (SIGKILL) loses nothing, an
//! unwritable output and a very large file are clear errors, and the output does not depend on
//! the working directory or the order in which the file system lists files.
// Marks the helpers below as test code, for clippy.toml (see there).
#![cfg(test)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use common::{TestSite, reperes, stderr, tree};

/// Start a build that stops at `step` (see `pause_for_tests` in main.rs), wait until it says it
/// is there, then kill it with SIGKILL.
fn kill_build_at(site: &TestSite, step: &str) {
    let mut child = reperes()
        .args(["build", "--root"])
        .arg(site.root())
        .env("REPERES_TEST_PAUSE", step)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut paused = false;
    let mut seen = Vec::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        if line == format!("paused: {step}") {
            paused = true;
            break;
        }
        seen.push(line);
    }
    assert!(
        paused,
        "the build never reached {step}:\n{}",
        seen.join("\n")
    );
    child.kill().unwrap(); // SIGKILL on Unix: no cleanup can run.
    child.wait().unwrap();
}

fn no_leftovers(site: &TestSite) {
    for name in [".public.new", ".public.old"] {
        assert!(!site.root().join(name).exists(), "{name} left behind");
    }
}

#[test]
fn a_build_killed_half_way_leaves_the_previous_site_intact() {
    let site = TestSite::fixture("minimal");
    assert!(site.build(&[]).status.success());
    let before = tree(&site.public());

    // Change the content, then kill the rebuild while it writes its files.
    let about = site.root().join("content/pages/a-propos.fr.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(&about, format!("{text}\nPhrase ajoutée.\n")).unwrap();
    kill_build_at(&site, "half-written");
    assert_eq!(tree(&site.public()), before, "the published site changed");
    assert!(
        site.root().join(".public.new").exists(),
        "the kill was not half-way"
    );

    // The next build discards the half-written folder and publishes the new site.
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.read_output("a-propos/index.html")
            .contains("Phrase ajoutée.")
    );
    no_leftovers(&site);
}

#[test]
fn a_build_killed_between_the_renames_is_repaired_by_the_next_one() {
    let site = TestSite::fixture("minimal");
    assert!(site.build(&[]).status.success());
    let before = tree(&site.public());
    kill_build_at(&site, "between-renames");
    // The previous site is whole, under its temporary name.
    assert_eq!(tree(&site.root().join(".public.old")), before);
    // Any next build puts it back first, even one that fails.
    site.write("content/networks/netsarc.yaml", "acronym: [");
    assert_eq!(site.build(&[]).status.code(), Some(1));
    assert_eq!(tree(&site.public()), before);
    assert!(!site.root().join(".public.old").exists());
}

#[test]
fn a_successful_build_leaves_no_temporary_folder() {
    let site = TestSite::fixture("minimal");
    for _ in 0..2 {
        assert!(site.build(&[]).status.success());
        no_leftovers(&site);
    }
}

#[test]
fn an_unwritable_output_is_a_clear_error_and_writes_nothing() {
    let site = TestSite::fixture("minimal");
    // The output's parent is a file: nothing can be created there (this holds even for root,
    // for whom permission bits do not).
    site.write("not-a-folder", "x");
    let out = site.build(&[
        "--out",
        &site
            .root()
            .join("not-a-folder/public")
            .display()
            .to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains("not-a-folder"), "{text}");
    assert!(text.contains("help:"), "{text}");
    assert!(!text.contains("panicked"), "{text}");
    // The output refuses to become a file, too.
    let out = site.build(&[
        "--out",
        &site.root().join("not-a-folder").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(site.root().join("not-a-folder")).unwrap(),
        "x"
    );
}

#[test]
fn a_very_large_file_is_refused_with_its_name() {
    let site = TestSite::fixture("minimal");
    let front = "---\ntitle: Gros\ndescription: Gros.\nsources:\n  - { title: \"x\", url: \"https://example.org/\" }\nreviewed: 2026-11-22\n---\n";
    let body = "Du texte. ".repeat(600_000); // about 6 MB
    site.write("content/pages/gros.fr.md", &format!("{front}{body}"));
    site.write("content/pages/gros.en.md", &format!("{front}Some text."));
    let out = site.build(&[]);
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("content/pages/gros.fr.md"), "{text}");
    assert!(text.contains("too large"), "{text}");
    assert!(!site.public().exists());
}

/// Copy `from` into `to` creating entries in the reverse of name order, so that a file system
/// that lists files in creation order lists them differently from the original.
fn copy_reversed(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries.reverse();
    for entry in entries {
        let target = to.join(entry.file_name().unwrap());
        if entry.is_dir() {
            copy_reversed(&entry, &target);
        } else {
            std::fs::copy(&entry, &target).unwrap();
        }
    }
}

#[test]
fn output_is_the_same_from_any_directory_and_any_file_order() {
    let site = TestSite::fixture("minimal");
    // 1. From inside the site, with a relative root.
    let inside = reperes()
        .current_dir(site.root())
        .args(["build", "--root", ".", "--out", "out-a"])
        .output()
        .unwrap();
    assert!(inside.status.success(), "{}", stderr(&inside));
    // 2. From elsewhere, with an absolute root.
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = reperes()
        .current_dir(elsewhere.path())
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(site.root().join("out-b"))
        .output()
        .unwrap();
    assert!(outside.status.success(), "{}", stderr(&outside));
    // 3. A copy whose files were created in reverse order.
    let reversed = tempfile::tempdir().unwrap();
    for dir in ["content", "themes", "i18n"] {
        copy_reversed(&site.root().join(dir), &reversed.path().join(dir));
    }
    let out = reperes()
        .args(["build", "--root"])
        .arg(reversed.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let a = tree(&site.root().join("out-a"));
    assert!(a.len() > 50);
    assert_eq!(
        a,
        tree(&site.root().join("out-b")),
        "depends on the working directory"
    );
    assert_eq!(
        a,
        tree(&reversed.path().join("public")),
        "depends on file order"
    );
}

/// The binary runs with a scrubbed environment (`common::reperes`): a program started the same
/// way sees only the kept variables, whatever the test's own environment holds (under Cargo, at
/// least its `CARGO_*` variables).
#[test]
fn runs_of_the_binary_have_a_scrubbed_environment() {
    let out = common::scrubbed("env").output().unwrap();
    assert!(out.status.success());
    let names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_once('=').map(|(name, _)| name.to_owned()))
        .collect();
    for name in &names {
        assert!(
            common::KEPT_ENV.contains(&name.as_str()),
            "{name} kept: {names:?}"
        );
    }
}
