package builtins

import "github.com/dop251/goja"

// The consuming iterator helpers (reduce, toArray, forEach, some, every,
// find) are plain loops over the receiver with no helper object: they are
// Go, so a program whose only helper is one of them compiles nothing.

// iterRecord is an Iterator Record: the iterator and its next method, read
// once (GetIteratorDirect).
type iterRecord struct {
	iterator *goja.Object
	next     goja.Value
}

// iterReceiver is the first step of every helper: this must be an object.
func (e *env) iterReceiver(this goja.Value, method string) *goja.Object {
	o, ok := this.(*goja.Object)
	if !ok {
		e.typeError("Iterator.prototype.%s called on non-object", method)
	}
	return o
}

// iterCallable: a non-callable argument closes the receiver, then throws.
func (e *env) iterCallable(o *goja.Object, f goja.Value) goja.Callable {
	fn, ok := goja.AssertFunction(f)
	if !ok {
		e.iterCloseThrow(o, e.vm.NewTypeError(describe(f)+" is not a function"))
	}
	return fn
}

func (e *env) iterDirect(o *goja.Object) *iterRecord {
	return &iterRecord{iterator: o, next: o.Get("next")}
}

// step is IteratorStepValue: the next value, or done.
func (e *env) step(r *iterRecord) (goja.Value, bool) {
	next, ok := goja.AssertFunction(r.next)
	if !ok {
		e.typeError("%s is not a function", describe(r.next))
	}
	res, err := next(r.iterator)
	rethrow(err)
	ro, ok := res.(*goja.Object)
	if !ok {
		e.typeError("Iterator result %s is not an object", describe(res))
	}
	if ro.Get("done").ToBoolean() {
		return nil, true
	}
	v := ro.Get("value")
	if v == nil {
		v = goja.Undefined()
	}
	return v, false
}

// iterCloseNormal is IteratorClose with a normal completion: errors from
// return() propagate, and its result must be an object.
func (e *env) iterCloseNormal(o *goja.Object) {
	ret := o.Get("return")
	if ret == nil || goja.IsUndefined(ret) || goja.IsNull(ret) {
		return
	}
	f, ok := goja.AssertFunction(ret)
	if !ok {
		e.typeError("%s is not a function", describe(ret))
	}
	r, err := f(o)
	rethrow(err)
	if _, ok := r.(*goja.Object); !ok {
		e.typeError("Iterator result %s is not an object", describe(r))
	}
}

// iterCloseThrow is IteratorClose with a throw completion: return() is
// called, anything it throws is dropped, and thrown (a JavaScript value or
// a *goja.Exception) is thrown again. Uncatchable interrupts still
// propagate.
func (e *env) iterCloseThrow(o *goja.Object, thrown any) {
	_ = e.vm.Try(func() {
		ret := o.Get("return")
		if ret == nil || goja.IsUndefined(ret) || goja.IsNull(ret) {
			return
		}
		if f, ok := goja.AssertFunction(ret); ok {
			_, err := f(o)
			if _, catchable := err.(*goja.Exception); err != nil && !catchable {
				panic(err)
			}
		}
	})
	panic(thrown)
}

// callback calls f(args...) with an undefined this; a throw closes o.
func (e *env) callback(o *goja.Object, f goja.Callable, args ...goja.Value) goja.Value {
	v, err := f(goja.Undefined(), args...)
	if err != nil {
		if _, catchable := err.(*goja.Exception); catchable {
			e.iterCloseThrow(o, err)
		}
		panic(err)
	}
	return v
}

// installIteratorConsumers defines the consuming helpers on proto.
func (e *env) installIteratorConsumers(proto *goja.Object) error {
	vm := e.vm
	counter := func(i int) goja.Value { return vm.ToValue(i) }
	if err := e.method(proto, "reduce", 1, func(call goja.FunctionCall) goja.Value {
		o := e.iterReceiver(call.This, "reduce")
		reducer := e.iterCallable(o, call.Argument(0))
		r := e.iterDirect(o)
		var acc goja.Value
		i := 0
		if len(call.Arguments) < 2 {
			v, done := e.step(r)
			if done {
				e.typeError("Reduce of empty iterator with no initial value")
			}
			acc, i = v, 1
		} else {
			acc = call.Arguments[1]
		}
		for ; ; i++ {
			v, done := e.step(r)
			if done {
				return acc
			}
			acc = e.callback(o, reducer, acc, v, counter(i))
		}
	}); err != nil {
		return err
	}
	if err := e.method(proto, "toArray", 0, func(call goja.FunctionCall) goja.Value {
		r := e.iterDirect(e.iterReceiver(call.This, "toArray"))
		var items []any
		for {
			v, done := e.step(r)
			if done {
				return vm.NewArray(items...)
			}
			items = append(items, v)
		}
	}); err != nil {
		return err
	}
	if err := e.method(proto, "forEach", 1, func(call goja.FunctionCall) goja.Value {
		o := e.iterReceiver(call.This, "forEach")
		fn := e.iterCallable(o, call.Argument(0))
		r := e.iterDirect(o)
		for i := 0; ; i++ {
			v, done := e.step(r)
			if done {
				return goja.Undefined()
			}
			e.callback(o, fn, v, counter(i))
		}
	}); err != nil {
		return err
	}
	// some, every and find stop at the first decisive value and close the
	// receiver (normally) there.
	for _, m := range []struct {
		name string
		stop bool // the predicate result that stops the loop
		// result when stopped at v, and when exhausted
		found, exhausted func(v goja.Value) goja.Value
	}{
		{"some", true, func(goja.Value) goja.Value { return vm.ToValue(true) }, func(goja.Value) goja.Value { return vm.ToValue(false) }},
		{"every", false, func(goja.Value) goja.Value { return vm.ToValue(false) }, func(goja.Value) goja.Value { return vm.ToValue(true) }},
		{"find", true, func(v goja.Value) goja.Value { return v }, func(goja.Value) goja.Value { return goja.Undefined() }},
	} {
		m := m
		if err := e.method(proto, m.name, 1, func(call goja.FunctionCall) goja.Value {
			o := e.iterReceiver(call.This, m.name)
			pred := e.iterCallable(o, call.Argument(0))
			r := e.iterDirect(o)
			for i := 0; ; i++ {
				v, done := e.step(r)
				if done {
					return m.exhausted(nil)
				}
				if e.callback(o, pred, v, counter(i)).ToBoolean() == m.stop {
					e.iterCloseNormal(o)
					return m.found(v)
				}
			}
		}); err != nil {
			return err
		}
	}
	return nil
}
