package mcpserver

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/jsonschema-go/jsonschema"

	"codexec/audit"
	"codexec/config"
	"codexec/detect"
	"codexec/result"
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
		{name: "unknown argument", args: `{"code": "return 1", "memory": 64}`, wantErr: `unknown argument "memory" (it takes code, language, context, timeout and tsExperimentalDecorators)`},
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
		{name: "experimental decorators not a boolean", args: `{"code": "x", "tsExperimentalDecorators": "true"}`, wantErr: "tsExperimentalDecorators must be a boolean (true or false), not string"},
		{name: "code not a string", args: `{"code": 42}`, wantErr: "argument code must be a string, not number"},
		{name: "language not a string", args: `{"code": "x", "language": ["js"]}`, wantErr: "argument language must be a string, not array"},
		{name: "not an object", args: `["return 1"]`, wantErr: "must be a JSON object, not array"},
		{name: "two values", args: `{"code": "x"} {}`, wantErr: "one JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in executeInput
			err := decodeArgs(ToolExecute, json.RawMessage(tt.args), &in, executeArgs)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want it to contain %q", err, tt.wantErr)
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
			if err := decodeArgs(tt.tool, raw, tt.dst, tt.args); err != nil {
				t.Errorf("the schema's arguments are refused: %v", err)
			}
		})
	}
}

// The output schemas accept what the tools answer.
func TestOutputSchemas(t *testing.T) {
	lim := config.DefaultLimits()
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
	okRes := result.Result{ID: "exec_y", Status: result.OK, Output: json.RawMessage(`{"b":[1,"x",null],"a":{}}`), Language: detect.TypeScript, CodeHash: "00"}
	okRes.Normalize()
	stats := audit.AgentStats{AgentID: "a", TotalExecutions: 2, Successes: 1, SuccessRate: 0.5, AvgTime: 1.5,
		Languages: map[string]int64{"javascript": 2}, Statuses: map[result.Status]int64{result.OK: 1, result.Timeout: 1}}
	tests := []struct {
		name   string
		schema *jsonschema.Schema
		value  any
	}{
		{"ok result", resultSchema(), okRes},
		{"timeout result", resultSchema(), failed},
		{"blocked verdict", verdictSchema(), blocked},
		{"ok verdict", verdictSchema(), ok},
		{"stats", statsSchema(), stats},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := tt.schema.Resolve(nil)
			if err != nil {
				t.Fatalf("the output schema does not resolve: %v", err)
			}
			raw, err := marshal(tt.value)
			if err != nil {
				t.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(raw, &v); err != nil {
				t.Fatal(err)
			}
			if err := rs.Validate(v); err != nil {
				t.Errorf("%s does not match its schema: %v", raw, err)
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
			if !strings.Contains(RenderVerdict(v), string(tt.status)) {
				t.Errorf("rendered %q", RenderVerdict(v))
			}
		})
	}
}

func TestRenderResult(t *testing.T) {
	res := func(st result.Status, msg string, line int, mutate func(*result.Result)) result.Result {
		r := result.Result{ID: "exec_01", Status: st, Language: detect.JavaScript, ExecutionTime: 1.25, ResourceUsage: result.ResourceUsage{Memory: 9}}
		if st == result.OK {
			r.Output = json.RawMessage(`{"n":1}`)
		} else {
			r.Fail(st, msg, line, 3)
		}
		if mutate != nil {
			mutate(&r)
		}
		r.Normalize()
		return r
	}
	tests := []struct {
		name string
		res  result.Result
		want []string
		not  []string
	}{
		{"ok", res(result.OK, "", 0, func(r *result.Result) { r.Logs = []result.Log{{Level: "warn", Message: "careful"}} }),
			[]string{"ok · javascript · 1.2 ms · 9.0 MiB · exec_01", `output: {"n":1}`, "console:\n  [warn] careful"}, []string{"error:", "Nothing ran"}},
		{"blocked", res(result.Blocked, "refused by validation [eval]: eval is not available", 2, func(r *result.Result) {
			r.ResourceUsage.Memory = 0
			r.Validation = result.Validation{RiskScore: 1, Findings: []result.Finding{{Rule: "eval", Severity: result.SeverityBlock, Message: "eval is not available", Line: 2, Column: 3}}}
		}), []string{"blocked · javascript · 1.2 ms · exec_01", "error: refused by validation [eval]: eval is not available (line 2, column 3)",
			"findings (risk 1.00):\n  block [eval] eval is not available (line 2, column 3)", "Nothing ran."}, []string{"MiB", "output:"}},
		{"thrown", res(result.Error, "Error: bad", 4, nil), []string{"error: Error: bad (line 4, column 3)", "threw an exception"}, nil},
		{"syntax", res(result.Error, "SyntaxError: Unexpected token", 1, nil), []string{"does not parse"}, nil},
		{"timeout with logs and a warning", res(result.Timeout, "execution exceeded the 100 ms timeout", 0, func(r *result.Result) {
			r.Logs = []result.Log{{Level: "log", Message: "started"}}
			r.Validation = result.Validation{RiskScore: 0.45, Findings: []result.Finding{{Rule: "loop-no-exit", Severity: result.SeverityWarn, Message: "no exit", Line: 1, Column: 1}}}
		}), []string{"error: execution exceeded the 100 ms timeout\n", "console (before it was stopped):\n  [log] started",
			"validation warnings (risk 0.45):\n  warn [loop-no-exit] no exit (line 1, column 1)", "at most 30000 ms"}, nil},
		{"invalid", res(result.Invalid, "timeout: 60000 ms is outside [1, 30000] ms", 0, nil), []string{"Fix the argument"}, nil},
		{"memory", res(result.Memory, "the memory limit was reached", 0, nil), []string{"less data"}, nil},
		{"output limit", res(result.OutputLimit, "over the output cap", 0, nil), []string{"return less"}, nil},
		{"internal", res(result.Internal, "runner crashed", 0, nil), []string{"again may work"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RenderResult(tt.res)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("rendering lacks %q:\n%s", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("rendering has %q:\n%s", n, got)
				}
			}
		})
	}
}

func TestRenderStats(t *testing.T) {
	tests := []struct {
		name  string
		stats audit.AgentStats
		want  string
	}{
		{"none", audit.AgentStats{AgentID: "a"}, "agent a: 0 executions"},
		{"some", audit.AgentStats{AgentID: "a", TotalExecutions: 4, Successes: 3, SuccessRate: 0.75, AvgTime: 2, Timeouts: 1,
			Languages: map[string]int64{"javascript": 3, "typescript": 1}, Statuses: map[result.Status]int64{result.OK: 3, result.Timeout: 1}},
			"agent a: 4 executions, 3 ok (75%), mean 2.0 ms, 1 timeouts\nlanguages: javascript 3, typescript 1\nstatuses: ok 3, timeout 1"},
	}
	for _, tt := range tests {
		if got := RenderStats(tt.stats); got != tt.want {
			t.Errorf("%s: RenderStats = %q, want %q", tt.name, got, tt.want)
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
