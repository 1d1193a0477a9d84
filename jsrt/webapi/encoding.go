package webapi

import (
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/transform"
)

// ---- TextEncoder ----

func (w *web) textEncoderClass() *class {
	if w.textEncoder != nil {
		return w.textEncoder
	}
	vm := w.vm
	type encState struct{}
	c := w.newClass("TextEncoder", 0, nil, func(call goja.ConstructorCall) *goja.Object {
		w.bind(call.This, &encState{})
		return nil
	})
	w.textEncoder = c
	check := func(v goja.Value) {
		if _, ok := w.stateOf(v).(*encState); !ok {
			panic(w.invalidThis("TextEncoder"))
		}
	}
	w.accessor(c.proto, "encoding", func(call goja.FunctionCall) goja.Value {
		check(call.This)
		return vm.ToValue("utf-8")
	}, nil)
	w.method(c.proto, "encode", 0, func(call goja.FunctionCall) goja.Value {
		check(call.This)
		s := ""
		if v := call.Argument(0); !goja.IsUndefined(v) {
			s = w.str(v)
		}
		return w.uint8Array([]byte(toUSV(s)))
	})
	w.method(c.proto, "encodeInto", 2, func(call goja.FunctionCall) goja.Value {
		check(call.This)
		src := w.str(call.Argument(0))
		dst, ok := w.bytesOf(call.Argument(1), true)
		if !ok {
			panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE",
				`The "dest" argument must be an instance of Uint8Array.`+receivedInstance(call.Argument(1))))
		}
		read, written := 0, 0
		for _, r := range toUSV(src) {
			n := utf8.RuneLen(r)
			if written+n > len(dst) {
				break
			}
			utf8.EncodeRune(dst[written:], r)
			written += n
			read += utf16.RuneLen(r)
		}
		return w.object("read", read, "written", written)
	})
	return c
}

func receivedInstance(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		if c, ok := o.Get("constructor").(*goja.Object); ok {
			if n := c.Get("name"); n != nil && n.String() != "" {
				return " Received an instance of " + n.String()
			}
		}
		return " Received an instance of Object"
	}
	return " Received " + describeReceived(v)
}

// uint8Array makes a new Uint8Array over b.
func (w *web) uint8Array(b []byte) *goja.Object {
	o, err := w.vm.New(w.uint8ArrayCtor, w.vm.ToValue(w.vm.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	return o
}

// ---- TextDecoder ----

const (
	encUTF8 = iota
	encUTF16LE
	encUTF16BE
	encWindows1252
	encLegacy // any other encoding of the Encoding Standard, through x/text
)

var encodingNames = [...]string{"utf-8", "utf-16le", "utf-16be", "windows-1252"}

// encodingLabels are the Encoding Standard's labels of the encodings
// implemented here, by encoding.
var encodingLabels = [...]string{
	encUTF8:        "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8",
	encUTF16LE:     "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
	encUTF16BE:     "unicodefffe utf-16be",
	encWindows1252: "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252",
}

// legacyLabels are the Encoding Standard's other encodings (decoded with
// x/text), by name, with their labels.
var legacyLabels = [...]struct{ name, labels string }{
	{"ibm866", "866 cp866 csibm866 ibm866"},
	{"iso-8859-2", "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"},
	{"iso-8859-3", "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3"},
	{"iso-8859-4", "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4"},
	{"iso-8859-5", "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988"},
	{"iso-8859-6", "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987"},
	{"iso-8859-7", "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"},
	{"iso-8859-8", "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual"},
	{"iso-8859-8-i", "csiso88598i iso-8859-8-i logical"},
	{"iso-8859-10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
	{"iso-8859-13", "iso-8859-13 iso8859-13 iso885913"},
	{"iso-8859-14", "iso-8859-14 iso8859-14 iso885914"},
	{"iso-8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
	{"iso-8859-16", "iso-8859-16"},
	{"koi8-r", "cskoi8r koi koi8 koi8-r koi8_r"},
	{"koi8-u", "koi8-ru koi8-u"},
	{"macintosh", "csmacintosh mac macintosh x-mac-roman"},
	{"windows-874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
	{"windows-1250", "cp1250 windows-1250 x-cp1250"},
	{"windows-1251", "cp1251 windows-1251 x-cp1251"},
	{"windows-1253", "cp1253 windows-1253 x-cp1253"},
	{"windows-1254", "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"},
	{"windows-1255", "cp1255 windows-1255 x-cp1255"},
	{"windows-1256", "cp1256 windows-1256 x-cp1256"},
	{"windows-1257", "cp1257 windows-1257 x-cp1257"},
	{"windows-1258", "cp1258 windows-1258 x-cp1258"},
	{"x-mac-cyrillic", "x-mac-cyrillic x-mac-ukrainian"},
	{"gbk", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"},
	{"gb18030", "gb18030"},
	{"big5", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
	{"euc-jp", "cseucpkdfmtjapanese euc-jp x-euc-jp"},
	{"iso-2022-jp", "csiso2022jp iso-2022-jp"},
	{"shift_jis", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"},
	{"euc-kr", "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 windows-949"},
	{"replacement", "csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr replacement"},
	{"x-user-defined", "x-user-defined"},
}

// encodingOf finds the encoding of a label (lower case, trimmed):
// encUTF8 … encWindows1252, or encLegacy+i for legacyLabels[i]. It scans
// the tables, allocating nothing: a map of the 228 labels would cost more
// to build than the scans of a program's few TextDecoders.
func encodingOf(label string) (int, bool) {
	for enc, labels := range encodingLabels {
		if hasField(labels, label) {
			return enc, true
		}
	}
	for i, e := range legacyLabels {
		if hasField(e.labels, label) {
			return encLegacy + i, true
		}
	}
	return 0, false
}

// hasField reports whether f is one of the space-separated fields of s.
func hasField(s, f string) bool {
	for s != "" {
		var field string
		field, s, _ = strings.Cut(s, " ")
		if field == f {
			return true
		}
	}
	return false
}

// legacyEncoding is x/text's decoder of a legacy encoding, by name.
func legacyEncoding(name string) encoding.Encoding {
	switch name {
	case "ibm866":
		return charmap.CodePage866
	case "iso-8859-2":
		return charmap.ISO8859_2
	case "iso-8859-3":
		return charmap.ISO8859_3
	case "iso-8859-4":
		return charmap.ISO8859_4
	case "iso-8859-5":
		return charmap.ISO8859_5
	case "iso-8859-6":
		return charmap.ISO8859_6
	case "iso-8859-7":
		return charmap.ISO8859_7
	case "iso-8859-8":
		return charmap.ISO8859_8
	case "iso-8859-8-i":
		return charmap.ISO8859_8I
	case "iso-8859-10":
		return charmap.ISO8859_10
	case "iso-8859-13":
		return charmap.ISO8859_13
	case "iso-8859-14":
		return charmap.ISO8859_14
	case "iso-8859-15":
		return charmap.ISO8859_15
	case "iso-8859-16":
		return charmap.ISO8859_16
	case "koi8-r":
		return charmap.KOI8R
	case "koi8-u":
		return charmap.KOI8U
	case "macintosh":
		return charmap.Macintosh
	case "windows-874":
		return charmap.Windows874
	case "windows-1250":
		return charmap.Windows1250
	case "windows-1251":
		return charmap.Windows1251
	case "windows-1253":
		return charmap.Windows1253
	case "windows-1254":
		return charmap.Windows1254
	case "windows-1255":
		return charmap.Windows1255
	case "windows-1256":
		return charmap.Windows1256
	case "windows-1257":
		return charmap.Windows1257
	case "windows-1258":
		return charmap.Windows1258
	case "x-mac-cyrillic":
		return charmap.MacintoshCyrillic
	case "gbk":
		return simplifiedchinese.GBK
	case "gb18030":
		return simplifiedchinese.GB18030
	case "big5":
		return traditionalchinese.Big5
	case "euc-jp":
		return japanese.EUCJP
	case "iso-2022-jp":
		return japanese.ISO2022JP
	case "shift_jis":
		return japanese.ShiftJIS
	case "euc-kr":
		return korean.EUCKR
	case "replacement":
		return encoding.Replacement
	case "x-user-defined":
		return charmap.XUserDefined
	}
	return nil
}

type decState struct {
	enc              int
	name             string                // the encoding's name
	legacy           encoding.Encoding     // encLegacy's
	tr               transform.Transformer // encLegacy's decoder, kept while streaming
	table            *[256]rune            // a single-byte encoding's, -1 where a byte is not mapped
	fatal, ignoreBOM bool
	pending          []byte // bytes of an incomplete sequence, between stream calls
	bomSeen          bool   // the stream's start is behind us
}

func (w *web) textDecoderClass() *class {
	if w.textDecoder != nil {
		return w.textDecoder
	}
	vm := w.vm
	c := w.newClass("TextDecoder", 0, nil, func(call goja.ConstructorCall) *goja.Object {
		label := "utf-8"
		if v := call.Argument(0); !goja.IsUndefined(v) {
			label = w.str(v)
		}
		st, err := newDecState(label)
		if err != nil {
			panic(w.nodeError(w.rangeErrorCtor, "ERR_ENCODING_NOT_SUPPORTED", `The "`+err.Error()+`" encoding is not supported`))
		}
		if v := call.Argument(1); !goja.IsUndefined(v) && !goja.IsNull(v) {
			o, ok := v.(*goja.Object)
			if !ok {
				panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE", `The "options" argument must be of type object. Received `+describeReceived(v)))
			}
			st.fatal = o.Get("fatal") != nil && o.Get("fatal").ToBoolean()
			st.ignoreBOM = o.Get("ignoreBOM") != nil && o.Get("ignoreBOM").ToBoolean()
		}
		w.bind(call.This, st)
		return nil
	})
	w.textDecoder = c
	stateOf := func(v goja.Value) *decState {
		st, ok := w.stateOf(v).(*decState)
		if !ok {
			panic(w.invalidThis("TextDecoder"))
		}
		return st
	}
	w.accessor(c.proto, "encoding", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(stateOf(call.This).name)
	}, nil)
	w.accessor(c.proto, "fatal", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(stateOf(call.This).fatal)
	}, nil)
	w.accessor(c.proto, "ignoreBOM", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(stateOf(call.This).ignoreBOM)
	}, nil)
	w.method(c.proto, "decode", 0, func(call goja.FunctionCall) goja.Value {
		st := stateOf(call.This)
		var in []byte
		if v := call.Argument(0); !goja.IsUndefined(v) && !goja.IsNull(v) {
			b, ok := w.bytesOf(v, false)
			if !ok {
				panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE",
					`The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.`))
			}
			in = b
		}
		stream := false
		if v := call.Argument(1); !goja.IsUndefined(v) && !goja.IsNull(v) {
			o, ok := v.(*goja.Object)
			if !ok {
				panic(w.nodeError(w.typeErrorCtor, "ERR_INVALID_ARG_TYPE", `The "options" argument must be of type object. Received `+describeReceived(v)))
			}
			stream = o.Get("stream") != nil && o.Get("stream").ToBoolean()
		}
		s, ok := st.decode(in, stream)
		if !ok {
			panic(w.nodeError(w.typeErrorCtor, "ERR_ENCODING_INVALID_ENCODED_DATA", "The encoded data was not valid for encoding "+st.name))
		}
		return vm.ToValue(s)
	})
	return c
}

// newDecState finds the encoding of a label as the Encoding Standard does;
// the error's text is what Node names in its RangeError.
func newDecState(label string) (*decState, error) {
	key := strings.ToLower(strings.Trim(label, "\t\n\f\r "))
	enc, ok := encodingOf(key)
	switch {
	case !ok:
		return nil, errors.New(label)
	case enc < encLegacy:
		return &decState{enc: enc, name: encodingNames[enc]}, nil
	}
	name := legacyLabels[enc-encLegacy].name
	if name == "replacement" {
		return nil, errors.New("replacement")
	}
	e := legacyEncoding(name)
	st := &decState{enc: encLegacy, name: name, legacy: e}
	cm, ok := e.(*charmap.Charmap)
	if name == "iso-8859-8-i" { // the same characters as iso-8859-8
		cm, ok = charmap.ISO8859_8, true
	}
	if ok {
		// x/text's tables leave out the C1 controls, which the Encoding
		// Standard's indexes (and Node) map from bytes 0x80–0x9F wherever
		// no other character is there.
		st.table = new([256]rune)
		for b := range 256 {
			r := cm.DecodeByte(byte(b))
			if r == utf8.RuneError {
				r = -1
				if b >= 0x80 && b <= 0x9F {
					r = rune(b)
				}
			}
			st.table[b] = r
		}
	}
	return st, nil
}

// decodeLegacy decodes with x/text's decoder, which writes U+FFFD for
// malformed input (no legacy encoding can encode U+FFFD itself).
func (st *decState) decodeLegacy(buf []byte, stream bool) (out string, rest []byte, bad bool) {
	if st.table != nil {
		r := make([]rune, len(buf))
		for i, b := range buf {
			if r[i] = st.table[b]; r[i] < 0 {
				if st.fatal {
					return "", nil, true
				}
				r[i] = utf8.RuneError
			}
		}
		return string(r), nil, false
	}
	if st.tr == nil {
		st.tr = st.legacy.NewDecoder()
	}
	dst := make([]byte, 3*len(buf)+16)
	var n int
	src := buf
	for {
		nDst, nSrc, err := st.tr.Transform(dst[n:], src, !stream)
		n += nDst
		src = src[nSrc:]
		if errors.Is(err, transform.ErrShortDst) {
			dst = append(dst, make([]byte, len(dst))...)
			continue
		}
		if err != nil && !errors.Is(err, transform.ErrShortSrc) {
			src = nil // cannot happen with these decoders: malformed input is U+FFFD
		}
		break
	}
	out = string(dst[:n])
	if st.fatal && strings.ContainsRune(out, utf8.RuneError) {
		return "", nil, true
	}
	if !stream {
		st.tr.Reset()
		if len(src) > 0 {
			out += "\uFFFD"
		}
		return out, nil, false
	}
	return out, src, false
}

// decode decodes in after any bytes pending from a streaming call; ok is
// false when fatal and the input is malformed (the state is then reset).
func (st *decState) decode(in []byte, stream bool) (string, bool) {
	buf := in
	if len(st.pending) > 0 {
		buf = append(append([]byte(nil), st.pending...), in...)
		st.pending = nil
	}
	if st.enc == encLegacy {
		out, rest, bad := st.decodeLegacy(buf, stream)
		if bad {
			st.pending = nil
			if st.tr != nil {
				st.tr.Reset()
			}
			return "", false
		}
		st.pending = rest
		return out, true
	}
	var out []rune
	var rest []byte
	bad := false
	switch st.enc {
	case encUTF8:
		out, rest, bad = utf8Decode(buf, stream, st.fatal)
	case encUTF16LE, encUTF16BE:
		out, rest, bad = utf16Decode(buf, st.enc == encUTF16BE, stream, st.fatal)
	case encWindows1252:
		out = make([]rune, len(buf))
		for i, b := range buf {
			out[i] = windows1252(b)
		}
	}
	if bad {
		st.pending, st.bomSeen = nil, false
		return "", false
	}
	if !st.ignoreBOM && !st.bomSeen && len(out) > 0 && st.enc != encWindows1252 {
		st.bomSeen = true
		if out[0] == 0xFEFF {
			out = out[1:]
		}
	}
	if stream {
		st.pending = rest
	} else {
		st.bomSeen = false
	}
	return string(out), true
}

// utf8Decode is the Encoding Standard's UTF-8 decoder: each maximal
// malformed subpart becomes one U+FFFD (or fails when fatal). With stream,
// an incomplete sequence at the end is returned in rest.
func utf8Decode(b []byte, stream, fatal bool) (out []rune, rest []byte, bad bool) {
	out = make([]rune, 0, len(b))
	var cp rune
	need, seen := 0, 0
	lower, upper := byte(0x80), byte(0xBF)
	start := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if need == 0 {
			start = i
			switch {
			case c <= 0x7F:
				out = append(out, rune(c))
			case c >= 0xC2 && c <= 0xDF:
				need, cp = 1, rune(c&0x1F)
			case c >= 0xE0 && c <= 0xEF:
				if c == 0xE0 {
					lower = 0xA0
				} else if c == 0xED {
					upper = 0x9F
				}
				need, cp = 2, rune(c&0xF)
			case c >= 0xF0 && c <= 0xF4:
				if c == 0xF0 {
					lower = 0x90
				} else if c == 0xF4 {
					upper = 0x8F
				}
				need, cp = 3, rune(c&0x7)
			default:
				if fatal {
					return nil, nil, true
				}
				out = append(out, 0xFFFD)
			}
			continue
		}
		if c < lower || c > upper {
			cp, need, seen, lower, upper = 0, 0, 0, 0x80, 0xBF
			if fatal {
				return nil, nil, true
			}
			out = append(out, 0xFFFD)
			i-- // reprocess this byte
			continue
		}
		lower, upper = 0x80, 0xBF
		cp = cp<<6 | rune(c&0x3F)
		seen++
		if seen == need {
			out = append(out, cp)
			cp, need, seen = 0, 0, 0
		}
	}
	if need > 0 {
		if stream {
			return out, b[start:], false
		}
		if fatal {
			return nil, nil, true
		}
		out = append(out, 0xFFFD)
	}
	return out, nil, false
}

// decodeUTF8 decodes b with replacement, as the URL and form parsers do.
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	r, _, _ := utf8Decode(b, false, false)
	return string(r)
}

// utf16Decode is the Encoding Standard's UTF-16LE/BE decoder.
func utf16Decode(b []byte, bigEndian, stream, fatal bool) (out []rune, rest []byte, bad bool) {
	out = make([]rune, 0, len(b)/2)
	var lead uint16 // a pending lead surrogate, 0 if none
	i := 0
	for ; i+1 < len(b); i += 2 {
		u := uint16(b[i]) | uint16(b[i+1])<<8
		if bigEndian {
			u = uint16(b[i])<<8 | uint16(b[i+1])
		}
		if lead != 0 {
			if u >= 0xDC00 && u <= 0xDFFF {
				out = append(out, utf16.DecodeRune(rune(lead), rune(u)))
				lead = 0
				continue
			}
			lead = 0
			if fatal {
				return nil, nil, true
			}
			out = append(out, 0xFFFD)
		}
		switch {
		case u >= 0xD800 && u <= 0xDBFF:
			lead = u
		case u >= 0xDC00 && u <= 0xDFFF:
			if fatal {
				return nil, nil, true
			}
			out = append(out, 0xFFFD)
		default:
			out = append(out, rune(u))
		}
	}
	if stream {
		if lead != 0 {
			i -= 2
		}
		return out, b[i:], false
	}
	if lead != 0 || i < len(b) {
		if fatal {
			return nil, nil, true
		}
		out = append(out, 0xFFFD)
	}
	return out, nil, false
}

// windows1252 maps a byte as the Encoding Standard's windows-1252 does.
func windows1252(b byte) rune {
	if b >= 0x80 && b <= 0x9F {
		return cp1252High[b-0x80]
	}
	return rune(b)
}

var cp1252High = [32]rune{
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
}
