package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"codexec/api/client"
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
