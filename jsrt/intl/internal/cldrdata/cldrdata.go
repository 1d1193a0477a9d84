// Package cldrdata is the layout of the JSON data files that
// jsrt/intl/internal/gen writes and package intl reads, and the list of
// units both serve: one definition for the writer and the reader. (The
// omitempty options only shorten the files; a missing field decodes as
// its zero value.)
package cldrdata

// SanctionedUnits are ECMA-402's simple units
// (IsSanctionedSingleUnitIdentifier): the units Intl.NumberFormat accepts
// and the generator writes names for.
var SanctionedUnits = []string{
	"acre", "bit", "byte", "celsius", "centimeter", "day", "degree", "fahrenheit", "fluid-ounce", "foot",
	"gallon", "gigabit", "gigabyte", "gram", "hectare", "hour", "inch", "kilobit", "kilobyte", "kilogram",
	"kilometer", "liter", "megabit", "megabyte", "meter", "microsecond", "mile", "mile-scandinavian",
	"milliliter", "millimeter", "millisecond", "minute", "month", "nanosecond", "ounce", "percent",
	"petabyte", "pound", "second", "stone", "terabit", "terabyte", "week", "yard", "year",
}

// Calendar is a locale's Gregorian calendar data (data/dates/LOCALE.json.gz).
type Calendar struct {
	Months          map[string][]string          `json:"months"`     // "format/wide" → 12 names
	Days            map[string][]string          `json:"days"`       // "format/wide" → 7 names, Sunday first
	DayPeriods      map[string]map[string]string `json:"dayPeriods"` // "format/wide" → am, pm, noon, morning1, …
	Eras            map[string][]string          `json:"eras"`       // eraAbbr, eraNames, eraNarrow → [BC, AD]
	DateFormats     map[string]string            `json:"dateFormats"`
	TimeFormats     map[string]string            `json:"timeFormats"`
	DateTimeFormats map[string]string            `json:"dateTimeFormats"`
	AtTime          map[string]string            `json:"atTime"`
	Available       map[string]string            `json:"available"`
	Intervals       map[string]map[string]string `json:"intervals"`
	IntervalFallbck string                       `json:"intervalFallback"`
	DayPeriodRules  map[string]map[string]string `json:"dayPeriodRules"` // from/before/at
	Decimal         map[string]string            `json:"decimal"`        // numbering system → decimal separator
	AppendItems     map[string]string            `json:"appendItems"`
}

// ZoneNames is a locale's time zone display names
// (data/dates/LOCALE.tz.json.gz).
type ZoneNames struct {
	HourFormat    string                       `json:"hourFormat"`
	GMTFormat     string                       `json:"gmtFormat"`
	GMTZeroFormat string                       `json:"gmtZeroFormat"`
	RegionFormat  string                       `json:"regionFormat"`
	Fallback      string                       `json:"fallbackFormat"`
	Metazones     map[string]map[string]string `json:"metazones"` // name → "long/standard" → …
	Zones         map[string]map[string]string `json:"zones"`     // IANA id → same, plus "exemplarCity"
	Territories   map[string]string            `json:"territories"`
}

// DateSupplemental is the locale-independent dates data
// (data/dates/supplemental.json.gz).
type DateSupplemental struct {
	TimeData     map[string][2]string `json:"timeData"`     // region or lang_REGION → [preferred, allowed]
	LikelyRegion map[string]string    `json:"likelyRegion"` // language[-Script] → region
	NumberingSys map[string]string    `json:"numberingSys"` // locale → default numbering system
	Digits       map[string]string    `json:"digits"`       // numbering system → digits
	CLDRLocales  []string             `json:"cldrLocales"`  // CLDR locales (and default contents) of Data's languages
}

// TZSupplemental is the locale-independent time zone data
// (data/dates/tzsupplemental.json.gz): metazones by date, reference
// zones, zone regions. Canonical is written to tzids.json.gz on its own.
type TZSupplemental struct {
	Metazones    map[string][][3]string       `json:"metazones"`           // zone → [metazone, from, to]
	GoldenZones  map[string]map[string]string `json:"goldenZones"`         // metazone → territory → zone
	Canonical    map[string]string            `json:"canonical,omitempty"` // lower-case alias → CLDR canonical id
	ZoneRegion   map[string]string            `json:"zoneRegion"`          // canonical id → region
	PrimaryZones map[string]string            `json:"primaryZones"`        // region → zone
}

// NumberingSystem is a locale's symbols and patterns for one numbering
// system (data/numbers/LOCALE.json.gz).
type NumberingSystem struct {
	Sym      map[string]string `json:"sym"`
	Dec      string            `json:"dec"`
	Pct      string            `json:"pct"`
	Cur      string            `json:"cur"`
	Acc      string            `json:"acc"`
	Sci      string            `json:"sci"`
	Short    map[string]string `json:"short,omitempty"`
	Long     map[string]string `json:"long,omitempty"`
	CurShort map[string]string `json:"curShort,omitempty"`
	Misc     map[string]string `json:"misc,omitempty"`
}

// Unit is a unit's name and patterns for one width
// (data/numbers/LOCALE.unit.json.gz).
type Unit struct {
	Name     string            `json:"n,omitempty"`
	Patterns map[string]string `json:"p"`
	Per      string            `json:"per,omitempty"`
}

// RelativeField is a relative-time field's names and patterns
// (data/numbers/LOCALE.json.gz).
type RelativeField struct {
	Rel    map[string]string `json:"rel,omitempty"`
	Future map[string]string `json:"f"`
	Past   map[string]string `json:"p"`
}
