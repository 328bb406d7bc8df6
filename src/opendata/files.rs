//! The shapes of the published files: what a record's pages show, nothing else. Their `///`
//! comments become the descriptions of the published JSON Schemas.

use schemars::JsonSchema;
use serde::Serialize;

use super::schema::shapes;
use crate::model::{Basis, Date, NetworkType, OrphaCode, PartnerCategory, Url};

/// A text per language.
pub(super) type Texts = PerLanguage<String>;
/// A list of texts per language.
pub(super) type Lists = PerLanguage<Vec<String>>;

/// A value per language, written as a JSON object in the order of the site's languages (the
/// default first, as editors write them) rather than sorted by code.
#[derive(Debug, Clone)]
pub(super) struct PerLanguage<T>(pub(super) Vec<(String, T)>);

impl<T> PerLanguage<T> {
    pub(super) fn get(&self, lang: &str) -> Option<&T> {
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
pub(super) struct Metadata {
    /// The dataset's title, in each language.
    #[schemars(with = "shapes::Text")]
    pub(super) title: Texts,
    /// What the dataset holds, in each language.
    #[schemars(with = "shapes::Text")]
    pub(super) description: Texts,
    /// The address of the site these data come from, where each record has its pages.
    #[schemars(url)]
    pub(super) source: String,
    /// The languages of the texts, the site's default language first.
    #[schemars(with = "Vec<shapes::Language>")]
    pub(super) languages: Vec<String>,
    /// The address of this file's JSON Schema.
    #[schemars(url)]
    pub(super) schema: String,
    /// The address of the same records as CSV (one row per record).
    #[schemars(url)]
    pub(super) csv: String,
    /// The latest date on which one of the records was checked against its sources; each record
    /// has its own `reviewed` date.
    pub(super) reviewed: Option<Date>,
}

/// The French national reference networks for rare cancers, labelled by INCa, in every language
/// of the site.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "French national reference networks for rare cancers")]
pub(super) struct NetworksFile {
    #[serde(flatten)]
    pub(super) meta: Metadata,
    /// One entry per network, sorted by `id`.
    pub(super) networks: Vec<NetworkRecord>,
}

/// The European Reference Networks (ERNs) relevant to rare cancers, in every language of the
/// site.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "European Reference Networks for rare cancers")]
pub(super) struct ErnsFile {
    #[serde(flatten)]
    pub(super) meta: Metadata,
    /// One entry per ERN, sorted by `id`.
    pub(super) erns: Vec<ErnRecord>,
}

/// Organisations working on rare cancers, in every language of the site.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "Partner organisations for rare cancers")]
pub(super) struct PartnersFile {
    #[serde(flatten)]
    pub(super) meta: Metadata,
    /// One entry per organisation, sorted by `id`.
    pub(super) partners: Vec<PartnerRecord>,
}

/// A French national reference network.
#[derive(Debug, Serialize, JsonSchema)]
pub(super) struct NetworkRecord {
    /// A stable identifier: the last segment of the network's page addresses.
    #[schemars(pattern(crate::model::shapes::SLUG_PATTERN))]
    pub(super) id: String,
    /// The acronym, as the network writes it.
    pub(super) acronym: String,
    /// The full name, in each language.
    #[schemars(with = "shapes::Text")]
    pub(super) name: Texts,
    /// Languages in which `name` is the site's own translation or description, not an official
    /// name.
    #[schemars(with = "Vec<shapes::Language>")]
    pub(super) name_translated: Vec<String>,
    /// INCa's classification of the network.
    #[serde(rename = "type")]
    pub(super) network_type: NetworkType,
    /// What the network does and for whom, as plain text, in each language.
    #[schemars(with = "shapes::Text")]
    pub(super) summary: Texts,
    /// `summary` as HTML (paragraphs, lists, links), in each language.
    #[schemars(with = "shapes::Html")]
    pub(super) summary_html: Texts,
    /// How to reach the network, as sources state it; empty when no source gives a way (the
    /// patient's doctor then refers the case).
    pub(super) contact: Vec<ContactRecord>,
    /// The rare cancers the network handles, as its sources state them.
    pub(super) conditions: Vec<ConditionRecord>,
    /// European Reference Networks this network is linked to.
    pub(super) erns: Vec<ErnLinkRecord>,
    /// When and how the network was created, as plain text, in each language.
    #[schemars(with = "Option<shapes::Text>")]
    pub(super) history: Option<Texts>,
    /// `history` as HTML.
    #[schemars(with = "Option<shapes::Html>")]
    pub(super) history_html: Option<Texts>,
    /// Who coordinates the network and where, as plain text, in each language.
    #[schemars(with = "Option<shapes::Text>")]
    pub(super) coordination: Option<Texts>,
    /// `coordination` as HTML.
    #[schemars(with = "Option<shapes::Html>")]
    pub(super) coordination_html: Option<Texts>,
    /// The network's own website.
    pub(super) website: Option<Url>,
    /// Other useful addresses.
    pub(super) links: Vec<LinkRecord>,
    /// The pages the record was written from.
    pub(super) sources: Vec<SourceRecord>,
    /// The date a person last checked the record against its sources.
    pub(super) reviewed: Date,
    /// The address of the network's page on the site, in each language.
    #[schemars(with = "shapes::PageUrl")]
    pub(super) url: Texts,
}

/// A rare cancer a network handles, with the names people use for it.
#[derive(Debug, Serialize, JsonSchema)]
pub(super) struct ConditionRecord {
    /// The medical name, in each language.
    #[schemars(with = "shapes::Text")]
    pub(super) name: Texts,
    /// Other medical names, per language.
    #[schemars(with = "shapes::Words")]
    pub(super) synonyms: Lists,
    /// Abbreviations, per language.
    #[schemars(with = "shapes::Words")]
    pub(super) abbreviations: Lists,
    /// Everyday words patients use, per language.
    #[schemars(with = "shapes::Words")]
    pub(super) lay_terms: Lists,
    /// The Orphanet code (`ORPHA:<digits>`), when a source gives it.
    pub(super) orpha: Option<OrphaCode>,
}

/// One way to reach a network, as a source states it.
#[derive(Debug, Serialize, JsonSchema)]
pub(super) struct ContactRecord {
    /// The route in plain words, as plain text, in each language.
    #[schemars(with = "shapes::Text")]
    pub(super) text: Texts,
    /// `text` as HTML.
    #[schemars(with = "shapes::Html")]
    pub(super) text_html: Texts,
    /// The route's own address (a website, a contact page).
    pub(super) url: Option<Url>,
    /// Where the route is stated.
    pub(super) source: SourceRecord,
    /// The year of that source, when it gives one.
    pub(super) year: Option<u16>,
}

/// A link from a French network to a European Reference Network.
#[derive(Debug, Serialize, JsonSchema)]
pub(super) struct ErnLinkRecord {
    /// The ERN's `id` in `erns.json`.
    pub(super) id: String,
    /// The ERN's acronym.
    pub(super) acronym: String,
    /// Whether a source states the link or the site's editors inferred it.
    pub(super) basis: Basis,
    /// A short note on the link, in each language.
    #[schemars(with = "Option<shapes::Text>")]
    pub(super) note: Option<Texts>,
    /// The address of the ERN's page on the site, in each language.
    #[schemars(with = "shapes::PageUrl")]
    pub(super) url: Texts,
}

/// A French network linked to an ERN (from the networks' records).
#[derive(Debug, Serialize, JsonSchema)]
pub(super) struct NetworkLinkRecord {
    /// The network's `id` in `networks.json`.
    pub(super) id: String,
    /// The network's acronym.
    pub(super) acronym: String,
    /// Whether a source states the link or the site's editors inferred it.
    pub(super) basis: Basis,
    /// The address of the network's page on the site, in each language.
    #[schemars(with = "shapes::PageUrl")]
    pub(super) url: Texts,
}

/// A European Reference Network.
#[derive(Debug, Serialize, JsonSchema)]
pub(super) struct ErnRecord {
    /// A stable identifier: the last segment of the ERN's page addresses.
    #[schemars(pattern(crate::model::shapes::SLUG_PATTERN))]
    pub(super) id: String,
    /// The acronym, as the ERN writes it.
    pub(super) acronym: String,
    /// The full name, in each language.
    #[schemars(with = "shapes::Text")]
    pub(super) name: Texts,
    /// Languages in which `name` is the site's own translation or description, not an official
    /// name.
    #[schemars(with = "Vec<shapes::Language>")]
    pub(super) name_translated: Vec<String>,
    /// What the ERN does and for whom, as plain text, in each language.
    #[schemars(with = "shapes::Text")]
    pub(super) summary: Texts,
    /// `summary` as HTML.
    #[schemars(with = "shapes::Html")]
    pub(super) summary_html: Texts,
    /// The areas it covers, one text per area, in each language.
    #[schemars(with = "Vec<shapes::Text>")]
    pub(super) domains: Vec<Texts>,
    /// How French centres take part, as plain text, in each language.
    #[schemars(with = "Option<shapes::Text>")]
    pub(super) french_participation: Option<Texts>,
    /// `french_participation` as HTML.
    #[schemars(with = "Option<shapes::Html>")]
    pub(super) french_participation_html: Option<Texts>,
    /// When and how the ERN was created, as plain text, in each language.
    #[schemars(with = "Option<shapes::Text>")]
    pub(super) history: Option<Texts>,
    /// `history` as HTML.
    #[schemars(with = "Option<shapes::Html>")]
    pub(super) history_html: Option<Texts>,
    /// Who coordinates the ERN and where, as plain text, in each language.
    #[schemars(with = "Option<shapes::Text>")]
    pub(super) coordination: Option<Texts>,
    /// `coordination` as HTML.
    #[schemars(with = "Option<shapes::Html>")]
    pub(super) coordination_html: Option<Texts>,
    /// The French networks linked to this ERN, sorted by `id`.
    pub(super) networks: Vec<NetworkLinkRecord>,
    /// The ERN's own website.
    pub(super) website: Option<Url>,
    /// Other useful addresses.
    pub(super) links: Vec<LinkRecord>,
    /// The pages the record was written from.
    pub(super) sources: Vec<SourceRecord>,
    /// The date a person last checked the record against its sources.
    pub(super) reviewed: Date,
    /// The address of the ERN's page on the site, in each language.
    #[schemars(with = "shapes::PageUrl")]
    pub(super) url: Texts,
}

/// A partner organisation.
#[derive(Debug, Serialize, JsonSchema)]
pub(super) struct PartnerRecord {
    /// A stable identifier: the last segment of the organisation's page addresses.
    #[schemars(pattern(crate::model::shapes::SLUG_PATTERN))]
    pub(super) id: String,
    /// The acronym, as the organisation writes it, if it has one.
    pub(super) acronym: Option<String>,
    /// The full name, in each language.
    #[schemars(with = "shapes::Text")]
    pub(super) name: Texts,
    /// Languages in which `name` is the site's own translation or description, not an official
    /// name.
    #[schemars(with = "Vec<shapes::Language>")]
    pub(super) name_translated: Vec<String>,
    /// What kind of organisation it is.
    pub(super) category: PartnerCategory,
    /// Its role for people with a rare cancer, as plain text, in each language.
    #[schemars(with = "shapes::Text")]
    pub(super) summary: Texts,
    /// `summary` as HTML.
    #[schemars(with = "shapes::Html")]
    pub(super) summary_html: Texts,
    /// The organisation's own website.
    pub(super) website: Option<Url>,
    /// Other useful addresses.
    pub(super) links: Vec<LinkRecord>,
    /// The pages the record was written from.
    pub(super) sources: Vec<SourceRecord>,
    /// The date a person last checked the record against its sources.
    pub(super) reviewed: Date,
    /// The address of the organisation's page on the site, in each language.
    #[schemars(with = "shapes::PageUrl")]
    pub(super) url: Texts,
}

/// A useful address, with its title.
#[derive(Debug, Serialize, JsonSchema)]
pub(super) struct LinkRecord {
    /// The link's text, in each language.
    #[schemars(with = "shapes::Text")]
    pub(super) title: Texts,
    /// The address.
    pub(super) url: Url,
}

/// A page a record was written from.
#[derive(Debug, Serialize, JsonSchema)]
pub(super) struct SourceRecord {
    /// The page's title, with its publisher.
    pub(super) title: String,
    /// The page's address.
    pub(super) url: Url,
}
