//! The words of the forms: field labels in the site's default language (French or English; any
//! other language gets the English ones), and the order of the fields. The hints under the
//! inputs are the model's doc comments, as in the JSON Schemas.

/// Field name, French label, English label. The order is the order of the forms (and of the
/// keys in the files the CMS writes): the usual order of the shipped files.
const FIELDS: &[(&str, &str, &str)] = &[
    ("id", "Identifiant", "Id"),
    ("acronym", "Sigle", "Acronym"),
    ("name", "Nom", "Name"),
    ("term", "Terme", "Term"),
    ("expansion", "Forme développée", "Expansion"),
    ("definition", "Définition", "Definition"),
    ("title", "Titre", "Title"),
    ("description", "Description", "Description"),
    ("slug", "Adresse (segment d’URL)", "Address (URL segment)"),
    ("menu", "Menu", "Menu"),
    ("weight", "Ordre dans le menu", "Order in the menu"),
    ("layout", "Mise en page", "Layout"),
    ("translated_name", "Nom traduit en", "Name translated into"),
    ("type", "Type", "Type"),
    ("category", "Catégorie", "Category"),
    ("basis", "Fondement", "Basis"),
    ("note", "Note", "Note"),
    ("summary", "Résumé", "Summary"),
    ("domains", "Domaines", "Domains"),
    (
        "french_participation",
        "Participation française",
        "French participation",
    ),
    ("contact", "Comment joindre le réseau", "How to reach it"),
    ("text", "Texte", "Text"),
    ("conditions", "Cancers pris en charge", "Conditions covered"),
    ("synonyms", "Synonymes", "Synonyms"),
    ("abbreviations", "Abréviations", "Abbreviations"),
    ("lay_terms", "Mots de tous les jours", "Everyday words"),
    ("search_terms", "Termes de recherche", "Search terms"),
    ("orpha", "Code Orphanet", "Orphanet code"),
    (
        "erns",
        "Réseaux européens (ERN)",
        "European networks (ERNs)",
    ),
    ("history", "Historique", "History"),
    ("coordination", "Coordination", "Coordination"),
    ("website", "Site web", "Website"),
    ("url", "Adresse web", "Web address"),
    ("links", "Liens", "Links"),
    ("figures", "Chiffres clés", "Key figures"),
    ("caption", "Légende", "Caption"),
    ("label_heading", "En-tête des libellés", "Label heading"),
    ("value_heading", "En-tête des valeurs", "Value heading"),
    ("unit", "Unité", "Unit"),
    ("scale", "Échelle", "Scale"),
    ("bars", "Barres", "Bars"),
    ("label", "Libellé", "Label"),
    ("value", "Valeur", "Value"),
    ("source", "Source", "Source"),
    ("lang", "Langue", "Language"),
    ("year", "Année", "Year"),
    ("sources", "Sources", "Sources"),
    ("reviewed", "Relu le", "Reviewed on"),
    (
        "translated_from",
        "Traduit de (empreinte)",
        "Translated from (fingerprint)",
    ),
    (
        "awaiting_translation",
        "Traduction attendue en",
        "Awaiting translation into",
    ),
    // The glossary's terms come after its sources and review date, as in the file.
    ("terms", "Termes", "Terms"),
    // site.yaml
    ("base_url", "Adresse du site", "Site address"),
    ("languages", "Langues", "Languages"),
    ("theme", "Thème", "Theme"),
    (
        "sections",
        "Segments d’URL des sections",
        "Section URL segments",
    ),
    ("networks", "Réseaux nationaux", "National networks"),
    ("partners", "Partenaires", "Partners"),
    ("search", "Recherche", "Search"),
    (
        "networks_directory",
        "Annuaire officiel des réseaux",
        "Official list of networks",
    ),
    (
        "review_months",
        "Mois entre deux relectures",
        "Months between reviews",
    ),
    ("default", "Par défaut", "Default"),
    ("pages", "Pages", "Pages"),
    ("report_error", "Signaler une erreur", "Report an error"),
    ("accessibility", "Accessibilité", "Accessibility"),
    ("standard", "Référentiel", "Standard"),
    ("status", "État de conformité", "Conformance status"),
    ("audited", "Date de l’audit", "Audit date"),
    ("tests", "Tests réalisés", "Tests done"),
    ("cms", "Édition en ligne", "Online editing"),
    ("backend", "Hébergeur du dépôt", "Repository host"),
    ("repository", "Dépôt", "Repository"),
    ("branch", "Branche", "Branch"),
    ("auth_url", "Serveur de connexion", "Sign-in server"),
    ("auth_endpoint", "Chemin de connexion", "Sign-in path"),
    (
        "app_id",
        "Application OAuth (GitLab)",
        "OAuth application (GitLab)",
    ),
];

fn french(codes: &[&str]) -> bool {
    codes.first() == Some(&"fr")
}

/// Where a field comes in a form: its place in [`FIELDS`], unknown names last (alphabetically,
/// as the caller's sort is stable over sorted keys).
pub(super) fn rank(name: &str) -> usize {
    FIELDS
        .iter()
        .position(|(known, _, _)| *known == name)
        .unwrap_or(FIELDS.len())
}

/// The label of a field in the site's default language; a name the table lacks is shown as
/// written, underscores as spaces.
pub(super) fn label(name: &str, codes: &[&str]) -> String {
    match FIELDS.iter().find(|(known, _, _)| *known == name) {
        Some((_, fr, _)) if french(codes) => (*fr).to_owned(),
        Some((_, _, en)) => (*en).to_owned(),
        None => name.replace('_', " "),
    }
}

/// The name of a language of the site, in the default one.
pub(super) fn language(code: &str, codes: &[&str]) -> String {
    let names: &[(&str, &str, &str)] = &[
        ("fr", "Français", "French"),
        ("en", "Anglais", "English"),
        ("de", "Allemand", "German"),
        ("es", "Espagnol", "Spanish"),
        ("it", "Italien", "Italian"),
    ];
    match names.iter().find(|(known, _, _)| *known == code) {
        Some((_, fr, _)) if french(codes) => format!("{fr} ({code})"),
        Some((_, _, en)) => format!("{en} ({code})"),
        None => code.to_owned(),
    }
}

/// The message shown when a slug (or, for `Fingerprints`, a fingerprint) does not match its
/// pattern.
pub(super) fn pattern_hint(shape: &str, codes: &[&str]) -> &'static str {
    match (shape, french(codes)) {
        ("Fingerprints", true) => "8 chiffres hexadécimaux (0-9, a-f)",
        ("Fingerprints", false) => "8 hex digits (0-9, a-f)",
        (_, true) => "lettres minuscules, chiffres et tirets",
        (_, false) => "lowercase letters, digits and hyphens",
    }
}

/// Labels of the collections: (name, French, English).
const COLLECTIONS: &[(&str, &str, &str)] = &[
    ("networks", "Réseaux nationaux", "National networks"),
    (
        "erns",
        "Réseaux européens (ERN)",
        "European Reference Networks",
    ),
    ("partners", "Partenaires", "Partners"),
    ("pages", "Pages", "Pages"),
    ("glossary", "Glossaire", "Glossary"),
    ("settings", "Réglages du site", "Site settings"),
];

/// The label of a collection in the site's default language.
pub(super) fn collection(name: &str, codes: &[&str]) -> String {
    match COLLECTIONS.iter().find(|(known, _, _)| *known == name) {
        Some((_, fr, _)) if french(codes) => (*fr).to_owned(),
        Some((_, _, en)) => (*en).to_owned(),
        None => name.to_owned(),
    }
}
