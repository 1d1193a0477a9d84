package limits

// SeccompAllowlist is every system call a runner may make once locked down:
// what goja, the Go runtime and the pipe protocol need after ready, and
// nothing else. Anything not listed kills the whole process (SIGSYS).
//
// Before lockdown the runner pins GOMAXPROCS (otherwise Go re-reads cgroup
// CPU files), and starts and stops one timer (otherwise the first timer
// needs epoll/eventfd set-up calls), so none of those appear here.
var SeccompAllowlist = []string{
	// The pipe protocol and crash text.
	"read",
	"write",
	"close",
	// Memory: heap growth and the scavenger.
	"mmap",
	"munmap",
	"madvise",
	// Scheduling, locks, sleeping and timers (netpoll waits in epoll_pwait).
	"futex",
	"nanosleep",
	"sched_yield",
	"epoll_pwait",
	// Clocks: normally answered by the vDSO, but some clock sources fall
	// back to the system call.
	"clock_gettime",
	"gettimeofday",
	// Threads: goroutine preemption signals itself with tgkill; new threads
	// set up their signal stack and mask.
	"getpid",
	"gettid",
	"tgkill",
	"rt_sigreturn",
	"rt_sigprocmask",
	"sigaltstack",
	// A crash resets the signal's handler before re-raising it, so that the
	// supervisor sees the real signal rather than SIGSYS.
	"rt_sigaction",
	// The runner's CPU time for the result.
	"getrusage",
	"exit",
	"exit_group",
	"restart_syscall",
}

// SeccompConditional lists calls allowed only with certain arguments.
var SeccompConditional = []SeccompRule{
	// New threads only: a clone without CLONE_THREAD would be a new process.
	{Name: "clone", Args: []ArgCond{{Arg: 0, Op: OpBitsSet, Value: cloneThread}}},
	// The runner sizes its own CPU-time backstop to the job it receives:
	// its own RLIMIT_CPU only (pid 0 is itself). Without capabilities it can
	// only lower the hard limit.
	{Name: "prlimit64", Args: []ArgCond{{Arg: 0, Op: OpEqual, Value: 0}, {Arg: 1, Op: OpEqual, Value: rlimitCPU}}},
}

// SeccompRule allows a call when every condition on its arguments holds.
type SeccompRule struct {
	Name string
	Args []ArgCond
}

// ArgCond is a condition on one system call argument.
type ArgCond struct {
	Arg   uint32
	Op    string // OpEqual or OpBitsSet
	Value uint64
}

// Argument condition operators.
const (
	OpEqual   = "eq"
	OpBitsSet = "bits_set"
)

const (
	cloneThread = 0x10000 // CLONE_THREAD
	rlimitCPU   = 0       // RLIMIT_CPU
)
