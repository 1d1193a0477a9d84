package typescript

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codexec/internal/testutil"
	"codexec/ipc"
	"codexec/jsrt"
	"codexec/result"
)

func run(t *testing.T, js string) ipc.Result {
	t.Helper()
	rt, err := jsrt.New(jsrt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := os.ReadFile(filepath.Join(testutil.ModuleRoot(t), "examples", "context.json"))
	if err != nil {
		ctx = []byte(`{}`)
	}
	return rt.Run(ipc.Job{Code: js, Context: json.RawMessage(ctx), TimeoutMs: 10000, MaxOutputBytes: 1 << 20}, nil)
}

func TestStripRuns(t *testing.T) {
	tests := []struct{ name, ts, want string }{
		{"annotations", "const x: number = 2;\nreturn x * 21;", "42"},
		{"interface", "interface P { name: string; age?: number }\nconst p: P = { name: 'ana' };\nreturn p.name;", `"ana"`},
		{"generics", "function id<T>(v: T): T { return v }\nreturn id<string>('x');", `"x"`},
		{"await and return", "const v = await Promise.resolve<number>(3);\nreturn v as number;", "3"},
		{"enum", "enum Color { Red, Green }\nreturn Color.Green;", "1"},
		{"class fields", "class A { private n: number = 5; get v(): number { return this.n } }\nreturn new A().v;", "5"},
		{"satisfies and non-null", "const m = new Map<string, number>([['a', 1]]);\nreturn (m.get('a')! satisfies number) + 1;", "2"},
		{"empty", "", "null"},
		{"comment only", "// nothing", "null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Strip(tt.ts)
			if err != nil {
				t.Fatalf("Strip: %v", err)
			}
			res := run(t, out.JS)
			if res.Status != result.OK || string(res.Output) != tt.want {
				t.Fatalf("ran %q: %s %s %+v, want %s", out.JS, res.Status, res.Output, res.Error, tt.want)
			}
		})
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	tests := []struct {
		name       string
		ts         string
		line, col  int
		msgContain string
	}{
		{"bad token", "const a: number = 1;\nconst b = ;\n", 2, 11, "Unexpected"},
		{"first line", "let x: = 3", 1, 8, "Unexpected"},
		{"unicode before", "const s = 'ééé'; let x: = 3", 1, 25, "Unexpected"},
		{"unterminated", "const a = [1,\n2", 2, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Strip(tt.ts)
			se, ok := err.(*SyntaxError)
			if !ok {
				t.Fatalf("Strip(%q) = %v, want a *SyntaxError", tt.ts, err)
			}
			if se.Line != tt.line || se.Column != tt.col || !strings.Contains(se.Message, tt.msgContain) {
				t.Errorf("Strip(%q) = %+v, want line %d column %d containing %q", tt.ts, se, tt.line, tt.col, tt.msgContain)
			}
		})
	}
}

// A runtime error's position in the stripped JavaScript maps back to the
// TypeScript line that threw.
func TestRuntimeErrorPosition(t *testing.T) {
	ts := `interface Box { v: number }
type Maybe = Box | undefined;

function unwrap(b: Maybe): number {
  if (!b) {
    throw new Error('empty box');
  }
  return b.v;
}
enum E { A = 1 }
return unwrap(undefined) + E.A;`
	out, err := Strip(ts)
	if err != nil {
		t.Fatal(err)
	}
	res := run(t, out.JS)
	if res.Status != result.Error || res.Error.Line == 0 {
		t.Fatalf("result = %+v, want an error with a position", res)
	}
	line, col, ok := out.Position(res.Error.Line, res.Error.Column)
	if !ok || line != 6 || col != 11 {
		t.Errorf("Position(%d, %d) = %d, %d, %v; want line 6, column 11 (the 'new Error')", res.Error.Line, res.Error.Column, line, col, ok)
	}
}

func TestEarlyClose(t *testing.T) {
	// Either the transform or the runtime's own wrapper check refuses it.
	out, err := Strip("return 1 }\nfunction evil() {")
	if err != nil {
		return
	}
	if _, perr := jsrt.CompileBody(out.JS); perr == nil {
		t.Fatalf("code that closes the wrapper early compiled: %q", out.JS)
	}
}

func TestWorkload(t *testing.T) {
	root := testutil.ModuleRoot(t)
	src, err := os.ReadFile(filepath.Join(root, "bench", "workloads", "typed.ts"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Strip(string(src)); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkStrip(b *testing.B) {
	src := strings.Repeat("{ interface P { a: number }\nconst p: P = { a: 1 }; }\n", 40) + "return 1;"
	if _, err := Strip(src); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Strip(src); err != nil {
			b.Fatal(err)
		}
	}
}
