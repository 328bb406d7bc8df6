//! Printing diagnostics: the one place the binary writes them, on stderr (or stdout for
//! `check --format json|github`). Rich (with the source line) on a terminal, one line each
//! otherwise.

use std::io::{IsTerminal, Write};
use std::path::Path;

use reperes::diag::{Diagnostic, Diagnostics, display_path};

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
    let rich = std::io::stderr().is_terminal();
    let mut err = std::io::stderr().lock();
    for d in diags.iter() {
        let _ = writeln!(err, "{}", render(d, root, rich));
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

fn render(d: &Diagnostic, root: &Path, rich: bool) -> String {
    if !rich {
        return d.one_line();
    }
    let source = d
        .file
        .as_ref()
        .and_then(|f| std::fs::read_to_string(root.join(f)).ok());
    format!("{}\n", d.rich(source.as_deref()))
}
