//! Property tests: no input an editor can write makes the stages that read it panic, and the
//! rules that keep output inside its folder hold for any input. Case counts are set per test
//! (`PROPTEST_CASES` raises them all, e.g. for a longer local run).

use proptest::prelude::*;
use reperes::markdown::convert;
use reperes::model::ContentRef;
use reperes::model::{Glossary, Network, PageMeta, Partner};
use reperes::output::Output;
use reperes::source::{SourceText, split_front_matter};
use reperes::text::{check_slug, slugify, typography};
use reperes::yaml;

/// Text that looks like what editors write: YAML and Markdown punctuation, accents, `@/` links,
/// line breaks, and a little of everything else.
fn editor_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("---\n".to_owned()),
        Just("\n".to_owned()),
        Just(": ".to_owned()),
        Just("- ".to_owned()),
        Just("  ".to_owned()),
        Just("{ fr: ".to_owned()),
        Just(", en: ".to_owned()),
        Just(" }".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("#".to_owned()),
        Just("[lien](@/".to_owned()),
        Just("networks/netsarc".to_owned()),
        Just("pages/a-propos.md#x".to_owned()),
        Just(")".to_owned()),
        Just("<b>".to_owned()),
        Just("|".to_owned()),
        Just("*".to_owned()),
        Just("acronym".to_owned()),
        Just("reviewed: 2026-13-45".to_owned()),
        Just("« mésothéliome » ; ".to_owned()),
        Just("\u{FEFF}".to_owned()),
        Just("\r\n".to_owned()),
        "[a-zA-Zéèœ0-9 ]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// `cases` cases, or `PROPTEST_CASES` when set; failures are printed, not saved into the
/// repository.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn resolve(reference: &ContentRef) -> Option<String> {
    match reference {
        ContentRef::Network(id) if id == "netsarc" => Some("/reseaux/netsarc/".into()),
        ContentRef::Page(key) if key == "a-propos" => Some("/a-propos/".into()),
        _ => None,
    }
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(source) = SourceText::decode(&bytes) {
            let bom = '\u{FEFF}';
            prop_assert!(!source.text.starts_with(bom));
            prop_assert!(!source.text.contains("\r\n"));
        }
    }

    #[test]
    fn front_matter_splitting_never_panics(text in editor_text()) {
        if let Ok(front) = split_front_matter(&text) {
            prop_assert!(front.body_offset <= text.len());
            prop_assert_eq!(&text[front.body_offset..], front.body);
        }
    }

    #[test]
    fn markdown_never_panics_and_keeps_html_out(text in editor_text()) {
        let (body, problems) = convert(&text, "fr", &resolve);
        // Raw HTML is reported, never passed through.
        if text.contains("<b>") && !problems.is_empty() {
            prop_assert!(!body.html.contains("<b>"));
        }
        for problem in problems {
            prop_assert!(problem.offset <= text.len());
        }
    }

    #[test]
    fn typography_is_idempotent(text in editor_text()) {
        let once = typography(&text, "fr");
        prop_assert_eq!(typography(&once, "fr"), once);
    }

    #[test]
    fn slugs_that_pass_cannot_leave_a_folder(slug in "[a-z0-9./\\\\ -]{0,20}|\\PC{0,20}") {
        if check_slug(&slug).is_ok() {
            prop_assert!(!slug.is_empty());
            prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
        let anchor = slugify(&slug);
        prop_assert!(!anchor.contains('/') && !anchor.contains('"'));
    }

    #[test]
    fn link_targets_never_panic(target in "@/[a-z./#-]{0,30}|\\PC{0,30}") {
        if let Some(Ok((reference, _))) = ContentRef::parse(&target) {
            let id = match &reference {
                ContentRef::Network(id) | ContentRef::Ern(id) | ContentRef::Partner(id) | ContentRef::Page(id) => Some(id.clone()),
                _ => None,
            };
            if let Some(id) = id {
                prop_assert!(!id.contains('/') && id != ".." && !id.is_empty(), "{}", id);
            }
        }
    }

    #[test]
    fn output_paths_stay_inside(path in "(\\.\\./|/|[a-z]{1,5}/|\\./|\\\\){0,4}[a-z.]{0,8}") {
        let mut output = Output::new();
        if output.insert(path.clone(), b"x".to_vec()).is_ok() {
            prop_assert!(!path.starts_with('/'));
            prop_assert!(!path.split('/').any(|part| part == ".." || part == "." || part.is_empty()));
            prop_assert!(!path.contains('\\') && !path.contains(':'));
        }
    }
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn loading_any_record_never_panics(text in editor_text()) {
        // Errors are fine (and located); a panic is not.
        if let Err(found) = yaml::parse::<Network>(&text, 0) {
            prop_assert!(!found.is_empty());
            for d in found.iter() {
                prop_assert!(!d.message.is_empty() && d.location.is_some());
            }
        }
        let _ = yaml::parse::<Partner>(&text, 0);
        let _ = yaml::parse::<Glossary>(&text, 0);
        let _ = yaml::parse::<PageMeta>(&text, 1);
    }
}
