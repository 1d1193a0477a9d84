package webapi

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/htmlindex"
)

// TestEncodingLabelsMatchHTMLIndex checks the label table against x/text's
// index of the Encoding Standard (which the runner does not link: its
// tables are built at start-up): every label names the same encoding, and
// the table has all of the standard's 228 labels.
func TestEncodingLabelsMatchHTMLIndex(t *testing.T) {
	var all []string
	for _, labels := range encodingLabels {
		all = append(all, strings.Fields(labels)...)
	}
	for _, e := range legacyLabels {
		all = append(all, strings.Fields(e.labels)...)
	}
	seen := map[string]bool{}
	for _, label := range all {
		if seen[label] {
			t.Errorf("%q listed twice", label)
		}
		seen[label] = true
		enc, ok := encodingOf(label)
		if !ok {
			t.Fatalf("%q not found", label)
		}
		want, err := htmlindex.Get(label)
		if err != nil {
			t.Errorf("%q: not a label of x/text's index", label)
			continue
		}
		wantName, err := htmlindex.Name(want)
		if err != nil {
			t.Fatalf("%q: %v", label, err)
		}
		if enc < encLegacy {
			if encodingNames[enc] != wantName {
				t.Errorf("%q is %s here, %s in x/text", label, encodingNames[enc], wantName)
			}
			continue
		}
		name := legacyLabels[enc-encLegacy].name
		if name != wantName {
			t.Errorf("%q is %s here, %s in x/text", label, name, wantName)
		}
		if got := legacyEncoding(name); got != want {
			t.Errorf("%q: encoding %v, x/text's %v", label, got, want)
		}
	}
	if len(seen) != 228 {
		t.Errorf("%d labels, want the Encoding Standard's 228", len(seen))
	}
	for _, bad := range []string{"", "utf", "utf-8 utf8", "latin", "8859-2", "gbk ", "x"} {
		if _, ok := encodingOf(bad); ok {
			t.Errorf("%q found", bad)
		}
	}
}

func BenchmarkEncodingOf(b *testing.B) {
	for i := 0; i < b.N; i++ {
		encodingOf("utf-8")
		encodingOf("x-user-defined") // the last
		encodingOf("nope")
	}
}

// TestDecoderLabels checks how TextDecoder resolves labels: ASCII
// whitespace around the label and case do not matter, other whitespace
// does, and the replacement encoding's labels are a RangeError.
func TestDecoderLabels(t *testing.T) {
	vm := newVM(t)
	for _, c := range []struct{ src, want string }{
		{`new TextDecoder(" \tShift_JIS\n").encoding`, "shift_jis"},
		{`new TextDecoder("LATIN2").encoding`, "iso-8859-2"},
		{`new TextDecoder("logical").encoding`, "iso-8859-8-i"},
		{`new TextDecoder("x-user-defined").decode(new Uint8Array([0x41, 0x80]))`, "A\uf780"},
		{`new TextDecoder("gbk").decode(new Uint8Array([0xc4, 0xe3]))`, "你"},
		{`new TextDecoder("koi8-r").decode(new Uint8Array([0xc1]))`, "а"},
		{`new TextDecoder("latin1").encoding`, "windows-1252"},
		{`new TextDecoder("UTF8").encoding`, "utf-8"},
		{`try { new TextDecoder("iso-2022-kr") } catch (e) { e.name + ": " + e.message }`, "RangeError: The \"replacement\" encoding is not supported"},
		{`try { new TextDecoder("\vgbk") } catch (e) { e.name }`, "RangeError"},
		{`try { new TextDecoder("utf-7") } catch (e) { e.name }`, "RangeError"},
	} {
		if got := run(t, vm, c.src).String(); got != c.want {
			t.Errorf("%s = %q, want %q", c.src, got, c.want)
		}
	}
}
