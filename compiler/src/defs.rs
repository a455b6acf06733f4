//! Named definitions (`define`), merged across rule files in load order: the
//! bundled library first, then the user's files, which may `extend` or
//! `override` what came before without copying the rules that use it.

use std::collections::BTreeMap;

use soc2_grammar::ast::{Define, DefineMode, DefineValue, LangFormula, RuleFile, Spanned};
use soc2_grammar::Problem;

use crate::SourceProblem;

/// One definition's value, each part tagged with the rule file it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Def {
    Regexes(Vec<(usize, Spanned<String>)>),
    Strings(Vec<(usize, Spanned<String>)>),
    Formulas(Vec<(usize, LangFormula)>),
}

impl Def {
    fn kind_name(&self) -> &'static str {
        match self {
            Def::Regexes(_) => "a regex definition",
            Def::Strings(_) => "a list definition",
            Def::Formulas(_) => "a pattern definition",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Definitions {
    pub entries: BTreeMap<String, Def>,
    /// Where each name was first defined: (source, span).
    pub origins: BTreeMap<String, (usize, soc2_grammar::ast::Span)>,
}

impl Definitions {
    pub fn get(&self, name: &str) -> Option<&Def> {
        self.entries.get(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}

fn to_def(source: usize, value: &DefineValue) -> Def {
    match value {
        DefineValue::Regexes(r) => Def::Regexes(r.iter().map(|x| (source, x.clone())).collect()),
        DefineValue::Strings(s) => Def::Strings(s.iter().map(|x| (source, x.clone())).collect()),
        DefineValue::Formulas(f) => Def::Formulas(f.iter().map(|x| (source, x.clone())).collect()),
    }
}

/// Merges the definitions of `files` (source index, parsed file), in order.
/// `checked(source)`: whether that file's regexes are built now, so that
/// a mistake is reported (a user's file) rather than on first use (the
/// bundled files, which CI tests).
pub fn collect(
    files: &[(usize, &RuleFile)],
    checked: impl Fn(usize) -> bool,
) -> (Definitions, Vec<SourceProblem>) {
    let mut defs = Definitions::default();
    let mut problems = Vec::new();
    for &(source, file) in files {
        for d in &file.defines {
            if let Err(p) = apply(&mut defs, source, d) {
                problems.push(SourceProblem { source, problem: p });
            }
            if let DefineValue::Formulas(parts) = &d.value {
                for part in parts {
                    let name = &part.language.value;
                    if name != crate::compile::GENERIC && crate::lang::Lang::parse(name).is_none() {
                        problems.push(SourceProblem {
                            source,
                            problem: Problem::new(
                                "rule::unknown-language",
                                format!("unknown language `{name}`"),
                                part.language.span,
                            )
                            .label("not a language")
                            .help("a definition has parts for python, javascript, text, or generic (every language)"),
                        });
                    }
                }
            }
            // Regexes are checked where they are written.
            if let (DefineValue::Regexes(rs), true) = (&d.value, checked(source)) {
                for r in rs {
                    if let Err(p) = crate::compile::build_regex(r, true) {
                        problems.push(SourceProblem { source, problem: p });
                    }
                }
            }
        }
    }
    (defs, problems)
}

fn apply(defs: &mut Definitions, source: usize, d: &Define) -> Result<(), Problem> {
    let name = &d.name.value;
    let new = to_def(source, &d.value);
    match (d.mode, defs.entries.get_mut(name)) {
        (DefineMode::New, None) => {
            defs.entries.insert(name.clone(), new);
            defs.origins.insert(name.clone(), (source, d.name.span));
            Ok(())
        }
        (DefineMode::New, Some(_)) => Err(Problem::new(
            "rule::duplicate-define",
            format!("`{name}` is already defined"),
            d.name.span,
        )
        .label("defined again here")
        .help(format!(
            "to change it, write `override define {name} = …`; to add to it, `extend define {name} = …`"
        ))),
        (DefineMode::Extend | DefineMode::Override, None) => Err(Problem::new(
            "rule::unknown-define",
            format!("there is no definition `{name}` to {}", mode_verb(d.mode)),
            d.name.span,
        )
        .label("not defined before this")
        .help("define it first with `define NAME = …`, or check the spelling")),
        (DefineMode::Override, Some(existing)) => {
            if std::mem::discriminant(existing) != std::mem::discriminant(&new) {
                return Err(kind_mismatch(name, existing, &new, d));
            }
            *existing = new;
            Ok(())
        }
        (DefineMode::Extend, Some(existing)) => match (existing, new) {
            (Def::Regexes(a), Def::Regexes(b)) => {
                a.extend(b);
                Ok(())
            }
            (Def::Strings(a), Def::Strings(b)) => {
                a.extend(b);
                Ok(())
            }
            (Def::Formulas(a), Def::Formulas(b)) => {
                a.extend(b);
                Ok(())
            }
            (existing, new) => Err(kind_mismatch(name, existing, &new, d)),
        },
    }
}

fn mode_verb(mode: DefineMode) -> &'static str {
    match mode {
        DefineMode::Extend => "extend",
        _ => "override",
    }
}

fn kind_mismatch(name: &str, existing: &Def, new: &Def, d: &Define) -> Problem {
    Problem::new(
        "rule::define-kind",
        format!(
            "`{name}` is {}, but this is {}",
            existing.kind_name(),
            new.kind_name()
        ),
        d.span,
    )
    .label(format!("{} `{name}`", mode_verb(d.mode)))
    .help("an extension or override must have the same kind as the definition")
}
