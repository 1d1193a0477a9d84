// Package termsafe renders text that came from a caller (ids, console
// lines, error messages, code, returned values) so that printing it cannot
// drive a terminal or disguise what an operator reads: no escape sequences,
// no carriage returns over a line, no right-to-left overrides.
//
// A character is printed as it is when Go's strconv.IsPrint accepts it
// (letters, marks, numbers, punctuation, symbols, the ASCII space) or it is
// a space separator (U+00A0, U+202F, U+3000, ...). Everything else is
// escaped, visibly and reversibly: C0 and C1 controls and DEL, the
// bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
// U+2066–U+2069) and every other format character (U+200B, U+200D, U+FEFF,
// ...), the line and paragraph separators, private-use and unassigned code
// points as \u202e or \U000e0001, and bytes that are not UTF-8 as \xff.
// \n, \r and \t are written \n, \r and \t.
package termsafe

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Marker ends a rendering that Render cut.
const Marker = "…"

// Safe reports whether r is printed as it is.
func Safe(r rune) bool { return strconv.IsPrint(r) || unicode.Is(unicode.Zs, r) }

// Printable reports whether s is valid UTF-8 made of safe characters only,
// so that Line(s) == s.
func Printable(s string) bool { return printable(s, false, false) }

// printable is Printable, also accepting newlines when keepNL, and tabs
// when keepNL and not json.
func printable(s string, keepNL, json bool) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f || keepNL && c == '\n' || keepNL && !json && c == '\t' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if n == 1 && r == utf8.RuneError || !Safe(r) {
			return false
		}
		i += n
	}
	return true
}

// Line is s on one line: every character that is not safe, newlines and
// tabs included, escaped.
func Line(s string) string { return escape(s, false, false, false, -1) }

// Text is s escaped like Line, except that newlines and tabs are kept: for
// text shown as a block (code, multi-line messages).
func Text(s string) string { return escape(s, true, false, false, -1) }

// Render is the exact, bounded rendering of a value that was refused: Line,
// with every backslash doubled (so that the rendering reads back without
// ambiguity), and at most max characters: when it would be longer, its
// first characters (never half an escape) up to max-1, then Marker.
func Render(s string, max int) string { return escape(s, false, true, false, max) }

// JSON escapes the characters that are not safe inside JSON text b as JSON
// escapes (\u202e; a surrogate pair above U+FFFF; a byte that is not UTF-8
// as \ufffd), keeping newlines (the indentation's). JSON text stays JSON text for the
// same value: outside strings JSON holds only structure and whitespace, and
// inside a string \uXXXX stands for the character itself.
func JSON(b []byte) []byte {
	if printable(string(b), true, true) {
		return b
	}
	return []byte(escape(string(b), true, false, true, -1))
}

const hexDigits = "0123456789abcdef"

// escape does the work of every entry point: keepNL keeps \n (and \t but
// in JSON),
// backslash doubles \\, json writes JSON escapes, and max >= 1 bounds the
// result in characters.
func escape(s string, keepNL, backslash, json bool, max int) string {
	if printable(s, keepNL, json) && (!backslash || !strings.Contains(s, `\`)) && (max < 1 || utf8.RuneCountInString(s) <= max) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	n, cut := 0, -1 // characters written; where a cut would go
	var piece [16]byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		p := piece[:0]
		switch {
		case size == 1 && r == utf8.RuneError && json:
			p = append(p, `\ufffd`...)
		case size == 1 && r == utf8.RuneError:
			p = append(p, '\\', 'x', hexDigits[s[i]>>4], hexDigits[s[i]&0xf])
		case keepNL && r == '\n', keepNL && !json && r == '\t':
			p = append(p, byte(r))
		case r == '\\' && backslash:
			p = append(p, '\\', '\\')
		case Safe(r):
			p = utf8.AppendRune(p, r)
		case json && r > 0xffff:
			r -= 0x10000
			p = appendU(appendU(p, 'u', 0xd800+r>>10, 4), 'u', 0xdc00+r&0x3ff, 4)
		case json:
			p = appendU(p, 'u', r, 4)
		case r == '\n':
			p = append(p, '\\', 'n')
		case r == '\r':
			p = append(p, '\\', 'r')
		case r == '\t':
			p = append(p, '\\', 't')
		case r > 0xffff:
			p = appendU(p, 'U', r, 8)
		default:
			p = appendU(p, 'u', r, 4)
		}
		i += size
		if max >= 1 {
			w := utf8.RuneCount(p)
			if cut < 0 && n+w > max-1 {
				cut = b.Len()
			}
			if n += w; n > max {
				return b.String()[:cut] + Marker
			}
		}
		b.Write(p)
	}
	return b.String()
}

func appendU(p []byte, u byte, r rune, digits int) []byte {
	p = append(p, '\\', u)
	for shift := 4 * (digits - 1); shift >= 0; shift -= 4 {
		p = append(p, hexDigits[(r>>shift)&0xf])
	}
	return p
}
