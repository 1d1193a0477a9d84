package jsrt

import (
	"encoding/json"
	"math"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"codexec/ipc"
	"codexec/result"
)

type logLine struct{ level, msg string }

func runCode(t *testing.T, code string, mutate ...func(*ipc.Job)) (ipc.Result, []logLine) {
	t.Helper()
	rt, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	job := ipc.Job{ID: "t", Code: code, Context: json.RawMessage(`{"x":2,"name":"ana"}`), TimeoutMs: 2000,
		MaxOutputBytes: 1 << 20, MaxLogLines: 100, MaxLogBytes: 1 << 16, CaptureConsole: true}
	for _, m := range mutate {
		m(&job)
	}
	var logs []logLine
	res := rt.Run(job, func(level, msg string) error {
		logs = append(logs, logLine{level, msg})
		return nil
	})
	return res, logs
}

func TestRun(t *testing.T) {
	tests := []struct {
		name   string
		code   string
		status result.Status
		output string // exact JSON, when status is ok
		logs   []string
		errSub string
		line   int
	}{
		// Every JSON type.
		{name: "number", code: "return 1 + 1", status: result.OK, output: "2"},
		{name: "context", code: "return context.x * 7", status: result.OK, output: "14"},
		{name: "string", code: "return 'hé\\u0000'", status: result.OK, output: `"hé\u0000"`},
		{name: "bool", code: "return true", status: result.OK, output: "true"},
		{name: "null", code: "return null", status: result.OK, output: "null"},
		{name: "undefined", code: "return undefined", status: result.OK, output: "null"},
		{name: "no return", code: "const a = 1", status: result.OK, output: "null"},
		{name: "array", code: "return [1, 'a', null, undefined, () => 1]", status: result.OK, output: `[1,"a",null,null,null]`},
		{name: "object", code: "return {a: 1, b: {c: [true]}, u: undefined, f() {}}", status: result.OK, output: `{"a":1,"b":{"c":[true]}}`},
		{name: "NaN", code: "return NaN", status: result.OK, output: "null"},
		{name: "infinities", code: "return [Infinity, -Infinity, -0]", status: result.OK, output: "[null,null,0]"},
		{name: "date", code: "return new Date(Date.UTC(2024, 0, 15, 8))", status: result.OK, output: `"2024-01-15T08:00:00.000Z"`},
		{name: "map set", code: "return {m: new Map([[1, 2]]), s: new Set([1])}", status: result.OK, output: `{"m":{},"s":{}}`},
		{name: "function", code: "return function f() {}", status: result.OK, output: "null"},
		{name: "symbol", code: "return Symbol('x')", status: result.OK, output: "null"},
		{name: "toJSON", code: "return {toJSON() { return 'custom' }}", status: result.OK, output: `"custom"`},
		{name: "local time is UTC", code: "return new Date(0).getHours() + ':' + new Date(0).getTimezoneOffset()", status: result.OK, output: `"0:0"`},

		// Non-JSON outputs.
		{name: "cyclic", code: "const a = {}; a.self = a; return a", status: result.Error, errSub: "circular"},
		{name: "bigint", code: "return 10n", status: result.Error, errSub: "BigInt"},
		{name: "output cap", code: "return 'x'.repeat(2000)", status: result.OutputLimit, errSub: "output cap"},
		{name: "output at the cap", code: "return 'x'.repeat(998)", status: result.OK, output: `"` + strings.Repeat("x", 998) + `"`},
		{name: "output a byte over the cap", code: "return 'x'.repeat(999)", status: result.OutputLimit, errSub: "at least 1001 bytes of JSON, over the 1000-byte output cap"},
		{name: "output cap in UTF-8 bytes", code: "return 'é'.repeat(500)", status: result.OutputLimit, errSub: "at least 1002 bytes"},
		// 2**32-1 holes would be 20 GB of "null,": the serialisation
		// stops just over the cap, long before the timeout.
		{name: "output cap, sparse array", code: "const a = []; a.length = 2 ** 32 - 1; return a", status: result.OutputLimit, errSub: "at least 100"},
		{name: "output cap, shared subtree", code: "let o = [1, 2, 3]; for (let i = 0; i < 40; i++) o = [o, o]; return o", status: result.OutputLimit, errSub: "output cap"},

		// Async and timers.
		{name: "await", code: "const v = await Promise.resolve(5); return v * 2", status: result.OK, output: "10"},
		{name: "setTimeout", code: "return await new Promise(r => setTimeout(() => r('done'), 20))", status: result.OK, output: `"done"`},
		{name: "timer args", code: "return await new Promise(r => setTimeout(r, 1, 'arg'))", status: result.OK, output: `"arg"`},
		{name: "timer order", code: `const o = []; setTimeout(() => o.push(2), 10); setTimeout(() => o.push(1), 5); setTimeout(() => o.push(3), 10);
			await new Promise(r => setTimeout(r, 30)); return o`, status: result.OK, output: "[1,2,3]"},
		{name: "interval cleared", code: `let n = 0; await new Promise(r => { const id = setInterval(() => { if (++n === 3) { clearInterval(id); r() } }, 1) }); return n`, status: result.OK, output: "3"},
		{name: "clearTimeout", code: `let hit = false; const id = setTimeout(() => { hit = true }, 5); clearTimeout(id); await new Promise(r => setTimeout(r, 20)); return hit`, status: result.OK, output: "false"},
		{name: "waits for timers after return", code: `setTimeout(() => console.log('late'), 10); return 1`, status: result.OK, output: "1", logs: []string{"log:late"}},
		{name: "microtask", code: `const o = []; queueMicrotask(() => o.push('micro')); o.push('sync'); await null; return o`, status: result.OK, output: `["sync","micro"]`},
		{name: "setTimeout string refused", code: `setTimeout("1+1", 1)`, status: result.Error, errSub: "callback"},

		// Globals.
		{name: "structuredClone", code: `const a = {d: new Date(0), m: new Map([['k', [1]]]), s: new Set([1])}; a.self = a;
			const b = structuredClone(a); return [b !== a, b.self === b, b.d.getTime(), b.m.get('k')[0], b.s.has(1), b.m !== a.m]`,
			status: result.OK, output: "[true,true,0,1,true,true]"},
		{name: "structuredClone function", code: `structuredClone({f() {}})`, status: result.Error, errSub: "DataCloneError"},
		{name: "btoa atob", code: `return [btoa('hello'), atob('aGVsbG8='), atob(' aGVs bG8 '), atob(btoa('\xff\x00'))  === '\xff\x00']`, status: result.OK, output: `["aGVsbG8=","hello","hello",true]`},
		{name: "btoa unicode", code: `btoa('✓')`, status: result.Error, errSub: "InvalidCharacterError"},
		{name: "atob bad", code: `atob('a')`, status: result.Error, errSub: "InvalidCharacterError"},
		{name: "no require", code: "return typeof require", status: result.OK, output: `"undefined"`},
		{name: "no process", code: "return typeof process", status: result.OK, output: `"undefined"`},
		{name: "globals enumerable", code: "return Object.keys(globalThis)", status: result.OK, output: `[]`},

		// Console.
		{name: "console levels", code: `console.log('a', 1); console.info({b: [1, 'x']}); console.warn('%s=%d', 'n', 42); console.error(new Error('boom')); console.debug(null, undefined)`,
			status: result.OK, output: "null", logs: []string{"log:a 1", "info:{ b: [ 1, 'x' ] }", "warn:n=42", "error:Error: boom", "debug:null undefined"}},
		{name: "console inspect", code: `const o = {m: new Map([['a', 1]]), s: new Set([1]), d: new Date(0), r: /x/g, f: function named() {}, n: -0, big: 10n, sym: Symbol('s'), nested: {a: {b: {c: {d: 1}}}}}; o.o = o; console.log(o)`,
			status: result.OK, output: "null", logs: []string{"log:<ref *1> {\n  m: Map(1) { 'a' => 1 },\n  s: Set(1) { 1 },\n  d: 1970-01-01T00:00:00.000Z,\n  r: /x/g,\n  f: [Function: named],\n  n: -0,\n  big: 10n,\n  sym: Symbol(s),\n  nested: { a: { b: [Object] } },\n  o: [Circular *1]\n}"}},
		{name: "console class", code: `class P { constructor() { this.x = 1 } }; console.log(new P(), [], {}, Object.create(null))`,
			status: result.OK, output: "null", logs: []string{"log:P { x: 1 } [] {} [Object: null prototype] {}"}},
		// console.log runs no getter and no proxy trap; a revoked proxy says so.
		{name: "console getters and proxies", code: "const {proxy, revoke} = Proxy.revocable({}, {}); revoke(); const o = {get g() { throw new Error('ran'); }, p: new Proxy({a: 1}, {get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); }}), r: proxy}; console.log(o)",
			status: result.OK, output: "null", logs: []string{"log:{ g: [Getter], p: { a: 1 }, r: <Revoked Proxy> }"}},
		// A long string with line breaks is shown line by line, as Node does.
		{name: "console long string", code: "console.log({s: 'first line of a longer text\\nsecond line that keeps going and going and going'})",
			status: result.OK, output: "null", logs: []string{"log:{\n  s: 'first line of a longer text\\n' +\n    'second line that keeps going and going and going'\n}"}},
		{name: "captureConsole off", code: `console.log('hidden'); return 1`, status: result.OK, output: "1"},
		{name: "log line cap", code: `for (let i = 0; i < 1000; i++) console.log(i)`, status: result.OutputLimit, errSub: "maxLogLines"},
		{name: "log byte cap", code: `console.log('x'.repeat(100000))`, status: result.OutputLimit, errSub: "maxLogBytes"},
		{name: "log cap not catchable", code: `for (let i = 0; i < 1000; i++) { try { console.log(i) } catch (e) {} }; return 'escaped'`, status: result.OutputLimit, errSub: "maxLogLines"},

		// Errors with positions.
		{name: "throw", code: "const a = 1;\nthrow new Error('boom')", status: result.Error, errSub: "Error: boom", line: 2},
		{name: "type error", code: "let u;\n\nreturn u.x", status: result.Error, errSub: "TypeError", line: 3},
		{name: "throw string", code: "throw 'oops'", status: result.Error, errSub: "Uncaught 'oops'"},
		{name: "reject", code: "await Promise.reject(new RangeError('r'))", status: result.Error, errSub: "RangeError: r", line: 1},
		{name: "timer throws", code: "setTimeout(() => {\n  throw new Error('in timer')\n}, 1); return 1", status: result.Error, errSub: "Uncaught Error: in timer", line: 2},
		{name: "microtask throws", code: "queueMicrotask(() => { throw new Error('in micro') }); await new Promise(r => setTimeout(r, 5)); return 1", status: result.Error, errSub: "in micro"},
		{name: "unhandled rejection", code: "Promise.reject(new Error('lost')); await new Promise(r => setTimeout(r, 5)); return 1", status: result.Error, errSub: "Unhandled promise rejection: Error: lost"},
		{name: "handled rejection", code: "const p = Promise.reject(new Error('x')); p.catch(() => {}); await new Promise(r => setTimeout(r, 5)); return 1", status: result.OK, output: "1"},
		{name: "syntax error", code: "const a = 1;\nconst = 2;", status: result.Error, errSub: "SyntaxError", line: 2},
		{name: "unterminated", code: "return [1, 2", status: result.Error, errSub: "SyntaxError", line: 1},
		{name: "stack overflow", code: "function f() { return f() + 1 }\nreturn f()", status: result.Error, errSub: "Maximum call stack size exceeded"},
		{name: "break out of wrapper", code: "}); (function () { return 1 ", status: result.Error, errSub: "closes that function early"},
		{name: "break out with call", code: "})((async function (context) {", status: result.Error, errSub: "SyntaxError"},

		// Dynamic code is gone inside the runtime itself.
		{name: "eval", code: "return eval('1+1')", status: result.Error, errSub: "ReferenceError: eval is not defined"},
		{name: "indirect eval", code: "return (0, globalThis['ev' + 'al'])('1')", status: result.Error, errSub: "TypeError"},
		{name: "Function", code: "return Function('return 1')()", status: result.Error, errSub: "Function is not defined"},
		{name: "constructor chain", code: "return [].constructor.constructor('return 1')()", status: result.Error, errSub: "dynamic code evaluation is disabled"},
		{name: "arrow constructor", code: "return (() => {}).constructor('return 1')()", status: result.Error, errSub: "dynamic code evaluation is disabled"},
		{name: "async constructor", code: "return await (async () => {}).constructor('return 1')()", status: result.Error, errSub: "dynamic code evaluation is disabled"},
		{name: "generator constructor", code: "return Object.getPrototypeOf(function* () {}).constructor('yield 1')().next()", status: result.Error, errSub: "dynamic code evaluation is disabled"},
		{name: "new constructor", code: "return new (Object.getPrototypeOf(async function () {}).constructor)('return 1')", status: result.Error, errSub: "not a constructor"},
		{name: "Reflect.construct", code: "return Reflect.construct((function(){}).constructor, ['return 1'])", status: result.Error, errSub: "not a constructor"},
		{name: "descriptor", code: "return Object.getOwnPropertyDescriptor(Object.getPrototypeOf(function* () {}), 'constructor').value('x')", status: result.Error, errSub: "dynamic code evaluation is disabled"},
		{name: "constructor not redefinable", code: "Object.defineProperty(Object.getPrototypeOf(function () {}), 'constructor', {value: 1})", status: result.Error, errSub: "TypeError"},
		{name: "class constructor", code: "class A {}; return A.constructor('return 1')", status: result.Error, errSub: "dynamic code evaluation is disabled"},
		{name: "obj.constructor.name works", code: "return [({}).constructor.name, [].constructor.name, new Map().constructor.name]", status: result.OK, output: `["Object","Array","Map"]`},
		{name: "sourceMappingURL ignored", code: "return 1\n//# sourceMappingURL=/etc/passwd", status: result.OK, output: "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, logs := runCode(t, tt.code, func(j *ipc.Job) {
				j.MaxOutputBytes = 1000
				j.CaptureConsole = tt.name != "captureConsole off"
			})
			if res.Status != tt.status {
				t.Fatalf("status = %q (%+v), want %q", res.Status, res.Error, tt.status)
			}
			if tt.status == result.OK {
				if string(res.Output) != tt.output {
					t.Errorf("output = %s, want %s", res.Output, tt.output)
				}
				if res.Error != nil {
					t.Errorf("error = %+v on ok", res.Error)
				}
			} else {
				if res.Error == nil || !strings.Contains(res.Error.Message, tt.errSub) {
					t.Errorf("error = %+v, want a message containing %q", res.Error, tt.errSub)
				} else if res.Error.Kind != tt.status {
					t.Errorf("error kind = %q, want %q", res.Error.Kind, tt.status)
				}
				if tt.line != 0 && (res.Error == nil || res.Error.Line != tt.line) {
					t.Errorf("error = %+v, want line %d", res.Error, tt.line)
				}
			}
			if tt.logs != nil {
				var got []string
				for _, l := range logs {
					got = append(got, l.level+":"+l.msg)
				}
				if strings.Join(got, "\n") != strings.Join(tt.logs, "\n") {
					t.Errorf("logs =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.logs, "\n"))
				}
			}
		})
	}
}

func TestTimeouts(t *testing.T) {
	tests := []struct{ name, code, errSub string }{
		{"sync loop", "for (;;) {}", "timeout"},
		{"pending interval", "setInterval(() => {}, 5); return 1", "timeout"},
		{"microtask flood", "const f = () => Promise.resolve().then(f); f(); return 1", "timeout"},
		{"never settles", "await new Promise(() => {})", "never settles"},
		{"await in loop", "while (true) { await null }", "timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := runCode(t, "console.log('before');\n"+tt.code, func(j *ipc.Job) { j.TimeoutMs = 100 })
			if res.Status != result.Timeout || !strings.Contains(res.Error.Message, tt.errSub) {
				t.Fatalf("result = %s %+v, want timeout containing %q", res.Status, res.Error, tt.errSub)
			}
		})
	}
}

func TestRuntimeSingleUse(t *testing.T) {
	rt, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	job := ipc.Job{Code: "return 1", TimeoutMs: 1000, MaxOutputBytes: 100}
	if r := rt.Run(job, nil); r.Status != result.OK {
		t.Fatalf("first run: %+v", r)
	}
	if r := rt.Run(job, nil); r.Status != result.Internal {
		t.Fatalf("second run: status %q, want internal", r.Status)
	}
}

// TestNoPathToDynamicCode walks every object reachable from the global
// object (own properties, accessors and prototypes) and fails if any of them
// is the original eval, Function, AsyncFunction or GeneratorFunction.
func TestNoPathToDynamicCode(t *testing.T) {
	rt, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Capture the forbidden functions from a fresh, unhardened VM's shape:
	// in the hardened VM they must be unreachable, so look for their
	// behaviour instead: a function that compiles its string argument.
	res := rt.Run(ipc.Job{TimeoutMs: 10000, MaxOutputBytes: 1 << 20, Code: dynamicCodeWalker}, nil)
	if res.Status != result.OK {
		t.Fatalf("walk failed: %+v", res.Error)
	}
	var out struct {
		Found   []string
		Visited int
	}
	if err := json.Unmarshal(res.Output, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Found) > 0 {
		t.Errorf("functions that compile code are reachable: %v", out.Found)
	}
	if out.Visited < 500 {
		t.Errorf("walk visited only %d objects; the walker is broken", out.Visited)
	}

	// The same walk over a plain goja VM must find Function, AsyncFunction,
	// GeneratorFunction and eval: proof that the walk can fail.
	plain := goja.New()
	v, err := plain.RunString("JSON.stringify((function () {" + dynamicCodeWalker + "})())")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(v.String()), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Found) < 3 {
		t.Errorf("walk over an unhardened VM found %v, want Function, AsyncFunction and GeneratorFunction", out.Found)
	}
}

const dynamicCodeWalker = `
		const seen = new Set();
		const found = [];
		const visit = (v, path, depth) => {
			if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v) || depth > 12) return;
			seen.add(v);
			if (typeof v === 'function') {
				let compiled = false;
				// a compiled function shows its source (a getter returning a built-in does not); a rejection (Blob.prototype.text's) is caught
				const made = (r) => { if (r instanceof Promise) r.catch(() => {}); return typeof r === 'function' && String(r).includes('return 7'); };
				try { if (made(v('return 7'))) compiled = true; } catch (e) {}
				try { if (made(new v('return 7'))) compiled = true; } catch (e) {}
				if (compiled) found.push(path);
			}
			let keys = [];
			try { keys = Reflect.ownKeys(v); } catch (e) {}
			for (const k of keys) {
				let d;
				try { d = Object.getOwnPropertyDescriptor(v, k); } catch (e) { continue; }
				if (!d) continue;
				const name = path + '.' + String(k);
				if ('value' in d) visit(d.value, name, depth + 1);
				if (d.get) { visit(d.get, name + '<get>', depth + 1); try { visit(d.get.call(v), name + '()', depth + 1) } catch (e) {} }
				if (d.set) visit(d.set, name + '<set>', depth + 1);
			}
			try { visit(Object.getPrototypeOf(v), path + '.__proto__', depth + 1); } catch (e) {}
		};
		visit(globalThis, 'globalThis', 0);
		visit(Object.getPrototypeOf(async function () {}), 'AsyncFunction.prototype', 0);
		visit(Object.getPrototypeOf(function* () {}), 'GeneratorFunction.prototype', 0);
		visit(Object.getPrototypeOf((function* () {})()), 'Generator', 0);
		return {found, visited: seen.size};
`

func TestHeapWatchdog(t *testing.T) {
	t.Cleanup(func() { debug.SetMemoryLimit(math.MaxInt64) })
	tests := []struct{ name, code string }{
		{"array growth", "const a = []; for (;;) a.push({i: a.length, s: 'x' + a.length})"},
		{"map growth", "const m = new Map(); for (let i = 0; ; i++) m.set(i, [i, i, i])"},
		{"string doubling", "let s = 'x'; const keep = []; for (;;) { s = s + s.slice(0, 1 << 16); keep.push(s) }"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := runCode(t, tt.code, func(j *ipc.Job) {
				j.TimeoutMs = 20000
				j.HeapLimitBytes = 96 << 20
			})
			if res.Status != result.Memory || !strings.Contains(res.Error.Message, "memory limit") {
				t.Fatalf("result = %s %+v, want memory", res.Status, res.Error)
			}
		})
	}
}

// goja's parser panics on some malformed input; both entry points give a
// syntax error instead.
func TestParserPanicIsSyntaxError(t *testing.T) {
	const code = "const[...0("
	if _, e := CompileBody(code); e == nil || !strings.HasPrefix(e.Message, "SyntaxError: ") {
		t.Errorf("CompileBody(%q) = %+v, want a SyntaxError", code, e)
	}
	if _, _, e := ParseBody(code); e == nil || !strings.HasPrefix(e.Message, "SyntaxError: ") {
		t.Errorf("ParseBody(%q) = %+v, want a SyntaxError", code, e)
	}
}

// WarmUp (what the runner does before ready) leaves nothing a job can
// see: the same globals, and jobs run as on a runtime that was not warmed.
func TestWarmUpLeavesNothing(t *testing.T) {
	code := `const seen = Object.getOwnPropertyNames(globalThis).sort().join();
console.log('x', { a: 1 });
await null;
return [seen, typeof context, context.x];`
	run := func(warm bool) (ipc.Result, []logLine) {
		rt, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		if warm {
			rt.WarmUp()
		}
		var logs []logLine
		res := rt.Run(ipc.Job{ID: "w", Code: code, Context: json.RawMessage(`{"x":2}`), TimeoutMs: 2000,
			MaxOutputBytes: 1 << 20, MaxLogLines: 10, MaxLogBytes: 1 << 16, CaptureConsole: true}, func(level, msg string) error {
			logs = append(logs, logLine{level, msg})
			return nil
		})
		return res, logs
	}
	cold, coldLogs := run(false)
	warm, warmLogs := run(true)
	if cold.Status != result.OK || warm.Status != result.OK || string(cold.Output) != string(warm.Output) {
		t.Fatalf("cold %s %s, warm %s %s", cold.Status, cold.Output, warm.Status, warm.Output)
	}
	if len(coldLogs) != 1 || len(warmLogs) != 1 || coldLogs[0] != warmLogs[0] {
		t.Fatalf("logs: cold %q, warm %q", coldLogs, warmLogs)
	}
}
