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
//     the result JSON as structured content, with a compact text rendering
//     for clients that do not read it. An execution that is not ok
//     (blocked, invalid, error, timeout, memory, output_limit, internal) is
//     a tool result with isError set and a text that says what happened,
//     where in the code, and what to change: never a protocol error.
//   - code_validate {code, language, tsExperimentalDecorators}: the
//     verdict validation would give,
//     without running anything.
//   - execution_stats {agentId}: an agent's statistics from the audit trail.
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
// # Arguments
//
// Arguments are decoded here rather than by the SDK's typed handlers: the
// context object reaches the code byte for byte (key order, numbers beyond
// 2^53), and the result JSON is answered as the service produced it. Shape
// errors (an unknown argument, a wrong type, no code) are tool errors;
// values out of bounds (a timeout over 30 s, a context too large, an
// unknown language) reach the service, which answers status invalid and
// records it, as the socket API does.
package mcpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"strconv"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/oklog/ulid/v2"

	"codexec/config"
	"codexec/detect"
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
	// Logger gets the server's logs (one line per execution, at info) and
	// the SDK's warnings and errors; nil discards them. A stdio server must
	// never log to standard output.
	Logger *slog.Logger
}

// Server is codexec's MCP server: the three tools on a Backend.
type Server struct {
	opts Options
	srv  *mcp.Server

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
	s := &Server{opts: opts, channels: map[*mcp.ServerSession]string{}}
	// The SDK logs every connection and session at info: only its
	// warnings and errors are kept.
	sdkLog := slog.New(minLevel{opts.Logger.Handler(), slog.LevelWarn})
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
		Name: ToolExecute, Title: "Run code in the codexec sandbox", Description: executeDescription(lim),
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

func (s *Server) execute(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var in executeInput
	if err := decodeArgs(ToolExecute, req.Params.Arguments, &in, executeArgs); err != nil {
		return toolError(err), nil
	}
	if in.Code == nil {
		return toolError(fmt.Errorf("%s needs code: the body of an async function that returns the value you want", ToolExecute)), nil
	}
	r := service.Request{Code: *in.Code, AgentID: s.agentID(req), ChannelID: s.channelID(req.Session)}
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
			return toolError(fmt.Errorf("%s: timeout must be a whole number of milliseconds, not %s", ToolExecute, t)), nil
		}
		r.TimeoutMs = ms
	}
	if in.TSExperimentalDecorators != nil {
		r.TSExperimentalDecorators = *in.TSExperimentalDecorators
	}
	res, err := s.opts.Backend.Execute(ctx, r)
	if err != nil {
		s.opts.Logger.Warn("execution failed", "err", err)
		return toolError(fmt.Errorf("%s: %w", ToolExecute, err)), nil
	}
	s.opts.Logger.Info("executed", "id", res.ID, "status", res.Status, "agentId", r.AgentID, "channelId", r.ChannelID)
	structured, err := marshal(res)
	if err != nil {
		return nil, fmt.Errorf("encode the result: %w", err)
	}
	return &mcp.CallToolResult{
		Content:           []mcp.Content{&mcp.TextContent{Text: RenderResult(res)}},
		StructuredContent: structured,
		IsError:           res.Status != result.OK,
	}, nil
}

type validateInput struct {
	Code                     *string `json:"code"`
	Language                 *string `json:"language"`
	TSExperimentalDecorators *bool   `json:"tsExperimentalDecorators"`
}

func (s *Server) validate(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var in validateInput
	if err := decodeArgs(ToolValidate, req.Params.Arguments, &in, validateArgs); err != nil {
		return toolError(err), nil
	}
	if in.Code == nil {
		return toolError(fmt.Errorf("%s needs code", ToolValidate)), nil
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
		return toolError(fmt.Errorf("%s: %w", ToolValidate, err)), nil
	}
	structured, err := marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode the verdict: %w", err)
	}
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: RenderVerdict(v)}}, StructuredContent: structured}, nil
}

type statsInput struct {
	AgentID *string `json:"agentId"`
}

func (s *Server) stats(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var in statsInput
	if err := decodeArgs(ToolStats, req.Params.Arguments, &in, statsArgs); err != nil {
		return toolError(err), nil
	}
	agent := s.agentID(req)
	if in.AgentID != nil && *in.AgentID != "" {
		agent = *in.AgentID
	}
	st, err := s.opts.Backend.Stats(ctx, agent)
	if err != nil {
		return toolError(fmt.Errorf("%s for agent %q: %w", ToolStats, agent, err)), nil
	}
	structured, err := marshal(st)
	if err != nil {
		return nil, fmt.Errorf("encode the statistics: %w", err)
	}
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: RenderStats(st)}}, StructuredContent: structured}, nil
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

// toolError is a tool result with isError set: the model sees the message
// and can act on it.
func toolError(err error) *mcp.CallToolResult {
	res := &mcp.CallToolResult{}
	res.SetError(err)
	return res
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

// decodeArgs decodes a tool's arguments (a JSON object; absent is {}) into
// dst, refusing unknown arguments and wrong types with a message that names
// the argument and what the tool takes.
func decodeArgs(tool string, raw json.RawMessage, dst any, known []string) error {
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		raw = json.RawMessage("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		if _, err := dec.Token(); err != io.EOF {
			return fmt.Errorf("%s: the arguments must be one JSON object", tool)
		}
		return nil
	}
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te) && te.Field == "":
		return fmt.Errorf("%s: the arguments must be a JSON object, not %s", tool, te.Value)
	case errors.As(err, &te):
		return fmt.Errorf("%s: argument %s must be %s, not %s", tool, te.Field, kindOf(te.Type.String()), te.Value)
	}
	var unknown string
	if _, scanErr := fmt.Sscanf(err.Error(), "json: unknown field %q", &unknown); scanErr == nil {
		return fmt.Errorf("%s: unknown argument %q (it takes %s)", tool, unknown, argList(known))
	}
	return fmt.Errorf("%s: the arguments are not valid JSON: %w", tool, err)
}

// kindOf names a Go type of an argument as a JSON kind.
func kindOf(goType string) string {
	switch goType {
	case "string", "*string":
		return "a string"
	case "bool", "*bool":
		return "a boolean (true or false)"
	}
	return "a " + goType
}

// wholeNumber parses a JSON number as an integer, accepting an integral
// float (2000.0).
func wholeNumber(n []byte) (int64, error) {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return i, nil
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("%s is not a whole number", n)
	}
	return int64(f), nil
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

// minLevel passes on the records at or above min.
type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(attrs []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(attrs), h.min}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.Handler.WithGroup(name), h.min}
}
