//! The JSON Schema of each published file, generated from the structs of [`super::files`].

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::Exporter;
use crate::diag::{Code, Diagnostic};

/// Schema-only stand-ins for the per-language maps, given the site's languages by
/// [`localize`].
pub(super) mod shapes {
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use crate::model::shapes::shape;

    shape!(Text, {
        "description": "A text in each language of the site, keyed by language code.",
        "type": "object",
        "additionalProperties": { "type": "string", "minLength": 1 },
    });

    shape!(Html, {
        "description": "An HTML fragment in each language of the site (no scripts or styles; links are absolute).",
        "type": "object",
        "additionalProperties": { "type": "string", "minLength": 1 },
    });

    shape!(Words, {
        "description": "A list of words in each language of the site, possibly empty.",
        "type": "object",
        "additionalProperties": { "type": "array", "items": { "type": "string", "minLength": 1 } },
    });

    shape!(PageUrl, {
        "description": "The address of a page of the site in each language.",
        "type": "object",
        "additionalProperties": { "type": "string", "format": "uri" },
    });

    shape!(Language, {
        "description": "A language code.",
        "type": "string",
    });
}

/// Give the per-language shapes one required property per language of the site, and make every
/// property of the records required: the files always write every key (`null` where a record
/// has no value), which is what re-users' code may rely on.
pub(super) fn localize(schema: &mut Value, codes: &[&str]) {
    require_every_property(schema);
    let Some(definitions) = schema.get_mut("definitions").and_then(Value::as_object_mut) else {
        return;
    };
    definitions.values_mut().for_each(require_every_property);
    for (name, definition) in definitions.iter_mut() {
        let Some(definition) = definition.as_object_mut() else {
            continue;
        };
        match name.as_str() {
            "Text" | "Html" | "Words" | "PageUrl" => {
                crate::model::shapes::per_language(definition, codes, true);
            }
            "Language" => {
                definition.insert("enum".into(), serde_json::json!(codes));
            }
            _ => {}
        }
    }
}

fn require_every_property(schema: &mut Value) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let Some(keys) = object.get("properties").and_then(Value::as_object) else {
        return;
    };
    let keys: Vec<Value> = keys.keys().cloned().map(Value::String).collect();
    // Keep the order of the fields (schemars lists them so) and add the optional ones after.
    let mut required: Vec<Value> = object
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for key in keys {
        if !required.contains(&key) {
            required.push(key);
        }
    }
    object.insert("required".into(), Value::Array(required));
}

// --- Building the records ---

impl Exporter<'_> {
    /// The JSON, the CSV and the JSON Schema of one dataset.
    pub(super) fn files<T: Serialize + JsonSchema>(
        &self,
        kind: &str,
        data: &T,
        csv: Result<Vec<u8>, String>,
    ) -> Result<[Vec<u8>; 3], Diagnostic> {
        let fail = |what: &str, why: &dyn std::fmt::Display| {
            Diagnostic::error(
                Code::Internal,
                format!("open data: cannot write {what}: {why}"),
            )
        };
        let mut json = serde_json::to_vec_pretty(data).map_err(|e| fail("the JSON", &e))?;
        json.push(b'\n');
        let csv = csv.map_err(|e| fail("the CSV", &e))?;
        let mut schema = crate::model::shapes::generator()
            .into_root_schema_for::<T>()
            .to_value();
        localize(&mut schema, &self.langs);
        crate::model::shapes::unwrap_descriptions(&mut schema);
        if let Some(object) = schema.as_object_mut() {
            let id = self.data_url(&format!("{kind}.schema.json"));
            object.insert("$id".into(), Value::String(id));
        }
        let mut schema =
            serde_json::to_vec_pretty(&schema).map_err(|e| fail("the JSON Schema", &e))?;
        schema.push(b'\n');
        Ok([json, csv, schema])
    }
}
