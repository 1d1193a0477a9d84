// Package locales names the CLDR locales whose data jsrt/intl carries in
// the binary, and how a requested locale finds its data: the runtime and
// the data generator (jsrt/intl/internal/gen) share this list.
package locales

import (
	"strings"
	"sync"
)

// CLDR is the CLDR release the data comes from: the one Node 24's ICU 78
// carries, so that formatting matches Node's.
const CLDR = "48.0.0"

// Default is the locale used when none of the requested ones is supported,
// as in Node (ICU's default without LANG).
const Default = "en-US"

// Data lists the CLDR locale ids with data in the binary. Each is stored
// fully resolved (what it inherits merged in), so a lookup needs no chain
// at run time beyond Chain below.
var Data = []string{
	"en", "en-001", "en-150", "en-GB", "en-IN", "en-AU", "en-CA", "en-IE", "en-NZ", "en-ZA", "en-SG",
	"de", "de-AT", "de-CH",
	"fr", "fr-CA", "fr-CH", "fr-BE",
	"es", "es-419", "es-MX", "es-US", "es-AR",
	"it", "it-CH",
	"pt", "pt-PT",
	"nl", "nl-BE",
	"sv", "pl", "ru", "tr", "ar", "hi", "ja", "ko",
	"zh", "zh-Hant", "zh-Hant-HK",
	"da", "fi", "nb", "cs", "uk", "he", "id", "th", "vi", "el", "hu", "ro",
}

// dataSet is Data as a set, made on first use (not at start-up).
var dataSetOnce struct {
	sync.Once
	m map[string]bool
}

func dataSet() map[string]bool {
	dataSetOnce.Do(func() {
		dataSetOnce.m = make(map[string]bool, len(Data))
		for _, d := range Data {
			dataSetOnce.m[d] = true
		}
	})
	return dataSetOnce.m
}

// Has reports whether id is one of Data.
func Has(id string) bool { return dataSet()[id] }

// Languages is the set of language subtags Data covers: a requested locale
// in one of them is supported (its resolved locale keeps its region, as
// ICU's does); any other falls back to Default. The set is made on first
// use; the caller must not change it.
func Languages() map[string]bool {
	languages.Do(func() {
		languages.m = map[string]bool{}
		for _, d := range Data {
			languages.m[strings.SplitN(d, "-", 2)[0]] = true
		}
	})
	return languages.m
}

var languages struct {
	sync.Once
	m map[string]bool
}

// defaultScript is the script CLDR's likely subtags give a language
// of Data when the tag has none and the script is not the only one in use;
// a tag with another script has data only if Data lists it.
func defaultScript(lang string) string {
	if lang == "zh" {
		return "Hans"
	}
	return ""
}

// traditionalRegion reports whether a region uses Traditional Chinese
// when a zh tag names no script.
func traditionalRegion(region string) bool {
	return region == "TW" || region == "HK" || region == "MO"
}

// Chain returns, best first, the CLDR ids whose data could serve a
// canonical BCP 47 tag (language[-Script][-REGION], no extensions): the tag
// itself, then its CLDR parents (Parents, else truncation), ending at the
// language. Only ids in Data are returned; the result is empty when the
// language is not covered.
func Chain(tag string) []string {
	parts := strings.Split(tag, "-")
	lang := parts[0]
	if !Languages()[lang] {
		return nil
	}
	script, region := "", ""
	for _, p := range parts[1:] {
		switch {
		case len(p) == 4 && script == "" && region == "":
			script = p
		case (len(p) == 2 || len(p) == 3 && p[0] >= '0' && p[0] <= '9') && region == "":
			region = p
		}
	}
	if lang == "zh" && script == "" {
		script = "Hans"
		if traditionalRegion(region) {
			script = "Hant"
		}
	}
	set := dataSet()
	var out []string
	add := func(id string) {
		if set[id] {
			for _, o := range out {
				if o == id {
					return
				}
			}
			out = append(out, id)
		}
	}
	id := lang
	if script != "" && script != defaultScript(lang) {
		id += "-" + script
	}
	if region != "" {
		id += "-" + region
	}
	for id != "" && id != "und" && id != "root" {
		add(id)
		if p, ok := Parents()[id]; ok {
			id = p
			continue
		}
		i := strings.LastIndexByte(id, '-')
		if i < 0 {
			break
		}
		id = id[:i]
	}
	if script != "" && script != defaultScript(lang) {
		// A script other than the language's usual one inherits root in
		// CLDR, not the language: zh-Hant never falls back to zh.
		return out
	}
	add(lang)
	return out
}
