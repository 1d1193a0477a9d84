package cgroups

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"codexec/internal/testutil"
)

// TestMain doubles as a helper process: with CODEXEC_CGROUP_HELPER set the
// test binary waits for a byte on stdin, then does what the variable says.
func TestMain(m *testing.M) {
	testutil.NestedSetup()
	if mode := os.Getenv("CODEXEC_CGROUP_HELPER"); mode != "" {
		helper(mode)
		return
	}
	os.Exit(m.Run())
}

func helper(mode string) {
	var b [1]byte
	_, _ = os.Stdin.Read(b[:])
	switch {
	case strings.HasPrefix(mode, "alloc:"):
		mib, _ := strconv.Atoi(strings.TrimPrefix(mode, "alloc:"))
		var keep [][]byte
		for i := 0; i < mib; i++ {
			chunk := make([]byte, 1<<20)
			for j := range chunk {
				chunk[j] = byte(j)
			}
			keep = append(keep, chunk)
		}
		fmt.Println(len(keep))
		os.Exit(0)
	case strings.HasPrefix(mode, "spawn:"):
		n, _ := strconv.Atoi(strings.TrimPrefix(mode, "spawn:"))
		failed := 0
		var cmds []*exec.Cmd
		for i := 0; i < n; i++ {
			c := exec.Command("sleep", "5")
			if err := c.Start(); err != nil {
				failed++
				continue
			}
			cmds = append(cmds, c)
		}
		fmt.Println(failed)
		for _, c := range cmds {
			_ = c.Process.Kill()
			_ = c.Wait()
		}
		os.Exit(0)
	default:
		time.Sleep(time.Minute)
	}
}

func requireHostCgroups(t *testing.T) *Manager {
	t.Helper()
	m, err := New()
	if err != nil {
		if os.Getenv("CODEXEC_EXPECT_CGROUP") != "" || os.Getenv("CODEXEC_EXPECT_MODE") != "" {
			t.Fatalf("no usable cgroups in a run that expects them: %v", err)
		}
		t.Skipf("skipping: no usable cgroups here: %v", err)
	}
	testutil.ExpectCgroupMode(t, string(m.Mode()))
	return m
}

// startHelper starts the test binary as a helper inside g and returns it
// with the pipe that releases it.
func startHelper(t *testing.T, g Cgroup, mode string) (*exec.Cmd, *os.File, *strings.Builder) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	cmd := exec.Command(self)
	cmd.Env = []string{"CODEXEC_CGROUP_HELPER=" + mode, "GOMAXPROCS=1", "PATH=" + os.Getenv("PATH")}
	cmd.Stdin = r
	cmd.Stdout = &out
	if g.FD() >= 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{UseCgroupFD: true, CgroupFD: g.FD()}
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r.Close()
	if g.FD() < 0 {
		if err := g.Place(cmd.Process.Pid); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait(); w.Close() })
	return cmd, w, &out
}

func TestCreateKillDestroy(t *testing.T) {
	m := requireHostCgroups(t)
	g, err := m.Create("t-kill", Resources{MemoryBytes: 64 << 20, PidsMax: 32})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("mode %s, parents %v", m.Mode(), m.Parents())
	dirs := groupDirs(m, g)
	for _, d := range dirs {
		if _, err := os.Stat(d); err != nil {
			t.Fatalf("group dir: %v", err)
		}
	}
	if m.Mode() == V1 {
		if got := readFile(t, filepath.Join(dirs[0], "memory.limit_in_bytes")); got != strconv.Itoa(64<<20) {
			t.Errorf("memory.limit_in_bytes = %s, want %d", got, 64<<20)
		}
		if _, err := os.Stat(filepath.Join(dirs[0], "memory.memsw.limit_in_bytes")); err == nil {
			if got := readFile(t, filepath.Join(dirs[0], "memory.memsw.limit_in_bytes")); got != strconv.Itoa(64<<20) {
				t.Errorf("memory.memsw.limit_in_bytes = %s, want %d (no swap)", got, 64<<20)
			}
		}
		if got := readFile(t, filepath.Join(dirs[1], "pids.max")); got != "32" {
			t.Errorf("pids.max = %s, want 32", got)
		}
	}
	cmd, _, _ := startHelper(t, g, "sleep")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if err := g.Kill(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Errorf("helper ended with %v, want SIGKILL", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Kill did not kill the helper")
	}
	if err := g.Destroy(); err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if _, err := os.Stat(d); !os.IsNotExist(err) {
			t.Errorf("%s still exists after Destroy", d)
		}
	}
}

func TestMemoryLimitOOM(t *testing.T) {
	m := requireHostCgroups(t)
	g, err := m.Create("t-oom", Resources{MemoryBytes: 64 << 20, PidsMax: 32})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Destroy()
	cmd, w, out := startHelper(t, g, "alloc:200")
	w.Write([]byte{1})
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("helper allocating 200 MiB under 64 MiB ended with %v (output %q), want SIGKILL", err, out.String())
	}
	n, err := g.OOMKills()
	if err != nil || n < 1 {
		t.Errorf("OOMKills() = %d, %v; want at least 1", n, err)
	}
	peak, err := g.PeakMemory()
	if err != nil || peak < 60<<20 || peak > 68<<20 {
		t.Errorf("PeakMemory() = %d MiB, %v; want about 64 MiB", peak>>20, err)
	}
}

func TestNoOOMUnderTheLimit(t *testing.T) {
	m := requireHostCgroups(t)
	g, err := m.Create("t-fits", Resources{MemoryBytes: 128 << 20, PidsMax: 32})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Destroy()
	cmd, w, out := startHelper(t, g, "alloc:32")
	w.Write([]byte{1})
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper allocating 32 MiB under 128 MiB: %v", err)
	}
	if strings.TrimSpace(out.String()) != "32" {
		t.Errorf("helper printed %q", out.String())
	}
	if n, err := g.OOMKills(); err != nil || n != 0 {
		t.Errorf("OOMKills() = %d, %v; want 0", n, err)
	}
	if peak, err := g.PeakMemory(); err != nil || peak < 32<<20 {
		t.Errorf("PeakMemory() = %d MiB, %v; want at least 32", peak>>20, err)
	}
}

func TestPidsLimit(t *testing.T) {
	m := requireHostCgroups(t)
	g, err := m.Create("t-pids", Resources{MemoryBytes: 256 << 20, PidsMax: 12})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Destroy()
	cmd, w, out := startHelper(t, g, "spawn:20")
	w.Write([]byte{1})
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	failed, _ := strconv.Atoi(strings.TrimSpace(out.String()))
	if failed == 0 {
		t.Errorf("all 20 processes started under pids.max 12")
	}
}

func TestSetMemoryLimit(t *testing.T) {
	m := requireHostCgroups(t)
	g, err := m.Create("t-set", Resources{MemoryBytes: 64 << 20, PidsMax: 32})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Destroy()
	for _, mib := range []int64{256, 48, 128} {
		if err := g.SetMemoryLimit(mib << 20); err != nil {
			t.Fatalf("SetMemoryLimit(%d MiB): %v", mib, err)
		}
		file := "memory.max"
		if m.Mode() == V1 {
			file = "memory.limit_in_bytes"
		}
		if got := readFile(t, filepath.Join(groupDirs(m, g)[0], file)); got != strconv.FormatInt(mib<<20, 10) {
			t.Errorf("%s = %s after SetMemoryLimit(%d MiB)", file, got, mib)
		}
	}
}

// A supervisor that crashed leaves exec-<its pid>-* groups, maybe with a
// runner still inside; the next one kills and removes them, and leaves
// groups of live supervisors alone.
func TestSweep(t *testing.T) {
	m := requireHostCgroups(t)
	dead := deadPID(t)
	stale := &Manager{mode: m.mode, owner: dead, impl: m.impl}
	g, err := stale.Create("t-stale", Resources{MemoryBytes: 64 << 20, PidsMax: 32})
	if err != nil {
		t.Fatal(err)
	}
	cmd, _, _ := startHelper(t, g, "sleep")
	mine, err := m.Create("t-mine", Resources{MemoryBytes: 64 << 20, PidsMax: 32})
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Destroy()

	n, err := m.Sweep()
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("Sweep() removed %d groups, want 1", n)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Sweep left the stale group's process running")
	}
	for _, d := range groupDirs(m, g) {
		if _, err := os.Stat(d); !os.IsNotExist(err) {
			t.Errorf("stale %s still exists", d)
		}
	}
	for _, d := range groupDirs(m, mine) {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("Sweep removed a live supervisor's group %s", d)
		}
	}
}

func TestOwnerOf(t *testing.T) {
	tests := []struct {
		name string
		pid  int
		ok   bool
	}{
		{"exec-123-01ABC", 123, true},
		{"exec-1-x", 1, true},
		{"exec-abc-x", 0, false},
		{"exec-123", 0, false},
		{"codexec", 0, false},
		{"exec--x", 0, false},
	}
	for _, tt := range tests {
		pid, ok := ownerOf(tt.name)
		if pid != tt.pid || ok != tt.ok {
			t.Errorf("ownerOf(%q) = %d, %v; want %d, %v", tt.name, pid, ok, tt.pid, tt.ok)
		}
	}
}

// The v2 code writes the right files. A directory stands in for cgroupfs
// here (this host runs v1); the real hierarchy is exercised in the VM run.
func TestV2WritesLimits(t *testing.T) {
	testutil.RequireRoot(t) // files the library creates have mode 0
	tmp := t.TempDir()
	parent := filepath.Join(tmp, "codexec")
	if err := os.Mkdir(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	v := &v2{mount: tmp, group: "/codexec", parent: parent}
	g, err := v.create("exec-1-x", Resources{MemoryBytes: 64 << 20, PidsMax: 20, CPUCores: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(parent, "exec-1-x")
	for file, want := range map[string]string{
		"memory.max": strconv.Itoa(64 << 20),
		"pids.max":   "20",
		"cpu.max":    "50000 100000",
	} {
		if got := readFile(t, filepath.Join(dir, file)); got != want {
			t.Errorf("%s = %q, want %q", file, got, want)
		}
	}
	if g.FD() < 0 {
		t.Error("v2 group has no directory fd for CLONE_INTO_CGROUP")
	}
	if err := g.SetMemoryLimit(128 << 20); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "memory.max")); got != strconv.Itoa(128<<20) {
		t.Errorf("memory.max after SetMemoryLimit = %q", got)
	}
	os.WriteFile(filepath.Join(dir, "memory.events"), []byte("low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "memory.peak"), []byte("67112960\n"), 0o644)
	if n, err := g.OOMKills(); err != nil || n != 1 {
		t.Errorf("OOMKills() = %d, %v; want 1", n, err)
	}
	if p, err := g.PeakMemory(); err != nil || p != 67112960 {
		t.Errorf("PeakMemory() = %d, %v", p, err)
	}
	if err := g.Kill(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "cgroup.kill")); got != "1" {
		t.Errorf("cgroup.kill = %q, want 1", got)
	}
}

func TestEnableControllers(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "cgroup.controllers"), []byte("cpuset cpu io memory pids\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "cgroup.subtree_control"), nil, 0o644)
	if err := enableControllers(dir, []string{"memory", "pids", "cpu", "hugetlb"}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "cgroup.subtree_control")); got != "+memory +pids +cpu" {
		t.Errorf("subtree_control = %q", got)
	}
	os.WriteFile(filepath.Join(dir, "cgroup.controllers"), []byte("io\n"), 0o644)
	if err := enableControllers(dir, []string{"memory"}); err == nil {
		t.Error("enableControllers succeeded without the memory controller")
	}
}

func groupDirs(m *Manager, g Cgroup) []string {
	var dirs []string
	for _, p := range m.Parents() {
		d := filepath.Join(p, g.Name())
		if _, err := os.Stat(d); err == nil || len(dirs) < 2 {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// deadPID returns the pid of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	c := exec.Command("true")
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	return c.Process.Pid
}

// The cgroup tests, run again as an unprivileged user in a delegated group
// and as root inside a cgroup namespace of its own (the v2 VM only).
var nestedSuite = []string{"TestCreateKillDestroy", "TestMemoryLimitOOM", "TestNoOOMUnderTheLimit", "TestPidsLimit", "TestSetMemoryLimit", "TestSweep"}

func TestDelegatedRootless(t *testing.T) {
	testutil.RunNested(t, testutil.NestedRootless, nestedSuite...)
}

func TestDelegatedCgroupNamespace(t *testing.T) {
	testutil.RunNested(t, testutil.NestedCgroupNS, nestedSuite...)
}

func TestDelegatedUnit(t *testing.T) {
	testutil.RunNested(t, testutil.NestedUnit, nestedSuite...)
}

func TestV2MountAndOwnGroup(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A host: cgroup2 at /sys/fs/cgroup, root "/".
	host := write("host", "24 1 0:22 / / rw - ext4 /dev/vda1 rw\n"+
		"30 24 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate\n")
	if m, r, err := v2MountOf(host); err != nil || m != "/sys/fs/cgroup" || r != "/" {
		t.Errorf("host: %q %q %v", m, r, err)
	}
	// A container that bind-mounted its own group (cgroupns=host style).
	bind := write("bind", "40 30 0:26 /docker/abc /sys/fs/cgroup ro,nosuid - cgroup2 cgroup2 rw\n")
	m, r, err := v2MountOf(bind)
	if err != nil || r != "/docker/abc" {
		t.Fatalf("bind: %q %q %v", m, r, err)
	}
	if rel, err := relToMount("/docker/abc/sub", r); err != nil || rel != "/sub" {
		t.Errorf("relToMount = %q, %v", rel, err)
	}
	if rel, err := relToMount("/docker/abc", r); err != nil || rel != "/" {
		t.Errorf("relToMount(own root) = %q, %v", rel, err)
	}
	if _, err := relToMount("/docker/abcd", r); err == nil {
		t.Error("relToMount accepted a sibling with a common prefix")
	}
	// Inside a cgroup namespace with the host's mount: outside its root.
	if _, err := relToMount("/", "/.."); err == nil || !strings.Contains(err.Error(), "mount cgroup2 afresh") {
		t.Errorf("relToMount in a namespace without its own mount: %v", err)
	}
	if _, _, err := v2MountOf(write("none", "24 1 0:22 / / rw - ext4 /dev/vda1 rw\n")); err == nil {
		t.Error("v2MountOf found a cgroup2 mount where there is none")
	}
	if g, err := ownV2Group(write("cg", "12:memory:/x\n0::/user.slice/user-1000.slice/app.scope\n")); err != nil || g != "/user.slice/user-1000.slice/app.scope" {
		t.Errorf("ownV2Group = %q, %v", g, err)
	}
	if _, err := ownV2Group(write("cg1", "12:memory:/x\n")); err == nil {
		t.Error("ownV2Group found a v2 entry in a v1-only file")
	}
	if got := unescapeMountinfo(`/mnt/with\040space`); got != "/mnt/with space" {
		t.Errorf("unescape = %q", got)
	}
}

func TestNotDelegated(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "cgroup.controllers"), []byte("cpu pids\n"), 0o644)
	err := enableControllers(dir, v2Controllers)
	var nd *NotDelegatedError
	if !errors.As(err, &nd) || len(nd.Missing) != 1 || nd.Missing[0] != "memory" {
		t.Fatalf("enableControllers without memory: %v", err)
	}
}

// --cgroup-root: runner groups go under the configured group instead of
// the supervisor's own; on v2 a group that holds processes is refused with
// the reason, and one that does not exist is named.
func TestConfiguredRoot(t *testing.T) {
	host := requireHostCgroups(t)
	testutil.RequireRoot(t)
	rel := "/codexec-test-root-" + strconv.Itoa(os.Getpid())
	var made []string
	if host.Mode() == V2 {
		if _, err := NewWith(Options{Root: rel}); err == nil || !strings.Contains(err.Error(), "no such group") {
			t.Errorf("a root that does not exist: %v", err)
		}
		dir := filepath.Join(v2Mount, rel)
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		made = append(made, dir)
	} else {
		for _, ctl := range []string{"memory", "pids", "cpu"} {
			made = append(made, filepath.Join("/sys/fs/cgroup", ctl, rel))
		}
	}
	t.Cleanup(func() {
		for _, d := range made {
			os.Remove(filepath.Join(d, "codexec"))
			os.Remove(d)
		}
	})
	m, err := NewWith(Options{Root: rel})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range m.Parents() {
		if p != "" && !strings.Contains(p, rel+"/codexec") {
			t.Errorf("parent %s is not under the configured root %s", p, rel)
		}
	}
	g, err := m.Create("t-root", Resources{MemoryBytes: 64 << 20, PidsMax: 32})
	if err != nil {
		t.Fatal(err)
	}
	cmd, w, out := startHelper(t, g, "alloc:8")
	w.Write([]byte{1})
	if err := cmd.Wait(); err != nil || strings.TrimSpace(out.String()) != "8" {
		t.Errorf("helper in a group under the configured root: %v %q", err, out.String())
	}
	if err := g.Destroy(); err != nil {
		t.Fatal(err)
	}
	if host.Mode() == V2 {
		// A root group with a process in it cannot delegate controllers.
		busy := filepath.Join(v2Mount, rel+"-busy")
		if err := os.Mkdir(busy, 0o755); err != nil {
			t.Fatal(err)
		}
		made = append(made, busy)
		sleeper := exec.Command("sleep", "30")
		fd, _ := syscall.Open(busy, syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		sleeper.SysProcAttr = &syscall.SysProcAttr{UseCgroupFD: true, CgroupFD: fd}
		if err := sleeper.Start(); err != nil {
			t.Fatal(err)
		}
		syscall.Close(fd)
		defer func() { _ = sleeper.Process.Kill(); _ = sleeper.Wait() }()
		if _, err := NewWith(Options{Root: rel + "-busy"}); err == nil || !strings.Contains(err.Error(), "holds processes") {
			t.Errorf("a root with a process in it: %v", err)
		}
	}
}
