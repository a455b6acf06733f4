//! `soc2-check test`: runs rule tests written as annotated fixtures.
//!
//! A comment `ruleid: ID` says the next code line (or its own line, when it
//! trails code) must be reported by rule ID; `ok: ID` says it must not be;
//! `todoruleid:` and `todook:` record known gaps and never fail. A finding by
//! a rule under test on a line that expects nothing fails too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use soc2_compiler::lang::Lang;
use soc2_engine::{Change, FileId};

use crate::diagnostics::{render, SourceDiagnostic};
use crate::ruleset::{self, LoadedRules};
use crate::style::Style;
use crate::CliError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    RuleId,
    Ok,
    TodoRuleId,
    TodoOk,
}

#[derive(Debug, PartialEq, Eq)]
struct Annotation {
    kind: Kind,
    ids: Vec<String>,
    /// 1-based line the annotation is about.
    target: usize,
}

/// A fixture to run: its text, the path rules see, and where its lines are
/// in the file that diagnostics show.
struct Fixture {
    display_name: String,
    rules_path: String,
    lang: Lang,
    text: String,
    /// The file diagnostics point into (the fixture, or the rule file for
    /// inline tests) and the byte offset of each fixture line in it.
    shown_text: String,
    line_offsets: Vec<usize>,
}

struct Target {
    /// Index of the rule file in the loaded rule set.
    source: usize,
    fixtures: Vec<Fixture>,
}

fn parse_annotations(text: &str, lang: Lang) -> Vec<Annotation> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut pending: Vec<(Kind, Vec<String>)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let found = find_annotation(line, lang);
        match found {
            Some((kind, ids, trailing)) if trailing => out.push(Annotation {
                kind,
                ids,
                target: i + 1,
            }),
            Some((kind, ids, _)) => pending.push((kind, ids)),
            None if line.trim().is_empty() => {}
            None => {
                for (kind, ids) in pending.drain(..) {
                    out.push(Annotation {
                        kind,
                        ids,
                        target: i + 1,
                    });
                }
            }
        }
    }
    out
}

/// An annotation comment on this line: its kind, ids, and whether code
/// stands before it on the same line.
fn find_annotation(line: &str, lang: Lang) -> Option<(Kind, Vec<String>, bool)> {
    for marker in lang.comment_markers() {
        let mut from = 0;
        while let Some(pos) = line[from..].find(marker) {
            let at = from + pos;
            let after = line[at + marker.len()..].trim_start();
            for (word, kind) in [
                ("todoruleid:", Kind::TodoRuleId),
                ("todook:", Kind::TodoOk),
                ("ruleid:", Kind::RuleId),
                ("ok:", Kind::Ok),
            ] {
                if let Some(rest) = after.strip_prefix(word) {
                    let ids: Vec<String> = rest
                        .split(',')
                        .map(|s| {
                            s.trim()
                                .trim_end_matches("*/}")
                                .trim_end_matches("*/")
                                .trim_end_matches("-->")
                                .trim()
                                .to_string()
                        })
                        .filter(|s| !s.is_empty())
                        .collect();
                    let before = line[..at].trim();
                    let trailing = !before.is_empty() && before != "{";
                    return Some((kind, ids, trailing));
                }
            }
            from = at + marker.len();
        }
    }
    None
}

fn line_offsets(text: &str) -> Vec<usize> {
    let mut v = vec![0];
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            v.push(i + 1);
        }
    }
    v
}

fn fixture_lang(name: &str) -> Lang {
    Lang::of_path(name).unwrap_or(Lang::Text)
}

fn file_fixture(display_name: String, rules_path: String, text: String) -> Fixture {
    Fixture {
        lang: fixture_lang(&rules_path),
        line_offsets: line_offsets(&text),
        shown_text: text.clone(),
        display_name,
        rules_path,
        text,
    }
}

/// Inline `test` blocks of a rule file, de-indented, with their lines mapped
/// back onto the rule file.
fn inline_fixtures(loaded: &LoadedRules, source: usize) -> Vec<Fixture> {
    let (name, rule_text) = &loaded.sources[source];
    let analysis = loaded.analysis();
    let Some(parsed) = analysis.parsed_rule_file(source) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for rule in &parsed.rules {
        for (k, t) in rule.tests.iter().enumerate() {
            let raw = &t.body.value;
            let base = t.body.span.start;
            let mut lines: Vec<(usize, &str)> = Vec::new();
            let mut off = 0;
            for l in raw.split('\n') {
                lines.push((off, l));
                off += l.len() + 1;
            }
            if lines.first().is_some_and(|(_, l)| l.trim().is_empty()) {
                lines.remove(0);
            }
            if lines.last().is_some_and(|(_, l)| l.trim().is_empty()) {
                lines.pop();
            }
            let indent = lines
                .iter()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(_, l)| l.len() - l.trim_start_matches([' ', '\t']).len())
                .min()
                .unwrap_or(0);
            let mut text = String::new();
            let mut offsets = Vec::new();
            for (o, l) in &lines {
                let cut = indent.min(l.len() - l.trim_start_matches([' ', '\t']).len());
                offsets.push(base + o + cut);
                text.push_str(&l[cut..]);
                text.push('\n');
            }
            let (rules_path, lang) = if t.target_is_file {
                (t.target.value.clone(), fixture_lang(&t.target.value))
            } else {
                let lang = Lang::parse(&t.target.value).unwrap_or(Lang::Text);
                (format!("test.{}", lang.fixture_extension()), lang)
            };
            out.push(Fixture {
                display_name: format!("{name} (test {} of {})", k + 1, rule.id.value),
                rules_path,
                lang,
                text,
                shown_text: rule_text.clone(),
                line_offsets: offsets,
            });
        }
    }
    out
}

fn disk_fixtures(rule_file: &Path) -> Result<Vec<Fixture>, CliError> {
    let stem = rule_file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    // `NAME.rule` has the empty path as its parent: the current directory.
    let dir = match rule_file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut out = Vec::new();
    let mut paths: Vec<(PathBuf, String)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            if p.is_file()
                && name.strip_prefix(&stem).is_some_and(|r| r.starts_with('.'))
                && !name.ends_with(".rule")
            {
                paths.push((p, name));
            }
        }
    }
    let sub = dir.join(&stem);
    if sub.is_dir() {
        for entry in ignore::WalkBuilder::new(&sub)
            .hidden(false)
            .git_ignore(false)
            .ignore(false)
            .build()
            .flatten()
        {
            if entry.path().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(&sub)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                paths.push((entry.path().to_path_buf(), rel));
            }
        }
    }
    paths.sort();
    for (p, rel) in paths {
        let text = std::fs::read_to_string(&p)
            .map_err(|e| CliError::Usage(format!("cannot read fixture `{}`: {e}", p.display())))?;
        out.push(file_fixture(p.display().to_string(), rel, text));
    }
    Ok(out)
}

/// Tests the rule files named by `paths`, or with none named, the bundled
/// rules and the configuration's rule directories (`opts.rule_paths` holds
/// both the named paths and those directories).
pub fn run(paths: &[PathBuf], opts: &crate::scan::ScanOptions) -> Result<bool, CliError> {
    let mut loaded = ruleset::load(&opts.rule_paths, opts.no_stdlib)?;
    ruleset::check(&loaded)?;
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let mut named = BTreeSet::new();
    for p in paths {
        named.extend(ruleset::rule_files_under(p)?.iter().map(|f| canonical(f)));
    }
    let mut targets = Vec::new();
    if paths.is_empty() {
        for (i, f) in soc2_stdlib_rules::rule_files().enumerate() {
            let mut fixtures: Vec<Fixture> = soc2_stdlib_rules::fixtures_of(f.path)
                .into_iter()
                .map(|(e, rel)| {
                    file_fixture(
                        format!("{}{}", ruleset::STDLIB_PREFIX, e.path),
                        rel,
                        e.contents.to_string(),
                    )
                })
                .collect();
            fixtures.extend(inline_fixtures(&loaded, i));
            targets.push(Target {
                source: i,
                fixtures,
            });
        }
    }
    {
        for i in loaded.first_user..loaded.sources.len() {
            if !paths.is_empty() && !named.contains(&canonical(Path::new(&loaded.sources[i].0))) {
                continue;
            }
            let mut fixtures = disk_fixtures(Path::new(&loaded.sources[i].0))?;
            fixtures.extend(inline_fixtures(&loaded, i));
            targets.push(Target {
                source: i,
                fixtures,
            });
        }
    }
    let style = Style::detect_stderr();
    let mut passed = 0usize;
    let mut failed = 0usize;
    let mut untested = Vec::new();
    for t in &targets {
        let under_test: BTreeSet<String> = loaded
            .analysis()
            .parsed_rule_file(t.source)
            .map(|f| f.rules.iter().map(|r| r.id.value.clone()).collect())
            .unwrap_or_default();
        let mut annotated_ids = BTreeSet::new();
        // A rule's fixtures form one project (and the only files of the
        // host), so that a fixture app's files can import each other.
        let mut change = Change::new();
        {
            let before = loaded.analysis();
            for id in before.files() {
                let p = before.path(id).unwrap_or_default();
                if !t.fixtures.iter().any(|fx| fx.rules_path == p) {
                    change.remove_file(p);
                }
            }
        }
        for fx in &t.fixtures {
            change.set_file(fx.rules_path.clone(), Arc::from(fx.text.as_str()), fx.lang);
        }
        change.set_listing(t.fixtures.iter().map(|fx| fx.rules_path.clone()).collect());
        loaded.host.apply_change(change);
        let analysis = loaded.analysis();
        for fx in &t.fixtures {
            let Some(file) = analysis.file_id(&fx.rules_path) else {
                continue;
            };
            let (p, f, ids) = check_fixture(&loaded, &analysis, fx, file, &under_test, style);
            passed += p;
            failed += f;
            annotated_ids.extend(ids);
        }
        for id in &under_test {
            if !annotated_ids.contains(id) {
                untested.push(format!("{} ({})", id, loaded.sources[t.source].0));
            }
        }
    }
    // A rule nothing tests would let a CI job that tests nothing pass.
    for u in &untested {
        eprintln!(
            "error: rule {u} has no tests: no fixture beside it (NAME.py, NAME.js, NAME/…) and no inline `test` annotates it with `ruleid:` or `ok:`"
        );
    }
    let untested_note = if untested.is_empty() {
        String::new()
    } else {
        format!(", {} rule(s) without tests", untested.len())
    };
    println!("{passed} passed, {failed} failed{untested_note}");
    Ok(failed == 0 && untested.is_empty())
}

/// Runs one fixture. Returns (passed, failed, rule ids it annotates).
fn check_fixture(
    loaded: &LoadedRules,
    analysis: &soc2_engine::Analysis,
    fx: &Fixture,
    file: FileId,
    under_test: &BTreeSet<String>,
    style: Style,
) -> (usize, usize, BTreeSet<String>) {
    let annotations = parse_annotations(&fx.text, fx.lang);
    let known_ids: BTreeSet<String> = loaded
        .compiled()
        .iter()
        .filter_map(|o| o.rule.as_ref().map(|r| r.id.clone()))
        .collect();
    let result = analysis.file_result(file);
    let mut reported: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for f in &result.findings {
        *reported
            .entry((f.start.line, f.rule_id.clone()))
            .or_default() += 1;
    }
    let mut checked: BTreeSet<String> = under_test.clone();
    let mut expected: BTreeSet<(usize, String)> = BTreeSet::new();
    let mut tolerated: BTreeSet<(usize, String)> = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for a in &annotations {
        for id in &a.ids {
            ids.insert(id.clone());
            checked.insert(id.clone());
            match a.kind {
                Kind::RuleId => {
                    expected.insert((a.target, id.clone()));
                }
                Kind::TodoRuleId | Kind::TodoOk => {
                    tolerated.insert((a.target, id.clone()));
                }
                Kind::Ok => {}
            }
        }
    }
    let mut passed = 0;
    let mut failures: Vec<(usize, String, String)> = Vec::new();
    for a in &annotations {
        for id in &a.ids {
            let hit = reported.contains_key(&(a.target, id.clone()));
            match a.kind {
                Kind::RuleId if hit => passed += 1,
                Kind::RuleId => failures.push((
                    a.target,
                    format!("expected {id} here, nothing reported"),
                    if known_ids.contains(id) {
                        format!("a `ruleid: {id}` comment says rule {id} must report this line")
                    } else {
                        let hint = soc2_compiler::catalog::closest(
                            id,
                            known_ids.iter().map(String::as_str),
                        )
                        .map(|c| format!("; did you mean `{c}`?"))
                        .unwrap_or_default();
                        format!("no rule `{id}` is loaded{hint}")
                    },
                )),
                Kind::Ok if !hit => passed += 1,
                Kind::Ok => failures.push((
                    a.target,
                    format!("{id} reported here, marked ok"),
                    format!("an `ok: {id}` comment says rule {id} must not report this line"),
                )),
                _ => {}
            }
        }
    }
    for (line, id) in reported.keys() {
        let key = (*line, id.clone());
        let marked_ok = annotations
            .iter()
            .any(|a| a.kind == Kind::Ok && a.target == *line && a.ids.contains(id));
        if checked.contains(id)
            && !expected.contains(&key)
            && !tolerated.contains(&key)
            && !marked_ok
        {
            failures.push((
                *line,
                format!("{id} reported here, not expected"),
                format!(
                    "add `ruleid: {id}` above this line if the finding is right, or fix the rule"
                ),
            ));
        }
    }
    failures.sort();
    for (line, message, help) in &failures {
        let start = fx.line_offsets.get(line - 1).copied().unwrap_or(0);
        let line_text = fx.shown_text[start..].lines().next().unwrap_or("");
        let d = SourceDiagnostic {
            code: "test::failed".into(),
            message: format!("{}: {message}", fx.display_name),
            label: message.clone(),
            help: Some(help.clone()),
            span: (start, line_text.len()).into(),
            source: miette::NamedSource::new(fx.display_name.clone(), fx.shown_text.clone()),
            severity: miette::Severity::Error,
        };
        eprint!("{}", render(&d, style));
    }
    (passed, failures.len(), ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_apply_to_the_next_code_line_or_their_own() {
        let text = "# ruleid: a, b\n\n# ok: c\nx = 1\ny = 2  # todoruleid: d\n";
        let got = parse_annotations(text, Lang::Python);
        assert_eq!(
            got,
            vec![
                Annotation {
                    kind: Kind::RuleId,
                    ids: vec!["a".into(), "b".into()],
                    target: 4
                },
                Annotation {
                    kind: Kind::Ok,
                    ids: vec!["c".into()],
                    target: 4
                },
                Annotation {
                    kind: Kind::TodoRuleId,
                    ids: vec!["d".into()],
                    target: 5
                },
            ]
        );
    }

    #[test]
    fn jsx_comments_are_annotations() {
        let got = parse_annotations(
            "<div>\n  {/* ruleid: x */}\n  <a/>\n</div>\n",
            Lang::JavaScript,
        );
        assert_eq!(
            got,
            vec![Annotation {
                kind: Kind::RuleId,
                ids: vec!["x".into()],
                target: 3
            }]
        );
    }
}
