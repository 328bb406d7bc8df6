//! `sitemap.xml` (every page in every language, with its alternates and the date of its last
//! review) and `robots.txt`.

use std::fmt::Write as _;

use super::Renderer;
use crate::text::escape_html;
use crate::urls::Route;

impl Renderer<'_> {
    pub(super) fn sitemap(&self, routes: &[Route]) -> String {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        let default = self.config.languages.default_code();
        for route in routes.iter().filter(|r| **r != Route::NotFound) {
            for lang in self.config.languages.codes() {
                let Some(loc) = self.urls.absolute(route, lang) else {
                    continue;
                };
                if self.awaiting_source(route, lang).is_some() {
                    continue;
                }
                let _ = writeln!(xml, "  <url>\n    <loc>{}</loc>", escape_html(&loc));
                // The date its content was last reviewed (the same as the page's and its
                // JSON-LD's `lastReviewed`).
                if let Some((reviewed, _)) = self.review_date(route, lang) {
                    let _ = writeln!(xml, "    <lastmod>{reviewed}</lastmod>");
                }
                for alt in self.config.languages.codes() {
                    if self.awaiting_source(route, alt).is_some() {
                        continue;
                    }
                    if let Some(href) = self.urls.absolute(route, alt) {
                        let _ = writeln!(
                            xml,
                            "    <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{}\"/>",
                            escape_html(&href)
                        );
                    }
                }
                if let Some(href) = self.urls.absolute(route, default) {
                    let _ = writeln!(
                        xml,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                        escape_html(&href)
                    );
                }
                xml.push_str("  </url>\n");
            }
        }
        xml.push_str("</urlset>\n");
        xml
    }

    pub(super) fn robots(&self) -> String {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            self.config.base_url
        )
    }
}
