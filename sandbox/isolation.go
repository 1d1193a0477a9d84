package sandbox

import (
	"errors"
	"fmt"
	"os"
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
)

var nsFlags = map[string]uintptr{
	NSPid:   syscall.CLONE_NEWPID,
	NSNet:   syscall.CLONE_NEWNET,
	NSIPC:   syscall.CLONE_NEWIPC,
	NSUTS:   syscall.CLONE_NEWUTS,
	NSMount: syscall.CLONE_NEWNS,
}

// DefaultNamespaces are the namespaces a runner gets when the supervisor is
// root. A user namespace is left out: it costs about 5 ms a spawn here and
// adds nothing once the runner has dropped to an unprivileged uid with no
// capabilities inside namespaces it cannot leave.
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
	Namespaces []string // nil means DefaultNamespaces (root only)
	RunnerUID  int      // 0 means DefaultRunnerID
	RunnerGID  int      // 0 means DefaultRunnerID
	CPUCores   float64  // CPU limit per runner in cores; 0 is unlimited
	PidsMax    int64    // 0 means DefaultPidsMax
	AllowWeak  bool     // run even when some layer is impossible here
	// Skip turns lockdown layers off, for measurements and tests only.
	Skip []string
	// NoCgroups runs without per-execution cgroups (weaker; tests only).
	NoCgroups bool
}

// Isolation is how every runner of this supervisor is contained.
type Isolation struct {
	Cgroups    *cgroups.Manager // nil: no per-execution cgroup
	CloneFlags uintptr
	Namespaces []string
	Lockdown   limits.Lockdown
	Resources  cgroups.Resources // memory is set per execution
	Missing    []string          // what full isolation needs and this host or user lacks
}

// ErrWeakIsolation is returned by NewIsolation when full isolation is not
// possible and weak isolation was not allowed.
var ErrWeakIsolation = errors.New("sandbox: full isolation is not possible here")

// NewIsolation works out the isolation this process can give its runners.
// As root: a cgroup per execution, new namespaces, and a runner that drops
// to an unprivileged uid; otherwise only the runner's own lockdown (rlimits,
// landlock, seccomp), which is refused unless opts.AllowWeak.
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
	}
	root := os.Geteuid() == 0
	if root {
		iso.Lockdown.UID, iso.Lockdown.GID = opts.RunnerUID, opts.RunnerGID
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
	} else {
		iso.Missing = append(iso.Missing,
			"running as root: without it runners keep the supervisor's uid and get no new namespaces (pid, net, ipc, uts, mount)")
	}
	if !opts.NoCgroups {
		m, err := cgroups.New()
		if err != nil {
			iso.Missing = append(iso.Missing, "a per-execution cgroup (memory, pids and CPU limits, hard kill): "+err.Error())
		} else {
			iso.Cgroups = m
		}
	} else {
		iso.Missing = append(iso.Missing, "a per-execution cgroup (disabled)")
	}
	if len(iso.Missing) > 0 && !opts.AllowWeak {
		return iso, fmt.Errorf("%w; missing:\n  - %s\n(run as root, or pass --allow-weak-isolation to accept runners contained only by their own rlimits, landlock and seccomp)",
			ErrWeakIsolation, strings.Join(iso.Missing, "\n  - "))
	}
	return iso, nil
}
