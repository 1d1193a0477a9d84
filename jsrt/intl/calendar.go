package intl

import "time"

// dateFields are the calendar fields of an instant in a time zone, in the
// proleptic Gregorian calendar (V8 sets ICU's Gregorian change to the
// beginning of time, so year 1000 is not Julian).
type dateFields struct {
	Year    int // astronomical: 0 is 1 BC
	Month   int // 1–12
	Day     int
	Weekday int // 0 is Sunday
	Hour    int
	Minute  int
	Second  int
	Milli   int
	Offset  int // seconds east of UTC
	DST     bool
}

// eraYear returns the era (0 BC, 1 AD) and the year within it.
func (f *dateFields) eraYear() (era, year int) {
	if f.Year <= 0 {
		return 0, 1 - f.Year
	}
	return 1, f.Year
}

// fieldsAt computes the fields of the time value ms (a finite, time-clipped
// number of milliseconds) in zone z.
func fieldsAt(ms float64, z *timeZone) dateFields {
	t := time.UnixMilli(int64(ms))
	var f dateFields
	switch {
	case z.Fixed:
		t = t.In(time.UTC).Add(time.Duration(z.Offset) * time.Second)
		f.Offset = z.Offset
	case z.Loc == time.UTC:
		t = t.In(time.UTC)
	default:
		t = t.In(z.Loc)
		_, f.Offset = t.Zone()
		f.DST = isDST(t, f.Offset)
	}
	f.Year = t.Year()
	f.Month = int(t.Month())
	f.Day = t.Day()
	f.Weekday = int(t.Weekday())
	f.Hour, f.Minute, f.Second = t.Clock()
	f.Milli = t.Nanosecond() / 1e6
	return f
}

// isDST is daylight saving time as ICU's (rearguard) data has it: Go's
// database has Ireland's winter and Morocco's Ramadan as negative DST,
// where ICU calls the higher offset the daylight one.
func isDST(t time.Time, offset int) bool {
	dst := t.IsDST()
	for _, d := range []time.Duration{-182 * 24 * time.Hour, 182 * 24 * time.Hour} {
		o := t.Add(d)
		_, off := o.Zone()
		if o.IsDST() != dst {
			if dst && off > offset {
				return false
			}
			if !dst && off < offset {
				return true
			}
		}
	}
	return dst
}
