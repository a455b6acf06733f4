#!/usr/bin/env bash
# Brings the applications of apps.tsv, each at its pinned commit, into a
# directory of plain trees (no .git), one per app:
#
#   bench/accuracy/fetch.sh [APPS_DIR]        (default /tmp/soc2-accuracy)
#
# Each app is cloned from GitHub, or taken from a local mirror when
# MIRRORS=DIR holds DIR/<owner>+<name>/repo (a bare git directory). Nothing
# fetched here belongs in this repository: the apps are other people's code.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest=${1:-/tmp/soc2-accuracy}
mkdir -p "$dest"

grep -v '^#' "$here/apps.tsv" | while IFS=$'\t' read -r app repo commit _framework _kind; do
  [ -n "$app" ] || continue
  out="$dest/$app"
  if [ -f "$out/.soc2-accuracy-commit" ] && [ "$(cat "$out/.soc2-accuracy-commit")" = "$commit" ]; then
    continue
  fi
  rm -rf "$out"
  mkdir -p "$out"
  mirror="${MIRRORS:-}/${repo/\//+}/repo"
  if [ -n "${MIRRORS:-}" ] && [ -d "$mirror" ]; then
    git --git-dir="$mirror" archive "$commit" | tar -x -C "$out"
  else
    tmp=$(mktemp -d)
    git clone --quiet --filter=blob:none --no-checkout "https://github.com/$repo" "$tmp"
    git -C "$tmp" archive "$commit" | tar -x -C "$out"
    rm -rf "$tmp"
  fi
  echo "$commit" > "$out/.soc2-accuracy-commit"
  echo "fetched $app ($repo at ${commit:0:12})"
done
