package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"codexec/audit/audittest"
	"codexec/audit/mongostore"
)

// The test binary doubles as a helper process (a "supervisor" using a
// Recorder) when helperEnv names a role.
const helperEnv = "CODEXEC_AUDIT_TEST_HELPER"

func TestMain(m *testing.M) {
	if role := os.Getenv(helperEnv); role != "" {
		os.Exit(runHelper(role))
	}
	os.Exit(m.Run())
}

var quiet = slog.New(slog.DiscardHandler)

// testHost is the host id of the Recorders the tests open.
const testHost = "host-test"

// testLogger logs through t, so that failures show what the Recorder said.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(string(p[:len(p)-1]))
	return len(p), nil
}

var _ io.Writer = tWriter{}

// backend is a store the Recorder tests run against.
type backend struct {
	name string
	// config returns the store's part of a Config; for MongoDB a
	// collection of the test's own, dropped when it ends.
	config func(t *testing.T) Config
}

// backends lists the embedded store, and MongoDB when a server is
// configured (or required).
func backends() []backend {
	out := []backend{{"embedded", func(t *testing.T) Config { return Config{} }}}
	if os.Getenv(audittest.EnvURI) != "" || os.Getenv(audittest.EnvRequired) == "1" {
		out = append(out, backend{"mongodb", mongoConfig})
	}
	return out
}

func mongoConfig(t *testing.T) Config {
	uri := audittest.MongoURI(t)
	coll := audittest.UniqueName("executions")
	t.Cleanup(func() {
		s, err := mongostore.Open(mongostore.Options{URI: uri, Database: "codexec_test", Collection: coll, Logger: quiet})
		if err != nil {
			t.Error(err)
			return
		}
		defer s.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := s.Drop(ctx); err != nil {
			t.Errorf("drop %s: %v", coll, err)
		}
	})
	return Config{MongoURI: uri, MongoDB: "codexec_test", Collection: coll, ServerSelectionTimeout: 3 * time.Second}
}

// open opens a Recorder on cfg with test defaults (a temporary data
// directory, a small free-space floor) and closes it when the test ends.
func open(t *testing.T, cfg Config) *Recorder {
	t.Helper()
	if cfg.DataDir == "" {
		cfg.DataDir = t.TempDir()
	}
	if cfg.HostID == "" {
		cfg.HostID = testHost
	}
	if cfg.MinFreeBytes == 0 {
		cfg.MinFreeBytes = 1 << 20
	}
	if cfg.Retention == 0 {
		cfg.Retention = 10 * 365 * 24 * time.Hour // keep the seeded records
	}
	if cfg.Logger == nil {
		cfg.Logger = testLogger(t)
	}
	r, err := Open(cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := r.Close(ctx); err != nil && !errors.Is(err, ErrPending) {
			t.Errorf("Close: %v", err)
		}
	})
	return r
}

func flush(t *testing.T, r *Recorder) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := r.Flush(ctx); err != nil {
		t.Fatalf("Flush: %v (stats %+v)", err, r.Stats())
	}
}

// segmentFiles lists the outbox's segment files.
func segmentFiles(t *testing.T, dataDir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dataDir, "outbox", "*"+segSuffix))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// record is a small record with this id, executed at.
func record(id string, at time.Time) Record {
	r := audittest.Full(id, at)
	r.AgentID = "agent-rec"
	return r
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%04d", prefix, i)
	}
	return out
}
