// Every call of @codexec/client, typed: `npm run typecheck` compiles this
// against the package's declarations (dist/*.d.ts). Run it against a
// daemon with `node --experimental-strip-types` (Node >= 22.6) or compile it.

import {
  BadRequestError,
  CodeExecution,
  CodeExecutionSandboxService,
  DaemonUnavailableError,
  EventBus,
  Events,
  ExecutionCancelledError,
  OverloadedError,
  ToolError,
} from "@codexec/client";
import type { AgentStats, CodexecEvent, Config, ExecutionRecord, ExecutionResult, ExecutionStatus } from "@codexec/client";

export async function main(): Promise<void> {
  const sandbox = CodeExecutionSandboxService.getInstance({ socket: process.env.CODEXEC_SOCKET, retryOverloaded: true });

  // Executions: the names and argument order of the TypeScript service.
  const r: ExecutionResult = await sandbox.executeJavaScript("return context.n * 2", { n: 21 }, { timeout: 2000, memoryLimit: 128, agentId: "demo", channelId: "c" });
  const status: ExecutionStatus = r.status;
  if (r.status === "ok") console.log(r.output, r.resourceUsage.memory, r.resourceUsage.memorySource, r.validation.riskScore);
  else console.log(status, r.error?.kind, r.error?.message, r.error?.line);

  const typed = await sandbox.executeTypeScript<{ total: number }>("const t: number = 2; return { total: t }");
  const total: number = typed.output.total;
  console.log(total);

  // Tools the code calls as `await tools.crm.findCustomer(args)`.
  const withTools = await sandbox.executeJavaScript(
    "const c = await tools.crm.findCustomer({ email: 'ana@example.com' }); return c.orders * 2",
    {},
    {
      agentId: "demo",
      tools: {
        "crm.findCustomer": {
          description: "A customer by email",
          inputSchema: { type: "object", properties: { email: { type: "string" } }, required: ["email"] },
          handler: async (args: { email: string }, call) => {
            if (call.signal.aborted) return null;
            if (args.email !== "ana@example.com") throw new ToolError("not_found", `no customer ${args.email}`);
            return { name: "Ana", orders: 21 };
          },
        },
        "clock.now": () => Date.now(),
      },
      onLog: (l) => console.log(l.level, l.message),
    },
  );
  console.log(withTools.output);

  // Cancellation.
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 100);
  try {
    await sandbox.executeJavaScript("for (;;) {}", {}, { signal: ac.signal, timeout: 10_000 });
  } catch (err) {
    if (err instanceof ExecutionCancelledError && err.executionId) {
      const rec: ExecutionRecord | null = await CodeExecution.findById(err.executionId);
      console.log(rec?.status); // "cancelled"
    }
  }

  // Configuration.
  const cfg: Config = await sandbox.getConfig();
  const next: Config = await sandbox.updateConfig({ timeout: cfg.timeout, maxToolCalls: cfg.maxToolCalls });
  console.log(next.timeout, (await sandbox.health()).status);

  // Analytics.
  const stats: AgentStats = await CodeExecution.getAgentStats("demo");
  console.log(stats.totalExecutions, stats.successRate, stats.avgTime, stats.timeouts, stats.languages.javascript);
  const same: ExecutionRecord[] = await CodeExecution.findByCodeHash(r.codeHash);
  const failures = await CodeExecution.getRecentFailures("demo", 10);
  const recent = await CodeExecution.history({ agentId: "demo", status: "ok", limit: 5, since: new Date(Date.now() - 3600_000) });
  console.log(same.length, failures.map((f) => f.error?.message), recent.map((x) => x._id));

  // Events: an async iterator…
  const stop = new AbortController();
  for await (const ev of sandbox.events([Events.CodeExecution.CODE_EXECUTION_COMPLETED, Events.CodeExecution.CODE_EXECUTION_FAILED], { signal: stop.signal })) {
    if (ev.type === "EVENTS_DROPPED") console.log("lost", ev.dropped);
    else console.log(ev.type, ev.executionId, ev.status, ev.executionTime);
    stop.abort();
  }
  // …or the TypeScript service's EventBus.
  const onIssue = (payload: CodexecEvent) => console.log(payload.finding?.rule, payload.executionId);
  EventBus.server.on(Events.CodeExecution.CODE_SECURITY_ISSUE, onIssue);
  EventBus.server.off(Events.CodeExecution.CODE_SECURITY_ISSUE, onIssue);
  const off = sandbox.on(Events.CodeExecution.TOOL_CALL_FAILED, (ev) => console.log(ev.tool, ev.code));
  off();

  // Errors.
  try {
    await CodeExecution.history({ limit: -1 });
  } catch (err) {
    if (err instanceof BadRequestError) console.log(err.code, err.status, err.message);
    else if (err instanceof OverloadedError) console.log(err.retryAfter);
    else if (err instanceof DaemonUnavailableError) console.log(err.socket, err.message);
    else throw err;
  }
  sandbox.close();
}
