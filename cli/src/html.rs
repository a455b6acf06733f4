//! The HTML report: one self-contained file (inline CSS, no script, nothing
//! fetched) with the compliance score, findings by category and by
//! criterion, each finding's code, fix and criteria, the endpoint
//! inventory and the files not fully scanned.

use std::fmt::Write as _;

use soc2_compiler::catalog;

use crate::controls_cmd::{Criterion, Score, Status, SCORE_DEFINITION};
use crate::endpoints_cmd::Endpoint;
use crate::scan::{Reported, ScanResult};

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{margin:0 0 4px;font-size:26px}h2{margin:32px 0 12px;font-size:20px;border-bottom:2px solid #dde1e8;padding-bottom:4px}
h3{margin:20px 0 8px;font-size:17px}
.muted{color:#5b6474}.card{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:14px 16px;margin:10px 0}
.score{display:flex;gap:24px;align-items:center;flex-wrap:wrap}
.big{font-size:44px;font-weight:700}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
.critical{background:#8b1a1a}.high{background:#c2410c}.medium{background:#b7791f}.low{background:#4b5563}
.gap{background:#b91c1c}.evidenced{background:#15803d}.no-code-evidence{background:#b7791f}.organisational{background:#6b7280}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
th{background:#eef1f5;font-size:13px}
pre{background:#0f172a;color:#e2e8f0;padding:8px 10px;border-radius:6px;overflow:auto;font-size:13px;margin:6px 0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}
.loc{font-family:ui-monospace,monospace;font-size:13px;color:#1e40af}
"#;

pub struct HtmlInput<'a> {
    pub title: &'a str,
    pub result: &'a ScanResult,
    pub findings: &'a [&'a Reported],
    pub criteria: &'a [Criterion<'a>],
    pub score: &'a Score,
    pub endpoints: &'a [Endpoint],
}

pub fn render(i: &HtmlInput) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>soc2-check — {}</title><style>{STYLE}</style></head><body><main>\n",
        esc(i.title)
    );
    let _ = writeln!(
        out,
        "<h1>soc2-check report</h1><div class=\"muted\">{} · {} files scanned with {} rules · soc2-check {}</div>",
        esc(i.title),
        i.result.files_scanned,
        i.result.rules_run,
        env!("CARGO_PKG_VERSION")
    );
    summary(&mut out, i);
    findings_by_category(&mut out, i.findings);
    criteria_table(&mut out, i.criteria);
    endpoints(&mut out, i.endpoints);
    skipped(&mut out, i.result);
    out.push_str("</main></body></html>\n");
    out
}

fn summary(out: &mut String, i: &HtmlInput) {
    let count = |s: catalog::Severity| i.findings.iter().filter(|f| f.rule.severity == s).count();
    let _ = writeln!(
        out,
        "<section class=\"card score\" id=\"summary\"><div><div class=\"big\" id=\"score\">{}%</div><div class=\"muted\">compliance score</div></div><div><b id=\"finding-count\">{}</b> finding{} — {} · {} evidence · {} suppressed{}<div class=\"muted\" style=\"max-width:640px\">Score = {}</div></div></section>",
        i.score.percent(),
        i.findings.len(),
        if i.findings.len() == 1 { "" } else { "s" },
        catalog::Severity::ALL
            .iter()
            .map(|s| format!("<span class=\"pill {0}\">{1} {0}</span>", s.as_str(), count(*s)))
            .collect::<Vec<_>>()
            .join(" "),
        i.result.evidence.len(),
        i.result.suppressed.len(),
        if i.result.baselined > 0 {
            format!(" · {} known from the baseline", i.result.baselined)
        } else {
            String::new()
        },
        esc(SCORE_DEFINITION)
    );
}

fn findings_by_category(out: &mut String, findings: &[&Reported]) {
    out.push_str("<h2 id=\"findings\">Findings by category</h2>\n");
    if findings.is_empty() {
        out.push_str("<p>No findings.</p>\n");
    }
    for (slug, title) in catalog::CATEGORIES {
        let mut items: Vec<&&Reported> = findings
            .iter()
            .filter(|f| f.rule.category == slug)
            .collect();
        if items.is_empty() {
            continue;
        }
        items.sort_by_key(|f| std::cmp::Reverse(f.rule.severity));
        let _ = writeln!(
            out,
            "<h3>{} <span class=\"muted\">({})</span></h3>",
            esc(title),
            items.len()
        );
        for f in items {
            let fd = &f.finding;
            let _ = writeln!(
                out,
                "<div class=\"card finding\" data-rule=\"{id}\"><span class=\"pill {sev}\">{sev}</span> <b>{title}</b> <code class=\"muted\">{id}</code><div class=\"loc\">{path}:{line}:{col}</div><div>{msg}</div>{snippet}<div><b>Fix:</b> {fix}</div><div class=\"muted\">Criteria: {crit}</div></div>",
                id = esc(&f.rule.id),
                sev = f.rule.severity.as_str(),
                title = esc(&f.rule.title),
                path = esc(&fd.path),
                line = fd.start.line,
                col = fd.start.column,
                msg = esc(&fd.message),
                snippet = if fd.snippet.trim().is_empty() {
                    String::new()
                } else {
                    format!("<pre><code>{}</code></pre>", esc(fd.snippet.trim()))
                },
                fix = esc(&f.rule.recommendation),
                crit = esc(&f.rule.criteria.join(", "))
            );
        }
    }
}

fn criteria_table(out: &mut String, criteria: &[Criterion]) {
    out.push_str("<h2 id=\"criteria\">By criterion</h2>\n<table><tr><th>criterion</th><th>topic</th><th>code can show</th><th>status</th><th>findings</th><th>evidence</th></tr>\n");
    for c in criteria {
        let status = match c.status {
            Status::Gap => "gap",
            Status::Evidenced => "evidenced",
            Status::NoCodeEvidence => "no-code-evidence",
            Status::Organisational => "organisational",
        };
        let evidence: Vec<String> = c
            .evidence
            .iter()
            .take(3)
            .map(|e| {
                format!(
                    "<div class=\"loc\">{}:{}</div>",
                    esc(&e.finding.path),
                    e.finding.start.line
                )
            })
            .collect();
        let more = if c.evidence.len() > 3 {
            format!(
                "<div class=\"muted\">and {} more</div>",
                c.evidence.len() - 3
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<tr><td><b>{}</b></td><td>{}</td><td>{}</td><td><span class=\"pill {status}\">{}</span></td><td>{}</td><td>{}{more}</td></tr>",
            c.id,
            esc(c.topic),
            c.code,
            status.replace('-', " "),
            if c.findings.is_empty() { String::new() } else { c.findings.len().to_string() },
            evidence.join("")
        );
    }
    out.push_str("</table>\n");
}

fn endpoints(out: &mut String, endpoints: &[Endpoint]) {
    let _ = writeln!(
        out,
        "<h2 id=\"endpoints\">Endpoint inventory ({})</h2>",
        endpoints.len()
    );
    if endpoints.is_empty() {
        out.push_str("<p>No HTTP endpoints found.</p>\n");
        return;
    }
    out.push_str("<table><tr><th>method</th><th>path</th><th>declared</th><th>authentication</th><th>authorisation</th><th>rate limit</th><th>audit log</th><th>input validation</th></tr>\n");
    let mark = |v: &Option<String>| match v {
        Some(how) => format!("<span title=\"{}\">✓</span>", esc(how)),
        None => "<span class=\"muted\">—</span>".to_string(),
    };
    for e in endpoints {
        let c = |k: &str| e.controls.get(k).cloned().flatten();
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td><code>{}</code>{}</td><td class=\"loc\">{}:{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&e.method),
            esc(&e.path),
            if e.public { " <span class=\"muted\">public</span>" } else { "" },
            esc(&e.file),
            e.line,
            mark(&c("authentication")),
            mark(&c("authorization")),
            mark(&c("rate_limit")),
            mark(&c("audit_log")),
            mark(&c("input_validation"))
        );
    }
    out.push_str("</table>\n");
}

fn skipped(out: &mut String, result: &ScanResult) {
    let _ = writeln!(
        out,
        "<h2 id=\"skipped\">Files not fully scanned ({})</h2>",
        result.skipped.len()
    );
    if result.skipped.is_empty() {
        out.push_str("<p>Every file was scanned.</p>\n");
        return;
    }
    out.push_str("<table><tr><th>file</th><th>why</th></tr>\n");
    for s in &result.skipped {
        let _ = writeln!(
            out,
            "<tr><td class=\"loc\">{}</td><td>{}</td></tr>",
            esc(&s.path),
            esc(&s.reason)
        );
    }
    out.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>a&'\"</script>"),
            "&lt;script&gt;a&amp;&#39;&quot;&lt;/script&gt;"
        );
    }
}
