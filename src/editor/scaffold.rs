//! `reperes new`: a new content file with every required field in each language of the site,
//! a [`PLACEHOLDER`] wherever the editor has to write, a comment on each field saying what goes
//! there and where it must come from, and the optional fields commented out. The build refuses
//! placeholders, so a half-filled file cannot be published.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::config::Languages;
use crate::diag::{Code, Diagnostic};
use crate::model::{HOME_KEY, PLACEHOLDER};
use crate::text::check_slug;

/// What to create.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Network,
    Ern,
    Partner,
    Page,
}

/// A file to create: its path relative to the site's root, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub path: PathBuf,
    pub text: String,
}

/// Why nothing was created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The id is not a valid slug (a mistake on the command line).
    InvalidId(Diagnostic),
    /// A file to create exists already: `new` never overwrites.
    Exists(Diagnostic),
    /// A folder or file could not be written.
    Io(Diagnostic),
}

impl Refused {
    pub fn diagnostic(&self) -> &Diagnostic {
        match self {
            Refused::InvalidId(d) | Refused::Exists(d) | Refused::Io(d) => d,
        }
    }
}

/// The files `reperes new <kind> <id>` creates in a site with these languages (a page has one
/// file per language, the default language first). Writes nothing.
pub fn files(kind: Kind, id: &str, languages: &Languages) -> Result<Vec<NewFile>, Refused> {
    check_slug(id).map_err(|why| {
        Refused::InvalidId(
            Diagnostic::error(Code::InvalidId, format!("invalid id: {why}")).with_help(
                "the id is the file's name and the end of its URL, such as `netsarc` or \
                 `cancers-rares`",
            ),
        )
    })?;
    let codes: Vec<&str> = languages.codes().collect();
    let record = |dir: &str, schema: &str, text: String| NewFile {
        path: Path::new("content").join(dir).join(format!("{id}.yaml")),
        text: format!("# yaml-language-server: $schema=../.schemas/{schema}.schema.json\n{text}"),
    };
    Ok(match kind {
        Kind::Network => vec![record("networks", "network", network(id, &codes))],
        Kind::Ern => vec![record("erns", "ern", ern(id, &codes))],
        Kind::Partner => vec![record("partners", "partner", partner(id, &codes))],
        Kind::Page => codes
            .iter()
            .map(|lang| NewFile {
                path: Path::new("content/pages").join(format!("{id}.{lang}.md")),
                text: page(id, lang, &codes),
            })
            .collect(),
    })
}

/// Create the files of [`files`] under `root`, all or none: if any of them exists, nothing is
/// written. Returns their paths relative to `root`.
pub fn create(
    root: &Path,
    kind: Kind,
    id: &str,
    languages: &Languages,
) -> Result<Vec<PathBuf>, Refused> {
    let files = files(kind, id, languages)?;
    if let Some(existing) = files.iter().find(|f| root.join(&f.path).exists()) {
        return Err(exists(&existing.path, kind));
    }
    let mut created = Vec::new();
    for file in &files {
        if let Err(refused) = write_new(root, file, kind) {
            // All or none: a page without its translation would not build.
            for path in &created {
                let _ = std::fs::remove_file(root.join(path));
            }
            return Err(refused);
        }
        created.push(file.path.clone());
    }
    Ok(created)
}

fn write_new(root: &Path, file: &NewFile, kind: Kind) -> Result<(), Refused> {
    let target = root.join(&file.path);
    let io = |err: std::io::Error| {
        Refused::Io(
            Diagnostic::error(Code::Io, format!("cannot create the file: {err}"))
                .in_file(&file.path),
        )
    };
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    // `create_new`: a file that appeared since the check above is still not overwritten.
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::AlreadyExists => exists(&file.path, kind),
            _ => io(err),
        })?;
    out.write_all(file.text.as_bytes()).map_err(io)
}

fn exists(path: &Path, kind: Kind) -> Refused {
    let help = if kind == Kind::Page {
        "`reperes new` never overwrites a file: choose another slug, or edit the existing page \
         (to add a missing translation, copy it under the other language's name)"
    } else {
        "`reperes new` never overwrites a file: choose another id, or edit the existing record"
    };
    Refused::Exists(
        Diagnostic::error(Code::FileExists, "this file already exists")
            .in_file(path)
            .with_help(help),
    )
}

/// Lines of YAML, written with the site's languages.
struct Yaml<'a> {
    out: String,
    codes: &'a [&'a str],
}

impl<'a> Yaml<'a> {
    fn new(codes: &'a [&'a str]) -> Self {
        Yaml {
            out: String::new(),
            codes,
        }
    }

    /// Comment lines (each line of `text` gets `# `).
    fn comment(&mut self, indent: usize, text: &str) -> &mut Self {
        for line in text.lines() {
            let _ = writeln!(self.out, "{:indent$}# {line}", "");
        }
        self
    }

    fn line(&mut self, indent: usize, text: &str) -> &mut Self {
        let _ = writeln!(self.out, "{:indent$}{text}", "");
        self
    }

    fn blank(&mut self) -> &mut Self {
        self.out.push('\n');
        self
    }

    /// `key: <placeholder>`.
    fn required(&mut self, indent: usize, key: &str) -> &mut Self {
        self.line(indent, &format!("{key}: {PLACEHOLDER}"))
    }

    /// `key:` then one placeholder per language.
    fn localized(&mut self, indent: usize, key: &str) -> &mut Self {
        self.line(indent, &format!("{key}:"));
        for code in self.codes {
            self.required(indent + 2, code);
        }
        self
    }

    /// `{ fr: …, en: … }`, for commented-out examples.
    fn example(&self) -> String {
        let entries: Vec<String> = self.codes.iter().map(|c| format!("{c}: …")).collect();
        format!("{{ {} }}", entries.join(", "))
    }

    /// `{ fr: […], en: […] }`, for commented-out examples.
    fn list_example(&self) -> String {
        let entries: Vec<String> = self.codes.iter().map(|c| format!("{c}: […]")).collect();
        format!("{{ {} }}", entries.join(", "))
    }

    /// `[en]`: the languages other than the default one, for `translated_name`.
    fn others(&self) -> String {
        let others: Vec<&str> = self.codes.iter().skip(1).copied().collect();
        format!("[{}]", others.join(", "))
    }

    fn header(&mut self, what: &str, id: &str) -> &mut Self {
        self.comment(
            0,
            &format!(
                "{what}: `{id}`.\n\
                 Replace every {PLACEHOLDER} below; `reperes build` lists those left, with their \
                 line.\n\
                 Write only facts from a source you list in `sources`, in every language.\n\
                 Help on each field: README.md, \"For editors\"."
            ),
        )
        .blank()
    }

    fn name_and_translation(&mut self, whose: &str) -> &mut Self {
        let others = self.others();
        self.comment(
            0,
            &format!("{whose} full name, in each language, as its sources give it."),
        )
        .localized(0, "name")
        .comment(
            0,
            &format!(
                "Optional: the languages in which `name` is your own translation, not an \
                     official name.\ntranslated_name: {others}"
            ),
        )
    }

    fn summary(&mut self, what: &str) -> &mut Self {
        let code = self.codes.first().copied().unwrap_or("fr");
        self.comment(
            0,
            &format!(
                "{what}, in a few sentences of Markdown. For several paragraphs,\n\
                 write `{code}: |` and the text on the next lines, indented."
            ),
        )
        .localized(0, "summary")
    }

    fn links(&mut self, whose: &str) -> &mut Self {
        let example = self.example();
        self.comment(
            0,
            &format!(
                "Optional: {whose} own website, only an address a source shows.\n\
                 website: https://…\n\
                 Optional: other useful addresses, each shown by a source.\n\
                 links:\n  - {{ title: {example}, url: https://… }}"
            ),
        )
    }

    fn sources_and_review(&mut self, what: &str) -> &mut Self {
        self.comment(
            0,
            "Every page you used, at least one: its title with its publisher, and its address.\n\
             Add a `- title:` / `url:` pair per source.",
        )
        .line(0, "sources:")
        .required(2, "- title")
        .required(4, "url")
        .comment(
            0,
            &format!("The date you checked {what} against its sources: YYYY-MM-DD."),
        )
        .required(0, "reviewed")
    }
}

fn network(id: &str, codes: &[&str]) -> String {
    let mut y = Yaml::new(codes);
    let (example, lists) = (y.example(), y.list_example());
    y.header("A French national reference network for rare cancers", id)
        .comment(
            0,
            "The acronym, as the network itself writes it (NETSARC+).",
        )
        .required(0, "acronym")
        .name_and_translation("The network's")
        .comment(
            0,
            "As INCa classifies it: clinical-and-pathology | mainly-clinical | pathology.",
        )
        .required(0, "type")
        .summary("What the network does and for whom")
        .comment(
            0,
            "The rare cancers it handles, as its sources name them: at least one, a `- name:` \
             block each.",
        )
        .line(0, "conditions:")
        .line(2, "- name:");
    for code in codes {
        y.required(6, code);
    }
    y.comment(
        4,
        &format!(
            "Optional, per language (a language may be left out):\n\
             synonyms: {lists}        # other medical names\n\
             abbreviations: {lists}   # GIST\n\
             lay_terms: {lists}       # the words patients use\n\
             search_terms: {lists}    # misspellings people type; never shown\n\
             orpha: ORPHA:123         # its Orphanet code, only as a source prints it"
        ),
    )
    .comment(
        0,
        &format!(
            "Optional: how to reach the network, a `- text:` block per way a source states \
             (leave it out when none does: the page says so).\n\
             contact:\n  \
             - text: {example}   # Markdown; date a person, a phone or a meeting\n    \
             url: https://…       # the route's own address, if a source shows it\n    \
             source: {{ title: \"…\", url: \"https://…\" }}\n    \
             year: 2025           # the year of that source"
        ),
    )
    .comment(
        0,
        &format!(
            "Optional: the European Reference Networks it belongs to (ids of files in \
             content/erns/).\n\
             erns:\n  \
             - id: euracan\n    \
             basis: sourced   # sourced (a source states it) | inferred (you matched the scopes)\n    \
             note: {example}"
        ),
    )
    .comment(
        0,
        &format!(
            "Optional, Markdown in each language:\n\
             history: {example}\n\
             coordination: {example}   # only what a source states"
        ),
    )
    .links("its")
    .sources_and_review("this record");
    y.out
}

fn ern(id: &str, codes: &[&str]) -> String {
    let mut y = Yaml::new(codes);
    let example = y.example();
    y.header("A European Reference Network (ERN)", id)
        .comment(0, "The acronym, as the ERN itself writes it (EURACAN).")
        .required(0, "acronym")
        .name_and_translation("The ERN's")
        .summary("What the ERN does and for whom")
        .comment(
            0,
            &format!(
                "Optional: the areas it covers, one entry each.\n\
                 domains:\n  - {example}\n\
                 Optional, Markdown in each language:\n\
                 french_participation: {example}   # how French centres take part\n\
                 history: {example}\n\
                 coordination: {example}   # only what a source states\n\
                 Its French networks are listed from the networks' `erns` fields: not here."
            ),
        )
        .links("its")
        .sources_and_review("this record");
    y.out
}

fn partner(id: &str, codes: &[&str]) -> String {
    let mut y = Yaml::new(codes);
    y.header("A partner organisation", id)
        .comment(
            0,
            "Optional: its acronym, as the organisation itself writes it.\nacronym: ESMO",
        )
        .name_and_translation("The organisation's")
        .comment(
            0,
            "What it is: agency | professional-society | patient-organisation | research |\n\
             information | project.",
        )
        .required(0, "category")
        .summary("Its role for people with a rare cancer")
        .links("its")
        .sources_and_review("this record");
    y.out
}

fn page(id: &str, lang: &str, codes: &[&str]) -> String {
    let mut y = Yaml::new(codes);
    let others: Vec<String> = codes
        .iter()
        .filter(|c| **c != lang)
        .map(|c| format!("{id}.{c}.md"))
        .collect();
    let translations = if others.is_empty() {
        String::new()
    } else {
        format!(" Its translations: {}.", others.join(", "))
    };
    y.line(0, "---")
        .comment(
            0,
            &format!(
                "The `{lang}` version of page `{id}`.{translations}\n\
                 Replace every {PLACEHOLDER}, here and in the text below the closing `---`;\n\
                 `reperes build` lists those left, with their line.\n\
                 Write only facts from a source you list in `sources`.\n\
                 Help on each field: README.md, \"For editors\"."
            ),
        )
        .blank()
        .comment(0, "The page's title, in this language.")
        .required(0, "title")
        .comment(0, "One sentence for search engines and link previews.")
        .required(0, "description");
    let mut optional = vec![
        ("menu: main", "main | footer: list the page in that menu"),
        ("weight: 10", "its order in the menu, smallest first"),
        (
            "layout: glossary",
            "append the glossary's terms to the page",
        ),
    ];
    let slug = format!("slug: {id}");
    let slug_help = format!("this language's URL segment (default: {id})");
    if id != HOME_KEY {
        optional.insert(0, (&slug, &slug_help));
    }
    let width = optional
        .iter()
        .map(|(line, _)| line.len())
        .max()
        .unwrap_or(0);
    let mut optional: Vec<String> = optional
        .iter()
        .map(|(line, help)| format!("{line:width$}  # {help}"))
        .collect();
    optional.insert(0, "Optional:".into());
    let optional = optional.join("\n");
    y.comment(0, &optional)
        .sources_and_review("this page")
        .line(0, "---")
        .blank()
        .line(0, PLACEHOLDER);
    y.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::display_path;

    fn languages() -> Languages {
        Languages::new(vec!["fr".into(), "en".into()])
    }

    #[test]
    fn bad_ids_are_refused() {
        for bad in ["", "Net", "../x", "a b", "con"] {
            assert!(
                matches!(
                    files(Kind::Network, bad, &languages()),
                    Err(Refused::InvalidId(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_page_has_a_file_per_language_default_first() {
        let files = files(Kind::Page, "about", &languages()).unwrap_or_default();
        let paths: Vec<String> = files.iter().map(|f| display_path(&f.path)).collect();
        assert_eq!(
            paths,
            ["content/pages/about.fr.md", "content/pages/about.en.md"]
        );
        assert!(files[0].text.starts_with("---\n"));
        assert!(files[0].text.contains("# slug: about"));
        let home = super::files(Kind::Page, "index", &languages()).unwrap_or_default();
        assert!(!home[0].text.contains("slug:"));
    }
}
