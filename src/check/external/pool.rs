//! Asking many addresses at once, politely: a fixed number of worker threads, and at most a few
//! requests in flight per host (a site cited forty times is not asked forty times at once). A
//! worker takes the first waiting address whose host has room, and waits when none has.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Condvar, Mutex, PoisonError};

/// The addresses still to ask and the requests in flight per host.
struct State {
    waiting: VecDeque<(String, String)>,
    busy: BTreeMap<String, usize>,
}

struct Queue {
    state: Mutex<State>,
    changed: Condvar,
    per_host: usize,
}

impl Queue {
    /// The next address (and its host) whose host has room; `None` once none is left.
    fn take(&self) -> Option<(String, String)> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if state.waiting.is_empty() {
                return None;
            }
            let ready = state
                .waiting
                .iter()
                .position(|(_, host)| state.busy.get(host).copied().unwrap_or(0) < self.per_host);
            if let Some(job) = ready.and_then(|i| state.waiting.remove(i)) {
                *state.busy.entry(job.1.clone()).or_default() += 1;
                return Some(job);
            }
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn done(&self, host: &str) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = state.busy.get_mut(host) {
            *count = count.saturating_sub(1);
        }
        drop(state);
        self.changed.notify_all();
    }
}

/// `ask` applied to every `(address, host)` of `jobs` on `workers` threads, with at most
/// `per_host` calls at a time for one host; the results sorted by address.
pub(super) fn run<T, F>(
    jobs: Vec<(String, String)>,
    workers: usize,
    per_host: usize,
    ask: F,
) -> BTreeMap<String, T>
where
    T: Send,
    F: Fn(&str) -> T + Sync,
{
    let threads = workers.max(1).min(jobs.len());
    let queue = Queue {
        state: Mutex::new(State {
            waiting: jobs.into(),
            busy: BTreeMap::new(),
        }),
        changed: Condvar::new(),
        per_host: per_host.max(1),
    };
    let results = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some((address, host)) = queue.take() {
                    let result = ask(&address);
                    queue.done(&host);
                    results
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .insert(address, result);
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn every_job_once_and_never_more_than_the_limit_per_host() {
        let jobs: Vec<(String, String)> = (0..24)
            .map(|i| {
                (
                    format!("https://h{}.example/{i}", i % 3),
                    format!("h{}", i % 3),
                )
            })
            .collect();
        let in_flight: Vec<AtomicUsize> = (0..3).map(|_| AtomicUsize::new(0)).collect();
        let most: Vec<AtomicUsize> = (0..3).map(|_| AtomicUsize::new(0)).collect();
        let results = run(jobs, 8, 2, |address| {
            let host = usize::from(address.as_bytes()[9] - b'0');
            let now = in_flight[host].fetch_add(1, Ordering::SeqCst) + 1;
            most[host].fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(5));
            in_flight[host].fetch_sub(1, Ordering::SeqCst);
            address.len()
        });
        assert_eq!(results.len(), 24);
        for m in &most {
            let m = m.load(Ordering::SeqCst);
            assert!((1..=2).contains(&m), "{m} at once on one host");
        }
    }

    #[test]
    fn nothing_to_do() {
        let results: BTreeMap<String, ()> = run(Vec::new(), 8, 2, |_| ());
        assert!(results.is_empty());
    }
}
