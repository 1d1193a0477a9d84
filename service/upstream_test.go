package service

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"codexec/audit"
	"codexec/broker"
	"codexec/config"
	"codexec/internal/testutil"
	"codexec/result"
	"codexec/sandbox"
	"codexec/upstream"
)

// Code mode through a real runner, fully isolated: the tools of a real MCP
// server (started from its configuration) called from the code, their
// errors as ToolErrors, a server that crashes mid-call restarted for the
// next execution, and the tool policy deciding what each agent sees.
func TestUpstreamRealRunner(t *testing.T) {
	testutil.RequireRoot(t)
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{})
	if err != nil {
		t.Fatalf("full isolation: %v", err)
	}
	bin := testutil.MCPTestServer(t)
	hub, err := upstream.Start(context.Background(), upstream.Options{
		Servers: map[string]config.MCPServer{"calc": {Command: bin}, "other": {Command: bin}},
		Policy:  map[string][]string{"agent-all": {"*"}, "agent-add": {"calc.add"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer hub.Close()
	rec := openRecorder(t, audit.Config{})
	s, err := New(Options{RunnerPath: testutil.Runner(t), Recorder: rec, Isolation: iso, Upstream: hub})
	if err != nil {
		t.Fatal(err)
	}
	run := func(agent, code string, tools []broker.Tool, h broker.Handler) result.Result {
		return s.Execute(context.Background(), Request{Code: code, AgentID: agent, Tools: tools, ToolHandler: h, TimeoutMs: 20000}, nil)
	}
	tests := []struct {
		name, agent, code, output string
	}{
		{"values", "agent-all", `const s = await tools.calc.add({a: 2, b: 3})
			const e = await tools.other.echo({text: 'x'})
			const i = await tools.calc.get_issue({number: 7})
			return [s.sum, e, i.title]`, `[5,"echo: x","issue 7"]`},
		{"tool error", "agent-all", `try { await tools.calc.fail({}) } catch (e) { return [e instanceof ToolError, e.code, e.message] }`,
			`[true,"tool_error","it failed on purpose"]`},
		{"schema checked before the server", "agent-all", `try { await tools.calc.add({a: 'two'}) } catch (e) { return e.code }`, `"invalid_arguments"`},
		{"many calls", "agent-all", `const r = await Promise.all(Array.from({length: 8}, (_, i) => tools.calc.add({a: i, b: 1})))
			let n = 0; for (let i = 0; i < 40; i++) n += (await tools.other.add({a: i, b: 0})).sum
			return [r.map(x => x.sum).join(), n]`, `["1,2,3,4,5,6,7,8",780]`},
		{"policy: one tool", "agent-add", `return [typeof tools.calc.add, typeof tools.calc.echo, typeof tools.other]`, `["function","undefined","undefined"]`},
		{"policy: none", "agent-none", `return typeof globalThis.tools?.calc`, `"undefined"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(tt.agent, tt.code, nil, nil)
			if res.Status != result.OK || string(res.Output) != tt.output {
				t.Fatalf("result = %q %s %+v, want %s", res.Status, res.Output, res.Error, tt.output)
			}
		})
	}

	t.Run("crash and the next execution", func(t *testing.T) {
		res := run("agent-all", `try { await tools.calc.crash({}) } catch (e) { return [e.code, e.message] }`, nil, nil)
		if want := `["server_exited","the MCP server calc exited during the call: exit status 3"]`; res.Status != result.OK || string(res.Output) != want {
			t.Fatalf("result = %q %s %+v, want %s", res.Status, res.Output, res.Error, want)
		}
		res = run("agent-all", `return (await tools.calc.add({a: 20, b: 22})).sum`, nil, nil)
		if res.Status != result.OK || string(res.Output) != "42" {
			t.Fatalf("after the crash: %q %s %+v", res.Status, res.Output, res.Error)
		}
		if err := rec.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		r, err := rec.Get(context.Background(), res.ID)
		if err != nil || len(r.ToolCalls) != 1 || r.ToolCalls[0].Name != "calc.add" || r.ToolCalls[0].Status != "ok" {
			t.Errorf("record's calls %+v (%v)", r.ToolCalls, err)
		}
	})

	t.Run("own tools beside the upstream ones", func(t *testing.T) {
		own := []broker.Tool{{Name: "crm.find", InputSchema: json.RawMessage(`{"type":"object"}`)}}
		h := broker.HandlerFunc(func(context.Context, string, json.RawMessage) (json.RawMessage, error) {
			return json.RawMessage(`"mine"`), nil
		})
		res := run("agent-all", `return [await tools.crm.find({}), (await tools.calc.add({a: 1, b: 2})).sum]`, own, h)
		if res.Status != result.OK || string(res.Output) != `["mine",3]` {
			t.Fatalf("result = %q %s %+v", res.Status, res.Output, res.Error)
		}
		res = run("agent-all", `return 1`, []broker.Tool{{Name: "calc.mine", InputSchema: json.RawMessage(`{}`)}}, h)
		if res.Status != result.Invalid || !strings.Contains(res.Error.Message, `tool "calc.mine" clashes with the MCP server "calc"`) {
			t.Fatalf("clash: %q %+v", res.Status, res.Error)
		}
	})
}
