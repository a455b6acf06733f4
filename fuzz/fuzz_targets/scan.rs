//! A source file of arbitrary bytes scanned with the bundled rules; the
//! first byte picks the language (Python, JavaScript, TypeScript, TSX, or a
//! text file the text rules read). No panic, no abort, no unbounded memory.
#![no_main]

use std::sync::{Arc, Mutex};

use libfuzzer_sys::fuzz_target;
use soc2_compiler::lang::Lang;
use soc2_engine::{AnalysisHost, Change, RuleText};

const LANGS: [(Lang, &str); 5] = [
    (Lang::Python, "app/views.py"),
    (Lang::JavaScript, "routes/users.js"),
    (Lang::TypeScript, "src/users.controller.ts"),
    (Lang::Tsx, "web/Page.tsx"),
    (Lang::Text, ".env"),
];

/// One host for the whole run, as the language server keeps one: the rules
/// compile once, and each input replaces the text of its language's file
/// (the five files are one project, so cross-file queries run too).
static STATE: Mutex<Option<AnalysisHost>> = Mutex::new(None);

fn state() -> AnalysisHost {
    let mut host = AnalysisHost::new();
    let mut c = Change::new();
    c.set_rules(
        soc2_stdlib_rules::rule_files()
            .map(|f| RuleText {
                name: f.path.to_string(),
                text: f.contents.to_string(),
                bundled: true,
            })
            .collect(),
    );
    for (lang, path) in LANGS {
        c.set_file(path, Arc::from(""), lang);
    }
    c.set_listing(LANGS.iter().map(|(_, p)| p.to_string()).collect());
    host.apply_change(c);
    assert!(host.analysis().rule_problems().is_empty());
    host
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text: Arc<str> = Arc::from(String::from_utf8_lossy(rest).as_ref());
    let mut guard = STATE.lock().unwrap_or_else(|e| e.into_inner());
    let host = guard.get_or_insert_with(state);
    let (lang, path) = LANGS[pick as usize % LANGS.len()];
    let mut c = Change::new();
    c.set_file(path, text.clone(), lang);
    host.apply_change(c);
    let analysis = host.analysis();
    let id = analysis.file_id(path).expect("the file is in the host");
    let result = analysis.file_result(id);
    for f in &result.findings {
        assert!(
            f.start_byte <= f.end_byte && f.end_byte <= text.len(),
            "{f:?}"
        );
        assert!(
            f.snippet.len() <= 4 * soc2_engine::masking::SNIPPET_MAX,
            "{f:?}"
        );
    }
});
