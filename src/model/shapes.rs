//! JSON Schema shapes of the model. The localized aliases (`Localized`, `LocalizedList`) are maps,
//! and a type alias cannot carry its own schema: the stand-ins below, named by
//! `#[schemars(with = …)]`, say what each one means. Their definitions are generic here; the
//! schema writers (`editor::schema`, `opendata`) give them the site's own languages with
//! [`per_language`], from the draft [`generator`] both use.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};

/// Ids and slugs, as `text::check_slug` accepts them (but for the length and the
/// reserved names, which the build reports).
pub const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// The form of a language code in `site.yaml`.
pub const LANGUAGE_PATTERN: &str = "^[a-z]{2,3}$";

macro_rules! shape {
    ($name:ident, $schema:tt) => {
        #[derive(Debug)]
        pub struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}
/// Also used by the open data schemas (`crate::opendata`).
pub(crate) use shape;

shape!(LocalizedText, {
    "description": "A text in each language of the site, all required: `{ fr: \"…\", en: \"…\" }`.",
    "type": "object",
    "propertyNames": { "pattern": LANGUAGE_PATTERN },
    "additionalProperties": { "type": "string", "minLength": 1 },
});

shape!(LocalizedMarkdown, {
    "description": "A Markdown text in each language of the site, all required. Use YAML's `|` block style for several paragraphs; link to other content with `@/networks/<id>`, `@/pages/<slug>.md`.",
    "type": "object",
    "propertyNames": { "pattern": LANGUAGE_PATTERN },
    "additionalProperties": { "type": "string", "minLength": 1 },
});

shape!(LocalizedList, {
    "description": "Lists of words per language; a language may be absent: `{ fr: [\"…\"], en: [\"…\"] }`.",
    "type": "object",
    "propertyNames": { "pattern": LANGUAGE_PATTERN },
    "additionalProperties": { "type": "array", "items": { "type": "string", "minLength": 1 } },
});

shape!(LocalizedSlug, {
    "description": "A URL segment in each language of the site: lowercase letters, digits and hyphens.",
    "type": "object",
    "propertyNames": { "pattern": LANGUAGE_PATTERN },
    "additionalProperties": { "type": "string", "pattern": SLUG_PATTERN },
});

shape!(Fingerprints, {
    "description": "The language translated from and the fingerprint of its text then: `{ fr: 1a2b3c4d }` (8 hex digits; `reperes check` prints the current one).",
    "type": "object",
    "propertyNames": { "pattern": LANGUAGE_PATTERN },
    "additionalProperties": { "type": "string", "pattern": "^[0-9a-f]{8}$" },
});

shape!(LanguageCode, {
    "description": "A language of the site, as listed in `content/site.yaml`.",
    "type": "string",
    "pattern": LANGUAGE_PATTERN,
});
/// Draft 7: the draft VS Code's YAML extension supports best.
pub fn generator() -> SchemaGenerator {
    SchemaSettings::draft07().into_generator()
}

/// Turn a map keyed by language (`propertyNames` and `additionalProperties`) into one property
/// per language of the site, each language `required` or not, and no other key.
pub fn per_language(definition: &mut Map<String, Value>, codes: &[&str], required: bool) {
    let each = definition
        .remove("additionalProperties")
        .unwrap_or_else(|| json!({}));
    definition.remove("propertyNames");
    let properties: Map<String, Value> = codes
        .iter()
        .map(|code| ((*code).to_owned(), each.clone()))
        .collect();
    definition.insert("properties".into(), Value::Object(properties));
    if required {
        definition.insert("required".into(), json!(codes));
    }
    definition.insert("additionalProperties".into(), Value::Bool(false));
}

/// Doc comments are wrapped at 100 columns; editors show descriptions as written, so join the
/// lines of each paragraph.
pub fn unwrap_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    Value::String(text) if key == "description" => {
                        *text = text
                            .split("\n\n")
                            .map(|paragraph| paragraph.replace('\n', " "))
                            .collect::<Vec<_>>()
                            .join("\n\n");
                    }
                    _ => unwrap_descriptions(value),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}
