//! What a module imports, exports and defines, read from its syntax tree,
//! and how an import names another file of the scan. This is language
//! semantics (module systems), not policy: it lets routers mounted from
//! another file, views named in a URL table and guard helpers defined
//! elsewhere be followed to their code.

use soc2_compiler::lang::Lang;
use tree_sitter::{Node, Tree};

type Range = (usize, usize);

/// A name bound by an import: `local` stands for `member` of `module`
/// (`None`: the module itself, or a JavaScript module's default export).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    pub local: String,
    pub module: String,
    pub member: Option<String>,
}

/// A function or class defined in the file (at any depth).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    pub name: String,
    /// The whole definition, with its decorators.
    pub range: Range,
    /// The class whose body holds it, for methods.
    pub class: Option<Range>,
    /// The function, class or module whose body holds it.
    pub scope: Range,
    pub is_class: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Symbols {
    pub imports: Vec<Import>,
    /// JavaScript: (exported name, local name); `default` for the default
    /// export. Python modules export every top-level name.
    pub exports: Vec<(String, String)>,
    pub definitions: Vec<Definition>,
    /// Python: names assigned at module level (`router = APIRouter()`),
    /// which other modules can import.
    pub globals: Vec<String>,
}

impl Symbols {
    /// Whether another module can import `name` from this one.
    pub fn importable(&self, name: &str) -> bool {
        self.globals.iter().any(|g| g == name)
            || self.exports.iter().any(|(_, l)| l == name)
            || self
                .definitions
                .iter()
                .any(|d| d.name == name && d.scope.1 == usize::MAX)
    }

    pub fn import(&self, local: &str) -> Option<&Import> {
        self.imports.iter().rev().find(|i| i.local == local)
    }

    /// The local name a JavaScript module exports as `name`.
    pub fn exported(&self, name: &str) -> Option<&str> {
        // A later assignment to `module.exports` wins.
        self.exports
            .iter()
            .rev()
            .find(|(e, _)| e == name)
            .map(|(_, l)| l.as_str())
    }

    /// The definition called `name` seen from byte `at`: the innermost one
    /// whose enclosing scope holds `at`, else a top-level one.
    pub fn definition(&self, name: &str, at: Option<usize>) -> Option<&Definition> {
        // A class's members are reached through the class or an instance,
        // never by their bare name.
        let candidates = self
            .definitions
            .iter()
            .filter(|d| d.name == name && d.class.is_none());
        match at {
            Some(at) => candidates
                .filter(|d| d.scope.0 <= at && at < d.scope.1)
                .min_by_key(|d| d.scope.1 - d.scope.0),
            None => candidates.min_by_key(|d| (d.scope.1 != usize::MAX, d.range.0)),
        }
    }

    /// A method `name` of the class whose body holds byte `at`.
    pub fn method(&self, name: &str, at: usize) -> Option<&Definition> {
        self.definitions
            .iter()
            .filter(|d| d.name == name)
            .filter(|d| d.class.is_some_and(|(s, e)| s <= at && at < e))
            .min_by_key(|d| d.class.map_or(usize::MAX, |(s, e)| e - s))
    }
}

pub fn extract(tree: &Tree, src: &str, lang: Lang) -> Symbols {
    let mut out = Symbols::default();
    // TypeScript is read with JavaScript's rules.
    let lang = if lang.is_js_family() {
        Lang::JavaScript
    } else {
        lang
    };
    crate::parse::preorder(tree, |node| {
        match (lang, node.kind()) {
            (Lang::Python, "import_statement") => python_import(node, src, &mut out),
            (Lang::Python, "import_from_statement") => python_from_import(node, src, &mut out),
            (Lang::Python, "function_definition" | "class_definition") => {
                definition(node, src, &mut out)
            }
            (Lang::Python, "assignment") => {
                let at_top = node
                    .parent()
                    .filter(|p| p.kind() == "expression_statement")
                    .and_then(|p| p.parent())
                    .is_some_and(|m| m.kind() == "module");
                if let (true, Some(left)) = (at_top, node.child_by_field_name("left")) {
                    if left.kind() == "identifier" {
                        out.globals.push(text(left, src).to_string());
                    }
                }
            }
            (Lang::JavaScript, "import_statement") => js_import(node, src, &mut out),
            (Lang::JavaScript, "variable_declarator") => js_declarator(node, src, &mut out),
            (
                Lang::JavaScript,
                "function_declaration" | "class_declaration" | "abstract_class_declaration",
            ) => definition(node, src, &mut out),
            // Class methods (an object literal's are not definitions by name).
            (Lang::JavaScript, "method_definition")
                if node.parent().is_some_and(|p| p.kind() == "class_body") =>
            {
                definition(node, src, &mut out)
            }
            (Lang::JavaScript, "export_statement") => js_export(node, src, &mut out),
            (Lang::JavaScript, "assignment_expression") => js_commonjs_export(node, src, &mut out),
            _ => {}
        }
        true
    });
    out
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

fn text<'a>(n: Node, src: &'a str) -> &'a str {
    &src[n.start_byte()..n.end_byte()]
}

fn named_children(n: Node) -> Vec<Node> {
    let mut c = n.walk();
    n.named_children(&mut c).collect()
}

/// The enclosing class body of a definition, with decorators included in
/// the definition's range.
fn definition(node: Node, src: &str, out: &mut Symbols) {
    let Some(name) = node.child_by_field_name("name") else {
        return;
    };
    let outer = match node.parent() {
        Some(p) if p.kind() == "decorated_definition" => p,
        _ => node,
    };
    let class = outer
        .parent()
        .filter(|p| matches!(p.kind(), "block" | "class_body"))
        .and_then(|b| b.parent())
        .filter(|c| matches!(c.kind(), "class_definition" | "class_declaration" | "class"))
        .map(|c| (c.start_byte(), c.end_byte()));
    out.definitions.push(Definition {
        name: text(name, src).to_string(),
        range: (outer.start_byte(), outer.end_byte()),
        class,
        scope: scope_of(outer),
        is_class: node.kind().starts_with("class"),
    });
}

/// The range of the function or class around `node`; the whole file
/// (`usize::MAX` as its end) at the top level.
fn scope_of(node: Node) -> Range {
    let mut n = node.parent();
    while let Some(p) = n {
        if matches!(
            p.kind(),
            "function_definition"
                | "class_definition"
                | "function_declaration"
                | "function_expression"
                | "arrow_function"
                | "method_definition"
                | "class_declaration"
                | "generator_function_declaration"
        ) {
            return (p.start_byte(), p.end_byte());
        }
        n = p.parent();
    }
    (0, usize::MAX)
}

/// `import a.b` binds `a.b` (used as `a.b.x`); `import a.b as c` binds `c`.
fn python_import(node: Node, src: &str, out: &mut Symbols) {
    for child in named_children(node) {
        match child.kind() {
            "dotted_name" => {
                let m = text(child, src).to_string();
                out.imports.push(Import {
                    local: m.clone(),
                    module: m,
                    member: None,
                });
            }
            "aliased_import" => {
                if let (Some(n), Some(a)) = (
                    child.child_by_field_name("name"),
                    child.child_by_field_name("alias"),
                ) {
                    out.imports.push(Import {
                        local: text(a, src).to_string(),
                        module: text(n, src).to_string(),
                        member: None,
                    });
                }
            }
            _ => {}
        }
    }
}

/// `from .m import a, b as c`: the member may itself be a module (`from .
/// import views`); resolution tries that first.
fn python_from_import(node: Node, src: &str, out: &mut Symbols) {
    let Some(module) = node.child_by_field_name("module_name") else {
        return;
    };
    let module = text(module, src).to_string();
    let mut c = node.walk();
    for child in node.children_by_field_name("name", &mut c) {
        let (name, local) = match child.kind() {
            "aliased_import" => match (
                child.child_by_field_name("name"),
                child.child_by_field_name("alias"),
            ) {
                (Some(n), Some(a)) => (text(n, src), text(a, src)),
                _ => continue,
            },
            _ => (text(child, src), text(child, src)),
        };
        out.imports.push(Import {
            local: local.to_string(),
            module: module.clone(),
            member: Some(name.to_string()),
        });
    }
}

fn js_import(node: Node, src: &str, out: &mut Symbols) {
    let Some(source) = node.child_by_field_name("source") else {
        return;
    };
    let module = soc2_compiler::pattern::tree::string_value(text(source, src)).to_string();
    for clause in named_children(node)
        .into_iter()
        .filter(|c| c.kind() == "import_clause")
    {
        for part in named_children(clause) {
            match part.kind() {
                "identifier" => out.imports.push(Import {
                    local: text(part, src).to_string(),
                    module: module.clone(),
                    member: None,
                }),
                "namespace_import" => {
                    if let Some(id) = named_children(part).into_iter().next() {
                        out.imports.push(Import {
                            local: text(id, src).to_string(),
                            module: module.clone(),
                            member: Some("*".into()),
                        });
                    }
                }
                "named_imports" => {
                    for spec in named_children(part) {
                        let Some(name) = spec.child_by_field_name("name") else {
                            continue;
                        };
                        let local = spec.child_by_field_name("alias").unwrap_or(name);
                        out.imports.push(Import {
                            local: text(local, src).to_string(),
                            module: module.clone(),
                            member: Some(text(name, src).to_string()),
                        });
                    }
                }
                _ => {}
            }
        }
    }
}

/// `const x = require("./m")`, `const { a, b: c } = require("./m")`,
/// `const x = require("./m").a`; and `const f = (req, res) => …` as a
/// definition.
fn js_declarator(node: Node, src: &str, out: &mut Symbols) {
    let (Some(name), Some(value)) = (
        node.child_by_field_name("name"),
        node.child_by_field_name("value"),
    ) else {
        return;
    };
    if matches!(
        value.kind(),
        "arrow_function" | "function_expression" | "function" | "class"
    ) && name.kind() == "identifier"
    {
        out.definitions.push(Definition {
            name: text(name, src).to_string(),
            range: (value.start_byte(), value.end_byte()),
            class: None,
            scope: scope_of(node),
            is_class: value.kind() == "class",
        });
        return;
    }
    let Some((module, member)) = require_of(value, src) else {
        return;
    };
    match name.kind() {
        "identifier" => out.imports.push(Import {
            local: text(name, src).to_string(),
            module,
            member: member.or(Some("*".into())),
        }),
        "object_pattern" => {
            for p in named_children(name) {
                let (key, local) = match p.kind() {
                    "shorthand_property_identifier_pattern" => (text(p, src), text(p, src)),
                    "pair_pattern" => {
                        match (p.child_by_field_name("key"), p.child_by_field_name("value")) {
                            (Some(k), Some(v)) => (text(k, src), text(v, src)),
                            _ => continue,
                        }
                    }
                    _ => continue,
                };
                out.imports.push(Import {
                    local: local.to_string(),
                    module: module.clone(),
                    member: Some(key.to_string()),
                });
            }
        }
        _ => {}
    }
}

/// `require("m")` → (`m`, None); `require("m").a` → (`m`, Some(`a`)).
pub fn require_of(node: Node, src: &str) -> Option<(String, Option<String>)> {
    match node.kind() {
        "call_expression" => {
            let f = node.child_by_field_name("function")?;
            if text(f, src) != "require" {
                return None;
            }
            let args = node.child_by_field_name("arguments")?;
            let first = named_children(args).into_iter().next()?;
            if first.kind() != "string" {
                return None;
            }
            Some((
                soc2_compiler::pattern::tree::string_value(text(first, src)).to_string(),
                None,
            ))
        }
        "member_expression" => {
            let object = node.child_by_field_name("object")?;
            let prop = node.child_by_field_name("property")?;
            let (m, None) = require_of(object, src)? else {
                return None;
            };
            Some((m, Some(text(prop, src).to_string())))
        }
        _ => None,
    }
}

fn js_export(node: Node, src: &str, out: &mut Symbols) {
    let is_default = {
        let mut c = node.walk();
        let found = node.children(&mut c).any(|ch| ch.kind() == "default");
        found
    };
    if let Some(value) = node.child_by_field_name("value") {
        if is_default {
            out.exports
                .push(("default".into(), text(value, src).to_string()));
        }
        return;
    }
    if let Some(decl) = node.child_by_field_name("declaration") {
        let mut names = Vec::new();
        if let Some(n) = decl.child_by_field_name("name") {
            names.push(text(n, src).to_string());
        }
        for d in named_children(decl) {
            if d.kind() == "variable_declarator" {
                if let Some(n) = d.child_by_field_name("name") {
                    names.push(text(n, src).to_string());
                }
            }
        }
        for n in names {
            let exported = if is_default {
                "default".into()
            } else {
                n.clone()
            };
            out.exports.push((exported, n));
        }
        return;
    }
    for clause in named_children(node)
        .into_iter()
        .filter(|c| c.kind() == "export_clause")
    {
        for spec in named_children(clause) {
            let Some(name) = spec.child_by_field_name("name") else {
                continue;
            };
            let alias = spec.child_by_field_name("alias").unwrap_or(name);
            out.exports
                .push((text(alias, src).to_string(), text(name, src).to_string()));
        }
    }
}

/// `module.exports = router`, `module.exports = { a, b: c }`,
/// `exports.a = a`, `module.exports.a = a`.
fn js_commonjs_export(node: Node, src: &str, out: &mut Symbols) {
    let (Some(left), Some(right)) = (
        node.child_by_field_name("left"),
        node.child_by_field_name("right"),
    ) else {
        return;
    };
    let target = text(left, src);
    // `this.show = (req, res) => {…}` in a constructor function: a method
    // of the objects it builds (`new Handler(db).show`).
    if let Some(name) = target.strip_prefix("this.").filter(|n| is_name(n)) {
        if matches!(
            right.kind(),
            "function_expression" | "function" | "arrow_function"
        ) {
            let owner = scope_of(node);
            if owner.1 != usize::MAX {
                out.definitions.push(Definition {
                    name: name.to_string(),
                    range: (node.start_byte(), node.end_byte()),
                    class: Some(owner),
                    scope: owner,
                    is_class: false,
                });
            }
        }
        return;
    }
    let name = if target == "module.exports" {
        None
    } else if let Some(n) = target
        .strip_prefix("module.exports.")
        .or_else(|| target.strip_prefix("exports."))
    {
        Some(n)
    } else {
        return;
    };
    match (name, right.kind()) {
        // `exports.show = function (req, res) {…}`: a definition too.
        (Some(n), "function_expression" | "function" | "arrow_function") => {
            export_function(out, n, right)
        }
        (Some(n), _) => out
            .exports
            .push((n.to_string(), text(right, src).to_string())),
        (None, "object") => {
            for p in named_children(right) {
                match p.kind() {
                    "shorthand_property_identifier" => {
                        let n = text(p, src).to_string();
                        out.exports.push((n.clone(), n));
                    }
                    "pair" => {
                        if let (Some(k), Some(v)) =
                            (p.child_by_field_name("key"), p.child_by_field_name("value"))
                        {
                            let key = text(k, src).trim_matches(['"', '\'', '`']).to_string();
                            if matches!(
                                v.kind(),
                                "function_expression" | "function" | "arrow_function"
                            ) {
                                // `module.exports = { show: (req, res) => {…} }`: a definition too.
                                export_function(out, &key, v);
                            } else {
                                out.exports.push((key, text(v, src).to_string()));
                            }
                        }
                    }
                    // `module.exports = { show(req, res) {…} }`
                    "method_definition" => {
                        if let Some(k) = p.child_by_field_name("name") {
                            export_function(out, text(k, src), p);
                        }
                    }
                    _ => {}
                }
            }
        }
        (None, _) => out
            .exports
            .push(("default".into(), text(right, src).to_string())),
    }
}

/// A function exported under `name` (`exports.show = function …`, a property
/// of the object assigned to `module.exports`): a top-level definition too.
fn export_function(out: &mut Symbols, name: &str, f: Node) {
    out.definitions.push(Definition {
        name: name.to_string(),
        range: (f.start_byte(), f.end_byte()),
        class: None,
        scope: (0, usize::MAX),
        is_class: false,
    });
    out.exports.push((name.to_string(), name.to_string()));
}

/// The path of the file a module specifier names, among `paths` (relative
/// to the scanned root, `/`-separated). JavaScript: relative specifiers
/// only (packages are not part of the scan). Python: relative imports from
/// the importing file's package, absolute ones by the longest path suffix,
/// preferring the file nearest the importer.
pub fn resolve_module<'a>(
    from: &str,
    spec: &str,
    lang: Lang,
    paths: &'a [String],
) -> Option<&'a String> {
    let dir = match from.rfind('/') {
        Some(i) => &from[..i],
        None => "",
    };
    let find = |p: &str| paths.iter().find(|x| x.as_str() == p);
    match lang {
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx => {
            if !spec.starts_with('.') {
                return None;
            }
            let base = normalise(&join(dir, spec))?;
            // TypeScript imports name the compiled file (`./users.js`) or none.
            let base = base
                .strip_suffix(".js")
                .filter(|_| lang != Lang::JavaScript)
                .unwrap_or(&base);
            let stems = [
                "",
                ".js",
                ".mjs",
                ".cjs",
                ".jsx",
                ".ts",
                ".tsx",
                ".mts",
                "/index.js",
                "/index.mjs",
                "/index.ts",
                "/index.tsx",
            ];
            stems.iter().find_map(|s| find(&format!("{base}{s}")))
        }
        Lang::Python => {
            let dots = spec.chars().take_while(|&c| c == '.').count();
            let rest = spec[dots..].replace('.', "/");
            if dots > 0 {
                let mut base = dir.to_string();
                for _ in 1..dots {
                    base = match base.rfind('/') {
                        Some(i) => base[..i].to_string(),
                        None => String::new(),
                    };
                }
                let stem = join(&base, &rest);
                let stem = stem.trim_end_matches('/');
                return find(&format!("{stem}.py"))
                    .or_else(|| find(format!("{stem}/__init__.py").trim_start_matches('/')));
            }
            let suffixes = [format!("{rest}.py"), format!("{rest}/__init__.py")];
            paths
                .iter()
                .filter(|p| {
                    suffixes.iter().any(|s| {
                        p.as_str() == s
                            || (p.ends_with(s.as_str())
                                && p.as_bytes()[p.len() - s.len() - 1] == b'/')
                    })
                })
                .max_by_key(|p| (common_prefix(p, from), std::cmp::Reverse(p.len())))
        }
        Lang::Text => None,
    }
}

fn join(dir: &str, rel: &str) -> String {
    if dir.is_empty() {
        rel.to_string()
    } else if rel.is_empty() {
        dir.to_string()
    } else {
        format!("{dir}/{rel}")
    }
}

/// Folds `.` and `..` segments; `None` when the path leaves the root.
fn normalise(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            s => out.push(s),
        }
    }
    Some(out.join("/"))
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.split('/')
        .zip(b.split('/'))
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(lang: Lang, src: &str) -> Symbols {
        let tree = crate::parse::parse_source(lang, src).unwrap();
        extract(&tree, src, lang)
    }

    #[test]
    fn javascript_imports_and_exports() {
        let s = symbols(
            Lang::JavaScript,
            "const users = require('./routes/users');\n\
             const { auth, admin: requireAdmin } = require('../mw');\n\
             import api from './api.js';\n\
             import * as h from './h';\n\
             import { a as b } from './x';\n\
             function check(req, res, next) { next() }\n\
             const guard = (req, res, next) => next();\n\
             module.exports = router;\n\
             exports.check = check;\n\
             export default app;\n",
        );
        let imp = |l: &str| s.import(l).cloned().map(|i| (i.module, i.member));
        assert_eq!(
            imp("users"),
            Some(("./routes/users".into(), Some("*".into())))
        );
        assert_eq!(
            imp("requireAdmin"),
            Some(("../mw".into(), Some("admin".into())))
        );
        assert_eq!(imp("auth"), Some(("../mw".into(), Some("auth".into()))));
        assert_eq!(imp("api"), Some(("./api.js".into(), None)));
        assert_eq!(imp("h"), Some(("./h".into(), Some("*".into()))));
        assert_eq!(imp("b"), Some(("./x".into(), Some("a".into()))));
        assert_eq!(s.exported("default"), Some("app"));
        assert_eq!(s.exported("check"), Some("check"));
        assert!(s.definition("check", None).is_some());
        assert!(s.definition("guard", None).is_some());
    }

    #[test]
    fn functions_in_an_exported_object_are_definitions() {
        let s = symbols(
            Lang::JavaScript,
            "module.exports = {\n  login: async (req, res) => { res.send(1) },\n  show(req, res) { res.send(2) },\n  'logout': function (req, res) {},\n  helper,\n};\n",
        );
        for name in ["login", "show", "logout"] {
            assert_eq!(s.exported(name), Some(name));
            assert!(s.definition(name, None).is_some(), "{name}");
        }
        assert_eq!(s.exported("helper"), Some("helper"));
    }

    #[test]
    fn python_imports_and_methods() {
        let s = symbols(
            Lang::Python,
            "import app.views\nimport a.b as c\nfrom . import views\nfrom ..auth import bp as auth_bp, login_required\n\
             class Site:\n    def index(self):\n        pass\n    def urls(self):\n        return self.index\n\
             @deco\ndef index():\n    pass\n",
        );
        let imp = |l: &str| s.import(l).cloned().map(|i| (i.module, i.member));
        assert_eq!(imp("app.views"), Some(("app.views".into(), None)));
        assert_eq!(imp("c"), Some(("a.b".into(), None)));
        assert_eq!(imp("views"), Some((".".into(), Some("views".into()))));
        assert_eq!(imp("auth_bp"), Some(("..auth".into(), Some("bp".into()))));
        let top = s.definition("index", Some(0)).unwrap();
        assert!(top.class.is_none(), "{top:?}");
        let at = s
            .definitions
            .iter()
            .find(|d| d.name == "urls")
            .unwrap()
            .range
            .0;
        assert!(s.method("index", at).is_some_and(|d| d.class.is_some()));
    }

    #[test]
    fn modules_resolve() {
        let paths: Vec<String> = [
            "app.js",
            "routes/users.js",
            "routes/index.js",
            "proj/app/views.py",
            "proj/app/__init__.py",
            "proj/app/auth/__init__.py",
            "other/app/views.py",
            "src/main.ts",
            "src/users/users.controller.ts",
            "src/ui/index.tsx",
        ]
        .map(String::from)
        .to_vec();
        let r = |from: &str, spec: &str, lang| resolve_module(from, spec, lang, &paths).cloned();
        assert_eq!(
            r("app.js", "./routes/users", Lang::JavaScript).as_deref(),
            Some("routes/users.js")
        );
        assert_eq!(
            r("routes/users.js", "../app", Lang::JavaScript).as_deref(),
            Some("app.js")
        );
        assert_eq!(
            r("app.js", "./routes", Lang::JavaScript).as_deref(),
            Some("routes/index.js")
        );
        assert_eq!(r("app.js", "express", Lang::JavaScript), None);
        // TypeScript: no extension, or the compiled file's `.js`.
        for spec in ["./users/users.controller", "./users/users.controller.js"] {
            assert_eq!(
                r("src/main.ts", spec, Lang::TypeScript).as_deref(),
                Some("src/users/users.controller.ts")
            );
        }
        assert_eq!(
            r("src/main.ts", "./ui", Lang::TypeScript).as_deref(),
            Some("src/ui/index.tsx")
        );
        assert_eq!(
            r("proj/app/urls.py", ".views", Lang::Python).as_deref(),
            Some("proj/app/views.py")
        );
        assert_eq!(
            r("proj/app/auth/x.py", "..views", Lang::Python).as_deref(),
            Some("proj/app/views.py")
        );
        assert_eq!(
            r("proj/app/urls.py", ".auth", Lang::Python).as_deref(),
            Some("proj/app/auth/__init__.py")
        );
        assert_eq!(
            r("proj/urls.py", "app.views", Lang::Python).as_deref(),
            Some("proj/app/views.py")
        );
        assert_eq!(
            r("other/urls.py", "app.views", Lang::Python).as_deref(),
            Some("other/app/views.py")
        );
    }
}
