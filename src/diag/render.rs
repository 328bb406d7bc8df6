//! The human form of a diagnostic: the header line editors' problem matchers read, then the
//! source line with the whole span underlined and the help, drawn by `annotate-snippets` (the
//! renderer rustc uses). Colour only when asked for ([`Style`]); this module never prints.

use std::ffi::OsStr;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Severity};

/// Whether the human form is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Colored,
}

impl Style {
    /// Colour only on a terminal, and never when `NO_COLOR` is set to anything but the empty
    /// string (no-color.org).
    pub fn detect(is_terminal: bool, no_color: Option<&OsStr>) -> Style {
        if is_terminal && no_color.is_none_or(OsStr::is_empty) {
            Style::Colored
        } else {
            Style::Plain
        }
    }
}

/// The diagnostic as a person reads it: `path:line:col: error: message`, then (when `source`,
/// the file's decoded text, is given and the diagnostic is located) its line with the span
/// underlined, then the help. A span over several lines is underlined to the end of its first.
pub fn excerpt(d: &Diagnostic, source: Option<&str>, style: Style) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_level(level.clone());
    let mut has_element = false;
    if let (Some(text), Some(span)) = (source, d.span())
        && let Some(line) = text.lines().nth(span.start.line.saturating_sub(1))
    {
        let start = byte_of_column(line, span.start.column);
        let end = if span.end.line == span.start.line && span.end.column > span.start.column {
            byte_of_column(line, span.end.column)
        } else if span.end.line > span.start.line {
            line.trim_end().len().max(start)
        } else {
            word_end(line, start)
        };
        group = group.element(
            Snippet::source(line)
                .line_start(span.start.line)
                .annotation(AnnotationKind::Primary.span(start..end)),
        );
        has_element = true;
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
        has_element = true;
    }
    let mut out = d.header();
    if has_element {
        let renderer = match style {
            Style::Plain => Renderer::plain(),
            Style::Colored => Renderer::styled(),
        };
        out.push('\n');
        out.push_str(&renderer.render(&[group]));
    }
    out
}

/// The byte index of 1-based character `column` in `line` (its end if the line is shorter).
fn byte_of_column(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// Where the word starting at byte `start` ends: a position with no known end underlines what
/// is written there (at least one character).
fn word_end(line: &str, start: usize) -> usize {
    let rest = line.get(start..).unwrap_or_default();
    let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let first = rest.chars().next().map_or(0, char::len_utf8);
    start + word.max(first)
}

#[cfg(test)]
mod tests {
    use super::super::{Code, Location, Span};
    use super::*;

    #[test]
    fn the_whole_span_is_underlined_after_the_header() {
        let d = Diagnostic::error(Code::UnknownField, "unknown field `nmae`")
            .in_file("a.yaml")
            .at(Span::new(Location::new(2, 1), Location::new(2, 5)))
            .with_help("did you mean `name`?");
        let out = excerpt(&d, Some("x: 1\nnmae: 2\n"), Style::Plain);
        assert_eq!(
            out,
            "a.yaml:2:1: error: unknown field `nmae`\n  |\n2 | nmae: 2\n  | ^^^^\n  |\n  = help: did you mean `name`?"
        );
    }

    #[test]
    fn a_position_underlines_its_word() {
        let d = Diagnostic::error(Code::RawHtml, "raw HTML")
            .in_file("a.md")
            .at(Location::new(1, 5));
        let out = excerpt(&d, Some("see <b>x</b> now\n"), Style::Plain);
        assert!(
            out.ends_with("1 | see <b>x</b> now\n  |     ^^^^^^^^"),
            "{out}"
        );
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert_eq!(Style::detect(true, None), Style::Colored);
        assert_eq!(Style::detect(true, Some(OsStr::new(""))), Style::Colored);
        assert_eq!(Style::detect(true, Some(OsStr::new("1"))), Style::Plain);
        assert_eq!(Style::detect(false, None), Style::Plain);
        let d = Diagnostic::error(Code::YamlSyntax, "bad")
            .in_file("a.yaml")
            .at(Location::new(1, 1));
        assert!(excerpt(&d, Some("x"), Style::Colored).contains('\u{1b}'));
        assert!(!excerpt(&d, Some("x"), Style::Plain).contains('\u{1b}'));
    }
}
