//! Loading rule files (bundled and the user's) into the database, and
//! reporting their problems.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use soc2_engine::db::CompiledOutcome;
use soc2_engine::{Analysis, AnalysisHost, Change, RuleText};

use crate::diagnostics::{render, SourceDiagnostic};
use crate::style::Style;
use crate::CliError;

/// The prefix under which bundled rule files are named.
pub const STDLIB_PREFIX: &str = "stdlib/";

pub struct LoadedRules {
    /// The analysis, with the rule files set; a scan adds the files.
    pub host: AnalysisHost,
    /// (name, text) of each rule file, in load order.
    pub sources: Vec<(String, String)>,
    /// Index of the first user rule file.
    pub first_user: usize,
}

impl LoadedRules {
    /// The compiled rules, in load order. Only call after [`check`].
    pub fn compiled(&self) -> Vec<Arc<CompiledOutcome>> {
        self.host.analysis().compiled_rules()
    }

    /// A snapshot of the analysis; drop it before the next change.
    pub fn analysis(&self) -> Analysis {
        self.host.analysis()
    }

    /// Compiles the bundled rules for these grammars only (text rules
    /// always); set before the rules are first compiled.
    pub fn compile_for(&mut self, grammars: Vec<soc2_compiler::lang::Lang>) {
        let mut c = Change::new();
        c.set_grammars(Some(grammars));
        self.host.apply_change(c);
    }

    pub fn find(&self, id: &str) -> Option<Arc<CompiledOutcome>> {
        self.compiled()
            .into_iter()
            .find(|o| o.rule.as_ref().is_some_and(|r| r.id == id))
    }
}

/// Every `.rule` file at or under `path`, sorted.
pub fn rule_files_under(path: &Path) -> Result<Vec<PathBuf>, CliError> {
    if !path.exists() {
        return Err(CliError::Usage(format!(
            "rules path `{}` does not exist",
            path.display()
        )));
    }
    let is_rule = |p: &Path| p.extension().is_some_and(|e| e == "rule");
    if path.is_file() {
        // Anything else named as rules (an environment file, /etc/passwd)
        // is refused unread: a diagnostic would echo its content.
        if !is_rule(path) {
            return Err(CliError::Usage(format!(
                "`{}` is not a rule file: rule files end in `.rule`",
                path.display()
            )));
        }
        return Ok(vec![path.to_path_buf()]);
    }
    let root = path
        .canonicalize()
        .map_err(|e| CliError::Usage(format!("cannot read `{}`: {e}", path.display())))?;
    let mut out = Vec::new();
    for entry in ignore::WalkBuilder::new(path).hidden(false).build() {
        let entry =
            entry.map_err(|e| CliError::Usage(format!("cannot read `{}`: {e}", path.display())))?;
        let p = entry.path();
        if !(p.is_file() && is_rule(p)) {
            continue;
        }
        // A link in a rules directory does not lead out of it.
        if entry.path_is_symlink() && !p.canonicalize().is_ok_and(|t| t.starts_with(&root)) {
            return Err(CliError::Usage(format!(
                "`{}` is a symbolic link that leads out of `{}`; rule files are read only inside the rules directory",
                p.display(),
                path.display()
            )));
        }
        out.push(p.to_path_buf());
    }
    out.sort();
    if out.is_empty() {
        return Err(CliError::Usage(format!(
            "no `.rule` files under `{}`",
            path.display()
        )));
    }
    Ok(out)
}

pub fn load(user_paths: &[PathBuf], no_stdlib: bool) -> Result<LoadedRules, CliError> {
    load_sources(user_paths, no_stdlib, false, Vec::new())
}

/// Loads the bundled rule files (with `definitions_only`, only those that
/// define and do not report), the user's, and `extra` (name, text, tested)
/// sources written by the tool itself. A tested source is compiled as the
/// bundled ones are (regexes and queries built on first use, plans for the
/// scan's grammars only): it is made from the bundled definitions alone and
/// the e2e tests run it; one made from the user's settings is not.
pub fn load_sources(
    user_paths: &[PathBuf],
    no_stdlib: bool,
    definitions_only: bool,
    extra: Vec<(String, String, bool)>,
) -> Result<LoadedRules, CliError> {
    let mut loaded = LoadedRules {
        host: AnalysisHost::new(),
        sources: Vec::new(),
        first_user: 0,
    };
    reload(
        &mut loaded,
        user_paths,
        no_stdlib,
        definitions_only,
        extra,
        &|_| None,
    )?;
    Ok(loaded)
}

/// Reads the rule files again into `loaded`'s host (what did not change
/// keeps what was computed from it); `buffer` gives the text of a rule file
/// that an editor holds unsaved, by path.
pub fn reload(
    loaded: &mut LoadedRules,
    user_paths: &[PathBuf],
    no_stdlib: bool,
    definitions_only: bool,
    extra: Vec<(String, String, bool)>,
    buffer: &dyn Fn(&Path) -> Option<String>,
) -> Result<(), CliError> {
    let mut sources: Vec<(String, String)> = Vec::new();
    if !no_stdlib {
        for f in soc2_stdlib_rules::rule_files() {
            if definitions_only && !f.path.starts_with("definitions/") {
                continue;
            }
            sources.push((format!("{STDLIB_PREFIX}{}", f.path), f.contents.to_string()));
        }
    }
    let first_user = sources.len();
    let mut seen = std::collections::HashSet::new();
    for p in user_paths {
        for file in rule_files_under(p)? {
            // A file reached twice (`--rules D/x.rule` and `rules-dirs = ["D"]`) is loaded once.
            if !seen.insert(file.canonicalize().unwrap_or_else(|_| file.clone())) {
                continue;
            }
            let text = match buffer(&file) {
                Some(t) => t,
                None => std::fs::read_to_string(&file).map_err(|e| {
                    CliError::Usage(format!("cannot read rule file `{}`: {e}", file.display()))
                })?,
            };
            sources.push((file.display().to_string(), text));
        }
    }
    let tested: Vec<bool> = (0..sources.len())
        .map(|i| i < first_user)
        .chain(extra.iter().map(|e| e.2))
        .collect();
    sources.extend(extra.into_iter().map(|(n, t, _)| (n, t)));
    if sources.is_empty() {
        return Err(CliError::Usage(
            "no rules to run: --no-stdlib needs --rules PATH".into(),
        ));
    }
    let mut change = Change::new();
    change.set_rules(
        sources
            .iter()
            .zip(tested)
            .map(|((name, text), bundled)| RuleText {
                name: name.clone(),
                text: text.clone(),
                bundled,
            })
            .collect(),
    );
    loaded.host.apply_change(change);
    loaded.sources = sources;
    loaded.first_user = first_user;
    Ok(())
}

/// Compiles the rules and prints every problem as a diagnostic on stderr.
/// Errors with the number of problems, which makes the exit status 2.
pub fn check(loaded: &LoadedRules) -> Result<(), CliError> {
    compile_on_every_core(loaded);
    let analysis = loaded.analysis();
    let problems = analysis.rule_problems();
    if problems.is_empty() {
        return Ok(());
    }
    let style = Style::detect_stderr();
    let mut out = String::new();
    for p in problems {
        let (name, text) = &loaded.sources[p.source];
        let d = SourceDiagnostic::from_problem(&p.problem, name, text);
        out.push_str(&render(&d, style));
    }
    eprint!("{out}");
    let files: std::collections::BTreeSet<usize> = problems.iter().map(|p| p.source).collect();
    eprintln!(
        "error: {} problem{} in {} rule file{}; nothing was scanned",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        files.len(),
        if files.len() == 1 { "" } else { "s" },
    );
    Err(CliError::Rules)
}

/// Compiles the rules on every core, a database handle per worker, before
/// their problems are collected: compiling is most of a small run's time.
fn compile_on_every_core(loaded: &LoadedRules) {
    use rayon::prelude::*;
    let analysis = loaded.analysis();
    (0..analysis.rule_count())
        .into_par_iter()
        .for_each_with(analysis.clone(), |a, i| {
            a.compiled_rule(i);
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file that is not a rule file is refused unread, and a link in a
    /// rules directory does not lead out of it: neither is echoed.
    #[test]
    fn only_rule_files_inside_the_rules_directory_are_read() {
        let d = tempfile::tempdir().unwrap();
        let env = d.path().join(".env");
        std::fs::write(&env, "TOKEN=do-not-print\n").unwrap();
        let e = rule_files_under(&env).unwrap_err();
        assert!(format!("{e:?}").contains("not a rule file"), "{e:?}");
        assert!(!format!("{e:?}").contains("do-not-print"));
        let rules = d.path().join("rules");
        std::fs::create_dir(&rules).unwrap();
        std::fs::write(rules.join("ok.rule"), "").unwrap();
        assert_eq!(rule_files_under(&rules).unwrap().len(), 1);
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.rule");
        std::fs::write(&secret, "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&secret, rules.join("evil.rule")).unwrap();
            let e = rule_files_under(&rules).unwrap_err();
            assert!(format!("{e:?}").contains("leads out"), "{e:?}");
        }
    }
}
