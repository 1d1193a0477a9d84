package mcpserver

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/jsonschema-go/jsonschema"

	"codexec/audit"
	"codexec/config"
	"codexec/detect"
	"codexec/result"
)

// Tool names.
const (
	ToolExecute  = "code_execute"
	ToolValidate = "code_validate"
	ToolStats    = "execution_stats"
)

// instructions are the server's instructions to clients (initialize).
const instructions = `codexec runs JavaScript and TypeScript in a fresh, locked-down sandbox process per call: ` +
	`use code_execute to compute, transform or check data exactly instead of doing it in your head. ` +
	`The code is the body of an async function of context: pass your data as context and return the answer. ` +
	`There is no network and no file system; Intl, URL, crypto and the modern built-ins work as in Node.`

// What the code can use: kept in step with README.md, "What the code can use".
const environment = `The code is the body of an async function whose one argument is context (the object you pass as "context"): ` +
	`it must return the value you want back (a missing return gives null) and may await. ` +
	`The value comes back as JSON.stringify would make it (undefined, NaN and Infinity become null, a Date its ISO string). ` +
	`console.log/info/warn/error/debug lines come back as logs.

Available, as in Node 24: the ECMAScript built-ins through ES2025 (Object.groupBy, iterator helpers, Promise.withResolvers, ` +
	`Set methods, async generators, for await and decorators included), Intl (NumberFormat, DateTimeFormat with IANA time zones, ` +
	`Collator, PluralRules, RelativeTimeFormat, ListFormat, Locale, DisplayNames, Segmenter) and toLocaleString/localeCompare, ` +
	`URL, URLSearchParams, TextEncoder, TextDecoder, crypto (randomUUID, getRandomValues, subtle.digest), performance.now, ` +
	`AbortController, console (log, table, group, count, time, assert, …, formatted as Node formats them), setTimeout, setInterval, ` +
	`clearTimeout, clearInterval, queueMicrotask, structuredClone, atob, btoa. The time zone is UTC.
Not available: network (no fetch), files, process, eval and new Function, import of modules. ` +
	`Code that uses them is refused before it runs (status blocked, with the rule and the line).`

// modulesText says whether require() of the built-in modules works.
func modulesText(lim config.Limits) string {
	if !lim.AllowBuiltinModules {
		return "require() of modules is refused (the operator has not allowed built-in modules)."
	}
	return "require() loads the pure built-in modules " + strings.Join(detect.AllowedBuiltinModules(), ", ") +
		` (also as "node:" names); nothing else.`
}

func executeDescription(lim config.Limits) string {
	return `Run JavaScript or TypeScript in a fresh, isolated sandbox and get back the value it returns.

` + environment + `
` + modulesText(lim) + `

TypeScript is transpiled, not type-checked; positions in errors point into the code you sent.

` + limitsText(lim) + `

The answer is codexec's result JSON: id, success, status, output (the returned value), logs, error, ` +
		`executionTime (ms), resourceUsage {memory (MiB), timeout, cpuTime (ms)}, validation {riskScore, findings}, language, codeHash; ` +
		`the text content is the same JSON, with an output over ` + size(TextOutputMax) + ` of JSON cut to a string of its start and marked "outputTruncated": true ` +
		`(logs over ` + size(TextLogsMax) + ` likewise, "logsTruncated": true); the structured content has it all. ` +
		`status is ok, or blocked, invalid, error, timeout, memory, output_limit or internal; anything but ok is a tool error whose ` +
		`error gives the message, the line and column in your code, and a hint: what to change. ` +
		`An argument refused before anything ran (unknown, of the wrong type, a language other than javascript or typescript) ` +
		`answers status invalid with no id, and error.argument and error.allowed say which argument and what it may be.`
}

func limitsText(lim config.Limits) string {
	return fmt.Sprintf("Limits: timeout %d ms by default, at most %d ms; memory %d MiB; code %s; context %s of JSON; "+
		"returned value %s of JSON; console %d lines, %s.",
		lim.TimeoutMs, config.MaxTimeoutMs, lim.MemoryLimitMiB, size(lim.MaxCodeBytes), size(lim.MaxContextBytes),
		size(lim.MaxOutputBytes), lim.MaxLogLines, size(lim.MaxLogBytes))
}

func size(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func validateDescription(lim config.Limits) string {
	return fmt.Sprintf(`Check code the way code_execute checks it before running it, without running it: `+
		`the size and encoding limits, the syntax (TypeScript included), then the security rules and the risk score. `+
		`Use it to see why code would be refused, or before sending code you are unsure of.

The answer: status (ok: it would run; blocked: refused by a rule or a risk score of at least the threshold, %.2f; `+
		`invalid: over a limit; error: it does not parse), allowed, riskScore and threshold, findings (rule, severity block or warn, `+
		`message, line, column) and error (the reason it would not run, with its position). A verdict that the code would not run `+
		`is an answer, not a tool error. An argument refused (unknown, of the wrong type, a language other than javascript or typescript) `+
		`is a tool error: status invalid, and error.argument and error.allowed say which argument and what it may be. `+
		`The text content is the answer's JSON.`, lim.RiskThreshold)
}

var statsDescription = fmt.Sprintf(`Statistics of the executions codexec's audit trail holds for an agent: totalExecutions, successes, `+
	`successRate (0 to 1), avgTime (mean execution time, ms), timeouts, and counts per language, per status and per host `+
	`(the supervisor that ran them). Without agentId, the agent your own calls through this server are recorded as. `+
	`Without hostId, every host whose records the audit trail holds (a fleet sharing one MongoDB); with it, that host's only. `+
	`An agentId that is not an id (1 to %d characters: ASCII letters, digits and . _ - : @ / +), or a hostId that is not one `+
	`(%s), is a tool error with status invalid. The text content is the answer's JSON.`,
	detect.MaxIDLength, audit.HostIDRules)

// Argument names, as the input schemas name them.
var (
	executeArgs  = []string{"code", "language", "context", "timeout", "tsExperimentalDecorators"}
	validateArgs = []string{"code", "language", "tsExperimentalDecorators"}
	statsArgs    = []string{"agentId", "hostId"}
)

func codeSchema(lim config.Limits) *jsonschema.Schema {
	return &jsonschema.Schema{Type: "string", MinLength: jsonschema.Ptr(1),
		Description: fmt.Sprintf("The body of an async function of context: statements ending in a return. "+
			"Example: `const total = context.items.reduce((s, x) => s + x.price, 0); return {total}`. At most %s.", size(lim.MaxCodeBytes))}
}

func languageSchema() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "string", Enum: []any{detect.JavaScript, detect.TypeScript},
		Default:     json.RawMessage(`"` + detect.JavaScript + `"`),
		Description: "The language of code. TypeScript is transpiled to JavaScript (types are not checked)."}
}

func experimentalDecoratorsSchema() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "boolean", Default: json.RawMessage(`false`),
		Description: "TypeScript only: compile decorators as TypeScript's experimentalDecorators (legacy semantics, " +
			"parameter decorators allowed) instead of the TC39 standard decorators. Invalid with javascript."}
}

func executeInputSchema(lim config.Limits) *jsonschema.Schema {
	return &jsonschema.Schema{
		Type: "object",
		Properties: map[string]*jsonschema.Schema{
			"code":     codeSchema(lim),
			"language": languageSchema(),
			"context": {Type: "object",
				Description: fmt.Sprintf("Any JSON object, passed to the code as its argument context (default {}). "+
					"Put the data the code works on here rather than in the code. At most %s of JSON, %d levels deep.",
					size(lim.MaxContextBytes), detect.MaxContextDepth)},
			"timeout": {Type: "integer", Minimum: jsonschema.Ptr(float64(config.MinTimeoutMs)), Maximum: jsonschema.Ptr(float64(config.MaxTimeoutMs)),
				Description: fmt.Sprintf("Milliseconds the code may run before it is stopped (default %d, at most %d).", lim.TimeoutMs, config.MaxTimeoutMs)},
			"tsExperimentalDecorators": experimentalDecoratorsSchema(),
		},
		PropertyOrder:        executeArgs,
		Required:             []string{"code"},
		AdditionalProperties: &jsonschema.Schema{Not: &jsonschema.Schema{}},
	}
}

func validateInputSchema(lim config.Limits) *jsonschema.Schema {
	return &jsonschema.Schema{
		Type: "object",
		Properties: map[string]*jsonschema.Schema{
			"code":                     codeSchema(lim),
			"language":                 languageSchema(),
			"tsExperimentalDecorators": experimentalDecoratorsSchema(),
		},
		PropertyOrder:        validateArgs,
		Required:             []string{"code"},
		AdditionalProperties: &jsonschema.Schema{Not: &jsonschema.Schema{}},
	}
}

func statsInputSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type: "object",
		Properties: map[string]*jsonschema.Schema{
			"agentId": {Type: "string", MinLength: jsonschema.Ptr(1), MaxLength: jsonschema.Ptr(detect.MaxIDLength),
				Description: "The agent whose executions to summarise (letters, digits and . _ - : @ / +). Default: the agent id of your calls through this server."},
			"hostId": {Type: "string", MinLength: jsonschema.Ptr(1), MaxLength: jsonschema.Ptr(audit.MaxHostIDChars),
				Description: "Only the executions the supervisor of this host ran (letters, digits and . _ - :). Default: every host."},
		},
		PropertyOrder:        statsArgs,
		AdditionalProperties: &jsonschema.Schema{Not: &jsonschema.Schema{}},
	}
}

func statusSchema(desc string, statuses ...result.Status) *jsonschema.Schema {
	enum := make([]any, len(statuses))
	for i, s := range statuses {
		enum[i] = string(s)
	}
	return &jsonschema.Schema{Type: "string", Enum: enum, Description: desc}
}

func findingSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type: "object",
		Properties: map[string]*jsonschema.Schema{
			"rule":     {Type: "string", Description: "the rule's id"},
			"severity": {Type: "string", Enum: []any{string(result.SeverityBlock), string(result.SeverityWarn)}, Description: "block refuses the code on its own; warn adds to the risk score"},
			"message":  {Type: "string"},
			"line":     {Type: "integer", Description: "1-based, in the code as sent; absent when unknown"},
			"column":   {Type: "integer", Description: "1-based; absent when unknown"},
		},
		PropertyOrder: []string{"rule", "severity", "message", "line", "column"},
		Required:      []string{"rule", "severity", "message"},
	}
}

func errorInfoSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Types: []string{"object", "null"},
		Properties: map[string]*jsonschema.Schema{
			"kind":    statusSchema("the status", result.Statuses...),
			"message": {Type: "string"},
			"line":    {Type: "integer", Description: "1-based, in the code as sent; absent when unknown"},
			"column":  {Type: "integer", Description: "1-based; absent when unknown"},
			"argument": {Type: "string",
				Description: "status invalid: the argument refused, as the input schema names it (an unknown argument by its own name); absent when the arguments as a whole are refused"},
			"allowed": {Type: "string", Description: "with argument: what that argument may be"},
			"hint":    {Type: "string", Description: "what to change before calling again"},
		},
		PropertyOrder: []string{"kind", "message", "line", "column", "argument", "allowed", "hint"},
		Required:      []string{"kind", "message"},
		Description:   "null when status is ok",
	}
}

// refusedStatuses are those of an answer that is not an execution (nor a
// verdict, nor statistics): invalid for arguments refused before anything
// ran, internal when the backend could not be reached or failed.
var refusedStatuses = []result.Status{result.Invalid, result.Internal}

// refusal is the anyOf branch of an output schema that a call refused
// before it reached the backend matches: only status and error are
// present, with status invalid or internal.
func refusal() *jsonschema.Schema {
	return &jsonschema.Schema{
		Properties: map[string]*jsonschema.Schema{"status": statusSchema("", refusedStatuses...)},
		Required:   []string{"status", "error"},
	}
}

// resultSchema is the output schema of code_execute: the result JSON
// (DESIGN.md, "The result").
func resultSchema() *jsonschema.Schema {
	props := map[string]*jsonschema.Schema{
		"id":      {Type: "string", Description: "the execution id (exec_ and a ULID), also the audit record's"},
		"success": {Type: "boolean", Description: "status is ok"},
		"status":  statusSchema("ok, or why the code did not produce a value", result.Statuses...),
		"output":  {Description: "the value the code returned, as JSON; null unless status is ok"},
		"logs": {Type: "array", Items: &jsonschema.Schema{
			Type: "object",
			Properties: map[string]*jsonschema.Schema{
				"level":   {Type: "string", Description: "log, info, warn, error or debug"},
				"message": {Type: "string"},
			},
			PropertyOrder: []string{"level", "message"},
			Required:      []string{"level", "message"},
		}, Description: "console lines, in order (kept when the code is stopped)"},
		"error":         errorInfoSchema(),
		"executionTime": {Type: "number", Description: "ms the code ran"},
		"resourceUsage": {
			Type: "object",
			Properties: map[string]*jsonschema.Schema{
				"memory":  {Type: "number", Description: "peak memory of the sandbox process, MiB"},
				"timeout": {Type: "boolean", Description: "the timeout passed"},
				"cpuTime": {Type: "number", Description: "CPU time, ms"},
				"memorySource": {Type: "string", Enum: []any{"cgroup", "process", "none"},
					Description: "what memory was measured from: cgroup (the sandbox's own cgroup), process (its peak resident memory), none (no figure; memory is 0)"},
			},
			PropertyOrder: []string{"memory", "timeout", "cpuTime", "memorySource"},
			Required:      []string{"memory", "timeout", "cpuTime"},
		},
		"validation": {
			Type: "object",
			Properties: map[string]*jsonschema.Schema{
				"riskScore": {Type: "number", Minimum: jsonschema.Ptr(0.0), Maximum: jsonschema.Ptr(1.0)},
				"findings":  {Type: "array", Items: findingSchema()},
			},
			PropertyOrder: []string{"riskScore", "findings"},
			Required:      []string{"riskScore", "findings"},
		},
		"language": {Type: "string", Enum: []any{detect.JavaScript, detect.TypeScript}},
		"codeHash": {Type: "string", Description: "SHA-256 of the code as sent, hex"},
	}
	order := []string{"id", "success", "status", "output", "logs", "error", "executionTime", "resourceUsage", "validation", "language", "codeHash"}
	return &jsonschema.Schema{Type: "object", Properties: props, PropertyOrder: order,
		Required: []string{"success", "status", "error"},
		// An execution has every field; a call refused before it became
		// one (an argument, or no backend) has success, status and error.
		AnyOf:       []*jsonschema.Schema{{Required: order}, refusal()},
		Description: "the result JSON of an execution; a call refused before it became one has only success (false), status (invalid or internal) and error",
	}
}

// verdictSchema is the output schema of code_validate.
func verdictSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type: "object",
		Properties: map[string]*jsonschema.Schema{
			"status": statusSchema("ok: it would run; blocked; invalid; error: it does not parse; internal: no verdict (the backend failed)",
				result.OK, result.Blocked, result.Invalid, result.Error, result.Internal),
			"allowed":   {Type: "boolean", Description: "it would run"},
			"language":  {Type: "string", Enum: []any{detect.JavaScript, detect.TypeScript}},
			"riskScore": {Type: "number", Minimum: jsonschema.Ptr(0.0), Maximum: jsonschema.Ptr(1.0)},
			"threshold": {Type: "number", Description: "the risk score at which code is refused"},
			"findings":  {Type: "array", Items: findingSchema()},
			"omitted":   {Type: "integer", Description: "findings beyond the cap, not listed"},
			"error":     errorInfoSchema(),
		},
		PropertyOrder: []string{"status", "allowed", "language", "riskScore", "threshold", "findings", "omitted", "error"},
		Required:      []string{"status", "allowed", "error"},
		// A verdict has every field; a call refused before the code was
		// judged has status, allowed (false) and error.
		AnyOf: []*jsonschema.Schema{
			{Required: []string{"status", "allowed", "language", "riskScore", "threshold", "findings", "error"}},
			refusal(),
		},
	}
}

// statsSchema is the output schema of execution_stats.
func statsSchema() *jsonschema.Schema {
	count := func(desc string) *jsonschema.Schema {
		return &jsonschema.Schema{Type: "integer", Minimum: jsonschema.Ptr(0.0), Description: desc}
	}
	langs := map[string]*jsonschema.Schema{}
	for _, l := range languages {
		langs[l] = count("")
	}
	order := []string{"agentId", "totalExecutions", "successes", "successRate", "avgTime", "timeouts", "cancelled", "languages", "statuses", "hosts"}
	return &jsonschema.Schema{
		Type: "object",
		Properties: map[string]*jsonschema.Schema{
			"agentId":         {Type: "string"},
			"totalExecutions": count(""),
			"successes":       count(""),
			"successRate":     {Type: "number", Minimum: jsonschema.Ptr(0.0), Maximum: jsonschema.Ptr(1.0)},
			"avgTime":         {Type: "number", Description: "mean execution time, ms"},
			"timeouts":        count(""),
			"cancelled":       count("executions their caller cancelled; successRate leaves them out"),
			"languages": {Type: "object", Properties: langs, PropertyOrder: languages,
				AdditionalProperties: &jsonschema.Schema{Not: &jsonschema.Schema{}},
				Description:          "executions per language; one refused for a language that is not javascript or typescript counts under none"},
			"statuses": {Type: "object", AdditionalProperties: count(""), Description: "executions per status"},
			"hostId":   {Type: "string", Description: "the host the statistics are restricted to; absent: every host"},
			"hosts": {Type: "object", AdditionalProperties: count(""),
				Description: "executions per host id (the supervisor that ran them); \"\" for records written before host ids"},
			"status": statusSchema("present only when there are no statistics: invalid (the agentId argument) or internal (the audit trail could not be queried)", refusedStatuses...),
			"error":  errorInfoSchema(),
		},
		PropertyOrder: append(order, "hostId", "status", "error"),
		// Statistics have every field of order; a call refused before the
		// audit trail was queried has status and error only.
		AnyOf: []*jsonschema.Schema{{Required: order}, refusal()},
	}
}

// languages are the languages code may be in, as the language argument
// names them.
var languages = []string{detect.JavaScript, detect.TypeScript}

// argList renders names for messages: "code, language and context".
func argList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
