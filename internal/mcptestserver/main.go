// Command mcptestserver is a small MCP server on standard input and output,
// built with the official Go SDK, that codexec's tests start as an
// operator-configured upstream server ("code mode"). Its tools:
//
//   - add {a, b}: structured content {sum}, with an output schema;
//   - echo {text}: the text back, as text content only;
//   - fail {}: a tool error (isError) with the text "it failed on purpose";
//   - crash {}: the process exits with status 3 in the middle of the call;
//   - env {name}: the value of an environment variable, as text;
//   - pid {}: the server's process id, as structured content {pid};
//   - get-issue {number}: a name that is not a JavaScript identifier;
//   - old-draft: a schema in a JSON Schema dialect codexec refuses.
//
// It lists two tools per page, so a client must follow pagination. With
// --http ADDR it serves the same tools over streamable HTTP at
// http://ADDR/ instead, and prints "listening on ADDR" once it listens
// (ADDR may end in :0).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

func obj(s string) json.RawMessage { return json.RawMessage(s) }

func text(s string) *mcp.CallToolResult {
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: s}}}
}

func structured(v any) *mcp.CallToolResult {
	b, _ := json.Marshal(v)
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(b)}}, StructuredContent: json.RawMessage(b)}
}

func args(req *mcp.CallToolRequest) map[string]any {
	var m map[string]any
	_ = json.Unmarshal(req.Params.Arguments, &m)
	return m
}

func main() {
	s := mcp.NewServer(&mcp.Implementation{Name: "mcptestserver", Version: "1"}, &mcp.ServerOptions{PageSize: 2})
	s.AddTool(&mcp.Tool{Name: "add", Description: "Add two numbers.",
		InputSchema:  obj(`{"type":"object","properties":{"a":{"type":"number","description":"The first addend."},"b":{"type":"number"}},"required":["a","b"]}`),
		OutputSchema: obj(`{"type":"object","properties":{"sum":{"type":"number"}},"required":["sum"]}`)},
		func(_ context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			a := args(req)
			x, _ := a["a"].(float64)
			y, _ := a["b"].(float64)
			return structured(map[string]any{"sum": x + y}), nil
		})
	s.AddTool(&mcp.Tool{Name: "echo", Description: "Say the text back.",
		InputSchema: obj(`{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}`)},
		func(_ context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			t, _ := args(req)["text"].(string)
			return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "echo: "}, &mcp.TextContent{Text: t}}}, nil
		})
	s.AddTool(&mcp.Tool{Name: "fail", Description: "Fail as a tool does.", InputSchema: obj(`{"type":"object"}`)},
		func(context.Context, *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			r := text("it failed on purpose")
			r.IsError = true
			return r, nil
		})
	s.AddTool(&mcp.Tool{Name: "crash", Description: "Exit in the middle of the call.", InputSchema: obj(`{"type":"object"}`)},
		func(context.Context, *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			fmt.Fprintln(os.Stderr, "mcptestserver: crashing on purpose")
			os.Exit(3)
			return nil, nil
		})
	s.AddTool(&mcp.Tool{Name: "env", Description: "An environment variable of the server.",
		InputSchema: obj(`{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}`)},
		func(_ context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			n, _ := args(req)["name"].(string)
			return text(os.Getenv(n)), nil
		})
	s.AddTool(&mcp.Tool{Name: "pid", Description: "The server's process id.", InputSchema: obj(`{"type":"object"}`)},
		func(context.Context, *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return structured(map[string]any{"pid": os.Getpid()}), nil
		})
	s.AddTool(&mcp.Tool{Name: "get-issue", Description: "An issue by number.",
		InputSchema:  obj(`{"type":"object","properties":{"number":{"type":"integer"},"state":{"enum":["open","closed"]}},"required":["number"]}`),
		OutputSchema: obj(`{"type":"object","properties":{"number":{"type":"integer"},"title":{"type":"string"},"labels":{"type":"array","items":{"type":"string"}}},"required":["number","title"]}`)},
		func(_ context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			n, _ := args(req)["number"].(float64)
			return structured(map[string]any{"number": n, "title": fmt.Sprintf("issue %v", n), "labels": []string{"bug"}}), nil
		})
	s.AddTool(&mcp.Tool{Name: "old-draft", Description: "A schema in draft-04.",
		InputSchema: obj(`{"$schema":"http://json-schema.org/draft-04/schema#","type":"object"}`)},
		func(context.Context, *mcp.CallToolRequest) (*mcp.CallToolResult, error) { return text("old"), nil })
	if len(os.Args) == 3 && os.Args[1] == "--http" {
		l, err := net.Listen("tcp", os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, "mcptestserver:", err)
			os.Exit(1)
		}
		fmt.Printf("listening on %s\n", l.Addr())
		h := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return s }, nil)
		fmt.Fprintln(os.Stderr, "mcptestserver:", http.Serve(l, h))
		os.Exit(1)
	}
	if err := s.Run(context.Background(), &mcp.StdioTransport{}); err != nil {
		fmt.Fprintln(os.Stderr, "mcptestserver:", err)
		os.Exit(1)
	}
}
