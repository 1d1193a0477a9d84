package sandbox

import (
	"context"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"codexec/internal/testutil"
	"codexec/limits"
)

// BenchmarkSpawnToReady measures spawn to ready of a runner with each
// isolation layer added in turn, then with each alone on top of the full
// lockdown's absence, and the full setup. Run as root:
//
//	go test ./sandbox -run '^$' -bench SpawnToReady -benchtime 100x
//
// It reports the median and p95 (ms) besides Go's mean.
func BenchmarkSpawnToReady(b *testing.B) {
	testutil.RequireRoot(b)
	all := []string{limits.LayerRlimits, limits.LayerCreds, limits.LayerLandlock, limits.LayerSeccomp}
	without := func(skip ...string) []string {
		var out []string
		for _, l := range all {
			keep := true
			for _, s := range skip {
				keep = keep && l != s
			}
			if keep {
				out = append(out, l)
			}
		}
		return out
	}
	none := []string{}
	cases := []struct {
		name string
		opts IsolationOptions
	}{
		{"bare", IsolationOptions{NoCgroups: true, Namespaces: none, Skip: all, AllowWeak: true}},
		{"+rlimits", IsolationOptions{NoCgroups: true, Namespaces: none, Skip: without(limits.LayerRlimits), AllowWeak: true}},
		{"+uid", IsolationOptions{NoCgroups: true, Namespaces: none, Skip: without(limits.LayerCreds), AllowWeak: true}},
		{"+landlock", IsolationOptions{NoCgroups: true, Namespaces: none, Skip: without(limits.LayerLandlock), AllowWeak: true}},
		{"+seccomp", IsolationOptions{NoCgroups: true, Namespaces: none, Skip: without(limits.LayerSeccomp), AllowWeak: true}},
		{"lockdown", IsolationOptions{NoCgroups: true, Namespaces: none, AllowWeak: true}},
		{"lockdown+cgroup", IsolationOptions{Namespaces: none, AllowWeak: true}},
		{"lockdown+pid", IsolationOptions{NoCgroups: true, Namespaces: []string{NSPid}, AllowWeak: true}},
		{"lockdown+net", IsolationOptions{NoCgroups: true, Namespaces: []string{NSNet}, AllowWeak: true}},
		{"lockdown+net(fresh)", IsolationOptions{NoCgroups: true, Namespaces: []string{NSNet}, AllowWeak: true, FreshNetNS: true}},
		{"lockdown+ipc", IsolationOptions{NoCgroups: true, Namespaces: []string{NSIPC}, AllowWeak: true}},
		{"lockdown+uts", IsolationOptions{NoCgroups: true, Namespaces: []string{NSUTS}, AllowWeak: true}},
		{"lockdown+mount", IsolationOptions{NoCgroups: true, Namespaces: []string{NSMount}, AllowWeak: true}},
		{"full", IsolationOptions{}},
		{"full(fresh net)", IsolationOptions{FreshNetNS: true}},
	}
	runner := testutil.Runner(b)
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			iso, err := NewIsolation(c.opts)
			if err != nil {
				b.Fatal(err)
			}
			samples := make([]time.Duration, 0, b.N)
			cpu0 := machineCPU(b)
			for i := 0; i < b.N; i++ {
				r, err := Start(Config{RunnerPath: runner, Env: RunnerEnv, Isolation: iso}, Spec{ID: "bench", MemoryBytes: 256 << 20})
				if err != nil {
					b.Fatal(err)
				}
				if err := r.WaitReady(context.Background()); err != nil {
					b.Fatal(err)
				}
				samples = append(samples, r.readyAt.Sub(r.spawnedAt))
				r.Kill()
			}
			// Let the kernel's workers finish tearing down what the runners
			// left (network namespaces are torn down asynchronously).
			time.Sleep(300 * time.Millisecond)
			b.ReportMetric((machineCPU(b)-cpu0)/float64(b.N), "machine-cpu-ms/op")
			sort.Slice(samples, func(i, j int) bool { return samples[i] < samples[j] })
			b.ReportMetric(float64(samples[len(samples)/2].Microseconds())/1000, "median-ms")
			b.ReportMetric(float64(samples[len(samples)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}

// machineCPU is the CPU time every core has spent busy, from /proc/stat,
// in ms: a spawn's cost including the kernel's workers.
func machineCPU(b *testing.B) float64 {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		b.Fatal(err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	f := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal ...
	var busy float64
	for i, v := range f[1:] {
		if i == 3 || i == 4 {
			continue // idle, iowait
		}
		n, _ := strconv.ParseFloat(v, 64)
		busy += n
	}
	return busy * 10 // USER_HZ is 100
}
