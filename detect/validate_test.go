package detect

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"codexec/config"
	"codexec/jsrt"
	"codexec/result"
)

type ruleCase struct {
	name string
	code string
	want string // a rule the findings must include; "" for no finding at all
}

// checkRules validates each case: a blocking rule must refuse the code, a
// warning rule must be reported, "" must leave the code without findings.
func checkRules(t *testing.T, opts Options, tests []ruleCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Validate(tt.code, opts)
			if v.SyntaxError != nil {
				t.Fatalf("Validate(%q) syntax error %v", tt.code, v.SyntaxError)
			}
			if tt.want == "" {
				if !v.Allowed || len(v.Findings) > 0 {
					t.Errorf("Validate(%q) = allowed %v, findings %v; want allowed with none", tt.code, v.Allowed, v.Findings)
				}
				return
			}
			if !hasRule(v, tt.want) {
				t.Errorf("Validate(%q) findings = %v, want %s", tt.code, v.Findings, tt.want)
			}
			if ruleByID[tt.want].Severity == result.SeverityBlock && v.Allowed {
				t.Errorf("Validate(%q) allowed, want blocked by %s", tt.code, tt.want)
			}
		})
	}
}

func TestValidateEval(t *testing.T) {
	checkRules(t, Options{}, []ruleCase{
		{"direct", "return eval('1')", RuleEval},
		{"indirect", "return (0, eval)('1')", RuleEval},
		{"alias", "const e = eval; return e('1')", RuleEval},
		{"globalThis", "return globalThis.eval('1')", RuleEval},
		{"window computed", "return window['eval']('1')", RuleEval},
		{"self concatenated", "return self['ev' + 'al']('1')", RuleEval},
		{"this at top level", "return this.eval('1')", RuleEval},
		{"arrow this at top level", "const f = () => this['eval']; return f()('1')", RuleEval},
		{"escaped identifier", `return \u0065val('1')`, RuleEval},
		{"escaped key", `return globalThis['\x65val']('1')`, RuleEval},
		{"assembled key on any object", "return obj['ev' + 'al']", RuleObfuscatedName},
		{"char codes", "return globalThis[String.fromCharCode(101, 118, 97, 108)]('1')", RuleEval},
		{"base64", "return globalThis[atob('ZXZhbA==')]('1')", RuleEval},
		{"reversed", "return globalThis['lave'.split('').reverse().join('')]('1')", RuleEval},
		{"base36", "return globalThis[(693741).toString(36)]('1')", RuleEval},
		{"lower-cased", "return globalThis['EVAL'.toLowerCase()]('1')", RuleEval},
		{"sliced", "return globalThis['xevalx'.slice(1, -1)]('1')", RuleEval},
		{"replaced", "return globalThis['eXval'.replace('X', '')]('1')", RuleEval},
		{"Reflect.get", "return Reflect.get(globalThis, 'eval')('1')", RuleEval},
		{"destructured", "const { eval: e } = globalThis; return e('1')", RuleEval},
		{"global via function this", "return (function () { return this })().eval('1')", RuleEval},
		{"string to setTimeout", "setTimeout('x = 1', 1)", RuleEval},
		{"template to setInterval", "const id = setInterval(`x++`, 1); clearInterval(id)", RuleEval},
		{"typeof is fine", "return typeof eval", ""},
		{"method named eval", "const calc = { eval(x) { return x } }; return calc.eval(1)", ""},
		{"local eval", "const eval2 = (x) => x; function run(eval) { return eval(1) } return run(eval2)", ""},
	})
}

func TestValidateFunctionConstructor(t *testing.T) {
	checkRules(t, Options{}, []ruleCase{
		{"call", "return Function('return 1')()", RuleFunction},
		{"new", "return new Function('return 1')()", RuleFunction},
		{"globalThis", "return globalThis.Function('return 1')()", RuleFunction},
		{"destructured", "const { Function: F } = globalThis; return F('x')", RuleFunction},
		{"Reflect.construct", "return Reflect.construct(Function, ['return 1'])()", RuleFunction},
		{"object chain", "return ({}).constructor.constructor('return 1')()", RuleConstructor},
		{"string chain", "return ''.constructor.constructor('return 1')()", RuleConstructor},
		{"arrow", "return (() => {}).constructor('return 1')()", RuleConstructor},
		{"async arrow stored", "const AF = (async () => {}).constructor; return AF('x')", RuleConstructor},
		{"generator prototype", "return Object.getPrototypeOf(function* () {}).constructor", RuleConstructor},
		{"async prototype via Reflect", "return Reflect.getPrototypeOf(async function () {}).constructor", RuleConstructor},
		{"Reflect.construct of a chain", "const f = () => 1; return Reflect.construct(f.constructor, ['x'])", RuleConstructor},
		{"method of an array", "return [].map.constructor('x')", RuleConstructor},
		{"declared function", "function f() {} const F = f.constructor; return F", RuleConstructor},
		{"class", "class A {} return A.constructor", RuleConstructor},
		{"bind", "return (() => 1).constructor.bind(null, 'x')", RuleConstructor},
		{"call", "return (() => 1).constructor.call(null, 'x')", RuleConstructor},
		{"__proto__ of a function", "return (() => 1).__proto__.constructor", RuleConstructor},
		{"destructured", "const { constructor: F } = () => 1; return F", RuleConstructor},
		{"nested destructuring", "const { constructor: { constructor: F } } = {}; return F", RuleConstructor},
		{"calling a stored constructor", "const C = obj.constructor; return C('x')", RuleConstructor},
		{"static this", "class A { static f() { return new this.constructor('x') } }", RuleConstructor},
		{"sequence", "return (0, (() => {}).constructor)('x')", RuleConstructor},
		{"optional", "return (() => {})?.constructor?.('x')", RuleConstructor},
		{"descriptors", "return Object.getOwnPropertyDescriptors(Object.getPrototypeOf(() => 1)).constructor.value", RuleConstructor},
		{"computed", "const f = () => 1; return f['constructor']", RuleComputedKey},
		{"computed concat", "return f['constr' + 'uctor']", RuleComputedKey},
		{"computed template", "return f[`con${'struct'}or`]", RuleComputedKey},
		{"computed may become", "return f['constr' + context.tail]", RuleComputedKey},
		{"computed suffix may become", "return f[context.head + 'uctor']", RuleComputedKey},
		{"computed variable", "let k = 'con'; k += 'structor'; return f[k]", RuleComputedKey},
		{"computed reassigned", "let k = 'name'; if (x) k = 'constructor'; return f[k]", RuleComputedKey},
		{"getOwnPropertyDescriptor key", "return Object.getOwnPropertyDescriptor(f, 'constructor')", RuleComputedKey},
		{"typeof Function is fine", "return typeof Function", ""},
	})
}

// What agent code does with constructors all the time must pass.
func TestValidateAllowsConstructorUse(t *testing.T) {
	checkRules(t, Options{}, []ruleCase{
		{"name read", "return obj.constructor.name", ""},
		{"optional name read", "return obj?.constructor?.name", ""},
		{"comparison", "return x.constructor === Object", ""},
		{"loose comparison", "return x.constructor != Array", ""},
		{"test", "if (x.constructor) return 1", ""},
		{"typeof", "return typeof x.constructor", ""},
		{"logical with name", "return fn.constructor && fn.constructor.name === 'AsyncFunction'", ""},
		{"class constructor method", "class A { constructor(x) { this.x = x } } return new A(1).x", ""},
		{"object with constructor key", "return { constructor: 1 }.constructor", ""},
		{"clone with this.constructor", "class V { clone() { return new this.constructor(1) } } return new V().clone()", ""},
		{"same error type", "try { null.x } catch (e) { return new e.constructor('again').name }", ""},
		{"registry lookup", "const m = new Map(); return m.get(obj.constructor)", ""},
		{"static member", "class A { static n = 1; get n() { return this.constructor.n } } return new A().n", ""},
		{"prototype read", "return obj.constructor.prototype === Object.prototype", ""},
		{"keys prototype", "return Object.keys(o).prototype", ""},
		{"getPrototypeOf comparison", "return Object.getPrototypeOf(o) === Object.prototype", ""},
		{"instanceof", "return [] instanceof Array", ""},
		{"guard strings", "const bad = ['__proto__', 'constructor', 'prototype']; return bad.includes(k) || k === '__proto__'", ""},
		{"on prefix keys", "return handlers['on' + type]", ""},
		{"item keys", "return row[`item_${i}`]", ""},
		{"unknown keys", "for (const k of Object.keys(o)) out[k] = o[k]; return out", ""},
	})
}

func TestValidateProto(t *testing.T) {
	checkRules(t, Options{}, []ruleCase{
		{"write", "const a = []; a.__proto__ = null", RuleProtoWrite},
		{"write through", "({}).__proto__.polluted = 1", RuleProtoWrite},
		{"write through computed", "o.__proto__[k] = 1", RuleProtoWrite},
		{"computed", "o['__proto__'].x = 1", RuleComputedKey},
		{"computed concat", "o['__pro' + 'to__'].x = 1", RuleComputedKey},
		{"setPrototypeOf built-in", "Object.setPrototypeOf(Array.prototype, null)", RuleProtoWrite},
		{"setPrototypeOf of a literal's", "Object.setPrototypeOf(Object.getPrototypeOf({}), null)", RuleProtoWrite},
		{"Reflect.setPrototypeOf", "Reflect.setPrototypeOf(Object.prototype, {})", RuleProtoWrite},
		{"setPrototypeOf global", "Object.setPrototypeOf(globalThis, null)", RuleProtoWrite},
		{"computed prototype", "Object['proto' + 'type'].x = 1", RuleComputedKey},
		{"built-in prototype write", "Array.prototype.last = function () { return this[this.length - 1] }", RuleBuiltinProto},
		{"defineProperty on a built-in prototype", "Object.defineProperty(String.prototype, 'x', { value: 1 })", RuleBuiltinProto},
		{"read", "return o.__proto__", RuleProtoAccess},
		{"setPrototypeOf own object", "const o = {}; Object.setPrototypeOf(o, null); return o", ""},
		{"__proto__ in a literal", "return { __proto__: null, a: 1 }", ""},
		{"own class prototype", "function P() {} P.prototype.greet = function () { return 1 }; return new P().greet()", ""},
	})
}

func TestValidateGlobalObject(t *testing.T) {
	checkRules(t, Options{}, []ruleCase{
		{"dynamic key", "return globalThis[context.name]", RuleGlobalDynamic},
		{"dynamic key on an alias", "const g = globalThis; return g[k]", RuleGlobalDynamic},
		{"dynamic key on window", "return window[k]", RuleGlobalDynamic},
		{"this at top level", "return this[k]", RuleGlobalDynamic},
		{"Reflect.get with a dynamic key", "return Reflect.get(globalThis, k)", RuleGlobalDynamic},
		{"destructuring a dynamic key", "const { [k]: v } = globalThis; return v", RuleGlobalDynamic},
		{"process through the global", "return globalThis.process", RuleProcess},
		{"require through the global", "return self.require", RuleRequire},
		{"constant safe keys", "return [globalThis.setTimeout === setTimeout, typeof globalThis['structuredClone']]", ""},
		{"local self", "const self = { a: 1 }; return self[k]", ""},
		{"local window", "function f(window) { return window[k] } return f({})", ""},
		{"this in a method", "const o = { get(k) { return this[k] } }; return o.get('a')", ""},
		{"this in a function", "function F() { this.x = 1; this['y'] = 2 } return new F()", ""},
	})
}

func TestValidateModules(t *testing.T) {
	checkRules(t, Options{}, []ruleCase{
		{"require", "return require('fs')", RuleRequire},
		{"require allow-listed but off", "return require('path')", RuleRequire},
		{"require alias", "const r = require; return r('x')", RuleRequire},
		{"module.require", "return module.require('fs')", RuleRequire},
		{"process", "return process.env", RuleProcess},
		{"process shorthand", "return { process }", RuleProcess},
		{"process written", "process = {}", RuleProcess},
		{"fs", "return fs.readFileSync('/etc/passwd')", RuleNodeModule},
		{"child_process", "return child_process.execSync('id')", RuleNodeModule},
		{"net", "return net.connect(80)", RuleNodeModule},
		{"typeof process is fine", "return typeof process === 'undefined'", ""},
		{"local process", "function process(x) { return x } return process(1)", ""},
		{"local process variable", "const process = { env: {} }; return process.env", ""},
		{"process parameter", "return [1].map((process) => process + 1)", ""},
		{"local fs and net", "const fs = [1]; const net = 5 - 1; return [fs, net]", ""},
		{"process property", "return job.process(1) + this_.fs", ""},
	})
	checkRules(t, Options{AllowBuiltinModules: true}, []ruleCase{
		{"allowed module", "const path = require('path'); return path.join('a', 'b')", ""},
		{"allowed with node prefix", "return require('node:util').format('%d', 1)", ""},
		{"not allowed", "return require('fs')", RuleRequire},
		{"computed name", "return require('pa' + context.x)", RuleRequire},
		{"two arguments", "return require('path', 1)", RuleRequire},
		{"alias", "const r = require; return r('path')", RuleRequire},
	})
}

func TestValidateImport(t *testing.T) {
	tests := []struct{ name, code string }{
		{"static", "import fs from 'fs'\nreturn fs"},
		{"named", "import { readFileSync } from 'fs'"},
		{"export", "export const x = 1"},
		{"dynamic", "const m = await import('fs')"},
		{"dynamic later", "const a = 1;\nreturn import('x')"},
		{"meta", "return import.meta.url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Validate(tt.code, Options{})
			if v.SyntaxError != nil || v.Allowed || !hasRule(v, RuleImport) {
				t.Errorf("Validate(%q) = syntax %v, findings %v; want blocked by %s", tt.code, v.SyntaxError, v.Findings, RuleImport)
			}
		})
	}
}

func TestValidateWith(t *testing.T) {
	checkRules(t, Options{}, []ruleCase{
		{"with", "with (context) { return a }", RuleWith},
	})
}

func TestValidateWarnings(t *testing.T) {
	checkRules(t, Options{}, []ruleCase{
		{"while true", "let n = 0; while (true) { n++ }", RuleLoopNoExit},
		{"for ever", "for (;;) {}", RuleLoopNoExit},
		{"while 1", "while (1) { x() }", RuleLoopNoExit},
		{"do while not false", "do { x() } while (!false)", RuleLoopNoExit},
		{"break of an inner loop only", "while (true) { for (;;) { break } }", RuleLoopNoExit},
		{"break of a switch only", "while (true) { switch (x) { case 1: break } }", RuleLoopNoExit},
		{"return in a callback only", "while (true) { [1].forEach(() => { return }) }", RuleLoopNoExit},
		{"continue only", "while (true) { if (x) continue }", RuleLoopNoExit},
		{"while true with break", "while (true) { if (x()) break }", ""},
		{"for ever with return", "function f() { for (;;) { if (x()) return 1 } } return f()", ""},
		{"while true with throw", "while (true) { if (x()) throw new Error('x') }", ""},
		{"labelled break of the outer loop", "outer: while (true) { for (;;) { break outer } }", ""},
		{"labelled block", "blk: { while (true) { break blk } }", ""},
		{"labelled continue leaves the inner loop", "outer: for (const a of b) { while (true) { continue outer } }", ""},
		{"generator", "function* g() { let i = 0; while (true) yield i++ } return g().next().value", ""},
		{"ordinary loops", "for (let i = 0; i < 3; i++) {} while (x < 3) x++", ""},
		{"interval discarded", "setInterval(() => tick(), 10)", RuleIntervalNoClear},
		{"interval never cleared", "const id = setInterval(() => tick(), 10); return id", RuleIntervalNoClear},
		{"interval cleared", "const id = setInterval(() => { clearInterval(id) }, 10)", ""},
		{"huge string", "return '" + strings.Repeat("x", 70<<10) + "'", RuleHugeLiteral},
		{"huge repeat", "return 'x'.repeat(1e9)", RuleHugeAllocation},
		{"huge array", "return new Array(2 ** 30)", RuleHugeAllocation},
		{"huge buffer", "return new ArrayBuffer(1024 * 1024 * 1024)", RuleHugeAllocation},
		{"small array", "return new Array(10).fill(0)", ""},
		{"nested quantifiers", "return /(a+)+$/.test(s)", RuleRegexBacktrack},
		{"plain regex", "return /^[a-z]+\\d*$/.test(s)", ""},
		{"escaped identifier", `const \u0061 = 1; return a`, RuleEscapedIdent},
		{"deep brackets", "return " + strings.Repeat("[", WarnBracketNesting+2) + strings.Repeat("]", WarnBracketNesting+2), RuleDeepNesting},
	})
}

func TestValidateRegexLayer(t *testing.T) {
	checkRules(t, Options{}, []ruleCase{
		{"escaped letters", `return '\x72\x65\x71'`, RuleEscapeObfuscated},
		{"code in a string", "const src = \"require('child_process').execSync('id')\"; return src.length", RuleCodeInString},
		{"char codes", "return String.fromCharCode(114, 101, 113, 117)", RuleCharCodes},
		{"base64 payload", "return 'cmVxdWlyZSgiZnMiKQ=='.length", RuleEncodedPayload},
		{"name fragments", "const a = 'constr' + x; return a", RuleNameFragments},
		{"ordinary strings", "return ['hello world', 'a+b', 'SGVsbG8gd29ybGQ=', 'process the data', '\\u00e9t\\u00e9']", ""},
		{"prose", "return 'Please return this form. Tasks require (at least) two steps; the process. Exit when done; eval (short for evaluation)'", ""},
	})
}

// Warnings add up: several weak signals refuse the code together.
func TestValidateScoreCombines(t *testing.T) {
	tests := []struct {
		name    string
		code    string
		allowed bool
	}{
		{"one warning runs", "while (true) {}", true},
		{"two warnings run", "while (true) {} setInterval(() => 1, 5)", true},
		{"three warnings refuse", "while (true) {} setInterval(() => 1, 5); return o.__proto__ + " + `'\x72\x65\x71'`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Validate(tt.code, Options{})
			if v.Allowed != tt.allowed {
				t.Errorf("Validate(%q) allowed = %v (score %v, findings %v), want %v", tt.code, v.Allowed, v.RiskScore, v.Findings, tt.allowed)
			}
			if v.RiskScore < 0 || v.RiskScore >= 1 {
				t.Errorf("Validate(%q) score = %v, want in [0, 1) with warnings only", tt.code, v.RiskScore)
			}
		})
	}
	// A lower threshold refuses what the default lets run.
	if v := Validate("while (true) {}", Options{RiskThreshold: 0.3}); v.Allowed {
		t.Errorf("Validate(while (true) {}, threshold 0.3) allowed with score %v", v.RiskScore)
	}
}

func TestScore(t *testing.T) {
	w := func(rule string) result.Finding { return result.Finding{Rule: rule, Severity: result.SeverityWarn} }
	weight := func(rule string) float64 { return ruleByID[rule].Weight }
	tests := []struct {
		name     string
		findings []result.Finding
		want     float64
	}{
		{"none", nil, 0},
		{"one", []result.Finding{w(RuleLoopNoExit)}, weight(RuleLoopNoExit)},
		{"same rule twice counts once", []result.Finding{w(RuleLoopNoExit), w(RuleLoopNoExit)}, weight(RuleLoopNoExit)},
		{"two rules", []result.Finding{w(RuleLoopNoExit), w(RuleProtoAccess)}, 1 - (1-weight(RuleLoopNoExit))*(1-weight(RuleProtoAccess))},
		{"a block", []result.Finding{w(RuleLoopNoExit), {Rule: RuleEval, Severity: result.SeverityBlock}}, 1},
	}
	for _, tt := range tests {
		if got := Score(tt.findings); fmt.Sprintf("%.3f", got) != fmt.Sprintf("%.3f", tt.want) {
			t.Errorf("Score(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
	for _, r := range Rules {
		if r.Severity == result.SeverityWarn && r.Weight >= DefaultRiskThreshold {
			t.Errorf("rule %s weighs %v: a warning alone must stay under the default threshold", r.ID, r.Weight)
		}
	}
}

// A syntax error is reported as the runner reports it, not as a refusal.
func TestValidateSyntaxError(t *testing.T) {
	tests := []string{"return (1 +", "const = 1", "let a = 1;\nlet b = ;", "}); (function () {"}
	for _, code := range tests {
		v := Validate(code, Options{})
		_, want := jsrt.CompileBody(code)
		if v.SyntaxError == nil || want == nil {
			t.Fatalf("Validate(%q) syntax error = %v, CompileBody = %v; want both", code, v.SyntaxError, want)
		}
		if *v.SyntaxError != *want {
			t.Errorf("Validate(%q) syntax error = %+v, want the runner's %+v", code, *v.SyntaxError, *want)
		}
		if v.Allowed || v.Status() != result.Error || len(v.Findings) != 0 {
			t.Errorf("Validate(%q) = allowed %v status %v findings %v, want status error", code, v.Allowed, v.Status(), v.Findings)
		}
	}
}

func TestValidatePositions(t *testing.T) {
	tests := []struct {
		code      string
		rule      string
		line, col int
	}{
		{"const a = 1;\nreturn eval(a)", RuleEval, 2, 8},
		{"const a = 1;\n  x.y = f['con' + 'structor']", RuleComputedKey, 2, 10},
		{"x = 1\nwhile (true) {}", RuleLoopNoExit, 2, 1},
		{"let s = 'é';\nreturn process", RuleProcess, 2, 8},
	}
	for _, tt := range tests {
		v := Validate(tt.code, Options{})
		found := false
		for _, f := range v.Findings {
			if f.Rule == tt.rule {
				found = true
				if f.Line != tt.line || f.Column != tt.col {
					t.Errorf("Validate(%q) %s at %d:%d, want %d:%d", tt.code, tt.rule, f.Line, f.Column, tt.line, tt.col)
				}
			}
		}
		if !found {
			t.Errorf("Validate(%q) findings = %v, want %s", tt.code, v.Findings, tt.rule)
		}
	}
}

func TestVerdict(t *testing.T) {
	ok := Validate("return 1", Options{})
	if ok.Status() != result.OK || ok.Err() != nil || ok.ErrorInfo() != nil || ok.Validation().Findings == nil {
		t.Errorf("verdict of ok code = %v %v %v %v", ok.Status(), ok.Err(), ok.ErrorInfo(), ok.Validation())
	}
	bad := Validate("x = 1;\nreturn eval('1')", Options{})
	if bad.Status() != result.Blocked || !IsBlocked(bad.Err()) || !IsBlocked(fmt.Errorf("validate: %w", bad.Err())) {
		t.Errorf("verdict of eval = %v %v, want blocked", bad.Status(), bad.Err())
	}
	e := bad.ErrorInfo()
	if e == nil || e.Kind != result.Blocked || e.Line != 2 || e.Column != 8 || !strings.Contains(e.Message, RuleEval) {
		t.Errorf("ErrorInfo() = %+v, want kind blocked at 2:8 naming %s", e, RuleEval)
	}
	syn := Validate("return (", Options{})
	var ei *result.ErrorInfo
	if syn.Status() != result.Error || !errors.As(syn.Err(), &ei) || IsBlocked(syn.Err()) {
		t.Errorf("verdict of a syntax error = %v %v, want status error", syn.Status(), syn.Err())
	}
	// Positions map through a function (TypeScript's source map).
	bad.MapPositions(func(l, c int) (int, int, bool) { return l + 10, c, l == 2 })
	if f := bad.Findings[0]; f.Line != 12 || f.Column != 8 {
		t.Errorf("MapPositions moved the finding to %d:%d, want 12:8", f.Line, f.Column)
	}
	if opts := OptionsFrom(config.DefaultLimits()); opts.RiskThreshold != DefaultRiskThreshold || opts.AllowBuiltinModules {
		t.Errorf("OptionsFrom(defaults) = %+v", opts)
	}
}

func TestValidateMaxFindings(t *testing.T) {
	code := strings.Repeat("eval(1);\n", 80)
	v := Validate(code, Options{MaxFindings: 10})
	if len(v.Findings) != 10 || v.Omitted != 70 {
		t.Errorf("Validate(80 evals, max 10) = %d findings, %d omitted; want 10 and 70", len(v.Findings), v.Omitted)
	}
	if v := Validate(code, Options{}); len(v.Findings) != DefaultMaxFindings {
		t.Errorf("Validate(80 evals) = %d findings, want %d", len(v.Findings), DefaultMaxFindings)
	}
}

func TestRulesAreDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] || r.Doc == "" || (r.Severity == result.SeverityBlock) != (r.Weight == 1) {
			t.Errorf("rule %+v: duplicate, undocumented or inconsistent", r)
		}
		seen[r.ID] = true
	}
}

// Findings past the analyzer's caps are not listed but still count.
func TestValidateManyFindings(t *testing.T) {
	code := strings.Repeat("o.__proto__;\n", maxKept+10) + "while (true) {}"
	v := Validate(code, Options{MaxFindings: 5})
	if len(v.Findings) != 5 || v.Omitted < maxKept {
		t.Errorf("Validate(%d warnings) lists %d, omits %d; want 5 and the rest", maxKept+11, len(v.Findings), v.Omitted)
	}
	want := Score([]result.Finding{{Rule: RuleProtoAccess, Severity: result.SeverityWarn}, {Rule: RuleLoopNoExit, Severity: result.SeverityWarn}})
	if v.RiskScore != want {
		t.Errorf("Validate(%d warnings) score = %v, want %v (the loop past the cap counts)", maxKept+11, v.RiskScore, want)
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name      string
		code      string
		lang      string
		status    result.Status
		rule      string // a finding the verdict must have
		line, col int    // its position, or the syntax error's, in the code as submitted
	}{
		{"javascript", "return 1", JavaScript, result.OK, "", 0, 0},
		{"javascript blocked", "x = 1;\nreturn eval('1')", JavaScript, result.Blocked, RuleEval, 2, 8},
		{"typescript", "const a: number = 1;\nreturn a", TypeScript, result.OK, "", 0, 0},
		{"typescript blocked", "type T = { a: number };\nconst t: T = { a: 1 };\nreturn eval(String(t.a))", TypeScript, result.Blocked, RuleEval, 3, 8},
		{"typescript import", "import fs from 'fs';\nreturn fs", TypeScript, result.Blocked, RuleImport, 1, 1},
		{"typescript dynamic import", "const m: any = await import('fs');\nreturn m", TypeScript, result.Blocked, RuleImport, 1, 22},
		{"typescript nesting, before esbuild", rep("(", 100000), TypeScript, result.Blocked, RuleNesting, 1, 1025},
		{"typescript syntax error", "const a: = 1", TypeScript, result.Error, "", 1, 10},
		{"javascript syntax error", "return (", JavaScript, result.Error, "", 1, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Check(tt.code, tt.lang, Options{})
			if err != nil {
				t.Fatalf("Check(%q) error %v", tt.code, err)
			}
			v := c.Verdict
			if v.Status() != tt.status {
				t.Fatalf("Check(%q) = %s (%v, %v), want %s", tt.code, v.Status(), v.Findings, v.SyntaxError, tt.status)
			}
			switch {
			case tt.status == result.Error:
				if v.SyntaxError.Line != tt.line || v.SyntaxError.Column != tt.col {
					t.Errorf("Check(%q) syntax error at %d:%d, want %d:%d", tt.code, v.SyntaxError.Line, v.SyntaxError.Column, tt.line, tt.col)
				}
			case tt.rule != "":
				found := false
				for _, f := range v.Findings {
					if f.Rule == tt.rule {
						found = true
						if f.Line != tt.line || f.Column != tt.col {
							t.Errorf("Check(%q) %s at %d:%d, want %d:%d", tt.code, tt.rule, f.Line, f.Column, tt.line, tt.col)
						}
					}
				}
				if !found {
					t.Errorf("Check(%q) findings = %v, want %s", tt.code, v.Findings, tt.rule)
				}
			}
			if tt.status == result.OK && (c.JS == "" || (tt.lang == TypeScript) != (c.Lowered != nil)) {
				t.Errorf("Check(%q) = JS %q, Lowered %v", tt.code, c.JS, c.Lowered)
			}
		})
	}
	if _, err := Check("return 1", "python", Options{}); err == nil {
		t.Error("Check(python) = nil error, want one")
	}
}
