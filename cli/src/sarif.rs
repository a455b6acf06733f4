//! SARIF 2.1.0 output, as GitHub code scanning reads it: one run, the rules
//! that ran with their help and criteria tags and a `security-severity`,
//! results with stable `partialFingerprints`, suppressed findings with
//! their justification, and files not fully scanned as notifications.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use soc2_compiler::catalog::Severity;

use crate::scan::{Reported, RuleMeta, ScanResult};

/// GitHub ranks alerts by this score (0–10).
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// `hardcoded-credential` → `HardcodedCredential`, SARIF's rule name style.
fn pascal(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn rule_descriptor(r: &RuleMeta) -> Value {
    let mut tags = vec![
        "security".to_string(),
        "soc2".to_string(),
        r.category.to_string(),
    ];
    tags.extend(r.criteria.iter().map(|c| format!("soc2/{c}")));
    tags.extend(r.cwe.iter().map(|c| format!("external/cwe/cwe-{c}")));
    let help = format!(
        "{}\n\nSOC 2 criteria: {}.",
        if r.recommendation.is_empty() {
            r.title.as_str()
        } else {
            r.recommendation.as_str()
        },
        r.criteria.join(", ")
    );
    json!({
        "id": r.id,
        "name": pascal(&r.id),
        "shortDescription": { "text": r.title },
        "fullDescription": { "text": format!("{} ({} · {})", r.title, r.category, r.criteria.join(", ")) },
        "help": { "text": help, "markdown": format!("**Fix:** {}\n\n**SOC 2 criteria:** {}\n\n`soc2-check rules show {}` prints the rule's documentation.", r.recommendation, r.criteria.join(", "), r.id) },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": {
            "tags": tags,
            "security-severity": security_severity(r.severity),
            "precision": "high",
            "problem.severity": match r.severity { Severity::Critical | Severity::High => "error", Severity::Medium => "warning", Severity::Low => "recommendation" },
        }
    })
}

fn result(r: &Reported, index: usize, suppression: Option<&str>) -> Value {
    let f = &r.finding;
    let mut region = json!({
        "startLine": f.start.line,
        "startColumn": f.start.column,
        "endLine": f.end.line,
        "endColumn": f.end.column,
    });
    if !f.snippet.is_empty() {
        region["snippet"] = json!({ "text": f.snippet });
    }
    let mut v = json!({
        "ruleId": r.rule.id,
        "ruleIndex": index,
        "level": level(r.rule.severity),
        "message": { "text": f.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": f.path, "uriBaseId": "%SRCROOT%" },
                "region": region,
            }
        }],
        "partialFingerprints": { "soc2Check/v1": f.fingerprint },
        "properties": { "category": r.rule.category, "criteria": r.rule.criteria },
    });
    if let Some(reason) = suppression {
        v["suppressions"] = json!([{ "kind": "inSource", "justification": reason }]);
    }
    v
}

pub fn render(result_set: &ScanResult, findings: &[&Reported]) -> String {
    // The rules that reported something, in a stable order; results point
    // at them by index.
    let mut rules: BTreeMap<&str, &RuleMeta> = BTreeMap::new();
    for r in findings
        .iter()
        .copied()
        .chain(result_set.suppressed.iter().map(|(r, _)| r))
    {
        rules.insert(&r.rule.id, &r.rule);
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut results: Vec<Value> = findings
        .iter()
        .map(|r| result(r, index[r.rule.id.as_str()], None))
        .collect();
    results.extend(
        result_set
            .suppressed
            .iter()
            .map(|(r, why)| result(r, index[r.rule.id.as_str()], Some(why))),
    );
    let notifications: Vec<Value> = result_set
        .skipped
        .iter()
        .map(|s| {
            json!({
                "level": if s.partial { "note" } else { "warning" },
                "message": { "text": format!("{}: {}", if s.partial { "scanned in part" } else { "not scanned" }, s.reason) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": s.path, "uriBaseId": "%SRCROOT%" } } }],
            })
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "soc2-check",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.values().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
        }]
    });
    let mut s = serde_json::to_string_pretty(&sarif).expect("SARIF serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_and_levels() {
        assert_eq!(pascal("hardcoded-credential"), "HardcodedCredential");
        assert_eq!(level(Severity::Medium), "warning");
        assert_eq!(security_severity(Severity::Critical), "9.5");
    }
}
