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

// touch initialises the standard built-ins the way jsrt's prelude does
// before Install runs (goja builds them on first use).
var touch = goja.MustCompile("touch.js", `[Object.prototype.hasOwnProperty, Array.prototype.map, Promise.prototype.then, Map.prototype.get,
	Symbol.keyFor, Reflect.apply, Math.trunc, Error.prototype.toString, TypeError, RangeError, ReferenceError,
	Date.prototype.getTime, RegExp, String.prototype.slice, ArrayBuffer.prototype, [].values()]`, true)

// firstUse reports the CPU time of a program's first run in a fresh
// runtime (which compiles the group it uses) and of its second run (the
// group compiled): their difference is the group's first-use cost.
func firstUse(b *testing.B, code string) {
	b.Helper()
	prg := goja.MustCompile("bench.js", code, true)
	var first, second time.Duration
	for i := 0; i < b.N; i++ {
		vm := goja.New()
		if _, err := vm.RunProgram(touch); err != nil {
			b.Fatal(err)
		}
		if err := builtins.Install(vm); err != nil {
			b.Fatal(err)
		}
		t0 := cpuTime()
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
		t1 := cpuTime()
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
		first += t1 - t0
		second += cpuTime() - t1
	}
	b.ReportMetric(float64(first.Nanoseconds())/float64(b.N), "first-cpu-ns/op")
	b.ReportMetric(float64(second.Nanoseconds())/float64(b.N), "warm-cpu-ns/op")
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

func BenchmarkFirstUseDisposableStack(b *testing.B) {
	firstUse(b, `{ const s = new DisposableStack(); s.defer(() => {}); s.dispose(); }`)
}

// BenchmarkInstallAfterTouch is the CPU time of Install alone, in a runtime
// whose standard built-ins were initialised as jsrt's prelude leaves them.
func BenchmarkInstallAfterTouch(b *testing.B) {
	var spent time.Duration
	for i := 0; i < b.N; i++ {
		vm := goja.New()
		if _, err := vm.RunProgram(touch); err != nil {
			b.Fatal(err)
		}
		t0 := cpuTime()
		if err := builtins.Install(vm); err != nil {
			b.Fatal(err)
		}
		spent += cpuTime() - t0
	}
	b.ReportMetric(float64(spent.Nanoseconds())/float64(b.N), "install-cpu-ns/op")
}

// BenchmarkCompileGroup is the parse and compile of each JavaScript group
// alone, the bulk of a first use.
func BenchmarkCompileGroup(b *testing.B) {
	for _, g := range []string{"groupby", "iterator", "fromasync", "dispose", "legacy"} {
		src, err := builtins.Source(g)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(g, func(b *testing.B) {
			start := cpuTime()
			for i := 0; i < b.N; i++ {
				if _, err := goja.Compile(g+".js", src, true); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, start)
		})
	}
}
