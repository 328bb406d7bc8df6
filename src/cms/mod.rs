//! Editing in the browser (#18): the configuration of Decap CMS generated from the content model
//! (as the JSON Schemas are: same types, same doc comments), the vendored CMS ([`bundle`]), the
//! `/admin/` page, and which content files an editor may write ([`editable`]).
//!
//! Two users: `serve --edit` (the `proxy` backend, answered by `serve` itself on the site's
//! files) and `build` with a `cms:` block in `site.yaml` ([`publish`]: `/admin/` in the site,
//! committing through GitHub or GitLab).
//!
//! Imports: `config`, `model`, `output`, `diag`, `text`. Must not import another output stage.

pub mod bundle;
mod fields;
mod labels;
mod page;

use schemars::JsonSchema;
use serde_json::{Map, Value, json};

use crate::config::{CmsBackend, CmsSettings, Config, site_schema};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::refs::{DATA_KINDS, HEADERS_FILE};
use crate::model::shapes::{generator, unwrap_descriptions};
use crate::model::{Ern, Glossary, Network, PageMeta, Partner};
use crate::output::Output;

pub use page::{admin_page, csp_local, csp_published};

/// The folder of the editor below the site's root: `/admin/`.
pub const ADMIN_DIR: &str = "admin";
/// The editor's own script (sets Decap up; no inline script, for the CSP).
pub const ADMIN_SCRIPT: &str = include_str!("decap/admin.js");
/// The ERN collection's name (the target of ERN references).
const ERNS: &str = "erns";
/// Where Decap would put uploaded images. The model has no images: the local backend refuses
/// media writes, but Decap requires the setting.
const MEDIA_FOLDER: &str = "content/media";

/// Where the CMS reads and writes.
#[derive(Debug, Clone, Copy)]
pub enum Backend<'a> {
    /// `reperes serve --edit`: Decap's `proxy` backend, at `proxy_url` (root-relative); the
    /// CMS's links to the site lead to `site_url` (the preview).
    Local {
        proxy_url: &'a str,
        site_url: &'a str,
    },
    /// A published site: GitHub or GitLab, as `site.yaml`'s `cms:` block says.
    Published(&'a CmsSettings),
}

/// A kind of content the editor shows: its collection's name and the JSON Schema of its files.
fn schemas() -> Vec<(&'static str, Value)> {
    let of = |schema: schemars::Schema| {
        let mut value = schema.to_value();
        unwrap_descriptions(&mut value);
        value
    };
    fn root<T: JsonSchema>() -> schemars::Schema {
        generator().into_root_schema_for::<T>()
    }
    vec![
        ("networks", of(root::<Network>())),
        ("erns", of(root::<Ern>())),
        ("partners", of(root::<Partner>())),
        ("pages", of(root::<PageMeta>())),
        ("glossary", of(root::<Glossary>())),
        ("settings", of(site_schema(generator()))),
    ]
}

/// The fields of a schema, for the site's languages.
fn fields(schema: &Value, codes: &[&str]) -> Result<Vec<Value>, String> {
    let empty = Map::new();
    let definitions = schema
        .get("definitions")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let cx = fields::Context { definitions, codes };
    fields::fields_of(schema, &cx)
}

/// Decap CMS's configuration for this site (given to `CMS.init`, and written as
/// `admin/config.yml`: JSON is YAML). The same site gives the same value.
pub fn decap_config(config: &Config, backend: Backend<'_>) -> Result<Value, Diagnostic> {
    let codes: Vec<&str> = config.languages.codes().collect();
    let default = config.languages.default_code();
    let fail = |why: String| {
        Diagnostic::error(
            Code::Internal,
            format!("the editor's configuration cannot be made: {why}"),
        )
    };
    let mut collections = Vec::new();
    for (name, schema) in schemas() {
        let mut fields = fields(&schema, &codes).map_err(|why| fail(format!("{name}: {why}")))?;
        let label = labels::collection(name, &codes);
        let collection = if DATA_KINDS.contains(&name) {
            json!({
                "name": name,
                "label": label,
                "folder": format!("content/{name}"),
                "extension": "yaml",
                "format": "yaml",
                "create": true,
                "delete": false,
                "identifier_field": "acronym",
                "slug": "{{acronym}}",
                "summary": format!("{{{{acronym}}}} — {{{{name.{default}}}}}"),
                "sortable_fields": ["acronym"],
                "editor": { "preview": false },
                "fields": fields,
            })
        } else if name == "pages" {
            for field in &mut fields {
                field["i18n"] = json!(true);
            }
            fields.push(json!({
                "name": "body",
                "label": labels::label("text", &codes),
                "widget": "markdown",
                "i18n": true,
                "required": false,
            }));
            json!({
                "name": name,
                "label": label,
                "folder": "content/pages",
                "extension": "md",
                "format": "frontmatter",
                "create": true,
                "delete": false,
                "i18n": true,
                "identifier_field": "title",
                "slug": "{{slug}}",
                "summary": "{{title}}",
                "editor": { "preview": false },
                "fields": fields,
            })
        } else {
            let file = if name == "glossary" {
                "content/glossary.yaml"
            } else {
                crate::config::SITE_FILE
            };
            json!({
                "name": name,
                "label": label,
                "editor": { "preview": false },
                "files": [{
                    "name": name,
                    "label": label,
                    "file": file,
                    "format": "yaml",
                    "fields": fields,
                }],
            })
        };
        collections.push(collection);
    }
    let (backend, site_url) = match backend {
        Backend::Local {
            proxy_url,
            site_url,
        } => (
            json!({ "name": "proxy", "proxy_url": proxy_url, "branch": "main" }),
            site_url,
        ),
        Backend::Published(cms) => (published_backend(cms), config.base_url.as_str()),
    };
    Ok(json!({
        "load_config_file": false,
        "backend": backend,
        "publish_mode": "simple",
        "locale": if default == "fr" { "fr" } else { "en" },
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": MEDIA_FOLDER,
        "i18n": {
            "structure": "multiple_files",
            "locales": codes,
            "default_locale": default,
        },
        "slug": { "encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-" },
        "collections": collections,
    }))
}

fn published_backend(cms: &CmsSettings) -> Value {
    let mut backend = json!({
        "name": cms.backend.as_str(),
        "repo": cms.repository,
        "branch": cms.branch(),
    });
    if let Some(url) = &cms.auth_url {
        // GitHub: the OAuth server; GitLab: the instance, which also signs editors in.
        let url = url.as_str().trim_end_matches('/');
        backend["base_url"] = json!(url);
        if cms.backend == CmsBackend::Gitlab {
            backend["api_root"] = json!(format!("{url}/api/v4"));
        }
    }
    if let Some(endpoint) = &cms.auth_endpoint {
        backend["auth_endpoint"] = json!(endpoint);
    }
    if let Some(app_id) = &cms.app_id {
        backend["app_id"] = json!(app_id);
        backend["auth_type"] = json!("pkce");
    }
    backend
}

/// Whether an editor may write the file at `path` (relative to the site's root, `/`-separated):
/// only the files the model knows, where the build reads them: a record
/// `content/<networks|erns|partners>/<id>.yaml`, a page `content/pages/<slug>.<lang>.md` in a
/// language of the site, `content/glossary.yaml`, `content/site.yaml`. The name must be a
/// valid id or slug; nothing else (no folder, no other extension, no hidden file).
pub fn editable(config: &Config, path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let id_ok = |id: &str| crate::text::check_slug(id).is_ok();
    match parts.as_slice() {
        ["content", "glossary.yaml"] => true,
        ["content", "site.yaml"] => true,
        ["content", "pages", name] => name
            .strip_suffix(".md")
            .and_then(|stem| stem.rsplit_once('.'))
            .is_some_and(|(slug, lang)| id_ok(slug) && config.languages.contains(lang)),
        ["content", kind, name] if DATA_KINDS.contains(kind) => {
            name.strip_suffix(".yaml").is_some_and(id_ok)
        }
        _ => false,
    }
}

/// With a `cms:` block in `site.yaml`, add `/admin/` to the built site (the page, its script,
/// `config.yml`, the CMS and its licences) and its Content-Security-Policy to `_headers`;
/// without one, the output is returned as it is.
pub fn publish(config: &Config, output: Output) -> Result<Output, Diagnostics> {
    let Some(cms) = &config.cms else {
        return Ok(output);
    };
    let decap = decap_config(config, Backend::Published(cms))?;
    let text = serde_json::to_string_pretty(&decap).unwrap_or_default() + "\n";
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "index.html".into(),
            admin_page(config, None, Some(&csp_published(cms, false))).into_bytes(),
        ),
        ("reperes-admin.js".into(), ADMIN_SCRIPT.as_bytes().to_vec()),
        ("config.yml".into(), text.into_bytes()),
        ("LICENSE.txt".into(), bundle::LICENSE.as_bytes().to_vec()),
    ];
    files.extend(bundle::files().map_err(|why| Diagnostic::error(Code::Internal, why))?);
    let mut rebuilt = Output::new();
    let mut errors = Diagnostics::new();
    for (path, bytes) in output.iter() {
        let bytes = if path == HEADERS_FILE {
            let mut text = String::from_utf8_lossy(bytes).into_owned();
            text.push_str(&page::headers_rule(&config.base_path, cms));
            text.into_bytes()
        } else {
            bytes.to_vec()
        };
        if let Err(why) = rebuilt.insert(path, bytes) {
            errors.push(Diagnostic::error(Code::Output, why));
        }
    }
    for (name, bytes) in files {
        if let Err(why) = rebuilt.insert(format!("{ADMIN_DIR}/{name}"), bytes) {
            errors.push(
                Diagnostic::error(Code::Output, why)
                    .with_help("`/admin/` is the editor's: rename the page that takes that name"),
            );
        }
    }
    errors.into_result(rebuilt).map(|(output, _)| output)
}

#[cfg(test)]
mod tests;
