//! Interface strings that nothing uses.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::pipeline::Built;

/// Interface strings defined but never asked for while rendering the whole site, nor written in
/// a template. Strings named after a value or state of the content model (`month-3`,
/// `network-type-pathology`, `translation-outdated`) always count as used: some content may
/// need them.
pub(super) fn unused_strings(built: &Built) -> Diagnostics {
    const FOR_MODEL_VALUES: &[&str] = &[
        "month-",
        "network-type-",
        "partner-category-",
        "translation-",
        "accessibility-status-",
    ];
    let mut diags = Diagnostics::new();
    // Asked for by the rendering code, or written in a template (a branch the shipped content
    // never takes, like an ERN without networks, still needs its string).
    let mut used = TemplateKeys::default();
    used.exact.extend(built.strings_used.iter().cloned());
    for (_, text) in built.theme.templates() {
        used.read(text);
    }
    for lang in built.config.languages.codes() {
        let Some(keys) = built.translations.keys(lang) else {
            continue;
        };
        for (key, location) in keys {
            let for_model_value = FOR_MODEL_VALUES.iter().any(|p| key.starts_with(p));
            if used.contains(key) || for_model_value {
                continue;
            }
            diags.push(
                Diagnostic::warning(
                    Code::UnusedString,
                    format!("interface string `{key}` is never used"),
                )
                .in_file(PathBuf::from("i18n").join(format!("{lang}.ftl")))
                .at(*location)
                .with_help("no template uses it: delete it from every .ftl file, or use it"),
            );
        }
    }
    diags
}

/// The keys templates name in `t(key=…)`: written whole (`key="nav-erns"`), or as the literal
/// start of a computed key (`key="basis-" ~ e.basis`), which any key with that start matches.
#[derive(Debug, Default)]
struct TemplateKeys {
    exact: BTreeSet<String>,
    prefixes: BTreeSet<String>,
}

impl TemplateKeys {
    fn read(&mut self, template: &str) {
        for quote in ['"', '\''] {
            let opening = format!("key={quote}");
            for (start, _) in template.match_indices(&opening) {
                let rest = &template[start + opening.len()..];
                let Some(end) = rest.find(quote) else {
                    continue;
                };
                let key = rest[..end].to_owned();
                if rest[end + 1..].trim_start().starts_with('~') {
                    self.prefixes.insert(key);
                } else {
                    self.exact.insert(key);
                }
            }
        }
    }

    fn contains(&self, key: &str) -> bool {
        self.exact.contains(key) || self.prefixes.iter().any(|p| key.starts_with(p.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_and_computed_keys() {
        let mut keys = TemplateKeys::default();
        keys.read(r#"{{ t(key="nav-erns") }} {{ t(key='basis-' ~ e.basis) }}"#);
        assert!(keys.contains("nav-erns"));
        assert!(keys.contains("basis-sourced"));
        assert!(!keys.contains("nav"));
    }
}
