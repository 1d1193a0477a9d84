package intl

import (
	"sort"
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// Intl.Locale and Intl.getCanonicalLocales.

// localeSlots are an Intl.Locale's internal slots: its canonical tag.
type localeSlots struct {
	tag *langTag
	str string
}

var localeObjs internalSlots[localeSlots]

// localeOf returns the [[Locale]] of an Intl.Locale object, if v is one.
func localeOf(v goja.Value) (string, bool) {
	if s, ok := localeObjs.get(v); ok {
		return s.str, true
	}
	return "", false
}

func installGetCanonicalLocales(vm *goja.Runtime, intl *goja.Object) error {
	return defineMethod(vm, intl, "getCanonicalLocales", 1, func(call goja.FunctionCall) goja.Value {
		l := CanonicalizeLocaleList(vm, call.Argument(0))
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return vm.NewArray(out...)
	})
}

// localeInfo is info.json.gz.
type localeInfo struct {
	Calendars  map[string][]string `json:"calendars"`
	HourCycles map[string]string   `json:"hourCycles"`
	FirstDay   map[string]int      `json:"firstDay"`
	Weekend    map[string][2]int   `json:"weekend"`
	RTL        []string            `json:"rtl"`
	DefaultNu  map[string]string   `json:"numbering"`
	TimeZones  map[string][]string `json:"timeZones"`
	Currencies []string            `json:"currencies"`
	Numbering  []string            `json:"numberingSystems"`
}

var info = sync.OnceValue(func() *localeInfo {
	in := &localeInfo{}
	if err := readGzJSON(names, "data/names/info.json.gz", in); err != nil {
		panic("intl: " + err.Error())
	}
	return in
})

var weekdays = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// newLocaleSlots is the Intl.Locale constructor's work.
func newLocaleSlots(vm *goja.Runtime, tagArg, optArg goja.Value) *localeSlots {
	var tagStr string
	if s, ok := localeObjs.get(tagArg); ok {
		tagStr = s.str
	} else {
		_, isObj := tagArg.(*goja.Object)
		isStr := isString(tagArg)
		if tagArg == nil || !isObj && !isStr {
			panic(vm.NewTypeError("First argument to Intl.Locale constructor can't be empty or missing"))
		}
		tagStr = toStr(vm, tagArg)
	}
	opts := CoerceOptionsToObject(vm, optArg)
	t, ok := parseTag(tagStr)
	if !ok {
		ThrowRangeError(vm, "Incorrect locale information provided")
	}
	sub := func(name string, valid func(string) bool) string {
		v := opts.Get(name)
		if v == nil || goja.IsUndefined(v) {
			return ""
		}
		s := toStr(vm, v)
		if !valid(s) {
			ThrowRangeError(vm, "Incorrect locale information provided")
		}
		return strings.ToLower(s)
	}
	lang := sub("language", func(s string) bool { return isLangSubtag(s) && len(s) != 4 })
	script := sub("script", isScriptSubtag)
	region := sub("region", isRegionSubtag)
	t.canonicalize()
	if lang != "" {
		t.lang = lang
	}
	if script != "" {
		t.script = script
	}
	if region != "" {
		t.region = region
	}
	if lang != "" || script != "" || region != "" {
		t.canonicalize()
	}
	typeOpt := func(name string, allowed []string) (string, bool) {
		v := opts.Get(name)
		if v == nil || goja.IsUndefined(v) {
			return "", false
		}
		s := toStr(vm, v)
		if allowed != nil {
			for _, a := range allowed {
				if s == a {
					return s, true
				}
			}
			ThrowRangeError(vm, "Value "+s+" out of range for locale options property "+name)
		}
		if !unicodeType(s) {
			ThrowRangeError(vm, "Incorrect locale information provided")
		}
		return strings.ToLower(s), true
	}
	set := func(key, value string, ok bool) {
		if ok {
			t.setKeyword(key, canonicalType(key, value), true)
		}
	}
	ca, okCa := typeOpt("calendar", nil)
	co, okCo := typeOpt("collation", nil)
	fw := ""
	okFw := false
	if v := opts.Get("firstDayOfWeek"); v != nil && !goja.IsUndefined(v) {
		fw, okFw = toStr(vm, v), true
		if len(fw) == 1 && fw[0] >= '0' && fw[0] <= '7' {
			fw = weekdays[fw[0]-'0']
		}
		if !unicodeType(fw) {
			ThrowRangeError(vm, "Incorrect locale information provided")
		}
		fw = strings.ToLower(fw)
	}
	hc, okHc := typeOpt("hourCycle", []string{"h11", "h12", "h23", "h24"})
	kf, okKf := typeOpt("caseFirst", []string{"upper", "lower", "false"})
	kn, okKn := "", false
	if b, ok := GetBoolOption(vm, opts, "numeric"); ok {
		kn, okKn = boolString(b), true
	}
	nu, okNu := typeOpt("numberingSystem", nil)
	set("ca", ca, okCa)
	set("co", co, okCo)
	set("fw", fw, okFw)
	set("hc", hc, okHc)
	set("kf", kf, okKf)
	set("kn", kn, okKn)
	set("nu", nu, okNu)
	return &localeSlots{tag: t, str: t.String()}
}

func installLocale(vm *goja.Runtime, intl *goja.Object) error {
	var proto *goja.Object
	ctor := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		if !isNew(call, proto, &localeObjs) {
			panic(vm.NewTypeError("Constructor Intl.Locale requires 'new'"))
		}
		localeObjs.set(call.This, newLocaleSlots(vm, call.Argument(0), call.Argument(1)))
		return call.This
	}).ToObject(vm)
	setNameLength(vm, ctor, "Locale", 1)
	proto = ctorPrototype(vm, ctor)
	if err := proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl.Locale"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	this := func(call goja.FunctionCall, name string) *localeSlots {
		return thisSlots(vm, &localeObjs, call.This, "Intl.Locale.prototype."+name)
	}
	newLocale := func(t *langTag) goja.Value {
		o := vm.CreateObject(proto)
		localeObjs.set(o, &localeSlots{tag: t, str: t.String()})
		return o
	}
	methods := []struct {
		name string
		fn   func(s *localeSlots) goja.Value
	}{
		{"toString", func(s *localeSlots) goja.Value { return vm.ToValue(s.str) }},
		{"maximize", func(s *localeSlots) goja.Value {
			m, _ := addLikelySubtags(s.tag)
			return newLocale(m)
		}},
		{"minimize", func(s *localeSlots) goja.Value { return newLocale(removeLikelySubtags(s.tag)) }},
	}
	for _, m := range methods {
		m := m
		if err := defineMethod(vm, proto, m.name, 0, func(call goja.FunctionCall) goja.Value {
			return m.fn(this(call, m.name))
		}); err != nil {
			return err
		}
	}
	keywordGetter := func(key string) func(s *localeSlots) goja.Value {
		return func(s *localeSlots) goja.Value {
			v, ok := s.tag.keywordValue(key)
			if !ok {
				return goja.Undefined()
			}
			return vm.ToValue(v)
		}
	}
	strList := func(l []string) goja.Value {
		if l == nil {
			return goja.Undefined()
		}
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return vm.NewArray(out...)
	}
	infoFns := []struct {
		name string
		fn   func(s *localeSlots) goja.Value
	}{
		{"calendars", func(s *localeSlots) goja.Value { return strList(localeCalendars(s.tag)) }},
		{"collations", func(s *localeSlots) goja.Value { return strList(localeCollations(s.tag)) }},
		{"hourCycles", func(s *localeSlots) goja.Value { return strList(localeHourCycles(s.tag)) }},
		{"numberingSystems", func(s *localeSlots) goja.Value { return strList(localeNumberingSystems(s.tag)) }},
		{"textInfo", func(s *localeSlots) goja.Value {
			o := vm.NewObject()
			_ = o.DefineDataProperty("direction", vm.ToValue(localeDirection(s.tag)), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
			return o
		}},
		{"timeZones", func(s *localeSlots) goja.Value { return strList(localeTimeZones(s.tag)) }},
		{"weekInfo", func(s *localeSlots) goja.Value {
			first, weekend := localeWeek(s.tag)
			o := vm.NewObject()
			w := make([]any, len(weekend))
			for i, d := range weekend {
				w[i] = d
			}
			_ = o.DefineDataProperty("firstDay", vm.ToValue(first), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
			_ = o.DefineDataProperty("weekend", vm.NewArray(w...), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
			return o
		}},
	}
	getters := []struct {
		name string
		fn   func(s *localeSlots) goja.Value
	}{
		{"language", func(s *localeSlots) goja.Value {
			if s.tag.lang == "und" {
				return goja.Undefined() // as V8
			}
			return vm.ToValue(s.tag.lang)
		}},
		{"script", func(s *localeSlots) goja.Value {
			if s.tag.script == "" {
				return goja.Undefined()
			}
			return vm.ToValue(titleCase(s.tag.script))
		}},
		{"region", func(s *localeSlots) goja.Value {
			if s.tag.region == "" {
				return goja.Undefined()
			}
			return vm.ToValue(strings.ToUpper(s.tag.region))
		}},
		{"baseName", func(s *localeSlots) goja.Value { return vm.ToValue(s.tag.baseString()) }},
		{"calendar", keywordGetter("ca")},
		{"caseFirst", keywordGetter("kf")},
		{"collation", keywordGetter("co")},
		{"firstDayOfWeek", keywordGetter("fw")},
		{"hourCycle", keywordGetter("hc")},
		{"numeric", func(s *localeSlots) goja.Value {
			v, ok := s.tag.keywordValue("kn")
			return vm.ToValue(ok && (v == "" || v == "true"))
		}},
		{"numberingSystem", keywordGetter("nu")},
	}
	getters = append(getters, infoFns...)
	for _, g := range getters {
		g := g
		f := vm.ToValue(func(call goja.FunctionCall) goja.Value {
			return g.fn(thisSlots(vm, &localeObjs, call.This, "get Intl.Locale.prototype."+g.name))
		}).ToObject(vm)
		setNameLength(vm, f, "get "+g.name, 0)
		if err := proto.DefineAccessorProperty(g.name, f, nil, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	// The methods come in V8's order, time zones before text info.
	methodFns := append([]struct {
		name string
		fn   func(s *localeSlots) goja.Value
	}(nil), infoFns...)
	methodFns[4], methodFns[5] = methodFns[5], methodFns[4]
	for _, m := range methodFns {
		m := m
		name := "get" + strings.ToUpper(m.name[:1]) + m.name[1:]
		if err := defineMethod(vm, proto, name, 0, func(call goja.FunctionCall) goja.Value {
			return m.fn(this(call, name))
		}); err != nil {
			return err
		}
	}
	return intl.DefineDataProperty("Locale", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// likelyRegion is the tag's region, or its likely one.
func likelyRegion(t *langTag) string {
	if t.region != "" {
		return strings.ToUpper(t.region)
	}
	if m, ok := addLikelySubtags(t); ok && m.region != "" {
		return strings.ToUpper(m.region)
	}
	return "001"
}

func localeCalendars(t *langTag) []string {
	if v, ok := t.keywordValue("ca"); ok && v != "" {
		return []string{v}
	}
	in := info()
	if c, ok := in.Calendars[likelyRegion(t)]; ok {
		return c
	}
	return in.Calendars["001"]
}

// localeCollations are the collation types Intl.Collator serves for the
// locale (ICU knows more, which this implementation has no tables for).
func localeCollations(t *langTag) []string {
	if v, ok := t.keywordValue("co"); ok && v != "" {
		return []string{v}
	}
	loc := collBase(t.baseString())
	out := []string{}
	for _, ty := range strings.Fields(collLocales()[loc].types) {
		if servesType(loc, ty) {
			out = append(out, ty)
		}
	}
	sort.Strings(out)
	return out
}

func localeHourCycles(t *langTag) []string {
	if v, ok := t.keywordValue("hc"); ok && v != "" {
		return []string{v}
	}
	in := info()
	r := likelyRegion(t)
	for _, k := range []string{t.lang + "-" + r, r, "001"} {
		if h, ok := in.HourCycles[k]; ok {
			return []string{h}
		}
	}
	return []string{"h23"}
}

func localeNumberingSystems(t *langTag) []string {
	if v, ok := t.keywordValue("nu"); ok && v != "" {
		return []string{v}
	}
	in := info()
	for cand := t.baseString(); cand != ""; {
		if nu, ok := in.DefaultNu[cand]; ok {
			return []string{nu}
		}
		i := strings.LastIndexByte(cand, '-')
		if i < 0 {
			break
		}
		cand = cand[:i]
	}
	return []string{"latn"}
}

func localeTimeZones(t *langTag) []string {
	if t.region == "" {
		return nil
	}
	z := info().TimeZones[strings.ToUpper(t.region)]
	if z == nil {
		return nil
	}
	return z
}

func localeDirection(t *langTag) string {
	script := t.script
	if script == "" {
		if m, ok := addLikelySubtags(t); ok {
			script = m.script
		}
	}
	script = titleCase(script)
	for _, s := range info().RTL {
		if s == script {
			return "rtl"
		}
	}
	return "ltr"
}

func localeWeek(t *langTag) (first int, weekend []int) {
	in := info()
	r := likelyRegion(t)
	first, ok := in.FirstDay[r]
	if !ok {
		first = in.FirstDay["001"]
	}
	if fw, ok := t.keywordValue("fw"); ok {
		for i, d := range weekdays[1:] {
			if d == fw {
				first = i + 1
			}
		}
	}
	we, ok := in.Weekend[r]
	if !ok {
		we = in.Weekend["001"]
	}
	for d := we[0]; ; d = d%7 + 1 {
		weekend = append(weekend, d)
		if d == we[1] || len(weekend) == 7 {
			break
		}
	}
	sort.Ints(weekend)
	return first, weekend
}
