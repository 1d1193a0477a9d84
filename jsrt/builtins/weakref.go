package builtins

import "github.com/dop251/goja"

// registry is one FinalizationRegistry's cells, by unregister token.
// goja cannot observe garbage collection, so no cleanup callback ever runs
// (the specification makes cleanup optional): the registry keeps only what
// unregister needs.
type registry struct {
	tokens map[goja.Value]int // unregister token → live cells with it
}

// canBeHeldWeakly: an object, or a symbol not in the global registry.
func (e *env) canBeHeldWeakly(v goja.Value) bool {
	switch x := v.(type) {
	case *goja.Object:
		return true
	case *goja.Symbol:
		r, err := e.symbolKeyFor(goja.Undefined(), x)
		rethrow(err)
		return goja.IsUndefined(r)
	}
	return false
}

// installWeakRef adds WeakRef and FinalizationRegistry. A WeakRef holds its
// target strongly and deref() always returns it; a FinalizationRegistry
// never calls its cleanup callback. Both are allowed by the specification
// (an implementation need not ever collect), and both are what a program
// can observe under goja, which has no weak references.
func (e *env) installWeakRef() error {
	vm := e.vm
	e.refs = map[*goja.Object]goja.Value{}
	e.regs = map[*goja.Object]*registry{}

	weakRefProto := vm.NewObject()
	if err := e.toStringTag(weakRefProto, "WeakRef"); err != nil {
		return err
	}
	weakRef := e.ctor("WeakRef", 1, weakRefProto, func() {
		rethrow(e.method(weakRefProto, "deref", 0, func(call goja.FunctionCall) goja.Value {
			o, _ := call.This.(*goja.Object)
			target, ok := e.refs[o]
			if !ok {
				e.typeError("WeakRef.prototype.deref: receiver is not a WeakRef")
			}
			return target
		}))
	}, func(args []goja.Value, newTarget *goja.Object) *goja.Object {
		target := arg(args, 0)
		if !e.canBeHeldWeakly(target) {
			e.typeError("WeakRef: invalid target")
		}
		o := e.instance(newTarget, weakRefProto)
		e.refs[o] = target
		return o
	})

	finRegProto := vm.NewObject()
	if err := e.toStringTag(finRegProto, "FinalizationRegistry"); err != nil {
		return err
	}
	thisRegistry := func(this goja.Value, method string) *registry {
		o, _ := this.(*goja.Object)
		r, ok := e.regs[o]
		if !ok {
			e.typeError("FinalizationRegistry.prototype.%s: receiver is not a FinalizationRegistry", method)
		}
		return r
	}
	finReg := e.ctor("FinalizationRegistry", 1, finRegProto, func() {
		rethrow(e.method(finRegProto, "register", 2, func(call goja.FunctionCall) goja.Value {
			r := thisRegistry(call.This, "register")
			target, held, token := call.Argument(0), call.Argument(1), call.Argument(2)
			if !e.canBeHeldWeakly(target) {
				e.typeError("FinalizationRegistry.prototype.register: invalid target")
			}
			if target.SameAs(held) {
				e.typeError("FinalizationRegistry.prototype.register: target and holdings must not be same")
			}
			if !e.canBeHeldWeakly(token) {
				if !goja.IsUndefined(token) {
					e.typeError("Invalid unregisterToken ('%s')", describe(token))
				}
				return goja.Undefined()
			}
			r.tokens[token]++
			return goja.Undefined()
		}))
		rethrow(e.method(finRegProto, "unregister", 1, func(call goja.FunctionCall) goja.Value {
			r := thisRegistry(call.This, "unregister")
			token := call.Argument(0)
			if !e.canBeHeldWeakly(token) {
				e.typeError("Invalid unregisterToken ('%s')", describe(token))
			}
			n := r.tokens[token]
			delete(r.tokens, token)
			return vm.ToValue(n > 0)
		}))
	}, func(args []goja.Value, newTarget *goja.Object) *goja.Object {
		if _, ok := goja.AssertFunction(arg(args, 0)); !ok {
			e.typeError("FinalizationRegistry: cleanup must be callable")
		}
		o := e.instance(newTarget, finRegProto)
		e.regs[o] = &registry{tokens: map[goja.Value]int{}}
		return o
	})
	if err := e.global("WeakRef", weakRef); err != nil {
		return err
	}
	return e.global("FinalizationRegistry", finReg)
}
