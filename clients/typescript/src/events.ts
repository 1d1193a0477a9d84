// Events: the names (bus/bus.go), their JSON, the /v1/events stream as an
// async iterator that reconnects, and an EventEmitter over it.

import { EventEmitter } from "node:events";

import { CodexecError, DaemonUnavailableError, RetryableError } from "./errors.js";
import { errorFromAnswer } from "./errors.js";
import { lines, readAll, sleep, Transport } from "./transport.js";
import type { ErrorInfo, ExecutionStatus, Finding } from "./types.js";

/**
 * The event names: the design's eight, the configuration change, and the
 * tool-call events, as `Events.CodeExecution.NAME` (the TypeScript service's spelling).
 */
export const Events = Object.freeze({
  CodeExecution: Object.freeze({
    CODE_EXECUTION_STARTED: "CODE_EXECUTION_STARTED",
    CODE_EXECUTION_COMPLETED: "CODE_EXECUTION_COMPLETED",
    CODE_EXECUTION_FAILED: "CODE_EXECUTION_FAILED",
    CODE_VALIDATION_STARTED: "CODE_VALIDATION_STARTED",
    CODE_VALIDATION_COMPLETED: "CODE_VALIDATION_COMPLETED",
    CODE_SECURITY_ISSUE: "CODE_SECURITY_ISSUE",
    CODE_RESOURCE_LIMIT_EXCEEDED: "CODE_RESOURCE_LIMIT_EXCEEDED",
    CODE_EXECUTION_TIMEOUT: "CODE_EXECUTION_TIMEOUT",
    // Additions to the eight.
    CONFIG_UPDATED: "CONFIG_UPDATED",
    TOOL_CALL_STARTED: "TOOL_CALL_STARTED",
    TOOL_CALL_COMPLETED: "TOOL_CALL_COMPLETED",
    TOOL_CALL_FAILED: "TOOL_CALL_FAILED",
  } as const),
});

/** An event type the daemon publishes. */
export type EventType = (typeof Events.CodeExecution)[keyof typeof Events.CodeExecution];

/** Every event type. */
export const EVENT_TYPES: readonly EventType[] = Object.freeze(Object.values(Events.CodeExecution));

/** The type of the line the stream writes when this reader fell behind and events were lost. */
export const EVENTS_DROPPED = "EVENTS_DROPPED";

/**
 * One event. The common fields are always there (the ids are empty for
 * CONFIG_UPDATED); the others belong to some types only.
 */
export interface CodexecEvent {
  type: EventType;
  executionId: string;
  agentId: string;
  channelId: string;
  /** RFC 3339 */
  timestamp: string;
  // STARTED, VALIDATION_STARTED
  language?: string;
  codeHash?: string;
  codeLength?: number;
  // STARTED: the execution's timeout (ms) and memory limit (MiB)
  timeout?: number;
  memoryLimit?: number;
  // COMPLETED, FAILED
  status?: ExecutionStatus;
  executionTime?: number;
  memory?: number;
  error?: ErrorInfo;
  // VALIDATION_COMPLETED
  allowed?: boolean;
  riskScore?: number;
  findings?: Finding[];
  // SECURITY_ISSUE
  finding?: Finding;
  // RESOURCE_LIMIT_EXCEEDED: memory, output or logs; its limit and what was used
  resource?: string;
  limit?: number;
  used?: number;
  message?: string;
  // EXECUTION_TIMEOUT: the runner had to be killed
  hardKill?: boolean;
  // CONFIG_UPDATED: the keys that changed, with their new values
  changes?: Record<string, unknown>;
  // TOOL_CALL_*
  callId?: number;
  tool?: string;
  durationMs?: number;
  argsBytes?: number;
  resultBytes?: number;
  /** TOOL_CALL_FAILED: the error code the code got. */
  code?: string;
}

/** The stream's note that this reader fell behind and `dropped` events were lost. */
export interface EventsDropped {
  type: typeof EVENTS_DROPPED;
  dropped: number;
  timestamp: string;
}

/** How the event stream reconnects when it breaks. */
export interface EventStreamOptions {
  /** Ends the stream (the iterator then returns). */
  signal?: AbortSignal;
  /**
   * Reconnect after the stream broke (the daemon restarted): false to end
   * instead; attempts counts failed tries in a row before the last error
   * is thrown (default 30), delays double from 100 ms up to maxDelayMs
   * (default 5000). Events published while disconnected are lost.
   */
  reconnect?: boolean | { attempts?: number; maxDelayMs?: number };
  /**
   * Called each time the stream is connected (the daemon has subscribed
   * this reader): reconnected is true after a break, when events may have
   * been lost.
   */
  onConnect?: (info: { reconnected: boolean }) => void;
}

/**
 * The events of the given types (all when none) as they happen. The first
 * connection must succeed (else its error is thrown: a
 * DaemonUnavailableError, or a BadRequestError for an unknown type);
 * afterwards a broken stream is reconnected with backoff.
 */
export async function* eventStream(
  transport: Transport,
  types: readonly string[] = [],
  opts: EventStreamOptions = {},
): AsyncGenerator<CodexecEvent | EventsDropped> {
  const path = types.length > 0 ? `/v1/events?type=${encodeURIComponent(types.join(","))}` : "/v1/events";
  const rc = opts.reconnect ?? true;
  const attempts = rc === false ? 0 : rc === true ? 30 : (rc.attempts ?? 30);
  const maxDelay = rc === false || rc === true ? 5000 : (rc.maxDelayMs ?? 5000);
  const signal = opts.signal;
  let connected = false;
  let failures = 0;
  let delay = 100;
  for (;;) {
    if (signal?.aborted) return;
    try {
      const res = await transport.open("GET", path, undefined, signal);
      if (res.statusCode !== 200) {
        throw errorFromAnswer(res.statusCode ?? 0, await readAll(res), res.headers["retry-after"]);
      }
      opts.onConnect?.({ reconnected: connected });
      connected = true;
      failures = 0;
      delay = 100;
      for await (const line of lines(res)) {
        let ev: CodexecEvent | EventsDropped;
        try {
          ev = JSON.parse(line) as CodexecEvent | EventsDropped;
        } catch (err) {
          throw new CodexecError("protocol", `supervisor at ${transport.socket}: an event line is not JSON`, { cause: err });
        }
        yield ev;
      }
      // The daemon ended the stream (it is stopping): reconnect.
    } catch (err) {
      if (signal?.aborted) return;
      const transient =
        err instanceof DaemonUnavailableError ||
        err instanceof RetryableError ||
        (err instanceof CodexecError && err.code === "connection");
      if (!connected || !transient || failures >= attempts) throw err;
      failures++;
    }
    if (!connected || attempts === 0) return;
    try {
      await sleep(delay, signal);
    } catch {
      return;
    }
    delay = Math.min(maxDelay, delay * 2);
  }
}

const NON_EVENT_NAMES = new Set<string | symbol>(["error", "connect", "newListener", "removeListener"]);

/**
 * An EventEmitter over the daemon's events: `on(Events.CodeExecution.X,
 * fn)` gets each event of that type, `on("event", fn)` every event,
 * `on("EVENTS_DROPPED", fn)` the notes of lost events, `on("error", fn)`
 * the stream's errors (it reconnects after each, with backoff),
 * `on("connect", fn)` each connection ({ reconnected }). The stream
 * is open while a listener for an event is attached, and closed when the
 * last one is removed (`off`, `removeAllListeners`, or `close()`).
 */
export class CodexecEventEmitter extends EventEmitter {
  private readonly transport: Transport;
  private controller: AbortController | undefined;

  constructor(transport: Transport) {
    super();
    this.transport = transport;
    this.on("newListener", (name: string | symbol) => {
      if (!NON_EVENT_NAMES.has(name)) queueMicrotask(() => this.sync());
    });
    this.on("removeListener", () => queueMicrotask(() => this.sync()));
  }

  /** Stops the stream and removes every listener. */
  close(): void {
    this.removeAllListeners();
    this.controller?.abort();
    this.controller = undefined;
  }

  private listening(): boolean {
    return this.eventNames().some((n) => !NON_EVENT_NAMES.has(n));
  }

  private sync(): void {
    if (this.listening() && !this.controller) {
      const ac = new AbortController();
      this.controller = ac;
      void this.run(ac.signal);
    } else if (!this.listening() && this.controller) {
      this.controller.abort();
      this.controller = undefined;
    }
  }

  // A listener that throws is reported as any EventEmitter's would be:
  // to the "error" listeners, else as an uncaught exception. The stream
  // goes on.
  private deliver(ev: CodexecEvent | EventsDropped): void {
    try {
      this.emit(ev.type, ev);
      if (ev.type !== EVENTS_DROPPED) this.emit("event", ev);
    } catch (err) {
      if (this.listenerCount("error") > 0) this.emit("error", err);
      else
        setImmediate(() => {
          throw err;
        });
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    let delay = 100;
    while (!signal.aborted) {
      try {
        for await (const ev of eventStream(this.transport, [], {
          signal,
          reconnect: { attempts: Infinity },
          onConnect: (info) => this.emit("connect", info),
        })) {
          delay = 100;
          this.deliver(ev);
        }
      } catch (err) {
        if (signal.aborted) return;
        if (this.listenerCount("error") > 0) this.emit("error", err);
      }
      // The first connection failed (no daemon yet): try again, slower each time.
      try {
        await sleep(delay, signal);
      } catch {
        return;
      }
      delay = Math.min(5000, delay * 2);
    }
  }
}
