// @codexec/client: the codexec supervisor's socket API from TypeScript and
// JavaScript, with the names of the TypeScript service codexec replaces:
// CodeExecutionSandboxService, CodeExecution, EventBus, Events. No runtime
// dependencies: node:http over the Unix socket.

export { CodeExecutionSandboxService, CodeExecution, EventBus } from "./service.js";
export type { ExecuteOptions, ServiceOptions, ToolCallInfo, ToolDefinition, ToolHandler, Tools } from "./service.js";
export { Events, EVENT_TYPES, EVENTS_DROPPED, CodexecEventEmitter } from "./events.js";
export type { CodexecEvent, EventsDropped, EventStreamOptions, EventType } from "./events.js";
export {
  CodexecError,
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  RequestTimeoutError,
  PayloadTooLargeError,
  RetryableError,
  OverloadedError,
  UnavailableError,
  TooManyConnectionsError,
  InternalError,
  DaemonUnavailableError,
  ExecutionCancelledError,
  ToolError,
} from "./errors.js";
export type { ApiErrorCode } from "./errors.js";
export { defaultSocket, resolveSocket, SOCKET_ENV } from "./transport.js";
export type { RetryOptions } from "./transport.js";
export { STATUSES } from "./types.js";
export type * from "./types.js";
