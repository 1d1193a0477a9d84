package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"codexec/audit/audittest"
	"codexec/audit/embedded"
	"codexec/config"
)

// Records go through the outbox to the store, whole, and the outbox is
// empty afterwards.
func TestRecorderAppend(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			for _, d := range []Durability{DurabilityBatch, DurabilitySync} {
				t.Run(string(d), func(t *testing.T) {
					cfg := be.config(t)
					cfg.Durability = d
					r := open(t, cfg)
					if err := r.Ready(); err != nil {
						t.Fatalf("Ready: %v", err)
					}
					seed := audittest.Seed()
					for _, rec := range seed {
						if err := r.Append(context.Background(), rec); err != nil {
							t.Fatalf("Append: %v", err)
						}
					}
					flush(t, r)
					st := r.Stats()
					if st.PendingRecords != 0 || st.Appended != uint64(len(seed)) || st.Shipped != uint64(len(seed)) {
						t.Errorf("stats after flush: %+v; want 0 pending, %d appended and shipped", st, len(seed))
					}
					for _, want := range seed {
						got, err := r.Get(context.Background(), want.ID)
						if err != nil {
							t.Fatalf("Get(%s): %v", want.ID, err)
						}
						want.HostID = testHost // the Recorder's, not the seed's
						if d := audittest.Equal(got, want); d != "" {
							t.Errorf("%s: %s", want.ID, d)
						}
					}
					stats, err := r.AgentStats(context.Background(), "agent-a", "")
					if err != nil || stats.TotalExecutions != 24 || stats.AvgTime != 3.875 {
						t.Errorf("AgentStats(agent-a) = %+v, %v", stats, err)
					}
					dir := r.DataDir()
					ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
					defer cancel()
					if err := r.Close(ctx); err != nil {
						t.Fatalf("Close: %v", err)
					}
					if segs := segmentFiles(t, dir); len(segs) != 0 {
						t.Errorf("segments left after a clean close: %v", segs)
					}
					if err := r.Append(context.Background(), seed[0]); !errors.Is(err, ErrClosed) {
						t.Errorf("Append after Close: %v, want ErrClosed", err)
					}
					if err := r.Ready(); !errors.Is(err, ErrClosed) {
						t.Errorf("Ready after Close: %v, want ErrClosed", err)
					}
				})
			}
		})
	}
}

// Any JSON output comes back exactly, through the outbox and each store.
// Under load, records go to the store in batches (Config.ShipCoalesce):
// a record appended after a quiet spell ships at once; records appended
// within the window after a pass wait for its end and go in one batch; a
// Flush does not wait for the window.
func TestShipCoalesce(t *testing.T) {
	const window = time.Second
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			cfg := be.config(t)
			cfg.ShipCoalesce = window
			r := open(t, cfg)
			seed := audittest.Seed()
			add := func(recs ...Record) {
				for _, rec := range recs {
					if err := r.Append(context.Background(), rec); err != nil {
						t.Fatalf("Append: %v", err)
					}
				}
			}
			waitShipped := func(n uint64, within time.Duration) time.Duration {
				start := time.Now()
				for r.Stats().Shipped < n {
					if time.Since(start) > within {
						t.Fatalf("%d records shipped after %s, want %d (stats %+v)", r.Stats().Shipped, within, n, r.Stats())
					}
					time.Sleep(time.Millisecond)
				}
				return time.Since(start)
			}
			time.Sleep(window + 100*time.Millisecond) // quiet since Open's pass

			add(seed[0])
			if took := waitShipped(1, window/2); took > window/2 {
				t.Errorf("a record after a quiet spell took %s to ship", took)
			}

			b0 := r.Stats().Batches
			add(seed[1:21]...)
			time.Sleep(window / 4)
			if st := r.Stats(); st.Shipped != 1 {
				t.Errorf("%d records shipped inside the window, want them held", st.Shipped-1)
			}
			waitShipped(21, 2*window)
			if st := r.Stats(); st.Batches != b0+1 {
				t.Errorf("20 records inside the window took %d batches, want 1", st.Batches-b0)
			}

			add(seed[21])
			ctx, cancel := context.WithTimeout(context.Background(), window/2)
			defer cancel()
			if err := r.Flush(ctx); err != nil || r.Stats().Shipped != 22 {
				t.Errorf("Flush inside the window: %v, %d shipped", err, r.Stats().Shipped)
			}
		})
	}
}

func TestRecorderOutputRoundTrip(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			r := open(t, be.config(t))
			var want []Record
			for i, tc := range audittest.OutputCases {
				rec := record(fmt.Sprintf("exec_rt%02d", i), audittest.Base)
				rec.Output = json.RawMessage(tc.JSON)
				rec.HostID = "a-caller-cannot-choose-this"
				if err := r.Append(context.Background(), rec); err != nil {
					t.Fatalf("%s: Append: %v", tc.Name, err)
				}
				rec.HostID = testHost // the Recorder's, stamped over the caller's
				rec.Normalize()
				want = append(want, rec)
			}
			flush(t, r)
			for i, w := range want {
				got, err := r.Get(context.Background(), w.ID)
				if err != nil {
					t.Fatalf("%s: Get: %v", audittest.OutputCases[i].Name, err)
				}
				if d := audittest.Equal(got, w); d != "" {
					t.Errorf("%s: %s", audittest.OutputCases[i].Name, d)
				}
			}
		})
	}
}

// Concurrent synchronous appends share fsyncs: appends that wait while an
// fsync runs are all covered by the next one.
func TestGroupCommit(t *testing.T) {
	r := open(t, Config{Durability: DurabilitySync})
	if err := r.Ready(); err != nil { // creates the segment
		t.Fatal(err)
	}
	r.ob.mu.Lock()
	seg := r.ob.active
	r.ob.mu.Unlock()
	const n = 16
	seg.syncMu.Lock() // an fsync "in progress"
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- r.Append(context.Background(), record(fmt.Sprintf("exec_gc%02d", i), audittest.Base))
		}()
	}
	for r.ob.stats().PendingRecords+int(r.Stats().Shipped) < n { // all written, all waiting
		time.Sleep(time.Millisecond)
	}
	before := seg.synced.Load()
	seg.syncMu.Unlock()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := r.ob.fsyncs.Load(); got != 1 {
		t.Errorf("%d fsyncs for %d appends waiting together, want 1", got, n)
	}
	if seg.synced.Load() <= before || seg.synced.Load() != seg.size.Load() {
		t.Errorf("synced %d, size %d", seg.synced.Load(), seg.size.Load())
	}
}

// lockStore keeps the embedded store's file locked, as another process
// would, so that nothing can be shipped to it; unlock lets go.
func lockStore(t *testing.T, dataDir string) (unlock func()) {
	t.Helper()
	db, err := bolt.Open(filepath.Join(dataDir, embedded.FileName), 0o600, &bolt.Options{Timeout: 30 * time.Second})
	if err != nil {
		t.Fatalf("lock the store: %v", err)
	}
	var once sync.Once
	unlock = func() { once.Do(func() { db.Close() }) }
	t.Cleanup(unlock)
	return unlock
}

// A full outbox refuses new executions with a clear error, still records
// the executions it admitted (up to the hard limit), and takes executions
// again once the store has the records. No record is lost.
func TestOutboxFull(t *testing.T) {
	const max = 1 << 20
	r := open(t, Config{MaxOutboxBytes: max, LockTimeout: 200 * time.Millisecond, Logger: quiet})
	unlock := lockStore(t, r.DataDir())

	big := record("exec_big", audittest.Base)
	big.Output = json.RawMessage(`"` + strings.Repeat("x", 100<<10) + `"`)
	var appended []string
	var readyErr error
	for i := 0; i < 100; i++ {
		if readyErr = r.Ready(); readyErr != nil {
			break
		}
		big.ID = fmt.Sprintf("exec_full%03d", i)
		if err := r.Append(context.Background(), big); err != nil {
			t.Fatalf("Append of an admitted execution: %v", err)
		}
		appended = append(appended, big.ID)
	}
	if !errors.Is(readyErr, ErrOutboxFull) || !errors.Is(readyErr, ErrNotReady) {
		t.Fatalf("Ready with %d records waiting: %v, want ErrOutboxFull", len(appended), readyErr)
	}
	for _, want := range []string{"outbox full", "wait to be shipped", "the limit is 1.0 MiB"} {
		if !strings.Contains(readyErr.Error(), want) {
			t.Errorf("Ready's error %q does not say %q", readyErr, want)
		}
	}
	t.Logf("refused after %d records: %v", len(appended), readyErr)
	if st := r.Stats(); st.PendingBytes < max || st.PendingRecords != len(appended) {
		t.Errorf("stats: %+v", st)
	}

	// Executions admitted before the limit are still recorded, up to a
	// quarter more; then Append refuses too.
	var appendErr error
	for i := 0; i < 10; i++ {
		big.ID = fmt.Sprintf("exec_late%03d", i)
		if appendErr = r.Append(context.Background(), big); appendErr != nil {
			break
		}
		appended = append(appended, big.ID)
	}
	if !errors.Is(appendErr, ErrOutboxFull) || !strings.Contains(appendErr.Error(), "hard limit") {
		t.Fatalf("Append past the hard limit: %v, want ErrOutboxFull", appendErr)
	}

	unlock()
	flush(t, r)
	if err := r.Ready(); err != nil {
		t.Errorf("Ready once shipped: %v", err)
	}
	for _, id := range appended {
		if _, err := r.Get(context.Background(), id); err != nil {
			t.Errorf("Get(%s): %v", id, err)
		}
	}
	st := r.Stats()
	if st.Shipped != uint64(len(appended)) || st.PendingRecords != 0 {
		t.Errorf("shipped %d of %d, %d pending", st.Shipped, len(appended), st.PendingRecords)
	}
}

// Two Recorders on one data directory (two supervisor processes) append
// to segments of their own and never adopt each other's.
func TestSharedDataDir(t *testing.T) {
	dir := t.TempDir()
	a := open(t, Config{DataDir: dir})
	b := open(t, Config{DataDir: dir})
	var wg sync.WaitGroup
	for i, r := range []*Recorder{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if err := r.Append(context.Background(), record(fmt.Sprintf("exec_p%d_%02d", i, j), audittest.Base)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	flush(t, a)
	flush(t, b)
	for _, r := range []*Recorder{a, b} {
		if st := r.Stats(); st.Adopted != 0 || st.Shipped != 50 {
			t.Errorf("a live process's segment was adopted: %+v", st)
		}
	}
	n, err := a.AgentStats(context.Background(), "agent-rec", "")
	if err != nil || n.TotalExecutions != 100 {
		t.Errorf("stored: %d, %v; want 100", n.TotalExecutions, err)
	}
}

// Records left by a process whose store was down are shipped by the next
// process that opens the data directory.
func TestLeftoversShippedByNextProcess(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			dir := t.TempDir()
			down := Config{DataDir: dir, MongoURI: "mongodb://127.0.0.1:1/?directConnection=true", ServerSelectionTimeout: 200 * time.Millisecond, Logger: quiet}
			first, err := Open(down)
			if err != nil {
				t.Fatal(err)
			}
			want := ids("exec_left", 20)
			for _, id := range want {
				if err := first.Append(context.Background(), record(id, audittest.Base)); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			err = first.Close(ctx)
			cancel()
			if !errors.Is(err, ErrPending) || !strings.Contains(err.Error(), "20 records") {
				t.Fatalf("Close with the store down: %v, want ErrPending naming 20 records", err)
			}
			if segs := segmentFiles(t, dir); len(segs) != 1 {
				t.Fatalf("segments left: %v, want 1", segs)
			}

			cfg := be.config(t)
			cfg.DataDir = dir
			next := open(t, cfg)
			flush(t, next)
			st := next.Stats()
			if st.Adopted != 20 || st.Shipped != 20 {
				t.Errorf("next process: adopted %d, shipped %d; want 20, 20", st.Adopted, st.Shipped)
			}
			for _, id := range want {
				if _, err := next.Get(context.Background(), id); err != nil {
					t.Errorf("Get(%s): %v", id, err)
				}
			}
			if segs := segmentFiles(t, dir); len(segs) != 0 {
				t.Errorf("segments left after shipping: %v", segs)
			}
		})
	}
}

// Records older than the retention are purged, by the Recorder itself
// where the store does not expire them; younger ones stay.
func TestRetention(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			cfg := be.config(t)
			cfg.DataDir = t.TempDir()
			cfg.Retention = 10 * 365 * 24 * time.Hour
			first := open(t, cfg)
			now := time.Now()
			ages := map[string]time.Duration{
				"exec_d400": 400 * 24 * time.Hour, "exec_d31": 31 * 24 * time.Hour,
				"exec_d29": 29 * 24 * time.Hour, "exec_h1": time.Hour,
			}
			for id, age := range ages {
				if err := first.Append(context.Background(), record(id, now.Add(-age))); err != nil {
					t.Fatal(err)
				}
			}
			flush(t, first)
			if err := first.Close(context.Background()); err != nil {
				t.Fatal(err)
			}

			cfg.Retention = 30 * 24 * time.Hour
			r := open(t, cfg)
			flush(t, r) // the first pass purges where the store does not expire
			if st := r.Stats(); st.ServerExpires {
				// MongoDB's TTL monitor runs once a minute; purge now.
				if _, err := r.PurgeExpired(context.Background()); err != nil {
					t.Fatal(err)
				}
			} else if st.Purged != 2 {
				t.Errorf("the Recorder purged %d records by itself, want 2", st.Purged)
			}
			for id, age := range ages {
				_, err := r.Get(context.Background(), id)
				if age > cfg.Retention && !errors.Is(err, ErrNotFound) {
					t.Errorf("%s, %s old: %v, want ErrNotFound", id, age, err)
				}
				if age < cfg.Retention && err != nil {
					t.Errorf("%s, %s old: %v, want it kept", id, age, err)
				}
			}
		})
	}
}

// Damaged bytes in a leftover segment (a torn write) cost only the damaged
// record: the valid frames around it are shipped.
func TestDamagedSegment(t *testing.T) {
	dir := t.TempDir()
	first := open(t, Config{DataDir: dir, MongoURI: "mongodb://127.0.0.1:1/?directConnection=true", ServerSelectionTimeout: 100 * time.Millisecond, Logger: quiet})
	for _, id := range ids("exec_dmg", 3) {
		if err := first.Append(context.Background(), record(id, audittest.Base)); err != nil {
			t.Fatal(err)
		}
	}
	first.ob.mu.Lock()
	seg := first.ob.active
	frames := append([]frame(nil), seg.pending...)
	path := filepath.Join(first.ob.dir, seg.name)
	first.ob.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	_ = first.Close(ctx)
	cancel()

	// Damage the middle record, and add half a frame at the end.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("garbage!"), frames[1].off+frameHeaderSize+10); err != nil {
		t.Fatal(err)
	}
	tail := make([]byte, frames[0].size()/2)
	if _, err := f.ReadAt(tail, frames[0].off); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(tail, frames[2].end); err != nil {
		t.Fatal(err)
	}
	f.Close()

	next := open(t, Config{DataDir: dir, Logger: quiet})
	flush(t, next)
	for i, id := range ids("exec_dmg", 3) {
		_, err := next.Get(context.Background(), id)
		if i == 1 && !errors.Is(err, ErrNotFound) {
			t.Errorf("the damaged record %s: %v, want ErrNotFound", id, err)
		}
		if i != 1 && err != nil {
			t.Errorf("the intact record %s: %v", id, err)
		}
	}
	if st := next.Stats(); st.Corrupt != 1 || st.Shipped != 2 {
		t.Errorf("stats: corrupt %d, shipped %d; want 1, 2", st.Corrupt, st.Shipped)
	}
}

func TestConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"defaults", Config{DataDir: "x"}, true},
		{"sync", Config{DataDir: "x", Durability: "sync"}, true},
		{"unknown durability", Config{DataDir: "x", Durability: "eventually"}, false},
		{"short retention", Config{DataDir: "x", Retention: time.Second}, false},
		{"tiny outbox", Config{DataDir: "x", MaxOutboxBytes: 10}, false},
		{"negative interval", Config{DataDir: "x", FlushInterval: -time.Second}, false},
		{"host id", Config{DataDir: "x", HostID: "node-7.example.com"}, true},
		{"host id with a space", Config{DataDir: "x", HostID: "node 7"}, false},
		{"host id with a control", Config{DataDir: "x", HostID: "node\x1b"}, false},
		{"host id too long", Config{DataDir: "x", HostID: strings.Repeat("n", 254)}, false},
		{"MongoDB options", Config{DataDir: "x", MongoURI: "mongodb://db/?replicaSet=rs0&w=majority", Mongo: config.MongoOptions{W: "majority", TimeoutMS: 1000}}, true},
		{"MongoDB options the URI contradicts", Config{DataDir: "x", MongoURI: "mongodb://db/?w=1", Mongo: config.MongoOptions{W: "majority"}}, false},
		{"MongoDB options out of bounds", Config{DataDir: "x", MongoURI: "mongodb://db/", Mongo: config.MongoOptions{ReadPreference: "anywhere"}}, false},
		{"w=0 in the URI", Config{DataDir: "x", MongoURI: "mongodb://db/?w=0"}, false},
		{"MongoDB options without MongoDB", Config{DataDir: "x", Mongo: config.MongoOptions{W: "2"}}, false},
	}
	for _, tt := range tests {
		_, err := tt.cfg.withDefaults()
		if (err == nil) != tt.ok {
			t.Errorf("%s: withDefaults() = %v, want ok %v", tt.name, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v does not wrap ErrConfig", tt.name, err)
		}
	}
}

func TestDefaultDataDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	got := DefaultDataDir(env(map[string]string{"XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}))
	if os.Geteuid() == 0 {
		if got != "/var/lib/codexec" {
			t.Errorf("root: %s, want /var/lib/codexec", got)
		}
		return
	}
	if got != "/xdg/codexec" {
		t.Errorf("with XDG_DATA_HOME: %s", got)
	}
	if got := DefaultDataDir(env(map[string]string{"HOME": "/home/u"})); got != "/home/u/.local/share/codexec" {
		t.Errorf("with HOME only: %s", got)
	}
}

// The host id defaults to the host name, a bad one is refused at Open with
// a message that says how to give one.
func TestConfigHostID(t *testing.T) {
	c, err := Config{DataDir: "x"}.withDefaults()
	if hn, herr := os.Hostname(); herr == nil && CheckHostID(hn) == nil {
		if err != nil || c.HostID != hn {
			t.Errorf("default host id %q, %v; want the host name %q", c.HostID, err, hn)
		}
	}
	_, err = Open(Config{DataDir: t.TempDir(), HostID: "two words"})
	if !errors.Is(err, ErrConfig) || !errors.Is(err, ErrInvalidHostID) || !strings.Contains(err.Error(), `' ' (U+0020) at character index 3`) {
		t.Errorf("Open with a bad host id: %v", err)
	}
}
