package intl

import (
	"strconv"
	"strings"
)

// dtPart is one part of a formatted date (formatToParts).
type dtPart struct {
	Type  string
	Value string
	// Source is "shared", "startRange" or "endRange" in a range.
	Source string
}

// partType names the part a pattern character produces, as V8 does.
func partType(c byte) string {
	switch c {
	case 'G':
		return "era"
	case 'y', 'Y', 'u':
		return "year"
	case 'U':
		return "yearName"
	case 'r':
		return "relatedYear"
	case 'M', 'L':
		return "month"
	case 'd':
		return "day"
	case 'E', 'c', 'e':
		return "weekday"
	case 'a', 'b', 'B':
		return "dayPeriod"
	case 'h', 'H', 'k', 'K':
		return "hour"
	case 'm':
		return "minute"
	case 's':
		return "second"
	case 'S':
		return "fractionalSecond"
	case 'z', 'Z', 'v', 'V', 'O', 'X', 'x':
		return "timeZoneName"
	case 'Q', 'q':
		return "quarter"
	}
	return "literal"
}

// fieldFormatter formats the fields of one pattern in one locale.
type fieldFormatter struct {
	data   string // data locale
	cal    *calData
	digits []rune // nil for ASCII digits
	zone   *timeZone
	items  []patItem
	hasMin bool
	hasSec bool
}

func newFieldFormatter(data string, cal *calData, digits string, zone *timeZone, pattern string) *fieldFormatter {
	f := &fieldFormatter{data: data, cal: cal, zone: zone, items: parsePattern(pattern)}
	if digits != "" && digits != "0123456789" {
		f.digits = []rune(digits)
	}
	for _, it := range f.items {
		switch it.ch {
		case 'm':
			f.hasMin = true
		case 's':
			f.hasSec = true
		}
	}
	return f
}

// num writes n with at least width digits in the numbering system.
func (f *fieldFormatter) num(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return f.localDigits(s)
}

func (f *fieldFormatter) localDigits(s string) string {
	if f.digits == nil {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(f.digits[c-'0'])
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// pick returns entry i of the first list of m present under keys ("" if
// none has it).
func pick(m map[string][]string, i int, keys ...string) string {
	for _, k := range keys {
		if l, ok := m[k]; ok && i < len(l) {
			return l[i]
		}
	}
	return ""
}

func widthOf(n int) string {
	switch {
	case n == 4:
		return "wide"
	case n == 5:
		return "narrow"
	case n >= 6:
		return "short"
	}
	return "abbreviated"
}

// parts formats the instant ms (whose fields in the zone are fd).
func (f *fieldFormatter) parts(ms float64, fd *dateFields) []dtPart {
	var out []dtPart
	for _, it := range f.items {
		if it.ch == 0 {
			if n := len(out); n > 0 && out[n-1].Type == "literal" {
				out[n-1].Value += it.lit
			} else {
				out = append(out, dtPart{Type: "literal", Value: it.lit})
			}
			continue
		}
		v := f.field(it.ch, it.n, ms, fd)
		t := partType(it.ch)
		if t == "literal" {
			if n := len(out); n > 0 && out[n-1].Type == "literal" {
				out[n-1].Value += v
				continue
			}
		}
		out = append(out, dtPart{Type: t, Value: v})
	}
	return out
}

func (f *fieldFormatter) field(c byte, n int, ms float64, fd *dateFields) string {
	cal := f.cal
	switch c {
	case 'G':
		era, _ := fd.eraYear()
		key := "eraAbbr"
		if n == 4 {
			key = "eraNames"
		} else if n >= 5 {
			key = "eraNarrow"
		}
		return pick(cal.Eras, era, key, "eraAbbr")
	case 'y', 'Y', 'u':
		y := fd.Year
		if c == 'y' {
			_, y = fd.eraYear()
		}
		if n == 2 {
			return f.num(((y%100)+100)%100, 2)
		}
		return f.num(y, n)
	case 'M', 'L':
		if n <= 2 {
			return f.num(fd.Month, n)
		}
		ctx := "format/"
		if c == 'L' {
			ctx = "stand-alone/"
		}
		w := widthOf(n)
		return pick(cal.Months, fd.Month-1, ctx+w, "format/"+w, "format/wide")
	case 'd':
		return f.num(fd.Day, n)
	case 'E', 'c', 'e':
		ctx := "format/"
		if c == 'c' {
			ctx = "stand-alone/"
		}
		w := widthOf(n)
		if n <= 3 {
			w = "abbreviated"
		}
		return pick(cal.Days, fd.Weekday, ctx+w, "format/"+w, "format/abbreviated")
	case 'a', 'b':
		key := "am"
		if fd.Hour >= 12 {
			key = "pm"
		}
		return f.period(key, n)
	case 'B':
		return f.flexiblePeriod(fd, n)
	case 'h':
		h := fd.Hour % 12
		if h == 0 {
			h = 12
		}
		return f.num(h, n)
	case 'K':
		return f.num(fd.Hour%12, n)
	case 'H':
		return f.num(fd.Hour, n)
	case 'k':
		h := fd.Hour
		if h == 0 {
			h = 24
		}
		return f.num(h, n)
	case 'm':
		return f.num(fd.Minute, n)
	case 's':
		return f.num(fd.Second, n)
	case 'S':
		s := strconv.Itoa(fd.Milli + 1000)[1:]
		if n <= 3 {
			s = s[:n]
		} else {
			s += strings.Repeat("0", n-3)
		}
		return f.localDigits(s)
	case 'z', 'Z', 'v', 'V', 'O', 'X', 'x':
		return f.zoneName(c, n, ms, fd)
	}
	return strings.Repeat(string(c), n)
}

func (f *fieldFormatter) period(key string, n int) string {
	w := widthOf(n)
	if n == 6 {
		w = "wide"
	}
	if m := f.cal.DayPeriods["format/"+w]; m != nil && m[key] != "" {
		return m[key]
	}
	return f.cal.DayPeriods["format/abbreviated"][key]
}

// flexiblePeriod is ICU's 'B': noon at 12:00:00 (minutes and seconds
// count only if the pattern shows them), else the locale's period for the
// hour, else am/pm.
func (f *fieldFormatter) flexiblePeriod(fd *dateFields, n int) string {
	rules := f.cal.DayPeriodRules
	if len(rules) == 0 {
		key := "am"
		if fd.Hour >= 12 {
			key = "pm"
		}
		return f.period(key, n)
	}
	min, sec := 0, 0
	if f.hasMin {
		min = fd.Minute
	}
	if f.hasSec {
		sec = fd.Second
	}
	key := ""
	if fd.Hour == 12 && min == 0 && sec == 0 && rules["noon"] != nil {
		key = "noon"
	} else {
		key = periodForHour(rules, fd.Hour)
	}
	w := widthOf(n)
	if n == 6 {
		w = "wide"
	}
	if key != "" && key != "am" && key != "pm" {
		if m := f.cal.DayPeriods["format/"+w]; m != nil && m[key] != "" {
			return m[key]
		}
		if key == "noon" {
			key = periodForHour(rules, fd.Hour)
			if m := f.cal.DayPeriods["format/"+w]; m != nil && m[key] != "" {
				return m[key]
			}
		}
	}
	k := "am"
	if fd.Hour >= 12 {
		k = "pm"
	}
	return f.period(k, n)
}

func hourOf(s string) int {
	if len(s) < 2 {
		return -1
	}
	h, err := strconv.Atoi(s[:2])
	if err != nil {
		return -1
	}
	return h
}

// periodForHour finds the day period rule covering hour.
func periodForHour(rules map[string]map[string]string, hour int) string {
	for k, r := range rules {
		from, before := hourOf(r["_from"]), hourOf(r["_before"])
		if from < 0 || before < 0 {
			continue
		}
		if from < before {
			if hour >= from && hour < before {
				return k
			}
		} else if hour >= from || hour < before {
			return k
		}
	}
	if hour < 12 {
		return "am"
	}
	return "pm"
}
