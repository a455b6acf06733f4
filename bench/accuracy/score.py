#!/usr/bin/env python3
"""Scans the accuracy benchmark's applications and scores the findings
against the labels that were written by reading their code.

    bench/accuracy/fetch.sh /tmp/soc2-accuracy
    bench/accuracy/score.py --apps-dir /tmp/soc2-accuracy [--show all]

labels.tsv has one row per place a reviewer judged:
    app  file  lines  category  label  rule  note
`lines` is N or N-M; `label` is
  expected  a problem soc2-check must report (counts for recall),
  optional  a report there is right but not required (counts as true),
  trap      code that looks wrong but is not: a report there is false.
A finding is true when a label of its category (expected or optional)
covers its file and line; a finding on a trap, or on no label at all, is
false (read it, then label it). `rule` says which rule should report a
place: a comma-separated list of rule ids, or "-" when any rule of the
category will do; a label naming rules covers only their findings (so a
trap for one rule and an expected finding of another can share a line).
"""

import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ("expected", "optional", "trap")


def read_tsv(path, width):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < width:
                sys.exit(f"{path}:{n}: {width} tab-separated columns expected, found {len(cols)}")
            rows.append((n, cols))
    return rows


def load_apps():
    return [cols[0] for _, cols in read_tsv(os.path.join(HERE, "apps.tsv"), 5)]


def load_labels(apps):
    labels = []
    for n, cols in read_tsv(os.path.join(HERE, "labels.tsv"), 6):
        app, path, lines, category, kind, rule = cols[:6]
        note = cols[6] if len(cols) > 6 else ""
        if app not in apps:
            sys.exit(f"labels.tsv:{n}: unknown app {app!r}")
        if kind not in KINDS:
            sys.exit(f"labels.tsv:{n}: label {kind!r} is not one of {', '.join(KINDS)}")
        lo, _, hi = lines.partition("-")
        labels.append(
            {
                "row": n,
                "app": app,
                "path": path,
                "lo": int(lo),
                "hi": int(hi or lo),
                "category": category,
                "kind": kind,
                "rule": rule,
                "rules": set() if rule == "-" else set(rule.split(",")),
                "note": note,
                "hits": [],
            }
        )
    return labels


def scan(binary, apps_dir, app, results, rules):
    out = os.path.join(results, app + ".json")
    extra = ["--no-stdlib", "--rules", rules] if rules else []
    proc = subprocess.run(
        [binary, "--path", os.path.join(apps_dir, app), "--format", "json", "--fail-on", "never"] + extra,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        sys.exit(f"{app}: soc2-check exited {proc.returncode}:\n{proc.stderr}")
    with open(out, "w", encoding="utf-8") as f:
        f.write(proc.stdout)
    return json.loads(proc.stdout)


def ratio(a, b):
    return f"{a / b:.2f}" if b else "   -"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--apps-dir", default="/tmp/soc2-accuracy")
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "..", "target", "release", "soc2-check"))
    ap.add_argument("--no-scan", action="store_true", help="score the results of the last scan")
    ap.add_argument("--rules", help="scan with these rule files instead of the bundled ones (a rule directory being edited, e.g. stdlib-rules/rules)")
    ap.add_argument("--app", action="append", help="only this app (repeatable)")
    ap.add_argument("--show", default="misses,false", help="lists to print: misses, false, true, all")
    ap.add_argument("--context", type=int, default=0, help="source lines to print around listed places")
    ap.add_argument("--json", help="write the scores to this file")
    args = ap.parse_args()

    apps = load_apps()
    chosen = args.app or apps
    labels = [l for l in load_labels(apps) if l["app"] in chosen]
    results = os.path.join(args.apps_dir, ".results")
    os.makedirs(results, exist_ok=True)

    findings = []
    for app in chosen:
        if args.no_scan:
            with open(os.path.join(results, app + ".json"), encoding="utf-8") as f:
                report = json.load(f)
        else:
            if not os.path.isdir(os.path.join(args.apps_dir, app)):
                sys.exit(f"{app}: not in {args.apps_dir}; run bench/accuracy/fetch.sh {args.apps_dir}")
            report = scan(args.bin, args.apps_dir, app, results, args.rules)
        for f in report["findings"]:
            f["app"] = app
            findings.append(f)

    by_place = collections.defaultdict(list)
    for l in labels:
        by_place[(l["app"], l["path"], l["category"])].append(l)
    for f in findings:
        f["verdict"] = "false"
        f["labels"] = []
        for l in by_place.get((f["app"], f["path"], f["category"]), []):
            if l["lo"] <= f["line"] <= l["hi"] and (not l["rules"] or f["rule_id"] in l["rules"]):
                f["labels"].append(l)
                l["hits"].append(f)
        kinds = {l["kind"] for l in f["labels"]}
        if kinds & {"expected", "optional"}:
            f["verdict"] = "true"
        elif "trap" in kinds:
            f["verdict"] = "trap"

    def table(title, key_findings, key_labels, keys):
        print(f"\n{title:<34} {'expected':>8} {'found':>6} {'recall':>6}   {'reports':>7} {'true':>5} {'trap':>5} {'unlab.':>6} {'precision':>9}")
        rows = {}
        for k in keys:
            exp = [l for l in labels if l["kind"] == "expected" and k in key_labels(l)]
            found = [l for l in exp if l["hits"]]
            fs = [f for f in findings if key_findings(f) == k]
            tp = sum(f["verdict"] == "true" for f in fs)
            trap = sum(f["verdict"] == "trap" for f in fs)
            unl = sum(f["verdict"] == "false" for f in fs)
            rows[k] = {"expected": len(exp), "found": len(found), "reports": len(fs), "true": tp, "trap": trap, "unlabelled": unl}
            print(f"{k:<34} {len(exp):>8} {len(found):>6} {ratio(len(found), len(exp)):>6}   {len(fs):>7} {tp:>5} {trap:>5} {unl:>6} {ratio(tp, len(fs)):>9}")
        return rows

    cats = sorted({l["category"] for l in labels} | {f["category"] for f in findings})
    scores = {"categories": table("category", lambda f: f["category"], lambda l: {l["category"]}, cats)}
    overall = table("overall", lambda f: "all", lambda l: {"all"}, ["all"])
    scores["overall"] = overall["all"]
    rules = sorted({f["rule_id"] for f in findings}.union(*(l["rules"] for l in labels)))
    scores["rules"] = table("rule", lambda f: f["rule_id"], lambda l: l["rules"], rules)
    per_app = table("app", lambda f: f["app"], lambda l: {l["app"]}, chosen)
    scores["apps"] = per_app

    show = set(args.show.split(","))
    if "all" in show:
        show = {"misses", "false", "true"}

    def context(app, path, lo, hi):
        if not args.context:
            return
        try:
            with open(os.path.join(args.apps_dir, app, path), encoding="utf-8", errors="replace") as f:
                text = f.read().splitlines()
        except OSError:
            return
        for n in range(max(1, lo - args.context), min(len(text), hi + args.context) + 1):
            mark = ">" if lo <= n <= hi else " "
            print(f"      {mark}{n:5} {text[n - 1][:200]}")

    if "misses" in show:
        misses = [l for l in labels if l["kind"] == "expected" and not l["hits"]]
        print(f"\nmisses ({len(misses)})")
        for l in misses:
            print(f"  {l['app']}\t{l['path']}:{l['lo']}-{l['hi']}\t{l['category']}\t{l['rule']}\t{l['note']}")
            context(l["app"], l["path"], l["lo"], l["hi"])
    for verdict, title in (("false", "unlabelled findings"), ("trap", "findings on traps"), ("true", "true findings")):
        if verdict in show or (verdict == "trap" and "false" in show):
            fs = [f for f in findings if f["verdict"] == verdict]
            print(f"\n{title} ({len(fs)})")
            for f in fs:
                print(f"  {f['app']}\t{f['path']}:{f['line']}\t{f['category']}\t{f['rule_id']}\t{f['message'][:160]}")
                context(f["app"], f["path"], f["line"], f["line"])

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(scores, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
