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

// ownNetNS is the supervisor's own network namespace, opened once: every
// thread goes back to it after a fork in the runners' one.
var ownNetNS = sync.OnceValues(func() (*os.File, error) { return os.Open("/proc/self/ns/net") })

// newNetNS makes an empty network namespace and returns a descriptor of
// it: a loopback interface that is down, no addresses, no routes, no other
// interface.
func newNetNS() (*os.File, error) {
	var f *os.File
	err := inNetNS(func() error {
		if err := unix.Unshare(unix.CLONE_NEWNET); err != nil {
			return fmt.Errorf("unshare a network namespace: %w", err)
		}
		return nil
	}, func() (err error) {
		f, err = os.Open("/proc/thread-self/ns/net")
		return err
	})
	return f, err
}

// forkIn runs start (which forks a runner) on a thread locked for it:
// Pdeathsig fires when the thread that forked the child exits, so the
// fork must not move threads. With netNS, the thread is in that network
// namespace for the fork, and the child is born in it.
func forkIn(netNS *os.File, start func() error) error {
	if netNS == nil {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		return start()
	}
	return inNetNS(func() error {
		if err := unix.Setns(int(netNS.Fd()), unix.CLONE_NEWNET); err != nil {
			return fmt.Errorf("sandbox: enter the runners' network namespace: %w", err)
		}
		return nil
	}, start)
}

// inNetNS runs do on a locked thread of its own after enter has moved that
// thread into another network namespace (setns and unshare change only the
// calling thread's), then returns the thread to the supervisor's. A thread
// that cannot go back stays locked, so the Go runtime ends it with its
// goroutine and no other goroutine ever runs in that namespace (a runner
// it forked then dies with it, by Pdeathsig, and its execution ends as
// internal); do's own error is what is returned.
func inNetNS(enter, do func() error) error {
	ch := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		own, err := ownNetNS()
		if err == nil {
			err = enter()
		}
		if err != nil {
			runtime.UnlockOSThread()
			ch <- err
			return
		}
		err = do()
		if unix.Setns(int(own.Fd()), unix.CLONE_NEWNET) != nil {
			ch <- err // still locked: this thread ends with the goroutine
			return
		}
		runtime.UnlockOSThread()
		ch <- err
	}()
	return <-ch
}
