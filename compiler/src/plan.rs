//! Query plans: what the engine runs. Plain data, printable by `explain`.

use std::fmt::Write as _;

use crate::re::Re as Regex;

use crate::catalog::Severity;
use crate::lang::Lang;
use crate::pattern::{CompiledPattern, Hole};
use soc2_grammar::ast::{CmpOp, Span};

/// A compiled rule, ready to run.
#[derive(Debug)]
pub struct CompiledRule {
    pub id: String,
    pub title: String,
    /// `kind evidence`: its matches record a control that is present, for
    /// the criteria report, rather than a problem.
    pub evidence: bool,
    pub severity: Severity,
    pub category: &'static str,
    pub criteria: Vec<String>,
    pub cwe: Vec<u32>,
    /// The message, with `{$NAME}` placeholders for captured values.
    pub message: String,
    pub recommendation: String,
    /// Metavariables whose values are secrets: masked in every output.
    pub secrets: Vec<String>,
    pub doc: Option<String>,
    pub paths: PathFilter,
    pub plans: Vec<LangPlan>,
    /// Which rule file it came from (index into the rule set) and where.
    pub source: usize,
    pub span: Span,
    /// The rule's source AST and the definitions it used: two compiled rules
    /// are the same when these are.
    pub fingerprint: u64,
}

impl PartialEq for CompiledRule {
    fn eq(&self, other: &Self) -> bool {
        self.fingerprint == other.fingerprint && self.id == other.id && self.source == other.source
    }
}
impl Eq for CompiledRule {}

/// Include and exclude globs over the path relative to the scanned root.
#[derive(Clone, Debug, Default)]
pub struct PathFilter {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    include_set: Option<globset::GlobSet>,
    exclude_set: Option<globset::GlobSet>,
}

impl PathFilter {
    pub fn new(include: Vec<String>, exclude: Vec<String>) -> Result<Self, (usize, bool, String)> {
        // The bundled definitions' test and vendored paths are the globs of
        // most rules: built once (a glob set is a regex).
        type Built = Result<PathFilter, (usize, bool, String)>;
        static FILTERS: crate::memo::Memo<(Vec<String>, Vec<String>), Built> =
            crate::memo::Memo::new();
        FILTERS.get((include.clone(), exclude.clone()), || {
            Self::build(include, exclude)
        })
    }

    fn build(include: Vec<String>, exclude: Vec<String>) -> Result<Self, (usize, bool, String)> {
        let build = |globs: &[String],
                     is_include: bool|
         -> Result<Option<globset::GlobSet>, (usize, bool, String)> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = globset::GlobSetBuilder::new();
            for (i, g) in globs.iter().enumerate() {
                // Globs match at any depth unless anchored with a leading `/`.
                let (pattern, anchored) = match g.strip_prefix('/') {
                    Some(rest) => (rest.to_string(), true),
                    None => (g.clone(), g.starts_with("**")),
                };
                let glob = globset::GlobBuilder::new(&pattern)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| (i, is_include, e.kind().to_string()))?;
                b.add(glob);
                if !anchored {
                    if let Ok(deep) = globset::GlobBuilder::new(&format!("**/{pattern}"))
                        .literal_separator(true)
                        .build()
                    {
                        b.add(deep);
                    }
                }
            }
            b.build()
                .map(Some)
                .map_err(|e| (0, is_include, e.to_string()))
        };
        Ok(PathFilter {
            include_set: build(&include, true)?,
            exclude_set: build(&exclude, false)?,
            include,
            exclude,
        })
    }

    /// Whether a path (relative, with `/` separators) is selected.
    pub fn allows(&self, path: &str) -> bool {
        if let Some(ex) = &self.exclude_set {
            if ex.is_match(path) {
                return false;
            }
        }
        match &self.include_set {
            Some(inc) => inc.is_match(path),
            None => true,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }
}

/// What a rule runs on files of one language.
#[derive(Debug)]
pub struct LangPlan {
    pub lang: Lang,
    /// `files` clauses: which files the plan applies to (required for text).
    pub files: PathFilter,
    /// `beside` clauses: the file must (or, negated, must not) have a
    /// sibling with one of these names.
    pub beside: Vec<(Vec<String>, bool)>,
    pub matcher: Matcher,
    pub patterns: Vec<CompiledPattern>,
    /// What a file's text must contain for the plan to match in it.
    pub prefilter: crate::prefilter::Prefilter,
    /// The node kinds matches can be rooted at; `None` means any node.
    pub kinds: Option<Vec<&'static str>>,
}

impl LangPlan {
    /// Whether the `beside` clauses hold for the file at `path`, given
    /// `exists` for the paths of the scanned tree: a file of one of the
    /// names is in the file's directory or one above it (a workspace's
    /// packages share the root's lockfile).
    pub fn beside_holds(&self, path: &str, exists: impl Fn(&str) -> bool) -> bool {
        let mut dirs = vec![""];
        let mut at = 0;
        while let Some(i) = path[at..].find('/') {
            dirs.push(&path[..at + i]);
            at += i + 1;
        }
        self.beside.iter().all(|(names, negated)| {
            let found = dirs.iter().any(|d| {
                names.iter().any(|n| {
                    if d.is_empty() {
                        exists(n)
                    } else {
                        exists(&format!("{d}/{n}"))
                    }
                })
            });
            found != *negated
        })
    }
}

#[derive(Debug)]
pub enum Matcher {
    /// Index into [`LangPlan::patterns`].
    Pattern(usize),
    /// A regex over the file's text (multi-line mode: `^`/`$` match lines).
    Regex(Regex),
    Any(Vec<Matcher>),
    /// HTTP endpoints: matches of the `route` definition, each with the
    /// guard candidates the rest of the model gives it.
    Endpoint(Box<EndpointModel>),
    All {
        positives: Vec<Matcher>,
        filters: Vec<Filter>,
        /// Report at the node bound to this metavariable instead.
        focus: Option<String>,
    },
}

/// The routing model of one language, from the definitions `route`
/// (required), `middleware`, `router_hook`, `router_mount`,
/// `router_prefix` and `route_methods`.
#[derive(Debug)]
pub struct EndpointModel {
    pub routes: Matcher,
    /// Registered on a router; run before the routes registered after them.
    pub middleware: Option<Matcher>,
    /// Run before every route of their router, wherever registered.
    pub hooks: Option<Matcher>,
    /// A router mounted on another (`$ROUTER`, `$CHILD`, `$PREFIX`).
    pub mounts: Option<Matcher>,
    /// Routers declared with a path prefix.
    pub prefixes: Option<Matcher>,
    /// Method lists given inside a route's declaration.
    pub methods: Option<Matcher>,
    /// Project settings that run before every endpoint of the language
    /// (found in any file of the scan).
    pub settings: Option<Matcher>,
    /// The dependencies a route declares in its handler's parameters or
    /// its declaration (FastAPI's `Depends(get_current_user)`), shown in its
    /// chain; `$DEP`, when bound, is what is shown.
    pub dependencies: Option<Matcher>,
    /// The method a route answers when it is declared by a name that is
    /// not an HTTP method (`route`) and no method list says otherwise
    /// (`route_default_method`); without it, any method.
    pub default_method: Option<String>,
}

impl EndpointModel {
    fn parts(&self) -> impl Iterator<Item = &Matcher> {
        std::iter::once(&self.routes).chain(
            [
                &self.middleware,
                &self.hooks,
                &self.mounts,
                &self.prefixes,
                &self.methods,
                &self.settings,
                &self.dependencies,
            ]
            .into_iter()
            .flatten(),
        )
    }
}

#[derive(Debug)]
pub enum Filter {
    /// Drop matches at the same place as a match of this.
    Not(Matcher),
    /// Keep matches that lie within a match of this.
    Inside(Matcher),
    NotInside(Matcher),
    Where(Condition),
    /// Keep (or, negated, drop) matches that a match of `by`, in the same
    /// function, dominates (or post-dominates) in the control-flow graph.
    Dominated {
        by: Matcher,
        post: bool,
        negated: bool,
    },
    /// Keep (or, negated, drop) endpoints guarded by a match of `by`. A
    /// check in the handler guards it when every path to the exit passes
    /// it or leaves by an answer that one of `denials` matches (an earlier
    /// 401): the `guard_denial` definition.
    Guarded {
        by: Matcher,
        negated: bool,
        denials: Vec<Regex>,
    },
}

#[derive(Debug)]
pub enum Condition {
    Or(Vec<Condition>),
    And(Vec<Condition>),
    Not(Box<Condition>),
    Matches {
        operand: Value,
        regexes: Vec<Regex>,
    },
    In {
        operand: Value,
        list: Vec<String>,
    },
    Is {
        metavar: String,
        hole: Hole,
    },
    /// The metavariable's value is computed within its function from
    /// literals alone: no parameter, outer name or object state reaches it
    /// (`$X is constant`).
    Constant {
        metavar: String,
    },
    /// The metavariable's value is built, within its function, from code
    /// whose text matches one of the regexes, or from a parameter of its
    /// function that `seeds` matches (a handler's request parameters).
    FlowsFrom {
        metavar: String,
        regexes: Vec<Regex>,
        seeds: Option<Box<Matcher>>,
    },
    /// The definition or module the metavariable's name refers to, followed
    /// through imports and the objects it builds across files, holds text
    /// that one of the regexes matches.
    RefersTo {
        metavar: String,
        regexes: Vec<Regex>,
    },
    Compare {
        left: Value,
        op: CmpOp,
        right: Value,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Metavar(String),
    Len(String),
    Entropy(String),
    Number(f64),
    Str(String),
}

impl Matcher {
    /// Whether evaluating this needs the file's control-flow graphs.
    pub fn uses_dominance(&self) -> bool {
        match self {
            Matcher::Pattern(_) | Matcher::Regex(_) => false,
            Matcher::Any(items) => items.iter().any(Matcher::uses_dominance),
            Matcher::Endpoint(model) => model.parts().any(Matcher::uses_dominance),
            Matcher::All {
                positives, filters, ..
            } => {
                positives.iter().any(Matcher::uses_dominance)
                    || filters.iter().any(|f| match f {
                        Filter::Dominated { .. } | Filter::Guarded { .. } => true,
                        Filter::Not(m) | Filter::Inside(m) | Filter::NotInside(m) => {
                            m.uses_dominance()
                        }
                        Filter::Where(_) => false,
                    })
            }
        }
    }
}

impl CompiledRule {
    /// The human-readable plan printed by `soc2-check explain`.
    pub fn explain(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "rule {}: {}", self.id, self.title);
        let _ = writeln!(
            s,
            "  severity {}  category {}  criteria {}",
            self.severity.as_str(),
            self.category,
            self.criteria.join(", ")
        );
        if !self.paths.is_empty() {
            let _ = writeln!(
                s,
                "  paths: include [{}] exclude [{}]",
                self.paths.include.join(", "),
                self.paths.exclude.join(", ")
            );
        }
        for plan in &self.plans {
            let _ = writeln!(s, "\n  {}:", plan.lang);
            for (names, negated) in &plan.beside {
                let _ = writeln!(
                    s,
                    "    {}beside: {}",
                    if *negated { "not " } else { "" },
                    names.join(", ")
                );
            }
            if !plan.files.is_empty() {
                let _ = writeln!(s, "    files: {}", plan.files.include.join(", "));
            }
            if plan.prefilter.is_empty() {
                let _ = writeln!(s, "    prefilter: none (every file is matched)");
            } else {
                let quoted = [plan.prefilter.describe()];
                let _ = writeln!(s, "    prefilter: file contains {}", quoted.join(", "));
            }
            match &plan.kinds {
                Some(k) => {
                    let _ = writeln!(s, "    node kinds: {}", k.join(", "));
                }
                None if plan.lang == Lang::Text => {
                    let _ = writeln!(s, "    node kinds: none (regex over lines)");
                }
                None => {
                    let _ = writeln!(s, "    node kinds: any");
                }
            }
            let _ = writeln!(s, "    matcher:");
            write_matcher(&mut s, &plan.matcher, 3);
            for (i, p) in plan.patterns.iter().enumerate() {
                let _ = writeln!(s, "    pattern #{i}: `{}`", p.source.trim());
                let _ = writeln!(s, "      query: {}", p.query_source);
                if p.residuals.is_empty() {
                    let _ = writeln!(s, "      residual checks: none");
                } else {
                    for r in &p.residuals {
                        let _ = writeln!(s, "      residual check: {}", r.describe());
                    }
                }
            }
        }
        s
    }
}

fn write_matcher(s: &mut String, m: &Matcher, depth: usize) {
    let pad = "  ".repeat(depth);
    match m {
        Matcher::Pattern(i) => {
            let _ = writeln!(s, "{pad}pattern #{i}");
        }
        Matcher::Regex(r) => {
            let _ = writeln!(s, "{pad}regex /{}/", r.as_str());
        }
        Matcher::Endpoint(model) => {
            let _ = writeln!(s, "{pad}endpoints, from routes:");
            write_matcher(s, &model.routes, depth + 1);
            let parts = [
                (&model.prefixes, "with router prefixes from"),
                (&model.middleware, "middleware (guards the routes registered after it on its router, under its prefix)"),
                (&model.hooks, "router hooks (guard every route of their router)"),
                (&model.mounts, "router mounts (join a router's routes to a parent's path and chain, across files)"),
                (&model.settings, "project settings (run before every endpoint, or those they name, from any file)"),
                (&model.dependencies, "route dependencies (shown in the chain)"),
            ];
            for (part, what) in parts {
                if let Some(m) = part {
                    let _ = writeln!(s, "{pad}{what}:");
                    write_matcher(s, m, depth + 1);
                }
            }
        }
        Matcher::Any(items) => {
            let _ = writeln!(s, "{pad}any of:");
            for i in items {
                write_matcher(s, i, depth + 1);
            }
        }
        Matcher::All {
            positives,
            filters,
            focus,
        } => {
            let _ = writeln!(s, "{pad}all of:");
            for p in positives {
                write_matcher(s, p, depth + 1);
            }
            for f in filters {
                match f {
                    Filter::Not(m) => {
                        let _ = writeln!(s, "{pad}  not at the same place as:");
                        write_matcher(s, m, depth + 2);
                    }
                    Filter::Inside(m) => {
                        let _ = writeln!(s, "{pad}  inside:");
                        write_matcher(s, m, depth + 2);
                    }
                    Filter::NotInside(m) => {
                        let _ = writeln!(s, "{pad}  not inside:");
                        write_matcher(s, m, depth + 2);
                    }
                    Filter::Where(c) => {
                        let _ = writeln!(s, "{pad}  where {}", describe_cond(c));
                    }
                    Filter::Guarded { by, negated, .. } => {
                        let _ = writeln!(
                            s,
                            "{pad}  {}guarded (in code that runs before the handler — middleware, hooks, mounts, decorators, dependencies, view wrappers and bases, in this file or another —, in the handler on every path to its exit, or in a project helper that always runs it) by:",
                            if *negated { "not " } else { "" }
                        );
                        write_matcher(s, by, depth + 2);
                    }
                    Filter::Dominated { by, post, negated } => {
                        let _ = writeln!(
                            s,
                            "{pad}  {}{}dominated (in the function's control-flow graph) by:",
                            if *negated { "not " } else { "" },
                            if *post { "post-" } else { "" }
                        );
                        write_matcher(s, by, depth + 2);
                    }
                }
            }
            if let Some(f) = focus {
                let _ = writeln!(s, "{pad}  reported at ${f}");
            }
        }
    }
}

fn describe_value(v: &Value) -> String {
    match v {
        Value::Metavar(m) => m.clone(),
        Value::Len(m) => format!("len({m})"),
        Value::Entropy(m) => format!("entropy({m})"),
        Value::Number(n) => n.to_string(),
        Value::Str(t) => format!("{t:?}"),
    }
}

pub fn describe_cond(c: &Condition) -> String {
    match c {
        Condition::Or(items) => items
            .iter()
            .map(describe_cond)
            .collect::<Vec<_>>()
            .join(" or "),
        Condition::And(items) => format!(
            "({})",
            items
                .iter()
                .map(describe_cond)
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        Condition::Not(inner) => format!("not {}", describe_cond(inner)),
        Condition::Matches { operand, regexes } => {
            let rs: Vec<String> = regexes
                .iter()
                .map(|r| format!("/{}/", r.as_str()))
                .collect();
            format!("{} matches {}", describe_value(operand), rs.join(" | "))
        }
        Condition::In { operand, list } => format!("{} in {:?}", describe_value(operand), list),
        Condition::Is { metavar, hole } => format!("{metavar} is {}", hole.name()),
        Condition::Constant { metavar } => format!("{metavar} is constant"),
        Condition::RefersTo { metavar, regexes } => format!(
            "{metavar} refers to a definition matching {}",
            regexes
                .iter()
                .map(|r| format!("/{}/", r.as_str()))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        Condition::FlowsFrom {
            metavar,
            regexes,
            seeds,
        } => {
            let mut from: Vec<String> = regexes
                .iter()
                .map(|r| format!("/{}/", r.as_str()))
                .collect();
            if seeds.is_some() {
                from.push("the parameters a definition matches".to_string());
            }
            format!("{metavar} flows from {}", from.join(" or "))
        }
        Condition::Compare { left, op, right } => format!(
            "{} {} {}",
            describe_value(left),
            op.symbol(),
            describe_value(right)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beside_looks_in_the_directory_and_above() {
        let plan = |negated| LangPlan {
            lang: Lang::Text,
            files: PathFilter::default(),
            beside: vec![(vec!["yarn.lock".to_string()], negated)],
            matcher: Matcher::Regex(Regex::lazy("x")),
            patterns: Vec::new(),
            prefilter: crate::prefilter::Prefilter::default(),
            kinds: None,
        };
        let listing = ["app/yarn.lock", "yarn.lock.bak"];
        let exists = |p: &str| listing.contains(&p);
        assert!(plan(false).beside_holds("app/package.json", exists));
        assert!(plan(false).beside_holds("app/packages/web/package.json", exists));
        assert!(!plan(false).beside_holds("package.json", exists));
        assert!(!plan(false).beside_holds("other/package.json", exists));
        assert!(plan(true).beside_holds("other/package.json", exists));
    }
}
