package detect

import (
	"strings"
	"testing"

	"codexec/result"
	"codexec/typescript"
)

func rep(s string, n int) string { return strings.Repeat(s, n) }

// deepInputs are code nested about n deep (less where a level takes many
// bytes: the input stays under MaxSourceBytes, so that the nesting, not the
// size, is what gets refused), in every way a Go parser recurses on: each
// would exhaust a goroutine's stack (a fatal error) or take exponential
// time if it reached goja or esbuild.
func deepInputs(n int) []struct{ name, code string } {
	nest := func(head, open, mid, close string) string {
		k := n
		if max := (MaxSourceBytes - 64) / (len(open) + len(close)); k > max {
			k = max
		}
		return head + rep(open, k) + mid + rep(close, k)
	}
	return []struct{ name, code string }{
		{"parens", nest("", "(", "1", ")")},
		{"unclosed parens", nest("", "(", "", "")},
		{"brackets", nest("return ", "[", "", "]")},
		{"braces", nest("", "{", "", "}")},
		{"object literals", nest("return ", "{a:", "1", "}")},
		{"calls", nest("", "f(", "", ")")},
		{"templates", nest("return ", "`${", "1", "}`")},
		{"arrow chain", nest("return ", "a=>", "1", "")},
		{"arrow functions in calls", nest("", "f(()=>", "", ")")},
		{"async arrows", nest("return ", "async a=>", "1", "")},
		{"functions", nest("", "function f(){", "", "}")},
		{"not", nest("return ", "!", "1", "")},
		{"minus", nest("return ", "- ", "1", "")},
		{"typeof", nest("return ", "typeof ", "1", "")},
		{"await", nest("return ", "await ", "1", "")},
		{"new", nest("return ", "new ", "a", "")},
		{"spread", nest("return ", "[...", "a", "]")},
		{"assignments", nest("", "a=", "1", "")},
		{"compound assignments", nest("", "a+=", "1", "")},
		{"conditionals", nest("return ", "a?b:", "1", "")},
		{"comparisons", nest("return ", "a<", "1", "")},
		{"greater", nest("return ", "a>", "1", "")},
		{"exponents", nest("return ", "a**", "1", "")},
		{"in", nest("return ", "a in ", "b", "")},
		{"if chain", nest("", "if(a)", "b", "")},
		{"else if chain", nest("if(a)b;", "else if(a)b;", "", "")},
		{"while chain", nest("", "while(a)", "b", "")},
		{"labels", nest("", "a:", "b", "")},
		{"labels through blocks", nest("", "a:{", "", "}")},
		{"arrow parameter defaults", rep("(a=", 40) + "1" + rep(")=>1", 40)},
		{"async arrow parameter defaults", rep("async(a=", 40) + "1" + rep(")=>1", 40)},
		{"destructured parameter defaults", rep("({a=", 40) + "1" + rep("})=>1", 40)},
		{"yield calls", nest("function*g(){", "yield(", "", "")},
		{"type arguments", nest("let x: ", "A<B,", "C", ">")},
		{"type literals", nest("let x: ", "{a:", "1", "}")},
		{"keyof", nest("let x: ", "keyof ", "T", "")},
		{"conditional types", nest("type X = ", "A extends B ? ", "C", " : D")},
	}
}

func TestCheckNestingRefusesDeepInput(t *testing.T) {
	for _, tt := range deepInputs(100000) {
		t.Run(tt.name, func(t *testing.T) {
			f := CheckNesting(tt.code)
			if f == nil || f.Rule != RuleNesting || f.Severity != result.SeverityBlock {
				t.Fatalf("CheckNesting(%.40q...) = %v, want a blocking %s finding", tt.code, f, RuleNesting)
			}
			if strings.Contains(f.Message, "bytes") {
				t.Fatalf("CheckNesting(%.40q...) refused the size (%s), want the nesting refused", tt.code, f.Message)
			}
			if f.Line < 1 || f.Column < 1 {
				t.Errorf("CheckNesting(%.40q...) position = %d:%d, want a position", tt.code, f.Line, f.Column)
			}
			v := Validate(tt.code, Options{})
			if v.Allowed || v.Status() != result.Blocked || !hasRule(v, RuleNesting) {
				t.Errorf("Validate(%.40q...) = %v %v, want blocked by %s", tt.code, v.Status(), v.Findings, RuleNesting)
			}
			if p := Precheck(tt.code); len(p) != 1 || p[0].Rule != RuleNesting {
				t.Errorf("Precheck(%.40q...) = %v, want the nesting finding", tt.code, p)
			}
		})
	}
}

// Nesting just under the limits is accepted, and goja and esbuild handle
// it: the limits are consistent with what the scanner counts.
func TestNestingUnderLimitsIsSafe(t *testing.T) {
	tests := []struct{ name, code string }{
		{"parens", rep("(", MaxNesting-1) + "1" + rep(")", MaxNesting-1)},
		{"brackets", rep("[", MaxNesting-8) + rep("]", MaxNesting-8)},
		{"not", "!" + rep("!", MaxNesting-2) + "1"},
		{"conditionals", rep("a?b:", MaxNesting-2) + "1"},
		{"functions", rep("function f(){", MaxFunctionNesting-1) + rep("}", MaxFunctionNesting-1)},
		{"arrows", "x = " + rep("a=>", MaxFunctionNesting-1) + "1"},
		{"arrow parameter defaults", rep("(a=", MaxArrowParamNesting) + "1" + rep(")=>1", MaxArrowParamNesting)},
		{"labels", rep("a:", MaxLabelNesting) + "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if f := CheckNesting(tt.code); f != nil {
				t.Fatalf("CheckNesting(%.40q...) = %v, want nil under the limit", tt.code, f)
			}
			v := Validate(tt.code, Options{})
			if hasRule(v, RuleNesting) || hasRule(v, RuleValidator) {
				t.Errorf("Validate(%.40q...) findings = %v, want no nesting refusal", tt.code, v.Findings)
			}
			if _, err := typescript.Strip(tt.code); err != nil && !strings.Contains(err.Error(), "SyntaxError") {
				t.Errorf("typescript.Strip(%.40q...) = %v", tt.code, err)
			}
		})
	}
}

func TestCheckNestingLimits(t *testing.T) {
	tests := []struct {
		name    string
		code    string
		refused bool
	}{
		{"parens at the limit", rep("(", MaxNesting) + "1" + rep(")", MaxNesting), false},
		{"parens past the limit", rep("(", MaxNesting+1) + "1" + rep(")", MaxNesting+1), true},
		{"functions at the limit", rep("function f(){", MaxFunctionNesting) + rep("}", MaxFunctionNesting), false},
		{"functions past the limit", rep("function f(){", MaxFunctionNesting+1) + rep("}", MaxFunctionNesting+1), true},
		{"methods past the limit", rep("({m(){return ", MaxFunctionNesting+1) + rep("}})", MaxFunctionNesting+1), true},
		{"arrow bodies past the limit", rep("x=>{return ", MaxFunctionNesting+1) + rep("}", MaxFunctionNesting+1), true},
		{"arrow params at the limit", rep("(a=", MaxArrowParamNesting) + "1" + rep(")=>1", MaxArrowParamNesting), false},
		{"arrow params past the limit", rep("(a=", MaxArrowParamNesting+1) + "1" + rep(")=>1", MaxArrowParamNesting+1), true},
		{"simple arrow params do not count", rep("((a)=>", 20) + "1" + rep(")", 20), false},
		{"name lists do not count", "(x = (a, b) => (c, d) => a - b) => (y = (e, f) => e) => x", false},
		{"a spread makes a list count", "(x = (y = (...z) => 1) => 1) => 1", true},
		{"a plain name does not", "(x = (y = (z) => 1) => 1) => 1", false},
		{"labels at the limit", rep("a:", MaxLabelNesting) + "b", false},
		{"labels past the limit", rep("a:", MaxLabelNesting+1) + "b", true},
		{"raw brackets past the backstop", "x='" + rep("(", MaxRawBracketDepth+1) + "'", true},
		{"too large", "x=1;" + rep(" ", MaxSourceBytes), true},
		{"sibling statements do not add up", rep("a = b = c;\n", 1000), false},
		{"lines without semicolons do not add up", rep("a = b\nc = d\n", 1000), false},
		{"else-if chain of 100", "if (a) b()" + rep("\nelse if (a) b()", 100), false},
		{"long concatenation is flat", "return 'a'" + rep(" + 'a'", 1000), false},
		{"long method chain is flat", "return a" + rep(".b()", 1000), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := CheckNesting(tt.code)
			if got := f != nil; got != tt.refused {
				t.Errorf("CheckNesting(%.40q...) = %v, want refused %v", tt.code, f, tt.refused)
			}
		})
	}
}

// Brackets and operators inside strings, comments, regular expressions and
// template text are not nesting; real nesting is counted whatever those
// contain.
func TestCheckNestingLexes(t *testing.T) {
	deep := rep("(", 300)
	tests := []struct {
		name    string
		code    string
		refused bool
	}{
		{"single quotes", "return '" + deep + "'", false},
		{"double quotes", `return "` + deep + `"`, false},
		{"escaped quote", `return '\'` + deep + `'`, false},
		{"line comment", "// " + deep + "\nreturn 1", false},
		{"block comment", "/* " + deep + " */ return 1", false},
		{"regex", "return /" + rep(`\(`, 300) + "/.test(s)", false},
		{"regex class with slash", "return /[/(]" + rep(`\(`, 300) + "/.test(s)", false},
		{"template text", "return `" + deep + "`", false},
		{"template text after a substitution", "return `${a}" + deep + "`", false},
		{"division is not a regex", "return a / b / " + rep("(", 300) + "1" + rep(")", 300), true},
		{"regex after a control head", "if (a) /" + deep + "/.test(b)", false},
		{"quote in a regex", `return /"/.test(s) ? ` + rep("(", 300) + "1" + rep(")", 300), true},
		{"backtick in a regex", "return /`/.test(s) ? " + rep("(", 300) + "1" + rep(")", 300), true},
		{"closers in strings do not hide nesting", rep("(')'+", 300) + "1" + rep(")", 300), true},
		{"closers in comments do not hide nesting", rep("(/*)*/", 300) + "1" + rep(")", 300), true},
		{"nesting inside substitutions counts", "return `" + rep("${`", 300) + rep("`}", 300) + "`", true},
		{"object after arrow body block", "f(() => {}); x = {a: 1} / 2 / " + rep("(", 300), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := CheckNesting(tt.code)
			if got := f != nil; got != tt.refused {
				t.Errorf("CheckNesting(%.50q...) = %v, want refused %v", tt.code, f, tt.refused)
			}
		})
	}
}

func TestPrecheckModules(t *testing.T) {
	tests := []struct {
		name string
		code string
		want int // import findings
	}{
		{"import default", "import fs from 'fs'\nreturn fs", 1},
		{"import named", "import { a } from 'b';", 1},
		{"import namespace", "import * as m from 'm';", 1},
		{"import for effect", "import 'm';", 1},
		{"import after a statement", "const a = 1;\nimport x from 'y'", 1},
		{"export", "export const x = 1", 1},
		{"export default", "export default 1", 1},
		{"dynamic import is for Validate", "const m = await import('m')", 0},
		{"import.meta is for Validate", "return import.meta", 0},
		{"property named import", "x.import(1); x?.import; ({ import: 1 });", 0},
		{"method named import", "class A { import() {} export() {} }", 0},
		{"in a string", "return 'import fs from \"fs\"'", 0},
		{"in a comment", "// import fs from 'fs'\nreturn 1", 0},
		{"inside a namespace (a syntax error either way)", "namespace N { export const a = 1 }", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := 0
			for _, f := range Precheck(tt.code) {
				if f.Rule == RuleImport {
					got++
				}
			}
			if got != tt.want {
				t.Errorf("Precheck(%q) import findings = %d, want %d", tt.code, got, tt.want)
			}
		})
	}
}

func TestLineCol(t *testing.T) {
	tests := []struct {
		src       string
		off       int
		line, col int
	}{
		{"abc", 0, 1, 1},
		{"abc", 2, 1, 3},
		{"a\nbc", 3, 2, 2},
		{"a\r\nbc", 4, 2, 2},
		{"a\rb", 2, 2, 1},
		{"a\u2028b", 4, 2, 1},
		{"é\nx", 3, 2, 1},
	}
	for _, tt := range tests {
		if l, c := lineCol(tt.src, tt.off); l != tt.line || c != tt.col {
			t.Errorf("lineCol(%q, %d) = %d:%d, want %d:%d", tt.src, tt.off, l, c, tt.line, tt.col)
		}
	}
}

func hasRule(v Verdict, rule string) bool {
	for _, f := range v.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}
