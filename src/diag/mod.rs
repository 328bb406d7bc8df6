//! Diagnostics: what went wrong, in which file, at which line and column, and how to fix it.
//!
//! Every stage collects [`Diagnostic`]s into [`Diagnostics`] instead of stopping at the first
//! problem, so an editor sees all of them in one run. Each has a stable [`Code`], a span (where
//! it starts and ends), and is rendered here in every form: one line, with the source excerpt
//! (`render`), JSON and GitHub annotations; [`suggest`] makes every "did you mean …?". This
//! module imports nothing from the crate, and never prints.

mod code;
mod render;
mod suggest;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use code::Code;
pub use render::{Style, excerpt};
pub use suggest::{did_you_mean, help_with_suggestion, suggest};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub const START: Location = Location { line: 1, column: 1 };

    pub fn new(line: usize, column: usize) -> Self {
        Location { line, column }
    }

    /// This location moved down by `lines` (used for YAML inside front matter).
    pub fn shifted(self, lines: usize) -> Self {
        Location {
            line: self.line + lines,
            column: self.column,
        }
    }
}

/// Where something is written: from `start` to `end` (the position after its last character).
/// A span whose end is its start marks a position only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: Location,
    pub end: Location,
}

impl Span {
    pub fn new(start: Location, end: Location) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }
}

impl From<Location> for Span {
    fn from(at: Location) -> Self {
        Span { start: at, end: at }
    }
}

/// One finding about the site's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// Path relative to the site root, with `/` separators; `None` for problems with no file.
    pub file: Option<PathBuf>,
    pub location: Option<Location>,
    /// Where what `location` points at ends (after its last character), when it is known.
    pub end: Option<Location>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: None,
            location: None,
            end: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Where the problem is: a position, or a [`Span`] (which the excerpt underlines).
    pub fn at(mut self, span: impl Into<Span>) -> Self {
        let span = span.into();
        self.location = Some(span.start);
        self.end = (span.end > span.start).then_some(span.end);
        self
    }

    /// The span, when the diagnostic has a location.
    pub fn span(&self) -> Option<Span> {
        self.location
            .map(|start| Span::new(start, self.end.unwrap_or(start)))
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:column` (or as much of it as is known).
    pub fn position(&self) -> String {
        let mut out = String::new();
        if let Some(file) = &self.file {
            out.push_str(&display_path(file));
            if let Some(loc) = self.location {
                let _ = write!(out, ":{}:{}", loc.line, loc.column);
            }
        }
        out
    }

    /// A GitHub Actions workflow command, which the pull request shows on the line:
    /// `::error file=content/x.yaml,line=3,col=5::message`.
    pub fn github_annotation(&self) -> String {
        // Escapes of GitHub's workflow-command format.
        let data = |text: &str| {
            text.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        };
        let property = |text: &str| data(text).replace(':', "%3A").replace(',', "%2C");
        let command = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = Vec::new();
        if let Some(file) = &self.file {
            properties.push(format!("file={}", property(&display_path(file))));
            if let Some(loc) = self.location {
                properties.push(format!("line={}", loc.line));
                properties.push(format!("col={}", loc.column));
            }
        }
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            message.push_str(" (help: ");
            message.push_str(help);
            message.push(')');
        }
        format!("::{command} {}::{}", properties.join(","), data(&message)).replacen(" ::", "::", 1)
    }

    /// The machine-readable form (one element of `check --format json`).
    pub fn to_json(&self) -> serde_json::Value {
        let end = self.span().map(|s| s.end);
        serde_json::json!({
            "severity": self.severity.as_str(),
            "code": self.code.as_str(),
            "file": self.file.as_ref().map(|f| display_path(f)),
            "line": self.location.map(|l| l.line),
            "column": self.location.map(|l| l.column),
            "end_line": end.map(|l| l.line),
            "end_column": end.map(|l| l.column),
            "message": self.message,
            "help": self.help,
        })
    }

    /// The first line of every human form, the one editors' problem matchers read:
    /// `path:line:col: error: message`.
    pub fn header(&self) -> String {
        let mut out = String::new();
        let position = self.position();
        if !position.is_empty() {
            out.push_str(&position);
            out.push_str(": ");
        }
        out.push_str(self.severity.as_str());
        out.push_str(": ");
        out.push_str(&self.message);
        out
    }

    /// The one-line form: `path:line:col: error: message (help: …)`.
    pub fn one_line(&self) -> String {
        let mut out = self.header();
        if let Some(help) = &self.help {
            out.push_str(" (help: ");
            out.push_str(help);
            out.push(')');
        }
        out
    }

    fn sort_key(&self) -> (Option<&PathBuf>, Option<Location>, Severity, &str) {
        (
            self.file.as_ref(),
            self.location,
            self.severity,
            self.message.as_str(),
        )
    }
}

/// A path as editors see it: relative, with `/` on every platform.
pub fn display_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A collection of findings, kept in a deterministic order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, then position, so output does not depend on the order work was done in.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self
    }

    /// Every diagnostic placed in `file` (for a file's problems found before its path was known).
    pub fn in_file(self, file: &Path) -> Self {
        Diagnostics {
            items: self.items.into_iter().map(|d| d.in_file(file)).collect(),
        }
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// `Ok(value)` when there is no error (warnings are kept in `self`), else `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<(T, Diagnostics), Diagnostics> {
        if self.has_errors() {
            Err(self.sorted())
        } else {
            Ok((value, self))
        }
    }
}

impl Diagnostics {
    /// A JSON array of every diagnostic, pretty-printed.
    pub fn to_json(&self) -> String {
        let list: Vec<serde_json::Value> = self.iter().map(Diagnostic::to_json).collect();
        serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".to_owned())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics {
            items: vec![diagnostic],
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Maps byte offsets of a text to 1-based lines and character columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// The location of byte `offset` in `text` (the text this index was built from).
    pub fn location(&self, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Location { line, column }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "ab\nécho x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.location(text, 0), Location::new(1, 1));
        assert_eq!(index.location(text, 3), Location::new(2, 1));
        // "é" is two bytes: the byte after "éc" is column 3.
        assert_eq!(index.location(text, 6), Location::new(2, 3));
    }

    #[test]
    fn one_line_form_names_file_line_column() {
        let d = Diagnostic::error(Code::UnknownField, "unknown field `foo`")
            .in_file("content/networks/netsarc.yaml")
            .at(Location::new(3, 5))
            .with_help("remove it");
        assert_eq!(
            d.one_line(),
            "content/networks/netsarc.yaml:3:5: error: unknown field `foo` (help: remove it)"
        );
    }
}
