//! "Did you mean …?": the valid values closest to what was written, by edit distance (optimal
//! string alignment: a swap of two letters is one edit). The one place suggestions are made.

/// The candidates closest to `found`, best first (several when they tie), or none when nothing is
/// close: at most one edit for a word of up to 4 letters, two up to 8, three beyond; failing
/// that, the candidates that start with `found` (3 letters or more). Case is ignored.
pub fn suggest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let candidates_again = candidates.clone();
    let found_folded = found.to_lowercase();
    let limit = match found.chars().count() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|c| *c != found)
        .map(|c| (strsim::osa_distance(&found_folded, &c.to_lowercase()), c))
        .filter(|(distance, _)| *distance <= limit)
        .collect();
    scored.sort();
    scored.dedup();
    let best = scored.first().map(|(d, _)| *d);
    let close: Vec<&str> = scored
        .into_iter()
        .take_while(|(d, _)| Some(*d) == best)
        .map(|(_, c)| c)
        .take(3)
        .collect();
    if !close.is_empty() || found_folded.chars().count() < 3 {
        return close;
    }
    // Nothing a few edits away: what was written may be the start of a longer name
    // (`clinical` for `clinical-and-pathology`).
    let mut longer: Vec<&str> = candidates_again
        .into_iter()
        .filter(|c| c.to_lowercase().starts_with(&found_folded))
        .collect();
    longer.sort_unstable();
    longer.truncate(3);
    longer
}

/// `did you mean `x`?` (or `` `x` or `y` ``) for the closest candidates, if any is close.
pub fn did_you_mean<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let close = suggest(found, candidates);
    if close.is_empty() {
        return None;
    }
    let quoted: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
    Some(format!("did you mean {}?", quoted.join(" or ")))
}

/// `help`, led by a "did you mean" for `found` among `candidates` when one is close.
pub fn help_with_suggestion<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    help: &str,
) -> String {
    match did_you_mean(found, candidates) {
        Some(question) if help.is_empty() => question,
        Some(question) => {
            let mut chars = help.chars();
            let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
            format!("{question} {}{}", first.unwrap_or_default(), chars.as_str())
        }
        None => help.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_suggested() {
        let fields = ["acronym", "name", "summary", "sources"];
        assert_eq!(suggest("nmae", fields), ["name"]);
        assert_eq!(suggest("Sumary", fields), ["summary"]);
        assert_eq!(suggest("colour", fields), Vec::<&str>::new());
        assert_eq!(
            suggest("clinical", ["pathology", "clinical-and-pathology"]),
            ["clinical-and-pathology"]
        );
        assert_eq!(
            did_you_mean("source", fields).as_deref(),
            Some("did you mean `sources`?")
        );
        assert_eq!(did_you_mean("xyz", fields), None);
    }

    #[test]
    fn ties_are_all_given() {
        assert_eq!(suggest("ab", ["aa", "bb", "zz"]), ["aa", "bb"]);
    }
}
