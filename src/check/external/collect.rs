//! Every web address the content cites, with every place it is cited: the `sources`, `website`
//! and `links` of records, the address and source of a network's `contact` routes, the `sources` of pages (and of their key figures' bars) and of the glossary, the accessibility
//! contact of `content/site.yaml` when it is a web address, and the addresses in the Markdown of
//! pages and of records' fields. Places are exact positions in the source files: the YAML value
//! (from the record's span index), or the address as written in the Markdown.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::bodies::markdown_sources;
use crate::config::SITE_FILE;
use crate::content::Record;
use crate::diag::{LineIndex, Location};
use crate::markdown::addresses::{is_web_address, web_addresses};
use crate::model::{Link, Source, Url};
use crate::pipeline::Built;
use crate::yaml::SpanIndex;

/// A place where an address is cited.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// Relative to the site's root.
    pub file: PathBuf,
    pub location: Location,
}

/// The addresses cited by a site: each address (as asked: without its `#fragment`, which never
/// reaches the server) with the places that cite it, in sorted order.
#[derive(Debug, Clone, Default)]
pub struct Cited {
    addresses: BTreeMap<String, BTreeSet<Place>>,
}

impl Cited {
    /// How many different addresses.
    pub fn len(&self) -> usize {
        self.addresses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.addresses.is_empty()
    }

    /// How many places cite them (an address cited twice counts twice).
    pub fn places(&self) -> usize {
        self.addresses.values().map(BTreeSet::len).sum()
    }

    /// The addresses, sorted.
    pub fn addresses(&self) -> impl Iterator<Item = &str> {
        self.addresses.keys().map(String::as_str)
    }

    /// The places that cite `address`.
    pub fn places_of(&self, address: &str) -> impl Iterator<Item = &Place> {
        self.addresses.get(address).into_iter().flatten()
    }

    fn add(&mut self, url: &str, file: &Path, location: Location) {
        let url = url.trim();
        let asked = url.split_once('#').map_or(url, |(before, _)| before);
        if !is_web_address(asked) {
            return;
        }
        self.addresses
            .entry(asked.to_owned())
            .or_default()
            .insert(Place {
                file: file.to_path_buf(),
                location,
            });
    }
}

/// Every web address of the content of `built`, with its places.
pub fn cited(built: &Built) -> Cited {
    let site = &built.site;
    let mut cited = Cited::default();
    for r in &site.networks {
        let n = &r.data;
        record_fields(&mut cited, r, n.website.as_ref(), &n.links, &n.sources);
        for (i, route) in n.contact.iter().enumerate() {
            if let Some(url) = &route.url {
                let at = r.spans.locate(&format!("contact[{i}].url"));
                cited.add(url.as_str(), &r.file, at);
            }
            let at = r.spans.locate(&format!("contact[{i}].source.url"));
            cited.add(route.source.url.as_str(), &r.file, at);
        }
    }
    for r in &site.erns {
        let e = &r.data;
        record_fields(&mut cited, r, e.website.as_ref(), &e.links, &e.sources);
    }
    for r in &site.partners {
        let p = &r.data;
        record_fields(&mut cited, r, p.website.as_ref(), &p.links, &p.sources);
    }
    if let Some(g) = &site.glossary {
        sources(&mut cited, &g.file, &g.spans, &g.data.sources);
    }
    for page in &site.pages {
        sources(&mut cited, &page.file, &page.spans, &page.meta.sources);
        for (i, figure) in page.meta.figures.iter().enumerate() {
            for (j, bar) in figure.bars.iter().enumerate() {
                let location = page
                    .spans
                    .locate(&format!("figures[{i}].bars[{j}].source.url"));
                cited.add(bar.source.url.as_str(), &page.file, location);
            }
        }
    }
    if let Some(contact) = built
        .config
        .accessibility
        .as_ref()
        .and_then(|a| a.contact.as_deref())
    {
        cited.add(
            contact,
            Path::new(SITE_FILE),
            built.config.accessibility_location,
        );
    }
    let langs: Vec<&str> = built.config.languages.codes().collect();
    for source in markdown_sources(site, &langs) {
        let file_text = source.file_text();
        let lines = LineIndex::new(file_text);
        // Where the search for the next address starts, per address: the same address twice
        // in one text is two places.
        let mut next_search: BTreeMap<String, usize> = BTreeMap::new();
        for found in web_addresses(source.text) {
            let approximate = source.locate(found.offset);
            let from = byte_offset(file_text, approximate)
                .max(next_search.get(found.url.as_str()).copied().unwrap_or(0));
            let location = match file_text.get(from..).and_then(|rest| rest.find(&found.url)) {
                Some(at) => {
                    next_search.insert(found.url.clone(), from + at + found.url.len());
                    lines.location(file_text, from + at)
                }
                None => approximate,
            };
            cited.add(&found.url, source.file, location);
        }
    }
    cited
}

fn record_fields<T>(
    cited: &mut Cited,
    record: &Record<T>,
    website: Option<&Url>,
    links: &[Link],
    list: &[Source],
) {
    if let Some(url) = website {
        cited.add(url.as_str(), &record.file, record.spans.locate("website"));
    }
    for (i, link) in links.iter().enumerate() {
        let location = record.spans.locate(&format!("links[{i}].url"));
        cited.add(link.url.as_str(), &record.file, location);
    }
    sources(cited, &record.file, &record.spans, list);
}

fn sources(cited: &mut Cited, file: &Path, spans: &SpanIndex, list: &[Source]) {
    for (i, source) in list.iter().enumerate() {
        let location = spans.locate(&format!("sources[{i}].url"));
        cited.add(source.url.as_str(), file, location);
    }
}

/// The byte offset of `location` in `text` (its end if the location lies beyond).
fn byte_offset(text: &str, location: Location) -> usize {
    let line_start = if location.line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(location.line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let line = &text[line_start..];
    let column = line
        .char_indices()
        .nth(location.column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    line_start + column
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets_of_locations() {
        let text = "ab\nécho x\n";
        let index = LineIndex::new(text);
        for offset in [0, 1, 3, 6, 7] {
            assert_eq!(byte_offset(text, index.location(text, offset)), offset);
        }
        assert_eq!(byte_offset(text, Location::new(9, 1)), text.len());
    }

    #[test]
    fn fragments_are_not_asked_and_places_add_up() {
        let mut cited = Cited::default();
        let file = Path::new("content/pages/a.fr.md");
        cited.add("https://a.example/x#part", file, Location::new(3, 1));
        cited.add("https://a.example/x", file, Location::new(9, 4));
        cited.add(" https://a.example/x ", file, Location::new(9, 4));
        cited.add("mailto:a@b.example", file, Location::new(2, 1));
        assert_eq!(
            cited.addresses().collect::<Vec<_>>(),
            ["https://a.example/x"]
        );
        assert_eq!(cited.places(), 2);
    }
}
