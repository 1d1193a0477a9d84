// Package testutil holds what codexec's tests share: building the real
// binaries once per test process, and skipping privileged tests with a
// reason.
package testutil

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
	buildOut  []byte
)

// ModuleRoot is the directory of go.mod.
func ModuleRoot(tb testing.TB) string {
	tb.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("testutil: cannot locate the module")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Binaries builds bin/runner and bin/supervisor once per test process and
// returns the directory holding both (removed when the process ends is left
// to the OS temp cleaner; each process builds its own).
func Binaries(tb testing.TB) string {
	tb.Helper()
	if dir := os.Getenv("CODEXEC_TEST_BIN"); dir != "" {
		return dir
	}
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "codexec-test-bin-")
		if buildErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", binDir+"/", "./cmd/runner", "./cmd/supervisor")
		cmd.Dir = ModuleRoot(tb)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		tb.Fatalf("testutil: build binaries: %v\n%s", buildErr, buildOut)
	}
	return binDir
}

var (
	probeOnce sync.Once
	probePath string
	probeErr  error
	probeOut  []byte
)

// ProbeRunner builds, once per test process, a runner with the sandboxtest
// tag: the production lockdown, plus native attack probes (see
// cmd/runner/probe_sandboxtest.go).
func ProbeRunner(tb testing.TB) string {
	tb.Helper()
	if dir := os.Getenv("CODEXEC_TEST_BIN"); dir != "" {
		// Prebuilt (make test builds it; inside the VM there is no Go).
		if p := filepath.Join(dir, "probe", "runner"); fileExists(p) {
			return p
		}
	}
	probeOnce.Do(func() {
		dir := filepath.Join(Binaries(tb), "probe")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			probeErr = err
			return
		}
		probePath = filepath.Join(dir, "runner")
		cmd := exec.Command("go", "build", "-tags", "sandboxtest", "-o", probePath, "./cmd/runner")
		cmd.Dir = ModuleRoot(tb)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		probeOut, probeErr = cmd.CombinedOutput()
	})
	if probeErr != nil {
		tb.Fatalf("testutil: build the probe runner: %v\n%s", probeErr, probeOut)
	}
	return probePath
}

// Runner returns the path of a freshly built runner.
func Runner(tb testing.TB) string { return filepath.Join(Binaries(tb), "runner") }

// Supervisor returns the path of a freshly built supervisor.
func Supervisor(tb testing.TB) string { return filepath.Join(Binaries(tb), "supervisor") }

// RequireRoot skips the test unless it runs as root.
func RequireRoot(tb testing.TB) {
	tb.Helper()
	if os.Geteuid() != 0 {
		tb.Skip("skipping: requires root (CI runs as root)")
	}
}

// RemoveBinaries removes what Binaries built; call it from TestMain.
func RemoveBinaries() {
	if binDir != "" && os.Getenv("CODEXEC_TEST_BIN") == "" {
		os.RemoveAll(binDir)
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// ExpectCgroupMode fails the test when $CODEXEC_EXPECT_CGROUP names a
// cgroup mode (v1, v2) other than mode: the VM run sets it, so that a
// misconfigured guest cannot pass by falling back.
func ExpectCgroupMode(tb testing.TB, mode string) {
	tb.Helper()
	if want := os.Getenv("CODEXEC_EXPECT_CGROUP"); want != "" && want != mode {
		tb.Fatalf("cgroup mode is %s, but this run expects %s", mode, want)
	}
}
