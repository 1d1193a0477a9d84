package mongostore

import "errors"

// ErrNoURI: Open was called without a MongoDB URI.
var ErrNoURI = errors.New("mongostore: no MongoDB URI")
