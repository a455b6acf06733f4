//! Finding the files to scan: `.gitignore` respected, dependency and build
//! directories left out, dotfiles such as `.env` kept, and every file that
//! cannot be read as text reported with the reason.

use std::path::{Path, PathBuf};

use soc2_compiler::lang::Lang;
use soc2_compiler::plan::PathFilter;

/// Directories that hold dependencies, virtual environments, caches or
/// build output rather than the project's own code.
const DEFAULT_IGNORED_DIRS: &[&str] = &[
    "node_modules",
    "bower_components",
    "jspm_packages",
    ".git",
    ".hg",
    ".svn",
    "venv",
    ".venv",
    "virtualenv",
    "__pycache__",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "site-packages",
    "dist",
    "build",
    ".next",
    ".nuxt",
    ".svelte-kit",
    "coverage",
    ".cache",
    ".parcel-cache",
    ".turbo",
    ".eggs",
    "vendor",
    "vendors",
    "third_party",
    "thirdparty",
];

/// Whether a path (relative, `/`-separated) lies in a directory the walk
/// leaves out by default (dependencies, virtualenvs, build output).
pub fn in_ignored_dir(rel: &str) -> bool {
    let mut dirs: Vec<&str> = rel.split('/').collect();
    dirs.pop();
    dirs.iter().any(|d| DEFAULT_IGNORED_DIRS.contains(d))
}

/// Lines longer than this mark a file as minified or generated.
const MINIFIED_LINE: usize = 2000;
/// So does an average line this long (compressed code in short lines).
const MINIFIED_AVERAGE_LINE: usize = 200;

/// Directories a web app serves files from as they are: a library copied
/// there with its licence banner is someone else's code, not the app's.
const STATIC_DIRS: &[&str] = &[
    "static", "public", "assets", "js", "libs", "plugins", "www", "wwwroot",
];

#[derive(Debug, Clone)]
pub struct Candidate {
    pub abs: PathBuf,
    /// Relative to the scanned root, `/`-separated.
    pub rel: String,
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
    /// Scanned, but only in part (syntax errors, deep nesting, a bound on
    /// findings).
    pub partial: bool,
}

/// What a walk of the tree found. It is made once per command: what is in
/// the tree decides which grammars the rules are compiled for.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files a code grammar reads, sorted by path.
    code: Vec<Candidate>,
    /// Other files, which text rules may select: (absolute, relative).
    other: Vec<(PathBuf, String)>,
    pub skipped: Vec<Skipped>,
    /// Every file path of the tree, sorted, read or not.
    pub listing: Vec<String>,
}

impl Discovery {
    /// The files to scan: those of a code language, and those that one of
    /// the text rules' `files` filters selects.
    pub fn candidates(&self, text_filters: &[&PathFilter]) -> Vec<Candidate> {
        let mut out = self.code.clone();
        out.extend(
            self.other
                .iter()
                .filter(|(_, rel)| text_filters.iter().any(|f| f.allows(rel)))
                .map(|(abs, rel)| Candidate {
                    abs: abs.clone(),
                    rel: rel.clone(),
                    lang: Lang::Text,
                }),
        );
        out.sort_by(|a, b| a.rel.cmp(&b.rel));
        out
    }

    /// The code grammars of the files that `wanted` allows.
    pub fn grammars(&self, wanted: &PathFilter) -> Vec<Lang> {
        let mut out: Vec<Lang> = self
            .code
            .iter()
            .filter(|c| wanted.allows(&c.rel))
            .map(|c| c.lang)
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

fn rel_path(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() {
        p.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    } else {
        s
    }
}

fn is_virtualenv(dir: &Path) -> bool {
    dir.join("pyvenv.cfg").is_file()
}

/// The files to scan, those that could not be listed, and the path of every
/// file seen (for `beside`: a lockfile is looked for, not read).
pub fn discover(root: &Path, default_ignores: bool) -> Discovery {
    let mut files = Vec::new();
    let mut other = Vec::new();
    let mut listing = Vec::new();
    let mut skipped = Vec::new();
    // A single file: its path is its name.
    let base = if root.is_file() {
        root.parent().unwrap_or(Path::new("")).to_path_buf()
    } else {
        root.to_path_buf()
    };
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .ignore(true)
        .parents(true)
        .follow_links(false)
        .filter_entry(move |e| {
            if !default_ignores || e.depth() == 0 {
                return true;
            }
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            if !is_dir {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            !(DEFAULT_IGNORED_DIRS.contains(&name.as_ref()) || is_virtualenv(e.path()))
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = match &err {
                    ignore::Error::WithPath { path, .. } => rel_path(&base, path),
                    _ => String::from("?"),
                };
                skipped.push(Skipped {
                    path,
                    reason: format!("cannot be read: {}", first_line(&err.to_string())),
                    partial: false,
                });
                continue;
            }
        };
        // Real package trees contain directories named like files (`foo.js/`).
        let Some(ft) = entry.file_type() else {
            continue;
        };
        if ft.is_dir() {
            continue;
        }
        if !ft.is_file() {
            // A link is not followed (it could lead out of the tree) and a
            // FIFO, socket or device is not read (it could block or never
            // end): either is reported when it would have been scanned.
            let rel = rel_path(&base, entry.path());
            if entry.depth() == 0 || Lang::of_path(&rel).is_some() {
                skipped.push(Skipped {
                    reason: special_file(ft).to_string(),
                    path: rel,
                    partial: false,
                });
            }
            continue;
        }
        let abs = entry.path().to_path_buf();
        let rel = rel_path(&base, &abs);
        listing.push(rel.clone());
        match Lang::of_path(&rel) {
            Some(lang) => files.push(Candidate { abs, rel, lang }),
            None => other.push((abs, rel)),
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    listing.sort();
    Discovery {
        code: files,
        other,
        skipped,
        listing,
    }
}

/// What a directory entry that is neither a file nor a directory is.
fn special_file(ft: std::fs::FileType) -> &'static str {
    if ft.is_symlink() {
        return "a symbolic link: not followed";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO), not a regular file: not read";
        }
        if ft.is_socket() {
            return "a socket, not a regular file: not read";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device, not a regular file: not read";
        }
    }
    "not a regular file: not read"
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// Reads a candidate as UTF-8 text, or says why it cannot be scanned.
pub fn read_source(c: &Candidate, max_bytes: u64, default_ignores: bool) -> Result<String, String> {
    let meta = std::fs::metadata(&c.abs).map_err(|e| format!("cannot be read: {e}"))?;
    if meta.len() > max_bytes {
        return Err(format!(
            "larger than the size limit ({} > {}; raise it with --max-file-size)",
            human_size(meta.len()),
            human_size(max_bytes)
        ));
    }
    let bytes = std::fs::read(&c.abs).map_err(|e| format!("cannot be read: {e}"))?;
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let text = lone_cr_as_newline(text);
    if is_own_artefact(&c.rel, &text) {
        return Err(
            "a soc2-check report or baseline (what it shows of secrets is masked; its findings are the scan's own)"
                .into(),
        );
    }
    if default_ignores {
        if let Some(marker) = generated_marker(&text) {
            return Err(format!(
                "generated code (\"{marker}\"); scan what it is generated from, or pass --no-default-ignores"
            ));
        }
    }
    if default_ignores && c.lang == Lang::JavaScript {
        if looks_minified(&c.rel, &text) {
            return Err(format!(
                "minified or generated JavaScript (most of its text on lines over {MINIFIED_LINE} characters, or lines of \
                 {MINIFIED_AVERAGE_LINE} on average); scan its source instead, or pass --no-default-ignores"
            ));
        }
        if let Some(banner) = vendored_banner(&c.rel, &text) {
            return Err(format!(
                "a vendored library (\"{banner}\") among static files; \
                 its own project is the place to scan it, or pass --no-default-ignores"
            ));
        }
    }
    Ok(text)
}

/// A lone `\r` ends a line in Python and JavaScript alike (old Mac line
/// ends); the parsers and line numbers expect `\n`. One byte for another
/// keeps every offset.
pub fn lone_cr_as_newline(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).expect("one ASCII byte replaced by another")
}

/// The marker a code generator leaves in a comment among a file's first
/// lines (`// This file is auto-generated by …`, `# @generated`,
/// `// Code generated by protoc-gen-go. DO NOT EDIT.`): the file is
/// rewritten from its source, where findings belong.
fn generated_marker(text: &str) -> Option<String> {
    const MARKERS: [&str; 5] = [
        "@generated",
        "auto-generated",
        "autogenerated",
        "automatically generated",
        "do not edit",
    ];
    text.lines()
        .take(5)
        .map(str::trim)
        // A generator's header is a short comment; a long line is code (or
        // minified, which is judged apart).
        .filter(|l| l.len() <= 300 && ["//", "#", "/*", "*"].iter().any(|c| l.starts_with(c)))
        .find(|l| {
            let lower = l.to_ascii_lowercase();
            MARKERS.iter().any(|m| lower.contains(m))
        })
        .map(|l| {
            let l = l.trim_start_matches(['/', '#', '*', ' ']);
            l[..l.floor_char_boundary(80)].to_string()
        })
}

/// A file soc2-check wrote: a JSON report, SARIF log, baseline or evidence
/// manifest, which name the tool near their start.
fn is_own_artefact(rel: &str, text: &str) -> bool {
    if !(rel.ends_with(".json") || rel.ends_with(".sarif")) {
        return false;
    }
    let head = &text[..text.floor_char_boundary(600)];
    head.contains("\"tool\": \"soc2-check")
        || head.contains("\"tool\":\"soc2-check")
        || text[..text.floor_char_boundary(4096)].contains("\"name\": \"soc2-check\"")
}

/// The banner of a third-party library copied among a web app's static
/// files: a file under a static directory that opens with a comment naming
/// a version and a licence or copyright (`/*! jQuery v3.5.1 | (c) …`).
fn vendored_banner(rel: &str, text: &str) -> Option<String> {
    let mut dirs = rel.split('/').rev().skip(1);
    if !dirs.any(|d| STATIC_DIRS.contains(&d.to_ascii_lowercase().as_str())) {
        return None;
    }
    let body = text.trim_start().strip_prefix("/*")?;
    let comment = &body[..body.find("*/")?.min(body.floor_char_boundary(1500))];
    let lower = comment.to_ascii_lowercase();
    if !["@license", "(c)", "copyright", "license"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return None;
    }
    // A library's version: `v1.2` or `1.2.3` (not a licence's "Version 2.0").
    let b = comment.as_bytes();
    let versioned = (0..b.len()).any(|i| {
        let digits_dot_digit = |j: usize| {
            j + 2 < b.len()
                && b[j].is_ascii_digit()
                && b[j + 1] == b'.'
                && b[j + 2].is_ascii_digit()
        };
        let starts = i == 0 || !b[i - 1].is_ascii_alphanumeric() && b[i - 1] != b'.';
        if matches!(b[i], b'v' | b'V') && starts && digits_dot_digit(i + 1) {
            return true;
        }
        if !(starts && digits_dot_digit(i)) {
            return false;
        }
        // Three parts: 1.2.3.
        let mut j = i + 2;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit()
    });
    if !versioned {
        return None;
    }
    comment
        .lines()
        .map(|l| l.trim().trim_start_matches(['*', '!', ' ']).trim())
        .map(|l| l.strip_prefix("@license").unwrap_or(l).trim())
        .find(|l| !l.is_empty())
        .map(|l| l.chars().take(80).collect())
}

fn looks_minified(rel: &str, text: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if name.contains(".min.") || name.ends_with("-min.js") {
        return true;
    }
    // Judged by the file as a whole: one long comment line in a
    // hand-written file does not make it minified; a bundle is mostly
    // long lines.
    let head = &text[..text.floor_char_boundary(64 * 1024)];
    let (mut lines, mut chars, mut in_long) = (0usize, 0usize, 0usize);
    for l in head.lines() {
        if l.len() > MINIFIED_LINE {
            in_long += l.len();
        }
        lines += 1;
        chars += l.len();
    }
    // Most of the text on long lines, or (with enough code to judge by: a
    // few short lines average nothing) long lines on average.
    in_long * 2 > chars || (chars > 4096 && chars / lines.max(1) > MINIFIED_AVERAGE_LINE)
}

pub fn human_size(n: u64) -> String {
    const K: f64 = 1024.0;
    let f = n as f64;
    if f >= K * K {
        format!("{:.1} MiB", f / K / K)
    } else if f >= K {
        format!("{:.1} KiB", f / K)
    } else {
        format!("{n} B")
    }
}

/// Source files larger than this are skipped unless told otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 << 20;

/// Parses sizes such as `2MB`, `512KiB`, `1048576`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size such as 2MB"))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return Err(format!("`{s}`: unknown unit (use B, KB, MB or GB)")),
    };
    Ok((n * mult) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Links and FIFOs are never read, and never passed over in silence.
    #[cfg(unix)]
    #[test]
    fn links_and_pipes_are_reported_not_read() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.py"), "x = 1\n").unwrap();
        std::os::unix::fs::symlink("/etc/passwd", d.path().join("link.py")).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(d.path().join("pipe.js"))
            .status()
            .is_ok_and(|s| s.success());
        let found = discover(d.path(), true);
        let (files, skipped) = (found.candidates(&[]), found.skipped);
        assert_eq!(
            files.iter().map(|f| f.rel.as_str()).collect::<Vec<_>>(),
            ["a.py"]
        );
        let mut why: Vec<(String, String)> =
            skipped.into_iter().map(|s| (s.path, s.reason)).collect();
        why.sort();
        assert_eq!(
            why[0],
            ("link.py".into(), "a symbolic link: not followed".into())
        );
        if made {
            assert_eq!(why[1].0, "pipe.js");
            assert!(why[1].1.contains("FIFO"), "{why:?}");
            // Named on the command line, it is reported too.
            let found = discover(&d.path().join("pipe.js"), true);
            let (files, skipped) = (found.candidates(&[]), found.skipped);
            assert!(files.is_empty() && skipped.len() == 1, "{skipped:?}");
        }
    }

    #[test]
    fn generated_files_by_their_marker() {
        let gen = "// This file is auto-generated by @hey-api/openapi-ts\n\nexport const a = 1;\n";
        assert_eq!(
            generated_marker(gen).as_deref(),
            Some("This file is auto-generated by @hey-api/openapi-ts")
        );
        assert!(generated_marker("# @generated by pants\nx = 1\n").is_some());
        assert!(generated_marker("// Code generated by protoc-gen-go. DO NOT EDIT.\n").is_some());
        // Not in a comment, or past the first lines: not a marker.
        assert_eq!(generated_marker("msg = 'do not edit'\n"), None);
        let late = format!("{}// @generated\n", "x = 1\n".repeat(6));
        assert_eq!(generated_marker(&late), None);
        // Django's migrations say who wrote them, not that they are rewritten.
        assert_eq!(
            generated_marker("# Generated by Django 4.2 on 2023-05-11\n"),
            None
        );
        // A marker at the end of a huge first line is not a header.
        let long = format!("// {} DO NOT EDIT\n", "x".repeat(5000));
        assert_eq!(generated_marker(&long), None);
    }

    #[test]
    fn vendored_libraries_among_static_files() {
        let jquery = "/*!\n * jQuery JavaScript Library v3.5.1\n * https://jquery.com/\n * Copyright JS Foundation\n */\n(function(){})();\n";
        assert_eq!(
            vendored_banner("app/static/jquery/jquery.js", jquery).as_deref(),
            Some("jQuery JavaScript Library v3.5.1")
        );
        let angular = "/**\n * @license AngularJS v1.0.8\n * (c) 2010-2012 Google, Inc.\n */\n";
        assert_eq!(
            vendored_banner("public/static/angular.js", angular).as_deref(),
            Some("AngularJS v1.0.8")
        );
        // The app's own code: no banner, or not among static files.
        assert_eq!(vendored_banner("static/app.js", "const a = 1;\n"), None);
        assert_eq!(vendored_banner("src/jquery.js", jquery), None);
        let own = "/* Copyright 2024 Acme. All rights reserved. */\nexport const x = 1;\n";
        assert_eq!(vendored_banner("static/js/app.js", own), None);
        // A licence's version is not a library's.
        let apache =
            "/*! Copyright (c) Microsoft. Licensed under the Apache License, Version 2.0 */\n";
        assert_eq!(vendored_banner("public/tsserver.js", apache), None);
        let lodash = "/**\n * @license\n * Lodash 4.17.21 <https://lodash.com/>\n */\n";
        assert_eq!(
            vendored_banner("static/lodash.js", lodash).as_deref(),
            Some("Lodash 4.17.21 <https://lodash.com/>")
        );
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        assert_eq!(lone_cr_as_newline("a\rb\r\nc\r".into()), "a\nb\r\nc\n");
        assert_eq!(lone_cr_as_newline("a\nb".into()), "a\nb");
    }

    #[test]
    fn one_long_comment_line_does_not_make_a_file_minified() {
        let mut code = String::new();
        code.push_str(&format!("// {}\n", "x".repeat(2_001)));
        for i in 0..200 {
            code.push_str(&format!("const value{i} = compute({i});\n"));
        }
        assert!(!looks_minified("src/app.js", &code));
        let bundle = format!("/* license */\n{}\n", "var a=1;".repeat(5_000));
        assert!(looks_minified("dist/app.js", &bundle));
    }

    #[test]
    fn compressed_code_in_short_lines_is_minified() {
        let line = format!("var a{}=function(b){{return b}};", "x".repeat(230));
        let text = vec![line; 40].join("\n");
        assert!(looks_minified("static/loader.js", &text));
        let code = vec!["  const total = items.reduce((a, b) => a + b.price, 0);"; 200].join("\n");
        assert!(!looks_minified("src/cart.js", &code));
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("2MB"), Ok(2 * 1024 * 1024));
        assert_eq!(parse_size("512kib"), Ok(512 * 1024));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("two").is_err());
    }
}
