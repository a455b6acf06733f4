//! The soc2-check rule language: a pest grammar and a typed AST in which
//! every node keeps its span. This crate knows nothing of tree-sitter, salsa
//! or the command line, and parsing never panics.

pub mod ast;
mod parse;
mod problem;
mod split;

pub use parse::parse_rule_file;
pub use problem::Problem;
