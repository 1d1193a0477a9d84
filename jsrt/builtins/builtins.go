// Package builtins adds to goja the ECMAScript built-ins that Node 22 and
// later have and goja lacks (ES2022–2025), compiled lazily: a program that
// uses none of them pays for none of them.
package builtins

import "github.com/dop251/goja"

// Install adds the missing built-ins to vm. It runs before any user code.
func Install(vm *goja.Runtime) error {
	// Symbol.asyncIterator: goja has no async iteration of its own, but
	// code lowered by esbuild (async generators, for await), Array.fromAsync
	// and user code must agree on one symbol. Unique, as in V8.
	sym := vm.Get("Symbol").ToObject(vm)
	// Symbol.dispose and Symbol.asyncDispose likewise, for using and
	// await using (lowered by esbuild, whose helpers look them up).
	for _, name := range []string{"asyncIterator", "dispose", "asyncDispose"} {
		s, err := vm.RunString(`Symbol("Symbol.` + name + `")`)
		if err != nil {
			return err
		}
		if err := sym.DefineDataProperty(name, s, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	return nil
}
