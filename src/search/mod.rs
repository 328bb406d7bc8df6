//! The search stage: one Pagefind index per language, built from the site's owned data (never
//! re-parsed from rendered HTML), plus a vocabulary per language that the browser's query layer
//! uses to correct typos and fold `oe`/`œ`.
//!
//! ```text
//! Site + Bodies ─▶ documents(lang) ─▶ Pagefind (one instance per language, in parallel threads)
//!                                 └─▶ vocabulary(lang)
//!               ─▶ Output entries under `<lang prefix>pagefind/`
//! ```
//! Each Pagefind instance first takes in its documents (one at a time: the instance holds a lock
//! while it reads one), then builds and compresses its bundle, when its memory peaks (about 1.5×
//! what it took in, for a moment). The languages take their documents in together but build one
//! after the other: on the 1,000-page benchmark this costs about 0.3 s of wall time and saves
//! about 60 MiB of peak memory, which matters more at 10,000 pages (#8).
//! Records feed their disease names, synonyms, abbreviations, lay terms and search terms, in every
//! language, as a weighted block of keywords. The client never shows a record's excerpt (it shows
//! the record's summary from the metadata), so these keywords never leak onto the page.

mod documents;
mod vocabulary;

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::bodies::Bodies;
use crate::config::Config;
use crate::content::Site;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::refs::{BUNDLE_DIR, VOCABULARY_FILE};
use crate::output::Output;
use crate::urls::Urls;

pub use documents::{Document, Kind, documents};
pub use vocabulary::vocabulary;

/// The files of every language's search bundle, ready to join the site's output.
#[derive(Debug, Clone, Default)]
pub struct SearchFiles {
    /// Output path → bytes, sorted.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Per language: documents indexed and bytes of the bundle (for `--timings` and benchmarks).
    pub stats: Vec<LanguageStats>,
}

#[derive(Debug, Clone)]
pub struct LanguageStats {
    pub lang: String,
    pub documents: usize,
    pub words: usize,
    pub bytes: usize,
    pub duration: std::time::Duration,
    /// Of `duration`: feeding the documents (the rest is Pagefind chunking and compressing).
    pub adding: std::time::Duration,
}

impl SearchFiles {
    /// Move the files into the site's output.
    pub fn into_output(self, output: &mut Output) -> Result<(), Diagnostics> {
        let mut diags = Diagnostics::new();
        for (path, bytes) in self.files {
            if let Err(why) = output.insert(path, bytes) {
                diags.push(Diagnostic::error(Code::Output, why));
            }
        }
        diags.into_result(()).map(|_| ())
    }
}

/// Where each language's bundle goes as soon as it is built, beside the other language's work.
pub type BundleSink<'a> = &'a (dyn Fn(&BTreeMap<String, Vec<u8>>) + Sync);

/// Called before each document is taken in, by the thread indexing it: it may wait (a live
/// preview holds the index back while it rebuilds the pages, which then get both cores), and
/// `false` abandons the index (the site it was for is no longer served).
pub type Pace<'a> = &'a (dyn Fn() -> bool + Sync);

/// Build the search bundle of every language, the languages in parallel.
pub fn index(config: &Config, site: &Site, bodies: &Bodies) -> Result<SearchFiles, Diagnostics> {
    index_with(config, site, bodies, None)
}

/// [`index`], taking in each document when `pace` allows; `Ok(None)` if it abandoned the index.
pub fn index_paced(
    config: &Config,
    site: &Site,
    bodies: &Bodies,
    pace: Pace<'_>,
) -> Result<Option<SearchFiles>, Diagnostics> {
    index_languages(config, site, bodies, None, Some(pace))
}

/// [`index`], handing each language's files to `sink` as soon as they are built (`build` writes
/// the first language's bundle while the second builds its own); the files given to a sink are
/// not kept in the returned [`SearchFiles`], only their statistics.
pub fn index_with(
    config: &Config,
    site: &Site,
    bodies: &Bodies,
    sink: Option<BundleSink<'_>>,
) -> Result<SearchFiles, Diagnostics> {
    // Without a pace nothing abandons the index.
    index_languages(config, site, bodies, sink, None).map(Option::unwrap_or_default)
}

fn index_languages(
    config: &Config,
    site: &Site,
    bodies: &Bodies,
    sink: Option<BundleSink<'_>>,
    pace: Option<Pace<'_>>,
) -> Result<Option<SearchFiles>, Diagnostics> {
    let urls = Urls::new(config, site);
    let langs: Vec<&str> = config.languages.codes().collect();
    let build_turn = Mutex::new(());
    let results: Vec<Result<Option<LanguageBundle>, Diagnostic>> = std::thread::scope(|scope| {
        let handles: Vec<_> = langs
            .iter()
            .map(|&lang| {
                let build_turn = &build_turn;
                scope.spawn(move || {
                    let docs = documents(site, bodies, urls, lang);
                    let prefix = config.languages.prefix(lang);
                    let Some((mut files, stats)) =
                        index_language(lang, &prefix, docs, build_turn, pace)?
                    else {
                        return Ok(None);
                    };
                    if let Some(sink) = sink {
                        sink(&files);
                        files.clear();
                    }
                    Ok(Some((files, stats)))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle.join().unwrap_or_else(|_| {
                    Err(Diagnostic::error(
                        Code::Internal,
                        "the search indexer stopped unexpectedly",
                    ))
                })
            })
            .collect()
    });
    let mut search = SearchFiles::default();
    let mut diags = Diagnostics::new();
    let mut abandoned = false;
    for result in results {
        match result {
            Ok(Some((files, stats))) => {
                search.files.extend(files);
                search.stats.push(stats);
            }
            Ok(None) => abandoned = true,
            Err(d) => diags.push(d),
        }
    }
    diags
        .into_result(search)
        .map(|(search, _)| (!abandoned).then_some(search))
}

/// Whether a file of Pagefind's bundle is used by our client: its default UIs (which failed an
/// RGAA audit), the highlighter and the WebAssembly of other languages are left out.
fn is_needed(path: &std::path::Path, lang: &str) -> bool {
    let name = path.to_string_lossy();
    let unused_ui = name.starts_with("pagefind-")
        && name != "pagefind-worker.js"
        && name != "pagefind-entry.json";
    let other_wasm = name.starts_with("wasm.") && name != format!("wasm.{lang}.pagefind");
    !(unused_ui || other_wasm || name.starts_with("playground"))
}

/// `""` for the default language, `en/` for the others.
/// One language's files (output path → bytes) and what it took.
type LanguageBundle = (BTreeMap<String, Vec<u8>>, LanguageStats);

/// `build_turn` is held while the bundle is built: one language at a time (see the module docs).
fn index_language(
    lang: &str,
    prefix: &str,
    docs: Vec<Document>,
    build_turn: &Mutex<()>,
    pace: Option<Pace<'_>>,
) -> Result<Option<LanguageBundle>, Diagnostic> {
    let start = std::time::Instant::now();
    let failed = |what: &str, err: &dyn std::fmt::Display| {
        Diagnostic::error(
            Code::Internal,
            format!("search index ({lang}): {what}: {err}"),
        )
    };
    // Pagefind's API is async; a current-thread runtime keeps it inside this function.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .max_blocking_threads(1)
        .build()
        .map_err(|e| failed("cannot start the indexer", &e))?;
    let index = runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(lang.to_owned())
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| failed("options", &e))?;
        for doc in &docs {
            if pace.is_some_and(|pace| !pace()) {
                return Ok(None);
            }
            index
                .add_html_file(None, Some(doc.url.clone()), doc.to_html(lang))
                .await
                .map_err(|e| failed(&doc.url, &e))?;
        }
        Ok::<_, Diagnostic>(Some(index))
    })?;
    let Some(mut index) = index else {
        return Ok(None);
    };
    let adding = start.elapsed();
    // What the documents are still needed for, so that they leave memory before the peak.
    let vocabulary = vocabulary(&docs);
    let document_count = docs.len();
    let words = docs.iter().map(Document::word_count).sum();
    drop(docs);
    // A poisoned lock only means that the other language failed: this one is still sound.
    let turn = build_turn.lock().unwrap_or_else(PoisonError::into_inner);
    let bundle = runtime
        .block_on(index.get_files())
        .map_err(|e| failed("writing the bundle", &e))?;
    drop(index);
    drop(turn);

    let mut files = BTreeMap::new();
    for file in bundle.into_iter().filter(|f| is_needed(&f.filename, lang)) {
        // Pagefind names files relative to its bundle folder, with the OS separator.
        let relative: Vec<String> = file
            .filename
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        files.insert(
            format!("{prefix}{BUNDLE_DIR}/{}", relative.join("/")),
            file.contents,
        );
    }
    files.insert(
        format!("{prefix}{BUNDLE_DIR}/{VOCABULARY_FILE}"),
        vocabulary.into_bytes(),
    );
    let stats = LanguageStats {
        lang: lang.to_owned(),
        documents: document_count,
        words,
        bytes: files.values().map(Vec::len).sum(),
        duration: start.elapsed(),
        adding,
    };
    Ok(Some((files, stats)))
}
