package intl

import (
	"math"
	"strings"

	"github.com/dop251/goja"
)

// rangeError builds a RangeError object.
func rangeError(vm *goja.Runtime, msg string) *goja.Object {
	ctor, _ := goja.AssertConstructor(vm.Get("RangeError"))
	o, err := ctor(nil, vm.ToValue(msg))
	if err != nil {
		panic(err)
	}
	return o
}

// ThrowRangeError panics with a RangeError (goja turns it into a throw).
func ThrowRangeError(vm *goja.Runtime, msg string) {
	panic(rangeError(vm, msg))
}

// GetOptionsObject is the specification's operation: undefined is an empty
// object, an object is itself, anything else a TypeError.
func GetOptionsObject(vm *goja.Runtime, v goja.Value) *goja.Object {
	if v == nil || goja.IsUndefined(v) {
		return emptyOptions(vm)
	}
	if o, ok := v.(*goja.Object); ok {
		return o
	}
	panic(vm.NewTypeError("Options must be an object"))
}

// emptyOptions is the options object of undefined: with a null prototype
// (OrdinaryObjectCreate(null)), so that nothing user code put on
// Object.prototype is read as an option.
func emptyOptions(vm *goja.Runtime) *goja.Object {
	o := vm.NewObject()
	_ = o.SetPrototype(nil)
	return o
}

// CoerceOptionsToObject is the older operation most constructors use:
// undefined is an empty object, anything else ToObject.
func CoerceOptionsToObject(vm *goja.Runtime, v goja.Value) *goja.Object {
	if v == nil || goja.IsUndefined(v) {
		return emptyOptions(vm)
	}
	if goja.IsNull(v) {
		panic(vm.NewTypeError("Cannot convert undefined or null to object"))
	}
	return v.ToObject(vm)
}

// GetStringOption reads a string option: undefined gives fallback, any
// other value is converted with ToString and must be one of allowed (when
// allowed is non-empty), else a RangeError naming the option.
func GetStringOption(vm *goja.Runtime, opts *goja.Object, name string, allowed []string, fallback string) string {
	v := opts.Get(name)
	if v == nil || goja.IsUndefined(v) {
		return fallback
	}
	s := v.String()
	if len(allowed) > 0 {
		for _, a := range allowed {
			if a == s {
				return s
			}
		}
		ThrowRangeError(vm, "Value "+s+" out of range for Intl options property "+name)
	}
	return s
}

// GetBoolOption reads a boolean option; def is returned (with ok false)
// when it is undefined.
func GetBoolOption(vm *goja.Runtime, opts *goja.Object, name string) (value, ok bool) {
	v := opts.Get(name)
	if v == nil || goja.IsUndefined(v) {
		return false, false
	}
	return v.ToBoolean(), true
}

// GetNumberOption reads an integer option in [min, max]: undefined gives
// fallback (and ok false), NaN or out of range a RangeError.
func GetNumberOption(vm *goja.Runtime, opts *goja.Object, name string, min, max, fallback int) (int, bool) {
	return DefaultNumberOption(vm, opts.Get(name), min, max, fallback, name)
}

// DefaultNumberOption is the specification's operation.
func DefaultNumberOption(vm *goja.Runtime, v goja.Value, min, max, fallback int, name string) (int, bool) {
	if v == nil || goja.IsUndefined(v) {
		return fallback, false
	}
	f := v.ToFloat()
	if math.IsNaN(f) || f < float64(min) || f > float64(max) {
		ThrowRangeError(vm, name+" value is out of range.")
	}
	return int(math.Floor(f)), true
}

// unicodeType reports whether s is a valid Unicode extension type
// (alphanum{3,8} separated by hyphens), as options such as numberingSystem
// and calendar must be.
func unicodeType(s string) bool {
	if s == "" {
		return false
	}
	for _, p := range strings.Split(s, "-") {
		if len(p) < 3 || len(p) > 8 {
			return false
		}
		for _, c := range p {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}
