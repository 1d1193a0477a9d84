package jsrt

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"codexec/ipc"
	"codexec/result"
)

// Caller sends one call of a declared tool to the supervisor (a call
// frame). It is called on the goroutine that runs the job; an error (the
// message pipe is broken) ends the job with status internal.
type Caller func(ipc.Call) error

// MaxCallArgsBytes bounds the JSON of one call's argument in the runner:
// past it the call is a RangeError in the code and nothing is sent. It is
// the bound on the configurable cap of a tool's result, so that a call
// frame is never larger than a reply frame may be (ipc.MaxReplyFrame); the
// supervisor's own, smaller cap on arguments applies first anyway.
const MaxCallArgsBytes = ipc.MaxToolResultBytes

// toolErrorSource defines the ToolError class: an Error whose name is
// "ToolError" and whose code (an own, enumerable property, as Node's
// system errors have it) is the failed call's error code. It is compiled
// when a job declares tools, before the code runs, with the intrinsic
// Error and Object.defineProperty.
const toolErrorSource = `(function (ErrorCtor, defineProp) {
  'use strict';
  class ToolError extends ErrorCtor {
    constructor(message, options) {
      super(message, options);
      let code;
      if (options !== null && typeof options === 'object' && options.code !== undefined) code = '' + options.code;
      defineProp(this, 'code', { value: code, writable: true, enumerable: true, configurable: true });
    }
  }
  defineProp(ToolError.prototype, 'name', { value: 'ToolError', writable: true, enumerable: false, configurable: true });
  return ToolError;
})`

// tools is a job's tool calling: the calls the code made that wait for
// their replies, and the replies that arrived (from any goroutine) and
// wait for the event loop.
type tools struct {
	caller    Caller
	errorCtor goja.Value // the job's ToolError class
	nextID    int64
	pending   map[int64]pendingCall

	mu      sync.Mutex
	replies []ipc.Reply
	ready   chan struct{} // signalled (capacity 1) when replies has something
}

type pendingCall struct {
	name            string
	resolve, reject func(any) error
}

// Deliver hands the runtime a reply to one of its calls. It is safe to
// call from any goroutine (the runner reads replies on its own); the reply
// is settled on the goroutine that runs the job, which the event loop
// wakes. A reply for a call that is not pending (unknown, or answered
// already) ends the job with status internal: the supervisor broke the
// protocol.
func (rt *Runtime) Deliver(r ipc.Reply) {
	t := &rt.tools
	t.mu.Lock()
	t.replies = append(t.replies, r)
	t.mu.Unlock()
	select {
	case t.ready <- struct{}{}:
	default:
	}
}

// validToolName reports whether name is identifiers joined by dots
// (ASCII identifiers: a letter, _ or $, then letters, digits, _ or $).
func validToolName(name string) bool {
	if name == "" {
		return false
	}
	for _, part := range strings.Split(name, ".") {
		if part == "" {
			return false
		}
		for i := 0; i < len(part); i++ {
			c := part[i]
			switch {
			case c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			case c >= '0' && c <= '9' && i > 0:
			default:
				return false
			}
		}
	}
	return true
}

// installTools defines the globals ToolError and tools for a job that
// declares tools: tools is a tree of frozen null-prototype objects, one
// level per dotted part of a name, whose leaves call the tool. The global
// property tools is neither writable nor configurable, so code cannot put
// a function of its own where a tool was (only ToolError, like every other
// global class, can be replaced; the runtime keeps its own reference).
func (rt *Runtime) installTools(names []string, caller Caller) error {
	if caller == nil {
		return errors.New("the job declares tools but the runtime has no way to send calls")
	}
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	for i, n := range sorted {
		if !validToolName(n) {
			return fmt.Errorf("bad tool name %q (want identifiers joined by dots)", n)
		}
		if i > 0 && (sorted[i-1] == n || strings.HasPrefix(n, sorted[i-1]+".")) {
			return fmt.Errorf("tool names %q and %q collide (a name is declared twice, or is both a tool and a namespace)", sorted[i-1], n)
		}
	}
	vm := rt.vm
	prg, err := goja.Compile("tools.js", toolErrorSource, true)
	if err != nil {
		return err
	}
	mk, err := vm.RunProgram(prg)
	if err != nil {
		return err
	}
	mkFn, ok := goja.AssertFunction(mk)
	if !ok {
		return errors.New("the ToolError factory is not a function")
	}
	ctor, err := mkFn(goja.Undefined(), rt.errorCtor, rt.defineProp)
	if err != nil {
		return err
	}
	rt.tools.caller = caller
	rt.tools.errorCtor = ctor
	rt.tools.pending = make(map[int64]pendingCall)

	newNS := func() *goja.Object {
		o := vm.NewObject()
		_ = o.SetPrototype(nil)
		return o
	}
	root := newNS()
	namespaces := map[string]*goja.Object{"": root}
	var order []string // namespaces, parents before children
	for _, name := range sorted {
		parts := strings.Split(name, ".")
		parent := root
		for i := range parts[:len(parts)-1] {
			path := strings.Join(parts[:i+1], ".")
			ns, ok := namespaces[path]
			if !ok {
				ns = newNS()
				namespaces[path] = ns
				order = append(order, path)
				if err := parent.DefineDataProperty(parts[i], ns, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
					return err
				}
			}
			parent = ns
		}
		leaf := rt.toolFunction(name, parts[len(parts)-1])
		if _, err := rt.freeze(goja.Undefined(), leaf); err != nil {
			return err
		}
		if err := parent.DefineDataProperty(parts[len(parts)-1], leaf, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
			return err
		}
	}
	for _, path := range append(order, "") {
		if _, err := rt.freeze(goja.Undefined(), namespaces[path]); err != nil {
			return err
		}
	}
	global := vm.GlobalObject()
	// As Node's globals: ToolError writable, configurable, not enumerable.
	if err := global.DefineDataProperty("ToolError", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	return global.DefineDataProperty("tools", root, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
}

// toolFunction is the function behind tools.<name>: it serialises its
// argument as JSON.stringify does (none or undefined is {}), sends the
// call, and returns a promise the reply settles. Like an async function it
// never throws: an argument with no JSON form rejects its promise with the
// TypeError JSON.stringify threw, and nothing is sent.
func (rt *Runtime) toolFunction(name, short string) *goja.Object {
	vm := rt.vm
	return vm.NewNativeFunction(short, 1, func(call goja.FunctionCall) goja.Value {
		p, resolve, reject := vm.NewPromise()
		fail := func(v goja.Value) goja.Value {
			if err := reject(v); err != nil {
				panic(err)
			}
			return vm.ToValue(p)
		}
		args := "{}"
		if a := call.Argument(0); !goja.IsUndefined(a) {
			s, ok, err := vm.StringifyJSON(a, MaxCallArgsBytes)
			if err != nil {
				var long *goja.JSONTooLongError
				var ex *goja.Exception
				switch {
				case errors.As(err, &long):
					return fail(rt.rangeError(fmt.Sprintf("the argument of tools.%s is at least %d bytes of JSON, over the %d-byte bound on a call", name, long.Length, MaxCallArgsBytes)))
				case errors.As(err, &ex):
					return fail(ex.Value())
				}
				panic(err) // an interrupt: the job is being stopped
			}
			if !ok {
				return fail(vm.NewTypeError(fmt.Sprintf("the argument of tools.%s has no JSON form (a function or a symbol); pass an object", name)))
			}
			args = s
		}
		t := &rt.tools
		t.nextID++
		id := t.nextID
		if err := t.caller(ipc.Call{ID: id, Name: name, Args: []byte(args)}); err != nil {
			// The interrupt ends the job before the code sees anything.
			rt.Stop(result.Internal, "send call: "+err.Error())
			return vm.ToValue(p)
		}
		t.pending[id] = pendingCall{name: name, resolve: resolve, reject: reject}
		return vm.ToValue(p)
	})
}

// settle delivers one reply on the job's goroutine: the call's promise is
// fulfilled with the result (parsed as JSON) or rejected with a ToolError,
// and the code's continuations run before it returns (goja runs the
// promise jobs when control returns from the runtime). A reply that breaks
// the protocol gives an internal result (ok false); so does an uncatchable
// error (an interrupt), classified by fromError.
func (rt *Runtime) settle(r ipc.Reply) (ipc.Result, bool) {
	t := &rt.tools
	c, ok := t.pending[r.ID]
	if !ok {
		return internal(fmt.Sprintf("protocol: reply for unknown call %d", r.ID)), false
	}
	delete(t.pending, r.ID)
	var err error
	switch {
	case r.Error != nil && len(r.Result) > 0:
		return internal(fmt.Sprintf("protocol: reply for call %d has both a result and an error", r.ID)), false
	case r.Error != nil:
		opts := rt.vm.NewObject()
		_ = opts.Set("code", r.Error.Code)
		var e *goja.Object
		e, err = rt.vm.New(t.errorCtor, rt.vm.ToValue(r.Error.Message), opts)
		if err == nil {
			// Made by the runtime, not at a place in the code: its stack
			// is its first line, without the class's own frame.
			err = e.DefineDataProperty("stack", rt.vm.ToValue("ToolError: "+r.Error.Message), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
		if err == nil {
			err = c.reject(e)
		}
	case len(r.Result) > 0:
		var v goja.Value
		v, err = rt.parse(goja.Undefined(), rt.vm.ToValue(string(r.Result)))
		if err != nil {
			if res, stopped := rt.stoppedResult(err); stopped {
				return res, false
			}
			return internal(fmt.Sprintf("protocol: reply for call %d (%s): the result is not valid JSON", r.ID, c.name)), false
		}
		err = c.resolve(v)
	default:
		return internal(fmt.Sprintf("protocol: reply for call %d has neither a result nor an error", r.ID)), false
	}
	if err != nil {
		return rt.fromError(err), false
	}
	return ipc.Result{}, true
}
