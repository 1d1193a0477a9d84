package schema

import (
	"bytes"
	"encoding/json"
	"fmt"

	"codexec/result"
)

// Marshal encodes r as the JSON the outbox and the embedded store keep:
// compact, without HTML escaping, so that the output JSON is kept byte for
// byte.
func Marshal(r *Record) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(r.StoredSize())
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("encode record %s: %w", r.ID, err)
	}
	b := buf.Bytes()
	return b[:len(b)-1], nil // Encode ends with a newline
}

// Unmarshal decodes what Marshal encoded.
func Unmarshal(b []byte) (Record, error) {
	var r Record
	if err := json.Unmarshal(b, &r); err != nil {
		return Record{}, fmt.Errorf("decode record: %w", err)
	}
	if r.Logs == nil {
		r.Logs = []result.Log{}
	}
	if r.Findings == nil {
		r.Findings = []result.Finding{}
	}
	return r, nil
}
