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
}

type volume struct{ Host, Container string }

func TestMain(m *testing.M) {
	if s := os.Getenv(initEnv); s != "" {
		if err := containerInit(s); err != nil {
			fmt.Fprintln(os.Stderr, "container init:", err)
			os.Exit(125)
		}
		panic("unreachable: exec returned")
	}
	os.Exit(m.Run())
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
	// The host's cgroup hierarchy, writable, at the same place: the
	// supervisor shares the host's cgroup namespace, so the paths in
	// /proc/self/cgroup name directories under it.
	if err := unix.Mount("/sys/fs/cgroup", filepath.Join(root, "sys/fs/cgroup"), "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
		return fmt.Errorf("bind /sys/fs/cgroup: %w", err)
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
// and command when nil) from cfg in the root file system at rootfs.
func container(t *testing.T, rootfs string, cfg *v1.ConfigFile, vols []volume, args ...string) *exec.Cmd {
	t.Helper()
	argv := append([]string{}, cfg.Config.Entrypoint...)
	if len(args) == 0 {
		args = cfg.Config.Cmd
	}
	argv = append(argv, args...)
	env := append([]string{"HOSTNAME=codexec-test", "HOME=/"}, cfg.Config.Env...)
	b, err := json.Marshal(spec{Rootfs: rootfs, Volumes: vols, Argv: argv, Env: env, Cwd: cfg.Config.WorkingDir, Hostname: "codexec-test"})
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
