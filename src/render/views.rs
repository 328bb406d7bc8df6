//! View structs: the only shapes templates see. Texts are already in the page's language, with
//! its typography applied; Markdown fields are HTML.

use serde::Serialize;

pub use super::chart::{FigureRow, FigureView};

/// What every template gets, whatever the page.
#[derive(Debug, Clone, Serialize)]
pub struct Frame {
    pub lang: String,
    /// Route kind: home, page, network-list, network, ern-list, ern, partner-list, partner, search,
    /// not-found.
    pub kind: &'static str,
    /// The pages above this one, home first (empty on the home page).
    pub breadcrumbs: Vec<NavItem>,
    /// This page's short name at the end of the breadcrumbs (a record's acronym).
    pub crumb: String,
    /// When the page's content was last reviewed and when the next review is due (content
    /// pages only; `next` only when `site.yaml` sets `review_months`).
    pub review: Option<ReviewView>,
    /// "Report an error on this page", carrying the page's address (when `site.yaml` sets
    /// `report_error`).
    pub report_url: Option<String>,
    pub site_title: String,
    pub site_description: String,
    pub title: String,
    pub description: String,
    /// Absolute URL of this page (none for the 404 page, which has no fixed address).
    pub canonical: Option<String>,
    pub alternates: Vec<Alternate>,
    pub nav: Vec<NavItem>,
    pub footer_nav: Vec<NavItem>,
    pub home_url: String,
    pub search_url: String,
    pub css_url: String,
    /// The page's Content-Security-Policy (WebAssembly allowed on the search page only).
    pub csp: String,
    pub manifest_url: String,
    /// A notice that this page is not (or may not be fully) translated, with a link to the
    /// language it comes from.
    pub translation_note: Option<TranslationNote>,
    /// Keep this page out of search engines (placeholders of pages awaiting translation).
    pub noindex: bool,
    /// OpenGraph locale of this page (`fr_FR`) and of its other languages.
    pub og_locale: String,
    pub og_locale_alternates: Vec<String>,
    /// schema.org data of the page as JSON-LD (`<` escaped), when it describes something.
    pub json_ld: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TranslationNote {
    /// `awaiting` (no translation yet) or `outdated` (the original changed since).
    pub kind: &'static str,
    pub text: String,
    /// The original: its language code, that language's name, its URL.
    pub lang: String,
    pub language_name: String,
    pub url: String,
}

/// This page in another language (and in its own, marked `current`).
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: String,
    /// The language's name in that language (« Français », "English").
    pub name: String,
    pub url: String,
    pub absolute_url: String,
    pub current: bool,
    /// The page awaits its translation into this language: a notice, not an equivalent page
    /// (no `hreflang` alternate for it).
    pub placeholder: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub title: String,
    pub url: String,
    /// The source's language when it differs from the page's (`lang`/`hreflang` on the link).
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reviewed {
    /// ISO date for `<time datetime>`.
    pub iso: String,
    /// The date as a reader of this language writes it.
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    pub last: Reviewed,
    pub next: Option<Reviewed>,
}

/// A heading of a page, for its table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    /// The page's key figures: each chart with its table, before the text, in a section whose
    /// anchor is `figures_anchor`.
    pub figures: Vec<FigureView>,
    pub figures_anchor: &'static str,
    pub layout: &'static str,
    pub sources: Vec<SourceView>,
    pub reviewed: Reviewed,
}

/// The facts of the accessibility statement (from `content/site.yaml`).
#[derive(Debug, Clone, Serialize)]
pub struct AccessibilityView {
    pub standard: String,
    /// The status, in words (« partiellement conforme »).
    pub status: String,
    /// The date of the full audit, written out; none when no audit was done.
    pub audited: Option<String>,
    pub tests: Vec<String>,
    pub contact: Option<LinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GlossaryTermView {
    pub id: String,
    pub term: String,
    pub expansion: Option<String>,
    pub definition_html: String,
}

/// A short entry in a list of records.
#[derive(Debug, Clone, Serialize)]
pub struct RecordSummary {
    pub id: String,
    pub acronym: String,
    pub name: String,
    pub url: String,
    /// Network type or partner category code.
    pub category: String,
    pub category_label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConditionView {
    pub name: String,
    pub synonyms: Vec<String>,
    pub abbreviations: Vec<String>,
    pub lay_terms: Vec<String>,
    /// The Orphanet code and its page in the page's language.
    pub orpha: Option<LinkView>,
}

/// A way to reach a network, with its source.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub text_html: String,
    pub url: Option<String>,
    /// The address's host (`cancervih.org`): the link's text, shorter than the address.
    pub url_label: Option<String>,
    pub source: SourceView,
    pub year: Option<u16>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelatedView {
    pub id: String,
    pub acronym: String,
    pub name: String,
    pub url: String,
    /// `sourced` or `inferred`.
    pub basis: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NetworkView {
    pub id: String,
    pub acronym: String,
    pub name: String,
    pub name_translated: bool,
    pub network_type: String,
    pub type_label: String,
    pub summary_html: String,
    /// How to reach the network (empty when no source gives a way), and the official list of
    /// the networks.
    pub contact: Vec<ContactView>,
    pub directory: Option<LinkView>,
    pub conditions: Vec<ConditionView>,
    pub erns: Vec<RelatedView>,
    pub history_html: String,
    pub coordination_html: String,
    pub website: Option<String>,
    pub links: Vec<LinkView>,
    pub sources: Vec<SourceView>,
    pub reviewed: Reviewed,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErnView {
    pub id: String,
    pub acronym: String,
    pub name: String,
    pub name_translated: bool,
    pub summary_html: String,
    pub domains: Vec<String>,
    pub french_participation_html: String,
    pub history_html: String,
    pub coordination_html: String,
    pub networks: Vec<RelatedView>,
    pub website: Option<String>,
    pub links: Vec<LinkView>,
    pub sources: Vec<SourceView>,
    pub reviewed: Reviewed,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerView {
    pub id: String,
    pub acronym: String,
    pub name: String,
    pub name_translated: bool,
    pub category: String,
    pub category_label: String,
    pub summary_html: String,
    pub website: Option<String>,
    pub links: Vec<LinkView>,
    pub sources: Vec<SourceView>,
    pub reviewed: Reviewed,
}

/// A group of partners of one category, for the partner list.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerGroup {
    pub category: String,
    pub label: String,
    pub partners: Vec<RecordSummary>,
}
