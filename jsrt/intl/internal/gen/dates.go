package main

// The dates generator writes jsrt/intl/data/dates: for each locale of
// locales.Data a calendar file (<id>.json.gz: Gregorian month, day, day
// period and era names, day period rules, the date, time and date-time
// patterns, availableFormats, appendItems and intervalFormats, decimal
// separators) and a time zone names file (<id>.tz.json.gz), as the
// (already resolved) CLDR JSON has them; supplemental.json.gz (hour
// cycles per region, likely regions, default numbering systems and their
// digits, CLDR's locale list); tzids.json.gz (CLDR's canonical zone ids);
// tzsupplemental.json.gz (metazones by date, reference zones, zone
// regions); and zoneinfo.zip, Go's IANA time zone database, which the
// runner reads from memory.

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"codexec/jsrt/intl/internal/cldrdata"
	"codexec/jsrt/intl/locales"
)

func init() { generators["dates"] = genDates }

// cldrChain is the full CLDR inheritance chain of an id, most specific
// first, ending with und (root).
func cldrChain(id string) []string {
	var out []string
	for id != "" && id != "und" && id != "root" {
		out = append(out, id)
		if p, ok := locales.Parents()[id]; ok {
			id = p
			continue
		}
		i := strings.LastIndexByte(id, '-')
		if i < 0 {
			break
		}
		id = id[:i]
	}
	return append(out, "und")
}

// resolved reads file (relative to a locale's directory in pkg) for id:
// the CLDR JSON packages are already resolved (a locale's file holds what
// it inherits, and leaves out what it must not inherit, as en-001 does the
// American short zone names), so the first locale of the chain that has
// the file serves; path locates the subtree.
func resolved(cldr, pkg, id, file string, path ...string) (any, error) {
	for _, l := range cldrChain(id) {
		m, err := readTree(filepath.Join(cldr, pkg, "main", l, file))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return dig(m, append([]string{"main", l}, path...)...), nil
	}
	return nil, fmt.Errorf("%s: no %s", id, file)
}

// dropNoInherit removes CLDR's "∅∅∅" (no value, do not inherit) leaves.
func dropNoInherit(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := map[string]any{}
	for k, x := range m {
		if s, ok := x.(string); ok && s == "∅∅∅" {
			continue
		}
		out[k] = dropNoInherit(x)
	}
	return out
}

var dayKeys = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

func genCalendar(cldr, id string, dayPeriodRules map[string]any) (*cldrdata.Calendar, error) {
	g, err := resolved(cldr, "cldr-dates-full", id, "ca-gregorian.json", "dates", "calendars", "gregorian")
	if err != nil {
		return nil, err
	}
	g = dropNoInherit(g)
	c := &cldrdata.Calendar{Months: map[string][]string{}, Days: map[string][]string{}, DayPeriods: map[string]map[string]string{}, Eras: map[string][]string{}}
	for _, ctx := range []string{"format", "stand-alone"} {
		for _, w := range []string{"abbreviated", "narrow", "wide", "short"} {
			if m := strMap(dig(g, "months", ctx, w)); len(m) > 0 {
				l := make([]string, 12)
				for i := range l {
					l[i] = m[fmt.Sprint(i+1)]
				}
				c.Months[ctx+"/"+w] = l
			}
			if m := strMap(dig(g, "days", ctx, w)); len(m) > 0 {
				l := make([]string, 7)
				for i, k := range dayKeys {
					l[i] = m[k]
				}
				c.Days[ctx+"/"+w] = l
			}
			if m := strMap(dig(g, "dayPeriods", ctx, w)); len(m) > 0 {
				for k := range m {
					if strings.Contains(k, "-alt-") {
						delete(m, k)
					}
				}
				c.DayPeriods[ctx+"/"+w] = m
			}
		}
	}
	// ICU's root aliases abbreviated am/pm to the locale's wide ones; the
	// resolved JSON fills them from root's values instead ("AM" in
	// Korean, where ICU says 오전).
	if a, w := c.DayPeriods["format/abbreviated"], c.DayPeriods["format/wide"]; a != nil && w != nil &&
		a["am"] == "AM" && a["pm"] == "PM" && w["am"] != "AM" && w["am"] != "am" && w["am"] != "" {
		a["am"], a["pm"] = w["am"], w["pm"]
	}
	for _, w := range []string{"eraAbbr", "eraNames", "eraNarrow"} {
		m := strMap(dig(g, "eras", w))
		c.Eras[w] = []string{m["0"], m["1"]}
	}
	c.DateFormats = strMap(dig(g, "dateFormats"))
	c.TimeFormats = strMap(dig(g, "timeFormats"))
	c.DateTimeFormats = strMap(dig(g, "dateTimeFormats"))
	for k := range c.DateTimeFormats {
		if k != "full" && k != "long" && k != "medium" && k != "short" {
			delete(c.DateTimeFormats, k)
		}
	}
	zhHantGlue(id, c.DateTimeFormats)
	c.AppendItems = strMap(dig(g, "dateTimeFormats", "appendItems"))
	c.AtTime = strMap(dig(g, "dateTimeFormats-atTime", "standard"))
	zhHantGlue(id, c.AtTime)
	c.Available = map[string]string{}
	for k, v := range strMap(dig(g, "dateTimeFormats", "availableFormats")) {
		if strings.Contains(k, "-alt-") || strings.Contains(k, "-count-") {
			continue
		}
		c.Available[k] = v
	}
	c.Intervals = map[string]map[string]string{}
	iv, _ := dig(g, "dateTimeFormats", "intervalFormats").(map[string]any)
	for k, v := range iv {
		if k == "intervalFormatFallback" {
			c.IntervalFallbck, _ = v.(string)
			continue
		}
		if strings.Contains(k, "-alt-") {
			continue
		}
		m := strMap(v)
		for f := range m {
			if strings.Contains(f, "-alt-") {
				delete(m, f)
			}
		}
		c.Intervals[k] = m
	}
	nums, err := resolved(cldr, "cldr-numbers-full", id, "numbers.json", "numbers")
	if err != nil {
		return nil, err
	}
	c.Decimal = map[string]string{}
	for k, v := range nums.(map[string]any) {
		if ns, ok := strings.CutPrefix(k, "symbols-numberSystem-"); ok {
			if d, ok := dig(v, "decimal").(string); ok {
				c.Decimal[ns] = d
			}
		}
	}
	lang := strings.SplitN(id, "-", 2)[0]
	rules, _ := dayPeriodRules[lang].(map[string]any)
	c.DayPeriodRules = map[string]map[string]string{}
	for k, v := range rules {
		c.DayPeriodRules[k] = strMap(v)
	}
	return c, nil
}

// zhHantGlue corrects Traditional Chinese date-time glue patterns: ICU 78
// joins date and time with a space, a thin space in the short style
// ("2025年3月3日 下午2:05", "2025/3/3\u2009下午2:05" in Node), where
// CLDR 48's JSON has "{1}{0}".
func zhHantGlue(id string, glue map[string]string) {
	if !strings.HasPrefix(id, "zh-Hant") {
		return
	}
	for k, v := range glue {
		if v != "{1}{0}" {
			continue
		}
		if k == "short" {
			glue[k] = "{1}\u2009{0}"
		} else {
			glue[k] = "{1} {0}"
		}
	}
}

func genTZ(cldr, id string) (*cldrdata.ZoneNames, error) {
	z, err := resolved(cldr, "cldr-dates-full", id, "timeZoneNames.json", "dates", "timeZoneNames")
	if err != nil {
		return nil, err
	}
	z = dropNoInherit(z)
	t := &cldrdata.ZoneNames{Metazones: map[string]map[string]string{}, Zones: map[string]map[string]string{}}
	top := strMap(z)
	t.HourFormat, t.GMTFormat, t.GMTZeroFormat = top["hourFormat"], top["gmtFormat"], top["gmtZeroFormat"]
	t.RegionFormat, t.Fallback = top["regionFormat"], top["fallbackFormat"]
	flat := func(v any) map[string]string {
		out := map[string]string{}
		for _, l := range []string{"long", "short"} {
			for k, s := range strMap(dig(v, l)) {
				out[l+"/"+k] = s
			}
		}
		if s, ok := dig(v, "exemplarCity").(string); ok {
			out["exemplarCity"] = s
		}
		return out
	}
	mz, _ := dig(z, "metazone").(map[string]any)
	for k, v := range mz {
		if f := flat(v); len(f) > 0 {
			t.Metazones[k] = f
		}
	}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		m, _ := v.(map[string]any)
		if _, isZone := m["_type"]; isZone || m["exemplarCity"] != nil || m["long"] != nil || m["short"] != nil {
			if f := flat(m); len(f) > 0 {
				t.Zones[prefix] = f
			}
			return
		}
		for k, x := range m {
			p := k
			if prefix != "" {
				p = prefix + "/" + k
			}
			walk(p, x)
		}
	}
	walk("", dig(z, "zone"))
	terr, err := resolved(cldr, "cldr-localenames-full", id, "territories.json", "localeDisplayNames", "territories")
	if err != nil {
		return nil, err
	}
	t.Territories = map[string]string{}
	for k, v := range strMap(terr) {
		if len(k) == 2 && k[0] >= 'A' && k[0] <= 'Z' {
			t.Territories[k] = v
		}
	}
	return t, nil
}

func genSupplemental(cldr string) (*cldrdata.DateSupplemental, *cldrdata.TZSupplemental, error) {
	s := &cldrdata.DateSupplemental{TimeData: map[string][2]string{}, LikelyRegion: map[string]string{},
		NumberingSys: map[string]string{}, Digits: map[string]string{}}
	z := &cldrdata.TZSupplemental{Metazones: map[string][][3]string{}, GoldenZones: map[string]map[string]string{},
		Canonical: map[string]string{}, ZoneRegion: map[string]string{}}
	core := filepath.Join(cldr, "cldr-core", "supplemental")
	td, err := readTree(filepath.Join(core, "timeData.json"))
	if err != nil {
		return nil, nil, err
	}
	for k, v := range dig(td, "supplemental", "timeData").(map[string]any) {
		m := strMap(v)
		s.TimeData[k] = [2]string{m["_preferred"], m["_allowed"]}
	}
	ls, err := readTree(filepath.Join(core, "likelySubtags.json"))
	if err != nil {
		return nil, nil, err
	}
	for k, v := range strMap(dig(ls, "supplemental", "likelySubtags")) {
		if locales.Languages()[strings.SplitN(k, "-", 2)[0]] && !strings.Contains(k, "-") || k == "zh-Hant" {
			parts := strings.Split(v, "-")
			s.LikelyRegion[k] = parts[len(parts)-1]
		}
	}
	mz, err := readTree(filepath.Join(core, "metaZones.json"))
	if err != nil {
		return nil, nil, err
	}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				u := strMap(dig(e, "usesMetazone"))
				z.Metazones[prefix] = append(z.Metazones[prefix], [3]string{u["_mzone"], u["_from"], u["_to"]})
			}
		case map[string]any:
			for k, x := range v {
				p := k
				if prefix != "" {
					p = prefix + "/" + k
				}
				walk(p, x)
			}
		}
	}
	walk("", dig(mz, "supplemental", "metaZones", "metazoneInfo", "timezone"))
	for _, e := range dig(mz, "supplemental", "metaZones", "metazones").([]any) {
		m := strMap(dig(e, "mapZone"))
		if z.GoldenZones[m["_other"]] == nil {
			z.GoldenZones[m["_other"]] = map[string]string{}
		}
		z.GoldenZones[m["_other"]][m["_territory"]] = m["_type"]
	}
	tz, err := readTree(filepath.Join(cldr, "cldr-bcp47", "bcp47", "timezone.json"))
	if err != nil {
		return nil, nil, err
	}
	// A zone's region: the country its description names ("Jerusalem,
	// Israel"; the English names are CLDR's), else the first two letters
	// of its five-letter key.
	enTerr, err := readTree(filepath.Join(cldr, "cldr-localenames-full", "main", "en", "territories.json"))
	if err != nil {
		return nil, nil, err
	}
	countries := map[string]string{}
	for code, name := range strMap(dig(enTerr, "main", "en", "localeDisplayNames", "territories")) {
		if len(code) == 2 {
			countries[name] = code
		}
	}
	countries["Jerusalem"] = "IL"
	for key, v := range dig(tz, "keyword", "u", "tz").(map[string]any) {
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		alias, _ := m["_alias"].(string)
		if alias == "" || m["_deprecated"] == "true" {
			continue
		}
		ids := strings.Fields(alias)
		for _, a := range ids {
			z.Canonical[strings.ToLower(a)] = ids[0]
		}
		desc, _ := m["_description"].(string)
		parts := strings.Split(desc, ", ")
		if code, ok := countries[parts[len(parts)-1]]; ok {
			z.ZoneRegion[ids[0]] = code
		} else if len(key) == 5 {
			z.ZoneRegion[ids[0]] = strings.ToUpper(key[:2])
		}
	}
	pz, err := readTree(filepath.Join(core, "primaryZones.json"))
	if err != nil {
		return nil, nil, err
	}
	z.PrimaryZones = strMap(dig(pz, "supplemental", "primaryZones"))
	ns, err := readTree(filepath.Join(core, "numberingSystems.json"))
	if err != nil {
		return nil, nil, err
	}
	for k, v := range dig(ns, "supplemental", "numberingSystems").(map[string]any) {
		m := strMap(v)
		if m["_type"] == "numeric" {
			s.Digits[k] = m["_digits"]
		}
	}
	dirs, err := os.ReadDir(filepath.Join(cldr, "cldr-numbers-full", "main"))
	if err != nil {
		return nil, nil, err
	}
	for _, d := range dirs {
		if !locales.Languages()[strings.SplitN(d.Name(), "-", 2)[0]] {
			continue
		}
		m, err := readTree(filepath.Join(cldr, "cldr-numbers-full", "main", d.Name(), "numbers.json"))
		if err != nil {
			return nil, nil, err
		}
		if n, _ := dig(m, "main", d.Name(), "numbers", "defaultNumberingSystem").(string); n != "" && n != "latn" {
			s.NumberingSys[d.Name()] = n
		}
	}
	for _, f := range []string{"availableLocales.json", "defaultContent.json"} {
		m, err := readTree(filepath.Join(cldr, "cldr-core", f))
		if err != nil {
			return nil, nil, err
		}
		l, _ := dig(m, "availableLocales", "full").([]any)
		if l == nil {
			l, _ = dig(m, "defaultContent").([]any)
		}
		for _, x := range l {
			if id, _ := x.(string); locales.Languages()[strings.SplitN(id, "-", 2)[0]] {
				s.CLDRLocales = append(s.CLDRLocales, id)
			}
		}
	}
	sort.Strings(s.CLDRLocales)
	return s, z, nil
}

func genDates(cldr, out string) error {
	dir := filepath.Join(out, "dates")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	dp, err := readTree(filepath.Join(cldr, "cldr-core", "supplemental", "dayPeriods.json"))
	if err != nil {
		return err
	}
	rules, _ := dig(dp, "supplemental", "dayPeriodRuleSet").(map[string]any)
	ids := append([]string(nil), locales.Data...)
	sort.Strings(ids)
	for _, id := range ids {
		c, err := genCalendar(cldr, id, rules)
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		if err := writeGzJSON(filepath.Join(dir, id+".json.gz"), c); err != nil {
			return err
		}
		t, err := genTZ(cldr, id)
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		if err := writeGzJSON(filepath.Join(dir, id+".tz.json.gz"), t); err != nil {
			return err
		}
	}
	s, z, err := genSupplemental(cldr)
	if err != nil {
		return err
	}
	if err := writeGzJSON(filepath.Join(dir, "supplemental.json.gz"), s); err != nil {
		return err
	}
	// The canonical ids, which any time zone option needs, apart from the
	// metazones, which only zone names need.
	if err := writeGzJSON(filepath.Join(dir, "tzids.json.gz"), z.Canonical); err != nil {
		return err
	}
	z.Canonical = nil
	if err := writeGzJSON(filepath.Join(dir, "tzsupplemental.json.gz"), z); err != nil {
		return err
	}
	// The IANA database as Go ships it (its version is in
	// $GOROOT/lib/time/update.bash); the runner loads zones from memory.
	zi, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "zoneinfo.zip"), zi, 0o644)
}
