//! A scan: find the files, read them, run the engine over them in parallel
//! and join the findings with their rules' metadata.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use soc2_compiler::catalog::{tsc_category, Severity};
use soc2_compiler::lang::Lang;
use soc2_compiler::CompiledRule;
use soc2_engine::{Change, FileId, Finding};

use crate::ruleset::LoadedRules;
use crate::suppress::{self, Notice, Suppression};
use crate::walk::{discover, read_source, Skipped};

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

/// A command's options, as [`crate::prepare`] makes them for every command.
#[derive(Clone)]
pub struct ScanOptions {
    /// The scanned file or directory.
    pub path: std::path::PathBuf,
    /// Rule files and directories beyond the bundled rules: `--rules`, then
    /// the configuration's `rules-dirs`.
    pub rule_paths: Vec<std::path::PathBuf>,
    pub no_stdlib: bool,
    pub max_file_size: u64,
    pub default_ignores: bool,
    /// Trust services categories (`security`, `availability`…) to report
    /// on; empty for all. A rule is in scope when one of its criteria is.
    pub scope: Vec<String>,
    /// `soc2-check.toml`: paths, rules enabled, severity overrides.
    pub config: crate::config::Config,
    /// A progress line on standard error (a terminal, not --quiet).
    pub progress: bool,
    /// The walk of the tree, when the command's preparation made it.
    pub found: Option<Arc<crate::walk::Discovery>>,
}

/// The configuration's [paths], with the same glob rules as a rule's.
fn wanted_paths(config: &crate::config::Config) -> soc2_compiler::plan::PathFilter {
    soc2_compiler::plan::PathFilter::new(config.include.clone(), config.exclude.clone())
        .unwrap_or_default()
}

/// The code grammars of the files a scan of `found` reads.
pub fn grammars_of(found: &crate::walk::Discovery, config: &crate::config::Config) -> Vec<Lang> {
    found.grammars(&wanted_paths(config))
}

/// Walks the tree once for a command, and compiles the bundled rules of
/// `rules` for the grammars of the files it will scan only.
pub fn walk_for(
    rules: &mut [&mut LoadedRules],
    root: &Path,
    default_ignores: bool,
    config: &crate::config::Config,
) -> Arc<crate::walk::Discovery> {
    let found = discover(root, default_ignores);
    let grammars = grammars_of(&found, config);
    for r in rules.iter_mut() {
        r.compile_for(grammars.clone());
    }
    Arc::new(found)
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
    /// Findings silenced by a `soc2-ignore` comment, with its reason.
    pub suppressed: Vec<(Reported, String)>,
    /// Suppressions without a reason, stale or naming no rule.
    pub notices: Vec<Notice>,
    /// Findings left out because a `--baseline` knows them.
    pub baselined: usize,
    /// Wall time per phase, for `--time`.
    pub phases: Vec<(&'static str, std::time::Duration)>,
    /// The files that took longest to analyse (with `--time`).
    pub slowest_files: Vec<(String, std::time::Duration)>,
    /// Files not scanned, or scanned only in part, with why.
    pub skipped: Vec<Skipped>,
    pub files_scanned: usize,
    pub rules_run: usize,
    /// The finding rules that ran (id, category), by id.
    pub rules: Vec<(String, &'static str)>,
}

/// Files are read in batches, and progress is shown per batch.
const BATCH: usize = 64;

/// The rules a scan with `opts` reports, by id: in `--criteria` scope,
/// enabled by the configuration, with its severity overrides.
pub type Metas = std::collections::HashMap<String, Arc<RuleMeta>>;

pub fn rule_metas(compiled: &[Arc<soc2_engine::db::CompiledOutcome>], opts: &ScanOptions) -> Metas {
    compiled
        .iter()
        .filter_map(|o| o.rule.as_ref())
        .filter(|r| opts.in_scope(&r.criteria))
        .filter(|r| opts.config.rule_enabled(&r.id, r.category))
        .map(|r| {
            let mut meta = RuleMeta::of(r);
            if let Some(s) = opts.config.severity.get(&r.id) {
                meta.severity = *s;
            }
            (r.id.clone(), Arc::new(meta))
        })
        .collect()
}

pub fn scan(rules: &mut LoadedRules, opts: &ScanOptions) -> ScanResult {
    scan_with(rules, opts, &mut |_, _| {})
}

/// A scan that reports its progress (files checked, files in all) after
/// every batch, for a client that shows it (the language server).
pub fn scan_with(
    rules: &mut LoadedRules,
    opts: &ScanOptions,
    on_progress: &mut dyn FnMut(usize, usize),
) -> ScanResult {
    let compiled = rules.compiled();
    let metas = rule_metas(&compiled, opts);
    let text_filters: Vec<&soc2_compiler::plan::PathFilter> = compiled
        .iter()
        .filter_map(|o| o.rule.as_ref())
        .flat_map(|r| r.plans.iter())
        .filter(|p| p.lang == Lang::Text)
        .map(|p| &p.files)
        .collect();
    let t_walk = std::time::Instant::now();
    let mut phases = Vec::new();
    let walked;
    let found = match &opts.found {
        Some(f) => f.as_ref(),
        None => {
            walked = discover(&opts.path, opts.default_ignores);
            &walked
        }
    };
    let candidates = found.candidates(&text_filters);
    let mut skipped = found.skipped.clone();
    let listing = found.listing.clone();
    let wanted = wanted_paths(&opts.config);
    let candidates: Vec<_> = candidates
        .into_iter()
        .filter(|c| wanted.allows(&c.rel))
        .collect();
    phases.push(("find files", t_walk.elapsed()));
    let t_read = std::time::Instant::now();
    // Every file is read first: what crosses files (mounted routers,
    // imported views and helpers) needs the whole project. The host holds
    // this scan's files and no others.
    let mut change = Change::new();
    let mut read: Vec<String> = Vec::new();
    for batch in candidates.chunks(BATCH) {
        let texts: Vec<Result<String, String>> = batch
            .par_iter()
            .map(|c| read_source(c, opts.max_file_size, opts.default_ignores))
            .collect();
        for (c, t) in batch.iter().zip(texts) {
            match t {
                Ok(text) => {
                    change.set_file(c.rel.clone(), Arc::from(text), c.lang);
                    read.push(c.rel.clone());
                }
                Err(reason) => skipped.push(Skipped {
                    path: c.rel.clone(),
                    reason,
                    partial: false,
                }),
            }
        }
    }
    {
        let before = rules.analysis();
        let keep: std::collections::HashSet<&str> = read.iter().map(String::as_str).collect();
        for id in before.files() {
            if let Some(p) = before.path(id).filter(|p| !keep.contains(p)) {
                change.remove_file(p);
            }
        }
    }
    change.set_listing(listing);
    rules.host.apply_change(change);
    let ids: Vec<FileId> = {
        let a = rules.analysis();
        read.iter().filter_map(|p| a.file_id(p)).collect()
    };
    phases.push(("read files", t_read.elapsed()));
    let t_analyse = std::time::Instant::now();
    let timing = soc2_engine::timing::enabled();
    let mut file_times: Vec<(String, std::time::Duration)> = Vec::new();
    let total = ids.len();
    let mut findings = Vec::new();
    let mut evidence = Vec::new();
    let mut files_scanned = 0;
    let progress = opts.progress;
    rules.host.check_files(&ids, |id, r, took| {
        let path = &read[files_scanned];
        debug_assert!(ids[files_scanned] == id);
        if timing {
            file_times.push((path.clone(), took));
        }
        files_scanned += 1;
        let capped = r.capped.iter().map(|c| c.describe());
        for why in r.partial.iter().cloned().chain(capped) {
            skipped.push(Skipped {
                path: path.clone(),
                reason: why,
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
        if files_scanned % BATCH == 0 || files_scanned == total {
            on_progress(files_scanned, total);
        }
        if progress && (files_scanned % BATCH == 0 || files_scanned == total) {
            use std::io::Write as _;
            let mut err = std::io::stderr();
            let _ = write!(err, "\r  soc2-check: {files_scanned}/{total} files");
            let _ = err.flush();
        }
    });
    if opts.progress {
        eprint!("\r\x1b[2K");
    }
    phases.push(("analyse (parse, match, evaluate)", t_analyse.elapsed()));
    file_times.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    file_times.truncate(10);
    let slowest_files = file_times;
    let analysis = rules.analysis();
    let held: Vec<(&str, Arc<str>)> = ids
        .iter()
        .filter_map(|id| Some((analysis.path(*id)?, analysis.text(*id)?)))
        .collect();
    let texts: Vec<(&str, &str)> = held.iter().map(|(p, t)| (*p, &**t)).collect();
    let (findings, suppressed, notices) = apply_suppressions(findings, &texts, &metas);
    let mut findings = findings;
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
        suppressed,
        notices,
        baselined: 0,
        phases,
        slowest_files,
        skipped,
        files_scanned,
        rules_run: metas.len(),
        rules: {
            let mut r: Vec<(String, &'static str)> = metas
                .values()
                .filter(|m| !m.evidence)
                .map(|m| (m.id.clone(), m.category))
                .collect();
            r.sort();
            r
        },
    }
}

pub type Suppressed = (Vec<Reported>, Vec<(Reported, String)>, Vec<Notice>);

/// Splits off the findings a `soc2-ignore` comment with a reason covers;
/// says which comments have no reason, name no rule, or cover nothing.
pub fn apply_suppressions(
    findings: Vec<Reported>,
    texts: &[(&str, &str)],
    metas: &Metas,
) -> Suppressed {
    let mut by_path: std::collections::HashMap<&str, Vec<(Suppression, bool)>> =
        std::collections::HashMap::new();
    for (path, text) in texts {
        let sups = suppress::parse(path, text);
        if !sups.is_empty() {
            by_path.insert(path, sups.into_iter().map(|s| (s, false)).collect());
        }
    }
    let mut kept = Vec::new();
    let mut suppressed = Vec::new();
    let mut notices = Vec::new();
    for r in findings {
        let line = r.finding.start.line;
        let hit = by_path
            .get_mut(r.finding.path.as_str())
            .and_then(|sups| sups.iter_mut().find(|(s, _)| s.covers(&r.rule.id, line)));
        match hit {
            Some((s, used)) if !s.reason.is_empty() => {
                *used = true;
                let reason = s.reason.clone();
                suppressed.push((r, reason));
            }
            Some((s, used)) => {
                *used = true;
                notices.push(Notice {
                    path: s.path.clone(),
                    line: s.line,
                    message: format!(
                        "`soc2-ignore: {}` gives no reason, so the finding stays; write why after the rule id",
                        r.rule.id
                    ),
                });
                kept.push(r);
            }
            None => kept.push(r),
        }
    }
    for sups in by_path.values() {
        for (s, used) in sups {
            if *used {
                continue;
            }
            let unknown: Vec<&String> =
                s.rules.iter().filter(|r| !metas.contains_key(*r)).collect();
            let message = if s.rules.is_empty() {
                "`soc2-ignore:` names no rule; write `soc2-ignore: RULE-ID reason`".to_string()
            } else if !unknown.is_empty() {
                format!(
                    "`soc2-ignore: {}` names no rule that ran; check the id (`soc2-check rules list`)",
                    s.rules.join(",")
                )
            } else {
                format!(
                    "`soc2-ignore: {}` is stale: nothing is reported here any more; remove it",
                    s.rules.join(",")
                )
            };
            notices.push(Notice {
                path: s.path.clone(),
                line: s.line,
                message,
            });
        }
    }
    notices.sort();
    (kept, suppressed, notices)
}
