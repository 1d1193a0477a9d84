package faults

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"testing"
	"time"

	"codexec/api/wire"
	"codexec/audit/audittest"
	"codexec/audit/mongostore"
	"codexec/internal/daemontest"
	"codexec/internal/testutil"
	"codexec/result"
)

// quick is the load the audit tests put on the daemon: small, fast,
// every execution ok, each output known.
func quick(i int) wire.ExecuteRequest {
	return wire.ExecuteRequest{Code: "return context.i * 2", Context: []byte(`{"i":` + strconv.Itoa(i) + `}`), AgentID: "faults"}
}

// openStore opens the test's own view of the daemon's MongoDB collection.
func openStore(t *testing.T, uri, db string) *mongostore.Store {
	t.Helper()
	s, err := mongostore.Open(mongostore.Options{URI: uri, Database: db, ServerSelectionTimeout: 30 * time.Second,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_ = s.Drop(ctx)
		_ = s.Close()
	})
	return s
}

// exactlyOnce checks that each id has one record in the store, and that
// the store holds at most extra records besides; it returns the number of
// records found and in all.
func exactlyOnce(t *testing.T, s *mongostore.Store, ids []string, extra int) (found, total int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for i := 0; i < len(ids); i += 500 {
		n, err := s.Count(ctx, ids[i:min(i+500, len(ids))]...)
		if err != nil {
			t.Fatalf("count records: %v", err)
		}
		found += n
	}
	total, err := s.Count(ctx)
	if err != nil {
		t.Fatalf("count records: %v", err)
	}
	if found != int64(len(ids)) {
		t.Errorf("%d executions answered, %d of them recorded: %d lost", len(ids), found, int64(len(ids))-found)
	}
	if total > found+int64(extra) {
		t.Errorf("%d records in all for %d executions answered (and at most %d more in flight)", total, found, extra)
	}
	return found, total
}

func okIDs(t *testing.T, results []result.Result) []string {
	t.Helper()
	ids := make([]string, 0, len(results))
	for _, r := range results {
		if r.Status != result.OK {
			t.Errorf("execution %s: %s %+v, want ok", r.ID, r.Status, r.Error)
		}
		ids = append(ids, r.ID)
	}
	return ids
}

// MongoDB stops under load and comes back: no execution is refused or
// slowed into an error meanwhile (the records wait in the outbox), and
// afterwards every execution has exactly one record.
func TestMongoOutageUnderLoad(t *testing.T) {
	integration(t)
	srv := audittest.NewOutage(t)
	db := audittest.UniqueName("codexec_faults")
	store := openStore(t, srv.URI(), db)
	d := daemontest.Start(t, daemontest.Options{MongoURI: srv.URI(), MongoDB: db})
	ctx := context.Background()

	l := startLoad(d, 8, quick)
	l.waitFor(t, 50)
	srv.Down(t)
	l.waitFor(t, 100)
	// The records wait in the outbox, and the daemon says why (once a
	// shipment has failed: that can take a server selection timeout).
	var h wire.Health
	for deadline := time.Now().Add(time.Minute); ; {
		var err error
		h, err = d.Health(ctx)
		if err == nil && h.Outbox.Records > 0 && h.Outbox.LastError != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("during the outage: health %+v, %v; want records waiting in the outbox and the error", h.Outbox, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("during the outage: %d records in the outbox, oldest %.1f s: %s", h.Outbox.Records, h.Outbox.OldestAgeSeconds, h.Outbox.LastError)
	srv.Up(t)
	l.waitFor(t, 50)
	results, errs := l.finish()
	for _, err := range errs {
		t.Errorf("an execution failed: %v", err)
	}
	if r, err := d.WaitQuiet(t, 2*time.Minute); err != nil {
		t.Fatalf("%v (%s)", err, r)
	}
	found, total := exactlyOnce(t, store, okIDs(t, results), 0)
	t.Logf("%d executions through an outage: %d recorded, %d records in all", len(results), found, total)
}

// The supervisor SIGKILLed under load (with records waiting in its outbox,
// MongoDB being down), then started again on the same data directory and
// socket: the new one removes the dead one's runner cgroups, ships its
// outbox (each record once), and serves on the socket.
func TestSupervisorKilledUnderLoad(t *testing.T) {
	integration(t)
	srv := audittest.NewOutage(t)
	db := audittest.UniqueName("codexec_faults")
	store := openStore(t, srv.URI(), db)
	first := daemontest.Start(t, daemontest.Options{MongoURI: srv.URI(), MongoDB: db})
	ctx := context.Background()

	// Slow executions too, so that runners are busy when the kill comes.
	const clients = 8
	l := startLoad(first, clients, func(i int) wire.ExecuteRequest {
		if i%2 == 1 {
			return wire.ExecuteRequest{Code: "await new Promise((r) => setTimeout(r, 200)); return context.i * 2",
				Context: []byte(`{"i":` + strconv.Itoa(i) + `}`), AgentID: "faults"}
		}
		return quick(i)
	})
	l.waitFor(t, 40)
	srv.Down(t)
	l.waitFor(t, 60)
	waitBusy(t, first)
	first.Kill()
	oldPID := first.PID()
	time.Sleep(100 * time.Millisecond) // the clients see the daemon gone
	results, errs := l.finish()
	stale := daemontest.RunnerCgroups(t, oldPID)
	segments := outboxSegments(t, first.DataDir)
	t.Logf("killed with %d executions answered, %d requests failed (in flight, or refused after); left behind: %d runner cgroups, outbox segments %v",
		len(results), len(errs), len(stale), segments)
	if len(segments) == 0 {
		t.Errorf("no outbox segment left by the killed supervisor: the test did not kill it with records waiting")
	}
	srv.Up(t)

	second := daemontest.Start(t, daemontest.Options{MongoURI: srv.URI(), MongoDB: db, DataDir: first.DataDir, Socket: first.Socket})
	if left := daemontest.RunnerCgroups(t, oldPID); len(left) > 0 {
		t.Errorf("the dead supervisor's runner cgroups are still there: %v", left)
	}
	if procs := daemontest.ProcessesInCgroupsOf(oldPID); len(procs) > 0 {
		t.Errorf("processes of the dead supervisor's runners are still alive: %v", procs)
	}
	res, _, err := second.Execute(ctx, quick(1000))
	if err != nil || res.Status != result.OK || string(res.Output) != "2000" {
		t.Fatalf("an execution on the restarted daemon: %s %s %+v, %v", res.Status, res.Output, res.Error, err)
	}
	if r, err := second.WaitQuiet(t, 2*time.Minute); err != nil {
		t.Fatalf("%v (%s)", err, r)
	}
	ids := append(okIDs(t, results), res.ID)
	// At most one execution a client was in flight at the kill: each may
	// or may not have been recorded.
	found, total := exactlyOnce(t, store, ids, clients)
	t.Logf("after the restart: %d answered executions recorded (of %d), %d records in all",
		found, len(ids), total)
	if err := second.Stop(time.Minute); err != nil {
		t.Errorf("the restarted daemon exited with %v after SIGTERM, want 0", err)
	}
}

// waitBusy waits until the daemon has a runner that is not parked in its
// pool (an execution in flight).
func waitBusy(t *testing.T, d *daemontest.Daemon) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		h, err := d.Health(context.Background())
		if err == nil && h.Running > 0 && h.Pool != nil && len(testutil.Children(d.PID())) > h.Pool.Idle {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatal("no execution in flight to kill the daemon under")
}

// outboxSegments lists the outbox's segment files.
func outboxSegments(t *testing.T, dataDir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dataDir + "/outbox")
	if err != nil {
		t.Fatalf("the outbox: %v", err)
	}
	var out []string
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() {
			out = append(out, fmt.Sprintf("%s (%d bytes)", e.Name(), fi.Size()))
		}
	}
	return out
}
