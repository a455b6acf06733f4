//! The one front door to the analysis, in the manner of rust-analyzer's
//! `AnalysisHost` and `Analysis`: a host owns the database and takes
//! changes (files added, changed and removed, rule files, the grammars the
//! bundled rules are compiled for); an [`Analysis`] is a snapshot that
//! answers questions (rule problems, compiled rules, a file's findings,
//! what a position holds). Files are named by plain [`FileId`]s, never by
//! salsa inputs, so that a client (the command line, the language server)
//! does not drive salsa itself.
//!
//! A snapshot holds a handle on the database: a change waits until every
//! snapshot is dropped (salsa cancels their running queries, which then
//! unwind with `salsa::Cancelled`; [`Analysis::catch`] turns that into an
//! error). Drop snapshots before the next [`AnalysisHost::apply_change`].

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use salsa::{Database as _, Setter};
use soc2_compiler::lang::Lang;
use soc2_compiler::{Definitions, SourceProblem};
use soc2_grammar::ast::RuleFile;

use crate::db::{
    compiled_rule, definitions, file_findings, parsed_rules, rule_problems, rule_refs,
    CompiledOutcome, Database, FileResult, Project, RuleSet, RuleSource, SourceFile,
};
use crate::finding::Finding;

/// A source file of the host, stable while the file is in it (a file
/// removed and added again gets a new id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(u32);

/// A rule file's text, as loaded: `bundled` marks rule files tested in CI
/// (the bundled ones, and those the tool writes from the bundled
/// definitions), whose regexes and queries are built on first use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleText {
    pub name: String,
    pub text: String,
    pub bundled: bool,
}

type FileText = (Arc<str>, Lang);

/// A batch of changes, applied at once by [`AnalysisHost::apply_change`].
#[derive(Default, Debug)]
pub struct Change {
    /// (path, new text and language, or `None` to remove it).
    files: Vec<(String, Option<FileText>)>,
    rules: Option<Vec<RuleText>>,
    grammars: Option<Option<Vec<Lang>>>,
    listing: Option<Vec<String>>,
}

impl Change {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the file at `path` (relative to the scanned root), or changes
    /// its text or language.
    pub fn set_file(&mut self, path: impl Into<String>, text: Arc<str>, lang: Lang) {
        self.files.push((path.into(), Some((text, lang))));
    }

    pub fn remove_file(&mut self, path: impl Into<String>) {
        self.files.push((path.into(), None));
    }

    /// The rule files, in load order (bundled first). Files kept by name
    /// keep what was computed from them when their text is the same.
    pub fn set_rules(&mut self, rules: Vec<RuleText>) {
        self.rules = Some(rules);
    }

    /// The grammars the bundled rules are compiled for (`None`: all); a
    /// scan needs those of its files only.
    pub fn set_grammars(&mut self, grammars: Option<Vec<Lang>>) {
        self.grammars = Some(grammars);
    }

    /// Every path of the scanned tree, read or not (`beside` asks whether a
    /// file is there).
    pub fn set_listing(&mut self, mut listing: Vec<String>) {
        listing.sort();
        self.listing = Some(listing);
    }
}

/// Owns the database and applies changes to it.
pub struct AnalysisHost {
    db: Database,
    set: RuleSet,
    rules: Vec<RuleSource>,
    project: Project,
    files: Arc<Files>,
}

/// The host's files: the salsa input behind each id, and ids by path.
#[derive(Default, Clone)]
struct Files {
    by_id: Vec<Option<SourceFile>>,
    by_path: HashMap<String, FileId>,
}

impl Default for AnalysisHost {
    fn default() -> Self {
        Self::new()
    }
}

impl AnalysisHost {
    pub fn new() -> Self {
        Self::with_database(Database::default())
    }

    /// A host over `db` (tests pass one that counts salsa's events).
    pub fn with_database(db: Database) -> Self {
        let set = RuleSet::new(&db, Vec::new());
        let project = Project::new(&db, Vec::new(), Vec::new());
        AnalysisHost {
            db,
            set,
            rules: Vec::new(),
            project,
            files: Arc::default(),
        }
    }

    pub fn apply_change(&mut self, change: Change) {
        if let Some(rules) = change.rules {
            self.set_rules(rules);
        }
        if let Some(g) = change.grammars {
            if *self.set.grammars(&self.db) != g {
                self.set.set_grammars(&mut self.db).to(g);
            }
        }
        if let Some(listing) = change.listing {
            if *self.project.listing(&self.db) != listing {
                self.project.set_listing(&mut self.db).to(listing);
            }
        }
        if change.files.is_empty() {
            return;
        }
        let files = Arc::make_mut(&mut self.files);
        let mut membership_changed = false;
        for (path, new) in change.files {
            match (files.by_path.get(&path).copied(), new) {
                (Some(id), Some((text, lang))) => {
                    let Some(f) = files.by_id[id.0 as usize] else {
                        continue;
                    };
                    if **f.text(&self.db) != *text {
                        f.set_text(&mut self.db).to(text);
                    }
                    if f.lang(&self.db) != lang {
                        f.set_lang(&mut self.db).to(lang);
                    }
                }
                (None, Some((text, lang))) => {
                    let f = SourceFile::new(&self.db, path.clone(), text, lang);
                    let id = FileId(files.by_id.len() as u32);
                    files.by_id.push(Some(f));
                    files.by_path.insert(path, id);
                    membership_changed = true;
                }
                (Some(id), None) => {
                    files.by_id[id.0 as usize] = None;
                    files.by_path.remove(&path);
                    membership_changed = true;
                }
                (None, None) => {}
            }
        }
        if membership_changed {
            // In path order, whatever order the changes came in, so that
            // what the project queries collect is deterministic.
            let mut members: Vec<(&String, SourceFile)> = files
                .by_path
                .iter()
                .filter_map(|(p, id)| files.by_id[id.0 as usize].map(|f| (p, f)))
                .collect();
            members.sort_by(|a, b| a.0.cmp(b.0));
            let members = members.into_iter().map(|(_, f)| f).collect();
            self.project.set_files(&mut self.db).to(members);
        }
    }

    fn set_rules(&mut self, rules: Vec<RuleText>) {
        let mut old: HashMap<String, RuleSource> = self
            .rules
            .iter()
            .map(|s| (s.name(&self.db).clone(), *s))
            .collect();
        let mut handles = Vec::with_capacity(rules.len());
        for r in rules {
            let h = match old.remove(&r.name) {
                Some(h) => {
                    if *h.text(&self.db) != r.text {
                        h.set_text(&mut self.db).to(r.text);
                    }
                    if h.bundled(&self.db) != r.bundled {
                        h.set_bundled(&mut self.db).to(r.bundled);
                    }
                    h
                }
                None => RuleSource::new(&self.db, r.name, r.text, r.bundled),
            };
            handles.push(h);
        }
        if handles != self.rules {
            self.set.set_sources(&mut self.db).to(handles.clone());
            self.rules = handles;
        }
    }

    /// A snapshot of the analysis as the last change left it.
    pub fn analysis(&self) -> Analysis {
        Analysis {
            db: self.db.clone(),
            set: self.set,
            project: self.project,
            files: self.files.clone(),
        }
    }

    /// Drops the parsed trees beyond the LRU bound (a large scan would
    /// otherwise keep every tree). Waits for snapshots to be dropped.
    pub fn collect_garbage(&mut self) {
        self.db.trigger_lru_eviction();
    }

    /// Checks `files` on every core, in batches between which parsed trees
    /// are evicted, so that memory stays bounded on large trees; `each`
    /// gets every file's result, in the order of `files`, and the time it
    /// took.
    pub fn check_files(
        &mut self,
        files: &[FileId],
        mut each: impl FnMut(FileId, Arc<FileResult>, Duration),
    ) {
        for batch in files.chunks(BATCH) {
            let analysis = self.analysis();
            let results: Vec<(Arc<FileResult>, Duration)> = batch
                .par_iter()
                .map_with(analysis.clone(), |a, id| {
                    let t = Instant::now();
                    (a.file_result(*id), t.elapsed())
                })
                .collect();
            drop(analysis);
            for (id, (r, took)) in batch.iter().zip(results) {
                each(*id, r, took);
            }
            self.collect_garbage();
        }
    }
}

/// Files checked between two evictions of parsed trees.
const BATCH: usize = 64;

/// A snapshot: answers questions about the files and rules as they were
/// when it was taken. Cheap to clone (one per worker thread).
#[derive(Clone)]
pub struct Analysis {
    db: Database,
    set: RuleSet,
    project: Project,
    files: Arc<Files>,
}

impl Analysis {
    /// Runs `f`, turning salsa's cancellation (a change applied meanwhile)
    /// into an error, for clients that answer while changes come in.
    pub fn catch<T>(&self, f: impl FnOnce(&Self) -> T) -> Result<T, salsa::Cancelled> {
        salsa::Cancelled::catch(std::panic::AssertUnwindSafe(|| f(self)))
    }

    /// The rule files, as (name, text), in load order.
    pub fn rule_files(&self) -> Vec<(String, String)> {
        self.set
            .sources(&self.db)
            .iter()
            .map(|s| (s.name(&self.db).clone(), s.text(&self.db).clone()))
            .collect()
    }

    /// A rule file's syntax tree.
    pub fn parsed_rule_file(&self, index: usize) -> Option<&RuleFile> {
        let s = self.set.sources(&self.db).get(index)?;
        Some(&parsed_rules(&self.db, *s).file)
    }

    /// Every problem of the rule set (syntax, definitions, duplicate ids,
    /// compile errors); empty when the rules are ready to run.
    pub fn rule_problems(&self) -> &[SourceProblem] {
        rule_problems(&self.db, self.set)
    }

    /// How many rules the rule files hold, whether they compile or not.
    pub fn rule_count(&self) -> usize {
        rule_refs(&self.db, self.set).len()
    }

    /// The `i`th rule of the set, compiled (with its problems).
    pub fn compiled_rule(&self, i: usize) -> Option<Arc<CompiledOutcome>> {
        let r = rule_refs(&self.db, self.set).get(i)?;
        Some(compiled_rule(&self.db, self.set, r.source, r.index).clone())
    }

    /// Every rule, compiled, in load order.
    pub fn compiled_rules(&self) -> Vec<Arc<CompiledOutcome>> {
        (0..self.rule_count())
            .filter_map(|i| self.compiled_rule(i))
            .collect()
    }

    /// The merged definitions of the rule set.
    pub fn definitions(&self) -> &Definitions {
        &definitions(&self.db, self.set).0
    }

    /// The files, in path order.
    pub fn files(&self) -> Vec<FileId> {
        let mut ids: Vec<(&String, FileId)> =
            self.files.by_path.iter().map(|(p, id)| (p, *id)).collect();
        ids.sort();
        ids.into_iter().map(|(_, id)| id).collect()
    }

    pub fn file_id(&self, path: &str) -> Option<FileId> {
        self.files.by_path.get(path).copied()
    }

    fn source(&self, id: FileId) -> Option<SourceFile> {
        self.files.by_id.get(id.0 as usize).copied().flatten()
    }

    pub fn path(&self, id: FileId) -> Option<&str> {
        Some(self.source(id)?.path(&self.db).as_str())
    }

    pub fn text(&self, id: FileId) -> Option<Arc<str>> {
        Some(self.source(id)?.text(&self.db).clone())
    }

    pub fn lang(&self, id: FileId) -> Option<Lang> {
        Some(self.source(id)?.lang(&self.db))
    }

    /// The findings of one file, with what was left out and why. A file
    /// not in the host has none.
    pub fn file_result(&self, id: FileId) -> Arc<FileResult> {
        match self.source(id) {
            Some(f) => file_findings(&self.db, f, self.set, self.project).clone(),
            None => Arc::default(),
        }
    }

    /// The findings whose range holds byte `offset` of the file, innermost
    /// first.
    pub fn findings_at(&self, id: FileId, offset: usize) -> Vec<Finding> {
        let result = self.file_result(id);
        let mut at: Vec<Finding> = result
            .findings
            .iter()
            .filter(|f| f.start_byte <= offset && offset <= f.end_byte)
            .cloned()
            .collect();
        at.sort_by_key(|f| f.end_byte - f.start_byte);
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "rule ev {\n title \"t\"\n severity high\n category encryption\n criteria CC6.1\n message \"eval\"\n match python `eval($X)`\n}\n";

    fn host_with(files: &[(&str, &str)]) -> AnalysisHost {
        let mut host = AnalysisHost::new();
        let mut c = Change::new();
        c.set_rules(vec![RuleText {
            name: "r.rule".into(),
            text: RULE.into(),
            bundled: false,
        }]);
        for (p, t) in files {
            c.set_file(*p, Arc::from(*t), Lang::Python);
        }
        host.apply_change(c);
        host
    }

    fn lines(a: &Analysis, path: &str) -> Vec<usize> {
        let id = a.file_id(path).expect("file in the host");
        a.file_result(id)
            .findings
            .iter()
            .map(|f| f.start.line)
            .collect()
    }

    #[test]
    fn files_are_added_changed_and_removed_by_path() {
        let mut host = host_with(&[("b.py", "eval(x)\n"), ("a.py", "x = 1\n")]);
        let a = host.analysis();
        assert!(a.rule_problems().is_empty());
        let paths: Vec<&str> = a.files().iter().filter_map(|f| a.path(*f)).collect();
        assert_eq!(paths, ["a.py", "b.py"]);
        assert_eq!(lines(&a, "b.py"), [1]);
        assert!(lines(&a, "a.py").is_empty());
        let b = a.file_id("b.py").unwrap();
        drop(a);

        let mut c = Change::new();
        c.set_file("a.py", Arc::from("\neval(y)\n"), Lang::Python);
        c.remove_file("b.py");
        host.apply_change(c);
        let a = host.analysis();
        assert_eq!(lines(&a, "a.py"), [2]);
        assert_eq!(a.file_id("b.py"), None);
        assert!(a.file_result(b).findings.is_empty());
        assert_eq!(a.files().len(), 1);
    }

    #[test]
    fn a_rule_edit_reaches_the_findings_and_a_broken_one_is_a_problem() {
        let mut host = host_with(&[("a.py", "eval(x)\nexec(x)\n")]);
        assert_eq!(lines(&host.analysis(), "a.py"), [1]);
        let mut c = Change::new();
        c.set_rules(vec![RuleText {
            name: "r.rule".into(),
            text: RULE.replace("eval($X)", "exec($X)"),
            bundled: false,
        }]);
        host.apply_change(c);
        assert_eq!(lines(&host.analysis(), "a.py"), [2]);
        let mut c = Change::new();
        c.set_rules(vec![RuleText {
            name: "r.rule".into(),
            text: "rule {".into(),
            bundled: false,
        }]);
        host.apply_change(c);
        assert!(!host.analysis().rule_problems().is_empty());
    }

    #[test]
    fn findings_at_a_position_and_every_file_on_every_core() {
        let mut host = host_with(&[("a.py", "x = 1\neval(x)\n"), ("b.py", "eval(1)\n")]);
        let a = host.analysis();
        let id = a.file_id("a.py").unwrap();
        assert_eq!(a.findings_at(id, 8).len(), 1);
        assert!(a.findings_at(id, 2).is_empty());
        let ids = a.files();
        drop(a);
        let mut seen = Vec::new();
        host.check_files(&ids, |id, r, _| seen.push((id, r.findings.len())));
        assert_eq!(seen, [(ids[0], 1), (ids[1], 1)]);
    }
}
