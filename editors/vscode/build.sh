#!/usr/bin/env bash
# Builds the extension's .vsix from the locked npm dependencies:
#   editors/vscode/build.sh   → editors/vscode/soc2-check.vsix
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent compile
# vsce bundles node_modules (the language client) into the package.
npx --no-install vsce package --allow-missing-repository --skip-license -o soc2-check.vsix >/dev/null
echo "built $(pwd)/soc2-check.vsix"
