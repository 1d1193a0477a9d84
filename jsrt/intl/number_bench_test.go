package intl

import (
	"testing"

	"github.com/dop251/goja"
)

// resetNumberData forgets every decoded locale, as in a new process.
func resetNumberData() {
	numberData.Lock()
	numberData.locales = nil
	numberData.sup = nil
	numberData.Unlock()
	pluralSets = map[string]*pluralSet{}
	patternCache = map[string]*numPattern{}
}

func benchFirstUse(b *testing.B, warm, expr string) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		resetNumberData()
		vm := goja.New()
		if err := Install(vm); err != nil {
			b.Fatal(err)
		}
		prg := goja.MustCompile("", expr, false)
		if warm != "" {
			if _, err := vm.RunString(warm); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstNumberFormat is a program's first NumberFormat: decoding
// the supplemental data and en's, then formatting.
func BenchmarkFirstNumberFormat(b *testing.B) {
	benchFirstUse(b, "", "new Intl.NumberFormat('en-US').format(1)")
}

// BenchmarkSecondLocale is the first NumberFormat of a second locale.
func BenchmarkSecondLocale(b *testing.B) {
	benchFirstUse(b, "new Intl.NumberFormat('en-US').format(1)", "new Intl.NumberFormat('de-DE').format(1)")
}

// BenchmarkFormatWarm is formatting with a formatter already made.
func BenchmarkFormatWarm(b *testing.B) {
	vm := goja.New()
	if err := Install(vm); err != nil {
		b.Fatal(err)
	}
	if _, err := vm.RunString("var nf = new Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD'})"); err != nil {
		b.Fatal(err)
	}
	prg := goja.MustCompile("", "nf.format(1234.5)", false)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkToLocaleString is (x).toLocaleString('de-DE') in a loop: a
// formatter per call, as the specification has it.
func BenchmarkToLocaleString(b *testing.B) {
	vm := goja.New()
	if err := Install(vm); err != nil {
		b.Fatal(err)
	}
	prg := goja.MustCompile("", "(1234.5).toLocaleString('de-DE')", false)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInstall is what Install costs every runtime.
func BenchmarkInstall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		vm := goja.New()
		if err := Install(vm); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRuntime is goja.New alone, to read BenchmarkInstall against.
func BenchmarkNewRuntime(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = goja.New()
	}
}

// BenchmarkFirstCurrency is a program's first currency formatter (the
// locale's currency names decoded too).
func BenchmarkFirstCurrency(b *testing.B) {
	benchFirstUse(b, "", "new Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD'}).format(1)")
}

// BenchmarkToLocaleStringOptions is toLocaleString with options in a loop
// (a formatter resolved per call).
func BenchmarkToLocaleStringOptions(b *testing.B) {
	vm := goja.New()
	if err := Install(vm); err != nil {
		b.Fatal(err)
	}
	prg := goja.MustCompile("", "(1234.5).toLocaleString('en-US', {style: 'currency', currency: 'USD'})", false)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := vm.RunProgram(prg); err != nil {
			b.Fatal(err)
		}
	}
}
