package intl

import (
	"testing"

	"github.com/dop251/goja"
)

// TestIntlGlobalIsLazy checks that the global Intl, built on first read,
// is then the data property Node has, the same object on every read.
func TestIntlGlobalIsLazy(t *testing.T) {
	vm := newVM(t)
	d := vm.GlobalObject().Get("Intl") // the first read builds it
	if _, ok := d.(*goja.Object); !ok {
		t.Fatalf("Intl = %v", d)
	}
	// In order (the last cases change Intl).
	for _, c := range []struct {
		src  string
		want any
	}{
		{`JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, "Intl"), (k, v) => k === "value" ? typeof v : v)`, `{"value":"object","writable":true,"enumerable":false,"configurable":true}`},
		{`Intl === globalThis.Intl && Intl === Intl`, true},
		{`Object.prototype.toString.call(Intl)`, "[object Intl]"},
		{`Object.keys(globalThis).includes("Intl")`, false},
		{`Object.getOwnPropertyNames(Intl).join()`, "getCanonicalLocales,Locale,Collator,DisplayNames,NumberFormat,PluralRules,RelativeTimeFormat,ListFormat,DateTimeFormat,supportedValuesOf,Segmenter"},
		{`new Intl.NumberFormat("de").format(1234.5)`, "1.234,5"},
		{`Intl.foo = 1; Object.getOwnPropertyDescriptor(globalThis, "Intl").value.foo`, int64(1)},
		{`Intl = 5; JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, "Intl"))`, `{"value":5,"writable":true,"enumerable":false,"configurable":true}`},
		{`(1234.5).toLocaleString("de") + " " + "a".localeCompare("b")`, "1.234,5 -1"},
	} {
		if got := evalJS(t, vm, c.src); got != c.want {
			t.Errorf("%s = %#v, want %#v", c.src, got, c.want)
		}
	}
}

// TestIntlBeforeFirstRead checks what a program can do to Intl before it
// has read it: assign it, delete it, or replace the built-ins the Intl
// object is made from, and that the built-ins' locale methods need no Intl.
func TestIntlBeforeFirstRead(t *testing.T) {
	for _, c := range []struct {
		src  string
		want any
	}{
		{`Intl = 5; JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, "Intl"))`, `{"value":5,"writable":true,"enumerable":false,"configurable":true}`},
		{`"use strict"; Intl = 6; Intl`, int64(6)},
		{`delete globalThis.Intl; typeof Intl + " " + ("Intl" in globalThis)`, "undefined false"},
		{`delete globalThis.Intl; (1234.5).toLocaleString("de") + " " + "ä".localeCompare("b", "de") + " " + [1e3].toLocaleString("en") + " " + (12n).toLocaleString()`, "1.234,5 -1 1,000 12"},
		{`delete globalThis.Intl; new Date(0).toLocaleString("en-US", {timeZone: "UTC"})`, "1/1/1970, 12:00:00 AM"},
		{`String = Number = Date = Array = Object = null; typeof Intl.Collator + new Intl.DateTimeFormat("en", {timeZone: "UTC"}).format(0)`, "function1/1/1970"},
		{`Object.defineProperty(globalThis, "Intl", {value: 1, writable: false}); Intl`, int64(1)},
		{`let n = 0; for (const k in globalThis) if (k === "Intl") n++; n`, int64(0)},
		{`typeof Intl`, "object"},
	} {
		vm := newVM(t)
		if got := evalJS(t, vm, c.src); got != c.want {
			t.Errorf("%s = %#v, want %#v", c.src, got, c.want)
		}
	}
}

// TestIntlGetterReceiver checks that the accessor, taken off the global
// before the first read, only serves the global.
func TestIntlGetterReceiver(t *testing.T) {
	vm := newVM(t)
	_, err := vm.RunString(`Object.getOwnPropertyDescriptor(globalThis, "Intl").get.call({})`)
	if ex, ok := err.(*goja.Exception); !ok || ex.Value().ToObject(vm).Get("name").String() != "TypeError" {
		t.Fatalf("got %v, want a TypeError", err)
	}
}

// BenchmarkIntlBuild is the first read of Intl: the object with every
// service, made on first use.
func BenchmarkIntlBuild(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		vm := newVM(b)
		b.StartTimer()
		if _, err := vm.RunString("Intl"); err != nil {
			b.Fatal(err)
		}
	}
}
