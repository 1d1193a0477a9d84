package upstream

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"codexec/broker"
	"codexec/config"
	"codexec/internal/testutil"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}

func start(t *testing.T, policy map[string][]string, servers ...string) (*Hub, *testutil.SyncBuffer) {
	t.Helper()
	bin := testutil.MCPTestServer(t)
	cfg := map[string]config.MCPServer{}
	for _, s := range servers {
		cfg[s] = config.MCPServer{Command: bin, Env: map[string]string{"GREETING": "hello from " + s}}
	}
	logs := &testutil.SyncBuffer{}
	h, err := Start(context.Background(), Options{Servers: cfg, Policy: policy, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h, logs
}

func names(tools []broker.Tool) string {
	var n []string
	for _, t := range tools {
		n = append(n, t.Name)
	}
	return strings.Join(n, " ")
}

func call(t *testing.T, h broker.Handler, name, args string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := h.Call(ctx, name, json.RawMessage(args))
	return string(out), err
}

func toolErr(t *testing.T, err error) *broker.ToolError {
	t.Helper()
	var te *broker.ToolError
	if !errors.As(err, &te) {
		t.Fatalf("error %v (%T), want a *broker.ToolError", err, err)
	}
	return te
}

// The tools of a real server, listed over two-tool pages: named
// server.tool, get-issue renamed, old-draft skipped with a reason.
func TestToolsListed(t *testing.T) {
	h, logs := start(t, nil, "calc")
	got := names(h.Tools("anyone"))
	want := "calc.add calc.crash calc.echo calc.env calc.fail calc.get_issue calc.pid"
	if got != want {
		t.Fatalf("tools = %s\nwant %s", got, want)
	}
	if err := broker.CheckTools(h.Tools("anyone")); err != nil {
		t.Fatalf("the declarations are refused: %v", err)
	}
	for _, line := range []string{`tool=old-draft why="tool \"calc.old_draft\": inputSchema: $schema \"http://json-schema.org/draft-04/schema#\" is not supported`,
		`msg="MCP tool renamed for the code" server=calc tool=get-issue as=calc.get_issue`,
		`msg="MCP server connected" server=calc`} {
		if !strings.Contains(logs.String(), line) {
			t.Errorf("the log lacks %q:\n%s", line, logs)
		}
	}
	add := h.Tools("anyone")[0]
	if add.Description != "Add two numbers." || !strings.Contains(string(add.OutputSchema), `"sum"`) {
		t.Errorf("add = %+v", add)
	}
}

func TestCalls(t *testing.T) {
	h, _ := start(t, nil, "calc")
	hd := h.Handler("a")
	tests := []struct{ name, args, want string }{
		{"calc.add", `{"a":2,"b":3.5}`, `{"sum":5.5}`},
		{"calc.echo", `{"text":"hi"}`, `"echo: hi"`},
		{"calc.get_issue", `{"number":7}`, `{"labels":["bug"],"number":7,"title":"issue 7"}`},
		{"calc.env", `{"name":"GREETING"}`, `"hello from calc"`},
		{"calc.env", `{"name":"CODEXEC_SECRET_OF_THE_TEST"}`, `""`}, // the supervisor's environment is not passed
	}
	t.Setenv("CODEXEC_SECRET_OF_THE_TEST", "leaked")
	for _, tt := range tests {
		got, err := call(t, hd, tt.name, tt.args)
		if err != nil || got != tt.want {
			t.Errorf("%s(%s) = %s, %v; want %s", tt.name, tt.args, got, err, tt.want)
		}
	}
	_, err := call(t, hd, "calc.fail", `{}`)
	if te := toolErr(t, err); te.Code != CodeToolError || te.Message != "it failed on purpose" {
		t.Errorf("fail: %+v", te)
	}
	_, err = call(t, hd, "calc.nothing", `{}`)
	if te := toolErr(t, err); te.Code != CodeUnknown {
		t.Errorf("nothing: %+v", te)
	}
}

func pidOf(t *testing.T, h broker.Handler, name string) int {
	t.Helper()
	out, err := call(t, h, name, `{}`)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var p struct{ PID int }
	if err := json.Unmarshal([]byte(out), &p); err != nil || p.PID <= 0 {
		t.Fatalf("%s = %s", name, out)
	}
	return p.PID
}

// A server that exits in the middle of a call: the call fails saying so,
// the process is reaped, and the next call starts it again.
func TestCrashAndReconnect(t *testing.T) {
	h, logs := start(t, nil, "calc")
	hd := h.Handler("a")
	pid1 := pidOf(t, hd, "calc.pid")
	_, err := call(t, hd, "calc.crash", `{}`)
	te := toolErr(t, err)
	if te.Code != CodeExited || te.Message != "the MCP server calc exited during the call: exit status 3" {
		t.Fatalf("crash: %+v", te)
	}
	if !zombieFree(pid1) {
		t.Errorf("the crashed server %d is not reaped", pid1)
	}
	if got := names(h.Tools("a")); !strings.Contains(got, "calc.add") {
		t.Errorf("the tools are forgotten while the server is down: %s", got)
	}
	pid2 := pidOf(t, hd, "calc.pid")
	if pid2 == pid1 {
		t.Fatalf("the same pid %d after the crash", pid1)
	}
	if got, err := call(t, hd, "calc.add", `{"a":1,"b":1}`); err != nil || got != `{"sum":2}` {
		t.Errorf("add after the restart = %s, %v", got, err)
	}
	if !strings.Contains(logs.String(), "mcptestserver: crashing on purpose") || !strings.Contains(logs.String(), "MCP server exited") {
		t.Errorf("the log does not tell the crash:\n%s", logs)
	}
	// Close ends the new one, reaped too.
	h.Close()
	if !zombieFree(pid2) {
		t.Errorf("server %d still there after Close", pid2)
	}
	if _, err := call(t, hd, "calc.pid", `{}`); err == nil {
		t.Error("a call after Close succeeded")
	}
}

// zombieFree waits (generously) until pid is neither running nor a zombie.
func zombieFree(pid int) bool {
	for i := 0; i < 200; i++ {
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			return true
		}
		_ = b
		time.Sleep(50 * time.Millisecond)
	}
	return syscall.Kill(pid, 0) != nil
}

// A server that cannot start is logged, not fatal; calls to it fail with
// server_unavailable, and the backoff keeps them cheap.
func TestUnavailable(t *testing.T) {
	logs := &testutil.SyncBuffer{}
	h, err := Start(context.Background(), Options{Servers: map[string]config.MCPServer{"gone": {Command: "/nonexistent/server"}},
		Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if len(h.Tools("a")) != 0 || !strings.Contains(logs.String(), "MCP server unavailable") {
		t.Fatalf("tools %v, log:\n%s", h.Tools("a"), logs)
	}
	_, err = call(t, h.Handler("a"), "gone.x", `{}`)
	if te := toolErr(t, err); te.Code != CodeUnavailable || !strings.Contains(te.Message, "the MCP server gone is unavailable") {
		t.Errorf("%+v", te)
	}
	if _, err := Start(context.Background(), Options{Servers: map[string]config.MCPServer{"bad-name": {Command: "x"}}}); err == nil {
		t.Error("a server name that is not an identifier was accepted")
	}
}

func TestPolicyAndMerge(t *testing.T) {
	h, _ := start(t, map[string][]string{"ops": {"calc", "more.add"}, "*": {"more.echo"}}, "calc", "more")
	if got := names(h.Tools("ops")); got != "calc.add calc.crash calc.echo calc.env calc.fail calc.get_issue calc.pid more.add" {
		t.Errorf("ops sees %s", got)
	}
	if got := names(h.Tools("someone")); got != "more.echo" {
		t.Errorf("someone sees %s", got)
	}
	// The handler refuses what the policy does not give, declared or not.
	if _, err := call(t, h.Handler("someone"), "calc.add", `{"a":1,"b":2}`); toolErr(t, err).Code != CodeUnknown {
		t.Errorf("someone called calc.add: %v", err)
	}
	own := []broker.Tool{{Name: "crm.find", InputSchema: json.RawMessage(`{"type":"object"}`)}}
	ownH := broker.HandlerFunc(func(context.Context, string, json.RawMessage) (json.RawMessage, error) {
		return json.RawMessage(`"own"`), nil
	})
	tools, hd, err := h.Merge("someone", own, ownH)
	if err != nil || names(tools) != "crm.find more.echo" {
		t.Fatalf("merge = %s, %v", names(tools), err)
	}
	if got, err := call(t, hd, "crm.find", `{}`); got != `"own"` || err != nil {
		t.Errorf("crm.find = %s %v", got, err)
	}
	if got, err := call(t, hd, "more.echo", `{"text":"x"}`); got != `"echo: x"` || err != nil {
		t.Errorf("more.echo = %s %v", got, err)
	}
	if _, _, err := h.Merge("someone", []broker.Tool{{Name: "more.mine", InputSchema: json.RawMessage(`{}`)}}, ownH); err == nil ||
		!strings.Contains(err.Error(), `tool "more.mine" clashes with the MCP server "more"`) {
		t.Errorf("clash: %v", err)
	}
	// A server the agent may not use is no clash.
	if _, _, err := h.Merge("someone", []broker.Tool{{Name: "calc", InputSchema: json.RawMessage(`{}`)}}, ownH); err != nil {
		t.Errorf("calc for someone: %v", err)
	}
	// Own tools without a handler are left for the service to refuse.
	if tools, hd, err := h.Merge("ops", own, nil); len(tools) != 1 || hd != nil || err != nil {
		t.Errorf("no handler: %v %v %v", tools, hd, err)
	}
	if tools, _, _ := h.Merge("nobody-in-particular", nil, nil); names(tools) != "more.echo" {
		t.Errorf("no own tools: %s", names(tools))
	}
}

func TestToolName(t *testing.T) {
	for in, want := range map[string]string{"add": "add", "get-issue": "get_issue", "files.read": "files_read", "2fa": "_2fa",
		"constructor": "constructor_", "---": "", "ünïcode": "_n_code", "$x": "$x"} {
		if got, _ := ToolName(in); got != want {
			t.Errorf("ToolName(%q) = %q, want %q", in, got, want)
		}
	}
}
