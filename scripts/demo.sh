#!/usr/bin/env bash
# demo.sh SUPERVISOR: run every example through `supervisor run`, check each
# exit code (examples/throws.js is meant to fail with exit 1), then show
# the audit trail they left.
set -u
sup=${1:-bin/supervisor}
cd "$(dirname "$0")/.."
extra=()
if [ "$(id -u)" -ne 0 ]; then
  echo "demo: not running as root: runners get weak isolation (see: $sup doctor)" >&2
  extra=(--allow-weak-isolation)
fi
export CODEXEC_SOCKET=off # the demo runs in process, whatever daemon runs here
fail=0
show() { printf '\n\033[1m$ supervisor %s\033[0m\n' "$*"; }
for f in examples/*.js examples/*.ts; do
  want=0
  case "$f" in examples/throws.js) want=1 ;; esac
  show run "$f" --context @examples/context.json
  "$sup" run "$f" --context @examples/context.json --agent demo "${extra[@]}"
  got=$?
  if [ "$got" -ne "$want" ]; then
    echo "demo: $f exited $got, expected $want" >&2
    fail=1
  fi
done
show run examples/transform.js --context @examples/context.json --json
"$sup" run examples/transform.js --context @examples/context.json --agent demo --json "${extra[@]}" || fail=1
show history --agent demo --limit 6
"$sup" history --agent demo --limit 6 || fail=1
exit $fail
