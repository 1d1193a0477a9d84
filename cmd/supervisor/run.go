package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"codexec/api/wire"
	"codexec/audit"
	"codexec/config"
	"codexec/detect"
	"codexec/internal/termsafe"
	"codexec/result"
	"codexec/sandbox"
	"codexec/service"
)

type runFlags struct {
	lang    string
	context string
	timeout msDuration
	memory  int
	agent   string
	channel string
	json    bool
	runner  string
	iso     isolationFlags
	audit   auditFlags
	socket  string
	config  string
	modules bool
	// mcpConfig: --mcp-config, MCP servers whose tools the code may call
	mcpConfig string
	// tsExperimental: --ts-experimental-decorators
	tsExperimental bool
}

func newRunCmd(st *State) *cobra.Command {
	f := runFlags{}
	cmd := &cobra.Command{
		Use:   "run FILE|-",
		Short: "Run a JavaScript or TypeScript file (or stdin) in a fresh runner",
		Long: `Run the code in FILE (or standard input for -) as the body of an async
function of context, in a fresh, locked-down runner process, and print the
result: by default the returned value on stdout and the logs and a summary on
stderr; with --json the result JSON on stdout.

Exit codes: 0 ok, 1 error, 2 usage, 3 blocked or invalid, 4 timeout,
5 memory, 6 output_limit, 70 internal.`,
		Example: `  supervisor run examples/transform.js --context @examples/context.json
  echo 'return 1 + 1' | supervisor run -
  supervisor run task.ts --timeout 2s --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("run takes one FILE, or - for standard input")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("mcp-config") {
				// The code calls MCP servers this process starts.
				if f.socket != "" && f.socket != "off" {
					return usageError("--mcp-config runs the code here, with the MCP servers this command starts: drop --socket (a daemon uses the mcpServers of its own configuration)")
				}
				f.socket = "off"
			}
			if cmd.Flags().Changed("host-id") {
				// The host id names this process's records: a daemon
				// records with its own.
				if f.socket != "" && f.socket != "off" {
					return usageError("--host-id names the records of a run here: through a daemon, the daemon's host id applies; drop --socket to run here")
				}
				f.socket = "off"
			}
			if cmd.Flags().Changed("allow-builtin-modules") && f.socket == "" {
				// A daemon runs with its own configuration: a run that
				// sets this per-execution option runs here.
				f.socket = "off"
			}
			return runRun(cmd.Context(), st, args[0], f, cmd.Flags().Changed("allow-builtin-modules"))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.lang, "lang", "", `language: javascript or typescript (default: from the file extension, .ts is typescript)`)
	fl.StringVar(&f.context, "context", "", `the context object: JSON, or @FILE to read it from a file`)
	fl.Var(&f.timeout, "timeout", `timeout: a duration such as 2s or 500ms, or milliseconds (default 5s, at most 30s)`)
	fl.IntVar(&f.memory, "memory", 0, "memory limit in MiB (default 256)")
	fl.StringVar(&f.agent, "agent", "cli", "agent id recorded for this execution")
	fl.StringVar(&f.channel, "channel", "default", "channel id recorded for this execution")
	fl.BoolVar(&f.json, "json", false, "print the result JSON")
	fl.StringVar(&f.runner, "runner", "", "path of the runner executable (default: $CODEXEC_RUNNER, then next to the supervisor)")
	addIsolationFlags(fl, &f.iso)
	addRecordingFlags(fl, &f.audit)
	addSocketFlag(fl, &f.socket)
	fl.StringVar(&f.config, "config", "", "JSON configuration file to take the limits from (see supervisor serve)")
	fl.BoolVar(&f.modules, "allow-builtin-modules", false, "let the code require() the pure built-in modules (util, path, crypto, ...; default: the configuration's); the run happens in this process, not through a daemon")
	fl.StringVar(&f.mcpConfig, "mcp-config", "", `JSON file holding {"mcpServers": {...}} (the shape MCP clients use): their tools are tools.<server>.<tool>(args) in the code; the run happens in this process`)
	addExperimentalDecoratorsFlag(cmd, &f.tsExperimental)
	return cmd
}

// addExperimentalDecoratorsFlag adds --ts-experimental-decorators (the
// request field tsExperimentalDecorators).
func addExperimentalDecoratorsFlag(cmd *cobra.Command, v *bool) {
	cmd.Flags().BoolVar(v, "ts-experimental-decorators", false,
		"TypeScript only: TypeScript's experimental decorators (parameter decorators, legacy semantics) instead of the TC39 standard ones")
}

func runRun(ctx context.Context, st *State, file string, f runFlags, modulesSet bool) error {
	cfile := config.DefaultFile()
	if f.config != "" {
		cf, err := config.LoadFile(f.config)
		if err != nil {
			return usageError("%v", err)
		}
		cfile = cf
	}
	lim := cfile.Limits
	servers, policy, err := mcpServersOf(cfile, f.mcpConfig)
	if err != nil {
		return err
	}
	if modulesSet {
		lim.AllowBuiltinModules = f.modules
	}
	code, err := readCode(st, file, lim.MaxCodeBytes)
	if err != nil {
		return usageError("%v", err)
	}
	lang := resolveLanguage(file, f.lang)
	var ctxJSON json.RawMessage
	if f.context != "" {
		raw := []byte(f.context)
		if strings.HasPrefix(f.context, "@") {
			raw, err = os.ReadFile(f.context[1:])
			if err != nil {
				return usageError("read context: %v", err)
			}
		}
		ctxJSON = raw
	}
	if ctx == nil {
		ctx = context.Background()
	}
	// Ctrl-C (or SIGTERM) cancels the execution: its runner is killed at
	// once and it is recorded as cancelled; the exit code is 130.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if c, err := st.daemon(ctx, f.socket); err != nil {
		return err
	} else if c != nil {
		if modulesSet {
			return usageError("--allow-builtin-modules does not apply to a run through a daemon: the daemon's configuration decides (allowBuiltinModules, PATCH /v1/config); drop --socket to run here")
		}
		// A daemon is running: it runs the code, with its limits, pool,
		// audit trail and events.
		res, err := c.Execute(ctx, wire.ExecuteRequest{Code: code, Language: lang, Context: ctxJSON,
			Timeout: f.timeout.ms, MemoryLimit: f.memory, AgentID: f.agent, ChannelID: f.channel,
			TSExperimentalDecorators: f.tsExperimental})
		if err != nil && ctx.Err() != nil {
			// The daemon sees the connection close, kills the runner and
			// records the execution as cancelled.
			fmt.Fprintf(st.Stderr, "%s: the execution was cancelled (%v); the daemon records it as cancelled\n", result.Cancelled, context.Cause(ctx))
			return &exitError{code: result.ExitCancelled}
		}
		if err != nil {
			return &exitError{code: 70, err: err}
		}
		if !f.json {
			for _, l := range res.Logs {
				writeLog(st.Stderr, "", l)
			}
		}
		return printResult(st, res, f.json)
	}
	// The MCP servers' warnings (a tool skipped, a server that exited)
	// and their standard error go to standard error.
	hub, err := startUpstream(ctx, st, servers, policy, slog.New(slog.NewTextHandler(st.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	if hub != nil {
		defer hub.Close()
	}
	svc, _, _, closeAudit, err := st.localService(f.runner, f.iso, f.audit, lim, nil, 3*time.Second,
		func(o *service.Options) { o.Upstream = upstreamOf(hub) })
	if err != nil {
		return err
	}
	defer closeAudit()

	var onLog func(result.Log)
	if !f.json {
		onLog = func(l result.Log) { writeLog(st.Stderr, "", l) }
	}
	res := svc.Execute(ctx, service.Request{
		Code:           code,
		Language:       lang,
		Context:        ctxJSON,
		TimeoutMs:      f.timeout.ms,
		MemoryLimitMiB: f.memory,
		AgentID:        f.agent,
		ChannelID:      f.channel,

		TSExperimentalDecorators: f.tsExperimental,
	}, onLog)

	return printResult(st, res, f.json)
}

// localService is the execution service of a command that runs code in
// its own process (run, mcp without a daemon): the runner, the isolation,
// and the audit trail. Every record is in the outbox before its result is
// answered; closeAudit ships them to the store within closeWithin, or leaves
// them for the next supervisor process. closeAudit is nil when err is not.
//
// tune, when set, may change the service's options (a long-lived process
// adds a warm pool) before the service is made.
func (st *State) localService(runnerFlag string, isoFlags isolationFlags, af auditFlags, lim config.Limits, log *slog.Logger,
	closeWithin time.Duration, tune func(*service.Options)) (svc *service.Service, rec *audit.Recorder, iso *sandbox.Isolation, closeAudit func(), err error) {
	runnerPath, err := st.findRunner(runnerFlag)
	if err != nil {
		return nil, nil, nil, nil, &exitError{code: 70, err: err}
	}
	if iso, err = newIsolation(st, isoFlags); err != nil {
		return nil, nil, nil, nil, err
	}
	if rec, err = st.openRecorder(af); err != nil {
		var ee *exitError // a usage error (--host-id) keeps its code
		if !errors.As(err, &ee) {
			err = &exitError{code: 70, err: err}
		}
		return nil, nil, nil, nil, err
	}
	closeAudit = func() { st.closeRecorder(rec, closeWithin) }
	opts := service.Options{RunnerPath: runnerPath, Limits: lim, Isolation: iso, Recorder: rec, Logger: log}
	if tune != nil {
		tune(&opts)
	}
	svc, err = service.New(opts)
	if err != nil {
		closeAudit()
		return nil, nil, nil, nil, &exitError{code: 70, err: err}
	}
	return svc, rec, iso, closeAudit, nil
}

// printResult prints the result (JSON, or the value and a summary) and
// turns its status into the exit code.
func printResult(st *State, res result.Result, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(st.Stdout)
		enc.SetIndent("", "  ")
		// The value as JSON.stringify wrote it: no \u0026 for &, as the
		// socket API.
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res); err != nil {
			return &exitError{code: 70, err: err}
		}
	} else {
		printHuman(st, res)
	}
	if code := res.Status.ExitCode(); code != 0 {
		return &exitError{code: code}
	}
	return nil
}

// printHuman prints the value on stdout and a one-line summary on stderr.
//
// The value is JSON, indented in its own key order, with every character
// that is not printable written as a JSON escape (termsafe.JSON): a string
// the code returned cannot drive the terminal (a returned "\u001b]0;x\u0007"
// prints as those twelve characters), and the text is still JSON for the
// exact same value, so a script reading it gets what --json gives. This is
// the same whether stdout is a terminal or a pipe: one output, predictable.
// The error and the findings are escaped on one line each.
func printHuman(st *State, res result.Result) {
	if res.Status == result.OK {
		_, _ = io.WriteString(st.Stdout, indentedJSON(res.Output, "")+"\n")
		fmt.Fprintf(st.Stderr, "ok · %.1f ms · %s · %s\n", res.ExecutionTime, memoryFigure(res.ResourceUsage), termsafe.Line(res.ID))
		return
	}
	msg := ""
	if res.Error != nil {
		msg = termsafe.Line(res.Error.Message)
		if res.Error.Line > 0 {
			msg += fmt.Sprintf(" (line %d, column %d)", res.Error.Line, res.Error.Column)
		}
	}
	status := termsafe.Line(string(res.Status))
	fmt.Fprintf(st.Stderr, "%s: %s\n", status, msg)
	for _, f := range res.Validation.Findings {
		fmt.Fprintf(st.Stderr, "  %s\n", findingLine(f))
	}
	fmt.Fprintf(st.Stderr, "%s · %.1f ms · %s · %s\n", status, res.ExecutionTime, memoryFigure(res.ResourceUsage), termsafe.Line(res.ID))
}

// memoryFigure is the runner's peak for the summary line, or says there is
// none (no runner ran, or nothing measured belongs to it alone).
func memoryFigure(u result.ResourceUsage) string {
	if u.MemorySource == "" || u.MemorySource == "none" {
		return "memory not measured"
	}
	return fmt.Sprintf("%.1f MiB", u.Memory)
}

// readCode reads FILE or stdin, refusing more than a little over the cap
// (the service then reports the exact limit).
func readCode(st *State, file string, max int) (string, error) {
	var r io.Reader
	if file == "-" {
		r = st.Stdin
	} else {
		fh, err := os.Open(file)
		if err != nil {
			return "", err
		}
		defer fh.Close()
		r = fh
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return "", fmt.Errorf("read %s: %w", file, err)
	}
	return string(b), nil
}

// resolveLanguage is the --lang flag (js and ts accepted as short forms),
// or the language the file's extension says.
func resolveLanguage(file, flag string) string {
	switch flag {
	case "":
		return languageOf(file)
	case "js":
		return detect.JavaScript
	case "ts":
		return detect.TypeScript
	}
	return flag
}

func languageOf(file string) string {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".ts", ".mts", ".cts":
		return detect.TypeScript
	}
	return detect.JavaScript
}

// msDuration is a flag holding milliseconds, set from a Go duration ("2s",
// "500ms") or a bare number of milliseconds.
type msDuration struct{ ms int64 }

func (d *msDuration) String() string {
	if d.ms == 0 {
		return ""
	}
	return (time.Duration(d.ms) * time.Millisecond).String()
}

func (d *msDuration) Set(s string) error {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n <= 0 {
			return fmt.Errorf("must be positive")
		}
		d.ms = n
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("not a duration or a number of milliseconds")
	}
	if v < time.Millisecond {
		return fmt.Errorf("must be at least 1ms")
	}
	d.ms = v.Milliseconds()
	return nil
}

func (d *msDuration) Type() string { return "duration" }
