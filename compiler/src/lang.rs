//! The languages rules can target, their tree-sitter grammars and the files
//! that belong to them.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Python,
    JavaScript,
    /// `.ts` files (TypeScript's grammar, which has no JSX).
    TypeScript,
    /// `.tsx` files (TypeScript with JSX).
    Tsx,
    /// Files without a grammar, matched line by line with regexes.
    Text,
}

impl Lang {
    pub const CODE: [Lang; 4] = [Lang::Python, Lang::JavaScript, Lang::TypeScript, Lang::Tsx];

    /// The language a rule names. `typescript` stands for both of its
    /// grammars; see [`Lang::expand`].
    pub fn parse(name: &str) -> Option<Lang> {
        match name {
            "python" | "py" => Some(Lang::Python),
            "javascript" | "js" | "jsx" => Some(Lang::JavaScript),
            "typescript" | "ts" => Some(Lang::TypeScript),
            "tsx" => Some(Lang::Tsx),
            "text" => Some(Lang::Text),
            _ => None,
        }
    }

    /// The grammars a language named in a rule covers: `typescript` is
    /// written once and compiled for `.ts` and `.tsx` files alike.
    pub fn expand(self) -> &'static [Lang] {
        match self {
            Lang::Python => &[Lang::Python],
            Lang::JavaScript => &[Lang::JavaScript],
            Lang::TypeScript => &[Lang::TypeScript, Lang::Tsx],
            Lang::Tsx => &[Lang::Tsx],
            Lang::Text => &[Lang::Text],
        }
    }

    /// JavaScript and the TypeScript grammars built on it share their
    /// syntax for everything the engine reads itself (imports, functions,
    /// control flow, assignments).
    pub fn is_js_family(self) -> bool {
        matches!(self, Lang::JavaScript | Lang::TypeScript | Lang::Tsx)
    }

    /// The parts of a definition that serve this language, in order: a
    /// TypeScript file uses the definition's `typescript` parts and its
    /// `javascript` parts, whose syntax TypeScript shares.
    pub fn definition_sources(self) -> &'static [Lang] {
        match self {
            Lang::TypeScript => &[Lang::TypeScript, Lang::JavaScript],
            Lang::Tsx => &[Lang::Tsx, Lang::TypeScript, Lang::JavaScript],
            Lang::Python => &[Lang::Python],
            Lang::JavaScript => &[Lang::JavaScript],
            Lang::Text => &[Lang::Text],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::JavaScript => "javascript",
            Lang::TypeScript => "typescript",
            Lang::Tsx => "tsx",
            Lang::Text => "text",
        }
    }

    pub fn ts_language(self) -> Option<tree_sitter::Language> {
        match self {
            Lang::Python => Some(tree_sitter_python::LANGUAGE.into()),
            Lang::JavaScript => Some(tree_sitter_javascript::LANGUAGE.into()),
            Lang::TypeScript => Some(tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()),
            Lang::Tsx => Some(tree_sitter_typescript::LANGUAGE_TSX.into()),
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
            Some("ts") | Some("mts") | Some("cts") => Some(Lang::TypeScript),
            Some("tsx") => Some(Lang::Tsx),
            _ => None,
        }
    }

    /// The line-comment marker used for test annotations in fixtures.
    pub fn comment_markers(self) -> &'static [&'static str] {
        match self {
            Lang::Python => &["#"],
            Lang::JavaScript | Lang::TypeScript | Lang::Tsx => &["//", "/*", "{/*"],
            Lang::Text => &["#", "//"],
        }
    }

    /// The file extension used for inline test fixtures.
    pub fn fixture_extension(self) -> &'static str {
        match self {
            Lang::Python => "py",
            Lang::JavaScript => "js",
            Lang::TypeScript => "ts",
            Lang::Tsx => "tsx",
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
        assert_eq!(Lang::of_path("src/main.ts"), Some(Lang::TypeScript));
        assert_eq!(Lang::of_path("src/App.tsx"), Some(Lang::Tsx));
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
        let lang = std::env::var("TS_LANG")
            .ok()
            .and_then(|l| super::Lang::parse(&l))
            .unwrap_or(super::Lang::Python);
        let mut p = tree_sitter::Parser::new();
        p.set_language(&lang.ts_language().unwrap()).unwrap();
        let t = p.parse(&code, None).unwrap();
        println!("TREE {}", t.root_node().to_sexp());
    }
}
