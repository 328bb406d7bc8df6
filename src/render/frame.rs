//! What every page shares: the frame (title, languages, navigation, translation notice), its
//! schema.org JSON-LD, and the search page's settings.

use std::collections::BTreeMap;

use super::Renderer;
use super::theme::STYLESHEET;
use super::views::*;
use crate::config::{ReportAddress, ReviewKind};
use crate::content::{Page, Site};
use crate::diag::Diagnostic;
use crate::i18n::Arg;
use crate::model::refs::{BUNDLE_DIR, VOCABULARY_FILE};
use crate::model::{Basis, Date, HOME_KEY, Menu};
use crate::text::typography;
use crate::urls::Route;

impl<'a> Renderer<'a> {
    /// What the search page's script needs, as JSON for a `<script type="application/json">`
    /// element: where each language's index lives and the interface strings (`{count}` and
    /// `{query}` are filled in by the script).
    pub(super) fn search_config(&self, lang: &str) -> Result<String, Diagnostic> {
        let bundle = |code: &str| {
            let prefix = self.config.languages.prefix(code);
            self.urls.asset(&format!("{prefix}{}/", BUNDLE_DIR))
        };
        let text = |value: &str| (value.to_owned(), Arg::Text(format!("{{{value}}}")));
        let mut messages = serde_json::Map::new();
        for (name, key, args) in [
            ("one", "search-results-one", vec![text("count")]),
            ("other", "search-results-other", vec![text("count")]),
            ("none", "search-none", vec![text("query")]),
            ("corrected", "search-corrected", vec![text("query")]),
            ("otherLanguage", "search-other-language", vec![]),
            ("loading", "search-loading", vec![]),
            ("unavailable", "search-unavailable", vec![]),
            ("network", "search-kind-network", vec![]),
            ("ern", "search-kind-ern", vec![]),
            ("partner", "search-kind-partner", vec![]),
            ("page", "search-kind-page", vec![]),
        ] {
            messages.insert(name.into(), self.t_args(lang, key, &args)?.into());
        }
        let mut others = Vec::new();
        for code in self.config.languages.codes().filter(|c| *c != lang) {
            others.push(serde_json::json!({
                "lang": code,
                "name": self.t(code, "language-name")?,
                "bundle": bundle(code),
            }));
        }
        let config = serde_json::json!({
            "lang": lang,
            "root": self.config.base_path,
            "bundle": bundle(lang),
            "vocabulary": VOCABULARY_FILE,
            "others": others,
            "messages": messages,
        });
        // `<` escaped so that no text can close the script element.
        Ok(config.to_string().replace('<', "\\u003c"))
    }

    pub(super) fn frame(
        &self,
        route: &Route,
        lang: &str,
        kind: &'static str,
        title: String,
        description: String,
    ) -> Result<Frame, Diagnostic> {
        let mut alternates = Vec::new();
        for code in self.config.languages.codes() {
            if let (Some(url), Some(absolute_url)) =
                (self.urls.url(route, code), self.urls.absolute(route, code))
            {
                alternates.push(Alternate {
                    lang: code.to_owned(),
                    name: self.t(code, "language-name")?,
                    url,
                    absolute_url,
                    current: code == lang,
                    placeholder: self.awaiting_source(route, code).is_some(),
                });
            }
        }
        // The primary navigation: the two lists of networks, then the pages of the main menu;
        // the partners open the footer's (the home page links to them too).
        let mut nav = Vec::new();
        let mut footer_nav = Vec::new();
        for (target, key) in [
            (Route::NetworkList, "nav-networks"),
            (Route::ErnList, "nav-erns"),
            (Route::PartnerList, "nav-partners"),
        ] {
            let item = NavItem {
                title: self.t(lang, key)?,
                url: self.url(&target, lang),
                current: &target == route || is_child(route, &target),
            };
            match target {
                Route::PartnerList => footer_nav.push(item),
                _ => nav.push(item),
            }
        }
        for page in self.menu_pages.get(lang).into_iter().flatten() {
            let target = Route::Page(page.key.clone());
            let item = NavItem {
                title: typography(&page.meta.title, lang),
                url: self.url(&target, lang),
                current: &target == route,
            };
            match page.meta.menu {
                Some(Menu::Main) => nav.push(item),
                _ => footer_nav.push(item),
            }
        }
        let crumb = self
            .crumb(route, lang)
            .unwrap_or_else(|| typography(&title, lang));
        let review = match self.review_date(route, lang) {
            Some((date, kind)) => Some(ReviewView {
                last: self.reviewed(date, lang)?,
                next: match self.config.review_months {
                    Some(months) => {
                        Some(self.reviewed(date.add_months(months.for_kind(kind)), lang)?)
                    }
                    None => None,
                },
            }),
            None => None,
        };
        let report_url = match (&self.config.report_error, &review) {
            (Some(address), Some(_)) => self
                .urls
                .absolute(route, lang)
                .map(|page| self.report_url(address, &page, lang))
                .transpose()?,
            _ => None,
        };
        Ok(Frame {
            lang: lang.to_owned(),
            kind,
            breadcrumbs: self.breadcrumbs(route, lang)?,
            crumb,
            review,
            report_url,
            site_title: self.text(&self.config.title, lang),
            site_description: self.text(&self.config.description, lang),
            title: typography(&title, lang),
            description: typography(&description, lang),
            canonical: (route != &Route::NotFound)
                .then(|| self.urls.absolute(route, lang))
                .flatten(),
            alternates,
            nav,
            footer_nav,
            home_url: self.url(&Route::Home, lang),
            search_url: self.url(&Route::Search, lang),
            css_url: self.urls.asset(&self.theme.asset_path(STYLESHEET)),
            csp: super::hosting::content_security_policy(kind == "search", false),
            manifest_url: self.urls.asset(super::hosting::MANIFEST),
            translation_note: self.translation_note(route, lang)?,
            noindex: self.awaiting_source(route, lang).is_some(),
            og_locale: og_locale(lang),
            og_locale_alternates: self
                .config
                .languages
                .codes()
                .filter(|code| *code != lang && self.awaiting_source(route, code).is_none())
                .map(og_locale)
                .collect(),
            json_ld: self.json_ld(route, lang, &title, &description),
        })
    }

    /// The date this page's content was last reviewed, and which review interval applies; `None`
    /// for pages of the site's own (lists, search, not found).
    pub(super) fn review_date(&self, route: &Route, lang: &str) -> Option<(Date, ReviewKind)> {
        let page = |key: &str| {
            let page = self
                .site
                .page(key, lang)
                .or_else(|| self.site.awaiting(key, lang))?;
            Some((page.meta.reviewed, ReviewKind::Page))
        };
        match route {
            Route::Home => page(HOME_KEY),
            Route::Page(key) => page(key),
            Route::Network(id) => Some((self.site.network(id)?.data.reviewed, ReviewKind::Network)),
            Route::Ern(id) => Some((self.site.ern(id)?.data.reviewed, ReviewKind::Ern)),
            Route::Partner(id) => Some((self.site.partner(id)?.data.reviewed, ReviewKind::Partner)),
            _ => None,
        }
    }

    /// "Report an error on this page": a `mailto:` link whose message holds the page's address,
    /// or the web address with `page=<the page's address>`.
    fn report_url(
        &self,
        address: &ReportAddress,
        page: &str,
        lang: &str,
    ) -> Result<String, Diagnostic> {
        Ok(match address {
            ReportAddress::Email(email) => {
                let subject = self.t(lang, "report-error-link")?;
                format!(
                    "mailto:{email}?subject={}&body={}",
                    percent_encode(&subject),
                    percent_encode(&format!("{page}\n\n"))
                )
            }
            ReportAddress::Web(url) => {
                let separator = if url.contains('?') { '&' } else { '?' };
                format!("{url}{separator}page={}", percent_encode(page))
            }
        })
    }

    /// The pages above this one, from the home page down (none on the home page itself).
    fn breadcrumbs(&self, route: &Route, lang: &str) -> Result<Vec<NavItem>, Diagnostic> {
        if *route == Route::Home {
            return Ok(Vec::new());
        }
        let mut crumbs = vec![NavItem {
            title: self.t(lang, "breadcrumb-home")?,
            url: self.url(&Route::Home, lang),
            current: false,
        }];
        let (list, key) = match route {
            Route::Network(_) => (Route::NetworkList, "nav-networks"),
            Route::Ern(_) => (Route::ErnList, "nav-erns"),
            Route::Partner(_) => (Route::PartnerList, "nav-partners"),
            _ => return Ok(crumbs),
        };
        crumbs.push(NavItem {
            title: self.t(lang, key)?,
            url: self.url(&list, lang),
            current: false,
        });
        Ok(crumbs)
    }

    /// The short name of a record in the breadcrumbs: its acronym (a partner without one: its
    /// name). `None` for other pages, whose title serves.
    fn crumb(&self, route: &Route, lang: &str) -> Option<String> {
        match route {
            Route::Network(id) => Some(self.site.network(id)?.data.acronym.clone()),
            Route::Ern(id) => Some(self.site.ern(id)?.data.acronym.clone()),
            Route::Partner(id) => {
                let p = self.site.partner(id)?;
                Some(match &p.data.acronym {
                    Some(acronym) => acronym.clone(),
                    None => self.text(&p.data.name, lang),
                })
            }
            _ => None,
        }
    }

    /// schema.org JSON-LD: the site (`WebSite`, with its search) on the home page, a
    /// `MedicalOrganization` for each network and ERN. Only facts the records state.
    pub(super) fn json_ld(
        &self,
        route: &Route,
        lang: &str,
        title: &str,
        description: &str,
    ) -> Option<String> {
        let absolute = |r: &Route, l: &str| self.urls.absolute(r, l);
        let mut value = match route {
            Route::Home => {
                let search = absolute(&Route::Search, lang)?;
                serde_json::json!({
                    "@context": "https://schema.org",
                    "@type": "WebSite",
                    "name": self.text(&self.config.title, lang),
                    "description": self.text(&self.config.description, lang),
                    "url": absolute(route, lang)?,
                    "inLanguage": lang,
                    "potentialAction": {
                        "@type": "SearchAction",
                        "target": {
                            "@type": "EntryPoint",
                            "urlTemplate": format!("{search}?q={{search_term_string}}"),
                        },
                        "query-input": "required name=search_term_string",
                    },
                })
            }
            Route::Network(id) => {
                let n = self.site.network(id)?;
                let member_of: Vec<serde_json::Value> = n
                    .data
                    .erns
                    .iter()
                    .filter(|link| link.basis == Basis::Sourced)
                    .filter_map(|link| {
                        let ern = self.site.ern(&link.id)?;
                        Some(serde_json::json!({
                            "@type": "MedicalOrganization",
                            "name": ern.data.acronym,
                            "url": absolute(&Route::Ern(link.id.clone()), lang)?,
                        }))
                    })
                    .collect();
                let mut value = organization(
                    &n.data.acronym,
                    &self.text(&n.data.name, lang),
                    description,
                    absolute(route, lang)?,
                    n.data.website.as_ref().map(|w| w.0.clone()),
                    lang,
                );
                value["areaServed"] = serde_json::json!({"@type": "Country", "name": "France"});
                if !member_of.is_empty() {
                    value["memberOf"] = serde_json::Value::Array(member_of);
                }
                value
            }
            Route::Ern(id) => {
                let e = self.site.ern(id)?;
                organization(
                    &e.data.acronym,
                    &self.text(&e.data.name, lang),
                    description,
                    absolute(route, lang)?,
                    e.data.website.as_ref().map(|w| w.0.clone()),
                    lang,
                )
            }
            Route::Page(_) if self.awaiting_source(route, lang).is_none() => {
                serde_json::Value::Null
            }
            _ => return None,
        };
        // A page that describes a record or is one of ours: a `MedicalWebPage` with the date of
        // its last review (the record, if any, as its main entity).
        if matches!(route, Route::Page(_) | Route::Network(_) | Route::Ern(_)) {
            let (reviewed, _) = self.review_date(route, lang)?;
            let mut page = serde_json::json!({
                "@context": "https://schema.org",
                "@type": "MedicalWebPage",
                "name": typography(title, lang),
                "description": typography(description, lang),
                "url": absolute(route, lang)?,
                "inLanguage": lang,
                "lastReviewed": reviewed.to_string(),
            });
            if let serde_json::Value::Object(entity) = &mut value {
                entity.remove("@context");
                page["mainEntity"] = value;
            }
            value = page;
        }
        // `<` escaped so that no text can close the script element.
        Some(value.to_string().replace('<', "\\u003c"))
    }

    /// The page standing in for `route` in `lang` while its translation is awaited.
    pub(super) fn awaiting_source(&self, route: &Route, lang: &str) -> Option<&'a Page> {
        match route {
            Route::Page(key) => self.site.awaiting(key, lang),
            _ => None,
        }
    }

    pub(super) fn translation_note(
        &self,
        route: &Route,
        lang: &str,
    ) -> Result<Option<TranslationNote>, Diagnostic> {
        let (kind, source_lang) = if let Some(page) = self.awaiting_source(route, lang) {
            ("awaiting", page.lang.as_str())
        } else if let Some(o) = self
            .outdated
            .iter()
            .find(|o| o.route == *route && o.lang == lang)
        {
            ("outdated", o.source_lang.as_str())
        } else {
            return Ok(None);
        };
        Ok(Some(TranslationNote {
            kind,
            text: self.t(lang, &format!("translation-{kind}"))?,
            lang: source_lang.to_owned(),
            language_name: self.t(source_lang, "language-name")?,
            url: self.url(route, source_lang),
        }))
    }
}

fn is_child(route: &Route, list: &Route) -> bool {
    matches!(
        (route, list),
        (Route::Network(_), Route::NetworkList)
            | (Route::Ern(_), Route::ErnList)
            | (Route::Partner(_), Route::PartnerList)
    )
}

/// OpenGraph writes locales as `language_TERRITORY`; the site's texts follow French and British
/// usage.
fn og_locale(lang: &str) -> String {
    match lang {
        "fr" => "fr_FR".to_owned(),
        "en" => "en_GB".to_owned(),
        other => other.to_owned(),
    }
}

/// A schema.org `MedicalOrganization` (oncology) with the fields every record has.
fn organization(
    acronym: &str,
    name: &str,
    description: &str,
    url: String,
    website: Option<String>,
    lang: &str,
) -> serde_json::Value {
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "MedicalOrganization",
        "name": name,
        "alternateName": acronym,
        "description": description,
        "url": url,
        "medicalSpecialty": "https://schema.org/Oncologic",
        "inLanguage": lang,
    });
    if let Some(website) = website {
        value["sameAs"] = serde_json::Value::String(website);
    }
    value
}

/// `text` for a URL's query: every byte but the unreserved ones (RFC 3986) percent-encoded.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Pages that appear in a menu, grouped by language and sorted by weight, then key.
pub(super) fn menu_pages(site: &Site) -> BTreeMap<&str, Vec<&Page>> {
    let mut menus: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    for page in site.pages.iter().filter(|p| p.meta.menu.is_some()) {
        menus.entry(page.lang.as_str()).or_default().push(page);
    }
    for pages in menus.values_mut() {
        pages.sort_by_key(|p| (p.meta.weight.unwrap_or(0), p.key.as_str()));
    }
    menus
}
