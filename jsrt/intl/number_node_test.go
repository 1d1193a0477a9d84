package intl

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/dop251/goja"
)

// newTestRuntime is a goja runtime with Intl installed.
func newTestRuntime(t testing.TB) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	if err := Install(vm); err != nil {
		t.Fatal(err)
	}
	return vm
}

// evalJSON runs an expression and returns JSON.stringify of its value, or
// "!! Name" for the name of the error it throws.
func evalJSON(vm *goja.Runtime, expr string) string {
	v, err := vm.RunString("JSON.stringify(" + expr + "\n)")
	if err != nil {
		if ex, ok := err.(*goja.Exception); ok {
			if o, ok := ex.Value().(*goja.Object); ok {
				return "!! " + o.Get("name").String()
			}
		}
		return "!! " + err.Error()
	}
	if goja.IsUndefined(v) {
		return "" // JSON.stringify(undefined), absent from the table
	}
	return v.String()
}

// knownDifferences are the table's entries this package does not match,
// each with the reason.
var knownDifferences = map[string]string{
	`new Intl.RelativeTimeFormat("nb", {"style":"long","numberingSystem":"arab"}).formatToParts(1000, 'hour')`: "ICU's own nb (and sv) data groups arab digits with a no-break space; CLDR's JSON has no arab symbols for them, so the root's ٬ is used",
}

// TestNodeTable replays testdata/number_node.json: what Node 24 printed
// for each expression (number_node.js made it).
func TestNodeTable(t *testing.T) {
	b, err := os.ReadFile("testdata/number_node.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Expr, Result string }
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 1000 {
		t.Fatalf("only %d cases", len(cases))
	}
	vm := newTestRuntime(t)
	fails := 0
	known := 0
	for _, c := range cases {
		if _, ok := knownDifferences[c.Expr]; ok {
			known++
			continue
		}
		if got := evalJSON(vm, c.Expr); got != c.Result {
			fails++
			if fails <= 40 {
				t.Errorf("%s\n got %s\nwant %s", c.Expr, got, c.Result)
			}
		}
	}
	if fails > 0 {
		t.Fatalf("%d of %d differ from Node", fails, len(cases))
	}
	if known != len(knownDifferences) {
		t.Errorf("%d known differences are in the table, %d listed", known, len(knownDifferences))
	}
	t.Logf("%d expressions match Node 24 (%d known differences)", len(cases)-known, known)
}
