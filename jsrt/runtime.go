package jsrt

import (
	_ "embed"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"

	"codexec/ipc"
	"codexec/jsrt/builtins"
	"codexec/jsrt/intl"
	"codexec/jsrt/webapi"
	"codexec/result"
)

//go:embed prelude_lazy.js
var preludeLazySource string

// DefaultMaxCallStackSize is the JavaScript call depth past which a
// RangeError-like stack overflow ends the run (Node allows about 11,000
// simple frames).
const DefaultMaxCallStackSize = 8192

// ParserOptions are the only options codexec ever parses JavaScript with.
// goja's parser otherwise follows a `//# sourceMappingURL=` comment and reads
// the named file from the host: a file read chosen by the code's author.
var ParserOptions = []parser.Option{parser.WithDisableSourceMaps}

// ErrDynamicCode is the message of the TypeError thrown by every path that
// used to reach the Function constructor.
const ErrDynamicCode = "dynamic code evaluation is disabled in this sandbox (Function constructor)"

// Options configure a Runtime.
type Options struct {
	MaxCallStackSize int // JavaScript call depth; 0 means DefaultMaxCallStackSize
	// Calls sends the calls of the job's declared tools (ipc.Job.Tools);
	// their replies come back through [Runtime.Deliver]. A job that
	// declares tools in a runtime without Calls ends with status internal.
	Calls Caller
}

// Sink receives each console line of a job as it is written.
type Sink func(level, message string) error

// Runtime is one hardened goja VM able to run exactly one job.
type Runtime struct {
	vm         *goja.Runtime
	errorCtor  goja.Value
	rangeCtor  goja.Value
	parse      goja.Callable // the intrinsic JSON.parse
	freeze     goja.Callable // the intrinsic Object.freeze
	defineProp goja.Value    // the intrinsic Object.defineProperty
	glue       glue          // console, queueMicrotask, structuredClone (glue.go)

	// per job
	job          ipc.Job
	sink         Sink
	logLines     int
	logBytes     int
	timers       timerQueue
	uncaught     goja.Value // the first exception no code caught
	rejected     []*goja.Promise
	stopOnce     sync.Once
	stopCh       chan struct{}
	timeoutProto *goja.Object // the prototype of the Timeout objects setTimeout returns; made on first use
	timerID      *goja.Symbol // the key a Timeout object holds its timer's id under
	stopReason   stop
	ran          bool
	mainPromise  *goja.Promise
	deadline     time.Time // zero: none
	calls        Caller
	tools        tools // the job's tool calls, when it declares tools

	web *webapi.Globals
}

// stop is why a job was halted from outside its own control flow.
type stop struct {
	status  result.Status
	message string
}

// New creates a hardened runtime with the sandbox's globals.
func New(opts Options) (*Runtime, error) {
	if opts.MaxCallStackSize <= 0 {
		opts.MaxCallStackSize = DefaultMaxCallStackSize
	}
	// The sandbox's local time zone is UTC: results must not depend on the
	// host's zone, and after lockdown the runner could not read
	// /etc/localtime anyway (Go loads it lazily, on first use).
	time.Local = time.UTC
	vm := goja.New()
	vm.SetParserOptions(ParserOptions...)
	vm.SetMaxCallStackSize(opts.MaxCallStackSize)
	rt := &Runtime{vm: vm, stopCh: make(chan struct{}), calls: opts.Calls}
	rt.tools.ready = make(chan struct{}, 1)
	rt.errorCtor = vm.Get("Error")
	rt.rangeCtor = vm.Get("RangeError")
	vm.SetPromiseRejectionTracker(rt.trackRejection)

	if err := rt.installGlobals(); err != nil {
		return nil, fmt.Errorf("jsrt: install globals: %w", err)
	}
	if err := builtins.Install(vm); err != nil {
		return nil, fmt.Errorf("jsrt: built-ins: %w", err)
	}
	if err := intl.Install(vm); err != nil {
		return nil, fmt.Errorf("jsrt: %w", err)
	}
	web, err := webapi.Install(vm, webapi.Host{SetTimeout: rt.setNativeTimeout, ReportError: rt.setUncaught})
	if err != nil {
		return nil, fmt.Errorf("jsrt: web globals: %w", err)
	}
	rt.web = web
	if err := rt.harden(); err != nil {
		return nil, fmt.Errorf("jsrt: harden: %w", err)
	}
	return rt, nil
}

func (rt *Runtime) installGlobals() error {
	intrinsics, err := captureIntrinsics(rt.vm)
	if err != nil {
		return fmt.Errorf("intrinsics: %w", err)
	}
	if err := rt.installGlue(intrinsics); err != nil {
		return err
	}
	global := rt.vm.GlobalObject()
	for name, f := range map[string]func(goja.FunctionCall) goja.Value{
		"setTimeout":    rt.setTimeout,
		"setInterval":   rt.setInterval,
		"clearTimeout":  rt.clearTimer,
		"clearInterval": rt.clearTimer,
		"atob":          rt.atob,
		"btoa":          rt.btoa,
	} {
		// As in Node and browsers: writable, configurable, not enumerable.
		if err := global.DefineDataProperty(name, rt.vm.ToValue(f), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	return nil
}

// promiseState returns {state, value} for a promise (state "pending",
// "fulfilled" or "rejected"), else undefined: what console.log shows of a
// promise, read without calling anything of the code's.
func (rt *Runtime) promiseState(call goja.FunctionCall) goja.Value {
	o, ok := call.Argument(0).(*goja.Object)
	if !ok {
		return goja.Undefined()
	}
	if o.ExportType() != typePromise {
		return goja.Undefined()
	}
	p, ok := o.Export().(*goja.Promise)
	if !ok {
		return goja.Undefined()
	}
	r := rt.vm.NewObject()
	_ = r.SetPrototype(nil)
	state, value := "pending", goja.Value(goja.Undefined())
	switch p.State() {
	case goja.PromiseStateFulfilled:
		state, value = "fulfilled", p.Result()
	case goja.PromiseStateRejected:
		state, value = "rejected", p.Result()
	}
	_ = r.Set("state", state)
	_ = r.Set("value", value)
	return r
}

var (
	typeProxy   = reflect.TypeOf(goja.Proxy{})
	typePromise = reflect.TypeOf((*goja.Promise)(nil))
)

// proxyTarget returns {target, handler} for a proxy, else undefined, so
// that console.log shows a proxy's target without running its traps.
func (rt *Runtime) proxyTarget(call goja.FunctionCall) goja.Value {
	o, ok := call.Argument(0).(*goja.Object)
	if !ok {
		return goja.Undefined()
	}
	// By type first: exporting another object would copy it, running its
	// getters. goja exports a proxy as a goja.Proxy value.
	if o.ExportType() != typeProxy {
		return goja.Undefined()
	}
	p, ok := o.Export().(goja.Proxy)
	if !ok {
		return goja.Undefined()
	}
	r := rt.vm.NewObject()
	_ = r.SetPrototype(nil)
	// A revoked proxy has neither: null, as V8 gives them.
	target, handler := goja.Value(goja.Null()), goja.Value(goja.Null())
	if t := p.Target(); t != nil {
		target = t
	}
	if h := p.Handler(); h != nil {
		handler = h
	}
	_ = r.Set("target", target)
	_ = r.Set("handler", handler)
	return r
}

// callStack renders the code's call stack as console.trace prints it, one
// "\n    at name (code.js:line:column)" per frame in the user's code, with
// the user's line numbers.
func (rt *Runtime) callStack(goja.FunctionCall) goja.Value {
	var b strings.Builder
	for _, f := range rt.vm.CaptureCallStack(64, nil) {
		if f.SrcName() != ScriptName {
			continue
		}
		p := f.Position()
		line, col := userPosition(p.Line, p.Column)
		if line == 0 {
			continue
		}
		name := f.FuncName()
		if name == "" {
			name = "<anonymous>"
		}
		fmt.Fprintf(&b, "\n    at %s (%s:%d:%d)", name, ScriptName, line, col)
	}
	return rt.vm.ToValue(b.String())
}

// inspector returns the runtime's inspector for the modules' util (the one
// console.log uses, compiled on first use): an object with inspect, format
// and formatWithOptions shaped as util's.
func (rt *Runtime) inspector() (v goja.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			e, ok := p.(error)
			if !ok {
				panic(p)
			}
			err = e
		}
	}()
	return rt.lazy().Get("util"), nil
}

// loadLazy compiles prelude_lazy.js (on the first console line that needs
// the inspector, the first structuredClone, or the first thrown non-Error)
// and runs it with the intrinsics captured at start (glue.go).
func (rt *Runtime) loadLazy(call goja.FunctionCall) goja.Value {
	prg, err := goja.Parse("prelude_lazy.js", preludeLazySource, ParserOptions...)
	if err != nil {
		panic(rt.vm.NewGoError(err))
	}
	compiled, err := goja.CompileAST(prg, true)
	if err != nil {
		panic(rt.vm.NewGoError(err))
	}
	fnVal, err := rt.vm.RunProgram(compiled)
	if err != nil {
		panic(rt.vm.NewGoError(err))
	}
	fn, ok := goja.AssertFunction(fnVal)
	if !ok {
		panic(rt.vm.NewTypeError("prelude_lazy.js is not a function"))
	}
	v, err := fn(goja.Undefined(), call.Argument(0), call.Argument(1))
	if err != nil {
		panic(err)
	}
	return v
}

// harden removes every path to dynamic code: the eval and Function globals
// go, and the constructor property of the prototypes of ordinary, async and
// generator functions (the only way back to Function, AsyncFunction and
// GeneratorFunction once the globals are gone) becomes a thrower. goja
// cannot parse async generators, so AsyncGeneratorFunction is unreachable.
func (rt *Runtime) harden() error {
	thrower := rt.vm.ToValue(func(goja.FunctionCall) goja.Value {
		panic(rt.vm.NewTypeError(ErrDynamicCode))
	})
	// The three prototypes, as captured with the intrinsics.
	for _, name := range []string{"FunctionProto", "asyncFnProto", "genFnProto"} {
		p, ok := rt.glue.I.Get(name).(*goja.Object)
		if !ok {
			return fmt.Errorf("intrinsic %s is not an object", name)
		}
		if err := p.DefineDataProperty("constructor", thrower, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	global := rt.vm.GlobalObject()
	for _, name := range []string{"eval", "Function"} {
		if err := global.Delete(name); err != nil {
			return err
		}
	}
	return nil
}

// Stop halts the running job with the given status; it is safe to call
// from any goroutine, and only the first call counts.
func (rt *Runtime) Stop(status result.Status, message string) {
	rt.stopOnce.Do(func() {
		rt.stopReason = stop{status: status, message: message}
		close(rt.stopCh)
		rt.vm.Interrupt(rt.stopReason)
	})
}

func (rt *Runtime) stopped() (stop, bool) {
	select {
	case <-rt.stopCh:
		return rt.stopReason, true
	default:
		return stop{}, false
	}
}

// capturing reports whether console lines go anywhere: the job captures
// the console and has not been stopped.
func (rt *Runtime) capturing() bool {
	if !rt.job.CaptureConsole || rt.sink == nil {
		return false
	}
	_, halted := rt.stopped()
	return !halted
}

// overCaps stops the job when one more line of at least n bytes would pass
// the log caps, and reports whether it did.
func (rt *Runtime) overCaps(n int) bool {
	if rt.logLines+1 > rt.job.MaxLogLines {
		rt.Stop(result.OutputLimit, fmt.Sprintf("more than %d console lines: the log cap (maxLogLines) was reached", rt.job.MaxLogLines))
		return true
	}
	if rt.logBytes+n > rt.job.MaxLogBytes {
		rt.Stop(result.OutputLimit, fmt.Sprintf("console output over %d bytes: the log cap (maxLogBytes) was reached", rt.job.MaxLogBytes))
		return true
	}
	return false
}

// emitValue is console's way out for a JavaScript string: a UTF-16 unit
// is at least one UTF-8 byte, so the caps are checked before converting.
func (rt *Runtime) emitValue(level string, v goja.Value) {
	if !rt.capturing() {
		return
	}
	msgVal, ok := v.ToString().(goja.String)
	if !ok || rt.overCaps(msgVal.Length()) {
		return
	}
	rt.emitString(level, msgVal.String())
}

// emitString is console's way out: it enforces the log caps and forwards
// the line.
func (rt *Runtime) emitString(level, msg string) {
	if !rt.capturing() || rt.overCaps(len(msg)) {
		return
	}
	rt.logLines++
	rt.logBytes += len(msg)
	if err := rt.sink(level, msg); err != nil {
		rt.Stop(result.Internal, "write log: "+err.Error())
	}
}

func (rt *Runtime) setUncaught(v goja.Value) {
	if rt.uncaught == nil {
		if v == nil {
			v = goja.Undefined()
		}
		rt.uncaught = v
	}
}

func (rt *Runtime) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		rt.rejected = append(rt.rejected, p)
	case goja.PromiseRejectionHandle:
		for i, q := range rt.rejected {
			if q == p {
				rt.rejected = append(rt.rejected[:i], rt.rejected[i+1:]...)
				break
			}
		}
	}
}
