//! Findings: what a rule reports at a place in a file, with secrets masked
//! and a fingerprint that survives lines moving.

use soc2_compiler::CompiledRule;

use crate::masking::{collapse_ws, masked, shorten, snippet_range, Masking};
use crate::matching::Match;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    pub rule_id: String,
    /// Relative to the scanned root, with `/` separators.
    pub path: String,
    pub start: Position,
    pub end: Position,
    pub start_byte: usize,
    pub end_byte: usize,
    /// The rule's message with captured values filled in (secrets masked).
    pub message: String,
    /// The first line of the match, with secrets masked.
    pub snippet: String,
    pub fingerprint: String,
    /// For a finding about an endpoint: what it is and how it was judged.
    pub endpoint: Option<EndpointInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EndpointInfo {
    pub method: String,
    pub path: String,
    /// Where the handler is: `views.py:12`, or `12` in the same file.
    pub handler: String,
    /// The code that runs before the handler, described.
    pub chain: Vec<String>,
    /// How a `guarded by` condition was established, for rules that ask
    /// for one.
    pub guard: Option<String>,
}

pub fn position(text: &str, byte: usize) -> Position {
    let byte = byte.min(text.len());
    let before = &text[..byte];
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    Position {
        line: before.matches('\n').count() + 1,
        column: text[line_start..byte].chars().count() + 1,
    }
}

/// Where a binding's value lies in the file: its value is its text, or a
/// part of it (a string literal's contents, an unquoted regex group).
fn value_range(text: &str, b: &crate::matching::Binding) -> (usize, usize) {
    let raw = &text[b.start..b.end];
    match raw.find(&*b.value) {
        Some(i) if !b.value.is_empty() => (b.start + i, b.start + i + b.value.len()),
        _ => (b.start, b.end),
    }
}

/// Builds the finding for a match of `rule` in `text`. Secrets are masked
/// where they are, so that the same text elsewhere on the line stays
/// readable: the rule's own secret captures, `file_secrets` (what any rule
/// captured as a secret in this file) and the literals `masking` says look
/// like credentials.
pub fn make_finding(
    rule: &CompiledRule,
    path: &str,
    text: &str,
    m: &Match,
    file_secrets: &[(usize, usize)],
    masking: Option<&Masking>,
) -> Finding {
    let mut secrets = secret_ranges(rule, text, m);
    secrets.extend_from_slice(file_secrets);
    let (snip_start, snip_end, cut_start, cut_end) = snippet_range(text, m.start);
    if let Some(mk) = masking {
        secrets.extend(mk.literals(text, snip_start, snip_end));
    }
    let mut message = String::new();
    let mut rest = rule.message.as_str();
    while let Some(i) = rest.find("{$") {
        message.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let n = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .count();
        if after[n..].starts_with('}') {
            let name = &after[..n];
            let value = match m.get(name) {
                // A computed value (an endpoint's full path, say) is not
                // in the text; it holds no secret.
                Some(b) if !b.value.is_empty() && !text[b.start..b.end].contains(&*b.value) => {
                    b.value.to_string()
                }
                Some(b) => {
                    let (s, e) = value_range(text, b);
                    let mut hidden = secrets.clone();
                    if let Some(mk) = masking {
                        hidden.extend(mk.literals(text, s, e.min(s + 4096)));
                    }
                    hidden.sort();
                    masked(text, s, e, &hidden)
                }
                None => String::new(),
            };
            message.push_str(&shorten(&collapse_ws(&value), 80));
            rest = &after[n + 1..];
        } else {
            message.push_str("{$");
            rest = after;
        }
    }
    message.push_str(rest);
    secrets.sort();
    let mut snippet = masked(text, snip_start, snip_end, &secrets)
        .trim_end()
        .to_string();
    if cut_start {
        snippet.insert(0, '…');
    }
    if cut_end {
        snippet.push('…');
    }
    Finding {
        rule_id: rule.id.clone(),
        path: path.to_string(),
        start: position(text, m.start),
        end: position(text, m.end),
        start_byte: m.start,
        end_byte: m.end,
        message,
        snippet,
        fingerprint: String::new(),
        endpoint: None,
    }
}

/// The ranges of `text` that `rule` captures as secrets in `m`.
pub fn secret_ranges(rule: &CompiledRule, text: &str, m: &Match) -> Vec<(usize, usize)> {
    rule.secrets
        .iter()
        .filter_map(|s| m.get(s))
        .filter(|b| !b.value.is_empty())
        .map(|b| value_range(text, b))
        .collect()
}

/// Gives each finding a fingerprint from its rule, path and the matched text
/// (white space folded), numbered among identical ones, so that it does not
/// change when lines move. Secrets enter only through a hash.
pub fn assign_fingerprints(findings: &mut [Finding], text: &str) {
    let mut seen: std::collections::HashMap<(String, u64), usize> = Default::default();
    for f in findings.iter_mut() {
        let matched = collapse_ws(&text[f.start_byte..f.end_byte]);
        let h = fnv1a(matched.as_bytes());
        let n = seen.entry((f.rule_id.clone(), h)).or_default();
        let key = format!("{}\0{}\0{:016x}\0{}", f.rule_id, f.path, h, n);
        *n += 1;
        f.fingerprint = format!("{:016x}", fnv1a(key.as_bytes()));
    }
}

/// FNV-1a, 64 bits: stable across Rust releases, unlike `DefaultHasher`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_characters() {
        let t = "ab\nçd = 1\n";
        assert_eq!(position(t, 0), Position { line: 1, column: 1 });
        assert_eq!(position(t, 6), Position { line: 2, column: 3 });
    }
}
