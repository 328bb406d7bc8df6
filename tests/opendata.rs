//! The open data files (`data/networks.json`, `.csv`, `.schema.json`, and the same for ERNs and
//! partners): on the shipped site, complete in both languages, valid against their published
//! schemas, free of search-only terms and deterministic; on the `minimal` fixture, under a base
//! path and linked from a page.
// Marks the helpers below as test code, for clippy.toml (see there).
#![cfg(test)]

mod common;

use std::collections::BTreeSet;

use common::{TestSite, stderr};
use reperes::config::BuildOptions;
use reperes::pipeline::{self, Built, SearchIndex};
use serde_json::Value;

const KINDS: [&str; 3] = ["networks", "erns", "partners"];
const LANGS: [&str; 2] = ["fr", "en"];

/// The shipped site, without the search index (the open data does not depend on it).
fn shipped() -> Built {
    let options = BuildOptions {
        root: common::repo(),
        out: None,
        base_url: None,
    };
    pipeline::build_with(&options, SearchIndex::Skip).unwrap_or_else(|diags| {
        let lines: Vec<String> = diags.iter().map(|d| d.one_line()).collect();
        panic!("the shipped site must build:\n{}", lines.join("\n"))
    })
}

fn file<'a>(built: &'a Built, path: &str) -> &'a [u8] {
    built
        .output
        .get(path)
        .unwrap_or_else(|| panic!("{path} is not in the output"))
}

fn json(built: &Built, path: &str) -> Value {
    serde_json::from_slice(file(built, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A text in each language, none empty.
fn assert_bilingual(value: &Value, what: &str) {
    for lang in LANGS {
        let text = value[lang].as_str().unwrap_or_default();
        assert!(
            !text.trim().is_empty(),
            "{what}: no `{lang}` text in {value}"
        );
    }
}

#[test]
fn shipped_json_has_every_record_in_both_languages() {
    let built = shipped();
    let expected = [
        ("networks", built.site.networks.len()),
        ("erns", built.site.erns.len()),
        ("partners", built.site.partners.len()),
    ];
    assert_eq!(expected[0].1, 18);
    assert_eq!(expected[1].1, 4);
    assert!(expected[2].1 >= 15);
    for (kind, count) in expected {
        let data = json(&built, &format!("data/{kind}.json"));
        assert_eq!(data["languages"], serde_json::json!(LANGS));
        assert_eq!(data["source"], "https://reperes.example/");
        assert_eq!(
            data["schema"],
            format!("https://reperes.example/data/{kind}.schema.json")
        );
        assert_bilingual(&data["title"], kind);
        assert_bilingual(&data["description"], kind);
        // No licence is invented: the site's settings state none.
        assert!(data.get("license").is_none());
        let records = data[kind].as_array().unwrap();
        // The file's date is the latest review of its records.
        let latest = records.iter().filter_map(|r| r["reviewed"].as_str()).max();
        assert_eq!(data["reviewed"].as_str(), latest);
        assert_eq!(records.len(), count, "{kind}");
        let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "{kind}: sorted by id, each once");
        for record in records {
            let id = record["id"].as_str().unwrap();
            for field in ["name", "summary", "summary_html", "url"] {
                assert_bilingual(&record[field], &format!("{kind}/{id}.{field}"));
            }
            assert!(!record["sources"].as_array().unwrap().is_empty(), "{id}");
            assert!(record["reviewed"].as_str().unwrap().len() == 10, "{id}");
        }
    }

    let networks = json(&built, "data/networks.json");
    let netsarc = &networks["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "netsarc")
        .unwrap();
    assert_eq!(netsarc["acronym"], "NETSARC+");
    assert_eq!(netsarc["type"], "clinical-and-pathology");
    assert_eq!(
        netsarc["url"],
        serde_json::json!({
            "fr": "https://reperes.example/reseaux/netsarc/",
            "en": "https://reperes.example/en/networks/netsarc/",
        })
    );
    // Languages in the site's order, the default first, as editors write them.
    let text = String::from_utf8_lossy(file(&built, "data/networks.json")).into_owned();
    assert!(
        text.contains("\"name\": {\n        \"fr\": "),
        "{}",
        &text[..400]
    );
    // Conditions with every kind of name, per language.
    let gist = netsarc["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["abbreviations"]["en"] == serde_json::json!(["GIST"]))
        .unwrap();
    assert_bilingual(&gist["name"], "GIST");
    assert_eq!(gist["synonyms"]["fr"], serde_json::json!(["TSGI"]));
    assert_eq!(gist["lay_terms"]["fr"], serde_json::json!([]));
    // The summary as plain text (French typography included) and as HTML.
    let plain = netsarc["summary"]["fr"].as_str().unwrap();
    assert!(plain.starts_with("NETSARC+ est le réseau national des sarcomes\u{202F}:"));
    assert!(!plain.contains('<'));
    // ERN links with their basis; CARADERM's is stated by a source.
    let caraderm = networks["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "caraderm")
        .unwrap();
    let euracan = caraderm["erns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "euracan")
        .unwrap();
    assert_eq!(euracan["basis"], "sourced");
    assert_eq!(
        euracan["url"]["en"],
        "https://reperes.example/en/european-networks/euracan/"
    );
    // The ERN lists the networks that link to it.
    let erns = json(&built, "data/erns.json");
    let euracan = erns["erns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "euracan")
        .unwrap();
    let linked: BTreeSet<&str> = euracan["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(linked.contains("netmeso") && linked.contains("caraderm"));
}

#[test]
fn shipped_csv_has_a_header_and_one_row_per_record() {
    let built = shipped();
    for (kind, count) in [
        ("networks", built.site.networks.len()),
        ("erns", built.site.erns.len()),
        ("partners", built.site.partners.len()),
    ] {
        let bytes = file(&built, &format!("data/{kind}.csv"));
        // A byte order mark, for Excel.
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{kind}");
        // The `csv` crate, like most tools, skips it.
        let mut reader = csv::Reader::from_reader(bytes);
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        for column in [
            "id",
            "acronym",
            "name_fr",
            "name_en",
            "summary_fr",
            "summary_en",
        ] {
            assert!(header.iter().any(|h| h == column), "{kind}: {column}");
        }
        for column in ["url_fr", "url_en", "reviewed", "sources"] {
            assert!(header.iter().any(|h| h == column), "{kind}: {column}");
        }
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), count, "{kind}");
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        for row in &rows {
            assert_eq!(row.len(), header.len());
            for name in ["name_fr", "name_en", "summary_fr", "summary_en", "url_fr"] {
                assert!(!row[column(name)].is_empty(), "{kind} {}: {name}", &row[0]);
            }
        }
        // RFC 4180 line ends.
        assert!(String::from_utf8_lossy(bytes).starts_with("\u{FEFF}id,acronym,name_fr,name_en,"));
        assert!(bytes.windows(2).any(|w| w == b"\r\n"));
    }

    let mut reader = csv::Reader::from_reader(file(&built, "data/networks.csv"));
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 18);
    let netsarc = rows.iter().find(|r| &r[0] == "netsarc").unwrap();
    assert!(netsarc[column("conditions_en")].contains(" | bone sarcoma | "));
    assert!(netsarc[column("other_names_fr")].contains("GIST"));
    assert_eq!(&netsarc[column("erns")], "euracan (inferred)");
    assert_eq!(&netsarc[column("type")], "clinical-and-pathology");
}

#[test]
fn shipped_json_validates_against_its_published_schema() {
    let built = shipped();
    for kind in KINDS {
        let schema = json(&built, &format!("data/{kind}.schema.json"));
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(
            schema["$id"],
            format!("https://reperes.example/data/{kind}.schema.json")
        );
        let validator =
            jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{kind}: {e}"));
        let data = json(&built, &format!("data/{kind}.json"));
        let errors: Vec<String> = validator
            .iter_errors(&data)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{kind}: {errors:#?}");

        // The schema catches a record with a language missing.
        let mut broken = data.clone();
        broken[kind][0]["name"]
            .as_object_mut()
            .unwrap()
            .remove("en");
        assert!(!validator.is_valid(&broken), "{kind}");
        // Every key is written, `null` when a record has no value.
        let mut missing = data.clone();
        missing[kind][0].as_object_mut().unwrap().remove("website");
        assert!(!validator.is_valid(&missing), "{kind}");
    }
}

#[test]
fn search_terms_and_editorial_fields_stay_out() {
    let built = shipped();
    for kind in KINDS {
        for extension in ["json", "csv", "schema.json"] {
            let path = format!("data/{kind}.{extension}");
            let text = String::from_utf8_lossy(file(&built, &path)).into_owned();
            for field in ["search_terms", "translated_from"] {
                assert!(!text.contains(field), "{path} mentions {field}");
            }
            // A misspelling listed in NETSARC+'s `search_terms` only.
            assert!(!text.contains("sarcomme"), "{path}");
        }
    }
}

#[test]
fn open_data_is_deterministic() {
    let (a, b) = (shipped(), shipped());
    for kind in KINDS {
        for extension in ["json", "csv", "schema.json"] {
            let path = format!("data/{kind}.{extension}");
            assert_eq!(file(&a, &path), file(&b, &path), "{path}");
        }
    }
}

#[test]
fn files_and_links_follow_the_base_path() {
    let site = TestSite::fixture("minimal");
    for lang in LANGS {
        let page = site
            .root()
            .join(format!("content/pages/a-propos.{lang}.md"));
        let mut text = std::fs::read_to_string(&page).unwrap();
        text.push_str(
            "\n[networks.json](@/data/networks.json), [CSV](@/data/networks.csv), \
             [schema](@/data/networks.schema.json)\n",
        );
        std::fs::write(&page, text).unwrap();
    }
    let out = site.build(&["--base-url", "https://example.org/rare/"]);
    assert!(out.status.success(), "{}", stderr(&out));

    for kind in KINDS {
        for extension in ["json", "csv", "schema.json"] {
            let path = site.public().join(format!("data/{kind}.{extension}"));
            assert!(path.is_file(), "{}", path.display());
        }
    }
    for (path, lang) in [("a-propos/index.html", "fr"), ("en/about/index.html", "en")] {
        let page = site.read_output(path);
        for href in [
            r#"href="/rare/data/networks.json""#,
            r#"href="/rare/data/networks.csv""#,
            r#"href="/rare/data/networks.schema.json""#,
        ] {
            assert!(page.contains(href), "{lang}: {href}");
        }
    }

    let data: Value = serde_json::from_str(&site.read_output("data/networks.json")).unwrap();
    assert_eq!(data["source"], "https://example.org/rare/");
    assert_eq!(
        data["schema"],
        "https://example.org/rare/data/networks.schema.json"
    );
    assert_eq!(data["csv"], "https://example.org/rare/data/networks.csv");
    let ids: Vec<&str> = data["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["netmeso", "netsarc"]);
    let netmeso = &data["networks"][0];
    assert_eq!(
        netmeso["url"]["en"],
        "https://example.org/rare/en/networks/netmeso/"
    );
    // Links inside the HTML are absolute, so that the HTML works on another site.
    let html = netmeso["summary_html"]["en"].as_str().unwrap();
    assert!(
        html.contains(r#"<a href="https://example.org/rare/en/about/#method">our method</a>"#),
        "{html}"
    );
    assert!(!netmeso["summary"]["en"].as_str().unwrap().contains("href"));
    // `search_terms: { fr: [mesotheliome] }` is for search only.
    assert!(
        !site
            .read_output("data/networks.json")
            .contains("mesotheliome")
    );
    assert_eq!(netmeso["name_translated"], serde_json::json!(["en"]));
    assert_eq!(netmeso["history"], Value::Null);

    let csv_text = site.read_output("data/networks.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(reader.records().count(), 2);
    let schema: Value =
        serde_json::from_str(&site.read_output("data/networks.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&data));
}

#[test]
fn a_link_to_a_data_file_that_does_not_exist_is_an_error() {
    let site = TestSite::fixture("minimal");
    let page = site.root().join("content/pages/a-propos.fr.md");
    let mut text = std::fs::read_to_string(&page).unwrap();
    text.push_str("\n[pages](@/data/pages.json)\n");
    std::fs::write(&page, text).unwrap();
    let out = site.build(&[]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("content/pages/a-propos.fr.md:")
            && message.contains("broken link: `@/data/pages.json` does not exist"),
        "{message}"
    );
}

#[test]
fn networks_carry_their_contact_routes_and_orpha_codes() {
    let built = shipped();
    let data = json(&built, "data/networks.json");
    let networks = data["networks"].as_array().unwrap();
    for n in networks {
        let contact = n["contact"].as_array().unwrap();
        for route in contact {
            assert_bilingual(&route["text"], "contact text");
            assert!(route["source"]["url"].as_str().unwrap().starts_with("http"));
        }
    }
    let netsarc = networks.iter().find(|n| n["id"] == "netsarc").unwrap();
    let gist = netsarc["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["orpha"] == "ORPHA:44890");
    assert!(gist.is_some(), "GIST's Orphanet code is exported");
    let csv = String::from_utf8_lossy(file(&built, "data/networks.csv")).into_owned();
    assert!(csv.lines().next().unwrap().contains("orpha_codes"));
    assert!(csv.contains("ORPHA:44890"));
}
