//! Key figures as charts: a page's `figures` drawn as horizontal bar charts in SVG, at build
//! time, with the rows of the table that follows each chart (its text equivalent). No script:
//! the markup is the chart. Colours come from the theme's CSS (classes, no inline style), so both
//! colour schemes and print apply; coordinates are written with one decimal, so the output is
//! the same on every machine.
//!
//! Imports: `model` and `text` only.

use serde::Serialize;

use crate::model::Figure;
use crate::text::{escape_html, typography};

/// The anchor of a page's section of charts (its "On this page" entry).
pub const FIGURES_ANCHOR: &str = "figures-charts";

/// The drawing's width in SVG units; the theme scales it to the column.
const WIDTH: f64 = 300.0;
/// Room kept right of the longest bar for its value.
const VALUE_ROOM: f64 = 72.0;
/// One bar's band: its label on one line, the bar and its value below.
const ROW: f64 = 48.0;
const BAR_HEIGHT: f64 = 18.0;

/// A chart and its table, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    /// The anchor of the chart's section: `figure-<id>`.
    pub anchor: String,
    pub title: String,
    pub caption: String,
    pub label_heading: String,
    pub value_heading: String,
    /// The `<svg>` element, escaped and ready to insert.
    pub svg: String,
    pub rows: Vec<FigureRow>,
}

/// One row of a chart's table.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    pub label: String,
    /// The value as written for readers (« 22 % », "22%").
    pub value: String,
    pub source_title: String,
    pub source_url: String,
    /// The source's language when it is not the page's (for `lang`/`hreflang`).
    pub source_lang: Option<String>,
}

/// `figure` in `lang`: its SVG and its table.
pub fn figure_view(figure: &Figure, lang: &str) -> FigureView {
    let anchor = format!("figure-{}", figure.id);
    let title = typography(&figure.title, lang);
    let rows: Vec<FigureRow> = figure
        .bars
        .iter()
        .map(|bar| FigureRow {
            label: typography(&bar.label, lang),
            value: format_value(bar.value, figure.unit.as_deref(), lang),
            source_title: typography(&bar.source.title, lang),
            source_url: bar.source.url.as_str().to_owned(),
            source_lang: bar.source.lang.clone().filter(|l| l != lang),
        })
        .collect();
    let values: Vec<f64> = figure.bars.iter().map(|b| b.value).collect();
    let svg = svg(&anchor, &title, &rows, &values, figure.max, lang);
    FigureView {
        anchor,
        title,
        caption: typography(&figure.caption, lang),
        label_heading: typography(&figure.label_heading, lang),
        value_heading: typography(&figure.value_heading, lang),
        svg,
        rows,
    }
}

/// The chart: for each bar, its label, then the bar from zero and its value. The accessible name
/// is the title; the description lists every value, as the table below does.
fn svg(
    anchor: &str,
    title: &str,
    rows: &[FigureRow],
    values: &[f64],
    max: Option<f64>,
    lang: &str,
) -> String {
    let scale = max.unwrap_or_else(|| values.iter().copied().fold(0.0, f64::max));
    let room = WIDTH - VALUE_ROOM;
    let height = ROW * rows.len() as f64 + 4.0;
    let (colon, separator) = if lang == "fr" {
        (" : ", " ; ")
    } else {
        (": ", "; ")
    };
    let desc = rows
        .iter()
        .map(|r| format!("{}{colon}{}", r.label, r.value))
        .collect::<Vec<_>>()
        .join(separator);
    let desc = typography(&desc, lang);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {w} {h}\" \
         width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{anchor}-svg-title\" \
         aria-describedby=\"{anchor}-svg-desc\">\
         <title id=\"{anchor}-svg-title\">{title}</title>\
         <desc id=\"{anchor}-svg-desc\">{desc}</desc>",
        w = num(WIDTH),
        h = num(height),
        title = escape_html(title),
        desc = escape_html(&desc),
    );
    for (i, (row, &value)) in rows.iter().zip(values).enumerate() {
        let top = ROW * i as f64;
        let width = if scale > 0.0 {
            (value / scale).clamp(0.0, 1.0) * room
        } else {
            0.0
        };
        if max.is_some() {
            // A scale that is not the largest value (shares of a whole): the track shows where
            // it ends.
            out.push_str(&format!(
                "<rect class=\"chart-track\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                num(top + 21.0),
                num(room),
                num(BAR_HEIGHT)
            ));
        }
        out.push_str(&format!(
            "<text class=\"chart-label\" x=\"0\" y=\"{label_y}\">{label}</text>\
             <rect class=\"chart-bar\" x=\"0\" y=\"{bar_y}\" width=\"{width}\" height=\"{bar_h}\"/>\
             <text class=\"chart-value\" x=\"{value_x}\" y=\"{value_y}\">{value}</text>",
            label_y = num(top + 15.0),
            label = escape_html(&row.label),
            bar_y = num(top + 21.0),
            width = num(width),
            bar_h = num(BAR_HEIGHT),
            value_x = num(width + 6.0),
            value_y = num(top + 35.0),
            value = escape_html(&row.value),
        ));
    }
    out.push_str("</svg>");
    out
}

/// A coordinate, with at most one decimal and no trailing `.0`.
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    format!("{rounded}")
}

/// A value as readers write it: `1 619`, `48,5 %` in French; `1,619`, `48.5%` in English.
fn format_value(value: f64, unit: Option<&str>, lang: &str) -> String {
    let french = lang == "fr";
    let text = format!("{value}");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits: Vec<char> = whole.chars().collect();
    let mut number = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) && c.is_ascii_digit() {
            number.push(if french { ' ' } else { ',' });
        }
        number.push(*c);
    }
    if !fraction.is_empty() {
        number.push(if french { ',' } else { '.' });
        number.push_str(fraction);
    }
    let written = match unit {
        None => number,
        Some("%") if !french => format!("{number}%"),
        Some(unit) => format!("{number} {unit}"),
    };
    typography(&written, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bar, Source, Url};

    fn figure(bars: &[(&str, f64)], max: Option<f64>, unit: Option<&str>) -> Figure {
        Figure {
            id: "networks".to_owned(),
            title: "Réseaux <labellisés> & \"autres\"".to_owned(),
            caption: "Légende".to_owned(),
            label_heading: "Date".to_owned(),
            value_heading: "Nombre".to_owned(),
            unit: unit.map(str::to_owned),
            max,
            bars: bars
                .iter()
                .map(|(label, value)| Bar {
                    label: (*label).to_owned(),
                    value: *value,
                    source: Source {
                        title: "INCa".to_owned(),
                        url: Url("https://example.org/a?b=1&c=2".to_owned()),
                        lang: Some("en".to_owned()),
                    },
                })
                .collect(),
        }
    }

    fn widths(svg: &str) -> Vec<f64> {
        svg.split("<rect class=\"chart-bar\" ")
            .skip(1)
            .filter_map(|rect| rect.split("width=\"").nth(1))
            .filter_map(|rest| rest.split('"').next())
            .filter_map(|w| w.parse().ok())
            .collect()
    }

    #[test]
    fn bars_are_proportional_from_zero() {
        let view = figure_view(
            &figure(&[("a", 15.0), ("b", 30.0), ("c", 0.0)], None, None),
            "en",
        );
        assert_eq!(widths(&view.svg), vec![114.0, 228.0, 0.0]);
        // With a scale's end, the largest bar stops short of it.
        let view = figure_view(
            &figure(&[("a", 22.0), ("b", 24.0)], Some(100.0), None),
            "en",
        );
        assert_eq!(widths(&view.svg), vec![50.2, 54.7]);
    }

    #[test]
    fn text_is_escaped_and_named() {
        let view = figure_view(&figure(&[("<b>x</b> & y", 1.0)], None, None), "fr");
        assert!(!view.svg.contains("<b>"), "{}", view.svg);
        assert!(view.svg.contains("&lt;b&gt;x&lt;/b&gt; &amp; y"));
        assert!(
            view.svg
                .contains("Réseaux &lt;labellisés&gt; &amp; &quot;autres&quot;")
        );
        assert!(view.svg.contains("role=\"img\""));
        assert!(view.svg.contains(
            "aria-labelledby=\"figure-networks-svg-title\" aria-describedby=\"figure-networks-svg-desc\""
        ));
        assert!(
            !view.svg.contains("style"),
            "colours come from the theme's CSS"
        );
        assert_eq!(view.anchor, "figure-networks");
        // The source's language differs from the page's: kept for `lang`/`hreflang`.
        assert_eq!(view.rows[0].source_lang.as_deref(), Some("en"));
    }

    #[test]
    fn output_is_deterministic() {
        let f = figure(
            &[("2019", 15.0), ("2024", 17.0), ("2025", 18.0)],
            None,
            None,
        );
        assert_eq!(figure_view(&f, "fr").svg, figure_view(&f, "fr").svg);
        insta::assert_snapshot!(figure_view(&f, "en").svg);
    }

    #[test]
    fn values_follow_the_language() {
        let nnbsp = '\u{202F}';
        assert_eq!(format_value(22.0, Some("%"), "en"), "22%");
        assert_eq!(format_value(22.0, Some("%"), "fr"), format!("22{nnbsp}%"));
        assert_eq!(format_value(48.5, Some("%"), "fr"), format!("48,5{nnbsp}%"));
        assert_eq!(format_value(1619.0, None, "en"), "1,619");
        assert_eq!(format_value(1619.0, None, "fr"), format!("1{nnbsp}619"));
        assert_eq!(format_value(18.0, Some("réseaux"), "fr"), "18 réseaux");
        let view = figure_view(&figure(&[("2019", 15.0), ("2024", 17.0)], None, None), "fr");
        assert!(
            view.svg
                .contains(&format!("2019{nnbsp}: 15{nnbsp}; 2024{nnbsp}: 17"))
        );
    }
}
