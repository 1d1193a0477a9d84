package main

// The numbers generator writes jsrt/intl/data/numbers: for each locale of
// locales.Data one gzipped JSON file (number symbols and patterns per
// numbering system, compact patterns, currency names and symbols, the
// sanctioned units, list patterns and relative-time fields), and
// supplemental.json.gz (plural rules and ranges, currency digits,
// numbering systems' digits). The cldr-json "full" packages are already
// resolved (a locale's file holds what it inherits), so each locale is read
// from its own files.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"codexec/jsrt/intl/internal/cldrdata"
	"codexec/jsrt/intl/locales"
)

func init() { generators["numbers"] = genNumbers }

type genCurrency struct {
	Name   string            `json:"n,omitempty"`
	Symbol string            `json:"s,omitempty"`
	Narrow string            `json:"w,omitempty"`
	Counts map[string]string `json:"c,omitempty"`
	// Pattern is a currency-specific pattern (en-150's EUR "¤#,##0.00").
	Pattern string `json:"p,omitempty"`
}

type genLocale struct {
	NS        string                               `json:"ns"`
	MinGroup  int                                  `json:"mg"`
	Sys       map[string]*cldrdata.NumberingSystem `json:"sys"`
	Spacing   [2]string                            `json:"csp"` // insertBetween before, after the currency
	CurUnit   map[string]string                    `json:"cup"` // {0} {1} by plural category, for currencyDisplay name
	Currency  map[string]*genCurrency              `json:"curr,omitempty"`
	Units     map[string]map[string]*cldrdata.Unit `json:"units,omitempty"` // width → unit
	Per       map[string]string                    `json:"per,omitempty"`   // width → compound "per" pattern
	Lists     map[string][4]string                 `json:"list"`            // type[-width] → start, middle, end, 2
	Relatives map[string]*cldrdata.RelativeField   `json:"rt"`              // field[-width]
}

// icuOverrides are where ICU 78's data (what Node formats with) differs
// from cldr-json 48's, found by comparing with Node 24.
var icuOverrides = map[string]func(*cldrdata.NumberingSystem){
	// fr-CH: ICU groups with an apostrophe.
	"fr-CH/latn": func(s *cldrdata.NumberingSystem) { s.Sym["group"] = "'" },
}

type numGenSupplemental struct {
	Cardinal map[string]map[string]string `json:"cardinal"` // language → category → rule
	Ordinal  map[string]map[string]string `json:"ordinal"`
	Ranges   map[string]map[string]string `json:"ranges"` // language → "start-end" → category
	Digits   map[string][2]int            `json:"curDigits"`
	Systems  map[string]string            `json:"systems"` // numbering system → its ten digits
	// NSSymbols are the symbols of arab and arabext for a locale that has
	// none of its own (en-u-nu-arab): ICU's root has them (from the locales
	// using them by default); any other system takes the locale's latn
	// symbols.
	NSSymbols map[string]map[string]string `json:"nsSymbols"`
	// NSPatterns are root's own patterns for such a system (the others
	// come from the locale's latn patterns).
	NSPatterns map[string]map[string]string `json:"nsPatterns"`
	// NSDefault is the default numbering system of locales (ar-EG) that
	// differ from the data locale serving them (ar).
	NSDefault map[string]string `json:"nsDefault"`
}

// compactPatterns keeps the "1000-count-one" keys, dropping alternates.
func compactPatterns(v any) map[string]string {
	m := strMap(v)
	for k := range m {
		if strings.Contains(k, "-alt-") {
			delete(m, k)
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

func genNumbers(cldr, out string) error {
	dir := filepath.Join(out, "numbers")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	sanctioned := map[string]bool{}
	for _, u := range cldrdata.SanctionedUnits {
		sanctioned[u] = true
	}
	for _, id := range locales.Data {
		loc, err := genNumbersLocale(cldr, id, sanctioned)
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		// Currency names and units are the bulk: they are files of their
		// own, decoded only when a currency or unit formatter needs them.
		if err := writeCurrencies(filepath.Join(dir, id+".currency.txt.gz"), loc.Currency); err != nil {
			return err
		}
		if err := writeGzJSONLine(filepath.Join(dir, id+".unit.json.gz"), map[string]any{"units": loc.Units, "per": loc.Per}); err != nil {
			return err
		}
		loc.Currency, loc.Units, loc.Per = nil, nil, nil
		if err := writeGzJSONLine(filepath.Join(dir, id+".json.gz"), loc); err != nil {
			return err
		}
	}
	sup, err := genNumbersSupplemental(cldr)
	if err != nil {
		return err
	}
	// One file per part, each decoded when first needed.
	b, err := json.Marshal(sup)
	if err != nil {
		return err
	}
	var parts map[string]json.RawMessage
	if err := json.Unmarshal(b, &parts); err != nil {
		return err
	}
	for k, v := range parts {
		if err := writeGzJSONLine(filepath.Join(dir, "sup-"+k+".json.gz"), map[string]json.RawMessage{k: v}); err != nil {
			return err
		}
	}
	return nil
}

// writeCurrencies writes one line per currency, so that the runtime finds
// the one it needs without decoding the others:
//
//	CODE\tname\tsymbol\tnarrow symbol\tpattern\tcategory=name\x1fcategory=name…
func writeCurrencies(path string, cur map[string]*genCurrency) error {
	codes := make([]string, 0, len(cur))
	for c := range cur {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var b strings.Builder
	for _, code := range codes {
		c := cur[code]
		var counts []string
		for _, cat := range []string{"zero", "one", "two", "few", "many", "other"} {
			if n, ok := c.Counts[cat]; ok {
				counts = append(counts, cat+"="+n)
			}
		}
		line := strings.Join([]string{code, c.Name, c.Symbol, c.Narrow, c.Pattern, strings.Join(counts, "\x1f")}, "\t")
		if strings.ContainsAny(line[4:], "\n") || strings.Count(line, "\t") != 5 {
			return fmt.Errorf("currency %s: a name holds a tab or newline", code)
		}
		b.WriteString(line + "\n")
	}
	return writeGz(path, []byte(b.String()))
}

func genNumbersLocale(cldr, id string, sanctioned map[string]bool) (*genLocale, error) {
	loc := &genLocale{Sys: map[string]*cldrdata.NumberingSystem{}, Currency: map[string]*genCurrency{},
		Units: map[string]map[string]*cldrdata.Unit{}, Per: map[string]string{}, Lists: map[string][4]string{},
		Relatives: map[string]*cldrdata.RelativeField{}, CurUnit: map[string]string{}}

	var nf struct {
		Main map[string]struct {
			Numbers map[string]any `json:"numbers"`
		} `json:"main"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-numbers-full/main", id, "numbers.json"), &nf); err != nil {
		return nil, err
	}
	n := nf.Main[id].Numbers
	loc.NS = str(n, "defaultNumberingSystem")
	fmt.Sscan(str(n, "minimumGroupingDigits"), &loc.MinGroup)
	for k, v := range n {
		const p = "symbols-numberSystem-"
		if !strings.HasPrefix(k, p) {
			continue
		}
		ns := k[len(p):]
		sys := &cldrdata.NumberingSystem{Sym: strMap(v)}
		delete(sys.Sym, "list")
		delete(sys.Sym, "timeSeparator")
		dec, _ := n["decimalFormats-numberSystem-"+ns].(map[string]any)
		sys.Dec = str(dec, "standard")
		if l, ok := dec["long"].(map[string]any); ok {
			sys.Long = compactPatterns(l["decimalFormat"])
		}
		if s, ok := dec["short"].(map[string]any); ok {
			sys.Short = compactPatterns(s["decimalFormat"])
		}
		pct, _ := n["percentFormats-numberSystem-"+ns].(map[string]any)
		sys.Pct = str(pct, "standard")
		sci, _ := n["scientificFormats-numberSystem-"+ns].(map[string]any)
		sys.Sci = str(sci, "standard")
		cur, _ := n["currencyFormats-numberSystem-"+ns].(map[string]any)
		sys.Cur = str(cur, "standard")
		sys.Acc = str(cur, "accounting")
		if o, ok := icuOverrides[id+"/"+ns]; ok {
			o(sys)
		}
		if s, ok := cur["short"].(map[string]any); ok {
			sys.CurShort = compactPatterns(s["standard"])
		}
		if ns == "latn" || ns == loc.NS {
			if sp, ok := cur["currencySpacing"].(map[string]any); ok {
				b, _ := sp["beforeCurrency"].(map[string]any)
				a, _ := sp["afterCurrency"].(map[string]any)
				loc.Spacing = [2]string{str(b, "insertBetween"), str(a, "insertBetween")}
			}
			for k, v := range cur {
				if c, ok := strings.CutPrefix(k, "unitPattern-count-"); ok {
					loc.CurUnit[c] = v.(string)
				}
			}
		}
		sys.Misc = strMap(n["miscPatterns-numberSystem-"+ns])
		loc.Sys[ns] = sys
	}

	var cf struct {
		Main map[string]struct {
			Numbers struct {
				Currencies map[string]map[string]string `json:"currencies"`
			} `json:"numbers"`
		} `json:"main"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-numbers-full/main", id, "currencies.json"), &cf); err != nil {
		return nil, err
	}
	for code, c := range cf.Main[id].Numbers.Currencies {
		gc := &genCurrency{Name: c["displayName"], Symbol: c["symbol"], Narrow: c["symbol-alt-narrow"], Pattern: c["pattern"], Counts: map[string]string{}}
		for k, v := range c {
			if cat, ok := strings.CutPrefix(k, "displayName-count-"); ok {
				gc.Counts[cat] = v
			}
		}
		if gc.Symbol == code {
			gc.Symbol = ""
		}
		if gc.Narrow == gc.Symbol || gc.Narrow == code && gc.Symbol == "" {
			gc.Narrow = ""
		}
		if gc.Counts["other"] == gc.Name {
			delete(gc.Counts, "other")
		}
		if len(gc.Counts) == 0 {
			gc.Counts = nil
		}
		loc.Currency[code] = gc
	}

	var uf struct {
		Main map[string]struct {
			Units map[string]any `json:"units"`
		} `json:"main"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-units-full/main", id, "units.json"), &uf); err != nil {
		return nil, err
	}
	for _, width := range []string{"long", "short", "narrow"} {
		w, _ := uf.Main[id].Units[width].(map[string]any)
		loc.Units[width] = map[string]*cldrdata.Unit{}
		if per, ok := w["per"].(map[string]any); ok {
			loc.Per[width] = str(per, "compoundUnitPattern")
		}
		for k, v := range w {
			i := strings.IndexByte(k, '-')
			if i < 0 {
				continue
			}
			name := k[i+1:]
			keep := sanctioned[name]
			if a, b, ok := strings.Cut(name, "-per-"); ok && sanctioned[a] && sanctioned[b] {
				keep = true
			}
			if !keep {
				continue
			}
			m, _ := v.(map[string]any)
			u := &cldrdata.Unit{Name: str(m, "displayName"), Per: str(m, "perUnitPattern"), Patterns: map[string]string{}}
			for pk, pv := range m {
				if cat, ok := strings.CutPrefix(pk, "unitPattern-count-"); ok && !strings.Contains(cat, "-") {
					u.Patterns[cat] = pv.(string)
				}
			}
			loc.Units[width][name] = u
		}
	}

	var lf struct {
		Main map[string]struct {
			ListPatterns map[string]map[string]string `json:"listPatterns"`
		} `json:"main"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-misc-full/main", id, "listPatterns.json"), &lf); err != nil {
		return nil, err
	}
	for k, p := range lf.Main[id].ListPatterns {
		k = strings.TrimPrefix(k, "listPattern-type-")
		loc.Lists[k] = [4]string{p["start"], p["middle"], p["end"], p["2"]}
	}

	var df struct {
		Main map[string]struct {
			Dates struct {
				Fields map[string]map[string]any `json:"fields"`
			} `json:"dates"`
		} `json:"main"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-dates-full/main", id, "dateFields.json"), &df); err != nil {
		return nil, err
	}
	for _, f := range []string{"year", "quarter", "month", "week", "day", "hour", "minute", "second"} {
		for _, w := range []string{"", "-short", "-narrow"} {
			fd := df.Main[id].Dates.Fields[f+w]
			if fd == nil {
				return nil, fmt.Errorf("no date field %s%s", f, w)
			}
			r := &cldrdata.RelativeField{Rel: map[string]string{}, Future: map[string]string{}, Past: map[string]string{}}
			for k, v := range fd {
				if off, ok := strings.CutPrefix(k, "relative-type-"); ok {
					r.Rel[off] = v.(string)
				}
			}
			for k, v := range strMap(fd["relativeTime-type-future"]) {
				r.Future[strings.TrimPrefix(k, "relativeTimePattern-count-")] = v
			}
			for k, v := range strMap(fd["relativeTime-type-past"]) {
				r.Past[strings.TrimPrefix(k, "relativeTimePattern-count-")] = v
			}
			if len(r.Rel) == 0 {
				r.Rel = nil
			}
			loc.Relatives[f+w] = r
		}
	}
	return loc, nil
}

func genNumbersSupplemental(cldr string) (*numGenSupplemental, error) {
	sup := &numGenSupplemental{Cardinal: map[string]map[string]string{}, Ordinal: map[string]map[string]string{},
		Ranges: map[string]map[string]string{}, Digits: map[string][2]int{}, Systems: map[string]string{},
		NSSymbols: map[string]map[string]string{}, NSDefault: map[string]string{},
		// ICU's root has these for arab (not in cldr-json's und); found by
		// comparing de-u-nu-arab and en-u-nu-arab with Node.
		NSPatterns: map[string]map[string]string{"arab": {"pct": "#,##0%", "cur": "#,##0.00\u00a0¤", "acc": "#,##0.00\u00a0¤"}}}
	langs := map[string]bool{}
	for _, id := range locales.Data {
		langs[strings.SplitN(id, "-", 2)[0]] = true
		langs[id] = true // a locale with rules of its own (pt-PT)
	}
	if err := genNumberingDefaults(cldr, sup); err != nil {
		return nil, err
	}
	rules := func(file, key string, into map[string]map[string]string) error {
		var f struct {
			Supplemental map[string]json.RawMessage `json:"supplemental"`
		}
		if err := readJSON(filepath.Join(cldr, "cldr-core/supplemental", file), &f); err != nil {
			return err
		}
		var all map[string]map[string]string
		if err := json.Unmarshal(f.Supplemental[key], &all); err != nil {
			return err
		}
		for lang, rs := range all {
			if !langs[lang] {
				continue
			}
			m := map[string]string{}
			for k, r := range rs {
				cat := strings.TrimPrefix(k, "pluralRule-count-")
				// The samples (@integer, @decimal) are not part of the rule.
				if i := strings.IndexByte(r, '@'); i >= 0 {
					r = r[:i]
				}
				m[cat] = strings.TrimSpace(r)
			}
			into[lang] = m
		}
		return nil
	}
	if err := rules("plurals.json", "plurals-type-cardinal", sup.Cardinal); err != nil {
		return nil, err
	}
	if err := rules("ordinals.json", "plurals-type-ordinal", sup.Ordinal); err != nil {
		return nil, err
	}
	var pr struct {
		Supplemental struct {
			Plurals map[string]map[string]string `json:"plurals"`
		} `json:"supplemental"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-core/supplemental/pluralRanges.json"), &pr); err != nil {
		return nil, err
	}
	for lang, rs := range pr.Supplemental.Plurals {
		if !langs[lang] {
			continue
		}
		m := map[string]string{}
		for k, v := range rs {
			k = strings.TrimPrefix(k, "pluralRange-start-")
			k = strings.Replace(k, "-end-", "-", 1)
			m[k] = v
		}
		sup.Ranges[lang] = m
	}
	var cd struct {
		Supplemental struct {
			CurrencyData struct {
				Fractions map[string]map[string]string `json:"fractions"`
			} `json:"currencyData"`
		} `json:"supplemental"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-core/supplemental/currencyData.json"), &cd); err != nil {
		return nil, err
	}
	for code, f := range cd.Supplemental.CurrencyData.Fractions {
		var d, r int
		fmt.Sscan(f["_digits"], &d)
		fmt.Sscan(f["_rounding"], &r)
		sup.Digits[code] = [2]int{d, r}
	}
	var ns struct {
		Supplemental struct {
			NumberingSystems map[string]map[string]string `json:"numberingSystems"`
		} `json:"supplemental"`
	}
	if err := readJSON(filepath.Join(cldr, "cldr-core/supplemental/numberingSystems.json"), &ns); err != nil {
		return nil, err
	}
	var names []string
	for name, s := range ns.Supplemental.NumberingSystems {
		if s["_type"] == "numeric" && len([]rune(s["_digits"])) == 10 {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		sup.Systems[name] = ns.Supplemental.NumberingSystems[name]["_digits"]
	}
	return sup, nil
}

// genNumberingDefaults fills NSSymbols and NSDefault from every CLDR
// locale's numbers.
func genNumberingDefaults(cldr string, sup *numGenSupplemental) error {
	dir := filepath.Join(cldr, "cldr-numbers-full/main")
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	langs := map[string]bool{}
	for _, id := range locales.Data {
		langs[strings.SplitN(id, "-", 2)[0]] = true
	}
	defaults := map[string]string{}
	for _, e := range ents {
		id := e.Name()
		var nf struct {
			Main map[string]struct {
				Numbers map[string]any `json:"numbers"`
			} `json:"main"`
		}
		if err := readJSON(filepath.Join(dir, id, "numbers.json"), &nf); err != nil {
			return err
		}
		n := nf.Main[id].Numbers
		ns := str(n, "defaultNumberingSystem")
		defaults[id] = ns
		if (ns == "arab" || ns == "arabext") && sup.NSSymbols[ns] == nil {
			if sym := strMap(n["symbols-numberSystem-"+ns]); len(sym) > 0 {
				delete(sym, "list")
				delete(sym, "timeSeparator")
				sup.NSSymbols[ns] = sym
			}
		}
	}
	// Root's own arab symbols (what a locale without arab data uses)
	// differ from Arabic's in these two.
	if s := sup.NSSymbols["arab"]; s != nil {
		s["nan"], s["exponential"] = "NaN", "اس"
	}
	for id, ns := range defaults {
		if !langs[strings.SplitN(id, "-", 2)[0]] {
			continue
		}
		chain := locales.Chain(id)
		if len(chain) == 0 || defaults[chain[0]] == ns {
			continue
		}
		sup.NSDefault[id] = ns
	}
	return nil
}
