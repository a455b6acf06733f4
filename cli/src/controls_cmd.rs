//! `soc2-check controls`: the criteria report. For each Trust Services
//! Criterion in scope: whether code can evidence it, the rules that cover
//! it, the findings by severity, the evidence found, and a status; with a
//! compliance score whose definition is printed beside it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use soc2_compiler::catalog::{self, Severity};

use crate::report::JsonEvidence;
use crate::ruleset::LoadedRules;
use crate::scan::{self, Reported, ScanOptions, ScanResult};
use crate::style::Style;

/// How the score is computed, printed with it.
pub const SCORE_DEFINITION: &str = "evidenced ÷ code-checkable × 100: of the criteria in scope that code can evidence (fully or in part), the share with evidence found and no open finding. Organisational criteria are left out: they are shown by policies, records and people, not code.";

/// Where a criterion stands for this code base.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// A finding of a rule for it is open.
    Gap,
    /// Evidence was found and no finding is open.
    Evidenced,
    /// Code could show it, but nothing was found either way.
    NoCodeEvidence,
    /// Only policies, records and people can show it.
    Organisational,
}

impl Status {
    fn label(self) -> &'static str {
        match self {
            Status::Gap => "gap",
            Status::Evidenced => "evidenced",
            Status::NoCodeEvidence => "no code evidence",
            Status::Organisational => "organisational",
        }
    }
}

pub struct Criterion<'a> {
    pub id: &'static str,
    pub family: &'static str,
    pub topic: &'static str,
    pub trust_category: &'static str,
    /// `automated`, `partial` or `organisational`: what code can show.
    pub code: &'static str,
    pub status: Status,
    /// Finding and evidence rules that name it.
    pub rules: Vec<String>,
    pub findings: Vec<&'a Reported>,
    pub evidence: Vec<&'a Reported>,
}

pub struct Score {
    pub evidenced: usize,
    pub checkable: usize,
}

impl Score {
    pub fn percent(&self) -> u32 {
        if self.checkable == 0 {
            return 0;
        }
        ((self.evidenced * 100) as f64 / self.checkable as f64).round() as u32
    }
}

/// Each rule in scope, with the criteria it names.
pub type Coverage = Vec<(String, Vec<String>)>;

/// Scans and returns the result; the report is built from it by [`build`].
pub fn scan(loaded: &mut LoadedRules, opts: &ScanOptions) -> (ScanResult, Coverage) {
    let covered = coverage(loaded, opts);
    let result = scan::scan(loaded, opts);
    (result, covered)
}

/// The rules a scan with `opts` reports on (in `--criteria` scope and
/// enabled by the configuration), with their criteria.
pub fn coverage(loaded: &LoadedRules, opts: &ScanOptions) -> Coverage {
    loaded
        .compiled()
        .iter()
        .filter_map(|o| o.rule.as_ref())
        .filter(|r| opts.in_scope(&r.criteria) && opts.config.rule_enabled(&r.id, r.category))
        .map(|r| (r.id.clone(), r.criteria.clone()))
        .collect()
}

/// The report over `result`, for the criteria in `scope` (all when empty).
pub fn build<'a>(
    result: &'a ScanResult,
    covered: &[(String, Vec<String>)],
    scope: &[String],
) -> (Vec<Criterion<'a>>, Score) {
    let mut out = Vec::new();
    for c in catalog::criteria() {
        let trust_category = catalog::tsc_category(c.id);
        if !scope.is_empty() && !scope.iter().any(|s| s == trust_category) {
            continue;
        }
        let names = |r: &&Reported| r.rule.criteria.iter().any(|x| x == c.id);
        let findings: Vec<&Reported> = result.findings.iter().filter(names).collect();
        let evidence: Vec<&Reported> = result.evidence.iter().filter(names).collect();
        let mut rules: Vec<String> = covered
            .iter()
            .filter(|(_, crit)| crit.iter().any(|x| x == c.id))
            .map(|(id, _)| id.clone())
            .collect();
        rules.sort();
        let code = match c.evidence {
            'S' => "automated",
            'P' => "partial",
            _ => "organisational",
        };
        let status = if code == "organisational" && rules.is_empty() {
            Status::Organisational
        } else if !findings.is_empty() {
            Status::Gap
        } else if !evidence.is_empty() {
            Status::Evidenced
        } else {
            Status::NoCodeEvidence
        };
        out.push(Criterion {
            id: c.id,
            family: c.family,
            topic: c.topic,
            trust_category,
            code,
            status,
            rules,
            findings,
            evidence,
        });
    }
    let checkable = out
        .iter()
        .filter(|c| c.status != Status::Organisational)
        .count();
    let evidenced = out.iter().filter(|c| c.status == Status::Evidenced).count();
    (
        out,
        Score {
            evidenced,
            checkable,
        },
    )
}

fn by_severity(findings: &[&Reported]) -> BTreeMap<&'static str, usize> {
    Severity::ALL
        .iter()
        .map(|s| {
            (
                s.as_str(),
                findings.iter().filter(|f| f.rule.severity == *s).count(),
            )
        })
        .collect()
}

/// Evidence items listed per criterion in the text report.
const SHOWN_EVIDENCE: usize = 5;

pub fn text(
    criteria: &[Criterion],
    score: &Score,
    result: &ScanResult,
    scope: &[String],
    style: Style,
) -> String {
    let mut out = String::new();
    let mut family = "";
    for c in criteria {
        if c.family != family {
            family = c.family;
            let _ = writeln!(out, "\n{}", style.bold(family));
        }
        let status = match c.status {
            Status::Gap => style.red("gap"),
            Status::Evidenced => style.green("evidenced"),
            Status::NoCodeEvidence => style.yellow("no code evidence"),
            Status::Organisational => style.dim("organisational"),
        };
        let pad = " ".repeat(16usize.saturating_sub(c.status.label().len()));
        let _ = writeln!(
            out,
            "  {:<6} {status}{pad} {}  {}",
            c.id,
            style.dim(&format!("[{}]", c.code)),
            c.topic
        );
        if c.status == Status::Organisational {
            continue;
        }
        if !c.findings.is_empty() {
            let counts = by_severity(&c.findings);
            let sev: Vec<String> = Severity::ALL
                .iter()
                .map(|s| (s.as_str(), counts[s.as_str()]))
                .filter(|(_, n)| *n > 0)
                .map(|(s, n)| format!("{n} {s}"))
                .collect();
            let _ = writeln!(out, "         findings: {}", sev.join(", "));
        }
        for e in c.evidence.iter().take(SHOWN_EVIDENCE) {
            let _ = writeln!(
                out,
                "         ✓ {}:{} {}",
                e.finding.path, e.finding.start.line, e.finding.message
            );
        }
        if c.evidence.len() > SHOWN_EVIDENCE {
            let _ = writeln!(
                out,
                "         … and {} more evidence",
                c.evidence.len() - SHOWN_EVIDENCE
            );
        }
        if c.rules.is_empty() {
            let _ = writeln!(out, "         {}", style.dim("no rule covers it yet"));
        } else {
            let _ = writeln!(
                out,
                "         {}",
                style.dim(&format!("rules: {}", c.rules.join(", ")))
            );
        }
    }
    let count = |s: Status| criteria.iter().filter(|c| c.status == s).count();
    let _ = writeln!(out, "\n{}", style.bold("Summary"));
    let _ = writeln!(
        out,
        "  {} criteria{}: {} gap · {} evidenced · {} no code evidence · {} organisational",
        criteria.len(),
        if scope.is_empty() {
            String::new()
        } else {
            format!(" ({})", scope.join(", "))
        },
        count(Status::Gap),
        count(Status::Evidenced),
        count(Status::NoCodeEvidence),
        count(Status::Organisational)
    );
    let _ = writeln!(
        out,
        "  {} file{} scanned with {} rules; {} finding{}, {} evidence",
        result.files_scanned,
        if result.files_scanned == 1 { "" } else { "s" },
        result.rules_run,
        result.findings.len(),
        if result.findings.len() == 1 { "" } else { "s" },
        result.evidence.len()
    );
    let _ = writeln!(
        out,
        "  compliance score: {}% ({} of {} code-checkable criteria evidenced)",
        score.percent(),
        score.evidenced,
        score.checkable
    );
    let _ = writeln!(
        out,
        "  {}",
        style.dim(&format!("score = {SCORE_DEFINITION}"))
    );
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: &'static str,
    scope: Vec<&'a str>,
    score: JsonScore,
    summary: BTreeMap<&'static str, usize>,
    criteria: Vec<JsonCriterion<'a>>,
}

#[derive(Serialize)]
struct JsonScore {
    percent: u32,
    evidenced: usize,
    checkable: usize,
    definition: &'static str,
}

#[derive(Serialize)]
struct JsonCriterion<'a> {
    id: &'static str,
    family: &'static str,
    topic: &'static str,
    trust_category: &'static str,
    code_evidence: &'static str,
    status: Status,
    rules: &'a [String],
    findings: BTreeMap<&'static str, usize>,
    evidence: Vec<JsonEvidence<'a>>,
}

pub fn json(criteria: &[Criterion], score: &Score, scope: &[String]) -> String {
    let mut summary = BTreeMap::new();
    for s in [
        Status::Gap,
        Status::Evidenced,
        Status::NoCodeEvidence,
        Status::Organisational,
    ] {
        summary.insert(
            match s {
                Status::Gap => "gap",
                Status::Evidenced => "evidenced",
                Status::NoCodeEvidence => "no_code_evidence",
                Status::Organisational => "organisational",
            },
            criteria.iter().filter(|c| c.status == s).count(),
        );
    }
    let report = JsonReport {
        version: env!("CARGO_PKG_VERSION"),
        scope: if scope.is_empty() {
            catalog::TSC_CATEGORIES.to_vec()
        } else {
            scope.iter().map(String::as_str).collect()
        },
        score: JsonScore {
            percent: score.percent(),
            evidenced: score.evidenced,
            checkable: score.checkable,
            definition: SCORE_DEFINITION,
        },
        summary,
        criteria: criteria
            .iter()
            .map(|c| JsonCriterion {
                id: c.id,
                family: c.family,
                topic: c.topic,
                trust_category: c.trust_category,
                code_evidence: c.code,
                status: c.status,
                rules: &c.rules,
                findings: by_severity(&c.findings),
                evidence: c.evidence.iter().map(|e| JsonEvidence::of(e)).collect(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&report).expect("report serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_rounds_and_handles_nothing_checkable() {
        let s = Score {
            evidenced: 1,
            checkable: 3,
        };
        assert_eq!(s.percent(), 33);
        let none = Score {
            evidenced: 0,
            checkable: 0,
        };
        assert_eq!(none.percent(), 0);
    }
}
