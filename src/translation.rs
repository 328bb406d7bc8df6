//! Translation state of the content: which translations may be out of date, because the text
//! they were translated from has changed since.
//!
//! A translation records what it was translated from as `translated_from: { <lang>: <fingerprint> }`:
//! in a page, the fingerprint of the other language's page (title, description, body) when it
//! was translated; in a record, the fingerprint of every text of the record in that language
//! (then every other language is a translation of it). A fingerprint is the first 8 hex digits
//! of the SHA-256 of the text. Pages awaiting translation are declared by the page that exists
//! (`awaiting_translation: [en]`) and handled in `content` and `render`.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::content::{Page, Record, Site};
use crate::diag::{Code, Diagnostic, Diagnostics, Location};
use crate::model::HOME_KEY;
use crate::model::Localized;
use crate::urls::Route;
use crate::yaml::SpanIndex;

/// A translation whose source text changed after it was translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outdated {
    pub route: Route,
    /// The language of the translation.
    pub lang: String,
    pub source_lang: String,
    /// The fingerprint written in `translated_from`, and the source's fingerprint now.
    pub recorded: String,
    pub current: String,
    /// Where `translated_from` is written.
    pub file: PathBuf,
    pub location: Location,
}

/// First 8 hex digits of the SHA-256 of a text, line endings and outer spaces normalized.
pub fn fingerprint(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n");
    let digest = Sha256::digest(normalized.trim().as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// The fingerprint of one language of a page.
pub fn page_fingerprint(page: &Page) -> String {
    fingerprint(&format!(
        "{}\n{}\n{}",
        page.meta.title.trim(),
        page.meta.description.trim(),
        page.body.trim()
    ))
}

/// The fingerprint of every text a record gives in `lang`.
pub fn record_fingerprint<T>(record: &Record<T>, lang: &str) -> String {
    fingerprint(&crate::yaml::language_text(
        &record.text,
        lang,
        "translated_from",
    ))
}

/// Every outdated translation, and errors for `translated_from` entries that name no usable
/// language.
pub fn outdated(config: &Config, site: &Site) -> (Vec<Outdated>, Diagnostics) {
    let mut found = Vec::new();
    let mut diags = Diagnostics::new();
    let languages = &config.languages;
    let mut check_record =
        |route: Route,
         file: &PathBuf,
         spans: &SpanIndex,
         from: &Option<Localized>,
         current: &dyn Fn(&str) -> String| {
            for (source_lang, recorded) in from.iter().flatten() {
                let location = spans.locate(&format!("translated_from.{source_lang}"));
                if !languages.contains(source_lang) {
                    diags.push(
                    Diagnostic::error(Code::TranslatedFrom, format!(
                        "`translated_from` names `{source_lang}`, not a language of the site"
                    ))
                    .in_file(file)
                    .at(location),
                );
                    continue;
                }
                let now = current(source_lang);
                if now != *recorded {
                    for lang in languages.codes().filter(|l| *l != source_lang) {
                        found.push(Outdated {
                            route: route.clone(),
                            lang: lang.to_owned(),
                            source_lang: source_lang.clone(),
                            recorded: recorded.clone(),
                            current: now.clone(),
                            file: file.clone(),
                            location,
                        });
                    }
                }
            }
        };
    for r in &site.networks {
        let current = |lang: &str| record_fingerprint(r, lang);
        let route = Route::Network(r.id.clone());
        check_record(route, &r.file, &r.spans, &r.data.translated_from, &current);
    }
    for r in &site.erns {
        let current = |lang: &str| record_fingerprint(r, lang);
        let route = Route::Ern(r.id.clone());
        check_record(route, &r.file, &r.spans, &r.data.translated_from, &current);
    }
    for r in &site.partners {
        let current = |lang: &str| record_fingerprint(r, lang);
        let route = Route::Partner(r.id.clone());
        check_record(route, &r.file, &r.spans, &r.data.translated_from, &current);
    }
    for page in &site.pages {
        for (source_lang, recorded) in page.meta.translated_from.iter().flatten() {
            let location = page.spans.locate(&format!("translated_from.{source_lang}"));
            let Some(source) = site
                .page(&page.key, source_lang)
                .filter(|_| *source_lang != page.lang)
            else {
                diags.push(
                    Diagnostic::error(Code::TranslatedFrom, format!(
                        "`translated_from` names `{source_lang}`, but there is no `{source_lang}` \
                         version of this page to translate from"
                    ))
                    .in_file(&page.file)
                    .at(location)
                    .with_help(format!(
                        "name the language of content/pages/{}.<lang>.md this page was \
                         translated from",
                        page.key
                    )),
                );
                continue;
            };
            let current = page_fingerprint(source);
            if current != *recorded {
                let route = if page.key == HOME_KEY {
                    Route::Home
                } else {
                    Route::Page(page.key.clone())
                };
                found.push(Outdated {
                    route,
                    lang: page.lang.clone(),
                    source_lang: source_lang.clone(),
                    recorded: recorded.clone(),
                    current,
                    file: page.file.clone(),
                    location,
                });
            }
        }
    }
    (found, diags)
}

/// The `check` warning for an outdated translation (records appear once, not per language).
pub fn warning(outdated: &Outdated) -> Diagnostic {
    Diagnostic::warning(Code::OutdatedTranslation, format!(
        "the `{}` translation may be out of date: the `{}` text changed since it was translated",
        outdated.lang, outdated.source_lang
    ))
    .in_file(&outdated.file)
    .at(outdated.location)
    .with_help(format!(
        "bring the translation up to date, then write `translated_from: {{ {}: \"{}\" }}` \
         (it says {})",
        outdated.source_lang, outdated.current, outdated.recorded
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_line_endings_and_outer_space() {
        assert_eq!(fingerprint("a\r\nb\n"), fingerprint("  a\nb"));
        assert_ne!(fingerprint("a b"), fingerprint("a c"));
        assert_eq!(fingerprint("").len(), 8);
    }
}
