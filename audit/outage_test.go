package audit

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"codexec/audit/audittest"
	"codexec/audit/mongostore"
)

// MongoDB stops while executions are being recorded, and comes back: every
// record arrives, exactly once.
func TestMongoOutage(t *testing.T) {
	srv := audittest.NewOutage(t)
	check, coll := openCheck(t, srv.URI())
	r := open(t, Config{MongoURI: srv.URI(), MongoDB: "codexec_test", Collection: coll,
		ServerSelectionTimeout: time.Second, Logger: quiet})

	// An execution every few milliseconds, from another goroutine, for the
	// whole test.
	var sent atomic.Int64
	var sentIDs []string
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			id := fmt.Sprintf("exec_outage%05d", i)
			if err := r.Ready(); err != nil {
				done <- fmt.Errorf("Ready: %w", err)
				return
			}
			if err := r.Append(context.Background(), record(id, time.Now())); err != nil {
				done <- fmt.Errorf("Append: %w", err)
				return
			}
			mu.Lock()
			sentIDs = append(sentIDs, id)
			mu.Unlock()
			sent.Add(1)
			time.Sleep(2 * time.Millisecond)
		}
	}()
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for i := 0; !cond(); i++ {
			if i == 12000 {
				t.Fatalf("waited 2 minutes for %s; stats %+v", what, r.Stats())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor("100 records shipped", func() bool { return r.Stats().Shipped >= 100 })

	srv.Down(t)
	downAt := sent.Load()
	waitFor("failed shipments", func() bool { return r.Stats().ShipFailures >= 2 })
	waitFor("100 records appended during the outage", func() bool { return sent.Load() >= downAt+100 })
	during := r.Stats()
	if during.PendingRecords == 0 || during.LastError == "" || during.OldestPendingAge <= 0 {
		t.Errorf("during the outage: %+v; want records pending, their age, and the error", during)
	}

	srv.Up(t)
	upAt := sent.Load()
	waitFor("100 records appended after the outage", func() bool { return sent.Load() >= upAt+100 })
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	flush(t, r)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	mu.Lock()
	defer mu.Unlock()
	total, err := check.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	distinct, err := check.Count(ctx, sentIDs...)
	if err != nil {
		t.Fatal(err)
	}
	st := r.Stats()
	t.Logf("outage: records sent %d (%d while the server was down), found %d, duplicates %d; shipped %d, failed attempts %d",
		len(sentIDs), upAt-downAt, distinct, total-distinct, st.Shipped, st.ShipFailures)
	if distinct != int64(len(sentIDs)) || total != distinct {
		t.Errorf("sent %d records, found %d distinct of %d documents", len(sentIDs), distinct, total)
	}
	if st.PendingRecords != 0 {
		t.Errorf("%d records still pending", st.PendingRecords)
	}
}

// openCheck opens a fresh collection on the server for a test to read back
// what was shipped; it is dropped when the test ends.
func openCheck(t *testing.T, uri string) (*mongostore.Store, string) {
	t.Helper()
	coll := audittest.UniqueName("executions")
	check, err := mongostore.Open(mongostore.Options{URI: uri, Database: "codexec_test", Collection: coll, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = check.Drop(ctx)
		check.Close()
	})
	return check, coll
}
