//! The salsa database: source files and rule files are inputs; parsing,
//! compilation, prefiltering and findings are tracked functions, so that a
//! change to one file or one rule recomputes only what depends on it.

use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::AhoCorasick;
use soc2_compiler::lang::Lang;
use soc2_compiler::{CompiledRule, Definitions, SourceProblem};
use soc2_grammar::ast::RuleFile;
use soc2_grammar::Problem;

use soc2_compiler::plan::Matcher;

use crate::cfg::FileCfgs;
use crate::finding::{assign_fingerprints, make_finding, secret_ranges, EndpointInfo, Finding};
use crate::formula::evaluate;
use crate::masking::Masking;
use crate::matching::Match;
use crate::matching::{match_patterns, match_patterns_bounded};
use crate::matching::{FileRef, Site};
use crate::parse::parse_source;
use crate::project::{EvalCtx, ExtMount, ProjectView, Setting};
use crate::routes::{ModelMatches, MountFact};
use crate::symbols::Symbols;
use soc2_compiler::pattern::direct::MATCH_BUDGET;
use soc2_compiler::prefilter::is_word_occurrence;

/// A source file to scan. `path` is relative to the scanned root.
#[salsa::input(debug)]
pub struct SourceFile {
    #[returns(ref)]
    pub path: String,
    #[returns(ref)]
    pub text: Arc<str>,
    #[returns(copy)]
    pub lang: Lang,
}

/// The files of one scan, for what crosses files (imports, mounted
/// routers, helpers).
#[salsa::input(debug)]
pub struct Project {
    #[returns(ref)]
    pub files: Vec<SourceFile>,
    /// Every file path of the scanned tree, sorted, read or not (`beside`
    /// asks whether a lockfile is there, without reading it).
    #[returns(ref)]
    pub listing: Vec<String>,
}

/// One rule file.
#[salsa::input(debug)]
pub struct RuleSource {
    #[returns(ref)]
    pub name: String,
    #[returns(ref)]
    pub text: String,
    /// Tested in CI (the bundled rules, and rules the tool writes from the
    /// bundled definitions): their regexes and queries are built on first
    /// use and their plans only for the scan's grammars.
    #[returns(copy)]
    pub bundled: bool,
}

/// The rule files in load order: bundled first, then the user's.
#[salsa::input(debug)]
pub struct RuleSet {
    #[returns(ref)]
    pub sources: Vec<RuleSource>,
    /// The grammars whose plans the bundled rules are compiled for (`None`:
    /// all): a scan needs those of its files only. User rules are always
    /// compiled in full, so that every mistake in them is reported.
    #[default]
    #[returns(ref)]
    pub grammars: Option<Vec<Lang>>,
}

#[salsa::db]
pub trait Db: salsa::Database {}

#[salsa::db]
#[derive(Clone, Default)]
pub struct Database {
    storage: salsa::Storage<Self>,
}

impl Database {
    /// A database that reports every salsa event to `on_event` (used by
    /// tests that count re-executions).
    pub fn with_events(on_event: impl Fn(salsa::Event) + Send + Sync + 'static) -> Self {
        Database {
            storage: salsa::Storage::new(Some(Box::new(on_event))),
        }
    }
}

#[salsa::db]
impl salsa::Database for Database {}

#[salsa::db]
impl Db for Database {}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedRules {
    pub file: RuleFile,
    pub problems: Vec<Problem>,
}

#[salsa::tracked(returns(ref))]
pub fn parsed_rules(db: &dyn Db, source: RuleSource) -> ParsedRules {
    let (file, problems) = soc2_grammar::parse_rule_file(source.text(db));
    ParsedRules { file, problems }
}

/// The merged definitions of the rule set, and the problems merging found.
#[salsa::tracked(returns(ref))]
pub fn definitions(db: &dyn Db, set: RuleSet) -> (Definitions, Vec<SourceProblem>) {
    let sources = set.sources(db);
    soc2_compiler::defs::collect(&rule_files(db, set), |i| !sources[i].bundled(db))
}

/// The parsed rule files of the set, numbered in load order.
fn rule_files(db: &dyn Db, set: RuleSet) -> Vec<(usize, &RuleFile)> {
    set.sources(db)
        .iter()
        .enumerate()
        .map(|(i, s)| (i, &parsed_rules(db, *s).file))
        .collect()
}

/// Identifies one rule: which rule file, and which rule in it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RuleRef {
    pub source_index: usize,
    pub source: RuleSource,
    pub index: usize,
    pub id: String,
}

#[salsa::tracked(returns(ref))]
pub fn rule_refs(db: &dyn Db, set: RuleSet) -> Vec<RuleRef> {
    let mut out = Vec::new();
    for (si, s) in set.sources(db).iter().enumerate() {
        for (i, r) in parsed_rules(db, *s).file.rules.iter().enumerate() {
            out.push(RuleRef {
                source_index: si,
                source: *s,
                index: i,
                id: r.id.value.clone(),
            });
        }
    }
    out
}

#[derive(Debug, PartialEq, Eq)]
pub struct CompiledOutcome {
    pub rule: Option<CompiledRule>,
    pub problems: Vec<SourceProblem>,
}

/// Compiles one rule. Equal when the rule's text and the definitions it
/// uses are, so an unrelated edit does not spread.
#[salsa::tracked(returns(ref))]
pub fn compiled_rule(
    db: &dyn Db,
    set: RuleSet,
    source: RuleSource,
    index: usize,
) -> Arc<CompiledOutcome> {
    let ast = &parsed_rules(db, source).file.rules[index];
    let si = set
        .sources(db)
        .iter()
        .position(|s| *s == source)
        .unwrap_or(0);
    let (defs, _) = definitions(db, set);
    let bundled = source.bundled(db);
    let grammars = set.grammars(db).as_deref().filter(|_| bundled);
    let (rule, problems) = soc2_compiler::compile_rule(si, ast, defs, !bundled, grammars);
    Arc::new(CompiledOutcome { rule, problems })
}

/// Every problem in the rule set: syntax, definitions, duplicate ids and
/// compile errors. Empty means the rules are ready to run.
#[salsa::tracked(returns(ref))]
pub fn rule_problems(db: &dyn Db, set: RuleSet) -> Vec<SourceProblem> {
    let mut out = Vec::new();
    for (i, s) in set.sources(db).iter().enumerate() {
        out.extend(parsed_rules(db, *s).problems.iter().map(|p| SourceProblem {
            source: i,
            problem: p.clone(),
        }));
    }
    out.extend(definitions(db, set).1.iter().cloned());
    out.extend(soc2_compiler::duplicate_rule_ids(&rule_files(db, set)));
    for r in rule_refs(db, set) {
        out.extend(
            compiled_rule(db, set, r.source, r.index)
                .problems
                .iter()
                .cloned(),
        );
    }
    out
}

/// The prefilters of every rule's plans, with their literals numbered for
/// one Aho–Corasick automaton.
#[derive(Debug, PartialEq, Eq)]
pub struct PrefilterTable {
    pub entries: Vec<PlanEntry>,
    /// Distinct literal texts; the automaton's pattern ids.
    pub literals: Vec<String>,
}

/// One plan of one rule (`rule` indexes `rule_refs`, `plan` the rule's plans).
#[derive(Debug, PartialEq, Eq)]
pub struct PlanEntry {
    pub rule: usize,
    pub plan: usize,
    pub lang: Lang,
    pub clauses: Vec<ClauseEntry>,
}

/// A prefilter clause: (literal id, must be a whole word) pairs, and the
/// sources of its regexes (checked against the compiled plan's).
#[derive(Debug, PartialEq, Eq)]
pub struct ClauseEntry {
    pub literals: Vec<(usize, bool)>,
    pub regexes: Vec<String>,
}

#[salsa::tracked(returns(ref))]
pub fn prefilter_table(db: &dyn Db, set: RuleSet) -> PrefilterTable {
    let mut literals: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    for (ri, r) in rule_refs(db, set).iter().enumerate() {
        let outcome = compiled_rule(db, set, r.source, r.index);
        let Some(rule) = &outcome.rule else { continue };
        for (pi, plan) in rule.plans.iter().enumerate() {
            let clauses = plan
                .prefilter
                .clauses
                .iter()
                .map(|c| ClauseEntry {
                    literals: c
                        .literals
                        .iter()
                        .map(|l| {
                            let id = match literals.iter().position(|x| *x == l.text) {
                                Some(i) => i,
                                None => {
                                    literals.push(l.text.clone());
                                    literals.len() - 1
                                }
                            };
                            (id, l.word)
                        })
                        .collect(),
                    regexes: c.regexes.iter().map(|r| r.as_str().to_string()).collect(),
                })
                .collect();
            entries.push(PlanEntry {
                rule: ri,
                plan: pi,
                lang: plan.lang,
                clauses,
            });
        }
    }
    PrefilterTable { entries, literals }
}

/// The automaton over all literals; rebuilt only when the table changes.
#[salsa::tracked(returns(ref), no_eq)]
pub fn prefilter_automaton(db: &dyn Db, set: RuleSet) -> Option<Arc<AhoCorasick>> {
    let table = prefilter_table(db, set);
    if table.literals.is_empty() {
        return None;
    }
    AhoCorasick::new(&table.literals).ok().map(Arc::new)
}

/// The plans, as (rule, plan) indices, worth running on a file: the plan is
/// for the file's language, path filters allow the file, and its text
/// passes the plan's prefilter.
/// The rule set's masking definitions, compiled: `masked_value` (values
/// that are credentials by their form) and `masked_context` (code before a
/// literal that makes it one); random-looking literals are masked whatever
/// the set defines.
#[salsa::tracked(returns(ref), no_eq)]
pub fn masking(db: &dyn Db, set: RuleSet) -> Arc<Masking> {
    let (defs, _) = definitions(db, set);
    let compile = |name: &str| -> Vec<soc2_compiler::re::Re> {
        match defs.get(name) {
            Some(soc2_compiler::defs::Def::Regexes(rs)) => rs
                .iter()
                .map(|(_, r)| soc2_compiler::re::Re::lazy(&r.value))
                .collect(),
            _ => Vec::new(),
        }
    };
    let m = Masking {
        values: compile("masked_value"),
        contexts: compile("masked_context"),
    };
    Arc::new(m)
}

#[salsa::tracked(returns(ref))]
pub fn active_rules(db: &dyn Db, file: SourceFile, set: RuleSet) -> Vec<(usize, usize)> {
    let text: &str = file.text(db);
    let lang = file.lang(db);
    let path = file.path(db);
    let table = prefilter_table(db, set);
    // Which literals occur at all, and which as whole words.
    let mut anywhere = vec![false; table.literals.len()];
    let mut as_word = vec![false; table.literals.len()];
    if let Some(ac) = prefilter_automaton(db, set) {
        let bytes = text.as_bytes();
        for m in ac.find_overlapping_iter(bytes) {
            let id = m.pattern().as_usize();
            anywhere[id] = true;
            if !as_word[id] && is_word_occurrence(bytes, m.start(), m.end()) {
                as_word[id] = true;
            }
        }
    }
    let contains = |&(id, word): &(usize, bool)| if word { as_word[id] } else { anywhere[id] };
    let refs = rule_refs(db, set);
    let mut out = Vec::new();
    let mut regex_results: HashMap<String, bool> = Default::default();
    for e in &table.entries {
        if e.lang != lang {
            continue;
        }
        // Clauses of literals only are decided here, without the rule.
        let literal_fail = e
            .clauses
            .iter()
            .any(|c| c.regexes.is_empty() && !c.literals.iter().any(contains));
        if literal_fail {
            continue;
        }
        let r = &refs[e.rule];
        let outcome = compiled_rule(db, set, r.source, r.index);
        let Some(rule) = &outcome.rule else { continue };
        let plan = &rule.plans[e.plan];
        if !rule.paths.allows(path) || !(plan.files.is_empty() || plan.files.allows(path)) {
            continue;
        }
        // Rules share regexes (the routing model's file filters): each is
        // run over the text once.
        let mut is_match = |re: &soc2_compiler::re::Re| -> bool {
            *regex_results
                .entry(re.as_str().to_string())
                .or_insert_with(|| re.is_match(text))
        };
        let regex_fail = e
            .clauses
            .iter()
            .zip(&plan.prefilter.clauses)
            .any(|(ce, c)| {
                !ce.regexes.is_empty()
                    && !ce.literals.iter().any(contains)
                    && !c.regexes.iter().any(&mut is_match)
            });
        if !regex_fail {
            out.push((e.rule, e.plan));
        }
    }
    out
}

/// A parsed syntax tree. Not comparable, so it never stops recomputation;
/// bounded by the LRU so a large scan does not keep every tree.
#[derive(Clone)]
pub struct ParsedTree {
    pub tree: Option<tree_sitter::Tree>,
}

#[salsa::tracked(returns(ref), no_eq, lru = 16)]
pub fn parsed_tree(db: &dyn Db, file: SourceFile) -> ParsedTree {
    ParsedTree {
        tree: parse_source(file.lang(db), file.text(db)),
    }
}

/// The control-flow graphs of a file's functions, for `dominated by`.
#[salsa::tracked(returns(ref))]
pub fn file_cfgs(db: &dyn Db, file: SourceFile) -> Option<Arc<FileCfgs>> {
    let tree = parsed_tree(db, file).tree.as_ref()?;
    Some(Arc::new(crate::cfg::build(tree, file.lang(db))))
}

/// Findings one rule may make in one file: past it, a generated or
/// hostile file (8,000 matches on one line) would fill memory and every
/// report with copies of itself.
pub const MAX_FINDINGS_PER_RULE: usize = 100;
/// Findings all rules together may make in one file.
pub const MAX_FINDINGS_PER_FILE: usize = 1_000;

/// The outcome of scanning one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileResult {
    pub findings: Vec<Finding>,
    /// Set when the file was only partly understood (syntax errors).
    pub partial: Option<String>,
    /// Whether the file had to be parsed at all.
    pub parsed: bool,
    /// Where a bound on findings was hit, what it left out.
    pub capped: Vec<Capped>,
}

/// Findings left out of a file's result by a bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capped {
    /// The rule, or `None` for the bound on the whole file.
    pub rule: Option<String>,
    /// How many there were, and how many are kept.
    pub found: usize,
    pub kept: usize,
}

impl Capped {
    /// Says what was left out and why, for the list of files scanned in part.
    pub fn describe(&self) -> String {
        match &self.rule {
            Some(rule) => format!(
                "`{rule}` matched {} times; the first {} are reported (at most {MAX_FINDINGS_PER_RULE} per rule and file)",
                self.found, self.kept
            ),
            None => format!(
                "the rules matched {} times; the first {} are reported (at most {MAX_FINDINGS_PER_FILE} per file)",
                self.found, self.kept
            ),
        }
    }
}

/// The paths of a project's files, for module resolution.
#[derive(Debug, PartialEq, Eq)]
pub struct ModuleIndex {
    pub paths: Vec<String>,
    pub files: Vec<SourceFile>,
}

impl ModuleIndex {
    /// The [`FileRef`] of a file of the project: its place in path order.
    fn file_ref(&self, db: &dyn Db, f: SourceFile) -> FileRef {
        let i = self
            .paths
            .binary_search(f.path(db))
            .unwrap_or(self.paths.len());
        FileRef(i as u32)
    }

    fn source(&self, r: FileRef) -> SourceFile {
        self.files[r.0 as usize]
    }
}

#[salsa::tracked(returns(ref))]
pub fn module_index(db: &dyn Db, project: Project) -> Arc<ModuleIndex> {
    let mut pairs: Vec<(String, SourceFile)> = project
        .files(db)
        .iter()
        .map(|f| (f.path(db).clone(), *f))
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let (paths, files) = pairs.into_iter().unzip();
    Arc::new(ModuleIndex { paths, files })
}

/// What a file imports, exports and defines.
#[salsa::tracked(returns(ref))]
pub fn file_symbols(db: &dyn Db, file: SourceFile) -> Arc<Symbols> {
    match &parsed_tree(db, file).tree {
        Some(tree) => Arc::new(crate::symbols::extract(tree, file.text(db), file.lang(db))),
        None => Arc::new(Symbols::default()),
    }
}

/// The routing model of each language, compiled from the definitions
/// alone (for files no rule reports on, such as one that only mounts
/// routers), with the prefilters of its mounts and middleware.
pub struct RoutingPlans {
    pub plans: Vec<soc2_compiler::compile::RoutingPlan>,
}

#[salsa::tracked(returns(ref), no_eq)]
pub fn routing_plans(db: &dyn Db, set: RuleSet) -> Arc<RoutingPlans> {
    let (defs, _) = definitions(db, set);
    let wanted = set.grammars(db);
    let plans = Lang::CODE
        .into_iter()
        .filter(|l| wanted.as_ref().is_none_or(|g| g.contains(l)))
        .filter_map(|lang| soc2_compiler::compile::compile_routing(defs, lang))
        .collect();
    Arc::new(RoutingPlans { plans })
}

/// The mounts, in one file, of routers defined in other files.
#[salsa::tracked(returns(ref))]
pub fn file_mount_facts(
    db: &dyn Db,
    file: SourceFile,
    set: RuleSet,
    project: Project,
) -> Arc<Vec<MountFact>> {
    let routing = routing_plans(db, set);
    let lang = file.lang(db);
    let text: &str = file.text(db);
    let Some(rp) = routing.plans.iter().find(|r| r.plan.lang == lang) else {
        return Arc::new(Vec::new());
    };
    let plan = &rp.plan;
    if !rp.mount_prefilters.iter().any(|p| p.admits(text)) {
        return Arc::new(Vec::new());
    }
    // Not kept: most files that pass the prefilter mount nothing.
    let Some(tree) = parse_source(lang, text) else {
        return Arc::new(Vec::new());
    };
    let Matcher::Endpoint(model) = &plan.matcher else {
        return Arc::new(Vec::new());
    };
    let pats = match_patterns(&[plan], &tree, file.text(db), lang).swap_remove(0);
    let view = ScanView::new(db, set, project, file, None);
    let no_cfgs = || None;
    let cx = EvalCtx {
        src: text,
        lang,
        cfgs: &no_cfgs,
        tree: Some(&tree),
        project: Some(&view),
    };
    let matches = ModelMatches::of(model, false, |m| evaluate(m, &pats, &cx));
    Arc::new(crate::routes::mount_facts(&matches, &cx))
}

/// The endpoints of one file, from the routing model alone: every
/// endpoint rule evaluates the same model (`endpoint` takes no
/// arguments), so a file's routes, their mounts and the code before their
/// handlers are found once and shared by all of them, instead of once per
/// rule.
#[salsa::tracked(returns(ref))]
pub fn file_endpoints(
    db: &dyn Db,
    file: SourceFile,
    set: RuleSet,
    project: Project,
) -> Option<Arc<Vec<Match>>> {
    let routing = routing_plans(db, set);
    let lang = file.lang(db);
    // No model for the language (a grammar left out of the rule set's):
    // each rule evaluates its own.
    let rp = routing.plans.iter().find(|r| r.plan.lang == lang)?;
    let Matcher::Endpoint(model) = &rp.plan.matcher else {
        return None;
    };
    let Some(tree) = parsed_tree(db, file).tree.as_ref() else {
        return Some(Arc::default());
    };
    let text: &str = file.text(db);
    let pats = match_patterns(&[&rp.plan], tree, file.text(db), lang).swap_remove(0);
    let view = ScanView::new(db, set, project, file, None);
    let cfgs = || file_cfgs(db, file).as_deref();
    let cx = EvalCtx {
        src: text,
        lang,
        cfgs: &cfgs,
        tree: Some(tree),
        project: Some(&view),
    };
    let matches = ModelMatches::of(model, true, |m| evaluate(m, &pats, &cx));
    if matches.routes.is_empty() {
        return Some(Arc::default());
    }
    Some(Arc::new(crate::routes::endpoints(&matches, &cx)))
}

/// The project settings (`app_setting`) of each language, from every file
/// of the scan that can hold one: code that runs before every endpoint
/// (Django's LoginRequiredMiddleware, DRF's default permission classes),
/// or before those a setting names by `$ROUTER`, `$PATH` or `$METHOD`
/// (NestJS's `consumer.apply(…).forRoutes(…)`); a setting that binds
/// `$$$MIDDLEWARE` runs that code.
#[salsa::tracked(returns(ref))]
pub fn project_settings(db: &dyn Db, set: RuleSet, project: Project) -> Arc<Vec<(Lang, Setting)>> {
    let routing = routing_plans(db, set);
    let mut out = Vec::new();
    for rp in &routing.plans {
        let Some(pre) = &rp.settings_prefilter else {
            continue;
        };
        let Matcher::Endpoint(model) = &rp.plan.matcher else {
            continue;
        };
        let Some(settings) = &model.settings else {
            continue;
        };
        let index = module_index(db, project);
        for (i, f) in index.files.iter().enumerate() {
            let text: &str = f.text(db);
            if f.lang(db) != rp.plan.lang || !pre.admits(text) {
                continue;
            }
            let Some(tree) = parse_source(rp.plan.lang, text) else {
                continue;
            };
            let pats = match_patterns(&[&rp.plan], &tree, f.text(db), rp.plan.lang).swap_remove(0);
            let no_cfgs = || None;
            let cx = EvalCtx {
                src: text,
                lang: rp.plan.lang,
                cfgs: &no_cfgs,
                tree: Some(&tree),
                project: None,
            };
            for m in evaluate(settings, &pats, &cx) {
                let site = |(start, end): (usize, usize), how| Site {
                    file: Some(FileRef(i as u32)),
                    start,
                    end,
                    how,
                };
                let sites = match m.get("MIDDLEWARE") {
                    Some(b) => b
                        .parts
                        .iter()
                        .map(|&p| site(p, "module middleware"))
                        .collect(),
                    None => vec![site((m.start, m.end), "project setting")],
                };
                let value = |name: &str| m.get(name).map(|b| b.value.to_string());
                out.push((
                    rp.plan.lang,
                    Setting {
                        sites,
                        router: value("ROUTER"),
                        path: value("PATH"),
                        method: value("METHOD").map(|m| m.to_ascii_uppercase()),
                    },
                ));
            }
        }
    }
    // The same setting may be found through several patterns.
    out.dedup();
    Arc::new(out)
}

/// The mounts of `target`'s routers in other files of the project. Only
/// files that name the target's module (its file stem, or its directory
/// for an index or `__init__` module) as a word can import it, so only
/// those are read for mounts.
#[salsa::tracked(returns(ref))]
pub fn mounts_into(
    db: &dyn Db,
    set: RuleSet,
    project: Project,
    target: SourceFile,
) -> Arc<Vec<(SourceFile, MountFact)>> {
    let path = target.path(db);
    let mut segs: Vec<&str> = path.split('/').collect();
    let file = segs.pop().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let stem = if matches!(stem, "index" | "__init__") {
        segs.pop().unwrap_or(stem)
    } else {
        stem
    };
    let lang = target.lang(db);
    let mut out = Vec::new();
    if stem.is_empty() {
        return Arc::new(out);
    }
    let finder = memchr::memmem::Finder::new(stem.as_bytes());
    let here = module_index(db, project).file_ref(db, target);
    for f in project.files(db) {
        if *f == target || f.lang(db) != lang {
            continue;
        }
        let text: &str = f.text(db);
        let bytes = text.as_bytes();
        let named = finder
            .find_iter(bytes)
            .any(|i| soc2_compiler::prefilter::is_word_occurrence(bytes, i, i + stem.len()));
        if !named {
            continue;
        }
        for fact in file_mount_facts(db, *f, set, project).iter() {
            if fact.target == here {
                out.push((*f, fact.clone()));
            }
        }
    }
    Arc::new(out)
}

/// Where router `router` of `file` is mounted, resolved up to the
/// application: joined prefixes and the code that runs before its routes
/// in the mounting files.
fn external_mounts(
    db: &dyn Db,
    set: RuleSet,
    project: Project,
    file: SourceFile,
    router: &str,
    seen: &mut Vec<(SourceFile, String)>,
) -> Vec<ExtMount> {
    let key = (file, router.to_string());
    if seen.contains(&key) || seen.len() > 8 {
        return Vec::new();
    }
    seen.push(key);
    let mut out = Vec::new();
    for (from, fact) in mounts_into(db, set, project, file).iter() {
        if fact.target_router != router {
            continue;
        }
        let parents = external_mounts(db, set, project, *from, &fact.root, seen);
        if parents.is_empty() {
            out.push(ExtMount {
                prefix: fact.prefix.clone(),
                guards: fact.guards.clone(),
            });
        }
        for p in parents {
            out.push(ExtMount {
                prefix: crate::routes::join_paths(&p.prefix, &fact.prefix),
                guards: p.guards.iter().chain(&fact.guards).cloned().collect(),
            });
        }
    }
    seen.pop();
    out.dedup();
    out
}

/// The pattern matches of one plan of one rule in a file, for formulas
/// that look into other files (a guard in the module that mounts a router,
/// a helper's body).
#[salsa::tracked(returns(ref))]
pub fn plan_matches(
    db: &dyn Db,
    file: SourceFile,
    set: RuleSet,
    rule: usize,
    plan: usize,
) -> Arc<Vec<Vec<Match>>> {
    let refs = rule_refs(db, set);
    let Some(r) = refs.get(rule) else {
        return Arc::new(Vec::new());
    };
    let outcome = compiled_rule(db, set, r.source, r.index);
    let Some(p) = outcome.rule.as_ref().and_then(|x| x.plans.get(plan)) else {
        return Arc::new(Vec::new());
    };
    let empty = || Arc::new(vec![Vec::new(); p.patterns.len()]);
    if p.lang != file.lang(db) {
        return empty();
    }
    match &parsed_tree(db, file).tree {
        Some(tree) => Arc::new(match_patterns(&[p], tree, file.text(db), p.lang).swap_remove(0)),
        None => empty(),
    }
}

type SharedMatches = Arc<Vec<Match>>;

/// The rest of the scan, as seen from one file while one plan of one rule
/// (or, with `rule: None`, the routing model) is evaluated there. Files
/// are [`FileRef`]s: their place in the project's path order.
struct ScanView<'a> {
    db: &'a dyn Db,
    set: RuleSet,
    project: Project,
    index: &'a ModuleIndex,
    current: SourceFile,
    here: FileRef,
    rule: Option<(usize, usize)>,
    /// A guard's matches in another file, asked for by every route whose
    /// chain passes through that file: evaluated once per formula.
    matches: std::cell::RefCell<HashMap<(FileRef, *const Matcher), SharedMatches>>,
}

impl<'a> ScanView<'a> {
    fn new(
        db: &'a dyn Db,
        set: RuleSet,
        project: Project,
        current: SourceFile,
        rule: Option<(usize, usize)>,
    ) -> Self {
        let index = module_index(db, project);
        ScanView {
            db,
            set,
            project,
            index,
            current,
            here: index.file_ref(db, current),
            rule,
            matches: Default::default(),
        }
    }

    fn file(&self, f: FileRef) -> SourceFile {
        if f == self.here {
            self.current
        } else {
            self.index.source(f)
        }
    }
}

impl ProjectView for ScanView<'_> {
    fn current(&self) -> FileRef {
        self.here
    }
    fn path(&self, f: FileRef) -> String {
        self.file(f).path(self.db).clone()
    }
    fn text(&self, f: FileRef) -> Arc<str> {
        self.file(f).text(self.db).clone()
    }
    fn lang(&self, f: FileRef) -> Lang {
        self.file(f).lang(self.db)
    }
    fn tree(&self, f: FileRef) -> Option<tree_sitter::Tree> {
        parsed_tree(self.db, self.file(f)).tree.clone()
    }
    fn symbols(&self, f: FileRef) -> Arc<Symbols> {
        file_symbols(self.db, self.file(f)).clone()
    }
    fn cfgs(&self, f: FileRef) -> Option<Arc<FileCfgs>> {
        file_cfgs(self.db, self.file(f)).clone()
    }
    fn module(&self, from: FileRef, spec: &str) -> Option<FileRef> {
        let from = self.file(from);
        let path = crate::symbols::resolve_module(
            from.path(self.db),
            spec,
            from.lang(self.db),
            &self.index.paths,
        )?;
        let i = self.index.paths.binary_search(path).ok()?;
        Some(FileRef(i as u32))
    }
    fn settings(&self) -> Vec<Setting> {
        let lang = self.current.lang(self.db);
        let here = self.current.path(self.db);
        project_settings(self.db, self.set, self.project)
            .iter()
            .filter(|(l, s)| {
                // A settings module (`proj/config/settings.py`) governs the
                // project around its package (`proj/`), not a neighbour's.
                let path = s
                    .sites
                    .first()
                    .and_then(|s| s.file)
                    .and_then(|f| self.index.paths.get(f.0 as usize))
                    .map(String::as_str)
                    .unwrap_or("");
                let mut dirs: Vec<&str> = path.split('/').collect();
                dirs.pop();
                dirs.pop();
                let root = dirs.join("/");
                *l == lang && (root.is_empty() || here.starts_with(&format!("{root}/")))
            })
            .map(|(_, s)| s.clone())
            .collect()
    }
    fn mounts_of(&self, f: FileRef, router: &str) -> Vec<ExtMount> {
        let f = self.file(f);
        external_mounts(self.db, self.set, self.project, f, router, &mut Vec::new())
    }
    fn matches_in(&self, f: FileRef, m: &Matcher) -> Arc<Vec<Match>> {
        let Some((rule, plan)) = self.rule else {
            return Arc::default();
        };
        let key = (f, m as *const Matcher);
        let f = self.file(f);
        if f.lang(self.db) != self.current.lang(self.db) {
            return Arc::default();
        }
        if let Some(found) = self.matches.borrow().get(&key) {
            return found.clone();
        }
        let pats = plan_matches(self.db, f, self.set, rule, plan);
        let db = self.db;
        let cfgs = || file_cfgs(db, f).as_deref();
        let cx = EvalCtx {
            src: f.text(db),
            lang: f.lang(db),
            cfgs: &cfgs,
            tree: parsed_tree(db, f).tree.as_ref(),
            project: None,
        };
        let found = Arc::new(evaluate(m, pats, &cx));
        self.matches.borrow_mut().insert(key, found.clone());
        found
    }
    fn endpoints(&self) -> Option<Arc<Vec<Match>>> {
        // Only a rule's view shares them (the shared query's own view has
        // no rule, and computes them).
        self.rule?;
        file_endpoints(self.db, self.current, self.set, self.project).clone()
    }
}

#[salsa::tracked(returns(ref))]
pub fn file_findings(
    db: &dyn Db,
    file: SourceFile,
    set: RuleSet,
    project: Project,
) -> Arc<FileResult> {
    let active = active_rules(db, file, set);
    if active.is_empty() {
        return Arc::new(FileResult::default());
    }
    let refs = rule_refs(db, set);
    let lang = file.lang(db);
    let path = file.path(db);
    let text: &str = file.text(db);
    let outcomes: Vec<&Arc<CompiledOutcome>> = active
        .iter()
        .map(|&(ri, _)| {
            let r = &refs[ri];
            compiled_rule(db, set, r.source, r.index)
        })
        .collect();
    let rules: Vec<&CompiledRule> = outcomes.iter().filter_map(|o| o.rule.as_ref()).collect();
    let plans: Vec<(usize, &soc2_compiler::plan::LangPlan)> = active
        .iter()
        .zip(&rules)
        .enumerate()
        .map(|(i, (&(_, pi), rule))| (i, &rule.plans[pi]))
        .collect();
    let mut result = FileResult::default();
    let needs_tree = plans
        .iter()
        .any(|(_, p)| !p.patterns.is_empty() || p.matcher.uses_dominance());
    let pattern_matches = if needs_tree {
        result.parsed = true;
        match &parsed_tree(db, file).tree {
            Some(tree) => {
                if tree.root_node().has_error() {
                    result.partial = Some(describe_errors(tree));
                }
                let plan_refs: Vec<&soc2_compiler::plan::LangPlan> =
                    plans.iter().map(|(_, p)| *p).collect();
                let t0 = crate::timing::enabled().then(std::time::Instant::now);
                let (m, complete) = match_patterns_bounded(&plan_refs, tree, file.text(db), lang);
                if let Some(t0) = t0 {
                    crate::timing::record(crate::timing::QUERIES, t0.elapsed());
                }
                if !complete && result.partial.is_none() {
                    result.partial = Some(format!(
                        "matching a pattern at one node took more than {MATCH_BUDGET} steps \
                         (its parts combine in too many ways): the search stopped there, and \
                         some of its matches may be missing"
                    ));
                }
                m
            }
            None => {
                result.partial = Some("the parser gave up on this file".into());
                plans
                    .iter()
                    .map(|(_, p)| vec![Vec::new(); p.patterns.len()])
                    .collect()
            }
        }
    } else {
        plans
            .iter()
            .map(|(_, p)| vec![Vec::new(); p.patterns.len()])
            .collect()
    };
    let mut found = Vec::new();
    let mut file_secrets: Vec<(usize, usize)> = Vec::new();
    for (k, (ri, plan)) in plans.iter().enumerate() {
        let rule = rules[*ri];
        if !plan.beside.is_empty() {
            let listing = project.listing(db);
            if !plan.beside_holds(path, |p| {
                listing.binary_search_by(|x| x.as_str().cmp(p)).is_ok()
            }) {
                continue;
            }
        }
        let view = ScanView::new(db, set, project, file, Some(active[*ri]));
        let parsed = result.parsed;
        let cfgs = || {
            if parsed {
                file_cfgs(db, file).as_deref()
            } else {
                None
            }
        };
        let tree = if result.parsed {
            parsed_tree(db, file).tree.as_ref()
        } else {
            None
        };
        let cx = EvalCtx {
            src: text,
            lang,
            cfgs: &cfgs,
            tree,
            project: Some(&view),
        };
        let t0 = crate::timing::enabled().then(std::time::Instant::now);
        let mut matches = evaluate(&plan.matcher, &pattern_matches[k], &cx);
        if let Some(t0) = t0 {
            crate::timing::record(&rule.id, t0.elapsed());
        }
        matches.sort_by_key(|m| (m.start, m.end));
        matches.dedup_by_key(|m| (m.start, m.end));
        // Every match's secrets are masked, those of matches past the
        // bound too.
        for m in &matches {
            file_secrets.extend(secret_ranges(rule, text, m));
        }
        if matches.len() > MAX_FINDINGS_PER_RULE {
            result.capped.push(Capped {
                rule: Some(rule.id.clone()),
                found: matches.len(),
                kept: MAX_FINDINGS_PER_RULE,
            });
            matches.truncate(MAX_FINDINGS_PER_RULE);
        }
        for m in matches {
            let endpoint = match (&m.handler, m.get("METHOD"), m.get("PATH")) {
                (Some(h), Some(method), Some(p)) => Some(EndpointInfo {
                    method: method.value.to_string(),
                    path: p.value.to_string(),
                    handler: crate::routes::location(h.file, h.start, &cx),
                    chain: crate::routes::chain_of(&m.guards, &cx),
                    guard: m.get("GUARD").map(|b| b.value.to_string()),
                }),
                _ => None,
            };
            found.push((rule, m, endpoint));
        }
    }
    // Findings are made once every rule has run, so that a secret any rule
    // captured is masked in every finding that shows its line.
    file_secrets.sort();
    file_secrets.dedup();
    let mask = Some(&**masking(db, set));
    for (rule, m, endpoint) in &found {
        let mut f = make_finding(rule, path, text, m, &file_secrets, mask);
        f.endpoint = endpoint.clone();
        result.findings.push(f);
    }
    // Alternatives of one rule can match at the same place: report it once.
    result.findings.sort_by(|a, b| {
        (a.start_byte, &a.rule_id, std::cmp::Reverse(a.end_byte)).cmp(&(
            b.start_byte,
            &b.rule_id,
            std::cmp::Reverse(b.end_byte),
        ))
    });
    result
        .findings
        .dedup_by(|a, b| a.start_byte == b.start_byte && a.rule_id == b.rule_id);
    if result.findings.len() > MAX_FINDINGS_PER_FILE {
        result.capped.push(Capped {
            rule: None,
            found: result.findings.len(),
            kept: MAX_FINDINGS_PER_FILE,
        });
        result.findings.truncate(MAX_FINDINGS_PER_FILE);
    }
    assign_fingerprints(&mut result.findings, text);
    // Control flow past the builder's bounds is partial: say so.
    if result.partial.is_none() && plans.iter().any(|(_, p)| p.matcher.uses_dominance()) {
        let cfgs = file_cfgs(db, file);
        if cfgs.as_ref().is_some_and(|c| c.truncated) {
            result.partial = Some(format!(
                "statements nest more than {} deep: control flow below that depth was not followed",
                crate::cfg::MAX_NESTING
            ));
        } else if cfgs.as_ref().is_some_and(|c| c.has_large_function()) {
            result.partial = Some(format!(
                "a function has more than {} statements: in it, a check counts only where every path to its end passes it (an early denial before it is not followed)",
                crate::cfg::MAX_DENIAL_SEARCH
            ));
        }
    }
    Arc::new(result)
}

fn describe_errors(tree: &tree_sitter::Tree) -> String {
    let mut lines = Vec::new();
    let mut count = 0;
    crate::parse::preorder(tree, |node| {
        if node.is_error() || node.is_missing() {
            count += 1;
            if lines.len() < 3 {
                lines.push(node.start_position().row + 1);
            }
            return false;
        }
        node.has_error()
    });
    if count == 0 {
        // Hidden tokens the parser inserted (a missing newline, say) are not
        // visited by a cursor; all we know is that it recovered.
        return "the parser recovered from a missing token; the rest of the file was scanned"
            .into();
    }
    let where_: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    format!(
        "syntax errors in {count} place{} (line {}); the rest of the file was scanned",
        if count == 1 { "" } else { "s" },
        where_.join(", ")
    )
}
