//! Rewrites a pattern's metavariables and ellipses into text that the target
//! language's own grammar accepts, keeping every byte offset unchanged so that
//! parse errors map straight back onto the rule file.

use super::hole::Hole;
use crate::lang::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// `$NAME` (or `$_`, which binds nothing).
    Meta { name: String, hole: Option<Hole> },
    /// `$$$NAME`: any number of nodes, bound together.
    Multi { name: String },
    /// `...`: any number of nodes (or any node, where one is expected).
    Ellipsis,
}

/// A metavariable or ellipsis at `start..start+len` of the prepared text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub len: usize,
    pub kind: MarkKind,
}

#[derive(Debug)]
pub struct Prepared {
    pub text: String,
    pub marks: Vec<Mark>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct PrepareError {
    pub offset: usize,
    pub len: usize,
    pub message: String,
    pub help: String,
}

pub fn prepare(lang: Lang, pattern: &str) -> Result<Prepared, PrepareError> {
    prepare_with(lang, pattern, false)
}

/// Like [`prepare`]; with `splat_ellipsis`, a Python `...` becomes `**_`
/// (same length), which is what parses inside a dict literal.
pub fn prepare_with(
    lang: Lang,
    pattern: &str,
    splat_ellipsis: bool,
) -> Result<Prepared, PrepareError> {
    let bytes = pattern.as_bytes();
    let mut out = String::with_capacity(pattern.len());
    let mut marks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'$' {
            let dollars = bytes[i..].iter().take_while(|&&b| b == b'$').count();
            let name_start = i + dollars;
            let name_len = bytes[name_start..]
                .iter()
                .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || **b == b'_')
                .count();
            let starts_ok = name_len > 0
                && (bytes[name_start].is_ascii_uppercase() || bytes[name_start] == b'_');
            if (dollars == 1 || dollars == 3) && starts_ok {
                let name = pattern[name_start..name_start + name_len].to_string();
                let mut end = name_start + name_len;
                let mut hole = None;
                // A typed hole `$V:string` (no space after the colon).
                if dollars == 1 && bytes.get(end) == Some(&b':') {
                    let word_len = bytes[end + 1..]
                        .iter()
                        .take_while(|b| b.is_ascii_lowercase())
                        .count();
                    let word = &pattern[end + 1..end + 1 + word_len];
                    if word_len > 0 {
                        match Hole::parse(word) {
                            Some(h) => {
                                hole = Some(h);
                                end = end + 1 + word_len;
                            }
                            None => {
                                return Err(PrepareError {
                                    offset: end + 1,
                                    len: word_len,
                                    message: format!("unknown hole type `{word}`"),
                                    help: format!(
                                        "a typed hole is one of: {}",
                                        Hole::NAMES.join(", ")
                                    ),
                                })
                            }
                        }
                    }
                }
                let ident_len = name_start + name_len - i;
                match lang {
                    // `$` cannot start a Python identifier: use `_` instead.
                    Lang::Python => out.extend(std::iter::repeat_n('_', dollars)),
                    _ => out.extend(std::iter::repeat_n('$', dollars)),
                }
                out.push_str(&name);
                // Blank the hole annotation so offsets stay the same.
                out.extend(std::iter::repeat_n(' ', end - (name_start + name_len)));
                let kind = if dollars == 3 {
                    MarkKind::Multi { name }
                } else {
                    MarkKind::Meta { name, hole }
                };
                marks.push(Mark {
                    start: i,
                    len: ident_len,
                    kind,
                });
                i = end;
                continue;
            }
            if dollars > 1 || lang == Lang::Python {
                return Err(PrepareError {
                    offset: i,
                    len: dollars + name_len,
                    message: "malformed metavariable".into(),
                    help: "metavariables are `$` or `$$$` followed by an upper-case name, such as `$NAME` or `$$$ARGS`".into(),
                });
            }
            // A lone `$` in JavaScript is an ordinary identifier character.
            out.push('$');
            i += 1;
            continue;
        }
        if pattern[i..].starts_with("...") && is_standalone_ellipsis(lang, &pattern[i + 3..]) {
            // A placeholder identifier of the same length: `...` is not valid
            // Python in a parameter list, nor JavaScript outside spread.
            match lang {
                Lang::Python if splat_ellipsis => out.push_str("**_"),
                Lang::Python => out.push_str("___"),
                _ => out.push_str("$__"),
            }
            marks.push(Mark {
                start: i,
                len: 3,
                kind: MarkKind::Ellipsis,
            });
            i += 3;
            continue;
        }
        let ch = pattern[i..].chars().next().expect("in bounds");
        out.push(ch);
        i += ch.len_utf8();
    }
    Ok(Prepared { text: out, marks })
}

/// `...` followed by an expression is JavaScript spread syntax, not an ellipsis.
fn is_standalone_ellipsis(lang: Lang, rest: &str) -> bool {
    if lang == Lang::Python {
        return true;
    }
    match rest.trim_start_matches([' ', '\t']).chars().next() {
        None => true,
        Some(c) => matches!(c, ',' | ')' | ']' | '}' | ';' | '\n' | '\r'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_metavariables_keep_offsets() {
        let p = prepare(Lang::Python, "$F(..., $K=$V:string, $$$REST)").unwrap();
        assert_eq!(p.text, "_F(___, _K=_V       , ___REST)");
        assert_eq!(p.text.len(), "$F(..., $K=$V:string, $$$REST)".len());
        assert_eq!(p.marks.len(), 5);
        assert_eq!(
            p.marks[3].kind,
            MarkKind::Meta {
                name: "V".into(),
                hole: Some(Hole::String)
            }
        );
        assert_eq!(
            p.marks[4].kind,
            MarkKind::Multi {
                name: "REST".into()
            }
        );
    }

    #[test]
    fn javascript_spread_is_not_an_ellipsis() {
        let p = prepare(Lang::JavaScript, "f(...args, ...)").unwrap();
        assert_eq!(p.text, "f(...args, $__)");
        assert_eq!(p.marks.len(), 1);
        assert_eq!(p.marks[0].kind, MarkKind::Ellipsis);
    }

    #[test]
    fn lowercase_dollar_names_are_javascript_identifiers() {
        let p = prepare(Lang::JavaScript, "$http.get($URL)").unwrap();
        assert_eq!(p.marks.len(), 1);
        assert_eq!(p.text, "$http.get($URL)");
    }

    #[test]
    fn unknown_hole_type_is_an_error() {
        let err = prepare(Lang::Python, "x = $V:strng").unwrap_err();
        assert_eq!(err.offset, 7);
        assert!(err.help.contains("string"));
    }
}
