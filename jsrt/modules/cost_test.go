package modules_test

import (
	"testing"

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
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				rt, err := jsrt.New(jsrt.Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res := rt.Run(ipc.Job{Code: code, TimeoutMs: 10000, MaxOutputBytes: 1 << 20, AllowBuiltinModules: true}, nil)
				if res.Status != result.OK {
					b.Fatal(res.Error)
				}
			}
		})
	}
}
