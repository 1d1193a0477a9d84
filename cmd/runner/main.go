//go:build !cgo

// Command runner runs exactly one JavaScript job for the supervisor and
// exits. It is started by the supervisor with two pipes: --job-fd to read
// its job from and --msg-fd to write its messages to (see package ipc). It
// creates its JavaScript runtime, locks itself down, says ready, reads one
// job, runs it, reports, and exits. It never writes to its standard streams
// in normal operation; what it writes there on a crash is kept by the
// supervisor for the internal error.
//
// The runner links goja, x/sys and the lockdown libraries only; a test in
// this package enforces that. It is built without cgo (see main_cgo.go).
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"codexec/ipc"
	"codexec/jsrt"
	"codexec/limits"
	"codexec/result"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	startCPU := usage()
	growStack()
	jobFD, msgFD, closeFD, lock, err := parseArgs(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "runner:", err)
		return 2
	}
	if closeFD >= 0 {
		// The handle execve found this binary through (a start as the
		// runner's ids, decision 0042): nothing of the runner's.
		_ = syscall.Close(closeFD)
	}
	// The job pipe is read through the runtime's poller: a goroutine that
	// waits for a reply is parked, not a thread blocked in read, and a
	// reply wakes the job at once (a thread blocked in read keeps the only
	// P until the runtime's monitor takes it back, a wait of 20 µs to
	// 10 ms per reply). Its registration (epoll_ctl) happens here, before
	// the lockdown; afterwards only read and epoll_pwait are used. The
	// read end is the runner's alone: the supervisor closed its copy.
	_ = syscall.SetNonblock(jobFD, true)
	jobPipe := os.NewFile(uintptr(jobFD), "job")
	msgPipe := os.NewFile(uintptr(msgFD), "msg")
	os.Clearenv()

	// From here on every failure is reported as a result frame, so that the
	// supervisor gets a message rather than only an exit status.
	fail := func(what string, err error) int {
		_ = ipc.Write(msgPipe, ipc.TypeResult, ipc.Result{Status: result.Internal,
			Error: &result.ErrorInfo{Kind: result.Internal, Message: "runner: " + what + ": " + err.Error()}})
		return 2
	}
	defer func() {
		if p := recover(); p != nil {
			fail("panic", fmt.Errorf("%v", p))
			os.Exit(2)
		}
	}()

	t0 := time.Now()
	// Calls go out on the message pipe like the console lines: both are
	// written on the goroutine that runs the job, one frame per write.
	rt, err := jsrt.New(jsrt.Options{Calls: func(c ipc.Call) error {
		return ipc.Write(msgPipe, ipc.TypeCall, c)
	}})
	if err != nil {
		return fail("create runtime", err)
	}
	warmUp(rt)
	t1 := time.Now()
	// Nothing of the job has been read yet: lock down now.
	applied, err := lock.Apply()
	if err != nil {
		return fail("lock down", err)
	}
	t2 := time.Now()
	if err := ipc.Write(msgPipe, ipc.TypeReady, ipc.Ready{Proto: ipc.ProtoVersion, PID: os.Getpid(),
		Layers: applied.Layers, LandlockABI: applied.LandlockABI, UID: applied.UID,
		StartCPUUs: startCPU.Microseconds(), RuntimeUs: t1.Sub(t0).Microseconds(), LockdownUs: t2.Sub(t1).Microseconds()}); err != nil {
		return fail("send ready", err)
	}
	var job ipc.Job
	if err := ipc.Expect(jobPipe, ipc.MaxFrame, ipc.TypeJob, &job); err != nil {
		return fail("read job", err)
	}
	// From now on the job pipe carries only replies to the job's calls,
	// then its end, which report waits for.
	jobDone := readReplies(jobPipe, rt, len(job.Tools) > 0)
	if !lock.Skips(limits.LayerRlimits) {
		if err := limits.SetCPUBackstop(job.TimeoutMs); err != nil {
			return fail("set the CPU backstop", err)
		}
	}

	if out, ok := probe(job.Code); ok {
		return report(msgPipe, jobDone, ipc.Result{Status: result.OK, Output: out})
	}
	cpu0 := usage()
	res := rt.Run(job, func(level, message string) error {
		return ipc.Write(msgPipe, ipc.TypeLog, ipc.Log{Level: level, Message: message})
	})
	cpu1 := usage()
	res.CPUMs = float64((cpu1 - cpu0).Microseconds()) / 1000
	return report(msgPipe, jobDone, res)
}

// warmUp has the job's path pay its first uses in this process now,
// before ready: the parser and compiler (jsrt.Runtime.WarmUp), and
// encoding/json's decoder for a job and its encoders for a result and a
// log line (their reflection caches). Together about 0.1 ms of a warm
// job's latency, moved into the start the pool does ahead of requests.
func warmUp(rt *jsrt.Runtime) {
	rt.WarmUp()
	var job ipc.Job
	_ = ipc.Frame{Type: ipc.TypeJob, Arg: []byte(`{"id":"","code":"","context":{},"timeoutMs":1}`)}.Decode(&job)
	_, _ = ipc.Encode(ipc.TypeResult, ipc.Result{Status: result.OK, Output: []byte(`{"a":1}`), Error: &result.ErrorInfo{}})
	_, _ = ipc.Encode(ipc.TypeLog, ipc.Log{Level: "log", Message: "m"})
}

// growStack makes the main goroutine's stack large in one step, while it
// is shallow. Parsing and compiling JavaScript recurse deeply (goja's
// parser descends about twenty functions per expression): grown from its
// first 8 KB by doubling, the stack was copied several times, each copy
// walking every frame below, about 3% of a runner's start-up CPU. The
// stack stays this size until a collection finds it mostly unused.
//
//go:noinline
func growStack() {
	var frame [stackBytes]byte
	keep(frame[:])
}

// stackBytes is the frame growStack asks for: the stack becomes the next
// power of two above it.
const stackBytes = 120 << 10

//go:noinline
func keep([]byte) {}

// report sends the result, then stays until the supervisor closes the job
// pipe (jobDone, closed by readReplies at its end): the supervisor reads
// the runner's peak memory (/proc/PID/status, VmHWM) while the process
// still has it, and an exited process has none. A blocked read costs no
// CPU, and the supervisor's deadline still applies.
func report(msgPipe *os.File, jobDone <-chan struct{}, res ipc.Result) int {
	if err := ipc.Write(msgPipe, ipc.TypeResult, res); err != nil {
		return 2
	}
	<-jobDone
	return 0
}

// readReplies reads the job pipe after the job, until its end, on a
// goroutine of its own: each reply frame (under ipc.MaxReplyFrame) goes to
// the runtime, which settles it on the job's goroutine. Anything else on
// the pipe is the supervisor breaking the protocol: the job ends with
// status internal, and the rest of the pipe is read and dropped. For a job
// that declares tools, the pipe's end before the result is one too (no
// reply could come any more; the supervisor closes it only after the
// result). The returned channel is closed at the pipe's end.
func readReplies(jobPipe *os.File, rt *jsrt.Runtime, tools bool) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			f, err := ipc.ReadFrame(jobPipe, ipc.MaxReplyFrame)
			if err == io.EOF {
				if tools {
					// After the result this changes nothing: Run has returned.
					rt.Stop(result.Internal, "protocol: the job pipe was closed before the result")
				}
				return
			}
			var r ipc.Reply
			switch {
			case err != nil:
			case f.Type != ipc.TypeReply:
				err = &ipc.ProtocolError{Got: f.Type, Want: ipc.TypeReply}
			default:
				err = f.Decode(&r)
			}
			if err != nil {
				rt.Stop(result.Internal, "protocol: read reply: "+err.Error())
				var b [4096]byte
				for {
					if _, err := jobPipe.Read(b[:]); err != nil {
						return
					}
				}
			}
			rt.Deliver(r)
		}
	}()
	return done
}

// parseArgs reads --job-fd=N, --msg-fd=N, --close-fd=N and the lockdown
// arguments.
func parseArgs(args []string) (jobFD, msgFD, closeFD int, lock limits.Lockdown, err error) {
	jobFD, msgFD, closeFD = -1, -1, -1
	lock.UID, lock.GID = -1, -1
	for _, a := range args {
		if ok, err := lock.ParseArg(a); ok || err != nil {
			if err != nil {
				return 0, 0, 0, lock, err
			}
			continue
		}
		name, val, ok := strings.Cut(a, "=")
		n, perr := strconv.Atoi(val)
		if !ok || perr != nil || n < 3 {
			return 0, 0, 0, lock, fmt.Errorf("bad argument %q (want --job-fd=N --msg-fd=N)", a)
		}
		switch name {
		case "--job-fd":
			jobFD = n
		case "--msg-fd":
			msgFD = n
		case "--close-fd":
			closeFD = n
		default:
			return 0, 0, 0, lock, fmt.Errorf("unknown argument %q", a)
		}
	}
	if jobFD < 0 || msgFD < 0 || jobFD == msgFD || closeFD == jobFD || closeFD == msgFD {
		return 0, 0, 0, lock, fmt.Errorf("need distinct --job-fd, --msg-fd and --close-fd")
	}
	return jobFD, msgFD, closeFD, lock, nil
}

// usage is the runner's CPU time so far. (Not its peak RSS: getrusage's
// maxrss carries the supervisor's peak across the exec; see decision 0027.)
func usage() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
