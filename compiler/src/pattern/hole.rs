//! Typed holes: `$V:string` in a pattern, or `where $V is string`.

use crate::lang::Lang;
use tree_sitter::Node;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hole {
    /// A string literal with no interpolation.
    String,
    /// An f-string or template literal with at least one interpolation.
    Fstring,
    Number,
    Bool,
    /// `None`, `null` or `undefined`.
    Null,
    Identifier,
    /// Any literal: string, number, boolean or null.
    Literal,
    Call,
}

impl Hole {
    pub const NAMES: [&'static str; 8] = [
        "string",
        "fstring",
        "number",
        "bool",
        "null",
        "identifier",
        "literal",
        "call",
    ];

    pub fn parse(s: &str) -> Option<Hole> {
        Some(match s {
            "string" => Hole::String,
            "fstring" => Hole::Fstring,
            "number" => Hole::Number,
            "bool" => Hole::Bool,
            "null" => Hole::Null,
            "identifier" => Hole::Identifier,
            "literal" => Hole::Literal,
            "call" => Hole::Call,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        Hole::NAMES[self as usize]
    }

    /// The node kinds a hole can be in `lang`.
    pub fn kinds(self, lang: Lang) -> &'static [&'static str] {
        use Hole::*;
        match (lang, self) {
            (Lang::Python, String) | (Lang::Python, Fstring) => &["string", "concatenated_string"],
            (Lang::Python, Number) => &["integer", "float"],
            (Lang::Python, Bool) => &["true", "false"],
            (Lang::Python, Null) => &["none"],
            (Lang::Python, Identifier) => &["identifier"],
            (Lang::Python, Literal) => &[
                "string",
                "concatenated_string",
                "integer",
                "float",
                "true",
                "false",
                "none",
            ],
            (Lang::Python, Call) => &["call"],
            (_, String) => &["string", "template_string"],
            (_, Fstring) => &["template_string"],
            (_, Number) => &["number"],
            (_, Bool) => &["true", "false"],
            (_, Null) => &["null", "undefined"],
            (_, Identifier) => &[
                "identifier",
                "property_identifier",
                "shorthand_property_identifier",
            ],
            (_, Literal) => &[
                "string",
                "template_string",
                "number",
                "true",
                "false",
                "null",
                "undefined",
            ],
            (_, Call) => &["call_expression", "new_expression"],
        }
    }

    /// Whether the node kinds alone decide the hole (so the query suffices).
    pub fn needs_residual(self) -> bool {
        matches!(self, Hole::String | Hole::Fstring | Hole::Literal)
    }

    /// The full check, used as a residual and for `where $V is …`.
    pub fn accepts(self, lang: Lang, node: Node) -> bool {
        self.accepts_kind(lang, node.kind(), is_interpolated(node))
    }

    /// The same check, from a node's kind and whether it interpolates.
    pub fn accepts_kind(self, lang: Lang, kind: &str, interpolated: bool) -> bool {
        if !self.kinds(lang).contains(&kind) {
            return false;
        }
        match self {
            Hole::String | Hole::Literal => !interpolated,
            Hole::Fstring => interpolated,
            _ => true,
        }
    }
}

/// Whether a string node interpolates values (`f"{x}"`, `` `${x}` ``).
pub fn is_interpolated(node: Node) -> bool {
    let mut cursor = node.walk();
    let found = node.children(&mut cursor).any(|c| match c.kind() {
        "interpolation" | "template_substitution" => true,
        "string" => is_interpolated(c),
        _ => false,
    });
    found
}
