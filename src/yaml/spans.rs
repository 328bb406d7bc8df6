//! The span index: where every value and key of a YAML text is, by path, read from the parser's
//! events on first use.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde_saphyr::granit_parser::{Event, Parser};

use crate::diag::{Location, Span};

/// Positions of values by path (`erns[0].id`, `name.fr`), already shifted to the file; computed
/// from the YAML text the first time a position is asked for.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    yaml: Arc<str>,
    pub(super) line_offset: usize,
    index: OnceLock<Index>,
}

/// Where values and keys start and end, by path.
#[derive(Debug, Clone, Default)]
struct Index {
    values: BTreeMap<String, At>,
    /// The key of each mapping entry, by the path of its value.
    keys: BTreeMap<String, At>,
}

/// Where a node is: its first character, the position after its last one (for a mapping or a
/// list, after its end), and its bytes in the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct At {
    start: Location,
    end: Location,
    bytes: std::ops::Range<usize>,
    mapping: bool,
}

impl SpanIndex {
    /// The index of `yaml`, which starts `line_offset` lines into its file.
    pub fn new(yaml: &str, line_offset: usize) -> Self {
        SpanIndex {
            yaml: Arc::from(yaml),
            line_offset,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index
            .get_or_init(|| index_spans(&self.yaml, self.line_offset))
    }

    /// Where the value at `path` is; for a missing value, where its closest parent is.
    pub fn locate(&self, path: &str) -> Location {
        let values = &self.index().values;
        let mut path = path;
        loop {
            if let Some(at) = values.get(path) {
                return at.start;
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path = &path[..cut],
                None => {
                    return values
                        .get("")
                        .map_or(Location::START.shifted(self.line_offset), |v| v.start);
                }
            }
        }
    }

    /// Where the value at `path` starts and ends; for a missing value, where its closest parent
    /// is.
    pub fn span(&self, path: &str) -> Span {
        let values = &self.index().values;
        let mut path = path;
        loop {
            if let Some(at) = values.get(path) {
                return Span::new(at.start, at.end);
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path = &path[..cut],
                None => return Span::from(self.locate("")),
            }
        }
    }

    /// The key of the entry at `path` (`name` of `name: …`), else the value.
    pub fn key_span(&self, path: &str) -> Span {
        match self.index().keys.get(path) {
            Some(at) => Span::new(at.start, at.end),
            None => self.span(path),
        }
    }

    /// Whether a value exists at exactly `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.index().values.contains_key(path)
    }

    /// The path of the value that starts exactly at `location` (the deepest, if several do).
    pub fn path_at(&self, location: Location) -> Option<&str> {
        self.index()
            .values
            .iter()
            .filter(|(_, at)| at.start == location)
            .map(|(path, _)| path.as_str())
            .max_by_key(|path| path.len())
    }

    /// The path of the mapping that ends exactly at `location`. When several do (a block mapping
    /// ends where its parent's next key starts, or the document ends), the outermost: a mapping
    /// whose parent goes on ends alone with those nested in it.
    pub(super) fn mapping_ending_at(&self, location: Location) -> Option<&str> {
        self.index()
            .values
            .iter()
            .filter(|(_, at)| at.mapping && at.end == location)
            .map(|(path, _)| path.as_str())
            .min_by_key(|path| path.len())
    }

    /// The source text of the value at exactly `path`, on one line (the first of several).
    pub(super) fn text_of(&self, path: &str) -> Option<&str> {
        let at = self.index().values.get(path)?;
        let text = self.yaml.get(at.bytes.clone())?;
        text.lines().map(str::trim).find(|line| !line.is_empty())
    }

    /// Where the key of the value at `path` is, else the value itself.
    pub(super) fn key_or_value(&self, path: &str) -> Span {
        self.key_span(path)
    }

    /// The span of the key that starts exactly at `location`.
    pub(super) fn key_span_at(&self, location: Location) -> Option<Span> {
        self.index()
            .keys
            .values()
            .find(|at| at.start == location)
            .map(|at| Span::new(at.start, at.end))
    }

    /// The path of the value whose key starts exactly at `location`.
    pub(super) fn path_of_key_at(&self, location: Location) -> Option<&str> {
        self.index()
            .keys
            .iter()
            .find(|(_, at)| at.start == location)
            .map(|(path, _)| path.as_str())
    }

    /// The keys of the mapping at `path`, with where each starts, in document order.
    pub(super) fn keys_of(&self, path: &str) -> Vec<(&str, Span)> {
        let prefix = if path.is_empty() {
            String::new()
        } else {
            format!("{path}.")
        };
        let mut keys: Vec<(&str, Span)> = self
            .index()
            .keys
            .range(prefix.clone()..)
            .take_while(|(p, _)| p.starts_with(&prefix))
            .filter_map(|(p, at)| {
                let key = &p[prefix.len()..];
                (!key.contains(['.', '['])).then_some((key, Span::new(at.start, at.end)))
            })
            .collect();
        keys.sort_by_key(|(_, at)| *at);
        keys
    }
}

/// The positions of the values of `yaml` (which starts `line_offset` lines into its file),
/// without deserializing it; as far as it could be read if it is malformed.
pub fn spans(yaml: &str, line_offset: usize) -> SpanIndex {
    SpanIndex::new(yaml, line_offset)
}
enum Frame {
    Mapping { path: String, key: Option<String> },
    Sequence { path: String, next: usize },
}

/// Record the position of every value and key, by path. Gives up quietly on malformed input:
/// positions are a help, not a requirement.
fn index_spans(yaml: &str, line_offset: usize) -> Index {
    let mut index = Index::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut parser = Parser::new_from_str(yaml);
    // granit-parser: lines are 1-based, columns 0-based characters.
    let location = |marker: &serde_saphyr::granit_parser::Marker| {
        Location::new(marker.line(), marker.col() + 1).shifted(line_offset)
    };
    while let Some(Ok((event, span))) = parser.next_event() {
        let start = span.start.byte_offset().unwrap_or(0);
        let here = At {
            start: location(&span.start),
            end: location(&span.end),
            bytes: start..span.end.byte_offset().unwrap_or(start).max(start),
            mapping: matches!(event, Event::MappingStart(..)),
        };
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
                            index
                                .keys
                                .entry(join_key(path, text))
                                .or_insert(here.clone());
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
            index.values.entry(path.clone()).or_insert(here.clone());
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
                // A mapping or a list spans up to its end.
                if let Some(Frame::Mapping { path, .. } | Frame::Sequence { path, .. }) =
                    stack.pop()
                    && let Some(value) = index.values.get_mut(&path)
                {
                    value.end = here.end;
                    value.bytes.end = here.bytes.end.max(value.bytes.start);
                }
            }
            _ => {}
        }
    }
    index
}

fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}
