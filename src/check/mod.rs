//! `check`: what an editor wants to know about a site that builds — findings over the finished,
//! in-memory site, each located in a source file:
//! - links and anchors of the *rendered* pages (Markdown and templates alike) that lead nowhere;
//! - interface strings that no template or page uses;
//! - records that no page or record links to;
//! - `reviewed` dates older than the allowed age;
//! - pages awaiting translation, and translations whose original changed since;
//! - an accessibility statement without its facts or without a contact.
//!
//! Everything `build` rejects is reported by the pipeline before these run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::bodies::Owner;
use crate::content::Site;
use crate::diag::{Diagnostic, Diagnostics, LineIndex, Location};
use crate::model::Date;
use crate::model::{ContentRef, HOME_KEY};
use crate::pipeline::Built;
use crate::urls::{Route, Urls};

/// Settings of a check run.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// `reviewed` dates older than this many months are reported.
    pub max_age_months: u32,
    /// The date ages are measured from.
    pub today: Date,
}

/// Today's date for review ages: `SOURCE_DATE_EPOCH` when set (reproducible runs), else the
/// clock. Only `check` reads it; nothing built depends on it.
pub fn today() -> Date {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| i64::try_from(d.as_secs()).unwrap_or(0))
                .unwrap_or(0)
        });
    Date::from_days_since_epoch(seconds.div_euclid(86_400))
}

/// Every finding on a built site (warnings, and errors for broken rendered links), sorted.
pub fn check(built: &Built, options: &CheckOptions) -> Diagnostics {
    let mut diags = Diagnostics::new();
    diags.extend(rendered_links(built));
    diags.extend(unused_strings(built));
    diags.extend(orphan_records(built));
    diags.extend(old_reviews(&built.site, options));
    diags.extend(translation_state(built));
    diags.extend(accessibility_statement(built));
    diags.sorted()
}

/// Where the page behind an output file comes from, and which template rendered it.
struct PageSource {
    file: Option<PathBuf>,
    template: &'static str,
}

fn page_sources(built: &Built) -> BTreeMap<String, PageSource> {
    let urls = Urls::new(&built.config, &built.site);
    let site = &built.site;
    let mut sources = BTreeMap::new();
    for lang in built.config.languages.codes() {
        let mut add = |route: Route, file: Option<PathBuf>, template: &'static str| {
            if let Some(path) = urls.output_file(&route, lang) {
                sources.insert(path, PageSource { file, template });
            }
        };
        for r in &site.networks {
            add(
                Route::Network(r.id.clone()),
                Some(r.file.clone()),
                "network.html",
            );
        }
        for r in &site.erns {
            add(Route::Ern(r.id.clone()), Some(r.file.clone()), "ern.html");
        }
        for r in &site.partners {
            add(
                Route::Partner(r.id.clone()),
                Some(r.file.clone()),
                "partner.html",
            );
        }
        for page in site.pages.iter().filter(|p| p.lang == lang) {
            let (route, template) = if page.key == HOME_KEY {
                (Route::Home, "home.html")
            } else {
                (Route::Page(page.key.clone()), "page.html")
            };
            add(route, Some(page.file.clone()), template);
        }
        add(Route::NetworkList, None, "network-list.html");
        add(Route::ErnList, None, "ern-list.html");
        add(Route::PartnerList, None, "partner-list.html");
        add(Route::Search, None, "search.html");
        add(Route::NotFound, None, "404.html");
    }
    sources
}

/// `href` and `src` values of an HTML text, with their byte offsets (our templates and the
/// Markdown renderer always quote attributes with `"`).
fn link_targets(html: &str) -> Vec<(usize, String)> {
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
fn anchors(html: &str) -> BTreeSet<String> {
    html.match_indices(" id=\"")
        .filter_map(|(start, _)| {
            let rest = &html[start + 5..];
            rest.find('"').map(|end| rest[..end].to_owned())
        })
        .collect()
}

fn is_external(target: &str) -> bool {
    target.starts_with("//")
        || target
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/') && !scheme.contains('#'))
}

/// The output file a link leads to (`None` when it leaves the site's base path), and its anchor.
fn resolve(from: &str, target: &str, base_path: &str) -> Option<(String, Option<String>)> {
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

fn rendered_links(built: &Built) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let sources = page_sources(built);
    let theme_templates = built.config.theme_dir.join("templates");
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
            let located = locate_literal(built, source, &theme_templates, &target);
            let key = (located.clone(), message.clone());
            if !reported.insert(key) {
                continue;
            }
            let mut d = Diagnostic::error(message).with_help(format!(
                "seen on /{path}; fix the link or create what it points to"
            ));
            match located {
                Some((file, location)) => d = d.in_file(file).at(location),
                None => {
                    let template = source.map_or("base.html", |s| s.template);
                    d = d.in_file(
                        theme_templates
                            .join(template)
                            .strip_prefix(&built.config.root)
                            .map(Path::to_path_buf)
                            .unwrap_or_else(|_| theme_templates.join(template)),
                    );
                }
            }
            diags.push(d);
        }
    }
    diags
}

/// Where a link's text is written: the page's own source first, then the theme's templates.
fn locate_literal(
    built: &Built,
    source: Option<&PageSource>,
    templates: &Path,
    target: &str,
) -> Option<(PathBuf, Location)> {
    let root = &built.config.root;
    let mut candidates: Vec<PathBuf> = source.and_then(|s| s.file.clone()).into_iter().collect();
    candidates.extend(
        template_files(templates)
            .into_iter()
            .filter_map(|f| f.strip_prefix(root).map(Path::to_path_buf).ok()),
    );
    // As written, else its anchor (an `@/…#anchor` link is written differently from its URL).
    let mut needles = vec![target.to_owned()];
    if let Some((_, anchor)) = target.split_once('#') {
        needles.push(format!("#{anchor}"));
    }
    needles.iter().find_map(|needle| {
        candidates.iter().find_map(|file| {
            let text = std::fs::read_to_string(root.join(file)).ok()?;
            let offset = text.find(needle.as_str())?;
            Some((file.clone(), LineIndex::new(&text).location(&text, offset)))
        })
    })
}

/// Interface strings defined but never asked for while rendering the whole site, nor written in
/// a template. Strings named after a value or state of the content model (`month-3`,
/// `network-type-pathology`, `translation-outdated`) always count as used: some content may
/// need them.
fn unused_strings(built: &Built) -> Diagnostics {
    const FOR_MODEL_VALUES: &[&str] = &[
        "month-",
        "network-type-",
        "partner-category-",
        "translation-",
        "accessibility-status-",
    ];
    let mut diags = Diagnostics::new();
    // Asked for while rendering, or written in a template (a branch the shipped content never
    // takes, like an ERN without networks, still needs its string).
    let mut used = built.translations.used_keys();
    used.extend(template_keys(&built.config.theme_dir.join("templates")));
    for lang in built.config.languages.codes() {
        let Some(keys) = built.translations.keys(lang) else {
            continue;
        };
        for (key, location) in keys {
            let for_model_value = FOR_MODEL_VALUES.iter().any(|p| key.starts_with(p));
            if used.contains(key) || for_model_value {
                continue;
            }
            diags.push(
                Diagnostic::warning(format!("interface string `{key}` is never used"))
                    .in_file(PathBuf::from("i18n").join(format!("{lang}.ftl")))
                    .at(*location)
                    .with_help("no template uses it: delete it from every .ftl file, or use it"),
            );
        }
    }
    diags
}

/// Every file of a theme's templates folder (partials included), in a fixed order.
fn template_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// The `key="…"` literals of every template of a theme.
fn template_keys(dir: &Path) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for file in template_files(dir) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for quote in ['"', '\''] {
            let opening = format!("key={quote}");
            for (start, _) in text.match_indices(&opening) {
                let rest = &text[start + opening.len()..];
                if let Some(end) = rest.find(quote) {
                    keys.insert(rest[..end].to_owned());
                }
            }
        }
    }
    keys
}

/// Records that no Markdown text links to and no other record references: readers only reach
/// them through the lists.
fn orphan_records(built: &Built) -> Diagnostics {
    let site = &built.site;
    let mut linked: BTreeSet<ContentRef> = BTreeSet::new();
    for (key, body) in built.bodies.iter() {
        for link in &body.links {
            let own = matches!(&key.owner, Owner::Route(route) if *route == Route::from_ref(&link.reference));
            if !own {
                linked.insert(link.reference.clone());
            }
        }
    }
    for network in &site.networks {
        linked.extend(
            network
                .data
                .erns
                .iter()
                .map(|l| ContentRef::Ern(l.id.clone())),
        );
    }
    let mut diags = Diagnostics::new();
    let records = site
        .networks
        .iter()
        .map(|r| {
            (
                ContentRef::Network(r.id.clone()),
                "network",
                &r.file,
                r.spans.locate("acronym"),
            )
        })
        .chain(site.erns.iter().map(|r| {
            (
                ContentRef::Ern(r.id.clone()),
                "ERN",
                &r.file,
                r.spans.locate("acronym"),
            )
        }))
        .chain(site.partners.iter().map(|r| {
            (
                ContentRef::Partner(r.id.clone()),
                "partner",
                &r.file,
                r.spans.locate("name"),
            )
        }));
    for (reference, kind, file, location) in records {
        if !linked.contains(&reference) {
            diags.push(
                Diagnostic::warning(format!("nothing links to this {kind}"))
                    .in_file(file)
                    .at(location)
                    .with_help(
                        "no page or record links to it, so readers only find it in the lists: \
                         link it where it is relevant (e.g. `[name](@/partners/<id>)`)",
                    ),
            );
        }
    }
    diags
}

/// Pages awaiting translation, and translations whose original changed since (a record's
/// translations are reported once, not once per language).
fn translation_state(built: &Built) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for page in &built.site.pages {
        for (i, lang) in page.meta.awaiting_translation.iter().enumerate() {
            diags.push(
                Diagnostic::warning(format!("this page awaits its `{lang}` translation"))
                    .in_file(&page.file)
                    .at(page.spans.locate(&format!("awaiting_translation[{i}]")))
                    .with_help(format!(
                        "readers of `{lang}` see a notice linking to this page until \
                         content/pages/{}.{lang}.md exists",
                        page.key
                    )),
            );
        }
    }
    let mut seen = BTreeSet::new();
    for outdated in &built.outdated {
        if seen.insert((
            outdated.file.clone(),
            outdated.location,
            outdated.source_lang.clone(),
        )) {
            diags.push(crate::translation::warning(outdated));
        }
    }
    diags
}

/// The accessibility statement must say how to report a problem (RGAA), and needs its facts.
fn accessibility_statement(built: &Built) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let config = &built.config;
    let statement = built
        .site
        .pages
        .iter()
        .find(|p| p.meta.layout == crate::model::Layout::Accessibility);
    match (&config.accessibility, statement) {
        (Some(a), _) if a.contact.is_none() => diags.push(
            Diagnostic::warning("the accessibility statement gives no contact")
                .in_file(crate::config::SITE_FILE)
                .at(config.accessibility_location)
                .with_help(
                    "add `contact:` (an e-mail or web address where readers can report an \
                     accessibility problem) under `accessibility`",
                ),
        ),
        (None, Some(page)) => diags.push(
            Diagnostic::warning("this page is an accessibility statement without its facts")
                .in_file(&page.file)
                .at(page.spans.locate("layout"))
                .with_help("add an `accessibility:` section to content/site.yaml"),
        ),
        _ => {}
    }
    diags
}

/// Whole months from `then` to `today` (a month counts once its day of the month is reached).
fn months_between(then: Date, today: Date) -> i64 {
    let months = (i64::from(today.year) * 12 + i64::from(today.month))
        - (i64::from(then.year) * 12 + i64::from(then.month));
    if today.day < then.day {
        months - 1
    } else {
        months
    }
}

/// `reviewed` dates older than allowed, and dates in the future.
fn old_reviews(site: &Site, options: &CheckOptions) -> Diagnostics {
    let mut dated: Vec<(&PathBuf, Location, Date)> = Vec::new();
    for r in &site.networks {
        dated.push((&r.file, r.spans.locate("reviewed"), r.data.reviewed));
    }
    for r in &site.erns {
        dated.push((&r.file, r.spans.locate("reviewed"), r.data.reviewed));
    }
    for r in &site.partners {
        dated.push((&r.file, r.spans.locate("reviewed"), r.data.reviewed));
    }
    for page in &site.pages {
        dated.push((
            &page.file,
            page.spans.locate("reviewed"),
            page.meta.reviewed,
        ));
    }
    if let Some(g) = &site.glossary {
        dated.push((&g.file, g.spans.locate("reviewed"), g.data.reviewed));
    }
    let mut diags = Diagnostics::new();
    for (file, location, reviewed) in dated {
        let age = months_between(reviewed, options.today);
        if reviewed.days_since_epoch() > options.today.days_since_epoch() {
            diags.push(
                Diagnostic::warning(format!(
                    "reviewed {reviewed} is in the future (today is {})",
                    options.today
                ))
                .in_file(file)
                .at(location),
            );
        } else if age > i64::from(options.max_age_months) {
            diags.push(
                Diagnostic::warning(format!(
                    "last reviewed {reviewed}, {age} months ago (more than {})",
                    options.max_age_months
                ))
                .in_file(file)
                .at(location)
                .with_help(
                    "check it against its sources again, then set `reviewed` to today's date",
                ),
            );
        }
    }
    diags
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn resolves_links_like_a_browser() {
        let r = |from, target| resolve(from, target, "/");
        assert_eq!(
            r("a/index.html", "/reseaux/x/"),
            Some(("reseaux/x/index.html".into(), None))
        );
        assert_eq!(
            r("a/index.html", "../b/#top"),
            Some(("b/index.html".into(), Some("top".into())))
        );
        assert_eq!(
            r("a/index.html", "#top"),
            Some(("a/index.html".into(), Some("top".into())))
        );
        assert_eq!(r("index.html", "/"), Some(("index.html".into(), None)));
        assert_eq!(
            r("index.html", "/assets/site.css?v=1"),
            Some(("assets/site.css".into(), None))
        );
        assert_eq!(resolve("index.html", "/elsewhere/", "/rare/"), None);
        assert_eq!(
            resolve("index.html", "/rare/en/", "/rare/"),
            Some(("en/index.html".into(), None))
        );
        assert!(is_external("https://example.org/"));
        assert!(is_external("mailto:x@example.org"));
        assert!(!is_external("/reseaux/"));
        assert!(!is_external("#a:b"));
    }

    #[test]
    fn dates_from_days() {
        for text in ["1970-01-01", "2000-02-29", "2026-11-22", "2024-12-31"] {
            let date = Date::parse(text).unwrap();
            assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
        }
    }

    #[test]
    fn review_age_in_whole_months() {
        let d = |t: &str| Date::parse(t).unwrap();
        assert_eq!(months_between(d("2025-11-22"), d("2026-11-22")), 12);
        assert_eq!(months_between(d("2025-11-23"), d("2026-11-22")), 11);
        assert_eq!(months_between(d("2025-10-31"), d("2026-11-22")), 12);
    }

    #[test]
    fn finds_links_and_anchors() {
        let html = r#"<a href="/a/?x=1&amp;y=2">x</a><img src="/i.png"><h2 id="top">"#;
        let links: Vec<String> = link_targets(html).into_iter().map(|(_, l)| l).collect();
        assert_eq!(links, ["/a/?x=1&y=2", "/i.png"]);
        assert!(anchors(html).contains("top"));
    }
}
