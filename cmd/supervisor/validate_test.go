package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"codexec/detect"
	"codexec/result"
)

// validateCLI runs `supervisor ARGS` in process with the validate command
// registered, and maps the outcome to an exit code as Execute does.
func validateCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	st := &State{Args: args, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Executable: os.Executable}
	root := newRootCmd(st)
	registered := false
	for _, c := range root.Commands() {
		registered = registered || c.Name() == "validate"
	}
	if !registered {
		root.AddCommand(newValidateCmd(st))
	}
	root.SetArgs(st.Args)
	root.SetIn(st.Stdin)
	root.SetOut(st.Stdout)
	root.SetErr(st.Stderr)
	err := root.Execute()
	var ee *exitError
	switch {
	case err == nil:
		code = 0
	case errors.As(err, &ee):
		if ee.err != nil {
			fmt.Fprintln(st.Stderr, "supervisor:", ee.err)
		}
		code = ee.code
	default:
		fmt.Fprintln(st.Stderr, "supervisor:", err)
		code = 2
	}
	return code, out.String(), errb.String()
}

func TestValidateCommand(t *testing.T) {
	tests := []struct {
		name  string
		file  string // written to a temp file, and passed as FILE; "" reads stdin
		code  string
		args  []string
		want  int
		inOut string // expected in stdout
		inErr string // expected in stderr
	}{
		{"runs", "x.js", "return [1, 2].map((x) => x * 2)", nil, 0, "ok: it would run · risk 0.00", ""},
		{"blocked", "x.js", "const a = 1;\nreturn eval('a')", nil, 3, "block [eval] eval is not available", ""},
		{"blocked position", "x.js", "const a = 1;\nreturn eval('a')", nil, 3, "(line 2, column 8)", ""},
		{"blocked summary", "x.js", "return process.env", nil, 3, "blocked: refused by validation [process]", ""},
		{"warning runs", "x.js", "while (true) {}", nil, 0, "warn  [loop-no-exit]", ""},
		{"syntax error", "x.js", "return (", nil, 1, "error: SyntaxError", ""},
		{"invalid", "x.js", "   ", nil, 3, "invalid: code: is empty", ""},
		{"typescript", "x.ts", "const a: number = 1;\nreturn a", nil, 0, "ok: it would run", ""},
		{"typescript positions", "x.ts", "interface P { x: number }\nconst p: P = { x: 1 };\nreturn eval(String(p.x))", nil, 3, "(line 3, column 8)", ""},
		{"typescript import", "x.ts", "import fs from 'fs';\nreturn fs", nil, 3, "block [import]", ""},
		{"typescript import type", "x.ts", "import type { Stats } from 'fs';\nconst s: Stats | null = null;\nreturn s", nil, 0, "ok: it would run", ""},
		{"parameter decorator", "x.ts", "function p(t: any, k: string, i: number) {}\nclass C { m(@p x: number) {} }", nil, 1, "error: SyntaxError", ""},
		{"parameter decorator, experimental", "x.ts", "function p(t: any, k: string, i: number) {}\nclass C { m(@p x: number) {} }", []string{"--ts-experimental-decorators"}, 0, "ok: it would run", ""},
		{"experimental decorators in javascript", "x.js", "return 1", []string{"--ts-experimental-decorators"}, 3, "invalid: tsExperimentalDecorators", ""},
		{"lowered position", "x.js", "async function* g() {\n  yield eval('1');\n}", nil, 3, "(line 2, column 9)", ""},
		{"end of input", "x.js", "return (", nil, 1, "error: SyntaxError: Unexpected end of input (line 1, column 9)", ""},
		{"typescript syntax error", "x.ts", "const a: = 1", nil, 1, "error: SyntaxError", ""},
		{"lang flag", "x.js", "const a: number = 1; return a", []string{"--lang", "typescript"}, 0, "ok", ""},
		{"stdin", "", "return 1 + 1", []string{"-"}, 0, "ok: it would run", ""},
		{"deep nesting", "", strings.Repeat("(", 100000), []string{"-"}, 3, "block [nesting]", ""},
		{"modules off", "x.js", "return require('path').join('a', 'b')", nil, 3, "block [require]", ""},
		{"modules on", "x.js", "return require('path').join('a', 'b')", []string{"--allow-builtin-modules"}, 0, "ok", ""},
		{"lower threshold", "x.js", "while (true) {}", []string{"--risk-threshold", "0.3"}, 3, "risk score 0.45 reached the threshold 0.30", ""},
		{"usage: no file", "", "", nil, 2, "", "validate takes one FILE"},
		{"usage: two files", "", "", []string{"a.js", "b.js"}, 2, "", "validate takes one FILE"},
		{"usage: missing file", "", "", []string{"/nonexistent/x.js"}, 2, "", "no such file"},
		{"usage: bad threshold", "x.js", "return 1", []string{"--risk-threshold", "2"}, 2, "", "outside (0, 1]"},
		{"usage: unknown flag", "x.js", "return 1", []string{"--bogus"}, 2, "", "unknown flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"validate"}
			if tt.file != "" {
				args = append(args, writeFile(t, tt.file, tt.code))
			}
			args = append(args, tt.args...)
			code, out, errs := validateCLI(t, tt.code, args...)
			if code != tt.want {
				t.Fatalf("validate %v = exit %d, want %d\nstdout: %s\nstderr: %s", tt.args, code, tt.want, out, errs)
			}
			if !strings.Contains(out, tt.inOut) || !strings.Contains(errs, tt.inErr) {
				t.Errorf("validate %v output:\nstdout: %s\nstderr: %s\nwant %q in stdout and %q in stderr", tt.args, out, errs, tt.inOut, tt.inErr)
			}
		})
	}
}

func TestValidateCommandJSON(t *testing.T) {
	tests := []struct {
		name    string
		code    string
		status  result.Status
		allowed bool
		rule    string // a rule among the findings, "" for none
	}{
		{"ok", "return 1", result.OK, true, ""},
		{"blocked", "return globalThis['ev' + 'al']('1')", result.Blocked, false, "eval"},
		{"warning", "for (;;) {}", result.OK, true, "loop-no-exit"},
		{"syntax error", "return )", result.Error, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := validateCLI(t, tt.code, "validate", "-", "--json")
			var got detect.Report
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("validate --json printed %q (stderr %q): %v", out, errs, err)
			}
			if got.Status != tt.status || got.Allowed != tt.allowed || code != tt.status.ExitCode() {
				t.Errorf("validate --json = %+v, exit %d; want status %s, allowed %v", got, code, tt.status, tt.allowed)
			}
			if got.Findings == nil || got.Language != "javascript" || got.Threshold != 0.7 {
				t.Errorf("validate --json = %+v, want findings [], javascript, threshold 0.7", got)
			}
			found := tt.rule == ""
			for _, f := range got.Findings {
				found = found || f.Rule == tt.rule
			}
			if !found {
				t.Errorf("validate --json findings = %v, want %s", got.Findings, tt.rule)
			}
			if (got.Error == nil) != tt.allowed {
				t.Errorf("validate --json error = %v with allowed %v", got.Error, got.Allowed)
			}
		})
	}
}

func TestValidateCommandConfig(t *testing.T) {
	cfg := writeFile(t, "config.json", `{"limits": {"allowBuiltinModules": true, "riskThreshold": 0.4}}`)
	src := writeFile(t, "x.js", "const path = require('path');\nwhile (true) { if (path) break }\nreturn 1")
	if code, out, errs := validateCLI(t, "", "validate", src, "--config", cfg); code != 0 {
		t.Errorf("validate --config (modules on) = exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	loop := writeFile(t, "y.js", "while (true) {}")
	if code, out, _ := validateCLI(t, "", "validate", loop, "--config", cfg); code != 3 || !strings.Contains(out, "threshold 0.40") {
		t.Errorf("validate --config (threshold 0.4) = exit %d, %q; want 3 at threshold 0.40", code, out)
	}
	if code, _, errs := validateCLI(t, "", "validate", src, "--config", writeFile(t, "bad.json", `{"limits": {"bogus": 1}}`)); code != 2 {
		t.Errorf("validate --config with an unknown key = exit %d (%s), want 2", code, errs)
	}
}
