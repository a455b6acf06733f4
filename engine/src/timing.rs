//! Where the time goes, for `--time`: per rule, the evaluation of its
//! formula in each file (the tree-sitter queries of all rules run in one
//! walk per file and are counted apart). Kept outside the salsa database,
//! since timings are not results; recording is off unless asked for.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

static ENABLED: AtomicBool = AtomicBool::new(false);
static TIMES: Mutex<Option<HashMap<String, Duration>>> = Mutex::new(None);

/// The label under which the shared query walk is counted.
pub const QUERIES: &str = "(tree-sitter queries, all rules in one walk)";

pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

pub fn record(what: &str, d: Duration) {
    if let Ok(mut t) = TIMES.lock() {
        *t.get_or_insert_with(HashMap::new)
            .entry(what.to_string())
            .or_default() += d;
    }
}

/// The totals so far, slowest first.
pub fn totals() -> Vec<(String, Duration)> {
    let mut v: Vec<(String, Duration)> = TIMES
        .lock()
        .ok()
        .and_then(|t| t.clone())
        .unwrap_or_default()
        .into_iter()
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}
