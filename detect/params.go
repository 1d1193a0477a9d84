package detect

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"codexec/config"
)

// Languages the supervisor accepts.
const (
	JavaScript = "javascript"
	TypeScript = "typescript"
)

// MaxContextDepth bounds how deeply the context JSON may nest.
const MaxContextDepth = 64

// MaxIDLength bounds agentId and channelId.
const MaxIDLength = 128

// Params are the parts of a request that are checked before anything else.
type Params struct {
	Language       string
	Code           string
	Context        json.RawMessage // a JSON object, or empty for {}
	TimeoutMs      int64
	MemoryLimitMiB int
	AgentID        string
	ChannelID      string
	// TSExperimentalDecorators asks for TypeScript's experimental
	// decorators; TypeScript only.
	TSExperimentalDecorators bool
}

// Invalid is a request parameter out of bounds (status invalid).
type Invalid struct {
	Field  string // the request field, as named in the API
	Reason string // what is wrong, with the bound
}

func (e *Invalid) Error() string { return e.Field + ": " + e.Reason }

// CheckParams checks p against the limits and returns the first problem.
func CheckParams(p Params, l config.Limits) *Invalid {
	if err := CheckLanguage(p.Language); err != nil {
		return err
	}
	if p.TSExperimentalDecorators && p.Language != TypeScript {
		return &Invalid{"tsExperimentalDecorators", "applies to TypeScript only: JavaScript decorators are the TC39 standard ones (set language to typescript, or leave this out)"}
	}
	if strings.TrimSpace(p.Code) == "" {
		return &Invalid{"code", "is empty"}
	}
	if len(p.Code) > l.MaxCodeBytes {
		return &Invalid{"code", fmt.Sprintf("is %d bytes, over the %d-byte limit", len(p.Code), l.MaxCodeBytes)}
	}
	if !utf8.ValidString(p.Code) {
		return &Invalid{"code", "is not valid UTF-8"}
	}
	if len(p.Context) > l.MaxContextBytes {
		return &Invalid{"context", fmt.Sprintf("is %d bytes of JSON, over the %d-byte limit", len(p.Context), l.MaxContextBytes)}
	}
	if len(bytes.TrimSpace(p.Context)) > 0 {
		if err := checkContext(p.Context); err != nil {
			return err
		}
	}
	if p.TimeoutMs < config.MinTimeoutMs || p.TimeoutMs > config.MaxTimeoutMs {
		return &Invalid{"timeout", fmt.Sprintf("%d ms is outside [%d, %d] ms", p.TimeoutMs, config.MinTimeoutMs, config.MaxTimeoutMs)}
	}
	if p.MemoryLimitMiB < l.MinMemoryLimitMiB || p.MemoryLimitMiB > l.MaxMemoryLimitMiB {
		return &Invalid{"memoryLimit", fmt.Sprintf("%d MiB is outside [%d, %d] MiB", p.MemoryLimitMiB, l.MinMemoryLimitMiB, l.MaxMemoryLimitMiB)}
	}
	if err := CheckID("agentId", p.AgentID); err != nil {
		return err
	}
	return CheckID("channelId", p.ChannelID)
}

// CheckLanguage accepts JavaScript and TypeScript.
func CheckLanguage(lang string) *Invalid {
	switch lang {
	case JavaScript, TypeScript:
		return nil
	}
	shown := lang
	if utf8.RuneCountInString(shown) > 32 {
		// A language of a megabyte is named by its start.
		shown = string([]rune(shown)[:32]) + "…"
	}
	// %q escapes every character that is not printable.
	return &Invalid{"language", fmt.Sprintf("%q is not supported (use %q or %q)", shown, JavaScript, TypeScript)}
}

// checkContext requires one JSON object, nested at most MaxContextDepth
// deep. The depth is measured on the tokens, before anything is decoded, so
// a hostile context cannot recurse a decoder.
func checkContext(raw json.RawMessage) *Invalid {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	depth := 0
	first := true
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" && depth == 0 && !first {
				return nil
			}
			return &Invalid{"context", "is not valid JSON: " + err.Error()}
		}
		if first {
			if d, ok := tok.(json.Delim); !ok || d != '{' {
				return &Invalid{"context", "must be a JSON object"}
			}
			first = false
		}
		if n, ok := tok.(json.Number); ok {
			// The runtime's JSON.parse cannot take a number no double
			// holds (1e400): refuse it here, not as a runner's failure.
			if f, err := strconv.ParseFloat(string(n), 64); errors.Is(err, strconv.ErrRange) && math.IsInf(f, 0) {
				num := string(n)
				if len(num) > 40 {
					num = num[:40] + "…"
				}
				return &Invalid{"context", "the number " + num + " is out of range: JavaScript cannot hold it"}
			}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
			if depth > MaxContextDepth {
				return &Invalid{"context", fmt.Sprintf("nests more than %d levels deep", MaxContextDepth)}
			}
		case json.Delim('}'), json.Delim(']'):
			depth--
			if depth == 0 {
				// Exactly one value: anything after it is an error.
				if _, err := dec.Token(); err == nil || err.Error() != "EOF" {
					return &Invalid{"context", "has data after the JSON object"}
				}
				return nil
			}
		}
	}
}

// CheckID allows 1 to MaxIDLength characters of ASCII letters, digits and
// . _ - : @ / + in the request field named field. A character that is not
// allowed is named by its code point (U+202E) and its index among the
// characters of the id (from 0); a byte that is not UTF-8 by its value.
func CheckID(field, id string) *Invalid {
	if id == "" {
		return &Invalid{field, "is empty"}
	}
	if len(id) > MaxIDLength {
		if n := utf8.RuneCountInString(id); n > MaxIDLength {
			return &Invalid{field, fmt.Sprintf("is %d characters, over the limit of %d", n, MaxIDLength)}
		}
	}
	for i, c := range id { // i: byte offset; index: characters before it
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("._-:@/+", byte(c)) >= 0) {
			continue
		}
		return &Invalid{field, fmt.Sprintf("contains %s at character index %d (allowed: ASCII letters, digits and . _ - : @ / +)",
			describe(id[i:]), utf8.RuneCountInString(id[:i]))}
	}
	return nil
}

// describe names the first character of s: 'é' (U+00E9) when it is
// printable, U+202E when it is not, or the byte 0xFF that is not UTF-8.
func describe(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	switch {
	case r == utf8.RuneError && n <= 1:
		return fmt.Sprintf("the byte 0x%02X, which is not UTF-8,", s[0])
	case strconv.IsPrint(r):
		return fmt.Sprintf("%s (U+%04X)", strconv.QuoteRune(r), r)
	}
	return fmt.Sprintf("U+%04X", r)
}
