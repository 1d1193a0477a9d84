package embedded

import "errors"

// Errors of the embedded store.
var (
	// ErrLocked: another process held the database file for longer than
	// Options.LockTimeout.
	ErrLocked = errors.New("embedded: audit database is locked by another process")
	// ErrClosed: the Store was used after Close.
	ErrClosed = errors.New("embedded: store is closed")
)
