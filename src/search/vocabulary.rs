//! The vocabulary of one language's index: every word form that Pagefind can match, lower-cased
//! but with its accents and ligatures kept (`cœliaque`), most frequent first. The browser folds
//! these forms itself, so folding rules live in one place (the query layer), and it uses the
//! list to tell a known word from a typo and to find the `œ` spelling of a typed `oe`.

use std::collections::HashMap;

use super::Document;

/// Split text into words the way the query layer does: runs of letters and digits (of two chars
/// or more, not all digits), before lower-casing.
fn raw_words(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some() && !w.chars().all(|c| c.is_ascii_digit()))
}

/// The vocabulary as a JSON array of words.
pub fn vocabulary(docs: &[Document]) -> String {
    // Counted in a hash map, looked up before allocating (a word is usually seen before): the
    // full sort below makes the order independent of the map's.
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut lower = String::new();
    for doc in docs {
        let texts = [&doc.title, &doc.description, &doc.text]
            .into_iter()
            .chain(&doc.keywords);
        for text in texts {
            for word in raw_words(text) {
                lower.clear();
                lower.extend(word.chars().flat_map(char::to_lowercase));
                match counts.get_mut(lower.as_str()) {
                    Some(count) => *count += 1,
                    None => {
                        counts.insert(lower.clone(), 1);
                    }
                }
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    // Most frequent first (ties alphabetical): the query layer prefers earlier words.
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let list: Vec<String> = ranked.into_iter().map(|(word, _)| word).collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Kind;

    #[test]
    fn splits_on_punctuation_and_keeps_ligatures() {
        let found: Vec<&str> = raw_words("Maladie cœliaque, l’uvée ; post-greffe 2024 T").collect();
        assert_eq!(found, ["Maladie", "cœliaque", "uvée", "post", "greffe"]);
    }

    #[test]
    fn most_frequent_first() {
        let doc = Document {
            url: "x/".into(),
            kind: Kind::Page,
            title: "Sarcome".into(),
            description: String::new(),
            acronym: None,
            category: None,
            keywords: vec!["sarcome osseux".into()],
            text: "zona".into(),
        };
        assert_eq!(vocabulary(&[doc]), r#"["sarcome","osseux","zona"]"#);
    }
}
