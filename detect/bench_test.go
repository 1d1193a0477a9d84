package detect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// agentCode returns n bytes (within 10%) of realistic agent code: snippets
// of the legitimate JavaScript corpus, each in its own async function.
func agentCode(b *testing.B, n int) string {
	b.Helper()
	files, err := filepath.Glob("testdata/legit/*.js")
	if err != nil || len(files) == 0 {
		b.Fatalf("legit corpus: %v", err)
	}
	var srcs []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, "await (async () => {\n"+string(src)+"\n})();\n")
	}
	var sb strings.Builder
	for added := true; added && sb.Len() < n*9/10; {
		added = false
		for _, src := range srcs {
			if sb.Len()+len(src) > n*11/10 {
				continue
			}
			sb.WriteString(src)
			added = true
			if sb.Len() >= n*9/10 {
				break
			}
		}
	}
	if sb.Len() < n*9/10 {
		b.Fatalf("agentCode(%d) = %d bytes", n, sb.Len())
	}
	return sb.String()
}

func BenchmarkValidate(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"1KiB", 1 << 10}, {"10KiB", 10 << 10}, {"100KiB", 100 << 10}} {
		code := agentCode(b, size.n)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(code)))
			for b.Loop() {
				if v := Validate(code, Options{}); !v.Allowed {
					b.Fatalf("Validate refused the legit corpus: %v %v", v.SyntaxError, v.Findings)
				}
			}
		})
	}
}

// BenchmarkCheckNesting is the pre-check alone, as the service runs it on
// the code as submitted.
func BenchmarkCheckNesting(b *testing.B) {
	code := agentCode(b, 100<<10)
	b.SetBytes(int64(len(code)))
	for b.Loop() {
		if f := CheckNesting(code); f != nil {
			b.Fatal(f)
		}
	}
}

// BenchmarkValidateHostile times 256 KiB inputs shaped to be slow: every
// one must stay linear (well under 50 ms).
func BenchmarkValidateHostile(b *testing.B) {
	const size = 256 << 10
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	inputs := []struct{ name, code string }{
		{"agent code", agentCode(b, size)},
		{"deep nesting refused", fill("(")},
		{"nesting under the limit", fill(rep("(", 200) + "1" + rep(")", 200) + ";\n")},
		{"functions under the limit", fill(rep("function f(){", 30) + rep("}", 30) + "\n")},
		{"long concatenation", "return 'a'" + fill(" + 'a'")},
		{"long member chain", "return a" + fill(".b")},
		{"many findings", fill("eval(1);\n")},
		{"many computed keys", fill("o['con' + k];\n")},
		{"many loops", fill("while (true) {}\n")},
		{"syntax errors", fill("@")},
		{"unterminated strings", fill("'\n")},
		{"one huge string", "return '" + fill("x") + "'"},
		{"labels", fill("a: b: c;\n")},
		{"arrow parameter defaults", fill(rep("(a=", MaxArrowParamNesting) + "1" + rep(")=>1", MaxArrowParamNesting) + ";\n")},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.code)))
			for b.Loop() {
				Validate(in.code, Options{})
			}
		})
	}
}

// The cost of deciding to lower, and of lowering: Check on plain
// JavaScript (one scan decides nothing is to be lowered) against Validate
// alone (what plain JavaScript cost before), and on the same code with one
// async generator in it (esbuild's transform, the helpers validated too).
func BenchmarkCheckLowering(b *testing.B) {
	plain := agentCode(b, 2<<10)
	lowered := plain + "async function* pages() { yield 1 }\nfor await (const p of pages()) {}\n"
	for _, c := range []struct {
		name string
		run  func() Verdict
	}{
		{"plain/Validate", func() Verdict { return Validate(plain, Options{}) }},
		{"plain/Check", func() Verdict {
			c, _ := Check(plain, JavaScript, Options{})
			if c.Lowered != nil {
				b.Fatal("plain code lowered")
			}
			return c.Verdict
		}},
		{"lowered/Check", func() Verdict {
			c, _ := Check(lowered, JavaScript, Options{})
			if c.Lowered == nil {
				b.Fatal("not lowered")
			}
			return c.Verdict
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if v := c.run(); !v.Allowed {
					b.Fatalf("refused: %v %v", v.SyntaxError, v.Findings)
				}
			}
		})
	}
}
