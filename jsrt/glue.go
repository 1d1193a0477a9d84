package jsrt

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// The sandbox's own globals (console, queueMicrotask, structuredClone) and
// the description of thrown values are made here, in Go, at start: nothing
// is parsed or compiled for them then. (They were a JavaScript prelude
// whose parse and compile were a third of jsrt.New.) Their common paths
// run in Go: a console line of strings, numbers, booleans, null and
// undefined; an Error's message and stack. The rest (Node's inspector for
// objects and format directives, console's other methods, structuredClone,
// the description of a thrown non-Error) is prelude_lazy.js, compiled on
// first use and given the intrinsics captured at start (intrinsics.go), so
// that user code that replaced a built-in in the meantime changes nothing
// it does.
type glue struct {
	I       *goja.Object // the intrinsics
	hooks   *goja.Object // the host's functions prelude_lazy.js gets besides I
	exports *goja.Object // prelude_lazy.js's, once compiled
	extras  *goja.Object // console's other methods, made by prelude_lazy.js
	indent  string       // console.group's

	objToString, errorToString, getOwnDesc, promiseThen goja.Callable

	resolved  *goja.Object // queueMicrotask's settled promise, made on first use
	writeFn   goja.Value   // (level, message) for prelude_lazy.js's console
	formatFn  goja.Value   // (args) → the line console.log would print
	nowFn     goja.Value   // () → milliseconds on a monotonic clock
	stackFn   goja.Value   // () → "\n    at …" lines of the code's call stack
	vTrue     goja.Value
	vFalse    goja.Value
	startTime time.Time
}

// budget is the most characters worth formatting for one console line.
const budget = 1 << 20

func (rt *Runtime) installGlue(intrinsics *goja.Object) error {
	vm := rt.vm
	g := &rt.glue
	g.I = intrinsics
	g.startTime = time.Now()
	g.vTrue, g.vFalse = vm.ToValue(true), vm.ToValue(false)
	callable := func(name string) (goja.Callable, error) {
		f, ok := goja.AssertFunction(intrinsics.Get(name))
		if !ok {
			return nil, fmt.Errorf("intrinsic %s is not a function", name)
		}
		return f, nil
	}
	var err error
	for _, c := range []struct {
		to   *goja.Callable
		name string
	}{
		{&g.objToString, "objToString"}, {&g.errorToString, "errorToString"}, {&g.getOwnDesc, "getOwnDesc"},
		{&g.promiseThen, "promiseThen"}, {&rt.freeze, "freeze"}, {&rt.parse, "jsonParse"},
	} {
		if *c.to, err = callable(c.name); err != nil {
			return err
		}
	}
	rt.defineProp = intrinsics.Get("defineProp")

	g.writeFn = vm.ToValue(func(call goja.FunctionCall) goja.Value {
		rt.writeValue(call.Argument(0).String(), call.Argument(1))
		return goja.Undefined()
	})
	g.formatFn = vm.ToValue(func(call goja.FunctionCall) goja.Value {
		o, ok := call.Argument(0).(*goja.Object)
		if !ok {
			return vm.ToValue("")
		}
		n := int(o.Get("length").ToInteger())
		args := make([]goja.Value, n)
		for i := range args {
			args[i] = o.Get(fmt.Sprint(i))
		}
		if rt.isSimple(args) {
			return vm.ToValue(joinSimple(args))
		}
		return rt.lazyFormat(args)
	})
	g.nowFn = vm.ToValue(func() float64 { return float64(time.Since(g.startTime).Nanoseconds()) / 1e6 })
	g.stackFn = vm.ToValue(rt.callStack)

	hooks := vm.NewObject()
	if err := hooks.SetPrototype(nil); err != nil {
		return err
	}
	_ = hooks.Set("budget", budget)
	_ = hooks.Set("promiseState", rt.promiseState)
	_ = hooks.Set("proxyTarget", rt.proxyTarget)
	_ = hooks.Set("describeError", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(rt.describeError(call.Argument(0)))
	})
	if _, err := rt.freeze(goja.Undefined(), hooks); err != nil {
		return err
	}
	g.hooks = hooks

	// console: Node's methods, in Node's order; log and its kin format in
	// Go when they can, the others are prelude_lazy.js's.
	console := vm.NewObject()
	fn := func(name string, length int, f func(goja.FunctionCall) goja.Value) *goja.Object {
		return vm.NewNativeFunction(name, length, f)
	}
	line := func(name, level string) *goja.Object {
		return fn(name, 0, func(call goja.FunctionCall) goja.Value {
			rt.consoleLine(level, call.Arguments)
			return goja.Undefined()
		})
	}
	extra := func(name string) *goja.Object {
		return fn(name, 0, func(call goja.FunctionCall) goja.Value {
			return rt.consoleExtra(name, call.Arguments)
		})
	}
	group := func(name string) *goja.Object {
		return fn(name, 0, func(call goja.FunctionCall) goja.Value {
			if len(call.Arguments) > 0 {
				rt.consoleLine("log", call.Arguments)
			}
			g.indent += "  "
			return goja.Undefined()
		})
	}
	for _, m := range []struct {
		name string
		f    *goja.Object
	}{
		{"log", line("log", "log")}, {"info", line("info", "info")}, {"warn", line("warn", "warn")},
		{"error", line("error", "error")}, {"debug", line("debug", "debug")}, {"dirxml", line("dirxml", "log")},
		{"trace", extra("trace")}, {"dir", extra("dir")}, {"table", extra("table")}, {"assert", extra("assert")},
		{"count", extra("count")}, {"countReset", extra("countReset")}, {"time", extra("time")},
		{"timeLog", extra("timeLog")}, {"timeEnd", extra("timeEnd")},
		{"group", group("group")},
		{"groupEnd", fn("groupEnd", 0, func(goja.FunctionCall) goja.Value {
			g.indent = g.indent[:max(0, len(g.indent)-2)]
			return goja.Undefined()
		})},
		{"groupCollapsed", group("groupCollapsed")},
	} {
		if err := console.Set(m.name, m.f); err != nil {
			return err
		}
	}

	global := vm.GlobalObject()
	define := func(name string, v goja.Value) error {
		// As in Node and browsers: writable, configurable, not enumerable.
		return global.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	if err := define("console", console); err != nil {
		return err
	}
	if err := define("queueMicrotask", fn("queueMicrotask", 1, rt.queueMicrotask)); err != nil {
		return err
	}
	return define("structuredClone", fn("structuredClone", 1, func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) == 0 {
			panic(vm.NewTypeError("Failed to execute 'structuredClone': 1 argument required, but only 0 present."))
		}
		return rt.callLazy("structuredClone", call.Arguments[0])
	}))
}

// lazy returns prelude_lazy.js's exports, compiling it on the first call.
func (rt *Runtime) lazy() *goja.Object {
	g := &rt.glue
	if g.exports == nil {
		v := rt.loadLazy(goja.FunctionCall{Arguments: []goja.Value{g.I, g.hooks}})
		g.exports = v.ToObject(rt.vm)
	}
	return g.exports
}

// callLazy calls one of prelude_lazy.js's exports; its exception, or the
// interrupt that stopped it, goes on to the caller.
func (rt *Runtime) callLazy(name string, args ...goja.Value) goja.Value {
	f, ok := goja.AssertFunction(rt.lazy().Get(name))
	if !ok {
		panic(rt.vm.NewTypeError("prelude_lazy.js exports no function " + name))
	}
	v, err := f(goja.Undefined(), args...)
	if err != nil {
		panic(err)
	}
	return v
}

// consoleLine writes one console line of the given arguments, as
// console.log formats them.
func (rt *Runtime) consoleLine(level string, args []goja.Value) {
	if !rt.isSimple(args) {
		rt.writeValue(level, rt.lazyFormat(args))
		return
	}
	if !rt.capturing() {
		return // nothing of the code's runs in formatting these
	}
	// The caps, on a lower bound of the line's length (a UTF-16 unit is
	// at least one UTF-8 byte) before a string is converted.
	n := len(args) - 1
	for _, a := range args {
		if s, ok := a.(goja.String); ok {
			n += s.Length()
		}
	}
	if rt.overCaps(max(n, 0)) {
		return
	}
	rt.writeString(level, joinSimple(args))
}

// lazyFormat is the inspector's format (util.format with console's
// options) of args, given as an array no setter planted on
// Array.prototype can see.
func (rt *Runtime) lazyFormat(args []goja.Value) goja.Value {
	items := make([]any, len(args))
	for i, a := range args {
		items[i] = a
	}
	list := rt.vm.NewArray(items...)
	_ = list.SetPrototype(nil)
	return rt.callLazy("format", list)
}

// isSimple reports whether args make the common console line: strings
// (the first not a format string), booleans, null, undefined and numbers
// other than -0, which joinSimple formats. Anything else needs the
// inspector.
func (rt *Runtime) isSimple(args []goja.Value) bool {
	g := &rt.glue
	for i, a := range args {
		switch {
		case goja.IsString(a):
			if i == 0 && len(args) > 1 && strings.IndexByte(a.String(), '%') >= 0 {
				return false
			}
		case goja.IsNumber(a):
			if f := a.ToFloat(); f == 0 && math.Signbit(f) {
				return false
			}
		case a == nil, goja.IsUndefined(a), goja.IsNull(a), a == g.vTrue, a == g.vFalse:
		default:
			return false
		}
	}
	return true
}

// joinSimple is the line of arguments isSimple accepted: each as String()
// prints it, separated by spaces.
func joinSimple(args []goja.Value) string {
	switch len(args) {
	case 0:
		return ""
	case 1:
		return valueString(args[0])
	}
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(valueString(a))
	}
	return b.String()
}

func valueString(v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	return v.String()
}

// writeValue writes a line the inspector formatted (a JavaScript string).
func (rt *Runtime) writeValue(level string, v goja.Value) {
	if rt.glue.indent == "" {
		rt.emitValue(level, v)
		return
	}
	rt.writeString(level, v.String())
}

// writeString indents every line of msg by the group depth, then emits it.
func (rt *Runtime) writeString(level, msg string) {
	if ind := rt.glue.indent; ind != "" {
		msg = ind + strings.ReplaceAll(msg, "\n", "\n"+ind)
	}
	rt.emitString(level, msg)
}

// consoleExtra calls one of console's other methods, made by
// prelude_lazy.js on the first call of any of them.
func (rt *Runtime) consoleExtra(name string, args []goja.Value) goja.Value {
	g := &rt.glue
	if g.extras == nil {
		g.extras = rt.callLazy("console", g.writeFn, g.formatFn, g.nowFn, g.stackFn).ToObject(rt.vm)
	}
	f, ok := goja.AssertFunction(g.extras.Get(name))
	if !ok {
		panic(rt.vm.NewTypeError("console." + name + " is missing"))
	}
	v, err := f(goja.Undefined(), args...)
	if err != nil {
		panic(err)
	}
	return v
}

// queueMicrotask runs callback as a microtask. Its reaction is attached to
// a settled promise of the runtime's own whose constructor property is an
// own undefined: then() makes its derived promise with the intrinsic
// Promise, reading nothing user code can change (Promise.prototype's
// constructor, Promise[Symbol.species]). An exception the callback throws
// is uncaught, as in Node.
func (rt *Runtime) queueMicrotask(call goja.FunctionCall) goja.Value {
	cb, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		panic(rt.vm.NewTypeError(`The "callback" argument must be of type function`))
	}
	g := &rt.glue
	if g.resolved == nil {
		p, resolve, _ := rt.vm.NewPromise()
		if err := resolve(goja.Undefined()); err != nil {
			panic(err)
		}
		o := rt.vm.ToValue(p).(*goja.Object)
		if err := o.DefineDataProperty("constructor", goja.Undefined(), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
			panic(err)
		}
		g.resolved = o
	}
	reaction := rt.vm.ToValue(func(goja.FunctionCall) goja.Value {
		if _, err := cb(goja.Undefined()); err != nil {
			var ex *goja.Exception
			if !errors.As(err, &ex) {
				panic(err) // an interrupt: the job is being stopped
			}
			rt.setUncaught(ex.Value())
		}
		return goja.Undefined()
	})
	if _, err := g.promiseThen(g.resolved, reaction); err != nil {
		panic(err)
	}
	return goja.Undefined()
}

// describeError is Error.prototype.toString of e (the intrinsic), or
// "Error" when that throws or gives no string.
func (rt *Runtime) describeError(e goja.Value) string {
	v, err := rt.glue.errorToString(e)
	if err != nil {
		var ex *goja.Exception
		if !errors.As(err, &ex) {
			panic(err)
		}
		return "Error"
	}
	if !goja.IsString(v) {
		return "Error"
	}
	return v.String()
}

// describeThrown returns a one-line description of a thrown value and,
// when it is an Error with a goja stack, that stack. An interrupt while
// describing (code the description ran: a getter, a custom inspector) is
// returned as err.
func (rt *Runtime) describeThrown(v goja.Value) (msg, stack string, err error) {
	if v == nil {
		v = goja.Undefined()
	}
	defer func() {
		if p := recover(); p != nil {
			e, ok := p.(error)
			if !ok {
				panic(p)
			}
			var ex *goja.Exception
			var ie *goja.InterruptedError
			var so *goja.StackOverflowError
			if !errors.As(e, &ex) && !errors.As(e, &ie) && !errors.As(e, &so) {
				panic(p)
			}
			msg, stack, err = "", "", e
		}
	}()
	g := &rt.glue
	if o, ok := v.(*goja.Object); ok {
		tag, err := g.objToString(o)
		if err != nil {
			return "", "", err
		}
		if tag.String() == "[object Error]" {
			if d, err := g.getOwnDesc(goja.Undefined(), o, rt.vm.ToValue("stack")); err == nil {
				if dobj, ok := d.(*goja.Object); ok {
					_ = dobj.SetPrototype(nil)
					if s := dobj.Get("value"); s != nil && goja.IsString(s) {
						stack = s.String()
					}
				}
			} else {
				var ex *goja.Exception
				if !errors.As(err, &ex) {
					return "", "", err
				}
			}
			return rt.describeError(o), stack, nil
		}
	}
	return "Uncaught " + rt.callLazy("inspectNested", v).String(), "", nil
}
