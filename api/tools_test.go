package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"codexec/api/client"
	"codexec/api/wire"
	"codexec/audit"
	"codexec/config"
	"codexec/internal/testutil"
	"codexec/result"
)

var crm = []wire.Tool{
	{Name: "crm.findCustomer", Description: "a customer by email",
		InputSchema: json.RawMessage(`{"type":"object","properties":{"email":{"type":"string"}},"required":["email"],"additionalProperties":false}`)},
	{Name: "crm.fail", InputSchema: json.RawMessage(`{"type":"object"}`)},
	{Name: "slow", InputSchema: json.RawMessage(`{"type":"object"}`)},
}

// crmHandlers answer crm.findCustomer with the email's length as the id,
// crm.fail with a ToolError, and slow only when ctx ends.
func crmHandlers(calls *atomic.Int64) map[string]client.ToolHandler {
	return map[string]client.ToolHandler{
		"crm.findCustomer": func(_ context.Context, args json.RawMessage) (any, error) {
			calls.Add(1)
			var a struct{ Email string }
			if err := json.Unmarshal(args, &a); err != nil {
				return nil, err
			}
			return map[string]any{"email": a.Email, "id": len(a.Email)}, nil
		},
		"crm.fail": func(context.Context, json.RawMessage) (any, error) {
			calls.Add(1)
			return nil, &client.ToolError{Code: "not_found", Message: "no such customer"}
		},
		"slow": func(ctx context.Context, _ json.RawMessage) (any, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		},
	}
}

func toolRecord(t *testing.T, d *daemon, id string) audit.Record {
	t.Helper()
	ctx := context.Background()
	if err := d.rec.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	r, err := d.rec.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The caller answers tool calls over the socket (the Go client drives the
// stream): sequential and concurrent calls, a tool's error caught by the
// code, arguments refused by the schema before any handler, an undeclared
// tool, the record of every call.
func TestStreamedToolCalls(t *testing.T) {
	d := startDaemon(t, daemonOpts{})
	ctx := context.Background()
	var calls atomic.Int64
	h := crmHandlers(&calls)
	run := func(code string) result.Result {
		t.Helper()
		res, err := d.c.Execute(ctx, wire.ExecuteRequest{Code: code, Tools: crm, AgentID: "tools"}, client.WithTools(h))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	tests := []struct {
		name, code, output string
		calls              int64
	}{
		{"50 sequential", "let n = 0; for (let i = 0; i < 50; i++) n += (await tools.crm.findCustomer({email: 'a'.repeat(i)})).id; return n", "1225", 50},
		{"50 concurrent, 8 at a time", `let n = 0; for (let b = 0; b < 50; b += 8) {
			const r = await Promise.all(Array.from({length: Math.min(8, 50 - b)}, (_, i) => tools.crm.findCustomer({email: 'x'.repeat(b + i)})));
			n += r.reduce((s, c) => s + c.id, 0) }; return n`, "1225", 50},
		{"a tool's error caught", "try { await tools.crm.fail({}) } catch (e) { return [e instanceof ToolError, e.code, e.message] }", `[true,"not_found","no such customer"]`, 1},
		{"arguments refused by the schema", "try { await tools.crm.findCustomer({mail: 1}) } catch (e) { return [e.name, e.code] }", `["ToolError","invalid_arguments"]`, 0},
		{"an undeclared tool", "try { await tools.crm.deleteAll() } catch (e) { return e instanceof TypeError }", "true", 0},
		{"logs and calls in order", "console.log('before'); const c = await tools.crm.findCustomer({email: 'ab'}); console.log('after', c.id); return c", `{"email":"ab","id":2}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := calls.Load()
			res := run(tt.code)
			if res.Status != result.OK || string(res.Output) != tt.output {
				t.Fatalf("%s %s %+v, want %s", res.Status, res.Output, res.Error, tt.output)
			}
			if got := calls.Load() - before; got != tt.calls {
				t.Errorf("the handlers ran %d times, want %d", got, tt.calls)
			}
		})
	}

	// The record lists the calls, never their arguments.
	res := run("await tools.crm.findCustomer({email: ['secret', 'example.com'].join('@')}); try { await tools.crm.fail({}) } catch {} ; return 1")
	r := toolRecord(t, d, res.ID)
	if len(r.ToolCalls) != 2 || r.ToolCalls[0].Name != "crm.findCustomer" || r.ToolCalls[0].Status != "ok" || r.ToolCalls[1].Status != "not_found" {
		t.Errorf("record's tool calls: %+v", r.ToolCalls)
	}
	if b, _ := json.Marshal(r); strings.Contains(string(b), "secret@example.com") {
		t.Errorf("the record holds a call's arguments: %s", b)
	}

	// With console lines passed on as they come.
	var logs []string
	res, err := d.c.Execute(ctx, wire.ExecuteRequest{Code: "console.log('one'); await tools.crm.findCustomer({email: 'q'}); console.log('two'); return 0", Tools: crm},
		client.WithTools(h), client.WithLogs(func(l result.Log) { logs = append(logs, l.Message) }))
	if err != nil || res.Status != result.OK || strings.Join(logs, ",") != "one,two" {
		t.Errorf("logs passed on: %v (%+v, %v)", logs, res, err)
	}
}

// More calls than maxToolCalls are refused in the code (too_many_calls);
// the caps come from the configuration.
func TestStreamedToolCallCap(t *testing.T) {
	lim := config.DefaultLimits()
	lim.MaxToolCalls = 5
	d := startDaemon(t, daemonOpts{limits: lim})
	var calls atomic.Int64
	res, err := d.c.Execute(context.Background(), wire.ExecuteRequest{Tools: crm,
		Code: "const codes = []; for (let i = 0; i < 8; i++) { try { await tools.crm.findCustomer({email: 'e'}); codes.push('ok') } catch (e) { codes.push(e.code) } } return codes"},
		client.WithTools(crmHandlers(&calls)))
	if err != nil || res.Status != result.OK || string(res.Output) != `["ok","ok","ok","ok","ok","too_many_calls","too_many_calls","too_many_calls"]` {
		t.Fatalf("%+v %v", res, err)
	}
	if calls.Load() != 5 {
		t.Errorf("the handler ran %d times, want 5", calls.Load())
	}
}

// A caller that never answers: the execution times out, its record says
// so; one that closes the stream mid-call: the runner is gone at once and
// the record says cancelled.
func TestStreamedToolCallUnanswered(t *testing.T) {
	testutil.RequireRoot(t)
	d := startDaemon(t, daemonOpts{})
	ctx := context.Background()
	var calls atomic.Int64
	res, err := d.c.Execute(ctx, wire.ExecuteRequest{Code: "return await tools.slow({})", Tools: crm, Timeout: 500}, client.WithTools(crmHandlers(&calls)))
	if err != nil || res.Status != result.Timeout {
		t.Fatalf("unanswered: %+v %v", res, err)
	}
	if r := toolRecord(t, d, res.ID); r.Status != result.Timeout || len(r.ToolCalls) != 1 || r.ToolCalls[0].Status != "timeout" {
		t.Errorf("record: %s %+v", r.Status, r.ToolCalls)
	}

	// Closing the stream mid-call, by hand: read up to the tool_call line,
	// then hang up.
	conn, err := net.Dial("unix", d.socket)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(wire.ExecuteRequest{Code: "return await tools.slow({})", Tools: crm, Timeout: 20000, Stream: true, AgentID: "hang-up"})
	fmt.Fprintf(conn, "POST /v1/executions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("stream: %v %v", resp, err)
	}
	sc := bufio.NewScanner(resp.Body)
	var id string
	for sc.Scan() {
		var ev wire.StreamEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatal(err)
		}
		id = ev.ExecutionID
		if ev.Type == wire.StreamToolCall {
			break
		}
	}
	at := time.Now()
	conn.Close()
	for deadline := time.Now().Add(10 * time.Second); ; {
		running, _, _, _ := d.svc.Admission()
		if running == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the execution still runs 10 s after its stream closed")
		}
		time.Sleep(time.Millisecond)
	}
	t.Logf("the execution ended %v after its stream closed", time.Since(at))
	if r := toolRecord(t, d, id); r.Status != result.Cancelled || r.ExecutionTime >= 20000 {
		t.Errorf("record after the stream closed: %s, %v ms", r.Status, r.ExecutionTime)
	}
}

// The protocol's refusals: tools without a stream, answers to calls that
// are not waiting, malformed answers.
func TestStreamedToolCallRefusals(t *testing.T) {
	d := startDaemon(t, daemonOpts{})
	body, _ := json.Marshal(wire.ExecuteRequest{Code: "return 1", Tools: crm})
	if code, b := d.do(t, "POST", "/v1/executions", string(body)); code != 400 || !strings.Contains(string(b), `"code":"bad_request"`) || !strings.Contains(string(b), "must be streamed") {
		t.Errorf("tools without a stream: %d %s", code, b)
	}
	if code, b := d.do(t, "POST", "/v1/executions/exec_01M97QW5TDTR3SFY5P7KD5AJJK/tool-results", `{"callId":"1","result":1}`); code != 404 {
		t.Errorf("an answer for no execution: %d %s", code, b)
	}
	// A stream with one call waiting, driven by hand.
	conn, err := net.Dial("unix", d.socket)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body, _ = json.Marshal(wire.ExecuteRequest{Code: "return await tools.crm.findCustomer({email: 'w'})", Tools: crm, Stream: true})
	fmt.Fprintf(conn, "POST /v1/executions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/x-ndjson" {
		t.Fatalf("stream: %v %v", resp, err)
	}
	sc := bufio.NewScanner(resp.Body)
	next := func() wire.StreamEvent {
		t.Helper()
		if !sc.Scan() {
			t.Fatalf("the stream ended: %v", sc.Err())
		}
		var ev wire.StreamEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatal(err)
		}
		return ev
	}
	if ev := next(); ev.Type != wire.StreamStarted || !strings.HasPrefix(ev.ExecutionID, "exec_") {
		t.Fatalf("first line %+v", ev)
	}
	call := next()
	if call.Type != wire.StreamToolCall || call.Name != "crm.findCustomer" || string(call.Arguments) != `{"email":"w"}` || call.CallID == "" {
		t.Fatalf("tool_call line %+v", call)
	}
	path := "/v1/executions/" + call.ExecutionID + "/tool-results"
	for _, c := range []struct {
		body string
		code int
	}{
		{`{"callId":"999","result":1}`, 404},
		{`{"callId":"` + call.CallID + `","result":1,"error":{"code":"x","message":"y"}}`, 400},
		{`{"callId":"` + call.CallID + `"}`, 400},
		{`{"callId":"` + call.CallID + `","error":{"code":"x"}}`, 400},
		{`{"result":1}`, 400},
		{`{"callId":"` + call.CallID + `","result":{"id":7}}`, 204},
		{`{"callId":"` + call.CallID + `","result":{"id":8}}`, 404}, // answered once
	} {
		if code, b := d.do(t, "POST", path, c.body); code != c.code {
			t.Errorf("POST %s %s: %d %s, want %d", path, c.body, code, b, c.code)
		}
	}
	last := next()
	if last.Type != wire.StreamResult || last.Result == nil || last.Result.Status != result.OK || string(last.Result.Output) != `{"id":7}` {
		t.Errorf("result line %+v", last)
	}
}
