// Package upstream is "code mode": the MCP servers the operator
// configured (config.MCPServer), exposed to the code as tools, so that
// tools.<server>.<tool>(args) calls the server's tool.
//
// A Hub connects to each server as an MCP client with the official Go SDK
// (a command over its standard input and output, or a streamable HTTP
// URL), lists its tools (following pagination) and turns them into
// broker.Tool declarations named "<server>.<tool>" with the server's input
// and output schemas. A tool the code cannot name is renamed or skipped
// (ToolName); a tool whose schema the broker refuses is skipped; both are
// logged, neither is fatal.
//
// A call goes to the server's CallTool. Its answer is the tool's
// structured content when there is some, else its text parts joined, as a
// JSON string. A tool result with isError becomes a *broker.ToolError with
// code "tool_error" and the text as message. A server that exits (or whose
// connection ends) fails the calls in flight with code "server_exited"
// ("the MCP server github exited: exit status 1"); it is started again for
// the next call, at once the first time and then with a backoff that
// doubles from 500 ms up to 30 s while it keeps failing. Until then it
// keeps the tools it listed last, so that declarations do not change under
// an execution.
//
// Which agents may use which servers is the tool policy (Policy).
// Merge is the hook an execution goes through: the request's own tools
// plus the upstream tools its agent may use, one handler for both.
package upstream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"codexec/broker"
	"codexec/config"
	"codexec/internal/logfilter"
)

// Error codes of the ToolErrors a call may fail with here.
const (
	CodeToolError   = "tool_error"         // the tool answered isError
	CodeExited      = "server_exited"      // the server went away during the call
	CodeUnavailable = "server_unavailable" // the server could not be reached (it is being restarted)
	CodeUpstream    = "upstream_error"     // the server answered the call with a protocol error
	CodeUnknown     = "unknown_tool"       // the server no longer lists the tool
)

// Timing of connections.
const (
	ConnectTimeout = 20 * time.Second // starting a server and listing its tools
	minBackoff     = 500 * time.Millisecond
	maxBackoff     = 30 * time.Second
	closeWait      = 2 * time.Second // Close: a server's grace after its input closes, before SIGTERM
	// exitGrace is how long a failed call waits to learn whether its
	// server exited (its connection's end), to say so.
	exitGrace = 2 * time.Second
)

// passedEnv are the variables of the supervisor's environment a server
// started by command inherits (as MCP clients do); its env entries are
// added to them. Nothing else of the supervisor's environment is passed.
var passedEnv = []string{"PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "LANG", "LC_ALL", "TMPDIR", "TZ"}

// Options configure a Hub.
type Options struct {
	Servers map[string]config.MCPServer
	// Policy: see Policy. nil: every agent may use every server.
	Policy map[string][]string
	// Logger gets the servers' lifecycle, their skipped tools and their
	// standard error (one record per line); nil discards it.
	Logger *slog.Logger
	// Getenv reads the environment passed to servers (os.Getenv when nil).
	Getenv func(string) string
}

// Hub holds the connections to the configured servers.
type Hub struct {
	opts    Options
	log     *slog.Logger
	names   []string // servers, sorted
	servers map[string]*server
	policy  Policy
}

// Start checks the configuration and connects to every server, in
// parallel, each within ConnectTimeout. A server that cannot be reached is
// logged and tried again at the first call to it; only a configuration
// error is an error.
func Start(ctx context.Context, opts Options) (*Hub, error) {
	if err := config.CheckMCP(opts.Servers, opts.Policy); err != nil {
		return nil, err
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	h := &Hub{opts: opts, log: opts.Logger, servers: map[string]*server{}, policy: NewPolicy(opts.Policy)}
	for name, cfg := range opts.Servers {
		h.names = append(h.names, name)
		h.servers[name] = &server{name: name, cfg: cfg, hub: h}
	}
	sort.Strings(h.names)
	var wg sync.WaitGroup
	for _, name := range h.names {
		s := h.servers[name]
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.session(ctx); err != nil {
				h.log.Warn("MCP server unavailable; it is tried again at the first call", "server", name, "err", err)
			}
		}()
	}
	wg.Wait()
	return h, nil
}

// Servers are the configured servers' names, sorted.
func (h *Hub) Servers() []string { return append([]string(nil), h.names...) }

// Close stops every server: its session ends, its input is closed, and
// its process (and process group) is ended and reaped.
func (h *Hub) Close() error {
	var wg sync.WaitGroup
	for _, s := range h.servers {
		wg.Add(1)
		go func() { defer wg.Done(); s.close() }()
	}
	wg.Wait()
	return nil
}

// Tools are the declarations of the upstream tools agentID may use,
// sorted by name: each server's tools as it listed them last.
func (h *Hub) Tools(agentID string) []broker.Tool {
	var out []broker.Tool
	for _, name := range h.names {
		s := h.servers[name]
		s.mu.Lock()
		list := s.tools
		s.mu.Unlock()
		for _, t := range list {
			if h.policy.Allows(agentID, name, t.local) {
				out = append(out, t.decl)
			}
		}
	}
	return out
}

// Declarations are the TypeScript declarations of the tools agentID may
// use (TypeScript).
func (h *Hub) Declarations(agentID string) string { return TypeScript(h.Tools(agentID)) }

// Merge is an execution's tools: its own (own, answered by ownHandler)
// and the upstream tools agentID may use, with one handler that sends
// each call to the right one. A request tool named like an upstream
// server's namespace ("github" or "github.x" when the agent may use the
// server github) is refused: the operator's servers come first. A request
// that declares tools without a handler is returned as it is (the service
// refuses it).
func (h *Hub) Merge(agentID string, own []broker.Tool, ownHandler broker.Handler) ([]broker.Tool, broker.Handler, error) {
	if len(own) > 0 && ownHandler == nil {
		return own, nil, nil
	}
	up := h.Tools(agentID)
	if len(up) == 0 {
		return own, ownHandler, nil
	}
	spaces := map[string]bool{}
	for _, t := range up {
		server, _, _ := strings.Cut(t.Name, ".")
		spaces[server] = true
	}
	for _, t := range own {
		first, _, _ := strings.Cut(t.Name, ".")
		if spaces[first] {
			return nil, nil, fmt.Errorf("tool %q clashes with the MCP server %q the supervisor is configured with (tools.%s is that server's): rename the tool", t.Name, first, first)
		}
	}
	tools := make([]broker.Tool, 0, len(own)+len(up))
	tools = append(append(tools, own...), up...)
	return tools, &router{hub: h, agent: agentID, spaces: spaces, own: ownHandler}, nil
}

// Handler answers calls of upstream tools ("<server>.<tool>") for agentID.
func (h *Hub) Handler(agentID string) broker.Handler { return &router{hub: h, agent: agentID} }

// router sends a call to its upstream server, or else to own.
type router struct {
	hub    *Hub
	agent  string
	spaces map[string]bool
	own    broker.Handler
}

func (r *router) Call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error) {
	server, local, _ := strings.Cut(name, ".")
	if r.own != nil && !r.spaces[server] {
		return r.own.Call(ctx, name, args)
	}
	s := r.hub.servers[server]
	if s == nil || !r.hub.policy.Allows(r.agent, server, local) {
		return nil, &broker.ToolError{Code: CodeUnknown, Message: fmt.Sprintf("no MCP server tool %q for agent %q", name, r.agent)}
	}
	return s.call(ctx, local, args)
}

// tool is one upstream tool: its name in the code and on the server.
type tool struct {
	local  string // the name in the code, after the server's
	remote string // the name on the server
	decl   broker.Tool
}

// server is one configured server and its current session.
type server struct {
	name string
	cfg  config.MCPServer
	hub  *Hub

	mu         sync.Mutex
	sess       *mcp.ClientSession // nil while down
	done       chan struct{}      // closed when sess's connection has ended and its process is reaped
	exitErr    error              // why the last session ended
	cmd        *exec.Cmd
	tools      []tool // as listed last
	connecting chan struct{}
	lastErr    error
	failures   int
	nextTry    time.Time
	closed     bool
}

// session returns the current session, connecting (or waiting for the
// connection under way) when there is none and the backoff allows.
func (s *server) session(ctx context.Context) (*mcp.ClientSession, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, fmt.Errorf("the MCP server %s is stopped", s.name)
	}
	if s.sess != nil {
		sess := s.sess
		s.mu.Unlock()
		return sess, nil
	}
	if s.connecting == nil {
		if wait := time.Until(s.nextTry); wait > 0 {
			err := fmt.Errorf("the MCP server %s is unavailable (%v); it is tried again in %s", s.name, s.lastErr, wait.Round(time.Millisecond))
			s.mu.Unlock()
			return nil, err
		}
		s.connecting = make(chan struct{})
		go s.connect()
	}
	ch := s.connecting
	s.mu.Unlock()
	select {
	case <-ch:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sess != nil {
		return s.sess, nil
	}
	return nil, fmt.Errorf("the MCP server %s is unavailable: %v", s.name, s.lastErr)
}

// connect starts a session and lists the tools; it ends s.connecting.
func (s *server) connect() {
	ctx, cancel := context.WithTimeout(context.Background(), ConnectTimeout)
	defer cancel()
	sess, cmd, tools, err := s.open(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() { close(s.connecting); s.connecting = nil }()
	if err == nil && s.closed {
		err = errors.New("stopped")
		go closeSession(sess, cmd)
	}
	if err != nil {
		s.lastErr = err
		s.failures++
		s.nextTry = time.Now().Add(backoff(s.failures))
		return
	}
	s.sess, s.cmd, s.tools, s.failures, s.lastErr = sess, cmd, tools, 0, nil
	done := make(chan struct{})
	s.done = done
	names := make([]string, len(tools))
	for i, t := range tools {
		names[i] = t.decl.Name
	}
	pid := 0
	if cmd != nil {
		pid = cmd.Process.Pid
	}
	s.hub.log.Info("MCP server connected", "server", s.name, "pid", pid, "tools", strings.Join(names, " "))
	go s.watch(sess, cmd, done)
}

func backoff(failures int) time.Duration {
	d := minBackoff
	for i := 1; i < failures && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

// watch waits for the session's end, reaps its process, and marks the
// server down (it is started again at the next call, at once).
func (s *server) watch(sess *mcp.ClientSession, cmd *exec.Cmd, done chan struct{}) {
	werr := sess.Wait()
	cerr := closeSession(sess, cmd)
	why := werr
	if cmd != nil && cmd.ProcessState != nil {
		why = errors.New(cmd.ProcessState.String())
	} else if why == nil {
		why = cerr
	}
	if why == nil {
		why = errors.New("its connection ended")
	}
	s.mu.Lock()
	if s.sess == sess {
		s.sess, s.cmd, s.exitErr = nil, nil, why
		s.lastErr = fmt.Errorf("it exited: %v", why)
		s.nextTry = time.Time{}
	}
	closing := s.closed
	s.mu.Unlock()
	close(done)
	if !closing {
		s.hub.log.Warn("MCP server exited; it is started again at the next call", "server", s.name, "why", why.Error())
	}
}

// closeSession ends a session: closing it closes the server's input and
// waits for it to exit (SIGTERM, then SIGKILL, after closeWait each); then
// whatever is left of its process group is killed.
func closeSession(sess *mcp.ClientSession, cmd *exec.Cmd) error {
	err := sess.Close()
	if cmd != nil && cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	return err
}

func (s *server) close() {
	s.mu.Lock()
	s.closed = true
	sess, cmd, done := s.sess, s.cmd, s.done
	s.mu.Unlock()
	if sess == nil {
		return
	}
	_ = closeSession(sess, cmd)
	<-done
}

// open starts a session and lists the server's tools.
func (s *server) open(ctx context.Context) (*mcp.ClientSession, *exec.Cmd, []tool, error) {
	var t mcp.Transport
	var cmd *exec.Cmd
	if s.cfg.Command != "" {
		cmd = exec.Command(s.cfg.Command, s.cfg.Args...)
		cmd.Env = s.env()
		cmd.Stderr = &lineLog{log: s.hub.log, server: s.name}
		// Its own process group: Close ends what it started, too.
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
		t = &mcp.CommandTransport{Command: cmd, TerminateDuration: closeWait}
	} else {
		t = &mcp.StreamableClientTransport{Endpoint: s.cfg.URL, MaxRetries: 1}
	}
	c := mcp.NewClient(&mcp.Implementation{Name: "codexec", Version: "1"}, &mcp.ClientOptions{
		Logger: slog.New(logfilter.MinLevel(s.hub.log.Handler(), slog.LevelWarn)).With("server", s.name),
	})
	sess, err := c.Connect(ctx, t, nil)
	if err != nil {
		if cmd != nil && cmd.Process != nil {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			_ = cmd.Wait()
		}
		return nil, nil, nil, fmt.Errorf("connect: %w", err)
	}
	var listed []*mcp.Tool
	for t, err := range sess.Tools(ctx, nil) {
		if err != nil {
			_ = closeSession(sess, cmd)
			return nil, nil, nil, fmt.Errorf("list its tools: %w", err)
		}
		listed = append(listed, t)
		if len(listed) > broker.MaxTools*8 {
			break
		}
	}
	return sess, cmd, s.declare(listed), nil
}

// env is a command's environment: passedEnv from the supervisor's, then
// the configured entries.
func (s *server) env() []string {
	m := map[string]string{}
	for _, k := range passedEnv {
		if v := s.hub.opts.Getenv(k); v != "" {
			m[k] = v
		}
	}
	for k, v := range s.cfg.Env {
		m[k] = v
	}
	env := make([]string, 0, len(m))
	for k, v := range m {
		env = append(env, k+"="+v)
	}
	sort.Strings(env)
	return env
}

// declare turns the listed tools into declarations, skipping (and
// logging) those the code could not call.
func (s *server) declare(listed []*mcp.Tool) []tool {
	var out []tool
	taken := map[string]string{}
	sort.SliceStable(listed, func(i, j int) bool { return listed[i].Name < listed[j].Name })
	for _, t := range listed {
		local, renamed := ToolName(t.Name)
		skip := func(why string) { s.hub.log.Warn("MCP tool skipped", "server", s.name, "tool", t.Name, "why", why) }
		if local == "" {
			skip("its name has no letter or digit to make an identifier of")
			continue
		}
		if prev, ok := taken[local]; ok {
			skip(fmt.Sprintf("its name as an identifier, %q, is also %q's", local, prev))
			continue
		}
		d := broker.Tool{Name: s.name + "." + local, Description: t.Description}
		var err error
		if d.InputSchema, err = schemaJSON(t.InputSchema); err != nil {
			skip("inputSchema: " + err.Error())
			continue
		}
		if len(d.InputSchema) == 0 {
			d.InputSchema = json.RawMessage(`{"type":"object"}`)
		}
		if d.OutputSchema, err = schemaJSON(t.OutputSchema); err != nil {
			skip("outputSchema: " + err.Error())
			continue
		}
		if len(d.Description) > broker.MaxDescriptionBytes {
			d.Description = cutUTF8(d.Description, broker.MaxDescriptionBytes-3) + "..."
		}
		if err := broker.CheckTools([]broker.Tool{d}); err != nil {
			skip(err.Error())
			continue
		}
		if renamed {
			s.hub.log.Info("MCP tool renamed for the code", "server", s.name, "tool", t.Name, "as", d.Name)
		}
		taken[local] = t.Name
		out = append(out, tool{local: local, remote: t.Name, decl: d})
	}
	return out
}

func schemaJSON(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if string(b) == "null" {
		return nil, nil
	}
	return b, nil
}

func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// call calls one tool (by its name in the code) on the server.
func (s *server) call(ctx context.Context, local string, args json.RawMessage) (json.RawMessage, error) {
	sess, err := s.session(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &broker.ToolError{Code: CodeUnavailable, Message: err.Error()}
	}
	s.mu.Lock()
	remote := ""
	for _, t := range s.tools {
		if t.local == local {
			remote = t.remote
		}
	}
	done := s.done
	s.mu.Unlock()
	if remote == "" {
		return nil, &broker.ToolError{Code: CodeUnknown, Message: fmt.Sprintf("the MCP server %s no longer lists the tool %q", s.name, local)}
	}
	if len(args) == 0 {
		args = json.RawMessage(`{}`)
	}
	res, err := sess.CallTool(ctx, &mcp.CallToolParams{Name: remote, Arguments: args})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// Did the server go away? Its connection's end says so, soon.
		select {
		case <-done:
			s.mu.Lock()
			why := s.exitErr
			s.mu.Unlock()
			if why == nil {
				why = err
			}
			verb := "exited"
			if s.cfg.URL != "" {
				verb = "went away"
			}
			return nil, &broker.ToolError{Code: CodeExited, Message: fmt.Sprintf("the MCP server %s %s during the call: %v", s.name, verb, why)}
		case <-time.After(exitGrace):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return nil, &broker.ToolError{Code: CodeUpstream, Message: fmt.Sprintf("the MCP server %s: %v", s.name, err)}
	}
	return answer(res)
}

// answer is a tool result as the code gets it.
func answer(res *mcp.CallToolResult) (json.RawMessage, error) {
	var text strings.Builder
	for _, c := range res.Content {
		if t, ok := c.(*mcp.TextContent); ok {
			text.WriteString(t.Text)
		}
	}
	if res.IsError {
		msg := text.String()
		if msg == "" {
			msg = "the tool failed (it said nothing more)"
		}
		return nil, &broker.ToolError{Code: CodeToolError, Message: msg}
	}
	if res.StructuredContent != nil {
		b, err := json.Marshal(res.StructuredContent)
		if err != nil {
			return nil, err
		}
		if string(b) != "null" {
			return b, nil
		}
	}
	return json.Marshal(text.String())
}

// lineLog logs a server's standard error, one record per line (a line cut
// at 4 KiB).
type lineLog struct {
	log    *slog.Logger
	server string
	mu     sync.Mutex
	buf    []byte
}

func (l *lineLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	for {
		i := strings.IndexByte(string(l.buf), '\n')
		if i < 0 {
			if len(l.buf) > 4096 {
				l.log.Info("MCP server stderr", "server", l.server, "line", string(l.buf[:4096]))
				l.buf = l.buf[:0]
			}
			return len(p), nil
		}
		line := l.buf[:i]
		if len(line) > 4096 {
			line = line[:4096]
		}
		l.log.Info("MCP server stderr", "server", l.server, "line", string(line))
		l.buf = l.buf[i+1:]
	}
}
