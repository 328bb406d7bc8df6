//! The open data stage: the records as files for re-users (journalists, other sites,
//! researchers), under `data/`:
//!
//! ```text
//! Site + Bodies + Translations ─▶ export records ─┬▶ data/<kind>.json         every language inside
//!                                                 ├▶ data/<kind>.csv          one row per record
//!                                                 └▶ data/<kind>.schema.json  from the structs below
//! ```
//! for `<kind>` = `networks`, `erns`, `partners`.
//!
//! It owns the shape of those files: what a record's pages show, nothing else. `search_terms`
//! (misspellings kept for search, never displayed) and `translated_from` (editors' bookkeeping)
//! stay out. Texts carry the site's typography; Markdown fields come as plain text (from
//! [`Bodies`]) and as HTML whose links are absolute, so that they work on another site. The bytes
//! depend on the content alone: records sorted by id, structs rather than maps, no clock (the date
//! at the top is the latest `reviewed` date of the records).

mod csv;
mod files;
mod schema;

use crate::bodies::{Bodies, Owner};
use crate::config::Config;
use crate::content::{Record, Site};
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Translations;
use crate::model::refs::DATA_DIR;
use crate::model::{Basis, Date, Link, Localized, LocalizedList, Source};
use crate::text::typography;
use crate::urls::{Route, Urls};
use files::*;

/// Output path → bytes, in a fixed order.
type DataFiles = Vec<(String, Vec<u8>)>;

/// The open data files of the last build and what they were made from (a live preview rebuilds
/// them only when that changed: a record, the settings, the interface strings, or a page's or
/// record's address).
#[derive(Debug, Default)]
pub struct OpenDataCache {
    kept: Option<(u64, DataFiles)>,
}

/// [`export`], or the last build's files when what they read has not changed.
pub fn export_cached(
    config: &Config,
    site: &Site,
    bodies: &Bodies,
    translations: &Translations,
    cache: &mut OpenDataCache,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut h = DefaultHasher::new();
    // The records, their Markdown (converted from their text and the site's shape) and URLs.
    format!("{config:?}").hash(&mut h);
    (
        translations.fingerprint(),
        site.shape_key(),
        site.records_key(),
    )
        .hash(&mut h);
    let key = h.finish();
    if let Some((kept, files)) = &cache.kept
        && *kept == key
    {
        return Ok(files.clone());
    }
    cache.kept = None;
    let files = export(config, site, bodies, translations)?;
    cache.kept = Some((key, files.clone()));
    Ok(files)
}

/// Every file of `data/`: output path → bytes, in a fixed order.
pub fn export(
    config: &Config,
    site: &Site,
    bodies: &Bodies,
    translations: &Translations,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let exporter = Exporter {
        config,
        site,
        bodies,
        urls: Urls::new(config, site),
        langs: config.languages.codes().collect(),
        origin: config
            .base_url
            .strip_suffix(config.base_path.as_str())
            .unwrap_or(&config.base_url),
    };
    let mut diags = Diagnostics::new();
    let mut files = Vec::new();
    let mut add = |kind: &str, result: Result<[Vec<u8>; 3], Diagnostic>| match result {
        Ok([json, csv, schema]) => {
            files.push((format!("{DATA_DIR}/{kind}.json"), json));
            files.push((format!("{DATA_DIR}/{kind}.csv"), csv));
            files.push((format!("{DATA_DIR}/{kind}.schema.json"), schema));
        }
        Err(d) => diags.push(d),
    };

    let networks: Vec<NetworkRecord> = sorted(&site.networks)
        .into_iter()
        .map(|r| exporter.network(r))
        .collect();
    let meta = exporter.metadata(
        "networks",
        translations,
        networks.iter().map(|n| n.reviewed),
    );
    let csv = exporter.networks_csv(&networks);
    add(
        "networks",
        exporter.files("networks", &NetworksFile { meta, networks }, csv),
    );

    let erns: Vec<ErnRecord> = sorted(&site.erns)
        .into_iter()
        .map(|r| exporter.ern(r))
        .collect();
    let meta = exporter.metadata("erns", translations, erns.iter().map(|e| e.reviewed));
    let csv = exporter.erns_csv(&erns);
    add(
        "erns",
        exporter.files("erns", &ErnsFile { meta, erns }, csv),
    );

    let partners: Vec<PartnerRecord> = sorted(&site.partners)
        .into_iter()
        .map(|r| exporter.partner(r))
        .collect();
    let meta = exporter.metadata(
        "partners",
        translations,
        partners.iter().map(|p| p.reviewed),
    );
    let csv = exporter.partners_csv(&partners);
    add(
        "partners",
        exporter.files("partners", &PartnersFile { meta, partners }, csv),
    );

    diags.into_result(files).map(|(files, _)| files)
}

fn sorted<T>(records: &[Record<T>]) -> Vec<&Record<T>> {
    let mut records: Vec<&Record<T>> = records.iter().collect();
    records.sort_by(|a, b| a.id.cmp(&b.id));
    records
}

// --- The shape of the files (their JSON Schema is generated from these types) ---

struct Exporter<'a> {
    config: &'a Config,
    site: &'a Site,
    bodies: &'a Bodies,
    urls: Urls<'a>,
    langs: Vec<&'a str>,
    /// `https://example.org`: the base URL without its path, to make root-relative links
    /// absolute.
    origin: &'a str,
}

impl Exporter<'_> {
    /// A text in each language, with the site's typography, as its pages show it.
    fn texts(&self, value: &Localized) -> Texts {
        self.langs
            .iter()
            .map(|&lang| {
                let text = value.get(lang).map_or("", String::as_str);
                (lang.to_owned(), typography(text, lang))
            })
            .collect()
    }

    /// A list in each language (empty where the record has none).
    fn lists(&self, value: &LocalizedList) -> Lists {
        self.langs
            .iter()
            .map(|&lang| {
                let items = value.get(lang).map_or(&[][..], Vec::as_slice);
                let items = items.iter().map(|s| typography(s, lang)).collect();
                (lang.to_owned(), items)
            })
            .collect()
    }

    /// A Markdown field as plain text and as HTML with absolute links, in each language.
    fn markdown(&self, route: &Route, field: &str) -> (Texts, Texts) {
        let owner = Owner::Route(route.clone());
        let mut plain = Vec::new();
        let mut html = Vec::new();
        for &lang in &self.langs {
            let body = self.bodies.get(&owner, field, lang);
            let text = body.map(|b| b.plain.clone()).unwrap_or_default();
            let markup = body.map_or("", |b| b.html.trim_end());
            plain.push((lang.to_owned(), text));
            html.push((lang.to_owned(), absolute_links(markup, self.origin)));
        }
        (PerLanguage(plain), PerLanguage(html))
    }

    fn optional_markdown(
        &self,
        value: Option<&Localized>,
        route: &Route,
        field: &str,
    ) -> (Option<Texts>, Option<Texts>) {
        match value {
            Some(_) => {
                let (plain, html) = self.markdown(route, field);
                (Some(plain), Some(html))
            }
            None => (None, None),
        }
    }

    fn page_urls(&self, route: &Route) -> Texts {
        self.langs
            .iter()
            .map(|&lang| {
                let url = self.urls.absolute(route, lang).unwrap_or_default();
                (lang.to_owned(), url)
            })
            .collect()
    }

    /// `translated_name`, in the order of the site's languages.
    fn translated(&self, codes: &[String]) -> Vec<String> {
        self.langs
            .iter()
            .filter(|lang| codes.iter().any(|c| c == *lang))
            .map(|lang| (*lang).to_owned())
            .collect()
    }

    fn links(&self, links: &[Link]) -> Vec<LinkRecord> {
        links
            .iter()
            .map(|l| LinkRecord {
                title: self.texts(&l.title),
                url: l.url.clone(),
            })
            .collect()
    }

    fn sources(&self, sources: &[Source]) -> Vec<SourceRecord> {
        sources
            .iter()
            .map(|s| SourceRecord {
                title: s.title.clone(),
                url: s.url.clone(),
            })
            .collect()
    }

    fn network(&self, r: &Record<crate::model::Network>) -> NetworkRecord {
        let n = &r.data;
        let route = Route::Network(r.id.clone());
        let (summary, summary_html) = self.markdown(&route, "summary");
        let (history, history_html) = self.optional_markdown(n.history.as_ref(), &route, "history");
        let (coordination, coordination_html) =
            self.optional_markdown(n.coordination.as_ref(), &route, "coordination");
        let erns = n
            .erns
            .iter()
            .filter_map(|link| {
                let ern = self.site.ern(&link.id)?;
                Some(ErnLinkRecord {
                    id: ern.id.clone(),
                    acronym: ern.data.acronym.clone(),
                    basis: link.basis,
                    note: link.note.as_ref().map(|note| self.texts(note)),
                    url: self.page_urls(&Route::Ern(ern.id.clone())),
                })
            })
            .collect();
        NetworkRecord {
            id: r.id.clone(),
            acronym: n.acronym.clone(),
            name: self.texts(&n.name),
            name_translated: self.translated(&n.translated_name),
            network_type: n.network_type,
            summary,
            summary_html,
            contact: n
                .contact
                .iter()
                .enumerate()
                .map(|(i, route_of)| {
                    let (text, text_html) = self.markdown(&route, &format!("contact[{i}].text"));
                    ContactRecord {
                        text,
                        text_html,
                        url: route_of.url.clone(),
                        source: SourceRecord {
                            title: route_of.source.title.clone(),
                            url: route_of.source.url.clone(),
                        },
                        year: route_of.year,
                    }
                })
                .collect(),
            conditions: n
                .conditions
                .iter()
                .map(|c| ConditionRecord {
                    name: self.texts(&c.name),
                    synonyms: self.lists(&c.synonyms),
                    abbreviations: self.lists(&c.abbreviations),
                    lay_terms: self.lists(&c.lay_terms),
                    orpha: c.orpha,
                })
                .collect(),
            erns,
            history,
            history_html,
            coordination,
            coordination_html,
            website: n.website.clone(),
            links: self.links(&n.links),
            sources: self.sources(&n.sources),
            reviewed: n.reviewed,
            url: self.page_urls(&route),
        }
    }

    fn ern(&self, r: &Record<crate::model::Ern>) -> ErnRecord {
        let e = &r.data;
        let route = Route::Ern(r.id.clone());
        let (summary, summary_html) = self.markdown(&route, "summary");
        let (french_participation, french_participation_html) = self.optional_markdown(
            e.french_participation.as_ref(),
            &route,
            "french_participation",
        );
        let (history, history_html) = self.optional_markdown(e.history.as_ref(), &route, "history");
        let (coordination, coordination_html) =
            self.optional_markdown(e.coordination.as_ref(), &route, "coordination");
        let mut linked: Vec<&(String, Basis)> = self
            .site
            .ern_networks
            .get(&r.id)
            .into_iter()
            .flatten()
            .collect();
        linked.sort_by(|a, b| a.0.cmp(&b.0));
        let networks = linked
            .into_iter()
            .filter_map(|(id, basis)| {
                let network = self.site.network(id)?;
                Some(NetworkLinkRecord {
                    id: id.clone(),
                    acronym: network.data.acronym.clone(),
                    basis: *basis,
                    url: self.page_urls(&Route::Network(id.clone())),
                })
            })
            .collect();
        ErnRecord {
            id: r.id.clone(),
            acronym: e.acronym.clone(),
            name: self.texts(&e.name),
            name_translated: self.translated(&e.translated_name),
            summary,
            summary_html,
            domains: e.domains.iter().map(|d| self.texts(d)).collect(),
            french_participation,
            french_participation_html,
            history,
            history_html,
            coordination,
            coordination_html,
            networks,
            website: e.website.clone(),
            links: self.links(&e.links),
            sources: self.sources(&e.sources),
            reviewed: e.reviewed,
            url: self.page_urls(&route),
        }
    }

    fn partner(&self, r: &Record<crate::model::Partner>) -> PartnerRecord {
        let p = &r.data;
        let route = Route::Partner(r.id.clone());
        let (summary, summary_html) = self.markdown(&route, "summary");
        PartnerRecord {
            id: r.id.clone(),
            acronym: p.acronym.clone(),
            name: self.texts(&p.name),
            name_translated: self.translated(&p.translated_name),
            category: p.category,
            summary,
            summary_html,
            website: p.website.clone(),
            links: self.links(&p.links),
            sources: self.sources(&p.sources),
            reviewed: p.reviewed,
            url: self.page_urls(&route),
        }
    }

    fn data_url(&self, name: &str) -> String {
        format!("{}{DATA_DIR}/{name}", self.config.base_url)
    }

    /// The metadata of `data/<kind>.json`; its title and description are the interface strings
    /// of the list page (`<kind>-title`, `<kind>-description`).
    fn metadata(
        &self,
        kind: &str,
        translations: &Translations,
        reviewed: impl Iterator<Item = Date>,
    ) -> Metadata {
        let string = |key: &str| -> Texts {
            self.langs
                .iter()
                .map(|&lang| {
                    // The theme's list pages use the same keys, so `Translations::load` has
                    // already required them in every language.
                    let text = translations.get(lang, key, &[]).unwrap_or_default();
                    (lang.to_owned(), typography(&text, lang))
                })
                .collect()
        };
        Metadata {
            title: string(&format!("{kind}-title")),
            description: string(&format!("{kind}-description")),
            source: self.config.base_url.clone(),
            languages: self.langs.iter().map(|l| (*l).to_owned()).collect(),
            schema: self.data_url(&format!("{kind}.schema.json")),
            csv: self.data_url(&format!("{kind}.csv")),
            reviewed: reviewed.max(),
        }
    }

    // --- CSV ---
}

/// Root-relative `href` and `src` values made absolute with `origin` (`https://example.org`):
/// the HTML is meant to be shown on other sites. Only tags are rewritten, never text or code:
/// the Markdown renderer escapes `<` outside tags and `"` and `>` inside attribute values.
fn absolute_links(html: &str, origin: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let Some(length) = rest[start..].find('>') else {
            break;
        };
        let end = start + length + 1;
        out.push_str(&rest[..start]);
        let mut tag = &rest[start..end];
        while let Some(i) = tag.find("=\"/") {
            let (before, after) = tag.split_at(i + 2);
            out.push_str(before);
            let is_link = before.ends_with(" href=\"") || before.ends_with(" src=\"");
            // `//host/…` already names its host.
            if is_link && !after.starts_with("//") {
                out.push_str(origin);
            }
            tag = after;
        }
        out.push_str(tag);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_absolute() {
        let markdown = concat!(
            "[x](/rare/reseaux/x/) [y](//cdn.example/y) [z](https://z.example/) a[^1] ",
            "and `a href=\"/code\"`\n\n",
            "    <img src=\"/block\">\n\n",
            "[^1]: A note.\n",
        );
        let (body, _) = crate::markdown::convert(markdown, "en", &|_| None);
        let html = absolute_links(&body.html, "https://example.org");
        for expected in [
            r#"href="https://example.org/rare/reseaux/x/""#,
            r#"href="//cdn.example/y""#,
            r#"href="https://z.example/""#,
            r##"href="#1""##,
            r#"<code>a href="/code"</code>"#,
            r#"&lt;img src="/block"&gt;"#,
        ] {
            assert!(html.contains(expected), "{expected} in {html}");
        }
    }
}
