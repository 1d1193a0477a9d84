#!/usr/bin/env bash
# demo.sh SUPERVISOR: run every example through `supervisor run` and check
# each exit code (examples/throws.js is meant to fail with exit 1).
set -u
sup=${1:-bin/supervisor}
cd "$(dirname "$0")/.."
fail=0
for f in examples/*.js examples/*.ts; do
  want=0
  case "$f" in examples/throws.js) want=1 ;; esac
  printf '\n\033[1m$ supervisor run %s --context @examples/context.json\033[0m\n' "$f"
  "$sup" run "$f" --context @examples/context.json
  got=$?
  if [ "$got" -ne "$want" ]; then
    echo "demo: $f exited $got, expected $want" >&2
    fail=1
  fi
done
printf '\n\033[1m$ supervisor run examples/transform.js --context @examples/context.json --json\033[0m\n'
"$sup" run examples/transform.js --context @examples/context.json --json || fail=1
exit $fail
