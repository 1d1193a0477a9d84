package detect

import (
	"errors"
	"fmt"

	"codexec/result"
	"codexec/typescript"
)

// Checked is code that went through all of validation.
type Checked struct {
	// JS is the JavaScript to run (the code itself, TypeScript stripped,
	// or JavaScript lowered); meaningful when Verdict.Allowed.
	JS string
	// Lowered is the transform that made JS (TypeScript stripped, or
	// JavaScript with syntax the runtime lacks lowered), to map the
	// runner's positions back with Lowered.Position; nil when JS is the
	// code as submitted.
	Lowered *typescript.Output
	// Verdict, with every position in the code as submitted.
	Verdict Verdict
}

// Check runs all of validation on code as submitted, in order: the nesting
// limits on the raw code (before esbuild can see it); for TypeScript, the
// transform to JavaScript; for JavaScript, the same transform only when a
// lexical scan finds syntax the runtime cannot run as written (async
// generators, for await, decorators, accessor fields, using declarations:
// typescript.Lowered), so that plain JavaScript pays nothing; then Validate
// on the JavaScript that will run, esbuild's helpers included (no rule is
// relaxed for them), with every position mapped back to the code as
// submitted, the text layers (lexical warnings, regex layer) run on the
// code as submitted, and dangerous names that esbuild's reprint folded
// into one string refused (see docs/decisions/0022-syntax-lowering.md). Run CheckParams
// first. A syntax error is in the verdict, not an error; the error is for a
// language Check does not know, or a failure of the transform itself.
func Check(code, language string, opts Options) (Checked, error) {
	th := opts.RiskThreshold
	if th <= 0 || th > 1 {
		th = DefaultRiskThreshold
	}
	var tsOpts typescript.Options
	s := scan(code)
	switch language {
	case JavaScript:
		if s.violation != nil || !s.lower || hasStaticModule(s) {
			// As written: the verdict on the scan done (an import
			// declaration is refused by its rule, not as esbuild's syntax
			// error).
			return Checked{JS: code, Verdict: validate(code, s, opts, nil)}, nil
		}
		tsOpts.JavaScript = true
	case TypeScript:
		if s.violation != nil {
			return Checked{Verdict: verdict([]result.Finding{*s.violation}, th, opts.MaxFindings)}, nil
		}
		tsOpts.ExperimentalDecorators = opts.TSExperimentalDecorators
	default:
		return Checked{}, fmt.Errorf("check code: unknown language %q", language)
	}
	out, err := typescript.Transform(code, tsOpts)
	if err != nil {
		var se *typescript.SyntaxError
		if errors.As(err, &se) {
			return Checked{Verdict: Verdict{Threshold: th, Findings: []result.Finding{}, SyntaxError: &result.ErrorInfo{
				Kind: result.Error, Message: "SyntaxError: " + se.Message, Line: se.Line, Column: se.Column}}}, nil
		}
		return Checked{}, fmt.Errorf("transform code: %w", err)
	}
	v := validate(out.JS, nil, opts, &source{code: code, s: s, pos: out.Position})
	return Checked{JS: out.JS, Lowered: out, Verdict: v}, nil
}

func hasStaticModule(s *scanner) bool {
	for _, m := range s.modules {
		if m.static {
			return true
		}
	}
	return false
}
