//! Watching the folders the build reads, and telling the builder when something that matters
//! changed (editors' swap and backup files and hidden folders do not). A watched folder that is
//! deleted and created again (a `git checkout`, a folder restored from a backup) loses its watch:
//! the site's root is watched too, non-recursively, so that the folder's creation is seen and
//! the builder watches it again ([`Change::Recreated`]).

use std::path::PathBuf;

use super::*;

/// The folders the build reads, below the site's root.
pub(super) const WATCHED: [&str; 3] = ["content", "themes", "i18n"];

/// What the watcher tells the builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Change {
    /// Something below a watched folder changed.
    Edited,
    /// A watched folder was created (again): watch it, then rebuild.
    Recreated(PathBuf),
}

/// The file watcher, shared with the builder (which re-adds the watch of a recreated folder:
/// the watcher's own thread must not, it would wait on itself).
pub(super) type SharedWatcher = Arc<Mutex<RecommendedWatcher>>;

/// Watch the folders the build reads. `None` (reported) if watching cannot start: the preview
/// still serves the first build.
pub(super) fn watch(
    root: &Path,
    changes: Sender<Change>,
    shared: &Arc<Shared>,
) -> Option<SharedWatcher> {
    // Canonical paths, so that noise filtering can look at the path below the root only.
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let filter_root = root.clone();
    let reporter = Arc::clone(shared);
    let handler = move |result: notify::Result<notify::Event>| match result {
        Ok(event) => {
            log_paths(&reporter, &event, &filter_root);
            if let Some(folder) = recreated_folder(&event, &filter_root) {
                let _ = changes.send(Change::Recreated(folder));
            } else if is_relevant(&event, &filter_root) {
                let _ = changes.send(Change::Edited);
            }
        }
        Err(err) => {
            lock(&reporter.change_log).lost = true;
            (reporter.events)(Event::Problem {
                message: format!("file watching: {err}"),
            });
        }
    };
    let mut watcher = match notify::recommended_watcher(handler) {
        Ok(watcher) => watcher,
        Err(err) => {
            (shared.events)(Event::Problem {
                message: format!("cannot watch for changes: {err}; restart to see edits"),
            });
            return None;
        }
    };
    if let Err(err) = watcher.watch(&root, RecursiveMode::NonRecursive) {
        (shared.events)(Event::Problem {
            message: format!("cannot watch {}: {err}", root.display()),
        });
    }
    for folder in WATCHED {
        watch_folder(&mut watcher, &root.join(folder), shared);
    }
    Some(Arc::new(Mutex::new(watcher)))
}

/// Every path an event names goes to the builder's [`ChangeLog`] (below the root, noise
/// included: a build reads what is there, whatever triggered it); an event that may stand
/// for lost ones (the kernel's queue overflowed) or names no path makes the log incomplete.
fn log_paths(shared: &Shared, event: &notify::Event, root: &Path) {
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    let mut log = lock(&shared.change_log);
    if event.need_rescan() || event.paths.is_empty() {
        log.lost = true;
    }
    for path in &event.paths {
        match path.strip_prefix(root) {
            Ok(below) => {
                log.paths.insert(below.to_path_buf());
            }
            Err(_) => log.lost = true,
        }
    }
}

/// Watch `dir` and everything below it; a problem is reported, not fatal.
pub(super) fn watch_folder(watcher: &mut RecommendedWatcher, dir: &Path, shared: &Shared) {
    if let Err(err) = watcher.watch(dir, RecursiveMode::Recursive) {
        (shared.events)(Event::Problem {
            message: format!("cannot watch {}: {err}", dir.display()),
        });
    }
}

/// The watched folder this event creates, if it creates one.
fn recreated_folder(event: &notify::Event, root: &Path) -> Option<PathBuf> {
    // Created, or moved into place (a rename reports the new name, not a creation).
    let created = matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(notify::event::ModifyKind::Name(_))
    );
    if !created {
        return None;
    }
    event
        .paths
        .iter()
        .find(|path| WATCHED.iter().any(|folder| **path == root.join(folder)))
        .cloned()
}

/// Whether a file event should trigger a rebuild: below a watched folder (the root is watched
/// only for those folders), not the build's own reads (inotify reports opens), not editors'
/// swap and backup files, not hidden folders (`content/.schemas/`).
fn is_relevant(event: &notify::Event, root: &Path) -> bool {
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.is_empty()
        || event
            .paths
            .iter()
            .any(|path| is_watched(path, root) && !is_noise(path, root))
}

fn is_watched(path: &Path, root: &Path) -> bool {
    let below = path.strip_prefix(root).unwrap_or(path);
    below
        .components()
        .next()
        .is_some_and(|first| WATCHED.iter().any(|folder| first.as_os_str() == *folder))
}

fn is_noise(path: &Path, root: &Path) -> bool {
    let below = path.strip_prefix(root).unwrap_or(path);
    let hidden = below
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with(['.', '#']));
    let name = below
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    hidden
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        // Vim's probe for whether it may write in the folder.
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_watched_folders_count() {
        let root = Path::new("/site");
        assert!(is_watched(Path::new("/site/content/pages/a.fr.md"), root));
        assert!(is_watched(Path::new("/site/i18n"), root));
        assert!(!is_watched(Path::new("/site/README.md"), root));
        assert!(!is_watched(Path::new("/site/public/index.html"), root));
    }
}
