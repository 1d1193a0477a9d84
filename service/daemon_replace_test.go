package service

import (
	"context"
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

const replacedMetricName = "codexec_pool_replaced_runners_total"

// parkedRunners waits until the daemon's pool holds n runners and they are
// all its children, and returns their pids.
func parkedRunners(t *testing.T, d *daemontest.Daemon, n int) []int {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		h, err := d.Health(context.Background())
		kids := testutil.Children(d.PID())
		if err == nil && h.Pool != nil && h.Pool.Idle == n && len(kids) == n {
			var pids []int
			for _, kid := range kids {
				pid, _ := strconv.Atoi(strings.Fields(kid)[0])
				pids = append(pids, pid)
			}
			return pids
		}
		if time.Now().After(deadline) {
			t.Fatalf("pool %+v, children %v, %v; want %d parked", h.Pool, kids, err, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func signal(t *testing.T, pids []int, sig syscall.Signal) {
	t.Helper()
	for _, pid := range pids {
		if err := syscall.Kill(pid, sig); err != nil {
			t.Fatalf("signal %v to runner %d: %v", sig, pid, err)
		}
	}
}

// executeAll sends n executions at once and requires each to succeed.
func executeAll(t *testing.T, d *daemontest.Daemon, n int, what string) {
	t.Helper()
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			res, _, err := d.Execute(context.Background(), wire.ExecuteRequest{Code: "return context.i", Context: []byte(`{"i":` + strconv.Itoa(i) + `}`)})
			if err != nil || res.Status != result.OK || string(res.Output) != strconv.Itoa(i) {
				t.Errorf("%s, execution %d: %s %s %+v, %v", what, i, res.Status, res.Output, res.Error, err)
			}
		}(i)
	}
	wg.Wait()
}

func poolFigures(t *testing.T, d *daemontest.Daemon) (deaths uint64, replaced int) {
	t.Helper()
	h, err := d.Health(context.Background())
	if err != nil || h.Pool == nil {
		t.Fatalf("health %+v, %v", h, err)
	}
	m, err := d.Metrics(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	v, ok := m[replacedMetricName]
	if !ok {
		t.Fatalf("%s is not in /metrics", replacedMetricName)
	}
	if h.Pool.Replaced > uint64(v) {
		// /healthz was read first: it may be behind the metric, never ahead.
		t.Errorf("healthz says %d replaced, /metrics %v", h.Pool.Replaced, v)
	}
	return h.Pool.Deaths, int(v)
}

// Through a real daemon's socket: the warm pool's runners SIGKILLed (found
// as the daemon's children) before they read their jobs, first certainly
// (stopped, handed out, then killed: each is replaced), then as an
// operator would (killed, then at once pool size + 2 executions: each
// killed runner is found dead by the pool or replaced). Every execution
// succeeds, the metric counts the replacements, and nothing is left.
func TestDaemonReplacesKilledWarmRunners(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	testutil.RequireRoot(t)
	const size = 3
	d := daemontest.Start(t, daemontest.Options{Limits: func(l *config.Limits) { l.PoolSize = size }})
	ctx := context.Background()

	pids := parkedRunners(t, d, size)
	h, err := d.Health(ctx)
	if err != nil {
		t.Fatal(err)
	}
	hits := h.Pool.Hits
	signal(t, pids, syscall.SIGSTOP)
	waitStopped(t, pids)
	done := make(chan struct{})
	go func() {
		defer close(done)
		executeAll(t, d, size, "stopped, then killed")
	}()
	deadline := time.Now().Add(time.Minute)
	for {
		h, err := d.Health(ctx)
		if err == nil && h.Pool.Hits >= hits+size {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pool %+v, %v: the stopped runners were not handed out", h.Pool, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	signal(t, pids, syscall.SIGKILL)
	<-done
	if _, replaced := poolFigures(t, d); replaced != size {
		t.Errorf("%s = %d after %d warm runners were killed before they read their jobs, want %d", replacedMetricName, replaced, size, size)
	}

	for round := 0; round < 3; round++ {
		pids := parkedRunners(t, d, size)
		deaths0, replaced0 := poolFigures(t, d)
		signal(t, pids, syscall.SIGKILL)
		executeAll(t, d, size+2, "killed, then executed at once")
		deadline := time.Now().Add(time.Minute)
		for {
			deaths, replaced := poolFigures(t, d)
			n := int(deaths-deaths0) + replaced - replaced0
			if n > size {
				t.Fatalf("round %d: %d deaths and replacements for %d killed runners", round, n, size)
			}
			if n == size {
				t.Logf("round %d: %d found dead while parked, %d replaced", round, deaths-deaths0, replaced-replaced0)
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("round %d: %d of %d killed runners accounted for", round, n, size)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	if n := strings.Count(d.Log(), "a warm runner died before it read its job"); n < size {
		t.Errorf("%d warnings in the daemon's log, want at least %d", n, size)
	}
	if r, err := d.WaitQuiet(t, time.Minute); err != nil {
		t.Errorf("%v (%s)", err, r)
	}
}
