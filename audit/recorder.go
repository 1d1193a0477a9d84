package audit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"codexec/audit/embedded"
	"codexec/audit/mongostore"
	"codexec/audit/schema"
)

// Store kinds, as Stats reports them.
const (
	KindEmbedded = "embedded"
	KindMongoDB  = "mongodb"
)

// Shipping parameters.
const (
	shipBatchRecords = 256
	shipBatchBytes   = 8 << 20
	shipTimeout      = 30 * time.Second
	minBackoff       = 100 * time.Millisecond
	maxBackoff       = 5 * time.Second
)

// Recorder is the audit trail as the supervisor uses it: Ready before an
// execution runs, Append after, queries, Stats, Close. See the package
// documentation.
type Recorder struct {
	cfg   Config
	log   *slog.Logger
	kind  string
	store schema.Store
	ob    *outbox

	stop     chan struct{} // closed by Close: background work ends
	shipCtx  context.Context
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	kick     chan struct{} // ask the shipper for a pass, with a scan
	closing  atomic.Bool
	closeErr error
	once     sync.Once

	passMu   sync.Mutex
	passDone chan struct{} // closed at the end of the shipper's next pass
	passErr  error         // the last pass's error

	appended     atomic.Uint64
	shippedN     atomic.Uint64
	batches      atomic.Uint64
	shipFailures atomic.Uint64
	purgedN      atomic.Uint64
	collisions   atomic.Uint64
	lastShipped  atomic.Int64 // unix ns
	mu           sync.Mutex   // guards lastErr
	lastErr      string
}

// Open opens the audit trail cfg describes: the store (MongoDB when
// cfg.MongoURI is set, else the embedded store in cfg.DataDir) behind the
// outbox in cfg.DataDir/outbox. It starts the background shipper, which
// first adopts whatever other, dead, processes left in the outbox. Open
// does not wait for MongoDB: records wait in the outbox until it answers.
func Open(cfg Config) (*Recorder, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	log := cfg.Logger.With("component", "audit")
	ob, err := newOutbox(cfg)
	if err != nil {
		return nil, err
	}
	r := &Recorder{cfg: cfg, log: log, ob: ob, stop: make(chan struct{}), kick: make(chan struct{}, 1), passDone: make(chan struct{})}
	if cfg.MongoURI != "" {
		r.kind = KindMongoDB
		r.store, err = mongostore.Open(mongostore.Options{
			URI:                    cfg.MongoURI,
			Database:               cfg.MongoDB,
			Collection:             cfg.Collection,
			Retention:              cfg.Retention,
			ServerSelectionTimeout: cfg.ServerSelectionTimeout,
			Client:                 cfg.Mongo,
			Logger:                 cfg.Logger,
		})
	} else {
		r.kind = KindEmbedded
		r.store, err = embedded.Open(filepath.Join(cfg.DataDir, embedded.FileName), embedded.Options{LockTimeout: cfg.LockTimeout})
	}
	if err != nil {
		return nil, fmt.Errorf("open the %s audit store: %w", r.kind, classify(err))
	}
	r.shipCtx, r.cancel = context.WithCancel(context.Background())
	r.wg.Add(1)
	go r.shipLoop()
	if cfg.Durability == DurabilityBatch {
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			ob.flushLoop(r.stop)
		}()
	}
	return r, nil
}

// HostID is the host id this Recorder stamps on every record it appends.
func (r *Recorder) HostID() string { return r.cfg.HostID }

// Kind is KindMongoDB or KindEmbedded.
func (r *Recorder) Kind() string { return r.kind }

// DataDir is the directory of the outbox and the embedded store.
func (r *Recorder) DataDir() string { return r.cfg.DataDir }

// Store is the store behind the outbox, for queries.
func (r *Recorder) Store() Store { return r.store }

// Ready reports whether an execution may run now: nil, or an error
// wrapping ErrNotReady (and ErrOutboxFull, ErrDiskFull or ErrReadOnly where
// it applies) that says why. It costs a statfs and an access check; the
// service calls it before running any code, so that nothing runs unaudited.
func (r *Recorder) Ready() error {
	if r.closing.Load() {
		return ErrClosed
	}
	return r.ob.ready()
}

// Append writes rec to the outbox; when it returns nil the record survives
// a crash of this process (and, with DurabilitySync, of the machine), and
// the shipper will deliver it to the store. rec's hostId is set to the
// Recorder's (Config.HostID) and rec is normalized (see Record.Normalize). Append refuses a record only when the outbox cannot
// take it: ErrOutboxFull past the hard limit, a failed write, ErrClosed.
func (r *Recorder) Append(ctx context.Context, rec Record) error {
	if r.closing.Load() {
		return ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// The host is this supervisor's, whatever the caller put there.
	rec.HostID = r.cfg.HostID
	rec.Normalize()
	if err := rec.Validate(); err != nil {
		return err
	}
	payload, err := schema.Marshal(&rec)
	if err != nil {
		return err
	}
	seg, end, err := r.ob.append(payload, time.Now())
	if err != nil {
		return fmt.Errorf("record execution %s: %w", rec.ID, err)
	}
	r.appended.Add(1)
	if r.cfg.Durability == DurabilitySync {
		if err := r.ob.syncTo(seg, end); err != nil {
			return fmt.Errorf("record execution %s: %w", rec.ID, err)
		}
	}
	return nil
}

// Flush waits until the outbox is empty: every record appended so far, and
// every record found in segments left by dead processes, is in the store.
// It returns ctx's error when that does not happen in time (the records
// stay in the outbox).
func (r *Recorder) Flush(ctx context.Context) error {
	for i := 0; ; i++ {
		r.passMu.Lock()
		done := r.passDone
		r.passMu.Unlock()
		if i == 0 {
			signal(r.kick) // a pass now, with a scan; later ones keep the backoff
		}
		select {
		case <-done:
		case <-ctx.Done():
			return r.flushError(ctx.Err())
		case <-r.stop: // closed: no shipper any more
			return r.flushError(ErrClosed)
		}
		if r.ob.stats().PendingRecords == 0 {
			return nil
		}
	}
}

func (r *Recorder) flushError(cause error) error {
	st := r.ob.stats()
	if st.PendingRecords == 0 {
		return nil
	}
	r.mu.Lock()
	last := r.lastErr
	r.mu.Unlock()
	if last == "" && cause != nil {
		last = cause.Error()
	}
	return fmt.Errorf("%w: %d records (%s) in %s wait for the %s store (%s); the next supervisor process ships them",
		ErrPending, st.PendingRecords, fmtBytes(st.PendingBytes), r.ob.dir, r.kind, last)
}

// Close stops new appends, fsyncs the outbox, ships what it can within
// ctx (DefaultCloseTimeout when ctx has no deadline), and releases the
// outbox and the store. Records it could not ship stay in the outbox for
// the next supervisor process; Close then returns an error wrapping
// ErrPending. Close is idempotent.
func (r *Recorder) Close(ctx context.Context) error {
	r.once.Do(func() {
		r.closing.Store(true)
		r.ob.stopAppends()
		var errs []error
		if err := r.ob.syncAll(); err != nil {
			errs = append(errs, err)
		}
		if _, ok := ctx.Deadline(); !ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, DefaultCloseTimeout)
			defer cancel()
		}
		ferr := r.Flush(ctx)
		close(r.stop)
		r.cancel()
		r.wg.Wait()
		if ferr != nil {
			ferr = r.flushError(ferr) // counted after the shipper stopped
		}
		r.ob.release()
		if err := r.store.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close the %s audit store: %w", r.kind, err))
		}
		if ferr != nil {
			r.log.Warn("audit: records left in the outbox", "error", ferr)
			errs = append(errs, ferr)
		}
		r.closeErr = errors.Join(errs...)
	})
	return r.closeErr
}

// shipLoop is the shipper: it adopts leftover segments, ships batches,
// retries with backoff, and purges expired records where the store does
// not.
func (r *Recorder) shipLoop() {
	defer r.wg.Done()
	ctx := r.shipCtx
	backoff := time.Duration(0)
	nextScan := time.Time{}
	nextPurge := time.Time{}
	scanNow := true
	var lastPass time.Time
	for {
		lastPass = time.Now()
		if scanNow || !time.Now().Before(nextScan) {
			if err := r.ob.scan(); err != nil {
				r.log.Error("audit: cannot adopt leftover outbox segments", "error", err)
			}
			nextScan = time.Now().Add(r.cfg.ScanInterval)
			scanNow = false
		}
		err := r.shipAll(ctx)
		if err == nil && r.cfg.PurgeInterval > 0 && !time.Now().Before(nextPurge) {
			nextPurge = time.Now().Add(r.cfg.PurgeInterval)
			switch need, known := r.purgeNeeded(ctx); {
			case need:
				if _, perr := r.PurgeExpired(ctx); perr != nil && ctx.Err() == nil {
					r.log.Error("audit: retention purge failed", "error", perr)
				}
			case !known:
				nextPurge = time.Now().Add(time.Minute) // ask the server again soon
			}
		}
		r.endPass(err)

		var wait <-chan time.Time
		notify := r.ob.notify
		if err != nil {
			notify = nil // new records wait for the backoff, not trigger attempts
			if ctx.Err() != nil {
				return
			}
			backoff = min(max(2*backoff, minBackoff), maxBackoff)
			d := backoff/2 + rand.N(backoff/2+1) // jitter
			wait = time.After(d)
		} else {
			backoff = 0
			wait = time.After(time.Until(nextScan))
			if r.cfg.PurgeInterval > 0 {
				wait = time.After(min(time.Until(nextScan), time.Until(nextPurge)))
			}
		}
		select {
		case <-notify:
			if d := time.Until(lastPass.Add(r.cfg.ShipCoalesce)); d > 0 {
				t := time.NewTimer(d)
				select {
				case <-t.C:
				case <-r.kick:
					scanNow = true
				case <-r.stop:
					t.Stop()
					return
				}
				t.Stop()
			}
		case <-r.kick:
			scanNow = true
		case <-wait:
		case <-r.stop:
			// One last pass happens in Close's Flush; leave now.
			return
		}
	}
}

func (r *Recorder) endPass(err error) {
	r.passMu.Lock()
	r.passErr = err
	close(r.passDone)
	r.passDone = make(chan struct{})
	r.passMu.Unlock()
}

// shipAll ships every pending record, oldest segment first.
func (r *Recorder) shipAll(ctx context.Context) error {
	if len(r.ob.segments()) == 0 {
		return nil
	}
	if ix, ok := r.store.(*mongostore.Store); ok {
		ictx, cancel := context.WithTimeout(ctx, shipTimeout)
		err := ix.EnsureIndexes(ictx)
		cancel()
		if err != nil {
			return r.shipFailed(err)
		}
	}
	for _, s := range r.ob.segments() {
		for {
			frames, payloads, err := r.ob.next(s, shipBatchRecords, shipBatchBytes)
			if err != nil {
				return r.shipFailed(err)
			}
			if len(frames) == 0 {
				break
			}
			recs := make([]schema.Record, 0, len(frames))
			for i, p := range payloads {
				rec, err := schema.Unmarshal(p)
				if p == nil || err != nil {
					r.ob.corrupt.Add(1)
					r.log.Error("audit: a record in the outbox is damaged and cannot be shipped",
						"segment", s.name, "offset", frames[i].off, "error", err)
					continue
				}
				recs = append(recs, rec)
			}
			bctx, cancel := context.WithTimeout(ctx, shipTimeout)
			err = r.store.Append(bctx, recs...)
			cancel()
			var coll *schema.IDCollisionError
			if errors.As(err, &coll) {
				// The store took the batch but for records whose id
				// another execution holds: shipping them again cannot
				// help. Say so loudly, count them, and go on.
				r.collisions.Add(uint64(len(coll.Refused)))
				r.log.Error("audit: execution id collision: records not stored", "records", len(coll.Refused), "error", err)
				err = nil
			}
			if err != nil {
				return r.shipFailed(err)
			}
			r.ob.shipped(s, len(frames))
			r.shippedN.Add(uint64(len(recs)))
			r.batches.Add(1)
			r.lastShipped.Store(time.Now().UnixNano())
			r.mu.Lock()
			r.lastErr = ""
			r.mu.Unlock()
		}
	}
	return nil
}

func (r *Recorder) shipFailed(err error) error {
	if r.shipCtx.Err() != nil {
		return err
	}
	n := r.shipFailures.Add(1)
	r.mu.Lock()
	first := r.lastErr == ""
	r.lastErr = err.Error()
	r.mu.Unlock()
	st := r.ob.stats()
	if first || n%100 == 0 {
		r.log.Warn("audit: cannot ship records to the store; they wait in the outbox",
			"store", r.kind, "pending", st.PendingRecords, "failures", n, "error", err)
	}
	return err
}

// purgeNeeded reports whether the Recorder must purge expired records
// itself: always for the embedded store; for MongoDB when the server
// refused the TTL index, which the first EnsureIndexes tells (known is false
// until then).
func (r *Recorder) purgeNeeded(ctx context.Context) (need, known bool) {
	ms, ok := r.store.(*mongostore.Store)
	if !ok {
		return true, true
	}
	if _, known := ms.ServerExpires(); !known {
		ictx, cancel := context.WithTimeout(ctx, shipTimeout)
		err := ms.EnsureIndexes(ictx)
		cancel()
		if err != nil {
			r.log.Debug("audit: MongoDB indexes not created yet", "error", err)
			return false, false
		}
	}
	expires, _ := ms.ServerExpires()
	return !expires, true
}

// PurgeExpired deletes the records older than the retention and returns
// how many it deleted. The Recorder calls it by itself every
// Config.PurgeInterval where the store does not expire records.
func (r *Recorder) PurgeExpired(ctx context.Context) (int64, error) {
	cutoff := time.Now().Add(-r.cfg.Retention)
	n, err := r.store.Purge(ctx, cutoff)
	if n > 0 {
		r.purgedN.Add(uint64(n))
		r.log.Info("audit: purged expired records", "records", n, "before", cutoff.UTC().Format(time.RFC3339))
	}
	return n, err
}

// Stats describes the audit trail's machinery: what waits in the outbox
// and how shipping goes.
type Stats struct {
	Store      string     `json:"store"` // KindMongoDB or KindEmbedded
	Durability Durability `json:"durability"`
	OutboxStats
	OldestPendingAge time.Duration `json:"-"`                       // 0 when nothing waits
	OldestPendingSec float64       `json:"oldestPendingAgeSeconds"` // the same, in seconds
	Appended         uint64        `json:"appended"`                // records appended by this Recorder
	Shipped          uint64        `json:"shipped"`                 // records this Recorder delivered to the store
	Batches          uint64        `json:"batches"`                 // the deliveries they took (Config.ShipCoalesce)
	Adopted          uint64        `json:"adopted"`                 // records found in segments left by dead processes
	ShipFailures     uint64        `json:"shipFailures"`            // failed attempts to deliver a batch
	Corrupt          uint64        `json:"corrupt"`                 // damaged frames found in the outbox
	Purged           uint64        `json:"purged"`                  // records deleted by retention purges
	Collisions       uint64        `json:"collisions"`              // records not stored: another execution holds their id (ErrIDCollision)
	LastShipped      time.Time     `json:"lastShipped,omitzero"`
	LastError        string        `json:"lastError,omitempty"` // the last shipping error, until a batch ships
	ServerExpires    bool          `json:"serverExpires"`       // the store deletes expired records itself (MongoDB TTL)
}

// Stats returns the current figures; it is cheap.
func (r *Recorder) Stats() Stats {
	st := Stats{
		Store:        r.kind,
		Durability:   r.cfg.Durability,
		OutboxStats:  r.ob.stats(),
		Appended:     r.appended.Load(),
		Shipped:      r.shippedN.Load(),
		Batches:      r.batches.Load(),
		Adopted:      r.ob.adopted.Load(),
		ShipFailures: r.shipFailures.Load(),
		Corrupt:      r.ob.corrupt.Load(),
		Purged:       r.purgedN.Load(),
		Collisions:   r.collisions.Load(),
	}
	if !st.OldestPending.IsZero() {
		st.OldestPendingAge = max(time.Since(st.OldestPending), 0)
		st.OldestPendingSec = st.OldestPendingAge.Seconds()
	}
	if ns := r.lastShipped.Load(); ns != 0 {
		st.LastShipped = time.Unix(0, ns)
	}
	r.mu.Lock()
	st.LastError = r.lastErr
	r.mu.Unlock()
	if ms, ok := r.store.(*mongostore.Store); ok {
		st.ServerExpires, _ = ms.ServerExpires()
	}
	return st
}

// Get returns the record of one execution, from the store.
func (r *Recorder) Get(ctx context.Context, id string) (Record, error) {
	return r.store.Get(ctx, id)
}

// History returns the newest records matching f.
func (r *Recorder) History(ctx context.Context, f Filter) ([]Record, error) {
	return r.store.History(ctx, f)
}

// ByCodeHash returns the newest executions of one piece of code.
func (r *Recorder) ByCodeHash(ctx context.Context, codeHash string, limit int) ([]Record, error) {
	return r.store.ByCodeHash(ctx, codeHash, limit)
}

// RecentFailures returns an agent's newest unsuccessful executions on the
// host hostID ("": on every host).
func (r *Recorder) RecentFailures(ctx context.Context, agentID, hostID string, limit int) ([]Record, error) {
	return r.store.RecentFailures(ctx, agentID, hostID, limit)
}

// AgentStats summarises an agent's executions on the host hostID ("": on
// every host).
func (r *Recorder) AgentStats(ctx context.Context, agentID, hostID string) (AgentStats, error) {
	return r.store.AgentStats(ctx, agentID, hostID)
}
