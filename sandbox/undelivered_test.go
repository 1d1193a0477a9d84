package sandbox

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"codexec/internal/testutil"
	"codexec/result"
)

// readyRunner starts a real runner and waits until it is parked on its
// job pipe, as the pool keeps them.
func readyRunner(t *testing.T) *Runner {
	t.Helper()
	r, err := Start(Config{RunnerPath: testutil.Runner(t), Env: RunnerEnv}, Spec{ID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Kill)
	if err := r.WaitReady(context.Background()); err != nil {
		t.Fatal(err)
	}
	return r
}

// A parked runner killed and reaped before its job: the job is not sent,
// and the outcome says so.
func TestUndeliveredDeadBeforeJob(t *testing.T) {
	r := readyRunner(t)
	if err := syscall.Kill(r.PID(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-r.Done()
	out := r.Run(context.Background(), testJob("return 1", 1000), 0, nil)
	if !out.Undelivered || out.Status != result.Internal || out.Error == nil ||
		!strings.Contains(out.Error.Message, "never read its job, so none of the code ran: it had exited before the job was sent (killed by signal killed)") {
		t.Fatalf("outcome %s %+v, undelivered %v; want internal, undelivered, exited before the job", out.Status, out.Error, out.Undelivered)
	}
}

// The race a status cannot settle: the job is written into the pipe's
// buffer while the runner cannot read (stopped here, as a runner killed a
// moment ago but not yet torn down cannot), and then it dies. Every byte
// is still in the pipe: the job provably never reached it.
func TestUndeliveredJobUnreadInPipe(t *testing.T) {
	r := readyRunner(t)
	if err := syscall.Kill(r.PID(), syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	// Every thread stopped: one that is not yet could still take the job
	// as it arrives (a woken read copies before the signal is handled).
	stopDeadline := time.Now().Add(time.Minute)
	for !testutil.AllStopped(r.PID()) {
		if time.Now().After(stopDeadline) {
			t.Fatal("the runner did not stop")
		}
		time.Sleep(time.Millisecond)
	}
	done := make(chan Outcome, 1)
	go func() { done <- r.Run(context.Background(), testJob("return 1", 10000), 0, nil) }()
	deadline := time.Now().Add(time.Minute)
	for {
		if n, err := r.unreadJob(); err == nil && n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the job never reached the pipe")
		}
		time.Sleep(time.Millisecond)
	}
	if err := syscall.Kill(r.PID(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	out := <-done
	if !out.Undelivered || out.Status != result.Internal || out.Error == nil ||
		!strings.Contains(out.Error.Message, "the whole job was still unread in its pipe when the runner died (killed by signal killed)") {
		t.Fatalf("outcome %s %+v, undelivered %v; want internal, undelivered, unread in the pipe", out.Status, out.Error, out.Undelivered)
	}
}

// A runner killed after it read its job (its code is running: it logged)
// is never undelivered, and its code ran once.
func TestKilledMidRunIsDelivered(t *testing.T) {
	r := readyRunner(t)
	var lines atomic.Int32
	out := r.Run(context.Background(), testJob("console.log('ran'); for (;;) {}", 20000), 0, func(l result.Log) {
		if lines.Add(1) == 1 {
			_ = syscall.Kill(r.PID(), syscall.SIGKILL)
		}
	})
	if out.Undelivered || out.Status != result.Internal || out.Error == nil || !strings.Contains(out.Error.Message, "killed by signal killed") {
		t.Fatalf("outcome %s %+v, undelivered %v; want internal (killed), delivered", out.Status, out.Error, out.Undelivered)
	}
	if n := lines.Load(); n != 1 || len(out.Logs) != 1 {
		t.Errorf("%d log lines streamed, %d kept; want the one line", n, len(out.Logs))
	}
}

// A job that was read (and answered) is never undelivered.
func TestResultIsDelivered(t *testing.T) {
	r := readyRunner(t)
	if out := r.Run(context.Background(), testJob("return 1", 2000), 0, nil); out.Status != result.OK || out.Undelivered {
		t.Fatalf("outcome %s %+v, undelivered %v", out.Status, out.Error, out.Undelivered)
	}
}

// doomed reads the kernel's view of real processes: a live one is not,
// a zombie (exited, not reaped) and a reaped one are.
func TestDoomed(t *testing.T) {
	live, err := os.StartProcess("/bin/sleep", []string{"sleep", "60"}, &os.ProcAttr{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = live.Kill(); _, _ = live.Wait() }()
	if why, ok := doomed(live.Pid); ok {
		t.Errorf("a sleeping process is doomed: %s", why)
	}
	zombie, err := os.StartProcess("/bin/true", []string{"true"}, &os.ProcAttr{})
	if err != nil {
		t.Fatal(err)
	}
	// Not reaped until Wait: wait for the zombie.
	deadline := time.Now().Add(time.Minute)
	for !isZombie(zombie.Pid) {
		if time.Now().After(deadline) {
			t.Fatal("no zombie")
		}
		time.Sleep(time.Millisecond)
	}
	if why, ok := doomed(zombie.Pid); !ok || !strings.Contains(why, "exited") {
		t.Errorf("zombie: %q, %v", why, ok)
	}
	_, _ = zombie.Wait()
	if why, ok := doomed(zombie.Pid); !ok || !strings.Contains(why, "exited") {
		t.Errorf("reaped: %q, %v", why, ok)
	}
}

func isZombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(f) > 0 && f[0] == "Z"
}
