package builtins

import (
	"bytes"
	"math"

	"github.com/dop251/goja"
)

// installError adds the V8 extras programs call on Error
// (Error.captureStackTrace, Error.stackTraceLimit) and SuppressedError.
func (e *env) installError() error {
	// Error.stackTraceLimit: enumerable, as in V8. It bounds the frames
	// captureStackTrace records; goja's own error stacks do not read it.
	if err := e.errorCtor.DefineDataProperty("stackTraceLimit", e.vm.ToValue(10), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
		return err
	}
	if err := e.method(e.errorCtor, "captureStackTrace", 2, e.captureStackTrace); err != nil {
		return err
	}
	return e.installSuppressedError()
}

// captureStackTrace(target, constructorOpt) sets target.stack to what V8
// would: "Name: message" then one "    at ..." line per frame (goja's frame
// text), leaving out every frame above and including the topmost call of
// constructorOpt (matched by name: goja's frames do not identify functions
// otherwise; see below for class constructors, whose frames have no name).
// A non-number Error.stackTraceLimit gives an undefined stack.
func (e *env) captureStackTrace(call goja.FunctionCall) goja.Value {
	target, ok := call.Argument(0).(*goja.Object)
	if !ok {
		e.typeError("invalid_argument")
	}
	var stack goja.Value = goja.Undefined()
	limitV := e.errorCtor.Get("stackTraceLimit")
	if limitV != nil && isNumber(limitV) {
		limit := limitV.ToFloat()
		frames := e.vm.CaptureCallStack(0, nil)
		if len(frames) > 0 && frames[0].SrcName() == "<native>" {
			frames = frames[1:] // captureStackTrace itself
		}
		if f, ok := call.Argument(1).(*goja.Object); ok {
			if _, callable := goja.AssertFunction(f); callable {
				name := f.Get("name")
				n := ""
				if name != nil {
					n = name.String()
				}
				found := -1
				for i := range frames {
					if frames[i].FuncName() == n {
						found = i
						break
					}
				}
				if found < 0 {
					// goja's frames of class constructors carry no name:
					// take the leading nameless frames (the constructor
					// chain) for constructorOpt's, keeping the outermost
					// frame. Otherwise, as in V8, a function not on the
					// stack leaves no frames.
					for found+1 < len(frames)-1 && frames[found+1].FuncName() == "<anonymous>" {
						found++
					}
				}
				if found < 0 {
					frames = nil
				} else {
					frames = frames[found+1:]
				}
			}
		}
		if math.IsNaN(limit) || limit < 0 {
			limit = 0
		}
		if float64(len(frames)) > limit {
			frames = frames[:int(limit)]
		}
		header, err := e.errorToString(target)
		rethrow(err)
		var b bytes.Buffer
		b.WriteString(header.String())
		for i := range frames {
			b.WriteString("\n    at ")
			frames[i].Write(&b)
		}
		stack = e.vm.ToValue(b.String())
	}
	rethrow(target.DefineDataProperty("stack", stack, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
	return goja.Undefined()
}

func isNumber(v goja.Value) bool {
	switch v.ExportType().Kind().String() {
	case "int64", "float64":
		_, isObj := v.(*goja.Object)
		return !isObj
	}
	return false
}

// installSuppressedError adds SuppressedError(error, suppressed, message)
// (explicit resource management, in Node 24): a real error object, made by
// the Error constructor with the new target's prototype.
func (e *env) installSuppressedError() error {
	errorCtor, _ := goja.AssertConstructor(e.errorCtor)
	var se *goja.Object
	se = e.nativeCtor("SuppressedError", 3, func(call goja.ConstructorCall) *goja.Object {
		args, newTarget := call.Arguments, call.NewTarget
		if newTarget == nil {
			newTarget = se // SuppressedError(...) and new SuppressedError(...) alike
		}
		var msg []goja.Value
		if m := arg(args, 2); !goja.IsUndefined(m) {
			msg = []goja.Value{m}
		}
		o, err := errorCtor(newTarget, msg...)
		rethrow(err)
		rethrow(o.DefineDataProperty("error", arg(args, 0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
		rethrow(o.DefineDataProperty("suppressed", arg(args, 1), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
		return o
	})
	if err := se.SetPrototype(e.errorCtor); err != nil {
		return err
	}
	proto := e.vm.CreateObject(e.errorCtor.Get("prototype").ToObject(e.vm))
	if err := e.proto(se, proto); err != nil {
		return err
	}
	if err := proto.DefineDataProperty("name", e.vm.ToValue("SuppressedError"), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := proto.DefineDataProperty("message", e.vm.ToValue(""), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	e.made["SuppressedError"] = se
	return e.global("SuppressedError", se)
}
