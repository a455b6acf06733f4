//! The salsa database: source files and rule files are inputs; parsing,
//! compilation, prefiltering and findings are tracked functions, so that a
//! change to one file or one rule recomputes only what depends on it.

use std::sync::Arc;

use aho_corasick::AhoCorasick;
use soc2_compiler::lang::Lang;
use soc2_compiler::{CompiledRule, Definitions, SourceProblem};
use soc2_grammar::ast::RuleFile;
use soc2_grammar::Problem;

use crate::cfg::FileCfgs;
use crate::finding::{assign_fingerprints, make_finding, Finding};
use crate::matching::{evaluate, match_patterns, EvalCtx};
use crate::parse::parse_source;
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

/// One rule file.
#[salsa::input(debug)]
pub struct RuleSource {
    #[returns(ref)]
    pub name: String,
    #[returns(ref)]
    pub text: String,
    /// Bundled rules are tested in CI, so their queries are built lazily.
    #[returns(copy)]
    pub bundled: bool,
}

/// The rule files in load order: bundled first, then the user's.
#[salsa::input(debug)]
pub struct RuleSet {
    #[returns(ref)]
    pub sources: Vec<RuleSource>,
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
    soc2_compiler::defs::collect(&rule_files(db, set))
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
    let (rule, problems) = soc2_compiler::compile_rule(si, ast, defs, !source.bundled(db));
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
        let regex_fail = e
            .clauses
            .iter()
            .zip(&plan.prefilter.clauses)
            .any(|(ce, c)| {
                !ce.regexes.is_empty()
                    && !ce.literals.iter().any(contains)
                    && !c.regexes.iter().any(|re| re.is_match(text))
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

/// The outcome of scanning one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileResult {
    pub findings: Vec<Finding>,
    /// Set when the file was only partly understood (syntax errors).
    pub partial: Option<String>,
    /// Whether the file had to be parsed at all.
    pub parsed: bool,
}

#[salsa::tracked(returns(ref))]
pub fn file_findings(db: &dyn Db, file: SourceFile, set: RuleSet) -> Arc<FileResult> {
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
                match_patterns(&plan_refs, tree, text, lang)
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
    for (k, (ri, plan)) in plans.iter().enumerate() {
        let rule = rules[*ri];
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
        };
        let mut matches = evaluate(&plan.matcher, &pattern_matches[k], &cx);
        matches.sort_by_key(|m| (m.start, m.end));
        matches.dedup_by_key(|m| (m.start, m.end));
        for m in &matches {
            result.findings.push(make_finding(rule, path, text, m));
        }
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
    assign_fingerprints(&mut result.findings, text);
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
