//! The editors' tools: `reperes schema` (JSON Schemas of the content files) and `reperes new`
//! (a content file ready to fill in), as a binary on fixture sites and against the shipped
//! content.
// Marks the helpers below as test code, for clippy.toml (see there).
#![cfg(test)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{TestSite, reperes, stderr};
use reperes::config::{BuildOptions, Config};
use serde_json::Value;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn run(site: &TestSite, args: &[&str]) -> std::process::Output {
    reperes()
        .args(args)
        .arg("--root")
        .arg(site.root())
        .output()
        .unwrap()
}

/// The schema that applies to a content file, by its path under `content/`.
fn schema_name(rel: &str) -> &'static str {
    match rel.split('/').next() {
        Some("site.yaml") => "site",
        Some("glossary.yaml") => "glossary",
        Some("networks") => "network",
        Some("erns") => "ern",
        Some("partners") => "partner",
        Some("pages") => "page",
        _ => panic!("no schema for {rel}"),
    }
}

fn validator(content: &Path, name: &str) -> jsonschema::Validator {
    let path = content.join(format!(".schemas/{name}.schema.json"));
    let schema: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The YAML of a content file (a page's front matter) as JSON, the way the editor sees it.
fn as_json(rel: &str, text: &str) -> Value {
    let yaml = if rel.ends_with(".md") {
        reperes::source::split_front_matter(text).unwrap().yaml
    } else {
        text
    };
    serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every schema error of each content file under `content`: `file: /path: message`.
fn schema_errors(content: &Path) -> Vec<String> {
    let mut errors = Vec::new();
    for entry in walkdir::WalkDir::new(content).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(content)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !entry.file_type().is_file() || rel.starts_with(".schemas/") {
            continue;
        }
        let instance = as_json(&rel, &fs::read_to_string(entry.path()).unwrap());
        let validator = validator(content, schema_name(&rel));
        for error in validator.iter_errors(&instance) {
            errors.push(format!("{rel}: {}: {error}", error.instance_path()));
        }
    }
    errors
}

// --- reperes schema ---

#[test]
fn committed_schemas_are_the_generated_ones() {
    let config = Config::load(&BuildOptions {
        root: common::repo(),
        ..BuildOptions::default()
    })
    .unwrap();
    let stale = reperes::editor::schema::check(&common::repo(), &config.languages).unwrap();
    assert!(
        stale.is_empty(),
        "run `cargo run -- schema` and commit content/.schemas/: {stale:?}"
    );
}

#[test]
fn shipped_content_is_valid_against_its_schemas() {
    let content = common::repo().join("content");
    let errors = schema_errors(&content);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_shipped_yaml_file_names_its_schema_on_its_first_line() {
    let content = common::repo().join("content");
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&content).unwrap();
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".yaml") {
            continue;
        }
        let prefix = if rel.contains('/') { "../" } else { "" };
        let expected = format!(
            "# yaml-language-server: $schema={prefix}.schemas/{}.schema.json",
            schema_name(&rel)
        );
        let text = fs::read_to_string(entry.path()).unwrap();
        assert_eq!(text.lines().next(), Some(expected.as_str()), "{rel}");
    }
}

#[test]
fn schemas_catch_what_the_build_rejects() {
    let content = common::repo().join("content");
    let network = validator(&content, "network");
    let text = fs::read_to_string(content.join("networks/netmeso.yaml")).unwrap();
    let valid = as_json("networks/netmeso.yaml", &text);
    assert!(network.is_valid(&valid));
    let broken = [
        ("a missing language", "/name/en", Value::Null),
        ("an unknown field", "/colour", Value::from("red")),
        ("an unknown network type", "/type", Value::from("clinical")),
        (
            "a date in another form",
            "/reviewed",
            Value::from("22/11/2026"),
        ),
        ("a relative URL", "/website", Value::from("www.netmeso.fr")),
        ("no source", "/sources", Value::Array(Vec::new())),
        (
            "an unknown language",
            "/translated_name/0",
            Value::from("de"),
        ),
    ];
    for (what, pointer, value) in broken {
        let mut instance = valid.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let target = instance.pointer_mut(parent).unwrap();
        match (target, value) {
            (Value::Object(map), Value::Null) => {
                map.remove(key);
            }
            (Value::Object(map), value) => {
                map.insert(key.to_owned(), value);
            }
            (Value::Array(items), value) => items.push(value),
            _ => panic!("{pointer}"),
        }
        assert!(!network.is_valid(&instance), "{what} passes the schema");
    }
}

#[test]
fn schema_writes_then_check_reports_stale_and_missing_files() {
    let site = TestSite::fixture("minimal");
    let dir = site.root().join("content/.schemas");

    let out = run(&site, &["schema"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 6, "{}", stdout(&out));
    let names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in ["site", "network", "ern", "partner", "page", "glossary"] {
        assert!(names.contains(&format!("{name}.schema.json")), "{names:?}");
    }
    // The dot-folder is not content: the site still builds.
    assert!(site.build(&[]).status.success());

    let out = run(&site, &["schema", "--check"]);
    assert!(out.status.success(), "{}", stderr(&out));

    fs::write(dir.join("network.schema.json"), "{}\n").unwrap();
    fs::remove_file(dir.join("page.schema.json")).unwrap();
    let out = run(&site, &["schema", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/.schemas/network.schema.json: error: out of date"),
        "{err}"
    );
    assert!(
        err.contains("content/.schemas/page.schema.json: error: missing"),
        "{err}"
    );
    // --check writes nothing.
    assert_eq!(
        fs::read_to_string(dir.join("network.schema.json")).unwrap(),
        "{}\n"
    );
    assert!(!dir.join("page.schema.json").exists());

    // Writing again rewrites only those two.
    let out = run(&site, &["schema"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
    assert!(run(&site, &["schema", "--check"]).status.success());
}

#[test]
fn schemas_follow_the_site_languages() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/site.yaml",
        "title: { fr: Repères }\n\
         description: { fr: Les réseaux. }\n\
         base_url: https://reperes.example/\n\
         languages: [fr]\n\
         theme: default\n\
         sections:\n  \
           networks: { fr: reseaux }\n  \
           erns: { fr: reseaux-europeens }\n  \
           partners: { fr: partenaires }\n  \
           search: { fr: recherche }\n",
    );
    let out = run(&site, &["schema"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(site.root().join("content/.schemas/partner.schema.json")).unwrap(),
    )
    .unwrap();
    let text = &schema["definitions"]["LocalizedText"];
    assert_eq!(text["required"], serde_json::json!(["fr"]));
    assert_eq!(text["additionalProperties"], serde_json::json!(false));

    // And `new` writes that one language only.
    assert!(run(&site, &["new", "page", "apropos"]).status.success());
    assert!(!site.root().join("content/pages/apropos.en.md").exists());
    let out = run(&site, &["new", "partner", "inca"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(site.root().join("content/partners/inca.yaml")).unwrap();
    assert!(
        text.contains(&format!("name:\n  fr: {PLACEHOLDER}\n# Optional")),
        "{text}"
    );
}

// --- reperes new ---

const PLACEHOLDER: &str = reperes::model::PLACEHOLDER;

/// What `new` creates, per kind.
fn created(kind: &str, id: &str) -> Vec<String> {
    match kind {
        "network" => vec![format!("content/networks/{id}.yaml")],
        "ern" => vec![format!("content/erns/{id}.yaml")],
        "partner" => vec![format!("content/partners/{id}.yaml")],
        "page" => vec![
            format!("content/pages/{id}.fr.md"),
            format!("content/pages/{id}.en.md"),
        ],
        _ => unreachable!(),
    }
}

/// The placeholders filled as an editor would: a value of the right form for each field.
fn fill(text: &str) -> String {
    text.lines()
        .map(|line| {
            let key = line.trim_start().trim_start_matches("- ");
            let value = match key.split(':').next().unwrap_or_default() {
                "type" => "mainly-clinical",
                "category" => "research",
                "url" => "https://example.org/source",
                "reviewed" => "2026-11-22",
                _ => "Filled in",
            };
            line.replace(PLACEHOLDER, value) + "\n"
        })
        .collect()
}

#[test]
fn new_creates_every_kind_with_every_required_field_in_each_language() {
    let site = TestSite::fixture("minimal");
    // The schemas say which fields are required.
    assert!(run(&site, &["schema"]).status.success());
    let content = site.root().join("content");
    for kind in ["network", "ern", "partner", "page"] {
        let id = format!("new-{kind}");
        let out = run(&site, &["new", kind, &id]);
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        let expected = created(kind, &id);
        let printed: Vec<PathBuf> = stdout(&out).lines().map(PathBuf::from).collect();
        let wanted: Vec<PathBuf> = expected.iter().map(|p| site.root().join(p)).collect();
        assert_eq!(printed, wanted, "{kind}");

        let schema: Value = serde_json::from_str(
            &fs::read_to_string(content.join(format!(".schemas/{kind}.schema.json"))).unwrap(),
        )
        .unwrap();
        for rel in &expected {
            let text = fs::read_to_string(site.root().join(rel)).unwrap();
            for field in schema["required"].as_array().unwrap() {
                let field = field.as_str().unwrap();
                assert!(
                    text.lines().any(|l| l.starts_with(&format!("{field}:"))),
                    "{rel}: no `{field}`"
                );
            }
            // Each required localized field has an entry per language.
            if kind != "page" {
                for field in ["name", "summary"] {
                    let block = format!("\n{field}:\n  fr: {PLACEHOLDER}\n  en: {PLACEHOLDER}\n");
                    assert!(text.contains(&block), "{rel}: {field}");
                }
            }
            // Once filled in, the file is what the schema describes.
            let instance = as_json(rel, &fill(&text));
            let validator = jsonschema::validator_for(&schema).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&instance)
                .map(|e| format!("{}: {e}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{rel}: {errors:#?}");
        }
    }
}

#[test]
fn the_build_lists_every_placeholder_left_then_accepts_the_filled_files() {
    let site = TestSite::fixture("minimal");
    let mut files = Vec::new();
    for kind in ["network", "ern", "partner", "page"] {
        let id = format!("new-{kind}");
        assert!(run(&site, &["new", kind, &id]).status.success());
        files.extend(created(kind, &id));
    }

    // Before: every placeholder is an error at its file:line:column, and nothing else is.
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let mut expected = Vec::new();
    for rel in &files {
        let text = fs::read_to_string(site.root().join(rel)).unwrap();
        for (i, line) in text.lines().enumerate() {
            if let Some(col) = line.find(PLACEHOLDER)
                && !line.trim_start().starts_with('#')
            {
                expected.push((rel.clone(), i + 1, col + 1));
            }
        }
    }
    // Diagnostics come sorted by file, then position.
    expected.sort();
    let expected: Vec<String> = expected
        .into_iter()
        .map(|(rel, line, col)| format!("{rel}:{line}:{col}: error:"))
        .collect();
    let reported: Vec<&str> = err.lines().filter(|l| l.contains(": error:")).collect();
    assert_eq!(reported.len(), expected.len(), "{err}");
    for (line, position) in reported.iter().zip(&expected) {
        assert!(line.starts_with(position.as_str()), "{line} ≠ {position}");
        assert!(
            line.contains("is still to be filled in") || line.contains("still to be written"),
            "{line}"
        );
    }
    assert!(err.contains(
        "content/networks/new-network.yaml:26:11: error: `conditions[0].name.en` is still to be \
         filled in"
    ));
    assert!(!site.public().exists());

    // After: the site builds with the new records and page.
    for rel in &files {
        let path = site.root().join(rel);
        fs::write(&path, fill(&fs::read_to_string(&path).unwrap())).unwrap();
    }
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for page in [
        "reseaux/new-network/index.html",
        "en/european-networks/new-ern/index.html",
        "partenaires/new-partner/index.html",
        "new-page/index.html",
        "en/new-page/index.html",
    ] {
        assert!(site.public().join(page).is_file(), "{page}");
    }
}

#[test]
fn new_never_overwrites_and_refuses_bad_ids() {
    let site = TestSite::fixture("minimal");
    let netsarc = site.root().join("content/networks/netsarc.yaml");
    let before = fs::read_to_string(&netsarc).unwrap();
    let out = run(&site, &["new", "network", "netsarc"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/networks/netsarc.yaml: error: this file already exists"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&netsarc).unwrap(), before);

    // A page with one language present is refused whole: nothing is added beside it.
    fs::remove_file(site.root().join("content/pages/a-propos.en.md")).unwrap();
    let out = run(&site, &["new", "page", "a-propos"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("content/pages/a-propos.fr.md"));
    assert!(!site.root().join("content/pages/a-propos.en.md").exists());

    for bad in ["NetSarc", "../escape", "a_b", "con", ""] {
        let out = run(&site, &["new", "partner", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(stderr(&out).contains("invalid id"), "{bad}");
    }
    let partners: Vec<_> = fs::read_dir(site.root().join("content/partners"))
        .unwrap()
        .collect();
    assert_eq!(partners.len(), 1);
    assert!(!site.root().join("escape.yaml").exists());
}

#[test]
fn new_network_file_snapshot() {
    let site = TestSite::fixture("minimal");
    let out = run(&site, &["new", "network", "netexample"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(site.root().join("content/networks/netexample.yaml")).unwrap();
    insta::assert_snapshot!("new_network", text);
}
