// Package result defines the vocabulary every part of codexec shares: the
// status of an execution, the result JSON returned to callers (see DESIGN.md,
// "The result"), and the exit codes of `supervisor run`.
//
// It imports only the standard library so that both the supervisor and the
// runner can use it.
package result

import (
	"encoding/json"
	"fmt"
)

// Status is the outcome class of one execution.
type Status string

// The statuses: DESIGN.md's eight, and cancelled (decision 0032).
const (
	OK          Status = "ok"           // the code ran and its value was serialised
	Blocked     Status = "blocked"      // refused by validation before running
	Invalid     Status = "invalid"      // bad request parameters
	Error       Status = "error"        // the code threw, or its output could not be serialised
	Timeout     Status = "timeout"      // the deadline passed
	Memory      Status = "memory"       // the memory limit was reached
	OutputLimit Status = "output_limit" // output or logs over their caps
	Internal    Status = "internal"     // the runner crashed or broke the protocol, or the supervisor failed
	Cancelled   Status = "cancelled"    // the caller gave up before the result (MCP cancellation, a closed connection, a cancelled context, Ctrl-C); the runner was killed
)

// Statuses lists every status in a stable order.
var Statuses = []Status{OK, Blocked, Invalid, Error, Timeout, Memory, OutputLimit, Internal, Cancelled}

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	for _, k := range Statuses {
		if s == k {
			return true
		}
	}
	return false
}

// ExitCode is the exit code of `supervisor run` for a result with this status.
func (s Status) ExitCode() int {
	switch s {
	case OK:
		return 0
	case Error:
		return 1
	case Blocked, Invalid:
		return 3
	case Timeout:
		return 4
	case Memory:
		return 5
	case OutputLimit:
		return 6
	case Cancelled:
		return ExitCancelled
	default:
		return 70
	}
}

// ExitUsage is the exit code for a command-line usage error.
const ExitUsage = 2

// ExitCancelled is the exit code of an execution the caller cancelled
// (128 + SIGINT, as a shell reports a command stopped by Ctrl-C).
const ExitCancelled = 130

// Log is one console line written by the code.
type Log struct {
	Level   string `json:"level"` // log, info, warn, error, debug
	Message string `json:"message"`
}

// ErrorInfo describes why an execution did not succeed. Line and Column are
// 1-based positions in the code the user wrote, 0 when unknown.
type ErrorInfo struct {
	Kind    Status `json:"kind"`
	Message string `json:"message"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
}

func (e *ErrorInfo) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s: %s (line %d, column %d)", e.Kind, e.Message, e.Line, e.Column)
	}
	return fmt.Sprintf("%s: %s", e.Kind, e.Message)
}

// Severity of a validation finding.
type Severity string

// Severities of validation findings.
const (
	SeverityBlock Severity = "block" // refuses the execution on its own
	SeverityWarn  Severity = "warn"  // raises the risk score only
)

// Finding is one thing validation noticed in the code.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Line     int      `json:"line,omitempty"`
	Column   int      `json:"column,omitempty"`
}

// Validation is the verdict of pre-execution validation.
type Validation struct {
	RiskScore float64   `json:"riskScore"`
	Findings  []Finding `json:"findings"`
}

// ResourceUsage reports what one execution consumed.
type ResourceUsage struct {
	Memory  float64 `json:"memory"`  // peak memory of the runner, MiB (0 when no runner ran, or MemorySource is "none")
	Timeout bool    `json:"timeout"` // the deadline passed
	CPUTime float64 `json:"cpuTime"` // CPU time of the job, ms
	// MemorySource says what Memory was measured from, when a runner was
	// involved: "cgroup" (the peak of the cgroup the runner was born in),
	// "process" (the runner's own peak resident memory, or its cgroup's
	// peak where larger), "none" (no figure belongs to the runner alone;
	// Memory is then 0, not a guess).
	MemorySource string `json:"memorySource,omitempty"`
}

// Result is the answer to one execution request, as printed by
// `supervisor run --json` and returned by the socket API.
type Result struct {
	ID            string          `json:"id"`
	Success       bool            `json:"success"`
	Status        Status          `json:"status"`
	Output        json.RawMessage `json:"output"`
	Logs          []Log           `json:"logs"`
	Error         *ErrorInfo      `json:"error"`
	ExecutionTime float64         `json:"executionTime"` // ms
	ResourceUsage ResourceUsage   `json:"resourceUsage"`
	Validation    Validation      `json:"validation"`
	Language      string          `json:"language"`
	CodeHash      string          `json:"codeHash"`
}

// Normalize fills the fields that must never be JSON null in a result:
// output (null is its own JSON value), logs and findings (empty arrays).
func (r *Result) Normalize() {
	if len(r.Output) == 0 {
		r.Output = json.RawMessage("null")
	}
	if r.Logs == nil {
		r.Logs = []Log{}
	}
	if r.Validation.Findings == nil {
		r.Validation.Findings = []Finding{}
	}
	r.Success = r.Status == OK
}

// Fail sets a non-ok status with its error.
func (r *Result) Fail(status Status, message string, line, column int) {
	r.Status = status
	r.Success = false
	r.Error = &ErrorInfo{Kind: status, Message: message, Line: line, Column: column}
}
