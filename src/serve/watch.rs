//! Watching the folders the build reads, and telling the builder when something that matters
//! changed (editors' swap and backup files and hidden folders do not).

use super::*;

/// Watch the folders the build reads. `None` (reported) if watching cannot start: the preview
/// still serves the first build.
pub(super) fn watch(
    root: &Path,
    changes: Sender<()>,
    shared: &Arc<Shared>,
) -> Option<RecommendedWatcher> {
    // Canonical paths, so that noise filtering can look at the path below the root only.
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let filter_root = root.clone();
    let reporter = Arc::clone(shared);
    let handler = move |result: notify::Result<notify::Event>| match result {
        Ok(event) if is_relevant(&event, &filter_root) => {
            let _ = changes.send(());
        }
        Ok(_) => {}
        Err(err) => (reporter.events)(Event::Problem {
            message: format!("file watching: {err}"),
        }),
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
    for folder in ["content", "themes", "i18n"] {
        let dir = root.join(folder);
        if let Err(err) = watcher.watch(&dir, RecursiveMode::Recursive) {
            (shared.events)(Event::Problem {
                message: format!("cannot watch {}: {err}", dir.display()),
            });
        }
    }
    Some(watcher)
}

/// Whether a file event should trigger a rebuild: not the build's own reads (inotify reports
/// opens), not editors' swap and backup files, not hidden folders (`content/.schemas/`).
fn is_relevant(event: &notify::Event, root: &Path) -> bool {
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.is_empty() || event.paths.iter().any(|path| !is_noise(path, root))
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
