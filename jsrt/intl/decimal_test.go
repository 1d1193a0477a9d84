package intl

import (
	"math"
	"math/big"
	"testing"
)

func TestDecimalFromFloat(t *testing.T) {
	tenth, fifth := 0.1, 0.2
	for f, want := range map[float64]string{
		0: "0", 1: "1", -1.5: "-1.5", 1.005: "1.005", tenth + fifth: "0.30000000000000004",
		1e21: "1000000000000000000000", 123e-10: "0.0000000123",
	} {
		if got := decimalFromFloat(f).String(); got != want {
			t.Errorf("decimalFromFloat(%v) = %s, want %s", f, got, want)
		}
	}
	d := decimalFromFloat(5e-324)
	if string(d.digits) != "5" || d.point != -323 {
		t.Errorf("5e-324: digits %s point %d", d.digits, d.point)
	}
	if !decimalFromFloat(math.Copysign(0, -1)).neg {
		t.Error("-0 lost its sign")
	}
	if !decimalFromFloat(math.NaN()).nan || !decimalFromFloat(math.Inf(-1)).inf {
		t.Error("NaN or infinity")
	}
}

func TestParseDecimalString(t *testing.T) {
	for s, want := range map[string]string{
		"123456789012345678901.5": "123456789012345678901.5",
		"  -0.000001 ":            "-0.000001",
		".5":                      "0.5",
		"5.":                      "5",
		"-.5e-3":                  "-0.0005",
		"1E3":                     "1000",
		"0x1F":                    "31",
		"0b101":                   "5",
		"0o17":                    "15",
		"":                        "0",
		"+Infinity":               "Infinity",
		"-Infinity":               "-Infinity",
		"00012.3400":              "12.34",
	} {
		d, ok := parseDecimalString(s)
		if !ok || d.String() != want {
			t.Errorf("parseDecimalString(%q) = %s, %v; want %s", s, d.String(), ok, want)
		}
	}
	for _, s := range []string{"abc", "1e", "0x", "-0x10", "1_000", "infinity", "1.2.3", "e5", "--1", "0x1g"} {
		if _, ok := parseDecimalString(s); ok {
			t.Errorf("parseDecimalString(%q) accepted", s)
		}
	}
}

func TestRoundAt(t *testing.T) {
	type c struct {
		x    string
		m    int
		mode string
		want string
	}
	for _, tc := range []c{
		{"1.25", -1, "halfExpand", "1.3"}, {"-1.25", -1, "halfExpand", "-1.3"},
		{"1.25", -1, "halfEven", "1.2"}, {"1.35", -1, "halfEven", "1.4"},
		{"1.25", -1, "halfTrunc", "1.2"}, {"-1.25", -1, "halfCeil", "-1.2"},
		{"-1.25", -1, "halfFloor", "-1.3"}, {"1.21", -1, "ceil", "1.3"},
		{"-1.29", -1, "ceil", "-1.2"}, {"1.29", -1, "floor", "1.2"},
		{"-1.21", -1, "floor", "-1.3"}, {"1.21", -1, "expand", "1.3"},
		{"1.29", -1, "trunc", "1.2"}, {"9.99", -1, "halfExpand", "10"},
		{"0.004", -2, "halfExpand", "0"}, {"0.004", -2, "expand", "0.01"},
		{"0.0004", -2, "ceil", "0.01"}, {"999.5", 0, "halfExpand", "1000"},
		{"123456", 3, "halfExpand", "123000"}, {"1.005", -2, "halfExpand", "1.01"},
		{"0.5", 0, "halfEven", "0"}, {"2.5", 0, "halfEven", "2"}, {"3.5", 0, "halfEven", "4"},
	} {
		d, _ := parseDecimalString(tc.x)
		if got := d.roundAt(tc.m, 1, tc.mode).String(); got != tc.want {
			t.Errorf("roundAt(%s, %d, %s) = %s, want %s", tc.x, tc.m, tc.mode, got, tc.want)
		}
	}
	for _, tc := range []struct {
		x      string
		m, inc int
		mode   string
		want   string
	}{
		{"1.2345", -2, 5, "halfExpand", "1.25"}, {"1.2345", -2, 25, "halfExpand", "1.25"},
		{"1.26", -2, 50, "halfExpand", "1.5"}, {"12345", 0, 5000, "halfExpand", "10000"},
		{"1.22", -2, 5, "floor", "1.2"}, {"-1.22", -2, 5, "floor", "-1.25"},
		{"1.225", -2, 5, "halfEven", "1.2"}, {"1.275", -2, 5, "halfEven", "1.3"},
	} {
		d, _ := parseDecimalString(tc.x)
		if got := d.roundAt(tc.m, tc.inc, tc.mode).String(); got != tc.want {
			t.Errorf("roundAt(%s, %d, inc %d, %s) = %s, want %s", tc.x, tc.m, tc.inc, tc.mode, got, tc.want)
		}
	}
}

func TestDecimalFromBigAndCmp(t *testing.T) {
	b, _ := new(big.Int).SetString("-12345678901234567890", 10)
	if got := decimalFromBig(b).String(); got != "-12345678901234567890" {
		t.Errorf("big: %s", got)
	}
	p := func(s string) decimal { d, _ := parseDecimalString(s); return d }
	for _, tc := range []struct {
		a, b string
		want int
	}{{"1", "2", -1}, {"-1", "-2", 1}, {"10", "9.99", 1}, {"0", "-0", 0}, {"-Infinity", "5", -1}, {"0.001", "0.01", -1}} {
		if got := p(tc.a).cmp(p(tc.b)); got != tc.want {
			t.Errorf("cmp(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
