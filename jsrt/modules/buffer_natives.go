package modules

import (
	"encoding/base64"
	"encoding/hex"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// Buffer's encodings, in Go: feross's buffer does them in JavaScript, one
// character at a time with string concatenation, which goja makes
// quadratic (a 100 KB hex string took seconds).

// codeUnits returns the UTF-16 code units of a JavaScript string.
func codeUnits(v goja.Value) []uint16 {
	s, ok := v.(goja.String)
	if !ok {
		s, _ = v.ToString().(goja.String)
		if s == nil {
			return utf16.Encode([]rune(v.String()))
		}
	}
	n := s.Length()
	out := make([]uint16, n)
	for i := 0; i < n; i++ {
		out[i] = s.CharAt(i)
	}
	return out
}

// encodeString is the bytes of string s in encoding enc, as Node writes
// them: UTF-8 with U+FFFD for a lone surrogate; latin1, binary and ascii
// the low byte of each code unit; hex up to the first pair that is not
// hexadecimal; base64 and base64url in either alphabet, ignoring what is
// not base64 and stopping at the first '='; utf16le/ucs2 little-endian.
func encodeString(v goja.Value, enc string) []byte {
	switch enc {
	case "utf8":
		// goja's own conversion writes a lone surrogate as U+FFFD, as Node.
		return []byte(v.String())
	case "hex", "base64", "base64url":
		// ASCII alphabets: a character outside them (any non-ASCII one
		// included) reads the same in UTF-8.
		return encodeASCII(v.String(), enc)
	}
	s := codeUnits(v)
	switch enc {
	case "latin1", "binary", "ascii":
		out := make([]byte, len(s))
		for i, c := range s {
			out[i] = byte(c)
		}
		return out
	case "utf16le", "ucs2":
		out := make([]byte, 2*len(s))
		for i, c := range s {
			out[2*i], out[2*i+1] = byte(c), byte(c>>8)
		}
		return out
	}
	return []byte(v.String())
}

// encodeASCII decodes hex (up to the first pair that is not hexadecimal)
// or base64.
func encodeASCII(s, enc string) []byte {
	if enc != "hex" {
		return decodeBase64(s)
	}
	out := make([]byte, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		h, ok1 := hexVal(s[i])
		l, ok2 := hexVal(s[i+1])
		if !ok1 || !ok2 {
			break
		}
		out = append(out, h<<4|l)
	}
	return out
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return byte(c - '0'), true
	case c >= 'a' && c <= 'f':
		return byte(c - 'a' + 10), true
	case c >= 'A' && c <= 'F':
		return byte(c - 'A' + 10), true
	}
	return 0, false
}

// decodeBase64 reads base64 as Node (and base64-js) do: both alphabets,
// characters outside them skipped, the end at the first '='; a last group
// of two or three characters gives one or two bytes.
func decodeBase64(s string) []byte {
	vals := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' {
			break
		}
		switch {
		case c >= 'A' && c <= 'Z':
			vals = append(vals, byte(c-'A'))
		case c >= 'a' && c <= 'z':
			vals = append(vals, byte(c-'a'+26))
		case c >= '0' && c <= '9':
			vals = append(vals, byte(c-'0'+52))
		case c == '+' || c == '-':
			vals = append(vals, 62)
		case c == '/' || c == '_':
			vals = append(vals, 63)
		}
	}
	out := make([]byte, 0, len(vals)*3/4+2)
	i := 0
	for ; i+4 <= len(vals); i += 4 {
		n := uint32(vals[i])<<18 | uint32(vals[i+1])<<12 | uint32(vals[i+2])<<6 | uint32(vals[i+3])
		out = append(out, byte(n>>16), byte(n>>8), byte(n))
	}
	switch len(vals) - i {
	case 2:
		n := uint32(vals[i])<<18 | uint32(vals[i+1])<<12
		out = append(out, byte(n>>16))
	case 3:
		n := uint32(vals[i])<<18 | uint32(vals[i+1])<<12 | uint32(vals[i+2])<<6
		out = append(out, byte(n>>16), byte(n>>8))
	}
	return out
}

// decodeBytes is the string bytes b make in encoding enc, as Node reads
// them.
func decodeBytes(vm *goja.Runtime, b []byte, enc string) goja.Value {
	switch enc {
	case "latin1", "binary", "ascii":
		u := make([]uint16, len(b))
		for i, c := range b {
			if enc == "ascii" {
				c &= 0x7f
			}
			u[i] = uint16(c)
		}
		return goja.StringFromUTF16(u)
	case "hex":
		return asciiValue(hex.EncodeToString(b))
	case "base64":
		return asciiValue(base64.StdEncoding.EncodeToString(b))
	case "base64url":
		return asciiValue(base64.RawURLEncoding.EncodeToString(b))
	case "utf16le", "ucs2":
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
		return goja.StringFromUTF16(u)
	}
	return vm.ToValue(decodeUTF8(b))
}

func asciiValue(s string) goja.Value {
	u := make([]uint16, len(s))
	for i := 0; i < len(s); i++ {
		u[i] = uint16(s[i])
	}
	return goja.StringFromUTF16(u)
}

// installBufferNatives adds buffer's codecs to host:
//
//	bufWrite(buf, string, offset, length, enc) → bytes written
//	bufDecode(buf, start, end, enc) → string
//	byteLength(string, enc) → bytes the string makes
func (l *loader) installBufferNatives(set func(string, func(goja.FunctionCall) goja.Value)) {
	vm := l.vm
	set("bufWrite", func(c goja.FunctionCall) goja.Value {
		buf := l.bytes(c.Argument(0))
		enc := c.Argument(4).String()
		offset := int(c.Argument(2).ToInteger())
		if offset < 0 || offset > len(buf) {
			offset = len(buf)
		}
		room := len(buf) - offset
		if n := c.Argument(3); !goja.IsUndefined(n) {
			if k := int(n.ToInteger()); k >= 0 && k < room {
				room = k
			}
		}
		b := encodeString(c.Argument(1), enc)
		if len(b) > room {
			b = b[:room]
			switch enc {
			case "utf8":
				// Only whole characters.
				for len(b) > 0 && !utf8.FullRune(b[lastRuneStart(b):]) {
					b = b[:lastRuneStart(b)]
				}
			case "utf16le", "ucs2":
				b = b[:len(b)&^1]
			}
		}
		return vm.ToValue(copy(buf[offset:], b))
	})
	set("bufDecode", func(c goja.FunctionCall) goja.Value {
		b := l.bytes(c.Argument(0))
		start, end := int(c.Argument(1).ToInteger()), len(b)
		if e := c.Argument(2); !goja.IsUndefined(e) {
			end = int(e.ToInteger())
		}
		start = max(0, min(start, len(b)))
		end = max(start, min(end, len(b)))
		return decodeBytes(vm, b[start:end], c.Argument(3).String())
	})
	set("byteLength", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(len(encodeString(c.Argument(0), c.Argument(1).String())))
	})
}

// lastRuneStart is the index where the last (possibly partial) UTF-8
// sequence of b starts.
func lastRuneStart(b []byte) int {
	i := len(b) - 1
	for i > 0 && !utf8.RuneStart(b[i]) {
		i--
	}
	return i
}
