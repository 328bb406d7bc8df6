//! Answering requests from the served site in memory (the live-reload channels are `live`'s).

use super::http::{self, Injection, Target};
use super::live::{open_socket, stream_events};
use super::*;

pub(super) fn answer_requests(shared: &Shared, server: &Server) {
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

/// One request, answered from memory (the editor's, with `--edit`, by `cms`).
fn answer(shared: &Shared, mut request: Request) {
    if let Some(edit) = &shared.edit {
        let base_path = lock(&shared.state)
            .site
            .as_ref()
            .map_or_else(|| "/".to_owned(), |site| site.base_path.clone());
        if let Some(reply) = super::cms::answer(edit, &mut request, &base_path) {
            let _ = request.respond(reply);
            return;
        }
    }
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
        ..
    } = lock(&shared.state).clone();
    let base_path = site.as_ref().map_or("/", |s| s.base_path.as_str());
    let reply = match http::resolve(base_path, path) {
        Target::Endpoint(name) => match name.as_str() {
            "live" => return open_socket(shared, request, query),
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

pub(super) fn plain(status: u16, body: &str) -> Reply {
    text(status, "text/plain; charset=utf-8", body)
}

fn redirect(location: &str) -> Reply {
    with_header(plain(302, ""), "Location", location)
}

/// Add a header. The values are this module's own ASCII, so the conversion does not fail; if
/// it ever did, the reply goes without that header rather than not at all.
pub(super) fn with_header(reply: Reply, name: &str, value: &str) -> Reply {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => reply.with_header(header),
        Err(()) => reply,
    }
}
