package sandbox

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"codexec/internal/testutil"
	"codexec/result"
)

// memoryMargin is how far above its limit a runner's reported peak may be
// on a host where the runner is moved into its cgroup after it started
// (cgroup v1): its resident memory counts its mapped executable (about
// 10 MiB), which the cgroup was not charged for, and what it used before
// the move (1–2 MiB). Born in its cgroup (v2), the peak is the cgroup's and
// never above the limit.
const memoryMargin = 16 << 20

func TestParseHWM(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"Name:\trunner\nVmPeak:\t 1000 kB\nVmHWM:\t   10896 kB\nVmRSS:\t 9000 kB\n", 10896 << 10, true},
		{"Name:\tzombie\nState:\tZ (zombie)\n", 0, false},
		{"Name:\tx\nVmHWM:\t12 MB\n", 0, false},
		{"Name:\tx\nVmHWM:\tlots kB\n", 0, false},
		{"VmHWM:\t5 kB\n", 0, false}, // never the first line of a real status
	} {
		got, ok := parseHWM([]byte(tc.in))
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseHWM(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// ownHWM is this process's VmHWM in bytes.
func ownHWM(t *testing.T) uint64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	n, ok := parseHWM(b)
	if !ok {
		t.Fatal("no VmHWM in /proc/self/status")
	}
	return n
}

// The peak reported for a runner is its own: driving this process (the
// supervisor's side) past 500 MiB of resident memory does not change what
// a runner spawned afterwards reports. (A vforked child inherits its
// parent's peak RSS in getrusage's and wait4's maxrss; the figure must not
// come from there.)
func TestMemoryIsTheRunnersOwn(t *testing.T) {
	runner := testutil.Runner(t)
	modes := []struct {
		name string
		iso  func(t *testing.T) *Isolation
	}{
		{"weak", func(*testing.T) *Isolation { return nil }},
		{"isolated", func(t *testing.T) *Isolation { return fullIsolation(t) }},
	}
	var ballast []byte
	measure := func(t *testing.T, iso *Isolation) Outcome {
		t.Helper()
		var out Outcome
		if iso == nil {
			r, err := Start(Config{RunnerPath: runner, Env: RunnerEnv}, Spec{ID: "mem"})
			if err != nil {
				t.Fatal(err)
			}
			out = r.Run(t.Context(), testJob("return 1", 5000), 0, nil)
		} else {
			out = runIsolated(t, iso, runner, "return 1", 5000, 64)
		}
		if out.Status != result.OK {
			t.Fatalf("status = %s (%+v), want ok", out.Status, out.Error)
		}
		if out.PeakMemoryBytes == 0 || out.MemoryFrom == MemoryUnknown {
			t.Fatalf("no memory figure: %d bytes from %q", out.PeakMemoryBytes, out.MemoryFrom)
		}
		return out
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			iso := m.iso(t)
			before := measure(t, iso)
			if ballast == nil {
				// Grow this process past 500 MiB resident, every page touched.
				ballast = make([]byte, 560<<20)
				for i := 0; i < len(ballast); i += 4096 {
					ballast[i] = 1
				}
			}
			if hwm := ownHWM(t); hwm < 500<<20 {
				t.Fatalf("this process's peak is %d MiB, want over 500 for the test", hwm>>20)
			}
			after := measure(t, iso)
			t.Logf("%s: before %.1f MiB (%s), after the supervisor grew to %d MiB: %.1f MiB (%s)", m.name,
				float64(before.PeakMemoryBytes)/(1<<20), before.MemoryFrom, ownHWM(t)>>20,
				float64(after.PeakMemoryBytes)/(1<<20), after.MemoryFrom)
			d := int64(after.PeakMemoryBytes) - int64(before.PeakMemoryBytes)
			if d > 4<<20 || d < -4<<20 {
				t.Errorf("peak went from %d to %d bytes: more than 4 MiB apart", before.PeakMemoryBytes, after.PeakMemoryBytes)
			}
			if after.PeakMemoryBytes > 64<<20 {
				t.Errorf("peak of return 1 = %d MiB", after.PeakMemoryBytes>>20)
			}
		})
	}
	runtime.KeepAlive(ballast)
}

// A memory bomb that touches every page it asks for is stopped at its
// limit, and its reported peak is at or near the limit, never above it by
// more than memoryMargin.
func TestMemoryBombPeakNearLimit(t *testing.T) {
	iso := fullIsolation(t)
	const limit = 64 << 20
	code := "const k = []; for (;;) { const b = new Uint8Array(4 << 20); b.fill(1); k.push(b) }"
	out := runIsolated(t, iso, testutil.Runner(t), code, 30000, limit>>20)
	if out.Status != result.Memory {
		t.Fatalf("status = %s (%+v), want memory", out.Status, out.Error)
	}
	peak := out.PeakMemoryBytes
	t.Logf("limit 64 MiB: %s; peak %.1f MiB (%s)", out.Error.Message, float64(peak)/(1<<20), out.MemoryFrom)
	// The runtime's watchdog stops the job once its heap passes 75% of the
	// limit, before the kernel has to; the peak is then somewhat below it.
	if peak < limit/2 || peak > limit+memoryMargin {
		t.Errorf("peak = %.1f MiB, want within [32, %d] MiB", float64(peak)/(1<<20), (limit+memoryMargin)>>20)
	}
	if out.MemoryFrom == MemoryFromCgroup && peak > limit {
		t.Errorf("peak = %d bytes from the cgroup, above its limit %d", peak, limit)
	}
}

// The peak reported with a result counts what the job used: a job that
// touches 48 MiB reports at least that, whether Run waits for the runner's
// exit or returns at the result (AsyncCleanup), and the figure comes from
// the cgroup when the runner was born in it (v2), from VmHWM otherwise.
func TestPeakOfAResultCountsItsJob(t *testing.T) {
	iso := fullIsolation(t)
	runner := testutil.Runner(t)
	const code = `const a = new Float64Array(6 << 20); for (let i = 0; i < a.length; i += 512) a[i] = i; return a.length`
	const limit = 128 << 20
	for _, async := range []bool{false, true} {
		t.Run(map[bool]string{false: "waited", true: "async"}[async], func(t *testing.T) {
			r, err := Start(Config{RunnerPath: runner, Env: RunnerEnv, Isolation: iso, AsyncCleanup: async},
				Spec{ID: fmt.Sprintf("peak%v", async), MemoryBytes: limit})
			if err != nil {
				t.Fatal(err)
			}
			out := r.Run(t.Context(), testJob(code, 10000), limit, nil)
			if out.Status != result.OK || string(out.Output) != "6291456" {
				t.Fatalf("outcome %s %s %+v", out.Status, out.Output, out.Error)
			}
			want := MemoryFromProcess
			if r.bornIn {
				want = MemoryFromCgroup
			}
			if out.MemoryFrom != want {
				t.Errorf("memory from %q, want %q (born in its cgroup: %v)", out.MemoryFrom, want, r.bornIn)
			}
			if out.PeakMemoryBytes < 48<<20 || out.PeakMemoryBytes > limit+memoryMargin {
				t.Errorf("peak %.1f MiB, want at least the 48 MiB the job touched and at most the limit plus %d MiB",
					float64(out.PeakMemoryBytes)/(1<<20), memoryMargin>>20)
			}
			t.Logf("peak %.1f MiB from %s", float64(out.PeakMemoryBytes)/(1<<20), out.MemoryFrom)
		})
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := WaitCleanups(ctx); err != nil {
		t.Fatal(err)
	}
}
