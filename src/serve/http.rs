//! The pure part of the preview server: request paths → what to serve, content types, and the
//! markup injected into served pages (live-reload script, error overlay). No I/O here.

use std::fmt::Write as _;

use crate::text::escape_html;

/// Folder of the preview's own endpoints, below the site's base path. Site paths are made of
/// lowercase slugs, so no page can take this name.
pub const ENDPOINTS: &str = "__reperes/";

/// What a request path asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file of the site, by its path in the output (`x/` already mapped to `x/index.html`).
    File(String),
    /// One of the preview's endpoints (`live.js`, `events`, `overlay.css`).
    Endpoint(String),
    /// Send the browser elsewhere (the base path without its final `/`, or outside it).
    Redirect(String),
    /// Outside the site, or a path no output file can have (`..`, encoded `/`, bad escapes).
    NotFound,
}

/// Resolve the path part of a request (query and fragment already removed) against a site
/// served under `base_path` (starting and ending with `/`).
pub fn resolve(base_path: &str, path: &str) -> Target {
    if !path.starts_with('/') {
        return Target::NotFound;
    }
    if base_path != "/" && (path == "/" || format!("{path}/") == base_path) {
        return Target::Redirect(base_path.to_owned());
    }
    let Some(rest) = path.strip_prefix(base_path) else {
        return Target::NotFound;
    };
    // An encoded separator never names an output file; refusing it outright keeps `..%2f` and
    // `%5c` tricks from ever reaching the segment check below in a disguised form.
    let lower = rest.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return Target::NotFound;
    }
    let Some(decoded) = percent_decode(rest) else {
        return Target::NotFound;
    };
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let bad = matches!(*segment, "." | "..")
            || segment.contains(['\\', '\0'])
            || (segment.is_empty() && i != last);
        if bad {
            return Target::NotFound;
        }
    }
    if let Some(endpoint) = decoded.strip_prefix(ENDPOINTS) {
        return Target::Endpoint(endpoint.to_owned());
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Target::File(format!("{decoded}index.html"))
    } else {
        Target::File(decoded)
    }
}

/// `%XX` escapes decoded; `None` if an escape is malformed or the result is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether an output path belongs to a search bundle (`pagefind/…`, `en/pagefind/…`): those
/// files arrive after the pages, so a request for one may wait for the index.
pub fn is_search_bundle(path: &str) -> bool {
    path.split('/')
        .take(2)
        .any(|segment| segment == crate::model::refs::BUNDLE_DIR)
}

/// The `Content-Type` of an output file, from its extension.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        // A bare `.wasm` must carry its own type to be compiled while streaming.
        "wasm" => "application/wasm",
        // Pagefind's bundle (`.pagefind` WebAssembly, `.pf_meta`, `.pf_index`, …) and the rest.
        _ => "application/octet-stream",
    }
}

/// What is injected into every served HTML page.
#[derive(Debug, Clone, Copy)]
pub struct Injection<'a> {
    /// The site's base path (`/` or `/sub/`).
    pub base_path: &'a str,
    /// The build the page is served from (lets `live.js` notice a newer one at once).
    pub generation: u64,
    /// One-line diagnostics of the latest build, when it failed.
    pub errors: Option<&'a [String]>,
}

/// `html` with the live-reload script before `</body>` and, after a failed build, the error
/// overlay right after `<body…>` (server-side, so it shows without JavaScript).
pub fn inject(html: &[u8], injection: Injection<'_>) -> Vec<u8> {
    let script = script_tag(injection);
    let overlay = injection
        .errors
        .map(|errors| overlay(injection.base_path, errors));
    let body_open = find_ascii_ci(html, b"<body")
        .filter(|&i| {
            html.get(i + 5)
                .is_some_and(|&b| b == b'>' || b.is_ascii_whitespace())
        })
        .and_then(|i| {
            html[i..]
                .iter()
                .position(|&b| b == b'>')
                .map(|end| i + end + 1)
        });
    let script_at = rfind_ascii_ci(html, b"</body>").unwrap_or(html.len());
    let overlay_at = body_open.filter(|&at| at <= script_at).unwrap_or(0);
    let mut out = Vec::with_capacity(html.len() + script.len() + 1024);
    out.extend_from_slice(&html[..overlay_at]);
    if let Some(overlay) = &overlay {
        out.extend_from_slice(overlay.as_bytes());
    }
    out.extend_from_slice(&html[overlay_at..script_at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[script_at..]);
    out
}

fn script_tag(injection: Injection<'_>) -> String {
    format!(
        "<script src=\"{}{ENDPOINTS}live.js\" data-generation=\"{}\"></script>",
        injection.base_path, injection.generation
    )
}

/// The overlay listing a failed build's diagnostics (no inline style: the pages' CSP forbids it,
/// so the look comes from `overlay.css`).
pub fn overlay(base_path: &str, errors: &[String]) -> String {
    let mut html = format!(
        "<div id=\"reperes-overlay\" role=\"alert\" lang=\"en\">\
         <link rel=\"stylesheet\" href=\"{base_path}{ENDPOINTS}overlay.css\">\
         <p><strong>The last build failed</strong> ({} problem{}). This is the last good version \
         of the page; it reloads when the build succeeds.</p><ul>",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    for line in errors {
        let _ = write!(html, "<li>{}</li>", escape_html(line));
    }
    html.push_str("</ul></div>");
    html
}

/// The page served when no build has succeeded yet.
pub fn error_page(base_path: &str, generation: u64, errors: &[String]) -> Vec<u8> {
    let page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
                <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
                <title>Build failed · reperes serve</title>\n</head>\n<body>\n\
                <h1>The site could not be built</h1>\n</body>\n</html>\n";
    inject(
        page.as_bytes(),
        Injection {
            base_path,
            generation,
            errors: Some(errors),
        },
    )
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn rfind_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Target {
        Target::File(path.to_owned())
    }

    #[test]
    fn paths_map_to_output_files() {
        assert_eq!(resolve("/", "/"), file("index.html"));
        assert_eq!(resolve("/", "/a-propos/"), file("a-propos/index.html"));
        assert_eq!(resolve("/", "/assets/site.css"), file("assets/site.css"));
        assert_eq!(resolve("/", "/r%C3%A9seaux/"), file("réseaux/index.html"));
        assert_eq!(
            resolve("/", "/__reperes/live.js"),
            Target::Endpoint("live.js".into())
        );
    }

    #[test]
    fn traversal_and_encoded_separators_are_not_found() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/site.yaml",
            "/..%2fcontent/site.yaml",
            "/a/%2E%2E/%2e%2e/x",
            "/a%5c..%5cb",
            "/a//b",
            "/./index.html",
            "/%zz",
            "/%ff",
            "/a%00b",
            "relative",
            "http://evil.example/",
        ] {
            assert_eq!(resolve("/", bad), Target::NotFound, "{bad}");
        }
    }

    #[test]
    fn base_path_is_respected() {
        assert_eq!(resolve("/pr-7/", "/pr-7/x/"), file("x/index.html"));
        assert_eq!(
            resolve("/pr-7/", "/pr-7/__reperes/events"),
            Target::Endpoint("events".into())
        );
        assert_eq!(
            resolve("/pr-7/", "/pr-7"),
            Target::Redirect("/pr-7/".into())
        );
        assert_eq!(resolve("/pr-7/", "/"), Target::Redirect("/pr-7/".into()));
        assert_eq!(resolve("/pr-7/", "/x/"), Target::NotFound);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("pagefind/pagefind.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type("pagefind/wasm.fr.pagefind"),
            "application/octet-stream"
        );
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("data/erns.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
        assert!(is_search_bundle("pagefind/pagefind.js"));
        assert!(is_search_bundle("en/pagefind/index/x.pf_index"));
        assert!(!is_search_bundle("en/networks/pagefind/index.html"));
    }

    #[test]
    fn script_goes_before_body_end_and_overlay_after_body_start() {
        let page = b"<html><body class=\"kind-page\"><p>Hi</p></body></html>";
        let clean = inject(
            page,
            Injection {
                base_path: "/",
                generation: 3,
                errors: None,
            },
        );
        assert_eq!(
            String::from_utf8_lossy(&clean),
            "<html><body class=\"kind-page\"><p>Hi</p><script src=\"/__reperes/live.js\" \
             data-generation=\"3\"></script></body></html>"
        );
        let errors = vec!["content/x.yaml:1:2: error: <bad> & \"worse\"".to_owned()];
        let broken = inject(
            page,
            Injection {
                base_path: "/sub/",
                generation: 4,
                errors: Some(&errors),
            },
        );
        let broken = String::from_utf8_lossy(&broken);
        assert!(broken.starts_with(
            "<html><body class=\"kind-page\"><div id=\"reperes-overlay\" role=\"alert\""
        ));
        assert!(broken.contains("href=\"/sub/__reperes/overlay.css\""));
        assert!(
            broken.contains(
                "<li>content/x.yaml:1:2: error: &lt;bad&gt; &amp; &quot;worse&quot;</li>"
            )
        );
        assert!(broken.ends_with(
            "<p>Hi</p><script src=\"/sub/__reperes/live.js\" data-generation=\"4\"></script>\
             </body></html>"
        ));
    }

    #[test]
    fn pages_without_body_tags_still_get_the_script() {
        let out = inject(
            b"<p>fragment</p>",
            Injection {
                base_path: "/",
                generation: 1,
                errors: None,
            },
        );
        assert!(
            String::from_utf8_lossy(&out).ends_with("live.js\" data-generation=\"1\"></script>")
        );
        let page = error_page("/", 1, &["error: boom".to_owned()]);
        let page = String::from_utf8_lossy(&page);
        assert!(page.contains("<body><div id=\"reperes-overlay\""));
        assert!(page.contains("<li>error: boom</li>"));
    }
}
