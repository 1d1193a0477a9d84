package sandbox

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"codexec/internal/testutil"
	"codexec/ipc"
	"codexec/result"
)

// TestMain doubles as a fake runner: with CODEXEC_FAKE_RUNNER set, the test
// binary behaves as a broken or hostile runner instead of running tests.
func TestMain(m *testing.M) {
	testutil.NestedSetup()
	if mode := os.Getenv("CODEXEC_FAKE_RUNNER"); mode != "" {
		fakeRunner(mode)
		os.Exit(0)
	}
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}

func fakeRunner(mode string) {
	job := os.NewFile(3, "job")
	msg := os.NewFile(4, "msg")
	ready := func() { _ = ipc.Write(msg, ipc.TypeReady, ipc.Ready{Proto: ipc.ProtoVersion, PID: os.Getpid()}) }
	readJob := func() { var j ipc.Job; _ = ipc.Expect(job, 0, ipc.TypeJob, &j) }
	raw := func(payload string) {
		b := make([]byte, 4+len(payload))
		binary.BigEndian.PutUint32(b, uint32(len(payload)))
		copy(b[4:], payload)
		_, _ = msg.Write(b)
	}
	switch mode {
	case "garbage":
		ready()
		readJob()
		_, _ = msg.Write([]byte("\x00\x00\x00\x10this is garbage!"))
		time.Sleep(time.Minute)
	case "truncated":
		ready()
		readJob()
		_, _ = msg.Write([]byte("\x00\x00\x01\x00{\"type\":"))
		os.Exit(0)
	case "oversized":
		ready()
		readJob()
		_, _ = msg.Write([]byte{0x7f, 0xff, 0xff, 0xff})
		time.Sleep(time.Minute)
	case "no-ready":
		time.Sleep(time.Minute)
	case "bad-proto":
		_ = ipc.Write(msg, ipc.TypeReady, ipc.Ready{Proto: 99})
		time.Sleep(time.Minute)
	case "crash":
		ready()
		readJob()
		fmt.Fprintln(os.Stderr, "fatal error: pretend the runtime broke")
		os.Exit(2)
	case "exit0":
		ready()
		readJob()
		os.Exit(0)
	case "signal":
		ready()
		readJob()
		_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
		time.Sleep(time.Minute)
	case "hang":
		ready()
		readJob()
		time.Sleep(time.Minute)
	case "no-read":
		ready()
		time.Sleep(time.Minute)
	case "close-job":
		// Its end of the job pipe closed before ready, so that the job's
		// write finds no reader (EPIPE).
		job.Close()
		ready()
		time.Sleep(time.Minute)
	case "lie-status":
		ready()
		readJob()
		_ = ipc.Write(msg, ipc.TypeResult, ipc.Result{Status: result.Blocked, Error: &result.ErrorInfo{Message: "x"}})
	case "lie-output":
		ready()
		readJob()
		raw(`{"type":"result","arg":{"status":"ok","output":{"a":1,"cpuMs":0,"runMs":0}}`)
	case "log-flood":
		ready()
		readJob()
		for i := 0; i < 1000; i++ {
			_ = ipc.Write(msg, ipc.TypeLog, ipc.Log{Level: "log", Message: "flood"})
		}
		time.Sleep(time.Minute)
	case "bad-level":
		ready()
		readJob()
		_ = ipc.Write(msg, ipc.TypeLog, ipc.Log{Level: "shout", Message: "x"})
		time.Sleep(time.Minute)
	case "second-ready":
		ready()
		readJob()
		ready()
		time.Sleep(time.Minute)
	case "stderr-flood":
		ready()
		readJob()
		chunk := strings.Repeat("e", 4096)
		for i := 0; i < 1000; i++ {
			fmt.Fprint(os.Stderr, chunk)
		}
		os.Exit(3)
	default:
		if fakeCallRunner(mode, job, msg) {
			return
		}
		fmt.Fprintln(os.Stderr, "unknown fake runner mode", mode)
		os.Exit(1)
	}
}

func testJob(code string, timeoutMs int64) ipc.Job {
	return ipc.Job{ID: "exec_test", Code: code, Context: json.RawMessage(`{"x":2}`), TimeoutMs: timeoutMs,
		MaxOutputBytes: 1 << 20, MaxLogLines: 100, MaxLogBytes: 1 << 16, CaptureConsole: true}
}

func runReal(t *testing.T, code string, timeoutMs int64) Outcome {
	t.Helper()
	r, err := Start(Config{RunnerPath: testutil.Runner(t), Env: []string{"GOMAXPROCS=1"}}, Spec{ID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	return r.Run(context.Background(), testJob(code, timeoutMs), 0, nil)
}

func TestRealRunner(t *testing.T) {
	tests := []struct {
		name   string
		code   string
		status result.Status
		output string
		errSub string
		logs   int
	}{
		{"ok", "return context.x + 12", result.OK, "14", "", 0},
		{"large log line", "console.log('l'.repeat(60000)); return 1", result.OK, "1", "", 1},
		{"logs streamed", "console.log('a'); console.warn('b'); return 1", result.OK, "1", "", 2},
		{"throw", "throw new TypeError('bad')", result.Error, "", "TypeError: bad", 0},
		{"soft timeout keeps logs", "console.log('before'); for (;;) {}", result.Timeout, "", "timeout", 1},
		{"pending interval", "setInterval(() => {}, 10)", result.Timeout, "", "timeout", 0},
		// A catastrophic regular expression runs inside one native call that
		// goja's interrupt cannot stop: only the hard kill ends it. (The
		// lookahead makes goja use its backtracking engine; a pattern Go's
		// RE2 can take runs in linear time.)
		{"hard kill", "console.log('before'); return /^(a+)+(?!x)$/.test('a'.repeat(40) + 'b')", result.Timeout, "", "was killed", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := runReal(t, tt.code, 300)
			if out.Status != tt.status {
				t.Fatalf("status = %q (%+v, stderr %q), want %q", out.Status, out.Error, out.Stderr, tt.status)
			}
			if tt.output != "" && string(out.Output) != tt.output {
				t.Errorf("output = %s, want %s", out.Output, tt.output)
			}
			if tt.errSub != "" && (out.Error == nil || !strings.Contains(out.Error.Message, tt.errSub)) {
				t.Errorf("error = %+v, want it to contain %q", out.Error, tt.errSub)
			}
			if len(out.Logs) != tt.logs {
				t.Errorf("logs = %v, want %d", out.Logs, tt.logs)
			}
			if out.PeakMemoryBytes == 0 {
				t.Error("peak memory not reported")
			}
			if tt.status == result.Timeout && !out.TimedOut {
				t.Error("TimedOut not set on a timeout")
			}
		})
	}
}

// Frames far larger than ready's are read under the job's caps.
func TestLargeOutput(t *testing.T) {
	out := runReal(t, "return 'x'.repeat(300000)", 2000)
	if out.Status != result.OK || len(out.Output) != 300002 {
		t.Fatalf("status %s (%+v), output of %d bytes; want ok with 300002", out.Status, out.Error, len(out.Output))
	}
}

func TestFakeRunners(t *testing.T) {
	// undelivered: the outcome proves the job was never read. Every mode
	// that read its job must leave it false, whatever it did next.
	tests := []struct {
		mode        string
		status      result.Status
		errSub      string
		undelivered bool
	}{
		{"garbage", result.Internal, "broke the protocol", false},
		{"truncated", result.Internal, "unexpected EOF", false},
		{"oversized", result.Internal, "cap", false},
		{"no-ready", result.Internal, "did not send ready", true},
		{"bad-proto", result.Internal, "protocol 99", true},
		{"crash", result.Internal, "pretend the runtime broke", false},
		{"exit0", result.Internal, "without sending a result", false},
		{"signal", result.Internal, "killed by signal terminated", false},
		{"hang", result.Timeout, "was killed", false},
		{"no-read", result.Internal, "send job", true},
		{"close-job", result.Internal, "never read its job, so none of the code ran: its end of the job pipe was closed when the job was sent (EPIPE)", true},
		{"lie-status", result.Internal, "not one a runner may report", false},
		{"lie-output", result.Internal, "broke the protocol", false},
		{"log-flood", result.OutputLimit, "more console output than the caps allow", false},
		{"bad-level", result.Internal, "unknown log level", false},
		{"second-ready", result.Internal, "unexpected", false},
		{"stderr-flood", result.Internal, "more bytes dropped", false},
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			t.Parallel()
			r, err := Start(Config{RunnerPath: self, Env: []string{"CODEXEC_FAKE_RUNNER=" + tt.mode}, StartTimeout: 500 * time.Millisecond}, Spec{ID: "t"})
			if err != nil {
				t.Fatal(err)
			}
			job := testJob("return 1", 300)
			if tt.mode == "no-read" {
				// More than a pipe holds, so that the write blocks.
				job.Code = "return '" + strings.Repeat("x", 1<<20) + "'"
			}
			start := time.Now()
			out := r.Run(context.Background(), job, 0, nil)
			if out.Status != tt.status || out.Error == nil || !strings.Contains(out.Error.Message+out.Stderr, tt.errSub) {
				t.Errorf("outcome = %q %+v (stderr %.200q), want %q containing %q", out.Status, out.Error, out.Stderr, tt.status, tt.errSub)
			}
			if out.Undelivered != tt.undelivered {
				t.Errorf("undelivered = %v, want %v", out.Undelivered, tt.undelivered)
			}
			if r.Alive() {
				t.Error("runner still alive after Run")
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Run took %v: the supervisor waited on a broken runner", d)
			}
		})
	}
}

func TestRunnerNotReusable(t *testing.T) {
	r, err := Start(Config{RunnerPath: testutil.Runner(t)}, Spec{ID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if out := r.Run(context.Background(), testJob("return 1", 1000), 0, nil); out.Status != result.OK {
		t.Fatalf("first run = %+v", out)
	}
	if out := r.Run(context.Background(), testJob("return 1", 1000), 0, nil); out.Status != result.Internal {
		t.Fatalf("second run = %q, want internal", out.Status)
	}
}

func TestCancel(t *testing.T) {
	r, err := Start(Config{RunnerPath: testutil.Runner(t)}, Spec{ID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	out := r.Run(ctx, testJob("for (;;) {}", 10000), 0, nil)
	if out.Status != result.Cancelled || !strings.Contains(out.Error.Message, "cancelled") {
		t.Fatalf("outcome = %q %+v, want cancelled", out.Status, out.Error)
	}
}

func TestStartMissingRunner(t *testing.T) {
	if _, err := Start(Config{RunnerPath: "/nonexistent/runner"}, Spec{ID: "t"}); err == nil {
		t.Fatal("Start of a missing runner succeeded")
	}
}

var _ = io.EOF
