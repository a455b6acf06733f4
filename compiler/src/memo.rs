//! Process-wide memos of what is pure but costly to build: regexes and
//! tree-sitter queries. The same definition is compiled into every rule
//! that uses it, and every command of a run (a scan, the endpoint inventory
//! of its HTML report) compiles the rule set again; building each regex and
//! query once per process is what keeps a small run fast. Query analysis
//! costs milliseconds per pattern, a regex's automaton about as much.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, OnceLock};

/// Entries a memo holds before it starts afresh: a bound on what an editor
/// session that keeps changing its rules can accumulate.
const MAX_ENTRIES: usize = 16_384;

pub(crate) struct Memo<K, V> {
    map: OnceLock<Mutex<HashMap<K, Arc<OnceLock<V>>>>>,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub(crate) const fn new() -> Self {
        Memo {
            map: OnceLock::new(),
        }
    }

    /// The value for `key`, built by `build` the first time. Two threads
    /// asking for the same key at once build it once: the second waits.
    pub(crate) fn get(&self, key: K, build: impl FnOnce() -> V) -> V {
        let cell = {
            let mut map = self
                .map
                .get_or_init(Default::default)
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if map.len() >= MAX_ENTRIES && !map.contains_key(&key) {
                map.clear();
            }
            map.entry(key).or_default().clone()
        };
        cell.get_or_init(build).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn builds_each_key_once() {
        static MEMO: Memo<String, usize> = Memo::new();
        let builds = AtomicUsize::new(0);
        let build = |v| {
            builds.fetch_add(1, Ordering::SeqCst);
            v
        };
        assert_eq!(MEMO.get("a".into(), || build(1)), 1);
        assert_eq!(MEMO.get("a".into(), || build(2)), 1);
        assert_eq!(MEMO.get("b".into(), || build(3)), 3);
        assert_eq!(builds.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn starts_afresh_past_its_bound() {
        static MEMO: Memo<usize, usize> = Memo::new();
        for i in 0..MAX_ENTRIES + 10 {
            MEMO.get(i, || i);
        }
        let map = MEMO.map.get().unwrap().lock().unwrap();
        assert!(map.len() <= MAX_ENTRIES, "{}", map.len());
    }
}
