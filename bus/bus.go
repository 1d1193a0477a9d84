// Package bus is codexec's in-process event bus: the supervisor publishes
// the typed events of DESIGN.md ("Events") and any number of subscribers,
// in process or over the socket API's /v1/events stream, receive them.
//
// # Usage
//
//	b := bus.New()
//	sub := b.Subscribe(64, bus.ExecutionCompleted, bus.ExecutionFailed)
//	defer sub.Close()
//	for ev := range sub.C() { ... }
//
// # Concurrency properties
//
// Publish never blocks and may be called from any goroutine. Each
// subscriber gets the events in the order they were published (events of
// one execution are published by one goroutine, in the order they happen:
// STARTED before COMPLETED or FAILED).
//
// # Expected subscriber behavior
//
// A subscriber has a buffer; when it is full, new events for that
// subscriber are dropped and counted, never waited for: causing publishers
// to block is considered a bug in the slow subscriber. [Subscription.Dropped]
// tells how many were lost since the last call, so a stream can say so.
package bus

import (
	"sync"
	"sync/atomic"
	"time"

	"codexec/result"
)

// Type names an event.
type Type string

// The eight event types of DESIGN.md, and the configuration change.
const (
	ExecutionStarted      Type = "CODE_EXECUTION_STARTED"
	ExecutionCompleted    Type = "CODE_EXECUTION_COMPLETED"
	ExecutionFailed       Type = "CODE_EXECUTION_FAILED"
	ValidationStarted     Type = "CODE_VALIDATION_STARTED"
	ValidationCompleted   Type = "CODE_VALIDATION_COMPLETED"
	SecurityIssue         Type = "CODE_SECURITY_ISSUE"
	ResourceLimitExceeded Type = "CODE_RESOURCE_LIMIT_EXCEEDED"
	ExecutionTimeout      Type = "CODE_EXECUTION_TIMEOUT"
	// ConfigUpdated is published when the runtime configuration changes
	// (PATCH /v1/config). It is not about one execution: its ids are empty.
	ConfigUpdated Type = "CONFIG_UPDATED"
)

// Tool-call events, additions to the eight: every call of a declared tool
// by the code has one TOOL_CALL_STARTED when it arrives (before any check)
// and then exactly one TOOL_CALL_COMPLETED (it succeeded) or
// TOOL_CALL_FAILED (code says why: a check refused it, the tool failed, or
// the execution's time ran out).
const (
	ToolCallStarted   Type = "TOOL_CALL_STARTED"
	ToolCallCompleted Type = "TOOL_CALL_COMPLETED"
	ToolCallFailed    Type = "TOOL_CALL_FAILED"
)

// Types lists every event type.
var Types = []Type{ExecutionStarted, ExecutionCompleted, ExecutionFailed, ValidationStarted, ValidationCompleted,
	SecurityIssue, ResourceLimitExceeded, ExecutionTimeout, ConfigUpdated,
	ToolCallStarted, ToolCallCompleted, ToolCallFailed}

// Valid reports whether t is a known event type.
func (t Type) Valid() bool {
	for _, k := range Types {
		if t == k {
			return true
		}
	}
	return false
}

// Event is one event. The common fields are always set (the ids may be
// empty for ConfigUpdated); the others belong to some types only, as
// documented on each.
type Event struct {
	Type        Type      `json:"type"`
	ExecutionID string    `json:"executionId"`
	AgentID     string    `json:"agentId"`
	ChannelID   string    `json:"channelId"`
	Timestamp   time.Time `json:"timestamp"`

	// STARTED, VALIDATION_STARTED
	Language   string `json:"language,omitempty"`
	CodeHash   string `json:"codeHash,omitempty"`
	CodeLength int    `json:"codeLength,omitempty"`
	// STARTED
	TimeoutMs      int64 `json:"timeout,omitempty"`
	MemoryLimitMiB int   `json:"memoryLimit,omitempty"`
	// COMPLETED, FAILED
	Status        result.Status     `json:"status,omitempty"`
	ExecutionTime *float64          `json:"executionTime,omitempty"` // ms
	MemoryMiB     *float64          `json:"memory,omitempty"`        // peak, MiB
	Error         *result.ErrorInfo `json:"error,omitempty"`
	// VALIDATION_COMPLETED
	Allowed   *bool            `json:"allowed,omitempty"`
	RiskScore *float64         `json:"riskScore,omitempty"`
	Findings  []result.Finding `json:"findings,omitempty"`
	// SECURITY_ISSUE
	Finding *result.Finding `json:"finding,omitempty"`
	// RESOURCE_LIMIT_EXCEEDED: which limit (memory, output, logs), its
	// value and what was used (bytes or lines), and the message.
	Resource string `json:"resource,omitempty"`
	Limit    int64  `json:"limit,omitempty"`
	Used     int64  `json:"used,omitempty"`
	Message  string `json:"message,omitempty"`
	// EXECUTION_TIMEOUT: HardKill is true when the runner had to be killed
	// (it did not stop at the deadline by itself).
	HardKill *bool `json:"hardKill,omitempty"`
	// CONFIG_UPDATED: the keys that changed, with their new values.
	Changes map[string]any `json:"changes,omitempty"`
	// TOOL_CALL_*: the call's id (the runner's, unique in the execution)
	// and the tool's name (an undeclared name as the record renders it).
	CallID *int64 `json:"callId,omitempty"`
	Tool   string `json:"tool,omitempty"`
	// TOOL_CALL_COMPLETED, TOOL_CALL_FAILED: the call's duration (ms), the
	// arguments' size; COMPLETED: the result's size; FAILED: the error code
	// the code got.
	DurationMs  *float64 `json:"durationMs,omitempty"`
	ArgsBytes   int      `json:"argsBytes,omitempty"`
	ResultBytes int      `json:"resultBytes,omitempty"`
	Code        string   `json:"code,omitempty"`
}

// Bus fans events out to subscribers.
type Bus struct {
	mu   sync.RWMutex
	subs map[*Subscription]struct{}
	now  func() time.Time
}

// New returns an empty bus.
func New() *Bus { return &Bus{subs: map[*Subscription]struct{}{}, now: time.Now} }

// Publish stamps ev (when its timestamp is zero) and hands it to every
// subscriber that wants its type, without ever blocking.
func (b *Bus) Publish(ev Event) {
	if b == nil {
		return
	}
	if ev.Timestamp.IsZero() {
		ev.Timestamp = b.now().UTC()
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	for s := range b.subs {
		if !s.wants(ev.Type) {
			continue
		}
		select {
		case s.ch <- ev:
		default:
			s.dropped.Add(1)
		}
	}
}

// Subscribe returns a subscription to the given types (all when none),
// buffering up to buffer events.
func (b *Bus) Subscribe(buffer int, types ...Type) *Subscription {
	if buffer < 1 {
		buffer = 1
	}
	s := &Subscription{b: b, ch: make(chan Event, buffer)}
	if len(types) > 0 {
		s.types = map[Type]bool{}
		for _, t := range types {
			s.types[t] = true
		}
	}
	b.mu.Lock()
	b.subs[s] = struct{}{}
	b.mu.Unlock()
	return s
}

// Subscribers counts the current subscriptions.
func (b *Bus) Subscribers() int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return len(b.subs)
}

// Subscription is one subscriber's view of the bus.
type Subscription struct {
	b       *Bus
	ch      chan Event
	types   map[Type]bool
	dropped atomic.Uint64
	once    sync.Once
}

func (s *Subscription) wants(t Type) bool { return s.types == nil || s.types[t] }

// C delivers the events; it is closed by Close.
func (s *Subscription) C() <-chan Event { return s.ch }

// Dropped returns how many events were lost to a full buffer since the
// last call.
func (s *Subscription) Dropped() uint64 { return s.dropped.Swap(0) }

// Close ends the subscription.
func (s *Subscription) Close() {
	s.once.Do(func() {
		s.b.mu.Lock()
		delete(s.b.subs, s)
		s.b.mu.Unlock()
		close(s.ch)
	})
}
