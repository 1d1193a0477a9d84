package detect

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"codexec/config"
	"codexec/jsrt"
	"codexec/result"
)

// DefaultRiskThreshold is the risk score at which code is refused when
// Options.RiskThreshold is 0 (config.Limits.RiskThreshold defaults to it).
const DefaultRiskThreshold = 0.7

// DefaultMaxFindings is how many findings a verdict lists when
// Options.MaxFindings is 0.
const DefaultMaxFindings = 50

// Options configure Validate.
type Options struct {
	// AllowBuiltinModules lets require() name the modules of
	// AllowedBuiltinModules, by a string literal.
	AllowBuiltinModules bool
	// RiskThreshold is the score, in (0, 1], at which the code is refused;
	// 0 means DefaultRiskThreshold.
	RiskThreshold float64
	// MaxFindings caps the findings a verdict lists (the score counts them
	// all); 0 means DefaultMaxFindings.
	MaxFindings int
	// TSExperimentalDecorators: TypeScript is transformed with TypeScript's
	// experimental decorators (parameter decorators allowed) instead of the
	// TC39 standard ones (the request's tsExperimentalDecorators; see
	// CheckParams). Check only.
	TSExperimentalDecorators bool
}

// OptionsFrom takes the validation settings from the configured limits.
func OptionsFrom(l config.Limits) Options {
	return Options{AllowBuiltinModules: l.AllowBuiltinModules, RiskThreshold: l.RiskThreshold}
}

// Verdict is the outcome of validating one piece of code.
type Verdict struct {
	// Allowed: the code may run (no syntax error, no blocking finding, a
	// risk score under the threshold).
	Allowed bool
	// RiskScore in [0, 1]: 1 when a finding blocks, otherwise the warnings
	// combined (see Score).
	RiskScore float64
	Threshold float64
	// Findings, blocking ones first, then by position; at most
	// Options.MaxFindings of them.
	Findings []result.Finding
	Omitted  int // findings beyond the cap
	// SyntaxError is set when the code does not parse: the request is an
	// error (status error) with this position, as the runner would report
	// it, not a refusal.
	SyntaxError *result.ErrorInfo
}

// Status is the status a request gets from this verdict: ok to run,
// blocked, or error for a syntax error.
func (v Verdict) Status() result.Status {
	switch {
	case v.SyntaxError != nil:
		return result.Error
	case !v.Allowed:
		return result.Blocked
	}
	return result.OK
}

// Validation is the verdict as the result JSON carries it.
func (v Verdict) Validation() result.Validation {
	f := v.Findings
	if f == nil {
		f = []result.Finding{}
	}
	return result.Validation{RiskScore: v.RiskScore, Findings: f}
}

// Err is nil when the code may run, the syntax error when it does not
// parse, and a *Blocked otherwise.
func (v Verdict) Err() error {
	switch {
	case v.SyntaxError != nil:
		return v.SyntaxError
	case !v.Allowed:
		return &Blocked{RiskScore: v.RiskScore, Threshold: v.Threshold, Findings: v.Findings}
	}
	return nil
}

// ErrorInfo is the result's error for a verdict that does not run: kind
// blocked with the first blocking finding's message and position (or the
// score), or the syntax error. It is nil when the code may run.
func (v Verdict) ErrorInfo() *result.ErrorInfo {
	switch {
	case v.SyntaxError != nil:
		e := *v.SyntaxError
		return &e
	case v.Allowed:
		return nil
	}
	b := Blocked{RiskScore: v.RiskScore, Threshold: v.Threshold, Findings: v.Findings}
	e := &result.ErrorInfo{Kind: result.Blocked, Message: b.Error()}
	if f := b.first(); f != nil {
		e.Line, e.Column = f.Line, f.Column
	}
	return e
}

// MapPositions rewrites every position with f (for TypeScript, the
// stripped JavaScript's positions to the TypeScript's: typescript.Output's
// Position). A position f cannot map becomes 0, 0.
func (v *Verdict) MapPositions(f func(line, column int) (int, int, bool)) {
	for i := range v.Findings {
		fd := &v.Findings[i]
		if fd.Line == 0 {
			continue
		}
		if l, c, ok := f(fd.Line, fd.Column); ok {
			fd.Line, fd.Column = l, c
		} else {
			fd.Line, fd.Column = 0, 0
		}
	}
	if v.SyntaxError != nil && v.SyntaxError.Line > 0 {
		if l, c, ok := f(v.SyntaxError.Line, v.SyntaxError.Column); ok {
			v.SyntaxError.Line, v.SyntaxError.Column = l, c
		} else {
			v.SyntaxError.Line, v.SyntaxError.Column = 0, 0
		}
	}
}

// Blocked is validation's refusal (status blocked).
type Blocked struct {
	RiskScore float64
	Threshold float64
	Findings  []result.Finding
}

func (b *Blocked) first() *result.Finding {
	for i := range b.Findings {
		if b.Findings[i].Severity == result.SeverityBlock {
			return &b.Findings[i]
		}
	}
	return nil
}

func (b *Blocked) Error() string {
	if f := b.first(); f != nil {
		n := 0
		for _, g := range b.Findings {
			if g.Severity == result.SeverityBlock {
				n++
			}
		}
		more := ""
		if n > 1 {
			more = fmt.Sprintf(" (and %d more blocking findings)", n-1)
		}
		return fmt.Sprintf("refused by validation [%s]: %s%s", f.Rule, f.Message, more)
	}
	return fmt.Sprintf("refused by validation: risk score %.2f reached the threshold %.2f (%d warnings)", b.RiskScore, b.Threshold, len(b.Findings))
}

// IsBlocked reports whether err is, or wraps, a *Blocked.
func IsBlocked(err error) bool {
	_, ok := errors.AsType[*Blocked](err)
	return ok
}

// Score combines findings into a risk score in [0, 1]: 1 if any blocks;
// otherwise each warning rule present contributes its weight once, combined
// as independent risks: 1 - Π(1 - weight).
func Score(findings []result.Finding) float64 {
	rules := map[string]bool{}
	keep := 1.0
	for _, f := range findings {
		if f.Severity == result.SeverityBlock {
			return 1
		}
		if rules[f.Rule] {
			continue
		}
		rules[f.Rule] = true
		w := ruleByID[f.Rule].Weight
		if w == 0 {
			w = 0.2
		}
		keep *= 1 - w
	}
	return math.Round((1-keep)*1000) / 1000
}

// Validate decides whether the JavaScript js (TypeScript already stripped)
// may run, as the body of an async function of context. It never panics
// and takes time linear in the size of js; a verdict it cannot reach
// refuses the code (rule validator-error).
func Validate(js string, opts Options) (v Verdict) {
	return validate(js, nil, opts, nil)
}

// validate is Validate with js already scanned (s), or nil to scan it.
// src is the code as submitted when js was made from it by a transform
// (TypeScript stripped, JavaScript lowered), nil otherwise: then every
// position is mapped back to it, and the layers that judge how the text is
// written (the lexical warnings and the regex layer) read the code as
// submitted, not esbuild's reprint of it (which folds 'constr' + 'uctor'
// into one string and writes escapes out).
func validate(js string, s *scanner, opts Options, src *source) (v Verdict) {
	th := opts.RiskThreshold
	if th <= 0 || th > 1 {
		th = DefaultRiskThreshold
	}
	defer func() {
		if r := recover(); r != nil {
			v = verdict([]result.Finding{{Rule: RuleValidator, Severity: result.SeverityBlock,
				Message: fmt.Sprintf("validation failed on this code (%v); it is refused", r)}}, th, opts.MaxFindings)
		}
	}()

	if s == nil {
		s = scan(js)
	}
	if s.violation != nil {
		f := *s.violation
		src.mapFinding(&f)
		return verdict([]result.Finding{f}, th, opts.MaxFindings)
	}
	fn, pos, perr := jsrt.ParseBody(js)
	if perr != nil {
		if m, ok := s.moduleAt(perr.Line, perr.Column); ok {
			f := s.moduleFinding(m)
			src.mapFinding(&f)
			return verdict([]result.Finding{f}, th, opts.MaxFindings)
		}
		if src != nil && perr.Line > 0 {
			if l, c, ok := src.pos(perr.Line, perr.Column); ok {
				perr.Line, perr.Column = l, c
			} else {
				perr.Line, perr.Column = 0, 0
			}
		}
		return Verdict{SyntaxError: perr, Threshold: th, Findings: []result.Finding{}}
	}
	a := newAnalyzer(opts, pos, fn)
	if !Walk(fn, a.pre, a.post) {
		a.findings = append(a.findings, result.Finding{Rule: RuleNesting, Severity: result.SeverityBlock,
			Message: fmt.Sprintf("expressions chain more than %d levels deep: refused, as analysing or compiling them could exhaust the stack", MaxWalkDepth)})
	}
	a.finish()
	findings := a.findings
	if src == nil {
		findings = append(findings, s.lexicalFindings()...)
		findings = append(findings, regexLayer(js, s)...)
	} else {
		for i := range findings {
			src.mapFinding(&findings[i])
		}
		findings = append(findings, src.s.lexicalFindings()...)
		findings = append(findings, regexLayer(src.code, src.s)...)
		findings = append(findings, src.foldedNames(js, s)...)
	}
	v = verdict(findings, th, opts.MaxFindings)
	if a.dropped > 0 {
		// Findings past the analyzer's caps still count.
		v.Omitted += a.dropped
		v.RiskScore = scoreRules(a.blocked, a.warnSeen, findings)
		v.Allowed = !a.blocked && v.RiskScore < th
	}
	return v
}

// source is the code as submitted, when the JavaScript validated was made
// from it.
type source struct {
	code string
	s    *scanner                                // its scan
	pos  func(line, column int) (int, int, bool) // a position in the JavaScript to one in code
}

// mapFinding moves f's position into the code as submitted (0, 0 when it
// is in esbuild's own text); nothing when src is nil.
func (src *source) mapFinding(f *result.Finding) {
	if src == nil || f.Line == 0 {
		return
	}
	if l, c, ok := src.pos(f.Line, f.Column); ok {
		f.Line, f.Column = l, c
	} else {
		f.Line, f.Column = 0, 0
	}
}

// foldedNames finds the dangerous names (obfuscatedNames) that the
// JavaScript spells as one string literal where the code as submitted did
// not: esbuild folds 'constr' + 'uctor' and writes escapes out, which would
// otherwise hide from the analysis what it refuses in code that is not
// transformed. Strings in esbuild's own helpers map nowhere and are not
// judged.
func (src *source) foldedNames(js string, s *scanner) []result.Finding {
	var out []result.Finding
	for _, sp := range s.strs {
		if sp[0] < 1 || sp[1] >= len(js) {
			continue
		}
		q := js[sp[0]-1]
		if (q != '"' && q != '\'' && q != '`') || js[sp[1]] != q {
			continue
		}
		name := js[sp[0]:sp[1]]
		if !slices.Contains(obfuscatedNames, name) {
			continue
		}
		jl, jc := lineCol(js, sp[0]-1)
		l, c, ok := src.pos(jl, jc)
		if !ok {
			continue
		}
		off, ok := offsetOf(src.code, l, c)
		if !ok {
			continue
		}
		rest := src.code[off:]
		if len(rest) > len(name)+1 && (rest[0] == '"' || rest[0] == '\'' || rest[0] == '`') &&
			rest[1:1+len(name)] == name && rest[1+len(name)] == rest[0] {
			continue // written as it is
		}
		out = append(out, result.Finding{Rule: RuleObfuscatedName, Severity: result.SeverityBlock, Line: l, Column: c,
			Message: fmt.Sprintf("this expression assembles %q from pieces or escapes", name)})
	}
	return out
}

// offsetOf is the byte offset of a 1-based line and UTF-16 column in code.
func offsetOf(code string, line, col int) (int, bool) {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(code[off:], '\n')
		if i < 0 {
			return 0, false
		}
		off += i + 1
	}
	for n := 1; n < col; {
		if off >= len(code) || code[off] == '\n' {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(code[off:])
		off += size
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return off, true
}

// scoreRules is Score over the findings and every warning rule seen.
func scoreRules(blocked bool, warnRules map[string]bool, findings []result.Finding) float64 {
	all := append([]result.Finding{}, findings...)
	for r := range warnRules {
		all = append(all, result.Finding{Rule: r, Severity: result.SeverityWarn})
	}
	if blocked {
		all = append(all, result.Finding{Rule: RuleValidator, Severity: result.SeverityBlock})
	}
	return Score(all)
}

func verdict(findings []result.Finding, threshold float64, max int) Verdict {
	if max <= 0 {
		max = DefaultMaxFindings
	}
	sort.SliceStable(findings, func(i, j int) bool {
		fi, fj := findings[i], findings[j]
		if fi.Severity != fj.Severity {
			return fi.Severity == result.SeverityBlock
		}
		if fi.Line != fj.Line {
			return fi.Line < fj.Line
		}
		if fi.Column != fj.Column {
			return fi.Column < fj.Column
		}
		return fi.Rule < fj.Rule
	})
	v := Verdict{RiskScore: Score(findings), Threshold: threshold, Findings: findings}
	blocked := false
	for _, f := range findings {
		blocked = blocked || f.Severity == result.SeverityBlock
	}
	v.Allowed = !blocked && v.RiskScore < threshold
	if len(v.Findings) > max {
		v.Omitted = len(v.Findings) - max
		v.Findings = v.Findings[:max]
	}
	if v.Findings == nil {
		v.Findings = []result.Finding{}
	}
	return v
}

// moduleAt finds an import or export keyword at a 1-based line and column
// (a goja syntax error's position).
func (s *scanner) moduleAt(line, col int) (moduleTok, bool) {
	if line <= 0 || len(s.modules) == 0 {
		return moduleTok{}, false
	}
	for _, m := range s.modules {
		if l, c := lineCol(s.src, m.off); l == line && c == col {
			return m, true
		}
	}
	return moduleTok{}, false
}

// lexicalFindings are the scanner's warnings.
func (s *scanner) lexicalFindings() []result.Finding {
	var out []result.Finding
	if len(s.escaped) > 0 {
		line, col := lineCol(s.src, s.escaped[0])
		msg := "an identifier is written with \\u escapes, which only hides what it names"
		if len(s.escaped) > 1 {
			msg = fmt.Sprintf("%d identifiers are written with \\u escapes, which only hides what they name", len(s.escaped))
		}
		out = append(out, result.Finding{Rule: RuleEscapedIdent, Severity: result.SeverityWarn, Message: msg, Line: line, Column: col})
	}
	var parts []string
	off := 0
	if s.maxBracket > WarnBracketNesting {
		parts = append(parts, fmt.Sprintf("brackets nest %d deep", s.maxBracket))
		off = s.maxBracketOff
	}
	if s.maxFn > WarnFunctionNesting {
		parts = append(parts, fmt.Sprintf("functions nest %d deep", s.maxFn))
		off = s.maxFnOff
	}
	if len(parts) > 0 {
		line, col := lineCol(s.src, off)
		out = append(out, result.Finding{Rule: RuleDeepNesting, Severity: result.SeverityWarn,
			Message: strings.Join(parts, " and ") + ": unusually deep for a task", Line: line, Column: col})
	}
	return out
}
