// Package broker is the supervisor's side of programmatic tool calling:
// the tools an execution declares, and the checks every call from its
// code passes before a Handler sees it.
//
// A request declares tools (Tool: a name, a description, an input schema
// and optionally an output schema; CheckTools). The runner knows only their
// names (ipc.Job.Tools); each call it sends (ipc.Call) goes to the
// execution's Session, which answers it (ipc.Reply) after these checks, in
// this order, none of which a handler can see or skip:
//
//  1. the tool is declared                       else "undeclared"
//  2. the arguments are at most MaxArgBytes      else "too_large"
//  3. the arguments are JSON valid against the
//     tool's inputSchema                         else "invalid_arguments"
//  4. fewer than MaxCalls calls were handled     else "too_many_calls"
//  5. fewer than MaxInFlight calls are handled
//     at this moment                             else "too_many_in_flight"
//
// Then the Handler is called with a context that ends with the execution's
// time (the sandbox bounds it). Its result must be JSON ("tool_failed"
// otherwise) of at most MaxResultBytes ("result_too_large") and, when the
// tool declares an outputSchema, valid against it ("invalid_result"). An
// error of type *ToolError reaches the code as it is; any other error is
// "tool_failed" with its message. A call the execution's end overtakes is
// "timeout" (its time ran out) or "cancelled" (it ended otherwise).
//
// Every call is recorded for the audit trail (CallRecord): the tool's name,
// the SHA-256 and size of the arguments (never the arguments), the result's
// size, the status ("ok" or the error code) and the duration.
//
// # Concurrency
//
// A Session may be called from any number of goroutines at once (the
// sandbox handles each call in its own).
package broker

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/google/jsonschema-go/jsonschema"
)

// Bounds on declarations.
const (
	MaxTools            = 128      // tools one execution may declare
	MaxNameBytes        = 128      // a tool's whole name, dots included
	MaxNameSegments     = 8        // identifiers in a dotted name
	MaxDescriptionBytes = 16 << 10 // a tool's description
	MaxSchemaBytes      = 64 << 10 // one schema's JSON
	MaxDeclBytes        = 1 << 20  // all the declarations together (names, descriptions, schemas)
	// DefaultMaxInFlight is the number of calls of one execution a handler
	// may be answering at once.
	DefaultMaxInFlight = 8
)

// The JSON Schema dialects a schema may declare with $schema. Without
// $schema a schema is read as draft 2020-12 (as MCP does); draft-07, which
// many tool generators still write, is accepted when it says so.
const (
	Draft202012 = "https://json-schema.org/draft/2020-12/schema"
	draft07     = "http://json-schema.org/draft-07/schema#"
	draft07s    = "https://json-schema.org/draft-07/schema#"
)

// Tool is one tool an execution declares: the code calls it as
// tools.<name>(args), with name's dots as property accesses
// (tools.crm.findCustomer for "crm.findCustomer").
type Tool struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	InputSchema json.RawMessage `json:"inputSchema"` // JSON Schema of the argument (required; {"type":"object"} takes any object)
	// OutputSchema, when present, is the JSON Schema every result must
	// match; a result that does not is "invalid_result".
	OutputSchema json.RawMessage `json:"outputSchema,omitempty"`
}

// reserved are segments a tool name may not have: names objects already
// carry in JavaScript, which a tools namespace would shadow or corrupt.
var reserved = map[string]bool{"__proto__": true, "constructor": true, "prototype": true}

// CheckName checks one tool name: identifiers (ASCII letters, digits, _ and
// $, not starting with a digit) joined by dots, at most MaxNameSegments of
// them and MaxNameBytes in all.
func CheckName(name string) error {
	if name == "" {
		return errors.New("the name is empty")
	}
	if len(name) > MaxNameBytes {
		return fmt.Errorf("the name is %d bytes long, over the %d-byte cap", len(name), MaxNameBytes)
	}
	segs := strings.Split(name, ".")
	if len(segs) > MaxNameSegments {
		return fmt.Errorf("the name has %d dotted parts, over the cap of %d", len(segs), MaxNameSegments)
	}
	for _, s := range segs {
		if s == "" {
			return errors.New("the name has an empty part (names are identifiers joined by single dots)")
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			ok := c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9')
			if !ok {
				return fmt.Errorf("the part %q is not an identifier (ASCII letters, digits, _ and $, not starting with a digit)", s)
			}
		}
		if reserved[s] {
			return fmt.Errorf("the part %q is reserved", s)
		}
	}
	return nil
}

// CheckTools checks declarations: at most MaxTools of them, names valid
// (CheckName), unique, none the namespace of another ("a" and "a.b"),
// descriptions and schemas within their bounds, and every schema a JSON
// Schema that compiles (draft 2020-12 unless it names draft-07, with no
// reference outside itself). The error names the tool and the problem.
func CheckTools(tools []Tool) error {
	_, err := compile(tools)
	return err
}

// compiled is a declared tool with its schemas ready.
type compiled struct {
	Tool
	in, out *jsonschema.Resolved // out is nil without an outputSchema
}

func compile(tools []Tool) (map[string]*compiled, error) {
	if len(tools) > MaxTools {
		return nil, fmt.Errorf("%d tools declared, over the cap of %d", len(tools), MaxTools)
	}
	total := 0
	set := make(map[string]*compiled, len(tools))
	for i, t := range tools {
		what := fmt.Sprintf("tool %q", t.Name)
		if err := CheckName(t.Name); err != nil {
			return nil, fmt.Errorf("tools[%d]: %v", i, err)
		}
		if set[t.Name] != nil {
			return nil, fmt.Errorf("%s is declared twice", what)
		}
		if len(t.Description) > MaxDescriptionBytes {
			return nil, fmt.Errorf("%s: the description is %d bytes, over the %d-byte cap", what, len(t.Description), MaxDescriptionBytes)
		}
		total += len(t.Name) + len(t.Description) + len(t.InputSchema) + len(t.OutputSchema)
		if total > MaxDeclBytes {
			return nil, fmt.Errorf("the tool declarations are over the %d-byte cap (at %s)", MaxDeclBytes, what)
		}
		c := &compiled{Tool: t}
		var err error
		if len(bytes.TrimSpace(t.InputSchema)) == 0 {
			return nil, fmt.Errorf(`%s: inputSchema is required ({"type":"object"} takes any object)`, what)
		}
		if c.in, err = compileSchema(t.InputSchema); err != nil {
			return nil, fmt.Errorf("%s: inputSchema: %v", what, err)
		}
		if len(bytes.TrimSpace(t.OutputSchema)) > 0 {
			if c.out, err = compileSchema(t.OutputSchema); err != nil {
				return nil, fmt.Errorf("%s: outputSchema: %v", what, err)
			}
		}
		set[t.Name] = c
	}
	// A name may not be the namespace of another: tools.a cannot be both a
	// function and the object holding tools.a.b.
	for name := range set {
		for i := strings.IndexByte(name, '.'); i >= 0; i = nextDot(name, i) {
			if set[name[:i]] != nil {
				return nil, fmt.Errorf("tool %q and tool %q clash: %q is the namespace of the other", name[:i], name, name[:i])
			}
		}
	}
	return set, nil
}

func nextDot(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '.')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// compileSchema reads and resolves one schema.
func compileSchema(raw json.RawMessage) (*jsonschema.Resolved, error) {
	if len(raw) > MaxSchemaBytes {
		return nil, fmt.Errorf("%d bytes, over the %d-byte cap", len(raw), MaxSchemaBytes)
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || (raw[0] != '{' && !bytes.Equal(raw, []byte("true")) && !bytes.Equal(raw, []byte("false"))) {
		return nil, errors.New("a schema is a JSON object (or true or false)")
	}
	var s jsonschema.Schema
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("not a JSON Schema: %v", err)
	}
	if dec.More() {
		return nil, errors.New("data after the schema")
	}
	switch s.Schema {
	case "", Draft202012, draft07, draft07s:
	default:
		return nil, fmt.Errorf("$schema %q is not supported (draft 2020-12, the default, or draft-07)", s.Schema)
	}
	// No loader: a $ref outside the schema fails here, nothing is fetched.
	r, err := s.Resolve(&jsonschema.ResolveOptions{ValidateDefaults: true})
	if err != nil {
		return nil, fmt.Errorf("does not compile: %v", err)
	}
	return r, nil
}

// validate checks a JSON value against a compiled schema and says where it
// fails.
func validate(r *jsonschema.Resolved, raw json.RawMessage) error {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return err
	}
	if err := r.Validate(v); err != nil {
		return errors.New(schemaMessage(err.Error()))
	}
	return nil
}

// schemaMessage turns the library's "validating root: validating
// /properties/a: type: ..." into "at /properties/a: type: ...": the
// deepest schema location that failed, and why.
func schemaMessage(msg string) string {
	const v = "validating "
	path := "the root"
	for {
		rest, ok := strings.CutPrefix(msg, v)
		if !ok {
			break
		}
		loc, reason, ok := strings.Cut(rest, ": ")
		if !ok {
			break
		}
		if loc != "root" {
			path = "schema location " + loc
		}
		msg = reason
	}
	return "at " + path + ": " + msg
}
