// The JSON shapes of the supervisor's socket API, as TypeScript types. They
// follow the daemon's own definitions: result/result.go (the result),
// audit/schema (records, stats), config/config.go (the settings), bus/bus.go
// (events) and api/wire/wire.go (the wire).

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object (a context, a schema, tool arguments). */
export type JsonObject = { [key: string]: JsonValue };

/** The languages an execution may be written in. */
export type Language = "javascript" | "typescript";

/**
 * What one execution came to: the design's eight statuses and `cancelled`
 * (the caller gave up before the result; the runner was killed).
 */
export type ExecutionStatus =
  | "ok"
  | "blocked"
  | "invalid"
  | "error"
  | "timeout"
  | "memory"
  | "output_limit"
  | "internal"
  | "cancelled";

/** Every status, in the daemon's order. */
export const STATUSES: readonly ExecutionStatus[] = Object.freeze([
  "ok",
  "blocked",
  "invalid",
  "error",
  "timeout",
  "memory",
  "output_limit",
  "internal",
  "cancelled",
] as const);

/** A console line the code wrote. */
export interface LogLine {
  level: "log" | "info" | "warn" | "error" | "debug" | (string & {});
  message: string;
}

/** Why an execution did not succeed; positions are 1-based in the code as written. */
export interface ErrorInfo {
  kind: ExecutionStatus;
  message: string;
  line?: number;
  column?: number;
}

/** One thing validation noticed in the code. */
export interface Finding {
  rule: string;
  severity: "block" | "warn";
  message: string;
  line?: number;
  column?: number;
}

/** The verdict of validation before the code ran. */
export interface Validation {
  riskScore: number;
  findings: Finding[];
}

/** What one execution consumed. */
export interface ResourceUsage {
  /** Peak memory of the runner, MiB (0 when no runner ran, or memorySource is "none"). */
  memory: number;
  /** The deadline passed. */
  timeout: boolean;
  /** CPU time of the job, ms. */
  cpuTime: number;
  /**
   * What `memory` was measured from: "cgroup", "process", or "none" (no
   * figure belongs to the runner alone). Absent when no runner ran.
   */
  memorySource?: "cgroup" | "process" | "none";
}

/** The result of one execution, whatever its status. */
export interface ExecutionResult<Output = JsonValue> {
  id: string;
  success: boolean;
  status: ExecutionStatus;
  /** The value the code returned, as JSON (null when none). */
  output: Output;
  logs: LogLine[];
  error: ErrorInfo | null;
  /** ms */
  executionTime: number;
  resourceUsage: ResourceUsage;
  validation: Validation;
  language: Language | (string & {});
  /** SHA-256 of the code as submitted, hex. */
  codeHash: string;
}

/** One tool call of an execution, as the audit trail keeps it. */
export interface ToolCallRecord {
  name: string;
  argsSha256: string;
  argsBytes: number;
  resultBytes: number;
  /** "ok", or the error code the code got. */
  status: string;
  durationMs: number;
}

/** One execution in the audit trail. */
export interface ExecutionRecord<Output = JsonValue> {
  /** The execution id. */
  _id: string;
  agentId: string;
  channelId: string;
  language: string;
  codeHash: string;
  codeLength: number;
  codeSnippet: string;
  success: boolean;
  status: ExecutionStatus;
  output: Output;
  logs: LogLine[];
  error: ErrorInfo | null;
  executionTime: number;
  memoryUsage: number;
  timeoutOccurred: boolean;
  riskScore: number;
  findings: Finding[];
  /** RFC 3339, UTC, millisecond precision. */
  executedAt: string;
  /** The supervisor that ran it ("" for records older than host ids). */
  hostId: string;
  peerUid?: number;
  peerGid?: number;
  peerPid?: number;
  truncated?: string;
  renderedFields?: string[];
  toolCalls?: ToolCallRecord[];
}

/** An agent's statistics over its stored executions, on one host or the fleet. */
export interface AgentStats {
  agentId: string;
  /** Present when the statistics are of one host. */
  hostId?: string;
  /** Executions per host id ("" for records older than host ids). */
  hosts: Record<string, number>;
  totalExecutions: number;
  successes: number;
  /** Successes over the executions that were not cancelled, in [0, 1]. */
  successRate: number;
  /** Mean executionTime, ms. */
  avgTime: number;
  timeouts: number;
  cancelled: number;
  /** Executions per language (javascript, typescript). */
  languages: Record<string, number>;
  /** Executions per status. */
  statuses: Partial<Record<ExecutionStatus, number>>;
  toolCalls: number;
  toolFailures: number;
}

/** A query of the audit trail (GET /v1/executions), newest first. */
export interface HistoryFilter {
  agentId?: string;
  channelId?: string;
  /** Only the executions of the supervisor with this host id (default: every host). */
  hostId?: string;
  status?: ExecutionStatus;
  codeHash?: string;
  /** At most this many records (the daemon's default when absent). */
  limit?: number;
  /** Records executed at or after this time. */
  since?: Date | string;
}

/** The runtime settings (GET /v1/config); PATCH takes any subset. */
export interface Config {
  /** Default timeout of an execution, ms. */
  timeout: number;
  /** Default memory limit of a runner, MiB. */
  memoryLimit: number;
  minMemoryLimit: number;
  maxMemoryLimit: number;
  captureConsole: boolean;
  allowBuiltinModules: boolean;
  maxCodeBytes: number;
  maxContextBytes: number;
  maxOutputBytes: number;
  maxLogLines: number;
  maxLogBytes: number;
  riskThreshold: number;
  poolSize: number;
  maxToolCalls: number;
  maxToolArgBytes: number;
  maxToolResultBytes: number;
}

/** The daemon's health (GET /healthz). */
export interface Health {
  status: "ok" | "stopping" | (string & {});
  isolation: string;
  /** How runners are contained: root, rootless (a user namespace per runner) or weak. */
  isolationMode?: "root" | "rootless" | "weak" | (string & {});
  /** The host id this supervisor stamps on its audit records. */
  hostId?: string;
  missing?: string[];
  store: string;
  outbox: { records: number; oldestAgeSeconds: number; lastError?: string };
  running: number;
  queued: number;
  pool?: { idle: number; target: number; hits: number; misses: number; deaths: number; replaced: number };
  started: string;
  version: string;
  revision?: string;
}

/** A tool as the request declares it (what the daemon checks calls against). */
export interface ToolDeclaration {
  name: string;
  description?: string;
  inputSchema: JsonValue;
  outputSchema?: JsonValue;
}

/** The body of POST /v1/executions. */
export interface ExecuteRequest {
  code: string;
  language?: Language;
  context?: JsonObject;
  timeout?: number;
  memoryLimit?: number;
  agentId?: string;
  channelId?: string;
  tsExperimentalDecorators?: boolean;
  tools?: ToolDeclaration[];
  stream?: boolean;
}

/** One line of a streamed execution. */
export type StreamLine =
  | { type: "started"; executionId: string }
  | { type: "log"; executionId: string; level: string; message: string }
  | { type: "tool_call"; executionId: string; callId: string; name: string; arguments?: JsonValue }
  | { type: "result"; executionId: string; result: ExecutionResult };
