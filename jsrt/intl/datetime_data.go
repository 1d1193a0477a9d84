package intl

import (
	"embed"
	"sync"

	"codexec/jsrt/intl/internal/cldrdata"
)

// The dates data (jsrt/intl/internal/gen/dates.go writes it): per locale a
// calendar file and a time zone names file, a supplemental file, and the
// IANA time zone database. Each file is decoded the first time it is
// needed.
//
//go:embed data/dates
var datesFS embed.FS

// calData is a locale's Gregorian calendar data, inheritance merged.
type calData struct {
	cldrdata.Calendar

	gen     *patternGenerator // built on first use
	genOnce sync.Once
}

// tzNames is a locale's time zone display names.
type tzNames = cldrdata.ZoneNames

// dateSupplemental is the locale-independent data.
type dateSupplemental struct {
	cldrdata.DateSupplemental

	cldrSet map[string]bool
}

// tzSupplemental is the locale-independent time zone data: metazones by
// date, reference zones, zone regions (CLDR's canonical ids are a file of
// their own, read by canonicalZones).
type tzSupplemental = cldrdata.TZSupplemental

var (
	tzSuppOnce  sync.Once
	tzSuppCache *tzSupplemental
)

var (
	tzIDsOnce sync.Once
	tzIDs     map[string]string
)

// canonicalZones maps lower-case zone ids to CLDR's canonical ids.
func canonicalZones() map[string]string {
	tzIDsOnce.Do(func() {
		m := map[string]string{}
		mustReadGzJSON(datesFS, "data/dates/tzids.json.gz", &m)
		tzIDs = m
	})
	return tzIDs
}

// tzSupplementalData returns the time zone data, decoded on first use.
func tzSupplementalData() *tzSupplemental {
	tzSuppOnce.Do(func() {
		s := &tzSupplemental{}
		mustReadGzJSON(datesFS, "data/dates/tzsupplemental.json.gz", s)
		tzSuppCache = s
	})
	return tzSuppCache
}

// isCLDRLocale reports whether CLDR (so ICU) has the locale id, or has it
// as a default content.
func (s *dateSupplemental) isCLDRLocale(id string) bool {
	return s.cldrSet[id]
}

var (
	datesMu   sync.Mutex
	calCache  = map[string]*calData{}
	tzCache   = map[string]*tzNames{}
	suppOnce  sync.Once
	suppCache *dateSupplemental
)

// calendarData returns the calendar data of a data locale (one of
// locales.Data).
func calendarData(id string) *calData {
	datesMu.Lock()
	defer datesMu.Unlock()
	if c, ok := calCache[id]; ok {
		return c
	}
	c := &calData{}
	mustReadGzJSON(datesFS, "data/dates/"+id+".json.gz", c)
	calCache[id] = c
	return c
}

// zoneNames returns the time zone names of a data locale.
func zoneNames(id string) *tzNames {
	datesMu.Lock()
	defer datesMu.Unlock()
	if t, ok := tzCache[id]; ok {
		return t
	}
	t := &tzNames{}
	mustReadGzJSON(datesFS, "data/dates/"+id+".tz.json.gz", t)
	tzCache[id] = t
	return t
}

// supplementalData returns the locale-independent data.
func supplementalData() *dateSupplemental {
	suppOnce.Do(func() {
		s := &dateSupplemental{}
		mustReadGzJSON(datesFS, "data/dates/supplemental.json.gz", s)
		s.cldrSet = make(map[string]bool, len(s.CLDRLocales))
		for _, l := range s.CLDRLocales {
			s.cldrSet[l] = true
		}
		suppCache = s
	})
	return suppCache
}
