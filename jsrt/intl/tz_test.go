package intl

import (
	"sort"
	"strings"
	"testing"
	"time"
)

// Every zone id CLDR accepts resolves to a location from the embedded
// database, without the file system (the runner cannot read
// /usr/share/zoneinfo after lockdown; ZONEINFO points nowhere here).
func TestEveryCLDRZoneLoadsFromMemory(t *testing.T) {
	t.Setenv("ZONEINFO", "/nonexistent")
	canonical := canonicalZones()
	names := make([]string, 0, len(canonical))
	for alias := range canonical {
		names = append(names, alias)
	}
	sort.Strings(names)
	loaded := 0
	for _, alias := range names {
		if canonical[alias] == "Etc/Unknown" {
			if _, ok := resolveTimeZone(alias); ok {
				t.Errorf("%s: Etc/Unknown must be invalid", alias)
			}
			continue
		}
		z, ok := resolveTimeZone(alias)
		if !ok {
			t.Errorf("%s (%s): not loaded", alias, canonical[alias])
			continue
		}
		if z.Loc == nil {
			t.Errorf("%s: no location", alias)
		}
		loaded++
	}
	if loaded < 450 {
		t.Errorf("only %d zone names load", loaded)
	}
}

func TestResolveTimeZone(t *testing.T) {
	for in, want := range map[string]string{
		"Asia/Calcutta": "Asia/Calcutta", "asia/kolkata": "Asia/Calcutta", "US/Eastern": "America/New_York",
		"EST": "America/Panama", "EST5EDT": "EST5EDT", "utc": "UTC", "Etc/GMT": "UTC", "GMT": "UTC",
		"Etc/GMT+5": "Etc/GMT+5", "+05:30": "+05:30", "-08": "-08:00", "+0530": "+05:30", "America/Argentina/Buenos_Aires": "America/Buenos_Aires",
	} {
		z, ok := resolveTimeZone(in)
		if !ok || z.ID != want {
			t.Errorf("%s: got %v %v, want %s", in, z, ok, want)
		}
	}
	for _, bad := range []string{"", "Mars/Base", "+24:00", "+05:60", "+5", "+05:30:00", "05:30", "Factory", "Etc/Unknown", "America/New York"} {
		if z, ok := resolveTimeZone(bad); ok {
			t.Errorf("%q: accepted as %s", bad, z.ID)
		}
	}
}

// Offsets across DST changes and far from 1970 come from the embedded
// rules (the zone's POSIX rule extends past the last transition).
func TestZoneOffsets(t *testing.T) {
	ny, _ := resolveTimeZone("America/New_York")
	cases := []struct {
		at   time.Time
		off  int
		dst  bool
		zone *timeZone
	}{
		{time.Date(2025, 3, 9, 6, 59, 0, 0, time.UTC), -5 * 3600, false, ny},
		{time.Date(2025, 3, 9, 7, 0, 0, 0, time.UTC), -4 * 3600, true, ny},
		{time.Date(2100, 7, 1, 0, 0, 0, 0, time.UTC), -4 * 3600, true, ny},
		{time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC), -(4*3600 + 56*60 + 2), false, ny},
	}
	for _, c := range cases {
		off, dst := c.zone.offset(float64(c.at.UnixMilli()))
		if off != c.off || dst != c.dst {
			t.Errorf("%s %v: got %d %v, want %d %v", c.zone.ID, c.at, off, dst, c.off, c.dst)
		}
	}
	if z, _ := resolveTimeZone("Asia/Kolkata"); z != nil {
		if off, _ := z.offset(0); off != 19800 {
			t.Errorf("Kolkata: %d", off)
		}
	}
	if !strings.Contains(utcZone.ID, "UTC") {
		t.Error("utc")
	}
}
