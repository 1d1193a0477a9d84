package embedded

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"codexec/audit/audittest"
	"codexec/audit/schema"
)

func newStore(t *testing.T) schema.Store {
	s, err := Open(filepath.Join(t.TempDir(), FileName), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	audittest.RunStoreTests(t, newStore)
}

// Two Stores on one file, as two supervisor processes would have: each
// holds the file only while it uses it, so both work, and one that is kept
// out too long says so.
func TestSharedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	a, err := Open(path, Options{IdleClose: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path, Options{IdleClose: time.Millisecond})
	if err != nil {
		t.Fatalf("second Open while the first is idle: %v", err)
	}
	defer b.Close()
	impatient, err := Open(path, Options{IdleClose: time.Millisecond, LockTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer impatient.Close()
	ctx := context.Background()
	recs := audittest.Seed()
	for i, r := range recs {
		s := a
		if i%2 == 1 {
			s = b
		}
		if err := s.Append(ctx, r); err != nil {
			t.Fatalf("Append through store %d: %v", i%2, err)
		}
	}
	for _, s := range []*Store{a, b} {
		n, err := s.Count(ctx)
		if err != nil || n != len(recs) {
			t.Errorf("Count = %d, %v; want %d", n, err, len(recs))
		}
	}

	// A store kept open by its process keeps the others out; one that waits
	// only 200 ms gives up with a clear error.
	holder, err := Open(path, Options{IdleClose: -1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := holder.Count(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = impatient.Get(ctx, recs[0].ID)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Get while another store holds the file: %v, want ErrLocked", err)
	}
	t.Logf("error seen: %v", err)
	if err := holder.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Get(ctx, recs[0].ID); err != nil {
		t.Errorf("Get once the file is free: %v", err)
	}
}

func TestClosed(t *testing.T) {
	s := newStore(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(context.Background(), "x"); !errors.Is(err, ErrClosed) {
		t.Errorf("Get after Close: %v, want ErrClosed", err)
	}
}
