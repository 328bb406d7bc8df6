//! The views of records and of the lists that show them, in one language.

use super::Renderer;
use super::views::*;
use crate::bodies::{Bodies, Owner};
use crate::content::Record;
use crate::diag::Diagnostic;
use crate::model::{Ern, Network, Partner};
use crate::text::{slugify, typography};
use crate::urls::Route;

impl Renderer<'_> {
    pub(super) fn network_summaries(&self, lang: &str) -> Result<Vec<RecordSummary>, Diagnostic> {
        let mut out = Vec::new();
        for n in &self.site.networks {
            out.push(RecordSummary {
                id: n.id.clone(),
                acronym: n.data.acronym.clone(),
                name: self.text(&n.data.name, lang),
                url: self.url(&Route::Network(n.id.clone()), lang),
                category: n.data.network_type.as_str().to_owned(),
                category_label: self.t(
                    lang,
                    &format!("network-type-{}", n.data.network_type.as_str()),
                )?,
            });
        }
        sort_by_acronym(&mut out);
        Ok(out)
    }

    pub(super) fn ern_summaries(&self, lang: &str) -> Vec<RecordSummary> {
        let mut out: Vec<RecordSummary> = self
            .site
            .erns
            .iter()
            .map(|e| RecordSummary {
                id: e.id.clone(),
                acronym: e.data.acronym.clone(),
                name: self.text(&e.data.name, lang),
                url: self.url(&Route::Ern(e.id.clone()), lang),
                category: String::new(),
                category_label: String::new(),
            })
            .collect();
        sort_by_acronym(&mut out);
        out
    }

    pub(super) fn partner_groups(&self, lang: &str) -> Result<Vec<PartnerGroup>, Diagnostic> {
        let mut groups: Vec<PartnerGroup> = Vec::new();
        let mut partners: Vec<_> = self.site.partners.iter().collect();
        partners.sort_by_key(|p| (p.data.category, p.id.clone()));
        for p in partners {
            let category = p.data.category.as_str();
            let label = self.t(lang, &format!("partner-category-{category}"))?;
            let summary = RecordSummary {
                id: p.id.clone(),
                acronym: p.data.acronym.clone().unwrap_or_default(),
                name: self.text(&p.data.name, lang),
                url: self.url(&Route::Partner(p.id.clone()), lang),
                category: category.to_owned(),
                category_label: label.clone(),
            };
            match groups.last_mut() {
                Some(group) if group.category == category => group.partners.push(summary),
                _ => groups.push(PartnerGroup {
                    category: category.to_owned(),
                    label,
                    partners: vec![summary],
                }),
            }
        }
        Ok(groups)
    }

    pub(super) fn network_view(
        &self,
        r: &Record<Network>,
        lang: &str,
    ) -> Result<NetworkView, Diagnostic> {
        let n = &r.data;
        let owner = Owner::Route(Route::Network(r.id.clone()));
        let mut erns = Vec::new();
        for link in &n.erns {
            if let Some(e) = self.site.ern(&link.id) {
                erns.push(RelatedView {
                    id: e.id.clone(),
                    acronym: e.data.acronym.clone(),
                    name: self.text(&e.data.name, lang),
                    url: self.url(&Route::Ern(e.id.clone()), lang),
                    basis: link.basis.as_str().to_owned(),
                    note: link.note.as_ref().map(|note| self.text(note, lang)),
                });
            }
        }
        Ok(NetworkView {
            id: r.id.clone(),
            acronym: n.acronym.clone(),
            name: self.text(&n.name, lang),
            name_translated: n.translated_name.iter().any(|l| l == lang),
            network_type: n.network_type.as_str().to_owned(),
            type_label: self.t(lang, &format!("network-type-{}", n.network_type.as_str()))?,
            summary_html: self.bodies.html(&owner, "summary", lang),
            contact: n
                .contact
                .iter()
                .enumerate()
                .map(|(i, route)| ContactView {
                    text_html: self
                        .bodies
                        .html(&owner, &format!("contact[{i}].text"), lang),
                    url: route.url.as_ref().map(|u| u.as_str().to_owned()),
                    url_label: route.url.as_ref().map(|u| host_of(u.as_str())),
                    source: super::source_view(&route.source, lang),
                    year: route.year,
                })
                .collect(),
            directory: self.config.networks_directory.as_ref().map(|d| LinkView {
                title: self.text(&d.title, lang),
                url: d.url.as_str().to_owned(),
            }),
            conditions: n
                .conditions
                .iter()
                .map(|c| ConditionView {
                    name: self.text(&c.name, lang),
                    synonyms: self.list(&c.synonyms, lang),
                    abbreviations: self.list(&c.abbreviations, lang),
                    lay_terms: self.list(&c.lay_terms, lang),
                    orpha: c.orpha.map(|code| LinkView {
                        title: code.to_string(),
                        url: code.url(lang),
                    }),
                })
                .collect(),
            erns,
            history_html: self.bodies.html(&owner, "history", lang),
            coordination_html: self.bodies.html(&owner, "coordination", lang),
            website: n.website.as_ref().map(|u| u.as_str().to_owned()),
            links: self.links(&n.links, lang),
            sources: self.sources(&n.sources, lang),
            reviewed: self.reviewed(n.reviewed, lang)?,
        })
    }

    pub(super) fn ern_view(&self, r: &Record<Ern>, lang: &str) -> Result<ErnView, Diagnostic> {
        let e = &r.data;
        let owner = Owner::Route(Route::Ern(r.id.clone()));
        let mut networks = Vec::new();
        for (id, basis) in self.site.ern_networks.get(&r.id).into_iter().flatten() {
            if let Some(n) = self.site.network(id) {
                networks.push(RelatedView {
                    id: id.clone(),
                    acronym: n.data.acronym.clone(),
                    name: self.text(&n.data.name, lang),
                    url: self.url(&Route::Network(id.clone()), lang),
                    basis: basis.as_str().to_owned(),
                    note: None,
                });
            }
        }
        Ok(ErnView {
            id: r.id.clone(),
            acronym: e.acronym.clone(),
            name: self.text(&e.name, lang),
            name_translated: e.translated_name.iter().any(|l| l == lang),
            summary_html: self.bodies.html(&owner, "summary", lang),
            domains: e.domains.iter().map(|d| self.text(d, lang)).collect(),
            french_participation_html: self.bodies.html(&owner, "french_participation", lang),
            history_html: self.bodies.html(&owner, "history", lang),
            coordination_html: self.bodies.html(&owner, "coordination", lang),
            networks,
            website: e.website.as_ref().map(|u| u.as_str().to_owned()),
            links: self.links(&e.links, lang),
            sources: self.sources(&e.sources, lang),
            reviewed: self.reviewed(e.reviewed, lang)?,
        })
    }

    pub(super) fn partner_view(
        &self,
        r: &Record<Partner>,
        lang: &str,
    ) -> Result<PartnerView, Diagnostic> {
        let p = &r.data;
        let owner = Owner::Route(Route::Partner(r.id.clone()));
        let category = p.category.as_str();
        Ok(PartnerView {
            id: r.id.clone(),
            acronym: p.acronym.clone().unwrap_or_default(),
            name: self.text(&p.name, lang),
            name_translated: p.translated_name.iter().any(|l| l == lang),
            category: category.to_owned(),
            category_label: self.t(lang, &format!("partner-category-{category}"))?,
            summary_html: self.bodies.html(&owner, "summary", lang),
            website: p.website.as_ref().map(|u| u.as_str().to_owned()),
            links: self.links(&p.links, lang),
            sources: self.sources(&p.sources, lang),
            reviewed: self.reviewed(p.reviewed, lang)?,
        })
    }

    /// The facts of the accessibility statement, in `lang`.
    pub(super) fn accessibility(
        &self,
        lang: &str,
    ) -> Result<Option<AccessibilityView>, Diagnostic> {
        let Some(a) = &self.config.accessibility else {
            return Ok(None);
        };
        let contact = match &a.contact {
            Some(contact) if contact.contains('@') && !contact.contains("://") => Some(LinkView {
                url: format!("mailto:{contact}"),
                title: contact.clone(),
            }),
            Some(contact) => Some(LinkView {
                url: contact.clone(),
                title: contact.clone(),
            }),
            None => None,
        };
        Ok(Some(AccessibilityView {
            standard: a.standard.clone(),
            status: self.t(lang, &format!("accessibility-status-{}", a.status.as_str()))?,
            audited: match a.audited {
                Some(date) => Some(self.reviewed(date, lang)?.text),
                None => None,
            },
            tests: a
                .tests
                .get(lang)
                .into_iter()
                .flatten()
                .map(|t| typography(t, lang))
                .collect(),
            contact,
        }))
    }

    pub(super) fn glossary_terms(&self, lang: &str) -> Vec<GlossaryTermView> {
        let Some(g) = &self.site.glossary else {
            return Vec::new();
        };
        let mut terms: Vec<GlossaryTermView> = g
            .data
            .terms
            .iter()
            .map(|term| GlossaryTermView {
                id: term.id.clone(),
                term: self.text(&term.term, lang),
                expansion: term.expansion.as_ref().map(|e| self.text(e, lang)),
                definition_html: self.bodies.html(
                    &Owner::GlossaryTerm(term.id.clone()),
                    "definition",
                    lang,
                ),
            })
            .collect();
        terms.sort_by_cached_key(|t| slugify(&t.term));
        terms
    }

    /// Every condition name and synonym, A–Z, with the network that handles it (the search page
    /// without JavaScript).
    pub(super) fn condition_index(&self, lang: &str) -> Vec<RelatedView> {
        let mut entries = Vec::new();
        for n in &self.site.networks {
            let url = self.url(&Route::Network(n.id.clone()), lang);
            for c in &n.data.conditions {
                let mut names = vec![self.text(&c.name, lang)];
                names.extend(self.list(&c.synonyms, lang));
                names.extend(self.list(&c.abbreviations, lang));
                for name in names {
                    entries.push(RelatedView {
                        id: n.id.clone(),
                        acronym: n.data.acronym.clone(),
                        name,
                        url: url.clone(),
                        basis: String::new(),
                        note: None,
                    });
                }
            }
        }
        entries.sort_by_cached_key(|e| (slugify(&e.name), e.name.clone(), e.id.clone()));
        entries.dedup_by(|a, b| a.name == b.name && a.id == b.id);
        entries
    }
}

fn sort_by_acronym(items: &mut [RecordSummary]) {
    items.sort_by_cached_key(|item| (slugify(&item.acronym), item.id.clone()));
}

/// The first sentence or so of a record's summary, as a meta description.
pub(super) fn plain_summary(bodies: &Bodies, owner: &Owner, lang: &str) -> String {
    let plain = bodies
        .get(owner, "summary", lang)
        .map(|b| b.plain.clone())
        .unwrap_or_default();
    let flat = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 200 {
        return flat;
    }
    let cut: String = flat.chars().take(200).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => cut,
    }
}

/// The host of an address, without `www.`: a short, readable link text.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host).to_owned()
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn link_text_is_the_host() {
        assert_eq!(
            host_of("https://www.cancervih.org/prise-en-charge"),
            "cancervih.org"
        );
        assert_eq!(host_of("http://reseau-celac.com"), "reseau-celac.com");
    }
}
