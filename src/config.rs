//! Site configuration: `content/site.yaml` plus command-line overrides → a resolved [`Config`]
//! (languages, base URL, theme, localized section slugs, paths).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{Link, Localized, LocalizedList, Url, shapes};
use crate::source::SourceText;
use crate::yaml::{self, SpanIndex};

mod cms;
mod review;
pub use cms::{CmsBackend, CmsSettings};
pub use review::{ReportAddress, ReviewKind, ReviewMonths};

/// What the command line says about a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
}

/// The site's settings: `content/site.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Site", title = "Site settings")]
struct RawSite {
    /// The site's name, in each language: shown in every page's title and header.
    #[schemars(with = "shapes::LocalizedText")]
    title: Localized,
    /// One sentence on what the site is for, in each language (home page, search engines).
    #[schemars(with = "shapes::LocalizedText")]
    description: Localized,
    /// The address the site is published at; `reperes build --base-url` overrides it.
    base_url: Url,
    /// The site's languages, the default one first (served at the root, the others under
    /// `/<lang>/`).
    #[schemars(length(min = 1), inner(pattern(shapes::LANGUAGE_PATTERN)))]
    languages: Vec<String>,
    /// The theme: a folder `themes/<theme>/templates/`.
    #[schemars(pattern(shapes::SLUG_PATTERN))]
    theme: String,
    /// The first segment of the URLs of each section, per language.
    sections: RawSections,
    /// The facts of the accessibility statement (a page with `layout: accessibility` shows them).
    #[serde(default)]
    accessibility: Option<Accessibility>,
    /// The official list of the networks (INCa's), linked from every network's "How to reach
    /// this network" as the way forward: `{ title: { fr: …, en: … }, url: https://… }`.
    #[serde(default)]
    networks_directory: Option<Link>,
    /// How many months a review holds before the next one is due, shown at the bottom of every
    /// page ("Next review due"): `{ default: 12 }`, and per kind if needed
    /// (`networks`, `erns`, `partners`, `pages`).
    #[serde(default)]
    review_months: Option<ReviewMonths>,
    /// Where readers report an error on a page: an e-mail address or a web address. Every
    /// page's "Report an error on this page" link carries the page's address (in the message's
    /// body, or as `?page=`). `check` warns while it is missing.
    #[serde(default)]
    report_error: Option<String>,
    /// The editor of the published site (`/admin/`): where it reads and commits the content
    /// files. Without it, `build` writes no `/admin/`.
    #[serde(default)]
    cms: Option<CmsSettings>,
}

/// The facts of the accessibility statement, kept as data so that the statement page, `check`
/// and re-users read the same thing.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// The standard the site is assessed against, e.g. `RGAA 4.1.2 (WCAG 2.1 AA)`.
    pub standard: String,
    /// The conformance status: `full` (totalement conforme), `partial` (partiellement conforme)
    /// or `none` (non conforme). Without a full audit, `partial` at best.
    pub status: Conformance,
    /// The date of the full audit the status rests on, if one was done.
    #[serde(default)]
    pub audited: Option<crate::model::Date>,
    /// The tests done, per language: one sentence each.
    #[schemars(with = "shapes::LocalizedList")]
    pub tests: LocalizedList,
    /// How to report a problem: an e-mail address or a web address. `check` warns while it is
    /// missing (the statement must give one).
    #[serde(default)]
    pub contact: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Conformance {
    /// Totally conformant (an audit found no failure).
    Full,
    /// Partially conformant.
    Partial,
    /// Not conformant, or not assessed.
    None,
}

impl Conformance {
    pub fn as_str(self) -> &'static str {
        match self {
            Conformance::Full => "full",
            Conformance::Partial => "partial",
            Conformance::None => "none",
        }
    }
}

/// The first segment of the URLs of each section, per language.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Sections")]
struct RawSections {
    /// The French national reference networks: `reseaux`, `networks`.
    #[schemars(with = "shapes::LocalizedSlug")]
    networks: Localized,
    /// The European Reference Networks.
    #[schemars(with = "shapes::LocalizedSlug")]
    erns: Localized,
    /// The partner organisations.
    #[schemars(with = "shapes::LocalizedSlug")]
    partners: Localized,
    /// The search page.
    #[schemars(with = "shapes::LocalizedSlug")]
    search: Localized,
}

/// The JSON Schema of `content/site.yaml`, from `generator` (whose settings the caller chooses).
pub fn site_schema(generator: SchemaGenerator) -> Schema {
    generator.into_root_schema_for::<RawSite>()
}

/// Localized first path segments of the record sections and the search page.
#[derive(Debug, Clone)]
pub struct Sections {
    pub networks: Localized,
    pub erns: Localized,
    pub partners: Localized,
    pub search: Localized,
}

/// The site's languages, the first one being the default (served at the root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages {
    codes: Vec<String>,
}

impl Languages {
    pub fn new(codes: Vec<String>) -> Self {
        Languages { codes }
    }

    pub fn default_code(&self) -> &str {
        self.codes.first().map_or("fr", String::as_str)
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.codes.iter().map(String::as_str)
    }

    pub fn contains(&self, code: &str) -> bool {
        self.codes.iter().any(|c| c == code)
    }

    /// The folder of a language below the site's root: `""` for the default language (served
    /// at the root), `"<code>/"` for the others. The one rule for URLs, pages and search bundles.
    pub fn prefix(&self, code: &str) -> String {
        if code == self.default_code() {
            String::new()
        } else {
            format!("{code}/")
        }
    }

    /// Check a localized text: every language present and non-empty, no other key.
    pub fn check_localized(
        &self,
        value: &Localized,
        path: &str,
        file: &Path,
        spans: &SpanIndex,
        diags: &mut Diagnostics,
    ) {
        for code in &self.codes {
            match value.get(code) {
                None => diags.push(
                    Diagnostic::error(
                        Code::MissingLanguage,
                        format!("`{path}` has no `{code}` text"),
                    )
                    .in_file(file)
                    .at(spans.span(path))
                    .with_help(format!(
                        "every text is given in each language of the site: add `{code}: …`"
                    )),
                ),
                Some(text) if text.trim().is_empty() => diags.push(
                    Diagnostic::error(Code::EmptyValue, format!("`{path}.{code}` is empty"))
                        .in_file(file)
                        .at(spans.span(&format!("{path}.{code}")))
                        .with_help("write the text, or remove the optional field"),
                ),
                Some(_) => {}
            }
        }
        self.check_keys(value.keys(), path, file, spans, diags);
    }

    /// Check a localized list: only known languages as keys.
    pub fn check_localized_list(
        &self,
        value: &LocalizedList,
        path: &str,
        file: &Path,
        spans: &SpanIndex,
        diags: &mut Diagnostics,
    ) {
        self.check_keys(value.keys(), path, file, spans, diags);
    }

    /// Check a list of language codes (such as `translated_name`).
    pub fn check_codes(
        &self,
        codes: &[String],
        path: &str,
        file: &Path,
        spans: &SpanIndex,
        diags: &mut Diagnostics,
    ) {
        for (i, code) in codes.iter().enumerate() {
            if !self.contains(code) {
                diags.push(self.unknown_language(code, &format!("{path}[{i}]"), file, spans));
            }
        }
    }

    fn check_keys<'a>(
        &self,
        keys: impl Iterator<Item = &'a String>,
        path: &str,
        file: &Path,
        spans: &SpanIndex,
        diags: &mut Diagnostics,
    ) {
        for key in keys {
            if !self.contains(key) {
                diags.push(self.unknown_language(key, &format!("{path}.{key}"), file, spans));
            }
        }
    }

    fn unknown_language(
        &self,
        code: &str,
        path: &str,
        file: &Path,
        spans: &SpanIndex,
    ) -> Diagnostic {
        Diagnostic::error(
            Code::UnknownLanguage,
            format!("`{code}` is not a language of this site"),
        )
        .in_file(file)
        .at(spans.span(path))
        .with_help(format!(
            "the languages are {} (set in content/site.yaml)",
            self.codes.join(", ")
        ))
    }
}

/// The resolved configuration of one build.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub content_dir: PathBuf,
    pub theme_dir: PathBuf,
    pub i18n_dir: PathBuf,
    pub out_dir: PathBuf,
    /// Absolute base URL, ending with `/`.
    pub base_url: String,
    /// Path part of the base URL, starting and ending with `/` (`/` for a site at a domain root).
    pub base_path: String,
    pub languages: Languages,
    pub theme: String,
    pub title: Localized,
    pub description: Localized,
    pub sections: Sections,
    pub accessibility: Option<Accessibility>,
    /// The official list of the networks, linked from every network's contact section.
    pub networks_directory: Option<Link>,
    /// Months between two reviews (the next review's date under every page), if set.
    pub review_months: Option<ReviewMonths>,
    /// Where readers report an error on a page, if set.
    pub report_error: Option<ReportAddress>,
    /// Where `accessibility` is written in `content/site.yaml` (for `check`).
    pub accessibility_location: crate::diag::Location,
    /// The published site's editor, if `site.yaml` has a `cms:` block.
    pub cms: Option<CmsSettings>,
}

pub const SITE_FILE: &str = "content/site.yaml";

impl Config {
    /// Read `content/site.yaml` under `options.root` and apply the command-line overrides.
    pub fn load(options: &BuildOptions) -> Result<Config, Diagnostics> {
        let root = options.root.clone();
        let file = PathBuf::from(SITE_FILE);
        let bytes = std::fs::read(root.join(&file)).map_err(|err| {
            Diagnostic::error(Code::Io, format!("cannot read the site settings: {err}"))
                .in_file(&file)
                .with_help(format!(
                    "run reperes in a site's root folder (one with content/site.yaml), or pass \
                     --root DIR (looked in {})",
                    display_dir(&root)
                ))
        })?;
        let text = SourceText::decode(&bytes)
            .map_err(|d| d.in_file(&file))?
            .text;
        let parsed = yaml::parse::<RawSite>(&text, 0).map_err(|d| d.in_file(&file))?;
        let (raw, spans) = (parsed.value, parsed.spans);

        let mut diags = Diagnostics::new();
        let mut seen = BTreeSet::new();
        for (i, code) in raw.languages.iter().enumerate() {
            let valid =
                (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
            if !valid {
                diags.push(
                    Diagnostic::error(
                        Code::UnknownLanguage,
                        format!("`{code}` is not a language code"),
                    )
                    .in_file(&file)
                    .at(spans.span(&format!("languages[{i}]")))
                    .with_help("use a two- or three-letter lowercase code such as `fr` or `en`"),
                );
            } else if !seen.insert(code.clone()) {
                diags.push(
                    Diagnostic::error(
                        Code::Duplicate,
                        format!("language `{code}` is listed twice"),
                    )
                    .in_file(&file)
                    .at(spans.span(&format!("languages[{i}]"))),
                );
            }
        }
        if raw.languages.is_empty() {
            diags.push(
                Diagnostic::error(Code::EmptyValue, "`languages` is empty")
                    .in_file(&file)
                    .at(spans.span("languages"))
                    .with_help("list the site's languages, default first: `languages: [fr, en]`"),
            );
        }
        let languages = Languages::new(raw.languages.clone());
        languages.check_localized(&raw.title, "title", &file, &spans, &mut diags);
        languages.check_localized(&raw.description, "description", &file, &spans, &mut diags);
        let sections = [
            ("sections.networks", &raw.sections.networks),
            ("sections.erns", &raw.sections.erns),
            ("sections.partners", &raw.sections.partners),
            ("sections.search", &raw.sections.search),
        ];
        for (path, value) in sections {
            languages.check_localized(value, path, &file, &spans, &mut diags);
            for (code, slug) in value {
                if let Err(why) = crate::text::check_slug(slug) {
                    diags.push(
                        Diagnostic::error(Code::InvalidId, format!("`{path}.{code}`: {why}"))
                            .in_file(&file)
                            .at(spans.span(&format!("{path}.{code}"))),
                    );
                }
            }
        }
        if let Some(directory) = &raw.networks_directory {
            let path = "networks_directory.title";
            languages.check_localized(&directory.title, path, &file, &spans, &mut diags);
        }
        let report_error = match raw.report_error.as_deref().map(ReportAddress::parse) {
            Some(Ok(address)) => Some(address),
            Some(Err(why)) => {
                diags.push(
                    Diagnostic::error(Code::InvalidUrl, why)
                        .in_file(&file)
                        .at(spans.locate("report_error"))
                        .with_help("write an e-mail address (`corrections@example.org`) or a web address (`https://…`)"),
                );
                None
            }
            None => None,
        };
        if let Some(months) = &raw.review_months {
            let all = [
                ("default", Some(months.default)),
                ("networks", months.networks),
                ("erns", months.erns),
                ("partners", months.partners),
                ("pages", months.pages),
            ];
            for (name, value) in all {
                if value == Some(0) {
                    diags.push(
                        Diagnostic::error(
                            Code::UnknownValue,
                            format!("`review_months.{name}` is 0"),
                        )
                        .in_file(&file)
                        .at(spans.locate(&format!("review_months.{name}")))
                        .with_help("give a number of months, 1 or more"),
                    );
                }
            }
        }
        if let Some(cms) = &raw.cms {
            cms.check(&file, &spans, &mut diags);
        }
        if let Some(accessibility) = &raw.accessibility {
            let tests = &accessibility.tests;
            languages.check_localized_list(tests, "accessibility.tests", &file, &spans, &mut diags);
        }
        for code in languages.codes() {
            let mut used = BTreeSet::new();
            for (path, value) in sections {
                if let Some(slug) = value.get(code)
                    && !used.insert(slug.as_str())
                {
                    diags.push(
                        Diagnostic::error(
                            Code::Duplicate,
                            format!("section slug `{slug}` is used twice in `{code}`"),
                        )
                        .in_file(&file)
                        .at(spans.span(&format!("{path}.{code}"))),
                    );
                }
            }
        }

        let theme_dir = root.join("themes").join(&raw.theme);
        let theme_ok = crate::text::check_slug(&raw.theme).is_ok();
        if !theme_ok || !theme_dir.join("templates").is_dir() {
            diags.push(
                Diagnostic::error(
                    Code::UnknownTheme,
                    format!("theme `{}` not found", raw.theme),
                )
                .in_file(&file)
                .at(spans.span("theme"))
                .with_help(format!(
                    "a theme is a folder themes/<name>/templates/; available: {}",
                    available_themes(&root.join("themes"))
                )),
            );
        }

        let base_url_text = options
            .base_url
            .clone()
            .unwrap_or_else(|| raw.base_url.as_str().to_owned());
        let base_url = match Url::parse(&base_url_text) {
            Ok(url) => normalise_base_url(url.as_str()),
            Err(why) => {
                let d = Diagnostic::error(Code::InvalidUrl, format!("base URL: {why}"));
                diags.push(if options.base_url.is_some() {
                    d.with_help("fix the value given to --base-url")
                } else {
                    d.in_file(&file).at(spans.span("base_url"))
                });
                String::from("http://localhost/")
            }
        };
        if diags.has_errors() {
            return Err(diags.sorted());
        }
        let base_path = base_path_of(&base_url);
        let out_dir = options.out.clone().unwrap_or_else(|| root.join("public"));
        Ok(Config {
            content_dir: root.join("content"),
            i18n_dir: root.join("i18n"),
            theme_dir,
            out_dir,
            base_url,
            base_path,
            languages,
            theme: raw.theme,
            title: raw.title,
            description: raw.description,
            sections: Sections {
                networks: raw.sections.networks,
                erns: raw.sections.erns,
                partners: raw.sections.partners,
                search: raw.sections.search,
            },
            accessibility_location: spans.locate("accessibility"),
            accessibility: raw.accessibility,
            networks_directory: raw.networks_directory,
            review_months: raw.review_months,
            report_error,
            cms: raw.cms,
            root,
        })
    }
}

fn display_dir(dir: &Path) -> String {
    let shown = dir.display().to_string();
    if shown.is_empty() { ".".into() } else { shown }
}

fn available_themes(themes: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(themes)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().join("templates").is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    if names.is_empty() {
        "none (no themes/ folder with templates)".into()
    } else {
        names.join(", ")
    }
}

fn normalise_base_url(url: &str) -> String {
    // Query strings and fragments have no meaning in a base URL.
    let url = url.split(['?', '#']).next().unwrap_or(url);
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}

fn base_path_of(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_owned(),
        None => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_follows_base_url() {
        assert_eq!(base_path_of("https://example.org/"), "/");
        assert_eq!(base_path_of("https://org.github.io/reperes/"), "/reperes/");
        assert_eq!(
            normalise_base_url("https://a.example/x?y"),
            "https://a.example/x/"
        );
    }
}
