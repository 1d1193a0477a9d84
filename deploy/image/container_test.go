package main

// A container without a container runtime: the test binary re-executes
// itself in new mount, pid, ipc, uts and net namespaces as a tiny init,
// which lays out the mounts a runtime would (a fresh /proc, a read-only
// sysfs with the host's cgroup hierarchy bound in, a minimal /dev, any
// volumes), pivots into the image's extracted root file system and execs
// the image's entrypoint as pid 1.

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"golang.org/x/sys/unix"
)

const initEnv = "CODEXEC_IMAGE_TEST_INIT"

// spec is what the init is told: where the root is, what to mount, what
// to run.
type spec struct {
	Rootfs   string   `json:"rootfs"`
	Volumes  []volume `json:"volumes,omitempty"`
	Argv     []string `json:"argv"`
	Env      []string `json:"env"`
	Cwd      string   `json:"cwd"`
	Hostname string   `json:"hostname"`
	// Cgroups is how the cgroup hierarchy is shown: cgroupsHost,
	// cgroupsNone or cgroupsPrivate.
	Cgroups string `json:"cgroups"`
	// Groups are the container's own v1 groups (one per controller) that
	// the init joins before it creates its cgroup namespace, and
	// Hierarchies the cgroup file systems it then mounts (cgroupsPrivate).
	Groups      []string    `json:"groups,omitempty"`
	Hierarchies []hierarchy `json:"hierarchies,omitempty"`
}

// hierarchy is one cgroup file system as the host mounts it under
// /sys/fs/cgroup: where, which type, with which options.
type hierarchy struct{ Dir, Type, Options string }

const (
	// cgroupsHost: the host's cgroup namespace and its whole hierarchy
	// bound at /sys/fs/cgroup (docker run --cgroupns=host
	// -v /sys/fs/cgroup:/sys/fs/cgroup).
	cgroupsHost = "host"
	// cgroupsNone: sysfs alone; /sys/fs/cgroup is an empty directory.
	cgroupsNone = "none"
	// cgroupsPrivate: the init joins groups made for the container, then
	// a new cgroup namespace rooted there, with the v1 memory, pids and
	// cpu hierarchies mounted fresh (as a runtime does with
	// --cgroupns=private): the container sees its own group as the root.
	cgroupsPrivate = "private"
)

type volume struct{ Host, Container string }

func TestMain(m *testing.M) {
	if s := os.Getenv(initEnv); s != "" {
		if err := containerInit(s); err != nil {
			fmt.Fprintln(os.Stderr, "container init:", err)
			os.Exit(125)
		}
		panic("unreachable: exec returned")
	}
	code := m.Run()
	if binTemp {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// containerInit runs inside the new namespaces (pid 1) and never returns
// on success: it ends in exec.
func containerInit(specJSON string) error {
	var s spec
	if err := json.Unmarshal([]byte(specJSON), &s); err != nil {
		return err
	}
	root := s.Rootfs
	// Nothing mounted here propagates back to the host.
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("make / private: %w", err)
	}
	if err := unix.Mount(root, root, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
		return fmt.Errorf("bind the root: %w", err)
	}
	mkdir := func(rel string) (string, error) {
		p := filepath.Join(root, rel)
		return p, os.MkdirAll(p, 0o755)
	}
	mount := func(src, rel, fstype string, flags uintptr, data string) error {
		p, err := mkdir(rel)
		if err != nil {
			return err
		}
		if err := unix.Mount(src, p, fstype, flags, data); err != nil {
			return fmt.Errorf("mount %s on %s: %w", fstype+src, rel, err)
		}
		return nil
	}
	const nosuid = unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC
	if err := mount("proc", "proc", "proc", nosuid, ""); err != nil {
		return err
	}
	if err := mount("sysfs", "sys", "sysfs", nosuid|unix.MS_RDONLY, ""); err != nil {
		return err
	}
	switch s.Cgroups {
	case cgroupsHost:
		// The host's cgroup hierarchy, writable, at the same place: the
		// supervisor shares the host's cgroup namespace, so the paths in
		// /proc/self/cgroup name directories under it.
		if err := unix.Mount("/sys/fs/cgroup", filepath.Join(root, "sys/fs/cgroup"), "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
			return fmt.Errorf("bind /sys/fs/cgroup: %w", err)
		}
	case cgroupsPrivate:
		for _, g := range s.Groups {
			if err := os.WriteFile(filepath.Join(g, "cgroup.procs"), []byte("0"), 0); err != nil {
				return fmt.Errorf("join %s: %w", g, err)
			}
		}
		// A cgroup namespace is the calling thread's until exec: this
		// goroutine stays on the thread that made it, mounts from it and
		// execs from it.
		runtime.LockOSThread()
		if err := unix.Unshare(unix.CLONE_NEWCGROUP); err != nil {
			return fmt.Errorf("unshare the cgroup namespace: %w", err)
		}
		if err := mount("tmpfs", "sys/fs/cgroup", "tmpfs", nosuid, "mode=755,size=64k"); err != nil {
			return err
		}
		// Every hierarchy the host has, as a runtime mounts them: the
		// supervisor's cgroup library wants a mount for each one that
		// /proc/self/cgroup lists.
		for _, h := range s.Hierarchies {
			if err := mount("cgroup", filepath.Join("sys/fs/cgroup", h.Dir), h.Type, nosuid, h.Options); err != nil {
				return err
			}
		}
	case cgroupsNone:
	default:
		return fmt.Errorf("cgroups %q", s.Cgroups)
	}
	if err := mount("tmpfs", "dev", "tmpfs", unix.MS_NOSUID|unix.MS_NOEXEC, "mode=755,size=64k"); err != nil {
		return err
	}
	for _, d := range []string{"null", "zero", "full", "random", "urandom"} {
		p := filepath.Join(root, "dev", d)
		if err := os.WriteFile(p, nil, 0o666); err != nil {
			return err
		}
		if err := unix.Mount("/dev/"+d, p, "", unix.MS_BIND, ""); err != nil {
			return fmt.Errorf("bind /dev/%s: %w", d, err)
		}
	}
	for name, target := range map[string]string{"fd": "/proc/self/fd", "stdin": "/proc/self/fd/0", "stdout": "/proc/self/fd/1", "stderr": "/proc/self/fd/2"} {
		if err := os.Symlink(target, filepath.Join(root, "dev", name)); err != nil {
			return err
		}
	}
	for _, v := range s.Volumes {
		p, err := mkdir(v.Container)
		if err != nil {
			return err
		}
		if err := unix.Mount(v.Host, p, "", unix.MS_BIND, ""); err != nil {
			return fmt.Errorf("volume %s: %w", v.Container, err)
		}
	}
	// pivot_root(".", "."): the old root ends up stacked on the new one
	// and is detached at once (as runc does).
	if err := os.Chdir(root); err != nil {
		return err
	}
	if err := unix.PivotRoot(".", "."); err != nil {
		return fmt.Errorf("pivot_root: %w", err)
	}
	if err := unix.Unmount(".", unix.MNT_DETACH); err != nil {
		return fmt.Errorf("detach the old root: %w", err)
	}
	if err := unix.Sethostname([]byte(s.Hostname)); err != nil {
		return err
	}
	cwd := s.Cwd
	if cwd == "" {
		cwd = "/"
	}
	if err := os.Chdir(cwd); err != nil {
		return err
	}
	return syscall.Exec(s.Argv[0], s.Argv, s.Env)
}

// container prepares the command that runs argv (the image's entrypoint
// and command when nil) from cfg in the root file system at rootfs, with
// the host's cgroup hierarchy (cgroupsHost).
func container(t *testing.T, rootfs string, cfg *v1.ConfigFile, vols []volume, args ...string) *exec.Cmd {
	t.Helper()
	return containerWith(t, spec{Rootfs: rootfs, Volumes: vols, Cgroups: cgroupsHost}, cfg, args...)
}

func containerWith(t *testing.T, s spec, cfg *v1.ConfigFile, args ...string) *exec.Cmd {
	t.Helper()
	argv := append([]string{}, cfg.Config.Entrypoint...)
	if len(args) == 0 {
		args = cfg.Config.Cmd
	}
	argv = append(argv, args...)
	env := append([]string{"HOSTNAME=codexec-test", "HOME=/"}, cfg.Config.Env...)
	s.Argv, s.Env, s.Cwd, s.Hostname = argv, env, cfg.Config.WorkingDir, "codexec-test"
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self)
	cmd.Env = []string{initEnv + "=" + string(b)}
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags: syscall.CLONE_NEWNS | syscall.CLONE_NEWPID | syscall.CLONE_NEWIPC | syscall.CLONE_NEWUTS | syscall.CLONE_NEWNET,
		Pdeathsig:  syscall.SIGKILL,
	}
	return cmd
}

// extract writes the image's flattened file system into dir with the
// layer's modes and owners.
func extract(img v1.Image, dir string) error {
	rc := mutate.Extract(img)
	defer rc.Close()
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		clean := filepath.Clean("/" + h.Name)
		if clean == "/" {
			continue
		}
		p := filepath.Join(dir, clean)
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s: unexpected entry type %q", h.Name, h.Typeflag)
		}
		if err := os.Lchown(p, h.Uid, h.Gid); err != nil {
			return err
		}
		// Chmod after Chown: chown clears set-id bits, and the mode
		// carries the sticky bit of /tmp.
		if err := os.Chmod(p, os.FileMode(h.Mode&0o777)|modeBits(h.Mode)); err != nil {
			return err
		}
	}
}

func modeBits(m int64) os.FileMode {
	var fm os.FileMode
	if m&0o1000 != 0 {
		fm |= os.ModeSticky
	}
	if m&0o2000 != 0 {
		fm |= os.ModeSetgid
	}
	if m&0o4000 != 0 {
		fm |= os.ModeSetuid
	}
	return fm
}

// output runs cmd with stdin and returns its standard streams and exit code.
func output(t *testing.T, cmd *exec.Cmd, stdin string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatalf("start the container: %v", err)
	}
	if code == 125 {
		t.Fatalf("the container's init failed: %s", e.String())
	}
	return o.String(), e.String(), code
}

// hostHierarchies lists the cgroup file systems mounted under
// /sys/fs/cgroup, from /proc/self/mountinfo.
func hostHierarchies(t *testing.T) []hierarchy {
	t.Helper()
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		t.Fatal(err)
	}
	var hs []hierarchy
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Fields(line)
		n := len(f)
		if n < 10 || (f[n-3] != "cgroup" && f[n-3] != "cgroup2") || !strings.HasPrefix(f[4], "/sys/fs/cgroup/") {
			continue
		}
		var opts []string
		for _, o := range strings.Split(f[n-1], ",") {
			if o != "rw" && o != "ro" {
				opts = append(opts, o)
			}
		}
		hs = append(hs, hierarchy{Dir: strings.TrimPrefix(f[4], "/sys/fs/cgroup/"), Type: f[n-3], Options: strings.Join(opts, ",")})
	}
	return hs
}

// containerGroups makes a v1 group for a container under this process's
// own group in each of the memory, pids and cpu hierarchies, and removes
// them (and whatever was made under them) at the end of the test.
func containerGroups(t *testing.T) []string {
	t.Helper()
	own := map[string]string{}
	b, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		for _, ctl := range strings.Split(parts[1], ",") {
			own[ctl] = parts[2]
		}
	}
	var groups []string
	for _, ctl := range []string{"memory", "pids", "cpu"} {
		p, ok := own[ctl]
		if _, err := os.Stat(filepath.Join("/sys/fs/cgroup", ctl, "cgroup.procs")); !ok || err != nil {
			t.Skipf("no v1 %s hierarchy at /sys/fs/cgroup/%s: this test makes v1 groups (the v2 case runs in the VM suite)", ctl, ctl)
		}
		g := filepath.Join("/sys/fs/cgroup", ctl, p, "codexec-image-test-"+strconv.Itoa(os.Getpid()))
		if err := os.Mkdir(g, 0o755); err != nil {
			t.Fatal(err)
		}
		groups = append(groups, g)
	}
	t.Cleanup(func() {
		for _, g := range groups {
			if err := removeGroups(g); err != nil {
				t.Errorf("remove %s: %v", g, err)
			}
		}
	})
	return groups
}

// removeGroups removes a cgroup directory and the groups below it,
// deepest first (a cgroup directory goes with rmdir alone).
func removeGroups(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			if err := removeGroups(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return os.Remove(dir)
}
