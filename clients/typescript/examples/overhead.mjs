// The client's per-call cost beside curl's, on one daemon, in one run: the
// median wall time of N `return 1` executions through the client (plain,
// and streamed), through `curl --unix-socket` (its own time_total, without
// the process start), and the daemon's own executionTime.
//
//   npm run build
//   node examples/overhead.mjs [--socket PATH] [N]

import { execFileSync } from "node:child_process";

import { CodeExecutionSandboxService } from "../dist/index.js";

const args = process.argv.slice(2);
let socket;
const i = args.indexOf("--socket");
if (i >= 0) [, socket] = args.splice(i, 2);
const N = Number(args[0] ?? 200);

const s = CodeExecutionSandboxService.getInstance({ socket });
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const client = [];
const streamed = [];
const curl = [];
const daemon = [];
for (let k = 0; k < 20; k++) await s.executeJavaScript("return 1"); // warm up
for (let k = 0; k < N; k++) {
  let t = performance.now();
  const r = await s.executeJavaScript("return 1");
  client.push(performance.now() - t);
  daemon.push(r.executionTime);
  const out = execFileSync("curl", ["-s", "-o", "/dev/null", "-w", "%{time_total}", "--unix-socket", s.socket,
    "-X", "POST", "http://x/v1/executions", "-d", '{"code":"return 1"}']);
  curl.push(Number(out.toString()) * 1000);
  t = performance.now();
  await s.executeJavaScript("return 1", {}, { onLog: () => {} });
  streamed.push(performance.now() - t);
}
s.close();
const ms = (v) => `${v.toFixed(2)} ms`;
console.log(`N=${N} medians: client ${ms(median(client))}, client streamed ${ms(median(streamed))}, curl ${ms(median(curl))}, ` +
  `daemon executionTime ${ms(median(daemon))}; client over curl ${ms(median(client) - median(curl))}`);
