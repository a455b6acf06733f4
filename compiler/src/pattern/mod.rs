//! Code patterns: text in the target language's own syntax, with
//! metavariables, typed holes and ellipses, compiled into a tree-sitter query
//! and the residual checks the query cannot express.

pub mod hole;
mod prepare;
pub mod query;
pub mod tree;

pub use hole::Hole;
pub use query::{Residual, ROOT_CAPTURE};

use crate::lang::Lang;

/// A compiled code pattern.
#[derive(Debug)]
pub struct CompiledPattern {
    pub lang: Lang,
    /// The pattern as the rule author wrote it.
    pub source: String,
    pub query_source: String,
    pub residuals: Vec<Residual>,
    /// Node kinds a match can be rooted at; empty means any named node.
    pub root_kinds: Vec<&'static str>,
    pub literals: Vec<String>,
    pub metavars: Vec<String>,
}

/// Builds a tree-sitter query, checking it captures the match root.
pub fn build_query(
    lang: Lang,
    source: &str,
) -> Result<(tree_sitter::Query, u32), tree_sitter::QueryError> {
    let language = lang.ts_language().expect("code language");
    let query = tree_sitter::Query::new(&language, source)?;
    let root_capture = query
        .capture_index_for_name(ROOT_CAPTURE)
        .expect("generated queries capture their root");
    Ok((query, root_capture))
}

/// A pattern error, with the offset and length inside the pattern text.
#[derive(Debug, PartialEq, Eq)]
pub struct PatternError {
    pub offset: usize,
    pub len: usize,
    pub message: String,
    pub help: String,
}

/// Compiles a pattern; `select` names the node kind to use from inside it.
/// With `check_query` the tree-sitter query is built once now, so that a
/// failure is a compile error; the engine runs it as part of its plan's query.
pub fn compile_pattern(
    lang: Lang,
    source: &str,
    select: Option<&str>,
    check_query: bool,
) -> Result<CompiledPattern, PatternError> {
    let prepared = prepare::prepare(lang, source).map_err(|e| PatternError {
        offset: e.offset,
        len: e.len,
        message: e.message,
        help: e.help,
    })?;
    let mut built = tree::build(lang, &prepared, select);
    if built.is_err() && lang == Lang::Python && !prepared.marks.is_empty() {
        // `{..., "k": v}`: an ellipsis among dict entries parses as a splat.
        if let Ok(p) = prepare::prepare_with(lang, source, true) {
            if let Ok(root) = tree::build(lang, &p, select) {
                built = Ok(root);
            }
        }
    }
    let root = built.map_err(|e| PatternError {
        offset: e.offset,
        len: e.len,
        message: if e.message.starts_with("pattern too") {
            e.message.clone()
        } else {
            format!("pattern does not parse as {lang}: {}", e.message)
        },
        help: if e.message.starts_with("pattern too") {
            "match a smaller piece of code, and combine patterns with `all`, `inside` and `where`"
                .to_string()
        } else {
            format!(
                "write the pattern in {lang} syntax; `$NAME` binds one node, `$$$NAME` several, \
                 `...` stands for any arguments, elements or statements"
            )
        },
    })?;
    let parts = query::generate(lang, &root);
    if check_query {
        build_query(lang, &parts.query).map_err(|e| PatternError {
            offset: 0,
            len: source.len(),
            message: format!(
                "pattern cannot be turned into a tree-sitter query: {}",
                e.message
            ),
            help: format!("generated query: {}", parts.query),
        })?;
    }
    Ok(CompiledPattern {
        lang,
        source: source.to_string(),
        query_source: parts.query,
        residuals: parts.residuals,
        root_kinds: parts.root_kinds,
        literals: parts.literals,
        metavars: parts.metavars,
    })
}
