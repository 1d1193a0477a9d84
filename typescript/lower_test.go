package typescript

import (
	"strings"
	"testing"

	"codexec/ipc"
	"codexec/jsrt"
	"codexec/result"
)

func runCtx(t *testing.T, js string) ipc.Result {
	t.Helper()
	rt, err := jsrt.New(jsrt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var logs []string
	res := rt.Run(ipc.Job{Code: js, Context: []byte(`{}`), TimeoutMs: 10000, MaxOutputBytes: 1 << 20}, nil)
	_ = logs
	return res
}

// JavaScript with the syntax goja lacks runs once lowered.
func TestLowerJavaScriptRuns(t *testing.T) {
	tests := []struct{ name, js, want string }{
		{"async generator", "async function* pages() { for (let i = 1; i <= 3; i++) { await null; yield i } }\nconst out = [];\nfor await (const p of pages()) out.push(p);\nreturn out;", "[1,2,3]"},
		{"async generator method", "const api = { async *items() { yield 'a'; yield 'b' } };\nconst out = [];\nfor await (const x of api.items()) out.push(x);\nreturn out;", `["a","b"]`},
		{"class async generator method", "class Feed { async *[Symbol.asyncIterator]() { yield 1; yield 2 } }\nlet s = 0;\nfor await (const x of new Feed()) s += x;\nreturn s;", "3"},
		{"for await over promises", "const ps = [Promise.resolve(1), 2, Promise.resolve(3)];\nconst out = [];\nfor await (const v of ps) out.push(v);\nreturn out;", "[1,2,3]"},
		{"symbols agree", "async function* g() { yield 1 }\nreturn typeof g()[Symbol.asyncIterator];", `"function"`},
		{"return in async generator", "async function* g() { try { yield 1; yield 2 } finally { log.push('closed') } }\nconst log = [];\nfor await (const x of g()) { log.push(x); break }\nreturn log;", `[1,"closed"]`},
		{"accessor", "class A { accessor x = 1; static accessor y = 2 }\nconst a = new A(); a.x = 5;\nreturn [a.x, A.y, Object.keys(a).length];", "[5,2,0]"},
		{"decorators", "const seen = [];\nfunction log(value, ctx) { seen.push(ctx.kind + ':' + String(ctx.name)); }\n@log class A { @log m() {} @log accessor f = 1; @log static s = 2 }\nnew A();\nreturn seen;", `["method:m","accessor:f","field:s","class:A"]`},
		{"method decorator replaces", "function twice(fn) { return function (...a) { return 2 * fn.apply(this, a) } }\nclass C { @twice n(x) { return x + 1 } }\nreturn new C().n(4);", "10"},
		{"using null", "{ using x = null; }\nreturn 1;", "1"},
		{"use strict stays a directive", "'use strict';\nasync function* g() { yield function () { return this } }\nfor await (const f of g()) return typeof f();", `"undefined"`},
		{"sloppy without it", "async function* g() { yield function () { return this } }\nfor await (const f of g()) return typeof f();", `"object"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Transform(tt.js, Options{JavaScript: true})
			if err != nil {
				t.Fatalf("Transform: %v", err)
			}
			res := runCtx(t, out.JS)
			if res.Status != result.OK || string(res.Output) != tt.want {
				t.Fatalf("ran %q:\n%s %s %+v, want %s", out.JS, res.Status, res.Output, res.Error, tt.want)
			}
		})
	}
}

// TypeScript that the function wrapper cannot hold goes through as a
// module, returns and awaits included.
func TestModuleOnlyTypeScriptRuns(t *testing.T) {
	tests := []struct{ name, ts, want string }{
		{"namespace", "namespace Util { export const k = 2; export function dbl(n: number) { return n * k } }\nreturn Util.dbl(21);", "42"},
		{"namespace await return", "namespace N { export const a = 1 }\nconst r = await Promise.resolve(2);\nif (r > 5) return;\nreturn N.a + r;", "3"},
		{"bare return", "namespace N { export const a = 1 }\nconst r = await Promise.resolve(9);\nif (r > 5) return;\nreturn N.a;", "null"},
		{"bare return semicolon and code after", "namespace N { export const a = 1 }\nawait 0; if (N.a) { return; } return 5", "null"},
		{"nested namespace", "namespace A.B { export const c = 'abc' }\nnamespace A { export const d = B.c.length }\nreturn [A.B.c, A.d];", `["abc",3]`},
		{"enum merging", "enum Color { Red = 1, Blue = 2 }\nnamespace Color { export function parse(s: string): Color { return s === 'red' ? Color.Red : Color.Blue } }\nreturn Color.parse('red') + Color.parse('x');", "3"},
		{"import type", "import type { Order } from './types';\nimport { type Item } from './types';\nexport type Total = number;\nexport interface Row { id: number }\nconst o: Order = { n: 2 } as any;\nreturn (o as any).n;", "2"},
		{"declare global", "declare global { interface Window { x: number } }\nreturn await 1;", "1"},
		{"top-level using", "namespace N { export const a = 2 }\nconst log: string[] = [];\nusing r = { [Symbol.dispose]() { log.push('disposed') } };\nconst v = await N.a;\nif (!v) return;\nreturn [v, log.length];", "[2,0]"},
		{"many returns", "namespace N {}\nconst v = await 3;\n" + strings.Repeat("if (v === 0) return 0;\n", 30) + "return v;", "3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Strip(tt.ts)
			if err != nil {
				t.Fatalf("Strip: %v", err)
			}
			res := runCtx(t, out.JS)
			if res.Status != result.OK || string(res.Output) != tt.want {
				t.Fatalf("ran %q:\n%s %s %+v, want %s", out.JS, res.Status, res.Output, res.Error, tt.want)
			}
		})
	}
}

func TestDecoratorFlavours(t *testing.T) {
	// Experimental decorators: a parameter decorator, and a method
	// decorator that gets (target, key, descriptor).
	exp := `const seen: string[] = [];
function param(target: any, key: string, index: number) { seen.push(key + '#' + index) }
function method(target: any, key: string, desc: PropertyDescriptor) { seen.push('m:' + key + ':' + typeof desc.value) }
class Svc { @method get(@param id: number) { return id } }
return seen;`
	if _, err := Strip(exp); err == nil {
		t.Errorf("parameter decorators passed without experimental decorators")
	}
	out, err := Transform(exp, Options{ExperimentalDecorators: true})
	if err != nil {
		t.Fatalf("Transform experimental: %v", err)
	}
	if res := runCtx(t, out.JS); res.Status != result.OK || string(res.Output) != `["get#0","m:get:function"]` {
		t.Fatalf("experimental: %s %s %+v", res.Status, res.Output, res.Error)
	}
	// TC39 decorators: (value, context).
	std := `const seen: string[] = [];
function method(value: Function, ctx: ClassMethodDecoratorContext) { seen.push(ctx.kind + ':' + String(ctx.name) + ':' + typeof value) }
class Svc { @method get(id: number) { return id } }
return seen;`
	out, err = Strip(std)
	if err != nil {
		t.Fatal(err)
	}
	if res := runCtx(t, out.JS); res.Status != result.OK || string(res.Output) != `["method:get:function"]` {
		t.Fatalf("TC39: %s %s %+v", res.Status, res.Output, res.Error)
	}
}

// Runtime errors in lowered and module-mode code map back to the user's
// line and column, also after a return that changed length.
func TestLoweredPositions(t *testing.T) {
	tests := []struct {
		name      string
		code      string
		opts      Options
		line, col int
	}{
		{"async generator", "async function* g() {\n  yield 1;\n  throw new Error('x');\n}\nfor await (const v of g()) {}", Options{JavaScript: true}, 3, 9},
		{"use strict and helpers", "'use strict';\nasync function* g() {\n  yield 1;\n  null.x;\n}\nfor await (const v of g()) {}", Options{JavaScript: true}, 4, 8},
		{"decorated class", "function d(v, c) { return v }\n@d class A {\n  m() { return null.x }\n}\nreturn new A().m();", Options{JavaScript: true}, 3, 21},
		{"module, after a bare return", "namespace N {}\nconst v = await 1;\nif (!v) return; const z = v.a.b;", Options{}, 3, 31},
		{"module, after a valued return", "namespace N {}\nconst v = await 1;\nif (v) return v.a.b;", Options{}, 3, 19},
		{"module, two returns on a line", "namespace N {}\nconst v = await 1;\nif (!v) { return } else if (v > 5) { return; } const z = v.a.b;", Options{}, 3, 62},
		{"module", "import type { X } from './x';\nconst a: X = null as any;\nreturn a.b;", Options{}, 3, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Transform(tt.code, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			res := runCtx(t, out.JS)
			if res.Status != result.Error || res.Error.Line == 0 {
				t.Fatalf("result = %s %+v, want an error with a position", res.Status, res.Error)
			}
			l, c, ok := out.Position(res.Error.Line, res.Error.Column)
			if !ok || l != tt.line || c != tt.col {
				t.Errorf("%q: error %q at JS %d:%d maps to %d:%d %v, want %d:%d\n%s", tt.code, res.Error.Message, res.Error.Line, res.Error.Column, l, c, ok, tt.line, tt.col, out.JS)
			}
		})
	}
}

func TestEndOfInput(t *testing.T) {
	for _, tt := range []struct {
		code string
		opts Options
		line int
		col  int
	}{
		{"return (", Options{}, 1, 9},
		{"return (", Options{JavaScript: true}, 1, 9},
		{"const a = [1,\n  2", Options{JavaScript: true}, 2, 4},
		{"namespace N {}\nreturn {", Options{}, 2, 9},
	} {
		_, err := Transform(tt.code, tt.opts)
		se, ok := err.(*SyntaxError)
		if !ok || !(se.Message == EndOfInput || strings.HasSuffix(se.Message, "found end of file")) || se.Line != tt.line || se.Column != tt.col {
			t.Errorf("Transform(%q) = %v, want %q at %d:%d", tt.code, err, EndOfInput, tt.line, tt.col)
		}
	}
}

// A syntax error in TypeScript that needs a module is reported where the
// real mistake is, not at the namespace.
func TestModuleSyntaxError(t *testing.T) {
	_, err := Strip("namespace N { export const a = 1 }\nconst b = ;\nreturn b;")
	se, ok := err.(*SyntaxError)
	if !ok || se.Line != 2 || se.Column != 11 {
		t.Fatalf("err = %v, want line 2 column 11", err)
	}
}

// Plain JavaScript goes through unchanged in meaning; TypeScript's
// lowering applies too (an async generator in TypeScript).
func TestTypeScriptLowers(t *testing.T) {
	out, err := Strip("async function* g(): AsyncGenerator<number> { yield 1; yield 2 }\nconst r: number[] = [];\nfor await (const x of g()) r.push(x);\nreturn r;")
	if err != nil {
		t.Fatal(err)
	}
	if res := runCtx(t, out.JS); res.Status != result.OK || string(res.Output) != "[1,2]" {
		t.Fatalf("%s %s %+v", res.Status, res.Output, res.Error)
	}
}

// The cost of the paths through Transform: TypeScript the wrapper holds
// (one esbuild transform), TypeScript that needs a module and returns (the
// wrapper's attempt, then two module transforms), JavaScript lowered.
func BenchmarkTransform(b *testing.B) {
	body := strings.Repeat("{ interface P { a: number }\nconst p: P = { a: 1 }; }\n", 40)
	for _, c := range []struct {
		name string
		code string
		opts Options
	}{
		{"typescript", body + "return 1;", Options{}},
		{"typescript module", "namespace N { export const a = 1 }\n" + body + "const v = await N.a;\nreturn v;", Options{}},
		{"javascript lowered", strings.ReplaceAll(strings.ReplaceAll(body, ": P", ""), "interface P { a: number }", "") + "async function* g() { yield 1 }\nfor await (const x of g()) {}\nreturn 1;", Options{JavaScript: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Transform(c.code, c.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
