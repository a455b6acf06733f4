//! `soc2-check lsp`: the language server, over stdio.
//!
//! Built on `lsp-server` and `lsp-types` (the synchronous transport
//! rust-analyzer and Ruff use): one thread owns the analysis host, so that
//! a change never waits for a snapshot held elsewhere. At start-up the
//! workspace is scanned as the command line scans it (the same preparation,
//! walk and rules), with `$/progress`; an edit sets the file's text in the
//! host, and once edits pause for [`DEBOUNCE`] every file is checked again.
//! salsa recomputes only what the edit reaches, so the findings of other
//! files change when, and only when, what they depend on does (a
//! middleware removed in `app.js` re-publishes `routes/users.js`). Rule
//! files and `soc2-check.toml` reload on change, and a broken rule file gets
//! its diagnostics in the rule file. The server never writes a file.

mod text;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};
use soc2_compiler::catalog::{self, Severity};
use soc2_compiler::lang::Lang;
use soc2_engine::db::FileResult;
use soc2_engine::Change;

use crate::ruleset::{self, LoadedRules};
use crate::scan::{self, Metas, Reported, ScanOptions};
use crate::CliError;
use text::{path_of, uri_of, LineIndex};

/// How long edits must pause before files are checked again.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// The command that opens a rule's source (a code action runs it).
const SHOW_RULE: &str = "soc2-check.showRule";

pub fn run() -> Result<u8, CliError> {
    let (connection, io) = Connection::stdio();
    let result = serve(&connection);
    drop(connection);
    let _ = io.join();
    result.map(|()| 0)
}

fn protocol(e: impl std::fmt::Display) -> CliError {
    CliError::Usage(format!("language server: {e}"))
}

fn serve(connection: &Connection) -> Result<(), CliError> {
    let (id, params) = connection.initialize_start().map_err(protocol)?;
    let root = workspace_root(&params);
    let caps = json!({
        "positionEncoding": "utf-16",
        "textDocumentSync": { "openClose": true, "change": 1, "save": { "includeText": false } },
        "hoverProvider": true,
        "codeActionProvider": { "codeActionKinds": ["quickfix"] },
        "executeCommandProvider": { "commands": [SHOW_RULE] },
    });
    connection
        .initialize_finish(
            id,
            json!({
                "capabilities": caps,
                "serverInfo": { "name": "soc2-check", "version": env!("CARGO_PKG_VERSION") },
            }),
        )
        .map_err(protocol)?;
    let client = ClientCaps::of(&params);
    let mut server = Server::new(root, connection.sender.clone(), client, &params);
    server.register_watchers();
    server.load();
    let mut pending = false;
    loop {
        let msg = if pending {
            match connection.receiver.recv_timeout(DEBOUNCE) {
                Ok(m) => Some(m),
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => None,
                Err(_) => break,
            }
        } else {
            match connection.receiver.recv() {
                Ok(m) => Some(m),
                Err(_) => break,
            }
        };
        match msg {
            None => {
                server.recheck();
                pending = false;
            }
            Some(Message::Request(req)) => {
                // A client that asked to shut down may close the pipe
                // before its `exit`: that ends the session as well.
                if req.method == "shutdown" {
                    let _ = connection.handle_shutdown(&req);
                    break;
                }
                // Answers see every edit made before the question.
                if pending {
                    server.recheck();
                    pending = false;
                }
                server.on_request(req);
            }
            Some(Message::Notification(n)) => {
                if n.method == "exit" {
                    break;
                }
                pending |= server.on_notification(n);
            }
            Some(Message::Response(_)) => {}
        }
    }
    Ok(())
}

/// The workspace root: the first workspace folder, else the root URI,
/// else the current directory.
fn workspace_root(params: &Value) -> PathBuf {
    let from_folders = params["workspaceFolders"]
        .as_array()
        .and_then(|f| f.first())
        .and_then(|f| f["uri"].as_str())
        .and_then(path_of);
    let from_root = params["rootUri"].as_str().and_then(path_of);
    let root = from_folders
        .or(from_root)
        .or_else(|| params["rootPath"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("."));
    root.canonicalize().unwrap_or(root)
}

/// What the client said it can do.
struct ClientCaps {
    progress: bool,
    watch: bool,
    show_document: bool,
}

impl ClientCaps {
    fn of(params: &Value) -> Self {
        let caps = &params["capabilities"];
        ClientCaps {
            progress: caps["window"]["workDoneProgress"].as_bool() == Some(true),
            watch: caps["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"].as_bool()
                == Some(true),
            show_document: caps["window"]["showDocument"]["support"].as_bool() == Some(true),
        }
    }
}

/// What was last published for one source file.
struct Published {
    result: Arc<FileResult>,
    text: Arc<str>,
    findings: Vec<Reported>,
    evidence: Vec<Reported>,
    diagnostics: Vec<Value>,
}

struct Server {
    root: PathBuf,
    sender: crossbeam_channel::Sender<Message>,
    client: ClientCaps,
    /// `initializationOptions.docsUrl`: where rule pages live (`{url}/ID.md`).
    docs_url: Option<String>,
    opts: Option<ScanOptions>,
    loaded: Option<LoadedRules>,
    metas: Metas,
    /// Open documents, by path relative to the root: their text wins over
    /// the disk's.
    open: HashMap<String, Arc<str>>,
    published: HashMap<String, Published>,
    /// Rule files that have diagnostics published, by absolute path.
    rule_diagnostics: Vec<PathBuf>,
    next_id: i32,
}

impl Server {
    fn new(
        root: PathBuf,
        sender: crossbeam_channel::Sender<Message>,
        client: ClientCaps,
        params: &Value,
    ) -> Self {
        Server {
            root,
            sender,
            client,
            docs_url: params["initializationOptions"]["docsUrl"]
                .as_str()
                .map(|s| s.trim_end_matches('/').to_string()),
            opts: None,
            loaded: None,
            metas: Metas::new(),
            open: HashMap::new(),
            published: HashMap::new(),
            rule_diagnostics: Vec::new(),
            next_id: 0,
        }
    }

    fn send(&self, m: Message) {
        let _ = self.sender.send(m);
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )));
    }

    fn request(&mut self, method: &str, params: Value) {
        self.next_id += 1;
        let id = RequestId::from(format!("soc2-{}", self.next_id));
        self.send(Message::Request(Request::new(
            id,
            method.to_string(),
            params,
        )));
    }

    fn log(&self, kind: u8, message: String) {
        self.notify(
            "window/logMessage",
            json!({ "type": kind, "message": message }),
        );
    }

    fn register_watchers(&mut self) {
        if !self.client.watch {
            return;
        }
        let globs = [
            "**/*.rule",
            "**/soc2-check.toml",
            "**/*.{py,js,jsx,mjs,cjs,ts,tsx}",
        ];
        let watchers: Vec<Value> = globs.iter().map(|g| json!({ "globPattern": g })).collect();
        self.request(
            "client/registerCapability",
            json!({ "registrations": [{
                "id": "soc2-check-watch",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": watchers },
            }]}),
        );
    }

    /// The path of a URI relative to the root, if it lies inside it.
    fn rel(&self, uri: &str) -> Option<String> {
        let p = path_of(uri)?;
        let p = p.canonicalize().unwrap_or(p);
        let rel = p.strip_prefix(&self.root).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    fn uri(&self, rel: &str) -> String {
        uri_of(&self.root.join(rel))
    }

    /// Prepares the workspace as the command line does (configuration,
    /// rule directories, walk) and scans it, with progress.
    fn load(&mut self) {
        let here = self.root.clone();
        let req = crate::prepare::Request {
            path: &here,
            config: None,
            rules: &[],
            no_stdlib: false,
            criteria: Vec::new(),
            max_file_size: None,
            no_default_ignores: false,
        };
        let opts = match crate::prepare::options(&req) {
            Ok(o) => o,
            Err(e) => {
                self.show_error(e);
                return;
            }
        };
        self.opts = Some(opts);
        self.reload_rules();
        self.rescan();
    }

    fn show_error(&self, e: CliError) {
        let message = match e {
            CliError::Usage(m) => m,
            CliError::Rules => "the rule files have problems".into(),
        };
        self.notify(
            "window/showMessage",
            json!({ "type": 1, "message": format!("soc2-check: {message}") }),
        );
    }

    /// (Re)loads the rule files into the host, with open rule files' text,
    /// and publishes their problems in the rule files.
    fn reload_rules(&mut self) {
        let Some(opts) = self.opts.clone() else {
            return;
        };
        let open: HashMap<PathBuf, String> = self
            .open
            .iter()
            .filter(|(p, _)| p.ends_with(".rule"))
            .map(|(p, t)| (self.root.join(p), t.to_string()))
            .collect();
        let buffer = |p: &Path| {
            let p = p.canonicalize().unwrap_or(p.to_path_buf());
            open.get(&p).cloned()
        };
        let base = crate::prepare::config_sources(&opts);
        let (paths, no_stdlib) = (&opts.rule_paths, opts.no_stdlib);
        let loaded = match self.loaded.take() {
            Some(mut l) => {
                ruleset::reload(&mut l, paths, no_stdlib, false, base.clone(), &buffer).map(|()| l)
            }
            None => ruleset::load_sources(paths, no_stdlib, false, base.clone()),
        }
        .and_then(|mut l| {
            // The endpoint inventory's rules, for hovers on routes, written
            // from the definitions just loaded.
            let mut extra = base;
            extra.push(crate::endpoints_cmd::inventory_source(&l));
            ruleset::reload(&mut l, paths, no_stdlib, false, extra, &buffer)?;
            // Every grammar: an editor may open any file.
            let mut c = Change::new();
            c.set_grammars(None);
            l.host.apply_change(c);
            Ok(l)
        });
        let loaded = match loaded {
            Ok(l) => l,
            Err(e) => {
                self.show_error(e);
                return;
            }
        };
        self.publish_rule_problems(&loaded);
        self.metas = scan::rule_metas(&loaded.compiled(), &opts);
        // The inventory's rules answer hovers; they report nothing.
        self.metas
            .retain(|id, _| !id.starts_with(crate::endpoints_cmd::PREFIX));
        self.loaded = Some(loaded);
    }

    fn publish_rule_problems(&mut self, loaded: &LoadedRules) {
        let analysis = loaded.analysis();
        let mut by_file: HashMap<PathBuf, Vec<Value>> = HashMap::new();
        for p in analysis.rule_problems() {
            let Some((name, text)) = loaded.sources.get(p.source) else {
                continue;
            };
            // Bundled and generated rule files have no file to show them in.
            if p.source < loaded.first_user || !name.ends_with(".rule") {
                continue;
            }
            let path = PathBuf::from(name);
            let path = path.canonicalize().unwrap_or(path);
            let ix = LineIndex::new(text);
            let pr = &p.problem;
            let mut message = pr.message.clone();
            if let Some(h) = &pr.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            by_file.entry(path).or_default().push(json!({
                "range": ix.range(pr.span.start, pr.span.end),
                "severity": 1,
                "code": pr.code,
                "source": "soc2-check",
                "message": crate::escape::terminal(&message),
            }));
        }
        let stale: Vec<PathBuf> = self
            .rule_diagnostics
            .iter()
            .filter(|p| !by_file.contains_key(*p))
            .cloned()
            .collect();
        for p in stale {
            self.notify(
                "textDocument/publishDiagnostics",
                json!({ "uri": uri_of(&p), "diagnostics": [] }),
            );
        }
        self.rule_diagnostics = by_file.keys().cloned().collect();
        for (p, diags) in by_file {
            self.notify(
                "textDocument/publishDiagnostics",
                json!({ "uri": uri_of(&p), "diagnostics": diags }),
            );
        }
    }

    /// Walks and reads the workspace into the host (open documents keep
    /// their text), then checks every file.
    fn rescan(&mut self) {
        let (Some(opts), Some(mut loaded)) = (self.opts.clone(), self.loaded.take()) else {
            return;
        };
        let token = "soc2-check/scan";
        if self.client.progress {
            self.request("window/workDoneProgress/create", json!({ "token": token }));
            self.notify(
                "$/progress",
                json!({ "token": token, "value": { "kind": "begin", "title": "soc2-check", "message": "scanning the workspace", "percentage": 0 } }),
            );
        }
        let sender = self.sender.clone();
        let progress = self.client.progress;
        let mut report = |done: usize, total: usize| {
            if progress && total > 0 {
                let _ = sender.send(Message::Notification(Notification::new(
                    "$/progress".into(),
                    json!({ "token": token, "value": { "kind": "report", "message": format!("{done}/{total} files"), "percentage": done * 100 / total } }),
                )));
            }
        };
        let result = scan::scan_with(&mut loaded, &opts, &mut report);
        for s in result.skipped.iter().filter(|s| !s.partial) {
            self.log(4, format!("skipped {}: {}", s.path, s.reason));
        }
        // Unsaved edits win over what the walk read from disk.
        let mut change = Change::new();
        for (rel, text) in &self.open {
            if let Some(lang) = Lang::of_path(rel) {
                change.set_file(rel.clone(), text.clone(), lang);
            }
        }
        loaded.host.apply_change(change);
        self.loaded = Some(loaded);
        self.recheck();
        if self.client.progress {
            self.notify(
                "$/progress",
                json!({ "token": token, "value": { "kind": "end", "message": format!("{} files", result.files_scanned) } }),
            );
        }
    }

    /// Checks every file of the host and publishes the diagnostics that
    /// changed; files whose result and text are the same objects as last
    /// time are skipped unread.
    fn recheck(&mut self) {
        let Some(loaded) = self.loaded.as_mut() else {
            return;
        };
        let ids = loaded.analysis().files();
        let mut results: Vec<(soc2_engine::FileId, Arc<FileResult>)> = Vec::new();
        loaded
            .host
            .check_files(&ids, |id, r, _| results.push((id, r)));
        let analysis = loaded.analysis();
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<(String, Vec<Value>)> = Vec::new();
        for (id, r) in results {
            let (Some(path), Some(text)) = (analysis.path(id), analysis.text(id)) else {
                continue;
            };
            seen.insert(path.to_string());
            if let Some(p) = self.published.get(path) {
                if Arc::ptr_eq(&p.result, &r) && Arc::ptr_eq(&p.text, &text) {
                    continue;
                }
            }
            let (findings, evidence, diagnostics) = diagnose(path, &text, &r, &self.metas);
            let changed = self
                .published
                .get(path)
                .is_none_or(|p| p.diagnostics != diagnostics);
            if changed {
                out.push((path.to_string(), diagnostics.clone()));
            }
            self.published.insert(
                path.to_string(),
                Published {
                    result: r,
                    text,
                    findings,
                    evidence,
                    diagnostics,
                },
            );
        }
        drop(analysis);
        let gone: Vec<String> = self
            .published
            .keys()
            .filter(|p| !seen.contains(*p))
            .cloned()
            .collect();
        for p in gone {
            self.published.remove(&p);
            out.push((p, Vec::new()));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, diagnostics) in &out {
            self.notify(
                "textDocument/publishDiagnostics",
                json!({ "uri": self.uri(path), "diagnostics": diagnostics }),
            );
        }
        if !out.is_empty() {
            self.status();
        }
    }

    /// `soc2/status`: the compliance score and counts, as the criteria
    /// report computes them.
    fn status(&self) {
        let Some(opts) = &self.opts else { return };
        let mut findings: Vec<Reported> = Vec::new();
        let mut evidence: Vec<Reported> = Vec::new();
        for p in self.published.values() {
            findings.extend(p.findings.iter().cloned());
            evidence.extend(p.evidence.iter().cloned());
        }
        let mut by_severity = serde_json::Map::new();
        for s in Severity::ALL {
            let n = findings.iter().filter(|f| f.rule.severity == s).count();
            by_severity.insert(s.as_str().to_string(), json!(n));
        }
        let covered: Vec<(String, Vec<String>)> = self
            .metas
            .values()
            .map(|m| (m.id.clone(), m.criteria.clone()))
            .collect();
        let result = scan::ScanResult {
            findings,
            evidence,
            suppressed: Vec::new(),
            notices: Vec::new(),
            baselined: 0,
            phases: Vec::new(),
            slowest_files: Vec::new(),
            skipped: Vec::new(),
            files_scanned: self.published.len(),
            rules_run: self.metas.len(),
            rules: Vec::new(),
        };
        let (_, score) = crate::controls_cmd::build(&result, &covered, &opts.scope);
        self.notify(
            "soc2/status",
            json!({
                "score": score.percent(),
                "evidenced": score.evidenced,
                "checkable": score.checkable,
                "findings": result.findings.len(),
                "bySeverity": by_severity,
                "files": result.files_scanned,
            }),
        );
    }

    /// Handles a notification; true when files must be checked again.
    fn on_notification(&mut self, n: Notification) -> bool {
        let p = &n.params;
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let doc = &p["textDocument"];
                let text = doc["text"].as_str().unwrap_or_default();
                self.set_open(doc["uri"].as_str().unwrap_or_default(), text)
            }
            "textDocument/didChange" => {
                // Full sync: the last change holds the whole text.
                let Some(text) = p["contentChanges"]
                    .as_array()
                    .and_then(|c| c.last())
                    .and_then(|c| c["text"].as_str())
                else {
                    return false;
                };
                self.set_open(p["textDocument"]["uri"].as_str().unwrap_or_default(), text)
            }
            "textDocument/didClose" => {
                let uri = p["textDocument"]["uri"].as_str().unwrap_or_default();
                let Some(rel) = self.rel(uri) else {
                    return false;
                };
                if self.open.remove(&rel).is_none() {
                    return false;
                }
                // Back to what the disk holds.
                self.on_disk_change(&[rel]);
                false
            }
            "textDocument/didSave" => {
                let uri = p["textDocument"]["uri"].as_str().unwrap_or_default();
                match self.rel(uri) {
                    Some(rel) if rel.ends_with(crate::config::FILE_NAME) => {
                        self.on_disk_change(&[rel]);
                    }
                    _ => {}
                }
                false
            }
            "workspace/didChangeWatchedFiles" => {
                let rels: Vec<String> = p["changes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c["uri"].as_str())
                    .filter_map(|u| {
                        self.rel(u)
                            .or_else(|| path_of(u).map(|p| p.display().to_string()))
                    })
                    .filter(|r| !self.open.contains_key(r))
                    .collect();
                if !rels.is_empty() {
                    self.on_disk_change(&rels);
                }
                false
            }
            "workspace/didChangeConfiguration" => {
                self.load();
                false
            }
            _ => false,
        }
    }

    /// Files changed on disk: the configuration or rules reload everything
    /// that depends on them; source files are read again.
    fn on_disk_change(&mut self, rels: &[String]) {
        if rels.iter().any(|r| r.ends_with(crate::config::FILE_NAME)) {
            self.load();
        } else if rels.iter().any(|r| r.ends_with(".rule")) {
            self.reload_rules();
            self.rescan();
        } else {
            self.rescan();
        }
    }

    /// An open document's text; true when it is a source file of the host.
    fn set_open(&mut self, uri: &str, text: &str) -> bool {
        let Some(rel) = self.rel(uri) else {
            return false;
        };
        // Read as the walk reads files: lone `\r` line ends as `\n`.
        let text: Arc<str> = Arc::from(crate::walk::lone_cr_as_newline(text.to_string()));
        self.open.insert(rel.clone(), text.clone());
        if rel.ends_with(".rule") {
            self.reload_rules();
            return true;
        }
        let Some(lang) = Lang::of_path(&rel) else {
            return false;
        };
        let Some(loaded) = self.loaded.as_mut() else {
            return false;
        };
        // Files the walk leaves out (dependencies, generated code, paths the
        // configuration excludes) stay out when opened.
        let known = loaded.analysis().file_id(&rel).is_some();
        let wanted = self.opts.as_ref().is_some_and(|o| {
            soc2_compiler::plan::PathFilter::new(o.config.include.clone(), o.config.exclude.clone())
                .unwrap_or_default()
                .allows(&rel)
        });
        let admitted = wanted && !crate::walk::in_ignored_dir(&rel);
        if !known && !admitted {
            return false;
        }
        let mut change = Change::new();
        change.set_file(rel, text, lang);
        loaded.host.apply_change(change);
        true
    }

    fn on_request(&mut self, req: Request) {
        let result = match req.method.as_str() {
            "textDocument/hover" => self.hover(&req.params),
            "textDocument/codeAction" => self.code_actions(&req.params),
            "workspace/executeCommand" => self.execute(&req.params),
            _ => {
                self.send(Message::Response(Response::new_err(
                    req.id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("soc2-check does not answer {}", req.method),
                )));
                return;
            }
        };
        self.send(Message::Response(Response::new_ok(req.id, result)));
    }

    /// The published file at a request's position: (path, byte offset).
    fn at(&self, params: &Value) -> Option<(String, usize, &Published)> {
        let rel = self.rel(params["textDocument"]["uri"].as_str()?)?;
        let p = self.published.get(&rel)?;
        let pos = &params["position"];
        let ix = LineIndex::new(&p.text);
        let offset = ix.offset(
            pos["line"].as_u64().unwrap_or(0) as u32,
            pos["character"].as_u64().unwrap_or(0) as u32,
        );
        Some((rel, offset, p))
    }

    fn hover(&self, params: &Value) -> Value {
        let Some((_, offset, p)) = self.at(params) else {
            return Value::Null;
        };
        let mut parts: Vec<String> = Vec::new();
        let holds = |f: &soc2_engine::Finding| f.start_byte <= offset && offset <= f.end_byte;
        for r in p.findings.iter().filter(|r| holds(&r.finding)) {
            parts.push(self.finding_hover(r));
        }
        // A route: the inventory's rules say what guards it, and how.
        let inventory: Vec<&soc2_engine::Finding> = p
            .result
            .findings
            .iter()
            .filter(|f| f.rule_id.starts_with(crate::endpoints_cmd::PREFIX) && holds(f))
            .collect();
        if let Some(text) = endpoint_hover(&inventory) {
            parts.push(text);
        }
        if parts.is_empty() {
            return Value::Null;
        }
        json!({ "contents": { "kind": "markdown", "value": parts.join("\n\n---\n\n") } })
    }

    fn finding_hover(&self, r: &Reported) -> String {
        let m = &r.rule;
        let mut out = format!(
            "**{}** · {} · `{}`\n\n{}\n\n",
            md(&m.title),
            m.severity.as_str(),
            m.id,
            md(&r.finding.message)
        );
        let criteria: Vec<String> = m
            .criteria
            .iter()
            .map(|c| match catalog::criterion(c) {
                Some(k) => format!("{c} ({})", k.topic),
                None => c.clone(),
            })
            .collect();
        out.push_str(&format!(
            "**Why it matters for SOC 2:** {} — {}\n\n",
            catalog::category_title(m.category),
            criteria.join("; ")
        ));
        if !m.recommendation.is_empty() {
            out.push_str(&format!("**Fix:** {}\n\n", md(&m.recommendation)));
        }
        match &self.docs_url {
            Some(url) => out.push_str(&format!("[Rule documentation]({url}/{}.md)", m.id)),
            None => out.push_str(&format!("Documentation: `soc2-check rules show {}`", m.id)),
        }
        out
    }

    fn code_actions(&self, params: &Value) -> Value {
        let Some(rel) = params["textDocument"]["uri"]
            .as_str()
            .and_then(|u| self.rel(u))
        else {
            return json!([]);
        };
        let Some(p) = self.published.get(&rel) else {
            return json!([]);
        };
        let ix = LineIndex::new(&p.text);
        let range = &params["range"];
        let line_of = |k: &str| range[k]["line"].as_u64().unwrap_or(0) as usize + 1;
        let (first, last) = (line_of("start"), line_of("end"));
        let lang = Lang::of_path(&rel).unwrap_or(Lang::Text);
        let uri = self.uri(&rel);
        let mut actions = Vec::new();
        let mut seen = Vec::new();
        for r in &p.findings {
            let f = &r.finding;
            if f.start.line > last
                || f.end.line < first
                || seen.contains(&(&f.rule_id, f.start.line))
            {
                continue;
            }
            seen.push((&f.rule_id, f.start.line));
            // The comment goes on its own line above, indented as the line is.
            let line_start = p.text[..f.start_byte.min(p.text.len())]
                .rfind(['\n', '\r'])
                .map_or(0, |i| i + 1);
            let indent: String = p.text[line_start..]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let (open, close) = match lang {
                Lang::Python | Lang::Text => ("# ", ""),
                _ => ("// ", ""),
            };
            let new_text = format!(
                "{indent}{open}soc2-ignore: {} ${{1:why this is acceptable}}{close}\n",
                f.rule_id
            );
            let at = ix.position(line_start);
            let pos = json!({ "line": at.0, "character": at.1 });
            actions.push(json!({
                "title": format!("Suppress {} here, with a reason (soc2-ignore)", f.rule_id),
                "kind": "quickfix",
                "edit": { "changes": { uri.clone(): [{
                    "range": { "start": pos, "end": pos },
                    "newText": new_text,
                }]}},
            }));
            actions.push(json!({
                "title": format!("Show the rule {}", f.rule_id),
                "kind": "quickfix",
                "command": { "title": "Show the rule", "command": SHOW_RULE, "arguments": [f.rule_id] },
            }));
        }
        json!(actions)
    }

    /// `soc2-check.showRule ID`: opens the rule's file at the rule (a user
    /// rule), or answers with its source (a bundled one has no file).
    fn execute(&mut self, params: &Value) -> Value {
        if params["command"].as_str() != Some(SHOW_RULE) {
            return Value::Null;
        }
        let Some(id) = params["arguments"][0].as_str() else {
            return Value::Null;
        };
        let Some(loaded) = &self.loaded else {
            return Value::Null;
        };
        let analysis = loaded.analysis();
        for (i, (name, text)) in loaded.sources.iter().enumerate() {
            let Some(file) = analysis.parsed_rule_file(i) else {
                continue;
            };
            let Some(rule) = file.rules.iter().find(|r| r.id.value == id) else {
                continue;
            };
            if i >= loaded.first_user && name.ends_with(".rule") && self.client.show_document {
                let ix = LineIndex::new(text);
                let path = PathBuf::from(name);
                let params = json!({
                    "uri": uri_of(&path.canonicalize().unwrap_or(path)),
                    "takeFocus": true,
                    "selection": ix.range(rule.id.span.start, rule.id.span.end),
                });
                drop(analysis);
                self.request("window/showDocument", params);
                return Value::Null;
            }
            return json!({ "rule": id, "file": name, "source": text });
        }
        Value::Null
    }
}

/// The findings of one file that the scan would report (rules in scope and
/// enabled, not silenced by a `soc2-ignore` with a reason), its evidence,
/// and their diagnostics.
fn diagnose(
    path: &str,
    text: &str,
    result: &FileResult,
    metas: &Metas,
) -> (Vec<Reported>, Vec<Reported>, Vec<Value>) {
    let mut findings = Vec::new();
    let mut evidence = Vec::new();
    for f in &result.findings {
        let Some(meta) = metas.get(&f.rule_id) else {
            continue;
        };
        let r = Reported {
            finding: f.clone(),
            rule: meta.clone(),
        };
        if meta.evidence {
            evidence.push(r);
        } else {
            findings.push(r);
        }
    }
    let (kept, _, notices) = scan::apply_suppressions(findings, &[(path, text)], metas);
    let ix = LineIndex::new(text);
    let mut diagnostics: Vec<Value> = kept
        .iter()
        .map(|r| {
            let f = &r.finding;
            let severity = match r.rule.severity {
                Severity::Critical | Severity::High => 1,
                Severity::Medium => 2,
                Severity::Low => 3,
            };
            json!({
                "range": ix.range(f.start_byte, f.end_byte),
                "severity": severity,
                "code": f.rule_id,
                "source": "soc2-check",
                "message": format!("{} [{}]", crate::escape::terminal(&f.message), r.rule.criteria.join(", ")),
                "data": { "fingerprint": f.fingerprint },
            })
        })
        .collect();
    for n in notices {
        let start = ix.offset(n.line.saturating_sub(1) as u32, 0);
        let end = ix.offset(n.line as u32, 0).max(start);
        diagnostics.push(json!({
            "range": ix.range(start, end),
            "severity": 4,
            "source": "soc2-check",
            "message": n.message,
        }));
    }
    (kept, evidence, diagnostics)
}

/// What guards an endpoint, from the inventory's findings at a route.
fn endpoint_hover(found: &[&soc2_engine::Finding]) -> Option<String> {
    let ep = found
        .iter()
        .find(|f| f.rule_id == format!("{}endpoint", crate::endpoints_cmd::PREFIX))?;
    let info = ep.endpoint.as_ref()?;
    let mut out = format!(
        "**Endpoint** `{} {}` → handler `{}`\n\n",
        info.method,
        md(&info.path),
        md(&info.handler)
    );
    if !info.chain.is_empty() {
        out.push_str(&format!("Runs first: {}\n\n", md(&info.chain.join(", "))));
    }
    let public = found.iter().any(|f| {
        let id = f.rule_id.trim_start_matches(crate::endpoints_cmd::PREFIX);
        id == "public" || id == "declared-public"
    });
    if public {
        out.push_str("Public by design.\n\n");
    }
    for (key, label, _) in crate::endpoints_cmd::CONTROLS {
        let how = found
            .iter()
            .find(|f| f.rule_id.trim_start_matches(crate::endpoints_cmd::PREFIX) == key)
            .and_then(|f| f.endpoint.as_ref())
            .and_then(|e| e.guard.clone());
        match how {
            Some(h) => out.push_str(&format!("- ✓ {label}: {}\n", md(&h))),
            None => out.push_str(&format!("- ✗ {label}: none found\n")),
        }
    }
    Some(out)
}

/// Text from the tree, safe in Markdown.
fn md(s: &str) -> String {
    crate::escape::markdown(&crate::escape::terminal(s))
}
