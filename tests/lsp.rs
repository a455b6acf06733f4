//! The language server driven over stdio with JSON-RPC, as an editor
//! drives it: initialise, open, change, hover, code action, a rule file
//! changed and broken, the configuration changed, shutdown.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Client {
    child: Child,
    stdin: ChildStdin,
    inbox: Receiver<Value>,
    /// Every message received, in order.
    seen: Vec<Value>,
    next_id: i64,
}

const WAIT: Duration = Duration::from_secs(60);

impl Client {
    fn start(root: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_soc2-check"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, inbox) = channel();
        std::thread::spawn(move || loop {
            let mut len = None;
            loop {
                let mut line = String::new();
                if out.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    len = v.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; len.expect("a Content-Length header")];
            if out.read_exact(&mut body).is_err() {
                return;
            }
            let v: Value = serde_json::from_slice(&body).expect("JSON");
            if tx.send(v).is_err() {
                return;
            }
        });
        let mut c = Client {
            child,
            stdin,
            inbox,
            seen: Vec::new(),
            next_id: 0,
        };
        let root_uri = uri(root);
        let init = c.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": [{ "uri": root_uri, "name": "fixture" }],
                "capabilities": {
                    "window": { "workDoneProgress": true, "showDocument": { "support": true } },
                    "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
                },
            }),
        );
        assert_eq!(
            init["result"]["capabilities"]["hoverProvider"], true,
            "{init}"
        );
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The next message (after those already seen) that `pred` accepts;
    /// requests from the server are answered on the way.
    fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self
                .inbox
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no such message; seen: {:#?}", self.seen));
            if m.get("method").is_some() && m.get("id").is_some() {
                let id = m["id"].clone();
                self.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }));
            }
            self.seen.push(m.clone());
            if pred(&m) {
                return m;
            }
        }
    }

    /// The next diagnostics published for `path`.
    fn diagnostics(&mut self, root: &Path, path: &str) -> Vec<Value> {
        let u = uri(&root.join(path));
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u.as_str()
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

fn uri(p: &Path) -> String {
    let p = p.canonicalize().unwrap_or(p.to_path_buf());
    format!("file://{}", p.display())
}

fn codes(diags: &[Value]) -> Vec<(u64, String)> {
    diags
        .iter()
        .filter(|d| d.get("code").is_some())
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const APP: &str = "const express = require('express');\nconst users = require('./routes/users');\nconst { requireAuth } = require('./auth');\nconst app = express();\napp.use(requireAuth);\napp.use('/users', users);\napp.listen(3000);\n";
const USERS: &str = "const express = require('express');\nconst router = express.Router();\nrouter.get('/:id', (req, res) => res.json({ id: req.params.id }));\nmodule.exports = router;\n";
const ORG_RULE: &str = "rule acme-no-console {\n  title \"console.log in service code\"\n  severity low\n  category logging\n  criteria CC7.2\n  message \"console.log writes outside the audit log\"\n  fix \"Use the audit logger.\"\n  match javascript `console.log(...)`\n}\n";

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn an_editor_session_sees_findings_change_across_files_and_rules() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    write(&root, "app.js", APP);
    write(&root, "routes/users.js", USERS);
    write(&root, "soc2-check.toml", "rules-dirs = [\"org-rules\"]\n");
    write(&root, "org-rules/acme-no-console.rule", ORG_RULE);
    let mut c = Client::start(&root);

    // The workspace scan at start-up, with progress and a status.
    let app = c.diagnostics(&root, "app.js");
    assert_eq!(codes(&app), [(4, "missing-security-headers".to_string())]);
    let status = c.wait_for(|m| m["method"] == "soc2/status");
    c.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    assert!(status["params"]["score"].is_u64(), "{status}");
    assert_eq!(status["params"]["findings"], 1, "{status}");

    // Removing the middleware in app.js leaves the route in another file
    // unauthenticated: its diagnostics are re-published.
    let app_uri = uri(&root.join("app.js"));
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": app_uri, "languageId": "javascript", "version": 1, "text": APP } }),
    );
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": app_uri, "version": 2 },
                "contentChanges": [{ "text": APP.replace("app.use(requireAuth);\n", "") }] }),
    );
    let users = c.diagnostics(&root, "routes/users.js");
    assert_eq!(
        codes(&users),
        [(3, "endpoint-without-authentication".to_string())]
    );
    let message = users[0]["message"].as_str().unwrap();
    assert!(message.contains("GET /users/:id"), "{message}");

    // Hover on the finding: its rule, why it matters, the fix; and on the
    // route, its guards.
    let users_uri = uri(&root.join("routes/users.js"));
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": users_uri }, "position": { "line": 2, "character": 8 } }),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(text.contains("endpoint-without-authentication"), "{hover}");
    assert!(text.contains("CC6.1"), "{text}");
    assert!(text.contains("**Fix:**"), "{text}");
    assert!(text.contains("**Endpoint** `GET /users/:id`"), "{text}");
    assert!(text.contains("✗ authentication"), "{text}");

    // A code action inserts a suppression with a reason to fill in, and
    // another shows the rule.
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": users_uri },
                "range": { "start": { "line": 2, "character": 0 }, "end": { "line": 2, "character": 0 } },
                "context": { "diagnostics": [] } }),
    );
    let list = actions["result"].as_array().unwrap();
    let edit = &list[0]["edit"]["changes"][users_uri.as_str()][0];
    assert_eq!(edit["range"]["start"]["line"], 2, "{actions}");
    let inserted = edit["newText"].as_str().unwrap();
    assert!(
        inserted.starts_with("// soc2-ignore: endpoint-without-authentication ${1:"),
        "{inserted}"
    );
    assert!(list
        .iter()
        .any(|a| a["command"]["command"] == "soc2-check.showRule"));

    // Putting the middleware back clears the route's finding.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": app_uri, "version": 3 }, "contentChanges": [{ "text": APP }] }),
    );
    assert!(codes(&c.diagnostics(&root, "routes/users.js")).is_empty());

    // An organisation rule in the configuration's rules-dirs finds code.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": app_uri, "version": 4 },
                "contentChanges": [{ "text": format!("{APP}console.log('up');\n") }] }),
    );
    let app = c.diagnostics(&root, "app.js");
    assert!(
        codes(&app).contains(&(8, "acme-no-console".to_string())),
        "{app:?}"
    );

    // The rule file is edited on disk: the change reloads it; broken, its
    // diagnostics are in the rule file, with the span.
    let rule_path = root.join("org-rules/acme-no-console.rule");
    std::fs::write(
        &rule_path,
        ORG_RULE.replace("`console.log(...)`", "`console.log(`"),
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&rule_path), "type": 2 }] }),
    );
    let rule_diags = c.diagnostics(&root, "org-rules/acme-no-console.rule");
    assert_eq!(rule_diags.len(), 1, "{rule_diags:?}");
    assert_eq!(rule_diags[0]["range"]["start"]["line"], 7);
    let m = rule_diags[0]["message"].as_str().unwrap();
    assert!(m.contains("`(` is never closed"), "{m}");
    // Fixed again, the rule file's diagnostics are cleared.
    std::fs::write(&rule_path, ORG_RULE).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&rule_path), "type": 2 }] }),
    );
    assert!(c
        .diagnostics(&root, "org-rules/acme-no-console.rule")
        .is_empty());
    let app = c.diagnostics(&root, "app.js");
    assert!(
        codes(&app).contains(&(8, "acme-no-console".to_string())),
        "{app:?}"
    );

    // The configuration disables the rule: the finding goes.
    write(
        &root,
        "soc2-check.toml",
        "rules-dirs = [\"org-rules\"]\n[rules]\ndisable = [\"acme-no-console\"]\n",
    );
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&root.join("soc2-check.toml")), "type": 2 }] }),
    );
    let app = c.diagnostics(&root, "app.js");
    assert!(
        !codes(&app).iter().any(|(_, c)| c == "acme-no-console"),
        "{app:?}"
    );

    // Nothing was written into the workspace.
    let mut names: Vec<String> = walk(&root);
    names.sort();
    assert_eq!(
        names,
        [
            "app.js",
            "org-rules/acme-no-console.rule",
            "routes/users.js",
            "soc2-check.toml"
        ]
    );

    let shutdown = c.request("shutdown", Value::Null);
    assert!(shutdown.get("error").is_none(), "{shutdown}");
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap();
    assert!(status.success());
}

fn walk(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(
                    p.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out
}

/// Secrets are masked in what the server sends, as in the CLI.
#[test]
fn secrets_are_masked_in_diagnostics_and_hovers() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    // Assembled here: no credential-shaped literal in the repository.
    let token = format!("{}{}", "Zk3q9T", "vX81mPq4LwR2sN7yB0cD");
    write(&root, "settings.py", &format!("API_TOKEN = \"{token}\"\n"));
    let mut c = Client::start(&root);
    let diags = c.diagnostics(&root, "settings.py");
    assert!(!diags.is_empty());
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri(&root.join("settings.py")) }, "position": { "line": 0, "character": 14 } }),
    );
    for m in &c.seen {
        assert!(
            !m.to_string().contains(&token),
            "a secret left the server: {m}"
        );
    }
    assert!(!hover.to_string().contains(&token));
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    c.child.wait().unwrap();
}

/// A real editor: Neovim's built-in LSP client, headless, opens the
/// fixture project, sees the diagnostics, and sees another file's change
/// when a middleware line is deleted and put back. `.ci/run` installs
/// Debian's `neovim`; elsewhere the test is skipped when it is missing.
#[test]
fn neovim_sees_diagnostics_change_across_files() {
    let has_nvim = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_nvim {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs Neovim (.ci/run installs it)"
        );
        eprintln!("skipped: no nvim on PATH");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    write(&root, "app.js", APP);
    write(&root, "routes/users.js", USERS);
    // Neovim's own state goes elsewhere than the workspace.
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("session.txt");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/nvim/session.lua");
    let status = Command::new("nvim")
        .args([
            "--headless",
            "--clean",
            "-n",
            "-i",
            "NONE",
            "-u",
            "NONE",
            "-c",
        ])
        .arg(format!("luafile {}", script.display()))
        .env("SOC2_ROOT", &root)
        .env("SOC2_BIN", env!("CARGO_BIN_EXE_soc2-check"))
        .env("SOC2_OUT", &out)
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .expect("nvim runs");
    let log = std::fs::read_to_string(&out).unwrap_or_default();
    eprintln!("{log}");
    assert!(status.success(), "{log}");
    assert_eq!(
        log.lines().collect::<Vec<_>>(),
        [
            "open app.js: 4 missing-security-headers",
            "users.js before: ",
            "users.js after: 3 endpoint-without-authentication",
            "users.js restored: clean",
        ],
        "{log}"
    );
}
