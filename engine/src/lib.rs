//! The soc2-check engine: a salsa database that runs compiled query plans
//! over source files and yields findings. It never writes to the scanned tree
//! and does no I/O: the CLI reads files and sets them as inputs.

pub mod cfg;
pub mod db;
pub mod finding;
mod flow;
pub mod formula;
mod host;
pub mod masking;
pub mod matching;
mod parse;
pub mod project;
pub mod routes;
pub mod symbols;
pub mod timing;

pub use db::{Database, RuleSet, RuleSource, SourceFile};
pub use finding::{Finding, Position};
pub use host::{Analysis, AnalysisHost, Change, FileId, RuleText};
pub use masking::mask_secret;

#[cfg(test)]
mod fake_project;
#[cfg(test)]
mod tests;
