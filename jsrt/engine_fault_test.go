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

// The inputs that made goja panic are JavaScript exceptions now, as in
// Node: the job's code can catch them, and an uncaught one is an ordinary
// error, not an engine fault.
func TestFormerEnginePanics(t *testing.T) {
	tests := []struct {
		name, code string
		output     string // when the code catches the error and returns its text
	}{
		{"sort comparator shrinks the array",
			"const a = [5, 4, 3, 2, 1, 0, 9, 8, 7]; a.sort((x, y) => { a.length = 1; return x - y }); return a",
			"[0,1,2,3,4,5,7,8,9]"},
		{"sort comparator grows the array",
			"const a = [3, 1, 2]; a.sort((x, y) => { a.push(0); return x - y }); return a.slice(0, 3)",
			"[1,2,3]"},
		{"BigInt.asIntN huge width", "return String(BigInt.asIntN(2**53 - 1, 1n))", `"1"`},
		{"BigInt.asUintN huge width", "return String(BigInt.asUintN(2**53 - 1, 1n))", `"1"`},
		{"BigInt.asIntN huge width negative", "return String(BigInt.asIntN(2**53 - 1, -5n))", `"-5"`},
		{"BigInt.asUintN huge width negative",
			"try { BigInt.asUintN(2**40, -5n) } catch (e) { return e.name + ': ' + e.message }",
			`"RangeError: Maximum BigInt size exceeded"`},
		{"sort of a huge array-like",
			"try { Array.prototype.sort.call({ length: 2**53 - 1 }) } catch (e) { return e.name + ': ' + e.message }",
			`"RangeError: Invalid array length"`},
		{"apply with a huge array-like",
			"try { Math.max.apply(null, { length: 2**53 - 1 }) } catch (e) { return e.name + ': ' + e.message }",
			`"RangeError: Invalid array length"`},
		{"Reflect.apply with a huge array-like",
			"try { Reflect.apply(Math.max, null, { length: 2**32 }) } catch (e) { return e.name + ': ' + e.message }",
			`"RangeError: Invalid array length"`},
		{"String.fromCharCode.apply with a huge array-like",
			"try { String.fromCharCode.apply(null, { length: 2**53 - 1 }) } catch (e) { return e.name + ': ' + e.message }",
			`"RangeError: Invalid array length"`},
		{"JSON.stringify with a huge replacer list",
			"try { JSON.stringify({ a: 1 }, new Proxy([], { get: (t, k) => k === 'length' ? 2**53 - 1 : undefined })) } catch (e) { return e.name + ': ' + e.message }",
			`"RangeError: Invalid array length"`},
		{"repeat past the string limit",
			"try { 'x'.repeat(2**40) } catch (e) { return e.name + ': ' + e.message }",
			`"RangeError: Invalid string length"`},
		{"padStart past the string limit",
			"try { 'x'.padStart(2**31) } catch (e) { return e.name + ': ' + e.message }",
			`"RangeError: Invalid string length"`},
		{"padEnd past the string limit",
			"try { 'x'.padEnd(2**40, 'ab') } catch (e) { return e.name + ': ' + e.message }",
			`"RangeError: Invalid string length"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := runCode(t, tt.code, func(j *ipc.Job) { j.TimeoutMs = 20000 })
			if res.Status != result.OK {
				t.Fatalf("result = %s %+v, want ok", res.Status, res.Error)
			}
			if got := string(res.Output); got != tt.output {
				t.Errorf("output = %s, want %s", got, tt.output)
			}
		})
	}
	// Uncaught, the same is an ordinary error result.
	res, _ := runCode(t, "'x'.repeat(2**40)")
	if res.Status != result.Error || res.Error == nil || res.Error.Message != "RangeError: Invalid string length" || res.Error.Line != 1 {
		t.Fatalf("result = %s %+v, want RangeError: Invalid string length at line 1", res.Status, res.Error)
	}
}

// A buffer past the job's memory limit is the RangeError V8 throws for a
// buffer it cannot allocate; it was Go's fatal out-of-memory, which took the
// runner down (status internal).
func TestHugeArrayBufferIsRangeError(t *testing.T) {
	res, _ := runCode(t, "try { new ArrayBuffer(2 ** 40) } catch (e) { return e.name + ': ' + e.message }",
		func(j *ipc.Job) { j.HeapLimitBytes = 96 << 20 })
	if res.Status != result.OK || string(res.Output) != `"RangeError: Array buffer allocation failed"` {
		t.Fatalf("result = %s %s %+v", res.Status, res.Output, res.Error)
	}
}
