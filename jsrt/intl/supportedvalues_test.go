package intl

import (
	"sort"
	"testing"
	"time"
	_ "time/tzdata" // the zones as the runner has them, not the host's
)

// TestSupportedTimeZonesLoad checks that every zone Intl.supportedValuesOf
// lists is one Go's time zone database has, and that the list is sorted.
func TestSupportedTimeZonesLoad(t *testing.T) {
	zones := supportedValues()["timeZone"]()
	if len(zones) < 400 {
		t.Fatalf("only %d zones", len(zones))
	}
	if !sort.StringsAreSorted(zones) {
		t.Error("zones not sorted")
	}
	for _, z := range zones {
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("%s: %v", z, err)
		}
	}
}

// TestSupportedCollationsServed checks that every collation type listed is
// one Intl.Collator resolves to for some locale.
func TestSupportedCollationsServed(t *testing.T) {
	for _, co := range supportedValues()["collation"]() {
		found := false
		for loc := range collLocales() {
			if servesType(loc, co) {
				o := resolveCollator([]string{loc + "-u-co-" + co}, collRequest{usage: "sort"})
				found = found || o.collation == co
			}
		}
		if !found {
			t.Errorf("collation %s is listed but no locale resolves to it", co)
		}
	}
}
