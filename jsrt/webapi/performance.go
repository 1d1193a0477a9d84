package webapi

import (
	"math"
	"reflect"
	"slices"
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
	w.userTiming(proto, check)
	p := vm.CreateObject(proto)
	w.bind(p, &performanceState{})
	w.performanceObj = p
	return p
}

// ---- User Timing: mark, measure and the entries they keep ----

type perfEntry struct {
	name, entryType     string
	startTime, duration float64
	detail              goja.Value
}

// buffered is an entry in the performance timeline's buffer, which holds
// its object (the entry's own state must not: that would keep it for good).
type buffered struct {
	*perfEntry
	obj *goja.Object
}

func (w *web) userTiming(proto *goja.Object, check func(goja.Value)) {
	vm := w.vm
	var entries []buffered
	base := w.newClass("PerformanceEntry", 0, nil, func(goja.ConstructorCall) *goja.Object {
		panic(w.nodeError(w.typeErrorCtor, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor"))
	})
	entryOf := func(v goja.Value) *perfEntry {
		e, ok := w.stateOf(v).(*perfEntry)
		if !ok {
			panic(w.invalidThis("PerformanceEntry"))
		}
		return e
	}
	w.accessor(base.proto, "name", func(c goja.FunctionCall) goja.Value { return vm.ToValue(entryOf(c.This).name) }, nil)
	w.accessor(base.proto, "entryType", func(c goja.FunctionCall) goja.Value { return vm.ToValue(entryOf(c.This).entryType) }, nil)
	w.accessor(base.proto, "startTime", func(c goja.FunctionCall) goja.Value { return vm.ToValue(entryOf(c.This).startTime) }, nil)
	w.accessor(base.proto, "duration", func(c goja.FunctionCall) goja.Value { return vm.ToValue(entryOf(c.This).duration) }, nil)
	w.method(base.proto, "toJSON", 0, func(c goja.FunctionCall) goja.Value {
		e := entryOf(c.This)
		return w.object("name", e.name, "entryType", e.entryType, "startTime", e.startTime, "duration", e.duration, "detail", e.detail)
	})
	illegal := func(goja.ConstructorCall) *goja.Object {
		panic(w.nodeError(w.typeErrorCtor, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor"))
	}
	markClass := w.newClass("PerformanceMark", 0, base, illegal)
	measureClass := w.newClass("PerformanceMeasure", 0, base, illegal)
	for _, c := range []*class{markClass, measureClass} {
		w.accessor(c.proto, "detail", func(c goja.FunctionCall) goja.Value { return entryOf(c.This).detail }, nil)
	}
	clone, _ := goja.AssertFunction(w.structuredClone)
	detailOf := func(v goja.Value) goja.Value {
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			return goja.Null()
		}
		if clone == nil {
			return v
		}
		c, err := clone(goja.Undefined(), v)
		if err != nil {
			panic(err)
		}
		return c
	}
	add := func(e *perfEntry, c *class) goja.Value {
		obj := vm.CreateObject(c.proto)
		w.bind(obj, e)
		// Sorted by start time; a later entry goes after equal ones.
		i, _ := slices.BinarySearchFunc(entries, e.startTime, func(x buffered, t float64) int {
			if x.startTime <= t {
				return -1
			}
			return 1
		})
		entries = slices.Insert(entries, i, buffered{e, obj})
		return obj
	}
	timestamp := func(v goja.Value) float64 {
		t := v.ToFloat()
		if math.IsNaN(t) || t < 0 {
			panic(w.nodeError(w.typeErrorCtor, "ERR_PERFORMANCE_INVALID_TIMESTAMP", v.String()+" is not a valid timestamp"))
		}
		return t
	}
	// markTime is a mark's start time (the latest of that name) or a
	// timestamp.
	markTime := func(v goja.Value) float64 {
		if _, isNum := v.Export().(int64); !isNum {
			if _, isFloat := v.Export().(float64); !isFloat {
				name := w.str(v)
				for i := len(entries) - 1; i >= 0; i-- {
					if entries[i].entryType == "mark" && entries[i].name == name {
						return entries[i].startTime
					}
				}
				panic(w.newDOMException(nil, "SyntaxError", `The "`+name+`" performance mark has not been set`, nil))
			}
		}
		return timestamp(v)
	}
	present := func(o *goja.Object, name string) (goja.Value, bool) {
		if o == nil {
			return nil, false
		}
		v := o.Get(name)
		return v, v != nil && !goja.IsUndefined(v)
	}
	w.method(proto, "mark", 1, func(call goja.FunctionCall) goja.Value {
		check(call.This)
		if len(call.Arguments) == 0 {
			panic(w.missingArgs(`"name" argument`))
		}
		e := &perfEntry{name: w.str(call.Argument(0)), entryType: "mark", startTime: w.now(), detail: goja.Null()}
		if o, ok := call.Argument(1).(*goja.Object); ok {
			if v, ok := present(o, "startTime"); ok {
				e.startTime = timestamp(v)
			}
			v, _ := present(o, "detail")
			e.detail = detailOf(v)
		}
		return add(e, markClass)
	})
	w.method(proto, "measure", 1, func(call goja.FunctionCall) goja.Value {
		check(call.This)
		if len(call.Arguments) == 0 {
			panic(w.missingArgs(`"name" argument`))
		}
		e := &perfEntry{name: w.str(call.Argument(0)), entryType: "measure", detail: goja.Null()}
		startOrOptions, endMark := call.Argument(1), call.Argument(2)
		var opts *goja.Object
		if o, ok := startOrOptions.(*goja.Object); ok {
			opts = o
		}
		start, hasStart := present(opts, "start")
		end, hasEnd := present(opts, "end")
		duration, hasDuration := present(opts, "duration")
		detail, hasDetail := present(opts, "detail")
		if opts != nil && (hasStart || hasEnd || hasDuration || hasDetail) {
			if !goja.IsUndefined(endMark) {
				panic(w.nodeError(w.typeErrorCtor, "ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS", "endMark must not be specified"))
			}
			if hasStart && hasEnd && hasDuration {
				panic(w.nodeError(w.typeErrorCtor, "ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS", "Must not have options.start, options.end, and options.duration specified"))
			}
		} else {
			opts = nil
			hasStart, hasEnd, hasDuration, hasDetail = false, false, false, false
		}
		var endTime float64
		switch {
		case !goja.IsUndefined(endMark):
			endTime = markTime(endMark)
		case hasEnd:
			endTime = markTime(end)
		case hasStart && hasDuration:
			endTime = markTime(start) + timestamp(duration)
		default:
			endTime = w.now()
		}
		var startTime float64
		switch {
		case hasStart:
			startTime = markTime(start)
		case hasDuration && hasEnd:
			startTime = endTime - timestamp(duration)
		case opts == nil && isString(startOrOptions): // as in Node: another value is 0
			startTime = markTime(startOrOptions)
		}
		e.startTime, e.duration = startTime, endTime-startTime
		if hasDetail {
			e.detail = detailOf(detail)
		}
		return add(e, measureClass)
	})
	list := func(keep func(*perfEntry) bool) goja.Value {
		var out []any
		for _, e := range entries {
			if keep(e.perfEntry) {
				out = append(out, e.obj)
			}
		}
		return vm.NewArray(out...)
	}
	w.method(proto, "getEntries", 0, func(call goja.FunctionCall) goja.Value {
		check(call.This)
		return list(func(*perfEntry) bool { return true })
	})
	w.method(proto, "getEntriesByName", 1, func(call goja.FunctionCall) goja.Value {
		check(call.This)
		name := w.str(call.Argument(0))
		typ, anyType := "", goja.IsUndefined(call.Argument(1))
		if !anyType {
			typ = w.str(call.Argument(1))
		}
		return list(func(e *perfEntry) bool { return e.name == name && (anyType || e.entryType == typ) })
	})
	w.method(proto, "getEntriesByType", 1, func(call goja.FunctionCall) goja.Value {
		check(call.This)
		typ := w.str(call.Argument(0))
		return list(func(e *perfEntry) bool { return e.entryType == typ })
	})
	clearer := func(typ string) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			check(call.This)
			all := goja.IsUndefined(call.Argument(0))
			name := ""
			if !all {
				name = w.str(call.Argument(0))
			}
			entries = slices.DeleteFunc(entries, func(e buffered) bool {
				return e.entryType == typ && (all || e.name == name)
			})
			return goja.Undefined()
		}
	}
	w.method(proto, "clearMarks", 0, clearer("mark"))
	w.method(proto, "clearMeasures", 0, clearer("measure"))
}

func isString(v goja.Value) bool {
	_, ok := v.Export().(string)
	return ok && v.ExportType().Kind() == reflect.String
}
