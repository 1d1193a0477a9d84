package builtins

import "github.com/dop251/goja"

// iteratorHelpers are the methods ES2025 adds to Iterator.prototype that
// return helper objects, with their lengths; iterator.js implements them
// (the consuming ones are Go: iterconsume.go).
var iteratorHelpers = []struct {
	name   string
	length int
}{
	{"map", 1}, {"filter", 1}, {"take", 1}, {"drop", 1}, {"flatMap", 1},
}

// installIterator adds the global Iterator, whose prototype is goja's
// existing %IteratorPrototype% (so that every built-in iterator and every
// generator inherits the helpers), Iterator.from, the helpers, and
// Iterator.prototype[Symbol.dispose].
func (e *env) installIterator() error {
	// new Iterator() and Iterator() both reach here without a new target;
	// a subclass's super() brings its own.
	var iterator *goja.Object
	iterator = e.nativeCtor("Iterator", 0, func(call goja.ConstructorCall) *goja.Object {
		if call.NewTarget == nil || call.NewTarget.SameAs(iterator) {
			e.typeError("Abstract class Iterator not directly constructable")
		}
		return call.This
	})
	e.made["Iterator"] = iterator
	proto := e.iteratorProto
	if err := iterator.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := iterator.DefineDataProperty("from", e.lazy("iterator", "from", "from", 1), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	for _, h := range iteratorHelpers {
		if err := e.lazyMethod(proto, "iterator", h.name, h.length); err != nil {
			return err
		}
	}
	if err := e.installIteratorConsumers(proto); err != nil {
		return err
	}
	// constructor and @@toStringTag are accessors whose setters ignore
	// Iterator.prototype itself (SetterThatIgnoresPrototypeProperties), so
	// that assigning them on an iterator instance works even though the
	// prototype's property is not a writable data property.
	ctorGet := e.fn("get constructor", 0, func(goja.FunctionCall) goja.Value { return iterator })
	ctorSet := e.fn("set constructor", 1, func(call goja.FunctionCall) goja.Value {
		e.setIgnoringPrototype(call.This, proto, "constructor", nil, call.Argument(0))
		return goja.Undefined()
	})
	if err := proto.DefineAccessorProperty("constructor", ctorGet, ctorSet, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	tagGet := e.fn("get [Symbol.toStringTag]", 0, func(goja.FunctionCall) goja.Value { return e.vm.ToValue("Iterator") })
	tagSet := e.fn("set [Symbol.toStringTag]", 1, func(call goja.FunctionCall) goja.Value {
		e.setIgnoringPrototype(call.This, proto, "", goja.SymToStringTag, call.Argument(0))
		return goja.Undefined()
	})
	if err := proto.DefineAccessorPropertySymbol(goja.SymToStringTag, tagGet, tagSet, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := e.symMethod(proto, e.dispose, "Symbol.dispose", 0, func(call goja.FunctionCall) goja.Value {
		o := call.This.ToObject(e.vm)
		ret := o.Get("return")
		if ret == nil || goja.IsUndefined(ret) || goja.IsNull(ret) {
			return goja.Undefined()
		}
		f, ok := goja.AssertFunction(ret)
		if !ok {
			e.typeError("iterator.return is not a function")
		}
		_, err := f(o)
		rethrow(err)
		return goja.Undefined()
	}); err != nil {
		return err
	}
	return e.global("Iterator", iterator)
}

// setIgnoringPrototype is SetterThatIgnoresPrototypeProperties(this, home,
// p, v): a TypeError on a primitive or on home itself, else an own data
// property on this.
func (e *env) setIgnoringPrototype(this goja.Value, home *goja.Object, name string, sym *goja.Symbol, v goja.Value) {
	o, ok := this.(*goja.Object)
	if !ok {
		e.typeError("Iterator.prototype setter called on non-object")
	}
	if o.SameAs(home) {
		e.typeError("Cannot assign to read only property of Iterator.prototype")
	}
	var own bool
	var key goja.Value
	if sym != nil {
		key = sym
	} else {
		key = e.vm.ToValue(name)
	}
	own = e.hasOwn(o, key)
	var err error
	switch {
	case own && sym != nil:
		err = o.SetSymbol(sym, v)
	case own:
		err = o.Set(name, v)
	case sym != nil:
		err = o.DefineDataPropertySymbol(sym, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	default:
		err = o.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	rethrow(err)
}

// hasOwn calls the Object.prototype.hasOwnProperty captured at Install.
func (e *env) hasOwn(o *goja.Object, key goja.Value) bool {
	v, err := e.hasOwnProperty(o, key)
	rethrow(err)
	return v.ToBoolean()
}
