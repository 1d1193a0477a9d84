package intl

import (
	"runtime"
	"sync"
	"weak"

	"github.com/dop251/goja"
)

// internalSlots holds the internal slots of the objects one Intl constructor made
// (an Intl.Collator's collator, an Intl.Locale's tag, …), out of reach of
// the script: no property, no symbol. An entry goes when its object is
// collected.
type internalSlots[T any] struct {
	mu sync.Mutex
	m  map[weak.Pointer[goja.Object]]*T
}

// set attaches v to o.
func (s *internalSlots[T]) set(o *goja.Object, v *T) {
	wp := weak.Make(o)
	s.mu.Lock()
	if s.m == nil {
		s.m = map[weak.Pointer[goja.Object]]*T{}
	}
	s.m[wp] = v
	s.mu.Unlock()
	runtime.AddCleanup(o, func(wp weak.Pointer[goja.Object]) {
		s.mu.Lock()
		delete(s.m, wp)
		s.mu.Unlock()
	}, wp)
}

// get returns the slots of v, if v is an object this constructor made.
func (s *internalSlots[T]) get(v goja.Value) (*T, bool) {
	o, ok := v.(*goja.Object)
	if !ok || o == nil {
		return nil, false
	}
	s.mu.Lock()
	t, ok := s.m[weak.Make(o)]
	s.mu.Unlock()
	return t, ok
}

// has reports whether v is an object this constructor made.
func (s *internalSlots[T]) has(v goja.Value) bool {
	_, ok := s.get(v)
	return ok
}

// thisSlots returns the slots of a method's receiver, or throws Node's
// TypeError for an incompatible receiver.
func thisSlots[T any](vm *goja.Runtime, s *internalSlots[T], this goja.Value, method string) *T {
	return receiverSlots(vm, s, this, method, func(v goja.Value) string { return describeReceiver(vm, v) })
}

// receiverSlots is thisSlots with the receiver named in the message by
// describe.
func receiverSlots[T any](vm *goja.Runtime, s *internalSlots[T], this goja.Value, method string, describe func(goja.Value) string) *T {
	if t, ok := s.get(this); ok {
		return t
	}
	panic(vm.NewTypeError("Method " + method + " called on incompatible receiver " + describe(this)))
}

// describeReceiver describes a value as V8's messages do, without running
// any of the script's code (no getter is read).
func describeReceiver(vm *goja.Runtime, v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if _, ok := v.(*goja.Object); ok {
		return "#<Object>"
	}
	return v.String()
}

// isNew reports whether a native constructor runs for new (or super):
// goja gives no new.target for a plain new, but then the receiver is the
// fresh object made from the constructor's prototype. A call as a
// function (Intl.Locale("en")) has another receiver.
func isNew[T any](call goja.ConstructorCall, proto *goja.Object, s *internalSlots[T]) bool {
	if call.NewTarget != nil {
		return true
	}
	if call.This == nil || call.This.Prototype() != proto {
		return false
	}
	_, done := s.get(call.This)
	return !done
}

// ctorPrototype returns a native constructor's prototype object, making
// the property read-only as a built-in constructor's is (goja leaves it
// writable).
func ctorPrototype(vm *goja.Runtime, ctor *goja.Object) *goja.Object {
	proto := ctor.Get("prototype").ToObject(vm)
	_ = ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	return proto
}
