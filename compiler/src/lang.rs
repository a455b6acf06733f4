//! The languages rules can target, their tree-sitter grammars and the files
//! that belong to them.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Python,
    JavaScript,
    /// Files without a grammar, matched line by line with regexes.
    Text,
}

impl Lang {
    pub const CODE: [Lang; 2] = [Lang::Python, Lang::JavaScript];

    pub fn parse(name: &str) -> Option<Lang> {
        match name {
            "python" | "py" => Some(Lang::Python),
            "javascript" | "js" | "jsx" => Some(Lang::JavaScript),
            "text" => Some(Lang::Text),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::JavaScript => "javascript",
            Lang::Text => "text",
        }
    }

    pub fn ts_language(self) -> Option<tree_sitter::Language> {
        match self {
            Lang::Python => Some(tree_sitter_python::LANGUAGE.into()),
            Lang::JavaScript => Some(tree_sitter_javascript::LANGUAGE.into()),
            Lang::Text => None,
        }
    }

    /// The language of a source file by its name, if soc2-check scans it as code.
    pub fn of_path(path: &str) -> Option<Lang> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("py") | Some("pyw") => Some(Lang::Python),
            Some("js") | Some("jsx") | Some("mjs") | Some("cjs") => Some(Lang::JavaScript),
            _ => None,
        }
    }

    /// The line-comment marker used for test annotations in fixtures.
    pub fn comment_markers(self) -> &'static [&'static str] {
        match self {
            Lang::Python => &["#"],
            Lang::JavaScript => &["//", "/*", "{/*"],
            Lang::Text => &["#", "//"],
        }
    }

    /// The file extension used for inline test fixtures.
    pub fn fixture_extension(self) -> &'static str {
        match self {
            Lang::Python => "py",
            Lang::JavaScript => "js",
            Lang::Text => "txt",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_by_extension() {
        assert_eq!(Lang::of_path("a/b/app.py"), Some(Lang::Python));
        assert_eq!(Lang::of_path("web/App.JSX"), Some(Lang::JavaScript));
        assert_eq!(Lang::of_path("x.cjs"), Some(Lang::JavaScript));
        assert_eq!(Lang::of_path(".env"), None);
        assert_eq!(Lang::of_path("Makefile"), None);
    }
}
#[cfg(test)]
mod debug_tree {
    #[test]
    fn print_tree() {
        let Ok(code) = std::env::var("TS_CODE") else {
            return;
        };
        let lang = if std::env::var("TS_LANG").as_deref() == Ok("js") {
            super::Lang::JavaScript
        } else {
            super::Lang::Python
        };
        let mut p = tree_sitter::Parser::new();
        p.set_language(&lang.ts_language().unwrap()).unwrap();
        let t = p.parse(&code, None).unwrap();
        println!("TREE {}", t.root_node().to_sexp());
    }
}
