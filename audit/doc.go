// Package audit is codexec's audit trail: every execution, including the
// blocked and invalid ones, becomes a [Record] that reaches a [Store]
// (MongoDB, or the embedded bbolt store when no MongoDB URI is configured)
// through a durable local outbox, so that no execution runs without leaving
// a trace and no record is lost when the supervisor is killed or MongoDB is
// down (DESIGN.md, "Audit record").
//
// # Use
//
//	rec, err := audit.Open(audit.Config{DataDir: dir, MongoURI: uri})
//	...
//	if err := rec.Ready(); err != nil { refuse the execution: it must not run }
//	res := run(...)
//	err = rec.Append(ctx, audit.NewRecord(res, audit.Origin{AgentID, ChannelID, Code}, startedAt))
//	...
//	err = rec.Close(ctx) // flushes, bounded by ctx
//
// # Guarantees
//
// With [DurabilityBatch] (the default), Append returns once the record's
// frame has been written to this process's outbox segment with one
// pwrite(2): it is in the kernel's page cache and survives any crash of the
// supervisor process (SIGKILL, panic, OOM kill). A background fdatasync(2)
// follows within Config.FlushInterval (100 ms by default) plus the time of
// the fsync itself; a kernel crash or power loss inside that window can lose
// the records of the window. The fsync is off the execution's path.
//
// With [DurabilitySync], Append returns only after an fdatasync(2) that
// covers the record (and, for a new segment file, an fsync of the outbox
// directory): the record survives a power loss. Concurrent Appends share
// fsyncs (group commit): while one fsync runs, the records written meanwhile
// wait for the next one, which covers them all.
//
// Either way, once Append has returned nil, the record is delivered to the
// store by this process's shipper or, if this process dies first, by the
// next supervisor process that opens the same data directory (including a
// one-shot `supervisor run` or a query command); delivery is at least once
// and the stores are idempotent by _id, so each record is stored exactly
// once. Records leave the outbox only after the store acknowledged them.
//
// # A fleet sharing one store
//
// Several supervisors may write to one MongoDB collection, each through its
// own outbox (its own data directory). Every record names its writer
// (hostId, Config.HostID, stamped by Append). Execution ids (NewID) are
// ULIDs whose random part comes from a generator seeded by the kernel's
// randomness in each process, never from the time or the pid, so two
// supervisors do not draw the same id. Shipping stays exactly once per
// record: a batch shipped again (after a crash before the outbox noted the
// acknowledgement, or a connection lost before the acknowledgement
// arrived) finds its ids stored and is skipped by the store. Should a store
// ever hold another execution under a record's id, Append reports
// ErrIDCollision, the record is logged at error level and counted in
// Stats.Collisions, and shipping goes on.
//
// # Admission
//
// [Recorder.Ready] is the pre-flight check the service runs before any code:
// it refuses (an error wrapping [ErrNotReady]) when more than
// Config.MaxOutboxBytes of records wait to be shipped ([ErrOutboxFull]),
// when the data directory is read-only ([ErrReadOnly]) or has less than
// Config.MinFreeBytes free ([ErrDiskFull]), or when the last write to the
// outbox failed. Append refuses only past MaxOutboxBytes plus a quarter, so
// that executions admitted just before the outbox filled are still
// recorded; a refused Append means the execution was not recorded and the
// caller must treat it as an internal failure. Nothing is ever dropped
// silently.
//
// # Outbox
//
// The outbox is DataDir/outbox: segment files, each written by one process
// only (no interleaved appends) and locked by it with flock(2) for its whole
// life. A segment whose lock can be taken belongs to a dead process: the
// shipper adopts it (at Open and every Config.ScanInterval), ships it from
// its last acknowledged offset, and deletes it. Fully shipped segments are
// deleted; a new segment starts every Config.SegmentBytes. See outbox.go for
// the file format. [Recorder.Stats] reports the outbox's depth and its
// oldest record's age, and the shipper's progress and failures.
//
// # Shipping
//
// One goroutine ships batches (up to 256 records or 8 MiB) oldest first,
// retrying with exponential backoff (100 ms to 5 s, jittered) while the
// store fails. For the embedded store this takes bbolt's fsync off the
// execution's path too. [Recorder.Close] fsyncs the outbox and ships what it
// can within its context, so that a one-shot `supervisor run` leaves its
// record in the store before it exits whenever the store is reachable.
//
// # Retention
//
// Records older than Config.Retention (30 days) are deleted: by MongoDB's
// TTL index where the server accepts one, otherwise (the embedded store,
// servers that refuse TTL indexes) by the Recorder, once after Open and
// every Config.PurgeInterval.
//
// # Concurrency
//
// A Recorder is safe for concurrent use. Appends are serialised by a mutex
// around one pwrite each; fsyncs and shipping run outside it. Several
// processes may share a data directory: each has its own segments, and the
// embedded store's file is held only briefly by each (see package embedded).
package audit
