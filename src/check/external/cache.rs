//! The link cache, `.reperes-cache/links.json` under the site's root: each address's last
//! [`Outcome`] and when it was found (UTC), so that a run reuses what is recent enough and asks
//! only for what expired. Keys are sorted and the JSON pretty-printed, so the file changes only
//! where a result does. Definitive results are kept `cache_days`; transient ones (server errors,
//! timeouts, network failures, see [`Outcome::is_transient`]) at most one day, so that a server
//! that was down is asked again the next day. A missing or unreadable cache is an empty one.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::outcome::Outcome;
use crate::model::Date;

/// The folder, under the site's root.
pub const CACHE_DIR: &str = ".reperes-cache";
/// The file, in [`CACHE_DIR`].
pub const LINKS_FILE: &str = "links.json";

/// Bumped when the format changes: a cache of another version is ignored.
const VERSION: u32 = 1;

const DAY: u64 = 86_400;

/// One address's last result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When it was found, `YYYY-MM-DDTHH:MM:SSZ`.
    pub checked: String,
    pub outcome: Outcome,
}

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    links: BTreeMap<String, Entry>,
}

/// The path of the cache of the site at `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(CACHE_DIR).join(LINKS_FILE)
}

/// The entries of the cache at `path`; an empty map when there is none, and the reason when a
/// file exists that cannot be used.
pub fn load(path: &Path) -> (BTreeMap<String, Entry>, Option<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return (BTreeMap::new(), None),
        Err(e) => return (BTreeMap::new(), Some(format!("cannot be read ({e})"))),
    };
    match serde_json::from_str::<File>(&text) {
        Ok(file) if file.version == VERSION => (file.links, None),
        Ok(file) => (
            BTreeMap::new(),
            Some(format!("is of another version ({})", file.version)),
        ),
        Err(e) => (BTreeMap::new(), Some(format!("is not valid ({e})"))),
    }
}

/// Write `links` to `path` (through a temporary file and a rename: a run killed half-way leaves
/// the previous cache). The folder gets a `.gitignore` of its own, so that no site commits it.
pub fn save(path: &Path, links: BTreeMap<String, Entry>) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, "# Written by `reperes check --external`.\n*\n")?;
    }
    let file = File {
        version: VERSION,
        links,
    };
    let mut text = serde_json::to_string_pretty(&file).map_err(io::Error::other)?;
    text.push('\n');
    let temporary = path.with_extension("json.tmp");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

/// Whether `entry` may stand in for asking again at `now` (seconds since 1970, UTC).
pub fn is_fresh(entry: &Entry, now: u64, cache_days: u32) -> bool {
    let Some(checked) = parse_time(&entry.checked) else {
        return false;
    };
    let days = if entry.outcome.is_transient() {
        cache_days.min(1)
    } else {
        cache_days
    };
    checked <= now && now - checked < u64::from(days) * DAY
}

/// `YYYY-MM-DDTHH:MM:SSZ` for `seconds` since 1970 (UTC).
pub fn format_time(seconds: u64) -> String {
    let days = i64::try_from(seconds / DAY).unwrap_or(i64::MAX);
    let rest = seconds % DAY;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_days_since_epoch(days),
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The seconds since 1970 of a time written by [`format_time`].
pub fn parse_time(text: &str) -> Option<u64> {
    let (date, time) = text.strip_suffix('Z')?.split_once('T')?;
    let days = u64::try_from(Date::parse(date).ok()?.days_since_epoch()).ok()?;
    let mut parts = time.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() || h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some(days * DAY + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::external::outcome::Failure;

    const NOW: u64 = 1_795_000_000;

    fn entry(age: u64, outcome: Outcome) -> Entry {
        Entry {
            checked: format_time(NOW - age),
            outcome,
        }
    }

    #[test]
    fn times_round_trip() {
        assert_eq!(format_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_time(1_795_000_000), "2026-11-18T11:06:40Z");
        for t in [0, 59, 86_399, 86_400, NOW] {
            assert_eq!(parse_time(&format_time(t)), Some(t));
        }
        assert_eq!(parse_time("2026-11-18 06:13:20"), None);
        assert_eq!(parse_time("2026-11-18T25:00:00Z"), None);
    }

    #[test]
    fn results_expire() {
        let ok = Outcome::Ok { status: 200 };
        assert!(is_fresh(&entry(0, ok.clone()), NOW, 7));
        assert!(is_fresh(&entry(7 * DAY - 1, ok.clone()), NOW, 7));
        assert!(!is_fresh(&entry(7 * DAY, ok.clone()), NOW, 7));
        assert!(
            !is_fresh(&entry(0, ok.clone()), NOW, 0),
            "0 days: always ask"
        );
        // A clock that went back does not make a result last forever.
        let future = Entry {
            checked: format_time(NOW + 10),
            outcome: ok,
        };
        assert!(!is_fresh(&future, NOW, 7));
        // Transient failures are asked again the next day.
        let timeout = Outcome::failed(Failure::Timeout, "");
        assert!(is_fresh(&entry(DAY - 1, timeout.clone()), NOW, 7));
        assert!(!is_fresh(&entry(DAY, timeout), NOW, 7));
        let dead = Outcome::Status {
            status: 404,
            via: None,
        };
        assert!(is_fresh(&entry(3 * DAY, dead), NOW, 7));
    }

    #[test]
    fn saved_in_a_stable_order_and_read_back() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let file = path(dir.path());
        let mut links = BTreeMap::new();
        links.insert(
            "https://b.example/".to_owned(),
            entry(5, Outcome::Ok { status: 200 }),
        );
        links.insert(
            "https://a.example/".to_owned(),
            entry(
                9,
                Outcome::failed(Failure::Dns, "`a.example` cannot be resolved"),
            ),
        );
        save(&file, links.clone())?;
        let text = std::fs::read_to_string(&file)?;
        assert!(text.find("a.example").unwrap_or(0) < text.find("b.example").unwrap_or(0));
        assert!(
            text.contains("\"checked\": \"2026-11-18T11:06:31Z\""),
            "{text}"
        );
        assert!(dir.path().join(CACHE_DIR).join(".gitignore").exists());
        assert_eq!(load(&file), (links, None));
        std::fs::write(&file, "{ not json")?;
        let (empty, why) = load(&file);
        assert!(empty.is_empty() && why.is_some_and(|w| w.starts_with("is not valid")));
        assert_eq!(load(&dir.path().join("none.json")), (BTreeMap::new(), None));
        Ok(())
    }
}
