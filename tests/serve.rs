//! `reperes serve` run as a binary: port 0, pages from memory, rebuild and reload on edits, the
//! error overlay over the last good page, paths outside the site, clean exit on Ctrl-C.
//!
//! Waits poll with generous limits (CI is slow); a short pause between polls is never what a
//! check relies on.
// Marks the helpers below as test code, for clippy.toml (see there).
#![cfg(test)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::{TestSite, reperes};

const LIMIT: Duration = Duration::from_secs(20);

/// A running `reperes serve`, killed when dropped (a failing test leaves no process behind).
struct Serve {
    child: Child,
    port: u16,
    stderr: Receiver<String>,
    /// Everything read from stderr so far, for failure messages.
    log: Vec<String>,
}

impl Serve {
    fn start(root: &Path, extra: &[&str]) -> Serve {
        let mut child = reperes()
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start reperes serve");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut serve = Serve {
            child,
            port: 0,
            stderr: rx,
            log: Vec::new(),
        };
        let line = serve.wait_for_line(|l| l.starts_with("Serving http://127.0.0.1:"));
        let port = line
            .trim_start_matches("Serving http://127.0.0.1:")
            .split('/')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        assert!(line.ends_with(" (Ctrl-C to stop)"), "{line}");
        serve.port = port;
        serve
    }

    /// The next stderr line matching `wanted` (earlier lines are kept in the log).
    fn wait_for_line(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + LIMIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stderr.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if wanted(&line) {
                        return line;
                    }
                }
                Err(_) => panic!("no such line on stderr; got:\n{}", self.log.join("\n")),
            }
        }
    }

    fn get(&self, path: &str) -> Reply {
        get(self.port, path)
    }

    /// Poll `path` until `ok` holds for the reply; the reply.
    fn get_until(&self, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + LIMIT;
        loop {
            let reply = self.get(path);
            if ok(&reply) {
                return reply;
            }
            assert!(
                Instant::now() < deadline,
                "{path}: {what} never happened; last reply:\n{} {}\n{}",
                reply.status,
                reply.head,
                reply.body
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// A plain HTTP/1.1 GET, the path sent exactly as given (no client normalises `..` away).
fn get(port: u16, path: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(LIMIT * 4)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read reply");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").expect("a head and a body");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    Reply {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

/// An open Server-Sent Events connection; its lines arrive on a channel.
struct Events {
    lines: Receiver<String>,
}

impl Events {
    fn open(port: u16, query: &str) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(
            stream,
            "GET /__reperes/events{query} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
             Accept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let events = Events { lines: rx };
        let head = events.next_line();
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        let mut saw_type = false;
        // The stream is registered once the server sent `retry:` (written after registering).
        loop {
            let line = events.next_line();
            saw_type |= line.eq_ignore_ascii_case("content-type: text/event-stream");
            if line.starts_with("retry:") {
                break;
            }
        }
        assert!(saw_type);
        events
    }

    fn next_line(&self) -> String {
        self.lines
            .recv_timeout(LIMIT)
            .expect("a line from the event stream")
    }

    /// Wait for the next `reload` event; its data (the build's generation).
    fn reload(&self) -> u64 {
        loop {
            if self.next_line() == "event: reload" {
                let data = self.next_line();
                return data
                    .strip_prefix("data: ")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("bad data line {data:?}"));
            }
        }
    }
}

#[test]
fn serves_from_memory_rebuilds_reloads_and_shows_errors() {
    let site = TestSite::fixture("minimal");
    let mut serve = Serve::start(site.root(), &[]);
    assert!(
        !site.public().exists(),
        "serve must not write the site to disk"
    );

    // A page, with the live-reload script; the script itself; headers.
    let about = serve.get("/a-propos/");
    assert_eq!(about.status, 200);
    assert_eq!(
        about.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(about.header("cache-control"), Some("no-cache"));
    assert!(about.body.contains("Méthode"));
    assert!(
        about
            .body
            .contains("<script src=\"/__reperes/live.js\" data-generation=\"1\"></script></body>"),
        "{}",
        about.body
    );
    assert!(!about.body.contains("reperes-overlay"));
    let live = serve.get("/__reperes/live.js");
    assert_eq!(live.status, 200);
    assert_eq!(
        live.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(live.body.contains("EventSource"));
    // The stylesheet, under its fingerprinted name.
    let css_path = about
        .body
        .split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    assert!(css_path.starts_with("/assets/site."), "{css_path}");
    let css = serve.get(&css_path);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(serve.get("/a-propos").status, 302);

    // Paths outside the site, plain or encoded, and unknown paths: the site's 404 page.
    for outside in [
        "/../Cargo.toml",
        "/%2e%2e/site.yaml",
        "/..%2fcontent/site.yaml",
        "/../content/site.yaml",
        "/nope/",
    ] {
        let reply = serve.get(outside);
        assert_eq!(reply.status, 404, "{outside}");
        assert!(reply.body.contains("<html lang=\"fr\""), "{outside}");
        assert!(!reply.body.contains("base_url"), "{outside}");
    }

    // The search index arrives after the pages; a request for it waits until it is in.
    let entry = serve.get("/en/pagefind/pagefind-entry.json");
    assert_eq!(entry.status, 200, "{}", entry.body);
    assert_eq!(entry.header("content-type"), Some("application/json"));
    let wasm = serve.get("/pagefind/wasm.fr.pagefind");
    assert_eq!(
        wasm.header("content-type"),
        Some("application/octet-stream")
    );

    // An edit: new content served, `reload` sent to an open page.
    let events = Events::open(serve.port, "");
    let page = "content/pages/a-propos.fr.md";
    let original = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(
        page,
        &format!("{original}\nTexte ajouté pendant l’aperçu.\n"),
    );
    let generation = events.reload();
    assert!(generation >= 2);
    serve.get_until("/a-propos/", "the edit", |r| {
        r.body.contains("Texte ajouté pendant l’aperçu.")
    });

    // A broken template: the last good page, with the diagnostics over it, and a reload.
    let template = "themes/default/templates/page.html";
    let good_template = std::fs::read_to_string(site.root().join(template)).unwrap();
    site.write(template, "{{ unclosed\n");
    assert!(events.reload() > generation);
    serve.wait_for_line(|l| l.starts_with("Build failed"));
    let broken = serve.get_until("/a-propos/", "the overlay", |r| {
        r.body.contains("id=\"reperes-overlay\"")
    });
    assert_eq!(broken.status, 200);
    assert!(broken.body.contains("Texte ajouté pendant l’aperçu."));
    assert!(
        broken
            .body
            .contains("<li>themes/default/templates/page.html:1:"),
        "{}",
        broken.body
    );
    assert!(
        broken
            .body
            .contains("<div id=\"reperes-overlay\" role=\"alert\"")
    );
    // Right after `<body …>`, so that it shows without JavaScript.
    let body_at = broken.body.find("<body").unwrap();
    let tag_end = body_at + broken.body[body_at..].find('>').unwrap() + 1;
    assert!(broken.body[tag_end..].starts_with("<div id=\"reperes-overlay\""));
    let home = serve.get("/en/");
    assert!(home.body.contains("reperes-overlay"));

    // Fixed: the overlay goes, the page reloads.
    site.write(template, &good_template);
    events.reload();
    let fixed = serve.get_until("/a-propos/", "the overlay's removal", |r| {
        !r.body.contains("reperes-overlay")
    });
    assert_eq!(fixed.status, 200);
    assert!(fixed.body.contains("Texte ajouté pendant l’aperçu."));

    // A page that was loaded before a build is told at once that it is stale.
    let stale = Events::open(serve.port, "?since=1");
    assert!(stale.reload() > 1);

    stop(serve);
}

#[test]
fn a_watched_folder_deleted_and_created_again_is_watched_again() {
    let site = TestSite::fixture("minimal");
    let mut serve = Serve::start(site.root(), &[]);
    let events = Events::open(serve.port, "");
    let content = site.root().join("content");
    let aside = site.root().join("content-before");
    // Gone (as during a `git checkout`): the build fails, the last good site stays served.
    std::fs::rename(&content, &aside).unwrap();
    events.reload();
    serve.wait_for_line(|l| l.starts_with("Build failed"));
    // Created again, file by file.
    common::copy_tree(&aside, &content);
    events.reload();
    serve.get_until("/a-propos/", "the site back", |r| {
        r.status == 200 && !r.body.contains("reperes-overlay")
    });
    // An edit in the new folder is seen: it is watched.
    let page = "content/pages/a-propos.fr.md";
    let original = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, &format!("{original}\nAjouté après la recréation.\n"));
    serve.get_until("/a-propos/", "the edit", |r| {
        r.body.contains("Ajouté après la recréation.")
    });
    stop(serve);
}

#[test]
fn a_first_build_that_fails_serves_the_errors_until_fixed() {
    let site = TestSite::fixture("minimal");
    let template = "themes/default/templates/page.html";
    let good_template = std::fs::read_to_string(site.root().join(template)).unwrap();
    site.write(template, "{{ unclosed\n");
    let serve = Serve::start(site.root(), &[]);
    let error = serve.get("/a-propos/");
    assert_eq!(error.status, 500);
    assert!(
        error
            .body
            .contains("<div id=\"reperes-overlay\" role=\"alert\"")
    );
    assert!(error.body.contains("page.html:1:"));
    assert!(error.body.contains("/__reperes/live.js"));
    site.write(template, &good_template);
    let page = serve.get_until("/a-propos/", "a good build", |r| r.status == 200);
    assert!(page.body.contains("Méthode"));
    assert!(!page.body.contains("reperes-overlay"));
    stop(serve);
}

#[test]
fn a_base_path_from_base_url_prefixes_pages_and_endpoints() {
    let site = TestSite::fixture("minimal");
    let serve = Serve::start(site.root(), &["--base-url", "https://preview.example/pr-7"]);
    let root = serve.get("/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("location"), Some("/pr-7/"));
    let about = serve.get("/pr-7/a-propos/");
    assert_eq!(about.status, 200);
    assert!(
        about
            .body
            .contains("<script src=\"/pr-7/__reperes/live.js\"")
    );
    assert_eq!(serve.get("/pr-7/__reperes/live.js").status, 200);
    assert_eq!(serve.get("/a-propos/").status, 404);
    stop(serve);
}

/// Open the live-reload WebSocket as a page of `origin` would (none: as a tool).
fn open_socket(
    port: u16,
    query: &str,
    origin: Option<&str>,
) -> Result<tungstenite::WebSocket<TcpStream>, tungstenite::Error> {
    use tungstenite::client::IntoClientRequest;
    let url = format!("ws://127.0.0.1:{port}/__reperes/live{query}");
    let mut request = url.into_client_request().unwrap();
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("Origin", origin.parse().unwrap());
    }
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(LIMIT)).unwrap();
    tungstenite::client(request, stream)
        .map(|(socket, _)| socket)
        .map_err(|err| match err {
            tungstenite::HandshakeError::Failure(err) => err,
            tungstenite::HandshakeError::Interrupted(_) => panic!("blocking handshake interrupted"),
        })
}

/// The next `reload N` message of a live-reload socket: N.
fn next_reload(socket: &mut tungstenite::WebSocket<TcpStream>) -> u64 {
    loop {
        let message = socket
            .read()
            .expect("a message from the live-reload socket");
        // Pings (keep-alive) are answered by `read` itself.
        if let tungstenite::Message::Text(text) = message {
            return text
                .strip_prefix("reload ")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("bad message {text:?}"));
        }
    }
}

#[test]
fn pages_reload_through_a_websocket_of_their_own_origin_only() {
    let site = TestSite::fixture("minimal");
    let serve = Serve::start(site.root(), &[]);
    let own = format!("http://127.0.0.1:{}", serve.port);
    // More than the six HTTP/1.1 connections a browser opens to a host: all are told.
    let mut sockets: Vec<_> = (0..8)
        .map(|_| open_socket(serve.port, "", Some(&own)).expect("an open socket"))
        .collect();
    // A page loaded before the latest build is told at once.
    let mut stale = open_socket(serve.port, "?since=0", Some(&own)).unwrap();
    assert_eq!(next_reload(&mut stale), 1);
    let page = "content/pages/a-propos.fr.md";
    let original = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, &format!("{original}\nAjouté pour les onglets.\n"));
    for socket in &mut sockets {
        assert!(next_reload(socket) > 1);
    }
    // Another site's page may not open one; a tool (no Origin) may.
    match open_socket(serve.port, "", Some("http://evil.example")) {
        Err(tungstenite::Error::Http(reply)) => assert_eq!(reply.status(), 403),
        other => panic!("expected 403, got {:?}", other.map(|_| ())),
    }
    assert!(open_socket(serve.port, "", None).is_ok());
    // Plain HTTP there is told what is expected.
    assert_eq!(serve.get("/__reperes/live").status, 426);
    stop(serve);
}

/// Ctrl-C (SIGINT) stops the preview with exit code 0; elsewhere the child is killed.
fn stop(mut serve: Serve) {
    if cfg!(unix) {
        let sent = Command::new("kill")
            .args(["-INT", &serve.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success());
        let deadline = Instant::now() + LIMIT;
        let status = loop {
            if let Some(status) = serve.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "still running after SIGINT");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(status.code(), Some(0), "{}", serve.log.join("\n"));
    }
    // Drop kills the child if it is still there.
}

/// Edit-to-reload time on the shipped site: the median over 8 edits of the time from writing
/// `content/pages/a-propos.fr.md` to the `reload` event. The file is restored afterwards (and
/// if the measure fails midway).
///
/// `cargo test --test serve -- --ignored --nocapture`
#[test]
#[ignore = "a measure, not a check: run it explicitly"]
#[allow(clippy::print_stdout)] // printing the figures is its purpose
fn measure_edit_to_reload_on_the_shipped_site() {
    struct Restore<'a>(&'a Path, String);
    impl Drop for Restore<'_> {
        fn drop(&mut self) {
            std::fs::write(self.0, &self.1).unwrap();
        }
    }
    let root = common::repo();
    let page = root.join("content/pages/a-propos.fr.md");
    let original = std::fs::read_to_string(&page).unwrap();
    let _restore = Restore(&page, original.clone());
    let mut serve = Serve::start(&root, &[]);
    serve.wait_for_line(|l| l.starts_with("Search index rebuilt"));
    let events = Events::open(serve.port, "");
    let mut times = Vec::new();
    let mut builds = Vec::new();
    for i in 0..8 {
        // Alternately append a line and remove it: the file ends as it began.
        let text = if i % 2 == 0 {
            format!("{original}\nLigne de mesure {i}.\n")
        } else {
            original.clone()
        };
        let start = Instant::now();
        std::fs::write(&page, text).unwrap();
        events.reload();
        times.push(start.elapsed());
        let built = serve.wait_for_line(|l| l.starts_with("Built "));
        builds.push(built);
        // The next edit starts once the background index is in, as after a person's edit.
        serve.wait_for_line(|l| l.starts_with("Search index rebuilt"));
    }
    let ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1e3).collect();
    let mut sorted = ms.clone();
    sorted.sort_by(f64::total_cmp);
    let median = (sorted[3] + sorted[4]) / 2.0;
    println!("edit-to-reload (ms): {ms:.0?}");
    println!(
        "median {median:.0} ms, min {:.0} ms, max {:.0} ms (debounce 100 ms included)",
        sorted[0], sorted[7]
    );
    for line in builds {
        println!("  {line}");
    }
    stop(serve);
}
