//! JSON Schema (as generated from the model) → Decap CMS fields. One rule per shape: the
//! localized shapes of `model::shapes` become one input per language of the site, enums
//! selects, dates date pickers, lists lists; a shape with no rule is an error, so that a new
//! kind of field cannot silently go without its input.

use serde_json::{Map, Value, json};

use super::labels;

/// What the conversion needs besides the schema.
pub(super) struct Context<'a> {
    /// The schema's `definitions`.
    pub definitions: &'a Map<String, Value>,
    /// The site's languages, default first.
    pub codes: &'a [&'a str],
}

/// The fields of an object schema (a root schema or a definition with `properties`), in the
/// order editors know from the files.
pub(super) fn fields_of(schema: &Value, cx: &Context<'_>) -> Result<Vec<Value>, String> {
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return Err("an object without properties".into());
    };
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut names: Vec<&String> = properties.keys().collect();
    names.sort_by_key(|name| labels::rank(name));
    names
        .into_iter()
        .map(|name| {
            let required = required.contains(&name.as_str());
            field(name, &properties[name], required, cx).map_err(|why| format!("`{name}`: {why}"))
        })
        .collect()
}

/// A property with its shape resolved: references followed, `null` alternatives removed.
struct Resolved<'a> {
    /// The definition's name when the shape is a `$ref`.
    name: Option<&'a str>,
    shape: &'a Value,
    nullable: bool,
}

fn resolve<'a>(value: &'a Value, cx: &'a Context<'a>) -> Result<Resolved<'a>, String> {
    if let Some([only]) = value
        .get("allOf")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        return resolve(only, cx);
    }
    if let Some(options) = value.get("anyOf").and_then(Value::as_array) {
        let not_null: Vec<&Value> = options
            .iter()
            .filter(|option| option.get("type") != Some(&json!("null")))
            .collect();
        let [only] = not_null.as_slice() else {
            return Err("a choice between shapes".into());
        };
        let mut resolved = resolve(only, cx)?;
        resolved.nullable |= not_null.len() < options.len();
        return Ok(resolved);
    }
    if let Some(reference) = value.get("$ref").and_then(Value::as_str) {
        let name = reference
            .strip_prefix("#/definitions/")
            .ok_or_else(|| format!("an unknown reference `{reference}`"))?;
        let shape = cx
            .definitions
            .get(name)
            .ok_or_else(|| format!("a missing definition `{name}`"))?;
        return Ok(Resolved {
            name: Some(name),
            shape,
            nullable: false,
        });
    }
    let nullable = value
        .get("type")
        .and_then(Value::as_array)
        .is_some_and(|types| types.contains(&json!("null")));
    Ok(Resolved {
        name: None,
        shape: value,
        nullable,
    })
}

/// The JSON type of a shape, `null` alternative left out.
fn json_type(shape: &Value) -> Option<&str> {
    match shape.get("type")? {
        Value::String(name) => Some(name),
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null"),
        _ => None,
    }
}

fn field(name: &str, property: &Value, required: bool, cx: &Context<'_>) -> Result<Value, String> {
    let resolved = resolve(property, cx)?;
    let has_default = property.get("default").is_some();
    let mut field = widget(&resolved, cx)?;
    let object = field
        .as_object_mut()
        .ok_or_else(|| "not an object".to_owned())?;
    object.insert("name".into(), json!(name));
    object.insert("label".into(), json!(labels::label(name, cx.codes)));
    if let Some(hint) = property.get("description").and_then(Value::as_str) {
        object.insert("hint".into(), json!(hint));
    }
    if !required || resolved.nullable || has_default {
        object.insert("required".into(), json!(false));
    }
    Ok(field)
}

/// The widget of a resolved shape (without name, label and `required`).
fn widget(resolved: &Resolved<'_>, cx: &Context<'_>) -> Result<Value, String> {
    let shape = resolved.shape;
    match resolved.name {
        Some("LocalizedText") => {
            return Ok(per_language(cx, true, |_| json!({"widget": "string"})));
        }
        Some("LocalizedMarkdown") => {
            return Ok(per_language(cx, true, |_| json!({"widget": "markdown"})));
        }
        Some("LocalizedList") => {
            return Ok(per_language(
                cx,
                false,
                |label| json!({"widget": "list", "field": {"name": "item", "label": label, "widget": "string"}}),
            ));
        }
        Some(name @ ("LocalizedSlug" | "Fingerprints")) => {
            let pattern = shape
                .pointer("/additionalProperties/pattern")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("`{name}` without a pattern"))?;
            let required = name == "LocalizedSlug";
            let hint = labels::pattern_hint(name, cx.codes);
            return Ok(per_language(
                cx,
                required,
                |_| json!({"widget": "string", "pattern": [pattern, hint]}),
            ));
        }
        Some("LanguageCode") => return Ok(select(cx.codes, false)),
        _ => {}
    }
    if let Some(options) = shape.get("oneOf").and_then(Value::as_array) {
        let options = options
            .iter()
            .map(|option| {
                let value = option.get("const").and_then(Value::as_str)?;
                let label = match option.get("description").and_then(Value::as_str) {
                    Some(description) => format!("{value} — {description}"),
                    None => value.to_owned(),
                };
                Some(json!({"label": label, "value": value}))
            })
            .collect::<Option<Vec<Value>>>()
            .ok_or_else(|| "a choice that is not a list of values".to_owned())?;
        return Ok(json!({"widget": "select", "options": options}));
    }
    if let Some(values) = shape.get("enum").and_then(Value::as_array) {
        let values: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        return Ok(select(&values, false));
    }
    match json_type(shape) {
        Some("object") => Ok(json!({
            "widget": "object",
            "collapsed": false,
            "fields": object_fields(resolved.name, shape, cx)?,
        })),
        Some("array") => list(shape, cx),
        Some("string") => Ok(string(shape)),
        Some("integer") => Ok(json!({"widget": "number", "value_type": "int"})),
        Some("number") => Ok(json!({"widget": "number", "value_type": "float"})),
        Some("boolean") => Ok(json!({"widget": "boolean"})),
        other => Err(format!("a shape with no input (type {other:?})")),
    }
}

/// The fields of an object definition; a reference to an ERN becomes a choice among the ERN
/// collection's entries (stored as the file's name, which is the ERN's id).
fn object_fields(
    name: Option<&str>,
    shape: &Value,
    cx: &Context<'_>,
) -> Result<Vec<Value>, String> {
    let mut fields = fields_of(shape, cx)?;
    if name == Some("ErnLink") {
        let id = fields
            .iter_mut()
            .find(|field| field["name"] == json!("id"))
            .ok_or_else(|| "`ErnLink` without `id`".to_owned())?;
        for key in ["widget", "pattern"] {
            if let Some(object) = id.as_object_mut() {
                object.remove(key);
            }
        }
        id["widget"] = json!("relation");
        id["collection"] = json!(super::ERNS);
        id["value_field"] = json!("{{slug}}");
        id["search_fields"] = json!(["acronym"]);
        id["display_fields"] = json!(["acronym"]);
    }
    Ok(fields)
}

fn string(shape: &Value) -> Value {
    if shape.get("format") == Some(&json!("date")) {
        // Stored as written in the files; the picker shows the same form.
        return json!({
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": false,
            "picker_utc": true,
        });
    }
    let mut field = json!({"widget": "string"});
    if let Some(pattern) = shape.get("pattern").and_then(Value::as_str) {
        let message = if shape.get("format") == Some(&json!("uri")) {
            "https://…"
        } else {
            pattern
        };
        field["pattern"] = json!([pattern, message]);
    }
    field
}

fn list(shape: &Value, cx: &Context<'_>) -> Result<Value, String> {
    let items = shape
        .get("items")
        .ok_or_else(|| "a list without items".to_owned())?;
    let item = resolve(items, cx)?;
    let mut list = match (item.name, json_type(item.shape)) {
        (Some("LanguageCode"), _) => select(cx.codes, true),
        (Some("LocalizedText"), _) => json!({
            "widget": "list",
            "fields": per_language(cx, true, |_| json!({"widget": "string"}))["fields"].clone(),
        }),
        (_, Some("object")) => {
            json!({"widget": "list", "fields": object_fields(item.name, item.shape, cx)?})
        }
        (_, Some("string")) => {
            let mut field = string(item.shape);
            field["name"] = json!("item");
            field["label"] = json!("—");
            json!({"widget": "list", "field": field})
        }
        _ => return Err("a list of a shape with no input".into()),
    };
    if let Some(min) = shape.get("minItems").and_then(Value::as_u64)
        && list["widget"] == json!("list")
    {
        list["min"] = json!(min);
    }
    Ok(list)
}

fn select(values: &[&str], multiple: bool) -> Value {
    let mut field = json!({"widget": "select", "options": values});
    if multiple {
        field["multiple"] = json!(true);
    }
    field
}

/// An object with one input per language of the site, each made by `each` from the language's
/// label.
fn per_language(cx: &Context<'_>, required: bool, each: impl Fn(&str) -> Value) -> Value {
    let fields: Vec<Value> = cx
        .codes
        .iter()
        .map(|code| {
            let label = labels::language(code, cx.codes);
            let mut field = each(&label);
            field["name"] = json!(code);
            field["label"] = json!(label);
            if !required {
                field["required"] = json!(false);
            }
            field
        })
        .collect();
    json!({"widget": "object", "collapsed": false, "fields": fields})
}
