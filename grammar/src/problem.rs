//! Problems found in a rule file, with spans. The CLI turns them into miette
//! diagnostics; this crate stays free of any rendering.

use crate::ast::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// A stable code such as `rule::syntax`, shown next to the message.
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    /// Text shown under the span.
    pub label: String,
    pub help: Option<String>,
}

impl Problem {
    pub fn new(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Problem {
            code,
            message: message.into(),
            span,
            label: String::from("here"),
            help: None,
        }
    }
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)
    }
}
