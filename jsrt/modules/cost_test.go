package modules_test

import (
	"syscall"
	"testing"
	"time"

	"codexec/ipc"
	"codexec/jsrt"
	"codexec/result"
)

// BenchmarkFirstRequire is the cost of a job's first require of each module
// (compiling its bundle and running it, with what it requires), over a job
// that requires nothing: go test -bench FirstRequire ./jsrt/modules
func BenchmarkFirstRequire(b *testing.B) {
	for _, name := range append([]string{"(none)"}, []string{"assert", "buffer", "crypto", "events", "path", "querystring", "string_decoder", "url", "util"}...) {
		code := "return 1"
		if name != "(none)" {
			code = "require('" + name + "'); return 1"
		}
		b.Run(name, func(b *testing.B) {
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				rt, err := jsrt.New(jsrt.Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := cpuTime()
				res := rt.Run(ipc.Job{Code: code, TimeoutMs: 10000, MaxOutputBytes: 1 << 20, AllowBuiltinModules: true}, nil)
				cpu += cpuTime() - start
				if res.Status != result.OK {
					b.Fatal(res.Error)
				}
			}
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the process's CPU time so far (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
