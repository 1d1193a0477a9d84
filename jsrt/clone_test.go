package jsrt

import (
	"testing"

	"codexec/result"
)

// structuredClone copies a "__proto__" key as the own property it is (it
// used to assign it, which set the clone's prototype: an object parsed from
// untrusted JSON came out of the clone inheriting what the JSON chose).
func TestStructuredCloneProtoKey(t *testing.T) {
	tests := []struct{ name, code, output string }{
		{"object", `const c = structuredClone(JSON.parse('{"__proto__": {"admin": true}, "a": 1}'));
			return [Object.keys(c), c.admin === true, Object.getPrototypeOf(c) === Object.prototype]`, `[["__proto__","a"],false,true]`},
		{"nested", `const c = structuredClone({x: JSON.parse('{"__proto__": [1]}')});
			return [Object.keys(c.x), Array.isArray(Object.getPrototypeOf(c.x))]`, `[["__proto__"],false]`},
		{"array with an own __proto__", `const a = [1, 2]; Object.defineProperty(a, '__proto__', {value: {p: 1}, enumerable: true});
			const c = structuredClone(a); return [c.length, c.p === 1, Object.keys(c)]`, `[2,false,["0","1","__proto__"]]`},
		{"setters are not run", `let ran = false; Object.defineProperty(Object.prototype, 'k', {set() { ran = true }, configurable: true});
			const c = structuredClone({k: 1}); delete Object.prototype.k; return [ran, c.k]`, `[false,1]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := runCode(t, tt.code)
			if res.Status != result.OK || string(res.Output) != tt.output {
				t.Fatalf("result = %s %s %+v, want %s", res.Status, res.Output, res.Error, tt.output)
			}
		})
	}
}
