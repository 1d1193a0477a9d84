// HTTP/1.1 over the supervisor's Unix socket with node:http (socketPath),
// keep-alive connections, errors mapped to the API's typed classes, and
// newline-delimited JSON read line by line.

import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";

import {
  CodexecError,
  DaemonUnavailableError,
  OverloadedError,
  TooManyConnectionsError,
  errorFromAnswer,
} from "./errors.js";

/** The environment variable that names the daemon's socket. */
export const SOCKET_ENV = "CODEXEC_SOCKET";

/**
 * The socket a daemon listens on by default, by the supervisor's own rule:
 * /run/codexec/supervisor.sock as root, else
 * $XDG_RUNTIME_DIR/codexec/supervisor.sock, else
 * <tmpdir>/codexec-<uid>/supervisor.sock.
 */
export function defaultSocket(env: NodeJS.ProcessEnv = process.env): string {
  const uid = typeof process.geteuid === "function" ? process.geteuid() : -1;
  if (uid === 0) return "/run/codexec/supervisor.sock";
  const xdg = env.XDG_RUNTIME_DIR;
  if (xdg) return path.join(xdg, "codexec", "supervisor.sock");
  return path.join(os.tmpdir(), `codexec-${uid}`, "supervisor.sock");
}

/**
 * The socket to use: the argument, else $CODEXEC_SOCKET (unless it is
 * empty or "off", the CLI's word for "in-process"), else the default.
 */
export function resolveSocket(socket?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (socket) return socket;
  const e = env[SOCKET_ENV];
  if (e && e !== "off") return e;
  return defaultSocket(env);
}

/** Retrying the answers that say nothing ran: overloaded (429) and too_many_connections (503). */
export interface RetryOptions {
  /** Tries after the first (default 5). */
  attempts?: number;
  /** The longest wait between two tries, ms (default 10000). */
  maxDelayMs?: number;
}

const CONNECT_ERRORS = new Set(["ENOENT", "ECONNREFUSED", "ENOTSOCK", "ENOTDIR", "EACCES", "EPERM"]);

/** One daemon's socket, with its pool of keep-alive connections. */
export class Transport {
  readonly socket: string;
  readonly retry: Required<RetryOptions> | undefined;
  private readonly agent: http.Agent;

  constructor(socket: string, retry?: boolean | RetryOptions) {
    this.socket = socket;
    if (retry) {
      const r = retry === true ? {} : retry;
      this.retry = { attempts: r.attempts ?? 5, maxDelayMs: r.maxDelayMs ?? 10_000 };
    }
    // Idle connections are closed after a minute, before the daemon's own
    // idle timeout (two minutes) could close one under a new request.
    this.agent = new http.Agent({ keepAlive: true, timeout: 60_000 });
  }

  /** Closes the idle connections (open streams are not touched). */
  close(): void {
    this.agent.destroy();
  }

  /**
   * Sends a request and resolves with the response once its headers are
   * in, whatever its status. An abort of signal destroys the request (and
   * its response), which rejects with the signal's reason.
   */
  open(method: string, urlPath: string, body?: string, signal?: AbortSignal): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const headers: http.OutgoingHttpHeaders = { host: "codexec", accept: "application/json, application/x-ndjson" };
      if (body !== undefined) {
        headers["content-type"] = "application/json";
        headers["content-length"] = Buffer.byteLength(body);
      }
      const req = http.request({ socketPath: this.socket, agent: this.agent, method, path: urlPath, headers });
      let settled = false;
      const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => signal?.removeEventListener("abort", onAbort);
      req.on("response", (res) => {
        settled = true;
        res.on("close", done);
        resolve(res);
      });
      req.on("error", (err: NodeJS.ErrnoException) => {
        done();
        if (settled) return; // the response carries it
        if (signal?.aborted) reject(signal.reason);
        else reject(this.connectionError(err));
      });
      req.end(body);
    });
  }

  /** A request whose answer is JSON (or nothing: 204), with the opt-in retry. */
  async json<T>(method: string, urlPath: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const res = await this.openRetrying(method, urlPath, text, signal);
    const answer = await readAll(res);
    if (res.statusCode === 204 || answer === "") return undefined as T;
    try {
      return JSON.parse(answer) as T;
    } catch (err) {
      throw new CodexecError("protocol", `supervisor at ${this.socket}: an answer to ${method} ${urlPath} is not JSON`, { cause: err });
    }
  }

  /**
   * Opens a request and checks its status: a non-2xx answer is thrown as
   * its typed error, and with retry on, overloaded and
   * too_many_connections are tried again after their Retry-After.
   */
  async openRetrying(method: string, urlPath: string, body?: string, signal?: AbortSignal): Promise<http.IncomingMessage> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.open(method, urlPath, body, signal);
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return res;
      const err = errorFromAnswer(status, await readAll(res), res.headers["retry-after"]);
      const retryable = err instanceof OverloadedError || err instanceof TooManyConnectionsError;
      if (!retryable || !this.retry || attempt >= this.retry.attempts) throw err;
      const wait = err.retryAfter !== undefined ? err.retryAfter * 1000 : 100 * 2 ** attempt;
      await sleep(Math.min(this.retry.maxDelayMs, wait) * (0.9 + Math.random() * 0.2), signal);
    }
  }

  private connectionError(err: NodeJS.ErrnoException): CodexecError {
    if (err.code && CONNECT_ERRORS.has(err.code)) return new DaemonUnavailableError(this.socket, err);
    return new CodexecError("connection", `supervisor at ${this.socket}: ${err.message}`, { cause: err });
  }
}

/** Reads a whole response body as text. */
export async function readAll(res: http.IncomingMessage): Promise<string> {
  res.setEncoding("utf8");
  let s = "";
  for await (const chunk of res) s += chunk as string;
  return s;
}

/** The non-empty lines of a newline-delimited response, as they arrive. */
export async function* lines(res: http.IncomingMessage): AsyncGenerator<string> {
  res.setEncoding("utf8");
  let buf = "";
  for await (const chunk of res) {
    buf += chunk as string;
    let start = 0;
    for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n", start)) {
      const line = buf.slice(start, i);
      start = i + 1;
      if (line.trim() !== "") yield line;
    }
    buf = buf.slice(start);
  }
  if (buf.trim() !== "") yield buf;
}

/** Waits ms, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
