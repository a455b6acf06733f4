//! Rendering a scan: the text report grouped by SOC 2 category, and JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use soc2_compiler::catalog::{self, Severity};

use crate::escape;
use crate::scan::{Reported, ScanResult};
use crate::style::Style;

fn severity_label(s: Severity, style: Style) -> String {
    let text = format!("{:<8}", s.as_str().to_uppercase());
    match s {
        Severity::Critical => style.magenta(&text),
        Severity::High => style.red(&text),
        Severity::Medium => style.yellow(&text),
        Severity::Low => style.blue(&text),
    }
}

pub fn text(result: &ScanResult, findings: &[&Reported], style: Style) -> String {
    let mut out = String::new();
    let mut by_cat: BTreeMap<usize, Vec<&Reported>> = BTreeMap::new();
    for f in findings {
        let idx = catalog::CATEGORIES
            .iter()
            .position(|(s, _)| *s == f.rule.category)
            .unwrap_or(usize::MAX);
        by_cat.entry(idx).or_default().push(f);
    }
    for items in by_cat.values_mut() {
        // Worst first within a category; the scan order breaks ties.
        items.sort_by_key(|f| std::cmp::Reverse(f.rule.severity));
    }
    for (idx, items) in &by_cat {
        let (slug, title) = catalog::CATEGORIES
            .get(*idx)
            .copied()
            .unwrap_or(("other", "Other"));
        let mut criteria: Vec<&str> = items
            .iter()
            .flat_map(|f| f.rule.criteria.iter().map(String::as_str))
            .collect();
        criteria.sort();
        criteria.dedup();
        let _ = writeln!(
            out,
            "{} {} {}",
            style.bold(&format!("■ {title}")),
            style.dim(&format!("({slug})")),
            style.dim(&format!(
                "— {} finding{} · {}",
                items.len(),
                plural(items.len()),
                criteria.join(", ")
            ))
        );
        for f in items {
            let fd = &f.finding;
            let _ = writeln!(
                out,
                "  {} {}  {}",
                severity_label(f.rule.severity, style),
                style.bold(&f.rule.title),
                style.dim(&format!("[{}]", f.rule.id))
            );
            let _ = writeln!(
                out,
                "    {}",
                style.cyan(&format!(
                    "{}:{}:{}",
                    escape::terminal(&fd.path),
                    fd.start.line,
                    fd.start.column
                ))
            );
            let _ = writeln!(out, "    {}", escape::terminal(&fd.message));
            let snippet = escape::terminal(fd.snippet.trim());
            if !snippet.is_empty() {
                let _ = writeln!(
                    out,
                    "    {} {}",
                    style.dim("│"),
                    style.dim(&shorten(&snippet, 110))
                );
            }
            if !f.rule.recommendation.is_empty() {
                let _ = writeln!(out, "    {} {}", style.green("fix:"), f.rule.recommendation);
            }
            let _ = writeln!(
                out,
                "    {} {}",
                style.dim("criteria:"),
                style.dim(&f.rule.criteria.join(", "))
            );
        }
        out.push('\n');
    }
    out.push_str(&summary_text(result, findings, style));
    out
}

fn summary_text(result: &ScanResult, findings: &[&Reported], style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.bold("Summary"));
    let _ = writeln!(
        out,
        "  {} file{} scanned with {} rule{}; {} finding{}",
        result.files_scanned,
        plural(result.files_scanned),
        result.rules_run,
        plural(result.rules_run),
        findings.len(),
        plural(findings.len())
    );
    let sev: Vec<String> = Severity::ALL
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s.as_str(),
                findings.iter().filter(|f| f.rule.severity == *s).count()
            )
        })
        .collect();
    let _ = writeln!(out, "  by severity: {}", sev.join(" · "));
    let mut cats: Vec<String> = Vec::new();
    for (slug, _) in catalog::CATEGORIES {
        let n = findings.iter().filter(|f| f.rule.category == slug).count();
        if n > 0 {
            cats.push(format!("{slug} {n}"));
        }
    }
    if !cats.is_empty() {
        let _ = writeln!(out, "  by category: {}", cats.join(" · "));
    }
    if result.baselined > 0 {
        let _ = writeln!(
            out,
            "  baseline: {} known finding{} not shown",
            result.baselined,
            plural(result.baselined)
        );
    }
    if !result.suppressed.is_empty() {
        let _ = writeln!(
            out,
            "  suppressed: {} finding{} by `soc2-ignore` comments with reasons",
            result.suppressed.len(),
            plural(result.suppressed.len())
        );
    }
    if !result.notices.is_empty() {
        let _ = writeln!(out, "  {}:", style.yellow("suppression warnings"));
        for n in &result.notices {
            let _ = writeln!(
                out,
                "    {}:{}: {}",
                escape::terminal(&n.path),
                n.line,
                escape::terminal(&n.message)
            );
        }
    }
    if !result.evidence.is_empty() {
        let mut criteria: Vec<&str> = result
            .evidence
            .iter()
            .flat_map(|e| e.rule.criteria.iter().map(String::as_str))
            .collect();
        criteria.sort();
        criteria.dedup();
        let _ = writeln!(
            out,
            "  evidence: {} control{} found for {} criteri{} (`soc2-check controls` reports them)",
            result.evidence.len(),
            plural(result.evidence.len()),
            criteria.len(),
            if criteria.len() == 1 { "on" } else { "a" }
        );
    }
    let (partial, skipped): (Vec<_>, Vec<_>) = result.skipped.iter().partition(|s| s.partial);
    if !skipped.is_empty() {
        let _ = writeln!(
            out,
            "  {} file{} skipped:",
            skipped.len(),
            plural(skipped.len())
        );
        for s in &skipped {
            let _ = writeln!(
                out,
                "    {} — {}",
                escape::terminal(&s.path),
                escape::terminal(&s.reason)
            );
        }
    }
    if !partial.is_empty() {
        let files = files_in_part(&result.skipped);
        let _ = writeln!(out, "  {} file{} scanned in part:", files, plural(files));
        for s in &partial {
            let _ = writeln!(
                out,
                "    {} — {}",
                escape::terminal(&s.path),
                escape::terminal(&s.reason)
            );
        }
    }
    if skipped.is_empty() && partial.is_empty() {
        let _ = writeln!(out, "  no files skipped");
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    /// Names the tool, so that a report committed to the tree is known for
    /// one (and not scanned).
    tool: &'static str,
    version: &'static str,
    findings: Vec<JsonFinding<'a>>,
    /// Controls found by evidence rules.
    evidence: Vec<JsonEvidence<'a>>,
    /// Findings silenced by `soc2-ignore` comments, with their reasons.
    suppressed: Vec<JsonSuppressed<'a>>,
    /// Suppressions without a reason, stale, or naming no rule.
    warnings: Vec<JsonWarning<'a>>,
    skipped: Vec<JsonSkipped<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSuppressed<'a> {
    rule_id: &'a str,
    severity: &'static str,
    path: &'a str,
    line: usize,
    message: &'a str,
    fingerprint: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct JsonWarning<'a> {
    path: &'a str,
    line: usize,
    message: &'a str,
}

/// One control found, for the criteria it evidences.
#[derive(Serialize)]
pub struct JsonEvidence<'a> {
    pub rule_id: &'a str,
    pub title: &'a str,
    pub category: &'static str,
    pub criteria: &'a [String],
    pub path: &'a str,
    pub line: usize,
    pub message: &'a str,
}

impl<'a> JsonEvidence<'a> {
    pub fn of(e: &'a Reported) -> Self {
        JsonEvidence {
            rule_id: &e.rule.id,
            title: &e.rule.title,
            category: e.rule.category,
            criteria: &e.rule.criteria,
            path: &e.finding.path,
            line: e.finding.start.line,
            message: &e.finding.message,
        }
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule_id: &'a str,
    title: &'a str,
    severity: &'static str,
    category: &'static str,
    criteria: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cwe: Vec<String>,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    recommendation: &'a str,
    snippet: &'a str,
    fingerprint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    endpoint: Option<JsonEndpoint<'a>>,
}

/// The endpoint a finding is about.
#[derive(Serialize)]
struct JsonEndpoint<'a> {
    method: &'a str,
    path: &'a str,
    handler: &'a str,
    /// What runs before the handler: middleware, decorators, mounts.
    chain: &'a [String],
}

#[derive(Serialize)]
struct JsonSkipped<'a> {
    path: &'a str,
    reason: &'a str,
    /// `skipped`: not scanned; `partial`: scanned except where it did not parse.
    status: &'static str,
}

#[derive(Serialize)]
struct JsonSummary {
    files_scanned: usize,
    files_skipped: usize,
    files_partial: usize,
    rules: usize,
    findings: usize,
    suppressed: usize,
    /// Findings left out because the baseline knows them.
    baselined: usize,
    evidence: usize,
    by_severity: BTreeMap<&'static str, usize>,
    by_category: BTreeMap<&'static str, usize>,
}

pub fn json(result: &ScanResult, findings: &[&Reported]) -> String {
    let mut by_severity = BTreeMap::new();
    for s in Severity::ALL {
        by_severity.insert(
            s.as_str(),
            findings.iter().filter(|f| f.rule.severity == s).count(),
        );
    }
    let mut by_category = BTreeMap::new();
    for (slug, _) in catalog::CATEGORIES {
        by_category.insert(
            slug,
            findings.iter().filter(|f| f.rule.category == slug).count(),
        );
    }
    let report = JsonReport {
        tool: "soc2-check",
        version: env!("CARGO_PKG_VERSION"),
        findings: findings
            .iter()
            .map(|f| JsonFinding {
                rule_id: &f.rule.id,
                title: &f.rule.title,
                severity: f.rule.severity.as_str(),
                category: f.rule.category,
                criteria: &f.rule.criteria,
                cwe: f.rule.cwe.iter().map(|c| format!("CWE-{c}")).collect(),
                path: &f.finding.path,
                line: f.finding.start.line,
                column: f.finding.start.column,
                end_line: f.finding.end.line,
                end_column: f.finding.end.column,
                message: &f.finding.message,
                recommendation: &f.rule.recommendation,
                snippet: &f.finding.snippet,
                fingerprint: &f.finding.fingerprint,
                endpoint: f.finding.endpoint.as_ref().map(|e| JsonEndpoint {
                    method: &e.method,
                    path: &e.path,
                    handler: &e.handler,
                    chain: &e.chain,
                }),
            })
            .collect(),
        evidence: result.evidence.iter().map(JsonEvidence::of).collect(),
        suppressed: result
            .suppressed
            .iter()
            .map(|(r, reason)| JsonSuppressed {
                rule_id: &r.rule.id,
                severity: r.rule.severity.as_str(),
                path: &r.finding.path,
                line: r.finding.start.line,
                message: &r.finding.message,
                fingerprint: &r.finding.fingerprint,
                reason,
            })
            .collect(),
        warnings: result
            .notices
            .iter()
            .map(|n| JsonWarning {
                path: &n.path,
                line: n.line,
                message: &n.message,
            })
            .collect(),
        skipped: result
            .skipped
            .iter()
            .map(|s| JsonSkipped {
                path: &s.path,
                reason: &s.reason,
                status: if s.partial { "partial" } else { "skipped" },
            })
            .collect(),
        summary: JsonSummary {
            files_scanned: result.files_scanned,
            files_skipped: result.skipped.iter().filter(|s| !s.partial).count(),
            files_partial: files_in_part(&result.skipped),
            rules: result.rules_run,
            findings: findings.len(),
            suppressed: result.suppressed.len(),
            baselined: result.baselined,
            evidence: result.evidence.len(),
            by_severity,
            by_category,
        },
    };
    let mut s = serde_json::to_string_pretty(&report).expect("report serialises");
    s.push('\n');
    s
}

/// Files scanned in part (one file may be listed for several reasons).
fn files_in_part(skipped: &[crate::walk::Skipped]) -> usize {
    let paths: std::collections::BTreeSet<&str> = skipped
        .iter()
        .filter(|s| s.partial)
        .map(|s| s.path.as_str())
        .collect();
    paths.len()
}
