// The TypeScript service codexec replaces, over the socket API: CodeExecutionSandboxService
// (executions, configuration, events), CodeExecution (the audit trail's
// analytics) and EventBus.server (an EventEmitter of the daemon's events).

import {
  CodexecError,
  ExecutionCancelledError,
  NotFoundError,
  ToolError,
} from "./errors.js";
import { CodexecEventEmitter, eventStream } from "./events.js";
import type { CodexecEvent, EventsDropped, EventStreamOptions, EventType } from "./events.js";
import { lines, resolveSocket, Transport } from "./transport.js";
import type { RetryOptions } from "./transport.js";
import type {
  AgentStats,
  Config,
  ExecuteRequest,
  ExecutionRecord,
  ExecutionResult,
  Health,
  HistoryFilter,
  JsonObject,
  JsonValue,
  Language,
  LogLine,
  StreamLine,
  ToolDeclaration,
} from "./types.js";

/** What a tool handler gets beside the arguments. */
export interface ToolCallInfo {
  executionId: string;
  callId: string;
  /** The tool's name, as declared. */
  name: string;
  /** Aborted when the execution has ended (its result came, or it was cancelled). */
  signal: AbortSignal;
}

/**
 * Answers one call: resolves with the tool's result (any JSON value;
 * undefined is sent as null), or throws. A thrown ToolError (or any error
 * whose name is "ToolError" with a string code) reaches the code with its
 * code and message; any other error is "tool_failed" with its message.
 */
export type ToolHandler<Args = any, Result = unknown> = (args: Args, call: ToolCallInfo) => Result | Promise<Result>;

/** A tool the code may call as `await tools.<name>(args)`, answered here. */
export interface ToolDefinition<Args = any, Result = unknown> {
  description?: string;
  /** JSON Schema of the argument, checked by the daemon before the handler sees a call (default: any JSON). */
  inputSchema?: JsonValue;
  /** JSON Schema the result must pass (checked by the daemon). */
  outputSchema?: JsonValue;
  handler: ToolHandler<Args, Result>;
}

/** Tools by name (identifiers joined by dots: "crm.findCustomer"): a definition, or just its handler. */
export type Tools = Record<string, ToolDefinition | ToolHandler>;

/** The options of one execution. */
export interface ExecuteOptions {
  /** ms; the daemon's configured default when absent. */
  timeout?: number;
  /** MiB; the daemon's configured default when absent. */
  memoryLimit?: number;
  agentId?: string;
  channelId?: string;
  /** TypeScript's experimental decorators instead of the standard ones (TypeScript only). */
  tsExperimentalDecorators?: boolean;
  /**
   * Cancels the execution: the request is closed, the daemon kills the
   * runner and records the execution as `cancelled`, and the promise
   * rejects with an ExecutionCancelledError (name "AbortError") that
   * carries the execution's id.
   */
  signal?: AbortSignal;
  /** Tools the code may call; the library answers their calls with the handlers. */
  tools?: Tools;
  /** Each console line as the code writes it (the result still has them all). */
  onLog?: (line: LogLine) => void;
}

/** How to reach the daemon. */
export interface ServiceOptions {
  /** The daemon's socket; else $CODEXEC_SOCKET, else the default socket. */
  socket?: string;
  /**
   * Retry the answers that say nothing ran (overloaded, 429;
   * too_many_connections, 503) after their Retry-After: true for 5 tries
   * at most 10 s apart, or your own bounds. Off by default.
   */
  retryOverloaded?: boolean | RetryOptions;
}

const instances = new Map<string, CodeExecutionSandboxService>();
let current: CodeExecutionSandboxService | undefined;

/** The daemon's execution service, as the TypeScript service's CodeExecutionSandboxService. */
export class CodeExecutionSandboxService {
  /** The socket this instance talks to. */
  readonly socket: string;
  private readonly transport: Transport;
  private emitter: CodexecEventEmitter | undefined;

  /** A service on its own (getInstance shares one per socket). */
  constructor(options: ServiceOptions = {}) {
    this.socket = resolveSocket(options.socket);
    this.transport = new Transport(this.socket, options.retryOverloaded);
  }

  /**
   * The service for a socket (the argument, else $CODEXEC_SOCKET, else the
   * default), one per socket; it becomes the one CodeExecution's and
   * EventBus's calls use. Options given again with a socket already in use
   * replace that instance.
   */
  static getInstance(options: ServiceOptions = {}): CodeExecutionSandboxService {
    const socket = resolveSocket(options.socket);
    let s = instances.get(socket);
    if (!s || options.retryOverloaded !== undefined) {
      s = new CodeExecutionSandboxService({ ...options, socket });
      instances.set(socket, s);
    }
    current = s;
    return s;
  }

  /** The instance of the last getInstance, or one for $CODEXEC_SOCKET (or the default socket). */
  static current(): CodeExecutionSandboxService {
    return current ?? CodeExecutionSandboxService.getInstance();
  }

  /** Runs JavaScript: the code is the body of an async function of `context`. */
  executeJavaScript<Output = JsonValue>(code: string, context?: JsonObject, options?: ExecuteOptions): Promise<ExecutionResult<Output>> {
    return this.execute<Output>("javascript", code, context, options);
  }

  /** Runs TypeScript (stripped to JavaScript by the daemon; positions point into the TypeScript). */
  executeTypeScript<Output = JsonValue>(code: string, context?: JsonObject, options?: ExecuteOptions): Promise<ExecutionResult<Output>> {
    return this.execute<Output>("typescript", code, context, options);
  }

  /** Runs code in the given language; resolves with the result whatever its status. */
  async execute<Output = JsonValue>(
    language: Language,
    code: string,
    context?: JsonObject,
    options: ExecuteOptions = {},
  ): Promise<ExecutionResult<Output>> {
    const req: ExecuteRequest = { code, language };
    if (context !== undefined) req.context = context;
    if (options.timeout !== undefined) req.timeout = options.timeout;
    if (options.memoryLimit !== undefined) req.memoryLimit = options.memoryLimit;
    if (options.agentId !== undefined) req.agentId = options.agentId;
    if (options.channelId !== undefined) req.channelId = options.channelId;
    if (options.tsExperimentalDecorators) req.tsExperimentalDecorators = true;
    const handlers = new Map<string, ToolHandler>();
    if (options.tools) {
      req.tools = [];
      for (const [name, t] of Object.entries(options.tools)) {
        const def: ToolDefinition = typeof t === "function" ? { handler: t } : t;
        if (typeof def.handler !== "function") throw new TypeError(`tool ${name}: handler must be a function`);
        const decl: ToolDeclaration = { name, inputSchema: def.inputSchema ?? {} };
        if (def.description !== undefined) decl.description = def.description;
        if (def.outputSchema !== undefined) decl.outputSchema = def.outputSchema;
        req.tools.push(decl);
        handlers.set(name, def.handler);
      }
    }
    if (handlers.size === 0 && !options.signal && !options.onLog) {
      return this.transport.json<ExecutionResult<Output>>("POST", "/v1/executions", req);
    }
    return this.executeStream<Output>(req, handlers, options);
  }

  // A streamed execution: the started line gives the id (for a
  // cancellation's error), log lines go to onLog, tool_call lines to their
  // handlers (each answered as it comes), the result line ends it.
  private async executeStream<Output>(
    req: ExecuteRequest,
    handlers: Map<string, ToolHandler>,
    options: ExecuteOptions,
  ): Promise<ExecutionResult<Output>> {
    const signal = options.signal;
    if (signal?.aborted) throw new ExecutionCancelledError(undefined, signal.reason);
    const ac = new AbortController();
    const onAbort = () => ac.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    let executionId: string | undefined;
    try {
      const res = await this.transport.openRetrying("POST", "/v1/executions", JSON.stringify({ ...req, stream: true }), ac.signal);
      let result: ExecutionResult<Output> | undefined;
      for await (const text of lines(res)) {
        let line: StreamLine;
        try {
          line = JSON.parse(text) as StreamLine;
        } catch (err) {
          throw new CodexecError("protocol", `supervisor at ${this.socket}: a stream line is not JSON`, { cause: err });
        }
        switch (line.type) {
          case "started":
            executionId = line.executionId;
            break;
          case "log":
            options.onLog?.({ level: line.level, message: line.message });
            break;
          case "tool_call":
            void this.answerCall(line, handlers.get(line.name), ac.signal);
            break;
          case "result":
            // The last line: the response ends right after it.
            result = line.result as ExecutionResult<Output>;
            break;
        }
      }
      if (!result) throw new CodexecError("protocol", `supervisor at ${this.socket}: the stream ended without a result`);
      return result;
    } catch (err) {
      if (signal?.aborted) throw new ExecutionCancelledError(executionId, signal.reason);
      throw err;
    } finally {
      signal?.removeEventListener("abort", onAbort);
      ac.abort(); // handlers still running are told the execution ended
    }
  }

  private async answerCall(call: Extract<StreamLine, { type: "tool_call" }>, handler: ToolHandler | undefined, signal: AbortSignal) {
    let body: string;
    try {
      if (!handler) throw new ToolError("undeclared", `the client has no handler for ${call.name}`);
      const info: ToolCallInfo = { executionId: call.executionId, callId: call.callId, name: call.name, signal };
      const value = await handler(call.arguments ?? {}, info);
      body = `{"callId":${JSON.stringify(call.callId)},"result":${JSON.stringify(value) ?? "null"}}`;
    } catch (err) {
      body = JSON.stringify({ callId: call.callId, error: toolErrorOf(err) });
    }
    if (signal.aborted) return; // the execution has ended: nobody is waiting
    try {
      await this.transport.json("POST", `/v1/executions/${encodeURIComponent(call.executionId)}/tool-results`, body);
    } catch {
      // The execution ended, or its time ran out, meanwhile: the code
      // has its answer (a timeout) already.
    }
  }

  /** The runtime settings. */
  getConfig(): Promise<Config> {
    return this.transport.json<Config>("GET", "/v1/config");
  }

  /** Changes settings (bounds-checked by the daemon) and resolves with all of them. */
  updateConfig(changes: Partial<Config>): Promise<Config> {
    return this.transport.json<Config>("PATCH", "/v1/config", changes);
  }

  /** The daemon's health. */
  health(): Promise<Health> {
    return this.transport.json<Health>("GET", "/healthz");
  }

  /** An agent's statistics, of one host (hostId) or the whole fleet (default). */
  getAgentStats(agentId: string, hostId?: string): Promise<AgentStats> {
    const q = hostId ? `?hostId=${encodeURIComponent(hostId)}` : "";
    return this.transport.json<AgentStats>("GET", `/v1/agents/${encodeURIComponent(agentId)}/stats${q}`);
  }

  /** The executions of this exact code (SHA-256 hex of the code), newest first. */
  findByCodeHash(codeHash: string, limit?: number): Promise<ExecutionRecord[]> {
    return this.history({ codeHash, ...(limit !== undefined ? { limit } : {}) });
  }

  /** An agent's latest failures, newest first (10 by default), of one host or the fleet (default). */
  async getRecentFailures(agentId: string, limit = 10, hostId?: string): Promise<ExecutionRecord[]> {
    const q = hostId ? `&hostId=${encodeURIComponent(hostId)}` : "";
    const h = await this.transport.json<{ executions: ExecutionRecord[] }>(
      "GET",
      `/v1/agents/${encodeURIComponent(agentId)}/failures?limit=${encodeURIComponent(String(limit))}${q}`,
    );
    return h.executions;
  }

  /** One execution's record, or null when there is none with that id. */
  async findById(id: string): Promise<ExecutionRecord | null> {
    try {
      return await this.transport.json<ExecutionRecord>("GET", `/v1/executions/${encodeURIComponent(id)}`);
    } catch (err) {
      if (err instanceof NotFoundError) return null;
      throw err;
    }
  }

  /** Records, newest first. */
  async history(filter: HistoryFilter = {}): Promise<ExecutionRecord[]> {
    const q = new URLSearchParams();
    for (const k of ["agentId", "channelId", "hostId", "status", "codeHash"] as const) {
      const v = filter[k];
      if (v) q.set(k, v);
    }
    if (filter.limit !== undefined) q.set("limit", String(filter.limit));
    if (filter.since !== undefined) {
      q.set("since", filter.since instanceof Date ? filter.since.toISOString().replace(/\.\d{3}Z$/, "Z") : filter.since);
    }
    const qs = q.toString();
    const h = await this.transport.json<{ executions: ExecutionRecord[] }>("GET", "/v1/executions" + (qs ? "?" + qs : ""));
    return h.executions;
  }

  /**
   * The daemon's events of the given types (all when none), as they
   * happen, with EVENTS_DROPPED notes when this reader fell behind. A
   * broken stream is reconnected with backoff; abort options.signal (or
   * break out of the loop) to end it.
   */
  events(types: readonly EventType[] = [], options: EventStreamOptions = {}): AsyncGenerator<CodexecEvent | EventsDropped> {
    return eventStream(this.transport, types, options);
  }

  /** The EventEmitter of this daemon's events (EventBus.server for the current instance). */
  get eventEmitter(): CodexecEventEmitter {
    this.emitter ??= new CodexecEventEmitter(this.transport);
    return this.emitter;
  }

  /** Calls handler with each event of the type ("event": every event); returns a function that stops it. */
  on(type: EventType | "event", handler: (event: CodexecEvent) => void): () => void;
  on(type: "EVENTS_DROPPED", handler: (note: EventsDropped) => void): () => void;
  on(type: "error", handler: (err: Error) => void): () => void;
  on(type: "connect", handler: (info: { reconnected: boolean }) => void): () => void;
  on(type: string, handler: (arg: any) => void): () => void {
    this.eventEmitter.on(type, handler);
    return () => {
      this.eventEmitter.off(type, handler);
    };
  }

  /** Stops handler (added with on). */
  off(type: string, handler: (arg: any) => void): void {
    this.emitter?.off(type, handler);
  }

  /** Ends the event stream of `on` and closes idle connections. */
  close(): void {
    this.emitter?.close();
    this.transport.close();
  }
}

/**
 * The audit trail's analytics, as the TypeScript service's CodeExecution model: on the
 * socket of the last getInstance, or $CODEXEC_SOCKET, or the default.
 */
export const CodeExecution = Object.freeze({
  getAgentStats: (agentId: string, hostId?: string): Promise<AgentStats> =>
    CodeExecutionSandboxService.current().getAgentStats(agentId, hostId),
  findByCodeHash: (codeHash: string, limit?: number): Promise<ExecutionRecord[]> =>
    CodeExecutionSandboxService.current().findByCodeHash(codeHash, limit),
  getRecentFailures: (agentId: string, limit = 10, hostId?: string): Promise<ExecutionRecord[]> =>
    CodeExecutionSandboxService.current().getRecentFailures(agentId, limit, hostId),
  findById: (id: string): Promise<ExecutionRecord | null> => CodeExecutionSandboxService.current().findById(id),
  history: (filter: HistoryFilter = {}): Promise<ExecutionRecord[]> => CodeExecutionSandboxService.current().history(filter),
});

/** The TypeScript service's EventBus: `EventBus.server.on(Events.CodeExecution.X, fn)`, on the current instance's daemon. */
export const EventBus = Object.freeze({
  get server(): CodexecEventEmitter {
    return CodeExecutionSandboxService.current().eventEmitter;
  },
});

function toolErrorOf(err: unknown): { code: string; message: string } {
  const e = err as { name?: unknown; code?: unknown; message?: unknown } | null | undefined;
  const message = typeof e?.message === "string" && e.message !== "" ? e.message : String(err) || "the tool failed";
  if ((err instanceof ToolError || e?.name === "ToolError") && typeof e?.code === "string" && e.code !== "") {
    return { code: e.code, message };
  }
  return { code: "tool_failed", message };
}
