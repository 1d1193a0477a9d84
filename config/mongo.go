package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MongoOptions are the MongoDB client settings of the audit store, for a
// replica set (key "mongo" of the configuration file). Each has the name
// of the URI option it matches. A setting given both here and in the URI
// must have the same value in both; one given in only one place applies;
// one given in neither takes the default below (see
// docs/decisions/0037-fleet-audit-trail.md for why these defaults).
type MongoOptions struct {
	// W is the write concern: "majority" (the default) or a number of
	// members from 1 to 50. 0 (unacknowledged) is refused: the outbox
	// drops records once the server acknowledged them.
	W WriteConcern `json:"w,omitempty"`
	// Journal: acknowledged writes are in the journal (default true).
	Journal *bool `json:"journal,omitempty"`
	// RetryWrites: the driver retries a write once after a network error
	// or a failover (default true; the audit's inserts are idempotent).
	RetryWrites *bool `json:"retryWrites,omitempty"`
	// ReadPreference is where history and statistics read from: primary
	// (the default: they see what was just shipped), primaryPreferred,
	// secondary, secondaryPreferred or nearest (off the primary, they may
	// miss the newest records).
	ReadPreference string `json:"readPreference,omitempty"`
	// ConnectTimeoutMS bounds opening a connection (default 10,000).
	ConnectTimeoutMS int64 `json:"connectTimeoutMS,omitempty"`
	// ServerSelectionTimeoutMS bounds each operation's wait for a
	// suitable server, a primary for writes (default 10,000).
	ServerSelectionTimeoutMS int64 `json:"serverSelectionTimeoutMS,omitempty"`
	// TimeoutMS bounds each operation as a whole, retries included
	// (default none: shipping bounds each batch to 30 s, queries their
	// caller).
	TimeoutMS int64 `json:"timeoutMS,omitempty"`
}

// MaxMongoTimeoutMS bounds the timeouts of MongoOptions: ten minutes.
const MaxMongoTimeoutMS = int64(10 * time.Minute / time.Millisecond)

// ReadPreferences are the read preference modes MongoDB knows.
var ReadPreferences = []string{"primary", "primaryPreferred", "secondary", "secondaryPreferred", "nearest"}

// ErrMongoOption: a MongoDB option is out of its bounds, or the URI and the
// configuration disagree about it.
var ErrMongoOption = errors.New("invalid MongoDB option")

// WriteConcern is MongoDB's w: "majority" or a number of members. In JSON
// it may be written as a string or a number.
type WriteConcern string

// UnmarshalJSON takes "majority", "2" or 2.
func (w *WriteConcern) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] != '"' {
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("w must be \"majority\" or a number of members: %s", b)
		}
		*w = WriteConcern(n.String())
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*w = WriteConcern(s)
	return nil
}

// CheckWriteConcern checks a w value: "majority" or 1 to 50 members.
func CheckWriteConcern(w string) error {
	if w == "majority" {
		return nil
	}
	n, err := strconv.Atoi(w)
	switch {
	case err != nil:
		return fmt.Errorf("%w: w %q: give \"majority\" or a number of members from 1 to 50", ErrMongoOption, w)
	case n == 0:
		return fmt.Errorf("%w: w 0 asks for no acknowledgement, but the audit outbox drops records once the server acknowledged them: give \"majority\" or at least 1", ErrMongoOption)
	case n < 0 || n > 50:
		return fmt.Errorf("%w: w %d is outside [1, 50] members", ErrMongoOption, n)
	}
	return nil
}

// CheckReadPreference checks a read preference mode (case-insensitive, as
// in URIs) and returns its canonical spelling.
func CheckReadPreference(mode string) (string, error) {
	for _, m := range ReadPreferences {
		if strings.EqualFold(m, mode) {
			return m, nil
		}
	}
	return "", fmt.Errorf("%w: readPreference %q is not one of %s", ErrMongoOption, mode, strings.Join(ReadPreferences, ", "))
}

// Validate checks each option that is set.
func (o MongoOptions) Validate() error {
	if o.W != "" {
		if err := CheckWriteConcern(string(o.W)); err != nil {
			return err
		}
	}
	if o.ReadPreference != "" {
		if _, err := CheckReadPreference(o.ReadPreference); err != nil {
			return err
		}
	}
	for _, t := range []struct {
		name string
		ms   int64
	}{{"connectTimeoutMS", o.ConnectTimeoutMS}, {"serverSelectionTimeoutMS", o.ServerSelectionTimeoutMS}, {"timeoutMS", o.TimeoutMS}} {
		if t.ms < 0 || t.ms > MaxMongoTimeoutMS {
			return fmt.Errorf("%w: %s %d is outside [1, %d] ms (leave it out for the default)", ErrMongoOption, t.name, t.ms, MaxMongoTimeoutMS)
		}
	}
	return nil
}
