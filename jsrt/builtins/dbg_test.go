package builtins_test

import "testing"

func TestDbg(t *testing.T) {
	for _, c := range []string{
		`const o = {a:1}; const w = new WeakRef(o); return String(w.deref() === o)`,
		`const o = {a:1}; const w = new WeakRef(o); return String(w instanceof WeakRef)`,
		`return String([].values() instanceof Iterator)`,
		`class R extends WeakRef { constructor(t) { super(t); this.extra = 1; } }; return String(new R({}).extra)`,
	} {
		t.Log(runString(t, `try { `+c+` } catch (e) { return e.stack }`))
	}
}
