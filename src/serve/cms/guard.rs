//! The one place that decides what the editor's backend may read, write and delete: plain
//! relative paths (no `..`, no absolute, encoded or Windows paths) naming a file the content
//! model knows ([`crate::cms::editable`]), whose folder really is inside `content/` once
//! symbolic links are resolved, and which is not itself a link. Writes are atomic: a temporary
//! file beside the target, then a rename.

use std::fmt;
use std::fs;
use std::io::Write as _;
use std::path::PathBuf;

use crate::cms;
use crate::config::Config;

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::serve) enum Refusal {
    /// Not a content file the editor may touch.
    Path(String),
    /// Uploads and media: the content model has no images.
    NoMedia,
    UnknownAction(String),
    BadRequest(String),
    Io(String),
}

impl Refusal {
    pub(in crate::serve) fn status(&self) -> u16 {
        match self {
            Refusal::Path(_) | Refusal::NoMedia => 403,
            Refusal::UnknownAction(_) => 422,
            Refusal::BadRequest(_) => 400,
            Refusal::Io(_) => 500,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Path(path) => write!(
                f,
                "`{path}` is not a content file the editor may change (records, pages, the \
                 glossary and site.yaml, inside content/)"
            ),
            Refusal::NoMedia => write!(f, "the content model has no images or other media"),
            Refusal::UnknownAction(action) => write!(f, "Unknown action {action}"),
            Refusal::BadRequest(why) => write!(f, "{why}"),
            Refusal::Io(why) => write!(f, "{why}"),
        }
    }
}

/// The file system path of an editable `path` (relative to the site's root), or why not.
pub(in crate::serve) fn checked(config: &Config, path: &str) -> Result<PathBuf, Refusal> {
    let refuse = || Refusal::Path(path.to_owned());
    let plain = !path.is_empty()
        && !path.starts_with('/')
        && !path.contains(['\\', '\0', ':', '%'])
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    if !plain || !cms::editable(config, path) {
        return Err(refuse());
    }
    let target = config.root.join(path);
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return Err(refuse());
    };
    let content = config.content_dir.canonicalize().map_err(|_| refuse())?;
    // The folder as the system resolves it: a link pointing out of `content/` is caught here.
    let parent = parent.canonicalize().map_err(|_| refuse())?;
    if !parent.starts_with(&content) {
        return Err(refuse());
    }
    let resolved = parent.join(name);
    match fs::symlink_metadata(&resolved) {
        Ok(meta) if !meta.file_type().is_file() => Err(refuse()),
        _ => Ok(resolved),
    }
}

/// The bytes of an editable file.
pub(in crate::serve) fn read(config: &Config, path: &str) -> Result<Vec<u8>, Refusal> {
    let file = checked(config, path)?;
    fs::read(&file).map_err(|err| Refusal::Io(format!("cannot read `{path}`: {err}")))
}

/// The editable files of one of the collections' folders with this extension, sorted, as
/// paths relative to the site's root.
pub(in crate::serve) fn list(
    config: &Config,
    folder: &str,
    extension: &str,
) -> Result<Vec<String>, Refusal> {
    let folder = folder.trim_end_matches('/');
    let known = crate::model::refs::DATA_KINDS
        .iter()
        .chain(&["pages"])
        .any(|kind| folder == format!("content/{kind}"));
    if !known {
        return Err(Refusal::Path(folder.to_owned()));
    }
    let Ok(entries) = fs::read_dir(config.root.join(folder)) else {
        return Ok(Vec::new());
    };
    let mut files: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
        .filter(|name| name.ends_with(&format!(".{extension}")))
        .map(|name| format!("{folder}/{name}"))
        .filter(|path| checked(config, path).is_ok())
        .collect();
    files.sort();
    Ok(files)
}

/// Write each `(path, new path, text)`: every path is checked before anything is written; each
/// file is written whole or not at all. A new path different from the path moves the entry.
pub(in crate::serve) fn write_all(
    config: &Config,
    writes: &[(&str, &str, &str)],
) -> Result<(), Refusal> {
    let mut checked_writes = Vec::with_capacity(writes.len());
    for (path, target, text) in writes {
        let from = checked(config, path)?;
        let to = checked(config, target)?;
        checked_writes.push((from, to, *text, *target));
    }
    for (from, to, text, target) in checked_writes {
        write_atomically(&to, text.as_bytes())
            .map_err(|err| Refusal::Io(format!("cannot write `{target}`: {err}")))?;
        if from != to {
            let _ = fs::remove_file(&from);
        }
    }
    Ok(())
}

/// Delete editable files (all checked first); a file already gone is not an error.
pub(in crate::serve) fn delete(config: &Config, paths: &[&str]) -> Result<(), Refusal> {
    let files = paths
        .iter()
        .map(|path| checked(config, path))
        .collect::<Result<Vec<_>, _>>()?;
    for (file, path) in files.iter().zip(paths) {
        match fs::remove_file(file) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(Refusal::Io(format!("cannot delete `{path}`: {err}"))),
        }
    }
    Ok(())
}

/// A temporary file in the same folder (a dot-file: the content loader skips it), flushed to
/// disk, then renamed over the target: readers see the old file or the new one, never half.
fn write_atomically(target: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // One writer per thread: two saves at once do not share a temporary file.
    let thread = format!("{:?}", std::thread::current().id());
    let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
    let temporary = target.with_file_name(format!(
        ".{name}.{}-{thread}.reperes-tmp",
        std::process::id()
    ));
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

#[cfg(test)]
mod tests;
