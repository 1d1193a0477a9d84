package cgroups

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/containerd/cgroups/v3/cgroup2"
	"golang.org/x/sys/unix"
)

const v2Mount = "/sys/fs/cgroup"

// v2 places runner groups in <base>/codexec, where base is the group the
// supervisor was started in or the configured root. The codexec group gets
// the memory, pids and cpu controllers for its children once, at start;
// each runner group is then a mkdir and a few writes.
type v2 struct {
	mount  string
	group  string // the codexec parent, relative to the mount
	parent string // its directory
	base   string // the group codexec was placed in, relative to the mount
	moved  bool   // the supervisor moved its group's processes into a leaf
}

// leafName is the group a supervisor moves its own group's processes into.
const leafName = "supervisor"

// v2Controllers are the controllers runner groups need.
var v2Controllers = []string{"memory", "pids", "cpu"}

func newV2(opts Options) (*v2, error) {
	mount, mountRoot, err := v2MountOf("/proc/self/mountinfo")
	if err != nil {
		return nil, err
	}
	own, err := ownV2Group("/proc/self/cgroup")
	if err != nil {
		return nil, err
	}
	ownRel, err := relToMount(own, mountRoot)
	if err != nil {
		return nil, err
	}
	// The mount must show this process where /proc/self/cgroup says it is:
	// inside a cgroup namespace a cgroup2 mount made outside it shows other
	// groups under the same names.
	if err := listsSelf(filepath.Join(mount, ownRel)); err != nil {
		return nil, err
	}
	base, isOwn := ownRel, true
	if opts.Root != "" {
		base = filepath.Clean("/" + opts.Root)
		if opts.Root == mount || strings.HasPrefix(opts.Root, mount+"/") {
			base = filepath.Clean("/" + strings.TrimPrefix(opts.Root, mount))
		}
		isOwn = base == ownRel
		if fi, err := os.Stat(filepath.Join(mount, base)); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("cgroup root %s: no such group under %s (create it, and give it to the supervisor's user)", base, mount)
		}
	}
	v := &v2{mount: mount}
	// A supervisor started from one that moved itself into the leaf (a
	// test, doctor, `supervisor run` from a hook) shares the codexec group
	// beside that leaf instead of nesting another.
	if isOwn && filepath.Base(base) == leafName {
		if _, err := os.Stat(filepath.Join(mount, filepath.Dir(base), "codexec")); err == nil {
			base, v.moved = filepath.Dir(base), true
		}
	}
	v.base = base
	baseDir := filepath.Join(mount, base)
	// A group with processes cannot give controllers to children (the "no
	// internal processes" rule), unless it is the root of the whole
	// hierarchy. The group a supervisor was started in (a systemd unit
	// with Delegate=yes, a container's cgroup namespace, a user's
	// delegated scope) holds the supervisor itself: move the group's
	// processes into a leaf, as systemd's delegation docs ask.
	if err := enableControllers(baseDir, v2Controllers); err != nil {
		switch {
		case errors.Is(err, syscall.EBUSY) && isOwn:
			if err := moveProcsToLeaf(baseDir, leafName); err != nil {
				return nil, fmt.Errorf("move the supervisor into a leaf group of %s: %w", base, err)
			}
			v.moved = true
			if err := enableControllers(baseDir, v2Controllers); err != nil {
				return nil, err
			}
		case errors.Is(err, syscall.EBUSY):
			return nil, fmt.Errorf("cgroup root %s holds processes, so it cannot give controllers to runner groups (cgroup v2's no-internal-processes rule): choose an empty group, or move its processes into a leaf", base)
		default:
			return nil, err
		}
	}
	v.group = filepath.Join(base, "codexec")
	dir := filepath.Join(mount, v.group)
	if err := os.Mkdir(dir, 0o755); err != nil && !os.IsExist(err) {
		return nil, err
	}
	if err := enableControllers(dir, v2Controllers); err != nil {
		return nil, err
	}
	v.parent = dir
	return v, nil
}

// v2MountOf finds the cgroup2 mount in a mountinfo file: where it is
// mounted and which group of the hierarchy is its root, as seen from this
// process's cgroup namespace.
func v2MountOf(mountinfo string) (mount, root string, err error) {
	b, err := os.ReadFile(mountinfo)
	if err != nil {
		return "", "", err
	}
	for _, line := range splitLines(string(b)) {
		pre, post, ok := strings.Cut(line, " - ")
		if !ok {
			continue
		}
		f, g := strings.Fields(pre), strings.Fields(post)
		if len(f) < 5 || len(g) < 1 || g[0] != "cgroup2" {
			continue
		}
		if mount == "" || f[4] == v2Mount {
			mount, root = unescapeMountinfo(f[4]), unescapeMountinfo(f[3])
		}
	}
	if mount == "" {
		return "", "", errors.New("no cgroup2 filesystem is mounted")
	}
	return mount, root, nil
}

// unescapeMountinfo undoes the octal escapes of spaces and the like.
func unescapeMountinfo(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				out.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		out.WriteByte(s[i])
	}
	return out.String()
}

// relToMount turns a group path from /proc/self/cgroup into a path below
// the cgroup2 mount whose root is mountRoot.
func relToMount(group, mountRoot string) (string, error) {
	if strings.HasPrefix(group, "/..") || strings.HasPrefix(mountRoot, "/..") {
		return "", fmt.Errorf("this process's cgroup (%s) is outside the cgroup2 mount's root (%s): inside a cgroup namespace, mount cgroup2 afresh (mount -t cgroup2 none %s), as container runtimes do", group, mountRoot, v2Mount)
	}
	if mountRoot == "/" {
		return group, nil
	}
	rel, ok := strings.CutPrefix(group, mountRoot)
	if !ok || (rel != "" && !strings.HasPrefix(rel, "/")) {
		return "", fmt.Errorf("this process's cgroup (%s) is not below the cgroup2 mount's root (%s)", group, mountRoot)
	}
	return filepath.Clean("/" + rel), nil
}

// listsSelf checks that dir's cgroup.procs holds this process.
func listsSelf(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, "cgroup.procs"))
	if err != nil {
		return fmt.Errorf("read this process's group: %w", err)
	}
	self := strconv.Itoa(os.Getpid())
	for _, pid := range strings.Fields(string(b)) {
		if pid == self {
			return nil
		}
	}
	return fmt.Errorf("%s does not list this process: the cgroup2 mount shows another namespace's groups; inside a cgroup namespace, mount cgroup2 afresh (mount -t cgroup2 none %s), as container runtimes do", dir, v2Mount)
}

// ownV2Group reads the "0::" line of a /proc/PID/cgroup file.
func ownV2Group(file string) (string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	for _, line := range splitLines(string(b)) {
		if p, ok := strings.CutPrefix(line, "0::"); ok {
			if strings.HasPrefix(p, "/..") {
				return p, nil
			}
			return filepath.Clean("/" + p), nil
		}
	}
	return "", errors.New("no cgroup v2 entry in " + file)
}

// enableControllers gives children of dir the controllers that dir has.
// memory and pids are required; cpu is optional (only a CPU limit needs it).
func enableControllers(dir string, want []string) error {
	avail, err := os.ReadFile(filepath.Join(dir, "cgroup.controllers"))
	if err != nil {
		return err
	}
	have := strings.Fields(string(avail))
	var plus, missing []string
	for _, c := range want {
		if slices.Contains(have, c) {
			plus = append(plus, "+"+c)
		} else if c == "memory" || c == "pids" {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return &NotDelegatedError{Dir: dir, Missing: missing, Have: have}
	}
	return os.WriteFile(filepath.Join(dir, "cgroup.subtree_control"), []byte(strings.Join(plus, " ")), 0)
}

// NotDelegatedError is a group whose parent did not give it the
// controllers runner groups need.
type NotDelegatedError struct {
	Dir     string
	Missing []string
	Have    []string
}

func (e *NotDelegatedError) Error() string {
	return fmt.Sprintf("%s lacks the %s controller(s) (it has: %s): its parent must enable them in cgroup.subtree_control",
		e.Dir, strings.Join(e.Missing, ", "), strings.Join(e.Have, " "))
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
