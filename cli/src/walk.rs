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

/// Lines longer than this mark a file as minified or generated.
const MINIFIED_LINE: usize = 2000;

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
    /// Scanned, but only in part (syntax errors).
    pub partial: bool,
}

pub struct WalkOptions<'a> {
    pub default_ignores: bool,
    /// The `files` filters of text rules: a file no code grammar reads is
    /// scanned only if one of them selects it.
    pub text_filters: Vec<&'a PathFilter>,
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
pub fn discover(root: &Path, opts: &WalkOptions) -> (Vec<Candidate>, Vec<Skipped>, Vec<String>) {
    let mut files = Vec::new();
    let mut listing = Vec::new();
    let mut skipped = Vec::new();
    // A single file: its path is its name.
    let base = if root.is_file() {
        root.parent().unwrap_or(Path::new("")).to_path_buf()
    } else {
        root.to_path_buf()
    };
    let default_ignores = opts.default_ignores;
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
        if !ft.is_file() {
            continue;
        }
        let abs = entry.path().to_path_buf();
        let rel = rel_path(&base, &abs);
        listing.push(rel.clone());
        let lang = match Lang::of_path(&rel) {
            Some(l) => l,
            None if opts.text_filters.iter().any(|f| f.allows(&rel)) => Lang::Text,
            None => continue,
        };
        files.push(Candidate { abs, rel, lang });
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    listing.sort();
    (files, skipped, listing)
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
    if default_ignores && c.lang == Lang::JavaScript && looks_minified(&c.rel, &text) {
        return Err(format!(
            "minified or generated JavaScript (lines over {MINIFIED_LINE} characters); \
             scan its source instead, or pass --no-default-ignores"
        ));
    }
    Ok(text)
}

fn looks_minified(rel: &str, text: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if name.contains(".min.") || name.ends_with("-min.js") {
        return true;
    }
    let head = &text[..text.floor_char_boundary(64 * 1024)];
    head.lines().any(|l| l.len() > MINIFIED_LINE)
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

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("2MB"), Ok(2 * 1024 * 1024));
        assert_eq!(parse_size("512kib"), Ok(512 * 1024));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("two").is_err());
    }
}
