package builtins

import "github.com/dop251/goja"

// installDisposable adds DisposableStack and AsyncDisposableStack. The
// constructors and prototypes are made here; dispose.js, compiled when the
// first stack is made, holds their state and behaviour.
func (e *env) installDisposable() error {
	for _, async := range []bool{false, true} {
		name, prefix, disposeName, disposeSym := "DisposableStack", "sync", "dispose", e.dispose
		if async {
			name, prefix, disposeName, disposeSym = "AsyncDisposableStack", "async", "disposeAsync", e.asyncDispose
		}
		var init goja.Callable
		isAsync := e.vm.ToValue(async)
		proto := e.vm.NewObject()
		c := e.ctor(name, 0, func(_ []goja.Value, newTarget *goja.Object) *goja.Object {
			o := e.instance(newTarget, proto)
			if init == nil {
				init, _ = goja.AssertFunction(e.load("dispose").Get("init"))
			}
			_, err := init(goja.Undefined(), o, isAsync)
			rethrow(err)
			return o
		})
		if err := e.proto(c, proto); err != nil {
			return err
		}
		for _, m := range []struct {
			name, export string
			length       int
		}{{"adopt", prefix + "Adopt", 2}, {"defer", prefix + "Defer", 1}, {"move", prefix + "Move", 0}, {"use", prefix + "Use", 1}} {
			if err := proto.DefineDataProperty(m.name, e.lazy("dispose", m.export, m.name, m.length), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
				return err
			}
		}
		disposeFn := e.lazy("dispose", disposeName, disposeName, 0)
		if err := proto.DefineDataProperty(disposeName, disposeFn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
		if err := proto.DefineDataPropertySymbol(disposeSym, disposeFn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
		if err := proto.DefineAccessorProperty("disposed", e.lazy("dispose", prefix+"Disposed", "get disposed", 0), nil, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
		if err := e.toStringTag(proto, name); err != nil {
			return err
		}
		e.made[name+"Prototype"] = proto
		if err := e.global(name, c); err != nil {
			return err
		}
	}
	return nil
}
