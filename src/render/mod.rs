//! Rendering: the theme's Tera templates fed view structs for every route in every language, plus
//! the sitemap, robots.txt and the theme's static files, all into an [`Output`].
//!
//! ```text
//! Site + Bodies + Translations + Theme ─▶ (route, language) jobs on all cores ─▶ Rendered
//!                                         └ routes.rs: one function per kind of route
//! ```
//! Rooms: [`theme`] (templates, static files, the route → template mapping), `chart` (key
//! figures as SVG bar charts with their tables), `assets`
//! (fingerprinted names of the static files), `frame` (what every page shares), `routes` (one
//! function per kind of route), `records` (record views and lists), `sitemap`, `hosting` (the
//! web manifest and the `_headers` file for static hosts), [`views`] (the shapes templates
//! see).
//!
//! Imports: the layers above `render` only; never `search` or `opendata`.

mod assets;
mod cache;
mod chart;
mod frame;
mod hosting;
mod records;
mod routes;
mod sitemap;
mod theme;
pub mod views;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;
use std::sync::Arc;

use rayon::prelude::*;
use tera::Context;

use crate::bodies::{Bodies, Owner};
use crate::config::Config;
use crate::content::{Page, Site};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::i18n::{Arg, Translations};
use crate::model::{Date, HOME_KEY, Link, Localized, LocalizedList, Source};
use crate::output::Output;
use crate::text::typography;
use crate::translation::Outdated;
use crate::urls::{Route, Urls};
pub use cache::RenderCache;
use cache::{Kept, Keys, StringSets};
use theme::template_error;
pub use theme::{SEARCH_SCRIPT, STYLESHEET, Theme, required_templates, template_for};
use views::*;

/// What rendering produced: the pages and files, and the interface strings the code asked for
/// (the templates' own `t(key="…")` literals are read from the theme by `check`).
#[derive(Debug)]
pub struct Rendered {
    pub output: Output,
    pub strings_used: BTreeSet<String>,
}

/// Everything rendering reads, borrowed; shared by every job.
struct Inputs<'a> {
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

/// One rendering job (a route in a language, or the sitemap): the shared inputs, and the
/// interface strings this job asked for, returned with its page.
struct Renderer<'a> {
    inputs: &'a Inputs<'a>,
    strings_used: RefCell<BTreeSet<String>>,
}

impl<'a> Renderer<'a> {
    fn new(inputs: &'a Inputs<'a>) -> Self {
        Renderer {
            inputs,
            strings_used: RefCell::default(),
        }
    }
}

// The route functions read the inputs as `self.site`, `self.config`…
impl<'a> Deref for Renderer<'a> {
    type Target = Inputs<'a>;

    fn deref(&self) -> &Inputs<'a> {
        self.inputs
    }
}

/// What rendering reads: the stages before it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub bodies: &'a Bodies,
    pub translations: &'a Translations,
    pub theme: &'a Theme,
    /// Translations whose original changed since (they get a notice).
    pub outdated: &'a [Outdated],
}

/// Render every route of the site in every language.
pub fn render(input: Input<'_>) -> Result<Rendered, Diagnostics> {
    render_cached(input, &mut RenderCache::default())
}

/// [`render`], taking from `cache` the pages whose inputs have not changed since the last build
/// (see [`cache`]), and leaving this build's pages in it.
pub fn render_cached(input: Input<'_>, cache: &mut RenderCache) -> Result<Rendered, Diagnostics> {
    let Input {
        config,
        site,
        bodies,
        translations,
        theme,
        outdated,
    } = input;
    let inputs = Inputs {
        config,
        site,
        bodies,
        translations,
        theme,
        urls: Urls::new(config, site),
        menu_pages: frame::menu_pages(site),
        outdated,
    };
    let r = Renderer::new(&inputs);
    let mut diags = Diagnostics::new();
    let mut output = Output::new();
    let routes = r.routes();
    let keys = Keys::new(&inputs);
    // Every (language, route) page renders on its own, on all cores; the results are collected
    // in route order, so the output and the diagnostics do not depend on scheduling.
    let jobs: Vec<(&str, &Route)> = config
        .languages
        .codes()
        .flat_map(|lang| routes.iter().map(move |route| (lang, route)))
        .collect();
    cache.start();
    let kept: &RenderCache = cache;
    // Per job: its key, and nothing if the cache has its page, or a new page with the strings it
    // asked for.
    type Job = (u64, Option<(cache::RoutePage, BTreeSet<String>)>);
    let pages: Vec<Job> = jobs
        .par_iter()
        .map(|(lang, route)| {
            let key = keys.route(&inputs, route, lang);
            if kept.get(route, lang, key).is_some() {
                return (key, None);
            }
            let job = Renderer::new(&inputs);
            let page = job
                .render_route(route, lang)
                .map(|page| page.map(|(path, html)| (path, Arc::<[u8]>::from(html))));
            (key, Some((page, job.strings_used.into_inner())))
        })
        .collect();
    let mut sets = StringSets::default();
    for ((lang, route), (key, fresh)) in jobs.iter().zip(pages) {
        let kept = match fresh {
            None => match cache.reuse(route, lang) {
                Some(kept) => {
                    sets.intern_shared(&kept.strings);
                    kept
                }
                // `get` found it a moment ago.
                None => continue,
            },
            Some((page, strings)) => {
                let strings = sets.intern(strings);
                cache.keep(route, lang, key, Kept::new(page, strings))
            }
        };
        match &kept.page {
            Ok(Some((path, html))) => {
                if let Err(why) = output.insert(path.clone(), Arc::clone(html)) {
                    diags.push(Diagnostic::error(Code::Output, why));
                }
            }
            Ok(None) => {}
            Err(d) => diags.push(d.clone()),
        }
    }
    cache.finish(jobs.len());
    let strings_used = sets.union();
    for (path, bytes) in &theme.static_files {
        if let Err(why) = output.insert(path.clone(), bytes.clone()) {
            diags.push(
                Diagnostic::error(Code::Output, why)
                    .in_file(theme.dir.join("static").join(path))
                    .with_help("a static file cannot share a path with a page"),
            );
        }
    }
    let sitemap = cache.sitemap(keys.sitemap(&inputs), || r.sitemap(&routes));
    for (path, bytes) in [
        ("sitemap.xml", sitemap),
        ("robots.txt", Arc::from(r.robots().into_bytes())),
        (hosting::MANIFEST, Arc::from(r.manifest().into_bytes())),
        (hosting::HEADERS, Arc::from(r.headers().into_bytes())),
    ] {
        if let Err(why) = output.insert(path, bytes) {
            diags.push(Diagnostic::error(Code::Output, why));
        }
    }
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    Ok(Rendered {
        output,
        strings_used,
    })
}

/// A source as a page in `lang` shows it: its language only when it differs.
fn source_view(source: &Source, lang: &str) -> SourceView {
    SourceView {
        title: source.title.clone(),
        url: source.url.as_str().to_owned(),
        lang: source.lang.clone().filter(|code| code != lang),
    }
}

impl Renderer<'_> {
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
        self.strings_used.borrow_mut().insert(key.to_owned());
        self.translations
            .get(lang, key, args)
            .map(|text| typography(&text, lang))
            .map_err(|why| {
                Diagnostic::error(Code::UnknownString, why).in_file(format!("i18n/{lang}.ftl"))
            })
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

    fn sources(&self, sources: &[Source], lang: &str) -> Vec<SourceView> {
        sources.iter().map(|s| source_view(s, lang)).collect()
    }

    fn links(&self, links: &[Link], lang: &str) -> Vec<LinkView> {
        links
            .iter()
            .map(|l| LinkView {
                title: self.text(&l.title, lang),
                url: l.url.as_str().to_owned(),
            })
            .collect()
    }

    /// Render one route in one language: `(output path, bytes)`, or `None` if it has no page in
    /// that language.
    fn render_route(
        &self,
        route: &Route,
        lang: &str,
    ) -> Result<Option<(String, Vec<u8>)>, Diagnostic> {
        let (Some(path), Some(template)) =
            (self.urls.output_file(route, lang), template_for(route))
        else {
            return Ok(None);
        };
        let page = match route {
            Route::Home => self.home(route, lang)?,
            Route::Page(key) => self.page(route, key, lang)?,
            Route::NetworkList => self.network_list(route, lang)?,
            Route::Network(id) => self.network(route, id, lang)?,
            Route::ErnList => self.ern_list(route, lang)?,
            Route::Ern(id) => self.ern(route, id, lang)?,
            Route::PartnerList => self.partner_list(route, lang)?,
            Route::Partner(id) => self.partner(route, id, lang)?,
            Route::Search => self.search(route, lang)?,
            Route::NotFound => self.not_found(route, lang)?,
            // Files written by the open data stage, not pages.
            Route::Data(_) => None,
        };
        let Some((frame, mut ctx)) = page else {
            return Ok(None);
        };
        let mut full = Context::from_serialize(&frame)
            .map_err(|e| Diagnostic::error(Code::Internal, format!("internal: {e}")))?;
        full.extend(std::mem::take(&mut ctx));
        // Glossary links point at the page's note (`aria-describedby`): it is shown only then.
        full.insert(
            "glossary_note",
            &self
                .bodies
                .links_glossary(&Owner::Route(route.clone()), lang),
        );
        let shown = format!("{} in `{lang}`", self.url(route, lang));
        let html = self.theme.tera.render(template, &full).map_err(|err| {
            template_error(&err, &self.theme.dir, &self.theme.templates, Some(&shown))
        })?;
        Ok(Some((path, html.into_bytes())))
    }
}
