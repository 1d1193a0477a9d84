package builtins_test

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"
)

// notOurs lists, by object path, the properties Node 24 has that the
// runner does not, and why. Everything else Node's realm has must exist.
var notOurs = map[string]map[string]string{
	"globalThis": {
		"eval":              "removed by the sandbox: no dynamic code",
		"Function":          "removed by the sandbox: no dynamic code",
		"Intl":              "jsrt/intl's",
		"console":           "jsrt's own console (installed by jsrt, present in the runner)",
		"WebAssembly":       "no WebAssembly engine in goja",
		"SharedArrayBuffer": "goja has no shared memory: a SharedArrayBuffer no typed array can view would mislead",
		"Atomics":           "goja has no shared memory (see SharedArrayBuffer)",
		"Float16Array":      "a new typed-array element type needs a goja change",
	},
	"Function":                    {"*": "removed by the sandbox"},
	"Function.prototype":          {"*": "removed with Function"},
	"SharedArrayBuffer":           {"*": "see globalThis"},
	"SharedArrayBuffer.prototype": {"*": "see globalThis"},
	"Atomics":                     {"*": "see globalThis"},
	"Float16Array":                {"*": "see globalThis"},
	"Float16Array.prototype":      {"*": "see globalThis"},
	"RegExp": {
		"$&": "legacy RegExp statics need the engine's last-match state", "$'": "", "$+": "", "$1": "", "$2": "", "$3": "", "$4": "",
		"$5": "", "$6": "", "$7": "", "$8": "", "$9": "", "$_": "", "$`": "", "input": "", "lastMatch": "", "lastParen": "",
		"leftContext": "", "rightContext": "",
	},
	"RegExp.prototype": {
		"hasIndices":  "goja's regular expressions have no d flag",
		"unicodeSets": "goja's regular expressions have no v flag",
	},
	"Error": {"prepareStackTrace": "V8's stack formatting hook: goja formats its own stacks"},
	"String.prototype": {
		"anchor": "Annex B HTML methods: left out, thirteen functions at every start for markup nobody writes", "big": "", "blink": "",
		"bold": "", "fixed": "", "fontcolor": "", "fontsize": "", "italics": "", "link": "", "small": "", "strike": "", "sub": "", "sup": "",
	},
}

// TestInventory lists every own property of the built-in objects in the
// runner and fails on any Node 24 has (testdata/inventory-node.json, from a
// fresh V8 realm) that the runner lacks and notOurs does not explain.
func TestInventory(t *testing.T) {
	nodeJSON, err := os.ReadFile("testdata/inventory-node.json")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("testdata/inventory.js")
	if err != nil {
		t.Fatal(err)
	}
	var node, ours map[string][]string
	if err := json.Unmarshal(nodeJSON, &node); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(runString(t, "return (\n"+string(src)+"\n);")), &ours); err != nil {
		t.Fatal(err)
	}
	paths := make([]string, 0, len(node))
	for p := range node {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	checked := 0
	for _, p := range paths {
		have := map[string]bool{}
		for _, k := range ours[p] {
			have[k] = true
		}
		var missing []string
		for _, k := range node[p] {
			checked++
			if have[k] {
				continue
			}
			if _, ok := notOurs[p]["*"]; ok {
				continue
			}
			if _, ok := notOurs[p][k]; ok {
				continue
			}
			missing = append(missing, k)
		}
		if len(missing) > 0 {
			t.Errorf("%s lacks %s", p, strings.Join(missing, ", "))
		}
	}
	if checked < 800 {
		t.Fatalf("only %d properties checked", checked)
	}
}
