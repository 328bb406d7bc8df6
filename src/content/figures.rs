//! The key figures of pages (`figures:` in a page's front matter): each one drawable (an id, its
//! texts, bars of zero or more within the scale, a source per bar), and the same figures in every
//! language of the page: the same ids in the same order, the same numbers, the same sources. A
//! number that differs between two languages is a medical error, not a translation choice.

use std::collections::BTreeSet;

use super::resolve::{check_source, check_text};
use super::{Page, Site};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::Figure;
use crate::text::check_slug;

/// Check every page's figures, then each language against the `default` language's version.
pub(super) fn check_figures(site: &Site, default: &str, diags: &mut Diagnostics) {
    for page in &site.pages {
        check_page(page, diags);
    }
    for versions in site.pages.chunk_by(|a, b| a.key == b.key) {
        let Some(reference) = versions
            .iter()
            .find(|p| p.lang == default)
            .or(versions.first())
        else {
            continue;
        };
        for page in versions.iter().filter(|p| p.lang != reference.lang) {
            compare(reference, page, diags);
        }
    }
}

/// One language's figures, alone.
fn check_page(page: &Page, diags: &mut Diagnostics) {
    let (file, spans) = (&page.file, &page.spans);
    let mut ids = BTreeSet::new();
    for (i, figure) in page.meta.figures.iter().enumerate() {
        let at = format!("figures[{i}]");
        if let Err(why) = check_slug(&figure.id) {
            diags.push(
                Diagnostic::error(Code::InvalidId, format!("invalid figure id: {why}"))
                    .in_file(file)
                    .at(spans.span(&format!("{at}.id"))),
            );
        } else if !ids.insert(figure.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    Code::Duplicate,
                    format!("figure `{}` is given twice on this page", figure.id),
                )
                .in_file(file)
                .at(spans.span(&format!("{at}.id")))
                .with_help("each figure needs its own id: it is the chart's anchor"),
            );
        }
        for field in ["title", "caption", "label_heading", "value_heading"] {
            let text = match field {
                "title" => &figure.title,
                "caption" => &figure.caption,
                "label_heading" => &figure.label_heading,
                _ => &figure.value_heading,
            };
            check_text(text, format_args!("{at}.{field}"), file, spans, diags);
        }
        if let Some(unit) = &figure.unit {
            check_text(unit, format_args!("{at}.unit"), file, spans, diags);
        }
        if figure.bars.is_empty() {
            diags.push(
                Diagnostic::error(Code::EmptyValue, format!("`{at}.bars` is empty"))
                    .in_file(file)
                    .at(spans.span(&format!("{at}.bars")))
                    .with_help("give at least one `- { label: …, value: …, source: { … } }`"),
            );
        }
        let scale = match figure.max {
            Some(max) if !(max.is_finite() && max > 0.0) => {
                diags.push(
                    Diagnostic::error(
                        Code::FigureData,
                        format!("the scale's end `max` must be a number above zero, not {max}"),
                    )
                    .in_file(file)
                    .at(spans.span(&format!("{at}.max"))),
                );
                None
            }
            max => max,
        };
        for (j, bar) in figure.bars.iter().enumerate() {
            let bar_at = format!("{at}.bars[{j}]");
            check_text(
                &bar.label,
                format_args!("{bar_at}.label"),
                file,
                spans,
                diags,
            );
            check_source(
                &bar.source,
                format_args!("{bar_at}.source"),
                file,
                spans,
                diags,
            );
            let problem = if !bar.value.is_finite() || bar.value < 0.0 {
                Some((
                    format!(
                        "the value of a bar must be a number, zero or more, not {}",
                        bar.value
                    ),
                    "give the number exactly as its source publishes it",
                ))
            } else {
                scale.filter(|&max| bar.value > max).map(|max| {
                    (
                        format!("{} is above the scale's end `max: {max}`", bar.value),
                        "correct the number, or raise `max` (100 for shares of a whole)",
                    )
                })
            };
            if let Some((problem, help)) = problem {
                diags.push(
                    Diagnostic::error(Code::FigureData, problem)
                        .in_file(file)
                        .at(spans.span(&format!("{bar_at}.value")))
                        .with_help(help),
                );
            }
        }
    }
}

/// `page`'s figures against the same page in the reference language.
fn compare(reference: &Page, page: &Page, diags: &mut Diagnostics) {
    let (file, spans, lang) = (&page.file, &page.spans, &reference.lang);
    let ids = |figures: &[Figure]| -> Vec<String> {
        figures.iter().map(|f| format!("`{}`", f.id)).collect()
    };
    let (theirs, ours) = (ids(&reference.meta.figures), ids(&page.meta.figures));
    if theirs != ours {
        let list = |ids: &[String]| {
            if ids.is_empty() {
                "none".to_owned()
            } else {
                ids.join(", ")
            }
        };
        let at = if page.meta.figures.is_empty() {
            spans.key_span("title")
        } else {
            spans.key_span("figures")
        };
        diags.push(
            Diagnostic::error(
                Code::FigureData,
                format!(
                    "the figures differ from the `{lang}` version: {} there, {} here",
                    list(&theirs),
                    list(&ours)
                ),
            )
            .in_file(file)
            .at(at)
            .with_help(format!(
                "every language gives the same figures in the same order: see {}",
                reference.file.display()
            )),
        );
        return;
    }
    for (i, (a, b)) in reference
        .meta
        .figures
        .iter()
        .zip(&page.meta.figures)
        .enumerate()
    {
        let at = format!("figures[{i}]");
        let mut differ = |path: String, what: String| {
            diags.push(
                Diagnostic::error(Code::FigureData, what)
                    .in_file(file)
                    .at(spans.span(&path))
                    .with_help(format!(
                        "the numbers and their sources are the same in every language: see {}",
                        reference.file.display()
                    )),
            );
        };
        if a.max != b.max {
            differ(
                format!("{at}.max"),
                format!(
                    "the scale of figure `{}` ends at {} in `{lang}` but at {} here",
                    a.id,
                    shown(a.max),
                    shown(b.max)
                ),
            );
        }
        if a.bars.len() != b.bars.len() {
            differ(
                format!("{at}.bars"),
                format!(
                    "figure `{}` has {} bars in `{lang}` but {} here",
                    a.id,
                    a.bars.len(),
                    b.bars.len()
                ),
            );
            continue;
        }
        for (j, (x, y)) in a.bars.iter().zip(&b.bars).enumerate() {
            if x.value != y.value {
                differ(
                    format!("{at}.bars[{j}].value"),
                    format!(
                        "bar {} of figure `{}` is {} in `{lang}` but {} here",
                        j + 1,
                        a.id,
                        x.value,
                        y.value
                    ),
                );
            }
            if x.source.url != y.source.url {
                differ(
                    format!("{at}.bars[{j}].source.url"),
                    format!(
                        "bar {} of figure `{}` cites another source in `{lang}`: {}",
                        j + 1,
                        a.id,
                        x.source.url.as_str()
                    ),
                );
            }
        }
    }
}

fn shown(max: Option<f64>) -> String {
    max.map_or_else(|| "its largest value".to_owned(), |m| m.to_string())
}
