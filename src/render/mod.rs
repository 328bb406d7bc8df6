//! Rendering: the theme's Tera templates, parsed once, fed view structs for every route in every
//! language, plus the sitemap, robots.txt and the theme's static files, all into an [`Output`].

pub mod views;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, ErrorKind, Kwargs, State, Tera};
use walkdir::WalkDir;

use crate::bodies::{Bodies, Owner};
use crate::config::Config;
use crate::content::{Page, Site};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::i18n::{Arg, Translations};
use crate::model::HOME_KEY;
use crate::model::{Date, Localized, LocalizedList, Source};
use crate::output::Output;
use crate::text::typography;
use crate::translation::Outdated;
use crate::urls::{Route, Urls};
use views::*;

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "base.html",
    "home.html",
    "page.html",
    "network-list.html",
    "network.html",
    "ern-list.html",
    "ern.html",
    "partner-list.html",
    "partner.html",
    "search.html",
    "404.html",
];

/// The CSS file every page links to, inside the theme's `static/` folder.
pub const STYLESHEET: &str = "assets/site.css";
/// The search page's script, inside the theme's `static/` folder.
pub const SEARCH_SCRIPT: &str = "assets/search/search.js";

/// A loaded theme: parsed templates and static files.
pub struct Theme {
    tera: Tera,
    /// Theme folder relative to the site root, for diagnostics.
    dir: PathBuf,
    static_files: Vec<(String, Vec<u8>)>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl Theme {
    /// Read and parse `themes/<theme>/templates/` and `themes/<theme>/static/`.
    pub fn load(config: &Config, translations: Arc<Translations>) -> Result<Theme, Diagnostics> {
        let mut diags = Diagnostics::new();
        let dir = PathBuf::from("themes").join(&config.theme);
        let templates_dir = config.theme_dir.join("templates");
        let mut templates = Vec::new();
        for (rel, bytes) in read_tree(&templates_dir, &mut diags, &dir.join("templates")) {
            match String::from_utf8(bytes) {
                Ok(text) => templates.push((rel, text.replace("\r\n", "\n"))),
                Err(_) => diags.push(
                    Diagnostic::error("template is not valid UTF-8")
                        .in_file(dir.join("templates").join(&rel)),
                ),
            }
        }
        for name in REQUIRED_TEMPLATES {
            if templates.iter().all(|(rel, _)| rel != name) {
                diags.push(
                    Diagnostic::error(format!("the theme has no `{name}` template"))
                        .in_file(dir.join("templates"))
                        .with_help(format!(
                            "a theme provides {}",
                            REQUIRED_TEMPLATES.join(", ")
                        )),
                );
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        register_functions(&mut tera, translations);
        if let Err(err) = tera.add_raw_templates(templates.iter().map(|(n, t)| (n, t))) {
            diags.push(template_error(&err, &dir, None));
        }
        let static_files = read_tree(
            &config.theme_dir.join("static"),
            &mut diags,
            &dir.join("static"),
        );
        if diags.has_errors() {
            return Err(diags.sorted());
        }
        Ok(Theme {
            tera,
            dir,
            static_files,
        })
    }
}

/// Every file below `dir` (sorted), as (`/`-separated relative path, bytes). A missing folder is
/// empty.
fn read_tree(dir: &Path, diags: &mut Diagnostics, shown: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    if !dir.exists() {
        return files;
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diags.push(Diagnostic::error(format!("cannot read: {err}")).in_file(shown));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = crate::diag::display_path(rel);
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push((rel, bytes)),
            Err(err) => diags
                .push(Diagnostic::error(format!("cannot read: {err}")).in_file(shown.join(&rel))),
        }
    }
    files
}

fn register_functions(tera: &mut Tera, translations: Arc<Translations>) {
    // `t(key="…", count=3)`: an interface string in the page's language (`lang` in the context).
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let lang: String = state
                .get::<String>("lang")?
                .ok_or_else(|| tera::Error::message("t(): no `lang` in the template context"))?;
            let key: String = kwargs.must_get::<String>("key")?;
            let mut args = Vec::new();
            for (name, value) in kwargs.iter() {
                let name = name.to_string();
                if name == "key" {
                    continue;
                }
                let arg = match (value.as_f64(), value.as_i64(), value.as_str()) {
                    (_, Some(i), _) => Arg::Number(i as f64),
                    (Some(f), _, _) => Arg::Number(f),
                    (_, _, Some(s)) => Arg::Text(s.to_owned()),
                    _ => Arg::Text(value.to_string()),
                };
                args.push((name, arg));
            }
            translations
                .get(&lang, &key, &args)
                .map(|text| typography(&text, &lang))
                .map_err(tera::Error::message)
        },
    );
}

/// A Tera error as a diagnostic in the template file, naming the page being rendered.
fn template_error(err: &tera::Error, theme_dir: &Path, rendering: Option<&str>) -> Diagnostic {
    let suffix = rendering
        .map(|r| format!(" (while rendering {r})"))
        .unwrap_or_default();
    let templates = theme_dir.join("templates");
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let mut message = report.message().to_owned();
            if let Some(source) = std::error::Error::source(err) {
                let _ = write!(message, ": {source}");
            }
            Diagnostic::error(format!("template: {message}{suffix}"))
                .in_file(templates.join(report.filename()))
                .at(Location::new(span.start_line.max(1), span.start_col + 1))
                .with_help("see the Tera 2 documentation for template syntax")
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(format!(
            "template extends `{parent}`, which does not exist{suffix}"
        ))
        .in_file(templates.join(current)),
        ErrorKind::TemplateNotFound(name) => {
            Diagnostic::error(format!("template `{name}` not found{suffix}")).in_file(templates)
        }
        _ => Diagnostic::error(format!("template: {err}{suffix}")).in_file(templates),
    }
}

/// Everything rendering needs, borrowed.
struct Renderer<'a> {
    config: &'a Config,
    site: &'a Site,
    bodies: &'a Bodies,
    translations: &'a Translations,
    theme: &'a Theme,
    urls: Urls<'a>,
    /// Pages with a `menu`, per language, in menu order: computed once, used by every route.
    menu_pages: BTreeMap<&'a str, Vec<&'a Page>>,
    /// Translations whose original changed since (they get a notice).
    outdated: &'a [Outdated],
}

/// Render every route of `site` in every language.
pub fn render(
    config: &Config,
    site: &Site,
    bodies: &Bodies,
    translations: &Translations,
    theme: &Theme,
    outdated: &[Outdated],
) -> Result<Output, Diagnostics> {
    let r = Renderer {
        config,
        site,
        bodies,
        translations,
        theme,
        urls: Urls::new(config, site),
        menu_pages: menu_pages(site),
        outdated,
    };
    let mut diags = Diagnostics::new();
    let mut output = Output::new();
    let routes = r.routes();
    // Every (language, route) page renders on its own, on all cores; the results are collected
    // in route order, so the output and the diagnostics do not depend on scheduling.
    let jobs: Vec<(&str, &Route)> = config
        .languages
        .codes()
        .flat_map(|lang| routes.iter().map(move |route| (lang, route)))
        .collect();
    let pages: Vec<_> = jobs
        .par_iter()
        .map(|(lang, route)| r.render_route(route, lang))
        .collect();
    for page in pages {
        match page {
            Ok(Some((path, html))) => {
                if let Err(why) = output.insert(path, html) {
                    diags.push(Diagnostic::error(why));
                }
            }
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
    for (path, bytes) in &theme.static_files {
        if let Err(why) = output.insert(path.clone(), bytes.clone()) {
            diags.push(
                Diagnostic::error(why)
                    .in_file(theme.dir.join("static").join(path))
                    .with_help("a static file cannot share a path with a page"),
            );
        }
    }
    for (path, bytes) in [
        ("sitemap.xml", r.sitemap(&routes).into_bytes()),
        ("robots.txt", r.robots().into_bytes()),
    ] {
        if let Err(why) = output.insert(path, bytes) {
            diags.push(Diagnostic::error(why));
        }
    }
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    Ok(output)
}

impl<'a> Renderer<'a> {
    fn routes(&self) -> Vec<Route> {
        let mut routes = vec![Route::Home];
        let mut keys: Vec<&str> = self.site.pages.iter().map(|p| p.key.as_str()).collect();
        keys.dedup();
        routes.extend(
            keys.into_iter()
                .filter(|k| *k != HOME_KEY)
                .map(|k| Route::Page(k.to_owned())),
        );
        routes.push(Route::NetworkList);
        routes.extend(
            self.site
                .networks
                .iter()
                .map(|n| Route::Network(n.id.clone())),
        );
        routes.push(Route::ErnList);
        routes.extend(self.site.erns.iter().map(|e| Route::Ern(e.id.clone())));
        routes.push(Route::PartnerList);
        routes.extend(
            self.site
                .partners
                .iter()
                .map(|p| Route::Partner(p.id.clone())),
        );
        routes.push(Route::Search);
        routes.push(Route::NotFound);
        routes
    }

    /// An interface string; a failure here is a theme or i18n problem.
    fn t(&self, lang: &str, key: &str) -> Result<String, Diagnostic> {
        self.t_args(lang, key, &[])
    }

    fn t_args(&self, lang: &str, key: &str, args: &[(String, Arg)]) -> Result<String, Diagnostic> {
        self.translations
            .get(lang, key, args)
            .map(|text| typography(&text, lang))
            .map_err(|why| Diagnostic::error(why).in_file(format!("i18n/{lang}.ftl")))
    }

    fn text(&self, value: &Localized, lang: &str) -> String {
        typography(value.get(lang).map_or("", String::as_str), lang)
    }

    fn list(&self, value: &LocalizedList, lang: &str) -> Vec<String> {
        value
            .get(lang)
            .map(|items| items.iter().map(|s| typography(s, lang)).collect())
            .unwrap_or_default()
    }

    fn url(&self, route: &Route, lang: &str) -> String {
        self.urls.url(route, lang).unwrap_or_default()
    }

    fn reviewed(&self, date: Date, lang: &str) -> Result<Reviewed, Diagnostic> {
        let month = self.t(lang, &format!("month-{}", date.month))?;
        let text = self.t_args(
            lang,
            "date",
            &[
                ("day".into(), Arg::Number(f64::from(date.day))),
                ("month".into(), Arg::Text(month)),
                ("year".into(), Arg::Text(date.year.to_string())),
            ],
        )?;
        Ok(Reviewed {
            iso: date.to_string(),
            text,
        })
    }

    fn sources(&self, sources: &[Source]) -> Vec<SourceView> {
        sources
            .iter()
            .map(|s| SourceView {
                title: s.title.clone(),
                url: s.url.as_str().to_owned(),
            })
            .collect()
    }

    fn links(&self, links: &[crate::model::Link], lang: &str) -> Vec<LinkView> {
        links
            .iter()
            .map(|l| LinkView {
                title: self.text(&l.title, lang),
                url: l.url.as_str().to_owned(),
            })
            .collect()
    }

    /// What the search page's script needs, as JSON for a `<script type="application/json">`
    /// element: where each language's index lives and the interface strings (`{count}` and
    /// `{query}` are filled in by the script).
    fn search_config(&self, lang: &str) -> Result<String, Diagnostic> {
        let bundle = |code: &str| {
            let prefix = if code == self.config.languages.default_code() {
                String::new()
            } else {
                format!("{code}/")
            };
            self.urls
                .asset(&format!("{prefix}{}/", crate::model::refs::BUNDLE_DIR))
        };
        let text = |value: &str| (value.to_owned(), Arg::Text(format!("{{{value}}}")));
        let mut messages = serde_json::Map::new();
        for (name, key, args) in [
            ("one", "search-results-one", vec![text("count")]),
            ("other", "search-results-other", vec![text("count")]),
            ("none", "search-none", vec![text("query")]),
            ("corrected", "search-corrected", vec![text("query")]),
            ("otherLanguage", "search-other-language", vec![]),
            ("loading", "search-loading", vec![]),
            ("unavailable", "search-unavailable", vec![]),
            ("network", "search-kind-network", vec![]),
            ("ern", "search-kind-ern", vec![]),
            ("partner", "search-kind-partner", vec![]),
            ("page", "search-kind-page", vec![]),
        ] {
            messages.insert(name.into(), self.t_args(lang, key, &args)?.into());
        }
        let mut others = Vec::new();
        for code in self.config.languages.codes().filter(|c| *c != lang) {
            others.push(serde_json::json!({
                "lang": code,
                "name": self.t(code, "language-name")?,
                "bundle": bundle(code),
            }));
        }
        let config = serde_json::json!({
            "lang": lang,
            "root": self.config.base_path,
            "bundle": bundle(lang),
            "vocabulary": crate::model::refs::VOCABULARY_FILE,
            "others": others,
            "messages": messages,
        });
        // `<` escaped so that no text can close the script element.
        Ok(config.to_string().replace('<', "\\u003c"))
    }

    fn frame(
        &self,
        route: &Route,
        lang: &str,
        kind: &'static str,
        title: String,
        description: String,
    ) -> Result<Frame, Diagnostic> {
        let mut alternates = Vec::new();
        for code in self.config.languages.codes() {
            if let (Some(url), Some(absolute_url)) =
                (self.urls.url(route, code), self.urls.absolute(route, code))
            {
                alternates.push(Alternate {
                    lang: code.to_owned(),
                    name: self.t(code, "language-name")?,
                    url,
                    absolute_url,
                    current: code == lang,
                    placeholder: self.awaiting_source(route, code).is_some(),
                });
            }
        }
        let mut nav = Vec::new();
        for (target, key) in [
            (Route::NetworkList, "nav-networks"),
            (Route::ErnList, "nav-erns"),
            (Route::PartnerList, "nav-partners"),
        ] {
            nav.push(NavItem {
                title: self.t(lang, key)?,
                url: self.url(&target, lang),
                current: &target == route || is_child(route, &target),
            });
        }
        let mut footer_nav = Vec::new();
        for page in self.menu_pages.get(lang).into_iter().flatten() {
            let target = Route::Page(page.key.clone());
            let item = NavItem {
                title: typography(&page.meta.title, lang),
                url: self.url(&target, lang),
                current: &target == route,
            };
            match page.meta.menu {
                Some(crate::model::Menu::Main) => nav.push(item),
                _ => footer_nav.push(item),
            }
        }
        Ok(Frame {
            lang: lang.to_owned(),
            kind,
            site_title: self.text(&self.config.title, lang),
            site_description: self.text(&self.config.description, lang),
            title: typography(&title, lang),
            description: typography(&description, lang),
            canonical: (route != &Route::NotFound)
                .then(|| self.urls.absolute(route, lang))
                .flatten(),
            alternates,
            nav,
            footer_nav,
            home_url: self.url(&Route::Home, lang),
            search_url: self.url(&Route::Search, lang),
            css_url: self.urls.asset(STYLESHEET),
            translation_note: self.translation_note(route, lang)?,
            noindex: self.awaiting_source(route, lang).is_some(),
            og_locale: og_locale(lang),
            og_locale_alternates: self
                .config
                .languages
                .codes()
                .filter(|code| *code != lang && self.awaiting_source(route, code).is_none())
                .map(og_locale)
                .collect(),
            json_ld: self.json_ld(route, lang, &description),
        })
    }

    /// schema.org JSON-LD: the site (`WebSite`, with its search) on the home page, a
    /// `MedicalOrganization` for each network and ERN. Only facts the records state.
    fn json_ld(&self, route: &Route, lang: &str, description: &str) -> Option<String> {
        let absolute = |r: &Route, l: &str| self.urls.absolute(r, l);
        let value = match route {
            Route::Home => {
                let search = absolute(&Route::Search, lang)?;
                serde_json::json!({
                    "@context": "https://schema.org",
                    "@type": "WebSite",
                    "name": self.text(&self.config.title, lang),
                    "description": self.text(&self.config.description, lang),
                    "url": absolute(route, lang)?,
                    "inLanguage": lang,
                    "potentialAction": {
                        "@type": "SearchAction",
                        "target": {
                            "@type": "EntryPoint",
                            "urlTemplate": format!("{search}?q={{search_term_string}}"),
                        },
                        "query-input": "required name=search_term_string",
                    },
                })
            }
            Route::Network(id) => {
                let n = self.site.network(id)?;
                let member_of: Vec<serde_json::Value> = n
                    .data
                    .erns
                    .iter()
                    .filter(|link| link.basis == crate::model::Basis::Sourced)
                    .filter_map(|link| {
                        let ern = self.site.ern(&link.id)?;
                        Some(serde_json::json!({
                            "@type": "MedicalOrganization",
                            "name": ern.data.acronym,
                            "url": absolute(&Route::Ern(link.id.clone()), lang)?,
                        }))
                    })
                    .collect();
                let mut value = organization(
                    &n.data.acronym,
                    &self.text(&n.data.name, lang),
                    description,
                    absolute(route, lang)?,
                    n.data.website.as_ref().map(|w| w.0.clone()),
                    lang,
                );
                value["areaServed"] = serde_json::json!({"@type": "Country", "name": "France"});
                if !member_of.is_empty() {
                    value["memberOf"] = serde_json::Value::Array(member_of);
                }
                value
            }
            Route::Ern(id) => {
                let e = self.site.ern(id)?;
                organization(
                    &e.data.acronym,
                    &self.text(&e.data.name, lang),
                    description,
                    absolute(route, lang)?,
                    e.data.website.as_ref().map(|w| w.0.clone()),
                    lang,
                )
            }
            _ => return None,
        };
        // `<` escaped so that no text can close the script element.
        Some(value.to_string().replace('<', "\\u003c"))
    }

    /// The page standing in for `route` in `lang` while its translation is awaited.
    fn awaiting_source(&self, route: &Route, lang: &str) -> Option<&'a Page> {
        match route {
            Route::Page(key) => self.site.awaiting(key, lang),
            _ => None,
        }
    }

    fn translation_note(
        &self,
        route: &Route,
        lang: &str,
    ) -> Result<Option<TranslationNote>, Diagnostic> {
        let (kind, source_lang) = if let Some(page) = self.awaiting_source(route, lang) {
            ("awaiting", page.lang.as_str())
        } else if let Some(o) = self
            .outdated
            .iter()
            .find(|o| o.route == *route && o.lang == lang)
        {
            ("outdated", o.source_lang.as_str())
        } else {
            return Ok(None);
        };
        Ok(Some(TranslationNote {
            kind,
            text: self.t(lang, &format!("translation-{kind}"))?,
            lang: source_lang.to_owned(),
            language_name: self.t(source_lang, "language-name")?,
            url: self.url(route, source_lang),
        }))
    }

    fn network_summaries(&self, lang: &str) -> Result<Vec<RecordSummary>, Diagnostic> {
        let mut out = Vec::new();
        for n in &self.site.networks {
            out.push(RecordSummary {
                id: n.id.clone(),
                acronym: n.data.acronym.clone(),
                name: self.text(&n.data.name, lang),
                url: self.url(&Route::Network(n.id.clone()), lang),
                category: n.data.network_type.as_str().to_owned(),
                category_label: self.t(
                    lang,
                    &format!("network-type-{}", n.data.network_type.as_str()),
                )?,
            });
        }
        sort_by_acronym(&mut out);
        Ok(out)
    }

    fn ern_summaries(&self, lang: &str) -> Vec<RecordSummary> {
        let mut out: Vec<RecordSummary> = self
            .site
            .erns
            .iter()
            .map(|e| RecordSummary {
                id: e.id.clone(),
                acronym: e.data.acronym.clone(),
                name: self.text(&e.data.name, lang),
                url: self.url(&Route::Ern(e.id.clone()), lang),
                category: String::new(),
                category_label: String::new(),
            })
            .collect();
        sort_by_acronym(&mut out);
        out
    }

    fn partner_groups(&self, lang: &str) -> Result<Vec<PartnerGroup>, Diagnostic> {
        let mut groups: Vec<PartnerGroup> = Vec::new();
        let mut partners: Vec<_> = self.site.partners.iter().collect();
        partners.sort_by_key(|p| (p.data.category, p.id.clone()));
        for p in partners {
            let category = p.data.category.as_str();
            let label = self.t(lang, &format!("partner-category-{category}"))?;
            let summary = RecordSummary {
                id: p.id.clone(),
                acronym: p.data.acronym.clone().unwrap_or_default(),
                name: self.text(&p.data.name, lang),
                url: self.url(&Route::Partner(p.id.clone()), lang),
                category: category.to_owned(),
                category_label: label.clone(),
            };
            match groups.last_mut() {
                Some(group) if group.category == category => group.partners.push(summary),
                _ => groups.push(PartnerGroup {
                    category: category.to_owned(),
                    label,
                    partners: vec![summary],
                }),
            }
        }
        Ok(groups)
    }

    /// Render one route in one language: `(output path, bytes)`, or `None` if it has no page in
    /// that language.
    fn render_route(
        &self,
        route: &Route,
        lang: &str,
    ) -> Result<Option<(String, Vec<u8>)>, Diagnostic> {
        let Some(path) = self.urls.output_file(route, lang) else {
            return Ok(None);
        };
        let body_owner = Owner::Route(route.clone());
        let (template, frame, mut ctx) = match route {
            Route::Home => {
                let page = self.site.page(HOME_KEY, lang);
                let title = page.map_or_else(
                    || self.text(&self.config.title, lang),
                    |p| p.meta.title.clone(),
                );
                let description = page.map_or_else(
                    || self.text(&self.config.description, lang),
                    |p| p.meta.description.clone(),
                );
                let frame = self.frame(route, lang, "home", title, description)?;
                let mut ctx = Context::new();
                ctx.insert("body_html", &self.bodies.html(&body_owner, "body", lang));
                ctx.insert("networks", &self.network_summaries(lang)?);
                ctx.insert("erns", &self.ern_summaries(lang));
                ctx.insert("partner_count", &self.site.partners.len());
                ("home.html", frame, ctx)
            }
            Route::Page(key) => match self.site.page(key, lang) {
                None => {
                    let Some(original) = self.site.awaiting(key, lang) else {
                        return Ok(None);
                    };
                    // A placeholder: the frame's notice links to the original.
                    let frame = self.frame(
                        route,
                        lang,
                        "page",
                        original.meta.title.clone(),
                        original.meta.description.clone(),
                    )?;
                    let view = PageView {
                        body_html: String::new(),
                        toc: Vec::new(),
                        layout: "page",
                        sources: self.sources(&original.meta.sources),
                        reviewed: self.reviewed(original.meta.reviewed, lang)?,
                    };
                    let mut ctx = Context::new();
                    ctx.insert("page", &view);
                    ("page.html", frame, ctx)
                }
                Some(page) => {
                    let frame = self.frame(
                        route,
                        lang,
                        "page",
                        page.meta.title.clone(),
                        page.meta.description.clone(),
                    )?;
                    let body = self.bodies.get(&body_owner, "body", lang);
                    let view = PageView {
                        body_html: body.map(|b| b.html.clone()).unwrap_or_default(),
                        toc: body
                            .map(|b| {
                                b.headings
                                    .iter()
                                    .filter(|h| h.level == 2)
                                    .map(|h| TocEntry {
                                        id: h.id.clone(),
                                        text: h.text.clone(),
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                        layout: match page.meta.layout {
                            crate::model::Layout::Page => "page",
                            crate::model::Layout::Glossary => "glossary",
                            crate::model::Layout::Accessibility => "accessibility",
                        },
                        sources: self.sources(&page.meta.sources),
                        reviewed: self.reviewed(page.meta.reviewed, lang)?,
                    };
                    let mut ctx = Context::new();
                    ctx.insert("page", &view);
                    if page.meta.layout == crate::model::Layout::Glossary {
                        ctx.insert("glossary", &self.glossary_terms(lang));
                    }
                    if page.meta.layout == crate::model::Layout::Accessibility {
                        ctx.insert("accessibility", &self.accessibility(lang)?);
                    }
                    ("page.html", frame, ctx)
                }
            },
            Route::NetworkList => {
                let frame = self.frame(
                    route,
                    lang,
                    "network-list",
                    self.t(lang, "networks-title")?,
                    self.t(lang, "networks-description")?,
                )?;
                let mut ctx = Context::new();
                ctx.insert("networks", &self.network_summaries(lang)?);
                ("network-list.html", frame, ctx)
            }
            Route::Network(id) => {
                let Some(n) = self.site.network(id) else {
                    return Ok(None);
                };
                let view = self.network_view(n, lang)?;
                let frame = self.frame(
                    route,
                    lang,
                    "network",
                    format!("{} — {}", view.acronym, view.name),
                    plain_summary(self.bodies, &body_owner, lang),
                )?;
                let mut ctx = Context::new();
                ctx.insert("network", &view);
                ("network.html", frame, ctx)
            }
            Route::ErnList => {
                let frame = self.frame(
                    route,
                    lang,
                    "ern-list",
                    self.t(lang, "erns-title")?,
                    self.t(lang, "erns-description")?,
                )?;
                let mut ctx = Context::new();
                ctx.insert("erns", &self.ern_summaries(lang));
                ("ern-list.html", frame, ctx)
            }
            Route::Ern(id) => {
                let Some(e) = self.site.ern(id) else {
                    return Ok(None);
                };
                let view = self.ern_view(e, lang)?;
                let frame = self.frame(
                    route,
                    lang,
                    "ern",
                    format!("{} — {}", view.acronym, view.name),
                    plain_summary(self.bodies, &body_owner, lang),
                )?;
                let mut ctx = Context::new();
                ctx.insert("ern", &view);
                ("ern.html", frame, ctx)
            }
            Route::PartnerList => {
                let frame = self.frame(
                    route,
                    lang,
                    "partner-list",
                    self.t(lang, "partners-title")?,
                    self.t(lang, "partners-description")?,
                )?;
                let mut ctx = Context::new();
                ctx.insert("groups", &self.partner_groups(lang)?);
                ctx.insert("partner_count", &self.site.partners.len());
                ("partner-list.html", frame, ctx)
            }
            Route::Partner(id) => {
                let Some(p) = self.site.partner(id) else {
                    return Ok(None);
                };
                let view = self.partner_view(p, lang)?;
                let title = if view.acronym.is_empty() {
                    view.name.clone()
                } else {
                    format!("{} — {}", view.acronym, view.name)
                };
                let frame = self.frame(
                    route,
                    lang,
                    "partner",
                    title,
                    plain_summary(self.bodies, &body_owner, lang),
                )?;
                let mut ctx = Context::new();
                ctx.insert("partner", &view);
                ("partner.html", frame, ctx)
            }
            Route::Search => {
                let frame = self.frame(
                    route,
                    lang,
                    "search",
                    self.t(lang, "search-title")?,
                    self.t(lang, "search-description")?,
                )?;
                let mut ctx = Context::new();
                ctx.insert("conditions", &self.condition_index(lang));
                ctx.insert("search_config", &self.search_config(lang)?);
                ctx.insert("search_script", &self.urls.asset(SEARCH_SCRIPT));
                ("search.html", frame, ctx)
            }
            Route::NotFound => {
                let frame = self.frame(
                    route,
                    lang,
                    "not-found",
                    self.t(lang, "not-found-title")?,
                    self.t(lang, "not-found-description")?,
                )?;
                ("404.html", frame, Context::new())
            }
            // Files written by the open data stage, not pages.
            Route::Data(_) => return Ok(None),
        };
        let mut full = Context::from_serialize(&frame)
            .map_err(|e| Diagnostic::error(format!("internal: {e}")))?;
        full.extend(std::mem::take(&mut ctx));
        // Glossary links point at the page's note (`aria-describedby`): it is shown only then.
        full.insert(
            "glossary_note",
            &self.bodies.links_glossary(&body_owner, lang),
        );
        let shown = format!("{} in `{lang}`", self.url(route, lang));
        let html = self
            .theme
            .tera
            .render(template, &full)
            .map_err(|err| template_error(&err, &self.theme.dir, Some(&shown)))?;
        Ok(Some((path, html.into_bytes())))
    }

    /// The facts of the accessibility statement, in `lang`.
    fn accessibility(&self, lang: &str) -> Result<Option<AccessibilityView>, Diagnostic> {
        let Some(a) = &self.config.accessibility else {
            return Ok(None);
        };
        let contact = match &a.contact {
            Some(contact) if contact.contains('@') && !contact.contains("://") => Some(LinkView {
                url: format!("mailto:{contact}"),
                title: contact.clone(),
            }),
            Some(contact) => Some(LinkView {
                url: contact.clone(),
                title: contact.clone(),
            }),
            None => None,
        };
        Ok(Some(AccessibilityView {
            standard: a.standard.clone(),
            status: self.t(lang, &format!("accessibility-status-{}", a.status.as_str()))?,
            audited: match a.audited {
                Some(date) => Some(self.reviewed(date, lang)?.text),
                None => None,
            },
            tests: a
                .tests
                .get(lang)
                .into_iter()
                .flatten()
                .map(|t| typography(t, lang))
                .collect(),
            contact,
        }))
    }

    fn glossary_terms(&self, lang: &str) -> Vec<GlossaryTermView> {
        let Some(g) = &self.site.glossary else {
            return Vec::new();
        };
        let mut terms: Vec<GlossaryTermView> = g
            .data
            .terms
            .iter()
            .map(|term| GlossaryTermView {
                id: term.id.clone(),
                term: self.text(&term.term, lang),
                expansion: term.expansion.as_ref().map(|e| self.text(e, lang)),
                definition_html: self.bodies.html(
                    &Owner::GlossaryTerm(term.id.clone()),
                    "definition",
                    lang,
                ),
            })
            .collect();
        terms.sort_by_cached_key(|t| crate::text::slugify(&t.term));
        terms
    }

    /// Every condition name and synonym, A–Z, with the network that handles it (the search page
    /// without JavaScript).
    fn condition_index(&self, lang: &str) -> Vec<RelatedView> {
        let mut entries = Vec::new();
        for n in &self.site.networks {
            let url = self.url(&Route::Network(n.id.clone()), lang);
            for c in &n.data.conditions {
                let mut names = vec![self.text(&c.name, lang)];
                names.extend(self.list(&c.synonyms, lang));
                names.extend(self.list(&c.abbreviations, lang));
                for name in names {
                    entries.push(RelatedView {
                        id: n.id.clone(),
                        acronym: n.data.acronym.clone(),
                        name,
                        url: url.clone(),
                        basis: String::new(),
                        note: None,
                    });
                }
            }
        }
        entries
            .sort_by_cached_key(|e| (crate::text::slugify(&e.name), e.name.clone(), e.id.clone()));
        entries.dedup_by(|a, b| a.name == b.name && a.id == b.id);
        entries
    }

    fn network_view(
        &self,
        r: &crate::content::Record<crate::model::Network>,
        lang: &str,
    ) -> Result<NetworkView, Diagnostic> {
        let n = &r.data;
        let owner = Owner::Route(Route::Network(r.id.clone()));
        let mut erns = Vec::new();
        for link in &n.erns {
            if let Some(e) = self.site.ern(&link.id) {
                erns.push(RelatedView {
                    id: e.id.clone(),
                    acronym: e.data.acronym.clone(),
                    name: self.text(&e.data.name, lang),
                    url: self.url(&Route::Ern(e.id.clone()), lang),
                    basis: basis_code(link.basis).to_owned(),
                    note: link.note.as_ref().map(|note| self.text(note, lang)),
                });
            }
        }
        Ok(NetworkView {
            id: r.id.clone(),
            acronym: n.acronym.clone(),
            name: self.text(&n.name, lang),
            name_translated: n.translated_name.iter().any(|l| l == lang),
            network_type: n.network_type.as_str().to_owned(),
            type_label: self.t(lang, &format!("network-type-{}", n.network_type.as_str()))?,
            summary_html: self.bodies.html(&owner, "summary", lang),
            conditions: n
                .conditions
                .iter()
                .map(|c| ConditionView {
                    name: self.text(&c.name, lang),
                    synonyms: self.list(&c.synonyms, lang),
                    abbreviations: self.list(&c.abbreviations, lang),
                    lay_terms: self.list(&c.lay_terms, lang),
                })
                .collect(),
            erns,
            history_html: self.bodies.html(&owner, "history", lang),
            coordination_html: self.bodies.html(&owner, "coordination", lang),
            website: n.website.as_ref().map(|u| u.as_str().to_owned()),
            links: self.links(&n.links, lang),
            sources: self.sources(&n.sources),
            reviewed: self.reviewed(n.reviewed, lang)?,
        })
    }

    fn ern_view(
        &self,
        r: &crate::content::Record<crate::model::Ern>,
        lang: &str,
    ) -> Result<ErnView, Diagnostic> {
        let e = &r.data;
        let owner = Owner::Route(Route::Ern(r.id.clone()));
        let mut networks = Vec::new();
        for (id, basis) in self.site.ern_networks.get(&r.id).into_iter().flatten() {
            if let Some(n) = self.site.network(id) {
                networks.push(RelatedView {
                    id: id.clone(),
                    acronym: n.data.acronym.clone(),
                    name: self.text(&n.data.name, lang),
                    url: self.url(&Route::Network(id.clone()), lang),
                    basis: basis_code(*basis).to_owned(),
                    note: None,
                });
            }
        }
        Ok(ErnView {
            id: r.id.clone(),
            acronym: e.acronym.clone(),
            name: self.text(&e.name, lang),
            name_translated: e.translated_name.iter().any(|l| l == lang),
            summary_html: self.bodies.html(&owner, "summary", lang),
            domains: e.domains.iter().map(|d| self.text(d, lang)).collect(),
            french_participation_html: self.bodies.html(&owner, "french_participation", lang),
            history_html: self.bodies.html(&owner, "history", lang),
            coordination_html: self.bodies.html(&owner, "coordination", lang),
            networks,
            website: e.website.as_ref().map(|u| u.as_str().to_owned()),
            links: self.links(&e.links, lang),
            sources: self.sources(&e.sources),
            reviewed: self.reviewed(e.reviewed, lang)?,
        })
    }

    fn partner_view(
        &self,
        r: &crate::content::Record<crate::model::Partner>,
        lang: &str,
    ) -> Result<PartnerView, Diagnostic> {
        let p = &r.data;
        let owner = Owner::Route(Route::Partner(r.id.clone()));
        let category = p.category.as_str();
        Ok(PartnerView {
            id: r.id.clone(),
            acronym: p.acronym.clone().unwrap_or_default(),
            name: self.text(&p.name, lang),
            name_translated: p.translated_name.iter().any(|l| l == lang),
            category: category.to_owned(),
            category_label: self.t(lang, &format!("partner-category-{category}"))?,
            summary_html: self.bodies.html(&owner, "summary", lang),
            website: p.website.as_ref().map(|u| u.as_str().to_owned()),
            links: self.links(&p.links, lang),
            sources: self.sources(&p.sources),
            reviewed: self.reviewed(p.reviewed, lang)?,
        })
    }

    fn sitemap(&self, routes: &[Route]) -> String {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        let default = self.config.languages.default_code();
        for route in routes.iter().filter(|r| **r != Route::NotFound) {
            for lang in self.config.languages.codes() {
                let Some(loc) = self.urls.absolute(route, lang) else {
                    continue;
                };
                if self.awaiting_source(route, lang).is_some() {
                    continue;
                }
                let _ = writeln!(xml, "  <url>\n    <loc>{}</loc>", xml_escape(&loc));
                for alt in self.config.languages.codes() {
                    if self.awaiting_source(route, alt).is_some() {
                        continue;
                    }
                    if let Some(href) = self.urls.absolute(route, alt) {
                        let _ = writeln!(
                            xml,
                            "    <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{}\"/>",
                            xml_escape(&href)
                        );
                    }
                }
                if let Some(href) = self.urls.absolute(route, default) {
                    let _ = writeln!(
                        xml,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                        xml_escape(&href)
                    );
                }
                xml.push_str("  </url>\n");
            }
        }
        xml.push_str("</urlset>\n");
        xml
    }

    fn robots(&self) -> String {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            self.config.base_url
        )
    }
}

fn is_child(route: &Route, list: &Route) -> bool {
    matches!(
        (route, list),
        (Route::Network(_), Route::NetworkList)
            | (Route::Ern(_), Route::ErnList)
            | (Route::Partner(_), Route::PartnerList)
    )
}

/// OpenGraph writes locales as `language_TERRITORY`; the site's texts follow French and British
/// usage.
fn og_locale(lang: &str) -> String {
    match lang {
        "fr" => "fr_FR".to_owned(),
        "en" => "en_GB".to_owned(),
        other => other.to_owned(),
    }
}

/// A schema.org `MedicalOrganization` (oncology) with the fields every record has.
fn organization(
    acronym: &str,
    name: &str,
    description: &str,
    url: String,
    website: Option<String>,
    lang: &str,
) -> serde_json::Value {
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "MedicalOrganization",
        "name": name,
        "alternateName": acronym,
        "description": description,
        "url": url,
        "medicalSpecialty": "https://schema.org/Oncologic",
        "inLanguage": lang,
    });
    if let Some(website) = website {
        value["sameAs"] = serde_json::Value::String(website);
    }
    value
}

/// Pages that appear in a menu, grouped by language and sorted by weight, then key.
fn menu_pages(site: &Site) -> BTreeMap<&str, Vec<&Page>> {
    let mut menus: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    for page in site.pages.iter().filter(|p| p.meta.menu.is_some()) {
        menus.entry(page.lang.as_str()).or_default().push(page);
    }
    for pages in menus.values_mut() {
        pages.sort_by_key(|p| (p.meta.weight.unwrap_or(0), p.key.as_str()));
    }
    menus
}

fn basis_code(basis: crate::model::Basis) -> &'static str {
    match basis {
        crate::model::Basis::Sourced => "sourced",
        crate::model::Basis::Inferred => "inferred",
    }
}

fn sort_by_acronym(items: &mut [RecordSummary]) {
    items.sort_by_cached_key(|item| (crate::text::slugify(&item.acronym), item.id.clone()));
}

/// The first sentence or so of a record's summary, as a meta description.
fn plain_summary(bodies: &Bodies, owner: &Owner, lang: &str) -> String {
    let plain = bodies
        .get(owner, "summary", lang)
        .map(|b| b.plain.clone())
        .unwrap_or_default();
    let flat = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 200 {
        return flat;
    }
    let cut: String = flat.chars().take(200).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => cut,
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
