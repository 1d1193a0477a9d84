package service

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codexec/config"
	"codexec/internal/testutil"
	"codexec/result"
)

func TestMain(m *testing.M) {
	if os.Getenv(fakeRunnerEnv) != "" {
		fakeToolRunner()
		os.Exit(0)
	}
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}

func newService(t *testing.T) *Service {
	t.Helper()
	s, err := New(Options{RunnerPath: testutil.Runner(t)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExecute(t *testing.T) {
	s := newService(t)
	tests := []struct {
		name   string
		req    Request
		status result.Status
		output string
		errSub string
		line   int
	}{
		{"javascript", Request{Code: "return context.a + 1", Context: json.RawMessage(`{"a":41}`)}, result.OK, "42", "", 0},
		{"typescript", Request{Language: "typescript", Code: "const n: number = 6;\nreturn n * 7;"}, result.OK, "42", "", 0},
		{"typescript throw position", Request{Language: "typescript", Code: "interface X { a: number }\nconst x: X = {a: 1};\nif (x.a) {\n  throw new Error('ts')\n}"}, result.Error, "", "Error: ts", 4},
		{"typescript syntax error", Request{Language: "typescript", Code: "const a: number = ;"}, result.Error, "", "SyntaxError", 1},
		{"javascript syntax error", Request{Code: "return 1 +;"}, result.Error, "", "SyntaxError", 1},
		{"invalid language", Request{Language: "ruby", Code: "1"}, result.Invalid, "", "language", 0},
		{"invalid timeout", Request{Code: "return 1", TimeoutMs: 30001}, result.Invalid, "", "timeout", 0},
		{"invalid context", Request{Code: "return 1", Context: json.RawMessage(`[1]`)}, result.Invalid, "", "context", 0},
		{"timeout", Request{Code: "for (;;) {}", TimeoutMs: 50}, result.Timeout, "", "timeout", 0},
		{"output cap", Request{Code: "return 'x'.repeat(2 << 20)"}, result.OutputLimit, "", "output cap", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := s.Execute(context.Background(), tt.req, nil)
			if res.Status != tt.status {
				t.Fatalf("status = %q (%+v), want %q", res.Status, res.Error, tt.status)
			}
			if res.Success != (tt.status == result.OK) {
				t.Errorf("success = %v for status %q", res.Success, res.Status)
			}
			if tt.output != "" && string(res.Output) != tt.output {
				t.Errorf("output = %s, want %s", res.Output, tt.output)
			}
			if tt.errSub != "" && (res.Error == nil || !strings.Contains(res.Error.Message, tt.errSub) || res.Error.Kind != tt.status) {
				t.Errorf("error = %+v, want kind %q containing %q", res.Error, tt.status, tt.errSub)
			}
			if tt.line != 0 && (res.Error == nil || res.Error.Line != tt.line) {
				t.Errorf("error = %+v, want line %d", res.Error, tt.line)
			}
			if !strings.HasPrefix(res.ID, "exec_") || len(res.CodeHash) != 64 || res.Logs == nil || res.Validation.Findings == nil {
				t.Errorf("result shape: %+v", res)
			}
		})
	}
}

// The four agent-shaped workloads return exactly their expected values.
func TestWorkloads(t *testing.T) {
	s := newService(t)
	dir := filepath.Join(testutil.ModuleRoot(t), "bench", "workloads")
	ctx, err := os.ReadFile(filepath.Join(dir, "context.json"))
	if err != nil {
		t.Fatal(err)
	}
	expRaw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var expected map[string]json.RawMessage
	if err := json.Unmarshal(expRaw, &expected); err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct{ name, file, lang string }{
		{"simple", "simple.js", "javascript"}, {"data", "data.js", "javascript"},
		{"complex", "complex.js", "javascript"}, {"typed", "typed.ts", "typescript"},
	} {
		t.Run(w.name, func(t *testing.T) {
			code, err := os.ReadFile(filepath.Join(dir, w.file))
			if err != nil {
				t.Fatal(err)
			}
			res := s.Execute(context.Background(), Request{Code: string(code), Language: w.lang, Context: ctx, TimeoutMs: 30000}, nil)
			if res.Status != result.OK {
				t.Fatalf("status %q: %+v", res.Status, res.Error)
			}
			if !testutil.SameJSON(res.Output, expected[w.name]) {
				t.Errorf("output = %s\nwant %s", res.Output, expected[w.name])
			}
		})
	}
}

func TestNewRejectsBadLimits(t *testing.T) {
	l := config.DefaultLimits()
	l.TimeoutMs = 0
	if _, err := New(Options{RunnerPath: "x", Limits: l}); err == nil {
		t.Fatal("New accepted a zero timeout")
	}
	if _, err := New(Options{}); err == nil {
		t.Fatal("New accepted no runner")
	}
}

// Validation runs before any runner: blocked code never reaches one, and
// the verdict (score, findings) is in every result.
func TestValidation(t *testing.T) {
	s := newService(t)
	tests := []struct {
		name   string
		req    Request
		status result.Status
		rule   string
	}{
		{"constructor chain", Request{Code: "const f = [].constructor.constructor;\nreturn f('return 1')()"}, result.Blocked, ""},
		{"process", Request{Code: "return process.env"}, result.Blocked, ""},
		// An import TypeScript keeps (its binding is used as a value) is
		// refused; one it erases (unused, or import type) is not.
		{"typescript import", Request{Language: "typescript", Code: "import fs from 'fs';\nreturn fs.readFileSync('/etc/passwd', 'utf8')"}, result.Blocked, ""},
		{"typescript import type", Request{Language: "typescript", Code: "import type { Stats } from 'fs';\nconst s: Stats | null = null;\nreturn s"}, result.OK, ""},
		{"clean", Request{Code: "const o = {}; return o.constructor.name"}, result.OK, ""},
		// Deeply nested TypeScript would overflow esbuild's stack (a fatal
		// error, not a panic): it is refused before esbuild sees it.
		{"nested typescript", Request{Language: "typescript", Code: "return " + strings.Repeat("(", 120000) + "1" + strings.Repeat(")", 120000)}, result.Blocked, ""},
		{"nested javascript", Request{Code: "return " + strings.Repeat("[", 120000) + strings.Repeat("]", 120000)}, result.Blocked, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := s.Execute(context.Background(), tt.req, nil)
			if res.Status != tt.status {
				t.Fatalf("status %s (%+v), want %s", res.Status, res.Error, tt.status)
			}
			if tt.status == result.Blocked {
				if len(res.Validation.Findings) == 0 || res.Validation.RiskScore < 0.7 || res.Error == nil || res.Error.Kind != result.Blocked {
					t.Errorf("blocked result without its verdict: %+v", res)
				}
				if res.ResourceUsage.Memory != 0 {
					t.Errorf("blocked code reached a runner (memory %v)", res.ResourceUsage.Memory)
				}
			}
		})
	}
}
