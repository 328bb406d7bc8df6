//! The CSV form of each file: one row per record, one column per language (`name_fr`,
//! `name_en`…), the values of a list joined by ` | `.

use super::Exporter;
use super::files::*;
use crate::model::{Date, Url};

/// Separates the values of a multi-valued CSV cell.
const CSV_SEPARATOR: &str = " | ";

/// Excel reads a CSV file as UTF-8 only when it starts with a byte order mark; without one,
/// French names show garbled (`RÃ©seau`). Most other tools skip it (Python's `csv` wants
/// `encoding="utf-8-sig"`).
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

impl Exporter<'_> {
    pub(super) fn per_lang(&self, column: &str) -> Vec<String> {
        self.langs
            .iter()
            .map(|lang| format!("{column}_{lang}"))
            .collect()
    }

    pub(super) fn networks_csv(&self, networks: &[NetworkRecord]) -> Result<Vec<u8>, String> {
        let mut header = vec!["id".to_owned(), "acronym".to_owned()];
        header.extend(self.per_lang("name"));
        header.extend(["name_translated".to_owned(), "type".to_owned()]);
        for column in [
            "summary",
            "conditions",
            "other_names",
            "history",
            "coordination",
        ] {
            header.extend(self.per_lang(column));
        }
        header.push("erns".to_owned());
        header.push("orpha_codes".to_owned());
        header.extend(self.per_lang("contact"));
        header.extend(self.closing_columns());
        let rows = networks.iter().map(|n| {
            let mut row = vec![n.id.clone(), n.acronym.clone()];
            row.extend(self.cells(&n.name));
            row.push(n.name_translated.join(CSV_SEPARATOR));
            row.push(n.network_type.as_str().to_owned());
            row.extend(self.cells(&n.summary));
            row.extend(self.langs.iter().map(|lang| {
                let names = n.conditions.iter().filter_map(|c| c.name.get(lang));
                join(names)
            }));
            row.extend(self.langs.iter().map(|lang| {
                let mut names: Vec<&String> = Vec::new();
                for c in &n.conditions {
                    for list in [&c.synonyms, &c.abbreviations, &c.lay_terms] {
                        for name in list.get(lang).into_iter().flatten() {
                            if !names.contains(&name) {
                                names.push(name);
                            }
                        }
                    }
                }
                join(names)
            }));
            row.extend(self.optional_cells(n.history.as_ref()));
            row.extend(self.optional_cells(n.coordination.as_ref()));
            row.push(join(
                n.erns
                    .iter()
                    .map(|e| format!("{} ({})", e.id, e.basis.as_str())),
            ));
            row.push(join(
                n.conditions
                    .iter()
                    .filter_map(|c| c.orpha)
                    .map(|c| c.to_string()),
            ));
            row.extend(
                self.langs
                    .iter()
                    .map(|lang| join(n.contact.iter().filter_map(|c| c.text.get(lang)))),
            );
            row.extend(self.closing_cells(n.website.as_ref(), &n.url, n.reviewed, &n.sources));
            row
        });
        write_csv(&header, rows)
    }

    pub(super) fn erns_csv(&self, erns: &[ErnRecord]) -> Result<Vec<u8>, String> {
        let mut header = vec!["id".to_owned(), "acronym".to_owned()];
        header.extend(self.per_lang("name"));
        header.push("name_translated".to_owned());
        for column in [
            "summary",
            "domains",
            "french_participation",
            "history",
            "coordination",
        ] {
            header.extend(self.per_lang(column));
        }
        header.push("networks".to_owned());
        header.extend(self.closing_columns());
        let rows = erns.iter().map(|e| {
            let mut row = vec![e.id.clone(), e.acronym.clone()];
            row.extend(self.cells(&e.name));
            row.push(e.name_translated.join(CSV_SEPARATOR));
            row.extend(self.cells(&e.summary));
            row.extend(
                self.langs
                    .iter()
                    .map(|lang| join(e.domains.iter().filter_map(|d| d.get(lang)))),
            );
            row.extend(self.optional_cells(e.french_participation.as_ref()));
            row.extend(self.optional_cells(e.history.as_ref()));
            row.extend(self.optional_cells(e.coordination.as_ref()));
            row.push(join(
                e.networks
                    .iter()
                    .map(|n| format!("{} ({})", n.id, n.basis.as_str())),
            ));
            row.extend(self.closing_cells(e.website.as_ref(), &e.url, e.reviewed, &e.sources));
            row
        });
        write_csv(&header, rows)
    }

    pub(super) fn partners_csv(&self, partners: &[PartnerRecord]) -> Result<Vec<u8>, String> {
        let mut header = vec!["id".to_owned(), "acronym".to_owned()];
        header.extend(self.per_lang("name"));
        header.extend(["name_translated".to_owned(), "category".to_owned()]);
        header.extend(self.per_lang("summary"));
        header.extend(self.closing_columns());
        let rows = partners.iter().map(|p| {
            let mut row = vec![p.id.clone(), p.acronym.clone().unwrap_or_default()];
            row.extend(self.cells(&p.name));
            row.push(p.name_translated.join(CSV_SEPARATOR));
            row.push(p.category.as_str().to_owned());
            row.extend(self.cells(&p.summary));
            row.extend(self.closing_cells(p.website.as_ref(), &p.url, p.reviewed, &p.sources));
            row
        });
        write_csv(&header, rows)
    }

    /// One cell per language, in the order of the header.
    /// The columns every kind of record ends with: website, page URLs, review date, sources.
    fn closing_columns(&self) -> Vec<String> {
        let mut columns = vec!["website".to_owned()];
        columns.extend(self.per_lang("url"));
        columns.extend(["reviewed".to_owned(), "sources".to_owned()]);
        columns
    }

    /// The cells of [`Self::closing_columns`].
    fn closing_cells(
        &self,
        site: Option<&Url>,
        url: &Texts,
        reviewed: Date,
        sources: &[SourceRecord],
    ) -> Vec<String> {
        let mut cells = vec![website(site)];
        cells.extend(self.cells(url));
        cells.push(reviewed.to_string());
        cells.push(join(sources.iter().map(|s| s.url.as_str())));
        cells
    }

    fn cells(&self, texts: &Texts) -> Vec<String> {
        self.langs
            .iter()
            .map(|lang| texts.get(lang).cloned().unwrap_or_default())
            .collect()
    }

    fn optional_cells(&self, texts: Option<&Texts>) -> Vec<String> {
        match texts {
            Some(texts) => self.cells(texts),
            None => vec![String::new(); self.langs.len()],
        }
    }
}

fn website(url: Option<&Url>) -> String {
    url.map(|u| u.as_str().to_owned()).unwrap_or_default()
}

fn join<S: AsRef<str>>(values: impl IntoIterator<Item = S>) -> String {
    values
        .into_iter()
        .map(|v| v.as_ref().to_owned())
        .collect::<Vec<_>>()
        .join(CSV_SEPARATOR)
}

/// RFC 4180: a header row, CRLF line ends, fields quoted when they need it; UTF-8 with a BOM.
fn write_csv(
    header: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(UTF8_BOM.to_vec());
    writer.write_record(header).map_err(|e| e.to_string())?;
    for row in rows {
        writer.write_record(&row).map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_per_rfc_4180() -> Result<(), String> {
        let header = ["a".to_owned(), "b".to_owned()];
        let rows = vec![vec!["x, \"y\"".to_owned(), "line\nbreak".to_owned()]];
        let bytes = write_csv(&header, rows.into_iter())?;
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            "\u{FEFF}a,b\r\n\"x, \"\"y\"\"\",\"line\nbreak\"\r\n"
        );
        Ok(())
    }
}
