//! YAML parsing: the only module that names `serde_yaml` (deprecated upstream: swapping it for a
//! maintained fork must touch this file only).
//!
//! `serde_yaml` deserializes into typed values and locates syntax and type errors. A second,
//! event-level pass (saphyr-parser) records where every value sits, so that checks made after
//! deserialization (a missing language, a dangling reference) can point at the right line too.

use std::collections::BTreeMap;

use saphyr_parser::{Event, Parser};
use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, LineIndex, Location};

/// A deserialized document and the positions of its values.
#[derive(Debug)]
pub struct Parsed<T> {
    pub value: T,
    pub spans: SpanIndex,
}

/// Positions of values by path (`erns[0].id`, `name.fr`), already shifted to the file.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    values: BTreeMap<String, Location>,
}

impl SpanIndex {
    /// Where the value at `path` is; for a missing value, where its closest parent is.
    pub fn locate(&self, path: &str) -> Location {
        let mut path = path;
        loop {
            if let Some(location) = self.values.get(path) {
                return *location;
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path = &path[..cut],
                None => return self.values.get("").copied().unwrap_or(Location::START),
            }
        }
    }

    /// Whether a value exists at exactly `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.values.contains_key(path)
    }

    /// The path of the value that starts exactly at `location` (the deepest, if several do).
    pub fn path_at(&self, location: Location) -> Option<&str> {
        self.values
            .iter()
            .filter(|(_, at)| **at == location)
            .map(|(path, _)| path.as_str())
            .max_by_key(|path| path.len())
    }
}

/// The positions of the values of `yaml` (which starts `line_offset` lines into its file),
/// without deserializing it; as far as it could be read if it is malformed.
pub fn spans(yaml: &str, line_offset: usize) -> SpanIndex {
    index_spans(yaml, line_offset)
}

/// Parse `yaml` (which starts `line_offset` lines into its file) into `T`.
pub fn parse<T: DeserializeOwned>(yaml: &str, line_offset: usize) -> Result<Parsed<T>, Diagnostic> {
    if yaml.trim().is_empty() {
        return Err(Diagnostic::error("the YAML is empty")
            .at(Location::START.shifted(line_offset))
            .with_help("fill in the required fields (see README.md, section \"For editors\")"));
    }
    match serde_yaml::from_str::<T>(yaml) {
        Ok(value) => Ok(Parsed {
            value,
            spans: index_spans(yaml, line_offset),
        }),
        Err(err) => Err(error_to_diagnostic(&err, yaml, line_offset)),
    }
}

fn error_to_diagnostic(err: &serde_yaml::Error, yaml: &str, line_offset: usize) -> Diagnostic {
    let full = err.to_string();
    // serde_yaml appends " at line L column C"; the position goes in the diagnostic instead.
    let message = match full.find(" at line ") {
        Some(cut) => full[..cut].to_owned(),
        None => full,
    };
    let mut location = err
        .location()
        .map_or(Location::START, |l| Location::new(l.line(), l.column()))
        .shifted(line_offset);
    // Errors raised inside a field's own `Deserialize` (a date, a URL) may come without a usable
    // position, but with the field's path: `reviewed: invalid date …`.
    if location == Location::START.shifted(line_offset)
        && let Some((path, _)) = message.split_once(": ")
        && !path.contains(' ')
    {
        location = index_spans(yaml, line_offset).locate(path);
    }
    // Top-level fields get neither: the messages of our own checks quote the offending value,
    // so find where it is written.
    if location == Location::START.shifted(line_offset)
        && let Some(quoted) = message.split('`').nth(1)
        && let Some(offset) = yaml.find(quoted)
    {
        location = LineIndex::new(yaml)
            .location(yaml, offset)
            .shifted(line_offset);
    }
    let help = help_for(&message);
    let diagnostic = Diagnostic::error(message).at(location);
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

fn help_for(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("remove the field or fix its spelling; the expected fields are listed above".into())
    } else if message.contains("missing field") {
        Some("add the field (see README.md, section \"For editors\")".into())
    } else if message.contains("invalid type") {
        Some(
            "check the value's shape: a text, a list `[a, b]` or a mapping `{ fr: …, en: … }`"
                .into(),
        )
    } else if message.contains("mapping values are not allowed")
        || message.contains("did not find expected")
    {
        Some("quote the text if it contains `: ` or starts with a special character".into())
    } else {
        None
    }
}

enum Frame {
    Mapping { path: String, key: Option<String> },
    Sequence { path: String, next: usize },
}

/// Record the position of every value, by path. Gives up quietly on malformed input: serde_yaml
/// has already accepted the text, and positions are a help, not a requirement.
fn index_spans(yaml: &str, line_offset: usize) -> SpanIndex {
    let mut values = BTreeMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut parser = Parser::new_from_str(yaml);
    while let Some(Ok((event, span))) = parser.next_event() {
        // saphyr: lines are 1-based, columns 0-based.
        let here = Location::new(span.start.line(), span.start.col() + 1).shifted(line_offset);
        let is_value_start = matches!(
            event,
            Event::Scalar(..)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
                | Event::Alias(_)
        );
        let mut value_path = None;
        if is_value_start {
            match stack.last_mut() {
                None => value_path = Some(String::new()),
                Some(Frame::Mapping { path, key }) => match key.take() {
                    Some(k) => value_path = Some(join_key(path, &k)),
                    None => {
                        // This event is a key.
                        if let Event::Scalar(text, ..) = &event {
                            *key = Some(text.to_string());
                        } else {
                            // Complex keys are not part of our content model: skip the entry.
                            *key = Some(String::from("?"));
                        }
                        if matches!(event, Event::MappingStart(..) | Event::SequenceStart(..)) {
                            stack.push(Frame::Mapping {
                                path: "?".into(),
                                key: None,
                            });
                        }
                        continue;
                    }
                },
                Some(Frame::Sequence { path, next }) => {
                    value_path = Some(format!("{path}[{next}]"));
                    *next += 1;
                }
            }
        }
        if let Some(path) = &value_path {
            values.entry(path.clone()).or_insert(here);
        }
        match event {
            Event::MappingStart(..) => stack.push(Frame::Mapping {
                path: value_path.unwrap_or_default(),
                key: None,
            }),
            Event::SequenceStart(..) => stack.push(Frame::Sequence {
                path: value_path.unwrap_or_default(),
                next: 0,
            }),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    SpanIndex { values }
}

fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Every text a YAML document gives in one language, in document order: the values (strings or
/// lists of strings) of the mapping keys named `lang`, anywhere in the tree. Values under a
/// `skip` key are left out. What translation fingerprints are computed from.
pub fn language_text(yaml: &str, lang: &str, skip: &str) -> String {
    fn walk(value: &serde_yaml::Value, lang: &str, skip: &str, out: &mut String) {
        match value {
            serde_yaml::Value::Mapping(map) => {
                for (key, value) in map {
                    match key.as_str() {
                        Some(k) if k == skip => {}
                        Some(k) if k == lang => collect(value, out),
                        _ => walk(value, lang, skip, out),
                    }
                }
            }
            serde_yaml::Value::Sequence(items) => {
                for item in items {
                    walk(item, lang, skip, out);
                }
            }
            _ => {}
        }
    }
    fn collect(value: &serde_yaml::Value, out: &mut String) {
        match value {
            serde_yaml::Value::String(text) => {
                out.push_str(text.trim());
                out.push('\n');
            }
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|i| collect(i, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    if let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(yaml) {
        walk(&value, lang, skip, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: BTreeMap<String, String>,
        erns: Vec<BTreeMap<String, String>>,
    }

    const DOC: &str = "name:\n  fr: a\n  en: b\nerns:\n  - id: x\n  - { id: y }\n";

    #[test]
    fn spans_are_file_positions() {
        let parsed = parse::<Doc>(DOC, 1).ok();
        let spans = parsed.map(|p| p.spans).unwrap_or_default();
        assert_eq!(spans.locate("name.fr"), Location::new(3, 7));
        assert_eq!(spans.locate("erns[0].id"), Location::new(6, 9));
        assert_eq!(spans.locate("erns[1].id"), Location::new(7, 11));
        // Missing paths fall back to their parent.
        assert_eq!(spans.locate("name.de"), Location::new(3, 3));
    }

    #[test]
    fn values_are_found_by_position() {
        let spans = spans(DOC, 0);
        assert_eq!(spans.path_at(Location::new(5, 9)), Some("erns[0].id"));
        assert_eq!(spans.path_at(Location::new(2, 7)), Some("name.fr"));
        assert_eq!(spans.path_at(Location::new(2, 1)), None);
    }

    #[test]
    fn unknown_field_is_located() {
        let err = parse::<Doc>("name: {}\nerns: []\nextra: 1\n", 0).err();
        let err = err.map(|d| (d.location, d.message));
        assert_eq!(
            err.as_ref().map(|e| e.0),
            Some(Some(Location::new(3, 1))),
            "{err:?}"
        );
        assert!(err.is_some_and(|e| e.1.starts_with("unknown field `extra`")));
    }

    #[test]
    fn syntax_error_is_located() {
        let err = parse::<Doc>("name:\n  fr: a: b\n", 0).err();
        assert_eq!(err.and_then(|d| d.location).map(|l| l.line), Some(2));
    }
}
