package mcpserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"codexec/audit"
	"codexec/config"
	"codexec/detect"
	"codexec/result"
)

// argError is a call refused before anything ran: an argument of the wrong
// shape (unknown, of the wrong type, missing) or a language that is not
// one. The answer is a tool error with status invalid whose error names
// the argument and what it may be.
type argError struct {
	Argument string // as the input schema names it (an unknown one by its name); "" for the arguments as a whole
	Message  string // the whole message, starting with the tool's name
	Allowed  string // what Argument may be
}

func (e *argError) Error() string { return e.Message }

// errorInfo is result.ErrorInfo as the tools answer it, with what a model
// needs to fix a call: the argument refused and what it may be, and a hint.
type errorInfo struct {
	Kind     result.Status `json:"kind"`
	Message  string        `json:"message"`
	Line     int           `json:"line,omitempty"`
	Column   int           `json:"column,omitempty"`
	Argument string        `json:"argument,omitempty"`
	Allowed  string        `json:"allowed,omitempty"`
	Hint     string        `json:"hint,omitempty"`
}

// allowedFor says what the argument arg may be, with the limits lim.
func allowedFor(arg string, lim config.Limits) string {
	switch arg {
	case "code":
		return fmt.Sprintf("a string of UTF-8, not blank, at most %s: the body of an async function that returns the value you want", size(lim.MaxCodeBytes))
	case "language":
		return fmt.Sprintf("%q (the default) or %q", detect.JavaScript, detect.TypeScript)
	case "context":
		return fmt.Sprintf("a JSON object (default {}), at most %s of JSON, nested at most %d levels deep", size(lim.MaxContextBytes), detect.MaxContextDepth)
	case "timeout":
		return fmt.Sprintf("a whole number of milliseconds from %d to %d (absent or 0: the default, %d)", config.MinTimeoutMs, config.MaxTimeoutMs, lim.TimeoutMs)
	case "tsExperimentalDecorators":
		return "true or false (the default); true only with language typescript"
	case "agentId":
		return fmt.Sprintf("1 to %d characters: ASCII letters, digits and . _ - : @ / + (absent: the agent id of your calls)", detect.MaxIDLength)
	case "hostId":
		return audit.HostIDRules + " (absent: every host)"
	}
	return ""
}

// explain is e as the tools answer it. An invalid status whose message
// names one of the tool's arguments (the parameter checks write
// "timeout: 60000 ms is outside [1, 30000] ms") says which and what it
// may be.
func explain(e *result.ErrorInfo, args []string, lim config.Limits) *errorInfo {
	if e == nil {
		return nil
	}
	out := &errorInfo{Kind: e.Kind, Message: e.Message, Line: e.Line, Column: e.Column}
	if e.Kind == result.Invalid {
		if field, _, ok := strings.Cut(e.Message, ": "); ok && slices.Contains(args, field) {
			out.Argument, out.Allowed = field, allowedFor(field, lim)
		}
	}
	return out
}

// checkLanguage refuses a language that is not one codexec runs: it is
// never recorded as a language. Absent, null and "" take the default.
func checkLanguage(tool string, lang *string, lim config.Limits) *argError {
	if lang == nil || *lang == "" {
		return nil
	}
	if inv := detect.CheckLanguage(*lang); inv != nil {
		return &argError{Argument: "language", Message: tool + ": " + inv.Error(), Allowed: allowedFor("language", lim)}
	}
	return nil
}

// decodeArgs decodes a tool's arguments (a JSON object; absent is {}) into
// dst, refusing unknown arguments and wrong types with a message that names
// the argument and what the tool takes.
func decodeArgs(tool string, raw json.RawMessage, dst any, known []string, lim config.Limits) *argError {
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		raw = json.RawMessage("{}")
	}
	whole := fmt.Sprintf("a JSON object of the arguments %s", argList(known))
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		if _, err := dec.Token(); err != io.EOF {
			return &argError{Message: fmt.Sprintf("%s: the arguments must be one JSON object", tool), Allowed: whole}
		}
		return nil
	}
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te) && te.Field == "":
		return &argError{Message: fmt.Sprintf("%s: the arguments must be a JSON object, not %s", tool, te.Value), Allowed: whole}
	case errors.As(err, &te):
		return &argError{Argument: te.Field, Message: fmt.Sprintf("%s: argument %s must be %s, not %s", tool, te.Field, kindOf(te.Type.String()), te.Value),
			Allowed: allowedFor(te.Field, lim)}
	}
	var unknown string
	if _, scanErr := fmt.Sscanf(err.Error(), "json: unknown field %q", &unknown); scanErr == nil {
		return &argError{Argument: unknown, Message: fmt.Sprintf("%s: unknown argument %q (it takes %s)", tool, unknown, argList(known)),
			Allowed: fmt.Sprintf("nothing: %s takes %s only", tool, argList(known))}
	}
	return &argError{Message: fmt.Sprintf("%s: the arguments are not valid JSON: %v", tool, err), Allowed: whole}
}

// kindOf names a Go type of an argument as a JSON kind.
func kindOf(goType string) string {
	switch goType {
	case "string", "*string":
		return "a string"
	case "bool", "*bool":
		return "a boolean (true or false)"
	}
	return "a " + goType
}

// wholeNumber parses a JSON number as an integer, accepting an integral
// float (2000.0).
func wholeNumber(n []byte) (int64, error) {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return i, nil
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("%s is not a whole number", n)
	}
	return int64(f), nil
}
