#!/usr/bin/env bash
# Small runs, where start-up is the cost: a one-file Python project, a
# one-file Express app, the bundled example app, and the endpoint inventory
# and HTML report of the one-file app. Medians of 15 runs each (hyperfine
# when installed: apt-get install hyperfine).
#
#   bench/small-runs.sh [BINARY]      (default target/release/soc2-check)
set -euo pipefail
bin=${1:-target/release/soc2-check}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/py" "$work/js"
printf 'import hashlib\n\ndef digest(password):\n    return hashlib.md5(password.encode()).hexdigest()\n' > "$work/py/app.py"
cat > "$work/js/app.js" <<'JS'
const express = require("express");
const app = express();
app.get("/users", (req, res) => {
  res.json(db.find(req.query.id));
});
app.listen(3000);
JS
runs=(
  "one Python file|$bin --path $work/py -q --fail-on never"
  "one Express file|$bin --path $work/js -q --fail-on never"
  "example app|$bin --path $root/examples/acme-app -q --fail-on never"
  "endpoints, one file|$bin endpoints --path $work/js"
  "HTML report, one file|$bin --path $work/js --format html --fail-on never"
)
for r in "${runs[@]}"; do
  name=${r%%|*}
  cmd=${r#*|}
  if command -v hyperfine >/dev/null; then
    ms=$(hyperfine -N -w 2 -r 15 --export-json "$work/h.json" "$cmd" >/dev/null 2>&1 &&
      python3 -c "import json;print(round(json.load(open('$work/h.json'))['results'][0]['median']*1000))")
  else
    ms=$(python3 - "$cmd" <<'PY'
import shlex, statistics, subprocess, sys, time
cmd = shlex.split(sys.argv[1])
ts = []
for _ in range(17):
    t = time.monotonic()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append(time.monotonic() - t)
print(round(statistics.median(ts[2:]) * 1000))
PY
)
  fi
  printf '%-24s %6s ms\n' "$name" "$ms"
done
