//! `soc2-check evidence --path DIR --output OUT`: the bundle an auditor
//! keeps. The criteria report (HTML, JSON, text), the endpoint inventory,
//! every finding with suppressions and their reasons (JSON and SARIF), the
//! rule set with its hash, and a manifest: tool version, git commit
//! scanned, time, and the SHA-256 of every file of the bundle.

use std::path::{Path, PathBuf};

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::controls_cmd;
use crate::endpoints_cmd;
use crate::html;
use crate::report;
use crate::ruleset::LoadedRules;
use crate::sarif;
use crate::scan::{self, ScanOptions};
use crate::style::Style;
use crate::CliError;

fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `YYYY-MM-DDTHH:MM:SSZ` for a Unix time (proleptic Gregorian, UTC).
pub fn utc_timestamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The commit checked out where `dir` is, and whether the tree differs.
fn git_state(dir: &Path) -> serde_json::Value {
    let run = |args: &[&str]| {
        crate::git::command(dir, args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    match run(&["rev-parse", "HEAD"]) {
        Some(commit) => {
            let dirty = run(&["status", "--porcelain", "--", "."]).is_some_and(|s| !s.is_empty());
            json!({ "commit": commit, "uncommitted_changes": dirty })
        }
        None => json!(null),
    }
}

/// `path` made absolute through its nearest existing ancestor (which is
/// canonicalised, so symbolic links compare as their targets).
fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or(path.to_path_buf());
    let mut missing = Vec::new();
    let mut at = path.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(at) {
            return missing.iter().rev().fold(real, |p, c| p.join(c));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                at = parent;
            }
            _ => return path,
        }
    }
}

/// Writes the bundle; returns what to print.
pub fn write(
    output: &Path,
    opts: &ScanOptions,
    loaded: &mut LoadedRules,
) -> Result<String, CliError> {
    // The scanner never writes into the tree it scans.
    // Checked before anything is created.
    let scanned = std::fs::canonicalize(&opts.path).unwrap_or(opts.path.clone());
    if absolute(output).starts_with(&scanned) {
        return Err(CliError::Usage(format!(
            "the evidence directory `{}` is inside the scanned tree `{}`; choose one outside it (soc2-check never writes into what it scans)",
            output.display(),
            opts.path.display()
        )));
    }
    std::fs::create_dir_all(output)
        .map_err(|e| CliError::Usage(format!("cannot create `{}`: {e}", output.display())))?;
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let compiled = loaded.compiled();
    let rules: Vec<&soc2_compiler::CompiledRule> = compiled
        .iter()
        .filter_map(|o| o.rule.as_ref())
        .filter(|r| opts.in_scope(&r.criteria) && opts.config.rule_enabled(&r.id, r.category))
        .collect();
    let covered: controls_cmd::Coverage = rules
        .iter()
        .map(|r| (r.id.clone(), r.criteria.clone()))
        .collect();
    // The rule set: every rule file's text, hashed together.
    let mut set_hash = Sha256::new();
    let mut files = Vec::new();
    for (name, text) in &loaded.sources {
        set_hash.update(name.as_bytes());
        set_hash.update([0]);
        set_hash.update(text.as_bytes());
        set_hash.update([0]);
        files.push(json!({ "file": name, "sha256": sha256(text.as_bytes()) }));
    }
    let rule_set = json!({
        "sha256": set_hash.finalize().iter().map(|b| format!("{b:02x}")).collect::<String>(),
        "files": files,
        "rules": rules.iter().map(|r| json!({
            "id": r.id,
            "title": r.title,
            "kind": if r.evidence { "evidence" } else { "finding" },
            "severity": if r.evidence { None } else { Some(opts.config.severity.get(&r.id).copied().unwrap_or(r.severity).as_str()) },
            "category": r.category,
            "criteria": r.criteria,
        })).collect::<Vec<_>>(),
    });
    let result = scan::scan(loaded, opts);
    let shown: Vec<&scan::Reported> = result.findings.iter().collect();
    let (criteria, score) = controls_cmd::build(&result, &covered, &opts.scope);
    let mut all = opts.clone();
    all.scope.clear();
    all.progress = false;
    let (endpoints, inventory_result) = endpoints_cmd::inventory(&all)?;
    let title = opts.path.display().to_string();
    let outputs: Vec<(&str, String)> = vec![
        (
            "report.html",
            html::render(&html::HtmlInput {
                title: &title,
                result: &result,
                findings: &shown,
                criteria: &criteria,
                score: &score,
                endpoints: &endpoints,
            }),
        ),
        (
            "criteria.json",
            controls_cmd::json(&criteria, &score, &opts.scope),
        ),
        (
            "criteria.txt",
            controls_cmd::text(&criteria, &score, &result, &opts.scope, Style::plain()),
        ),
        (
            "endpoints.json",
            endpoints_cmd::json(&endpoints, &inventory_result),
        ),
        ("findings.json", report::json(&result, &shown)),
        ("findings.sarif", sarif::render(&result, &shown)),
        (
            "rules.json",
            serde_json::to_string_pretty(&rule_set).expect("serialises") + "\n",
        ),
    ];
    let mut manifest_files = Vec::new();
    for (name, text) in &outputs {
        let path = output.join(name);
        crate::output::write(&path, text)?;
        manifest_files.push(json!({ "file": name, "sha256": sha256(text.as_bytes()) }));
    }
    let manifest = json!({
        "tool": "soc2-check",
        "version": env!("CARGO_PKG_VERSION"),
        "generated_at": utc_timestamp(started),
        "scanned_path": opts.path.display().to_string(),
        "git": git_state(if opts.path.is_file() { opts.path.parent().unwrap_or(Path::new(".")) } else { &opts.path }),
        "configuration": opts.config.path.as_ref().map(|p| p.display().to_string()),
        "scope": if opts.scope.is_empty() { soc2_compiler::catalog::TSC_CATEGORIES.iter().map(|s| s.to_string()).collect() } else { opts.scope.clone() },
        "rule_set_sha256": rule_set["sha256"],
        "summary": {
            "files_scanned": result.files_scanned,
            "findings": result.findings.len(),
            "suppressed": result.suppressed.len(),
            "evidence": result.evidence.len(),
            "endpoints": endpoints.len(),
            "compliance_score": score.percent(),
        },
        "files": manifest_files,
    });
    let manifest_text = serde_json::to_string_pretty(&manifest).expect("serialises") + "\n";
    crate::output::write(&output.join("manifest.json"), &manifest_text)?;
    Ok(format!(
        "wrote the evidence bundle to {}: report.html, criteria.json/.txt, endpoints.json, findings.json/.sarif, rules.json, manifest.json\n{} findings ({} suppressed), {} evidence, {} endpoints; compliance score {}%\n",
        output.display(),
        result.findings.len(),
        result.suppressed.len(),
        result.evidence.len(),
        endpoints.len(),
        score.percent()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc() {
        assert_eq!(utc_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_timestamp(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc_timestamp(1_795_500_000), "2026-11-24T06:00:00Z");
    }

    #[test]
    fn sha256_of_nothing() {
        assert_eq!(
            sha256(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
