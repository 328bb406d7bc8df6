//! Reading `content/`: walk it in sorted order, decode each file, parse records, pages and the
//! glossary, and report placeholders `new` left. Nothing here looks across files (see
//! [`super::resolve`]).

use std::collections::hash_map::Entry;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
mod cache;
mod walk;

pub use cache::LoadCache;
use cache::{Kept, Loaded, Stamp, trusted};
use walk::{FileKind, Found, Walked};

use super::{Page, Record, Site};
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex, Span};
use crate::model::{HOME_KEY, PLACEHOLDER, PageMeta};
use crate::source::{SourceText, split_front_matter};
use crate::text::check_slug;
use crate::yaml;

/// What became of one file in this build.
enum Outcome {
    /// Read and parsed.
    Read(Kept),
    /// Refused before it was read, or could not be read: reported, and tried again next time.
    Unread(Kept),
    /// The same as the kept file (by its stamp, or by its text, or because the watcher saw no
    /// change to it).
    Same,
}

/// Every file of `config.content_dir`, parsed: records sorted by id, pages by key then
/// language; the files that could not be loaded are named in `failed`. Files whose text is the
/// one `cache` kept are taken from it; `cache` then holds this build's files.
pub(super) fn read_all(config: &Config, diags: &mut Diagnostics, cache: &mut LoadCache) -> Site {
    let languages: Vec<String> = config.languages.codes().map(str::to_owned).collect();
    if cache.languages != languages {
        cache.files.clear();
        cache.walked = None;
        cache.languages = languages;
    }
    let read_at = SystemTime::now();
    let changed = cache.changed.take();
    let walked = match (cache.walked.take(), changed) {
        (Some(walked), Some(changed)) => walked.after(config, &changed),
        _ => None,
    };
    let walked = walked.unwrap_or_else(|| Walked::walk(config));
    diags.extend(walked.incomplete.clone());
    for found in &walked.files {
        if let Some(problem) = &found.problem {
            diags.push(problem.clone());
        }
    }
    // Pages are most of a large site: read and parse in parallel, then merge in file order.
    let kept: &LoadCache = cache;
    let loaded: Vec<(&Found, &FileKind, Outcome, Option<Stamp>)> = walked
        .files
        .par_iter()
        .filter_map(|found| Some((found, found.kind.as_ref()?)))
        .map(|(found, kind)| {
            let hit = kept.files.get(found.rel.as_os_str());
            if !found.changed && hit.is_some() {
                return (found, kind, Outcome::Same, None);
            }
            let (outcome, stamp) = load_file(config, found, kind, hit);
            (found, kind, outcome, stamp)
        })
        .collect();

    let mut site = Site::default();
    // The cache is updated in place: most entries stay as they are.
    cache.build += 1;
    let build = cache.build;
    let mut used = 0;
    for (found, kind, outcome, stamp) in loaded {
        let rel = found.rel.as_os_str();
        let unread;
        let entry: &Kept = match outcome {
            // Files that could not be read are read again next time.
            Outcome::Unread(refused) => {
                cache.files.remove(rel);
                unread = refused;
                &unread
            }
            Outcome::Read(fresh) => {
                used += 1;
                let slot = match cache.files.entry(rel.to_owned()) {
                    Entry::Occupied(mut old) => {
                        old.insert(fresh);
                        old.into_mut()
                    }
                    Entry::Vacant(new) => new.insert(fresh),
                };
                slot.stamp = trusted(stamp, read_at);
                slot.seen = build;
                slot
            }
            Outcome::Same => match cache.files.get_mut(rel) {
                Some(hit) => {
                    used += 1;
                    // Not looked at (unchanged as the watcher tells): the kept stamp stays.
                    if found.changed {
                        hit.stamp = trusted(stamp, read_at);
                    }
                    hit.seen = build;
                    hit
                }
                None => continue,
            },
        };
        if !entry.diags.is_empty() {
            diags.extend(entry.diags.clone());
        }
        let failed = match (kind, &entry.loaded) {
            (_, Loaded::Glossary(Some(r))) => {
                site.glossary = Some(r.clone());
                None
            }
            (_, Loaded::Network(Some(r))) => {
                site.networks.push(r.clone());
                None
            }
            (_, Loaded::Ern(Some(r))) => {
                site.erns.push(r.clone());
                None
            }
            (_, Loaded::Partner(Some(r))) => {
                site.partners.push(r.clone());
                None
            }
            (_, Loaded::Page(Some(p))) => {
                site.pages.push(Arc::clone(p));
                None
            }
            (FileKind::Glossary, _) => None,
            (FileKind::Network(id), _) => Some(format!("networks/{id}")),
            (FileKind::Ern(id), _) => Some(format!("erns/{id}")),
            (FileKind::Partner(id), _) => Some(format!("partners/{id}")),
            (FileKind::Page(name), _) => {
                let key = name.split('.').next().unwrap_or_default();
                Some(format!("pages/{key}"))
            }
        };
        if let Some(failed) = failed {
            site.failed.insert(failed);
        }
    }
    // Files deleted since the last build.
    if cache.files.len() != used {
        cache.files.retain(|_, kept| kept.seen == build);
    }
    cache.walked = Some(walked);
    site.pages
        .sort_by(|a, b| (&a.key, &a.lang).cmp(&(&b.key, &b.lang)));
    // File-name order is not id order (`a-b.yaml` sorts before `a.yaml`): lookups need id order.
    site.networks.sort_by(|a, b| a.id.cmp(&b.id));
    site.erns.sort_by(|a, b| a.id.cmp(&b.id));
    site.partners.sort_by(|a, b| a.id.cmp(&b.id));

    site
}

/// Load one file unless its stamp or its text is the kept one (`hit`).
fn load_file(
    config: &Config,
    found: &Found,
    kind: &FileKind,
    hit: Option<&Kept>,
) -> (Outcome, Option<Stamp>) {
    let mut diags = Diagnostics::new();
    let refused = |diags| Kept {
        text: String::new(),
        loaded: Loaded::Refused,
        diags,
        stamp: None,
        seen: 0,
    };
    if let FileKind::Page(name) = kind
        && !page_name_is_valid(name, &found.rel, config, &mut diags)
    {
        return (Outcome::Unread(refused(diags)), None);
    }
    let stamp = std::fs::metadata(&found.path).ok().and_then(|m| {
        Some(Stamp {
            len: m.len(),
            modified: m.modified().ok()?,
        })
    });
    if hit.is_some_and(|hit| hit.stamp.is_some() && hit.stamp == stamp) {
        return (Outcome::Same, stamp);
    }
    let Some(text) = read_text(&found.path, &found.rel, &mut diags) else {
        return (Outcome::Unread(refused(diags)), stamp);
    };
    if hit.is_some_and(|hit| hit.text() == text) {
        return (Outcome::Same, stamp);
    }
    let loaded = parse(&found.rel, kind, &text, &mut diags);
    let text = match loaded {
        Loaded::Refused
        | Loaded::Page(None)
        | Loaded::Network(None)
        | Loaded::Ern(None)
        | Loaded::Partner(None)
        | Loaded::Glossary(None) => text,
        _ => String::new(),
    };
    let fresh = Kept {
        text,
        loaded,
        diags,
        stamp: None,
        seen: 0,
    };
    (Outcome::Read(fresh), stamp)
}

/// Parse one file's text as what its place in `content/` says it is.
fn parse(rel: &Path, kind: &FileKind, text: &str, diags: &mut Diagnostics) -> Loaded {
    match kind {
        FileKind::Glossary => Loaded::Glossary(parse_record(text, rel, "glossary", diags)),
        FileKind::Network(id) => Loaded::Network(parse_record(text, rel, id, diags)),
        FileKind::Ern(id) => Loaded::Ern(parse_record(text, rel, id, diags)),
        FileKind::Partner(id) => Loaded::Partner(parse_record(text, rel, id, diags)),
        FileKind::Page(name) => Loaded::Page(parse_page(text, rel, name, diags).map(Arc::new)),
    }
}

fn read_text(path: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diags
                .push(Diagnostic::error(Code::Io, format!("cannot read file: {err}")).in_file(rel));
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

fn parse_record<T: DeserializeOwned>(
    text: &str,
    rel: &Path,
    id: &str,
    diags: &mut Diagnostics,
) -> Option<Record<T>> {
    if report_placeholders(text, text, 0, None, rel, diags) {
        return None;
    }
    match yaml::parse::<T>(text, 0) {
        Ok(parsed) => Some(Record {
            id: id.to_owned(),
            file: rel.to_path_buf(),
            data: parsed.value,
            spans: parsed.spans,
            fingerprint: fingerprint(text),
            text: text.to_owned(),
        }),
        Err(found) => {
            diags.extend(found.in_file(rel));
            None
        }
    }
}

/// What tells two versions of a file apart (see [`Page::fingerprint`]).
fn fingerprint(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
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
        let end = lines.location(text, offset + PLACEHOLDER.len());
        let message = match spans.path_at(at) {
            _ if in_body(offset) => "the page's text is still to be written".to_owned(),
            Some(path) if !path.is_empty() => format!("`{path}` is still to be filled in"),
            _ => "a placeholder is still to be filled in".to_owned(),
        };
        diags.push(
            Diagnostic::error(Code::Placeholder, message)
                .in_file(rel)
                .at(Span::new(at, end))
                .with_help(format!(
                    "replace `{PLACEHOLDER}`: the comment above it says what goes there"
                )),
        );
    }
    true
}

/// Whether a page's file name is `<slug>.<lang>.md` with a language of the site and a valid
/// slug; says why not.
fn page_name_is_valid(name: &str, rel: &Path, config: &Config, diags: &mut Diagnostics) -> bool {
    let parsed_name = name
        .strip_suffix(".md")
        .and_then(|stem| stem.rsplit_once('.'));
    let Some((key, lang)) = parsed_name else {
        diags.push(
            Diagnostic::error(
                Code::UnexpectedFile,
                "a page file must be named <slug>.<lang>.md",
            )
            .in_file(rel)
            .with_help(format!(
                "for example `about.{}.md`",
                config.languages.default_code()
            )),
        );
        return false;
    };
    if !config.languages.contains(lang) {
        diags.push(
            Diagnostic::error(
                Code::UnknownLanguage,
                format!("`{lang}` in the file name is not a language of this site"),
            )
            .in_file(rel)
            .with_help(format!(
                "name it <slug>.<lang>.md with <lang> one of: {}",
                config.languages.codes().collect::<Vec<_>>().join(", ")
            )),
        );
        return false;
    }
    if let Err(why) = check_slug(key) {
        diags.push(
            Diagnostic::error(
                Code::InvalidId,
                format!("invalid page slug (file name): {why}"),
            )
            .in_file(rel),
        );
        return false;
    }
    true
}

/// A page from its text; its file name was checked by [`page_name_is_valid`].
fn parse_page(text: &str, rel: &Path, name: &str, diags: &mut Diagnostics) -> Option<Page> {
    let (key, lang) = name.strip_suffix(".md")?.rsplit_once('.')?;
    let front = match split_front_matter(text) {
        Ok(front) => front,
        Err(d) => {
            diags.push(d.in_file(rel));
            return None;
        }
    };
    let placeholders = report_placeholders(
        text,
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
        Err(found) => {
            diags.extend(found.in_file(rel));
            return None;
        }
    };
    let meta = parsed.value;
    let slug = if key == HOME_KEY {
        if meta.slug.is_some() {
            diags.push(
                Diagnostic::error(Code::UnknownField, "the home page takes no `slug`")
                    .in_file(rel)
                    .at(parsed.spans.span("slug"))
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
        fingerprint: fingerprint(text),
        text: text.to_owned(),
    })
}
