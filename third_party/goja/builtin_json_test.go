package goja

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestJSONMarshalObject(t *testing.T) {
	vm := New()
	o := vm.NewObject()
	o.Set("test", 42)
	o.Set("testfunc", vm.Get("Error"))
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"test":42}` {
		t.Fatalf("Unexpected value: %s", b)
	}
}

func TestJSONMarshalGoDate(t *testing.T) {
	vm := New()
	o := vm.NewObject()
	o.Set("test", time.Unix(86400, 0).UTC())
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"test":"1970-01-02T00:00:00Z"}` {
		t.Fatalf("Unexpected value: %s", b)
	}
}

func TestJSONMarshalObjectCircular(t *testing.T) {
	vm := New()
	o := vm.NewObject()
	o.Set("o", o)
	_, err := json.Marshal(o)
	if err == nil {
		t.Fatal("Expected error")
	}
	if !strings.HasSuffix(err.Error(), "Converting circular structure to JSON") {
		t.Fatalf("Unexpected error: %v", err)
	}
}

func TestJSONStringifyCircularWrappedGo(t *testing.T) {
	type CircularType struct {
		Self *CircularType
	}
	vm := New()
	v := CircularType{}
	v.Self = &v
	vm.Set("v", &v)
	_, err := vm.RunString("JSON.stringify(v)")
	if err == nil {
		t.Fatal("Expected error")
	}
	if !strings.HasPrefix(err.Error(), "TypeError: Converting circular structure to JSON") {
		t.Fatalf("Unexpected error: %v", err)
	}
}

func TestJSONParseReviver(t *testing.T) {
	// example from
	// https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/JSON/parse
	const SCRIPT = `
	JSON.parse('{"p": 5}', function(key, value) {
	  return typeof value === 'number'
        ? value * 2 // return value * 2 for numbers
	    : value     // return everything else unchanged
	 })["p"]
	`

	testScript(SCRIPT, intToValue(10), t)
}

func TestQuoteMalformedSurrogatePair(t *testing.T) {
	testScript(`JSON.stringify("\uD800")`, asciiString(`"\ud800"`), t)
}

func TestEOFWrapping(t *testing.T) {
	vm := New()

	_, err := vm.RunString("JSON.parse('{')")
	if err == nil {
		t.Fatal("Expected error")
	}

	if !strings.Contains(err.Error(), "Unexpected end of JSON input") {
		t.Fatalf("Error doesn't contain human-friendly wrapper: %v", err)
	}
}

type testMarshalJSONErrorStruct struct {
	e error
}

func (s *testMarshalJSONErrorStruct) MarshalJSON() ([]byte, error) {
	return nil, s.e
}

func TestMarshalJSONError(t *testing.T) {
	vm := New()
	v := testMarshalJSONErrorStruct{e: errors.New("test error")}
	vm.Set("v", &v)
	_, err := vm.RunString("JSON.stringify(v)")
	if !errors.Is(err, v.e) {
		t.Fatalf("Unexpected error: %v", err)
	}
}

func BenchmarkJSONStringify(b *testing.B) {
	b.StopTimer()
	vm := New()
	var createObj func(level int) *Object
	createObj = func(level int) *Object {
		o := vm.NewObject()
		o.Set("field1", "test")
		o.Set("field2", 42)
		if level > 0 {
			level--
			o.Set("obj1", createObj(level))
			o.Set("obj2", createObj(level))
		}
		return o
	}

	o := createObj(3)
	json := vm.Get("JSON").(*Object)
	stringify, _ := AssertFunction(json.Get("stringify"))
	b.StartTimer()
	for i := 0; i < b.N; i++ {
		stringify(nil, o)
	}
}

func TestStringifyJSON(t *testing.T) {
	vm := New()
	// The built-in's text, for values of every kind.
	for _, src := range []string{
		`({a: 1, b: [1, "x", null, undefined, () => 1], c: {d: "é\u2028\ud800"}, e: undefined})`,
		`[new Date(0), new Number(3), new String("s"), true, -0, NaN, Infinity]`,
		`({toJSON() { return {x: [1, 2]}; }})`,
		`"a \"quoted\" string"`,
		`42`,
	} {
		v, err := vm.RunString(src)
		if err != nil {
			t.Fatal(err)
		}
		want, err := vm.RunString(`JSON.stringify(` + src + `)`)
		if err != nil {
			t.Fatal(err)
		}
		for _, max := range []int{0, len(want.String()), 1 << 20} {
			s, ok, err := vm.StringifyJSON(v, max)
			if err != nil || !ok || s != want.String() {
				t.Errorf("%s (max %d): %q %v %v, want %q", src, max, s, ok, err, want)
			}
		}
		if max := len(want.String()) - 1; max > 0 {
			_, _, err := vm.StringifyJSON(v, max)
			var long *JSONTooLongError
			if !errors.As(err, &long) || long.Length <= max || long.Max != max {
				t.Errorf("%s (max %d): %v, want JSONTooLongError", src, max, err)
			}
		}
	}

	// No JSON form.
	for _, src := range []string{`undefined`, `(function () {})`, `Symbol()`} {
		v, _ := vm.RunString(src)
		if s, ok, err := vm.StringifyJSON(v, 100); ok || err != nil || s != "" {
			t.Errorf("%s: %q %v %v", src, s, ok, err)
		}
	}

	// The built-in's exceptions.
	for _, src := range []string{`(() => { const o = {}; o.o = o; return o; })()`, `({n: 1n})`, `({get x() { throw new RangeError("boom"); }})`} {
		v, _ := vm.RunString(src)
		var ex *Exception
		if _, _, err := vm.StringifyJSON(v, 1<<20); !errors.As(err, &ex) {
			t.Errorf("%s: %v, want an exception", src, err)
		}
	}

	// A text of gigabytes stops just over the maximum, and no getter
	// runs after that.
	v, _ := vm.RunString(`const a = []; a.length = 2 ** 32 - 1; a`)
	_, _, err := vm.StringifyJSON(v, 1000)
	var long *JSONTooLongError
	if !errors.As(err, &long) || long.Length <= 1000 || long.Length > 1010 {
		t.Errorf("a sparse array of 2**32-1: %v", err)
	}
	v, _ = vm.RunString(`var calls = 0; const g = []; for (let i = 0; i < 1000; i++) Object.defineProperty(g, i, {get() { calls++; return "0123456789"; }, enumerable: true}); g`)
	if _, _, err := vm.StringifyJSON(v, 100); !errors.As(err, &long) {
		t.Errorf("getters: %v", err)
	}
	if calls := vm.Get("calls").ToInteger(); calls > 10 {
		t.Errorf("%d getters ran for a maximum of 100 bytes", calls)
	}
	// A string over the maximum is refused before it is copied.
	v, _ = vm.RunString(`"x".repeat(1 << 20)`)
	if _, _, err := vm.StringifyJSON(v, 1000); !errors.As(err, &long) || long.Length != 1<<20+2 {
		t.Errorf("a long string: %v", err)
	}
	// A key over the maximum whose value is undefined is taken back: the
	// text is not over.
	v, _ = vm.RunString(`({["k".repeat(100)]: undefined, a: 1})`)
	if s, ok, err := vm.StringifyJSON(v, 10); err != nil || !ok || s != `{"a":1}` {
		t.Errorf("a long key, undefined: %q %v %v", s, ok, err)
	}

	// The script's JSON does not matter, and the runtime stays usable.
	if _, err := vm.RunString(`JSON.stringify = () => "replaced"`); err != nil {
		t.Fatal(err)
	}
	v, _ = vm.RunString(`[1, 2]`)
	if s, ok, err := vm.StringifyJSON(v, 0); err != nil || !ok || s != "[1,2]" {
		t.Errorf("after JSON.stringify was replaced: %q %v %v", s, ok, err)
	}

	// An interrupt during a toJSON is the error.
	v, _ = vm.RunString(`({toJSON() { for (;;) {} }})`)
	go func() {
		time.Sleep(50 * time.Millisecond)
		vm.Interrupt("stop")
	}()
	var ie *InterruptedError
	if _, _, err := vm.StringifyJSON(v, 0); !errors.As(err, &ie) {
		t.Errorf("interrupted: %v", err)
	}
	vm.ClearInterrupt()
	if v, err := vm.RunString(`1 + 1`); err != nil || v.ToInteger() != 2 {
		t.Errorf("after: %v %v", v, err)
	}
}
