//! From rule-file text to the AST. Never panics: syntax errors are returned
//! as [`Problem`]s, one per broken item, so a file with several mistakes gets
//! all of them reported.

use pest::iterators::Pair;
use pest::Parser as _;

use crate::ast::*;
use crate::problem::Problem;
use crate::split::split_items;

#[derive(pest_derive::Parser)]
#[grammar = "rules.pest"]
struct RuleParser;

/// Parses a whole rule file. The returned AST holds every item that parsed;
/// the problems list every item that did not.
pub fn parse_rule_file(text: &str) -> (RuleFile, Vec<Problem>) {
    let mut file = RuleFile::default();
    let mut problems = Vec::new();
    for (start, end) in split_items(text) {
        let chunk = &text[start..end];
        if chunk.trim().is_empty() {
            continue;
        }
        if let Some(at) = crate::split::too_deep(chunk) {
            problems.push(
                Problem::new(
                    "rule::too-deep",
                    format!(
                        "brackets nest more than {} deep here",
                        crate::split::MAX_NESTING
                    ),
                    Span::new(start + at, start + at + 1),
                )
                .help(
                    "split the rule into definitions (`define NAME { … }`, used with `use NAME`)",
                ),
            );
            continue;
        }
        match RuleParser::parse(Rule::item_only, chunk) {
            Ok(mut pairs) => {
                let top = pairs.next().expect("item_only always yields a pair");
                for pair in top.into_inner() {
                    match pair.as_rule() {
                        Rule::rule_def => file.rules.push(build_rule(pair, start)),
                        Rule::define_def => file.defines.push(build_define(pair, start)),
                        _ => {}
                    }
                }
            }
            Err(err) => problems.push(syntax_problem(err, start, text.len())),
        }
    }
    (file, problems)
}

fn syntax_problem(err: pest::error::Error<Rule>, offset: usize, text_len: usize) -> Problem {
    let err = err.renamed_rules(friendly_name);
    let (start, end) = match err.location {
        pest::error::InputLocation::Pos(p) => (p, p),
        pest::error::InputLocation::Span((s, e)) => (s, e),
    };
    let start = (offset + start).min(text_len);
    let end = (offset + end).min(text_len);
    let detail = match &err.variant {
        pest::error::ErrorVariant::ParsingError {
            positives,
            negatives,
        } => describe_expectation(positives, negatives),
        pest::error::ErrorVariant::CustomError { message } => message.clone(),
    };
    Problem::new(
        "rule::syntax",
        format!("syntax error: {detail}"),
        Span::new(start, end),
    )
    .label(detail)
    .help(
        "a rule file holds `rule ID { … }` blocks and `define NAME = …` items; \
             see the rule language reference in the README",
    )
}

fn describe_expectation(positives: &[Rule], negatives: &[Rule]) -> String {
    let mut names: Vec<String> = positives.iter().map(friendly_name).collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        let neg: Vec<String> = negatives.iter().map(friendly_name).collect();
        return format!("unexpected {}", neg.join(", "));
    }
    let list = match names.len() {
        1 => names[0].clone(),
        n => format!("{} or {}", names[..n - 1].join(", "), names[n - 1]),
    };
    format!("expected {list}")
}

fn friendly_name(rule: &Rule) -> String {
    let s = match rule {
        Rule::EOI => "end of file",
        Rule::item_only | Rule::file => "`rule` or `define`",
        Rule::rule_def => "`rule ID { … }`",
        Rule::define_def => "`define NAME = …`",
        Rule::define_mode => "`extend` or `override`",
        Rule::ident => "a name",
        Rule::rule_id => "a rule id",
        Rule::metavar => "a metavariable such as `$NAME`",
        Rule::reference => "a reference such as `@name`",
        Rule::number => "a number",
        Rule::criterion => "a criterion id such as `CC6.1`",
        Rule::cwe => "a CWE number",
        Rule::string => "a quoted string",
        Rule::block => "a text block (\"\"\"…\"\"\")",
        Rule::regex => "a regex such as /…/",
        Rule::pattern_lit => "a code pattern in backticks",
        Rule::title_item => "`title`",
        Rule::severity_item => "`severity`",
        Rule::kind_item => "`kind`",
        Rule::category_item => "`category`",
        Rule::criteria_item => "`criteria`",
        Rule::cwe_item => "`cwe`",
        Rule::message_item => "`message`",
        Rule::fix_item => "`fix`",
        Rule::secret_item => "`secret`",
        Rule::paths_item => "`paths`",
        Rule::match_item => "`match`",
        Rule::doc_item => "`doc`",
        Rule::test_item => "`test`",
        Rule::path_include => "`include`",
        Rule::path_exclude => "`exclude`",
        Rule::language => "a language (python, javascript, typescript, tsx, text)",
        Rule::languages => "a language, or several separated by commas",
        Rule::body => "`{`",
        Rule::pattern_clause => "`pattern`",
        Rule::select => "`select KIND`",
        Rule::focus_clause => "`focus`",
        Rule::dominance_clause => "`dominated by` or `post-dominated by`",
        Rule::dominance => "`dominated` or `post-dominated`",
        Rule::endpoint_clause => "`endpoint`",
        Rule::guarded_clause => "`guarded by`",
        Rule::regex_clause => "`regex`",
        Rule::any_clause => "`any`",
        Rule::all_clause => "`all`",
        Rule::not_clause => "`not`",
        Rule::inside_clause => "`inside`",
        Rule::use_clause => "`use`",
        Rule::files_clause => "`files`",
        Rule::beside_clause => "`beside`",
        Rule::where_clause => "`where`",
        Rule::define_value => "`=`",
        Rule::define_langs => "`{`",
        Rule::lang_body => "a language block",
        Rule::regex_list => "a regex",
        Rule::string_list => "a list [\"…\"]",
        Rule::cond
        | Rule::cond_and
        | Rule::cond_not
        | Rule::cond_atom
        | Rule::cond_flows
        | Rule::cond_refers
        | Rule::cond_matches
        | Rule::cond_in
        | Rule::cond_is
        | Rule::cond_cmp => "a condition",
        Rule::cmp_op => "a comparison (>, >=, <, <=, ==, !=)",
        Rule::operand => "a value",
        Rule::func_call => "len($X) or entropy($X)",
        Rule::negation => "`not`",
        Rule::func_name => "`len` or `entropy`",
        Rule::string_body => "the text of a string",
        Rule::block_dq | Rule::block_bt => "the text of a block",
        Rule::regex_body => "the text of a regex",
        Rule::pattern_long | Rule::pattern_short => "the code of a pattern",
        // Rules pest never reports by name (silent ones), named anyway so
        // that a grammar change cannot leak an internal name.
        Rule::WHITESPACE | Rule::COMMENT => "a space or comment",
        Rule::item => "`rule` or `define`",
        Rule::ident_char => "a letter, digit, `_`, `-` or `.`",
        Rule::text => "a quoted string or a text block",
        Rule::rule_item => "a rule item (`title`, `severity`, `message`, `match`…)",
        Rule::path_glob => "a quoted glob or a reference such as `@name`",
        Rule::clause => "a clause (`pattern`, `regex`, `any`, `all`, `not`, `inside`, `where`…)",
    };
    s.to_string()
}

fn span_of(pair: &Pair<Rule>, offset: usize) -> Span {
    let s = pair.as_span();
    Span::new(offset + s.start(), offset + s.end())
}

fn spanned_str(pair: &Pair<Rule>, offset: usize) -> Spanned<String> {
    Spanned::new(pair.as_str().to_string(), span_of(pair, offset))
}

/// A quoted string or a text block, unescaped; the span is the literal's.
fn text_value(pair: Pair<Rule>, offset: usize) -> Spanned<String> {
    let span = span_of(&pair, offset);
    let value = match pair.as_rule() {
        Rule::string => unescape(pair.into_inner().next().map(|p| p.as_str()).unwrap_or("")),
        Rule::block => pair
            .into_inner()
            .next()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        _ => pair.as_str().to_string(),
    };
    Spanned::new(value, span)
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The body of a regex literal, with `\/` turned back into `/`.
fn regex_value(pair: Pair<Rule>, offset: usize) -> Spanned<String> {
    let span = span_of(&pair, offset);
    let body = pair.into_inner().next().map(|p| p.as_str()).unwrap_or("");
    Spanned::new(body.replace("\\/", "/"), span)
}

/// The text of a code pattern; the span covers only the pattern's text, so
/// that pattern errors can be mapped onto it.
fn pattern_value(pair: Pair<Rule>, offset: usize) -> Spanned<String> {
    let inner = pair.into_inner().next().expect("pattern_lit has a body");
    spanned_str(&inner, offset)
}

fn build_define(pair: Pair<Rule>, offset: usize) -> Define {
    let span = span_of(&pair, offset);
    let mut mode = DefineMode::New;
    let mut name = None;
    let mut value = DefineValue::Strings(Vec::new());
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::define_mode => {
                mode = if p.as_str() == "extend" {
                    DefineMode::Extend
                } else {
                    DefineMode::Override
                }
            }
            Rule::ident => name = Some(spanned_str(&p, offset)),
            Rule::define_value => {
                let inner = p.into_inner().next().expect("define_value has a value");
                value = match inner.as_rule() {
                    Rule::regex_list => DefineValue::Regexes(
                        inner.into_inner().map(|r| regex_value(r, offset)).collect(),
                    ),
                    _ => DefineValue::Strings(string_list(inner, offset)),
                };
            }
            Rule::define_langs => {
                let mut langs = Vec::new();
                for lb in p.into_inner() {
                    let mut it = lb.into_inner();
                    let names = it.next().expect("languages");
                    let formula = build_body(it.next().expect("body"), offset);
                    for l in names.into_inner() {
                        let language = spanned_str(&l, offset);
                        langs.push(LangFormula {
                            language,
                            formula: formula.clone(),
                        });
                    }
                }
                value = DefineValue::Formulas(langs);
            }
            _ => {}
        }
    }
    Define {
        mode,
        name: name.expect("define has a name"),
        value,
        span,
    }
}

fn string_list(pair: Pair<Rule>, offset: usize) -> Vec<Spanned<String>> {
    pair.into_inner().map(|s| text_value(s, offset)).collect()
}

fn build_rule(pair: Pair<Rule>, offset: usize) -> Rule_ {
    let span = span_of(&pair, offset);
    let mut items = pair.into_inner();
    let id = spanned_str(&items.next().expect("rule id"), offset);
    let mut rule = Rule_ {
        id,
        span,
        title: None,
        kind: None,
        severity: None,
        category: None,
        criteria: Vec::new(),
        cwe: Vec::new(),
        message: None,
        fix: None,
        secrets: Vec::new(),
        include: Vec::new(),
        exclude: Vec::new(),
        matches: Vec::new(),
        doc: None,
        tests: Vec::new(),
        duplicates: Vec::new(),
    };
    for item in items {
        let item_span = span_of(&item, offset);
        let kind = item.as_rule();
        let mut inner = item.into_inner();
        let set_once = |slot: &mut Option<Spanned<String>>, value: Spanned<String>, name: &str| {
            if slot.is_some() {
                rule_dup(name, item_span)
            } else {
                *slot = Some(value);
                None
            }
        };
        let dup = match kind {
            Rule::title_item => {
                let v = text_value(inner.next().expect("title"), offset);
                set_once(&mut rule.title, v, "title")
            }
            Rule::severity_item => {
                let v = spanned_str(&inner.next().expect("severity"), offset);
                set_once(&mut rule.severity, v, "severity")
            }
            Rule::kind_item => {
                let v = spanned_str(&inner.next().expect("kind"), offset);
                set_once(&mut rule.kind, v, "kind")
            }
            Rule::category_item => {
                let v = spanned_str(&inner.next().expect("category"), offset);
                set_once(&mut rule.category, v, "category")
            }
            Rule::message_item => {
                let v = text_value(inner.next().expect("message"), offset);
                set_once(&mut rule.message, v, "message")
            }
            Rule::fix_item => {
                let v = text_value(inner.next().expect("fix"), offset);
                set_once(&mut rule.fix, v, "fix")
            }
            Rule::doc_item => {
                let v = text_value(inner.next().expect("doc"), offset);
                set_once(&mut rule.doc, v, "doc")
            }
            Rule::criteria_item => {
                rule.criteria.extend(inner.map(|p| spanned_str(&p, offset)));
                None
            }
            Rule::cwe_item => {
                for p in inner {
                    let digits: String =
                        p.as_str().chars().filter(|c| c.is_ascii_digit()).collect();
                    let n = digits.parse::<u32>().unwrap_or(0);
                    rule.cwe.push(Spanned::new(n, span_of(&p, offset)));
                }
                None
            }
            Rule::secret_item => {
                rule.secrets.extend(inner.map(|p| spanned_str(&p, offset)));
                None
            }
            Rule::paths_item => {
                for p in inner {
                    let is_include = p.as_rule() == Rule::path_include;
                    let globs = p.into_inner().map(|s| {
                        if s.as_rule() == Rule::reference {
                            let r = reference_name(&s, offset);
                            Spanned::new(format!("{REF_PREFIX}{}", r.value), r.span)
                        } else {
                            text_value(s, offset)
                        }
                    });
                    if is_include {
                        rule.include.extend(globs);
                    } else {
                        rule.exclude.extend(globs);
                    }
                }
                None
            }
            Rule::match_item => {
                let names = inner.next().expect("languages");
                let body = inner.next().expect("match body");
                let formula = match body.as_rule() {
                    Rule::pattern_lit => Formula::Pattern(PatternSrc {
                        text: pattern_value(body, offset),
                        select: None,
                    }),
                    _ => build_body(body, offset),
                };
                // `match javascript, typescript { … }` is one block per language.
                for l in names.into_inner() {
                    let language = spanned_str(&l, offset);
                    rule.matches.push(LangFormula {
                        language,
                        formula: formula.clone(),
                    });
                }
                None
            }
            Rule::test_item => {
                let target = inner.next().expect("test target");
                let target_is_file = target.as_rule() == Rule::string;
                let target = if target_is_file {
                    text_value(target, offset)
                } else {
                    spanned_str(&target, offset)
                };
                let block = inner.next().expect("test block");
                let body_pair = block.into_inner().next().expect("block body");
                let body = spanned_str(&body_pair, offset);
                rule.tests.push(InlineTest {
                    target,
                    target_is_file,
                    body,
                });
                None
            }
            _ => None,
        };
        if let Some(d) = dup {
            rule.duplicates.push(d);
        }
    }
    rule
}

type Rule_ = crate::ast::Rule;

fn rule_dup(name: &str, span: Span) -> Option<Spanned<String>> {
    Some(Spanned::new(name.to_string(), span))
}

/// A `{ … }` body: an implicit `all` of its clauses.
fn build_body(pair: Pair<Rule>, offset: usize) -> Formula {
    let span = span_of(&pair, offset);
    let clauses: Vec<Formula> = pair.into_inner().map(|c| build_clause(c, offset)).collect();
    Formula::All(clauses, span)
}

fn build_clause(pair: Pair<Rule>, offset: usize) -> Formula {
    let span = span_of(&pair, offset);
    match pair.as_rule() {
        Rule::pattern_clause => {
            let mut it = pair.into_inner();
            let text = pattern_value(it.next().expect("pattern"), offset);
            let select = it
                .next()
                .and_then(|s| s.into_inner().next())
                .map(|k| spanned_str(&k, offset));
            Formula::Pattern(PatternSrc { text, select })
        }
        Rule::dominance_clause => {
            let mut it = pair.into_inner();
            let post = it.next().is_some_and(|d| d.as_str() == "post-dominated");
            let inner = it.next().expect("dominance operand");
            let by = match inner.as_rule() {
                Rule::pattern_lit => Formula::Pattern(PatternSrc {
                    text: pattern_value(inner, offset),
                    select: None,
                }),
                _ => build_clause(inner, offset),
            };
            Formula::Dominated {
                by: Box::new(by),
                post,
                span,
            }
        }
        Rule::endpoint_clause => Formula::Endpoint(span),
        Rule::guarded_clause => {
            let inner = pair.into_inner().next().expect("guarded operand");
            let by = match inner.as_rule() {
                Rule::pattern_lit => Formula::Pattern(PatternSrc {
                    text: pattern_value(inner, offset),
                    select: None,
                }),
                _ => build_clause(inner, offset),
            };
            Formula::Guarded {
                by: Box::new(by),
                span,
            }
        }
        Rule::focus_clause => Formula::Focus(
            spanned_str(&pair.into_inner().next().expect("metavar"), offset),
            span,
        ),
        Rule::regex_clause => Formula::Regex(regex_value(
            pair.into_inner().next().expect("regex"),
            offset,
        )),
        Rule::any_clause => match build_body(pair.into_inner().next().expect("body"), offset) {
            Formula::All(items, _) => Formula::Any(items, span),
            other => other,
        },
        Rule::all_clause => match build_body(pair.into_inner().next().expect("body"), offset) {
            Formula::All(items, _) => Formula::All(items, span),
            other => other,
        },
        Rule::not_clause => {
            let inner = pair.into_inner().next().expect("not operand");
            Formula::Not(Box::new(build_clause(inner, offset)), span)
        }
        Rule::inside_clause => {
            let inner = pair.into_inner().next().expect("inside operand");
            let f = match inner.as_rule() {
                Rule::pattern_lit => Formula::Pattern(PatternSrc {
                    text: pattern_value(inner, offset),
                    select: None,
                }),
                _ => build_clause(inner, offset),
            };
            Formula::Inside(Box::new(f), span)
        }
        Rule::use_clause => Formula::Use(spanned_str(
            &pair.into_inner().next().expect("name"),
            offset,
        )),
        Rule::files_clause => Formula::Files(
            pair.into_inner().map(|s| text_value(s, offset)).collect(),
            span,
        ),
        Rule::beside_clause => Formula::Beside(
            pair.into_inner().map(|s| text_value(s, offset)).collect(),
            span,
        ),
        Rule::where_clause => Formula::Where(
            build_cond(pair.into_inner().next().expect("cond"), offset),
            span,
        ),
        Rule::body => build_body(pair, offset),
        _ => Formula::All(Vec::new(), span),
    }
}

fn build_cond(pair: Pair<Rule>, offset: usize) -> Cond {
    match pair.as_rule() {
        Rule::cond => {
            let mut parts: Vec<Cond> = pair.into_inner().map(|p| build_cond(p, offset)).collect();
            if parts.len() == 1 {
                parts.pop().expect("one part")
            } else {
                Cond::Or(parts)
            }
        }
        Rule::cond_and => {
            let mut parts: Vec<Cond> = pair.into_inner().map(|p| build_cond(p, offset)).collect();
            if parts.len() == 1 {
                parts.pop().expect("one part")
            } else {
                Cond::And(parts)
            }
        }
        Rule::cond_not => {
            let mut inner = pair.into_inner();
            let first = inner.next().expect("cond_not has content");
            if first.as_rule() == Rule::negation {
                let rest = inner.next().expect("negated condition");
                Cond::Not(Box::new(build_cond(rest, offset)))
            } else {
                build_cond(first, offset)
            }
        }
        Rule::cond_atom => build_cond(pair.into_inner().next().expect("atom"), offset),
        Rule::cond_matches => {
            let mut it = pair.into_inner();
            let operand = build_operand(it.next().expect("operand"), offset);
            let (negated, regex) = negated_regex(&mut it, offset);
            Cond::Matches {
                operand,
                negated,
                regex,
            }
        }
        Rule::cond_in => {
            let mut it = pair.into_inner();
            let operand = build_operand(it.next().expect("operand"), offset);
            let mut next = it.next().expect("list");
            let negated = next.as_rule() == Rule::negation;
            if negated {
                next = it.next().expect("list");
            }
            let list = if next.as_rule() == Rule::reference {
                ListRef::Named(reference_name(&next, offset))
            } else {
                ListRef::Literal(string_list(next, offset))
            };
            Cond::In {
                operand,
                negated,
                list,
            }
        }
        Rule::cond_flows | Rule::cond_refers => {
            let flows = pair.as_rule() == Rule::cond_flows;
            let mut it = pair.into_inner();
            let metavar = spanned_str(&it.next().expect("metavar"), offset);
            let (negated, regex) = negated_regex(&mut it, offset);
            if flows {
                Cond::FlowsFrom {
                    metavar,
                    negated,
                    regex,
                }
            } else {
                Cond::RefersTo {
                    metavar,
                    negated,
                    regex,
                }
            }
        }
        Rule::cond_is => {
            let mut it = pair.into_inner();
            let metavar = spanned_str(&it.next().expect("metavar"), offset);
            let mut next = it.next().expect("kind");
            let negated = next.as_rule() == Rule::negation;
            if negated {
                next = it.next().expect("kind");
            }
            Cond::Is {
                metavar,
                negated,
                kind: spanned_str(&next, offset),
            }
        }
        Rule::cond_cmp => {
            let mut it = pair.into_inner();
            let left = build_operand(it.next().expect("left"), offset);
            let op = match it.next().expect("op").as_str() {
                ">" => CmpOp::Gt,
                ">=" => CmpOp::Ge,
                "<" => CmpOp::Lt,
                "<=" => CmpOp::Le,
                "==" => CmpOp::Eq,
                _ => CmpOp::Ne,
            };
            let right = build_operand(it.next().expect("right"), offset);
            Cond::Compare { left, op, right }
        }
        _ => Cond::And(Vec::new()),
    }
}

/// `[not] (/regex/ | @name)`, the tail of `matches` and `flows from`.
fn negated_regex(it: &mut pest::iterators::Pairs<Rule>, offset: usize) -> (bool, RegexRef) {
    let mut next = it.next().expect("regex");
    let negated = next.as_rule() == Rule::negation;
    if negated {
        next = it.next().expect("regex");
    }
    let regex = if next.as_rule() == Rule::reference {
        RegexRef::Named(reference_name(&next, offset))
    } else {
        RegexRef::Literal(regex_value(next, offset))
    };
    (negated, regex)
}

fn reference_name(pair: &Pair<Rule>, offset: usize) -> Spanned<String> {
    let s = spanned_str(pair, offset);
    Spanned::new(s.value.trim_start_matches('@').to_string(), s.span)
}

fn build_operand(pair: Pair<Rule>, offset: usize) -> Operand {
    let inner = pair.into_inner().next().expect("operand content");
    match inner.as_rule() {
        Rule::func_call => {
            let mut it = inner.into_inner();
            let name = it.next().expect("function").as_str().to_string();
            let mv = spanned_str(&it.next().expect("metavar"), offset);
            if name == "len" {
                Operand::Len(mv)
            } else {
                Operand::Entropy(mv)
            }
        }
        Rule::metavar => Operand::Metavar(spanned_str(&inner, offset)),
        Rule::number => Operand::Number(spanned_str(&inner, offset)),
        _ => Operand::Str(text_value(inner, offset)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every grammar rule has a name for users: no internal name such as
    /// `func_name` reaches a message.
    #[test]
    fn no_grammar_rule_is_shown_by_its_internal_name() {
        for r in Rule::all_rules() {
            let internal = format!("{r:?}");
            let shown = friendly_name(r);
            assert!(
                !shown.contains(&internal) || !internal.contains('_'),
                "{internal} is shown as {shown}"
            );
        }
        let (_, problems) = crate::parse_rule_file(
            "rule a {\n title \"A\"\n match python {\n pattern `f($X)`\n where foo($X) > 1\n }\n}\n",
        );
        for p in problems {
            assert!(!p.message.contains("func_name"), "{}", p.message);
        }
    }

    #[test]
    fn parses_a_rule_with_every_item() {
        let src = r#"
define secret_name = /(?i)pass(word)?/, /token/
extend define placeholder = ["changeme", "xxx"]

rule hardcoded-credential {
  title "Hard-coded credential"
  severity critical
  category access-control
  criteria CC6.1, CC6.7
  cwe CWE-798
  message "{$NAME} holds a credential"
  fix "Read it from the environment."
  secret $VALUE
  paths { include "**/*.py" exclude "tests/**" }
  match python {
    any {
      pattern `$NAME = $VALUE`
      pattern ```f($NAME=$VALUE)```
    }
    not inside `def test_$X(): ...`
    where $NAME matches @secret_name and not $VALUE in @placeholder
    where entropy($VALUE) > 3.0 or len($VALUE) >= 12
  }
  test python """
# ruleid: hardcoded-credential
password = "x"
"""
}
"#;
        let (file, problems) = parse_rule_file(src);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(file.defines.len(), 2);
        assert_eq!(file.defines[1].mode, DefineMode::Extend);
        let rule = &file.rules[0];
        assert_eq!(rule.id.value, "hardcoded-credential");
        assert_eq!(rule.criteria.len(), 2);
        assert_eq!(rule.cwe[0].value, 798);
        assert_eq!(rule.include[0].value, "**/*.py");
        assert_eq!(rule.tests.len(), 1);
        let Formula::All(clauses, _) = &rule.matches[0].formula else {
            panic!("match body is an all")
        };
        assert_eq!(clauses.len(), 4);
        let Formula::Any(alts, _) = &clauses[0] else {
            panic!("first clause is any")
        };
        let Formula::Pattern(p) = &alts[0] else {
            panic!("pattern")
        };
        assert_eq!(p.text.value, "$NAME = $VALUE");
        assert_eq!(&src[p.text.span.start..p.text.span.end], "$NAME = $VALUE");
        assert!(matches!(clauses[1], Formula::Not(..)));
        assert!(matches!(clauses[2], Formula::Where(Cond::And(_), _)));
        assert!(matches!(clauses[3], Formula::Where(Cond::Or(_), _)));
    }

    #[test]
    fn reports_one_syntax_error_per_broken_item() {
        let src =
            "rule a {\n  title \"x\n}\n\nrule b {\n  severity\n}\n\nrule c { title \"ok\" }\n";
        let (file, problems) = parse_rule_file(src);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(file.rules.len(), 1);
        assert_eq!(file.rules[0].id.value, "c");
        assert!(problems.iter().all(|p| p.code == "rule::syntax"));
        // The second error points inside rule b.
        assert!(problems[1].span.start > src.find("rule b").unwrap());
    }

    #[test]
    fn duplicate_items_are_recorded() {
        let (file, problems) = parse_rule_file("rule a { title \"x\" title \"y\" }");
        assert!(problems.is_empty());
        assert_eq!(file.rules[0].duplicates[0].value, "title");
    }

    #[test]
    fn regex_slashes_can_be_escaped() {
        let (file, problems) = parse_rule_file(r"define url = /https?:\/\/x/");
        assert!(problems.is_empty(), "{problems:?}");
        let DefineValue::Regexes(r) = &file.defines[0].value else {
            panic!()
        };
        assert_eq!(r[0].value, "https?://x");
    }
}
