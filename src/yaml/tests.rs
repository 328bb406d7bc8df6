use std::collections::BTreeMap;

use serde::Deserialize;

use super::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Doc {
    name: BTreeMap<String, String>,
    erns: Vec<BTreeMap<String, String>>,
}

const DOC: &str = "name:\n  fr: a\n  en: b\nerns:\n  - id: x\n  - { id: y }\n";

fn errors<T: DeserializeOwned + std::fmt::Debug>(yaml: &str) -> Vec<Diagnostic> {
    parse::<T>(yaml, 0)
        .err()
        .map(Diagnostics::into_vec)
        .unwrap_or_default()
}

#[test]
fn spans_are_file_positions() {
    let parsed = parse::<Doc>(DOC, 1).ok();
    let spans = parsed.map(|p| p.spans).unwrap_or_default();
    assert_eq!(spans.locate("name.fr"), Location::new(3, 7));
    assert_eq!(spans.locate("erns[0].id"), Location::new(6, 9));
    assert_eq!(spans.locate("erns[1].id"), Location::new(7, 11));
    // Missing paths fall back to their parent.
    assert_eq!(spans.locate("name.de"), Location::new(3, 3));
}

#[test]
fn values_are_found_by_position() {
    let spans = spans(DOC, 0);
    assert_eq!(spans.path_at(Location::new(5, 9)), Some("erns[0].id"));
    assert_eq!(spans.path_at(Location::new(2, 7)), Some("name.fr"));
    assert_eq!(spans.path_at(Location::new(2, 1)), None);
}

#[test]
fn unknown_field_is_located() {
    let errs = errors::<Doc>("name: {}\nerns: []\nextra: 1\n");
    let first = errs.first().map(|d| (d.location, d.message.clone()));
    assert_eq!(
        first.as_ref().map(|e| e.0),
        Some(Some(Location::new(3, 1))),
        "{errs:?}"
    );
    assert!(first.is_some_and(|e| e.1.starts_with("unknown field `extra`")));
}

#[test]
fn every_unknown_field_of_the_mapping_is_reported() {
    let errs = errors::<Doc>("nmae: {}\nname: {}\nerns: []\ncolour: 1\n");
    let found: Vec<_> = errs
        .iter()
        .map(|d| (d.location, d.message.clone()))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, Some(Location::new(1, 1)));
    assert!(found[0].1.starts_with("unknown field `nmae`"), "{found:?}");
    assert_eq!(found[1].0, Some(Location::new(4, 1)));
    assert!(
        found[1].1.starts_with("unknown field `colour`"),
        "{found:?}"
    );
}

#[test]
fn duplicate_key_is_an_error() {
    let errs = errors::<Doc>("name:\n  fr: a\nname:\n  fr: b\nerns: []\n");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].message.contains("`name` is given twice"),
        "{errs:?}"
    );
    assert_eq!(errs[0].location, Some(Location::new(3, 1)), "{errs:?}");
}

#[test]
fn syntax_error_is_located() {
    let errs = errors::<Doc>("name:\n  fr: a: b\n");
    assert_eq!(
        errs.first().and_then(|d| d.location).map(|l| l.line),
        Some(2)
    );
}

#[test]
fn language_text_keeps_document_order() {
    let yaml = "b:\n  fr: deux\n  en: two\na:\n  fr: [un, ' uno ']\n  en: one\nskip:\n  fr: non\nn:\n  fr: 3\n";
    assert_eq!(language_text(yaml, "fr", "skip"), "deux\nun\nuno\n");
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Source {
    title: String,
    url: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Record {
    sources: Vec<Source>,
    reviewed: String,
}

#[test]
fn missing_field_points_at_its_mapping() {
    let errs =
        errors::<Record>("sources:\n  - title: a\n    url: b\n  - { title: c }\nreviewed: x\n");
    let found: Vec<_> = errs
        .iter()
        .map(|d| (d.location, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            Some(Location::new(4, 5)),
            "`sources[1]`: missing field `url`"
        )]
    );
    let errs = errors::<Record>("sources:\n  - title: a\nreviewed: x\n");
    let found: Vec<_> = errs
        .iter()
        .map(|d| (d.location, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            Some(Location::new(2, 5)),
            "`sources[0]`: missing field `url`"
        )]
    );
    let errs = errors::<Record>("sources: []\n");
    let found: Vec<_> = errs
        .iter()
        .map(|d| (d.location, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(Some(Location::new(1, 1)), "missing field `reviewed`")]
    );
}

#[test]
fn wrong_type_quotes_the_value() {
    let errs = errors::<Record>("sources: sarcome\nreviewed: x\n");
    let found: Vec<_> = errs
        .iter()
        .map(|d| (d.location, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            Some(Location::new(1, 10)),
            "`sources`: invalid type: found `sarcome`, expected a list"
        )]
    );
}
