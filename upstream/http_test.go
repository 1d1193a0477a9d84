package upstream

import (
	"bufio"
	"context"
	"log/slog"
	"os/exec"
	"strings"
	"testing"
	"time"

	"codexec/config"
	"codexec/internal/testutil"
)

// startHTTPServer runs the test MCP server over streamable HTTP on addr
// and returns the address it listens on; it is killed when the test ends
// (or by stop).
func startHTTPServer(t *testing.T, addr string) (string, func()) {
	t.Helper()
	cmd := exec.Command(testutil.MCPTestServer(t), "--http", addr)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}
	t.Cleanup(stop)
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("the HTTP server did not start: %v", err)
	}
	return strings.TrimSpace(strings.TrimPrefix(line, "listening on ")), stop
}

// A server configured by URL (streamable HTTP): its tools listed over
// pages and called; a tool error is a ToolError; a server that goes away
// fails calls clearly, and one back at the same URL serves the next call.
func TestStreamableHTTPServer(t *testing.T) {
	addr, stop := startHTTPServer(t, "127.0.0.1:0")
	logs := &testutil.SyncBuffer{}
	h, err := Start(context.Background(), Options{Servers: map[string]config.MCPServer{"web": {URL: "http://" + addr + "/"}},
		Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if got := names(h.Tools("a")); !strings.Contains(got, "web.add") || !strings.Contains(got, "web.get_issue") {
		t.Fatalf("tools over HTTP: %s\n%s", got, logs)
	}
	hd := h.Handler("a")
	if got, err := call(t, hd, "web.add", `{"a":40,"b":2}`); err != nil || got != `{"sum":42}` {
		t.Errorf("add over HTTP = %s, %v", got, err)
	}
	_, err = call(t, hd, "web.fail", `{}`)
	if te := toolErr(t, err); te.Code != CodeToolError || te.Message != "it failed on purpose" {
		t.Errorf("fail over HTTP: %+v", te)
	}

	stop()
	_, err = call(t, hd, "web.add", `{"a":1,"b":1}`)
	if te := toolErr(t, err); te.Code != CodeUnavailable && te.Code != CodeExited && te.Code != CodeUpstream {
		t.Errorf("a call to a server that went away: %+v", te)
	} else {
		t.Logf("the server gone: %s: %s", te.Code, te.Message)
	}
	startHTTPServer(t, addr)
	deadline := time.Now().Add(45 * time.Second) // the reconnection backs off up to 30 s
	for {
		got, err := call(t, hd, "web.add", `{"a":2,"b":2}`)
		if err == nil && got == `{"sum":4}` {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server back at %s is not used: %s, %v\n%s", addr, got, err, logs)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
