package jsrt

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"codexec/ipc"
	"codexec/result"
)

// runWithFault runs code with a global engineBug() that fails the way a bug
// inside goja does: a Go runtime panic from native code, which goja does
// not turn into a JavaScript exception.
func runWithFault(t *testing.T, code string) ipc.Result {
	t.Helper()
	rt, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := rt.vm.Set("engineBug", func(goja.FunctionCall) goja.Value {
		var s []int
		i := 3
		return rt.vm.ToValue(s[i]) // index out of range, as in goja's sort
	}); err != nil {
		t.Fatal(err)
	}
	job := ipc.Job{ID: "t", Code: code, Context: json.RawMessage(`{}`), TimeoutMs: 5000,
		MaxOutputBytes: 1 << 20, MaxLogLines: 100, MaxLogBytes: 1 << 16, CaptureConsole: true}
	return rt.Run(job, func(string, string) error { return nil })
}

// A Go panic inside the engine, wherever the job's code is when it
// happens, ends the job as an error that names an engine fault and keeps
// the panic's text; the runner goes on to report it.
func TestEngineFaultIsAnError(t *testing.T) {
	tests := []struct{ name, code string }{
		{"synchronous", "return engineBug()"},
		{"caught by try does not hide it", "try { engineBug() } catch (e) { return 'caught ' + e } finally { }"},
		{"after await", "await null; return engineBug()"},
		{"in a promise reaction", "return await Promise.resolve(1).then(() => engineBug())"},
		{"in a timer", "setTimeout(() => engineBug(), 1); return 1"},
		{"in an interval", "const id = setInterval(() => { clearInterval(id); engineBug() }, 1)"},
		{"in a microtask", "queueMicrotask(() => engineBug()); await null"},
		{"while serialising the result", "return { get x() { return engineBug() } }"},
		{"in a comparator", "return [3, 1, 2].sort(() => engineBug())"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runWithFault(t, tt.code)
			if res.Status != result.Error || res.Error == nil {
				t.Fatalf("result = %s %+v, want error", res.Status, res.Error)
			}
			if res.Error.Kind != result.Error {
				t.Errorf("kind = %s, want error", res.Error.Kind)
			}
			msg := res.Error.Message
			if !strings.HasPrefix(msg, EngineFaultPrefix) || !strings.Contains(msg, "index out of range [3] with length 0") {
				t.Errorf("message = %q, want the engine fault with the panic's text", msg)
			}
		})
	}
}
