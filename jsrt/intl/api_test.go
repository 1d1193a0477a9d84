package intl

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// apiKnown are expressions of testdata/api_cases.js whose result here
// differs from Node's on purpose, with this implementation's result.
var apiKnown = map[string]string{
	// Intl.Collator serves the collation types x/text has tables for;
	// ICU also has emoji, eor, trad, zhuyin, unihan, … .
	`new Intl.Locale("de").getCollations()`:                         `["phonebk"]`,
	`new Intl.Collator("es-u-co-trad").resolvedOptions().collation`: `"default"`,
	`Intl.supportedValuesOf("collation")`:                           `["phonebk","pinyin","stroke"]`,
	// With numeric, ICU counts only decimal digits (Nd) as numbers; x/text
	// also the digits ½ expands to.
	`["1", "01", "001", "1.0", "10", "9", "-1", "+1", "½", "١٠", "۱۰"].sort(new Intl.Collator("en", {numeric: true}).compare)`: `["-1","+1","½","1","01","001","1.0","9","10","١٠","۱۰"]`,
	// ICU keeps und-Hant; UTS #35's algorithm gives zh-TW.
	`new Intl.Locale("und-Hant").minimize().toString()`: `"zh-TW"`,
}

// TestAPIMatchesNode evaluates every expression of testdata/api.json and
// compares its JSON with what Node 24 gave.
func TestAPIMatchesNode(t *testing.T) {
	b, err := os.ReadFile("testdata/api.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases [][2]string
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	vm := newVM(t)
	for _, c := range cases {
		expr, want := c[0], c[1]
		if k, ok := apiKnown[expr]; ok {
			want = k
		}
		if err := vm.Set("expr", expr); err != nil {
			t.Fatal(err)
		}
		v, err := vm.RunString(`(() => { try { const v = (0, eval)(expr); return v === undefined ? "undefined" : JSON.stringify(v) } catch (e) { return "throws " + e.name } })()`)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		if got := v.String(); got != want {
			t.Errorf("%s\n%s", expr, jsonDiff(got, want))
		}
	}
}

// jsonDiff shows two results; of two arrays of the same length, only the
// elements that differ.
func jsonDiff(got, want string) string {
	var g, w []json.RawMessage
	if json.Unmarshal([]byte(got), &g) == nil && json.Unmarshal([]byte(want), &w) == nil && len(g) == len(w) {
		out := ""
		for i := range g {
			if string(g[i]) != string(w[i]) {
				out += fmt.Sprintf("  [%d] got: %s\n  [%d] node: %s\n", i, g[i], i, w[i])
			}
		}
		return out
	}
	return " got: " + got + "\nnode: " + want
}
