//! Patterns matched directly on a syntax tree, without a tree-sitter query.
//!
//! Building a tree-sitter query analyses it against the whole grammar (1–15
//! ms for a pattern of a dozen nodes), which made up most of a small run. The
//! queries this crate writes use a small part of the query language: node
//! kinds, wildcards, kind alternatives, anonymous tokens, fields, negated
//! fields, anchors, captures and `#eq?`. A query of that part is read back
//! here into steps and matched rooted at a node, as tree-sitter would match
//! it with the cursor's start depth at 0; a query using anything else
//! (quantifiers) has no direct form and runs as a tree-sitter query.
//!
//! The query text stays the single description of a pattern: this module
//! only reads it, and the engine's tests compare both ways of matching on
//! every bundled fixture.

use std::collections::HashMap;
use std::sync::OnceLock;

use tree_sitter::{Language, Node};

use crate::lang::Lang;

/// A grammar's node kinds by name and named-ness: patterns name kinds, and
/// looking one up in the grammar is a scan of all its kinds.
/// Kind ids by name: the named kinds, then the anonymous ones.
type KindIds = HashMap<&'static str, (Vec<u16>, Vec<u16>)>;

struct Kinds {
    language: Language,
    ids: KindIds,
}

fn kinds_of(lang: Lang) -> Option<&'static Kinds> {
    static KINDS: [OnceLock<Option<Kinds>>; 4] = [const { OnceLock::new() }; 4];
    let i = match lang {
        Lang::Python => 0,
        Lang::JavaScript => 1,
        Lang::TypeScript => 2,
        Lang::Tsx => 3,
        Lang::Text => return None,
    };
    KINDS[i]
        .get_or_init(|| {
            let language = lang.ts_language()?;
            let mut ids: KindIds = HashMap::new();
            for id in 0..language.node_kind_count() as u16 {
                if let Some(name) = language.node_kind_for_id(id) {
                    let (named, anon) = ids.entry(name).or_default();
                    if language.node_kind_is_named(id) {
                        named.push(id);
                    } else {
                        anon.push(id);
                    }
                }
            }
            Some(Kinds { language, ids })
        })
        .as_ref()
}

/// A pattern's steps and capture names.
#[derive(Debug)]
pub struct Direct {
    root: Step,
    captures: Vec<String>,
    /// Per capture: the text `#eq?` requires of its node.
    eq: Vec<Option<String>>,
}

#[derive(Debug)]
enum Test {
    /// A named node of one of these kind ids.
    Named(Vec<u16>),
    /// Any named node: `(_)`.
    AnyNamed,
    /// An anonymous node with this text: `"const"`.
    Anon(String),
}

#[derive(Debug)]
struct Step {
    test: Test,
    /// Fields the node must not have: `!parameter`.
    absent: Vec<u16>,
    captures: Vec<u16>,
    children: Vec<Child>,
    /// A trailing anchor: the last child step matches the last named child.
    last: bool,
}

#[derive(Debug)]
struct Child {
    field: Option<u16>,
    /// A leading anchor: the first named child, or the named sibling right
    /// after the previous step's node.
    immediate: bool,
    step: Step,
}

/// What one search may visit before it gives up: unanchored sibling steps
/// can combine in as many ways as a block has statements to the power of
/// the steps. Tree-sitter bounds the same search by its states in flight.
pub const MATCH_BUDGET: usize = 100_000;

impl Direct {
    /// The direct form of `query`, if it uses only what this module reads.
    pub fn parse(lang: Lang, query: &str) -> Option<Direct> {
        let kinds = kinds_of(lang)?;
        let mut p = Parser {
            toks: lex(query)?,
            at: 0,
            language: &kinds.language,
            kinds: &kinds.ids,
            captures: Vec::new(),
            eq: Vec::new(),
        };
        // The generated query is one node wrapped in a group, then perhaps
        // predicates on the root's captures.
        p.expect(&Tok::Open)?;
        let root = p.node()?;
        p.predicates()?;
        p.expect(&Tok::Close)?;
        if p.at != p.toks.len() {
            return None;
        }
        Some(Direct {
            root,
            captures: p.captures,
            eq: p.eq,
        })
    }

    pub fn capture_index(&self, name: &str) -> Option<u16> {
        self.captures
            .iter()
            .position(|c| c == name)
            .map(|i| i as u16)
    }

    /// Calls `f` with the captures of each match rooted at `node`, in the
    /// order tree-sitter would record them (a capture may hold several
    /// nodes). Returns false if the search ran out of budget, with the
    /// matches found until then reported.
    pub fn matches<'t>(
        &self,
        node: Node<'t>,
        src: &[u8],
        f: &mut dyn FnMut(&[Capture<'t>]),
    ) -> bool {
        let run = Run {
            direct: self,
            src,
            budget: std::cell::Cell::new(MATCH_BUDGET),
        };
        let mut caps = Vec::new();
        run.step(&self.root, node, &mut caps, &mut |caps: &mut Caps<'t>| {
            f(caps)
        });
        run.budget.get() > 0
    }
}

struct Run<'d, 's> {
    direct: &'d Direct,
    src: &'s [u8],
    budget: std::cell::Cell<usize>,
}

/// A capture's index and one node it holds.
pub type Capture<'t> = (u16, Node<'t>);

type Caps<'t> = Vec<Capture<'t>>;

/// What to do with the captures once a step has matched: the steps after it.
type Then<'k, 't> = &'k mut dyn FnMut(&mut Caps<'t>);

impl Run<'_, '_> {
    fn accepts(&self, step: &Step, node: Node) -> bool {
        let kind_ok = match &step.test {
            Test::Named(ids) => node.is_named() && ids.contains(&node.kind_id()),
            Test::AnyNamed => node.is_named(),
            Test::Anon(text) => !node.is_named() && node.kind() == text,
        };
        kind_ok
            && step
                .absent
                .iter()
                .all(|&f| node.child_by_field_id(f).is_none())
            && step
                .captures
                .iter()
                .all(|&c| match &self.direct.eq[c as usize] {
                    Some(t) => {
                        self.src.get(node.start_byte()..node.end_byte()) == Some(t.as_bytes())
                    }
                    None => true,
                })
    }

    /// Whether the budget allows one more visit, spending it.
    fn spend(&self) -> bool {
        let b = self.budget.get();
        if b == 0 {
            return false;
        }
        self.budget.set(b - 1);
        true
    }

    fn step<'t>(&self, step: &Step, node: Node<'t>, caps: &mut Caps<'t>, then: Then<'_, 't>) {
        if !self.spend() || !self.accepts(step, node) {
            return;
        }
        let mark = caps.len();
        caps.extend(step.captures.iter().map(|&c| (c, node)));
        if step.children.is_empty() && !step.last {
            then(caps);
        } else {
            let mut cursor = node.walk();
            let mut kids: Vec<(Node<'t>, Option<u16>)> = Vec::new();
            if cursor.goto_first_child() {
                loop {
                    kids.push((cursor.node(), cursor.field_id().map(|f| f.get())));
                    if !cursor.goto_next_sibling() {
                        break;
                    }
                }
            }
            self.children(step, &kids, 0, None, caps, then);
        }
        caps.truncate(mark);
    }

    /// Matches child steps `ci..` to the children after `prev` (the child
    /// the previous step took), in order.
    fn children<'t>(
        &self,
        step: &Step,
        kids: &[(Node<'t>, Option<u16>)],
        ci: usize,
        prev: Option<usize>,
        caps: &mut Caps<'t>,
        then: Then<'_, 't>,
    ) {
        let from = prev.map_or(0, |p| p + 1);
        let Some(child) = step.children.get(ci) else {
            if !step.last || !kids[from..].iter().any(|(n, _)| n.is_named()) {
                then(caps);
            }
            return;
        };
        let candidates = if child.immediate {
            match kids[from..].iter().position(|(n, _)| n.is_named()) {
                Some(j) => from + j..from + j + 1,
                None => return,
            }
        } else {
            from..kids.len()
        };
        for j in candidates {
            if self.budget.get() == 0 {
                return;
            }
            let (kid, field) = kids[j];
            if child.field.is_some_and(|f| field != Some(f)) {
                continue;
            }
            self.step(&child.step, kid, caps, &mut |caps: &mut Caps<'t>| {
                self.children(step, kids, ci + 1, Some(j), caps, then)
            });
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Open,
    Close,
    OpenAlt,
    CloseAlt,
    Anchor,
    Star,
    Capture(String),
    Negated(String),
    Field(String),
    Name(String),
    Str(String),
    Predicate(String),
}

fn lex(q: &str) -> Option<Vec<Tok>> {
    let b = q.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let ident = |i: &mut usize| -> String {
        let s = *i;
        while *i < b.len()
            && (b[*i].is_ascii_alphanumeric() || matches!(b[*i], b'_' | b'-' | b'.' | b'?'))
        {
            *i += 1;
        }
        q[s..*i].to_string()
    };
    while i < b.len() {
        match b[i] {
            b' ' | b'\n' | b'\t' => i += 1,
            c @ (b'(' | b')' | b'[' | b']' | b'.' | b'*' | b'+' | b'?') => {
                i += 1;
                out.push(match c {
                    b'(' => Tok::Open,
                    b')' => Tok::Close,
                    b'[' => Tok::OpenAlt,
                    b']' => Tok::CloseAlt,
                    b'.' => Tok::Anchor,
                    _ => Tok::Star,
                })
            }
            c @ (b'@' | b'!' | b'#') => {
                i += 1;
                let name = ident(&mut i);
                out.push(match c {
                    b'@' => Tok::Capture(name),
                    b'!' => Tok::Negated(name),
                    _ => Tok::Predicate(name),
                })
            }
            b'"' => {
                i += 1;
                let mut s = String::new();
                loop {
                    let c = q[i..].chars().next()?;
                    i += c.len_utf8();
                    match c {
                        '"' => break,
                        '\\' => {
                            let e = q[i..].chars().next()?;
                            i += e.len_utf8();
                            s.push(match e {
                                'n' => '\n',
                                'r' => '\r',
                                't' => '\t',
                                '0' => '\0',
                                other => other,
                            });
                        }
                        c => s.push(c),
                    }
                }
                out.push(Tok::Str(s))
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                let name = ident(&mut i);
                if b.get(i) == Some(&b':') {
                    i += 1;
                    out.push(Tok::Field(name))
                } else {
                    out.push(Tok::Name(name))
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

struct Parser<'l> {
    toks: Vec<Tok>,
    at: usize,
    language: &'l Language,
    kinds: &'l KindIds,
    captures: Vec<String>,
    eq: Vec<Option<String>>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn expect(&mut self, t: &Tok) -> Option<()> {
        (self.next()? == *t).then_some(())
    }

    fn capture(&mut self, name: &str) -> u16 {
        match self.captures.iter().position(|c| c == name) {
            Some(i) => i as u16,
            None => {
                self.captures.push(name.to_string());
                self.eq.push(None);
                (self.captures.len() - 1) as u16
            }
        }
    }

    fn kind_ids(&self, name: &str, named: bool) -> Option<Vec<u16>> {
        let (n, anon) = self.kinds.get(name)?;
        let ids = if named { n } else { anon };
        (!ids.is_empty()).then(|| ids.clone())
    }

    fn field(&self, name: &str) -> Option<u16> {
        self.language.field_id_for_name(name).map(|f| f.get())
    }

    /// Captures after a node.
    fn captures_after(&mut self) -> Vec<u16> {
        let mut out = Vec::new();
        while let Some(Tok::Capture(c)) = self.peek().cloned() {
            self.at += 1;
            out.push(self.capture(&c));
        }
        out
    }

    /// `(#eq? @c "text")` predicates, while they come.
    fn predicates(&mut self) -> Option<()> {
        while self.peek() == Some(&Tok::Open)
            && matches!(self.toks.get(self.at + 1), Some(Tok::Predicate(_)))
        {
            self.at += 1;
            let Some(Tok::Predicate(p)) = self.next() else {
                return None;
            };
            if p != "eq?" {
                return None;
            }
            let Some(Tok::Capture(c)) = self.next() else {
                return None;
            };
            let Some(Tok::Str(text)) = self.next() else {
                return None;
            };
            self.expect(&Tok::Close)?;
            let c = self.capture(&c) as usize;
            if self.eq[c].is_some() {
                return None;
            }
            self.eq[c] = Some(text);
        }
        Some(())
    }

    fn node(&mut self) -> Option<Step> {
        let mut step = match self.next()? {
            Tok::Str(text) => {
                self.kind_ids(&text, false)?;
                Step::leaf(Test::Anon(text))
            }
            Tok::OpenAlt => {
                let mut ids = Vec::new();
                while self.peek() == Some(&Tok::Open) {
                    self.at += 1;
                    let Some(Tok::Name(k)) = self.next() else {
                        return None;
                    };
                    ids.extend(self.kind_ids(&k, true)?);
                    self.expect(&Tok::Close)?;
                }
                self.expect(&Tok::CloseAlt)?;
                Step::leaf(Test::Named(ids))
            }
            Tok::Open => {
                let test = match self.next()? {
                    Tok::Name(k) if k == "_" => Test::AnyNamed,
                    Tok::Name(k) => Test::Named(self.kind_ids(&k, true)?),
                    _ => return None,
                };
                let mut step = Step::leaf(test);
                while let Some(Tok::Negated(f)) = self.peek().cloned() {
                    self.at += 1;
                    step.absent.push(self.field(&f)?);
                }
                loop {
                    match self.peek()? {
                        Tok::Close => {
                            self.at += 1;
                            break;
                        }
                        Tok::Anchor => {
                            self.at += 1;
                            if self.peek()? == &Tok::Close {
                                step.last = true;
                                continue;
                            }
                            let field = self.field_prefix()?;
                            let child = self.node()?;
                            step.children.push(Child {
                                field,
                                immediate: true,
                                step: child,
                            });
                        }
                        _ => {
                            let field = self.field_prefix()?;
                            let child = self.node()?;
                            step.children.push(Child {
                                field,
                                immediate: false,
                                step: child,
                            });
                        }
                    }
                    self.predicates()?;
                }
                step
            }
            _ => return None,
        };
        // A quantified node has no direct form.
        if self.peek() == Some(&Tok::Star) {
            return None;
        }
        step.captures = self.captures_after();
        Some(step)
    }

    fn field_prefix(&mut self) -> Option<Option<u16>> {
        match self.peek()?.clone() {
            Tok::Field(f) => {
                self.at += 1;
                Some(Some(self.field(&f)?))
            }
            _ => Some(None),
        }
    }
}

impl Step {
    fn leaf(test: Test) -> Step {
        Step {
            test,
            absent: Vec::new(),
            captures: Vec::new(),
            children: Vec::new(),
            last: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js() -> Language {
        tree_sitter_javascript::LANGUAGE.into()
    }

    /// The texts each capture holds, match by match, for `query` rooted at
    /// every node of `code`.
    fn run(query: &str, code: &str) -> (Vec<Vec<(String, String)>>, bool) {
        let direct = Direct::parse(Lang::JavaScript, query).expect("has a direct form");
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&js()).unwrap();
        let tree = parser.parse(code, None).unwrap();
        let mut out = Vec::new();
        let mut complete = true;
        let mut stack = vec![tree.root_node()];
        while let Some(n) = stack.pop() {
            complete &= direct.matches(n, code.as_bytes(), &mut |caps| {
                out.push(
                    caps.iter()
                        .map(|(c, n)| {
                            let name = direct.captures[*c as usize].clone();
                            (name, code[n.start_byte()..n.end_byte()].to_string())
                        })
                        .collect(),
                );
            });
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        (out, complete)
    }

    /// The texts `capture` holds over all matches, checked against what
    /// tree-sitter's own query finds.
    fn texts(query: &str, code: &str, capture: &str) -> Vec<String> {
        let mut v: Vec<String> = run(query, code)
            .0
            .into_iter()
            .flat_map(|m| m.into_iter().filter(|(c, _)| c == capture).map(|(_, t)| t))
            .collect();
        v.sort();
        let q = tree_sitter::Query::new(&js(), query).unwrap();
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&js()).unwrap();
        let tree = parser.parse(code, None).unwrap();
        let mut qc = tree_sitter::QueryCursor::new();
        let index = q.capture_index_for_name(capture).unwrap();
        let mut theirs = Vec::new();
        let mut it = qc.matches(&q, tree.root_node(), code.as_bytes());
        use tree_sitter::StreamingIterator;
        while let Some(m) = it.next() {
            for n in m.nodes_for_capture_index(index) {
                theirs.push(code[n.start_byte()..n.end_byte()].to_string());
            }
        }
        theirs.sort();
        assert_eq!(v, theirs, "{query} on {code}");
        v
    }

    #[test]
    fn fields_predicates_and_unanchored_children() {
        let q = r#"((call_expression function: (identifier) @_t1 (#eq? @_t1 "f") arguments: (arguments (_) @A)) @_root)"#;
        assert_eq!(texts(q, "f(a, b); g(c);", "A"), ["a", "b"]);
        // A field names where the child stands.
        let q = "((member_expression property: (_) @P) @_root)";
        assert_eq!(texts(q, "a.b; c[d];", "P"), ["b"]);
    }

    #[test]
    fn anchors_pin_the_first_next_and_last_named_child() {
        let first = "((arguments . (_) @A) @_root)";
        assert_eq!(texts(first, "f(a, b, c)", "A"), ["a"]);
        let last = "((arguments (_) @A .) @_root)";
        assert_eq!(texts(last, "f(a, b, c)", "A"), ["c"]);
        let next = "((arguments (_) @A . (_) @B) @_root)";
        assert_eq!(texts(next, "f(a, b, c)", "B"), ["b", "c"]);
        // Anonymous nodes (the commas) do not break an anchor.
        let pair = "((arguments . (_) @A . (_) @B .) @_root)";
        assert_eq!(texts(pair, "f(a, b)", "B"), ["b"]);
        assert!(texts(pair, "f(a, b, c)", "B").is_empty());
    }

    #[test]
    fn kinds_alternatives_tokens_and_negated_fields() {
        let alt = "((arguments [(string) (template_string)] @S) @_root)";
        assert_eq!(texts(alt, "f('a', `b`, c)", "S"), ["'a'", "`b`"]);
        let token = r#"((lexical_declaration "const" (variable_declarator name: (_) @N)) @_root)"#;
        assert_eq!(texts(token, "const a = 1; let b = 2;", "N"), ["a"]);
        let absent = "((catch_clause !parameter) @_root)";
        assert_eq!(
            texts(absent, "try {} catch {} try {} catch (e) {}", "_root"),
            ["catch {}"]
        );
    }

    #[test]
    fn quantifiers_and_other_predicates_have_no_direct_form() {
        assert!(Direct::parse(Lang::JavaScript, "((arguments (_)* @A) @_root)").is_none());
        assert!(Direct::parse(
            Lang::JavaScript,
            r#"((identifier) @_root (#match? @_root "x"))"#
        )
        .is_none());
        assert!(Direct::parse(Lang::JavaScript, "((no_such_kind) @_root)").is_none());
        assert!(Direct::parse(Lang::JavaScript, "((identifier) @_root").is_none());
    }

    #[test]
    fn the_search_is_bounded_and_says_when_it_stopped() {
        let q = "((statement_block (expression_statement) @A (expression_statement) @B (expression_statement) @C) @_root)";
        // Every choice of three statements of five, in order.
        let (matches, complete) = run(q, "{ a; b; c; d; e; }");
        assert!(complete);
        assert_eq!(matches.len(), 10);
        // Of three hundred, there are 4.5 million: the budget stops it.
        let code = format!("{{ {} }}", "x;".repeat(300));
        let (matches, complete) = run(q, &code);
        assert!(!complete);
        assert!(!matches.is_empty() && matches.len() < MATCH_BUDGET);
    }
}
