//! Editing in the browser (#18): the Decap CMS configuration covers every field of the model;
//! `build` writes `/admin/` only with a `cms:` block; `serve --edit`'s backend over real HTTP
//! (own origin and token only, paths inside `content/` only, atomic writes, the preview rebuilt).
// Marks the helpers below as test code, for clippy.toml (see there).
#![cfg(test)]

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use reperes::cms::{Backend, decap_config};
use reperes::config::{BuildOptions, Config};
use serde_json::{Value, json};

use common::{TestSite, fixtures, reperes, repo};

fn shipped_config() -> Config {
    let options = BuildOptions {
        root: repo(),
        ..BuildOptions::default()
    };
    Config::load(&options).unwrap()
}

/// Every property path of a JSON Schema (`conditions.name.fr`); lists are transparent.
fn schema_paths(value: &Value, definitions: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    if let Some(reference) = value.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/definitions/");
        return schema_paths(&definitions[name], definitions, prefix, out);
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for option in value
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            schema_paths(option, definitions, prefix, out);
        }
    }
    if let Some(items) = value.get("items") {
        schema_paths(items, definitions, prefix, out);
    }
    if let Some(properties) = value.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            let path = format!("{prefix}{name}");
            out.insert(path.clone());
            schema_paths(property, definitions, &format!("{path}."), out);
        }
    }
}

/// Every field path of a Decap collection's fields; a list's single `field` is transparent.
fn field_paths(fields: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    for field in fields.as_array().into_iter().flatten() {
        let path = format!("{prefix}{}", field["name"].as_str().unwrap());
        out.insert(path.clone());
        field_paths(&field["fields"], &format!("{path}."), out);
    }
}

#[test]
fn every_field_of_the_model_has_an_input() {
    let config = shipped_config();
    let languages = config.languages.clone();
    let decap = decap_config(
        &config,
        Backend::Local {
            proxy_url: "/api",
            site_url: "/",
        },
    )
    .unwrap();
    let collections = decap["collections"].as_array().unwrap();
    let pairs = [
        ("network.schema.json", "networks"),
        ("ern.schema.json", "erns"),
        ("partner.schema.json", "partners"),
        ("page.schema.json", "pages"),
        ("glossary.schema.json", "glossary"),
        ("site.schema.json", "settings"),
    ];
    let schemas = reperes::editor::schema::schemas(&languages);
    assert_eq!(schemas.len(), pairs.len(), "a schema without a collection");
    for (file, name) in pairs {
        let text = &schemas.iter().find(|(f, _)| *f == file).unwrap().1;
        let schema: Value = serde_json::from_str(text).unwrap();
        let mut wanted = BTreeSet::new();
        schema_paths(&schema, &schema["definitions"], "", &mut wanted);
        let collection = collections
            .iter()
            .find(|c| c["name"] == json!(name))
            .unwrap();
        let fields = match collection.get("files") {
            Some(files) => &files[0]["fields"],
            None => &collection["fields"],
        };
        let mut present = BTreeSet::new();
        field_paths(fields, "", &mut present);
        let missing: Vec<&String> = wanted.difference(&present).collect();
        assert!(missing.is_empty(), "{name}: no input for {missing:?}");
        assert!(wanted.len() > 5, "{name}: {wanted:?}");
    }
}

#[test]
fn build_writes_admin_only_with_a_cms_block() {
    let site = TestSite::fixture("minimal");
    let out = site.build(&[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!site.public().join("admin").exists());
    assert!(!site.read_output("_headers").contains("/admin/"));

    site.overlay(&fixtures().join("cms"));
    let out = site.build(&[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config: Value = serde_json::from_str(&site.read_output("admin/config.yml")).unwrap();
    assert_eq!(
        config["backend"],
        json!({
            "name": "github",
            "repo": "example-org/reperes-site",
            "branch": "main",
            "base_url": "https://auth.reperes.example",
        })
    );
    assert_eq!(config["site_url"], json!("https://reperes.example/"));
    let page = site.read_output("admin/index.html");
    assert!(
        page.contains("<meta http-equiv=\"Content-Security-Policy\""),
        "{page}"
    );
    assert!(page.contains("<script src=\"decap-cms.js\"></script>"));
    assert!(
        !page.contains("reperes-token"),
        "no token on a published page"
    );
    let headers = site.read_output("_headers");
    let rule = headers
        .split("\n/admin/*\n")
        .nth(1)
        .expect("an /admin/* rule");
    assert!(
        rule.contains("connect-src 'self' https://api.github.com https://auth.reperes.example;"),
        "{rule}"
    );
    assert!(rule.contains("frame-ancestors 'none'"));
    assert!(site.public().join("admin/decap-cms.js").is_file());
    assert!(
        site.read_output("admin/LICENSE.txt")
            .contains("MIT License")
    );
    assert!(site.public().join("admin/reperes-admin.js").is_file());
}

#[test]
fn a_bad_cms_block_is_located() {
    let site = TestSite::fixture("minimal");
    let mut text = fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    text.push_str("cms:\n  backend: github\n  repository: not a repository\n  app_id: x\n");
    site.write("content/site.yaml", &text);
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`not a repository` is not a repository"),
        "{stderr}"
    );
    assert!(stderr.contains("content/site.yaml:"), "{stderr}");
    assert!(
        stderr.contains("`cms.app_id` is for GitLab only"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// `serve --edit` over HTTP

const LIMIT: Duration = Duration::from_secs(30);

/// `reperes serve --edit --port 0` on a site, killed when dropped.
struct Editor {
    child: Child,
    port: u16,
    token: String,
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Editor {
    fn start(root: &Path) -> Editor {
        let mut child = reperes()
            .args(["serve", "--edit", "--port", "0", "--root"])
            .arg(root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let port = loop {
            let line = lines.next().expect("serve exited").unwrap();
            if let Some(rest) = line.strip_prefix("Serving http://127.0.0.1:") {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        // Keep reading stderr so that the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let mut editor = Editor {
            child,
            port,
            token: String::new(),
        };
        let (status, page) = editor.request("GET", "/admin/", &[], "");
        assert_eq!(status, 200, "{page}");
        editor.token = page
            .split("name=\"reperes-token\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .to_owned();
        editor
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// One HTTP/1.1 request; `Host` is this server's unless `headers` gives one.
    fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(LIMIT)).unwrap();
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(name, _)| *name == "Host") {
            head.push_str(&format!("Host: {}\r\n", self.host()));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_owned();
        (status, body)
    }

    /// A backend request as the editor's page sends it, but with `origin`.
    fn api_from(&self, origin: &str, message: &Value) -> (u16, String) {
        let token = self.token.clone();
        let headers = [
            ("Origin", origin),
            ("Content-Type", "application/json"),
            ("X-Reperes-Token", token.as_str()),
        ];
        self.request(
            "POST",
            "/__reperes/cms/api/v1",
            &headers,
            &message.to_string(),
        )
    }

    fn api(&self, message: &Value) -> (u16, String) {
        let origin = format!("http://{}", self.host());
        self.api_from(&origin, message)
    }
}

fn persist(path: &str, raw: &str) -> Value {
    json!({
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "dataFiles": [{"path": path, "slug": "x", "raw": raw}],
            "assets": [],
            "options": {"commitMessage": "test", "useWorkflow": false},
        },
    })
}

#[test]
fn the_backend_reads_and_writes_for_its_own_page_only() {
    let site = TestSite::fixture("minimal");
    let editor = Editor::start(site.root());
    let record = site.root().join("content/networks/netsarc.yaml");
    let before = fs::read_to_string(&record).unwrap();

    let (status, body) = editor.api(&json!({"action": "info", "params": {}}));
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["type"],
        json!("local_fs")
    );
    let listing = json!({"action": "entriesByFolder", "params": {"folder": "content/networks", "extension": "yaml", "depth": 1}});
    let (status, body) = editor.api(&listing);
    assert_eq!(status, 200);
    let entries: Value = serde_json::from_str(&body).unwrap();
    let paths: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"content/networks/netsarc.yaml"),
        "{paths:?}"
    );

    // A page of another site open in the same browser, or a request without the page's token.
    let changed = before.replace("acronym: NETSARC+", "acronym: CHANGED");
    let write = persist("content/networks/netsarc.yaml", &changed);
    let foreign = [
        ("http://evil.example".to_owned(), editor.token.clone()),
        ("null".to_owned(), editor.token.clone()),
        (format!("http://{}", editor.host()), "0".repeat(48)),
    ];
    for (origin, token) in &foreign {
        let headers = [
            ("Origin", origin.as_str()),
            ("Content-Type", "application/json"),
            ("X-Reperes-Token", token.as_str()),
        ];
        let (status, body) = editor.request(
            "POST",
            "/__reperes/cms/api/v1",
            &headers,
            &write.to_string(),
        );
        assert_eq!(status, 403, "{origin}: {body}");
    }
    let no_origin = [
        ("Content-Type", "application/json"),
        ("X-Reperes-Token", editor.token.as_str()),
    ];
    let (status, _) = editor.request(
        "POST",
        "/__reperes/cms/api/v1",
        &no_origin,
        &write.to_string(),
    );
    assert_eq!(status, 403);
    // A DNS-rebinding page: its requests name its own host.
    let rebound = [("Host", "evil.example"), ("Origin", "http://evil.example")];
    assert_eq!(editor.request("GET", "/admin/", &rebound, "").0, 403);
    assert_eq!(fs::read_to_string(&record).unwrap(), before);

    // The page itself: written whole, and the preview shows it.
    let (status, body) = editor.api(&write);
    assert_eq!(status, 200, "{body}");
    assert_eq!(fs::read_to_string(&record).unwrap(), changed);
    let deadline = Instant::now() + LIMIT;
    loop {
        let (_, page) = editor.request("GET", "/reseaux/netsarc/", &[], "");
        if page.contains("CHANGED") {
            break;
        }
        assert!(Instant::now() < deadline, "the preview did not rebuild");
        std::thread::sleep(Duration::from_millis(100));
    }
    // Decap drops comments; the ones that open the file (the schema association) are kept.
    let commented =
        format!("# yaml-language-server: $schema=../.schemas/network.schema.json\n{changed}");
    fs::write(&record, &commented).unwrap();
    let again = changed.replace("CHANGED", "AGAIN");
    let (status, _) = editor.api(&persist("content/networks/netsarc.yaml", &again));
    assert_eq!(status, 200);
    assert_eq!(
        fs::read_to_string(&record).unwrap(),
        format!("# yaml-language-server: $schema=../.schemas/network.schema.json\n{again}")
    );
    let leftovers: Vec<_> = fs::read_dir(record.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_backend_writes_inside_content_only() {
    let site = TestSite::fixture("minimal");
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.yaml"), "secret\n").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        site.root().join("content/networks/leak.yaml"),
    )
    .unwrap();
    let editor = Editor::start(site.root());
    for path in [
        "../outside.yaml",
        "content/../outside.yaml",
        "content/networks/../../outside.yaml",
        "content/networks/%2e%2e%2f%2e%2e%2foutside.yaml",
        "content%2fnetworks%2fx.yaml",
        "/tmp/outside.yaml",
        &site
            .root()
            .join("content/networks/abs.yaml")
            .display()
            .to_string(),
        "content\\networks\\x.yaml",
        "themes/default/templates/base.html",
        "content/site.yml",
        "content/networks/leak.yaml",
        "i18n/fr.ftl",
    ] {
        let (status, body) = editor.api(&persist(path, "acronym: X\n"));
        assert_eq!(status, 403, "{path}: {body}");
    }
    assert_eq!(
        fs::read_to_string(outside.path().join("secret.yaml")).unwrap(),
        "secret\n"
    );
    assert!(!site.root().join("outside.yaml").exists());
    assert!(!site.root().join("content/networks/abs.yaml").exists());
    let media = json!({"action": "persistMedia", "params": {"asset": {"path": "content/media/x.png", "content": "", "encoding": "base64"}}});
    assert_eq!(editor.api(&media).0, 403);
    let read = json!({"action": "getEntry", "params": {"path": "content/networks/leak.yaml"}});
    let (status, body) = editor.api(&read);
    assert_eq!(status, 200);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["data"],
        Value::Null
    );
    assert_eq!(
        editor.request("GET", "/__reperes/cms/api/v1", &[], "").0,
        405
    );
}

/// The browser editor drops comments, so the schema association of editors does not rest on the
/// first-line comment alone: the YAML language server's settings map each kind of file too.
#[test]
fn the_yaml_language_server_maps_every_yaml_kind_to_its_schema() {
    let settings: Value =
        serde_json::from_str(&fs::read_to_string(repo().join(".vscode/settings.json")).unwrap())
            .unwrap();
    let schemas = &settings["yaml.schemas"];
    let expected = [
        ("site", "content/site.yaml"),
        ("network", "content/networks/*.yaml"),
        ("ern", "content/erns/*.yaml"),
        ("partner", "content/partners/*.yaml"),
        ("glossary", "content/glossary.yaml"),
    ];
    for (name, glob) in expected {
        let schema = format!("content/.schemas/{name}.schema.json");
        assert!(repo().join(&schema).is_file(), "{schema}");
        assert_eq!(schemas[&schema], json!([glob]), "{schema}");
    }
    let mapped = schemas.as_object().unwrap().len();
    assert_eq!(
        mapped,
        expected.len(),
        "a schema without files: {schemas:#}"
    );
}
