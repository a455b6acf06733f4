//! From a rule's AST to a [`CompiledRule`]: metadata checks, name
//! resolution, pattern compilation and the literal prefilter.

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

use crate::re::Re as Regex;
use soc2_grammar::ast::{
    self, Cond, Formula, LangFormula, ListRef, Operand, RegexRef, Span, Spanned,
};
use soc2_grammar::Problem;

/// How deep `use` may nest definitions in definitions: the compiler
/// expands each level on the stack.
pub const MAX_USE_DEPTH: usize = 64;

use crate::catalog::{self, Severity};
use crate::defs::{Def, Definitions};
use crate::lang::Lang;
use crate::pattern::{compile_pattern, CompiledPattern, Hole};
use crate::plan::*;
use crate::SourceProblem;

/// The language name of a definition part that every language uses.
pub const GENERIC: &str = "generic";

/// Compiles one rule of rule file `source`. Returns the rule when it has no
/// errors, and every problem found either way.
/// With `check_queries`, every pattern's tree-sitter query is built now (so
/// that a failure is reported); otherwise on first use, which keeps start-up
/// fast for rules already known to build (the bundled ones, tested in CI).
///
/// With `grammars`, plans are compiled for those grammars (and text) only:
/// a scan compiles the bundled rules for the languages its files are in.
/// Checks that need every plan (message placeholders bound somewhere) are
/// then left out, so it is for rules whose full compile is tested.
pub fn compile_rule(
    source: usize,
    rule: &ast::Rule,
    defs: &Definitions,
    check_queries: bool,
    grammars: Option<&[Lang]>,
) -> (Option<CompiledRule>, Vec<SourceProblem>) {
    let mut cx = Cx {
        source,
        defs,
        check_queries,
        grammars,
        problems: Vec::new(),
        used_defs: BTreeSet::new(),
    };
    let compiled = cx.rule(rule);
    let problems = merge_per_grammar(cx.problems);
    let compiled = if problems.is_empty() { compiled } else { None };
    (compiled, problems)
}

/// Whether every match of `m` is an endpoint (so `guarded by` applies).
fn yields_endpoint(m: &Matcher) -> bool {
    match m {
        Matcher::Endpoint(_) => true,
        Matcher::Any(alts) => !alts.is_empty() && alts.iter().all(yields_endpoint),
        Matcher::All { positives, .. } => positives.iter().any(yields_endpoint),
        Matcher::Pattern(_) | Matcher::Regex(_) => false,
    }
}

/// A block for several languages is compiled once per grammar
/// (`javascript, typescript` is three: .js, .ts, .tsx), so one mistake
/// gives one problem per grammar. Those that differ only by the grammar's
/// name are one problem naming the languages.
fn merge_per_grammar(problems: Vec<SourceProblem>) -> Vec<SourceProblem> {
    let names = ["javascript", "typescript", "tsx", "python"];
    let key = |p: &SourceProblem| -> (
        usize,
        &'static str,
        usize,
        usize,
        String,
        Option<&'static str>,
    ) {
        let mut message = p.problem.message.clone();
        let mut found = None;
        for n in names {
            let word = format!(" {n}");
            if let Some(i) = message.find(&word) {
                let end = i + word.len();
                if message[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
                {
                    message.replace_range(i + 1..end, "\u{0}");
                    found = Some(n);
                    break;
                }
            }
        }
        (
            p.source,
            p.problem.code,
            p.problem.span.start,
            p.problem.span.end,
            message,
            found,
        )
    };
    let mut out: Vec<SourceProblem> = Vec::new();
    let mut keys: Vec<(usize, &'static str, usize, usize, String)> = Vec::new();
    let mut langs: Vec<Vec<&'static str>> = Vec::new();
    for p in problems {
        let (src, code, a, b, message, lang) = key(&p);
        let k = (src, code, a, b, message);
        match (lang, keys.iter().position(|x| *x == k)) {
            (Some(l), Some(i)) => {
                if !langs[i].contains(&l) {
                    langs[i].push(l);
                }
            }
            (None, Some(_)) => {}
            (l, None) => {
                keys.push(k);
                langs.push(l.into_iter().collect());
                out.push(p);
            }
        }
    }
    for ((p, k), ls) in out.iter_mut().zip(&keys).zip(&mut langs) {
        if ls.len() < 2 {
            continue;
        }
        // `tsx` is how `typescript` is read in .tsx files: the user wrote `typescript`.
        if ls.contains(&"typescript") {
            ls.retain(|l| *l != "tsx");
        }
        {
            let joined = match ls.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => ls.join(""),
            };
            p.problem.message = k.4.replace('\u{0}', &joined);
            if let Some(h) = &mut p.problem.help {
                for n in names {
                    let word = format!(" {n} ");
                    if h.contains(&word) {
                        *h = h.replacen(&word, &format!(" {joined} "), 1);
                        break;
                    }
                }
            }
        }
    }
    out
}

/// Whether a definition's part is used for `lang`: a generic part, or one
/// for the language or one whose syntax it shares (JavaScript parts serve
/// TypeScript).
pub fn serves(part: &LangFormula, lang: Lang) -> bool {
    part.language.value == GENERIC
        || Lang::parse(&part.language.value).is_some_and(|l| lang.definition_sources().contains(&l))
}

/// The routing model of one language, compiled from the definitions alone.
pub struct RoutingPlan {
    pub plan: LangPlan,
    /// Files failing all of these cannot mount a router.
    pub mount_prefilters: Vec<crate::prefilter::Prefilter>,
    /// Files failing this hold no project setting (`None`: no settings).
    pub settings_prefilter: Option<crate::prefilter::Prefilter>,
}

/// The routing model of `lang` alone, for reading routers, mounts,
/// middleware and settings out of files that no rule reports on (a file
/// that only mounts routers defined elsewhere, a settings module). `None`
/// when there is no `route` definition for the language or the model does
/// not compile (rules using `endpoint` report why).
pub fn compile_routing(defs: &Definitions, lang: Lang) -> Option<RoutingPlan> {
    let mut cx = Cx {
        source: 0,
        defs,
        check_queries: false,
        grammars: None,
        problems: Vec::new(),
        used_defs: BTreeSet::new(),
    };
    let (plan, _) = cx.plan(lang, &Formula::Endpoint(Span::new(0, 0)))?;
    let Matcher::Endpoint(model) = &plan.matcher else {
        return None;
    };
    let mount_prefilters = [&model.mounts, &model.middleware]
        .into_iter()
        .flatten()
        .map(|m| crate::prefilter::build(m, &plan.patterns))
        .collect();
    let settings_prefilter = model
        .settings
        .as_ref()
        .map(|m| crate::prefilter::build(m, &plan.patterns));
    Some(RoutingPlan {
        plan,
        mount_prefilters,
        settings_prefilter,
    })
}

struct Cx<'a> {
    source: usize,
    defs: &'a Definitions,
    check_queries: bool,
    /// Compile plans for these grammars only (`None`: all).
    grammars: Option<&'a [Lang]>,
    problems: Vec<SourceProblem>,
    used_defs: BTreeSet<String>,
}

/// Per-language state while compiling one match block.
struct PlanCx {
    lang: Lang,
    patterns: Vec<CompiledPattern>,
    files: Vec<String>,
    exclude_files: Vec<String>,
    /// `beside` clauses (names, negated).
    beside: Vec<(Vec<String>, bool)>,
    /// Metavariables bound by patterns and regex groups.
    bound: BTreeSet<String>,
    /// `where` conditions, checked against `bound` at the end.
    metavar_uses: Vec<(usize, Spanned<String>)>,
    /// Guards against `use` cycles.
    use_stack: Vec<String>,
}

impl Cx<'_> {
    fn problem(&mut self, source: usize, p: Problem) {
        self.problems.push(SourceProblem { source, problem: p });
    }

    fn err(&mut self, p: Problem) {
        self.problem(self.source, p);
    }

    fn rule(&mut self, rule: &ast::Rule) -> Option<CompiledRule> {
        let id_span = rule.id.span;
        for d in &rule.duplicates {
            self.err(
                Problem::new(
                    "rule::duplicate-item",
                    format!("`{}` is given twice in rule `{}`", d.value, rule.id.value),
                    d.span,
                )
                .label("second one")
                .help("keep one; a rule has one title, severity, category, message, fix and doc"),
            );
        }
        let title = self.required(
            &rule.title,
            "title",
            id_span,
            "title \"Hard-coded credential\"",
        );
        let message = self.required(
            &rule.message,
            "message",
            id_span,
            "message \"{$NAME} holds a hard-coded credential\"",
        );
        let severity = rule.severity.as_ref().and_then(|s| {
            let parsed = Severity::parse(&s.value);
            if parsed.is_none() {
                self.err(
                    Problem::new(
                        "rule::unknown-severity",
                        format!("unknown severity `{}`", s.value),
                        s.span,
                    )
                    .label("not a severity")
                    .help("severity is one of: critical, high, medium, low"),
                );
            }
            parsed
        });
        let evidence = match rule.kind.as_ref().map(|k| k.value.as_str()) {
            None | Some("finding") => false,
            Some("evidence") => true,
            Some(other) => {
                let span = rule.kind.as_ref().map_or(id_span, |k| k.span);
                self.err(
                    Problem::new("rule::unknown-kind", format!("unknown kind `{other}`"), span)
                        .label("not a kind")
                        .help("a rule is `kind finding` (the default: a problem) or `kind evidence` (a control that is present)"),
                );
                false
            }
        };
        // Evidence is not a problem, so it has no severity.
        let severity = match (&rule.severity, evidence) {
            (None, true) => Some(Severity::Low),
            (None, false) => {
                self.missing("severity", id_span, "severity high");
                None
            }
            _ => severity,
        };
        let category = rule.category.as_ref().and_then(|c| {
            let found = catalog::CATEGORIES
                .iter()
                .find(|(s, _)| *s == c.value)
                .map(|(s, _)| *s);
            if found.is_none() {
                let slugs: Vec<&str> = catalog::CATEGORIES.iter().map(|c| c.0).collect();
                let help = match catalog::closest(&c.value, slugs.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? categories: {}", slugs.join(", ")),
                    None => format!("categories: {}", slugs.join(", ")),
                };
                self.err(
                    Problem::new(
                        "rule::unknown-category",
                        format!("unknown category `{}`", c.value),
                        c.span,
                    )
                    .label("not a category")
                    .help(help),
                );
            }
            found
        });
        if rule.category.is_none() {
            self.missing("category", id_span, "category access-control");
        }
        if rule.criteria.is_empty() {
            self.missing("criteria", id_span, "criteria CC6.1");
        }
        for c in &rule.criteria {
            if catalog::criterion(&c.value).is_none() {
                let all = catalog::criteria();
                let help = match catalog::closest(&c.value, all.iter().map(|c| c.id)) {
                    Some(s) => format!("did you mean `{s}`? criteria are those of the 2017 Trust Services Criteria, e.g. CC6.1, CC7.2, A1.2"),
                    None => "criteria are those of the 2017 Trust Services Criteria, e.g. CC6.1, CC7.2, A1.2, C1.1, PI1.2, P6.1".to_string(),
                };
                self.err(
                    Problem::new(
                        "rule::unknown-criterion",
                        format!("unknown SOC 2 criterion `{}`", c.value),
                        c.span,
                    )
                    .label("not in the Trust Services Criteria")
                    .help(help),
                );
            }
        }
        for c in &rule.cwe {
            if c.value == 0 {
                self.err(
                    Problem::new("rule::bad-cwe", "a CWE id is a positive number", c.span)
                        .help("write e.g. `cwe CWE-798`"),
                );
            }
        }
        let include = self.expand_globs(&rule.include);
        let exclude = self.expand_globs(&rule.exclude);
        let paths = match PathFilter::new(
            include.iter().map(|g| g.value.clone()).collect(),
            exclude.iter().map(|g| g.value.clone()).collect(),
        ) {
            Ok(p) => p,
            Err((i, is_include, msg)) => {
                let span = if is_include {
                    include.get(i)
                } else {
                    exclude.get(i)
                }
                .map(|g| g.span)
                .unwrap_or(id_span);
                self.err(
                    Problem::new("rule::bad-glob", format!("invalid glob: {msg}"), span)
                        .help("globs use `*`, `**`, `?` and `{a,b}`"),
                );
                PathFilter::default()
            }
        };

        if rule.matches.is_empty() {
            self.missing("match", id_span, "match python `eval($X)`");
        }
        let mut plans = Vec::new();
        let mut seen_langs = BTreeSet::new();
        let mut all_bound = BTreeSet::new();
        let mut left_out = false;
        for m in &rule.matches {
            let Some(named) = Lang::parse(&m.language.value) else {
                self.err(
                    Problem::new(
                        "rule::unknown-language",
                        format!("unknown language `{}`", m.language.value),
                        m.language.span,
                    )
                    .label("not a language")
                    .help("a match block is for python, javascript, typescript, tsx or text"),
                );
                continue;
            };
            for &lang in named.expand() {
                // Text blocks read different files each, so a rule may have several.
                if !seen_langs.insert(lang) && lang != Lang::Text {
                    self.err(
                        Problem::new(
                            "rule::duplicate-language",
                            format!("a second `match` block for {lang}"),
                            m.language.span,
                        )
                        .help("put the alternatives in one block with `any { … }`"),
                    );
                    continue;
                }
                if lang != Lang::Text && self.grammars.is_some_and(|g| !g.contains(&lang)) {
                    left_out = true;
                    continue;
                }
                if let Some((plan, bound)) = self.plan(lang, &m.formula) {
                    all_bound.extend(bound);
                    plans.push(plan);
                }
            }
        }
        // Message placeholders and secrets must name bound metavariables.
        if let Some(msg) = &rule.message {
            for (name, off) in placeholders(&msg.value) {
                if !all_bound.contains(&name) && !plans.is_empty() && !left_out {
                    let span = Span::new(
                        msg.span.start + 1 + off,
                        msg.span.start + 1 + off + name.len() + 3,
                    );
                    self.err(unbound(&name, span, &all_bound));
                }
            }
        }
        for s in &rule.secrets {
            let name = s.value.trim_start_matches('$');
            if !all_bound.contains(name) && !plans.is_empty() && !left_out {
                self.err(unbound(name, s.span, &all_bound));
            }
        }

        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        rule.hash(&mut hasher);
        for d in &self.used_defs {
            d.hash(&mut hasher);
            self.defs.get(d).hash(&mut hasher);
        }
        Some(CompiledRule {
            id: rule.id.value.clone(),
            title: title?,
            evidence,
            severity: severity?,
            category: category?,
            criteria: rule.criteria.iter().map(|c| c.value.clone()).collect(),
            cwe: rule.cwe.iter().map(|c| c.value).collect(),
            message: message?,
            recommendation: rule
                .fix
                .as_ref()
                .map(|f| f.value.trim().to_string())
                .unwrap_or_default(),
            secrets: rule
                .secrets
                .iter()
                .map(|s| s.value.trim_start_matches('$').to_string())
                .collect(),
            doc: rule.doc.as_ref().map(|d| d.value.clone()),
            paths,
            plans,
            source: self.source,
            span: rule.span,
            fingerprint: hasher.finish(),
        })
    }

    /// Path globs with `@list` references replaced by the list's globs.
    fn expand_globs(&mut self, globs: &[Spanned<String>]) -> Vec<Spanned<String>> {
        let mut out = Vec::new();
        for g in globs {
            match g.value.strip_prefix(ast::REF_PREFIX) {
                Some(name) => {
                    let named = Spanned::new(name.to_string(), g.span);
                    if let Some(items) = self.list_def(&named, self.source) {
                        out.extend(items.into_iter().map(|v| Spanned::new(v, g.span)));
                    }
                }
                None => out.push(g.clone()),
            }
        }
        out
    }

    fn required(
        &mut self,
        v: &Option<Spanned<String>>,
        what: &str,
        at: Span,
        example: &str,
    ) -> Option<String> {
        match v {
            Some(s) => Some(s.value.trim().to_string()),
            None => {
                self.missing(what, at, example);
                None
            }
        }
    }

    fn missing(&mut self, what: &str, at: Span, example: &str) {
        self.err(
            Problem::new(
                "rule::missing-item",
                format!("the rule has no `{what}`"),
                at,
            )
            .label(format!("needs `{what}`"))
            .help(format!("add a line such as `{example}`")),
        );
    }

    /// Compiles one `match LANG` block.
    fn plan(&mut self, lang: Lang, formula: &Formula) -> Option<(LangPlan, BTreeSet<String>)> {
        let mut pc = PlanCx {
            lang,
            patterns: Vec::new(),
            files: Vec::new(),
            exclude_files: Vec::new(),
            beside: Vec::new(),
            bound: BTreeSet::new(),
            metavar_uses: Vec::new(),
            use_stack: Vec::new(),
        };
        let before = self.problems.len();
        let matcher = self.top(&mut pc, formula, self.source);
        for (src, mv) in std::mem::take(&mut pc.metavar_uses) {
            let name = mv.value.trim_start_matches('$');
            if !pc.bound.contains(name) {
                self.problem(src, unbound(name, mv.span, &pc.bound));
            }
        }
        if lang == Lang::Text && pc.files.is_empty() {
            self.err(
                Problem::new(
                    "rule::text-needs-files",
                    "a `match text` block needs a `files` clause",
                    formula.span(),
                )
                .help("say which files the regexes read, e.g. `files \".env\", \".env.*\"`"),
            );
        }
        let files = PathFilter::new(pc.files.clone(), pc.exclude_files.clone()).unwrap_or_else(
            |(_, _, msg)| {
                self.err(Problem::new(
                    "rule::bad-glob",
                    format!("invalid glob in `files`: {msg}"),
                    formula.span(),
                ));
                PathFilter::default()
            },
        );
        let matcher = matcher?;
        if self.problems.len() > before {
            return None;
        }
        let prefilter = crate::prefilter::build(&matcher, &pc.patterns);
        let kinds = root_kinds(&matcher, &pc.patterns);
        Some((
            LangPlan {
                lang,
                files,
                beside: pc.beside,
                matcher,
                patterns: pc.patterns,
                prefilter,
                kinds,
            },
            pc.bound,
        ))
    }

    /// The top of a match block: hoists `files` clauses out of the `all`.
    fn top(&mut self, pc: &mut PlanCx, f: &Formula, src: usize) -> Option<Matcher> {
        if let Formula::All(items, span) = f {
            let mut rest = Vec::new();
            for item in items {
                match item {
                    Formula::Files(globs, _) => {
                        pc.files.extend(globs.iter().map(|g| g.value.clone()))
                    }
                    Formula::Not(inner, _) if matches!(**inner, Formula::Files(..)) => {
                        if let Formula::Files(globs, _) = &**inner {
                            pc.exclude_files
                                .extend(globs.iter().map(|g| g.value.clone()));
                        }
                    }
                    Formula::Beside(names, _) => pc
                        .beside
                        .push((names.iter().map(|n| n.value.clone()).collect(), false)),
                    Formula::Not(inner, _) if matches!(**inner, Formula::Beside(..)) => {
                        if let Formula::Beside(names, _) = &**inner {
                            pc.beside
                                .push((names.iter().map(|n| n.value.clone()).collect(), true));
                        }
                    }
                    other => rest.push(other.clone()),
                }
            }
            return self.all(pc, &rest, *span, src);
        }
        self.formula(pc, f, src)
    }

    fn formula(&mut self, pc: &mut PlanCx, f: &Formula, src: usize) -> Option<Matcher> {
        match f {
            Formula::Pattern(p) => self.pattern(pc, p, src),
            Formula::Focus(_, span) => {
                self.problem(
                    src,
                    Problem::new(
                        "rule::focus-alone",
                        "`focus` needs a pattern in the same block",
                        *span,
                    )
                    .help("put `focus $X` in a block whose pattern binds `$X`"),
                );
                None
            }
            Formula::Regex(r) => {
                let re = match build_regex(r, self.check_queries) {
                    Ok(re) => re,
                    Err(p) => {
                        self.problem(src, p);
                        return None;
                    }
                };
                pc.bound.extend(re.group_names());
                Some(Matcher::Regex(re))
            }
            Formula::Any(items, span) => {
                if items.is_empty() {
                    self.problem(
                        src,
                        Problem::new("rule::empty", "`any` with nothing in it", *span)
                            .help("list the alternatives inside `any { … }`"),
                    );
                    return None;
                }
                let mut out = Vec::new();
                for i in items {
                    if !is_positive(i) {
                        self.problem(
                            src,
                            Problem::new("rule::filter-in-any", "only patterns, regexes, `use` and blocks can be alternatives in `any`", i.span())
                                .help("move `not`, `inside`, `where` and `files` into an `all { … }` around the alternative"),
                        );
                        continue;
                    }
                    if let Some(m) = self.formula(pc, i, src) {
                        out.push(m);
                    }
                }
                (out.len() == items.len()).then_some(Matcher::Any(out))
            }
            Formula::All(items, span) => self.all(pc, items, *span, src),
            Formula::Use(name) => self.use_def(pc, name, src),
            Formula::Endpoint(span) => self.endpoint(pc, *span, src),
            Formula::Not(_, span)
            | Formula::Guarded { span, .. }
            | Formula::Dominated { span, .. }
            | Formula::Inside(_, span)
            | Formula::Where(_, span)
            | Formula::Files(_, span)
            | Formula::Beside(_, span) => {
                self.problem(
                    src,
                    Problem::new(
                        "rule::filter-alone",
                        "this only filters matches; it needs a pattern to filter",
                        *span,
                    )
                    .help("put it in a block with a `pattern`, `regex` or `use` that finds code"),
                );
                None
            }
        }
    }

    fn all(
        &mut self,
        pc: &mut PlanCx,
        items: &[Formula],
        span: Span,
        src: usize,
    ) -> Option<Matcher> {
        let mut positives = Vec::new();
        let mut filters = Vec::new();
        let mut ok = true;
        let mut pending_where = Vec::new();
        let mut focus: Option<Spanned<String>> = None;
        let mut guarded: Vec<Span> = Vec::new();
        for item in items {
            match item {
                Formula::Guarded { span, .. } => guarded.push(*span),
                Formula::Not(inner, span) if matches!(&**inner, Formula::Guarded { .. }) => {
                    guarded.push(*span)
                }
                _ => {}
            }
            match item {
                Formula::Focus(mv, _) => focus = Some(mv.clone()),
                Formula::Not(inner, _) => {
                    let filter = match &**inner {
                        Formula::Inside(x, _) => self.formula(pc, x, src).map(Filter::NotInside),
                        Formula::Dominated { by, post, .. } => {
                            self.formula(pc, by, src).map(|m| Filter::Dominated {
                                by: m,
                                post: *post,
                                negated: true,
                            })
                        }
                        Formula::Guarded { by, .. } => {
                            let denials = self.guard_denials(src);
                            self.formula(pc, by, src).map(|m| Filter::Guarded {
                                by: m,
                                negated: true,
                                denials,
                            })
                        }
                        Formula::Files(_, s) | Formula::Beside(_, s) => {
                            self.problem(
                                src,
                                Problem::new(
                                    "rule::files-nested",
                                    "`not files` and `not beside` go at the top of a match block",
                                    *s,
                                ),
                            );
                            None
                        }
                        x => self.formula(pc, x, src).map(Filter::Not),
                    };
                    match filter {
                        Some(f) => filters.push(f),
                        None => ok = false,
                    }
                }
                Formula::Inside(inner, _) => match self.formula(pc, inner, src) {
                    Some(m) => filters.push(Filter::Inside(m)),
                    None => ok = false,
                },
                Formula::Dominated { by, post, .. } => match self.formula(pc, by, src) {
                    Some(m) => filters.push(Filter::Dominated {
                        by: m,
                        post: *post,
                        negated: false,
                    }),
                    None => ok = false,
                },
                Formula::Guarded { by, .. } => match self.formula(pc, by, src) {
                    Some(m) => {
                        // How the guard was found, for messages.
                        pc.bound.insert("GUARD".to_string());
                        let denials = self.guard_denials(src);
                        filters.push(Filter::Guarded {
                            by: m,
                            negated: false,
                            denials,
                        })
                    }
                    None => ok = false,
                },
                Formula::Where(cond, _) => pending_where.push(cond),
                Formula::Files(_, s) | Formula::Beside(_, s) => {
                    self.problem(
                        src,
                        Problem::new(
                            "rule::files-nested",
                            "`files` and `beside` go at the top of a match block",
                            *s,
                        )
                        .help("a `files` clause selects the files a whole match block reads"),
                    );
                    ok = false;
                }
                positive => match self.formula(pc, positive, src) {
                    Some(m) => positives.push(m),
                    None => ok = false,
                },
            }
        }
        // Conditions are compiled after the positives have bound their names.
        for cond in pending_where {
            match self.cond(pc, cond, src) {
                Some(c) => filters.push(Filter::Where(c)),
                None => ok = false,
            }
        }
        if positives.is_empty() && ok {
            self.problem(
                src,
                Problem::new("rule::no-positive", "this block has nothing that finds code", span)
                    .label("only filters here")
                    .help("add a `pattern`, `regex` or `use`; `not`, `inside` and `where` only narrow what those find"),
            );
            return None;
        }
        if !ok {
            return None;
        }
        // Elsewhere there is no handler whose guards to ask about, and the
        // filter would keep (or drop) every match.
        if !guarded.is_empty() && !positives.iter().any(yields_endpoint) {
            for g in guarded {
                self.problem(
                    src,
                    Problem::new(
                        "rule::guarded-without-endpoint",
                        "`guarded by` asks what runs before an endpoint's handler, and this block finds no endpoint",
                        g,
                    )
                    .help("put `endpoint` in the same block, before `guarded by` (as the bundled endpoint rules do), or use `inside` or `dominated by` for code that is not an endpoint"),
                );
            }
            return None;
        }
        if let Some(f) = &focus {
            pc.metavar_uses.push((src, f.clone()));
        }
        if positives.len() == 1 && filters.is_empty() && focus.is_none() {
            return positives.pop();
        }
        Some(Matcher::All {
            positives,
            filters,
            focus: focus.map(|f| f.value.trim_start_matches('$').to_string()),
        })
    }

    fn pattern(&mut self, pc: &mut PlanCx, ps: &ast::PatternSrc, src: usize) -> Option<Matcher> {
        let p = &ps.text;
        if pc.lang == Lang::Text {
            self.problem(
                src,
                Problem::new(
                    "rule::pattern-in-text",
                    "code patterns need a language with a grammar",
                    p.span,
                )
                .help("in `match text` blocks use `regex /…/`"),
            );
            return None;
        }
        let select = ps.select.as_ref().map(|s| s.value.as_str());
        match compile_pattern(pc.lang, &p.value, select, self.check_queries) {
            Ok(cp) => {
                pc.bound.extend(cp.metavars.iter().cloned());
                pc.patterns.push(cp);
                Some(Matcher::Pattern(pc.patterns.len() - 1))
            }
            Err(e) => {
                let start = (p.span.start + e.offset).min(p.span.end);
                let end = (start + e.len.max(1)).min(p.span.end.max(start + 1));
                self.problem(
                    src,
                    Problem::new("rule::bad-pattern", e.message, Span::new(start, end))
                        .label("here")
                        .help(e.help),
                );
                None
            }
        }
    }

    /// `endpoint`: the `route` definition (required) and `middleware`
    /// (optional) for this language, which bind `$ROUTER`, `$METHOD`,
    /// `$PATH`, `$HANDLERS` and `$PREFIX`, `$MIDDLEWARE`.
    fn endpoint(&mut self, pc: &mut PlanCx, span: Span, src: usize) -> Option<Matcher> {
        let lang = pc.lang;
        let has_part = |defs: &Definitions, name: &str| match defs.get(name) {
            Some(Def::Formulas(parts)) => parts.iter().any(|(_, lf)| serves(lf, lang)),
            _ => false,
        };
        if self.defs.get("route").is_none() {
            // No framework model at all: the bundled one is not loaded.
            self.problem(
                src,
                Problem::new("rule::no-route-model", "no framework model is loaded: nothing defines `route`", span)
                    .label("endpoints of what?")
                    .help("the models of Express, NestJS, Flask, FastAPI, Django and DRF come with the bundled rules; drop `--no-stdlib`, or write `define route { LANGUAGE { … } }` (and `middleware`, `router_mount`…) in your rule files"),
            );
            return None;
        }
        if !has_part(self.defs, "route") {
            self.problem(
                src,
                Problem::new("rule::no-route-model", format!("no `route` definition for {lang}"), span)
                    .label("endpoints of what?")
                    .help("endpoints come from `define route { LANGUAGE { … } }` (bundled for the supported frameworks); add a part for this language"),
            );
            return None;
        }
        let routes = self.use_def(pc, &Spanned::new("route".to_string(), span), src)?;
        // The optional parts of the model, where the language has them.
        let mut optional = |name: &str| -> Result<Option<Matcher>, ()> {
            if !has_part(self.defs, name) {
                return Ok(None);
            }
            match self.use_def(pc, &Spanned::new(name.to_string(), span), src) {
                Some(m) => Ok(Some(m)),
                None => Err(()),
            }
        };
        let model = EndpointModel {
            routes,
            middleware: optional("middleware").ok()?,
            hooks: optional("router_hook").ok()?,
            mounts: optional("router_mount").ok()?,
            prefixes: optional("router_prefix").ok()?,
            methods: optional("route_methods").ok()?,
            settings: optional("app_setting").ok()?,
            dependencies: optional("route_dependency").ok()?,
            default_method: match self.defs.get("route_default_method") {
                Some(_) => self
                    .list_def(&Spanned::new("route_default_method".to_string(), span), src)?
                    .into_iter()
                    .next()
                    .map(|m| m.to_ascii_uppercase()),
                None => None,
            },
        };
        pc.bound
            .extend(["ROUTER", "METHOD", "PATH", "HANDLER", "CHAIN"].map(String::from));
        Some(Matcher::Endpoint(Box::new(model)))
    }

    fn use_def(&mut self, pc: &mut PlanCx, name: &Spanned<String>, src: usize) -> Option<Matcher> {
        let Some(def) = self.defs.get(&name.value) else {
            let help = match catalog::closest(&name.value, self.defs.names()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => {
                    "define it with `define NAME { python { … } javascript { … } }`".to_string()
                }
            };
            self.problem(
                src,
                Problem::new(
                    "rule::unknown-name",
                    format!("unknown definition `{}`", name.value),
                    name.span,
                )
                .label("not defined")
                .help(help),
            );
            return None;
        };
        let Def::Formulas(parts) = def else {
            self.problem(
                src,
                Problem::new(
                    "rule::not-a-pattern-define",
                    format!("`{}` is not a pattern definition", name.value),
                    name.span,
                )
                .help(format!(
                    "regex and list definitions are used in conditions, as `@{}`",
                    name.value
                )),
            );
            return None;
        };
        if pc.use_stack.len() >= MAX_USE_DEPTH {
            self.problem(
                src,
                Problem::new(
                    "rule::use-too-deep",
                    format!(
                        "`{}` is reached through more than {MAX_USE_DEPTH} nested uses of definitions",
                        name.value
                    ),
                    name.span,
                )
                .help("use the definitions you need directly, not through a long chain"),
            );
            return None;
        }
        if pc.use_stack.contains(&name.value) {
            self.problem(
                src,
                Problem::new(
                    "rule::use-cycle",
                    format!("`{}` uses itself", name.value),
                    name.span,
                )
                .help("a definition cannot refer to itself, directly or through others"),
            );
            return None;
        }
        let parts: Vec<(usize, Formula)> = parts
            .iter()
            .filter(|(_, lf)| serves(lf, pc.lang))
            .map(|(s, lf)| (*s, lf.formula.clone()))
            .collect();
        if parts.is_empty() {
            self.problem(
                src,
                Problem::new(
                    "rule::define-no-language",
                    format!("`{}` has no {} part", name.value, pc.lang),
                    name.span,
                )
                .help(format!(
                    "add a `{} {{ … }}` block to the definition",
                    pc.lang
                )),
            );
            return None;
        }
        self.used_defs.insert(name.value.clone());
        pc.use_stack.push(name.value.clone());
        let mut alts = Vec::new();
        let mut ok = true;
        for (def_src, f) in &parts {
            match self.top(pc, f, *def_src) {
                Some(m) => alts.push(m),
                None => ok = false,
            }
        }
        pc.use_stack.pop();
        if !ok {
            return None;
        }
        if alts.len() == 1 {
            alts.pop()
        } else {
            Some(Matcher::Any(alts))
        }
    }

    fn cond(&mut self, pc: &mut PlanCx, c: &Cond, src: usize) -> Option<Condition> {
        Some(match c {
            Cond::Or(items) => Condition::Or(self.conds(pc, items, src)?),
            Cond::And(items) => Condition::And(self.conds(pc, items, src)?),
            Cond::Not(inner) => Condition::Not(Box::new(self.cond(pc, inner, src)?)),
            Cond::Matches {
                operand,
                negated,
                regex,
            } => {
                let operand = self.value(pc, operand, src);
                let regexes = self.regexes(regex, src)?;
                // Named groups of a regex that must match bind metavariables.
                if !*negated {
                    for re in &regexes {
                        pc.bound.extend(re.group_names());
                    }
                }
                negate(*negated, Condition::Matches { operand, regexes })
            }
            Cond::In {
                operand,
                negated,
                list,
            } => {
                let operand = self.value(pc, operand, src);
                let list = match list {
                    ListRef::Literal(items) => items.iter().map(|s| s.value.clone()).collect(),
                    ListRef::Named(name) => self.list_def(name, src)?,
                };
                negate(*negated, Condition::In { operand, list })
            }
            Cond::RefersTo {
                metavar,
                negated,
                regex,
            } => {
                pc.metavar_uses.push((src, metavar.clone()));
                let regexes = self.regexes(regex, src)?;
                negate(
                    *negated,
                    Condition::RefersTo {
                        metavar: metavar.value.trim_start_matches('$').to_string(),
                        regexes,
                    },
                )
            }
            Cond::FlowsFrom {
                metavar,
                negated,
                regex,
            } => {
                pc.metavar_uses.push((src, metavar.clone()));
                // A pattern definition names the parameters values flow
                // from; a regex, the code they are built from.
                let (regexes, seeds) = match regex {
                    RegexRef::Named(name)
                        if matches!(self.defs.get(&name.value), Some(Def::Formulas(_))) =>
                    {
                        (Vec::new(), Some(Box::new(self.use_def(pc, name, src)?)))
                    }
                    _ => (self.regexes(regex, src)?, None),
                };
                negate(
                    *negated,
                    Condition::FlowsFrom {
                        metavar: metavar.value.trim_start_matches('$').to_string(),
                        regexes,
                        seeds,
                    },
                )
            }
            Cond::Is {
                metavar,
                negated,
                kind,
            } => {
                pc.metavar_uses.push((src, metavar.clone()));
                let metavar_name = metavar.value.trim_start_matches('$').to_string();
                if kind.value == "constant" {
                    return Some(negate(
                        *negated,
                        Condition::Constant {
                            metavar: metavar_name,
                        },
                    ));
                }
                let Some(hole) = Hole::parse(&kind.value) else {
                    self.problem(
                        src,
                        Problem::new(
                            "rule::unknown-hole",
                            format!("unknown kind `{}`", kind.value),
                            kind.span,
                        )
                        .help(format!(
                            "`is` takes one of: {}, constant",
                            Hole::NAMES.join(", ")
                        )),
                    );
                    return None;
                };
                negate(
                    *negated,
                    Condition::Is {
                        metavar: metavar_name,
                        hole,
                    },
                )
            }
            Cond::Compare { left, op, right } => Condition::Compare {
                left: self.value(pc, left, src),
                op: *op,
                right: self.value(pc, right, src),
            },
        })
    }

    fn conds(&mut self, pc: &mut PlanCx, items: &[Cond], src: usize) -> Option<Vec<Condition>> {
        let out: Vec<Condition> = items.iter().filter_map(|c| self.cond(pc, c, src)).collect();
        (out.len() == items.len()).then_some(out)
    }

    fn value(&mut self, pc: &mut PlanCx, o: &Operand, src: usize) -> Value {
        let mut track = |mv: &Spanned<String>| {
            pc.metavar_uses.push((src, mv.clone()));
            mv.value.trim_start_matches('$').to_string()
        };
        match o {
            Operand::Metavar(m) => Value::Metavar(track(m)),
            Operand::Len(m) => Value::Len(track(m)),
            Operand::Entropy(m) => Value::Entropy(track(m)),
            Operand::Number(n) => Value::Number(n.value.parse().unwrap_or(0.0)),
            Operand::Str(s) => Value::Str(s.value.clone()),
        }
    }

    /// A regex written in place, or the regexes of a definition.
    fn regexes(&mut self, regex: &RegexRef, src: usize) -> Option<Vec<Regex>> {
        match regex {
            RegexRef::Literal(r) => match build_regex(r, self.check_queries) {
                Ok(re) => Some(vec![re]),
                Err(p) => {
                    self.problem(src, p);
                    None
                }
            },
            RegexRef::Named(name) => self.regex_def(name, src),
        }
    }

    /// The `guard_denial` definition's regexes, when the rule set has one.
    fn guard_denials(&mut self, src: usize) -> Vec<Regex> {
        if !matches!(self.defs.get("guard_denial"), Some(Def::Regexes(_))) {
            return Vec::new();
        }
        self.regex_def(
            &Spanned::new("guard_denial".to_string(), Span::new(0, 0)),
            src,
        )
        .unwrap_or_default()
    }

    fn regex_def(&mut self, name: &Spanned<String>, src: usize) -> Option<Vec<Regex>> {
        match self.defs.get(&name.value) {
            Some(Def::Regexes(rs)) => {
                self.used_defs.insert(name.value.clone());
                // Bad regexes in definitions are reported where they are defined.
                Some(rs.iter().map(|(_, r)| Regex::lazy(&r.value)).collect())
            }
            Some(_) => {
                self.problem(
                    src,
                    Problem::new(
                        "rule::not-a-regex",
                        format!("`@{}` is not a regex definition", name.value),
                        name.span,
                    )
                    .help("`matches` takes a regex /…/ or the name of a regex definition"),
                );
                None
            }
            None => {
                self.unknown_ref(name, src);
                None
            }
        }
    }

    fn list_def(&mut self, name: &Spanned<String>, src: usize) -> Option<Vec<String>> {
        match self.defs.get(&name.value) {
            Some(Def::Strings(items)) => {
                self.used_defs.insert(name.value.clone());
                Some(items.iter().map(|(_, s)| s.value.clone()).collect())
            }
            Some(_) => {
                self.problem(
                    src,
                    Problem::new(
                        "rule::not-a-list",
                        format!("`@{}` is not a list definition", name.value),
                        name.span,
                    )
                    .help("`in` takes a list [\"…\"] or the name of a list definition"),
                );
                None
            }
            None => {
                self.unknown_ref(name, src);
                None
            }
        }
    }

    fn unknown_ref(&mut self, name: &Spanned<String>, src: usize) {
        let help = match catalog::closest(&name.value, self.defs.names()) {
            Some(s) => format!("did you mean `@{s}`?"),
            None => "define it with `define NAME = /regex/` or `define NAME = [\"a\", \"b\"]`"
                .to_string(),
        };
        self.problem(
            src,
            Problem::new(
                "rule::unknown-name",
                format!("unknown definition `@{}`", name.value),
                name.span,
            )
            .label("not defined")
            .help(help),
        );
    }
}

fn negate(negated: bool, c: Condition) -> Condition {
    if negated {
        Condition::Not(Box::new(c))
    } else {
        c
    }
}

fn is_positive(f: &Formula) -> bool {
    matches!(
        f,
        Formula::Pattern(_)
            | Formula::Regex(_)
            | Formula::Any(..)
            | Formula::All(..)
            | Formula::Use(_)
            | Formula::Endpoint(_)
    )
}

fn unbound(name: &str, span: Span, bound: &BTreeSet<String>) -> Problem {
    let list: Vec<String> = bound.iter().map(|b| format!("${b}")).collect();
    let help = if list.is_empty() {
        "no metavariable is bound here; patterns bind `$NAME`, regexes bind named groups `(?P<NAME>…)`".to_string()
    } else {
        format!("bound here: {}", list.join(", "))
    };
    Problem::new(
        "rule::unknown-metavariable",
        format!("`${name}` is not bound by any pattern"),
        span,
    )
    .label("unbound")
    .help(help)
}

/// `{$NAME}` placeholders in a message, with their offsets.
pub fn placeholders(msg: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut rest = msg;
    let mut base = 0;
    while let Some(i) = rest.find("{$") {
        let after = &rest[i + 2..];
        let n = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .count();
        if after[n..].starts_with('}') && n > 0 {
            out.push((after[..n].to_string(), base + i));
        }
        base += i + 2;
        rest = after;
    }
    out
}

/// A regex in multi-line mode. With `now` it is built at once, or the
/// problem says why it does not build, pointing at the offending part where
/// the parser says; otherwise it is built on first use (bundled rules).
pub fn build_regex(r: &Spanned<String>, now: bool) -> Result<Regex, Problem> {
    if !now {
        return Ok(Regex::lazy(&r.value));
    }
    crate::re::build(&r.value).map(Regex::built).map_err(|e| {
        let (detail, span) = match regex_syntax::ParserBuilder::new()
            .multi_line(true)
            .build()
            .parse(&r.value)
        {
            Err(regex_syntax::Error::Parse(pe)) => (pe.kind().to_string(), Some(*pe.span())),
            Err(regex_syntax::Error::Translate(te)) => (te.kind().to_string(), Some(*te.span())),
            _ => {
                let text = e.to_string();
                (
                    text.lines()
                        .last()
                        .unwrap_or("invalid regex")
                        .trim()
                        .to_string(),
                    None,
                )
            }
        };
        // The literal's text starts after its `/`; escaped slashes were
        // one byte longer in the file, so the mapping is close, not exact.
        let at = match span {
            Some(s) => {
                let start = (r.span.start + 1 + s.start.offset).min(r.span.end);
                let end = (r.span.start + 1 + s.end.offset.max(s.start.offset + 1)).min(r.span.end);
                Span::new(start, end)
            }
            None => r.span,
        };
        Problem::new(
            "rule::bad-regex",
            format!("regex does not compile: {detail}"),
            at,
        )
        .label(detail)
        .help("the regex syntax is Rust's `regex` crate: no look-around or back-references")
    })
}

/// Node kinds the positive patterns are rooted at; `None` if any node may be.
fn root_kinds(m: &Matcher, patterns: &[CompiledPattern]) -> Option<Vec<&'static str>> {
    match m {
        Matcher::Pattern(i) => {
            let k = &patterns[*i].root_kinds;
            (!k.is_empty()).then(|| k.clone())
        }
        Matcher::Regex(_) => None,
        Matcher::Endpoint(model) => root_kinds(&model.routes, patterns),
        Matcher::Any(items)
        | Matcher::All {
            positives: items, ..
        } => {
            let mut all = Vec::new();
            for i in items {
                all.extend(root_kinds(i, patterns)?);
            }
            all.sort();
            all.dedup();
            Some(all)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found() {
        assert_eq!(
            placeholders("{$NAME} holds {$VALUE}, not {x}"),
            vec![("NAME".to_string(), 0), ("VALUE".to_string(), 14)]
        );
    }
}
