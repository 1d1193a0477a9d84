package mcpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"codexec/broker"
	"codexec/result"
)

// ToolTools is the tool that answers the declarations of the tools the
// code may call (served only with Options.Tools).
const ToolTools = "code_tools"

// ToolCatalog is what the code may call besides its own: the tools of the
// MCP servers the operator configured (upstream.Hub), per agent.
type ToolCatalog interface {
	Tools(agentID string) []broker.Tool
	Declarations(agentID string) string
}

// toolsText is what code_execute's description says of the tools agentID
// may call ("" without any).
func toolsText(c ToolCatalog, agentID string) string {
	if c == nil || len(c.Tools(agentID)) == 0 {
		return ""
	}
	return `

Tools: the code may call the tools declared below, as async functions on the global tools object ` +
		`(const r = await tools.github.search_issues({query: "x"})). Each returns the tool's structured result, or its text as a string; ` +
		`a failure throws a ToolError with code and message (catch it to go on). Arguments are checked against the tool's schema first ` +
		`(code invalid_arguments). Write one program that calls the tools it needs and filters, joins and sums their answers, ` +
		`instead of calling tools one at a time. ` + ToolTools + ` returns these declarations again.

` + "```ts\n" + c.Declarations(agentID) + "```"
}

var toolsDescription = `The TypeScript declarations of the tools code run by ` + ToolExecute + ` may call (tools.<server>.<tool>(args)), ` +
	`and the tools' names and descriptions. Takes no arguments.`

func toolsInputSchema() *jsonschema.Schema {
	return &jsonschema.Schema{Type: "object", AdditionalProperties: &jsonschema.Schema{Not: &jsonschema.Schema{}}}
}

func toolsOutputSchema() *jsonschema.Schema {
	order := []string{"agentId", "declarations", "tools"}
	return &jsonschema.Schema{
		Type: "object",
		Properties: map[string]*jsonschema.Schema{
			"agentId":      {Type: "string", Description: "the agent whose tools these are"},
			"declarations": {Type: "string", Description: "TypeScript: declare const tools: {...}"},
			"tools": {Type: "array", Items: &jsonschema.Schema{
				Type: "object",
				Properties: map[string]*jsonschema.Schema{
					"name":        {Type: "string", Description: "as the code calls it: server.tool"},
					"description": {Type: "string"},
				},
				Required: []string{"name"},
			}},
			"status": statusSchema("present only when the call was refused: invalid (arguments were given)", refusedStatuses...),
			"error":  errorInfoSchema(),
		},
		PropertyOrder: append(order, "status", "error"),
		AnyOf:         []*jsonschema.Schema{{Required: order}, refusal()},
	}
}

type toolEntry struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

func (s *Server) tools(_ context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var in map[string]json.RawMessage
	raw := bytes.TrimSpace(req.Params.Arguments)
	if len(raw) > 0 && !bytes.Equal(raw, []byte("null")) {
		if err := json.Unmarshal(raw, &in); err != nil {
			e := &argError{Message: ToolTools + ": the arguments must be an empty JSON object", Allowed: "{}"}
			return s.refused(ToolTools, result.Invalid, e.Message, e)
		}
	}
	for name := range in {
		e := &argError{Argument: name, Message: fmt.Sprintf("%s: unknown argument %q (it takes no arguments)", ToolTools, name),
			Allowed: "nothing: " + ToolTools + " takes no arguments"}
		return s.refused(ToolTools, result.Invalid, e.Message, e)
	}
	agent := s.agentID(req)
	list := s.opts.Tools.Tools(agent)
	entries := make([]toolEntry, len(list))
	for i, t := range list {
		entries[i] = toolEntry{Name: t.Name, Description: t.Description}
	}
	raw, err := marshal(struct {
		AgentID      string      `json:"agentId"`
		Declarations string      `json:"declarations"`
		Tools        []toolEntry `json:"tools"`
	}{agent, s.opts.Tools.Declarations(agent), entries})
	if err != nil {
		return nil, fmt.Errorf("encode the declarations: %w", err)
	}
	return answer(ToolTools, raw, false)
}
