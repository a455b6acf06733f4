//! Masking that does not depend on which rule reports a line: every snippet
//! and message hides the secrets any rule captured in the file, and string
//! literals that look like credentials by the rule set's own definitions
//! (`masked_value`: provider formats, key blocks; `masked_context`: the code
//! before a literal that makes it a credential, such as `password=` or
//! `jwt.sign(…,`) or by their randomness. What a credential looks like is
//! data in the rule files; this module only applies it to text.

use soc2_compiler::re::Re as Regex;

type Range = (usize, usize);

/// Longest snippet kept around a match, in bytes (a minified line or a file
/// with lone `\r` line ends is one long line).
pub const SNIPPET_MAX: usize = 320;
/// How much of the line before a literal its context regexes see.
const CONTEXT: usize = 80;

/// The compiled `masked_value` and `masked_context` definitions.
#[derive(Debug, Default)]
pub struct Masking {
    pub values: Vec<Regex>,
    pub contexts: Vec<Regex>,
}

impl Masking {
    /// Whether the literal `value`, preceded on its line by `before`, looks
    /// like a credential.
    fn hides(&self, before: &str, value: &str) -> bool {
        if value.chars().count() < 4 || value.chars().all(|c| c == '*' || c == '•') {
            return false;
        }
        if self.values.iter().any(|r| r.is_match(value)) {
            return true;
        }
        let tail = &before[before.floor_char_boundary(before.len().saturating_sub(CONTEXT))..];
        if self.contexts.iter().any(|r| r.is_match(tail)) {
            return true;
        }
        looks_random(value)
    }

    /// The literals of `text[start..end]` that look like credentials, as
    /// ranges of `text` (their contents, quotes left out).
    pub fn literals(&self, text: &str, start: usize, end: usize) -> Vec<Range> {
        let mut out = Vec::new();
        let line_start = text[..start]
            .rfind(['\n', '\r'])
            .map(|i| i + 1)
            .unwrap_or(0);
        let bytes = text.as_bytes();
        let mut i = start;
        while i < end {
            let q = bytes[i];
            if !matches!(q, b'"' | b'\'' | b'`') {
                i += 1;
                continue;
            }
            // The closing quote on the same line, escapes skipped.
            let mut j = i + 1;
            while j < end && bytes[j] != q && bytes[j] != b'\n' && bytes[j] != b'\r' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            if j >= end || bytes[j] != q {
                i += 1;
                continue;
            }
            let (s, e) = (i + 1, j);
            if text.is_char_boundary(s)
                && text.is_char_boundary(e)
                && self.hides(&text[line_start..i], &text[s..e])
            {
                out.push((s, e));
            }
            i = j + 1;
        }
        out
    }
}

/// A value that reads as random: long, no spaces, letters and digits mixed,
/// and more than 3.5 bits of entropy per character. URLs and paths are left
/// readable.
pub fn looks_random(v: &str) -> bool {
    let n = v.chars().count();
    if n < 16 || v.contains(char::is_whitespace) || v.contains("://") || v.starts_with(['/', '.']) {
        return false;
    }
    let letters = v.chars().any(|c| c.is_ascii_alphabetic());
    let digits = v.chars().any(|c| c.is_ascii_digit());
    letters && digits && entropy(v) > 3.5
}

/// Shannon entropy in bits per character.
pub fn entropy(v: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    let mut n = 0.0;
    for c in v.chars() {
        *counts.entry(c).or_insert(0.0) += 1.0;
        n += 1.0;
    }
    counts
        .values()
        .map(|&k: &f64| {
            let p = k / n;
            -p * p.log2()
        })
        .sum()
}

/// `text[start..end]` with every range in `secrets` that overlaps it masked
/// (clipped to it, so a secret spanning lines is masked on each). `secrets`
/// is sorted; overlapping ranges are merged on the way.
pub fn masked(text: &str, start: usize, end: usize, secrets: &[Range]) -> String {
    let mut out = String::new();
    let mut at = start;
    for &(s, e) in secrets {
        let (s, e) = (s.max(at), e.min(end));
        if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        out.push_str(&text[at..s]);
        out.push_str(&mask_secret(&text[s..e]));
        at = e;
    }
    out.push_str(&text[at..end]);
    out
}

/// The line around byte `at`, cut to [`SNIPPET_MAX`] bytes around it, as a
/// range of `text`, and whether it was cut at each end. `\n`, `\r\n` and a
/// lone `\r` all end a line.
pub fn snippet_range(text: &str, at: usize) -> (usize, usize, bool, bool) {
    let at = at.min(text.len());
    let line_start = text[..at].rfind(['\n', '\r']).map(|i| i + 1).unwrap_or(0);
    let line_end = text[at..]
        .find(['\n', '\r'])
        .map(|i| at + i)
        .unwrap_or(text.len());
    if line_end - line_start <= SNIPPET_MAX {
        return (line_start, line_end, false, false);
    }
    let from = text.floor_char_boundary(at.saturating_sub(SNIPPET_MAX / 4).max(line_start));
    let to = text.floor_char_boundary((from + SNIPPET_MAX).min(line_end));
    (from, to, from > line_start, to < line_end)
}

/// Masks a secret, keeping a short prefix so that a person can tell which
/// value it was: `AKIA************`.
pub fn mask_secret(value: &str) -> String {
    let n = value.chars().count();
    let keep = match n {
        0..=5 => 0,
        6..=11 => 2,
        _ => 4,
    };
    let prefix: String = value.chars().take(keep).collect();
    let stars = (n - keep).clamp(3, 12);
    format!("{prefix}{}", "*".repeat(stars))
}

pub(crate) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_a_short_prefix() {
        assert_eq!(mask_secret("AKIAIOSFODNN7EXAMPLE"), "AKIA************");
        assert_eq!(mask_secret("hunter2"), "hu*****");
        assert_eq!(mask_secret("abc"), "***");
    }

    fn masking() -> Masking {
        Masking {
            values: vec![Regex::lazy(r"^AKIA[0-9A-Z]{16}$")],
            contexts: vec![
                Regex::lazy(r"(?i)(password|secret)\w*['\x22]?\s*[:=]\s*$"),
                Regex::lazy(r"(?i)\bjwt\.sign\([^()]*,\s*$"),
            ],
        }
    }

    fn hide(line: &str) -> String {
        let m = masking();
        masked(line, 0, line.len(), &m.literals(line, 0, line.len()))
    }

    #[test]
    fn literals_are_masked_by_context_format_and_randomness() {
        assert_eq!(
            hide(r#"app.use(session({ secret: 'keyboard cat' }))"#),
            "app.use(session({ secret: 'keyb********' }))"
        );
        assert_eq!(
            hide(r#"jwt.sign(payload, "s3cr3t-value", opts)"#),
            r#"jwt.sign(payload, "s3cr********", opts)"#
        );
        let key = format!("AKIA{}", "Q".repeat(16));
        assert_eq!(hide(&format!("x = '{key}'")), "x = 'AKIA************'");
        assert_eq!(
            hide("token = 'Zq8Lm3Xv9Rt2Wb7Kp4Nd'"),
            "token = 'Zq8L************'"
        );
        // Ordinary strings stay readable.
        assert_eq!(
            hide(r#"log.info("user signed in", user_id)"#),
            r#"log.info("user signed in", user_id)"#
        );
        assert_eq!(
            hide(r#"fetch("https://api.example.com/v1/items?page=2")"#),
            r#"fetch("https://api.example.com/v1/items?page=2")"#
        );
    }

    #[test]
    fn snippets_are_cut_around_the_match() {
        let line = format!("{}MATCH{}", "a".repeat(5000), "b".repeat(5000));
        let (s, e, cut_start, cut_end) = snippet_range(&line, 5000);
        assert!(e - s <= SNIPPET_MAX && cut_start && cut_end);
        assert!(line[s..e].contains("MATCH"));
        // Lone carriage returns end lines too.
        let text = "one\rtwo MATCH\rthree";
        let (s, e, _, _) = snippet_range(text, 8);
        assert_eq!(&text[s..e], "two MATCH");
    }
}
