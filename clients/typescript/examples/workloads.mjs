// Runs the shared workloads (bench/workloads: simple.js, data.js,
// complex.js, typed.ts, with context.json) through a running daemon and
// prints each output, and whether it equals expected.json.
//
//   npm run build
//   node examples/workloads.mjs [--socket PATH] [WORKLOADS_DIR]
//
// The socket: --socket, else $CODEXEC_SOCKET, else the default socket.

import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

import { CodeExecutionSandboxService, DaemonUnavailableError } from "../dist/index.js";

const args = process.argv.slice(2);
let socket;
const i = args.indexOf("--socket");
if (i >= 0) [, socket] = args.splice(i, 2);
const dir = args[0] ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../bench/workloads");

const context = JSON.parse(readFileSync(path.join(dir, "context.json"), "utf8"));
const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8"));
const files = readdirSync(dir).filter((f) => /\.(js|ts)$/.test(f)).sort();

const sandbox = CodeExecutionSandboxService.getInstance({ socket });
let failed = 0;
try {
  for (const file of files) {
    const name = file.replace(/\.(js|ts)$/, "");
    const code = readFileSync(path.join(dir, file), "utf8");
    const run = file.endsWith(".ts") ? sandbox.executeTypeScript.bind(sandbox) : sandbox.executeJavaScript.bind(sandbox);
    const r = await run(code, context, { agentId: "workloads", timeout: 10_000 });
    const same = name in expected ? JSON.stringify(r.output) === JSON.stringify(expected[name]) : undefined;
    if (r.status !== "ok" || same === false) failed++;
    console.log(`${name} (${file}): ${r.status}, ${r.executionTime.toFixed(1)} ms, ${r.resourceUsage.memory.toFixed(1)} MiB` +
      (same === undefined ? "" : same ? ", as expected" : ", NOT as expected"));
    console.log(`  ${r.status === "ok" ? JSON.stringify(r.output) : JSON.stringify(r.error)}`);
  }
} catch (err) {
  if (err instanceof DaemonUnavailableError) {
    console.error(err.message);
    process.exit(69);
  }
  throw err;
} finally {
  sandbox.close();
}
process.exit(failed === 0 ? 0 : 1);
