package detect

import (
	"errors"
	"fmt"

	"codexec/result"
	"codexec/typescript"
)

// Checked is code that went through all of validation.
type Checked struct {
	// JS is the JavaScript to run (the code itself, or TypeScript
	// stripped); meaningful when Verdict.Allowed.
	JS string
	// TS is the stripped TypeScript, to map the runner's positions back
	// with TS.Position; nil for JavaScript.
	TS *typescript.Output
	// Verdict, with every position in the code as submitted.
	Verdict Verdict
}

// Check runs all of validation on code as submitted, in order: Precheck on
// the raw code (before esbuild can see it), TypeScript stripping, Validate
// on the JavaScript, and the mapping of positions back to the TypeScript.
// Run CheckParams first. A syntax error (JavaScript's or TypeScript's) is
// in the verdict, not an error; the error is for a language Check does not
// know, or a failure of the stripping itself.
func Check(code, language string, opts Options) (Checked, error) {
	th := opts.RiskThreshold
	if th <= 0 || th > 1 {
		th = DefaultRiskThreshold
	}
	switch language {
	case JavaScript:
		return Checked{JS: code, Verdict: Validate(code, opts)}, nil
	case TypeScript:
	default:
		return Checked{}, fmt.Errorf("check code: unknown language %q", language)
	}
	if pre := Precheck(code); len(pre) > 0 {
		return Checked{Verdict: verdict(pre, th, opts.MaxFindings)}, nil
	}
	out, err := typescript.Strip(code)
	if err != nil {
		var se *typescript.SyntaxError
		if errors.As(err, &se) {
			return Checked{Verdict: Verdict{Threshold: th, Findings: []result.Finding{}, SyntaxError: &result.ErrorInfo{
				Kind: result.Error, Message: "SyntaxError: " + se.Message, Line: se.Line, Column: se.Column}}}, nil
		}
		return Checked{}, fmt.Errorf("strip TypeScript: %w", err)
	}
	v := Validate(out.JS, opts)
	v.MapPositions(out.Position)
	return Checked{JS: out.JS, TS: out, Verdict: v}, nil
}
