//! One function per kind of route: what its template gets besides the frame. The template of
//! each kind is [`super::template_for`]'s.

use tera::Context;

use super::Renderer;
use super::records::plain_summary;
use super::theme::SEARCH_SCRIPT;
use super::views::*;
use crate::bodies::Owner;
use crate::diag::Diagnostic;
use crate::model::{HOME_KEY, Layout};
use crate::urls::Route;

/// A route's frame and the rest of its template's context.
pub(super) type RoutePage = (Frame, Context);

impl Renderer<'_> {
    /// The home page: its Markdown body, then the networks and ERNs.
    pub(super) fn home(&self, route: &Route, lang: &str) -> Result<Option<RoutePage>, Diagnostic> {
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
    pub(super) fn page(
        &self,
        route: &Route,
        key: &str,
        lang: &str,
    ) -> Result<Option<RoutePage>, Diagnostic> {
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
                    layout: "page",
                    sources: self.sources(&original.meta.sources),
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
                        Layout::Page => "page",
                        Layout::Glossary => "glossary",
                        Layout::Accessibility => "accessibility",
                    },
                    sources: self.sources(&page.meta.sources),
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
    pub(super) fn network_list(
        &self,
        route: &Route,
        lang: &str,
    ) -> Result<Option<RoutePage>, Diagnostic> {
        let frame = self.frame(
            route,
            lang,
            "network-list",
            self.t(lang, "networks-title")?,
            self.t(lang, "networks-description")?,
        )?;
        let mut ctx = Context::new();
        ctx.insert("networks", &self.network_summaries(lang)?);
        Ok(Some((frame, ctx)))
    }

    /// A French network.
    pub(super) fn network(
        &self,
        route: &Route,
        id: &str,
        lang: &str,
    ) -> Result<Option<RoutePage>, Diagnostic> {
        let Some(n) = self.site.network(id) else {
            return Ok(None);
        };
        let view = self.network_view(n, lang)?;
        let frame = self.frame(
            route,
            lang,
            "network",
            format!("{} — {}", view.acronym, view.name),
            plain_summary(self.bodies, &Owner::Route(route.clone()), lang),
        )?;
        let mut ctx = Context::new();
        ctx.insert("network", &view);
        Ok(Some((frame, ctx)))
    }

    /// Every ERN, by acronym.
    pub(super) fn ern_list(
        &self,
        route: &Route,
        lang: &str,
    ) -> Result<Option<RoutePage>, Diagnostic> {
        let frame = self.frame(
            route,
            lang,
            "ern-list",
            self.t(lang, "erns-title")?,
            self.t(lang, "erns-description")?,
        )?;
        let mut ctx = Context::new();
        ctx.insert("erns", &self.ern_summaries(lang));
        Ok(Some((frame, ctx)))
    }

    /// A European Reference Network.
    pub(super) fn ern(
        &self,
        route: &Route,
        id: &str,
        lang: &str,
    ) -> Result<Option<RoutePage>, Diagnostic> {
        let Some(e) = self.site.ern(id) else {
            return Ok(None);
        };
        let view = self.ern_view(e, lang)?;
        let frame = self.frame(
            route,
            lang,
            "ern",
            format!("{} — {}", view.acronym, view.name),
            plain_summary(self.bodies, &Owner::Route(route.clone()), lang),
        )?;
        let mut ctx = Context::new();
        ctx.insert("ern", &view);
        Ok(Some((frame, ctx)))
    }

    /// The partners, by category.
    pub(super) fn partner_list(
        &self,
        route: &Route,
        lang: &str,
    ) -> Result<Option<RoutePage>, Diagnostic> {
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
        Ok(Some((frame, ctx)))
    }

    /// A partner organisation.
    pub(super) fn partner(
        &self,
        route: &Route,
        id: &str,
        lang: &str,
    ) -> Result<Option<RoutePage>, Diagnostic> {
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
            plain_summary(self.bodies, &Owner::Route(route.clone()), lang),
        )?;
        let mut ctx = Context::new();
        ctx.insert("partner", &view);
        Ok(Some((frame, ctx)))
    }

    /// The search page: its script's settings and the A–Z of conditions for readers without JavaScript.
    pub(super) fn search(
        &self,
        route: &Route,
        lang: &str,
    ) -> Result<Option<RoutePage>, Diagnostic> {
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
        Ok(Some((frame, ctx)))
    }

    /// The not-found page.
    pub(super) fn not_found(
        &self,
        route: &Route,
        lang: &str,
    ) -> Result<Option<RoutePage>, Diagnostic> {
        let frame = self.frame(
            route,
            lang,
            "not-found",
            self.t(lang, "not-found-title")?,
            self.t(lang, "not-found-description")?,
        )?;
        Ok(Some((frame, Context::new())))
    }
}
