package cgroups

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/containerd/cgroups/v3/cgroup1"
	specs "github.com/opencontainers/runtime-spec/specs-go"
)

// v1 places runner groups under the supervisor's own group of each
// controller it uses: memory and pids always, cpu only for a CPU limit.
type v1 struct {
	root    string            // where the controllers are mounted (/sys/fs/cgroup)
	own     cgroup1.Path      // the supervisor's own group per controller
	memsw   bool              // swap accounting is on: memory.memsw.* exists
	parents map[string]string // controller → codexec parent directory
}

func newV1(opts Options) (*v1, error) {
	root, err := v1Root()
	if err != nil {
		return nil, err
	}
	v := &v1{root: root, own: cgroup1.NestedPath(""), parents: map[string]string{}}
	if opts.Root != "" {
		base := filepath.Clean("/" + strings.TrimPrefix(opts.Root, root))
		v.own = cgroup1.StaticPath(base)
	}
	for _, ctl := range []cgroup1.Name{cgroup1.Memory, cgroup1.Pids, cgroup1.Cpu} {
		p, err := v.own(ctl)
		if err != nil {
			return nil, fmt.Errorf("locate own %s group: %w", ctl, err)
		}
		dir := filepath.Join(root, string(ctl), p, "codexec")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		v.parents[string(ctl)] = dir
	}
	_, err = os.Stat(filepath.Join(v.parents["memory"], "memory.memsw.limit_in_bytes"))
	v.memsw = err == nil
	return v, nil
}

// v1Root finds the directory the v1 controllers are mounted in.
func v1Root() (string, error) {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return "", err
	}
	for _, line := range splitLines(string(b)) {
		fields := splitFields(line)
		n := len(fields)
		if n < 10 || fields[n-3] != "cgroup" {
			continue
		}
		for _, opt := range splitComma(fields[n-1]) {
			if opt == "memory" {
				return filepath.Dir(fields[4]), nil
			}
		}
	}
	return "", fmt.Errorf("no v1 memory controller mounted")
}

func (v *v1) parentDirs() []string {
	return []string{v.parents["memory"], v.parents["pids"], v.parents["cpu"]}
}

func (v *v1) create(name string, r Resources) (Cgroup, error) {
	subsystems := []cgroup1.Subsystem{cgroup1.NewMemory(v.root), cgroup1.NewPids(v.root)}
	res := &specs.LinuxResources{
		Memory: &specs.LinuxMemory{Limit: &r.MemoryBytes},
		Pids:   &specs.LinuxPids{Limit: &r.PidsMax},
	}
	if v.memsw {
		// memsw limits memory plus swap: equal to the memory limit, no swap.
		res.Memory.Swap = &r.MemoryBytes
	}
	if r.CPUCores > 0 {
		subsystems = append(subsystems, cgroup1.NewCpu(v.root))
		period := uint64(100000)
		quota := int64(r.CPUCores * float64(period))
		res.CPU = &specs.LinuxCPU{Quota: &quota, Period: &period}
	}
	path := func(n cgroup1.Name) (string, error) {
		p, err := v.own(n)
		if err != nil {
			return "", err
		}
		return filepath.Join(p, "codexec", name), nil
	}
	c, err := cgroup1.New(path, res, cgroup1.WithHierarchy(func() ([]cgroup1.Subsystem, error) { return subsystems, nil }))
	if err != nil {
		return nil, err
	}
	g := &v1Group{v: v, name: name, c: c, memDir: filepath.Join(v.parents["memory"], name)}
	for _, s := range subsystems {
		g.dirs = append(g.dirs, filepath.Join(v.parents[string(s.Name())], name))
	}
	return g, nil
}

func (v *v1) killDir(dir string) error   { return killProcs(filepath.Join(dir, "cgroup.procs")) }
func (v *v1) removeDir(dir string) error { return removeWhenEmpty(dir) }

type v1Group struct {
	v      *v1
	name   string
	c      cgroup1.Cgroup
	memDir string
	dirs   []string // one per controller
}

func (g *v1Group) Name() string        { return g.name }
func (g *v1Group) FD() int             { return -1 }
func (g *v1Group) Place(pid int) error { return g.c.AddProc(uint64(pid)) }
func (g *v1Group) Kill() error         { return killProcs(filepath.Join(g.memDir, "cgroup.procs")) }
func (g *v1Group) PeakMemory() (uint64, error) {
	return readUint(filepath.Join(g.memDir, "memory.max_usage_in_bytes"))
}
func (g *v1Group) OOMKills() (uint64, error) {
	return readKey(filepath.Join(g.memDir, "memory.oom_control"), "oom_kill")
}

// SetMemoryLimit writes the limit files itself, in the order the kernel
// accepts: memsw (memory plus swap) may never be below the memory limit, so
// it goes first when the limit rises and last when it falls. (The
// library's Update swaps the wrong pair of settings for this.)
func (g *v1Group) SetMemoryLimit(bytes int64) error {
	limit := filepath.Join(g.memDir, "memory.limit_in_bytes")
	files := []string{limit}
	if g.v.memsw {
		memsw := filepath.Join(g.memDir, "memory.memsw.limit_in_bytes")
		cur, err := readUint(limit)
		if err != nil {
			return err
		}
		if uint64(bytes) > cur {
			files = []string{memsw, limit}
		} else {
			files = []string{limit, memsw}
		}
	}
	v := []byte(strconv.FormatInt(bytes, 10))
	for _, f := range files {
		if err := os.WriteFile(f, v, 0); err != nil {
			return err
		}
	}
	return nil
}

func (g *v1Group) Destroy() error {
	_ = g.Kill()
	var first error
	for _, d := range g.dirs {
		if err := removeWhenEmpty(d); err != nil && first == nil {
			first = err
		}
	}
	return first
}
