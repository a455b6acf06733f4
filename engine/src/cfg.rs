//! Per-function control-flow graphs built from tree-sitter trees, as
//! petgraph graphs, with their dominator and post-dominator trees.
//!
//! A node is a statement (compound statements stand for their condition or
//! header); two virtual nodes are the function's entry and exit. `return`,
//! `raise` and `throw` go to the exit; `break` and `continue` to their loop;
//! any statement of a `try` body may go to its handlers. Those exceptional
//! edges count for dominance between statements, but not for what every
//! path to the exit passes: a request that fails before a check ends in its
//! handler's error answer, not in the code the check protects.

use petgraph::algo::dominators::simple_fast;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{EdgeFiltered, Reversed};
use soc2_compiler::lang::Lang;
use tree_sitter::{Node, Tree};

/// The graphs of one file's functions (and of its top level, as a function).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileCfgs {
    pub functions: Vec<FunctionCfg>,
    /// Some function nests statements deeper than `MAX_NESTING`: below that
    /// depth its statements are one node each (branches inside them are not
    /// seen), so the file's control-flow answers are partial.
    pub truncated: bool,
}

/// How deep statements nest before the builder stops following branches:
/// it recurses once per level, and a hostile file nests thousands deep.
pub const MAX_NESTING: usize = 256;

/// One function's graph, reduced to what rules ask: where its statements
/// are, and who dominates and post-dominates whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionCfg {
    pub start: usize,
    pub end: usize,
    /// Byte ranges of the statements; index 0 is the entry, 1 the exit.
    pub stmts: Vec<(usize, usize)>,
    /// Immediate dominator of each statement (`None` for the entry and
    /// statements the entry cannot reach).
    pub idom: Vec<Option<usize>>,
    /// The same over normal flow only (no edges into exception handlers).
    pub idom_normal: Vec<Option<usize>>,
    /// Immediate post-dominator (`None` for the exit and statements that
    /// cannot reach it).
    pub ipdom: Vec<Option<usize>>,
    /// Successors of each statement over normal flow.
    pub succ: Vec<Vec<usize>>,
    /// What answers each question in time independent of the function's
    /// size (a handler of 20,000 statements asked once per candidate guard
    /// was quadratic): statements sorted by start, each with its enclosing
    /// statement, and a preorder interval per node of each tree.
    index: StmtIndex,
    dom: Intervals,
    dom_normal: Intervals,
    pdom: Intervals,
}

/// Past this many statements, a function's denials (an early answer before
/// a later check) are not followed: each question would walk the whole
/// graph. Its guards must then dominate the exit, and the file is listed as
/// scanned in part.
pub const MAX_DENIAL_SEARCH: usize = 5_000;

/// Statements by start (then end descending, then index descending), and
/// the position in that order of each one's innermost enclosing statement.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct StmtIndex {
    order: Vec<usize>,
    parent: Vec<Option<usize>>,
}

impl StmtIndex {
    fn new(stmts: &[(usize, usize)]) -> Self {
        let mut order: Vec<usize> = (2..stmts.len()).collect();
        order.sort_by_key(|&i| {
            (
                stmts[i].0,
                std::cmp::Reverse(stmts[i].1),
                std::cmp::Reverse(i),
            )
        });
        let mut parent = vec![None; order.len()];
        let mut open: Vec<usize> = Vec::new();
        for (k, &i) in order.iter().enumerate() {
            let (s, e) = stmts[i];
            while let Some(&top) = open.last() {
                let (ts, te) = stmts[order[top]];
                if ts <= s && e <= te {
                    break;
                }
                open.pop();
            }
            parent[k] = open.last().copied();
            open.push(k);
        }
        StmtIndex { order, parent }
    }
}

/// Preorder entry and exit times of each node in a tree given by parent
/// links; `None` for a node outside the tree (unreachable).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Intervals(Vec<Option<(u32, u32)>>);

impl Intervals {
    fn new(tree: &[Option<usize>], root: usize) -> Self {
        let n = tree.len();
        let mut children = vec![Vec::new(); n];
        for (i, p) in tree.iter().enumerate() {
            if let Some(p) = *p {
                if p < n && p != i {
                    children[p].push(i);
                }
            }
        }
        let mut out = vec![None; n];
        if root >= n {
            return Intervals(out);
        }
        // Parent links of a tree have no cycles; `entered` guards anyway.
        let mut clock = 0u32;
        let mut tin = vec![0u32; n];
        let mut entered = vec![false; n];
        let mut stack = vec![(root, false)];
        while let Some((v, leaving)) = stack.pop() {
            if leaving {
                out[v] = Some((tin[v], clock));
                continue;
            }
            if entered[v] {
                continue;
            }
            entered[v] = true;
            clock += 1;
            tin[v] = clock;
            stack.push((v, true));
            stack.extend(children[v].iter().map(|&c| (c, false)));
        }
        Intervals(out)
    }

    /// Whether `target` is `from` or one of its ancestors.
    fn on_chain(&self, from: usize, target: usize) -> bool {
        if from == target {
            return true;
        }
        match (
            self.0.get(from).copied().flatten(),
            self.0.get(target).copied().flatten(),
        ) {
            (Some((fi, fo)), Some((ti, to))) => ti <= fi && fo <= to,
            _ => false,
        }
    }
}

const ENTRY: usize = 0;
const EXIT: usize = 1;

impl FileCfgs {
    /// Whether some function is past [`MAX_DENIAL_SEARCH`] statements.
    pub fn has_large_function(&self) -> bool {
        self.functions
            .iter()
            .any(|f| f.stmts.len() > MAX_DENIAL_SEARCH)
    }

    /// The innermost function containing `start..end`.
    pub fn function_at(&self, start: usize, end: usize) -> Option<&FunctionCfg> {
        self.functions
            .iter()
            .filter(|f| f.start <= start && end <= f.end)
            .min_by_key(|f| f.end - f.start)
    }
}

impl FunctionCfg {
    fn new(
        start: usize,
        end: usize,
        stmts: Vec<(usize, usize)>,
        idom: Vec<Option<usize>>,
        idom_normal: Vec<Option<usize>>,
        ipdom: Vec<Option<usize>>,
        succ: Vec<Vec<usize>>,
    ) -> Self {
        FunctionCfg {
            start,
            end,
            index: StmtIndex::new(&stmts),
            dom: Intervals::new(&idom, ENTRY),
            dom_normal: Intervals::new(&idom_normal, ENTRY),
            pdom: Intervals::new(&ipdom, EXIT),
            stmts,
            idom,
            idom_normal,
            ipdom,
            succ,
        }
    }

    /// The innermost statement containing `start..end`: the last statement
    /// to start at or before `start`, or the nearest one enclosing it that
    /// contains the range (statements nest, so they form a tree).
    pub fn stmt_at(&self, start: usize, end: usize) -> Option<usize> {
        let order = &self.index.order;
        let k = order.partition_point(|&i| self.stmts[i].0 <= start);
        let mut at = k.checked_sub(1);
        while let Some(p) = at {
            let (s, e) = self.stmts[order[p]];
            if s <= start && end <= e {
                return Some(order[p]);
            }
            at = self.index.parent[p];
        }
        None
    }

    /// Whether the code at `a` runs on every path to the code at `b`
    /// before it.
    pub fn dominates(&self, a: (usize, usize), b: (usize, usize)) -> bool {
        // Within one statement, `a` must come first.
        self.above(&self.dom, a, b, a.1 <= b.0)
    }

    /// Whether `a`'s statement is on `b`'s chain in `tree` (dominators or
    /// post-dominators); `same` decides when both are in one statement.
    fn above(&self, tree: &Intervals, a: (usize, usize), b: (usize, usize), same: bool) -> bool {
        let (Some(sa), Some(sb)) = (self.stmt_at(a.0, a.1), self.stmt_at(b.0, b.1)) else {
            return false;
        };
        if sa == sb {
            return same;
        }
        tree.on_chain(sb, sa)
    }

    /// Whether the code at `a` runs on every normal path through the
    /// function that reaches its exit (a check that guards everything after
    /// it, or an early exit that every normal path passes). Paths through
    /// exception handlers do not count: they answer with an error.
    pub fn dominates_exit(&self, a: (usize, usize)) -> bool {
        let Some(sa) = self.stmt_at(a.0, a.1) else {
            return false;
        };
        self.dom_normal.on_chain(EXIT, sa)
    }

    /// Whether every normal path from the entry to the exit passes the code
    /// at `a` or leaves through an exit statement that `denies` (an early
    /// answer such as a 401 before a later 403 check): `a` then guards all
    /// that the function does for a caller it lets through.
    pub fn dominates_exit_past(
        &self,
        a: (usize, usize),
        denies: impl Fn((usize, usize)) -> bool,
    ) -> bool {
        let Some(sa) = self.stmt_at(a.0, a.1) else {
            return false;
        };
        // Not for code that normal flow never reaches.
        if self.idom_normal[sa].is_none() {
            return false;
        }
        if self.dom_normal.on_chain(EXIT, sa) {
            return true;
        }
        if self.stmts.len() > MAX_DENIAL_SEARCH {
            return false;
        }
        // Statements that leave the function (their only normal successor
        // is the exit) and answer with a denial.
        let denial = |n: usize| n != sa && self.succ[n] == [EXIT] && denies(self.stmts[n]);
        let mut seen = vec![false; self.stmts.len()];
        let mut stack = vec![ENTRY];
        seen[ENTRY] = true;
        while let Some(n) = stack.pop() {
            if n == EXIT {
                return false;
            }
            for &m in &self.succ[n] {
                if !seen[m] && m != sa && !denial(m) {
                    seen[m] = true;
                    stack.push(m);
                }
            }
        }
        true
    }

    /// Whether the code at `a` runs on every path from the code at `b` to
    /// the function's exit.
    pub fn post_dominates(&self, a: (usize, usize), b: (usize, usize)) -> bool {
        self.above(&self.pdom, a, b, b.1 <= a.0)
    }
}

/// The node kinds of a language's function bodies and statements.
struct Syntax {
    functions: &'static [&'static str],
    body_field: &'static str,
}

fn syntax(lang: Lang) -> Syntax {
    match lang {
        Lang::Python => Syntax {
            functions: PYTHON_FUNCTIONS,
            body_field: "body",
        },
        _ => Syntax {
            functions: JS_FUNCTIONS,
            body_field: "body",
        },
    }
}

/// The node kinds that are functions (each gets its own graph).
pub const PYTHON_FUNCTIONS: &[&str] = &["function_definition", "lambda"];
pub const JS_FUNCTIONS: &[&str] = &[
    "function_declaration",
    "function_expression",
    "function",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "generator_function",
];

pub fn build(tree: &Tree, lang: Lang) -> FileCfgs {
    let syn = syntax(lang);
    let root = tree.root_node();
    let mut truncated = false;
    let mut functions = vec![build_function(root, root, lang, &mut truncated)];
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        let mut cursor = n.walk();
        for child in n.named_children(&mut cursor) {
            if syn.functions.contains(&child.kind()) {
                if let Some(body) = child.child_by_field_name(syn.body_field) {
                    functions.push(build_function(child, body, lang, &mut truncated));
                }
            }
            stack.push(child);
        }
    }
    FileCfgs {
        functions,
        truncated,
    }
}

struct Builder<'a> {
    lang: Lang,
    /// Edges are `true` when exceptional (a statement raising into a handler).
    graph: DiGraph<(usize, usize), bool>,
    /// (continue target, break sources) of the loops we are in.
    loops: Vec<(NodeIndex, Vec<NodeIndex>)>,
    /// Handlers of the `try` bodies we are in: statements here may jump there.
    handlers: Vec<Vec<NodeIndex>>,
    /// Statements being built, outermost first (for `MAX_NESTING`).
    depth: usize,
    truncated: bool,
    _src: std::marker::PhantomData<&'a ()>,
}

fn build_function(func: Node, body: Node, lang: Lang, truncated: &mut bool) -> FunctionCfg {
    let mut b = Builder {
        lang,
        graph: DiGraph::new(),
        loops: Vec::new(),
        handlers: Vec::new(),
        depth: 0,
        truncated: false,
        _src: std::marker::PhantomData,
    };
    let entry = b.graph.add_node((func.start_byte(), func.start_byte()));
    let exit = b.graph.add_node((func.end_byte(), func.end_byte()));
    let outs = if is_block(body, lang) || body.kind() == "module" || body.kind() == "program" {
        b.block(body, vec![entry], exit)
    } else {
        // An arrow function or lambda with an expression body.
        let n = b.stmt_node(body);
        b.connect(&[entry], n);
        vec![n]
    };
    b.connect(&outs, exit);
    *truncated |= b.truncated;
    let idom_d = simple_fast(&b.graph, entry);
    let normal = EdgeFiltered::from_fn(&b.graph, |e| !*e.weight());
    let idom_n = simple_fast(&normal, entry);
    let reversed = Reversed(&b.graph);
    let ipdom_d = simple_fast(reversed, exit);
    let count = b.graph.node_count();
    let mut succ = vec![Vec::new(); count];
    for e in b.graph.raw_edges() {
        if !e.weight {
            succ[e.source().index()].push(e.target().index());
        }
    }
    let mut stmts = Vec::with_capacity(count);
    let mut idom = Vec::with_capacity(count);
    let mut idom_normal = Vec::with_capacity(count);
    let mut ipdom = Vec::with_capacity(count);
    for i in 0..count {
        let n = NodeIndex::new(i);
        stmts.push(b.graph[n]);
        idom.push(idom_d.immediate_dominator(n).map(|d| d.index()));
        idom_normal.push(idom_n.immediate_dominator(n).map(|d| d.index()));
        ipdom.push(ipdom_d.immediate_dominator(n).map(|d| d.index()));
    }
    debug_assert_eq!((entry.index(), exit.index()), (ENTRY, EXIT));
    FunctionCfg::new(
        func.start_byte(),
        func.end_byte(),
        stmts,
        idom,
        idom_normal,
        ipdom,
        succ,
    )
}

fn is_block(n: Node, lang: Lang) -> bool {
    match lang {
        Lang::Python => n.kind() == "block",
        _ => n.kind() == "statement_block",
    }
}

impl Builder<'_> {
    fn stmt_node(&mut self, n: Node) -> NodeIndex {
        let idx = self.graph.add_node((n.start_byte(), n.end_byte()));
        // Inside a `try`, any statement may raise into its handlers.
        if let Some(hs) = self.handlers.last_mut() {
            hs.push(idx);
        }
        idx
    }

    fn connect(&mut self, from: &[NodeIndex], to: NodeIndex) {
        self.edges(from, to, false);
    }

    fn edges(&mut self, from: &[NodeIndex], to: NodeIndex, exceptional: bool) {
        for &f in from {
            if !self.graph.contains_edge(f, to) {
                self.graph.add_edge(f, to, exceptional);
            }
        }
    }

    /// The statements of a block in order; returns the nodes that fall
    /// through its end.
    fn block(&mut self, block: Node, mut preds: Vec<NodeIndex>, exit: NodeIndex) -> Vec<NodeIndex> {
        let mut cursor = block.walk();
        let children: Vec<Node> = block
            .named_children(&mut cursor)
            .filter(|c| c.kind() != "comment")
            .collect();
        for s in children {
            preds = self.statement(s, preds, exit);
        }
        preds
    }

    /// One statement; returns the nodes control leaves it from normally.
    fn statement(&mut self, s: Node, preds: Vec<NodeIndex>, exit: NodeIndex) -> Vec<NodeIndex> {
        if self.depth >= MAX_NESTING {
            self.truncated = true;
            let n = self.stmt_node(s);
            self.connect(&preds, n);
            return vec![n];
        }
        self.depth += 1;
        let outs = self.statement_within(s, preds, exit);
        self.depth -= 1;
        outs
    }

    fn statement_within(
        &mut self,
        s: Node,
        preds: Vec<NodeIndex>,
        exit: NodeIndex,
    ) -> Vec<NodeIndex> {
        let kind = s.kind();
        match (self.lang, kind) {
            (_, "if_statement") => {
                let cond = self.stmt_node_head(s);
                self.connect(&preds, cond);
                let mut outs = Vec::new();
                if let Some(cons) = s.child_by_field_name("consequence") {
                    outs.extend(self.branch(cons, vec![cond], exit));
                }
                let mut fall = vec![cond];
                let mut cursor = s.walk();
                let alternatives: Vec<Node> = s
                    .children_by_field_name("alternative", &mut cursor)
                    .collect();
                let mut has_else = false;
                for alt in alternatives {
                    match alt.kind() {
                        "elif_clause" => {
                            let c = self.stmt_node_head(alt);
                            self.connect(&fall, c);
                            if let Some(cons) = alt.child_by_field_name("consequence") {
                                outs.extend(self.branch(cons, vec![c], exit));
                            }
                            fall = vec![c];
                        }
                        _ => {
                            // `else`: its body is the clause's block.
                            has_else = true;
                            let body = alt.child_by_field_name("body").unwrap_or(alt);
                            outs.extend(self.branch(body, fall.clone(), exit));
                        }
                    }
                }
                if !has_else {
                    outs.extend(fall);
                }
                outs
            }
            (_, "while_statement")
            | (_, "for_statement")
            | (_, "for_in_statement")
            | (_, "do_statement") => {
                let head = self.stmt_node_head(s);
                self.connect(&preds, head);
                self.loops.push((head, Vec::new()));
                if let Some(body) = s.child_by_field_name("body") {
                    let outs = self.branch(body, vec![head], exit);
                    self.connect(&outs, head);
                }
                let (_, breaks) = self.loops.pop().unwrap_or((head, Vec::new()));
                let mut outs = vec![head];
                outs.extend(breaks);
                outs
            }
            (_, "try_statement") => {
                let head = self.stmt_node_head(s);
                self.connect(&preds, head);
                self.handlers.push(vec![head]);
                let mut outs = match s.child_by_field_name("body") {
                    Some(body) => self.branch(body, vec![head], exit),
                    None => vec![head],
                };
                let raisers = self.handlers.pop().unwrap_or_default();
                let mut cursor = s.walk();
                let children: Vec<Node> = s.named_children(&mut cursor).collect();
                let mut finally = None;
                for c in children {
                    match c.kind() {
                        "except_clause" | "except_group_clause" | "catch_clause" => {
                            let h = self.stmt_node_head(c);
                            self.edges(&raisers, h, true);
                            let body = c
                                .child_by_field_name("body")
                                .or_else(|| last_named(c))
                                .unwrap_or(c);
                            outs.extend(self.branch(body, vec![h], exit));
                        }
                        "else_clause" => {
                            let body = c.child_by_field_name("body").unwrap_or(c);
                            outs = self.branch(body, outs, exit);
                        }
                        "finally_clause" => finally = Some(c),
                        _ => {}
                    }
                }
                if let Some(f) = finally {
                    let body = f
                        .child_by_field_name("body")
                        .or_else(|| last_named(f))
                        .unwrap_or(f);
                    outs = self.branch(body, outs, exit);
                }
                outs
            }
            (_, "return_statement") | (_, "raise_statement") | (_, "throw_statement") => {
                let n = self.stmt_node(s);
                self.connect(&preds, n);
                self.connect(&[n], exit);
                Vec::new()
            }
            (_, "break_statement") => {
                let n = self.stmt_node(s);
                self.connect(&preds, n);
                if let Some((_, breaks)) = self.loops.last_mut() {
                    breaks.push(n);
                }
                Vec::new()
            }
            (_, "continue_statement") => {
                let n = self.stmt_node(s);
                self.connect(&preds, n);
                if let Some(&(head, _)) = self.loops.last() {
                    self.connect(&[n], head);
                }
                Vec::new()
            }
            (_, "with_statement") => {
                let head = self.stmt_node_head(s);
                self.connect(&preds, head);
                match s.child_by_field_name("body") {
                    Some(body) => self.branch(body, vec![head], exit),
                    None => vec![head],
                }
            }
            (_, "statement_block") | (_, "block") => self.block(s, preds, exit),
            (_, "decorated_definition")
            | (_, "function_definition")
            | (_, "class_definition")
            | (_, "function_declaration")
            | (_, "class_declaration") => {
                // A definition runs nothing of its body here.
                let n = self.stmt_node(s);
                self.connect(&preds, n);
                vec![n]
            }
            _ => {
                let n = self.stmt_node(s);
                self.connect(&preds, n);
                vec![n]
            }
        }
    }

    /// A compound statement's own node: it stands for its condition or
    /// header, and spans the whole statement so that code in the header
    /// maps to it while code in the body maps to the body's statements.
    fn stmt_node_head(&mut self, s: Node) -> NodeIndex {
        self.stmt_node(s)
    }

    fn branch(&mut self, body: Node, preds: Vec<NodeIndex>, exit: NodeIndex) -> Vec<NodeIndex> {
        if is_block(body, self.lang) || body.kind() == "else_clause" {
            self.block(body, preds, exit)
        } else {
            self.statement(body, preds, exit)
        }
    }
}

fn last_named(n: Node) -> Option<Node> {
    let count = n.named_child_count();
    (count > 0).then(|| n.named_child(count - 1)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfgs(lang: Lang, code: &str) -> FileCfgs {
        let tree = crate::parse::parse_source(lang, code).unwrap();
        build(&tree, lang)
    }

    fn range(code: &str, needle: &str) -> (usize, usize) {
        let s = code.find(needle).unwrap_or_else(|| panic!("{needle}"));
        (s, s + needle.len())
    }

    /// The indexed answers agree with the plain definitions (the innermost
    /// enclosing statement by a scan, dominance by walking the chain) on
    /// every pair of statements of a function with branches, loops, an
    /// early return, a `try` and statements on one line.
    #[test]
    fn indexed_lookups_agree_with_their_definitions() {
        let code = "function h(req, res) {\n  const a = 1; const b = 2;\n  if (a) { check(a); if (b) { return res.send(1); } else { log(b); } }\n  for (const x of xs) { if (x) continue; use(x); }\n  try { risky(); done(); } catch (e) { fail(e); }\n  while (a) { a--; }\n  res.send(a);\n}\n";
        let c = cfgs(Lang::JavaScript, code);
        let f = c.functions.iter().max_by_key(|f| f.stmts.len()).unwrap();
        assert!(f.stmts.len() > 15, "{}", f.stmts.len());
        let slow_stmt_at = |start: usize, end: usize| {
            f.stmts
                .iter()
                .enumerate()
                .skip(2)
                .filter(|(_, &(s, e))| s <= start && end <= e)
                .min_by_key(|(_, &(s, e))| e - s)
                .map(|(i, _)| i)
        };
        let chain = |tree: &[Option<usize>], from: usize, target: usize| {
            let mut at = Some(from);
            let mut steps = 0;
            while let Some(n) = at {
                if n == target {
                    return true;
                }
                at = tree[n];
                steps += 1;
                if steps > tree.len() {
                    return false;
                }
            }
            false
        };
        for start in 0..code.len() {
            for end in [start, (start + 3).min(code.len())] {
                assert_eq!(
                    f.stmt_at(start, end),
                    slow_stmt_at(start, end),
                    "{start}..{end}"
                );
            }
        }
        let n = f.stmts.len();
        for a in 0..n {
            for b in 0..n {
                assert_eq!(f.dom.on_chain(b, a), chain(&f.idom, b, a), "dom {a} {b}");
                assert_eq!(f.pdom.on_chain(b, a), chain(&f.ipdom, b, a), "pdom {a} {b}");
                assert_eq!(
                    f.dom_normal.on_chain(b, a),
                    chain(&f.idom_normal, b, a),
                    "normal {a} {b}"
                );
            }
        }
    }

    #[test]
    fn early_return_guard_dominates_what_follows() {
        let code = "def view(req):\n    if not req.user:\n        return deny()\n    audit('x')\n    save(req)\n";
        let c = cfgs(Lang::Python, code);
        let f = c
            .function_at(range(code, "save(req)").0, range(code, "save(req)").1)
            .unwrap();
        assert!(f.dominates(range(code, "if not req.user"), range(code, "save(req)")));
        assert!(f.dominates(range(code, "audit('x')"), range(code, "save(req)")));
        assert!(!f.dominates(range(code, "return deny()"), range(code, "save(req)")));
        assert!(!f.post_dominates(range(code, "audit('x')"), range(code, "if not req.user")));
        assert!(f.post_dominates(range(code, "save(req)"), range(code, "audit('x')")));
    }

    #[test]
    fn a_call_in_one_branch_does_not_dominate() {
        let code = "function h(req, res) {\n  if (req.admin) { audit('a'); }\n  db.save(req.body);\n  if (ok) { log(1) } else { log(2) }\n  done();\n}\n";
        let c = cfgs(Lang::JavaScript, code);
        let save = range(code, "db.save(req.body)");
        let f = c.function_at(save.0, save.1).unwrap();
        assert!(!f.dominates(range(code, "audit('a')"), save));
        assert!(f.dominates(range(code, "if (req.admin)"), save));
        assert!(f.post_dominates(range(code, "done()"), save));
        assert!(!f.post_dominates(range(code, "log(1)"), save));
    }

    #[test]
    fn try_handlers_and_loops() {
        let code = "def f():\n    for x in xs:\n        if x:\n            continue\n        use(x)\n    try:\n        risky()\n        after()\n    except E:\n        handle()\n    finally:\n        cleanup()\n    end()\n";
        let c = cfgs(Lang::Python, code);
        let f = c
            .function_at(range(code, "end()").0, range(code, "end()").1)
            .unwrap();
        assert!(!f.dominates(range(code, "use(x)"), range(code, "end()")));
        assert!(!f.dominates(range(code, "after()"), range(code, "handle()")));
        assert!(f.dominates(range(code, "cleanup()"), range(code, "end()")));
        assert!(f.post_dominates(range(code, "cleanup()"), range(code, "risky()")));
    }
}
