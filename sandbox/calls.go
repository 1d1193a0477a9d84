package sandbox

import (
	"fmt"
	"sync"
	"time"

	"codexec/ipc"
)

// callState is what Run knows of a job's calls. seen and n belong to
// Run's loop; wg counts the goroutines answering calls.
type callState struct {
	seen map[int64]bool // every call id received (ids are unique within a job)
	n    int
	wg   sync.WaitGroup
}

// admit checks a call frame against the protocol before anything answers
// it.
func (cs *callState) admit(c ipc.Call, job ipc.Job, opts RunOptions) error {
	bad := func(format string, args ...any) error {
		return &ipc.ProtocolError{Got: ipc.TypeCall, Reason: fmt.Sprintf(format, args...)}
	}
	if len(job.Tools) == 0 || opts.OnCall == nil {
		return bad("a tool call, but the job declared no tools")
	}
	if cs.seen[c.ID] {
		return bad("call id %d used twice", c.ID)
	}
	cs.n++
	if limit := max(opts.MaxCalls, 0) + CallSlack; cs.n > limit {
		return bad("more than %d tool calls (maxToolCalls %d, and %d refused calls more)", limit, opts.MaxCalls, CallSlack)
	}
	cs.seen[c.ID] = true
	return nil
}

// wait waits for the calls being answered, at most d (their context has
// ended; an OnCall that ignores it is not waited for longer).
func (cs *callState) wait(d time.Duration) {
	if cs.n == 0 {
		return // none was admitted, so none is being answered
	}
	done := make(chan struct{})
	go func() { cs.wg.Wait(); close(done) }()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
	}
}

// writeReply writes one reply to the job pipe, unless the pipe was closed
// (the result is in): replies and the close never interleave. A reply
// that cannot be encoded (it passed the session's caps, so this is a bug)
// becomes a tool_failed error.
func (r *Runner) writeReply(rep ipc.Reply) {
	buf, err := ipc.Encode(ipc.TypeReply, rep)
	if err != nil || len(buf) > 4+ipc.MaxReplyFrame {
		buf, _ = ipc.Encode(ipc.TypeReply, ipc.Reply{ID: rep.ID, Error: &ipc.ToolError{Code: "tool_failed", Message: "the tool's answer could not be sent to the code"}})
	}
	r.jobMu.Lock()
	defer r.jobMu.Unlock()
	if r.jobClosed {
		return
	}
	// Bounded by the job's hard deadline (the write deadline set when the
	// job was sent); an error means the runner is gone or stuck, which its
	// outcome shows.
	_, _ = r.jobW.Write(buf)
}

// afterResult waits, after a valid result, for the runner to close its
// message pipe (it exits) and to be reaped, until timeout fires. A frame
// instead is a protocol error: the runner is killed.
func (r *Runner) afterResult(ev *evidence, timeout <-chan time.Time) {
	select {
	case fm := <-r.frames:
		if fm.err == nil {
			ev.protoErr = &ipc.ProtocolError{Got: fm.f.Type, Reason: fmt.Sprintf("%q after the result", fm.f.Type)}
			r.kill(killedProtocol)
		}
	case <-timeout:
		r.kill(killedDiscarded)
		return
	}
	select {
	case <-r.exited:
	case <-timeout:
		r.kill(killedDiscarded)
	}
}
