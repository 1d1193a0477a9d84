// Errors that need a daemon of their own, or none: daemon down, overloaded
// (and the opt-in retry), the socket's default rule.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";

import {
  CodeExecutionSandboxService,
  CodexecError,
  DaemonUnavailableError,
  Events,
  OverloadedError,
  defaultSocket,
  resolveSocket,
} from "../dist/index.js";
import { eventually, startDaemon, tempDir } from "./daemon.mjs";

test("no daemon on the socket: DaemonUnavailableError that says how to start one", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cxts-"));
  try {
    const missing = new CodeExecutionSandboxService({ socket: path.join(dir, "none.sock") });
    for (const call of [() => missing.executeJavaScript("return 1"), () => missing.getConfig(), () => missing.events().next()]) {
      const err = await call().catch((e) => e);
      assert.ok(err instanceof DaemonUnavailableError, String(err));
      assert.ok(err instanceof CodexecError);
      assert.equal(err.code, "daemon_unavailable");
      assert.equal(err.socket, path.join(dir, "none.sock"));
      assert.match(err.message, /sudo supervisor serve/);
      assert.match(err.message, /ENOENT/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a daemon that died: DaemonUnavailableError (its socket file is left, nobody listens)", async () => {
  const daemon = await startDaemon();
  const s = new CodeExecutionSandboxService({ socket: daemon.socket });
  try {
    assert.equal((await s.executeJavaScript("return 1")).output, 1);
    await daemon.kill();
    assert.ok(existsSync(daemon.socket), "the socket file is still there");
    const err = await s.executeJavaScript("return 1").catch((e) => e);
    assert.ok(err instanceof DaemonUnavailableError, String(err));
    assert.match(err.message, /ECONNREFUSED/);
    assert.match(err.message, /sudo supervisor serve/);
  } finally {
    s.close();
    await daemon.stop();
  }
});

test("the event stream reconnects after the daemon restarts", async () => {
  const dir = tempDir();
  let daemon = await startDaemon([], { dir, keepDir: true });
  const s = new CodeExecutionSandboxService({ socket: daemon.socket });
  const ac = new AbortController();
  const connects = [];
  let onConnect;
  const seen = [];
  let wake;
  const next = () => new Promise((r) => (wake = r));
  const it = s.events([Events.CodeExecution.CODE_EXECUTION_COMPLETED], {
    signal: ac.signal,
    reconnect: { attempts: 200, maxDelayMs: 200 },
    onConnect: (info) => {
      connects.push(info.reconnected);
      onConnect?.();
    },
  });
  const reading = (async () => {
    for await (const ev of it) {
      seen.push(ev.agentId);
      wake?.();
    }
  })();
  try {
    let connected = new Promise((r) => (onConnect = r));
    await connected;
    let got = next();
    await s.executeJavaScript("return 1", {}, { agentId: "before" });
    await got;
    connected = new Promise((r) => (onConnect = r));
    await daemon.stop();
    daemon = await startDaemon([], { dir, keepDir: true });
    await connected;
    got = next();
    await s.executeJavaScript("return 1", {}, { agentId: "after" });
    await got;
    assert.deepEqual(seen, ["before", "after"]);
    assert.deepEqual(connects, [false, true]);
  } finally {
    ac.abort();
    await reading;
    s.close();
    await daemon.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the socket: argument, else CODEXEC_SOCKET, else the supervisor's default", () => {
  assert.equal(resolveSocket("/a.sock", { CODEXEC_SOCKET: "/b.sock" }), "/a.sock");
  assert.equal(resolveSocket(undefined, { CODEXEC_SOCKET: "/b.sock" }), "/b.sock");
  assert.equal(resolveSocket(undefined, { CODEXEC_SOCKET: "off", XDG_RUNTIME_DIR: "/run/user/7" }), defaultSocket({ XDG_RUNTIME_DIR: "/run/user/7" }));
  if (process.geteuid() === 0) {
    assert.equal(defaultSocket({ XDG_RUNTIME_DIR: "/run/user/7" }), "/run/codexec/supervisor.sock");
  } else {
    assert.equal(defaultSocket({ XDG_RUNTIME_DIR: "/run/user/7" }), "/run/user/7/codexec/supervisor.sock");
    assert.equal(defaultSocket({}), path.join(os.tmpdir(), `codexec-${process.geteuid()}`, "supervisor.sock"));
  }
  const s = CodeExecutionSandboxService.getInstance({ socket: "/x/y.sock" });
  assert.equal(s.socket, "/x/y.sock");
  assert.equal(CodeExecutionSandboxService.getInstance({ socket: "/x/y.sock" }), s, "one instance per socket");
  assert.equal(CodeExecutionSandboxService.current(), s);
});

test("overloaded: OverloadedError with retryAfter; retryOverloaded waits and succeeds", async () => {
  const daemon = await startDaemon(["--max-concurrent", "1", "--max-queue", "1"]);
  const plain = new CodeExecutionSandboxService({ socket: daemon.socket });
  const patient = new CodeExecutionSandboxService({ socket: daemon.socket, retryOverloaded: { attempts: 60, maxDelayMs: 1000 } });
  try {
    // Two executions hold the daemon's one slot and its one queue place:
    // each waits on a tool call until released.
    let release;
    const released = new Promise((r) => (release = r));
    let called;
    const firstCalled = new Promise((r) => (called = r));
    const hold = (i) =>
      plain.executeJavaScript("return await tools.wait({})", {}, {
        timeout: 30_000,
        agentId: "ts-hold",
        tools: {
          wait: async () => {
            if (i === 0) called();
            await released;
            return i;
          },
        },
      });
    const first = hold(0);
    await firstCalled; // the first runs
    const second = hold(1);
    // The second waits in the queue (the daemon's health says so).
    await eventually(async () => ((await plain.health()).queued === 1 ? true : null));
    const err = await plain.executeJavaScript("return 3").catch((e) => e);
    assert.ok(err instanceof OverloadedError, `a third execution is refused: ${err}`);
    assert.equal(err.code, "overloaded");
    assert.equal(err.status, 429);
    assert.equal(typeof err.retryAfter, "number");
    assert.ok(err.retryAfter >= 0);

    // With the retry on, the same call waits for a place.
    const later = patient.executeJavaScript("return 3");
    let settled = false;
    later.then(() => (settled = true), () => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(settled, false, "it waits while the daemon is full");
    release();
    assert.equal((await first).output, 0);
    assert.equal((await second).output, 1);
    const r = await later;
    assert.equal(r.status, "ok");
    assert.equal(r.output, 3);
  } finally {
    plain.close();
    patient.close();
    await daemon.stop();
  }
});
