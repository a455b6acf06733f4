//! git, run on a repository nobody vouches for. The scanned tree comes from
//! a pull request, and its `.git/config` (or a submodule's) may name
//! commands for git to run: an fsmonitor hook, clean and smudge filters,
//! diff drivers' textconv and external diffs, hooks. Every git command the
//! tool runs goes through `command`, which switches all of them off, so
//! that reading the history never runs the repository's code.

use std::path::Path;
use std::process::{Command, Stdio};

/// Settings that would otherwise run a command or reach outside the tree,
/// switched off for every invocation.
const OFF: &[&str] = &[
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "diff.external=",
    "diff.ignoreSubmodules=all",
    "status.submoduleSummary=false",
    "submodule.recurse=false",
    "protocol.allow=never",
];

/// The per-driver keys that hold commands, under `filter.NAME.` and
/// `diff.NAME.`: the repository may define drivers with any name.
/// (A diff driver's `command` cannot be emptied this way: `--no-ext-diff`,
/// which `command` adds to every diff, keeps it from running.)
const DRIVER_COMMANDS: &[(&str, &[&str])] = &[
    ("filter", &["clean", "smudge", "process"]),
    ("diff", &["textconv"]),
];

/// `git -c … ARGS` in `dir`, with every command-running setting off; a
/// `diff` also gets `--no-ext-diff --no-textconv`.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = base(dir);
    for (section, name) in drivers(dir) {
        let Some((_, keys)) = DRIVER_COMMANDS.iter().find(|(s, _)| *s == section) else {
            continue;
        };
        for key in *keys {
            cmd.arg("-c").arg(format!("{section}.{name}.{key}="));
        }
        if section == "filter" {
            cmd.arg("-c").arg(format!("filter.{name}.required=false"));
        }
    }
    match args.split_first() {
        Some((&"diff", rest)) => {
            cmd.args(["diff", "--no-ext-diff", "--no-textconv"])
                .args(rest);
        }
        _ => {
            cmd.args(args);
        }
    }
    cmd
}

fn base(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .stdin(Stdio::null())
        .env("GIT_PAGER", "cat")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env_remove("GIT_EXTERNAL_DIFF")
        .env_remove("GIT_EXEC_PATH");
    for setting in OFF {
        cmd.arg("-c").arg(setting);
    }
    cmd
}

/// The filter and diff drivers the repository's configuration defines
/// (reading configuration runs nothing).
fn drivers(dir: &Path) -> Vec<(&'static str, String)> {
    let Ok(out) = base(dir)
        .args([
            "config",
            "--null",
            "--name-only",
            "--get-regexp",
            r"^(filter|diff)\..*\.",
        ])
        .output()
    else {
        return Vec::new();
    };
    let mut found: Vec<(&'static str, String)> = Vec::new();
    for key in String::from_utf8_lossy(&out.stdout).split('\0') {
        // `section.NAME.key`, where NAME may itself hold dots.
        let Some((section, rest)) = key.split_once('.') else {
            continue;
        };
        let Some((name, _)) = rest.rsplit_once('.') else {
            continue;
        };
        let section = match section {
            "filter" => "filter",
            "diff" => "diff",
            _ => continue,
        };
        let driver = (section, name.to_string());
        if !found.contains(&driver) {
            found.push(driver);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A repository whose configuration runs a command on every git
    /// operation that could: after `command` runs status and diff in it,
    /// no marker exists.
    #[test]
    fn the_repositorys_commands_never_run() {
        let tmp = std::env::temp_dir().join(format!("soc2-git-{}", std::process::id()));
        let repo = tmp.join("repo");
        std::fs::create_dir_all(&repo).unwrap();
        let run = |args: &[&str]| {
            let ok = Command::new("git")
                .args(args)
                .current_dir(&repo)
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false);
            assert!(ok, "git {args:?}");
        };
        run(&["init", "-q"]);
        std::fs::write(repo.join("a.py"), "a = 1\n").unwrap();
        std::fs::write(repo.join(".gitattributes"), "*.py filter=x.y diff=x.y\n").unwrap();
        run(&["add", "-A"]);
        run(&[
            "-c",
            "user.email=t@example.com",
            "-c",
            "user.name=t",
            "commit",
            "-qm",
            "init",
        ]);
        let marker = |what: &str| tmp.join(format!("ran-{what}"));
        let touch = |what: &str| format!("touch '{}'; cat", marker(what).display());
        for (key, what) in [
            ("core.fsmonitor", "fsmonitor"),
            ("filter.x.y.clean", "clean"),
            ("filter.x.y.process", "process"),
            ("diff.x.y.textconv", "textconv"),
            ("diff.x.y.command", "command"),
            ("diff.external", "external"),
        ] {
            run(&["config", key, &touch(what)]);
        }
        std::fs::write(repo.join("a.py"), "a = 2\n").unwrap();
        for args in [
            &["status", "--porcelain"][..],
            &["diff", "--unified=0", "HEAD", "--", "."][..],
            &["rev-parse", "HEAD"][..],
        ] {
            let out = command(&repo, args).output().unwrap();
            assert!(out.status.success(), "{args:?}: {out:?}");
        }
        let ran: Vec<_> = std::fs::read_dir(&tmp)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("ran-"))
            .collect();
        std::fs::remove_dir_all(&tmp).ok();
        assert!(ran.is_empty(), "the repository ran: {ran:?}");
    }
}
