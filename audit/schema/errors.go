package schema

import "errors"

// Errors every store returns for the same conditions (test with errors.Is).
var (
	// ErrNotFound: no record has the requested id.
	ErrNotFound = errors.New("audit: no such execution")
	// ErrInvalidRecord: a record lacks a field no record may lack.
	ErrInvalidRecord = errors.New("audit: invalid record")
	// ErrInvalidQuery: a query names a status that does not exist or a
	// negative limit.
	ErrInvalidQuery = errors.New("audit: invalid query")
	// ErrIDCollision: Append found another execution already stored under
	// a record's id (not the same execution shipped again). The stored one
	// stays; the rest of the batch is stored.
	ErrIDCollision = errors.New("audit: execution id collision")
)
