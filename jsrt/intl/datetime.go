package intl

import (
	"math"
	"runtime"
	"strings"
	"sync"
	"time"
	"weak"

	"github.com/dop251/goja"

	"codexec/jsrt/intl/locales"
)

// Intl.DateTimeFormat and Date.prototype.toLocaleString,
// toLocaleDateString and toLocaleTimeString, as V8 with ICU does them.

// dateTimeFormat is the state of an Intl.DateTimeFormat.
type dateTimeFormat struct {
	locale    string
	base      string
	data      string
	calendar  string
	nu        string
	zone      *timeZone
	pattern   string
	dateStyle string
	timeStyle string
	defHour   byte
	hc        string // explicit hour cycle ("" when the locale's default applies)
	icuHC     string // the tag's -u-hc-, which ICU itself applies to dateStyle/timeStyle
	ff        *fieldFormatter
	cal       *calData
	bound     goja.Value
	iv        *intervalFormatter
}

// dtfSlots maps Intl.DateTimeFormat objects to their state without
// keeping them alive: an entry goes when its object is collected.
var (
	dtfMu    sync.Mutex
	dtfSlots = map[weak.Pointer[goja.Object]]*dateTimeFormat{}
)

func setDTF(o *goja.Object, d *dateTimeFormat) {
	k := weak.Make(o)
	dtfMu.Lock()
	dtfSlots[k] = d
	dtfMu.Unlock()
	runtime.AddCleanup(o, func(k weak.Pointer[goja.Object]) {
		dtfMu.Lock()
		delete(dtfSlots, k)
		dtfMu.Unlock()
	}, k)
}

func getDTF(v goja.Value) *dateTimeFormat {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	dtfMu.Lock()
	defer dtfMu.Unlock()
	return dtfSlots[weak.Make(o)]
}

// component options, in the order the specification reads them, with
// their values and skeleton characters.
var dtComponents = []struct {
	name   string
	values []string
	skel   []string
}{
	{"weekday", []string{"narrow", "short", "long"}, []string{"EEEEE", "EEE", "EEEE"}},
	{"era", []string{"narrow", "short", "long"}, []string{"GGGGG", "GGG", "GGGG"}},
	{"year", []string{"2-digit", "numeric"}, []string{"yy", "y"}},
	{"month", []string{"2-digit", "numeric", "narrow", "short", "long"}, []string{"MM", "M", "MMMMM", "MMM", "MMMM"}},
	{"day", []string{"2-digit", "numeric"}, []string{"dd", "d"}},
	{"dayPeriod", []string{"narrow", "short", "long"}, []string{"BBBBB", "B", "BBBB"}},
	{"hour", []string{"2-digit", "numeric"}, []string{"jj", "j"}},
	{"minute", []string{"2-digit", "numeric"}, []string{"mm", "m"}},
	{"second", []string{"2-digit", "numeric"}, []string{"ss", "s"}},
	{"fractionalSecondDigits", nil, nil},
	{"timeZoneName", []string{"short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"}, []string{"z", "zzzz", "O", "OOOO", "v", "vvvv"}},
}

var styles = []string{"full", "long", "medium", "short"}

// dtStringOption is GetOption for a string with V8's message.
func dtStringOption(vm *goja.Runtime, opts *goja.Object, name string, allowed []string) string {
	v := opts.Get(name)
	if v == nil || goja.IsUndefined(v) {
		return ""
	}
	s := toJSString(vm, v)
	if len(allowed) > 0 {
		for _, a := range allowed {
			if a == s {
				return s
			}
		}
		ThrowRangeError(vm, "Value "+s+" out of range for Intl.DateTimeFormat options property "+name)
	}
	return s
}

// toJSString is ToString: a Symbol is a TypeError.
func toJSString(vm *goja.Runtime, v goja.Value) string {
	if _, ok := v.(*goja.Symbol); ok {
		panic(vm.NewTypeError("Cannot convert a Symbol value to a string"))
	}
	return v.String()
}

// supportedCalendar is the calendar formatted here; any other valid
// calendar resolves to gregory.
const supportedCalendar = "gregory"

// newDateTimeFormat is CreateDateTimeFormat(locales, options, required,
// defaults); required is "date", "time" or "any", defaults "date", "time"
// or "all".
func newDateTimeFormat(vm *goja.Runtime, localesV, optionsV goja.Value, required, defaults string) *dateTimeFormat {
	requested := CanonicalizeLocaleList(vm, localesV)
	opts := CoerceOptionsToObject(vm, optionsV)
	dtStringOption(vm, opts, "localeMatcher", []string{"lookup", "best fit"})
	calendar := dtStringOption(vm, opts, "calendar", nil)
	if calendar != "" && !unicodeType(calendar) {
		ThrowRangeError(vm, "Invalid calendar : "+calendar)
	}
	nu := dtStringOption(vm, opts, "numberingSystem", nil)
	if nu != "" && !unicodeType(nu) {
		ThrowRangeError(vm, "Invalid numberingSystem : "+nu)
	}
	hour12, hasHour12 := GetBoolOption(vm, opts, "hour12")
	hourCycle := dtStringOption(vm, opts, "hourCycle", []string{"h11", "h12", "h23", "h24"})
	if hasHour12 {
		// hour12 wins over hourCycle; V8 keeps a -u-hc- of the tag in
		// the locale all the same.
		hourCycle = ""
	}
	calendar, nu = strings.ToLower(calendar), strings.ToLower(nu)
	supp := supplementalData()
	r := ResolveLocale(requested, []string{"ca", "hc", "nu"}, map[string]string{"ca": calendar, "hc": hourCycle, "nu": nu},
		func(data, key, value string) bool {
			switch key {
			case "ca":
				return value == supportedCalendar
			case "hc":
				return value == "h11" || value == "h12" || value == "h23" || value == "h24"
			case "nu":
				_, ok := supp.Digits[value]
				return ok
			}
			return false
		})
	d := &dateTimeFormat{locale: r.Locale, data: r.Data, base: r.Base}
	d.calendar = r.Ext["ca"]
	if d.calendar == "" {
		d.calendar = "gregory"
	}
	d.nu = r.Ext["nu"]
	if d.nu == "" {
		d.nu = defaultNumberingSystem(r.Base, r.Data)
	}
	d.cal = calendarData(r.Data)
	d.defHour = defaultHourChar(r.Base)
	hc := r.Ext["hc"]
	d.icuHC = tagHourCycle(requested, r.Base)
	if hasHour12 {
		// The default cycle is the tag's -u-hc- if any (ICU reads it).
		def := hourCycleOf(d.defHour)
		if hc != "" {
			def = hc
		}
		if hour12 {
			hc = "h12"
			if def == "h11" || def == "h12" {
				hc = def
			} else if explicitRegion(r.Base) == "JP" {
				// V8's 12-hour clock of Japan (the region, not the
				// language: "ja" alone is h12) is h11.
				hc = "h11"
			}
		} else {
			hc = "h23"
			if def == "h23" || def == "h24" {
				hc = def
			}
		}
	}
	if tagHC := r.Ext["hc"]; hasHour12 && tagHC != "" && tagHC != hc {
		// V8 keeps the tag's -u-hc- only when hour12 agrees with it.
		d.locale = strings.Replace(d.locale, "-hc-"+tagHC, "", 1)
		d.locale = strings.TrimSuffix(d.locale, "-u")
	}
	d.hc = hc

	tzv := opts.Get("timeZone")
	if tzv == nil || goja.IsUndefined(tzv) {
		d.zone = utcZone
	} else {
		name := toJSString(vm, tzv)
		z, ok := resolveTimeZone(name)
		if !ok {
			ThrowRangeError(vm, "Invalid time zone specified: "+name)
		}
		d.zone = z
	}

	comp := map[string]string{}
	var skel strings.Builder
	hasExplicit := false
	for _, c := range dtComponents {
		if c.name == "fractionalSecondDigits" {
			if n, ok := GetNumberOption(vm, opts, c.name, 1, 3, 0); ok {
				comp[c.name] = strings.Repeat("S", n)
				hasExplicit = true
			}
			continue
		}
		v := dtStringOption(vm, opts, c.name, c.values)
		if v != "" {
			comp[c.name] = v
			hasExplicit = true
		}
	}
	dtStringOption(vm, opts, "formatMatcher", []string{"basic", "best fit"})
	d.dateStyle = dtStringOption(vm, opts, "dateStyle", styles)
	d.timeStyle = dtStringOption(vm, opts, "timeStyle", styles)
	if d.dateStyle != "" || d.timeStyle != "" {
		if hasExplicit {
			panic(vm.NewTypeError("Invalid option : option"))
		}
		if required == "date" && d.timeStyle != "" {
			panic(vm.NewTypeError("Invalid option : timeStyle"))
		}
		if required == "time" && d.dateStyle != "" {
			panic(vm.NewTypeError("Invalid option : dateStyle"))
		}
		d.pattern = d.stylePattern()
	} else {
		need := true
		if required == "date" || required == "any" {
			for _, k := range []string{"weekday", "year", "month", "day"} {
				if comp[k] != "" {
					need = false
				}
			}
		}
		if required == "time" || required == "any" {
			for _, k := range []string{"dayPeriod", "hour", "minute", "second", "fractionalSecondDigits"} {
				if comp[k] != "" {
					need = false
				}
			}
		}
		if need && (defaults == "date" || defaults == "all") {
			comp["year"], comp["month"], comp["day"] = "numeric", "numeric", "numeric"
		}
		if need && (defaults == "time" || defaults == "all") {
			comp["hour"], comp["minute"], comp["second"] = "numeric", "numeric", "numeric"
		}
		for _, c := range dtComponents {
			v := comp[c.name]
			if v == "" {
				continue
			}
			if c.name == "fractionalSecondDigits" {
				skel.WriteString(v)
				continue
			}
			for i, a := range c.values {
				if a == v {
					s := c.skel[i]
					if c.name == "hour" && hc != "" {
						s = strings.Repeat(string(hourCharOf(hc)), len(s))
					}
					skel.WriteString(s)
				}
			}
		}
		p := d.cal.generator().bestPattern(skel.String(), d.defHour)
		d.pattern = replaceHourCycle(p, hc)
	}
	if dec, latn := d.cal.Decimal[d.nu], d.cal.Decimal["latn"]; dec != "" && latn != "" && dec != latn {
		d.pattern = strings.ReplaceAll(d.pattern, "s"+latn+"S", "s"+quoteLiteral(dec)+"S")
	}
	d.ff = newFieldFormatter(d.data, d.cal, supp.Digits[d.nu], d.zone, d.pattern)
	return d
}

// stylePattern is the pattern of dateStyle/timeStyle: ICU's standard
// patterns, the date and time glued by the date style's dateTimeFormat
// ("at" for full and long), the hour cycle adjusted to the locale's
// region or the requested one.
func (d *dateTimeFormat) stylePattern() string {
	cal := d.cal
	g := cal.generator()
	var tp string
	if d.timeStyle != "" {
		tp = cal.TimeFormats[d.timeStyle]
		// ICU synthesizes the time pattern from "jmm…" when the locale
		// carries an hour cycle (-u-hc-, which V8 leaves in the locale it
		// gives ICU) or has no CLDR data of its own (en-JP formats with
		// en's patterns and Japan's 24-hour clock).
		skel := map[string]string{"full": "jmmsszzzz", "long": "jmmssz", "medium": "jmmss", "short": "jmm"}[d.timeStyle]
		if d.icuHC != "" {
			tp = g.bestPatternOpt(skel, hourCharOf(d.icuHC), false)
		} else if base := d.baseLocale(); !supplementalData().isCLDRLocale(base) && regionOf(base) != regionOf(d.data) {
			tp = g.bestPatternOpt(skel, d.defHour, false)
		}
	}
	var p string
	switch {
	case d.dateStyle != "" && d.timeStyle != "":
		glue := cal.AtTime[d.dateStyle]
		if glue == "" {
			glue = cal.DateTimeFormats[d.dateStyle]
		}
		p = formatGlue(glue, tp, cal.DateFormats[d.dateStyle])
	case d.dateStyle != "":
		return cal.DateFormats[d.dateStyle]
	default:
		p = tp
	}
	// V8: when the hour cycle asked for is not the pattern's, the whole
	// pattern is generated again from its skeleton with that cycle's
	// hour ("Mar 3, 2025, 14:05"; Japanese long dates become "y/M/d").
	if d.hc != "" && hourCycleOf(patternHourChar(p)) != d.hc {
		p = replaceHourCycle(g.bestPattern(replaceSkeletonHour(patternSkeleton(p), hourCharOf(d.hc)), d.defHour), d.hc)
	}
	return p
}

func (d *dateTimeFormat) baseLocale() string { return d.base }

// tagHourCycle is the -u-hc- of the requested tag that resolved to base
// (whatever the options say: V8 hands ICU the tag's hour cycle).
func tagHourCycle(requested []string, base string) string {
	for _, r := range requested {
		b, kw := baseAndExtensions(r)
		if b == base || strings.HasPrefix(b, base+"-") {
			switch hc := kw["hc"]; hc {
			case "h11", "h12", "h23", "h24":
				return hc
			}
			return ""
		}
	}
	return ""
}

func patternHourChar(p string) byte {
	for _, it := range parsePattern(p) {
		switch it.ch {
		case 'h', 'H', 'k', 'K':
			return it.ch
		}
	}
	return 0
}

// replaceSkeletonHour is V8's ReplaceSkeleton: hour characters become c,
// day periods go.
func replaceSkeletonHour(s string, c byte) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'a', 'b', 'B':
		case 'h', 'H', 'k', 'K':
			b.WriteByte(c)
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// replaceHourCycle is V8's ReplaceHourCycleInPattern.
func replaceHourCycle(p, hc string) string {
	if hc == "" {
		return p
	}
	to := hourCharOf(hc)
	var b strings.Builder
	replace := true
	var last byte
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch c {
		case '\'':
			replace = !replace
			b.WriteByte(c)
		case 'H', 'h', 'K', 'k':
			if replace && last == 'd' {
				b.WriteByte(' ')
			}
			if replace {
				b.WriteByte(to)
			} else {
				b.WriteByte(c)
			}
		default:
			b.WriteByte(c)
		}
		last = c
	}
	return b.String()
}

func hourCharOf(hc string) byte {
	switch hc {
	case "h11":
		return 'K'
	case "h12":
		return 'h'
	case "h24":
		return 'k'
	}
	return 'H'
}

func hourCycleOf(c byte) string {
	switch c {
	case 'K':
		return "h11"
	case 'h':
		return "h12"
	case 'H':
		return "h23"
	case 'k':
		return "h24"
	}
	return ""
}

// explicitRegion returns the region subtag of a tag, or "".
func explicitRegion(tag string) string {
	for _, p := range strings.Split(tag, "-")[1:] {
		if len(p) == 2 || len(p) == 3 && p[0] >= '0' && p[0] <= '9' {
			return strings.ToUpper(p)
		}
	}
	return ""
}

// regionOf returns the region of a tag, or the likely region of its
// language.
func regionOf(tag string) string {
	parts := strings.Split(tag, "-")
	for _, p := range parts[1:] {
		if len(p) == 2 || len(p) == 3 && p[0] >= '0' && p[0] <= '9' {
			return strings.ToUpper(p)
		}
	}
	s := supplementalData()
	if len(parts) > 1 && len(parts[1]) == 4 {
		if r := s.LikelyRegion[parts[0]+"-"+parts[1]]; r != "" {
			return r
		}
	}
	return s.LikelyRegion[parts[0]]
}

// defaultHourChar is the preferred hour character of CLDR's timeData for
// the locale's region (ICU's DateTimePatternGenerator default).
func defaultHourChar(tag string) byte {
	s := supplementalData()
	lang := strings.SplitN(tag, "-", 2)[0]
	region := regionOf(tag)
	if region == "001" {
		// Node: en-001 has a 12-hour clock, as en.
		region = s.LikelyRegion[lang]
	}
	// CLDR's timeData has language-specific entries the JSON package
	// drops: French Canada uses a 24-hour clock.
	if lang == "fr" && region == "CA" {
		return 'H'
	}
	for _, k := range []string{lang + "_" + region, region} {
		if t, ok := s.TimeData[k]; ok && t[0] != "" {
			return t[0][0]
		}
	}
	return 'H'
}

// defaultNumberingSystem is the CLDR default of the requested locale or
// its data.
func defaultNumberingSystem(base, data string) string {
	s := supplementalData()
	for _, k := range []string{base, data} {
		for k != "" {
			if n, ok := s.NumberingSys[k]; ok {
				return n
			}
			if k == data {
				break
			}
			i := strings.LastIndexByte(k, '-')
			if i < 0 {
				break
			}
			k = k[:i]
			if locales.Has(k) {
				k = ""
			}
		}
	}
	return "latn"
}

// toDateValue is the time value a format method formats: undefined is
// now, anything else ToNumber then TimeClip; NaN is a RangeError.
func toDateValue(vm *goja.Runtime, v goja.Value) float64 {
	if v == nil || goja.IsUndefined(v) {
		return float64(time.Now().UnixMilli())
	}
	f := v.ToNumber().ToFloat()
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 8.64e15 {
		ThrowRangeError(vm, "Invalid time value")
	}
	return math.Trunc(f) + 0 // -0 → +0
}

func (d *dateTimeFormat) parts(ms float64) []dtPart {
	fd := fieldsAt(ms, d.zone)
	return d.ff.parts(ms, &fd)
}

// format is format() and the Date methods: V8 writes U+202F (the narrow
// no-break space CLDR puts before AM/PM) as a plain space there, for the
// web's sake, but not in formatToParts or formatRange.
func (d *dateTimeFormat) format(ms float64) string {
	var b strings.Builder
	for _, p := range d.parts(ms) {
		b.WriteString(p.Value)
	}
	return strings.ReplaceAll(b.String(), "\u202f", " ")
}

func partsArray(vm *goja.Runtime, parts []dtPart, withSource bool) goja.Value {
	arr := make([]any, len(parts))
	for i, p := range parts {
		o := vm.NewObject()
		_ = o.DefineDataProperty("type", vm.ToValue(p.Type), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		_ = o.DefineDataProperty("value", vm.ToValue(p.Value), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		if withSource {
			_ = o.DefineDataProperty("source", vm.ToValue(p.Source), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		}
		arr[i] = o
	}
	return vm.NewArray(arr...)
}

// resolvedOptions is what V8 reports: the components as the pattern has
// them.
func (d *dateTimeFormat) resolvedOptions(vm *goja.Runtime) *goja.Object {
	o := vm.NewObject()
	set := func(k string, v any) {
		_ = o.DefineDataProperty(k, vm.ToValue(v), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	set("locale", d.locale)
	set("calendar", d.calendar)
	set("numberingSystem", d.nu)
	set("timeZone", d.zone.ID)
	// V8 reads the components back from the pattern by substring, quotes
	// and all (so Spanish "'de'" reports a day).
	comp := map[string]any{}
	for _, it := range v8PatternItems {
		for _, pv := range it.pairs {
			if strings.Contains(d.pattern, pv[0]) {
				if it.name == "fractionalSecondDigits" {
					comp[it.name] = len(pv[0])
				} else {
					comp[it.name] = pv[1]
				}
				break
			}
		}
	}
	var hourCh byte
	if comp["hour"] != nil {
		hourCh = patternHourChar(d.pattern)
	}
	if hourCh != 0 {
		hc := hourCycleOf(hourCh)
		set("hourCycle", hc)
		set("hour12", hc == "h11" || hc == "h12")
	}
	if d.dateStyle == "" && d.timeStyle == "" {
		for _, c := range dtComponents {
			if v, ok := comp[c.name]; ok {
				set(c.name, v)
			}
		}
	}
	if d.dateStyle != "" {
		set("dateStyle", d.dateStyle)
	}
	if d.timeStyle != "" {
		set("timeStyle", d.timeStyle)
	}
	return o
}

// v8PatternItems is V8's table for reading options back from a pattern.
var v8PatternItems = []struct {
	name  string
	pairs [][2]string
}{
	{"weekday", [][2]string{{"EEEEE", "narrow"}, {"EEEE", "long"}, {"EEE", "short"}, {"ccccc", "narrow"}, {"cccc", "long"}, {"ccc", "short"}}},
	{"era", [][2]string{{"GGGGG", "narrow"}, {"GGGG", "long"}, {"GGG", "short"}}},
	{"year", [][2]string{{"yy", "2-digit"}, {"y", "numeric"}}},
	{"month", [][2]string{{"MMMMM", "narrow"}, {"MMMM", "long"}, {"MMM", "short"}, {"MM", "2-digit"}, {"M", "numeric"},
		{"LLLLL", "narrow"}, {"LLLL", "long"}, {"LLL", "short"}, {"LL", "2-digit"}, {"L", "numeric"}}},
	{"day", [][2]string{{"dd", "2-digit"}, {"d", "numeric"}}},
	{"dayPeriod", [][2]string{{"BBBBB", "narrow"}, {"bbbbb", "narrow"}, {"BBBB", "long"}, {"bbbb", "long"}, {"B", "short"}, {"b", "short"}}},
	{"hour", [][2]string{{"HH", "2-digit"}, {"H", "numeric"}, {"hh", "2-digit"}, {"h", "numeric"}, {"kk", "2-digit"}, {"k", "numeric"}, {"KK", "2-digit"}, {"K", "numeric"}}},
	{"minute", [][2]string{{"mm", "2-digit"}, {"m", "numeric"}}},
	{"second", [][2]string{{"ss", "2-digit"}, {"s", "numeric"}}},
	{"fractionalSecondDigits", [][2]string{{"SSS", ""}, {"SS", ""}, {"S", ""}}},
	{"timeZoneName", [][2]string{{"zzzz", "long"}, {"z", "short"}, {"OOOO", "longOffset"}, {"O", "shortOffset"}, {"vvvv", "longGeneric"}, {"v", "shortGeneric"}}},
}

func installDateTimeFormat(vm *goja.Runtime, intl *goja.Object) error {
	var proto *goja.Object
	unwrap := func(v goja.Value) *dateTimeFormat {
		d := getDTF(v)
		if d == nil {
			panic(vm.NewTypeError("Method UnwrapDateTimeFormat called on incompatible receiver " + receiverString(v)))
		}
		return d
	}
	ctorFn := func(call goja.ConstructorCall) *goja.Object {
		d := newDateTimeFormat(vm, call.Argument(0), call.Argument(1), "any", "date")
		obj := call.This
		if call.NewTarget == nil {
			obj = vm.CreateObject(proto)
		}
		setDTF(obj, d)
		return obj
	}
	ctor := vm.ToValue(ctorFn).(*goja.Object)
	setNameLength(vm, ctor, "DateTimeFormat", 0)
	proto = ctor.Get("prototype").(*goja.Object)
	_ = ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)

	if err := defineMethod(vm, ctor, "supportedLocalesOf", 1, func(call goja.FunctionCall) goja.Value {
		req := CanonicalizeLocaleList(vm, call.Argument(0))
		o := CoerceOptionsToObject(vm, call.Argument(1))
		dtStringOption(vm, o, "localeMatcher", []string{"lookup", "best fit"})
		sup := SupportedLocales(req)
		arr := make([]any, len(sup))
		for i, s := range sup {
			arr[i] = s
		}
		return vm.NewArray(arr...)
	}); err != nil {
		return err
	}
	if err := defineMethod(vm, proto, "resolvedOptions", 0, func(call goja.FunctionCall) goja.Value {
		return unwrap(call.This).resolvedOptions(vm)
	}); err != nil {
		return err
	}
	if err := defineMethod(vm, proto, "formatToParts", 1, func(call goja.FunctionCall) goja.Value {
		d := unwrap(call.This)
		return partsArray(vm, d.parts(toDateValue(vm, call.Argument(0))), false)
	}); err != nil {
		return err
	}
	getter := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		d := unwrap(call.This)
		if d.bound == nil {
			f := vm.ToValue(func(c goja.FunctionCall) goja.Value {
				return vm.ToValue(d.format(toDateValue(vm, c.Argument(0))))
			}).(*goja.Object)
			setNameLength(vm, f, "", 1)
			d.bound = f
		}
		return d.bound
	}).(*goja.Object)
	setNameLength(vm, getter, "get format", 0)
	if err := proto.DefineAccessorProperty("format", getter, nil, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	rangeArgs := func(call goja.FunctionCall) (float64, float64) {
		a, b := call.Argument(0), call.Argument(1)
		if goja.IsUndefined(a) || goja.IsUndefined(b) {
			panic(vm.NewTypeError("Invalid time value"))
		}
		return toDateValue(vm, a), toDateValue(vm, b)
	}
	if err := defineMethod(vm, proto, "formatRange", 2, func(call goja.FunctionCall) goja.Value {
		d := unwrap(call.This)
		x, y := rangeArgs(call)
		var b strings.Builder
		parts := d.rangeParts(x, y)
		shared := true
		for _, p := range parts {
			b.WriteString(p.Value)
			shared = shared && p.Source == "shared"
		}
		if shared {
			// One date: V8 formats it with format(), spaces and all.
			return vm.ToValue(strings.ReplaceAll(b.String(), "\u202f", " "))
		}
		return vm.ToValue(b.String())
	}); err != nil {
		return err
	}
	if err := defineMethod(vm, proto, "formatRangeToParts", 2, func(call goja.FunctionCall) goja.Value {
		d := unwrap(call.This)
		x, y := rangeArgs(call)
		return partsArray(vm, d.rangeParts(x, y), true)
	}); err != nil {
		return err
	}
	if err := proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl.DateTimeFormat"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	return intl.DefineDataProperty("DateTimeFormat", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// receiverString names a receiver in a message, as V8 does ("#<Object>"),
// from its class: reading its constructor could run user code.
func receiverString(v goja.Value) string {
	o, ok := v.(*goja.Object)
	if !ok {
		if v == nil || goja.IsUndefined(v) {
			return "undefined"
		}
		return v.String()
	}
	return "#<" + o.ClassName() + ">"
}

// installDateLocaleMethods replaces Date.prototype.toLocaleString,
// toLocaleDateString and toLocaleTimeString with locale-aware ones.
func installDateLocaleMethods(vm *goja.Runtime) error {
	dateCtor, ok := vm.Get("Date").(*goja.Object)
	if !ok {
		return nil
	}
	proto, ok := dateCtor.Get("prototype").(*goja.Object)
	if !ok {
		return nil
	}
	for _, m := range []struct{ name, required, defaults string }{
		{"toLocaleString", "any", "all"},
		{"toLocaleDateString", "date", "date"},
		{"toLocaleTimeString", "time", "time"},
	} {
		m := m
		if err := defineMethod(vm, proto, m.name, 0, func(call goja.FunctionCall) goja.Value {
			ms, ok := thisTimeValue(call.This)
			if !ok {
				panic(vm.NewTypeError("Method Date.prototype." + m.name + " called on incompatible receiver " + receiverString(call.This)))
			}
			if math.IsNaN(ms) {
				return vm.ToValue("Invalid Date")
			}
			d := newDateTimeFormat(vm, call.Argument(0), call.Argument(1), m.required, m.defaults)
			return vm.ToValue(d.format(ms))
		}); err != nil {
			return err
		}
	}
	return nil
}

// thisTimeValue is the time value of a Date object (NaN when invalid).
func thisTimeValue(v goja.Value) (float64, bool) {
	o, ok := v.(*goja.Object)
	if !ok || o.ClassName() != "Date" {
		return 0, false
	}
	switch t := o.Export().(type) {
	case time.Time:
		return float64(t.UnixMilli()), true
	case nil:
		return math.NaN(), true
	}
	return 0, false
}
