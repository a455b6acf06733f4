//! Code patterns: text in the target language's own syntax, with
//! metavariables, typed holes and ellipses, compiled into a tree-sitter query
//! and the residual checks the query cannot express.

pub mod direct;
pub mod hole;
mod prepare;
pub mod query;
pub mod tree;

pub use hole::Hole;
pub use query::{Residual, ROOT_CAPTURE};

use std::sync::{Arc, OnceLock};

use crate::lang::Lang;

/// A compiled code pattern.
#[derive(Clone, Debug)]
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
    /// The tree-sitter query, built on first use: query analysis is the
    /// costliest step of start-up, and a file needs few of the patterns
    /// (those rooted at kinds it has, whose literals its text holds).
    query: OnceLock<Option<Arc<BuiltQuery>>>,
    /// The pattern matched without a tree-sitter query, when its query
    /// allows (see [`direct`]); built at once, since it costs microseconds.
    direct: Option<Arc<direct::Direct>>,
}

/// A pattern's tree-sitter query.
#[derive(Debug)]
pub struct BuiltQuery {
    pub query: tree_sitter::Query,
    /// The capture on the match root.
    pub root_capture: u32,
}

impl CompiledPattern {
    /// The pattern's query; `None` if it does not build, which the tests
    /// of the bundled rules and the eager check of user rules rule out.
    /// Whether the query is built already.
    pub fn is_built(&self) -> bool {
        self.query.get().is_some()
    }

    /// The pattern's direct form, which the engine runs instead of the query.
    pub fn direct(&self) -> Option<&direct::Direct> {
        self.direct.as_deref()
    }

    /// Whether matching needs the tree-sitter query and it is not built yet.
    pub fn needs_query(&self) -> bool {
        self.direct.is_none() && !self.is_built()
    }

    pub fn query(&self) -> Option<&BuiltQuery> {
        self.query
            .get_or_init(|| build_query(self.lang, &self.query_source).ok())
            .as_deref()
    }
}

/// Builds a tree-sitter query that captures the match root, once per
/// process for each text (`memo`: rules share their definitions' patterns).
pub fn build_query(lang: Lang, source: &str) -> Result<Arc<BuiltQuery>, String> {
    static QUERIES: crate::memo::Memo<(Lang, String), Result<Arc<BuiltQuery>, String>> =
        crate::memo::Memo::new();
    QUERIES.get((lang, source.to_string()), || {
        let language = lang
            .ts_language()
            .ok_or_else(|| format!("{lang} has no syntax tree"))?;
        let query = tree_sitter::Query::new(&language, source).map_err(|e| e.message)?;
        let root_capture = query
            .capture_index_for_name(ROOT_CAPTURE)
            .ok_or_else(|| "the generated query does not capture its root".to_string())?;
        Ok(Arc::new(BuiltQuery {
            query,
            root_capture,
        }))
    })
}

/// A pattern error, with the offset and length inside the pattern text.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    // A definition's patterns are compiled into every rule that uses it.
    type Key = (Lang, String, Option<String>, bool);
    static PATTERNS: crate::memo::Memo<Key, Result<CompiledPattern, PatternError>> =
        crate::memo::Memo::new();
    let key = (
        lang,
        source.to_string(),
        select.map(str::to_string),
        check_query,
    );
    PATTERNS.get(key, || compile(lang, source, select, check_query))
}

fn compile(
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
    let query = OnceLock::new();
    if check_query {
        let built = build_query(lang, &parts.query).map_err(|e| PatternError {
            offset: 0,
            len: source.len(),
            message: format!("pattern cannot be turned into a tree-sitter query: {e}"),
            help: format!("generated query: {}", parts.query),
        })?;
        let _ = query.set(Some(built));
    }
    let direct = direct::Direct::parse(lang, &parts.query).map(Arc::new);
    Ok(CompiledPattern {
        lang,
        source: source.to_string(),
        query_source: parts.query,
        residuals: parts.residuals,
        root_kinds: parts.root_kinds,
        literals: parts.literals,
        metavars: parts.metavars,
        direct,
        query,
    })
}
