//! Turns a [`PNode`] tree into a tree-sitter query, plus the residual checks
//! that a query cannot express.

use super::hole::Hole;
use super::tree::{PChild, PNode};
use crate::lang::Lang;

/// The capture on the node a match is rooted at.
pub const ROOT_CAPTURE: &str = "_root";

/// A check run on a query match after tree-sitter has found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Residual {
    /// Every node bound to this metavariable has the same text.
    SameText { capture: String },
    /// The captured node has no named children (`f()` must not match `f(x)`).
    NoNamedChildren { capture: String },
    /// The captured node has exactly this many named children, comments
    /// aside (`f($A)` must not match `f(a, b)`).
    NamedChildCount { capture: String, count: usize },
    /// The captured string literal has this value, whatever its quotes.
    StringValue { capture: String, value: String },
    /// The captured node fills the typed hole (e.g. a string without interpolation).
    Hole { capture: String, hole: Hole },
    /// `$$$NAME` binds the named children of `parent` after the node
    /// captured as `after` and before the one captured as `before` (query
    /// anchors next to quantified captures are unreliable in tree-sitter).
    Multi {
        parent: String,
        name: String,
        after: Option<String>,
        before: Option<String>,
    },
}

impl Residual {
    pub fn describe(&self) -> String {
        match self {
            Residual::SameText { capture } => format!("all @{capture} have the same text"),
            Residual::NoNamedChildren { capture } => format!("@{capture} has no children"),
            Residual::NamedChildCount { capture, count } => {
                format!("@{capture} has exactly {count} children besides comments")
            }
            Residual::StringValue { capture, value } => {
                format!("@{capture} is a string whose value is {value:?}")
            }
            Residual::Hole { capture, hole } => format!("@{capture} is a {}", hole.name()),
            Residual::Multi {
                parent,
                name,
                after,
                before,
            } => format!(
                "${name} binds the children of @{parent}{}{}",
                after
                    .as_ref()
                    .map(|a| format!(" after @{a}"))
                    .unwrap_or_default(),
                before
                    .as_ref()
                    .map(|b| format!(" before @{b}"))
                    .unwrap_or_default()
            ),
        }
    }
}

#[derive(Debug, Default)]
pub struct QueryParts {
    pub query: String,
    pub residuals: Vec<Residual>,
    /// Node kinds the match can be rooted at; empty means any named node.
    pub root_kinds: Vec<&'static str>,
    /// Texts every match must contain, for the literal prefilter.
    pub literals: Vec<String>,
    /// Metavariables the pattern binds, in order of first appearance.
    pub metavars: Vec<String>,
}

struct Gen {
    lang: Lang,
    out: String,
    residuals: Vec<Residual>,
    literals: Vec<String>,
    metavars: Vec<String>,
    repeated: Vec<String>,
    next_id: usize,
}

pub fn generate(lang: Lang, root: &PNode) -> QueryParts {
    let mut g = Gen {
        lang,
        out: String::new(),
        residuals: Vec::new(),
        literals: Vec::new(),
        metavars: Vec::new(),
        repeated: Vec::new(),
        next_id: 0,
    };
    let root_kinds: Vec<&'static str> = match root {
        PNode::Node { kind, .. } => vec![kind],
        PNode::Str { .. } => vec!["string"],
        PNode::Meta { hole: Some(h), .. } => h.kinds(lang).to_vec(),
        _ => Vec::new(),
    };
    g.out.push('(');
    g.node(root, Some(ROOT_CAPTURE));
    g.out.push(')');
    for name in std::mem::take(&mut g.repeated) {
        g.residuals.push(Residual::SameText { capture: name });
    }
    QueryParts {
        query: g.out,
        residuals: g.residuals,
        root_kinds,
        literals: g.literals,
        metavars: g.metavars,
    }
}

impl Gen {
    fn fresh(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("_{prefix}{}", self.next_id)
    }

    fn capture(&mut self, name: &str) {
        self.out.push_str(" @");
        self.out.push_str(name);
    }

    /// Writes one node pattern. `root_capture` names the node when it must be
    /// captured anyway (the match root).
    fn node(&mut self, p: &PNode, root_capture: Option<&str>) {
        match p {
            PNode::Node {
                kind,
                children,
                text,
                absent,
                keywords,
            } => {
                self.literals.extend(keywords.iter().cloned());
                self.out.push('(');
                self.out.push_str(kind);
                for f in absent {
                    self.out.push_str(" !");
                    self.out.push_str(f);
                }
                let mut capture = root_capture.map(str::to_string);
                if let Some(t) = text {
                    self.out.push(')');
                    let c = capture.take().unwrap_or_else(|| self.fresh("t"));
                    self.capture(&c);
                    self.out.push_str(&format!(" (#eq? @{c} {})", quote(t)));
                    if is_literal_worthy(t) {
                        self.literals.push(t.clone());
                    }
                    return;
                }
                let is_sequence = children.iter().all(|c| c.field.is_none());
                let named = children
                    .iter()
                    .filter(|c| !matches!(c.node, PNode::Token { .. }));
                let has_gap = named
                    .clone()
                    .any(|c| matches!(c.node, PNode::Ellipsis | PNode::Multi { .. }));
                let named_count = named.clone().count();
                if named_count == 0 && !has_gap {
                    // `f()` must not match `f(x)`: check after the query.
                    let c = capture.take().unwrap_or_else(|| self.fresh("e"));
                    self.residuals
                        .push(Residual::NoNamedChildren { capture: c.clone() });
                    capture = Some(c);
                } else if is_sequence && !has_gap {
                    // A sequence without gaps is exact. A count check rather
                    // than anchors, because anchors trip over comments.
                    let c = capture.take().unwrap_or_else(|| self.fresh("n"));
                    self.residuals.push(Residual::NamedChildCount {
                        capture: c.clone(),
                        count: named_count,
                    });
                    capture = Some(c);
                }
                let has_multi = children
                    .iter()
                    .any(|c| matches!(c.node, PNode::Multi { .. }));
                let parent = if is_sequence && has_multi {
                    let p = capture.take().unwrap_or_else(|| self.fresh("p"));
                    capture = Some(p.clone());
                    Some(p)
                } else {
                    None
                };
                self.children(children, is_sequence && has_gap, parent.as_deref());
                self.out.push(')');
                if let Some(c) = capture {
                    self.capture(&c);
                }
            }
            PNode::Str { value } => {
                self.out.push_str("(string)");
                let c = root_capture
                    .map(str::to_string)
                    .unwrap_or_else(|| self.fresh("s"));
                self.capture(&c);
                self.residuals.push(Residual::StringValue {
                    capture: c,
                    value: value.clone(),
                });
                if is_literal_worthy(value) {
                    self.literals.push(value.clone());
                }
            }
            PNode::Token { text } => self.out.push_str(&quote(text)),
            PNode::Meta { name, hole } => {
                match hole {
                    Some(h) => {
                        let kinds = h.kinds(self.lang);
                        if kinds.len() == 1 {
                            self.out.push_str(&format!("({})", kinds[0]));
                        } else {
                            let alts: Vec<String> =
                                kinds.iter().map(|k| format!("({k})")).collect();
                            self.out.push_str(&format!("[{}]", alts.join(" ")));
                        }
                    }
                    None => self.out.push_str("(_)"),
                }
                let c = if name == "_" {
                    self.fresh("w")
                } else {
                    self.bind(name);
                    name.clone()
                };
                self.capture(&c);
                if let Some(h) = hole.filter(|h| h.needs_residual()) {
                    self.residuals.push(Residual::Hole {
                        capture: c.clone(),
                        hole: h,
                    });
                }
                if let Some(rc) = root_capture {
                    self.capture(rc);
                }
            }
            PNode::Multi { name } => {
                self.out.push_str("(_)*");
                self.bind(name);
                self.capture(name);
            }
            PNode::Ellipsis => {
                self.out.push_str("(_)");
                if let Some(rc) = root_capture {
                    self.capture(rc);
                }
            }
        }
    }

    fn bind(&mut self, name: &str) {
        if self.metavars.iter().any(|m| m == name) {
            if !self.repeated.iter().any(|m| m == name) {
                self.repeated.push(name.to_string());
            }
        } else {
            self.metavars.push(name.to_string());
        }
    }

    /// Children in order. In a pure sequence (no fields), anchors pin the
    /// children together except where an ellipsis leaves a gap.
    fn children(&mut self, children: &[PChild], is_sequence: bool, parent: Option<&str>) {
        let items: Vec<&PChild> = children.iter().collect();
        let gap = |c: &PChild| matches!(c.node, PNode::Ellipsis | PNode::Multi { .. });
        let named = |c: &PChild| !matches!(c.node, PNode::Token { .. });
        // The neighbours of each `$$$X` get captures, to delimit it.
        let mut forced: Vec<Option<String>> = vec![None; items.len()];
        if parent.is_some() {
            for (i, c) in items.iter().enumerate() {
                if matches!(c.node, PNode::Multi { .. }) {
                    for j in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
                        if j < items.len() && !gap(items[j]) && forced[j].is_none() {
                            forced[j] = Some(self.fresh("m"));
                        }
                    }
                }
            }
        }
        let mut prev_pinned = true; // the start of the list acts as an anchor
        for (i, c) in items.iter().enumerate() {
            if is_sequence && gap(c) {
                if let (PNode::Multi { name }, Some(p)) = (&c.node, parent) {
                    self.bind(name);
                    self.residuals.push(Residual::Multi {
                        parent: p.to_string(),
                        name: name.clone(),
                        after: i.checked_sub(1).and_then(|j| forced[j].clone()),
                        before: forced.get(i + 1).cloned().flatten(),
                    });
                } else if let PNode::Multi { .. } = c.node {
                    self.out.push(' ');
                    self.node(&c.node, None);
                }
                prev_pinned = false;
                continue;
            }
            if is_sequence && named(c) && prev_pinned {
                self.out.push_str(" .");
            }
            self.out.push(' ');
            if let Some(f) = c.field {
                self.out.push_str(f);
                self.out.push_str(": ");
            }
            self.node(&c.node, forced[i].as_deref());
            prev_pinned = named(c);
        }
        if is_sequence && prev_pinned && children.iter().any(named) {
            self.out.push_str(" .");
        }
    }
}

/// Very short or purely syntactic texts make poor prefilter literals.
fn is_literal_worthy(t: &str) -> bool {
    t.chars().count() >= 2 && t.chars().any(|c| c.is_alphanumeric())
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::super::{prepare::prepare, tree::build};
    use super::*;

    fn gen(lang: Lang, p: &str) -> QueryParts {
        generate(
            lang,
            &build(lang, &prepare(lang, p).unwrap(), None).unwrap(),
        )
    }

    #[test]
    fn keyword_argument_query() {
        let q = gen(Lang::Python, "requests.get(..., verify=False, ...)");
        assert_eq!(
            q.query,
            "((call function: (attribute object: (identifier) @_t1 (#eq? @_t1 \"requests\") \
             attribute: (identifier) @_t2 (#eq? @_t2 \"get\")) arguments: (argument_list \
             (keyword_argument name: (identifier) @_t3 (#eq? @_t3 \"verify\") value: (false) @_t4 \
             (#eq? @_t4 \"False\")))) @_root)"
        );
        assert_eq!(q.root_kinds, vec!["call"]);
        assert_eq!(q.literals, vec!["requests", "get", "verify", "False"]);
    }

    #[test]
    fn exact_argument_lists_are_anchored() {
        let q = gen(Lang::JavaScript, "eval($X)");
        assert!(q.query.contains("(arguments (_) @X) @_n"), "{}", q.query);
        assert!(q
            .residuals
            .iter()
            .any(|r| matches!(r, Residual::NamedChildCount { count: 1, .. })));
        let q = gen(Lang::JavaScript, "f($A, ...)");
        assert!(q.query.contains("(arguments . (_) @A)"), "{}", q.query);
        let q = gen(Lang::JavaScript, "f()");
        assert!(q
            .residuals
            .iter()
            .any(|r| matches!(r, Residual::NoNamedChildren { .. })));
    }

    #[test]
    fn repeated_metavariables_get_a_residual() {
        let q = gen(Lang::Python, "$X == $X");
        assert_eq!(
            q.residuals,
            vec![Residual::SameText {
                capture: "X".into()
            }]
        );
        assert!(q.query.contains("operators: \"==\""), "{}", q.query);
    }

    #[test]
    fn typed_holes_become_kind_alternatives() {
        let q = gen(Lang::JavaScript, "$K = $V:string");
        assert!(
            q.query.contains("[(string) (template_string)] @V"),
            "{}",
            q.query
        );
        assert!(q
            .residuals
            .iter()
            .any(|r| matches!(r, Residual::Hole { .. })));
    }

    #[test]
    fn all_generated_queries_compile() {
        for (lang, p) in [
            (Lang::Python, "requests.get(..., verify=False, ...)"),
            (Lang::Python, "try:\n    ...\nexcept:\n    pass"),
            (Lang::Python, "$F(..., $K=$V:string, ...)"),
            (Lang::Python, "hashlib.md5(...)"),
            (Lang::Python, "{\"password\": $V}"),
            (Lang::Python, "{..., \"verify\": False, ...}"),
            (Lang::JavaScript, "{ ..., rejectUnauthorized: false, ... }"),
            (Lang::JavaScript, "try { ... } catch ($E) {}"),
            (Lang::JavaScript, "$F($$$ARGS)"),
            (Lang::JavaScript, "process.env.$X || $D:string"),
            (Lang::JavaScript, "<a href={$X}>...</a>"),
        ] {
            if let Err(e) = super::super::compile_pattern(lang, p, None, true) {
                panic!("{p}: {e:?}");
            }
        }
    }
}
