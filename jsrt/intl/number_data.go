package intl

import (
	"bytes"
	"embed"
	"strings"
	"sync"

	"codexec/jsrt/intl/internal/cldrdata"
)

// The number, plural, list and relative-time data of each locale of
// locales.Data, written by jsrt/intl/internal/gen (numbers.go), one gzipped
// JSON file per locale, decoded on first use.
//
//go:embed data/numbers/*.gz
var numbersFS embed.FS

type numSys = cldrdata.NumberingSystem

type currencyNames struct {
	Name    string            `json:"n"`
	Symbol  string            `json:"s"`
	Narrow  string            `json:"w"`
	Counts  map[string]string `json:"c"`
	Pattern string            `json:"p"`
}

type unitNames = cldrdata.Unit

type relField = cldrdata.RelativeField

type numberLocale struct {
	NS        string               `json:"ns"`
	MinGroup  int                  `json:"mg"`
	Sys       map[string]*numSys   `json:"sys"`
	Spacing   [2]string            `json:"csp"`
	CurUnit   map[string]string    `json:"cup"`
	Lists     map[string][4]string `json:"list"`
	Relatives map[string]*relField `json:"rt"`

	id       string
	currency []byte                    // the currency lines, decompressed on first use
	curNames map[string]*currencyNames // the lines read so far
	units    *unitData
}

type unitData struct {
	Units map[string]map[string]*unitNames `json:"units"` // width → unit
	Per   map[string]string                `json:"per"`   // width → "{0} per {1}"
}

// currencyNamesOf returns a currency's names in the locale (nil when CLDR
// has none), reading its line from the locale's currency file (see the
// generator's writeCurrencies), decompressed on first use.
func (l *numberLocale) currencyNamesOf(code string) *currencyNames {
	numberData.Lock()
	lines := l.currency
	if c, ok := l.curNames[code]; ok {
		numberData.Unlock()
		return c
	}
	numberData.Unlock()
	if lines == nil {
		lines = mustReadGz(numbersFS, "data/numbers/"+l.id+".currency.txt.gz")
		numberData.Lock()
		l.currency = lines
		numberData.Unlock()
	}
	key := []byte(code + "\t")
	i := 0
	if !bytes.HasPrefix(lines, key) {
		if i = bytes.Index(lines, append([]byte{'\n'}, key...)); i >= 0 {
			i++
		}
	}
	var c *currencyNames // nil: CLDR has no names for it (XYZ)
	if i >= 0 {
		line := lines[i:]
		if j := bytes.IndexByte(line, '\n'); j >= 0 {
			line = line[:j]
		}
		c = parseCurrencyLine(string(line))
	}
	numberData.Lock()
	if l.curNames == nil {
		l.curNames = map[string]*currencyNames{}
	}
	l.curNames[code] = c
	numberData.Unlock()
	return c
}

// parseCurrencyLine reads a line of a currency file.
func parseCurrencyLine(line string) *currencyNames {
	f := strings.Split(line, "\t")
	if len(f) != 6 {
		return nil
	}
	c := &currencyNames{Name: f[1], Symbol: f[2], Narrow: f[3], Pattern: f[4], Counts: map[string]string{}}
	if f[5] != "" {
		for _, kv := range strings.Split(f[5], "\x1f") {
			if k, v, ok := strings.Cut(kv, "="); ok {
				c.Counts[k] = v
			}
		}
	}
	return c
}

// unitNames returns the locale's unit patterns, decoding them on first use.
func (l *numberLocale) unitData() *unitData {
	numberData.Lock()
	u := l.units
	numberData.Unlock()
	if u == nil {
		u = &unitData{}
		mustReadGzJSON(numbersFS, "data/numbers/"+l.id+".unit.json.gz", u)
		numberData.Lock()
		l.units = u
		numberData.Unlock()
	}
	return u
}

type numberSupplemental struct {
	Cardinal   map[string]map[string]string `json:"cardinal"`
	Ordinal    map[string]map[string]string `json:"ordinal"`
	Ranges     map[string]map[string]string `json:"ranges"`
	Digits     map[string][2]int            `json:"curDigits"`
	Systems    map[string]string            `json:"systems"`
	NSSymbols  map[string]map[string]string `json:"nsSymbols"`
	NSPatterns map[string]map[string]string `json:"nsPatterns"`
	NSDefault  map[string]string            `json:"nsDefault"`
}

var numberData struct {
	sync.Mutex
	locales  map[string]*numberLocale
	sup      *numberSupplemental
	supParts map[string]bool
}

// numbersFor returns the decoded data of a data locale (one of
// locales.Data), decoding it on first use.
func numbersFor(id string) *numberLocale {
	numberData.Lock()
	defer numberData.Unlock()
	if l := numberData.locales[id]; l != nil {
		return l
	}
	if numberData.locales == nil {
		numberData.locales = map[string]*numberLocale{}
	}
	l := &numberLocale{id: id}
	mustReadGzJSON(numbersFS, "data/numbers/"+id+".json.gz", l)
	numberData.locales[id] = l
	return l
}

// supplemental returns the locale-independent data with part (its JSON
// name: cardinal, ordinal, ranges, curDigits, systems, nsSymbols,
// nsDefault) decoded; each part is a file, decoded on first use.
func supplemental(part string) *numberSupplemental {
	numberData.Lock()
	defer numberData.Unlock()
	if numberData.sup == nil {
		numberData.sup = &numberSupplemental{}
		numberData.supParts = map[string]bool{}
	}
	if !numberData.supParts[part] {
		mustReadGzJSON(numbersFS, "data/numbers/sup-"+part+".json.gz", numberData.sup)
		numberData.supParts[part] = true
	}
	return numberData.sup
}

// system returns the symbols and patterns for a numbering system, falling
// back to latn (as ICU does for a system the locale has no data for).
func (l *numberLocale) system(ns string) *numSys {
	if s := l.Sys[ns]; s != nil {
		return s
	}
	sym := supplemental("nsSymbols").NSSymbols[ns]
	if sym == nil {
		return l.Sys["latn"]
	}
	// The latn patterns with the system's own symbols (ICU takes them from
	// root, which has them from the locales that use the system).
	s := *l.Sys["latn"]
	s.Sym = sym
	for k, p := range supplemental("nsPatterns").NSPatterns[ns] {
		switch k {
		case "pct":
			s.Pct = p
		case "cur":
			s.Cur = p
		case "acc":
			s.Acc = p
		}
	}
	return &s
}
