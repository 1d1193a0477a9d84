package sandbox

import (
	"context"
	"sort"
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
		{"lockdown+ipc", IsolationOptions{NoCgroups: true, Namespaces: []string{NSIPC}, AllowWeak: true}},
		{"lockdown+uts", IsolationOptions{NoCgroups: true, Namespaces: []string{NSUTS}, AllowWeak: true}},
		{"lockdown+mount", IsolationOptions{NoCgroups: true, Namespaces: []string{NSMount}, AllowWeak: true}},
		{"full", IsolationOptions{}},
	}
	runner := testutil.Runner(b)
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			iso, err := NewIsolation(c.opts)
			if err != nil {
				b.Fatal(err)
			}
			samples := make([]time.Duration, 0, b.N)
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
			sort.Slice(samples, func(i, j int) bool { return samples[i] < samples[j] })
			b.ReportMetric(float64(samples[len(samples)/2].Microseconds())/1000, "median-ms")
			b.ReportMetric(float64(samples[len(samples)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}
