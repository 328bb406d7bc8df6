//! Tests of glossary term linking.

use super::*;
use crate::markdown::{self, Body};
use crate::model::ContentRef;

fn glossary() -> Glossary {
    let entry = |id, term, expansion| Entry {
        id,
        term,
        expansion,
    };
    Glossary::new(
        "/base/glossaire/",
        [
            entry(
                "rcp",
                "RCP",
                Some("réunion de concertation pluridisciplinaire"),
            ),
            entry("rcp-de-recours", "RCP de recours", None),
            entry("ern", "ERN", Some("réseau européen de référence")),
            entry("cancer-rare", "cancer rare", None),
            entry(
                "reseau-national-de-reference",
                "réseau national de référence",
                None,
            ),
        ],
    )
}

fn resolve(r: &ContentRef) -> Option<String> {
    match r {
        ContentRef::Page(key) if key == "glossaire" => Some("/base/glossaire/".to_owned()),
        _ => Some("/base/ailleurs/".to_owned()),
    }
}

fn convert_in(text: &str, seen: &mut Seen) -> Body {
    markdown::convert_with(text, "fr", &resolve, Some((&glossary(), seen))).0
}

fn convert(text: &str) -> Body {
    convert_in(text, &mut Seen::default())
}

fn link(id: &str, text: &str) -> String {
    format!(
        "<a class=\"glossary-term\" href=\"/base/glossaire/#{id}\" \
         aria-describedby=\"glossary-note\">{text}</a>"
    )
}

#[test]
fn first_use_links_and_expands_once() {
    let body = convert("Une RCP se tient. Chaque RCP décide.");
    assert_eq!(
        body.html,
        format!(
            "<p>Une {} (réunion de concertation pluridisciplinaire) se tient. Chaque RCP \
             décide.</p>\n",
            link("rcp", "RCP")
        )
    );
    assert_eq!(body.glossary, ["rcp"]);
    // Search and descriptions read the expansion too.
    assert_eq!(
        body.plain,
        "Une RCP (réunion de concertation pluridisciplinaire) se tient. Chaque RCP décide."
    );
}

#[test]
fn terms_without_expansion_get_the_link_only() {
    let body = convert("Un cancer rare.");
    assert_eq!(
        body.html,
        format!("<p>Un {}.</p>\n", link("cancer-rare", "cancer rare"))
    );
}

#[test]
fn longest_term_first_and_it_covers_its_words() {
    let body = convert("Des RCP de recours, puis une RCP de recours et une RCP.");
    assert_eq!(body.glossary, ["rcp-de-recours", "rcp"]);
    assert!(
        body.html
            .contains(&link("rcp-de-recours", "RCP de recours"))
    );
    assert!(
        body.html.contains("une RCP de recours et une <a"),
        "{}",
        body.html
    );
}

#[test]
fn never_in_headings_links_images_or_code() {
    let body = convert(
        "## Les RCP\n\n[une RCP](https://example.org) ![RCP](x.png) `RCP`\n\n\
         ```\nRCP\n```\n\nEnfin une RCP.",
    );
    assert_eq!(body.glossary, ["rcp"]);
    assert!(body.html.contains("<h2 id=\"les-rcp\">Les RCP</h2>"));
    assert!(
        body.html
            .contains("<a href=\"https://example.org\">une RCP</a>")
    );
    assert!(body.html.contains("alt=\"RCP\""));
    assert!(body.html.contains("<code>RCP</code>"));
    assert!(
        body.html
            .contains(&format!("Enfin une {}", link("rcp", "RCP")))
    );
}

#[test]
fn case_is_ignored_but_capitalised_names_are_not_terms() {
    let body = convert("Cancer rare : voir Rare Cancer Europe et Cancer Rare.");
    assert_eq!(body.glossary, ["cancer-rare"]);
    assert!(body.html.contains(&link("cancer-rare", "Cancer rare")));
    let body = convert("L’association Cancer Rare, puis un cancer rare.");
    assert!(body.html.contains(&link("cancer-rare", "cancer rare")));
    assert_eq!(convert("une rcp").glossary, ["rcp"]);
}

#[test]
fn accents_count() {
    assert!(
        convert("un reseau national de reference")
            .glossary
            .is_empty()
    );
    assert_eq!(
        convert("un réseau national de référence").glossary,
        ["reseau-national-de-reference"]
    );
}

#[test]
fn an_existing_expansion_is_not_repeated() {
    let after = convert("La RCP (réunion de concertation pluridisciplinaire) décide.");
    assert!(
        after.html.contains(&format!(
            "{} (réunion de concertation pluridisciplinaire) décide",
            link("rcp", "RCP")
        )),
        "{}",
        after.html
    );
    let before = convert("Une réunion de concertation pluridisciplinaire (RCP) décide.");
    assert!(
        before
            .html
            .contains(&format!("({}) décide", link("rcp", "RCP")))
    );
    let inside = convert("Des médecins (en RCP, souvent) décident.");
    assert!(
        inside
            .html
            .contains(&format!("(en {}, souvent)", link("rcp", "RCP")))
    );
    // Nor does it cut a name or a possessive.
    let name = convert("L’ERN PaedCan.");
    assert!(
        name.html
            .contains(&format!("{} PaedCan", link("ern", "ERN")))
    );
}

#[test]
fn elision_plurals_and_line_breaks() {
    let body = convert("l'ERN et les ERNs");
    assert!(
        body.html
            .contains(&format!("l’{} (réseau européen", link("ern", "ERN"))),
        "{}",
        body.html
    );
    assert!(convert("des ERNs").html.contains(&link("ern", "ERNs")));
    assert!(
        convert("les cancers rares")
            .html
            .contains(&link("cancer-rare", "cancers rares"))
    );
    assert!(
        convert("des réseaux nationaux de référence")
            .html
            .contains(&link(
                "reseau-national-de-reference",
                "réseaux nationaux de référence"
            ))
    );
    // Short words take no plural: `de` is not `des`.
    assert!(
        convert("des réseaux nationaux des référence")
            .glossary
            .is_empty()
    );
    let split = convert("une RCP de\nrecours");
    assert_eq!(split.glossary, ["rcp-de-recours"]);
    assert!(
        split
            .html
            .contains(&link("rcp-de-recours", "RCP de\nrecours"))
    );
}

#[test]
fn whole_words_only() {
    for text in ["RCPX", "XRCP", "ern-net.eu", "ERN-GENTURIS", "CERN", "2RCP"] {
        assert!(convert(text).glossary.is_empty(), "{text}");
    }
    assert_eq!(convert("ERN.").glossary, ["ern"]);
    assert_eq!(convert("(ERN)").glossary, ["ern"]);
}

#[test]
fn one_page_links_a_term_once_across_its_fields() {
    let mut seen = Seen::default();
    assert_eq!(convert_in("Une RCP.", &mut seen).glossary, ["rcp"]);
    let second = convert_in("Une RCP et un ERN.", &mut seen);
    assert_eq!(second.glossary, ["ern"]);
    assert!(second.html.starts_with("<p>Une RCP et un <a"));
}

#[test]
fn a_link_to_the_glossary_introduces_its_term() {
    let body = convert(
        "La [RCP](@/pages/glossaire.md) puis une RCP ; la [réunion](@/pages/glossaire.md#ern) \
         puis un ERN.",
    );
    assert!(body.glossary.is_empty(), "{}", body.html);
}

#[test]
fn same_input_same_output() {
    let text = "Une RCP de recours, un cancer rare, l’ERN et une RCP.";
    assert_eq!(convert(text), convert(text));
}
