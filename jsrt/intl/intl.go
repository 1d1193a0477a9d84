package intl

import (
	"fmt"
	"sort"

	"github.com/dop251/goja"
)

// installer adds one Intl service (a constructor on the Intl object, the
// built-in methods that use it) to a runtime.
type installer struct {
	order int // lower first; services that others build on come first
	name  string
	fn    func(vm *goja.Runtime, intl *goja.Object) error
}

var installers []installer

// register adds a service; each service file calls it from init.
func register(order int, name string, fn func(vm *goja.Runtime, intl *goja.Object) error) {
	installers = append(installers, installer{order, name, fn})
	sort.SliceStable(installers, func(i, j int) bool { return installers[i].order < installers[j].order })
}

// Install defines the global Intl object (writable, configurable, not
// enumerable, as in Node) with every registered service.
func Install(vm *goja.Runtime) error {
	intl := vm.NewObject()
	if err := intl.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	for _, in := range installers {
		if err := in.fn(vm, intl); err != nil {
			return fmt.Errorf("intl: %s: %w", in.name, err)
		}
	}
	return vm.GlobalObject().DefineDataProperty("Intl", intl, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// defineMethod puts a non-enumerable method on o, as built-in methods are.
func defineMethod(vm *goja.Runtime, o *goja.Object, name string, length int, fn func(goja.FunctionCall) goja.Value) error {
	f := vm.ToValue(fn).ToObject(vm)
	setNameLength(vm, f, name, length)
	return o.DefineDataProperty(name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// setNameLength gives a native function the name and length a built-in of
// that name has.
func setNameLength(vm *goja.Runtime, f *goja.Object, name string, length int) {
	_ = f.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = f.DefineDataProperty("length", vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}
