//! Reading `content/`: walk it in sorted order, decode each file, parse records, pages and the
//! glossary, and report placeholders `new` left. Nothing here looks across files (see
//! [`super::resolve`]).

use std::path::Path;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use super::{Page, Record, Site};
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex, Span};
use crate::model::{Glossary, HOME_KEY, PLACEHOLDER, PageMeta};
use crate::source::{SourceText, split_front_matter};
use crate::text::check_slug;
use crate::yaml;

/// Every file of `config.content_dir`, parsed: records sorted by id, pages by key then
/// language; the files that could not be loaded are named in `failed`.
pub(super) fn read_all(config: &Config, diags: &mut Diagnostics) -> Site {
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
                diags.push(Diagnostic::error(
                    Code::Io,
                    format!("cannot read the content folder: {err}"),
                ));
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
                if let Some(record) = load_record::<Glossary>(entry.path(), &rel, "glossary", diags)
                {
                    site.glossary = Some(record);
                }
            }
            [dir @ ("networks" | "erns" | "partners"), name] => {
                let Some(id) = record_id(name, &rel, diags) else {
                    continue;
                };
                let loaded = match *dir {
                    "networks" => {
                        load_record(entry.path(), &rel, &id, diags).map(|r| site.networks.push(r))
                    }
                    "erns" => {
                        load_record(entry.path(), &rel, &id, diags).map(|r| site.erns.push(r))
                    }
                    _ => load_record(entry.path(), &rel, &id, diags).map(|r| site.partners.push(r)),
                };
                if loaded.is_none() {
                    site.failed.insert(format!("{dir}/{id}"));
                }
            }
            ["pages", name] => {
                page_files.push((entry.path().to_path_buf(), rel, (*name).to_owned()))
            }
            _ => diags.push(
                Diagnostic::error(Code::UnexpectedFile, "unexpected file in content/")
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

    site
}

fn record_id(name: &str, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    let Some(stem) = name.strip_suffix(".yaml") else {
        let help = if name.ends_with(".yml") {
            "rename the file to end in .yaml"
        } else {
            "records are YAML files named <id>.yaml"
        };
        diags.push(
            Diagnostic::error(Code::UnexpectedFile, "unexpected file: not a .yaml record")
                .in_file(rel)
                .with_help(help),
        );
        return None;
    };
    match check_slug(stem) {
        Ok(()) => Some(stem.to_owned()),
        Err(why) => {
            diags.push(
                Diagnostic::error(
                    Code::InvalidId,
                    format!("invalid record id (file name): {why}"),
                )
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
        Err(found) => {
            diags.extend(found.in_file(rel));
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
        return None;
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
        return None;
    }
    if let Err(why) = check_slug(key) {
        diags.push(
            Diagnostic::error(
                Code::InvalidId,
                format!("invalid page slug (file name): {why}"),
            )
            .in_file(rel),
        );
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
        text,
    })
}
