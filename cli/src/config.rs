//! `soc2-check.toml`: project settings, found from the scanned path upward
//! (or given with `--config`). Every mistake is a diagnostic that points
//! into the file: unknown keys, bad values, unknown rules and categories.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use miette::NamedSource;
use serde::Deserialize;
use soc2_compiler::catalog::{self, Severity};
use toml::Spanned;

use crate::diagnostics::{render, SourceDiagnostic};
use crate::style::Style;
use crate::CliError;

pub const FILE_NAME: &str = "soc2-check.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    max_file_size: Option<Spanned<String>>,
    criteria: Option<Vec<Spanned<String>>>,
    rules_dirs: Option<Vec<Spanned<String>>>,
    public_routes: Option<Vec<Spanned<String>>>,
    paths: Option<RawPaths>,
    rules: Option<RawRules>,
    severity: Option<BTreeMap<String, Spanned<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPaths {
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRules {
    enable: Option<Vec<Spanned<String>>>,
    disable: Option<Vec<Spanned<String>>>,
    enable_categories: Option<Vec<Spanned<String>>>,
    disable_categories: Option<Vec<Spanned<String>>>,
}

/// The settings, checked.
#[derive(Debug, Default, Clone)]
pub struct Config {
    /// Where it was read from.
    pub path: Option<PathBuf>,
    pub max_file_size: Option<u64>,
    pub criteria: Vec<String>,
    /// Extra rule directories, resolved against the file's directory.
    pub rules_dirs: Vec<PathBuf>,
    /// URL paths public by design (globs: `*` one segment, `**` any).
    pub public_routes: Vec<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub enable: Vec<String>,
    pub disable: Vec<String>,
    pub enable_categories: Vec<String>,
    pub disable_categories: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    /// Rule ids named in the file, with their spans, checked once the rules
    /// are loaded.
    named_rules: Vec<(String, std::ops::Range<usize>)>,
    text: String,
}

/// The configuration for a scan of `scan_path`: `explicit`, else the
/// nearest `soc2-check.toml` in the scanned directory or above it.
pub fn find(scan_path: &Path, explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    let start = if scan_path.is_file() {
        scan_path.parent()?.to_path_buf()
    } else {
        scan_path.to_path_buf()
    };
    let start = std::fs::canonicalize(&start).unwrap_or(start);
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

struct Problems<'a> {
    name: &'a str,
    text: &'a str,
    out: Vec<SourceDiagnostic>,
    /// Problems past `MAX_SHOWN`, counted, not kept.
    more: usize,
}

/// How many problems of one configuration are shown: each diagnostic holds
/// the file's text, and a file of 20,000 unknown keys must not take
/// gigabytes to say so.
const MAX_SHOWN: usize = 50;

/// The largest configuration file read.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

impl Problems<'_> {
    fn add(
        &mut self,
        code: &str,
        message: String,
        span: std::ops::Range<usize>,
        help: Option<String>,
    ) {
        if self.out.len() >= MAX_SHOWN {
            self.more += 1;
            return;
        }
        let start = span.start.min(self.text.len());
        let end = span.end.clamp(start, self.text.len());
        self.out.push(SourceDiagnostic {
            code: format!("config::{code}"),
            message,
            label: "here".into(),
            help,
            span: (start, end - start).into(),
            source: NamedSource::new(self.name, self.text.to_string()),
            severity: miette::Severity::Error,
        });
    }
}

fn values(list: &Option<Vec<Spanned<String>>>) -> Vec<(String, std::ops::Range<usize>)> {
    list.iter()
        .flatten()
        .map(|s| (s.get_ref().clone(), s.span()))
        .collect()
}

/// Reads and checks a configuration file; prints every problem and fails
/// with exit status 2 when there is one.
pub fn load(path: &Path) -> Result<Config, CliError> {
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_CONFIG_BYTES) {
        return Err(CliError::Usage(format!(
            "the configuration `{}` is larger than {}: it cannot be a soc2-check configuration",
            path.display(),
            crate::walk::human_size(MAX_CONFIG_BYTES)
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::Usage(format!(
            "cannot read the configuration `{}`: {e}",
            path.display()
        ))
    })?;
    parse(path, &text)
}

/// Checks the text of the configuration at `path` (`rules-dirs` are looked
/// up beside it); prints every problem and fails with exit status 2 when
/// there is one.
pub fn parse(path: &Path, text: &str) -> Result<Config, CliError> {
    let name = path.display().to_string();
    let mut problems = Problems {
        name: &name,
        text,
        out: Vec::new(),
        more: 0,
    };
    // Every unknown key at once (serde would stop at the first).
    if let Ok(doc) = toml::de::DeTable::parse(text) {
        for (key, value) in doc.get_ref() {
            let name: &str = key.get_ref();
            let allowed: Option<&[&str]> = match name {
                "max-file-size" | "criteria" | "rules-dirs" | "public-routes" | "severity" => None,
                "paths" => Some(&["include", "exclude"]),
                "rules" => Some(&[
                    "enable",
                    "disable",
                    "enable-categories",
                    "disable-categories",
                ]),
                _ => {
                    let known = [
                        "max-file-size",
                        "criteria",
                        "rules-dirs",
                        "public-routes",
                        "paths",
                        "rules",
                        "severity",
                    ];
                    let help = match catalog::closest(name, known.iter().copied()) {
                        Some(s) => {
                            format!("did you mean `{s}`? the keys are: {}", known.join(", "))
                        }
                        None => format!("the keys are: {}", known.join(", ")),
                    };
                    problems.add(
                        "unknown-key",
                        format!("unknown key `{name}`"),
                        key.span(),
                        Some(help),
                    );
                    continue;
                }
            };
            let (Some(allowed), Some(table)) = (allowed, value.get_ref().as_table()) else {
                continue;
            };
            for (k, _) in table {
                let sub: &str = k.get_ref();
                if !allowed.contains(&sub) {
                    let help = match catalog::closest(sub, allowed.iter().copied()) {
                        Some(s) => {
                            format!("did you mean `{s}`? [{name}] has: {}", allowed.join(", "))
                        }
                        None => format!("[{name}] has: {}", allowed.join(", ")),
                    };
                    problems.add(
                        "unknown-key",
                        format!("unknown key `{sub}` in [{name}]"),
                        k.span(),
                        Some(help),
                    );
                }
            }
        }
        if !problems.out.is_empty() {
            return fail(problems);
        }
    }
    let raw: RawConfig = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().to_string();
            let help = if message.contains("unknown field") {
                Some("the keys are: max-file-size, criteria, rules-dirs, public-routes, [paths] include/exclude, [rules] enable/disable/enable-categories/disable-categories, [severity] RULE-ID = LEVEL".to_string())
            } else {
                None
            };
            problems.add("syntax", message, span, help);
            return fail(problems);
        }
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let mut cfg = Config {
        path: Some(path.to_path_buf()),
        ..Config::default()
    };
    if let Some(s) = &raw.max_file_size {
        match crate::walk::parse_size(s.get_ref()) {
            Ok(n) => cfg.max_file_size = Some(n),
            Err(e) => problems.add(
                "bad-size",
                e,
                s.span(),
                Some("write e.g. \"2MB\" or \"512KB\"".into()),
            ),
        }
    }
    for (c, span) in values(&raw.criteria) {
        if catalog::TSC_CATEGORIES.contains(&c.as_str()) {
            cfg.criteria.push(c);
        } else {
            problems.add(
                "unknown-criteria",
                format!("unknown trust services category `{c}`"),
                span,
                Some(format!(
                    "the categories are {}",
                    catalog::TSC_CATEGORIES.join(", ")
                )),
            );
        }
    }
    // The configuration is the scanned repository's: the rules it names
    // stay inside it (links resolved). Only the command line reaches out.
    let home = base.canonicalize().ok();
    for (d, span) in values(&raw.rules_dirs) {
        let p = base.join(&d);
        if p.exists() {
            let inside = match (p.canonicalize(), &home) {
                (Ok(real), Some(home)) => real.starts_with(home),
                _ => false,
            };
            if inside {
                cfg.rules_dirs.push(p);
            } else {
                problems.add(
                    "rules-dir-outside",
                    format!(
                        "`{d}` leads outside the directory of the configuration ({})",
                        base.display()
                    ),
                    span,
                    Some(
                        "the configuration may name rule directories inside the repository only; pass others with --rules"
                            .into(),
                    ),
                );
            }
        } else {
            problems.add(
                "missing-rules-dir",
                format!("`{d}` does not exist (relative to {})", base.display()),
                span,
                None,
            );
        }
    }
    for (r, span) in values(&raw.public_routes) {
        if r.starts_with('/') {
            cfg.public_routes.push(r);
        } else {
            problems.add(
                "bad-route",
                format!("`{r}` is not a URL path"),
                span,
                Some("public routes start with `/`, e.g. \"/status\" or \"/docs/**\"".into()),
            );
        }
    }
    if let Some(p) = &raw.paths {
        for (list, into) in [
            (&p.include, &mut cfg.include),
            (&p.exclude, &mut cfg.exclude),
        ] {
            for (g, span) in values(list) {
                match globset::Glob::new(&g) {
                    Ok(_) => into.push(g),
                    Err(e) => problems.add("bad-glob", format!("invalid glob: {e}"), span, None),
                }
            }
        }
    }
    if let Some(r) = &raw.rules {
        for (list, into) in [
            (&r.enable_categories, &mut cfg.enable_categories),
            (&r.disable_categories, &mut cfg.disable_categories),
        ] {
            for (c, span) in values(list) {
                if catalog::CATEGORIES.iter().any(|(s, _)| *s == c) {
                    into.push(c);
                } else {
                    let slugs: Vec<&str> = catalog::CATEGORIES.iter().map(|c| c.0).collect();
                    let help = match catalog::closest(&c, slugs.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`? categories: {}", slugs.join(", ")),
                        None => format!("categories: {}", slugs.join(", ")),
                    };
                    problems.add(
                        "unknown-category",
                        format!("unknown category `{c}`"),
                        span,
                        Some(help),
                    );
                }
            }
        }
        for (list, into) in [(&r.enable, &mut cfg.enable), (&r.disable, &mut cfg.disable)] {
            for (id, span) in values(list) {
                cfg.named_rules.push((id.clone(), span));
                into.push(id);
            }
        }
    }
    for (id, level) in raw.severity.iter().flatten() {
        match Severity::parse(level.get_ref()) {
            Some(s) => {
                cfg.severity.insert(id.clone(), s);
            }
            None => problems.add(
                "unknown-severity",
                format!("unknown severity `{}`", level.get_ref()),
                level.span(),
                Some("severity is one of: critical, high, medium, low".into()),
            ),
        }
        // The key's span: find it before the value.
        let at = text[..level.span().start]
            .rfind(id.as_str())
            .unwrap_or(level.span().start);
        cfg.named_rules.push((id.clone(), at..at + id.len()));
    }
    if !problems.out.is_empty() {
        return fail(problems);
    }
    cfg.text = text.to_string();
    Ok(cfg)
}

fn fail(mut problems: Problems) -> Result<Config, CliError> {
    let style = Style::detect_stderr();
    problems.out.sort_by_key(|d| d.span.offset());
    for d in &problems.out {
        eprint!("{}", render(d, style));
    }
    if problems.more > 0 {
        eprintln!("… and {} more, not shown", problems.more);
    }
    let total = problems.out.len() + problems.more;
    eprintln!(
        "error: {} problem{} in {}; nothing was scanned",
        total,
        if total == 1 { "" } else { "s" },
        problems.name
    );
    Err(CliError::Rules)
}

impl Config {
    /// Rule ids named in the file that no loaded rule has: each is a
    /// diagnostic pointing at the id.
    pub fn check_rule_ids(&self, known: &[&str]) -> Result<(), CliError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let name = path.display().to_string();
        let mut problems = Problems {
            name: &name,
            text: &self.text,
            out: Vec::new(),
            more: 0,
        };
        for (id, span) in &self.named_rules {
            if !known.contains(&id.as_str()) {
                let help = match catalog::closest(id, known.iter().copied()) {
                    Some(s) => {
                        format!("did you mean `{s}`? `soc2-check rules list` shows them all")
                    }
                    None => "`soc2-check rules list` shows them all".into(),
                };
                problems.add(
                    "unknown-rule",
                    format!("no rule `{id}`"),
                    span.clone(),
                    Some(help),
                );
            }
        }
        if problems.out.is_empty() {
            Ok(())
        } else {
            fail(problems).map(|_| ())
        }
    }

    /// Whether a rule runs, by the `[rules]` table.
    pub fn rule_enabled(&self, id: &str, category: &str) -> bool {
        if self.disable.iter().any(|d| d == id)
            || self.disable_categories.iter().any(|c| c == category)
        {
            return false;
        }
        let any_enable = !self.enable.is_empty() || !self.enable_categories.is_empty();
        !any_enable
            || self.enable.iter().any(|e| e == id)
            || self.enable_categories.iter().any(|c| c == category)
    }

    /// `public_routes` as a definition added to the bundled `public_path`.
    pub fn public_routes_rule(&self) -> Option<String> {
        if self.public_routes.is_empty() {
            return None;
        }
        let alts: Vec<String> = self
            .public_routes
            .iter()
            .map(|r| {
                let mut re = String::new();
                let mut chars = r.trim_end_matches('/').chars().peekable();
                while let Some(c) = chars.next() {
                    match c {
                        '*' if chars.peek() == Some(&'*') => {
                            chars.next();
                            re.push_str(".*");
                        }
                        '*' => re.push_str("[^/]*"),
                        c if c.is_ascii_alphanumeric() || c == '/' || c == '-' || c == '_' => {
                            re.push(c)
                        }
                        c => {
                            re.push('\\');
                            re.push(c);
                        }
                    }
                }
                re.replace('/', "\\/")
            })
            .collect();
        Some(format!(
            "# From {}'s public-routes.\nextend define public_path = /^({})\\/?$/\n",
            FILE_NAME,
            alts.join("|")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (tempfile::TempDir, PathBuf) {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(FILE_NAME);
        std::fs::write(&p, text).unwrap();
        (d, p)
    }

    #[test]
    fn reads_every_setting() {
        let (_d, p) = write(
            "max-file-size = \"1MB\"\ncriteria = [\"security\"]\npublic-routes = [\"/status\", \"/docs/**\"]\n\
             [paths]\nexclude = [\"legacy/**\"]\n[rules]\ndisable = [\"weak-cipher\"]\ndisable-categories = [\"backup\"]\n\
             [severity]\nunpinned-dependency = \"medium\"\n",
        );
        let c = load(&p).unwrap();
        assert_eq!(c.max_file_size, Some(1 << 20));
        assert_eq!(c.criteria, ["security"]);
        assert_eq!(c.exclude, ["legacy/**"]);
        assert!(!c.rule_enabled("weak-cipher", "encryption"));
        assert!(!c.rule_enabled("backup-disabled", "backup"));
        assert!(c.rule_enabled("hardcoded-credential", "access-control"));
        assert_eq!(c.severity["unpinned-dependency"], Severity::Medium);
        let rule = c.public_routes_rule().unwrap();
        assert!(rule.contains("\\/status|\\/docs\\/.*"), "{rule}");
        assert!(c
            .check_rule_ids(&["weak-cipher", "unpinned-dependency"])
            .is_ok());
        assert!(c.check_rule_ids(&["weak-cipher"]).is_err());
    }

    #[test]
    fn enable_lists_are_exclusive() {
        let c = Config {
            enable: vec!["a".into()],
            enable_categories: vec!["logging".into()],
            ..Config::default()
        };
        assert!(c.rule_enabled("a", "backup"));
        assert!(c.rule_enabled("b", "logging"));
        assert!(!c.rule_enabled("b", "backup"));
    }

    #[test]
    fn mistakes_fail() {
        for bad in [
            "unknown = 1\n",
            "max-file-size = \"lots\"\n",
            "criteria = [\"secrecy\"]\n",
            "[rules]\ndisable-categories = [\"acess-control\"]\n",
            "[severity]\nweak-cipher = \"urgent\"\n",
            "public-routes = [\"status\"]\n",
            "max-file-size = 3\n",
            "max-filesize = \"1MB\"\n[paths]\nexlude = []\n",
        ] {
            let (_d, p) = write(bad);
            assert!(load(&p).is_err(), "{bad}");
        }
    }

    /// The repository's configuration cannot make the tool read rules (and
    /// echo them in diagnostics) from outside the repository, by an absolute
    /// path, `..`, or a link.
    #[test]
    fn rules_dirs_stay_inside_the_repository() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.rule"), "not a rule\n").unwrap();
        let (d, p) = write("rules-dirs = [\"soc2-rules\"]\n");
        std::fs::create_dir(d.path().join("soc2-rules")).unwrap();
        assert_eq!(load(&p).unwrap().rules_dirs.len(), 1);
        let out = outside.path().display().to_string();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path(), d.path().join("linked")).unwrap();
        for dir in [out.as_str(), "/proc/self/environ", "../", "linked"] {
            std::fs::write(&p, format!("rules-dirs = [{dir:?}]\n")).unwrap();
            // Each exists: the only problem is where it leads.
            assert!(d.path().join(dir).exists(), "{dir}");
            if let Ok(c) = load(&p) {
                panic!("{dir} was accepted: {:?}", c.rules_dirs);
            }
        }
    }
}
