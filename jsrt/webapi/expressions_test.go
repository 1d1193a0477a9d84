package webapi

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/dop251/goja"
)

// TestExpressionsMatchNode evaluates every expression of
// testdata/node_expressions.js and compares its value (or exception) with
// what Node 24 recorded in testdata/node_expressions.json.
func TestExpressionsMatchNode(t *testing.T) {
	b, err := os.ReadFile("testdata/node_expressions.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Src    string
		Value  json.RawMessage
		Throws *struct{ Name, Code, Message string }
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 100 {
		t.Fatalf("only %d expressions", len(cases))
	}
	for _, c := range cases {
		vm := newVM(t)
		eval, _ := goja.AssertFunction(run(t, vm, `(src) => {
			const rec = {};
			try {
				const v = (0, eval)('(' + src + ')');
				if (v && typeof v.then === 'function') {
					v.then((x) => { rec.value = x === undefined ? {undefined: true} : x }, (e) => { rec.throws = {name: e.name, code: e.code, message: e.message} });
					return rec;
				}
				rec.value = v === undefined ? {undefined: true} : v;
			} catch (e) {
				rec.throws = {name: e.name, code: e.code, message: e.message};
			}
			return rec;
		}`))
		rec, err := eval(goja.Undefined(), vm.ToValue(c.Src))
		if err != nil {
			t.Fatalf("%s: %v", c.Src, err)
		}
		// The promise jobs ran when the call returned.
		stringify, _ := goja.AssertFunction(vm.Get("JSON").ToObject(vm).Get("stringify"))
		js, err := stringify(goja.Undefined(), rec)
		if err != nil {
			t.Fatal(err)
		}
		out := []byte(js.String())
		var got struct {
			Value  any
			Throws *struct{ Name, Code, Message string }
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatal(err)
		}
		var want any
		if c.Value != nil {
			if err := json.Unmarshal(c.Value, &want); err != nil {
				t.Fatal(err)
			}
		}
		switch {
		case c.Throws != nil:
			if got.Throws == nil || *got.Throws != *c.Throws {
				t.Errorf("%s\n got %s\nNode throws %+v", c.Src, out, *c.Throws)
			}
		case got.Throws != nil:
			t.Errorf("%s\n threw %+v\nNode %s", c.Src, *got.Throws, c.Value)
		default:
			// JSON round trip on both sides: numbers as float64.
			gb, _ := json.Marshal(got.Value)
			if !reflect.DeepEqual(got.Value, want) {
				t.Errorf("%s\n got %s\nNode %s", c.Src, gb, c.Value)
			}
		}
	}
}
