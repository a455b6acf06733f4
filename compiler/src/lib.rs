//! The soc2-check rule compiler: name resolution, checks against the criteria
//! catalog, code-pattern compilation and query plans. It does no I/O.

pub mod catalog;
pub mod compile;
pub mod defs;
pub mod lang;
mod memo;
pub mod pattern;
pub mod plan;
pub mod prefilter;
pub mod re;

use std::collections::BTreeMap;

pub use compile::compile_rule;
pub use defs::Definitions;
pub use plan::CompiledRule;
use soc2_grammar::ast::RuleFile;
use soc2_grammar::Problem;

/// A problem in rule file number `source` of the rule set being compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceProblem {
    pub source: usize,
    pub problem: Problem,
}

/// Rule ids given more than once across the rule set. Each repeat is
/// reported where it is written.
pub fn duplicate_rule_ids(files: &[(usize, &RuleFile)]) -> Vec<SourceProblem> {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for &(source, file) in files {
        for rule in &file.rules {
            if let Some(&prev) = first.get(rule.id.value.as_str()) {
                let where_ = if prev == source {
                    "earlier in this file"
                } else {
                    "in another rule file"
                };
                out.push(SourceProblem {
                    source,
                    problem: Problem::new(
                        "rule::duplicate-id",
                        format!("rule id `{}` is already used {where_}", rule.id.value),
                        rule.id.span,
                    )
                    .label("duplicate id")
                    .help("rule ids are unique across the bundled rules and yours; rename this one, or run with --no-stdlib to replace the bundled rules"),
                });
            } else {
                first.insert(&rule.id.value, source);
            }
        }
    }
    out
}

/// Parses and compiles a whole rule set at once (the engine does the same
/// step by step, cached). Sources are (name, text) in load order.
pub fn compile_all(texts: &[&str]) -> (Vec<CompiledRule>, Vec<SourceProblem>) {
    let mut problems = Vec::new();
    let parsed: Vec<RuleFile> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (file, ps) = soc2_grammar::parse_rule_file(t);
            problems.extend(ps.into_iter().map(|p| SourceProblem {
                source: i,
                problem: p,
            }));
            file
        })
        .collect();
    let files: Vec<(usize, &RuleFile)> = parsed.iter().enumerate().collect();
    let (defs, ps) = defs::collect(&files, |_| true);
    problems.extend(ps);
    problems.extend(duplicate_rule_ids(&files));
    let mut rules = Vec::new();
    for &(i, file) in &files {
        for r in &file.rules {
            let (compiled, ps) = compile_rule(i, r, &defs, true, None);
            problems.extend(ps);
            rules.extend(compiled);
        }
    }
    (rules, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
define secret_name = /(?i)(password|secret|token)/
rule hardcoded-secret {
  title "Hard-coded secret"
  severity critical
  category access-control
  criteria CC6.1
  message "{$NAME} is hard-coded"
  secret $VALUE
  match python {
    pattern `$NAME = $VALUE:string`
    where $NAME matches @secret_name
  }
}
"#;

    #[test]
    fn compiles_a_good_rule_with_its_plan() {
        let (rules, problems) = compile_all(&[GOOD]);
        assert!(problems.is_empty(), "{problems:?}");
        let r = &rules[0];
        assert_eq!(r.plans[0].kinds, Some(vec!["assignment"]));
        let explained = r.explain();
        assert!(
            explained.contains("query: ((assignment left: (_) @NAME"),
            "{explained}"
        );
        assert!(explained.contains("where NAME matches"), "{explained}");
    }

    #[test]
    fn reports_every_mistake_with_a_span() {
        let bad = r#"
rule a {
  title "A"
  severity hihg
  category access-control
  criteria CC6.1, CC99.1
  message "{$X}"
  match python {
    pattern `eval($X`
    where $Y matches /(/
  }
}
"#;
        let (_, problems) = compile_all(&[bad]);
        let codes: Vec<&str> = problems.iter().map(|p| p.problem.code).collect();
        assert!(codes.contains(&"rule::unknown-severity"), "{codes:?}");
        assert!(codes.contains(&"rule::unknown-criterion"), "{codes:?}");
        assert!(codes.contains(&"rule::bad-pattern"), "{codes:?}");
        assert!(codes.contains(&"rule::bad-regex"), "{codes:?}");
        for p in &problems {
            assert!(p.problem.span.end <= bad.len());
            assert!(p.problem.help.is_some(), "{p:?}");
        }
    }

    #[test]
    fn user_files_extend_and_override_definitions() {
        let user = "extend define secret_name = /(?i)corp_key/\n";
        let (rules, problems) = compile_all(&[GOOD, user]);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(rules[0].explain().contains("corp_key"));
        let (_, problems) = compile_all(&[GOOD, "define secret_name = /x/\n"]);
        assert_eq!(problems[0].problem.code, "rule::duplicate-define");
        assert_eq!(problems[0].source, 1);
    }

    #[test]
    fn every_bundled_rule_compiles_with_its_queries() {
        let texts: Vec<&str> = soc2_stdlib_rules::rule_files()
            .map(|f| f.contents)
            .collect();
        let (rules, problems) = compile_all(&texts);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(rules.len() >= 13);
    }

    #[test]
    fn plans_are_compiled_for_the_grammars_asked_for() {
        let rule = r#"
rule two {
  title "Two"
  severity low
  category logging
  criteria CC7.2
  message "{$X}"
  match python { pattern `eval($X)` }
  match javascript { pattern `eval($X)` }
  match text { files ".env"
    regex /(?P<X>eval)/ }
}
"#;
        let (file, problems) = soc2_grammar::parse_rule_file(rule);
        assert!(problems.is_empty(), "{problems:?}");
        let files = [(0, &file)];
        let (defs, _) = defs::collect(&files, |_| true);
        let langs = |grammars: Option<&[lang::Lang]>| {
            let (r, problems) = compile_rule(0, &file.rules[0], &defs, false, grammars);
            assert!(problems.is_empty(), "{problems:?}");
            r.unwrap().plans.iter().map(|p| p.lang).collect::<Vec<_>>()
        };
        use lang::Lang::*;
        assert_eq!(langs(None), [Python, JavaScript, Text]);
        assert_eq!(langs(Some(&[JavaScript])), [JavaScript, Text]);
        assert_eq!(langs(Some(&[])), [Text]);
    }

    #[test]
    fn duplicate_rule_ids_are_errors() {
        let (_, problems) = compile_all(&[
            GOOD,
            GOOD.replace("define secret_name", "define other").as_str(),
        ]);
        assert!(problems
            .iter()
            .any(|p| p.problem.code == "rule::duplicate-id" && p.source == 1));
    }

    fn rule_with(body: &str) -> String {
        format!("rule r {{\n  title \"R\"\n  severity low\n  category logging\n  criteria CC7.2\n  message \"m\"\n  {body}\n}}\n")
    }

    /// One mistake in a block for several grammars is one problem that
    /// names the languages and says why, not one per grammar.
    #[test]
    fn a_pattern_that_does_not_parse_is_one_problem_with_a_reason() {
        let (_, problems) = compile_all(&[&rule_with("match javascript, typescript `foo(`")]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let m = &problems[0].problem.message;
        assert!(m.contains("javascript and typescript"), "{m}");
        assert!(m.contains("`(` is never closed"), "{m}");
        let (_, problems) = compile_all(&[&rule_with("match python `foo(a))`")]);
        assert!(
            problems[0]
                .problem
                .message
                .contains("`)` closes no open bracket"),
            "{problems:?}"
        );
    }

    /// `guarded by` outside an `endpoint` block would keep (or drop) every
    /// match: it is a mistake, not a filter.
    #[test]
    fn guarded_by_needs_an_endpoint() {
        let (_, problems) = compile_all(&[&rule_with(
            "match javascript {\n pattern `foo($X)`\n not guarded by { regex /auth/ }\n }",
        )]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].problem.code, "rule::guarded-without-endpoint");
    }

    /// Without the bundled rules no framework model is loaded, and the
    /// message says so instead of asking for a part for one language.
    #[test]
    fn an_endpoint_rule_without_any_framework_model_says_why() {
        let (_, problems) = compile_all(&[&rule_with("match javascript {\n endpoint\n }")]);
        assert_eq!(problems[0].problem.code, "rule::no-route-model");
        let help = problems[0].problem.help.as_deref().unwrap_or_default();
        assert!(
            problems[0].problem.message.contains("no framework model"),
            "{problems:?}"
        );
        assert!(help.contains("--no-stdlib"), "{help}");
    }
}
