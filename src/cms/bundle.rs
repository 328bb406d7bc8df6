//! The vendored Decap CMS: its npm release's `dist/` files that the browser loads (the main
//! bundle, the chunks it loads on demand, the licences of what it bundles), kept as one
//! gzipped tar in `decap/` and embedded in the binary. See `decap/README.md` for the version,
//! the checksums and how to refresh it.

use std::io::Read;

use flate2::read::GzDecoder;

/// The npm release embedded.
pub const VERSION: &str = "3.16.3";

const ARCHIVE: &[u8] = include_bytes!("decap/decap-cms-3.16.3.tar.gz");
/// Decap CMS's licence (MIT), written beside the bundle wherever it is served.
pub const LICENSE: &str = include_str!("decap/LICENSE");

/// The size of the embedded archive, in bytes (what the CMS adds to the binary).
pub fn archive_len() -> usize {
    ARCHIVE.len()
}

/// Every file of the bundle: (name, bytes), in the archive's (sorted) order.
pub fn files() -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut tar = Vec::new();
    GzDecoder::new(ARCHIVE)
        .read_to_end(&mut tar)
        .map_err(|err| format!("the embedded Decap CMS archive cannot be read: {err}"))?;
    untar(&tar)
}

/// The regular files of a ustar archive (the only kind the archive holds: plain names, no
/// folders, links or extended headers).
fn untar(tar: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    const BLOCK: usize = 512;
    let mut files = Vec::new();
    let mut at = 0;
    while let Some(header) = tar.get(at..at + BLOCK) {
        if header.iter().all(|&b| b == 0) {
            break;
        }
        let field = |range: std::ops::Range<usize>| {
            let bytes = &header[range];
            let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
            String::from_utf8_lossy(&bytes[..end]).trim().to_owned()
        };
        let name = field(0..100);
        let size = usize::from_str_radix(&field(124..136), 8)
            .map_err(|_| format!("bad size in the archive's entry `{name}`"))?;
        let kind = header[156];
        let start = at + BLOCK;
        let content = tar
            .get(start..start + size)
            .ok_or_else(|| format!("the archive's entry `{name}` is cut short"))?;
        if (kind == b'0' || kind == 0) && !name.contains('/') && !name.starts_with('.') {
            files.push((name, content.to_vec()));
        }
        at = start + size.div_ceil(BLOCK) * BLOCK;
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_archive_holds_the_bundle_its_chunks_and_their_licences() {
        let files = files().unwrap_or_default();
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert!(names.contains(&"decap-cms.js"), "{names:?}");
        assert!(names.contains(&"decap-cms.js.LICENSE.txt"));
        assert!(
            names
                .iter()
                .filter(|n| n.ends_with(".decap-cms.js"))
                .count()
                > 50
        );
        let main = files
            .iter()
            .find(|(name, _)| name == "decap-cms.js")
            .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
            .unwrap_or_default();
        assert!(main.contains(&format!("decap-cms {VERSION}")));
        assert!(LICENSE.contains("MIT License"));
    }
}
