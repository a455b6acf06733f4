//! Engine tests through the database: matching semantics and incrementality.

use std::sync::{Arc, Mutex};

use salsa::Setter;
use soc2_compiler::lang::Lang;

use crate::db::*;

/// Scans one file with one rule file, in a fresh database.
fn scan(rules: &str, lang: Lang, path: &str, code: &str) -> Arc<FileResult> {
    let db = Database::default();
    let src = RuleSource::new(&db, "test.rule".into(), rules.into(), false);
    let set = RuleSet::new(&db, vec![src]);
    let problems = rule_problems(&db, set);
    assert!(problems.is_empty(), "{problems:?}");
    let file = SourceFile::new(&db, path.into(), Arc::from(code), lang);
    let project = Project::new(&db, vec![file], Vec::new());
    file_findings(&db, file, set, project).clone()
}

fn findings(rules: &str, lang: Lang, path: &str, code: &str) -> Vec<(usize, String, String)> {
    scan(rules, lang, path, code)
        .findings
        .iter()
        .map(|f| (f.start.line, f.rule_id.clone(), f.message.clone()))
        .collect()
}

const HEADER: &str = "title \"t\"\n severity high\n category encryption\n criteria CC6.1\n";

fn rule(id: &str, msg: &str, body: &str) -> String {
    format!("rule {id} {{\n {HEADER} message \"{msg}\"\n {body}\n}}\n")
}

#[test]
fn keyword_argument_with_ellipsis() {
    let r = rule(
        "tls",
        "verify off",
        "match python `requests.$M(..., verify=False, ...)`",
    );
    let code = "import requests\nrequests.get(url, verify=False)\nrequests.post(url, data=1, verify=False, timeout=3)\nrequests.get(url, verify=True)\nrequests.get(url)\n";
    let got = findings(&r, Lang::Python, "a.py", code);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![2, 3]);
}

#[test]
fn where_conditions_and_message_interpolation() {
    let r = rule(
        "secret",
        "{$NAME} is hard-coded",
        "secret $V\n match python {\n pattern `$NAME = $V:string`\n where $NAME matches /(?i)password/ and len($V) >= 6 and not $V in [\"changeme\"]\n }",
    );
    let code = "password = 'hunter2hunter2'\nuser_password = \"changeme\"\npassword = f\"{x}\"\nname = 'hunter2hunter2'\npassword = 'abc'\n";
    let got = findings(&r, Lang::Python, "a.py", code);
    assert_eq!(
        got,
        vec![(1, "secret".into(), "password is hard-coded".into())]
    );
}

#[test]
fn secrets_are_masked_in_messages_and_snippets() {
    let r = rule(
        "secret",
        "value {$V}",
        "secret $V\n match python `token = $V:string`",
    );
    let res = scan(&r, Lang::Python, "a.py", "token = 'abcdefghijklmnop'\n");
    let f = &res.findings[0];
    assert_eq!(f.message, "value abcd************");
    assert!(!f.snippet.contains("abcdefghijklmnop"), "{}", f.snippet);
}

#[test]
fn not_inside_and_any() {
    let r = rule(
        "pass",
        "swallowed",
        "match javascript {\n any {\n pattern `try { ... } catch ($E) {}`\n pattern `try { ... } catch {}`\n }\n not inside `function ignored(...) { ... }`\n }",
    );
    let code = "try { a() } catch (e) {}\ntry { b() } catch (e) { log(e) }\ntry { c() } catch {}\nfunction ignored() {\n  try { d() } catch (e) {}\n}\n";
    let got = findings(&r, Lang::JavaScript, "a.js", code);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![1, 3]);
}

#[test]
fn regex_over_text_files_binds_named_groups() {
    let r = rule(
        "env",
        "{$KEY} set in an env file",
        "secret $VAL\n match text {\n files \".env*\"\n regex /^(?P<KEY>[A-Z_]*SECRET[A-Z_]*)=(?P<VAL>.+)$/\n where not $VAL matches /^\\$\\{/\n }",
    );
    let got = findings(
        &r,
        Lang::Text,
        ".env.production",
        "A=1\nAPP_SECRET=\"s3cr3tvalue\"\nOTHER_SECRET=${FROM_VAULT}\n",
    );
    assert_eq!(
        got,
        vec![(2, "env".into(), "APP_SECRET set in an env file".into())]
    );
    let got = findings(&r, Lang::Text, "config.txt", "APP_SECRET=x\n");
    assert!(got.is_empty());
}

#[test]
fn prefilter_skips_parsing_files_without_literals() {
    let r = rule("md5", "md5", "match python `hashlib.md5(...)`");
    let res = scan(&r, Lang::Python, "a.py", "import os\nprint(1)\n");
    assert!(!res.parsed);
    let res = scan(
        &r,
        Lang::Python,
        "b.py",
        "import hashlib\nhashlib.md5(b'x')\n",
    );
    assert!(res.parsed);
    assert_eq!(res.findings.len(), 1);
}

#[test]
fn syntax_errors_make_a_file_partial_not_skipped() {
    let r = rule("ev", "eval", "match python `eval($X)`");
    let code = "def broken(:\n    pass\neval(user_input)\n";
    let res = scan(&r, Lang::Python, "a.py", code);
    assert!(
        res.partial.as_deref().unwrap_or("").contains("line 1"),
        "{:?}",
        res.partial
    );
    assert_eq!(res.findings.len(), 1);
}

/// Counts which tracked functions ran.
fn counting_db() -> (Database, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    let db = Database::with_events(move |e| {
        if let salsa::EventKind::WillExecute { database_key } = e.kind {
            sink.lock().unwrap().push(format!("{database_key:?}"));
        }
    });
    (db, log)
}

fn ran(log: &Arc<Mutex<Vec<String>>>, what: &str) -> usize {
    let mut l = log.lock().unwrap();
    let n = l.iter().filter(|k| k.starts_with(what)).count();
    l.clear();
    n
}

#[test]
fn changing_one_file_or_one_rule_recomputes_only_what_depends_on_it() {
    let (mut db, log) = counting_db();
    let md5 = RuleSource::new(
        &db,
        "md5.rule".into(),
        rule("md5", "md5", "match python `hashlib.md5(...)`"),
        false,
    );
    let ev = RuleSource::new(
        &db,
        "eval.rule".into(),
        rule("ev", "eval", "match python `eval($X)`"),
        false,
    );
    let set = RuleSet::new(&db, vec![md5, ev]);
    let files: Vec<SourceFile> = (0..3)
        .map(|i| {
            SourceFile::new(
                &db,
                format!("f{i}.py"),
                Arc::from(format!("import hashlib\nhashlib.md5(b'{i}')\n")),
                Lang::Python,
            )
        })
        .collect();
    let with_eval = SourceFile::new(&db, "e.py".into(), Arc::from("eval(x)\n"), Lang::Python);
    let mut all = files.clone();
    all.push(with_eval);
    let project = Project::new(&db, all, Vec::new());
    let scan = |db: &Database| {
        let mut n = 0;
        for f in files.iter().chain([&with_eval]) {
            n += file_findings(db, *f, set, project).findings.len();
        }
        n
    };
    assert_eq!(scan(&db), 4);
    assert_eq!(ran(&log, "parsed_tree"), 4);

    // Edit one source file: only it is parsed and matched again.
    files[1]
        .set_text(&mut db)
        .to(Arc::from("import hashlib\nhashlib.md5(b'changed')\n"));
    assert_eq!(scan(&db), 4);
    let executed = log.lock().unwrap().clone();
    let parses = executed
        .iter()
        .filter(|k| k.starts_with("parsed_tree"))
        .count();
    let findings = executed
        .iter()
        .filter(|k| k.starts_with("file_findings"))
        .count();
    let compiles = executed
        .iter()
        .filter(|k| k.starts_with("compiled_rule"))
        .count();
    log.lock().unwrap().clear();
    assert_eq!((parses, findings, compiles), (1, 1, 0), "{executed:?}");

    // Edit the eval rule's message: only that rule recompiles, and only the
    // file it applies to is matched again; nothing is re-parsed.
    ev.set_text(&mut db)
        .to(rule("ev", "eval call", "match python `eval($X)`"));
    assert_eq!(scan(&db), 4);
    let executed = log.lock().unwrap().clone();
    let parses = executed
        .iter()
        .filter(|k| k.starts_with("parsed_tree"))
        .count();
    let findings = executed
        .iter()
        .filter(|k| k.starts_with("file_findings"))
        .count();
    let compiles = executed
        .iter()
        .filter(|k| k.starts_with("compiled_rule"))
        .count();
    assert_eq!(parses, 0, "{executed:?}");
    assert_eq!(findings, 1, "{executed:?}");
    assert_eq!(compiles, 1, "{executed:?}");
}

#[test]
fn ellipsis_in_python_dicts_and_javascript_objects() {
    let r = rule(
        "opt",
        "verify off",
        "match python `{..., \"verify\": False, ...}`",
    );
    let code =
        "a = {\"url\": u, \"verify\": False}\nb = {\"verify\": True}\nc = {\"verify\": False}\n";
    let got = findings(&r, Lang::Python, "a.py", code);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![1, 3]);
    let r = rule(
        "opt",
        "tls off",
        "match javascript `{ ..., rejectUnauthorized: false, ... }`",
    );
    let code = "const a = { host, rejectUnauthorized: false, port };\nconst b = { rejectUnauthorized: true };\n";
    let got = findings(&r, Lang::JavaScript, "a.js", code);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![1]);
}

#[test]
fn jsx_is_javascript() {
    let r = rule(
        "danger",
        "raw html",
        "match javascript `<$EL dangerouslySetInnerHTML={$X} />`",
    );
    let code = "const A = () => <div dangerouslySetInnerHTML={{ __html: html }} />;\nconst B = () => <div className=\"x\" />;\n";
    let got = findings(&r, Lang::JavaScript, "a.jsx", code);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![1]);
}

#[test]
fn dominance_predicates_in_rules() {
    let r = rule(
        "unaudited",
        "save without audit",
        "match python {\n pattern `$M.save()`\n not dominated by `audit_log(...)`\n not post-dominated by `audit_log(...)`\n }",
    );
    let code = "\
def create(req):
    audit_log('create')
    order.save()

def update(req):
    order.save()
    audit_log('update')

def delete(req):
    if req.force:
        audit_log('delete')
    order.save()

def other(req):
    audit_log('x')

def later(req):
    order.save()
";
    let got = findings(&r, Lang::Python, "views.py", code);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![12, 18]);

    let r = rule(
        "unguarded",
        "write without a user check",
        "match javascript {\n pattern `db.insert(...)`\n not dominated by `if (!req.user) { ... }`\n }",
    );
    let code = "\
function a(req, res) {
  if (!req.user) { return res.sendStatus(401); }
  db.insert(req.body);
}
function b(req, res) {
  db.insert(req.body);
}
";
    let got = findings(&r, Lang::JavaScript, "a.js", code);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![6]);
}

#[test]
fn sequence_metavariables_take_every_node_between_their_neighbours() {
    let r = rule(
        "mw",
        "{$ROUTER} {$PREFIX}: {$MW}",
        "match javascript `$ROUTER.use($PREFIX, $$$MW)`",
    );
    let got = findings(
        &r,
        Lang::JavaScript,
        "a.js",
        "app.use('/api', limiter, auth, router);\napp.use('/x', one);\n",
    );
    assert_eq!(
        got.iter().map(|g| g.2.clone()).collect::<Vec<_>>(),
        vec!["app /api: limiter, auth, router", "app /x: one"]
    );
    let r = rule("mid", "{$MID}", "match python `f($A, $$$MID, $B)`");
    let got = findings(&r, Lang::Python, "a.py", "f(1, 2, 3, 4)\nf(1, 2)\n");
    assert_eq!(
        got.iter().map(|g| g.2.clone()).collect::<Vec<_>>(),
        vec!["2, 3", ""]
    );
}

#[test]
fn a_metavariable_written_twice_binds_its_first_occurrence() {
    let r = rule(
        "twice",
        "{$K} from {$F}",
        "match python {\n pattern ```def _h():\n    ...\n    $K = $F($$$A)\n    ...\n    if $K:\n        $$$T\n    ...``` select block\n }",
    );
    let code = "def f():\n    key = make(1)\n    log()\n    if key:\n        use(key)\n";
    let got = findings(&r, Lang::Python, "a.py", code);
    assert_eq!(
        got.iter().map(|g| g.2.clone()).collect::<Vec<_>>(),
        vec!["key from make"]
    );
}

const ROUTING: &str = r#"
define route {
  javascript {
    all {
      pattern `$ROUTER.$METHOD($PATH, $$$HANDLERS)`
      where $METHOD == "get"
    }
  }
}
define middleware {
  javascript {
    all {
      pattern `$ROUTER.use($PREFIX, $$$MIDDLEWARE)`
      where $PREFIX is string
    }
  }
}
"#;

#[test]
fn routers_mounted_in_another_file_and_what_an_edit_recomputes() {
    let (mut db, log) = counting_db();
    let rules = format!(
        "{ROUTING}{}",
        rule(
            "open",
            "{$METHOD} {$PATH}",
            "match javascript {\n endpoint\n not guarded by { regex /\\bauth\\b/ }\n }"
        )
    );
    let src = RuleSource::new(&db, "r.rule".into(), rules, false);
    let set = RuleSet::new(&db, vec![src]);
    assert!(
        rule_problems(&db, set).is_empty(),
        "{:?}",
        rule_problems(&db, set)
    );
    let js = |db: &Database, path: &str, code: &str| {
        SourceFile::new(db, path.into(), Arc::from(code), Lang::JavaScript)
    };
    let app = js(
        &db,
        "app.js",
        "const users = require('./routes/users');\napp.use('/users', users);\n",
    );
    let users = js(
        &db,
        "routes/users.js",
        "const router = express.Router();\nrouter.get('/:id', show);\nmodule.exports = router;\n",
    );
    let other = js(&db, "lib/other.js", "module.exports = 1;\n");
    let project = Project::new(&db, vec![app, users, other], Vec::new());
    let messages = |db: &Database| -> Vec<String> {
        file_findings(db, users, set, project)
            .findings
            .iter()
            .map(|f| f.message.clone())
            .collect()
    };
    assert_eq!(messages(&db), ["GET /users/:id"]);
    log.lock().unwrap().clear();

    // An edit elsewhere that mounts nothing: the route file's findings are
    // not recomputed.
    other
        .set_text(&mut db)
        .to(Arc::from("module.exports = 2;\n"));
    assert_eq!(messages(&db), ["GET /users/:id"]);
    assert_eq!(ran(&log, "file_findings"), 0);

    // Guarding the mount in app.js changes the route file's findings.
    app.set_text(&mut db).to(Arc::from(
        "const users = require('./routes/users');\napp.use('/users', auth, users);\n",
    ));
    assert!(messages(&db).is_empty());
}

#[test]
fn a_pattern_whose_parts_combine_too_many_ways_is_bounded_and_reported() {
    let r = rule(
        "three",
        "three calls",
        "match javascript `function $F() { ...; a($X); ...; a($Y); ...; a($Z); ... }`",
    );
    let code = format!("function big() {{\n{}}}\n", "  a(1);\n".repeat(300));
    let result = scan(&r, Lang::JavaScript, "a.js", &code);
    assert!(!result.findings.is_empty());
    let partial = result.partial.as_deref().unwrap_or_default();
    assert!(partial.contains("took more than"), "{partial:?}");
    // Small enough to search in full, the same function is not partial.
    let code = "function small() {\n  a(1);\n  a(2);\n  a(3);\n}\n";
    let result = scan(&r, Lang::JavaScript, "a.js", code);
    assert_eq!(result.findings.len(), 1);
    assert_eq!(result.partial, None);
}

/// Through the front door with the whole bundled library, as the language
/// server runs it: a keystroke in one handler file recomputes that file's
/// findings and the cross-file facts that read it, and no other file's
/// findings; an edit to the mount in `app.js` changes the findings of the
/// route file, which is then the only other file recomputed.
#[test]
fn a_keystroke_recomputes_its_file_and_only_the_cross_file_facts_that_read_it() {
    use crate::host::{AnalysisHost, Change, RuleText};
    let (db, log) = counting_db();
    let mut host = AnalysisHost::with_database(db);
    let mut c = Change::new();
    c.set_rules(
        soc2_stdlib_rules::rule_files()
            .map(|f| RuleText {
                name: f.path.to_string(),
                text: f.contents.to_string(),
                bundled: true,
            })
            .collect(),
    );
    let app = "const express = require('express');\nconst users = require('./routes/users');\nconst app = express();\napp.use(requireAuth);\napp.use('/users', users);\n";
    let users = "const express = require('express');\nconst router = express.Router();\nrouter.get('/:id', (req, res) => res.json({ id: req.params.id }));\nmodule.exports = router;\n";
    c.set_file("app.js", Arc::from(app), Lang::JavaScript);
    c.set_file("routes/users.js", Arc::from(users), Lang::JavaScript);
    for i in 0..5 {
        c.set_file(
            format!("lib/util{i}.js"),
            Arc::from(format!(
                "function f{i}(x) {{ return x + {i}; }}\nmodule.exports = f{i};\n"
            )),
            Lang::JavaScript,
        );
    }
    host.apply_change(c);
    let check = |host: &mut AnalysisHost| -> Vec<(String, usize)> {
        let ids = host.analysis().files();
        let mut out = Vec::new();
        let a = host.analysis();
        let paths: Vec<String> = ids
            .iter()
            .map(|i| a.path(*i).unwrap().to_string())
            .collect();
        drop(a);
        host.check_files(&ids, |id, r, _| {
            let k = ids.iter().position(|x| *x == id).unwrap();
            out.push((paths[k].clone(), r.findings.len()));
        });
        out
    };
    let open = |host: &mut AnalysisHost| -> bool {
        let a = host.analysis();
        let id = a.file_id("routes/users.js").unwrap();
        a.file_result(id)
            .findings
            .iter()
            .any(|f| f.rule_id == "endpoint-without-authentication")
    };
    check(&mut host);
    assert!(!open(&mut host), "the mount is authenticated");
    log.lock().unwrap().clear();

    // A keystroke in one helper file.
    let mut c = Change::new();
    c.set_file(
        "lib/util2.js",
        Arc::from("function f2(x) { return x + 22; }\nmodule.exports = f2;\n"),
        Lang::JavaScript,
    );
    host.apply_change(c);
    check(&mut host);
    let executed = log.lock().unwrap().clone();
    let findings: Vec<&String> = executed
        .iter()
        .filter(|k| k.starts_with("file_findings"))
        .collect();
    assert_eq!(findings.len(), 1, "{executed:#?}");
    assert!(
        executed
            .iter()
            .filter(|k| k.starts_with("parsed_tree"))
            .count()
            <= 1,
        "{executed:#?}"
    );
    log.lock().unwrap().clear();

    // The middleware removed in app.js: the route file's findings change.
    let mut c = Change::new();
    c.set_file(
        "app.js",
        Arc::from(app.replace("app.use(requireAuth);\n", "")),
        Lang::JavaScript,
    );
    host.apply_change(c);
    check(&mut host);
    assert!(open(&mut host), "the route is now unauthenticated");
    let executed = log.lock().unwrap().clone();
    let recomputed = executed
        .iter()
        .filter(|k| k.starts_with("file_findings"))
        .count();
    assert_eq!(recomputed, 2, "app.js and routes/users.js: {executed:#?}");
}
