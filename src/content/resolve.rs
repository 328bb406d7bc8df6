//! Cross-file checks and derived data, once every file is loaded: localized fields in every
//! language of the site, ids, slugs, translation pairs, references between records, and each
//! ERN's French networks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{Page, Site};
use crate::config::{Config, Languages, SITE_FILE};
use crate::diag::{
    Code, Diagnostic, Diagnostics, Location, Span, display_path, help_with_suggestion,
};
use crate::model::{Basis, Link, Localized, Source, refs};
use crate::text::check_slug;
use crate::yaml::SpanIndex;

/// Check `site` against itself and `config`, and derive what is computed from several files.
pub(super) fn resolve(site: &mut Site, config: &Config, diags: &mut Diagnostics) {
    let langs = &config.languages;
    check_networks(site, langs, diags);
    check_erns(site, langs, diags);
    check_partners(site, langs, diags);
    check_glossary(site, langs, diags);
    check_page_slugs(site, config, diags);
    check_translation_pairs(site, langs, diags);
    super::figures::check_figures(site, langs.default_code(), diags);
    site.ern_networks = ern_networks(site);
}

fn check_networks(site: &Site, langs: &Languages, diags: &mut Diagnostics) {
    for record in &site.networks {
        let (n, f, s) = (&record.data, &record.file, &record.spans);
        check_text(&n.acronym, "acronym", f, s, diags);
        langs.check_localized(&n.name, "name", f, s, diags);
        langs.check_codes(&n.translated_name, "translated_name", f, s, diags);
        langs.check_localized(&n.summary, "summary", f, s, diags);
        if n.conditions.is_empty() {
            diags.push(
                Diagnostic::error(Code::EmptyValue, "`conditions` is empty")
                    .in_file(f)
                    .at(s.span("conditions"))
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
                    Diagnostic::error(
                        Code::UnknownErn,
                        format!("ERN `{}` does not exist", link.id),
                    )
                    .in_file(f)
                    .at(s.span(&format!("{path}.id")))
                    .with_help(help_with_suggestion(
                        &link.id,
                        known.iter().copied(),
                        &format!(
                            "use the id of a file in content/erns/ ({})",
                            if known.is_empty() {
                                "there is none".into()
                            } else {
                                known.join(", ")
                            }
                        ),
                    )),
                );
            }
            if n.erns[..i].iter().any(|other| other.id == link.id) {
                diags.push(
                    Diagnostic::error(
                        Code::Duplicate,
                        format!("ERN `{}` is listed twice", link.id),
                    )
                    .in_file(f)
                    .at(s.span(&format!("{path}.id"))),
                );
            }
            if let Some(note) = &link.note {
                langs.check_localized(note, &format!("{path}.note"), f, s, diags);
            }
        }
        for (i, route) in n.contact.iter().enumerate() {
            let path = format!("contact[{i}]");
            langs.check_localized(&route.text, &format!("{path}.text"), f, s, diags);
            check_text(
                &route.source.title,
                format_args!("{path}.source.title"),
                f,
                s,
                diags,
            );
            if let Some(year) = route.year
                && !(1990..=2100).contains(&year)
            {
                diags.push(
                    Diagnostic::error(Code::UnknownValue, format!("`{path}.year` is {year}"))
                        .in_file(f)
                        .at(s.locate(&format!("{path}.year")))
                        .with_help("write the year of the source, such as `2024`"),
                );
            }
        }
        check_optional(langs, &n.history, "history", f, s, diags);
        check_optional(langs, &n.coordination, "coordination", f, s, diags);
        check_links_and_sources(langs, &n.links, &n.sources, f, s, diags);
    }
}

fn check_erns(site: &Site, langs: &Languages, diags: &mut Diagnostics) {
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
}

fn check_partners(site: &Site, langs: &Languages, diags: &mut Diagnostics) {
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
}

fn check_glossary(site: &Site, langs: &Languages, diags: &mut Diagnostics) {
    if let Some(record) = &site.glossary {
        let (g, f, s) = (&record.data, &record.file, &record.spans);
        check_sources(&g.sources, f, s, diags);
        let mut seen = BTreeSet::new();
        for (i, term) in g.terms.iter().enumerate() {
            let path = format!("terms[{i}]");
            if let Err(why) = check_slug(&term.id) {
                diags.push(
                    Diagnostic::error(Code::InvalidId, format!("invalid term id: {why}"))
                        .in_file(f)
                        .at(s.span(&format!("{path}.id"))),
                );
            } else if !seen.insert(term.id.as_str()) {
                diags.push(
                    Diagnostic::error(
                        Code::Duplicate,
                        format!("glossary term `{}` is defined twice", term.id),
                    )
                    .in_file(f)
                    .at(s.span(&format!("{path}.id"))),
                );
            }
            langs.check_localized(&term.term, &format!("{path}.term"), f, s, diags);
            langs.check_localized(&term.definition, &format!("{path}.definition"), f, s, diags);
            if let Some(expansion) = &term.expansion {
                langs.check_localized(expansion, &format!("{path}.expansion"), f, s, diags);
            }
        }
    }
}

/// Page fields and slugs: valid, not reserved by the site, one page per slug and language.
fn check_page_slugs(site: &Site, config: &Config, diags: &mut Diagnostics) {
    let langs = &config.languages;
    let file_site = PathBuf::from(SITE_FILE);
    let mut reserved: BTreeSet<String> =
        refs::RESERVED_SLUGS.into_iter().map(String::from).collect();
    reserved.extend(langs.codes().map(String::from));
    for section in [
        &config.sections.networks,
        &config.sections.erns,
        &config.sections.partners,
        &config.sections.search,
    ] {
        reserved.extend(section.values().cloned());
    }
    let mut slugs_used: BTreeMap<(&str, &str), &Path> = BTreeMap::new();
    for page in &site.pages {
        let (f, s) = (&page.file, &page.spans);
        check_text(&page.meta.title, "title", f, s, diags);
        check_text(&page.meta.description, "description", f, s, diags);
        check_sources(&page.meta.sources, f, s, diags);
        if page.is_home() {
            continue;
        }
        // Asked for only when there is a problem: the span index is built on first use.
        let slug_location = || {
            if page.meta.slug.is_some() {
                s.span("slug")
            } else {
                Span::from(Location::START)
            }
        };
        if let Err(why) = check_slug(&page.slug) {
            diags.push(
                Diagnostic::error(Code::InvalidId, format!("invalid slug: {why}"))
                    .in_file(f)
                    .at(slug_location()),
            );
        } else if reserved.contains(&page.slug) {
            diags.push(
                Diagnostic::error(
                    Code::ReservedSlug,
                    format!("slug `{}` is reserved", page.slug),
                )
                .in_file(f)
                .at(slug_location())
                .with_help(format!(
                    "it is used by the site itself (see {} and the language codes); choose \
                         another slug",
                    display_path(&file_site)
                )),
            );
        } else if let Some(other) = slugs_used.insert((&page.lang, &page.slug), &page.file) {
            diags.push(
                Diagnostic::error(
                    Code::Duplicate,
                    format!(
                        "slug `{}` is already used by {}",
                        page.slug,
                        display_path(other)
                    ),
                )
                .in_file(f)
                .at(slug_location())
                .with_help("two pages of one language cannot share a URL: change one slug"),
            );
        }
    }
}

/// Every page in every language, or marked as awaiting its translation.
fn check_translation_pairs(site: &Site, langs: &Languages, diags: &mut Diagnostics) {
    // Pages are sorted by key: each run is one page's versions.
    for versions in site.pages.chunk_by(|a, b| a.key == b.key) {
        let key = versions[0].key.as_str();
        if !site.failed.is_empty() && site.failed.contains(&format!("pages/{key}")) {
            continue;
        }
        let present: Vec<&Page> = versions.iter().map(|p| &**p).collect();
        for page in &present {
            for (i, code) in page.meta.awaiting_translation.iter().enumerate() {
                let at = page.spans.locate(&format!("awaiting_translation[{i}]"));
                if !langs.contains(code) {
                    diags.push(
                        Diagnostic::error(
                            Code::UnknownLanguage,
                            format!("`{code}` is not a language of the site"),
                        )
                        .in_file(&page.file)
                        .at(at),
                    );
                } else if let Some(other) = present.iter().find(|p| p.lang == *code) {
                    diags.push(
                        Diagnostic::error(Code::AwaitingTranslation, format!(
                            "this page is marked as awaiting its `{code}` translation, but {} exists",
                            display_path(&other.file)
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
                    Diagnostic::error(
                        Code::MissingTranslation,
                        format!("page `{key}` has no `{code}` version"),
                    )
                    .in_file(&existing.file)
                    .with_help(format!(
                        "add content/pages/{key}.{code}.md, the translation of this page, or \
                             write `awaiting_translation: [{code}]` in this page's front matter"
                    )),
                );
            }
        }
    }
}

/// The French networks of each ERN, sorted by network id.
fn ern_networks(site: &Site) -> BTreeMap<String, Vec<(String, Basis)>> {
    let mut ern_networks: BTreeMap<String, Vec<(String, Basis)>> = BTreeMap::new();
    for network in &site.networks {
        for link in &network.data.erns {
            ern_networks
                .entry(link.id.clone())
                .or_default()
                .push((network.id.clone(), link.basis));
        }
    }
    ern_networks
}

/// `path` is written out only for an empty text: this runs for every field of every file.
pub(super) fn check_text(
    text: &str,
    path: impl std::fmt::Display,
    file: &Path,
    spans: &SpanIndex,
    diags: &mut Diagnostics,
) {
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error(Code::EmptyValue, format!("`{path}` is empty"))
                .in_file(file)
                .at(spans.span(&path.to_string())),
        );
    }
}

fn check_optional(
    langs: &Languages,
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
    langs: &Languages,
    links: &[Link],
    sources: &[Source],
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

fn check_sources(sources: &[Source], file: &Path, spans: &SpanIndex, diags: &mut Diagnostics) {
    if sources.is_empty() {
        diags.push(
            Diagnostic::error(Code::EmptyValue, "`sources` is empty")
                .in_file(file)
                .at(spans.span("sources"))
                .with_help("list at least one source: `- { title: \"…\", url: \"https://…\" }`"),
        );
    }
    for (i, source) in sources.iter().enumerate() {
        check_source(source, format_args!("sources[{i}]"), file, spans, diags);
    }
}

/// One source at `path`: a title, and a language code if it names one.
pub(super) fn check_source(
    source: &Source,
    path: std::fmt::Arguments<'_>,
    file: &Path,
    spans: &SpanIndex,
    diags: &mut Diagnostics,
) {
    check_text(
        &source.title,
        format_args!("{path}.title"),
        file,
        spans,
        diags,
    );
    if let Some(lang) = &source.lang
        && !((2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase()))
    {
        diags.push(
            Diagnostic::error(
                Code::UnknownLanguage,
                format!("`{lang}` is not a language code"),
            )
            .in_file(file)
            .at(spans.locate(&format!("{path}.lang")))
            .with_help("use a two- or three-letter lowercase code such as `en` or `de`"),
        );
    }
}
