//! The texts of one language in a YAML document, for translation fingerprints.

use super::options;

/// A YAML value in document order, as far as [`language_text`] needs it.
enum Node {
    Text(String),
    List(Vec<Node>),
    /// Entries with a text key (other keys are kept as `None`).
    Map(Vec<(Option<String>, Node)>),
    Other,
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

/// A mapping key: its text if it is one.
struct Key(Option<String>);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Key(match Node::deserialize(deserializer)? {
            Node::Text(text) => Some(text),
            _ => None,
        }))
    }
}

impl<'de> serde::de::Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Node, E> {
        Ok(Node::Text(text.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Node, E> {
        Ok(Node::Text(text))
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some((Key(key), value)) = map.next_entry::<Key, Node>()? {
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}

/// Every text a YAML document gives in one language, in document order: the values (strings or
/// lists of strings) of the mapping keys named `lang`, anywhere in the tree. Values under a
/// `skip` key are left out. What translation fingerprints are computed from.
pub fn language_text(yaml: &str, lang: &str, skip: &str) -> String {
    fn walk(node: &Node, lang: &str, skip: &str, out: &mut String) {
        match node {
            Node::Map(entries) => {
                for (key, value) in entries {
                    match key.as_deref() {
                        Some(k) if k == skip => {}
                        Some(k) if k == lang => collect(value, out),
                        _ => walk(value, lang, skip, out),
                    }
                }
            }
            Node::List(items) => items.iter().for_each(|i| walk(i, lang, skip, out)),
            Node::Text(_) | Node::Other => {}
        }
    }
    fn collect(node: &Node, out: &mut String) {
        match node {
            Node::Text(text) => {
                out.push_str(text.trim());
                out.push('\n');
            }
            Node::List(items) => items.iter().for_each(|i| collect(i, out)),
            Node::Map(_) | Node::Other => {}
        }
    }
    let mut out = String::new();
    if let Ok(node) = serde_saphyr::from_str_with_options::<Node>(yaml, options()) {
        walk(&node, lang, skip, &mut out);
    }
    out
}
