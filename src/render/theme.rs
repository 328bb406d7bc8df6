//! The theme: Tera templates parsed once (with the `t()` function for interface strings), its
//! static files, and which template renders each kind of route.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{ErrorKind, Kwargs, State, Tera};
use walkdir::WalkDir;

use crate::config::Config;
use crate::diag::{
    Code, Diagnostic, Diagnostics, LineIndex, Location, Span, did_you_mean, display_path,
};
use crate::i18n::{Arg, Translations};
use crate::text::typography;
use crate::urls::Route;

/// The template of each kind of route: the one mapping that rendering and `check` use.
/// `None` for the files of the open data, which are not pages.
pub fn template_for(route: &Route) -> Option<&'static str> {
    Some(match route {
        Route::Home => "home.html",
        Route::Page(_) => "page.html",
        Route::NetworkList => "network-list.html",
        Route::Network(_) => "network.html",
        Route::ErnList => "ern-list.html",
        Route::Ern(_) => "ern.html",
        Route::PartnerList => "partner-list.html",
        Route::Partner(_) => "partner.html",
        Route::Search => "search.html",
        Route::NotFound => "404.html",
        Route::Data(_) => return None,
    })
}

/// The layout every page template extends.
const BASE_TEMPLATE: &str = "base.html";

/// Templates every theme must provide: the base, then one per kind of route.
pub fn required_templates() -> Vec<&'static str> {
    let one_of_each = [
        Route::Home,
        Route::Page(String::new()),
        Route::NetworkList,
        Route::Network(String::new()),
        Route::ErnList,
        Route::Ern(String::new()),
        Route::PartnerList,
        Route::Partner(String::new()),
        Route::Search,
        Route::NotFound,
    ];
    let mut names = vec![BASE_TEMPLATE];
    names.extend(one_of_each.iter().filter_map(template_for));
    names
}

/// The CSS file every page links to, inside the theme's `static/` folder.
pub const STYLESHEET: &str = "assets/site.css";
/// The search page's script, inside the theme's `static/` folder.
pub const SEARCH_SCRIPT: &str = "assets/search/search.js";

/// A loaded theme: parsed templates, their text (for `check`), and static files.
pub struct Theme {
    pub(super) tera: Tera,
    /// Theme folder relative to the site root, for diagnostics.
    pub(super) dir: PathBuf,
    /// Every template as (name relative to `templates/`, text), sorted by name.
    pub(super) templates: Vec<(String, String)>,
    /// The static files under their output (fingerprinted) names.
    pub(super) static_files: Vec<(String, Vec<u8>)>,
    /// Each static file's name in the theme → its output name.
    assets: BTreeMap<String, String>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl Theme {
    /// Read and parse `themes/<theme>/templates/` and `themes/<theme>/static/`.
    pub fn load(config: &Config, translations: Arc<Translations>) -> Result<Theme, Diagnostics> {
        let mut diags = Diagnostics::new();
        let dir = PathBuf::from("themes").join(&config.theme);
        let templates_dir = config.theme_dir.join("templates");
        let mut templates = Vec::new();
        for (rel, bytes) in read_tree(&templates_dir, &mut diags, &dir.join("templates")) {
            match String::from_utf8(bytes) {
                Ok(text) => templates.push((rel, text.replace("\r\n", "\n"))),
                Err(_) => diags.push(
                    Diagnostic::error(Code::Encoding, "template is not valid UTF-8")
                        .in_file(dir.join("templates").join(&rel)),
                ),
            }
        }
        let required = required_templates();
        for name in &required {
            if templates.iter().all(|(rel, _)| rel != name) {
                diags.push(
                    Diagnostic::error(
                        Code::MissingTemplate,
                        format!("the theme has no `{name}` template"),
                    )
                    .in_file(dir.join("templates"))
                    .with_help(format!("a theme provides {}", required.join(", "))),
                );
            }
        }
        let static_files = read_tree(
            &config.theme_dir.join("static"),
            &mut diags,
            &dir.join("static"),
        );
        let fingerprinted = super::assets::fingerprint(static_files);
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        register_functions(&mut tera, translations);
        register_asset_function(&mut tera, &fingerprinted.names, &config.base_path);
        if let Err(err) = tera.add_raw_templates(templates.iter().map(|(n, t)| (n, t))) {
            diags.push(template_error(&err, &dir, &templates, None));
        }
        if diags.has_errors() {
            return Err(diags.sorted());
        }
        Ok(Theme {
            tera,
            dir,
            templates,
            static_files: fingerprinted.files,
            assets: fingerprinted.names,
        })
    }

    /// What tells two versions of the theme apart: its templates and its static files (their
    /// output names carry a hash of their bytes). Never written anywhere.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut hasher = DefaultHasher::new();
        self.templates.hash(&mut hasher);
        self.assets.hash(&mut hasher);
        hasher.finish()
    }

    /// Every template as (name relative to `templates/`, text), sorted by name.
    pub fn templates(&self) -> &[(String, String)] {
        &self.templates
    }

    /// The output path of a static file of the theme (`assets/site.css` →
    /// `assets/site.<hash>.css`); the path itself if the theme has no such file.
    pub fn asset_path(&self, path: &str) -> String {
        self.assets
            .get(path)
            .cloned()
            .unwrap_or_else(|| path.to_owned())
    }

    /// The output path of a static file of the theme, if the theme has it.
    pub(super) fn asset(&self, path: &str) -> Option<&str> {
        self.assets.get(path).map(String::as_str)
    }

    /// The top folders of the fingerprinted files (`assets`): everything in them can be cached
    /// for good.
    pub(super) fn fingerprinted_dirs(&self) -> std::collections::BTreeSet<&str> {
        self.assets
            .iter()
            .filter(|(path, output)| path != output)
            .filter_map(|(path, _)| path.split_once('/').map(|(top, _)| top))
            .collect()
    }

    /// The theme's folder, relative to the site's root.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Every file below `dir` (sorted), as (`/`-separated relative path, bytes). A missing folder is
/// empty.
fn read_tree(dir: &Path, diags: &mut Diagnostics, shown: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    if !dir.exists() {
        return files;
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diags.push(
                    Diagnostic::error(Code::Io, format!("cannot read: {err}")).in_file(shown),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = display_path(rel);
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push((rel, bytes)),
            Err(err) => diags.push(
                Diagnostic::error(Code::Io, format!("cannot read: {err}"))
                    .in_file(shown.join(&rel)),
            ),
        }
    }
    files
}

fn register_functions(tera: &mut Tera, translations: Arc<Translations>) {
    // `t(key="…", count=3)`: an interface string in the page's language (`lang` in the context).
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let lang: String = state
                .get::<String>("lang")?
                .ok_or_else(|| tera::Error::message("t(): no `lang` in the template context"))?;
            let key: String = kwargs.must_get::<String>("key")?;
            let mut args = Vec::new();
            for (name, value) in kwargs.iter() {
                let name = name.to_string();
                if name == "key" {
                    continue;
                }
                let arg = match (value.as_f64(), value.as_i64(), value.as_str()) {
                    (_, Some(i), _) => Arg::Number(i as f64),
                    (Some(f), _, _) => Arg::Number(f),
                    (_, _, Some(s)) => Arg::Text(s.to_owned()),
                    _ => Arg::Text(value.to_string()),
                };
                args.push((name, arg));
            }
            translations
                .get(&lang, &key, &args)
                .map(|text| typography(&text, &lang))
                .map_err(tera::Error::message)
        },
    );
}

/// `asset(path="assets/site.css")`: the address of a static file of the theme under its
/// fingerprinted name; an error for a file the theme does not have.
fn register_asset_function(tera: &mut Tera, names: &BTreeMap<String, String>, base_path: &str) {
    let urls: BTreeMap<String, String> = names
        .iter()
        .map(|(path, output)| (path.clone(), format!("{base_path}{output}")))
        .collect();
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get::<String>("path")?;
            urls.get(path.trim_start_matches('/'))
                .cloned()
                .ok_or_else(|| {
                    tera::Error::message(format!("asset(): the theme has no file `static/{path}`"))
                })
        },
    );
}

/// A template named that does not exist: located where a template names it (`"name"`), with
/// the closest existing template. `texts` are the theme's templates (name, text).
fn missing_template(
    name: &str,
    templates: &Path,
    texts: &[(String, String)],
    message: &str,
) -> Diagnostic {
    let quoted = format!("\"{name}\"");
    let found = texts.iter().find_map(|(rel, text)| {
        let offset = text.find(&quoted)?;
        let lines = LineIndex::new(text);
        let span = Span::new(
            lines.location(text, offset + 1),
            lines.location(text, offset + quoted.len() - 1),
        );
        Some((rel, span))
    });
    let d = Diagnostic::error(Code::MissingTemplate, message);
    let d = match found {
        Some((rel, span)) => d.in_file(templates.join(rel)).at(span),
        None => d.in_file(templates),
    };
    match did_you_mean(name, texts.iter().map(|(rel, _)| rel.as_str())) {
        Some(question) => d.with_help(question),
        None => d,
    }
}

/// A Tera error as a diagnostic in the template file, naming the page being rendered.
pub(super) fn template_error(
    err: &tera::Error,
    theme_dir: &Path,
    texts: &[(String, String)],
    rendering: Option<&str>,
) -> Diagnostic {
    let suffix = rendering
        .map(|r| format!(" (while rendering {r})"))
        .unwrap_or_default();
    let templates = theme_dir.join("templates");
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let mut message = report.message().to_owned();
            if let Some(source) = std::error::Error::source(err) {
                let _ = write!(message, ": {source}");
            }
            // `t(key=…)` with a key no .ftl file defines comes back as a rendering error.
            let code = if message.contains("interface string `") {
                Code::UnknownString
            } else {
                Code::Template
            };
            Diagnostic::error(code, format!("template: {message}{suffix}"))
                .in_file(templates.join(report.filename()))
                .at(Span::new(
                    Location::new(span.start_line.max(1), span.start_col + 1),
                    Location::new(span.end_line.max(1), span.end_col + 1),
                ))
                .with_help("see the Tera 2 documentation for template syntax")
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            Code::MissingTemplate,
            format!("template extends `{parent}`, which does not exist{suffix}"),
        )
        .in_file(templates.join(current)),
        ErrorKind::TemplateNotFound(name) => missing_template(
            name,
            &templates,
            texts,
            &format!("template `{name}` not found{suffix}"),
        ),
        // An `include` of a template that does not exist.
        _ if let Some(name) = err.to_string().split("Unknown template `").nth(1)
            && let Some(name) = name.split('`').next() =>
        {
            missing_template(
                name,
                &templates,
                texts,
                &format!("template `{name}` not found{suffix}"),
            )
        }
        _ => {
            Diagnostic::error(Code::Template, format!("template: {err}{suffix}")).in_file(templates)
        }
    }
}
