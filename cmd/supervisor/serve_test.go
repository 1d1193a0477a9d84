package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"codexec/api"
	"codexec/api/client"
	"codexec/internal/daemontest"
	"codexec/internal/testutil"
)

// The real daemon: started from its config file, used by the CLI through
// the socket, changed at run time (and the change written back), then
// stopped with SIGTERM, exiting 0 and removing its socket.
func TestServeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	dir := t.TempDir()
	sock := filepath.Join(dir, "s.sock")
	cfgPath := filepath.Join(dir, "config.json")
	os.WriteFile(cfgPath, []byte(`{"socket": "`+sock+`", "socketMode": "0600", "dataDir": "`+dir+`/data", "allowWeakIsolation": true, "limits": {"timeout": 4000}}`), 0o600)
	cmd := exec.Command(testutil.Supervisor(t), "serve", "--config", cfgPath, "--log-format", "json")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	logs := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logs <- sc.Text()
		}
		close(logs)
	}()
	c := client.New(sock)
	deadline := time.Now().Add(10 * time.Second)
	for !c.Reachable(context.Background()) {
		if time.Now().After(deadline) {
			t.Fatal("the daemon did not come up")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if line := <-logs; !strings.Contains(line, `"msg":"serving"`) || !strings.Contains(line, sock) {
		t.Errorf("first log line %s", line)
	}

	env := map[string]string{"CODEXEC_SOCKET": sock}
	run := func(stdin string, args ...string) (int, string, string) {
		var out, errb strings.Builder
		st := &State{Args: args, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
			Getenv: func(k string) string { return env[k] }, Executable: os.Executable}
		return Execute(st), out.String(), errb.String()
	}
	code, out, errs := run("console.log('via the daemon'); return 6 * 7", "run", "-", "--agent", "e2e")
	if code != 0 || strings.TrimSpace(out) != "42" || !strings.Contains(errs, "via the daemon") {
		t.Fatalf("run through the daemon: %d %q %q", code, out, errs)
	}
	if code, out, _ := run("", "history", "--agent", "e2e", "--json"); code != 0 || !strings.Contains(out, `"agentId": "e2e"`) {
		t.Errorf("history through the daemon: %d %s", code, out)
	}
	if code, out, _ := run("", "config", "set", "timeout", "1500"); code != 0 || !strings.Contains(out, "1500") {
		t.Errorf("config set: %d %s", code, out)
	}
	if code, out, _ := run("", "config", "get", "timeout"); code != 0 || strings.TrimSpace(out) != "1500" {
		t.Errorf("config get: %d %q", code, out)
	}
	if code, _, errs := run("", "config", "set", "timeout", "99999"); code != 1 || !strings.Contains(errs, "outside") {
		t.Errorf("config set out of bounds: %d %s", code, errs)
	}
	var saved struct{ Limits struct{ Timeout int } }
	b, _ := os.ReadFile(cfgPath)
	if json.Unmarshal(b, &saved); saved.Limits.Timeout != 1500 {
		t.Errorf("config file after the change: %s", b)
	}
	// events --follow sees the next execution.
	evOut := &testutil.SyncBuffer{}
	go func() {
		st := &State{Args: []string{"events", "--follow", "--type", "CODE_EXECUTION_COMPLETED"}, Stdin: strings.NewReader(""), Stdout: evOut, Stderr: evOut,
			Getenv: func(k string) string { return env[k] }, Executable: os.Executable}
		Execute(st) // ends when the daemon stops
	}()
	time.Sleep(300 * time.Millisecond)
	if code, _, _ := run("return 1", "run", "-", "--agent", "watched"); code != 0 {
		t.Fatal("run")
	}
	deadline = time.Now().Add(5 * time.Second)
	for !strings.Contains(evOut.String(), "agent=watched") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(evOut.String(), "CODE_EXECUTION_COMPLETED") {
		t.Errorf("events --follow printed %q", evOut.String())
	}

	// A second daemon on the same socket is refused.
	second := exec.Command(testutil.Supervisor(t), "serve", "--socket", sock, "--allow-weak-isolation", "--data-dir", dir+"/data2")
	if out, err := second.CombinedOutput(); err == nil || !strings.Contains(string(out), "in use") {
		t.Errorf("a second daemon on a live socket: %v %s", err, out)
	}

	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("the daemon exited with %v after SIGTERM, want 0", err)
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Errorf("the socket is still there after shutdown")
	}
}

// --max-connections: refused below 1 and above what the descriptor limit
// leaves beside the daemon's own files; on the real daemon, connections
// beyond it are answered 503 too_many_connections while GET /healthz still
// answers from the reserve, and the daemon's descriptors come back once
// the clients leave.
func TestServeMaxConnections(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	dir := t.TempDir()
	for _, c := range []struct{ value, want string }{
		{"0", "at least 1"},
		{"-5", "at least 1"},
		{"100000000", "would eat the descriptors the daemon keeps for its own files"},
	} {
		cmd := exec.Command(testutil.Supervisor(t), "serve", "--socket", filepath.Join(dir, "s.sock"), "--allow-weak-isolation",
			"--data-dir", filepath.Join(dir, "data"), "--max-connections", c.value)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(out), c.want) {
			t.Errorf("--max-connections %s: %v %s", c.value, err, out)
		}
	}

	d := daemontest.Start(t, daemontest.Options{Args: []string{"--max-connections", "2"}})
	if !strings.Contains(d.Log(), `"maxConnections":2`) {
		t.Errorf("the serving line does not give the cap: %s", d.Log())
	}
	// The descriptors' baseline, with the pool full (each parked runner
	// holds pipes and a pidfd) and the harness client's connection closed.
	poolFull := func() {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); ; {
			h, err := d.Health(context.Background())
			if err == nil && h.Pool != nil && h.Pool.Idle == h.Pool.Target {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the pool is not full after 20 s: %+v %v", h.Pool, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
		d.CloseIdle()
	}
	poolFull()
	baseline := d.Resources(t).FDs
	d.CloseIdle() // Resources scraped /metrics

	var held []net.Conn
	dial := func() net.Conn {
		t.Helper()
		c, err := net.Dial("unix", d.Socket)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		held = append(held, c)
		return c
	}
	// The first of the cap's two places, kept alive: the places are
	// counted on it (the harness client's idle connection, then the
	// reserve's answers below, are freed on the daemon's time).
	first := dial()
	waitConnectionsOpen(t, first, "1")
	// The second place, kept alive too.
	if code, closing, b := getOn(t, dial(), "/healthz"); code != 200 || closing || !strings.Contains(b, `"status":"ok"`) {
		t.Fatalf("GET /healthz at the cap's second place: %d %s (closing %v)", code, b, closing)
	}
	// Beyond the cap, a connection is served from the reserve: /healthz
	// and nothing else, answered once and closed.
	if code, closing, b := getOn(t, dial(), "/healthz"); code != 200 || !closing || !strings.Contains(b, `"status":"ok"`) {
		t.Fatalf("GET /healthz beyond the cap: %d %s (closing %v), want 200 from the reserve, closed", code, b, closing)
	}
	if code, closing, b := getOn(t, dial(), "/v1/config"); code != 503 || !closing || !strings.Contains(b, `"code":"too_many_connections"`) {
		t.Errorf("GET /v1/config from the reserve: %d %s (closing %v)", code, b, closing)
	}
	waitConnectionsOpen(t, first, "2")
	// The reserve, held by connections that ask nothing; the next one is
	// refused at the door, whatever it asks.
	for range api.HealthReserve {
		dial()
	}
	if code, _, b := getOn(t, dial(), "/v1/config"); code != 503 || !strings.Contains(b, `"code":"too_many_connections"`) {
		t.Errorf("beyond the cap and its reserve: %d %s", code, b)
	}
	for _, c := range held {
		c.Close()
	}
	var fds int
	for deadline := time.Now().Add(20 * time.Second); ; {
		poolFull()
		fds = d.Resources(t).FDs
		d.CloseIdle()
		if fds <= baseline+2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if fds > baseline+2 {
		t.Errorf("the daemon's descriptors: %d before, %d after the clients left", baseline, fds)
	}
	// Once the closed connections' places are free, /metrics is served
	// (not refused from the reserve) and counts the refusal.
	var m map[string]float64
	var err error
	for deadline := time.Now().Add(20 * time.Second); ; {
		m, err = d.Metrics(context.Background())
		d.CloseIdle()
		if err == nil && len(m) > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	limit, healthOnly := m[`codexec_connections_refused_total{reason="limit"}`], m[`codexec_connections_refused_total{reason="health_only"}`]
	if err != nil || limit < 1 || healthOnly < 1 {
		t.Errorf("refusals counted: limit %v, health_only %v, want at least 1 each (%v, %d samples)", limit, healthOnly, err, len(m))
	}
}
