package sandbox

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"codexec/internal/testutil"
	"codexec/limits"
	"codexec/result"
)

func fullIsolation(t testing.TB) *Isolation {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	iso, err := NewIsolation(IsolationOptions{})
	if err != nil {
		if os.Getenv("CODEXEC_EXPECT_CGROUP") != "" || os.Getenv("CODEXEC_EXPECT_MODE") != "" {
			t.Fatalf("full isolation impossible in a run that expects it: %v", err)
		}
		t.Skipf("skipping: full isolation is not possible here: %v", err)
	}
	switch want := os.Getenv("CODEXEC_EXPECT_MODE"); {
	case want == "rootless" && !(iso.Rootless && iso.UserNS):
		t.Fatalf("a rootless run has isolation without a user namespace: %+v", iso)
	case want == "root" && iso.Rootless:
		t.Fatal("a run as root found itself rootless")
	}
	testutil.ExpectCgroupMode(t, string(iso.Cgroups.Mode()))
	return iso
}

func runIsolated(t testing.TB, iso *Isolation, runner, code string, timeoutMs int64, memMiB int64) Outcome {
	t.Helper()
	r, err := Start(Config{RunnerPath: runner, Env: RunnerEnv, Isolation: iso},
		Spec{ID: fmt.Sprintf("t%d", time.Now().UnixNano()), MemoryBytes: memMiB << 20})
	if err != nil {
		t.Fatal(err)
	}
	return r.Run(context.Background(), testJob(code, timeoutMs), memMiB<<20, nil)
}

// TestEngineCompromised plays an attacker with native code execution in a
// locked-down runner: every attempt must fail, by an error or by the kernel
// killing the runner. The harmless attempts must succeed in a runner with
// no lockdown, proving that the probes themselves work.
func TestEngineCompromised(t *testing.T) {
	iso := fullIsolation(t)
	probeRunner := testutil.ProbeRunner(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	self := strconv.Itoa(os.Getpid())

	probes := []struct {
		name, arg string
		harmless  bool // must succeed without lockdown
	}{
		{"open", "", true},
		{"create", "", false},
		{"connect", port, true},
		{"fork", "", false},
		{"execve", "", false},
		{"ptrace", self, false},
		{"mount", "", false},
		{"setuid", "", false},
		{"kill0", self, true},
		{"unshare", "", false},
		{"bpf", "", false},
		{"io_uring_setup", "", false},
		{"keyctl", "", false},
		{"perf_event_open", "", false},
		{"personality", "", false},
		{"environ", self, true},
	}
	none, err := NewIsolation(IsolationOptions{NoCgroups: true, Namespaces: []string{}, AllowWeak: true,
		Skip: []string{limits.LayerRlimits, limits.LayerCreds, limits.LayerLandlock, limits.LayerSeccomp}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probes {
		t.Run(p.name, func(t *testing.T) {
			code := "probe:" + p.name + ":" + p.arg
			out := runIsolated(t, iso, probeRunner, code, 2000, 64)
			var got struct {
				OK    bool   `json:"ok"`
				Error string `json:"error"`
			}
			switch out.Status {
			case result.OK:
				if err := json.Unmarshal(out.Output, &got); err != nil {
					t.Fatalf("probe output %s: %v", out.Output, err)
				}
				if got.OK {
					t.Fatalf("%s SUCCEEDED inside a locked-down runner", p.name)
				}
				t.Logf("locked down: %s failed: %s", p.name, got.Error)
			case result.Internal:
				if !strings.Contains(out.Error.Message, "seccomp") {
					t.Fatalf("runner died, but not by seccomp: %s", out.Error.Message)
				}
				t.Logf("locked down: %s killed the runner: %s", p.name, out.Error.Message)
			default:
				t.Fatalf("unexpected outcome %s %+v", out.Status, out.Error)
			}
			if !p.harmless {
				return
			}
			ctl := runIsolated(t, none, probeRunner, code, 2000, 64)
			if ctl.Status != result.OK || json.Unmarshal(ctl.Output, &got) != nil || !got.OK {
				t.Fatalf("without lockdown %s should work: %s %s %+v", p.name, ctl.Status, ctl.Output, ctl.Error)
			}
		})
	}
}

// A memory bomb under a 64 MiB limit ends with status memory and its peak,
// by the runtime's watchdog or the kernel's OOM kill, and its cgroup goes.
func TestMemoryBombs(t *testing.T) {
	iso := fullIsolation(t)
	bombs := []struct{ name, code string }{
		{"arrays", "const a = []; for (;;) a.push(new Array(1000).fill(7))"},
		{"one huge string", "return 'x'.repeat(2 ** 28).length"},
		{"map growth", "const m = new Map(); for (let i = 0; ; i++) m.set('k' + i, {i})"},
		{"typed arrays", "const k = []; for (;;) k.push(new Float64Array(1 << 20))"},
	}
	for _, b := range bombs {
		t.Run(b.name, func(t *testing.T) {
			out := runIsolated(t, iso, testutil.Runner(t), b.code, 30000, 64)
			if out.Status != result.Memory {
				t.Fatalf("status = %s (%+v), want memory", out.Status, out.Error)
			}
			// Typed arrays of untouched zero pages use little real memory:
			// the watchdog stops them on what they asked for, and the peak
			// reported is the real one.
			if out.PeakMemoryBytes == 0 || out.PeakMemoryBytes > 64<<20+memoryMargin {
				t.Errorf("peak = %.1f MiB, want a real peak of at most the limit plus %d MiB", float64(out.PeakMemoryBytes)/(1<<20), memoryMargin>>20)
			}
			t.Logf("%s: %s; peak %.1f MiB", b.name, out.Error.Message, float64(out.PeakMemoryBytes)/(1<<20))
		})
	}
	assertNoRunnerCgroups(t, iso)
}

// goja cannot interrupt a catastrophic regular expression; the supervisor's
// kill of the whole cgroup ends it.
func TestHardKillIsolated(t *testing.T) {
	iso := fullIsolation(t)
	start := time.Now()
	out := runIsolated(t, iso, testutil.Runner(t), "console.log('before');\nreturn /^(a+)+(?!x)$/.test('a'.repeat(40) + 'b')", 300, 64)
	if out.Status != result.Timeout || !strings.Contains(out.Error.Message, "killed") {
		t.Fatalf("outcome = %s %+v, want timeout by the hard kill", out.Status, out.Error)
	}
	if len(out.Logs) != 1 {
		t.Errorf("logs = %v, want the line written before the kill", out.Logs)
	}
	t.Logf("hard kill after %v", time.Since(start))
}

// A runner that says ready without being locked down is caught from the
// outside and never gets the job.
func TestLockdownIsVerified(t *testing.T) {
	iso := fullIsolation(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Start(Config{RunnerPath: self, Env: []string{"CODEXEC_FAKE_RUNNER=hang"}, Isolation: iso}, Spec{ID: "liar", MemoryBytes: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	out := r.Run(context.Background(), testJob("return 1", 1000), 64<<20, nil)
	if out.Status != result.Internal || !strings.Contains(out.Error.Message, "not locked down") {
		t.Fatalf("outcome = %s %+v, want internal: not locked down", out.Status, out.Error)
	}
}

// A ready runner holds only its pipes, stderr and the Go runtime's own
// poller descriptors.
func TestRunnerDescriptors(t *testing.T) {
	iso := fullIsolation(t)
	r, err := Start(Config{RunnerPath: testutil.Runner(t), Env: RunnerEnv, Isolation: iso}, Spec{ID: "fds", MemoryBytes: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Kill()
	if err := r.WaitReady(context.Background()); err != nil {
		t.Fatal(err)
	}
	dir := fmt.Sprintf("/proc/%d/fd", r.PID())
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var fds []string
	for _, e := range entries {
		target, _ := os.Readlink(filepath.Join(dir, e.Name()))
		fds = append(fds, e.Name()+"→"+target)
		switch {
		case strings.HasPrefix(target, "pipe:"), strings.HasPrefix(target, "anon_inode:"), target == "/dev/null":
		default:
			t.Errorf("runner holds fd %s → %s", e.Name(), target)
		}
	}
	if len(fds) > 8 {
		t.Errorf("runner holds %d descriptors: %v", len(fds), fds)
	}
	t.Logf("runner descriptors: %v", fds)
}

// 500 executions of mixed outcomes leave no runner process, cgroup,
// descriptor or goroutine behind.
func TestNoLeaks(t *testing.T) {
	iso := fullIsolation(t)
	runner := testutil.Runner(t)
	n := 500
	if s := os.Getenv("CODEXEC_LEAK_RUNS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	codes := []struct {
		code      string
		timeoutMs int64
		status    result.Status
	}{
		{"return 1", 1000, result.OK},
		{"throw new Error('x')", 1000, result.Error},
		{"for (;;) {}", 100, result.Timeout},
		{"const a = []; for (;;) a.push(new Array(1000).fill(7))", 30000, result.Memory},
		{"for (let i = 0; i < 2000; i++) console.log(i)", 1000, result.OutputLimit},
		{"return /^(a+)+(?!x)$/.test('a'.repeat(40) + 'b')", 100, result.Timeout},
	}
	// Warm up, then take the baseline.
	runIsolated(t, iso, runner, "return 1", 1000, 64)
	fdsBefore := countFDs(t)
	goBefore := runtime.NumGoroutine()

	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[result.Status]int{}
	sem := make(chan struct{}, 4)
	for i := 0; i < n; i++ {
		c := codes[i%len(codes)]
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out := runIsolated(t, iso, runner, c.code, c.timeoutMs, 48)
			mu.Lock()
			counts[out.Status]++
			mu.Unlock()
			if out.Status != c.status {
				t.Errorf("%q: status %s (%+v), want %s", c.code, out.Status, out.Error, c.status)
			}
		}()
	}
	wg.Wait()
	t.Logf("%d executions: %v", n, counts)

	assertNoRunnerCgroups(t, iso)
	if kids := testutil.Children(os.Getpid()); len(kids) > 0 {
		t.Errorf("child processes left: %v", kids)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > goBefore+2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > goBefore+2 {
		t.Errorf("goroutines: %d before, %d after", goBefore, g)
	}
	if fds := countFDs(t); fds > fdsBefore {
		t.Errorf("descriptors: %d before, %d after", fdsBefore, fds)
	}
}

func assertNoRunnerCgroups(t *testing.T, iso *Isolation) {
	t.Helper()
	prefix := fmt.Sprintf("exec-%d-", os.Getpid())
	for _, p := range iso.Cgroups.Parents() {
		entries, _ := os.ReadDir(p)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), prefix) {
				t.Errorf("cgroup left behind: %s/%s", p, e.Name())
			}
		}
	}
}

func countFDs(t *testing.T) int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

// With AsyncCleanup, Run returns at the result; the runner's exit and its
// cgroup's removal follow in the background, and WaitCleanups waits for
// them: nothing is left behind either way.
func TestAsyncCleanup(t *testing.T) {
	iso := fullIsolation(t)
	runner := testutil.Runner(t)
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r, err := Start(Config{RunnerPath: runner, Env: RunnerEnv, Isolation: iso, AsyncCleanup: true},
				Spec{ID: fmt.Sprintf("async%d", i), MemoryBytes: 64 << 20})
			if err != nil {
				t.Error(err)
				return
			}
			out := r.Run(context.Background(), testJob("return 'x'.repeat(1000).length", 1000), 64<<20, nil)
			if out.Status != result.OK || string(out.Output) != "1000" || out.PeakMemoryBytes < 4<<20 {
				t.Errorf("outcome %s %s, peak %d", out.Status, out.Output, out.PeakMemoryBytes)
			}
		}(i)
	}
	wg.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := WaitCleanups(ctx); err != nil {
		t.Fatal(err)
	}
	assertNoRunnerCgroups(t, iso)
	if kids := testutil.Children(os.Getpid()); len(kids) > 0 {
		t.Errorf("child processes left: %v", kids)
	}
}

// no_new_privs is on every thread of a runner, also where seccomp (whose
// TSYNC would carry it) is skipped: the prctl is per thread, and verify
// reads the main thread.
func TestNoNewPrivsOnEveryThread(t *testing.T) {
	testutil.RequireRoot(t)
	// Alone, the runner's own all-thread prctl sets it; with landlock,
	// landlock's enforcement does (and the runner's prctl is left out).
	for _, skip := range [][]string{
		{limits.LayerRlimits, limits.LayerCreds, limits.LayerLandlock, limits.LayerSeccomp},
		{limits.LayerRlimits, limits.LayerCreds, limits.LayerSeccomp},
	} {
		t.Run(strings.Join(skip, "+"), func(t *testing.T) { noNewPrivsOnEveryThread(t, skip) })
	}
}

func noNewPrivsOnEveryThread(t *testing.T, skip []string) {
	iso, err := NewIsolation(IsolationOptions{NoCgroups: true, Namespaces: []string{}, AllowWeak: true, Skip: skip})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		r, err := Start(Config{RunnerPath: testutil.Runner(t), Env: RunnerEnv, Isolation: iso}, Spec{ID: fmt.Sprintf("nnp%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.WaitReady(t.Context()); err != nil {
			t.Fatalf("runner %d: %v", i, err)
		}
		tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/status", r.PID()))
		if len(tasks) < 2 {
			t.Fatalf("runner %d has %d threads", i, len(tasks))
		}
		for _, f := range tasks {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), "\nNoNewPrivs:\t1\n") {
				t.Errorf("runner %d: %s lacks no_new_privs", i, f)
			}
		}
		r.Kill()
	}
}

// As root, runners share one empty network namespace (decision 0041): not
// the supervisor's, the same for every runner, holding only a loopback
// interface and no socket of any kind, also after runners have run.
func TestRunnersShareAnEmptyNetworkNamespace(t *testing.T) {
	iso := fullIsolation(t)
	if iso.Rootless {
		t.Skip("skipping: without root each runner gets a network namespace of its own")
	}
	if iso.netNS == nil {
		t.Fatal("as root, no shared network namespace was made")
	}
	self, _ := os.Readlink("/proc/self/ns/net")
	var links []string
	for i := 0; i < 3; i++ {
		r, err := Start(Config{RunnerPath: testutil.Runner(t), Env: RunnerEnv, Isolation: iso}, Spec{ID: fmt.Sprintf("netns%d", i), MemoryBytes: 64 << 20})
		if err != nil {
			t.Fatal(err)
		}
		if err := r.WaitReady(t.Context()); err != nil {
			t.Fatal(err)
		}
		l, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/net", r.PID()))
		if err != nil {
			t.Fatal(err)
		}
		links = append(links, l)
		for file, want := range map[string]int{"dev": 1, "unix": 0, "tcp": 0, "tcp6": 0, "udp": 0, "raw": 0, "route": 0} {
			b, err := os.ReadFile(fmt.Sprintf("/proc/%d/net/%s", r.PID(), file))
			if err != nil {
				continue // a protocol this kernel lacks
			}
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			head := 1
			if file == "dev" {
				head = 2
			}
			if got := len(lines) - head; got != want {
				t.Errorf("runner %d: /proc/PID/net/%s has %d entries, want %d:\n%s", i, file, got, want, b)
			}
		}
		out := r.Run(t.Context(), testJob("return 1", 2000), 64<<20, nil)
		if out.Status != result.OK {
			t.Fatalf("runner %d: %s %+v", i, out.Status, out.Error)
		}
	}
	for _, l := range links {
		if l == self || l != links[0] || l != iso.netNSLink {
			t.Fatalf("runners' network namespaces %v; the supervisor's %s, the shared one %s", links, self, iso.netNSLink)
		}
	}
	// With a fresh namespace per runner (the option kept for measuring),
	// each has its own.
	fresh, err := NewIsolation(IsolationOptions{FreshNetNS: true})
	if err != nil {
		t.Fatal(err)
	}
	if fresh.netNS != nil || fresh.CloneFlags&syscall.CLONE_NEWNET == 0 {
		t.Error("FreshNetNS did not give runners their own network namespace")
	}
}

// As root, a runner whose binary its ids may execute but not read is
// started as those ids (decision 0042): the forked child changes them, and
// execve, finding the binary through its directory's handle, leaves the
// process undumpable. The directories above the binary need not be
// reachable by the ids; the handle does not stay in the runner. A binary
// they may read is started as root and drops them itself, as before. Both
// end with the same ids, no capability, and an undumpable process.
func TestRunnerStartsAsItsIDs(t *testing.T) {
	iso := fullIsolation(t)
	if iso.Rootless {
		t.Skip("skipping: without root the runner starts in a user namespace of its own")
	}
	src, err := os.ReadFile(testutil.Runner(t))
	if err != nil {
		t.Fatal(err)
	}
	// locked (0700, unreachable by the ids) / bin (0711) / runner.
	locked := filepath.Join(t.TempDir(), "locked")
	bin := filepath.Join(locked, "bin")
	if err := os.MkdirAll(bin, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(bin, 0o711); err != nil {
		t.Fatal(err)
	}
	runner := filepath.Join(bin, "runner")
	if err := os.WriteFile(runner, src, 0o711); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		mode  os.FileMode
		asIDs bool
	}{{0o711, true}, {0o755, false}, {0o700 | 0o001, true}} {
		t.Run(tc.mode.String(), func(t *testing.T) {
			if err := os.Chmod(runner, tc.mode); err != nil {
				t.Fatal(err)
			}
			r, err := Start(Config{RunnerPath: runner, Env: RunnerEnv, Isolation: iso}, Spec{ID: "ids" + strconv.Itoa(int(tc.mode)), MemoryBytes: 64 << 20})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Kill()
			if err := r.WaitReady(t.Context()); err != nil {
				t.Fatal(err)
			}
			if r.StartedAsIDs() != tc.asIDs {
				t.Errorf("started as its ids: %v, want %v", r.StartedAsIDs(), tc.asIDs)
			}
			if !slices.Contains(r.Ready().Layers, limits.LayerCreds) {
				t.Errorf("ready's layers %v lack %s", r.Ready().Layers, limits.LayerCreds)
			}
			pid := r.PID()
			status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
			if err != nil {
				t.Fatal(err)
			}
			fields := map[string]string{}
			for _, line := range strings.Split(string(status), "\n") {
				if k, v, ok := strings.Cut(line, ":"); ok {
					fields[k] = strings.Join(strings.Fields(v), " ")
				}
			}
			for k, want := range map[string]string{"Uid": "65534 65534 65534 65534", "Gid": "65534 65534 65534 65534",
				"CapEff": "0000000000000000", "CapPrm": "0000000000000000", "Groups": ""} {
				if fields[k] != want {
					t.Errorf("%s is %q, want %q", k, fields[k], want)
				}
			}
			var st syscall.Stat_t
			if err := syscall.Stat(fmt.Sprintf("/proc/%d/mem", pid), &st); err != nil {
				t.Fatal(err)
			}
			if st.Uid != 0 {
				t.Errorf("its memory file belongs to uid %d: it is dumpable", st.Uid)
			}
			cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
			if got := strings.Contains(string(cmdline), "--close-fd=5"); got != tc.asIDs {
				t.Errorf("cmdline %q: --close-fd=5 is %v, want %v", cmdline, got, tc.asIDs)
			}
			if comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); string(comm) != "runner\n" {
				t.Errorf("comm = %q, want runner", comm)
			}
			dir := fmt.Sprintf("/proc/%d/fd", pid)
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if target, _ := os.Readlink(filepath.Join(dir, e.Name())); strings.HasPrefix(target, "/") {
					t.Errorf("runner holds fd %s → %s", e.Name(), target)
				}
			}
			out := r.Run(t.Context(), testJob("return 1 + 1", 2000), 64<<20, nil)
			if out.Status != result.OK || string(out.Output) != "2" {
				t.Fatalf("outcome %s %s %+v", out.Status, out.Output, out.Error)
			}
			// doctor's end-to-end check names the mode to set when the
			// runner had to drop its ids itself.
			var live string
			for _, c := range DiagnoseWith(DiagnoseOptions{RunnerPath: runner}).Checks {
				if c.Name == "a runner, end to end" {
					live = c.Detail
				}
			}
			if hint := strings.Contains(live, "chmod 0711 "+runner); hint == tc.asIDs {
				t.Errorf("doctor's hint to chmod 0711 shown: %v, want %v (%q)", hint, !tc.asIDs, live)
			}
		})
	}

	// A POSIX ACL that lets the ids read the binary its mode bits deny them:
	// execve leaves that runner dumpable, and verification refuses it.
	t.Run("read by an ACL", func(t *testing.T) {
		if err := os.Chmod(runner, 0o711); err != nil {
			t.Fatal(err)
		}
		if err := setReadACL(runner, DefaultRunnerID); err != nil {
			if errors.Is(err, syscall.EOPNOTSUPP) {
				t.Skipf("skipping: no POSIX ACLs here: %v", err)
			}
			t.Fatal(err)
		}
		r, err := Start(Config{RunnerPath: runner, Env: RunnerEnv, Isolation: iso}, Spec{ID: "acl", MemoryBytes: 64 << 20})
		if err != nil {
			t.Fatal(err)
		}
		out := r.Run(t.Context(), testJob("return 1", 2000), 64<<20, nil)
		if out.Status != result.Internal || out.Error == nil || !strings.Contains(out.Error.Message, "dumpable") {
			t.Fatalf("a runner its ids may read: outcome %s %+v, want internal: dumpable", out.Status, out.Error)
		}
	})
}

// setReadACL gives uid read and execute on path by a POSIX access ACL
// (the system.posix_acl_access attribute, version 2).
func setReadACL(path string, uid int) error {
	const (
		userObj, user, groupObj, mask, other = 0x01, 0x02, 0x04, 0x10, 0x20
		undefined                            = 0xffffffff
	)
	b := binary.LittleEndian.AppendUint32(nil, 2)
	for _, e := range []struct {
		tag, perm uint16
		id        uint32
	}{{userObj, 7, undefined}, {user, 5, uint32(uid)}, {groupObj, 1, undefined}, {mask, 5, undefined}, {other, 1, undefined}} {
		b = binary.LittleEndian.AppendUint16(b, e.tag)
		b = binary.LittleEndian.AppendUint16(b, e.perm)
		b = binary.LittleEndian.AppendUint32(b, e.id)
	}
	return syscall.Setxattr(path, "system.posix_acl_access", b, 0)
}
