package intl

import (
	"sort"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"codexec/jsrt/intl/locales"
)

// IsStructurallyValidLanguageTag is the specification's check: a Unicode
// BCP 47 locale identifier (UTS #35), with no repeated variant or
// extension singleton.
func IsStructurallyValidLanguageTag(tag string) bool {
	_, ok := parseTag(tag)
	return ok
}

// CanonicalizeTag returns the canonical form of a structurally valid tag
// (CanonicalizeUnicodeLocaleId, as Intl.getCanonicalLocales does): case,
// CLDR's aliases of languages, scripts, regions and variants, sorted
// variants, sorted and canonical -u- keywords without "true".
func CanonicalizeTag(tag string) string {
	if knownCanonical()[tag] {
		// A common tag already canonical: no need for the alias data.
		return tag
	}
	canonMu.Lock()
	c, ok := canonCache[tag]
	canonMu.Unlock()
	if ok {
		return c
	}
	t, ok := parseTag(tag)
	if !ok {
		return tag
	}
	if cased := t.String(); knownCanonical()[cased] {
		c = cased // EN-us: only the case was not canonical
	} else {
		t.canonicalize()
		c = t.String()
	}
	canonMu.Lock()
	if len(canonCache) >= 4096 {
		canonCache = map[string]string{}
	}
	canonCache[tag] = c
	canonMu.Unlock()
	return c
}

// knownCanonical are tags known to be canonical (the data locales, ICU's
// collation locales): CanonicalizeTag returns them as they are without
// decoding CLDR's aliases (TestKnownCanonical checks them).
var knownCanonical = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, len(locales.Data)+len(collLocales()))
	for _, l := range locales.Data {
		m[l] = true
	}
	for l := range collLocales() {
		m[l] = true
	}
	return m
})

// canonCache holds the canonical forms of the tags last canonicalized: a
// program that passes a locale to every localeCompare canonicalizes the
// same tag again and again.
var (
	canonMu    sync.Mutex
	canonCache = map[string]string{}
)

// CanonicalizeLocaleList is the specification's operation: undefined gives
// none, a string or Intl.Locale one, anything else is read as a list. A
// tag that is not structurally valid is a RangeError.
func CanonicalizeLocaleList(vm *goja.Runtime, locales goja.Value) []string {
	if locales == nil || goja.IsUndefined(locales) {
		return nil
	}
	var seen []string
	add := func(k goja.Value) {
		var tag string
		if t, ok := localeOf(k); ok {
			tag = t
		} else {
			if _, isObj := k.(*goja.Object); !isObj {
				if !isString(k) {
					panic(vm.NewTypeError("Language ID should be string or object."))
				}
			}
			s := k.String()
			if !IsStructurallyValidLanguageTag(s) {
				ThrowRangeError(vm, "Incorrect locale information provided")
			}
			tag = CanonicalizeTag(s)
		}
		for _, s := range seen {
			if s == tag {
				return
			}
		}
		seen = append(seen, tag)
	}
	if isString(locales) {
		add(locales)
		return seen
	}
	if _, ok := localeOf(locales); ok {
		add(locales)
		return seen
	}
	if goja.IsNull(locales) {
		panic(vm.NewTypeError("Cannot convert undefined or null to object"))
	}
	o := locales.ToObject(vm)
	n := toLength(o.Get("length"))
	for k := int64(0); k < n; k++ {
		// goja's Get is nil for an absent property (HasProperty false).
		v := o.Get(vm.ToValue(k).String())
		if v == nil {
			continue
		}
		add(v)
	}
	return seen
}

func toLength(v goja.Value) int64 {
	if v == nil || goja.IsUndefined(v) {
		return 0
	}
	f := v.ToFloat()
	if f != f || f <= 0 {
		return 0
	}
	if f > 1<<53-1 {
		return 1<<53 - 1
	}
	return int64(f)
}

// Resolved is the outcome of ResolveLocale.
type Resolved struct {
	// Locale is what resolvedOptions().locale reports: the matched tag with
	// the Unicode extension keys that were requested and supported.
	Locale string
	// Data is the CLDR id whose data serves it (one of locales.Data).
	Data string
	// Ext holds the resolved values of the relevant extension keys (nu,
	// ca, hc, co, kn, kf, …) that came from the tag or the options.
	Ext map[string]string
	// Base is Locale without extensions.
	Base string
}

// baseAndExtensions splits a canonical tag into the tag without any
// extension or private use (language, script, region, variants) and its
// Unicode (-u-) keywords ("true" for a keyword without a type).
func baseAndExtensions(tag string) (base string, kw map[string]string) {
	kw = map[string]string{}
	t, ok := parseTag(tag)
	if !ok {
		return tag, kw
	}
	for _, k := range t.kw {
		if _, dup := kw[k.key]; !dup {
			v := k.value
			if v == "" {
				v = "true"
			}
			kw[k.key] = v
		}
	}
	return t.baseString(), kw
}

// BestAvailable returns the data locale for a tag without extensions, or
// "" when none serves it.
func BestAvailable(base string) string {
	c := locales.Chain(base)
	if len(c) == 0 {
		return ""
	}
	return c[0]
}

// available is the set of locales ICU has data for (CLDR's), to which a
// requested tag is truncated for resolvedOptions().locale.
var available = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, 1100)
	if err := readTextSections(names, "data/names/available.txt.gz", func(_, l, _ string) { m[l] = true }); err != nil {
		panic("intl: " + err.Error())
	}
	return m
})

// bestAvailableLocale is the specification's BestAvailableLocale over
// CLDR's locales: the longest prefix of base ICU has, "" if none.
func bestAvailableLocale(base string) string {
	av := available()
	return longestPrefix(base, func(l string) bool { return av[l] })
}

// longestPrefix is the longest truncation of the tag base (subtags cut
// from the end, a single-letter subtag going with the one after it) that
// has(), "" if none.
func longestPrefix(base string, has func(string) bool) string {
	for cand := base; cand != ""; {
		if has(cand) {
			return cand
		}
		i := strings.LastIndexByte(cand, '-')
		if i < 0 {
			break
		}
		cand = cand[:i]
		if i >= 2 && cand[len(cand)-2] == '-' {
			cand = cand[:len(cand)-2]
		}
	}
	return ""
}

// ResolveLocale is the specification's operation (the lookup matcher, which
// is also what "best fit" does here). relevant lists the extension keys
// the service supports, and opts the values the options object gave for
// them (empty: not given); supported reports whether a value is valid for a
// key in the matched data locale (nil: any).
//
// The locale is the longest prefix of a requested tag that CLDR has a
// locale for (de-LI stays de-LI, en-XX becomes en); its data is the best
// of locales.Data for it. A keyword of the tag is kept in the locale when
// its key is relevant and its value supported, unless an option gives the
// key another supported value.
func ResolveLocale(requested []string, relevant []string, opts map[string]string, supported func(data, key, value string) bool) Resolved {
	base, data := "", ""
	var kw map[string]string
	for _, r := range requested {
		b, k := baseAndExtensions(r)
		if BestAvailable(b) == "" {
			continue
		}
		if a := bestAvailableLocale(b); a != "" {
			b = a
		}
		if d := BestAvailable(b); d != "" {
			base, data, kw = b, d, k
			break
		}
	}
	if data == "" {
		base, data, kw = locales.Default, BestAvailable(locales.Default), map[string]string{}
	}
	res := Resolved{Data: data, Ext: map[string]string{}, Base: base}
	var ext []keyword
	for _, key := range relevant {
		value := ""
		fromTag := false
		if v, ok := kw[key]; ok {
			if supported == nil || supported(data, key, v) {
				value, fromTag = v, true
			}
		}
		if ov, ok := opts[key]; ok && ov != "" {
			if supported == nil || supported(data, key, ov) {
				if ov != value {
					fromTag = false
				}
				value = ov
			}
		}
		if value == "" {
			continue
		}
		res.Ext[key] = value
		if fromTag {
			if value == "true" {
				ext = append(ext, keyword{key, ""})
			} else {
				ext = append(ext, keyword{key, value})
			}
		}
	}
	res.Locale = base
	if len(ext) > 0 {
		sort.Slice(ext, func(i, j int) bool { return ext[i].key < ext[j].key })
		var kws []string
		for _, k := range ext {
			kws = append(kws, k.key)
			if k.value != "" {
				kws = append(kws, k.value)
			}
		}
		res.Locale = insertUnicodeExtension(base, kws)
	}
	return res
}

// insertUnicodeExtension adds -u-<keywords> to a tag before any private use.
func insertUnicodeExtension(base string, kw []string) string {
	priv := ""
	if i := strings.Index(base, "-x-"); i >= 0 {
		base, priv = base[:i], base[i:]
	}
	return base + "-u-" + strings.Join(kw, "-") + priv
}

// SupportedLocales is the specification's SupportedLocales for
// supportedLocalesOf: the requested tags some data serves.
func SupportedLocales(requested []string) []string {
	out := []string{}
	for _, r := range requested {
		b, _ := baseAndExtensions(r)
		if BestAvailable(b) != "" {
			out = append(out, r)
		}
	}
	return out
}

// toStr is ToString: a Symbol is a TypeError.
func toStr(vm *goja.Runtime, v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	if _, ok := v.(*goja.Symbol); ok {
		panic(vm.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	return v.ToString().String()
}

// addSupportedLocalesOf puts supportedLocalesOf(locales, options) on a
// constructor: the requested locales that has(base) accepts, base being
// the tag without extensions.
func addSupportedLocalesOf(vm *goja.Runtime, ctor *goja.Object, has func(base string) bool) error {
	return defineMethod(vm, ctor, "supportedLocalesOf", 1, func(call goja.FunctionCall) goja.Value {
		requested := CanonicalizeLocaleList(vm, call.Argument(0))
		opts := CoerceOptionsToObject(vm, call.Argument(1))
		GetStringOption(vm, opts, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
		out := []any{}
		for _, r := range requested {
			b, _ := baseAndExtensions(r)
			if has(b) {
				out = append(out, r)
			}
		}
		return vm.NewArray(out...)
	})
}

// isString reports whether v is a string primitive (a Symbol is not,
// though goja exports its description as a Go string).
func isString(v goja.Value) bool {
	_, ok := v.(goja.String)
	return ok
}
