package schema

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"codexec/result"
)

// Query limits.
const (
	DefaultLimit         = 20   // history and by-hash queries that do not say
	DefaultFailuresLimit = 10   // recent failures that do not say (DESIGN.md)
	MaxLimit             = 1000 // no query returns more
)

// Store keeps audit records and answers the analytics of DESIGN.md. Every
// query returns records newest first (executedAt, then _id, descending).
//
// Implementations are safe for concurrent use.
type Store interface {
	// Append stores records. It is idempotent by _id: a record whose id is
	// already stored is skipped (the first write wins), so shipping the
	// same record twice is harmless. When the record stored under an id is
	// another execution (SameExecution is false), Append stores the rest
	// and returns an error wrapping ErrIDCollision that names the ids: the
	// caller must not ship the batch again for it.
	Append(ctx context.Context, recs ...Record) error
	// Get returns the record with this id, or an error wrapping ErrNotFound.
	Get(ctx context.Context, id string) (Record, error)
	// History returns the newest records that match f.
	History(ctx context.Context, f Filter) ([]Record, error)
	// ByCodeHash returns the newest executions of the code with this
	// SHA-256 (hex); limit 0 means DefaultLimit.
	ByCodeHash(ctx context.Context, codeHash string, limit int) ([]Record, error)
	// RecentFailures returns the agent's newest executions that did not
	// succeed, on the host hostID ("": on every host); limit 0 means
	// DefaultFailuresLimit.
	RecentFailures(ctx context.Context, agentID, hostID string, limit int) ([]Record, error)
	// AgentStats summarises all the agent's stored executions on the host
	// hostID ("": on every host, the whole fleet), with their count per
	// host.
	AgentStats(ctx context.Context, agentID, hostID string) (AgentStats, error)
	// Purge deletes the records executed before the cutoff and returns how
	// many it deleted.
	Purge(ctx context.Context, before time.Time) (int64, error)
	// Close releases the store.
	Close() error
}

// Filter selects records for Store.History. Zero fields match everything.
type Filter struct {
	HostID       string // recorded by this host's supervisor
	AgentID      string
	ChannelID    string
	Status       result.Status
	CodeHash     string
	FailuresOnly bool      // success == false
	Since        time.Time // executedAt >= Since
	Until        time.Time // executedAt < Until
	Limit        int       // 0 means DefaultLimit; at most MaxLimit
}

// Normalized checks f and fills its defaults: the limit, and times in UTC
// rounded like executedAt.
func (f Filter) Normalized() (Filter, error) {
	if f.Status != "" && !f.Status.Valid() {
		return f, fmt.Errorf("%w: unknown status %q", ErrInvalidQuery, f.Status)
	}
	if err := CheckHostQuery(f.HostID); err != nil {
		return f, err
	}
	lim, err := NormalizeLimit(f.Limit, DefaultLimit)
	if err != nil {
		return f, err
	}
	f.Limit = lim
	if !f.Since.IsZero() {
		f.Since = ceilMillis(f.Since)
	}
	if !f.Until.IsZero() {
		f.Until = ceilMillis(f.Until)
	}
	return f, nil
}

// Match reports whether r passes f (for stores that filter in Go).
func (f Filter) Match(r *Record) bool {
	return (f.HostID == "" || r.HostID == f.HostID) &&
		(f.AgentID == "" || r.AgentID == f.AgentID) &&
		(f.ChannelID == "" || r.ChannelID == f.ChannelID) &&
		(f.Status == "" || r.Status == f.Status) &&
		(f.CodeHash == "" || r.CodeHash == f.CodeHash) &&
		(!f.FailuresOnly || !r.Success) &&
		(f.Since.IsZero() || !r.ExecutedAt.Before(f.Since)) &&
		(f.Until.IsZero() || r.ExecutedAt.Before(f.Until))
}

// CheckHostQuery checks the host a query names: "" (every host) or a valid
// host id (an error wrapping ErrInvalidQuery and ErrInvalidHostID otherwise:
// no record can carry it).
func CheckHostQuery(hostID string) error {
	if hostID == "" {
		return nil
	}
	if err := CheckHostID(hostID); err != nil {
		return fmt.Errorf("%w: host: %w", ErrInvalidQuery, err)
	}
	return nil
}

// CheckStatsQuery checks the arguments of Store.AgentStats.
func CheckStatsQuery(agentID, hostID string) error {
	if agentID == "" {
		return fmt.Errorf("%w: empty agent id", ErrInvalidQuery)
	}
	return CheckHostQuery(hostID)
}

// NormalizeLimit returns def for 0, MaxLimit for anything larger, and an
// error for a negative limit.
func NormalizeLimit(limit, def int) (int, error) {
	switch {
	case limit < 0:
		return 0, fmt.Errorf("%w: negative limit %d", ErrInvalidQuery, limit)
	case limit == 0:
		return def, nil
	case limit > MaxLimit:
		return MaxLimit, nil
	}
	return limit, nil
}

// ceilMillis rounds t up to the next millisecond, so that comparing it with
// millisecond executedAt values gives the same answer as comparing it with
// the exact times.
func ceilMillis(t time.Time) time.Time {
	t = t.UTC()
	if tr := t.Truncate(time.Millisecond); !tr.Equal(t) {
		return tr.Add(time.Millisecond)
	}
	return t
}

// AgentStats summarises one agent's executions (DESIGN.md, "Analytics"),
// on one host or on all of them.
type AgentStats struct {
	AgentID string `json:"agentId"`
	// HostID is the host the statistics are restricted to; absent: every
	// host (the whole fleet).
	HostID          string `json:"hostId,omitempty"`
	TotalExecutions int64  `json:"totalExecutions"`
	Successes       int64  `json:"successes"`
	// SuccessRate is Successes over the executions that were not
	// cancelled (a cancelled execution says nothing of its code), in
	// [0, 1]; 0 without any.
	SuccessRate float64                 `json:"successRate"`
	AvgTime     float64                 `json:"avgTime"`   // mean executionTime of all executions, ms; 0 without executions
	Timeouts    int64                   `json:"timeouts"`  // executions with timeoutOccurred
	Cancelled   int64                   `json:"cancelled"` // executions their caller cancelled (status cancelled)
	Languages   map[string]int64        `json:"languages"` // executions per language: javascript and typescript only (one refused for another counts under none)
	Statuses    map[result.Status]int64 `json:"statuses"`  // executions per status
	// ToolCalls counts the calls of declared tools in all the executions,
	// ToolFailures those of them that did not succeed (any error code).
	ToolCalls    int64 `json:"toolCalls"`
	ToolFailures int64 `json:"toolFailures"`
	// Hosts counts the executions per host id; records written before
	// host ids existed count under "".
	Hosts     map[string]int64 `json:"hosts"`
	TotalTime float64          `json:"-"` // sum of executionTime, ms
}

// LanguageCounts renders Languages as "javascript 3, typescript 1", the
// largest first; "" without executions.
func (s AgentStats) LanguageCounts() string { return formatCounts(s.Languages) }

// StatusCounts renders Statuses the same way.
func (s AgentStats) StatusCounts() string { return formatCounts(s.Statuses) }

// HostCounts renders Hosts the same way, the hosts of records without one
// as "(none)".
func (s AgentStats) HostCounts() string {
	m := make(map[string]int64, len(s.Hosts))
	for h, n := range s.Hosts {
		if h == "" {
			h = NoHost
		}
		m[h] += n
	}
	return formatCounts(m)
}

// NoHost is how human-readable output shows the host of a record written
// before host ids existed (its hostId is "").
const NoHost = "(none)"

func formatCounts[K ~string](m map[K]int64) string {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// StatsBuilder folds records, or groups of them, into AgentStats the same
// way in every store.
type StatsBuilder struct{ s AgentStats }

// NewStatsBuilder starts the stats of one agent, on host hostID ("": every
// host).
func NewStatsBuilder(agentID, hostID string) *StatsBuilder {
	return &StatsBuilder{AgentStats{
		AgentID:   agentID,
		HostID:    hostID,
		Languages: map[string]int64{},
		Statuses:  map[result.Status]int64{},
		Hosts:     map[string]int64{},
	}}
}

// AddGroup counts n executions sharing these attributes. Their times are
// added separately, with AddTime.
func (b *StatsBuilder) AddGroup(host, language string, status result.Status, success, timeout bool, n int64) {
	if n == 0 {
		return
	}
	b.s.Hosts[host] += n
	b.s.TotalExecutions += n
	if success {
		b.s.Successes += n
	}
	if timeout {
		b.s.Timeouts += n
	}
	if status == result.Cancelled {
		b.s.Cancelled += n
	}
	if StatsLanguage(language) {
		b.s.Languages[language] += n
	}
	b.s.Statuses[status] += n
}

// StatsLanguage reports whether stats count executions under this language:
// only the languages code may be in (detect.JavaScript, detect.TypeScript).
// A request refused for "python" or "ts" is an execution, not a language.
func StatsLanguage(l string) bool { return l == "javascript" || l == "typescript" }

// AddToolCalls counts n tool calls, failed of which failed.
func (b *StatsBuilder) AddToolCalls(n, failed int64) {
	b.s.ToolCalls += n
	b.s.ToolFailures += failed
}

// AddTime adds executionTime milliseconds to the total.
func (b *StatsBuilder) AddTime(ms float64) { b.s.TotalTime += ms }

// Add counts one record.
func (b *StatsBuilder) Add(r *Record) {
	b.AddGroup(r.HostID, r.Language, r.Status, r.Success, r.TimeoutOccurred, 1)
	b.AddTime(r.ExecutionTime)
	b.AddToolCalls(ToolCounts(r.ToolCalls))
}

// Stats returns the totals with the rates derived from them.
func (b *StatsBuilder) Stats() AgentStats {
	s := b.s
	if s.TotalExecutions > 0 {
		s.AvgTime = s.TotalTime / float64(s.TotalExecutions)
	}
	if finished := s.TotalExecutions - s.Cancelled; finished > 0 {
		s.SuccessRate = float64(s.Successes) / float64(finished)
	}
	return s
}

// Historian answers history queries; ByCodeHash and RecentFailures are
// built on it the same way for every store.
type Historian interface {
	History(ctx context.Context, f Filter) ([]Record, error)
}

// ByCodeHash is Store.ByCodeHash on a store's History.
func ByCodeHash(ctx context.Context, h Historian, codeHash string, limit int) ([]Record, error) {
	if codeHash == "" {
		return nil, fmt.Errorf("%w: empty code hash", ErrInvalidQuery)
	}
	return h.History(ctx, Filter{CodeHash: codeHash, Limit: limit})
}

// RecentFailures is Store.RecentFailures on a store's History.
func RecentFailures(ctx context.Context, h Historian, agentID, hostID string, limit int) ([]Record, error) {
	if agentID == "" {
		return nil, fmt.Errorf("%w: empty agent id", ErrInvalidQuery)
	}
	lim, err := NormalizeLimit(limit, DefaultFailuresLimit)
	if err != nil {
		return nil, err
	}
	return h.History(ctx, Filter{AgentID: agentID, HostID: hostID, FailuresOnly: true, Limit: lim})
}

// SameExecution reports whether a and b record the same execution (one
// record shipped twice), rather than two executions that drew the same id:
// same id, host, agent, channel, code, status and time.
func SameExecution(a, b *Record) bool {
	return a.ID == b.ID && a.HostID == b.HostID && a.AgentID == b.AgentID && a.ChannelID == b.ChannelID &&
		a.CodeHash == b.CodeHash && a.Status == b.Status && a.ExecutedAt.Equal(b.ExecutedAt)
}

// IDCollisionError is the error Append returns for records whose id was
// already stored for another execution: Refused[i] was not stored because
// of Stored[i]. It wraps ErrIDCollision.
type IDCollisionError struct {
	Stored, Refused []Record
}

func (e *IDCollisionError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v: %d records not stored:", ErrIDCollision, len(e.Refused))
	for i := range e.Refused {
		if i > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, " %s is stored for host %q agent %q at %s, not host %q agent %q at %s", e.Refused[i].ID,
			e.Stored[i].HostID, e.Stored[i].AgentID, e.Stored[i].ExecutedAt.Format(time.RFC3339Nano),
			e.Refused[i].HostID, e.Refused[i].AgentID, e.Refused[i].ExecutedAt.Format(time.RFC3339Nano))
	}
	return b.String()
}

func (e *IDCollisionError) Unwrap() error { return ErrIDCollision }

// CollisionError is nil without refused records, else an
// *IDCollisionError.
func CollisionError(stored, refused []Record) error {
	if len(refused) == 0 {
		return nil
	}
	return &IDCollisionError{Stored: stored, Refused: refused}
}
