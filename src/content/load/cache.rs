//! What a live preview keeps of each file of `content/` from one build to the next.

use std::collections::{BTreeSet, HashMap};
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::walk::Walked;
use crate::content::{Page, Record};
use crate::diag::Diagnostics;
use crate::model::{Ern, Glossary, Network, Partner};

/// A file's size and modification time, as the walk saw them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub(super) len: u64,
    pub(super) modified: SystemTime,
}

/// How long after a file's modification time its stamp is trusted: a file can change twice
/// within one tick of a file system's clock (a second on some) without its stamp changing, so
/// a file modified this close to being read is read again next time (git's "racy clean" rule).
pub(super) const RACY: Duration = Duration::from_secs(2);

/// What loading one file gave (`None`: it could not be loaded, and said why).
#[derive(Debug, Clone)]
pub(super) enum Loaded {
    Glossary(Option<Record<Glossary>>),
    Network(Option<Record<Network>>),
    Ern(Option<Record<Ern>>),
    Partner(Option<Record<Partner>>),
    Page(Option<Arc<Page>>),
    /// Its name was refused before it was read.
    Refused,
}

/// The files a live preview loaded last time, by path. A file whose size and modification time
/// are the kept ones, modified more than [`RACY`] before it was read, is not read again; any
/// other file is read, and not parsed again if its text is the kept one. Loading is a pure
/// function of a file's name, its text and the site's languages, so the kept result is what
/// parsing again would give. (Like git and make, a change that keeps both the size and an old
/// modification time, such as `touch -d` back in time after an edit, is not seen.)
#[derive(Debug, Default)]
pub struct LoadCache {
    pub(super) languages: Vec<String>,
    /// By path relative to the site's root (hashed as bytes, faster than by components).
    pub(super) files: HashMap<OsString, Kept>,
    /// The number of the build in progress (see [`Kept::seen`]).
    pub(super) build: u64,
    /// The files the last build found in `content/`.
    pub(super) walked: Option<Walked>,
    /// The paths changed since the last build, if a watcher told them all (see
    /// [`LoadCache::note_changes`]); otherwise the next build walks `content/` again.
    pub(super) changed: Option<BTreeSet<PathBuf>>,
}

#[derive(Debug)]
pub(super) struct Kept {
    /// The file's text when `loaded` does not hold it (see [`Kept::text`]).
    pub(super) text: String,
    pub(super) loaded: Loaded,
    pub(super) diags: Diagnostics,
    /// Set when the file was last modified well before it was read: while the file's stamp is
    /// this one, its text is the kept one and it is not read again.
    pub(super) stamp: Option<Stamp>,
    /// The last build that found the file.
    pub(super) seen: u64,
}

impl Kept {
    pub(super) fn text(&self) -> &str {
        match &self.loaded {
            Loaded::Page(Some(p)) => &p.text,
            Loaded::Network(Some(r)) => &r.text,
            Loaded::Ern(Some(r)) => &r.text,
            Loaded::Partner(Some(r)) => &r.text,
            Loaded::Glossary(Some(r)) => &r.text,
            _ => &self.text,
        }
    }
}

/// The stamp to trust from now on, if the file was modified long enough before `read_at`.
pub(super) fn trusted(stamp: Option<Stamp>, read_at: SystemTime) -> Option<Stamp> {
    stamp.filter(|s| s.modified + RACY < read_at)
}

impl LoadCache {
    /// Tell the next build every path that changed since the last one began (relative to the
    /// site's root, as a file watcher reports them: created, modified, deleted or renamed, under
    /// `content/` or not). That build then skips the walk of `content/` and the `stat` of every
    /// file, and looks at these paths only; a changed folder still means a walk. Without it
    /// (a watcher that lost events, a first build), the next build walks and compares every
    /// file's stamp. The list must be complete: a change left out stays unseen until the file
    /// changes again or a build walks.
    pub fn note_changes(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.changed.get_or_insert_with(BTreeSet::new).extend(paths);
    }

    /// How many files are kept.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}
