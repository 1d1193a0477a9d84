package mcpe2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"codexec/internal/testutil"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}

// report is what client.mjs prints.
type report struct {
	SDKVersion    string `json:"sdkVersion"`
	ServerVersion struct {
		Name string `json:"name"`
	} `json:"serverVersion"`
	Tools map[string]struct {
		InputSchema  map[string]any `json:"inputSchema"`
		OutputSchema map[string]any `json:"outputSchema"`
	} `json:"tools"`
	Cases []struct {
		Name     string   `json:"name"`
		OK       bool     `json:"ok"`
		Problems []string `json:"problems"`
		Ms       float64  `json:"ms"`
	} `json:"cases"`
	Canary struct {
		OK      bool   `json:"ok"`
		Message string `json:"message"`
	} `json:"canary"`
	Figures struct {
		LargeOutput struct {
			Items           int `json:"items"`
			OutputBytes     int `json:"outputBytes"`
			TextBytes       int `json:"textBytes"`
			StructuredBytes int `json:"structuredBytes"`
		} `json:"largeOutput"`
	} `json:"figures"`
}

// wantCases are the cases the report must hold, so that a client that
// skipped some cannot pass.
var wantCases = []string{
	"javascript with context", "typescript", "blocked", "thrown error", "timeout", "large output: 20,000 items",
	"validate typescript", "validate blocked (an answer, not an error)",
	"code_execute language python", "code_validate language python",
	"code_execute language TypeScript", "code_validate language TypeScript",
	"code_execute language ts", "code_validate language ts",
	"missing code", "unknown argument", "timeout as a string", "code not a string", "tsExperimentalDecorators not a boolean",
	"timeout out of range (recorded)", "code_validate without code",
	"execution_stats agentId with spaces", "execution_stats empty agentId", "execution_stats of another agent",
	"execution_stats of this client",
	"code_execute cancelled (notifications/cancelled)",
}

// sdk is the installed SDK's directory and the version package.json pins,
// or a reason to skip.
func sdk(t *testing.T, dir string) (pinned string) {
	t.Helper()
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	raw, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		t.Fatal(err)
	}
	pinned = pkg.Dependencies["@modelcontextprotocol/sdk"]
	if pinned == "" || strings.ContainsAny(pinned, "^~<>*x ") {
		t.Fatalf("package.json must pin @modelcontextprotocol/sdk to an exact version, not %q", pinned)
	}
	raw, err = os.ReadFile(filepath.Join(dir, "node_modules", "@modelcontextprotocol", "sdk", "package.json"))
	if err != nil {
		t.Skipf("skipping: the MCP TypeScript SDK is not installed (run npm ci --ignore-scripts in internal/mcpe2e; .ci/run does): %v", err)
	}
	var installed struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(raw, &installed); err != nil {
		t.Fatal(err)
	}
	if installed.Version != pinned {
		t.Fatalf("node_modules holds @modelcontextprotocol/sdk %s, package.json pins %s: run npm ci again", installed.Version, pinned)
	}
	return pinned
}

// The official TypeScript SDK's client against the real `supervisor mcp`
// (in-process, real runners, a real embedded audit store): the tools and
// their schemas, each tool with valid and invalid arguments, every
// structured content validated by the SDK itself, languages that are not
// languages refused without a record, a large output cut in the text only.
func TestTypeScriptSDK(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("skipping: node is not installed (this test drives supervisor mcp with the MCP TypeScript SDK)")
	}
	dir := filepath.Join(testutil.ModuleRoot(t), "internal", "mcpe2e")
	pinned := sdk(t, dir)

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dataDir := t.TempDir()
	cmd := exec.CommandContext(ctx, node, "client.mjs", testutil.Supervisor(t), "mcp", "--allow-weak-isolation")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CODEXEC_DATA_DIR="+dataDir, "CODEXEC_SOCKET=off", "CODEXEC_RUNNER="+testutil.Runner(t))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node client.mjs: %v\nstderr (the client's and the server's):\n%s", err, stderr.String())
	}
	var r report
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("the report is not JSON: %v\n%s", err, stdout.String())
	}

	if r.SDKVersion != pinned || r.ServerVersion.Name != "codexec" {
		t.Errorf("SDK %s (want %s), server %q", r.SDKVersion, pinned, r.ServerVersion.Name)
	}
	var names []string
	for name, tool := range r.Tools {
		names = append(names, name)
		if tool.InputSchema["type"] != "object" || tool.OutputSchema["type"] != "object" {
			t.Errorf("%s: input schema type %v, output schema type %v; want object", name, tool.InputSchema["type"], tool.OutputSchema["type"])
		}
	}
	sort.Strings(names)
	if want := []string{"code_execute", "code_validate", "execution_stats"}; !reflect.DeepEqual(names, want) {
		t.Errorf("tools %v, want %v", names, want)
	}
	lang, _ := json.Marshal(r.Tools["code_execute"].InputSchema["properties"].(map[string]any)["language"].(map[string]any)["enum"])
	if string(lang) != `["javascript","typescript"]` {
		t.Errorf("code_execute's language enum %s", lang)
	}

	// The SDK really validates: it refused an ok result against a
	// tampered schema. Without this, passing cases would prove nothing.
	if !r.Canary.OK {
		t.Fatalf("canary: %s", r.Canary.Message)
	}
	seen := map[string]bool{}
	for _, c := range r.Cases {
		seen[c.Name] = true
		if !c.OK {
			t.Errorf("%s: %s", c.Name, strings.Join(c.Problems, "; "))
		}
	}
	for _, name := range wantCases {
		if !seen[name] {
			t.Errorf("the report has no case %q", name)
		}
	}
	lo := r.Figures.LargeOutput
	if lo.Items != 20000 || lo.TextBytes >= lo.StructuredBytes/10 {
		t.Errorf("large output: %+v; want 20000 items and a text much smaller than the structured content", lo)
	}
	t.Logf("@modelcontextprotocol/sdk %s: %d cases; 20,000 items: output %d bytes of JSON, structured content %d bytes, text %d bytes",
		r.SDKVersion, len(r.Cases), lo.OutputBytes, lo.StructuredBytes, lo.TextBytes)
	t.Logf("canary: %s", r.Canary.Message)

	// The audit trail, read by the CLI: what this client ran, in
	// languages only.
	out, err := exec.Command(testutil.Supervisor(t), "stats", "--agent", "codexec-e2e-TypeScript-SDK", "--json", "--data-dir", dataDir).Output()
	if err != nil {
		t.Fatalf("supervisor stats: %v", err)
	}
	var st struct {
		TotalExecutions int64            `json:"totalExecutions"`
		Cancelled       int64            `json:"cancelled"`
		Languages       map[string]int64 `json:"languages"`
	}
	if err := json.Unmarshal(out, &st); err != nil {
		t.Fatalf("supervisor stats --json: %v\n%s", err, out)
	}
	for l := range st.Languages {
		if l != "javascript" && l != "typescript" {
			t.Errorf("the audit trail has executions in language %q: %s", l, out)
		}
	}
	if st.TotalExecutions == 0 {
		t.Errorf("the audit trail has no executions of the client: %s", out)
	}
	if st.Cancelled != 1 {
		t.Errorf("the audit trail has %d cancelled executions of the client, want the one it cancelled: %s", st.Cancelled, out)
	}
}
