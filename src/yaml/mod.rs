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

use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex, Location, Span, did_you_mean};

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
        return Err(Diagnostic::error(Code::EmptyFile, "the YAML is empty")
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
    // The value an error is about, and its field as editors write it (`sources[0].url`).
    let path = location.and_then(|l| spans.path_at(l)).unwrap_or("");
    let prefix = if path.is_empty() {
        String::new()
    } else {
        format!("`{path}`: ")
    };
    let value_span = if path.is_empty() {
        Span::from(at)
    } else {
        spans.span(path)
    };
    let (code, message, help, span): (Code, String, Option<String>, Span) = match err {
        E::SerdeUnknownField {
            field, expected, ..
        } => return unknown_fields(field, expected, at, spans),
        E::DuplicateMappingKey { key, .. } => (
            Code::DuplicateKey,
            match key {
                Some(key) => format!("`{key}` is given twice in the same mapping"),
                None => "a key is given twice in the same mapping".to_owned(),
            },
            Some(
                "keep one of them: YAML does not say which of the two counts, so one would be lost"
                    .to_owned(),
            ),
            spans.key_span_at(at).unwrap_or(Span::from(at)),
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
            let (message, span) = if mapping.is_empty() {
                (format!("missing field `{field}`"), Span::from(start))
            } else {
                (
                    format!("`{mapping}`: missing field `{field}`"),
                    spans.key_or_value(mapping),
                )
            };
            let help = format!("add `{field}:` (see README.md, section \"For editors\")");
            (Code::MissingField, message, Some(help), span)
        }
        E::Unexpected { expected, .. } => {
            let found = spans
                .text_of(path)
                .map(|text| format!("`{text}`"))
                .unwrap_or_else(|| "something else".to_owned());
            let expected = match expected.trim_end_matches(" start") {
                "sequence" => "a list",
                "mapping" => "a mapping",
                other => other,
            };
            (
                Code::WrongType,
                format!("{prefix}invalid type: found {found}, expected {expected}"),
                Some(SHAPE_HELP.to_owned()),
                value_span,
            )
        }
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => (
            Code::WrongType,
            format!("{prefix}invalid type: {unexpected}, expected {expected}"),
            Some(SHAPE_HELP.to_owned()),
            value_span,
        ),
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            Code::UnknownValue,
            format!(
                "{prefix}unknown value `{variant}`, expected {}",
                one_of(expected)
            ),
            did_you_mean(variant, expected.iter().copied()),
            value_span,
        ),
        E::NullIntoString { .. } => (
            Code::EmptyValue,
            format!("{prefix}the value is empty"),
            Some("write the text after the `:`, or remove the field if it is optional".to_owned()),
            value_span,
        ),
        // Our own `Deserialize` impls (dates, URLs) quote the value they reject.
        E::Message { msg, .. } => {
            let code = if msg.starts_with("invalid date") {
                Code::InvalidDate
            } else if msg.starts_with("invalid URL") {
                Code::InvalidUrl
            } else {
                Code::UnknownValue
            };
            (code, format!("{prefix}{msg}"), None, value_span)
        }
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
            let help = syntax_help(&text).map(str::to_owned);
            (Code::YamlSyntax, text, help, Span::from(at))
        }
    };
    let mut span = span;
    // Errors raised without a position, but about a value we can find: the messages of our own
    // checks quote the offending value.
    if span.start == start
        && code != Code::MissingField
        && let Some(quoted) = message.split('`').nth(1)
        && let Some(offset) = yaml.find(quoted)
    {
        let lines = LineIndex::new(yaml);
        span = Span::new(
            lines.location(yaml, offset).shifted(spans.line_offset),
            lines
                .location(yaml, offset + quoted.len())
                .shifted(spans.line_offset),
        );
    }
    let diagnostic = Diagnostic::error(code, message).at(span);
    match help {
        Some(help) => diagnostic.with_help(help).into(),
        None => diagnostic.into(),
    }
}

const SHAPE_HELP: &str =
    "check the value's shape: a text, a list `[a, b]` or a mapping `{ fr: …, en: … }`";

/// `unknown field` for `field` and for every other key of the same mapping that is not one of
/// `expected` (serde stops at the first; the index knows the others), each with the closest
/// expected field when one is close.
fn unknown_fields(field: &str, expected: &[&str], at: Location, spans: &SpanIndex) -> Diagnostics {
    let report = |key: &str, span: Span| {
        let fields = format!(
            "the fields here are {}",
            one_of(expected).trim_start_matches("one of ")
        );
        let help = match did_you_mean(key, expected.iter().copied()) {
            Some(question) => format!("{question} ({fields})"),
            None => format!("remove the field or fix its spelling: {fields}"),
        };
        Diagnostic::error(Code::UnknownField, format!("unknown field `{key}`"))
            .at(span)
            .with_help(help)
    };
    let mut diags = Diagnostics::new();
    let parent = spans
        .path_of_key_at(at)
        .map(|path| path.rfind('.').map_or("", |cut| &path[..cut]));
    if let Some(parent) = parent {
        for (key, key_span) in spans.keys_of(parent) {
            if !expected.contains(&key) {
                diags.push(report(key, key_span));
            }
        }
    }
    if diags.is_empty() {
        diags.push(report(field, Span::from(at)));
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
