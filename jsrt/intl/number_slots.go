package intl

import (
	"runtime"
	"sync"
	"weak"

	"github.com/dop251/goja"
)

// slots holds the internal slots of the objects an Intl constructor made:
// a Go value per JavaScript object, found by the object's identity, so
// that instances stay ordinary objects (no own properties, extensible,
// freezable) and a receiver of the wrong kind is recognised. Entries go
// away with their object (weak keys, removed by a cleanup).
type slots[T any] struct {
	mu sync.Mutex
	m  map[weak.Pointer[goja.Object]]*T
}

func (s *slots[T]) set(o *goja.Object, v *T) {
	k := weak.Make(o)
	s.mu.Lock()
	if s.m == nil {
		s.m = map[weak.Pointer[goja.Object]]*T{}
	}
	s.m[k] = v
	s.mu.Unlock()
	runtime.AddCleanup(o, func(k weak.Pointer[goja.Object]) {
		s.mu.Lock()
		delete(s.m, k)
		s.mu.Unlock()
	}, k)
}

func (s *slots[T]) get(v goja.Value) *T {
	o, ok := v.(*goja.Object)
	if !ok || o == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[weak.Make(o)]
}

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
	return numberFormats.get(o) != nil || pluralRulesSlots.get(o) != nil ||
		relativeTimeSlots.get(o) != nil || listFormatSlots.get(o) != nil
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
