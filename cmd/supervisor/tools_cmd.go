package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"codexec/api/wire"
	"codexec/broker"
	"codexec/config"
	"codexec/service"
	"codexec/upstream"
)

// mcpServersOf gathers the MCP servers and tool policy of --config and
// --mcp-config (a server named in both is a usage error; a toolPolicy in
// both too).
func mcpServersOf(file config.File, mcpConfig string) (map[string]config.MCPServer, map[string][]string, error) {
	servers, policy := maps.Clone(file.MCPServers), file.ToolPolicy
	if mcpConfig == "" {
		return servers, policy, nil
	}
	mf, err := config.LoadMCPFile(mcpConfig)
	if err != nil {
		return nil, nil, usageError("--mcp-config: %v", err)
	}
	if servers == nil {
		servers = map[string]config.MCPServer{}
	}
	for name, s := range mf.MCPServers {
		if _, dup := servers[name]; dup {
			return nil, nil, usageError("--mcp-config: the MCP server %q is also in --config", name)
		}
		servers[name] = s
	}
	if mf.ToolPolicy != nil {
		if policy != nil {
			return nil, nil, usageError("--mcp-config: a toolPolicy is in both --config and --mcp-config")
		}
		policy = mf.ToolPolicy
	}
	if err := config.CheckMCP(servers, policy); err != nil {
		return nil, nil, usageError("%v", err)
	}
	return servers, policy, nil
}

// startUpstream starts the configured MCP servers (nil, nil without any);
// the hub logs each server's tools as it connects.
func startUpstream(ctx context.Context, st *State, servers map[string]config.MCPServer, policy map[string][]string, log *slog.Logger) (*upstream.Hub, error) {
	if len(servers) == 0 {
		return nil, nil
	}
	if log == nil {
		log = slog.New(slog.NewTextHandler(st.Stderr, nil))
	}
	hub, err := upstream.Start(ctx, upstream.Options{Servers: servers, Policy: policy, Logger: log.With("component", "upstream"), Getenv: st.Getenv})
	if err != nil {
		return nil, usageError("%v", err)
	}
	return hub, nil
}

// upstreamOf is hub as a service.Upstream: nil when there is no hub (a
// nil *Hub in the interface would not be nil).
func upstreamOf(hub *upstream.Hub) service.Upstream {
	if hub == nil {
		return nil
	}
	return hub
}

type toolsFlags struct {
	config, mcpConfig, agent string
	json                     bool
}

func newToolsCmd(st *State) *cobra.Command {
	var f toolsFlags
	cmd := &cobra.Command{
		Use:   "tools",
		Short: "Print the tools of the configured MCP servers, as the code sees them",
		Long: `Start the MCP servers of --config and --mcp-config (mcpServers, in the shape
MCP clients configure them), list their tools, print them, and stop the
servers. The code calls them as tools.<server>.<tool>(args).

By default the output is the TypeScript declarations of the tools --agent may
use (the toolPolicy decides; without one, every tool); with --json, an object
{"agentId", "declarations", "tools"} where tools are the declarations as an
execution gets them (name, description, inputSchema, outputSchema). Logs
(which servers started, which tools were skipped and why) go to standard
error.`,
		Example: `  supervisor tools --mcp-config mcp.json
  supervisor tools --config /etc/codexec/config.json --agent billing-bot --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTools(cmd, st, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.config, "config", "", "JSON configuration file whose mcpServers and toolPolicy to use (see supervisor serve)")
	fl.StringVar(&f.mcpConfig, "mcp-config", "", `JSON file holding {"mcpServers": {...}} (and optionally a toolPolicy)`)
	fl.StringVar(&f.agent, "agent", service.DefaultAgentID, "the agent whose tools to print (the toolPolicy decides)")
	fl.BoolVar(&f.json, "json", false, "print {agentId, declarations, tools} as JSON")
	return cmd
}

func runTools(cmd *cobra.Command, st *State, f toolsFlags) error {
	file := config.DefaultFile()
	if f.config != "" {
		var err error
		if file, err = config.LoadFile(f.config); err != nil {
			return usageError("%v", err)
		}
	}
	servers, policy, err := mcpServersOf(file, f.mcpConfig)
	if err != nil {
		return err
	}
	if len(servers) == 0 {
		return usageError("no MCP servers configured: give --mcp-config FILE or a --config with mcpServers")
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	hub, err := startUpstream(ctx, st, servers, policy, nil)
	if err != nil {
		return err
	}
	defer hub.Close()
	tools := hub.Tools(f.agent)
	if tools == nil {
		tools = []broker.Tool{}
	}
	decl := upstream.TypeScript(tools)
	if !f.json {
		fmt.Fprint(st.Stdout, decl)
		return nil
	}
	enc := json.NewEncoder(st.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	ans := wire.ToolsAnswer{AgentID: f.agent, Declarations: decl, Tools: []wire.Tool{}}
	for _, t := range tools {
		ans.Tools = append(ans.Tools, wire.Tool(t))
	}
	if err := enc.Encode(ans); err != nil {
		return &exitError{code: 70, err: err}
	}
	return nil
}
