// Package modules is require() for the sandbox: the pure built-in modules
// (util, url, path, querystring, buffer, events, assert, string_decoder,
// crypto) a job may load when the request allows built-in modules. None of
// them reaches files, processes or the network.
//
// Each module is a minified bundle in js/ (written by
// `go run ./jsrt/modules/internal/bundle` from npm packages and Node's own
// sources), embedded in the binary and compiled on its first require: a job
// pays only for the modules it loads, and a job that loads none pays nothing
// but the creation of the require function. The hashes of crypto are Go's.
package modules

import (
	"embed"
	"fmt"
	"math/big"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

//go:embed js/*.js
var bundles embed.FS

// names are the modules require may load, sorted. detect's allowedModules
// must be the same list (a test checks it).
var names = []string{"assert", "buffer", "crypto", "events", "path", "querystring", "string_decoder", "url", "util"}

// Names returns the modules require may load, sorted.
func Names() []string { return append([]string(nil), names...) }

// Source returns the bundle of module name (for tests and measurements).
func Source(name string) (string, bool) {
	b, err := bundles.ReadFile("js/" + name + ".js")
	if err != nil {
		return "", false
	}
	return string(b), true
}

// Loader loads the modules into one runtime, each once. Making one costs
// nothing: a module is compiled on its first load.
type Loader struct{ l *loader }

// New returns the loader of vm's modules. Make it before user code runs: it
// captures the error constructors it throws with.
func New(vm *goja.Runtime, parserOptions ...parser.Option) *Loader {
	l := &loader{vm: vm, cache: map[string]goja.Value{}, loading: map[string]bool{}, parserOptions: parserOptions}
	l.errorCtor, _ = goja.AssertConstructor(vm.Get("Error"))
	l.typeErrorCtor, _ = goja.AssertConstructor(vm.Get("TypeError"))
	return &Loader{l}
}

// Require returns module name's exports (loading it on first use), as
// require(name) does: for the runtime's own use (console could format with
// util.inspect), with or without a global require.
func (m *Loader) Require(name string) (v goja.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
				return
			}
			err = fmt.Errorf("modules: %v", r)
		}
	}()
	return m.l.load(strings.TrimPrefix(name, "node:"), name), nil
}

// SetInspector gives the modules the runtime's own inspector, so that
// util.inspect, util.format and the messages of assert and events format
// values exactly as console.log does. get is called on the first load of a
// module that formats values (never before) and returns an object with the
// functions inspect(value, options), format(...args) and
// formatWithOptions(options, ...args). Without it, requiring util fails.
func (m *Loader) SetInspector(get func() (goja.Value, error)) { m.l.inspector = get }

// Enable defines require on the runtime's global object (writable,
// configurable and not enumerable, as Node's) and, as in Node, the global
// Buffer, which loads the buffer module on first use.
func (m *Loader) Enable() error {
	vm := m.l.vm
	fn := vm.ToValue(m.l.require).(*goja.Object)
	if err := fn.DefineDataProperty("name", vm.ToValue("require"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
		return err
	}
	global := vm.GlobalObject()
	if err := global.DefineDataProperty("require", fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	return m.lazyGlobal("Buffer", "buffer", "Buffer")
}

// lazyGlobal defines global name as an accessor that, on first use, loads
// module and becomes an ordinary data property holding its export (or the
// value assigned to it first).
func (m *Loader) lazyGlobal(name, module, export string) error {
	vm := m.l.vm
	global := vm.GlobalObject()
	settle := func(v goja.Value) {
		if err := global.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			panic(err)
		}
	}
	get := vm.ToValue(func(goja.FunctionCall) goja.Value {
		v := m.l.load(module, module).ToObject(vm).Get(export)
		settle(v)
		return v
	})
	set := vm.ToValue(func(c goja.FunctionCall) goja.Value {
		settle(c.Argument(0))
		return goja.Undefined()
	})
	return global.DefineAccessorProperty(name, get, set, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

type loader struct {
	vm            *goja.Runtime
	inspector     func() (goja.Value, error) // the runtime's inspector; nil: none
	cache         map[string]goja.Value      // module.exports of each loaded module
	loading       map[string]bool
	parserOptions []parser.Option
	host          *goja.Object // the natives the bundles use; made on first require
	process       *goja.Object
	noFunction    goja.Value
	errorCtor     goja.Constructor
	typeErrorCtor goja.Constructor
}

func (l *loader) require(call goja.FunctionCall) goja.Value {
	arg := call.Argument(0)
	if _, ok := arg.Export().(string); !ok {
		panic(l.nodeError(l.typeErrorCtor, "ERR_INVALID_ARG_TYPE", `The "id" argument must be of type string.`+received(arg)))
	}
	id := arg.String()
	if id == "" {
		panic(l.nodeError(l.typeErrorCtor, "ERR_INVALID_ARG_VALUE", "The argument 'id' must be a non-empty string. Received ''"))
	}
	return l.load(strings.TrimPrefix(id, "node:"), id)
}

func (l *loader) load(name, asked string) goja.Value {
	if v, ok := l.cache[name]; ok {
		return v
	}
	if !known(name) {
		panic(l.nodeError(l.errorCtor, "MODULE_NOT_FOUND", fmt.Sprintf(
			"Cannot find module '%s': this sandbox has no files and no packages; require() loads only the built-in modules %s",
			asked, strings.Join(names, ", "))))
	}
	if l.loading[name] {
		panic(l.vm.NewGoError(fmt.Errorf("modules: %s requires itself while loading", name)))
	}
	l.loading[name] = true
	defer delete(l.loading, name)
	src, _ := Source(name)
	prg, err := goja.Parse(name+".js", src, l.parserOptions...)
	if err != nil {
		panic(l.vm.NewGoError(fmt.Errorf("modules: %s: %w", name, err)))
	}
	compiled, err := goja.CompileAST(prg, true)
	if err != nil {
		panic(l.vm.NewGoError(fmt.Errorf("modules: %s: %w", name, err)))
	}
	fnVal, err := l.vm.RunProgram(compiled)
	if err != nil {
		panic(err)
	}
	fn, ok := goja.AssertFunction(fnVal)
	if !ok {
		panic(l.vm.NewGoError(fmt.Errorf("modules: %s is not a function", name)))
	}
	if l.host == nil {
		l.init()
	}
	// Own data properties, defined: nothing user code planted on
	// Object.prototype sees them.
	module := l.nullObject()
	exports := l.vm.NewObject()
	if err := module.DefineDataProperty("exports", exports, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
		panic(err)
	}
	internalRequire := l.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		n := call.Argument(0).String()
		return l.load(n, n)
	})
	if _, err := fn(goja.Undefined(), internalRequire, module, exports, l.host, l.process, l.noFunction); err != nil {
		panic(err)
	}
	v := module.Get("exports")
	l.cache[name] = v
	return v
}

func known(name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// init makes what every bundle receives besides require, module and
// exports: the natives (host), a process with nothing of the host in it,
// and a Function that only throws (the sandbox has none; some npm helpers
// name it). All in Go: nothing user code may have replaced takes part.
func (l *loader) init() {
	vm := l.vm
	l.host = l.nullObject()
	l.installNatives(l.host)

	thrower := vm.ToValue(func(goja.FunctionCall) goja.Value {
		panic(l.newError(l.typeErrorCtor, "dynamic code evaluation is disabled in this sandbox (Function constructor)"))
	}).(*goja.Object)
	// Its prototype is the real Function.prototype, so that instanceof
	// Function works in the libraries.
	if err := thrower.DefineDataProperty("prototype", thrower.Prototype(), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		panic(err)
	}
	if err := thrower.DefineDataProperty("name", vm.ToValue("Function"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
		panic(err)
	}
	l.noFunction = thrower

	p := l.nullObject()
	for name, v := range map[string]any{
		"env":         l.nullObject(),
		"platform":    "linux",
		"cwd":         func(goja.FunctionCall) goja.Value { return vm.ToValue("/") },
		"emitWarning": func(goja.FunctionCall) goja.Value { return goja.Undefined() },
	} {
		if err := p.DefineDataProperty(name, vm.ToValue(v), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
			panic(err)
		}
	}
	l.process = p
}

// nullObject is a new object without a prototype.
func (l *loader) nullObject() *goja.Object {
	o := l.vm.NewObject()
	if err := o.SetPrototype(nil); err != nil {
		panic(err)
	}
	return o
}

// newError is an error made by constructor c (captured when the loader
// was made, before any user code ran).
func (l *loader) newError(c goja.Constructor, message string) *goja.Object {
	e, err := c(nil, l.vm.ToValue(message))
	if err != nil {
		panic(err)
	}
	return e
}

// nodeError is an error of constructor c with Node's code property.
func (l *loader) nodeError(c goja.Constructor, code, message string) *goja.Object {
	e := l.newError(c, message)
	if err := e.DefineDataProperty("code", l.vm.ToValue(code), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
		panic(err)
	}
	return e
}

// received is the end of Node's ERR_INVALID_ARG_TYPE message.
func received(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return " Received undefined"
	case goja.IsNull(v):
		return " Received null"
	}
	if o, ok := v.(*goja.Object); ok {
		if _, fn := goja.AssertFunction(o); fn {
			name := o.Get("name")
			if name == nil || name.String() == "" {
				return " Received function <anonymous>"
			}
			return " Received function " + name.String()
		}
		if c, ok := o.Get("constructor").(*goja.Object); ok {
			if n := c.Get("name"); n != nil && n.String() != "" {
				return " Received an instance of " + n.String()
			}
		}
		return " Received [Object: null prototype]"
	}
	typ, shown := "number", v.String()
	switch v.Export().(type) {
	case bool:
		typ = "boolean"
	case *big.Int:
		typ, shown = "bigint", shown+"n"
	case *goja.Symbol:
		typ = "symbol"
	}
	return fmt.Sprintf(" Received type %s (%s)", typ, shown)
}
