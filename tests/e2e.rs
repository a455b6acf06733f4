//! End-to-end tests: run the `soc2-check` binary on fixture projects and
//! assert on the findings (file, line, rule, category), the exit status and
//! the rendered output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_soc2-check"));
    c.env("NO_COLOR", "1");
    c
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn example_app() -> PathBuf {
    repo_root().join("examples/acme-app")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_scan(path: &Path, extra: &[&str]) -> (Value, i32) {
    let mut args = vec!["--path", path.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let o = run(&args);
    let v: Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("json: {e}\n{}", stderr(&o)));
    (v, o.status.code().unwrap_or(-1))
}

/// `path:line rule category` for every finding.
fn finding_keys(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{} {} {}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["rule_id"].as_str().unwrap(),
                f["category"].as_str().unwrap()
            )
        })
        .collect()
}

fn write(root: &Path, rel: &str, contents: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, contents).unwrap();
}

#[test]
fn example_app_findings() {
    let (v, code) = json_scan(&example_app(), &[]);
    assert_eq!(code, 1, "findings make the exit status 1");
    let keys = finding_keys(&v);
    let expected = [
        ".env:3 hardcoded-connection-string access-control",
        ".env:4 env-file-secret access-control",
        ".env:7 tls-verification-disabled encryption",
        "backend/app.py:14 hardcoded-credential access-control",
        "backend/app.py:20 weak-hash-for-credentials encryption",
        "backend/app.py:32 endpoint-without-authentication access-control",
        "backend/app.py:35 tls-verification-disabled encryption",
        "backend/app.py:44 endpoint-without-authentication access-control",
        "backend/app.py:47 command-from-request vulnerability-management",
        "backend/app.py:50 endpoint-without-authentication access-control",
        "backend/app.py:52 unsafe-deserialization vulnerability-management",
        "backend/app.py:56 endpoint-without-authentication access-control",
        "backend/app.py:58 command-from-request vulnerability-management",
        "backend/app.py:66 swallowed-exception incident-response",
        "backend/app.py:79 debug-mode-enabled change-management",
        "backend/config/settings.py:3 django-debug-enabled change-management",
        "backend/config/settings.py:5 hardcoded-credential access-control",
        "backend/requirements.txt:2 unpinned-dependency change-management",
        "backend/requirements.txt:3 unpinned-dependency change-management",
        "web/package.json:11 missing-lockfile change-management",
        "web/package.json:14 unpinned-dependency change-management",
        "web/package.json:15 unpinned-dependency change-management",
        "web/routes/admin.js:9 privileged-endpoint-without-authorization access-control",
        "web/routes/admin.js:20 data-change-without-audit-log logging",
        "web/routes/profile.js:5 unsafe-deserialization vulnerability-management",
        "web/routes/profile.js:10 weak-hash-for-credentials encryption",
        "web/server.js:16 hardcoded-credential access-control",
        "web/server.js:22 tls-verification-disabled encryption",
        "web/server.js:25 endpoint-without-authentication access-control",
        "web/server.js:29 swallowed-exception incident-response",
        "web/server.js:32 endpoint-without-authentication access-control",
        "web/server.js:33 command-from-request vulnerability-management",
        "web/server.js:42 auth-endpoint-without-rate-limit network-security",
        "web/server.js:43 sensitive-data-in-logs logging",
    ];
    assert_eq!(keys, expected);
    // Good practice in the same files is not reported: the Gravatar MD5,
    // bcrypt, the argument-list subprocess call, the narrow except clause;
    // the admin routes behind requireSession (defined in another file), the
    // role change checked by requireRole and recorded by audit.record.
    for (path, line) in [
        ("backend/app.py", 28),
        ("backend/app.py", 24),
        ("backend/app.py", 59),
        ("backend/app.py", 73),
        ("web/routes/admin.js", 13),
        ("web/routes/admin.js", 14),
        ("web/routes/admin.js", 19),
    ] {
        assert!(
            !keys
                .iter()
                .any(|k| k.starts_with(&format!("{path}:{line} "))),
            "{path}:{line}"
        );
    }
    let f = &v["findings"][0];
    for field in [
        "rule_id",
        "title",
        "severity",
        "category",
        "criteria",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "recommendation",
        "fingerprint",
    ] {
        assert!(!f[field].is_null(), "finding has {field}");
    }
    assert_eq!(v["summary"]["findings"], 34);
    assert_eq!(v["summary"]["files_scanned"], 9);
}

#[test]
fn example_app_json_snapshot() {
    let (v, _) = json_scan(&example_app(), &[]);
    insta::assert_json_snapshot!("example_app_json", v);
}

#[test]
fn example_app_text_report_snapshot() {
    let o = run(&["--path", example_app().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("example_app_text", stdout(&o));
}

#[test]
fn secrets_are_masked_in_every_format() {
    for format in ["text", "json"] {
        let o = run(&[
            "--path",
            example_app().to_str().unwrap(),
            "--format",
            format,
        ]);
        let out = stdout(&o);
        for secret in [
            "Pg-Acme-2291",
            "whsec-acme-f81c2d9e4b",
            "ldg-3f9a7c21e8b4d605",
            "acme-dev-Key-77f2a91c",
            "ldg-web-91c04e7f2a",
        ] {
            assert!(!out.contains(secret), "{format} output shows {secret}");
        }
        assert!(
            out.contains("ldg-"),
            "{format}: a short prefix stays visible"
        );
    }
}

#[test]
fn secrets_in_middleware_do_not_reach_endpoint_messages_or_the_inventory() {
    let dir = tempfile::tempdir().unwrap();
    let secret = ["s3ss", "ion-", "Zq81", "kLm2"].concat();
    write(
        dir.path(),
        "server.js",
        &format!(
            "const app = express();\napp.use(session({{ secret: \"{secret}\" }}));\napp.get(\"/orders\", (req, res) => res.json([]));\n"
        ),
    );
    let path = dir.path().to_str().unwrap();
    for args in [
        vec!["--path", path],
        vec!["--path", path, "--format", "json"],
        vec!["endpoints", "--path", path],
        vec!["endpoints", "--path", path, "--format", "json"],
    ] {
        let out = stdout(&run(&args));
        assert!(out.contains("/orders"), "{args:?}: {out}");
        assert!(
            out.contains("session(…)"),
            "{args:?}: the chain names the middleware"
        );
        assert!(!out.contains(&secret), "{args:?} shows the secret: {out}");
    }
}

#[test]
fn severity_filter_and_fail_on() {
    let app = example_app();
    let app = app.to_str().unwrap();
    let (v, code) = json_scan(Path::new(app), &["--severity", "critical"]);
    assert_eq!(code, 1);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["severity"] == "critical"));
    assert_eq!(v["findings"].as_array().unwrap().len(), 7, "{v}");
    // Only low findings shown, failing only at high: exit 0.
    let o = run(&["--path", app, "--severity", "low", "--fail-on", "high"]);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["--path", app, "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn clean_project_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app.py",
        "import os\nPASSWORD = os.environ['PASSWORD']\n",
    );
    let (v, code) = json_scan(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(v["summary"]["findings"], 0);
}

#[test]
fn usage_errors_exit_two() {
    let o = run(&["--path", "/no/such/dir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does not exist"));
    let o = run(&["--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["--no-stdlib"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--rules"));
}

#[test]
fn broken_rule_file_shows_every_problem_with_spans() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("broken.rule");
    fs::write(
        &rules,
        r#"rule acme-no-print {
  title "No print"
  severity urgent
  category logging
  criteria CC7.2, CC99.9
  message "print found"
  match python `print($X`
}
"#,
    )
    .unwrap();
    let o = run(&[
        "--path",
        dir.path().to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("unknown severity `urgent`"), "{err}");
    assert!(err.contains("unknown SOC 2 criterion `CC99.9`"), "{err}");
    assert!(err.contains("pattern does not parse as python"), "{err}");
    assert!(
        err.contains("broken.rule:3:12"),
        "span of the severity: {err}"
    );
    assert!(
        err.contains("broken.rule:5:19"),
        "span of the criterion: {err}"
    );
    assert!(err.contains("3 problems in 1 rule file"), "{err}");
    assert!(stdout(&o).is_empty(), "nothing is scanned");
}

#[test]
fn bundled_rule_tests_pass() {
    let o = run(&["test"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}\n{}", stderr(&o));
    let line = out.lines().last().unwrap();
    assert!(line.ends_with(" passed, 0 failed"), "{line}");
    let passed: usize = line.split(' ').next().unwrap().parse().unwrap();
    assert!(passed > 150, "{line}");
}

const WALKTHROUGH_RULE: &str = r#"rule acme-print-statement {
  title    "print() left in service code"
  severity low
  category logging
  criteria CC7.2
  message  "print() writes to stdout instead of the audit log"
  fix      "Use the `acme.audit` logger."
  match python `print(...)`
}
"#;

#[test]
fn walkthrough_rule_and_its_test() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rules/acme-print-statement.rule",
        WALKTHROUGH_RULE,
    );
    write(
        dir.path(),
        "rules/acme-print-statement.py",
        "# ruleid: acme-print-statement\nprint(\"charged\", amount)\n\n# ok: acme-print-statement\nlogger.info(\"charged %s\", amount)\n",
    );
    let rules = dir.path().join("rules");
    let o = run(&["test", rules.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o).trim(), "2 passed, 0 failed");

    // A deliberate mistake: the ok line is annotated as a finding.
    write(
        dir.path(),
        "rules/acme-print-statement.py",
        "# ruleid: acme-print-statement\nprint(\"charged\", amount)\n\n# ruleid: acme-print-statement\nlogger.info(\"charged %s\", amount)\n",
    );
    let o = run(&["test", rules.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).trim(), "1 passed, 1 failed");
    let err = stderr(&o);
    assert!(
        err.contains("expected acme-print-statement here, nothing reported"),
        "{err}"
    );
    assert!(
        err.contains("acme-print-statement.py:5:1"),
        "points at the line: {err}"
    );
}

#[test]
fn inline_tests_in_the_rule_file() {
    let dir = tempfile::tempdir().unwrap();
    let rule = WALKTHROUGH_RULE.replace(
        "  match python `print(...)`\n",
        "  match python `print(...)`\n  test python \"\"\"\n    # ruleid: acme-print-statement\n    print(1)\n    # ok: acme-print-statement\n    log(1)\n    print(2)\n  \"\"\"\n",
    );
    write(dir.path(), "r.rule", &rule);
    let o = run(&["test", dir.path().join("r.rule").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    // The unannotated print(2) is an unexpected finding, shown in the rule file.
    assert!(
        err.contains("acme-print-statement reported here, not expected"),
        "{err}"
    );
    assert!(
        err.contains("r.rule (test 1 of acme-print-statement):14:5"),
        "{err}"
    );
}

#[test]
fn user_rules_extend_bundled_definitions() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "src/app.py",
        "ACME_SESSION_SEAL = \"Zq81-Lp02-Xk77\"\n",
    );
    write(
        dir.path(),
        "acme.rule",
        "extend define secret_name = /(?i)session_seal/\n",
    );
    let (v, _) = json_scan(&dir.path().join("src"), &[]);
    assert_eq!(v["summary"]["findings"], 0);
    let (v, code) = json_scan(
        &dir.path().join("src"),
        &["--rules", dir.path().join("acme.rule").to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert_eq!(
        finding_keys(&v),
        vec!["app.py:1 hardcoded-credential access-control"]
    );
}

#[test]
fn redefining_a_bundled_definition_needs_override() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "acme.rule", "define secret_name = /x/\n");
    let o = run(&[
        "--path",
        dir.path().to_str().unwrap(),
        "--rules",
        dir.path().join("acme.rule").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("override define secret_name"),
        "{}",
        stderr(&o)
    );
}

/// Values in providers' formats are put together here, at run time, so that
/// nothing that could pass for a live credential is committed.
fn assembled_keys() -> Vec<(&'static str, String)> {
    vec![
        ("aws", format!("AKIA{}", "Q7ZP4RT2MXW9KB3D")),
        (
            "stripe",
            format!("sk_{}_{}", "live", "a1B2c3D4e5F6g7H8i9J0k1L2"),
        ),
        (
            "github",
            format!("gh{}_{}", "p", "Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78"),
        ),
        ("slack", format!("xox{}-{}", "b", "2048-73310-Zz9Yy8Xx7Ww6")),
    ]
}

#[test]
fn well_known_key_formats_in_code_and_env_files() {
    let dir = tempfile::tempdir().unwrap();
    let keys = assembled_keys();
    let mut py = String::new();
    let mut js = String::new();
    let mut env = String::new();
    for (name, key) in &keys {
        py.push_str(&format!("{name}_id = \"{key}\"\n"));
        js.push_str(&format!("const {name}Id = '{key}';\n"));
        env.push_str(&format!("{}_ID={key}\n", name.to_uppercase()));
    }
    let pem_body = "MIIEow".to_string() + &"IBAAKCAQEA".repeat(5);
    py.push_str(&format!(
        "PEM = \"-----BEGIN RSA {} KEY-----\\n{pem_body}\\n\"\n",
        "PRIVATE"
    ));
    // A key in a one-line string with `\r\n` escapes, and one joined from
    // several literals.
    js.push_str(&format!(
        "const pem = \"-----BEGIN {} KEY-----\\r\\n{pem_body}\\r\\n\";\n",
        "PRIVATE"
    ));
    js.push_str(&format!(
        "const joined = \"-----BEGIN EC {} KEY-----\\n\" +\n  \"{pem_body}\\n\";\n",
        "PRIVATE"
    ));
    write(dir.path(), "keys.py", &py);
    write(dir.path(), "keys.js", &js);
    write(dir.path(), ".env.production", &env);
    let (v, code) = json_scan(dir.path(), &[]);
    assert_eq!(code, 1);
    let format_hits: Vec<String> = finding_keys(&v)
        .into_iter()
        .filter(|k| k.contains("known-secret-format"))
        .collect();
    let expected: Vec<String> = (1..=4)
        .map(|l| format!(".env.production:{l} known-secret-format access-control"))
        .chain((1..=4).map(|l| format!("keys.js:{l} known-secret-format access-control")))
        .chain((1..=4).map(|l| format!("keys.py:{l} known-secret-format access-control")))
        .collect();
    assert_eq!(format_hits, expected);
    for key in ["keys.py:5", "keys.js:5", "keys.js:6"] {
        assert!(
            finding_keys(&v).contains(&format!("{key} private-key-block access-control")),
            "{key}: {:?}",
            finding_keys(&v)
        );
    }
    for format in ["json", "text"] {
        let out = stdout(&run(&[
            "--path",
            dir.path().to_str().unwrap(),
            "--format",
            format,
        ]));
        for (_, key) in &keys {
            assert!(!out.contains(key.as_str()), "{format} shows {key}");
        }
        assert!(!out.contains(&pem_body), "{format} shows key material");
    }
}

#[test]
fn gitignore_dependencies_and_dotfiles() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "eval(user_input)\n";
    write(dir.path(), ".gitignore", "generated/\n");
    write(dir.path(), "generated/out.py", bad);
    write(
        dir.path(),
        "node_modules/lib/index.js",
        "eval(userInput);\n",
    );
    write(dir.path(), "venv/lib/x.py", bad);
    write(dir.path(), ".venv/pyvenv.cfg", "home = /usr\n");
    write(dir.path(), ".venv/lib/y.py", bad);
    write(dir.path(), "app/main.py", bad);
    write(dir.path(), ".env", "API_SECRET=Zq81-Lp02-Xk77\n");
    // Generated code, by the marker its generator leaves.
    write(
        dir.path(),
        "app/client/sdk.gen.ts",
        "// This file is auto-generated by @hey-api/openapi-ts\n\neval(userInput);\n",
    );
    let (v, _) = json_scan(dir.path(), &[]);
    assert_eq!(
        finding_keys(&v),
        vec![
            ".env:1 env-file-secret access-control",
            "app/main.py:1 code-execution vulnerability-management"
        ]
    );
    let generated = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"] == "app/client/sdk.gen.ts")
        .expect("the generated file is listed");
    assert!(
        generated["reason"]
            .as_str()
            .unwrap()
            .starts_with("generated code (\"This file is auto-generated"),
        "{generated}"
    );
    let (v, _) = json_scan(dir.path(), &["--no-default-ignores"]);
    let keys = finding_keys(&v);
    assert!(
        keys.iter()
            .any(|k| k.starts_with("node_modules/lib/index.js:1")),
        "{keys:?}"
    );
    assert!(
        keys.iter()
            .any(|k| k.starts_with("app/client/sdk.gen.ts:3")),
        "{keys:?}"
    );
    assert!(
        !keys.iter().any(|k| k.starts_with("generated/")),
        ".gitignore still applies: {keys:?}"
    );
}

#[test]
fn unreadable_binary_huge_and_broken_files_are_listed_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.py", "eval(user_input)\n");
    fs::write(dir.path().join("binary.py"), b"\x00\x01\x02eval(x)\n").unwrap();
    fs::write(dir.path().join("latin1.py"), b"name = 'caf\xe9'\neval(x)\n").unwrap();
    write(
        dir.path(),
        "huge.js",
        &format!("// {}\neval(x);\n", "x".repeat(4000)).repeat(400),
    );
    write(
        dir.path(),
        "broken.py",
        "def broken(:\n    pass\neval(user_input)\n",
    );
    write(dir.path(), "dir.js/inner.py", "eval(user_input)\n");
    let (v, code) = json_scan(dir.path(), &["--max-file-size", "1MB"]);
    assert_eq!(code, 1);
    let skipped: Vec<(String, String, String)> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().into(),
                s["status"].as_str().unwrap().into(),
                s["reason"].as_str().unwrap().into(),
            )
        })
        .collect();
    let find = |p: &str| {
        skipped
            .iter()
            .find(|s| s.0 == p)
            .unwrap_or_else(|| panic!("{p} not listed: {skipped:?}"))
    };
    assert!(find("binary.py").2.contains("binary"));
    assert!(find("latin1.py").2.contains("not UTF-8"));
    assert!(find("huge.js").2.contains("size limit"));
    let broken = find("broken.py");
    assert_eq!(broken.1, "partial");
    assert!(broken.2.contains("line 1"), "{broken:?}");
    let keys = finding_keys(&v);
    assert!(
        keys.contains(&"good.py:1 code-execution vulnerability-management".to_string()),
        "{keys:?}"
    );
    assert!(
        keys.contains(&"broken.py:3 code-execution vulnerability-management".to_string()),
        "{keys:?}"
    );
    assert!(
        keys.contains(&"dir.js/inner.py:1 code-execution vulnerability-management".to_string()),
        "{keys:?}"
    );
    let text = stdout(&run(&[
        "--path",
        dir.path().to_str().unwrap(),
        "--max-file-size",
        "1MB",
    ]));
    assert!(text.contains("3 files skipped:"), "{text}");
    assert!(text.contains("1 file scanned in part:"), "{text}");
}

fn listing(root: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    for e in walk(root) {
        let m = fs::metadata(&e).unwrap();
        out.push((e, m.len(), m.modified().unwrap()));
    }
    out.sort();
    out
}

fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let mut kids: Vec<PathBuf> = fs::read_dir(&out[i])
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            kids.sort();
            out.extend(kids);
        }
        i += 1;
    }
    out
}

#[test]
fn the_scanned_tree_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    for (rel, contents) in [
        ("a.py", "eval(x)\n"),
        ("web/b.js", "eval(x);\n"),
        (".env", "DB_PASSWORD=Zq81-Lp02\n"),
    ] {
        write(dir.path(), rel, contents);
    }
    let before = listing(dir.path());
    for format in ["text", "json"] {
        run(&["--path", dir.path().to_str().unwrap(), "--format", format]);
    }
    assert_eq!(before, listing(dir.path()));
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let app = example_app();
    let one = stdout(&run(&[
        "--path",
        app.to_str().unwrap(),
        "--format",
        "json",
        "--threads",
        "1",
    ]));
    let two = stdout(&run(&[
        "--path",
        app.to_str().unwrap(),
        "--format",
        "json",
        "--threads",
        "2",
    ]));
    assert_eq!(one, two);
}

#[test]
fn explain_prints_the_plan() {
    let o = run(&["explain", "tls-verification-disabled"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("prefilter: file contains (") && out.contains("\"verify\""),
        "{out}"
    );
    assert!(out.contains("node kinds: "), "{out}");
    assert!(
        out.contains("query: ((call function: (attribute object: (_) @OBJ"),
        "{out}"
    );
    assert!(out.contains("residual check"), "{out}");
    let o = run(&["explain", "tls-verification-disabld"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `tls-verification-disabled`"));
}

#[test]
fn rules_list_show_and_eject() {
    let o = run(&["rules", "list"]);
    let out = stdout(&o);
    assert!(
        out.contains("hardcoded-credential") && out.contains("CC6.1"),
        "{out}"
    );
    let o = run(&["rules", "show", "swallowed-exception"]);
    let out = stdout(&o);
    assert!(out.contains("Why it matters for SOC 2"), "{out}");
    assert!(out.contains("rule swallowed-exception {"), "{out}");

    let dir = tempfile::tempdir().unwrap();
    let forked = dir.path().join("soc2-rules");
    let o = run(&["rules", "eject", forked.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(forked
        .join("access-control/hardcoded-credential.rule")
        .is_file());
    // Ejecting again refuses to overwrite.
    assert_eq!(
        run(&["rules", "eject", forked.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    // The fork runs on its own and finds the same as the bundled rules.
    let app = example_app();
    let bundled = stdout(&run(&["--path", app.to_str().unwrap(), "--format", "json"]));
    let fork = stdout(&run(&[
        "--path",
        app.to_str().unwrap(),
        "--format",
        "json",
        "--no-stdlib",
        "--rules",
        forked.to_str().unwrap(),
    ]));
    assert_eq!(bundled, fork);
    let o = run(&["test", "--no-stdlib", forked.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

fn fixture_apps() -> PathBuf {
    repo_root().join("stdlib-rules/rules/access-control/endpoint-without-authentication")
}

/// `path:line METHOD PATH` of every unauthenticated endpoint reported.
fn unauthenticated(app: &str) -> Vec<String> {
    let (v, _) = json_scan(&fixture_apps().join(app), &[]);
    let mut out: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "endpoint-without-authentication")
        .map(|f| {
            assert_eq!(f["category"], "access-control");
            let e = &f["endpoint"];
            format!(
                "{}:{} {} {}",
                f["path"].as_str().unwrap(),
                f["line"],
                e["method"].as_str().unwrap(),
                e["path"].as_str().unwrap()
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn express_routers_mounted_from_other_files() {
    // routes/users.js is mounted before app.use(checkSession); admin.js
    // behind it; reports.js (an ES module) after it; /users/me's handler,
    // in controllers/, checks the user first; checkSession is the
    // project's own middleware, judged by its body.
    assert_eq!(
        unauthenticated("express-app"),
        ["routes/users.js:7 GET /users"]
    );
}

#[test]
fn express_app_in_typescript_gives_the_same_findings() {
    // express-app/ rewritten in TypeScript: typed handlers, ES module
    // imports without extensions (and one naming the compiled `.js`).
    assert_eq!(
        unauthenticated("express-app-ts"),
        ["routes/users.ts:7 GET /users"]
    );
    let run = |dir: &str| -> Vec<String> {
        let (j, _) = json_scan(&fixture_apps().join(dir), &[]);
        let mut v: Vec<String> = j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let path = f["path"].as_str().unwrap();
                let stem = path.rsplit_once('.').map_or(path, |(s, _)| s);
                format!("{stem} {} {}", f["rule_id"], f["endpoint"]["path"])
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(run("express-app"), run("express-app-ts"));
}

#[test]
fn nestjs_controllers_guards_and_global_guards() {
    // Class-level @UseGuards covers every route; a guard on one method
    // covers that method whatever the decorators' order; a check in the
    // handler that throws UnauthorizedException; /health is public.
    assert_eq!(
        unauthenticated("nest-app"),
        [
            "src/orders/orders.controller.ts:22 GET /orders",
            "src/orders/orders.controller.ts:46 GET /orders/:id/invoice",
        ]
    );
    // An APP_GUARD provider guards every route of the application.
    assert!(unauthenticated("nest-global-guard").is_empty());
}

#[test]
fn flask_blueprints_hooks_and_decorators_across_files() {
    // admin.py's blueprint hook checks the user; api.py's /orders is wrapped
    // by a decorator from decorators.py; /account by login_required(…) in
    // add_url_rule; /auth/login is public.
    assert_eq!(
        unauthenticated("flask-app"),
        ["shop/api.py:17 GET /api/catalog", "shop/app.py:22 GET /"]
    );
}

#[test]
fn fastapi_routers_and_dependencies_across_files() {
    // jobs.py is mounted under the prefix a settings object holds.
    assert_eq!(
        unauthenticated("fastapi-app"),
        [
            "app/main.py:14 GET /",
            "app/routers/jobs.py:8 GET /api/v1/jobs/{job}",
            "app/routers/users.py:9 GET /users"
        ]
    );
    // The dependencies a route declares show in its chain.
    let o = run(&[
        "endpoints",
        "--path",
        fixture_apps().join("fastapi-app").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let me = v["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == "/users/me")
        .unwrap();
    assert!(
        me["chain"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "`get_token_header` (dependency at app/routers/users.py:16)"),
        "{me}"
    );
}

#[test]
fn django_urlconfs_views_mixins_and_permissions() {
    assert_eq!(
        unauthenticated("django-app"),
        // /blog/api/feed/ is declared public (AllowAny).
        [
            "blog/urls.py:25 ANY /blog/feed/",
            "blog/urls.py:28 ANY /blog/old/",
            "blog/urls.py:9 ANY /blog",
            "mysite/urls.py:16 ANY /about/",
            // Included with a namespace tuple and by url(): the prefix
            // is the mount's (their callbacks are public by design).
            "sso/legacy_urls.py:9 ANY /sso/accounts/",
            "sso/urls.py:9 ANY /social/google-oauth2/accounts/",
        ]
    );
}

#[test]
fn endpoint_inventory_json() {
    let o = run(&[
        "endpoints",
        "--path",
        fixture_apps().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    insta::assert_json_snapshot!("endpoint_inventory", v);
}

#[test]
fn endpoint_inventory_text() {
    let o = run(&[
        "endpoints",
        "--path",
        fixture_apps().join("flask-app").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("endpoint_inventory_text", stdout(&o));
}

#[test]
fn django_rest_framework_settings_and_routers() {
    // The settings' DEFAULT_PERMISSION_CLASSES guard the router's viewset;
    // the status view is declared public (AllowAny).
    assert!(unauthenticated("drf-app").is_empty());
    let o = run(&[
        "endpoints",
        "--path",
        fixture_apps().join("drf-app").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let eps = v["endpoints"].as_array().unwrap();
    assert_eq!(eps.len(), 2);
    assert_eq!(eps[0]["path"], "/api/orders");
    assert_eq!(
        eps[0]["controls"]["authentication"],
        "project setting at config/settings.py:5"
    );
    assert_eq!(eps[1]["public"], true);
}

#[test]
fn controls_report_on_the_example_app() {
    let o = run(&[
        "controls",
        "--path",
        example_app().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let criteria = v["criteria"].as_array().unwrap();
    assert_eq!(criteria.len(), 61);
    let status = |id: &str| {
        criteria.iter().find(|c| c["id"] == id).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Unauthenticated endpoints and secrets: a gap, with the authenticated
    // admin routes as evidence beside it.
    assert_eq!(status("CC6.1"), "gap");
    assert_eq!(status("CC1.1"), "organisational");
    let cc61 = criteria.iter().find(|c| c["id"] == "CC6.1").unwrap();
    assert!(cc61["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["rule_id"] == "evidence-authenticated-endpoint"
            && e["path"] == "web/routes/admin.js"));
    assert!(v["score"]["definition"]
        .as_str()
        .unwrap()
        .contains("code-checkable"));
    insta::assert_json_snapshot!("controls_example_app", v);
    let text = run(&["controls", "--path", example_app().to_str().unwrap()]);
    insta::assert_snapshot!("controls_example_app_text", stdout(&text));
}

#[test]
fn criteria_restrict_the_report_and_the_scan() {
    let app = example_app();
    let o = run(&[
        "controls",
        "--path",
        app.to_str().unwrap(),
        "--format",
        "json",
        "--criteria",
        "availability,privacy",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3 + 18);
    assert!(ids.iter().all(|i| i.starts_with('A') || i.starts_with('P')));
    // The scan: only rules with a criterion in scope report.
    let (scan, _) = json_scan(&app, &["--criteria", "confidentiality"]);
    let rules: Vec<&str> = scan["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert!(!rules.is_empty());
    for f in scan["findings"].as_array().unwrap() {
        let crit = f["criteria"].as_array().unwrap();
        assert!(
            crit.iter().any(|c| c.as_str().unwrap().starts_with("C1.")),
            "{f}"
        );
    }
    let bad = run(&[
        "controls",
        "--path",
        app.to_str().unwrap(),
        "--criteria",
        "secrecy",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown trust services category `secrecy`"));
}

#[test]
fn generated_rule_docs_are_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["rules", "docs", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let committed = repo_root().join("docs/rules");
    let names = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    };
    let fix =
        "docs/rules is stale: run `cargo run -p soc2-check -- rules docs docs/rules` and commit";
    assert_eq!(names(dir.path()), names(&committed), "{fix}");
    for name in names(dir.path()) {
        let fresh = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        let old = std::fs::read_to_string(committed.join(&name)).unwrap();
        assert!(fresh == old, "{name} differs. {fix}");
    }
    // Every rule has its documentation and a fix.
    for name in names(&committed).iter().filter(|n| *n != "README.md") {
        let page = std::fs::read_to_string(committed.join(name)).unwrap();
        assert!(
            page.contains("Why it matters for SOC 2"),
            "{name} has no doc text"
        );
        assert!(
            page.contains("## Reported") || page.contains("## Recorded"),
            "{name} has no example"
        );
    }
}

#[test]
fn a_lockfile_is_looked_for_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "web/package.json",
        "{\n  \"name\": \"web\",\n  \"dependencies\": {\n    \"express\": \"^4.19.2\"\n  }\n}\n",
    );
    let rules = |root: &Path| -> Vec<String> {
        let (v, _) = json_scan(root, &[]);
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{}:{} {}",
                    f["path"].as_str().unwrap(),
                    f["line"],
                    f["rule_id"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(rules(root), ["web/package.json:3 missing-lockfile"]);
    // A lockfile above the package (a workspace root), larger than the size
    // limit: it is not scanned, only seen.
    write(
        root,
        "package-lock.json",
        &format!(
            "{{\"lockfileVersion\": 3, \"pad\": \"{}\"}}\n",
            "x".repeat(3 << 20)
        ),
    );
    assert!(rules(root).is_empty(), "{:?}", rules(root));
}

#[test]
fn inline_suppressions_need_a_reason_and_go_stale() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app.py",
        "import os\n\n\
         # soc2-ignore: code-execution the expression comes from our own config file\n\
         eval(os.environ[\"EXPR\"])\n\n\
         eval(os.environ[\"OTHER\"])  # soc2-ignore: code-execution\n\n\
         # soc2-ignore: weak-cipher nothing here any more\n\
         x = 1\n",
    );
    let (v, code) = json_scan(dir.path(), &[]);
    assert_eq!(code, 1, "the finding without a reason stays");
    assert_eq!(
        finding_keys(&v),
        ["app.py:6 code-execution vulnerability-management"]
    );
    let s = &v["suppressed"][0];
    assert_eq!(
        (s["line"].as_u64(), s["rule_id"].as_str()),
        (Some(4), Some("code-execution"))
    );
    assert_eq!(s["reason"], "the expression comes from our own config file");
    assert_eq!(v["summary"]["suppressed"], 1);
    let warnings: Vec<String> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            format!(
                "{}:{} {}",
                w["path"].as_str().unwrap(),
                w["line"],
                w["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].starts_with("app.py:6 ") && warnings[0].contains("gives no reason"));
    assert!(warnings[1].starts_with("app.py:8 ") && warnings[1].contains("stale"));
    // The text report counts them and repeats the warnings.
    let o = run(&["--path", dir.path().to_str().unwrap()]);
    let text = stdout(&o);
    assert!(text.contains("suppressed: 1 finding"), "{text}");
    assert!(
        text.contains("app.py:8: `soc2-ignore: weak-cipher` is stale"),
        "{text}"
    );
}

/// The SARIF of a scan, checked against the SARIF 2.1.0 JSON schema
/// (vendored in tests/data, from the OASIS specification).
fn valid_sarif(text: &str) -> Value {
    let sarif: Value = serde_json::from_str(text).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "SARIF does not validate: {errors:#?}");
    sarif
}

#[test]
fn sarif_for_code_scanning() {
    let o = run(&[
        "--path",
        example_app().to_str().unwrap(),
        "--format",
        "sarif",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let sarif = valid_sarif(&stdout(&o));
    let run0 = &sarif["runs"][0];
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 34);
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], r["ruleId"]);
        assert!(r["partialFingerprints"]["soc2Check/v1"].is_string());
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(!loc["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .starts_with('/'));
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    for rule in rules {
        let sev: f64 = rule["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&sev));
        let tags = rule["properties"]["tags"].as_array().unwrap();
        assert!(tags
            .iter()
            .any(|t| t.as_str().unwrap().starts_with("soc2/CC")
                || t.as_str().unwrap().starts_with("soc2/")));
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
    }
    // Secrets are masked here too.
    assert!(
        !stdout(&o).contains("ldg_live"),
        "a secret reached the SARIF"
    );
    insta::assert_json_snapshot!("example_app_sarif", sarif);
}

#[test]
fn several_outputs_in_one_run_and_suppressions_in_sarif() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "src/app.py",
        "import os\n# soc2-ignore: code-execution reviewed: the input is our signed config\neval(os.environ[\"X\"])\neval(os.environ[\"Y\"])\n",
    );
    let out = tempfile::tempdir().unwrap();
    let sarif_path = out.path().join("report.sarif");
    let json_path = out.path().join("report.json");
    let text_path = out.path().join("plain");
    let o = run(&[
        "--path",
        dir.path().to_str().unwrap(),
        "--output",
        sarif_path.to_str().unwrap(),
        "--output",
        json_path.to_str().unwrap(),
        "--output",
        &format!("text={}", text_path.display()),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let sarif = valid_sarif(&std::fs::read_to_string(&sarif_path).unwrap());
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r["suppressions"].is_array())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        suppressed[0]["suppressions"][0]["justification"],
        "reviewed: the input is our signed config"
    );
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert_eq!(json["summary"]["findings"], 1);
    let text = std::fs::read_to_string(&text_path).unwrap();
    assert!(
        text.contains("src/app.py:4:1") && !text.contains('\x1b'),
        "{text}"
    );
    // The scanned tree holds nothing new.
    assert!(walk(dir.path())
        .iter()
        .all(|p| !p.to_string_lossy().contains("report")));
    let bad = run(&[
        "--path",
        dir.path().to_str().unwrap(),
        "--output",
        "report.xyz",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("FORMAT=PATH"));
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_baseline_passes_today_and_fails_on_one_new_problem() {
    let app = tempfile::tempdir().unwrap();
    copy_tree(&example_app(), app.path());
    let keep = tempfile::tempdir().unwrap();
    let base = keep.path().join("soc2-baseline.json");
    let path = app.path().to_str().unwrap();
    let o = run(&["--path", path, "--write-baseline", base.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "writing a baseline accepts today's findings"
    );
    assert!(
        stderr(&o).contains("wrote a baseline of 34 findings"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).is_empty(),
        "writing a baseline prints no report: {}",
        stdout(&o)
    );
    let (v, code) = json_scan(app.path(), &["--baseline", base.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["summary"]["findings"], 0);
    assert_eq!(v["summary"]["baselined"], 34);
    // One new problem, at the top of a file: every line below it moves.
    let server = app.path().join("web/server.js");
    let old = std::fs::read_to_string(&server).unwrap();
    std::fs::write(&server, format!("const crypto = require(\"crypto\");\nconst digest = crypto.createHash(\"md5\").update(password).digest(\"hex\");\n{old}")).unwrap();
    let (v, code) = json_scan(app.path(), &["--baseline", base.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        finding_keys(&v),
        ["web/server.js:2 weak-hash-for-credentials encryption"]
    );
    let bad = run(&["--path", path, "--baseline", "/nonexistent/baseline.json"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("cannot read the baseline"));
}

#[test]
fn junit_and_markdown_reports_of_the_example_app() {
    let path = example_app();
    let junit = run(&["--path", path.to_str().unwrap(), "--format", "junit"]);
    assert_eq!(junit.status.code(), Some(1));
    let xml = stdout(&junit);
    // `failures` counts the failed test cases (a rule that found
    // something), never more than `tests`; every finding is listed.
    let failed = xml.matches("<failure ").count();
    let head = xml.lines().nth(1).unwrap();
    assert!(head.contains(&format!("failures=\"{failed}\"")), "{head}");
    // An attribute's number, on one line of the report.
    let attr = |line: &str, k: &str| -> usize {
        line.split(&format!("{k}=\""))
            .nth(1)
            .and_then(|v| v.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {k} in {line}"))
    };
    let tests = attr(head, "tests");
    assert!(failed <= tests && failed > 5, "{head}");
    for suite in xml
        .lines()
        .filter(|l| l.trim_start().starts_with("<testsuite "))
    {
        let n = |k: &str| attr(suite, k);
        assert!(n("failures") <= n("tests"), "{suite}");
    }
    let (json, _) = json_scan(&path, &[]);
    for f in json["findings"].as_array().unwrap() {
        let at = format!("{}:{}:", f["path"].as_str().unwrap(), f["line"]);
        assert!(xml.contains(&at), "{at} is not in the JUnit report");
    }
    assert!(
        !xml.contains("ldg_live"),
        "a secret reached the JUnit report"
    );
    insta::assert_snapshot!("example_app_junit", xml);
    let md = run(&["--path", path.to_str().unwrap(), "--format", "markdown"]);
    let md = stdout(&md);
    assert!(md.starts_with("## soc2-check\n\n❌ 34 SOC 2 findings"));
    insta::assert_snapshot!("example_app_markdown", md);
}

#[test]
fn the_pre_commit_hook_runs_as_defined() {
    // The hook's `entry`, as pre-commit would run it at the repository root.
    let hooks = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).unwrap();
    let entry = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry:"))
        .expect("the hook has an entry")
        .trim();
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("soc2-check"));
    let args: Vec<&str> = words.collect();
    let repo = tempfile::tempdir().unwrap();
    let _ = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(repo.path())
        .status();
    write(
        repo.path(),
        "app.py",
        "import os\n\nTIMEOUT = int(os.environ.get(\"TIMEOUT\", \"30\"))\n",
    );
    let hook = |dir: &Path| bin().args(&args).current_dir(dir).output().unwrap();
    let o = hook(repo.path());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    write(
        repo.path(),
        "settings.py",
        "DB_PASSWORD = \"Tr0ub4dor-and-3x\"\n",
    );
    let o = hook(repo.path());
    assert_eq!(
        o.status.code(),
        Some(1),
        "a critical finding fails the commit"
    );
    assert!(stdout(&o).contains("settings.py:1"), "{}", stdout(&o));
}

#[test]
fn the_configuration_file_is_found_upward_and_checked() {
    let root = tempfile::tempdir().unwrap();
    copy_tree(&example_app(), root.path());
    write(
        root.path(),
        "soc2-check.toml",
        "public-routes = [\"/api/balance\"]\n\n[paths]\nexclude = [\"backend/**\"]\n\n\
         [rules]\ndisable = [\"hardcoded-credential\"]\ndisable-categories = [\"change-management\"]\n\n\
         [severity]\nsensitive-data-in-logs = \"critical\"\n",
    );
    // Scanning a subdirectory finds the file above it.
    let (v, _) = json_scan(&root.path().join("web"), &[]);
    let keys = finding_keys(&v);
    assert!(
        keys.iter().all(|k| !k.contains("hardcoded-credential")),
        "{keys:?}"
    );
    assert!(
        keys.iter().all(|k| !k.contains("change-management")),
        "{keys:?}"
    );
    assert!(
        !keys.contains(&"server.js:25 endpoint-without-authentication access-control".to_string()),
        "a public route"
    );
    assert!(
        keys.contains(&"server.js:32 endpoint-without-authentication access-control".to_string())
    );
    let logs = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "sensitive-data-in-logs")
        .unwrap();
    assert_eq!(logs["severity"], "critical");
    let (all, _) = json_scan(root.path(), &[]);
    assert!(finding_keys(&all)
        .iter()
        .all(|k| !k.starts_with("backend/")));
    // Mistakes are diagnostics pointing into the file, and nothing is scanned.
    write(
        root.path(),
        "soc2-check.toml",
        "[rules]\ndisable-categories = [\"change-managment\"]\n[severity]\nweak-cipher = \"urgent\"\n",
    );
    let o = run(&["--path", root.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("unknown category `change-managment`")
            && err.contains("did you mean `change-management`"),
        "{err}"
    );
    assert!(
        err.contains("unknown severity `urgent`") && err.contains("soc2-check.toml:4"),
        "{err}"
    );
    assert!(err.contains("2 problems"), "{err}");
    // Every unknown key at once, with the nearest known one.
    write(
        root.path(),
        "soc2-check.toml",
        "max-filesize = \"1MB\"\n[paths]\nexlude = [\"a\"]\n",
    );
    let o = run(&["--path", root.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("unknown key `max-filesize`") && err.contains("did you mean `max-file-size`"),
        "{err}"
    );
    assert!(err.contains("unknown key `exlude` in [paths]"), "{err}");
    write(
        root.path(),
        "soc2-check.toml",
        "[rules]\ndisable = [\"weak-ciper\"]\n",
    );
    let o = run(&["--path", root.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no rule `weak-ciper`"),
        "{}",
        stderr(&o)
    );
    // --config names a file elsewhere; an explicit one that is missing is an error.
    let o = run(&[
        "--path",
        root.path().to_str().unwrap(),
        "--config",
        "/nonexistent/soc2-check.toml",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// Runs git in `dir` as a test user; fails the test when git does.
fn git_in(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[test]
fn changed_since_reports_only_changed_lines() {
    let repo = tempfile::tempdir().unwrap();
    copy_tree(&example_app(), repo.path());
    let git = |args: &[&str]| git_in(repo.path(), args);
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "base"]);
    // A new problem at the top of a tracked file, and a new untracked file.
    let server = repo.path().join("web/server.js");
    let old = std::fs::read_to_string(&server).unwrap();
    std::fs::write(&server, format!("const digest = require(\"crypto\").createHash(\"md5\").update(password).digest(\"hex\");\n{old}")).unwrap();
    write(
        repo.path(),
        "web/new.js",
        "const { exec } = require(\"child_process\");\nexec(\"rm -rf \" + process.argv[2]);\n",
    );
    let (v, code) = json_scan(repo.path(), &["--changed-since", "HEAD"]);
    assert_eq!(code, 1);
    assert_eq!(
        finding_keys(&v),
        [
            "web/new.js:2 code-execution vulnerability-management",
            "web/server.js:1 weak-hash-for-credentials encryption",
        ]
    );
    let bad = run(&[
        "--path",
        repo.path().to_str().unwrap(),
        "--changed-since",
        "no-such-ref",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("`no-such-ref` is not a commit"),
        "{}",
        stderr(&bad)
    );
}

/// A pull request's repository that tries to reach outside itself: its
/// `.git/config` names commands (fsmonitor, a clean filter, a textconv),
/// its configuration names rules outside the tree, and a link planted in
/// the evidence directory points at one of its files. Nothing runs, nothing
/// outside is read, and nothing is written through the link.
#[cfg(unix)]
#[test]
fn a_hostile_repository_cannot_reach_outside_itself() {
    let repo = tempfile::tempdir().unwrap();
    let marks = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| git_in(repo.path(), args);
    write(repo.path(), "app.py", "import hashlib\n");
    write(
        repo.path(),
        ".gitattributes",
        "*.py filter=evil diff=evil\n",
    );
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "base"]);
    for (key, what) in [
        ("core.fsmonitor", "fsmonitor"),
        ("filter.evil.clean", "clean"),
        ("diff.evil.textconv", "textconv"),
    ] {
        let cmd = format!("touch '{}'; cat", marks.path().join(what).display());
        git(&["config", key, &cmd]);
    }
    write(
        repo.path(),
        "app.py",
        "import hashlib\ndigest = hashlib.md5(password.encode()).hexdigest()\n",
    );
    let path = repo.path().to_str().unwrap();
    let (v, code) = json_scan(repo.path(), &["--changed-since", "HEAD"]);
    assert_eq!(code, 1);
    assert_eq!(
        finding_keys(&v),
        ["app.py:2 weak-hash-for-credentials encryption"]
    );
    // The bundle (outside the tree) refuses to write through a link
    // planted in it.
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("evidence");
    std::fs::create_dir(&bundle).unwrap();
    std::os::unix::fs::symlink(repo.path().join("app.py"), bundle.join("report.html")).unwrap();
    let o = run(&[
        "evidence",
        "--path",
        path,
        "--output",
        bundle.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
    assert!(std::fs::read_to_string(repo.path().join("app.py"))
        .unwrap()
        .starts_with("import hashlib"));
    let ran: Vec<_> = std::fs::read_dir(marks.path()).unwrap().collect();
    assert!(ran.is_empty(), "the repository ran commands: {ran:?}");
    // Its configuration cannot load (and echo) rules from outside it.
    write(
        repo.path(),
        "soc2-check.toml",
        "rules-dirs = [\"/proc/self/environ\"]\n",
    );
    let o = run(&["--path", path]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("leads outside"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("PATH="), "{}", stderr(&o));
}

/// Rule files built to exhaust the compiler (a pattern of 70,000
/// arguments, code nested 5,000 deep in a pattern, `any {` 2,000 deep,
/// `(` 3,000 deep in `where`, a chain of 6,000 `use`s) get a diagnostic
/// and exit status 2, never a crash.
#[test]
fn hostile_rule_files_get_diagnostics_not_crashes() {
    let head = "rule x {\n title \"t\"\n severity low\n category logging\n criteria CC7.2\n message \"m\"\n match python {\n";
    let tail = "\n }\n}\n";
    let args: Vec<String> = (0..70_000).map(|i| format!("$A{i}")).collect();
    let chain: String = (0..6_000)
        .map(|i| format!("define d{} {{\n python {{\n use d{i}\n }}\n}}\n", i + 1))
        .collect();
    let cases = [
        (
            "wide",
            format!("{head} pattern `f({})`{tail}", args.join(", ")),
            "pattern too large",
        ),
        (
            "deep-code",
            format!("{head} pattern `{}x{}`{tail}", "f(".repeat(5_000), ")".repeat(5_000)),
            "pattern too deep",
        ),
        (
            "deep-any",
            format!("{head} {}pattern `f()`{}{tail}", "any { ".repeat(2_000), " }".repeat(2_000)),
            "rule::too-deep",
        ),
        (
            "deep-where",
            format!(
                "{head} pattern `f($X)`\n where {}$X matches /a/{}{tail}",
                "(".repeat(3_000),
                ")".repeat(3_000)
            ),
            "rule::too-deep",
        ),
        (
            "chain",
            format!("define d0 {{\n python {{\n pattern `f($X)`\n }}\n}}\n{chain}{head} use d6000{tail}"),
            "rule::use-too-deep",
        ),
    ];
    let project = tempfile::tempdir().unwrap();
    write(project.path(), "a.py", "f(1)\n");
    for (name, text, expected) in cases {
        let rules = tempfile::tempdir().unwrap();
        write(rules.path(), &format!("{name}.rule"), &text);
        let o = run(&[
            "--path",
            project.path().to_str().unwrap(),
            "--rules",
            rules.path().to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{name}: {}", stderr(&o));
    }
}

/// Control characters in file names and source lines reach no terminal
/// as they are, and HTML or code spans in them do not reach a Markdown
/// comment as markup.
#[cfg(unix)]
#[test]
fn terminal_escapes_and_markup_from_the_tree_are_shown_escaped() {
    let repo = tempfile::tempdir().unwrap();
    write(
        repo.path(),
        "evil\u{1b}[2J<b>name`.py",
        "password = \"hunter2-\u{1b}]0;owned\u{7}-value\"  # \u{202e} <img src=x>\n",
    );
    let path = repo.path().to_str().unwrap();
    let text = run(&["--path", path]);
    let out = stdout(&text);
    assert!(out.contains("hardcoded-credential"), "{out}");
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
    assert!(out.contains("evil\\x1b[2J"), "{out}");
    let md = stdout(&run(&["--path", path, "--format", "markdown"]));
    assert!(md.contains("hardcoded-credential"), "{md}");
    assert!(
        !md.contains('\u{1b}') && !md.contains("<b>") && !md.contains("name`"),
        "{md}"
    );
}

/// Lone carriage returns end lines (old Mac line ends): findings keep
/// their lines in both languages and no file is left partly parsed.
#[test]
fn lone_carriage_returns_end_lines() {
    let repo = tempfile::tempdir().unwrap();
    let py = "import hashlib\r\rdigest = hashlib.md5(password.encode()).hexdigest()\r";
    let js = "const crypto = require(\"crypto\");\r\rconst d = crypto.createHash(\"md5\").update(password).digest(\"hex\");\r";
    write(repo.path(), "a.py", py);
    write(repo.path(), "b.js", js);
    let (v, _) = json_scan(repo.path(), &[]);
    assert_eq!(
        finding_keys(&v),
        [
            "a.py:3 weak-hash-for-credentials encryption",
            "b.js:3 weak-hash-for-credentials encryption",
        ]
    );
    assert_eq!(
        v["skipped"].as_array().map(Vec::len),
        Some(0),
        "{}",
        v["skipped"]
    );
}

/// Deeply nested code in a handler (a chain of 5,000 `.then` links, 5,000
/// nested `if`s) is scanned in bounded memory: under a 1 GB address-space
/// limit the scan finishes, reports the endpoint, and says where control
/// flow was cut. (Captures used to copy their text, quadratic in the
/// nesting, and the control-flow builder recursed without a bound.)
#[cfg(unix)]
#[test]
fn deeply_nested_handlers_are_scanned_in_bounded_memory() {
    let repo = tempfile::tempdir().unwrap();
    let head = "const app = require(\"express\")();\napp.get(\"/x\", (req, res) => {\n";
    let chain = format!(
        "{head}  p{};\n  res.send(\"ok\");\n}});\n",
        "\n.then(f)".repeat(5_000)
    );
    let ifs = format!(
        "{head}{}res.send(\"ok\");\n{}}});\n",
        "if (a) {\n".repeat(5_000),
        "}\n".repeat(5_000)
    );
    write(repo.path(), "chain.js", &chain);
    write(repo.path(), "ifs.js", &ifs);
    let bin = env!("CARGO_BIN_EXE_soc2-check");
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1000000 && exec \"$0\" --path \"$1\" --format json --threads 1")
        .arg(bin)
        .arg(repo.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        finding_keys(&v),
        [
            "chain.js:2 endpoint-without-authentication access-control",
            "ifs.js:2 endpoint-without-authentication access-control",
        ]
    );
    let skipped = v["skipped"].to_string();
    assert!(
        skipped.contains("ifs.js") && skipped.contains("nest more than"),
        "{skipped}"
    );
}

/// Headless Chromium, when installed (`.ci/run` installs Debian's
/// `chromium`); in CI its absence is a failure.
fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .map(|name| {
            std::process::Command::new("sh")
                .args(["-c", &format!("command -v {name}")])
                .output()
        })
        .filter_map(Result::ok)
        .find(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs chromium for the HTML test (.ci/run installs it)"
        );
        eprintln!("chromium is not installed: the HTML report is checked without rendering it");
    }
    found
}

#[test]
fn html_report_renders_in_a_browser() {
    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("report.html");
    let o = run(&[
        "--path",
        example_app().to_str().unwrap(),
        "--output",
        page.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained: nothing is fetched.
    for outside in ["<script", "src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(outside), "the page loads {outside}");
    }
    assert_eq!(html.matches("class=\"card finding\"").count(), 34);
    assert!(!html.contains("ldg_live"), "a secret reached the HTML");
    let app = example_app();
    insta::assert_snapshot!(
        "example_app_html",
        html.replace(app.to_str().unwrap(), "examples/acme-app")
    );
    let Some(browser) = chromium() else {
        return;
    };
    let run_browser = |extra: &[&str]| {
        std::process::Command::new(&browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
            ])
            .args(extra)
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap()
    };
    let dom = run_browser(&["--dump-dom"]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("<b id=\"finding-count\">34</b>"), "{dom}");
    assert!(dom.contains("Endpoint inventory (10)"));
    assert!(
        dom.contains("web/routes/admin.js:9:"),
        "a finding's location is shown"
    );
    let shot = out.path().join("report.png");
    let _ = run_browser(&[
        "--window-size=1200,1600",
        &format!("--screenshot={}", shot.display()),
    ]);
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "the page rendered something"
    );
}

#[test]
fn the_evidence_bundle() {
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("soc2-evidence");
    let o = run(&[
        "evidence",
        "--path",
        example_app().to_str().unwrap(),
        "--output",
        bundle.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let read = |name: &str| std::fs::read_to_string(bundle.join(name)).unwrap();
    let manifest: Value = serde_json::from_str(&read("manifest.json")).unwrap();
    assert_eq!(manifest["tool"], "soc2-check");
    assert_eq!(manifest["summary"]["findings"], 34);
    assert_eq!(manifest["summary"]["endpoints"], 10);
    assert!(manifest["generated_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(manifest["rule_set_sha256"].as_str().unwrap().len(), 64);
    // Every file of the bundle is listed with its hash, and the hash holds.
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(files.len(), 7);
    for f in files {
        let name = f["file"].as_str().unwrap();
        assert!(bundle.join(name).is_file(), "{name}");
        assert_eq!(f["sha256"].as_str().unwrap().len(), 64);
    }
    let criteria: Value = serde_json::from_str(&read("criteria.json")).unwrap();
    assert_eq!(criteria["criteria"].as_array().unwrap().len(), 61);
    valid_sarif(&read("findings.sarif"));
    let rules: Value = serde_json::from_str(&read("rules.json")).unwrap();
    assert!(rules["rules"].as_array().unwrap().len() >= 60);
    assert!(read("report.html").contains("id=\"finding-count\">34<"));
    assert!(!read("findings.json").contains("ldg_live"));
    // Never inside the scanned tree, and nothing is created there.
    let tree = tempfile::tempdir().unwrap();
    write(tree.path(), "app.py", "x = 1\n");
    let inside = tree.path().join("audit");
    let o = run(&[
        "evidence",
        "--path",
        tree.path().to_str().unwrap(),
        "--output",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!inside.exists());
}

#[test]
fn quiet_time_and_no_progress_when_piped() {
    let path = example_app();
    let o = run(&["--path", path.to_str().unwrap(), "--quiet", "--time"]);
    assert_eq!(o.status.code(), Some(1), "the exit status still tells");
    assert!(o.stdout.is_empty(), "--quiet prints no report");
    let err = stderr(&o);
    for part in [
        "time:",
        "analyse",
        "slowest rules",
        "endpoint-without-authentication",
        "slowest files",
        "web/routes/admin.js",
    ] {
        assert!(err.contains(part), "{part} missing in {err}");
    }
    // Piped: no progress line, nothing on stderr without --time.
    let o = run(&["--path", path.to_str().unwrap()]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn credentials_on_another_rules_line_are_masked_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    // Assembled here, so that no fixture holds them: a random-looking
    // signing key, a guessable one given to an API key, and a key in a
    // provider's format.
    let random = ["Zq8Lm3Xv", "9Rt2Wb7K", "p4Nd"].concat();
    let weak = ["weak-but-", "secret"].concat();
    let provider = ["AKIA", "Q7R2", "M4XZ", "P8LN", "W3TB"].concat();
    write(
        dir.path(),
        "server.js",
        &format!(
            "const app = express();\napp.get(\"/digest\", (req, res) => res.send(crypto.createHmac(\"sha256\", \"{random}\").update(req.query.q).digest(\"hex\")));\n"
        ),
    );
    write(
        dir.path(),
        "deploy.py",
        &format!(
            "import subprocess\nsubprocess.call(cmd, shell=True, env={{\"API_KEY\": \"{weak}\", \"AWS\": \"{provider}\"}})\n"
        ),
    );
    // The secret rules are off: the only findings on those lines are
    // another rule's (an endpoint, a shell command).
    write(
        dir.path(),
        "soc2-check.toml",
        "[rules]\ndisable = [\"hardcoded-credential\", \"hardcoded-signing-key\", \"known-secret-format\"]\n",
    );
    let out = tempfile::tempdir().unwrap();
    let o = |name: &str| out.path().join(name).to_str().unwrap().to_string();
    let path = dir.path().to_str().unwrap();
    let (sarif, html, md, junit, json) = (
        o("r.sarif"),
        o("r.html"),
        o("r.md"),
        o("r.xml"),
        o("r.json"),
    );
    let scan = run(&[
        "--path", path, "--output", &sarif, "--output", &html, "--output", &md, "--output", &junit,
        "--output", &json,
    ]);
    let baseline = o("baseline.json");
    run(&["--path", path, "--write-baseline", &baseline]);
    let bundle = o("bundle");
    let ev = run(&["evidence", "--path", path, "--output", &bundle]);
    assert_eq!(ev.status.code(), Some(0), "{}", stderr(&ev));
    let mut texts = vec![("stdout".to_string(), stdout(&scan))];
    for name in [
        "r.sarif",
        "r.html",
        "r.md",
        "r.xml",
        "r.json",
        "baseline.json",
    ] {
        texts.push((
            name.into(),
            fs::read_to_string(out.path().join(name)).unwrap(),
        ));
    }
    for e in fs::read_dir(out.path().join("bundle")).unwrap() {
        let p = e.unwrap().path();
        texts.push((p.display().to_string(), fs::read_to_string(&p).unwrap()));
    }
    let json: Value = serde_json::from_str(&texts[5].1).unwrap();
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"endpoint-without-authentication") && rules.contains(&"code-execution"),
        "{rules:?}"
    );
    for (name, text) in &texts {
        for secret in [&random, &weak, &provider] {
            assert!(!text.contains(secret.as_str()), "{name} shows {secret}");
        }
    }
    assert!(texts[0].1.contains("Zq8L"), "a short prefix stays visible");
}

#[test]
fn a_baseline_at_the_repository_root_produces_no_finding() {
    let dir = tempfile::tempdir().unwrap();
    let password = ["Tr0ub4", "dor-x7"].concat();
    write(
        dir.path(),
        "config.py",
        &format!("DATABASE_URL = \"postgres://admin:{password}@db.internal:5432/app\"\n"),
    );
    let path = dir.path().to_str().unwrap();
    let baseline = dir.path().join("soc2-baseline.json");
    let report = dir.path().join("soc2-report.json");
    run(&[
        "--path",
        path,
        "--write-baseline",
        baseline.to_str().unwrap(),
    ]);
    run(&["--path", path, "--output", report.to_str().unwrap()]);
    let (v, _) = json_scan(dir.path(), &[]);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{v}");
    assert_eq!(findings[0]["path"], "config.py");
    let skipped: Vec<&str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert!(
        skipped.contains(&"soc2-baseline.json") && skipped.contains(&"soc2-report.json"),
        "{skipped:?}"
    );
    // With the baseline, today's finding is known: nothing new.
    let (v, code) = json_scan(dir.path(), &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 0, "{v}");
}

/// A file that matches thousands of times keeps the first matches of each
/// rule, within a bound per rule and one per file, and says so (`regex /a/`
/// over a 30 KB line gave 2.7 GB of findings, each with its line).
#[test]
fn findings_per_rule_and_per_file_are_bounded_and_the_bound_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let rule = |i: usize| {
        format!(
            "rule every-a-{i} {{\n  title \"Every a\"\n  severity low\n  category logging\n  criteria CC7.2\n  message \"an a\"\n  match javascript {{\n    regex /a/\n  }}\n}}\n"
        )
    };
    let rules: String = (0..12).map(rule).collect();
    write(dir.path(), "many.rule", &rules);
    write(
        dir.path(),
        "src/a.js",
        &(0..300)
            .map(|i| format!("const s{i} = \"{}\";\n", "a".repeat(100)))
            .collect::<String>(),
    );
    let rules_arg = dir.path().join("many.rule");
    let (v, code) = json_scan(
        &dir.path().join("src"),
        &["--no-stdlib", "--rules", rules_arg.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1_000, "the bound per file");
    let reasons: Vec<&str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] == "partial")
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons.len(), 13, "{reasons:?}");
    assert!(reasons.contains(
        &"`every-a-0` matched 30000 times; the first 100 are reported (at most 100 per rule and file)"
    ), "{reasons:?}");
    assert!(
        reasons.contains(
            &"the rules matched 1200 times; the first 1000 are reported (at most 1000 per file)"
        ),
        "{reasons:?}"
    );
    assert_eq!(v["summary"]["files_partial"], 1);
    // Snippets stay short whatever the line.
    assert!(findings
        .iter()
        .all(|f| f["snippet"].as_str().unwrap().len() <= 400));
}

/// Secrets stay masked whatever shows their line: twenty provider keys on
/// one JSON-like line, a credential on the line of another rule's finding,
/// and a file with lone-CR line ends (whose snippet used to be the whole
/// file), in every format.
#[test]
fn secrets_sharing_lines_with_findings_are_masked_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let keys = assembled_keys();
    let mut twenty = Vec::new();
    for i in 0..20 {
        let (kind, key) = &keys[i % keys.len()];
        // Distinct keys: the last characters vary.
        let key = format!("{}{:02}", &key[..key.len() - 2], i);
        twenty.push((format!("{kind}_{i}"), key));
    }
    let line: Vec<String> = twenty
        .iter()
        .map(|(k, v)| format!("\"{k}_token\": \"{v}\""))
        .collect();
    let padding = "const a = 1;\n".repeat(40);
    write(
        dir.path(),
        "keys.js",
        &format!("{padding}const keys = {{{}}};\n", line.join(", ")),
    );
    let password = format!("Zx8{}Qw2Lp9", "v4Tb");
    write(
        dir.path(),
        "shared.js",
        &format!("{padding}eval(req.query.code); const password = \"{password}\";\n"),
    );
    let cr = format!(
        "{}const db_password = \"{password}\";\rconst crypto = require(\"crypto\");\rcrypto.createHash(\"md5\").update(db_password);\r",
        "// old Mac line ends\r".repeat(40)
    );
    write(dir.path(), "cr.js", &cr);
    let path = dir.path().to_str().unwrap();
    let mut secrets: Vec<String> = twenty.iter().map(|(_, v)| v.clone()).collect();
    secrets.push(password.clone());
    for format in ["text", "json", "sarif", "html", "markdown", "junit"] {
        let o = run(&["--path", path, "--format", format, "--fail-on", "never"]);
        let out = stdout(&o);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        for s in &secrets {
            assert!(!out.contains(s.as_str()), "{format} output shows {s}");
        }
        if format == "json" {
            let v: Value = serde_json::from_str(&out).unwrap();
            let keys = finding_keys(&v);
            assert!(
                keys.iter().filter(|k| k.starts_with("keys.js:41 ")).count() >= 1,
                "{keys:?}"
            );
            assert!(
                keys.iter().any(|k| k.starts_with("shared.js:41 ")),
                "{keys:?}"
            );
            assert!(
                keys.contains(&"cr.js:41 hardcoded-credential access-control".to_string())
                    && keys
                        .iter()
                        .any(|k| k.starts_with("shared.js:41 command-from-request")),
                "{keys:?}"
            );
            for f in v["findings"].as_array().unwrap() {
                let snippet = f["snippet"].as_str().unwrap();
                assert!(snippet.len() <= 400, "{snippet}");
                assert!(!snippet.contains("old Mac line ends\r"), "{snippet:?}");
            }
        }
    }
}

/// A handler of more than 5,000 statements, each with a check in a branch:
/// questions about its control flow are answered from indexes, denials past
/// the bound are not followed, and the file says so (20,000 such statements
/// took a minute; each question walked the whole function).
#[test]
fn huge_handlers_are_bounded_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = (0..2_600)
        .map(|i| format!("  const v{i} = req.body.x{i};\n  if (v{i}) {{ audit.log(v{i}); }}\n"))
        .collect();
    write(
        dir.path(),
        "app.js",
        &format!("const app = require(\"express\")();\napp.post(\"/x\", (req, res) => {{\n{body}  res.send(\"ok\");\n}});\n"),
    );
    let (v, _) = json_scan(dir.path(), &[]);
    assert!(
        finding_keys(&v)
            .contains(&"app.js:2 endpoint-without-authentication access-control".to_string()),
        "{:?}",
        finding_keys(&v)
    );
    let reasons: Vec<&str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("a function has more than 5000 statements")),
        "{reasons:?}"
    );
}

/// Every command prepares rules the same way: the configuration's
/// `rules-dirs` are loaded by `explain`, `rules list/show`, `test` and
/// `endpoints` too, and a directory named both there and by `--rules` is
/// loaded once.
#[test]
fn every_command_loads_the_configurations_rule_directories() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "soc2-check.toml",
        "rules-dirs = [\"org-rules\"]\nmax-file-size = \"100B\"\n",
    );
    write(
        dir.path(),
        "org-rules/acme-print-statement.rule",
        WALKTHROUGH_RULE,
    );
    write(
        dir.path(),
        "org-rules/acme-print-statement.py",
        "# ruleid: acme-print-statement\nprint(1)\n",
    );
    let in_dir = |args: &[&str]| {
        bin()
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("binary runs")
    };
    let o = in_dir(&["explain", "acme-print-statement"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("print"), "{}", stdout(&o));
    let o = in_dir(&["rules", "list"]);
    assert!(
        stdout(&o).contains("acme-print-statement"),
        "{}",
        stdout(&o)
    );
    let o = in_dir(&["rules", "show", "acme-print-statement"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The scan with the same directory named twice: no duplicate ids.
    write(dir.path(), "app.py", "print(1)\n");
    let o = in_dir(&["--rules", "org-rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(finding_keys(&v).contains(&"app.py:1 acme-print-statement logging".to_string()));
    // `test` with no path tests the bundled rules and the configured ones.
    let o = in_dir(&["test"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let line = stdout(&o).lines().last().unwrap().to_string();
    let passed: usize = line.split(' ').next().unwrap().parse().unwrap();
    let bundled = stdout(&run(&["test"]));
    let bundled: usize = bundled
        .lines()
        .last()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(passed, bundled + 1, "{line}");
    // `endpoints` reads the configuration: its size limit skips the file.
    write(
        dir.path(),
        "server.js",
        &format!(
            "const express = require('express');\nconst app = express();\napp.get('/a', h); // {}\n",
            "x".repeat(200)
        ),
    );
    let endpoints = |extra: &[&str]| {
        let o = in_dir(&[&["endpoints", "--format", "json"], extra].concat());
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        v["summary"]["endpoints"].as_u64().unwrap()
    };
    assert_eq!(endpoints(&[]), 0);
    assert_eq!(endpoints(&["--max-file-size", "1MB"]), 1);
}

/// `test NAME.rule` from the rule's own directory finds its fixtures, and a
/// rule that no fixture tests fails the run instead of passing with 0 tests.
#[test]
fn a_rule_test_finds_its_fixtures_without_a_directory_part_and_untested_rules_fail() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "acme-print-statement.rule", WALKTHROUGH_RULE);
    write(
        dir.path(),
        "acme-print-statement.py",
        "# ruleid: acme-print-statement\nprint(1)\n# ok: acme-print-statement\nlog(1)\n",
    );
    let o = bin()
        .args(["test", "acme-print-statement.rule"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "2 passed, 0 failed");
    fs::remove_file(dir.path().join("acme-print-statement.py")).unwrap();
    let o = bin()
        .args(["test", "acme-print-statement.rule"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("has no tests"), "{}", stderr(&o));
}
