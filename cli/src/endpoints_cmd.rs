//! `soc2-check endpoints`: the inventory of HTTP endpoints with the
//! controls that guard each one and how each was established.
//!
//! The inventory is made of rules like any finding: one rule lists the
//! endpoints (`endpoint`), and one per control asks `endpoint guarded by {
//! use DEF }`, whose findings say how the guard was found. The rules are
//! written here as text and compiled with the user's definitions, so a
//! user's `extend define auth_guard …` shows in the inventory too.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use soc2_compiler::compile::serves;
use soc2_compiler::defs::Def;
use soc2_compiler::lang::Lang;

use crate::ruleset::{self, LoadedRules};
use crate::scan::{self, ScanOptions};
use crate::style::Style;
use crate::CliError;

/// The controls reported, as (key, label, definition).
pub const CONTROLS: [(&str, &str, &str); 5] = [
    ("authentication", "authentication", "auth_guard"),
    ("authorization", "authorisation", "authz_guard"),
    ("rate_limit", "rate limit", "rate_limit"),
    ("audit_log", "audit logging", "audit_log"),
    ("input_validation", "input validation", "input_validation"),
];

pub const PREFIX: &str = "inventory--";

/// Whether a list definition `name` exists.
fn has_list(loaded: &LoadedRules, name: &str) -> bool {
    loaded.analysis().definitions().get(name).is_some()
}

/// Whether definition `name` has a part for `lang`.
fn has_part(loaded: &LoadedRules, name: &str, lang: Lang) -> bool {
    match loaded.analysis().definitions().get(name) {
        Some(Def::Formulas(parts)) => parts.iter().any(|(_, lf)| serves(lf, lang)),
        _ => false,
    }
}

/// The inventory's rules as a rule file the tool writes (name, text,
/// tested), for the definitions `loaded` holds.
pub fn inventory_source(loaded: &LoadedRules) -> (String, String, bool) {
    (
        "<endpoint inventory>".to_string(),
        inventory_rules(loaded),
        true,
    )
}

/// The inventory's rules for the definitions at hand.
fn inventory_rules(loaded: &LoadedRules) -> String {
    // `typescript` covers .tsx files too.
    let langs: Vec<Lang> = [Lang::Python, Lang::JavaScript, Lang::TypeScript]
        .into_iter()
        .filter(|l| has_part(loaded, "route", *l))
        .collect();
    // The product's endpoints: test code is left out, as the endpoint
    // rules leave it out (`test_paths`, when the definitions have it).
    let paths = if has_list(loaded, "test_paths") {
        "paths { exclude @test_paths }"
    } else {
        ""
    };
    // One rule: a match block per language with the given body.
    let rule = |out: &mut String, id: &str, langs: &[Lang], body: &str| {
        if langs.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "rule {PREFIX}{id} {{\n  title \"inventory\"\n  severity low\n  category access-control\n  criteria CC6.1\n  message \"{{$METHOD}} {{$PATH}}\"\n  {paths}"
        );
        for l in langs {
            let _ = writeln!(
                out,
                "  match {} {{\n    endpoint\n    {body}\n  }}",
                l.name()
            );
        }
        out.push_str("}\n");
    };
    let with = |def: &str| -> Vec<Lang> {
        langs
            .iter()
            .copied()
            .filter(|l| has_part(loaded, def, *l))
            .collect()
    };
    let mut out = String::new();
    rule(&mut out, "endpoint", &langs, "");
    // Public by design (`public_path`) or declared public in the code
    // (`public_marker`): shown, so that a reader knows why an endpoint
    // has no authentication.
    rule(
        &mut out,
        "public",
        &langs,
        "where $PATH matches @public_path",
    );
    rule(
        &mut out,
        "declared-public",
        &with("public_marker"),
        "guarded by { use public_marker }",
    );
    for (key, _, def) in CONTROLS {
        rule(
            &mut out,
            key,
            &with(def),
            &format!("guarded by {{ use {def} }}"),
        );
    }
    out
}

#[derive(Serialize)]
pub struct Endpoint {
    pub method: String,
    pub path: String,
    /// Where the route is declared.
    pub file: String,
    pub line: usize,
    pub handler: String,
    /// What runs before the handler.
    pub chain: Vec<String>,
    /// Whether the endpoint is public by design (`public_path`, or
    /// declared so in the code: `public_marker`).
    pub public: bool,
    /// For each control: how it was established, or null.
    pub controls: BTreeMap<&'static str, Option<String>>,
}

/// An endpoint: where it is reported, its method and its path.
type Key = (String, usize, usize, String, String);

pub fn inventory(opts: &ScanOptions) -> Result<(Vec<Endpoint>, scan::ScanResult), CliError> {
    // The bundled definitions (not the bundled rules) and the user's files.
    let mut base = ruleset::load_sources(&opts.rule_paths, opts.no_stdlib, true, Vec::new())?;
    let grammars = |r: &mut ruleset::LoadedRules| {
        if let Some(found) = &opts.found {
            r.compile_for(scan::grammars_of(found, &opts.config));
        }
    };
    grammars(&mut base);
    ruleset::check(&base)?;
    let mut extra = vec![inventory_source(&base)];
    // The configuration's public routes extend `public_path` here too.
    if let Some(t) = opts.config.public_routes_rule() {
        extra.insert(0, (crate::config::FILE_NAME.to_string(), t, false));
    }
    let mut loaded = ruleset::load_sources(&opts.rule_paths, opts.no_stdlib, true, extra)?;
    grammars(&mut loaded);
    ruleset::check(&loaded)?;
    let result = scan::scan(&mut loaded, opts);
    let mut endpoints: BTreeMap<Key, Endpoint> = BTreeMap::new();
    let mut guards: Vec<(&'static str, Key, String)> = Vec::new();
    let mut public = Vec::new();
    for r in &result.findings {
        let Some(id) = r.rule.id.strip_prefix(PREFIX) else {
            continue;
        };
        let Some(e) = &r.finding.endpoint else {
            continue;
        };
        let f = &r.finding;
        let key = (
            f.path.clone(),
            f.start.line,
            f.start.column,
            e.method.clone(),
            e.path.clone(),
        );
        if id == "endpoint" {
            endpoints.insert(
                key,
                Endpoint {
                    method: e.method.clone(),
                    path: e.path.clone(),
                    file: f.path.clone(),
                    line: f.start.line,
                    handler: e.handler.clone(),
                    chain: e.chain.clone(),
                    public: false,
                    controls: CONTROLS.iter().map(|(k, _, _)| (*k, None)).collect(),
                },
            );
        } else if id == "public" || id == "declared-public" {
            public.push(key);
        } else if let Some((k, _, _)) = CONTROLS.iter().find(|(k, _, _)| *k == id) {
            guards.push((k, key, e.guard.clone().unwrap_or_default()));
        }
    }
    for (k, key, how) in guards {
        if let Some(ep) = endpoints.get_mut(&key) {
            ep.controls.insert(k, Some(how));
        }
    }
    for key in public {
        if let Some(ep) = endpoints.get_mut(&key) {
            ep.public = true;
        }
    }
    Ok((endpoints.into_values().collect(), result))
}

pub fn text(endpoints: &[Endpoint], result: &scan::ScanResult, style: Style) -> String {
    let mut out = String::new();
    for e in endpoints {
        let _ = writeln!(
            out,
            "{} {}  {}",
            style.bold(&format!("{:<7}", e.method)),
            style.bold(&e.path),
            style.dim(&format!(
                "{}:{} → handler {}{}",
                e.file,
                e.line,
                e.handler,
                if e.public { " · public by design" } else { "" }
            ))
        );
        if !e.chain.is_empty() {
            let _ = writeln!(
                out,
                "    {}",
                style.dim(&format!("runs first: {}", e.chain.join(", ")))
            );
        }
        for (key, label, _) in CONTROLS {
            let how = e.controls.get(key).cloned().flatten();
            let mark = match &how {
                Some(_) => style.green("✓"),
                None => style.red("✗"),
            };
            let _ = writeln!(
                out,
                "    {mark} {:<17}{}",
                label,
                how.as_deref()
                    .map(|h| style.dim(h))
                    .unwrap_or_else(|| style.dim("none found"))
            );
        }
    }
    let total = endpoints.len();
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{total} endpoint{} in {} files scanned",
            if total == 1 { "" } else { "s" },
            result.files_scanned
        ))
    );
    let _ = writeln!(
        out,
        "  public by design: {} of {total}",
        endpoints.iter().filter(|e| e.public).count()
    );
    for (key, label, _) in CONTROLS {
        let n = endpoints
            .iter()
            .filter(|e| e.controls.get(key).is_some_and(Option::is_some))
            .count();
        let _ = writeln!(out, "  {label}: {n} of {total}");
    }
    out
}

#[derive(Serialize)]
struct JsonInventory<'a> {
    version: &'static str,
    endpoints: &'a [Endpoint],
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSummary {
    endpoints: usize,
    files_scanned: usize,
    /// Public by design (`public_path`).
    public: usize,
    /// For each control, how many endpoints have it.
    guarded: BTreeMap<&'static str, usize>,
}

pub fn json(endpoints: &[Endpoint], result: &scan::ScanResult) -> String {
    let guarded = CONTROLS
        .iter()
        .map(|(k, _, _)| {
            (
                *k,
                endpoints
                    .iter()
                    .filter(|e| e.controls.get(k).is_some_and(Option::is_some))
                    .count(),
            )
        })
        .collect();
    let report = JsonInventory {
        version: env!("CARGO_PKG_VERSION"),
        endpoints,
        summary: JsonSummary {
            endpoints: endpoints.len(),
            files_scanned: result.files_scanned,
            public: endpoints.iter().filter(|e| e.public).count(),
            guarded,
        },
    };
    let mut s = serde_json::to_string_pretty(&report).expect("inventory serialises");
    s.push('\n');
    s
}
