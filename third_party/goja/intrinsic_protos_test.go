package goja

import "testing"

func TestIntrinsicPrototypes(t *testing.T) {
	vm := New()
	v, err := vm.RunString(`[Object.getPrototypeOf(async function () {}), Object.getPrototypeOf(function* () {}),
		Object.getPrototypeOf(new Map().entries()), Object.getPrototypeOf(new Set().values())]`)
	if err != nil {
		t.Fatal(err)
	}
	o := v.ToObject(vm)
	for i, p := range []*Object{vm.AsyncFunctionPrototype(), vm.GeneratorFunctionPrototype(), vm.MapIteratorPrototype(), vm.SetIteratorPrototype()} {
		if !o.Get(string(rune('0' + i))).StrictEquals(p) {
			t.Errorf("prototype %d differs from the one the script reaches", i)
		}
	}
	// Asked for first, then reached by a script: the same objects.
	vm = New()
	a, g := vm.AsyncFunctionPrototype(), vm.GeneratorFunctionPrototype()
	v, err = vm.RunString(`[Object.getPrototypeOf(async function () {}), Object.getPrototypeOf(function* () {})]`)
	if err != nil {
		t.Fatal(err)
	}
	if o := v.ToObject(vm); !o.Get("0").StrictEquals(a) || !o.Get("1").StrictEquals(g) {
		t.Error("prototypes asked for before a script differ from the script's")
	}
}
