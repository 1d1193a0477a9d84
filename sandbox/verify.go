package sandbox

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"codexec/internal/kfile"
	"codexec/ipc"
	"codexec/limits"
)

// LockdownError is a runner that said ready without being locked down as
// configured. It is killed, never given a job.
type LockdownError struct{ Reason string }

func (e *LockdownError) Error() string { return "runner is not locked down: " + e.Reason }

// verify checks, from outside, what the runner claims in ready: trust, but
// check. The kernel's view of the process (/proc/PID/status, its rlimits)
// must show no_new_privs, the seccomp filter, the unprivileged ids with no
// capabilities, and the rlimits.
func (r *Runner) verify(rd *ipc.Ready) error {
	iso := r.cfg.Isolation
	if iso == nil {
		return nil
	}
	pid := r.cmd.Process.Pid
	skip := map[string]bool{}
	for _, s := range iso.Lockdown.Skip {
		skip[s] = true
	}
	b, err := kfile.ReadFile("/proc/"+strconv.Itoa(pid)+"/status", 0)
	if err != nil {
		return &LockdownError{"read its status: " + err.Error()}
	}
	// What it holds at ready, from the same read (see sampleMemory).
	if hwm, ok := parseHWM(b); ok {
		r.noteHWM(hwm)
	}
	status := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			status[k] = strings.Join(strings.Fields(v), " ")
		}
	}
	want := map[string]string{"NoNewPrivs": "1"}
	if !skip[limits.LayerSeccomp] {
		want["Seccomp"] = "2"
	}
	if iso.UserNS {
		// Unprivileged: the runner is DefaultRunnerID in its own user
		// namespace, which is the supervisor's ids out here, and exec left
		// it no capabilities there.
		u, g := strconv.Itoa(iso.HostUID), strconv.Itoa(iso.HostGID)
		want["Uid"] = strings.Join([]string{u, u, u, u}, " ")
		want["Gid"] = strings.Join([]string{g, g, g, g}, " ")
		want["CapEff"] = "0000000000000000"
		want["CapPrm"] = "0000000000000000"
	}
	if uid := iso.Lockdown.UID; uid >= 0 && !skip[limits.LayerCreds] {
		u := strconv.Itoa(uid)
		g := strconv.Itoa(iso.Lockdown.GID)
		want["Uid"] = strings.Join([]string{u, u, u, u}, " ")
		want["Gid"] = strings.Join([]string{g, g, g, g}, " ")
		want["CapEff"] = "0000000000000000"
		want["CapPrm"] = "0000000000000000"
		want["Groups"] = ""
	}
	for k, v := range want {
		if status[k] != v {
			return &LockdownError{fmt.Sprintf("%s is %q, want %q", k, status[k], v)}
		}
	}
	if uid := iso.Lockdown.UID; uid >= 0 && !skip[limits.LayerCreds] {
		// Undumpable: the kernel gives its /proc files to root, so no
		// process of the runner's ids on the host can trace it or open its
		// memory (changing ids, or execve of a binary the ids cannot read,
		// makes it so; decision 0042).
		var st unix.Stat_t
		if err := unix.Stat(fmt.Sprintf("/proc/%d/mem", pid), &st); err != nil {
			return &LockdownError{"stat its memory file: " + err.Error()}
		}
		if st.Uid != 0 {
			return &LockdownError{fmt.Sprintf("it is dumpable (its /proc files belong to uid %d): processes of its ids could trace it", st.Uid)}
		}
	}
	// Every namespace it should have of its own, it has.
	for _, n := range iso.Namespaces {
		self, ok := iso.selfNS[n]
		if !ok {
			continue
		}
		l, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/%s", pid, nsFiles[n]))
		if err != nil {
			return &LockdownError{"read its " + n + " namespace: " + err.Error()}
		}
		if l == self {
			return &LockdownError{"it shares the supervisor's " + n + " namespace"}
		}
		if n == NSNet && iso.netNSLink != "" && l != iso.netNSLink {
			return &LockdownError{"it is not in the runners' network namespace"}
		}
	}
	if !skip[limits.LayerRlimits] {
		// /proc/PID/limits, not prlimit(2): reading another uid's limits
		// with prlimit needs CAP_SYS_RESOURCE, which a supervisor may lack.
		if err := checkLimits(pid); err != nil {
			return err
		}
	}
	return nil
}

// prepare readies a locked-down runner for its job: the cgroup's memory
// limit and the heap watchdog's share of it. (The runner sizes its own
// CPU-time backstop to the job.)
func (r *Runner) prepare(job *ipc.Job, memBytes int64) error {
	if memBytes > 0 {
		job.HeapLimitBytes = HeapShare(memBytes)
		if r.cgroup != nil && memBytes != r.memBytes {
			if err := r.cgroup.SetMemoryLimit(memBytes); err != nil {
				return fmt.Errorf("set the memory limit: %w", err)
			}
			r.memBytes = memBytes
		}
	}
	return nil
}

// doomed reports, from /proc/PID/status, that the runner can never run
// another instruction of its own: it is gone or a zombie, or a SIGKILL is
// pending for it. A SIGKILL sent to the process (kill(2), cgroup.kill, the
// OOM killer) stays in the shared pending set (ShdPnd) until the process
// is reaped, and from the moment it is sent no thread returns to user
// space; a SIGKILL sent to one thread is added to every thread's own set
// (SigPnd shows the main thread's). Such a runner may still take bytes
// from its job pipe (a read woken by the job copies it before the kill
// takes effect), which is why Run asks before it writes. A pid is not
// reused before the runner is reaped, and a reaped runner is dead anyway.
func doomed(pid int) (why string, ok bool) {
	b, err := kfile.ReadFile("/proc/"+strconv.Itoa(pid)+"/status", 0)
	if err != nil {
		if os.IsNotExist(err) {
			return "it had exited before the job was sent", true
		}
		return "", false
	}
	const sigkill = 1 << (9 - 1)
	for _, line := range strings.Split(string(b), "\n") {
		k, v, found := strings.Cut(line, ":")
		if !found {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "State":
			if strings.HasPrefix(v, "Z") || strings.HasPrefix(v, "X") {
				return "it had exited before the job was sent", true
			}
		case "SigPnd", "ShdPnd":
			if set, err := strconv.ParseUint(v, 16, 64); err == nil && set&sigkill != 0 {
				return "it had been sent SIGKILL before the job was sent", true
			}
		}
	}
	return "", false
}

// HeapShare is the part of a memory limit the runner's heap watchdog lets
// the JavaScript heap use before it stops the job with status memory: the
// rest is for the runner's binary, stacks and the garbage collector's
// headroom, so that the cgroup's hard limit is a last resort.
func HeapShare(memBytes int64) int64 {
	reserve := memBytes / 8
	if reserve < 16<<20 {
		reserve = 16 << 20
	}
	if memBytes-reserve < memBytes/2 {
		return memBytes / 2
	}
	return memBytes - reserve
}

// checkLimits reads /proc/PID/limits and requires no core dumps, no file
// writes and the lockdown's descriptor limit.
func checkLimits(pid int) error {
	b, err := kfile.ReadFile("/proc/"+strconv.Itoa(pid)+"/limits", 0)
	if err != nil {
		return &LockdownError{"read its limits: " + err.Error()}
	}
	want := map[string]uint64{
		"Max core file size": 0,
		"Max file size":      0,
		"Max open files":     limits.DefaultNoFile,
	}
	found := 0
	for _, line := range strings.Split(string(b), "\n") {
		for name, max := range want {
			rest, ok := strings.CutPrefix(line, name)
			if !ok {
				continue
			}
			f := strings.Fields(rest)
			if len(f) < 2 {
				return &LockdownError{"unreadable limit line " + strconv.Quote(line)}
			}
			for _, v := range f[:2] {
				n, err := strconv.ParseUint(v, 10, 64)
				if err != nil || n > max {
					return &LockdownError{fmt.Sprintf("%s is %s/%s, want at most %d", name, f[0], f[1], max)}
				}
			}
			found++
		}
	}
	if found != len(want) {
		return &LockdownError{"its limits file lacks expected lines"}
	}
	return nil
}
