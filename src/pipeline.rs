//! The orchestrator: the only code that knows the order of the stages.
//!
//! ```text
//! BuildOptions ─▶ Config::load ─▶ content::load ─▶ Site ─┐
//!                             └─▶ Translations::load ────┼─▶ bodies::convert ─┬▶ render ─┬▶ Output
//!                             └─▶ Theme::load ───────────┘                    ├▶ opendata┤
//!                                                                             └▶ search ─┘
//! ```
//! The search index (one Pagefind index per language) is built in a thread of its own while the
//! pages render and the open data files are produced. [`build_into`] (the `build` command) also
//! writes the pages into the output's temporary folder while the index is still being built, and
//! lets them leave memory; each language's bundle is written as soon as it is built, then the
//! swap ([`Staging`]).
//! Independent stages all run before failing, so one run reports every problem. `build`, `check`
//! and `serve` share this function; only what they do with the [`Built`] site differs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::bodies::{self, Bodies, BodiesCache};
use crate::cms;
use crate::config::{BuildOptions, Config};
use crate::content::{self, LoadCache, Site};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::i18n::Translations;
use crate::opendata::{self, OpenDataCache};
use crate::output::{self, Output, Staging, WriteStep};
use crate::render::{self, RenderCache, Rendered, Theme};
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
    pub translations: Arc<Translations>,
    pub theme: Theme,
    /// The interface strings rendering asked for (`check` reports the others).
    pub strings_used: BTreeSet<String>,
    pub output: Output,
    /// Warnings (errors would have stopped the build).
    pub warnings: Diagnostics,
    pub timings: Timings,
    /// Translations whose original changed since they were written.
    pub outdated: Vec<Outdated>,
    /// Per language: what the search stage indexed and wrote.
    pub search_stats: Vec<search::LanguageStats>,
    /// With [`build_into`]: the files and bytes written to disk (`output` is then empty).
    pub written: Option<(usize, usize)>,
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

/// `serve`'s entry point: the pages now, the search index later. The [`Built`] site has no
/// index; [`Built::into_pending_index`] keeps what the search stage needs, to run it when the
/// caller chooses (in the background), with [`PendingIndex::build_paced`].
pub fn build_pages(options: &BuildOptions) -> Result<Built, Diagnostics> {
    build_with(options, SearchIndex::Skip)
}

/// What one build keeps for the next in a live preview: every file as loaded (see
/// [`content::LoadCache`]), the converted Markdown of every text (see [`bodies::cache`]) and
/// every rendered page (see [`render::RenderCache`]) and the open data files. A build with a cache gives the same site
/// as one without (`tests/incremental.rs`).
#[derive(Debug, Default)]
pub struct Cache {
    load: LoadCache,
    bodies: BodiesCache,
    render: RenderCache,
    open_data: OpenDataCache,
}

impl Cache {
    /// Tell the next build which paths changed since the last one began, all of them (see
    /// [`LoadCache::note_changes`]): it then reads only those of `content/`.
    pub fn note_changes(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.load.note_changes(paths);
    }

    /// How many things are kept: files, groups of Markdown texts and pages.
    pub fn len(&self) -> usize {
        self.load.len() + self.bodies.len() + self.render.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// [`build_pages`], reusing what `cache` kept from the previous build and updating it.
pub fn build_pages_cached(options: &BuildOptions, cache: &mut Cache) -> Result<Built, Diagnostics> {
    run(options, SearchIndex::Skip, None, Some(cache)).map_err(Failure::into_diagnostics)
}

/// What the search stage needs of a site built without its index.
#[derive(Debug)]
pub struct PendingIndex {
    config: Config,
    site: Site,
    bodies: Bodies,
}

impl PendingIndex {
    /// Build the search index (the costliest stage): one Pagefind bundle per language, taking
    /// in each document when `pace` allows (see [`search::Pace`]); `Ok(None)` if abandoned.
    pub fn build_paced(
        &self,
        pace: search::Pace<'_>,
    ) -> Result<Option<search::SearchFiles>, Diagnostics> {
        search::index_paced(&self.config, &self.site, &self.bodies, pace)
    }
}

impl Built {
    /// The output and warnings of a site built by [`build_pages`], and its pending index.
    pub fn into_pending_index(self) -> (Output, Diagnostics, PendingIndex) {
        let pending = PendingIndex {
            config: self.config,
            site: self.site,
            bodies: self.bodies,
        };
        (self.output, self.warnings, pending)
    }
}

/// Why [`build_into`] failed.
#[derive(Debug)]
pub enum Failure {
    /// The content, the theme or the interface strings have errors: nothing was written.
    Content(Diagnostics),
    /// The output folder could not be written; the previous site, if any, is untouched.
    Write(Diagnostic),
}

impl Failure {
    /// The failure as diagnostics, for the callers that write nothing.
    fn into_diagnostics(self) -> Diagnostics {
        match self {
            Failure::Content(diags) => diags,
            Failure::Write(d) => Diagnostics::from(d),
        }
    }
}

/// [`build`], writing the site to the configured output folder as it is produced: the pages go
/// into a temporary folder while the search index is still being built (and leave memory), each
/// language's search bundle as soon as it is built, and the whole replaces the previous site only
/// at the end. `at` is called at
/// each [`WriteStep`] (fault injection for tests). The returned [`Built`] has an empty
/// `output`; `written` says how many files and bytes went to disk.
pub fn build_into(options: &BuildOptions, at: &dyn Fn(WriteStep)) -> Result<Built, Failed> {
    run(options, SearchIndex::Build, Some(at), None).map_err(|failure| Failed {
        failure,
        unrecovered: recover_after_failure(options),
    })
}

/// A failed [`build_into`]: why, and whether a previous site could not be put back.
#[derive(Debug)]
pub struct Failed {
    pub failure: Failure,
    /// A site left aside by an earlier build killed mid-swap that could not be put back.
    pub unrecovered: Option<Box<Diagnostic>>,
}

/// The recovery policy after a failed build: a site left aside by a build killed between its two
/// renames comes back even when this build fails (a successful build does it as it starts).
fn recover_after_failure(options: &BuildOptions) -> Option<Box<Diagnostic>> {
    let config = Config::load(options).ok()?;
    output::recover_interrupted(&config.out_dir)
        .err()
        .map(Box::new)
}

/// [`build`], choosing whether to build the search index.
pub fn build_with(options: &BuildOptions, search_index: SearchIndex) -> Result<Built, Diagnostics> {
    run(options, search_index, None, None).map_err(Failure::into_diagnostics)
}

fn run(
    options: &BuildOptions,
    search_index: SearchIndex,
    disk: Option<&dyn Fn(WriteStep)>,
    cache: Option<&mut Cache>,
) -> Result<Built, Failure> {
    let mut timings = Timings::default();
    let config = timings
        .record("config", || Config::load(options))
        .map_err(Failure::Content)?;

    let mut diags = Diagnostics::new();
    let (cache_load, cache_bodies, cache_pages) = match cache {
        Some(cache) => (
            Some(&mut cache.load),
            Some(&mut cache.bodies),
            Some((&mut cache.render, &mut cache.open_data)),
        ),
        None => (None, None, None),
    };
    let loaded = timings.record("load", || match cache_load {
        Some(cache) => content::load_cached(&config, cache),
        None => content::load(&config),
    });
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
        return Err(Failure::Content(diags.sorted()));
    };
    if diags.has_errors() {
        return Err(Failure::Content(diags.sorted()));
    }

    let (outdated, problems) = translation::outdated(&config, &site);
    if problems.has_errors() {
        diags.extend(problems);
        return Err(Failure::Content(diags.sorted()));
    }
    let urls = Urls::new(&config, &site);
    let (bodies, warnings) = timings
        .record("markdown", || match cache_bodies {
            Some(cache) => bodies::convert_cached(&site, urls, cache),
            None => bodies::convert(&site, urls),
        })
        .map_err(Failure::Content)?;
    diags.extend(warnings);
    let staging = disk
        .map(|at| Staging::create(&config.out_dir).map(|staging| (staging, at)))
        .transpose()
        .map_err(Failure::Write)?;
    // The search index (the costliest stage) is built while the pages render and, when writing
    // to disk, while the pages are written. Each language's bundle is then written as soon as it
    // is built; the first write error waits for the end of the search stage.
    let bundle_write_error: Mutex<Option<Diagnostic>> = Mutex::new(None);
    let staged: Option<&Staging> = staging.as_ref().map(|(staging, _)| staging);
    let write_bundle = |files: &BTreeMap<String, Vec<u8>>| {
        if let Some(staging) = staged {
            let files = files
                .iter()
                .map(|(path, bytes)| (path.as_str(), bytes.as_slice()));
            if let Err(d) = staging.write(files)
                && let Ok(mut first) = bundle_write_error.lock()
            {
                first.get_or_insert(d);
            }
        }
    };
    let (pages, search) = std::thread::scope(|scope| {
        let search = scope.spawn(|| {
            let start = Instant::now();
            let sink: Option<search::BundleSink<'_>> = staged.map(|_| &write_bundle as _);
            let files = match search_index {
                SearchIndex::Build => search::index_with(&config, &site, &bodies, sink),
                SearchIndex::Skip => Ok(search::SearchFiles::default()),
            };
            (files, start.elapsed())
        });
        let input = render::Input {
            config: &config,
            site: &site,
            bodies: &bodies,
            translations: &translations,
            theme: &theme,
            outdated: &outdated,
        };
        let rendered = render_pages(&mut timings, input, cache_pages)
            .and_then(|rendered| with_admin(&config, search_index, rendered));
        let pages = rendered.and_then(|rendered| match &staging {
            Some((staging, at)) => {
                timings
                    .record("write pages", || staging.write(rendered.output.iter()))
                    .map_err(Failure::Write)?;
                at(WriteStep::HalfWritten);
                Ok(Rendered {
                    output: Output::new(),
                    strings_used: rendered.strings_used,
                })
            }
            None => Ok(rendered),
        });
        let search = search.join().unwrap_or_else(|_| {
            let failed = Diagnostic::error(Code::Internal, "the search stage stopped unexpectedly");
            (Err(Diagnostics::from(failed)), Duration::ZERO)
        });
        (pages, search)
    });
    let (search, search_time) = search;
    timings.stages.push(("search (parallel)", search_time));
    let (output, strings_used, search_stats) = match (pages, search) {
        (Ok(mut rendered), Ok(search)) => {
            let stats = search.stats.clone();
            if let Some(d) = bundle_write_error.into_inner().ok().flatten() {
                return Err(Failure::Write(d));
            }
            search
                .into_output(&mut rendered.output)
                .map_err(Failure::Content)?;
            (rendered.output, rendered.strings_used, stats)
        }
        (Err(Failure::Write(d)), _) => return Err(Failure::Write(d)),
        (pages, search) => {
            let mut errors = Diagnostics::new();
            if let Err(Failure::Content(diags)) = pages {
                errors.extend(diags);
            }
            errors.extend(search.err().unwrap_or_default());
            return Err(Failure::Content(errors.sorted()));
        }
    };
    let written = match staging {
        Some((staging, at)) => {
            let written = staging.written();
            timings
                .record("commit", || staging.commit(at))
                .map_err(Failure::Write)?;
            Some(written)
        }
        None => None,
    };
    Ok(Built {
        config,
        site,
        bodies,
        translations,
        theme,
        strings_used,
        outdated,
        output,
        warnings: diags.sorted(),
        timings,
        search_stats,
        written,
    })
}

/// #18: `/admin/` (the browser editor) when `site.yaml` has a `cms:` block, in the builds that
/// are published; `serve` (whose `--edit` has its own) and `check` skip it, which spares them
/// unpacking the CMS (about 30 ms).
fn with_admin(
    config: &Config,
    index: SearchIndex,
    rendered: Rendered,
) -> Result<Rendered, Failure> {
    let output = match index {
        SearchIndex::Build => cms::publish(config, rendered.output).map_err(Failure::Content)?,
        SearchIndex::Skip => rendered.output,
    };
    Ok(Rendered { output, ..rendered })
}

/// Render the pages and the open data files into one [`Output`], reporting both stages' errors.
fn render_pages(
    timings: &mut Timings,
    input: render::Input<'_>,
    cache: Option<(&mut RenderCache, &mut OpenDataCache)>,
) -> Result<Rendered, Failure> {
    let (render_cache, data_cache) = cache.unzip();
    let rendered = timings.record("render", || match render_cache {
        Some(cache) => render::render_cached(input, cache),
        None => render::render(input),
    });
    let (config, site, bodies, translations) =
        (input.config, input.site, input.bodies, input.translations);
    let data = timings.record("open data", || match data_cache {
        Some(cache) => opendata::export_cached(config, site, bodies, translations, cache),
        None => opendata::export(config, site, bodies, translations),
    });
    match (rendered, data) {
        (Ok(mut rendered), Ok(data)) => {
            let mut errors = Diagnostics::new();
            for (path, bytes) in data {
                if let Err(why) = rendered.output.insert(path, bytes) {
                    errors.push(Diagnostic::error(Code::Output, why));
                }
            }
            errors
                .into_result(rendered)
                .map(|(rendered, _)| rendered)
                .map_err(Failure::Content)
        }
        (rendered, data) => {
            let mut errors = Diagnostics::new();
            errors.extend(rendered.err().unwrap_or_default());
            errors.extend(data.err().unwrap_or_default());
            Err(Failure::Content(errors.sorted()))
        }
    }
}
