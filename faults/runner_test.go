package faults

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"codexec/api/wire"
	"codexec/config"
	"codexec/internal/daemontest"
	"codexec/internal/testutil"
	"codexec/result"
)

func integration(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping: fault-injection test")
	}
	testutil.RequireRoot(t) // full isolation: cgroups, namespaces, mounts
}

func noPool(l *config.Limits) { l.PoolSize = 0 }

// Runners that break the protocol after passing the daemon's lockdown
// check: each execution gets a truthful status and its audit record, the
// daemon keeps serving, and nothing is left behind.
func TestBrokenRunners(t *testing.T) {
	integration(t)
	tests := []struct {
		mode   string
		status result.Status
		msg    string
	}{
		{modeGarbage, result.Internal, "broke the protocol"},
		{modeTruncated, result.Internal, "unexpected EOF"},
		{modeOversized, result.Internal, "cap"},
		{modeNoReady, result.Internal, "did not send ready"},
		{modeStderrFlood, result.Internal, "more bytes dropped"},
		{modeHang, result.Timeout, "was killed"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			t.Parallel()
			d := daemontest.Start(t, daemontest.Options{Runner: fakeRunnerPath(t, tt.mode), Limits: noPool})
			ctx := context.Background()
			const n = 4
			results := make([]result.Result, n)
			var wg sync.WaitGroup
			for i := 0; i < n; i++ {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					res, _, err := d.Execute(ctx, wire.ExecuteRequest{Code: "return " + strconv.Itoa(i), Timeout: 500, AgentID: "faults"})
					if err != nil {
						t.Errorf("execution %d: %v", i, err)
					}
					results[i] = res
				}(i)
			}
			wg.Wait()
			for i, res := range results {
				if res.Status != tt.status || res.Error == nil || !strings.Contains(res.Error.Message, tt.msg) {
					t.Errorf("execution %d: %s %+v, want %s containing %q", i, res.Status, res.Error, tt.status, tt.msg)
					continue
				}
				rec, err := d.Client.Get(ctx, res.ID)
				if err != nil || rec.Status != res.Status {
					t.Errorf("execution %d: record %+v, %v; want status %s", i, rec.Status, err, res.Status)
				}
			}
			t.Logf("%s: %.200s", tt.mode, results[0].Error.Message)
			if h, err := d.Health(ctx); err != nil || h.Status != "ok" {
				t.Errorf("health after the broken runners: %+v, %v", h, err)
			}
			if r, err := d.WaitQuiet(t, time.Minute); err != nil {
				t.Errorf("%v (%s)", err, r)
			}
			if err := d.Stop(time.Minute); err != nil {
				t.Errorf("the daemon exited with %v after SIGTERM, want 0", err)
			}
		})
	}
}

// A runner SIGKILLed from outside in the middle of its job: the execution
// ends with status internal, naming the signal, with the logs it wrote
// before; it is recorded; nothing is left; the next execution runs.
func TestRunnerKilledMidRun(t *testing.T) {
	integration(t)
	d := daemontest.Start(t, daemontest.Options{Limits: noPool})
	ctx := context.Background()
	type answer struct {
		res result.Result
		err error
	}
	done := make(chan answer, 1)
	go func() {
		res, _, err := d.Execute(ctx, wire.ExecuteRequest{Code: "console.log('spinning');\nfor (;;) {}", Timeout: 20000, AgentID: "faults"})
		done <- answer{res, err}
	}()
	pid := spinningRunner(t, d)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill the runner %d: %v", pid, err)
	}
	var a answer
	select {
	case a = <-done:
	case <-time.After(time.Minute):
		t.Fatal("no result a minute after the runner was killed")
	}
	if a.err != nil {
		t.Fatal(a.err)
	}
	res := a.res
	if res.Status != result.Internal || res.Error == nil || !strings.Contains(res.Error.Message, "killed by signal killed") {
		t.Fatalf("result %s %+v, want internal: killed by signal killed", res.Status, res.Error)
	}
	if len(res.Logs) != 1 || res.Logs[0].Message != "spinning" {
		t.Errorf("logs %v, want the line written before the kill", res.Logs)
	}
	if rec, err := d.Client.Get(ctx, res.ID); err != nil || rec.Status != result.Internal {
		t.Errorf("record %+v, %v; want status internal", rec.Status, err)
	}
	if r, err := d.WaitQuiet(t, time.Minute); err != nil {
		t.Errorf("%v (%s)", err, r)
	}
	if res, _, err := d.Execute(ctx, wire.ExecuteRequest{Code: "return 6 * 7"}); err != nil || res.Status != result.OK || string(res.Output) != "42" {
		t.Errorf("the next execution: %s %s %+v, %v", res.Status, res.Output, res.Error, err)
	}
}

// spinningRunner waits for the daemon's one runner to be deep in its job
// (100 ms of CPU: past its start-up, in the busy loop) and returns its pid.
func spinningRunner(t *testing.T, d *daemontest.Daemon) int {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		for _, kid := range testutil.Children(d.PID()) {
			pid, _ := strconv.Atoi(strings.Fields(kid)[0])
			if cpuTicks(pid) >= 10 {
				return pid
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("no runner busy in its job")
	return 0
}

// cpuTicks is a process's user and system time in clock ticks.
func cpuTicks(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.Atoi(f[11])
	k, _ := strconv.Atoi(f[12])
	return u + k
}

// Runners parked in the warm pool, SIGKILLed before they get a job: the
// executions that follow all succeed (the pool hands out no dead runner),
// and the pool counts the deaths and refills.
func TestParkedRunnersKilled(t *testing.T) {
	integration(t)
	const size = 3
	d := daemontest.Start(t, daemontest.Options{Limits: func(l *config.Limits) { l.PoolSize = size }})
	ctx := context.Background()
	for round := 0; round < 3; round++ {
		waitPool(t, d, size)
		kids := testutil.Children(d.PID())
		for _, kid := range kids {
			pid, _ := strconv.Atoi(strings.Fields(kid)[0])
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
		// Dead, and reaped by the daemon (a runner killed while it is
		// handed its job is a runner killed mid-run: TestRunnerKilledMidRun).
		for _, kid := range kids {
			waitGone(t, strings.Fields(kid)[0])
		}
		var wg sync.WaitGroup
		for i := 0; i < 2*size; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				res, _, err := d.Execute(ctx, wire.ExecuteRequest{Code: "return context.i", Context: []byte(`{"i":` + strconv.Itoa(i) + `}`)})
				if err != nil || res.Status != result.OK || string(res.Output) != strconv.Itoa(i) {
					t.Errorf("round %d, execution %d after %d parked runners were killed: %s %s %+v, %v", round, i, len(kids), res.Status, res.Output, res.Error, err)
				}
			}(i)
		}
		wg.Wait()
	}
	waitPool(t, d, size)
	h, err := d.Health(ctx)
	if err != nil || h.Pool == nil {
		t.Fatalf("health %+v, %v", h, err)
	}
	t.Logf("pool after three rounds of kills: %+v", *h.Pool)
	if h.Pool.Deaths == 0 {
		t.Errorf("pool %+v: no death counted", *h.Pool)
	}
	if r, err := d.WaitQuiet(t, time.Minute); err != nil {
		t.Errorf("%v (%s)", err, r)
	}
}

// waitGone waits until the process with this pid is gone (reaped).
func waitGone(t *testing.T, pid string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		if _, err := os.Stat("/proc/" + pid); os.IsNotExist(err) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("process %s is still there a minute after SIGKILL", pid)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitPool waits until the pool has n runners parked.
func waitPool(t *testing.T, d *daemontest.Daemon, n int) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		h, err := d.Health(context.Background())
		if err == nil && h.Pool != nil && h.Pool.Idle >= n && len(testutil.Children(d.PID())) >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the pool did not fill to %d: %+v, %v", n, h.Pool, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
