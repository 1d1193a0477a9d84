// Package builtins adds to goja the ECMAScript built-ins that Node 24 has
// and goja lacks (ES2022–2025, plus the few V8 and Annex B extras programs
// lean on), compiled lazily: a program that uses none of them pays for none
// of them.
//
// Install only creates native functions. The simple built-ins are Go; the
// ones whose specification is a long algorithm over user callbacks
// (Object.groupBy, Map.groupBy, Array.fromAsync, the iterator helpers,
// DisposableStack) are JavaScript files compiled on the first call of any
// function of their group: each installed function is then a native stub
// that delegates to the compiled implementation. The JavaScript receives the
// intrinsics it needs as captured at Install, before any user code ran, so
// user code that replaces Reflect.apply or Map.prototype.set changes nothing
// in it.
package builtins

import (
	"embed"
	"fmt"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

//go:embed js/*.js
var sources embed.FS

// Install adds the missing built-ins to vm. It runs before any user code.
func Install(vm *goja.Runtime) error {
	_, err := install(vm)
	return err
}

func install(vm *goja.Runtime) (*env, error) {
	e := &env{vm: vm}
	if err := e.capture(); err != nil {
		return nil, err
	}
	for _, f := range []func() error{
		e.installSymbols,
		e.installObject,
		e.installPromise,
		e.installArray,
		e.installIterator,
		e.installString,
		e.installRegExp,
		e.installWeakRef,
		e.installError,
		e.installArrayBuffer,
		e.installMath,
		e.installDataView,
		e.installDate,
		e.installDisposable,
	} {
		if err := f(); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// env is one runtime's built-ins: the intrinsics captured at Install and
// the lazily compiled groups.
type env struct {
	vm *goja.Runtime

	// captured at Install
	object, objectProto, array, arrayProto, function   *goja.Object
	promise, mapCtor, errorCtor, iteratorProto, symbol *goja.Object
	reflect, math                                      *goja.Object
	asyncIterator, dispose, asyncDispose               *goja.Symbol
	hasOwnProperty, errorToString, symbolKeyFor        goja.Callable
	getOwnPropertyDescriptor                           goja.Callable

	hasInstanceProto *goja.Object // see ctor

	// created lazily
	groups    map[string]*goja.Object // group name → its exports
	intrinsic *goja.Object            // what the groups receive

	captured []capturedValue
	made     map[string]goja.Value // what this package made that the groups use (SuppressedError, the stacks' prototypes)

	refs map[*goja.Object]goja.Value // WeakRef → target
	regs map[*goja.Object]*registry  // FinalizationRegistry → its cells
}

func (e *env) capture() error {
	vm := e.vm
	obj := func(v goja.Value, what string) (*goja.Object, error) {
		o, ok := v.(*goja.Object)
		if !ok {
			return nil, fmt.Errorf("builtins: %s is not an object", what)
		}
		return o, nil
	}
	var err error
	for _, c := range []struct {
		dst  **goja.Object
		name string
	}{
		{&e.object, "Object"}, {&e.array, "Array"}, {&e.function, "Function"}, {&e.promise, "Promise"},
		{&e.mapCtor, "Map"}, {&e.errorCtor, "Error"}, {&e.symbol, "Symbol"}, {&e.reflect, "Reflect"},
		{&e.math, "Math"},
	} {
		if *c.dst, err = obj(vm.Get(c.name), c.name); err != nil {
			return err
		}
	}
	if e.objectProto, err = obj(e.object.Get("prototype"), "Object.prototype"); err != nil {
		return err
	}
	if e.arrayProto, err = obj(e.array.Get("prototype"), "Array.prototype"); err != nil {
		return err
	}
	// %IteratorPrototype%: the prototype of %ArrayIteratorPrototype%.
	values, ok := goja.AssertFunction(e.arrayProto.GetSymbol(goja.SymIterator))
	if !ok {
		return fmt.Errorf("builtins: Array.prototype[Symbol.iterator] is not a function")
	}
	it, err := values(vm.NewArray())
	if err != nil {
		return err
	}
	arrayIterProto := it.ToObject(vm).Prototype()
	if arrayIterProto == nil || arrayIterProto.Prototype() == nil {
		return fmt.Errorf("builtins: no %%IteratorPrototype%%")
	}
	e.iteratorProto = arrayIterProto.Prototype()
	for _, c := range []struct {
		dst  *goja.Callable
		v    goja.Value
		name string
	}{
		{&e.hasOwnProperty, e.objectProto.Get("hasOwnProperty"), "Object.prototype.hasOwnProperty"},
		{&e.errorToString, e.errorCtor.Get("prototype").ToObject(vm).Get("toString"), "Error.prototype.toString"},
		{&e.symbolKeyFor, e.symbol.Get("keyFor"), "Symbol.keyFor"},
		{&e.getOwnPropertyDescriptor, e.object.Get("getOwnPropertyDescriptor"), "Object.getOwnPropertyDescriptor"},
	} {
		f, ok := goja.AssertFunction(c.v)
		if !ok {
			return fmt.Errorf("builtins: %s is not a function", c.name)
		}
		*c.dst = f
	}
	e.asyncIterator = goja.NewSymbol("Symbol.asyncIterator")
	e.dispose = goja.NewSymbol("Symbol.dispose")
	e.asyncDispose = goja.NewSymbol("Symbol.asyncDispose")
	e.groups = map[string]*goja.Object{}
	e.made = map[string]goja.Value{}
	e.captureIntrinsics()
	return nil
}

// ---- defining properties the way the specification does ----

// fn makes a native, non-constructor function with the given name and
// length, as built-in methods have.
func (e *env) fn(name string, length int, f func(goja.FunctionCall) goja.Value) *goja.Object {
	return e.vm.NewNativeFunction(name, length, f)
}

// ctor makes a constructor that must be called with new, with prototype
// proto (its [[Prototype]], constructor and @@toStringTag set by the
// caller) whose methods fill adds on first need. goja's native constructors
// cannot tell `new C()` from `C()` (neither has a new target), so the
// constructor is a proxy of a native one: its construct trap receives the
// real new target and its apply trap throws, as a class constructor's call
// does.
//
// The proxy also defers the prototype's methods: they are made the first
// time anything can reach them, that is when C is constructed (or
// subclassed and constructed) or C.prototype is read through get or
// getOwnPropertyDescriptor. Other operations go to the target unchanged.
//
// goja's proxies have no [[HasInstance]] of their own (instanceof a proxy
// of a function throws), so the native target inherits a
// Symbol.hasInstance doing OrdinaryHasInstance from a hidden object between
// it and Function.prototype, and the proxy reports Function.prototype as its
// prototype.
func (e *env) ctor(name string, length int, proto *goja.Object, fill func(),
	construct func(args []goja.Value, newTarget *goja.Object) *goja.Object) *goja.Object {
	target := e.vm.ToValue(func(goja.ConstructorCall) *goja.Object { return nil }).(*goja.Object)
	e.nameLength(target, name, length)
	if e.hasInstanceProto == nil {
		e.hasInstanceProto = e.vm.CreateObject(e.function.Get("prototype").ToObject(e.vm))
		_ = e.hasInstanceProto.DefineDataPropertySymbol(goja.SymHasInstance, e.fn("[Symbol.hasInstance]", 1, e.ordinaryHasInstance), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	}
	_ = target.SetPrototype(e.hasInstanceProto)
	_ = target.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	filled := false
	ensure := func() {
		if !filled {
			filled = true
			fill()
		}
	}
	functionProto := e.function.Get("prototype").ToObject(e.vm)
	p := e.vm.NewProxy(target, &goja.ProxyTrapConfig{
		Apply: func(*goja.Object, goja.Value, []goja.Value) goja.Value {
			e.typeError("Constructor %s requires 'new'", name)
			return nil
		},
		Construct: func(_ *goja.Object, args []goja.Value, newTarget *goja.Object) *goja.Object {
			ensure()
			return construct(args, newTarget)
		},
		GetPrototypeOf: func(*goja.Object) *goja.Object { return functionProto },
		Get: func(t *goja.Object, key string, _ goja.Value) goja.Value {
			if key == "prototype" {
				ensure()
			}
			return t.Get(key)
		},
		GetOwnPropertyDescriptor: func(t *goja.Object, key string) goja.PropertyDescriptor {
			if key == "prototype" {
				ensure()
			}
			return e.ownDescriptor(t, key)
		},
	})
	c := e.vm.ToValue(p).(*goja.Object)
	_ = proto.DefineDataProperty("constructor", c, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return c
}

// ownDescriptor is o's own property descriptor for key, as a proxy trap
// returns it (empty: none).
func (e *env) ownDescriptor(o *goja.Object, key string) goja.PropertyDescriptor {
	k := e.vm.ToValue(key)
	dv, err := e.getOwnPropertyDescriptor(goja.Undefined(), o, k)
	rethrow(err)
	d, ok := dv.(*goja.Object)
	if !ok {
		return goja.PropertyDescriptor{}
	}
	// d is a fresh descriptor: read only its own fields
	field := func(n string) goja.Value {
		if e.hasOwn(d, e.vm.ToValue(n)) {
			return d.Get(n)
		}
		return nil
	}
	flag := func(n string) goja.Flag {
		if v := field(n); v != nil && v.ToBoolean() {
			return goja.FLAG_TRUE
		}
		return goja.FLAG_FALSE
	}
	pd := goja.PropertyDescriptor{Configurable: flag("configurable"), Enumerable: flag("enumerable")}
	if g, s := field("get"), field("set"); g != nil || s != nil {
		pd.Getter, pd.Setter = g, s
		return pd
	}
	pd.Value = field("value")
	pd.Writable = flag("writable")
	return pd
}

// ordinaryHasInstance is OrdinaryHasInstance(this, V).
func (e *env) ordinaryHasInstance(call goja.FunctionCall) goja.Value {
	c, ok := call.This.(*goja.Object)
	if !ok {
		return e.vm.ToValue(false)
	}
	if _, callable := goja.AssertFunction(c); !callable {
		return e.vm.ToValue(false)
	}
	o, ok := call.Argument(0).(*goja.Object)
	if !ok {
		return e.vm.ToValue(false)
	}
	p, ok := c.Get("prototype").(*goja.Object)
	if !ok {
		e.typeError("Function has non-object prototype in instanceof check")
	}
	for o = o.Prototype(); o != nil; o = o.Prototype() {
		if o.SameAs(p) {
			return e.vm.ToValue(true)
		}
	}
	return e.vm.ToValue(false)
}

// nativeCtor makes a plain native constructor, for those whose call
// without new is not an error (SuppressedError) or is one either way
// (Iterator, abstract): newTarget is nil for `new C()` and for `C()`.
func (e *env) nativeCtor(name string, length int, f func(goja.ConstructorCall) *goja.Object) *goja.Object {
	o := e.vm.ToValue(f).(*goja.Object)
	e.nameLength(o, name, length)
	return o
}

// instance is OrdinaryCreateFromConstructor(newTarget, fallback): an
// object whose prototype is newTarget.prototype when that is an object.
func (e *env) instance(newTarget, fallback *goja.Object) *goja.Object {
	if newTarget != nil {
		if p, ok := newTarget.Get("prototype").(*goja.Object); ok {
			return e.vm.CreateObject(p)
		}
	}
	return e.vm.CreateObject(fallback)
}

// arg is args[i], or undefined.
func arg(args []goja.Value, i int) goja.Value {
	if i < len(args) {
		return args[i]
	}
	return goja.Undefined()
}

func (e *env) nameLength(o *goja.Object, name string, length int) {
	if length != 0 { // goja made it 0
		_ = o.DefineDataProperty("length", e.vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	_ = o.DefineDataProperty("name", e.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// method defines a built-in method: writable, not enumerable, configurable.
func (e *env) method(target *goja.Object, name string, length int, f func(goja.FunctionCall) goja.Value) error {
	return target.DefineDataProperty(name, e.fn(name, length, f), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// symMethod defines a method under a symbol key; its name is "[description]".
func (e *env) symMethod(target *goja.Object, sym *goja.Symbol, desc string, length int, f func(goja.FunctionCall) goja.Value) error {
	return target.DefineDataPropertySymbol(sym, e.fn("["+desc+"]", length, f), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// getter defines a configurable, non-enumerable accessor without a setter.
func (e *env) getter(target *goja.Object, name string, f func(goja.FunctionCall) goja.Value) error {
	return target.DefineAccessorProperty(name, e.fn("get "+name, 0, f), nil, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// global defines a global binding as Node does: writable, configurable,
// not enumerable.
func (e *env) global(name string, v goja.Value) error {
	return e.vm.GlobalObject().DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// proto makes C.prototype (not writable, enumerable or configurable) and
// its constructor back link.
func (e *env) proto(c, p *goja.Object) error {
	if err := c.DefineDataProperty("prototype", p, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return err
	}
	return p.DefineDataProperty("constructor", c, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// toStringTag defines P[Symbol.toStringTag] as the specification does.
func (e *env) toStringTag(p *goja.Object, tag string) error {
	return p.DefineDataPropertySymbol(goja.SymToStringTag, e.vm.ToValue(tag), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// ---- errors ----

func (e *env) typeError(format string, args ...any) {
	panic(e.vm.NewTypeError(fmt.Sprintf(format, args...)))
}

func (e *env) rangeError(format string, args ...any) {
	ctor, _ := goja.AssertConstructor(e.vm.Get("RangeError"))
	o, err := ctor(nil, e.vm.ToValue(fmt.Sprintf(format, args...)))
	if err != nil {
		panic(err)
	}
	panic(o)
}

// rethrow turns an error from a goja call back into a JavaScript throw.
func rethrow(err error) {
	if err != nil {
		panic(err)
	}
}

// ---- the lazily compiled groups ----

// lazy returns a native function that compiles group on first call and
// delegates to its export name.
func (e *env) lazy(group, export, name string, length int) *goja.Object {
	var impl goja.Callable
	return e.fn(name, length, func(call goja.FunctionCall) goja.Value {
		if impl == nil {
			f, ok := goja.AssertFunction(e.load(group).Get(export))
			if !ok {
				panic(e.vm.NewGoError(fmt.Errorf("builtins: %s.js has no function %s", group, export)))
			}
			impl = f
		}
		v, err := impl(call.This, call.Arguments...)
		rethrow(err)
		return v
	})
}

// lazyMethod defines target[name] as a lazy stub.
func (e *env) lazyMethod(target *goja.Object, group, name string, length int) error {
	return target.DefineDataProperty(name, e.lazy(group, name, name, length), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// load compiles and runs js/group.js once, passing it the intrinsics; it
// returns the group's exports.
func (e *env) load(group string) *goja.Object {
	if ex, ok := e.groups[group]; ok {
		return ex
	}
	src, err := sources.ReadFile("js/" + group + ".js")
	if err != nil {
		panic(e.vm.NewGoError(err))
	}
	prg, err := goja.Parse(group+".js", string(src), parser.WithDisableSourceMaps)
	if err != nil {
		panic(e.vm.NewGoError(err))
	}
	compiled, err := goja.CompileAST(prg, true)
	if err != nil {
		panic(e.vm.NewGoError(err))
	}
	fnVal, err := e.vm.RunProgram(compiled)
	rethrow(err)
	fn, ok := goja.AssertFunction(fnVal)
	if !ok {
		panic(e.vm.NewGoError(fmt.Errorf("builtins: %s.js is not a function", group)))
	}
	v, err := fn(goja.Undefined(), e.intrinsics())
	rethrow(err)
	ex := v.ToObject(e.vm)
	e.groups[group] = ex
	return ex
}

// captureIntrinsics records, at Install, the built-ins the groups use:
// later user code may replace the properties, not these values.
func (e *env) captureIntrinsics() {
	vm := e.vm
	get := func(o *goja.Object, name string) goja.Value { return o.Get(name) }
	mapProto := e.mapCtor.Get("prototype").ToObject(vm)
	dateProto := vm.Get("Date").ToObject(vm).Get("prototype").ToObject(vm)
	e.captured = []capturedValue{
		{"apply", get(e.reflect, "apply")},
		{"construct", get(e.reflect, "construct")},
		{"ownKeys", get(e.reflect, "ownKeys")},
		{"defineProperty", get(e.object, "defineProperty")},
		{"create", get(e.object, "create")},
		{"getPrototypeOf", get(e.object, "getPrototypeOf")},
		{"getOwnPropertyDescriptor", get(e.object, "getOwnPropertyDescriptor")},
		{"Object_", e.object},
		{"Array_", e.array},
		{"dateGetFullYear", get(dateProto, "getFullYear")},
		{"dateSetFullYear", get(dateProto, "setFullYear")},
		{"dateGetTime", get(dateProto, "getTime")},
		{"dateSetTime", get(dateProto, "setTime")},
		{"Map", e.mapCtor},
		{"mapGet", get(mapProto, "get")},
		{"mapSet", get(mapProto, "set")},
		{"TypeError", vm.Get("TypeError")},
		{"RangeError", vm.Get("RangeError")},
		{"ReferenceError", vm.Get("ReferenceError")},
		{"IteratorPrototype", e.iteratorProto},
		{"trunc", get(e.math, "trunc")},
		{"symIterator", e.symbol.Get("iterator")},
		{"symToStringTag", e.symbol.Get("toStringTag")},
	}
}

type capturedValue struct {
	name string
	v    goja.Value
}

// intrinsics is the object every group receives: the captured built-ins,
// the ones this package made, and a few helpers only Go can provide.
func (e *env) intrinsics() *goja.Object {
	if e.intrinsic != nil {
		return e.intrinsic
	}
	vm := e.vm
	I := vm.CreateObject(nil)
	set := func(name string, v goja.Value) { _ = I.Set(name, v) }
	for _, c := range e.captured {
		set(c.name, c.v)
	}
	for name, v := range e.made {
		set(name, v)
	}
	set("symAsyncIterator", e.asyncIterator)
	set("symDispose", e.dispose)
	set("symAsyncDispose", e.asyncDispose)
	set("isConstructor", vm.ToValue(func(call goja.FunctionCall) goja.Value {
		_, ok := goja.AssertConstructor(call.Argument(0))
		return vm.ToValue(ok)
	}))
	e.intrinsic = I
	return I
}

// Source is the JavaScript of a lazily compiled group (for benchmarks).
func Source(group string) (string, error) {
	b, err := sources.ReadFile("js/" + group + ".js")
	return string(b), err
}
