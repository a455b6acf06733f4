//! Local dataflow for `$X flows from R`: whether a value is built, within
//! its function, from code whose text matches a source regex, directly or
//! through assignments to local names earlier in the function. It follows
//! names, not aliasing or calls; a sanitiser in between is not recognised.

use soc2_compiler::re::Re as Regex;
use tree_sitter::{Node, Tree};

use crate::cfg::{JS_FUNCTIONS, PYTHON_FUNCTIONS};

type Range = (usize, usize);

/// Whether the value at `at` is built from code matching one of `sources`
/// or from one of its function's parameters that `params` (ranges of
/// parameter nodes: a request handler's parameters) holds.
pub fn flows_from(
    tree: &Tree,
    src: &str,
    at: Range,
    sources: &[Regex],
    params: &[Range],
    scopes: &Scopes,
) -> bool {
    let Some(text) = src.get(at.0..at.1) else {
        return false;
    };
    if sources.iter().any(|r| r.is_match(text)) {
        return true;
    }
    let Some(node) = tree.root_node().descendant_for_byte_range(at.0, at.1) else {
        return false;
    };
    let scope = enclosing_function(node);
    // The function's own parameters that are sources.
    let mut tainted: Vec<String> = Vec::new();
    if let Some(list) = scope.child_by_field_name("parameters") {
        for &(s, e) in params {
            if list.start_byte() <= s && e <= list.end_byte() {
                if let Some(name) = src.get(s..e).and_then(parameter_name) {
                    tainted.push(name.to_string());
                }
            }
        }
    }
    // Nothing to follow: no source text and none of its parameters.
    if sources.is_empty() && tainted.is_empty() {
        return false;
    }
    // Assignments before the value, in source order.
    let all = scopes.of(scope, src);
    let before = all.partition_point(|a| a.start < at.0);
    let assignments = &all[..before];
    // Twice, for names assigned in a loop before their source.
    for _ in 0..2 {
        for a in assignments {
            let rt = &src[a.value.0..a.value.1];
            if sources.iter().any(|r| r.is_match(rt)) || tainted.iter().any(|t| mentions(rt, t)) {
                for name in &a.names {
                    if !tainted.contains(name) {
                        tainted.push(name.clone());
                    }
                }
            }
        }
    }
    tainted.iter().any(|t| mentions(text, t))
}

/// One assignment of a function: where it starts, the names it binds, and
/// the range of its value.
pub struct Assignment {
    start: usize,
    names: Vec<String>,
    value: Range,
}

/// The assignments of each function, collected once per file and `where`:
/// a file of 8,000 calls at its top level would otherwise walk the whole
/// module for each of them.
#[derive(Default)]
pub struct Scopes(
    std::cell::RefCell<std::collections::HashMap<usize, std::rc::Rc<Vec<Assignment>>>>,
);

impl Scopes {
    /// Every assignment under `scope`, in source order (node ids are
    /// unique within one tree, which is all a cache lives for).
    fn of(&self, scope: Node, src: &str) -> std::rc::Rc<Vec<Assignment>> {
        if let Some(v) = self.0.borrow().get(&scope.id()) {
            return v.clone();
        }
        let mut out: Vec<Assignment> = Vec::new();
        let mut stack = vec![scope];
        while let Some(n) = stack.pop() {
            if let Some((left, right)) = assignment(n) {
                out.push(Assignment {
                    start: n.start_byte(),
                    names: names(left, src),
                    value: (right.start_byte(), right.end_byte()),
                });
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        out.sort_by_key(|a| a.start);
        let v = std::rc::Rc::new(out);
        self.0.borrow_mut().insert(scope.id(), v.clone());
        v
    }
}

/// The function around `node`, or the module when there is none.
fn enclosing_function(node: Node) -> Node {
    let mut scope = node;
    while let Some(p) = scope.parent() {
        scope = p;
        if is_function(p) {
            break;
        }
    }
    scope
}

fn is_function(n: Node) -> bool {
    PYTHON_FUNCTIONS.contains(&n.kind()) || JS_FUNCTIONS.contains(&n.kind())
}

/// How many bindings deep `is_constant` follows names.
const CONSTANT_DEPTH: usize = 16;

/// Whether the value at `at` is computed, within its function, from
/// literals alone: every name it reads is bound in the function (by
/// assignment or as a loop variable over such a value) and only to such
/// values. A parameter, `this`, a name from outside the function or an
/// object's state makes it not constant. A call is taken to give a value
/// its arguments decide: what it is called on (a module, a literal) is not
/// read as data, so request reads must be excluded by `flows from`.
pub fn is_constant(tree: &Tree, src: &str, at: Range) -> bool {
    let Some(node) = tree.root_node().descendant_for_byte_range(at.0, at.1) else {
        return false;
    };
    let scope = enclosing_function(node);
    let mut bindings: Vec<(String, Node)> = Vec::new();
    let mut stack = vec![scope];
    while let Some(n) = stack.pop() {
        let bound = assignment(n).or_else(|| loop_binding(n));
        if let Some((left, right)) = bound {
            for name in names(left, src) {
                bindings.push((name, right));
            }
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    let params = scope
        .child_by_field_name("parameters")
        .map(|p| &src[p.start_byte()..p.end_byte()])
        .unwrap_or("");
    let mut seen: Vec<String> = Vec::new();
    constant_value(node, src, &bindings, params, &mut seen, 0)
}

/// The variable and the iterated value of a loop (`for a, b in rows`,
/// `for (const [a, b] of rows)`, a comprehension's `for x in xs`).
fn loop_binding(n: Node) -> Option<(Node, Node)> {
    match n.kind() {
        "for_statement" | "for_in_clause" | "for_in_statement" => n
            .child_by_field_name("left")
            .zip(n.child_by_field_name("right")),
        _ => None,
    }
}

fn constant_value(
    value: Node,
    src: &str,
    bindings: &[(String, Node)],
    params: &str,
    seen: &mut Vec<String>,
    depth: usize,
) -> bool {
    if depth > CONSTANT_DEPTH {
        return false;
    }
    let mut stack = vec![value];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "this" | "super" => return false,
            "identifier" | "shorthand_property_identifier" => {
                let name = &src[n.start_byte()..n.end_byte()];
                if matches!(name, "undefined" | "NaN" | "Infinity")
                    || seen.iter().any(|s| s == name)
                {
                    continue;
                }
                if mentions(params, name) {
                    return false;
                }
                let mine: Vec<Node> = bindings
                    .iter()
                    .filter(|(b, _)| b == name)
                    .map(|(_, v)| *v)
                    .collect();
                if mine.is_empty() {
                    return false;
                }
                seen.push(name.to_string());
                if !mine
                    .into_iter()
                    .all(|v| constant_value(v, src, bindings, params, seen, depth + 1))
                {
                    return false;
                }
                continue;
            }
            // What a method is called on is data (`s.format(x)` reads
            // `s`), unless it names a module or class from outside the
            // function (`hasher.hash(x)`).
            "call" | "call_expression" => {
                let object = n
                    .child_by_field_name("function")
                    .filter(|f| matches!(f.kind(), "attribute" | "member_expression"))
                    .and_then(|f| f.child_by_field_name("object"));
                if let Some(o) = object {
                    let outer = o.kind() == "identifier" && {
                        let name = &src[o.start_byte()..o.end_byte()];
                        !mentions(params, name) && !bindings.iter().any(|(b, _)| b == name)
                    };
                    if !outer {
                        stack.push(o);
                    }
                }
            }
            _ => {}
        }
        let mut c = n.walk();
        for child in n.named_children(&mut c) {
            if !is_data(n, child) {
                continue;
            }
            stack.push(child);
        }
    }
    true
}

/// Whether `child` of `parent` is read as data: not a called function or
/// what a method is called on, not an attribute's or a key's name, not a
/// nested function.
fn is_data(parent: Node, child: Node) -> bool {
    let field = |name: &str| {
        parent
            .child_by_field_name(name)
            .is_some_and(|f| f.id() == child.id())
    };
    match parent.kind() {
        "call" | "call_expression" => !field("function"),
        "new_expression" => !field("constructor"),
        "attribute" => !field("attribute"),
        "member_expression" => !field("property"),
        "keyword_argument" => !field("name"),
        "pair" => !field("key"),
        _ => !is_function(child),
    }
}

/// The target and the value of an assignment or declaration, in either
/// language (`a = b`, `a += b`, `const a = b`, `(a := b)`).
pub fn assignment(n: Node) -> Option<(Node, Node)> {
    let (target, value) = match n.kind() {
        "assignment"
        | "augmented_assignment"
        | "assignment_expression"
        | "augmented_assignment_expression" => ("left", "right"),
        "variable_declarator" | "named_expression" => ("name", "value"),
        _ => return None,
    };
    n.child_by_field_name(target)
        .zip(n.child_by_field_name(value))
}

/// The name a parameter declares: `id` of `id`, `id: int = 0`, `*args`,
/// `@Param("id") id: string`.
fn parameter_name(text: &str) -> Option<&str> {
    let mut t = text.trim_start();
    // Decorators of a TypeScript parameter come first.
    while let Some(rest) = t.strip_prefix('@') {
        let close = rest.find(')')?;
        t = rest[close + 1..].trim_start();
    }
    let t = t.trim_start_matches(['*', '.']);
    let t = t.strip_prefix("readonly ").unwrap_or(t).trim_start();
    let end = t
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .unwrap_or(t.len());
    (end > 0).then(|| &t[..end])
}

/// The names an assignment target binds (`a`, `a, b`, `{ a, b: c }`,
/// `self.x`).
fn names(left: Node, src: &str) -> Vec<String> {
    match left.kind() {
        "identifier" | "attribute" | "member_expression" => {
            vec![src[left.start_byte()..left.end_byte()].to_string()]
        }
        _ => {
            let mut out = Vec::new();
            let mut stack = vec![left];
            while let Some(n) = stack.pop() {
                match n.kind() {
                    "identifier" | "shorthand_property_identifier_pattern" => {
                        out.push(src[n.start_byte()..n.end_byte()].to_string())
                    }
                    // `{ key: local }`: the key is not bound.
                    "pair_pattern" => {
                        if let Some(v) = n.child_by_field_name("value") {
                            stack.push(v);
                        }
                    }
                    _ => {
                        let mut c = n.walk();
                        stack.extend(n.named_children(&mut c));
                    }
                }
            }
            out
        }
    }
}

/// Whether `text` uses `name` as a whole name (not as another name's
/// attribute: `user.name` does not use `name`).
fn mentions(text: &str, name: &str) -> bool {
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    text.match_indices(name).any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + name.len()).copied();
        !before.is_some_and(|b| word(b) || b == b'.') && !after.is_some_and(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use soc2_compiler::lang::Lang;

    fn check(lang: Lang, code: &str, target: &str) -> bool {
        let tree = crate::parse::parse_source(lang, code).unwrap();
        let at = code.rfind(target).unwrap();
        let source = Regex::lazy(r"\b(request\.(args|form)|req\.(body|query))\b");
        flows_from(
            &tree,
            code,
            (at, at + target.len()),
            &[source],
            &[],
            &Scopes::default(),
        )
    }

    #[test]
    fn from_the_parameters_given_as_sources() {
        let py = "def f(request, name, limit):\n    q = 'SELECT * FROM t WHERE n = ' + name\n    cur.execute(q)\n    cur.execute('SELECT %d' % other)\n";
        let tree = crate::parse::parse_source(Lang::Python, py).unwrap();
        let name = py.find("name").unwrap();
        let param = [(name, name + 4)];
        let at = py.find("q)").unwrap();
        assert!(flows_from(
            &tree,
            py,
            (at, at + 1),
            &[],
            &param,
            &Scopes::default()
        ));
        // Another parameter is not a source.
        assert!(!flows_from(
            &tree,
            py,
            (at, at + 1),
            &[],
            &[],
            &Scopes::default()
        ));
        let other = py.find("'SELECT %d' % other").unwrap();
        assert!(!flows_from(
            &tree,
            py,
            (other, other + 19),
            &[],
            &param,
            &Scopes::default()
        ));
        let ts = "class C {\n  find(@Param(\"id\") id: string) {\n    return this.db.query(`SELECT ${id}`);\n  }\n}\n";
        let tree = crate::parse::parse_source(Lang::TypeScript, ts).unwrap();
        let p = ts.find("@Param").unwrap();
        let end = ts.find(": string").unwrap() + 8;
        let at = ts.find("`SELECT").unwrap();
        assert!(flows_from(
            &tree,
            ts,
            (at, at + 14),
            &[],
            &[(p, end)],
            &Scopes::default()
        ));
    }

    fn constant(lang: Lang, code: &str, target: &str) -> bool {
        let tree = crate::parse::parse_source(lang, code).unwrap();
        let at = code.rfind(target).unwrap();
        is_constant(&tree, code, (at, at + target.len()))
    }

    #[test]
    fn constants_are_built_from_literals_in_the_function() {
        let py = "def seed(c):\n    rows = [('admin', hasher.hash('x')), ('tim', 'y')]\n    for u, p in rows:\n        c.execute(\"INSERT INTO t VALUES ('%s', '%s')\" % (u, p))\n";
        assert!(constant(
            Lang::Python,
            py,
            "\"INSERT INTO t VALUES ('%s', '%s')\" % (u, p)"
        ));
        let js = "function seed(db) {\n  const rows = [['a', 1]];\n  for (const [n, v] of rows) {\n    db.query(`INSERT INTO t VALUES ('${n}', ${v})`);\n  }\n}\n";
        assert!(constant(
            Lang::JavaScript,
            js,
            "`INSERT INTO t VALUES ('${n}', ${v})`"
        ));
    }

    #[test]
    fn parameters_outer_names_and_state_are_not_constant() {
        // A parameter, directly or through a local.
        let py = "def f(c, name):\n    n = name.strip()\n    c.execute('SELECT ' + n)\n";
        assert!(!constant(Lang::Python, py, "'SELECT ' + n"));
        // A method called on a parameter reads it.
        let py = "def f(c, q):\n    c.execute(q.format(1))\n";
        assert!(!constant(Lang::Python, py, "q.format(1)"));
        // A name bound outside the function, or an object's state.
        let py = "def f(c):\n    c.execute('SELECT ' + GLOBAL_NAME)\n";
        assert!(!constant(Lang::Python, py, "'SELECT ' + GLOBAL_NAME"));
        let py = "def f(c):\n    c.execute('SELECT ' + request.args.get('x'))\n";
        assert!(!constant(
            Lang::Python,
            py,
            "'SELECT ' + request.args.get('x')"
        ));
        let js = "class D {\n  find() {\n    return this.db.query(`SELECT ${this.id}`);\n  }\n}\n";
        assert!(!constant(Lang::JavaScript, js, "`SELECT ${this.id}`"));
        // A loop over a parameter.
        let js = "function f(db, rows) {\n  for (const r of rows) db.query(`SELECT ${r}`);\n}\n";
        assert!(!constant(Lang::JavaScript, js, "`SELECT ${r}`"));
    }

    #[test]
    fn parameter_names() {
        assert_eq!(parameter_name("id: int = 0"), Some("id"));
        assert_eq!(parameter_name("*args"), Some("args"));
        assert_eq!(parameter_name("@Param('id') id: string"), Some("id"));
        assert_eq!(parameter_name("@Body() @Valid() dto"), Some("dto"));
    }

    #[test]
    fn through_assignments_in_the_function() {
        let py = "def f():\n    name = request.args.get('n')\n    q = 'SELECT * FROM t WHERE n = ' + name\n    cur.execute(q)\n";
        assert!(check(Lang::Python, py, "q)"));
        let js = "function f(req) {\n  const { id } = req.query;\n  const sql = `DELETE FROM t WHERE id = ${id}`;\n  db.query(sql);\n}\n";
        assert!(check(Lang::JavaScript, js, "sql)"));
    }

    #[test]
    fn not_from_other_values_or_attributes() {
        let py = "def f(user):\n    name = user.name\n    cur.execute('SELECT ' + name)\n";
        assert!(!check(Lang::Python, py, "'SELECT ' + name"));
        let py = "def f():\n    n = request.args['n']\n    cur.execute('SELECT ' + user.n)\n";
        assert!(!check(Lang::Python, py, "'SELECT ' + user.n"));
        // Assigned after the use.
        let py = "def f():\n    cur.execute(q)\n    q = request.form['x']\n";
        assert!(!check(Lang::Python, py, "q)"));
    }
}
