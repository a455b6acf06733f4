//! Evaluates a rule's formula over the pattern matches of one file: the
//! combinators (`all`, `any`, `not`, `inside`), `where` conditions,
//! `dominated by` over the control-flow graphs, and `endpoint` / `guarded
//! by` through the routing model ([`crate::routes`]).

use std::collections::HashMap;

use soc2_compiler::plan::{Condition, Filter, Matcher, Value};
use soc2_grammar::ast::CmpOp;

use crate::matching::{Binding, Match};
use crate::project::EvalCtx;

/// Evaluates a plan's matcher over the pattern matches of one file.
pub fn evaluate(m: &Matcher, pats: &[Vec<Match>], cx: &EvalCtx) -> Vec<Match> {
    let src = cx.src;
    match m {
        Matcher::Pattern(i) => pats[*i].clone(),
        Matcher::Regex(re) => regex_matches(re, src),
        Matcher::Any(items) => items.iter().flat_map(|i| evaluate(i, pats, cx)).collect(),
        Matcher::Endpoint(model) => {
            if let Some(shared) = cx.project.and_then(|pv| pv.endpoints()) {
                return shared.to_vec();
            }
            let matches = crate::routes::ModelMatches::of(model, true, |m| evaluate(m, pats, cx));
            if matches.routes.is_empty() {
                return Vec::new();
            }
            crate::routes::endpoints(&matches, cx)
        }
        Matcher::All {
            positives,
            filters,
            focus,
        } => {
            let mut iter = positives.iter();
            let mut cur = match iter.next() {
                Some(first) => evaluate(first, pats, cx),
                None => return Vec::new(),
            };
            for p in iter {
                if cur.is_empty() {
                    return cur;
                }
                let other = evaluate(p, pats, cx);
                cur = cur
                    .iter()
                    .filter_map(|m| {
                        other
                            .iter()
                            .find(|o| o.start == m.start && o.end == m.end && m.compatible(o))
                            .map(|o| m.merged(o))
                    })
                    .collect();
            }
            for f in filters {
                if cur.is_empty() {
                    break;
                }
                match f {
                    Filter::Not(x) => {
                        let xs = evaluate(x, pats, cx);
                        cur.retain(|m| {
                            !xs.iter()
                                .any(|o| o.start == m.start && o.end == m.end && m.compatible(o))
                        });
                    }
                    Filter::Inside(x) => {
                        // One candidate per enclosing match: a later `where`
                        // may hold for an outer one and not the innermost.
                        let xs = evaluate(x, pats, cx);
                        cur = cur
                            .iter()
                            .flat_map(|m| {
                                xs.iter()
                                    .filter(|o| o.encloses(m) && m.compatible(o))
                                    .map(|o| m.merged(o))
                                    .collect::<Vec<_>>()
                            })
                            .collect();
                    }
                    Filter::NotInside(x) => {
                        let xs = evaluate(x, pats, cx);
                        cur.retain(|m| !xs.iter().any(|o| o.encloses(m) && m.compatible(o)));
                    }
                    Filter::Guarded {
                        by,
                        negated,
                        denials,
                    } => {
                        let xs = std::sync::Arc::new(evaluate(by, pats, cx));
                        cur = cur
                            .into_iter()
                            .filter_map(|mut m| {
                                match (crate::routes::guard_of(&m, by, &xs, denials, cx), negated) {
                                    (Some(e), false) => {
                                        let at = m.start;
                                        m.bindings.push((
                                            "GUARD".to_string(),
                                            Binding {
                                                start: at,
                                                end: at,
                                                kind: "",
                                                interpolated: false,
                                                value: e.describe(cx).into(),
                                                parts: vec![(at, at)],
                                            },
                                        ));
                                        Some(m)
                                    }
                                    (None, true) => Some(m),
                                    _ => None,
                                }
                            })
                            .collect();
                    }
                    Filter::Dominated { by, post, negated } => {
                        let xs = evaluate(by, pats, cx);
                        let Some(cfgs) = (cx.cfgs)() else {
                            // No graphs (no parse): nothing can be shown to dominate.
                            if !*negated {
                                cur.clear();
                            }
                            continue;
                        };
                        cur = cur
                            .into_iter()
                            .filter_map(|m| {
                                let f = cfgs.function_at(m.start, m.end)?;
                                let witness = xs.iter().find(|x| {
                                    m.compatible(x)
                                        && cfgs
                                            .function_at(x.start, x.end)
                                            .is_some_and(|g| std::ptr::eq(g, f))
                                        && if *post {
                                            f.post_dominates((x.start, x.end), (m.start, m.end))
                                        } else {
                                            f.dominates((x.start, x.end), (m.start, m.end))
                                        }
                                });
                                match (witness, negated) {
                                    (Some(x), false) => Some(m.merged(x)),
                                    (None, true) => Some(m),
                                    _ => None,
                                }
                            })
                            .collect();
                    }
                    Filter::Where(c) => {
                        // The parameters a `flows from` definition names,
                        // found once for all the candidates.
                        let seeds = SeedCache::default();
                        cur.retain(|m| condition(c, m, cx, pats, &seeds));
                        for m in cur.iter_mut() {
                            bind_groups(c, m, src);
                        }
                    }
                }
            }
            if let Some(f) = focus {
                cur = cur
                    .into_iter()
                    .filter_map(|mut m| {
                        let b = m.get(f)?.clone();
                        m.start = b.start;
                        m.end = b.end;
                        Some(m)
                    })
                    .collect();
            }
            cur
        }
    }
}

fn regex_matches(re: &regex::Regex, src: &str) -> Vec<Match> {
    let names: Vec<Option<&str>> = re.capture_names().collect();
    re.captures_iter(src)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            if whole.as_str().is_empty() {
                return None;
            }
            let bindings = names
                .iter()
                .enumerate()
                .filter_map(|(i, n)| {
                    let n = (*n)?;
                    let g = caps.get(i)?;
                    Some((
                        n.to_string(),
                        Binding {
                            start: g.start(),
                            end: g.end(),
                            kind: "",
                            interpolated: false,
                            value: unquote(g.as_str()).into(),
                            parts: vec![(g.start(), g.end())],
                        },
                    ))
                })
                .collect();
            Some(Match::new(whole.start(), whole.end(), bindings))
        })
        .collect()
}

/// Values read by regexes from config files may be quoted: `KEY="value"`.
fn unquote(s: &str) -> &str {
    let t = s.trim();
    for q in ['"', '\''] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            return &t[1..t.len() - 1];
        }
    }
    t
}

/// `where $X matches /…(?P<NAME>…)…/` binds `$NAME` to that part of `$X`.
fn bind_groups(c: &Condition, m: &mut Match, src: &str) {
    match c {
        Condition::And(items) => items.iter().for_each(|i| bind_groups(i, m, src)),
        Condition::Matches {
            operand: Value::Metavar(name),
            regexes,
        } => {
            let Some(b) = m.get(name).cloned() else {
                return;
            };
            let raw = &src[b.start..b.end];
            let base = match raw.find(&*b.value) {
                Some(i) if !b.value.is_empty() => b.start + i,
                _ => return,
            };
            let Some(caps) = regexes.iter().find_map(|r| r.captures(&b.value)) else {
                return;
            };
            for (i, group) in regexes
                .iter()
                .find(|r| r.is_match(&b.value))
                .map(|r| r.capture_names().collect::<Vec<_>>())
                .unwrap_or_default()
                .into_iter()
                .enumerate()
            {
                let (Some(group), Some(g)) = (group, caps.get(i)) else {
                    continue;
                };
                if m.get(group).is_none() {
                    m.bindings.push((
                        group.to_string(),
                        Binding {
                            start: base + g.start(),
                            end: base + g.end(),
                            kind: "",
                            interpolated: false,
                            value: g.as_str().into(),
                            parts: vec![(base + g.start(), base + g.end())],
                        },
                    ));
                }
            }
        }
        _ => {}
    }
}

/// The ranges of a seed definition's matches in the file.
type SeedRanges = Vec<(usize, usize)>;

/// What the candidates of one `where` share in the file: the matches of
/// each `flows from` seed definition (by the definition's address in the
/// plan), and each function's assignments (`flow::Scopes`).
#[derive(Default)]
struct SeedCache(
    std::cell::RefCell<Vec<(usize, SeedRanges)>>,
    crate::flow::Scopes,
);

impl SeedCache {
    fn get(&self, seeds: &Matcher, pats: &[Vec<Match>], cx: &EvalCtx) -> SeedRanges {
        let key = seeds as *const Matcher as usize;
        if let Some((_, v)) = self.0.borrow().iter().find(|(k, _)| *k == key) {
            return v.clone();
        }
        let v: SeedRanges = evaluate(seeds, pats, cx)
            .iter()
            .map(|m| (m.start, m.end))
            .collect();
        self.0.borrow_mut().push((key, v.clone()));
        v
    }
}

fn condition(
    c: &Condition,
    m: &Match,
    cx: &EvalCtx,
    pats: &[Vec<Match>],
    seeds: &SeedCache,
) -> bool {
    let lang = cx.lang;
    match c {
        Condition::Or(items) => items.iter().any(|c| condition(c, m, cx, pats, seeds)),
        Condition::And(items) => items.iter().all(|c| condition(c, m, cx, pats, seeds)),
        Condition::Not(inner) => !condition(inner, m, cx, pats, seeds),
        Condition::FlowsFrom {
            metavar,
            regexes,
            seeds: from,
        } => match (m.get(metavar), cx.tree) {
            (Some(b), Some(tree)) => {
                let params = match from {
                    Some(d) => seeds.get(d, pats, cx),
                    None => Vec::new(),
                };
                crate::flow::flows_from(tree, cx.src, (b.start, b.end), regexes, &params, &seeds.1)
            }
            _ => false,
        },
        Condition::RefersTo { metavar, regexes } => match (m.get(metavar), cx.project) {
            (Some(b), Some(pv)) => cx.src.get(b.start..b.end).is_some_and(|name| {
                crate::project::referent_text(pv, pv.current(), name, b.start)
                    .is_some_and(|t| regexes.iter().any(|r| r.is_match(&t)))
            }),
            _ => false,
        },
        Condition::Matches { operand, regexes } => match text_of(operand, m) {
            Some(t) => regexes.iter().any(|r| r.is_match(&t)),
            None => false,
        },
        Condition::In { operand, list } => match text_of(operand, m) {
            Some(t) => list.contains(&t),
            None => false,
        },
        Condition::Constant { metavar } => match (m.get(metavar), cx.tree) {
            (Some(b), Some(tree)) => crate::flow::is_constant(tree, cx.src, (b.start, b.end)),
            _ => false,
        },
        Condition::Is { metavar, hole } => m
            .get(metavar)
            .is_some_and(|b| hole.accepts_kind(lang, b.kind, b.interpolated)),
        Condition::Compare { left, op, right } => match (number_of(left, m), number_of(right, m)) {
            (Some(a), Some(b)) => match op {
                CmpOp::Gt => a > b,
                CmpOp::Ge => a >= b,
                CmpOp::Lt => a < b,
                CmpOp::Le => a <= b,
                CmpOp::Eq => a == b,
                CmpOp::Ne => a != b,
            },
            _ => match (text_of(left, m), text_of(right, m), op) {
                (Some(a), Some(b), CmpOp::Eq) => a == b,
                (Some(a), Some(b), CmpOp::Ne) => a != b,
                _ => false,
            },
        },
    }
}

fn text_of(v: &Value, m: &Match) -> Option<String> {
    match v {
        Value::Metavar(name) => m.get(name).map(|b| b.value.to_string()),
        Value::Str(s) => Some(s.clone()),
        other => number_of(other, m).map(|n| n.to_string()),
    }
}

fn number_of(v: &Value, m: &Match) -> Option<f64> {
    match v {
        Value::Number(n) => Some(*n),
        Value::Len(name) => m.get(name).map(|b| b.value.chars().count() as f64),
        Value::Entropy(name) => m.get(name).map(|b| shannon_entropy(&b.value)),
        Value::Metavar(name) => m.get(name).and_then(|b| parse_number(&b.value)),
        Value::Str(s) => parse_number(s),
    }
}

fn parse_number(s: &str) -> Option<f64> {
    let t: String = s.trim().chars().filter(|c| *c != '_').collect();
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return i64::from_str_radix(hex, 16).ok().map(|n| n as f64);
    }
    t.parse().ok()
}

/// Shannon entropy of the characters of `s`, in bits per character.
pub fn shannon_entropy(s: &str) -> f64 {
    let mut counts: HashMap<char, usize> = HashMap::new();
    let mut total = 0usize;
    for c in s.chars() {
        *counts.entry(c).or_default() += 1;
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    counts
        .values()
        .map(|&n| {
            let p = n as f64 / total as f64;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_of_known_strings() {
        assert_eq!(shannon_entropy(""), 0.0);
        assert_eq!(shannon_entropy("aaaa"), 0.0);
        assert!((shannon_entropy("abcd") - 2.0).abs() < 1e-9);
    }

    #[test]
    fn numbers_parse_with_separators_and_hex() {
        assert_eq!(parse_number("1_024"), Some(1024.0));
        assert_eq!(parse_number("0x10"), Some(16.0));
        assert_eq!(parse_number("abc"), None);
    }
}
