package mcpserver

import (
	"fmt"
	"strings"

	"codexec/audit"
	"codexec/config"
	"codexec/result"
)

// RenderResult is the text content of a code_execute result, for clients
// that do not read structured content: the status line, the returned value
// (compact JSON), the console lines, the error with its position, the
// validation findings, and, when the execution did not succeed, what to do
// about it.
func RenderResult(res result.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s · %s · %.1f ms", res.Status, res.Language, res.ExecutionTime)
	if res.ResourceUsage.Memory > 0 { // 0: no runner was involved
		fmt.Fprintf(&b, " · %.1f MiB", res.ResourceUsage.Memory)
	}
	fmt.Fprintf(&b, " · %s\n", res.ID)
	if res.Status == result.OK {
		out := string(res.Output)
		if out == "" {
			out = "null"
		}
		fmt.Fprintf(&b, "output: %s\n", out)
	} else if res.Error != nil {
		fmt.Fprintf(&b, "error: %s%s\n", res.Error.Message, position(res.Error.Line, res.Error.Column))
	}
	if len(res.Logs) > 0 {
		heading := "console:"
		if res.Status == result.Timeout || res.Status == result.Memory || res.Status == result.OutputLimit {
			heading = "console (before it was stopped):"
		}
		b.WriteString(heading + "\n")
		for _, l := range res.Logs {
			fmt.Fprintf(&b, "  [%s] %s\n", l.Level, l.Message)
		}
	}
	renderFindings(&b, res.Validation.Findings, 0, res.Validation.RiskScore, res.Status == result.Blocked)
	if hint := hintFor(res); hint != "" {
		b.WriteString(hint + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// RenderVerdict is the text content of a code_validate answer.
func RenderVerdict(v Verdict) string {
	var b strings.Builder
	switch v.Status {
	case result.OK:
		fmt.Fprintf(&b, "ok: it would run · %s · risk %.2f (threshold %.2f)\n", v.Language, v.RiskScore, v.Threshold)
	case result.Blocked:
		fmt.Fprintf(&b, "blocked: it would be refused · %s · risk %.2f (threshold %.2f)\n", v.Language, v.RiskScore, v.Threshold)
	case result.Invalid:
		fmt.Fprintf(&b, "invalid: it would be refused · %s\n", v.Language)
	default:
		fmt.Fprintf(&b, "%s: it does not parse · %s\n", v.Status, v.Language)
	}
	if v.Error != nil {
		fmt.Fprintf(&b, "error: %s%s\n", v.Error.Message, position(v.Error.Line, v.Error.Column))
	}
	renderFindings(&b, v.Findings, v.Omitted, v.RiskScore, v.Status == result.Blocked)
	return strings.TrimRight(b.String(), "\n")
}

// RenderStats is the text content of an execution_stats answer.
func RenderStats(s audit.AgentStats) string {
	var b strings.Builder
	fmt.Fprintf(&b, "agent %s: %d executions", s.AgentID, s.TotalExecutions)
	if s.TotalExecutions == 0 {
		return b.String()
	}
	fmt.Fprintf(&b, ", %d ok (%.0f%%), mean %.1f ms, %d timeouts\n", s.Successes, 100*s.SuccessRate, s.AvgTime, s.Timeouts)
	fmt.Fprintf(&b, "languages: %s\n", orNone(s.LanguageCounts()))
	fmt.Fprintf(&b, "statuses: %s", orNone(s.StatusCounts()))
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func renderFindings(b *strings.Builder, findings []result.Finding, omitted int, score float64, blocked bool) {
	if len(findings) == 0 {
		return
	}
	heading := "validation warnings"
	if blocked {
		heading = "findings"
	}
	fmt.Fprintf(b, "%s (risk %.2f):\n", heading, score)
	for _, f := range findings {
		fmt.Fprintf(b, "  %s [%s] %s%s\n", f.Severity, f.Rule, f.Message, position(f.Line, f.Column))
	}
	if omitted > 0 {
		fmt.Fprintf(b, "  … and %d more\n", omitted)
	}
}

func position(line, column int) string {
	if line <= 0 {
		return ""
	}
	return fmt.Sprintf(" (line %d, column %d)", line, column)
}

// hintFor says what a model can do about a result that is not ok.
func hintFor(res result.Result) string {
	switch res.Status {
	case result.Blocked:
		return "Nothing ran. Rewrite the code without what the findings name (eval, Function and constructor chains to it, require, import, process, writes to built-in prototypes, computed access to constructor or __proto__ are refused), then call code_execute again."
	case result.Invalid:
		return "Nothing ran. Fix the argument the error names, then call code_execute again."
	case result.Error:
		if res.Error != nil && strings.HasPrefix(res.Error.Message, "SyntaxError") {
			return "The code does not parse: fix it at the position given (it is the body of an async function, not a module) and call code_execute again."
		}
		return "The code threw an exception (or its value could not be turned into JSON): fix it at the position given and call code_execute again."
	case result.Timeout:
		return fmt.Sprintf("The code ran past its timeout and was stopped: make it do less work, make sure every loop ends and every interval is cleared, or pass a larger timeout (at most %d ms).", config.MaxTimeoutMs)
	case result.Memory:
		return "The code used more memory than its limit and was stopped: work on less data at a time, or keep fewer objects alive."
	case result.OutputLimit:
		return "The returned value or the console output is over its cap: return less (a summary, a page, the fields you need) and log less."
	case result.Internal:
		return "The sandbox failed, not necessarily the code: calling code_execute again may work."
	}
	return ""
}
