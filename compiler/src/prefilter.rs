//! The literal prefilter: what a file's text must contain for a plan to be
//! able to match in it, so that files which cannot match are never parsed.

use crate::re::Re as Regex;

use crate::pattern::CompiledPattern;
use crate::plan::{Condition, Filter, Matcher, Value};

/// A literal the text must contain; `word` literals (identifiers, keywords,
/// string values) must stand as whole words where they begin or end with a
/// word character.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Literal {
    pub text: String,
    pub word: bool,
}

/// Holds when the text contains one of the literals or matches one of the
/// regexes.
#[derive(Clone, Debug, Default)]
pub struct Clause {
    pub literals: Vec<Literal>,
    pub regexes: Vec<Regex>,
}

impl Clause {
    fn literal(text: &str, word: bool) -> Self {
        Clause {
            literals: vec![Literal {
                text: text.to_string(),
                word,
            }],
            regexes: Vec::new(),
        }
    }

    /// How much the clause narrows the files: literals beat regexes, long
    /// literals beat short ones.
    fn selectivity(&self) -> usize {
        if !self.regexes.is_empty() {
            // A regex over the whole file (`\A…\z`) is a file filter its
            // author wrote on purpose: trust it over short literals.
            if self.regexes.iter().all(|r| r.as_str().starts_with("\\A")) {
                return 1000;
            }
            return 1;
        }
        self.literals
            .iter()
            .map(|l| l.text.len())
            .min()
            .unwrap_or(0)
            * 10
    }

    /// Whether `text` satisfies the clause, given which literals it contains.
    pub fn holds(&self, text: &str, contains: impl Fn(&Literal) -> bool) -> bool {
        self.literals.iter().any(contains) || self.regexes.iter().any(|r| r.is_match(text))
    }
}

/// All clauses must hold. No clause: every file may match.
#[derive(Clone, Debug, Default)]
pub struct Prefilter {
    pub clauses: Vec<Clause>,
}

impl Prefilter {
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// Whether `text` passes, checked directly (the engine checks most
    /// plans at once with one automaton; this is for the odd plan).
    pub fn admits(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        self.clauses.iter().all(|c| {
            c.holds(text, |l| {
                text.match_indices(l.text.as_str())
                    .any(|(i, m)| !l.word || is_word_occurrence(bytes, i, i + m.len()))
            })
        })
    }

    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .clauses
            .iter()
            .map(|c| {
                let mut alts: Vec<String> =
                    c.literals.iter().map(|l| format!("{:?}", l.text)).collect();
                alts.extend(c.regexes.iter().map(|r| format!("/{}/", r.as_str())));
                if alts.len() == 1 {
                    alts.pop().unwrap_or_default()
                } else {
                    format!("({})", alts.join(" or "))
                }
            })
            .collect();
        parts.join(" and ")
    }
}

pub fn build(m: &Matcher, patterns: &[CompiledPattern]) -> Prefilter {
    Prefilter {
        clauses: clauses(m, patterns).unwrap_or_default(),
    }
}

/// The clauses every match of `m` needs; `None` when there are none.
fn clauses(m: &Matcher, patterns: &[CompiledPattern]) -> Option<Vec<Clause>> {
    let out = match m {
        Matcher::Pattern(i) => patterns[*i]
            .literals
            .iter()
            .map(|l| Clause::literal(l, true))
            .collect(),
        Matcher::Regex(r) => regex_literals(r.as_str())
            .map(|ls| {
                vec![Clause {
                    literals: ls
                        .into_iter()
                        .map(|text| Literal { text, word: false })
                        .collect(),
                    regexes: Vec::new(),
                }]
            })
            .unwrap_or_default(),
        Matcher::Endpoint(model) => clauses(&model.routes, patterns).unwrap_or_default(),
        Matcher::Any(items) => {
            // One clause: the best clause of each alternative, or'ed.
            let mut merged = Clause::default();
            for item in items {
                let best = clauses(item, patterns)?
                    .into_iter()
                    .max_by_key(Clause::selectivity)?;
                merged.literals.extend(best.literals);
                merged.regexes.extend(best.regexes);
            }
            merged.literals.sort();
            merged.literals.dedup();
            vec![merged]
        }
        Matcher::All {
            positives, filters, ..
        } => {
            let mut out: Vec<Clause> = positives
                .iter()
                .filter_map(|p| clauses(p, patterns))
                .flatten()
                .collect();
            for f in filters {
                // `inside regex` is searched over the whole text anyway: a
                // file it does not match cannot have matches.
                if let Filter::Inside(Matcher::Regex(r)) = f {
                    out.push(Clause {
                        literals: Vec::new(),
                        regexes: vec![r.clone()],
                    });
                }
                match f {
                    // Not `guarded by`: the guard may stand in another file
                    // (a mount, a helper, a view's module).
                    Filter::Inside(x)
                    | Filter::Dominated {
                        by: x,
                        negated: false,
                        ..
                    } => out.extend(clauses(x, patterns).unwrap_or_default()),
                    Filter::Where(c) => condition_clauses(c, patterns, &mut out),
                    Filter::Not(_)
                    | Filter::NotInside(_)
                    | Filter::Dominated { .. }
                    | Filter::Guarded { .. } => {}
                }
            }
            out
        }
    };
    (!out.is_empty()).then_some(out)
}

/// Clauses implied by a condition that must hold: `$X matches R` (R then
/// matches somewhere in the text, when it has no anchors) and `$X in [...]`.
fn condition_clauses(c: &Condition, patterns: &[CompiledPattern], out: &mut Vec<Clause>) {
    match c {
        Condition::And(items) => items
            .iter()
            .for_each(|i| condition_clauses(i, patterns, out)),
        // One clause: the best clause of each alternative, or'ed (when every
        // alternative needs one).
        Condition::Or(items) => {
            let mut merged = Clause::default();
            for item in items {
                let mut own = Vec::new();
                condition_clauses(item, patterns, &mut own);
                let Some(best) = own.into_iter().max_by_key(Clause::selectivity) else {
                    return;
                };
                merged.literals.extend(best.literals);
                merged.regexes.extend(best.regexes);
            }
            merged.literals.sort();
            merged.literals.dedup();
            if !merged.literals.is_empty() || !merged.regexes.is_empty() {
                out.push(merged);
            }
        }
        // A value flows from a parameter only where the definition that
        // names the parameters matches: what it needs, the file holds.
        Condition::FlowsFrom {
            regexes,
            seeds: Some(seeds),
            ..
        } if regexes.is_empty() => {
            if let Some(best) = clauses(seeds, patterns)
                .unwrap_or_default()
                .into_iter()
                .max_by_key(Clause::selectivity)
            {
                out.push(best);
            }
        }
        Condition::Matches {
            operand: Value::Metavar(_),
            regexes,
        } if !regexes.is_empty() && regexes.iter().all(|r| !is_anchored(r.as_str())) => {
            out.push(Clause {
                literals: Vec::new(),
                regexes: regexes.clone(),
            })
        }
        // The source is in the file if anything flows from it: the regex
        // itself, or, anchored (it is matched against a whole value), the
        // literals it needs.
        Condition::FlowsFrom { regexes, .. } if !regexes.is_empty() => {
            if regexes.iter().all(|r| !is_anchored(r.as_str())) {
                out.push(Clause {
                    literals: Vec::new(),
                    regexes: regexes.clone(),
                })
            } else if let Some(lits) = regexes
                .iter()
                .map(|r| regex_literals(r.as_str()))
                .collect::<Option<Vec<Vec<String>>>>()
            {
                out.push(Clause {
                    literals: lits
                        .into_iter()
                        .flatten()
                        .map(|text| Literal { text, word: false })
                        .collect(),
                    regexes: Vec::new(),
                })
            }
        }
        Condition::In {
            operand: Value::Metavar(_),
            list,
        } if !list.is_empty() && list.iter().all(|l| !l.is_empty()) => out.push(Clause {
            literals: list
                .iter()
                .map(|text| Literal {
                    text: text.clone(),
                    word: true,
                })
                .collect(),
            regexes: Vec::new(),
        }),
        // `$X == "text"`: the text is in the file.
        Condition::Compare {
            left: Value::Metavar(_),
            op: soc2_grammar::ast::CmpOp::Eq,
            right: Value::Str(text),
        } if !text.is_empty() => out.push(Clause::literal(text, true)),
        _ => {}
    }
}

/// Whether the regex anchors to a line or text boundary: searched over a
/// whole file it would then not find a value in the middle of a line.
fn is_anchored(re: &str) -> bool {
    regex_facts(re).0
}

/// Literals one of which every match of the regex contains, if they are few
/// and long enough to be worth looking for.
pub fn regex_literals(re: &str) -> Option<Vec<String>> {
    regex_facts(re).1
}

/// Both facts from one parse of the regex (parsing with Unicode case
/// folding is a noticeable part of compiling the rules), once per process.
fn regex_facts(re: &str) -> (bool, Option<Vec<String>>) {
    static FACTS: crate::memo::Memo<String, (bool, Option<Vec<String>>)> = crate::memo::Memo::new();
    FACTS.get(re.to_string(), || {
        match regex_syntax::ParserBuilder::new()
            .multi_line(true)
            .build()
            .parse(re)
        {
            Ok(hir) => (
                hir.properties().look_set().contains_anchor(),
                extract_literals(&hir),
            ),
            Err(_) => (true, None),
        }
    })
}

fn extract_literals(hir: &regex_syntax::hir::Hir) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        let mut ex = Extractor::new();
        ex.kind(kind).limit_total(64);
        let seq = ex.extract(hir);
        let Some(lits) = seq.literals() else { continue };
        if lits.is_empty() || lits.iter().any(|l| l.as_bytes().len() < 3) {
            continue;
        }
        let out: Option<Vec<String>> = lits
            .iter()
            .map(|l| String::from_utf8(l.as_bytes().to_vec()).ok())
            .collect();
        if let Some(mut out) = out {
            out.sort();
            out.dedup();
            return Some(out);
        }
    }
    None
}

/// Whether `text[start..end]`, an occurrence of `lit`, stands as a word:
/// no word character runs into it where it begins or ends with one.
pub fn is_word_occurrence(text: &[u8], start: usize, end: usize) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let lit = &text[start..end];
    let before_ok = !lit.first().is_some_and(|&b| word(b)) || start == 0 || !word(text[start - 1]);
    let after_ok = !lit.last().is_some_and(|&b| word(b)) || end == text.len() || !word(text[end]);
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_prefilter_literals() {
        assert_eq!(
            regex_literals("AKIA[0-9A-Z]{16}"),
            Some(vec!["AKIA".to_string()])
        );
        assert_eq!(regex_literals(".*"), None);
    }

    #[test]
    fn anchored_regexes_are_not_searched_in_files() {
        assert!(is_anchored("^(md5|sha1)$"));
        assert!(!is_anchored("(?i)password"));
    }

    #[test]
    fn word_occurrences() {
        let t = b"x = evaluate(a); eval(b)";
        assert!(!is_word_occurrence(t, 4, 8));
        assert!(is_word_occurrence(t, 17, 21));
        assert!(is_word_occurrence(b"a.md5(", 2, 5));
        assert!(!is_word_occurrence(b"key=AKIAXYZ", 4, 8));
    }
}
