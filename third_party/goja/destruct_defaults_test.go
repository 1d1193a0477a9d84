package goja

import "testing"

// Nested patterns with defaults, in every place a binding or assignment
// pattern goes. The expected values are what Node 24 gives for the same
// programs. An array pattern with element defaults nested under a default
// (` + "`{ geo: [lat = 0] = [] }`" + `) used to be "Invalid destructuring binding
// target" in declarations, parameters and for-of heads.
func TestNestedDestructuringDefaults(t *testing.T) {
	tests := []struct{ src, want string }{
		{`const f = ({ geo: [lat = 0, lng = 0] = [] }) => [lat, lng]; JSON.stringify([f({}), f({geo: [1]}), f({geo: [1, 2]})])`,
			`[[0,0],[1,0],[1,2]]`},
		{`const { geo: [lat = 0, lng = 0] = [] } = {}; JSON.stringify([lat, lng])`,
			`[0,0]`},
		{`let { geo: [a1 = 1, b1 = 2] = [7] } = {}; JSON.stringify([a1, b1])`,
			`[7,2]`},
		{`var { p: { q: [r = 3] = [] } = {} } = {}; JSON.stringify(r)`,
			`3`},
		{`const { a: [, b = 3] = [] } = {}; JSON.stringify(b)`,
			`3`},
		{`const { a: [...r] = [1, 2] } = {}; JSON.stringify(r)`,
			`[1,2]`},
		{`const { a: [[y = 4] = []] = [] } = {}; JSON.stringify(y)`,
			`4`},
		{`const { a: [{ b = 5 } = {}] = [] } = {}; JSON.stringify(b)`,
			`5`},
		{`const { a: [{ b: [c = 6] = [] } = {}] = [] } = {}; JSON.stringify(c)`,
			`6`},
		{`const [{ a: [b = 1] = [] } = {}] = []; JSON.stringify(b)`,
			`1`},
		{`const [x, [y = 2, ...z] = []] = [1]; JSON.stringify([x, y, z])`,
			`[1,2,[]]`},
		{`const { a: [b = 1] = [], ...rest } = { c: 2, d: 3 }; JSON.stringify([b, rest])`,
			`[1,{"c":2,"d":3}]`},
		{`const { ["k" + 1]: [v = 9] = [] } = {}; JSON.stringify(v)`,
			`9`},
		{`const { a: [b = (() => 10)()] = [] } = {}; JSON.stringify(b)`,
			`10`},
		{`const { a: [b = 1, c = b + 1] = [] } = {}; JSON.stringify([b, c])`,
			`[1,2]`},
		{`const { a: [b = 1] = [] } = { a: [null] }; JSON.stringify(b)`,
			`null`},
		{`const { a: [b = 1] = [] } = { a: [undefined] }; JSON.stringify(b)`,
			`1`},
		{`function g({ a: { b = 1 } = {}, c: [d = 2] = [] } = {}) { return [b, d] }; JSON.stringify([g(), g({ c: [5] })])`,
			`[[1,2],[1,5]]`},
		{`function h([a = 1, [b = 2] = []] = []) { return a + b }; JSON.stringify(h())`,
			`3`},
		{`const k = async ({ opts: [first = 'x'] = [] }) => first; 'async ok'`,
			`async ok`},
		{`const m = { f({ a: [b = 1] = [] }) { return b } }; JSON.stringify(m.f({}))`,
			`1`},
		{`class C { constructor({ a: [b = 1] = [] } = {}) { this.b = b } }; JSON.stringify(new C().b)`,
			`1`},
		{`const out = []; for (const { p: [q = 2] = [] } of [{}, { p: [7] }]) out.push(q); JSON.stringify(out)`,
			`[2,7]`},
		{`const out = []; for (let { p: { q: [r = 1] = [] } = {} } of [{}]) out.push(r); JSON.stringify(out)`,
			`[1]`},
		{`const out = []; for (const [k, { v: [w = 0] = [] } = {}] of Object.entries({ a: {}, b: { v: [3] } })) out.push(k + w); JSON.stringify(out)`,
			`["a0","b3"]`},
		{`const out = []; for (const { a: [b = 1] = [] } in { x: 1 }) out.push(b); JSON.stringify(out)`,
			`[1]`},
		{`let r; try { throw {} } catch ({ e: [f = 5] = [] }) { r = f }; JSON.stringify(r)`,
			`5`},
		{`let r; try { throw { e: [undefined, 2] } } catch ({ e: [f = 5, g = 6] = [] }) { r = [f, g] }; JSON.stringify(r)`,
			`[5,2]`},
		{`let a, b; ({ x: [a = 1] = [], y: { b = 2 } = {} } = {}); JSON.stringify([a, b])`,
			`[1,2]`},
		{`let a, b; [{ a = 3 } = {}, [b = 4] = []] = []; JSON.stringify([a, b])`,
			`[3,4]`},
		{`const o = {}; ({ x: [o.p = 1] = [] } = {}); JSON.stringify(o)`,
			`{"p":1}`},
		{`let a; for ({ x: [a = 1] = [] } of [{}]) ; JSON.stringify(a)`,
			`1`},
		{`const [{ x: [a = 1] = [] } = {}] = [{ x: [2] }]; JSON.stringify(a)`,
			`2`},
		{`const { a: { b: { c: [d = 'deep'] = [] } = {} } = {} } = {}; JSON.stringify(d)`,
			`"deep"`},
		{`const items = [{ id: 1, tags: ['a'] }, { id: 2 }]; JSON.stringify(items.map(({ id, tags: [first = 'none'] = [] }) => id + first))`,
			`["1a","2none"]`},
		{`const { data: { rows: [{ name = 'n/a' } = {}] = [] } = {} } = { data: { rows: [] } }; JSON.stringify(name)`,
			`"n/a"`},
	}
	for _, tt := range tests {
		vm := New()
		v, err := vm.RunString(tt.src)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if got := v.String(); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestNestedDestructuringBindingTargets(t *testing.T) {
	// A binding pattern binds names only, however deep.
	for _, src := range []string{
		"const [a.b] = [1]",
		"const [[a.b]] = [[1]]",
		"const {x: [a.b] = []} = {}",
		"let {x: [a.b = 1] = []} = {}",
		"for (const {p: [q.r = 2] = []} of []) ;",
		"(({a: [b.c = 1] = []}) => 0)",
	} {
		if _, err := Compile("", src, false); err == nil {
			t.Errorf("%s: compiled, want a syntax error", src)
		}
	}
}
