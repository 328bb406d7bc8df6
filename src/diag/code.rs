//! The stable code of each kind of problem (`check --format json` gives it as `code`): the one
//! place they are named. Codes never change once published; a new kind gets a new code.

/// What kind of problem a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    // Reading files
    /// A file or folder could not be read or written.
    Io,
    /// A file is not UTF-8, or too large.
    Encoding,
    /// A file that has no place in `content/`, or a misnamed one.
    UnexpectedFile,
    /// A page's front matter is missing or not closed.
    FrontMatter,
    // YAML
    /// The YAML cannot be parsed.
    YamlSyntax,
    /// A YAML file or front matter is empty.
    EmptyFile,
    /// A key given twice in one mapping.
    DuplicateKey,
    /// A field the content model does not have.
    UnknownField,
    /// A required field is missing.
    MissingField,
    /// A value of the wrong shape (a text where a list is expected…).
    WrongType,
    /// A value outside its allowed set (`type`, `layout`, `basis`…).
    UnknownValue,
    /// A date not written `YYYY-MM-DD`, or not in the calendar.
    InvalidDate,
    /// An address that is not `http(s)://…`.
    InvalidUrl,
    /// A `<fill in>` that `reperes new` left.
    Placeholder,
    // Content
    /// A required text or list is empty.
    EmptyValue,
    /// A localized field without one of the site's languages.
    MissingLanguage,
    /// A language that is not one of the site's, or not a language code.
    UnknownLanguage,
    /// An id or slug that breaks the naming rules.
    InvalidId,
    /// A slug the site itself uses.
    ReservedSlug,
    /// The same id, slug or entry twice.
    Duplicate,
    /// A reference to an ERN that does not exist.
    UnknownErn,
    /// A chart's numbers that cannot be drawn (above its scale), or that differ between the
    /// languages of a page.
    FigureData,
    /// A page without one of its languages.
    MissingTranslation,
    /// A page marked as awaiting a translation that exists (error), or awaiting it (warning).
    AwaitingTranslation,
    /// `translated_from` names a language with nothing to translate from.
    TranslatedFrom,
    /// A translation whose original changed since.
    OutdatedTranslation,
    /// A theme named in `site.yaml` that does not exist.
    UnknownTheme,
    // Markdown and links
    /// Raw HTML in Markdown.
    RawHtml,
    /// A link to something that does not exist.
    BrokenLink,
    /// A link to a heading that does not exist.
    BrokenAnchor,
    /// An `@/` reference that is not written as one.
    InvalidReference,
    // Theme and interface strings
    /// A template that cannot be parsed or rendered.
    Template,
    /// A template the theme lacks, or one that names another that does not exist.
    MissingTemplate,
    /// An interface string a template or page asks for that does not exist.
    UnknownString,
    /// A Fluent file that cannot be parsed.
    FluentSyntax,
    /// An interface string missing in one language.
    MissingString,
    /// An interface string nothing uses.
    UnusedString,
    // Findings of `check`
    /// A record no page or record links to.
    OrphanRecord,
    /// A `reviewed` date too old, or in the future.
    ReviewDate,
    /// The accessibility statement lacks some of its facts.
    Accessibility,
    /// No address where readers can report an error on a page (`report_error`).
    ReportError,
    /// `check --external`: a cited web address that is dead, moved, too slow, or that refuses
    /// to be checked.
    ExternalLink,
    // The command itself
    /// The output folder cannot be used.
    Output,
    /// A file `reperes new` would overwrite.
    FileExists,
    /// Something that should not happen (a stage stopped unexpectedly).
    Internal,
}

impl Code {
    /// Every code, in the order of the README's table.
    pub const ALL: [Code; 45] = [
        Code::Io,
        Code::Encoding,
        Code::UnexpectedFile,
        Code::FrontMatter,
        Code::YamlSyntax,
        Code::EmptyFile,
        Code::DuplicateKey,
        Code::UnknownField,
        Code::MissingField,
        Code::WrongType,
        Code::UnknownValue,
        Code::InvalidDate,
        Code::InvalidUrl,
        Code::Placeholder,
        Code::EmptyValue,
        Code::MissingLanguage,
        Code::UnknownLanguage,
        Code::InvalidId,
        Code::ReservedSlug,
        Code::Duplicate,
        Code::UnknownErn,
        Code::FigureData,
        Code::MissingTranslation,
        Code::AwaitingTranslation,
        Code::TranslatedFrom,
        Code::OutdatedTranslation,
        Code::UnknownTheme,
        Code::RawHtml,
        Code::BrokenLink,
        Code::BrokenAnchor,
        Code::InvalidReference,
        Code::Template,
        Code::MissingTemplate,
        Code::UnknownString,
        Code::FluentSyntax,
        Code::MissingString,
        Code::UnusedString,
        Code::OrphanRecord,
        Code::ReviewDate,
        Code::Accessibility,
        Code::ReportError,
        Code::ExternalLink,
        Code::Output,
        Code::FileExists,
        Code::Internal,
    ];

    /// The code as JSON and the README give it: `unknown-field`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::Encoding => "encoding",
            Code::UnexpectedFile => "unexpected-file",
            Code::FrontMatter => "front-matter",
            Code::YamlSyntax => "yaml-syntax",
            Code::EmptyFile => "empty-file",
            Code::DuplicateKey => "duplicate-key",
            Code::UnknownField => "unknown-field",
            Code::MissingField => "missing-field",
            Code::WrongType => "wrong-type",
            Code::UnknownValue => "unknown-value",
            Code::InvalidDate => "invalid-date",
            Code::InvalidUrl => "invalid-url",
            Code::Placeholder => "placeholder",
            Code::EmptyValue => "empty-value",
            Code::MissingLanguage => "missing-language",
            Code::UnknownLanguage => "unknown-language",
            Code::InvalidId => "invalid-id",
            Code::ReservedSlug => "reserved-slug",
            Code::Duplicate => "duplicate",
            Code::UnknownErn => "unknown-ern",
            Code::FigureData => "figure-data",
            Code::MissingTranslation => "missing-translation",
            Code::AwaitingTranslation => "awaiting-translation",
            Code::TranslatedFrom => "translated-from",
            Code::OutdatedTranslation => "outdated-translation",
            Code::UnknownTheme => "unknown-theme",
            Code::RawHtml => "raw-html",
            Code::BrokenLink => "broken-link",
            Code::BrokenAnchor => "broken-anchor",
            Code::InvalidReference => "invalid-reference",
            Code::Template => "template",
            Code::MissingTemplate => "missing-template",
            Code::UnknownString => "unknown-string",
            Code::FluentSyntax => "fluent-syntax",
            Code::MissingString => "missing-string",
            Code::UnusedString => "unused-string",
            Code::OrphanRecord => "orphan-record",
            Code::ReviewDate => "review-date",
            Code::Accessibility => "accessibility",
            Code::ReportError => "report-error",
            Code::ExternalLink => "external-link",
            Code::Output => "output",
            Code::FileExists => "file-exists",
            Code::Internal => "internal",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} twice");
            assert!(text.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
        }
    }
}
