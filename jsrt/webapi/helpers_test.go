package webapi

import (
	"testing"

	"github.com/dop251/goja"
)

// newVM is a goja runtime with the web globals, as jsrt sets it up.
func newVM(t testing.TB) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	if _, err := Install(vm, Host{}); err != nil {
		t.Fatal(err)
	}
	return vm
}

// run evaluates src and returns its value exported, failing the test on
// an exception.
func run(t testing.TB, vm *goja.Runtime, src string) goja.Value {
	t.Helper()
	v, err := vm.RunString(src)
	if err != nil {
		t.Fatalf("%s\n=> %v", src, err)
	}
	return v
}
