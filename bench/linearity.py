#!/usr/bin/env python3
"""Scanning time against file size: one generated file of ordinary server
code (handlers, classes, calls, literals, loops; every line different) per
size and language, scanned with the full bundled library. Prints the
analysis time per MB (the `--time` phase, so that start-up does not flatter
the large files) and the wall time, and the spread of the time per MB
across sizes, which should stay within 1.5x.

    bench/linearity.py [--bin target/release/soc2-check] [--sizes 256,1024,4096]
"""
import argparse
import os
import random
import re
import subprocess
import tempfile
import time


def js_block(i, r):
    n = r.randint(0, 9)
    return [
        f"const item{i} = require('./lib/mod{i % 50}');\n",
        f"function handle{i}(req, res, next) {{\n  const id = req.params.id + {i};\n"
        f"  if (id > {i}) {{\n    return res.status(404).json({{ error: 'missing {i}' }});\n  }}\n"
        f"  item{i}.lookup(id, (err, row) => {{\n    if (err) return next(err);\n"
        f"    res.json({{ row, n: {n} }});\n  }});\n}}\n",
        f"let total{i} = [1, 2, 3, {i}].map((x) => x * {n}).reduce((a, b) => a + b, 0);\n",
        f"const config{i} = {{ name: 'svc{i}', retries: {n}, timeout: {i * 10}, tags: ['a{i}', 'b{i}'] }};\n",
        f"class Service{i} {{\n  constructor(db) {{ this.db = db; }}\n"
        f"  async find(id) {{ return await this.db.query('SELECT * FROM t{i} WHERE id = ?', [id]); }}\n}}\n",
        f"for (let k = 0; k < {n}; k++) {{ console.log('step', k, total{i}); }}\n",
    ][i % 6]


def py_block(i, r):
    n = r.randint(0, 9)
    return [
        f"import mod{i % 50}\n",
        f"def handle{i}(request, item_id):\n    value = item_id + {i}\n    if value > {n}:\n"
        f"        return {{'error': 'missing {i}'}}\n    row = mod{i % 50}.lookup(value)\n"
        f"    return {{'row': row, 'n': {n}}}\n\n",
        f"total{i} = sum(x * {n} for x in [1, 2, 3, {i}])\n",
        f"CONFIG{i} = {{'name': 'svc{i}', 'retries': {n}, 'timeout': {i * 10}, 'tags': ['a{i}', 'b{i}']}}\n",
        f"class Service{i}:\n    def __init__(self, db):\n        self.db = db\n\n"
        f"    def find(self, ident):\n        return self.db.execute('SELECT * FROM t{i} WHERE id = ?', (ident,))\n\n",
        f"for k in range({n}):\n    print('step', k, total{i})\n",
    ][i % 6]


def generate(lang, size):
    r = random.Random(7)
    block = js_block if lang == "js" else py_block
    parts, total, i = [], 0, 0
    while total < size:
        s = block(i, r)
        parts.append(s)
        total += len(s)
        i += 1
    return "".join(parts)


def scan(binary, path, max_size):
    t0 = time.monotonic()
    out = subprocess.run(
        [binary, "--path", path, "--max-file-size", max_size, "--time", "-q", "--fail-on", "never"],
        capture_output=True,
        text=True,
    )
    wall = time.monotonic() - t0
    m = re.search(r"([\d.]+) ms analyse", out.stderr)
    if out.returncode != 0 or not m:
        raise SystemExit(f"scan of {path} failed: {out.stderr[-500:]}")
    skipped = "skipped" in out.stderr and "no files skipped" not in out.stderr
    return float(m.group(1)) / 1000, wall, skipped


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/soc2-check")
    ap.add_argument("--sizes", default="256,1024,4096", help="file sizes in KB")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    worst = 1.0
    with tempfile.TemporaryDirectory() as d:
        for lang, ext in [("js", "js"), ("py", "py")]:
            per_mb = []
            for kb in sizes:
                root = os.path.join(d, f"{lang}{kb}")
                os.makedirs(root)
                with open(os.path.join(root, f"app.{ext}"), "w") as f:
                    f.write(generate(lang, kb * 1024))
                analyse, wall, _ = scan(args.bin, root, f"{2 * kb}KB")
                mb = kb / 1024
                per_mb.append(analyse / mb)
                print(f"{lang} {kb:>6} KB  analyse {analyse:7.2f} s  {analyse / mb:6.2f} s/MB  wall {wall:7.2f} s")
            spread = max(per_mb) / min(per_mb)
            worst = max(worst, spread)
            print(f"{lang} spread of s/MB across sizes: {spread:.2f}x")
    print(f"worst spread: {worst:.2f}x ({'within' if worst <= 1.5 else 'beyond'} 1.5x)")


if __name__ == "__main__":
    main()
