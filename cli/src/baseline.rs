//! Baselines: the fingerprints of the findings a code base has today, so
//! that on legacy code only new findings are reported and fail the build.
//! Fingerprints come from the rule, the file and the matched text, not the
//! line, so they survive lines moving.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::scan::Reported;
use crate::CliError;

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    /// The format of this file.
    version: u32,
    tool: String,
    findings: Vec<Entry>,
}

/// One known finding; all but the fingerprint are there for the reader.
#[derive(Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    rule_id: String,
    path: String,
    line: usize,
    message: String,
}

const VERSION: u32 = 1;

pub fn write(path: &Path, findings: &[&Reported]) -> Result<(), CliError> {
    let file = BaselineFile {
        version: VERSION,
        tool: format!("soc2-check {}", env!("CARGO_PKG_VERSION")),
        findings: findings
            .iter()
            .map(|r| Entry {
                fingerprint: r.finding.fingerprint.clone(),
                rule_id: r.rule.id.clone(),
                path: r.finding.path.clone(),
                line: r.finding.start.line,
                message: r.finding.message.clone(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&file).expect("baseline serialises");
    text.push('\n');
    crate::output::write(path, text)
}

/// The fingerprints of a baseline file.
pub fn read(path: &Path) -> Result<HashSet<String>, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::Usage(format!(
            "cannot read the baseline `{}`: {e}; write one with --write-baseline",
            path.display()
        ))
    })?;
    parse(path, &text)
}

/// The fingerprints of a baseline file's text (`path` names it in errors).
pub fn parse(path: &Path, text: &str) -> Result<HashSet<String>, CliError> {
    let file: BaselineFile = serde_json::from_str(text).map_err(|e| {
        CliError::Usage(format!(
            "`{}` is not a soc2-check baseline: {e}",
            path.display()
        ))
    })?;
    if file.version != VERSION {
        return Err(CliError::Usage(format!(
            "`{}` is a baseline of format {}; this soc2-check reads format {VERSION}: write it again with --write-baseline",
            path.display(),
            file.version
        )));
    }
    Ok(file.findings.into_iter().map(|e| e.fingerprint).collect())
}
