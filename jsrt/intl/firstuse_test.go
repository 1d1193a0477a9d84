package intl

import (
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/dop251/goja"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestFirstUseCost prints the CPU time of the first use of a feature in a
// fresh process (the data it decodes, the tables it builds):
//
//	INTL_FIRST_USE='"a".localeCompare("b")' go test -run FirstUseCost -v ./jsrt/intl
func TestFirstUseCost(t *testing.T) {
	src := os.Getenv("INTL_FIRST_USE")
	if src == "" {
		t.Skip("INTL_FIRST_USE not set")
	}
	vm := newVM(t)
	c0, w0 := cpuTime(), time.Now()
	evalJS(t, vm, src)
	c1, w1 := cpuTime(), time.Now()
	evalJS(t, vm, src)
	c2, w2 := cpuTime(), time.Now()
	t.Logf("first: %v CPU (%v wall); second: %v CPU (%v wall)", c1-c0, w1.Sub(w0), c2-c1, w2.Sub(w1))
}

func BenchmarkIntlServicesInstall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		newVM(b)
	}
}

// BenchmarkIntlServicesInstallBare is Install with no service: the
// difference to BenchmarkIntlServicesInstall is what the services cost
// every runtime.
func BenchmarkIntlServicesInstallBare(b *testing.B) {
	saved := installers
	installers = nil
	defer func() { installers = saved }()
	for i := 0; i < b.N; i++ {
		newVM(b)
	}
}

// BenchmarkGojaNew is goja.New alone, for scale.
func BenchmarkGojaNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		goja.New()
	}
}
