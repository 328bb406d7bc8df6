//! The content model as editors write it: serde types for records, page front matter and the
//! glossary. Field names here are the contract with editors (see README.md, "For editors").
//!
//! Values whose form can be checked alone (dates, URLs, enums) are checked while deserializing,
//! so the YAML parser reports them with their line and column.
//!
//! The same types derive `JsonSchema`: the JSON Schemas editors get (`reperes schema`) are
//! generated from them, and the `///` comments on fields become the descriptions editors see.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};

/// A text in every language of the site: `{ fr: "…", en: "…" }`. Languages are checked against
/// `site.yaml` when content is resolved.
pub type Localized = BTreeMap<String, String>;

/// Lists per language; a language may be absent.
pub type LocalizedList = BTreeMap<String, Vec<String>>;

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(format!("invalid date `{text}`: expected YYYY-MM-DD"));
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
            return Err(format!("invalid date `{text}`: expected YYYY-MM-DD"));
        }
        let (year, month, day): (u16, u8, u8) = match (y.parse(), m.parse(), d.parse()) {
            (Ok(y), Ok(m), Ok(d)) => (y, m, d),
            _ => return Err(format!("invalid date `{text}`: expected YYYY-MM-DD")),
        };
        if !(1..=12).contains(&month) {
            return Err(format!("invalid date `{text}`: month must be 01 to 12"));
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day == 0 || day > days {
            return Err(format!(
                "invalid date `{text}`: day must be 01 to {days} in that month"
            ));
        }
        Ok(Date { year, month, day })
    }

    /// Days since 1970-01-01 (for age comparisons).
    /// The date `days` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: u16::try_from(year).unwrap_or(u16::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let m = i64::from(self.month);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": r"^\d{4}-\d{2}-\d{2}$",
        })
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// An absolute `http`/`https` URL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Url(pub String);

impl Url {
    pub fn parse(text: &str) -> Result<Url, String> {
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"));
        match rest {
            Some(rest)
                if !rest.is_empty()
                    && !rest.starts_with('/')
                    && !text
                        .chars()
                        .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>') =>
            {
                Ok(Url(text.to_owned()))
            }
            _ => Err(format!(
                "invalid URL `{text}`: expected an address starting with https:// or http://"
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for Url {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Url".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // The same rule as `Url::parse`: http(s), a host, no spaces, quotes or angle brackets.
        json_schema!({
            "type": "string",
            "format": "uri",
            "pattern": r#"^https?://[^/\s"<>][^\s"<>]*$"#,
        })
    }
}

impl<'de> Deserialize<'de> for Url {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Url::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Where a fact comes from.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The page's title as shown on the site, with its publisher: `"Institut national du cancer
    /// — Les cancers rares"`.
    #[schemars(length(min = 1))]
    pub title: String,
    /// The address of the page you actually read (http or https).
    pub url: Url,
}

/// Another useful address of an organisation.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The link's text, in each language.
    #[schemars(with = "shapes::LocalizedText")]
    pub title: Localized,
    /// The address (http or https); only one a source shows.
    pub url: Url,
}

/// What a French network does, as INCa classifies it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum NetworkType {
    /// Clinical network and pathology network together.
    ClinicalAndPathology,
    /// Mainly a clinical network.
    MainlyClinical,
    /// A pathology (diagnosis review) network.
    Pathology,
}

impl NetworkType {
    pub fn as_str(self) -> &'static str {
        match self {
            NetworkType::ClinicalAndPathology => "clinical-and-pathology",
            NetworkType::MainlyClinical => "mainly-clinical",
            NetworkType::Pathology => "pathology",
        }
    }
}

/// Whether a link between records is stated by a source or inferred by the editors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// A source listed in `sources` states the link.
    Sourced,
    /// We matched the scopes ourselves; no source states it.
    Inferred,
}

/// A rare cancer a network handles, with the names people use for it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The condition's medical name, in each language.
    #[schemars(with = "shapes::LocalizedText")]
    pub name: Localized,
    /// Other medical names, per language.
    #[serde(default)]
    #[schemars(with = "shapes::LocalizedList")]
    pub synonyms: LocalizedList,
    /// Abbreviations such as `GIST`, per language.
    #[serde(default)]
    #[schemars(with = "shapes::LocalizedList")]
    pub abbreviations: LocalizedList,
    /// Everyday words patients use, per language.
    #[serde(default)]
    #[schemars(with = "shapes::LocalizedList")]
    pub lay_terms: LocalizedList,
    /// Misspellings and other forms people type: for search only, never displayed.
    #[serde(default)]
    #[schemars(with = "shapes::LocalizedList")]
    pub search_terms: LocalizedList,
}

/// A link from a French network to a European Reference Network.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErnLink {
    /// The ERN's id: the name of a file in `content/erns/`, without `.yaml`.
    #[schemars(pattern(shapes::SLUG_PATTERN))]
    pub id: String,
    /// `sourced` if a source states the link, `inferred` if we matched the scopes.
    pub basis: Basis,
    /// A short note on the link (such as the ERN's domain), in each language.
    #[serde(default)]
    #[schemars(with = "Option<shapes::LocalizedText>")]
    pub note: Option<Localized>,
}

/// A French national reference network for rare cancers, labelled by INCa:
/// `content/networks/<id>.yaml`. Write only facts from a source listed in `sources`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "French national reference network")]
pub struct Network {
    /// The network's acronym, as the network writes it: `NETSARC+`.
    #[schemars(length(min = 1))]
    pub acronym: String,
    /// The network's full name, in each language.
    #[schemars(with = "shapes::LocalizedText")]
    pub name: Localized,
    /// Languages in which `name` is our own translation or description, not an official name.
    #[serde(default)]
    #[schemars(with = "Vec<shapes::LanguageCode>")]
    pub translated_name: Vec<String>,
    /// INCa's classification of the network.
    #[serde(rename = "type")]
    pub network_type: NetworkType,
    /// What the network does and for whom, in a few sentences (Markdown), in each language.
    #[schemars(with = "shapes::LocalizedMarkdown")]
    pub summary: Localized,
    /// The rare cancers the network handles, as its sources state them; at least one.
    #[schemars(length(min = 1))]
    pub conditions: Vec<Condition>,
    /// European Reference Networks this network is linked to.
    #[serde(default)]
    pub erns: Vec<ErnLink>,
    /// When and how the network was created (Markdown), in each language.
    #[serde(default)]
    #[schemars(with = "Option<shapes::LocalizedMarkdown>")]
    pub history: Option<Localized>,
    /// Who coordinates it and where (Markdown): only what a source states.
    #[serde(default)]
    #[schemars(with = "Option<shapes::LocalizedMarkdown>")]
    pub coordination: Option<Localized>,
    /// The network's own website: only an address a source shows.
    #[serde(default)]
    pub website: Option<Url>,
    /// Other useful, sourced addresses.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Every page you used for this record; at least one.
    #[schemars(length(min = 1))]
    pub sources: Vec<Source>,
    /// The date a person last checked this record against its sources: `YYYY-MM-DD`.
    pub reviewed: Date,
    /// Languages this record's texts were translated into, with the fingerprint of the
    /// source-language texts they were translated from: `translated_from: { fr: 1a2b3c4d }` in a
    /// record means "the `en` texts were translated from the `fr` texts whose fingerprint was
    /// 1a2b3c4d". `reperes check` prints the current fingerprint.
    #[serde(default)]
    #[schemars(with = "Option<shapes::Fingerprints>")]
    pub translated_from: Option<Localized>,
}

/// A European Reference Network (ERN): `content/erns/<id>.yaml`. Its French networks are listed
/// from the networks' `erns` fields, never here. Write only facts from a source listed in
/// `sources`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "European Reference Network")]
pub struct Ern {
    /// The ERN's acronym, as it writes it: `EURACAN`.
    #[schemars(length(min = 1))]
    pub acronym: String,
    /// The ERN's full name, in each language.
    #[schemars(with = "shapes::LocalizedText")]
    pub name: Localized,
    /// Languages in which `name` is our own translation or description, not an official name.
    #[serde(default)]
    #[schemars(with = "Vec<shapes::LanguageCode>")]
    pub translated_name: Vec<String>,
    /// What the ERN does and for whom, in a few sentences (Markdown), in each language.
    #[schemars(with = "shapes::LocalizedMarkdown")]
    pub summary: Localized,
    /// The areas it covers, one text per area, in each language.
    #[serde(default)]
    #[schemars(with = "Vec<shapes::LocalizedText>")]
    pub domains: Vec<Localized>,
    /// How French centres take part (Markdown), in each language.
    #[serde(default)]
    #[schemars(with = "Option<shapes::LocalizedMarkdown>")]
    pub french_participation: Option<Localized>,
    /// When and how the ERN was created (Markdown), in each language.
    #[serde(default)]
    #[schemars(with = "Option<shapes::LocalizedMarkdown>")]
    pub history: Option<Localized>,
    /// Who coordinates it and where (Markdown): only what a source states.
    #[serde(default)]
    #[schemars(with = "Option<shapes::LocalizedMarkdown>")]
    pub coordination: Option<Localized>,
    /// The ERN's own website: only an address a source shows.
    #[serde(default)]
    pub website: Option<Url>,
    /// Other useful, sourced addresses.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Every page you used for this record; at least one.
    #[schemars(length(min = 1))]
    pub sources: Vec<Source>,
    /// The date a person last checked this record against its sources: `YYYY-MM-DD`.
    pub reviewed: Date,
    /// Languages this record's texts were translated into, with the fingerprint of the
    /// source-language texts they were translated from: `translated_from: { fr: 1a2b3c4d }` in a
    /// record means "the `en` texts were translated from the `fr` texts whose fingerprint was
    /// 1a2b3c4d". `reperes check` prints the current fingerprint.
    #[serde(default)]
    #[schemars(with = "Option<shapes::Fingerprints>")]
    pub translated_from: Option<Localized>,
}

/// The kind of organisation a partner is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum PartnerCategory {
    /// A public agency or administration.
    Agency,
    /// A learned or professional society.
    ProfessionalSociety,
    /// A patient organisation.
    PatientOrganisation,
    /// A research organisation or group.
    Research,
    /// An information service.
    Information,
    /// A project with a start and an end.
    Project,
}

impl PartnerCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            PartnerCategory::Agency => "agency",
            PartnerCategory::ProfessionalSociety => "professional-society",
            PartnerCategory::PatientOrganisation => "patient-organisation",
            PartnerCategory::Research => "research",
            PartnerCategory::Information => "information",
            PartnerCategory::Project => "project",
        }
    }
}

/// A partner organisation: `content/partners/<id>.yaml`. Write only facts from a source listed
/// in `sources`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Partner organisation")]
pub struct Partner {
    /// The organisation's acronym, as it writes it, if it has one: `ESMO`.
    #[serde(default)]
    #[schemars(length(min = 1))]
    pub acronym: Option<String>,
    /// The organisation's full name, in each language.
    #[schemars(with = "shapes::LocalizedText")]
    pub name: Localized,
    /// Languages in which `name` is our own translation or description, not an official name.
    #[serde(default)]
    #[schemars(with = "Vec<shapes::LanguageCode>")]
    pub translated_name: Vec<String>,
    /// What kind of organisation it is.
    pub category: PartnerCategory,
    /// Its role for people with a rare cancer, in a few sentences (Markdown), in each language.
    #[schemars(with = "shapes::LocalizedMarkdown")]
    pub summary: Localized,
    /// The organisation's own website: only an address a source shows.
    #[serde(default)]
    pub website: Option<Url>,
    /// Other useful, sourced addresses.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Every page you used for this record; at least one.
    #[schemars(length(min = 1))]
    pub sources: Vec<Source>,
    /// The date a person last checked this record against its sources: `YYYY-MM-DD`.
    pub reviewed: Date,
    /// Languages this record's texts were translated into, with the fingerprint of the
    /// source-language texts they were translated from: `translated_from: { fr: 1a2b3c4d }` in a
    /// record means "the `en` texts were translated from the `fr` texts whose fingerprint was
    /// 1a2b3c4d". `reperes check` prints the current fingerprint.
    #[serde(default)]
    #[schemars(with = "Option<shapes::Fingerprints>")]
    pub translated_from: Option<Localized>,
}

/// Which menu a page is listed in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Menu {
    /// The main navigation, at the top of every page.
    Main,
    /// The footer of every page.
    Footer,
}

/// How a page is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
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
}

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

/// Schema-only stand-ins for the aliases above, named by `#[schemars(with = …)]`: a type alias
/// cannot carry its own schema, and localized text must not look like any string map. Their
/// definitions are generic here; `schema.rs` turns them into the site's own languages.
pub mod shapes {
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    /// Ids and slugs, as `content::check_slug` accepts them (but for the length and the
    /// reserved names, which the build reports).
    pub const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

    /// The form of a language code in `site.yaml`.
    pub const LANGUAGE_PATTERN: &str = "^[a-z]{2,3}$";

    macro_rules! shape {
        ($name:ident, $schema:tt) => {
            #[derive(Debug)]
            pub struct $name;

            impl JsonSchema for $name {
                fn schema_name() -> Cow<'static, str> {
                    stringify!($name).into()
                }

                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    json_schema!($schema)
                }
            }
        };
    }
    /// Also used by the open data schemas (`crate::opendata`).
    pub(crate) use shape;

    shape!(LocalizedText, {
        "description": "A text in each language of the site, all required: `{ fr: \"…\", en: \"…\" }`.",
        "type": "object",
        "propertyNames": { "pattern": LANGUAGE_PATTERN },
        "additionalProperties": { "type": "string", "minLength": 1 },
    });

    shape!(LocalizedMarkdown, {
        "description": "A Markdown text in each language of the site, all required. Use YAML's `|` block style for several paragraphs; link to other content with `@/networks/<id>`, `@/pages/<slug>.md`.",
        "type": "object",
        "propertyNames": { "pattern": LANGUAGE_PATTERN },
        "additionalProperties": { "type": "string", "minLength": 1 },
    });

    shape!(LocalizedList, {
        "description": "Lists of words per language; a language may be absent: `{ fr: [\"…\"], en: [\"…\"] }`.",
        "type": "object",
        "propertyNames": { "pattern": LANGUAGE_PATTERN },
        "additionalProperties": { "type": "array", "items": { "type": "string", "minLength": 1 } },
    });

    shape!(LocalizedSlug, {
        "description": "A URL segment in each language of the site: lowercase letters, digits and hyphens.",
        "type": "object",
        "propertyNames": { "pattern": LANGUAGE_PATTERN },
        "additionalProperties": { "type": "string", "pattern": SLUG_PATTERN },
    });

    shape!(Fingerprints, {
        "description": "The language translated from and the fingerprint of its text then: `{ fr: 1a2b3c4d }` (8 hex digits; `reperes check` prints the current one).",
        "type": "object",
        "propertyNames": { "pattern": LANGUAGE_PATTERN },
        "additionalProperties": { "type": "string", "pattern": "^[0-9a-f]{8}$" },
    });

    shape!(LanguageCode, {
        "description": "A language of the site, as listed in `content/site.yaml`.",
        "type": "string",
        "pattern": LANGUAGE_PATTERN,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_validated() {
        assert!(Date::parse("2026-11-22").is_ok());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2025-02-29").is_err());
        assert!(Date::parse("2026-13-01").is_err());
        assert!(Date::parse("22/11/2026").is_err());
        assert_eq!(Date::parse("1970-01-02").map(Date::days_since_epoch), Ok(1));
    }

    #[test]
    fn urls_must_be_absolute_http() {
        assert!(Url::parse("https://www.netmeso.fr/").is_ok());
        assert!(Url::parse("www.netmeso.fr").is_err());
        assert!(Url::parse("javascript:alert(1)").is_err());
        assert!(Url::parse("https://a b").is_err());
    }
}
