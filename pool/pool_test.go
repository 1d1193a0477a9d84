package pool

import (
	"context"
	"encoding/json"
	"os"
	"syscall"
	"testing"
	"time"

	"codexec/internal/testutil"
	"codexec/ipc"
	"codexec/result"
	"codexec/sandbox"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}

func newPool(t *testing.T, size int) *Pool {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{AllowWeak: true})
	if err != nil {
		t.Fatal(err)
	}
	p := New(Options{Size: size, MemoryBytes: 256 << 20,
		Sandbox: sandbox.Config{RunnerPath: testutil.Runner(t), Env: sandbox.RunnerEnv, Isolation: iso}})
	t.Cleanup(p.Close)
	return p
}

func waitIdle(t *testing.T, p *Pool, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for p.Stats().Idle != n {
		if time.Now().After(deadline) {
			t.Fatalf("pool has %d idle runners, want %d", p.Stats().Idle, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func job(code string) ipc.Job {
	return ipc.Job{ID: "t", Code: code, Context: json.RawMessage(`{}`), TimeoutMs: 5000, MaxOutputBytes: 1 << 20,
		MaxLogLines: 10, MaxLogBytes: 1 << 16, CaptureConsole: true}
}

func TestWarmAndRefill(t *testing.T) {
	p := newPool(t, 3)
	waitIdle(t, p, 3)
	r, warm, err := p.Get(context.Background(), "x", 256<<20)
	if err != nil || !warm {
		t.Fatalf("Get = %v, warm %v", err, warm)
	}
	if out := r.Run(context.Background(), job("globalThis.leak = 42; return 1"), 256<<20, nil); out.Status != result.OK {
		t.Fatalf("warm run: %+v", out)
	}
	// The next execution sees nothing of the previous one.
	r2, _, _ := p.Get(context.Background(), "y", 256<<20)
	if out := r2.Run(context.Background(), job("return typeof globalThis.leak"), 256<<20, nil); string(out.Output) != `"undefined"` {
		t.Errorf("state leaked between executions: %s", out.Output)
	}
	waitIdle(t, p, 3)
	if st := p.Stats(); st.Hits != 2 || st.Misses != 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestEmptyPoolStartsCold(t *testing.T) {
	p := newPool(t, 0)
	r, warm, err := p.Get(context.Background(), "cold", 64<<20)
	if err != nil || warm {
		t.Fatalf("Get = %v, warm %v; want a cold start", err, warm)
	}
	if out := r.Run(context.Background(), job("return 2"), 64<<20, nil); out.Status != result.OK {
		t.Fatalf("cold run: %+v", out)
	}
	if st := p.Stats(); st.Misses != 1 || st.Idle != 0 {
		t.Errorf("stats %+v", st)
	}
}

// A runner that dies while parked is noticed and replaced; Get never hands
// it out.
func TestDeadWhileParked(t *testing.T) {
	p := newPool(t, 2)
	waitIdle(t, p, 2)
	p.mu.Lock()
	victims := append([]*sandbox.Runner(nil), p.idle...)
	p.mu.Unlock()
	for _, v := range victims {
		syscall.Kill(v.PID(), syscall.SIGKILL)
	}
	for _, v := range victims {
		for v.Alive() {
			time.Sleep(time.Millisecond)
		}
	}
	r, _, err := p.Get(context.Background(), "after", 256<<20)
	if err != nil {
		t.Fatal(err)
	}
	if out := r.Run(context.Background(), job("return 3"), 256<<20, nil); out.Status != result.OK {
		t.Fatalf("run after the deaths: %+v", out)
	}
	waitIdle(t, p, 2)
	if st := p.Stats(); st.Deaths < 2 {
		t.Errorf("deaths = %d, want 2", st.Deaths)
	}
}

func TestResize(t *testing.T) {
	p := newPool(t, 1)
	waitIdle(t, p, 1)
	p.Resize(4)
	waitIdle(t, p, 4)
	p.Resize(2)
	waitIdle(t, p, 2)
	p.Resize(0)
	waitIdle(t, p, 0)
}

// The job's memory limit is applied to the parked runner's cgroup before
// the job is sent.
func TestPerJobMemoryLimit(t *testing.T) {
	testutil.RequireRoot(t)
	p := newPool(t, 1)
	waitIdle(t, p, 1)
	r, warm, _ := p.Get(context.Background(), "mem", 48<<20)
	if !warm {
		t.Fatal("not warm")
	}
	out := r.Run(context.Background(), job("return 'x'.repeat(2 ** 27).length"), 48<<20, nil)
	if out.Status != result.Memory || out.PeakMemoryBytes > 80<<20 {
		t.Errorf("a 128 MiB string under a 48 MiB job limit in a runner parked at 256 MiB: %s, peak %d MiB", out.Status, out.PeakMemoryBytes>>20)
	}
}

// Close kills the parked runners.
func TestClose(t *testing.T) {
	p := newPool(t, 2)
	waitIdle(t, p, 2)
	p.mu.Lock()
	rs := append([]*sandbox.Runner(nil), p.idle...)
	p.mu.Unlock()
	p.Close()
	for _, r := range rs {
		if r.Alive() {
			t.Errorf("runner %d alive after Close", r.PID())
		}
	}
}

// Fresh starts a runner now, never a parked one, and counts a replacement.
func TestFresh(t *testing.T) {
	p := newPool(t, 2)
	waitIdle(t, p, 2)
	p.mu.Lock()
	parked := map[int]bool{}
	for _, r := range p.idle {
		parked[r.PID()] = true
	}
	p.mu.Unlock()
	r, err := p.Fresh("fresh", 256<<20)
	if err != nil {
		t.Fatal(err)
	}
	if parked[r.PID()] {
		t.Fatalf("Fresh handed out the parked runner %d", r.PID())
	}
	if out := r.Run(context.Background(), job("return 4"), 256<<20, nil); out.Status != result.OK || string(out.Output) != "4" {
		t.Fatalf("run on the fresh runner: %+v", out)
	}
	if st := p.Stats(); st.Idle != 2 || st.Replaced != 1 || st.Hits != 0 || st.Misses != 0 {
		t.Errorf("stats %+v, want 2 idle, 1 replaced, no hit or miss", st)
	}
}
