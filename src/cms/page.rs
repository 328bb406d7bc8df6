//! The `/admin/` page and its Content-Security-Policy. Decap CMS is a React application styled
//! by CSS-in-JS and validating its configuration with compiled schemas (Ajv), so its policy
//! must allow inline styles (`style-src 'unsafe-inline'`) and `script-src 'unsafe-eval'`;
//! everything else stays as strict as the site's: no inline script, no other origin but the
//! repository host's API (published sites), no framing.

use std::fmt::Write as _;

use crate::config::{CmsBackend, CmsSettings, Config};
use crate::text::escape_html;

/// The policy's directives shared by both uses; `connect` and `images` add origins.
/// `frame_ancestors` forbids framing, which only a header can say (browsers ignore it, with a
/// console error, in a `<meta>` element).
fn csp(connect: &[&str], images: &[&str], frame_ancestors: bool) -> String {
    let join = |extra: &[&str]| {
        extra
            .iter()
            .map(|origin| format!(" {origin}"))
            .collect::<String>()
    };
    let mut policy = format!(
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:{}; font-src 'self' data:; connect-src 'self'{}; \
         worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'",
        join(images),
        join(connect)
    );
    if frame_ancestors {
        policy.push_str("; frame-ancestors 'none'");
    }
    policy
}

/// The policy of `/admin/` in `serve --edit`: nothing but the preview's own origin.
pub fn csp_local() -> String {
    csp(&[], &[], true)
}

/// The policy of a published `/admin/`: the repository host's API and images too; as a header
/// (`_headers`) or in the page's `<meta>` element.
pub fn csp_published(cms: &CmsSettings, header: bool) -> String {
    let own = cms.auth_url.as_ref().map(|url| origin(url.as_str()));
    let mut connect: Vec<String> = Vec::new();
    let mut images: Vec<String> = Vec::new();
    match cms.backend {
        CmsBackend::Github => {
            connect.push("https://api.github.com".into());
            images.push("https://avatars.githubusercontent.com".into());
            images.push("https://raw.githubusercontent.com".into());
        }
        CmsBackend::Gitlab => {
            let instance = own.clone().unwrap_or_else(|| "https://gitlab.com".into());
            connect.push(instance.clone());
            images.push(instance);
            images.push("https://secure.gravatar.com".into());
        }
    }
    if let Some(own) = own
        && !connect.contains(&own)
    {
        connect.push(own);
    }
    let connect: Vec<&str> = connect.iter().map(String::as_str).collect();
    let images: Vec<&str> = images.iter().map(String::as_str).collect();
    csp(&connect, &images, header)
}

/// `scheme://host[:port]` of an absolute address.
fn origin(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("https", url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    format!("{scheme}://{host}")
}

/// The `_headers` rule of a published `/admin/` (appended after the site-wide rule: on Netlify
/// the later, more specific rule's value wins).
pub(super) fn headers_rule(base_path: &str, cms: &CmsSettings) -> String {
    let mut text = String::from(
        "\n# The editor (Decap CMS, site.yaml `cms:`): it needs inline styles and eval, and talks\n\
         # to the repository host's API.\n",
    );
    let _ = writeln!(text, "{base_path}{}/*", super::ADMIN_DIR);
    let _ = writeln!(
        text,
        "  Content-Security-Policy: {}",
        csp_published(cms, true)
    );
    let _ = writeln!(text, "  Cache-Control: no-cache");
    let _ = writeln!(text, "  X-Robots-Tag: noindex");
    text
}

/// The `/admin/` page: the CMS's script and ours, nothing else. `token` (the preview's) goes to
/// `reperes-admin.js`, which sends it with each request to the local backend; `csp`, when
/// given, is written in a `<meta>` element (published sites: hosts that read no headers file).
pub fn admin_page(config: &Config, local: Option<(&str, &str)>, csp: Option<&str>) -> String {
    let lang = config.languages.default_code();
    let site = config.title.get(lang).map_or("", String::as_str);
    let editing = if lang == "fr" { "Édition" } else { "Editing" };
    let mut head = String::new();
    if let Some(csp) = csp {
        let _ = writeln!(
            head,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
            escape_html(csp)
        );
    }
    if let Some((token, endpoint)) = local {
        let _ = writeln!(
            head,
            "<meta name=\"reperes-token\" content=\"{}\">\n<meta name=\"reperes-endpoint\" content=\"{}\">",
            escape_html(token),
            escape_html(endpoint)
        );
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"icon\" href=\"data:,\">\n{head}<title>{editing} — {}</title>\n\
         <script src=\"reperes-admin.js\"></script>\n</head>\n<body>\n\
         <script src=\"decap-cms.js\"></script>\n</body>\n</html>\n",
        escape_html(site)
    )
}
