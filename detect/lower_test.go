package detect

import (
	"path/filepath"
	"strings"
	"testing"

	"codexec/result"
	"codexec/typescript"
)

// The scan that decides whether JavaScript needs lowering sees every
// feature the runtime lacks, and nothing in plain code (strings, comments
// and regular expressions included).
func TestScanLowering(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"async function* g() { yield 1 }", true},
		{"const g = async function * () {}", true},
		{"const o = { async *items() {} }", true},
		{"class A { async *[Symbol.asyncIterator]() {} }", true},
		{"for await (const x of xs) {}", true},
		{"for\n  await (const x of xs) {}", true},
		{"@dec class A {}", true},
		{"class A { @dec m() {} }", true},
		{"class A { accessor x = 1 }", true},
		{"class A { static accessor #y }", true},
		{"class A { accessor [k] = 1 }", true},
		{"using res = open()", true},
		{"await using res = open()", true},

		{"function* g() { yield 1 }", false},
		{"async function f() { for (const x of await xs) {} }", false},
		{"const a = async () => 2 * 3", false},
		{"const s = 'a@b.com'; // @dec\n/* async function* */", false},
		{"const r = /@\\w+/g.test(s)", false},
		{"const t = `for await ${x} @`", false},
		{"const accessor = 1; return accessor + 1", false},
		{"const using = [1]; return using.length", false},
		{"const o = { async: 1, accessor: 2, using: 3 }; return o.async * 2", false},
	}
	for _, tt := range tests {
		if got := scan(tt.code).lower; got != tt.want {
			t.Errorf("scan(%q).lower = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestCheckLowersJavaScript(t *testing.T) {
	plain := "const xs = context.items || [];\nreturn xs.map(x => x * 2);"
	c, err := Check(plain, JavaScript, Options{})
	if err != nil || c.Lowered != nil || c.JS != plain || !c.Verdict.Allowed {
		t.Fatalf("Check(plain) = %+v, %v: want the code as written", c, err)
	}
	code := "async function* pages() { yield [1]; yield [2] }\nconst all = [];\nfor await (const p of pages()) all.push(...p);\nreturn all;"
	c, err = Check(code, JavaScript, Options{})
	if err != nil || c.Lowered == nil || c.JS == code || !c.Verdict.Allowed || len(c.Verdict.Findings) != 0 {
		t.Fatalf("Check(async generator) = %+v, %v: want it lowered and allowed with no findings", c.Verdict, err)
	}
	if strings.Contains(c.JS, "for await") || !strings.Contains(c.JS, "__forAwait") {
		t.Errorf("lowered JS still has for await: %s", c.JS)
	}
}

// Every esbuild helper the lowering can emit passes the rules as it is:
// none is weakened for it.
func TestHelpersPassValidation(t *testing.T) {
	tests := []struct {
		name, lang, code string
		experimental     bool
	}{
		{"async generators", JavaScript, "async function* g() { yield 1; yield* [2]; return 3 }\nconst o = { async *m() { yield await 1 } };\nfor await (const x of g()) {}\nfor await (const x of o.m()) {}\nreturn 1;", false},
		{"decorators", JavaScript, "function d(v, c) { c.addInitializer(() => {}); return v }\n@d class A { @d m() {} @d static s() {} @d accessor a = 1; @d static accessor b = 2; @d #p() {} @d get g() { return 1 } @d set g(v) {} @d f = 1; @d #q = 2; @d accessor #r = 3 }\nreturn new A();", false},
		{"using", JavaScript, "{ using a = null; await using b = null; }\nfor (using c of []) {}\nreturn 1;", false},
		{"accessor", JavaScript, "class A { accessor x = 1; static accessor y; accessor #z = 2 }\nreturn new A().x;", false},
		{"typescript", TypeScript, "enum E { A, B }\nconst enum F { X = 1 }\nnamespace N { export const v = E.B + F.X }\nclass P { constructor(private readonly a: number, public b = 2) {} }\nabstract class Q { abstract m(): void }\nfunction d(v: any, c: any) { return v }\n@d class R { @d accessor x = 1 }\nreturn N.v;", false},
		{"experimental decorators", TypeScript, "function c(t: any) {}\nfunction m(t: any, k: string, d: PropertyDescriptor) {}\nfunction p(t: any, k: string, i: number) {}\nfunction f(t: any, k: string) {}\n@c class S { @f x = 1; @m get(@p id: number) { return id } @m static s() {} }\nreturn new S();", true},
		{"using in typescript", TypeScript, "await using x = null as any;\nreturn 1;", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Check(tt.code, tt.lang, Options{TSExperimentalDecorators: tt.experimental})
			if err != nil {
				t.Fatal(err)
			}
			if c.Lowered == nil || !c.Verdict.Allowed || len(c.Verdict.Findings) != 0 || c.Verdict.SyntaxError != nil {
				t.Fatalf("Check = %+v\nJS:\n%s", c.Verdict, c.JS)
			}
			if !strings.Contains(c.JS, "var __") && !strings.Contains(c.JS, "#") {
				t.Errorf("no helpers (nor private fields) in the lowered code: the test does not test them\n%s", c.JS)
			}
		})
	}
}

// Attacks stay refused when hidden in the syntax that is lowered: inside
// an async generator, a for await loop, a decorator, an accessor's
// initialiser, a using declaration. Each wrapper has a twin the runtime
// runs as written (the same nesting without the lowered syntax); an attack
// the twin's validation refuses must be refused once lowered too.
func TestAttacksInsideLoweredSyntax(t *testing.T) {
	type wrap struct{ lowered, twin func(string) string }
	wraps := map[string]wrap{
		"async generator": {
			func(c string) string {
				return "async function* __g() {\n" + c + "\n}\nfor await (const __x of __g()) {}"
			},
			func(c string) string {
				return "async function __g() {\n" + c + "\n}\nfor (const __x of [await __g()]) {}"
			},
		},
		"async generator method": {
			func(c string) string {
				return "const __o = { async *m() {\n" + c + "\n} };\nfor await (const __x of __o.m()) {}"
			},
			func(c string) string {
				return "const __o = { async m() {\n" + c + "\n} };\nfor (const __x of [await __o.m()]) {}"
			},
		},
		"decorated method": {
			func(c string) string {
				return "function __d(v, ctx) { return v }\n@__d class __C { @__d async m() {\n" + c + "\n} }\nreturn new __C().m();"
			},
			func(c string) string {
				return "function __d(v, ctx) { return v }\nclass __C { async m() {\n" + c + "\n} }\nreturn new __C().m();"
			},
		},
		"decorator expression": {
			func(c string) string {
				return "@((v, ctx) => { (async () => {\n" + c + "\n})(); return v }) class __C {}\nreturn 1;"
			},
			func(c string) string {
				return "((v, ctx) => { (async () => {\n" + c + "\n})(); return v })(class __C {}, {});\nreturn 1;"
			},
		},
		"accessor initialiser": {
			func(c string) string {
				return "class __C { accessor x = (async () => {\n" + c + "\n})() }\nreturn new __C().x;"
			},
			func(c string) string { return "class __C { x = (async () => {\n" + c + "\n})() }\nreturn new __C().x;" },
		},
		"using": {
			func(c string) string { return "{ using __u = null;\nawait (async () => {\n" + c + "\n})(); }" },
			func(c string) string { return "{ const __u = null;\nawait (async () => {\n" + c + "\n})(); }" },
		},
	}
	snippets := readCorpus(t, attackGlobs...)
	n := 0
	for _, s := range snippets {
		if filepath.Ext(s.name) != ".js" {
			continue
		}
		for wname, w := range wraps {
			if twin := Validate(w.twin(s.raw), Options{}); twin.Allowed || twin.SyntaxError != nil {
				continue // not refused (or not code) without lowering either
			}
			code := w.lowered(s.raw)
			c, err := Check(code, JavaScript, Options{})
			if err != nil {
				t.Fatalf("%s in %s: %v", s.name, wname, err)
			}
			n++
			if c.Verdict.Allowed {
				t.Errorf("%s in %s: allowed once lowered\n%s", s.name, wname, c.JS)
			}
			if c.Lowered == nil && c.Verdict.SyntaxError == nil && !hasStaticModule(scan(code)) && scan(code).violation == nil {
				t.Errorf("%s in %s: not lowered", s.name, wname)
			}
		}
	}
	if n < 300 {
		t.Fatalf("only %d wrapped attacks checked", n)
	}
	t.Logf("%d wrapped attacks refused", n)
}

// A finding and a syntax error in lowered JavaScript point into the code
// as written.
func TestLoweredPositions(t *testing.T) {
	code := "async function* g() {\n  yield 1;\n}\nfor await (const x of g()) {\n  eval('x');\n}"
	c, err := Check(code, JavaScript, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Verdict.Allowed || len(c.Verdict.Findings) == 0 {
		t.Fatalf("eval allowed: %+v", c.Verdict)
	}
	if f := c.Verdict.Findings[0]; f.Rule != RuleEval || f.Line != 5 || f.Column != 3 {
		t.Errorf("finding %+v, want eval at 5:3", f)
	}
	c, err = Check("async function* g() {\n  yield 1;\n}\nfor await (const x of g()) {\n  const = 2;\n}", JavaScript, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if e := c.Verdict.SyntaxError; e == nil || e.Line != 5 || e.Column != 9 {
		t.Errorf("syntax error %+v, want 5:9", e)
	}
}

// The code ending too early is said so, at its end, in both languages.
func TestEndOfInputMessage(t *testing.T) {
	for _, tt := range []struct{ code, lang string }{
		{"return (", JavaScript}, {"return (", TypeScript},
		{"const xs = [1, 2", JavaScript}, {"const xs: number[] = [1, 2", TypeScript},
		{"for await (const x of xs) {", JavaScript},
	} {
		c, err := Check(tt.code, tt.lang, Options{})
		if err != nil {
			t.Fatal(err)
		}
		e := c.Verdict.SyntaxError
		wantCol := len(tt.code) + 1
		if e == nil || !strings.Contains(e.Message, "end of") || e.Line != 1 || e.Column != wantCol || strings.Contains(e.Message, "}") {
			t.Errorf("Check(%q, %s) syntax error = %+v, want the end of input at 1:%d", tt.code, tt.lang, e, wantCol)
		}
	}
}

// TypeScript's type-only module lines are erased, not refused; a value
// import or export is still refused, at its position.
func TestTypeScriptModuleLines(t *testing.T) {
	ok := "import type { Order } from './types';\nimport { type Item } from './types';\nexport type Total = number;\nexport interface Row { id: number }\nconst rows: Row[] = context.rows ?? [];\nreturn rows.length;"
	c, err := Check(ok, TypeScript, Options{})
	if err != nil || !c.Verdict.Allowed || c.Verdict.SyntaxError != nil {
		t.Fatalf("Check(import type) = %+v %v", c.Verdict, err)
	}
	for _, tt := range []struct {
		code      string
		line, col int
	}{
		{"import fs from 'fs';\nreturn fs.readFileSync('/etc/passwd', 'utf8');", 1, 1},
		{"import type { A } from './a';\nexport const x: A = 1 as any;\nreturn x;", 2, 1}, // esbuild maps the statement to its const
		{"namespace N {}\nimport { exec } from 'child_process';\nreturn exec('id');", 2, 1},
	} {
		c, err := Check(tt.code, TypeScript, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if c.Verdict.Allowed || c.Verdict.Status() != result.Blocked || len(c.Verdict.Findings) == 0 {
			t.Fatalf("Check(%q) = %+v, want blocked", tt.code, c.Verdict)
		}
		if f := c.Verdict.Findings[0]; f.Rule != RuleImport || f.Line != tt.line || f.Column < tt.col {
			t.Errorf("Check(%q) finding %+v, want %s at %d:%d", tt.code, f, RuleImport, tt.line, tt.col)
		}
	}
}

func TestExperimentalDecoratorsOption(t *testing.T) {
	code := "function p(t: any, k: string, i: number) {}\nclass S { get(@p id: number) { return id } }\nreturn 1;"
	c, err := Check(code, TypeScript, Options{})
	if err != nil || c.Verdict.SyntaxError == nil {
		t.Fatalf("parameter decorator without the option: %+v %v, want a syntax error", c.Verdict, err)
	}
	c, err = Check(code, TypeScript, Options{TSExperimentalDecorators: true})
	if err != nil || !c.Verdict.Allowed {
		t.Fatalf("parameter decorator with the option: %+v %v", c.Verdict, err)
	}
	if !strings.Contains(c.JS, "__decorateParam") {
		t.Errorf("not lowered as experimental decorators:\n%s", c.JS)
	}
}

var _ = typescript.EndOfInput

// esbuild folds string pieces into one literal and writes escapes out;
// a dangerous name made that way is refused where the code was written,
// in TypeScript and in lowered JavaScript alike, and the text layers judge
// the code as written.
func TestFoldedNamesRefused(t *testing.T) {
	for _, tt := range []struct{ lang, code string }{
		{TypeScript, "const get = (o: any, k: string) => o[k];\nreturn get(() => 1, 'constr' + 'uctor')('return 42')();"},
		{JavaScript, "async function* g() { yield 1 }\nconst get = (o, k) => o[k];\nreturn get(() => 1, 'constr' + 'uctor')('return 42')();"},
		{JavaScript, "@((c) => c) class A {}\nconst get = (o, k) => o[k];\nreturn get(() => 1, `pro` + 'cess');"},
		{TypeScript, "const k: string = '\\x5f_proto__';\nconst get = (o: any, k: string) => o[k];\nreturn get({}, k);"},
	} {
		c, err := Check(tt.code, tt.lang, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var f *result.Finding
		for i := range c.Verdict.Findings {
			if c.Verdict.Findings[i].Rule == RuleObfuscatedName {
				f = &c.Verdict.Findings[i]
			}
		}
		if c.Verdict.Allowed || f == nil || f.Line < 1 {
			t.Errorf("Check(%q) = %+v, want an obfuscated-name finding with a position", tt.code, c.Verdict)
		}
	}
	// Written as it is, a name is not "folded" (other rules judge it).
	c, err := Check("const m = new Map<string, number>([['constructor', 1]]);\nreturn m.get('constructor');", TypeScript, Options{})
	if err != nil || !c.Verdict.Allowed {
		t.Errorf("a plain 'constructor' string key of a Map: %+v %v", c.Verdict, err)
	}
	// The regex layer reads the TypeScript as written (escapes included).
	c, err = Check("const s: string = '\\x65\\x76\\x61\\x6c';\nreturn s.length;", TypeScript, Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range c.Verdict.Findings {
		found = found || f.Rule == RuleEscapeObfuscated && f.Line == 1
	}
	if !found {
		t.Errorf("escape obfuscation in TypeScript not seen: %+v", c.Verdict.Findings)
	}
}
