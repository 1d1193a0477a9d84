package main

// Helpers the generators share: reading CLDR JSON, and writing the
// gzipped data files deterministically (the same input gives the same
// bytes, which TestDataIsGenerated checks).

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
)

// readJSON decodes a CLDR JSON file into v.
func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// readTree decodes a CLDR JSON file into a generic tree.
func readTree(path string) (map[string]any, error) {
	var m map[string]any
	return m, readJSON(path, &m)
}

// dig walks a generic tree by keys.
func dig(m any, keys ...string) any {
	for _, k := range keys {
		mm, ok := m.(map[string]any)
		if !ok {
			return nil
		}
		m = mm[k]
	}
	return m
}

// str is m[k] if it is a string, else "".
func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// strMap keeps the string leaves of a tree node, and the "_value" of
// those that are objects ({"_value": pattern, "_numbers": …}).
func strMap(v any) map[string]string {
	out := map[string]string{}
	m, _ := v.(map[string]any)
	for k, x := range m {
		switch x := x.(type) {
		case string:
			out[k] = x
		case map[string]any:
			if s, ok := x["_value"].(string); ok {
				out[k] = s
			}
		}
	}
	return out
}

// writeGz writes data gzip-compressed.
func writeGz(path string, data []byte) error {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := zw.Write(data); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// writeGzJSON writes v as gzipped JSON (map keys sorted, so the output is
// reproducible).
func writeGzJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return writeGz(path, b)
}

// writeGzJSONLine is writeGzJSON with <, > and & left as they are and a
// newline after the JSON (the numbers files' encoding).
func writeGzJSONLine(path string, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return writeGz(path, b.Bytes())
}
