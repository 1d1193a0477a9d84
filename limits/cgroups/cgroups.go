// Package cgroups gives every execution a cgroup of its own: a memory limit
// with swap disabled, a pids limit, an optional CPU limit, a kill that
// reaches everything inside, the peak memory and the OOM-kill count. It
// works on cgroup v1 (legacy and hybrid hosts) and v2 (unified) through
// github.com/containerd/cgroups/v3, behind the small [Cgroup] interface; the
// implementation is picked once, by [New], from the host's mode.
//
// Runner cgroups live in a "codexec" group below the supervisor's own
// cgroup (per controller on v1), named exec-<supervisor pid>-<id>, so that
// several supervisors can share a host and a crashed one's leftovers are
// recognisable: [Manager.Sweep] kills and removes the groups whose
// supervisor is gone.
//
// # Concurrency
//
// A Manager may be used from any number of goroutines. A Cgroup belongs to
// the execution that created it.
package cgroups

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	cg "github.com/containerd/cgroups/v3"

	"codexec/internal/kfile"
)

// Mode is the cgroup hierarchy codexec uses on this host.
type Mode string

// Modes.
const (
	Unavailable Mode = "unavailable"
	V1          Mode = "v1"
	V2          Mode = "v2"
)

// Sentinel errors.
var (
	ErrUnavailable = errors.New("cgroups: no usable cgroup hierarchy (mounted and writable)")
)

// Resources are the limits of one runner's cgroup.
type Resources struct {
	MemoryBytes int64   // hard memory limit; swap is disabled
	PidsMax     int64   // tasks (threads count) in the group
	CPUCores    float64 // CPU bandwidth in cores (0.5 = half a core); 0 is unlimited
}

// Cgroup is one runner's cgroup.
type Cgroup interface {
	// Name is the group's name below the codexec parent.
	Name() string
	// FD is a directory descriptor of the group for spawning straight into
	// it (SysProcAttr.UseCgroupFD), or -1 where the hierarchy cannot (v1).
	FD() int
	// Place moves a process into the group.
	Place(pid int) error
	// SetMemoryLimit changes the memory limit (swap stays disabled).
	SetMemoryLimit(bytes int64) error
	// Kill sends SIGKILL to every process in the group.
	Kill() error
	// PeakMemory is the most memory the group has used, in bytes.
	PeakMemory() (uint64, error)
	// OOMKills counts the processes the kernel killed for the memory limit.
	OOMKills() (uint64, error)
	// Destroy kills what is left and removes the group.
	Destroy() error
}

// Manager creates runner cgroups on this host.
type Manager struct {
	mode  Mode
	owner int
	base  string // v2: the group runner groups were placed under
	moved bool   // v2: the supervisor moved its group's processes into a leaf
	impl  interface {
		create(name string, r Resources) (Cgroup, error)
		parentDirs() []string
		killDir(dir string) error
		removeDir(dir string) error
	}
}

// Options choose where runner groups go.
type Options struct {
	// Root is the group runner groups are created under (in a "codexec"
	// group of their own), as a path in the hierarchy ("/codexec.slice")
	// or a directory under the mount ("/sys/fs/cgroup/codexec.slice").
	// Empty: the group the supervisor was started in. On v2 an
	// unprivileged supervisor can only use its own group or one of its
	// ancestors: moving a runner into a group needs write access to the
	// common ancestor's cgroup.procs.
	Root string
}

// New probes the host and prepares the codexec parent group below the
// supervisor's own group.
func New() (*Manager, error) { return NewWith(Options{}) }

// NewWith probes the host and prepares the codexec parent group.
func NewWith(opts Options) (*Manager, error) {
	m := &Manager{owner: os.Getpid()}
	switch HostMode() {
	case V2:
		impl, err := newV2(opts)
		if err != nil {
			return nil, fmt.Errorf("cgroups: v2: %w", err)
		}
		m.mode, m.impl = V2, impl
		m.base, m.moved = impl.base, impl.moved
	case V1:
		impl, err := newV1(opts)
		if err != nil {
			return nil, fmt.Errorf("cgroups: v1: %w", err)
		}
		m.mode, m.impl = V1, impl
	default:
		return nil, ErrUnavailable
	}
	// Existing is not enough: this process must be able to create groups.
	for _, p := range m.impl.parentDirs() {
		probe := filepath.Join(p, "probe-"+strconv.Itoa(m.owner))
		if err := os.Mkdir(probe, 0o755); err != nil && !os.IsExist(err) {
			return nil, fmt.Errorf("cgroups: cannot create runner groups in %s: %w", p, err)
		}
		_ = os.Remove(probe)
	}
	return m, nil
}

// HostMode is the hierarchy this host has, whether or not this process can
// use it.
func HostMode() Mode {
	switch cg.Mode() {
	case cg.Unified:
		return V2
	case cg.Legacy, cg.Hybrid:
		return V1
	}
	return Unavailable
}

// Base is, on v2, the group the codexec parent was created in (the
// supervisor's own group or the configured root), relative to the mount.
func (m *Manager) Base() string { return m.base }

// MovedToLeaf reports, on v2, that the supervisor moved the processes of
// its own group into a "supervisor" leaf so the group could give
// controllers to runner groups.
func (m *Manager) MovedToLeaf() bool { return m.moved }

// Mode is the hierarchy in use.
func (m *Manager) Mode() Mode { return m.mode }

// Parents are the directories runner groups are created in (one per
// controller on v1).
func (m *Manager) Parents() []string { return m.impl.parentDirs() }

// Create makes the group exec-<supervisor pid>-<id> with the resources.
func (m *Manager) Create(id string, r Resources) (Cgroup, error) {
	if strings.ContainsAny(id, "/.") || id == "" {
		return nil, fmt.Errorf("cgroups: bad id %q", id)
	}
	name := "exec-" + strconv.Itoa(m.owner) + "-" + id
	c, err := m.impl.create(name, r)
	if err != nil {
		return nil, fmt.Errorf("cgroups: create %s: %w", name, err)
	}
	return c, nil
}

// Sweep kills the processes in, and removes, the runner groups left by
// supervisors that are no longer running (a crash), and returns how many
// groups it removed.
func (m *Manager) Sweep() (int, error) {
	removed := map[string]bool{}
	var errs []error
	for _, parent := range m.impl.parentDirs() {
		entries, err := os.ReadDir(parent)
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			errs = append(errs, err)
			continue
		}
		for _, e := range entries {
			owner, ok := ownerOf(e.Name())
			if !e.IsDir() || !ok || owner == m.owner || alive(owner) {
				continue
			}
			dir := filepath.Join(parent, e.Name())
			if err := m.impl.killDir(dir); err != nil {
				errs = append(errs, err)
			}
			if err := m.impl.removeDir(dir); err != nil {
				errs = append(errs, err)
				continue
			}
			removed[e.Name()] = true
		}
	}
	return len(removed), errors.Join(errs...)
}

// ownerOf parses exec-<pid>-<id>.
func ownerOf(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, "exec-")
	if !ok {
		return 0, false
	}
	pidStr, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	pid, err := strconv.Atoi(pidStr)
	return pid, err == nil && pid > 0
}

func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// killProcs SIGKILLs every pid listed in a cgroup.procs file.
func killProcs(procsFile string) error {
	f, err := os.Open(procsFile)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		pid, err := strconv.Atoi(strings.TrimSpace(sc.Text()))
		if err == nil && pid > 0 {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
	return sc.Err()
}

// removeWhenEmpty removes a group directory, retrying while its killed
// processes finish exiting.
func removeWhenEmpty(dir string) error {
	var err error
	for i := 0; i < 100; i++ {
		err = syscall.Rmdir(dir)
		if err == nil || errors.Is(err, syscall.ENOENT) {
			return nil
		}
		if !errors.Is(err, syscall.EBUSY) && !errors.Is(err, syscall.EAGAIN) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	return fmt.Errorf("remove %s: %w", dir, err)
}

// readUint reads a file holding one unsigned number.
func readUint(path string) (uint64, error) {
	b, err := kfile.ReadFile(path, 0)
	if err != nil {
		return 0, err
	}
	s := strings.TrimSpace(string(b))
	if s == "max" {
		return 1<<63 - 1, nil
	}
	return strconv.ParseUint(s, 10, 64)
}

// readKey reads "key value" lines (memory.events, memory.oom_control).
func readKey(path, key string) (uint64, error) {
	b, err := kfile.ReadFile(path, 0)
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), " ")
		if ok && k == key {
			return strconv.ParseUint(strings.TrimSpace(v), 10, 64)
		}
	}
	return 0, fmt.Errorf("%s: no %q", path, key)
}
