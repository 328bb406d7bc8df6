//! `check --external`: every web address the content cites, asked over HTTP, each finding located
//! at every place the address is cited. Nothing here runs unless `--external` is given: `check`
//! alone stays offline.
//!
//! - [`collect`]: the addresses and their places ([`cited`]);
//! - `pool`: worker threads with a per-host limit;
//! - `probe`: one address: `HEAD`, `GET` where `HEAD` is refused, redirects, one retry;
//! - [`outcome`]: what was found and how bad it is (no network code, unit-tested);
//! - [`cache`]: `.reperes-cache/links.json`, so that a run asks only for what expired.
//!
//! Each address is asked once however many places cite it. Like the rest of the library, this
//! module never prints: the binary prints the [`ExternalReport`]. It imports `pipeline` and the
//! layers above (`bodies` for the Markdown texts, `markdown::addresses` to read them).

pub mod cache;
pub mod collect;
pub mod outcome;
mod pool;
mod probe;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use collect::{Cited, Place, cited};
pub use outcome::{Failure, Outcome};

use crate::diag::{Code, Diagnostic, Diagnostics, Severity};

/// Seconds to wait for an answer, by default (lychee's default too).
pub const DEFAULT_TIMEOUT_SECS: u64 = 20;
/// Days a result is reused, by default: a weekly scheduled run asks everything again.
pub const DEFAULT_CACHE_DAYS: u32 = 7;

/// How to ask.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// For each request.
    pub timeout: Duration,
    /// Results younger than this are taken from the cache (transient failures: one day at
    /// most); 0 asks everything again.
    pub cache_days: u32,
    /// Ignore the cache (it is still written).
    pub refresh: bool,
    /// The time now, in seconds since 1970 (UTC): what cache ages are measured from.
    pub now: u64,
    /// Requests in flight at once, overall and per host.
    pub workers: usize,
    pub per_host: usize,
    /// The pause before asking again after a transient failure.
    pub retry_delay: Duration,
}

impl ExternalOptions {
    /// The defaults (20 s timeout, 7 days of cache, 8 workers, 2 per host, 1 s before the
    /// retry), at time `now`.
    pub fn new(now: u64) -> ExternalOptions {
        ExternalOptions {
            timeout: Duration::from_secs(DEFAULT_TIMEOUT_SECS),
            cache_days: DEFAULT_CACHE_DAYS,
            refresh: false,
            now,
            workers: 8,
            per_host: 2,
            retry_delay: Duration::from_secs(1),
        }
    }
}

/// The clock, in seconds since 1970 (UTC), for [`ExternalOptions::now`]. Cache ages are real
/// time: `SOURCE_DATE_EPOCH` (a fixed build date) does not apply.
pub fn seconds_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// What a run found, and what it cost.
#[derive(Debug, Clone, Default)]
pub struct ExternalReport {
    /// One finding per address that does not simply work, at each place that cites it; sorted.
    pub findings: Diagnostics,
    /// Different addresses, and the places that cite them.
    pub addresses: usize,
    pub places: usize,
    /// Addresses answered from the cache, and asked over the network.
    pub from_cache: usize,
    pub asked: usize,
    /// HTTP requests sent (`HEAD`, `GET`, redirects, retries).
    pub requests: usize,
    /// The cache file (under the site's root).
    pub cache_file: PathBuf,
    /// Problems with the cache itself (not findings about the site).
    pub notes: Vec<String>,
    /// No address got any answer (no name resolved, no connection made): the network is most
    /// likely unavailable, so those results are neither reported nor kept.
    pub offline: bool,
}

/// Below this many addresses asked, all of them failing is not taken for a network outage.
const OFFLINE_MINIMUM: usize = 3;

/// Ask every address of `cited` (or take it from the cache of the site at `root`), update the
/// cache, and turn what was found into findings.
pub fn check(root: &Path, cited: &Cited, options: &ExternalOptions) -> ExternalReport {
    let cache_file = cache::path(root);
    let mut notes = Vec::new();
    let (mut stored, problem) = if options.refresh {
        (BTreeMap::new(), None)
    } else {
        cache::load(&cache_file)
    };
    if let Some(why) = problem {
        notes.push(format!(
            "the link cache {} {why}: every address is asked again",
            cache_file.display()
        ));
    }
    let mut entries: BTreeMap<String, cache::Entry> = BTreeMap::new();
    let mut to_ask = Vec::new();
    for address in cited.addresses() {
        match stored.remove(address) {
            Some(entry) if cache::is_fresh(&entry, options.now, options.cache_days) => {
                entries.insert(address.to_owned(), entry);
            }
            _ => to_ask.push((address.to_owned(), probe::host(address))),
        }
    }
    let from_cache = entries.len();
    let asked = to_ask.len();
    let prober = probe::Prober::new(
        options.timeout,
        options.retry_delay,
        &format!("reperes/{} (link check)", env!("CARGO_PKG_VERSION")),
    );
    let checked = cache::format_time(options.now);
    let answers = pool::run(to_ask, options.workers, options.per_host, |address| {
        prober.probe(address)
    });
    let offline = answers.len() >= OFFLINE_MINIMUM
        && answers.values().all(|o| matches!(o, Outcome::Failed { failure, .. }
            if matches!(failure, Failure::Dns | Failure::Refused | Failure::Timeout | Failure::Other)));
    if offline {
        notes.push(format!(
            "none of the {} addresses asked could be reached: the network seems unavailable, \
             so their results were not kept",
            answers.len()
        ));
    }
    for (address, outcome) in answers.into_iter().filter(|_| !offline) {
        let entry = cache::Entry {
            checked: checked.clone(),
            outcome,
        };
        entries.insert(address, entry);
    }
    let findings = findings(cited, &entries);
    // Only the addresses cited today are kept: the file does not grow with old content.
    if let Err(e) = cache::save(&cache_file, entries) {
        notes.push(format!(
            "the link cache {} could not be written ({e})",
            cache_file.display()
        ));
    }
    ExternalReport {
        findings,
        addresses: cited.len(),
        places: cited.places(),
        from_cache,
        asked,
        requests: prober.requests(),
        cache_file,
        notes,
        offline,
    }
}

/// One finding per place citing an address whose outcome is not simply a success.
fn findings(cited: &Cited, entries: &BTreeMap<String, cache::Entry>) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for (address, entry) in entries {
        let (Some(severity), Some((message, help))) =
            (entry.outcome.severity(), entry.outcome.describe(address))
        else {
            continue;
        };
        for place in cited.places_of(address) {
            let finding = match severity {
                Severity::Error => Diagnostic::error(Code::ExternalLink, message.clone()),
                Severity::Warning => Diagnostic::warning(Code::ExternalLink, message.clone()),
            };
            diags.push(
                finding
                    .in_file(&place.file)
                    .at(place.location)
                    .with_help(help.clone()),
            );
        }
    }
    diags.sorted()
}
