// Package wire holds the JSON shapes of the socket API (DESIGN.md, "Socket
// API") that the server and its Go client share. It imports only the
// standard library and codexec's shared vocabulary, so that a client binary
// links none of the supervisor.
package wire

import (
	"encoding/json"
	"time"

	"codexec/audit/schema"
	"codexec/result"
)

// ExecuteRequest is the body of POST /v1/executions.
type ExecuteRequest struct {
	Code        string          `json:"code"`
	Language    string          `json:"language,omitempty"`    // javascript (default) or typescript
	Context     json.RawMessage `json:"context,omitempty"`     // a JSON object; {} when absent
	Timeout     int64           `json:"timeout,omitempty"`     // ms; the configured default when 0
	MemoryLimit int             `json:"memoryLimit,omitempty"` // MiB; the configured default when 0
	AgentID     string          `json:"agentId,omitempty"`
	ChannelID   string          `json:"channelId,omitempty"`
	// TSExperimentalDecorators: TypeScript's experimental decorators
	// instead of the TC39 standard ones; TypeScript only.
	TSExperimentalDecorators bool `json:"tsExperimentalDecorators,omitempty"`
	// Tools are the tools the code may call (tools.<name>(args)), answered
	// by the caller: a request that declares tools must be streamed.
	Tools []Tool `json:"tools,omitempty"`
	// Stream answers with newline-delimited JSON events (StreamEvent) as
	// the execution goes, the result last, instead of the result alone.
	Stream bool `json:"stream,omitempty"`
}

// Tool declares a tool the code may call (the shape of broker.Tool): a
// name (identifiers joined by dots), a description, and JSON Schemas for
// its argument and, optionally, its result.
type Tool struct {
	Name         string          `json:"name"`
	Description  string          `json:"description,omitempty"`
	InputSchema  json.RawMessage `json:"inputSchema"`
	OutputSchema json.RawMessage `json:"outputSchema,omitempty"`
}

// ToolsAnswer is the body of GET /v1/tools (and `supervisor tools
// --json`): the tools of the configured MCP servers an agent's code may
// call as tools.<server>.<tool>(args), the tool policy applied, as
// TypeScript declarations and as declarations.
type ToolsAnswer struct {
	AgentID      string `json:"agentId"`
	Declarations string `json:"declarations"`
	Tools        []Tool `json:"tools"`
}

// The types of StreamEvent.
const (
	StreamStarted  = "started"   // the execution has its id
	StreamLog      = "log"       // a console line
	StreamToolCall = "tool_call" // the code called a tool: answer with POST /v1/executions/{id}/tool-results
	StreamResult   = "result"    // the result JSON; the last line
)

// StreamEvent is one line of a streamed execution.
type StreamEvent struct {
	Type        string          `json:"type"`
	ExecutionID string          `json:"executionId"`
	Level       string          `json:"level,omitempty"`     // log
	Message     string          `json:"message,omitempty"`   // log
	CallID      string          `json:"callId,omitempty"`    // tool_call
	Name        string          `json:"name,omitempty"`      // tool_call
	Arguments   json.RawMessage `json:"arguments,omitempty"` // tool_call
	Result      *result.Result  `json:"result,omitempty"`    // result
}

// ToolResult answers one tool_call (POST /v1/executions/{id}/tool-results):
// the tool's result as JSON, or an error the code sees as a ToolError.
type ToolResult struct {
	CallID string          `json:"callId"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  *ToolResultErr  `json:"error,omitempty"`
}

// ToolResultErr is a failed tool call, as the caller reports it.
type ToolResultErr struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error is every error response: a stable code and a message for people.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error codes, each with its HTTP status.
const (
	CodeBadRequest       = "bad_request"        // 400: malformed JSON, unknown field, bad query parameter
	CodeBrowserRefused   = "browser_refused"    // 403: the request carries Origin or Referer
	CodeForbidden        = "forbidden"          // 403: the caller's uid may not do this
	CodeNotFound         = "not_found"          // 404
	CodeMethodNotAllowed = "method_not_allowed" // 405
	CodeRequestTimeout   = "request_timeout"    // 408: the request body did not arrive within its deadline; the connection is closed
	CodeTooLarge         = "payload_too_large"  // 413
	CodeOverloaded       = "overloaded"         // 429, with Retry-After
	CodeUnavailable      = "unavailable"        // 503, with Retry-After: shutting down, or a store unreachable
	// CodeTooManyConnections: 503, with Retry-After: the daemon serves as
	// many connections as its cap allows; the connection is closed. A few
	// beyond the cap may still ask GET /healthz.
	CodeTooManyConnections = "too_many_connections"
	CodeInternal           = "internal" // 500
)

// History is the answer to GET /v1/executions.
type History struct {
	Executions []schema.Record `json:"executions"`
}

// Health is the answer to GET /healthz.
type Health struct {
	Status    string `json:"status"` // ok, or stopping
	Isolation string `json:"isolation"`
	// IsolationMode is how runners are contained: root, rootless (a user
	// namespace per runner, a delegated cgroup v2 subtree) or weak.
	IsolationMode string `json:"isolationMode,omitempty"`
	// HostID is the host id this supervisor stamps on its audit records.
	HostID  string    `json:"hostId,omitempty"`
	Missing []string  `json:"missing,omitempty"`
	Store   string    `json:"store"`
	Outbox  Outbox    `json:"outbox"`
	Running int       `json:"running"`
	Queued  int       `json:"queued"`
	Pool    *Pool     `json:"pool,omitempty"`
	Started time.Time `json:"started"`
	// Version and Revision are the build's (supervisor version).
	Version  string `json:"version"`
	Revision string `json:"revision,omitempty"`
}

// Pool is the warm pool's state.
type Pool struct {
	Idle   int    `json:"idle"`   // runners parked, ready
	Target int    `json:"target"` // runners it keeps ready
	Hits   uint64 `json:"hits"`   // executions that got a ready runner
	Misses uint64 `json:"misses"` // executions that started their own
	Deaths uint64 `json:"deaths"` // parked runners found dead and replaced
	// Replaced counts runners found dead only as their job was sent, the
	// job then run once on a fresh runner (it provably never started).
	Replaced uint64 `json:"replaced"`
}

// Outbox is the audit outbox's depth.
type Outbox struct {
	Records          int64   `json:"records"`
	OldestAgeSeconds float64 `json:"oldestAgeSeconds"`
	LastError        string  `json:"lastError,omitempty"`
}

// EventsDropped is written on the event stream, before the next event,
// when the reader was too slow and events were lost.
type EventsDropped struct {
	Type      string    `json:"type"` // EVENTS_DROPPED
	Dropped   uint64    `json:"dropped"`
	Timestamp time.Time `json:"timestamp"`
}

// EventsDroppedType is the type of an EventsDropped line.
const EventsDroppedType = "EVENTS_DROPPED"
