package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"codexec/api"
	"codexec/audit"
	"codexec/bus"
	"codexec/config"
	"codexec/metrics"
	"codexec/pool"
	"codexec/sandbox"
	"codexec/service"
)

// How long shutdown waits for executions in flight (the longest timeout
// plus its grace, and some), and for the audit outbox to drain.
const (
	shutdownExecutions = 40 * time.Second
	shutdownAudit      = 10 * time.Second
)

type serveFlags struct {
	config, socket, socketMode, socketGroup string
	runner, logFormat, durability           string
	maxConcurrent, maxQueue, maxConnections int
	iso                                     isolationFlags
	audit                                   auditFlags
}

func newServeCmd(st *State) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the supervisor as a daemon serving the socket API",
		Long: `Serve the socket API (HTTP/1.1 + JSON over a Unix socket) for agents on this
host. Settings come from --config (a JSON file, see config.File), then from
flags given explicitly. SIGTERM or SIGINT stops accepting, lets executions in
flight finish, flushes the audit outbox, and exits 0. With systemd socket
activation (LISTEN_FDS) the passed socket is used.

Connections are bounded: --max-connections are served at once (the default
and the largest allowed follow from the descriptor limit, RLIMIT_NOFILE,
after the descriptors the daemon keeps for its audit outbox, its store and
its runners' pipes); beyond them a connection is answered 503
too_many_connections and closed, while a few more may still ask GET
/healthz. A request's headers must arrive within 10 s and its body within
30 s (else 408 request_timeout, and the connection is closed).`,
		Example: `  supervisor serve --socket /run/codexec/supervisor.sock --socket-group codexec
  supervisor serve --config /etc/codexec/config.json --log-format json
  curl --unix-socket /run/codexec/supervisor.sock http://x/healthz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd, st, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.config, "config", "", "JSON configuration file (PATCH /v1/config writes changes back to it)")
	fl.StringVar(&f.socket, "socket", "", "socket path (default /run/codexec/supervisor.sock as root, else $XDG_RUNTIME_DIR/codexec/supervisor.sock)")
	fl.StringVar(&f.socketMode, "socket-mode", "", "octal file mode of the socket: who may connect (default 0660)")
	fl.StringVar(&f.socketGroup, "socket-group", "", "group of the socket (a name or a gid)")
	fl.StringVar(&f.runner, "runner", "", "path of the runner executable")
	fl.StringVar(&f.logFormat, "log-format", "", "text (default) or json")
	fl.StringVar(&f.durability, "durability", "", "audit durability: batch (default: fsync within 100 ms) or sync (fsync before each result)")
	fl.IntVar(&f.maxConcurrent, "max-concurrent", 0, "executions at once (default two per core)")
	fl.IntVar(&f.maxQueue, "max-queue", 0, "executions waiting for a slot before 429 (default 4 × max-concurrent)")
	fl.IntVar(&f.maxConnections, "max-connections", 0, "socket connections served at once; beyond them 503 too_many_connections, except a few for /healthz (default 1024, less when the descriptor limit leaves fewer beside the daemon's own files)")
	addIsolationFlags(fl, &f.iso)
	addRecordingFlags(fl, &f.audit)
	return cmd
}

func runServe(cmd *cobra.Command, st *State, f serveFlags) error {
	file := config.DefaultFile()
	if f.config != "" {
		var err error
		if file, err = config.LoadFile(f.config); err != nil {
			return usageError("%v", err)
		}
	}
	set := func(name string, dst *string, v string) {
		if cmd.Flags().Changed(name) {
			*dst = v
		}
	}
	set("socket", &file.Socket, f.socket)
	set("socket-mode", &file.SocketMode, f.socketMode)
	set("socket-group", &file.SocketGroup, f.socketGroup)
	set("runner", &file.Runner, f.runner)
	set("log-format", &file.LogFormat, f.logFormat)
	set("durability", &file.Durability, f.durability)
	set("data-dir", &file.DataDir, f.audit.dataDir)
	set("mongo-uri", &file.MongoURI, f.audit.mongoURI)
	set("mongo-db", &file.MongoDB, f.audit.mongoDB)
	set("cgroup-root", &file.CgroupRoot, f.iso.cgroupRoot)
	if cmd.Flags().Changed("host-id") {
		if err := audit.CheckHostID(f.audit.hostID); err != nil {
			return usageError("--host-id: %v", err)
		}
	}
	set("host-id", &file.HostID, f.audit.hostID)
	if cmd.Flags().Changed("max-concurrent") {
		file.MaxConcurrent = f.maxConcurrent
	}
	if cmd.Flags().Changed("max-queue") {
		file.MaxQueue = f.maxQueue
	}
	if cmd.Flags().Changed("max-connections") && f.maxConnections < 1 {
		return usageError("--max-connections %d: give at least 1 (leave it out for the default)", f.maxConnections)
	}
	if cmd.Flags().Changed("allow-weak-isolation") {
		file.AllowWeakIsolation = f.iso.weak
	}
	if err := file.Validate(); err != nil {
		return usageError("%v", err)
	}
	mode, _ := file.Mode()

	var handler slog.Handler = slog.NewTextHandler(st.Stderr, nil)
	if file.LogFormat == "json" {
		handler = slog.NewJSONHandler(st.Stderr, nil)
	}
	log := slog.New(handler)

	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{AllowWeak: file.AllowWeakIsolation, CPUCores: file.CPUCores, CgroupRoot: file.CgroupRoot})
	if err != nil {
		return &exitError{code: 70, err: err}
	}
	if len(iso.Missing) > 0 {
		log.Warn("WEAK ISOLATION: runners are contained only by their own lockdown", "missing", iso.Missing)
	}
	runnerPath, err := st.findRunner(file.Runner)
	if err != nil {
		return &exitError{code: 70, err: err}
	}

	// The operator's MCP servers (code mode): started now, their tools
	// logged; stopped when the daemon stops.
	hub, err := startUpstream(context.Background(), st, file.MCPServers, file.ToolPolicy, log)
	if err != nil {
		return err
	}
	if hub != nil {
		defer hub.Close()
	}

	acfg := st.auditConfig(auditFlags{dataDir: file.DataDir, mongoURI: file.MongoURI, mongoDB: file.MongoDB, hostID: file.HostID})
	if acfg.HostID != "" { // --host-id and hostId in --config are checked by now
		if err := audit.CheckHostID(acfg.HostID); err != nil {
			return usageError("$%s: %v", envHostID, err)
		}
	}
	acfg.Durability = audit.Durability(file.Durability)
	acfg.Mongo = file.Mongo
	acfg.Logger = log.With("component", "audit")
	rec, err := audit.Open(acfg)
	if err != nil {
		return &exitError{code: 70, err: fmt.Errorf("open the audit trail: %w", err)}
	}
	events := bus.New()
	var p *pool.Pool
	m := metrics.New(metrics.Gauges{
		OutboxRecords:   func() float64 { return float64(rec.Stats().PendingRecords) },
		OutboxOldestSec: func() float64 { return rec.Stats().OldestPendingSec },
		PoolIdle:        func() float64 { return float64(p.Stats().Idle) },
		PoolTarget:      func() float64 { return float64(p.Stats().Target) },
	})
	p = pool.New(pool.Options{
		Size:        file.Limits.PoolSize,
		Sandbox:     service.DaemonSandboxConfig(runnerPath, 0, iso),
		MemoryBytes: int64(file.Limits.MemoryLimitMiB) << 20,
		Logger:      log.With("component", "pool"),
		OnSpawn:     m.Spawn,
	})
	defer func() {
		p.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = sandbox.WaitCleanups(ctx)
	}()
	svc, err := service.New(service.Options{
		RunnerPath: runnerPath, Limits: file.Limits, Isolation: iso, Recorder: rec, Bus: events, Metrics: m,
		Pool: p, AsyncCleanup: true, Logger: log, MaxConcurrent: file.MaxConcurrent, MaxQueue: file.MaxQueue,
		Upstream: upstreamOf(hub),
	})
	if err != nil {
		rec.Close(context.Background())
		return &exitError{code: 70, err: err}
	}
	budget, err := api.FDBudget(maxConcurrentOf(svc))
	if err != nil {
		rec.Close(context.Background())
		return &exitError{code: 70, err: err}
	}
	maxConns := budget.Default
	if cmd.Flags().Changed("max-connections") {
		if err := budget.Check(f.maxConnections); err != nil {
			rec.Close(context.Background())
			return usageError("--%v", err)
		}
		maxConns = f.maxConnections
	} else if err := budget.Check(maxConns); err != nil {
		log.Warn("the daemon's own files may run out of descriptors", "err", err)
	}
	opts := api.Options{
		Service: svc, Recorder: rec, Bus: events, Metrics: m, Isolation: iso, Logger: log,
		Policy: file.PolicyByUID(), Admins: append(file.Admins, os.Getuid()), MaxConnections: maxConns,
	}
	if f.config != "" {
		path := f.config
		opts.SaveConfig = func(l config.Limits) error { return config.SaveLimits(path, l) }
	}
	srv := api.New(opts)

	l, err := api.Activated(st.Getenv)
	if err != nil {
		return &exitError{code: 70, err: err}
	}
	socket := "(systemd socket activation)"
	if l == nil {
		socket = file.Socket
		if socket == "" {
			socket = api.DefaultSocket(st.Getenv)
		}
		if l, err = api.Listen(socket, mode, file.SocketGroup); err != nil {
			rec.Close(context.Background())
			return &exitError{code: 70, err: err}
		}
	}
	log.Info("serving", "socket", socket, "mode", fmt.Sprintf("%04o", mode), "isolation", isolationWord(iso),
		"store", rec.Kind(), "hostId", rec.HostID(), "maxConcurrent", strconv.Itoa(maxConcurrentOf(svc)), "pool", file.Limits.PoolSize,
		"maxConnections", maxConns, "nofile", budget.NoFile, "pid", os.Getpid())
	return serveUntilSignal(srv, l, rec, log)
}

func isolationWord(iso *sandbox.Isolation) string {
	if len(iso.Missing) > 0 {
		return "weak"
	}
	return "full"
}

func maxConcurrentOf(svc *service.Service) int {
	_, _, n, _ := svc.Admission()
	return n
}

// serveUntilSignal serves until SIGTERM or SIGINT, then shuts down in
// order: stop accepting and let executions finish (bounded), then flush the
// audit outbox (bounded), then return nil (exit 0).
func serveUntilSignal(srv *api.Server, l net.Listener, rec *audit.Recorder, log *slog.Logger) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sigs)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case sig := <-sigs:
		log.Info("stopping", "signal", sig.String())
	case err := <-errc:
		rec.Close(context.Background())
		return &exitError{code: 70, err: fmt.Errorf("serve: %w", err)}
	}
	ctx, cancel := context.WithTimeout(context.Background(), shutdownExecutions)
	if err := srv.Shutdown(ctx); err != nil {
		log.Warn("executions still running at the shutdown deadline", "err", err)
	}
	if err := sandbox.WaitCleanups(ctx); err != nil {
		log.Warn("runners still being cleaned up at the shutdown deadline", "err", err)
	}
	cancel()
	ctx, cancel = context.WithTimeout(context.Background(), shutdownAudit)
	defer cancel()
	if err := rec.Close(ctx); err != nil {
		log.Warn("audit outbox not fully shipped; the next supervisor ships the rest", "err", err)
	}
	log.Info("stopped")
	return nil
}
