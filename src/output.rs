//! The built site in memory ([`Output`]: relative path → bytes, sorted) and writing it: into a
//! temporary folder beside the target ([`Staging`], in batches as the stages finish), then
//! swapped in, so a failed or killed build leaves the previous site intact.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic};

/// Every file of the site, by path relative to the output folder (`/`-separated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    // Shared bytes: a live preview's next build reuses the files that did not change, and a
    // served site is copied (with its search index added) without copying its pages.
    files: BTreeMap<String, Arc<[u8]>>,
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
        bytes: impl Into<Arc<[u8]>>,
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
        self.files.get(path).map(|bytes| &bytes[..])
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), &b[..]))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(|bytes| bytes.len()).sum()
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
    /// The pages are in the staging folder; the search index is not yet.
    HalfWritten,
    /// The previous site has moved aside; the new one has not taken its name yet.
    BetweenRenames,
}

/// Write `output` to `out_dir`, replacing what was there only once everything is written (the
/// `build` command streams its files through a [`Staging`] instead, as they are produced).
pub fn write(output: &Output, out_dir: &Path) -> Result<(), Diagnostic> {
    let staging = Staging::create(out_dir)?;
    staging.write(output.iter())?;
    staging.commit(&|_| {})
}

/// A site being written: files go into a temporary folder beside `out_dir` (several batches,
/// from any thread) and take its place only on [`Staging::commit`]. Dropped without a commit,
/// the temporary folder is removed and `out_dir` was never touched.
#[derive(Debug)]
pub struct Staging {
    out_dir: PathBuf,
    dir: PathBuf,
    previous: PathBuf,
    files: AtomicUsize,
    bytes: AtomicUsize,
    committed: bool,
}

impl Staging {
    /// Check that `out_dir` may be replaced, put back a site an interrupted build left aside, and
    /// start an empty temporary folder.
    pub fn create(out_dir: &Path) -> Result<Staging, Diagnostic> {
        let (Some(dir), Some(previous)) = (sibling(out_dir, "new"), sibling(out_dir, "old")) else {
            return Err(Diagnostic::error(
                Code::Output,
                format!("`{}` cannot be an output folder", out_dir.display()),
            ));
        };
        recover(out_dir, &previous)
            .map_err(|e| write_failure("restore the previous site in", out_dir, &e))?;
        guard_existing(out_dir)?;
        // A staging folder left by a killed build is ours to discard.
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| write_failure("remove", &dir, &e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| write_failure("create", &dir, &e))?;
        Ok(Staging {
            out_dir: out_dir.to_path_buf(),
            dir,
            previous,
            files: AtomicUsize::new(0),
            bytes: AtomicUsize::new(0),
            committed: false,
        })
    }

    /// Write a batch of files (relative paths, as in an [`Output`]), on all cores.
    pub fn write<'f>(
        &self,
        files: impl IntoIterator<Item = (&'f str, &'f [u8])>,
    ) -> Result<(), Diagnostic> {
        let files: Vec<(&str, &[u8])> = files.into_iter().collect();
        // Folders first, each once: creating them per file costs a syscall or two each time.
        let folders: BTreeSet<&str> = files
            .iter()
            .filter_map(|(path, _)| path.rsplit_once('/').map(|(folder, _)| folder))
            .collect();
        for folder in folders {
            let path = self.dir.join(folder);
            fs::create_dir_all(&path).map_err(|e| write_failure("create", &path, &e))?;
        }
        files.par_iter().try_for_each(|(path, bytes)| {
            let target = self.dir.join(path);
            fs::write(&target, bytes).map_err(|e| write_failure("write", &target, &e))
        })?;
        self.files.fetch_add(files.len(), Ordering::Relaxed);
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        Ok(())
    }

    /// Files and bytes written so far.
    pub fn written(&self) -> (usize, usize) {
        (
            self.files.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }

    /// Swap: the old site moves aside, the new one takes its name, the old one goes.
    pub fn commit(mut self, at: &dyn Fn(WriteStep)) -> Result<(), Diagnostic> {
        let out_dir = self.out_dir.clone();
        let had_previous = out_dir.exists();
        if had_previous {
            fs::rename(&out_dir, &self.previous)
                .map_err(|e| write_failure("move aside", &out_dir, &e))?;
        }
        at(WriteStep::BetweenRenames);
        if let Err(err) = fs::rename(&self.dir, &out_dir) {
            if had_previous {
                let _ = fs::rename(&self.previous, &out_dir);
            }
            return Err(write_failure("move the new site to", &out_dir, &err));
        }
        self.committed = true;
        if had_previous {
            remove_tree(&self.previous).map_err(|e| write_failure("remove", &self.previous, &e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn write_failure(what: &str, path: &Path, err: &io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, format!("cannot {what} {}: {err}", path.display())).with_help(
        "check that the output folder's parent exists and is writable; the previous site, if \
         any, is untouched",
    )
}

/// Put back a site that a build killed between its two renames left under its temporary name
/// (every build does this first; a failed build calls it alone).
pub fn recover_interrupted(out_dir: &Path) -> Result<(), Diagnostic> {
    let Some(previous) = sibling(out_dir, "old") else {
        return Ok(());
    };
    recover(out_dir, &previous).map_err(|err| {
        Diagnostic::error(
            Code::Io,
            format!(
                "cannot restore the previous site in {}: {err}",
                out_dir.display()
            ),
        )
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
        return Err(Diagnostic::error(
            Code::Output,
            format!(
                "the output `{}` exists and is not a folder",
                out_dir.display()
            ),
        ));
    }
    let empty = fs::read_dir(out_dir)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false);
    if empty || out_dir.join("index.html").is_file() {
        Ok(())
    } else {
        Err(Diagnostic::error(
            Code::Output,
            format!(
                "refusing to replace `{}`: it is not empty and holds no index.html",
                out_dir.display()
            ),
        )
        .with_help("choose an empty or new folder with --out, or delete that folder yourself"))
    }
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

    /// The names in `dir`: a build must leave nothing beside its output folder.
    fn names_in(dir: &Path) -> std::io::Result<Vec<String>> {
        fs::read_dir(dir)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect()
    }

    #[test]
    fn unsafe_paths_are_refused() {
        let mut out = Output::new();
        for bad in ["../x", "/etc/passwd", "a/../../b", "", "a\\b", "./a"] {
            assert!(out.insert(bad, b"x".to_vec()).is_err(), "{bad}");
        }
        assert!(out.insert("en/index.html", b"x".to_vec()).is_ok());
        assert!(out.insert("en/index.html", b"y".to_vec()).is_err());
    }

    #[test]
    fn write_replaces_and_leaves_no_temporary_folder() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let out_dir = tmp.path().join("public");
        let mut first = Output::new();
        first.insert("index.html", "one".as_bytes().to_vec())?;
        first.insert("old.html", "gone soon".as_bytes().to_vec())?;
        write(&first, &out_dir).map_err(|d| d.message)?;
        let mut second = Output::new();
        second.insert("index.html", "two".as_bytes().to_vec())?;
        write(&second, &out_dir).map_err(|d| d.message)?;
        assert_eq!(fs::read_to_string(out_dir.join("index.html"))?, "two");
        assert!(!out_dir.join("old.html").exists());
        assert_eq!(names_in(tmp.path())?, ["public"]);
        Ok(())
    }

    #[test]
    fn staging_dropped_without_commit_leaves_the_previous_site()
    -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let out_dir = tmp.path().join("public");
        let mut first = Output::new();
        first.insert("index.html", "one".as_bytes().to_vec())?;
        write(&first, &out_dir).map_err(|d| d.message)?;
        {
            let staging = Staging::create(&out_dir).map_err(|d| d.message)?;
            staging
                .write([("index.html", b"two".as_slice()), ("a/b/page.html", b"x")])
                .map_err(|d| d.message)?;
            assert_eq!(staging.written(), (2, 4));
            // A later stage fails: the staging folder is dropped, never committed.
        }
        assert_eq!(fs::read_to_string(out_dir.join("index.html"))?, "one");
        assert_eq!(names_in(tmp.path())?, ["public"]);
        Ok(())
    }

    #[test]
    fn a_folder_that_is_not_a_site_is_not_replaced() -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        fs::write(tmp.path().join("thesis.docx"), "precious")?;
        let mut out = Output::new();
        out.insert("index.html", "x".as_bytes().to_vec())?;
        assert!(write(&out, tmp.path()).is_err());
        assert!(tmp.path().join("thesis.docx").exists());
        Ok(())
    }
}
