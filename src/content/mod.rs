//! Content: walk `content/` in sorted order, parse every record, page and the glossary, then
//! resolve them into a validated [`Site`] (ids, slugs, translation pairs, references between
//! records). Every problem found is collected; nothing stops at the first one.

pub mod model;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::config::{Config, SITE_FILE};
use crate::diag::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::source::{SourceText, split_front_matter};
use crate::yaml::{self, SpanIndex};
use model::{Basis, Ern, Glossary, Localized, Network, PageMeta, Partner};

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
}

impl Page {
    pub fn is_home(&self) -> bool {
        self.key == HOME_KEY
    }
}

pub const HOME_KEY: &str = "index";

/// What `reperes new` writes where an editor has to write something. The build refuses a file
/// that still holds one, so that a half-filled record cannot be published.
pub const PLACEHOLDER: &str = "<fill in>";

/// What `@/…` links in Markdown may point at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ContentRef {
    Network(String),
    Ern(String),
    Partner(String),
    Page(String),
    /// `@/networks`, `@/erns`, `@/partners`: the lists; `@/search`: the search page.
    NetworkList,
    ErnList,
    PartnerList,
    Search,
    /// `@/data/networks.json`: a file of the open data, the same in every language.
    Data(String),
}

impl ContentRef {
    /// Parse `@/networks/netsarc`, `@/pages/about.md#anchor`, … into a reference and an anchor.
    pub fn parse(target: &str) -> Option<Result<(ContentRef, Option<String>), String>> {
        let rest = target.strip_prefix("@/")?;
        let (path, anchor) = match rest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_owned())),
            None => (rest, None),
        };
        let (kind, name) = path.split_once('/').unwrap_or((path, ""));
        let name = name.trim_end_matches('/');
        if name.is_empty() {
            let list = match kind {
                "networks" => ContentRef::NetworkList,
                "erns" => ContentRef::ErnList,
                "partners" => ContentRef::PartnerList,
                "search" => ContentRef::Search,
                "" | "pages" => ContentRef::Page(HOME_KEY.to_owned()),
                other => {
                    return Some(Err(format!(
                        "`{target}`: unknown section `{other}` (use networks, erns, partners, \
                         search, pages/<slug>.md or data/<file>)"
                    )));
                }
            };
            return Some(Ok((list, anchor)));
        }
        let reference = match kind {
            "networks" => ContentRef::Network(name.trim_end_matches(".yaml").to_owned()),
            "erns" => ContentRef::Ern(name.trim_end_matches(".yaml").to_owned()),
            "partners" => ContentRef::Partner(name.trim_end_matches(".yaml").to_owned()),
            "pages" => ContentRef::Page(name.trim_end_matches(".md").to_owned()),
            "data" => ContentRef::Data(name.to_owned()),
            other => {
                return Some(Err(format!(
                    "`{target}`: unknown kind `{other}` (use networks, erns, partners, pages or \
                     data)"
                )));
            }
        };
        Some(Ok((reference, anchor)))
    }
}

/// The validated content of a site.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub networks: Vec<Record<Network>>,
    pub erns: Vec<Record<Ern>>,
    pub partners: Vec<Record<Partner>>,
    /// Sorted by key, then language.
    pub pages: Vec<Page>,
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
            .map(|i| &self.pages[i])
    }

    /// Every language version of page `key`.
    pub fn page_versions(&self, key: &str) -> &[Page] {
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
            ContentRef::Data(name) => crate::opendata::is_published(name),
        }
    }
}

fn find_record<'a, T>(records: &'a [Record<T>], id: &str) -> Option<&'a Record<T>> {
    records
        .binary_search_by(|r| r.id.as_str().cmp(id))
        .ok()
        .map(|i| &records[i])
}

/// Why an id or slug is not acceptable, if it is not.
pub fn check_slug(slug: &str) -> Result<(), String> {
    const WINDOWS_RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if slug.is_empty() {
        return Err("it is empty".into());
    }
    if slug.len() > 80 {
        return Err(format!("`{slug}` is longer than 80 characters"));
    }
    let well_formed = slug.split('-').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if !well_formed {
        return Err(format!(
            "`{slug}` may only use lowercase letters a–z, digits and single hyphens between them"
        ));
    }
    if WINDOWS_RESERVED.contains(&slug) {
        return Err(format!("`{slug}` is a reserved file name on some systems"));
    }
    Ok(())
}

/// Load and resolve every content file under `config.content_dir`.
pub fn load(config: &Config) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut site = Site::default();
    let mut page_files = Vec::new();

    let walker = WalkDir::new(&config.content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diags.push(Diagnostic::error(format!(
                    "cannot read the content folder: {err}"
                )));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&config.root)
            .unwrap_or(entry.path())
            .to_path_buf();
        let in_content = entry
            .path()
            .strip_prefix(&config.content_dir)
            .unwrap_or(entry.path());
        let parts: Vec<String> = in_content
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        match parts.as_slice() {
            ["site.yaml"] => {}
            ["glossary.yaml"] => {
                if let Some(record) =
                    load_record::<Glossary>(entry.path(), &rel, "glossary", &mut diags)
                {
                    site.glossary = Some(record);
                }
            }
            [dir @ ("networks" | "erns" | "partners"), name] => {
                let Some(id) = record_id(name, &rel, &mut diags) else {
                    continue;
                };
                let loaded = match *dir {
                    "networks" => load_record(entry.path(), &rel, &id, &mut diags)
                        .map(|r| site.networks.push(r)),
                    "erns" => {
                        load_record(entry.path(), &rel, &id, &mut diags).map(|r| site.erns.push(r))
                    }
                    _ => load_record(entry.path(), &rel, &id, &mut diags)
                        .map(|r| site.partners.push(r)),
                };
                if loaded.is_none() {
                    site.failed.insert(format!("{dir}/{id}"));
                }
            }
            ["pages", name] => {
                page_files.push((entry.path().to_path_buf(), rel, (*name).to_owned()))
            }
            _ => diags.push(
                Diagnostic::error("unexpected file in content/")
                    .in_file(&rel)
                    .with_help(
                        "content/ holds site.yaml, glossary.yaml, networks/<id>.yaml, \
                         erns/<id>.yaml, partners/<id>.yaml and pages/<slug>.<lang>.md; move or \
                         delete this file",
                    ),
            ),
        }
    }
    // Pages are most of a large site: read and parse them in parallel, then merge in file order.
    let pages: Vec<(String, Option<Page>, Diagnostics)> = page_files
        .into_par_iter()
        .map(|(path, rel, name)| {
            let mut found = Diagnostics::new();
            let page = load_page(&path, &rel, &name, config, &mut found);
            (name, page, found)
        })
        .collect();
    for (name, page, found) in pages {
        diags.extend(found);
        match page {
            Some(page) => site.pages.push(page),
            None => {
                let key = name.split('.').next().unwrap_or_default();
                site.failed.insert(format!("pages/{key}"));
            }
        }
    }
    site.pages
        .sort_by(|a, b| (&a.key, &a.lang).cmp(&(&b.key, &b.lang)));
    // File-name order is not id order (`a-b.yaml` sorts before `a.yaml`): lookups need id order.
    site.networks.sort_by(|a, b| a.id.cmp(&b.id));
    site.erns.sort_by(|a, b| a.id.cmp(&b.id));
    site.partners.sort_by(|a, b| a.id.cmp(&b.id));

    resolve(&mut site, config, &mut diags);
    diags.into_result(site)
}

fn record_id(name: &str, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    let Some(stem) = name.strip_suffix(".yaml") else {
        let help = if name.ends_with(".yml") {
            "rename the file to end in .yaml"
        } else {
            "records are YAML files named <id>.yaml"
        };
        diags.push(
            Diagnostic::error("unexpected file: not a .yaml record")
                .in_file(rel)
                .with_help(help),
        );
        return None;
    };
    match check_slug(stem) {
        Ok(()) => Some(stem.to_owned()),
        Err(why) => {
            diags.push(
                Diagnostic::error(format!("invalid record id (file name): {why}"))
                    .in_file(rel)
                    .with_help("rename the file: its name is the record's id and URL"),
            );
            None
        }
    }
}

fn read_text(path: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diags.push(Diagnostic::error(format!("cannot read file: {err}")).in_file(rel));
            return None;
        }
    };
    match SourceText::decode(&bytes) {
        Ok(source) => Some(source.text),
        Err(d) => {
            diags.push(d.in_file(rel));
            None
        }
    }
}

fn load_record<T: DeserializeOwned>(
    path: &Path,
    rel: &Path,
    id: &str,
    diags: &mut Diagnostics,
) -> Option<Record<T>> {
    let text = read_text(path, rel, diags)?;
    if report_placeholders(&text, &text, 0, None, rel, diags) {
        return None;
    }
    match yaml::parse::<T>(&text, 0) {
        Ok(parsed) => Some(Record {
            id: id.to_owned(),
            file: rel.to_path_buf(),
            data: parsed.value,
            spans: parsed.spans,
            text,
        }),
        Err(d) => {
            diags.push(d.in_file(rel));
            None
        }
    }
}

/// Report each [`PLACEHOLDER`] left in `text` (outside YAML comments), naming its field; `yaml`
/// is the YAML part of `text`, starting `line_offset` lines in, and a page's Markdown body
/// starts at byte `body_offset`. Returns whether there was any: such a file is not loaded, so
/// that its unfilled fields (an invalid date, an empty list) raise nothing more.
fn report_placeholders(
    text: &str,
    yaml: &str,
    line_offset: usize,
    body_offset: Option<usize>,
    rel: &Path,
    diags: &mut Diagnostics,
) -> bool {
    let in_body = |offset: usize| body_offset.is_some_and(|start| offset >= start);
    let in_yaml_comment = |offset: usize| {
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..offset];
        !in_body(offset) && (before.trim_start().starts_with('#') || before.contains(" #"))
    };
    let found: Vec<usize> = text
        .match_indices(PLACEHOLDER)
        .map(|(offset, _)| offset)
        .filter(|&offset| !in_yaml_comment(offset))
        .collect();
    if found.is_empty() {
        return false;
    }
    let spans = yaml::spans(yaml, line_offset);
    let lines = LineIndex::new(text);
    for offset in found {
        let at = lines.location(text, offset);
        let message = match spans.path_at(at) {
            _ if in_body(offset) => "the page's text is still to be written".to_owned(),
            Some(path) if !path.is_empty() => format!("`{path}` is still to be filled in"),
            _ => "a placeholder is still to be filled in".to_owned(),
        };
        diags.push(
            Diagnostic::error(message)
                .in_file(rel)
                .at(at)
                .with_help(format!(
                    "replace `{PLACEHOLDER}`: the comment above it says what goes there"
                )),
        );
    }
    true
}

fn load_page(
    path: &Path,
    rel: &Path,
    name: &str,
    config: &Config,
    diags: &mut Diagnostics,
) -> Option<Page> {
    let parsed_name = name
        .strip_suffix(".md")
        .and_then(|stem| stem.rsplit_once('.'));
    let Some((key, lang)) = parsed_name else {
        diags.push(
            Diagnostic::error("a page file must be named <slug>.<lang>.md")
                .in_file(rel)
                .with_help(format!(
                    "for example `about.{}.md`",
                    config.languages.default_code()
                )),
        );
        return None;
    };
    if !config.languages.contains(lang) {
        diags.push(
            Diagnostic::error(format!(
                "`{lang}` in the file name is not a language of this site"
            ))
            .in_file(rel)
            .with_help(format!(
                "name it <slug>.<lang>.md with <lang> one of: {}",
                config.languages.codes().collect::<Vec<_>>().join(", ")
            )),
        );
        return None;
    }
    if let Err(why) = check_slug(key) {
        diags.push(Diagnostic::error(format!("invalid page slug (file name): {why}")).in_file(rel));
        return None;
    }
    let text = read_text(path, rel, diags)?;
    let front = match split_front_matter(&text) {
        Ok(front) => front,
        Err(d) => {
            diags.push(d.in_file(rel));
            return None;
        }
    };
    let placeholders = report_placeholders(
        &text,
        front.yaml,
        front.yaml_line_offset,
        Some(front.body_offset),
        rel,
        diags,
    );
    if placeholders {
        return None;
    }
    let parsed = match yaml::parse::<PageMeta>(front.yaml, front.yaml_line_offset) {
        Ok(parsed) => parsed,
        Err(d) => {
            diags.push(d.in_file(rel));
            return None;
        }
    };
    let meta = parsed.value;
    let slug = if key == HOME_KEY {
        if meta.slug.is_some() {
            diags.push(
                Diagnostic::error("the home page takes no `slug`")
                    .in_file(rel)
                    .at(parsed.spans.locate("slug"))
                    .with_help("remove `slug`: the home page is always at the language's root"),
            );
        }
        String::new()
    } else {
        meta.slug.clone().unwrap_or_else(|| key.to_owned())
    };
    let (body, body_offset) = (front.body.to_owned(), front.body_offset);
    Some(Page {
        key: key.to_owned(),
        lang: lang.to_owned(),
        slug,
        file: rel.to_path_buf(),
        meta,
        spans: parsed.spans,
        body,
        body_offset,
        text,
    })
}

/// Cross-file checks and derived data: localized fields, ids, slugs, translation pairs, links
/// between records.
fn resolve(site: &mut Site, config: &Config, diags: &mut Diagnostics) {
    let langs = &config.languages;
    let file_site = PathBuf::from(SITE_FILE);

    for record in &site.networks {
        let (n, f, s) = (&record.data, &record.file, &record.spans);
        check_text(&n.acronym, "acronym", f, s, diags);
        langs.check_localized(&n.name, "name", f, s, diags);
        langs.check_codes(&n.translated_name, "translated_name", f, s, diags);
        langs.check_localized(&n.summary, "summary", f, s, diags);
        if n.conditions.is_empty() {
            diags.push(
                Diagnostic::error("`conditions` is empty")
                    .in_file(f)
                    .at(s.locate("conditions"))
                    .with_help("list at least one condition the network covers"),
            );
        }
        for (i, c) in n.conditions.iter().enumerate() {
            let path = format!("conditions[{i}]");
            langs.check_localized(&c.name, &format!("{path}.name"), f, s, diags);
            for (field, list) in [
                ("synonyms", &c.synonyms),
                ("abbreviations", &c.abbreviations),
                ("lay_terms", &c.lay_terms),
                ("search_terms", &c.search_terms),
            ] {
                langs.check_localized_list(list, &format!("{path}.{field}"), f, s, diags);
            }
        }
        for (i, link) in n.erns.iter().enumerate() {
            let path = format!("erns[{i}]");
            if site.erns.iter().all(|e| e.id != link.id)
                && !site.failed.contains(&format!("erns/{}", link.id))
            {
                let known: Vec<&str> = site.erns.iter().map(|e| e.id.as_str()).collect();
                diags.push(
                    Diagnostic::error(format!("ERN `{}` does not exist", link.id))
                        .in_file(f)
                        .at(s.locate(&format!("{path}.id")))
                        .with_help(format!(
                            "use the id of a file in content/erns/ ({})",
                            if known.is_empty() {
                                "there is none".into()
                            } else {
                                known.join(", ")
                            }
                        )),
                );
            }
            if n.erns[..i].iter().any(|other| other.id == link.id) {
                diags.push(
                    Diagnostic::error(format!("ERN `{}` is listed twice", link.id))
                        .in_file(f)
                        .at(s.locate(&format!("{path}.id"))),
                );
            }
            if let Some(note) = &link.note {
                langs.check_localized(note, &format!("{path}.note"), f, s, diags);
            }
        }
        check_optional(langs, &n.history, "history", f, s, diags);
        check_optional(langs, &n.coordination, "coordination", f, s, diags);
        check_links_and_sources(langs, &n.links, &n.sources, f, s, diags);
    }
    for record in &site.erns {
        let (e, f, s) = (&record.data, &record.file, &record.spans);
        check_text(&e.acronym, "acronym", f, s, diags);
        langs.check_localized(&e.name, "name", f, s, diags);
        langs.check_codes(&e.translated_name, "translated_name", f, s, diags);
        langs.check_localized(&e.summary, "summary", f, s, diags);
        for (i, domain) in e.domains.iter().enumerate() {
            langs.check_localized(domain, &format!("domains[{i}]"), f, s, diags);
        }
        check_optional(
            langs,
            &e.french_participation,
            "french_participation",
            f,
            s,
            diags,
        );
        check_optional(langs, &e.history, "history", f, s, diags);
        check_optional(langs, &e.coordination, "coordination", f, s, diags);
        check_links_and_sources(langs, &e.links, &e.sources, f, s, diags);
    }
    for record in &site.partners {
        let (p, f, s) = (&record.data, &record.file, &record.spans);
        if let Some(acronym) = &p.acronym {
            check_text(acronym, "acronym", f, s, diags);
        }
        langs.check_localized(&p.name, "name", f, s, diags);
        langs.check_codes(&p.translated_name, "translated_name", f, s, diags);
        langs.check_localized(&p.summary, "summary", f, s, diags);
        check_links_and_sources(langs, &p.links, &p.sources, f, s, diags);
    }
    if let Some(record) = &site.glossary {
        let (g, f, s) = (&record.data, &record.file, &record.spans);
        check_sources(&g.sources, f, s, diags);
        let mut seen = BTreeSet::new();
        for (i, term) in g.terms.iter().enumerate() {
            let path = format!("terms[{i}]");
            if let Err(why) = check_slug(&term.id) {
                diags.push(
                    Diagnostic::error(format!("invalid term id: {why}"))
                        .in_file(f)
                        .at(s.locate(&format!("{path}.id"))),
                );
            } else if !seen.insert(term.id.as_str()) {
                diags.push(
                    Diagnostic::error(format!("glossary term `{}` is defined twice", term.id))
                        .in_file(f)
                        .at(s.locate(&format!("{path}.id"))),
                );
            }
            langs.check_localized(&term.term, &format!("{path}.term"), f, s, diags);
            langs.check_localized(&term.definition, &format!("{path}.definition"), f, s, diags);
            if let Some(expansion) = &term.expansion {
                langs.check_localized(expansion, &format!("{path}.expansion"), f, s, diags);
            }
        }
    }

    // Pages: fields, slugs, translation pairs.
    let mut reserved: BTreeSet<String> = ["data", "assets", "pagefind", "static", "404", HOME_KEY]
        .into_iter()
        .map(String::from)
        .collect();
    reserved.extend(langs.codes().map(String::from));
    for section in [
        &config.sections.networks,
        &config.sections.erns,
        &config.sections.partners,
        &config.sections.search,
    ] {
        reserved.extend(section.values().cloned());
    }
    let mut slugs_used: BTreeMap<(String, String), PathBuf> = BTreeMap::new();
    for page in &site.pages {
        let (f, s) = (&page.file, &page.spans);
        check_text(&page.meta.title, "title", f, s, diags);
        check_text(&page.meta.description, "description", f, s, diags);
        check_sources(&page.meta.sources, f, s, diags);
        if page.is_home() {
            continue;
        }
        let slug_location = if page.meta.slug.is_some() {
            s.locate("slug")
        } else {
            Location::START
        };
        if let Err(why) = check_slug(&page.slug) {
            diags.push(
                Diagnostic::error(format!("invalid slug: {why}"))
                    .in_file(f)
                    .at(slug_location),
            );
        } else if reserved.contains(&page.slug) {
            diags.push(
                Diagnostic::error(format!("slug `{}` is reserved", page.slug))
                    .in_file(f)
                    .at(slug_location)
                    .with_help(format!(
                        "it is used by the site itself (see {} and the language codes); choose \
                         another slug",
                        crate::diag::display_path(&file_site)
                    )),
            );
        } else if let Some(other) =
            slugs_used.insert((page.lang.clone(), page.slug.clone()), page.file.clone())
        {
            diags.push(
                Diagnostic::error(format!(
                    "slug `{}` is already used by {}",
                    page.slug,
                    crate::diag::display_path(&other)
                ))
                .in_file(f)
                .at(slug_location)
                .with_help("two pages of one language cannot share a URL: change one slug"),
            );
        }
    }
    let keys: BTreeSet<&str> = site.pages.iter().map(|p| p.key.as_str()).collect();
    for key in keys {
        if site.failed.contains(&format!("pages/{key}")) {
            continue;
        }
        let present: Vec<&Page> = site.page_versions(key).iter().collect();
        for page in &present {
            for (i, code) in page.meta.awaiting_translation.iter().enumerate() {
                let at = page.spans.locate(&format!("awaiting_translation[{i}]"));
                if !langs.contains(code) {
                    diags.push(
                        Diagnostic::error(format!("`{code}` is not a language of the site"))
                            .in_file(&page.file)
                            .at(at),
                    );
                } else if let Some(other) = present.iter().find(|p| p.lang == *code) {
                    diags.push(
                        Diagnostic::error(format!(
                            "this page is marked as awaiting its `{code}` translation, but {} exists",
                            crate::diag::display_path(&other.file)
                        ))
                        .in_file(&page.file)
                        .at(at)
                        .with_help(format!("remove `{code}` from `awaiting_translation`")),
                    );
                }
            }
        }
        for code in langs.codes() {
            let awaited = present
                .iter()
                .any(|p| p.meta.awaiting_translation.iter().any(|l| l == code));
            if !awaited
                && present.iter().all(|p| p.lang != code)
                && let Some(existing) = present.first()
            {
                diags.push(
                    Diagnostic::error(format!("page `{key}` has no `{code}` version"))
                        .in_file(&existing.file)
                        .with_help(format!(
                            "add content/pages/{key}.{code}.md, the translation of this page, or \
                             write `awaiting_translation: [{code}]` in this page's front matter"
                        )),
                );
            }
        }
    }

    // Derived: the French networks of each ERN.
    let mut ern_networks: BTreeMap<String, Vec<(String, Basis)>> = BTreeMap::new();
    for network in &site.networks {
        for link in &network.data.erns {
            ern_networks
                .entry(link.id.clone())
                .or_default()
                .push((network.id.clone(), link.basis));
        }
    }
    site.ern_networks = ern_networks;
}

fn check_text(text: &str, path: &str, file: &Path, spans: &SpanIndex, diags: &mut Diagnostics) {
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error(format!("`{path}` is empty"))
                .in_file(file)
                .at(spans.locate(path)),
        );
    }
}

fn check_optional(
    langs: &crate::config::Languages,
    value: &Option<Localized>,
    path: &str,
    file: &Path,
    spans: &SpanIndex,
    diags: &mut Diagnostics,
) {
    if let Some(value) = value {
        langs.check_localized(value, path, file, spans, diags);
    }
}

fn check_links_and_sources(
    langs: &crate::config::Languages,
    links: &[model::Link],
    sources: &[model::Source],
    file: &Path,
    spans: &SpanIndex,
    diags: &mut Diagnostics,
) {
    for (i, link) in links.iter().enumerate() {
        langs.check_localized(
            &link.title,
            &format!("links[{i}].title"),
            file,
            spans,
            diags,
        );
    }
    check_sources(sources, file, spans, diags);
}

fn check_sources(
    sources: &[model::Source],
    file: &Path,
    spans: &SpanIndex,
    diags: &mut Diagnostics,
) {
    if sources.is_empty() {
        diags.push(
            Diagnostic::error("`sources` is empty")
                .in_file(file)
                .at(spans.locate("sources"))
                .with_help("list at least one source: `- { title: \"…\", url: \"https://…\" }`"),
        );
    }
    for (i, source) in sources.iter().enumerate() {
        check_text(
            &source.title,
            &format!("sources[{i}].title"),
            file,
            spans,
            diags,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_reject_path_tricks() {
        assert!(check_slug("netsarc").is_ok());
        assert!(check_slug("renoclip-loc").is_ok());
        for bad in [
            "../etc", "/abs", "a/b", "Net", "a--b", "-a", "a-", "", "con", "a.b", "é",
        ] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn content_refs() {
        assert_eq!(
            ContentRef::parse("@/pages/about.md#x"),
            Some(Ok((ContentRef::Page("about".into()), Some("x".into()))))
        );
        assert_eq!(
            ContentRef::parse("@/networks/netsarc"),
            Some(Ok((ContentRef::Network("netsarc".into()), None)))
        );
        assert!(matches!(ContentRef::parse("@/foo/bar"), Some(Err(_))));
        assert_eq!(
            ContentRef::parse("@/networks"),
            Some(Ok((ContentRef::NetworkList, None)))
        );
        assert_eq!(ContentRef::parse("https://x"), None);
        assert_eq!(
            ContentRef::parse("@/data/networks.csv"),
            Some(Ok((ContentRef::Data("networks.csv".into()), None)))
        );
    }
}
