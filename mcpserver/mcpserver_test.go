package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"codexec/audit"
	"codexec/config"
	"codexec/detect"
	"codexec/internal/testutil"
	"codexec/result"
	"codexec/sandbox"
	"codexec/service"
)

func TestSanitizeID(t *testing.T) {
	long := strings.Repeat("a", detect.MaxIDLength+10)
	tests := []struct{ name, want string }{
		{"Claude Desktop", "Claude-Desktop"},
		{"claude-ai", "claude-ai"},
		{"Test Agent (codexec)", "Test-Agent-codexec"},
		{"  spaced  out  ", "spaced-out"},
		{"cursor/1.2+beta@host:x_y.z", "cursor/1.2+beta@host:x_y.z"},
		{"Zed — éditeur", "Zed-diteur"},
		{"-already-an-id-", "-already-an-id-"},
		{"日本語", ""},
		{"", ""},
		{long, long[:detect.MaxIDLength]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SanitizeID(tt.name)
			if got != tt.want {
				t.Fatalf("SanitizeID(%q) = %q, want %q", tt.name, got, tt.want)
			}
			if got != "" {
				if err := CheckAgentID(got); err != nil {
					t.Errorf("SanitizeID(%q) = %q, which the id rules refuse: %v", tt.name, got, err)
				}
			}
		})
	}
}

func TestAgentIDFor(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Claude Desktop", "Claude-Desktop"},
		{"", FallbackAgentID},
		{"日本語", FallbackAgentID},
	}
	for _, tt := range tests {
		if got := AgentIDFor(tt.name); got != tt.want {
			t.Errorf("AgentIDFor(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCheckAgentID(t *testing.T) {
	tests := []struct {
		id string
		ok bool
	}{
		{"my-agent", true},
		{"a.b_c-d:e@f/g+h", true},
		{"has space", false},
		{"", false},
		{strings.Repeat("x", detect.MaxIDLength+1), false},
	}
	for _, tt := range tests {
		if err := CheckAgentID(tt.id); (err == nil) != tt.ok {
			t.Errorf("CheckAgentID(%q) = %v, want ok %v", tt.id, err, tt.ok)
		}
	}
}

// The arguments are decoded exactly: the context byte for byte, shape
// errors with a message naming the argument.
func TestDecodeExecuteArgs(t *testing.T) {
	tests := []struct {
		name    string
		args    string
		wantErr string // substring; "" for success
		wantArg string // the argument the error names
		check   func(t *testing.T, in executeInput)
	}{
		{name: "all", args: `{"code": "return 1", "language": "typescript", "context": {"z": 1, "a": 12345678901234567890123}, "timeout": 2000}`,
			check: func(t *testing.T, in executeInput) {
				if *in.Code != "return 1" || *in.Language != "typescript" || string(in.Timeout) != "2000" {
					t.Errorf("decoded %+v", in)
				}
				if string(in.Context) != `{"z": 1, "a": 12345678901234567890123}` {
					t.Errorf("context %s, want it byte for byte", in.Context)
				}
			}},
		{name: "absent arguments", args: ``, check: func(t *testing.T, in executeInput) {
			if in.Code != nil {
				t.Errorf("code %v", *in.Code)
			}
		}},
		{name: "unknown argument", args: `{"code": "return 1", "memory": 64}`, wantErr: `unknown argument "memory" (it takes code, language, context, timeout and tsExperimentalDecorators)`, wantArg: "memory"},
		{name: "experimental decorators", args: `{"code": "x", "tsExperimentalDecorators": true}`, check: func(t *testing.T, in executeInput) {
			if in.TSExperimentalDecorators == nil || !*in.TSExperimentalDecorators {
				t.Errorf("tsExperimentalDecorators %v", in.TSExperimentalDecorators)
			}
		}},
		{name: "experimental decorators null", args: `{"code": "x", "tsExperimentalDecorators": null}`, check: func(t *testing.T, in executeInput) {
			if in.TSExperimentalDecorators != nil {
				t.Errorf("tsExperimentalDecorators %v, want not given", *in.TSExperimentalDecorators)
			}
		}},
		{name: "experimental decorators not a boolean", args: `{"code": "x", "tsExperimentalDecorators": "true"}`, wantErr: "tsExperimentalDecorators must be a boolean (true or false), not string", wantArg: "tsExperimentalDecorators"},
		{name: "code not a string", args: `{"code": 42}`, wantErr: "argument code must be a string, not number", wantArg: "code"},
		{name: "language not a string", args: `{"code": "x", "language": ["js"]}`, wantErr: "argument language must be a string, not array", wantArg: "language"},
		{name: "not an object", args: `["return 1"]`, wantErr: "must be a JSON object, not array"},
		{name: "two values", args: `{"code": "x"} {}`, wantErr: "one JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in executeInput
			err := decodeArgs(ToolExecute, json.RawMessage(tt.args), &in, executeArgs, config.DefaultLimits())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Message, tt.wantErr) {
					t.Fatalf("error %v, want it to contain %q", err, tt.wantErr)
				}
				if err.Argument != tt.wantArg || err.Allowed == "" {
					t.Errorf("argument %q, allowed %q; want argument %q and what it may be", err.Argument, err.Allowed, tt.wantArg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, in)
		})
	}
}

func TestWholeNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"2000", 2000, true},
		{"2000.0", 2000, true},
		{"2e3", 2000, true},
		{"-5", -5, true},
		{"1.5", 0, false},
		{`"2000"`, 0, false},
		{"true", 0, false},
	}
	for _, tt := range tests {
		got, err := wholeNumber([]byte(tt.in))
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("wholeNumber(%s) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// The argument names the schemas publish are the ones decodeArgs takes.
func TestInputSchemasMatchArguments(t *testing.T) {
	lim := config.DefaultLimits()
	tests := []struct {
		tool   string
		schema *jsonschema.Schema
		args   []string
		dst    any
	}{
		{ToolExecute, executeInputSchema(lim), executeArgs, &executeInput{}},
		{ToolValidate, validateInputSchema(lim), validateArgs, &validateInput{}},
		{ToolStats, statsInputSchema(), statsArgs, &statsInput{}},
	}
	for _, tt := range tests {
		t.Run(tt.tool, func(t *testing.T) {
			if _, err := tt.schema.Resolve(nil); err != nil {
				t.Fatalf("the input schema does not resolve: %v", err)
			}
			if len(tt.schema.Properties) != len(tt.args) {
				t.Errorf("schema properties %d, arguments %v", len(tt.schema.Properties), tt.args)
			}
			obj := map[string]any{}
			for _, a := range tt.args {
				if _, ok := tt.schema.Properties[a]; !ok {
					t.Errorf("argument %s is not in the schema", a)
				}
				if tt.schema.Properties[a].Description == "" {
					t.Errorf("argument %s has no description", a)
				}
				obj[a] = nil
			}
			raw, _ := json.Marshal(obj)
			if err := decodeArgs(tt.tool, raw, tt.dst, tt.args, lim); err != nil {
				t.Errorf("the schema's arguments are refused: %v", err)
			}
		})
	}
}

// validateAgainst validates the JSON raw against schema with the JSON
// Schema validator the SDK uses.
func validateAgainst(t *testing.T, schema *jsonschema.Schema, raw []byte) error {
	t.Helper()
	rs, err := schema.Resolve(nil)
	if err != nil {
		t.Fatalf("the schema does not resolve: %v", err)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	return rs.Validate(v)
}

// The output schemas accept what the tools answer, refusals included, and
// refuse what they must not: a language that is not one, a result without
// its fields, statistics counting a language that is not one.
func TestOutputSchemas(t *testing.T) {
	lim := config.DefaultLimits()
	s := &Server{lim: lim}
	blocked, err := ValidateCode(detect.Submission{Code: "return eval('1')", Language: detect.JavaScript}, lim)
	if err != nil {
		t.Fatal(err)
	}
	ok, err := ValidateCode(detect.Submission{Code: "const x: number = 1; return x", Language: detect.TypeScript}, lim)
	if err != nil {
		t.Fatal(err)
	}
	failed := result.Result{ID: "exec_x", Status: result.Timeout, Language: detect.JavaScript, CodeHash: "00",
		Logs: []result.Log{{Level: "log", Message: "tick"}}, ResourceUsage: result.ResourceUsage{Memory: 9.5, Timeout: true, CPUTime: 100},
		Validation: result.Validation{RiskScore: 0.45, Findings: []result.Finding{{Rule: "loop-no-exit", Severity: result.SeverityWarn, Message: "m", Line: 1, Column: 1}}}}
	failed.Fail(result.Timeout, "execution exceeded the 100 ms timeout", 0, 0)
	failed.Normalize()
	invalid := result.Result{ID: "exec_z", Status: result.Invalid, Language: detect.JavaScript, CodeHash: "00"}
	invalid.Fail(result.Invalid, "timeout: 60000 ms is outside [1, 30000] ms", 0, 0)
	invalid.Normalize()
	okRes := result.Result{ID: "exec_y", Status: result.OK, Output: json.RawMessage(`{"b":[1,"x",null],"a":{}}`), Language: detect.TypeScript, CodeHash: "00"}
	okRes.Normalize()
	python := okRes
	python.Language = "python"
	stats := audit.AgentStats{AgentID: "a", TotalExecutions: 2, Successes: 1, SuccessRate: 0.5, AvgTime: 1.5,
		Languages: map[string]int64{"javascript": 2}, Statuses: map[result.Status]int64{result.OK: 1, result.Timeout: 1},
		Hosts: map[string]int64{"node-1": 1, "": 1}}
	oneHost := stats
	oneHost.HostID, oneHost.Hosts = "node-1", map[string]int64{"node-1": 2}
	enc := func(v any) []byte {
		raw, err := marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	resultJSON := func(r result.Result) []byte {
		raw, err := s.resultJSON(r)
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	structured := func(tool string, status result.Status, argErr *argError) []byte {
		res, err := s.refused(tool, status, "m", argErr)
		if err != nil {
			t.Fatal(err)
		}
		return res.StructuredContent.(json.RawMessage)
	}
	arg := &argError{Argument: "language", Message: "m", Allowed: "a"}
	tests := []struct {
		name   string
		schema *jsonschema.Schema
		raw    []byte
		valid  bool
	}{
		{"ok result", resultSchema(), resultJSON(okRes), true},
		{"timeout result", resultSchema(), resultJSON(failed), true},
		{"invalid result, argument named", resultSchema(), resultJSON(invalid), true},
		{"argument refused", resultSchema(), structured(ToolExecute, result.Invalid, arg), true},
		{"backend failed", resultSchema(), structured(ToolExecute, result.Internal, nil), true},
		{"blocked verdict", verdictSchema(), enc(blocked), true},
		{"ok verdict", verdictSchema(), enc(ok), true},
		{"verdict refused", verdictSchema(), structured(ToolValidate, result.Invalid, arg), true},
		{"stats", statsSchema(), enc(stats), true},
		{"stats of one host", statsSchema(), enc(oneHost), true},
		{"stats refused", statsSchema(), structured(ToolStats, result.Invalid, &argError{Argument: "agentId", Message: "m", Allowed: "a"}), true},

		{"a language that is not one", resultSchema(), resultJSON(python), false},
		{"a verdict in a language that is not one", verdictSchema(), []byte(`{"status":"invalid","allowed":false,"language":"ts","riskScore":0,"threshold":0.7,"findings":[],"error":{"kind":"invalid","message":"m"}}`), false},
		{"ok without an id", resultSchema(), []byte(`{"success":true,"status":"ok","error":null}`), false},
		{"refusal without error", resultSchema(), []byte(`{"success":false,"status":"invalid"}`), false},
		{"stats counting a language that is not one", statsSchema(), []byte(`{"agentId":"a","totalExecutions":1,"successes":0,"successRate":0,"avgTime":0,"timeouts":0,"languages":{"python":1},"statuses":{"invalid":1}}`), false},
		{"stats without hosts", statsSchema(), []byte(`{"agentId":"a","totalExecutions":1,"successes":0,"successRate":0,"avgTime":0,"timeouts":0,"cancelled":0,"languages":{},"statuses":{"invalid":1}}`), false},
		{"stats refused with status ok", statsSchema(), []byte(`{"status":"ok","error":{"kind":"ok","message":"m"}}`), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := validateAgainst(t, tt.schema, tt.raw)
			if tt.valid && err != nil {
				t.Errorf("%s does not match its schema: %v", tt.raw, err)
			}
			if !tt.valid && err == nil {
				t.Errorf("%s matches the schema; it must not", tt.raw)
			}
		})
	}
}

func TestValidateCode(t *testing.T) {
	lim := config.DefaultLimits()
	modules := lim
	modules.AllowBuiltinModules = true
	tests := []struct {
		name, code, lang string
		lim              config.Limits
		status           result.Status
		rule             string // a finding expected
		line             int    // the error's line, when not 0
	}{
		{"ok", "return context.x + 1", "", lim, result.OK, "", 0},
		{"typescript ok", "const n: number = 2;\nreturn n", detect.TypeScript, lim, result.OK, "", 0},
		{"blocked", "const f = [].constructor.constructor;\nreturn f('return 1')()", detect.JavaScript, lim, result.Blocked, "constructor-chain", 1},
		{"typescript blocked, TypeScript position", "type T = number;\nconst x: T = 1;\nreturn eval('x')", detect.TypeScript, lim, result.Blocked, "eval", 3},
		{"syntax error", "return (", detect.JavaScript, lim, result.Error, "", 1},
		{"invalid: empty", "   ", detect.JavaScript, lim, result.Invalid, "", 0},
		{"invalid: language", "return 1", "python", lim, result.Invalid, "", 0},
		{"require refused by default", "const p = require('path'); return p.sep", detect.JavaScript, lim, result.Blocked, "require", 0},
		{"require allowed by the limits", "const p = require('path'); return p.sep", detect.JavaScript, modules, result.OK, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := ValidateCode(detect.Submission{Code: tt.code, Language: tt.lang}, tt.lim)
			if err != nil {
				t.Fatal(err)
			}
			if v.Status != tt.status || v.Allowed != (tt.status == result.OK) {
				t.Fatalf("verdict %+v, want status %s", v, tt.status)
			}
			if (v.Error == nil) != (tt.status == result.OK) {
				t.Errorf("error %+v for status %s", v.Error, v.Status)
			}
			if tt.line != 0 && (v.Error == nil || v.Error.Line != tt.line) {
				t.Errorf("error %+v, want line %d", v.Error, tt.line)
			}
			if tt.rule != "" {
				found := false
				for _, f := range v.Findings {
					found = found || f.Rule == tt.rule
				}
				if !found {
					t.Errorf("findings %+v, want rule %s", v.Findings, tt.rule)
				}
			}
		})
	}
}

// The text is the structured content's JSON; a large output or large logs
// are cut in the text only, on a character boundary, and the cut is
// marked.
func TestResultText(t *testing.T) {
	s := &Server{lim: config.DefaultLimits()}
	big := make([]int, 20000)
	for i := range big {
		big[i] = i
	}
	bigOut, _ := json.Marshal(map[string]any{"items": big})
	accents := json.RawMessage(`"` + strings.Repeat("é", TextOutputMax) + `"`)
	manyLogs := make([]result.Log, 1000)
	for i := range manyLogs {
		manyLogs[i] = result.Log{Level: "log", Message: fmt.Sprintf("line %d %s", i, strings.Repeat("x", 40))}
	}
	tests := []struct {
		name      string
		output    json.RawMessage
		logs      []result.Log
		cutOutput bool
		cutLogs   bool
	}{
		{"small", json.RawMessage(`{"n":1,"s":"<&>"}`), []result.Log{{Level: "warn", Message: "careful"}}, false, false},
		{"output just at the bound", json.RawMessage(`"` + strings.Repeat("a", TextOutputMax-2) + `"`), nil, false, false},
		{"output one byte over", json.RawMessage(`"` + strings.Repeat("a", TextOutputMax-1) + `"`), nil, true, false},
		{"20,000 items", bigOut, nil, true, false},
		{"two-byte characters", accents, nil, true, false},
		{"many logs", json.RawMessage(`1`), manyLogs, false, true},
		{"one huge log line", json.RawMessage(`1`), []result.Log{{Level: "error", Message: strings.Repeat("ü\"", 20000)}}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := result.Result{ID: "exec_1", Status: result.OK, Output: tt.output, Logs: tt.logs, Language: detect.JavaScript, CodeHash: "00"}
			res.Normalize()
			structured, err := s.resultJSON(res)
			if err != nil {
				t.Fatal(err)
			}
			call, err := answer(ToolExecute, structured, false)
			if err != nil {
				t.Fatal(err)
			}
			text := call.Content[0].(*mcp.TextContent).Text
			var got map[string]json.RawMessage
			if err := json.Unmarshal([]byte(text), &got); err != nil {
				t.Fatalf("the text is not JSON: %v", err)
			}
			if !tt.cutOutput && !tt.cutLogs {
				if text != string(structured) {
					t.Errorf("text %s, want the structured content %s", text, structured)
				}
				return
			}
			if len(text) > TextOutputMax+TextLogsMax+4096 && !(tt.cutOutput && strings.Contains(string(tt.output), `"`)) {
				t.Errorf("text of %d bytes", len(text))
			}
			if tt.cutOutput {
				var head string
				if err := json.Unmarshal(got["output"], &head); err != nil {
					t.Fatalf("cut output %.80s: want a string", got["output"])
				}
				if len(head) > TextOutputMax || len(head) < TextOutputMax-3 || !strings.HasPrefix(string(tt.output), head) || !utf8.ValidString(head) {
					t.Errorf("cut output of %d bytes, want the start of the output's JSON, %d bytes at most, whole characters", len(head), TextOutputMax)
				}
				if string(got["outputTruncated"]) != "true" || string(got["outputBytes"]) != fmt.Sprint(len(tt.output)) {
					t.Errorf("outputTruncated %s, outputBytes %s; want true and %d", got["outputTruncated"], got["outputBytes"], len(tt.output))
				}
				// The marks follow output, where a reader of the cut sees them.
				if i, j := strings.Index(text, `"output":`), strings.Index(text, `"outputTruncated":true,"outputBytes":`); j < i {
					t.Errorf("the marks are not after output")
				}
			} else if _, ok := got["outputTruncated"]; ok || string(got["output"]) != string(tt.output) {
				t.Errorf("output %.80s, outputTruncated %s: want the whole output", got["output"], got["outputTruncated"])
			}
			if tt.cutLogs {
				var kept []result.Log
				if err := json.Unmarshal(got["logs"], &kept); err != nil {
					t.Fatal(err)
				}
				if len(got["logs"]) > TextLogsMax || len(kept) == 0 || len(kept) >= len(tt.logs) && kept[len(kept)-1] == tt.logs[len(kept)-1] {
					t.Errorf("%d of %d lines kept in %d bytes", len(kept), len(tt.logs), len(got["logs"]))
				}
				for i, l := range kept {
					if l.Level != tt.logs[i].Level || !strings.HasPrefix(tt.logs[i].Message, l.Message) || !utf8.ValidString(l.Message) {
						t.Errorf("line %d %+v is not the start of %.40q", i, l, tt.logs[i].Message)
					}
				}
				if string(got["logsTruncated"]) != "true" || string(got["logLines"]) != fmt.Sprint(len(tt.logs)) {
					t.Errorf("logsTruncated %s, logLines %s", got["logsTruncated"], got["logLines"])
				}
			}
			// The structured content has it all.
			var full result.Result
			if err := json.Unmarshal(structured, &full); err != nil || string(full.Output) != string(tt.output) || len(full.Logs) != len(tt.logs) {
				t.Errorf("the structured content lost something")
			}
		})
	}
}

// A result that is not ok says what to do about it.
func TestHints(t *testing.T) {
	tests := []struct {
		status result.Status
		msg    string
		want   string
	}{
		{result.Blocked, "refused by validation [eval]", "Nothing ran. Rewrite the code"},
		{result.Invalid, "timeout: 60000 ms is outside [1, 30000] ms", "Fix the argument"},
		{result.Error, "Error: bad", "threw an exception"},
		{result.Error, "SyntaxError: Unexpected token", "does not parse"},
		{result.Timeout, "execution exceeded the 100 ms timeout", "at most 30000 ms"},
		{result.Memory, "the memory limit was reached", "less data"},
		{result.OutputLimit, "over the output cap", "return less"},
		{result.Internal, "runner crashed", "again may work"},
	}
	s := &Server{lim: config.DefaultLimits()}
	for _, tt := range tests {
		r := result.Result{ID: "exec_01", Language: detect.JavaScript}
		r.Fail(tt.status, tt.msg, 0, 0)
		r.Normalize()
		raw, err := s.resultJSON(r)
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ Error errorInfo }
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got.Error.Hint, tt.want) || got.Error.Message != tt.msg {
			t.Errorf("%s: error %+v, want a hint with %q", tt.status, got.Error, tt.want)
		}
		if wantArg := tt.status == result.Invalid; (got.Error.Argument == "timeout") != wantArg || (got.Error.Allowed != "") != wantArg {
			t.Errorf("%s: argument %q, allowed %q", tt.status, got.Error.Argument, got.Error.Allowed)
		}
	}
}

// The descriptions tell a model what it needs and state the limits.
func TestDescriptions(t *testing.T) {
	lim := config.DefaultLimits()
	lim.TimeoutMs = 2500
	d := executeDescription(lim)
	for _, w := range []string{"body of an async function", "return", "context", "console", "setTimeout", "no fetch",
		"timeout 2500 ms by default, at most 30000 ms", "memory 256 MiB", "code 256 KiB", "blocked"} {
		if !strings.Contains(d, w) {
			t.Errorf("code_execute's description lacks %q", w)
		}
	}
	if !strings.Contains(validateDescription(lim), "0.70") {
		t.Errorf("code_validate's description lacks the threshold")
	}
}

// testHost is the host id of the audit trail connect opens.
const testHost = "mcp-host-1"

// connect serves a Server on a real Local backend (real runners, a real
// embedded audit store) and returns a client session of the SDK on it, the
// tools as the client listed them, and the service.
func connect(t *testing.T) (*mcp.ClientSession, map[string]*mcp.Tool, *service.Service) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{AllowWeak: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	rec, err := audit.Open(audit.Config{DataDir: filepath.Join(dir, "data"), HostID: testHost})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rec.Close(context.Background()) })
	svc, err := service.New(service.Options{RunnerPath: testutil.Runner(t), Isolation: iso, Recorder: rec})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	srv, err := New(ctx, Options{Backend: NewLocal(svc, rec), AgentID: "table"})
	if err != nil {
		t.Fatal(err)
	}
	st, ct := mcp.NewInMemoryTransports()
	ss, err := srv.MCP().Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ss.Close() })
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "table", Version: "1"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cs.Close() })
	list, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	tools := map[string]*mcp.Tool{}
	for _, tool := range list.Tools {
		tools[tool.Name] = tool
	}
	return cs, tools, svc
}

// outputSchema is a tool's output schema as the client received it.
func outputSchema(t *testing.T, tool *mcp.Tool) *jsonschema.Schema {
	t.Helper()
	raw, err := json.Marshal(tool.OutputSchema)
	if err != nil {
		t.Fatal(err)
	}
	var s jsonschema.Schema
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

// Every bad argument is a tool result (isError) whose structured content
// the tool's declared output schema accepts, with status invalid, the
// argument and what it may be; the text is that JSON. Shape errors and
// unsupported languages are refused before anything runs and leave no
// record; values out of bounds are the service's, recorded as invalid.
func TestBadArguments(t *testing.T) {
	cs, tools, svc := connect(t)
	ctx := context.Background()
	tests := []struct {
		tool, args string
		arg        string // error.argument; "" for the arguments as a whole
		inMessage  string
		recorded   bool // an execution (with an id) was recorded
	}{
		{ToolExecute, `{}`, "code", "needs code", false},
		{ToolExecute, `{"language": "typescript"}`, "code", "needs code", false},
		{ToolExecute, `{"code": null}`, "code", "needs code", false},
		{ToolExecute, `{"code": 42}`, "code", "must be a string, not number", false},
		{ToolExecute, `{"code": "return 1", "memoryLimit": 64}`, "memoryLimit", `unknown argument "memoryLimit"`, false},
		{ToolExecute, `{"code": "return 1", "timeout": "500"}`, "timeout", "whole number of milliseconds", false},
		{ToolExecute, `{"code": "return 1", "timeout": 1.5}`, "timeout", "whole number of milliseconds", false},
		{ToolExecute, `{"code": "return 1", "timeout": true}`, "timeout", "whole number of milliseconds", false},
		{ToolExecute, `{"code": "return 1", "language": "python"}`, "language", `"python" is not supported`, false},
		{ToolExecute, `{"code": "return 1", "language": "TypeScript"}`, "language", `"TypeScript" is not supported`, false},
		{ToolExecute, `{"code": "return 1", "language": "ts"}`, "language", `"ts" is not supported`, false},
		{ToolExecute, `{"code": "return 1", "language": 7}`, "language", "must be a string", false},
		{ToolExecute, `{"code": "return 1", "tsExperimentalDecorators": "yes"}`, "tsExperimentalDecorators", "must be a boolean", false},
		{ToolExecute, `["return 1"]`, "", "must be a JSON object", false},
		{ToolExecute, `{"code": "return 1", "timeout": 60000}`, "timeout", "60000 ms is outside [1, 30000] ms", true},
		{ToolExecute, `{"code": "return 1", "timeout": -5}`, "timeout", "is outside", true},
		{ToolExecute, `{"code": "   "}`, "code", "code: is empty", true},
		{ToolExecute, `{"code": "return 1", "context": [1, 2]}`, "context", "must be a JSON object", true},
		{ToolExecute, `{"code": "return 1", "tsExperimentalDecorators": true}`, "tsExperimentalDecorators", "applies to TypeScript only", true},
		{ToolValidate, `{}`, "code", "needs code", false},
		{ToolValidate, `{"code": "return 1", "language": "python"}`, "language", `"python" is not supported`, false},
		{ToolValidate, `{"code": "return 1", "language": "ts"}`, "language", `"ts" is not supported`, false},
		{ToolValidate, `{"code": "return 1", "context": {}}`, "context", `unknown argument "context"`, false},
		{ToolStats, `{"agentId": "bad id with spaces"}`, "agentId", "contains ' ' (U+0020) at character index 3", false},
		{ToolStats, `{"agentId": ""}`, "agentId", "is empty", false},
		{ToolStats, `{"agentId": 5}`, "agentId", "must be a string", false},
		{ToolStats, `{"agent": "x"}`, "agent", `unknown argument "agent"`, false},
		{ToolStats, `{"hostId": "two words"}`, "hostId", "' ' (U+0020) at character index 3", false},
		{ToolStats, `{"hostId": "a/b"}`, "hostId", "'/' (U+002F) at character index 1", false},
		{ToolStats, `{"hostId": ""}`, "hostId", "empty", false},
		{ToolStats, `{"hostId": 5}`, "hostId", "must be a string", false},
	}
	recorded := 0
	for _, tt := range tests {
		t.Run(tt.tool+" "+tt.args, func(t *testing.T) {
			res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: tt.tool, Arguments: json.RawMessage(tt.args)})
			if err != nil {
				t.Fatalf("a protocol error, not a tool result: %v", err)
			}
			if !res.IsError {
				t.Errorf("isError false")
			}
			raw, err := json.Marshal(res.StructuredContent)
			if err != nil || res.StructuredContent == nil {
				t.Fatalf("no structured content: %v", err)
			}
			if err := validateAgainst(t, outputSchema(t, tools[tt.tool]), raw); err != nil {
				t.Errorf("%s does not match %s's output schema: %v", raw, tt.tool, err)
			}
			var text any
			if len(res.Content) != 1 || json.Unmarshal([]byte(res.Content[0].(*mcp.TextContent).Text), &text) != nil ||
				!reflect.DeepEqual(text, res.StructuredContent) {
				t.Errorf("text %v, want the structured content's JSON %s", res.Content, raw)
			}
			var got struct {
				ID       string
				Status   result.Status
				Language *string
				Error    errorInfo
			}
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatal(err)
			}
			if got.Status != result.Invalid || got.Error.Kind != result.Invalid || !strings.Contains(got.Error.Message, tt.inMessage) {
				t.Errorf("status %s, error %+v; want invalid with %q", got.Status, got.Error, tt.inMessage)
			}
			if got.Error.Argument != tt.arg || got.Error.Allowed == "" {
				t.Errorf("argument %q, allowed %q; want %q and what it may be", got.Error.Argument, got.Error.Allowed, tt.arg)
			}
			if (got.ID != "") != tt.recorded {
				t.Errorf("id %q: recorded %v, want %v", got.ID, got.ID != "", tt.recorded)
			}
			if got.Language != nil && *got.Language != detect.JavaScript && *got.Language != detect.TypeScript {
				t.Errorf("language %q", *got.Language)
			}
			if got.ID != "" {
				recorded++
			}
		})
	}

	// Valid calls of each tool, for the schemas' other side.
	for _, c := range []struct{ tool, args string }{
		{ToolExecute, `{"code": "const n: number = context.n; return n * 2", "language": "typescript", "context": {"n": 21}}`},
		{ToolValidate, `{"code": "return eval('1')"}`},
	} {
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: c.tool, Arguments: json.RawMessage(c.args)})
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(res.StructuredContent)
		if err := validateAgainst(t, outputSchema(t, tools[c.tool]), raw); err != nil || res.IsError {
			t.Errorf("%s %s: isError %v, %s: %v", c.tool, c.args, res.IsError, raw, err)
		}
	}
	recorded++

	// A record of a language that is not one, through the service as the
	// socket API would make it: counted in the totals, under no language.
	if r := svc.Execute(ctx, service.Request{Code: "return 1", Language: "python", AgentID: "table", ChannelID: "c"}, nil); r.Status != result.Invalid {
		t.Fatalf("python through the service: %+v", r)
	}
	recorded++
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: ToolStats, Arguments: json.RawMessage(`{}`)})
	if err != nil || res.IsError {
		t.Fatalf("stats: %v %+v", err, res)
	}
	raw, _ := json.Marshal(res.StructuredContent)
	if err := validateAgainst(t, outputSchema(t, tools[ToolStats]), raw); err != nil {
		t.Errorf("stats %s: %v", raw, err)
	}
	var st audit.AgentStats
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{detect.TypeScript: 1, detect.JavaScript: int64(recorded - 2)}
	if st.AgentID != "table" || st.TotalExecutions != int64(recorded) || !maps.Equal(st.Languages, want) {
		t.Errorf("stats %s; want %d executions (those with an id, and the python one), languages %v", raw, recorded, want)
	}
	if st.HostID != "" || !maps.Equal(st.Hosts, map[string]int64{testHost: int64(recorded)}) {
		t.Errorf("stats of every host: hostId %q, hosts %v; want all %d on %s", st.HostID, st.Hosts, recorded, testHost)
	}
	// One host: this one, or one without executions.
	for host, n := range map[string]int{testHost: recorded, "mcp-host-2": 0} {
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: ToolStats, Arguments: json.RawMessage(`{"hostId":"` + host + `"}`)})
		if err != nil || res.IsError {
			t.Fatalf("stats of %s: %v %+v", host, err, res)
		}
		raw, _ := json.Marshal(res.StructuredContent)
		if err := validateAgainst(t, outputSchema(t, tools[ToolStats]), raw); err != nil {
			t.Errorf("stats of %s %s: %v", host, raw, err)
		}
		var one audit.AgentStats
		if err := json.Unmarshal(raw, &one); err != nil {
			t.Fatal(err)
		}
		if one.HostID != host || one.TotalExecutions != int64(n) || one.Hosts[host] != int64(n) {
			t.Errorf("stats of %s: %s; want %d executions", host, raw, n)
		}
	}
}
