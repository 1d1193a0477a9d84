package webapi

import (
	"math"
	"strconv"
	"time"

	"github.com/dop251/goja"
)

// ---- Event ----

type eventState struct {
	typ                           string
	bubbles, cancelable, composed bool
	canceled, trusted             bool
	stop, stopImmediate           bool
	dispatching                   bool
	phase                         int
	target, current               goja.Value
	timeStamp                     float64
	detail                        goja.Value // a CustomEvent's (nil for an Event)
}

func (w *web) eventOf(v goja.Value) *eventState {
	st, ok := w.stateOf(v).(*eventState)
	if !ok {
		panic(w.invalidThis("Event"))
	}
	return st
}

func (w *web) eventClass() *class {
	if w.event != nil {
		return w.event
	}
	vm := w.vm
	c := w.newClass("Event", 1, nil, func(call goja.ConstructorCall) *goja.Object {
		if len(call.Arguments) == 0 {
			panic(w.missingArgs(`"type" argument`))
		}
		st := &eventState{typ: w.str(call.Argument(0)), timeStamp: w.now()}
		if o, ok := call.Argument(1).(*goja.Object); ok {
			flag := func(name string) bool { v := o.Get(name); return v != nil && v.ToBoolean() }
			st.bubbles, st.cancelable, st.composed = flag("bubbles"), flag("cancelable"), flag("composed")
		}
		w.bind(call.This, st)
		return nil
	})
	w.event = c
	p := c.proto
	ro := func(name string, f func(st *eventState) any) {
		w.accessor(p, name, func(call goja.FunctionCall) goja.Value {
			return vm.ToValue(f(w.eventOf(call.This)))
		}, nil)
	}
	orNull := func(v goja.Value) any {
		if v == nil {
			return goja.Null()
		}
		return v
	}
	ro("type", func(st *eventState) any { return st.typ })
	ro("bubbles", func(st *eventState) any { return st.bubbles })
	ro("cancelable", func(st *eventState) any { return st.cancelable })
	ro("composed", func(st *eventState) any { return st.composed })
	ro("defaultPrevented", func(st *eventState) any { return st.cancelable && st.canceled })
	ro("isTrusted", func(st *eventState) any { return st.trusted })
	ro("timeStamp", func(st *eventState) any { return st.timeStamp })
	ro("eventPhase", func(st *eventState) any { return st.phase })
	ro("target", func(st *eventState) any { return orNull(st.target) })
	ro("srcElement", func(st *eventState) any { return orNull(st.target) })
	ro("currentTarget", func(st *eventState) any { return orNull(st.current) })
	ro("returnValue", func(st *eventState) any { return !(st.cancelable && st.canceled) })
	ro("cancelBubble", func(st *eventState) any { return st.stop })
	w.method(p, "preventDefault", 0, func(call goja.FunctionCall) goja.Value {
		w.eventOf(call.This).canceled = true
		return goja.Undefined()
	})
	w.method(p, "stopPropagation", 0, func(call goja.FunctionCall) goja.Value {
		w.eventOf(call.This).stop = true
		return goja.Undefined()
	})
	w.method(p, "stopImmediatePropagation", 0, func(call goja.FunctionCall) goja.Value {
		st := w.eventOf(call.This)
		st.stop, st.stopImmediate = true, true
		return goja.Undefined()
	})
	w.method(p, "composedPath", 0, func(call goja.FunctionCall) goja.Value {
		st := w.eventOf(call.This)
		if st.current == nil {
			return vm.NewArray()
		}
		return vm.NewArray(st.current)
	})
	for i, k := range []string{"NONE", "CAPTURING_PHASE", "AT_TARGET", "BUBBLING_PHASE"} {
		w.constant(c.ctor, k, i)
		w.constant(p, k, i)
	}
	return c
}

// customEventClass is CustomEvent: an Event with a detail.
func (w *web) customEventClass() *class {
	if w.customEvent != nil {
		return w.customEvent
	}
	parent := w.eventClass()
	c := w.newClass("CustomEvent", 1, parent, func(call goja.ConstructorCall) *goja.Object {
		if len(call.Arguments) == 0 {
			panic(w.missingArgs(`"type" argument`))
		}
		st := &eventState{typ: w.str(call.Argument(0)), timeStamp: w.now()}
		detail := goja.Null()
		if o, ok := call.Argument(1).(*goja.Object); ok {
			flag := func(name string) bool { v := o.Get(name); return v != nil && v.ToBoolean() }
			st.bubbles, st.cancelable, st.composed = flag("bubbles"), flag("cancelable"), flag("composed")
			if d := o.Get("detail"); d != nil && !goja.IsUndefined(d) {
				detail = d
			}
		}
		st.detail = detail
		w.bind(call.This, st)
		return nil
	})
	w.customEvent = c
	w.accessor(c.proto, "detail", func(call goja.FunctionCall) goja.Value {
		st := w.eventOf(call.This)
		if st.detail == nil {
			panic(w.invalidThis("CustomEvent"))
		}
		return st.detail
	}, nil)
	return c
}

// ---- EventTarget ----

type listener struct {
	typ      string
	callback goja.Value // a function or an object with handleEvent
	capture  bool
	once     bool
	removed  bool
}

type targetState struct {
	listeners []*listener
	signal    *signalState // when the target is an AbortSignal
}

func (w *web) targetOf(v goja.Value) *targetState {
	switch st := w.stateOf(v).(type) {
	case *targetState:
		return st
	case *signalState:
		return &st.targetState
	}
	panic(w.invalidThis("EventTarget"))
}

func (w *web) eventTargetClass() *class {
	if w.eventTarget != nil {
		return w.eventTarget
	}
	vm := w.vm
	c := w.newClass("EventTarget", 0, nil, func(call goja.ConstructorCall) *goja.Object {
		w.bind(call.This, &targetState{})
		return nil
	})
	w.eventTarget = c
	p := c.proto
	// options reads capture (and once, signal) from a boolean or an object.
	options := func(v goja.Value, full bool) (capture, once bool, signal *signalState) {
		if o, ok := v.(*goja.Object); ok {
			flag := func(name string) bool { x := o.Get(name); return x != nil && x.ToBoolean() }
			capture = flag("capture")
			if full {
				once = flag("once")
				if s := o.Get("signal"); s != nil && !goja.IsUndefined(s) {
					sig, ok := w.stateOf(s).(*signalState)
					if !ok {
						panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE", `The "options.signal" property must be an instance of AbortSignal.`+receivedInstance(s)))
					}
					signal = sig
				}
			}
			return
		}
		return v.ToBoolean(), false, nil
	}
	w.method(p, "addEventListener", 2, func(call goja.FunctionCall) goja.Value {
		t := w.targetOf(call.This)
		if len(call.Arguments) < 2 {
			panic(w.missingArgs(`"type" and "listener" arguments`))
		}
		typ, cb := w.str(call.Argument(0)), call.Argument(1)
		capture, once, signal := options(call.Argument(2), true)
		if goja.IsNull(cb) || goja.IsUndefined(cb) {
			return goja.Undefined()
		}
		if _, ok := cb.(*goja.Object); !ok {
			panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE", `The "listener" argument must be an instance of EventListener. Received `+describeReceived(cb)))
		}
		if signal != nil && signal.aborted {
			return goja.Undefined()
		}
		for _, l := range t.listeners {
			if l.typ == typ && l.capture == capture && l.callback.SameAs(cb) {
				return goja.Undefined()
			}
		}
		l := &listener{typ: typ, callback: cb, capture: capture, once: once}
		t.listeners = append(t.listeners, l)
		if signal != nil {
			signal.algorithms = append(signal.algorithms, func() { t.remove(l) })
		}
		return goja.Undefined()
	})
	w.method(p, "removeEventListener", 2, func(call goja.FunctionCall) goja.Value {
		t := w.targetOf(call.This)
		typ, cb := w.str(call.Argument(0)), call.Argument(1)
		capture, _, _ := options(call.Argument(2), false)
		for _, l := range t.listeners {
			if l.typ == typ && l.capture == capture && l.callback.SameAs(cb) {
				t.remove(l)
				break
			}
		}
		return goja.Undefined()
	})
	w.method(p, "dispatchEvent", 1, func(call goja.FunctionCall) goja.Value {
		t := w.targetOf(call.This)
		ev, ok := w.stateOf(call.Argument(0)).(*eventState)
		if !ok {
			panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE", `The "event" argument must be an instance of Event.`+receivedInstance(call.Argument(0))))
		}
		if ev.dispatching {
			panic(w.newDOMException(nil, "InvalidStateError", "The event is already being dispatched", nil))
		}
		w.dispatch(t, call.This, call.Argument(0), ev)
		return vm.ToValue(!(ev.cancelable && ev.canceled))
	})
	return c
}

func (t *targetState) remove(l *listener) {
	l.removed = true
	for i, x := range t.listeners {
		if x == l {
			t.listeners = append(t.listeners[:i:i], t.listeners[i+1:]...)
			return
		}
	}
}

// dispatch calls target's listeners for the event, in order. A listener's
// exception does not stop the others: it is reported as uncaught, as Node
// does, after the dispatch.
func (w *web) dispatch(t *targetState, target, evObj goja.Value, ev *eventState) {
	ev.dispatching, ev.target, ev.current, ev.phase = true, target, target, 2
	var first goja.Value
	for _, l := range append([]*listener(nil), t.listeners...) {
		if ev.stopImmediate {
			break
		}
		if l.removed || l.typ != ev.typ {
			continue
		}
		if l.once {
			t.remove(l)
		}
		var err error
		if f, ok := goja.AssertFunction(l.callback); ok {
			_, err = f(target, evObj)
		} else if o, ok := l.callback.(*goja.Object); ok {
			if h, ok := goja.AssertFunction(o.Get("handleEvent")); ok {
				_, err = h(o, evObj)
			}
		}
		if err != nil {
			ex, ok := err.(*goja.Exception)
			if !ok {
				panic(err) // an interrupt: the job is being stopped
			}
			if first == nil {
				first = ex.Value()
			}
		}
	}
	ev.dispatching, ev.current, ev.phase = false, nil, 0
	ev.stop, ev.stopImmediate = false, false
	if first != nil {
		if w.host.ReportError != nil {
			w.host.ReportError(first)
		} else {
			panic(first)
		}
	}
}

// ---- AbortSignal and AbortController ----

type signalState struct {
	targetState
	aborted    bool
	reason     goja.Value
	onabort    goja.Value
	onabortL   *listener
	algorithms []func()
	dependents []*dependent
}

// dependent is a signal made by AbortSignal.any, aborted with its source
// (held strongly: a runtime runs one job).
type dependent struct {
	st  *signalState
	obj *goja.Object
}

func (w *web) signalOf(v goja.Value) *signalState {
	st, ok := w.stateOf(v).(*signalState)
	if !ok {
		panic(w.invalidThis("AbortSignal"))
	}
	return st
}

func (w *web) newSignal() (*goja.Object, *signalState) {
	o := w.vm.CreateObject(w.abortSignalClass().proto)
	st := &signalState{}
	st.signal = st
	w.bind(o, st)
	return o, st
}

// abort runs the standard's signal abort steps.
func (w *web) abort(obj *goja.Object, st *signalState, reason goja.Value) {
	if st.aborted {
		return
	}
	if reason == nil || goja.IsUndefined(reason) {
		reason = w.newDOMException(nil, "AbortError", "This operation was aborted", nil)
	}
	st.aborted, st.reason = true, reason
	algs := st.algorithms
	st.algorithms = nil
	for _, f := range algs {
		f()
	}
	ev := w.newEvent("abort", true)
	w.dispatch(&st.targetState, obj, ev, w.stateOf(ev).(*eventState))
	deps := st.dependents
	st.dependents = nil
	for _, d := range deps {
		w.abort(d.obj, d.st, reason)
	}
}

func (w *web) newEvent(typ string, trusted bool) *goja.Object {
	o := w.vm.CreateObject(w.eventClass().proto)
	w.bind(o, &eventState{typ: typ, trusted: trusted, timeStamp: w.now()})
	return o
}

func (w *web) abortSignalClass() *class {
	if w.abortSignal != nil {
		return w.abortSignal
	}
	vm := w.vm
	c := w.newClass("AbortSignal", 0, w.eventTargetClass(), func(call goja.ConstructorCall) *goja.Object {
		panic(w.nodeError(w.typeErrorCtor, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor"))
	})
	w.abortSignal = c
	p := c.proto
	w.accessor(p, "aborted", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(w.signalOf(call.This).aborted)
	}, nil)
	w.accessor(p, "reason", func(call goja.FunctionCall) goja.Value {
		st := w.signalOf(call.This)
		if st.reason == nil {
			return goja.Undefined()
		}
		return st.reason
	}, nil)
	w.method(p, "throwIfAborted", 0, func(call goja.FunctionCall) goja.Value {
		st := w.signalOf(call.This)
		if st.aborted {
			panic(st.reason)
		}
		return goja.Undefined()
	})
	w.accessor(p, "onabort", func(call goja.FunctionCall) goja.Value {
		st := w.signalOf(call.This)
		if st.onabort == nil {
			return goja.Null()
		}
		return st.onabort
	}, func(call goja.FunctionCall) goja.Value {
		st := w.signalOf(call.This)
		v := call.Argument(0)
		if _, ok := goja.AssertFunction(v); !ok {
			v = nil
		}
		st.onabort = v
		if v == nil {
			if st.onabortL != nil {
				st.remove(st.onabortL)
				st.onabortL = nil
			}
			return goja.Undefined()
		}
		if st.onabortL == nil || st.onabortL.removed {
			st.onabortL = &listener{typ: "abort"}
			st.listeners = append(st.listeners, st.onabortL)
		}
		st.onabortL.callback = v
		return goja.Undefined()
	})
	w.method(c.ctor, "abort", 0, func(call goja.FunctionCall) goja.Value {
		o, st := w.newSignal()
		w.abort(o, st, call.Argument(0))
		return o
	})
	w.method(c.ctor, "timeout", 1, func(call goja.FunctionCall) goja.Value {
		v := call.Argument(0)
		ms := v.ToFloat()
		if _, isObj := v.(*goja.Object); isObj || goja.IsUndefined(v) || math.IsNaN(ms) || ms < 0 || ms > math.MaxUint32*2 || ms != math.Trunc(ms) {
			panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE", `The "delay" argument must be of type number. Received `+describeReceived(v)))
		}
		if w.host.SetTimeout == nil {
			panic(w.notSupported("AbortSignal.timeout"))
		}
		o, st := w.newSignal()
		w.host.SetTimeout(func() {
			w.abort(o, st, w.newDOMException(nil, "TimeoutError", "The operation was aborted due to timeout", nil))
		}, time.Duration(ms*float64(time.Millisecond)), true)
		return o
	})
	w.method(c.ctor, "any", 1, func(call goja.FunctionCall) goja.Value {
		var sources []*goja.Object
		src, ok := call.Argument(0).(*goja.Object)
		if !ok {
			panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE", `The "signals" argument must be an instance of Array. Received `+describeReceived(call.Argument(0))))
		}
		vm.ForOf(src, func(v goja.Value) bool {
			if _, ok := w.stateOf(v).(*signalState); !ok {
				panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE", `The "signals[`+strconv.Itoa(len(sources))+`]" argument must be an instance of AbortSignal.`+receivedInstance(v)))
			}
			sources = append(sources, v.(*goja.Object))
			return true
		})
		o, st := w.newSignal()
		for _, s := range sources {
			sst := w.signalOf(s)
			if sst.aborted {
				st.aborted, st.reason = true, sst.reason
				return o
			}
		}
		for _, s := range sources {
			sst := w.signalOf(s)
			sst.dependents = append(sst.dependents, &dependent{st: st, obj: o})
		}
		return o
	})
	return c
}

func (w *web) abortControllerClass() *class {
	if w.abortController != nil {
		return w.abortController
	}
	type controller struct {
		signal *goja.Object
		st     *signalState
	}
	c := w.newClass("AbortController", 0, nil, func(call goja.ConstructorCall) *goja.Object {
		o, st := w.newSignal()
		w.bind(call.This, &controller{signal: o, st: st})
		return nil
	})
	w.abortController = c
	ctl := func(v goja.Value) *controller {
		st, ok := w.stateOf(v).(*controller)
		if !ok {
			panic(w.invalidThis("AbortController"))
		}
		return st
	}
	w.accessor(c.proto, "signal", func(call goja.FunctionCall) goja.Value {
		return ctl(call.This).signal
	}, nil)
	w.method(c.proto, "abort", 0, func(call goja.FunctionCall) goja.Value {
		k := ctl(call.This)
		w.abort(k.signal, k.st, call.Argument(0))
		return goja.Undefined()
	})
	return c
}
