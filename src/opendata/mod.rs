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

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::bodies::{Bodies, Owner};
use crate::config::Config;
use crate::content::{Record, Site};
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Translations;
use crate::model::refs::DATA_DIR;
use crate::model::{
    Basis, Date, Link, Localized, LocalizedList, NetworkType, PartnerCategory, Source, Url,
};
use crate::text::typography;
use crate::urls::{Route, Urls};

/// Separates the values of a multi-valued CSV cell.
const CSV_SEPARATOR: &str = " | ";

/// Excel reads a CSV file as UTF-8 only when it starts with a byte order mark; without one,
/// French names show garbled (`RÃ©seau`). Most other tools skip it (Python's `csv` wants
/// `encoding="utf-8-sig"`).
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

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

/// A text per language.
type Texts = PerLanguage<String>;
/// A list of texts per language.
type Lists = PerLanguage<Vec<String>>;

/// A value per language, written as a JSON object in the order of the site's languages (the
/// default first, as editors write them) rather than sorted by code.
#[derive(Debug, Clone)]
struct PerLanguage<T>(Vec<(String, T)>);

impl<T> PerLanguage<T> {
    fn get(&self, lang: &str) -> Option<&T> {
        self.0.iter().find(|(l, _)| l == lang).map(|(_, v)| v)
    }
}

impl<T> FromIterator<(String, T)> for PerLanguage<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(iter: I) -> Self {
        PerLanguage(iter.into_iter().collect())
    }
}

impl<T: Serialize> Serialize for PerLanguage<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (lang, value) in &self.0 {
            map.serialize_entry(lang, value)?;
        }
        map.end()
    }
}

/// What every file says about itself.
#[derive(Debug, Serialize, JsonSchema)]
struct Metadata {
    /// The dataset's title, in each language.
    #[schemars(with = "shapes::Text")]
    title: Texts,
    /// What the dataset holds, in each language.
    #[schemars(with = "shapes::Text")]
    description: Texts,
    /// The address of the site these data come from, where each record has its pages.
    #[schemars(url)]
    source: String,
    /// The languages of the texts, the site's default language first.
    #[schemars(with = "Vec<shapes::Language>")]
    languages: Vec<String>,
    /// The address of this file's JSON Schema.
    #[schemars(url)]
    schema: String,
    /// The address of the same records as CSV (one row per record).
    #[schemars(url)]
    csv: String,
    /// The latest date on which one of the records was checked against its sources; each record
    /// has its own `reviewed` date.
    reviewed: Option<Date>,
}

/// The French national reference networks for rare cancers, labelled by INCa, in every language
/// of the site.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "French national reference networks for rare cancers")]
struct NetworksFile {
    #[serde(flatten)]
    meta: Metadata,
    /// One entry per network, sorted by `id`.
    networks: Vec<NetworkRecord>,
}

/// The European Reference Networks (ERNs) relevant to rare cancers, in every language of the
/// site.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "European Reference Networks for rare cancers")]
struct ErnsFile {
    #[serde(flatten)]
    meta: Metadata,
    /// One entry per ERN, sorted by `id`.
    erns: Vec<ErnRecord>,
}

/// Organisations working on rare cancers, in every language of the site.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "Partner organisations for rare cancers")]
struct PartnersFile {
    #[serde(flatten)]
    meta: Metadata,
    /// One entry per organisation, sorted by `id`.
    partners: Vec<PartnerRecord>,
}

/// A French national reference network.
#[derive(Debug, Serialize, JsonSchema)]
struct NetworkRecord {
    /// A stable identifier: the last segment of the network's page addresses.
    #[schemars(pattern(crate::model::shapes::SLUG_PATTERN))]
    id: String,
    /// The acronym, as the network writes it.
    acronym: String,
    /// The full name, in each language.
    #[schemars(with = "shapes::Text")]
    name: Texts,
    /// Languages in which `name` is the site's own translation or description, not an official
    /// name.
    #[schemars(with = "Vec<shapes::Language>")]
    name_translated: Vec<String>,
    /// INCa's classification of the network.
    #[serde(rename = "type")]
    network_type: NetworkType,
    /// What the network does and for whom, as plain text, in each language.
    #[schemars(with = "shapes::Text")]
    summary: Texts,
    /// `summary` as HTML (paragraphs, lists, links), in each language.
    #[schemars(with = "shapes::Html")]
    summary_html: Texts,
    /// The rare cancers the network handles, as its sources state them.
    conditions: Vec<ConditionRecord>,
    /// European Reference Networks this network is linked to.
    erns: Vec<ErnLinkRecord>,
    /// When and how the network was created, as plain text, in each language.
    #[schemars(with = "Option<shapes::Text>")]
    history: Option<Texts>,
    /// `history` as HTML.
    #[schemars(with = "Option<shapes::Html>")]
    history_html: Option<Texts>,
    /// Who coordinates the network and where, as plain text, in each language.
    #[schemars(with = "Option<shapes::Text>")]
    coordination: Option<Texts>,
    /// `coordination` as HTML.
    #[schemars(with = "Option<shapes::Html>")]
    coordination_html: Option<Texts>,
    /// The network's own website.
    website: Option<Url>,
    /// Other useful addresses.
    links: Vec<LinkRecord>,
    /// The pages the record was written from.
    sources: Vec<SourceRecord>,
    /// The date a person last checked the record against its sources.
    reviewed: Date,
    /// The address of the network's page on the site, in each language.
    #[schemars(with = "shapes::PageUrl")]
    url: Texts,
}

/// A rare cancer a network handles, with the names people use for it.
#[derive(Debug, Serialize, JsonSchema)]
struct ConditionRecord {
    /// The medical name, in each language.
    #[schemars(with = "shapes::Text")]
    name: Texts,
    /// Other medical names, per language.
    #[schemars(with = "shapes::Words")]
    synonyms: Lists,
    /// Abbreviations, per language.
    #[schemars(with = "shapes::Words")]
    abbreviations: Lists,
    /// Everyday words patients use, per language.
    #[schemars(with = "shapes::Words")]
    lay_terms: Lists,
}

/// A link from a French network to a European Reference Network.
#[derive(Debug, Serialize, JsonSchema)]
struct ErnLinkRecord {
    /// The ERN's `id` in `erns.json`.
    id: String,
    /// The ERN's acronym.
    acronym: String,
    /// Whether a source states the link or the site's editors inferred it.
    basis: Basis,
    /// A short note on the link, in each language.
    #[schemars(with = "Option<shapes::Text>")]
    note: Option<Texts>,
    /// The address of the ERN's page on the site, in each language.
    #[schemars(with = "shapes::PageUrl")]
    url: Texts,
}

/// A French network linked to an ERN (from the networks' records).
#[derive(Debug, Serialize, JsonSchema)]
struct NetworkLinkRecord {
    /// The network's `id` in `networks.json`.
    id: String,
    /// The network's acronym.
    acronym: String,
    /// Whether a source states the link or the site's editors inferred it.
    basis: Basis,
    /// The address of the network's page on the site, in each language.
    #[schemars(with = "shapes::PageUrl")]
    url: Texts,
}

/// A European Reference Network.
#[derive(Debug, Serialize, JsonSchema)]
struct ErnRecord {
    /// A stable identifier: the last segment of the ERN's page addresses.
    #[schemars(pattern(crate::model::shapes::SLUG_PATTERN))]
    id: String,
    /// The acronym, as the ERN writes it.
    acronym: String,
    /// The full name, in each language.
    #[schemars(with = "shapes::Text")]
    name: Texts,
    /// Languages in which `name` is the site's own translation or description, not an official
    /// name.
    #[schemars(with = "Vec<shapes::Language>")]
    name_translated: Vec<String>,
    /// What the ERN does and for whom, as plain text, in each language.
    #[schemars(with = "shapes::Text")]
    summary: Texts,
    /// `summary` as HTML.
    #[schemars(with = "shapes::Html")]
    summary_html: Texts,
    /// The areas it covers, one text per area, in each language.
    #[schemars(with = "Vec<shapes::Text>")]
    domains: Vec<Texts>,
    /// How French centres take part, as plain text, in each language.
    #[schemars(with = "Option<shapes::Text>")]
    french_participation: Option<Texts>,
    /// `french_participation` as HTML.
    #[schemars(with = "Option<shapes::Html>")]
    french_participation_html: Option<Texts>,
    /// When and how the ERN was created, as plain text, in each language.
    #[schemars(with = "Option<shapes::Text>")]
    history: Option<Texts>,
    /// `history` as HTML.
    #[schemars(with = "Option<shapes::Html>")]
    history_html: Option<Texts>,
    /// Who coordinates the ERN and where, as plain text, in each language.
    #[schemars(with = "Option<shapes::Text>")]
    coordination: Option<Texts>,
    /// `coordination` as HTML.
    #[schemars(with = "Option<shapes::Html>")]
    coordination_html: Option<Texts>,
    /// The French networks linked to this ERN, sorted by `id`.
    networks: Vec<NetworkLinkRecord>,
    /// The ERN's own website.
    website: Option<Url>,
    /// Other useful addresses.
    links: Vec<LinkRecord>,
    /// The pages the record was written from.
    sources: Vec<SourceRecord>,
    /// The date a person last checked the record against its sources.
    reviewed: Date,
    /// The address of the ERN's page on the site, in each language.
    #[schemars(with = "shapes::PageUrl")]
    url: Texts,
}

/// A partner organisation.
#[derive(Debug, Serialize, JsonSchema)]
struct PartnerRecord {
    /// A stable identifier: the last segment of the organisation's page addresses.
    #[schemars(pattern(crate::model::shapes::SLUG_PATTERN))]
    id: String,
    /// The acronym, as the organisation writes it, if it has one.
    acronym: Option<String>,
    /// The full name, in each language.
    #[schemars(with = "shapes::Text")]
    name: Texts,
    /// Languages in which `name` is the site's own translation or description, not an official
    /// name.
    #[schemars(with = "Vec<shapes::Language>")]
    name_translated: Vec<String>,
    /// What kind of organisation it is.
    category: PartnerCategory,
    /// Its role for people with a rare cancer, as plain text, in each language.
    #[schemars(with = "shapes::Text")]
    summary: Texts,
    /// `summary` as HTML.
    #[schemars(with = "shapes::Html")]
    summary_html: Texts,
    /// The organisation's own website.
    website: Option<Url>,
    /// Other useful addresses.
    links: Vec<LinkRecord>,
    /// The pages the record was written from.
    sources: Vec<SourceRecord>,
    /// The date a person last checked the record against its sources.
    reviewed: Date,
    /// The address of the organisation's page on the site, in each language.
    #[schemars(with = "shapes::PageUrl")]
    url: Texts,
}

/// A useful address, with its title.
#[derive(Debug, Serialize, JsonSchema)]
struct LinkRecord {
    /// The link's text, in each language.
    #[schemars(with = "shapes::Text")]
    title: Texts,
    /// The address.
    url: Url,
}

/// A page a record was written from.
#[derive(Debug, Serialize, JsonSchema)]
struct SourceRecord {
    /// The page's title, with its publisher.
    title: String,
    /// The page's address.
    url: Url,
}

/// Schema-only stand-ins for the per-language maps, given the site's languages by
/// [`localize`].
mod shapes {
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use crate::model::shapes::shape;

    shape!(Text, {
        "description": "A text in each language of the site, keyed by language code.",
        "type": "object",
        "additionalProperties": { "type": "string", "minLength": 1 },
    });

    shape!(Html, {
        "description": "An HTML fragment in each language of the site (no scripts or styles; links are absolute).",
        "type": "object",
        "additionalProperties": { "type": "string", "minLength": 1 },
    });

    shape!(Words, {
        "description": "A list of words in each language of the site, possibly empty.",
        "type": "object",
        "additionalProperties": { "type": "array", "items": { "type": "string", "minLength": 1 } },
    });

    shape!(PageUrl, {
        "description": "The address of a page of the site in each language.",
        "type": "object",
        "additionalProperties": { "type": "string", "format": "uri" },
    });

    shape!(Language, {
        "description": "A language code.",
        "type": "string",
    });
}

/// Give the per-language shapes one required property per language of the site, and make every
/// property of the records required: the files always write every key (`null` where a record
/// has no value), which is what re-users' code may rely on.
fn localize(schema: &mut Value, codes: &[&str]) {
    require_every_property(schema);
    let Some(definitions) = schema.get_mut("definitions").and_then(Value::as_object_mut) else {
        return;
    };
    definitions.values_mut().for_each(require_every_property);
    for (name, definition) in definitions.iter_mut() {
        let Some(definition) = definition.as_object_mut() else {
            continue;
        };
        match name.as_str() {
            "Text" | "Html" | "Words" | "PageUrl" => {
                crate::model::shapes::per_language(definition, codes, true);
            }
            "Language" => {
                definition.insert("enum".into(), serde_json::json!(codes));
            }
            _ => {}
        }
    }
}

fn require_every_property(schema: &mut Value) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let Some(keys) = object.get("properties").and_then(Value::as_object) else {
        return;
    };
    let keys: Vec<Value> = keys.keys().cloned().map(Value::String).collect();
    // Keep the order of the fields (schemars lists them so) and add the optional ones after.
    let mut required: Vec<Value> = object
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for key in keys {
        if !required.contains(&key) {
            required.push(key);
        }
    }
    object.insert("required".into(), Value::Array(required));
}

// --- Building the records ---

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
            conditions: n
                .conditions
                .iter()
                .map(|c| ConditionRecord {
                    name: self.texts(&c.name),
                    synonyms: self.lists(&c.synonyms),
                    abbreviations: self.lists(&c.abbreviations),
                    lay_terms: self.lists(&c.lay_terms),
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

    /// The JSON, the CSV and the JSON Schema of one dataset.
    fn files<T: Serialize + JsonSchema>(
        &self,
        kind: &str,
        data: &T,
        csv: Result<Vec<u8>, String>,
    ) -> Result<[Vec<u8>; 3], Diagnostic> {
        let fail = |what: &str, why: &dyn std::fmt::Display| {
            Diagnostic::error(format!("open data: cannot write {what}: {why}"))
        };
        let mut json = serde_json::to_vec_pretty(data).map_err(|e| fail("the JSON", &e))?;
        json.push(b'\n');
        let csv = csv.map_err(|e| fail("the CSV", &e))?;
        let mut schema = crate::model::shapes::generator()
            .into_root_schema_for::<T>()
            .to_value();
        localize(&mut schema, &self.langs);
        crate::model::shapes::unwrap_descriptions(&mut schema);
        if let Some(object) = schema.as_object_mut() {
            let id = self.data_url(&format!("{kind}.schema.json"));
            object.insert("$id".into(), Value::String(id));
        }
        let mut schema =
            serde_json::to_vec_pretty(&schema).map_err(|e| fail("the JSON Schema", &e))?;
        schema.push(b'\n');
        Ok([json, csv, schema])
    }

    // --- CSV ---

    fn per_lang(&self, column: &str) -> Vec<String> {
        self.langs
            .iter()
            .map(|lang| format!("{column}_{lang}"))
            .collect()
    }

    fn networks_csv(&self, networks: &[NetworkRecord]) -> Result<Vec<u8>, String> {
        let mut header = vec!["id".to_owned(), "acronym".to_owned()];
        header.extend(self.per_lang("name"));
        header.extend(["name_translated".to_owned(), "type".to_owned()]);
        for column in [
            "summary",
            "conditions",
            "other_names",
            "history",
            "coordination",
        ] {
            header.extend(self.per_lang(column));
        }
        header.push("erns".to_owned());
        header.extend(self.closing_columns());
        let rows = networks.iter().map(|n| {
            let mut row = vec![n.id.clone(), n.acronym.clone()];
            row.extend(self.cells(&n.name));
            row.push(n.name_translated.join(CSV_SEPARATOR));
            row.push(n.network_type.as_str().to_owned());
            row.extend(self.cells(&n.summary));
            row.extend(self.langs.iter().map(|lang| {
                let names = n.conditions.iter().filter_map(|c| c.name.get(lang));
                join(names)
            }));
            row.extend(self.langs.iter().map(|lang| {
                let mut names: Vec<&String> = Vec::new();
                for c in &n.conditions {
                    for list in [&c.synonyms, &c.abbreviations, &c.lay_terms] {
                        for name in list.get(lang).into_iter().flatten() {
                            if !names.contains(&name) {
                                names.push(name);
                            }
                        }
                    }
                }
                join(names)
            }));
            row.extend(self.optional_cells(n.history.as_ref()));
            row.extend(self.optional_cells(n.coordination.as_ref()));
            row.push(join(
                n.erns
                    .iter()
                    .map(|e| format!("{} ({})", e.id, e.basis.as_str())),
            ));
            row.extend(self.closing_cells(n.website.as_ref(), &n.url, n.reviewed, &n.sources));
            row
        });
        write_csv(&header, rows)
    }

    fn erns_csv(&self, erns: &[ErnRecord]) -> Result<Vec<u8>, String> {
        let mut header = vec!["id".to_owned(), "acronym".to_owned()];
        header.extend(self.per_lang("name"));
        header.push("name_translated".to_owned());
        for column in [
            "summary",
            "domains",
            "french_participation",
            "history",
            "coordination",
        ] {
            header.extend(self.per_lang(column));
        }
        header.push("networks".to_owned());
        header.extend(self.closing_columns());
        let rows = erns.iter().map(|e| {
            let mut row = vec![e.id.clone(), e.acronym.clone()];
            row.extend(self.cells(&e.name));
            row.push(e.name_translated.join(CSV_SEPARATOR));
            row.extend(self.cells(&e.summary));
            row.extend(
                self.langs
                    .iter()
                    .map(|lang| join(e.domains.iter().filter_map(|d| d.get(lang)))),
            );
            row.extend(self.optional_cells(e.french_participation.as_ref()));
            row.extend(self.optional_cells(e.history.as_ref()));
            row.extend(self.optional_cells(e.coordination.as_ref()));
            row.push(join(
                e.networks
                    .iter()
                    .map(|n| format!("{} ({})", n.id, n.basis.as_str())),
            ));
            row.extend(self.closing_cells(e.website.as_ref(), &e.url, e.reviewed, &e.sources));
            row
        });
        write_csv(&header, rows)
    }

    fn partners_csv(&self, partners: &[PartnerRecord]) -> Result<Vec<u8>, String> {
        let mut header = vec!["id".to_owned(), "acronym".to_owned()];
        header.extend(self.per_lang("name"));
        header.extend(["name_translated".to_owned(), "category".to_owned()]);
        header.extend(self.per_lang("summary"));
        header.extend(self.closing_columns());
        let rows = partners.iter().map(|p| {
            let mut row = vec![p.id.clone(), p.acronym.clone().unwrap_or_default()];
            row.extend(self.cells(&p.name));
            row.push(p.name_translated.join(CSV_SEPARATOR));
            row.push(p.category.as_str().to_owned());
            row.extend(self.cells(&p.summary));
            row.extend(self.closing_cells(p.website.as_ref(), &p.url, p.reviewed, &p.sources));
            row
        });
        write_csv(&header, rows)
    }

    /// One cell per language, in the order of the header.
    /// The columns every kind of record ends with: website, page URLs, review date, sources.
    fn closing_columns(&self) -> Vec<String> {
        let mut columns = vec!["website".to_owned()];
        columns.extend(self.per_lang("url"));
        columns.extend(["reviewed".to_owned(), "sources".to_owned()]);
        columns
    }

    /// The cells of [`Self::closing_columns`].
    fn closing_cells(
        &self,
        site: Option<&Url>,
        url: &Texts,
        reviewed: Date,
        sources: &[SourceRecord],
    ) -> Vec<String> {
        let mut cells = vec![website(site)];
        cells.extend(self.cells(url));
        cells.push(reviewed.to_string());
        cells.push(join(sources.iter().map(|s| s.url.as_str())));
        cells
    }

    fn cells(&self, texts: &Texts) -> Vec<String> {
        self.langs
            .iter()
            .map(|lang| texts.get(lang).cloned().unwrap_or_default())
            .collect()
    }

    fn optional_cells(&self, texts: Option<&Texts>) -> Vec<String> {
        match texts {
            Some(texts) => self.cells(texts),
            None => vec![String::new(); self.langs.len()],
        }
    }
}

fn website(url: Option<&Url>) -> String {
    url.map(|u| u.as_str().to_owned()).unwrap_or_default()
}

fn join<S: AsRef<str>>(values: impl IntoIterator<Item = S>) -> String {
    values
        .into_iter()
        .map(|v| v.as_ref().to_owned())
        .collect::<Vec<_>>()
        .join(CSV_SEPARATOR)
}

/// RFC 4180: a header row, CRLF line ends, fields quoted when they need it; UTF-8 with a BOM.
fn write_csv(
    header: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(UTF8_BOM.to_vec());
    writer.write_record(header).map_err(|e| e.to_string())?;
    for row in rows {
        writer.write_record(&row).map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
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

    #[test]
    fn csv_quotes_per_rfc_4180() -> Result<(), String> {
        let header = ["a".to_owned(), "b".to_owned()];
        let rows = vec![vec!["x, \"y\"".to_owned(), "line\nbreak".to_owned()]];
        let bytes = write_csv(&header, rows.into_iter())?;
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            "\u{FEFF}a,b\r\n\"x, \"\"y\"\"\",\"line\nbreak\"\r\n"
        );
        Ok(())
    }
}
