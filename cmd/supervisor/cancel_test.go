package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"codexec/api/wire"
	"codexec/audit"
	"codexec/config"
	"codexec/internal/daemontest"
	"codexec/internal/testutil"
	"codexec/result"
)

// longCode runs for 20 s unless it is stopped.
const longCode = "console.log('started'); await new Promise((r) => setTimeout(r, 20000)); return 'finished'"

// awaitRunner waits until the supervisor process pid has a child (its
// runner: these supervisors keep no warm pool).
func awaitRunner(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for len(testutil.Children(pid)) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no runner under supervisor %d", pid)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// awaitNoRunner waits until supervisor pid has no child and no runner
// cgroup left, and returns how long that took from since.
func awaitNoRunner(t *testing.T, pid int, since time.Time) time.Duration {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for len(testutil.Children(pid)) > 0 || len(daemontest.RunnerCgroups(t, pid)) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("10 s after the cancellation: children %v, runner cgroups %v", testutil.Children(pid), daemontest.RunnerCgroups(t, pid))
		}
		time.Sleep(time.Millisecond)
	}
	return time.Since(since)
}

// checkCancelled requires exactly one record, with status cancelled, that
// stopped long before its code's 20 s.
func checkCancelled(t *testing.T, recs []audit.Record, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("%d records, want one", len(recs))
	}
	r := recs[0]
	if r.Status != result.Cancelled || r.Success || r.Error == nil || !strings.Contains(r.Error.Message, "cancelled") || r.ExecutionTime >= 20000 {
		t.Errorf("record: status %s, success %v, error %+v, executionTime %v; want cancelled, stopped early", r.Status, r.Success, r.Error, r.ExecutionTime)
	}
}

func noPool(l *config.Limits) { l.PoolSize = 0 }

// Cancellation means the same on every interface: the runner is killed at
// once, nothing is left, the record says cancelled, the supervisor goes on.
func TestCancellation(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts supervisors")
	}
	testutil.RequireRoot(t)
	code := writeFile(t, "long.js", longCode)

	t.Run("Ctrl-C on supervisor run", func(t *testing.T) {
		dir := t.TempDir()
		cmd := exec.Command(testutil.Supervisor(t), "run", code, "--timeout", "30s", "--agent", "ctrl-c", "--data-dir", dir, "--runner", testutil.Runner(t))
		cmd.Env = []string{"CODEXEC_SOCKET=off"}
		var stderr testutil.SyncBuffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		awaitRunner(t, cmd.Process.Pid)
		at := time.Now()
		_ = cmd.Process.Signal(syscall.SIGINT)
		err := cmd.Wait()
		took := time.Since(at)
		if cmd.ProcessState.ExitCode() != 130 || !strings.Contains(stderr.String(), "cancelled") {
			t.Errorf("exit %v (%v), stderr %q; want 130 and cancelled", cmd.ProcessState.ExitCode(), err, stderr.String())
		}
		t.Logf("supervisor run exited %v after SIGINT", took)
		c, out, errs := cli(t, "", "history", "--agent", "ctrl-c", "--data-dir", dir, "--json")
		var recs []audit.Record
		if c != 0 || json.Unmarshal([]byte(out), &recs) != nil {
			t.Fatalf("history: %d %s %s", c, out, errs)
		}
		checkCancelled(t, recs, nil)
	})

	d := daemontest.Start(t, daemontest.Options{Limits: noPool})
	history := func(agent string) ([]audit.Record, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		var recs []audit.Record
		var err error
		for ctx.Err() == nil {
			if recs, err = d.Client.History(ctx, audit.Filter{AgentID: agent}); err != nil || len(recs) > 0 {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		return recs, err
	}
	stillServes := func(t *testing.T) {
		t.Helper()
		res, _, err := d.Execute(context.Background(), wire.ExecuteRequest{Code: "return 2"})
		if err != nil || res.Status != result.OK {
			t.Errorf("after the cancellation: %+v %v", res, err)
		}
	}

	t.Run("Ctrl-C on supervisor run through the daemon", func(t *testing.T) {
		cmd := exec.Command(testutil.Supervisor(t), "run", code, "--timeout", "30s", "--agent", "ctrl-c-daemon", "--socket", d.Socket)
		var stderr testutil.SyncBuffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		awaitRunner(t, d.PID())
		at := time.Now()
		_ = cmd.Process.Signal(syscall.SIGINT)
		_ = cmd.Wait()
		if cmd.ProcessState.ExitCode() != 130 || !strings.Contains(stderr.String(), "cancelled") {
			t.Errorf("exit %v, stderr %q; want 130 and cancelled", cmd.ProcessState.ExitCode(), stderr.String())
		}
		t.Logf("the daemon's runner was gone %v after SIGINT", awaitNoRunner(t, d.PID(), at))
		recs, err := history("ctrl-c-daemon")
		checkCancelled(t, recs, err)
		stillServes(t)
	})

	t.Run("a Go client's cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := d.Client.Execute(ctx, wire.ExecuteRequest{Code: longCode, Timeout: 30000, AgentID: "go-client"})
			done <- err
		}()
		awaitRunner(t, d.PID())
		at := time.Now()
		cancel()
		if err := <-done; err == nil {
			t.Error("Execute returned no error for a cancelled context")
		}
		t.Logf("the daemon's runner was gone %v after the cancel", awaitNoRunner(t, d.PID(), at))
		recs, err := history("go-client")
		checkCancelled(t, recs, err)
		stillServes(t)
	})

	mcpCancel := func(t *testing.T, agent string, runnerParent func(s *mcpSession) int, records func() ([]audit.Record, error), args ...string) {
		s := startMcp(t, "cancel-test", "", nil, append(args, "--agent", agent)...)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := s.CallTool(ctx, &mcp.CallToolParams{Name: "code_execute",
				Arguments: map[string]any{"code": longCode + " // cancel-marker", "timeout": 30000}})
			done <- err
		}()
		awaitRunner(t, runnerParent(s))
		at := time.Now()
		cancel()
		<-done
		t.Logf("the runner was gone %v after notifications/cancelled", awaitNoRunner(t, runnerParent(s), at))
		// The server answers the next call, and never the cancelled one.
		res := s.call(t, "code_execute", `{"code": "return 3"}`)
		if res.IsError {
			t.Errorf("after the cancellation: %s", text(res))
		}
		tr := s.transcript.String()
		var id string
		for _, l := range strings.Split(tr, "\n") {
			if msg, ok := strings.CutPrefix(l, "write: "); ok && strings.Contains(msg, "cancel-marker") {
				var m struct{ ID json.RawMessage }
				_ = json.Unmarshal([]byte(msg), &m)
				id = string(m.ID)
			}
		}
		if id == "" || !strings.Contains(tr, `"method":"notifications/cancelled"`) {
			t.Fatalf("the transcript lacks the call or its cancellation:\n%s", tr)
		}
		for _, l := range strings.Split(tr, "\n") {
			if msg, ok := strings.CutPrefix(l, "read: "); ok && strings.Contains(msg, `"id":`+id+`,`) || strings.HasSuffix(msg, `"id":`+id+`}`) {
				t.Errorf("the cancelled call (id %s) was answered: %s", id, msg)
			}
		}
		s.close(t)
		recs, err := records()
		var marked []audit.Record
		for _, r := range recs {
			if strings.Contains(r.CodeSnippet, "cancel-marker") {
				marked = append(marked, r)
			}
		}
		checkCancelled(t, marked, err)
	}

	t.Run("MCP notifications/cancelled, in-process", func(t *testing.T) {
		dir := t.TempDir()
		mcpCancel(t, "mcp-in-process", func(s *mcpSession) int { return s.cmd.Process.Pid }, func() ([]audit.Record, error) {
			c, out, errs := cli(t, "", "history", "--agent", "mcp-in-process", "--data-dir", dir, "--json")
			var recs []audit.Record
			if c != 0 || json.Unmarshal([]byte(out), &recs) != nil {
				t.Fatalf("history: %d %s %s", c, out, errs)
			}
			return recs, nil
		}, "--data-dir", dir, "--pool-size", "0")
	})

	t.Run("MCP notifications/cancelled, through the daemon", func(t *testing.T) {
		mcpCancel(t, "mcp-daemon", func(*mcpSession) int { return d.PID() }, func() ([]audit.Record, error) { return history("mcp-daemon") },
			"--socket", d.Socket)
		stillServes(t)
	})
}
