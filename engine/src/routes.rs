//! Endpoints and their guards, from the matches of the `route` and
//! `middleware` definitions. Which syntax registers a route or a middleware
//! is the definitions' business; this module only knows the routing model:
//! registrations on a router run in source order, a middleware guards the
//! routes registered after it on the same router whose path its prefix
//! covers and whose method it admits, and a route's handlers before the last
//! run before it.
//!
//! Conventional metavariables: routes bind `$ROUTER`, `$METHOD` (absent:
//! any), `$PATH` and `$HANDLERS` (the last is the handler) or `$HANDLER`;
//! middleware binds `$ROUTER`, `$MIDDLEWARE` and optionally `$PREFIX` and
//! `$METHOD`.

use std::sync::Arc;

use soc2_compiler::plan::{EndpointModel, Matcher};

use crate::matching::{Binding, FileRef, Match, Site, Text};
use crate::project::{
    always_calls, bases_of, calls_in, constant_string, definition_sites, node_at, references_in,
    resolve_ref, EvalCtx, ProjectView, Target,
};

/// A byte range in the file.
type Range = (usize, usize);

/// The matches of each part of a language's routing model in one file.
pub struct ModelMatches<'m> {
    pub model: &'m EndpointModel,
    pub routes: Vec<Match>,
    pub middleware: Vec<Match>,
    pub hooks: Vec<Match>,
    pub mounts: Vec<Match>,
    pub prefixes: Vec<Match>,
    pub methods: Vec<Match>,
    pub dependencies: Vec<Match>,
}

impl<'m> ModelMatches<'m> {
    /// Evaluates the parts of `model` with `eval`; the routes (and their
    /// method lists) only `with_routes` (reading mounts needs no routes),
    /// and with routes, the rest only when there are some.
    pub fn of(
        model: &'m EndpointModel,
        with_routes: bool,
        eval: impl Fn(&Matcher) -> Vec<Match>,
    ) -> Self {
        let part = |m: &Option<Matcher>| m.as_ref().map(&eval).unwrap_or_default();
        let (routes, methods) = if with_routes {
            (eval(&model.routes), part(&model.methods))
        } else {
            (Vec::new(), Vec::new())
        };
        // No routes to describe: the rest is not needed.
        if with_routes && routes.is_empty() {
            return ModelMatches {
                model,
                routes,
                middleware: Vec::new(),
                hooks: Vec::new(),
                mounts: Vec::new(),
                prefixes: Vec::new(),
                methods,
                dependencies: Vec::new(),
            };
        }
        ModelMatches {
            model,
            routes,
            middleware: part(&model.middleware),
            hooks: part(&model.hooks),
            mounts: part(&model.mounts),
            prefixes: part(&model.prefixes),
            methods,
            dependencies: if with_routes {
                part(&model.dependencies)
            } else {
                Vec::new()
            },
        }
    }
}

/// One match per route and mount of it, binding `$ROUTER`, `$METHOD`,
/// `$PATH` and (for a handler in this file) `$HANDLER`, with the code that
/// runs before the handler and the handler's code.
pub fn endpoints(model: &ModelMatches, cx: &EvalCtx) -> Vec<Match> {
    let mut out = Vec::new();
    for r in &model.routes {
        let router = value(r, "ROUTER").unwrap_or_default();
        // A method list inside the declaration (`methods=["GET", "POST"]`)
        // says more than the declaring call's name.
        let listed = model
            .methods
            .iter()
            .find(|m| r.start <= m.start && m.end <= r.end)
            .and_then(|m| value(m, "METHODS"))
            .map(|text| method_list(&text))
            .filter(|l| !l.is_empty());
        let method = listed.or_else(|| value(r, "METHOD").map(|m| m.to_ascii_uppercase()));
        // A declaration whose name is not an HTTP method (`route`) answers
        // the model's default method unless a method list says otherwise;
        // one with no `$METHOD` at all answers any method.
        let method = method.and_then(|m| {
            if m.split(',').all(is_http_method) {
                Some(m)
            } else {
                model.model.default_method.clone()
            }
        });
        let path = value(r, "PATH").unwrap_or_else(|| "/".to_string());
        let Some((handler, own)) = handler_of(r, cx) else {
            continue;
        };
        let own = with_dependencies(own, &model.dependencies);
        let (local_path, chain, root) =
            resolve(&router, &path, method.as_deref(), r.start, model, cx, 0);
        let settings = match cx.project {
            Some(pv) => pv.settings(),
            None => Vec::new(),
        };
        // Mounted from another file only if another file can import it:
        // a module's URL table, a module-level or exported router.
        let mut mounts = match cx.project {
            Some(pv) if root.is_empty() || pv.symbols(pv.current()).importable(&root) => {
                pv.mounts_of(pv.current(), &root)
            }
            _ => Vec::new(),
        };
        if mounts.is_empty() {
            mounts.push(crate::project::ExtMount {
                prefix: String::new(),
                guards: Vec::new(),
            });
        }
        // Reported where the method is named: the routes of a chain
        // (`router.route("/b").get(…).post(…)`) all start at `router`.
        let start = r.get("METHOD").map_or(r.start, |b| b.start.max(r.start));
        for ext in mounts {
            let whole = join_paths(&ext.prefix, &local_path);
            // In the order they run: project settings that cover the
            // route, the routers' chains, then what the route itself wraps
            // its handler in.
            let mut guards: Vec<Site> = settings
                .iter()
                .filter(|s| s.covers(&router, &whole, method.as_deref()))
                .flat_map(|s| s.sites.iter().cloned())
                .collect();
            guards.extend(chain.iter().cloned());
            guards.extend(own.iter().cloned());
            let full = display_path(&whole);
            let mut bindings = Vec::new();
            for (name, v) in [
                ("ROUTER", router.clone()),
                (
                    "METHOD",
                    method.clone().unwrap_or_else(|| "ANY".to_string()),
                ),
                ("PATH", full),
            ] {
                bindings.push((name.to_string(), synthetic(r, &v)));
            }
            if let (None, Some(h)) = (handler.file, Some(&handler)) {
                bindings.push((
                    "HANDLER".to_string(),
                    Binding {
                        start: h.start,
                        end: h.end,
                        kind: "",
                        interpolated: false,
                        value: Text::default(),
                        parts: vec![(h.start, h.end)],
                    },
                ));
            }
            let mut m = Match::new(start, r.end, bindings);
            m.guards = ext
                .guards
                .iter()
                .cloned()
                .chain(guards.iter().cloned())
                .collect();
            let chain: Vec<String> = chain_of(&m.guards, cx);
            let chain = if chain.is_empty() {
                "nothing".to_string()
            } else {
                chain.join(", ")
            };
            m.bindings.push(("CHAIN".to_string(), synthetic(r, &chain)));
            m.handler = Some(handler.clone());
            out.push(m);
        }
    }
    out
}

/// The sites with each dependency declared inside the route's own parameter
/// and argument sites after the site that holds it, so that the chain names
/// them (`get_current_user` (dependency at …)).
fn with_dependencies(own: Vec<Site>, deps: &[Match]) -> Vec<Site> {
    let mut out = Vec::with_capacity(own.len());
    for s in own {
        let holds = s.file.is_none() && matches!(s.how, "handler dependency" | "route dependency");
        let inner: Vec<Site> = if holds {
            deps.iter()
                .filter(|d| s.start <= d.start && d.end <= s.end)
                .map(|d| {
                    let shown = d.get("DEP").map_or((d.start, d.end), |b| (b.start, b.end));
                    Site::local(shown, "dependency")
                })
                .collect()
        } else {
            Vec::new()
        };
        out.push(s);
        out.extend(inner);
    }
    out
}

/// A route's handler and the code of the declaration that runs before it:
/// a decorated function (Python) with the decorators below the route's;
/// the last of `$HANDLERS` (Express) after the others; or the view a URL
/// table names (`$VIEW`), followed to its definition, with its wrappers.
fn handler_of(r: &Match, cx: &EvalCtx) -> Option<(Site, Vec<Site>)> {
    if let Some((handler, wrapping)) = decorated_route(r, cx).or_else(|| member_route(r, cx)) {
        return Some((Site::local(handler, "route handler"), wrapping));
    }
    if let Some(b) = r.get("HANDLERS").or_else(|| r.get("HANDLER")) {
        let (&last, before) = b.parts.split_last()?;
        let mut guards: Vec<Site> = before
            .iter()
            .map(|&p| Site::local(p, "route middleware"))
            .collect();
        let handler = match follow(last, cx) {
            Some((h, sites)) => {
                guards.extend(sites);
                h
            }
            None => Site::local(last, "route handler"),
        };
        return Some((handler, guards));
    }
    let view = r.get("VIEW")?;
    let tree = cx.tree?;
    let mut node = node_at(tree, (view.start, view.end))?;
    let mut guards = Vec::new();
    // A wrapper around a view (`login_required(views.x)`), or a class's
    // factory method (`V.as_view()`): the view is the argument, or the class.
    for _ in 0..8 {
        if !matches!(node.kind(), "call" | "call_expression") {
            break;
        }
        let f = node.child_by_field_name("function")?;
        let is_class = |n: tree_sitter::Node| {
            let text = &cx.src[n.start_byte()..n.end_byte()];
            cx.project.is_some_and(|pv| {
                matches!(
                    resolve_ref(pv, pv.current(), text, n.start_byte()),
                    Some(Target::Def(_, d)) if d.is_class
                )
            })
        };
        // An instance of a view class (a callable object, a feed).
        if is_class(f) {
            node = f;
            break;
        }
        if let Some(object) = f.child_by_field_name("object").filter(|o| is_class(*o)) {
            node = object;
            guards.push(Site::local((f.end_byte(), r.end), "view arguments"));
            continue;
        }
        guards.push(Site::local(
            (node.start_byte(), node.end_byte()),
            "view wrapper",
        ));
        // A call with no argument to follow is the view itself (a library
        // class's `as_view()`): judged by its text below.
        let Some(first) = node.child_by_field_name("arguments").and_then(|args| {
            let mut c = args.walk();
            let first = args.named_children(&mut c).next();
            first
        }) else {
            break;
        };
        node = first;
    }
    match follow((node.start_byte(), node.end_byte()), cx) {
        Some((h, sites)) => {
            guards.extend(sites);
            Some((h, guards))
        }
        // A view that is not in the scan (a library's, such as Django's
        // admin site): its name is all there is to judge it by.
        None => {
            let site = Site::local((view.start, view.end), "view");
            guards.push(site.clone());
            Some((site, guards))
        }
    }
}

/// The definition a handler reference names, in this file or another,
/// with the code that runs before its body.
fn follow(at: Range, cx: &EvalCtx) -> Option<(Site, Vec<Site>)> {
    let pv = cx.project?;
    let text = cx.src.get(at.0..at.1)?;
    let Some(Target::Def(f, def)) = resolve_ref(pv, pv.current(), text, at.0) else {
        return None;
    };
    let file = (f != pv.current()).then_some(f);
    let mut sites = Vec::new();
    class_sites(pv, f, &def, 0, &mut sites);
    Some((
        Site {
            file,
            start: def.range.0,
            end: def.range.1,
            how: "route handler",
        },
        sites,
    ))
}

/// What runs before a definition's body, and for a class before its
/// bases' too (a view inherits its base's mixins and `dispatch`
/// decorators).
fn class_sites(
    pv: &dyn ProjectView,
    f: FileRef,
    def: &crate::symbols::Definition,
    depth: usize,
    out: &mut Vec<Site>,
) {
    let Some(tree) = pv.tree(f) else { return };
    let file = (f != pv.current()).then_some(f);
    out.extend(
        definition_sites(&tree, def)
            .into_iter()
            .map(|s| Site { file, ..s }),
    );
    if !def.is_class || depth >= 4 {
        return;
    }
    let text = pv.text(f);
    for (base, at) in bases_of(&tree, &text, def) {
        if let Some(Target::Def(g, d)) = resolve_ref(pv, f, &base, at) {
            if d.is_class && d != *def {
                class_sites(pv, g, &d, depth + 1, out);
            }
        }
    }
}

/// The code that runs before a request reaches `path` on `router`
/// (middleware registered before `at` on it, hooks registered anywhere on
/// it), and, where the router is mounted on another in this file
/// (`app.use("/api", router)`, `include_router(router)`), the path so far
/// and the parent's chain before the mount; with the outermost router.
pub fn resolve(
    router: &str,
    path: &str,
    method: Option<&str>,
    at: usize,
    model: &ModelMatches,
    cx: &EvalCtx,
    depth: usize,
) -> (String, Vec<Site>, String) {
    let mut guards = Vec::new();
    for h in &model.hooks {
        if value(h, "ROUTER").as_deref() == Some(router) {
            guards.push(Site::local((h.start, h.end), "router hook"));
        }
    }
    for p in &model.prefixes {
        if value(p, "ROUTER").as_deref() == Some(router) {
            guards.push(Site::local((p.start, p.end), "router declaration"));
        }
    }
    let mut path = path.to_string();
    if let Some(p) = model
        .prefixes
        .iter()
        .find(|p| value(p, "ROUTER").as_deref() == Some(router) && p.get("PREFIX").is_some())
    {
        path = join_paths(&prefix_of(p, cx).unwrap_or_default(), &path);
    }
    for m in &model.middleware {
        if m.start >= at || value(m, "ROUTER").as_deref() != Some(router) {
            continue;
        }
        let prefix = prefix_of(m, cx).unwrap_or_else(|| "/".to_string());
        if !prefix_covers(&prefix, &path) {
            continue;
        }
        // A middleware registered for one method (`router.post(auth)`)
        // sees only that method's requests; one registered otherwise
        // (`use`, `all`) sees every method.
        if let (Some(mm), Some(rm)) = (value(m, "METHOD"), method) {
            let mm = mm.to_ascii_uppercase();
            if is_http_method(&mm) && !rm.split(',').any(|x| x == mm) {
                continue;
            }
        }
        match m.get("MIDDLEWARE") {
            Some(b) => guards.extend(b.parts.iter().map(|&p| Site::local(p, "middleware"))),
            None => guards.push(Site::local((m.start, m.end), "middleware")),
        }
    }
    if depth >= 8 {
        return (path, guards, router.to_string());
    }
    // Mounted on a parent router in this file.
    for m in &model.middleware {
        let Some(parts) = m.get("MIDDLEWARE").map(|b| &b.parts) else {
            continue;
        };
        let Some(k) = parts
            .iter()
            .position(|&(s, e)| cx.src.get(s..e) == Some(router))
        else {
            continue;
        };
        let parent = value(m, "ROUTER").unwrap_or_default();
        if parent == router {
            continue;
        }
        let full = join_paths(&prefix_of(m, cx).unwrap_or_default(), &path);
        let (full, mut chain, root) =
            resolve(&parent, &full, method, m.start, model, cx, depth + 1);
        chain.extend(parts[..k].iter().map(|&p| Site::local(p, "middleware")));
        chain.extend(guards);
        return (full, chain, root);
    }
    for m in &model.mounts {
        if value(m, "CHILD").as_deref() != Some(router) {
            continue;
        }
        let parent = value(m, "ROUTER").unwrap_or_default();
        if parent == router {
            continue;
        }
        let full = join_paths(&prefix_of(m, cx).unwrap_or_default(), &path);
        let (full, mut chain, root) =
            resolve(&parent, &full, method, m.start, model, cx, depth + 1);
        chain.push(Site::local((m.start, m.end), "router mount"));
        chain.extend(guards);
        return (full, chain, root);
    }
    (path, guards, router.to_string())
}

/// A router mount in this file whose child is defined in another: the
/// router it names there, the path prefix and code in this file up to the
/// outermost router, and that router's name (to follow its own mounts).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MountFact {
    pub target: FileRef,
    pub target_router: String,
    pub prefix: String,
    pub guards: Vec<Site>,
    pub root: String,
}

/// The mounts of routers defined in other files: `$CHILD` of a
/// `router_mount`, or a middleware argument, that names another module's
/// router (an import or `require`).
pub fn mount_facts(model: &ModelMatches, cx: &EvalCtx) -> Vec<MountFact> {
    let Some(pv) = cx.project else {
        return Vec::new();
    };
    let here = pv.current();
    let mut candidates: Vec<(&Match, Range, Vec<Site>)> = Vec::new();
    let mut resolved: Vec<(&Match, FileRef, String, Vec<Site>)> = Vec::new();
    for m in &model.mounts {
        let Some(c) = m.get("CHILD") else { continue };
        let site = vec![Site::local((m.start, m.end), "router mount")];
        // A module named by a string: Django's include("blog.urls").
        if c.kind == "string" {
            if let Some(f) = pv.module(here, &c.value).filter(|f| *f != here) {
                resolved.push((m, f, String::new(), site));
            }
            continue;
        }
        candidates.push((m, (c.start, c.end), site));
    }
    for m in &model.middleware {
        if let Some(b) = m.get("MIDDLEWARE") {
            for (k, &p) in b.parts.iter().enumerate() {
                let before = b.parts[..k]
                    .iter()
                    .map(|&q| Site::local(q, "middleware"))
                    .collect();
                candidates.push((m, p, before));
            }
        }
    }
    for (m, child, guards) in candidates {
        let Some(text) = cx.src.get(child.0..child.1) else {
            continue;
        };
        match resolve_ref(pv, here, text, child.0) {
            Some(Target::Name(f, n)) if f != here => resolved.push((m, f, n, guards)),
            Some(Target::Module(f)) if f != here => resolved.push((m, f, String::new(), guards)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (m, file, name, guards) in resolved {
        let parent = value(m, "ROUTER").unwrap_or_default();
        let prefix = prefix_of(m, cx).unwrap_or_default();
        let (prefix, chain, root) = resolve(&parent, &prefix, None, m.start, model, cx, 0);
        // The parent's chain runs before what the mount itself adds.
        let guards = chain
            .into_iter()
            .chain(guards)
            .map(|s| Site {
                file: Some(here),
                ..s
            })
            .collect();
        out.push(MountFact {
            target: file,
            target_router: name,
            prefix,
            guards,
            root,
        });
    }
    out
}

/// Whether `m` (upper case) names one HTTP method; `ALL` and `ANY` do not.
fn is_http_method(m: &str) -> bool {
    matches!(
        m,
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | "TRACE" | "CONNECT"
    )
}

/// The quoted words of a method list, upper-cased: `["get", "POST"]` →
/// `GET,POST`.
fn method_list(text: &str) -> String {
    let words: Vec<String> = text
        .split(['"', '\''])
        .skip(1)
        .step_by(2)
        .map(|w| w.trim().to_ascii_uppercase())
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic()))
        .collect();
    words.join(",")
}

/// `/api` + `/users` = `/api/users`; `/api` + `/` = `/api`; Django's
/// `accounts/` + `login/` = `accounts/login/` (a regex route's anchors go).
pub fn join_paths(prefix: &str, path: &str) -> String {
    let path = path.strip_prefix('^').unwrap_or(path);
    let prefix = prefix.strip_suffix('$').unwrap_or(prefix);
    let prefix = prefix.trim_end_matches('/');
    if prefix.is_empty() {
        return path.to_string();
    }
    if path == "/" || path.is_empty() {
        return prefix.to_string();
    }
    format!("{prefix}/{}", path.trim_start_matches('/'))
}

/// A path as reported: with a leading `/`, without regex anchors.
fn display_path(path: &str) -> String {
    let p = path.strip_prefix('^').unwrap_or(path);
    let p = p.strip_suffix('$').unwrap_or(p);
    if p.starts_with('/') || p == "*" {
        p.to_string()
    } else {
        format!("/{p}")
    }
}

/// For a route matched on a decorated definition (Python): the function,
/// and the code that runs before it on a request: the decorators below the
/// route's own (they wrap the function before it is registered), the route
/// decorator's arguments other than the path (`dependencies=[…]`), and the
/// function's parameters (`Depends(…)` defaults).
fn decorated_route(r: &Match, cx: &EvalCtx) -> Option<(Range, Vec<Site>)> {
    let tree = cx.tree?;
    let mut node = tree.root_node().descendant_for_byte_range(r.start, r.end)?;
    while node.kind() != "decorated_definition" {
        node = node.parent()?;
        if node.start_byte() < r.start || node.end_byte() > r.end {
            return None;
        }
    }
    let definition = node.child_by_field_name("definition")?;
    let anchor = r.get("PATH").or_else(|| r.get("METHOD"))?;
    let mut cursor = node.walk();
    let decorators: Vec<tree_sitter::Node> = node
        .named_children(&mut cursor)
        .filter(|c| c.kind() == "decorator")
        .collect();
    let route_at = decorators
        .iter()
        .position(|d| d.start_byte() <= anchor.start && anchor.end <= d.end_byte())?;
    let mut wrapping: Vec<Site> = decorators[route_at + 1..]
        .iter()
        .map(|d| Site::local((d.start_byte(), d.end_byte()), "decorator"))
        .collect();
    // The route decorator's other arguments.
    let route = decorators[route_at];
    let mut stack = vec![route];
    while let Some(n) = stack.pop() {
        if n.kind() == "argument_list" {
            let mut c = n.walk();
            for arg in n.named_children(&mut c) {
                if !(arg.start_byte() <= anchor.start && anchor.end <= arg.end_byte()) {
                    wrapping.push(Site::local(
                        (arg.start_byte(), arg.end_byte()),
                        "route dependency",
                    ));
                }
            }
            break;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    if let Some(params) = definition.child_by_field_name("parameters") {
        wrapping.push(Site::local(
            (params.start_byte(), params.end_byte()),
            "handler dependency",
        ));
    }
    Some(((definition.start_byte(), definition.end_byte()), wrapping))
}

/// For a route matched on a decorator of a class method (TypeScript:
/// NestJS's `@Get(":id")`): the method, and what runs before it: the
/// method's other decorators and its class's (guards, pipes and
/// interceptors apply whatever their order).
fn member_route(r: &Match, cx: &EvalCtx) -> Option<(Range, Vec<Site>)> {
    let tree = cx.tree?;
    let mut node = tree.root_node().descendant_for_byte_range(r.start, r.end)?;
    while node.kind() != "decorator" {
        node = node.parent()?;
        if node.start_byte() > r.start || node.end_byte() < r.end {
            return None;
        }
    }
    let parent = node.parent()?;
    let mut cursor = parent.walk();
    let members: Vec<tree_sitter::Node> = parent.named_children(&mut cursor).collect();
    // TypeScript puts a method's decorators before it in the class body;
    // JavaScript inside the method.
    let (method, decorators): (tree_sitter::Node, Vec<tree_sitter::Node>) = match parent.kind() {
        "class_body" => {
            let at = members.iter().position(|m| m.id() == node.id())?;
            let end = (at..members.len()).find(|&k| members[k].kind() != "decorator")?;
            let start = (0..at)
                .rev()
                .take_while(|&k| members[k].kind() == "decorator")
                .last()
                .unwrap_or(at);
            (members[end], members[start..end].to_vec())
        }
        "method_definition" => (
            parent,
            members
                .iter()
                .copied()
                .filter(|m| m.kind() == "decorator")
                .collect(),
        ),
        _ => return None,
    };
    if method.kind() != "method_definition" {
        return None;
    }
    let site = |d: tree_sitter::Node, how| Site::local((d.start_byte(), d.end_byte()), how);
    let mut wrapping: Vec<Site> = Vec::new();
    // The class's decorators, on the class or on its export statement.
    let class = method.parent().and_then(|b| b.parent());
    for holder in class.into_iter().chain(class.and_then(|c| c.parent())) {
        if !matches!(
            holder.kind(),
            "class_declaration" | "class" | "abstract_class_declaration" | "export_statement"
        ) {
            continue;
        }
        let mut c = holder.walk();
        wrapping.extend(
            holder
                .children_by_field_name("decorator", &mut c)
                .map(|d| site(d, "controller decorator")),
        );
    }
    wrapping.extend(
        decorators
            .into_iter()
            .filter(|d| d.id() != node.id())
            .map(|d| site(d, "decorator")),
    );
    Some(((method.start_byte(), method.end_byte()), wrapping))
}

/// A match's `$PREFIX`: a string's value, or the string a constant it
/// names holds (`prefix=settings.API_V1_STR`), else the code as written.
fn prefix_of(m: &Match, cx: &EvalCtx) -> Option<String> {
    let b = m.get("PREFIX")?;
    if b.kind != "string" {
        if let (Some(pv), Some(code)) = (cx.project, cx.src.get(b.start..b.end)) {
            if let Some(v) = constant_string(pv, pv.current(), code, b.start) {
                return Some(v);
            }
        }
    }
    Some(b.value.to_string())
}

fn value(m: &Match, name: &str) -> Option<String> {
    m.get(name).map(|b| b.value.to_string())
}

/// A binding whose value is computed (a normalised method or path) at the
/// route's place.
fn synthetic(r: &Match, value: &str) -> Binding {
    Binding {
        start: r.start,
        end: r.start,
        kind: "",
        interpolated: false,
        value: Text::from(value),
        parts: vec![(r.start, r.start)],
    }
}

/// Whether a middleware mounted at `prefix` sees requests to `path`:
/// `/api` covers `/api` and `/api/users`, not `/apis`.
pub fn prefix_covers(prefix: &str, path: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    if prefix.is_empty() || prefix == "*" || prefix == "/*" {
        return true;
    }
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// How an endpoint was found to be guarded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub site: Site,
    /// Where the guard itself stands (its match, or the call of a helper).
    pub at: usize,
    /// For a helper: its name and where it is defined.
    pub helper: Option<(String, Site)>,
}

impl Evidence {
    /// "middleware at app.js:12", "decorator at views.py:40 (helper
    /// `admin_required`, defined at auth.py:3)".
    pub fn describe(&self, cx: &EvalCtx) -> String {
        let mut out = format!(
            "{} at {}",
            self.site.how,
            location(self.site.file, self.at, cx)
        );
        if let Some((name, def)) = &self.helper {
            out.push_str(&format!(
                " (helper `{name}`, defined at {})",
                location(def.file, def.start, cx)
            ));
        }
        out
    }
}

/// The code that runs before a handler, as told in a finding: what is
/// registered or wrapped around it (not its parameters or options).
pub fn chain_of(sites: &[Site], cx: &EvalCtx) -> Vec<String> {
    sites
        .iter()
        .filter(|s| {
            !matches!(
                s.how,
                "handler dependency"
                    | "route dependency"
                    | "router declaration"
                    | "view"
                    | "view arguments"
            )
        })
        .map(|s| describe_site(s, cx))
        .collect()
}

/// Where a site is, always as `path:line`.
pub fn location(file: Option<FileRef>, at: usize, cx: &EvalCtx) -> String {
    match cx.project {
        Some(pv) => {
            let f = file.unwrap_or(pv.current());
            format!("{}:{}", pv.path(f), line_of(&pv.text(f), at))
        }
        None => format!("{}", line_of(cx.src, at)),
    }
}

/// "`checkSession` (middleware at app.js:14)".
pub fn describe_site(site: &Site, cx: &EvalCtx) -> String {
    let owned;
    let text: &str = match (site.file, cx.project) {
        (Some(f), Some(pv)) => {
            owned = pv.text(f);
            &owned
        }
        _ => cx.src,
    };
    let code = summarise(text.get(site.start..site.end).unwrap_or(""));
    format!(
        "`{code}` ({} at {})",
        site.how,
        location(site.file, site.start, cx)
    )
}

/// Code as shown in a message: a call by its callee (`session(…)`), string
/// literals elided (they may hold secrets: this text is computed, so the
/// position-based masking of findings does not see it), at most 40
/// characters.
fn summarise(code: &str) -> String {
    let code = crate::masking::collapse_ws(code);
    let code = match code.find('(') {
        Some(i) if i > 0 => {
            let inner = code[i + 1..].trim_end_matches(')').trim();
            format!(
                "{}({})",
                &code[..i],
                if inner.is_empty() { "" } else { "…" }
            )
        }
        _ => code,
    };
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for ch in code.chars() {
        match quote {
            Some(q) if ch == q => {
                out.push('…');
                out.push(ch);
                quote = None;
            }
            Some(_) => {}
            None => {
                out.push(ch);
                if matches!(ch, '"' | '\'' | '`') {
                    quote = Some(ch);
                }
            }
        }
    }
    if quote.is_some() {
        out.push('…');
    }
    crate::masking::shorten(&out, 40)
}

fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// How an endpoint is guarded by `by` (whose matches in this file are
/// `xs`), if it is: a match inside code that runs before its handler; a
/// match inside the handler that every path to the handler's exit passes
/// (an early-exit check); or the same by way of a helper function of the
/// scan that always runs such a match.
pub fn guard_of(
    endpoint: &Match,
    by: &Matcher,
    xs: &Arc<Vec<Match>>,
    denials: &[soc2_compiler::re::Re],
    cx: &EvalCtx,
) -> Option<Evidence> {
    let here = cx.project.map(|pv| pv.current());
    let in_file = |file: Option<FileRef>| -> Arc<Vec<Match>> {
        match (file, cx.project) {
            (Some(f), Some(pv)) if Some(f) != here => pv.matches_in(f, by),
            _ => xs.clone(),
        }
    };
    // Matches inside code that runs first.
    for site in &endpoint.guards {
        if let Some(x) = in_file(site.file)
            .iter()
            .find(|x| site.start <= x.start && x.end <= site.end)
        {
            return Some(Evidence {
                site: site.clone(),
                at: x.start,
                helper: None,
            });
        }
    }
    let handler = endpoint.handler.as_ref()?;
    let cfgs_of = |file: Option<FileRef>| -> Option<std::sync::Arc<crate::cfg::FileCfgs>> {
        match cx.project {
            Some(pv) => pv.cfgs(file.unwrap_or(pv.current())),
            None => (cx.cfgs)().map(|c| std::sync::Arc::new(c.clone())),
        }
    };
    let cfgs = cfgs_of(handler.file);
    let handler_text: Option<std::sync::Arc<str>> = match (handler.file, cx.project) {
        (Some(f), Some(pv)) => Some(pv.text(f)),
        _ => None,
    };
    let text = handler_text.as_deref().unwrap_or(cx.src);
    // Every path to the exit passes it, or leaves earlier by a denial (a
    // 401 before a 403 check).
    let denies = |(s, e): Range| {
        text.get(s..e)
            .is_some_and(|t| denials.iter().any(|r| r.is_match(t)))
    };
    let dominating = |x: Range| -> bool {
        cfgs.as_ref()
            .is_some_and(|c| match c.function_at(x.0, x.1) {
                Some(f) if handler.start <= f.start && f.end <= handler.end => {
                    f.dominates_exit(x) || (!denials.is_empty() && f.dominates_exit_past(x, denies))
                }
                _ => false,
            })
    };
    if let Some(x) = in_file(handler.file)
        .iter()
        .find(|x| handler.start <= x.start && x.end <= handler.end && dominating((x.start, x.end)))
    {
        return Some(Evidence {
            site: Site {
                how: "handler code run on every path",
                ..handler.clone()
            },
            at: x.start,
            helper: None,
        });
    }
    // Helpers: names used before the handler, and calls in it that run on
    // every path, that refer to project functions which always run a guard.
    let pv = cx.project?;
    for site in &endpoint.guards {
        let f = site.file.unwrap_or(pv.current());
        let tree = pv.tree(f)?;
        let text = pv.text(f);
        for r in references_in(&tree, (site.start, site.end)) {
            if let Some(e) = helper(pv, by, xs, f, &text[r.0..r.1], r.0, site) {
                return Some(e);
            }
        }
    }
    let f = handler.file.unwrap_or(pv.current());
    let tree = pv.tree(f)?;
    let text = pv.text(f);
    // A name called many times in one handler is one helper: asked once.
    let mut asked: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (callee, at, call) in calls_in(&tree, &text, (handler.start, handler.end)) {
        if asked.contains(&callee) {
            continue;
        }
        if dominating(call) {
            asked.insert(callee.clone());
            let site = Site {
                how: "handler call run on every path",
                ..handler.clone()
            };
            if let Some(e) = helper(pv, by, xs, f, &callee, at, &site) {
                return Some(e);
            }
        }
    }
    None
}

fn helper(
    pv: &dyn ProjectView,
    by: &Matcher,
    here: &[Match],
    file: FileRef,
    name: &str,
    at: usize,
    site: &Site,
) -> Option<Evidence> {
    let Some(Target::Def(g, def)) = resolve_ref(pv, file, name, at) else {
        return None;
    };
    if !always_calls(pv, by, here, g, &def, 0) {
        return None;
    }
    Some(Evidence {
        site: site.clone(),
        at,
        helper: Some((
            def.name.clone(),
            Site {
                file: Some(g),
                start: def.range.0,
                end: def.range.1,
                how: "helper",
            },
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_cover_paths_by_segment() {
        assert!(prefix_covers("/", "/anything"));
        assert!(prefix_covers("/api", "/api"));
        assert!(prefix_covers("/api/", "/api/users"));
        assert!(!prefix_covers("/api", "/apis"));
        assert!(!prefix_covers("/admin", "/api/users"));
    }

    #[test]
    fn code_in_messages_hides_arguments_and_strings() {
        assert_eq!(
            summarise("session({ secret: \"hunter2hunter2\" })"),
            "session(…)"
        );
        assert_eq!(summarise("express.json()"), "express.json()");
        assert_eq!(summarise("@login_required"), "@login_required");
        assert_eq!(summarise("api_key = \"sk-123456\""), "api_key = \"…\"");
    }

    #[test]
    fn method_lists() {
        assert_eq!(method_list("[\"GET\", 'post']"), "GET,POST");
        assert_eq!(method_list("methods"), "");
    }

    #[test]
    fn paths_join() {
        assert_eq!(join_paths("/api", "/users"), "/api/users");
        assert_eq!(join_paths("/api/", "/"), "/api");
        assert_eq!(join_paths("", "/x"), "/x");
    }

    use crate::fake_project::{bundled_routing, Files};
    use crate::project::ExtMount;
    use soc2_compiler::lang::Lang;

    const APP: &str = "const express = require('express');\nconst users = require('./routes/users');\nconst app = express();\napp.use(requireAuth);\napp.use('/users', users);\n";
    const USERS: &str = "const express = require('express');\nconst router = express.Router();\nrouter.get('/:id', (req, res) => res.json({ id: req.params.id }));\nrouter.post('/', save);\nmodule.exports = router;\n";

    /// The routing model's matches in the current file, evaluated.
    fn model_matches<'m>(
        pv: &Files,
        model: &'m EndpointModel,
        pats: &[Vec<Match>],
        with_routes: bool,
    ) -> ModelMatches<'m> {
        pv.eval(|cx| {
            ModelMatches::of(model, with_routes, |m| {
                crate::formula::evaluate(m, pats, cx)
            })
        })
    }

    #[test]
    fn a_mount_names_the_router_of_the_module_it_requires_and_what_runs_before_it() {
        let rp = bundled_routing(Lang::JavaScript);
        let Matcher::Endpoint(model) = &rp.plan.matcher else {
            panic!("the routing plan is an endpoint model")
        };
        let pv = Files::new(&[("app.js", APP), ("routes/users.js", USERS)]).at("app.js");
        let pats = pv.routing_matches(&rp);
        let matches = model_matches(&pv, model, &pats, false);
        let facts = pv.eval(|cx| mount_facts(&matches, cx));
        assert_eq!(facts.len(), 1, "{facts:?}");
        let fact = &facts[0];
        assert_eq!(fact.target, pv.id("routes/users.js"));
        assert_eq!(fact.prefix, "/users");
        let before: Vec<&str> = fact.guards.iter().map(|g| &APP[g.start..g.end]).collect();
        assert!(
            before.iter().any(|t| t.contains("requireAuth")),
            "{before:?}"
        );
    }

    #[test]
    fn a_routes_endpoint_joins_the_prefix_and_the_guards_of_where_it_is_mounted() {
        let rp = bundled_routing(Lang::JavaScript);
        let Matcher::Endpoint(model) = &rp.plan.matcher else {
            panic!("the routing plan is an endpoint model")
        };
        let mut pv =
            Files::new(&[("app.js", APP), ("routes/users.js", USERS)]).at("routes/users.js");
        let app = pv.id("app.js");
        let at = APP.find("requireAuth").unwrap();
        let guard = Site {
            file: Some(app),
            start: at,
            end: at + "requireAuth".len(),
            how: "middleware",
        };
        let mounted = ExtMount {
            prefix: "/users".into(),
            guards: vec![guard.clone()],
        };
        pv.mounts.push((pv.current, "router".into(), mounted));
        let pats = pv.routing_matches(&rp);
        let matches = model_matches(&pv, model, &pats, true);
        let found = pv.eval(|cx| endpoints(&matches, cx));
        let mut seen: Vec<(String, String, bool)> = found
            .iter()
            .map(|m| {
                (
                    value(m, "METHOD").unwrap_or_default().to_ascii_uppercase(),
                    value(m, "PATH").unwrap_or_default(),
                    m.guards.contains(&guard),
                )
            })
            .collect();
        seen.sort();
        assert_eq!(
            seen,
            vec![
                ("GET".into(), "/users/:id".into(), true),
                ("POST".into(), "/users".into(), true),
            ]
        );
        // Not mounted anywhere: the module's own paths, nothing before them.
        pv.mounts.clear();
        let found = pv.eval(|cx| endpoints(&matches, cx));
        assert!(found.iter().all(|m| !m.guards.contains(&guard)));
        assert!(found
            .iter()
            .any(|m| value(m, "PATH").as_deref() == Some("/:id")));
    }
}
