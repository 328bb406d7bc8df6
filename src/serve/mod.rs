//! `reperes serve`: the live preview. Owns the preview server's threads and their shared state:
//! building the site into memory (pages first, the search index afterwards in the background),
//! watching `content/`, `themes/` and `i18n/`, serving the in-memory [`Output`] on 127.0.0.1
//! (never files from disk), and telling open pages to reload (Server-Sent Events). After a failed
//! build the last good site stays served, with the diagnostics in an overlay on every page.
//!
//! ```text
//! watcher ─▶ changes ─▶ builder (debounce, pipeline::build_with Skip) ─▶ State ◀─ HTTP workers
//!                          │ reload ─▶ SSE clients                        ▲
//!                          └▶ index jobs ─▶ indexer (search::index) ──────┘ merged if still current
//! ```
//! Nothing here prints: what happens is reported as [`Event`]s to the caller's callback.
//! [`http`] holds the pure part (paths, content types, injected markup).

pub mod http;

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

use crate::bodies::Bodies;
use crate::config::{BuildOptions, Config};
use crate::content::Site;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::Output;
use crate::pipeline::{self, SearchIndex};
use crate::search;
use http::{Injection, Target};

/// Quiet time after the last change before rebuilding: editors save in several writes, a few
/// milliseconds apart; a rebuild that still catches a half-saved file is followed by another.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// Comment lines keep idle event streams open through proxies and reveal closed tabs.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How long a request for a search file waits for an index being built.
const INDEX_WAIT: Duration = Duration::from_secs(60);
/// Threads answering requests (a browser opens up to six connections; search requests may wait
/// for the index). Event streams get a thread each.
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
    _watcher: Option<RecommendedWatcher>,
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
    /// One sender per open event stream; a failed send means the stream is gone.
    clients: Mutex<Vec<Sender<u64>>>,
    events: Events,
    stopping: AtomicBool,
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
    config: Config,
    site: Site,
    bodies: Bodies,
}

impl Preview {
    /// Listen on 127.0.0.1:`port` (0 picks a free port), build the site once, then serve it and
    /// rebuild on every change until [`Preview::stop`]. A first build that fails still starts
    /// the preview (it serves the diagnostics until a build succeeds); only a port that cannot
    /// be listened on is an error.
    pub fn start(
        options: BuildOptions,
        port: u16,
        events: impl Fn(Event) + Send + Sync + 'static,
    ) -> Result<Preview, Diagnostic> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let listener = TcpListener::bind(address).map_err(|err| {
            Diagnostic::error(format!("cannot listen on {address}: {err}"))
                .with_help("choose another port with --port N, or --port 0 for any free one")
        })?;
        let local = listener.local_addr().map_err(|err| {
            Diagnostic::error(format!("cannot read the listening address: {err}"))
        })?;
        let server = Server::from_listener(listener, None)
            .map_err(|err| Diagnostic::error(format!("cannot serve on {local}: {err}")))?;
        let server = Arc::new(server);
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            clients: Mutex::new(Vec::new()),
            events: Box::new(events),
            stopping: AtomicBool::new(false),
        });

        // Watch before the first build, so that an edit saved during it is not missed.
        let (change_tx, changes) = mpsc::channel();
        let watcher = watch(&options.root, change_tx, &shared);
        let (index_tx, index_jobs) = mpsc::channel();
        rebuild(&shared, &options, &index_tx);

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
        spawn("serve-build", move || {
            rebuild_on_changes(&builder_shared, &options, &changes, &index_tx);
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
        .map_err(|err| Diagnostic::error(format!("cannot start the {name} thread: {err}")))
}

/// A poisoned lock only means another thread panicked mid-update; the data is still usable
/// for a preview, and refusing to serve would help nobody.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

// ---------------------------------------------------------------------------------------------
// Watching and building

/// Watch the folders the build reads. `None` (reported) if watching cannot start: the preview
/// still serves the first build.
fn watch(root: &Path, changes: Sender<()>, shared: &Arc<Shared>) -> Option<RecommendedWatcher> {
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

fn rebuild_on_changes(
    shared: &Shared,
    options: &BuildOptions,
    changes: &Receiver<()>,
    index_jobs: &Sender<IndexJob>,
) {
    while changes.recv().is_ok() {
        loop {
            match changes.recv_timeout(DEBOUNCE) {
                Ok(()) => {}
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        rebuild(shared, options, index_jobs);
    }
}

/// Build the pages, serve them (or the errors over the last good ones), tell the pages to
/// reload, and queue the search index.
fn rebuild(shared: &Shared, options: &BuildOptions, index_jobs: &Sender<IndexJob>) {
    let started = Instant::now();
    let result = pipeline::build_with(options, SearchIndex::Skip);
    let duration = started.elapsed();
    let generation = match result {
        Ok(built) => {
            let pipeline::Built {
                config,
                site,
                bodies,
                output,
                warnings,
                ..
            } = built;
            let files = output.len();
            let (generation, site_id) = {
                let mut state = lock(&shared.state);
                state.generation += 1;
                let site_id = state.site.as_ref().map_or(1, |s| s.id + 1);
                state.site = Some(Arc::new(ServedSite {
                    id: site_id,
                    output,
                    base_path: config.base_path.clone(),
                    index: IndexState::Pending,
                }));
                state.errors = None;
                (state.generation, site_id)
            };
            shared.changed.notify_all();
            let _ = index_jobs.send(IndexJob {
                site_id,
                config,
                site,
                bodies,
            });
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
}

/// Build the search index of each good build, one at a time, skipping builds already replaced.
fn build_indexes(shared: &Shared, jobs: &Receiver<IndexJob>) {
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let started = Instant::now();
        let result = search::index(&job.config, &job.site, &job.bodies);
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

// ---------------------------------------------------------------------------------------------
// Serving

fn answer_requests(shared: &Shared, server: &Server) {
    while !shared.stopping.load(Ordering::SeqCst) {
        match server.recv_timeout(POLL) {
            Ok(Some(request)) => answer(shared, request),
            Ok(None) => {}
            Err(err) => {
                (shared.events)(Event::Problem {
                    message: format!("cannot accept connections: {err}"),
                });
                std::thread::sleep(POLL);
            }
        }
    }
}

/// One request, answered from memory.
fn answer(shared: &Shared, request: Request) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let reply = with_header(plain(405, "method not allowed\n"), "Allow", "GET, HEAD");
        let _ = request.respond(reply);
        return;
    }
    let target = request.url().to_owned();
    let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
    let path = path.split('#').next().unwrap_or(path);
    // A copy of the state (Arcs): the request is answered without holding the lock.
    let State {
        generation,
        site,
        errors,
    } = lock(&shared.state).clone();
    let base_path = site.as_ref().map_or("/", |s| s.base_path.as_str());
    let reply = match http::resolve(base_path, path) {
        Target::Endpoint(name) => match name.as_str() {
            "events" => return stream_events(shared, request, query),
            "live.js" => text(200, http::content_type("live.js"), LIVE_JS),
            "overlay.css" => text(200, http::content_type("overlay.css"), OVERLAY_CSS),
            _ => plain(404, "not found\n"),
        },
        Target::Redirect(location) => redirect(&location),
        Target::File(file) => match &site {
            None => error_page(base_path, generation, errors.as_deref()),
            Some(current) => {
                let current = match current.output.get(&file) {
                    None if http::is_search_bundle(&file) => wait_for_index(shared),
                    _ => Some(Arc::clone(current)),
                };
                let injection = Injection {
                    base_path,
                    generation,
                    errors: errors.as_deref(),
                };
                match current.as_deref() {
                    Some(site) => file_reply(site, &file, path, injection),
                    None => plain(404, "not found\n"),
                }
            }
        },
        Target::NotFound => match &site {
            None => error_page(base_path, generation, errors.as_deref()),
            Some(site) => not_found(
                site,
                Injection {
                    base_path,
                    generation,
                    errors: errors.as_deref(),
                },
            ),
        },
    };
    let _ = request.respond(reply);
}

/// The served site once its search index is no longer being built (or the wait ran out).
fn wait_for_index(shared: &Shared) -> Option<Arc<ServedSite>> {
    let deadline = Instant::now() + INDEX_WAIT;
    let mut state = lock(&shared.state);
    loop {
        let pending = state
            .site
            .as_ref()
            .is_some_and(|site| site.index == IndexState::Pending);
        let left = deadline.saturating_duration_since(Instant::now());
        if !pending || left.is_zero() || shared.stopping.load(Ordering::SeqCst) {
            return state.site.clone();
        }
        state = shared
            .changed
            .wait_timeout(state, left)
            .map_or_else(|poisoned| poisoned.into_inner().0, |(guard, _)| guard);
    }
}

type Reply = Response<io::Cursor<Vec<u8>>>;

fn file_reply(site: &ServedSite, file: &str, path: &str, injection: Injection<'_>) -> Reply {
    match site.output.get(file) {
        Some(bytes) => page_or_file(200, file, bytes, injection),
        // `/a-propos` → `/a-propos/`, as static hosts do.
        None if site.output.get(&format!("{file}/index.html")).is_some() => {
            redirect(&format!("{path}/"))
        }
        None => not_found(site, injection),
    }
}

/// The site's `404.html` (default language) with status 404.
fn not_found(site: &ServedSite, injection: Injection<'_>) -> Reply {
    match site.output.get("404.html") {
        Some(page) => page_or_file(404, "404.html", page, injection),
        None => plain(404, "not found\n"),
    }
}

fn page_or_file(status: u16, file: &str, bytes: &[u8], injection: Injection<'_>) -> Reply {
    let content_type = http::content_type(file);
    let body = if content_type.starts_with("text/html") {
        http::inject(bytes, injection)
    } else {
        bytes.to_vec()
    };
    reply(status, content_type, body)
}

/// No good build yet: the diagnostics, with status 500, reloading once a build succeeds.
fn error_page(base_path: &str, generation: u64, errors: Option<&[String]>) -> Reply {
    let errors = errors.unwrap_or_default();
    reply(
        500,
        http::content_type("index.html"),
        http::error_page(base_path, generation, errors),
    )
}

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    let reply = Response::from_data(body).with_status_code(status);
    let reply = with_header(reply, "Content-Type", content_type);
    let reply = with_header(reply, "Cache-Control", "no-cache");
    with_header(reply, "X-Content-Type-Options", "nosniff")
}

fn text(status: u16, content_type: &str, body: &str) -> Reply {
    reply(status, content_type, body.as_bytes().to_vec())
}

fn plain(status: u16, body: &str) -> Reply {
    text(status, "text/plain; charset=utf-8", body)
}

fn redirect(location: &str) -> Reply {
    with_header(plain(302, ""), "Location", location)
}

/// Add a header. The values are this module's own ASCII, so the conversion does not fail; if
/// it ever did, the reply goes without that header rather than not at all.
fn with_header(reply: Reply, name: &str, value: &str) -> Reply {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => reply.with_header(header),
        Err(()) => reply,
    }
}

/// `GET …/__reperes/events`: a Server-Sent Events stream that says `reload` after each build.
/// With `?since=N` (the build the page came from), a newer build triggers it at once.
fn stream_events(shared: &Shared, request: Request, query: &str) {
    let since = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse::<u64>().ok());
    // Registered before reading the generation: a build finishing in between is then sent
    // twice at worst, never missed.
    let (client, builds) = mpsc::channel();
    lock(&shared.clients).push(client);
    let current = lock(&shared.state).generation;
    let stream = move || {
        // Written by hand on the raw connection: tiny_http's chunked bodies are buffered, and an
        // event must leave at once. `Connection: close` ends the response with the connection.
        let mut out = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                    Cache-Control: no-cache\r\nX-Accel-Buffering: no\r\nConnection: close\r\n\r\n\
                    retry: 1000\n\n";
        if send(&mut out, head).is_err() {
            return;
        }
        if since.is_some_and(|since| since != current) && send(&mut out, &reload(current)).is_err()
        {
            return;
        }
        loop {
            let message = match builds.recv_timeout(KEEP_ALIVE) {
                Ok(generation) => reload(generation),
                Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_owned(),
                // The preview is stopping.
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if send(&mut out, &message).is_err() {
                return;
            }
        }
    };
    if let Err(err) = std::thread::Builder::new()
        .name("serve-events".to_owned())
        .spawn(stream)
    {
        (shared.events)(Event::Problem {
            message: format!("cannot open an event stream: {err}"),
        });
    }
}

fn reload(generation: u64) -> String {
    format!("event: reload\ndata: {generation}\n\n")
}

fn send(out: &mut dyn Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.flush()
}
