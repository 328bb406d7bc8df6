//! The names the site itself gives to things, so that each is written once: `@/…` references
//! between content files, the home page's key, the placeholder `new` writes, and the folders and
//! files the build writes beside the pages (open data, search bundle), which page slugs may not
//! take.

/// The `<slug>` of the home page's files: `content/pages/index.<lang>.md`.
pub const HOME_KEY: &str = "index";

/// What `reperes new` writes where an editor has to write something. The build refuses a file
/// that still holds one, so that a half-filled record cannot be published.
pub const PLACEHOLDER: &str = "<fill in>";

/// The folder of the open data, below the site's root (the same for every language).
pub const DATA_DIR: &str = "data";

/// The datasets of [`DATA_DIR`], each published as `<kind>.json`, `<kind>.csv` and
/// `<kind>.schema.json`.
pub const DATA_KINDS: [&str; 3] = ["networks", "erns", "partners"];

/// Whether `name` is a file of [`DATA_DIR`] (`networks.json`, `erns.schema.json`…).
pub fn is_published_data(name: &str) -> bool {
    name.split_once('.').is_some_and(|(kind, extension)| {
        DATA_KINDS.contains(&kind) && matches!(extension, "json" | "csv" | "schema.json")
    })
}

/// The folder of a language's Pagefind bundle, below the language's root.
pub const BUNDLE_DIR: &str = "pagefind";

/// The search vocabulary file written next to a language's bundle.
pub const VOCABULARY_FILE: &str = "reperes-vocabulary.json";

/// The theme's folder of CSS, scripts and images, copied to the site's root.
pub const ASSETS_DIR: &str = "assets";

/// The headers file of Netlify and Cloudflare Pages, at the root of the output (`render` writes
/// it; `cms` adds the editor's rule).
pub const HEADERS_FILE: &str = "_headers";

/// The not-found page, at the root of the output.
pub const NOT_FOUND_FILE: &str = "404.html";

/// First URL segments a page slug may not take, because the site uses them itself (besides the
/// language codes and the section slugs of `site.yaml`).
pub const RESERVED_SLUGS: [&str; 6] = [DATA_DIR, ASSETS_DIR, BUNDLE_DIR, "static", "404", HOME_KEY];

/// What `@/…` links in Markdown may point at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ContentRef {
    Network(String),
    Ern(String),
    Partner(String),
    Page(String),
    /// `@/networks`, `@/erns`, `@/partners`: the lists; `@/search`: the search page.
    NetworkList,
    ErnList,
    PartnerList,
    Search,
    /// `@/data/networks.json`: a file of the open data, the same in every language.
    Data(String),
}

impl ContentRef {
    /// Parse `@/networks/netsarc`, `@/pages/about.md#anchor`, … into a reference and an anchor.
    pub fn parse(target: &str) -> Option<Result<(ContentRef, Option<String>), String>> {
        let rest = target.strip_prefix("@/")?;
        let (path, anchor) = match rest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_owned())),
            None => (rest, None),
        };
        let (kind, name) = path.split_once('/').unwrap_or((path, ""));
        let name = name.trim_end_matches('/');
        if name.is_empty() {
            let list = match kind {
                "networks" => ContentRef::NetworkList,
                "erns" => ContentRef::ErnList,
                "partners" => ContentRef::PartnerList,
                "search" => ContentRef::Search,
                "" | "pages" => ContentRef::Page(HOME_KEY.to_owned()),
                other => {
                    return Some(Err(format!(
                        "`{target}`: unknown section `{other}` (use networks, erns, partners, \
                         search, pages/<slug>.md or data/<file>)"
                    )));
                }
            };
            return Some(Ok((list, anchor)));
        }
        let reference = match kind {
            "networks" => ContentRef::Network(name.trim_end_matches(".yaml").to_owned()),
            "erns" => ContentRef::Ern(name.trim_end_matches(".yaml").to_owned()),
            "partners" => ContentRef::Partner(name.trim_end_matches(".yaml").to_owned()),
            "pages" => ContentRef::Page(name.trim_end_matches(".md").to_owned()),
            "data" => ContentRef::Data(name.to_owned()),
            other => {
                return Some(Err(format!(
                    "`{target}`: unknown kind `{other}` (use networks, erns, partners, pages or \
                     data)"
                )));
            }
        };
        Some(Ok((reference, anchor)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_refs() {
        assert_eq!(
            ContentRef::parse("@/pages/about.md#x"),
            Some(Ok((ContentRef::Page("about".into()), Some("x".into()))))
        );
        assert_eq!(
            ContentRef::parse("@/networks/netsarc"),
            Some(Ok((ContentRef::Network("netsarc".into()), None)))
        );
        assert!(matches!(ContentRef::parse("@/foo/bar"), Some(Err(_))));
        assert_eq!(
            ContentRef::parse("@/networks"),
            Some(Ok((ContentRef::NetworkList, None)))
        );
        assert_eq!(ContentRef::parse("https://x"), None);
        assert_eq!(
            ContentRef::parse("@/data/networks.csv"),
            Some(Ok((ContentRef::Data("networks.csv".into()), None)))
        );
    }

    #[test]
    fn published_names() {
        for name in ["networks.json", "erns.csv", "partners.schema.json"] {
            assert!(is_published_data(name), "{name}");
        }
        for name in [
            "pages.json",
            "networks.xml",
            "networks",
            "../networks.json",
            "",
        ] {
            assert!(!is_published_data(name), "{name}");
        }
    }
}
