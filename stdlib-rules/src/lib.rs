//! The bundled SOC 2 rule library. The rules are data: rule files under
//! `rules/<category>/`, each with its test fixtures beside it, embedded in
//! the binary at build time.

/// A file of the bundled library, by its path under `rules/`.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedFile {
    pub path: &'static str,
    pub contents: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/files.rs"));

/// Every embedded file: rule files and fixtures.
pub fn files() -> &'static [EmbeddedFile] {
    FILES
}

/// The rule files, in a stable order.
pub fn rule_files() -> impl Iterator<Item = &'static EmbeddedFile> {
    FILES.iter().filter(|f| f.path.ends_with(".rule"))
}

/// The fixtures of a rule file: `NAME.*` beside `NAME.rule`, and every file
/// under the directory `NAME/` (for fixtures that need a particular file name,
/// such as `.env` or `package.json`). Returns (path, name inside the fixture).
pub fn fixtures_of(rule_path: &str) -> Vec<(&'static EmbeddedFile, String)> {
    let stem = rule_path.trim_end_matches(".rule");
    let (dir, file_stem) = match stem.rsplit_once('/') {
        Some((d, f)) => (d, f),
        None => ("", stem),
    };
    FILES
        .iter()
        .filter(|f| f.path != rule_path && !f.path.ends_with(".rule"))
        .filter_map(|f| {
            if let Some(rest) = f.path.strip_prefix(&format!("{stem}/")) {
                return Some((f, rest.to_string()));
            }
            let (fdir, name) = match f.path.rsplit_once('/') {
                Some((d, n)) => (d, n),
                None => ("", f.path),
            };
            let is_fixture = fdir == dir
                && name
                    .strip_prefix(file_stem)
                    .is_some_and(|rest| rest.starts_with('.'));
            is_fixture.then(|| (f, name.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_is_embedded_with_fixtures() {
        let rules: Vec<_> = rule_files().collect();
        assert!(!rules.is_empty());
        for r in rules {
            let defines_rules = r.contents.lines().any(|l| l.starts_with("rule "));
            if defines_rules {
                assert!(
                    !fixtures_of(r.path).is_empty(),
                    "{} has no fixtures",
                    r.path
                );
            }
        }
    }
}
