//! Rendering problems as miette diagnostics, with the source they point into.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan,
};
use soc2_grammar::Problem;

use crate::style::Style;

/// A problem together with the named source it points into.
#[derive(Debug)]
pub struct SourceDiagnostic {
    pub code: String,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub span: SourceSpan,
    pub source: NamedSource<String>,
    pub severity: miette::Severity,
}

impl SourceDiagnostic {
    pub fn from_problem(p: &Problem, name: &str, text: &str) -> Self {
        let start = p.span.start.min(text.len());
        let end = p.span.end.clamp(start, text.len());
        SourceDiagnostic {
            code: p.code.to_string(),
            message: p.message.clone(),
            label: p.label.clone(),
            help: p.help.clone(),
            span: (start, end - start).into(),
            source: NamedSource::new(name, text.to_string()),
            severity: miette::Severity::Error,
        }
    }
}

impl fmt::Display for SourceDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SourceDiagnostic {}

impl Diagnostic for SourceDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.label.clone()),
            self.span,
        ))))
    }
}

/// Renders a diagnostic to a string, in colour only when `style` says so.
pub fn render(d: &dyn Diagnostic, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    if handler.render_report(&mut out, d).is_err() {
        out = format!("error: {d}\n");
    }
    out
}
