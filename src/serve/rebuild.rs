//! The builder (rebuild after each change, pages first) and the indexer (the search index of
//! each good build, in the background, merged only into the site it was built from).

use super::*;
use crate::pipeline;

pub(super) fn rebuild_on_changes(
    shared: &Shared,
    options: &BuildOptions,
    watcher: Option<&SharedWatcher>,
    changes: &Receiver<Change>,
    index_jobs: &Sender<IndexJob>,
    cache: &mut pipeline::Cache,
) {
    while let Ok(first) = changes.recv() {
        // From the first change on, the search index of the last build waits (see
        // `build_indexes`): the rebuild gets both cores.
        lock(&shared.state).building = true;
        let mut batch = vec![first];
        loop {
            match changes.recv_timeout(DEBOUNCE) {
                Ok(change) => batch.push(change),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        if let Some(watcher) = watcher {
            for change in &batch {
                if let Change::Recreated(folder) = change {
                    watch_folder(&mut lock(watcher), folder, shared);
                }
            }
            // Taken before the build reads anything: a change made from now on is either read
            // by this build or in the next one's list (and triggers it).
            let log = std::mem::take(&mut *lock(&shared.change_log));
            if !log.lost {
                cache.note_changes(log.paths);
            }
        }
        rebuild(shared, options, index_jobs, cache);
        lock(&shared.state).building = false;
        shared.changed.notify_all();
    }
}

/// Build the pages, serve them (or the errors over the last good ones), tell the pages to
/// reload, and queue the search index.
pub(super) fn rebuild(
    shared: &Shared,
    options: &BuildOptions,
    index_jobs: &Sender<IndexJob>,
    cache: &mut pipeline::Cache,
) {
    let started = Instant::now();
    // Freed once the pages are told to reload: a large site's files take a while to free.
    let mut replaced = None;
    // What did not change since the last build is taken from it (same result, less work).
    let result = shared
        .builders
        .install(|| pipeline::build_pages_cached(options, cache));
    let duration = started.elapsed();
    let generation = match result {
        Ok(built) => {
            let base_path = built.config.base_path.clone();
            let (output, warnings, pending) = built.into_pending_index();
            let files = output.len();
            let (generation, site_id) = {
                let mut state = lock(&shared.state);
                state.generation += 1;
                let site_id = state.site.as_ref().map_or(1, |s| s.id + 1);
                let new = Arc::new(ServedSite {
                    id: site_id,
                    output,
                    base_path,
                    index: IndexState::Pending,
                });
                replaced = state.site.replace(new);
                state.errors = None;
                (state.generation, site_id)
            };
            shared.changed.notify_all();
            let _ = index_jobs.send(IndexJob { site_id, pending });
            (shared.events)(Event::Built {
                duration,
                files,
                warnings,
            });
            generation
        }
        Err(diagnostics) => {
            let lines: Arc<[String]> = diagnostics.iter().map(Diagnostic::one_line).collect();
            let (generation, has_last_good) = {
                let mut state = lock(&shared.state);
                state.generation += 1;
                state.errors = Some(lines);
                (state.generation, state.site.is_some())
            };
            (shared.events)(Event::BuildFailed {
                diagnostics,
                has_last_good,
            });
            generation
        }
    };
    // Failures reload too: the pages then show the overlay.
    lock(&shared.clients).retain(|client| client.send(generation).is_ok());
    drop(replaced);
}

/// Build the search index of each good build, one at a time, skipping builds already replaced.
pub(super) fn build_indexes(shared: &Shared, jobs: &Receiver<IndexJob>) {
    run_when_idle();
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let started = Instant::now();
        // Before each document: wait while the pages are rebuilt, and give up once the site
        // this index is for is no longer served (the newer one has its own job queued).
        let pace = || {
            let mut state = lock(&shared.state);
            while state.building && !shared.stopping.load(Ordering::SeqCst) {
                state = shared
                    .changed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            let current = state.site.as_ref().is_some_and(|s| s.id == job.site_id);
            current && !shared.stopping.load(Ordering::SeqCst)
        };
        let Some(result) = job.pending.build_paced(&pace).transpose() else {
            continue;
        };
        let duration = started.elapsed();
        let event = {
            let mut state = lock(&shared.state);
            match state.site.as_mut() {
                // A newer build replaced the site meanwhile: its own job follows.
                Some(site) if site.id == job.site_id => {
                    // Copies the output only if a request still holds the old one.
                    let site = Arc::make_mut(site);
                    match result.and_then(|files| {
                        let count = files.files.len();
                        files.into_output(&mut site.output).map(|()| count)
                    }) {
                        Ok(files) => {
                            site.index = IndexState::Ready;
                            Some(Event::SearchIndexed { duration, files })
                        }
                        Err(diagnostics) => {
                            site.index = IndexState::Failed;
                            Some(Event::SearchFailed { diagnostics })
                        }
                    }
                }
                _ => None,
            }
        };
        shared.changed.notify_all();
        if let Some(event) = event {
            (shared.events)(event);
        }
    }
}

/// Run rayon's global pool at idle priority. The search index (seconds of work on a large site)
/// runs part of its work there (inside Pagefind), and the rebuilds have a pool of their own: an
/// edit made while the index of the previous one is being built is then served about as fast
/// as with no index running. For a process whose main work is a live preview (the `serve`
/// command calls it first); returns whether the pool could be set up (not if already in use).
pub fn run_background_work_when_idle() -> bool {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|n| format!("background-{n}"))
        .start_handler(|_| run_when_idle())
        .build_global()
        .is_ok()
}

/// Let this thread (and the threads it starts) use only the time other threads do not need.
/// Without the means to do so, it runs at normal priority.
fn run_when_idle() {
    use thread_priority::{ThreadPriority, set_current_thread_priority};
    #[cfg(unix)]
    {
        use thread_priority::unix::{
            NormalThreadSchedulePolicy, ThreadSchedulePolicy, set_thread_priority_and_policy,
            thread_native_id,
        };
        let idle = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
        if set_thread_priority_and_policy(thread_native_id(), ThreadPriority::Min, idle).is_ok() {
            return;
        }
    }
    let _ = set_current_thread_priority(ThreadPriority::Min);
}
