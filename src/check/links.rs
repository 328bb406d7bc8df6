//! Links and anchors of the *rendered* pages (Markdown and templates alike) that lead nowhere,
//! each located where it is written: the page's own source, else a template of the theme.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex, Location};
use crate::model::HOME_KEY;
use crate::pipeline::Built;
use crate::render::template_for;
use crate::urls::{Route, Urls};

/// Where the page behind an output file comes from, and which template rendered it.
struct PageSource<'b> {
    /// The source file (relative to the site's root) and its text.
    file: Option<(&'b Path, &'b str)>,
    template: &'static str,
}

fn page_sources<'b>(built: &'b Built) -> BTreeMap<String, PageSource<'b>> {
    let urls = Urls::new(&built.config, &built.site);
    let site = &built.site;
    let mut sources = BTreeMap::new();
    for lang in built.config.languages.codes() {
        let mut add = |route: Route, file: Option<(&'b Path, &'b str)>| {
            if let (Some(path), Some(template)) =
                (urls.output_file(&route, lang), template_for(&route))
            {
                sources.insert(path, PageSource { file, template });
            }
        };
        for r in &site.networks {
            add(Route::Network(r.id.clone()), Some((&r.file, &r.text)));
        }
        for r in &site.erns {
            add(Route::Ern(r.id.clone()), Some((&r.file, &r.text)));
        }
        for r in &site.partners {
            add(Route::Partner(r.id.clone()), Some((&r.file, &r.text)));
        }
        for page in site.pages.iter().filter(|p| p.lang == lang) {
            let route = if page.key == HOME_KEY {
                Route::Home
            } else {
                Route::Page(page.key.clone())
            };
            add(route, Some((&page.file, &page.text)));
        }
        for route in [
            Route::NetworkList,
            Route::ErnList,
            Route::PartnerList,
            Route::Search,
            Route::NotFound,
        ] {
            add(route, None);
        }
    }
    sources
}

/// `href` and `src` values of an HTML text, with their byte offsets (our templates and the
/// Markdown renderer always quote attributes with `"`).
pub(super) fn link_targets(html: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        for (start, _) in html.match_indices(attribute) {
            let value_start = start + attribute.len();
            if let Some(length) = html[value_start..].find('"') {
                let value = html[value_start..value_start + length].replace("&amp;", "&");
                found.push((value_start, value));
            }
        }
    }
    found.sort();
    found
}

/// The `id` attributes of an HTML text.
pub(super) fn anchors(html: &str) -> BTreeSet<String> {
    html.match_indices(" id=\"")
        .filter_map(|(start, _)| {
            let rest = &html[start + 5..];
            rest.find('"').map(|end| rest[..end].to_owned())
        })
        .collect()
}

pub(super) fn is_external(target: &str) -> bool {
    target.starts_with("//")
        || target
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/') && !scheme.contains('#'))
}

/// The output file a link leads to (`None` when it leaves the site's base path), and its anchor.
pub(super) fn resolve(
    from: &str,
    target: &str,
    base_path: &str,
) -> Option<(String, Option<String>)> {
    let (target, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor.to_owned())),
        None => (target, None),
    };
    let target = target.split('?').next().unwrap_or_default();
    let mut path = if target.is_empty() {
        from.to_owned()
    } else if let Some(absolute) = target.strip_prefix('/') {
        let base = base_path.trim_start_matches('/');
        absolute.strip_prefix(base)?.to_owned()
    } else {
        let dir = from
            .rsplit_once('/')
            .map(|(dir, _)| dir)
            .unwrap_or_default();
        let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
        for part in target.split('/') {
            match part {
                ".." => {
                    parts.pop()?;
                }
                "." | "" => {}
                other => parts.push(other),
            }
        }
        let joined = parts.join("/");
        if target.ends_with('/') {
            format!("{joined}/")
        } else {
            joined
        }
    };
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    Some((path, anchor))
}

pub(super) fn rendered_links(built: &Built) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let sources = page_sources(built);
    let mut anchor_cache: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut reported = BTreeSet::new();
    for (path, bytes) in built.output.iter() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for (_, target) in link_targets(&html) {
            if is_external(&target) {
                continue;
            }
            let problem = match resolve(path, &target, &built.config.base_path) {
                None => Some(format!(
                    "link `{target}` leaves the site (its base path is `{}`)",
                    built.config.base_path
                )),
                Some((file, anchor)) => match built.output.get(&file) {
                    None => Some(format!("broken link: `{target}` leads to no page")),
                    Some(target_bytes) => anchor.filter(|a| !a.is_empty()).and_then(|anchor| {
                        let ids = anchor_cache
                            .entry(file.clone())
                            .or_insert_with(|| anchors(&String::from_utf8_lossy(target_bytes)));
                        (!ids.contains(&anchor))
                            .then(|| format!("broken link: `{target}` has no anchor `#{anchor}`"))
                    }),
                },
            };
            let Some(message) = problem else { continue };
            // One report per link and source, not one per page that shows it (menus, footers).
            let source = sources.get(path);
            let located = locate_literal(built, source, &target);
            let key = (located.clone(), message.clone());
            if !reported.insert(key) {
                continue;
            }
            let mut d = Diagnostic::error(Code::BrokenLink, message).with_help(format!(
                "seen on /{path}; fix the link or create what it points to"
            ));
            match located {
                Some((file, location)) => d = d.in_file(file).at(location),
                None => {
                    let template = source.map_or("base.html", |s| s.template);
                    d = d.in_file(built.theme.dir().join("templates").join(template));
                }
            }
            diags.push(d);
        }
    }
    diags
}

/// Where a link's text is written: the page's own source first, then the theme's templates
/// (both as the build read them).
fn locate_literal(
    built: &Built,
    source: Option<&PageSource<'_>>,
    target: &str,
) -> Option<(PathBuf, Location)> {
    let templates = built.theme.dir().join("templates");
    let mut candidates: Vec<(PathBuf, &str)> = source
        .and_then(|s| s.file)
        .map(|(file, text)| (file.to_path_buf(), text))
        .into_iter()
        .collect();
    candidates.extend(
        built
            .theme
            .templates()
            .iter()
            .map(|(name, text)| (templates.join(name), text.as_str())),
    );
    // As written, else its anchor (an `@/…#anchor` link is written differently from its URL).
    let mut needles = vec![target.to_owned()];
    if let Some((_, anchor)) = target.split_once('#') {
        needles.push(format!("#{anchor}"));
    }
    needles.iter().find_map(|needle| {
        candidates.iter().find_map(|(file, text)| {
            let offset = text.find(needle.as_str())?;
            Some((file.clone(), LineIndex::new(text).location(text, offset)))
        })
    })
}
