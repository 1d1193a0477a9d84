package main

import (
	"path/filepath"
	"strings"
	"testing"

	"codexec/internal/testutil"
	"codexec/result"
)

// code_execute and code_validate over MCP, in process and through a
// daemon: a call without context gives the code {}, tsExperimentalDecorators
// is an argument of both tools (TypeScript only), and lowered syntax runs.
func TestMcpDefaultContextAndDecorators(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	dir := t.TempDir()
	sock, _ := startDaemon(t, dir)
	sessions := map[string]*mcpSession{
		"local": startMcp(t, "lowering-local", "", []string{"CODEXEC_DATA_DIR=" + filepath.Join(dir, "local"), "CODEXEC_SOCKET=off",
			"CODEXEC_RUNNER=" + testutil.Runner(t)}, "--allow-weak-isolation"),
		"daemon": startMcp(t, "lowering-daemon", "", []string{"CODEXEC_DATA_DIR=" + filepath.Join(dir, "mcp")}, "--socket", sock),
	}
	for name, s := range sessions {
		t.Run(name, func(t *testing.T) {
			for _, tool := range []string{"code_execute", "code_validate"} {
				props := s.tools[tool].InputSchema.(map[string]any)["properties"].(map[string]any)
				if p, ok := props["tsExperimentalDecorators"].(map[string]any); !ok || p["type"] != "boolean" {
					t.Errorf("%s's input schema: tsExperimentalDecorators = %v", tool, props["tsExperimentalDecorators"])
				}
			}
			var r result.Result
			res := s.call(t, "code_execute", `{"code": "const { items = [] } = context;\nreturn [items.length, typeof context]"}`)
			structured(t, res, &r)
			if res.IsError || r.Status != result.OK || string(r.Output) != `[0,"object"]` {
				t.Errorf("without context: %+v", r)
			}
			res = s.call(t, "code_execute", `{"code": "const s: string[] = [];\nfunction p(t: any, k: string, i: number) { s.push(k + i) }\nclass C { m(@p x: number) {} }\nreturn s", "language": "typescript", "tsExperimentalDecorators": true}`)
			structured(t, res, &r)
			if res.IsError || r.Status != result.OK || string(r.Output) != `["m0"]` {
				t.Errorf("experimental decorators: %+v", r)
			}
			res = s.call(t, "code_execute", `{"code": "return 1", "tsExperimentalDecorators": true}`)
			structured(t, res, &r)
			if !res.IsError || r.Status != result.Invalid || !strings.Contains(text(res), "tsExperimentalDecorators") {
				t.Errorf("experimental decorators with javascript: %+v", r)
			}
			res = s.call(t, "code_execute", `{"code": "async function* g() { yield 'a'; yield 'b' }\nconst r = [];\nfor await (const x of g()) r.push(x);\nreturn r.join('')"}`)
			structured(t, res, &r)
			if res.IsError || r.Status != result.OK || string(r.Output) != `"ab"` {
				t.Errorf("async generator: %+v", r)
			}

			const param = `"function p(t: any, k: string, i: number) {}\nclass C { m(@p x: number) {} }\nreturn 1"`
			var v struct {
				Status result.Status `json:"status"`
			}
			structured(t, s.call(t, "code_validate", `{"code": `+param+`, "language": "typescript"}`), &v)
			if v.Status != result.Error {
				t.Errorf("code_validate without the option: %s, want error", v.Status)
			}
			structured(t, s.call(t, "code_validate", `{"code": `+param+`, "language": "typescript", "tsExperimentalDecorators": true}`), &v)
			if v.Status != result.OK {
				t.Errorf("code_validate with the option: %s, want ok", v.Status)
			}
		})
	}
}
