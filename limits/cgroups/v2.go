package cgroups

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/containerd/cgroups/v3/cgroup2"
	"golang.org/x/sys/unix"
)

const v2Mount = "/sys/fs/cgroup"

// v2 places runner groups in <own group>/codexec. The codexec group gets
// the memory, pids and cpu controllers for its children once, at start;
// each runner group is then a mkdir and a few writes.
type v2 struct {
	mount  string
	group  string // the codexec parent, relative to the mount
	parent string // its directory
}

func newV2() (*v2, error) {
	own, err := ownV2Group()
	if err != nil {
		return nil, err
	}
	ownDir := filepath.Join(v2Mount, own)
	controllers := []string{"memory", "pids", "cpu"}
	// A group with processes cannot give controllers to children (the "no
	// internal processes" rule) unless it is the root. A delegated service
	// group (systemd Delegate=yes) holds the supervisor itself: move the
	// group's processes into a leaf, as systemd's own delegation docs ask.
	if own != "/" {
		if err := enableControllers(ownDir, controllers); err != nil {
			if !errors.Is(err, syscall.EBUSY) {
				return nil, err
			}
			if err := moveProcsToLeaf(ownDir, "supervisor"); err != nil {
				return nil, fmt.Errorf("move the supervisor into a leaf group: %w", err)
			}
			if err := enableControllers(ownDir, controllers); err != nil {
				return nil, err
			}
		}
	}
	group := filepath.Join(own, "codexec")
	parent, err := cgroup2.NewManager(v2Mount, group, &cgroup2.Resources{})
	if err != nil {
		return nil, err
	}
	_ = parent
	dir := filepath.Join(v2Mount, group)
	if err := enableControllers(dir, controllers); err != nil {
		return nil, err
	}
	return &v2{mount: v2Mount, group: group, parent: dir}, nil
}

// ownV2Group reads the "0::" line of /proc/self/cgroup.
func ownV2Group() (string, error) {
	b, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return "", err
	}
	for _, line := range splitLines(string(b)) {
		if p, ok := strings.CutPrefix(line, "0::"); ok {
			return filepath.Clean("/" + p), nil
		}
	}
	return "", errors.New("no cgroup v2 entry in /proc/self/cgroup")
}

// enableControllers gives children of dir the controllers that dir has.
func enableControllers(dir string, want []string) error {
	avail, err := os.ReadFile(filepath.Join(dir, "cgroup.controllers"))
	if err != nil {
		return err
	}
	var plus []string
	for _, c := range want {
		for _, a := range strings.Fields(string(avail)) {
			if a == c {
				plus = append(plus, "+"+c)
			}
		}
	}
	if len(plus) == 0 {
		return fmt.Errorf("%s offers none of %v", dir, want)
	}
	return os.WriteFile(filepath.Join(dir, "cgroup.subtree_control"), []byte(strings.Join(plus, " ")), 0)
}

func moveProcsToLeaf(dir, leaf string) error {
	leafDir := filepath.Join(dir, leaf)
	if err := os.MkdirAll(leafDir, 0o755); err != nil {
		return err
	}
	b, err := os.ReadFile(filepath.Join(dir, "cgroup.procs"))
	if err != nil {
		return err
	}
	for _, pid := range strings.Fields(string(b)) {
		if err := os.WriteFile(filepath.Join(leafDir, "cgroup.procs"), []byte(pid), 0); err != nil && !errors.Is(err, syscall.ESRCH) {
			return err
		}
	}
	return nil
}

func (v *v2) parentDirs() []string { return []string{v.parent} }

func (v *v2) create(name string, r Resources) (Cgroup, error) {
	dir := filepath.Join(v.parent, name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, err
	}
	// Load and Update write the limits only; NewManager would also rewrite
	// every ancestor's subtree_control on each run.
	m, err := cgroup2.Load(filepath.Join(v.group, name), cgroup2.WithMountpoint(v.mount))
	if err != nil {
		os.Remove(dir)
		return nil, err
	}
	zero := int64(0)
	res := &cgroup2.Resources{
		Memory: &cgroup2.Memory{Max: &r.MemoryBytes},
		Pids:   &cgroup2.Pids{Max: r.PidsMax},
	}
	if _, err := os.Stat(filepath.Join(dir, "memory.swap.max")); err == nil {
		res.Memory.Swap = &zero
	}
	if r.CPUCores > 0 {
		period := uint64(100000)
		quota := int64(r.CPUCores * float64(period))
		res.CPU = &cgroup2.CPU{Max: cgroup2.NewCPUMax(&quota, &period)}
	}
	if err := m.Update(res); err != nil {
		os.Remove(dir)
		return nil, err
	}
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		os.Remove(dir)
		return nil, err
	}
	return &v2Group{name: name, dir: dir, m: m, fd: fd}, nil
}

func (v *v2) killDir(dir string) error {
	if err := os.WriteFile(filepath.Join(dir, "cgroup.kill"), []byte("1"), 0); err == nil {
		return nil
	}
	return killProcs(filepath.Join(dir, "cgroup.procs"))
}

func (v *v2) removeDir(dir string) error { return removeWhenEmpty(dir) }

type v2Group struct {
	name string
	dir  string
	m    *cgroup2.Manager
	fd   int
}

func (g *v2Group) Name() string        { return g.name }
func (g *v2Group) FD() int             { return g.fd }
func (g *v2Group) Place(pid int) error { return g.m.AddProc(uint64(pid)) }

// Kill writes cgroup.kill (Linux 5.14+), or falls back to freezing and
// killing each process.
func (g *v2Group) Kill() error { return g.m.Kill() }

func (g *v2Group) PeakMemory() (uint64, error) {
	return readUint(filepath.Join(g.dir, "memory.peak"))
}

func (g *v2Group) OOMKills() (uint64, error) {
	return readKey(filepath.Join(g.dir, "memory.events"), "oom_kill")
}

func (g *v2Group) SetMemoryLimit(bytes int64) error {
	mem := &cgroup2.Memory{Max: &bytes}
	return g.m.Update(&cgroup2.Resources{Memory: mem})
}

func (g *v2Group) Destroy() error {
	_ = g.Kill()
	if g.fd >= 0 {
		unix.Close(g.fd)
		g.fd = -1
	}
	return removeWhenEmpty(g.dir)
}
