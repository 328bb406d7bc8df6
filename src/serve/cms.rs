//! `serve --edit`: the browser editor at `/admin/` (Decap CMS, vendored in `crate::cms`) and
//! the local backend it talks to, the protocol of Decap's own `decap-server` (`POST` of
//! `{action, params}` JSON), answered directly on the site's files.
//!
//! Who may write: a request must come from this preview's own page, which means its `Host`
//! names this server (127.0.0.1 or localhost, this port: no DNS rebinding), its `Origin` is the
//! same, and it carries the token given to `/admin/` (a random value per process). Anything else
//! gets 403 before its body is read. What may be written is decided by [`guard`].
//! A write is picked up by the watcher like any edit: the preview rebuilds and reloads, and an
//! invalid file shows in the error overlay.

pub(super) mod guard;

use std::collections::BTreeMap;
use std::io::{self, Read};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tiny_http::{Header, Method, Request, Response};

use crate::cms::{self, Backend};
use crate::config::{BuildOptions, Config};
use guard::Refusal;

/// The local backend's path below the site's base path.
const API: &str = "__reperes/cms/api/v1";
/// The header carrying the token.
const TOKEN_HEADER: &str = "X-Reperes-Token";
/// The largest request body read (a page with its front matter is a few tens of kB).
const MAX_BODY: u64 = 8 << 20;

type Reply = Response<io::Cursor<Vec<u8>>>;

/// What `--edit` adds to the preview.
pub(super) struct Edit {
    options: BuildOptions,
    port: u16,
    /// Random, per process: only `/admin/` learns it.
    token: String,
    /// The CMS's files, by name (decompressed once).
    bundle: BTreeMap<String, Vec<u8>>,
}

impl Edit {
    pub(super) fn new(options: BuildOptions, port: u16) -> Result<Edit, String> {
        let mut bytes = [0u8; 24];
        getrandom::fill(&mut bytes).map_err(|err| format!("no random token: {err}"))?;
        let token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let bundle = cms::bundle::files()?.into_iter().collect();
        Ok(Edit {
            options,
            port,
            token,
            bundle,
        })
    }

    /// The origins this preview's pages have.
    fn own_hosts(&self) -> [String; 2] {
        [
            format!("127.0.0.1:{}", self.port),
            format!("localhost:{}", self.port),
        ]
    }
}

/// Answer `request` if it is the editor's (`<base>admin/…` or the backend); `None` leaves it to
/// the preview.
pub(super) fn answer(edit: &Edit, request: &mut Request, base_path: &str) -> Option<Reply> {
    let url = request.url().to_owned();
    let path = url.split(['?', '#']).next().unwrap_or(&url);
    let rest = path.strip_prefix(base_path)?;
    let admin = format!("{}/", cms::ADMIN_DIR);
    if rest != API && rest != cms::ADMIN_DIR && !rest.starts_with(&admin) {
        return None;
    }
    if !host_is_own(edit, request) {
        return Some(error(403, "this server answers its own address only"));
    }
    if rest == API {
        return Some(api(edit, request));
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return Some(error(405, "method not allowed"));
    }
    let Some(name) = rest.strip_prefix(&admin) else {
        return Some(redirect(&format!("{base_path}{admin}")));
    };
    Some(admin_file(edit, name, base_path))
}

fn admin_file(edit: &Edit, name: &str, base_path: &str) -> Reply {
    // The page and the configuration follow `site.yaml` (languages, title) as it is now.
    let config = match name {
        "" | "config.yml" => match Config::load(&edit.options) {
            Ok(config) => Some(config),
            Err(_) => return error(503, "content/site.yaml has errors: see the preview"),
        },
        _ => None,
    };
    match (name, config) {
        ("", Some(config)) => {
            let endpoint = format!("{base_path}{API}");
            let page = cms::admin_page(&config, Some((&edit.token, &endpoint)), None);
            let reply = reply(200, "text/html; charset=utf-8", page.into_bytes());
            with_header(reply, "Content-Security-Policy", &cms::csp_local())
        }
        ("config.yml", Some(config)) => {
            let proxy_url = format!("{base_path}{API}");
            let site_url = format!("http://127.0.0.1:{}{base_path}", edit.port);
            let backend = Backend::Local {
                proxy_url: &proxy_url,
                site_url: &site_url,
            };
            match cms::decap_config(&config, backend) {
                Ok(value) => reply(200, "application/json", value.to_string().into_bytes()),
                Err(d) => error(500, &d.message),
            }
        }
        ("reperes-admin.js", _) => reply(200, JS, cms::ADMIN_SCRIPT.as_bytes().to_vec()),
        ("LICENSE.txt", _) => reply(200, TEXT, cms::bundle::LICENSE.as_bytes().to_vec()),
        _ => match edit.bundle.get(name) {
            Some(bytes) if name.ends_with(".js") => reply(200, JS, bytes.clone()),
            Some(bytes) => reply(200, TEXT, bytes.clone()),
            None => error(404, "not found"),
        },
    }
}

const JS: &str = "text/javascript; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

fn host_is_own(edit: &Edit, request: &Request) -> bool {
    header(request, "Host").is_some_and(|host| edit.own_hosts().iter().any(|own| own == host))
}

/// Why a write request is not this preview's page's, if it is not.
fn foreign(edit: &Edit, request: &Request) -> Option<&'static str> {
    let own_origin = |origin: &str| {
        edit.own_hosts()
            .iter()
            .any(|host| origin == format!("http://{host}"))
    };
    if !header(request, "Origin").is_some_and(own_origin) {
        return Some("writes are accepted from this preview's own page only (Origin)");
    }
    // Browsers that send it say where the request comes from; a page of another site is
    // `cross-site`.
    if header(request, "Sec-Fetch-Site").is_some_and(|site| site != "same-origin") {
        return Some("writes are accepted from this preview's own page only (Sec-Fetch-Site)");
    }
    let token = header(request, TOKEN_HEADER).unwrap_or_default();
    if !same_secret(token.as_bytes(), edit.token.as_bytes()) {
        return Some("writes need the token of this preview's /admin/ page");
    }
    let json = header(request, "Content-Type")
        .is_some_and(|kind| kind.trim_start().starts_with("application/json"));
    if !json {
        return Some("the backend reads JSON only");
    }
    None
}

/// Compare without stopping at the first difference (the time taken says nothing of the token).
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn api(edit: &Edit, request: &mut Request) -> Reply {
    if request.method() != &Method::Post {
        return error(405, "the backend answers POST only");
    }
    if let Some(why) = foreign(edit, request) {
        return error(403, why);
    }
    let mut body = Vec::new();
    let read = request
        .as_reader()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body);
    if read.is_err() || body.len() as u64 > MAX_BODY {
        return error(413, "the request is too large or was cut short");
    }
    let Ok(message) = serde_json::from_slice::<Value>(&body) else {
        return error(400, "the request is not JSON");
    };
    let config = match Config::load(&edit.options) {
        Ok(config) => config,
        Err(_) => {
            return error(
                503,
                "content/site.yaml has errors: fix them in a text editor",
            );
        }
    };
    let action = message["action"].as_str().unwrap_or_default();
    let params = &message["params"];
    match action_reply(&config, action, params) {
        Ok(value) => reply(200, "application/json", value.to_string().into_bytes()),
        Err(refusal) => error(refusal.status(), &refusal.to_string()),
    }
}

/// One action of Decap's local-backend protocol.
fn action_reply(config: &Config, action: &str, params: &Value) -> Result<Value, Refusal> {
    let root = &config.root;
    let text = |key: &str| params[key].as_str().unwrap_or_default();
    match action {
        "info" => {
            let repo = root
                .canonicalize()
                .ok()
                .and_then(|path| path.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "site".into());
            Ok(json!({"repo": repo, "publish_modes": ["simple"], "type": "local_fs"}))
        }
        "entriesByFolder" => {
            let files = guard::list(config, text("folder"), text("extension"))?;
            Ok(Value::Array(
                files.iter().map(|path| entry(config, path, None)).collect(),
            ))
        }
        "entriesByFiles" => {
            let files = params["files"].as_array().cloned().unwrap_or_default();
            let entries = files
                .iter()
                .map(|file| {
                    let path = file["path"].as_str().unwrap_or_default();
                    entry(config, path, file["label"].as_str())
                })
                .collect();
            Ok(Value::Array(entries))
        }
        "getEntry" => Ok(entry(config, text("path"), None)),
        "unpublishedEntries" => Ok(json!([])),
        "persistEntry" => persist(config, params),
        "getMedia" => Ok(json!([])),
        "getMediaFile" | "persistMedia" => Err(Refusal::NoMedia),
        "deleteFile" => {
            guard::delete(config, &[text("path")])?;
            Ok(json!({"message": format!("deleted file {}", text("path"))}))
        }
        "deleteFiles" => {
            let paths: Vec<&str> = params["paths"]
                .as_array()
                .map(|all| all.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            guard::delete(config, &paths)?;
            Ok(json!({"message": format!("deleted files {}", paths.join(", "))}))
        }
        "getDeployPreview" => Ok(Value::Null),
        other => Err(Refusal::UnknownAction(other.to_owned())),
    }
}

/// An entry as `decap-server` gives it: its text and its path; `data: null` when it cannot be
/// read (or may not be).
fn entry(config: &Config, path: &str, label: Option<&str>) -> Value {
    match guard::read(config, path) {
        Ok(bytes) => json!({
            "data": String::from_utf8_lossy(&bytes),
            "file": {"path": path, "label": label, "id": hex(&Sha256::digest(&bytes))},
        }),
        Err(_) => json!({"data": null, "file": {"path": path, "label": label, "id": null}}),
    }
}

/// `persistEntry`: every data file checked before any is written; no assets (the model has no
/// media); a new path (a renamed entry) must be editable too.
fn persist(config: &Config, params: &Value) -> Result<Value, Refusal> {
    let files: Vec<&Value> = match params["dataFiles"].as_array() {
        Some(files) => files.iter().collect(),
        None => vec![&params["entry"]],
    };
    if params["assets"].as_array().is_some_and(|a| !a.is_empty()) {
        return Err(Refusal::NoMedia);
    }
    let mut writes = Vec::new();
    for file in files {
        let (Some(path), Some(raw)) = (file["path"].as_str(), file["raw"].as_str()) else {
            return Err(Refusal::BadRequest(
                "an entry without `path` or `raw`".into(),
            ));
        };
        let target = file["newPath"].as_str().unwrap_or(path);
        let text = match guard::read(config, path) {
            Ok(old) => keep_leading_comments(&String::from_utf8_lossy(&old), raw),
            Err(_) => raw.to_owned(),
        };
        writes.push((path, target, text));
    }
    let writes: Vec<(&str, &str, &str)> = writes
        .iter()
        .map(|(path, target, text)| (*path, *target, text.as_str()))
        .collect();
    guard::write_all(config, &writes)?;
    Ok(json!({"message": "entry persisted"}))
}

/// Decap's YAML writer drops comments. The comment lines that open a YAML file (such as the
/// schema association, `# yaml-language-server: $schema=…`) say what the file is, not what a
/// value is: they are put back when the new text has none. Comments further down are lost.
fn keep_leading_comments(old: &str, new: &str) -> String {
    let leading: String = old
        .lines()
        .take_while(|line| line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    if leading.is_empty() || new.starts_with('#') || new.starts_with("---") {
        return new.to_owned();
    }
    leading + new
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    let reply = Response::from_data(body).with_status_code(status);
    let reply = with_header(reply, "Content-Type", content_type);
    let reply = with_header(reply, "Cache-Control", "no-cache");
    let reply = with_header(reply, "X-Content-Type-Options", "nosniff");
    with_header(reply, "X-Frame-Options", "DENY")
}

fn error(status: u16, message: &str) -> Reply {
    let body = json!({ "error": message }).to_string().into_bytes();
    reply(status, "application/json", body)
}

fn redirect(location: &str) -> Reply {
    with_header(reply(302, TEXT, Vec::new()), "Location", location)
}

/// Our own ASCII values: the conversion does not fail; if it did, the header is left out.
fn with_header(reply: Reply, name: &str, value: &str) -> Reply {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => reply.with_header(header),
        Err(()) => reply,
    }
}
