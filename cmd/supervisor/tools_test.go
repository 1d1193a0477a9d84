package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"codexec/api/client"
	"codexec/api/wire"
	"codexec/broker"
	"codexec/internal/testutil"
	"codexec/upstream"
)

// mcpConfigFile writes an MCP configuration with the test server as
// "calc" and "other" (and extra JSON members, e.g. a toolPolicy).
func mcpConfigFile(t *testing.T, extra string) string {
	t.Helper()
	bin, _ := json.Marshal(testutil.MCPTestServer(t))
	body := fmt.Sprintf(`{"mcpServers": {"calc": {"command": %s, "env": {"GREETING": "hi"}}, "other": {"command": %s}}%s}`, bin, bin, extra)
	return writeFile(t, "mcp.json", body)
}

// serversRunning are the processes of the MCP test server now running
// (zombies included).
func serversRunning(t *testing.T) []string {
	t.Helper()
	bin := testutil.MCPTestServer(t)
	var pids []string
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		if exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe")); err == nil && exe == bin {
			pids = append(pids, e.Name())
			continue
		}
		if cmd, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline")); err == nil && strings.HasPrefix(string(cmd), bin+"\x00") {
			pids = append(pids, e.Name())
		}
	}
	return pids
}

// supervisor run --mcp-config, the real binary, fully isolated: the code
// calls the servers' tools, gets their values and ToolErrors, outlives a
// server that crashes mid-call (the next call restarts it), and the
// servers are gone when the command exits.
func TestRunMcpConfig(t *testing.T) {
	testutil.RequireRoot(t)
	cfg := mcpConfigFile(t, "")
	app := writeFile(t, "app.js", `
const sum = (await tools.calc.add({a: 2, b: 40})).sum
const echoed = await tools.other.echo({text: 'hello'})
const greeting = await tools.calc.env({name: 'GREETING'})
let failed
try { await tools.calc.fail({}) } catch (e) { failed = [e.name, e.code, e.message] }
let crashed
try { await tools.calc.crash({}) } catch (e) { crashed = [e.code, e.message] }
const again = (await tools.calc.add({a: 1, b: 2})).sum
const issue = await tools.calc.get_issue({number: 5})
return {sum, echoed, greeting, failed, crashed, again, issue: issue.title}
`)
	cmd := exec.Command(testutil.Supervisor(t), "run", "--mcp-config", cfg, "--json", app)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "CODEXEC_RUNNER=" + testutil.Runner(t), "CODEXEC_DATA_DIR=" + t.TempDir(), "CODEXEC_SOCKET=off"}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("run: %v\nstdout: %s\nstderr: %s", err, out, stderr.String())
	}
	var res struct {
		Status string          `json:"status"`
		Output json.RawMessage `json:"output"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, res.Output); err != nil {
		t.Fatal(err)
	}
	res.Output = compact.Bytes()
	want := `{"sum":42,"echoed":"echo: hello","greeting":"hi","failed":["ToolError","tool_error","it failed on purpose"],` +
		`"crashed":["server_exited","the MCP server calc exited during the call: exit status 3"],"again":3,"issue":"issue 5"}`
	if res.Status != "ok" || string(res.Output) != want {
		t.Fatalf("result %s %s\nwant %s\nstderr: %s", res.Status, res.Output, want, stderr.String())
	}
	if !strings.Contains(stderr.String(), `msg="MCP server exited; it is started again at the next call" component=upstream server=calc why="exit status 3"`) {
		t.Errorf("stderr does not tell the crash:\n%s", stderr.String())
	}
	if pids := serversRunning(t); len(pids) > 0 {
		t.Errorf("MCP servers still running (or unreaped) after the command exited: %v", pids)
	}
	// Through a daemon, --mcp-config does not apply: refused, not ignored.
	code, _, errOut := cli(t, "", "run", "--mcp-config", cfg, "--socket", "/nonexistent.sock", app)
	if code != 2 || !strings.Contains(errOut, "--mcp-config runs the code here") {
		t.Errorf("--mcp-config with --socket: exit %d, %s", code, errOut)
	}
}

func TestToolsCommand(t *testing.T) {
	cfg := mcpConfigFile(t, `, "toolPolicy": {"ops": ["calc"], "*": ["other.echo"]}`)
	code, out, errOut := cli(t, "", "tools", "--mcp-config", cfg, "--agent", "ops")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, s := range []string{"declare const tools: {\n  calc: {\n", "    /** Add two numbers. */\n    add(args: {\n      /** The first addend. */\n      a: number;\n      b: number;\n    }): Promise<{\n      sum: number;\n    }>;\n", "    get_issue(args: {"} {
		if !strings.Contains(out, s) {
			t.Errorf("the declarations lack %q:\n%s", s, out)
		}
	}
	if strings.Contains(out, "other") || strings.Contains(out, "old_draft") {
		t.Errorf("ops sees more than calc:\n%s", out)
	}
	if !strings.Contains(errOut, "MCP tool skipped") || !strings.Contains(errOut, "old-draft") {
		t.Errorf("the skipped tool is not logged:\n%s", errOut)
	}
	code, out, errOut = cli(t, "", "tools", "--mcp-config", cfg, "--json")
	var ans wire.ToolsAnswer
	if code != 0 || json.Unmarshal([]byte(out), &ans) != nil {
		t.Fatalf("--json: exit %d %s %s", code, out, errOut)
	}
	if ans.AgentID != "anonymous" || len(ans.Tools) != 1 || ans.Tools[0].Name != "other.echo" || ans.Declarations != upstream.TypeScript([]broker.Tool{broker.Tool(ans.Tools[0])}) {
		t.Errorf("--json: %+v", ans)
	}
	for _, tt := range []struct{ args, sub string }{
		{"tools", "no MCP servers configured"},
		{"tools --mcp-config " + writeFile(t, "bad.json", `{"mcpServers": {"my-server": {"command": "x"}}}`), `"my-server" is not an identifier`},
		{"tools --mcp-config " + writeFile(t, "both.json", `{"mcpServers": {"s": {"command": "x", "url": "http://h/"}}}`), "either a command or a url"},
		{"tools --mcp-config " + writeFile(t, "pol.json", `{"mcpServers": {"s": {"command": "x"}}, "toolPolicy": {"a": ["t"]}}`), `"t" names no configured MCP server`},
	} {
		code, _, errOut := cli(t, "", strings.Fields(tt.args)...)
		if code != 2 || !strings.Contains(errOut, tt.sub) {
			t.Errorf("%s: exit %d, %s (want 2, %q)", tt.args, code, errOut, tt.sub)
		}
	}
}

// supervisor mcp with --mcp-config: code_execute's description declares
// the tools, code_tools answers them, and code run through code_execute
// calls them.
func TestMcpCodeTools(t *testing.T) {
	testutil.RequireRoot(t)
	cfg := mcpConfigFile(t, "")
	s := startMcp(t, "tools-test", "", []string{"CODEXEC_RUNNER=" + testutil.Runner(t), "CODEXEC_DATA_DIR=" + t.TempDir(), "CODEXEC_SOCKET=off"},
		"--mcp-config", cfg, "--agent", "tool-user")
	desc := s.tools["code_execute"].Description
	if !strings.Contains(desc, "```ts\ndeclare const tools: {\n  calc: {\n") || !strings.Contains(desc, "code_tools returns these declarations") {
		t.Errorf("code_execute's description lacks the declarations:\n%s", desc)
	}
	res := s.call(t, "code_tools", `{}`)
	var ans struct {
		AgentID      string `json:"agentId"`
		Declarations string `json:"declarations"`
		Tools        []struct{ Name, Description string }
	}
	structured(t, res, &ans)
	if ans.AgentID != "tool-user" || len(ans.Tools) != 14 || ans.Tools[0].Name != "calc.add" || !strings.Contains(desc, ans.Declarations) {
		t.Errorf("code_tools: %+v", ans)
	}
	if res := s.call(t, "code_tools", `{"x":1}`); !res.IsError {
		t.Errorf("code_tools with an argument: %s", text(res))
	}
	res = s.call(t, "code_execute", `{"code":"const r = await Promise.all([1,2,3].map(i => tools.calc.add({a: i, b: i}))); return r.map(x => x.sum)"}`)
	var out struct {
		Status string          `json:"status"`
		Output json.RawMessage `json:"output"`
	}
	structured(t, res, &out)
	if out.Status != "ok" || string(out.Output) != "[2,4,6]" {
		t.Errorf("code_execute: %s", text(res))
	}
	s.close(t)
	if pids := serversRunning(t); len(pids) > 0 {
		t.Errorf("MCP servers still running after supervisor mcp exited: %v", pids)
	}
}

// The daemon starts the mcpServers of its configuration; GET /v1/tools
// answers an agent's tools, the policy applied; executions get them.
func TestServeTools(t *testing.T) {
	dir := t.TempDir()
	bin, _ := json.Marshal(testutil.MCPTestServer(t))
	cfg := writeFile(t, "config.json", fmt.Sprintf(`{"mcpServers": {"calc": {"command": %s}}, "toolPolicy": {"agent-a": ["calc.add"]}}`, bin))
	sock := filepath.Join(dir, "s.sock")
	cmd := exec.Command(testutil.Supervisor(t), "serve", "--config", cfg, "--socket", sock, "--data-dir", filepath.Join(dir, "data"), "--allow-weak-isolation",
		"--runner", testutil.Runner(t))
	logs := &testutil.SyncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cmd.Process.Signal(syscall.SIGTERM)
			if err := cmd.Wait(); err != nil {
				t.Errorf("the daemon exited with %v:\n%s", err, logs)
			}
		})
	}
	defer stop()
	c := client.New(sock)
	for deadline := time.Now().Add(20 * time.Second); !c.Reachable(context.Background()); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the daemon did not come up:\n%s", logs)
		}
	}
	if !strings.Contains(logs.String(), `msg="MCP server connected" component=upstream server=calc`) {
		t.Errorf("the daemon does not log the server's tools:\n%s", logs)
	}
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
	get := func(q string) (int, string) {
		resp, err := hc.Get("http://codexec/v1/tools" + q)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	status, body := get("?agentId=agent-a")
	var ans struct {
		AgentID      string `json:"agentId"`
		Declarations string `json:"declarations"`
		Tools        []struct {
			Name        string          `json:"name"`
			InputSchema json.RawMessage `json:"inputSchema"`
		} `json:"tools"`
	}
	if status != 200 || json.Unmarshal([]byte(body), &ans) != nil || ans.AgentID != "agent-a" || len(ans.Tools) != 1 || ans.Tools[0].Name != "calc.add" ||
		!strings.Contains(ans.Declarations, "add(args: {") {
		t.Errorf("GET /v1/tools?agentId=agent-a: %d %s", status, body)
	}
	if status, body := get(""); status != 200 || !strings.Contains(body, `"agentId":"anonymous","declarations":"declare const tools: {};\n","tools":[]`) {
		t.Errorf("GET /v1/tools: %d %s", status, body)
	}
	if status, body := get("?agentId=bad%20id"); status != 400 {
		t.Errorf("GET /v1/tools?agentId=bad id: %d %s", status, body)
	}
	res, err := c.Execute(context.Background(), wire.ExecuteRequest{AgentID: "agent-a",
		Code: "return [(await tools.calc.add({a: 1, b: 2})).sum, typeof tools.calc.echo]"})
	if err != nil || res.Status != "ok" || string(res.Output) != `[3,"undefined"]` {
		t.Errorf("an execution through the daemon: %v %s %s %+v", err, res.Status, res.Output, res.Error)
	}

	// supervisor mcp through this daemon describes and lists the same
	// tools (GET /v1/tools), and its executions can call them.
	s := startMcp(t, "through-daemon", "", nil, "--socket", sock, "--agent", "agent-a")
	if desc := s.tools["code_execute"].Description; !strings.Contains(desc, "declare const tools: {\n  calc: {\n") || !strings.Contains(desc, "add(args: {") {
		t.Errorf("code_execute's description through the daemon lacks the tools:\n%s", desc)
	}
	var listed struct{ Tools []struct{ Name string } }
	structured(t, s.call(t, "code_tools", `{}`), &listed)
	if len(listed.Tools) != 1 || listed.Tools[0].Name != "calc.add" {
		t.Errorf("code_tools through the daemon: %+v", listed)
	}
	var out struct{ Output json.RawMessage }
	structured(t, s.call(t, "code_execute", `{"code": "return (await tools.calc.add({a: 20, b: 22})).sum"}`), &out)
	if string(out.Output) != "42" {
		t.Errorf("code_execute through the daemon calling a tool: %s", out.Output)
	}
	s.close(t)
	stop()
	if pids := serversRunning(t); len(pids) > 0 {
		t.Errorf("MCP servers still running after the daemon stopped: %v", pids)
	}
}
