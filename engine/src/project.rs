//! Following code across the files of one scan: a view named in a URL
//! table, a router mounted from another module, a guard helper defined
//! elsewhere. Evaluation in one file asks the rest of the scan through
//! [`ProjectView`], which the database implements with cached queries.

use std::sync::Arc;

use soc2_compiler::lang::Lang;
use soc2_compiler::plan::Matcher;
use tree_sitter::{Node, Tree};

use crate::cfg::FileCfgs;

use crate::matching::{FileRef, Match, Site};
use crate::symbols::{Definition, Import, Symbols};

pub type Range = (usize, usize);

/// What evaluating a formula over one file can look at.
pub struct EvalCtx<'a> {
    pub src: &'a str,
    pub lang: Lang,
    /// The file's control-flow graphs, built (once) only when a filter about
    /// dominance has matches to check.
    pub cfgs: &'a dyn Fn() -> Option<&'a FileCfgs>,
    /// The syntax tree, when the file was parsed.
    pub tree: Option<&'a tree_sitter::Tree>,
    /// The rest of the scan, for what crosses files.
    pub project: Option<&'a dyn ProjectView>,
}

/// What evaluating a rule in one file can ask of the rest of the scan.
pub trait ProjectView {
    /// The file being evaluated.
    fn current(&self) -> FileRef;
    fn path(&self, f: FileRef) -> String;
    fn text(&self, f: FileRef) -> Arc<str>;
    fn lang(&self, f: FileRef) -> Lang;
    fn tree(&self, f: FileRef) -> Option<Tree>;
    fn symbols(&self, f: FileRef) -> Arc<Symbols>;
    fn cfgs(&self, f: FileRef) -> Option<Arc<FileCfgs>>;
    /// The file of the scan a module specifier names, seen from `from`.
    fn module(&self, from: FileRef, spec: &str) -> Option<FileRef>;
    /// Where router `router` of `f` (`""`: the module's own URL table) is
    /// mounted in other files: the path prefix and the code that runs
    /// before its routes there.
    fn mounts_of(&self, f: FileRef, router: &str) -> Vec<ExtMount>;
    /// Project settings that run before the endpoints of the current
    /// file's language (every one, or those the setting names).
    fn settings(&self) -> Vec<Setting>;
    /// The matches, in another file `f`, of a formula of the rule being
    /// evaluated (the current file's are the caller's own).
    fn matches_in(&self, f: FileRef, m: &Matcher) -> Arc<Vec<Match>>;
    /// The current file's endpoints, when the scan shares them between
    /// rules (`None`: evaluate the routing model here).
    fn endpoints(&self) -> Option<Arc<Vec<Match>>> {
        None
    }
}

/// A router's mount in another file, resolved up to the application.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ExtMount {
    pub prefix: String,
    pub guards: Vec<Site>,
}

/// Code that runs before endpoints wherever it is written: before every
/// endpoint of the project, or only before those it names by router, path
/// or method (NestJS's `consumer.apply(Auth).forRoutes(…)`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Setting {
    pub sites: Vec<Site>,
    /// The router (controller) whose routes it covers.
    pub router: Option<String>,
    /// The path it covers: for every method, the path and those under it
    /// (as a middleware's prefix); for one method, that path only, unless
    /// it ends in a wildcard.
    pub path: Option<String>,
    /// The one HTTP method it covers (upper case); absent or `ALL`: any.
    pub method: Option<String>,
}

impl Setting {
    /// Whether the setting runs before `method` requests to `path` on
    /// `router`.
    pub fn covers(&self, router: &str, path: &str, method: Option<&str>) -> bool {
        if self.router.as_deref().is_some_and(|r| r != router) {
            return false;
        }
        let one_method = self
            .method
            .as_deref()
            .filter(|m| !matches!(*m, "ALL" | "ANY" | "*"));
        if let (Some(sm), Some(rm)) = (one_method, method) {
            if !rm.split(',').any(|m| m == sm) {
                return false;
            }
        }
        let Some(p) = &self.path else {
            return true;
        };
        let norm = |p: &str| -> String {
            let p = p.trim_matches('/');
            // Parameter names do not matter: `:id` and `:slug` match alike.
            p.split('/')
                .map(|seg| {
                    if seg.starts_with(':') || seg.starts_with('{') || seg.starts_with('<') {
                        ":"
                    } else {
                        seg
                    }
                })
                .collect::<Vec<_>>()
                .join("/")
        };
        // A wildcard (`users/*`, `users/(.*)`, `*`) covers what its stem
        // begins.
        let (p, wild) = match p.find('*') {
            Some(i) => (p[..i].trim_end_matches(['(', '.']), true),
            None => (p.as_str(), false),
        };
        let (p, path) = (norm(p), norm(path));
        if wild || one_method.is_none() {
            p.is_empty() || path == p || path.starts_with(&format!("{p}/"))
        } else {
            path == p
        }
    }
}

/// What a name refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A function or class.
    Def(FileRef, Definition),
    /// A module (a Django URLconf, a namespace import).
    Module(FileRef),
    /// A variable of a module (a router).
    Name(FileRef, String),
}

const MAX_DEPTH: usize = 6;

/// What `expr` (an identifier, a dotted name, `self.x`, `require("./m")`)
/// written at byte `at` of `file` refers to.
pub fn resolve_ref(pv: &dyn ProjectView, file: FileRef, expr: &str, at: usize) -> Option<Target> {
    resolve_in(pv, file, expr, Some(at), 0)
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

/// The string a constant holds when the code gives it: a name or a member of
/// one (`API_PREFIX`, `settings.API_V1_STR`, `config.prefix`) assigned a
/// plain string literal outside functions (at module or class level, or in
/// an object literal), in this file or in the module the name comes from.
pub fn constant_string(
    pv: &dyn ProjectView,
    file: FileRef,
    expr: &str,
    at: usize,
) -> Option<String> {
    let segs: Vec<&str> = expr.trim().split('.').collect();
    if !segs.iter().all(|s| is_ident(s)) {
        return None;
    }
    let (last, head) = segs.split_last()?;
    let home = match head {
        [] => match resolve_ref(pv, file, last, at) {
            Some(Target::Name(g, n)) if n == *last => g,
            _ => file,
        },
        _ => match resolve_ref(pv, file, &head.join("."), at) {
            Some(Target::Name(g, _) | Target::Module(g) | Target::Def(g, _)) => g,
            None => file,
        },
    };
    let tree = pv.tree(home)?;
    let text = pv.text(home);
    assigned_string(tree.root_node(), &text, last)
}

/// The first plain string assigned to `name` under `node`, outside
/// function bodies.
fn assigned_string(node: Node, src: &str, name: &str) -> Option<String> {
    let text = |n: Node| src.get(n.start_byte()..n.end_byte()).unwrap_or("");
    let plain = |n: Node| -> Option<String> {
        let mut c = n.walk();
        let interpolated = n
            .named_children(&mut c)
            .any(|k| matches!(k.kind(), "interpolation" | "template_substitution"));
        (matches!(n.kind(), "string" | "template_string") && !interpolated)
            .then(|| soc2_compiler::pattern::tree::string_value(text(n)).to_string())
    };
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if crate::cfg::PYTHON_FUNCTIONS.contains(&n.kind())
            || crate::cfg::JS_FUNCTIONS.contains(&n.kind())
        {
            continue;
        }
        let pair = match n.kind() {
            "pair" => n
                .child_by_field_name("key")
                .zip(n.child_by_field_name("value")),
            _ => crate::flow::assignment(n),
        };
        if let Some((l, r)) = pair {
            let lt = text(l);
            let own = match l.kind() {
                "string" => soc2_compiler::pattern::tree::string_value(lt) == name,
                _ => lt.rsplit('.').next() == Some(name),
            };
            if own {
                if let Some(v) = plain(r) {
                    return Some(v);
                }
            }
        }
        let mut c = n.walk();
        let mut kids: Vec<Node> = n.named_children(&mut c).collect();
        kids.reverse();
        stack.extend(kids);
    }
    None
}

/// The text of the assignments to `name` under `node`, outside function
/// bodies, one per line.
fn assignments_of(node: Node, src: &str, name: &str) -> Option<String> {
    let mut found: Vec<&str> = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if crate::cfg::PYTHON_FUNCTIONS.contains(&n.kind())
            || crate::cfg::JS_FUNCTIONS.contains(&n.kind())
        {
            continue;
        }
        if let Some((l, _)) = crate::flow::assignment(n) {
            if src.get(l.start_byte()..l.end_byte()) == Some(name) {
                found.extend(src.get(n.start_byte()..n.end_byte()));
            }
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    (!found.is_empty()).then(|| found.join("\n"))
}

/// The code a name refers to, for `refers to`: the definition (a class, a
/// function) or the module it names, through imports and, for an object
/// the file builds (`const u = new User(…)`), its class; across files.
pub fn referent_text(pv: &dyn ProjectView, file: FileRef, expr: &str, at: usize) -> Option<String> {
    let target = match resolve_ref(pv, file, expr, at)? {
        Target::Name(f, n) => {
            match constructor_of(pv, f, &n).and_then(|c| resolve_in(pv, f, &c, Some(at), 1)) {
                Some(t @ Target::Def(..)) => t,
                _ => Target::Name(f, n),
            }
        }
        t => t,
    };
    match target {
        Target::Def(f, d) => pv.text(f).get(d.range.0..d.range.1).map(str::to_string),
        Target::Module(f) => Some(pv.text(f).to_string()),
        // A variable another module exports (a Mongoose model): its module.
        Target::Name(f, _) if f != file => Some(pv.text(f).to_string()),
        // A variable of this module: its assignments outside functions
        // (`VERIFY_SIGNATURE = False`).
        Target::Name(f, n) => {
            let tree = pv.tree(f)?;
            assignments_of(tree.root_node(), &pv.text(f), &n)
        }
    }
}

/// The constructor `name` is built with, when the file declares it once as
/// `name = new C(…)` (JavaScript) or `name = C(…)` with a capitalised `C`
/// (Python): `C`.
fn constructor_of(pv: &dyn ProjectView, file: FileRef, name: &str) -> Option<String> {
    let src = pv.text(file);
    // Cheap first: the text holds `name = new …` or `name = Upper…`.
    let built = src.match_indices(name).any(|(i, _)| {
        let rest = src[i + name.len()..].trim_start_matches([' ', '\t']);
        let Some(rest) = rest.strip_prefix('=') else {
            return false;
        };
        let rest = rest.trim_start_matches([' ', '\t']);
        rest.starts_with("new ") || rest.starts_with(|c: char| c.is_ascii_uppercase())
    });
    if !built {
        return None;
    }
    let tree = pv.tree(file)?;
    let text = |n: Node| src.get(n.start_byte()..n.end_byte()).unwrap_or("");
    let mut found: Vec<String> = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(n) = stack.pop() {
        let pair = crate::flow::assignment(n);
        if let Some((_, r)) = pair.filter(|(l, _)| text(*l) == name) {
            let ctor = match r.kind() {
                "new_expression" => r.child_by_field_name("constructor"),
                "call" => r.child_by_field_name("function").filter(|f| {
                    text(*f)
                        .rsplit('.')
                        .next()
                        .is_some_and(|s| s.starts_with(|c: char| c.is_ascii_uppercase()))
                }),
                _ => None,
            };
            match ctor {
                Some(c) => found.push(text(c).to_string()),
                None => return None,
            }
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    found.dedup();
    (found.len() == 1).then(|| found.remove(0))
}

/// `require("./m")` → `./m`.
fn require_spec(expr: &str) -> Option<String> {
    let inner = expr.strip_prefix("require(")?.strip_suffix(')')?.trim();
    let q = inner.chars().next()?;
    if !matches!(q, '"' | '\'' | '`') || !inner.ends_with(q) || inner.len() < 2 {
        return None;
    }
    Some(inner[1..inner.len() - 1].to_string())
}

fn resolve_in(
    pv: &dyn ProjectView,
    file: FileRef,
    expr: &str,
    at: Option<usize>,
    depth: usize,
) -> Option<Target> {
    if depth > MAX_DEPTH {
        return None;
    }
    let expr = expr.trim();
    if let Some(spec) = require_spec(expr) {
        let t = pv.module(file, &spec)?;
        return Some(default_of(pv, t, depth));
    }
    let syms = pv.symbols(file);
    if let Some(rest) = expr
        .strip_prefix("self.")
        .or_else(|| expr.strip_prefix("this."))
    {
        let d = syms.method(rest, at?)?;
        return Some(Target::Def(file, d.clone()));
    }
    let segs: Vec<&str> = expr.split('.').collect();
    if !segs.iter().all(|s| is_ident(s)) {
        return None;
    }
    // The longest dotted prefix an import binds (`import app.views`), else
    // the first name.
    for k in (1..=segs.len()).rev() {
        let head = segs[..k].join(".");
        let base = match syms.import(&head) {
            Some(imp) => resolve_import(pv, file, imp, depth),
            None if k == 1 => Some(match syms.definition(&head, at) {
                Some(d) => Target::Def(file, d.clone()),
                // An object built by a class or constructor function
                // (`const h = new SessionHandler(db)`): its members are
                // the class's.
                None => match constructor_of(pv, file, &head)
                    .and_then(|c| resolve_in(pv, file, &c, at, depth + 1))
                {
                    Some(t @ Target::Def(..)) if k < segs.len() => t,
                    _ => Target::Name(file, head),
                },
            }),
            None => continue,
        };
        return member_chain(pv, base?, &segs[k..], depth);
    }
    None
}

fn member_chain(pv: &dyn ProjectView, base: Target, rest: &[&str], depth: usize) -> Option<Target> {
    let Some((first, more)) = rest.split_first() else {
        return Some(base);
    };
    let next = match base {
        Target::Module(m) => match pv.lang(m) {
            l if l.is_js_family() => {
                let local = pv.symbols(m).exported(first)?.to_string();
                resolve_in(pv, m, &local, None, depth + 1)?
            }
            _ => match top_level(pv, m, first, depth) {
                Some(t) => t,
                None => Target::Module(pv.module(m, &format!(".{first}"))?),
            },
        },
        // A class's methods, or the `this.x = …` members a constructor
        // function defines.
        Target::Def(f, d) => {
            let syms = pv.symbols(f);
            let m = syms.definitions.iter().find(|x| {
                x.name == *first
                    && x.class
                        .is_some_and(|(s, e)| d.range.0 <= s && e <= d.range.1)
            })?;
            Target::Def(f, m.clone())
        }
        _ => return None,
    };
    member_chain(pv, next, more, depth + 1)
}

/// A module-level name of a Python module: a definition, or a name it
/// imports (re-exports).
fn top_level(pv: &dyn ProjectView, m: FileRef, name: &str, depth: usize) -> Option<Target> {
    let syms = pv.symbols(m);
    if let Some(d) = syms.definition(name, None) {
        return Some(Target::Def(m, d.clone()));
    }
    if let Some(imp) = syms.import(name) {
        return resolve_import(pv, m, imp, depth + 1);
    }
    Some(Target::Name(m, name.to_string()))
}

fn resolve_import(
    pv: &dyn ProjectView,
    file: FileRef,
    imp: &Import,
    depth: usize,
) -> Option<Target> {
    if depth > MAX_DEPTH {
        return None;
    }
    match pv.lang(file) {
        l if l.is_js_family() => {
            let t = pv.module(file, &imp.module)?;
            match imp.member.as_deref() {
                None | Some("*") => Some(default_of(pv, t, depth)),
                Some(name) => {
                    let local = pv.symbols(t).exported(name)?.to_string();
                    resolve_in(pv, t, &local, None, depth + 1)
                }
            }
        }
        _ => match &imp.member {
            None => Some(Target::Module(pv.module(file, &imp.module)?)),
            Some(m) => {
                // `from . import views`: the member may be a module.
                let sub = if imp.module.chars().all(|c| c == '.') {
                    format!("{}{m}", imp.module)
                } else {
                    format!("{}.{m}", imp.module)
                };
                if let Some(t) = pv.module(file, &sub) {
                    return Some(Target::Module(t));
                }
                let t = pv.module(file, &imp.module)?;
                top_level(pv, t, m, depth)
            }
        },
    }
}

/// What a JavaScript module gives `require` or a default import: its
/// default export when it has one, else the module.
fn default_of(pv: &dyn ProjectView, t: FileRef, depth: usize) -> Target {
    let syms = pv.symbols(t);
    match syms.exported("default") {
        Some(local) if is_ident(local) => {
            let local = local.to_string();
            resolve_in(pv, t, &local, None, depth + 1).unwrap_or(Target::Module(t))
        }
        _ => Target::Module(t),
    }
}

/// The node spanning exactly `range`, or the smallest one around it.
pub fn node_at(tree: &Tree, range: Range) -> Option<Node<'_>> {
    let mut n = tree
        .root_node()
        .descendant_for_byte_range(range.0, range.1)?;
    while n.start_byte() > range.0 || n.end_byte() < range.1 {
        n = n.parent()?;
    }
    Some(n)
}

/// A view's code, and what runs before it: its decorators, and for a class
/// its bases and class-level assignments (`permission_classes = […]`).
pub fn definition_sites(tree: &Tree, def: &Definition) -> Vec<Site> {
    let Some(outer) = node_at(tree, def.range) else {
        return Vec::new();
    };
    let mut sites = Vec::new();
    let mut node = outer;
    if outer.kind() == "decorated_definition" {
        let mut c = outer.walk();
        for d in outer.named_children(&mut c) {
            if d.kind() == "decorator" {
                sites.push(Site::local((d.start_byte(), d.end_byte()), "decorator"));
            }
        }
        node = outer.child_by_field_name("definition").unwrap_or(outer);
    }
    if matches!(node.kind(), "class_definition" | "class_declaration") {
        if let Some(bases) = node
            .child_by_field_name("superclasses")
            .or_else(|| node.child_by_field_name("heritage"))
        {
            sites.push(Site::local(
                (bases.start_byte(), bases.end_byte()),
                "class base",
            ));
        }
        if let Some(body) = node.child_by_field_name("body") {
            let mut c = body.walk();
            for stmt in body.named_children(&mut c) {
                match stmt.kind() {
                    "expression_statement" => sites.push(Site::local(
                        (stmt.start_byte(), stmt.end_byte()),
                        "class attribute",
                    )),
                    // `@method_decorator(login_required) def dispatch(…)`:
                    // what wraps a method runs before it.
                    "decorated_definition" => {
                        let mut c2 = stmt.walk();
                        for d in stmt.named_children(&mut c2) {
                            if d.kind() == "decorator" {
                                sites.push(Site::local(
                                    (d.start_byte(), d.end_byte()),
                                    "method decorator",
                                ));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    sites
}

/// The base classes of a class definition, as (text, offset).
pub fn bases_of(tree: &Tree, src: &str, def: &Definition) -> Vec<(String, usize)> {
    let Some(mut node) = node_at(tree, def.range) else {
        return Vec::new();
    };
    if node.kind() == "decorated_definition" {
        match node.child_by_field_name("definition") {
            Some(d) => node = d,
            None => return Vec::new(),
        }
    }
    let Some(bases) = node
        .child_by_field_name("superclasses")
        .or_else(|| node.child_by_field_name("heritage"))
    else {
        return Vec::new();
    };
    let mut c = bases.walk();
    bases
        .named_children(&mut c)
        .filter(|b| matches!(b.kind(), "identifier" | "attribute" | "member_expression"))
        .map(|b| {
            (
                src[b.start_byte()..b.end_byte()].to_string(),
                b.start_byte(),
            )
        })
        .collect()
}

/// Whether definition `def` of `f` always runs a match of `by`: a match in
/// it that every path to the exit of its function (the definition, or a
/// function nested in it, as in a decorator's wrapper) passes; or a call
/// that does so to another function that does (a few levels deep).
pub fn always_calls(
    pv: &dyn ProjectView,
    by: &Matcher,
    here: &[Match],
    f: FileRef,
    def: &Definition,
    depth: usize,
) -> bool {
    if depth > 3 {
        return false;
    }
    let Some(cfgs) = pv.cfgs(f) else {
        return false;
    };
    let (s, e) = def.range;
    let dominating = |x: Range| {
        cfgs.function_at(x.0, x.1)
            .is_some_and(|g| s <= g.start && g.end <= e && g.dominates_exit(x))
    };
    let elsewhere;
    let found: &[Match] = if f == pv.current() {
        here
    } else {
        elsewhere = pv.matches_in(f, by);
        &elsewhere
    };
    if found
        .iter()
        .any(|x| s <= x.start && x.end <= e && dominating((x.start, x.end)))
    {
        return true;
    }
    let Some(tree) = pv.tree(f) else {
        return false;
    };
    let text = pv.text(f);
    calls_in(&tree, &text, (s, e))
        .into_iter()
        .any(|(callee, at, call)| {
            dominating(call)
                && match resolve_in(pv, f, &callee, Some(at), 0) {
                    Some(Target::Def(g, d)) => {
                        d != *def && always_calls(pv, by, here, g, &d, depth + 1)
                    }
                    _ => false,
                }
        })
}

/// The calls in `range` with a callee that names something: (callee text,
/// its byte offset, the call's range).
pub fn calls_in(tree: &Tree, src: &str, range: Range) -> Vec<(String, usize, Range)> {
    let Some(root) = node_at(tree, range) else {
        return Vec::new();
    };
    let span = |n: Node| (n.start_byte(), n.end_byte());
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if matches!(n.kind(), "call" | "call_expression") {
            if let Some(callee) = n.child_by_field_name("function") {
                if matches!(
                    callee.kind(),
                    "identifier" | "attribute" | "member_expression"
                ) {
                    let text = src
                        .get(callee.start_byte()..callee.end_byte())
                        .unwrap_or("");
                    // Only a name resolves to a helper (`check`, `auth.verify`),
                    // not a chain of calls (`p.then(f).then`), whose text
                    // grows with each link.
                    let name = text.len() <= 200
                        && !text.is_empty()
                        && text
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.'));
                    if name {
                        out.push((text.to_string(), callee.start_byte(), span(n)));
                    }
                }
            }
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    out
}

/// The names referred to in `range` (identifiers and dotted names, not
/// their parts), with where they stand.
pub fn references_in(tree: &Tree, range: Range) -> Vec<Range> {
    let Some(root) = node_at(tree, range) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if matches!(n.kind(), "identifier" | "attribute" | "member_expression") {
            out.push((n.start_byte(), n.end_byte()));
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(router: Option<&str>, path: Option<&str>, method: Option<&str>) -> Setting {
        Setting {
            sites: Vec::new(),
            router: router.map(str::to_string),
            path: path.map(str::to_string),
            method: method.map(str::to_string),
        }
    }

    #[test]
    fn settings_cover_what_they_name() {
        // Everything, when they name nothing.
        assert!(setting(None, None, None).covers("C", "/x", Some("GET")));
        // A router: its routes only.
        let s = setting(Some("UsersController"), None, None);
        assert!(s.covers("UsersController", "/users/:id", Some("DELETE")));
        assert!(!s.covers("ArticlesController", "/users/:id", Some("DELETE")));
        // A path for every method: the path and those under it.
        let s = setting(None, Some("users"), Some("ALL"));
        assert!(s.covers("C", "/users", Some("GET")));
        assert!(s.covers("C", "/users/:id/follow", Some("POST")));
        assert!(!s.covers("C", "/usersx", Some("GET")));
        // A path for one method: that route only, whatever its parameters
        // are called.
        let s = setting(None, Some("users/:id"), Some("GET"));
        assert!(s.covers("C", "/users/:slug", Some("GET")));
        assert!(!s.covers("C", "/users/:slug", Some("PUT")));
        assert!(!s.covers("C", "/users/:slug/follow", Some("GET")));
        // …unless it ends in a wildcard.
        let s = setting(None, Some("users/(.*)"), Some("GET"));
        assert!(s.covers("C", "/users/:slug/follow", Some("GET")));
        assert!(setting(None, Some("*"), Some("GET")).covers("C", "/a/b", Some("GET")));
    }

    use crate::fake_project::Files;

    fn def_in(pv: &Files, path: &str, name: &str) -> Definition {
        pv.symbols(pv.id(path))
            .definitions
            .iter()
            .find(|d| d.name == name)
            .cloned()
            .expect("the definition")
    }

    #[test]
    fn a_required_function_resolves_to_its_definition_in_the_other_file() {
        let pv = Files::new(&[
            (
                "app.js",
                "const { requireAuth } = require('./auth');\napp.use(requireAuth);\n",
            ),
            (
                "auth.js",
                "function requireAuth(req, res, next) { next(); }\nmodule.exports = { requireAuth };\n",
            ),
        ])
        .at("app.js");
        let at = pv.offset("app.js", "requireAuth);");
        match resolve_ref(&pv, pv.current, "requireAuth", at) {
            Some(Target::Def(f, d)) => {
                assert_eq!(f, pv.id("auth.js"));
                assert_eq!(d.name, "requireAuth");
            }
            other => panic!("resolved to {other:?}"),
        }
        // A name nothing defines stays a name of its file.
        assert_eq!(
            resolve_ref(&pv, pv.current, "nowhere", at),
            Some(Target::Name(pv.current, "nowhere".into()))
        );
    }

    #[test]
    fn a_python_relative_import_resolves_in_its_package() {
        let pv = Files::new(&[
            (
                "shop/views.py",
                "from .auth import login_required\n\n@login_required\ndef index(request):\n    return 1\n",
            ),
            (
                "shop/auth.py",
                "def login_required(view):\n    return view\n",
            ),
        ])
        .at("shop/views.py");
        let at = pv.offset("shop/views.py", "@login_required") + 1;
        match resolve_ref(&pv, pv.current, "login_required", at) {
            Some(Target::Def(f, d)) => {
                assert_eq!(pv.path(f), "shop/auth.py");
                assert_eq!(d.name, "login_required");
            }
            other => panic!("resolved to {other:?}"),
        }
    }

    #[test]
    fn a_constant_imported_from_another_module_is_read_there() {
        let pv = Files::new(&[
            (
                "app.js",
                "const { PREFIX } = require('./config');\napp.use(PREFIX, router);\n",
            ),
            (
                "config.js",
                "const PREFIX = '/api/v1';\nmodule.exports = { PREFIX };\n",
            ),
        ])
        .at("app.js");
        let at = pv.offset("app.js", "PREFIX, router");
        assert_eq!(
            constant_string(&pv, pv.current, "PREFIX", at).as_deref(),
            Some("/api/v1")
        );
        assert_eq!(constant_string(&pv, pv.current, "router", at), None);
    }

    #[test]
    fn a_helper_always_calls_a_check_only_when_every_path_passes_it() {
        let mut pv = Files::new(&[
            ("app.js", "const auth = require('./auth');\n"),
            (
                "auth.js",
                "function ensure(req) { verify(req); return true; }\n\
                 function maybe(req) { if (req.admin) { verify(req); } return true; }\n\
                 function outer(req) { ensure(req); return 1; }\n",
            ),
        ])
        .at("app.js");
        pv.guard_text = Some("verify(req)".into());
        let by = Matcher::Any(Vec::new());
        let auth = pv.id("auth.js");
        let calls =
            |name: &str| always_calls(&pv, &by, &[], auth, &def_in(&pv, "auth.js", name), 0);
        assert!(calls("ensure"));
        assert!(!calls("maybe"), "a check on one branch does not guard");
        assert!(calls("outer"), "through a helper that always checks");
    }
}
