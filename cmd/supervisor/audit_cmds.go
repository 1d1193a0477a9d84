package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"codexec/audit"
	"codexec/internal/termsafe"
	"codexec/result"
)

// Environment variables that locate the audit trail when its flags do not.
const (
	envDataDir  = "CODEXEC_DATA_DIR"
	envMongoURI = "CODEXEC_MONGO_URI"
	envMongoDB  = "CODEXEC_MONGO_DB"
	envHostID   = audit.EnvHostID // CODEXEC_HOST_ID
)

// How long a query command waits for the outbox to drain into the store
// before it queries, and for the recorder to close.
const (
	auditQueryFlush = 3 * time.Second
	auditQueryClose = 3 * time.Second
	auditQueryWait  = 5 * time.Second // MongoDB server selection
)

// auditFlags locate the audit trail: the same flags on every command
// (DESIGN.md, "CLI conventions").
type auditFlags struct {
	dataDir  string
	mongoURI string
	mongoDB  string
	hostID   string // commands that record: this supervisor's host id (addRecordingFlags)
	socket   string // query commands: a daemon to ask instead (addSocketFlag)
}

// addAuditFlags adds --data-dir, --mongo-uri and --mongo-db to fs.
func addAuditFlags(fs *pflag.FlagSet, f *auditFlags) {
	fs.StringVar(&f.dataDir, "data-dir", "", "directory of the audit outbox and the embedded store (default: $"+envDataDir+", else /var/lib/codexec for root, ~/.local/share/codexec otherwise)")
	fs.StringVar(&f.mongoURI, "mongo-uri", "", "MongoDB URI of the audit store (default: $"+envMongoURI+"; none: the embedded store)")
	fs.StringVar(&f.mongoDB, "mongo-db", "", "MongoDB database of the audit store (default: $"+envMongoDB+", else codexec)")
}

// addRecordingFlags adds the audit flags of the commands that record
// executions (run, serve, mcp): addAuditFlags and --host-id.
func addRecordingFlags(fs *pflag.FlagSet, f *auditFlags) {
	addAuditFlags(fs, f)
	fs.StringVar(&f.hostID, "host-id", "", "this supervisor's name in the audit records it writes (hostId): "+audit.HostIDRules+
		" (default: $"+envHostID+", else the host name)")
}

// auditConfig is the audit.Config the flags, then the environment, say.
func (st *State) auditConfig(f auditFlags) audit.Config {
	pick := func(flag, env string) string {
		if flag != "" {
			return flag
		}
		return st.Getenv(env)
	}
	cfg := audit.Config{
		DataDir:  pick(f.dataDir, envDataDir),
		MongoURI: pick(f.mongoURI, envMongoURI),
		MongoDB:  pick(f.mongoDB, envMongoDB),
		HostID:   pick(f.hostID, envHostID),
		Logger:   slog.New(slog.NewTextHandler(st.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
	if cfg.DataDir == "" {
		cfg.DataDir = audit.DefaultDataDir(st.Getenv)
	}
	return cfg
}

// openRecorder opens the audit trail the flags and the environment locate,
// for commands that record executions (run, serve) as well as for queries.
// The caller closes it with closeRecorder.
func (st *State) openRecorder(f auditFlags) (*audit.Recorder, error) {
	cfg := st.auditConfig(f)
	if cfg.HostID != "" {
		if err := audit.CheckHostID(cfg.HostID); err != nil {
			return nil, usageError("--host-id (or $%s): %v", envHostID, err)
		}
	}
	rec, err := audit.Open(cfg)
	if err != nil {
		return nil, fmt.Errorf("open the audit trail: %w", err)
	}
	return rec, nil
}

// closeRecorder closes rec within timeout, shipping what it can. Records
// it cannot ship stay in the outbox for the next supervisor process; that
// is a warning on stderr, not a failure.
func (st *State) closeRecorder(rec *audit.Recorder, timeout time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := rec.Close(ctx); err != nil {
		if errors.Is(err, audit.ErrPending) {
			fmt.Fprintln(st.Stderr, "supervisor: warning:", termsafe.Text(err.Error()))
			return
		}
		fmt.Fprintln(st.Stderr, "supervisor: close the audit trail:", termsafe.Text(err.Error()))
	}
}

// queryRecorder opens the audit trail for a query: records left in the
// outbox (by this or a dead process) are shipped first, within a bound, so
// that the query sees them.
func (st *State) queryRecorder(ctx context.Context, f auditFlags) (*audit.Recorder, error) {
	cfg := st.auditConfig(f)
	cfg.ServerSelectionTimeout = auditQueryWait
	cfg.PurgeInterval = -1 // purging is for the processes that record
	rec, err := audit.Open(cfg)
	if err != nil {
		return nil, &exitError{code: 70, err: fmt.Errorf("open the audit trail: %w", err)}
	}
	fctx, cancel := context.WithTimeout(ctx, auditQueryFlush)
	defer cancel()
	if err := rec.Flush(fctx); err != nil {
		fmt.Fprintln(st.Stderr, "supervisor: warning: the query may miss records:", termsafe.Text(err.Error()))
	}
	return rec, nil
}

// auditReader is what the query commands need: the audit trail opened in
// this process, or a running daemon's (through its socket).
type auditReader interface {
	Kind() string
	Get(ctx context.Context, id string) (audit.Record, error)
	History(ctx context.Context, f audit.Filter) ([]audit.Record, error)
	RecentFailures(ctx context.Context, agentID, hostID string, limit int) ([]audit.Record, error)
	AgentStats(ctx context.Context, agentID, hostID string) (audit.AgentStats, error)
}

// auditQuery runs fn against the audit trail (through the daemon when one
// is reachable, else opened here) and closes it.
func (st *State) auditQuery(cmd *cobra.Command, f auditFlags, fn func(ctx context.Context, rec auditReader) error) error {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	c, err := st.daemon(ctx, f.socket)
	if err != nil {
		return err
	}
	if c != nil {
		if err := fn(ctx, daemonReader{c}); err != nil {
			var ee *exitError
			if errors.As(err, &ee) {
				return err
			}
			if errors.Is(err, audit.ErrNotFound) {
				return &exitError{code: 1, err: err}
			}
			return &exitError{code: 70, err: err}
		}
		return nil
	}
	rec, err := st.queryRecorder(ctx, f)
	if err != nil {
		return err
	}
	defer st.closeRecorder(rec, auditQueryClose)
	if err := fn(ctx, rec); err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return err
		}
		if errors.Is(err, audit.ErrNotFound) {
			return &exitError{code: 1, err: err}
		}
		return &exitError{code: 70, err: fmt.Errorf("query the %s audit store: %w", rec.Kind(), err)}
	}
	return nil
}

// newAuditCmds returns the analytics commands: stats, history, failures,
// show.
func newAuditCmds(st *State) []*cobra.Command {
	return []*cobra.Command{newStatsCmd(st), newHistoryCmd(st), newFailuresCmd(st), newShowCmd(st)}
}

const auditHostNote = `

Records written before records named their host have none: their host
shows as "-" in tables, "(none)" in statistics, and "" in JSON; they count
in every query that spans all hosts, and --host finds none of them.`

// addHostFlag adds --host, the host filter of the query commands.
func addHostFlag(fs *pflag.FlagSet, host *string) {
	fs.StringVar(host, "host", "", "only the executions of the supervisor with this host id (default: every host)")
}

// checkHostFlag refuses a --host no record can carry.
func checkHostFlag(host string) error {
	if host == "" {
		return nil
	}
	if err := audit.CheckHostID(host); err != nil {
		return usageError("--host: %v", err)
	}
	return nil
}

const auditExitCodes = `
Exit codes: 0 ok, 1 no such execution, 2 usage, 70 the audit store
could not be opened or queried.`

func newStatsCmd(st *State) *cobra.Command {
	var af auditFlags
	var agent, host string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats --agent ID [--host ID]",
		Short: "Show an agent's execution statistics from the audit trail",
		Long: `Show an agent's executions in the audit trail: how many, the share that
succeeded, the mean execution time, timeouts, and counts per language,
status and host. Without --host, every host whose records the audit trail
holds (a fleet sharing one MongoDB); with it, that host's only.` + auditHostNote + auditExitCodes,
		Example: `  supervisor stats --agent cli
  supervisor stats --agent my-agent --host node-3 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if agent == "" {
				return usageError("stats needs --agent ID")
			}
			if err := checkHostFlag(host); err != nil {
				return err
			}
			return st.auditQuery(cmd, af, func(ctx context.Context, rec auditReader) error {
				s, err := rec.AgentStats(ctx, agent, host)
				if err != nil {
					return err
				}
				if asJSON {
					return writeAuditJSON(st.Stdout, s)
				}
				printAgentStats(st.Stdout, s)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&agent, "agent", "", "the agent id (required)")
	addHostFlag(cmd.Flags(), &host)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	addAuditFlags(cmd.Flags(), &af)
	addSocketFlag(cmd.Flags(), &af.socket)
	return cmd
}

type historyFlags struct {
	agent, channel, host, status, hash, since string
	limit                                     int
	json                                      bool
}

func newHistoryCmd(st *State) *cobra.Command {
	var af auditFlags
	var f historyFlags
	cmd := &cobra.Command{
		Use:   "history [--agent ID] [--host ID] [--status S] [--hash SHA256] [--limit N]",
		Short: "List recent executions from the audit trail, newest first",
		Long: `List executions from the audit trail, newest first, optionally only an
agent's, a channel's, one host's (the supervisor that ran them; without
--host, every host whose records the audit trail holds), those with one
status, those of one piece of code (by the SHA-256 of the code as
submitted, as "codeHash" in results), or those since a time.

Statuses: ` + auditStatusList() + `.` + auditHostNote + auditExitCodes,
		Example: `  supervisor history
  supervisor history --agent cli --status error --limit 5
  supervisor history --hash 3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b --json
  supervisor history --since 1h
  supervisor history --host node-3 --status internal`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			filter, err := f.filter(time.Now())
			if err != nil {
				return err
			}
			return st.auditQuery(cmd, af, func(ctx context.Context, rec auditReader) error {
				recs, err := rec.History(ctx, filter)
				if err != nil {
					return err
				}
				return printAuditRecords(st, recs, f.json)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.agent, "agent", "", "only this agent's executions")
	fl.StringVar(&f.channel, "channel", "", "only this channel's executions")
	addHostFlag(fl, &f.host)
	fl.StringVar(&f.status, "status", "", "only executions with this status")
	fl.StringVar(&f.hash, "hash", "", "only executions of the code with this SHA-256 (hex)")
	fl.StringVar(&f.since, "since", "", "only executions since a time: RFC 3339 (2025-03-14T15:00:00Z) or a duration ago (90m, 24h)")
	fl.IntVar(&f.limit, "limit", audit.DefaultLimit, fmt.Sprintf("at most this many executions (at most %d)", audit.MaxLimit))
	fl.BoolVar(&f.json, "json", false, "print a JSON array of audit records")
	addAuditFlags(fl, &af)
	addSocketFlag(fl, &af.socket)
	return cmd
}

// filter checks the flags and turns them into a query.
func (f historyFlags) filter(now time.Time) (audit.Filter, error) {
	q := audit.Filter{AgentID: f.agent, ChannelID: f.channel, HostID: f.host, CodeHash: strings.ToLower(f.hash), Limit: f.limit}
	if err := checkHostFlag(f.host); err != nil {
		return q, err
	}
	if f.status != "" {
		q.Status = result.Status(f.status)
		if !q.Status.Valid() {
			return q, usageError("unknown status %q (one of %s)", f.status, auditStatusList())
		}
	}
	if f.hash != "" {
		if b, err := hex.DecodeString(q.CodeHash); err != nil || len(b) != 32 {
			return q, usageError("--hash %q is not a SHA-256 in hex (64 hex digits)", f.hash)
		}
	}
	if f.limit < 1 || f.limit > audit.MaxLimit {
		return q, usageError("--limit %d is outside [1, %d]", f.limit, audit.MaxLimit)
	}
	if f.since != "" {
		if d, err := time.ParseDuration(f.since); err == nil && d >= 0 {
			q.Since = now.Add(-d)
		} else if t, err := time.Parse(time.RFC3339Nano, f.since); err == nil {
			q.Since = t
		} else {
			return q, usageError("--since %q is neither an RFC 3339 time nor a duration", f.since)
		}
	}
	return q, nil
}

func auditStatusList() string {
	s := make([]string, len(result.Statuses))
	for i, x := range result.Statuses {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

func newFailuresCmd(st *State) *cobra.Command {
	var af auditFlags
	var agent, host string
	var limit int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "failures --agent ID [--host ID] [--limit N]",
		Short: "List an agent's most recent unsuccessful executions",
		Long: `List an agent's most recent executions that did not succeed (any status but
ok), newest first, on every host (the default) or on one (--host).` + auditHostNote + auditExitCodes,
		Example: `  supervisor failures --agent cli
  supervisor failures --agent my-agent --limit 3 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if agent == "" {
				return usageError("failures needs --agent ID")
			}
			if limit < 1 || limit > audit.MaxLimit {
				return usageError("--limit %d is outside [1, %d]", limit, audit.MaxLimit)
			}
			if err := checkHostFlag(host); err != nil {
				return err
			}
			return st.auditQuery(cmd, af, func(ctx context.Context, rec auditReader) error {
				recs, err := rec.RecentFailures(ctx, agent, host, limit)
				if err != nil {
					return err
				}
				return printAuditRecords(st, recs, asJSON)
			})
		},
	}
	cmd.Flags().StringVar(&agent, "agent", "", "the agent id (required)")
	addHostFlag(cmd.Flags(), &host)
	cmd.Flags().IntVar(&limit, "limit", audit.DefaultFailuresLimit, fmt.Sprintf("at most this many executions (at most %d)", audit.MaxLimit))
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of audit records")
	addAuditFlags(cmd.Flags(), &af)
	addSocketFlag(cmd.Flags(), &af.socket)
	return cmd
}

func newShowCmd(st *State) *cobra.Command {
	var af auditFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show EXEC_ID",
		Short: "Show one execution's audit record",
		Long: `Show everything the audit trail keeps about one execution: who ran what,
the outcome, the output, the logs, the error and the validation findings.` + auditExitCodes,
		Example: `  supervisor show exec_01JF2Z8X4C6V0Q5N3M1K7H9G2D
  supervisor show exec_01JF2Z8X4C6V0Q5N3M1K7H9G2D --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 || args[0] == "" {
				return usageError("show takes one execution id")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return st.auditQuery(cmd, af, func(ctx context.Context, rec auditReader) error {
				r, err := rec.Get(ctx, args[0])
				if errors.Is(err, audit.ErrNotFound) {
					return fmt.Errorf("no execution %s in the %s audit store: %w", args[0], rec.Kind(), err)
				}
				if err != nil {
					return err
				}
				if asJSON {
					return writeAuditJSON(st.Stdout, r)
				}
				printAuditRecord(st.Stdout, r)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the audit record as JSON")
	addAuditFlags(cmd.Flags(), &af)
	addSocketFlag(cmd.Flags(), &af.socket)
	return cmd
}

// writeAuditJSON prints v indented, keeping outputs byte for byte (no HTML
// escaping).
func writeAuditJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// The human-readable outputs below print what callers sent (ids, code,
// logs, errors, outputs) only through termsafe: escaped, so that it cannot
// drive the operator's terminal. --json prints the exact values.

func printAgentStats(w io.Writer, s audit.AgentStats) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "agent\t%s\n", termsafe.Line(s.AgentID))
	if s.HostID != "" {
		fmt.Fprintf(tw, "host\t%s\n", termsafe.Line(s.HostID))
	}
	fmt.Fprintf(tw, "executions\t%d\n", s.TotalExecutions)
	if s.Cancelled > 0 {
		fmt.Fprintf(tw, "success rate\t%.1f%% (%d ok, of %d not cancelled)\n", 100*s.SuccessRate, s.Successes, s.TotalExecutions-s.Cancelled)
	} else {
		fmt.Fprintf(tw, "success rate\t%.1f%% (%d ok)\n", 100*s.SuccessRate, s.Successes)
	}
	fmt.Fprintf(tw, "average time\t%.2f ms\n", s.AvgTime)
	fmt.Fprintf(tw, "timeouts\t%d\n", s.Timeouts)
	fmt.Fprintf(tw, "cancelled\t%d\n", s.Cancelled)
	fmt.Fprintf(tw, "languages\t%s\n", orDash(termsafe.Line(s.LanguageCounts())))
	fmt.Fprintf(tw, "statuses\t%s\n", orDash(termsafe.Line(s.StatusCounts())))
	fmt.Fprintf(tw, "hosts\t%s\n", orDash(termsafe.Line(s.HostCounts())))
	tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// printAuditRecords prints recs as a table, or a JSON array.
func printAuditRecords(st *State, recs []audit.Record, asJSON bool) error {
	if asJSON {
		if recs == nil {
			recs = []audit.Record{}
		}
		return writeAuditJSON(st.Stdout, recs)
	}
	if len(recs) == 0 {
		fmt.Fprintln(st.Stderr, "no executions")
		return nil
	}
	tw := tabwriter.NewWriter(st.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEXECUTED (UTC)\tHOST\tAGENT\tCHANNEL\tLANGUAGE\tSTATUS\tTIME\tERROR")
	for _, r := range recs {
		msg := "-"
		if r.Error != nil {
			msg = auditCell(r.Error.Message, 60)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.1f ms\t%s\n", termsafe.Line(r.ID), r.ExecutedAt.UTC().Format("2006-01-02 15:04:05.000"),
			auditCell(r.HostID, 24), auditCell(r.AgentID, 24), auditCell(r.ChannelID, 16), auditCell(r.Language, 12), auditCell(string(r.Status), 12), r.ExecutionTime, msg)
	}
	return tw.Flush()
}

func printAuditRecord(w io.Writer, r audit.Record) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	row := func(k, format string, args ...any) { fmt.Fprintf(tw, "%s\t"+format+"\n", append([]any{k}, args...)...) }
	// id shows a field the record keeps as a rendering for what it is.
	id := func(field, v string) string {
		if r.Rendered(field) {
			return termsafe.Line(v) + "   (refused: shown as the record keeps it, escaped and cut, not as sent)"
		}
		return termsafe.Line(v)
	}
	row("id", "%s", termsafe.Line(r.ID))
	row("executed", "%s", r.ExecutedAt.UTC().Format(time.RFC3339Nano))
	row("host", "%s", orDash(termsafe.Line(r.HostID)))
	row("agent", "%s", id(audit.FieldAgentID, r.AgentID))
	row("channel", "%s", id(audit.FieldChannelID, r.ChannelID))
	if r.PeerUID != nil {
		row("caller", "uid %d, gid %d, pid %d", auditInt(r.PeerUID), auditInt(r.PeerGID), auditInt(r.PeerPID))
	}
	row("language", "%s", id(audit.FieldLanguage, r.Language))
	row("status", "%s (success %v)", termsafe.Line(string(r.Status)), r.Success)
	row("time", "%.3f ms", r.ExecutionTime)
	row("memory", "%.1f MiB", r.MemoryUsage)
	row("timeout", "%v", r.TimeoutOccurred)
	row("risk score", "%.2f", r.RiskScore)
	row("code", "%d characters, sha256 %s", r.CodeLength, termsafe.Line(r.CodeHash))
	if r.Truncated != "" {
		row("truncated", "%s", termsafe.Line(r.Truncated))
	}
	tw.Flush()
	if r.Error != nil {
		writeBlock(w, "\nerror: ", "  ", r.Error.Error())
	}
	if len(r.Findings) > 0 {
		fmt.Fprintln(w, "\nfindings:")
		for _, f := range r.Findings {
			fmt.Fprintf(w, "  %s\n", findingLine(f))
		}
	}
	fmt.Fprintln(w, "\ncode (first 500 characters):")
	writeBlock(w, "  ", "  ", strings.TrimRight(r.CodeSnippet, "\n"))
	fmt.Fprintln(w, "\noutput:")
	fmt.Fprintf(w, "  %s\n", indentedJSON(r.Output, "  "))
	if len(r.Logs) > 0 {
		fmt.Fprintf(w, "\nlogs (%d):\n", len(r.Logs))
		for _, l := range r.Logs {
			writeLog(w, "  ", l)
		}
	}
}

// writeBlock writes text that came from a caller, escaped (termsafe.Text):
// its first line after first, each further line after indent, so that no
// line of it stands where a line of the supervisor's own would.
func writeBlock(w io.Writer, first, indent, text string) {
	for i, l := range strings.Split(termsafe.Text(text), "\n") {
		if i == 0 {
			fmt.Fprintf(w, "%s%s\n", first, l)
		} else {
			fmt.Fprintf(w, "%s%s\n", indent, l)
		}
	}
}

// writeLog writes one console line as "[level] message", escaped, a
// message of several lines indented under its first.
func writeLog(w io.Writer, indent string, l result.Log) {
	head := indent + "[" + termsafe.Line(l.Level) + "] "
	writeBlock(w, head, indent+"    ", l.Message)
}

// findingLine is one validation finding on one line, escaped.
func findingLine(f result.Finding) string {
	return fmt.Sprintf("%s [%s] %s (line %d, column %d)", termsafe.Line(string(f.Severity)), termsafe.Line(f.Rule), termsafe.Line(f.Message), f.Line, f.Column)
}

// indentedJSON is a returned value as indented JSON with every line after
// the first prefixed, and the characters that are not printable written
// as JSON escapes (termsafe.JSON): the same value, nothing raw.
func indentedJSON(raw json.RawMessage, prefix string) string {
	var buf bytes.Buffer
	if json.Indent(&buf, raw, prefix, "  ") != nil {
		buf.Reset()
		buf.Write(raw)
	}
	return string(termsafe.JSON(buf.Bytes()))
}

func auditInt(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// auditCell shortens s to n characters on one line, escaped, for a table
// cell.
func auditCell(s string, n int) string {
	s = strings.Join(strings.Fields(termsafe.Line(s)), " ")
	if s == "" {
		return "-"
	}
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
