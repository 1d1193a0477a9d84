package schema

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"codexec/internal/termsafe"
	"codexec/result"
)

// SnippetChars is the length of Record.CodeSnippet: the first 500
// characters (Unicode code points) of the code.
const SnippetChars = 500

// MaxRecordBytes bounds the stored size of one record, leaving room under
// MongoDB's 16 MiB document limit for field names and BSON framing. With the
// default caps (1 MiB of output, 1 MiB of logs) no record comes near it;
// [Record.Normalize] trims only records built under larger configured caps,
// and says so in Record.Truncated.
const MaxRecordBytes = 15 << 20

// MaxIDChars bounds agentId, channelId and language in a record, in
// characters: the bound of a valid id (detect.MaxIDLength). A request
// refused as invalid may carry anything there; the record keeps a rendering
// of it instead (RenderID) and names the field in RenderedFields.
const MaxIDChars = 128

// The fields a record may keep as a rendering (Record.RenderedFields).
const (
	FieldAgentID   = "agentId"
	FieldChannelID = "channelId"
	FieldLanguage  = "language"
)

// Record is one execution in the audit trail, exactly the fields of
// DESIGN.md ("Audit record"), plus the caller's identity where the socket
// API knows it, and which ids are kept as renderings of refused values. Its
// JSON form is the one the outbox and the embedded store
// keep, and the one `--json` commands print.
type Record struct {
	ID        string `json:"_id"` // the execution id
	AgentID   string `json:"agentId"`
	ChannelID string `json:"channelId"`
	// HostID names the supervisor that ran the execution (its configured
	// host id, by default the host name). The supervisor stamps it when it
	// records the execution; no caller can set it. Records written before
	// host ids existed have none: "" when read.
	HostID          string            `json:"hostId"`
	Language        string            `json:"language"`
	CodeHash        string            `json:"codeHash"`    // SHA-256 of the code as submitted, hex
	CodeLength      int               `json:"codeLength"`  // characters (Unicode code points) of the code
	CodeSnippet     string            `json:"codeSnippet"` // the first SnippetChars characters of the code
	Success         bool              `json:"success"`
	Status          result.Status     `json:"status"`
	Output          json.RawMessage   `json:"output"` // the returned value, compact JSON, kept byte for byte
	Logs            []result.Log      `json:"logs"`
	Error           *result.ErrorInfo `json:"error"`
	ExecutionTime   float64           `json:"executionTime"` // ms
	MemoryUsage     float64           `json:"memoryUsage"`   // peak memory of the runner, MiB
	TimeoutOccurred bool              `json:"timeoutOccurred"`
	RiskScore       float64           `json:"riskScore"`
	Findings        []result.Finding  `json:"findings"`
	ExecutedAt      time.Time         `json:"executedAt"` // UTC, millisecond precision

	// The connecting process's credentials (SO_PEERCRED), set by the socket
	// API; absent for executions that did not come through it.
	PeerUID *int64 `json:"peerUid,omitempty"`
	PeerGID *int64 `json:"peerGid,omitempty"`
	PeerPID *int64 `json:"peerPid,omitempty"`

	// Truncated is empty unless Normalize had to trim the record to fit
	// MaxRecordBytes; it then says what was left out.
	Truncated string `json:"truncated,omitempty"`

	// RenderedFields names the fields (agentId, channelId, language) whose
	// value the request was refused for: the record keeps RenderID of what
	// the caller sent there, not the value itself. Absent when every field
	// is kept as sent.
	RenderedFields []string `json:"renderedFields,omitempty"`

	// ToolCalls lists the calls the code made to its declared tools, in the
	// order they were answered; absent when it made none. The arguments
	// themselves are never kept: their SHA-256 and size are.
	ToolCalls []ToolCall `json:"toolCalls,omitempty"`
}

// ToolCall is one tool call of an execution.
type ToolCall struct {
	Name        string  `json:"name"`        // the tool's name as declared (an undeclared one rendered)
	ArgsSHA256  string  `json:"argsSha256"`  // SHA-256 of the arguments' JSON as the code sent it, hex
	ArgsBytes   int64   `json:"argsBytes"`   // size of that JSON
	ResultBytes int64   `json:"resultBytes"` // size of the result's JSON; 0 when the call failed
	Status      string  `json:"status"`      // ok, or the error code the code got
	DurationMs  float64 `json:"durationMs"`  // from the call's arrival to its answer
}

// ToolCallOK is the status of a call that succeeded.
const ToolCallOK = "ok"

// ToolCounts is the number of calls, and of those that failed.
func ToolCounts(calls []ToolCall) (n, failed int64) {
	for _, c := range calls {
		n++
		if c.Status != ToolCallOK {
			failed++
		}
	}
	return n, failed
}

// Origin is what the request, not the result, knows about an execution.
type Origin struct {
	AgentID   string
	ChannelID string
	Code      string // the code as submitted (before any TypeScript stripping)
	// Refused names the fields among agentId, channelId and language
	// (FieldAgentID, ...) that failed validation: the record keeps a
	// rendering of them (RenderID), never the value as sent.
	Refused []string
}

// NewRecord builds the record of one execution from its result, for every
// execution, including blocked and invalid ones. It copies what it keeps,
// so res may be used and changed afterwards.
func NewRecord(res result.Result, o Origin, executedAt time.Time) Record {
	r := Record{
		ID:              res.ID,
		AgentID:         o.AgentID,
		ChannelID:       o.ChannelID,
		Language:        res.Language,
		CodeHash:        res.CodeHash,
		CodeLength:      utf8.RuneCountInString(o.Code),
		CodeSnippet:     Snippet(o.Code),
		Success:         res.Success,
		Status:          res.Status,
		Output:          append(json.RawMessage(nil), res.Output...),
		Logs:            append([]result.Log(nil), res.Logs...),
		ExecutionTime:   res.ExecutionTime,
		MemoryUsage:     res.ResourceUsage.Memory,
		TimeoutOccurred: res.ResourceUsage.Timeout,
		RiskScore:       res.Validation.RiskScore,
		Findings:        append([]result.Finding(nil), res.Validation.Findings...),
		ExecutedAt:      executedAt,
	}
	if r.CodeHash == "" {
		h := sha256.Sum256([]byte(o.Code))
		r.CodeHash = hex.EncodeToString(h[:])
	}
	if res.Error != nil {
		e := *res.Error
		r.Error = &e
	}
	for _, f := range o.Refused {
		if p := r.idField(f); p != nil {
			*p = RenderID(*p)
			r.markRendered(f)
		}
	}
	r.Normalize()
	return r
}

// RenderID is what a record keeps of an id (or language) that was refused:
// printable characters as they are, every other character escaped (\u001b,
// \u202e, \xff for a byte that is not UTF-8), backslashes doubled, and at
// most MaxIDChars characters, the last of them "…" when it was cut.
func RenderID(s string) string { return termsafe.Render(s, MaxIDChars) }

// Rendered reports whether the record keeps a rendering of field instead of
// the value the caller sent.
func (r *Record) Rendered(field string) bool { return slices.Contains(r.RenderedFields, field) }

func (r *Record) idField(f string) *string {
	switch f {
	case FieldAgentID:
		return &r.AgentID
	case FieldChannelID:
		return &r.ChannelID
	case FieldLanguage:
		return &r.Language
	}
	return nil
}

func (r *Record) markRendered(f string) {
	if !r.Rendered(f) {
		// Clipped: a copy of the record never writes into another's.
		r.RenderedFields = append(slices.Clip(r.RenderedFields), f)
	}
}

// SetPeer records the credentials of the process that asked for the
// execution.
func (r *Record) SetPeer(uid, gid uint32, pid int32) {
	u, g, p := int64(uid), int64(gid), int64(pid)
	r.PeerUID, r.PeerGID, r.PeerPID = &u, &g, &p
}

// Snippet is the first SnippetChars characters of code.
func Snippet(code string) string {
	n := 0
	for i := range code {
		if n == SnippetChars {
			return code[:i]
		}
		n++
	}
	return code
}

// Normalize puts r in the one form every store keeps and returns unchanged:
// executedAt in UTC with millisecond precision (BSON dates have no finer
// one), output as compact JSON (null when empty; text that is not JSON is
// kept as a JSON string), logs and findings never null, every string valid
// UTF-8, hostId printable and at most MaxHostIDChars characters, agentId,
// channelId and language printable and at most MaxIDChars
// characters (else rendered with RenderID and named in RenderedFields), and
// the whole under MaxRecordBytes. Normalize is idempotent.
func (r *Record) Normalize() {
	r.ExecutedAt = r.ExecutedAt.UTC().Truncate(time.Millisecond)
	for _, f := range []string{FieldAgentID, FieldChannelID, FieldLanguage} {
		// Whoever built the record, no id is kept with characters that
		// are not printable or over the bound: a rendering is (and
		// rendering one again changes nothing).
		if p := r.idField(f); !termsafe.Printable(*p) || utf8.RuneCountInString(*p) > MaxIDChars {
			*p = RenderID(*p)
			r.markRendered(f)
		}
	}
	if !termsafe.Printable(r.HostID) || utf8.RuneCountInString(r.HostID) > MaxHostIDChars {
		// Only a record a Recorder did not stamp can get here: keep
		// nothing raw (a rendering is printable and within the bound).
		r.HostID = termsafe.Render(r.HostID, MaxHostIDChars)
	}
	fixUTF8(&r.CodeSnippet)
	r.Output = normalizeJSON(r.Output)
	if r.Logs == nil {
		r.Logs = []result.Log{}
	}
	for i := range r.Logs {
		// Write only what changes: the slices may be shared with the caller.
		if l := &r.Logs[i]; !utf8.ValidString(l.Level) || !utf8.ValidString(l.Message) {
			fixUTF8(&l.Level)
			fixUTF8(&l.Message)
		}
	}
	if r.Findings == nil {
		r.Findings = []result.Finding{}
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if !utf8.ValidString(f.Rule) || !utf8.ValidString(f.Message) || !utf8.ValidString(string(f.Severity)) {
			fixUTF8(&f.Rule)
			fixUTF8(&f.Message)
			f.Severity = result.Severity(validUTF8(string(f.Severity)))
		}
	}
	if r.Error != nil {
		fixUTF8(&r.Error.Message)
	}
	if len(r.ToolCalls) == 0 {
		r.ToolCalls = nil
	}
	for i := range r.ToolCalls {
		if c := &r.ToolCalls[i]; !utf8.ValidString(c.Name) || !utf8.ValidString(c.Status) {
			fixUTF8(&c.Name)
			fixUTF8(&c.Status)
		}
	}
	r.fit()
}

// Validate reports whether r can be stored: it needs an id, a known status
// and a time.
func (r *Record) Validate() error {
	switch {
	case r.ID == "":
		return fmt.Errorf("%w: no _id", ErrInvalidRecord)
	case !r.Status.Valid():
		return fmt.Errorf("%w: %s: unknown status %q", ErrInvalidRecord, r.ID, r.Status)
	case r.ExecutedAt.IsZero():
		return fmt.Errorf("%w: %s: no executedAt", ErrInvalidRecord, r.ID)
	}
	return nil
}

// StoredSize estimates the bytes r takes in a store, framing included (an
// upper bound of its BSON size).
func (r *Record) StoredSize() int {
	n := 1024 + len(r.ID) + len(r.HostID) + len(r.AgentID) + len(r.ChannelID) + len(r.Language) +
		len(r.CodeHash) + len(r.CodeSnippet) + len(r.Output) + len(r.Truncated)
	for _, f := range r.RenderedFields {
		n += 16 + len(f)
	}
	for _, l := range r.Logs {
		n += logSize(l)
	}
	for _, f := range r.Findings {
		n += 96 + len(f.Rule) + len(f.Severity) + len(f.Message)
	}
	if r.Error != nil {
		n += 96 + len(r.Error.Message)
	}
	for _, c := range r.ToolCalls {
		n += 160 + len(c.Name) + len(c.ArgsSHA256) + len(c.Status)
	}
	return n
}

func logSize(l result.Log) int { return 48 + len(l.Level) + len(l.Message) }

// fit trims the record until it fits MaxRecordBytes: the output first when
// even without the logs it would not fit, then log lines from the end, then
// the output, the error message and the findings.
func (r *Record) fit() {
	over := r.StoredSize() - MaxRecordBytes
	if over <= 0 {
		return
	}
	var notes []string
	dropOutput := func() {
		if len(r.Output) > 4 {
			notes = append(notes, fmt.Sprintf("output: %d bytes of JSON left out", len(r.Output)))
			r.Output = json.RawMessage("null")
			over = r.StoredSize() - MaxRecordBytes
		}
	}
	logs := 0
	for _, l := range r.Logs {
		logs += logSize(l)
	}
	if over > logs {
		dropOutput()
	}
	if over > 0 && len(r.Logs) > 0 {
		keep, dropped := len(r.Logs), 0
		for keep > 0 && dropped < over+256 {
			keep--
			dropped += logSize(r.Logs[keep])
		}
		notes = append(notes, fmt.Sprintf("logs: kept %d of %d lines", keep, len(r.Logs)))
		r.Logs = r.Logs[:keep:keep]
		over = r.StoredSize() - MaxRecordBytes
	}
	if over > 0 {
		dropOutput()
	}
	if over > 0 && r.Error != nil && len(r.Error.Message) > 4096 {
		notes = append(notes, fmt.Sprintf("error: message cut from %d bytes", len(r.Error.Message)))
		r.Error.Message = strings.ToValidUTF8(r.Error.Message[:4096], "")
		over = r.StoredSize() - MaxRecordBytes
	}
	if over > 0 && len(r.Findings) > 0 {
		notes = append(notes, fmt.Sprintf("findings: %d left out", len(r.Findings)))
		r.Findings = []result.Finding{}
		over = r.StoredSize() - MaxRecordBytes
	}
	if over > 0 && len(r.ToolCalls) > 0 {
		notes = append(notes, fmt.Sprintf("toolCalls: %d left out", len(r.ToolCalls)))
		r.ToolCalls = nil
	}
	if r.Truncated != "" {
		notes = append([]string{r.Truncated}, notes...)
	}
	r.Truncated = strings.Join(notes, "; ")
}

// normalizeJSON returns raw compacted, "null" when empty, and a JSON string
// holding the text when raw is not JSON (so that nothing is lost and every
// store can keep it).
func normalizeJSON(raw json.RawMessage) json.RawMessage {
	if len(bytes.TrimSpace(raw)) == 0 {
		return json.RawMessage("null")
	}
	if !utf8.Valid(raw) {
		// Bytes that are not UTF-8 can only sit inside JSON strings.
		raw = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	if json.Valid(raw) {
		var buf bytes.Buffer
		buf.Grow(len(raw))
		if json.Compact(&buf, raw) == nil {
			return buf.Bytes()
		}
	}
	s, _ := json.Marshal(string(raw))
	return s
}

func fixUTF8(s *string) {
	if !utf8.ValidString(*s) {
		*s = strings.ToValidUTF8(*s, "\uFFFD")
	}
}

func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
