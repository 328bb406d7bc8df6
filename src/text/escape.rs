//! The one HTML escaper of the crate: Markdown output, glossary links, search documents, the
//! sitemap and the preview's error overlay all use it.

/// Text made safe inside HTML elements and double-quoted attribute values (`&`, `<`, `>`, `"`),
/// in one pass: whole pages go through it on their way to the search index.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_double_quoted_attributes() {
        assert_eq!(
            escape_html(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;"
        );
    }
}
