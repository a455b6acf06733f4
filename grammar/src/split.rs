//! Splits a rule file into top-level items before parsing, so that a syntax
//! error in one item does not stop the others from being parsed (pest stops at
//! the first error it meets).
//!
//! An item starts at a line that begins, in column 0, with `rule`, `define`,
//! `extend` or `override`, outside any string, text block or code pattern.

const ITEM_KEYWORDS: [&str; 4] = ["rule", "define", "extend", "override"];

/// Byte ranges of the items; together they cover the whole text.
pub fn split_items(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut starts = vec![0usize];
    let mut i = 0;
    let mut at_line_start = true;
    while i < bytes.len() {
        if at_line_start && i > 0 && text.get(i..).is_some_and(starts_item) {
            starts.push(i);
        }
        at_line_start = false;
        // Bytes, not `str`: `i` steps over multi-byte characters one byte
        // at a time.
        let rest = &bytes[i..];
        if rest.starts_with(b"\"\"\"") {
            i = skip_past(text, i + 3, "\"\"\"");
        } else if rest.starts_with(b"```") {
            i = skip_past(text, i + 3, "```");
        } else if bytes[i] == b'`' {
            i = skip_line_delimited(bytes, i + 1, b'`');
        } else if bytes[i] == b'"' {
            i = skip_line_delimited(bytes, i + 1, b'"');
        } else if bytes[i] == b'#' || rest.starts_with(b"//") {
            // A comment runs to the end of the line.
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else {
            if bytes[i] == b'\n' {
                at_line_start = true;
            }
            i += 1;
        }
    }
    let mut ranges = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(text.len());
        ranges.push((s, e));
    }
    ranges
}

/// How deep brackets (`{`, `(`, `[`) may nest in one item. The parser and
/// the compiler recurse once per level; a bound keeps a hostile rule file
/// from overflowing the stack.
pub const MAX_NESTING: usize = 100;

/// Where the brackets of `item` first nest deeper than `MAX_NESTING`,
/// outside strings, text blocks, code patterns, regexes and comments.
pub fn too_deep(item: &str) -> Option<usize> {
    let bytes = item.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    // The last significant byte: a `/` after one of these starts a regex.
    let mut last = b'{';
    while i < bytes.len() {
        let rest = &bytes[i..];
        let b = bytes[i];
        if rest.starts_with(b"\"\"\"") {
            i = skip_past(item, i + 3, "\"\"\"");
        } else if rest.starts_with(b"```") {
            i = skip_past(item, i + 3, "```");
        } else if b == b'`' || b == b'"' {
            i = skip_line_delimited(bytes, i + 1, b);
        } else if b == b'#' || rest.starts_with(b"//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if b == b'/' && !last.is_ascii_digit() && last != b')' {
            i = skip_line_delimited(bytes, i + 1, b'/');
        } else {
            match b {
                b'{' | b'(' | b'[' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some(i);
                    }
                }
                b'}' | b')' | b']' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if !b.is_ascii_whitespace() {
                last = b;
            }
            i += 1;
        }
    }
    None
}

fn starts_item(line: &str) -> bool {
    ITEM_KEYWORDS.iter().any(|kw| {
        line.starts_with(kw)
            && line[kw.len()..]
                .chars()
                .next()
                .is_some_and(|c| c == ' ' || c == '\t')
    })
}

/// Index just after the next `end` at or after `from`, or the end of text.
fn skip_past(text: &str, from: usize, end: &str) -> usize {
    match text
        .as_bytes()
        .get(from..)
        .and_then(|t| memfind(t, end.as_bytes()))
    {
        Some(k) => from + k + end.len(),
        None => text.len(),
    }
}

fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Skips a literal closed by `delim` on the same line (with `\` escapes).
/// An unclosed literal ends at the line end, which keeps the split going.
fn skip_line_delimited(bytes: &[u8], mut i: usize, delim: u8) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            b if b == delim => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `rules` fuzz target: stepping byte by byte through a
    /// multi-byte character sliced the text inside it.
    #[test]
    fn multi_byte_characters_anywhere() {
        for text in [
            "rule a { x\u{fffd}\"é\\é\" }\nrule b {}",
            "é\\",
            "\"\\é",
            "`é\\é`\n```é",
        ] {
            let items = split_items(text);
            assert_eq!(items.last().map(|r| r.1), Some(text.len()));
            let _ = too_deep(text);
        }
    }

    #[test]
    fn splits_at_items_but_not_inside_blocks() {
        let text =
            "rule a {\n doc \"\"\"\nrule not-an-item\n\"\"\"\n}\ndefine x = /y/\n  rule indented\n";
        let ranges = split_items(text);
        let items: Vec<&str> = ranges.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(items.len(), 2);
        assert!(items[0].contains("rule not-an-item"));
        assert!(items[1].starts_with("define x"));
    }
}
