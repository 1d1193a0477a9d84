package intl

import (
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// Intl.DisplayNames, on CLDR's locale display names (data/names).

// localeNames is one data locale's names (data/names/LOCALE.txt.gz),
// merged with its parents'.
type localeNames struct {
	Language map[string]string
	Region   map[string]string
	Script   map[string]string
	Variant  map[string]string
	Currency map[string]string
	Calendar map[string]string
	Field    map[string][3]string
	Pattern  string
	Sep      string
	Parent   string
}

var (
	namesMu    sync.Mutex
	namesCache = map[string]*localeNames{}
)

// namesFor returns the names of a data locale (one of locales.Data),
// decoding them the first time.
func namesFor(id string) *localeNames {
	namesMu.Lock()
	defer namesMu.Unlock()
	return namesForLocked(id)
}

func namesForLocked(id string) *localeNames {
	if n, ok := namesCache[id]; ok {
		return n
	}
	n := &localeNames{Language: map[string]string{}, Region: map[string]string{}, Script: map[string]string{},
		Variant: map[string]string{}, Currency: map[string]string{}, Calendar: map[string]string{}, Field: map[string][3]string{}}
	err := readTextSections(names, "data/names/"+id+".txt.gz", func(sec, k, v string) {
		switch sec {
		case "meta":
			switch k {
			case "pattern":
				n.Pattern = v
			case "separator":
				n.Sep = v
			case "parent":
				n.Parent = v
			}
		case "language":
			n.Language[k] = v
		case "region":
			n.Region[k] = v
		case "script":
			n.Script[k] = v
		case "variant":
			n.Variant[k] = v
		case "currency":
			n.Currency[k] = v
		case "calendar":
			n.Calendar[k] = v
		case "field":
			f := strings.SplitN(v, "\t", 3)
			if len(f) == 3 {
				n.Field[k] = [3]string{f[0], f[1], f[2]}
			}
		}
	})
	if err != nil {
		panic("intl: display names of " + id + ": " + err.Error())
	}
	if n.Parent != "" {
		p := namesForLocked(n.Parent)
		merge := func(dst *map[string]string, src map[string]string) {
			m := make(map[string]string, len(src)+len(*dst))
			for k, v := range src {
				m[k] = v
			}
			for k, v := range *dst {
				m[k] = v
			}
			*dst = m
		}
		merge(&n.Language, p.Language)
		merge(&n.Region, p.Region)
		merge(&n.Script, p.Script)
		merge(&n.Variant, p.Variant)
		merge(&n.Currency, p.Currency)
		merge(&n.Calendar, p.Calendar)
		f := make(map[string][3]string, len(p.Field))
		for k, v := range p.Field {
			f[k] = v
		}
		for k, v := range n.Field {
			f[k] = v
		}
		n.Field = f
		if n.Pattern == "" {
			n.Pattern, n.Sep = p.Pattern, p.Sep
		}
	}
	namesCache[id] = n
	return n
}

// displayNamesSlots are an Intl.DisplayNames' internal slots.
type displayNamesSlots struct {
	locale, data, style, typ, fallback, languageDisplay string
}

var displayNamesObjs internalSlots[displayNamesSlots]

var dateTimeFields = []string{"era", "year", "quarter", "month", "weekOfYear", "weekday", "day", "dayPeriod", "hour", "minute", "second", "timeZoneName"}

// cldrCalendar names the calendars CLDR's display names know by their
// older keys.
func cldrCalendar(code string) (string, bool) {
	switch code {
	case "gregory":
		return "gregorian", true
	case "ethioaa":
		return "ethiopic-amete-alem", true
	}
	return "", false
}

func installDisplayNames(vm *goja.Runtime, intl *goja.Object) error {
	var proto *goja.Object
	ctor := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		if !isNew(call, proto, &displayNamesObjs) {
			panic(vm.NewTypeError("Constructor Intl.DisplayNames requires 'new'"))
		}
		requested := CanonicalizeLocaleList(vm, call.Argument(0))
		opts := GetOptionsObject(vm, call.Argument(1))
		GetStringOption(vm, opts, "localeMatcher", []string{"lookup", "best fit"}, "best fit")
		r := ResolveLocale(requested, nil, nil, nil)
		s := &displayNamesSlots{locale: r.Locale, data: r.Data}
		s.style = GetStringOption(vm, opts, "style", []string{"narrow", "short", "long"}, "long")
		s.typ = GetStringOption(vm, opts, "type", []string{"language", "region", "script", "currency", "calendar", "dateTimeField"}, "")
		if s.typ == "" {
			panic(vm.NewTypeError("Required option type is missing"))
		}
		s.fallback = GetStringOption(vm, opts, "fallback", []string{"code", "none"}, "code")
		s.languageDisplay = GetStringOption(vm, opts, "languageDisplay", []string{"dialect", "standard"}, "dialect")
		displayNamesObjs.set(call.This, s)
		return call.This
	}).ToObject(vm)
	setNameLength(vm, ctor, "DisplayNames", 2)
	proto = ctorPrototype(vm, ctor)
	if err := proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl.DisplayNames"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := defineMethod(vm, proto, "resolvedOptions", 0, func(call goja.FunctionCall) goja.Value {
		s := thisSlots(vm, &displayNamesObjs, call.This, "Intl.DisplayNames.prototype.resolvedOptions")
		o := vm.NewObject()
		put := func(k, v string) {
			_ = o.DefineDataProperty(k, vm.ToValue(v), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		}
		put("locale", s.locale)
		put("style", s.style)
		put("type", s.typ)
		put("fallback", s.fallback)
		if s.typ == "language" {
			put("languageDisplay", s.languageDisplay)
		}
		return o
	}); err != nil {
		return err
	}
	if err := defineMethod(vm, proto, "of", 1, func(call goja.FunctionCall) goja.Value {
		s := thisSlots(vm, &displayNamesObjs, call.This, "Intl.DisplayNames.prototype.of")
		code := toStr(vm, call.Argument(0))
		name, ok, valid := s.of(code)
		if !valid {
			ThrowRangeError(vm, "invalid_argument")
		}
		if !ok {
			if s.fallback == "none" {
				return goja.Undefined()
			}
			return vm.ToValue(name)
		}
		return vm.ToValue(name)
	}); err != nil {
		return err
	}
	if err := addSupportedLocalesOf(vm, ctor, func(base string) bool { return BestAvailable(base) != "" }); err != nil {
		return err
	}
	return intl.DefineDataProperty("DisplayNames", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// of returns the display name of code; ok is false when there is none
// (name is then the fallback), valid false when code is not well formed
// for the type.
func (s *displayNamesSlots) of(code string) (name string, ok, valid bool) {
	n := namesFor(s.data)
	short := s.style != "long"
	switch s.typ {
	case "language":
		t, good := parseTag(code)
		if !good || t.hasU || t.hasT || len(t.others) > 0 || t.priv != "" || strings.EqualFold(code, "root") {
			return "", false, false
		}
		t.canonicalize()
		if v, _ := t.keywordValue("va"); v == "posix" {
			// The POSIX variant became -u-va-posix; it is named as one.
			t.variants = append(t.variants, "posix")
		}
		name, ok = languageName(n, t, short, s.languageDisplay == "dialect")
		return name, ok, true
	case "region":
		if !isRegionSubtag(code) {
			return "", false, false
		}
		if v, found := regionName(n, code, short); found {
			return v, true, true
		}
		return code, false, true
	case "script":
		if code == "" {
			return "", false, true // as V8
		}
		if !isScriptSubtag(code) {
			return "", false, false
		}
		if v, found := n.Script[code]; found {
			return v, true, true
		}
		return code, false, true
	case "currency":
		if len(code) != 3 || !isAlpha(code) {
			return "", false, false
		}
		if v, found := n.Currency[strings.ToUpper(code)]; found {
			return v, true, true
		}
		return code, false, true
	case "calendar":
		if !unicodeType(code) {
			return "", false, false
		}
		key := code
		if k, found := cldrCalendar(code); found {
			key = k
		}
		if v, found := n.Calendar[key]; found {
			return v, true, true
		}
		return code, false, true
	case "dateTimeField":
		for _, f := range dateTimeFields {
			if f == code {
				v := n.Field[f]
				switch s.style {
				case "short":
					return v[1], true, true
				case "narrow":
					return v[2], true, true
				}
				return v[0], true, true
			}
		}
		return "", false, false
	}
	return "", false, false
}

// regionName is a region's name, the short one (UK) if short and CLDR
// has one.
func regionName(n *localeNames, code string, short bool) (string, bool) {
	if short {
		if v, ok := n.Region[code+"-alt-short"]; ok {
			return v, true
		}
	}
	v, ok := n.Region[code]
	return v, ok
}

// languageName composes a locale's display name as ICU does: with dialect
// names, the name of language-script-region or language-region (else
// language-script when there is no region) when CLDR has one; then the
// language's name, with the remaining script, region and variants in
// parentheses. ok is false when a part has no name (the name then uses
// the part's code).
func languageName(n *localeNames, t *langTag, short, dialect bool) (string, bool) {
	lang, script, region := t.lang, titleCase(t.script), strings.ToUpper(t.region)
	lookup := func(k string) (string, bool) {
		if short {
			if v, ok := n.Language[k+"-alt-short"]; ok {
				return v, true
			}
		}
		v, ok := n.Language[k]
		return v, ok
	}
	ok := true
	name := ""
	if dialect {
		switch {
		case script != "" && region != "":
			if v, found := lookup(lang + "-" + script + "-" + region); found {
				name, script, region = v, "", ""
			} else if v, found := lookup(lang + "-" + region); found {
				name, region = v, ""
			}
		case region != "":
			if v, found := lookup(lang + "-" + region); found {
				name, region = v, ""
			}
		case script != "":
			if v, found := lookup(lang + "-" + script); found {
				name, script = v, ""
			}
		}
	}
	if name == "" {
		v, found := lookup(lang)
		if !found || lang == "und" {
			// ICU names und by its code, root.
			v, ok = lang, false
			if lang == "und" {
				v = "root"
			}
		}
		name = v
	}
	var rest []string
	if script != "" {
		v, found := n.Script[script]
		if !found {
			v, ok = script, false
		}
		rest = append(rest, v)
	}
	if region != "" {
		v, found := regionName(n, region, short)
		if !found {
			v, ok = region, false
		}
		rest = append(rest, v)
	}
	for _, variant := range t.variants {
		v, found := n.Variant[strings.ToUpper(variant)]
		if !found {
			v, ok = strings.ToUpper(variant), false
		}
		rest = append(rest, v)
	}
	if len(rest) == 0 {
		return name, ok
	}
	// ICU keeps the parentheses of the pattern unambiguous: a name's own
	// become brackets (ドイツ語正書法[1996]).
	brackets := strings.NewReplacer("(", "[", ")", "]", "（", "［", "）", "］")
	for i := range rest {
		rest[i] = brackets.Replace(rest[i])
	}
	list := rest[0]
	for _, r := range rest[1:] {
		list = strings.Replace(strings.Replace(n.Sep, "{0}", list, 1), "{1}", r, 1)
	}
	return strings.Replace(strings.Replace(n.Pattern, "{0}", name, 1), "{1}", list, 1), ok
}
