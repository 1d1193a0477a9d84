package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/spf13/cobra"

	"codexec/api/client"
	"codexec/api/wire"
	"codexec/broker"
	"codexec/config"
	"codexec/internal/buildinfo"
	"codexec/mcpserver"
	"codexec/pool"
	"codexec/sandbox"
	"codexec/service"
)

type mcpFlags struct {
	socket        string
	agent         string
	config        string
	mcpConfig     string
	runner        string
	iso           isolationFlags
	audit         auditFlags
	poolSize      int
	maxConcurrent int
	maxQueue      int
}

func newMcpCmd(st *State) *cobra.Command {
	var f mcpFlags
	cmd := &cobra.Command{
		Use:   "mcp",
		Short: "Serve code_execute, code_validate and execution_stats to MCP clients on stdin/stdout",
		Long: `Serve codexec's tools over the Model Context Protocol on standard input and
output, for an MCP client (a desktop assistant, an IDE agent, an agent SDK)
that starts this command: code_execute runs JavaScript or TypeScript,
code_validate says whether code would run, execution_stats summarises an
agent's executions. Standard output carries the protocol only; logs go to
standard error.

Executions run in this process, with the limits of --config (or the
defaults) and the audit trail of --data-dir/--mongo-uri, and, like the
daemon, a warm pool of ready runners (--pool-size, or poolSize in --config;
two per core by default) and at most --max-concurrent executions at once
(two per core by default; more wait, up to --max-queue, then are refused as
overloaded). With --socket (or $` + envSocket + `) they go through that daemon
instead, sharing its limits, warm pool, audit trail and events.

Every execution is recorded with agentId --agent, or else the MCP client's
name made into an id (characters other than letters, digits and . _ - : @ / +
become '-': "Claude Desktop" is recorded as Claude-Desktop), and channelId the
MCP session's id (for stdio, one made up per session: mcp-<ULID>).

The command exits 0 when the client closes standard input, or on SIGTERM or
SIGINT.`,
		Example: `  supervisor mcp
  supervisor mcp --socket /run/codexec/supervisor.sock --agent my-assistant

  An MCP client's configuration:
    {"mcpServers": {"codexec": {"command": "/usr/local/lib/codexec/supervisor", "args": ["mcp"]}}}
    {"mcpServers": {"codexec": {"command": "/usr/local/lib/codexec/supervisor",
      "args": ["mcp", "--max-concurrent", "8", "--pool-size", "8"]}}}`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMcp(cmd, st, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.socket, "socket", "", "go through the daemon on this socket (default: $"+envSocket+"; neither, or \"off\": run in this process)")
	fl.StringVar(&f.agent, "agent", "", "agent id recorded for every execution (default: the MCP client's name, made into an id)")
	fl.StringVar(&f.config, "config", "", "JSON configuration file to take the limits from (see supervisor serve); in-process only")
	fl.StringVar(&f.mcpConfig, "mcp-config", "", `JSON file holding {"mcpServers": {...}}: MCP servers whose tools the code may call as tools.<server>.<tool>(args), besides those of --config; in-process only`)
	fl.StringVar(&f.runner, "runner", "", "path of the runner executable (default: $CODEXEC_RUNNER, then next to the supervisor)")
	fl.IntVar(&f.poolSize, "pool-size", 0, fmt.Sprintf("runners kept ready, 0 for none (default: poolSize of --config, else two per core); in-process only; at most %d", config.MaxPoolSize))
	fl.IntVar(&f.maxConcurrent, "max-concurrent", 0, "executions at once (default: maxConcurrent of --config, else two per core); in-process only")
	fl.IntVar(&f.maxQueue, "max-queue", 0, "executions waiting for a slot before they are refused as overloaded (default: maxQueue of --config, else 4 × max-concurrent); in-process only")
	addIsolationFlags(fl, &f.iso)
	addRecordingFlags(fl, &f.audit)
	return cmd
}

// How long, after the session ends, the audit outbox may take to reach the
// store before the rest is left to the next supervisor process.
const mcpCloseAudit = 5 * time.Second

func runMcp(cmd *cobra.Command, st *State, f mcpFlags) error {
	if f.agent != "" {
		if err := mcpserver.CheckAgentID(f.agent); err != nil {
			return usageError("--agent: %v", err)
		}
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(st.Stderr, nil))

	var backend mcpserver.Backend
	socket := f.socket
	if socket == "" {
		socket = st.Getenv(envSocket)
	}
	inProcessOnly := []string{"config", "mcp-config", "pool-size", "max-concurrent", "max-queue", "host-id"}
	var tools mcpserver.ToolCatalog
	if socket != "" && socket != "off" {
		for _, name := range inProcessOnly {
			if cmd.Flags().Changed(name) {
				return usageError("--%s applies in-process only: through a daemon, the daemon's settings apply", name)
			}
		}
		c, err := st.daemon(ctx, socket)
		if err != nil {
			return err
		}
		backend = mcpserver.NewDaemon(c)
		// The daemon's code-mode tools: described and listed as in-process.
		tools = daemonCatalog{c}
		log.Info("serving MCP on stdio", "backend", "daemon", "socket", socket)
	} else {
		file := config.DefaultFile()
		if f.config != "" {
			cf, err := config.LoadFile(f.config)
			if err != nil {
				return usageError("%v", err)
			}
			file = cf
		}
		if cmd.Flags().Changed("pool-size") {
			file.Limits.PoolSize = f.poolSize
		}
		if cmd.Flags().Changed("max-concurrent") {
			if f.maxConcurrent < 1 {
				return usageError("--max-concurrent %d: give at least 1 (leave it out for two per core)", f.maxConcurrent)
			}
			file.MaxConcurrent = f.maxConcurrent
		}
		if cmd.Flags().Changed("max-queue") {
			if f.maxQueue < 0 {
				return usageError("--max-queue %d: give 0 or more", f.maxQueue)
			}
			file.MaxQueue = f.maxQueue
		}
		if err := file.Limits.Validate(); err != nil {
			return usageError("%v", err)
		}
		if err := file.Validate(); err != nil {
			return usageError("%v", err)
		}
		servers, policy, err := mcpServersOf(file, f.mcpConfig)
		if err != nil {
			return err
		}
		// The operator's MCP servers (code mode): started now, stopped
		// when the session ends.
		hub, err := startUpstream(ctx, st, servers, policy, log)
		if err != nil {
			return err
		}
		if hub != nil {
			defer hub.Close()
			tools = hub
		}
		// A long-lived process, like the daemon: runners kept ready, their
		// exit and cgroup removal after the result.
		var p *pool.Pool
		tune := func(o *service.Options) {
			o.Upstream = upstreamOf(hub)
			o.MaxConcurrent, o.MaxQueue, o.AsyncCleanup = file.MaxConcurrent, file.MaxQueue, true
			if file.Limits.PoolSize > 0 {
				p = pool.New(pool.Options{
					Size:        file.Limits.PoolSize,
					Sandbox:     service.DaemonSandboxConfig(o.RunnerPath, 0, o.Isolation),
					MemoryBytes: int64(file.Limits.MemoryLimitMiB) << 20,
					Logger:      log.With("component", "pool"),
				})
				o.Pool = p
			}
		}
		svc, rec, iso, closeAudit, err := st.localService(f.runner, f.iso, f.audit, file.Limits, log, mcpCloseAudit, tune)
		if err != nil {
			if p != nil {
				p.Close()
			}
			return err
		}
		defer closeAudit()
		defer func() {
			if p != nil {
				p.Close()
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = sandbox.WaitCleanups(ctx)
		}()
		backend = mcpserver.NewLocal(svc, rec)
		log.Info("serving MCP on stdio", "backend", "in-process", "isolation", isolationWord(iso), "store", rec.Kind(), "dataDir", rec.DataDir(),
			"poolSize", file.Limits.PoolSize, "maxConcurrent", maxConcurrentOf(svc), "version", buildinfo.Read().Short())
	}

	srv, err := mcpserver.New(ctx, mcpserver.Options{Backend: backend, AgentID: f.agent, Version: buildinfo.Read().Short(), Logger: log, Tools: tools})
	if err != nil {
		return &exitError{code: 70, err: err}
	}
	// A cancelled call's execution is killed and recorded as cancelled, and
	// the call gets no response (notifications/cancelled).
	err = srv.Run(ctx, mcpserver.DropCancelledResponses(&mcp.IOTransport{Reader: io.NopCloser(st.Stdin), Writer: nopWriteCloser{st.Stdout}}))
	switch {
	case ctx.Err() != nil:
		log.Info("stopping: signalled")
		return nil
	case err == nil || errors.Is(err, io.EOF) || errors.Is(err, mcp.ErrConnectionClosed):
		log.Info("stopping: the client closed the session")
		return nil
	}
	return &exitError{code: 70, err: fmt.Errorf("serve MCP: %w", err)}
}

// nopWriteCloser lets the transport "close" standard output without
// closing it.
type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

// daemonCatalog is the tools of the daemon's configured MCP servers (GET
// /v1/tools), asked for when they are described: executions through the
// daemon get them, so code_execute's description and code_tools say so.
type daemonCatalog struct{ c *client.Client }

func (d daemonCatalog) answer(agentID string) wire.ToolsAnswer {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	ans, err := d.c.Tools(ctx, agentID)
	if err != nil {
		return wire.ToolsAnswer{}
	}
	return ans
}

func (d daemonCatalog) Tools(agentID string) []broker.Tool {
	var out []broker.Tool
	for _, t := range d.answer(agentID).Tools {
		out = append(out, broker.Tool(t))
	}
	return out
}

func (d daemonCatalog) Declarations(agentID string) string { return d.answer(agentID).Declarations }
