package sandbox

import (
	"fmt"
	"os"
	"strings"
	"syscall"

	"codexec/ipc"
	"codexec/result"
)

// evidence is everything the supervisor knows about how a job ended.
type evidence struct {
	timeoutMs int64
	result    *ipc.Result      // the runner's result frame, if one arrived and passed checkResult
	startErr  error            // the runner never became ready
	protoErr  error            // the runner broke the protocol
	streamErr error            // reading its messages failed otherwise
	capErr    string           // the runner sent more logs than the caps allow
	cancelErr error            // the caller gave up
	killed    killReason       // whether and why the supervisor killed it
	state     *os.ProcessState // how it exited
	stderr    string
	oomKills  uint64 // OOM kills in its cgroup during the job

	// What is known of the job's delivery (see Outcome.Undelivered).
	sent        bool   // the job was written (in whole or in part, or the write failed)
	sentBytes   int    // bytes of the job frame the pipe took
	heard       bool   // a frame arrived after the job (so the runner read it)
	undelivered bool   // the job was never written (the runner failed before it)
	untaken     string // proof that the runner died or quit without reading any of its job
}

// classify decides the outcome's status and error from the evidence, most
// specific first. Kernel evidence (the deadline the supervisor enforced, a
// signal, the OOM counter) is preferred to the runner's word; the runner's
// result counts only when it arrived intact.
func classify(out *Outcome, ev evidence) {
	fail := func(s result.Status, msg string) {
		out.Status = s
		out.Error = &result.ErrorInfo{Kind: s, Message: msg}
		out.Output = nil
	}
	sig, signaled := signalOf(ev.state)
	switch {
	case ev.capErr != "":
		fail(result.OutputLimit, ev.capErr)
	case ev.protoErr != nil:
		fail(result.Internal, "the runner broke the protocol: "+ev.protoErr.Error())
	case ev.result != nil:
		out.Status = ev.result.Status
		out.Output = ev.result.Output
		out.Error = ev.result.Error
		if out.Status == result.Timeout {
			out.TimedOut = true
		}
	case ev.untaken != "" && ev.killed != killedAtDeadline && ev.cancelErr == nil:
		// Before the OOM count: a parked runner the OOM killer took ran no
		// code, so the job did not reach its memory limit.
		fail(result.Internal, "the runner never read its job, so none of the code ran: "+ev.untaken+deathDetail(ev))
	case ev.oomKills > 0:
		fail(result.Memory, "the memory limit was reached: the kernel killed the runner (OOM)")
	case ev.killed == killedAtDeadline:
		out.TimedOut = true
		out.HardKilled = true
		fail(result.Timeout, fmt.Sprintf("execution exceeded the %d ms timeout and was killed: it did not stop at the deadline (a long built-in call, such as a regular expression, cannot be interrupted)", ev.timeoutMs))
	case ev.cancelErr != nil:
		fail(result.Cancelled, "the execution was cancelled by its caller ("+ev.cancelErr.Error()+"): the runner was killed")
	case ev.startErr != nil:
		fail(result.Internal, "runner failed to start: "+ev.startErr.Error()+exitDetail(ev))
	case signaled && sig == syscall.SIGSYS:
		fail(result.Internal, "the runner was killed by seccomp: it made a forbidden system call"+stderrDetail(ev.stderr))
	case signaled:
		fail(result.Internal, fmt.Sprintf("the runner was killed by signal %s before it sent a result", sig)+stderrDetail(ev.stderr))
	case ev.state != nil && ev.state.ExitCode() != 0:
		fail(result.Internal, fmt.Sprintf("the runner exited with status %d before it sent a result", ev.state.ExitCode())+stderrDetail(ev.stderr))
	case ev.streamErr != nil:
		fail(result.Internal, "reading the runner's messages failed: "+ev.streamErr.Error())
	default:
		fail(result.Internal, "the runner exited without sending a result"+stderrDetail(ev.stderr))
	}
}

func signalOf(ps *os.ProcessState) (syscall.Signal, bool) {
	if ps == nil {
		return 0, false
	}
	ws, ok := ps.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() {
		return 0, false
	}
	return ws.Signal(), true
}

func exitDetail(ev evidence) string {
	if sig, ok := signalOf(ev.state); ok && ev.killed == notKilled {
		return fmt.Sprintf(" (killed by signal %s)", sig) + stderrDetail(ev.stderr)
	}
	return stderrDetail(ev.stderr)
}

// deathDetail says how a runner that never read its job ended, unless the
// supervisor ended it.
func deathDetail(ev evidence) string {
	if ev.killed != notKilled {
		return ""
	}
	if sig, ok := signalOf(ev.state); ok {
		return fmt.Sprintf(" (killed by signal %s)", sig)
	}
	if ev.state != nil && ev.state.Exited() {
		return fmt.Sprintf(" (exited with status %d)", ev.state.ExitCode())
	}
	return ""
}

// stderrDetail is the first lines of what the runner wrote on its way down.
func stderrDetail(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	lines := strings.SplitN(s, "\n", 6)
	if len(lines) > 5 {
		lines = lines[:5]
	}
	return ": " + strings.Join(lines, " | ")
}
