// Errors: one class per stable code of the socket API's {"code", "message"}
// answers (api/wire/wire.go), a DaemonUnavailableError when nothing answers
// on the socket, and ToolError for tool handlers.

/** The stable error codes of the socket API. */
export type ApiErrorCode =
  | "bad_request"
  | "browser_refused"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "request_timeout"
  | "payload_too_large"
  | "overloaded"
  | "unavailable"
  | "too_many_connections"
  | "internal";

/** Every error this library throws for the daemon's answers and its absence. */
export class CodexecError extends Error {
  /**
   * A stable code: one of ApiErrorCode for the daemon's answers,
   * "daemon_unavailable", "cancelled", "protocol", or "http_<status>" for
   * an answer without a JSON body.
   */
  readonly code: string;
  /** The HTTP status, when the daemon answered. */
  readonly status?: number;

  constructor(code: string, message: string, options?: { status?: number; cause?: unknown }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = "CodexecError";
    this.code = code;
    if (options?.status !== undefined) this.status = options.status;
  }
}

/** 400: malformed JSON, an unknown field, a bad query parameter. */
export class BadRequestError extends CodexecError {
  constructor(message: string, status = 400) {
    super("bad_request", message, { status });
    this.name = "BadRequestError";
  }
}

/** 403: the caller's uid may not do this (or a browser-borne request). */
export class ForbiddenError extends CodexecError {
  constructor(code: "forbidden" | "browser_refused", message: string, status = 403) {
    super(code, message, { status });
    this.name = "ForbiddenError";
  }
}

/** 404 */
export class NotFoundError extends CodexecError {
  constructor(message: string, status = 404) {
    super("not_found", message, { status });
    this.name = "NotFoundError";
  }
}

/** 408: the request body did not arrive in time. */
export class RequestTimeoutError extends CodexecError {
  constructor(message: string, status = 408) {
    super("request_timeout", message, { status });
    this.name = "RequestTimeoutError";
  }
}

/** 413 */
export class PayloadTooLargeError extends CodexecError {
  constructor(message: string, status = 413) {
    super("payload_too_large", message, { status });
    this.name = "PayloadTooLargeError";
  }
}

/** An answer that says to come back later: retryAfter in seconds, when given. */
export class RetryableError extends CodexecError {
  /** Seconds the daemon asked to wait (Retry-After), when it said. */
  readonly retryAfter?: number;
  constructor(code: string, message: string, status: number, retryAfter?: number) {
    super(code, message, { status });
    this.name = "RetryableError";
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}

/** 429: executions are running and waiting at their bounds; nothing ran. */
export class OverloadedError extends RetryableError {
  constructor(message: string, retryAfter?: number, status = 429) {
    super("overloaded", message, status, retryAfter);
    this.name = "OverloadedError";
  }
}

/** 503: the daemon is shutting down, or its store is unreachable. */
export class UnavailableError extends RetryableError {
  constructor(message: string, retryAfter?: number, status = 503) {
    super("unavailable", message, status, retryAfter);
    this.name = "UnavailableError";
  }
}

/** 503: the daemon serves as many connections as its cap allows. */
export class TooManyConnectionsError extends RetryableError {
  constructor(message: string, retryAfter?: number, status = 503) {
    super("too_many_connections", message, status, retryAfter);
    this.name = "TooManyConnectionsError";
  }
}

/** 500 */
export class InternalError extends CodexecError {
  constructor(message: string, status = 500) {
    super("internal", message, { status });
    this.name = "InternalError";
  }
}

/**
 * Nothing answers on the socket: no daemon runs there, or this process may
 * not connect to it. The message says how to start one.
 */
export class DaemonUnavailableError extends CodexecError {
  /** The socket path that was tried. */
  readonly socket: string;
  constructor(socket: string, cause: NodeJS.ErrnoException) {
    const why =
      cause.code === "EACCES" || cause.code === "EPERM"
        ? `this process may not connect to ${socket} (${cause.code}): run as a member of the socket's group (supervisor serve --socket-group) or as root`
        : `no codexec supervisor answers on ${socket} (${cause.code ?? cause.message}): start one with \`sudo supervisor serve\`, or point CODEXEC_SOCKET at the socket of a running one`;
    super("daemon_unavailable", why, { cause });
    this.name = "DaemonUnavailableError";
    this.socket = socket;
  }
}

/**
 * The caller cancelled the execution through its AbortSignal: the request
 * was closed, and the daemon killed the runner and recorded the execution
 * as `cancelled`. Its name is "AbortError", as fetch's is.
 */
export class ExecutionCancelledError extends CodexecError {
  /** The execution's id, when the daemon had given it before the abort. */
  readonly executionId?: string;
  constructor(executionId: string | undefined, reason: unknown) {
    super(
      "cancelled",
      executionId ? `execution ${executionId} was cancelled by its caller` : "the execution was cancelled by its caller before it started",
      { cause: reason },
    );
    this.name = "AbortError";
    if (executionId) this.executionId = executionId;
  }
}

/**
 * A tool's failure as the code sees it: throw one from a tool handler and
 * the code's `await tools.x(...)` rejects with a ToolError of the same code
 * and message. Any other error thrown by a handler arrives as
 * "tool_failed" with its message.
 */
export class ToolError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "ToolError";
    this.code = code;
  }
}

/** The error for a daemon's non-2xx answer. */
export function errorFromAnswer(status: number, body: string, retryAfterHeader?: string | string[]): CodexecError {
  let code = `http_${status}`;
  let message = body.trim();
  try {
    const e = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (typeof e.code === "string" && e.code !== "") {
      code = e.code;
      message = typeof e.message === "string" ? e.message : "";
    }
  } catch {
    // not JSON: keep the body as the message
  }
  const ra = parseRetryAfter(retryAfterHeader);
  switch (code) {
    case "bad_request":
      return new BadRequestError(message, status);
    case "forbidden":
    case "browser_refused":
      return new ForbiddenError(code, message, status);
    case "not_found":
      return new NotFoundError(message, status);
    case "request_timeout":
      return new RequestTimeoutError(message, status);
    case "payload_too_large":
      return new PayloadTooLargeError(message, status);
    case "overloaded":
      return new OverloadedError(message, ra, status);
    case "unavailable":
      return new UnavailableError(message, ra, status);
    case "too_many_connections":
      return new TooManyConnectionsError(message, ra, status);
    case "internal":
      return new InternalError(message, status);
    default:
      return new CodexecError(code, message, { status });
  }
}

function parseRetryAfter(h: string | string[] | undefined): number | undefined {
  const v = Array.isArray(h) ? h[0] : h;
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (Number.isFinite(n) && n >= 0) return n;
  const t = Date.parse(v);
  if (!Number.isNaN(t)) return Math.max(0, Math.ceil((t - Date.now()) / 1000));
  return undefined;
}
