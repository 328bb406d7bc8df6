//! The language's typography: French narrow no-break spaces before `; : ! ? %` and inside
//! guillemets, typographic apostrophes, thousands kept on one line. English is left alone.

/// Narrow no-break space, used by French typography.
const NNBSP: char = '\u{202F}';

/// Apply the language's typography to plain text (titles, names, fields rendered by templates).
pub fn typography(text: &str, lang: &str) -> String {
    let mut smart = text.to_owned();
    if lang == "fr" {
        // Templates get raw strings, not smart punctuation: turn straight apostrophes typographic.
        smart = smart.replace('\'', "\u{2019}");
    }
    Typographer::new(lang).apply(&smart)
}

/// Typography across the text events of one block, remembering the last character written.
#[derive(Debug)]
pub struct Typographer {
    french: bool,
    previous: Option<char>,
}

impl Typographer {
    pub fn new(lang: &str) -> Self {
        Typographer {
            french: lang == "fr",
            previous: None,
        }
    }

    pub fn reset(&mut self) {
        self.previous = None;
    }

    pub fn space(&mut self) {
        self.previous = Some(' ');
    }

    pub fn apply(&mut self, text: &str) -> String {
        if !self.french {
            self.previous = text.chars().last().or(self.previous);
            return text.to_owned();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len() + 8);
        let mut skip_space = false;
        for (i, &c) in chars.iter().enumerate() {
            if std::mem::take(&mut skip_space) {
                continue;
            }
            let next = chars.get(i + 1).copied();
            match c {
                // Smart punctuation turns "…" into English quotes; French uses guillemets.
                '\u{201C}' | '«' => {
                    out.push('«');
                    out.push(NNBSP);
                    // The typed space after « is replaced by the narrow one.
                    skip_space = matches!(next, Some(' ' | '\u{A0}' | NNBSP));
                }
                '\u{201D}' | '»' | ';' | '!' | '?' | ':' | '%' => {
                    let before_is_space = matches!(self.previous, Some(' ' | '\u{A0}' | NNBSP));
                    let wants_space = match c {
                        // `:` only where a space was typed: keeps 10:30 and URLs intact.
                        ':' | '%' => before_is_space,
                        // After an opening guillemet or at the start of a block, no space.
                        _ => self
                            .previous
                            .is_some_and(|p| p != '«' && p != '(' && p != '\n'),
                    };
                    if wants_space {
                        // A typed space in this text becomes the narrow one; a space that ended
                        // the previous text event (before `**bold**`, a link…) cannot be taken
                        // back, so it stays rather than doubling up.
                        let replaced = before_is_space && out.ends_with([' ', '\u{A0}']);
                        if replaced {
                            out.pop();
                        }
                        if !out.ends_with(NNBSP) && (replaced || !before_is_space) {
                            out.push(NNBSP);
                        }
                    }
                    out.push(if c == '\u{201D}' { '»' } else { c });
                }
                ' ' if self.previous.is_some_and(|p| p.is_ascii_digit())
                    && starts_digit_group(&chars[i + 1..]) =>
                {
                    // 100 000 → thousands kept on one line.
                    out.push(NNBSP);
                }
                _ => out.push(c),
            }
            self.previous = out.chars().last();
        }
        out
    }
}

/// Whether `rest` starts with exactly three digits (a thousands group).
fn starts_digit_group(rest: &[char]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(char::is_ascii_digit)
        && !rest.get(3).is_some_and(char::is_ascii_digit)
}
