package sandbox

import (
	"context"
	"testing"

	"codexec/internal/testutil"
	"codexec/result"
)

// A job that churns through short-lived values holds far more memory than
// it keeps alive: building a 100 KB string with += leaves gigabytes of
// garbage behind it in goja. The runner's heap watchdog must not take that
// garbage for a memory bomb (it did: status memory under the default
// 256 MiB limit), while a real bomb still ends with status memory.
func TestHeapWatchdogChurn(t *testing.T) {
	tests := []struct {
		name, code string
		status     result.Status
		output     string
	}{
		{"string built with +=", "let s = ''; for (let i = 0; i < 50000; i++) s += 'ab'; return s.length", result.OK, "100000"},
		{"a real bomb", "const keep = []; for (;;) keep.push('x'.repeat(100000) + keep.length)", result.Memory, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Start(Config{RunnerPath: testutil.Runner(t), Env: RunnerEnv}, Spec{ID: "churn"})
			if err != nil {
				t.Fatal(err)
			}
			out := r.Run(context.Background(), testJob(tt.code, 20000), 256<<20, nil)
			if out.Status != tt.status || (tt.output != "" && string(out.Output) != tt.output) {
				t.Fatalf("outcome = %s %s %+v, want %s %s", out.Status, out.Output, out.Error, tt.status, tt.output)
			}
			t.Logf("%s: peak %.1f MiB, CPU %v", out.Status, float64(out.PeakMemoryBytes)/(1<<20), out.CPUTime)
		})
	}
}
