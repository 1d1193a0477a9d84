package locales

import (
	"reflect"
	"testing"
)

func TestChain(t *testing.T) {
	for tag, want := range map[string][]string{
		"en-US":      {"en"},
		"en":         {"en"},
		"en-AU":      {"en-AU", "en-001", "en"},
		"en-KE":      {"en-001", "en"},
		"en-DE":      {"en-150", "en-001", "en"},
		"de-DE":      {"de"},
		"de-CH":      {"de-CH", "de"},
		"zh-CN":      {"zh"},
		"zh-TW":      {"zh-Hant"},
		"zh-Hant-HK": {"zh-Hant-HK", "zh-Hant"},
		"zh-MO":      {"zh-Hant-HK", "zh-Hant"},
		"es-CO":      {"es-419", "es"},
		"pt-BR":      {"pt"},
		"pt-AO":      {"pt-PT", "pt"},
		"nb-NO":      {"nb"},
		"xx":         nil,
	} {
		if got := Chain(tag); !reflect.DeepEqual(got, want) {
			t.Errorf("Chain(%q) = %q, want %q", tag, got, want)
		}
	}
}
