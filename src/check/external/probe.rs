//! Asking one address over HTTP (ureq: blocking, rustls). `HEAD` first; where its answer is not
//! a success (405 and 501 say the server does not do `HEAD`, and some servers answer `HEAD` with
//! 400, 403, 404 or 500, or drop the connection), the same address again with `GET`, whose
//! answer is the one that counts (its body is never read). Redirects are followed here, one hop
//! at a time, to tell a permanent redirect (301, 308) at the start of the chain from temporary
//! ones. A transient result (server error, rate limit, timeout, network failure) is asked once
//! more after a pause.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ureq::Agent;

use super::outcome::{Failure, Outcome};

/// Redirects followed before giving up (browsers stop at about 20; 10 is curl's and ureq's).
const MAX_REDIRECTS: usize = 10;

/// Asks addresses, counting the requests it sends.
#[derive(Debug)]
pub(super) struct Prober {
    agent: Agent,
    retry_delay: Duration,
    requests: AtomicUsize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Head,
    Get,
}

/// One HTTP exchange.
enum Reply {
    Status {
        status: u16,
        location: Option<String>,
    },
    Failed(Failure, String),
}

impl Prober {
    /// `timeout`: for each request, from connecting to the end of the answer's headers.
    pub(super) fn new(timeout: Duration, retry_delay: Duration, user_agent: &str) -> Prober {
        let config = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(timeout))
            .user_agent(user_agent)
            .accept("text/html,application/xhtml+xml,*/*;q=0.8")
            .build();
        Prober {
            agent: config.into(),
            retry_delay,
            requests: AtomicUsize::new(0),
        }
    }

    /// How many HTTP requests were sent so far.
    pub(super) fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// What `url` gives, asked once more after a pause if the first result may be transient.
    pub(super) fn probe(&self, url: &str) -> Outcome {
        let first = self.attempt(url);
        if !first.is_transient() {
            return first;
        }
        std::thread::sleep(self.retry_delay);
        self.attempt(url)
    }

    /// `HEAD`, then `GET` if the `HEAD` answer is not a success.
    fn attempt(&self, url: &str) -> Outcome {
        let head = self.follow(Method::Head, url);
        let get_instead = match &head {
            Outcome::Ok { .. } | Outcome::Moved { .. } => false,
            Outcome::Status { .. } => true,
            // A server that drops the connection on `HEAD`; no name, no listener, no answer in
            // time or a bad certificate will not change with the method.
            Outcome::Failed { failure, .. } => {
                matches!(failure, Failure::Other | Failure::TooManyRedirects)
            }
        };
        if get_instead {
            self.follow(Method::Get, url)
        } else {
            head
        }
    }

    /// Follow the redirects from `url`, one request each.
    fn follow(&self, method: Method, url: &str) -> Outcome {
        let mut current = url.to_owned();
        // The permanent redirects at the start of the chain: their first status, and where they
        // lead (a temporary redirect after them is the new address's own business).
        let mut moved: Option<(u16, String)> = None;
        let mut permanent_so_far = true;
        for _ in 0..=MAX_REDIRECTS {
            match self.request(method, &current) {
                Reply::Failed(failure, detail) => return Outcome::failed(failure, detail),
                Reply::Status {
                    status: status @ (301 | 302 | 303 | 307 | 308),
                    location: Some(location),
                } => {
                    let next = join(&current, &location);
                    if permanent_so_far && matches!(status, 301 | 308) {
                        let first = moved.map_or(status, |(first, _)| first);
                        moved = Some((first, next.clone()));
                    } else {
                        permanent_so_far = false;
                    }
                    current = next;
                }
                Reply::Status { status, .. } if (200..300).contains(&status) => {
                    return match moved {
                        Some((status, to)) if to != url => Outcome::Moved { status, to },
                        _ => Outcome::Ok { status },
                    };
                }
                Reply::Status { status, .. } => {
                    return Outcome::Status {
                        status,
                        via: (current != url).then_some(current),
                    };
                }
            }
        }
        Outcome::failed(
            Failure::TooManyRedirects,
            format!("more than {MAX_REDIRECTS} redirects"),
        )
    }

    fn request(&self, method: Method, url: &str) -> Reply {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let uri = encode(url);
        let result = match method {
            Method::Head => self.agent.head(&uri).call(),
            Method::Get => self.agent.get(&uri).call(),
        };
        match result {
            Ok(response) => Reply::Status {
                status: response.status().as_u16(),
                location: response
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned),
            },
            Err(error) => {
                let failure = classify(&error);
                let detail = match failure {
                    Failure::Dns => format!("`{}` cannot be resolved", host(url)),
                    _ => error.to_string(),
                };
                Reply::Failed(failure, detail)
            }
        }
    }
}

/// What kind of failure a ureq error is.
fn classify(error: &ureq::Error) -> Failure {
    match error {
        ureq::Error::Timeout(_) => Failure::Timeout,
        ureq::Error::HostNotFound => Failure::Dns,
        ureq::Error::TooManyRedirects => Failure::TooManyRedirects,
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::TlsRequired => Failure::Tls,
        ureq::Error::Io(e) => classify_io(e),
        _ => Failure::Other,
    }
}

/// Name resolution failures reach ureq as the I/O error of the standard library's
/// `getaddrinfo` call ("failed to lookup address information: Name or service not known").
fn classify_io(error: &io::Error) -> Failure {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => Failure::Refused,
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Failure::Timeout,
        _ if error.to_string().contains("failed to lookup address") => Failure::Dns,
        _ => Failure::Other,
    }
}

/// The host (and port) of an address, lowercased.
pub(super) fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    host.to_ascii_lowercase()
}

/// `location` (a redirect's target, possibly relative) resolved against `base`.
fn join(base: &str, location: &str) -> String {
    let location = location.trim();
    let has_scheme = location.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme {
        return location.to_owned();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(network_path) = location.strip_prefix("//") {
        return format!("{scheme}://{network_path}");
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..authority_end]);
    let path = &rest[authority_end..];
    let path = path.split(['?', '#']).next().unwrap_or_default();
    if location.starts_with('/') {
        format!("{origin}{location}")
    } else if location.starts_with('?') {
        format!("{origin}{path}{location}")
    } else {
        let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
        format!("{origin}{dir}{location}")
    }
}

/// `url` as a request target: characters an HTTP request line may not carry (non-ASCII, spaces,
/// `"<>\^`{|}`) percent-encoded, as a browser does when a reader follows the link.
fn encode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii() && !c.is_ascii_control() && !" \"<>\\^`{|}".contains(c) {
            out.push(c);
        } else {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unresolvable_hosts_are_dead_not_unknown() {
        // What the standard library's resolver gives for an unknown name, offline or not.
        let nxdomain =
            io::Error::other("failed to lookup address information: Name or service not known");
        assert_eq!(classify_io(&nxdomain), Failure::Dns);
        let offline = io::Error::other(
            "failed to lookup address information: Temporary failure in name resolution",
        );
        assert_eq!(classify(&ureq::Error::Io(offline)), Failure::Dns);
        assert_eq!(classify(&ureq::Error::HostNotFound), Failure::Dns);
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert_eq!(classify(&ureq::Error::Io(refused)), Failure::Refused);
        let reset = io::Error::from(io::ErrorKind::ConnectionReset);
        assert_eq!(classify(&ureq::Error::Io(reset)), Failure::Other);
        assert_eq!(
            classify(&ureq::Error::TooManyRedirects),
            Failure::TooManyRedirects
        );
        assert_eq!(classify(&ureq::Error::Tls("bad certificate")), Failure::Tls);
    }

    #[test]
    fn redirect_targets_resolve_against_the_address() {
        let base = "https://a.example/dir/page?x=1";
        assert_eq!(join(base, "https://b.example/"), "https://b.example/");
        assert_eq!(join(base, "//c.example/x"), "https://c.example/x");
        assert_eq!(join(base, "/root"), "https://a.example/root");
        assert_eq!(join(base, "other"), "https://a.example/dir/other");
        assert_eq!(join(base, "?y=2"), "https://a.example/dir/page?y=2");
        assert_eq!(join("http://a.example", "x"), "http://a.example/x");
    }

    #[test]
    fn hosts_and_request_targets() {
        assert_eq!(
            host("https://User@WWW.Example.org:8443/a?b"),
            "www.example.org:8443"
        );
        assert_eq!(host("http://127.0.0.1:9/x"), "127.0.0.1:9");
        assert_eq!(
            encode("https://a.example/réseau des sarcomes|x"),
            "https://a.example/r%C3%A9seau%20des%20sarcomes%7Cx"
        );
        assert_eq!(
            encode("https://a.example/?q=a&b=%20"),
            "https://a.example/?q=a&b=%20"
        );
    }
}
