package webapi

import (
	"time"

	"github.com/dop251/goja"
)

type performanceState struct{}

// now is performance.now(): milliseconds since the runtime was created,
// from the monotonic clock, with sub-millisecond precision.
func (w *web) now() float64 {
	return float64(time.Since(w.start).Nanoseconds()) / 1e6
}

// performance builds globalThis.performance: now, timeOrigin and toJSON.
func (w *web) performance() *goja.Object {
	if w.performanceObj != nil {
		return w.performanceObj
	}
	vm := w.vm
	proto := vm.CreateObject(w.objectProto)
	must(proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Performance"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
	check := func(v goja.Value) {
		if _, ok := w.stateOf(v).(*performanceState); !ok {
			panic(w.invalidThis("Performance"))
		}
	}
	origin := float64(w.start.UnixNano()) / 1e6
	w.method(proto, "now", 0, func(call goja.FunctionCall) goja.Value {
		check(call.This)
		return vm.ToValue(w.now())
	})
	w.accessor(proto, "timeOrigin", func(call goja.FunctionCall) goja.Value {
		check(call.This)
		return vm.ToValue(origin)
	}, nil)
	w.method(proto, "toJSON", 0, func(call goja.FunctionCall) goja.Value {
		check(call.This)
		return w.object("timeOrigin", origin)
	})
	p := vm.CreateObject(proto)
	w.bind(p, &performanceState{})
	w.performanceObj = p
	return p
}
