//! What asking an address found ([`Outcome`], the value the cache keeps), and how bad it is:
//! the classification of statuses and network failures, without any network code.

use serde::{Deserialize, Serialize};

use crate::diag::Severity;

/// Why an address gave no HTTP answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Failure {
    /// The host name cannot be resolved (no such domain).
    Dns,
    /// Nothing listens there: the connection was refused.
    Refused,
    /// No answer within the timeout.
    Timeout,
    /// The secure connection failed (certificate, protocol).
    Tls,
    /// Redirects went round in circles or went on too long.
    TooManyRedirects,
    /// Anything else (connection reset, malformed answer…).
    Other,
}

/// What asking an address found, after redirects, the `GET` that stands in for a refused
/// `HEAD`, and the retry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum Outcome {
    /// A 2xx answer, directly or through temporary redirects.
    Ok { status: u16 },
    /// A permanent redirect (301, 308) to `to`, which answers.
    Moved { status: u16, to: String },
    /// Any other status: an error (4xx, 5xx) or an unusable answer; `via` is the last address of
    /// the redirects that led there, if any.
    Status {
        status: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        via: Option<String>,
    },
    /// No answer.
    Failed { failure: Failure, detail: String },
}

impl Outcome {
    pub(super) fn failed(failure: Failure, detail: impl Into<String>) -> Outcome {
        Outcome::Failed {
            failure,
            detail: detail.into(),
        }
    }

    /// Whether the address works for a reader (possibly through a permanent redirect).
    pub fn answers(&self) -> bool {
        matches!(self, Outcome::Ok { .. } | Outcome::Moved { .. })
    }

    /// Whether asking again later may give another result: server errors, rate limits,
    /// timeouts and network failures. These are retried once, and kept in the cache for at most
    /// a day.
    pub fn is_transient(&self) -> bool {
        match self {
            Outcome::Ok { .. } | Outcome::Moved { .. } => false,
            Outcome::Status { status, .. } => *status >= 500 || matches!(status, 408 | 429),
            Outcome::Failed { failure, .. } => {
                !matches!(failure, Failure::Tls | Failure::TooManyRedirects)
            }
        }
    }

    /// How bad it is for the site, `None` when all is well: dead addresses (404, 410, another
    /// client error, no such host, connection refused) and server errors are errors; a
    /// permanent redirect, a timeout, a server that refuses robots (401, 403, 429) and anything
    /// that could not be checked are warnings.
    pub fn severity(&self) -> Option<Severity> {
        match self {
            Outcome::Ok { .. } => None,
            Outcome::Moved { .. } => Some(Severity::Warning),
            Outcome::Status { status, .. } => Some(match status {
                401 | 403 | 407 | 408 | 429 => Severity::Warning,
                400..=599 => Severity::Error,
                _ => Severity::Warning,
            }),
            Outcome::Failed { failure, .. } => Some(match failure {
                Failure::Dns | Failure::Refused => Severity::Error,
                Failure::Timeout | Failure::Tls | Failure::TooManyRedirects | Failure::Other => {
                    Severity::Warning
                }
            }),
        }
    }

    /// The finding's message and help for `url`.
    pub fn describe(&self, url: &str) -> Option<(String, String)> {
        let text = match self {
            Outcome::Ok { .. } => return None,
            Outcome::Moved { status, to } => (
                format!("`{url}` has moved permanently ({status}) to `{to}`"),
                format!("replace the address with `{to}` (check that it is still the same page)"),
            ),
            Outcome::Status { status, via } => {
                let after = via
                    .as_ref()
                    .map(|v| format!(" (redirected to `{v}`)"))
                    .unwrap_or_default();
                let code = status_text(*status);
                match status {
                    404 | 410 => (
                        format!("dead link: `{url}` answers {code}{after}"),
                        "the page is gone: find where it moved (the site's own search, or the \
                         Internet Archive's copy), update the address, or cite another source"
                            .to_owned(),
                    ),
                    401 | 403 | 407 | 429 => (
                        format!("`{url}` refused the link checker ({code}){after}"),
                        "some sites turn automated requests away: open the address in a browser \
                         to confirm that it works"
                            .to_owned(),
                    ),
                    408 => timeout_text(url),
                    500..=599 => (
                        format!(
                            "server error: `{url}` answers {code}, also when asked again{after}"
                        ),
                        "the site may be down for a while: open it in a browser; if it stays \
                         down, find another address or source"
                            .to_owned(),
                    ),
                    400..=499 => (
                        format!("broken link: `{url}` answers {code}{after}"),
                        "open the address in a browser and correct it".to_owned(),
                    ),
                    _ => (
                        format!("`{url}` gives an unexpected answer ({code}){after}"),
                        "open the address in a browser to confirm that it works".to_owned(),
                    ),
                }
            }
            Outcome::Failed { failure, detail } => match failure {
                Failure::Dns => (
                    format!("dead link: `{url}`: no such host ({detail})"),
                    "check the spelling of the domain; if the site is gone, find where its \
                     content moved or cite another source"
                        .to_owned(),
                ),
                Failure::Refused => (
                    format!("dead link: `{url}`: the server refuses connections"),
                    "nothing answers at that address: check it in a browser, and find where the \
                     content moved"
                        .to_owned(),
                ),
                Failure::Timeout => timeout_text(url),
                Failure::Tls => (
                    format!("`{url}`: the secure connection failed ({detail})"),
                    "browsers may refuse the site too: open it in a browser to confirm".to_owned(),
                ),
                Failure::TooManyRedirects => (
                    format!("`{url}` redirects in circles or too many times"),
                    "open it in a browser; if it fails there too, find another address".to_owned(),
                ),
                Failure::Other => (
                    format!("`{url}` could not be checked ({detail})"),
                    "open the address in a browser to confirm that it works".to_owned(),
                ),
            },
        };
        Some(text)
    }
}

fn timeout_text(url: &str) -> (String, String) {
    (
        format!("`{url}` did not answer in time, also when asked again"),
        "the server may be slow or down: open it in a browser; `--timeout-secs` waits longer"
            .to_owned(),
    )
}

/// `404 Not Found`: the code and its standard reason phrase, when it has one.
pub fn status_text(status: u16) -> String {
    let reason = ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> Outcome {
        Outcome::Status { status, via: None }
    }

    #[test]
    fn severities() {
        let error = Some(Severity::Error);
        let warning = Some(Severity::Warning);
        assert_eq!(Outcome::Ok { status: 200 }.severity(), None);
        let moved = Outcome::Moved {
            status: 301,
            to: "https://b.example/".into(),
        };
        assert_eq!(moved.severity(), warning);
        for code in [400, 404, 410, 451, 500, 502, 503] {
            assert_eq!(status(code).severity(), error, "{code}");
        }
        for code in [401, 403, 408, 429, 999, 304] {
            assert_eq!(status(code).severity(), warning, "{code}");
        }
        for (failure, severity) in [
            (Failure::Dns, error),
            (Failure::Refused, error),
            (Failure::Timeout, warning),
            (Failure::Tls, warning),
            (Failure::TooManyRedirects, warning),
            (Failure::Other, warning),
        ] {
            assert_eq!(Outcome::failed(failure, "x").severity(), severity);
        }
    }

    #[test]
    fn transient_results_are_retried() {
        assert!(status(500).is_transient());
        assert!(status(429).is_transient());
        assert!(!status(404).is_transient());
        assert!(!status(410).is_transient());
        assert!(Outcome::failed(Failure::Timeout, "").is_transient());
        assert!(Outcome::failed(Failure::Dns, "").is_transient());
        assert!(!Outcome::failed(Failure::Tls, "").is_transient());
        assert!(!Outcome::Ok { status: 200 }.is_transient());
    }

    #[test]
    fn messages_quote_the_address_and_status() {
        let (message, _) = status(410)
            .describe("https://a.example/x")
            .unwrap_or_default();
        assert_eq!(message, "dead link: `https://a.example/x` answers 410 Gone");
        let moved = Outcome::Moved {
            status: 308,
            to: "https://b.example/".into(),
        };
        let (message, help) = moved.describe("http://a.example/").unwrap_or_default();
        assert!(message.contains("moved permanently (308) to `https://b.example/`"));
        assert!(help.contains("`https://b.example/`"));
        assert_eq!(status_text(599), "599");
    }

    #[test]
    fn cache_form_is_stable() {
        let outcome = Outcome::Status {
            status: 404,
            via: None,
        };
        let json = serde_json::to_string(&outcome).unwrap_or_default();
        assert_eq!(json, r#"{"result":"status","status":404}"#);
        let back: Result<Outcome, _> = serde_json::from_str(&json);
        assert_eq!(back.ok(), Some(outcome));
    }
}
