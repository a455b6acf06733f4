//! Inline suppressions: `soc2-ignore: RULE-ID reason` in a comment on the
//! finding's line or the line above. A reason is required: without one the
//! finding stays and a warning says why. A suppression that silences
//! nothing is reported as stale, so that they do not outlive the code.

/// One `soc2-ignore:` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub path: String,
    pub line: usize,
    pub rules: Vec<String>,
    pub reason: String,
}

/// A note about suppressions, printed with the report.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Notice {
    pub path: String,
    pub line: usize,
    pub message: String,
}

const MARKER: &str = "soc2-ignore:";

/// The suppressions written in `text`, by line (1-based).
pub fn parse(path: &str, text: &str) -> Vec<Suppression> {
    if !text.contains(MARKER) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(at) = line.find(MARKER) else {
            continue;
        };
        let rest = line[at + MARKER.len()..].trim();
        // Block comments end on the same line: `/* soc2-ignore: x why */`.
        let rest = rest
            .trim_end_matches("*/")
            .trim_end_matches("-->")
            .trim_end_matches("}")
            .trim();
        let (ids, reason) = match rest.find(char::is_whitespace) {
            Some(k) => (&rest[..k], rest[k..].trim()),
            None => (rest, ""),
        };
        let rules: Vec<String> = ids
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        out.push(Suppression {
            path: path.to_string(),
            line: i + 1,
            rules,
            reason: reason.to_string(),
        });
    }
    out
}

impl Suppression {
    /// Whether it applies to a finding of `rule` reported at `line`.
    pub fn covers(&self, rule: &str, line: usize) -> bool {
        (self.line == line || self.line + 1 == line) && self.rules.iter().any(|r| r == rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_in_any_syntax() {
        let text = "x = 1  # soc2-ignore: hardcoded-credential fixture for the docs\n\
                    // soc2-ignore: a,b  shared reason\n\
                    /* soc2-ignore: code-execution sandboxed */\n\
                    # soc2-ignore: weak-cipher\n";
        let s = parse("a.py", text);
        assert_eq!(s.len(), 4);
        assert_eq!(s[0].rules, ["hardcoded-credential"]);
        assert_eq!(s[0].reason, "fixture for the docs");
        assert_eq!(s[1].rules, ["a", "b"]);
        assert_eq!(s[1].reason, "shared reason");
        assert_eq!(s[2].reason, "sandboxed");
        assert_eq!(s[3].reason, "", "no reason");
        assert!(s[0].covers("hardcoded-credential", 1));
        assert!(s[0].covers("hardcoded-credential", 2), "the line below");
        assert!(!s[0].covers("hardcoded-credential", 3));
        assert!(!s[0].covers("weak-cipher", 1));
    }
}
