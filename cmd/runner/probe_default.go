//go:build !sandboxtest && !cgo

package main

import "encoding/json"

// probe exists only in test builds (probe_sandboxtest.go).
func probe(string) (json.RawMessage, bool) { return nil, false }
