//! The three kinds of record: French networks, European Reference Networks and partners, one
//! YAML file each (`content/<kind>/<id>.yaml`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::shapes;
use super::values::{Date, Link, Localized, LocalizedList, OrphaCode, Source, Url};

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

impl Basis {
    /// The value as editors write it (and as pages and the open data show it).
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Sourced => "sourced",
            Basis::Inferred => "inferred",
        }
    }
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
    /// The condition's Orphanet code, `ORPHA:<digits>`, only as a source listed in `sources`
    /// prints it. Shown as a link to the Orphanet page, searchable, in the open data.
    #[serde(default)]
    pub orpha: Option<OrphaCode>,
}

/// One way to reach a network that a source states: its website, how a doctor refers a case,
/// a meeting, a contact page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactRoute {
    /// The route in plain words, for a patient and their doctor (Markdown), in each language.
    /// Date what may change: "En 2024, …" for a person, a phone number or a meeting.
    #[schemars(with = "shapes::LocalizedMarkdown")]
    pub text: Localized,
    /// The route's own address (a website, a contact page): only one a source shows.
    #[serde(default)]
    pub url: Option<Url>,
    /// Where this route is stated.
    pub source: Source,
    /// The year of that source, when it gives one. Required when the text names a person, a
    /// phone number or a meeting.
    #[serde(default)]
    #[schemars(range(min = 1990, max = 2100))]
    pub year: Option<u16>,
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
    /// How to reach the network, as sources state it; leave it out when no source gives a way:
    /// the page then says so and gives the way forward (the patient's doctor refers the case).
    #[serde(default)]
    pub contact: Vec<ContactRoute>,
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
