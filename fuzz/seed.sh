#!/usr/bin/env bash
# Seeds the fuzz corpora from the repository: the bundled rule files for
# `rules`; every rule fixture and the example app (a first byte naming the
# language) for `scan`; configurations and a baseline for `config` and
# `baseline`. Corpora live in fuzz/corpus/, which is not committed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
c=$here/corpus
mkdir -p "$c/rules" "$c/scan" "$c/config" "$c/baseline"
find "$root/stdlib-rules/rules" -name '*.rule' -exec cp {} "$c/rules/" \;
n=0
while IFS= read -r -d '' f; do
  case "$f" in
    *.py) b='\x00' ;; *.js|*.jsx|*.mjs|*.cjs) b='\x01' ;; *.ts) b='\x02' ;; *.tsx) b='\x03' ;; *) b='\x04' ;;
  esac
  n=$((n + 1))
  { printf "$b"; head -c 65536 "$f"; } > "$c/scan/seed-$n"
done < <(find "$root/stdlib-rules/rules" "$root/examples" -type f ! -name '*.rule' ! -name '*.md' -print0)
find "$root" -name 'soc2-check.toml' -not -path '*/target/*' -exec cp --backup=numbered {} "$c/config/" \;
cat > "$c/config/full.toml" <<'TOML'
max-file-size = "1MB"
criteria = ["security", "availability"]
rules-dirs = ["rules"]
public-routes = ["/health", "/docs/**"]
[paths]
include = ["src/**"]
exclude = ["**/test/**"]
[rules]
enable = ["hardcoded-credential"]
disable = ["debug-mode-enabled"]
disable-categories = ["logging"]
[severity]
hardcoded-credential = "critical"
TOML
printf '{"version": 1, "findings": [{"fingerprint": "ab12", "rule": "r", "path": "a.py"}]}\n' > "$c/baseline/one.json"
echo "seeded: $(ls "$c/rules" | wc -l) rules, $(ls "$c/scan" | wc -l) sources, $(ls "$c/config" | wc -l) configs"
