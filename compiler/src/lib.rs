//! The soc2-check rule compiler: name resolution, checks against the criteria
//! catalog, code-pattern compilation and query plans. It does no I/O.

pub mod catalog;
pub mod lang;
pub mod pattern;
