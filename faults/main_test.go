package faults

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"codexec/api/wire"
	"codexec/internal/daemontest"
	"codexec/internal/testutil"
	"codexec/ipc"
	"codexec/limits"
	"codexec/result"
)

// The environment of the mount-namespace helper (see mountHelper).
const (
	envHelper     = "CODEXEC_FAULTS_HELPER"
	envMountDir   = "CODEXEC_FAULTS_MOUNT_DIR"
	envSupervisor = "CODEXEC_FAULTS_SUPERVISOR"
	envArgs       = "CODEXEC_FAULTS_ARGS"
)

// TestMain doubles as a fake runner and as a helper process. Started the
// way the supervisor starts a runner (runner --job-fd=3 --msg-fd=4 and the
// lockdown's arguments), the test binary locks itself down exactly as the
// real runner does, so that the daemon's verification passes, and then
// misbehaves as its file name says (fake-MODE, a link to the binary).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && strings.HasPrefix(os.Args[1], "--job-fd=") {
		os.Exit(fakeRunner())
	}
	if os.Getenv(envHelper) == "mountns" {
		os.Exit(mountHelper())
	}
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}

// Fake runner modes.
const (
	modeGarbage     = "garbage"      // a frame of garbage after the job
	modeTruncated   = "truncated"    // half a frame, then exit 0
	modeOversized   = "oversized"    // a frame header announcing 2 GiB
	modeNoReady     = "no-ready"     // locked down, then silent
	modeStderrFlood = "stderr-flood" // 4 MiB on stderr, then exit 3
	modeHang        = "hang"         // reads the job, never answers
)

func fakeRunner() int {
	exe, err := os.Executable()
	if err != nil {
		return 2
	}
	mode := strings.TrimPrefix(filepath.Base(exe), "fake-")
	lock := limits.Lockdown{UID: -1, GID: -1}
	for _, a := range os.Args[1:] {
		if _, err := lock.ParseArg(a); err != nil {
			fmt.Fprintln(os.Stderr, "fake runner:", err)
			return 2
		}
	}
	job, msg := os.NewFile(3, "job"), os.NewFile(4, "msg")
	os.Clearenv()
	if _, err := lock.Apply(); err != nil {
		_ = ipc.Write(msg, ipc.TypeResult, ipc.Result{Status: result.Internal,
			Error: &result.ErrorInfo{Kind: result.Internal, Message: "fake runner: lock down: " + err.Error()}})
		return 2
	}
	ready := func() { _ = ipc.Write(msg, ipc.TypeReady, ipc.Ready{Proto: ipc.ProtoVersion, PID: os.Getpid()}) }
	readJob := func() {
		var j ipc.Job
		_ = ipc.Expect(job, 0, ipc.TypeJob, &j)
	}
	switch mode {
	case modeGarbage:
		ready()
		readJob()
		_, _ = msg.Write([]byte("\x00\x00\x00\x10this is garbage!"))
	case modeTruncated:
		ready()
		readJob()
		_, _ = msg.Write([]byte("\x00\x00\x01\x00{\"type\":\"result\",\"arg\":{\"sta"))
		return 0
	case modeOversized:
		ready()
		readJob()
		_, _ = msg.Write([]byte{0x7f, 0xff, 0xff, 0xff})
	case modeNoReady:
	case modeStderrFlood:
		ready()
		readJob()
		chunk := strings.Repeat("e", 4096)
		for i := 0; i < 1024; i++ {
			fmt.Fprint(os.Stderr, chunk)
		}
		return 3
	case modeHang:
		ready()
		readJob()
	default:
		fmt.Fprintln(os.Stderr, "fake runner: unknown mode", mode)
		return 2
	}
	time.Sleep(time.Hour) // until the supervisor kills it
	return 0
}

// fakeRunnerPath links the test binary as fake-MODE in a new directory.
func fakeRunnerPath(t *testing.T, mode string) string {
	t.Helper()
	if cgoBuild {
		t.Skip("skipping: the fake runners need a test binary built with CGO_ENABLED=0 (make test builds it so)")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "cx-fake-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "fake-"+mode)
	if err := os.Link(self, p); err != nil {
		// Another file system: copy it.
		b, err := os.ReadFile(self)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// mountHelper runs the supervisor (arguments in envArgs) with a tmpfs of
// 128 MiB mounted on envMountDir, in a mount namespace of its own (the test
// starts it with CLONE_NEWNS, and Go makes / private in it), so that the
// test can fill that file system or make it read-only without touching the
// host's mounts. It prints "pid N" (the supervisor's), then obeys one
// command a line on its standard input (fill, unfill; ro, rw: a read-only
// bind mount over the file system, and its removal), answering
// "ok" or "error: ..."; when its input closes, or on SIGTERM, it stops the
// supervisor (SIGTERM) and exits.
func mountHelper() int {
	dir := os.Getenv(envMountDir)
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size=128m,mode=0755"); err != nil {
		fmt.Fprintln(os.Stderr, "helper: mount a tmpfs:", err)
		return 1
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv(envArgs)), &args); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 1
	}
	cmd := exec.Command(os.Getenv(envSupervisor), args...)
	cmd.Stderr = os.Stderr
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + dir}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "helper: start the supervisor:", err)
		return 1
	}
	fmt.Printf("pid %d\n", cmd.Process.Pid)
	// SIGTERM (the test stopping the daemon) goes on to the supervisor.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM)
	go func() {
		<-sigs
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
		os.Exit(0)
	}()
	filler := filepath.Join(dir, "filler")
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		var err error
		switch sc.Text() {
		case "fill":
			err = fill(dir, filler)
		case "unfill":
			err = os.Remove(filler)
		case "ro":
			// The supervisor holds files open for writing there, so the
			// file system cannot be remounted read-only (EBUSY): a
			// read-only bind mount goes on top of it instead, as good as
			// for every path the supervisor opens or checks from now on.
			if err = unix.Mount(dir, dir, "", unix.MS_BIND, ""); err == nil {
				err = unix.Mount("", dir, "", unix.MS_REMOUNT|unix.MS_BIND|unix.MS_RDONLY, "")
			}
		case "rw":
			err = unix.Unmount(dir, unix.MNT_DETACH)
		default:
			err = fmt.Errorf("unknown command %q", sc.Text())
		}
		if err != nil {
			fmt.Printf("error: %v\n", err)
		} else {
			fmt.Println("ok")
		}
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	_ = cmd.Wait()
	return 0
}

// fill writes a file that leaves 32 MiB free: less than the audit trail's
// floor (audit.DefaultMinFreeBytes, 64 MiB), more than a write needs.
func fill(dir, path string) error {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return err
	}
	n := int64(st.Bavail)*st.Bsize - 32<<20
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, int64(len(buf)))
		if _, err := f.Write(buf[:k]); err != nil {
			return err
		}
		n -= k
	}
	return f.Sync()
}

// load runs executions of code from clients goroutines until stop is
// closed, and collects every result it gets (and the errors, which are
// expected only where the test kills the daemon).
type load struct {
	mu      sync.Mutex
	results []result.Result
	errs    []error
	wg      sync.WaitGroup
	stop    chan struct{}
}

func startLoad(d *daemontest.Daemon, clients int, req func(i int) wire.ExecuteRequest) *load {
	l := &load{stop: make(chan struct{})}
	for c := 0; c < clients; c++ {
		l.wg.Add(1)
		go func(c int) {
			defer l.wg.Done()
			for i := c; ; i += clients {
				select {
				case <-l.stop:
					return
				default:
				}
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				res, _, err := d.Execute(ctx, req(i))
				cancel()
				l.mu.Lock()
				if err != nil {
					l.errs = append(l.errs, err)
				} else {
					l.results = append(l.results, res)
				}
				l.mu.Unlock()
				if err != nil {
					time.Sleep(20 * time.Millisecond) // a daemon that is down: do not spin
				}
			}
		}(c)
	}
	return l
}

// count is how many results the load got so far.
func (l *load) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.results)
}

// waitFor waits until the load got n more results than now, or fails.
func (l *load) waitFor(t *testing.T, n int) {
	t.Helper()
	want := l.count() + n
	deadline := time.Now().Add(2 * time.Minute)
	for l.count() < want {
		if time.Now().After(deadline) {
			t.Fatalf("the load got %d results, waited for %d", l.count(), want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// finish stops the load and returns what it got.
func (l *load) finish() ([]result.Result, []error) {
	close(l.stop)
	l.wg.Wait()
	return l.results, l.errs
}

// readLine reads one line from r.
func readLine(r *bufio.Reader) (string, error) {
	s, err := r.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimSpace(s), err
}
