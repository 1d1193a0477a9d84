package intl

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// listFormat is an Intl.ListFormat's internal slots.
type listFormat struct {
	locale, typ, style string
	lang               string
	pats               [4]string // start, middle, end, 2
}

var listFormatSlots internalSlots[listFormat]

func newListFormat(vm *goja.Runtime, locales, options goja.Value) *listFormat {
	req := CanonicalizeLocaleList(vm, locales)
	opts := GetOptionsObject(vm, options)
	GetStringOption(vm, opts, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
	res := ResolveLocale(req, nil, nil, nil)
	lf := &listFormat{locale: res.Locale, lang: strings.SplitN(res.Data, "-", 2)[0]}
	lf.typ = GetStringOption(vm, opts, "type", []string{"conjunction", "disjunction", "unit"}, "conjunction")
	lf.style = GetStringOption(vm, opts, "style", []string{"long", "short", "narrow"}, "long")
	key := map[string]string{"conjunction": "standard", "disjunction": "or", "unit": "unit"}[lf.typ]
	if lf.style != "long" {
		key += "-" + lf.style
	}
	data := numbersFor(res.Data)
	p, ok := data.Lists[key]
	if !ok {
		p = data.Lists[strings.SplitN(key, "-", 2)[0]]
	}
	lf.pats = p
	return lf
}

// joinPattern fills a "{0} … {1}" list pattern, adjusting it to the next
// element as ICU does: Spanish "y" → "e" before an /i/ sound and "o" → "u"
// before an /o/ sound; Hebrew "ו" → "ו-" before a non-Hebrew word.
func (lf *listFormat) joinPattern(p, next string) string {
	switch lf.lang {
	case "es":
		if strings.Contains(p, "{0} y {1}") && spanishE(next) {
			p = strings.Replace(p, "{0} y {1}", "{0} e {1}", 1)
		}
		if strings.Contains(p, "{0} o {1}") && spanishU(next) {
			p = strings.Replace(p, "{0} o {1}", "{0} u {1}", 1)
		}
	case "he":
		if strings.Contains(p, "ו{1}") && next != "" {
			r, _ := utf8.DecodeRuneInString(next)
			if !unicode.Is(unicode.Hebrew, r) {
				p = strings.Replace(p, "ו{1}", "ו-{1}", 1)
			}
		}
	}
	return p
}

func spanishE(s string) bool {
	l := strings.ToLower(s)
	if strings.HasPrefix(l, "i") {
		return true
	}
	if strings.HasPrefix(l, "hi") {
		return len(l) == 2 || l[2] != 'a' && l[2] != 'e'
	}
	return false
}

func spanishU(s string) bool {
	l := strings.ToLower(s)
	if strings.HasPrefix(l, "o") || strings.HasPrefix(l, "8") || strings.HasPrefix(l, "ho") {
		return true
	}
	return l == "11" || strings.HasPrefix(l, "11 ")
}

// format is CreatePartsFromList.
func (lf *listFormat) format(items []string) []part {
	n := len(items)
	switch n {
	case 0:
		return nil
	case 1:
		return []part{{typ: "element", val: items[0]}}
	}
	// Build from the end: the last two with "end" (or "2"), then each
	// earlier element with "middle", the first with "start".
	fill := func(pat string, first []part, second []part) []part {
		var out []part
		rest := pat
		for rest != "" {
			i := strings.Index(rest, "{")
			if i < 0 || i+2 >= len(rest) || rest[i+2] != '}' {
				out = append(out, part{typ: "literal", val: rest})
				break
			}
			if i > 0 {
				out = append(out, part{typ: "literal", val: rest[:i]})
			}
			if rest[i+1] == '0' {
				out = append(out, first...)
			} else {
				out = append(out, second...)
			}
			rest = rest[i+3:]
		}
		return out
	}
	el := func(s string) []part { return []part{{typ: "element", val: s}} }
	out := el(items[0])
	for i := 1; i < n; i++ {
		pat := lf.pats[1]
		switch {
		case n == 2:
			pat = lf.pats[3]
		case i == 1:
			pat = lf.pats[0]
		case i == n-1:
			pat = lf.pats[2]
		}
		out = fill(lf.joinPattern(pat, items[i]), out, el(items[i]))
	}
	return out
}

// stringListFromIterable reads the list argument: undefined is empty,
// else an iterable of strings (anything else a TypeError).
func stringListFromIterable(vm *goja.Runtime, v goja.Value) []string {
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	var out []string
	iterate(vm, v, func(x goja.Value) {
		if _, ok := x.Export().(string); !ok {
			panic(vm.NewTypeError("Iterable yielded " + describe(x) + " which is not a string"))
		}
		out = append(out, x.String())
	})
	return out
}

// iterate runs the iteration protocol over an iterable.
func iterate(vm *goja.Runtime, v goja.Value, fn func(goja.Value)) {
	if goja.IsNull(v) {
		panic(vm.NewTypeError("null is not iterable"))
	}
	o := v.ToObject(vm)
	m, ok := goja.AssertFunction(o.GetSymbol(goja.SymIterator))
	if !ok {
		panic(vm.NewTypeError(describe(v) + " is not iterable"))
	}
	itV, err := m(o)
	if err != nil {
		panic(err)
	}
	it := itV.ToObject(vm)
	next, ok := goja.AssertFunction(it.Get("next"))
	if !ok {
		panic(vm.NewTypeError("iterator.next is not a function"))
	}
	for {
		rV, err := next(it)
		if err != nil {
			panic(err)
		}
		r, ok := rV.(*goja.Object)
		if !ok {
			panic(vm.NewTypeError("Iterator result is not an object"))
		}
		if r.Get("done").ToBoolean() {
			return
		}
		func() {
			defer func() {
				if e := recover(); e != nil {
					if ret, ok := goja.AssertFunction(it.Get("return")); ok {
						_, _ = ret(it)
					}
					panic(e)
				}
			}()
			fn(r.Get("value"))
		}()
	}
}

func installListFormat(vm *goja.Runtime, intlObj *goja.Object) error {
	ctor, proto := makeClass(vm, intlObj, "ListFormat", 0, false, func(this *goja.Object, args []goja.Value) {
		listFormatSlots.set(this, newListFormat(vm, argOr(args, 0), argOr(args, 1)))
	})
	if err := defineSupportedLocalesOf(vm, ctor); err != nil {
		return err
	}
	this := func(v goja.Value, method string) *listFormat {
		return receiverSlots(vm, &listFormatSlots, v, "Intl.ListFormat.prototype."+method, describe)
	}
	if err := defineMethod(vm, proto, "resolvedOptions", 0, func(call goja.FunctionCall) goja.Value {
		lf := this(call.This, "resolvedOptions")
		return newPlainObject(vm, "locale", lf.locale, "type", lf.typ, "style", lf.style)
	}); err != nil {
		return err
	}
	if err := defineMethod(vm, proto, "format", 1, func(call goja.FunctionCall) goja.Value {
		lf := this(call.This, "format")
		return vm.ToValue(joinParts(lf.format(stringListFromIterable(vm, call.Argument(0)))))
	}); err != nil {
		return err
	}
	return defineMethod(vm, proto, "formatToParts", 1, func(call goja.FunctionCall) goja.Value {
		lf := this(call.This, "formatToParts")
		return numPartsArray(vm, lf.format(stringListFromIterable(vm, call.Argument(0))), "", "")
	})
}
