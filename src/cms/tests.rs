use std::path::PathBuf;

use super::*;
use crate::config::BuildOptions;

fn shipped() -> Config {
    let options = BuildOptions {
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        ..BuildOptions::default()
    };
    match Config::load(&options) {
        Ok(config) => config,
        Err(diags) => panic!("{diags:?}"),
    }
}

fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    config["collections"]
        .as_array()
        .and_then(|all| all.iter().find(|c| c["name"] == json!(name)))
        .unwrap_or(&Value::Null)
}

fn field<'a>(fields: &'a Value, name: &str) -> &'a Value {
    fields
        .as_array()
        .and_then(|all| all.iter().find(|f| f["name"] == json!(name)))
        .unwrap_or(&Value::Null)
}

#[test]
fn widgets_follow_the_types() {
    let config = shipped();
    let decap = decap_config(
        &config,
        Backend::Local {
            proxy_url: "/__reperes/cms/api/v1",
            site_url: "http://127.0.0.1:1111/",
        },
    )
    .unwrap_or_default();
    let networks = &collection(&decap, "networks")["fields"];
    let name = field(networks, "name");
    assert_eq!(name["widget"], json!("object"));
    assert_eq!(name["label"], json!("Nom"));
    assert_eq!(field(&name["fields"], "fr")["widget"], json!("string"));
    assert_eq!(field(&name["fields"], "en")["widget"], json!("string"));
    let summary = field(networks, "summary");
    assert_eq!(field(&summary["fields"], "en")["widget"], json!("markdown"));
    assert_eq!(field(networks, "type")["widget"], json!("select"));
    assert_eq!(field(networks, "reviewed")["widget"], json!("datetime"));
    assert_eq!(field(networks, "reviewed")["format"], json!("YYYY-MM-DD"));
    assert_eq!(field(networks, "website")["required"], json!(false));
    assert!(field(networks, "website")["pattern"].is_array());
    let ern = field(&field(networks, "erns")["fields"], "id");
    assert_eq!(ern["widget"], json!("relation"));
    assert_eq!(ern["collection"], json!("erns"));
    assert_eq!(field(networks, "sources")["min"], json!(1));
    let translated = field(networks, "translated_name");
    assert_eq!(translated["widget"], json!("select"));
    assert_eq!(translated["multiple"], json!(true));
    // Required fields carry no `required: false`; the form starts with the acronym.
    assert_eq!(field(networks, "acronym")["required"], Value::Null);
    assert_eq!(networks[0]["name"], json!("acronym"));
    // Forms keep the order of the files (fewer moved lines on a save).
    let glossary = &collection(&decap, "glossary")["files"][0]["fields"];
    let names: Vec<&str> = glossary
        .as_array()
        .map(|all| all.iter().filter_map(|f| f["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names, ["sources", "reviewed", "terms"]);
    let pages = collection(&decap, "pages");
    assert_eq!(pages["folder"], json!("content/pages"));
    assert_eq!(decap["i18n"]["structure"], json!("multiple_files"));
    assert_eq!(decap["i18n"]["locales"], json!(["fr", "en"]));
    assert_eq!(decap["locale"], json!("fr"));
    assert_eq!(decap["backend"]["name"], json!("proxy"));
}

#[test]
fn only_the_files_of_the_model_are_editable() {
    let config = shipped();
    for path in [
        "content/networks/netmeso.yaml",
        "content/erns/euracan.yaml",
        "content/partners/inca.yaml",
        "content/pages/a-propos.fr.md",
        "content/pages/new-page.en.md",
        "content/glossary.yaml",
        "content/site.yaml",
    ] {
        assert!(editable(&config, path), "{path}");
    }
    for path in [
        "content/networks/../site.yaml",
        "content/networks/./netmeso.yaml",
        "content/networks/NETMESO.yaml",
        "content/networks/netmeso.yml",
        "content/networks/.hidden.yaml",
        "content/networks/sub/netmeso.yaml",
        "content/pages/a-propos.de.md",
        "content/pages/a-propos.md",
        "content/pages/a-propos.fr.html",
        "content/.schemas/network.schema.json",
        "content/media/x.png",
        "themes/default/templates/base.html",
        "/etc/passwd",
        "content//glossary.yaml",
        "content\\glossary.yaml",
        "Cargo.toml",
        "",
    ] {
        assert!(!editable(&config, path), "{path}");
    }
}
