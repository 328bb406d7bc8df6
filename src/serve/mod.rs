//! `reperes serve`: the live preview. Owns the preview server's threads and their shared state:
//! building the site into memory (pages first, the search index afterwards in the background),
//! watching `content/`, `themes/` and `i18n/`, serving the in-memory [`Output`] on 127.0.0.1
//! (never files from disk), and telling open pages to reload (a WebSocket per page). After a
//! failed build the last good site stays served, with the diagnostics in an overlay on every page.
//!
//! ```text
//! watcher ─▶ changes ─▶ builder (debounce, pipeline::build_pages) ─▶ State ◀─ HTTP workers
//!                          │ reload ─▶ live clients                       ▲
//!                          └▶ index jobs ─▶ indexer (PendingIndex::build_paced) ─┘ merged if still current
//! ```
//! Nothing here prints: what happens is reported as [`Event`]s to the caller's callback.
//! Rooms: `watch` (the watcher), `rebuild` (builder and indexer), `respond` (HTTP workers),
//! `live` (the pages' reload channels), [`http`] (the pure part: paths, content types, injected
//! markup), `cms` (with `--edit`: the browser editor at `/admin/` and its backend, writing into
//! `content/`).

mod cms;
pub mod http;
mod live;
mod rebuild;
mod respond;
mod watch;

use std::io::{self, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::config::BuildOptions;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::output::Output;
use crate::pipeline::PendingIndex;
pub use rebuild::run_background_work_when_idle;
use rebuild::{build_indexes, rebuild, rebuild_on_changes};
use respond::{answer_requests, plain, with_header};
use watch::{Change, SharedWatcher, watch, watch_folder};

/// Quiet time after the last change before rebuilding: editors save in several writes, a few
/// milliseconds apart; a rebuild that still catches a half-saved file is followed by another.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// Keep-alives (a comment line, a ping) keep idle reload channels open through proxies and
/// reveal closed tabs.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How long a request for a search file waits for an index being built.
const INDEX_WAIT: Duration = Duration::from_secs(60);
/// Threads answering requests (a browser opens up to six connections; search requests may wait
/// for the index). Reload channels get a thread each.
const WORKERS: usize = 8;
/// How often idle workers look whether the preview is stopping.
const POLL: Duration = Duration::from_millis(200);

const LIVE_JS: &str = include_str!("live.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// What the preview reports (the binary prints these).
#[derive(Debug)]
pub enum Event {
    /// A build succeeded and is served (pages only: the search index follows).
    Built {
        duration: Duration,
        files: usize,
        warnings: Diagnostics,
    },
    /// A build failed: the last good site stays served, with these diagnostics over its pages
    /// (or, when no build has succeeded yet, a page listing them).
    BuildFailed {
        diagnostics: Diagnostics,
        has_last_good: bool,
    },
    /// The search index of the served site was built and merged in.
    SearchIndexed { duration: Duration, files: usize },
    /// The search index could not be built; the pages are served without it.
    SearchFailed { diagnostics: Diagnostics },
    /// Something outside the site went wrong (watching, serving); the preview goes on.
    Problem { message: String },
}

type Events = Box<dyn Fn(Event) + Send + Sync>;

/// A running preview. Dropping it without [`Preview::stop`] leaves its threads running.
pub struct Preview {
    url: String,
    shared: Arc<Shared>,
    server: Arc<Server>,
    workers: Vec<JoinHandle<()>>,
    _watcher: Option<SharedWatcher>,
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Preview").field("url", &self.url).finish()
    }
}

/// What every thread shares.
struct Shared {
    state: Mutex<State>,
    /// Signalled when the served site or its index changes (search requests wait on it).
    changed: Condvar,
    /// What the watcher saw change since the builder last looked.
    change_log: Mutex<ChangeLog>,
    /// One sender per open page's reload channel; a failed send means the page is gone.
    clients: Mutex<Vec<Sender<u64>>>,
    events: Events,
    stopping: AtomicBool,
    /// With `--edit`: the editor and its backend.
    edit: Option<cms::Edit>,
    /// The rebuilds' threads, apart from rayon's global pool, which the search index (Pagefind)
    /// also uses: see [`run_background_work_when_idle`].
    builders: rayon::ThreadPool,
}

/// The paths changed since the last build began (relative to the site's root), for the build
/// to read only those ([`crate::pipeline::Cache::note_changes`]), unless events may have been
/// lost: that build then looks at every file.
#[derive(Debug, Default)]
struct ChangeLog {
    paths: std::collections::BTreeSet<std::path::PathBuf>,
    lost: bool,
}

#[derive(Default, Clone)]
struct State {
    /// Finished builds, good or bad: a page carries the one it was served from, so a page
    /// loaded just before a rebuild still learns it is stale.
    generation: u64,
    /// The last good build, if any.
    site: Option<Arc<ServedSite>>,
    /// One-line diagnostics of the latest build, when it failed.
    errors: Option<Arc<[String]>>,
    /// A change was seen and the pages are being rebuilt (the search index waits meanwhile).
    building: bool,
}

#[derive(Debug, Clone)]
struct ServedSite {
    /// Counts good builds: an index is merged only into the site it was built from.
    id: u64,
    output: Output,
    base_path: String,
    index: IndexState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IndexState {
    Pending,
    Ready,
    Failed,
}

/// What the indexer needs from a good build.
struct IndexJob {
    site_id: u64,
    pending: PendingIndex,
}

impl Preview {
    /// Listen on 127.0.0.1:`port` (0 picks a free port), build the site once, then serve it and
    /// rebuild on every change until [`Preview::stop`]. A first build that fails still starts
    /// the preview (it serves the diagnostics until a build succeeds); only a port that cannot
    /// be listened on is an error. With `edit`, also serve the browser editor at `/admin/`,
    /// which writes into `content/` (module `cms`).
    pub fn start(
        options: BuildOptions,
        port: u16,
        edit: bool,
        events: impl Fn(Event) + Send + Sync + 'static,
    ) -> Result<Preview, Diagnostic> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let listener = TcpListener::bind(address).map_err(|err| {
            Diagnostic::error(Code::Io, format!("cannot listen on {address}: {err}"))
                .with_help("choose another port with --port N, or --port 0 for any free one")
        })?;
        let local = listener.local_addr().map_err(|err| {
            Diagnostic::error(
                Code::Io,
                format!("cannot read the listening address: {err}"),
            )
        })?;
        let server = Server::from_listener(listener, None).map_err(|err| {
            Diagnostic::error(Code::Io, format!("cannot serve on {local}: {err}"))
        })?;
        let server = Arc::new(server);
        let edit = edit
            .then(|| cms::Edit::new(options.clone(), local.port()))
            .transpose()
            .map_err(|why| Diagnostic::error(Code::Internal, why))?;
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            change_log: Mutex::new(ChangeLog::default()),
            clients: Mutex::new(Vec::new()),
            events: Box::new(events),
            stopping: AtomicBool::new(false),
            edit,
            builders: rayon::ThreadPoolBuilder::new()
                .thread_name(|n| format!("serve-build-{n}"))
                .build()
                .map_err(|err| {
                    Diagnostic::error(Code::Internal, format!("cannot start threads: {err}"))
                })?,
        });

        // Watch before the first build, so that an edit saved during it is not missed.
        let (change_tx, changes) = mpsc::channel();
        let watcher = watch(&options.root, change_tx, &shared);
        let (index_tx, index_jobs) = mpsc::channel();
        let mut cache = crate::pipeline::Cache::default();
        rebuild(&shared, &options, &index_tx, &mut cache);

        let mut workers = Vec::with_capacity(WORKERS);
        for n in 0..WORKERS {
            let (shared, server) = (Arc::clone(&shared), Arc::clone(&server));
            workers.push(spawn(&format!("serve-http-{n}"), move || {
                answer_requests(&shared, &server);
            })?);
        }
        let indexer_shared = Arc::clone(&shared);
        spawn("serve-index", move || {
            build_indexes(&indexer_shared, &index_jobs)
        })?;
        let builder_shared = Arc::clone(&shared);
        let builder_watcher = watcher.clone();
        spawn("serve-build", move || {
            let watcher = builder_watcher.as_ref();
            let jobs = &index_tx;
            rebuild_on_changes(
                &builder_shared,
                &options,
                watcher,
                &changes,
                jobs,
                &mut cache,
            );
        })?;

        let base_path = lock(&shared.state)
            .site
            .as_ref()
            .map_or_else(|| "/".to_owned(), |site| site.base_path.clone());
        Ok(Preview {
            url: format!("http://{local}{base_path}"),
            shared,
            server,
            workers,
            _watcher: watcher,
        })
    }

    /// The site's address, `http://127.0.0.1:PORT/` (plus the base path of `base_url`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Stop serving: close the event streams, finish the requests being answered, stop
    /// watching. A build in progress is abandoned with the process.
    pub fn stop(self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        lock(&self.shared.clients).clear();
        self.shared.changed.notify_all();
        for worker in self.workers {
            let _ = worker.join();
        }
        drop(self.server);
    }
}

/// Open `url` in the default browser (`xdg-open`, `open` or `start`), without waiting for it.
pub fn open_in_browser(url: &str) -> io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        std::process::Command::new("xdg-open")
    };
    let mut child = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    // Reap the launcher when it exits, so it does not linger as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}

fn spawn(name: &str, work: impl FnOnce() + Send + 'static) -> Result<JoinHandle<()>, Diagnostic> {
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(work)
        .map_err(|err| {
            Diagnostic::error(
                Code::Internal,
                format!("cannot start the {name} thread: {err}"),
            )
        })
}

/// A poisoned lock only means another thread panicked mid-update; the data is still usable
/// for a preview, and refusing to serve would help nobody.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

// ---------------------------------------------------------------------------------------------
// Watching and building
