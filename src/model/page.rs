//! A Markdown page's front matter, and how the page is placed and laid out.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::shapes;
use super::values::{Date, Localized, Source};

/// Which menu a page is listed in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Menu {
    /// The main navigation, at the top of every page.
    Main,
    /// The footer of every page.
    Footer,
}

/// How a page is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// A plain page.
    #[default]
    Page,
    /// The page, then every term of `content/glossary.yaml`.
    Glossary,
    /// The accessibility statement: the facts of `accessibility` in `content/site.yaml`
    /// (standard, status, audit, tests, contact), then the page.
    Accessibility,
}

/// The YAML front matter of a Markdown page, `content/pages/<slug>.<lang>.md`, between two `---`
/// lines. Each language is its own file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Page front matter")]
pub struct PageMeta {
    /// The page's title, in this file's language.
    #[schemars(length(min = 1))]
    pub title: String,
    /// One sentence for search engines and link previews, in this file's language.
    #[schemars(length(min = 1))]
    pub description: String,
    /// This language's URL slug (default: the file's `<slug>`); not on the home page.
    #[serde(default)]
    #[schemars(pattern(shapes::SLUG_PATTERN))]
    pub slug: Option<String>,
    /// The menu the page is listed in, if any.
    #[serde(default)]
    pub menu: Option<Menu>,
    /// Order in its menu, smallest first.
    #[serde(default)]
    pub weight: Option<i32>,
    /// `glossary` appends the glossary's terms to the page.
    #[serde(default)]
    pub layout: Layout,
    /// Every page you used for this one; at least one.
    #[schemars(length(min = 1))]
    pub sources: Vec<Source>,
    /// The date a person last checked this page against its sources: `YYYY-MM-DD`.
    pub reviewed: Date,
    /// For a translated page: the language it was translated from and that page's fingerprint
    /// then (`translated_from: { fr: 1a2b3c4d }`); `reperes check` prints the current one.
    #[serde(default)]
    #[schemars(with = "Option<shapes::Fingerprints>")]
    pub translated_from: Option<Localized>,
    /// Languages this page is not yet translated into: their URL shows a notice linking here.
    #[serde(default)]
    #[schemars(with = "Vec<shapes::LanguageCode>")]
    pub awaiting_translation: Vec<String>,
    /// Key figures drawn as bar charts (SVG built with the site), each followed by its table.
    /// Every language of the page gives the same figures: same ids, same numbers, same order.
    #[serde(default)]
    pub figures: Vec<Figure>,
}

/// A key figure drawn as a horizontal bar chart, in this file's language. Bars start at zero.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The chart's anchor on the page (`networks-over-time`): lowercase letters, digits and
    /// hyphens; the same in every language.
    #[schemars(pattern(shapes::SLUG_PATTERN))]
    pub id: String,
    /// The chart's title, also the caption of its table.
    #[schemars(length(min = 1))]
    pub title: String,
    /// What the numbers are and what to keep in mind when reading them (periods, studies that
    /// disagree), shown under the chart.
    #[schemars(length(min = 1))]
    pub caption: String,
    /// The heading of the table's first column (what each bar is: `Date`, `Étude`).
    #[schemars(length(min = 1))]
    pub label_heading: String,
    /// The heading of the table's value column (`Réseaux labellisés`).
    #[schemars(length(min = 1))]
    pub value_heading: String,
    /// Written after each value: `%` (« 22 % » in French, "22%" in English) or a word.
    #[serde(default)]
    pub unit: Option<String>,
    /// The end of the scale, such as `100` for shares of a whole; by default the largest value.
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub max: Option<f64>,
    /// The bars, in the order shown; at least one.
    #[schemars(length(min = 1))]
    pub bars: Vec<Bar>,
}

/// One bar of a chart: a number and the source that publishes it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bar {
    /// What the bar is, short enough for one line on a phone: `2019`, `RARECARE, 1995–2002`.
    #[schemars(length(min = 1))]
    pub label: String,
    /// The number, zero or more, exactly as its source gives it.
    #[schemars(range(min = 0))]
    pub value: f64,
    /// The page that publishes this number.
    pub source: Source,
}
