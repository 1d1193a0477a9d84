package detect

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codexec/ipc"
	"codexec/jsrt"
	"codexec/result"
	"codexec/typescript"
)

// The corpora under testdata: legit/ holds code of the kind agents send
// (it must all run, with no blocking finding), attack/ code that must be
// refused. Both seed FuzzValidate.

// knownGaps are the attacks validation lets through, each with the reason,
// and the message of the error the runtime stops it with: the test runs
// each one to prove the runtime neutralises it.
var knownGaps = map[string]struct{ reason, runtimeError string }{
	"ctor-via-param.js": {
		reason: "o.constructor returned from a function whose parameter is unknown: validation cannot tell a function from a plain object there, " +
			"and refusing every .constructor that leaves a function would refuse ordinary code",
		runtimeError: jsrt.ErrDynamicCode,
	},
	"ctor-new-unknown.js": {
		reason: "new f.constructor(...) on an unknown f has the shape of cloning an object or of rethrowing an error of the same type, " +
			"which agent code does",
		// What f.constructor yields for a function is the runtime's thrower,
		// which cannot be constructed.
		runtimeError: "not a constructor",
	},
	"ctor-dynamic-key-on-function.js": {
		reason: "f[k] on a function with a key computed at run time: classes are indexed this way for their static members, " +
			"so only a function's prototype indexed so is refused",
		runtimeError: jsrt.ErrDynamicCode,
	},
	"eval-via-helper.js": {
		reason: "the global object and the plain string 'eval' handed to a helper that indexes one with the other: " +
			"neither the helper nor the call shows a dangerous access on its own",
		runtimeError: "is not a function", // there is no eval to find
	},
	"process-via-function-this.js": {
		reason: "this.process inside a plain function, which is the global object only when the function is called bare: " +
			"constructor functions and methods use this.process for their own members",
		runtimeError: "Cannot read properties of undefined (reading 'env')", // there is no process
	},
}

// corpus reads a corpus directory: each file's code as the validator sees
// it (TypeScript stripped) and as submitted.
type snippet struct {
	name, raw, js string
	precheck      []result.Finding
	stripErr      error
}

// legitGlobs is the legitimate corpus: testdata/legit, plus the
// repository's own examples and benchmark workloads, read where they live.
var legitGlobs = []string{"testdata/legit/*.js", "testdata/legit/*.ts",
	"../bench/workloads/*.js", "../bench/workloads/*.ts",
	"../examples/async-timers.js", "../examples/dates.js", "../examples/interfaces.ts", "../examples/transform.js"}

var attackGlobs = []string{"testdata/attack/*.js", "testdata/attack/*.ts"}

func readCorpus(t *testing.T, globs ...string) []snippet {
	t.Helper()
	var out []snippet
	for _, path := range corpusFiles(t, globs...) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		s := snippet{name: filepath.Base(path), raw: string(b), js: string(b)}
		s.precheck = Precheck(s.raw)
		if strings.HasSuffix(path, ".ts") && len(s.precheck) == 0 {
			o, err := typescript.Strip(s.raw)
			if err != nil {
				s.stripErr = err
			} else {
				s.js = o.JS
			}
		}
		out = append(out, s)
	}
	return out
}

// runJS runs js in the runner's runtime, in process, with the corpus'
// context.
func runJS(t *testing.T, js string) ipc.Result {
	t.Helper()
	ctx, err := os.ReadFile("testdata/context.json")
	if err != nil {
		t.Fatal(err)
	}
	rt, err := jsrt.New(jsrt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rt.Run(ipc.Job{ID: "corpus", Code: js, Context: json.RawMessage(ctx), TimeoutMs: 5000,
		MaxOutputBytes: 1 << 20, MaxLogLines: 100, MaxLogBytes: 1 << 16}, nil)
}

func TestCorpusLegit(t *testing.T) {
	snippets := readCorpus(t, legitGlobs...)
	if len(snippets) < 60 {
		t.Fatalf("legit corpus has %d snippets, want at least 60", len(snippets))
	}
	blocked, warned := 0, 0
	for _, s := range snippets {
		t.Run(s.name, func(t *testing.T) {
			if len(s.precheck) > 0 || s.stripErr != nil {
				blocked++
				t.Fatalf("Precheck/Strip(%s) = %v %v, want nothing", s.name, s.precheck, s.stripErr)
			}
			v := Validate(s.js, Options{})
			if !v.Allowed || v.SyntaxError != nil {
				blocked++
				t.Errorf("Validate(%s) = %v (score %v), findings %v, want allowed", s.name, v.Status(), v.RiskScore, v.Findings)
			}
			for _, f := range v.Findings {
				if f.Severity == result.SeverityBlock {
					t.Errorf("Validate(%s) blocking finding %+v", s.name, f)
				}
			}
			if len(v.Findings) > 0 {
				warned++
			}
			// The corpus is real code: it runs.
			if res := runJS(t, s.js); res.Status != result.OK {
				t.Errorf("running %s = %s %v, want ok", s.name, res.Status, res.Error)
			}
		})
	}
	t.Logf("false positives: %d of %d legitimate snippets blocked (%.1f%%); %d with warnings", blocked, len(snippets),
		100*float64(blocked)/float64(len(snippets)), warned)
}

func TestCorpusAttacks(t *testing.T) {
	snippets := readCorpus(t, attackGlobs...)
	if len(snippets) < 60 {
		t.Fatalf("attack corpus has %d snippets, want at least 60", len(snippets))
	}
	detected := 0
	var missed []string
	for _, s := range snippets {
		t.Run(s.name, func(t *testing.T) {
			if s.stripErr != nil {
				t.Fatalf("typescript.Strip(%s) = %v", s.name, s.stripErr)
			}
			refused := len(s.precheck) > 0
			if !refused {
				v := Validate(s.js, Options{})
				if v.SyntaxError != nil {
					t.Fatalf("Validate(%s) syntax error %v: an attack must be valid code", s.name, v.SyntaxError)
				}
				refused = !v.Allowed
			}
			gap, isGap := knownGaps[s.name]
			switch {
			case refused:
				detected++
				if isGap {
					t.Errorf("%s is refused now: remove it from knownGaps", s.name)
				}
			case isGap:
				missed = append(missed, s.name)
				res := runJS(t, s.js)
				if res.Status == result.OK || res.Error == nil || !strings.Contains(res.Error.Message, gap.runtimeError) {
					t.Errorf("known gap %s: runtime = %s %v, want it stopped with %q", s.name, res.Status, res.Error, gap.runtimeError)
				}
			default:
				missed = append(missed, s.name)
				t.Errorf("Validate(%s) allowed an attack", s.name)
			}
		})
	}
	t.Logf("detection: %d of %d attacks refused (%.1f%%); let through: %v", detected, len(snippets),
		100*float64(detected)/float64(len(snippets)), missed)
	for name, g := range knownGaps {
		t.Logf("known gap %s: %s", name, g.reason)
	}
}
