package jsrt

import (
	"container/heap"
	"math"
	"time"

	"github.com/dop251/goja"
)

// MaxTimers bounds the timers one job may have pending at once; past it
// setTimeout and setInterval throw a RangeError.
const MaxTimers = 10000

type timer struct {
	id       int64
	due      time.Time
	seq      uint64 // creation order breaks ties, as in Node
	fn       goja.Callable
	args     []goja.Value
	interval time.Duration
	repeat   bool
	unref    bool // does not keep the job alive (AbortSignal.timeout)
	index    int
}

// timerQueue is a min-heap of timers by due time, then creation order.
type timerQueue struct {
	items  []*timer
	byID   map[int64]*timer
	nextID int64
	seq    uint64
	unref  int // how many of the pending timers are unref'd

	nextNative int64 // the last id given to a native timer (negative)
}

func (q *timerQueue) Len() int { return len(q.items) }
func (q *timerQueue) Less(i, j int) bool {
	a, b := q.items[i], q.items[j]
	if !a.due.Equal(b.due) {
		return a.due.Before(b.due)
	}
	return a.seq < b.seq
}
func (q *timerQueue) Swap(i, j int) {
	q.items[i], q.items[j] = q.items[j], q.items[i]
	q.items[i].index = i
	q.items[j].index = j
}
func (q *timerQueue) Push(x any) {
	t := x.(*timer)
	t.index = len(q.items)
	q.items = append(q.items, t)
}
func (q *timerQueue) Pop() any {
	n := len(q.items)
	t := q.items[n-1]
	q.items[n-1] = nil
	q.items = q.items[:n-1]
	t.index = -1
	return t
}

func (q *timerQueue) add(t *timer) {
	if q.byID == nil {
		q.byID = make(map[int64]*timer)
	}
	q.seq++
	t.seq = q.seq
	q.byID[t.id] = t
	if t.unref {
		q.unref++
	}
	heap.Push(q, t)
}

// done forgets a timer that was popped to run and will not repeat.
func (q *timerQueue) done(t *timer) {
	delete(q.byID, t.id)
	if t.unref {
		q.unref--
	}
}

// refd tells whether any pending timer keeps the job alive.
func (q *timerQueue) refd() bool { return q.Len() > q.unref }

func (q *timerQueue) remove(id int64) {
	t, ok := q.byID[id]
	if !ok {
		return
	}
	delete(q.byID, id)
	if t.unref {
		q.unref--
	}
	if t.index >= 0 {
		heap.Remove(q, t.index)
	}
}

// delay converts a setTimeout delay as Node does: non-numbers are coerced,
// and anything below 1 ms, NaN or above 2^31-1 ms becomes 1 ms.
func delay(v goja.Value) time.Duration {
	ms := 1.0
	if v != nil && !goja.IsUndefined(v) {
		ms = v.ToFloat()
	}
	if math.IsNaN(ms) || ms < 1 || ms > math.MaxInt32 {
		ms = 1
	}
	return time.Duration(ms * float64(time.Millisecond))
}

func (rt *Runtime) schedule(call goja.FunctionCall, repeat bool) goja.Value {
	fn, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		panic(rt.vm.NewTypeError(`The "callback" argument must be of type function`))
	}
	if rt.timers.Len() >= MaxTimers {
		panic(rt.rangeError("too many pending timers (the limit is 10000)"))
	}
	d := delay(call.Argument(1))
	var args []goja.Value
	if len(call.Arguments) > 2 {
		args = append(args, call.Arguments[2:]...)
	}
	rt.timers.nextID++
	t := &timer{id: rt.timers.nextID, due: time.Now().Add(d), fn: fn, args: args, interval: d, repeat: repeat}
	rt.timers.add(t)
	return rt.timeoutObject(t.id)
}

// timeoutObject returns what Node's setTimeout and setInterval return: a
// Timeout object, with ref, unref, hasRef, refresh, close and a
// Symbol.toPrimitive that gives the timer's id (so +t and clearTimeout(t)
// both work, and an unref'd timer does not keep the job alive).
func (rt *Runtime) timeoutObject(id int64) goja.Value {
	vm := rt.vm
	if rt.timeoutProto == nil {
		rt.timerID = goja.NewSymbol("timerId")
		proto := vm.NewObject()
		this := func(call goja.FunctionCall) (*timer, bool) {
			o, ok := call.This.(*goja.Object)
			if !ok {
				panic(vm.NewTypeError("not a Timeout"))
			}
			v := o.GetSymbol(rt.timerID)
			if v == nil {
				panic(vm.NewTypeError("not a Timeout"))
			}
			t, pending := rt.timers.byID[v.ToInteger()]
			return t, pending
		}
		method := func(name string, length int, f func(call goja.FunctionCall) goja.Value) {
			_ = proto.DefineDataProperty(name, vm.NewNativeFunction(name, length, f), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
		setRef := func(ref bool) func(goja.FunctionCall) goja.Value {
			return func(call goja.FunctionCall) goja.Value {
				if t, ok := this(call); ok && t.unref == ref {
					t.unref = !ref
					if ref {
						rt.timers.unref--
					} else {
						rt.timers.unref++
					}
				}
				return call.This
			}
		}
		method("ref", 0, setRef(true))
		method("unref", 0, setRef(false))
		method("hasRef", 0, func(call goja.FunctionCall) goja.Value {
			t, ok := this(call)
			return vm.ToValue(!ok || !t.unref)
		})
		method("refresh", 0, func(call goja.FunctionCall) goja.Value {
			if t, ok := this(call); ok && t.index >= 0 {
				t.due = time.Now().Add(t.interval)
				heap.Fix(&rt.timers, t.index)
			}
			return call.This
		})
		method("close", 0, func(call goja.FunctionCall) goja.Value {
			if t, ok := this(call); ok {
				rt.timers.remove(t.id)
			}
			return call.This
		})
		toPrim := vm.NewNativeFunction("[Symbol.toPrimitive]", 0, func(call goja.FunctionCall) goja.Value {
			o, ok := call.This.(*goja.Object)
			if !ok || o.GetSymbol(rt.timerID) == nil {
				panic(vm.NewTypeError("not a Timeout"))
			}
			return o.GetSymbol(rt.timerID)
		})
		_ = proto.DefineDataPropertySymbol(goja.SymToPrimitive, toPrim, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		ctor := vm.NewNativeFunction("Timeout", 0, func(goja.FunctionCall) goja.Value {
			panic(vm.NewTypeError("Illegal constructor"))
		})
		_ = ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		_ = proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		rt.timeoutProto = proto
	}
	o := vm.CreateObject(rt.timeoutProto)
	_ = o.DefineDataPropertySymbol(rt.timerID, vm.ToValue(id), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	return o
}

// setNativeTimeout runs fn after d on the event loop, for the web globals
// (AbortSignal.timeout); an unref'd timer does not keep the job alive.
func (rt *Runtime) setNativeTimeout(fn func(), d time.Duration, unref bool) (cancel func()) {
	if rt.timers.Len() >= MaxTimers {
		panic(rt.rangeError("too many pending timers (the limit is 10000)"))
	}
	cb, _ := goja.AssertFunction(rt.vm.ToValue(func(goja.FunctionCall) goja.Value {
		fn()
		return goja.Undefined()
	}))
	// Negative ids: clearTimeout (which takes positive ones) cannot reach it.
	rt.timers.nextNative--
	t := &timer{id: rt.timers.nextNative, due: time.Now().Add(d), fn: cb, interval: d, unref: unref}
	rt.timers.add(t)
	return func() { rt.timers.remove(t.id) }
}

func (rt *Runtime) setTimeout(call goja.FunctionCall) goja.Value  { return rt.schedule(call, false) }
func (rt *Runtime) setInterval(call goja.FunctionCall) goja.Value { return rt.schedule(call, true) }

func (rt *Runtime) clearTimer(call goja.FunctionCall) goja.Value {
	v := call.Argument(0)
	if o, ok := v.(*goja.Object); ok && rt.timerID != nil {
		if id := o.GetSymbol(rt.timerID); id != nil {
			rt.timers.remove(id.ToInteger())
		}
		return goja.Undefined()
	}
	if n, ok := v.Export().(int64); ok && n > 0 {
		rt.timers.remove(n)
	} else if f, ok := v.Export().(float64); ok && f == math.Trunc(f) && f > 0 {
		rt.timers.remove(int64(f))
	}
	return goja.Undefined()
}

func (rt *Runtime) rangeError(msg string) *goja.Object {
	e, err := rt.vm.New(rt.rangeCtor, rt.vm.ToValue(msg))
	if err != nil {
		panic(err)
	}
	return e
}
