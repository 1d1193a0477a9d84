package detect

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"codexec/result"
)

// tsSeeds are the TypeScript files of the corpora, the JavaScript seeds
// (JavaScript is TypeScript too), and TypeScript-only fragments.
func tsSeeds(t testing.TB) []string {
	seeds := fuzzSeeds(t)
	for _, g := range []string{"testdata/*/*.ts", "../bench/workloads/*.ts", "../testdata/hostile/*.ts"} {
		files, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) <= 16<<10 { // the deep ones are the pre-check's, and slow fuzzing down
				seeds = append(seeds, string(b))
			}
		}
	}
	return append(seeds, "const x: number = 1; return x", "let x: = 3", "enum E { A = 1 } return E.A",
		"const F: any = (() => {}).constructor; return F('return 1')()", "function f<T>(x: T): T { return x } return f<any>(eval)",
		"return (<any>globalThis)['ev' + 'al']('1')", "declare const process: any; return process.env",
		"const r = require as any; return r('fs')", "type T = typeof import('fs'); return 1",
		"abstract class A { abstract m(): void } return 1", "namespace N {}", "import type { A } from 'a'; return 1",
		"return 1 }\nfunction evil() {", "a < b > (c)", "x as unknown as string", "@dec class C {}")
}

// checkTS validates code as TypeScript, as the service does, and checks
// what must hold for any input: no failure of the check itself, a score in
// [0, 1], known rules, positions inside the TypeScript as written, and a
// verdict consistent with its findings. Code that is not UTF-8 never gets
// here (CheckParams refuses it).
func checkTS(t *testing.T, code string, opts Options) {
	t.Helper()
	if !utf8.ValidString(code) {
		return
	}
	c, err := Check(code, TypeScript, opts)
	if err != nil {
		t.Fatalf("Check(%q, typescript) failed: %v", code, err)
	}
	v := c.Verdict
	lines := strings.Count(code, "\n") + strings.Count(code, "\r") + strings.Count(code, "\u2028") + strings.Count(code, "\u2029") + 1
	th := opts.RiskThreshold
	if th == 0 {
		th = DefaultRiskThreshold
	}
	if v.RiskScore < 0 || v.RiskScore > 1 {
		t.Fatalf("Check(%q) score %v outside [0, 1]", code, v.RiskScore)
	}
	if v.Findings == nil {
		t.Fatalf("Check(%q) findings = nil, want a slice", code)
	}
	blocks := false
	for _, f := range v.Findings {
		if f.Rule == RuleValidator {
			t.Fatalf("Check(%q) failed internally: %s", code, f.Message)
		}
		if _, ok := ruleByID[f.Rule]; !ok || f.Line < 0 || f.Line > lines || f.Column < 0 {
			t.Fatalf("Check(%q) bad finding %+v (%d lines)", code, f, lines)
		}
		blocks = blocks || f.Severity == result.SeverityBlock
	}
	if se := v.SyntaxError; se != nil && (se.Line < 0 || se.Line > lines || se.Column < 0 || se.Message == "") {
		t.Fatalf("Check(%q) bad syntax error %+v (%d lines)", code, se, lines)
	}
	if v.Allowed && (blocks || v.RiskScore >= th || v.SyntaxError != nil) {
		t.Fatalf("Check(%q) allowed with findings %v, score %v, syntax error %v", code, v.Findings, v.RiskScore, v.SyntaxError)
	}
	if !v.Allowed && !blocks && v.RiskScore < th && v.SyntaxError == nil {
		t.Fatalf("Check(%q) refused without a reason: %+v", code, v)
	}
	if v.Allowed && c.Lowered == nil {
		t.Fatalf("Check(%q) allowed TypeScript without its stripped output", code)
	}
}

func FuzzCheckTypeScript(f *testing.F) {
	for _, s := range tsSeeds(f) {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, code string, allowModules bool) {
		checkTS(t, code, Options{AllowBuiltinModules: allowModules})
	})
}

// TestFuzzCheckTypeScriptCorpus replays FuzzCheckTypeScript's seeds, and
// what fuzzing found (testdata/fuzz/FuzzCheckTypeScript), under plain go
// test.
func TestFuzzCheckTypeScriptCorpus(t *testing.T) {
	seeds := append(tsSeeds(t), fuzzFound(t, "FuzzCheckTypeScript")...)
	for i, s := range seeds {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			checkTS(t, s, Options{})
			checkTS(t, s, Options{AllowBuiltinModules: true})
		})
	}
}
