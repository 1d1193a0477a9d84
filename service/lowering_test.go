package service

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codexec/internal/testutil"
	"codexec/result"
)

// Syntax the runtime lacks runs lowered, end to end, with the runner's
// positions mapped back to the code as written; TypeScript's module-only
// syntax and both decorator flavours run; no context is {}.
func TestExecuteLoweredAndDefaults(t *testing.T) {
	s := newService(t)
	paginated := `const pages = { 1: { items: [1, 2], next: 2 }, 2: { items: [3], next: null } };
async function* fetchAll(page = 1) {
  while (page) {
    const r = await Promise.resolve(pages[page]);
    yield* r.items;
    page = r.next;
  }
}
const out = [];
for await (const x of fetchAll()) out.push(x);
return out;`
	experimental := `const seen: string[] = [];
function param(t: any, k: string, i: number) { seen.push(k + '#' + i) }
class Svc { find(@param id: number) { return id } }
return seen;`
	tests := []struct {
		name   string
		req    Request
		status result.Status
		output string
		errSub string
		line   int
		col    int
	}{
		{"no context", Request{Code: "const { items = [] } = context;\nreturn [items.length, typeof context, Object.keys(context).length];"}, result.OK, `[0,"object",0]`, "", 0, 0},
		{"blank context", Request{Code: "const { items = [] } = context; return items.length", Context: json.RawMessage(" \n")}, result.OK, "0", "", 0, 0},
		{"typescript no context", Request{Language: "typescript", Code: "const { items = [] }: { items?: number[] } = context; return items.length"}, result.OK, "0", "", 0, 0},
		{"async generator", Request{Code: paginated}, result.OK, "[1,2,3]", "", 0, 0},
		{"lowered runtime error position", Request{Code: "async function* g() {\n  yield 1;\n  null.boom;\n}\nfor await (const x of g()) {}"}, result.Error, "", "TypeError", 3, 8},
		{"decorators in javascript", Request{Code: "const log = [];\nconst tag = (v, c) => { log.push(c.kind + ' ' + c.name) };\n@tag class A { @tag accessor n = 1 }\nreturn [log, new A().n];"}, result.OK, `[["accessor n","class A"],1]`, "", 0, 0},
		{"namespace", Request{Language: "typescript", Code: "import type { Row } from './types';\nnamespace Fmt { export const pct = (n: number) => Math.round(n * 100) + '%' }\nconst r = await Promise.resolve(0.25);\nif (r > 1) return;\nreturn Fmt.pct(r);"}, result.OK, `"25%"`, "", 0, 0},
		{"namespace runtime error position", Request{Language: "typescript", Code: "namespace N { export const a: any = null }\nconst v = await 1;\nif (v) return N.a.b;"}, result.Error, "", "TypeError", 3, 19},
		{"experimental decorators", Request{Language: "typescript", Code: experimental, TSExperimentalDecorators: true}, result.OK, `["find#0"]`, "", 0, 0},
		{"parameter decorator needs the option", Request{Language: "typescript", Code: experimental}, result.Error, "", "SyntaxError", 3, 0},
		{"experimental decorators in javascript", Request{Code: "return 1", TSExperimentalDecorators: true}, result.Invalid, "", "tsExperimentalDecorators", 0, 0},
		{"end of input", Request{Code: "return ("}, result.Error, "", "Unexpected end of input", 1, 9},
		{"end of input typescript", Request{Language: "typescript", Code: "return ("}, result.Error, "", "Unexpected end of input", 1, 9},
		{"attack in async generator", Request{Code: "async function* g() { yield process.env }\nfor await (const x of g()) {}"}, result.Blocked, "", "process", 1, 29},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := s.Execute(context.Background(), tt.req, nil)
			if res.Status != tt.status {
				t.Fatalf("status = %q (%s %+v), want %q", res.Status, res.Output, res.Error, tt.status)
			}
			if tt.output != "" && string(res.Output) != tt.output {
				t.Errorf("output = %s, want %s", res.Output, tt.output)
			}
			if tt.errSub != "" && (res.Error == nil || !strings.Contains(res.Error.Message, tt.errSub)) {
				t.Errorf("error = %+v, want one containing %q", res.Error, tt.errSub)
			}
			if tt.line != 0 && (res.Error == nil || res.Error.Line != tt.line || tt.col != 0 && res.Error.Column != tt.col) {
				t.Errorf("error = %+v, want at %d:%d", res.Error, tt.line, tt.col)
			}
		})
	}
}

// The compat corpus's untyped decorator and accessor cases are JavaScript
// as agents write it (Node 24 cannot run them as JavaScript, so their
// reference was made through TypeScript): run as JavaScript, through the
// lowering, they print what Node printed.
func TestUntypedCasesAsJavaScript(t *testing.T) {
	s := newService(t)
	files, err := filepath.Glob(filepath.Join(testutil.ModuleRoot(t), "testdata", "compat", "typescript", "*.ts"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), "(Untyped: JavaScript") {
			continue
		}
		want, err := os.ReadFile(strings.TrimSuffix(f, ".ts") + ".out")
		if err != nil {
			t.Fatal(err)
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			res := s.Execute(context.Background(), Request{Code: string(src), Language: "javascript"}, nil)
			var got strings.Builder
			for _, l := range res.Logs {
				got.WriteString(l.Message + "\n")
			}
			if res.Status != result.OK {
				t.Fatalf("status %s: %+v", res.Status, res.Error)
			}
			got.WriteString("=> " + string(res.Output) + "\n")
			if got.String() != string(want) {
				t.Errorf("got:\n%swant (Node):\n%s", got.String(), want)
			}
		})
	}
	if n < 5 {
		t.Fatalf("%d untyped cases, want at least 5", n)
	}
}
