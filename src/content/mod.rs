//! Content: walk `content/` in sorted order, parse every record, page and the glossary, then
//! resolve them into a validated [`Site`] (ids, slugs, translation pairs, references between
//! records, the key figures of pages). Every problem found is collected; nothing stops at the
//! first one.

mod figures;
mod load;
mod resolve;

pub use load::LoadCache;

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::model::{Basis, ContentRef, Ern, Glossary, HOME_KEY, Network, PageMeta, Partner, refs};
use crate::yaml::SpanIndex;

/// A record loaded from `content/<kind>/<id>.yaml`.
#[derive(Debug, Clone)]
pub struct Record<T> {
    pub id: String,
    /// Path relative to the site root, for diagnostics.
    pub file: PathBuf,
    pub data: T,
    pub spans: SpanIndex,
    /// The file's YAML text (translation fingerprints are computed from it).
    pub text: String,
    /// A hash of `text`: two loads of the same text have the same fingerprint (a live preview
    /// compares them to know what changed; never written anywhere).
    pub fingerprint: u64,
}

/// One language of a Markdown page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The `<slug>` of `<slug>.<lang>.md`: what pairs translations and what `@/pages/` names.
    pub key: String,
    pub lang: String,
    /// URL slug in this language; empty for the home page.
    pub slug: String,
    pub file: PathBuf,
    pub meta: PageMeta,
    pub spans: SpanIndex,
    pub body: String,
    /// Byte offset of `body` in the file text, and that text, to locate Markdown problems.
    pub body_offset: usize,
    pub text: String,
    /// A hash of `text` (see [`Record::fingerprint`]).
    pub fingerprint: u64,
}

impl Page {
    pub fn is_home(&self) -> bool {
        self.key == HOME_KEY
    }
}

/// The validated content of a site.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub networks: Vec<Record<Network>>,
    pub erns: Vec<Record<Ern>>,
    pub partners: Vec<Record<Partner>>,
    /// Sorted by key, then language.
    pub pages: Vec<Arc<Page>>,
    pub glossary: Option<Record<Glossary>>,
    /// For each ERN id, the networks that link to it (sorted by network id).
    pub ern_networks: BTreeMap<String, Vec<(String, Basis)>>,
    /// Files that exist but could not be loaded (`erns/euracan`, `pages/about`): already
    /// reported, so checks that depend on them stay quiet instead of cascading.
    pub failed: BTreeSet<String>,
}

impl Site {
    // Records are sorted by id and pages by key then language (see `load`): lookups are binary
    // searches, so that rendering N pages stays linear in N.
    pub fn network(&self, id: &str) -> Option<&Record<Network>> {
        find_record(&self.networks, id)
    }

    pub fn ern(&self, id: &str) -> Option<&Record<Ern>> {
        find_record(&self.erns, id)
    }

    pub fn partner(&self, id: &str) -> Option<&Record<Partner>> {
        find_record(&self.partners, id)
    }

    pub fn page(&self, key: &str, lang: &str) -> Option<&Page> {
        self.pages
            .binary_search_by(|p| (p.key.as_str(), p.lang.as_str()).cmp(&(key, lang)))
            .ok()
            .map(|i| &*self.pages[i])
    }

    /// Every language version of page `key`.
    pub fn page_versions(&self, key: &str) -> &[Arc<Page>] {
        let start = self.pages.partition_point(|p| p.key.as_str() < key);
        let end = self.pages.partition_point(|p| p.key.as_str() <= key);
        &self.pages[start..end]
    }

    /// The page that stands in for `key` in `lang` while its translation is awaited.
    pub fn awaiting(&self, key: &str, lang: &str) -> Option<&Page> {
        if self.page(key, lang).is_some() {
            return None;
        }
        self.page_versions(key)
            .iter()
            .find(|p| p.meta.awaiting_translation.iter().any(|l| l == lang))
            .map(|p| &**p)
    }

    /// Every `@/…` link target the site has, as editors write them (what "did you mean" picks
    /// from): `@/networks/netsarc`, `@/pages/a-propos.md`, `@/search`…
    pub fn reference_targets(&self) -> Vec<String> {
        let mut targets: Vec<String> = ["@/networks", "@/erns", "@/partners", "@/search"]
            .map(str::to_owned)
            .into();
        targets.extend(self.networks.iter().map(|r| format!("@/networks/{}", r.id)));
        targets.extend(self.erns.iter().map(|r| format!("@/erns/{}", r.id)));
        targets.extend(self.partners.iter().map(|r| format!("@/partners/{}", r.id)));
        targets.extend(self.pages.iter().map(|p| format!("@/pages/{}.md", p.key)));
        targets.dedup();
        targets
    }

    /// Whether a `@/…` reference names existing content.
    pub fn contains(&self, reference: &ContentRef) -> bool {
        match reference {
            ContentRef::Network(id) => self.network(id).is_some(),
            ContentRef::Ern(id) => self.ern(id).is_some(),
            ContentRef::Partner(id) => self.partner(id).is_some(),
            ContentRef::Page(key) => !self.page_versions(key).is_empty(),
            ContentRef::NetworkList
            | ContentRef::ErnList
            | ContentRef::PartnerList
            | ContentRef::Search => true,
            ContentRef::Data(name) => refs::is_published_data(name),
        }
    }
}

/// What changes when content changes, for a live preview's caches (never written anywhere).
impl Site {
    /// A hash of every page's place in the site (key, language, slug, layout, menu entry, the
    /// languages it awaits), every record's id and the glossary: what every page reads of the
    /// others (the menus, the links, the language switch, the glossary's links).
    pub fn shape_key(&self) -> u64 {
        let mut h = DefaultHasher::new();
        self.glossary.as_ref().map(|g| g.fingerprint).hash(&mut h);
        for page in &self.pages {
            let meta = &page.meta;
            (&page.key, &page.lang, &page.slug, meta.layout, meta.menu).hash(&mut h);
            meta.awaiting_translation.hash(&mut h);
            if meta.menu.is_some() {
                (&meta.title, meta.weight).hash(&mut h);
            }
        }
        for (kind, id) in self.record_ids() {
            (kind, id).hash(&mut h);
        }
        h.finish()
    }

    /// A hash of every record's text.
    pub fn records_key(&self) -> u64 {
        let mut h = DefaultHasher::new();
        self.networks
            .iter()
            .for_each(|r| r.fingerprint.hash(&mut h));
        self.erns.iter().for_each(|r| r.fingerprint.hash(&mut h));
        self.partners
            .iter()
            .for_each(|r| r.fingerprint.hash(&mut h));
        h.finish()
    }

    fn record_ids(&self) -> impl Iterator<Item = (&'static str, &str)> {
        (self.networks.iter().map(|r| ("network", r.id.as_str())))
            .chain(self.erns.iter().map(|r| ("ern", r.id.as_str())))
            .chain(self.partners.iter().map(|r| ("partner", r.id.as_str())))
    }
}

fn find_record<'a, T>(records: &'a [Record<T>], id: &str) -> Option<&'a Record<T>> {
    records
        .binary_search_by(|r| r.id.as_str().cmp(id))
        .ok()
        .map(|i| &records[i])
}
/// Load and resolve every content file under `config.content_dir`.
pub fn load(config: &Config) -> Result<(Site, Diagnostics), Diagnostics> {
    load_cached(config, &mut LoadCache::default())
}

/// [`load`], reusing the files `cache` kept whose text has not changed (a live preview's
/// rebuild), and keeping this build's files in it.
pub fn load_cached(
    config: &Config,
    cache: &mut LoadCache,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut site = load::read_all(config, &mut diags, cache);
    resolve::resolve(&mut site, config, &mut diags);
    diags.into_result(site)
}
