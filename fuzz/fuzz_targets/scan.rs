//! A source file of arbitrary bytes scanned with the bundled rules; the
//! first byte picks the language (Python, JavaScript, TypeScript, TSX, or a
//! text file the text rules read). No panic, no abort, no unbounded memory.
#![no_main]

use std::sync::{Arc, Mutex};

use libfuzzer_sys::fuzz_target;
use salsa::Setter;
use soc2_compiler::lang::Lang;
use soc2_engine::db::{file_findings, rule_problems, Project};
use soc2_engine::{Database, RuleSet, RuleSource, SourceFile};

const LANGS: [(Lang, &str); 5] = [
    (Lang::Python, "app/views.py"),
    (Lang::JavaScript, "routes/users.js"),
    (Lang::TypeScript, "src/users.controller.ts"),
    (Lang::Tsx, "web/Page.tsx"),
    (Lang::Text, ".env"),
];

struct State {
    db: Database,
    set: RuleSet,
    files: Vec<(SourceFile, Project)>,
}

/// One database for the whole run: the rules compile once, and each input
/// replaces the text of its language's file.
static STATE: Mutex<Option<State>> = Mutex::new(None);

fn state() -> State {
    let db = Database::default();
    let sources = soc2_stdlib_rules::rule_files()
        .map(|f| RuleSource::new(&db, f.path.to_string(), f.contents.to_string(), true))
        .collect();
    let set = RuleSet::new(&db, sources);
    assert!(rule_problems(&db, set).is_empty());
    let files = LANGS
        .iter()
        .map(|&(lang, path)| {
            let file = SourceFile::new(&db, path.to_string(), Arc::from(""), lang);
            let project = Project::new(&db, vec![file], vec![path.to_string()]);
            (file, project)
        })
        .collect();
    State { db, set, files }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text: Arc<str> = Arc::from(String::from_utf8_lossy(rest).as_ref());
    let mut guard = STATE.lock().unwrap_or_else(|e| e.into_inner());
    let st = guard.get_or_insert_with(state);
    let (file, project) = st.files[pick as usize % LANGS.len()];
    file.set_text(&mut st.db).to(text.clone());
    let result = file_findings(&st.db, file, st.set, project);
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
