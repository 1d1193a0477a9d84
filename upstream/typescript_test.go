package upstream

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"codexec/broker"
)

func TestTypeScript(t *testing.T) {
	tools := []broker.Tool{
		{Name: "crm.findCustomer", Description: "Find a customer.\nBy email. Never */ closes early.",
			InputSchema:  json.RawMessage(`{"type":"object","properties":{"email":{"type":"string","description":"Their email."},"limit":{"type":"integer"},"tags":{"type":"array","items":{"enum":["a","b"]}},"kind":{"const":"vip"},"x-y":{"type":["string","null"]},"any":{}},"required":["email"]}`),
			OutputSchema: json.RawMessage(`{"type":"object","properties":{"id":{"type":"number"},"ok":{"type":"boolean"},"ref":{"$ref":"#/x"},"alt":{"anyOf":[{"type":"string"},{"type":"object","properties":{"n":{"type":"number"}},"required":["n"]}]}},"required":["id"]}`)},
		{Name: "crm.list", InputSchema: json.RawMessage(`{"type":"object"}`)},
		{Name: "top", InputSchema: json.RawMessage(`{"type":"object","additionalProperties":{"type":"number"}}`), OutputSchema: json.RawMessage(`{"type":"array","items":{"oneOf":[{"type":"string"},{"type":"number"}]}}`)},
	}
	got := TypeScript(tools)
	want := `declare const tools: {
  crm: {
    /**
     * Find a customer.
     * By email. Never *\/ closes early.
     */
    findCustomer(args: {
      /** Their email. */
      email: string;
      limit?: number;
      tags?: Array<"a" | "b">;
      kind?: "vip";
      "x-y"?: string | null;
      any?: unknown;
    }): Promise<{
      id: number;
      ok?: boolean;
      ref?: unknown;
      alt?: string | {
        n: number;
      };
    }>;
    list(args: { [key: string]: unknown }): Promise<unknown>;
  };
  top(args: { [key: string]: number }): Promise<Array<string | number>>;
};
`
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	if TypeScript(nil) != "declare const tools: {};\n" {
		t.Errorf("no tools: %q", TypeScript(nil))
	}
	// Deep nesting ends in unknown rather than recursing without end.
	deep := `{"type":"string"}`
	for i := 0; i < 40; i++ {
		deep = `{"type":"array","items":` + deep + `}`
	}
	if ts := TypeScript([]broker.Tool{{Name: "d", InputSchema: json.RawMessage(`{"type":"object","properties":{"x":` + deep + `}}`)}}); !strings.Contains(ts, "unknown[]") {
		t.Errorf("deep: %s", ts)
	}
}

// The declarations of the test server's tools, from its schemas.
func TestDeclarationsOfServer(t *testing.T) {
	h, _ := start(t, nil, "calc")
	decl := h.Declarations("a")
	for _, s := range []string{"  calc: {\n", "    /** Add two numbers. */\n    add(args: {\n      /** The first addend. */\n      a: number;\n      b: number;\n    }): Promise<{\n      sum: number;\n    }>;\n",
		"    get_issue(args: {\n      number: number;\n      state?: \"open\" | \"closed\";\n    }): Promise<{\n      labels?: string[];\n      number: number;\n      title: string;\n    }>;\n",
		"    echo(args: {\n      text: string;\n    }): Promise<unknown>;\n"} {
		if !strings.Contains(decl, s) {
			t.Errorf("the declarations lack\n%s\nin\n%s", s, decl)
		}
	}
}

// The declarations are TypeScript that the compiler accepts and that
// type-checks code calling the tools (when tsc is on PATH).
func TestDeclarationsCompile(t *testing.T) {
	tsc, err := exec.LookPath("tsc")
	if err != nil {
		t.Skip("no TypeScript compiler (tsc) on PATH: the declarations were checked as text only")
	}
	h, _ := start(t, nil, "calc")
	decl := h.Declarations("a")
	dir := t.TempDir()
	code := decl + "\nasync function main() {\n  const s: number = (await tools.calc.add({ a: 1, b: 2 })).sum;\n  const i = await tools.calc.get_issue({ number: 3, state: 'open' });\n  return s + i.title.length;\n}\nmain();\n"
	if err := os.WriteFile(filepath.Join(dir, "a.ts"), []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tsc, "--noEmit", "--strict", "--target", "es2020", "--lib", "es2020", filepath.Join(dir, "a.ts")).CombinedOutput()
	if err != nil {
		t.Fatalf("tsc: %v\n%s\n%s", err, out, code)
	}
	bad := decl + "\ntools.calc.add({ a: 'one', b: 2 });\n"
	_ = os.WriteFile(filepath.Join(dir, "b.ts"), []byte(bad), 0o644)
	if out, err := exec.Command(tsc, "--noEmit", "--strict", "--target", "es2020", "--lib", "es2020", filepath.Join(dir, "b.ts")).CombinedOutput(); err == nil {
		t.Errorf("tsc accepted a string for a number:\n%s", out)
	}
}
