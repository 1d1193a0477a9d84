package builtins

import "github.com/dop251/goja"

// installDisposable adds DisposableStack and AsyncDisposableStack. The
// constructors and prototypes are made here, the prototypes' methods when
// first reachable (see ctor); dispose.js, compiled when the first stack is
// made, holds their state and behaviour.
func (e *env) installDisposable() error {
	for _, async := range []bool{false, true} {
		name, prefix, disposeName, disposeSym := "DisposableStack", "sync", "dispose", e.dispose
		if async {
			name, prefix, disposeName, disposeSym = "AsyncDisposableStack", "async", "disposeAsync", e.asyncDispose
		}
		var init goja.Callable
		isAsync := e.vm.ToValue(async)
		proto := e.vm.NewObject()
		fill := func() { // in V8's property order
			method := func(name, export string, length int) *goja.Object {
				f := e.lazy("dispose", export, name, length)
				rethrow(proto.DefineDataProperty(name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
				return f
			}
			method("use", prefix+"Use", 1)
			disposeFn := method(disposeName, disposeName, 0)
			method("adopt", prefix+"Adopt", 2)
			method("defer", prefix+"Defer", 1)
			method("move", prefix+"Move", 0)
			rethrow(proto.DefineAccessorProperty("disposed", e.lazy("dispose", prefix+"Disposed", "get disposed", 0), nil, goja.FLAG_TRUE, goja.FLAG_FALSE))
			rethrow(proto.DefineDataPropertySymbol(disposeSym, disposeFn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
			rethrow(e.toStringTag(proto, name))
		}
		c := e.ctor(name, 0, proto, fill, func(_ []goja.Value, newTarget *goja.Object) *goja.Object {
			o := e.instance(newTarget, proto)
			if init == nil {
				init, _ = goja.AssertFunction(e.load("dispose").Get("init"))
			}
			_, err := init(goja.Undefined(), o, isAsync)
			rethrow(err)
			return o
		})
		e.made[name+"Prototype"] = proto
		if err := e.global(name, c); err != nil {
			return err
		}
	}
	return nil
}
