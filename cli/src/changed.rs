//! `--changed-since REF`: the lines changed since a git revision, so that a
//! pull request is judged by what it changes. Untracked files count as
//! changed throughout.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::Path;

use crate::CliError;

/// Changed lines per file, relative to the scanned directory.
#[derive(Debug, Default)]
pub struct Changes {
    files: HashMap<String, Vec<RangeInclusive<usize>>>,
}

/// A whole file: every line.
const ALL: RangeInclusive<usize> = 1..=usize::MAX;

fn git(dir: &Path, args: &[&str]) -> Result<String, CliError> {
    let out = crate::git::command(dir, args)
        .output()
        .map_err(|e| CliError::Usage(format!("--changed-since needs git: {e}")))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(CliError::Usage(format!(
            "--changed-since: `git {}` failed: {}",
            args.join(" "),
            err.lines().next().unwrap_or("").trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl Changes {
    pub fn since(root: &Path, rev: &str) -> Result<Changes, CliError> {
        let dir = if root.is_file() {
            root.parent().unwrap_or(Path::new("."))
        } else {
            root
        };
        // `--end-of-options` keeps a revision from being read as an option.
        git(
            dir,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &format!("{rev}^{{commit}}"),
            ],
        )
        .map_err(|_| {
            CliError::Usage(format!(
                "--changed-since: `{rev}` is not a commit of the repository at {}",
                dir.display()
            ))
        })?;
        let diff = git(
            dir,
            &[
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--unified=0",
                "--relative",
                "--end-of-options",
                rev,
                "--",
                ".",
            ],
        )?;
        let mut changes = Changes::parse_diff(&diff);
        let untracked = git(
            dir,
            &["ls-files", "--others", "--exclude-standard", "--", "."],
        )?;
        for path in untracked.lines().filter(|l| !l.is_empty()) {
            changes.files.insert(path.to_string(), vec![ALL]);
        }
        Ok(changes)
    }

    fn parse_diff(diff: &str) -> Changes {
        let mut files: HashMap<String, Vec<RangeInclusive<usize>>> = HashMap::new();
        let mut current: Option<String> = None;
        for line in diff.lines() {
            if let Some(p) = line.strip_prefix("+++ ") {
                current = p.strip_prefix("b/").map(str::to_string);
                if let Some(c) = &current {
                    files.entry(c.clone()).or_default();
                }
            } else if let (Some(hunk), Some(c)) = (line.strip_prefix("@@ "), &current) {
                // @@ -a,b +c,d @@: the new side's lines c .. c+d-1.
                let Some(new) = hunk.split_whitespace().find(|w| w.starts_with('+')) else {
                    continue;
                };
                let mut it = new[1..].split(',');
                let start: usize = it.next().and_then(|s| s.parse().ok()).unwrap_or(0);
                let count: usize = it.next().and_then(|s| s.parse().ok()).unwrap_or(1);
                if count > 0 {
                    files
                        .entry(c.clone())
                        .or_default()
                        .push(start..=start + count - 1);
                }
            }
        }
        Changes { files }
    }

    /// Whether a finding on lines `start..=end` of `path` touches a change.
    pub fn touches(&self, path: &str, start: usize, end: usize) -> bool {
        self.files.get(path).is_some_and(|ranges| {
            ranges
                .iter()
                .any(|r| *r.start() <= end && start <= *r.end())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_the_new_lines() {
        let diff = "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n@@ -3,0 +4,2 @@ def f():\n+x\n+y\n@@ -10 +12 @@\n-a\n+b\n@@ -20,3 +22,0 @@\n-gone\n";
        let c = Changes::parse_diff(diff);
        assert!(c.touches("app.py", 4, 4));
        assert!(c.touches("app.py", 5, 6));
        assert!(c.touches("app.py", 12, 12));
        assert!(!c.touches("app.py", 6, 11));
        assert!(!c.touches("app.py", 22, 22), "a deletion adds no line");
        assert!(!c.touches("other.py", 1, 100));
    }
}
