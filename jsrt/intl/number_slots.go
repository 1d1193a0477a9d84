package intl

import (
	"github.com/dop251/goja"
)

// makeClass creates an Intl constructor and its prototype on the Intl
// object. construct fills a new instance (this, with the prototype of
// new.target); when callable, calling without new makes an instance too
// (NumberFormat, DateTimeFormat), else it is a TypeError.
func makeClass(vm *goja.Runtime, intlObj *goja.Object, name string, length int, callable bool,
	construct func(this *goja.Object, args []goja.Value)) (ctor, proto *goja.Object) {
	// goja does not tell a native constructor whether it was called with
	// new: new (and super()) give a fresh object inheriting from the
	// prototype; a plain call gives its receiver (Intl, for
	// Intl.PluralRules()), which does not.
	ctor = vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		this := call.This
		if !inherits(this, proto) || constructed(this) {
			if !callable {
				panic(vm.NewTypeError("Constructor Intl." + name + " requires 'new'"))
			}
			this = vm.NewObject()
			_ = this.SetPrototype(proto)
		}
		construct(this, call.Arguments)
		return this
	}).(*goja.Object)
	setNameLength(vm, ctor, name, length)
	// goja made the prototype, with its constructor property; a built-in's
	// prototype property is not writable. (DefineDataProperty's flags are
	// writable, configurable, enumerable.)
	proto = ctor.Get("prototype").(*goja.Object)
	_ = ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	_ = proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl."+name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = intlObj.DefineDataProperty(name, ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return ctor, proto
}

// inherits reports whether proto is on o's prototype chain.
func inherits(o, proto *goja.Object) bool {
	for p := o.Prototype(); p != nil; p = p.Prototype() {
		if p == proto {
			return true
		}
	}
	return false
}

// constructed reports whether o already is an Intl object of this package.
func constructed(o *goja.Object) bool {
	return numberFormats.has(o) || pluralRulesSlots.has(o) ||
		relativeTimeSlots.has(o) || listFormatSlots.has(o)
}

// defineSupportedLocalesOf adds the static supportedLocalesOf.
func defineSupportedLocalesOf(vm *goja.Runtime, ctor *goja.Object) error {
	return defineMethod(vm, ctor, "supportedLocalesOf", 1, func(call goja.FunctionCall) goja.Value {
		req := CanonicalizeLocaleList(vm, call.Argument(0))
		opts := CoerceOptionsToObject(vm, call.Argument(1))
		GetStringOption(vm, opts, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
		return vm.ToValue(SupportedLocales(req))
	})
}

// newPlainObject is an ordinary object with properties defined in order
// (never through setters user code may have planted on Object.prototype).
func newPlainObject(vm *goja.Runtime, kv ...any) *goja.Object {
	o := vm.NewObject()
	for i := 0; i+1 < len(kv); i += 2 {
		_ = o.DefineDataProperty(kv[i].(string), vm.ToValue(kv[i+1]), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	return o
}

// newArray builds an array by defining its elements.
func newArray(vm *goja.Runtime, items []goja.Value) *goja.Object {
	a := vm.NewArray()
	for i, it := range items {
		_ = a.DefineDataProperty(itoa(i), it, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	return a
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// numPartsArray is formatToParts' result: [{type, value[, unit/source]}].
func numPartsArray(vm *goja.Runtime, ps []part, extraKey, extraVal string) *goja.Object {
	items := make([]goja.Value, len(ps))
	for i, p := range ps {
		kv := []any{"type", p.typ, "value", p.val}
		if p.src != "" {
			kv = append(kv, "source", p.src)
		}
		if extraKey != "" && p.typ != "literal" {
			kv = append(kv, extraKey, extraVal)
		}
		items[i] = newPlainObject(vm, kv...)
	}
	return newArray(vm, items)
}
