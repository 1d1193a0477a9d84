package testutil

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// Nested runs: this test binary run again, as a supervisor is meant to run
// where it does not own the host (issue 20, decision 0036):
//
//   - NestedRootless: as an unprivileged user (uid NestedUID) in a cgroup v2
//     group delegated to it (the directory and its cgroup.procs,
//     cgroup.subtree_control and cgroup.threads chowned to the user, as
//     systemd does for Delegate=yes), so runners get a user namespace each;
//   - NestedCgroupNS: as root inside a new cgroup namespace rooted at a group
//     of its own, with cgroup2 mounted afresh in a new mount namespace, as a
//     container runtime starts a container;
//   - NestedUnit: as root in a group of its own below the hierarchy's root,
//     as systemd starts a service with Delegate=yes.
//
// The nested run sets CODEXEC_NESTED to the mode and CODEXEC_EXPECT_MODE to
// the isolation mode the tests must find ("rootless" or "root"), so a test
// that would skip for lack of isolation fails instead.
const (
	NestedRootless = "rootless"
	NestedCgroupNS = "cgroupns"
	NestedUnit     = "unit"
	// NestedUID is the unprivileged user of the rootless run.
	NestedUID = 1000
)

const envNested = "CODEXEC_NESTED"

// Nested is the nested mode this process runs in, or "".
func Nested() string { return os.Getenv(envNested) }

// NestedSetup is called first in TestMain: in a NestedCgroupNS run it mounts
// cgroup2 afresh (the mount shows the new cgroup namespace's root), after
// making every mount private to this mount namespace.
func NestedSetup() {
	if Nested() != NestedCgroupNS {
		return
	}
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		panic("nested: make mounts private: " + err.Error())
	}
	// The outer mount first: a cgroup2 mount on top of it is refused (EBUSY).
	if err := unix.Unmount("/sys/fs/cgroup", unix.MNT_DETACH); err != nil {
		panic("nested: unmount the outer cgroup2: " + err.Error())
	}
	if err := unix.Mount("cgroup2", "/sys/fs/cgroup", "cgroup2", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, ""); err != nil {
		panic("nested: mount cgroup2: " + err.Error())
	}
}

// RunNested runs the tests named (exact names) in this test binary again in
// the given mode, and requires each of them to pass, none to skip, and the
// delegated group to hold nothing of theirs afterwards. It needs root and a
// cgroup v2 hierarchy whose root gives memory and pids to its children (the
// VM of `make test-v2`); elsewhere it skips with the reason.
func RunNested(t *testing.T, mode string, tests ...string) {
	t.Helper()
	RequireRoot(t)
	if Nested() != "" {
		t.Skip("skipping: already a nested run")
	}
	var st unix.Statfs_t
	if err := unix.Statfs("/sys/fs/cgroup", &st); err != nil || st.Type != unix.CGROUP2_SUPER_MAGIC {
		t.Skip("skipping: needs a cgroup v2 hierarchy (make test-v2 runs this in a VM)")
	}
	ctl, _ := os.ReadFile("/sys/fs/cgroup/cgroup.subtree_control")
	if !strings.Contains(string(ctl), "memory") || !strings.Contains(string(ctl), "pids") {
		t.Skipf("skipping: the cgroup root does not give memory and pids to its children (%q)", strings.TrimSpace(string(ctl)))
	}
	bin := os.Getenv("CODEXEC_TEST_BIN")
	if bin == "" {
		t.Skip("skipping: CODEXEC_TEST_BIN is not set (the nested run cannot build binaries)")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}

	group := filepath.Join("/sys/fs/cgroup", "codexec-nested-"+mode+"-"+strconv.Itoa(os.Getpid()))
	if err := os.Mkdir(group, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeTree(t, group) })
	tmp, err := os.MkdirTemp("", "codexec-nested-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })

	attr := &syscall.SysProcAttr{UseCgroupFD: true}
	env := append(os.Environ(), envNested+"="+mode, "TMPDIR="+tmp, "HOME="+tmp, "CODEXEC_SOCKET=off")
	switch mode {
	case NestedRootless:
		// What systemd hands a unit with Delegate=yes and User=.
		for _, f := range []string{"", "cgroup.procs", "cgroup.subtree_control", "cgroup.threads"} {
			if err := os.Chown(filepath.Join(group, f), NestedUID, NestedUID); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chown(tmp, NestedUID, NestedUID); err != nil {
			t.Fatal(err)
		}
		if !othersMayRun(self) {
			t.Skipf("skipping: %s is not reachable by uid %d", self, NestedUID)
		}
		// The binaries as the user would have them, built by themselves:
		// theirs, so readable by them whatever their mode (a runner in a
		// user namespace started from a binary its user cannot read could
		// not be verified; sandbox refuses to start one).
		own := filepath.Join(tmp, "bin")
		if err := copyTree(bin, own, NestedUID); err != nil {
			t.Fatalf("copy the binaries for uid %d: %v", NestedUID, err)
		}
		env = append(env, "CODEXEC_TEST_BIN="+own)
		attr.Credential = &syscall.Credential{Uid: NestedUID, Gid: NestedUID, Groups: []uint32{}}
		env = append(env, "CODEXEC_EXPECT_MODE=rootless")
	case NestedUnit:
		env = append(env, "CODEXEC_EXPECT_MODE=root")
	case NestedCgroupNS:
		attr.Cloneflags = syscall.CLONE_NEWNS
		attr.Unshareflags = syscall.CLONE_NEWCGROUP // after joining the group: it becomes the namespace's root
		env = append(env, "CODEXEC_EXPECT_MODE=root")
	default:
		t.Fatalf("unknown nested mode %q", mode)
	}
	fd, err := unix.Open(group, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	attr.CgroupFD = fd

	run := "^(" + strings.Join(tests, "|") + ")$"
	cmd := exec.Command(self, "-test.run", run, "-test.v", "-test.count=1", "-test.timeout=20m")
	cmd.Env = env
	cmd.Dir = tmp
	cmd.SysProcAttr = attr
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the nested run: %v", err)
	}
	results := map[string]string{}
	done := make(chan struct{})
	line := regexp.MustCompile(`^--- (PASS|FAIL|SKIP): (\S+)`)
	go func() {
		defer close(done)
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			t.Logf("[%s] %s", mode, sc.Text())
			if m := line.FindStringSubmatch(sc.Text()); m != nil {
				results[m[2]] = m[1]
			}
		}
	}()
	err = cmd.Wait()
	pw.Close()
	<-done
	if err != nil {
		t.Errorf("nested %s run: %v", mode, err)
	}
	for _, name := range tests {
		if results[name] != "PASS" {
			t.Errorf("nested %s run: %s: %q, want PASS", mode, name, results[name])
		}
	}
	// Nothing left behind: no process, no runner group.
	_ = filepath.WalkDir(group, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if procs, _ := os.ReadFile(filepath.Join(p, "cgroup.procs")); len(strings.TrimSpace(string(procs))) > 0 {
			t.Errorf("nested %s run left processes in %s: %s", mode, p, strings.Fields(string(procs)))
		}
		if strings.HasPrefix(d.Name(), "exec-") {
			t.Errorf("nested %s run left a runner group: %s", mode, p)
		}
		return nil
	})
}

// copyTree copies the regular files and directories under src to dst with
// their modes, owned by uid (and gid uid).
func copyTree(src, dst string, uid int) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			if err := os.MkdirAll(to, 0o755); err != nil {
				return err
			}
		case fi.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if err := os.WriteFile(to, b, fi.Mode().Perm()); err != nil {
				return err
			}
			if err := os.Chmod(to, fi.Mode().Perm()); err != nil {
				return err
			}
		default:
			return nil
		}
		return os.Chown(to, uid, uid)
	})
}

// othersMayRun reports that a user who is neither the owner nor in the
// group can reach and execute p.
func othersMayRun(p string) bool {
	fi, err := os.Stat(p)
	if err != nil || fi.Mode().Perm()&0o001 == 0 { // execute is all execve needs (the runner is 0711)
		return false
	}
	for d := filepath.Dir(p); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return false
		}
		if d == "/" {
			return true
		}
	}
}

// removeTree kills what is left in a cgroup tree and removes it, deepest
// first.
func removeTree(t *testing.T, root string) {
	var dirs []string
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		_ = os.WriteFile(filepath.Join(dirs[i], "cgroup.kill"), []byte("1"), 0)
		for try := 0; try < 100; try++ {
			if err := os.Remove(dirs[i]); err == nil || os.IsNotExist(err) {
				break
			}
			unix.Nanosleep(&unix.Timespec{Nsec: 10e6}, nil)
		}
	}
	if _, err := os.Stat(root); err == nil {
		t.Errorf("could not remove %s", root)
	}
}
