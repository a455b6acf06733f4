//! The regexes of rules. Building a regex's automaton is most of what
//! compiling the rule set costs (a few hundred regexes, case-insensitive
//! ones the dearest), and a scan runs few of them on most files: bundled
//! rules, which CI tests, build theirs on first use. A user's regexes are
//! built at compile time, so that a mistake is a diagnostic there.

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use regex::Regex;

/// A regex in multi-line mode, built now or on first use; the same text is
/// built once per process.
#[derive(Clone, Debug)]
pub struct Re {
    source: Arc<str>,
    built: Arc<OnceLock<Regex>>,
}

/// Builds `source` (memoised: the same regex is in many rules).
pub fn build(source: &str) -> Result<Regex, regex::Error> {
    static REGEXES: crate::memo::Memo<String, Result<Regex, regex::Error>> =
        crate::memo::Memo::new();
    REGEXES.get(source.to_string(), || {
        regex::RegexBuilder::new(source)
            .multi_line(true)
            .size_limit(1 << 22)
            .build()
    })
}

impl Re {
    /// A regex built on first use.
    pub fn lazy(source: &str) -> Re {
        Re {
            source: Arc::from(source),
            built: Arc::new(OnceLock::new()),
        }
    }

    /// A regex built already.
    pub fn built(regex: Regex) -> Re {
        let cell = OnceLock::new();
        let source = Arc::from(regex.as_str());
        let _ = cell.set(regex);
        Re {
            source,
            built: Arc::new(cell),
        }
    }

    /// The regex's text, without building it.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The names of its capture groups, in order, without building it.
    pub fn group_names(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Ok(ast) = regex_syntax::ast::parse::Parser::new().parse(&self.source) {
            group_names(&ast, &mut out);
        }
        out
    }
}

impl Deref for Re {
    type Target = Regex;

    /// The built regex. A lazy one that does not build (which the tests of
    /// the bundled rules rule out) matches nothing rather than panicking.
    fn deref(&self) -> &Regex {
        self.built.get_or_init(|| {
            build(&self.source).unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("matches nothing"))
        })
    }
}

fn group_names(ast: &regex_syntax::ast::Ast, out: &mut Vec<String>) {
    use regex_syntax::ast::{Ast, GroupKind};
    match ast {
        Ast::Group(g) => {
            if let GroupKind::CaptureName { name, .. } = &g.kind {
                out.push(name.name.clone());
            }
            group_names(&g.ast, out);
        }
        Ast::Concat(c) => c.asts.iter().for_each(|a| group_names(a, out)),
        Ast::Alternation(a) => a.asts.iter().for_each(|a| group_names(a, out)),
        Ast::Repetition(r) => group_names(&r.ast, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lazy_regex_is_built_on_first_use() {
        let re = Re::lazy(r"(?i)pass(?P<REST>\w+)|(?P<K>key)");
        assert!(re.built.get().is_none());
        assert_eq!(re.group_names(), ["REST", "K"]);
        assert_eq!(re.as_str(), r"(?i)pass(?P<REST>\w+)|(?P<K>key)");
        assert!(re.built.get().is_none());
        assert!(re.is_match("PASSword"));
        assert!(re.built.get().is_some());
    }

    #[test]
    fn a_lazy_regex_that_does_not_build_matches_nothing() {
        let re = Re::lazy("(unclosed");
        assert!(!re.is_match("(unclosed"));
        assert!(!re.is_match(""));
    }
}
