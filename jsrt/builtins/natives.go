package builtins

import (
	"github.com/dop251/goja"
)

// installSymbols adds Symbol.asyncIterator, Symbol.dispose and
// Symbol.asyncDispose: unique symbols, as in V8. goja has no async
// iteration of its own, but code lowered by esbuild (async generators,
// for await, using), Array.fromAsync and user code must agree on one symbol
// each.
func (e *env) installSymbols() error {
	for _, s := range []struct {
		name string
		sym  **goja.Symbol
	}{{"asyncIterator", &e.asyncIterator}, {"dispose", &e.dispose}, {"asyncDispose", &e.asyncDispose}} {
		// one already there (goja's own, some day) is the one to use
		if existing, ok := e.symbol.Get(s.name).(*goja.Symbol); ok {
			*s.sym = existing
			continue
		}
		if err := e.symbol.DefineDataProperty(s.name, *s.sym, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	return nil
}

// installObject adds Object.groupBy, Map.groupBy and the Annex B accessor
// methods of Object.prototype.
func (e *env) installObject() error {
	if err := e.object.DefineDataProperty("groupBy", e.lazy("groupby", "objectGroupBy", "groupBy", 2), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := e.mapCtor.DefineDataProperty("groupBy", e.lazy("groupby", "mapGroupBy", "groupBy", 2), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	for _, m := range []struct {
		name   string
		length int
	}{{"__defineGetter__", 2}, {"__defineSetter__", 2}, {"__lookupGetter__", 1}, {"__lookupSetter__", 1}} {
		if err := e.lazyMethod(e.objectProto, "legacy", m.name, m.length); err != nil {
			return err
		}
	}
	return nil
}

// installArray adds Array.fromAsync.
func (e *env) installArray() error {
	return e.lazyMethod(e.array, "fromasync", "fromAsync", 1)
}

// installDate adds the Annex B Date.prototype.getYear, setYear and
// toGMTString (the same function object as toUTCString).
func (e *env) installDate() error {
	dateProto := e.vm.Get("Date").ToObject(e.vm).Get("prototype").ToObject(e.vm)
	if err := dateProto.DefineDataProperty("toGMTString", dateProto.Get("toUTCString"), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := e.lazyMethod(dateProto, "legacy", "getYear", 0); err != nil {
		return err
	}
	return e.lazyMethod(dateProto, "legacy", "setYear", 1)
}
