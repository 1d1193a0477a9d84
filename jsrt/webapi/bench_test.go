package webapi

import (
	"testing"

	"github.com/dop251/goja"
)

// BenchmarkInstall is what Install adds to every runtime's start-up:
// compare with BenchmarkNewVM, goja's own.
func BenchmarkInstall(b *testing.B) {
	for b.Loop() {
		vm := goja.New()
		if _, err := Install(vm, Host{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewVM(b *testing.B) {
	for b.Loop() {
		goja.New()
	}
}

// The first use of each global: building its class and one call.
func BenchmarkFirstUse(b *testing.B) {
	for _, c := range []struct{ name, src string }{
		{"URL", `new URL("https://example.com/a?b=c").searchParams.get("b")`},
		{"URLSearchParams", `new URLSearchParams("a=1&b=2").toString()`},
		{"TextEncoder", `new TextEncoder().encode("héllo")`},
		{"TextDecoder", `new TextDecoder().decode(new Uint8Array([104, 105]))`},
		{"crypto.randomUUID", `crypto.randomUUID()`},
		{"crypto.subtle.digest", `crypto.subtle.digest("SHA-256", new Uint8Array(8))`},
		{"performance.now", `performance.now()`},
		{"AbortController", `new AbortController().abort()`},
	} {
		b.Run(c.name, func(b *testing.B) {
			prg := goja.MustCompile("bench.js", c.src, false)
			for b.Loop() {
				b.StopTimer()
				vm := warmVM(b)
				if _, err := Install(vm, Host{}); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := vm.RunProgram(prg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkInstallWarm is Install alone on a runtime whose built-ins jsrt's
// prelude has already touched (goja creates its built-ins on first use), as
// in jsrt.New.
func BenchmarkInstallWarm(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		vm := warmVM(b)
		b.StartTimer()
		if _, err := Install(vm, Host{}); err != nil {
			b.Fatal(err)
		}
	}
}

var warmProgram = goja.MustCompile("warm.js", `[Object.prototype, Error, TypeError, RangeError, Uint8Array, ArrayBuffer, Array.prototype[Symbol.iterator], Promise]`, false)

// warmVM is a runtime whose built-ins jsrt's prelude would have touched
// already (goja creates its built-ins on first use).
func warmVM(b *testing.B) *goja.Runtime {
	vm := goja.New()
	if _, err := vm.RunProgram(warmProgram); err != nil {
		b.Fatal(err)
	}
	return vm
}
