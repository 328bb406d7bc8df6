//! The content model as editors write it: serde types for records, page front matter and the
//! glossary. Field names here are the contract with editors (see README.md, "For editors").
//!
//! Values whose form can be checked alone (dates, URLs, enums) are checked while deserializing,
//! so the YAML parser reports them with their line and column.

use std::collections::BTreeMap;
use std::fmt;

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

impl<'de> Deserialize<'de> for Url {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Url::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Where a fact comes from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub url: Url,
}

/// Another useful address of an organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: Localized,
    pub url: Url,
}

/// What a French network does, as INCa classifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NetworkType {
    ClinicalAndPathology,
    MainlyClinical,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    Sourced,
    Inferred,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub name: Localized,
    #[serde(default)]
    pub synonyms: LocalizedList,
    #[serde(default)]
    pub abbreviations: LocalizedList,
    #[serde(default)]
    pub lay_terms: LocalizedList,
    /// Misspellings and other forms people type: for search only, never displayed.
    #[serde(default)]
    pub search_terms: LocalizedList,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErnLink {
    pub id: String,
    pub basis: Basis,
    #[serde(default)]
    pub note: Option<Localized>,
}

/// `content/networks/<id>.yaml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    pub acronym: String,
    pub name: Localized,
    #[serde(default)]
    pub translated_name: Vec<String>,
    #[serde(rename = "type")]
    pub network_type: NetworkType,
    pub summary: Localized,
    pub conditions: Vec<Condition>,
    #[serde(default)]
    pub erns: Vec<ErnLink>,
    #[serde(default)]
    pub history: Option<Localized>,
    #[serde(default)]
    pub coordination: Option<Localized>,
    #[serde(default)]
    pub website: Option<Url>,
    #[serde(default)]
    pub links: Vec<Link>,
    pub sources: Vec<Source>,
    pub reviewed: Date,
    /// Languages this record's texts were translated into, with the fingerprint of the
    /// source-language texts they were translated from: `translated_from: { fr: 1a2b3c4d }` in a
    /// record means "the `en` texts were translated from the `fr` texts whose fingerprint was
    /// 1a2b3c4d". `reperes check` prints the current fingerprint.
    #[serde(default)]
    pub translated_from: Option<Localized>,
}

/// `content/erns/<id>.yaml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ern {
    pub acronym: String,
    pub name: Localized,
    #[serde(default)]
    pub translated_name: Vec<String>,
    pub summary: Localized,
    #[serde(default)]
    pub domains: Vec<Localized>,
    #[serde(default)]
    pub french_participation: Option<Localized>,
    #[serde(default)]
    pub history: Option<Localized>,
    #[serde(default)]
    pub coordination: Option<Localized>,
    #[serde(default)]
    pub website: Option<Url>,
    #[serde(default)]
    pub links: Vec<Link>,
    pub sources: Vec<Source>,
    pub reviewed: Date,
    /// Languages this record's texts were translated into, with the fingerprint of the
    /// source-language texts they were translated from: `translated_from: { fr: 1a2b3c4d }` in a
    /// record means "the `en` texts were translated from the `fr` texts whose fingerprint was
    /// 1a2b3c4d". `reperes check` prints the current fingerprint.
    #[serde(default)]
    pub translated_from: Option<Localized>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartnerCategory {
    Agency,
    ProfessionalSociety,
    PatientOrganisation,
    Research,
    Information,
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

/// `content/partners/<id>.yaml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    #[serde(default)]
    pub acronym: Option<String>,
    pub name: Localized,
    #[serde(default)]
    pub translated_name: Vec<String>,
    pub category: PartnerCategory,
    pub summary: Localized,
    #[serde(default)]
    pub website: Option<Url>,
    #[serde(default)]
    pub links: Vec<Link>,
    pub sources: Vec<Source>,
    pub reviewed: Date,
    /// Languages this record's texts were translated into, with the fingerprint of the
    /// source-language texts they were translated from: `translated_from: { fr: 1a2b3c4d }` in a
    /// record means "the `en` texts were translated from the `fr` texts whose fingerprint was
    /// 1a2b3c4d". `reperes check` prints the current fingerprint.
    #[serde(default)]
    pub translated_from: Option<Localized>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Menu {
    Main,
    Footer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    #[default]
    Page,
    Glossary,
}

/// The YAML front matter of `content/pages/<slug>.<lang>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub menu: Option<Menu>,
    #[serde(default)]
    pub weight: Option<i32>,
    #[serde(default)]
    pub layout: Layout,
    pub sources: Vec<Source>,
    pub reviewed: Date,
    /// For a translated page: the language it was translated from and that page's fingerprint
    /// then (`translated_from: { fr: 1a2b3c4d }`); `reperes check` prints the current one.
    #[serde(default)]
    pub translated_from: Option<Localized>,
    /// Languages this page is not yet translated into: their URL shows a notice linking here.
    #[serde(default)]
    pub awaiting_translation: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryTerm {
    pub id: String,
    pub term: Localized,
    #[serde(default)]
    pub expansion: Option<Localized>,
    pub definition: Localized,
}

/// `content/glossary.yaml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub reviewed: Date,
    pub sources: Vec<Source>,
    pub terms: Vec<GlossaryTerm>,
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
