//! Interface strings: one Fluent bundle per language from `i18n/<lang>.ftl`, syntax errors located
//! in the file, the same keys required in every language, and lookups for templates.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex, Location, Span, did_you_mean};
use crate::source::SourceText;

/// An argument passed to a message: `{ $count }`.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Number(f64),
    Text(String),
}

/// The interface strings of every language.
pub struct Translations {
    bundles: BTreeMap<String, FluentBundle<FluentResource>>,
    /// Message ids and where each is defined, per language (for parity and `check`).
    keys: BTreeMap<String, BTreeMap<String, Location>>,
    /// A hash of every language's file (a live preview re-renders everything when it changes).
    fingerprint: u64,
}

impl std::fmt::Debug for Translations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translations")
            .field("languages", &self.bundles.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Translations {
    /// What tells two versions of the interface strings apart (never written anywhere).
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Load `i18n/<lang>.ftl` for every language of the site.
    pub fn load(config: &Config) -> Result<Translations, Diagnostics> {
        let mut diags = Diagnostics::new();
        let mut bundles = BTreeMap::new();
        let mut keys = BTreeMap::new();
        let mut hasher = DefaultHasher::new();
        for code in config.languages.codes() {
            let rel = PathBuf::from("i18n").join(format!("{code}.ftl"));
            let bytes = match std::fs::read(config.root.join(&rel)) {
                Ok(bytes) => bytes,
                Err(err) => {
                    diags.push(
                        Diagnostic::error(
                            Code::Io,
                            format!("cannot read the interface strings: {err}"),
                        )
                        .in_file(&rel)
                        .with_help(format!(
                            "every language of the site needs i18n/{code}.ftl (Fluent syntax)"
                        )),
                    );
                    continue;
                }
            };
            let text = match SourceText::decode(&bytes) {
                Ok(source) => source.text,
                Err(d) => {
                    diags.push(d.in_file(&rel));
                    continue;
                }
            };
            (code, &text).hash(&mut hasher);
            let lines = LineIndex::new(&text);
            let resource = match FluentResource::try_new(text.clone()) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    for error in errors {
                        diags.push(
                            Diagnostic::error(
                                Code::FluentSyntax,
                                format!("Fluent syntax error: {}", error.kind),
                            )
                            .in_file(&rel)
                            .at(Span::new(
                                lines.location(&text, error.pos.start),
                                lines.location(&text, error.pos.end),
                            ))
                            .with_help(
                                "a message is `key = text`; continuation lines are indented",
                            ),
                        );
                    }
                    resource
                }
            };
            let mut defined = BTreeMap::new();
            for entry in resource.entries() {
                if let ast::Entry::Message(message) = entry {
                    let id = message.id.name;
                    let offset = id.as_ptr() as usize - resource.source().as_ptr() as usize;
                    defined.insert(id.to_owned(), lines.location(&text, offset));
                }
            }
            let locale: LanguageIdentifier = match code.parse() {
                Ok(locale) => locale,
                Err(_) => {
                    diags.push(Diagnostic::error(
                        Code::UnknownLanguage,
                        format!("`{code}` is not a valid locale"),
                    ));
                    continue;
                }
            };
            let mut bundle = FluentBundle::new_concurrent(vec![locale]);
            // Isolation marks (U+2068/U+2069) would end up as invisible characters in the HTML.
            bundle.set_use_isolating(false);
            if let Err(errors) = bundle.add_resource(resource) {
                for error in errors {
                    diags.push(
                        Diagnostic::error(Code::FluentSyntax, format!("Fluent: {error}"))
                            .in_file(&rel),
                    );
                }
            }
            bundles.insert(code.to_owned(), bundle);
            keys.insert(code.to_owned(), defined);
        }

        // Every key in every language.
        let all: BTreeSet<&String> = keys.values().flat_map(BTreeMap::keys).collect();
        for (code, defined) in &keys {
            for key in &all {
                if !defined.contains_key(*key) {
                    let elsewhere = keys
                        .iter()
                        .find_map(|(other, d)| d.get(*key).map(|loc| (other, loc)));
                    let mut d = Diagnostic::error(
                        Code::MissingString,
                        format!("interface string `{key}` is missing"),
                    )
                    .in_file(PathBuf::from("i18n").join(format!("{code}.ftl")));
                    if let Some((other, loc)) = elsewhere {
                        d = d.with_help(format!(
                            "it is defined in i18n/{other}.ftl:{}:{}; add its translation",
                            loc.line, loc.column
                        ));
                    }
                    diags.push(d);
                }
            }
        }
        if diags.has_errors() {
            return Err(diags.sorted());
        }
        Ok(Translations {
            bundles,
            keys,
            fingerprint: hasher.finish(),
        })
    }

    /// Format message `key` in `lang`.
    pub fn get(&self, lang: &str, key: &str, args: &[(String, Arg)]) -> Result<String, String> {
        let bundle = self
            .bundles
            .get(lang)
            .ok_or_else(|| format!("no interface strings for language `{lang}`"))?;
        let message = bundle.get_message(key).ok_or_else(|| {
            let known = self.keys.get(lang).into_iter().flat_map(BTreeMap::keys);
            let question = did_you_mean(key, known.map(String::as_str))
                .map(|q| format!("; {q}"))
                .unwrap_or_default();
            format!("interface string `{key}` does not exist in i18n/{lang}.ftl{question}")
        })?;
        let pattern = message
            .value()
            .ok_or_else(|| format!("interface string `{key}` has no value"))?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Text(t) => FluentValue::from(t.clone()),
            };
            fluent_args.set(name.clone(), value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        match errors.first() {
            Some(error) => Err(format!("interface string `{key}` ({lang}): {error}")),
            None => Ok(text.into_owned()),
        }
    }

    /// Message ids defined for `lang`, with their location in the file.
    pub fn keys(&self, lang: &str) -> Option<&BTreeMap<String, Location>> {
        self.keys.get(lang)
    }
}
