//! The bilingual glossary: `content/glossary.yaml`.

use schemars::JsonSchema;
use serde::Deserialize;

use super::shapes;
use super::values::{Date, Localized, Source};

/// A term of the glossary.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlossaryTerm {
    /// The term's id, used as its anchor: lowercase letters, digits and hyphens.
    #[schemars(pattern(shapes::SLUG_PATTERN))]
    pub id: String,
    /// The term as written, in each language: `RCP`.
    #[schemars(with = "shapes::LocalizedText")]
    pub term: Localized,
    /// What an abbreviation stands for, in each language.
    #[serde(default)]
    #[schemars(with = "Option<shapes::LocalizedText>")]
    pub expansion: Option<Localized>,
    /// The definition (Markdown), in each language.
    #[schemars(with = "shapes::LocalizedMarkdown")]
    pub definition: Localized,
}

/// The bilingual glossary: `content/glossary.yaml`. Write only definitions from a source listed
/// in `sources`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Glossary")]
pub struct Glossary {
    /// The date a person last checked the glossary against its sources: `YYYY-MM-DD`.
    pub reviewed: Date,
    /// Every page you used for the definitions; at least one.
    #[schemars(length(min = 1))]
    pub sources: Vec<Source>,
    /// The terms, in the order they are shown.
    pub terms: Vec<GlossaryTerm>,
}
