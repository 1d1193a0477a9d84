// Every method of @codexec/client against a real daemon started here.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";

import {
  BadRequestError,
  CodeExecution,
  CodeExecutionSandboxService,
  CodexecError,
  EventBus,
  Events,
  EVENT_TYPES,
  ExecutionCancelledError,
  STATUSES,
  ToolError,
} from "../dist/index.js";
import { eventually, startDaemon } from "./daemon.mjs";

const sha256 = (s) => createHash("sha256").update(s).digest("hex");

let daemon;
let sandbox;

before(async () => {
  daemon = await startDaemon(["--host-id", "ts-host"]);
  sandbox = CodeExecutionSandboxService.getInstance({ socket: daemon.socket });
});

after(async () => {
  sandbox?.close();
  if (daemon) {
    const how = await daemon.stop();
    assert.equal(how.code, 0, `the daemon exits 0 on SIGTERM:\n${daemon.stderr()}`);
  }
});

describe("executions", () => {
  test("executeJavaScript returns the typed result with its context", async () => {
    const code = "console.log('half of', context.n * 2); return { doubled: context.n * 2 }";
    const r = await sandbox.executeJavaScript(code, { n: 21 }, { agentId: "ts-exec", channelId: "c1" });
    assert.equal(r.status, "ok");
    assert.equal(r.success, true);
    assert.deepEqual(r.output, { doubled: 42 });
    assert.deepEqual(r.logs, [{ level: "log", message: "half of 42" }]);
    assert.equal(r.error, null);
    assert.equal(r.language, "javascript");
    assert.equal(r.codeHash, sha256(code));
    assert.match(r.id, /^exec_/);
    assert.equal(typeof r.executionTime, "number");
    assert.equal(typeof r.resourceUsage.cpuTime, "number");
    assert.equal(r.resourceUsage.timeout, false);
    assert.ok(["cgroup", "process", "none"].includes(r.resourceUsage.memorySource), r.resourceUsage.memorySource);
    assert.deepEqual(r.validation, { riskScore: 0, findings: [] });
  });

  test("executeTypeScript runs TypeScript, positions in the TypeScript", async () => {
    const ok = await sandbox.executeTypeScript("const x: number = context.x; return x * 3", { x: 5 });
    assert.equal(ok.status, "ok");
    assert.equal(ok.output, 15);
    assert.equal(ok.language, "typescript");
    const thrown = await sandbox.executeTypeScript("type T = { a: number }\nconst t: T = { a: 1 }\nthrow new Error('line three')");
    assert.equal(thrown.status, "error");
    assert.equal(thrown.success, false);
    assert.equal(thrown.error.kind, "error");
    assert.match(thrown.error.message, /line three/);
    assert.equal(thrown.error.line, 3);
  });

  test("without a context the code sees {}", async () => {
    const r = await sandbox.executeJavaScript("return Object.keys(context).length");
    assert.equal(r.output, 0);
  });

  test("statuses other than ok are results, not exceptions", async () => {
    const blocked = await sandbox.executeJavaScript("return eval('1')", {}, { agentId: "ts-fail" });
    assert.equal(blocked.status, "blocked");
    assert.ok(blocked.validation.findings.length > 0);
    const timeout = await sandbox.executeJavaScript("for (;;) {}", {}, { timeout: 200, agentId: "ts-fail" });
    assert.equal(timeout.status, "timeout");
    assert.equal(timeout.resourceUsage.timeout, true);
    const invalid = await sandbox.executeJavaScript("return 1", {}, { memoryLimit: 1, agentId: "ts-fail" });
    assert.equal(invalid.status, "invalid");
    for (const r of [blocked, timeout, invalid]) assert.ok(STATUSES.includes(r.status));
  });

  test("onLog gets each console line as it is written", async () => {
    const seen = [];
    const r = await sandbox.executeJavaScript("console.log('a'); console.warn('b'); return 1", {}, { onLog: (l) => seen.push(l) });
    assert.equal(r.status, "ok");
    assert.deepEqual(seen, [
      { level: "log", message: "a" },
      { level: "warn", message: "b" },
    ]);
    assert.deepEqual(r.logs, seen);
  });
});

describe("cancellation", () => {
  test("an aborted signal cancels the execution; its record says cancelled", async () => {
    const ac = new AbortController();
    const run = sandbox.executeJavaScript("console.log('spinning'); for (;;) {}", {}, {
      timeout: 20_000,
      agentId: "ts-cancel",
      signal: ac.signal,
      onLog: () => ac.abort(),
    });
    const err = await run.then(
      () => assert.fail("the execution should have been cancelled"),
      (e) => e,
    );
    assert.ok(err instanceof ExecutionCancelledError, String(err));
    assert.equal(err.name, "AbortError");
    assert.equal(err.code, "cancelled");
    assert.match(err.executionId, /^exec_/);
    const rec = await eventually(() => CodeExecution.findById(err.executionId));
    assert.equal(rec.status, "cancelled");
    assert.equal(rec.agentId, "ts-cancel");
    assert.equal(rec.timeoutOccurred, false);
  });

  test("a signal aborted before the call sends nothing", async () => {
    const before = (await CodeExecution.getAgentStats("ts-cancel-early")).totalExecutions;
    const err = await sandbox
      .executeJavaScript("return 1", {}, { agentId: "ts-cancel-early", signal: AbortSignal.abort() })
      .catch((e) => e);
    assert.ok(err instanceof ExecutionCancelledError);
    assert.equal(err.executionId, undefined);
    assert.equal((await CodeExecution.getAgentStats("ts-cancel-early")).totalExecutions, before);
  });
});

describe("tools", () => {
  test("handlers answer the code's calls; a thrown ToolError keeps its code; other errors are tool_failed", async () => {
    const calls = [];
    const r = await sandbox.executeJavaScript(
      `
      const c = await tools.crm.findCustomer({ email: context.email });
      const both = await Promise.all([tools.math.double({ n: c.orders }), tools.math.double({ n: 1 })]);
      const caught = [];
      try { await tools.crm.findCustomer({ email: 'nobody@example.com' }) }
      catch (e) { caught.push([e instanceof ToolError, e.code, e.message]) }
      try { await tools.crm.broken({}) }
      catch (e) { caught.push([e instanceof ToolError, e.code, e.message]) }
      try { await tools.crm.findCustomer({ email: 42 }) }
      catch (e) { caught.push([e instanceof ToolError, e.code]) }
      const nothing = await tools.crm.nothing();
      return { name: c.name, both, caught, nothing };
      `,
      { email: "ana@example.com" },
      {
        agentId: "ts-tools",
        tools: {
          "crm.findCustomer": {
            description: "a customer by email",
            inputSchema: { type: "object", properties: { email: { type: "string" } }, required: ["email"] },
            handler: async (args, call) => {
              calls.push({ name: call.name, args, id: call.executionId });
              if (args.email !== "ana@example.com") throw new ToolError("not_found", `no customer ${args.email}`);
              return { name: "Ana", orders: 21 };
            },
          },
          "math.double": { inputSchema: { type: "object" }, handler: ({ n }) => n * 2 },
          "crm.broken": async () => {
            throw new Error("the database is on fire");
          },
          "crm.nothing": () => undefined,
        },
      },
    );
    assert.equal(r.status, "ok", JSON.stringify(r.error));
    assert.deepEqual(r.output, {
      name: "Ana",
      both: [42, 2],
      caught: [
        [true, "not_found", "no customer nobody@example.com"],
        [true, "tool_failed", "the database is on fire"],
        [true, "invalid_arguments"],
      ],
      nothing: null,
    });
    // The schema refused the third findCustomer call before any handler saw it.
    assert.deepEqual(
      calls.map((c) => c.args.email),
      ["ana@example.com", "nobody@example.com"],
    );
    assert.ok(calls.every((c) => c.name === "crm.findCustomer" && c.id === r.id));
    const rec = await CodeExecution.findById(r.id);
    assert.deepEqual(
      rec.toolCalls.map((c) => [c.name, c.status]).sort(),
      [
        ["crm.broken", "tool_failed"],
        ["crm.findCustomer", "invalid_arguments"],
        ["crm.findCustomer", "not_found"],
        ["crm.findCustomer", "ok"],
        ["crm.nothing", "ok"],
        ["math.double", "ok"],
        ["math.double", "ok"],
      ],
    );
  });
});

describe("analytics", () => {
  test("getAgentStats, findByCodeHash, getRecentFailures, findById, history", async () => {
    const agent = "ts-analytics";
    const code = "return context.i";
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await sandbox.executeJavaScript(code, { i }, { agentId: agent, channelId: "ch" })).id);
    const failed = await sandbox.executeTypeScript("throw new Error('no')", {}, { agentId: agent });
    assert.equal(failed.status, "error");

    const stats = await CodeExecution.getAgentStats(agent);
    assert.equal(stats.agentId, agent);
    assert.equal(stats.totalExecutions, 4);
    assert.equal(stats.successes, 3);
    assert.equal(stats.successRate, 0.75);
    assert.equal(typeof stats.avgTime, "number");
    assert.equal(stats.timeouts, 0);
    assert.deepEqual(stats.languages, { javascript: 3, typescript: 1 });
    assert.deepEqual(stats.statuses, { ok: 3, error: 1 });
    assert.deepEqual(stats.hosts, { "ts-host": 4 });
    const onHost = await CodeExecution.getAgentStats(agent, "ts-host");
    assert.equal(onHost.hostId, "ts-host");
    assert.equal(onHost.totalExecutions, 4);
    assert.equal((await CodeExecution.getAgentStats(agent, "elsewhere")).totalExecutions, 0);
    assert.deepEqual(await CodeExecution.getRecentFailures(agent, 10, "elsewhere"), []);
    assert.deepEqual(await CodeExecution.history({ agentId: agent, hostId: "elsewhere" }), []);

    const byHash = await CodeExecution.findByCodeHash(sha256(code));
    assert.deepEqual(
      byHash.map((r) => r._id),
      [...ids].reverse(),
      "newest first",
    );
    assert.deepEqual(
      (await CodeExecution.findByCodeHash(sha256(code), 1)).map((r) => r._id),
      [ids[2]],
    );

    const failures = await CodeExecution.getRecentFailures(agent, 10);
    assert.deepEqual(
      failures.map((r) => [r._id, r.status]),
      [[failed.id, "error"]],
    );
    assert.deepEqual(await CodeExecution.getRecentFailures("ts-nobody"), []);

    const rec = await CodeExecution.findById(ids[0]);
    assert.equal(rec._id, ids[0]);
    assert.equal(rec.output, 0);
    assert.equal(rec.codeSnippet, code);
    assert.equal(rec.channelId, "ch");
    assert.equal(rec.hostId, "ts-host");
    assert.equal(typeof rec.peerUid, "number");
    assert.equal(await CodeExecution.findById("exec_00000000000000000000000000"), null);

    const hist = await CodeExecution.history({ agentId: agent, status: "ok", limit: 2 });
    assert.deepEqual(
      hist.map((r) => r._id),
      [ids[2], ids[1]],
    );
    const since = await CodeExecution.history({ agentId: agent, since: new Date(Date.now() + 3600_000) });
    assert.deepEqual(since, []);
    // The instance has the same calls.
    assert.deepEqual(await sandbox.getAgentStats(agent), stats);
  });
});

describe("configuration", () => {
  test("getConfig and updateConfig", async () => {
    const cfg = await sandbox.getConfig();
    assert.equal(typeof cfg.timeout, "number");
    assert.equal(typeof cfg.maxToolCalls, "number");
    const next = await sandbox.updateConfig({ timeout: cfg.timeout + 1000 });
    assert.equal(next.timeout, cfg.timeout + 1000);
    assert.equal((await sandbox.getConfig()).timeout, cfg.timeout + 1000);
    await sandbox.updateConfig({ timeout: cfg.timeout });
  });

  test("a bad change is a BadRequestError and changes nothing", async () => {
    const cfg = await sandbox.getConfig();
    const err = await sandbox.updateConfig({ timeout: 10 * 60 * 1000, memoryLimit: 64 }).catch((e) => e);
    assert.ok(err instanceof BadRequestError, String(err));
    assert.ok(err instanceof CodexecError);
    assert.equal(err.code, "bad_request");
    assert.equal(err.status, 400);
    assert.match(err.message, /timeout/);
    assert.deepEqual(await sandbox.getConfig(), cfg);
    const unknown = await sandbox.updateConfig({ noSuchKey: 1 }).catch((e) => e);
    assert.ok(unknown instanceof BadRequestError);
  });
});

describe("errors", () => {
  test("bad requests are BadRequestError with the daemon's message", async () => {
    const err = await CodeExecution.history({ status: "sideways" }).catch((e) => e);
    assert.ok(err instanceof BadRequestError, String(err));
    assert.match(err.message, /sideways/);
    const ev = sandbox.events(["NOT_AN_EVENT"]);
    const evErr = await ev.next().catch((e) => e);
    assert.ok(evErr instanceof BadRequestError, String(evErr));
    assert.match(evErr.message, /NOT_AN_EVENT/);
  });
});

describe("events", () => {
  test("the async iterator gets an execution's events in order", async () => {
    const ac = new AbortController();
    let connected;
    const ready = new Promise((r) => (connected = r));
    const it = sandbox.events([Events.CodeExecution.CODE_EXECUTION_STARTED, Events.CodeExecution.CODE_EXECUTION_COMPLETED, Events.CodeExecution.CODE_VALIDATION_COMPLETED], {
      signal: ac.signal,
      onConnect: connected,
    });
    const seen = [];
    const reading = (async () => {
      for await (const ev of it) {
        seen.push(ev);
        if (ev.type === Events.CodeExecution.CODE_EXECUTION_COMPLETED && ev.agentId === "ts-events") break;
      }
    })();
    await ready;
    const r = await sandbox.executeJavaScript("return 7", {}, { agentId: "ts-events", channelId: "evc" });
    await reading;
    ac.abort();
    const mine = seen.filter((e) => e.executionId === r.id);
    const types = mine.map((e) => e.type);
    assert.deepEqual([...types].sort(), ["CODE_EXECUTION_COMPLETED", "CODE_EXECUTION_STARTED", "CODE_VALIDATION_COMPLETED"]);
    assert.equal(types.at(-1), "CODE_EXECUTION_COMPLETED", "completed comes last");
    const done = mine.find((e) => e.type === "CODE_EXECUTION_COMPLETED");
    assert.equal(done.status, "ok");
    assert.equal(done.agentId, "ts-events");
    assert.equal(done.channelId, "evc");
    assert.ok(!Number.isNaN(Date.parse(done.timestamp)));
    assert.equal(mine.find((e) => e.type === "CODE_VALIDATION_COMPLETED").allowed, true);
  });

  test("EventBus.server.on gets security issues, tool calls and configuration changes", async () => {
    assert.equal(EventBus.server, sandbox.eventEmitter, "EventBus.server is the current instance's");
    const got = { security: [], tools: [], config: [], all: [] };
    const connected = new Promise((r) => EventBus.server.once("connect", r));
    const onSecurity = (ev) => got.security.push(ev);
    EventBus.server.on(Events.CodeExecution.CODE_SECURITY_ISSUE, onSecurity);
    const stopTools = sandbox.on(Events.CodeExecution.TOOL_CALL_COMPLETED, (ev) => got.tools.push(ev));
    const stopConfig = sandbox.on(Events.CodeExecution.CONFIG_UPDATED, (ev) => got.config.push(ev));
    const stopAll = sandbox.on("event", (ev) => got.all.push(ev));
    await connected;

    const blocked = await sandbox.executeJavaScript("return eval('2')", {}, { agentId: "ts-on" });
    assert.equal(blocked.status, "blocked");
    const withTool = await sandbox.executeJavaScript("return await tools.echo({ a: 1 })", {}, {
      agentId: "ts-on",
      tools: { echo: { inputSchema: { type: "object" }, handler: (a) => a } },
    });
    assert.deepEqual(withTool.output, { a: 1 });
    const cfg = await sandbox.getConfig();
    await sandbox.updateConfig({ maxLogLines: cfg.maxLogLines + 1 });
    await sandbox.updateConfig({ maxLogLines: cfg.maxLogLines });

    await eventually(() => (got.security.length > 0 && got.tools.length > 0 && got.config.length >= 2 ? true : null));
    EventBus.server.off(Events.CodeExecution.CODE_SECURITY_ISSUE, onSecurity);
    stopTools();
    stopConfig();
    stopAll();

    assert.equal(got.security[0].executionId, blocked.id);
    assert.equal(got.security[0].type, "CODE_SECURITY_ISSUE");
    assert.equal(typeof got.security[0].finding.rule, "string");
    assert.equal(got.tools[0].executionId, withTool.id);
    assert.equal(got.tools[0].tool, "echo");
    assert.deepEqual(got.config[0].changes, { maxLogLines: cfg.maxLogLines + 1 });
    for (const ev of got.all) assert.ok(EVENT_TYPES.includes(ev.type), ev.type);
    assert.ok(got.all.some((e) => e.type === "CODE_EXECUTION_FAILED" && e.executionId === blocked.id));
  });

  test("EVENT_TYPES are exactly the daemon's: it accepts each as a filter", async () => {
    assert.equal(EVENT_TYPES.length, 12);
    const ac = new AbortController();
    let connected;
    const ready = new Promise((r) => (connected = r));
    const it = sandbox.events(EVENT_TYPES, { signal: ac.signal, onConnect: connected });
    const pending = it.next();
    await ready;
    ac.abort();
    assert.deepEqual(await pending, { value: undefined, done: true });
  });
});
