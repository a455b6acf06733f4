//! An in-memory project for the unit tests of what crosses files
//! (`project`, `routes`): plain data behind [`ProjectView`], no database.

use std::sync::Arc;

use soc2_compiler::compile::RoutingPlan;
use soc2_compiler::lang::Lang;
use soc2_compiler::plan::Matcher;
use tree_sitter::Tree;

use crate::cfg::FileCfgs;
use crate::matching::{FileRef, Match};
use crate::project::{EvalCtx, ExtMount, ProjectView, Setting};
use crate::symbols::Symbols;

struct File {
    path: String,
    lang: Lang,
    text: Arc<str>,
    tree: Option<Tree>,
    symbols: Arc<Symbols>,
    cfgs: Option<Arc<FileCfgs>>,
}

/// Files in path order (their [`FileRef`]s), one of them current.
pub struct Files {
    files: Vec<File>,
    pub current: FileRef,
    /// What `mounts_of` answers: (file, router, mount).
    pub mounts: Vec<(FileRef, String, ExtMount)>,
    /// What `matches_in` finds in any file: each occurrence of this text.
    pub guard_text: Option<String>,
}

impl Files {
    /// `(path, text)` pairs; the language comes from the path, the first
    /// file is current.
    pub fn new(files: &[(&str, &str)]) -> Files {
        let mut files: Vec<File> = files
            .iter()
            .map(|(path, text)| {
                let lang = Lang::of_path(path).expect("a path with a known extension");
                let tree = crate::parse::parse_source(lang, text);
                let symbols = tree
                    .as_ref()
                    .map(|t| crate::symbols::extract(t, text, lang))
                    .unwrap_or_default();
                let cfgs = tree.as_ref().map(|t| Arc::new(crate::cfg::build(t, lang)));
                File {
                    path: path.to_string(),
                    lang,
                    text: Arc::from(*text),
                    tree,
                    symbols: Arc::new(symbols),
                    cfgs,
                }
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Files {
            files,
            current: FileRef(0),
            mounts: Vec::new(),
            guard_text: None,
        }
    }

    pub fn id(&self, path: &str) -> FileRef {
        let i = self
            .files
            .iter()
            .position(|f| f.path == path)
            .expect("a file of the project");
        FileRef(i as u32)
    }

    /// Makes `path` the file being evaluated.
    pub fn at(mut self, path: &str) -> Files {
        self.current = self.id(path);
        self
    }

    fn file(&self, f: FileRef) -> &File {
        &self.files[f.0 as usize]
    }

    /// Where `needle` is in the text of `path`.
    pub fn offset(&self, path: &str, needle: &str) -> usize {
        self.file(self.id(path))
            .text
            .find(needle)
            .expect("the needle is in the file")
    }

    /// Runs `f` with an evaluation context for the current file.
    pub fn eval<R>(&self, f: impl FnOnce(&EvalCtx) -> R) -> R {
        let file = self.file(self.current);
        let cfgs = || file.cfgs.as_deref();
        let cx = EvalCtx {
            src: &file.text,
            lang: file.lang,
            cfgs: &cfgs,
            tree: file.tree.as_ref(),
            project: Some(self),
        };
        f(&cx)
    }

    /// The pattern matches of a routing plan in the current file.
    pub fn routing_matches(&self, rp: &RoutingPlan) -> Vec<Vec<Match>> {
        let file = self.file(self.current);
        let tree = file.tree.as_ref().expect("the file parses");
        crate::matching::match_patterns(&[&rp.plan], tree, &file.text, file.lang).swap_remove(0)
    }
}

impl ProjectView for Files {
    fn current(&self) -> FileRef {
        self.current
    }
    fn path(&self, f: FileRef) -> String {
        self.file(f).path.clone()
    }
    fn text(&self, f: FileRef) -> Arc<str> {
        self.file(f).text.clone()
    }
    fn lang(&self, f: FileRef) -> Lang {
        self.file(f).lang
    }
    fn tree(&self, f: FileRef) -> Option<Tree> {
        self.file(f).tree.clone()
    }
    fn symbols(&self, f: FileRef) -> Arc<Symbols> {
        self.file(f).symbols.clone()
    }
    fn cfgs(&self, f: FileRef) -> Option<Arc<FileCfgs>> {
        self.file(f).cfgs.clone()
    }
    fn module(&self, from: FileRef, spec: &str) -> Option<FileRef> {
        let paths: Vec<String> = self.files.iter().map(|f| f.path.clone()).collect();
        let from = self.file(from);
        let path = crate::symbols::resolve_module(&from.path, spec, from.lang, &paths)?;
        paths
            .iter()
            .position(|p| p == path)
            .map(|i| FileRef(i as u32))
    }
    fn mounts_of(&self, f: FileRef, router: &str) -> Vec<ExtMount> {
        self.mounts
            .iter()
            .filter(|(g, r, _)| *g == f && r == router)
            .map(|(_, _, m)| m.clone())
            .collect()
    }
    fn settings(&self) -> Vec<Setting> {
        Vec::new()
    }
    fn matches_in(&self, f: FileRef, _: &Matcher) -> Arc<Vec<Match>> {
        let Some(needle) = &self.guard_text else {
            return Arc::default();
        };
        let text = &self.file(f).text;
        Arc::new(
            text.match_indices(needle.as_str())
                .map(|(i, _)| Match::new(i, i + needle.len(), Vec::new()))
                .collect(),
        )
    }
}

/// The bundled routing model of `lang`, compiled from the bundled rules'
/// definitions alone.
pub fn bundled_routing(lang: Lang) -> RoutingPlan {
    let parsed: Vec<_> = soc2_stdlib_rules::rule_files()
        .map(|f| soc2_grammar::parse_rule_file(f.contents).0)
        .collect();
    let files: Vec<(usize, &soc2_grammar::ast::RuleFile)> = parsed.iter().enumerate().collect();
    let (defs, _) = soc2_compiler::defs::collect(&files, |_| false);
    soc2_compiler::compile::compile_routing(&defs, lang).expect("a bundled routing model")
}
