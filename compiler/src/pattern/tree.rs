//! Parses a prepared pattern with the target language's tree-sitter grammar
//! and turns the node it denotes into a [`PNode`] tree.

use tree_sitter::{Node, Parser};

use super::prepare::{Mark, MarkKind, Prepared};
use crate::lang::Lang;

/// A pattern as a tree: what a code node must look like to match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PNode {
    Node {
        kind: &'static str,
        children: Vec<PChild>,
        /// For leaves: the exact text the code must have.
        text: Option<String>,
        /// Optional fields the pattern leaves out and the code must too
        /// (`except:` is not `except ValueError:`).
        absent: Vec<&'static str>,
        /// Keywords among the node's tokens (`except`, `def`, `new`): not
        /// part of the query, but text every match contains.
        keywords: Vec<String>,
    },
    /// A string literal with this value (quotes and prefixes aside).
    Str {
        value: String,
    },
    /// An anonymous token that a field pins down, such as an operator.
    Token {
        text: String,
    },
    Meta {
        name: String,
        hole: Option<super::hole::Hole>,
    },
    Multi {
        name: String,
    },
    Ellipsis,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PChild {
    pub field: Option<&'static str>,
    pub node: PNode,
}

#[derive(Debug)]
pub struct TreeError {
    pub offset: usize,
    pub len: usize,
    pub message: String,
}

/// How deep a pattern's syntax tree may go, and how many nodes it may
/// have: it is converted and turned into a query by recursion, and one
/// tree-sitter query per pattern must stay small.
pub const MAX_PATTERN_DEPTH: usize = 200;
pub const MAX_PATTERN_NODES: usize = 5_000;

/// Why a parsed pattern is beyond the bounds, walked without recursion.
fn too_large(root: Node) -> Option<String> {
    let mut cursor = root.walk();
    let (mut depth, mut nodes) = (0usize, 0usize);
    loop {
        nodes += 1;
        if nodes > MAX_PATTERN_NODES {
            return Some(format!(
                "pattern too large: more than {MAX_PATTERN_NODES} syntax nodes"
            ));
        }
        if cursor.goto_first_child() {
            depth += 1;
            if depth > MAX_PATTERN_DEPTH {
                return Some(format!(
                    "pattern too deep: its code nests more than {MAX_PATTERN_DEPTH} levels"
                ));
            }
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return None;
            }
            depth -= 1;
        }
    }
}

/// How a pattern is placed in a parseable snippet: `prefix + pattern + suffix`.
struct Wrapping {
    prefix: &'static str,
    suffix: &'static str,
    /// Node kinds this wrapping must not yield (the grammar's other reading).
    reject: &'static [&'static str],
    /// If not empty, the only node kinds this wrapping may yield.
    only: &'static [&'static str],
}

const fn wrap(prefix: &'static str, suffix: &'static str) -> Wrapping {
    Wrapping {
        prefix,
        suffix,
        reject: &[],
        only: &[],
    }
}

fn wrappings(lang: Lang) -> &'static [Wrapping] {
    const PY: &[Wrapping] = &[
        wrap("", ""),
        // An `except` clause alone.
        Wrapping {
            prefix: "try:\n    pass\n",
            suffix: "",
            reject: &[],
            only: &["except_clause", "finally_clause", "else_clause"],
        },
        wrap("f(", ")"),
        wrap("{", "}"),
        wrap("", "\ndef _f(): pass"),
        wrap("class _C:\n    ", ""),
    ];
    const JS: &[Wrapping] = &[
        // A leading `{` reads as a block and `a: b` as a label: try the
        // expression readings below instead.
        Wrapping {
            prefix: "",
            suffix: "",
            reject: &["statement_block", "labeled_statement"],
            only: &[],
        },
        // A `catch` or `finally` clause alone (before `({…})`, where
        // `catch (e) {}` would read as a method).
        Wrapping {
            prefix: "try {} ",
            suffix: "",
            reject: &[],
            only: &["catch_clause", "finally_clause"],
        },
        wrap("(", ")"),
        wrap("({", "})"),
        wrap("f(", ")"),
        wrap("class _C {", "}"),
    ];
    match lang {
        Lang::Python => PY,
        _ => JS,
    }
}

/// Optional fields whose absence changes what code means, so a pattern that
/// leaves them out matches only code that does too.
const NEGATABLE: &[(Lang, &str, &str)] = &[
    (Lang::Python, "except_clause", "value"),
    (Lang::JavaScript, "catch_clause", "parameter"),
    (Lang::JavaScript, "variable_declarator", "value"),
];

/// Parses the prepared pattern and returns its tree. With `select`, the
/// pattern is the first node of that kind inside the parsed snippet.
pub fn build(lang: Lang, prepared: &Prepared, select: Option<&str>) -> Result<PNode, TreeError> {
    let language = lang.ts_language().expect("code language");
    let mut parser = Parser::new();
    parser
        .set_language(&language)
        .expect("bundled grammar is compatible");
    let text = &prepared.text;
    let lead = text.len() - text.trim_start().len();
    let trail = text.trim_end().len();
    if lead >= trail {
        return Err(TreeError {
            offset: 0,
            len: 0,
            message: "empty pattern".into(),
        });
    }
    let mut first_error: Option<TreeError> = None;
    for w in wrappings(lang) {
        let snippet = format!("{}{}{}", w.prefix, text, w.suffix);
        let Some(tree) = parser.parse(&snippet, None) else {
            continue;
        };
        let root = tree.root_node();
        let (start, end) = (w.prefix.len() + lead, w.prefix.len() + trail);
        if root.has_error() {
            if first_error.is_none() && w.prefix.is_empty() {
                first_error = Some(locate_error(root, w.prefix.len(), text));
            }
            continue;
        }
        if let Some(message) = too_large(root) {
            return Err(TreeError {
                offset: 0,
                len: text.len(),
                message,
            });
        }
        let ctx = Ctx {
            src: snippet.as_bytes(),
            shift: w.prefix.len(),
            marks: &prepared.marks,
            lang,
        };
        if let Some(kind) = select {
            match find_kind(root, kind, start, end) {
                Some(node) => return Ok(convert(&ctx, node, true)),
                None => {
                    if first_error.is_none() {
                        first_error = Some(TreeError {
                            offset: lead,
                            len: trail - lead,
                            message: format!("there is no `{kind}` node in this pattern"),
                        });
                    }
                    continue;
                }
            }
        }
        let Some(node) = root.named_descendant_for_byte_range(start, end) else {
            continue;
        };
        if node.start_byte() != start
            || node.end_byte() != end
            || w.reject.contains(&node.kind())
            || (!w.only.is_empty() && !w.only.contains(&node.kind()))
        {
            continue;
        }
        return Ok(convert(&ctx, node, true));
    }
    Err(first_error.unwrap_or(TreeError {
        offset: lead,
        len: trail - lead,
        message: format!(
            "the pattern is not a single {} expression, statement or definition",
            lang.name()
        ),
    }))
}

/// The first node of `kind` (in document order) inside `start..end`.
fn find_kind<'t>(root: Node<'t>, kind: &str, start: usize, end: usize) -> Option<Node<'t>> {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.kind() == kind && n.start_byte() >= start && n.end_byte() <= end {
            return Some(n);
        }
        let mut cursor = n.walk();
        let children: Vec<Node> = n.named_children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    None
}

fn locate_error(root: Node, shift: usize, text: &str) -> TreeError {
    let text_len = text.len();
    let mut cursor = root.walk();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.is_error() || n.is_missing() {
            let start = n.start_byte().saturating_sub(shift).min(text_len);
            let end = n.end_byte().saturating_sub(shift).min(text_len);
            let message = if n.is_missing() {
                format!("missing `{}`", n.kind())
            } else {
                why_not(text, start, end)
            };
            return TreeError {
                offset: start,
                len: end - start,
                message,
            };
        }
        let children: Vec<Node> = n.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    TreeError {
        offset: 0,
        len: text_len,
        message: why_not(text, 0, text_len),
    }
}

/// Why the text at `start..end` does not parse, as far as one can tell
/// without the grammar: an unclosed or unmatched bracket, an unclosed
/// quote, or else the text the parser could not read.
fn why_not(text: &str, start: usize, end: usize) -> String {
    let mut open: Vec<char> = Vec::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        if let Some(q) = quote {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                _ if c == q => quote = None,
                _ => {}
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '(' | '[' | '{' => open.push(c),
            ')' | ']' | '}' => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                if open.pop() != Some(want) {
                    return format!("`{c}` closes no open bracket");
                }
            }
            _ => {}
        }
    }
    if let Some(q) = quote {
        return format!("a string opened with {q} is not closed");
    }
    if let Some(b) = open.last() {
        return format!("`{b}` is never closed");
    }
    let bad = text.get(start..end).unwrap_or("").trim();
    if bad.is_empty() {
        "the pattern ends before the code is complete".into()
    } else {
        let shown: String = bad.chars().take(40).collect();
        let more = if shown.len() < bad.len() { "…" } else { "" };
        format!("the parser cannot read `{shown}{more}` here")
    }
}

struct Ctx<'a> {
    src: &'a [u8],
    shift: usize,
    marks: &'a [Mark],
    lang: Lang,
}

impl Ctx<'_> {
    fn text(&self, n: Node) -> &str {
        std::str::from_utf8(&self.src[n.start_byte()..n.end_byte()]).unwrap_or("")
    }

    /// The metavariable or ellipsis this node stands for, if it is one.
    fn mark_for(&self, n: Node) -> Option<&Mark> {
        let start = n.start_byte().checked_sub(self.shift)?;
        let mark = self.marks.iter().find(|m| m.start == start)?;
        let text = self.text(n).trim_end_matches(';').trim_end();
        (text.len() == mark.len).then_some(mark)
    }
}

fn convert(ctx: &Ctx, node: Node, is_root: bool) -> PNode {
    if let Some(mark) = ctx.mark_for(node) {
        return match &mark.kind {
            MarkKind::Meta { name, hole } => PNode::Meta {
                name: name.clone(),
                hole: *hole,
            },
            MarkKind::Multi { name } => PNode::Multi { name: name.clone() },
            MarkKind::Ellipsis => PNode::Ellipsis,
        };
    }
    let kind = node.kind();
    if kind == "string" && !super::hole::is_interpolated(node) {
        return PNode::Str {
            value: string_value(ctx.text(node)).to_string(),
        };
    }
    if node.child_count() == 0 {
        return PNode::Node {
            kind,
            children: Vec::new(),
            text: Some(ctx.text(node).to_string()),
            absent: Vec::new(),
            keywords: Vec::new(),
        };
    }
    // An expression statement around a single expression adds nothing a
    // pattern author means: match the expression wherever it stands.
    if is_root && kind == "expression_statement" && node.named_child_count() == 1 {
        if let Some(inner) = node.named_child(0) {
            return convert(ctx, inner, true);
        }
    }
    let mut children = Vec::new();
    let mut keywords = Vec::new();
    let mut cursor = node.walk();
    for (i, child) in node.children(&mut cursor).enumerate() {
        let field = node.field_name_for_child(i as u32);
        if child.kind() == "comment" {
            continue;
        }
        if child.is_named() {
            children.push(PChild {
                field,
                node: convert(ctx, child, false),
            });
        } else if field.is_some() {
            children.push(PChild {
                field,
                node: PNode::Token {
                    text: ctx.text(child).to_string(),
                },
            });
        } else {
            let text = ctx.text(child);
            // `@` marks every decorator: a strong hint in Python, where most
            // files have none.
            if (text.len() >= 3 && text.bytes().all(|b| b.is_ascii_alphabetic())) || text == "@" {
                keywords.push(text.to_string());
            }
        }
    }
    let absent = NEGATABLE
        .iter()
        .filter(|(l, k, f)| {
            *l == ctx.lang && *k == kind && !children.iter().any(|c| c.field == Some(*f))
        })
        .map(|(_, _, f)| *f)
        .collect();
    PNode::Node {
        kind,
        children,
        text: None,
        absent,
        keywords,
    }
}

/// The value of a string literal: its text without prefix letters and quotes.
pub fn string_value(text: &str) -> &str {
    let t = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    for q in ["\"\"\"", "'''", "\"", "'", "`"] {
        if t.len() >= 2 * q.len() && t.starts_with(q) && t.ends_with(q) {
            return &t[q.len()..t.len() - q.len()];
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::super::prepare::prepare;
    use super::*;

    fn tree(lang: Lang, p: &str) -> PNode {
        build(lang, &prepare(lang, p).unwrap(), None).unwrap()
    }

    #[test]
    fn python_keyword_argument_pattern() {
        let t = tree(Lang::Python, "requests.get(..., verify=False)");
        let PNode::Node { kind, children, .. } = t else {
            panic!()
        };
        assert_eq!(kind, "call");
        assert_eq!(children[0].field, Some("function"));
        let PNode::Node { children: args, .. } = &children[1].node else {
            panic!()
        };
        assert_eq!(args[0].node, PNode::Ellipsis);
    }

    #[test]
    fn javascript_object_pattern_reads_as_an_object() {
        let t = tree(Lang::JavaScript, "{ ..., $K: $V, ... }");
        let PNode::Node { kind, children, .. } = t else {
            panic!()
        };
        assert_eq!(kind, "object");
        assert_eq!(children.len(), 3);
        assert_eq!(children[0].node, PNode::Ellipsis);
    }

    #[test]
    fn statement_metavariable_covers_the_statement() {
        let t = tree(Lang::Python, "try:\n    $BODY\nexcept:\n    pass");
        let PNode::Node { kind, children, .. } = t else {
            panic!()
        };
        assert_eq!(kind, "try_statement");
        // The one-statement block is the metavariable: it binds the whole body.
        assert_eq!(children[0].field, Some("body"));
        assert!(matches!(children[0].node, PNode::Meta { .. }));
    }

    #[test]
    fn string_literals_compare_by_value() {
        let t = tree(Lang::Python, "'abc'");
        assert_eq!(
            t,
            PNode::Str {
                value: "abc".into()
            }
        );
        assert_eq!(string_value("rb'''x'''"), "x");
        assert_eq!(string_value("\"\""), "");
    }

    #[test]
    fn a_broken_pattern_points_at_the_error() {
        let err = build(
            Lang::Python,
            &prepare(Lang::Python, "foo(1, ").unwrap(),
            None,
        )
        .unwrap_err();
        assert!(err.offset <= 7, "{err:?}");
    }
}
