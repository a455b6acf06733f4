//! The one preparation of every command: the configuration found for the
//! path (or named by `--config`), the command line over it, the rule files
//! of `--rules` and of the configuration's `rules-dirs` (each file once),
//! loaded into the host and checked, and, for the commands that scan, the
//! walk of the tree.

use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::ruleset::{self, LoadedRules};
use crate::scan::{self, ScanOptions};
use crate::walk;
use crate::CliError;

/// What the command line says about rules and the configuration.
pub struct Request<'a> {
    /// The scanned path, or where the configuration is looked for.
    pub path: &'a Path,
    pub config: Option<&'a Path>,
    pub rules: &'a [PathBuf],
    pub no_stdlib: bool,
    /// `--criteria`, checked.
    pub criteria: Vec<String>,
    pub max_file_size: Option<&'a str>,
    pub no_default_ignores: bool,
}

/// The options of a command, before any rule is loaded: the command line
/// over the configuration.
pub fn options(req: &Request) -> Result<ScanOptions, CliError> {
    if !req.path.exists() {
        return Err(CliError::Usage(format!(
            "path `{}` does not exist",
            req.path.display()
        )));
    }
    if let Some(c) = req.config.filter(|c| !c.is_file()) {
        return Err(CliError::Usage(format!(
            "configuration file `{}` does not exist",
            c.display()
        )));
    }
    let cfg = match config::find(req.path, req.config) {
        Some(p) => config::load(&p)?,
        None => Config::default(),
    };
    let max_file_size = match req.max_file_size {
        Some(s) => walk::parse_size(s).map_err(CliError::Usage)?,
        None => cfg.max_file_size.unwrap_or(walk::DEFAULT_MAX_FILE_SIZE),
    };
    let scope = if req.criteria.is_empty() {
        cfg.criteria.clone()
    } else {
        req.criteria.clone()
    };
    let rule_paths = rule_paths(req.rules, &cfg.rules_dirs);
    Ok(ScanOptions {
        path: req.path.to_path_buf(),
        max_file_size,
        default_ignores: !req.no_default_ignores,
        scope,
        rule_paths,
        no_stdlib: req.no_stdlib,
        config: cfg,
        progress: false,
        found: None,
    })
}

/// `--rules` paths, then the configuration's rule directories, each once
/// (`--rules D` with `rules-dirs = ["D"]` loads D once).
fn rule_paths(cli: &[PathBuf], configured: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for p in cli.iter().chain(configured) {
        let key = p.canonicalize().unwrap_or_else(|_| p.clone());
        if !seen.contains(&key) {
            seen.push(key);
            out.push(p.clone());
        }
    }
    out
}

/// The configuration's public routes, as a rule file the tool writes.
pub fn config_sources(opts: &ScanOptions) -> Vec<(String, String, bool)> {
    opts.config
        .public_routes_rule()
        .map(|t| (config::FILE_NAME.to_string(), t, false))
        .into_iter()
        .collect()
}

/// The rules of a command that does not scan (`explain`, `rules`, `test`),
/// loaded and checked.
pub fn rules(opts: &ScanOptions) -> Result<LoadedRules, CliError> {
    let loaded = ruleset::load_sources(
        &opts.rule_paths,
        opts.no_stdlib,
        false,
        config_sources(opts),
    )?;
    ruleset::check(&loaded)?;
    check_rule_ids(&loaded, &opts.config)?;
    Ok(loaded)
}

/// The rules of a command that scans, compiled for the grammars of the
/// files the walk found, and the options with that walk.
pub fn scan(mut opts: ScanOptions) -> Result<(LoadedRules, ScanOptions), CliError> {
    let mut loaded = ruleset::load_sources(
        &opts.rule_paths,
        opts.no_stdlib,
        false,
        config_sources(&opts),
    )?;
    let found = scan::walk_for(
        &mut [&mut loaded],
        &opts.path,
        opts.default_ignores,
        &opts.config,
    );
    ruleset::check(&loaded)?;
    check_rule_ids(&loaded, &opts.config)?;
    opts.found = Some(found);
    Ok((loaded, opts))
}

/// The walk of the tree alone, for a command that loads its own rules
/// (`endpoints`).
pub fn walk(mut opts: ScanOptions) -> ScanOptions {
    opts.found = Some(std::sync::Arc::new(walk::discover(
        &opts.path,
        opts.default_ignores,
    )));
    opts
}

/// The configuration names only rules that exist.
fn check_rule_ids(loaded: &LoadedRules, cfg: &Config) -> Result<(), CliError> {
    let ids: Vec<String> = loaded
        .compiled()
        .iter()
        .filter_map(|o| o.rule.as_ref().map(|r| r.id.clone()))
        .collect();
    cfg.check_rule_ids(&ids.iter().map(String::as_str).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rules_directory_named_twice_is_loaded_once() {
        let d = tempfile::tempdir().unwrap();
        let rules = d.path().join("rules");
        std::fs::create_dir(&rules).unwrap();
        let also = d.path().join("./rules/../rules");
        let other = d.path().join("other");
        let got = rule_paths(&[rules.clone(), other.clone()], &[also]);
        assert_eq!(got, [rules, other]);
    }
}
