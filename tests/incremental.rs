//! The live preview's rebuild, which reuses what did not change since the last build
//! (`pipeline::build_pages_cached`), gives the same site as a build from nothing, errors
//! included, after any sequence of edits an editor makes: a property test over random sequences
//! of edits to the `minimal` fixture. `PROPTEST_CASES=1000 cargo test --test incremental` runs a
//! longer search. Half of the rebuilds are told which paths changed, as `serve`'s watcher tells
//! them (`Cache::note_changes`: no walk, only those files looked at); the others walk and compare
//! every file.
// Marks the whole file as test code, so that clippy.toml's allow-*-in-tests reach its helpers.
#![cfg(test)]

mod common;

use std::fs;
use std::path::PathBuf;

use common::TestSite;
use proptest::prelude::*;
use reperes::config::BuildOptions;
use reperes::pipeline::{self, Cache};

/// One edit to a file of the site.
#[derive(Debug, Clone)]
enum Edit {
    /// Add a line at the end of a page's Markdown.
    Append {
        file: &'static str,
        line: &'static str,
    },
    /// Replace text in a file (or, with `undo`, put it back).
    Replace {
        file: &'static str,
        from: &'static str,
        to: &'static str,
        undo: bool,
    },
    /// Write a new page pair, or delete it.
    NewPage { slug: &'static str, delete: bool },
    /// Write a new partner record, or delete it.
    NewRecord { id: &'static str, delete: bool },
    /// Break a file (YAML or front matter that does not parse), or restore it.
    Break { file: &'static str, restore: bool },
    /// Create a folder with a file in `content/pages/` (an unexpected file), or delete it.
    Folder { delete: bool },
}

/// The folder of [`Edit::Folder`].
const EXTRA_FOLDER: &str = "content/pages/en-trop";

const PAGES: &[&str] = &[
    "content/pages/a-propos.fr.md",
    "content/pages/a-propos.en.md",
    "content/pages/index.fr.md",
    "content/pages/glossaire.en.md",
];

const LINES: &[&str] = &[
    "Voir [NETSARC+](@/networks/netsarc).",
    "Un lien [cassé](@/networks/nulle-part).",
    "## Un titre ajouté",
    "Une RCP réunit des spécialistes.",
    "Voir [la méthode](@/pages/a-propos.md#methode).",
    "Voir [la page nouvelle](@/pages/nouvelle.md).",
    "Du <b>HTML brut</b>.",
    "Un sarcome, puis un autre sarcome.",
];

/// Replacements that change a title, a summary, a condition name, an ERN reference, a link
/// target, a glossary term and a slug.
const REPLACEMENTS: &[(&str, &str, &str)] = &[
    (
        "content/pages/a-propos.fr.md",
        "title: À propos",
        "title: À propos du site",
    ),
    (
        "content/networks/netmeso.yaml",
        "pleural. Voir",
        "pleural. Revoir",
    ),
    (
        "content/networks/netmeso.yaml",
        "name: { fr: mésothéliome pleural",
        "name: { fr: mésothéliome",
    ),
    (
        "content/networks/netmeso.yaml",
        "  - id: euracan",
        "  - id: euracanne",
    ),
    (
        "content/networks/netmeso.yaml",
        "a-propos.md#methode",
        "a-propos.md#ailleurs",
    ),
    (
        "content/glossary.yaml",
        "term: { fr: RCP,",
        "term: { fr: réunion,",
    ),
    (
        "content/pages/a-propos.fr.md",
        "menu: footer",
        "slug: a-propos-du-site\nmenu: footer",
    ),
    ("content/pages/a-propos.en.md", "## Method", "## Our method"),
    (
        "content/pages/a-propos.en.md",
        "description: Method and sources.",
        "description: How this site is made.",
    ),
    (
        "content/erns/euracan.yaml",
        "en: European Reference Network for rare adult solid cancers",
        "en: European network for rare adult solid cancers",
    ),
    (
        "content/partners/esmo.yaml",
        "fr: Société européenne d'oncologie médicale",
        "fr: Société européenne d’oncologie",
    ),
    (
        "content/site.yaml",
        "fr: Repères — cancers rares",
        "fr: Repères — les cancers rares",
    ),
    (
        "i18n/fr.ftl",
        "skip-link = Aller au contenu",
        "skip-link = Aller au contenu principal",
    ),
    (
        "themes/default/templates/base.html",
        "<a class=\"skip-link\"",
        "<a data-edited class=\"skip-link\"",
    ),
];

const BREAKABLE: &[&str] = &[
    "content/networks/netsarc.yaml",
    "content/pages/a-propos.en.md",
    "content/glossary.yaml",
];

fn edit() -> impl Strategy<Value = Edit> {
    let append = (prop::sample::select(PAGES), prop::sample::select(LINES))
        .prop_map(|(file, line)| Edit::Append { file, line });
    // Mostly applied, sometimes undone: a change and its reversal both happen.
    let replace = (
        prop::sample::select(REPLACEMENTS),
        prop::bool::weighted(0.25),
    )
        .prop_map(|((file, from, to), undo)| Edit::Replace {
            file,
            from,
            to,
            undo,
        });
    let page = (
        prop::sample::select(&["nouvelle", "autre"][..]),
        any::<bool>(),
    )
        .prop_map(|(slug, delete)| Edit::NewPage { slug, delete });
    let record = (
        prop::sample::select(&["eurordis", "orphanet"][..]),
        any::<bool>(),
    )
        .prop_map(|(id, delete)| Edit::NewRecord { id, delete });
    let broken = (prop::sample::select(BREAKABLE), any::<bool>())
        .prop_map(|(file, restore)| Edit::Break { file, restore });
    let folder = any::<bool>().prop_map(|delete| Edit::Folder { delete });
    prop_oneof![
        2 => append,
        4 => replace,
        1 => page,
        1 => record,
        1 => broken,
        1 => folder,
    ]
}

/// Make `edit`; the paths it changed (relative to the site's root), as a watcher reports them.
fn apply(site: &TestSite, edit: &Edit) -> Vec<PathBuf> {
    let path = |rel: &str| site.root().join(rel);
    let read = |rel: &str| fs::read_to_string(path(rel)).unwrap_or_default();
    let mut changed: Vec<PathBuf> = Vec::new();
    match edit {
        Edit::Append { file, line } => {
            site.write(file, &format!("{}\n{line}\n", read(file)));
            changed.push(file.into());
        }
        Edit::Replace {
            file,
            from,
            to,
            undo,
        } => {
            let (from, to) = if *undo { (to, from) } else { (from, to) };
            site.write(file, &read(file).replacen(from, to, 1));
            changed.push(file.into());
        }
        Edit::NewPage { slug, delete } => {
            for lang in ["fr", "en"] {
                let text = format!(
                    "---\ntitle: Page {slug} {lang}\ndescription: Une page.\nsources:\n  - \
                     {{ title: \"x\", url: \"https://example.org/\" }}\nreviewed: \
                     2026-11-22\n---\n\n## Partie\n\nVoir [ESMO](@/partners/esmo) et \
                     [NETMESO](@/networks/netmeso#summary).\n"
                );
                let file = format!("content/pages/{slug}.{lang}.md");
                write_or_delete(site, &file, *delete, &text);
                changed.push(file.into());
            }
        }
        Edit::NewRecord { id, delete } => {
            let text = format!(
                "name: {{ fr: Organisation {id}, en: Organisation {id} }}\ncategory: \
                 information\nsummary: {{ fr: \"Voir [NETSARC+](@/networks/netsarc).\", \
                 en: \"See [NETSARC+](@/networks/netsarc).\" }}\nsources:\n  - {{ title: \
                 \"x\", url: \"https://example.org/\" }}\nreviewed: 2026-11-22\n"
            );
            let file = format!("content/partners/{id}.yaml");
            write_or_delete(site, &file, *delete, &text);
            changed.push(file.into());
        }
        Edit::Break { file, restore } => {
            // The good text waits outside content/, which is all the build reads.
            let stashed = format!("stash/{}", file.replace('/', "_"));
            let good = path(&stashed);
            changed.extend([PathBuf::from(file), stashed.into()]);
            if *restore {
                if good.exists() {
                    fs::rename(&good, path(file)).unwrap();
                }
            } else if !good.exists() {
                fs::create_dir_all(path("stash")).unwrap();
                fs::copy(path(file), &good).unwrap();
                site.write(file, "---\n: : [\n");
            }
        }
        Edit::Folder { delete } => {
            if *delete {
                // Its file, then the folder.
                let _ = fs::remove_dir_all(path(EXTRA_FOLDER));
                changed.extend([
                    format!("{EXTRA_FOLDER}/note.fr.md").into(),
                    EXTRA_FOLDER.into(),
                ]);
            } else if !path(EXTRA_FOLDER).exists() {
                // Made elsewhere, then moved in: a watcher sees the folder's new name only.
                let _ = fs::remove_dir_all(path("stash/en-trop"));
                site.write("stash/en-trop/note.fr.md", "Une note.\n");
                fs::rename(path("stash/en-trop"), path(EXTRA_FOLDER)).unwrap();
                changed.extend([PathBuf::from("stash/en-trop"), EXTRA_FOLDER.into()]);
            }
        }
    }
    changed
}

/// Write `text` to `rel`, or delete `rel` (absent already is fine).
fn write_or_delete(site: &TestSite, rel: &str, delete: bool, text: &str) {
    if delete {
        let _ = fs::remove_file(site.root().join(rel));
    } else {
        site.write(rel, text);
    }
}

/// A build's result as text: every output file, or every diagnostic.
fn outcome(result: Result<pipeline::Built, reperes::diag::Diagnostics>) -> Vec<String> {
    match result {
        Ok(built) => {
            let mut lines: Vec<String> = built.warnings.iter().map(|d| d.one_line()).collect();
            lines.push(format!("strings used: {:?}", built.strings_used));
            for (path, bytes) in built.output.iter() {
                lines.push(format!("{path}\n{}", String::from_utf8_lossy(bytes)));
            }
            lines
        }
        Err(diags) => diags
            .iter()
            .map(|d| format!("error: {}", d.one_line()))
            .collect(),
    }
}

/// Where two build results first differ: the file (or diagnostic) of each, first line only.
fn first_difference(incremental: &[String], full: &[String]) -> String {
    let head = |entry: Option<&String>| {
        entry.map_or("nothing".to_owned(), |e| {
            e.lines().next().unwrap_or("").to_owned()
        })
    };
    let at = incremental
        .iter()
        .zip(full)
        .position(|(a, b)| a != b)
        .unwrap_or(incremental.len().min(full.len()));
    format!(
        "incremental has `{}`, a full build `{}`",
        head(incremental.get(at)),
        head(full.get(at))
    )
}

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        out: None,
        base_url: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_rebuild_from_the_cache_equals_a_build_from_nothing(
        edits in prop::collection::vec((edit(), any::<bool>()), 1..7)
    ) {
        let site = TestSite::fixture("minimal");
        let options = options(&site);
        let mut cache = Cache::default();
        let first = outcome(pipeline::build_pages_cached(&options, &mut cache));
        let full = outcome(pipeline::build_pages(&options));
        prop_assert!(first == full, "first build: {}", first_difference(&first, &full));
        for (edit, told) in &edits {
            let changed = apply(&site, edit);
            if *told {
                cache.note_changes(changed);
            }
            let incremental = outcome(pipeline::build_pages_cached(&options, &mut cache));
            let full = outcome(pipeline::build_pages(&options));
            prop_assert!(incremental == full, "after {:?}: {}", edit, first_difference(&incremental, &full));
        }
    }
}

#[test]
fn a_rebuild_after_an_edit_reuses_the_other_texts() {
    let site = TestSite::fixture("minimal");
    let options = options(&site);
    let mut cache = Cache::default();
    pipeline::build_pages_cached(&options, &mut cache).unwrap();
    let kept = cache.len();
    assert!(kept > 10, "{kept} groups kept");
    apply(
        &site,
        &Edit::Append {
            file: "content/pages/a-propos.fr.md",
            line: "Une ligne de plus.",
        },
    );
    let built = pipeline::build_pages_cached(&options, &mut cache).unwrap();
    assert!(
        String::from_utf8_lossy(built.output.get("a-propos/index.html").unwrap())
            .contains("Une ligne de plus.")
    );
    assert_eq!(cache.len(), kept);
}
