// Package webapi adds the web platform globals agent code reaches for
// (URL, URLSearchParams, TextEncoder, TextDecoder, crypto, performance,
// DOMException, EventTarget, Event, CustomEvent, AbortController,
// AbortSignal, Blob), built
// lazily: a program that uses none of them pays for none of them.
//
// Install defines each global as an accessor pair on the global object; the
// first read builds the real value (constructor, prototype, methods), and
// turns the global into the ordinary data property Node has (writable,
// configurable, not enumerable). An assignment before any read replaces it
// without building anything. Everything is Go-native: no JavaScript is
// compiled, and no method looks anything up through objects user code can
// change.
package webapi

import (
	"errors"
	"math/rand/v2"
	"runtime"
	"sync"
	"time"
	"weak"

	"github.com/dop251/goja"
)

// Host is what the runtime lends the web globals.
type Host struct {
	// SetTimeout schedules fn after d on the runtime's event loop and
	// returns a function that cancels it. An unref'd timer, like Node's
	// AbortSignal.timeout, does not keep the job alive by itself. Nil:
	// AbortSignal.timeout throws NotSupportedError.
	SetTimeout func(fn func(), d time.Duration, unref bool) (cancel func())
	// ReportError reports an exception nobody can catch (one thrown by an
	// event listener), as Node's uncaught exceptions are. Nil: it is thrown
	// from the call that dispatched the event.
	ReportError func(v goja.Value)
}

// web is the per-runtime state of the web globals.
type web struct {
	vm    *goja.Runtime
	host  Host
	start time.Time // performance.now()'s zero
	rng   *rand.ChaCha8

	// Intrinsics captured at Install, before any user code ran.
	objectProto, errorCtor, typeErrorCtor, rangeErrorCtor *goja.Object
	uint8ArrayCtor, arrayBufferCtor                       *goja.Object
	structuredClone                                       goja.Value        // the runtime's, if any
	arrayValues                                           goja.Callable     // Array.prototype[Symbol.iterator]
	iteratorProto                                         *goja.Object      // made on first use
	buf                                                   *bufferIntrinsics // made on first use

	// The Go state behind each object the globals created, by identity;
	// an entry goes when its object is collected.
	mu     sync.Mutex
	states map[weak.Pointer[goja.Object]]any

	// Classes, built on first use.
	domException, url, searchParams, searchParamsIter *class
	textEncoder, textDecoder                          *class
	eventTarget, event, abortController, abortSignal  *class
	customEvent, blob                                 *class
	cryptoObj, performanceObj                         *goja.Object
	subtle                                            *goja.Object
}

// Globals is the handle Install returns to the runtime.
type Globals struct{ w *web }

// Install adds the web globals to vm. It runs before any user code.
func Install(vm *goja.Runtime, host Host) (*Globals, error) {
	w := &web{vm: vm, host: host, start: time.Now(), states: map[weak.Pointer[goja.Object]]any{}}
	// The runner cannot make the getrandom system call once locked down
	// (seccomp), so the CSPRNG behind crypto.getRandomValues and
	// randomUUID is seeded now, from the kernel, while it still can.
	seed, err := systemSeed()
	if err != nil {
		return nil, err
	}
	w.rng = rand.NewChaCha8(seed)

	get := func(name string) *goja.Object { return vm.Get(name).ToObject(vm) }
	w.objectProto = get("Object").Get("prototype").ToObject(vm)
	w.errorCtor = get("Error")
	w.typeErrorCtor = get("TypeError")
	w.rangeErrorCtor = get("RangeError")
	w.uint8ArrayCtor = get("Uint8Array")
	w.structuredClone = vm.Get("structuredClone")
	w.arrayBufferCtor = get("ArrayBuffer")
	// Array.prototype[Symbol.iterator], to reach %IteratorPrototype% when
	// the first iterator is made.
	var ok bool
	if w.arrayValues, ok = goja.AssertFunction(get("Array").Get("prototype").ToObject(vm).GetSymbol(goja.SymIterator)); !ok {
		return nil, errNotFunction("Array.prototype[Symbol.iterator]")
	}

	global := vm.GlobalObject()
	for _, g := range []struct {
		name string
		make func() goja.Value
	}{
		{"URL", func() goja.Value { return w.urlClass().ctor }},
		{"URLSearchParams", func() goja.Value { return w.searchParamsClass().ctor }},
		{"TextEncoder", func() goja.Value { return w.textEncoderClass().ctor }},
		{"TextDecoder", func() goja.Value { return w.textDecoderClass().ctor }},
		{"Blob", func() goja.Value { return w.blobClass().ctor }},
		{"crypto", func() goja.Value { return w.crypto() }},
		{"performance", func() goja.Value { return w.performance() }},
		{"DOMException", func() goja.Value { return w.domExceptionClass().ctor }},
		{"EventTarget", func() goja.Value { return w.eventTargetClass().ctor }},
		{"Event", func() goja.Value { return w.eventClass().ctor }},
		{"CustomEvent", func() goja.Value { return w.customEventClass().ctor }},
		{"AbortController", func() goja.Value { return w.abortControllerClass().ctor }},
		{"AbortSignal", func() goja.Value { return w.abortSignalClass().ctor }},
	} {
		if err := w.lazyGlobal(global, g.name, g.make); err != nil {
			return nil, err
		}
	}
	return &Globals{w: w}, nil
}

// lazyGlobal defines name on global as an accessor whose first read
// builds the value. A class then becomes a data property (writable,
// configurable, as in Node), and an assignment replaces it. crypto and
// performance stay accessors, as Node's are: crypto has no setter (an
// assignment does nothing, or throws in strict code), and performance's
// setter changes what its getter returns. None is enumerable: Node makes
// crypto and performance enumerable, but no global of this runtime is
// (Object.keys(globalThis) is empty).
//
// One native function is both getter and setter (a getter is called with
// no argument, a setter with one): a native function is most of what
// Install costs.
func (w *web) lazyGlobal(global *goja.Object, name string, make func() goja.Value) error {
	vm := w.vm
	settle := func(v goja.Value) {
		must(global.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	}
	var replaced goja.Value // performance's, once assigned
	f := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		if call.This != global {
			panic(w.typeError("Illegal invocation"))
		}
		if len(call.Arguments) == 0 { // get
			switch {
			case replaced != nil:
				return replaced
			case name == "crypto" || name == "performance":
				return make()
			}
			v := make()
			settle(v)
			return v
		}
		switch name { // set
		case "crypto":
		case "performance":
			replaced = call.Arguments[0]
		default:
			settle(call.Arguments[0])
		}
		return goja.Undefined()
	})
	var set goja.Value
	if name != "crypto" {
		set = f
	}
	return global.DefineAccessorProperty(name, f, set, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// bind records st as the Go state of o.
func (w *web) bind(o *goja.Object, st any) {
	wp := weak.Make(o)
	w.mu.Lock()
	w.states[wp] = st
	w.mu.Unlock()
	runtime.AddCleanup(o, func(wp weak.Pointer[goja.Object]) {
		w.mu.Lock()
		delete(w.states, wp)
		w.mu.Unlock()
	}, wp)
}

// stateOf returns the Go state of v, or nil when v is no object of ours.
func (w *web) stateOf(v goja.Value) any {
	o, ok := v.(*goja.Object)
	if !ok || o == nil {
		return nil
	}
	w.mu.Lock()
	st := w.states[weak.Make(o)]
	w.mu.Unlock()
	return st
}

// class is a constructor and its prototype.
type class struct {
	ctor, proto *goja.Object
}

// newClass builds a class named name. construct gets the object goja made
// with new.target's prototype; it may return another object or nil (this).
// Called without new, the constructor throws as a class constructor does.
// parent, when not nil, is the class it extends.
func (w *web) newClass(name string, length int, parent *class, construct func(call goja.ConstructorCall) *goja.Object) *class {
	vm := w.vm
	var proto *goja.Object
	ctor := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		// goja constructs when a native constructor is called without new
		// (this undefined), and passes the receiver as this when there is
		// one: a receiver that is no fresh instance of the class is refused.
		if !inherits(call.This, proto) || w.stateOf(call.This) != nil {
			panic(w.typeError("Class constructor " + name + " cannot be invoked without 'new'"))
		}
		return construct(call)
	}).ToObject(vm)
	w.nameFunc(ctor, name, length)
	proto = ctor.Get("prototype").ToObject(vm)
	if parent != nil {
		must(ctor.SetPrototype(parent.ctor))
		must(proto.SetPrototype(parent.proto))
	}
	must(ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE))
	must(proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	return &class{ctor: ctor, proto: proto}
}

// inherits tells whether proto is on o's prototype chain.
func inherits(o, proto *goja.Object) bool {
	for p := o.Prototype(); p != nil; p = p.Prototype() {
		if p == proto {
			return true
		}
	}
	return false
}

// nameFunc gives a native function its JavaScript name and length (goja
// names it after the Go function).
func (w *web) nameFunc(f *goja.Object, name string, length int) {
	must(f.DefineDataProperty("name", w.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
	must(f.DefineDataProperty("length", w.vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
}

// fn makes a named native function.
func (w *web) fn(name string, length int, f func(goja.FunctionCall) goja.Value) *goja.Object {
	o := w.vm.ToValue(f).ToObject(w.vm)
	w.nameFunc(o, name, length)
	return o
}

// method defines a method on o: writable, enumerable, configurable, as
// WebIDL operations are.
func (w *web) method(o *goja.Object, name string, length int, f func(goja.FunctionCall) goja.Value) {
	must(o.DefineDataProperty(name, w.fn(name, length, f), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE))
}

// accessor defines a WebIDL attribute on o: set may be nil (read-only).
func (w *web) accessor(o *goja.Object, name string, get, set func(goja.FunctionCall) goja.Value) {
	var s goja.Value
	if set != nil {
		s = w.fn("set "+name, 1, set)
	}
	must(o.DefineAccessorProperty(name, w.fn("get "+name, 0, get), s, goja.FLAG_TRUE, goja.FLAG_TRUE))
}

// constant defines a read-only, enumerable data property.
func (w *web) constant(o *goja.Object, name string, v any) {
	must(o.DefineDataProperty(name, w.vm.ToValue(v), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
}

func (w *web) typeError(msg string) *goja.Object {
	return w.newError(w.typeErrorCtor, msg)
}

func (w *web) rangeError(msg string) *goja.Object {
	return w.newError(w.rangeErrorCtor, msg)
}

func (w *web) newError(ctor *goja.Object, msg string) *goja.Object {
	e, err := w.vm.New(ctor, w.vm.ToValue(msg))
	if err != nil {
		panic(err)
	}
	return e
}

// nodeError is one of Node's errors with a code: a TypeError or RangeError
// with an own, enumerable code property.
func (w *web) nodeError(ctor *goja.Object, code, msg string) *goja.Object {
	e := w.newError(ctor, msg)
	w.define(e, "code", code)
	return e
}

// invalidThis is Node's error for a method called on the wrong object.
func (w *web) invalidThis(what string) *goja.Object {
	return w.nodeError(w.typeErrorCtor, "ERR_INVALID_THIS", `Value of "this" must be of type `+what)
}

// object makes an ordinary object with Object.prototype, whose properties
// are defined (never assigned: no setter on Object.prototype runs).
func (w *web) object(kv ...any) *goja.Object {
	o := w.vm.CreateObject(w.objectProto)
	for i := 0; i+1 < len(kv); i += 2 {
		w.define(o, kv[i].(string), kv[i+1])
	}
	return o
}

// define adds an own, enumerable data property (as assignment would, but
// without running any setter user code planted on a prototype).
func (w *web) define(o *goja.Object, name string, v any) {
	must(o.DefineDataProperty(name, w.vm.ToValue(v), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE))
}

func errNotFunction(name string) error {
	return errors.New("webapi: " + name + " is not a function")
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// customInspect defines p[Symbol.for('nodejs.util.inspect.custom')], as
// Node's classes have it, so that console.log and util.inspect show what
// Node shows. f gets the call (depth, options) and the inspect function the
// inspector passed; without one, the object is shown as it is.
func (w *web) customInspect(p *goja.Object, f func(call goja.FunctionCall, inspect goja.Callable) goja.Value) {
	vm := w.vm
	key := vm.SymbolFor("nodejs.util.inspect.custom")
	fn := w.fn("[nodejs.util.inspect.custom]", 2, func(call goja.FunctionCall) goja.Value {
		inspect, ok := goja.AssertFunction(call.Argument(2))
		if !ok {
			return call.This
		}
		return f(call, inspect)
	})
	must(p.DefineDataPropertySymbol(key, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
}

// ctorName is o.constructor.name, or fallback.
func ctorName(o *goja.Object, fallback string) string {
	c, ok := o.Get("constructor").(*goja.Object)
	if !ok {
		return fallback
	}
	if n, ok := c.Get("name").Export().(string); ok && n != "" {
		return n
	}
	return fallback
}
