//! Positions and URIs for the language server: byte offsets to LSP
//! positions (UTF-16 code units, as the protocol's default says) and back,
//! and `file:` URIs to paths and back.

use std::path::{Path, PathBuf};

/// The byte offset of each line's start, for one text.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            // A lone `\r` ends a line too, as the scanner reads it.
            if *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineIndex { text, starts }
    }

    /// The LSP position (line, UTF-16 column) of a byte offset.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col: usize = self.text[start..end].chars().map(char::len_utf16).sum();
        (line as u32, col as u32)
    }

    /// The byte offset of an LSP position (clamped to the line and text).
    pub fn offset(&self, line: u32, character: u32) -> usize {
        let Some(&start) = self.starts.get(line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(line as usize + 1)
            .copied()
            .unwrap_or(self.text.len());
        let mut units = 0u32;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= character || c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        end
    }

    /// An LSP range as JSON.
    pub fn range(&self, start: usize, end: usize) -> serde_json::Value {
        let (a, b) = self.position(start);
        let (c, d) = self.position(end);
        serde_json::json!({
            "start": { "line": a, "character": b },
            "end": { "line": c, "character": d },
        })
    }
}

/// The `file:` URI of an absolute path, percent-encoded.
pub fn uri_of(path: &Path) -> String {
    let mut out = String::from("file://");
    let s = path.to_string_lossy();
    for b in s.bytes() {
        let plain = b.is_ascii_alphanumeric() || b"/-._~".contains(&b);
        if plain {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The path of a `file:` URI (`None` for other schemes).
pub fn path_of(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file://host/path`: only the local host.
    let rest = match rest.strip_prefix("localhost") {
        Some(r) => r,
        None => rest,
    };
    if !rest.starts_with('/') {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8_lossy(&out).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let text = "a = 1\nb = \"é😀\" + x\r\nlast";
        let ix = LineIndex::new(text);
        assert_eq!(ix.position(0), (0, 0));
        let x = text.find('x').unwrap();
        // `b = "` is 5 units, é one, 😀 two, `" + ` four: x at 12.
        assert_eq!(ix.position(x), (1, 12));
        assert_eq!(ix.offset(1, 12), x);
        assert_eq!(ix.position(text.len()), (2, 4));
        assert_eq!(ix.offset(9, 0), text.len());
        assert_eq!(ix.offset(0, 99), 5, "clamped to the line");
        let lone = LineIndex::new("a\rb");
        assert_eq!(lone.position(2), (1, 0));
    }

    #[test]
    fn uris_round_trip_with_spaces_and_unicode() {
        let p = Path::new("/work/my app/é.py");
        let u = uri_of(p);
        assert_eq!(u, "file:///work/my%20app/%C3%A9.py");
        assert_eq!(path_of(&u).unwrap(), p);
        assert_eq!(path_of("untitled:Untitled-1"), None);
        assert_eq!(path_of("file:///a%2"), Some(PathBuf::from("/a%2")));
    }
}
