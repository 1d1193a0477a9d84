// Package testutil holds what codexec's tests share: building the real
// binaries once per test process, and skipping privileged tests with a
// reason.
package testutil

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"codexec/result"
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
		if buildOut, buildErr = cmd.CombinedOutput(); buildErr == nil {
			// As make build leaves it: started as the runners' ids (decision 0042).
			buildErr = os.Chmod(filepath.Join(binDir, "runner"), 0o711)
		}
	})
	if buildErr != nil {
		tb.Fatalf("testutil: build binaries: %v\n%s", buildErr, buildOut)
	}
	return binDir
}

// built is a binary a test process builds at most once.
type built struct {
	once sync.Once
	path string
	err  error
	out  []byte
}

// get builds pkg (with tags) into dir()/name the first time, with cgo off
// as the Makefile builds, and returns its path; what names it in errors.
func (b *built) get(tb testing.TB, what string, dir func() (string, error), name, pkg string, tags ...string) string {
	tb.Helper()
	b.once.Do(func() {
		d, err := dir()
		if err == nil {
			err = os.MkdirAll(d, 0o755)
		}
		if err != nil {
			b.err = err
			return
		}
		b.path = filepath.Join(d, name)
		args := []string{"build"}
		if len(tags) > 0 {
			args = append(args, "-tags", strings.Join(tags, ","))
		}
		cmd := exec.Command("go", append(args, "-o", b.path, pkg)...)
		cmd.Dir = ModuleRoot(tb)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if b.out, b.err = cmd.CombinedOutput(); b.err == nil && name == "runner" {
			b.err = os.Chmod(b.path, 0o711) // as make build leaves it (decision 0042)
		}
	})
	if b.err != nil {
		tb.Fatalf("testutil: build %s: %v\n%s", what, b.err, b.out)
	}
	return b.path
}

var probe, mcpServer built

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
	return probe.get(tb, "the probe runner", func() (string, error) { return filepath.Join(Binaries(tb), "probe"), nil },
		"runner", "./cmd/runner", "sandboxtest")
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
	if p := mcpServer.path; p != "" && strings.HasPrefix(filepath.Base(filepath.Dir(p)), "codexec-test-mcp-") {
		os.RemoveAll(filepath.Dir(p))
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

// Children lists the live (not zombie) child processes of pid, each as
// "pid (name)".
func Children(pid int) []string {
	parent := strconv.Itoa(pid)
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var kids []string
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) > 1 && f[1] == parent && f[0] != "Z" {
			kids = append(kids, s[:i+1])
		}
	}
	sort.Strings(kids)
	return kids
}

// SameJSON reports whether two JSON texts hold the same value.
func SameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// FormatCounts prints counts by status in a stable order ("error 3, ok 7").
func FormatCounts(m map[result.Status]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[result.Status(k)])
	}
	return strings.Join(parts, ", ")
}

// SyncBuffer collects what a process or goroutine writes, safe for
// concurrent writes and reads.
type SyncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// MCPTestServer builds, once per test process, internal/mcptestserver (a
// small MCP server on stdio, made with the official Go SDK) and returns
// its path.
func MCPTestServer(tb testing.TB) string {
	tb.Helper()
	if dir := os.Getenv("CODEXEC_TEST_BIN"); dir != "" {
		if p := filepath.Join(dir, "mcptestserver"); fileExists(p) {
			return p
		}
	}
	return mcpServer.get(tb, "the MCP test server", func() (string, error) { return os.MkdirTemp("", "codexec-test-mcp-") },
		"mcptestserver", "./internal/mcptestserver")
}

// AllStopped reports that every thread of pid is stopped (state T in its
// /proc stat), as after SIGSTOP took effect.
func AllStopped(pid int) bool {
	stats, _ := filepath.Glob("/proc/" + strconv.Itoa(pid) + "/task/*/stat")
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			return false
		}
		s := string(b)
		if f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:]); len(f) == 0 || f[0] != "T" {
			return false
		}
	}
	return len(stats) > 0
}
