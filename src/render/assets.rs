//! Fingerprinted names for the theme's static files: `assets/site.css` is written as
//! `assets/site.<hash>.css`, so that a host may cache it for a year; a new version gets a new
//! name. Files at the top of `static/` keep theirs (`favicon.ico`, `.well-known/`…).
//!
//! A script or stylesheet that names a file of its own folder (`import … from './query.js'`)
//! is rewritten to the new name before its own hash is taken, so the chain stays consistent.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

/// The static files under their output names, and the map from each file's name in the theme
/// to its output name.
#[derive(Debug, Default)]
pub(super) struct Fingerprinted {
    pub files: Vec<(String, Vec<u8>)>,
    pub names: BTreeMap<String, String>,
}

/// Hex digits of the content hash kept in a name.
const HASH_LEN: usize = 10;

pub(super) fn fingerprint(files: Vec<(String, Vec<u8>)>) -> Fingerprinted {
    let mut contents: BTreeMap<String, Vec<u8>> = files.iter().cloned().collect();
    let mut names = BTreeMap::new();
    // Rewriting references changes hashes, which changes the names referred to: repeat until
    // nothing changes (a chain of n files settles in n rounds; a cycle stops at the limit).
    for _ in 0..=files.len() {
        names = contents
            .iter()
            .map(|(path, bytes)| (path.clone(), fingerprinted_name(path, bytes)))
            .collect();
        let rewritten: BTreeMap<String, Vec<u8>> = files
            .iter()
            .map(|(path, bytes)| (path.clone(), rewrite_references(path, bytes, &names)))
            .collect();
        if rewritten == contents {
            break;
        }
        contents = rewritten;
    }
    let files = contents
        .into_iter()
        .map(|(path, bytes)| (names.get(&path).cloned().unwrap_or(path), bytes))
        .collect();
    Fingerprinted { files, names }
}

/// `assets/site.css` → `assets/site.<hash>.css`; a file at the top level keeps its name.
fn fingerprinted_name(path: &str, bytes: &[u8]) -> String {
    let Some((dir, file)) = path.rsplit_once('/') else {
        return path.to_owned();
    };
    let digest = Sha256::digest(bytes);
    let hash: String = digest
        .iter()
        .flat_map(|b| [b >> 4, b & 0xf])
        .take(HASH_LEN)
        .map(|n| char::from_digit(u32::from(n), 16).unwrap_or('0'))
        .collect();
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{dir}/{stem}.{hash}.{ext}"),
        _ => format!("{dir}/{file}.{hash}"),
    }
}

/// In a script or stylesheet, `./<sibling>` written between quotes or in `url()` becomes
/// `./<sibling's output name>`.
fn rewrite_references(path: &str, bytes: &[u8], names: &BTreeMap<String, String>) -> Vec<u8> {
    let text_file = [".css", ".js", ".mjs"]
        .iter()
        .any(|ext| path.ends_with(ext));
    let (Some((dir, _)), true, Ok(text)) =
        (path.rsplit_once('/'), text_file, std::str::from_utf8(bytes))
    else {
        return bytes.to_vec();
    };
    let mut text = text.to_owned();
    for (other, output) in names {
        let (Some((other_dir, name)), Some((_, new_name))) =
            (other.rsplit_once('/'), output.rsplit_once('/'))
        else {
            continue;
        };
        if other == path || other_dir != dir {
            continue;
        }
        for (open, close) in [("'", "'"), ("\"", "\""), ("(", ")")] {
            text = text.replace(
                &format!("{open}./{name}{close}"),
                &format!("{open}./{new_name}{close}"),
            );
        }
    }
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_hash_and_references_follow() {
        let files = vec![
            (
                "assets/a.js".to_owned(),
                b"import x from './b.js';".to_vec(),
            ),
            ("assets/b.js".to_owned(), b"export default 1;".to_vec()),
            ("robots.txt".to_owned(), b"x".to_vec()),
        ];
        let out = fingerprint(files);
        let b = out.names["assets/b.js"].clone();
        assert!(
            b.starts_with("assets/b.") && b.ends_with(".js") && b.len() == 22,
            "{b}"
        );
        assert_eq!(out.names["robots.txt"], "robots.txt");
        let a = &out.names["assets/a.js"];
        let a_bytes = &out.files.iter().find(|(p, _)| p == a).unwrap().1;
        let new_b = b.rsplit_once('/').unwrap().1;
        assert_eq!(
            std::str::from_utf8(a_bytes).unwrap(),
            format!("import x from './{new_b}';")
        );
        // The name is the hash of what is written.
        assert_eq!(fingerprinted_name("assets/a.js", a_bytes), *a);
    }
}
