// Package sandbox is the supervisor's side of one runner: it spawns the
// runner process with its pipes, waits for ready, sends the one job, reads
// logs and the result under a hard deadline, kills the runner whatever it
// does, and classifies the outcome from evidence (the result frame, the
// deadline, the exit status) rather than from anything the runner claims
// about itself. A runner is never reused.
//
// # Concurrency
//
// A Runner is driven by one goroutine (Start, then Run once); Kill may be
// called from any goroutine.
package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"codexec/ipc"
	"codexec/limits"
	"codexec/limits/cgroups"
	"codexec/result"
)

// Defaults for Config fields left zero.
const (
	DefaultGrace        = 250 * time.Millisecond
	DefaultStartTimeout = 10 * time.Second
	DefaultStderrCap    = 16 << 10
	readyFrameCap       = 4 << 10
)

// Config describes how runners are started.
type Config struct {
	RunnerPath   string        // the runner executable
	Env          []string      // the runner's whole environment (it gets nothing else)
	Grace        time.Duration // between the job's timeout and the hard kill
	StartTimeout time.Duration // spawn to ready
	StderrCap    int           // bytes of the runner's stderr kept for the internal error
	Isolation    *Isolation    // nil: a plain child process (tests of the protocol only)
	// AsyncCleanup lets Run return as soon as a valid result arrives: the
	// runner's exit, its reaping and its cgroup's removal then happen in the
	// background (see WaitCleanups). A long-lived supervisor sets it; a
	// one-shot one must not, or it could exit before cleaning up.
	AsyncCleanup bool
}

// cleanups counts the runners being cleaned up in the background.
var cleanups sync.WaitGroup

// WaitCleanups waits until every runner whose Run returned early
// (AsyncCleanup) has exited and its cgroup is gone, or ctx ends.
func WaitCleanups(ctx context.Context) error {
	done := make(chan struct{})
	go func() { cleanups.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Spec is what one runner is started for.
type Spec struct {
	ID          string // names its cgroup
	MemoryBytes int64  // its cgroup's memory limit (may be changed before the job)
}

func (c Config) withDefaults() Config {
	if c.Grace <= 0 {
		c.Grace = DefaultGrace
	}
	if c.StartTimeout <= 0 {
		c.StartTimeout = DefaultStartTimeout
	}
	if c.StderrCap <= 0 {
		c.StderrCap = DefaultStderrCap
	}
	return c
}

// Outcome is what one job came to, as established by the supervisor.
type Outcome struct {
	Status          result.Status
	Output          json.RawMessage // the value's JSON when Status is ok
	Error           *result.ErrorInfo
	Logs            []result.Log
	Wall            time.Duration // job sent to result received (or runner killed)
	CPUTime         time.Duration // the runner's CPU time for the job (whole process when it died)
	PeakMemoryBytes uint64        // the runner's peak memory (0 when MemoryFrom is MemoryUnknown)
	MemoryFrom      MemorySource  // the evidence PeakMemoryBytes comes from
	TimedOut        bool          // the deadline passed (soft or hard)
	HardKilled      bool          // the supervisor killed the runner at the hard deadline
	SpawnToReady    time.Duration
	Stderr          string // what the runner wrote to its standard streams (capped)
	// Undelivered is set only on proof that the runner never read its job,
	// so that none of the code ran and the job may run on another runner:
	// it never became ready, its preparation failed, it had exited or had
	// SIGKILL pending before the job was sent (then the job is not sent),
	// its end of the job pipe was closed when the job was written (EPIPE),
	// or, once it was dead, every byte written was still unread in the job
	// pipe. A runner that read any part of its job is never Undelivered,
	// whatever its status (docs/decisions/0029-undelivered-jobs.md).
	Undelivered bool
}

// ErrAlreadyUsed is returned by Run on a runner that already ran a job.
var ErrAlreadyUsed = errors.New("sandbox: runner already used")

type frameMsg struct {
	f   ipc.Frame
	err error
}

// killReason records why the supervisor killed a runner.
type killReason int32

const (
	notKilled killReason = iota
	killedAtDeadline
	killedCancelled
	killedProtocol
	killedDiscarded
)

// Runner is one spawned runner process.
type Runner struct {
	cfg       Config
	cmd       *exec.Cmd
	jobW      *os.File
	msgR      *os.File
	frames    chan frameMsg
	jobSent   chan struct{} // closed once the job is on its way and maxFrame is set for it
	done      chan struct{} // closed when Run stops reading frames
	maxFrame  atomic.Int64
	exited    chan struct{} // closed after the process was reaped
	stderr    *capBuffer
	stderrEOF chan struct{}
	killed    atomic.Int32
	spawnedAt time.Time
	readyAt   time.Time
	ready     *ipc.Ready
	readyErr  error
	used      bool
	cgroup    cgroups.Cgroup // nil without cgroups
	bornIn    bool           // started inside its cgroup (clone3 CLONE_INTO_CGROUP)
	asIDs     bool           // started as its unprivileged ids (execAs)
	memBytes  int64          // the cgroup's current memory limit
	hwm       atomic.Uint64  // the largest VmHWM read from /proc/PID/status, bytes
	// resultPeak: the cgroup's peak read when the result arrived, for a
	// runner born in its cgroup (sampleAtResult); set and read on Run's
	// goroutine only.
	resultPeak   uint64
	resultPeakOK bool
	jobClose     sync.Once  // closes jobW: after the result, it lets the runner exit
	jobMu        sync.Mutex // serialises replies on jobW and its close
	jobClosed    bool       // under jobMu: no reply may be written any more

	mu         sync.Mutex
	reaped     bool
	finishOnce sync.Once
}

// Start spawns a runner. It returns once the process exists; the runner
// then creates its runtime, locks down and sends ready on its own time (see
// WaitReady), which is what lets a pool start runners ahead of jobs.
func Start(cfg Config, spec Spec) (*Runner, error) {
	cfg = cfg.withDefaults()
	if cfg.RunnerPath == "" {
		return nil, errors.New("sandbox: no runner path")
	}
	var cg cgroups.Cgroup
	if iso := cfg.Isolation; iso != nil && iso.Cgroups != nil {
		res := iso.Resources
		res.MemoryBytes = spec.MemoryBytes
		var err error
		if cg, err = iso.Cgroups.Create(spec.ID, res); err != nil {
			return nil, fmt.Errorf("sandbox: %w", err)
		}
	}
	r, err := start(cfg, cg)
	if err != nil {
		if cg != nil {
			_ = cg.Destroy()
		}
		return nil, err
	}
	r.memBytes = spec.MemoryBytes
	return r, nil
}

// exeDirFD is the descriptor the runner's directory has in a runner
// started as its ids: after stdin, stdout, stderr and the two pipes.
const exeDirFD = 5

// execAs opens the runner's directory for a start as the runner's ids: as
// root, with the credentials layer on, outside a user namespace, when the
// ids may execute the binary but not read it. Then execve leaves the
// process undumpable, as a change of ids in the runner does: no process of
// those ids on the host can trace it or open its memory (verify checks).
// Otherwise nil, nil: the runner is started as the supervisor and drops
// its ids itself (limits.Lockdown), as it can wherever the binary is.
func execAs(cfg Config) (*os.File, *syscall.Credential) {
	iso := cfg.Isolation
	if iso == nil || iso.UserNS || iso.Rootless || iso.Lockdown.UID < 0 || iso.Lockdown.GID < 0 || iso.Lockdown.Skips(limits.LayerCreds) {
		return nil, nil
	}
	dir, err := os.OpenFile(filepath.Dir(cfg.RunnerPath), unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil // the start reports it
	}
	var st unix.Stat_t
	if unix.Fstatat(int(dir.Fd()), filepath.Base(cfg.RunnerPath), &st, 0) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG ||
		!execOnly(st, iso.Lockdown.UID, iso.Lockdown.GID) {
		dir.Close()
		return nil, nil
	}
	return dir, &syscall.Credential{Uid: uint32(iso.Lockdown.UID), Gid: uint32(iso.Lockdown.GID), Groups: []uint32{}}
}

// execOnly reports that uid:gid (with no other groups) may execute the
// file but not read it, by its mode bits. (An ACL granting read would make
// the runner dumpable: verify refuses it. One refusing execute makes the
// start fail with EACCES, and the runner is started as root instead.)
func execOnly(st unix.Stat_t, uid, gid int) bool {
	perm := st.Mode & 0o7
	switch {
	case int(st.Uid) == uid:
		perm = st.Mode >> 6 & 0o7
	case int(st.Gid) == gid:
		perm = st.Mode >> 3 & 0o7
	}
	return perm&0o1 != 0 && perm&0o4 == 0
}

// emptyStdin is every runner's standard input: the read end of a pipe
// whose write end is closed, so a read gives end of file. It spares an
// open of /dev/null per spawn and the need for /dev/null at all (a
// container image may have no /dev). Runners share it, and nothing can
// pass through it: no one holds its write end.
var emptyStdin = sync.OnceValue(func() *os.File {
	r, w, err := os.Pipe()
	if err != nil {
		return nil // exec then opens /dev/null, as before
	}
	w.Close()
	return r
})

// sealInherited marks every descriptor this process inherited (from a
// shell, a service manager, a test harness) close-on-exec, once: Go opens
// its own descriptors close-on-exec, but inherited ones would otherwise
// reach every runner.
var sealInherited = sync.OnceValue(func() error {
	return unix.CloseRange(3, math.MaxUint32, unix.CLOSE_RANGE_CLOEXEC)
})

func start(cfg Config, cg cgroups.Cgroup) (*Runner, error) {
	if err := sealInherited(); err != nil {
		return nil, fmt.Errorf("sandbox: mark inherited descriptors close-on-exec: %w", err)
	}
	if iso := cfg.Isolation; iso != nil && iso.UserNS && unix.Access(cfg.RunnerPath, unix.R_OK) != nil {
		// execve of a binary the runner's user cannot read leaves the
		// process undumpable to all but the init namespace's root: this
		// supervisor could not read its namespaces to verify it.
		return nil, fmt.Errorf("sandbox: the runner %s is not readable by uid %d: started in a user namespace from a binary its user cannot read, a runner cannot be inspected by this supervisor, so it could never be verified; build it as this user or make it readable (chmod o+r)",
			cfg.RunnerPath, os.Getuid())
	}
	jobR, jobW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("sandbox: job pipe: %w", err)
	}
	msgR, msgW, err := os.Pipe()
	if err != nil {
		jobR.Close()
		jobW.Close()
		return nil, fmt.Errorf("sandbox: message pipe: %w", err)
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		jobR.Close()
		jobW.Close()
		msgR.Close()
		msgW.Close()
		return nil, fmt.Errorf("sandbox: stderr pipe: %w", err)
	}
	args := []string{"runner", "--job-fd=3", "--msg-fd=4"}
	var cloneFlags uintptr
	userNS := false
	if iso := cfg.Isolation; iso != nil {
		args = append(args, iso.Lockdown.Args()...)
		cloneFlags = iso.CloneFlags
		userNS = iso.UserNS
	}
	// As root, the runner is started as its unprivileged ids where execve
	// then leaves it undumpable (decision 0042): the forked child changes
	// them on its one thread, where the runner would otherwise change them
	// on every thread of a running Go process. execve finds the binary
	// through its directory's handle, passed as descriptor 5 (which the
	// runner closes first), so the ids need no access to the directories
	// above it.
	exeDir, creds := execAs(cfg)
	if exeDir != nil {
		defer exeDir.Close()
	}
	newCmd := func(intoCgroup bool) *exec.Cmd {
		cmd := &exec.Cmd{
			Path:       cfg.RunnerPath,
			Args:       args,
			Env:        cfg.Env,
			Stdout:     errW,
			Stderr:     errW,
			ExtraFiles: []*os.File{jobR, msgW},
			SysProcAttr: &syscall.SysProcAttr{
				Setpgid:    true,
				Pdeathsig:  syscall.SIGKILL,
				Cloneflags: cloneFlags,
			},
		}
		if cmd.Env == nil {
			cmd.Env = []string{}
		}
		if in := emptyStdin(); in != nil {
			cmd.Stdin = in
		}
		if userNS {
			cfg.Isolation.userNSMappings(cmd.SysProcAttr)
		}
		if creds != nil {
			cmd.Path = "/proc/self/fd/" + strconv.Itoa(exeDirFD) + "/" + filepath.Base(cfg.RunnerPath)
			cmd.Args = append(slices.Clip(cmd.Args), "--close-fd="+strconv.Itoa(exeDirFD))
			cmd.ExtraFiles = append(cmd.ExtraFiles, exeDir)
			cmd.SysProcAttr.Credential = creds
		}
		if intoCgroup {
			// cgroup v2: the child is born in its cgroup (clone3 with
			// CLONE_INTO_CGROUP), so nothing it does escapes accounting.
			cmd.SysProcAttr.UseCgroupFD = true
			cmd.SysProcAttr.CgroupFD = cg.FD()
		}
		return cmd
	}
	intoCgroup := cg != nil && cg.FD() >= 0
	cmd := newCmd(intoCgroup)
	r := &Runner{
		cfg:       cfg,
		cmd:       cmd,
		jobW:      jobW,
		msgR:      msgR,
		frames:    make(chan frameMsg, 16),
		jobSent:   make(chan struct{}),
		done:      make(chan struct{}),
		exited:    make(chan struct{}),
		stderr:    &capBuffer{max: cfg.StderrCap},
		stderrEOF: make(chan struct{}),
	}
	r.maxFrame.Store(readyFrameCap)

	// Pdeathsig fires when the thread that forked the child exits, not the
	// process: keep this goroutine on its thread for the fork.
	var netNS *os.File
	if cfg.Isolation != nil {
		netNS = cfg.Isolation.netNS
	}
	err = forkIn(netNS, func() error {
		r.spawnedAt = time.Now()
		err := cmd.Start()
		if err != nil && creds != nil && errors.Is(err, syscall.EACCES) {
			// The ids may not execute it (an ACL, a security module): the
			// runner starts as root and drops them itself, as it always can.
			creds = nil
			cmd = newCmd(intoCgroup)
			r.cmd = cmd
			err = cmd.Start()
		}
		if err != nil && intoCgroup {
			// Kernels without clone3 or CLONE_INTO_CGROUP: start plainly and
			// move the child in before it can be given a job. An exec.Cmd
			// cannot be reused.
			intoCgroup = false
			cmd = newCmd(false)
			r.cmd = cmd
			err = cmd.Start()
		}
		return err
	})
	jobR.Close()
	msgW.Close()
	errW.Close()
	if err != nil {
		jobW.Close()
		msgR.Close()
		errR.Close()
		return nil, fmt.Errorf("sandbox: start runner: %w", err)
	}
	r.cgroup = cg
	r.bornIn = intoCgroup
	r.asIDs = creds != nil
	if cg != nil && !intoCgroup {
		if err := cg.Place(cmd.Process.Pid); err != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			jobW.Close()
			msgR.Close()
			errR.Close()
			return nil, fmt.Errorf("sandbox: place runner in its cgroup: %w", err)
		}
	}
	go r.readFrames()
	go func() {
		_, _ = io.Copy(r.stderr, errR)
		errR.Close()
		close(r.stderrEOF)
	}()
	go func() {
		_ = cmd.Wait()
		r.mu.Lock()
		r.reaped = true
		r.mu.Unlock()
		close(r.exited)
	}()
	return r, nil
}

// Ready is what the runner said in its ready message (nil before it did).
func (r *Runner) Ready() *ipc.Ready { return r.ready }

// PID is the runner's process id.
func (r *Runner) PID() int { return r.cmd.Process.Pid }

// StartedAsIDs reports that the runner was started as its unprivileged ids
// (its binary executable but not readable by them), rather than as the
// supervisor, dropping them itself.
func (r *Runner) StartedAsIDs() bool { return r.asIDs }

// readFrames delivers the runner's frames to Run. The first frame (ready)
// is read under a small cap; the rest only once the job has been sent and
// the cap sized to it (jobSent), so that no read starts under the wrong cap.
func (r *Runner) readFrames() {
	for first := true; ; first = false {
		if !first {
			select {
			case <-r.jobSent:
			case <-r.done:
				return
			}
		}
		f, err := ipc.ReadFrame(r.msgR, int(r.maxFrame.Load()))
		select {
		case r.frames <- frameMsg{f, err}:
		case <-r.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// WaitReady waits for the runner's ready message (at most the start
// timeout). It may be called more than once.
func (r *Runner) WaitReady(ctx context.Context) error {
	if r.ready != nil || r.readyErr != nil {
		return r.readyErr
	}
	t := time.NewTimer(r.cfg.StartTimeout)
	defer t.Stop()
	select {
	case fm := <-r.frames:
		switch {
		case fm.err != nil:
			r.readyErr = fmt.Errorf("runner ended before ready: %w", fm.err)
		case fm.f.Type != ipc.TypeReady:
			if fm.f.Type == ipc.TypeResult {
				// The runner reports its own start-up failure this way.
				var res ipc.Result
				if fm.f.Decode(&res) == nil && res.Error != nil {
					r.readyErr = fmt.Errorf("runner failed to start: %s", res.Error.Message)
					break
				}
			}
			r.readyErr = &ipc.ProtocolError{Got: fm.f.Type, Want: ipc.TypeReady}
		default:
			var rd ipc.Ready
			if err := fm.f.Decode(&rd); err != nil {
				r.readyErr = err
			} else if rd.Proto != ipc.ProtoVersion {
				r.readyErr = fmt.Errorf("runner speaks protocol %d, want %d", rd.Proto, ipc.ProtoVersion)
			} else if err := r.verify(&rd); err != nil {
				r.readyErr = err
			} else {
				r.ready = &rd
				r.readyAt = time.Now()
				// What it holds at ready (cgroup v1: also what it used
				// before it was moved into its cgroup): verify read it
				// with the rest of its status.
				if r.cfg.Isolation == nil {
					r.sampleMemory()
				}
			}
		}
	case <-t.C:
		r.readyErr = fmt.Errorf("runner did not send ready within %v", r.cfg.StartTimeout)
	case <-ctx.Done():
		r.readyErr = ctx.Err()
	}
	return r.readyErr
}

// Done is closed once the runner process has exited and been reaped.
func (r *Runner) Done() <-chan struct{} { return r.exited }

// Alive reports whether the runner process has not exited yet.
func (r *Runner) Alive() bool {
	select {
	case <-r.exited:
		return false
	default:
		return true
	}
}

// Kill kills a runner that will not be given a job (a pool discarding
// it), waits for it and releases its cgroup and pipes. Safe to call more
// than once and from any goroutine.
func (r *Runner) Kill() {
	r.finish()
}

func (r *Runner) kill(why killReason) {
	r.killed.CompareAndSwap(int32(notKilled), int32(why))
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.reaped {
		return
	}
	r.sampleMemory()
	// The runner cannot fork once locked down, but kill its whole cgroup
	// and process group anyway: nothing it started may outlive it.
	if r.cgroup != nil {
		_ = r.cgroup.Kill()
	}
	_ = syscall.Kill(-r.cmd.Process.Pid, syscall.SIGKILL)
	_ = r.cmd.Process.Signal(syscall.SIGKILL)
}

// CallSlack is how many calls beyond RunOptions.MaxCalls a runner may
// send (calls the handler refuses, such as undeclared tools or invalid
// arguments, are answered but not counted against MaxCalls): one more is a
// flood, and ends the runner as a protocol error.
const CallSlack = 100

// RunOptions are what a job's run may be given besides the job.
type RunOptions struct {
	// OnLog, if not nil, gets each console line as it arrives.
	OnLog func(result.Log)
	// OnCall answers the code's calls of the job's declared tools
	// (job.Tools); the job may declare none without it. Each call is
	// handled in its own goroutine, with a context that ends at the job's
	// timeout (the execution's remaining time) or when the run ends, and
	// OnCall should return soon after it ends (broker.Session.Call does).
	// The reply's ID is set by the sandbox. Calls that break the protocol
	// (see Run) never reach it.
	OnCall func(ctx context.Context, c ipc.Call) ipc.Reply
	// MaxCalls is the number of calls OnCall answers at most (the
	// maxToolCalls setting): a runner that sends more than MaxCalls +
	// CallSlack is ended.
	MaxCalls int
	// MaxCallArgBytes is the cap OnCall puts on a call's arguments (the
	// maxToolArgBytes setting): call frames are read up to twice that, so
	// that a call just over the cap gets an answer, not the end of the
	// runner.
	MaxCallArgBytes int
}

// Run sends job to the runner and returns its outcome, with onLog as
// RunOptions.OnLog; see RunWith.
func (r *Runner) Run(ctx context.Context, job ipc.Job, memBytes int64, onLog func(result.Log)) Outcome {
	return r.RunWith(ctx, job, memBytes, RunOptions{OnLog: onLog})
}

// RunWith sends job to the runner and returns its outcome. It always
// leaves the runner dead and reaped.
//
// memBytes is the job's memory limit: the runner's cgroup is set to it
// before the job is sent, and the runtime's own heap watchdog gets a share
// of it.
//
// Calls (when job.Tools declares tools) go to opts.OnCall, each in its own
// goroutine; replies are written to the job pipe as they come, in any
// order, until the result arrives. A call frame that is malformed, reuses
// an id, comes when the job declared no tools, comes after the result, or
// is one more than MaxCalls + CallSlack is a protocol error: the runner is
// killed and the status is internal. The job's timeout covers the waits
// for tools: the hard deadline is the same.
func (r *Runner) RunWith(ctx context.Context, job ipc.Job, memBytes int64, opts RunOptions) Outcome {
	onLog := opts.OnLog
	if r.used {
		return Outcome{Status: result.Internal, Error: &result.ErrorInfo{Kind: result.Internal, Message: ErrAlreadyUsed.Error()}}
	}
	r.used = true
	ev := evidence{timeoutMs: job.TimeoutMs}
	var out Outcome
	var hardAt time.Time
	async := false
	defer func() {
		if !async {
			r.finish()
			return
		}
		cleanups.Add(1)
		go func() {
			defer cleanups.Done()
			// The runner exits right after its result; give it until the
			// hard deadline, then make sure. One that sends anything more
			// is killed at once (its outcome is already given).
			var ev evidence
			t := time.NewTimer(time.Until(hardAt))
			defer t.Stop()
			r.afterResult(&ev, t.C)
			r.finish()
		}()
	}()

	if err := r.WaitReady(ctx); err != nil {
		switch {
		case ipc.IsProtocolError(err):
			r.kill(killedProtocol)
		case ctx.Err() != nil && errors.Is(err, ctx.Err()):
			r.kill(killedCancelled)
			ev.cancelErr = context.Cause(ctx)
			return r.conclude(&out, ev)
		default:
			r.kill(killedDiscarded)
		}
		ev.startErr = err
		ev.undelivered = true // nothing was written
		return r.conclude(&out, ev)
	}
	out.SpawnToReady = r.readyAt.Sub(r.spawnedAt)

	if err := r.prepare(&job, memBytes); err != nil {
		r.kill(killedDiscarded)
		ev.startErr = err
		ev.undelivered = true // nothing was written
		return r.conclude(&out, ev)
	}
	frame, err := ipc.Encode(ipc.TypeJob, job)
	if err != nil {
		r.kill(killedDiscarded)
		ev.startErr = fmt.Errorf("encode the job: %w", err)
		ev.undelivered = true
		return r.conclude(&out, ev)
	}
	if !r.Alive() {
		// Reaped already (killed while parked, after the pool last looked):
		// the job is not sent at all.
		ev.untaken = "it had exited before the job was sent"
		return r.conclude(&out, ev)
	}
	if why, ok := doomed(r.cmd.Process.Pid); ok {
		// Killed while parked, not reaped yet: it will run nothing more,
		// but could still take the job's bytes from the pipe as it dies.
		// It is reaped in a moment (conclude waits at most the grace).
		ev.untaken = why
		return r.conclude(&out, ev)
	}
	// From here on, a SIGKILL that arrives while the job is written or
	// read leaves no proof that the runner did not take the job (it may
	// have taken it, and run code, just before the kill): unless every
	// byte is still in the pipe when it is dead (conclude), the outcome is
	// internal and the job is not run again.
	r.maxFrame.Store(int64(frameCapFor(job, opts)))
	close(r.jobSent)
	timeout := time.Duration(job.TimeoutMs) * time.Millisecond
	hardAt = time.Now().Add(timeout + r.cfg.Grace)
	hard := time.NewTimer(time.Until(hardAt))
	defer hard.Stop()

	start := time.Now()
	_ = r.jobW.SetWriteDeadline(hardAt)
	// The job pipe's write end stays open until the result is in (the
	// runner then waits for its end before it exits, so that its peak
	// memory can be read first, see ipc) or the runner is gone (finish
	// closes it): its unread bytes are the evidence conclude reads when no
	// result came (see unreadJob).
	n, werr := r.jobW.Write(frame)
	ev.sent, ev.sentBytes = true, n
	if werr != nil {
		out.Wall = time.Since(start)
		if errors.Is(werr, syscall.EPIPE) {
			// No reader: the runner's end of the job pipe is closed, so it
			// is dead or dying. With nothing written, it read nothing;
			// after a partial write, conclude looks at what is unread.
			if n == 0 {
				ev.untaken = "its end of the job pipe was closed when the job was sent (EPIPE)"
			} else {
				ev.streamErr = fmt.Errorf("send job: %w", werr)
			}
			return r.conclude(&out, ev)
		}
		// The runner is not reading its job: it is broken or hostile.
		r.kill(killedProtocol)
		ev.protoErr = fmt.Errorf("send job: %w", werr)
		return r.conclude(&out, ev)
	}

	calls := callState{seen: map[int64]bool{}}
	callCtx, cancelCalls := context.WithDeadline(ctx, start.Add(timeout))
	defer cancelCalls()
	logBytes := 0
loop:
	for {
		select {
		case fm := <-r.frames:
			if fm.err == nil {
				ev.heard = true // a frame after the job: the runner read it
			}
			if fm.err != nil {
				if fm.err != io.EOF && !errors.Is(fm.err, os.ErrClosed) {
					if ipc.IsProtocolError(fm.err) || isFrameTooLarge(fm.err) {
						ev.protoErr = fm.err
						r.kill(killedProtocol)
					} else {
						ev.streamErr = fm.err
					}
				}
				break loop
			}
			switch fm.f.Type {
			case ipc.TypeLog:
				var l result.Log
				if err := fm.f.Decode(&l); err != nil {
					ev.protoErr = err
					r.kill(killedProtocol)
					break loop
				}
				if !validLevel(l.Level) {
					ev.protoErr = &ipc.ProtocolError{Got: ipc.TypeLog, Reason: fmt.Sprintf("unknown log level %q", l.Level)}
					r.kill(killedProtocol)
					break loop
				}
				logBytes += len(l.Message)
				if len(out.Logs)+1 > job.MaxLogLines || logBytes > job.MaxLogBytes {
					// The runner enforces the caps itself; one that does not is lying.
					ev.capErr = fmt.Sprintf("the runner sent more console output than the caps allow (%d lines, %d bytes)", job.MaxLogLines, job.MaxLogBytes)
					r.kill(killedProtocol)
					break loop
				}
				out.Logs = append(out.Logs, l)
				if onLog != nil {
					onLog(l)
				}
			case ipc.TypeCall:
				var c ipc.Call
				if err := fm.f.Decode(&c); err != nil {
					ev.protoErr = err
					r.kill(killedProtocol)
					break loop
				}
				if err := calls.admit(c, job, opts); err != nil {
					ev.protoErr = err
					r.kill(killedProtocol)
					break loop
				}
				calls.wg.Add(1)
				go func() {
					defer calls.wg.Done()
					reply := opts.OnCall(callCtx, c)
					if dl, _ := callCtx.Deadline(); !time.Now().Before(dl) && ctx.Err() == nil {
						// The execution's time is up. The runner stops
						// itself at its own deadline, which started when it
						// read the job, a little after ours (or it is killed
						// at ours plus the grace): an answer now would reach
						// code that still runs for that moment and let it
						// turn a timeout into a result or an error.
						return
					}
					reply.ID = c.ID
					r.writeReply(reply)
				}()
			case ipc.TypeResult:
				out.Wall = time.Since(start)
				var res ipc.Result
				if err := fm.f.Decode(&res); err != nil {
					ev.protoErr = err
					r.kill(killedProtocol)
					break loop
				}
				if err := checkResult(&res, job); err != nil {
					ev.protoErr = err
					r.kill(killedProtocol)
					break loop
				}
				// Its peak memory while it still has it, then let it go.
				r.sampleAtResult()
				r.closeJob()
				ev.result = &res
				break loop
			default:
				ev.protoErr = &ipc.ProtocolError{Got: fm.f.Type, Reason: fmt.Sprintf("unexpected %q after the job", fm.f.Type)}
				r.kill(killedProtocol)
				break loop
			}
		case <-hard.C:
			r.kill(killedAtDeadline)
			break loop
		case <-ctx.Done():
			r.kill(killedCancelled)
			ev.cancelErr = context.Cause(ctx)
			break loop
		}
	}
	if out.Wall == 0 {
		out.Wall = time.Since(start)
	}
	// Calls still being answered are moot now: their context ends, and
	// their replies (if any) find the job pipe closed or the runner gone.
	cancelCalls()
	calls.wait(r.cfg.Grace)
	if ev.result != nil && r.cfg.AsyncCleanup {
		async = true
		return r.concludeResult(&out, ev)
	}
	if ev.result != nil {
		// The runner exits right after its result and sends nothing more:
		// a frame now (a call after the result) breaks the protocol. Give
		// it the rest of the grace, then make sure.
		r.afterResult(&ev, hard.C)
	}
	return r.conclude(&out, ev)
}

// conclude waits for the process to be reaped and fills the outcome from
// the evidence.
func (r *Runner) conclude(out *Outcome, ev evidence) Outcome {
	r.waitExit()
	ev.killed = killReason(r.killed.Load())
	ev.state = r.cmd.ProcessState
	if ev.sent && !ev.heard && ev.result == nil && ev.untaken == "" {
		// The runner is dead and reaped, so it reads nothing more. If every
		// byte written is still in the pipe, it never read any of its job:
		// it was killed while parked and the job went into the pipe's
		// buffer before its death was seen, or it was killed (stopped, or
		// not yet scheduled) after the job was written but before it read
		// it. That is the race a status alone cannot settle: the pipe's
		// count does. One byte read and this proves nothing: the runner may
		// have the whole job (and may have run the code), so the outcome
		// stays as classified (internal), never undelivered.
		//
		// Code that escaped the runtime could not fake this without
		// opening a write end of its job pipe (seccomp allows no open,
		// landlock no file), and would only get its own code run again in
		// a fresh runner.
		if unread, err := r.unreadJob(); err == nil && unread == ev.sentBytes {
			ev.untaken = "the whole job was still unread in its pipe when the runner died"
		}
	}
	if r.cgroup != nil {
		if n, err := r.cgroup.OOMKills(); err == nil {
			ev.oomKills = n
		}
	}
	out.PeakMemoryBytes, out.MemoryFrom = r.peakMemory()
	select {
	case <-r.stderrEOF:
	case <-time.After(time.Second):
	}
	out.Stderr = r.stderr.String()
	ev.stderr = out.Stderr
	classify(out, ev)
	// Not wait4's maxrss: a child started with vfork inherits the
	// supervisor's peak RSS in it (decision 0027).
	if ru, ok := rusage(ev.state); ok && ev.result == nil {
		out.CPUTime = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if ev.result != nil {
		out.CPUTime = time.Duration(ev.result.CPUMs * float64(time.Millisecond))
	}
	if out.Error != nil {
		out.Error.Kind = out.Status
	}
	out.Undelivered = ev.undelivered || ev.untaken != ""
	return *out
}

// unreadJob is how many bytes written to the job pipe no reader has taken
// (FIONREAD, spelt TIOCINQ, on the write end: both ends share the pipe's
// buffer, which lives while the write end is open). Only the runner holds
// the read end (the supervisor closed its copy at spawn; a concurrent
// spawn's child holds a copy only until its exec), and reading consumes.
func (r *Runner) unreadJob() (int, error) {
	rc, err := r.jobW.SyscallConn()
	if err != nil {
		return 0, err
	}
	var n int
	var ierr error
	if err := rc.Control(func(fd uintptr) { n, ierr = unix.IoctlGetInt(int(fd), unix.TIOCINQ) }); err != nil {
		return 0, err
	}
	return n, ierr
}

// concludeResult fills the outcome of a job whose result arrived intact,
// without waiting for the runner to exit (its peak memory was read when the
// result came).
func (r *Runner) concludeResult(out *Outcome, ev evidence) Outcome {
	// No OOM count: a result classifies before it (classify), and a
	// runner the OOM killer took sent none.
	out.PeakMemoryBytes, out.MemoryFrom = r.peakMemory()
	classify(out, ev)
	out.CPUTime = time.Duration(ev.result.CPUMs * float64(time.Millisecond))
	if out.Error != nil {
		out.Error.Kind = out.Status
	}
	return *out
}

// waitExit waits for the runner to be reaped, killing it if it lingers.
func (r *Runner) waitExit() {
	select {
	case <-r.exited:
		return
	case <-time.After(r.cfg.Grace):
	}
	r.kill(killedDiscarded)
	<-r.exited
}

func (r *Runner) finish() {
	r.kill(killedDiscarded)
	<-r.exited
	r.finishOnce.Do(func() {
		if r.cgroup != nil {
			_ = r.cgroup.Destroy()
		}
		close(r.done)
		r.msgR.Close()
		r.closeJob()
	})
}

func rusage(ps *os.ProcessState) (*syscall.Rusage, bool) {
	if ps == nil {
		return nil, false
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	return ru, ok && ru != nil
}

func isFrameTooLarge(err error) bool {
	var e *ipc.FrameTooLargeError
	return errors.As(err, &e)
}

func validLevel(l string) bool {
	switch l {
	case "log", "info", "warn", "error", "debug":
		return true
	}
	return false
}

// frameCapFor is the largest frame a runner may send for this job: its
// output cap, or a log line (JSON-escaped, up to 6 bytes a byte), or twice
// a call's argument cap when it declares tools, plus room for the envelope.
func frameCapFor(job ipc.Job, opts RunOptions) int {
	n := job.MaxOutputBytes
	if l := 6 * job.MaxLogBytes; l > n {
		n = l
	}
	if c := 2 * opts.MaxCallArgBytes; len(job.Tools) > 0 && c > n {
		n = c
	}
	n += 64 << 10
	if n > ipc.MaxFrame {
		n = ipc.MaxFrame
	}
	return n
}

// checkResult rejects a result frame that no honest runner sends.
func checkResult(res *ipc.Result, job ipc.Job) error {
	bad := func(format string, args ...any) error {
		return &ipc.ProtocolError{Got: ipc.TypeResult, Reason: fmt.Sprintf(format, args...)}
	}
	switch res.Status {
	case result.OK:
		if !json.Valid(res.Output) {
			return bad("ok result without a valid JSON output")
		}
	case result.Error, result.Timeout, result.Memory, result.OutputLimit, result.Internal:
		if res.Error == nil {
			res.Error = &result.ErrorInfo{Message: "no message"}
		}
		res.Output = nil
	default:
		return bad("status %q is not one a runner may report", res.Status)
	}
	if res.CPUMs < 0 || res.RunMs < 0 {
		return bad("negative times")
	}
	return nil
}

// capBuffer keeps the first max bytes written to it and discards the rest.
type capBuffer struct {
	mu    sync.Mutex
	buf   []byte
	max   int
	extra int
}

func (b *capBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	room := b.max - len(b.buf)
	if room > len(p) {
		room = len(p)
	}
	if room > 0 {
		b.buf = append(b.buf, p[:room]...)
	}
	b.extra += len(p) - room
	return len(p), nil
}

func (b *capBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.extra > 0 {
		return string(b.buf) + fmt.Sprintf("\n[%d more bytes dropped]", b.extra)
	}
	return string(b.buf)
}
