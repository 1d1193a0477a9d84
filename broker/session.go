package broker

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"
	"unicode/utf8"

	"codexec/internal/termsafe"
	"codexec/ipc"
)

// Error codes a call may fail with, besides the codes a Handler's own
// *ToolError carries.
const (
	CodeUndeclared       = "undeclared"         // no tool of that name was declared
	CodeTooLarge         = "too_large"          // the arguments are over MaxArgBytes
	CodeInvalidArguments = "invalid_arguments"  // the arguments are not JSON, or not valid against the inputSchema
	CodeTooManyCalls     = "too_many_calls"     // MaxCalls calls were handled already
	CodeTooManyInFlight  = "too_many_in_flight" // MaxInFlight calls are being handled
	CodeResultTooLarge   = "result_too_large"   // the result is over MaxResultBytes
	CodeInvalidResult    = "invalid_result"     // the result does not match the outputSchema
	CodeToolFailed       = "tool_failed"        // the handler failed (or returned no JSON)
	CodeTimeout          = "timeout"            // the execution's time ran out during the call
	CodeCancelled        = "cancelled"          // the execution ended otherwise during the call
)

// StatusOK is a call's status when it succeeded.
const StatusOK = "ok"

// Known reports whether code is one of the broker's own codes (not one a
// handler chose): metrics label the others together.
func Known(code string) bool {
	switch code {
	case StatusOK, CodeUndeclared, CodeTooLarge, CodeInvalidArguments, CodeTooManyCalls, CodeTooManyInFlight,
		CodeResultTooLarge, CodeInvalidResult, CodeToolFailed, CodeTimeout, CodeCancelled:
		return true
	}
	return false
}

// Bounds on what a handler's error carries to the code.
const (
	maxCodeBytes    = 64
	maxMessageBytes = 16 << 10
)

// Handler answers the calls of declared tools. It is called only for calls
// that passed every check; ctx ends when the execution's time does (or the
// execution ends otherwise), and a handler should return then: the call is
// answered "timeout" or "cancelled" without waiting for it.
type Handler interface {
	Call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error)
}

// HandlerFunc is a function as a Handler.
type HandlerFunc func(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error)

// Call implements Handler.
func (f HandlerFunc) Call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error) {
	return f(ctx, name, args)
}

// ToolError is an error a Handler returns to have the code see exactly
// this code and message (err.code, err.message in the ToolError thrown
// there). A code is a short identifier (letters, digits, _, -, .); one
// that is not becomes "tool_failed".
type ToolError struct {
	Code    string
	Message string
}

func (e *ToolError) Error() string { return e.Code + ": " + e.Message }

// Limits are the caps of one execution's calls (config: maxToolCalls,
// maxToolArgBytes, maxToolResultBytes).
type Limits struct {
	MaxCalls       int // calls handed to the handler, per execution
	MaxArgBytes    int // a call's arguments, bytes of JSON
	MaxResultBytes int // a result, bytes of JSON (at most ipc.MaxToolResultBytes)
	MaxInFlight    int // calls being handled at once; DefaultMaxInFlight when 0
}

// CallRecord is what the audit trail keeps of one call.
type CallRecord struct {
	Name        string  `json:"name"`       // as declared; an undeclared name as termsafe.Render shows it, cut to MaxNameBytes
	ArgsSHA256  string  `json:"argsSha256"` // of the arguments' bytes as the code sent them, hex
	ArgsBytes   int     `json:"argsBytes"`
	ResultBytes int     `json:"resultBytes"` // 0 unless the call succeeded
	Status      string  `json:"status"`      // StatusOK or the error code
	DurationMs  float64 `json:"durationMs"`  // from the call's arrival to its answer
}

// Options configure a Session.
type Options struct {
	Limits Limits
	// Started, if not nil, is told of each call as it arrives (before any
	// check), with its id and recorded name; Ended of its answer. Both are
	// called from the call's goroutine and must not block.
	Started func(id int64, name string)
	Ended   func(id int64, rec CallRecord)
}

// Session answers the calls of one execution.
type Session struct {
	tools map[string]*compiled
	names []string
	h     Handler
	opts  Options

	mu       sync.Mutex
	handled  int // calls handed to the handler
	inFlight int
	records  []CallRecord
}

// NewSession checks the declarations (CheckTools) and returns the session
// that answers an execution's calls with h.
func NewSession(tools []Tool, h Handler, opts Options) (*Session, error) {
	if h == nil {
		return nil, errors.New("broker: no handler")
	}
	set, err := compile(tools)
	if err != nil {
		return nil, err
	}
	if opts.Limits.MaxInFlight <= 0 {
		opts.Limits.MaxInFlight = DefaultMaxInFlight
	}
	if opts.Limits.MaxResultBytes <= 0 || opts.Limits.MaxResultBytes > ipc.MaxToolResultBytes {
		opts.Limits.MaxResultBytes = ipc.MaxToolResultBytes
	}
	s := &Session{tools: set, h: h, opts: opts}
	for n := range set {
		s.names = append(s.names, n)
	}
	sort.Strings(s.names)
	return s, nil
}

// Names are the declared tools' names, sorted: the job's Tools.
func (s *Session) Names() []string { return append([]string(nil), s.names...) }

// Limits are the session's caps.
func (s *Session) Limits() Limits { return s.opts.Limits }

// Records returns the calls answered so far, in the order they were
// answered.
func (s *Session) Records() []CallRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]CallRecord(nil), s.records...)
}

type callIDKey struct{}

// CallID is the id of the call a Handler is answering (the runner's id,
// unique within the execution).
func CallID(ctx context.Context) (int64, bool) {
	id, ok := ctx.Value(callIDKey{}).(int64)
	return id, ok
}

// Call checks and answers one call. It returns soon after ctx ends even if
// the handler does not.
func (s *Session) Call(ctx context.Context, c ipc.Call) ipc.Reply {
	start := time.Now()
	sum := sha256.Sum256(c.Args)
	rec := CallRecord{Name: c.Name, ArgsSHA256: hex.EncodeToString(sum[:]), ArgsBytes: len(c.Args)}
	t := s.tools[c.Name]
	if t == nil {
		rec.Name = termsafe.Render(c.Name, MaxNameBytes)
	}
	if s.opts.Started != nil {
		s.opts.Started(c.ID, rec.Name)
	}
	result, terr := s.answer(ctx, t, c)
	rec.DurationMs = float64(time.Since(start).Microseconds()) / 1000
	reply := ipc.Reply{ID: c.ID}
	if terr != nil {
		rec.Status = terr.Code
		reply.Error = terr
	} else {
		rec.Status = StatusOK
		rec.ResultBytes = len(result)
		reply.Result = result
	}
	s.mu.Lock()
	s.records = append(s.records, rec)
	s.mu.Unlock()
	if s.opts.Ended != nil {
		s.opts.Ended(c.ID, rec)
	}
	return reply
}

func fail(code, format string, args ...any) *ipc.ToolError {
	return &ipc.ToolError{Code: code, Message: fmt.Sprintf(format, args...)}
}

func (s *Session) answer(ctx context.Context, t *compiled, c ipc.Call) (json.RawMessage, *ipc.ToolError) {
	lim := s.opts.Limits
	if t == nil {
		return nil, fail(CodeUndeclared, "no tool %s was declared", termsafe.Render(c.Name, MaxNameBytes))
	}
	if len(c.Args) > lim.MaxArgBytes {
		return nil, fail(CodeTooLarge, "the arguments of %s are %d bytes of JSON, over the %d-byte cap (maxToolArgBytes)", t.Name, len(c.Args), lim.MaxArgBytes)
	}
	if !json.Valid(c.Args) {
		return nil, fail(CodeInvalidArguments, "the arguments of %s are not JSON", t.Name)
	}
	if err := validate(t.in, c.Args); err != nil {
		return nil, fail(CodeInvalidArguments, "the arguments of %s do not match its inputSchema: %v", t.Name, err)
	}
	s.mu.Lock()
	switch {
	case s.handled >= lim.MaxCalls:
		s.mu.Unlock()
		return nil, fail(CodeTooManyCalls, "the execution made more than %d tool calls (maxToolCalls)", lim.MaxCalls)
	case s.inFlight >= lim.MaxInFlight:
		s.mu.Unlock()
		return nil, fail(CodeTooManyInFlight, "%d tool calls are already in flight, the most one execution may have", lim.MaxInFlight)
	}
	s.handled++
	s.inFlight++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()

	type answer struct {
		res json.RawMessage
		err error
	}
	done := make(chan answer, 1)
	hctx := context.WithValue(ctx, callIDKey{}, c.ID)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- answer{err: fmt.Errorf("the tool's handler panicked: %v", p)}
			}
		}()
		res, err := s.h.Call(hctx, t.Name, c.Args)
		done <- answer{res, err}
	}()
	var a answer
	select {
	case a = <-done:
	case <-ctx.Done():
		// The execution is over or out of time: answer now, whatever the
		// handler does.
		return nil, ended(ctx, t.Name)
	}
	if a.err != nil {
		if ctx.Err() != nil {
			return nil, ended(ctx, t.Name)
		}
		var te *ToolError
		if errors.As(a.err, &te) {
			return nil, handlerError(te)
		}
		return nil, fail(CodeToolFailed, "%s failed: %s", t.Name, cut(a.err.Error()))
	}
	res := a.res
	if len(res) == 0 {
		res = json.RawMessage("null")
	}
	if len(res) > lim.MaxResultBytes {
		return nil, fail(CodeResultTooLarge, "the result of %s is %d bytes of JSON, over the %d-byte cap (maxToolResultBytes)", t.Name, len(res), lim.MaxResultBytes)
	}
	if !json.Valid(res) {
		return nil, fail(CodeToolFailed, "%s returned a result that is not JSON", t.Name)
	}
	if t.out != nil {
		if err := validate(t.out, res); err != nil {
			return nil, fail(CodeInvalidResult, "the result of %s does not match its outputSchema: %v", t.Name, err)
		}
	}
	return res, nil
}

func ended(ctx context.Context, name string) *ipc.ToolError {
	if pastDeadline(ctx) {
		return fail(CodeTimeout, "the execution's time ran out while %s was running", name)
	}
	return fail(CodeCancelled, "the execution ended while %s was running", name)
}

// pastDeadline reports that ctx's deadline has come, by the clock: a
// context cancelled in the moment after its deadline passed but before its
// timer fired (a loaded machine) ended by the deadline all the same.
func pastDeadline(ctx context.Context) bool {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return true
	}
	dl, ok := ctx.Deadline()
	return ok && !time.Now().Before(dl)
}

// handlerError is a handler's *ToolError as the code gets it: a code that
// is not a short identifier becomes tool_failed, the message is cut.
func handlerError(te *ToolError) *ipc.ToolError {
	code := te.Code
	if !validCode(code) || code == StatusOK {
		code = CodeToolFailed
	}
	return &ipc.ToolError{Code: code, Message: cut(te.Message)}
}

func validCode(s string) bool {
	if s == "" || len(s) > maxCodeBytes {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c == '-' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			return false
		}
	}
	return true
}

// cut bounds a message sent to the code, keeping it valid UTF-8.
func cut(s string) string {
	if len(s) <= maxMessageBytes {
		return s
	}
	s = s[:maxMessageBytes]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}
