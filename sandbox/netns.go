package sandbox

import (
	"fmt"
	"os"
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// sharedNetNS is the process's one network namespace for runners, made on
// first use.
var sharedNetNS = sync.OnceValues(newNetNS)

// newNetNS makes an empty network namespace and returns a descriptor of
// it: a loopback interface that is down, no addresses, no routes, no other
// interface. It is made on a thread of its own (unshare changes only the
// calling thread's namespace), which then goes back to the supervisor's
// namespace; a thread that cannot go back is left locked, so the Go
// runtime ends it with its goroutine.
func newNetNS() (*os.File, error) {
	type res struct {
		f   *os.File
		err error
	}
	ch := make(chan res, 1)
	go func() {
		runtime.LockOSThread()
		own, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			runtime.UnlockOSThread()
			ch <- res{err: err}
			return
		}
		defer own.Close()
		if err := unix.Unshare(unix.CLONE_NEWNET); err != nil {
			runtime.UnlockOSThread()
			ch <- res{err: fmt.Errorf("unshare a network namespace: %w", err)}
			return
		}
		f, err := os.Open("/proc/thread-self/ns/net")
		if berr := unix.Setns(int(own.Fd()), unix.CLONE_NEWNET); berr != nil {
			if f != nil {
				f.Close()
			}
			ch <- res{err: fmt.Errorf("return to the supervisor's network namespace: %w", berr)}
			return // still locked: this thread ends with the goroutine
		}
		runtime.UnlockOSThread()
		ch <- res{f, err}
	}()
	r := <-ch
	return r.f, r.err
}

// forkIn runs start (which forks a runner) on a thread locked for it:
// Pdeathsig fires when the thread that forked the child exits, so the
// fork must not move threads. With netNS, the thread is in that network
// namespace for the fork, and the child is born in it; the thread then
// returns to the supervisor's, or is ended if it cannot.
func forkIn(netNS *os.File, start func() error) error {
	if netNS == nil {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		return start()
	}
	ch := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		own, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			runtime.UnlockOSThread()
			ch <- fmt.Errorf("sandbox: %w", err)
			return
		}
		defer own.Close()
		if err := unix.Setns(int(netNS.Fd()), unix.CLONE_NEWNET); err != nil {
			runtime.UnlockOSThread()
			ch <- fmt.Errorf("sandbox: enter the runners' network namespace: %w", err)
			return
		}
		err = start()
		if berr := unix.Setns(int(own.Fd()), unix.CLONE_NEWNET); berr != nil {
			// Leave the thread locked: it ends with this goroutine, and no
			// other goroutine ever runs in the runners' namespace. A runner
			// it forked dies with it (Pdeathsig) and its execution ends
			// as internal.
			ch <- err
			return
		}
		runtime.UnlockOSThread()
		ch <- err
	}()
	return <-ch
}
