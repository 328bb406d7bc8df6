//! Printing diagnostics: the one place the binary writes them, on stderr (or stdout for
//! `check --format json|github`). Each in its human form, terminal or not: the one-line header
//! editors' problem matchers read, the source line with the span underlined, the help. Colour
//! only on a terminal and without `NO_COLOR`.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use reperes::diag::{Diagnostic, Diagnostics, Style, display_path, excerpt};
use reperes::source::SourceText;

/// Print diagnostics, then say that nothing was written if there were errors.
pub fn failure(diags: &Diagnostics, root: &Path) {
    print(diags, root);
    if diags.has_errors() {
        line(&format!(
            "{} error(s), {} warning(s): nothing was written",
            diags.error_count(),
            diags.warning_count()
        ));
    }
}

/// Print diagnostics on stderr.
pub fn print(diags: &Diagnostics, root: &Path) {
    let style = Style::detect(
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    );
    let mut sources = Sources::default();
    let mut err = std::io::stderr().lock();
    for d in diags.iter() {
        let _ = writeln!(err, "{}", render(d, root, style, &mut sources));
    }
}

/// `check --format json`: one JSON array on stdout.
pub fn json(diags: &Diagnostics) {
    let _ = writeln!(std::io::stdout().lock(), "{}", diags.to_json());
}

/// `check --format github`: workflow commands on stdout, one per diagnostic.
pub fn github(diags: &Diagnostics) {
    let mut out = std::io::stdout().lock();
    for d in diags.iter() {
        let _ = writeln!(out, "{}", d.github_annotation());
    }
}

/// A line of the binary's own wording on stderr (progress, summaries, warnings).
pub fn line(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// A line on stdout: what a command produced (paths it wrote), for scripts to read.
pub fn output(text: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// `rel` (relative to the site's root) as the user can open it from where they ran reperes.
pub fn shown(root: &Path, rel: &Path) -> String {
    if root == Path::new(".") {
        display_path(rel)
    } else {
        root.join(rel).display().to_string()
    }
}

/// The decoded text of each file diagnostics point into, read once.
#[derive(Default)]
struct Sources {
    read: BTreeMap<PathBuf, Option<String>>,
}

impl Sources {
    fn get(&mut self, root: &Path, file: &Path) -> Option<&str> {
        self.read
            .entry(file.to_path_buf())
            .or_insert_with(|| {
                let bytes = std::fs::read(root.join(file)).ok()?;
                // A file that is not UTF-8 is shown as far as it can be (the error is about it).
                let text = SourceText::decode(&bytes).map_or_else(
                    |_| String::from_utf8_lossy(&bytes).replace("\r\n", "\n"),
                    |s| s.text,
                );
                Some(text)
            })
            .as_deref()
    }
}

/// The human form, followed by an empty line when it spans several.
fn render(d: &Diagnostic, root: &Path, style: Style, sources: &mut Sources) -> String {
    let source = match (&d.file, d.location) {
        (Some(file), Some(_)) => sources.get(root, file),
        _ => None,
    };
    let text = excerpt(d, source, style);
    if text.contains('\n') {
        format!("{text}\n")
    } else {
        text
    }
}
