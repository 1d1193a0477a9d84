package broker

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"codexec/ipc"
)

func obj(s string) json.RawMessage { return json.RawMessage(s) }

var anyObject = obj(`{"type":"object"}`)

func TestCheckTools(t *testing.T) {
	tool := func(name string) Tool { return Tool{Name: name, InputSchema: anyObject} }
	many := make([]Tool, MaxTools+1)
	for i := range many {
		many[i] = tool(fmt.Sprintf("t%d", i))
	}
	tests := []struct {
		name  string
		tools []Tool
		err   string // "" when valid
	}{
		{"none", nil, ""},
		{"plain and dotted", []Tool{tool("search"), tool("crm.findCustomer"), tool("crm.orders.list"), tool("$x"), tool("_y1")}, ""},
		{"max tools", many[:MaxTools], ""},
		{"too many", many, "129 tools declared, over the cap of 128"},
		{"empty name", []Tool{tool("")}, "tools[0]: the name is empty"},
		{"digit first", []Tool{tool("1a")}, `the part "1a" is not an identifier`},
		{"dash", []Tool{tool("get-issue")}, `the part "get-issue" is not an identifier`},
		{"empty part", []Tool{tool("a..b")}, "empty part"},
		{"trailing dot", []Tool{tool("a.")}, "empty part"},
		{"non-ASCII", []Tool{tool("café")}, "not an identifier"},
		{"reserved", []Tool{tool("a.__proto__")}, `"__proto__" is reserved`},
		{"long", []Tool{tool(strings.Repeat("a", MaxNameBytes+1))}, "over the 128-byte cap"},
		{"deep", []Tool{tool("a.b.c.d.e.f.g.h.i")}, "9 dotted parts"},
		{"duplicate", []Tool{tool("a.b"), tool("a.b")}, `tool "a.b" is declared twice`},
		{"namespace clash", []Tool{tool("crm"), tool("crm.find")}, `tool "crm" and tool "crm.find" clash`},
		{"deep namespace clash", []Tool{tool("a.b.c.d"), tool("a.b")}, `tool "a.b" and tool "a.b.c.d" clash`},
		{"no clash on a shared prefix", []Tool{tool("ab"), tool("a.b"), tool("abc.d")}, ""},
		{"no input schema", []Tool{{Name: "a"}}, "inputSchema is required"},
		{"schema not an object", []Tool{{Name: "a", InputSchema: obj(`"object"`)}}, "a schema is a JSON object"},
		{"schema not JSON", []Tool{{Name: "a", InputSchema: obj(`{"type":`)}}, "not a JSON Schema"},
		{"schema wrong keyword type", []Tool{{Name: "a", InputSchema: obj(`{"minimum":"a"}`)}}, "not a JSON Schema"},
		{"bad regexp", []Tool{{Name: "a", InputSchema: obj(`{"pattern":"(?<=x)"}`)}}, "does not compile"},
		{"remote ref", []Tool{{Name: "a", InputSchema: obj(`{"$ref":"https://example.com/s.json"}`)}}, "does not compile"},
		{"local ref", []Tool{{Name: "a", InputSchema: obj(`{"$defs":{"e":{"type":"string"}},"type":"object","properties":{"x":{"$ref":"#/$defs/e"}}}`)}}, ""},
		{"draft 2020-12", []Tool{{Name: "a", InputSchema: obj(`{"$schema":"https://json-schema.org/draft/2020-12/schema"}`)}}, ""},
		{"draft-07", []Tool{{Name: "a", InputSchema: obj(`{"$schema":"http://json-schema.org/draft-07/schema#"}`)}}, ""},
		{"draft-04", []Tool{{Name: "a", InputSchema: obj(`{"$schema":"http://json-schema.org/draft-04/schema#"}`)}}, "not supported"},
		{"bad default", []Tool{{Name: "a", InputSchema: obj(`{"type":"object","properties":{"n":{"type":"integer","default":"x"}}}`)}}, "does not compile"},
		{"boolean schema", []Tool{{Name: "a", InputSchema: obj(`true`)}}, ""},
		{"bad output schema", []Tool{{Name: "a", InputSchema: anyObject, OutputSchema: obj(`[1]`)}}, `tool "a": outputSchema`},
		{"schema too large", []Tool{{Name: "a", InputSchema: obj(`{"description":"` + strings.Repeat("x", MaxSchemaBytes) + `"}`)}}, "over the 65536-byte cap"},
		{"description too large", []Tool{{Name: "a", InputSchema: anyObject, Description: strings.Repeat("x", MaxDescriptionBytes+1)}}, "description"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckTools(tt.tools)
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("CheckTools: %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("CheckTools = %v, want an error containing %q", err, tt.err)
			}
		})
	}
	// All the declarations together are bounded too.
	var big []Tool
	for i := 0; i < 20; i++ {
		big = append(big, Tool{Name: fmt.Sprintf("t%d", i), InputSchema: obj(`{"description":"` + strings.Repeat("x", 60<<10) + `"}`)})
	}
	if err := CheckTools(big); err == nil || !strings.Contains(err.Error(), "declarations are over") {
		t.Fatalf("CheckTools of %d large schemas = %v", len(big), err)
	}
}

var tools = []Tool{
	{Name: "echo", InputSchema: anyObject},
	{Name: "crm.findCustomer", InputSchema: obj(`{"type":"object","properties":{"email":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}}},"required":["email"],"additionalProperties":false}`),
		OutputSchema: obj(`{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]}`)},
	{Name: "raw", InputSchema: anyObject},
	{Name: "fail", InputSchema: anyObject},
}

// handler answers echo with its arguments, crm.findCustomer by email
// ("bad@x" gets a result that breaks the output schema), raw with the
// arguments' "out" string as raw bytes, fail with the error the arguments
// name.
type handler struct {
	mu    sync.Mutex
	names []string
}

func (h *handler) Call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error) {
	h.mu.Lock()
	h.names = append(h.names, name)
	h.mu.Unlock()
	var a struct {
		Email, Out, Err string
	}
	_ = json.Unmarshal(args, &a)
	switch name {
	case "crm.findCustomer":
		if a.Email == "bad@x" {
			return obj(`{"id":"one"}`), nil
		}
		return obj(`{"id":42}`), nil
	case "raw":
		return json.RawMessage(a.Out), nil
	case "fail":
		switch a.Err {
		case "tool":
			return nil, &ToolError{Code: "not_found", Message: "no such order"}
		case "badcode":
			return nil, &ToolError{Code: "has space", Message: "m"}
		case "panic":
			panic("boom")
		}
		return nil, errors.New("backend down")
	}
	return args, nil
}

func (h *handler) seen() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.names)
}

func session(t *testing.T, h Handler, lim Limits) *Session {
	t.Helper()
	s, err := NewSession(tools, h, Options{Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var lim = Limits{MaxCalls: 100, MaxArgBytes: 2 << 10, MaxResultBytes: 1 << 10}

func TestCalls(t *testing.T) {
	tests := []struct {
		name, tool, args string
		result           string // when ok
		code, msg        string // when not
		handled          bool
	}{
		{"echo", "echo", `{"a":1}`, `{"a":1}`, "", "", true},
		{"namespaced", "crm.findCustomer", `{"email":"a@b","tags":["x"]}`, `{"id":42}`, "", "", true},
		{"undeclared", "crm.deleteAll", `{}`, "", CodeUndeclared, "no tool crm.deleteAll was declared", false},
		{"undeclared namespace", "crm", `{}`, "", CodeUndeclared, "", false},
		{"undeclared hostile name", "a\x1b[2J\u202e", `{}`, "", CodeUndeclared, `\u001b[2J\u202e`, false},
		{"too large", "echo", `{"s":"` + strings.Repeat("x", 2<<10) + `"}`, "", CodeTooLarge, "2056 bytes of JSON, over the 2048-byte cap (maxToolArgBytes)", false},
		{"not JSON", "echo", `{"a":`, "", CodeInvalidArguments, "not JSON", false},
		{"no arguments", "echo", ``, "", CodeInvalidArguments, "not JSON", false},
		{"missing property", "crm.findCustomer", `{}`, "", CodeInvalidArguments, `missing properties: ["email"]`, false},
		{"wrong type deep", "crm.findCustomer", `{"email":"a","tags":[1]}`, "", CodeInvalidArguments, "at schema location /properties/tags/items: type:", false},
		{"additional property", "crm.findCustomer", `{"email":"a","x":1}`, "", CodeInvalidArguments, "at the root: unexpected additional properties", false},
		{"array for object", "echo", `[1]`, "", CodeInvalidArguments, "want \"object\"", false},
		{"tool error", "fail", `{"err":"tool"}`, "", "not_found", "no such order", true},
		{"tool error with a bad code", "fail", `{"err":"badcode"}`, "", CodeToolFailed, "m", true},
		{"other error", "fail", `{}`, "", CodeToolFailed, "fail failed: backend down", true},
		{"panic", "fail", `{"err":"panic"}`, "", CodeToolFailed, "panicked: boom", true},
		{"result not JSON", "raw", `{"out":"{nope"}`, "", CodeToolFailed, "not JSON", true},
		{"empty result is null", "raw", `{"out":""}`, "null", "", "", true},
		{"result too large", "raw", `{"out":"\"` + strings.Repeat("x", 1<<10) + `\""}`, "", CodeResultTooLarge, "1026 bytes of JSON, over the 1024-byte cap (maxToolResultBytes)", true},
		{"result against output schema", "crm.findCustomer", `{"email":"bad@x"}`, "", CodeInvalidResult, "does not match its outputSchema", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &handler{}
			s := session(t, h, lim)
			rep := s.Call(context.Background(), ipc.Call{ID: 3, Name: tt.tool, Args: json.RawMessage(tt.args)})
			if rep.ID != 3 {
				t.Errorf("reply id %d", rep.ID)
			}
			if tt.code == "" {
				if rep.Error != nil || string(rep.Result) != tt.result {
					t.Fatalf("reply = %s %+v, want %s", rep.Result, rep.Error, tt.result)
				}
			} else if rep.Error == nil || rep.Error.Code != tt.code || !strings.Contains(rep.Error.Message, tt.msg) || rep.Result != nil {
				t.Fatalf("reply = %s %+v, want error %s containing %q", rep.Result, rep.Error, tt.code, tt.msg)
			}
			if got := h.seen() == 1; got != tt.handled {
				t.Errorf("handler called: %v, want %v", got, tt.handled)
			}
			recs := s.Records()
			if len(recs) != 1 {
				t.Fatalf("records: %+v", recs)
			}
			r := recs[0]
			want := tt.code
			if want == "" {
				want = StatusOK
			}
			if r.Status != want || r.ArgsBytes != len(tt.args) || len(r.ArgsSHA256) != 64 || r.ResultBytes != map[bool]int{true: len(tt.result)}[want == StatusOK] {
				t.Errorf("record = %+v", r)
			}
			if strings.Contains(r.Name, "\x1b") {
				t.Errorf("record keeps a raw control character: %q", r.Name)
			}
		})
	}
}

// The record keeps a digest of the arguments, never the arguments.
func TestRecordHasNoArguments(t *testing.T) {
	s := session(t, &handler{}, lim)
	s.Call(context.Background(), ipc.Call{ID: 1, Name: "echo", Args: obj(`{"secret":"hunter2"}`)})
	b, _ := json.Marshal(s.Records())
	if strings.Contains(string(b), "hunter2") {
		t.Fatalf("record holds the arguments: %s", b)
	}
	sum := sha256.Sum256([]byte(`{"secret":"hunter2"}`))
	if r := s.Records()[0]; r.ArgsSHA256 != hex.EncodeToString(sum[:]) || r.ArgsBytes != 20 {
		t.Fatalf("record = %+v", r)
	}
}

// maxToolCalls counts the calls handlers get; refused ones do not count.
func TestMaxCalls(t *testing.T) {
	h := &handler{}
	s := session(t, h, Limits{MaxCalls: 3, MaxArgBytes: 1 << 10, MaxResultBytes: 1 << 10})
	s.Call(context.Background(), ipc.Call{ID: 1, Name: "nope", Args: obj(`{}`)})
	for i := int64(2); i <= 4; i++ {
		if rep := s.Call(context.Background(), ipc.Call{ID: i, Name: "echo", Args: obj(`{}`)}); rep.Error != nil {
			t.Fatalf("call %d: %+v", i, rep.Error)
		}
	}
	rep := s.Call(context.Background(), ipc.Call{ID: 5, Name: "echo", Args: obj(`{}`)})
	if rep.Error == nil || rep.Error.Code != CodeTooManyCalls || !strings.Contains(rep.Error.Message, "more than 3 tool calls (maxToolCalls)") {
		t.Fatalf("4th handled call = %+v", rep.Error)
	}
	if h.seen() != 3 {
		t.Fatalf("handler saw %d calls", h.seen())
	}
}

// blocker holds every call until released or its context ends.
type blocker struct {
	entered chan struct{}
	release chan struct{}
}

func (b *blocker) Call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error) {
	b.entered <- struct{}{}
	select {
	case <-b.release:
		id, _ := CallID(ctx)
		return json.RawMessage(fmt.Sprint(id)), nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func TestInFlight(t *testing.T) {
	b := &blocker{entered: make(chan struct{}, 100), release: make(chan struct{})}
	s := session(t, b, lim)
	replies := make(chan ipc.Reply, DefaultMaxInFlight)
	for i := 1; i <= DefaultMaxInFlight; i++ {
		go func(id int64) {
			replies <- s.Call(context.Background(), ipc.Call{ID: id, Name: "echo", Args: obj(`{}`)})
		}(int64(i))
	}
	for i := 0; i < DefaultMaxInFlight; i++ {
		<-b.entered
	}
	rep := s.Call(context.Background(), ipc.Call{ID: 99, Name: "echo", Args: obj(`{}`)})
	if rep.Error == nil || rep.Error.Code != CodeTooManyInFlight {
		t.Fatalf("9th call in flight = %s %+v, want too_many_in_flight", rep.Result, rep.Error)
	}
	close(b.release)
	got := map[string]bool{}
	for i := 0; i < DefaultMaxInFlight; i++ {
		r := <-replies
		if r.Error != nil || string(r.Result) != fmt.Sprint(r.ID) {
			t.Fatalf("reply %+v", r)
		}
		got[string(r.Result)] = true
	}
	if len(got) != DefaultMaxInFlight {
		t.Fatalf("replies %v", got)
	}
	// The slots are free again.
	if rep := s.Call(context.Background(), ipc.Call{ID: 100, Name: "echo", Args: obj(`{}`)}); rep.Error != nil {
		t.Fatalf("call after the others ended: %+v", rep.Error)
	}
}

// A call whose context ends is answered at once, whether or not the
// handler returns: timeout at the deadline, cancelled otherwise.
func TestCallContextEnds(t *testing.T) {
	stuck := HandlerFunc(func(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error) {
		select {} // ignores its context
	})
	s := session(t, stuck, lim)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	rep := s.Call(ctx, ipc.Call{ID: 1, Name: "echo", Args: obj(`{}`)})
	if rep.Error == nil || rep.Error.Code != CodeTimeout || !strings.Contains(rep.Error.Message, "time ran out while echo was running") {
		t.Fatalf("reply = %+v", rep.Error)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("answered after %v", d)
	}
	ctx2, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if rep := s.Call(ctx2, ipc.Call{ID: 2, Name: "echo", Args: obj(`{}`)}); rep.Error == nil || rep.Error.Code != CodeCancelled {
		t.Fatalf("reply = %+v", rep.Error)
	}
	recs := s.Records()
	if len(recs) != 2 || recs[0].Status != CodeTimeout || recs[1].Status != CodeCancelled {
		t.Fatalf("records %+v", recs)
	}
}

func TestSessionHooksAndNames(t *testing.T) {
	var mu sync.Mutex
	var events []string
	s, err := NewSession(tools, &handler{}, Options{Limits: lim,
		Started: func(id int64, name string) {
			mu.Lock()
			events = append(events, fmt.Sprintf("start %d %s", id, name))
			mu.Unlock()
		},
		Ended: func(id int64, r CallRecord) {
			mu.Lock()
			events = append(events, fmt.Sprintf("end %d %s %s", id, r.Name, r.Status))
			mu.Unlock()
		}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Names(), ","); got != "crm.findCustomer,echo,fail,raw" {
		t.Errorf("names %s", got)
	}
	s.Call(context.Background(), ipc.Call{ID: 1, Name: "echo", Args: obj(`{}`)})
	s.Call(context.Background(), ipc.Call{ID: 2, Name: "x", Args: obj(`{}`)})
	if got := strings.Join(events, "|"); got != "start 1 echo|end 1 echo ok|start 2 x|end 2 x undeclared" {
		t.Errorf("events %s", got)
	}
	if _, err := NewSession(tools, nil, Options{}); err == nil {
		t.Error("a session without a handler")
	}
	if _, err := NewSession([]Tool{{Name: "a b"}}, &handler{}, Options{}); err == nil {
		t.Error("a session with a bad declaration")
	}
}
