//! JSON Schemas of the content files, generated from the types the build deserializes into
//! ([`crate::model`] and the settings of [`crate::config`]), so that they cannot drift
//! from what the build accepts. Editors' tools (VS Code's YAML extension) use them for
//! completion, hover help and errors while typing; `reperes schema` writes them to
//! `content/.schemas/` (a dot-folder, which the content loader skips).
//!
//! The localized shapes of [`crate::model::shapes`] are generic in the types; here they
//! get the site's own languages, so that a missing `en:` is flagged in the editor too.

use std::path::{Path, PathBuf};

use schemars::{JsonSchema, Schema};
use serde_json::{Value, json};

use crate::config::{Languages, site_schema};
use crate::diag::{Code, Diagnostic};
use crate::model::shapes::{generator, per_language, unwrap_descriptions};
use crate::model::{Ern, Glossary, Network, PageMeta, Partner};

/// Where the schemas go, relative to the site's root.
pub const SCHEMA_DIR: &str = "content/.schemas";

/// Every schema of a site with these languages: (file name, pretty JSON ending with a newline),
/// in a fixed order. The same input always gives the same bytes.
pub fn schemas(languages: &Languages) -> Vec<(&'static str, String)> {
    let codes: Vec<&str> = languages.codes().collect();
    let generated = [
        ("site.schema.json", site_schema(generator())),
        ("network.schema.json", schema_for::<Network>()),
        ("ern.schema.json", schema_for::<Ern>()),
        ("partner.schema.json", schema_for::<Partner>()),
        ("page.schema.json", schema_for::<PageMeta>()),
        ("glossary.schema.json", schema_for::<Glossary>()),
    ];
    generated
        .into_iter()
        .map(|(name, schema)| {
            let mut value = schema.to_value();
            localize(&mut value, &codes);
            unwrap_descriptions(&mut value);
            // Serializing a `Value` cannot fail: its keys are strings.
            let text = serde_json::to_string_pretty(&value).unwrap_or_default();
            (name, text + "\n")
        })
        .collect()
}

/// A schema file whose content on disk differs from the generated one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// Relative to the site's root: `content/.schemas/network.schema.json`.
    pub path: PathBuf,
    /// The file does not exist (rather than being out of date).
    pub missing: bool,
}

/// Write the schemas into `<root>/content/.schemas/`, creating the folder; files that are already
/// up to date are left alone. Returns the files written, relative to `root`.
pub fn write(root: &Path, languages: &Languages) -> Result<Vec<PathBuf>, Diagnostic> {
    let dir = root.join(SCHEMA_DIR);
    std::fs::create_dir_all(&dir).map_err(|err| {
        Diagnostic::error(Code::Io, format!("cannot create the schema folder: {err}"))
            .in_file(SCHEMA_DIR)
    })?;
    let mut written = Vec::new();
    for (name, text) in schemas(languages) {
        let path = Path::new(SCHEMA_DIR).join(name);
        if state(root, &path, &text)?.is_some() {
            std::fs::write(root.join(&path), text).map_err(|err| {
                Diagnostic::error(Code::Io, format!("cannot write the schema: {err}"))
                    .in_file(&path)
            })?;
            written.push(path);
        }
    }
    Ok(written)
}

/// The schema files under `<root>/content/.schemas/` that are missing or out of date.
pub fn check(root: &Path, languages: &Languages) -> Result<Vec<Stale>, Diagnostic> {
    let mut stale = Vec::new();
    for (name, expected) in schemas(languages) {
        let path = Path::new(SCHEMA_DIR).join(name);
        if let Some(missing) = state(root, &path, &expected)? {
            stale.push(Stale { path, missing });
        }
    }
    Ok(stale)
}

/// `None` if the file at `root/path` holds `expected`, else whether it is missing.
fn state(root: &Path, path: &Path, expected: &str) -> Result<Option<bool>, Diagnostic> {
    match std::fs::read_to_string(root.join(path)) {
        // A checkout with CRLF line endings is still up to date.
        Ok(text) if text.replace("\r\n", "\n") == expected => Ok(None),
        Ok(_) => Ok(Some(false)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Some(true)),
        // Not UTF-8: not ours either.
        Err(err) if err.kind() == std::io::ErrorKind::InvalidData => Ok(Some(false)),
        Err(err) => {
            Err(Diagnostic::error(Code::Io, format!("cannot read the schema: {err}")).in_file(path))
        }
    }
}

fn schema_for<T: JsonSchema>() -> Schema {
    generator().into_root_schema_for::<T>()
}

/// Give the localized shapes the site's languages: one property per language (required but in
/// lists), no other key; and language codes become an enum.
fn localize(schema: &mut Value, codes: &[&str]) {
    let Some(definitions) = schema.get_mut("definitions").and_then(Value::as_object_mut) else {
        return;
    };
    for (name, definition) in definitions.iter_mut() {
        let Some(definition) = definition.as_object_mut() else {
            continue;
        };
        match name.as_str() {
            "LocalizedText" | "LocalizedMarkdown" | "LocalizedSlug" => {
                per_language(definition, codes, true);
            }
            "LocalizedList" | "Fingerprints" => per_language(definition, codes, false),
            "LanguageCode" => {
                definition.remove("pattern");
                definition.insert("enum".into(), json!(codes));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages() -> Languages {
        Languages::new(vec!["fr".into(), "en".into()])
    }

    fn parsed(name: &str) -> Value {
        let text = schemas(&languages())
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| text)
            .unwrap_or_default();
        serde_json::from_str(&text).unwrap_or_default()
    }

    #[test]
    fn records_are_closed_and_list_their_required_fields() {
        let network = parsed("network.schema.json");
        assert_eq!(network["additionalProperties"], json!(false));
        assert_eq!(
            network["required"],
            json!([
                "acronym",
                "name",
                "type",
                "summary",
                "conditions",
                "sources",
                "reviewed"
            ])
        );
        assert_eq!(network["properties"]["sources"]["minItems"], json!(1));
        assert_eq!(
            network["properties"]["reviewed"]["format"],
            json!("date"),
            "{network:#}"
        );
        for definition in ["Condition", "ErnLink", "Link", "Source"] {
            assert_eq!(
                network["definitions"][definition]["additionalProperties"],
                json!(false),
                "{definition}"
            );
        }
        let page = parsed("page.schema.json");
        assert_eq!(
            page["required"],
            json!(["title", "description", "sources", "reviewed"])
        );
    }

    #[test]
    fn localized_texts_require_each_language_of_the_site() {
        let network = parsed("network.schema.json");
        let text = &network["definitions"]["LocalizedText"];
        assert_eq!(text["required"], json!(["fr", "en"]));
        assert_eq!(text["additionalProperties"], json!(false));
        assert_eq!(
            text["properties"]["en"],
            json!({"type": "string", "minLength": 1})
        );
        let list = &network["definitions"]["LocalizedList"];
        assert_eq!(list.get("required"), None);
        assert_eq!(
            network["definitions"]["LanguageCode"]["enum"],
            json!(["fr", "en"])
        );
    }

    #[test]
    fn generation_is_deterministic_and_ends_with_a_newline() {
        let (a, b) = (schemas(&languages()), schemas(&languages()));
        assert_eq!(a, b);
        assert_eq!(a.len(), 6);
        assert!(a.iter().all(|(_, text)| text.ends_with("}\n")));
    }
}
