//! Glossary terms in running text, pure: pulldown-cmark events in, events out. On a page, the
//! first use of each term of `content/glossary.yaml` becomes a link to its entry on the glossary
//! page, followed by its expansion in parentheses when it has one («RCP (réunion de concertation
//! pluridisciplinaire)»): visible to everyone, printed, and readable without JavaScript.
//!
//! Only text events are matched, never inside headings, links, images or code. Matching is by
//! whole words, accent-sensitive, longest term first; each word of a term may take a plural
//! ending (`s`, `x` after `u`, `al` → `aux`), and an elided article before a term is a word
//! boundary («l’ERN»). Case is ignored, with one exception: a word the glossary writes in
//! lowercase does not match a capitalised word, except at the start of the match («Cancer rare…»
//! at the start of a sentence matches, «Rare Cancers Europe» is a name and does not).

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// The id of the element that describes glossary links (the theme's `partials/glossary-note.html`
/// renders it on every page that has one): each link points at it with `aria-describedby`.
pub const NOTE_ID: &str = "glossary-note";

/// One entry of the glossary, in one language.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The term's id: its anchor on the glossary page.
    pub id: &'a str,
    /// The term as written in the text's language, typography applied.
    pub term: &'a str,
    /// What the term stands for, typography applied.
    pub expansion: Option<&'a str>,
}

/// The glossary of one language, ready to match.
#[derive(Debug, Clone)]
pub struct Glossary {
    /// Longest first, then by id: the order in which terms are tried at a position.
    terms: Vec<Term>,
    /// For each first letter (folded), the indexes of the terms starting with it, in `terms`
    /// order: a position is only tried against these (#8: matching was 5 % of a build).
    by_first: BTreeMap<char, Vec<usize>>,
    /// The glossary page's URL, without fragment.
    page_url: String,
}

#[derive(Debug, Clone)]
struct Term {
    id: String,
    /// The term's words, lowercased, each with whether the glossary writes it in lowercase.
    words: Vec<(Vec<char>, bool)>,
    expansion: Option<String>,
}

/// The terms already linked on one page: a record's Markdown fields share one, in the order
/// the page shows them.
#[derive(Debug, Clone, Default)]
pub struct Seen(BTreeSet<String>);

impl Glossary {
    pub fn new<'a>(page_url: &str, entries: impl IntoIterator<Item = Entry<'a>>) -> Glossary {
        let mut terms: Vec<Term> = entries
            .into_iter()
            .map(|e| Term {
                id: e.id.to_owned(),
                words: e
                    .term
                    .split_whitespace()
                    .map(|w| {
                        (
                            w.chars().map(fold).collect(),
                            !w.chars().any(char::is_uppercase),
                        )
                    })
                    .collect(),
                expansion: e.expansion.map(str::to_owned),
            })
            .filter(|t| !t.words.is_empty())
            .collect();
        terms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.id.cmp(&b.id)));
        let mut by_first: BTreeMap<char, Vec<usize>> = BTreeMap::new();
        for (index, term) in terms.iter().enumerate() {
            if let Some(&first) = term.words.first().and_then(|(word, _)| word.first()) {
                by_first.entry(first).or_default().push(index);
            }
        }
        Glossary {
            terms,
            by_first,
            page_url: page_url.to_owned(),
        }
    }

    /// Whether `dest` (a resolved link) leads to the glossary page, and to which term's entry.
    fn entry_of(&self, dest: &str) -> Option<Option<String>> {
        let rest = dest.strip_prefix(&self.page_url)?;
        match rest.strip_prefix('#') {
            Some(anchor) => Some(Some(anchor.to_owned())),
            None => rest.is_empty().then_some(None),
        }
    }

    /// The longest term matching at char `i` of `text` (`folded` is its [`fold`]), and the
    /// char index after the match.
    fn match_at(&self, text: &[char], folded: &[char], i: usize) -> Option<(&Term, usize)> {
        let candidates = self.by_first.get(folded.get(i)?)?;
        candidates.iter().find_map(|&index| {
            let term = &self.terms[index];
            term.match_at(text, folded, i).map(|end| (term, end))
        })
    }
}

impl Term {
    fn len(&self) -> usize {
        self.words.iter().map(|(w, _)| w.len()).sum::<usize>() + self.words.len()
    }

    /// The char index after this term if it starts at `i` of `text` (`folded` is its [`fold`]),
    /// a word start: whole words only.
    fn match_at(&self, text: &[char], folded: &[char], i: usize) -> Option<usize> {
        let mut at = i;
        for (n, (word, lowercase)) in self.words.iter().enumerate() {
            if n > 0 {
                // Any run of spaces (a line break, a no-break space) separates the words.
                let start = at;
                while folded.get(at).is_some_and(|c| c.is_whitespace()) {
                    at += 1;
                }
                if at == start {
                    return None;
                }
            }
            let start = at;
            at = word_end(word, folded, at)?;
            // A capital the glossary does not write marks a name, but a sentence may start with
            // the term.
            let from = if n == 0 { start + 1 } else { start };
            if *lowercase
                && text
                    .get(from..at)
                    .is_some_and(|w| w.iter().any(|c| c.is_uppercase()))
            {
                return None;
            }
        }
        Some(at)
    }
}

/// Where `word` ends if it is written at `at` of `text`, as a whole word, maybe plural.
fn word_end(word: &[char], text: &[char], at: usize) -> Option<usize> {
    let ends_here = |end: usize| (!joins(text, end, Some(end + 1))).then_some(end);
    let exact = at + word.len();
    if text.get(at..exact) == Some(word) {
        if let Some(end) = ends_here(exact) {
            return Some(end);
        }
        // Plurals: «ERNs», «cancers rares», «réseaux»; not on short words (`de` → `des`).
        let plural = match text.get(exact) {
            Some('s') => true,
            Some('x') => word.last() == Some(&'u'),
            _ => false,
        };
        if word.len() >= 3 && plural {
            return ends_here(exact + 1);
        }
    }
    // «national» → «nationaux».
    let stem = word
        .strip_suffix(&['a', 'l'])
        .filter(|stem| !stem.is_empty())?;
    let plural: Vec<char> = stem.iter().copied().chain(['a', 'u', 'x']).collect();
    let end = at + plural.len();
    (text.get(at..end) == Some(&plural[..]))
        .then_some(end)
        .and_then(ends_here)
}

/// Whether the char at `at` joins the word next to it into a longer one: a letter or a digit,
/// or `-_./@` between two of them (`ern-net.eu`, `ERN-GENTURIS`). `beyond` is the char on the
/// far side of `at`. An apostrophe does not join: «l’ERN» has the word «ERN».
fn joins(text: &[char], at: usize, beyond: Option<usize>) -> bool {
    match text.get(at) {
        Some(c) if c.is_alphanumeric() => true,
        Some('-' | '_' | '.' | '/' | '@') => beyond
            .and_then(|b| text.get(b))
            .is_some_and(|c| c.is_alphanumeric()),
        _ => false,
    }
}

/// Case folding that keeps one char per char, so positions stay aligned with the text.
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Link the first use of each term of `glossary` in `events`, skipping the terms in `seen` and
/// adding those linked here. Returns the events and the ids of the terms linked, in order.
pub fn link_terms<'a>(
    events: Vec<Event<'a>>,
    glossary: &Glossary,
    seen: &mut Seen,
) -> (Vec<Event<'a>>, Vec<String>) {
    let mut linker = Linker {
        glossary,
        seen,
        linked: Vec::new(),
        out: Vec::with_capacity(events.len()),
        run: Vec::new(),
        skip: 0,
        glossary_link: false,
        open_parens: 0,
    };
    for event in events {
        linker.event(event);
    }
    linker.flush();
    (linker.out, linker.linked)
}

struct Linker<'g, 'a> {
    glossary: &'g Glossary,
    seen: &'g mut Seen,
    linked: Vec<String>,
    out: Vec<Event<'a>>,
    /// Consecutive text (and soft breaks) not yet matched: pulldown-cmark splits text at
    /// punctuation, and a term may span a line break.
    run: Vec<Event<'a>>,
    /// Depth inside headings, links, images and code blocks: no term is linked there.
    skip: usize,
    /// Inside an author's link to the glossary page: its terms count as introduced.
    glossary_link: bool,
    /// Parentheses open in the current block: an expansion would nest inside them.
    open_parens: usize,
}

impl<'a> Linker<'_, 'a> {
    fn event(&mut self, event: Event<'a>) {
        match event {
            Event::Text(_) | Event::SoftBreak if self.skip == 0 => {
                self.run.push(event);
                return;
            }
            _ => {}
        }
        self.flush();
        match &event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.skip += 1;
                if let Some(anchor) = self.glossary.entry_of(dest_url) {
                    self.glossary_link = true;
                    self.seen.0.extend(anchor);
                }
            }
            Event::Start(Tag::Heading { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                self.skip += 1;
            }
            Event::End(TagEnd::Link) => {
                self.skip = self.skip.saturating_sub(1);
                self.glossary_link = false;
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Image | TagEnd::CodeBlock) => {
                self.skip = self.skip.saturating_sub(1);
                self.open_parens = 0;
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => self.open_parens = 0,
            Event::Text(text) => {
                self.count_parens(text);
                if self.glossary_link {
                    let chars: Vec<char> = text.chars().collect();
                    for (term, _, _) in find_terms(self.glossary, &chars) {
                        self.seen.0.insert(term.id.clone());
                    }
                }
            }
            _ => {}
        }
        self.out.push(event);
    }

    fn count_parens(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '(' => self.open_parens += 1,
                ')' => self.open_parens = self.open_parens.saturating_sub(1),
                _ => {}
            }
        }
    }

    /// Match the pending run and write it out, with links and expansions.
    fn flush(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.run);
        // Soft breaks are kept as `\n` (text events hold no line break) and given back below.
        let text: String = run
            .iter()
            .map(|e| match e {
                Event::Text(t) => t.as_ref(),
                _ => "\n",
            })
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let fresh: Vec<(&Term, usize, usize)> = find_terms(self.glossary, &chars)
            .into_iter()
            .filter(|(term, _, _)| self.seen.0.insert(term.id.clone()))
            .collect();
        if fresh.is_empty() {
            self.count_parens(&text);
            self.out.extend(run);
            return;
        }
        let mut done = 0;
        for (term, start, end) in fresh {
            let before: String = chars[done..start].iter().collect();
            self.count_parens(&before);
            self.push_text(&before);
            let href = format!("{}#{}", self.glossary.page_url, term.id);
            self.out.push(Event::InlineHtml(CowStr::from(format!(
                "<a class=\"glossary-term\" href=\"{}\" aria-describedby=\"{NOTE_ID}\">",
                crate::text::escape_html(&href)
            ))));
            self.push_text(&chars[start..end].iter().collect::<String>());
            self.out.push(Event::InlineHtml(CowStr::from("</a>")));
            if let Some(expansion) = &term.expansion
                && self.open_parens == 0
                && !already_explained(&chars[end..])
            {
                self.out
                    .push(Event::Text(CowStr::from(format!(" ({expansion})"))));
            }
            self.linked.push(term.id.clone());
            done = end;
        }
        let after: String = chars[done..].iter().collect();
        self.count_parens(&after);
        self.push_text(&after);
    }

    fn push_text(&mut self, text: &str) {
        for (n, line) in text.split('\n').enumerate() {
            if n > 0 {
                self.out.push(Event::SoftBreak);
            }
            if !line.is_empty() {
                self.out.push(Event::Text(CowStr::from(line.to_owned())));
            }
        }
    }
}

/// Whether the text after a term says what it is already («RCP (réunion…)»), or goes on in a
/// way parentheses would cut: a possessive («INCa’s definition») or a name («ERN PaedCan»).
fn already_explained(after: &[char]) -> bool {
    let next = after.iter().find(|c| !c.is_whitespace());
    matches!(next, Some('('))
        || next.is_some_and(|c| c.is_uppercase())
        || matches!(after.first(), Some('’' | '\''))
}

/// Every match of a term in `text`, left to right, each with its char range.
fn find_terms<'g>(glossary: &'g Glossary, text: &[char]) -> Vec<(&'g Term, usize, usize)> {
    let folded: Vec<char> = text.iter().copied().map(fold).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let word_start = i == 0 || !joins(&folded, i - 1, i.checked_sub(2));
        match word_start
            .then(|| glossary.match_at(text, &folded, i))
            .flatten()
        {
            Some((term, end)) => {
                found.push((term, i, end));
                // A term used again still covers its words: «RCP de recours» twice never
                // links the «RCP» of the second one.
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests;
