//! The built site in memory ([`Output`]: relative path → bytes, sorted) and writing it: into a
//! temporary folder beside the target, then swapped in, so a failed or killed build leaves the
//! previous site intact.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::Diagnostic;

/// Every file of the site, by path relative to the output folder (`/`-separated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    pub fn new() -> Self {
        Output::default()
    }

    /// Add a file. Paths that could leave the output folder, and duplicates, are refused: no
    /// content can make the build write elsewhere.
    pub fn insert(
        &mut self,
        path: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<(), String> {
        let path = path.into();
        if !is_safe_relative(&path) {
            return Err(format!(
                "refusing to write `{path}`: not a plain path inside the output"
            ));
        }
        if self.files.contains_key(&path) {
            return Err(format!("two things would be written to `{path}`"));
        }
        self.files.insert(path, bytes.into());
        Ok(())
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

/// A plain relative path: `/`-separated names, none empty, `.` or `..`, and no character that
/// means something else on some system (`\\`, `:`, NUL).
fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(['\\', ':', '\0'])
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Names of the sibling folders used while writing `out_dir`.
fn sibling(out_dir: &Path, what: &str) -> Option<PathBuf> {
    let name = out_dir.file_name()?.to_string_lossy().into_owned();
    Some(out_dir.with_file_name(format!(".{name}.{what}")))
}

/// Moments of [`write_with`] where a test may stop the process (fault injection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteStep {
    /// Half of the files are in the staging folder.
    HalfWritten,
    /// The previous site has moved aside; the new one has not taken its name yet.
    BetweenRenames,
}

/// Write `output` to `out_dir`, replacing what was there only once everything is written.
pub fn write(output: &Output, out_dir: &Path) -> Result<(), Diagnostic> {
    write_with(output, out_dir, &|_| {})
}

/// [`write`], calling `at` at each [`WriteStep`]: tests kill the process there to prove that
/// nothing is lost.
pub fn write_with(
    output: &Output,
    out_dir: &Path,
    at: &dyn Fn(WriteStep),
) -> Result<(), Diagnostic> {
    let fail = |what: &str, path: &Path, err: io::Error| {
        Diagnostic::error(format!("cannot {what} {}: {err}", path.display())).with_help(
            "check that the output folder's parent exists and is writable; the previous site, if \
             any, is untouched",
        )
    };
    let (Some(staging), Some(previous)) = (sibling(out_dir, "new"), sibling(out_dir, "old")) else {
        return Err(Diagnostic::error(format!(
            "`{}` cannot be an output folder",
            out_dir.display()
        )));
    };
    recover(out_dir, &previous).map_err(|e| fail("restore the previous site in", out_dir, e))?;
    guard_existing(out_dir)?;

    // A staging folder left by a killed build is ours to discard.
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| fail("remove", &staging, e))?;
    }
    fs::create_dir_all(&staging).map_err(|e| fail("create", &staging, e))?;
    let written = write_all(output, &staging, at);
    if let Err(err) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(fail("write into", &staging, err));
    }

    // Swap: the old site moves aside, the new one takes its name, the old one goes.
    let had_previous = out_dir.exists();
    if had_previous {
        fs::rename(out_dir, &previous).map_err(|e| {
            let _ = fs::remove_dir_all(&staging);
            fail("move aside", out_dir, e)
        })?;
    }
    at(WriteStep::BetweenRenames);
    if let Err(err) = fs::rename(&staging, out_dir) {
        if had_previous {
            let _ = fs::rename(&previous, out_dir);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(fail("move the new site to", out_dir, err));
    }
    if had_previous {
        remove_tree(&previous).map_err(|e| fail("remove", &previous, e))?;
    }
    Ok(())
}

/// Put back a site that a build killed between its two renames left under its temporary name
/// (every build does this first; a failed build calls it alone).
pub fn recover_interrupted(out_dir: &Path) -> Result<(), Diagnostic> {
    let Some(previous) = sibling(out_dir, "old") else {
        return Ok(());
    };
    recover(out_dir, &previous).map_err(|err| {
        Diagnostic::error(format!(
            "cannot restore the previous site in {}: {err}",
            out_dir.display()
        ))
        .with_help(format!(
            "the previous site is whole in {}: rename it to {} yourself",
            previous.display(),
            out_dir.display()
        ))
    })
}

/// A build killed between the two renames leaves the site under the "old" name: put it back.
fn recover(out_dir: &Path, previous: &Path) -> io::Result<()> {
    if previous.exists() {
        if out_dir.exists() {
            fs::remove_dir_all(previous)?;
        } else {
            fs::rename(previous, out_dir)?;
        }
    }
    Ok(())
}

/// Refuse to replace a folder that does not look like a built site (a typo in `--out` must not
/// delete someone's documents).
fn guard_existing(out_dir: &Path) -> Result<(), Diagnostic> {
    if !out_dir.exists() {
        return Ok(());
    }
    if !out_dir.is_dir() {
        return Err(Diagnostic::error(format!(
            "the output `{}` exists and is not a folder",
            out_dir.display()
        )));
    }
    let empty = fs::read_dir(out_dir)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false);
    if empty || out_dir.join("index.html").is_file() {
        Ok(())
    } else {
        Err(Diagnostic::error(format!(
            "refusing to replace `{}`: it is not empty and holds no index.html",
            out_dir.display()
        ))
        .with_help("choose an empty or new folder with --out, or delete that folder yourself"))
    }
}

/// Write every file into `dir`, on all cores (creating files is mostly waiting on the kernel).
fn write_all(output: &Output, dir: &Path, at: &dyn Fn(WriteStep)) -> io::Result<()> {
    let files: Vec<(&str, &[u8])> = output.iter().collect();
    let (first, second) = files.split_at(files.len() / 2);
    let write = |(path, bytes): &(&str, &[u8])| -> io::Result<()> {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, bytes)
    };
    first.par_iter().try_for_each(write)?;
    at(WriteStep::HalfWritten);
    second.par_iter().try_for_each(write)
}

/// Delete a folder tree, its top-level entries in parallel.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|path| {
        if path.is_dir() {
            fs::remove_dir_all(path)
        } else {
            fs::remove_file(path)
        }
    })?;
    fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_paths_are_refused() {
        let mut out = Output::new();
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\b", "./a"] {
            assert!(out.insert(bad, "x").is_err(), "{bad}");
        }
        assert!(out.insert("en/index.html", "x").is_ok());
        assert!(out.insert("en/index.html", "y").is_err());
    }

    #[test]
    fn write_replaces_and_leaves_no_temporary_folder() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let out_dir = tmp.path().join("public");
        let mut first = Output::new();
        first.insert("index.html", "one")?;
        first.insert("old.html", "gone soon")?;
        write(&first, &out_dir).map_err(|d| d.message)?;
        let mut second = Output::new();
        second.insert("index.html", "two")?;
        write(&second, &out_dir).map_err(|d| d.message)?;
        assert_eq!(fs::read_to_string(out_dir.join("index.html"))?, "two");
        assert!(!out_dir.join("old.html").exists());
        let names: Vec<String> = fs::read_dir(tmp.path())?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()?;
        assert_eq!(names, ["public"]);
        Ok(())
    }

    #[test]
    fn a_folder_that_is_not_a_site_is_not_replaced() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        fs::write(tmp.path().join("thesis.docx"), "precious")?;
        let mut out = Output::new();
        out.insert("index.html", "x")?;
        assert!(write(&out, tmp.path()).is_err());
        assert!(tmp.path().join("thesis.docx").exists());
        Ok(())
    }
}
