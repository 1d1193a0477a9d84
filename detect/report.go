package detect

import (
	"fmt"

	"codexec/config"
	"codexec/result"
)

// Report is validation without running, as a request with these limits
// would go through it: what `supervisor validate --json` prints and the MCP
// code_validate tool answers.
type Report struct {
	Status    result.Status     `json:"status"` // ok (it would run), blocked, invalid, or error (it does not parse)
	Allowed   bool              `json:"allowed"`
	Language  string            `json:"language"`
	RiskScore float64           `json:"riskScore"`
	Threshold float64           `json:"threshold"`
	Findings  []result.Finding  `json:"findings"`
	Omitted   int               `json:"omitted,omitempty"` // findings beyond the cap, not listed
	Error     *result.ErrorInfo `json:"error"`
}

// Submission is code to judge and how to read it: the fields of a request
// that validation depends on.
type Submission struct {
	Code     string
	Language string // javascript when empty
	// TSExperimentalDecorators: see Options (TypeScript only).
	TSExperimentalDecorators bool
}

// Judge runs the parameter checks that concern the code (the rest of a
// request takes the limits' defaults, which pass), then Check.
func Judge(sub Submission, lim config.Limits) (Report, error) {
	code, language := sub.Code, sub.Language
	if language == "" {
		language = JavaScript
	}
	out := Report{Language: language, Threshold: lim.RiskThreshold, Findings: []result.Finding{}}
	if inv := CheckParams(Params{Language: language, Code: code, TimeoutMs: lim.TimeoutMs,
		MemoryLimitMiB: lim.MemoryLimitMiB, AgentID: "validate", ChannelID: "validate",
		TSExperimentalDecorators: sub.TSExperimentalDecorators}, lim); inv != nil {
		out.Status = result.Invalid
		out.Error = &result.ErrorInfo{Kind: result.Invalid, Message: inv.Error()}
		return out, nil
	}
	opts := OptionsFrom(lim)
	opts.TSExperimentalDecorators = sub.TSExperimentalDecorators
	c, err := Check(code, language, opts)
	if err != nil {
		return Report{}, fmt.Errorf("validate the code: %w", err)
	}
	v := c.Verdict
	out.Status, out.Allowed = v.Status(), v.Allowed
	out.RiskScore, out.Threshold = v.RiskScore, v.Threshold
	out.Findings, out.Omitted, out.Error = v.Validation().Findings, v.Omitted, v.ErrorInfo()
	return out, nil
}
