//! The web addresses a Markdown text cites, for `reperes check --external`: the destinations of
//! links and images that start with `http://` or `https://` (inline, reference-style and `<…>`
//! autolinks), and addresses written out in the running text. Pure: text in, byte offsets and
//! addresses out. Addresses in code (spans and blocks) are examples, not citations: left out.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// An address cited by a Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// Byte offset of the address in the text (of the link when the address cannot be found
    /// as written, e.g. when it contains escapes).
    pub offset: usize,
    pub url: String,
}

/// Whether `url` is an address the checker can ask: `http://` or `https://`, any case.
pub fn is_web_address(url: &str) -> bool {
    let lower = |n: usize| url.get(..n).map(str::to_ascii_lowercase);
    lower(7).as_deref() == Some("http://") || lower(8).as_deref() == Some("https://")
}

/// Every web address cited by `text`, in the order written.
pub fn web_addresses(text: &str) -> Vec<Cited> {
    let mut found = Vec::new();
    // Inside a link or an image, the text is its label (an autolink's label is its address).
    let mut in_link = 0usize;
    let mut in_code_block = false;
    // Consecutive text events (the parser splits text at entities and quotes) are scanned as
    // one run of the source.
    let mut run: Option<std::ops::Range<usize>> = None;
    for (event, range) in Parser::new_ext(text, super::options()).into_offset_iter() {
        if let Event::Text(_) = event
            && in_link == 0
            && !in_code_block
        {
            run = match run {
                Some(r) if r.end == range.start => Some(r.start..range.end),
                Some(r) => {
                    bare_addresses(text, r, &mut found);
                    Some(range)
                }
                None => Some(range),
            };
            continue;
        }
        if let Some(r) = run.take() {
            bare_addresses(text, r, &mut found);
        }
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                in_link += 1;
                if is_web_address(&dest_url) {
                    let offset = find_from(text, range.start, &dest_url).unwrap_or(range.start);
                    found.push(Cited {
                        offset,
                        url: dest_url.to_string(),
                    });
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            _ => {}
        }
    }
    if let Some(r) = run {
        bare_addresses(text, r, &mut found);
    }
    found.sort_by_key(|c| c.offset);
    found
}

/// Where `needle` is written, from `start` on (a reference-style link's address is written in
/// its definition, which may come before the link).
fn find_from(text: &str, start: usize, needle: &str) -> Option<usize> {
    text.get(start..)
        .and_then(|rest| rest.find(needle))
        .map(|at| start + at)
        .or_else(|| text.find(needle))
}

/// Addresses written out in the source slice `range` of `text`. An address ends at a space or
/// `<>"`; trailing punctuation is the sentence's, and a trailing `)` is kept only when the
/// address opened one (`…/Sarcoma_(disease)`), as GitHub does.
fn bare_addresses(text: &str, range: std::ops::Range<usize>, found: &mut Vec<Cited>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let mut from = 0;
    while let Some(start) = next_scheme(slice, from) {
        let rest = &slice[start..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .unwrap_or(rest.len());
        let mut url = &rest[..end];
        loop {
            let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '*', '_', '»']);
            let trimmed = match trimmed.strip_suffix(')') {
                Some(inner) if trimmed.matches('(').count() < trimmed.matches(')').count() => inner,
                _ => trimmed,
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        if url.contains("://") && url.split_once("://").is_some_and(|(_, r)| !r.is_empty()) {
            found.push(Cited {
                offset: range.start + start,
                url: url.to_owned(),
            });
        }
        from = start + end.max(1);
    }
}

/// The byte index of the next `http://` or `https://` in `slice` from `from` (any case).
fn next_scheme(slice: &str, from: usize) -> Option<usize> {
    let lower = slice.get(from..)?.to_ascii_lowercase();
    let at = lower.match_indices("http").find_map(|(i, _)| {
        let rest = &lower[i..];
        (rest.starts_with("http://") || rest.starts_with("https://")).then_some(i)
    })?;
    Some(from + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<(usize, String)> {
        web_addresses(text)
            .into_iter()
            .map(|c| (c.offset, c.url))
            .collect()
    }

    #[test]
    fn links_images_and_autolinks() {
        let text = "See [INCa](https://www.e-cancer.fr/x) and ![logo](http://a.example/l.png),\n\
                    <https://b.example/> or [mail](mailto:a@b.c) and [here](@/pages/a-propos.md).";
        assert_eq!(
            urls(text),
            [
                (11, "https://www.e-cancer.fr/x".to_owned()),
                (50, "http://a.example/l.png".to_owned()),
                (76, "https://b.example/".to_owned()),
            ]
        );
    }

    #[test]
    fn reference_links_point_at_their_definition() {
        let text = "Read [the plan][plan].\n\n[plan]: https://plan.example/cancers\n";
        assert_eq!(
            urls(text),
            [(32, "https://plan.example/cancers".to_owned())]
        );
    }

    #[test]
    fn addresses_in_text_lose_the_sentence_punctuation() {
        let text = "Voir https://a.example/x. Puis (https://b.example/Sarcoma_(disease)) ; \
                    « https://c.example/ » et https://d.example/?q=a&b=c!";
        let found: Vec<String> = urls(text).into_iter().map(|(_, u)| u).collect();
        assert_eq!(
            found,
            [
                "https://a.example/x",
                "https://b.example/Sarcoma_(disease)",
                "https://c.example/",
                "https://d.example/?q=a&b=c",
            ]
        );
        let (offset, url) = &urls(text)[1];
        assert_eq!(&text[*offset..*offset + url.len()], url);
    }

    #[test]
    fn code_and_link_labels_are_not_citations() {
        let text = "`https://code.example/` and\n\n```\nhttps://block.example/\n```\n\n\
                    [https://label.example/](https://target.example/)";
        let found: Vec<String> = urls(text).into_iter().map(|(_, u)| u).collect();
        assert_eq!(found, ["https://target.example/"]);
    }

    #[test]
    fn web_addresses_only() {
        assert!(is_web_address("HTTPS://x.example/"));
        assert!(is_web_address("http://x"));
        assert!(!is_web_address("ftp://x.example/"));
        assert!(!is_web_address("/reseaux/"));
        assert!(!is_web_address("htt"));
    }
}
