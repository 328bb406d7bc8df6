//! The Markdown stage: convert every page body and every Markdown field of the records, in each
//! language, resolving `@/…` links; then check the anchors of links between pages once every
//! heading is known. Problems become diagnostics located in the source files.
//!
//! The first use of each glossary term on a page links to the glossary page (see
//! [`crate::markdown::glossary`]): a record's Markdown fields count as one page, in the order the page shows
//! them. The glossary page and the terms' own definitions are left as written.

pub mod cache;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::content::{Record, Site};
use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex, Location, Span, help_with_suggestion};
use crate::markdown::glossary::{self, Glossary, Seen};
use crate::markdown::{self, Body};
use crate::model::ContentRef;
use crate::model::{Layout, Localized};
use crate::urls::{Route, Urls};
use crate::yaml::SpanIndex;
pub use cache::BodiesCache;
use rayon::prelude::*;

/// Which text a body was converted from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BodyKey {
    pub owner: Owner,
    /// Field path (`summary`, `glossary`), `body` for a page's Markdown.
    pub field: String,
    pub lang: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner {
    Route(Route),
    GlossaryTerm(String),
}

/// Every converted Markdown text of the site.
#[derive(Debug, Clone, Default)]
pub struct Bodies {
    // Shared with the live preview's cache: a rebuild reuses unchanged bodies without copying.
    map: BTreeMap<BodyKey, Arc<Body>>,
}

impl Bodies {
    pub fn get(&self, owner: &Owner, field: &str, lang: &str) -> Option<&Body> {
        self.map
            .get(&BodyKey {
                owner: owner.clone(),
                field: field.to_owned(),
                lang: lang.to_owned(),
            })
            .map(|body| &**body)
    }

    /// The HTML of a field, or an empty string when the field is absent.
    pub fn html(&self, owner: &Owner, field: &str, lang: &str) -> String {
        self.get(owner, field, lang)
            .map(|b| b.html.clone())
            .unwrap_or_default()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&BodyKey, &Body)> {
        self.map.iter().map(|(key, body)| (key, &**body))
    }

    /// Whether any text of `owner` in `lang` links a glossary term (its page then needs the
    /// note those links point to).
    pub fn links_glossary(&self, owner: &Owner, lang: &str) -> bool {
        // Keys sort by owner first: only this owner's bodies are visited.
        let first = BodyKey {
            owner: owner.clone(),
            field: String::new(),
            lang: String::new(),
        };
        self.map
            .range(first..)
            .take_while(|(key, _)| &key.owner == owner)
            .any(|(key, body)| key.lang == lang && !body.glossary.is_empty())
    }
}

/// Where a text came from, to place its problems.
#[derive(Debug)]
enum Origin<'a> {
    /// A page body: byte offsets map into the file through its text.
    Page { text: &'a str, body_offset: usize },
    /// A YAML field: problems point at the field. `text` is the file's.
    Field {
        spans: &'a SpanIndex,
        path: String,
        text: &'a str,
    },
}

/// A Markdown text of the site: a page's body, or one language of a record's Markdown field.
#[derive(Debug)]
pub struct MarkdownSource<'a> {
    pub key: BodyKey,
    /// The file it is written in, relative to the site's root.
    pub file: &'a Path,
    /// The Markdown itself.
    pub text: &'a str,
    origin: Origin<'a>,
    /// The fingerprint of its file: the same fingerprint, the same text (see [`cache`]).
    fingerprint: u64,
}

impl MarkdownSource<'_> {
    /// Where byte `offset` of the Markdown is in the file: exact for a page; for a YAML field,
    /// the field (block scalars lose their columns).
    pub fn locate(&self, offset: usize) -> Location {
        locate(&self.origin, offset, offset).start
    }

    /// The whole text of the file, as the build read it.
    pub fn file_text(&self) -> &str {
        match &self.origin {
            Origin::Page { text, .. } | Origin::Field { text, .. } => text,
        }
    }
}

/// Every Markdown text of `site` in each of `langs`: page bodies, then the Markdown fields of
/// networks, ERNs, partners and glossary terms. The one list of which fields are Markdown.
pub fn markdown_sources<'a>(site: &'a Site, langs: &[&str]) -> Vec<MarkdownSource<'a>> {
    let mut jobs: Vec<MarkdownSource<'a>> = Vec::new();
    for page in &site.pages {
        let route = if page.is_home() {
            Route::Home
        } else {
            Route::Page(page.key.clone())
        };
        jobs.push(MarkdownSource {
            key: BodyKey {
                owner: Owner::Route(route),
                field: "body".into(),
                lang: page.lang.clone(),
            },
            file: &page.file,
            text: &page.body,
            origin: Origin::Page {
                text: &page.text,
                body_offset: page.body_offset,
            },
            fingerprint: page.fingerprint,
        });
    }
    for r in &site.networks {
        let n = &r.data;
        let mut fields = vec![("summary".to_owned(), &n.summary)];
        // In the order the page shows them, for the glossary's first uses.
        fields.extend(
            n.contact
                .iter()
                .enumerate()
                .map(|(i, route)| (format!("contact[{i}].text"), &route.text)),
        );
        fields.extend(n.history.iter().map(|v| ("history".to_owned(), v)));
        fields.extend(
            n.coordination
                .iter()
                .map(|v| ("coordination".to_owned(), v)),
        );
        let owner = Owner::Route(Route::Network(r.id.clone()));
        field_jobs(&mut jobs, langs, &owner, r, fields);
    }
    for r in &site.erns {
        let e = &r.data;
        let mut fields = vec![("summary".to_owned(), &e.summary)];
        fields.extend(
            e.french_participation
                .iter()
                .map(|v| ("french_participation".to_owned(), v)),
        );
        fields.extend(e.history.iter().map(|v| ("history".to_owned(), v)));
        fields.extend(
            e.coordination
                .iter()
                .map(|v| ("coordination".to_owned(), v)),
        );
        let owner = Owner::Route(Route::Ern(r.id.clone()));
        field_jobs(&mut jobs, langs, &owner, r, fields);
    }
    for r in &site.partners {
        let owner = Owner::Route(Route::Partner(r.id.clone()));
        let fields = vec![("summary".to_owned(), &r.data.summary)];
        field_jobs(&mut jobs, langs, &owner, r, fields);
    }
    if let Some(g) = &site.glossary {
        for (i, term) in g.data.terms.iter().enumerate() {
            let owner = Owner::GlossaryTerm(term.id.clone());
            let fields = vec![(format!("terms[{i}].definition"), &term.definition)];
            field_jobs(&mut jobs, langs, &owner, g, fields);
        }
    }
    jobs
}

/// Convert all Markdown of `site`.
pub fn convert(site: &Site, urls: Urls<'_>) -> Result<(Bodies, Diagnostics), Diagnostics> {
    convert_cached(site, urls, &mut BodiesCache::default())
}

/// [`convert`], taking the last build's conversion of every group of texts that has not
/// changed from `cache`, and leaving this build's in it (see [`cache`]).
pub fn convert_cached(
    site: &Site,
    urls: Urls<'_>,
    cache: &mut BodiesCache,
) -> Result<(Bodies, Diagnostics), Diagnostics> {
    let langs: Vec<&str> = urls.config().languages.codes().collect();
    let jobs = markdown_sources(site, &langs);
    cache.start(cache::Environment::of(site, urls.config()));

    let glossary_page = glossary_page(site);
    let glossaries: BTreeMap<&str, Glossary> = langs
        .iter()
        .filter_map(|lang| Some((*lang, glossary(site, urls, glossary_page?, lang)?)))
        .collect();
    // A page's texts share which glossary terms they already linked, so each (owner, language)
    // is converted in field order on one thread; different pages convert in parallel.
    let mut groups: BTreeMap<(&Owner, &str), Vec<&MarkdownSource<'_>>> = BTreeMap::new();
    for job in &jobs {
        groups
            .entry((&job.key.owner, job.key.lang.as_str()))
            .or_default()
            .push(job);
    }
    let groups: Vec<Vec<&MarkdownSource<'_>>> = groups.into_values().collect();
    let cached: &BodiesCache = cache;
    // Per group: its texts' bodies and problems, and whether they came from the cache.
    type Converted<'j, 's> = (
        Vec<(&'j MarkdownSource<'s>, Arc<Body>, Vec<markdown::Problem>)>,
        bool,
    );
    let converted: Vec<Converted<'_, '_>> = groups
        .par_iter()
        .map(|group| {
            let texts: Vec<(&str, u64)> = group
                .iter()
                .map(|job| (job.key.field.as_str(), job.fingerprint))
                .collect();
            let (owner, lang) = (&group[0].key.owner, group[0].key.lang.as_str());
            if let Some(hit) = cached.get(owner, lang, &texts) {
                let bodies = group
                    .iter()
                    .zip(hit)
                    .map(|(job, (body, problems))| (*job, Arc::clone(body), problems.clone()))
                    .collect();
                return (bodies, true);
            }
            let mut seen = Seen::default();
            let bodies = group
                .iter()
                .map(|job| {
                    let lang = job.key.lang.as_str();
                    // A page awaiting translation into `lang` is linked in its original
                    // language: the reader gets the text (and its anchors) at once.
                    let resolve =
                        |r: &ContentRef| urls.url(&Route::from_ref(r), target_lang(urls, r, lang));
                    let terms = match &job.key.owner {
                        Owner::Route(Route::Page(key)) if Some(key.as_str()) == glossary_page => {
                            None
                        }
                        Owner::GlossaryTerm(_) => None,
                        _ => glossaries.get(lang).map(|g| (g, &mut seen)),
                    };
                    let (body, problems) = markdown::convert_with(job.text, lang, &resolve, terms);
                    (*job, Arc::new(body), problems)
                })
                .collect();
            (bodies, false)
        })
        .collect();

    // The cache is updated in place: a hit is marked as used, a miss stored, and the groups
    // no build uses any more are forgotten.
    let build = cache.next_build();
    for (group, hit) in &converted {
        let Some((first, _, _)) = group.first() else {
            continue;
        };
        let (owner, lang) = (&first.key.owner, first.key.lang.as_str());
        if *hit {
            cache.mark_used(owner, lang);
        } else {
            let texts = group
                .iter()
                .map(|(job, _, _)| (job.key.field.clone(), job.fingerprint))
                .collect();
            let converted = group
                .iter()
                .map(|(_, body, problems)| (Arc::clone(body), problems.clone()))
                .collect();
            cache.store(owner, lang, texts, converted);
        }
    }
    cache.forget_unused(build);

    let mut diags = Diagnostics::new();
    let mut bodies = Bodies::default();
    let mut links = Vec::new();
    // Every link target (for "did you mean"), computed only if a link is broken.
    let mut targets: Option<Vec<String>> = None;
    for (job, body, problems) in converted.into_iter().flat_map(|(group, _)| group) {
        for p in problems {
            let help = match p.code {
                // `broken link: `@/networks/netsark` does not exist`: the closest targets.
                Code::BrokenLink => {
                    let written = p.message.split('`').nth(1).unwrap_or_default();
                    let written = written.split('#').next().unwrap_or_default();
                    let targets = targets.get_or_insert_with(|| site.reference_targets());
                    help_with_suggestion(written, targets.iter().map(String::as_str), &p.help)
                }
                _ => p.help,
            };
            diags.push(
                Diagnostic::error(p.code, p.message)
                    .in_file(job.file)
                    .at(locate(&job.origin, p.offset, p.end))
                    .with_help(help),
            );
        }
        // Only links to a page's heading are checked below.
        for link in &body.links {
            if matches!(link.reference, ContentRef::Page(_)) && link.anchor.is_some() {
                links.push((job, link.clone()));
            }
        }
        bodies.map.insert(job.key.clone(), body);
    }

    // Anchors into pages exist only once every page is converted.
    for (job, link) in links {
        let (ContentRef::Page(key), Some(anchor)) = (&link.reference, &link.anchor) else {
            continue;
        };
        let route = Route::from_ref(&link.reference);
        let target_lang = target_lang(urls, &link.reference, &job.key.lang);
        let target = bodies.get(&Owner::Route(route), "body", target_lang);
        if target.is_some_and(|b| b.headings.iter().all(|h| &h.id != anchor)) {
            let known: Vec<String> = target
                .map(|b| b.headings.iter().map(|h| format!("#{}", h.id)).collect())
                .unwrap_or_default();
            diags.push(
                Diagnostic::error(
                    Code::BrokenAnchor,
                    format!(
                        "broken link: page `{key}` ({}) has no heading `#{anchor}`",
                        job.key.lang
                    ),
                )
                .in_file(job.file)
                .at(locate(&job.origin, link.offset, link.offset))
                .with_help(if known.is_empty() {
                    "that page has no headings: link to the page without an anchor".to_owned()
                } else {
                    help_with_suggestion(
                        &format!("#{anchor}"),
                        known.iter().map(String::as_str),
                        &format!("its anchors are {}", known.join(", ")),
                    )
                }),
            );
        }
    }
    diags.into_result(bodies)
}

/// The key of the page that lists the glossary (the first with `layout: glossary`).
fn glossary_page(site: &Site) -> Option<&str> {
    site.pages
        .iter()
        .find(|p| p.meta.layout == Layout::Glossary)
        .map(|p| p.key.as_str())
}

/// The glossary in `lang`, its links leading to the glossary page `page` (in its original
/// language while it awaits translation into `lang`).
fn glossary(site: &Site, urls: Urls<'_>, page: &str, lang: &str) -> Option<Glossary> {
    let terms = &site.glossary.as_ref()?.data.terms;
    let reference = ContentRef::Page(page.to_owned());
    let page_url = urls.url(
        &Route::from_ref(&reference),
        target_lang(urls, &reference, lang),
    )?;
    let texts: Vec<(&str, String, Option<String>)> = terms
        .iter()
        .filter_map(|t| {
            let term = crate::text::typography(t.term.get(lang)?, lang);
            let expansion = t
                .expansion
                .as_ref()
                .and_then(|e| e.get(lang))
                .map(|e| crate::text::typography(e, lang));
            Some((t.id.as_str(), term, expansion))
        })
        .collect();
    Some(Glossary::new(
        &page_url,
        texts.iter().map(|(id, term, expansion)| glossary::Entry {
            id,
            term,
            expansion: expansion.as_deref(),
        }),
    ))
}

/// The language a link from a `lang` text leads to: `lang`, or the original's language for a
/// page awaiting translation into `lang`.
fn target_lang<'a>(urls: Urls<'a>, reference: &ContentRef, lang: &'a str) -> &'a str {
    match reference {
        ContentRef::Page(key) => urls
            .site()
            .awaiting(key, lang)
            .map_or(lang, |original| original.lang.as_str()),
        _ => lang,
    }
}

fn field_jobs<'a, T>(
    jobs: &mut Vec<MarkdownSource<'a>>,
    langs: &[&str],
    owner: &Owner,
    record: &'a Record<T>,
    fields: Vec<(String, &'a Localized)>,
) {
    for (path, value) in fields {
        for lang in langs {
            if let Some(text) = value.get(*lang) {
                jobs.push(MarkdownSource {
                    key: BodyKey {
                        owner: owner.clone(),
                        field: field_name(owner, &path),
                        lang: (*lang).to_owned(),
                    },
                    file: &record.file,
                    text,
                    origin: Origin::Field {
                        spans: &record.spans,
                        path: format!("{path}.{lang}"),
                        text: &record.text,
                    },
                    fingerprint: record.fingerprint,
                });
            }
        }
    }
}

/// The name a Markdown field is stored under: its path in the record (`summary`,
/// `contact[0].text`), except a glossary term's `terms[3].definition`, stored as `definition`
/// of its term.
fn field_name(owner: &Owner, path: &str) -> String {
    match owner {
        Owner::GlossaryTerm(_) => path.rsplit('.').next().unwrap_or(path).to_owned(),
        Owner::Route(_) => path.to_owned(),
    }
}

fn locate(origin: &Origin<'_>, offset: usize, end: usize) -> Span {
    match origin {
        Origin::Page { text, body_offset } => {
            let lines = LineIndex::new(text);
            Span::new(
                lines.location(text, body_offset + offset),
                lines.location(text, body_offset + end),
            )
        }
        // YAML block scalars lose their exact columns: point at the field.
        Origin::Field { spans, path, .. } => spans.span(path),
    }
}
