#!/usr/bin/env python3
"""Runs the shared workloads (bench/workloads) through a codexec daemon and
prints their outputs, checked against expected.json.

    python3 examples/workloads.py [--socket PATH] [--dir bench/workloads]

The socket: --socket, else $CODEXEC_SOCKET, else the default socket. Exits
1 when an output differs from the expected one, 70 when no daemon answers.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import codexec  # noqa: E402

WORKLOADS = (("simple", "simple.js"), ("data", "data.js"), ("complex", "complex.js"), ("typed", "typed.ts"))


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--socket", help="the daemon's socket (default: $CODEXEC_SOCKET, else the default socket)")
    ap.add_argument("--dir", default=os.path.join(here, "..", "..", "..", "bench", "workloads"),
                    help="the workloads' directory")
    args = ap.parse_args()

    with open(os.path.join(args.dir, "context.json")) as f:
        context = json.load(f)
    with open(os.path.join(args.dir, "expected.json")) as f:
        expected = json.load(f)

    client = codexec.Client(args.socket)
    failed = 0
    for name, file in WORKLOADS:
        with open(os.path.join(args.dir, file)) as f:
            code = f.read()
        run = client.execute_typescript if file.endswith(".ts") else client.execute_javascript
        try:
            r = run(code, context, agent_id="workloads-example")
        except codexec.DaemonUnavailableError as e:
            print(e, file=sys.stderr)
            return 70
        same = r.status == "ok" and r.output == expected[name]
        failed += not same
        print(f"{name:8} {r.status:6} {r.execution_time:8.1f} ms  {'matches' if same else 'DIFFERS'}")
        print("  " + json.dumps(r.output if r.status == "ok" else r.error.message, separators=(",", ":")))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
