//! The orchestrator: the only code that knows the order of the stages.
//!
//! ```text
//! BuildOptions ─▶ Config::load ─▶ content::load ─▶ Site ─┐
//!                             └─▶ Translations::load ────┼─▶ bodies::convert ─┬▶ render ─┬▶ Output
//!                             └─▶ Theme::load ───────────┘                    ├▶ opendata┤
//!                                                                             └▶ search ─┘
//! ```
//! The search index (one Pagefind index per language) is built in a thread of its own while the
//! pages render and the open data files are written.
//! Independent stages all run before failing, so one run reports every problem. `build`, `check`
//! and `serve` share this function; only what they do with the [`Built`] site differs.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::bodies::{self, Bodies};
use crate::config::{BuildOptions, Config};
use crate::content::{self, Site};
use crate::diag::{Diagnostic, Diagnostics};
use crate::i18n::Translations;
use crate::opendata;
use crate::output::Output;
use crate::render::{self, Theme};
use crate::search;
use crate::translation::{self, Outdated};
use crate::urls::Urls;

/// How long each stage took (reported by `build --timings`, never written to the output).
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn record<T>(&mut self, stage: &'static str, work: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = work();
        self.stages.push((stage, start.elapsed()));
        value
    }
}

/// A site built in memory.
#[derive(Debug)]
pub struct Built {
    pub config: Config,
    pub site: Site,
    pub bodies: Bodies,
    /// The interface strings (they remember which ids the templates asked for).
    pub translations: Arc<Translations>,
    pub output: Output,
    /// Warnings (errors would have stopped the build).
    pub warnings: Diagnostics,
    pub timings: Timings,
    /// Translations whose original changed since they were written.
    pub outdated: Vec<Outdated>,
    /// Per language: what the search stage indexed and wrote.
    pub search_stats: Vec<search::LanguageStats>,
}

/// Whether a build includes the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchIndex {
    Build,
    /// Leave the index out: the costliest stage (Pagefind), which a live preview can run later,
    /// in the background, with [`search::index`] on the [`Built`] site.
    Skip,
}

/// Run every stage up to the in-memory output. Nothing is written to disk.
pub fn build(options: &BuildOptions) -> Result<Built, Diagnostics> {
    build_with(options, SearchIndex::Build)
}

/// [`build`], choosing whether to build the search index.
pub fn build_with(options: &BuildOptions, search_index: SearchIndex) -> Result<Built, Diagnostics> {
    let mut timings = Timings::default();
    let config = timings.record("config", || Config::load(options))?;

    let mut diags = Diagnostics::new();
    let loaded = timings.record("load", || content::load(&config));
    let translations = timings.record("i18n", || Translations::load(&config));
    let (site, warnings) = match loaded {
        Ok(pair) => (Some(pair.0), pair.1),
        Err(errors) => {
            diags.extend(errors);
            (None, Diagnostics::new())
        }
    };
    diags.extend(warnings);
    let translations = match translations {
        Ok(t) => Some(Arc::new(t)),
        Err(errors) => {
            diags.extend(errors);
            None
        }
    };
    let theme = match &translations {
        Some(t) => match timings.record("templates", || Theme::load(&config, Arc::clone(t))) {
            Ok(theme) => Some(theme),
            Err(errors) => {
                diags.extend(errors);
                None
            }
        },
        None => None,
    };
    let (Some(site), Some(translations), Some(theme)) = (site, translations, theme) else {
        return Err(diags.sorted());
    };
    if diags.has_errors() {
        return Err(diags.sorted());
    }

    let (outdated, problems) = translation::outdated(&config, &site);
    if problems.has_errors() {
        diags.extend(problems);
        return Err(diags.sorted());
    }
    let urls = Urls::new(&config, &site);
    let (bodies, warnings) = timings.record("markdown", || bodies::convert(&site, urls))?;
    diags.extend(warnings);
    // The search index (the costliest stage) is built while the pages render.
    let (rendered, search) = std::thread::scope(|scope| {
        let search = scope.spawn(|| {
            let start = Instant::now();
            let files = match search_index {
                SearchIndex::Build => search::index(&config, &site, &bodies),
                SearchIndex::Skip => Ok(search::SearchFiles::default()),
            };
            (files, start.elapsed())
        });
        let rendered = timings.record("render", || {
            render::render(&config, &site, &bodies, &translations, &theme, &outdated)
        });
        let data = timings.record("open data", || {
            opendata::export(&config, &site, &bodies, &translations)
        });
        let search = search.join().unwrap_or_else(|_| {
            let failed = Diagnostic::error("the search stage stopped unexpectedly");
            (Err(Diagnostics::from(failed)), Duration::ZERO)
        });
        ((rendered, data), search)
    });
    let ((rendered, data), (search, search_time)) = (rendered, search);
    timings.stages.push(("search (parallel)", search_time));
    let (output, search_stats) = match (rendered, data, search) {
        (Ok(mut output), Ok(data), Ok(search)) => {
            let stats = search.stats.clone();
            let mut errors = Diagnostics::new();
            for (path, bytes) in data {
                if let Err(why) = output.insert(path, bytes) {
                    errors.push(Diagnostic::error(why));
                }
            }
            if errors.has_errors() {
                return Err(errors.sorted());
            }
            search.into_output(&mut output)?;
            (output, stats)
        }
        (rendered, data, search) => {
            let mut errors = Diagnostics::new();
            errors.extend(rendered.err().unwrap_or_default());
            errors.extend(data.err().unwrap_or_default());
            errors.extend(search.err().unwrap_or_default());
            return Err(errors.sorted());
        }
    };
    Ok(Built {
        config,
        site,
        bodies,
        translations,
        outdated,
        output,
        warnings: diags.sorted(),
        timings,
        search_stats,
    })
}
