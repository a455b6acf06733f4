//! A scan: find the files, read them, run the engine over them in parallel
//! and join the findings with their rules' metadata.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use salsa::Database as _;
use soc2_compiler::catalog::{tsc_category, Severity};
use soc2_compiler::lang::Lang;
use soc2_compiler::CompiledRule;
use soc2_engine::db::{file_findings, FileResult, Project};
use soc2_engine::{Finding, SourceFile};

use crate::ruleset::LoadedRules;
use crate::walk::{discover, read_source, Skipped, WalkOptions};

/// A finding with the metadata of the rule that made it.
#[derive(Debug, Clone)]
pub struct Reported {
    pub finding: Finding,
    pub rule: Arc<RuleMeta>,
}

#[derive(Debug)]
pub struct RuleMeta {
    pub id: String,
    pub title: String,
    /// An evidence rule: its matches are controls found, not problems.
    pub evidence: bool,
    pub severity: Severity,
    pub category: &'static str,
    pub criteria: Vec<String>,
    pub cwe: Vec<u32>,
    pub recommendation: String,
}

impl RuleMeta {
    pub fn of(r: &CompiledRule) -> Self {
        RuleMeta {
            id: r.id.clone(),
            title: r.title.clone(),
            evidence: r.evidence,
            severity: r.severity,
            category: r.category,
            criteria: r.criteria.clone(),
            cwe: r.cwe.clone(),
            recommendation: r.recommendation.clone(),
        }
    }
}

pub struct ScanOptions {
    pub max_file_size: u64,
    pub default_ignores: bool,
    /// Trust services categories (`security`, `availability`…) to report
    /// on; empty for all. A rule is in scope when one of its criteria is.
    pub scope: Vec<String>,
}

impl ScanOptions {
    pub fn in_scope(&self, criteria: &[String]) -> bool {
        self.scope.is_empty()
            || criteria
                .iter()
                .any(|c| self.scope.iter().any(|s| s == tsc_category(c)))
    }
}

pub struct ScanResult {
    pub findings: Vec<Reported>,
    /// Matches of evidence rules: controls present in the code.
    pub evidence: Vec<Reported>,
    /// Files not scanned, or scanned only in part, with why.
    pub skipped: Vec<Skipped>,
    pub files_scanned: usize,
    pub rules_run: usize,
}

/// Files are handled in batches so that parsed trees can be evicted between
/// them and memory stays bounded on large trees.
const BATCH: usize = 64;

pub fn scan(rules: &mut LoadedRules, root: &Path, opts: &ScanOptions) -> ScanResult {
    let compiled = rules.compiled();
    let metas: std::collections::HashMap<String, Arc<RuleMeta>> = compiled
        .iter()
        .filter_map(|o| o.rule.as_ref())
        .filter(|r| opts.in_scope(&r.criteria))
        .map(|r| (r.id.clone(), Arc::new(RuleMeta::of(r))))
        .collect();
    let text_filters: Vec<&soc2_compiler::plan::PathFilter> = compiled
        .iter()
        .filter_map(|o| o.rule.as_ref())
        .flat_map(|r| r.plans.iter())
        .filter(|p| p.lang == Lang::Text)
        .map(|p| &p.files)
        .collect();
    let (candidates, mut skipped, listing) = discover(
        root,
        &WalkOptions {
            default_ignores: opts.default_ignores,
            text_filters,
        },
    );
    let set = rules.set;
    // Every file is read first: what crosses files (mounted routers,
    // imported views and helpers) needs the whole project.
    let mut inputs: Vec<SourceFile> = Vec::new();
    for batch in candidates.chunks(BATCH) {
        let texts: Vec<Result<String, String>> = batch
            .par_iter()
            .map(|c| read_source(c, opts.max_file_size, opts.default_ignores))
            .collect();
        for (c, t) in batch.iter().zip(texts) {
            match t {
                Ok(text) => inputs.push(SourceFile::new(
                    &rules.db,
                    c.rel.clone(),
                    Arc::from(text),
                    c.lang,
                )),
                Err(reason) => skipped.push(Skipped {
                    path: c.rel.clone(),
                    reason,
                    partial: false,
                }),
            }
        }
    }
    let project = Project::new(&rules.db, inputs.clone(), listing);
    let mut findings = Vec::new();
    let mut evidence = Vec::new();
    let mut files_scanned = 0;
    for batch in inputs.chunks(BATCH) {
        let results: Vec<Arc<FileResult>> = batch
            .par_iter()
            .map_with(rules.db.clone(), |db, f| {
                file_findings(db, *f, set, project).clone()
            })
            .collect();
        for (f, r) in batch.iter().zip(results) {
            files_scanned += 1;
            let path = f.path(&rules.db);
            if let Some(why) = &r.partial {
                skipped.push(Skipped {
                    path: path.clone(),
                    reason: why.clone(),
                    partial: true,
                });
            }
            for f in &r.findings {
                if let Some(meta) = metas.get(&f.rule_id) {
                    let to = if meta.evidence {
                        &mut evidence
                    } else {
                        &mut findings
                    };
                    to.push(Reported {
                        finding: f.clone(),
                        rule: meta.clone(),
                    });
                }
            }
        }
        // Parsed trees beyond the LRU bound are dropped at a new revision.
        rules.db.trigger_lru_eviction();
    }
    for list in [&mut findings, &mut evidence] {
        list.sort_by(|a, b| {
            (&a.finding.path, &a.finding.start, &a.finding.rule_id).cmp(&(
                &b.finding.path,
                &b.finding.start,
                &b.finding.rule_id,
            ))
        });
    }
    skipped.sort();
    ScanResult {
        findings,
        evidence,
        skipped,
        files_scanned,
        rules_run: metas.len(),
    }
}
