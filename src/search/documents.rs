//! What is indexed, per language: every record page and every content page, as a [`Document`]
//! built from owned data. List pages, the search page and the 404 page are left out: they only
//! repeat the records and would push them down the results.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::bodies::{Bodies, Owner};
use crate::content::Site;
use crate::model::HOME_KEY;
use crate::model::{Condition, Localized, LocalizedList};
use crate::text::escape_html as escape;
use crate::urls::{Route, Urls};

/// Weight of the keywords block (Pagefind's scale: body text 1, `<h1>` 7, maximum 10).
const KEYWORD_WEIGHT: &str = "6";

/// What kind of thing a search result is (the `kind` filter and metadata).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Network,
    Ern,
    Partner,
    Page,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Network => "network",
            Kind::Ern => "ern",
            Kind::Partner => "partner",
            Kind::Page => "page",
        }
    }
}

/// One indexed page of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Path below the site root, without the base path (`reseaux/caraderm/`).
    pub url: String,
    pub kind: Kind,
    pub title: String,
    /// Shown under the result's link instead of an excerpt.
    pub description: String,
    pub acronym: Option<String>,
    /// The network type (networks) or category (partners): a filter.
    pub category: Option<String>,
    /// Names people type, in every language: weighted, never displayed.
    pub keywords: Vec<String>,
    /// The readable text of the page.
    pub text: String,
}

impl Document {
    /// The synthetic HTML handed to Pagefind: title, weighted keywords, then text. Metadata and
    /// filters travel as attributes so that commas inside values need no escaping.
    pub fn to_html(&self, lang: &str) -> String {
        let mut html = format!("<html lang=\"{lang}\"><head>");
        let mut meta = |name: &str, value: &str| {
            let _ = write!(
                html,
                "<meta data-pagefind-meta=\"{name}[content]\" content=\"{}\">",
                escape(value)
            );
        };
        meta("description", &self.description);
        meta("kind", self.kind.as_str());
        if let Some(acronym) = &self.acronym {
            meta("acronym", acronym);
        }
        let _ = write!(
            html,
            "<meta data-pagefind-filter=\"kind[content]\" content=\"{}\">",
            self.kind.as_str()
        );
        if let Some(category) = &self.category {
            let _ = write!(
                html,
                "<meta data-pagefind-filter=\"category[content]\" content=\"{}\">",
                escape(category)
            );
        }
        let _ = write!(
            html,
            "</head><body><h1 data-pagefind-meta=\"title\">{}</h1>",
            escape(&self.title)
        );
        if !self.keywords.is_empty() {
            let _ = write!(
                html,
                "<ul data-pagefind-weight=\"{KEYWORD_WEIGHT}\">{}</ul>",
                self.keywords
                    .iter()
                    .map(|k| format!("<li>{}</li>", escape(k)))
                    .collect::<String>()
            );
        }
        let _ = write!(html, "<p>{}</p></body></html>", escape(&self.text));
        html
    }

    pub fn word_count(&self) -> usize {
        self.keywords
            .iter()
            .chain([&self.title, &self.text])
            .map(|s| s.split_whitespace().count())
            .sum()
    }
}

/// The documents of one language, in a fixed order (networks, ERNs, partners, pages).
pub fn documents(site: &Site, bodies: &Bodies, urls: Urls<'_>, lang: &str) -> Vec<Document> {
    let mut docs = Vec::new();
    let text_of = |route: &Route, fields: &[&str]| -> String {
        let owner = Owner::Route(route.clone());
        fields
            .iter()
            .filter_map(|field| bodies.get(&owner, field, lang))
            .map(|body| body.plain.trim().to_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    for record in &site.networks {
        let n = &record.data;
        let route = Route::Network(record.id.clone());
        let Some(url) = urls.relative(&route, lang) else {
            continue;
        };
        let mut keywords = Keywords::default();
        keywords.add(&n.acronym);
        keywords.add_localized(&n.name);
        for condition in &n.conditions {
            keywords.add_condition(condition);
        }
        // The conditions are listed on the page: they belong to its readable text too.
        let contact: Vec<String> = (0..n.contact.len())
            .map(|i| format!("contact[{i}].text"))
            .collect();
        let mut fields = vec!["summary"];
        fields.extend(contact.iter().map(String::as_str));
        fields.extend(["history", "coordination"]);
        let mut text = text_of(&route, &fields);
        for condition in &n.conditions {
            if let Some(name) = condition.name.get(lang) {
                text.push('\n');
                text.push_str(name);
            }
        }
        docs.push(Document {
            url,
            kind: Kind::Network,
            title: titled(&n.acronym, n.name.get(lang)),
            description: first_sentence_of(&route, bodies, lang),
            acronym: Some(n.acronym.clone()),
            category: Some(n.network_type.as_str().to_owned()),
            keywords: keywords.into_vec(),
            text,
        });
    }
    for record in &site.erns {
        let e = &record.data;
        let route = Route::Ern(record.id.clone());
        let Some(url) = urls.relative(&route, lang) else {
            continue;
        };
        let mut keywords = Keywords::default();
        keywords.add(&e.acronym);
        keywords.add_localized(&e.name);
        for domain in &e.domains {
            keywords.add_localized(domain);
        }
        docs.push(Document {
            url,
            kind: Kind::Ern,
            title: titled(&e.acronym, e.name.get(lang)),
            description: first_sentence_of(&route, bodies, lang),
            acronym: Some(e.acronym.clone()),
            category: None,
            keywords: keywords.into_vec(),
            text: text_of(
                &route,
                &["summary", "french_participation", "history", "coordination"],
            ),
        });
    }
    for record in &site.partners {
        let p = &record.data;
        let route = Route::Partner(record.id.clone());
        let Some(url) = urls.relative(&route, lang) else {
            continue;
        };
        let mut keywords = Keywords::default();
        if let Some(acronym) = &p.acronym {
            keywords.add(acronym);
        }
        keywords.add_localized(&p.name);
        let name = p.name.get(lang).cloned().unwrap_or_default();
        docs.push(Document {
            url,
            kind: Kind::Partner,
            title: match &p.acronym {
                Some(acronym) if !name.contains(acronym.as_str()) => titled(acronym, Some(&name)),
                _ => name,
            },
            description: first_sentence_of(&route, bodies, lang),
            acronym: p.acronym.clone(),
            category: Some(p.category.as_str().to_owned()),
            keywords: keywords.into_vec(),
            text: text_of(&route, &["summary"]),
        });
    }
    for page in site.pages.iter().filter(|p| p.lang == lang) {
        let route = if page.key == HOME_KEY {
            Route::Home
        } else {
            Route::Page(page.key.clone())
        };
        let Some(url) = urls.relative(&route, lang) else {
            continue;
        };
        let mut text = text_of(&route, &["body"]);
        if page.meta.layout == crate::model::Layout::Glossary {
            let terms = site.glossary.iter().flat_map(|g| g.data.terms.iter());
            for term in terms {
                let expansion = term.expansion.as_ref().and_then(|e| e.get(lang));
                let owner = Owner::GlossaryTerm(term.id.clone());
                // Bodies keep a term's definition under its own owner, as `definition`.
                let definition = bodies
                    .get(&owner, "definition", lang)
                    .map(|b| b.plain.trim());
                for part in [
                    term.term.get(lang).map(String::as_str),
                    expansion.map(String::as_str),
                    definition,
                ]
                .into_iter()
                .flatten()
                {
                    text.push('\n');
                    text.push_str(part);
                }
            }
        }
        docs.push(Document {
            url,
            kind: Kind::Page,
            title: page.meta.title.clone(),
            description: page.meta.description.clone(),
            acronym: None,
            category: None,
            keywords: Vec::new(),
            text,
        });
    }
    docs
}

/// `CARADERM — Réseau cancers cutanés rares`
fn titled(acronym: &str, name: Option<&String>) -> String {
    match name {
        Some(name) if !name.is_empty() => format!("{acronym} — {name}"),
        _ => acronym.to_owned(),
    }
}

/// The summary's first sentence (whole summary when it is short), for the result list.
fn first_sentence_of(route: &Route, bodies: &Bodies, lang: &str) -> String {
    let owner = Owner::Route(route.clone());
    let plain = bodies
        .get(&owner, "summary", lang)
        .map(|b| b.plain.trim().to_owned())
        .unwrap_or_default();
    let mut end = plain.len();
    for (i, _) in plain.match_indices(". ") {
        if i >= 60 {
            end = i + 1;
            break;
        }
    }
    plain[..end].to_owned()
}

/// Keywords without repeats, in the order first seen.
#[derive(Default)]
struct Keywords {
    seen: BTreeSet<String>,
    list: Vec<String>,
}

impl Keywords {
    fn add(&mut self, word: &str) {
        let word = word.trim();
        if !word.is_empty() && self.seen.insert(word.to_lowercase()) {
            self.list.push(word.to_owned());
        }
    }

    fn add_localized(&mut self, values: &Localized) {
        for value in values.values() {
            self.add(value);
        }
    }

    fn add_list(&mut self, values: &LocalizedList) {
        for value in values.values().flatten() {
            self.add(value);
        }
    }

    fn add_condition(&mut self, condition: &Condition) {
        self.add_localized(&condition.name);
        self.add_list(&condition.synonyms);
        self.add_list(&condition.abbreviations);
        self.add_list(&condition.lay_terms);
        self.add_list(&condition.search_terms);
        if let Some(code) = condition.orpha {
            // `ORPHA:892` as written, and the number alone, as people type it.
            self.add(&code.to_string());
            self.add(&code.number().to_string());
        }
    }

    fn into_vec(self) -> Vec<String> {
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_carries_meta_filters_and_weighted_keywords_escaped() {
        let doc = Document {
            url: "reseaux/netsarc/".into(),
            kind: Kind::Network,
            title: "NETSARC+ — Sarcomes".into(),
            description: "Sarcomes, GIST & \"autres\"".into(),
            acronym: Some("NETSARC+".into()),
            category: Some("clinical-and-pathology".into()),
            keywords: vec!["GIST".into(), "<sarcoma>".into()],
            text: "Texte".into(),
        };
        let html = doc.to_html("fr");
        assert!(html.starts_with("<html lang=\"fr\">"));
        assert!(html.contains(
            r#"<meta data-pagefind-meta="description[content]" content="Sarcomes, GIST &amp; &quot;autres&quot;">"#
        ));
        assert!(html.contains(r#"<meta data-pagefind-filter="kind[content]" content="network">"#));
        assert!(html.contains(r#"content="clinical-and-pathology""#));
        assert!(
            html.contains(r#"<meta data-pagefind-meta="acronym[content]" content="NETSARC+">"#)
        );
        assert!(html.contains(
            r#"<ul data-pagefind-weight="6"><li>GIST</li><li>&lt;sarcoma&gt;</li></ul>"#
        ));
    }

    #[test]
    fn keywords_keep_first_spelling_once() {
        let mut keywords = Keywords::default();
        for word in ["GIST", "gist", " Sarcome ", "", "sarcome"] {
            keywords.add(word);
        }
        assert_eq!(keywords.into_vec(), ["GIST", "Sarcome"]);
    }
}
