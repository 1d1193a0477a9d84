package detect

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"

	"codexec/result"
)

// The regex layer looks at the text itself for what the tree does not show:
// code kept in strings (inert without eval, but a statement of intent),
// escapes and encodings that hide names, names cut into pieces. It only
// warns, with low weights: each signal alone leaves the score well under the
// threshold; several together reach it.

var (
	// \x63, \u0063, \u{63}: ASCII letters written as escapes.
	reEscapedLetter = regexp.MustCompile(`\\(?:x(?:[46][1-9a-fA-F]|[57][0-9aA])|u00(?:[46][1-9a-fA-F]|[57][0-9aA])|u\{0*(?:[46][1-9a-fA-F]|[57][0-9aA])\})`)
	// String.fromCharCode(99, 111, 110, 115, ...): four codes or more.
	reCharCodes = regexp.MustCompile(`fromC(?:harCode|odePoint)\s*\(\s*(?:0[xX][0-9a-fA-F]+|\d+)(?:\s*,\s*(?:0[xX][0-9a-fA-F]+|\d+)){3,}`)
	// Code in a string that reaches for what validation refuses.
	reCodeInString = regexp.MustCompile(`\brequire\s*\(\s*['"\x60]|\bprocess\.(?:env|exit|binding|mainModule|kill|argv|dlopen)\b|\bchild_process\b|\beval\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"\x60]|\.constructor\(|\bimport\s*\(\s*['"\x60]|\bexecSync\b|\bspawnSync\b`)
)

// codeTriggers are the words reCodeInString needs; a string without any of
// them is not matched against it.
var codeTriggers = []string{"require", "process", "eval", "Function", "constructor", "import", "Sync"}

func mayHoldCode(s string) bool {
	for _, w := range codeTriggers {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// isBase64 reports a string of 8 or more base64 characters, with padding.
func isBase64(s string) bool {
	t := strings.TrimRight(s, "=")
	if len(t) < 8 || len(s)-len(t) > 2 {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
			return false
		}
	}
	return true
}

// fragments are pieces of dangerous names (at least 3 characters, and not
// common words on their own) that signal a name cut up to be joined with +.
var (
	prefixFragments = set("cons", "const", "constr", "constru", "construc", "construct", "constructo",
		"eva", "Func", "Funct", "Functi", "Functio", "requi", "requir", "proce", "proces", "__pro",
		"__prot", "__proto", "__proto_", "protot", "prototy", "prototyp", "child_", "child_pro",
		"child_proc", "globalT", "globalTh")
	suffixFragments = set("uctor", "ructor", "tructor", "nstructor", "onstructor", "nction", "unction",
		"quire", "uire", "ocess", "rocess", "roto__", "oto__", "to__", "otype", "totype", "ototype",
		"_process", "lThis", "alThis", "balThis")
	payloadWords = []string{"eval", "constructor", "require", "process", "child_process", "Function(", "import(", "__proto__"}
)

func regexLayer(src string, s *scanner) []result.Finding {
	var out []result.Finding
	at := func(rule string, off int, msg string) {
		line, col := lineCol(src, off)
		out = append(out, result.Finding{Rule: rule, Severity: result.SeverityWarn, Message: msg, Line: line, Column: col})
	}
	if strings.Contains(src, `\x`) || strings.Contains(src, `\u`) {
		if locs := reEscapedLetter.FindAllStringIndex(src, 64); len(locs) >= 2 {
			at(RuleEscapeObfuscated, locs[0][0], fmt.Sprintf("%d ASCII letters are written as escapes (\\x63 for c), which only hides the text", len(locs)))
		}
	}
	if strings.Contains(src, "fromC") {
		if loc := reCharCodes.FindStringIndex(src); loc != nil {
			at(RuleCharCodes, loc[0], "text is built from character codes, which hides what it says")
		}
	}
	codeDone, b64Done, fragDone := false, false, false
	for _, sp := range s.strs {
		body := src[sp[0]:sp[1]]
		if !codeDone && len(body) >= 5 && mayHoldCode(body) {
			if loc := reCodeInString.FindStringIndex(body); loc != nil {
				codeDone = true
				at(RuleCodeInString, sp[0]+loc[0], fmt.Sprintf("a string holds code (%q): strings are never run here, but this is what validation refuses", body[loc[0]:loc[1]]))
			}
		}
		if !b64Done && isBase64(body) {
			if w := decodesToDanger(body); w != "" {
				b64Done = true
				at(RuleEncodedPayload, sp[0], fmt.Sprintf("a base64 string decodes to text containing %q", w))
			}
		}
		if !fragDone && len(body) >= 3 && len(body) <= 10 {
			if prefixFragments[body] && nextSignificant(src, sp[1]+1) == '+' ||
				suffixFragments[body] && prevSignificant(src, sp[0]-2) == '+' {
				fragDone = true
				at(RuleNameFragments, sp[0], fmt.Sprintf("%q is a piece of a dangerous name, joined with +", body))
			}
		}
	}
	return out
}

func decodesToDanger(s string) string {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
		b, err := enc.DecodeString(s)
		if err != nil {
			continue
		}
		text := string(b)
		for _, w := range payloadWords {
			if strings.Contains(text, w) {
				return w
			}
		}
	}
	return ""
}

func nextSignificant(src string, i int) byte {
	for ; i >= 0 && i < len(src); i++ {
		switch src[i] {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return src[i]
	}
	return 0
}

func prevSignificant(src string, i int) byte {
	for ; i >= 0 && i < len(src); i-- {
		switch src[i] {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return src[i]
	}
	return 0
}
