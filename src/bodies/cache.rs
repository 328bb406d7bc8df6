//! Converted Markdown kept from one build to the next (the live preview rebuilds on every save).
//!
//! Converting a group of texts (one owner in one language, converted in order because the
//! glossary links a term's first use only) is a pure function of those texts and of what links
//! and glossary terms resolve to: the [`Environment`]. A group whose texts and environment are
//! those of the last build gets the last build's result, which is therefore what converting
//! again would give. Texts are compared by their file's fingerprint (a hash of the file's text:
//! the same file text, the same texts), which spares comparing every text at every build. Problems are kept as byte offsets in the text and located again at every
//! build, since the lines above a page's body may have moved.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Owner;
use crate::config::Config;
use crate::content::Site;
use crate::markdown::{Body, Problem};
use crate::model::Localized;

/// The last build's conversions; empty at first.
#[derive(Debug, Default)]
pub struct BodiesCache {
    environment: Option<Environment>,
    /// By owner, then language (looked up without building a key).
    groups: BTreeMap<Owner, BTreeMap<String, Group>>,
    /// The number of the build in progress (see [`Group::used`]).
    build: u64,
}

/// A group's texts (field, fingerprint of its file: the same fingerprint, the same text) and
/// what converting them gave.
#[derive(Debug, Clone)]
pub(super) struct Group {
    pub(super) texts: Vec<(String, u64)>,
    pub(super) converted: Vec<(Arc<Body>, Vec<Problem>)>,
    /// The last build that used it.
    used: u64,
}

impl BodiesCache {
    /// Forget every group if what links and the glossary read has changed since the last build.
    pub(super) fn start(&mut self, environment: Environment) {
        if self.environment.as_ref() != Some(&environment) {
            self.groups.clear();
            self.environment = Some(environment);
        }
    }

    /// The last build's conversion of this group, if its texts are the same.
    pub(super) fn get(
        &self,
        owner: &Owner,
        lang: &str,
        texts: &[(&str, u64)],
    ) -> Option<&[(Arc<Body>, Vec<Problem>)]> {
        let group = self.groups.get(owner)?.get(lang)?;
        let same = group.texts.len() == texts.len()
            && group
                .texts
                .iter()
                .zip(texts)
                .all(|((field, source), (f, s))| field == f && source == s);
        same.then_some(group.converted.as_slice())
    }

    /// Begin a build: its number.
    pub(super) fn next_build(&mut self) -> u64 {
        self.build += 1;
        self.build
    }

    /// This build took the group from the cache.
    pub(super) fn mark_used(&mut self, owner: &Owner, lang: &str) {
        if let Some(group) = self.groups.get_mut(owner).and_then(|g| g.get_mut(lang)) {
            group.used = self.build;
        }
    }

    /// This build converted the group.
    pub(super) fn store(
        &mut self,
        owner: &Owner,
        lang: &str,
        texts: Vec<(String, u64)>,
        converted: Vec<(Arc<Body>, Vec<Problem>)>,
    ) {
        let group = Group {
            texts,
            converted,
            used: self.build,
        };
        match self.groups.get_mut(owner) {
            Some(langs) => {
                langs.insert(lang.to_owned(), group);
            }
            None => {
                self.groups
                    .insert(owner.clone(), BTreeMap::from([(lang.to_owned(), group)]));
            }
        }
    }

    /// Keep only the groups build `build` used.
    pub(super) fn forget_unused(&mut self, build: u64) {
        self.groups.retain(|_, langs| {
            langs.retain(|_, group| group.used == build);
            !langs.is_empty()
        });
    }

    /// How many groups are kept (for tests and `--timings`).
    pub fn len(&self) -> usize {
        self.groups.values().map(BTreeMap::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// Everything the conversion of a text reads besides the text: where `@/…` links lead (the
/// base path, the section slugs, which records exist, each page's slug per language and the
/// translations it awaits) and the glossary (its terms, its page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Environment {
    base_path: String,
    languages: Vec<String>,
    sections: [Localized; 4],
    records: Vec<String>,
    pages: Vec<(String, String, String, Vec<String>)>,
    glossary: Vec<(String, Localized, Option<Localized>)>,
}

impl Environment {
    pub(super) fn of(site: &Site, config: &Config) -> Environment {
        let s = &config.sections;
        let mut records: Vec<String> = Vec::new();
        records.extend(site.networks.iter().map(|r| format!("networks/{}", r.id)));
        records.extend(site.erns.iter().map(|r| format!("erns/{}", r.id)));
        records.extend(site.partners.iter().map(|r| format!("partners/{}", r.id)));
        Environment {
            base_path: config.base_path.clone(),
            languages: config.languages.codes().map(str::to_owned).collect(),
            sections: [
                s.networks.clone(),
                s.erns.clone(),
                s.partners.clone(),
                s.search.clone(),
            ],
            records,
            pages: site
                .pages
                .iter()
                .map(|p| {
                    let layout = format!("{:?}", p.meta.layout);
                    (
                        format!("{}:{layout}", p.key),
                        p.lang.clone(),
                        p.slug.clone(),
                        p.meta.awaiting_translation.clone(),
                    )
                })
                .collect(),
            glossary: site
                .glossary
                .iter()
                .flat_map(|g| &g.data.terms)
                .map(|t| (t.id.clone(), t.term.clone(), t.expansion.clone()))
                .collect(),
        }
    }
}
