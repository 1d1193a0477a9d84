package embedded

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"codexec/audit/schema"
	"codexec/result"
)

// FileName is the name of the database file in the data directory.
const FileName = "audit.db"

// Defaults of Options.
const (
	DefaultLockTimeout = 10 * time.Second
	DefaultIdleClose   = 200 * time.Millisecond
)

var (
	bucketRecords  = []byte("records")
	bucketTime     = []byte("time")
	bucketAgent    = []byte("agent")
	bucketFailures = []byte("failures")
	bucketHash     = []byte("hash")
	bucketMeta     = []byte("meta")
	allBuckets     = [][]byte{bucketRecords, bucketTime, bucketAgent, bucketFailures, bucketHash, bucketMeta}

	keyVersion = []byte("version")
	version    = []byte("1")
)

// Options configure a Store.
type Options struct {
	// LockTimeout is how long to wait for another process that holds the
	// file (DefaultLockTimeout when 0).
	LockTimeout time.Duration
	// IdleClose is how long the file stays open after its last use, so that
	// bursts share one open (DefaultIdleClose when 0; negative keeps it open
	// until Close, for a process that is the file's only user).
	IdleClose time.Duration
}

// Store is the embedded audit store. See the package documentation.
type Store struct {
	path string
	opts Options

	mu     sync.Mutex
	db     *bolt.DB
	users  int
	idle   *time.Timer
	closed bool
}

var _ schema.Store = (*Store)(nil)

// Open opens (creating it if needed) the store in file path, checks it, and
// leaves it closed until it is used.
func Open(path string, opts Options) (*Store, error) {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	if opts.IdleClose == 0 {
		opts.IdleClose = DefaultIdleClose
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create audit database directory: %w", err)
	}
	s := &Store{path: path, opts: opts}
	db, err := s.acquire(context.Background())
	if err != nil {
		return nil, err
	}
	defer s.release()
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		switch v := meta.Get(keyVersion); {
		case v == nil:
			return meta.Put(keyVersion, version)
		case !bytes.Equal(v, version):
			return fmt.Errorf("unknown layout version %q", v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("initialise audit database %s: %w", path, err)
	}
	return s, nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// acquire returns the open database, opening it if needed (waiting at
// most LockTimeout, and not past ctx, for another process's lock); every
// acquire is paired with a release.
func (s *Store) acquire(ctx context.Context) (*bolt.DB, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrClosed
	}
	if s.idle != nil {
		s.idle.Stop()
		s.idle = nil
	}
	if s.db == nil {
		deadline := time.Now().Add(s.opts.LockTimeout)
		for {
			db, err := bolt.Open(s.path, 0o600, &bolt.Options{
				Timeout:      lockPoll,
				FreelistType: bolt.FreelistMapType,
			})
			if errors.Is(err, bolterrors.ErrTimeout) {
				if cerr := ctx.Err(); cerr != nil {
					return nil, fmt.Errorf("open audit database %s: %w (%w)", s.path, ErrLocked, cerr)
				}
				if time.Now().Before(deadline) {
					continue
				}
				return nil, fmt.Errorf("open audit database %s: %w (waited %s)", s.path, ErrLocked, s.opts.LockTimeout)
			}
			if err != nil {
				return nil, fmt.Errorf("open audit database %s: %w", s.path, err)
			}
			s.db = db
			break
		}
	}
	s.users++
	return s.db, nil
}

// lockPoll is how long one attempt to lock the file waits; attempts repeat
// until LockTimeout or the caller's context ends.
const lockPoll = 100 * time.Millisecond

func (s *Store) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users--
	if s.users > 0 || s.db == nil || s.opts.IdleClose < 0 {
		return
	}
	var t *time.Timer
	t = time.AfterFunc(s.opts.IdleClose, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.idle == t && s.users == 0 && s.db != nil {
			_ = s.db.Close()
			s.db = nil
			s.idle = nil
		}
	})
	s.idle = t
}

func (s *Store) view(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	db, err := s.acquire(ctx)
	if err != nil {
		return err
	}
	defer s.release()
	return db.View(fn)
}

func (s *Store) update(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	db, err := s.acquire(ctx)
	if err != nil {
		return err
	}
	defer s.release()
	return db.Update(fn)
}

// Close closes the file (waiting for the operations in flight) and makes
// the Store unusable.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.idle != nil {
		s.idle.Stop()
		s.idle = nil
	}
	if s.db != nil {
		err := s.db.Close() // waits for open transactions
		s.db = nil
		return err
	}
	return nil
}

// Append implements schema.Store: one transaction (one fdatasync) for all
// of recs; ids already stored are skipped.
func (s *Store) Append(ctx context.Context, recs ...schema.Record) error {
	if len(recs) == 0 {
		return nil
	}
	type entry struct {
		rec  schema.Record
		data []byte
	}
	entries := make([]entry, 0, len(recs))
	for _, r := range recs {
		r.Normalize()
		if err := r.Validate(); err != nil {
			return err
		}
		data, err := schema.Marshal(&r)
		if err != nil {
			return err
		}
		entries = append(entries, entry{r, data})
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var stored, refused []schema.Record
	err := s.update(ctx, func(tx *bolt.Tx) error {
		stored, refused = nil, nil // a retried transaction starts again
		records := tx.Bucket(bucketRecords)
		for _, e := range entries {
			id := []byte(e.rec.ID)
			if v := records.Get(id); v != nil {
				if old, err := schema.Unmarshal(v); err == nil && !schema.SameExecution(&old, &e.rec) {
					stored, refused = append(stored, old), append(refused, e.rec)
				}
				continue
			}
			if err := records.Put(id, e.data); err != nil {
				return err
			}
			if err := putIndexes(tx, &e.rec); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("append to audit database: %w", err)
	}
	return schema.CollisionError(stored, refused)
}

// timeValue is the value of a "time" index entry: what Purge needs to
// delete the other index entries without reading the record.
type timeValue struct {
	Agent   string `json:"a"`
	Hash    string `json:"h"`
	Success bool   `json:"s"`
}

// agentValue is the value of an "agent" index entry: what AgentStats needs.
type agentValue struct {
	Host     string        `json:"h,omitempty"` // absent in entries written before host ids
	Language string        `json:"l"`
	Status   result.Status `json:"st"`
	Success  bool          `json:"s"`
	Timeout  bool          `json:"t"`
	Time     float64       `json:"et"`
	Calls    int64         `json:"tc,omitempty"` // tool calls
	Failed   int64         `json:"tf,omitempty"` // tool calls that failed
}

func putIndexes(tx *bolt.Tx, r *schema.Record) error {
	ts := r.ExecutedAt
	tv, _ := json.Marshal(timeValue{r.AgentID, r.CodeHash, r.Success})
	calls, failed := schema.ToolCounts(r.ToolCalls)
	av, _ := json.Marshal(agentValue{r.HostID, r.Language, r.Status, r.Success, r.TimeoutOccurred, r.ExecutionTime, calls, failed})
	if err := tx.Bucket(bucketTime).Put(indexKey(nil, ts, r.ID), tv); err != nil {
		return err
	}
	agent := prefix(r.AgentID)
	if err := tx.Bucket(bucketAgent).Put(indexKey(agent, ts, r.ID), av); err != nil {
		return err
	}
	if !r.Success {
		if err := tx.Bucket(bucketFailures).Put(indexKey(agent, ts, r.ID), nil); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketHash).Put(indexKey(prefix(r.CodeHash), ts, r.ID), nil)
}

// Get implements schema.Store.
func (s *Store) Get(ctx context.Context, id string) (schema.Record, error) {
	var rec schema.Record
	err := s.view(ctx, func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketRecords).Get([]byte(id))
		if v == nil {
			return fmt.Errorf("%w: %s", schema.ErrNotFound, id)
		}
		var err error
		rec, err = schema.Unmarshal(v)
		return err
	})
	if err != nil {
		return schema.Record{}, fmt.Errorf("get %s: %w", id, err)
	}
	return rec, nil
}

// History implements schema.Store. It walks the most selective index (code
// hash, then agent, then time) newest first and filters the rest in Go.
func (s *Store) History(ctx context.Context, f schema.Filter) ([]schema.Record, error) {
	f, err := f.Normalized()
	if err != nil {
		return nil, err
	}
	out := []schema.Record{}
	err = s.view(ctx, func(tx *bolt.Tx) error {
		var b *bolt.Bucket
		var pfx []byte
		switch {
		case f.CodeHash != "":
			b, pfx = tx.Bucket(bucketHash), prefix(f.CodeHash)
		case f.AgentID != "" && f.FailuresOnly:
			b, pfx = tx.Bucket(bucketFailures), prefix(f.AgentID)
		case f.AgentID != "":
			b, pfx = tx.Bucket(bucketAgent), prefix(f.AgentID)
		default:
			b = tx.Bucket(bucketTime)
		}
		records := tx.Bucket(bucketRecords)
		var ferr error
		scanDesc(b, pfx, f.Since, f.Until, func(k, _ []byte) bool {
			if ferr = ctx.Err(); ferr != nil {
				return false
			}
			id := k[len(pfx)+8:]
			v := records.Get(id)
			if v == nil {
				return true // an index entry without its record: never written so
			}
			rec, err := schema.Unmarshal(v)
			if err != nil {
				ferr = fmt.Errorf("record %s: %w", id, err)
				return false
			}
			if f.Match(&rec) {
				out = append(out, rec)
			}
			return len(out) < f.Limit
		})
		return ferr
	})
	if err != nil {
		return nil, fmt.Errorf("query audit history: %w", err)
	}
	return out, nil
}

// ByCodeHash implements schema.Store.
func (s *Store) ByCodeHash(ctx context.Context, codeHash string, limit int) ([]schema.Record, error) {
	return schema.ByCodeHash(ctx, s, codeHash, limit)
}

// RecentFailures implements schema.Store.
func (s *Store) RecentFailures(ctx context.Context, agentID, hostID string, limit int) ([]schema.Record, error) {
	return schema.RecentFailures(ctx, s, agentID, hostID, limit)
}

// AgentStats implements schema.Store from the agent index alone.
func (s *Store) AgentStats(ctx context.Context, agentID, hostID string) (schema.AgentStats, error) {
	if err := schema.CheckStatsQuery(agentID, hostID); err != nil {
		return schema.AgentStats{}, err
	}
	sb := schema.NewStatsBuilder(agentID, hostID)
	err := s.view(ctx, func(tx *bolt.Tx) error {
		var ferr error
		scanDesc(tx.Bucket(bucketAgent), prefix(agentID), time.Time{}, time.Time{}, func(k, v []byte) bool {
			var av agentValue
			if ferr = json.Unmarshal(v, &av); ferr != nil {
				return false
			}
			if hostID != "" && av.Host != hostID {
				return true
			}
			sb.AddGroup(av.Host, av.Language, av.Status, av.Success, av.Timeout, 1)
			sb.AddTime(av.Time)
			sb.AddToolCalls(av.Calls, av.Failed)
			return true
		})
		return ferr
	})
	if err != nil {
		return schema.AgentStats{}, fmt.Errorf("compute stats of agent %s: %w", agentID, err)
	}
	return sb.Stats(), nil
}

// purgeBatch bounds one purge transaction, so that appends are not held
// up behind a large purge.
const purgeBatch = 1000

// Purge implements schema.Store, oldest first, purgeBatch records per
// transaction.
func (s *Store) Purge(ctx context.Context, before time.Time) (int64, error) {
	var total int64
	cutoff := before.UTC()
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		n := 0
		err := s.update(ctx, func(tx *bolt.Tx) error {
			tb := tx.Bucket(bucketTime)
			type victim struct {
				key []byte
				tv  timeValue
			}
			var victims []victim
			c := tb.Cursor()
			for k, v := c.First(); k != nil && len(victims) < purgeBatch; k, v = c.Next() {
				if !decodeTime(k).Before(cutoff) {
					break
				}
				var tv timeValue
				if err := json.Unmarshal(v, &tv); err != nil {
					return fmt.Errorf("time index entry %x: %w", k, err)
				}
				victims = append(victims, victim{append([]byte(nil), k...), tv})
			}
			for _, vc := range victims {
				tsID := vc.key // ts(8) id
				id := tsID[8:]
				agent := prefix(vc.tv.Agent)
				for _, del := range []struct {
					b   []byte
					key []byte
				}{
					{bucketRecords, id},
					{bucketTime, tsID},
					{bucketAgent, append(append([]byte(nil), agent...), tsID...)},
					{bucketFailures, append(append([]byte(nil), agent...), tsID...)},
					{bucketHash, append(prefix(vc.tv.Hash), tsID...)},
				} {
					if err := tx.Bucket(del.b).Delete(del.key); err != nil {
						return err
					}
				}
			}
			n = len(victims)
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("purge audit records before %s: %w", cutoff.Format(time.RFC3339), err)
		}
		total += int64(n)
		if n < purgeBatch {
			return total, nil
		}
	}
}

// Count returns the number of stored records.
func (s *Store) Count(ctx context.Context) (int, error) {
	n := 0
	err := s.view(ctx, func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketRecords).Stats().KeyN
		return nil
	})
	return n, err
}

// prefix is a length-prefixed key part.
func prefix(s string) []byte {
	b := make([]byte, 2, 2+len(s)+8+32)
	binary.BigEndian.PutUint16(b, uint16(min(len(s), 0xffff)))
	return append(b, s...)
}

// indexKey is pfx, the time (order preserving) and the id.
func indexKey(pfx []byte, t time.Time, id string) []byte {
	k := make([]byte, 0, len(pfx)+8+len(id))
	k = append(k, pfx...)
	k = binary.BigEndian.AppendUint64(k, encodeMillis(t))
	return append(k, id...)
}

func encodeMillis(t time.Time) uint64 { return uint64(t.UnixMilli()) ^ (1 << 63) }

func decodeTime(k []byte) time.Time {
	return time.UnixMilli(int64(binary.BigEndian.Uint64(k[:8]) ^ (1 << 63))).UTC()
}

// scanDesc calls fn for the keys of b that start with pfx and whose time
// is in [since, until), newest first, until fn returns false.
func scanDesc(b *bolt.Bucket, pfx []byte, since, until time.Time, fn func(k, v []byte) bool) {
	c := b.Cursor()
	var k, v []byte
	var hi []byte
	if !until.IsZero() {
		hi = binary.BigEndian.AppendUint64(append([]byte(nil), pfx...), encodeMillis(until))
	} else {
		hi = successor(pfx)
	}
	if hi == nil {
		k, v = c.Last()
	} else if k, v = c.Seek(hi); k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	for ; k != nil && bytes.HasPrefix(k, pfx) && len(k) >= len(pfx)+8; k, v = c.Prev() {
		if !since.IsZero() && decodeTime(k[len(pfx):]).Before(since) {
			return
		}
		if !fn(k, v) {
			return
		}
	}
}

// successor is the smallest key greater than every key starting with p, or
// nil when there is none (p empty or all 0xff).
func successor(p []byte) []byte {
	s := append([]byte(nil), p...)
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0xff {
			s[i]++
			return s[:i+1]
		}
	}
	return nil
}
