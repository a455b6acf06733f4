//! Runs the patterns of compiled plans over one file: a single walk of the
//! syntax tree that hands each node only to the patterns rooted at its
//! kind. What a rule's formula makes of the matches is [`crate::formula`]'s.

use std::collections::HashMap;
use std::sync::Arc;

use soc2_compiler::lang::Lang;
use soc2_compiler::pattern::{
    direct::Direct, hole::is_interpolated, tree::string_value, CompiledPattern, Residual,
};
use soc2_compiler::plan::LangPlan;
use std::sync::atomic::{AtomicUsize, Ordering};

use tree_sitter::{Node, QueryCursor, StreamingIterator, Tree};

/// A file of the project, as the `ProjectView` numbers them: plain data,
/// so that what crosses files is computed (and tested) without a database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileRef(pub u32);

/// A place in the scan: code that runs before a handler (a guard
/// candidate), or a handler. `file` is `None` for the file being evaluated.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Site {
    pub file: Option<FileRef>,
    pub start: usize,
    pub end: usize,
    /// What the code is: "middleware", "decorator", "route handler"…
    pub how: &'static str,
}

impl Site {
    pub fn local(range: (usize, usize), how: &'static str) -> Self {
        Site {
            file: None,
            start: range.0,
            end: range.1,
            how,
        }
    }
}

/// A binding's text: a range of the file's own text (shared, not copied),
/// or, when it is not a range of the file (a string
/// literal's contents, a described guard), its own. Never a copy per
/// binding: nested code (a chain of 10,000 calls, 5,000 nested `if`s) has
/// as many bindings as nodes, and copies would be quadratic in the file.
#[derive(Clone)]
pub enum Text {
    Shared(Arc<str>, usize, usize),
    Own(Box<str>),
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Shared(src, s, e) => &src[*s..*e],
            Text::Own(t) => t,
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl Eq for Text {}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::Own(Box::from(""))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Own(s.into_boxed_str())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Own(Box::from(s))
    }
}

impl Text {
    /// `part` as a range of `shared` when it lies within it, else a copy.
    fn within(shared: &Arc<str>, part: &str) -> Text {
        let base = shared.as_ptr() as usize;
        let at = part.as_ptr() as usize;
        if at >= base && at + part.len() <= base + shared.len() {
            let s = at - base;
            Text::Shared(shared.clone(), s, s + part.len())
        } else {
            Text::from(part)
        }
    }
}

/// A value bound to a metavariable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub start: usize,
    pub end: usize,
    /// The node kind, or `""` for a regex group.
    pub kind: &'static str,
    pub interpolated: bool,
    /// The value conditions see: a string literal's contents, else the text.
    pub value: Text,
    /// The byte range of each node bound (several for `$$$X`).
    pub parts: Vec<(usize, usize)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub bindings: Vec<(String, Binding)>,
    /// For endpoints: the code that runs before the handler (middleware,
    /// decorators, route-level handlers), where a guard may stand.
    pub guards: Vec<Site>,
    /// For endpoints: the handler's code, where a check may stand.
    pub handler: Option<Site>,
}

impl Match {
    pub fn new(start: usize, end: usize, bindings: Vec<(String, Binding)>) -> Self {
        Match {
            start,
            end,
            bindings,
            guards: Vec::new(),
            handler: None,
        }
    }

    pub fn get(&self, name: &str) -> Option<&Binding> {
        self.bindings
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b)
    }

    /// Whether `m` lies within this match, or, for an endpoint, within its
    /// handler in the same file (`app.get("/x", show)` encloses `show`'s
    /// body).
    pub(crate) fn encloses(&self, m: &Match) -> bool {
        (self.start <= m.start && m.end <= self.end)
            || self
                .handler
                .as_ref()
                .is_some_and(|h| h.file.is_none() && h.start <= m.start && m.end <= h.end)
    }

    pub(crate) fn compatible(&self, other: &Match) -> bool {
        self.bindings.iter().all(|(n, b)| match other.get(n) {
            Some(o) => o.value == b.value,
            None => true,
        })
    }

    pub(crate) fn merged(&self, other: &Match) -> Match {
        let mut m = self.clone();
        for (n, b) in &other.bindings {
            if m.get(n).is_none() {
                m.bindings.push((n.clone(), b.clone()));
            }
        }
        m
    }
}

/// Matches of every pattern of every plan, indexed `[plan][pattern]`.
pub type PatternMatches = Vec<Vec<Vec<Match>>>;

/// In-progress matches a query cursor may hold at once.
const MATCH_LIMIT: u32 = 64;

/// Walks the tree once. Each named node goes only to the plan queries
/// whose patterns are rooted at its kind, run rooted at that node.
pub fn match_patterns(
    plans: &[&LangPlan],
    tree: &Tree,
    text: &Arc<str>,
    lang: Lang,
) -> PatternMatches {
    match_patterns_bounded(plans, tree, text, lang).0
}

/// [`match_patterns`], and whether every search stayed within
/// the direct search's budget (false: some matches may be missing).
pub fn match_patterns_bounded(
    plans: &[&LangPlan],
    tree: &Tree,
    text: &Arc<str>,
    lang: Lang,
) -> (PatternMatches, bool) {
    let mut results: PatternMatches = plans
        .iter()
        .map(|p| vec![Vec::new(); p.patterns.len()])
        .collect();
    // Rules share their definitions' patterns (every endpoint rule holds
    // the routing model's): each distinct pattern runs once, and its
    // matches go to every plan that holds it.
    let mut uniq: Vec<&CompiledPattern> = Vec::new();
    let mut members: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut by_text: HashMap<(Lang, &str, &str), Vec<usize>> = HashMap::new();
    for (pi, plan) in plans.iter().enumerate() {
        for (i, p) in plan.patterns.iter().enumerate() {
            let same = by_text
                .entry((p.lang, p.source.as_str(), p.query_source.as_str()))
                .or_default();
            let u = match same.iter().find(|&&u| {
                uniq[u].residuals == p.residuals
                    && uniq[u].metavars == p.metavars
                    && uniq[u].direct().is_some() == p.direct().is_some()
            }) {
                Some(&u) => u,
                None => {
                    uniq.push(p);
                    members.push(Vec::new());
                    same.push(uniq.len() - 1);
                    uniq.len() - 1
                }
            };
            members[u].push((pi, i));
        }
    }
    let (found, complete) = match_distinct(&uniq, tree, text, lang);
    for (u, matches) in found.into_iter().enumerate() {
        let Some((&(pi, i), rest)) = members[u].split_last() else {
            continue;
        };
        for &(pj, j) in rest {
            results[pj][j] = matches.clone();
        }
        results[pi][i] = matches;
    }
    (results, complete)
}

/// Matches each of `patterns` (distinct) at every node it can be rooted
/// at, in one walk; one list of matches per pattern.
fn match_distinct(
    patterns: &[&CompiledPattern],
    tree: &Tree,
    text: &Arc<str>,
    lang: Lang,
) -> (Vec<Vec<Match>>, bool) {
    let src: &str = text;
    let mut results: Vec<Vec<Match>> = vec![Vec::new(); patterns.len()];
    let language = tree.language();
    let kind_count = language.node_kind_count();
    let mut by_name: HashMap<&str, Vec<u16>> = HashMap::new();
    for id in 0..kind_count as u16 {
        if language.node_kind_is_named(id) {
            if let Some(name) = language.node_kind_for_id(id) {
                by_name.entry(name).or_default().push(id);
            }
        }
    }
    // kind id -> (plan, pattern) pairs rooted there, with the literals of
    // the pattern: a node whose text holds none of them cannot match, which
    // spares most patterns on common kinds (calls) and leaves their queries
    // unbuilt. `None`: the pattern has no literal, it runs at every such
    // node. Literals are numbered; the literal sets hold their numbers.
    type Entry = (usize, Option<Vec<usize>>);
    let mut table: Vec<Vec<Entry>> = (0..kind_count).map(|_| Vec::new()).collect();
    let mut wildcard: Vec<usize> = Vec::new();
    let mut literal_ids: HashMap<&str, usize> = HashMap::new();
    let mut literals_seen: Vec<&str> = Vec::new();
    for (i, p) in patterns.iter().enumerate() {
        {
            if p.root_kinds.is_empty() {
                wildcard.push(i);
                continue;
            }
            let literals: Option<Vec<usize>> = (!p.literals.is_empty()).then(|| {
                p.literals
                    .iter()
                    .map(|lit| {
                        *literal_ids.entry(lit.as_str()).or_insert_with(|| {
                            literals_seen.push(lit.as_str());
                            literals_seen.len() - 1
                        })
                    })
                    .collect()
            });
            for k in &p.root_kinds {
                for &id in by_name.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                    table[id as usize].push((i, literals.clone()));
                }
            }
        }
    }
    if table.iter().all(Vec::is_empty) && wildcard.is_empty() {
        return (results, true);
    }
    // Where each literal occurs in the file, found in one pass, so that
    // "this node's text holds the literal" costs a binary search whatever
    // the node's size (a call wrapping a whole bundle holds everything).
    let mut occurrences: Vec<Vec<usize>> = vec![Vec::new(); literals_seen.len()];
    if !literals_seen.is_empty() {
        if let Ok(ac) = aho_corasick::AhoCorasick::new(&literals_seen) {
            for m in ac.find_overlapping_iter(src) {
                occurrences[m.pattern().as_usize()].push(m.start());
            }
        }
    }
    let holds = |lit: usize, start: usize, end: usize| -> bool {
        let occ = &occurrences[lit];
        let i = occ.partition_point(|&p| p < start);
        occ.get(i)
            .is_some_and(|&p| p + literals_seen[lit].len() <= end)
    };
    // Queries this walk will run and that are not built yet are built
    // first, on every core: building them is most of a small run. Finding
    // them takes a walk of its own; once that has found nothing to build a
    // few times, the few queries still unbuilt are built where first run.
    static FRUITLESS: AtomicUsize = AtomicUsize::new(0);
    // The (plan, pattern) pairs to run at a named node: those rooted at its
    // kind whose literals its text holds.
    let each_entry = |node: Node, f: &mut dyn FnMut(usize)| {
        let slot = table
            .get(node.kind_id() as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let (start, end) = (node.start_byte(), node.end_byte());
        for (i, literals) in slot {
            if literals
                .as_ref()
                .is_none_or(|lits| lits.iter().all(|&l| holds(l, start, end)))
            {
                f(*i);
            }
        }
    };
    let unbuilt = |&i: &usize| patterns[i].needs_query();
    if FRUITLESS.load(Ordering::Relaxed) < 16
        && (table.iter().flatten().any(|(i, _)| unbuilt(i)) || wildcard.iter().any(unbuilt))
    {
        let mut needed: Vec<usize> = wildcard.iter().copied().filter(unbuilt).collect();
        crate::parse::preorder(tree, |node| {
            if node.is_named() {
                each_entry(node, &mut |i| {
                    if unbuilt(&i) {
                        needed.push(i);
                    }
                });
            }
            true
        });
        needed.sort_unstable();
        needed.dedup();
        if needed.is_empty() {
            FRUITLESS.fetch_add(1, Ordering::Relaxed);
        }
        use rayon::prelude::*;
        needed.par_iter().for_each(|&i| {
            patterns[i].query();
        });
    }
    // One copy of the text, that every binding of this walk points into.
    let shared = Shared(text);
    let mut qc = QueryCursor::new();
    qc.set_max_start_depth(Some(0));
    // Bounds the states a query keeps in flight: unanchored sibling
    // sequences can otherwise explode on large nested code (minutes on a
    // bundled select2.full.js).
    qc.set_match_limit(MATCH_LIMIT);
    let mut complete = true;
    crate::parse::preorder(tree, |node| {
        if node.is_named() {
            each_entry(node, &mut |i| {
                let p = patterns[i];
                complete &=
                    match_with(&mut qc, p, p.direct(), node, &shared, lang, &mut results[i]);
            });
            for &i in &wildcard {
                let p = patterns[i];
                complete &=
                    match_with(&mut qc, p, p.direct(), node, &shared, lang, &mut results[i]);
            }
        }
        true
    });
    (results, complete)
}

fn node_text<'a>(src: &'a [u8], n: Node) -> &'a str {
    std::str::from_utf8(&src[n.start_byte()..n.end_byte()]).unwrap_or("")
}

/// The file's text, that bindings point into (the input's own `Arc`).
struct Shared<'a>(&'a Arc<str>);

fn binding_of(shared: &Shared, nodes: &[Node]) -> Binding {
    let shared = shared.0;
    let (first, last) = (nodes[0], nodes[nodes.len() - 1]);
    let text = shared
        .get(first.start_byte()..last.end_byte())
        .unwrap_or("");
    let kind = first.kind();
    let interpolated = matches!(kind, "string" | "template_string") && is_interpolated(first);
    let value =
        if first.id() == last.id() && matches!(kind, "string" | "template_string") && !interpolated
        {
            Text::within(shared, string_value(text))
        } else {
            Text::within(shared, text)
        };
    Binding {
        start: first.start_byte(),
        end: last.end_byte(),
        kind,
        interpolated,
        value,
        parts: nodes
            .iter()
            .map(|n| (n.start_byte(), n.end_byte()))
            .collect(),
    }
}

/// Runs `pat` rooted at `node`, directly when given its direct form, else
/// with its tree-sitter query.
fn match_with(
    qc: &mut QueryCursor,
    pat: &CompiledPattern,
    direct: Option<&Direct>,
    node: Node,
    shared: &Shared,
    lang: Lang,
    slot: &mut Vec<Match>,
) -> bool {
    let mut seen = Seen {
        before: slot.len(),
        keys: std::collections::HashSet::new(),
    };
    if let Some(direct) = direct {
        return direct.matches(node, shared.0.as_bytes(), &mut |caps| {
            let nodes = |name: &str| -> Vec<Node> {
                match direct.capture_index(name) {
                    Some(i) => caps.iter().filter(|c| c.0 == i).map(|c| c.1).collect(),
                    None => Vec::new(),
                }
            };
            accept(pat, node, &nodes, shared, lang, slot, &mut seen);
        });
    }
    let Some(built) = pat.query() else {
        return true;
    };
    let query = &built.query;
    let mut it = qc.matches(query, node, shared.0.as_bytes());
    while let Some(m) = it.next() {
        let Some(root) = m.nodes_for_capture_index(built.root_capture).next() else {
            continue;
        };
        if root.id() != node.id() {
            continue;
        }
        let nodes = |name: &str| -> Vec<Node> {
            match query.capture_index_for_name(name) {
                Some(i) => m.nodes_for_capture_index(i).collect(),
                None => Vec::new(),
            }
        };
        accept(pat, root, &nodes, shared, lang, slot, &mut seen);
    }
    true
}

/// The matches one search has added to a slot, to find duplicates fast: a
/// search may produce thousands of matches rooted at one node, all with
/// the same range.
struct Seen {
    /// The slot's length when the search began.
    before: usize,
    /// The bindings of the matches added since, by the ranges they bind.
    keys: std::collections::HashSet<Vec<(usize, usize)>>,
}

/// Checks a match's residuals and adds it, with its bindings, to `slot`
/// unless it is there already; `nodes` gives the nodes of a capture.
fn accept<'t>(
    pat: &CompiledPattern,
    root: Node<'t>,
    nodes: &dyn Fn(&str) -> Vec<Node<'t>>,
    shared: &Shared,
    lang: Lang,
    slot: &mut Vec<Match>,
    seen: &mut Seen,
) {
    let src = shared.0.as_bytes();
    let ok = pat.residuals.iter().all(|r| match r {
        Residual::SameText { capture } => {
            let ns = nodes(capture);
            ns.windows(2)
                .all(|w| node_text(src, w[0]) == node_text(src, w[1]))
        }
        Residual::NoNamedChildren { capture } => nodes(capture).iter().all(|n| {
            let mut c = n.walk();
            let has_named = n.named_children(&mut c).any(|ch| ch.kind() != "comment");
            !has_named
        }),
        Residual::NamedChildCount { capture, count } => nodes(capture).iter().all(|n| {
            let mut c = n.walk();
            let k = n
                .named_children(&mut c)
                .filter(|ch| ch.kind() != "comment")
                .count();
            k == *count
        }),
        Residual::StringValue { capture, value } => nodes(capture)
            .iter()
            .all(|n| !is_interpolated(*n) && string_value(node_text(src, *n)) == value),
        Residual::Hole { capture, hole } => nodes(capture).iter().all(|n| hole.accepts(lang, *n)),
        Residual::Multi { .. } => true,
    });
    if !ok {
        return;
    }
    // `$$$X`: the parent's named children between X's neighbours.
    let mut multis: Vec<(&str, Vec<Node>)> = Vec::new();
    for r in &pat.residuals {
        if let Residual::Multi {
            parent,
            name,
            after,
            before,
        } = r
        {
            let Some(p) = nodes(parent).into_iter().next() else {
                continue;
            };
            let mut c = p.walk();
            let kids: Vec<Node> = p
                .named_children(&mut c)
                .filter(|k| k.kind() != "comment")
                .collect();
            let from = match after {
                Some(a) => match nodes(a).first() {
                    Some(n) => kids
                        .iter()
                        .position(|k| k.id() == n.id())
                        .map_or(kids.len(), |i| i + 1),
                    None => kids.len(),
                },
                None => 0,
            };
            let to = match before {
                Some(b) => match nodes(b).first() {
                    Some(n) => kids.iter().position(|k| k.id() == n.id()).unwrap_or(0),
                    None => 0,
                },
                None => kids.len(),
            };
            let taken = if from <= to {
                kids[from..to].to_vec()
            } else {
                Vec::new()
            };
            multis.push((name.as_str(), taken));
        }
    }
    let mut bindings = Vec::with_capacity(pat.metavars.len());
    for name in &pat.metavars {
        let repeated = pat
            .residuals
            .iter()
            .any(|r| matches!(r, Residual::SameText { capture } if capture == name));
        let ns = match multis.iter().find(|(n, _)| *n == name.as_str()) {
            Some((_, taken)) => taken.clone(),
            // `$X` written twice binds its first occurrence (the others
            // have the same text), not the span between them.
            None if repeated => nodes(name).into_iter().take(1).collect(),
            None => nodes(name),
        };
        // A comment is never what a metavariable means.
        let ns: Vec<Node> = ns.into_iter().filter(|n| n.kind() != "comment").collect();
        if !ns.is_empty() {
            bindings.push((name.clone(), binding_of(shared, &ns)));
        }
    }
    let mat = Match::new(root.start_byte(), root.end_byte(), bindings);
    // A binding is a function of the nodes it binds: the metavariables and
    // their ranges identify the match.
    let key: Vec<(usize, usize)> = mat
        .bindings
        .iter()
        .flat_map(|(name, b)| {
            let which = pat.metavars.iter().position(|m| m == name);
            b.parts
                .iter()
                .copied()
                .chain([(usize::MAX, which.unwrap_or(usize::MAX))])
        })
        .collect();
    if !seen.keys.insert(key) {
        return;
    }
    // Equal matches share their range, and the walk is in preorder: a
    // node's matches follow those of any node with the same range, so only
    // the tail of what came before this search needs looking at.
    let duplicate = slot[..seen.before]
        .iter()
        .rev()
        .take_while(|m| m.start == mat.start && m.end == mat.end)
        .any(|m| *m == mat);
    if !duplicate {
        slot.push(mat);
    }
}

#[cfg(test)]
mod direct_parity {
    use super::*;

    /// Every pattern with a direct form, matched both ways at every node of
    /// `text` it could be rooted at; returns the differences, described.
    fn differences(plans: &[&LangPlan], lang: Lang, path: &str, text: &str) -> Vec<String> {
        let Some(tree) = crate::parse::parse_source(lang, text) else {
            return Vec::new();
        };
        let text: Arc<str> = Arc::from(text);
        let shared = Shared(&text);
        let mut qc = QueryCursor::new();
        qc.set_max_start_depth(Some(0));
        qc.set_match_limit(MATCH_LIMIT);
        let mut out = Vec::new();
        crate::parse::preorder(&tree, |node| {
            if !node.is_named() {
                return true;
            }
            for plan in plans {
                for pat in &plan.patterns {
                    let Some(direct) = pat.direct() else { continue };
                    if !pat.root_kinds.is_empty() && !pat.root_kinds.contains(&node.kind()) {
                        continue;
                    }
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    match_with(&mut qc, pat, None, node, &shared, lang, &mut a);
                    let complete =
                        match_with(&mut qc, pat, Some(direct), node, &shared, lang, &mut b);
                    let key = |m: &Match| format!("{:?}", m.bindings);
                    let mut a: Vec<String> = a.iter().map(key).collect();
                    let mut b: Vec<String> = b.iter().map(key).collect();
                    a.sort();
                    a.dedup();
                    b.sort();
                    b.dedup();
                    if complete && a != b {
                        out.push(format!(
                            "{path}:{}: `{}`\n  query:  {a:?}\n  direct: {b:?}",
                            node.start_position().row + 1,
                            pat.source
                        ));
                    }
                }
            }
            true
        });
        out
    }

    fn bundled() -> Vec<soc2_compiler::CompiledRule> {
        let texts: Vec<&str> = soc2_stdlib_rules::rule_files()
            .map(|f| f.contents)
            .collect();
        let (rules, problems) = soc2_compiler::compile_all(&texts);
        assert!(problems.is_empty(), "{problems:?}");
        rules
    }

    fn differences_in(
        rules: &[soc2_compiler::CompiledRule],
        files: &[(String, String)],
    ) -> Vec<String> {
        let mut out = Vec::new();
        for (path, text) in files {
            let Some(lang) = Lang::of_path(path) else {
                continue;
            };
            let plans: Vec<&LangPlan> = rules
                .iter()
                .flat_map(|r| r.plans.iter())
                .filter(|p| p.lang == lang)
                .collect();
            out.extend(differences(&plans, lang, path, text));
        }
        out
    }

    /// The direct matcher agrees with tree-sitter's queries on every bundled
    /// pattern, over every fixture of the library.
    #[test]
    fn direct_matching_agrees_with_queries_on_the_fixtures() {
        let rules = bundled();
        assert!(
            rules
                .iter()
                .flat_map(|r| r.plans.iter())
                .flat_map(|p| p.patterns.iter())
                .filter(|p| p.direct().is_some())
                .count()
                > 1000
        );
        let files: Vec<(String, String)> = soc2_stdlib_rules::files()
            .iter()
            .map(|f| (f.path.to_string(), f.contents.to_string()))
            .collect();
        let diffs = differences_in(&rules, &files);
        assert!(
            diffs.is_empty(),
            "{} differences:\n{}",
            diffs.len(),
            diffs[..diffs.len().min(20)].join("\n")
        );
    }

    /// The same over a directory of real code:
    /// `SOC2_PARITY_DIR=DIR cargo test -p soc2-engine --release -- --ignored parity`.
    #[test]
    #[ignore]
    fn direct_matching_agrees_with_queries_on_a_corpus() {
        let Some(dir) = std::env::var_os("SOC2_PARITY_DIR") else {
            return;
        };
        let rules = bundled();
        let mut files = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() && !p.is_symlink() {
                    stack.push(p);
                } else if let Ok(t) = std::fs::read_to_string(&p) {
                    if t.len() < 500_000 {
                        files.push((p.display().to_string(), t));
                    }
                }
            }
        }
        let diffs = differences_in(&rules, &files);
        assert!(
            diffs.is_empty(),
            "{} differences in {} files:\n{}",
            diffs.len(),
            files.len(),
            diffs[..diffs.len().min(40)].join("\n")
        );
    }
}
