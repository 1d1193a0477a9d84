// Package service runs one execution end to end, the same way for every
// interface (CLI, socket API, MCP): parameter checks, TypeScript stripping,
// validation, a fresh runner, the result with positions in the user's code.
//
// # Concurrency
//
// A Service may be used by any number of goroutines at once; each Execute
// gets a runner of its own.
package service

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"codexec/audit"
	"codexec/broker"
	"codexec/bus"
	"codexec/config"
	"codexec/detect"
	"codexec/ipc"
	"codexec/metrics"
	"codexec/pool"
	"codexec/result"
	"codexec/sandbox"
)

// Defaults applied to requests that leave identity fields empty.
const (
	DefaultAgentID   = "anonymous"
	DefaultChannelID = "default"
)

// Request is one execution request (the body of POST /v1/executions).
type Request struct {
	Code           string          `json:"code"`
	Language       string          `json:"language,omitempty"`    // javascript (default) or typescript
	Context        json.RawMessage `json:"context,omitempty"`     // a JSON object; {} when absent
	TimeoutMs      int64           `json:"timeout,omitempty"`     // ms; the configured default when 0
	MemoryLimitMiB int             `json:"memoryLimit,omitempty"` // MiB; the configured default when 0
	AgentID        string          `json:"agentId,omitempty"`
	ChannelID      string          `json:"channelId,omitempty"`
	// TSExperimentalDecorators: TypeScript's experimental decorators
	// (parameter decorators, the legacy semantics) instead of the TC39
	// standard ones; TypeScript only (invalid with javascript).
	TSExperimentalDecorators bool `json:"tsExperimentalDecorators,omitempty"`
	// Tools are the tools the code may call (tools.<name>(args)); every
	// call is checked by a broker.Session and answered by ToolHandler.
	Tools []broker.Tool `json:"tools,omitempty"`

	// ToolHandler answers the calls of Tools (required when Tools is not
	// empty): the caller over a stream, configured MCP servers, or a Go
	// client's functions. It is never part of the request's JSON.
	ToolHandler broker.Handler `json:"-"`

	// ID, when set (by an interface that must name the execution before it
	// runs, such as the socket API's stream), is the execution's id; it
	// must come from NewID. Empty: Execute makes one.
	ID string `json:"-"`
	// Peer is the calling process when the request came over the socket
	// (SO_PEERCRED); it is recorded with the execution.
	Peer *Peer `json:"-"`
}

// Peer identifies the process on the other end of a Unix socket.
type Peer struct{ UID, GID, PID int }

// Options configure a Service.
type Options struct {
	RunnerPath string             // the runner executable (required)
	Limits     config.Limits      // defaults and caps; DefaultLimits when zero
	Grace      time.Duration      // timeout to hard kill; sandbox.DefaultGrace when zero
	Isolation  *sandbox.Isolation // how runners are contained (see sandbox.NewIsolation); nil only in tests of the protocol
	Pool       *pool.Pool         // ready runners; nil: every execution starts its own (the one-shot CLI)
	// AsyncCleanup: see sandbox.Config (a long-lived supervisor only; it
	// must call sandbox.WaitCleanups before it exits).
	AsyncCleanup bool
	Recorder     *audit.Recorder  // the audit trail; nil records nothing (tests of other parts only)
	Bus          *bus.Bus         // where events go; nil: nowhere
	Metrics      *metrics.Metrics // nil: none
	Logger       *slog.Logger     // nil: discard

	// Admission (Acquire): at most MaxConcurrent executions at once (0: two
	// per core), and at most MaxQueue waiting for a slot (0: 4×MaxConcurrent).
	MaxConcurrent int
	MaxQueue      int

	// Upstream, when not nil, adds the tools the operator configured (MCP
	// servers, package upstream) to every execution's own: see Upstream.
	Upstream Upstream
}

// Upstream adds tools the supervisor answers itself to an execution's.
type Upstream interface {
	// Merge returns the execution's tools (its own and those agentID may
	// use) and the handler that answers them all, or an error when its
	// own tools clash with them (the request is invalid).
	Merge(agentID string, own []broker.Tool, ownHandler broker.Handler) ([]broker.Tool, broker.Handler, error)
	// Tools are the tools agentID may use, and Declarations their
	// TypeScript declarations.
	Tools(agentID string) []broker.Tool
	Declarations(agentID string) string
}

// Service executes requests.
type Service struct {
	opts   Options
	mu     sync.RWMutex
	limits config.Limits
	slots  chan struct{}
	queued atomic.Int64
}

// New checks the options and returns a Service.
func New(opts Options) (*Service, error) {
	if opts.RunnerPath == "" {
		return nil, errors.New("service: no runner path")
	}
	if opts.Limits == (config.Limits{}) {
		opts.Limits = config.DefaultLimits()
	}
	if err := opts.Limits.Validate(); err != nil {
		return nil, err
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if iso := opts.Isolation; iso != nil && iso.Cgroups != nil {
		// Runner cgroups left by a supervisor that crashed: kill and remove.
		n, err := iso.Cgroups.Sweep()
		if n > 0 {
			opts.Logger.Info("removed stale runner cgroups", "count", n)
		}
		if err != nil {
			opts.Logger.Warn("sweeping stale runner cgroups", "err", err)
		}
	}
	if opts.MaxConcurrent <= 0 {
		opts.MaxConcurrent = 2 * runtime.NumCPU()
	}
	if opts.MaxQueue <= 0 {
		opts.MaxQueue = 4 * opts.MaxConcurrent
	}
	return &Service{opts: opts, limits: opts.Limits, slots: make(chan struct{}, opts.MaxConcurrent)}, nil
}

// ErrOverloaded is returned by Acquire when the queue of executions
// waiting for a slot is full.
var ErrOverloaded = errors.New("service: too many executions waiting")

// Acquire waits for an execution slot (admission control for the socket
// API): it returns at once with ErrOverloaded when MaxQueue executions
// already wait, and with ctx's error when the caller gives up (a client
// that disconnects). release must be called when the execution is done.
func (s *Service) Acquire(ctx context.Context) (release func(), err error) {
	select {
	case s.slots <- struct{}{}:
		return s.releaseFunc(), nil
	default:
	}
	if s.queued.Add(1) > int64(s.opts.MaxQueue) {
		s.queued.Add(-1)
		s.opts.Metrics.Rejected("overloaded")
		return nil, ErrOverloaded
	}
	s.opts.Metrics.Queued(1)
	start := time.Now()
	defer func() {
		s.queued.Add(-1)
		s.opts.Metrics.Queued(-1)
		s.opts.Metrics.QueueWait(time.Since(start))
	}()
	select {
	case s.slots <- struct{}{}:
		return s.releaseFunc(), nil
	case <-ctx.Done():
		s.opts.Metrics.Rejected("cancelled")
		return nil, ctx.Err()
	}
}

func (s *Service) releaseFunc() func() {
	s.opts.Metrics.InFlight(1)
	var once sync.Once
	return func() {
		once.Do(func() {
			s.opts.Metrics.InFlight(-1)
			<-s.slots
		})
	}
}

// Pool returns the warm pool, or nil.
func (s *Service) Pool() *pool.Pool { return s.opts.Pool }

// Admission reports the slots in use and the executions waiting.
func (s *Service) Admission() (running, waiting, maxConcurrent, maxQueue int) {
	return len(s.slots), int(s.queued.Load()), s.opts.MaxConcurrent, s.opts.MaxQueue
}

// Upstream is Options.Upstream (nil without one).
func (s *Service) Upstream() Upstream { return s.opts.Upstream }

// Limits returns the limits new executions get.
func (s *Service) Limits() config.Limits {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.limits
}

// SetLimits checks l against its bounds and makes it the limits of new
// executions (running ones keep theirs), publishing CONFIG_UPDATED with the
// keys that changed.
func (s *Service) SetLimits(l config.Limits) error {
	if err := l.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	old := s.limits
	s.limits = l
	s.mu.Unlock()
	if s.opts.Pool != nil && l.PoolSize != old.PoolSize {
		s.opts.Pool.Resize(l.PoolSize)
	}
	if changes := config.Diff(old, l); len(changes) > 0 {
		s.opts.Bus.Publish(bus.Event{Type: bus.ConfigUpdated, Changes: changes})
		s.opts.Logger.Info("configuration changed", "changes", changes)
	}
	return nil
}

// NewID returns a new execution id: "exec_" and a ULID (sortable by
// time), unique across a fleet (audit.NewID).
func NewID() string { return audit.NewID() }

// CodeHash is the SHA-256 of the code as submitted, in hex.
func CodeHash(code string) string {
	h := sha256.Sum256([]byte(code))
	return hex.EncodeToString(h[:])
}

// Execute runs one request and returns its result; it never returns an
// error: every failure is a result with a status. onLog, if not nil, gets
// each console line as it is written.
func (s *Service) Execute(ctx context.Context, req Request, onLog func(result.Log)) (res result.Result) {
	start := time.Now()
	lim := s.Limits()
	if req.Language == "" {
		req.Language = detect.JavaScript
	}
	if req.TimeoutMs == 0 {
		req.TimeoutMs = lim.TimeoutMs
	}
	if req.MemoryLimitMiB == 0 {
		req.MemoryLimitMiB = lim.MemoryLimitMiB
	}
	if req.AgentID == "" {
		req.AgentID = DefaultAgentID
	}
	if req.ChannelID == "" {
		req.ChannelID = DefaultChannelID
	}
	if len(bytes.TrimSpace(req.Context)) == 0 {
		// No context is an empty object, for every interface: the code
		// may destructure it.
		req.Context = json.RawMessage(`{}`)
	}
	id := req.ID
	if id == "" {
		id = NewID()
	}
	res = result.Result{ID: id, Language: req.Language, CodeHash: CodeHash(req.Code)}
	// Ids (and a language) that fail validation are never passed on as
	// sent, whichever check refuses the request: events show the same
	// rendering the record keeps.
	refused := refusedFields(req)
	agentID, channelID := req.AgentID, req.ChannelID
	if slices.Contains(refused, audit.FieldAgentID) {
		agentID = audit.RenderID(agentID)
	}
	if slices.Contains(refused, audit.FieldChannelID) {
		channelID = audit.RenderID(channelID)
	}
	ev := func(t bus.Type) bus.Event {
		return bus.Event{Type: t, ExecutionID: res.ID, AgentID: agentID, ChannelID: channelID}
	}
	ran := false
	var sess *broker.Session // the execution's tool calls, when it declares tools
	// Every execution leaves a record, refused ones too; nothing runs when
	// the record could not be kept.
	rec := s.opts.Recorder
	if rec != nil {
		if err := rec.Ready(); err != nil {
			rec = nil // nothing can be recorded: say so, and run nothing
			res.Fail(result.Internal, "execution refused: the audit trail cannot take a record: "+err.Error(), 0, 0)
		}
	}
	defer func() {
		// executionTime is the time the code ran (job sent to result, as
		// the timeout counts it); for a request that never reached a
		// runner, the time it took to refuse it.
		if !ran {
			res.ExecutionTime = ms(time.Since(start))
		}
		res.Normalize()
		if rec != nil {
			r := audit.NewRecord(res, audit.Origin{AgentID: req.AgentID, ChannelID: req.ChannelID, Code: req.Code, Refused: refused}, start)
			if p := req.Peer; p != nil {
				uid, gid, pid := int64(p.UID), int64(p.GID), int64(p.PID)
				r.PeerUID, r.PeerGID, r.PeerPID = &uid, &gid, &pid
			}
			if sess != nil {
				r.ToolCalls = toolCalls(sess.Records())
			}
			if err := rec.Append(context.WithoutCancel(ctx), r); err != nil {
				s.opts.Logger.Error("audit record lost", "id", res.ID, "err", err)
				res.Output = []byte("null")
				res.Fail(result.Internal, "the execution ran, but its audit record could not be written: "+err.Error(), 0, 0)
			}
		}
		s.publishOutcome(ev, res, lim)
		mres := res
		if slices.Contains(refused, audit.FieldLanguage) {
			mres.Language = "other" // a label value per caller's whim would grow without bound
		}
		s.opts.Metrics.Execution(mres, time.Since(start))
	}()
	if res.Status == result.Internal {
		return res
	}

	if inv := detect.CheckParams(detect.Params{
		Language: req.Language, Code: req.Code, Context: req.Context, TimeoutMs: req.TimeoutMs,
		MemoryLimitMiB: req.MemoryLimitMiB, AgentID: req.AgentID, ChannelID: req.ChannelID,
		TSExperimentalDecorators: req.TSExperimentalDecorators,
	}, lim); inv != nil {
		res.Fail(result.Invalid, inv.Error(), 0, 0)
		return res
	}
	if up := s.opts.Upstream; up != nil {
		tools, h, err := up.Merge(req.AgentID, req.Tools, req.ToolHandler)
		if err != nil {
			res.Fail(result.Invalid, "tools: "+err.Error(), 0, 0)
			return res
		}
		req.Tools, req.ToolHandler = tools, h
	}
	if len(req.Tools) > 0 {
		if req.ToolHandler == nil {
			res.Fail(result.Invalid, "tools need a caller that answers them: this interface cannot answer tool calls", 0, 0)
			return res
		}
		ts, err := s.toolSession(req, lim, ev)
		if err != nil {
			res.Fail(result.Invalid, "tools: "+err.Error(), 0, 0)
			return res
		}
		sess = ts
	}

	// Validation: nesting limits on the code as submitted (before esbuild
	// can recurse on it), TypeScript stripping or JavaScript lowering, the
	// AST rules, the score.
	vs := ev(bus.ValidationStarted)
	vs.Language, vs.CodeHash, vs.CodeLength = req.Language, res.CodeHash, len(req.Code)
	s.opts.Bus.Publish(vs)
	vopts := detect.OptionsFrom(lim)
	vopts.TSExperimentalDecorators = req.TSExperimentalDecorators
	checked, err := detect.Check(req.Code, req.Language, vopts)
	if err != nil {
		res.Fail(result.Internal, err.Error(), 0, 0)
		return res
	}
	v := checked.Verdict
	res.Validation = v.Validation()
	s.publishValidation(ev, v)
	if st := v.Status(); st != result.OK {
		res.Status = st
		res.Error = v.ErrorInfo()
		return res
	}
	js, lowered := checked.JS, checked.Lowered
	if err := ctx.Err(); err != nil {
		// The caller is gone: no runner for it.
		res.Fail(result.Cancelled, "the execution was cancelled by its caller before it ran ("+context.Cause(ctx).Error()+")", 0, 0)
		return res
	}

	memBytes := int64(req.MemoryLimitMiB) << 20
	runner, warm, err := s.runner(strings.TrimPrefix(res.ID, "exec_"), memBytes)
	if err != nil {
		res.Fail(result.Internal, err.Error(), 0, 0)
		return res
	}
	started := ev(bus.ExecutionStarted)
	started.Language, started.CodeHash, started.CodeLength = req.Language, res.CodeHash, len(req.Code)
	started.TimeoutMs, started.MemoryLimitMiB = req.TimeoutMs, req.MemoryLimitMiB
	s.opts.Bus.Publish(started)
	job := ipc.Job{
		ID:             res.ID,
		Code:           js,
		Context:        req.Context,
		TimeoutMs:      req.TimeoutMs,
		MaxOutputBytes: lim.MaxOutputBytes,
		MaxLogLines:    lim.MaxLogLines,
		MaxLogBytes:    lim.MaxLogBytes,
		CaptureConsole: lim.CaptureConsole,
		// The same setting validation applied (detect.OptionsFrom(lim)).
		AllowBuiltinModules: lim.AllowBuiltinModules,
	}
	ropts := sandbox.RunOptions{OnLog: onLog}
	if sess != nil {
		job.Tools = sess.Names()
		ropts.OnCall = sess.Call
		ropts.MaxCalls, ropts.MaxCallArgBytes = lim.MaxToolCalls, lim.MaxToolArgBytes
	}
	out := runner.RunWith(ctx, job, memBytes, ropts)
	if !warm {
		s.opts.Metrics.Spawn(out.SpawnToReady)
	}
	// A warm runner killed while parked (by an operator, the OOM killer)
	// may still look alive when Get hands it out. When the sandbox proves
	// it never read its job, none of the code ran: run the job once on a
	// runner spawned now. Not after the deadline (the caller's time is
	// spent) nor once the caller has gone; never when the runner may have
	// read the job, whatever its status: code must never run twice.
	if warm && out.Undelivered && !out.TimedOut && ctx.Err() == nil {
		out = s.rerun(ctx, runner.PID(), job, memBytes, out, ropts)
	}

	ran = true
	res.ExecutionTime = ms(out.Wall)
	res.Status = out.Status
	res.Output = out.Output
	res.Logs = out.Logs
	if out.Error != nil {
		e := *out.Error
		if lowered != nil && e.Line > 0 {
			if l, c, ok := lowered.Position(e.Line, e.Column); ok {
				e.Line, e.Column = l, c
			} else {
				e.Line, e.Column = 0, 0
			}
		}
		res.Error = &e
	}
	res.ResourceUsage = result.ResourceUsage{
		Memory:       float64(out.PeakMemoryBytes) / (1 << 20),
		Timeout:      out.TimedOut,
		CPUTime:      ms(out.CPUTime),
		MemorySource: string(out.MemoryFrom),
	}
	hardKill := out.HardKilled
	timeoutMs, memLimit := req.TimeoutMs, memBytes
	defer func() {
		// Published before the outcome (the deferred publishOutcome runs
		// after this one).
		switch res.Status {
		case result.Timeout:
			e := ev(bus.ExecutionTimeout)
			e.TimeoutMs, e.HardKill = timeoutMs, &hardKill
			s.opts.Bus.Publish(e)
		case result.Memory:
			e := ev(bus.ResourceLimitExceeded)
			e.Resource, e.Limit, e.Used = "memory", memLimit, int64(out.PeakMemoryBytes)
			e.Message = res.Error.Message
			s.opts.Bus.Publish(e)
		case result.OutputLimit:
			e := ev(bus.ResourceLimitExceeded)
			e.Resource, e.Limit = "output", int64(lim.MaxOutputBytes)
			if msg := res.Error.Message; strings.Contains(msg, "console") || strings.Contains(msg, "log") {
				e.Resource, e.Limit, e.Used = "logs", int64(lim.MaxLogBytes), int64(len(res.Logs))
			}
			e.Message = res.Error.Message
			s.opts.Bus.Publish(e)
		}
	}()
	return res
}

// refusedFields names the fields among agentId, channelId and language
// that fail validation, each checked on its own (the parameter checks stop
// at the first problem).
func refusedFields(req Request) []string {
	var out []string
	if detect.CheckID(audit.FieldAgentID, req.AgentID) != nil {
		out = append(out, audit.FieldAgentID)
	}
	if detect.CheckID(audit.FieldChannelID, req.ChannelID) != nil {
		out = append(out, audit.FieldChannelID)
	}
	if detect.CheckLanguage(req.Language) != nil {
		out = append(out, audit.FieldLanguage)
	}
	return out
}

// SandboxConfig is how this service starts runners (also the pool's).
func SandboxConfig(runnerPath string, grace time.Duration, iso *sandbox.Isolation) sandbox.Config {
	return sandbox.Config{RunnerPath: runnerPath, Env: sandbox.RunnerEnv, Grace: grace, Isolation: iso}
}

// DaemonSandboxConfig is SandboxConfig for a long-lived supervisor: a
// result is returned as soon as it arrives, and the runner's exit and
// cleanup happen in the background (sandbox.WaitCleanups before exiting).
func DaemonSandboxConfig(runnerPath string, grace time.Duration, iso *sandbox.Isolation) sandbox.Config {
	c := SandboxConfig(runnerPath, grace, iso)
	c.AsyncCleanup = true
	return c
}

// runner returns a ready runner from the pool, or starts one.
func (s *Service) runner(id string, memBytes int64) (*sandbox.Runner, bool, error) {
	if s.opts.Pool != nil {
		return s.opts.Pool.Get(context.Background(), id, memBytes)
	}
	cfg := SandboxConfig(s.opts.RunnerPath, s.opts.Grace, s.opts.Isolation)
	cfg.AsyncCleanup = s.opts.AsyncCleanup
	r, err := sandbox.Start(cfg, sandbox.Spec{ID: id, MemoryBytes: memBytes})
	return r, false, err
}

// rerun runs a job that a warm runner never read on a freshly spawned
// runner (not another parked one, which may have died the same way), once.
// Its timeout starts when the job is sent, as for any runner; if this one
// fails too, its outcome stands.
func (s *Service) rerun(ctx context.Context, pid int, job ipc.Job, memBytes int64, first sandbox.Outcome, ropts sandbox.RunOptions) sandbox.Outcome {
	cause := ""
	if first.Error != nil {
		cause = first.Error.Message
	}
	s.opts.Logger.Warn("a warm runner died before it read its job: running the job on a fresh runner",
		"id", job.ID, "runner_pid", pid, "cause", cause)
	r, err := s.opts.Pool.Fresh(strings.TrimPrefix(job.ID, "exec_"), memBytes)
	if err != nil {
		first.Status = result.Internal
		first.Error = &result.ErrorInfo{Kind: result.Internal, Message: cause + "; no fresh runner could be started: " + err.Error()}
		return first
	}
	s.opts.Metrics.RunnerReplaced()
	out := r.RunWith(ctx, job, memBytes, ropts)
	s.opts.Metrics.Spawn(out.SpawnToReady)
	return out
}

// toolSession checks the request's tool declarations and returns the
// session that answers its calls, publishing TOOL_CALL_* events and
// counting metrics.
func (s *Service) toolSession(req Request, lim config.Limits, ev func(bus.Type) bus.Event) (*broker.Session, error) {
	return broker.NewSession(req.Tools, req.ToolHandler, broker.Options{
		Limits: broker.Limits{MaxCalls: lim.MaxToolCalls, MaxArgBytes: lim.MaxToolArgBytes, MaxResultBytes: lim.MaxToolResultBytes},
		Started: func(id int64, name string) {
			e := ev(bus.ToolCallStarted)
			e.CallID, e.Tool = &id, name
			s.opts.Bus.Publish(e)
		},
		Ended: func(id int64, r broker.CallRecord) {
			e := ev(bus.ToolCallCompleted)
			if r.Status != broker.StatusOK {
				e = ev(bus.ToolCallFailed)
				e.Code = r.Status
			}
			d := r.DurationMs
			e.CallID, e.Tool, e.DurationMs, e.ArgsBytes, e.ResultBytes = &id, r.Name, &d, r.ArgsBytes, r.ResultBytes
			s.opts.Bus.Publish(e)
			label := r.Status
			if !broker.Known(label) {
				label = "tool_error" // a code the handler chose: the label's values stay few
			}
			s.opts.Metrics.ToolCall(label, time.Duration(r.DurationMs*float64(time.Millisecond)))
		},
	})
}

// toolCalls is what the audit record keeps of the session's calls.
func toolCalls(recs []broker.CallRecord) []audit.ToolCall {
	if len(recs) == 0 {
		return nil
	}
	out := make([]audit.ToolCall, len(recs))
	for i, r := range recs {
		out[i] = audit.ToolCall{Name: r.Name, ArgsSHA256: r.ArgsSHA256, ArgsBytes: int64(r.ArgsBytes),
			ResultBytes: int64(r.ResultBytes), Status: r.Status, DurationMs: r.DurationMs}
	}
	return out
}

// maxSecurityEvents caps the CODE_SECURITY_ISSUE events of one execution.
const maxSecurityEvents = 20

// publishValidation publishes VALIDATION_COMPLETED, and SECURITY_ISSUE for
// each blocking finding.
func (s *Service) publishValidation(ev func(bus.Type) bus.Event, v detect.Verdict) {
	if s.opts.Bus == nil {
		return
	}
	n := 0
	for i := range v.Findings {
		f := v.Findings[i]
		if f.Severity != result.SeverityBlock || n >= maxSecurityEvents {
			continue
		}
		n++
		e := ev(bus.SecurityIssue)
		e.Finding = &f
		s.opts.Bus.Publish(e)
	}
	e := ev(bus.ValidationCompleted)
	allowed, score := v.Allowed, v.RiskScore
	e.Allowed, e.RiskScore, e.Findings = &allowed, &score, v.Findings
	if v.SyntaxError != nil {
		e.Error = v.SyntaxError
	}
	s.opts.Bus.Publish(e)
}

// publishOutcome publishes COMPLETED or FAILED for a finished execution.
func (s *Service) publishOutcome(ev func(bus.Type) bus.Event, res result.Result, lim config.Limits) {
	if s.opts.Bus == nil {
		return
	}
	t := bus.ExecutionFailed
	if res.Status == result.OK {
		t = bus.ExecutionCompleted
	}
	e := ev(t)
	e.Status = res.Status
	et, mem := res.ExecutionTime, res.ResourceUsage.Memory
	e.ExecutionTime = &et
	if res.ResourceUsage.MemorySource != string(sandbox.MemoryUnknown) {
		e.MemoryMiB = &mem
	}
	e.Error = res.Error
	s.opts.Bus.Publish(e)
}

func ms(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
}
