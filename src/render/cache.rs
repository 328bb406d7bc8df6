//! Rendered pages kept from one build to the next (the live preview rebuilds on every save).
//!
//! A route's page is a pure function of what it reads. Each (route, language) gets a key: a hash
//! of the site-wide inputs every page reads (the settings, the interface strings, the theme, the
//! glossary, every page's place in the site: key, language, slug, layout, menu, and every
//! record's id), plus what that route reads of the content:
//! - a page: the files of its language versions, and its translation notices;
//! - the home page: its files, and every record (its cards);
//! - a record, a list, search and 404: every record (a network shows its ERNs, an ERN its
//!   networks, lists and the condition index show them all).
//!
//! A page's body is converted from its own text and from site-wide inputs only (see
//! `bodies::cache`), so it is covered by its file. A route whose key is the last build's gets
//! the last build's page. `tests/incremental.rs` checks that a build through this cache equals
//! a build without it after random edits.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::Inputs;
use crate::diag::Diagnostic;
use crate::model::HOME_KEY;
use crate::urls::Route;

/// What rendering a route gave: `(output path, bytes)`, nothing (no page in that language), or
/// the template's error.
pub(super) type RoutePage = Result<Option<(String, Arc<[u8]>)>, Diagnostic>;

/// The last build's pages; empty at first.
#[derive(Debug, Default)]
pub struct RenderCache {
    /// Per route, per language (few), the kept page: looked up without building a key.
    routes: HashMap<Route, Vec<(String, Kept)>>,
    /// `sitemap.xml`, and its key (see [`Keys::sitemap`]).
    sitemap: Option<(u64, Arc<[u8]>)>,
    /// The number of the build in progress: the pages it used are marked with it.
    build: u64,
}

#[derive(Debug, Clone)]
pub(super) struct Kept {
    key: u64,
    /// The last build that used it.
    seen: u64,
    pub(super) page: RoutePage,
    /// The interface strings rendering it asked for (shared between routes that asked for the
    /// same ones).
    pub(super) strings: Arc<BTreeSet<String>>,
}

impl RenderCache {
    /// How many (route, language) pages are kept.
    pub fn len(&self) -> usize {
        self.routes.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.routes.is_empty()
    }

    /// The last build's page of `route` in `lang`, if its key is `key`.
    pub(super) fn get(&self, route: &Route, lang: &str, key: u64) -> Option<&Kept> {
        let (_, kept) = self
            .routes
            .get(route)?
            .iter()
            .find(|(code, _)| code == lang)?;
        (kept.key == key).then_some(kept)
    }

    /// Start a build: pages not used by it are forgotten at its end ([`RenderCache::finish`]).
    pub(super) fn start(&mut self) {
        self.build += 1;
    }

    /// This build's page of `route` in `lang`, kept from the last build (its key was checked by
    /// [`RenderCache::get`]): marked as used.
    pub(super) fn reuse(&mut self, route: &Route, lang: &str) -> Option<&Kept> {
        let build = self.build;
        let (_, kept) = self
            .routes
            .get_mut(route)?
            .iter_mut()
            .find(|(code, _)| code == lang)?;
        kept.seen = build;
        Some(kept)
    }

    /// This build's new page of `route` in `lang`, kept for the next.
    pub(super) fn keep(&mut self, route: &Route, lang: &str, key: u64, mut kept: Kept) -> &Kept {
        kept.key = key;
        kept.seen = self.build;
        // Only new pages come here: few, so the owned key costs little.
        let langs = self.routes.entry(route.clone()).or_default();
        let at = match langs.iter().position(|(code, _)| code == lang) {
            Some(at) => {
                langs[at].1 = kept;
                at
            }
            None => {
                langs.push((lang.to_owned(), kept));
                langs.len() - 1
            }
        };
        &langs[at].1
    }

    /// End a build that used `used` pages: forget those it did not use (routes gone).
    pub(super) fn finish(&mut self, used: usize) {
        if self.len() != used {
            let build = self.build;
            self.routes.retain(|_, langs| {
                langs.retain(|(_, kept)| kept.seen == build);
                !langs.is_empty()
            });
        }
    }

    /// The sitemap of the last build if its key is `key`, else `make`'s.
    pub(super) fn sitemap(&mut self, key: u64, make: impl FnOnce() -> String) -> Arc<[u8]> {
        match &self.sitemap {
            Some((kept, bytes)) if *kept == key => Arc::clone(bytes),
            _ => {
                let bytes: Arc<[u8]> = Arc::from(make().into_bytes());
                self.sitemap = Some((key, Arc::clone(&bytes)));
                bytes
            }
        }
    }
}

impl Kept {
    pub(super) fn new(page: RoutePage, strings: Arc<BTreeSet<String>>) -> Kept {
        Kept {
            key: 0,
            seen: 0,
            page,
            strings,
        }
    }
}

/// One set of interface strings per distinct set, so that kept pages share them.
#[derive(Debug, Default)]
pub(super) struct StringSets {
    sets: HashSet<Arc<BTreeSet<String>>>,
    /// The sets already counted, by address: most pages come from the cache with a shared set.
    seen: HashSet<*const BTreeSet<String>>,
}

impl StringSets {
    pub(super) fn intern(&mut self, set: BTreeSet<String>) -> Arc<BTreeSet<String>> {
        if let Some(found) = self.sets.get(&set) {
            return Arc::clone(found);
        }
        let set = Arc::new(set);
        self.sets.insert(Arc::clone(&set));
        set
    }

    /// Count a kept page's set (already shared).
    pub(super) fn intern_shared(&mut self, set: &Arc<BTreeSet<String>>) {
        if self.seen.insert(Arc::as_ptr(set)) && !self.sets.contains(set) {
            self.sets.insert(Arc::clone(set));
        }
    }

    /// Every string of every set.
    pub(super) fn union(&self) -> BTreeSet<String> {
        self.sets
            .iter()
            .flat_map(|set| set.iter().cloned())
            .collect()
    }
}

/// The keys of this build: computed once, then one per route.
pub(super) struct Keys<'a> {
    site: u64,
    records: u64,
    /// Per page key, a hash of the fingerprints of its language versions (one pass over the
    /// pages instead of a search per route).
    versions: HashMap<&'a str, u64>,
}

impl<'a> Keys<'a> {
    pub(super) fn new(inputs: &Inputs<'a>) -> Keys<'a> {
        let mut site = DefaultHasher::new();
        // `Config` has no `Hash`; its debug text is every setting, and it is read once.
        format!("{:?}", inputs.config).hash(&mut site);
        inputs.translations.fingerprint().hash(&mut site);
        inputs.theme.fingerprint().hash(&mut site);
        inputs.site.shape_key().hash(&mut site);
        let mut versions: HashMap<&'a str, u64> = HashMap::new();
        for page in &inputs.site.pages {
            let combined = versions.entry(page.key.as_str()).or_default();
            let mut h = DefaultHasher::new();
            (*combined, page.fingerprint).hash(&mut h);
            *combined = h.finish();
        }
        Keys {
            site: site.finish(),
            records: inputs.site.records_key(),
            versions,
        }
    }

    /// The key of the sitemap: every route's address in every language and its review date.
    pub(super) fn sitemap(&self, inputs: &Inputs<'_>) -> u64 {
        let mut h = DefaultHasher::new();
        (self.site, self.records).hash(&mut h);
        for page in &inputs.site.pages {
            page.meta.reviewed.hash(&mut h);
        }
        h.finish()
    }

    /// The key of `route` in `lang`: equal keys, equal pages.
    pub(super) fn route(&self, inputs: &Inputs<'_>, route: &Route, lang: &str) -> u64 {
        let mut h = DefaultHasher::new();
        (self.site, route, lang).hash(&mut h);
        let versions = |key: &str, h: &mut DefaultHasher| self.versions.get(key).hash(h);
        match route {
            Route::Page(key) => versions(key, &mut h),
            Route::Home => {
                versions(HOME_KEY, &mut h);
                self.records.hash(&mut h);
            }
            Route::Data(_) => {}
            _ => self.records.hash(&mut h),
        }
        // The notice on a translation whose original changed since.
        for o in inputs.outdated.iter().filter(|o| o.route == *route) {
            (&o.lang, &o.source_lang).hash(&mut h);
        }
        h.finish()
    }
}
