package detect

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"codexec/result"
)

// fuzzSeeds are both corpora, small versions of the deep inputs, and
// fragments that stress the lexer.
func fuzzSeeds(t testing.TB) []string {
	var seeds []string
	for _, g := range []string{"testdata/legit/*", "testdata/attack/*", "testdata/walk/*.js"} {
		files, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			seeds = append(seeds, string(b))
		}
	}
	for _, d := range deepInputs(300) {
		seeds = append(seeds, d.code)
	}
	seeds = append(seeds, "", "`", "`${", "'", "/", "/*", "//", "\\u", "\\u{", "#", "a?.5:1", "x = {} / 2 / 1",
		"if (a) /re/.test(b)", "return `${`${'a'}`}`", "a\u2028b", "\xff\xfe", "(a=1)=>1", "async (a) => a",
		"import", "export", "import(", "x.import(", "class A { static {} }", "label: { break label }")
	return seeds
}

// checkInvariants validates code and checks what must hold for any input.
func checkInvariants(t *testing.T, code string, opts Options) {
	t.Helper()
	_ = CheckNesting(code)
	_ = Precheck(code)
	v := Validate(code, opts)
	th := opts.RiskThreshold
	if th == 0 {
		th = DefaultRiskThreshold
	}
	if v.RiskScore < 0 || v.RiskScore > 1 {
		t.Fatalf("Validate(%q) score %v outside [0, 1]", code, v.RiskScore)
	}
	if v.Findings == nil {
		t.Fatalf("Validate(%q) findings = nil, want a slice", code)
	}
	blocks := false
	for _, f := range v.Findings {
		if f.Rule == RuleValidator {
			t.Fatalf("Validate(%q) failed internally: %s", code, f.Message)
		}
		if _, ok := ruleByID[f.Rule]; !ok || f.Line < 0 || f.Column < 0 {
			t.Fatalf("Validate(%q) bad finding %+v", code, f)
		}
		blocks = blocks || f.Severity == result.SeverityBlock
	}
	if v.Allowed && (blocks || v.RiskScore >= th || v.SyntaxError != nil) {
		t.Fatalf("Validate(%q) allowed with findings %v, score %v, syntax error %v", code, v.Findings, v.RiskScore, v.SyntaxError)
	}
	if !v.Allowed && !blocks && v.RiskScore < th && v.SyntaxError == nil {
		t.Fatalf("Validate(%q) refused without a reason: %+v", code, v)
	}
}

func FuzzValidate(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, code string, allowModules bool) {
		checkInvariants(t, code, Options{AllowBuiltinModules: allowModules})
	})
}

// TestFuzzValidateCorpus replays the fuzz seeds, and what fuzzing found
// (testdata/fuzz/FuzzValidate), under plain go test.
func TestFuzzValidateCorpus(t *testing.T) {
	seeds := append(fuzzSeeds(t), fuzzFound(t, "FuzzValidate")...)
	for i, s := range seeds {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			checkInvariants(t, s, Options{})
			checkInvariants(t, s, Options{AllowBuiltinModules: true})
		})
	}
}

// fuzzFound returns the code of each input fuzzing found for target and
// kept in testdata/fuzz/<target> (the go test fuzz v1 format: a header
// line, then one Go literal per argument, the code first).
func fuzzFound(t *testing.T, target string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		if len(lines) > 1 && strings.HasPrefix(lines[1], "string(") {
			if s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "string("), ")")); err == nil {
				found = append(found, s)
			}
		}
	}
	return found
}
