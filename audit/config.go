package audit

import (
	"fmt"

	"codexec/audit/mongostore"
	"codexec/audit/schema"
	"codexec/config"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// Durability says when Append returns relative to the record reaching the
// disk.
type Durability string

// The durability modes; see the package documentation for the exact
// guarantees.
const (
	// DurabilityBatch (the default): Append returns once the record is in
	// the kernel (it survives a crash of the supervisor process); a
	// background fsync follows within Config.FlushInterval.
	DurabilityBatch Durability = "batch"
	// DurabilitySync: Append returns once the record is on disk (fsync'd),
	// concurrent Appends sharing one fsync.
	DurabilitySync Durability = "sync"
)

// ParseDurability accepts "batch", "sync", and "" (batch).
func ParseDurability(s string) (Durability, error) {
	switch Durability(s) {
	case "", DurabilityBatch:
		return DurabilityBatch, nil
	case DurabilitySync:
		return DurabilitySync, nil
	}
	return "", fmt.Errorf("%w: durability %q (want batch or sync)", ErrConfig, s)
}

// EnvHostID is the environment variable the supervisor's commands take the
// host id from when neither --host-id nor the configuration file gives one.
const EnvHostID = "CODEXEC_HOST_ID"

// Defaults of Config.
const (
	DefaultRetention      = 30 * 24 * time.Hour
	DefaultFlushInterval  = 100 * time.Millisecond
	DefaultShipCoalesce   = 20 * time.Millisecond
	DefaultMaxOutboxBytes = 256 << 20
	DefaultMinFreeBytes   = 64 << 20
	DefaultSegmentBytes   = 8 << 20
	DefaultLockTimeout    = 10 * time.Second
	DefaultScanInterval   = 30 * time.Second
	DefaultPurgeInterval  = time.Hour
	DefaultCloseTimeout   = 5 * time.Second
	DefaultMongoDatabase  = "codexec"
	DefaultCollection     = "executions"
)

// Config configures a Recorder. Zero values take the defaults above.
type Config struct {
	// HostID names this supervisor in the records it appends (the field
	// hostId): schema.DefaultHostID() (the host name) when empty. It must
	// pass schema.CheckHostID.
	HostID string
	// DataDir holds the outbox (DataDir/outbox) and the embedded store
	// (DataDir/audit.db); DefaultDataDir() when empty.
	DataDir string
	// MongoURI selects the MongoDB store; empty selects the embedded one.
	MongoURI   string
	MongoDB    string // database (DefaultMongoDatabase)
	Collection string // collection (DefaultCollection)
	// Retention is how long records are kept (DefaultRetention): a TTL
	// index on MongoDB, or purges run by the Recorder where the server
	// refuses one and for the embedded store.
	Retention  time.Duration
	Durability Durability // DurabilityBatch when empty
	// FlushInterval bounds the time from Append to fsync in batch mode.
	FlushInterval time.Duration
	// ShipCoalesce is the least time between two shipping passes that new
	// records start (DefaultShipCoalesce): a record appended after a quiet
	// spell ships at once, and under load the records of this much time go
	// to the store in one batch (one transaction and fsync, or one insert)
	// rather than one by one. A Flush (and so a query's read-your-writes)
	// does not wait for it. Records are durable in the outbox meanwhile.
	ShipCoalesce time.Duration
	// MaxOutboxBytes is the size of unshipped records past which Ready
	// refuses new executions with ErrOutboxFull. Append, for executions
	// already admitted, refuses only past a quarter more.
	MaxOutboxBytes int64
	// MinFreeBytes is the free space the data directory's file system must
	// keep for Ready to admit an execution; negative: no floor.
	MinFreeBytes int64
	// SegmentBytes is the size at which the outbox starts a new segment
	// file (fully shipped segments are deleted).
	SegmentBytes int64
	// LockTimeout bounds the wait for the embedded store's file when
	// another process holds it.
	LockTimeout time.Duration
	// ScanInterval is how often other processes' leftover outbox segments
	// are looked for (also once at Open).
	ScanInterval time.Duration
	// PurgeInterval is how often the Recorder purges expired records when
	// the store does not expire them itself (also once after Open);
	// negative: never (for processes that only query).
	PurgeInterval time.Duration
	// ServerSelectionTimeout bounds each MongoDB operation's wait for a
	// reachable server when neither the URI nor Mongo says (10 s when 0).
	ServerSelectionTimeout time.Duration
	// Mongo are the MongoDB client settings of the configuration file
	// (write concern, journal, retryable writes, the read preference of
	// history and statistics, timeouts); the URI's options must agree
	// with them (mongostore.Resolve).
	Mongo  config.MongoOptions
	Logger *slog.Logger // slog.Default() when nil
}

func (c Config) withDefaults() (Config, error) {
	if c.DataDir == "" {
		c.DataDir = DefaultDataDir(nil)
	}
	abs, err := filepath.Abs(c.DataDir)
	if err != nil {
		return c, fmt.Errorf("%w: data directory %q: %v", ErrConfig, c.DataDir, err)
	}
	c.DataDir = abs
	if c.HostID == "" {
		if c.HostID, err = schema.DefaultHostID(); err != nil {
			return c, fmt.Errorf("%w: %w; give one (--host-id, %s, or hostId in the configuration file)", ErrConfig, err, EnvHostID)
		}
	} else if err := schema.CheckHostID(c.HostID); err != nil {
		return c, fmt.Errorf("%w: host id: %w", ErrConfig, err)
	}
	if c.MongoDB == "" {
		c.MongoDB = DefaultMongoDatabase
	}
	if c.MongoURI != "" {
		if _, err := mongostore.Resolve(c.MongoURI, c.Mongo, c.ServerSelectionTimeout); err != nil {
			return c, fmt.Errorf("%w: %w", ErrConfig, err)
		}
	} else if c.Mongo != (config.MongoOptions{}) {
		return c, fmt.Errorf("%w: MongoDB options are set but no MongoDB URI: the embedded store takes none", ErrConfig)
	}
	if c.Collection == "" {
		c.Collection = DefaultCollection
	}
	if c.Durability, err = ParseDurability(string(c.Durability)); err != nil {
		return c, err
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&c.Retention, DefaultRetention)
	def(&c.FlushInterval, DefaultFlushInterval)
	def(&c.ShipCoalesce, DefaultShipCoalesce)
	def(&c.LockTimeout, DefaultLockTimeout)
	def(&c.ScanInterval, DefaultScanInterval)
	def(&c.PurgeInterval, DefaultPurgeInterval)
	defN := func(n *int64, v int64) {
		if *n == 0 {
			*n = v
		}
	}
	defN(&c.MaxOutboxBytes, DefaultMaxOutboxBytes)
	defN(&c.MinFreeBytes, DefaultMinFreeBytes)
	defN(&c.SegmentBytes, DefaultSegmentBytes)
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"retention", c.Retention}, {"flushInterval", c.FlushInterval}, {"lockTimeout", c.LockTimeout},
		{"scanInterval", c.ScanInterval}, {"shipCoalesce", c.ShipCoalesce}} {
		if d.v < 0 {
			return c, fmt.Errorf("%w: %s %s is negative", ErrConfig, d.name, d.v)
		}
	}
	if c.Retention < time.Minute {
		return c, fmt.Errorf("%w: retention %s is under a minute", ErrConfig, c.Retention)
	}
	if c.MaxOutboxBytes < 1<<20 || c.SegmentBytes < 4<<10 {
		return c, fmt.Errorf("%w: maxOutboxBytes %d (at least 1 MiB), segmentBytes %d (at least 4 KiB)",
			ErrConfig, c.MaxOutboxBytes, c.SegmentBytes)
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c, nil
}

// DefaultDataDir is where codexec keeps its state when not told: for root
// /var/lib/codexec, for anyone else $XDG_DATA_HOME/codexec, or
// ~/.local/share/codexec. getenv is os.Getenv when nil.
func DefaultDataDir(getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	if os.Geteuid() == 0 {
		return "/var/lib/codexec"
	}
	if x := getenv("XDG_DATA_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "codexec")
	}
	home := getenv("HOME")
	if home == "" {
		if h, err := os.UserHomeDir(); err == nil {
			home = h
		}
	}
	if home == "" {
		return filepath.Join(os.TempDir(), fmt.Sprintf("codexec-%d", os.Geteuid()))
	}
	return filepath.Join(home, ".local", "share", "codexec")
}
