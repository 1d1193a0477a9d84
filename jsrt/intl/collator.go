package intl

import (
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"

	"codexec/jsrt/intl/locales"
)

// collLocale is what ICU knows of a collation locale (collator_locales.go).
type collLocale struct {
	caseFirst   string // default caseFirst
	ignorePunct bool   // default ignorePunctuation
	types       string // collation types ICU has for it, space separated
	reorder     string // its order of scripts, when not root's
	searchRoot  bool   // its search collation is root's
}

// servedTypes are the collation types x/text has tables for, by the
// language (or language-script) they belong to. ICU's others (emoji, eor,
// trad, zhuyin, unihan, …) resolve to "default" here.
var servedTypes = [...]struct{ key, typ string }{
	{"de", "phonebk"},
	{"zh", "stroke"},
	{"zh-Hant", "pinyin"},
}

// collOptions are an Intl.Collator's resolved options.
type collOptions struct {
	base        string // the collation locale: locale without extensions
	locale      string
	usage       string
	sensitivity string
	ignorePunct bool
	collation   string
	numeric     bool
	caseFirst   string
}

// collRequest is what the constructor read from its options; "" is absent.
type collRequest struct {
	usage, collation, numeric, caseFirst, sensitivity, ignorePunct string
}

// collBase returns the collation locale serving a tag without extensions
// (ICU's: the longest truncation of the tag that has collation data), or
// "" when there is none.
func collBase(base string) string {
	return longestPrefix(base, func(l string) bool {
		_, ok := collLocales()[l]
		return ok
	})
}

// servesType reports whether collation type t is available for the
// collation locale loc.
func servesType(loc, t string) bool {
	if !strings.Contains(" "+collLocales()[loc].types+" ", " "+t+" ") {
		return false
	}
	key := strings.SplitN(loc, "-", 2)[0]
	if key == "zh" && collScript(loc) == "Hant" {
		key = "zh-Hant"
	}
	for _, s := range servedTypes {
		if s.key == key {
			return s.typ == t
		}
	}
	return false
}

// collScript is the script of a Chinese collation locale.
func collScript(loc string) string {
	switch {
	case strings.Contains(loc, "-Hant"):
		return "Hant"
	case strings.Contains(loc, "-Hans"):
		return "Hans"
	case strings.HasSuffix(loc, "-TW") || strings.HasSuffix(loc, "-HK") || strings.HasSuffix(loc, "-MO"):
		return "Hant"
	}
	return "Hans"
}

// resolveCollator is ResolveLocale for Intl.Collator, as V8 does it: the
// -u-co- keyword is kept only when the collation option does not replace
// it, -u-kn- and -u-kf- stay in the locale even when an option overrides
// their value.
func resolveCollator(requested []string, req collRequest) collOptions {
	loc, kw := "", map[string]string(nil)
	for _, r := range requested {
		b, k := baseAndExtensions(r)
		if l := collBase(b); l != "" {
			loc, kw = l, k
			break
		}
	}
	if loc == "" {
		loc, kw = collBase(locales.Default), map[string]string{}
	}
	info := collLocales()[loc]
	o := collOptions{base: loc, locale: loc, usage: req.usage, collation: "default", caseFirst: info.caseFirst, ignorePunct: info.ignorePunct}
	if req.usage == "search" {
		// ICU's search collation does not have the locale's settings
		// (Danish upper case first, Thai's ignored punctuation).
		o.caseFirst, o.ignorePunct = "false", false
	}
	var ext []string
	// Keys in the order of a canonical tag: co, kf, kn. A collation
	// type given as an option replaces the tag's; V8 then names it in
	// the locale unless the tag has other collation keywords.
	_, hasKf := kw["kf"]
	_, hasKn := kw["kn"]
	switch tagCo, optCo := kw["co"], req.collation; {
	case optCo != "":
		if servesType(loc, optCo) {
			o.collation = optCo
			if tagCo != "" || !hasKf && !hasKn {
				ext = append(ext, "co-"+optCo)
			}
		}
	case tagCo != "" && servesType(loc, tagCo):
		o.collation = tagCo
		ext = append(ext, "co-"+tagCo)
	}
	if kf, ok := kw["kf"]; ok && (kf == "upper" || kf == "lower" || kf == "false") {
		ext = append(ext, "kf-"+kf)
		o.caseFirst = kf
	}
	if req.caseFirst != "" {
		o.caseFirst = req.caseFirst
	}
	if kn, ok := kw["kn"]; ok {
		o.numeric = kn != "false"
		if o.numeric {
			ext = append(ext, "kn")
		} else {
			ext = append(ext, "kn-false")
		}
	}
	if req.numeric != "" {
		o.numeric = req.numeric == "true"
	}
	o.sensitivity = "variant"
	if req.sensitivity != "" {
		o.sensitivity = req.sensitivity
	}
	if req.ignorePunct != "" {
		o.ignorePunct = req.ignorePunct == "true"
	}
	if len(ext) > 0 {
		o.locale = insertUnicodeExtension(loc, ext)
	}
	return o
}

// key is the comparer key of resolved options.
func (o collOptions) key() collKey {
	return collKey{locale: o.base, collation: o.collation, usage: o.usage, sensitivity: o.sensitivity,
		caseFirst: o.caseFirst, numeric: o.numeric, ignorePunct: o.ignorePunct}
}

// collatorSlots are an Intl.Collator's internal slots.
type collatorSlots struct {
	opts    collOptions
	cmp     *comparer
	compare goja.Value // the bound compare function, made on first get
}

var collators internalSlots[collatorSlots]

// newCollatorSlots is InitializeCollator.
func newCollatorSlots(vm *goja.Runtime, locales, options goja.Value) *collatorSlots {
	requested := CanonicalizeLocaleList(vm, locales)
	opts := CoerceOptionsToObject(vm, options)
	var req collRequest
	req.usage = GetStringOption(vm, opts, "usage", []string{"sort", "search"}, "sort")
	GetStringOption(vm, opts, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
	if v := opts.Get("collation"); v != nil && !goja.IsUndefined(v) {
		s := v.String()
		if !unicodeType(s) {
			ThrowRangeError(vm, "Invalid collation : "+s)
		}
		req.collation = strings.ToLower(s)
	}
	if b, ok := GetBoolOption(vm, opts, "numeric"); ok {
		req.numeric = boolString(b)
	}
	req.caseFirst = GetStringOption(vm, opts, "caseFirst", []string{"upper", "lower", "false"}, "")
	req.sensitivity = GetStringOption(vm, opts, "sensitivity", []string{"base", "accent", "case", "variant"}, "")
	if b, ok := GetBoolOption(vm, opts, "ignorePunctuation"); ok {
		req.ignorePunct = boolString(b)
	}
	o := resolveCollator(requested, req)
	return &collatorSlots{opts: o, cmp: getComparer(o.key())}
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// defaultComparer serves localeCompare without locales and options.
var defaultComparer = func() func() *comparer {
	var c *comparer
	return func() *comparer {
		if c == nil {
			c = getComparer(resolveCollator(nil, collRequest{usage: "sort"}).key())
		}
		return c
	}
}()

// localeComparers are the comparers of localeCompare(that, tag) by tag.
var (
	localeComparersMu sync.Mutex
	localeComparers   = map[string]*comparer{}
)

func localeComparer(vm *goja.Runtime, tag string, locs goja.Value) *comparer {
	localeComparersMu.Lock()
	c, ok := localeComparers[tag]
	localeComparersMu.Unlock()
	if ok {
		return c
	}
	c = newCollatorSlots(vm, locs, goja.Undefined()).cmp // a bad tag throws here
	localeComparersMu.Lock()
	if len(localeComparers) >= 256 {
		localeComparers = map[string]*comparer{}
	}
	localeComparers[tag] = c
	localeComparersMu.Unlock()
	return c
}

func installCollator(vm *goja.Runtime, intl *goja.Object) error {
	var proto *goja.Object
	ctor := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		obj := call.This
		if !isNew(call, proto, &collators) {
			// Called as a function: Intl.Collator(...) makes a collator too.
			obj = vm.CreateObject(proto)
		}
		collators.set(obj, newCollatorSlots(vm, call.Argument(0), call.Argument(1)))
		return obj
	}).ToObject(vm)
	setNameLength(vm, ctor, "Collator", 0)
	proto = ctorPrototype(vm, ctor)
	if err := proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl.Collator"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := defineMethod(vm, proto, "resolvedOptions", 0, func(call goja.FunctionCall) goja.Value {
		o := thisSlots(vm, &collators, call.This, "Intl.Collator.prototype.resolvedOptions").opts
		r := vm.NewObject()
		for _, p := range []struct {
			k string
			v any
		}{{"locale", o.locale}, {"usage", o.usage}, {"sensitivity", o.sensitivity}, {"ignorePunctuation", o.ignorePunct},
			{"collation", o.collation}, {"numeric", o.numeric}, {"caseFirst", o.caseFirst}} {
			_ = r.DefineDataProperty(p.k, vm.ToValue(p.v), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		}
		return r
	}); err != nil {
		return err
	}
	getter := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		s := thisSlots(vm, &collators, call.This, "get Intl.Collator.prototype.compare")
		if s.compare == nil {
			cmp := s.cmp
			f := vm.ToValue(func(call goja.FunctionCall) goja.Value {
				return vm.ToValue(cmp.compare(collString(vm, call.Argument(0)), collString(vm, call.Argument(1))))
			}).ToObject(vm)
			setNameLength(vm, f, "", 2)
			s.compare = f
		}
		return s.compare
	}).ToObject(vm)
	setNameLength(vm, getter, "get compare", 0)
	if err := proto.DefineAccessorProperty("compare", getter, nil, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := addSupportedLocalesOf(vm, ctor, func(base string) bool { return collBase(base) != "" }); err != nil {
		return err
	}
	return intl.DefineDataProperty("Collator", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// installLocaleCompare replaces String.prototype.localeCompare: it is new
// Intl.Collator(locales, options).compare(this, that), as in Node.
func installLocaleCompare(vm *goja.Runtime) error {
	sp := vm.Get("String").ToObject(vm).Get("prototype").ToObject(vm)
	return defineMethod(vm, sp, "localeCompare", 1, func(call goja.FunctionCall) goja.Value {
		if call.This == nil || goja.IsUndefined(call.This) || goja.IsNull(call.This) {
			panic(vm.NewTypeError("String.prototype.localeCompare called on null or undefined"))
		}
		s := collString(vm, call.This)
		that := collString(vm, call.Argument(0))
		locs, opts := call.Argument(1), call.Argument(2)
		var c *comparer
		switch tag, isStr := locs.String(), isString(locs); {
		case goja.IsUndefined(locs) && goja.IsUndefined(opts):
			c = defaultComparer()
		case isStr && goja.IsUndefined(opts):
			// The same locale again (a sort's comparator): no options to
			// read, the comparer depends on the tag alone.
			c = localeComparer(vm, tag, locs)
		default:
			c = newCollatorSlots(vm, locs, opts).cmp
		}
		return vm.ToValue(c.compare(s, that))
	})
}

// collString is ToString for comparison, with what x/text weighs unlike
// ICU mapped to what it weighs alike: U+FFFD, which ICU sorts after every
// other character (x/text takes it for invalid input and sorts it first),
// becomes U+10FFFD; a lone surrogate, which Go strings cannot hold, a
// private-use character of plane 15 (after every assigned character, in
// code unit order, before U+FFFD).
func collString(vm *goja.Runtime, v goja.Value) string {
	if _, ok := v.(*goja.Symbol); ok {
		panic(vm.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	sv := v.ToString()
	s := sv.String()
	gs, ok := sv.(goja.String)
	if !ok || len(s) == gs.Length() || !strings.ContainsRune(s, utf8.RuneError) {
		// ASCII (as many bytes as code units), or no U+FFFD.
		return s
	}
	var b strings.Builder
	n := gs.Length()
	for i := 0; i < n; i++ {
		c := rune(gs.CharAt(i))
		switch {
		case utf16.IsSurrogate(c) && c < 0xDC00 && i+1 < n && gs.CharAt(i+1) >= 0xDC00 && gs.CharAt(i+1) <= 0xDFFF:
			b.WriteRune(utf16.DecodeRune(c, rune(gs.CharAt(i+1))))
			i++
		case utf16.IsSurrogate(c):
			b.WriteRune(0xF0000 + c)
		case c == utf8.RuneError:
			b.WriteRune(0x10FFFD)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}
