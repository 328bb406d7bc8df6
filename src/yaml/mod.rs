//! YAML parsing: the only module that names the YAML crates (`serde-saphyr`, and the
//! `granit-parser` it is built on and re-exports). Swapping them must touch this module only.
//!
//! `serde-saphyr` deserializes straight into the model's types, rejects a key given twice in one
//! mapping, and locates syntax and type errors. Checks made after deserialization (a missing
//! language, a dangling reference) point at values through a [`SpanIndex`]: the positions of every
//! value and key by path, read from the parser's events. The index is built on first use only, so
//! the files that raise no diagnostic (nearly all of them) are parsed once.
//!
//! Why not `serde_saphyr::Spanned<T>` for those positions: it would have to appear in the model's
//! types (`model/` is below this module and names no YAML crate), and serde-saphyr's own
//! path → location recorder is public only through its validation integrations.

mod spans;
mod text;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Diagnostics, LineIndex, Location};

pub use spans::{SpanIndex, spans};
pub use text::language_text;

/// A deserialized document and the positions of its values.
#[derive(Debug)]
pub struct Parsed<T> {
    pub value: T,
    pub spans: SpanIndex,
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        // Diagnostics are rendered by the binary, from our own positions.
        with_snippet: false,
        // `name:` twice in one mapping is an error (the default; said here because it matters).
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
    }
}

/// Parse `yaml` (which starts `line_offset` lines into its file) into `T`. On failure, every
/// problem that can be told from the first error: each unknown field of the mapping where the
/// first one is, not only that one.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    line_offset: usize,
) -> Result<Parsed<T>, Diagnostics> {
    if yaml.trim().is_empty() {
        return Err(Diagnostic::error("the YAML is empty")
            .at(Location::START.shifted(line_offset))
            .with_help("fill in the required fields (see README.md, section \"For editors\")")
            .into());
    }
    let spans = SpanIndex::new(yaml, line_offset);
    match serde_saphyr::from_str_with_options::<T>(yaml, options()) {
        Ok(value) => Ok(Parsed { value, spans }),
        Err(err) => Err(diagnose(&err, yaml, &spans)),
    }
}

/// The diagnostics of a serde-saphyr error, located in the file.
fn diagnose(err: &serde_saphyr::Error, yaml: &str, spans: &SpanIndex) -> Diagnostics {
    use serde_saphyr::Error as E;
    let err = err.without_snippet();
    let start = Location::START.shifted(spans.line_offset);
    let location = err.location().filter(|l| l.line() > 0).map(|l| {
        Location::new(
            usize::try_from(l.line()).unwrap_or(usize::MAX),
            usize::try_from(l.column()).unwrap_or(usize::MAX),
        )
        .shifted(spans.line_offset)
    });
    let at = location.unwrap_or(start);
    // The field a value error is about, as editors write it (`sources[0].url`).
    let path_prefix = |location: Option<Location>| {
        location
            .and_then(|l| spans.path_at(l))
            .filter(|p| !p.is_empty())
            .map(|p| format!("`{p}`: "))
            .unwrap_or_default()
    };
    let (message, help): (String, Option<&str>) = match err {
        E::SerdeUnknownField {
            field, expected, ..
        } => return unknown_fields(field, expected, at, spans),
        E::DuplicateMappingKey { key, .. } => (
            match key {
                Some(key) => format!("`{key}` is given twice in the same mapping"),
                None => "a key is given twice in the same mapping".to_owned(),
            },
            Some("keep one of them: YAML keeps no order between the two, so one would be lost"),
        ),
        E::SerdeMissingField { field, .. } => {
            // Located at the first key of the mapping that lacks it (or at its end).
            let mapping = location
                .and_then(|l| {
                    spans
                        .path_of_key_at(l)
                        .map(|key| key.rfind(['.', '[']).map_or("", |cut| &key[..cut]))
                        .or_else(|| spans.mapping_ending_at(l))
                })
                .unwrap_or("");
            let at = if mapping.is_empty() {
                start
            } else {
                spans.key_or_value(mapping)
            };
            let message = if mapping.is_empty() {
                format!("missing field `{field}`")
            } else {
                format!("`{mapping}`: missing field `{field}`")
            };
            return Diagnostic::error(message)
                .at(at)
                .with_help("add the field (see README.md, section \"For editors\")")
                .into();
        }
        E::Unexpected { expected, .. } => {
            let path = location.and_then(|l| spans.path_at(l));
            let found = path
                .and_then(|p| spans.text_of(p))
                .map(|text| format!("`{text}`"))
                .unwrap_or_else(|| "something else".to_owned());
            let expected = match expected.trim_end_matches(" start") {
                "sequence" => "a list",
                "mapping" => "a mapping",
                other => other,
            };
            (
                format!(
                    "{}invalid type: found {found}, expected {expected}",
                    path_prefix(location)
                ),
                Some(SHAPE_HELP),
            )
        }
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => (
            format!(
                "{}invalid type: {unexpected}, expected {expected}",
                path_prefix(location)
            ),
            Some(SHAPE_HELP),
        ),
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            format!(
                "{}unknown variant `{variant}`, expected {}",
                path_prefix(location),
                one_of(expected)
            ),
            None,
        ),
        E::NullIntoString { .. } => (
            format!("{}the value is empty", path_prefix(location)),
            Some("write the text after the `:`, or remove the field if it is optional"),
        ),
        // Our own `Deserialize` impls (dates, URLs) quote the value they reject.
        E::Message { msg, .. } => (format!("{}{msg}", path_prefix(location)), None),
        other => {
            let text = serde_saphyr::MessageFormatter::format_message(
                &serde_saphyr::UserMessageFormatter,
                other,
            );
            // The parser's wording may quote the source: no control characters on a terminal.
            let text: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let help = syntax_help(&text);
            (text, help)
        }
    };
    let mut location = at;
    // Errors raised without a position, but about a value we can find: the messages of our own
    // checks quote the offending value.
    if location == start
        && let Some(quoted) = message.split('`').nth(1)
        && let Some(offset) = yaml.find(quoted)
    {
        location = LineIndex::new(yaml)
            .location(yaml, offset)
            .shifted(spans.line_offset);
    }
    let diagnostic = Diagnostic::error(message).at(location);
    match help {
        Some(help) => diagnostic.with_help(help).into(),
        None => diagnostic.into(),
    }
}

const SHAPE_HELP: &str =
    "check the value's shape: a text, a list `[a, b]` or a mapping `{ fr: …, en: … }`";

/// `unknown field` for `field` and for every other key of the same mapping that is not one of
/// `expected` (serde stops at the first; the index knows the others).
fn unknown_fields(field: &str, expected: &[&str], at: Location, spans: &SpanIndex) -> Diagnostics {
    let help = "remove the field or fix its spelling; the expected fields are listed above";
    let report = |key: &str, at: Location| {
        Diagnostic::error(format!(
            "unknown field `{key}`, expected {}",
            one_of(expected)
        ))
        .at(at)
        .with_help(help)
    };
    let mut diags = Diagnostics::new();
    let parent = spans
        .path_of_key_at(at)
        .map(|path| path.rfind('.').map_or("", |cut| &path[..cut]));
    match parent {
        Some(parent) => {
            for (key, key_at) in spans.keys_of(parent) {
                if !expected.contains(&key) {
                    diags.push(report(key, key_at));
                }
            }
        }
        None => diags.push(report(field, at)),
    }
    if diags.is_empty() {
        diags.push(report(field, at));
    }
    diags
}

/// serde's wording for a list of expected names: "one of `a`, `b`" (or "`a`").
fn one_of(expected: &[&str]) -> String {
    let names: Vec<String> = expected.iter().map(|name| format!("`{name}`")).collect();
    match names.as_slice() {
        [] => "nothing here".to_owned(),
        [one] => one.clone(),
        _ => format!("one of {}", names.join(", ")),
    }
}

/// Help for the parser's syntax errors, which are nearly always an unquoted `: ` or `#`, or a
/// bracket left open.
fn syntax_help(message: &str) -> Option<&'static str> {
    let message = message.to_lowercase();
    [
        "indicator",
        "mapping values",
        "did not find expected",
        "expected ','",
        "while parsing",
    ]
    .iter()
    .any(|needle| message.contains(needle))
    .then_some(
        "quote the text if it contains `: ` or ` #` or starts with a special character, and \
             close every `[` and `{`",
    )
}

#[cfg(test)]
mod tests;
