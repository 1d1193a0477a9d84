package intl

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The IANA time zone database is Go's (data/dates/zoneinfo.zip, copied by
// the generator from the Go release that builds the runner). Zones are
// loaded from memory with time.LoadLocationFromTZData: time.LoadLocation
// would read the file system first, which the runner may not touch after
// lockdown.

var (
	zoneMu        sync.Mutex
	zoneIndexOnce sync.Once
	zoneIndex     map[string]*zip.File // IANA name → entry
	zoneLocs      = map[string]*time.Location{}
)

func zoneFiles() map[string]*zip.File {
	zoneIndexOnce.Do(func() {
		b, err := datesFS.ReadFile("data/dates/zoneinfo.zip")
		if err != nil {
			panic("intl: missing zoneinfo.zip")
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			panic("intl: bad zoneinfo.zip")
		}
		zoneIndex = make(map[string]*zip.File, len(zr.File))
		for _, f := range zr.File {
			zoneIndex[f.Name] = f
		}
	})
	return zoneIndex
}

// loadZone returns the location of an IANA name present in the database,
// or nil.
func loadZone(name string) *time.Location {
	zoneMu.Lock()
	defer zoneMu.Unlock()
	if l, ok := zoneLocs[name]; ok {
		return l
	}
	f := zoneFiles()[name]
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	data, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return nil
	}
	l, err := time.LoadLocationFromTZData(name, data)
	if err != nil {
		return nil
	}
	zoneLocs[name] = l
	return l
}

// timeZone is a resolved [[TimeZone]]: an IANA zone (by its CLDR canonical
// id, as ICU reports it) or a fixed UTC offset.
type timeZone struct {
	ID     string         // what resolvedOptions().timeZone says
	Loc    *time.Location // nil for an offset zone
	Offset int            // seconds east of UTC, for an offset zone
	Fixed  bool
}

var utcZone = &timeZone{ID: "UTC", Loc: time.UTC}

// offset returns the UTC offset (seconds) and whether daylight saving time
// is in effect at the instant ms.
func (z *timeZone) offset(ms float64) (int, bool) {
	if z.Fixed {
		return z.Offset, false
	}
	if z.Loc == time.UTC {
		return 0, false
	}
	t := unixMilli(ms).In(z.Loc)
	_, off := t.Zone()
	return off, isDST(t, off)
}

func unixMilli(ms float64) time.Time {
	return time.UnixMilli(int64(ms))
}

// resolveTimeZone is the specification's time zone validation and
// canonicalization, as V8 with ICU does it: names are matched ignoring
// case and reported by their CLDR canonical id ("US/Eastern" →
// "America/New_York", but "Asia/Calcutta" stays as CLDR keeps it); "UTC",
// "Etc/UTC", "GMT" are "UTC"; offsets "+05:30", "-08", "+0530" are
// accepted. ok is false for an unknown zone.
func resolveTimeZone(name string) (*timeZone, bool) {
	if z, ok := parseOffsetZone(name); ok {
		return z, true
	}
	canonical := canonicalZones()
	lower := strings.ToLower(name)
	id, ok := canonical[lower]
	if !ok || id == "Etc/Unknown" {
		return nil, false
	}
	// ICU 78 keeps the POSIX-style US zones as zones of their own, where
	// CLDR 48 makes them aliases.
	switch lower {
	case "est5edt", "cst6cdt", "mst7mdt", "pst8pdt":
		id = strings.ToUpper(lower)
	}
	switch id {
	case "Etc/UTC", "Etc/GMT", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Etc/Greenwich", "UTC", "GMT":
		return utcZone, true
	}
	loc := loadZone(id)
	if loc == nil {
		// The database may know the zone by another of its CLDR aliases.
		for alias, canon := range canonical {
			if canon == id {
				for n := range zoneFiles() {
					if strings.ToLower(n) == alias {
						loc = loadZone(n)
						break
					}
				}
			}
			if loc != nil {
				break
			}
		}
	}
	if loc == nil {
		return nil, false
	}
	return &timeZone{ID: id, Loc: loc}, true
}

// parseOffsetZone reads an offset time zone identifier: ±HH, ±HHMM or
// ±HH:MM (ES2024); it is reported as ±HH:MM.
func parseOffsetZone(s string) (*timeZone, bool) {
	if len(s) < 3 || s[0] != '+' && s[0] != '-' {
		return nil, false
	}
	digits := func(x string) (int, bool) {
		if len(x) != 2 || x[0] < '0' || x[0] > '9' || x[1] < '0' || x[1] > '9' {
			return 0, false
		}
		n, _ := strconv.Atoi(x)
		return n, true
	}
	rest := s[1:]
	var hs, ms string
	switch len(rest) {
	case 2:
		hs, ms = rest, "00"
	case 4:
		hs, ms = rest[:2], rest[2:]
	case 5:
		if rest[2] != ':' {
			return nil, false
		}
		hs, ms = rest[:2], rest[3:]
	default:
		return nil, false
	}
	h, ok1 := digits(hs)
	m, ok2 := digits(ms)
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return nil, false
	}
	off := h*3600 + m*60
	if s[0] == '-' {
		off = -off
	}
	return &timeZone{ID: fmt.Sprintf("%c%02d:%02d", s[0], h, m), Offset: off, Fixed: true}, true
}
