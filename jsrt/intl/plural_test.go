package intl

import "testing"

func TestPluralRuleParse(t *testing.T) {
	// Russian "one": v = 0 and i % 10 = 1 and i % 100 != 11.
	r := parsePluralRule("v = 0 and i % 10 = 1 and i % 100 != 11")
	for _, tc := range []struct {
		ip, fp string
		want   bool
	}{{"1", "", true}, {"21", "", true}, {"11", "", false}, {"111", "", false}, {"1", "0", false}, {"101", "", true}} {
		if got := r.matches(operandsOf(tc.ip, tc.fp, 0)); got != tc.want {
			t.Errorf("ru one %s.%s = %v", tc.ip, tc.fp, got)
		}
	}
	// n with a fraction never equals an integer range.
	r = parsePluralRule("n % 100 = 3..10")
	if !r.matches(operandsOf("103", "", 0)) || r.matches(operandsOf("3", "5", 0)) || r.matches(operandsOf("11", "", 0)) {
		t.Error("ar few")
	}
	// Lists and ranges: i = 0,1 (French one).
	r = parsePluralRule("i = 0,1")
	if !r.matches(operandsOf("", "5", 0)) || !r.matches(operandsOf("1", "", 0)) || r.matches(operandsOf("2", "", 0)) {
		t.Error("fr one")
	}
	// The compact exponent: e = 0 and i != 0 and i % 1000000 = 0 and v = 0 or e != 0..5.
	r = parsePluralRule("e = 0 and i != 0 and i % 1000000 = 0 and v = 0 or e != 0..5")
	if !r.matches(operandsOf("1000000", "", 0)) || r.matches(operandsOf("1000", "", 0)) || !r.matches(operandsOf("1", "", 6)) {
		t.Error("fr many")
	}
	// Large integers keep their last 18 digits (as ICU's operands).
	if op := operandsOf("123456789012345678901", "", 0); op.i != 456789012345678901 {
		t.Errorf("large i = %d", op.i)
	}
	if parsePluralRule("") != nil || !parsePluralRule("").matches(pluralOperands{}) {
		t.Error("other's empty rule")
	}
}

func TestPluralCategoriesFromCLDR(t *testing.T) {
	for id, want := range map[string]int{"en": 2, "ar": 6, "ru": 4, "ja": 1, "fr": 3, "pl": 4, "cs": 4, "he": 3} {
		if got := len(pluralRulesFor(id, false).cats); got != want {
			t.Errorf("%s: %d categories, want %d", id, got, want)
		}
	}
	if got := pluralRulesFor("en", true).category(operandsOf("23", "", 0)); got != "few" {
		t.Errorf("en ordinal 23 = %s", got)
	}
	if got := pluralRange("ru", "one", "few"); got != "few" {
		t.Errorf("ru range one–few = %s", got)
	}
}
