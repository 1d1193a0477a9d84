package intl

import (
	"fmt"

	"github.com/dop251/goja"
)

// installer adds one Intl service (a constructor or function on the Intl
// object) to a runtime's Intl object.
type installer struct {
	name string
	fn   func(vm *goja.Runtime, intl *goja.Object) error
}

// installers are the services, in the order they are installed (services
// that others build on first).
// The list is static: nothing runs at start-up to make it.
var installers = []installer{
	{"getCanonicalLocales", installGetCanonicalLocales},
	{"Locale", installLocale},
	{"Collator", installCollator},
	{"DisplayNames", installDisplayNames},
	{"NumberFormat", installNumberFormat},
	{"PluralRules", installPluralRules},
	{"RelativeTimeFormat", installRelativeTimeFormat},
	{"ListFormat", installListFormat},
	{"DateTimeFormat", installDateTimeFormat},
	{"supportedValuesOf", installSupportedValuesOf},
	{"Segmenter", installSegmenter},
}

// Install defines the global Intl (writable, configurable, not enumerable,
// as in Node) and the locale-aware methods of the built-ins
// (String.prototype.localeCompare, Number, BigInt, Array and Date's
// toLocaleString and Date's toLocaleDateString and toLocaleTimeString).
//
// Those methods are defined now, from the intrinsics, and build what they
// need on first call. The Intl object, with every registered service, is
// built the first time the global is read: until then Intl is an accessor
// whose getter builds the object and redefines Intl as the data property
// Node has, and whose setter (an assignment before any read) defines that
// data property with the value assigned.
func Install(vm *goja.Runtime) error {
	if err := installLocaleCompare(vm); err != nil {
		return fmt.Errorf("intl: localeCompare: %w", err)
	}
	if err := installToLocaleString(vm); err != nil {
		return fmt.Errorf("intl: toLocaleString: %w", err)
	}
	if err := installDateLocaleMethods(vm); err != nil {
		return fmt.Errorf("intl: Date locale methods: %w", err)
	}
	global := vm.GlobalObject()
	settle := func(v goja.Value) {
		if err := global.DefineDataProperty("Intl", v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			panic(err)
		}
	}
	// One native function is both getter (no argument) and setter (one).
	f := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		if call.This != global {
			panic(vm.NewTypeError("Illegal invocation"))
		}
		if len(call.Arguments) > 0 {
			settle(call.Arguments[0])
			return goja.Undefined()
		}
		intl, err := newIntl(vm)
		if err != nil {
			panic(vm.NewGoError(err))
		}
		settle(intl)
		return intl
	})
	return global.DefineAccessorProperty("Intl", f, f, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// newIntl builds an Intl object with every registered service.
func newIntl(vm *goja.Runtime) (*goja.Object, error) {
	intl := vm.NewObject()
	if err := intl.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return nil, err
	}
	for _, in := range installers {
		if err := in.fn(vm, intl); err != nil {
			return nil, fmt.Errorf("intl: %s: %w", in.name, err)
		}
	}
	return intl, nil
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
