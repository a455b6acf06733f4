//! `soc2-check rules list | show ID | eject DIR` and `soc2-check explain ID`.

use std::fmt::Write as _;
use std::path::Path;

use crate::ruleset::LoadedRules;
use crate::CliError;

pub fn list(loaded: &LoadedRules) -> String {
    let mut out = String::new();
    let compiled = loaded.compiled();
    let rules: Vec<_> = compiled.iter().filter_map(|o| o.rule.as_ref()).collect();
    let w = rules.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
    let _ = writeln!(
        out,
        "{:<w$}  {:<8}  {:<24}  {:<18}  TITLE",
        "ID", "SEVERITY", "CATEGORY", "CRITERIA"
    );
    for r in &rules {
        let mut langs: Vec<&str> = r.plans.iter().map(|p| p.lang.name()).collect();
        langs.dedup();
        // Evidence rules record controls; they have no severity.
        let level = if r.evidence {
            "evidence"
        } else {
            r.severity.as_str()
        };
        let _ = writeln!(
            out,
            "{:<w$}  {:<8}  {:<24}  {:<18}  {} ({})",
            r.id,
            level,
            r.category,
            r.criteria.join(","),
            r.title,
            langs.join(", ")
        );
    }
    let evidence = rules.iter().filter(|r| r.evidence).count();
    let _ = writeln!(
        out,
        "\n{} rules: {} finding rules, {} evidence rules",
        rules.len(),
        rules.len() - evidence,
        evidence
    );
    out
}

fn not_found(id: &str, loaded: &LoadedRules) -> CliError {
    let compiled = loaded.compiled();
    let ids: Vec<&str> = compiled
        .iter()
        .filter_map(|o| o.rule.as_ref())
        .map(|r| r.id.as_str())
        .collect();
    let hint = match soc2_compiler::catalog::closest(id, ids.iter().copied()) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => "; `soc2-check rules list` shows them all".into(),
    };
    CliError::Usage(format!("no rule `{id}`{hint}"))
}

pub fn show(loaded: &LoadedRules, id: &str) -> Result<String, CliError> {
    let outcome = loaded.find(id).ok_or_else(|| not_found(id, loaded))?;
    let r = outcome.rule.as_ref().expect("found rules compiled");
    let (name, text) = &loaded.sources[r.source];
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", r.id, r.title);
    let _ = writeln!(out, "severity:  {}", r.severity.as_str());
    let _ = writeln!(
        out,
        "category:  {} ({})",
        r.category,
        soc2_compiler::catalog::category_title(r.category)
    );
    for c in &r.criteria {
        if let Some(cr) = soc2_compiler::catalog::criterion(c) {
            let _ = writeln!(out, "criterion: {c} — {} ({})", cr.topic, cr.family);
        }
    }
    if !r.cwe.is_empty() {
        let cwes: Vec<String> = r.cwe.iter().map(|c| format!("CWE-{c}")).collect();
        let _ = writeln!(out, "cwe:       {}", cwes.join(", "));
    }
    let _ = writeln!(out, "fix:       {}", r.recommendation);
    let _ = writeln!(out, "file:      {name}");
    if let Some(doc) = &r.doc {
        let _ = writeln!(out, "\n{}", doc.trim());
    }
    let _ = writeln!(out, "\n--- source ---");
    let src = &text[r.span.start..r.span.end];
    let _ = writeln!(out, "{src}");
    Ok(out)
}

pub fn explain(loaded: &LoadedRules, id: &str) -> Result<String, CliError> {
    let outcome = loaded.find(id).ok_or_else(|| not_found(id, loaded))?;
    Ok(outcome
        .rule
        .as_ref()
        .expect("found rules compiled")
        .explain())
}

/// Copies the bundled rules and their fixtures into `dir`.
pub fn eject(dir: &Path, force: bool) -> Result<String, CliError> {
    let files = soc2_stdlib_rules::files();
    if !force {
        let clash: Vec<&str> = files
            .iter()
            .filter(|f| dir.join(f.path).exists())
            .map(|f| f.path)
            .collect();
        if !clash.is_empty() {
            return Err(CliError::Usage(format!(
                "{} file{} already exist in `{}` (e.g. {}); use --force to overwrite",
                clash.len(),
                if clash.len() == 1 { "" } else { "s" },
                dir.display(),
                clash[0]
            )));
        }
    }
    for f in files {
        let target = dir.join(f.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                CliError::Usage(format!("cannot create `{}`: {e}", parent.display()))
            })?;
        }
        crate::output::write(&target, f.contents)?;
    }
    let rules = soc2_stdlib_rules::rule_files().count();
    Ok(format!(
        "wrote {rules} rule files and their fixtures to {dir}\nrun them with: soc2-check --no-stdlib --rules {dir} --path .\ntest them with: soc2-check test --no-stdlib {dir}\n",
        dir = dir.display()
    ))
}
