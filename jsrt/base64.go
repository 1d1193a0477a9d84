package jsrt

import (
	"encoding/base64"
	"strings"

	"github.com/dop251/goja"
)

// btoa encodes a binary string (every UTF-16 unit at most 0xFF) as base64,
// as the HTML standard defines it.
func (rt *Runtime) btoa(call goja.FunctionCall) goja.Value {
	if len(call.Arguments) == 0 {
		panic(rt.vm.NewTypeError("btoa: 1 argument required, but only 0 present."))
	}
	s, ok := call.Argument(0).ToString().(goja.String)
	if !ok {
		panic(rt.vm.NewTypeError("btoa: argument is not a string"))
	}
	n := s.Length()
	buf := make([]byte, n)
	for i := 0; i < n; i++ {
		c := s.CharAt(i)
		if c > 0xFF {
			panic(rt.domException("InvalidCharacterError", "btoa: the string to be encoded contains characters outside of the Latin1 range."))
		}
		buf[i] = byte(c)
	}
	return rt.vm.ToValue(base64.StdEncoding.EncodeToString(buf))
}

// atob decodes base64 with the HTML standard's forgiving decoder: ASCII
// whitespace is ignored, padding is optional, and the result is a binary
// string.
func (rt *Runtime) atob(call goja.FunctionCall) goja.Value {
	if len(call.Arguments) == 0 {
		panic(rt.vm.NewTypeError("atob: 1 argument required, but only 0 present."))
	}
	s := call.Argument(0).String()
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\f', '\r':
			return -1
		}
		return r
	}, s)
	if len(s)%4 == 0 {
		s = strings.TrimSuffix(s, "=")
		s = strings.TrimSuffix(s, "=")
	}
	bad := func() goja.Value {
		panic(rt.domException("InvalidCharacterError", "atob: the string to be decoded is not correctly encoded."))
	}
	if len(s)%4 == 1 {
		return bad()
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
			return bad()
		}
	}
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return bad()
	}
	units := make([]uint16, len(b))
	for i, c := range b {
		units[i] = uint16(c)
	}
	return rt.vm.ToValue(string(utf16ToRunes(units)))
}

func utf16ToRunes(u []uint16) []rune {
	r := make([]rune, len(u))
	for i, c := range u {
		r[i] = rune(c)
	}
	return r
}

// domException is a DOMException, the web's error for atob and btoa.
func (rt *Runtime) domException(name, message string) *goja.Object {
	return rt.web.DOMException(name, message)
}
