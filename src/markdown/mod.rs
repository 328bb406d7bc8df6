//! Markdown → HTML, pure: text and a link resolver in, a [`Body`] out (HTML, headings with
//! anchors, internal links, plain text for search) plus the problems found. No IO, no templates.
//!
//! Raw HTML is rejected (comments are dropped): the site's Content-Security-Policy and accessibility
//! depend on the theme alone producing markup.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

pub mod addresses;
pub mod glossary;

use crate::diag::Code;
use crate::model::ContentRef;
use crate::text::{Typographer, slugify};
use glossary::{Glossary, Seen};

/// A heading of a body, with its anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// An `@/…` link found in a body, kept so anchors can be checked once every page is converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    pub reference: ContentRef,
    pub anchor: Option<String>,
    /// Byte offset of the link in the converted text.
    pub offset: usize,
}

/// Converted Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<InternalLink>,
    /// The text without markup, for search and word counts (glossary expansions included).
    pub plain: String,
    /// Ids of the glossary terms linked in this text, in order.
    pub glossary: Vec<String>,
}

/// A problem at a byte offset of the converted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: Code,
    /// Where the problem is in the text: `offset..end`, in bytes.
    pub offset: usize,
    pub end: usize,
    pub message: String,
    pub help: String,
}

/// The tag that starts `raw` HTML, attributes left out: `<script>`, `</b>`.
fn tag_of(raw: &str) -> String {
    let raw = raw.trim_start();
    let name_end = raw
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_whitespace() || *c == '>' || *c == '/' && !raw.starts_with("</"))
        .map_or(raw.len(), |(i, _)| i);
    let name = &raw[..name_end];
    if name.len() > 1 && name.starts_with('<') {
        format!("{name}>")
    } else {
        raw.lines().next().unwrap_or_default().to_owned()
    }
}

/// Turns a content reference into a URL in the current language, or `None` if it does not exist.
pub type Resolver<'a> = dyn Fn(&ContentRef) -> Option<String> + 'a;

/// Convert `text` (in language `lang`) to HTML.
pub fn convert(text: &str, lang: &str, resolve: &Resolver<'_>) -> (Body, Vec<Problem>) {
    convert_with(text, lang, resolve, None)
}

/// [`convert`], linking the first use of each term of a glossary (of the same language) that is
/// not yet in `seen`; see [`glossary`].
pub fn convert_with(
    text: &str,
    lang: &str,
    resolve: &Resolver<'_>,
    glossary: Option<(&Glossary, &mut Seen)>,
) -> (Body, Vec<Problem>) {
    let options = options();
    let mut problems = Vec::new();
    let mut body = Body::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut typo = Typographer::new(lang);
    // Index in `events` of the open heading, its explicit id, and its text so far.
    let mut open_heading: Option<(usize, Option<String>, String)> = None;

    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                open_heading = Some((events.len(), id.map(|s| s.to_string()), String::new()));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, explicit, heading_text)) = open_heading.take() {
                    let wanted = explicit.unwrap_or_else(|| slugify(&heading_text));
                    let id = unique_id(&wanted, &body.headings);
                    if let Some(Event::Start(Tag::Heading { id: slot, .. })) = events.get_mut(start)
                    {
                        *slot = Some(CowStr::from(id.clone()));
                    }
                    body.headings.push(Heading {
                        level: heading_level(level),
                        id,
                        text: heading_text.trim().to_owned(),
                    });
                }
                events.push(Event::End(TagEnd::Heading(level)));
                typo.reset();
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match ContentRef::parse(&dest_url) {
                    None => dest_url,
                    Some(Err(message)) => {
                        problems.push(Problem {
                            code: Code::InvalidReference,
                            offset: range.start,
                            end: range.end,
                            message,
                            help: "internal links look like @/networks/<id>, @/erns/<id>, \
                                   @/partners/<id> or @/pages/<slug>.md"
                                .into(),
                        });
                        dest_url
                    }
                    Some(Ok((reference, anchor))) => match resolve(&reference) {
                        Some(url) => {
                            body.links.push(InternalLink {
                                reference,
                                anchor: anchor.clone(),
                                offset: range.start,
                            });
                            match anchor {
                                Some(anchor) => CowStr::from(format!("{url}#{anchor}")),
                                None => CowStr::from(url),
                            }
                        }
                        None => {
                            problems.push(Problem {
                                code: Code::BrokenLink,
                                offset: range.start,
                                end: range.end,
                                message: format!("broken link: `{dest_url}` does not exist"),
                                help: "check the id or slug against the files in content/".into(),
                            });
                            dest_url
                        }
                    },
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Text(t) => {
                let t = typo.apply(&t);
                if let Some((_, _, heading_text)) = &mut open_heading {
                    heading_text.push_str(&t);
                }
                events.push(Event::Text(CowStr::from(t)));
            }
            Event::Code(code) => {
                if let Some((_, _, heading_text)) = &mut open_heading {
                    heading_text.push_str(&code);
                }
                typo.reset();
                events.push(Event::Code(code));
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                let is_comment = raw.trim_start().starts_with("<!--");
                if !is_comment {
                    problems.push(Problem {
                        code: Code::RawHtml,
                        offset: range.start,
                        end: range.end,
                        message: format!("raw HTML `{}` is not allowed in content", tag_of(&raw)),
                        help: "use Markdown instead (the theme owns all markup, which keeps the \
                               site accessible and its security policy strict)"
                            .into(),
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                typo.space();
                events.push(event);
            }
            Event::End(
                end @ (TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock),
            ) => {
                typo.reset();
                events.push(Event::End(end));
            }
            other => events.push(other),
        }
    }
    if let Some((glossary, seen)) = glossary {
        let linked;
        (events, linked) = glossary::link_terms(events, glossary, seen);
        body.glossary = linked;
    }
    body.plain = plain_text(&events);
    html::push_html(&mut body.html, events.into_iter());
    (body, problems)
}

/// The Markdown dialect of the site (every reader of Markdown parses with it).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// The text of `events` without markup: blocks end with a line break.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut plain = String::new();
    for event in events {
        match event {
            Event::Text(text) | Event::Code(text) => plain.push_str(text),
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock,
            ) => plain.push('\n'),
            _ => {}
        }
    }
    plain.trim().to_owned()
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn unique_id(wanted: &str, taken: &[Heading]) -> String {
    if taken.iter().all(|h| h.id != wanted) {
        return wanted.to_owned();
    }
    (1..)
        .map(|n| format!("{wanted}-{n}"))
        .find(|candidate| taken.iter().all(|h| &h.id != candidate))
        .unwrap_or_else(|| wanted.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_links(_: &ContentRef) -> Option<String> {
        None
    }

    fn fr(text: &str) -> Body {
        convert(text, "fr", &no_links).0
    }

    #[test]
    fn french_punctuation_gets_narrow_spaces() {
        let body = fr("Qu'est-ce qu'un cancer rare ? Voici : « rare » ; 22 % et 100 000 cas !");
        assert_eq!(
            body.plain,
            "Qu\u{2019}est-ce qu\u{2019}un cancer rare\u{202F}? Voici\u{202F}: «\u{202F}rare\u{202F}»\u{202F}; \
             22\u{202F}% et 100\u{202F}000 cas\u{202F}!"
        );
    }

    #[test]
    fn punctuation_after_inline_markup() {
        let body = fr("des réseaux **monocentriques** : ils et [NETMESO](https://x) ?");
        assert_eq!(
            body.plain,
            "des réseaux monocentriques\u{202F}: ils et NETMESO\u{202F}?"
        );
    }

    #[test]
    fn english_quotes_become_guillemets_in_french() {
        assert_eq!(fr("un \"mot\"").plain, "un «\u{202F}mot\u{202F}»");
    }

    #[test]
    fn times_and_urls_keep_their_colons() {
        assert_eq!(fr("à 10:30").plain, "à 10:30");
    }

    #[test]
    fn block_ends_separate_words_in_plain_text() {
        // A heading glued to the next paragraph made one word for search (`régionImagerie`).
        let body = fr(
            "## Biopsie région\n\nImagerie\n\n- un\n- deux\n\n| a | b |\n|---|---|\n| c | d |\n",
        );
        let words: Vec<&str> = body.plain.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "Biopsie", "région", "Imagerie", "un", "deux", "a", "b", "c", "d"
            ]
        );
    }

    #[test]
    fn english_is_left_alone() {
        let (body, _) = convert("Is it rare? Yes: 100 000", "en", &no_links);
        assert_eq!(body.plain, "Is it rare? Yes: 100 000");
    }

    #[test]
    fn headings_get_unique_folded_anchors() {
        let body = fr("## Définition\n\n## Définition\n\n## Autre {#mon-id}\n");
        let ids: Vec<&str> = body.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["definition", "definition-1", "mon-id"]);
        assert!(body.html.contains("<h2 id=\"definition\">Définition</h2>"));
    }

    #[test]
    fn internal_links_resolve_or_report() {
        let resolve = |r: &ContentRef| match r {
            ContentRef::Network(id) if id == "netsarc" => Some("/reseaux/netsarc/".to_owned()),
            _ => None,
        };
        let (body, problems) = convert(
            "Voir [NETSARC+](@/networks/netsarc#contact) et [X](@/networks/nope).",
            "fr",
            &resolve,
        );
        assert!(body.html.contains("href=\"/reseaux/netsarc/#contact\""));
        assert_eq!(body.links.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].offset, 47);
    }

    #[test]
    fn raw_html_is_rejected_but_comments_are_dropped() {
        let (body, problems) = convert("<!-- note -->\n\nA <b>b</b>\n", "en", &no_links);
        assert_eq!(problems.len(), 2);
        assert!(!body.html.contains("<b>"));
        assert!(!body.html.contains("note"));
    }
}
