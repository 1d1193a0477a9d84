package builtins_test

import (
	"encoding/json"
	"os"
	"testing"

	"codexec/ipc"
	"codexec/jsrt"
	"codexec/result"
)

// run runs code as a job body in a fresh jsrt runtime (the runner's, with
// these built-ins installed) and returns its result.
func run(t *testing.T, code string) ipc.Result {
	t.Helper()
	rt, err := jsrt.New(jsrt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rt.Run(ipc.Job{ID: "t", Code: code, Context: json.RawMessage(`{}`), TimeoutMs: 5000,
		MaxOutputBytes: 1 << 20, MaxLogLines: 100, MaxLogBytes: 1 << 16}, nil)
}

// runString runs code that returns a string and returns that string.
func runString(t *testing.T, code string) string {
	t.Helper()
	res := run(t, code)
	if res.Status != result.OK {
		t.Fatalf("status %s: %+v", res.Status, res.Error)
	}
	var s string
	if err := json.Unmarshal(res.Output, &s); err != nil {
		t.Fatalf("output %s: %v", res.Output, err)
	}
	return s
}

// TestNodeCases runs every case of testdata/cases.js and compares with what
// Node 24 gave for it (testdata/expected.json, written by testdata/gen.js).
func TestNodeCases(t *testing.T) {
	data, err := os.ReadFile("testdata/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Name, Code, Expected string }
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 100 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			if got := runString(t, c.Code); got != c.Expected {
				t.Errorf("got  %s\nwant %s", got, c.Expected)
			}
		})
	}
}
