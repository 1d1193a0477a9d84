package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"codexec/internal/testutil"
	"codexec/ipc"
	"codexec/limits"
	"codexec/result"
	"codexec/sandbox"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}

// lockedRunner is a real runner process started as the supervisor starts
// one: the same arguments, lockdown, namespaces (as root) and environment,
// with the test holding the other ends of its two pipes.
type lockedRunner struct {
	t     *testing.T
	cmd   *exec.Cmd
	jobW  *os.File
	msgR  *os.File
	ready ipc.Ready
	exit  chan error
}

func startLocked(t *testing.T) *lockedRunner {
	t.Helper()
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{NoCgroups: true, AllowWeak: true})
	if err != nil {
		t.Fatal(err)
	}
	jobR, jobW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	msgR, msgW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd := &exec.Cmd{
		Path:       testutil.Runner(t),
		Args:       append([]string{"runner", "--job-fd=3", "--msg-fd=4"}, iso.Lockdown.Args()...),
		Env:        sandbox.RunnerEnv,
		Stderr:     &stderr,
		ExtraFiles: []*os.File{jobR, msgW},
		SysProcAttr: &syscall.SysProcAttr{
			Setpgid:    true,
			Pdeathsig:  syscall.SIGKILL,
			Cloneflags: iso.CloneFlags,
		},
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	jobR.Close()
	msgW.Close()
	r := &lockedRunner{t: t, cmd: cmd, jobW: jobW, msgR: msgR, exit: make(chan error, 1)}
	go func() { r.exit <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		jobW.Close()
		msgR.Close()
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("runner stderr: %s", stderr.String())
		}
	})
	if err := ipc.Expect(msgR, ipc.MaxFrame, ipc.TypeReady, &r.ready); err != nil {
		t.Fatalf("ready: %v", err)
	}
	if os.Geteuid() == 0 {
		for _, l := range []string{limits.LayerRlimits, limits.LayerCreds, limits.LayerLandlock, limits.LayerNNP, limits.LayerSeccomp} {
			if !slices.Contains(r.ready.Layers, l) {
				t.Fatalf("the runner is not fully locked down: layers %v, no %s", r.ready.Layers, l)
			}
		}
		if r.ready.UID != sandbox.DefaultRunnerID || r.ready.PID != 1 {
			t.Fatalf("ready %+v: want uid %d and pid 1 in its own namespace", r.ready, sandbox.DefaultRunnerID)
		}
	}
	// Its end of the job pipe is read through the runtime's poller: the
	// descriptor is non-blocking (see main.go).
	info, err := os.ReadFile(fmt.Sprintf("/proc/%d/fdinfo/3", cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	var flags int64
	for _, line := range strings.Split(string(info), "\n") {
		if v, ok := strings.CutPrefix(line, "flags:"); ok {
			flags, err = strconv.ParseInt(strings.TrimSpace(v), 8, 64)
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if flags&syscall.O_NONBLOCK == 0 {
		t.Fatalf("the runner's job pipe is blocking (flags %o)", flags)
	}
	return r
}

func (r *lockedRunner) send(typ ipc.Type, v any) {
	r.t.Helper()
	if err := ipc.Write(r.jobW, typ, v); err != nil {
		r.t.Fatalf("send %s: %v", typ, err)
	}
}

// frame reads the runner's next message.
func (r *lockedRunner) frame() ipc.Frame {
	r.t.Helper()
	f, err := ipc.ReadFrame(r.msgR, ipc.MaxFrame)
	if err != nil {
		r.t.Fatalf("read a frame: %v (runner exit: %v)", err, r.exited())
	}
	return f
}

func (r *lockedRunner) exited() error {
	select {
	case err := <-r.exit:
		return fmt.Errorf("exited: %v", err)
	case <-time.After(2 * time.Second):
		return errors.New("still running")
	}
}

// finish checks that the runner waits for the end of its job pipe after
// its result (it still has its memory, to be read), then closes the pipe
// and requires a clean exit: no seccomp kill on the way.
func (r *lockedRunner) finish() {
	r.t.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", r.cmd.Process.Pid))
	if err != nil || !strings.Contains(string(status), "VmHWM:") {
		r.t.Fatalf("after its result the runner has no memory to read: %v\n%s", err, status)
	}
	select {
	case err := <-r.exit:
		r.t.Fatalf("the runner exited before its job pipe was closed: %v", err)
	default:
	}
	r.jobW.Close()
	select {
	case err := <-r.exit:
		if err != nil {
			r.t.Fatalf("runner exit: %v", err)
		}
	case <-time.After(30 * time.Second):
		r.t.Fatal("the runner did not exit in 30 s after its job pipe was closed")
	}
}

func toolsJob(code string, timeoutMs int64, tools ...string) ipc.Job {
	return ipc.Job{ID: "tools", Code: code, Context: json.RawMessage(`{}`), TimeoutMs: timeoutMs,
		MaxOutputBytes: 1 << 20, MaxLogLines: 100, MaxLogBytes: 1 << 16, CaptureConsole: true, Tools: tools}
}

// A locked-down runner calls tools: logs and calls share the message pipe
// in the order the code made them, replies (some out of order, one of
// 1 MiB, one an error) come back on the job pipe, read by a goroutine
// blocked in read under seccomp.
func TestLockedDownRunnerCallsTools(t *testing.T) {
	r := startLocked(t)
	r.send(ipc.TypeJob, toolsJob(`console.log('start');
		const c = await tools.crm.findCustomer({ email: 'a@b.c' });
		console.log('found', c.id);
		const many = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(n => tools.math.double({ n })));
		let failed;
		try { await tools.crm.findCustomer({ email: 'none' }) } catch (e) { failed = [e instanceof ToolError, e.code, e.message] }
		const big = await tools.blob();
		let sum = 0;
		for (let i = 0; i < 20; i++) sum += await tools.math.double({ n: i });
		return { id: c.id, many, failed, big: big.length, sum }`, 20000, "crm.findCustomer", "math.double", "blob"))

	var logs []string
	var order []string // "log:..." and "call:name", as the frames came
	var batch []ipc.Call
	var res ipc.Result
	doubles := 0
	for res.Status == "" {
		f := r.frame()
		switch f.Type {
		case ipc.TypeLog:
			var l ipc.Log
			if err := f.Decode(&l); err != nil {
				t.Fatal(err)
			}
			logs = append(logs, l.Message)
			order = append(order, "log:"+l.Message)
		case ipc.TypeCall:
			var c ipc.Call
			if err := f.Decode(&c); err != nil {
				t.Fatal(err)
			}
			order = append(order, "call:"+c.Name)
			switch c.Name {
			case "crm.findCustomer":
				if string(c.Args) == `{"email":"none"}` {
					r.send(ipc.TypeReply, ipc.Reply{ID: c.ID, Error: &ipc.ToolError{Code: "not_found", Message: "no such customer"}})
				} else {
					r.send(ipc.TypeReply, ipc.Reply{ID: c.ID, Result: json.RawMessage(`{"id":42}`)})
				}
			case "math.double":
				doubles++
				var a struct{ N int }
				if err := json.Unmarshal(c.Args, &a); err != nil {
					t.Fatal(err)
				}
				reply := ipc.Reply{ID: c.ID, Result: json.RawMessage(fmt.Sprint(2 * a.N))}
				if doubles > 10 {
					r.send(ipc.TypeReply, reply)
					break
				}
				// The Promise.all batch: answered in reverse, once all ten
				// are in flight.
				batch = append(batch, c)
				if len(batch) == 10 {
					for i := 9; i >= 0; i-- {
						var a struct{ N int }
						_ = json.Unmarshal(batch[i].Args, &a)
						r.send(ipc.TypeReply, ipc.Reply{ID: batch[i].ID, Result: json.RawMessage(fmt.Sprint(2 * a.N))})
					}
				}
			case "blob":
				r.send(ipc.TypeReply, ipc.Reply{ID: c.ID, Result: json.RawMessage(`"` + strings.Repeat("x", 1<<20) + `"`)})
			default:
				t.Fatalf("call of %q", c.Name)
			}
		case ipc.TypeResult:
			if err := f.Decode(&res); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("unexpected frame %q", f.Type)
		}
	}
	if res.Status != result.OK {
		t.Fatalf("result %s: %+v", res.Status, res.Error)
	}
	want := `{"id":42,"many":[2,4,6,8,10,12,14,16,18,20],"failed":[true,"not_found","no such customer"],"big":1048576,"sum":380}`
	if string(res.Output) != want {
		t.Fatalf("output %s\nwant   %s", res.Output, want)
	}
	if got := strings.Join(order[:3], " "); got != "log:start call:crm.findCustomer log:found 42" {
		t.Fatalf("frames in the order %q", order)
	}
	if doubles != 30 || len(logs) != 2 {
		t.Fatalf("%d calls of math.double, logs %q", doubles, logs)
	}
	r.finish()
}

// A supervisor that breaks the protocol on the job pipe ends the job as
// internal, and the runner still waits for the pipe's end.
func TestLockedDownRunnerReplyProtocol(t *testing.T) {
	for _, tc := range []struct {
		name string
		bad  func(r *lockedRunner, c ipc.Call)
		want string
	}{
		{"unknown call", func(r *lockedRunner, c ipc.Call) {
			r.send(ipc.TypeReply, ipc.Reply{ID: c.ID + 6, Result: json.RawMessage(`1`)})
		}, "protocol: reply for unknown call 7"},
		{"not a reply", func(r *lockedRunner, c ipc.Call) {
			r.send(ipc.TypeJob, toolsJob("return 2", 1000))
		}, "protocol: read reply"},
		{"garbage", func(r *lockedRunner, c ipc.Call) {
			if _, err := r.jobW.Write([]byte{0, 0, 0, 3, 'x', 'y', 'z', 'm', 'o', 'r', 'e'}); err != nil {
				t.Fatal(err)
			}
		}, "protocol: read reply"},
		{"over the reply cap", func(r *lockedRunner, c ipc.Call) {
			var hdr [4]byte
			n := ipc.MaxReplyFrame + 1
			hdr[0], hdr[1], hdr[2], hdr[3] = byte(n>>24), byte(n>>16), byte(n>>8), byte(n)
			if _, err := r.jobW.Write(hdr[:]); err != nil {
				t.Fatal(err)
			}
		}, "over the"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := startLocked(t)
			r.send(ipc.TypeJob, toolsJob(`await tools.f(); return 1`, 20000, "f"))
			f := r.frame()
			var c ipc.Call
			if f.Type != ipc.TypeCall || f.Decode(&c) != nil {
				t.Fatalf("first frame %s %s, want a call", f.Type, f.Arg)
			}
			tc.bad(r, c)
			var res ipc.Result
			if err := ipc.Expect(r.msgR, ipc.MaxFrame, ipc.TypeResult, &res); err != nil {
				t.Fatal(err)
			}
			if res.Status != result.Internal || res.Error == nil || !strings.Contains(res.Error.Message, tc.want) {
				t.Fatalf("result %s %+v, want internal with %q", res.Status, res.Error, tc.want)
			}
			r.finish()
		})
	}
}

// A call never answered: the job ends at its deadline as a timeout. The
// job pipe closed before the result: internal, and the runner exits.
func TestLockedDownRunnerUnanswered(t *testing.T) {
	t.Run("timeout", func(t *testing.T) {
		r := startLocked(t)
		r.send(ipc.TypeJob, toolsJob(`await tools.f(); return 1`, 300, "f"))
		if f := r.frame(); f.Type != ipc.TypeCall {
			t.Fatalf("first frame %s, want a call", f.Type)
		}
		var res ipc.Result
		if err := ipc.Expect(r.msgR, ipc.MaxFrame, ipc.TypeResult, &res); err != nil {
			t.Fatal(err)
		}
		if res.Status != result.Timeout {
			t.Fatalf("result %s %+v, want timeout", res.Status, res.Error)
		}
		r.finish()
	})
	t.Run("job pipe closed", func(t *testing.T) {
		r := startLocked(t)
		r.send(ipc.TypeJob, toolsJob(`await tools.f(); return 1`, 20000, "f"))
		if f := r.frame(); f.Type != ipc.TypeCall {
			t.Fatalf("first frame %s, want a call", f.Type)
		}
		r.jobW.Close()
		var res ipc.Result
		if err := ipc.Expect(r.msgR, ipc.MaxFrame, ipc.TypeResult, &res); err != nil {
			t.Fatal(err)
		}
		if res.Status != result.Internal || !strings.Contains(res.Error.Message, "job pipe was closed before the result") {
			t.Fatalf("result %s %+v", res.Status, res.Error)
		}
		select {
		case err := <-r.exit:
			if err != nil {
				t.Fatalf("runner exit: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("the runner did not exit")
		}
	})
}
