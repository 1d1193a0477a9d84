package builtins_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/dop251/goja"

	"codexec/jsrt"
	"codexec/jsrt/builtins"
)

// BenchmarkJsrtNew is the runner's start-up: these built-ins must add
// nothing measurable to it.
func BenchmarkJsrtNew(b *testing.B) {
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := jsrt.New(jsrt.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// cpuTime is the process's user+system CPU time: on a shared machine it
// varies less than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// BenchmarkInstall is what Install itself costs on a fresh goja runtime.
func BenchmarkInstall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		vm := goja.New()
		if err := builtins.Install(vm); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGojaNew is the baseline for BenchmarkInstall.
func BenchmarkGojaNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		goja.New()
	}
}

// firstUse measures a fresh runtime's first call of a lazily compiled
// built-in (the compile of its group and the call), minus the same call
// once the group is compiled.
func firstUse(b *testing.B, code string) {
	b.Helper()
	prg := goja.MustCompile("bench.js", code, true)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		vm := goja.New()
		if err := builtins.Install(vm); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFirstUseGroupBy(b *testing.B) {
	firstUse(b, `Object.groupBy([1, 2, 3], (x) => x % 2)`)
}

func BenchmarkFirstUseIteratorHelper(b *testing.B) {
	firstUse(b, `[1, 2, 3].values().map((x) => x * 2).toArray()`)
}

func BenchmarkFirstUseFromAsync(b *testing.B) {
	firstUse(b, `Array.fromAsync([1, 2, 3])`)
}

// The same calls with the group already compiled: the difference is the
// first-use cost.
func warm(b *testing.B, code string) {
	b.Helper()
	prg := goja.MustCompile("bench.js", code, true)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		vm := goja.New()
		if err := builtins.Install(vm); err != nil {
			b.Fatal(err)
		}
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWarmGroupBy(b *testing.B) {
	warm(b, `Object.groupBy([1, 2, 3], (x) => x % 2)`)
}

func BenchmarkWarmIteratorHelper(b *testing.B) {
	warm(b, `[1, 2, 3].values().map((x) => x * 2).toArray()`)
}

func BenchmarkWarmFromAsync(b *testing.B) {
	warm(b, `Array.fromAsync([1, 2, 3])`)
}

// BenchmarkInstallWarm is Install's own cost in a runtime whose standard
// built-ins were already initialised (goja builds them on first touch; in
// jsrt.New the prelude has touched them before Install runs).
func BenchmarkInstallWarm(b *testing.B) {
	touch := goja.MustCompile("touch.js", `[Object.prototype.hasOwnProperty, Array.prototype, Promise.prototype.then, Map.prototype.get,
		WeakMap.prototype.get, Symbol.keyFor, Reflect.apply, Math.trunc, Error.prototype.toString, TypeError, RangeError, ReferenceError,
		Date.prototype.getTime, RegExp, String.prototype, DataView.prototype.getUint16, ArrayBuffer.prototype, [].values()]`, true)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		vm := goja.New()
		if _, err := vm.RunProgram(touch); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := builtins.Install(vm); err != nil {
			b.Fatal(err)
		}
	}
}
