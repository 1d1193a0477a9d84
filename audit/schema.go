package audit

import "codexec/audit/schema"

// The vocabulary of package schema, under the names callers use.
type (
	// Record is one execution in the audit trail; see schema.Record.
	Record = schema.Record
	// Origin is what the request knows about an execution; see schema.Origin.
	Origin = schema.Origin
	// Store keeps records and answers queries; see schema.Store.
	Store = schema.Store
	// Filter selects records for history queries; see schema.Filter.
	Filter = schema.Filter
	// AgentStats summarises an agent's executions; see schema.AgentStats.
	AgentStats = schema.AgentStats
	// ToolCall is one tool call of an execution; see schema.ToolCall.
	ToolCall = schema.ToolCall
)

// NewRecord builds the record of one execution; see schema.NewRecord.
var NewRecord = schema.NewRecord

// CheckHostID checks a host id; see schema.CheckHostID.
var CheckHostID = schema.CheckHostID

// HostIDRules says what a host id may be; see schema.HostIDRules.
const HostIDRules = schema.HostIDRules

// ErrInvalidHostID: a host id breaks the rules of CheckHostID.
var ErrInvalidHostID = schema.ErrInvalidHostID

// NoHost is how human-readable output shows a record without a host id.
const NoHost = schema.NoHost

// RenderID is what a record keeps of a refused id; see schema.RenderID.
var RenderID = schema.RenderID

// The fields a record may keep as a rendering; see schema.RenderedFields.
const (
	FieldAgentID   = schema.FieldAgentID
	FieldChannelID = schema.FieldChannelID
	FieldLanguage  = schema.FieldLanguage
	MaxIDChars     = schema.MaxIDChars
	MaxHostIDChars = schema.MaxHostIDChars
)

// Query limits; see package schema.
const (
	DefaultLimit         = schema.DefaultLimit
	DefaultFailuresLimit = schema.DefaultFailuresLimit
	MaxLimit             = schema.MaxLimit
)
