package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"codexec/api/client"
	"codexec/audit"
	"codexec/config"
	"codexec/detect"
	"codexec/internal/testutil"
	"codexec/mcpserver"
	"codexec/result"
)

// mcpSession is a real `supervisor mcp` subprocess and an MCP client of the
// official SDK talking to it over the SDK's command (stdio) transport.
type mcpSession struct {
	*mcp.ClientSession
	cmd        *exec.Cmd
	transcript *testutil.SyncBuffer // every JSON-RPC message, as the client wrote and read it
	stderr     *testutil.SyncBuffer
	tools      map[string]*mcp.Tool
}

// startMcp starts bin/supervisor mcp with args and env, connects a client
// named clientName (at protocol, or the SDK's newest when empty) and lists
// the tools.
func startMcp(t *testing.T, clientName, protocol string, env []string, args ...string) *mcpSession {
	t.Helper()
	cmd := exec.Command(testutil.Supervisor(t), append([]string{"mcp"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	s := &mcpSession{cmd: cmd, transcript: &testutil.SyncBuffer{}, stderr: &testutil.SyncBuffer{}}
	cmd.Stderr = s.stderr
	c := mcp.NewClient(&mcp.Implementation{Name: clientName, Version: "1.0.0"}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var err error
	s.ClientSession, err = c.Connect(ctx, &mcp.LoggingTransport{Transport: &mcp.CommandTransport{Command: cmd}, Writer: s.transcript},
		&mcp.ClientSessionOptions{ProtocolVersion: protocol})
	if err != nil {
		t.Fatalf("connect to supervisor mcp: %v\nstderr:\n%s", err, s.stderr)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			s.ClientSession.Close()
		}
	})
	tools, err := s.ListTools(ctx, nil)
	if err != nil {
		t.Fatalf("tools/list: %v", err)
	}
	s.tools = map[string]*mcp.Tool{}
	for _, tool := range tools.Tools {
		s.tools[tool.Name] = tool
	}
	return s
}

// call calls a tool with raw JSON arguments (so that their key order is
// what the test wrote).
func (s *mcpSession) call(t *testing.T, tool, args string) *mcp.CallToolResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := s.CallTool(ctx, &mcp.CallToolParams{Name: tool, Arguments: json.RawMessage(args)})
	if err != nil {
		t.Fatalf("tools/call %s %s: a protocol error: %v\nstderr:\n%s", tool, args, err, s.stderr)
	}
	if len(res.Content) != 1 {
		t.Fatalf("tools/call %s: %d content blocks, want one text", tool, len(res.Content))
	}
	if _, ok := res.Content[0].(*mcp.TextContent); !ok {
		t.Fatalf("tools/call %s: content %T, want text", tool, res.Content[0])
	}
	if res.StructuredContent == nil {
		t.Fatalf("tools/call %s %s: no structured content", tool, args)
	}
	checkOutputSchema(t, s.tools[tool], res.StructuredContent)
	// The text is the structured content's JSON (cut only past 16 KiB).
	var txt any
	if err := json.Unmarshal([]byte(text(res)), &txt); err != nil || !reflect.DeepEqual(txt, res.StructuredContent) {
		t.Errorf("tools/call %s: text %.200s is not the structured content's JSON (%v)", tool, text(res), err)
	}
	return res
}

// close ends the session the way a client does (closing the server's
// standard input) and requires the server to exit 0.
func (s *mcpSession) close(t *testing.T) {
	t.Helper()
	if err := s.ClientSession.Close(); err != nil {
		t.Errorf("close the session: %v", err)
	}
	if s.cmd.ProcessState == nil || !s.cmd.ProcessState.Success() {
		t.Errorf("supervisor mcp did not exit 0 when its input closed: %v\nstderr:\n%s", s.cmd.ProcessState, s.stderr)
	}
}

// exchange returns the tools/call request the client wrote whose arguments
// contain marker, and the response it read for it, as the JSON-RPC text.
func (s *mcpSession) exchange(t *testing.T, marker string) (request, response string) {
	t.Helper()
	type line struct {
		dir, msg string
		id       json.RawMessage
		method   string
	}
	var lines []line
	for _, l := range strings.Split(s.transcript.String(), "\n") {
		dir, msg, ok := strings.Cut(l, ": ")
		if !ok {
			continue
		}
		var m struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
		}
		if json.Unmarshal([]byte(msg), &m) == nil {
			lines = append(lines, line{dir, msg, m.ID, m.Method})
		}
	}
	// The transport logs a message it wrote after the write returns, so
	// a quick answer can come before its request in the transcript.
	for _, req := range lines {
		if req.dir != "write" || req.method != "tools/call" || !strings.Contains(req.msg, marker) {
			continue
		}
		for _, resp := range lines {
			if resp.dir == "read" && resp.method == "" && string(resp.id) == string(req.id) {
				return req.msg, resp.msg
			}
		}
	}
	t.Fatalf("no tools/call exchange with %q in the transcript", marker)
	return "", ""
}

// checkOutputSchema validates structured content against the tool's
// output schema as the client received it.
func checkOutputSchema(t *testing.T, tool *mcp.Tool, structured any) {
	t.Helper()
	if tool == nil || tool.OutputSchema == nil {
		t.Fatalf("structured content from a tool without an output schema")
	}
	raw, err := json.Marshal(tool.OutputSchema)
	if err != nil {
		t.Fatal(err)
	}
	var schema jsonschema.Schema
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatalf("%s's output schema: %v", tool.Name, err)
	}
	rs, err := schema.Resolve(nil)
	if err != nil {
		t.Fatalf("%s's output schema does not resolve: %v", tool.Name, err)
	}
	if err := rs.Validate(structured); err != nil {
		t.Errorf("%s's structured content does not match its output schema: %v", tool.Name, err)
	}
}

// structured decodes a tool result's structured content into v.
func structured(t *testing.T, res *mcp.CallToolResult, v any) {
	t.Helper()
	raw, err := json.Marshal(res.StructuredContent)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("structured content %s: %v", raw, err)
	}
}

func text(res *mcp.CallToolResult) string { return res.Content[0].(*mcp.TextContent).Text }

// The stdio server, in-process: the tools it lists, JavaScript and
// TypeScript runs, every failing status as a tool error with an actionable
// text, validation, statistics, and the audit records it leaves.
func TestMcpStdio(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	dataDir := t.TempDir()
	cfg := writeFile(t, "config.json", `{"limits": {"timeout": 4000}}`)
	s := startMcp(t, "Test Agent (codexec)", "", []string{"CODEXEC_DATA_DIR=" + dataDir, "CODEXEC_SOCKET=off",
		"CODEXEC_RUNNER=" + testutil.Runner(t)}, "--allow-weak-isolation", "--config", cfg)
	const agent = "Test-Agent-codexec" // the client's name, made into an id

	t.Run("tools/list", func(t *testing.T) {
		var names []string
		for name := range s.tools {
			names = append(names, name)
		}
		sort.Strings(names)
		if want := []string{"code_execute", "code_validate", "execution_stats"}; !reflect.DeepEqual(names, want) {
			t.Fatalf("tools %v, want %v", names, want)
		}
		for name, tool := range s.tools {
			if tool.Description == "" || tool.InputSchema == nil || tool.OutputSchema == nil {
				t.Errorf("%s: description, input or output schema missing", name)
			}
		}
		in := s.tools["code_execute"].InputSchema.(map[string]any)
		props := in["properties"].(map[string]any)
		for _, p := range []string{"code", "language", "context", "timeout"} {
			if _, ok := props[p]; !ok {
				t.Errorf("code_execute's input schema lacks %s", p)
			}
		}
		if req, _ := json.Marshal(in["required"]); string(req) != `["code"]` {
			t.Errorf("code_execute requires %s", req)
		}
		// The limits of --config.
		for _, w := range []string{"return", "context", "timeout 4000 ms by default"} {
			if !strings.Contains(s.tools["code_execute"].Description, w) {
				t.Errorf("code_execute's description lacks %q", w)
			}
		}
	})

	tests := []struct {
		name    string
		args    string
		status  result.Status // "": no execution (an argument refused before anything ran)
		inText  []string
		check   func(t *testing.T, res result.Result)
		isError bool
	}{
		{name: "javascript", status: result.OK,
			args: `{"code": "console.log('summing', context.xs.length); return {sum: context.xs.reduce((a, b) => a + b, 0), keys: Object.keys(context)}", "context": {"xs": [1, 2, 3], "b": true, "a": null}}`,
			// The context reaches the code in the order it was sent.
			inText: []string{`"output":{"sum":6,"keys":["xs","b","a"]}`, `{"level":"log","message":"summing 3"}`},
			check: func(t *testing.T, res result.Result) {
				if res.Language != "javascript" || len(res.Logs) != 1 || res.Logs[0].Message != "summing 3" || res.Error != nil {
					t.Errorf("result %+v", res)
				}
			}},
		{name: "typescript", status: result.OK,
			args:   `{"code": "interface Order { price: number; qty: number }\nconst orders = context.orders as Order[];\nreturn orders.reduce((s: number, o: Order) => s + o.price * o.qty, 0)", "language": "typescript", "context": {"orders": [{"price": 2.5, "qty": 4}, {"price": 1, "qty": 3}]}}`,
			inText: []string{`"output":13`, `"language":"typescript"`},
			check: func(t *testing.T, res result.Result) {
				if string(res.Output) != "13" || res.Language != "typescript" {
					t.Errorf("result %+v", res)
				}
			}},
		{name: "typescript throws, at its TypeScript line", status: result.Error, isError: true,
			args:   `{"code": "const n: number = context.n;\nif (n > 1) {\n  throw new Error('too big: ' + n)\n}\nreturn n", "language": "typescript", "context": {"n": 5}}`,
			inText: []string{`"message":"Error: too big: 5","line":3,"column":`, "threw an exception"},
			check: func(t *testing.T, res result.Result) {
				if res.Error == nil || res.Error.Line != 3 {
					t.Errorf("error %+v, want line 3", res.Error)
				}
			}},
		{name: "blocked", status: result.Blocked, isError: true,
			args:   `{"code": "const f = [].constructor.constructor;\nreturn f('return process')()"}`,
			inText: []string{`"status":"blocked"`, `"rule":"constructor-chain"`, `"line":1,"column":`, "Nothing ran."},
			check: func(t *testing.T, res result.Result) {
				if len(res.Validation.Findings) == 0 || res.Validation.Findings[0].Rule != "constructor-chain" || res.Validation.RiskScore != 1 {
					t.Errorf("validation %+v", res.Validation)
				}
			}},
		{name: "timeout", status: result.Timeout, isError: true,
			args:   `{"code": "let i = 0;\nwhile (true) { i++ }", "timeout": 200}`,
			inText: []string{"execution exceeded the 200 ms timeout", "loop-no-exit", "pass a larger timeout"},
			check: func(t *testing.T, res result.Result) {
				if !res.ResourceUsage.Timeout {
					t.Errorf("resourceUsage %+v, want timeout", res.ResourceUsage)
				}
			}},
		{name: "invalid", status: result.Invalid, isError: true,
			args:   `{"code": "return 1", "timeout": 60000}`,
			inText: []string{"timeout: 60000 ms is outside [1, 30000] ms", `"argument":"timeout"`, "Fix the argument"}},
		{name: "unknown argument", isError: true,
			args:   `{"code": "return 1", "memoryLimit": 64}`,
			inText: []string{`unknown argument \"memoryLimit\"`, `"argument":"memoryLimit"`}},
		{name: "unsupported language", isError: true,
			args:   `{"code": "return 1", "language": "python"}`,
			inText: []string{`\"python\" is not supported`, `"argument":"language"`}},
	}
	var records []result.Result
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := s.call(t, "code_execute", tt.args)
			if res.IsError != tt.isError {
				t.Errorf("isError %v, want %v: %s", res.IsError, tt.isError, text(res))
			}
			for _, w := range tt.inText {
				if !strings.Contains(text(res), w) {
					t.Errorf("text lacks %q:\n%s", w, text(res))
				}
			}
			if tt.status == "" {
				// Refused before anything ran: nothing is recorded.
				var r result.Result
				structured(t, res, &r)
				if r.Status != result.Invalid || r.ID != "" || r.Language != "" {
					t.Errorf("refused call: %+v, want status invalid without an id or a language", r)
				}
				return
			}
			var r result.Result
			structured(t, res, &r)
			if r.Status != tt.status || r.Success != (tt.status == result.OK) || !strings.HasPrefix(r.ID, "exec_") || len(r.CodeHash) != 64 {
				t.Fatalf("result %+v, want status %s", r, tt.status)
			}
			if !strings.Contains(text(res), r.ID) {
				t.Errorf("text lacks the execution id")
			}
			if tt.check != nil {
				tt.check(t, r)
			}
			records = append(records, r)
		})
	}

	t.Run("code_validate", func(t *testing.T) {
		for _, tt := range []struct {
			args   string
			status result.Status
			inText string
		}{
			{`{"code": "const cp = require('child_process');\nreturn cp.execSync('id')"}`, result.Blocked, `"rule":"require"`},
			{`{"code": "const n: number = 1; return n", "language": "typescript"}`, result.OK, `"status":"ok","allowed":true,"language":"typescript"`},
			{`{"code": "return (1"}`, result.Error, `"status":"error"`},
		} {
			res := s.call(t, "code_validate", tt.args)
			var v mcpserver.Verdict
			structured(t, res, &v)
			if res.IsError || v.Status != tt.status || !strings.Contains(text(res), tt.inText) {
				t.Errorf("code_validate %s: isError %v, verdict %+v, text %q", tt.args, res.IsError, v, text(res))
			}
		}
	})

	t.Run("execution_stats", func(t *testing.T) {
		var st audit.AgentStats
		structured(t, s.call(t, "execution_stats", `{}`), &st)
		if st.AgentID != agent || st.TotalExecutions != int64(len(records)) {
			t.Errorf("stats %+v, want %d executions of %s", st, len(records), agent)
		}
		want := map[result.Status]int64{}
		for _, r := range records {
			want[r.Status]++
		}
		if !reflect.DeepEqual(st.Statuses, want) {
			t.Errorf("statuses %v, want %v", st.Statuses, want)
		}
		structured(t, s.call(t, "execution_stats", `{"agentId": "someone-else"}`), &st)
		if st.AgentID != "someone-else" || st.TotalExecutions != 0 {
			t.Errorf("stats of another agent %+v", st)
		}
	})

	for _, marker := range []string{"summing", "return process"} {
		req, resp := s.exchange(t, marker)
		t.Logf("code_execute, as the client sent and received it:\n--> %s\n<-- %s", req, resp)
	}
	s.close(t)

	t.Run("audit records", func(t *testing.T) {
		channel := ""
		for _, r := range records {
			var out, errb strings.Builder
			st := &State{Args: []string{"show", r.ID, "--json"}, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
				Getenv: func(k string) string {
					return map[string]string{"CODEXEC_DATA_DIR": dataDir, "CODEXEC_SOCKET": "off"}[k]
				}, Executable: os.Executable}
			if code := Execute(st); code != 0 {
				t.Fatalf("show %s: exit %d: %s", r.ID, code, errb.String())
			}
			var rec audit.Record
			if err := json.Unmarshal([]byte(out.String()), &rec); err != nil {
				t.Fatalf("show %s: %v", r.ID, err)
			}
			if rec.AgentID != agent || rec.Status != r.Status || rec.CodeHash != r.CodeHash || rec.Language != r.Language {
				t.Errorf("record %+v, want agent %s and the result's status, hash and language", rec, agent)
			}
			if channel == "" {
				channel = rec.ChannelID
			}
			// One session: one channel, made up for it (stdio has no
			// session id).
			if !strings.HasPrefix(rec.ChannelID, mcpserver.ChannelPrefix) || rec.ChannelID != channel {
				t.Errorf("record %s: channel %q, want one mcp- channel for the session (%q)", r.ID, rec.ChannelID, channel)
			}
		}
	})
}

// startDaemon starts bin/supervisor serve on a socket in dir and waits
// until it answers; stop (also run at the end of the test) stops it.
func startDaemon(t *testing.T, dir string) (sock string, stop func()) {
	t.Helper()
	sock = filepath.Join(dir, "s.sock")
	cmd := exec.Command(testutil.Supervisor(t), "serve", "--socket", sock, "--data-dir", filepath.Join(dir, "daemon-data"), "--allow-weak-isolation")
	logs := &testutil.SyncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Stopped with SIGTERM, so that it takes its warm runners with it.
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cmd.Process.Signal(syscall.SIGTERM)
			if err := cmd.Wait(); err != nil {
				t.Errorf("the daemon exited with %v after SIGTERM:\n%s", err, logs)
			}
		})
	}
	t.Cleanup(stop)
	c := client.New(sock)
	deadline := time.Now().Add(10 * time.Second)
	for !c.Reachable(context.Background()) {
		if time.Now().After(deadline) {
			t.Fatalf("the daemon did not come up:\n%s", logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return sock, stop
}

// With --socket, executions go through the daemon: its limits, its audit
// trail (with the peer's credentials), its statistics; validation uses the
// daemon's limits. The client here speaks the pre-2026 protocol
// (initialize), as most clients in the field do.
func TestMcpThroughDaemon(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	dir := t.TempDir()
	sock, stopDaemon := startDaemon(t, dir)
	c := client.New(sock)
	ctx := context.Background()
	lim, err := c.PatchConfig(ctx, map[string]any{"timeout": 3000, "allowBuiltinModules": true})
	if err != nil {
		t.Fatalf("configure the daemon: %v", err)
	}
	localData := filepath.Join(dir, "local-data")
	s := startMcp(t, "Claude Desktop", "2025-06-18", []string{"CODEXEC_DATA_DIR=" + localData}, "--socket", sock, "--agent", "via-daemon")

	if d := s.tools["code_execute"].Description; !strings.Contains(d, "timeout 3000 ms by default") {
		t.Errorf("code_execute's description does not state the daemon's timeout:\n%s", d)
	}

	var ok result.Result
	res := s.call(t, "code_execute", `{"code": "await new Promise(r => setTimeout(r, 10));\nreturn context.greeting + ', daemon'", "context": {"greeting": "hello"}}`)
	structured(t, res, &ok)
	if res.IsError || ok.Status != result.OK || string(ok.Output) != `"hello, daemon"` {
		t.Fatalf("through the daemon: isError %v, %+v", res.IsError, ok)
	}
	var blocked result.Result
	res = s.call(t, "code_execute", `{"code": "return process.env"}`)
	structured(t, res, &blocked)
	if !res.IsError || blocked.Status != result.Blocked || !strings.Contains(text(res), `"rule":"process"`) {
		t.Errorf("blocked through the daemon: isError %v, %+v\n%s", res.IsError, blocked, text(res))
	}

	channel := ""
	for _, r := range []result.Result{ok, blocked} {
		rec, err := c.Get(ctx, r.ID)
		if err != nil {
			t.Fatalf("the daemon has no record of %s: %v", r.ID, err)
		}
		if rec.AgentID != "via-daemon" || rec.Status != r.Status || rec.PeerUID == nil || *rec.PeerUID != int64(os.Getuid()) {
			t.Errorf("daemon's record %+v", rec)
		}
		if channel == "" {
			channel = rec.ChannelID
		}
		if !strings.HasPrefix(rec.ChannelID, mcpserver.ChannelPrefix) || rec.ChannelID != channel {
			t.Errorf("record %s: channel %q, want one mcp- channel (%q)", r.ID, rec.ChannelID, channel)
		}
	}

	// The daemon allows the built-in modules; the defaults do not: the
	// verdict is the one the daemon's limits give.
	const code = "const path = require('path');\nreturn path.join('a', 'b')"
	var v mcpserver.Verdict
	res = s.call(t, "code_validate", `{"code": "const path = require('path');\nreturn path.join('a', 'b')"}`)
	structured(t, res, &v)
	want, err := mcpserver.ValidateCode(detect.Submission{Code: code}, lim)
	if err != nil {
		t.Fatal(err)
	}
	if want.Findings == nil {
		want.Findings = []result.Finding{}
	}
	if !reflect.DeepEqual(v, want) || v.Status != result.OK {
		t.Errorf("verdict through the daemon %+v, want %+v", v, want)
	}
	if def, _ := mcpserver.ValidateCode(detect.Submission{Code: code}, config.DefaultLimits()); def.Status != result.Blocked {
		t.Errorf("with the default limits the verdict is %s, want blocked (the test shows nothing otherwise)", def.Status)
	}

	var st audit.AgentStats
	structured(t, s.call(t, "execution_stats", `{}`), &st)
	if st.AgentID != "via-daemon" || st.TotalExecutions != 2 {
		t.Errorf("the daemon's stats %+v, want 2 executions of via-daemon", st)
	}

	s.close(t)
	if _, err := os.Stat(localData); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("supervisor mcp --socket opened an audit trail of its own in %s", localData)
	}
	stopDaemon()
}

// The command's own failures: before any protocol, with exit codes and
// nothing on standard output.
func TestMcpCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: builds the runner")
	}
	cfg := writeFile(t, "config.json", `{"limits": {"timeout": 1000}}`)
	tests := []struct {
		name  string
		args  []string
		want  int
		inErr string
	}{
		{"input closed at once", []string{"mcp", "--allow-weak-isolation"}, 0, "the client closed the session"},
		{"limits from --config", []string{"mcp", "--allow-weak-isolation", "--config", cfg}, 0, "serving MCP on stdio"},
		{"bad --agent", []string{"mcp", "--agent", "two words"}, 2, "--agent: agentId: contains ' '"},
		{"--config with --socket", []string{"mcp", "--socket", "/nowhere.sock", "--config", cfg}, 2, "in-process only"},
		{"--pool-size with --socket", []string{"mcp", "--socket", "/nowhere.sock", "--pool-size", "2"}, 2, "--pool-size applies in-process only"},
		{"--max-concurrent 0", []string{"mcp", "--allow-weak-isolation", "--max-concurrent", "0"}, 2, "--max-concurrent 0: give at least 1"},
		{"--max-queue -1", []string{"mcp", "--allow-weak-isolation", "--max-queue", "-1"}, 2, "--max-queue -1: give 0 or more"},
		{"--pool-size over the bound", []string{"mcp", "--allow-weak-isolation", "--pool-size", "100000"}, 2, "poolSize = 100000 is outside"},
		{"no daemon on --socket", []string{"mcp", "--socket", filepath.Join(t.TempDir(), "none.sock")}, 70, "no supervisor answers"},
		{"arguments", []string{"mcp", "extra"}, 2, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, "", tt.args...)
			if code != tt.want || !strings.Contains(stderr, tt.inErr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.want, tt.inErr)
			}
			if stdout != "" {
				t.Errorf("stdout %q: a stdio server writes nothing there but the protocol", stdout)
			}
		})
	}
}

// Standard output carries the protocol only: every line a raw client reads
// is one JSON-RPC message, console output of the code included.
func TestMcpStdoutIsProtocolOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	cmd := exec.Command(testutil.Supervisor(t), "mcp", "--allow-weak-isolation")
	cmd.Env = append(os.Environ(), "CODEXEC_DATA_DIR="+t.TempDir(), "CODEXEC_SOCKET=off")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := &testutil.SyncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	for _, m := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"code_execute","arguments":{"code":"console.log('a console line'); process.stdout.write('x'); return 1"}}}`,
		`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"code_execute","arguments":{"code":"console.log('a console line'); return 1"}}}`,
	} {
		if _, err := stdin.Write([]byte(m + "\n")); err != nil {
			t.Fatal(err)
		}
	}
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	answered := map[string]string{}
	for len(answered) < 3 && sc.Scan() {
		var m struct {
			JSONRPC string          `json:"jsonrpc"`
			ID      json.RawMessage `json:"id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil || m.JSONRPC != "2.0" {
			t.Fatalf("stdout line %q is not a JSON-RPC message", sc.Text())
		}
		answered[string(m.ID)] = sc.Text()
	}
	if len(answered) < 3 {
		t.Fatalf("answers %v; stderr:\n%s", answered, stderr)
	}
	if !strings.Contains(answered["2"], `"isError":true`) || !strings.Contains(answered["3"], `a console line`) {
		t.Errorf("answers:\n%s\n%s", answered["2"], answered["3"])
	}
	stdin.Close()
	if sc.Scan() {
		t.Errorf("more on stdout after the answers: %q", sc.Text())
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr.String(), "serving MCP on stdio") {
		t.Errorf("stderr %q", stderr.String())
	}
}

// The configuration snippets of README.md's "MCP server" section work as
// written: the command (here, the freshly built supervisor in place of the
// installed one) with the snippet's arguments, started by an MCP client,
// runs code; the socket of the daemon snippet is a test daemon's.
func TestMcpReadmeSnippets(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	testutil.RequireRoot(t) // the in-process snippet promises full isolation, which needs root
	readme, err := os.ReadFile(filepath.Join(testutil.ModuleRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## MCP server\n")
	if !ok {
		t.Fatal("README.md has no MCP server section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	const installed = "/usr/local/lib/codexec/supervisor"
	const defaultSocket = "/run/codexec/supervisor.sock"
	var sock string
	snippets := 0
	for _, block := range strings.Split(section, "```json\n")[1:] {
		block, _, _ = strings.Cut(block, "```")
		var cfg struct {
			MCPServers map[string]struct {
				Command string   `json:"command"`
				Args    []string `json:"args"`
			} `json:"mcpServers"`
		}
		if err := json.Unmarshal([]byte(block), &cfg); err != nil {
			t.Fatalf("a snippet is not valid JSON: %v\n%s", err, block)
		}
		server, ok := cfg.MCPServers["codexec"]
		if !ok || server.Command != installed {
			t.Fatalf("snippet %s: want mcpServers.codexec with command %s", block, installed)
		}
		snippets++
		args := append([]string(nil), server.Args...)
		for i, a := range args {
			if a == defaultSocket {
				if sock == "" {
					sock, _ = startDaemon(t, t.TempDir())
				}
				args[i] = sock
			}
		}
		if len(args) == 0 || args[0] != "mcp" {
			t.Fatalf("snippet args %v", args)
		}
		t.Run(strings.Join(server.Args, " "), func(t *testing.T) {
			s := startMcp(t, "Claude Desktop", "", []string{"CODEXEC_DATA_DIR=" + t.TempDir(), "CODEXEC_SOCKET=", "CODEXEC_RUNNER="}, args[1:]...)
			var r result.Result
			structured(t, s.call(t, "code_execute", `{"code": "return context.a * context.b", "context": {"a": 6, "b": 7}}`), &r)
			if r.Status != result.OK || string(r.Output) != "42" {
				t.Errorf("result %+v", r)
			}
			s.close(t)
		})
	}
	if snippets != 2 {
		t.Errorf("%d snippets in the MCP server section, want 2 (in-process and through the daemon)", snippets)
	}
}

// In-process, supervisor mcp keeps runners ready as the daemon does
// (--pool-size) and runs at most --max-concurrent executions at once.
func TestMcpWarmPoolAndAdmission(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts runners")
	}
	testutil.RequireRoot(t)
	s := startMcp(t, "pool-test", "", nil, "--data-dir", t.TempDir(), "--pool-size", "2", "--max-concurrent", "1")
	pid := s.cmd.Process.Pid
	waitChildren := func(n int) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for len(testutil.Children(pid)) != n {
			if time.Now().After(deadline) {
				t.Fatalf("supervisor mcp has %d child processes, want %d ready runners", len(testutil.Children(pid)), n)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitChildren(2) // the pool fills before any call
	for i := 0; i < 3; i++ {
		res := s.call(t, "code_execute", `{"code": "return 6 * 7"}`)
		if res.IsError || !strings.Contains(text(res), "42") {
			t.Fatalf("call %d: %s", i, text(res))
		}
		waitChildren(2) // and refills after each
	}
	if !strings.Contains(s.stderr.String(), "poolSize=2 maxConcurrent=1") {
		t.Errorf("the start-up line does not say the pool size and admission: %s", s.stderr)
	}

	// One slot: two calls at once run one after the other (each returns
	// when its code started and ended; the two spans must not overlap).
	var wg sync.WaitGroup
	spans := make([][2]float64, 2)
	for i := range spans {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			res := s.call(t, "code_execute", `{"code": "const a = Date.now(); await new Promise(r => setTimeout(r, 500)); return [a, Date.now()]"}`)
			var out struct{ Output [2]float64 }
			structured(t, res, &out)
			spans[i] = out.Output
		}(i)
	}
	wg.Wait()
	if a, b := spans[0], spans[1]; a[0] < b[1] && b[0] < a[1] {
		t.Errorf("with --max-concurrent 1, two executions overlapped: %v and %v", a, b)
	}
	s.close(t)
	if kids := testutil.Children(pid); len(kids) != 0 {
		t.Errorf("runners left after the session: %v", kids)
	}
}
