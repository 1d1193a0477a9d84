package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"time"

	"codexec/api/client"
	"codexec/api/wire"
	"codexec/audit"
	"codexec/config"
	"codexec/detect"
	"codexec/result"
	"codexec/service"
)

// Backend is what the tools need from codexec. [Local] does it all in this
// process; [Daemon] goes through a running supervisor's socket, so that its
// limits, pool, audit trail and events are shared.
type Backend interface {
	// Execute runs one request and returns its result, whatever its status.
	// An error means there is no result at all: the request could not be
	// run (the daemon did not answer, too many executions wait).
	Execute(ctx context.Context, req service.Request) (result.Result, error)
	// Validate checks code the way Execute would before running it, with
	// the limits executions get, and runs nothing.
	Validate(ctx context.Context, sub detect.Submission) (Verdict, error)
	// Stats summarises an agent's executions in the audit trail, on the
	// host hostID ("": on every host).
	Stats(ctx context.Context, agentID, hostID string) (audit.AgentStats, error)
	// Limits are the limits new executions get.
	Limits(ctx context.Context) (config.Limits, error)
}

// Verdict is validation's answer without running (detect.Report).
type Verdict = detect.Report

// ValidateCode is validation without running, as an execution with these
// limits would go through it (detect.Judge). Both backends call it, so a
// verdict does not depend on the backend.
func ValidateCode(sub detect.Submission, lim config.Limits) (Verdict, error) {
	return detect.Judge(sub, lim)
}

// StatsFlushTimeout bounds how long Local.Stats waits for the audit outbox
// to reach the store, so that the statistics include the executions that
// just ran.
const StatsFlushTimeout = 3 * time.Second

// Local runs executions in this process, on a service.Service of its own,
// and answers statistics from the audit trail it records to.
type Local struct {
	svc *service.Service
	rec *audit.Recorder
}

// NewLocal returns a backend on svc, whose audit trail is rec.
func NewLocal(svc *service.Service, rec *audit.Recorder) *Local {
	return &Local{svc: svc, rec: rec}
}

// Execute waits for an execution slot (at most the service's MaxConcurrent
// run at once, MaxQueue wait), then runs req.
func (l *Local) Execute(ctx context.Context, req service.Request) (result.Result, error) {
	release, err := l.svc.Acquire(ctx)
	if err != nil {
		if errors.Is(err, service.ErrOverloaded) {
			running, waiting, _, _ := l.svc.Admission()
			return result.Result{}, fmt.Errorf("too many executions at once (%d running, %d waiting); try again when one has finished: %w", running, waiting, err)
		}
		return result.Result{}, fmt.Errorf("wait for an execution slot: %w", err)
	}
	defer release()
	return l.svc.Execute(ctx, req, nil), nil
}

// Validate validates with the service's limits.
func (l *Local) Validate(_ context.Context, sub detect.Submission) (Verdict, error) {
	return ValidateCode(sub, l.svc.Limits())
}

// Stats lets the outbox reach the store first (within StatsFlushTimeout;
// past it, the newest executions may be missing), then queries it.
func (l *Local) Stats(ctx context.Context, agentID, hostID string) (audit.AgentStats, error) {
	fctx, cancel := context.WithTimeout(ctx, StatsFlushTimeout)
	_ = l.rec.Flush(fctx) // best effort: the query answers with what the store has
	cancel()
	st, err := l.rec.AgentStats(ctx, agentID, hostID)
	if err != nil {
		return audit.AgentStats{}, fmt.Errorf("query the %s audit store: %w", l.rec.Kind(), err)
	}
	return st, nil
}

// Limits are the service's.
func (l *Local) Limits(context.Context) (config.Limits, error) { return l.svc.Limits(), nil }

// Daemon goes through a running supervisor: it runs the code with the
// daemon's limits, pool and audit trail, and its events. Validation runs
// here (the socket API has no validation endpoint), with the daemon's
// limits as GET /v1/config reports them: the same code path as the
// daemon's own, hence the same verdict.
type Daemon struct {
	c *client.Client
}

// NewDaemon returns a backend on the daemon c talks to.
func NewDaemon(c *client.Client) *Daemon { return &Daemon{c: c} }

// Execute posts req to the daemon.
func (d *Daemon) Execute(ctx context.Context, req service.Request) (result.Result, error) {
	res, err := d.c.Execute(ctx, wire.ExecuteRequest{Code: req.Code, Language: req.Language, Context: req.Context,
		Timeout: req.TimeoutMs, MemoryLimit: req.MemoryLimitMiB, AgentID: req.AgentID, ChannelID: req.ChannelID,
		TSExperimentalDecorators: req.TSExperimentalDecorators})
	if err != nil {
		return result.Result{}, fmt.Errorf("run through the daemon at %s: %w", d.c.Socket(), err)
	}
	return res, nil
}

// Validate validates here with the daemon's current limits.
func (d *Daemon) Validate(ctx context.Context, sub detect.Submission) (Verdict, error) {
	lim, err := d.Limits(ctx)
	if err != nil {
		return Verdict{}, err
	}
	return ValidateCode(sub, lim)
}

// Stats asks the daemon.
func (d *Daemon) Stats(ctx context.Context, agentID, hostID string) (audit.AgentStats, error) {
	st, err := d.c.Stats(ctx, agentID, hostID)
	if err != nil {
		return audit.AgentStats{}, fmt.Errorf("ask the daemon at %s for statistics: %w", d.c.Socket(), err)
	}
	return st, nil
}

// Limits asks the daemon for its current limits.
func (d *Daemon) Limits(ctx context.Context) (config.Limits, error) {
	lim, err := d.c.Config(ctx)
	if err != nil {
		return config.Limits{}, fmt.Errorf("ask the daemon at %s for its limits: %w", d.c.Socket(), err)
	}
	return lim, nil
}
