package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"codexec/audit"
	"codexec/broker"
	"codexec/bus"
	"codexec/config"
	"codexec/internal/testutil"
	"codexec/ipc"
	"codexec/metrics"
	"codexec/result"
	"codexec/sandbox"
)

// fakeRunnerEnv makes the test binary a runner that calls tools: it does
// what the code of a real runner's job would, so that the supervisor's side
// of tool calling is tested end to end (checks, replies, audit, events,
// metrics) with a runner that speaks the protocol.
const fakeRunnerEnv = "CODEXEC_FAKE_TOOL_RUNNER"

// fakeToolRunner reads its job, makes the calls listed in the job's
// context ({"calls": [{"name", "args"}]}) one after the other, and
// returns what each got: the result, or {"code": ...}.
func fakeToolRunner() {
	jobR, msg := os.NewFile(3, "job"), os.NewFile(4, "msg")
	_ = ipc.Write(msg, ipc.TypeReady, ipc.Ready{Proto: ipc.ProtoVersion, PID: os.Getpid()})
	var job ipc.Job
	if err := ipc.Expect(jobR, 0, ipc.TypeJob, &job); err != nil {
		os.Exit(3)
	}
	var in struct {
		Calls []struct {
			Name string          `json:"name"`
			Args json.RawMessage `json:"args"`
		} `json:"calls"`
	}
	_ = json.Unmarshal(job.Context, &in)
	var got []any
	for i, c := range in.Calls {
		_ = ipc.Write(msg, ipc.TypeCall, ipc.Call{ID: int64(i + 1), Name: c.Name, Args: c.Args})
		var r ipc.Reply
		if err := ipc.Expect(jobR, ipc.MaxReplyFrame, ipc.TypeReply, &r); err != nil {
			os.Exit(4)
		}
		if r.Error != nil {
			got = append(got, map[string]string{"code": r.Error.Code})
		} else {
			got = append(got, r.Result)
		}
	}
	out, _ := json.Marshal(map[string]any{"tools": job.Tools, "got": got})
	_ = ipc.Write(msg, ipc.TypeResult, ipc.Result{Status: result.OK, Output: out})
	_, _ = io.Copy(io.Discard, jobR)
}

// fakeToolRunnerPath is a runner executable that is this test binary in
// fakeToolRunner mode (the sandbox gives runners a fixed environment, so
// the mode is set by a script that execs it, keeping its descriptors).
func fakeToolRunnerPath(t *testing.T) string {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "runner")
	script := fmt.Sprintf("#!/bin/sh\n%s=1 exec %q \"$@\"\n", fakeRunnerEnv, self)
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

var crmTools = []broker.Tool{
	{Name: "crm.findCustomer", Description: "Find a customer by email.",
		InputSchema:  json.RawMessage(`{"type":"object","properties":{"email":{"type":"string"}},"required":["email"]}`),
		OutputSchema: json.RawMessage(`{"type":"object","required":["id"]}`)},
	{Name: "orders.list", InputSchema: json.RawMessage(`{"type":"object","properties":{"customer":{"type":"integer"}}}`)},
}

// crmHandler answers the crm tools: customers by email, orders of
// customer 42 only (others are not_found).
type crmHandler struct{ calls atomic.Int64 }

func (h *crmHandler) Call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error) {
	h.calls.Add(1)
	var a struct {
		Email    string `json:"email"`
		Customer int    `json:"customer"`
	}
	if err := json.Unmarshal(args, &a); err != nil {
		return nil, err
	}
	switch name {
	case "crm.findCustomer":
		if a.Email == "never@x" {
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return json.RawMessage(`{"id":42,"email":` + fmt.Sprintf("%q", a.Email) + `}`), nil
	case "orders.list":
		if a.Customer != 42 {
			return nil, &broker.ToolError{Code: "not_found", Message: "no such customer"}
		}
		return json.RawMessage(`[{"id":1,"total":9.5},{"id":2,"total":20}]`), nil
	}
	return nil, errors.New("unknown tool")
}

func TestToolsRefused(t *testing.T) {
	s := newService(t)
	tests := []struct {
		name string
		req  Request
		sub  string
	}{
		{"no handler", Request{Code: "return 1", Tools: crmTools}, "tools need a caller that answers them"},
		{"bad name", Request{Code: "return 1", Tools: []broker.Tool{{Name: "get-issue", InputSchema: json.RawMessage(`{}`)}}, ToolHandler: &crmHandler{}},
			`tools: tools[0]: the part "get-issue" is not an identifier`},
		{"namespace clash", Request{Code: "return 1", Tools: []broker.Tool{crmTools[0], {Name: "crm", InputSchema: json.RawMessage(`{}`)}}, ToolHandler: &crmHandler{}},
			`tools: tool "crm" and tool "crm.findCustomer" clash`},
		{"bad schema", Request{Code: "return 1", Tools: []broker.Tool{{Name: "a", InputSchema: json.RawMessage(`{"pattern":"(?<=x)"}`)}}, ToolHandler: &crmHandler{}},
			`tools: tool "a": inputSchema: does not compile`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := s.Execute(context.Background(), tt.req, nil)
			if res.Status != result.Invalid || res.Error == nil || !strings.Contains(res.Error.Message, tt.sub) {
				t.Fatalf("result = %q %+v, want invalid containing %q", res.Status, res.Error, tt.sub)
			}
		})
	}
	// A handler without tools changes nothing.
	if res := s.Execute(context.Background(), Request{Code: "return 1", ToolHandler: &crmHandler{}}, nil); res.Status != result.OK {
		t.Fatalf("result = %q %+v", res.Status, res.Error)
	}
	// The request's JSON carries the tools, never the handler.
	var req Request
	if err := json.Unmarshal([]byte(`{"code":"return 1","tools":[{"name":"a.b","description":"d","inputSchema":{"type":"object"}}]}`), &req); err != nil {
		t.Fatal(err)
	}
	if len(req.Tools) != 1 || req.Tools[0].Name != "a.b" || string(req.Tools[0].InputSchema) != `{"type":"object"}` || req.ToolHandler != nil {
		t.Fatalf("decoded %+v", req)
	}
}

// The supervisor's side end to end, with a runner that makes the calls:
// the job names the tools, every call is checked and answered, and the
// record, the events, the metrics and the stats show the calls.
func TestToolCallsRecorded(t *testing.T) {
	rec := openRecorder(t, audit.Config{})
	b := bus.New()
	sub := b.Subscribe(256, bus.ToolCallStarted, bus.ToolCallCompleted, bus.ToolCallFailed)
	defer sub.Close()
	m := metrics.New(metrics.Gauges{})
	lim := config.DefaultLimits()
	lim.MaxToolCalls = 3
	s, err := New(Options{RunnerPath: fakeToolRunnerPath(t), Recorder: rec, Bus: b, Metrics: m, Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	h := &crmHandler{}
	ctx := `{"calls":[
		{"name":"crm.findCustomer","args":{"email":"a@b.c"}},
		{"name":"orders.list","args":{"customer":42}},
		{"name":"orders.list","args":{"customer":7}},
		{"name":"crm.findCustomer","args":{"email":5}},
		{"name":"crm.deleteAll","args":{}},
		{"name":"orders.list","args":{"customer":42}}
	]}`
	res := s.Execute(context.Background(), Request{Code: "return 1", AgentID: "agent-tools", Context: json.RawMessage(ctx), Tools: crmTools, ToolHandler: h}, nil)
	want := `{"got":[{"id":42,"email":"a@b.c"},[{"id":1,"total":9.5},{"id":2,"total":20}],{"code":"not_found"},{"code":"invalid_arguments"},{"code":"undeclared"},{"code":"too_many_calls"}],"tools":["crm.findCustomer","orders.list"]}`
	if res.Status != result.OK || string(res.Output) != want {
		t.Fatalf("result = %q %s %+v\nwant %s", res.Status, res.Output, res.Error, want)
	}
	if h.calls.Load() != 3 {
		t.Errorf("the handler answered %d calls, want 3", h.calls.Load())
	}
	if err := rec.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	r, err := rec.Get(context.Background(), res.ID)
	if err != nil {
		t.Fatal(err)
	}
	var statuses []string
	for _, c := range r.ToolCalls {
		statuses = append(statuses, c.Name+":"+c.Status)
		if len(c.ArgsSHA256) != 64 || c.ArgsBytes == 0 {
			t.Errorf("call record %+v", c)
		}
	}
	if got := strings.Join(statuses, " "); got != "crm.findCustomer:ok orders.list:ok orders.list:not_found crm.findCustomer:invalid_arguments crm.deleteAll:undeclared orders.list:too_many_calls" {
		t.Errorf("record's calls: %s", got)
	}
	if r.ToolCalls[0].ResultBytes != int64(len(`{"id":42,"email":"a@b.c"}`)) {
		t.Errorf("result bytes %d", r.ToolCalls[0].ResultBytes)
	}
	if j, _ := json.Marshal(r.ToolCalls); strings.Contains(string(j), "a@b.c") {
		t.Errorf("the record's calls keep an argument: %s", j)
	}
	st, err := rec.AgentStats(context.Background(), "agent-tools", "")
	if err != nil || st.ToolCalls != 6 || st.ToolFailures != 4 {
		t.Errorf("stats = %+v (%v), want 6 tool calls, 4 failures", st, err)
	}
	// Events: a STARTED and one end for every call, in order per call.
	var evs []string
	for len(evs) < 12 {
		select {
		case e := <-sub.C():
			if e.ExecutionID != res.ID || e.AgentID != "agent-tools" || e.CallID == nil {
				t.Errorf("event %+v", e)
				continue
			}
			s := fmt.Sprintf("%d:%s", *e.CallID, strings.TrimPrefix(string(e.Type), "TOOL_CALL_"))
			if e.Type == bus.ToolCallFailed {
				s += ":" + e.Code
			}
			evs = append(evs, s)
		case <-time.After(5 * time.Second):
			t.Fatalf("events so far: %v", evs)
		}
	}
	if got := strings.Join(evs, " "); got != "1:STARTED 1:COMPLETED 2:STARTED 2:COMPLETED 3:STARTED 3:FAILED:not_found 4:STARTED 4:FAILED:invalid_arguments 5:STARTED 5:FAILED:undeclared 6:STARTED 6:FAILED:too_many_calls" {
		t.Errorf("events: %s", got)
	}
	body := scrape(t, m)
	for _, line := range []string{
		`codexec_tool_calls_total{status="ok"} 2`,
		`codexec_tool_calls_total{status="tool_error"} 1`,
		`codexec_tool_calls_total{status="undeclared"} 1`,
		`codexec_tool_call_duration_seconds_count 6`,
	} {
		if !strings.Contains(body, line) {
			t.Errorf("metrics lack %q", line)
		}
	}
}

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	w := httptest.NewRecorder()
	m.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	return w.Body.String()
}

// The same through a real runner, fully isolated (tools as the code sees
// them): cgroup, namespaces, uid, rlimits, landlock, seccomp.
func TestToolCallsRealRunner(t *testing.T) {
	s, rec := isolatedService(t, testutil.Runner(t))
	h := &crmHandler{}
	run := func(code string, timeoutMs int64) result.Result {
		return s.Execute(context.Background(), Request{Code: code, AgentID: "agent-real", Tools: crmTools, ToolHandler: h, TimeoutMs: timeoutMs}, nil)
	}
	if res := run("return typeof tools", 0); res.Status != result.OK || string(res.Output) != `"object"` {
		t.Fatalf("return typeof tools gave %s %s", res.Status, res.Output)
	}
	tests := []struct {
		name, code, output string
		status             result.Status
		calls              []string // the record's call statuses
	}{
		{"sequential", `let n = 0
			for (let i = 0; i < 50; i++) { const c = await tools.crm.findCustomer({email: 'a' + i + '@x'}); n += c.id }
			return n`, "2100", result.OK, nil},
		{"concurrent", `const cs = await Promise.all(Array.from({length: 8}, (_, i) => tools.crm.findCustomer({email: i + '@x'})))
			return cs.map(c => c.email).join()`, `"0@x,1@x,2@x,3@x,4@x,5@x,6@x,7@x"`, result.OK, nil},
		{"tool error caught", `try { await tools.orders.list({customer: 7}) } catch (e) { return [e.name, e.code, e.message] }`,
			`["ToolError","not_found","no such customer"]`, result.OK, []string{"not_found"}},
		{"schema violation", `try { await tools.crm.findCustomer({email: 5}) } catch (e) { return e.code }`,
			`"invalid_arguments"`, result.OK, []string{"invalid_arguments"}},
		{"undeclared is a TypeError", `try { await tools.crm.deleteAll({}) } catch (e) { return e instanceof TypeError }`,
			"true", result.OK, nil},
		{"the timeout covers the wait", `await tools.crm.findCustomer({email: 'never@x'})`, "", result.Timeout, []string{"timeout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(tt.code, 2000)
			if res.Status != tt.status || (tt.output != "" && string(res.Output) != tt.output) {
				t.Fatalf("result = %q %s %+v, want %q %s", res.Status, res.Output, res.Error, tt.status, tt.output)
			}
			if tt.calls == nil {
				return
			}
			if err := rec.Flush(context.Background()); err != nil {
				t.Fatal(err)
			}
			r, err := rec.Get(context.Background(), res.ID)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range r.ToolCalls {
				got = append(got, c.Status)
			}
			if strings.Join(got, ",") != strings.Join(tt.calls, ",") {
				t.Errorf("record's calls %v, want %v", got, tt.calls)
			}
		})
	}
}

// An attacker with native code in a locked-down runner (the probe build)
// writes call frames past the runtime: an undeclared tool and arguments
// the schema refuses never reach the handler; a flood ends the runner
// before more than the cap reaches it.
func TestForgedCallFrames(t *testing.T) {
	s, rec := isolatedService(t, testutil.ProbeRunner(t))
	for _, tt := range []struct {
		mode   string
		status result.Status
		code   string // the recorded call's status, for a single call
	}{
		{"undeclared", result.OK, "undeclared"},
		{"badargs", result.OK, "invalid_arguments"},
		{"flood", result.Internal, ""},
	} {
		t.Run(tt.mode, func(t *testing.T) {
			h := &crmHandler{}
			res := s.Execute(context.Background(), Request{Code: "probe:forgecall:" + tt.mode, AgentID: "forger", Tools: crmTools, ToolHandler: h, TimeoutMs: 5000}, nil)
			if res.Status != tt.status {
				t.Fatalf("status %s %s %+v, want %s", res.Status, res.Output, res.Error, tt.status)
			}
			if err := rec.Flush(context.Background()); err != nil {
				t.Fatal(err)
			}
			r, err := rec.Get(context.Background(), res.ID)
			if err != nil {
				t.Fatal(err)
			}
			if tt.code != "" {
				// The runner's result may come before the supervisor
				// answered: the call is then cut off (cancelled); either
				// way, it never reached the handler.
				if h.calls.Load() != 0 || len(r.ToolCalls) != 1 || r.ToolCalls[0].Status != tt.code && r.ToolCalls[0].Status != "cancelled" {
					t.Errorf("handler calls %d, recorded calls %+v; want none handled, one %s", h.calls.Load(), r.ToolCalls, tt.code)
				}
				return
			}
			if n := h.calls.Load(); n > 100 {
				t.Errorf("the flood reached the handler %d times, over the cap of 100", n)
			}
			if res.Error == nil || !strings.Contains(res.Error.Message, "protocol") {
				t.Errorf("flood: %+v", res.Error)
			}
			t.Logf("flood: %d calls handled; %s", h.calls.Load(), res.Error.Message)
		})
	}
}

// isolatedService is a service whose runners (runner) are fully isolated,
// recording to an embedded store.
func isolatedService(t *testing.T, runner string) (*Service, *audit.Recorder) {
	t.Helper()
	testutil.RequireRoot(t)
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{})
	if err != nil {
		t.Fatalf("full isolation: %v", err)
	}
	rec := openRecorder(t, audit.Config{})
	s, err := New(Options{RunnerPath: runner, Recorder: rec, Isolation: iso})
	if err != nil {
		t.Fatal(err)
	}
	return s, rec
}
