package mongostore

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"codexec/audit/audittest"
	"codexec/audit/schema"
)

// open returns a store on a collection of its own, dropped when the test
// ends.
func open(t *testing.T, retention time.Duration, logger *slog.Logger) *Store {
	t.Helper()
	uri := audittest.MongoURI(t)
	s, err := Open(Options{
		URI:        uri,
		Database:   "codexec_test",
		Collection: audittest.UniqueName("executions"),
		Retention:  retention,
		Logger:     logger,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := s.Drop(ctx); err != nil {
			t.Errorf("drop test collection: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

var quiet = slog.New(slog.DiscardHandler)

func TestConformance(t *testing.T) {
	audittest.MongoURI(t) // skip, or fail when required, without a server
	audittest.RunStoreTests(t, func(t *testing.T) schema.Store {
		// A retention long enough that a server's TTL monitor never
		// deletes the seeded records (from 2025) under the test.
		s := open(t, 50*365*24*time.Hour, quiet)
		if err := s.EnsureIndexes(context.Background()); err != nil {
			t.Fatal(err)
		}
		return noClose{s}
	})
}

// noClose leaves the client open for the cleanup that drops the collection.
type noClose struct{ *Store }

func (n noClose) Close() error { return nil }

// The indexes of DESIGN.md exist; a server that refuses the TTL index says
// so loudly, and the store reports that the supervisor must purge.
func TestIndexes(t *testing.T) {
	var logs bytes.Buffer
	s := open(t, 30*24*time.Hour, slog.New(slog.NewTextHandler(&logs, nil)))
	ctx := context.Background()
	if err := s.EnsureIndexes(ctx); err != nil {
		t.Fatalf("EnsureIndexes: %v", err)
	}
	if err := s.EnsureIndexes(ctx); err != nil {
		t.Fatalf("EnsureIndexes again: %v", err)
	}
	cur, err := s.coll.Indexes().List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var specs []bson.M
	if err := cur.All(ctx, &specs); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bson.M{}
	for _, sp := range specs {
		var k []string
		for _, e := range sp["key"].(bson.D) {
			k = append(k, e.Key)
		}
		keys[joinKeys(k)] = sp
	}
	for _, want := range []string{"executedAt", "agentId,executedAt", "codeHash,executedAt", "agentId,success,executedAt", "hostId,executedAt", "agentId,hostId,executedAt"} {
		if _, ok := keys[want]; !ok {
			t.Errorf("no index on %s; have %v", want, specs)
		}
	}
	expires, known := s.ServerExpires()
	if !known {
		t.Fatal("ServerExpires unknown after EnsureIndexes")
	}
	ttl, hasTTL := keys["executedAt"]["expireAfterSeconds"]
	if expires != hasTTL {
		t.Errorf("ServerExpires = %v, but the index has expireAfterSeconds %v", expires, ttl)
	}
	if !expires && !bytes.Contains(logs.Bytes(), []byte("refused the TTL index")) {
		t.Errorf("TTL refused without an error log; logs:\n%s", logs.String())
	}
	t.Logf("server enforces the TTL itself: %v", expires)
}

func joinKeys(k []string) string {
	out := ""
	for i, s := range k {
		if i > 0 {
			out += ","
		}
		out += s
	}
	return out
}
