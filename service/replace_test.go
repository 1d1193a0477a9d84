package service

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"codexec/internal/testutil"
	"codexec/metrics"
	"codexec/pool"
	"codexec/result"
	"codexec/sandbox"
)

// pooled is a service with a warm pool of real runners under full
// isolation (cgroups, namespaces), as the daemon runs it.
type pooled struct {
	s   *Service
	p   *pool.Pool
	m   *metrics.Metrics
	log *testutil.SyncBuffer
}

func newPooled(t *testing.T, size int) *pooled {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	testutil.RequireRoot(t)
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{})
	if err != nil {
		t.Skipf("skipping: full isolation is not possible here: %v", err)
	}
	testutil.ExpectCgroupMode(t, string(iso.Cgroups.Mode()))
	runner := testutil.Runner(t)
	pl := &pooled{m: metrics.New(metrics.Gauges{}), log: &testutil.SyncBuffer{}}
	logger := slog.New(slog.NewTextHandler(pl.log, &slog.HandlerOptions{Level: slog.LevelWarn}))
	pl.p = pool.New(pool.Options{Size: size, MemoryBytes: 256 << 20, Sandbox: DaemonSandboxConfig(runner, 0, iso), Logger: logger})
	t.Cleanup(func() {
		pl.p.Close()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_ = sandbox.WaitCleanups(ctx)
		if t.Failed() {
			t.Logf("log:\n%s", pl.log.String())
		}
	})
	pl.s, err = New(Options{RunnerPath: runner, Isolation: iso, Pool: pl.p, AsyncCleanup: true, Metrics: pl.m, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	return pl
}

// parked waits until the pool holds n runners and returns their pids: the
// children of this process in a pool runner's cgroup (a parked runner's
// cgroup is named for the pool, a job's runner's for its execution).
func (pl *pooled) parked(t *testing.T, n int) []int {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		var pids []int
		for _, kid := range testutil.Children(os.Getpid()) {
			pid, _ := strconv.Atoi(strings.Fields(kid)[0])
			if cg, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cgroup"); err == nil && strings.Contains(string(cg), "-pool-") {
				pids = append(pids, pid)
			}
		}
		if pl.p.Stats().Idle == n && len(pids) == n {
			return pids
		}
		if time.Now().After(deadline) {
			t.Fatalf("pool %+v, %d parked runner processes; want %d", pl.p.Stats(), len(pids), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// replacedMetric scrapes codexec_pool_replaced_runners_total.
func (pl *pooled) replacedMetric(t *testing.T) int {
	t.Helper()
	w := httptest.NewRecorder()
	pl.m.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	for _, line := range strings.Split(w.Body.String(), "\n") {
		if v, ok := strings.CutPrefix(line, "codexec_pool_replaced_runners_total "); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatalf("metric line %q", line)
			}
			return n
		}
	}
	t.Fatal("codexec_pool_replaced_runners_total is not in /metrics")
	return 0
}

// warnings counts the warn lines about replaced runners.
func (pl *pooled) warnings() int {
	return strings.Count(pl.log.String(), "a warm runner died before it read its job")
}

func kill(t *testing.T, pids []int, sig syscall.Signal) {
	t.Helper()
	for _, pid := range pids {
		if err := syscall.Kill(pid, sig); err != nil {
			t.Fatalf("signal %v to runner %d: %v", sig, pid, err)
		}
	}
}

// waitStopped waits until every thread of each process is stopped: a
// thread not yet stopped could still take a job that arrives in its pipe.
func waitStopped(t *testing.T, pids []int) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for _, pid := range pids {
		for !testutil.AllStopped(pid) {
			if time.Now().After(deadline) {
				t.Fatalf("runner %d did not stop", pid)
			}
			time.Sleep(time.Millisecond)
		}
	}
}

func execN(t *testing.T, s *Service, n int, concurrent bool) {
	t.Helper()
	var wg sync.WaitGroup
	one := func(i int) {
		defer wg.Done()
		res := s.Execute(context.Background(), Request{Code: "return context.i", Context: json.RawMessage(`{"i":` + strconv.Itoa(i) + `}`)}, nil)
		if res.Status != result.OK || string(res.Output) != strconv.Itoa(i) {
			t.Errorf("execution %d: %s %s %+v", i, res.Status, res.Output, res.Error)
		}
	}
	for i := 0; i < n; i++ {
		wg.Add(1)
		if concurrent {
			go one(i)
		} else {
			one(i)
		}
	}
	wg.Wait()
}

// Every parked runner SIGKILLed, then at once pool size + 2 executions:
// all succeed. Each killed runner is either found dead by the pool (a
// death) or handed out before its death was seen and replaced by a fresh
// runner (a replacement), never both and never neither; the metric and the
// warnings count the replacements.
func TestParkedRunnersKilledThenExecuted(t *testing.T) {
	for _, concurrent := range []bool{true, false} {
		name := "sequential"
		if concurrent {
			name = "concurrent"
		}
		t.Run(name, func(t *testing.T) {
			const size = 3
			pl := newPooled(t, size)
			for round := 0; round < 3; round++ {
				pids := pl.parked(t, size)
				before := pl.p.Stats()
				kill(t, pids, syscall.SIGKILL)
				execN(t, pl.s, size+2, concurrent)
				deadline := time.Now().Add(time.Minute)
				for {
					st := pl.p.Stats()
					n := (st.Deaths - before.Deaths) + (st.Replaced - before.Replaced)
					if n > size {
						t.Fatalf("round %d: %d deaths and replacements for %d killed runners (%+v before, %+v after)", round, n, size, before, st)
					}
					if n == size {
						break
					}
					if time.Now().After(deadline) {
						t.Fatalf("round %d: %d of %d killed runners accounted for (%+v before, %+v after)", round, n, size, before, st)
					}
					time.Sleep(10 * time.Millisecond)
				}
			}
			st := pl.p.Stats()
			if m, w := pl.replacedMetric(t), pl.warnings(); m != int(st.Replaced) || w != int(st.Replaced) {
				t.Errorf("metric %d, %d warnings; the pool replaced %d", m, w, st.Replaced)
			}
			t.Logf("after three rounds of %d kills: %d found dead while parked, %d replaced after they were handed out", size, st.Deaths, st.Replaced)
		})
	}
}

// The race that a status alone cannot settle, made certain: every parked
// runner is stopped (alive, so the pool hands it out, but unable to read),
// each gets an execution's job, and then each is SIGKILLed. None read its
// job, so every one is replaced and every execution succeeds.
func TestRunnersKilledBeforeReadingTheirJob(t *testing.T) {
	const size = 3
	pl := newPooled(t, size)
	pids := pl.parked(t, size)
	kill(t, pids, syscall.SIGSTOP)
	waitStopped(t, pids)
	done := make(chan struct{})
	go func() {
		defer close(done)
		execN(t, pl.s, size, true)
	}()
	deadline := time.Now().Add(time.Minute)
	for pl.p.Stats().Hits < size {
		if time.Now().After(deadline) {
			t.Fatalf("pool %+v: the stopped runners were not handed out", pl.p.Stats())
		}
		time.Sleep(time.Millisecond)
	}
	kill(t, pids, syscall.SIGKILL)
	<-done
	execN(t, pl.s, 2, false)
	st := pl.p.Stats()
	if st.Replaced != size || st.Hits < size {
		t.Errorf("pool %+v: want %d replaced", st, size)
	}
	if m, w := pl.replacedMetric(t), pl.warnings(); m != size || w != size {
		t.Errorf("metric %d, %d warnings; want %d", m, w, size)
	}
}

// A warm runner killed after it read its job (its code logged, then spun)
// is not replaced: the code may have done things, and it must never run
// twice. The execution ends internal, the line was written once.
func TestRunnerKilledAfterItsJobIsNotReplaced(t *testing.T) {
	pl := newPooled(t, 1)
	pid := pl.parked(t, 1)[0]
	var lines atomic.Int32
	res := pl.s.Execute(context.Background(), Request{Code: "console.log('ran');\nfor (;;) {}", TimeoutMs: 20000}, func(l result.Log) {
		if lines.Add(1) == 1 {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	})
	if res.Status != result.Internal || res.Error == nil || !strings.Contains(res.Error.Message, "killed by signal killed") {
		t.Fatalf("result %s %+v, want internal: killed by signal killed", res.Status, res.Error)
	}
	if n := lines.Load(); n != 1 || len(res.Logs) != 1 || res.Logs[0].Message != "ran" {
		t.Errorf("%d lines streamed, logs %v; want the one line 'ran' once", n, res.Logs)
	}
	st := pl.p.Stats()
	if st.Hits != 1 || st.Replaced != 0 {
		t.Errorf("pool %+v: want one warm runner, none replaced", st)
	}
	if m, w := pl.replacedMetric(t), pl.warnings(); m != 0 || w != 0 {
		t.Errorf("metric %d, %d warnings; want none", m, w)
	}
}
