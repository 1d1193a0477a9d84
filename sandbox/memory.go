package sandbox

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"

	"codexec/internal/kfile"
)

// MemorySource names the evidence a runner's peak memory comes from.
type MemorySource string

const (
	// MemoryFromCgroup: the peak of the cgroup the runner was born in
	// (cgroup v2, clone3 with CLONE_INTO_CGROUP), which has held nothing
	// else: everything the runner ever used was charged to it.
	MemoryFromCgroup MemorySource = "cgroup"
	// MemoryFromProcess: the runner's own peak resident memory as the
	// kernel counts it for its address space (VmHWM in /proc/PID/status,
	// read by the supervisor), or its cgroup's peak where that is larger.
	// Used where the runner is moved into its cgroup after it started
	// (cgroup v1), whose peak misses what it used before the move, and
	// where there is no cgroup. Resident memory counts the runner's mapped
	// executable too, which its cgroup may not have been charged for.
	MemoryFromProcess MemorySource = "process"
	// MemoryUnknown: no figure that belongs to the runner alone (it ended
	// before any could be read, and it has no cgroup). Reported as such,
	// not guessed.
	MemoryUnknown MemorySource = "none"
)

// peakMemory is the runner's peak memory and where the figure comes from.
// Never wait4's maxrss, nor the runner's own getrusage: a child started
// with vfork (as os/exec does) inherits the supervisor's peak RSS there at
// exec (decision 0027).
func (r *Runner) peakMemory() (uint64, MemorySource) {
	if r.resultPeakOK {
		return r.resultPeak, MemoryFromCgroup
	}
	var cg uint64
	cgOK := false
	if r.cgroup != nil {
		if p, err := r.cgroup.PeakMemory(); err == nil {
			cg, cgOK = p, true
		}
	}
	if cgOK && r.bornIn {
		return cg, MemoryFromCgroup
	}
	if hwm := r.hwm.Load(); hwm > 0 {
		return max(hwm, cg), MemoryFromProcess
	}
	if cgOK {
		return cg, MemoryFromProcess
	}
	return 0, MemoryUnknown
}

// sampleMemory reads the runner's VmHWM from /proc/PID/status and keeps
// the largest seen. It is called at ready, when the result arrives unless
// the cgroup has the figure (sampleAtResult; the runner then waits for the
// job pipe to close, see ipc) and before every kill; an exited process has
// no VmHWM, so nothing is read then.
func (r *Runner) sampleMemory() {
	if hwm, ok := readHWM(r.cmd.Process); ok {
		r.noteHWM(hwm)
	}
}

// sampleAtResult takes the runner's peak memory when its result arrives,
// before the job pipe is closed and it exits. A runner born in its cgroup
// has its figure there, everything it was ever charged (peakMemory): that
// one read replaces the /proc read of VmHWM, which would not be used. It is
// read now, not after the exit, and kept: the job is over, and what the
// runner does after its result (exiting) is not the code's. Elsewhere, or
// if the cgroup cannot be read, VmHWM is read as before.
func (r *Runner) sampleAtResult() {
	if r.bornIn && r.cgroup != nil {
		if p, err := r.cgroup.PeakMemory(); err == nil {
			r.resultPeak, r.resultPeakOK = p, true
			return
		}
	}
	r.sampleMemory()
}

// noteHWM keeps hwm if it is the largest VmHWM seen.
func (r *Runner) noteHWM(hwm uint64) {
	for {
		old := r.hwm.Load()
		if hwm <= old || r.hwm.CompareAndSwap(old, hwm) {
			return
		}
	}
}

// readHWM reads VmHWM of p. The file is opened first and the process
// checked afterwards through its handle (a pidfd where the kernel has
// them): a process not yet reaped still owns its pid, so the file opened
// before is its own, never a later process's that reused the pid.
func readHWM(p *os.Process) (uint64, bool) {
	f, err := kfile.Open("/proc/" + strconv.Itoa(p.Pid) + "/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	if p.Signal(syscall.Signal(0)) != nil {
		return 0, false
	}
	b, err := f.ReadAll(0)
	if err != nil {
		return 0, false
	}
	return parseHWM(b)
}

// parseHWM finds "VmHWM:   1234 kB" in a /proc/PID/status.
func parseHWM(status []byte) (uint64, bool) {
	_, rest, ok := bytes.Cut(status, []byte("\nVmHWM:"))
	if !ok {
		return 0, false
	}
	line, _, _ := bytes.Cut(rest, []byte("\n"))
	var kb uint64
	var unit string
	if n, err := fmt.Sscan(string(line), &kb, &unit); n != 2 || err != nil || unit != "kB" {
		return 0, false
	}
	return kb << 10, true
}

// closeJob closes the supervisor's end of the job pipe (once). A reply
// being written gives up at once, and none is written afterwards.
func (r *Runner) closeJob() {
	r.jobClose.Do(func() {
		_ = r.jobW.SetWriteDeadline(time.Now())
		r.jobMu.Lock()
		r.jobClosed = true
		r.jobW.Close()
		r.jobMu.Unlock()
	})
}
