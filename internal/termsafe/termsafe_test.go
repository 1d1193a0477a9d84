package termsafe

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// dangerous is an independent definition of what must never be printed raw:
// controls (C0, DEL, C1), format characters (the bidirectional controls
// among them), line and paragraph separators, and bytes that are not UTF-8.
func dangerous(r rune, size int) bool {
	return r == utf8.RuneError && size == 1 || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r)
}

// firstDangerous is the byte offset of the first dangerous character of s
// (newlines and tabs allowed when keepNL), or -1.
func firstDangerous(s string, keepNL bool) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if dangerous(r, n) && !(keepNL && (r == '\n' || r == '\t')) {
			return i
		}
		i += n
	}
	return -1
}

func TestLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"agent-1", "agent-1"},
		{"c\x1b[31m", `c\u001b[31m`},
		{"a\u202eb", `a\u202eb`},
		{"nul\x00", `nul\u0000`},
		{"ok\rEVIL", `ok\rEVIL`},
		{"two\nlines\there", `two\nlines\there`},
		{"del\x7f", `del\u007f`},
		{"csi\u009b31m", `csi\u009b31m`},
		{"bad\xff\xfe", `bad\xff\xfe`},
		{"cut\xe2\x80", `cut\xe2\x80`}, // half of U+202E
		{"\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069", `\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069`},
		{"zw\u200bj\u200dbom\ufeff", `zw\u200bj\u200dbom\ufeff`},
		{"ls\u2028ps\u2029", `ls\u2028ps\u2029`},
		{"tag\U000e0041", `tag\U000e0041`},
		{"pua\ue000", `pua\ue000`},
		{`back\slash`, `back\slash`},
		{"ünïcødé ✓ 😀 日本\u3000語 1\u202f234 nb\u00a0sp e\u0301 \ufffd", "ünïcødé ✓ 😀 日本\u3000語 1\u202f234 nb\u00a0sp e\u0301 \ufffd"},
	}
	for _, tt := range tests {
		if got := Line(tt.in); got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Printable(tt.in); got != (tt.in == tt.want) {
			t.Errorf("Printable(%q) = %v", tt.in, got)
		}
	}
}

func TestText(t *testing.T) {
	in := "line 1\n\tline 2\r\x1b]0;pwned\x07\u202e"
	want := "line 1\n\tline 2\\r\\u001b]0;pwned\\u0007\\u202e"
	if got := Text(in); got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

// Every code point, and every byte that cannot start one: what Line
// leaves is safe, and what is safe is left alone.
func TestEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		s := string(r)
		got := Line(s)
		if i := firstDangerous(got, false); i >= 0 {
			t.Fatalf("Line(%U) = %q: raw %q at %d", r, got, got[i:], i)
		}
		if Safe(r) != (got == s) {
			t.Fatalf("Line(%U) = %q, Safe = %v", r, got, Safe(r))
		}
		if dangerous(r, len(s)) && Safe(r) {
			t.Fatalf("%U is dangerous but Safe", r)
		}
		if j := JSON([]byte(`"` + s + `"`)); firstDangerous(string(j), true) >= 0 || !strings.ContainsRune("\n\"\\", r) && !json.Valid(j) {
			t.Fatalf("JSON(%U) = %q", r, j)
		}
	}
	for b := 0x80; b <= 0xff; b++ {
		if got := Line(string([]byte{byte(b)})); got != `\x`+string("0123456789abcdef"[b>>4])+string("0123456789abcdef"[b&15]) {
			t.Fatalf("Line(byte %#x) = %q", b, got)
		}
	}
}

func TestRender(t *testing.T) {
	long := strings.Repeat("a", 5000)
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"agent-1", 128, "agent-1"},
		{"a b", 128, "a b"},
		{`a\b`, 128, `a\\b`},
		{"a\u202eb", 128, `a\u202eb`},
		{"c\x1b[31m", 128, `c\u001b[31m`},
		{long, 128, strings.Repeat("a", 127) + Marker},
		{strings.Repeat("a", 128), 128, strings.Repeat("a", 128)},
		{strings.Repeat("a", 129), 128, strings.Repeat("a", 127) + Marker},
		// The escape that would cross the cut is left out whole.
		{strings.Repeat("a", 124) + "\x1b" + "b", 128, strings.Repeat("a", 124) + Marker},
		{strings.Repeat("a", 121) + "\x1b", 128, strings.Repeat("a", 121) + `\u001b`},
		{strings.Repeat("a", 121) + "\x1bb", 128, strings.Repeat("a", 121) + `\u001bb`},
		{strings.Repeat("a", 121) + "\x1bbc", 128, strings.Repeat("a", 121) + `\u001b` + Marker},
		{strings.Repeat("\u202e", 5000), 128, strings.Repeat(`\u202e`, 21) + Marker},
		{strings.Repeat("\xff", 40), 128, strings.Repeat(`\xff`, 31) + Marker},
	}
	for _, tt := range tests {
		got := Render(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("Render(%.40q…, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > tt.max {
			t.Errorf("Render(%.40q…) is %d characters, over %d", tt.in, n, tt.max)
		}
		if i := firstDangerous(got, false); i >= 0 {
			t.Errorf("Render(%.40q…) = %q has a raw character", tt.in, got)
		}
		// A rendering is printable and within the bound: rendering it
		// again with Line changes nothing.
		if Line(got) != got || !Printable(got) {
			t.Errorf("Render(%.40q…) = %q is not printable", tt.in, got)
		}
	}
}

// JSON keeps the value: random strings, as encoding/json writes them,
// decode to the same string after JSON, which leaves nothing raw.
func TestJSONKeepsTheValue(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pool := []rune{'a', 'é', ' ', '\n', '\\', '"', 0x1b, 0x7f, 0x9b, 0x202e, 0x2066, 0x200d, 0xfeff, 0x2028, 0xe0041, 0x1f600, 0x10ffff, 0xe000}
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for n := rng.IntN(20); n > 0; n-- {
			b.WriteRune(pool[rng.IntN(len(pool))])
		}
		s := b.String()
		raw, _ := json.Marshal(map[string]any{"v": s, "list": []string{s}})
		// Indented, as supervisor run prints a value.
		var ind strings.Builder
		ind.Write(raw)
		out := JSON([]byte(ind.String()))
		if j := firstDangerous(string(out), true); j >= 0 {
			t.Fatalf("JSON(%q) = %q: raw character at %d", raw, out, j)
		}
		var got struct {
			V    string
			List []string
		}
		if err := json.Unmarshal(out, &got); err != nil || got.V != s || got.List[0] != s {
			t.Fatalf("JSON(%q) = %q decodes to %q, %v; want %q", raw, out, got.V, err, s)
		}
	}
	if got := string(JSON([]byte("\"bad \xff\""))); got != `"bad \ufffd"` {
		t.Errorf("JSON of a byte that is not UTF-8 = %q", got)
	}
	if got := string(JSON([]byte("{\n  \"a\": \"\t\"\n}"))); got != "{\n  \"a\": \"\\u0009\"\n}" {
		t.Errorf("JSON changed the newlines, or left a raw tab: %q", got)
	}
}
