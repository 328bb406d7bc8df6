//! The values records are made of: localized texts and lists, dates, web addresses, sources and
//! links.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};

use super::shapes;

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

    /// The same day `months` months later; a day the month lacks becomes its last day
    /// (31 January + 1 month = 28 or 29 February).
    pub fn add_months(self, months: u16) -> Date {
        let index = u32::from(self.year) * 12 + u32::from(self.month) - 1 + u32::from(months);
        let year = u16::try_from(index / 12).unwrap_or(u16::MAX);
        let month = u8::try_from(index % 12 + 1).unwrap_or(1);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let last = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        Date {
            year,
            month,
            day: self.day.min(last),
        }
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

/// An Orphanet code, `ORPHA:<digits>` (the nomenclature of rare diseases).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct OrphaCode(u32);

impl OrphaCode {
    pub fn parse(text: &str) -> Result<OrphaCode, String> {
        text.strip_prefix("ORPHA:")
            .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|digits| digits.parse().ok())
            .map(OrphaCode)
            .ok_or_else(|| format!("invalid Orphanet code `{text}`: expected ORPHA:<digits>"))
    }

    /// The number alone, as Orphanet's addresses take it.
    pub fn number(self) -> u32 {
        self.0
    }

    /// The condition's page on Orphanet, in `lang` (the address form the sources cite).
    pub fn url(self, lang: &str) -> String {
        format!(
            "https://www.orpha.net/consor/cgi-bin/OC_Exp.php?lng={}&Expert={}",
            lang.to_ascii_uppercase(),
            self.0
        )
    }
}

impl fmt::Display for OrphaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ORPHA:{}", self.0)
    }
}

impl<'de> Deserialize<'de> for OrphaCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        OrphaCode::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for OrphaCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for OrphaCode {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "OrphaCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^ORPHA:[0-9]+$",
        })
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
    /// The language of the source's title and page, when it is not the language of the page
    /// that cites it (`en`, `de`…): the title is then marked up in that language (RGAA 8.7).
    #[serde(default)]
    #[schemars(pattern(shapes::LANGUAGE_PATTERN))]
    pub lang: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_added_to_dates() {
        let d = |t: &str| Date::parse(t).unwrap();
        assert_eq!(d("2026-11-22").add_months(12), d("2027-11-22"));
        assert_eq!(d("2026-01-31").add_months(1), d("2026-02-28"));
        assert_eq!(d("2027-12-31").add_months(2), d("2028-02-29"));
        assert_eq!(d("2026-05-10").add_months(0), d("2026-05-10"));
    }

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
    fn orpha_codes() {
        assert_eq!(
            OrphaCode::parse("ORPHA:892").map(OrphaCode::number),
            Ok(892)
        );
        assert_eq!(
            OrphaCode::parse("ORPHA:892").map(|c| c.to_string()),
            Ok("ORPHA:892".to_owned())
        );
        for bad in ["892", "ORPHA:", "orpha:892", "ORPHA:89a", "ORPHA: 892"] {
            assert!(OrphaCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_must_be_absolute_http() {
        assert!(Url::parse("https://www.netmeso.fr/").is_ok());
        assert!(Url::parse("www.netmeso.fr").is_err());
        assert!(Url::parse("javascript:alert(1)").is_err());
        assert!(Url::parse("https://a b").is_err());
    }
}
