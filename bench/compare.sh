#!/usr/bin/env bash
# Times soc2-check against its peers on one tree, in one run, on this machine.
#
#   bench/compare.sh DIR
#
# Needs a release build (cargo build --release) and, for the peers,
#   python3 -m venv /tmp/peers && /tmp/peers/bin/pip install ast-grep-cli semgrep
# (PEERS=/path/to/venv/bin to use another place). Corpora: see
# ../shared/BENCHMARKS.md. Prints wall seconds and peak RSS per tool.
set -uo pipefail
dir=${1:?usage: bench/compare.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
bin="$here/../target/release/soc2-check"
peers=${PEERS:-/tmp/peers/bin}
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 2; }

measure() {
  local label=$1; shift
  local tf
  tf=$(mktemp)
  /usr/bin/time -o "$tf" -f '%e %M' "$@" >/dev/null 2>&1
  read -r secs kb < <(tail -n 1 "$tf")
  rm -f "$tf"
  printf '%-36s %8s s %6s MB\n' "$label" "$secs" "$((kb / 1024))"
}

# Warm the page cache so that every tool reads from memory.
find "$dir" -type f -name '*.[pj]*' -print0 | xargs -0 cat > /dev/null 2>&1

measure "soc2-check, full bundled library" "$bin" --path "$dir" --format json --fail-on never --no-default-ignores
measure "soc2-check, 3 rules" "$bin" --path "$dir" --format json --fail-on never --no-default-ignores --no-stdlib --rules "$here/three.rule"
if [ -x "$peers/ast-grep" ]; then
  measure "ast-grep, 3 rules" "$peers/ast-grep" scan --rule "$here/three-ast-grep.yml" --json=compact --no-ignore hidden --no-ignore dot --no-ignore vcs "$dir"
fi
if [ -x "$peers/semgrep" ]; then
  measure "semgrep, 3 rules" "$peers/semgrep" scan --config "$here/three-semgrep.yml" --metrics=off --disable-version-check -j 2 --json --no-git-ignore "$dir"
fi
