package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"codexec/jsrt/intl/locales"
)

// The names generator writes jsrt/intl/data/names:
//
//   - available.txt.gz: CLDR's locales (with default contents), to which
//     a requested locale is truncated;
//   - core.txt.gz: the canonicalization data of UTS #35 (CLDR aliases of
//     languages, scripts, regions, variants, subdivisions, and the
//     deprecated or long forms of Unicode extension types from cldr-bcp47);
//   - likely.txt.gz: CLDR likelySubtags (Intl.Locale's maximize and
//     minimize);
//   - LOCALE.txt.gz for each of locales.Data: what Intl.DisplayNames
//     names (languages, regions, scripts, variants, currencies, calendars,
//     date fields) and the patterns that compose a locale's name.
func init() { generators["names"] = genNames }

// namesFile is the JSON of one locale's names.
type namesFile struct {
	Language map[string]string    `json:"language"`
	Region   map[string]string    `json:"region"`
	Script   map[string]string    `json:"script"`
	Variant  map[string]string    `json:"variant"`
	Currency map[string]string    `json:"currency"`
	Calendar map[string]string    `json:"calendar"`
	Field    map[string][3]string `json:"field"` // long, short, narrow
	Pattern  string               `json:"pattern"`
	Sep      string               `json:"separator"`
	Parent   string               `json:"parent,omitempty"` // whose data this adds to
}

// infoFile is info.json.gz: what Intl.Locale's getCalendars, getHourCycles,
// getNumberingSystems, getTimeZones, getTextInfo and getWeekInfo report,
// and Intl.supportedValuesOf's time zones.
type infoFile struct {
	Calendars  map[string][]string `json:"calendars"`        // region → calendars, preferred first
	HourCycles map[string]string   `json:"hourCycles"`       // region or locale → preferred hour cycle
	FirstDay   map[string]int      `json:"firstDay"`         // region → 1 (Monday) … 7 (Sunday)
	Weekend    map[string][2]int   `json:"weekend"`          // region → first and last day
	RTL        []string            `json:"rtl"`              // right-to-left scripts
	DefaultNu  map[string]string   `json:"numbering"`        // locale → default numbering system
	TimeZones  map[string][]string `json:"timeZones"`        // region → canonical zone ids, sorted
	Currencies []string            `json:"currencies"`       // currencies in use somewhere, sorted
	Numbering  []string            `json:"numberingSystems"` // numeric numbering systems, sorted
}

// coreFile is core.txt.gz.
type coreFile struct {
	// Available are the locales ICU has data for (CLDR's full set and
	// default contents): a requested tag resolves to the longest of them
	// it starts with.
	Available   []string                     `json:"available"`
	Language    map[string]string            `json:"language"`
	Script      map[string]string            `json:"script"`
	Region      map[string]string            `json:"region"` // space separated replacements
	Variant     map[string]string            `json:"variant"`
	Subdivision map[string]string            `json:"subdivision"`
	Type        map[string]map[string]string `json:"type"` // key → type → canonical type
}

func genNames(cldr, out string) error {
	dir := filepath.Join(out, "names")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	core, err := readCore(cldr)
	if err != nil {
		return err
	}
	if err := namesWriteText(filepath.Join(dir, "core.txt.gz"), core.sections()); err != nil {
		return err
	}
	if err := namesWriteText(filepath.Join(dir, "available.txt.gz"), []namesSection{{"available", nil, core.Available}}); err != nil {
		return err
	}
	var likely struct {
		Supplemental struct {
			LikelySubtags map[string]string `json:"likelySubtags"`
		} `json:"supplemental"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-core/supplemental/likelySubtags.json"), &likely); err != nil {
		return err
	}
	if err := namesWriteText(filepath.Join(dir, "likely.txt.gz"), []namesSection{{"likely", likely.Supplemental.LikelySubtags, nil}}); err != nil {
		return err
	}
	info, err := readInfo(cldr)
	if err != nil {
		return err
	}
	if err := writeGzJSON(filepath.Join(dir, "info.json.gz"), info); err != nil {
		return err
	}
	all := map[string]*namesFile{}
	for _, id := range locales.Data {
		n, err := readNames(cldr, id)
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		all[id] = n
	}
	for _, id := range locales.Data {
		n := all[id]
		// A locale stores only what differs from its parent's data (the
		// runtime merges the chain): en-GB is a few names, not all.
		if c := locales.Chain(id); len(c) > 1 && c[0] == id {
			n = namesDiff(n, all[c[1]])
			n.Parent = c[1]
		}
		if err := namesWriteText(filepath.Join(dir, id+".txt.gz"), n.sections()); err != nil {
			return err
		}
	}
	return nil
}

// sections are n as text: a section per kind of name, and one of the
// patterns and the parent; a date field's names are "long\tshort\tnarrow".
func (n *namesFile) sections() []namesSection {
	fields := map[string]string{}
	for k, v := range n.Field {
		fields[k] = v[0] + "\t" + v[1] + "\t" + v[2]
	}
	meta := map[string]string{}
	if n.Pattern != "" {
		meta["pattern"], meta["separator"] = n.Pattern, n.Sep
	}
	if n.Parent != "" {
		meta["parent"] = n.Parent
	}
	return []namesSection{{"meta", meta, nil}, {"language", n.Language, nil}, {"region", n.Region, nil}, {"script", n.Script, nil},
		{"variant", n.Variant, nil}, {"currency", n.Currency, nil}, {"calendar", n.Calendar, nil}, {"field", fields, nil}}
}

// namesDiff returns what of n differs from p.
func namesDiff(n, p *namesFile) *namesFile {
	d := &namesFile{Field: map[string][3]string{}}
	m := func(a, b map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range a {
			if b[k] != v {
				out[k] = v
			}
		}
		return out
	}
	d.Language, d.Region, d.Script = m(n.Language, p.Language), m(n.Region, p.Region), m(n.Script, p.Script)
	d.Variant, d.Currency, d.Calendar = m(n.Variant, p.Variant), m(n.Currency, p.Currency), m(n.Calendar, p.Calendar)
	for k, v := range n.Field {
		if p.Field[k] != v {
			d.Field[k] = v
		}
	}
	if n.Pattern != p.Pattern || n.Sep != p.Sep {
		d.Pattern, d.Sep = n.Pattern, n.Sep
	}
	return d
}

func readCore(cldr string) (*coreFile, error) {
	var a struct {
		Supplemental struct {
			Metadata struct {
				Alias map[string]json.RawMessage `json:"alias"`
			} `json:"metadata"`
		} `json:"supplemental"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-core/supplemental/aliases.json"), &a); err != nil {
		return nil, err
	}
	al := func(name string) (map[string]string, error) {
		var m map[string]struct {
			Replacement string `json:"_replacement"`
		}
		if err := json.Unmarshal(a.Supplemental.Metadata.Alias[name], &m); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out := map[string]string{}
		for k, v := range m {
			out[k] = v.Replacement
		}
		return out, nil
	}
	c := &coreFile{Type: map[string]map[string]string{}}
	var av struct {
		AvailableLocales struct {
			Full []string `json:"full"`
		} `json:"availableLocales"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-core/availableLocales.json"), &av); err != nil {
		return nil, err
	}
	var dc struct {
		DefaultContent []string `json:"defaultContent"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-core/defaultContent.json"), &dc); err != nil {
		return nil, err
	}
	// ICU also has the Chinese locales by region alone.
	c.Available = append(append(append(c.Available, av.AvailableLocales.Full...), dc.DefaultContent...), "zh-CN", "zh-HK", "zh-MO", "zh-SG", "zh-TW")
	sort.Strings(c.Available)
	defer func() {
		// Where ICU 78 (Node 24) canonicalizes otherwise than CLDR 48's
		// data says, Node is followed: it keeps bh and tw, maps sgn-NO to
		// nsl, and keeps the POSIX-style time zones.
		delete(c.Language, "bh")
		delete(c.Language, "tw")
		c.Language["sgn-NO"] = "nsl"
		for _, z := range []string{"cst6cdt", "est5edt", "mst7mdt", "pst8pdt"} {
			delete(c.Type["tz"], z)
		}
	}()
	var err error
	for _, x := range []struct {
		name string
		dst  *map[string]string
	}{{"languageAlias", &c.Language}, {"scriptAlias", &c.Script}, {"territoryAlias", &c.Region}, {"variantAlias", &c.Variant}, {"subdivisionAlias", &c.Subdivision}} {
		if *x.dst, err = al(x.name); err != nil {
			return nil, err
		}
	}
	// Extension types: a deprecated type's preferred one, and a type's
	// long alias (ethiopic-amete-alem → ethioaa) when it is a valid type.
	files, _ := filepath.Glob(filepath.Join(cldr, "cldr-bcp47/bcp47/*.json"))
	for _, f := range files {
		var b struct {
			Keyword struct {
				U map[string]map[string]json.RawMessage `json:"u"`
			} `json:"keyword"`
		}
		if err := readJSON(f, &b); err != nil {
			return nil, err
		}
		for key, types := range b.Keyword.U {
			for t, raw := range types {
				if strings.HasPrefix(t, "_") {
					continue
				}
				var info struct {
					Alias     string `json:"_alias"`
					Preferred string `json:"_preferred"`
				}
				if json.Unmarshal(raw, &info) != nil {
					continue
				}
				add := func(from, to string) {
					if from == "" || from == to || !namesValidType(from) {
						return
					}
					if c.Type[key] == nil {
						c.Type[key] = map[string]string{}
					}
					c.Type[key][from] = to
				}
				canon := t
				if info.Preferred != "" {
					canon = info.Preferred
					add(t, canon)
				}
				for _, a := range strings.Fields(info.Alias) {
					add(strings.ToLower(a), canon)
				}
			}
		}
	}
	return c, nil
}

// namesValidType is the structure of a Unicode extension type.
func namesValidType(s string) bool {
	for _, p := range strings.Split(s, "-") {
		if len(p) < 3 || len(p) > 8 {
			return false
		}
		for _, r := range p {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

func readNames(cldr, id string) (*namesFile, error) {
	n := &namesFile{Field: map[string][3]string{}}
	ln := func(file string, v any) error {
		return readJSON(filepath.Join(cldr, "cldr-localenames-full/main", id, file), v)
	}
	var ld struct {
		Main map[string]struct {
			L struct {
				Languages map[string]string `json:"languages"`
				Scripts   map[string]string `json:"scripts"`
				Terr      map[string]string `json:"territories"`
				Variants  map[string]string `json:"variants"`
				Pattern   struct {
					Pattern string `json:"localePattern"`
					Sep     string `json:"localeSeparator"`
				} `json:"localeDisplayPattern"`
				Types map[string]map[string]string `json:"types"`
			} `json:"localeDisplayNames"`
		} `json:"main"`
	}
	for _, f := range []string{"languages.json", "scripts.json", "territories.json", "variants.json", "localeDisplayNames.json"} {
		// Each file fills part of the structure: decode each afresh.
		ld.Main = nil
		if err := ln(f, &ld); err != nil {
			return nil, err
		}
		l := ld.Main[id].L
		switch f {
		case "languages.json":
			n.Language = l.Languages
		case "scripts.json":
			n.Script = l.Scripts
		case "territories.json":
			n.Region = l.Terr
		case "variants.json":
			n.Variant = l.Variants
		default:
			n.Pattern, n.Sep = l.Pattern.Pattern, l.Pattern.Sep
			n.Calendar = l.Types["calendar"]
		}
	}
	var cur struct {
		Main map[string]struct {
			Numbers struct {
				Currencies map[string]struct {
					DisplayName string `json:"displayName"`
				} `json:"currencies"`
			} `json:"numbers"`
		} `json:"main"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-numbers-full/main", id, "currencies.json"), &cur); err != nil {
		return nil, err
	}
	n.Currency = map[string]string{}
	for k, v := range cur.Main[id].Numbers.Currencies {
		n.Currency[k] = v.DisplayName
	}
	var df struct {
		Main map[string]struct {
			Dates struct {
				Fields map[string]struct {
					DisplayName string `json:"displayName"`
				} `json:"fields"`
			} `json:"dates"`
		} `json:"main"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-dates-full/main", id, "dateFields.json"), &df); err != nil {
		return nil, err
	}
	f := df.Main[id].Dates.Fields
	for field, cldrName := range map[string]string{"era": "era", "year": "year", "quarter": "quarter", "month": "month",
		"weekOfYear": "week", "weekday": "weekday", "day": "day", "dayPeriod": "dayperiod", "hour": "hour",
		"minute": "minute", "second": "second", "timeZoneName": "zone"} {
		n.Field[field] = [3]string{f[cldrName].DisplayName, f[cldrName+"-short"].DisplayName, f[cldrName+"-narrow"].DisplayName}
	}
	return n, nil
}

func readInfo(cldr string) (*infoFile, error) {
	sup := func(name string, v any) error {
		return readJSON(filepath.Join(cldr, "cldr-core/supplemental", name), v)
	}
	in := &infoFile{Calendars: map[string][]string{}, HourCycles: map[string]string{}, FirstDay: map[string]int{},
		Weekend: map[string][2]int{}, DefaultNu: map[string]string{}, TimeZones: map[string][]string{}}
	var cal struct {
		Supplemental struct {
			Pref map[string][]string `json:"calendarPreferenceData"`
		} `json:"supplemental"`
	}
	if err := sup("calendarPreferenceData.json", &cal); err != nil {
		return nil, err
	}
	bcp := map[string]string{"gregorian": "gregory", "ethiopic-amete-alem": "ethioaa"}
	for r, l := range cal.Supplemental.Pref {
		for _, c := range l {
			if b, ok := bcp[c]; ok {
				c = b
			}
			in.Calendars[r] = append(in.Calendars[r], c)
		}
	}
	var td struct {
		Supplemental struct {
			TimeData map[string]struct {
				Preferred string `json:"_preferred"`
			} `json:"timeData"`
		} `json:"supplemental"`
	}
	if err := sup("timeData.json", &td); err != nil {
		return nil, err
	}
	hc := map[string]string{"h": "h12", "H": "h23", "K": "h11", "k": "h24"}
	for r, t := range td.Supplemental.TimeData {
		in.HourCycles[strings.ReplaceAll(r, "_", "-")] = hc[t.Preferred]
	}
	var wd struct {
		Supplemental struct {
			WeekData struct {
				FirstDay     map[string]string `json:"firstDay"`
				WeekendStart map[string]string `json:"weekendStart"`
				WeekendEnd   map[string]string `json:"weekendEnd"`
			} `json:"weekData"`
		} `json:"supplemental"`
	}
	if err := sup("weekData.json", &wd); err != nil {
		return nil, err
	}
	day := map[string]int{"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
	w := wd.Supplemental.WeekData
	for r, d := range w.FirstDay {
		if !strings.Contains(r, "-") {
			in.FirstDay[r] = day[d]
		}
	}
	for r, d := range w.WeekendStart {
		e, ok := w.WeekendEnd[r]
		if !ok {
			e = w.WeekendEnd["001"]
		}
		in.Weekend[r] = [2]int{day[d], day[e]}
	}
	for r, e := range w.WeekendEnd {
		if _, ok := in.Weekend[r]; !ok {
			in.Weekend[r] = [2]int{day[w.WeekendStart["001"]], day[e]}
		}
	}
	var sm struct {
		ScriptMetadata map[string]struct {
			RTL string `json:"rtl"`
		} `json:"scriptMetadata"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-core/scriptMetadata.json"), &sm); err != nil {
		return nil, err
	}
	for s, m := range sm.ScriptMetadata {
		if m.RTL == "YES" {
			in.RTL = append(in.RTL, s)
		}
	}
	sort.Strings(in.RTL)
	dirs, _ := os.ReadDir(filepath.Join(cldr, "cldr-numbers-full/main"))
	for _, d := range dirs {
		var n struct {
			Main map[string]struct {
				Numbers struct {
					Default string `json:"defaultNumberingSystem"`
				} `json:"numbers"`
			} `json:"main"`
		}
		if err := readJSON(filepath.Join(cldr, "cldr-numbers-full/main", d.Name(), "numbers.json"), &n); err != nil {
			continue
		}
		if nu := n.Main[d.Name()].Numbers.Default; nu != "" {
			in.DefaultNu[d.Name()] = nu
		}
	}
	var tz struct {
		Keyword struct {
			U struct {
				TZ map[string]json.RawMessage `json:"tz"`
			} `json:"u"`
		} `json:"keyword"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-bcp47/bcp47/timezone.json"), &tz); err != nil {
		return nil, err
	}
	// A zone's BCP 47 id starts with its region (UN/LOCODE) but for a few.
	special := map[string]string{"gaza": "PS", "gazastrp": "PS", "hebron": "PS", "jeruslm": "IL"}
	for id, raw := range tz.Keyword.U.TZ {
		var z struct {
			Alias      string `json:"_alias"`
			Deprecated bool   `json:"_deprecated"`
		}
		if strings.HasPrefix(id, "_") || json.Unmarshal(raw, &z) != nil || z.Deprecated || z.Alias == "" {
			continue
		}
		name := strings.Fields(z.Alias)[0]
		region, ok := special[id]
		if !ok {
			if id == "unk" || strings.HasPrefix(id, "utc") || id == "gmt" {
				region = "001"
			} else {
				region = strings.ToUpper(id[:2])
			}
		}
		in.TimeZones[region] = append(in.TimeZones[region], name)
	}
	for _, l := range in.TimeZones {
		sort.Strings(l)
	}
	var cd struct {
		Supplemental struct {
			CurrencyData struct {
				Region map[string][]map[string]struct {
					To     string `json:"_to"`
					Tender string `json:"_tender"`
				} `json:"region"`
			} `json:"currencyData"`
		} `json:"supplemental"`
	}
	if err := sup("currencyData.json", &cd); err != nil {
		return nil, err
	}
	cur := map[string]bool{}
	for _, l := range cd.Supplemental.CurrencyData.Region {
		for _, m := range l {
			for c, v := range m {
				if v.To == "" && v.Tender != "false" {
					cur[c] = true
				}
			}
		}
	}
	// ICU 78 (Node 24) keeps in its list of ISO 4217 codes a few that
	// CLDR 48 no longer has in use, and the SDR units.
	for _, c := range []string{"ANG", "BGN", "CUC", "HRK", "SLL", "SVC", "XDR", "XSU", "ZWL"} {
		cur[c] = true
	}
	for c := range cur {
		in.Currencies = append(in.Currencies, c)
	}
	sort.Strings(in.Currencies)
	var ns struct {
		Supplemental struct {
			NumberingSystems map[string]struct {
				Type string `json:"_type"`
			} `json:"numberingSystems"`
		} `json:"supplemental"`
	}
	if err := sup("numberingSystems.json", &ns); err != nil {
		return nil, err
	}
	for n, v := range ns.Supplemental.NumberingSystems {
		if v.Type == "numeric" {
			in.Numbering = append(in.Numbering, n)
		}
	}
	sort.Strings(in.Numbering)
	return in, nil
}

// namesSection is one section of a text data file: "@name" then a line
// "key value" for each entry of m (sorted), or a line per item of list.
type namesSection struct {
	name string
	m    map[string]string
	list []string
}

func (c *coreFile) sections() []namesSection {
	out := []namesSection{{"language", c.Language, nil}, {"script", c.Script, nil},
		{"region", c.Region, nil}, {"variant", c.Variant, nil}, {"subdivision", c.Subdivision, nil}}
	keys := make([]string, 0, len(c.Type))
	for k := range c.Type {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, namesSection{"type " + k, c.Type[k], nil})
	}
	return out
}

// namesWriteText writes sections as gzip-compressed text, which the
// runtime reads far faster than JSON.
func namesWriteText(path string, secs []namesSection) error {
	var b strings.Builder
	for _, s := range secs {
		b.WriteString("@" + s.name + "\n")
		for _, l := range s.list {
			b.WriteString(l + "\n")
		}
		keys := make([]string, 0, len(s.m))
		for k := range s.m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b.WriteString(k + " " + s.m[k] + "\n")
		}
	}
	return writeGz(path, []byte(b.String()))
}
