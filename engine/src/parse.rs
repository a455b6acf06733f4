//! Parsing source text with tree-sitter: one parser per thread and language,
//! since a `Parser` cannot be shared.

use std::cell::RefCell;
use std::collections::HashMap;

use soc2_compiler::lang::Lang;
use tree_sitter::{Parser, Tree};

thread_local! {
    static PARSERS: RefCell<HashMap<Lang, Parser>> = RefCell::new(HashMap::new());
}

/// Parses `text` as `lang`; `None` for languages without a grammar or when
/// the parser gives up.
pub fn parse_source(lang: Lang, text: &str) -> Option<Tree> {
    let language = lang.ts_language()?;
    PARSERS.with(|cell| {
        let mut parsers = cell.borrow_mut();
        let parser = parsers.entry(lang).or_insert_with(|| {
            let mut p = Parser::new();
            p.set_language(&language)
                .expect("bundled grammar is compatible");
            p
        });
        parser.reset();
        parser.parse(text, None)
    })
}
