//! Telling open pages to reload. Each open page has a thread that follows the builds (the builder
//! sends every finished build's generation to [`Shared::clients`]) over one of two channels:
//! - `__reperes/live`, a WebSocket: what `live.js` uses. Browsers open at most six HTTP/1.1
//!   connections to a host and a stream held per tab counts against them, so a seventh tab
//!   would wait for a connection; WebSockets have a pool of their own (255 per host in
//!   Chromium, 200 in all in Firefox), so any number of tabs reload.
//! - `__reperes/events`, Server-Sent Events: `live.js`'s fallback where a WebSocket cannot
//!   open (a proxy, an old browser), and readable by tools with plain HTTP (`curl -N`).
//!
//! Both take `?since=N`, the build the page came from: a newer one triggers a reload at once (an
//! edit saved while the page was loading is not missed).

use tiny_http::ReadWrite;
use tungstenite::protocol::{Role, WebSocket};
use tungstenite::{Bytes, Message};

use super::*;

/// What a page's channel is told.
enum Notice {
    /// Reload: build `generation` is served.
    Reload(u64),
    /// Nothing happened for a while: a write that reveals a closed tab, and keeps proxies open.
    KeepAlive,
}

/// `GET …/__reperes/events`: a Server-Sent Events stream.
pub(super) fn stream_events(shared: &Shared, request: Request, query: &str) {
    let open = move || {
        // Written by hand on the raw connection: tiny_http's chunked bodies are buffered, and an
        // event must leave at once. `Connection: close` ends the response with the connection.
        let mut out = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                    Cache-Control: no-cache\r\nX-Accel-Buffering: no\r\nConnection: close\r\n\r\n\
                    retry: 1000\n\n";
        send_text(&mut out, head).map(|()| out)
    };
    let send = |out: &mut Box<dyn Write + Send>, notice| match notice {
        Notice::Reload(generation) => {
            send_text(out, &format!("event: reload\ndata: {generation}\n\n"))
        }
        Notice::KeepAlive => send_text(out, ": keep-alive\n\n"),
    };
    follow_builds(shared, since(query), open, send);
}

/// `GET …/__reperes/live`: a WebSocket whose text messages are `reload N`. Only this preview's
/// own pages may open one (a page of another site may not hold threads of it open).
pub(super) fn open_socket(shared: &Shared, request: Request, query: &str) {
    let header = |name: &str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_owned())
    };
    let upgrade = header("Upgrade").is_some_and(|value| value.eq_ignore_ascii_case("websocket"));
    let (Some(key), true) = (header("Sec-WebSocket-Key"), upgrade) else {
        let reply = plain(426, "a WebSocket handshake is expected here\n");
        let _ = request.respond(with_header(reply, "Upgrade", "websocket"));
        return;
    };
    let own_page = match (header("Origin"), header("Host")) {
        (Some(origin), Some(host)) => origin == format!("http://{host}"),
        // Not a browser page: tools send no Origin.
        (None, _) => true,
        (Some(_), None) => false,
    };
    if !own_page {
        let _ = request.respond(plain(403, "this preview's own pages only\n"));
        return;
    }
    let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
    let open = move || {
        // An empty body: `upgrade` writes the head only, then hands over the connection.
        let switching = with_header(plain(101, ""), "Sec-WebSocket-Accept", &accept);
        let stream = request.upgrade("websocket", switching);
        Ok(WebSocket::from_raw_socket(stream, Role::Server, None))
    };
    let send = |socket: &mut WebSocket<Box<dyn ReadWrite + Send>>, notice| {
        let message = match notice {
            Notice::Reload(generation) => Message::text(format!("reload {generation}")),
            Notice::KeepAlive => Message::Ping(Bytes::new()),
        };
        socket.send(message).map_err(io::Error::other)
    };
    follow_builds(shared, since(query), open, send);
}

/// `since=N` in a query string.
fn since(query: &str) -> Option<u64> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse::<u64>().ok())
}

/// On a thread of its own: `open` the channel, then `send` it a notice per finished build (and
/// keep-alives) until a send fails or the preview stops.
fn follow_builds<C: 'static>(
    shared: &Shared,
    since: Option<u64>,
    open: impl FnOnce() -> io::Result<C> + Send + 'static,
    send: fn(&mut C, Notice) -> io::Result<()>,
) {
    // Registered before reading the generation: a build finishing in between is then sent
    // twice at worst, never missed.
    let (client, builds) = mpsc::channel();
    lock(&shared.clients).push(client);
    let current = lock(&shared.state).generation;
    let follow = move || {
        let Ok(mut channel) = open() else { return };
        if since.is_some_and(|since| since != current)
            && send(&mut channel, Notice::Reload(current)).is_err()
        {
            return;
        }
        loop {
            let notice = match builds.recv_timeout(KEEP_ALIVE) {
                Ok(generation) => Notice::Reload(generation),
                Err(RecvTimeoutError::Timeout) => Notice::KeepAlive,
                // The preview is stopping.
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if send(&mut channel, notice).is_err() {
                return;
            }
        }
    };
    if let Err(err) = std::thread::Builder::new()
        .name("serve-live".to_owned())
        .spawn(follow)
    {
        (shared.events)(Event::Problem {
            message: format!("cannot follow the builds for an open page: {err}"),
        });
    }
}

fn send_text(out: &mut dyn Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.flush()
}
