//! Helpers for integration tests: assemble a site in a temporary folder from the repository's
//! theme and interface strings plus a fixture (and optional overlays), then run the real binary.
// Each test crate uses some of these helpers (dead_code). They panic on a failed set-up, as tests
// do; clippy.toml cannot allow that here, because `invalid` and `check` are built without
// cfg(test) (`harness = false`).
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use libtest_mimic::{Failed, Trial};

use walkdir::WalkDir;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// A site in a temporary folder, deleted when dropped.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// The repository's `themes/` and `i18n/`, then `tests/fixtures/<name>/` over them.
    pub fn fixture(name: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&repo().join("themes"), &dir.path().join("themes"));
        copy_tree(&repo().join("i18n"), &dir.path().join("i18n"));
        copy_tree(&fixtures().join(name), dir.path());
        TestSite { dir }
    }

    /// Copy `overlay` over the site; a file `_remove` in it lists paths to delete, and each file
    /// `_append/<path>` is added at the end of `<path>` (to change one line of a long file, such
    /// as an `.ftl`, without copying it whole).
    pub fn overlay(&self, overlay: &Path) {
        copy_tree(overlay, self.root());
        let append = self.root().join("_append");
        if append.is_dir() {
            for entry in WalkDir::new(&append).sort_by_file_name() {
                let entry = entry.unwrap();
                if entry.file_type().is_file() {
                    let rel = entry.path().strip_prefix(&append).unwrap();
                    let target = self.root().join(rel);
                    let mut text = fs::read_to_string(&target).unwrap_or_default();
                    text.push_str(&fs::read_to_string(entry.path()).unwrap());
                    fs::write(&target, text).unwrap();
                }
            }
            fs::remove_dir_all(&append).unwrap();
        }
        let remove = self.root().join("_remove");
        if remove.exists() {
            for line in fs::read_to_string(&remove)
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
            {
                let target = self.root().join(line.trim());
                if target.is_dir() {
                    fs::remove_dir_all(&target).unwrap();
                } else {
                    fs::remove_file(&target).unwrap();
                }
            }
            fs::remove_file(remove).unwrap();
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub fn read_output(&self, rel: &str) -> String {
        fs::read_to_string(self.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// `reperes build --root <site> <extra…>`.
    pub fn build(&self, extra: &[&str]) -> Output {
        let mut cmd = reperes();
        cmd.arg("build").arg("--root").arg(self.root()).args(extra);
        cmd.output().expect("run reperes")
    }
}

/// The variables that a run of the binary keeps from the test's environment. Every other one is
/// cleared: the output must not depend on the machine's or CI's settings (`SOURCE_DATE_EPOCH`,
/// `NO_COLOR`, `CLICOLOR_FORCE`, `TERM`, `CI`, `GITHUB_ACTIONS`, `REPERES_*`, `RUST_LOG`,
/// `RUST_BACKTRACE`…). A test that wants one sets it on the command (`REPERES_TEST_PAUSE`).
pub const KEPT_ENV: &[&str] = &["PATH", "HOME", "TMPDIR", "LLVM_PROFILE_FILE"];

/// `program` with a scrubbed environment: only [`KEPT_ENV`], as the test process has them.
pub fn scrubbed(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_clear();
    for name in KEPT_ENV {
        if let Some(value) = std::env::var_os(name) {
            cmd.env(name, value);
        }
    }
    cmd
}

/// The real binary, with a scrubbed environment. Every test that runs it starts here.
pub fn reperes() -> Command {
    scrubbed(assert_cmd::cargo::cargo_bin!("reperes"))
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// One test per folder of `tests/fixtures/<corpus>/`, named `case::<folder>`, that runs
/// `run(<folder>)`; and a test `at_least_<minimum>_cases`, so that a corpus that lost its folders
/// does not pass empty. For the test targets with `harness = false` (libtest-mimic).
pub fn case_trials(
    corpus: &str,
    minimum: usize,
    run: fn(&str) -> Result<(), Failed>,
) -> Vec<Trial> {
    let dir = fixtures().join(corpus);
    let cases = fs::read_dir(&dir).and_then(|entries| {
        let mut cases = Vec::new();
        for entry in entries {
            let entry = entry?;
            if entry.path().is_dir() {
                cases.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        cases.sort();
        Ok(cases)
    });
    let cases = match cases {
        Ok(cases) => cases,
        Err(e) => {
            let message = format!("{}: {e}", dir.display());
            return vec![Trial::test(format!("{corpus}_cases_readable"), move || {
                Err(message.into())
            })];
        }
    };
    let count = cases.len();
    let enough = move || {
        if count >= minimum {
            Ok(())
        } else {
            Err(format!("only {count} cases, at least {minimum} expected").into())
        }
    };
    let mut trials = vec![Trial::test(format!("at_least_{minimum}_cases"), enough)];
    for case in cases {
        trials.push(Trial::test(format!("case::{case}"), move || run(&case)));
    }
    trials
}

/// Every file below `dir`: relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
