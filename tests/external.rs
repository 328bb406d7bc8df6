//! `reperes check --external` against a server on 127.0.0.1 started here, never the internet:
//! every web address of the test site is rewritten to point at it (`https://host/path` →
//! `http://127.0.0.1:<port>/host/path`), and `/case/<name>` in the path chooses its answer:
//!
//! | case | answer |
//! |---|---|
//! | (any other path) | 200 |
//! | `moved` | 301 → `…/case/ok-new` |
//! | `temporary` | 302 → `…/case/ok` |
//! | `missing`, `gone` | 404, 410 |
//! | `down` | 503, always |
//! | `flaky` | 500 to the first two requests (`HEAD` and `GET`), then 200 |
//! | `slow` | 200 after 2 s (the check waits 1 s) |
//! | `no-head` | 405 to `HEAD`, 200 to `GET` |
//!
//! `refused.test` points at a port nothing listens on. The server counts the requests of each
//! path, so the tests see what was asked, and that a second run within the cache time asks
//! nothing. An unknown host (DNS) is not tested here (the answer would depend on the machine's
//! resolver and network); its classification is unit-tested in `check::external::probe`.
// Marks the helpers below as test code, for clippy.toml (see there).
#![cfg(test)]

mod common;

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{TestSite, fixtures, reperes, stderr};
use walkdir::WalkDir;

/// A local HTTP server that answers by `/case/<name>` and counts requests per path and method.
struct LinkServer {
    port: u16,
    /// A port nothing listens on (`refused.test`).
    closed: u16,
    counts: Arc<Mutex<BTreeMap<String, usize>>>,
}

impl LinkServer {
    fn start() -> LinkServer {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let closed = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let counts: Arc<Mutex<BTreeMap<String, usize>>> = Arc::default();
        let seen = Arc::clone(&counts);
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let path = request.url().to_owned();
                let method = request.method().to_string();
                let served = {
                    let mut seen = seen.lock().unwrap();
                    let all = seen.entry(path.clone()).or_default();
                    *all += 1;
                    let before = *all;
                    *seen.entry(format!("{method} {path}")).or_default() += 1;
                    before
                };
                // One thread per request: a slow answer holds up no other.
                std::thread::spawn(move || answer(request, &path, &method, served));
            }
        });
        LinkServer {
            port,
            closed,
            counts,
        }
    }

    /// Requests so far: all of them, or those of one path (`"GET /x"` for one method).
    fn total(&self) -> usize {
        let counts = self.counts.lock().unwrap();
        counts
            .iter()
            .filter(|(key, _)| key.starts_with('/'))
            .map(|(_, n)| n)
            .sum()
    }

    fn count(&self, key: &str) -> usize {
        self.counts.lock().unwrap().get(key).copied().unwrap_or(0)
    }

    /// Point every web address of the site's `content/` (but `site.yaml`, whose `base_url` is
    /// the site's own) at this server.
    fn localize(&self, root: &Path) {
        for entry in WalkDir::new(root.join("content")) {
            let entry = entry.unwrap();
            let path = entry.path();
            if !entry.file_type().is_file() || path.ends_with("site.yaml") {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            std::fs::write(path, self.rewrite(&text)).unwrap();
        }
    }

    fn rewrite(&self, text: &str) -> String {
        rewrite_hosts(text, |host| {
            if host == "refused.test" {
                format!("http://127.0.0.1:{}", self.closed)
            } else {
                format!("http://127.0.0.1:{}/{host}", self.port)
            }
        })
    }

    /// `text` with this run's ports replaced by `PORT` and `CLOSED`.
    fn normalize(&self, text: &str) -> String {
        text.replace(&format!("127.0.0.1:{}", self.port), "127.0.0.1:PORT")
            .replace(&format!("127.0.0.1:{}", self.closed), "127.0.0.1:CLOSED")
    }
}

/// `text` with the `scheme://host` of each web address replaced by `to(host)`.
fn rewrite_hosts(text: &str, mut to: impl FnMut(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = ["http://", "https://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        out.push_str(&rest[..start]);
        let (_, address) = rest[start..].split_once("://").unwrap();
        let end = address
            .find(['/', '"', '\'', ')', ' ', '\n', '>'])
            .unwrap_or(address.len());
        out.push_str(&to(&address[..end]));
        rest = &address[end..];
    }
    out.push_str(rest);
    out
}

fn answer(request: tiny_http::Request, path: &str, method: &str, served: usize) {
    let case = path
        .split("/case/")
        .nth(1)
        .unwrap_or("ok")
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    let redirect = |status: u16, to: &str| {
        let target = path.replace(&format!("/case/{case}"), to);
        tiny_http::Response::empty(status)
            .with_header(tiny_http::Header::from_bytes("Location", target).unwrap())
    };
    let response = match case {
        "moved" => redirect(301, "/case/ok-new"),
        "temporary" => redirect(302, "/case/ok"),
        "missing" => tiny_http::Response::empty(404),
        "gone" => tiny_http::Response::empty(410),
        "down" => tiny_http::Response::empty(503),
        "flaky" if served <= 2 => tiny_http::Response::empty(500),
        "no-head" if method == "HEAD" => tiny_http::Response::empty(405),
        "slow" => {
            std::thread::sleep(Duration::from_secs(2));
            tiny_http::Response::empty(200)
        }
        _ => tiny_http::Response::empty(200),
    };
    let _ = request.respond(response);
}

/// The `external` fixture over `minimal`, its addresses pointing at `server`.
fn site(server: &LinkServer) -> TestSite {
    let site = TestSite::fixture("minimal");
    site.overlay(&fixtures().join("external"));
    server.localize(site.root());
    site
}

fn check(site: &TestSite, extra: &[&str]) -> Output {
    reperes()
        .arg("check")
        .arg("--root")
        .arg(site.root())
        .args(["--today", "2026-11-22", "--external", "--timeout-secs", "1"])
        .args(extra)
        .output()
        .unwrap()
}

/// The findings' lines of a run, without the timing, ports and temporary folder.
fn findings(server: &LinkServer, site: &TestSite, out: &Output) -> String {
    let text = server.normalize(&stderr(out));
    let text = text.replace(&site.root().display().to_string(), "<root>");
    text.lines()
        .map(|line| match line.split_once(" requests in ") {
            Some((before, _)) => format!("{before} requests in <time>"),
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn each_case_is_found_with_its_severity_and_place_then_cached() {
    let server = LinkServer::start();
    let site = site(&server);
    let start = Instant::now();
    let out = check(&site, &[]);
    let elapsed = start.elapsed();
    let text = findings(&server, &site, &out);
    assert_eq!(out.status.code(), Some(1), "{text}");

    let has = |line: &str| text.lines().any(|l| l.starts_with(line));
    let url = |case: &str| format!("`http://127.0.0.1:PORT/links.test/case/{case}`");
    // Dead and server errors are errors, at the YAML value or where the Markdown writes them.
    assert!(
        has(&format!(
            "content/networks/netsarc.yaml:24:10: error: dead link: {} answers 410 Gone",
            url("gone")
        )),
        "{text}"
    );
    assert!(
        has(&format!(
            "content/networks/netsarc.yaml:27:47: error: server error: {} answers 503 Service \
         Unavailable, also when asked again",
            url("down")
        )),
        "{text}"
    );
    // One address cited in two places: asked once, reported at both.
    assert!(
        has(&format!(
            "content/erns/euracan.yaml:8:26: error: dead link: {} answers 404 Not Found",
            url("missing")
        )),
        "{text}"
    );
    assert!(
        has(&format!(
            "content/pages/a-propos.fr.md:23:20: error: dead link: {} answers 404 Not Found",
            url("missing")
        )),
        "{text}"
    );
    assert!(
        has(
            "content/erns/euracan.yaml:11:9: error: dead link: `http://127.0.0.1:CLOSED/euracan`: \
         the server refuses connections"
        ),
        "{text}"
    );
    // A permanent redirect is a warning that gives the new address; so is a timeout.
    assert!(
        has(&format!(
            "content/networks/netmeso.yaml:28:10: warning: {} has moved permanently (301) to {}",
            url("moved"),
            url("ok-new")
        )),
        "{text}"
    );
    assert!(
        has(&format!(
            "content/pages/a-propos.en.md:9:36: warning: {} did not answer in time, also when asked \
         again",
            url("slow")
        )),
        "{text}"
    );
    // The rest work: a temporary redirect, a retry that succeeds, a refused HEAD. (Only the
    // findings' first lines: the source excerpts under them may show other addresses.)
    let headlines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .collect();
    for quiet in [
        "temporary",
        "/case/ok`",
        "flaky",
        "no-head",
        "www.cancer.fr",
    ] {
        assert!(
            headlines.iter().all(|l| !l.contains(quiet)),
            "{quiet}:\n{text}"
        );
    }
    assert!(text.contains("5 error(s), 2 warning(s)"), "{text}");
    // Each address once: the 404 cited twice is asked with HEAD then GET, once.
    assert_eq!(server.count("HEAD /links.test/case/missing"), 1);
    assert_eq!(server.count("GET /links.test/case/missing"), 1);
    assert_eq!(server.count("GET /links.test/case/no-head"), 1);
    // 500 to HEAD and GET, a pause, then 200 to HEAD.
    assert_eq!(server.count("/links.test/case/flaky"), 3);
    // A timeout is asked twice (no GET after a HEAD that did not answer).
    assert_eq!(server.count("HEAD /links.test/case/slow"), 2);
    assert_eq!(server.count("GET /links.test/case/slow"), 0);
    // The slow case (2 × 1 s + 1 s before the retry) bounds the run: asked in parallel.
    assert!(elapsed < Duration::from_secs(15), "{elapsed:?}");
    insta::assert_snapshot!("external-first-run", text);

    // Within the cache time: the same findings, and not one request.
    let asked = server.total();
    let again = check(&site, &[]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(server.total(), asked, "a second run asked the server");
    let second = findings(&server, &site, &again);
    assert!(
        second.contains("web addresses: 18 checked, 18 from the cache (7 days), 0 asked"),
        "{second}"
    );
    let lines = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(lines(&second), lines(&text));

    // The cache: sorted keys, a check time for each, and ignored by git.
    let cache = std::fs::read_to_string(site.root().join(".reperes-cache/links.json")).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&cache).unwrap();
    let keys: Vec<&String> = parsed["links"].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 18);
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
    assert!(cache.contains("\"checked\": \""));
    assert!(site.root().join(".reperes-cache/.gitignore").exists());

    // --refresh asks again, and so does a cache of 0 days.
    let refreshed = check(&site, &["--refresh"]);
    assert_eq!(refreshed.status.code(), Some(1));
    assert!(server.count("/links.test/case/ok-new") >= 2);
    let before = server.total();
    let zero = check(&site, &["--cache-days", "0"]);
    assert_eq!(zero.status.code(), Some(1));
    assert!(server.total() > before);
}

#[test]
fn json_and_github_formats_locate_the_findings() {
    let server = LinkServer::start();
    let site = site(&server);
    let json = check(&site, &["--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let stdout = server.normalize(&String::from_utf8_lossy(&json.stdout));
    let parsed: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let gone = parsed
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["message"]
                .as_str()
                .unwrap_or_default()
                .contains("410 Gone")
        })
        .unwrap();
    assert_eq!(gone["severity"], "error");
    assert_eq!(gone["file"], "content/networks/netsarc.yaml");
    assert_eq!(
        (gone["line"].as_u64(), gone["column"].as_u64()),
        (Some(24), Some(10))
    );

    let github = check(&site, &["--format", "github"]);
    let stdout = server.normalize(&String::from_utf8_lossy(&github.stdout));
    assert!(
        stdout.lines().any(|l| l.starts_with(
            "::warning file=content/networks/netmeso.yaml,line=28,col=10::\
             `http://127.0.0.1:PORT/links.test/case/moved` has moved permanently (301)"
        )),
        "{stdout}"
    );
}

#[test]
fn without_external_nothing_is_asked() {
    let server = LinkServer::start();
    let site = site(&server);
    let out = reperes()
        .arg("check")
        .arg("--root")
        .arg(site.root())
        .args(["--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(server.total(), 0);
    assert!(!site.root().join(".reperes-cache").exists());
    // The options that only make sense with --external are refused without it.
    let out = reperes()
        .arg("check")
        .arg("--root")
        .arg(site.root())
        .args(["--refresh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn no_answer_at_all_is_an_outage_not_dead_links() {
    let server = LinkServer::start();
    let site = TestSite::fixture("minimal");
    // Every address at a port nothing listens on.
    for entry in WalkDir::new(site.root().join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && !entry.path().ends_with("site.yaml") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let text = text.replace("https://", "https://refused.test/");
            std::fs::write(entry.path(), server.rewrite(&text)).unwrap();
        }
    }
    let out = check(&site, &[]);
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("the network seems unavailable"), "{text}");
    assert!(text.contains("0 error(s), 0 warning(s): the web addresses could not be checked"));
}

/// The run time of `check --external` on the shipped content, every address pointing at a local
/// server of its own host (one server per host, so that the per-host limit applies as it would
/// on the internet), each answering 200 after `REPERES_BENCH_DELAY_MS` (default 0, then 100).
/// A measure, not a check: `cargo test --release --test external -- --ignored --nocapture`.
#[test]
#[ignore = "a measure: run with --ignored --nocapture"]
#[allow(clippy::print_stdout)] // printing the figures is its purpose
fn measure_shipped_content() {
    let site = TestSite::fixture("minimal");
    std::fs::remove_dir_all(site.root().join("content")).unwrap();
    common::copy_tree(
        &common::repo().join("content"),
        &site.root().join("content"),
    );
    let delays: Vec<u64> = match std::env::var("REPERES_BENCH_DELAY_MS") {
        Ok(ms) => vec![ms.parse().unwrap()],
        Err(_) => vec![0, 100],
    };
    // One server per host of the content, all answering 200 after the delay.
    let delay = Arc::new(Mutex::new(Duration::ZERO));
    let mut ports: BTreeMap<String, u16> = BTreeMap::new();
    for entry in WalkDir::new(site.root().join("content")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() || entry.path().ends_with("site.yaml") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let text = rewrite_hosts(&text, |host| {
            let port = *ports
                .entry(host.to_owned())
                .or_insert_with(|| serve_after(Arc::clone(&delay)));
            format!("http://127.0.0.1:{port}")
        });
        std::fs::write(entry.path(), text).unwrap();
    }
    for ms in delays {
        *delay.lock().unwrap() = Duration::from_millis(ms);
        let _ = std::fs::remove_dir_all(site.root().join(".reperes-cache"));
        let start = Instant::now();
        let out = check_shipped(&site);
        let elapsed = start.elapsed();
        let text = stderr(&out);
        let line = |start: &str| text.lines().find(|l| l.starts_with(start)).unwrap_or("");
        println!(
            "shipped content, {} hosts, answers after {ms} ms: {:.2} s in all\n  {}\n  {}",
            ports.len(),
            elapsed.as_secs_f64(),
            line("checking"),
            line("web addresses:"),
        );
        let start = Instant::now();
        let cached = check_shipped(&site);
        println!(
            "  second run, from the cache: {:.2} s",
            start.elapsed().as_secs_f64()
        );
        assert_eq!(cached.status.code(), out.status.code());
    }
}

/// A server on 127.0.0.1 answering 200 to everything after `delay`; its port.
fn serve_after(delay: Arc<Mutex<Duration>>) -> u16 {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let wait = *delay.lock().unwrap();
            std::thread::spawn(move || {
                std::thread::sleep(wait);
                let _ = request.respond(tiny_http::Response::empty(200));
            });
        }
    });
    port
}

/// `check --external` on the copy of the shipped content.
fn check_shipped(site: &TestSite) -> Output {
    reperes()
        .arg("check")
        .arg("--root")
        .arg(site.root())
        .args(["--today", "2026-12-01", "--external"])
        .output()
        .unwrap()
}
