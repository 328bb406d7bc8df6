//! Review intervals and the address for reporting an error, from `content/site.yaml`.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::model::Url;

/// Months between two reviews: a default, and per kind of page if needed.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewMonths {
    /// Months between two reviews of anything that has no interval of its own.
    #[schemars(range(min = 1))]
    pub default: u16,
    /// The French networks.
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub networks: Option<u16>,
    /// The European Reference Networks.
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub erns: Option<u16>,
    /// The partner organisations.
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub partners: Option<u16>,
    /// The Markdown pages (and the glossary).
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub pages: Option<u16>,
}

/// What a review interval applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewKind {
    Network,
    Ern,
    Partner,
    Page,
}

impl ReviewMonths {
    /// The interval for one kind of page.
    pub fn for_kind(&self, kind: ReviewKind) -> u16 {
        match kind {
            ReviewKind::Network => self.networks,
            ReviewKind::Ern => self.erns,
            ReviewKind::Partner => self.partners,
            ReviewKind::Page => self.pages,
        }
        .unwrap_or(self.default)
    }
}

/// Where readers report an error: an e-mail address or a web address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportAddress {
    /// `name@example.org` (written with or without `mailto:`).
    Email(String),
    /// `https://…`: the page's address is added as `page=`.
    Web(String),
}

impl ReportAddress {
    pub(super) fn parse(text: &str) -> Result<ReportAddress, String> {
        let text = text.trim();
        if text.contains("://") {
            return Url::parse(text)
                .map(|url| ReportAddress::Web(url.as_str().to_owned()))
                .map_err(|why| format!("`report_error`: {why}"));
        }
        let address = text.strip_prefix("mailto:").unwrap_or(text);
        let valid = address.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !address.contains(char::is_whitespace)
        });
        if valid && !address.contains(['?', '&', '<', '>', '"']) {
            Ok(ReportAddress::Email(address.to_owned()))
        } else {
            Err(format!(
                "`report_error`: `{text}` is neither an e-mail address nor a web address"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_addresses_are_e_mail_or_web() {
        let email = |t: &str| ReportAddress::Email(t.to_owned());
        assert_eq!(ReportAddress::parse("a@b.org"), Ok(email("a@b.org")));
        assert_eq!(ReportAddress::parse("mailto:a@b.org"), Ok(email("a@b.org")));
        assert!(matches!(
            ReportAddress::parse("https://example.org/form"),
            Ok(ReportAddress::Web(_))
        ));
        assert!(ReportAddress::parse("nobody").is_err());
        assert!(ReportAddress::parse("a@b.org?cc=x@y.org").is_err());
    }
}
