package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"codexec/api"
	"codexec/api/client"
	"codexec/api/wire"
	"codexec/internal/termsafe"
)

// healthTimeout is how long `supervisor health` waits for an answer by
// default: under a Kubernetes probe's timeoutSeconds (the manifests give
// 5), so that the probe's event says why rather than "timed out".
const healthTimeout = 3 * time.Second

func newHealthCmd(st *State) *cobra.Command {
	var socket string
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "health",
		Short: "Ask the daemon whether it is ready (GET /healthz): exit 0 when it is, 1 when not",
		Long: `Ask the daemon on the socket for its health (GET /healthz) and print one line
on stdout: "ready: ..." with what it reports (isolation, warm pool, executions
running and queued, audit store and outbox, version), or "not ready: ..."
with why (shutting down, refusing connections, no socket, permission denied,
nothing listening, no answer in time). Exit 0 when ready, 1 when not, 2 for
a usage error.

It speaks only over the Unix socket (no TCP): a Kubernetes DaemonSet runs it
as its exec liveness and readiness probe.`,
		Example: `  supervisor health
  supervisor health --socket /run/codexec/supervisor.sock --timeout 2s`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if timeout <= 0 {
				return usageError("--timeout %v: give a positive duration", timeout)
			}
			path := socket
			if path == "" {
				path = st.Getenv(envSocket)
			}
			if path == "" || path == "off" {
				path = api.DefaultSocket(st.Getenv)
			}
			line, ready := checkHealth(cmd.Context(), path, timeout)
			fmt.Fprintln(st.Stdout, termsafe.Text(line))
			if !ready {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&socket, "socket", "", "the daemon's socket (default: $"+envSocket+", else /run/codexec/supervisor.sock as root, $XDG_RUNTIME_DIR/codexec/supervisor.sock otherwise)")
	fl.DurationVar(&timeout, "timeout", healthTimeout, "how long to wait for the answer")
	return cmd
}

// checkHealth asks the daemon on path for GET /healthz within timeout and
// returns the line to print and whether the daemon is ready.
func checkHealth(ctx context.Context, path string, timeout time.Duration) (string, bool) {
	if ctx == nil {
		ctx = context.Background()
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Sprintf("not ready: no socket at %s (the supervisor is not running, or serves another --socket)", path), false
	case errors.Is(err, os.ErrPermission):
		return fmt.Sprintf("not ready: permission denied: cannot reach %s (a directory on the way is closed to uid %d)", path, os.Geteuid()), false
	case err != nil:
		return fmt.Sprintf("not ready: %s: %v", path, errors.Unwrap(err)), false
	case fi.Mode().Type() != os.ModeSocket:
		return fmt.Sprintf("not ready: %s is not a socket", path), false
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	h, err := client.New(path).Health(ctx)
	if err != nil {
		return "not ready: " + healthError(path, fi, timeout, err), false
	}
	if h.Status != "ok" {
		return fmt.Sprintf("not ready: %s (%s)", h.Status, healthSummary(h)), false
	}
	return "ready: " + healthSummary(h), true
}

// healthError says why the daemon on path gave no healthy answer.
func healthError(path string, fi os.FileInfo, timeout time.Duration, err error) string {
	var ae *client.Error
	switch {
	case errors.As(err, &ae):
		// GET /healthz answers 503 with its own body while the daemon
		// stops; other refusals carry {code, message}.
		var h wire.Health
		if json.Unmarshal([]byte(ae.Message), &h) == nil && h.Status != "" {
			why := h.Status
			if h.Status == "stopping" {
				why = "stopping (shutting down: no new executions, those in flight finish)"
			}
			return why
		}
		return fmt.Sprintf("%s (HTTP %d): %s", ae.Code, ae.Status, ae.Message)
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		owner := ""
		if s, ok := fi.Sys().(*syscall.Stat_t); ok {
			owner = fmt.Sprintf(", owner uid %d, group gid %d", s.Uid, s.Gid)
		}
		return fmt.Sprintf("permission denied on %s (mode %04o%s; this process is uid %d: run as a uid or in a group the socket admits)",
			path, fi.Mode().Perm(), owner, os.Geteuid())
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Sprintf("nothing listens on %s (a stale socket: the supervisor is not running)", path)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("no answer from %s within %v (the supervisor is stuck or overloaded)", path, timeout)
	default:
		return err.Error()
	}
}

// healthSummary is the health answer in a few words.
func healthSummary(h wire.Health) string {
	parts := []string{"isolation " + h.Isolation}
	if len(h.Missing) > 0 {
		parts[0] += " (missing " + strings.Join(h.Missing, ", ") + ")"
	} else if h.IsolationMode == "rootless" {
		parts[0] += " (rootless)"
	}
	if h.HostID != "" {
		parts = append(parts, "host "+h.HostID)
	}
	if h.Pool != nil {
		parts = append(parts, fmt.Sprintf("warm pool %d/%d ready", h.Pool.Idle, h.Pool.Target))
	}
	parts = append(parts, fmt.Sprintf("running %d, queued %d", h.Running, h.Queued))
	if h.Store != "" {
		out := fmt.Sprintf("store %s, outbox %d", h.Store, h.Outbox.Records)
		if h.Outbox.LastError != "" {
			out += " (last error: " + h.Outbox.LastError + ")"
		}
		parts = append(parts, out)
	}
	v := "version " + h.Version
	if h.Revision != "" {
		v += " (" + h.Revision + ")"
	}
	return strings.Join(append(parts, v), ", ")
}
