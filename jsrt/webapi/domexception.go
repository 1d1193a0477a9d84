package webapi

import (
	"sync"

	"github.com/dop251/goja"
)

// domErrorNames are the WebIDL error names with a legacy code (the map is
// made on first use).
var domErrorNames = sync.OnceValue(func() map[string]int {
	return map[string]int{
		"IndexSizeError": 1, "HierarchyRequestError": 3, "WrongDocumentError": 4,
		"InvalidCharacterError": 5, "NoModificationAllowedError": 7, "NotFoundError": 8,
		"NotSupportedError": 9, "InUseAttributeError": 10, "InvalidStateError": 11,
		"SyntaxError": 12, "InvalidModificationError": 13, "NamespaceError": 14,
		"InvalidAccessError": 15, "TypeMismatchError": 17, "SecurityError": 18,
		"NetworkError": 19, "AbortError": 20, "URLMismatchError": 21,
		"QuotaExceededError": 22, "TimeoutError": 23, "InvalidNodeTypeError": 24,
		"DataCloneError": 25,
	}
})

// domErrorConstants are DOMException's legacy code constants, in order.
var domErrorConstants = []string{
	"INDEX_SIZE_ERR", "DOMSTRING_SIZE_ERR", "HIERARCHY_REQUEST_ERR",
	"WRONG_DOCUMENT_ERR", "INVALID_CHARACTER_ERR", "NO_DATA_ALLOWED_ERR",
	"NO_MODIFICATION_ALLOWED_ERR", "NOT_FOUND_ERR", "NOT_SUPPORTED_ERR",
	"INUSE_ATTRIBUTE_ERR", "INVALID_STATE_ERR", "SYNTAX_ERR",
	"INVALID_MODIFICATION_ERR", "NAMESPACE_ERR", "INVALID_ACCESS_ERR",
	"VALIDATION_ERR", "TYPE_MISMATCH_ERR", "SECURITY_ERR", "NETWORK_ERR",
	"ABORT_ERR", "URL_MISMATCH_ERR", "QUOTA_EXCEEDED_ERR", "TIMEOUT_ERR",
	"INVALID_NODE_TYPE_ERR", "DATA_CLONE_ERR",
}

type domState struct {
	name, message string
}

// domExceptionClass builds DOMException: a subclass of Error whose
// instances are real goja errors (with a stack) carrying name and message
// as Go state behind the prototype's getters, as in Node.
func (w *web) domExceptionClass() *class {
	if w.domException != nil {
		return w.domException
	}
	vm := w.vm
	errProto := w.errorCtor.Get("prototype").ToObject(vm)
	c := w.newClass("DOMException", 0, nil, func(call goja.ConstructorCall) *goja.Object {
		msg := ""
		if v := call.Argument(0); !goja.IsUndefined(v) {
			msg = v.String()
		}
		name := "Error"
		var cause goja.Value
		if opts := call.Argument(1); !goja.IsUndefined(opts) {
			if o, ok := opts.(*goja.Object); ok {
				if n := o.Get("name"); n != nil && !goja.IsUndefined(n) {
					name = n.String()
				}
				if hasProperty(o, "cause") {
					cause = o.Get("cause")
					if cause == nil {
						cause = goja.Undefined()
					}
				}
			} else {
				name = opts.String()
			}
		}
		return w.newDOMException(call.This.Prototype(), name, msg, cause)
	})
	must(c.proto.SetPrototype(errProto))
	// Node's DOMException.prototype has @@toStringTag "DOMException"; here
	// it is left out, so that Object.prototype.toString still says
	// [object Error] and the runtime reports and prints a DOMException as
	// the Error it is.
	must(c.proto.DeleteSymbol(goja.SymToStringTag))
	w.accessor(c.proto, "name", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(w.domStateOf(call.This).name)
	}, nil)
	w.accessor(c.proto, "message", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(w.domStateOf(call.This).message)
	}, nil)
	w.accessor(c.proto, "code", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(domErrorNames()[w.domStateOf(call.This).name])
	}, nil)
	for i, k := range domErrorConstants {
		w.constant(c.ctor, k, i+1)
		w.constant(c.proto, k, i+1)
	}
	w.domException = c
	return c
}

func (w *web) domStateOf(v goja.Value) *domState {
	st, ok := w.stateOf(v).(*domState)
	if !ok {
		panic(w.invalidThis("DOMException"))
	}
	return st
}

// newDOMException makes a DOMException with the given prototype (nil: the
// class's own). cause, when not nil, becomes an own cause property.
func (w *web) newDOMException(proto *goja.Object, name, msg string, cause goja.Value) *goja.Object {
	if proto == nil {
		proto = w.domExceptionClass().proto
	}
	e, err := w.vm.New(w.errorCtor)
	if err != nil {
		panic(err)
	}
	must(e.SetPrototype(proto))
	if cause != nil {
		must(e.DefineDataProperty("cause", cause, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE))
	}
	w.bind(e, &domState{name: name, message: msg})
	return e
}

// DOMException returns a new DOMException for Go code elsewhere in the
// runtime (atob and btoa): the same class as the global, built on first use.
func (g *Globals) DOMException(name, message string) *goja.Object {
	return g.w.newDOMException(nil, name, message, nil)
}

// hasProperty is the in operator.
func hasProperty(o *goja.Object, name string) bool {
	for p := o; p != nil; p = p.Prototype() {
		for _, k := range p.GetOwnPropertyNames() {
			if k == name {
				return true
			}
		}
	}
	return false
}
