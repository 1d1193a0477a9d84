package sandbox

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"codexec/broker"
	"codexec/ipc"
	"codexec/result"
)

// fakeCallRunner is the fake runner's tool-calling modes: they read the
// job, send call frames, read the replies from the job pipe and report
// what they got as their result's output. It returns false for a mode it
// does not know.
func fakeCallRunner(mode string, jobR, msg *os.File) bool {
	die := func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, format+"\n", args...)
		os.Exit(3)
	}
	var job ipc.Job
	first := func() string {
		if len(job.Tools) == 0 {
			return "echo"
		}
		return job.Tools[0]
	}
	start := func() {
		_ = ipc.Write(msg, ipc.TypeReady, ipc.Ready{Proto: ipc.ProtoVersion, PID: os.Getpid()})
		if err := ipc.Expect(jobR, 0, ipc.TypeJob, &job); err != nil {
			die("job: %v", err)
		}
	}
	call := func(id int64, name, args string) {
		if err := ipc.Write(msg, ipc.TypeCall, ipc.Call{ID: id, Name: name, Args: json.RawMessage(args)}); err != nil {
			die("call: %v", err)
		}
	}
	// reply reads one reply and renders it: the result's JSON, or
	// "error:<code>".
	reply := func() (int64, string) {
		var r ipc.Reply
		if err := ipc.Expect(jobR, ipc.MaxReplyFrame, ipc.TypeReply, &r); err != nil {
			die("reply: %v", err)
		}
		if r.Error != nil {
			return r.ID, "error:" + r.Error.Code
		}
		return r.ID, string(r.Result)
	}
	// finish sends an ok result with v as output, then waits for the end of
	// the job pipe as the real runner does.
	finish := func(v any) {
		b, _ := json.Marshal(v)
		_ = ipc.Write(msg, ipc.TypeResult, ipc.Result{Status: result.OK, Output: b})
		_, _ = io.Copy(io.Discard, jobR)
	}
	switch mode {
	case "call-one":
		// One call of the first declared tool, with the arguments the
		// code gives (in the job's context).
		start()
		call(7, first(), string(job.Context))
		id, got := reply()
		finish(map[string]any{"id": id, "got": got})
	case "call-concurrent":
		// 8 calls at once (the in-flight cap), the replies in any order.
		start()
		for i := int64(1); i <= 8; i++ {
			call(i, "echo", fmt.Sprintf(`{"n":%d}`, i))
		}
		got := map[string]string{}
		for i := 0; i < 8; i++ {
			id, v := reply()
			got[fmt.Sprint(id)] = v
		}
		finish(got)
	case "call-many":
		// Calls one after the other, each answered before the next: as many
		// as the job's context says.
		start()
		var n struct{ N int64 }
		_ = json.Unmarshal(job.Context, &n)
		var codes []string
		for i := int64(1); i <= n.N; i++ {
			call(i, first(), `{"n":1}`)
			_, v := reply()
			codes = append(codes, v)
		}
		finish(codes)
	case "call-dup-id":
		start()
		call(1, "slow", `{}`)
		call(1, "slow", `{}`)
		time.Sleep(time.Minute)
	case "call-flood":
		// Calls without reading a reply, far past every cap.
		start()
		for i := int64(1); i <= 10000; i++ {
			call(i, "undeclared", `{}`)
		}
		time.Sleep(time.Minute)
	case "call-after-result":
		start()
		_ = ipc.Write(msg, ipc.TypeResult, ipc.Result{Status: result.OK, Output: json.RawMessage("1")})
		call(1, "echo", `{}`)
		_, _ = io.Copy(io.Discard, jobR)
	case "call-malformed":
		start()
		payload := `{"type":"call","arg":{"id":1,"name":"echo","args":{},"extra":true}}`
		b := make([]byte, 4+len(payload))
		binary.BigEndian.PutUint32(b, uint32(len(payload)))
		copy(b[4:], payload)
		_, _ = msg.Write(b)
		time.Sleep(time.Minute)
	case "call-wait":
		// Waits for the reply of a tool that never answers by itself.
		start()
		call(1, "slow", `{}`)
		_, got := reply()
		finish(got)
	case "call-hang":
		// Calls a tool that never answers, and never sends a result.
		start()
		call(1, "slow", `{}`)
		time.Sleep(time.Minute)
	case "call-and-return":
		// Returns without waiting for its call's answer.
		start()
		call(1, "slow", `{}`)
		finish("done")
	default:
		return false
	}
	return true
}

var testTools = []broker.Tool{
	{Name: "echo", InputSchema: json.RawMessage(`{"type":"object"}`)},
	{Name: "crm.find", InputSchema: json.RawMessage(`{"type":"object","properties":{"email":{"type":"string"}},"required":["email"]}`)},
	{Name: "slow", InputSchema: json.RawMessage(`{"type":"object"}`)},
}

// testHandler echoes its arguments, finds {"id":1} for crm.find, and makes
// slow wait for its context, counting the calls that saw it end.
type testHandler struct {
	calls, ended atomic.Int64
}

func (h *testHandler) Call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error) {
	h.calls.Add(1)
	switch name {
	case "crm.find":
		return json.RawMessage(`{"id":1}`), nil
	case "slow":
		<-ctx.Done()
		h.ended.Add(1)
		return nil, ctx.Err()
	}
	return args, nil
}

func runCalls(t *testing.T, mode string, job ipc.Job, maxCalls int) (Outcome, *broker.Session, *testHandler) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	h := &testHandler{}
	sess, err := broker.NewSession(testTools, h, broker.Options{Limits: broker.Limits{MaxCalls: maxCalls, MaxArgBytes: 1 << 10, MaxResultBytes: 1 << 20}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Start(Config{RunnerPath: self, Env: []string{"CODEXEC_FAKE_RUNNER=" + mode}, StartTimeout: 5 * time.Second}, Spec{ID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if job.Tools == nil {
		job.Tools = sess.Names()
	}
	out := r.RunWith(context.Background(), job, 0, RunOptions{OnCall: sess.Call, MaxCalls: maxCalls, MaxCallArgBytes: 1 << 10})
	if r.Alive() {
		t.Error("runner still alive after Run")
	}
	return out, sess, h
}

func wantOK(t *testing.T, out Outcome, output string) {
	t.Helper()
	if out.Status != result.OK || string(out.Output) != output {
		t.Fatalf("outcome = %q %s %+v (stderr %.300q), want ok %s", out.Status, out.Output, out.Error, out.Stderr, output)
	}
}

func wantInternal(t *testing.T, out Outcome, sub string) {
	t.Helper()
	if out.Status != result.Internal || out.Error == nil || !strings.Contains(out.Error.Message, sub) {
		t.Fatalf("outcome = %q %+v (stderr %.300q), want internal containing %q", out.Status, out.Error, out.Stderr, sub)
	}
}

func TestCallAnswered(t *testing.T) {
	tests := []struct {
		name, tool, args, got, status string
		handled                       int64
	}{
		{"echo", "echo", `{"a":[1,"x"]}`, `{"a":[1,"x"]}`, "ok", 1},
		{"namespaced", "crm.find", `{"email":"a@b"}`, `{"id":1}`, "ok", 1},
		{"schema violation", "crm.find", `{"email":5}`, "error:invalid_arguments", "invalid_arguments", 0},
		{"too large", "echo", `{"s":"` + strings.Repeat("x", 1100) + `"}`, "error:too_large", "too_large", 0},
		{"undeclared", "nope", `{}`, "error:undeclared", "undeclared", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			job := testJob("", 5000)
			job.Context = json.RawMessage(tt.args)
			job.Tools = []string{tt.tool}
			out, sess, h := runCalls(t, "call-one", job, 100)
			b, _ := json.Marshal(map[string]any{"id": 7, "got": tt.got})
			wantOK(t, out, string(b))
			if h.calls.Load() != tt.handled {
				t.Errorf("the handler saw %d calls, want %d", h.calls.Load(), tt.handled)
			}
			recs := sess.Records()
			if len(recs) != 1 || recs[0].Status != tt.status || recs[0].ArgsBytes != len(tt.args) {
				t.Errorf("records = %+v, want one with status %s and %d argument bytes", recs, tt.status, len(tt.args))
			}
		})
	}
}

func TestCallsConcurrent(t *testing.T) {
	out, sess, _ := runCalls(t, "call-concurrent", testJob("", 5000), 100)
	var got map[string]string
	if err := json.Unmarshal(out.Output, &got); err != nil || out.Status != result.OK {
		t.Fatalf("outcome %q %s %+v: %v", out.Status, out.Output, out.Error, err)
	}
	for i := 1; i <= 8; i++ {
		if want := fmt.Sprintf(`{"n":%d}`, i); got[fmt.Sprint(i)] != want {
			t.Errorf("reply %d = %q, want %q", i, got[fmt.Sprint(i)], want)
		}
	}
	if n := len(sess.Records()); n != 8 {
		t.Errorf("%d records, want 8", n)
	}
}

// Calls past maxToolCalls are answered too_many_calls; the handler never
// sees them.
func TestCallsCapped(t *testing.T) {
	job := testJob("", 10000)
	job.Context = json.RawMessage(`{"n":12}`)
	job.Tools = []string{"echo"}
	out, _, h := runCalls(t, "call-many", job, 10)
	var codes []string
	if err := json.Unmarshal(out.Output, &codes); err != nil || len(codes) != 12 {
		t.Fatalf("outcome %q %s %+v: %v", out.Status, out.Output, out.Error, err)
	}
	for i, c := range codes {
		want := `{"n":1}`
		if i >= 10 {
			want = "error:too_many_calls"
		}
		if c != want {
			t.Errorf("call %d = %q, want %q", i+1, c, want)
		}
	}
	if h.calls.Load() != 10 {
		t.Errorf("the handler saw %d calls, want 10", h.calls.Load())
	}
}

// Refused calls are answered up to maxToolCalls + CallSlack; one more ends
// the runner.
func TestCallSlack(t *testing.T) {
	job := testJob("", 10000)
	job.Tools = []string{"crm.find"}
	job.Context = json.RawMessage(fmt.Sprintf(`{"n":%d}`, 5+CallSlack))
	out, _, h := runCalls(t, "call-many", job, 5)
	if out.Status != result.OK {
		t.Fatalf("%d invalid calls: outcome %q %+v", 5+CallSlack, out.Status, out.Error)
	}
	if h.calls.Load() != 0 {
		t.Errorf("the handler saw %d invalid calls", h.calls.Load())
	}
	job.Context = json.RawMessage(fmt.Sprintf(`{"n":%d}`, 6+CallSlack))
	out, _, _ = runCalls(t, "call-many", job, 5)
	wantInternal(t, out, fmt.Sprintf("more than %d tool calls", 5+CallSlack))
}

func TestCallProtocolErrors(t *testing.T) {
	tests := []struct{ mode, sub string }{
		{"call-dup-id", "call id 1 used twice"},
		{"call-flood", "more than 101 tool calls"},
		{"call-after-result", `"call" after the result`},
		{"call-malformed", "malformed call"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			out, sess, h := runCalls(t, tt.mode, testJob("", 3000), 1)
			wantInternal(t, out, tt.sub)
			if d := time.Since(start); d > 2500*time.Millisecond {
				t.Errorf("Run took %v: the runner was not ended at once", d)
			}
			if tt.mode != "call-dup-id" && h.calls.Load() != 0 {
				t.Errorf("the handler saw %d calls", h.calls.Load())
			}
			if tt.mode == "call-flood" && len(sess.Records()) > 101 {
				t.Errorf("%d calls answered in a flood, want at most 101", len(sess.Records()))
			}
		})
	}
	t.Run("no tools declared", func(t *testing.T) {
		t.Parallel()
		job := testJob("", 3000)
		job.Tools = []string{}
		out, _, h := runCalls(t, "call-one", job, 100)
		wantInternal(t, out, "declared no tools")
		if h.calls.Load() != 0 {
			t.Errorf("the handler saw %d calls", h.calls.Load())
		}
	})
}

// The timeout covers the waits for tools: a call still unanswered at the
// deadline gets no answer (the runner stops itself at its own deadline, or
// is killed: no reply may let the code turn a timeout into a result), it
// is recorded as timeout, and the handler's context has ended. This fake
// runner has no deadline of its own, so the hard kill ends it.
func TestCallBoundedByTimeout(t *testing.T) {
	start := time.Now()
	out, sess, h := runCalls(t, "call-wait", testJob("", 300), 100)
	if out.Status != result.Timeout || !out.HardKilled {
		t.Fatalf("outcome = %q %s %+v, want a timeout with no answer given", out.Status, out.Output, out.Error)
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("ended after %v, before the 300 ms timeout", d)
	}
	if recs := sess.Records(); len(recs) != 1 || recs[0].Status != broker.CodeTimeout {
		t.Errorf("records = %+v, want one timeout", recs)
	}
	deadline := time.Now().Add(5 * time.Second)
	for h.ended.Load() != 1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if h.ended.Load() != 1 {
		t.Error("the handler's context did not end")
	}
}

// A runner that waits on a tool past its deadline is killed at the hard
// deadline, as any other.
func TestCallHangKilled(t *testing.T) {
	out, sess, _ := runCalls(t, "call-hang", testJob("", 300), 100)
	if out.Status != result.Timeout || !out.HardKilled {
		t.Fatalf("outcome = %q %+v, want a hard-killed timeout", out.Status, out.Error)
	}
	if recs := sess.Records(); len(recs) != 1 || recs[0].Status != broker.CodeTimeout {
		t.Errorf("records = %+v, want one timeout", recs)
	}
}

// A result that overtakes its call ends the call (cancelled), and Run
// does not wait for the handler.
func TestCallOvertakenByResult(t *testing.T) {
	start := time.Now()
	out, sess, _ := runCalls(t, "call-and-return", testJob("", 10000), 100)
	wantOK(t, out, `"done"`)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Run took %v", d)
	}
	recs := sess.Records()
	if len(recs) != 1 || recs[0].Status != broker.CodeCancelled {
		t.Errorf("records = %+v, want one cancelled", recs)
	}
}
