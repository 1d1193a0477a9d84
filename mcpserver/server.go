// Package mcpserver serves codexec over the Model Context Protocol, with the
// official Go SDK, so that any MCP client (desktop assistants, IDE agents,
// agent SDKs) can run code through codexec. `supervisor mcp` serves it on
// standard input and output.
//
// # Tools
//
//   - code_execute {code, language, context, timeout,
//     tsExperimentalDecorators}: runs the code as one
//     execution (validation, a fresh runner, the audit record) and answers
//     the result JSON as structured content. An execution that is not ok
//     (blocked, invalid, error, timeout, memory, output_limit, internal) is
//     a tool result with isError set whose error says what happened, where
//     in the code, and what to change (error.hint): never a protocol error.
//   - code_validate {code, language, tsExperimentalDecorators}: the
//     verdict validation would give, without running anything.
//   - execution_stats {agentId, hostId}: an agent's statistics from the audit
//     trail, on one host or across the fleet.
//
// # Identity
//
// Every execution is recorded with an agent id and a channel id. The agent
// id is Options.AgentID when set, else the MCP client's reported name made
// into an id ([AgentIDFor]: "Claude Desktop" becomes "Claude-Desktop").
// The channel id is the MCP session's id; a transport without session ids
// (stdio, where one process serves one session) gets one made up per
// session, "mcp-" and a ULID.
//
// # Backends
//
// The tools run on a [Backend]: [Local] (a service.Service in this process)
// or [Daemon] (a running supervisor, through its socket).
//
// # Answers
//
// Every answer, error or not, has structured content that its tool's
// output schema accepts, and as text the same JSON (code_execute's with an
// output or logs over 16 KiB cut, and the cut marked: see TextOutputMax).
//
// # Arguments
//
// Arguments are decoded here rather than by the SDK's typed handlers (and
// the SDK's low-level AddTool validates nothing before the handler): the
// context object reaches the code byte for byte (key order, numbers beyond
// 2^53), the result JSON is answered as the service produced it, and every
// argument error is a tool result with structured content, never a
// JSON-RPC error. Shape errors (an unknown argument, a wrong type, no code)
// and a language other than javascript and typescript are refused here:
// nothing runs, nothing is recorded, and the answer has status invalid and
// error.argument and error.allowed, but no execution id. Values out of
// bounds (a timeout over 30 s, a context too large) reach the service,
// which answers status invalid and records it, as the socket API does; the
// answer names the argument the same way.
package mcpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/oklog/ulid/v2"

	"codexec/audit"
	"codexec/config"
	"codexec/detect"
	"codexec/internal/logfilter"
	"codexec/result"
	"codexec/service"
)

// ServerName is the name the server reports to clients.
const ServerName = "codexec"

// Options configure a Server.
type Options struct {
	// Backend runs, validates and answers statistics (required).
	Backend Backend
	// AgentID is recorded for every execution; empty: the MCP client's
	// name (AgentIDFor). It must be a valid agent id.
	AgentID string
	// Version is reported to clients in the server's implementation info.
	Version string
	// Tools, when not nil, are the tools the code may call besides its
	// own (code mode): code_execute's description declares them in
	// TypeScript (those of AgentID, else those the tool policy gives any
	// agent), and the code_tools tool answers them for the caller's agent.
	Tools ToolCatalog
	// Logger gets the server's logs (one line per execution, at info) and
	// the SDK's warnings and errors; nil discards them. A stdio server must
	// never log to standard output.
	Logger *slog.Logger
}

// Server is codexec's MCP server: the three tools on a Backend.
type Server struct {
	opts Options
	srv  *mcp.Server
	lim  config.Limits // the backend's limits when the server was made: the descriptions' and the argument errors'

	mu       sync.Mutex
	channels map[*mcp.ServerSession]string // made-up channel ids of sessions without an id
}

// New builds the server, with tool descriptions that state the backend's
// current limits.
func New(ctx context.Context, opts Options) (*Server, error) {
	if opts.Backend == nil {
		return nil, errors.New("mcpserver: no backend")
	}
	if opts.AgentID != "" {
		if err := CheckAgentID(opts.AgentID); err != nil {
			return nil, fmt.Errorf("mcpserver: %w", err)
		}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Version == "" {
		opts.Version = "dev"
	}
	lim, err := opts.Backend.Limits(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the limits for the tool descriptions: %w", err)
	}
	s := &Server{opts: opts, lim: lim, channels: map[*mcp.ServerSession]string{}}
	// The SDK logs every connection and session at info: only its
	// warnings and errors are kept.
	sdkLog := slog.New(logfilter.MinLevel(opts.Logger.Handler(), slog.LevelWarn))
	s.srv = mcp.NewServer(&mcp.Implementation{Name: ServerName, Title: "codexec code execution sandbox", Version: opts.Version},
		&mcp.ServerOptions{Instructions: instructions, Logger: sdkLog})
	no := false
	hints := func(title string, idempotent bool) *mcp.ToolAnnotations {
		// Read-only and closed-world: the code reaches nothing outside its
		// sandbox (no files, no network, no processes); an execution only
		// adds an audit record.
		return &mcp.ToolAnnotations{Title: title, ReadOnlyHint: true, IdempotentHint: idempotent, OpenWorldHint: &no, DestructiveHint: &no}
	}
	s.srv.AddTool(&mcp.Tool{
		Name: ToolExecute, Title: "Run code in the codexec sandbox", Description: executeDescription(lim) + toolsText(opts.Tools, opts.AgentID),
		InputSchema: executeInputSchema(lim), OutputSchema: resultSchema(), Annotations: hints("Run code in the codexec sandbox", false),
	}, s.execute)
	s.srv.AddTool(&mcp.Tool{
		Name: ToolValidate, Title: "Validate code without running it", Description: validateDescription(lim),
		InputSchema: validateInputSchema(lim), OutputSchema: verdictSchema(), Annotations: hints("Validate code without running it", true),
	}, s.validate)
	s.srv.AddTool(&mcp.Tool{
		Name: ToolStats, Title: "Execution statistics of an agent", Description: statsDescription,
		InputSchema: statsInputSchema(), OutputSchema: statsSchema(), Annotations: hints("Execution statistics of an agent", true),
	}, s.stats)
	if opts.Tools != nil {
		s.srv.AddTool(&mcp.Tool{
			Name: ToolTools, Title: "Tools the code may call", Description: toolsDescription,
			InputSchema: toolsInputSchema(), OutputSchema: toolsOutputSchema(), Annotations: hints("Tools the code may call", true),
		}, s.tools)
	}
	return s, nil
}

// MCP is the SDK server, to connect it over any transport.
func (s *Server) MCP() *mcp.Server { return s.srv }

// Run serves one session over t until the client goes away or ctx ends.
func (s *Server) Run(ctx context.Context, t mcp.Transport) error {
	return s.srv.Run(ctx, t)
}

// executeInput are code_execute's arguments.
type executeInput struct {
	Code     *string         `json:"code"`
	Language *string         `json:"language"`
	Context  json.RawMessage `json:"context"`
	Timeout  json.RawMessage `json:"timeout"`
	// TSExperimentalDecorators is a pointer so that null is "not given".
	TSExperimentalDecorators *bool `json:"tsExperimentalDecorators"`
}

// executeRequest checks the shape of code_execute's arguments and makes
// them a request; its values (a timeout out of range, a context too large)
// are the service's to check, which records the refusal.
func (s *Server) executeRequest(raw json.RawMessage) (service.Request, *argError) {
	var in executeInput
	if err := decodeArgs(ToolExecute, raw, &in, executeArgs, s.lim); err != nil {
		return service.Request{}, err
	}
	if in.Code == nil {
		return service.Request{}, &argError{Argument: "code", Allowed: allowedFor("code", s.lim),
			Message: fmt.Sprintf("%s needs code: the body of an async function that returns the value you want", ToolExecute)}
	}
	if err := checkLanguage(ToolExecute, in.Language, s.lim); err != nil {
		return service.Request{}, err
	}
	r := service.Request{Code: *in.Code}
	if in.Language != nil {
		r.Language = *in.Language
	}
	if ctxJSON := bytes.TrimSpace(in.Context); len(ctxJSON) > 0 && !bytes.Equal(ctxJSON, []byte("null")) {
		r.Context = in.Context
	}
	if t := bytes.TrimSpace(in.Timeout); len(t) > 0 && !bytes.Equal(t, []byte("null")) {
		// 0 takes the default, as in the socket API.
		ms, err := wholeNumber(t)
		if err != nil {
			return service.Request{}, &argError{Argument: "timeout", Allowed: allowedFor("timeout", s.lim),
				Message: fmt.Sprintf("%s: timeout must be a whole number of milliseconds, not %s", ToolExecute, t)}
		}
		r.TimeoutMs = ms
	}
	if in.TSExperimentalDecorators != nil {
		r.TSExperimentalDecorators = *in.TSExperimentalDecorators
	}
	return r, nil
}

func (s *Server) execute(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	r, argErr := s.executeRequest(req.Params.Arguments)
	if argErr != nil {
		return s.refused(ToolExecute, result.Invalid, argErr.Message, argErr)
	}
	r.AgentID, r.ChannelID = s.agentID(req), s.channelID(req.Session)
	res, err := s.opts.Backend.Execute(ctx, r)
	if err != nil {
		s.opts.Logger.Warn("execution failed", "err", err)
		return s.refused(ToolExecute, result.Internal, fmt.Sprintf("%s: %v", ToolExecute, err), nil)
	}
	s.opts.Logger.Info("executed", "id", res.ID, "status", res.Status, "agentId", r.AgentID, "channelId", r.ChannelID)
	structured, err := s.resultJSON(res)
	if err != nil {
		return nil, fmt.Errorf("encode the result: %w", err)
	}
	return answer(ToolExecute, structured, res.Status != result.OK)
}

// resultJSON is the structured content of an execution: the result JSON,
// its error explained (explain) and with a hint.
func (s *Server) resultJSON(res result.Result) (json.RawMessage, error) {
	raw, err := marshal(res)
	if err != nil || res.Error == nil {
		return raw, err
	}
	obj, err := parseObject(raw)
	if err != nil {
		return nil, err
	}
	e := explain(res.Error, executeArgs, s.lim)
	e.Hint = hintFor(res)
	ej, err := marshal(e)
	if err != nil {
		return nil, err
	}
	obj.set("error", ej)
	return obj.marshal(), nil
}

// refused answers a call that reached no execution, verdict or statistics:
// status invalid for an argument (argErr), internal when the backend
// failed. Its structured content is success and allowed (false, for the
// tools that have them), status and error.
func (s *Server) refused(tool string, status result.Status, msg string, argErr *argError) (*mcp.CallToolResult, error) {
	e := errorInfo{Kind: status, Message: msg}
	if argErr != nil {
		e.Argument, e.Allowed = argErr.Argument, argErr.Allowed
	}
	var v any
	switch tool {
	case ToolExecute:
		e.Hint = hintFor(result.Result{Status: status})
		v = struct {
			Success bool          `json:"success"`
			Status  result.Status `json:"status"`
			Error   errorInfo     `json:"error"`
		}{false, status, e}
	case ToolValidate:
		v = struct {
			Status  result.Status `json:"status"`
			Allowed bool          `json:"allowed"`
			Error   errorInfo     `json:"error"`
		}{status, false, e}
	default:
		v = struct {
			Status result.Status `json:"status"`
			Error  errorInfo     `json:"error"`
		}{status, e}
	}
	structured, err := marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode the answer: %w", err)
	}
	return answer(tool, structured, true)
}

// answer is a tool result: structured content, and as text the same JSON
// (code_execute's with a large output or logs cut: resultText).
func answer(tool string, structured json.RawMessage, isError bool) (*mcp.CallToolResult, error) {
	text := string(structured)
	if tool == ToolExecute {
		var err error
		if text, err = resultText(structured); err != nil {
			return nil, fmt.Errorf("render the result: %w", err)
		}
	}
	return &mcp.CallToolResult{
		Content:           []mcp.Content{&mcp.TextContent{Text: text}},
		StructuredContent: structured,
		IsError:           isError,
	}, nil
}

type validateInput struct {
	Code                     *string `json:"code"`
	Language                 *string `json:"language"`
	TSExperimentalDecorators *bool   `json:"tsExperimentalDecorators"`
}

func (s *Server) validate(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var in validateInput
	if err := decodeArgs(ToolValidate, req.Params.Arguments, &in, validateArgs, s.lim); err != nil {
		return s.refused(ToolValidate, result.Invalid, err.Message, err)
	}
	if in.Code == nil {
		err := &argError{Argument: "code", Message: ToolValidate + " needs code", Allowed: allowedFor("code", s.lim)}
		return s.refused(ToolValidate, result.Invalid, err.Message, err)
	}
	if err := checkLanguage(ToolValidate, in.Language, s.lim); err != nil {
		return s.refused(ToolValidate, result.Invalid, err.Message, err)
	}
	sub := detect.Submission{Code: *in.Code}
	if in.Language != nil {
		sub.Language = *in.Language
	}
	if in.TSExperimentalDecorators != nil {
		sub.TSExperimentalDecorators = *in.TSExperimentalDecorators
	}
	v, err := s.opts.Backend.Validate(ctx, sub)
	if err != nil {
		return s.refused(ToolValidate, result.Internal, fmt.Sprintf("%s: %v", ToolValidate, err), nil)
	}
	// A verdict that the code would not run is an answer, not a tool
	// error; its error names the argument when one is at fault.
	raw, err := marshal(struct {
		Verdict
		Error *errorInfo `json:"error"`
	}{v, explain(v.Error, validateArgs, s.lim)})
	if err != nil {
		return nil, fmt.Errorf("encode the verdict: %w", err)
	}
	return answer(ToolValidate, raw, false)
}

type statsInput struct {
	AgentID *string `json:"agentId"`
	HostID  *string `json:"hostId"`
}

func (s *Server) stats(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var in statsInput
	if err := decodeArgs(ToolStats, req.Params.Arguments, &in, statsArgs, s.lim); err != nil {
		return s.refused(ToolStats, result.Invalid, err.Message, err)
	}
	agent := s.agentID(req)
	if in.AgentID != nil {
		// The id rules of every other interface: an id that could not
		// have been recorded is a mistake, not an agent without
		// executions.
		if inv := detect.CheckID("agentId", *in.AgentID); inv != nil {
			err := &argError{Argument: "agentId", Message: ToolStats + ": " + inv.Error(), Allowed: allowedFor("agentId", s.lim)}
			return s.refused(ToolStats, result.Invalid, err.Message, err)
		}
		agent = *in.AgentID
	}
	host := ""
	if in.HostID != nil {
		// A host id no record can carry is a mistake too.
		if err := audit.CheckHostID(*in.HostID); err != nil {
			err := &argError{Argument: "hostId", Message: ToolStats + ": hostId: " + err.Error(), Allowed: allowedFor("hostId", s.lim)}
			return s.refused(ToolStats, result.Invalid, err.Message, err)
		}
		host = *in.HostID
	}
	st, err := s.opts.Backend.Stats(ctx, agent, host)
	if err != nil {
		return s.refused(ToolStats, result.Internal, fmt.Sprintf("%s for agent %q: %v", ToolStats, agent, err), nil)
	}
	// Only languages are counted as languages: a record refused for a
	// language codexec does not run still counts in the totals and under
	// its status.
	langs := map[string]int64{}
	for _, l := range languages {
		if n := st.Languages[l]; n > 0 {
			langs[l] = n
		}
	}
	st.Languages = langs
	if st.Hosts == nil { // a daemon from before host ids
		st.Hosts = map[string]int64{}
	}
	structured, err := marshal(st)
	if err != nil {
		return nil, fmt.Errorf("encode the statistics: %w", err)
	}
	return answer(ToolStats, structured, false)
}

// agentID is the configured agent id, else the calling client's name as an
// id.
func (s *Server) agentID(req *mcp.CallToolRequest) string {
	if s.opts.AgentID != "" {
		return s.opts.AgentID
	}
	name := ""
	if info := req.ClientInfo(); info != nil {
		name = info.Name
	}
	return AgentIDFor(name)
}

// channelID is the session's id, or, for a transport without session ids,
// one made up for the session the first time it is needed.
func (s *Server) channelID(ss *mcp.ServerSession) string {
	if ss == nil {
		return service.DefaultChannelID
	}
	if id := SanitizeID(ss.ID()); id != "" {
		return id
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.channels[ss]
	if !ok {
		id = ChannelPrefix + ulid.Make().String()
		s.channels[ss] = id
	}
	return id
}

// marshal encodes v as compact JSON without HTML escaping, so that the
// returned value goes out as the service produced it.
func marshal(v any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// CheckAgentID reports whether id may be recorded as an agent id (the
// request checks' rules: 1 to 128 characters of letters, digits and
// . _ - : @ / +).
func CheckAgentID(id string) error {
	lim := config.DefaultLimits()
	if inv := detect.CheckParams(detect.Params{Language: detect.JavaScript, Code: "return 1", TimeoutMs: lim.TimeoutMs,
		MemoryLimitMiB: lim.MemoryLimitMiB, AgentID: id, ChannelID: service.DefaultChannelID}, lim); inv != nil {
		return inv
	}
	return nil
}
