//! A rule file of arbitrary text, compiled with the bundled definitions
//! (so that `use` and `@name` resolve): every problem is a diagnostic with
//! a span inside the text, never a panic, an abort or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut texts: Vec<&str> = soc2_stdlib_rules::rule_files()
        .filter(|f| f.path.starts_with("definitions/"))
        .map(|f| f.contents)
        .collect();
    let user = texts.len();
    texts.push(&text);
    let (rules, problems) = soc2_compiler::compile_all(&texts);
    for p in &problems {
        if p.source == user {
            assert!(p.problem.span.start <= p.problem.span.end, "{p:?}");
            assert!(p.problem.span.end <= text.len(), "{p:?}");
        }
    }
    // What compiled explains itself (the `explain` command).
    for r in &rules {
        let _ = r.explain();
    }
});
