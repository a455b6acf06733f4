//! Parsing source text with tree-sitter: one parser per thread and language,
//! since a `Parser` cannot be shared.

use std::cell::RefCell;
use std::collections::HashMap;

use soc2_compiler::lang::Lang;
use tree_sitter::{Node, Parser, Tree};

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

/// Visits every node of `tree` in document order; `visit` returns whether
/// to go into the node's children.
pub fn preorder(tree: &Tree, mut visit: impl FnMut(Node) -> bool) {
    let mut cursor = tree.walk();
    'walk: loop {
        if visit(cursor.node()) && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
}
