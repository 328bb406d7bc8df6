//! URL rules: where each route lives in each language (the contract of the content-model guide),
//! and how a URL maps to a file in the output.
//!
//! The default language sits at the root, the others under `/<lang>/`; record sections use the
//! localized slugs of `site.yaml`. Every URL here is root-relative and includes the base path.

use crate::config::Config;
use crate::content::Site;
use crate::model::ContentRef;

/// Something that has an address in every language: a page, or a file of the open data (the
/// same file for every language).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Route {
    Home,
    Page(String),
    NetworkList,
    Network(String),
    ErnList,
    Ern(String),
    PartnerList,
    Partner(String),
    Search,
    NotFound,
    /// `data/<file>`, such as `data/networks.json`.
    Data(String),
}

impl Route {
    pub fn from_ref(reference: &ContentRef) -> Route {
        match reference {
            ContentRef::Network(id) => Route::Network(id.clone()),
            ContentRef::Ern(id) => Route::Ern(id.clone()),
            ContentRef::Partner(id) => Route::Partner(id.clone()),
            ContentRef::Page(key) if key == crate::model::HOME_KEY => Route::Home,
            ContentRef::Page(key) => Route::Page(key.clone()),
            ContentRef::NetworkList => Route::NetworkList,
            ContentRef::ErnList => Route::ErnList,
            ContentRef::PartnerList => Route::PartnerList,
            ContentRef::Search => Route::Search,
            ContentRef::Data(name) => Route::Data(name.clone()),
        }
    }
}

/// URL rules for one site.
#[derive(Debug, Clone, Copy)]
pub struct Urls<'a> {
    config: &'a Config,
    site: &'a Site,
}

impl<'a> Urls<'a> {
    pub fn new(config: &'a Config, site: &'a Site) -> Self {
        Urls { config, site }
    }

    /// Path of a route below the site root, without the base path: `""`, `en/networks/netsarc/`,
    /// `404.html`. `None` when the route does not exist in that language.
    pub fn relative(&self, route: &Route, lang: &str) -> Option<String> {
        let prefix = self.config.languages.prefix(lang);
        let sections = &self.config.sections;
        let section = |slugs: &crate::model::Localized| slugs.get(lang).cloned();
        let tail = match route {
            Route::Home => String::new(),
            Route::Page(key) => {
                let page = self
                    .site
                    .page(key, lang)
                    .or_else(|| self.site.awaiting(key, lang))?;
                format!("{}/", page.slug)
            }
            Route::NetworkList => format!("{}/", section(&sections.networks)?),
            Route::Network(id) => {
                self.site.network(id)?;
                format!("{}/{id}/", section(&sections.networks)?)
            }
            Route::ErnList => format!("{}/", section(&sections.erns)?),
            Route::Ern(id) => {
                self.site.ern(id)?;
                format!("{}/{id}/", section(&sections.erns)?)
            }
            Route::PartnerList => format!("{}/", section(&sections.partners)?),
            Route::Partner(id) => {
                self.site.partner(id)?;
                format!("{}/{id}/", section(&sections.partners)?)
            }
            Route::Search => format!("{}/", section(&sections.search)?),
            Route::NotFound => "404.html".to_owned(),
            Route::Data(name) => {
                // One file for every language: no language prefix.
                return crate::model::refs::is_published_data(name)
                    .then(|| format!("{}/{name}", crate::model::refs::DATA_DIR));
            }
        };
        Some(prefix + &tail)
    }

    /// Root-relative URL of a route (with the base path).
    pub fn url(&self, route: &Route, lang: &str) -> Option<String> {
        self.relative(route, lang)
            .map(|rel| format!("{}{rel}", self.config.base_path))
    }

    /// Absolute URL of a route.
    pub fn absolute(&self, route: &Route, lang: &str) -> Option<String> {
        self.relative(route, lang)
            .map(|rel| format!("{}{rel}", self.config.base_url))
    }

    /// Root-relative URL of a file of the output (`assets/site.css`).
    pub fn asset(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_path)
    }

    /// The output file of a route: `reseaux/netsarc/index.html`.
    pub fn output_file(&self, route: &Route, lang: &str) -> Option<String> {
        self.relative(route, lang).map(|rel| {
            if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel
            }
        })
    }

    pub fn config(&self) -> &'a Config {
        self.config
    }

    pub fn site(&self) -> &'a Site {
        self.site
    }
}
