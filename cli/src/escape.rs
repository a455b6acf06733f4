//! Text from the scanned tree (file names, snippets, messages that quote
//! code) is shown to people: in a terminal, where control characters and
//! escape sequences could rewrite the screen or the window title, and in
//! Markdown pull-request comments, where HTML, links and code spans could
//! change what the comment says. One place escapes it for each.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is: control
/// characters (tab aside) and the bidirectional overrides that make code
/// read differently from what it is.
fn unsafe_for_terminal(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with control characters shown as escapes (`\x1b`, `\u{202e}`).
pub fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_for_terminal) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_for_terminal(c) {
            match c as u32 {
                n @ 0..=0xff => out.push_str(&format!("\\x{n:02x}")),
                n => out.push_str(&format!("\\u{{{n:x}}}")),
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` as literal text in a Markdown table cell: HTML and code spans
/// neutralised, formatting characters escaped, one line.
pub fn markdown(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(s.len() + 8);
    for c in terminal(&one_line).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '`' => out.push_str("&#96;"),
            '|' | '\\' | '[' | ']' | '*' | '_' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_are_shown_not_sent() {
        assert_eq!(terminal("a.py"), "a.py");
        assert_eq!(
            terminal("e\u{1b}]0;x\u{7}v\u{1b}[2J"),
            "e\\x1b]0;x\\x07v\\x1b[2J"
        );
        assert_eq!(terminal("if x\u{202e} y"), "if x\\u{202e} y");
        assert_eq!(terminal("a\tb"), "a\tb");
    }

    #[test]
    fn markdown_is_literal() {
        assert_eq!(markdown("a|b\nc"), "a\\|b c");
        assert_eq!(
            markdown("<img src=x onerror=alert(1)> `code` [x](javascript:y)"),
            "&lt;img src=x onerror=alert(1)&gt; &#96;code&#96; \\[x\\](javascript:y)"
        );
        assert_eq!(markdown("snake_case"), "snake\\_case");
    }
}
