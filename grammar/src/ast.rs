//! The typed rule AST. Every node keeps the byte span it came from so that
//! later passes can point their diagnostics at the exact text.

/// A byte range in a rule file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A value with the span it was written at.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// Marks a path glob that is a reference to a list definition (`@name`)
/// rather than a glob; a string literal cannot start with it.
pub const REF_PREFIX: char = '\0';

/// One parsed rule file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RuleFile {
    pub rules: Vec<Rule>,
    pub defines: Vec<Define>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DefineMode {
    /// `define x = …`: a new name.
    New,
    /// `extend define x = …`: adds alternatives to an existing definition.
    Extend,
    /// `override define x = …`: replaces an existing definition.
    Override,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Define {
    pub mode: DefineMode,
    pub name: Spanned<String>,
    pub value: DefineValue,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DefineValue {
    Regexes(Vec<Spanned<String>>),
    Strings(Vec<Spanned<String>>),
    /// Per-language formulas, referenced with `use name`.
    Formulas(Vec<LangFormula>),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LangFormula {
    pub language: Spanned<String>,
    pub formula: Formula,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    pub id: Spanned<String>,
    pub span: Span,
    pub title: Option<Spanned<String>>,
    /// `finding` (the default) or `evidence`.
    pub kind: Option<Spanned<String>>,
    pub severity: Option<Spanned<String>>,
    pub category: Option<Spanned<String>>,
    pub criteria: Vec<Spanned<String>>,
    pub cwe: Vec<Spanned<u32>>,
    pub message: Option<Spanned<String>>,
    pub fix: Option<Spanned<String>>,
    pub secrets: Vec<Spanned<String>>,
    /// Path globs; a value starting with [`REF_PREFIX`] names a list definition.
    pub include: Vec<Spanned<String>>,
    pub exclude: Vec<Spanned<String>>,
    pub matches: Vec<LangFormula>,
    pub doc: Option<Spanned<String>>,
    pub tests: Vec<InlineTest>,
    /// Items given twice (e.g. two `title` lines), reported by the compiler.
    pub duplicates: Vec<Spanned<String>>,
}

/// `test python """…"""`: a fixture written inside the rule file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InlineTest {
    /// A language name, or a file name for raw-text fixtures (`".env"`).
    pub target: Spanned<String>,
    pub target_is_file: bool,
    /// The fixture text as written (not yet de-indented); `body.span` is where it starts.
    pub body: Spanned<String>,
}

/// A formula: what a match block says must (not) be in the code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Formula {
    Pattern(PatternSrc),
    Regex(Spanned<String>),
    All(Vec<Formula>, Span),
    Any(Vec<Formula>, Span),
    Not(Box<Formula>, Span),
    Inside(Box<Formula>, Span),
    Use(Spanned<String>),
    Where(Cond, Span),
    Files(Vec<Spanned<String>>, Span),
    /// `beside "NAME", …`: the file has a sibling of one of these names.
    Beside(Vec<Spanned<String>>, Span),
    /// `focus $X`: report the match at the node bound to `$X`.
    Focus(Spanned<String>, Span),
    /// `dominated by X` / `post-dominated by X`: within the enclosing
    /// function, a match of X runs on every path to (from) the match.
    Dominated {
        by: Box<Formula>,
        post: bool,
        span: Span,
    },
    /// `endpoint`: the HTTP endpoints that the `route` and `middleware`
    /// definitions describe, with their guard chains.
    Endpoint(Span),
    /// `guarded by X`: an endpoint whose middleware, route-level handlers
    /// or in-handler checks include a match of X.
    Guarded {
        by: Box<Formula>,
        span: Span,
    },
}

/// A code pattern; `select KIND` picks the node of that kind inside it
/// (for nodes that need context to parse, such as a keyword argument).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PatternSrc {
    pub text: Spanned<String>,
    pub select: Option<Spanned<String>>,
}

impl Formula {
    pub fn span(&self) -> Span {
        match self {
            Formula::Pattern(p) => p.text.span,
            Formula::Regex(s) | Formula::Use(s) => s.span,
            Formula::All(_, s)
            | Formula::Any(_, s)
            | Formula::Not(_, s)
            | Formula::Inside(_, s)
            | Formula::Where(_, s)
            | Formula::Files(_, s)
            | Formula::Beside(_, s)
            | Formula::Focus(_, s)
            | Formula::Dominated { span: s, .. }
            | Formula::Endpoint(s)
            | Formula::Guarded { span: s, .. } => *s,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Cond {
    Or(Vec<Cond>),
    And(Vec<Cond>),
    Not(Box<Cond>),
    Matches {
        operand: Operand,
        negated: bool,
        regex: RegexRef,
    },
    In {
        operand: Operand,
        negated: bool,
        list: ListRef,
    },
    Is {
        metavar: Spanned<String>,
        negated: bool,
        kind: Spanned<String>,
    },
    FlowsFrom {
        metavar: Spanned<String>,
        negated: bool,
        regex: RegexRef,
    },
    RefersTo {
        metavar: Spanned<String>,
        negated: bool,
        regex: RegexRef,
    },
    Compare {
        left: Operand,
        op: CmpOp,
        right: Operand,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RegexRef {
    Literal(Spanned<String>),
    Named(Spanned<String>),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ListRef {
    Literal(Vec<Spanned<String>>),
    Named(Spanned<String>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Gt,
    Ge,
    Lt,
    Le,
    Eq,
    Ne,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Operand {
    Metavar(Spanned<String>),
    Len(Spanned<String>),
    Entropy(Spanned<String>),
    /// Kept as text so the AST stays `Eq`; the compiler parses it.
    Number(Spanned<String>),
    Str(Spanned<String>),
}

impl Operand {
    pub fn span(&self) -> Span {
        match self {
            Operand::Metavar(s)
            | Operand::Len(s)
            | Operand::Entropy(s)
            | Operand::Number(s)
            | Operand::Str(s) => s.span,
        }
    }
}
