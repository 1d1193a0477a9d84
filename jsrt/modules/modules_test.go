package modules_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"codexec/detect"
	"codexec/ipc"
	"codexec/jsrt"
	"codexec/jsrt/modules"
	"codexec/result"
)

// run runs code in a fresh runtime, with require when modules is set.
func run(t *testing.T, code string, allow bool) (ipc.Result, []string) {
	t.Helper()
	rt, err := jsrt.New(jsrt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var logs []string
	res := rt.Run(ipc.Job{Code: code, TimeoutMs: 10000, MaxOutputBytes: 1 << 20, MaxLogLines: 1000,
		MaxLogBytes: 1 << 20, CaptureConsole: true, AllowBuiltinModules: allow},
		func(_, m string) error { logs = append(logs, m); return nil })
	return res, logs
}

// wrap is testdata/wrap.js's wrap, run by Node for the reference.
func wrap(t *testing.T, code string) string {
	t.Helper()
	return "try {\n  const v = await (async () => {\n" + code + "\n})();\n  return JSON.stringify(v === undefined ? null : v);\n" +
		"} catch (e) {\n  return '!! ' + (e && e.name) + ' ' + (e && e.code) + ': ' + (e && e.message);\n}"
}

// needsURL are the cases that need the runtime's URL global.
var needsURL = map[string]bool{"url/pathToFileURL": true}

func hasURLGlobal(t *testing.T) bool {
	res, _ := run(t, `return typeof URL === 'function'`, false)
	return string(res.Output) == "true"
}

// knownDifferences are the cases whose result is not Node's, with the
// runtime's result and why.
var knownDifferences = map[string]struct{ got, reason string }{
	"assert/ok-fail": {`["AssertionError","ERR_ASSERTION","false == true"]`,
		"Node quotes the failing call from the source file (\"The expression evaluated to a falsy value: ok(false)\"); commonjs-assert cannot"},
	"util/inspect-iterators": {`"[ Object [Map Iterator] {}, Object [Array Iterator] {} ]"`,
		"Node previews the entries a Map or Set iterator has left (V8's previewEntries); goja does not expose them"},
}

// TestAgainstNode runs every case of testdata/cases.js and compares its
// result with what Node 24 gave (testdata/expected.json, by record.cjs).
func TestAgainstNode(t *testing.T) {
	var expected map[string]string
	b, err := os.ReadFile("testdata/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &expected); err != nil {
		t.Fatal(err)
	}
	cases := loadCases(t)
	if len(cases) != len(expected) {
		t.Fatalf("%d cases, %d expected results: run testdata/record.cjs", len(cases), len(expected))
	}
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			if needsURL[name] && !hasURLGlobal(t) {
				t.Skip("the runtime has no URL global (jsrt/webapi) in this build")
			}
			res, _ := run(t, wrap(t, cases[name]), true)
			if res.Status != result.OK {
				t.Fatalf("status %s: %+v", res.Status, res.Error)
			}
			var got string
			if err := json.Unmarshal(res.Output, &got); err != nil {
				t.Fatalf("output %s: %v", res.Output, err)
			}
			if diff, ok := knownDifferences[name]; ok {
				// Still checked: the runtime's own answer must not drift.
				if got != diff.got {
					t.Errorf("known difference changed (%s):\n got: %s\nwas: %s\nnode: %s", diff.reason, got, diff.got, expected[name])
				}
				return
			}
			if want := expected[name]; got != want {
				t.Errorf("\n got: %s\nwant: %s", got, want)
			}
		})
	}
}

// loadCases reads testdata/cases.js: a module.exports of name → code, in
// a form simple enough to read without a JavaScript engine's help: the
// runtime itself evaluates it.
func loadCases(t *testing.T) map[string]string {
	t.Helper()
	src, err := os.ReadFile("testdata/cases.js")
	if err != nil {
		t.Fatal(err)
	}
	code := "const module = {exports: {}};\n" + string(src) + "\nreturn module.exports;"
	res, _ := run(t, code, false)
	if res.Status != result.OK {
		t.Fatalf("cases.js: %+v", res.Error)
	}
	var cases map[string]string
	if err := json.Unmarshal(res.Output, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

func TestRequireOnlyWhenAllowed(t *testing.T) {
	res, _ := run(t, `return [typeof require, Object.keys(globalThis).includes('require')]`, false)
	if string(res.Output) != `["undefined",false]` {
		t.Errorf("without allowBuiltinModules: %s %+v", res.Output, res.Error)
	}
	res, _ = run(t, `return [typeof require, Object.keys(globalThis).includes('require'), require.name]`, true)
	if string(res.Output) != `["function",false,"require"]` {
		t.Errorf("with allowBuiltinModules: %s %+v", res.Output, res.Error)
	}
}

func TestUnknownModuleListsTheAllowed(t *testing.T) {
	res, _ := run(t, `try { require('http') } catch (e) { return [e instanceof Error, e.code, e.message] }`, true)
	var got []any
	if err := json.Unmarshal(res.Output, &got); err != nil {
		t.Fatalf("%s %+v", res.Output, res.Error)
	}
	msg, _ := got[2].(string)
	if got[0] != true || got[1] != "MODULE_NOT_FOUND" || !strings.Contains(msg, "'http'") ||
		!strings.Contains(msg, strings.Join(modules.Names(), ", ")) {
		t.Errorf("got %v", got)
	}
	for _, bad := range []string{`require(1)`, `require()`, `require('')`, `require('./util')`, `require('util/')`, `require('node:')`} {
		res, _ := run(t, `try { `+bad+`; return 'loaded' } catch (e) { return e.name + ' ' + e.code }`, true)
		if s := string(res.Output); !strings.Contains(s, "Error") {
			t.Errorf("%s: %s", bad, s)
		}
	}
}

// TestValidationAgrees: validation passes require() of exactly the modules
// the runtime provides.
func TestValidationAgrees(t *testing.T) {
	if got, want := detect.AllowedBuiltinModules(), modules.Names(); !reflect.DeepEqual(got, want) {
		t.Errorf("detect allows %v, the runtime has %v", got, want)
	}
	for _, n := range modules.Names() {
		if _, ok := modules.Source(n); !ok {
			t.Errorf("no bundle for %s", n)
		}
		res, _ := run(t, `const m = require('`+n+`'); return m === require('node:`+n+`') && (typeof m === 'object' || typeof m === 'function')`, true)
		if string(res.Output) != "true" {
			t.Errorf("%s: %s %+v", n, res.Output, res.Error)
		}
	}
}

// TestNothingOfTheHost: no module reaches the host's process, files or
// dynamic code.
func TestNothingOfTheHost(t *testing.T) {
	res, _ := run(t, `for (const n of ['util','url','path','querystring','buffer','events','assert','string_decoder','crypto']) require(n);
		return [typeof process, typeof Function, typeof eval, require('path').resolve('x')]`, true)
	if string(res.Output) != `["undefined","undefined","undefined","/x"]` {
		t.Errorf("got %s %+v", res.Output, res.Error)
	}
}

// TestBundlesAreGenerated: js/ is what the generator writes from src/ and
// the pinned packages (when they are installed).
func TestBundlesAreGenerated(t *testing.T) {
	if _, err := os.Stat("internal/bundle/node_modules"); err != nil {
		t.Skip("npm packages not installed: (cd internal/bundle && npm ci --ignore-scripts)")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./internal/bundle", "-dir", "internal/bundle", "-out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, n := range modules.Names() {
		want, _ := modules.Source(n)
		got, err := os.ReadFile(dir + "/" + n + ".js")
		if err != nil || string(got) != want {
			t.Errorf("js/%s.js is not what the generator writes: run go run ./jsrt/modules/internal/bundle", n)
		}
	}
	want, err := os.ReadFile("js/LICENSES.txt")
	if got, err2 := os.ReadFile(dir + "/LICENSES.txt"); err != nil || err2 != nil || string(got) != string(want) {
		t.Errorf("js/LICENSES.txt is not what the generator writes: run go run ./jsrt/modules/internal/bundle")
	}
}

// TestPlantedAccessorsSeeNothing: setters user code plants on
// Object.prototype before the first require see none of the loader's own
// objects (module, exports, the natives, a hash's state). The bundled
// libraries themselves assign to their own objects as they do in Node
// (buffer's Buffer.prototype.copy = ... reaches a planted setter): they
// are user-level code and hold nothing privileged.
func TestPlantedAccessorsSeeNothing(t *testing.T) {
	res, _ := run(t, `const seen = [];
for (const k of ['exports', 'classOf', 'hashNew', 'update', 'sum', 'code', 'env', 'cwd', 'randomFill', 'inspector']) {
  Object.defineProperty(Object.prototype, k, { set(v) { seen.push(k); }, get() { return undefined; }, configurable: true });
}
const h = require('crypto').createHash('sha1').update('x').digest('hex');
require('util').inspect(Promise.resolve(1));
require('path').join('a', 'b');
try { require('fs'); } catch (e) {}
return [seen, h.length];`, true)
	if string(res.Output) != `[[],40]` {
		t.Errorf("got %s %+v", res.Output, res.Error)
	}
}

// TestLoaderRequire: the runtime's own code can load a module without a
// global require (console could format with util.inspect).
func TestLoaderRequire(t *testing.T) {
	vm := goja.New()
	l := modules.New(vm)
	if _, err := l.Require("util"); err == nil || !strings.Contains(err.Error(), "no inspector") {
		t.Fatalf("util without an inspector: %v", err)
	}
	// util's inspect and format are the inspector's, asked for on util's
	// first load only.
	asked := 0
	inspector, err := vm.RunString(`({inspect: (v) => 'inspected ' + typeof v, format: (...a) => 'formatted ' + a.length, formatWithOptions: () => 'fwo'})`)
	if err != nil {
		t.Fatal(err)
	}
	l = modules.New(vm)
	l.SetInspector(func() (goja.Value, error) {
		asked++
		return inspector, nil
	})
	if _, err := l.Require("path"); err != nil || asked != 0 {
		t.Fatalf("path: %v, inspector asked %d times", err, asked)
	}
	u, err := l.Require("node:util")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"inspect": "inspected object", "format": "formatted 2", "formatWithOptions": "fwo"} {
		fn, ok := goja.AssertFunction(u.ToObject(vm).Get(name))
		if !ok {
			t.Fatalf("util.%s is not a function", name)
		}
		s, err := fn(goja.Undefined(), vm.NewObject(), vm.NewObject())
		if err != nil || s.String() != want {
			t.Errorf("util.%s = %v, %v; want %q", name, s, err, want)
		}
	}
	if again, _ := l.Require("util"); again != u || asked != 1 {
		t.Errorf("a second Require loaded util again (inspector asked %d times)", asked)
	}
	if _, err := l.Require("fs"); err == nil {
		t.Error("Require(fs) did not fail")
	}
	if g := vm.Get("require"); g != nil {
		t.Errorf("Require defined a global require: %v", g)
	}
}

// TestReplacedGlobalsUnused: require's own errors and the bundles' stand-ins
// do not go through globals user code replaced before its first require.
func TestReplacedGlobalsUnused(t *testing.T) {
	res, _ := run(t, `const seen = [];
const RealError = Error;
globalThis.Error = function () { seen.push('Error'); return {}; };
globalThis.TypeError = function () { seen.push('TypeError'); return {}; };
Object.defineProperties = function () { seen.push('defineProperties'); };
Object.create = function () { seen.push('create'); return {}; };
const out = [];
try { require('fs'); } catch (e) { out.push(e instanceof RealError, e.code); }
try { require(1); } catch (e) { out.push(e.code); }
return [seen, out];`, true)
	if string(res.Output) != `[[],[true,"MODULE_NOT_FOUND","ERR_INVALID_ARG_TYPE"]]` {
		t.Errorf("got %s %+v", res.Output, res.Error)
	}
}

// TestGlobalBuffer: with modules allowed, Buffer is a global as in Node,
// loaded on first use; without, there is none.
func TestGlobalBuffer(t *testing.T) {
	res, _ := run(t, `return typeof Buffer`, false)
	if string(res.Output) != `"undefined"` {
		t.Errorf("without modules: %s %+v", res.Output, res.Error)
	}
	res, _ = run(t, `const d = Object.getOwnPropertyDescriptor(globalThis, 'Buffer');
const before = [typeof d.get, d.enumerable];
const b = Buffer.from('aGk=', 'base64').toString();
const after = Object.getOwnPropertyDescriptor(globalThis, 'Buffer');
return [before, b, Buffer === require('buffer').Buffer, 'value' in after, after.writable, after.enumerable, Object.keys(globalThis).includes('Buffer')];`, true)
	if string(res.Output) != `[["function",false],"hi",true,true,true,false,false]` {
		t.Errorf("with modules: %s %+v", res.Output, res.Error)
	}
	res, _ = run(t, `Buffer = 5; return [Buffer, typeof require('buffer').Buffer]`, true)
	if string(res.Output) != `[5,"function"]` {
		t.Errorf("assigned first: %s %+v", res.Output, res.Error)
	}
}

// TestUtilAgreesWithConsole: util.inspect, util.format and console.log are
// one inspector: for each value, console.log prints what util.inspect
// returns, and util.inspect.defaultOptions changes both.
func TestUtilAgreesWithConsole(t *testing.T) {
	code := `const u = require('util');
class Point { constructor() { this.x = 1; } }
const circ = {name: 'c'}; circ.self = circ;
const values = [{a: [1, {b: new Map([[1, {deep: {er: 1}}]])}]}, new Point(), circ, [new Set(['s']), new Date(0), /re/g, 10n, -0],
  Array.from({length: 40}, (_, i) => i * 3), {s: 'line one of a longer text here\nline two of it goes on and on and on'},
  new Proxy({p: 1}, {}), Promise.resolve([1]), new Uint8Array(3), Object.create(null), function named() {}, Symbol('x'),
  {[u.inspect.custom]() { return 'CUSTOM'; }}, {get g() { throw new Error('getter ran'); }}];
const out = [];
for (const v of values) { console.log(v); out.push(u.inspect(v)); }
console.log('%s|%d|%o|%O', {a: 1}, 42, [1], {b: 2}); out.push(u.format('%s|%d|%o|%O', {a: 1}, 42, [1], {b: 2}));
console.log('x', {a: {b: {c: {d: 1}}}}, 3); out.push(u.format('x', {a: {b: {c: {d: 1}}}}, 3));
u.inspect.defaultOptions.depth = 0; u.inspect.defaultOptions.breakLength = Infinity;
console.log({a: {b: 1}}, [Array.from({length: 30}, (_, i) => i)]); out.push(u.format({a: {b: 1}}, [Array.from({length: 30}, (_, i) => i)]));
out.push(u.inspect({a: {b: 1}}));
return out;`
	res, logs := run(t, code, true)
	if res.Status != result.OK {
		t.Fatalf("%s: %+v", res.Status, res.Error)
	}
	var want []string
	if err := json.Unmarshal(res.Output, &want); err != nil {
		t.Fatal(err)
	}
	if len(logs) != len(want)-1 {
		t.Fatalf("%d lines logged, %d inspected", len(logs), len(want))
	}
	for i, l := range logs {
		if l != want[i] {
			t.Errorf("value %d: console.log printed\n%s\nutil.inspect returned\n%s", i, l, want[i])
		}
	}
	if got := want[len(want)-1]; got != "{ a: [Object] }" {
		t.Errorf("util.inspect with defaultOptions.depth 0 = %q", got)
	}
	if got := logs[len(logs)-1]; !strings.HasPrefix(got, "{ a: [Object] } [ [Array] ]") {
		t.Errorf("console.log with defaultOptions changed = %q", got)
	}
}

// TestInspectorUntouchedByUserCode: util.inspect, util.format and
// stripVTControlCharacters print the same after code replaced the built-ins
// they could have used and planted accessors on the prototypes. (Not the
// keys of a property descriptor on Object.prototype: goja builds the
// descriptors Object.getOwnPropertyDescriptor returns by assignment, so a
// setter planted there sees them, whoever asks.)
func TestInspectorUntouchedByUserCode(t *testing.T) {
	res, _ := run(t, `const u = require('util');
const o = {id: 1234567, name: 'multi\nline text that is long enough to be split over lines', tags: ['a', 'b'], n: null,
  nested: {m: new Map([['k', new Set([1n])]]), d: new Date(0), re: /x/g, get g() { return 5; }},
  list: Array.from({length: 30}, (_, i) => i * 1001), sym: Symbol('s'), [Symbol('k')]: 1.5};
const views = () => [u.inspect(o, {colors: true, numericSeparator: true, getters: true}), u.inspect(o, {compact: false, sorted: true, depth: Infinity}),
  u.inspect(o, {compact: true, breakLength: Infinity}), u.format('%s %d %o %O %j', 'x', 1234567, [1], o.nested, {a: 1}),
  u.formatWithOptions({colors: true}, o.tags, 5), u.stripVTControlCharacters(u.inspect(o, {colors: true}))];
const before = views();
const seen = new Map();
const note = (s) => { seen.set(seen.size + ' ' + s, true); };
const undo = new Map();
const save = (obj, k) => { const d = Object.getOwnPropertyDescriptor(obj, k); if (d) Object.setPrototypeOf(d, null); undo.set(undo.size, () => { if (d) Object.defineProperty(obj, k, d); else delete obj[k]; }); };
const plant = (proto, keys) => { for (const k of keys) { save(proto, k); Object.defineProperty(proto, k, Object.setPrototypeOf({ set(v) { note(String(k)); }, get() { note('get ' + String(k)); return undefined; }, configurable: true }, null)); } };
const replace = (obj, keys, fn) => { for (const k of keys) { save(obj, k); Object.defineProperty(obj, k, Object.setPrototypeOf({ value: fn(k), writable: true, configurable: true }, null)); } };
replace(String.prototype, ['repeat', 'slice', 'padStart', 'padEnd', 'indexOf', 'charCodeAt', 'replace', 'split', 'toUpperCase'], (k) => function () { note(k); return ''; });
replace(Array.prototype, ['join', 'push', 'sort', 'map', 'includes', 'forEach'], (k) => function () { note(k); return ''; });
replace(RegExp.prototype, ['exec'], () => function () { note('exec'); return null; });
replace(Object, ['keys'], () => () => { note('keys'); return []; });
replace(Math, ['max', 'min', 'sqrt', 'round', 'floor'], (k) => () => { note(k); return 0; });
replace(Symbol.prototype, ['toString'], () => () => 'hijacked');
replace(Map.prototype, ['forEach'], () => () => { note('Map forEach'); });
replace(Set.prototype, ['forEach'], () => () => { note('Set forEach'); });
replace(JSON, ['stringify'], () => () => 'hijacked');
const realApply = Reflect.apply;
replace(Reflect, ['apply'], () => () => { note('apply'); });
plant(RegExp.prototype, ['flags']);
plant(Array.prototype, ['0', '1', '2', '3']);
plant(Object.prototype, ['stylize', 'colors', 'depth', 'compact', 'ok', 'state', 'target', 'userOptions', 'showHidden', 'breakLength', 'maxArrayLength', 'handler']);
let after;
let failed; try { after = views(); } catch (e) { failed = e; } finally { for (let i = undo.size - 1; i >= 0; i--) undo.get(i)(); }
if (failed) return String(failed.stack);
const differ = before.map((b, i) => (b === after[i] ? '' : i + ':' + after[i] + '\nBEFORE\n' + b)).filter(Boolean);
return {differ, seen: [...seen.keys()]};`, true)
	if res.Status != result.OK {
		t.Fatalf("%s %+v", res.Status, res.Error)
	}
	if string(res.Output) != `{"differ":[],"seen":[]}` {
		t.Errorf("got %s", res.Output)
	}
}
