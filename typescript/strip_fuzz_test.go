package typescript_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"codexec/detect"
	"codexec/internal/testutil"
	"codexec/typescript"
)

// stripSeeds are TypeScript bodies of every shape the package's tests and
// corpora know, and fragments that stress esbuild's lexer and the wrapper.
func stripSeeds(tb testing.TB) []string {
	tb.Helper()
	seeds := []string{
		"", "return 1", "const x: number = 2;\nreturn x * 21;",
		"interface P { name: string; age?: number }\nconst p: P = { name: 'ana' };\nreturn p.name;",
		"function id<T>(v: T): T { return v }\nreturn id<string>('x');",
		"const v = await Promise.resolve<number>(3);\nreturn v as number;",
		"enum Color { Red, Green }\nreturn Color.Green;",
		"class A { private n: number = 5; get v(): number { return this.n } }\nreturn new A().v;",
		"const m = new Map<string, number>([['a', 1]]);\nreturn (m.get('a')! satisfies number) + 1;",
		"// nothing", "let x: = 3", "const a = [1,\n2", "return 1 }\nfunction evil() {", "}", "{", "})(); (function () {",
		"const s = `a${`b${1}`}`;", "`${", "/*", "//", "'", "<T,>(x: T) => x", "a < b > c", "x as unknown as string",
		"declare const d: number;", "abstract class B { abstract m(): void }", "@dec class C {}", "namespace N {}",
		"type T = { [K in keyof U]: U[K] }", "let t: [a: number, b?: string]", "import type { A } from 'a'",
		"export {}", "import('fs')", "const r = /[/]/g; return r", "a\u2028b", "a\r\nb\rc", "\ufeffreturn 1",
		"const é: number = 1; return é", "return <any>1", "x!.y!.z", "enum E { A = 1, B = A << 2 }",
		"label: for (;;) { break label }", "using x = y", "accessor", "const enum K { A }",
	}
	globs := []string{
		filepath.Join(testutil.ModuleRoot(tb), "bench", "workloads", "*.ts"),
		filepath.Join(testutil.ModuleRoot(tb), "detect", "testdata", "*", "*.ts"),
		filepath.Join(testutil.ModuleRoot(tb), "testdata", "hostile", "*.ts"),
	}
	for _, g := range globs {
		files, err := filepath.Glob(g)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			if len(b) <= 16<<10 { // the deep ones are for the pre-check, and slow fuzzing down
				seeds = append(seeds, string(b))
			}
		}
	}
	return seeds
}

// lineCount counts lines the way any of JavaScript's line terminators
// would.
func lineCount(s string) int {
	n := 1
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\n':
			n++
		case s[i] == '\r' && (i+1 == len(s) || s[i+1] != '\n'):
			n++
		case strings.HasPrefix(s[i:], "\u2028"), strings.HasPrefix(s[i:], "\u2029"):
			n++
		}
	}
	return n
}

// checkStrip strips code as the supervisor would (only code that is UTF-8
// and that detect.Precheck lets through ever reaches esbuild: deep nesting
// overflows esbuild's stack, which is fatal) and checks what must hold.
func checkStrip(t *testing.T, code string) {
	t.Helper()
	if !utf8.ValidString(code) || len(detect.Precheck(code)) > 0 {
		return
	}
	lines := lineCount(code)
	out, err := typescript.Strip(code)
	if err != nil {
		var se *typescript.SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("Strip(%q) failed with %T %v, want a *SyntaxError", code, err, err)
		}
		if se.Message == "" || se.Line < 1 || se.Line > lines || se.Column < 1 {
			t.Fatalf("Strip(%q) = %+v: a position outside the code (%d lines)", code, se, lines)
		}
		return
	}
	if !utf8.ValidString(out.JS) {
		t.Fatalf("Strip(%q) gave JavaScript that is not UTF-8: %q", code, out.JS)
	}
	// Every position on a line of the JavaScript maps into the TypeScript,
	// or to nothing (esbuild's helpers).
	jsLines := strings.Split(out.JS, "\n")
	for l := 1; l <= len(jsLines) && l <= 200; l++ {
		width := len(jsLines[l-1])
		for _, c := range []int{1, width/2 + 1, width + 1} {
			tl, tc, ok := out.Position(l, c)
			if ok && (tl < 1 || tl > lines || tc < 1) {
				t.Fatalf("Strip(%q): Position(%d, %d) = %d, %d: outside the code (%d lines)", code, l, c, tl, tc, lines)
			}
		}
	}
}

func FuzzStrip(f *testing.F) {
	for _, s := range stripSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(checkStrip)
}

// TestFuzzStripCorpus replays FuzzStrip's seeds, and what fuzzing found
// (testdata/fuzz/FuzzStrip), under plain go test.
func TestFuzzStripCorpus(t *testing.T) {
	seeds := stripSeeds(t)
	seeds = append(seeds, fuzzCorpus(t, "FuzzStrip")...)
	for i, s := range seeds {
		t.Run(strconv.Itoa(i), func(t *testing.T) { checkStrip(t, s) })
	}
}

// fuzzCorpus reads the string inputs fuzzing saved in testdata/fuzz/name
// (the "go test fuzz v1" format: a header line, then one Go literal per
// argument).
func fuzzCorpus(t *testing.T, name string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", name, "*"))
	var out []string
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		if len(lines) < 2 || !strings.HasPrefix(lines[1], "string(") {
			t.Fatalf("%s: not a saved string input", path)
		}
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "string("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, s)
	}
	return out
}
