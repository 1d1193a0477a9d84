package builtins

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/dop251/goja"
)

// thisString is RequireObjectCoercible(this) then ToString(this).
func (e *env) thisString(this goja.Value, method string) goja.String {
	if this == nil || goja.IsUndefined(this) || goja.IsNull(this) {
		e.typeError("String.prototype.%s called on null or undefined", method)
	}
	return toString(this)
}

// toString is ToString(v) as a goja.String (UTF-16 preserved).
func toString(v goja.Value) goja.String {
	sv := v.ToString()
	if s, ok := sv.(goja.String); ok {
		return s
	}
	return goja.StringFromUTF16(utf16Of(sv.String()))
}

// installString adds String.prototype.isWellFormed and toWellFormed
// (ES2024). The Annex B HTML methods (anchor, big, ... sup) are left out on
// purpose: thirteen more functions at every start for markup nobody writes.
func (e *env) installString() error {
	proto := e.vm.Get("String").ToObject(e.vm).Get("prototype").ToObject(e.vm)
	if err := e.method(proto, "isWellFormed", 0, func(call goja.FunctionCall) goja.Value {
		s := e.thisString(call.This, "isWellFormed")
		return e.vm.ToValue(loneSurrogate(s, 0) < 0)
	}); err != nil {
		return err
	}
	if err := e.method(proto, "toWellFormed", 0, func(call goja.FunctionCall) goja.Value {
		s := e.thisString(call.This, "toWellFormed")
		i := loneSurrogate(s, 0)
		if i < 0 {
			return s
		}
		n := s.Length()
		units := make([]uint16, n)
		for j := 0; j < n; j++ {
			units[j] = s.CharAt(j)
		}
		for ; i >= 0; i = loneSurrogate(s, i+1) {
			units[i] = 0xFFFD
		}
		return goja.StringFromUTF16(units)
	}); err != nil {
		return err
	}
	return nil
}

func utf16Of(s string) []uint16 {
	return utf16.Encode([]rune(s))
}

// loneSurrogate is the index of the first unpaired surrogate at or after
// from, or -1.
func loneSurrogate(s goja.String, from int) int {
	n := s.Length()
	for i := from; i < n; i++ {
		c := s.CharAt(i)
		switch {
		case c >= 0xD800 && c <= 0xDBFF:
			if i+1 < n {
				if d := s.CharAt(i + 1); d >= 0xDC00 && d <= 0xDFFF {
					i++
					continue
				}
			}
			return i
		case c >= 0xDC00 && c <= 0xDFFF:
			return i
		}
	}
	return -1
}

// installRegExp adds RegExp.escape (ES2025).
func (e *env) installRegExp() error {
	re := e.vm.Get("RegExp").ToObject(e.vm)
	return e.method(re, "escape", 1, func(call goja.FunctionCall) goja.Value {
		s, ok := call.Argument(0).(goja.String)
		if !ok {
			e.typeError("RegExp.escape: input argument must be a string")
		}
		n := s.Length()
		out := make([]uint16, 0, n*2)
		hexEscape := func(prefix byte, c uint16, width int) {
			h := strconv.FormatUint(uint64(c), 16)
			for len(h) < width {
				h = "0" + h
			}
			out = append(out, '\\', uint16(prefix))
			out = append(out, utf16Of(h)...)
		}
		for i := 0; i < n; i++ {
			c := s.CharAt(i)
			if c >= 0xD800 && c <= 0xDBFF && i+1 < n {
				if d := s.CharAt(i + 1); d >= 0xDC00 && d <= 0xDFFF {
					out = append(out, c, d) // a paired surrogate is one code point
					i++
					continue
				}
			}
			switch {
			case i == 0 && (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'):
				hexEscape('x', c, 2)
			case strings.ContainsRune("^$\\.*+?()[]{}|/", rune(c)):
				out = append(out, '\\', c)
			case c == '\t':
				out = append(out, '\\', 't')
			case c == '\n':
				out = append(out, '\\', 'n')
			case c == '\v':
				out = append(out, '\\', 'v')
			case c == '\f':
				out = append(out, '\\', 'f')
			case c == '\r':
				out = append(out, '\\', 'r')
			case strings.ContainsRune(",-=<>#&!%:;@~'`\"", rune(c)) || isRegExpWhiteSpace(c) || c >= 0xD800 && c <= 0xDFFF:
				if c <= 0xFF {
					hexEscape('x', c, 2)
				} else {
					hexEscape('u', c, 4)
				}
			default:
				out = append(out, c)
			}
		}
		return goja.StringFromUTF16(out)
	})
}

// isRegExpWhiteSpace is WhiteSpace or LineTerminator.
func isRegExpWhiteSpace(c uint16) bool {
	switch c {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return c >= 0x2000 && c <= 0x200A
}
