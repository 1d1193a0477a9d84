package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"

	cg "github.com/containerd/cgroups/v3"
	llsys "github.com/landlock-lsm/go-landlock/landlock/syscall"
	"golang.org/x/sys/unix"

	"codexec/ipc"
	"codexec/limits"
	"codexec/limits/cgroups"
	"codexec/result"
)

// Check is one line of `supervisor doctor`: something this host provides
// (or not) and what codexec makes of it.
type Check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
	Fix    string `json:"fix,omitempty"` // how to get it, when missing
}

// Report is what Diagnose found.
type Report struct {
	// Mode is how runners would be contained: "root" (the supervisor is
	// root: namespaces, uid drop, cgroups), "rootless" (not root: a user
	// namespace per runner and a delegated cgroup v2 subtree), or "weak"
	// (only the runner's own lockdown).
	Mode          string   `json:"mode"`
	Checks        []Check  `json:"checks"`
	FullIsolation bool     `json:"fullIsolation"`
	Missing       []string `json:"missing,omitempty"`
}

// DiagnoseOptions say what to diagnose.
type DiagnoseOptions struct {
	RunnerPath string // when set, one fully isolated runner runs a job
	CgroupRoot string // as for IsolationOptions
}

// Diagnose inspects this host and this process, and, when runnerPath is
// given, starts one fully isolated runner and runs a job in it.
func Diagnose(runnerPath string) Report { return DiagnoseWith(DiagnoseOptions{RunnerPath: runnerPath}) }

// DiagnoseWith is Diagnose with options.
func DiagnoseWith(opts DiagnoseOptions) Report {
	var r Report
	add := func(c Check) { r.Checks = append(r.Checks, c) }
	root := os.Geteuid() == 0
	iso, isoErr := NewIsolation(IsolationOptions{CgroupRoot: opts.CgroupRoot})

	rootCheck := Check{Name: "running as root", OK: root, Detail: fmt.Sprintf("euid %d", os.Geteuid())}
	if !root {
		rootCheck.OK = iso != nil && iso.UserNS && iso.Cgroups != nil
		rootCheck.Detail += ": rootless mode (a user namespace per runner, a delegated cgroup v2 subtree)"
		rootCheck.Fix = "start the supervisor as root, or give this user unprivileged user namespaces and a delegated cgroup v2 subtree (see the checks below)"
	}
	add(rootCheck)

	mode := map[cg.CGMode]string{cg.Unavailable: "unavailable", cg.Legacy: "v1 (legacy)", cg.Hybrid: "v1 (hybrid: v1 controllers, a cgroup2 mount without them)", cg.Unified: "v2 (unified)"}[cg.Mode()]
	modeOK := cg.Mode() != cg.Unavailable
	if cg.Mode() == cg.Legacy {
		// The library calls anything that is not cgroup2 at the mount
		// point legacy, an empty directory included.
		if _, err := os.Stat("/sys/fs/cgroup/memory"); err != nil {
			mode, modeOK = "unavailable: nothing is mounted at /sys/fs/cgroup", false
		}
	}
	add(Check{Name: "cgroup mode", OK: modeOK, Detail: mode,
		Fix: "mount cgroupfs (v2: mount -t cgroup2 none /sys/fs/cgroup; in a container, the runtime mounts it)"})
	add(controllersCheck())

	m, err := cgroups.NewWith(cgroups.Options{Root: opts.CgroupRoot})
	if err != nil {
		add(Check{Name: "cgroup delegation", Detail: err.Error(), Fix: delegationFix(err, root)})
	} else {
		detail := "runner groups go in " + strings.Join(nonEmpty(m.Parents()), ", ")
		if m.Mode() == cgroups.V2 {
			detail += fmt.Sprintf(" (below %s, %s)", m.Base(), groupKind(m.Base(), opts.CgroupRoot))
			if m.MovedToLeaf() {
				detail += `; this process moved its group's processes into the leaf "supervisor" so the group could delegate controllers`
			}
		}
		add(Check{Name: "cgroup delegation", OK: true, Detail: detail})
		add(v2FeatureCheck(m, "cgroup.kill", "kill a whole group in one write (Linux 5.14+); v1 kills each process"))
		add(v2FeatureCheck(m, "memory.peak", "peak memory of a group (Linux 5.19+); v1 reports the runner's own VmHWM, or the group's max_usage_in_bytes where larger"))
		into := m.Mode() == cgroups.V2
		detail = "v2: runners are born in their cgroup (clone3 CLONE_INTO_CGROUP)"
		if !into {
			detail = "v1: runners are moved into their cgroup right after they start, before they can get a job"
		}
		add(Check{Name: "spawn into cgroup", OK: true, Detail: detail})
	}

	add(seccompCheck())
	abi, err := llsys.LandlockGetABIVersion()
	if err != nil || abi <= 0 {
		add(Check{Name: "landlock", Detail: fmt.Sprintf("not available (%v)", err), Fix: "boot with lsm=...,landlock (Linux 5.13+)"})
	} else {
		d := fmt.Sprintf("ABI %d: no filesystem access", abi)
		if abi >= 4 {
			d += ", no TCP"
		}
		if abi >= 6 {
			d += ", no signals or abstract sockets outside the runner"
		}
		add(Check{Name: "landlock", OK: true, Detail: d})
	}
	userNS := iso != nil && iso.UserNS
	for _, ns := range []struct{ name, file string }{
		{NSPid, "pid"}, {NSNet, "net"}, {NSIPC, "ipc"}, {NSUTS, "uts"}, {NSMount, "mnt"},
	} {
		_, err := os.Stat("/proc/self/ns/" + ns.file)
		c := Check{Name: ns.name + " namespace", OK: err == nil && (root || userNS)}
		switch {
		case err != nil:
			c.Detail, c.Fix = "not supported by the kernel", "a kernel built with CONFIG_"+strings.ToUpper(ns.file)+"_NS"
		case !root && !userNS:
			c.Detail, c.Fix = "supported, but without root it needs a user namespace, which this process cannot create", "see the user namespace check"
		case !root:
			c.Detail = "every runner gets its own, inside its own user namespace"
		case ns.name == NSNet && iso != nil && iso.netNS != nil:
			c.Detail = "every runner is in one empty network namespace made for runners, not the host's: a loopback that is down, nothing a runner can keep in it (decision 0041)"
		default:
			c.Detail = "every runner gets its own"
		}
		add(c)
	}
	add(userNSCheck(root, iso))

	r.FullIsolation = isoErr == nil
	if iso != nil {
		r.Missing = iso.Missing
	}
	if opts.RunnerPath != "" {
		add(liveCheck(opts.RunnerPath, opts.CgroupRoot, iso, isoErr))
	}
	if r.FullIsolation && opts.RunnerPath != "" && !r.Checks[len(r.Checks)-1].OK {
		r.FullIsolation = false
		r.Missing = append(r.Missing, "a runner that starts, locks down and runs a job")
	}
	switch {
	case !r.FullIsolation:
		r.Mode = "weak"
	case root:
		r.Mode = "root"
	default:
		r.Mode = "rootless"
	}
	return r
}

// groupKind says where a v2 base group came from.
func groupKind(base, configured string) string {
	switch {
	case configured != "":
		return "the configured cgroup root"
	case base == "/":
		return "the root of this cgroup namespace's hierarchy"
	default:
		return "the group this process was started in"
	}
}

// delegationFix says what to change when runner groups cannot be made.
func delegationFix(err error, root bool) string {
	var nd *cgroups.NotDelegatedError
	switch {
	case errors.As(err, &nd):
		return "the controllers are not delegated to this group: systemd unit: Delegate=yes (or Delegate=memory pids cpu); " +
			"rootless: systemd-run --user --scope -p Delegate=yes supervisor ... (systemd's user manager delegates memory, pids and cpu on current distributions; older ones need a drop-in with Delegate=memory pids cpu for user@.service); " +
			"container: cgroup v2 with its own cgroup namespace (docker/podman --cgroupns=private); Kubernetes: see deploy/kubernetes"
	case strings.Contains(err.Error(), "cannot find cgroup mount destination"):
		return "cgroup v1: every hierarchy listed in /proc/self/cgroup must be mounted under /sys/fs/cgroup (container runtimes mount them all)"
	case errors.Is(err, syscall.EROFS):
		return "/sys/fs/cgroup is mounted read-only (as container runtimes do): docker/podman: --privileged, or --cgroupns=private with a read-write cgroup mount; Kubernetes: privileged: true (see deploy/kubernetes/README.md)"
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		if root {
			return "the group is not writable even by root here (a container without CAP_SYS_ADMIN, or an LSM): see deploy/kubernetes/README.md"
		}
		if cgroups.HostMode() != cgroups.V2 {
			return "cgroup v1 cannot be delegated to an unprivileged user safely: run as root, or boot with cgroup v2 (systemd.unified_cgroup_hierarchy=1)"
		}
		return "this user does not own its cgroup: start the supervisor in a delegated group: systemd-run --user --scope -p Delegate=yes supervisor ..., or a unit with Delegate=yes and User=; " +
			"without systemd, root makes a group, enables memory pids cpu in its parent's cgroup.subtree_control, chowns it and its cgroup.procs, cgroup.subtree_control and cgroup.threads to the user, and starts the supervisor in it"
	}
	return "run as root, or give the supervisor a delegated cgroup (systemd: Delegate=yes; see deploy/)"
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func controllersCheck() Check {
	c := Check{Name: "cgroup controllers"}
	var have []string
	switch cg.Mode() {
	case cg.Unified:
		b, err := os.ReadFile("/sys/fs/cgroup/cgroup.controllers")
		if err != nil {
			c.Detail = err.Error()
			return c
		}
		have = strings.Fields(string(b))
	case cg.Legacy, cg.Hybrid:
		for _, ctl := range []string{"memory", "pids", "cpu"} {
			if _, err := os.Stat(filepath.Join("/sys/fs/cgroup", ctl)); err == nil {
				have = append(have, ctl)
			}
		}
	}
	var missing []string
	for _, want := range []string{"memory", "pids", "cpu"} {
		found := false
		for _, h := range have {
			found = found || h == want
		}
		if !found {
			missing = append(missing, want)
		}
	}
	c.OK = len(missing) == 0
	c.Detail = "available: " + strings.Join(have, " ")
	if !c.OK {
		c.Detail += "; missing: " + strings.Join(missing, " ")
		c.Fix = "enable the memory, pids and cpu controllers"
	}
	return c
}

func v2FeatureCheck(m *cgroups.Manager, file, what string) Check {
	c := Check{Name: file, Detail: what}
	if m.Mode() != cgroups.V2 {
		c.OK = true
		c.Detail = "not on v1; " + what[strings.Index(what, ";")+2:]
		return c
	}
	probe := filepath.Join(m.Parents()[0], "doctor-probe-"+strconv.Itoa(os.Getpid()))
	if err := os.Mkdir(probe, 0o755); err != nil {
		c.Detail = "cannot create a probe group: " + err.Error()
		return c
	}
	defer os.Remove(probe)
	_, err := os.Stat(filepath.Join(probe, file))
	c.OK = err == nil
	if !c.OK {
		c.Detail = "missing: " + what
		c.Fix = "a newer kernel"
	}
	return c
}

func seccompCheck() Check {
	c := Check{Name: "seccomp", Fix: "a kernel with CONFIG_SECCOMP_FILTER (4.14+ for kill-process)"}
	action := uint32(unix.SECCOMP_RET_KILL_PROCESS)
	_, _, errno := unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_GET_ACTION_AVAIL, 0, uintptr(unsafe.Pointer(&action)))
	if errno != 0 {
		c.Detail = "kill-process action unavailable: " + errno.Error()
		return c
	}
	c.OK = true
	c.Fix = ""
	c.Detail = "allowlist filter with kill-process on all threads"
	return c
}

func userNSCheck(root bool, iso *Isolation) Check {
	c := Check{Name: "user namespace", OK: true}
	b, err := os.ReadFile("/proc/sys/user/max_user_namespaces")
	n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	switch {
	case root && (err != nil || n == 0):
		c.Detail = "not available; not used as root (runners drop to an unprivileged uid instead)"
	case root:
		c.Detail = fmt.Sprintf("available (max %d); not used as root: it costs about 5 ms a spawn and adds nothing once a runner runs as an unprivileged uid without capabilities", n)
	case iso != nil && iso.UserNS:
		c.Detail = fmt.Sprintf("every runner gets its own, as uid %d mapped to this user (uid %d) outside, with no capabilities", DefaultRunnerID, iso.HostUID)
	default:
		c.OK = false
		c.Detail = "cannot be created by this user"
		if hint := userNSHint(); hint != "" {
			c.Fix = strings.Trim(hint, " ()")
		} else {
			c.Fix = "allow unprivileged user namespaces (user.max_user_namespaces > 0; on Debian kernel.unprivileged_userns_clone=1; on Ubuntu an AppArmor profile with userns,)"
		}
	}
	return c
}

// liveCheck starts a fully isolated runner and runs `return 1 + 1`.
func liveCheck(runnerPath, cgroupRoot string, iso *Isolation, isoErr error) Check {
	c := Check{Name: "a runner, end to end"}
	if isoErr != nil {
		// Weak isolation: still show that a runner works.
		var err error
		if iso, err = NewIsolation(IsolationOptions{AllowWeak: true, CgroupRoot: cgroupRoot}); err != nil {
			c.Detail = err.Error()
			return c
		}
	}
	start := time.Now()
	r, err := Start(Config{RunnerPath: runnerPath, Env: RunnerEnv, Isolation: iso},
		Spec{ID: "doctor" + strconv.Itoa(os.Getpid()), MemoryBytes: 64 << 20})
	if err != nil {
		c.Detail, c.Fix = err.Error(), "build the runner with `make build` (CGO_ENABLED=0)"
		return c
	}
	out := r.Run(context.Background(), ipc.Job{ID: "doctor", Code: "return 1 + 1", TimeoutMs: 2000,
		MaxOutputBytes: 64, MaxLogLines: 1, MaxLogBytes: 64}, 64<<20, nil)
	if out.Status != result.OK || string(out.Output) != "2" {
		msg := string(out.Status)
		if out.Error != nil {
			msg += ": " + out.Error.Message
		}
		c.Detail, c.Fix = msg, "see the detail; `make build` builds a runner without cgo"
		return c
	}
	c.OK = true
	c.Detail = fmt.Sprintf("started, locked down (%s), ran a job, exited: %.1f ms in all (spawn to ready %.1f ms)",
		strings.Join(layersOf(iso), ", "), float64(time.Since(start).Microseconds())/1000, float64(out.SpawnToReady.Microseconds())/1000)
	if iso.Lockdown.UID >= 0 && !iso.Lockdown.Skips(limits.LayerCreds) && !r.StartedAsIDs() {
		c.Detail += fmt.Sprintf("; the runner dropped to uid %d itself: a binary that uid may execute but not read (chmod 0711 %s, as make build leaves it) is started as it, with less CPU to lock down (decision 0042)",
			iso.Lockdown.UID, runnerPath)
	}
	return c
}

func layersOf(iso *Isolation) []string {
	var l []string
	if iso.Cgroups != nil {
		l = append(l, "cgroup "+string(iso.Cgroups.Mode()))
	}
	if len(iso.Namespaces) > 0 {
		l = append(l, "namespaces "+strings.Join(iso.Namespaces, "+"))
	}
	if iso.Lockdown.UID >= 0 {
		l = append(l, "uid "+strconv.Itoa(iso.Lockdown.UID))
	} else if iso.UserNS {
		l = append(l, fmt.Sprintf("uid %d in its user namespace (%d outside)", DefaultRunnerID, iso.HostUID))
	}
	return append(l, "rlimits", "landlock", "no_new_privs", "seccomp")
}
