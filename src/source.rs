//! Source files as text: decoding (UTF-8, byte-order mark, CRLF) and front-matter splitting, with
//! positions kept relative to the file itself.

use crate::diag::{Code, Diagnostic, LineIndex, Location};

/// A decoded source file. `text` has no byte-order mark and uses `\n` line endings; lines and
/// columns are the same as in the file on disk.
#[derive(Debug, Clone)]
pub struct SourceText {
    pub text: String,
}

/// Largest file Repères reads: content beyond this is a mistake (a data dump, a binary).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

impl SourceText {
    /// Decode raw bytes. Errors carry the location of the first offending byte.
    pub fn decode(bytes: &[u8]) -> Result<SourceText, Diagnostic> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::error(
                Code::Encoding,
                format!(
                    "file is too large ({} bytes; the limit is {} bytes)",
                    bytes.len(),
                    MAX_FILE_BYTES
                ),
            )
            .with_help("split it, or move data that is not content out of content/"));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let valid = &bytes[..err.valid_up_to()];
                // The valid prefix is UTF-8 by definition.
                let prefix = String::from_utf8_lossy(valid);
                let location = LineIndex::new(&prefix).location(&prefix, prefix.len());
                return Err(Diagnostic::error(
                    Code::Encoding,
                    format!(
                        "file is not valid UTF-8 (byte 0x{:02X})",
                        bytes.get(err.valid_up_to()).copied().unwrap_or(0)
                    ),
                )
                .at(location)
                .with_help("save the file as UTF-8 in your editor"));
            }
        };
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n")
        } else {
            text.to_owned()
        };
        Ok(SourceText { text })
    }
}

/// A Markdown file split into its YAML front matter and its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// Number of lines before the YAML (the opening `---`), to shift YAML positions to the file.
    pub yaml_line_offset: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file text.
    pub body_offset: usize,
}

/// Split `---\n<yaml>\n---\n<body>`. The front matter must open on the first line.
pub fn split_front_matter(text: &str) -> Result<FrontMatter<'_>, Diagnostic> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))
    else {
        return Err(Diagnostic::error(
            Code::FrontMatter,
            "missing front matter: the file must start with `---`",
        )
        .at(Location::START)
        .with_help(
            "start the page with a `---` line, the YAML fields (title, description, sources, \
                 reviewed), then a closing `---` line",
        ));
    };
    let yaml_start = text.len() - rest.len();
    let mut offset = yaml_start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &text[yaml_start..offset];
            let body_offset = offset + line.len();
            return Ok(FrontMatter {
                yaml,
                yaml_line_offset: 1,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Code::FrontMatter,
        "unclosed front matter: no closing `---` line",
    )
    .at(Location::START)
    .with_help("add a line with only `---` after the last front-matter field"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_accepted() {
        let src = SourceText::decode(b"\xEF\xBB\xBFa: 1\r\nb: 2\r\n").map(|s| s.text);
        assert_eq!(src.ok().as_deref(), Some("a: 1\nb: 2\n"));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = SourceText::decode(b"a: 1\nb: \xFF\n").err();
        assert_eq!(err.and_then(|d| d.location), Some(Location::new(2, 4)));
    }

    #[test]
    fn front_matter_offsets() {
        let text = "---\ntitle: x\n---\nbody\n";
        let fm = split_front_matter(text).ok();
        assert_eq!(
            fm,
            Some(FrontMatter {
                yaml: "title: x\n",
                yaml_line_offset: 1,
                body: "body\n",
                body_offset: 17,
            })
        );
    }

    #[test]
    fn unclosed_and_missing_front_matter() {
        assert!(split_front_matter("---\ntitle: x\n").is_err());
        assert!(split_front_matter("title: x\n").is_err());
    }
}
