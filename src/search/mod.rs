//! The search stage: one Pagefind index per language, built from the site's owned data (never
//! re-parsed from rendered HTML), plus a vocabulary per language that the browser's query layer
//! uses to correct typos and fold `oe`/`œ`.
//!
//! ```text
//! Site + Bodies ─▶ documents(lang) ─▶ Pagefind (one instance per language, in parallel threads)
//!                                 └─▶ vocabulary(lang)
//!               ─▶ Output entries under `<lang prefix>pagefind/`
//! ```
//! Records feed their disease names, synonyms, abbreviations, lay terms and search terms, in every
//! language, as a weighted block of keywords. The client never shows a record's excerpt (it shows
//! the record's summary from the metadata), so these keywords never leak onto the page.

mod documents;
mod vocabulary;

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::bodies::Bodies;
use crate::config::Config;
use crate::content::Site;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::Output;
use crate::urls::Urls;

pub use documents::{Document, Kind, documents};
pub use vocabulary::vocabulary;

/// Folder of each language's bundle, below the language's root (`pagefind/`, `en/pagefind/`).
pub const BUNDLE_DIR: &str = "pagefind";
/// The vocabulary file inside a bundle folder.
pub const VOCABULARY_FILE: &str = "reperes-vocabulary.json";

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
                diags.push(Diagnostic::error(why));
            }
        }
        diags.into_result(()).map(|_| ())
    }
}

/// Build the search bundle of every language, the languages in parallel.
pub fn index(config: &Config, site: &Site, bodies: &Bodies) -> Result<SearchFiles, Diagnostics> {
    let urls = Urls::new(config, site);
    let langs: Vec<&str> = config.languages.codes().collect();
    let results: Vec<Result<LanguageBundle, Diagnostic>> = std::thread::scope(|scope| {
        let handles: Vec<_> = langs
            .iter()
            .map(|&lang| {
                let docs = documents(site, bodies, urls, lang);
                let prefix = language_prefix(config, lang);
                scope.spawn(move || index_language(lang, &prefix, &docs))
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle.join().unwrap_or_else(|_| {
                    Err(Diagnostic::error("the search indexer stopped unexpectedly"))
                })
            })
            .collect()
    });
    let mut search = SearchFiles::default();
    let mut diags = Diagnostics::new();
    for result in results {
        match result {
            Ok((files, stats)) => {
                search.files.extend(files);
                search.stats.push(stats);
            }
            Err(d) => diags.push(d),
        }
    }
    diags.into_result(search).map(|(search, _)| search)
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
fn language_prefix(config: &Config, lang: &str) -> String {
    if lang == config.languages.default_code() {
        String::new()
    } else {
        format!("{lang}/")
    }
}

/// One language's files (output path → bytes) and what it took.
type LanguageBundle = (BTreeMap<String, Vec<u8>>, LanguageStats);

fn index_language(
    lang: &str,
    prefix: &str,
    docs: &[Document],
) -> Result<LanguageBundle, Diagnostic> {
    let start = std::time::Instant::now();
    let failed = |what: &str, err: &dyn std::fmt::Display| {
        Diagnostic::error(format!("search index ({lang}): {what}: {err}"))
    };
    // Pagefind's API is async; a current-thread runtime keeps it inside this function.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failed("cannot start the indexer", &e))?;
    let bundle = runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(lang.to_owned())
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| failed("options", &e))?;
        for doc in docs {
            index
                .add_html_file(None, Some(doc.url.clone()), doc.to_html(lang))
                .await
                .map_err(|e| failed(&doc.url, &e))?;
        }
        let added = start.elapsed();
        let files = index
            .get_files()
            .await
            .map_err(|e| failed("writing the bundle", &e))?;
        Ok::<_, Diagnostic>((files, added))
    })?;
    let (bundle, adding) = bundle;

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
    let vocabulary = vocabulary(docs);
    files.insert(
        format!("{prefix}{BUNDLE_DIR}/{VOCABULARY_FILE}"),
        vocabulary.into_bytes(),
    );
    let stats = LanguageStats {
        lang: lang.to_owned(),
        documents: docs.len(),
        words: docs.iter().map(Document::word_count).sum(),
        bytes: files.values().map(Vec::len).sum(),
        duration: start.elapsed(),
        adding,
    };
    Ok((files, stats))
}
