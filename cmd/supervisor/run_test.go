package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"codexec/internal/testutil"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}

// cli runs the supervisor in-process with the freshly built runner.
func cli(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	runner := testutil.Runner(t)
	dataDir := t.TempDir()
	st := &State{
		Args:   args,
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errb,
		Getenv: func(k string) string {
			switch k {
			case "CODEXEC_RUNNER":
				return runner
			case "CODEXEC_DATA_DIR":
				return dataDir
			case "CODEXEC_SOCKET":
				return "off" // never a daemon that happens to run here
			}
			return ""
		},
		Executable: os.Executable,
	}
	code = Execute(st)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		name  string
		code  string
		file  string
		args  []string
		want  int
		inOut string // expected in stdout
		inErr string // expected in stderr
	}{
		{"ok", "console.log('hi'); return {a: 1}", "x.js", nil, 0, `"a": 1`, "[log] hi"},
		{"error", "throw new Error('bad')", "x.js", nil, 1, "", "Error: bad (line 1, column 7)"},
		{"invalid", "return 1", "x.js", []string{"--timeout", "31s"}, 3, "", "timeout: 31000 ms is outside [1, 30000] ms"},
		{"timeout", "for (;;) {}", "x.js", []string{"--timeout", "100"}, 4, "", "timeout"},
		{"output limit", "return 'x'.repeat(3 << 20)", "x.js", nil, 6, "", "output cap"},
		{"typescript by extension", "const a: number = 1; return a", "x.ts", nil, 0, "1", ""},
		{"lang flag", "const a: number = 1; return a", "x.js", []string{"--lang", "typescript"}, 0, "1", ""},
		{"context", "return context.k", "x.js", []string{"--context", `{"k":"v"}`}, 0, `"v"`, ""},
		{"no context is {}", "const { items = [] } = context;\nreturn [items.length, typeof context]", "x.js", nil, 0, `"object"`, ""},
		{"async generator", "async function* g() { yield 1; yield 2 }\nconst r = [];\nfor await (const x of g()) r.push(x * 10);\nreturn r", "x.js", nil, 0, "20", ""},
		{"namespace", "namespace N { export const k = 'nsv' }\nreturn await Promise.resolve(N.k)", "x.ts", nil, 0, `"nsv"`, ""},
		{"experimental decorators", "const s: string[] = [];\nfunction p(t: any, k: string, i: number) { s.push(k + i) }\nclass C { m(@p x: number) {} }\nreturn s", "x.ts", []string{"--ts-experimental-decorators"}, 0, `"m0"`, ""},
		{"experimental decorators need typescript", "return 1", "x.js", []string{"--ts-experimental-decorators"}, 3, "", "tsExperimentalDecorators: applies to TypeScript only"},
		{"end of input", "return (", "x.js", nil, 1, "", "SyntaxError: Unexpected end of input (line 1, column 9)"},
		{"usage: bad timeout", "return 1", "x.js", []string{"--timeout", "soon"}, 2, "", "invalid argument"},
		{"usage: unknown flag", "return 1", "x.js", []string{"--bogus"}, 2, "", "unknown flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, tt.file, tt.code)
			code, out, errs := cli(t, "", append([]string{"run", p}, tt.args...)...)
			if code != tt.want {
				t.Fatalf("exit = %d, want %d\nstdout: %s\nstderr: %s", code, tt.want, out, errs)
			}
			if !strings.Contains(out, tt.inOut) || !strings.Contains(errs, tt.inErr) {
				t.Errorf("stdout %q should contain %q; stderr %q should contain %q", out, tt.inOut, errs, tt.inErr)
			}
		})
	}
}

func TestRunUsage(t *testing.T) {
	if code, _, _ := cli(t, "", "run"); code != 2 {
		t.Errorf("run with no file: exit %d, want 2", code)
	}
	if code, _, errs := cli(t, "", "run", "/nonexistent.js"); code != 2 || !strings.Contains(errs, "no such file") {
		t.Errorf("run of a missing file: exit %d (%s), want 2", code, errs)
	}
	if code, _, errs := cli(t, "", "run", "-", "--context", "@/nonexistent.json"); code != 2 || !strings.Contains(errs, "read context") {
		t.Errorf("missing context file: exit %d (%s), want 2", code, errs)
	}
	if code, _, errs := cli(t, "return 1", "run", "-", "--runner", "/nonexistent/runner"); code != 70 || !strings.Contains(errs, "runner") {
		t.Errorf("missing runner: exit %d (%s), want 70", code, errs)
	}
}

// --json prints exactly the result of DESIGN.md: these keys, these types.
func TestRunJSON(t *testing.T) {
	ctx := writeFile(t, "ctx.json", `{"x": 2}`)
	code, out, errs := cli(t, "console.log('a'); return Math.sqrt(144) + context.x", "run", "-", "--json", "--context", "@"+ctx)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if errs != "" {
		t.Errorf("--json wrote to stderr: %q", errs)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := "codeHash error executionTime id language logs output resourceUsage status success validation"
	if strings.Join(keys, " ") != want {
		t.Errorf("keys = %v, want %s", keys, want)
	}
	var res struct {
		ID            string `json:"id"`
		Success       bool   `json:"success"`
		Status        string `json:"status"`
		Output        int    `json:"output"`
		Logs          []struct{ Level, Message string }
		Error         *struct{}
		ExecutionTime float64 `json:"executionTime"`
		ResourceUsage struct {
			Memory  float64 `json:"memory"`
			Timeout bool    `json:"timeout"`
			CPUTime float64 `json:"cpuTime"`
		} `json:"resourceUsage"`
		Validation struct {
			RiskScore float64 `json:"riskScore"`
			Findings  []any   `json:"findings"`
		} `json:"validation"`
		Language string `json:"language"`
		CodeHash string `json:"codeHash"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if !res.Success || res.Status != "ok" || res.Output != 14 || len(res.Logs) != 1 || res.Logs[0].Message != "a" ||
		res.Error != nil || res.ExecutionTime <= 0 || res.ResourceUsage.Memory <= 0 || res.Language != "javascript" ||
		len(res.CodeHash) != 64 || !strings.HasPrefix(res.ID, "exec_") || res.Validation.Findings == nil {
		t.Errorf("result = %+v", res)
	}
}

// Every example runs with the status the demo expects.
func TestExamples(t *testing.T) {
	root := testutil.ModuleRoot(t)
	files, _ := filepath.Glob(filepath.Join(root, "examples", "*.[jt]s"))
	if len(files) < 5 {
		t.Fatalf("found %d examples", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			want := 0
			if filepath.Base(f) == "throws.js" {
				want = 1
			}
			code, _, errs := cli(t, "", "run", f, "--context", "@"+filepath.Join(root, "examples", "context.json"))
			if code != want {
				t.Errorf("exit %d, want %d: %s", code, want, errs)
			}
		})
	}
}

// --config takes the limits from the daemon's configuration file.
func TestRunConfig(t *testing.T) {
	cfg := writeFile(t, "c.json", `{"limits": {"timeout": 100, "maxOutputBytes": 10}}`)
	if code, _, errs := cli(t, "await new Promise(r => setTimeout(r, 500))", "run", "-", "--config", cfg); code != 4 {
		t.Errorf("the configured 100 ms timeout: exit %d (%s), want 4", code, errs)
	}
	if code, _, _ := cli(t, "return 'longer than ten bytes'", "run", "-", "--config", cfg); code != 6 {
		t.Errorf("the configured 10-byte output cap: exit %d, want 6", code)
	}
	bad := writeFile(t, "bad.json", `{"limits": {"timeout": 0}}`)
	if code, _, errs := cli(t, "return 1", "run", "-", "--config", bad); code != 2 || !strings.Contains(errs, "timeout") {
		t.Errorf("a bad configuration: exit %d (%s), want 2", code, errs)
	}
}

// --json prints the value as JSON.stringify wrote it: &, < and > stay.
func TestRunJSONKeepsHTMLCharacters(t *testing.T) {
	code, out, errs := cli(t, "return 'a & b <c>'", "run", "-", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, `"output": "a & b <c>"`) {
		t.Errorf("output: %s", out)
	}
}

// --allow-builtin-modules lets the code require() the built-in modules, for
// this run, over the configuration's setting; a daemon keeps its own.
func TestRunAllowBuiltinModules(t *testing.T) {
	code := `const path = require('node:path'); return path.join('/a', 'b')`
	if c, out, errs := cli(t, code, "run", "-", "--allow-builtin-modules", "--json"); c != 0 || !strings.Contains(out, `"/a/b"`) {
		t.Errorf("with the flag: exit %d\n%s\n%s", c, out, errs)
	}
	if c, out, _ := cli(t, code, "run", "-", "--json"); c != 3 || !strings.Contains(out, "allowBuiltinModules is off") {
		t.Errorf("without it: exit %d, want 3 (blocked)\n%s", c, out)
	}
	cfg := writeFile(t, "c.json", `{"limits": {"allowBuiltinModules": true}}`)
	if c, out, _ := cli(t, code, "run", "-", "--config", cfg); c != 0 || !strings.Contains(out, "/a/b") {
		t.Errorf("from --config: exit %d\n%s", c, out)
	}
	if c, _, _ := cli(t, code, "run", "-", "--config", cfg, "--allow-builtin-modules=false"); c != 3 {
		t.Errorf("--allow-builtin-modules=false over the configuration: exit %d, want 3", c)
	}
	sock, _ := startDaemon(t, t.TempDir())
	if c, _, errs := cli(t, code, "run", "-", "--allow-builtin-modules", "--socket", sock); c != 2 || !strings.Contains(errs, "daemon") {
		t.Errorf("through a daemon: exit %d (%s), want 2", c, errs)
	}
}
