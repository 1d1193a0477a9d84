package builtins

import "github.com/dop251/goja"

// installPromise adds Promise.withResolvers and Promise.try.
func (e *env) installPromise() error {
	if err := e.method(e.promise, "withResolvers", 0, func(call goja.FunctionCall) goja.Value {
		c, ok := call.This.(*goja.Object)
		if !ok {
			e.typeError("Promise.withResolvers called on non-object")
		}
		cap := e.newPromiseCapability(c)
		o := e.vm.NewObject()
		for _, kv := range []struct {
			k string
			v goja.Value
		}{{"promise", cap.promise}, {"resolve", cap.resolveV}, {"reject", cap.rejectV}} {
			rethrow(o.DefineDataProperty(kv.k, kv.v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE))
		}
		return o
	}); err != nil {
		return err
	}
	return e.method(e.promise, "try", 1, func(call goja.FunctionCall) goja.Value {
		c, ok := call.This.(*goja.Object)
		if !ok {
			e.typeError("Promise.try called on non-object")
		}
		cap := e.newPromiseCapability(c)
		p, resolve, reject := cap.promise, cap.resolve, cap.reject
		var args []goja.Value
		if len(call.Arguments) > 1 {
			args = call.Arguments[1:]
		}
		f, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			_, err := reject(goja.Undefined(), e.vm.NewTypeError(describe(call.Argument(0))+" is not a function"))
			rethrow(err)
			return p
		}
		v, err := f(goja.Undefined(), args...)
		if err != nil {
			ex, ok := err.(*goja.Exception)
			if !ok {
				panic(err) // an interrupt: not catchable
			}
			_, err = reject(goja.Undefined(), ex.Value())
		} else {
			_, err = resolve(goja.Undefined(), v)
		}
		rethrow(err)
		return p
	})
}

// newPromiseCapability is the specification's NewPromiseCapability(C):
// construct C with an executor that records resolve and reject.
func (e *env) newPromiseCapability(c *goja.Object) promiseCapability {
	ctor, ok := goja.AssertConstructor(c)
	if !ok {
		e.typeError("%s is not a constructor", describe(c))
	}
	var resolveV, rejectV goja.Value = goja.Undefined(), goja.Undefined()
	executor := e.fn("", 2, func(call goja.FunctionCall) goja.Value {
		if !goja.IsUndefined(resolveV) || !goja.IsUndefined(rejectV) {
			e.typeError("Promise executor has already been invoked with non-undefined arguments")
		}
		resolveV, rejectV = call.Argument(0), call.Argument(1)
		return goja.Undefined()
	})
	p, err := ctor(nil, executor)
	rethrow(err)
	resolve, ok := goja.AssertFunction(resolveV)
	if !ok {
		e.typeError("Promise resolve function is not callable")
	}
	reject, ok := goja.AssertFunction(rejectV)
	if !ok {
		e.typeError("Promise reject function is not callable")
	}
	return promiseCapability{p, resolveV, rejectV, resolve, reject}
}

type promiseCapability struct {
	promise           *goja.Object
	resolveV, rejectV goja.Value
	resolve, reject   goja.Callable
}

// describe renders a value for an error message without running user code.
func describe(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	switch x := v.(type) {
	case *goja.Object:
		if _, ok := goja.AssertFunction(x); ok {
			return "function"
		}
		return "#<Object>"
	case *goja.Symbol:
		return x.String()
	}
	if v.ExportType() != nil && v.ExportType().Kind().String() == "string" {
		return `"` + v.String() + `"`
	}
	return v.String()
}
