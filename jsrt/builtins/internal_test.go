package builtins

import (
	"testing"
	"time"

	"github.com/dop251/goja"
)

// TestInstallCompilesNothing: Install only creates native functions; each
// JavaScript group is compiled on the first call of one of its functions,
// once.
func TestInstallCompilesNothing(t *testing.T) {
	vm := goja.New()
	e, err := install(vm)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.groups) != 0 {
		t.Fatalf("groups compiled at Install: %v", e.groups)
	}
	// The consuming helpers and the Go built-ins compile nothing.
	if _, err := vm.RunString(`[1, 2].values().toArray(); new Set([1]).values().reduce((a, b) => a + b, 0);
		new Map([[1, 2]]).keys().some((x) => x); Promise.withResolvers(); 'a'.isWellFormed(); RegExp.escape('a');
		new WeakRef({}).deref(); new FinalizationRegistry(() => {}).register({}, 1)`); err != nil {
		t.Fatal(err)
	}
	if len(e.groups) != 0 {
		t.Fatalf("groups compiled by Go built-ins: %v", e.groups)
	}
	if _, err := vm.RunString(`Object.groupBy([1], (x) => x); Map.groupBy([1], (x) => x)`); err != nil {
		t.Fatal(err)
	}
	if len(e.groups) != 1 || e.groups["groupby"] == nil {
		t.Fatalf("after groupBy: %v", e.groups)
	}
	if _, err := vm.RunString(`[1].values().map((x) => x).toArray(); Iterator.from([1]).toArray()`); err != nil {
		t.Fatal(err)
	}
	if len(e.groups) != 2 || e.groups["iterator"] == nil {
		t.Fatalf("after the helpers: %v", e.groups)
	}
	// The constructors and prototypes are all there before any compile.
	for _, name := range []string{"Iterator", "WeakRef", "FinalizationRegistry", "DisposableStack", "AsyncDisposableStack", "SuppressedError"} {
		if v := vm.Get(name); v == nil || goja.IsUndefined(v) {
			t.Errorf("%s missing", name)
		}
	}
}

// TestEveryGroupCompiles compiles every JavaScript group with the
// intrinsics and checks that each function a stub names exists.
func TestEveryGroupCompiles(t *testing.T) {
	vm := goja.New()
	e, err := install(vm)
	if err != nil {
		t.Fatal(err)
	}
	exports := map[string][]string{
		"groupby":   {"objectGroupBy", "mapGroupBy"},
		"iterator":  {"from", "map", "filter", "take", "drop", "flatMap"},
		"fromasync": {"fromAsync"},
		"legacy":    {"__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "getYear", "setYear"},
		"dispose": {"init", "syncAdopt", "syncDefer", "syncUse", "syncMove", "syncDisposed", "dispose",
			"asyncAdopt", "asyncDefer", "asyncUse", "asyncMove", "asyncDisposed", "disposeAsync"},
	}
	for group, names := range exports {
		ex := e.load(group)
		for _, n := range names {
			if _, ok := goja.AssertFunction(ex.Get(n)); !ok {
				t.Errorf("%s.js: %s is not a function", group, n)
			}
		}
	}
}

// TestInterruptThroughStubs: an interrupt (the job's deadline) raised in a
// callback a built-in called is not catchable by the JavaScript around it
// and ends the run, through both the lazy stubs and the Go built-ins.
func TestInterruptThroughStubs(t *testing.T) {
	for _, code := range []string{
		`try { Object.groupBy([1], () => { for (;;) {} }) } catch (e) {} 'caught'`,
		`try { [1].values().map(() => { for (;;) {} }).next() } catch (e) {} 'caught'`,
		`try { Promise.try(() => { for (;;) {} }) } catch (e) {} 'caught'`,
		`try { [1].values().forEach(() => { for (;;) {} }) } catch (e) {} 'caught'`,
		`const it = { __proto__: Iterator.prototype, next() { return { done: false } }, return() { for (;;) {} } };
		 try { it.some(() => { throw 1 }) } catch (e) {} 'caught'`,
	} {
		vm := goja.New()
		if _, err := install(vm); err != nil {
			t.Fatal(err)
		}
		timer := time.AfterFunc(50*time.Millisecond, func() { vm.Interrupt("deadline") })
		v, err := vm.RunString(code)
		timer.Stop()
		if _, ok := err.(*goja.InterruptedError); !ok {
			t.Errorf("%s: got %v, %v; want an interrupt", code, v, err)
		}
	}
}
