package limits

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"github.com/landlock-lsm/go-landlock/landlock"
	llsys "github.com/landlock-lsm/go-landlock/landlock/syscall"
	"golang.org/x/sys/unix"
)

//go:generate go run ./internal/seccompgen -o zseccomp_linux_amd64.go

// Layer names, as passed to the runner and reported in ready.
const (
	LayerRlimits  = "rlimits"
	LayerCreds    = "credentials" // setuid/setgid to an unprivileged user
	LayerLandlock = "landlock"
	LayerNNP      = "no_new_privs"
	LayerSeccomp  = "seccomp"
)

// Defaults for Lockdown fields left zero.
const (
	DefaultNoFile     = 16 // the pipes, stdio and the runtime's poller, with room to spare
	DefaultCPUSeconds = 60 // a backstop far above the 30 s maximum timeout; the supervisor lowers it per job
)

// Lockdown is what a runner does to itself before it reads any code.
type Lockdown struct {
	NoFile     uint64 // RLIMIT_NOFILE
	CPUSeconds uint64 // RLIMIT_CPU (SIGKILL when reached)
	UID, GID   int    // drop to these ids when running as root; -1 keeps them
	Skip       []string
}

// Skips reports whether the layer is turned off.
func (l Lockdown) Skips(layer string) bool { return l.skips(layer) }

func (l Lockdown) skips(layer string) bool {
	for _, s := range l.Skip {
		if s == layer {
			return true
		}
	}
	return false
}

// Args encodes l as runner arguments.
func (l Lockdown) Args() []string {
	args := []string{
		"--nofile=" + strconv.FormatUint(l.NoFile, 10),
		"--cpu=" + strconv.FormatUint(l.CPUSeconds, 10),
		"--uid=" + strconv.Itoa(l.UID),
		"--gid=" + strconv.Itoa(l.GID),
	}
	if len(l.Skip) > 0 {
		args = append(args, "--skip="+strings.Join(l.Skip, ","))
	}
	return args
}

// ParseArg reads one argument produced by Args into l; it reports whether
// the argument was a lockdown argument.
func (l *Lockdown) ParseArg(arg string) (bool, error) {
	name, val, ok := strings.Cut(arg, "=")
	if !ok {
		return false, nil
	}
	bad := func() (bool, error) { return true, fmt.Errorf("%w: %q", ErrBadLockdownArg, arg) }
	switch name {
	case "--nofile", "--cpu":
		n, err := strconv.ParseUint(val, 10, 64)
		if err != nil {
			return bad()
		}
		if name == "--nofile" {
			l.NoFile = n
		} else {
			l.CPUSeconds = n
		}
	case "--uid", "--gid":
		n, err := strconv.Atoi(val)
		if err != nil || n < -1 {
			return bad()
		}
		if name == "--uid" {
			l.UID = n
		} else {
			l.GID = n
		}
	case "--skip":
		for _, s := range strings.Split(val, ",") {
			switch s {
			case LayerRlimits, LayerCreds, LayerLandlock, LayerSeccomp:
				l.Skip = append(l.Skip, s)
			default:
				return bad()
			}
		}
	default:
		return false, nil
	}
	return true, nil
}

// Applied reports what Lockdown put in force.
type Applied struct {
	Layers      []string `json:"layers"`
	LandlockABI int      `json:"landlockAbi,omitempty"`
	UID         int      `json:"uid"`
}

// Apply locks the calling process down, in this order: pin the runtime,
// rlimits, credentials, landlock, no_new_privs, seccomp. Once it returns
// nil, the process can read and write the file descriptors it already has,
// allocate memory, run threads and timers, and exit; nothing else.
func (l Lockdown) Apply() (Applied, error) {
	var a Applied
	if l.NoFile == 0 {
		l.NoFile = DefaultNoFile
	}
	if l.CPUSeconds == 0 {
		l.CPUSeconds = DefaultCPUSeconds
	}

	// The Go runtime must not need anything new after seccomp: pin the
	// number of Ps (Go otherwise re-reads cgroup CPU limits), and make it
	// set up its poller and timer machinery now.
	runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	t := time.NewTimer(time.Hour)
	t.Stop()
	time.Sleep(time.Microsecond)

	if !l.skips(LayerRlimits) {
		if err := applyRlimits(l.NoFile, l.CPUSeconds); err != nil {
			return a, fmt.Errorf("rlimits: %w", err)
		}
		a.Layers = append(a.Layers, LayerRlimits)
	}
	switch {
	case l.skips(LayerCreds) || l.UID < 0 || l.GID < 0:
	case startedAs(l.UID, l.GID):
		// The supervisor started the process as these ids (decision 0042):
		// nothing to change, and a parent-death signal set after the
		// change, which execve keeps.
		a.Layers = append(a.Layers, LayerCreds)
	case os.Geteuid() == 0:
		if err := dropPrivileges(l.UID, l.GID); err != nil {
			return a, fmt.Errorf("drop privileges: %w", err)
		}
		// Changing credentials cleared the parent-death signal: re-arm it.
		if err := unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(unix.SIGKILL), 0, 0, 0); err != nil {
			return a, fmt.Errorf("parent-death signal: %w", err)
		}
		a.Layers = append(a.Layers, LayerCreds)
	}
	a.UID = os.Getuid()
	if !l.skips(LayerLandlock) {
		abi, err := llsys.LandlockGetABIVersion()
		if err == nil && abi > 0 {
			// No rules: no filesystem access at all, no TCP or UDP, no
			// signals or abstract sockets outside the runner.
			if err := landlock.V11.BestEffort().Restrict(); err != nil {
				return a, fmt.Errorf("landlock: %w", err)
			}
			a.Layers = append(a.Layers, LayerLandlock)
			a.LandlockABI = abi
		}
	}
	// Landlock set no_new_privs on every thread already (go-landlock, on
	// kernels with and without its TSYNC flag): only without it is the
	// all-thread prctl needed.
	if !slices.Contains(a.Layers, LayerLandlock) || !noNewPrivs() {
		if err := setNoNewPrivs(); err != nil {
			return a, fmt.Errorf("no_new_privs: %w", err)
		}
	}
	a.Layers = append(a.Layers, LayerNNP)
	if !l.skips(LayerSeccomp) {
		if err := installSeccomp(); err != nil {
			return a, fmt.Errorf("seccomp: %w", err)
		}
		a.Layers = append(a.Layers, LayerSeccomp)
	}
	return a, nil
}

// applyRlimits: no core dumps, no file writes, few descriptors, a CPU
// backstop, and nothing locked, queued or leased.
func applyRlimits(nofile, cpuSeconds uint64) error {
	for _, r := range []struct {
		name     string
		resource int
		value    uint64
	}{
		{"RLIMIT_CORE", unix.RLIMIT_CORE, 0},
		{"RLIMIT_FSIZE", unix.RLIMIT_FSIZE, 0},
		{"RLIMIT_NOFILE", unix.RLIMIT_NOFILE, nofile},
		{"RLIMIT_CPU", unix.RLIMIT_CPU, cpuSeconds},
		{"RLIMIT_MEMLOCK", unix.RLIMIT_MEMLOCK, 0},
		{"RLIMIT_MSGQUEUE", unix.RLIMIT_MSGQUEUE, 0},
		{"RLIMIT_LOCKS", unix.RLIMIT_LOCKS, 0},
	} {
		lim := unix.Rlimit{Cur: r.value, Max: r.value}
		if err := unix.Prlimit(0, r.resource, &lim, nil); err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
	}
	return nil
}

// dropPrivileges becomes uid:gid with no supplementary groups. Go applies
// each call to every thread of the process. With all three uids non-zero
// the kernel clears the permitted and effective capabilities.
func dropPrivileges(uid, gid int) error {
	if err := syscall.Setgroups([]int{}); err != nil {
		return fmt.Errorf("setgroups: %w", err)
	}
	if err := syscall.Setresgid(gid, gid, gid); err != nil {
		return fmt.Errorf("setresgid: %w", err)
	}
	if err := syscall.Setresuid(uid, uid, uid); err != nil {
		return fmt.Errorf("setresuid: %w", err)
	}
	if os.Getuid() != uid || os.Geteuid() != uid || os.Getgid() != gid {
		return errors.New("ids did not change")
	}
	return nil
}

// startedAs reports that every id of the process is uid or gid, with no
// supplementary groups and no capability: what dropPrivileges gives.
func startedAs(uid, gid int) bool {
	ruid, euid, suid := unix.Getresuid()
	rgid, egid, sgid := unix.Getresgid()
	if ruid != uid || euid != uid || suid != uid || rgid != gid || egid != gid || sgid != gid || uid == 0 {
		return false
	}
	if groups, err := syscall.Getgroups(); err != nil || len(groups) != 0 {
		return false
	}
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capget(&hdr, &data[0]); err != nil {
		return false
	}
	return data[0].Effective|data[1].Effective|data[0].Permitted|data[1].Permitted == 0
}

// noNewPrivs reports no_new_privs on the calling thread.
func noNewPrivs() bool {
	v, err := unix.PrctlRetInt(unix.PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)
	return err == nil && v == 1
}

// setNoNewPrivs sets no_new_privs on every thread of the process. The
// prctl is per thread: set on one alone, the others (and /proc/PID/status,
// which shows the main thread) would not have it when seccomp, whose TSYNC
// carries it to every thread, is skipped. AllThreadsSyscall needs a
// binary without cgo, which the runner is; elsewhere, the calling thread.
func setNoNewPrivs() error {
	_, _, errno := syscall.AllThreadsSyscall(syscall.SYS_PRCTL, unix.PR_SET_NO_NEW_PRIVS, 1, 0)
	if errno == syscall.ENOTSUP {
		return unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
	}
	if errno != 0 {
		return errno
	}
	return nil
}

// installSeccomp installs the generated allowlist on every thread
// (SECCOMP_FILTER_FLAG_TSYNC, which also carries no_new_privs to them);
// anything else kills the whole process.
func installSeccomp() error {
	if len(seccompFilter) == 0 {
		return ErrSeccompUnsupported
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("no_new_privs: %w", err)
	}
	prog := unix.SockFprog{Len: uint16(len(seccompFilter)), Filter: &seccompFilter[0]}
	r, _, errno := unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER,
		unix.SECCOMP_FILTER_FLAG_TSYNC, uintptr(unsafe.Pointer(&prog)))
	if errno != 0 {
		return errno
	}
	if r != 0 {
		return fmt.Errorf("thread %d could not be synchronised", r)
	}
	return nil
}

// SetCPUBackstop lowers RLIMIT_CPU to the CPU time used so far plus the
// job's timeout and two seconds: should the supervisor's wall-clock kill
// ever not come, the kernel kills the runner (SIGKILL at the hard limit).
// The seccomp policy allows exactly this call: prlimit64 on itself, for
// RLIMIT_CPU.
func SetCPUBackstop(timeoutMs int64) error {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		return err
	}
	used := uint64(ru.Utime.Sec + ru.Stime.Sec)
	secs := used + uint64((timeoutMs+999)/1000) + 2
	var old unix.Rlimit
	if err := unix.Prlimit(0, unix.RLIMIT_CPU, nil, &old); err == nil && secs > old.Max {
		return nil // never raise
	}
	return unix.Prlimit(0, unix.RLIMIT_CPU, &unix.Rlimit{Cur: secs, Max: secs}, nil)
}

// SeccompProgram returns the installed BPF program (for tests and doctor).
func SeccompProgram() []unix.SockFilter { return seccompFilter }
