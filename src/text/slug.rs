//! Ids, slugs and anchors: what an editor may name a file or a URL segment, and how a heading's
//! text becomes an anchor.

/// Why an id or slug is not acceptable, if it is not.
pub fn check_slug(slug: &str) -> Result<(), String> {
    const WINDOWS_RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if slug.is_empty() {
        return Err("it is empty".into());
    }
    if slug.len() > 80 {
        return Err(format!("`{slug}` is longer than 80 characters"));
    }
    let well_formed = slug.split('-').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if !well_formed {
        return Err(format!(
            "`{slug}` may only use lowercase letters a–z, digits and single hyphens between them"
        ));
    }
    if WINDOWS_RESERVED.contains(&slug) {
        return Err(format!("`{slug}` is a reserved file name on some systems"));
    }
    Ok(())
}

/// An anchor from heading text: ASCII-folded, lowercase, words joined by hyphens.
pub fn slugify(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "section".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_reject_path_tricks() {
        assert!(check_slug("netsarc").is_ok());
        assert!(check_slug("renoclip-loc").is_ok());
        for bad in [
            "../etc", "/abs", "a/b", "Net", "a--b", "-a", "a-", "", "con", "a.b", "é",
        ] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slugify_folds_accents_and_ligatures() {
        assert_eq!(slugify("Mélanome de l’œil !"), "melanome-de-l-oeil");
    }
}
