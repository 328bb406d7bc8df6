//! What static hosts and browsers read beside the pages: the web manifest, and `_headers`
//! (Netlify and Cloudflare Pages syntax) with the security headers and long caching for the
//! fingerprinted assets. The pages carry the same Content-Security-Policy in a `<meta>`
//! element, for hosts that read no headers file (GitHub Pages).

use std::fmt::Write as _;

use super::Renderer;

/// The web manifest, at the site's root.
pub const MANIFEST: &str = "manifest.webmanifest";
/// The headers file of Netlify and Cloudflare Pages, at the site's root.
pub const HEADERS: &str = crate::model::refs::HEADERS_FILE;

/// The Content-Security-Policy: nothing from another origin, no inline script or style.
/// `wasm` allows WebAssembly (Pagefind, on the search page); `frame_ancestors` forbids framing,
/// which only a header can say (browsers ignore it in a `<meta>` element).
pub(super) fn content_security_policy(wasm: bool, frame_ancestors: bool) -> String {
    let mut csp = String::from("default-src 'self'; script-src 'self'");
    if wasm {
        csp.push_str(" 'wasm-unsafe-eval'");
    }
    csp.push_str(
        "; style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'",
    );
    if frame_ancestors {
        csp.push_str("; frame-ancestors 'none'");
    }
    csp
}

/// Icons the manifest lists when the theme has them: (file in `static/`, sizes, type).
const ICONS: [(&str, &str, &str); 3] = [
    ("assets/icon-192.png", "192x192", "image/png"),
    ("assets/icon-512.png", "512x512", "image/png"),
    ("assets/favicon.svg", "any", "image/svg+xml"),
];

impl Renderer<'_> {
    /// `manifest.webmanifest`: the site's name in its default language, its start page, the
    /// theme's icons.
    pub(super) fn manifest(&self) -> String {
        let lang = self.config.languages.default_code();
        let name = self.text(&self.config.title, lang);
        let short_name = name.split(" — ").next().unwrap_or(&name).to_owned();
        let icons: Vec<serde_json::Value> = ICONS
            .iter()
            .filter_map(|(path, sizes, kind)| {
                let output = self.theme.asset(path)?;
                Some(serde_json::json!({
                    "src": self.urls.asset(output),
                    "sizes": sizes,
                    "type": kind,
                }))
            })
            .collect();
        let manifest = serde_json::json!({
            "name": name,
            "short_name": short_name,
            "description": self.text(&self.config.description, lang),
            "lang": lang,
            "start_url": self.config.base_path,
            "scope": self.config.base_path,
            "display": "browser",
            "background_color": "#ffffff",
            "theme_color": "#1d4f91",
            "icons": icons,
        });
        let mut text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
        text.push('\n');
        text
    }

    /// `_headers`: the security headers on every path, a year of caching for the theme's
    /// fingerprinted files (their names change with their content).
    pub(super) fn headers(&self) -> String {
        let base = &self.config.base_path;
        let mut text = String::from(
            "# Headers for Netlify and Cloudflare Pages (written by reperes build).\n\
             # The Content-Security-Policy allows WebAssembly for the search page; every page\n\
             # also carries its own, stricter policy in a <meta> element, and browsers apply both.\n",
        );
        let _ = writeln!(text, "{base}*");
        let _ = writeln!(
            text,
            "  Content-Security-Policy: {}",
            content_security_policy(true, true)
        );
        for line in [
            "X-Content-Type-Options: nosniff",
            "Referrer-Policy: strict-origin-when-cross-origin",
            "Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
            "X-Frame-Options: DENY",
        ] {
            let _ = writeln!(text, "  {line}");
        }
        let mut dirs: Vec<&str> = self
            .theme
            .fingerprinted_dirs()
            .into_iter()
            .collect::<Vec<_>>();
        dirs.sort_unstable();
        for dir in dirs {
            let _ = writeln!(
                text,
                "\n{base}{dir}/*\n  Cache-Control: public, max-age=31536000, immutable"
            );
        }
        text
    }
}
