//! `reperes build` run as a binary on fixture sites.
#![cfg(test)]

mod common;

use common::{TestSite, fixtures, stderr, tree};

#[test]
fn builds_both_languages_with_alternates() {
    let site = TestSite::fixture("minimal");
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));

    let fr = site.read_output("index.html");
    assert!(fr.contains("<html lang=\"fr\""));
    assert!(
        fr.contains(r#"<link rel="alternate" hreflang="en" href="https://reperes.example/en/">"#)
    );
    assert!(fr.contains(r#"<a href="/en/" hreflang="en" lang="en">English</a>"#));
    let en = site.read_output("en/index.html");
    assert!(en.contains("<html lang=\"en\""));
    assert!(en.contains(r#"<a href="/" hreflang="fr" lang="fr">Français</a>"#));

    // The switcher goes to the same page in the other language, localized slugs included.
    let about = site.read_output("a-propos/index.html");
    assert!(about.contains(r#"<a href="/en/about/" hreflang="en" lang="en">English</a>"#));
    let network = site.read_output("en/networks/netmeso/index.html");
    assert!(
        network.contains(r#"<a href="/reseaux/netmeso/" hreflang="fr" lang="fr">Français</a>"#)
    );

    let sitemap = site.read_output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://reperes.example/en/networks/netmeso/</loc>"));
    assert!(sitemap.contains(
        r#"<xhtml:link rel="alternate" hreflang="fr" href="https://reperes.example/reseaux/netmeso/"/>"#
    ));
    assert!(!sitemap.contains("404"));
    assert!(
        site.read_output("robots.txt")
            .contains("Sitemap: https://reperes.example/sitemap.xml")
    );
    assert!(
        site.public()
            .join(asset(&site, "assets/site.css"))
            .is_file()
    );
    assert!(
        site.public().join("404.html").is_file() && site.public().join("en/404.html").is_file()
    );
}

/// A source in another language than the page's is marked with `lang` and `hreflang` (RGAA 8.7);
/// in its own language it is not.
#[test]
fn sources_in_another_language_are_marked() {
    let site = TestSite::fixture("minimal");
    assert!(site.build(&[]).status.success());
    let marked = r#"<a href="https://groupe-sarcome-francais.fr/expertise-clinique-le-reseau-netsarc" hreflang="fr" lang="fr">"#;
    assert!(
        site.read_output("en/networks/netsarc/index.html")
            .contains(marked)
    );
    let fr = site.read_output("reseaux/netsarc/index.html");
    assert!(!fr.contains(marked));
    assert!(fr.contains(
        r#"<a href="https://groupe-sarcome-francais.fr/expertise-clinique-le-reseau-netsarc">"#
    ));
}

#[test]
fn markdown_features_and_links_resolve_per_language() {
    let site = TestSite::fixture("minimal");
    assert!(site.build(&[]).status.success());
    let fr = site.read_output("a-propos/index.html");
    assert!(fr.contains(r#"<h2 id="methode">Méthode</h2>"#));
    assert!(fr.contains(r#"<a href="/reseaux-europeens/euracan/">EURACAN</a>"#));
    assert!(fr.contains("<table>"));
    assert!(fr.contains("footnote"));
    // French typography: narrow no-break space before `;`.
    assert!(fr.contains("sources\u{202F};"));
    let en = site.read_output("en/about/index.html");
    assert!(en.contains(r#"<a href="/en/european-networks/euracan/">EURACAN</a>"#));
    let netmeso = site.read_output("en/networks/netmeso/index.html");
    assert!(netmeso.contains(r#"<a href="/en/about/#method">our method</a>"#));
    // The ERN lists its networks from the networks' records.
    let ern = site.read_output("reseaux-europeens/euracan/index.html");
    assert!(ern.contains(r#"<a href="/reseaux/netmeso/">NETMESO</a>"#));
    assert!(ern.contains(r#"<a href="/reseaux/netsarc/">NETSARC+</a>"#));
}

#[test]
fn base_url_override_prefixes_every_link() {
    let site = TestSite::fixture("minimal");
    let out = site.build(&["--base-url", "https://preview.example/pr-7"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let home = site.read_output("index.html");
    let css = asset(&site, "assets/site.css");
    assert!(home.contains(&format!(r#"href="/pr-7/{css}""#)));
    assert!(home.contains(r#"href="/pr-7/reseaux/""#));
    assert!(home.contains(r#"<link rel="canonical" href="https://preview.example/pr-7/">"#));
}

#[test]
fn glossary_terms_link_to_the_glossary_on_first_use() {
    let site = TestSite::fixture("minimal");
    let out = site.build(&["--base-url", "https://preview.example/pr-7"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let link = |href: &str, text: &str| {
        format!(
            r#"<a class="glossary-term" href="{href}" aria-describedby="glossary-note">{text}</a>"#
        )
    };

    // A record's fields are one page: the summary introduces each term, the history does not.
    let fr = site.read_output("reseaux/netsarc/index.html");
    let rcp = link("/pr-7/glossaire/#rcp", "RCP");
    assert!(
        fr.contains(&format!(
            "{}\u{202F}; une {rcp} (réunion de concertation pluridisciplinaire) examine",
            link("/pr-7/glossaire/#sarcome", "sarcomes")
        )),
        "{fr}"
    );
    assert_eq!(fr.matches(r#"class="glossary-term""#).count(), 2, "{fr}");
    assert!(fr.contains("<p>Les RCP du réseau se tiennent chaque semaine.</p>"));
    assert!(fr.contains(r#"<p class="glossary-note" id="glossary-note">"#));

    let en = site.read_output("en/networks/netsarc/index.html");
    assert!(en.contains(&format!(
        "an {} (multidisciplinary team meeting) reviews",
        link("/pr-7/en/glossary/#rcp", "MDT meeting")
    )));
    assert!(en.contains("The network’s MDT meetings are held"), "{en}");

    // The entries the links lead to, on a glossary page left as written.
    for (page, anchor) in [
        ("glossaire/index.html", r#"<dt id="rcp">RCP "#),
        ("en/glossary/index.html", r#"<dt id="rcp">MDT meeting "#),
    ] {
        let glossary = site.read_output(page);
        assert!(glossary.contains(anchor), "{glossary}");
        assert!(!glossary.contains(r#"class="glossary-term""#), "{glossary}");
        assert!(!glossary.contains(r#"id="glossary-note""#), "{glossary}");
    }
    // No term, no note.
    assert!(
        !site
            .read_output("reseaux/netmeso/index.html")
            .contains("glossary-note")
    );
}

#[test]
fn two_builds_in_two_processes_are_byte_identical() {
    let site = TestSite::fixture("minimal");
    let other = tempfile::tempdir().unwrap();
    let out_a = site.root().join("out-a");
    let out_b = other.path().join("out-b");
    assert!(
        site.build(&["--out", out_a.to_str().unwrap()])
            .status
            .success()
    );
    assert!(
        site.build(&["--out", out_b.to_str().unwrap()])
            .status
            .success()
    );
    let (a, b) = (tree(&out_a), tree(&out_b));
    assert!(a.len() > 20);
    assert_eq!(a, b);
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::fixture("minimal");
    assert!(site.build(&[]).status.success());
    let before = tree(&site.public());
    site.write("content/networks/netsarc.yaml", "acronym: [unclosed\n");
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/networks/netsarc.yaml:1:"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&site.public()), before);
    // No staging folder is left behind either.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn bom_and_crlf_content_builds() {
    let site = TestSite::fixture("minimal");
    let path = site.root().join("content/networks/netsarc.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    std::fs::write(&path, bytes).unwrap();
    let page = site.root().join("content/pages/a-propos.fr.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace('\n', "\r\n")).unwrap();
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.read_output("a-propos/index.html")
            .contains(r#"<h2 id="methode">"#)
    );
}

#[test]
fn html_snapshots_of_representative_pages() {
    let site = TestSite::fixture("minimal");
    assert!(site.build(&[]).status.success());
    for page in [
        "index.html",
        "en/index.html",
        "reseaux/netsarc/index.html",
        "en/networks/netsarc/index.html",
        "en/european-networks/euracan/index.html",
        "partenaires/index.html",
        "a-propos/index.html",
        "en/404.html",
    ] {
        let name = page.replace('/', "__").replace(".html", "");
        // The theme's files are named after their content: a CSS change renames them (the
        // fingerprinting test checks that every reference resolves).
        insta::with_settings!({filters => vec![(r"\.[0-9a-f]{10}\.(css|js|png|svg)", ".<hash>.$1")]}, {
            insta::assert_snapshot!(name, site.read_output(page));
        });
    }
    let files: Vec<String> = tree(&site.public()).into_keys().collect();
    // Pagefind names its chunks after their content: any text change renames them. The tree's
    // shape is what this snapshot is about (the determinism test covers the bytes).
    let filters = vec![
        (r"_[0-9a-f]{7,10}\.pf_", "_<hash>.pf_"),
        (r"\.[0-9a-f]{10}\.(css|js|png|svg)", ".<hash>.$1"),
    ];
    insta::with_settings!({filters => filters}, {
        insta::assert_snapshot!("output_tree", files.join("\n"));
    });
}

#[test]
fn usage_errors_exit_with_2() {
    let out = common::reperes()
        .arg("build")
        .arg("--no-such-flag")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = common::reperes().arg("--help").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("build"));
}

#[test]
fn a_site_can_pick_another_theme() {
    let site = TestSite::fixture("custom-theme");
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let home = site.read_output("en/index.html");
    assert!(home.contains(r#"<body data-theme="plain">"#), "{home}");
    assert_eq!(
        site.read_output(&asset(&site, "assets/site.css")),
        "body { font-family: serif; }\n"
    );
}

#[test]
fn plurals_come_from_fluent() {
    let site = TestSite::fixture("minimal");
    assert!(site.build(&[]).status.success());
    assert!(site.read_output("index.html").contains("(2 réseaux)"));
    std::fs::remove_file(site.root().join("content/networks/netsarc.yaml")).unwrap();
    // The link to the removed network must go too for the site to build.
    let netmeso = site.root().join("content/networks/netmeso.yaml");
    let text = std::fs::read_to_string(&netmeso).unwrap();
    std::fs::write(
        &netmeso,
        text.replace("[NETSARC+](@/networks/netsarc)", "NETSARC+"),
    )
    .unwrap();
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.read_output("index.html").contains("(1 réseau)"));
    assert!(site.read_output("en/index.html").contains("(1 network)"));
}

#[test]
fn search_bundle_per_language_with_vocabulary_and_page_config() {
    let site = TestSite::fixture("minimal");
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (prefix, lang) in [("", "fr"), ("en/", "en")] {
        let bundle = site.public().join(format!("{prefix}pagefind"));
        for file in ["pagefind.js", "pagefind-worker.js", "pagefind-entry.json"] {
            assert!(bundle.join(file).is_file(), "{prefix}pagefind/{file}");
        }
        assert!(bundle.join(format!("wasm.{lang}.pagefind")).is_file());
        // Pagefind's default UI (it failed an RGAA audit) and other languages' code are not shipped.
        assert!(!bundle.join("pagefind-ui.js").exists());
        assert!(!bundle.join("wasm.unknown.pagefind").exists());
        let entry = site.read_output(&format!("{prefix}pagefind/pagefind-entry.json"));
        assert!(entry.contains(&format!("\"{lang}\"")), "{entry}");

        // The vocabulary holds every language's names and the hidden search terms of records.
        let vocabulary: Vec<String> = serde_json::from_str(
            &site.read_output(&format!("{prefix}pagefind/reperes-vocabulary.json")),
        )
        .unwrap();
        for word in ["mésothéliome", "mesothelioma", "mesotheliome", "netmeso"] {
            assert!(vocabulary.iter().any(|w| w == word), "{lang}: {word}");
        }
    }
    let page = site.read_output("recherche/index.html");
    let script = asset(&site, "assets/search/search.js");
    assert!(page.contains(&format!(
        r#"<script type="module" src="/{script}"></script>"#
    )));
    assert!(page.contains(r#""bundle":"/pagefind/""#));
    assert!(page.contains(r#""others":[{"bundle":"/en/pagefind/","lang":"en","name":"English"}]"#));
    // WebAssembly is allowed on the search page only.
    assert!(page.contains("script-src 'self' 'wasm-unsafe-eval';"));
    assert!(
        site.read_output("index.html")
            .contains("script-src 'self';")
    );
    let query = asset(&site, "assets/search/query.js");
    let query_name = query.rsplit_once('/').unwrap().1;
    assert!(
        site.read_output(&script)
            .contains(&format!("from './{query_name}';"))
    );
}

/// The output name of a theme's static file: `assets/site.css` → `assets/site.<hash>.css`.
fn asset(site: &TestSite, path: &str) -> String {
    let (dir, file) = path.rsplit_once('/').unwrap();
    let (stem, ext) = file.rsplit_once('.').unwrap();
    let found: Vec<String> = std::fs::read_dir(site.public().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name.strip_prefix(&format!("{stem}."))
                .and_then(|rest| rest.strip_suffix(&format!(".{ext}")))
                .is_some_and(|hash| hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .collect();
    assert_eq!(found.len(), 1, "{path}: {found:?}");
    format!("{dir}/{}", found[0])
}

/// Every reference to a theme file in the output (pages, the manifest, scripts) names a
/// fingerprinted file that exists; every file of the theme's folders is fingerprinted; the
/// headers file gives them a year of caching and the security headers.
#[test]
fn every_asset_reference_resolves_to_a_fingerprinted_file() {
    let site = TestSite::fixture("minimal");
    let out = site.build(&["--base-url", "https://preview.example/pr-7/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.public();
    let fingerprinted = |path: &str| {
        let file = path.rsplit('/').next().unwrap();
        let parts: Vec<&str> = file.split('.').collect();
        parts.len() >= 3
            && parts[parts.len() - 2].len() == 10
            && parts[parts.len() - 2]
                .bytes()
                .all(|b| b.is_ascii_hexdigit())
    };
    let mut references = 0;
    for entry in walk(&public) {
        let rel = entry
            .strip_prefix(&public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("assets/") {
            assert!(fingerprinted(&rel), "{rel} has no hash in its name");
        }
        if !(rel.ends_with(".html") || rel.ends_with(".webmanifest") || rel.starts_with("assets/"))
        {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&entry) else {
            continue;
        };
        let starts = text
            .match_indices("assets/")
            .map(|(i, _)| i)
            .chain(text.match_indices("'./").map(|(i, _)| i + 1));
        for i in starts {
            let start = text[..i].rfind(['"', '\'', '(']).map_or(0, |s| s + 1);
            let end = i + text[i..].find(['"', '\'', ')']).unwrap();
            let reference = &text[start..end];
            let path = if let Some(rest) = reference.strip_prefix("/pr-7/") {
                rest.to_owned()
            } else if let Some(rest) = reference.strip_prefix("./") {
                // A script importing a sibling.
                format!("{}/{rest}", rel.rsplit_once('/').unwrap().0)
            } else {
                panic!("{rel}: `{reference}` is not under the base path");
            };
            assert!(
                fingerprinted(&path),
                "{rel}: `{reference}` is not fingerprinted"
            );
            assert!(
                public.join(&path).is_file(),
                "{rel}: `{reference}` does not exist"
            );
            references += 1;
        }
    }
    assert!(references > 100, "{references} references");
    let headers = site.read_output("_headers");
    assert!(
        headers.contains("/pr-7/assets/*\n  Cache-Control: public, max-age=31536000, immutable")
    );
    assert!(headers.contains("frame-ancestors 'none'"));
    assert!(headers.contains("X-Content-Type-Options: nosniff"));
    let manifest: serde_json::Value =
        serde_json::from_str(&site.read_output("manifest.webmanifest")).unwrap();
    assert_eq!(manifest["start_url"], "/pr-7/");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn search_index_follows_the_base_path() {
    let site = TestSite::fixture("minimal");
    let out = site.build(&["--base-url", "https://example.org/rare/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.read_output("en/search/index.html");
    assert!(page.contains(r#""bundle":"/rare/en/pagefind/""#), "{page}");
    assert!(page.contains(r#""root":"/rare/""#));
}

#[test]
fn page_awaiting_translation_shows_a_notice_and_stays_out_of_the_sitemap() {
    let site = TestSite::fixture("minimal");
    site.overlay(&fixtures().join("check/awaiting-translation"));
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let en = site.read_output("en/a-propos/index.html");
    assert!(en.contains("This page has not been translated into English yet."));
    assert!(en.contains(r#"<a href="/a-propos/" hreflang="fr">Read the original"#));
    assert!(en.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!site.read_output("sitemap.xml").contains("/en/a-propos/"));
    // English texts link straight to the French original, where the anchors are.
    assert!(
        site.read_output("en/index.html")
            .contains(r#"href="/a-propos/""#)
    );
    let fr = site.read_output("a-propos/index.html");
    assert!(!fr.contains("translation-note"));
    assert!(!fr.contains("noindex"));
}

#[test]
fn outdated_translation_shows_a_discreet_note() {
    let site = TestSite::fixture("minimal");
    site.overlay(&fixtures().join("check/outdated-translation"));
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let en = site.read_output("en/about/index.html");
    assert!(en.contains("This translation may be out of date"), "{en}");
    assert!(en.contains(r#"<a href="/a-propos/" hreflang="fr">"#));
    assert!(
        !site
            .read_output("a-propos/index.html")
            .contains("translation-note")
    );

    // Recording the current fingerprint clears the note.
    let path = site.root().join("content/pages/a-propos.en.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let fr = std::fs::read_to_string(site.root().join("content/pages/a-propos.fr.md")).unwrap();
    let check = common::reperes()
        .args(["check", "--today", "2026-11-22", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let message = stderr(&check);
    let current = message
        .split("then write `translated_from: { fr: ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .map(|quoted| quoted.trim_matches('"'))
        .unwrap_or_else(|| panic!("no fingerprint in {message}"));
    assert_eq!(current.len(), 8, "{message}");
    assert!(fr.contains("Méthode"));
    std::fs::write(&path, text.replace("0000abcd", current)).unwrap();
    assert!(site.build(&[]).status.success());
    assert!(
        !site
            .read_output("en/about/index.html")
            .contains("translation-note")
    );
}

#[test]
fn diagnostics_show_the_source_line_without_escape_codes_off_a_terminal() {
    let site = TestSite::fixture("minimal");
    site.overlay(&fixtures().join("invalid").join("unknown-field-typo"));
    for no_color in [None, Some("1")] {
        let mut command = common::reperes();
        command.arg("build").arg("--root").arg(site.root());
        if let Some(value) = no_color {
            command.env("NO_COLOR", value);
        }
        let out = command.output().unwrap();
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{text}");
        // The header first (problem matchers read it), then the line and its underline.
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("content/networks/netsarc.yaml:7:1: error: unknown field `sumary`")
        );
        assert!(text.contains("7 | sumary:\n  | ^^^^^^\n"), "{text}");
        assert!(text.contains("did you mean `summary`?"), "{text}");
        assert!(
            !text.contains('\u{1b}'),
            "escape codes with NO_COLOR={no_color:?}: {text:?}"
        );
    }
}

/// On a terminal (a pseudo-terminal from util-linux's `script`, skipped where it is missing):
/// colour, unless `NO_COLOR` is set.
#[test]
fn colour_on_a_terminal_unless_no_color() {
    if common::scrubbed("script")
        .arg("--version")
        .output()
        .is_err()
    {
        // No `script` to give the binary a terminal: nothing to test here.
        return;
    }
    let site = TestSite::fixture("minimal");
    site.overlay(&fixtures().join("invalid").join("unknown-field-typo"));
    let bin = assert_cmd::cargo::cargo_bin!("reperes");
    let command = format!("{} build --root {}", bin.display(), site.root().display());
    for (no_color, coloured) in [(None, true), (Some("1"), false)] {
        let mut script = common::scrubbed("script");
        script.args(["-qec", &command, "/dev/null"]);
        if let Some(value) = no_color {
            script.env("NO_COLOR", value);
        }
        let out = script.output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("unknown field `sumary`"), "{text}");
        assert_eq!(
            text.contains('\u{1b}'),
            coloured,
            "NO_COLOR={no_color:?}: {text:?}"
        );
    }
}
