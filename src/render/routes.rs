//! One function per kind of route: what its template gets besides the frame. The template of
//! each kind is [`super::template_for`]'s.

use tera::Context;

use super::Renderer;
use super::chart::{FIGURES_ANCHOR, figure_view};
use super::records::plain_summary;
use super::theme::SEARCH_SCRIPT;
use super::views::*;
use crate::bodies::Owner;
use crate::diag::Diagnostic;
use crate::model::{HOME_KEY, Layout};
use crate::urls::Route;

/// A route's frame and the rest of its template's context.
pub(super) type RoutePage = (Frame, Context);

/// A route's page, `None` when the route has no page in that language.
type RouteResult = Result<Option<RoutePage>, Diagnostic>;

impl Renderer<'_> {
    /// The home page: its Markdown body, then the networks and ERNs.
    pub(super) fn home(&self, route: &Route, lang: &str) -> RouteResult {
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
        ctx.insert(
            "body_html",
            &self.bodies.html(&Owner::Route(route.clone()), "body", lang),
        );
        ctx.insert("networks", &self.network_summaries(lang)?);
        ctx.insert("erns", &self.ern_summaries(lang));
        ctx.insert("partner_count", &self.site.partners.len());
        Ok(Some((frame, ctx)))
    }

    /// A Markdown page, or the placeholder of a page awaiting its translation.
    pub(super) fn page(&self, route: &Route, key: &str, lang: &str) -> RouteResult {
        match self.site.page(key, lang) {
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
                    figures: Vec::new(),
                    figures_anchor: FIGURES_ANCHOR,
                    layout: "page",
                    sources: self.sources(&original.meta.sources, lang),
                    reviewed: self.reviewed(original.meta.reviewed, lang)?,
                };
                let mut ctx = Context::new();
                ctx.insert("page", &view);
                Ok(Some((frame, ctx)))
            }
            Some(page) => {
                let frame = self.frame(
                    route,
                    lang,
                    "page",
                    page.meta.title.clone(),
                    page.meta.description.clone(),
                )?;
                let body = self.bodies.get(&Owner::Route(route.clone()), "body", lang);
                let figures: Vec<FigureView> = page
                    .meta
                    .figures
                    .iter()
                    .map(|f| figure_view(f, lang))
                    .collect();
                let mut toc = Vec::new();
                if !figures.is_empty() {
                    toc.push(TocEntry {
                        id: FIGURES_ANCHOR.to_owned(),
                        text: self.t(lang, "figures-title")?,
                    });
                }
                toc.extend(body.into_iter().flat_map(|b| {
                    b.headings
                        .iter()
                        .filter(|h| h.level == 2)
                        .map(|h| TocEntry {
                            id: h.id.clone(),
                            text: h.text.clone(),
                        })
                }));
                let view = PageView {
                    body_html: body.map(|b| b.html.clone()).unwrap_or_default(),
                    toc,
                    figures,
                    figures_anchor: FIGURES_ANCHOR,
                    layout: match page.meta.layout {
                        Layout::Page => "page",
                        Layout::Glossary => "glossary",
                        Layout::Accessibility => "accessibility",
                    },
                    sources: self.sources(&page.meta.sources, lang),
                    reviewed: self.reviewed(page.meta.reviewed, lang)?,
                };
                let mut ctx = Context::new();
                ctx.insert("page", &view);
                if page.meta.layout == Layout::Glossary {
                    ctx.insert("glossary", &self.glossary_terms(lang));
                }
                if page.meta.layout == Layout::Accessibility {
                    ctx.insert("accessibility", &self.accessibility(lang)?);
                }
                Ok(Some((frame, ctx)))
            }
        }
    }

    /// Every French network, by acronym.
    pub(super) fn network_list(&self, route: &Route, lang: &str) -> RouteResult {
        let mut ctx = Context::new();
        ctx.insert("networks", &self.network_summaries(lang)?);
        self.fixed_page(route, lang, "network-list", "networks", ctx)
    }

    /// A French network.
    pub(super) fn network(&self, route: &Route, id: &str, lang: &str) -> RouteResult {
        let Some(n) = self.site.network(id) else {
            return Ok(None);
        };
        let view = self.network_view(n, lang)?;
        self.record_page(route, lang, "network", (&view.acronym, &view.name), &view)
    }

    /// Every ERN, by acronym.
    pub(super) fn ern_list(&self, route: &Route, lang: &str) -> RouteResult {
        let mut ctx = Context::new();
        ctx.insert("erns", &self.ern_summaries(lang));
        self.fixed_page(route, lang, "ern-list", "erns", ctx)
    }

    /// A European Reference Network.
    pub(super) fn ern(&self, route: &Route, id: &str, lang: &str) -> RouteResult {
        let Some(e) = self.site.ern(id) else {
            return Ok(None);
        };
        let view = self.ern_view(e, lang)?;
        self.record_page(route, lang, "ern", (&view.acronym, &view.name), &view)
    }

    /// The partners, by category.
    pub(super) fn partner_list(&self, route: &Route, lang: &str) -> RouteResult {
        let mut ctx = Context::new();
        ctx.insert("groups", &self.partner_groups(lang)?);
        ctx.insert("partner_count", &self.site.partners.len());
        self.fixed_page(route, lang, "partner-list", "partners", ctx)
    }

    /// A partner organisation.
    pub(super) fn partner(&self, route: &Route, id: &str, lang: &str) -> RouteResult {
        let Some(p) = self.site.partner(id) else {
            return Ok(None);
        };
        let view = self.partner_view(p, lang)?;
        self.record_page(route, lang, "partner", (&view.acronym, &view.name), &view)
    }

    /// The search page: its script's settings and the A–Z of conditions for readers without
    /// JavaScript.
    pub(super) fn search(&self, route: &Route, lang: &str) -> RouteResult {
        let mut ctx = Context::new();
        ctx.insert("conditions", &self.condition_index(lang));
        ctx.insert("search_config", &self.search_config(lang)?);
        ctx.insert(
            "search_script",
            &self.urls.asset(&self.theme.asset_path(SEARCH_SCRIPT)),
        );
        self.fixed_page(route, lang, "search", "search", ctx)
    }

    /// The not-found page.
    pub(super) fn not_found(&self, route: &Route, lang: &str) -> RouteResult {
        self.fixed_page(route, lang, "not-found", "not-found", Context::new())
    }

    /// A page of the site's own (a list, search, not found): its title and description are the
    /// interface strings `<strings>-title` and `<strings>-description`.
    fn fixed_page(
        &self,
        route: &Route,
        lang: &str,
        kind: &'static str,
        strings: &str,
        ctx: Context,
    ) -> RouteResult {
        let frame = self.frame(
            route,
            lang,
            kind,
            self.t(lang, &format!("{strings}-title"))?,
            self.t(lang, &format!("{strings}-description"))?,
        )?;
        Ok(Some((frame, ctx)))
    }

    /// A record's page: titled `ACRONYM — name` (the name alone without an acronym), described
    /// by the start of its summary, its view under `kind` in the template.
    fn record_page(
        &self,
        route: &Route,
        lang: &str,
        kind: &'static str,
        (acronym, name): (&str, &str),
        view: &impl serde::Serialize,
    ) -> RouteResult {
        let title = if acronym.is_empty() {
            name.to_owned()
        } else {
            format!("{acronym} — {name}")
        };
        let description = plain_summary(self.bodies, &Owner::Route(route.clone()), lang);
        let frame = self.frame(route, lang, kind, title, description)?;
        let mut ctx = Context::new();
        ctx.insert(kind, view);
        Ok(Some((frame, ctx)))
    }
}
