#!/usr/bin/env python3
"""The language server's numbers, with a scripted client over stdio.

    python3 bench/lsp.py --bin target/release/soc2-check [--corpus DIR] [--edits 100]

1. A fixture project (an Express app whose router is mounted, with auth,
   in app.js, and a 5,000-line module: 20 routes and helper functions) is
   written to a temporary directory. After the first scan, the 5,000-line file is edited N times
   (a line added at a different place each time) and after each edit a
   hover is asked: the server checks the edit before it answers, so the
   hover's latency is the re-check's (plus the hover). Prints p50/p95.
2. A cross-file edit: the middleware in app.js is removed and put back, N
   times; the time until the route module's diagnostics are re-published.
3. With --corpus DIR (perf-js of ../shared/BENCHMARKS.md): the first
   workspace scan in the server against `soc2-check --path DIR -q`, the
   server's memory after it, and after --memory-edits edits.
"""

import argparse
import json
import os
import select
import subprocess
import sys
import tempfile
import time


class Client:
    def __init__(self, binary, root):
        self.p = subprocess.Popen(
            [binary, "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.buf = b""
        self.next_id = 0
        self.root = root
        t = time.perf_counter()
        uri = self.uri(root)
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "bench"}],
                "capabilities": {"window": {"workDoneProgress": True}},
            },
        )
        self.notify("initialized", {})
        self.wait(lambda m: m.get("method") == "$/progress" and m["params"]["value"]["kind"] == "end")
        self.first_scan = time.perf_counter() - t

    @staticmethod
    def uri(path):
        return "file://" + os.path.realpath(path)

    def send(self, obj):
        body = json.dumps(obj).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m)

    def read(self):
        while True:
            head, sep, rest = self.buf.partition(b"\r\n\r\n")
            if sep:
                n = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
                if len(rest) >= n:
                    self.buf = rest[n:]
                    return json.loads(rest[:n])
            r, _, _ = select.select([self.p.stdout], [], [], 120)
            if not r:
                raise TimeoutError("the server said nothing for 120 s")
            chunk = os.read(self.p.stdout.fileno(), 1 << 16)
            if not chunk:
                raise EOFError("the server exited")
            self.buf += chunk

    def wait(self, pred):
        while True:
            m = self.read()
            if "method" in m and "id" in m:
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
            if pred(m):
                return m

    def rss_mb(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.p.wait(timeout=30)


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


APP = """const express = require('express');
const users = require('./routes/users');
const app = express();
app.use(requireAuth);
app.use('/users', users);
app.listen(3000);
"""


def route_module(lines, routes):
    """A router module of `lines` lines: `routes` routes, the rest helper
    functions, as a large service module is."""
    out = ["const express = require('express');", "const router = express.Router();"]
    for i in range(routes):
        out += [
            f"router.get('/r{i}', (req, res) => {{",
            f"  const v{i} = helper{i}(req.query.q{i}, {i});",
            f"  res.json({{ value: v{i} }});",
            "});",
        ]
    i = 0
    while len(out) < lines - 1:
        out += [
            f"function helper{i}(value, k) {{",
            f"  const scaled = value * k + {i};",
            "  if (scaled > 100) {",
            "    return Math.round(scaled / 3);",
            "  }",
            f"  return [scaled, k, '{i}'].join('-');",
            "}",
        ]
        i += 1
    out.append("module.exports = router;")
    return "\n".join(out) + "\n"


def fixture(args):
    root = tempfile.mkdtemp(prefix="soc2-lsp-bench-")
    os.makedirs(os.path.join(root, "routes"))
    with open(os.path.join(root, "app.js"), "w") as f:
        f.write(APP)
    text = route_module(args.lines, args.routes)
    with open(os.path.join(root, "routes/users.js"), "w") as f:
        f.write(text)
    return root, text


def edits_in_one_file(c, root, text, n):
    uri = Client.uri(os.path.join(root, "routes/users.js"))
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "javascript", "version": 1, "text": text}})
    lines = text.split("\n")
    times = []
    for k in range(n):
        at = 3 + (k * 37) % (len(lines) - 4)
        edited = "\n".join(lines[:at] + [f"// edit {k}"] + lines[at:])
        t = time.perf_counter()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": k + 2}, "contentChanges": [{"text": edited}]})
        c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": at, "character": 2}})
        times.append((time.perf_counter() - t) * 1000)
    return times


def cross_file_edits(c, root, n):
    app_uri = Client.uri(os.path.join(root, "app.js"))
    users_uri = Client.uri(os.path.join(root, "routes/users.js"))
    c.notify("textDocument/didOpen", {"textDocument": {"uri": app_uri, "languageId": "javascript", "version": 1, "text": APP}})
    times = []
    for k in range(n):
        text = APP.replace("app.use(requireAuth);\n", "") if k % 2 == 0 else APP
        t = time.perf_counter()
        c.notify("textDocument/didChange", {"textDocument": {"uri": app_uri, "version": k + 2}, "contentChanges": [{"text": text}]})
        c.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == users_uri)
        times.append((time.perf_counter() - t) * 1000)
    return times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/soc2-check")
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--lines", type=int, default=5000)
    ap.add_argument("--routes", type=int, default=20, help="routes in the large module (the rest is helpers)")
    ap.add_argument("--corpus")
    ap.add_argument("--memory-edits", type=int, default=1000)
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)

    root, text = fixture(args)
    c = Client(binary, root)
    t = edits_in_one_file(c, root, text, args.edits)
    print(f"edit a {args.lines}-line file, re-check then answer ({args.edits} edits): p50 {pct(t, 0.5):.1f} ms, p95 {pct(t, 0.95):.1f} ms, max {max(t):.1f} ms")
    t = cross_file_edits(c, root, args.edits)
    print(f"cross-file edit (a middleware in app.js) to the route module re-published, incl. the {150} ms debounce ({args.edits} edits): p50 {pct(t, 0.5):.1f} ms, p95 {pct(t, 0.95):.1f} ms")
    c.close()

    if args.corpus:
        corpus = os.path.abspath(args.corpus)
        t = time.perf_counter()
        subprocess.run([binary, "--path", corpus, "-q"], check=False)
        cli = time.perf_counter() - t
        c = Client(binary, corpus)
        print(f"first workspace scan of {corpus}: server {c.first_scan:.2f} s, CLI {cli:.2f} s")
        base = c.rss_mb()
        print(f"server memory after the first scan: {base:.0f} MB")
        # Edits to one file of the corpus, each answered (so each is checked).
        victim = None
        for dirpath, _, files in os.walk(corpus):
            for name in sorted(files):
                if name.endswith(".js"):
                    p = os.path.join(dirpath, name)
                    if 2000 < os.path.getsize(p) < 50000:
                        victim = p
                        break
            if victim:
                break
        vtext = open(victim, encoding="utf-8", errors="replace").read()
        uri = Client.uri(victim)
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "javascript", "version": 1, "text": vtext}})
        samples = []
        for k in range(args.memory_edits):
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": k + 2}, "contentChanges": [{"text": vtext + f"\n// edit {k}\n"}]})
            c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
            if k in (args.memory_edits // 10, args.memory_edits - 1):
                samples.append(c.rss_mb())
        grow = (samples[-1] - samples[0]) / samples[0] * 100 if samples[0] else 0
        print(f"server memory after {args.memory_edits} edits: {samples[-1]:.0f} MB ({grow:+.1f}% since edit {args.memory_edits // 10})")
        c.close()


if __name__ == "__main__":
    sys.exit(main())
