package schema

import "codexec/config"

// The host id a record carries (the field hostId) follows the rules of
// config.CheckHostID: the configuration and the record share them.
const (
	// MaxHostIDChars bounds a host id: the length of a DNS name.
	MaxHostIDChars = config.MaxHostIDChars
	// HostIDRules says what a host id may be, for messages.
	HostIDRules = config.HostIDRules
)

// FieldHostID is the record's field naming the supervisor that recorded it.
const FieldHostID = "hostId"

// ErrInvalidHostID: a host id breaks the rules of CheckHostID.
var ErrInvalidHostID = config.ErrInvalidHostID

// CheckHostID reports whether id may name a host; see config.CheckHostID.
func CheckHostID(id string) error { return config.CheckHostID(id) }

// DefaultHostID is the host id of a supervisor that was given none: the
// host name; see config.DefaultHostID.
func DefaultHostID() (string, error) { return config.DefaultHostID() }
