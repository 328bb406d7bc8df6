//! Which files `content/` holds: a walk of the folder, or, in a live preview whose watcher
//! reported every change since the last build, that build's list with the changed paths
//! applied (no walk, no `stat` of the files that did not change).

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::text::check_slug;

/// What a file is, by its place in `content/`.
#[derive(Debug, Clone)]
pub(super) enum FileKind {
    Glossary,
    Network(String),
    Ern(String),
    Partner(String),
    /// A page's file name (`<slug>.<lang>.md`, checked when loading).
    Page(String),
}

/// One file of `content/` as the walk classified it.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) path: PathBuf,
    /// Relative to the site root, for diagnostics and the cache.
    pub(super) rel: PathBuf,
    /// `None`: not loaded (`site.yaml`, read with the settings, or a file reported below).
    pub(super) kind: Option<FileKind>,
    /// Why the file is not loaded (an unexpected file, a record name that is not an id).
    pub(super) problem: Option<Diagnostic>,
    /// Changed since the last build as the watcher tells (or not known): its stamp or text is
    /// compared with the kept one. Files not changed are taken from the cache as they are.
    pub(super) changed: bool,
}

/// The files of `content/` in walk order (each folder's entries by name, depth first).
#[derive(Debug, Clone, Default)]
pub(super) struct Walked {
    pub(super) files: Vec<Found>,
    /// Folders below `content/` (relative to the site root): a change to one is a walk again.
    folders: BTreeSet<PathBuf>,
    /// Folders that could not be read: the next build walks again.
    pub(super) incomplete: Diagnostics,
}

impl Walked {
    /// Walk `content/`, skipping hidden entries.
    pub(super) fn walk(config: &Config) -> Walked {
        let mut walked = Walked::default();
        let walker = WalkDir::new(&config.content_dir)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        let mut entries = Vec::new();
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_dir() => {
                    if entry.depth() > 0 {
                        walked.folders.insert(rel_to_root(config, entry.path()));
                    }
                }
                Ok(entry) => entries.push(entry),
                Err(err) => walked.incomplete.push(Diagnostic::error(
                    Code::Io,
                    format!("cannot read the content folder: {err}"),
                )),
            }
        }
        // The order of `sort_by_file_name` (each folder's entries by name, depth first) is the
        // order of the paths, which compare component by component; walkdir's own sort takes
        // each file name apart at every comparison (a 20,000-file walk took three times as long).
        entries.sort_unstable_by(|a, b| a.path().cmp(b.path()));
        walked.files = entries
            .into_iter()
            .map(|entry| {
                // Names from the walk itself: taking each path apart would cost more.
                let name = entry.file_name().to_string_lossy();
                let folder = match entry.depth() {
                    2 => entry.path().parent().and_then(Path::file_name),
                    _ => None,
                };
                let folder = folder.map(|d| d.to_string_lossy());
                let kind = classify(
                    entry.depth(),
                    folder.as_deref(),
                    &name,
                    entry.path(),
                    config,
                );
                let rel = rel_to_root(config, entry.path());
                found(entry.path().to_path_buf(), rel, kind)
            })
            .collect();
        walked
    }

    /// The walk after `changed` (paths relative to the site's root, as a watcher reports
    /// them, each changed since this walk), or `None` if only a new walk can tell: a folder
    /// was created, deleted or renamed, or `content/` itself changed.
    pub(super) fn after(mut self, config: &Config, changed: &BTreeSet<PathBuf>) -> Option<Walked> {
        if !self.incomplete.is_empty() {
            return None;
        }
        let content = config.content_dir.strip_prefix(&config.root).ok()?;
        for file in &mut self.files {
            file.changed = false;
        }
        for rel in changed {
            let Ok(below) = rel.strip_prefix(content) else {
                // Outside `content/` (themes, strings): not this stage's.
                continue;
            };
            let names: Vec<&str> = below
                .components()
                .map(|c| match c {
                    Component::Normal(name) => name.to_str(),
                    _ => None,
                })
                .collect::<Option<_>>()?;
            // Hidden entries are not walked, nor is anything inside a hidden folder.
            if names.iter().any(|name| name.starts_with('.')) {
                continue;
            }
            let (folder, name) = match names[..] {
                [name] => (None, name),
                [folder, name] => (Some(folder), name),
                _ => return None,
            };
            if self.folders.contains(rel) {
                return None;
            }
            let path = config.root.join(rel);
            let at = self.files.binary_search_by(|f| f.path.as_path().cmp(&path));
            match std::fs::symlink_metadata(&path) {
                Ok(meta) if meta.is_dir() => return None,
                Ok(_) => {
                    let kind = classify(names.len(), folder, name, &path, config);
                    let found = found(path, rel.clone(), kind);
                    match at {
                        Ok(i) => self.files[i] = found,
                        Err(i) => self.files.insert(i, found),
                    }
                }
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                    if let Ok(i) = at {
                        self.files.remove(i);
                    }
                }
                Err(_) => return None,
            }
        }
        Some(self)
    }
}

fn rel_to_root(config: &Config, path: &Path) -> PathBuf {
    path.strip_prefix(&config.root)
        .unwrap_or(path)
        .to_path_buf()
}

/// What the file `name` at `depth` below `content/` (in `folder` at depth 2) is; the one rule
/// for walks and watched changes alike. `Err`: why it is not loaded.
fn classify(
    depth: usize,
    folder: Option<&str>,
    name: &str,
    path: &Path,
    config: &Config,
) -> Result<Option<FileKind>, Diagnostic> {
    let rel = || rel_to_root(config, path);
    match (depth, folder, name) {
        (1, _, "site.yaml") => Ok(None),
        (1, _, "glossary.yaml") => Ok(Some(FileKind::Glossary)),
        (2, Some(dir @ ("networks" | "erns" | "partners")), name) => {
            let id = record_id(name, &rel())?;
            Ok(Some(match dir {
                "networks" => FileKind::Network(id),
                "erns" => FileKind::Ern(id),
                _ => FileKind::Partner(id),
            }))
        }
        (2, Some("pages"), name) => Ok(Some(FileKind::Page(name.to_owned()))),
        _ => Err(
            Diagnostic::error(Code::UnexpectedFile, "unexpected file in content/")
                .in_file(rel())
                .with_help(
                    "content/ holds site.yaml, glossary.yaml, networks/<id>.yaml, \
                     erns/<id>.yaml, partners/<id>.yaml and pages/<slug>.<lang>.md; move \
                     or delete this file",
                ),
        ),
    }
}

/// A file found, changed as far as this build knows.
fn found(path: PathBuf, rel: PathBuf, kind: Result<Option<FileKind>, Diagnostic>) -> Found {
    let (kind, problem) = match kind {
        Ok(kind) => (kind, None),
        Err(problem) => (None, Some(problem)),
    };
    Found {
        path,
        rel,
        kind,
        problem,
        changed: true,
    }
}

fn record_id(name: &str, rel: &Path) -> Result<String, Diagnostic> {
    let Some(stem) = name.strip_suffix(".yaml") else {
        let help = if name.ends_with(".yml") {
            "rename the file to end in .yaml"
        } else {
            "records are YAML files named <id>.yaml"
        };
        return Err(
            Diagnostic::error(Code::UnexpectedFile, "unexpected file: not a .yaml record")
                .in_file(rel)
                .with_help(help),
        );
    };
    check_slug(stem).map(|()| stem.to_owned()).map_err(|why| {
        Diagnostic::error(
            Code::InvalidId,
            format!("invalid record id (file name): {why}"),
        )
        .in_file(rel)
        .with_help("rename the file: its name is the record's id and URL")
    })
}
