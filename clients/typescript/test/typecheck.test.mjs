// The declarations type-check an example that uses every call
// (examples/usage.ts, against dist/*.d.ts), and refuse a misuse.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsc = path.join(pkg, "node_modules", "typescript", "bin", "tsc");

test("tsc --noEmit on examples/usage.ts passes", () => {
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(pkg, "examples", "tsconfig.json")], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test("tsc refuses a status that is not one of the nine, and an agentId that is not a string", () => {
  const dir = mkdtempSync(path.join(pkg, "examples", ".tmp-"));
  try {
    writeFileSync(
      path.join(dir, "bad.ts"),
      `import { CodeExecutionSandboxService, type ExecutionStatus } from "@codexec/client";
const s: ExecutionStatus = "finished";
CodeExecutionSandboxService.getInstance().executeJavaScript("return 1", { timeout: 5 }, { agentId: 7 });
void s;
`,
    );
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../tsconfig.json", include: ["bad.ts"] }),
    );
    const r = spawnSync(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" });
    assert.notEqual(r.status, 0);
    assert.match(r.stdout, /"finished"/);
    assert.match(r.stdout, /bad\.ts\(3,\d+\): error TS2322: Type .number. is not assignable to type .string./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
