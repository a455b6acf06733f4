//! Reports for CI systems: JUnit XML (a test case per rule that ran, failed
//! when it found something) and Markdown for a pull-request comment.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use soc2_compiler::catalog::{self, Severity};

use crate::escape::markdown as md_escape;
use crate::scan::{Reported, ScanResult};

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 allows no other control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// JUnit XML: one test suite per category, one test case per rule (passing
/// when it reported nothing). A rule with findings is one failed test case
/// whose failure lists them, so that `failures` counts test cases, as the
/// format means (and CI dashboards count).
pub fn junit(result: &ScanResult, findings: &[&Reported]) -> String {
    let rules = &result.rules;
    let mut by_rule: BTreeMap<&str, Vec<&Reported>> = BTreeMap::new();
    for f in findings {
        by_rule.entry(&f.rule.id).or_default().push(f);
    }
    let failed = |ids: &[&(String, &str)]| {
        ids.iter()
            .filter(|(id, _)| by_rule.contains_key(id.as_str()))
            .count()
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let all: Vec<&(String, &str)> = rules.iter().collect();
    let _ = writeln!(
        out,
        "<testsuites name=\"soc2-check\" tests=\"{}\" failures=\"{}\">",
        rules.len(),
        failed(&all)
    );
    for (slug, title) in catalog::CATEGORIES {
        let in_cat: Vec<&(String, &str)> = rules.iter().filter(|(_, c)| *c == slug).collect();
        if in_cat.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">",
            xml_escape(title),
            in_cat.len(),
            failed(&in_cat)
        );
        for (id, _) in in_cat {
            let _ = write!(
                out,
                "    <testcase classname=\"soc2-check.{slug}\" name=\"{}\"",
                xml_escape(id)
            );
            let Some(list) = by_rule.get(id.as_str()) else {
                out.push_str("/>\n");
                continue;
            };
            out.push_str(">\n");
            let worst = list
                .iter()
                .map(|f| f.rule.severity)
                .max()
                .unwrap_or(Severity::Low);
            let first = &list[0].finding;
            let summary = format!(
                "{} finding{}; the first at {}:{}: {}",
                list.len(),
                if list.len() == 1 { "" } else { "s" },
                first.path,
                first.start.line,
                first.message
            );
            let lines: Vec<String> = list
                .iter()
                .map(|f| {
                    let fd = &f.finding;
                    xml_escape(&format!(
                        "{}:{}:{} [{}] {}",
                        fd.path,
                        fd.start.line,
                        fd.start.column,
                        f.rule.severity.as_str(),
                        fd.message
                    ))
                })
                .collect();
            let rule = &list[0].rule;
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}&#10;fix: {}&#10;criteria: {}</failure>",
                worst.as_str(),
                xml_escape(&summary),
                lines.join("&#10;"),
                xml_escape(&rule.recommendation),
                rule.criteria.join(", ")
            );
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Markdown for a pull-request comment: a verdict, counts, and a table of
/// findings (the most serious first, at most `MAX_ROWS`).
pub fn markdown(result: &ScanResult, findings: &[&Reported]) -> String {
    const MAX_ROWS: usize = 50;
    let mut out = String::from("## soc2-check\n\n");
    if findings.is_empty() {
        out.push_str("✅ No SOC 2 findings");
    } else {
        let _ = write!(
            out,
            "❌ {} SOC 2 finding{}",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" }
        );
    }
    let _ = writeln!(
        out,
        " in {} files scanned with {} rules.\n",
        result.files_scanned, result.rules_run
    );
    let sev: Vec<String> = Severity::ALL
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                findings.iter().filter(|f| f.rule.severity == *s).count(),
                s.as_str()
            )
        })
        .collect();
    if !findings.is_empty() {
        let _ = writeln!(out, "**By severity:** {}\n", sev.join(" · "));
        out.push_str("| severity | rule | location | finding | criteria |\n| --- | --- | --- | --- | --- |\n");
        let mut sorted: Vec<&&Reported> = findings.iter().collect();
        sorted.sort_by_key(|f| std::cmp::Reverse(f.rule.severity));
        for f in sorted.iter().take(MAX_ROWS) {
            let _ = writeln!(
                out,
                "| {} | `{}` | {}:{} | {} | {} |",
                f.rule.severity.as_str(),
                f.rule.id,
                md_escape(&f.finding.path),
                f.finding.start.line,
                md_escape(&f.finding.message),
                f.rule.criteria.join(", ")
            );
        }
        if findings.len() > MAX_ROWS {
            let _ = writeln!(
                out,
                "\n… and {} more; the SARIF or JSON report has them all.",
                findings.len() - MAX_ROWS
            );
        }
    }
    let mut notes = Vec::new();
    if !result.suppressed.is_empty() {
        notes.push(format!(
            "{} suppressed with reasons",
            result.suppressed.len()
        ));
    }
    if result.baselined > 0 {
        notes.push(format!("{} known from the baseline", result.baselined));
    }
    if !result.skipped.is_empty() {
        notes.push(format!("{} files not fully scanned", result.skipped.len()));
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\n<sub>{}</sub>", notes.join(" · "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            xml_escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot; "
        );
        assert_eq!(md_escape("a|b\nc"), "a\\|b c");
    }
}
