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

	"codexec/config"
	"codexec/internal/buildinfo"
	"codexec/mcpserver"
)

type mcpFlags struct {
	socket string
	agent  string
	config string
	runner string
	weak   bool
	audit  auditFlags
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
defaults) and the audit trail of --data-dir/--mongo-uri; with --socket (or
$` + envSocket + `) they go through that daemon instead, sharing its limits,
warm pool, audit trail and events.

Every execution is recorded with agentId --agent, or else the MCP client's
name made into an id (characters other than letters, digits and . _ - : @ / +
become '-': "Claude Desktop" is recorded as Claude-Desktop), and channelId the
MCP session's id (for stdio, one made up per session: mcp-<ULID>).

The command exits 0 when the client closes standard input, or on SIGTERM or
SIGINT.`,
		Example: `  supervisor mcp
  supervisor mcp --socket /run/codexec/supervisor.sock --agent my-assistant

  An MCP client's configuration:
    {"mcpServers": {"codexec": {"command": "/usr/local/lib/codexec/supervisor", "args": ["mcp"]}}}`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMcp(cmd, st, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.socket, "socket", "", "go through the daemon on this socket (default: $"+envSocket+"; neither, or \"off\": run in this process)")
	fl.StringVar(&f.agent, "agent", "", "agent id recorded for every execution (default: the MCP client's name, made into an id)")
	fl.StringVar(&f.config, "config", "", "JSON configuration file to take the limits from (see supervisor serve); in-process only")
	fl.StringVar(&f.runner, "runner", "", "path of the runner executable (default: $CODEXEC_RUNNER, then next to the supervisor)")
	addIsolationFlags(fl, &f.weak)
	addAuditFlags(fl, &f.audit)
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
	if socket != "" && socket != "off" {
		if f.config != "" {
			return usageError("--config applies in-process only: through a daemon, the daemon's limits apply")
		}
		c, err := st.daemon(ctx, socket)
		if err != nil {
			return err
		}
		backend = mcpserver.NewDaemon(c)
		log.Info("serving MCP on stdio", "backend", "daemon", "socket", socket)
	} else {
		lim := config.DefaultLimits()
		if f.config != "" {
			cf, err := config.LoadFile(f.config)
			if err != nil {
				return usageError("%v", err)
			}
			lim = cf.Limits
		}
		svc, rec, iso, closeAudit, err := st.localService(f.runner, f.weak, f.audit, lim, log, mcpCloseAudit)
		if err != nil {
			return err
		}
		defer closeAudit()
		backend = mcpserver.NewLocal(svc, rec)
		log.Info("serving MCP on stdio", "backend", "in-process", "isolation", isolationWord(iso), "store", rec.Kind(), "dataDir", rec.DataDir())
	}

	srv, err := mcpserver.New(ctx, mcpserver.Options{Backend: backend, AgentID: f.agent, Version: buildinfo.Read().Short(), Logger: log})
	if err != nil {
		return &exitError{code: 70, err: err}
	}
	err = srv.Run(ctx, &mcp.IOTransport{Reader: io.NopCloser(st.Stdin), Writer: nopWriteCloser{st.Stdout}})
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
