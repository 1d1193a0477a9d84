package audit

import (
	"errors"

	"codexec/audit/schema"
)

// Errors of the audit trail (test with errors.Is). Each error returned
// wraps one of these and says what was being done, where and why.
var (
	// ErrNotFound: no record has the requested id.
	ErrNotFound = schema.ErrNotFound
	// ErrInvalidRecord: a record lacks its id, status or time.
	ErrInvalidRecord = schema.ErrInvalidRecord
	// ErrInvalidQuery: a query with a negative limit, an unknown status or
	// a missing agent id or code hash.
	ErrInvalidQuery = schema.ErrInvalidQuery
	// ErrIDCollision: a store holds another execution under a record's
	// id; see schema.ErrIDCollision.
	ErrIDCollision = schema.ErrIDCollision

	// ErrNotReady is wrapped by every reason Ready refuses new executions:
	// ErrOutboxFull, ErrDiskFull, ErrReadOnly, or a failed write to the
	// outbox. An execution refused for it must not run.
	ErrNotReady = errors.New("audit: not ready to record executions")
	// ErrOutboxFull: more than Config.MaxOutboxBytes of records wait to be
	// shipped to a store that does not take them.
	ErrOutboxFull = errors.New("audit: outbox full")
	// ErrDiskFull: the data directory's file system has less than
	// Config.MinFreeBytes free.
	ErrDiskFull = errors.New("audit: data directory is full")
	// ErrReadOnly: the data directory cannot be written.
	ErrReadOnly = errors.New("audit: data directory is not writable")
	// ErrClosed: the Recorder was used after Close.
	ErrClosed = errors.New("audit: recorder is closed")
	// ErrPending: Close could not ship every record in time; they stay in
	// the outbox and the next supervisor process ships them.
	ErrPending = errors.New("audit: records left in the outbox")
	// ErrConfig: a Config value is out of its bounds.
	ErrConfig = errors.New("audit: invalid configuration")
)
