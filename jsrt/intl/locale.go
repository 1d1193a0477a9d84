package intl

import (
	"regexp"
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/text/language"

	"codexec/jsrt/intl/locales"
)

// languageTagRe is the structure of a Unicode BCP 47 locale identifier
// (UTS #35): language, script, region, variants, extensions, private use.
var languageTagRe = regexp.MustCompile(`(?i)^(?:[a-z]{2,3}|[a-z]{5,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?$`)

// IsStructurallyValidLanguageTag is the specification's check.
func IsStructurallyValidLanguageTag(tag string) bool {
	if !languageTagRe.MatchString(tag) {
		return false
	}
	// No duplicate variants or singletons.
	seen := map[string]bool{}
	for _, p := range strings.Split(strings.ToLower(tag), "-")[1:] {
		if p == "x" {
			break
		}
		if len(p) == 1 || len(p) >= 5 || len(p) == 4 && p[0] >= '0' && p[0] <= '9' {
			if seen[p] {
				return false
			}
			seen[p] = true
		}
	}
	return true
}

// CanonicalizeTag returns the canonical form of a structurally valid tag
// (case, aliases, the order of extension keys), as
// Intl.getCanonicalLocales does.
func CanonicalizeTag(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return canonicalCase(tag)
	}
	return t.String()
}

// canonicalCase fixes only the case of each subtag.
func canonicalCase(tag string) string {
	parts := strings.Split(strings.ToLower(tag), "-")
	for i := 1; i < len(parts); i++ {
		switch p := parts[i]; {
		case len(p) == 1:
			return strings.Join(parts, "-")
		case len(p) == 4 && p[0] >= 'a':
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		case len(p) == 2:
			parts[i] = strings.ToUpper(p)
		}
	}
	return strings.Join(parts, "-")
}

// localeOf returns the [[Locale]] of an Intl.Locale object, if v is one
// (Intl.Locale's file sets it).
var localeOf = func(v goja.Value) (string, bool) { return "", false }

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
				if _, isStr := k.Export().(string); !isStr {
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
	if _, ok := locales.Export().(string); ok {
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

// baseAndExtensions splits a canonical tag into the tag without its
// Unicode (-u-) extension and that extension's keywords.
func baseAndExtensions(tag string) (base string, kw map[string]string) {
	kw = map[string]string{}
	parts := strings.Split(tag, "-")
	var b []string
	inU := false
	key := ""
	for i := 0; i < len(parts); i++ {
		p := parts[i]
		if len(p) == 1 {
			if p == "u" {
				inU = true
				continue
			}
			if inU {
				inU = false
			}
			b = append(b, parts[i:]...)
			break
		}
		if !inU {
			b = append(b, p)
			continue
		}
		if len(p) == 2 {
			key = p
			kw[key] = "true"
			continue
		}
		if key != "" {
			if kw[key] == "true" {
				kw[key] = p
			} else {
				kw[key] += "-" + p
			}
		}
	}
	base = strings.Join(b, "-")
	// Drop other extensions and private use from the base for matching.
	if i := strings.Index(base, "-x-"); i >= 0 {
		base = base[:i]
	}
	return base, kw
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

// ResolveLocale is the specification's operation (the lookup matcher, which
// is also what "best fit" does here). relevant lists the extension keys
// the service supports, and opts the values the options object gave for
// them (empty: not given); supported reports whether a value is valid for a
// key in the matched data locale.
func ResolveLocale(requested []string, relevant []string, opts map[string]string, supported func(data, key, value string) bool) Resolved {
	base, data, kw := "", "", map[string]string{}
	for _, r := range requested {
		b, k := baseAndExtensions(r)
		// Truncate the tag until a prefix is available (BestAvailableLocale).
		for cand := b; cand != ""; {
			if d := BestAvailable(cand); d != "" {
				base, data, kw = cand, d, k
				break
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
		if data != "" {
			break
		}
	}
	if data == "" {
		base, data, kw = locales.Default, BestAvailable(locales.Default), map[string]string{}
	}
	res := Resolved{Data: data, Ext: map[string]string{}, Base: base}
	var ext []string
	for _, key := range relevant {
		value := ""
		fromTag := false
		if v, ok := kw[key]; ok {
			if v == "true" {
				v = "true"
			}
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
				ext = append(ext, key)
			} else {
				ext = append(ext, key+"-"+value)
			}
		}
	}
	res.Locale = base
	if len(ext) > 0 {
		res.Locale = insertUnicodeExtension(base, ext)
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
func toStr(v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	return v.ToString().String()
}

// defineSupportedLocalesOf puts supportedLocalesOf(locales, options) on a
// constructor: the requested locales that has(base) accepts, base being
// the tag without extensions.
func defineSupportedLocalesOf(vm *goja.Runtime, ctor *goja.Object, has func(base string) bool) error {
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
