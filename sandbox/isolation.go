package sandbox

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	"codexec/limits"
	"codexec/limits/cgroups"
)

// Namespace names, as configured and reported.
const (
	NSPid   = "pid"
	NSNet   = "net"
	NSIPC   = "ipc"
	NSUTS   = "uts"
	NSMount = "mount"
	NSUser  = "user" // only without root, and always then
)

var nsFlags = map[string]uintptr{
	NSPid:   syscall.CLONE_NEWPID,
	NSNet:   syscall.CLONE_NEWNET,
	NSIPC:   syscall.CLONE_NEWIPC,
	NSUTS:   syscall.CLONE_NEWUTS,
	NSMount: syscall.CLONE_NEWNS,
}

// nsFiles name each namespace's file in /proc/PID/ns.
var nsFiles = map[string]string{NSPid: "pid", NSNet: "net", NSIPC: "ipc", NSUTS: "uts", NSMount: "mnt", NSUser: "user"}

// DefaultNamespaces are the namespaces a runner gets. As root a user
// namespace is left out: it costs about 5 ms a spawn here and adds nothing
// once the runner has dropped to an unprivileged uid with no capabilities
// inside namespaces it cannot leave. Without root a user namespace comes
// first, because it is what lets an unprivileged process create the
// others (decision 0036).
var DefaultNamespaces = []string{NSPid, NSNet, NSIPC, NSUTS, NSMount}

// RunnerEnv is the runner's whole environment: one P (goja runs on one
// goroutine, and concurrent executions share the cores); GOGC=400, because
// a short-lived runner's garbage dies with it and its heap is capped by the
// watchdog's GC limit anyway (docs/decisions/0013-runner-gc.md: the data and
// complex workloads ran 20-25% faster); and no cgroup-driven GOMAXPROCS,
// which would otherwise keep the cgroup's CPU files open and re-read them
// after lockdown.
var RunnerEnv = []string{"GOMAXPROCS=1", "GOGC=400", "GODEBUG=containermaxprocs=0,updatemaxprocs=0"}

// DefaultRunnerID is the uid and gid runners drop to (nobody/nogroup).
const DefaultRunnerID = 65534

// DefaultPidsMax leaves room for the Go runtime's threads (about 6 for a
// runner, more under GC); the runner cannot create processes at all.
const DefaultPidsMax = 64

// IsolationOptions choose how runners are isolated.
type IsolationOptions struct {
	Namespaces []string // nil means DefaultNamespaces
	RunnerUID  int      // 0 means DefaultRunnerID
	RunnerGID  int      // 0 means DefaultRunnerID
	CPUCores   float64  // CPU limit per runner in cores; 0 is unlimited
	PidsMax    int64    // 0 means DefaultPidsMax
	AllowWeak  bool     // run even when some layer is impossible here
	// CgroupRoot is the group runner groups go under; empty: the group the
	// supervisor was started in (see cgroups.Options).
	CgroupRoot string
	// Skip turns lockdown layers off, for measurements and tests only.
	Skip []string
	// NoCgroups runs without per-execution cgroups (weaker; tests only).
	NoCgroups bool
	// FreshNetNS gives every runner a new network namespace even as root
	// (measurements and tests only; see Isolation.netNS).
	FreshNetNS bool
}

// Isolation is how every runner of this supervisor is contained.
type Isolation struct {
	Cgroups    *cgroups.Manager // nil: no per-execution cgroup
	CloneFlags uintptr
	Namespaces []string
	Lockdown   limits.Lockdown
	Resources  cgroups.Resources // memory is set per execution
	Missing    []string          // what full isolation needs and this host or user lacks
	// UserNS: the runner starts in a user namespace of its own, where it is
	// DefaultRunnerID, mapped to the supervisor's own uid and gid outside
	// (the only ids an unprivileged process may map). Used without root.
	UserNS   bool
	HostUID  int // the ids the runner has outside its user namespace
	HostGID  int
	selfNS   map[string]string // the supervisor's own namespaces, to verify runners against
	Rootless bool              // the supervisor is not root
	// netNS, as root, is one empty network namespace every runner is
	// started in instead of a new one each (decision 0041): it carries no
	// state a runner could leave for the next.
	netNS     *os.File
	netNSLink string // its /proc/PID/ns/net link, to verify runners against
}

// ErrWeakIsolation is returned by NewIsolation when full isolation is not
// possible and weak isolation was not allowed.
var ErrWeakIsolation = errors.New("sandbox: full isolation is not possible here")

// NewIsolation works out the isolation this process can give its runners.
// As root: a cgroup per execution, new namespaces, and a runner that drops
// to an unprivileged uid. Without root, where the host allows unprivileged
// user namespaces and gives this user a delegated cgroup v2 subtree: the
// same, the runner starting in a user namespace of its own as an
// unprivileged id (decision 0036). Otherwise only the runner's own lockdown
// (rlimits, landlock, seccomp), which is refused unless opts.AllowWeak.
func NewIsolation(opts IsolationOptions) (*Isolation, error) {
	if opts.RunnerUID == 0 {
		opts.RunnerUID = DefaultRunnerID
	}
	if opts.RunnerGID == 0 {
		opts.RunnerGID = DefaultRunnerID
	}
	if opts.PidsMax == 0 {
		opts.PidsMax = DefaultPidsMax
	}
	iso := &Isolation{
		Lockdown:  limits.Lockdown{UID: -1, GID: -1, Skip: opts.Skip},
		Resources: cgroups.Resources{PidsMax: opts.PidsMax, CPUCores: opts.CPUCores},
		HostUID:   os.Getuid(),
		HostGID:   os.Getgid(),
		Rootless:  os.Geteuid() != 0,
	}
	names := opts.Namespaces
	if names == nil {
		names = DefaultNamespaces
	}
	for _, n := range names {
		f, ok := nsFlags[n]
		if !ok {
			return nil, fmt.Errorf("sandbox: unknown namespace %q (known: pid, net, ipc, uts, mount)", n)
		}
		iso.CloneFlags |= f
		iso.Namespaces = append(iso.Namespaces, n)
	}
	if !iso.Rootless {
		iso.Lockdown.UID, iso.Lockdown.GID = opts.RunnerUID, opts.RunnerGID
		if iso.CloneFlags&syscall.CLONE_NEWNET != 0 && !opts.FreshNetNS {
			// One empty network namespace for all runners, made once,
			// instead of one per runner (a fifth of the supervisor's CPU
			// per execution, and more in the kernel's teardown). Where it
			// cannot be made, each runner gets its own as before.
			if f, err := sharedNetNS(); err == nil {
				if l, err := os.Readlink(fmt.Sprintf("/proc/self/fd/%d", f.Fd())); err == nil {
					iso.netNS, iso.netNSLink = f, l
					iso.CloneFlags &^= syscall.CLONE_NEWNET
				}
			}
		}
	} else if len(iso.Namespaces) > 0 {
		iso.CloneFlags |= syscall.CLONE_NEWUSER
		if err := probeUserNS(iso); err != nil {
			iso.CloneFlags, iso.Namespaces = 0, nil
			iso.Missing = append(iso.Missing,
				"new namespaces (user, pid, net, ipc, uts, mount) without root: "+err.Error())
		} else {
			iso.UserNS = true
			iso.Namespaces = append([]string{NSUser}, iso.Namespaces...)
		}
	}
	iso.selfNS = map[string]string{}
	for _, n := range iso.Namespaces {
		if l, err := os.Readlink("/proc/self/ns/" + nsFiles[n]); err == nil {
			iso.selfNS[n] = l
		}
	}
	if !opts.NoCgroups {
		m, err := cgroups.NewWith(cgroups.Options{Root: opts.CgroupRoot})
		if err != nil {
			iso.Missing = append(iso.Missing, "a per-execution cgroup (memory, pids and CPU limits, hard kill): "+err.Error()+cgroupHint(iso.Rootless))
		} else {
			iso.Cgroups = m
		}
	} else {
		iso.Missing = append(iso.Missing, "a per-execution cgroup (disabled)")
	}
	if len(iso.Missing) > 0 && !opts.AllowWeak {
		how := "run as root, or without root give this user unprivileged user namespaces and a delegated cgroup v2 subtree (`supervisor doctor` says how)"
		return iso, fmt.Errorf("%w; missing:\n  - %s\n(%s; or pass --allow-weak-isolation to accept runners contained only by their own rlimits, landlock and seccomp)",
			ErrWeakIsolation, strings.Join(iso.Missing, "\n  - "), how)
	}
	return iso, nil
}

// userNSMappings map the runner's id inside its user namespace to the
// supervisor's ids outside.
func (iso *Isolation) userNSMappings(attr *syscall.SysProcAttr) {
	attr.UidMappings = []syscall.SysProcIDMap{{ContainerID: DefaultRunnerID, HostID: iso.HostUID, Size: 1}}
	attr.GidMappings = []syscall.SysProcIDMap{{ContainerID: DefaultRunnerID, HostID: iso.HostGID, Size: 1}}
	attr.GidMappingsEnableSetgroups = false
}

// probeUserNS starts a process with the runners' clone flags and id maps
// whose exec must fail: ENOTDIR from exec proves that the kernel created
// the namespaces and took the maps. Any other error is why it cannot.
func probeUserNS(iso *Isolation) error {
	attr := &syscall.SysProcAttr{Cloneflags: iso.CloneFlags}
	iso.userNSMappings(attr)
	p, err := os.StartProcess("/dev/null/codexec-userns-probe", []string{"probe"},
		&os.ProcAttr{Env: []string{}, Sys: attr})
	if err == nil {
		_ = p.Kill()
		_, _ = p.Wait()
		return nil
	}
	if errors.Is(err, syscall.ENOTDIR) {
		return nil
	}
	return fmt.Errorf("%v%s", err, userNSHint())
}

// userNSHint says which host setting forbids unprivileged user namespaces.
func userNSHint() string {
	read := func(p string) (int, bool) {
		b, err := os.ReadFile(p)
		if err != nil {
			return 0, false
		}
		n, err := strconv.Atoi(strings.TrimSpace(string(b)))
		return n, err == nil
	}
	if n, ok := read("/proc/sys/user/max_user_namespaces"); ok && n == 0 {
		return " (user.max_user_namespaces is 0: sysctl -w user.max_user_namespaces=15000)"
	}
	if n, ok := read("/proc/sys/kernel/unprivileged_userns_clone"); ok && n == 0 {
		return " (kernel.unprivileged_userns_clone is 0: sysctl -w kernel.unprivileged_userns_clone=1)"
	}
	if n, ok := read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"); ok && n == 1 {
		return " (AppArmor restricts unprivileged user namespaces: give the supervisor a profile with `userns,` in /etc/apparmor.d, or sysctl -w kernel.apparmor_restrict_unprivileged_userns=0)"
	}
	if _, err := os.Stat("/.dockerenv"); err == nil {
		return " (inside a container: the runtime's seccomp profile blocks namespace creation; run the container with --security-opt seccomp=unconfined, or as root with the capabilities in deploy/)"
	}
	return ""
}

// cgroupHint says how to get a cgroup runner groups can be made in.
func cgroupHint(rootless bool) string {
	if !rootless {
		return ""
	}
	if cgroups.HostMode() != cgroups.V2 {
		return " (cgroup v1 cannot be delegated to an unprivileged user safely: run as root, or boot with cgroup v2: systemd.unified_cgroup_hierarchy=1)"
	}
	return " (start it in a delegated cgroup v2 group: systemd-run --user --scope -p Delegate=yes supervisor ..., or a user service with Delegate=yes; without systemd, root creates a group, enables memory pids cpu in its parent's cgroup.subtree_control, chowns it and its cgroup.procs, cgroup.subtree_control and cgroup.threads to the user, and starts the supervisor in it)"
}
