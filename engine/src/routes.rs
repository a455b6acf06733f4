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

use crate::cfg::FileCfgs;

/// A byte range in the file.
type Range = (usize, usize);
use crate::matching::{Binding, EvalCtx, Match};

/// One match per route, binding `$ROUTER`, `$METHOD`, `$PATH` and
/// `$HANDLER`, with the ranges of the code that runs before the handler.
pub fn endpoints(
    routes: &[Match],
    middleware: &[Match],
    prefixes: &[Match],
    methods: &[Match],
    cx: &EvalCtx,
) -> Vec<Match> {
    let mut middleware: Vec<&Match> = middleware.iter().collect();
    middleware.sort_by_key(|m| m.start);
    let mut out = Vec::new();
    for r in routes {
        let router = value(r, "ROUTER").unwrap_or_default();
        // A method list inside the declaration (`methods=["GET", "POST"]`)
        // says more than the declaring call's name.
        let listed = methods
            .iter()
            .find(|m| r.start <= m.start && m.end <= r.end)
            .and_then(|m| value(m, "METHODS"))
            .map(|text| method_list(&text))
            .filter(|l| !l.is_empty());
        let method = listed.or_else(|| value(r, "METHOD").map(|m| m.to_ascii_uppercase()));
        let mut path = value(r, "PATH").unwrap_or_else(|| "/".to_string());
        // A router declared with a prefix (`Blueprint(…, url_prefix="/auth")`).
        if let Some(p) = prefixes
            .iter()
            .find(|p| value(p, "ROUTER").as_deref() == Some(router.as_str()))
        {
            path = join_paths(&value(p, "PREFIX").unwrap_or_default(), &path);
        }
        let mut handlers: Vec<(usize, usize)> = match r.get("HANDLERS").or_else(|| r.get("HANDLER"))
        {
            Some(b) => b.parts.clone(),
            None => Vec::new(),
        };
        // A route declared by a decorator: the decorated function is the
        // handler, and what wraps it before registration runs first.
        let mut guards: Vec<Range> = Vec::new();
        if let Some((handler, wrapping)) = decorated_route(r, cx) {
            handlers = vec![handler];
            guards.extend(wrapping);
        }
        let Some((&handler, before)) = handlers.split_last() else {
            continue;
        };
        let method = method.filter(|m| m != "ROUTE" && m != "API_ROUTE");
        let (full_path, chain) = resolve(
            &router,
            &path,
            method.as_deref(),
            r.start,
            &middleware,
            cx.src,
            0,
        );
        guards.extend(chain);
        guards.extend(before.iter().copied());
        let mut bindings = Vec::new();
        for (name, v) in [
            ("ROUTER", router),
            ("METHOD", method.unwrap_or_else(|| "ANY".to_string())),
            ("PATH", full_path),
        ] {
            bindings.push((name.to_string(), synthetic(r, &v)));
        }
        let text_binding = Binding {
            start: handler.0,
            end: handler.1,
            kind: "",
            interpolated: false,
            value: String::new(),
            parts: vec![handler],
        };
        bindings.push(("HANDLER".to_string(), text_binding));
        // Reported where the method is named: the routes of a chain
        // (`router.route("/b").get(…).post(…)`) all start at `router`.
        let start = r.get("METHOD").map_or(r.start, |b| b.start.max(r.start));
        out.push(Match {
            start,
            end: r.end,
            bindings,
            guards,
        });
    }
    out
}

/// The middleware that runs before a request reaches `path` on `router`
/// (registered before `at` on it), and, where the router is mounted on
/// another (`app.use("/api", router)`), the full path and the parent's
/// chain before the mount.
fn resolve(
    router: &str,
    path: &str,
    method: Option<&str>,
    at: usize,
    middleware: &[&Match],
    src: &str,
    depth: usize,
) -> (String, Vec<Range>) {
    let mut guards = Vec::new();
    for m in middleware {
        if m.start >= at || value(m, "ROUTER").as_deref() != Some(router) {
            continue;
        }
        let prefix = value(m, "PREFIX").unwrap_or_else(|| "/".to_string());
        if !prefix_covers(&prefix, path) {
            continue;
        }
        if let (Some(mm), Some(rm)) = (value(m, "METHOD"), method) {
            let mm = mm.to_ascii_uppercase();
            if mm != "USE" && mm != "ALL" && !rm.split(',').any(|x| x == mm) {
                continue;
            }
        }
        // Without `$MIDDLEWARE`, the whole registration is the middleware
        // (a `before_request` function, say).
        match m.get("MIDDLEWARE") {
            Some(b) => guards.extend(b.parts.iter().copied()),
            None => guards.push((m.start, m.end)),
        }
    }
    if depth >= 8 {
        return (path.to_string(), guards);
    }
    // Mounted on a parent router: the registration that names this router.
    for m in middleware {
        let Some(parts) = m.get("MIDDLEWARE").map(|b| &b.parts) else {
            continue;
        };
        let Some(k) = parts
            .iter()
            .position(|&(s, e)| src.get(s..e) == Some(router))
        else {
            continue;
        };
        let parent = value(m, "ROUTER").unwrap_or_default();
        if parent == router {
            continue;
        }
        let full = join_paths(&value(m, "PREFIX").unwrap_or_default(), path);
        guards.extend(parts[..k].iter().copied());
        let (full, parent_guards) =
            resolve(&parent, &full, method, m.start, middleware, src, depth + 1);
        guards.extend(parent_guards);
        return (full, guards);
    }
    (path.to_string(), guards)
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

/// `/api` + `/users` = `/api/users`; `/api` + `/` = `/api`.
pub fn join_paths(prefix: &str, path: &str) -> String {
    let prefix = prefix.trim_end_matches('/');
    if prefix.is_empty() {
        return path.to_string();
    }
    if path == "/" || path.is_empty() {
        return prefix.to_string();
    }
    format!("{prefix}/{}", path.trim_start_matches('/'))
}

/// For a route matched on a decorated definition (Python): the function,
/// and the code that runs before it on a request: the decorators below the
/// route's own (they wrap the function before it is registered), the route
/// decorator's arguments other than the path (`dependencies=[…]`), and the
/// function's parameters (`Depends(…)` defaults).
fn decorated_route(r: &Match, cx: &EvalCtx) -> Option<(Range, Vec<Range>)> {
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
    let mut wrapping: Vec<(usize, usize)> = decorators[route_at + 1..]
        .iter()
        .map(|d| (d.start_byte(), d.end_byte()))
        .collect();
    // The route decorator's other arguments.
    let route = decorators[route_at];
    let mut stack = vec![route];
    while let Some(n) = stack.pop() {
        if n.kind() == "argument_list" {
            let mut c = n.walk();
            for arg in n.named_children(&mut c) {
                if !(arg.start_byte() <= anchor.start && anchor.end <= arg.end_byte()) {
                    wrapping.push((arg.start_byte(), arg.end_byte()));
                }
            }
            break;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    if let Some(params) = definition.child_by_field_name("parameters") {
        wrapping.push((params.start_byte(), params.end_byte()));
    }
    Some(((definition.start_byte(), definition.end_byte()), wrapping))
}

fn value(m: &Match, name: &str) -> Option<String> {
    m.get(name).map(|b| b.value.clone())
}

/// A binding whose value is computed (a normalised method or path) at the
/// route's place.
fn synthetic(r: &Match, value: &str) -> Binding {
    Binding {
        start: r.start,
        end: r.start,
        kind: "",
        interpolated: false,
        value: value.to_string(),
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

/// Whether an endpoint is guarded by one of `xs`: a match inside code that
/// runs before its handler, or inside the handler where every path to the
/// handler's exit passes it (an early-exit check).
pub fn is_guarded(endpoint: &Match, xs: &[Match], cfgs: Option<&FileCfgs>) -> bool {
    if xs.iter().any(|x| {
        endpoint
            .guards
            .iter()
            .any(|&(s, e)| s <= x.start && x.end <= e)
    }) {
        return true;
    }
    let (Some(handler), Some(cfgs)) = (endpoint.get("HANDLER"), cfgs) else {
        return false;
    };
    xs.iter().any(|x| {
        if !(handler.start <= x.start && x.end <= handler.end) {
            return false;
        }
        match cfgs.function_at(x.start, x.end) {
            Some(f) if handler.start <= f.start && f.end <= handler.end => {
                f.dominates_exit((x.start, x.end))
            }
            _ => false,
        }
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
}
