//! `check`: what an editor wants to know about a site that builds — findings over the finished,
//! in-memory site, each located in a source file:
//! - links and anchors of the *rendered* pages (Markdown and templates alike) that lead nowhere;
//! - interface strings that no template or page uses;
//! - records that no page or record links to;
//! - `reviewed` dates older than the allowed age;
//! - pages awaiting translation, and translations whose original changed since;
//! - an accessibility statement without its facts or without a contact.
//!
//! Everything `build` rejects is reported by the pipeline before these run. [`external`]
//! (`check --external`) asks every web address the content cites; it is the only code of the
//! crate that uses the network, and runs only when asked.

mod content;
pub mod external;
mod links;
mod strings;

use crate::diag::Diagnostics;
use crate::model::Date;
use crate::pipeline::Built;

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
    diags.extend(links::rendered_links(built));
    diags.extend(strings::unused_strings(built));
    diags.extend(content::orphan_records(built));
    diags.extend(content::old_reviews(&built.site, options));
    diags.extend(content::translation_state(built));
    diags.extend(content::accessibility_statement(built));
    diags.extend(content::report_address(built));
    diags.sorted()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::content::months_between;
    use super::links::{anchors, is_external, link_targets, resolve};
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
