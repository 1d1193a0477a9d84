package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"codexec/api"
	"codexec/api/client"
	"codexec/api/wire"
	"codexec/audit"
)

const envSocket = "CODEXEC_SOCKET"

func addSocketFlag(fs *pflag.FlagSet, socket *string) {
	fs.StringVar(socket, "socket", "", "talk to the daemon on this socket (default: $"+envSocket+", else the default socket when a daemon answers there; \"off\": never)")
}

// daemon returns a client for the running daemon this command should go
// through, or nil to work in-process: --socket (or $CODEXEC_SOCKET) names
// one, which must answer; otherwise the default socket is used when a
// daemon answers there. "off" means in-process.
func (st *State) daemon(ctx context.Context, flag string) (*client.Client, error) {
	path := flag
	if path == "" {
		path = st.Getenv(envSocket)
	}
	if path == "off" {
		return nil, nil
	}
	if path != "" {
		c := client.New(path)
		if !c.Reachable(ctx) {
			return nil, &exitError{code: 70, err: fmt.Errorf("no supervisor answers on %s (start one with `supervisor serve`)", path)}
		}
		return c, nil
	}
	path = api.DefaultSocket(st.Getenv)
	if _, err := os.Stat(path); err != nil {
		return nil, nil
	}
	c := client.New(path)
	if !c.Reachable(ctx) {
		return nil, nil
	}
	return c, nil
}

// daemonReader answers audit queries through the daemon.
type daemonReader struct{ c *client.Client }

func (d daemonReader) Kind() string { return "daemon's" }

func notFound(err error) error {
	if client.IsCode(err, wire.CodeNotFound) {
		return fmt.Errorf("%v: %w", err, audit.ErrNotFound)
	}
	return err
}

func (d daemonReader) Get(ctx context.Context, id string) (audit.Record, error) {
	r, err := d.c.Get(ctx, id)
	return r, notFound(err)
}

func (d daemonReader) History(ctx context.Context, f audit.Filter) ([]audit.Record, error) {
	return d.c.History(ctx, f)
}

func (d daemonReader) RecentFailures(ctx context.Context, agentID, hostID string, limit int) ([]audit.Record, error) {
	return d.c.Failures(ctx, agentID, hostID, limit)
}

func (d daemonReader) AgentStats(ctx context.Context, agentID, hostID string) (audit.AgentStats, error) {
	return d.c.Stats(ctx, agentID, hostID)
}
