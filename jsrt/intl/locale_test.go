package intl

import "testing"

// TestResolveLocaleAsNode checks ResolveLocale's locale against what Node 24
// gives for new Intl.NumberFormat(tag).resolvedOptions().locale (recorded
// by hand from Node: the NumberFormat service is another file's).
func TestResolveLocaleAsNode(t *testing.T) {
	for tag, want := range map[string]string{
		"de-LI": "de-LI", "en-XX": "en", "de-DE-1996": "de-DE", "zh-TW": "zh-TW", "zh-Hant-TW": "zh-Hant-TW",
		"pt-BR": "pt-BR", "es-ES": "es-ES", "es-XX": "es", "und": "en-US", "und-US": "en-US",
		"en-Latn-US": "en", "zh-CN": "zh-CN", "zh-SG": "zh-SG", "zh": "zh", "ar-XX": "ar", "en-150": "en-150",
		"fr-XX": "fr", "xx": "en-US", "en-US-u-va-posix": "en-US",
	} {
		r := ResolveLocale([]string{CanonicalizeTag(tag)}, nil, nil, nil)
		if r.Locale != want {
			t.Errorf("%s: locale %s, Node %s", tag, r.Locale, want)
		}
		if r.Data == "" {
			t.Errorf("%s: no data locale", tag)
		}
	}
}

// TestResolveLocaleKeywords checks the -u- keywords' fate as ECMA-402 and
// Node have it: kept when relevant and supported, dropped when an option
// gives another supported value, sorted by key.
func TestResolveLocaleKeywords(t *testing.T) {
	nu := func(data, key, value string) bool {
		switch key {
		case "nu":
			return value == "latn" || value == "arab"
		case "ca":
			return value == "gregory" || value == "japanese"
		}
		return false
	}
	for _, c := range []struct {
		tag  string
		opts map[string]string
		want string
		ext  map[string]string
	}{
		{"en-u-nu-arab", map[string]string{"nu": "latn"}, "en", map[string]string{"nu": "latn"}},
		{"en-u-nu-arab", map[string]string{"nu": "arab"}, "en-u-nu-arab", map[string]string{"nu": "arab"}},
		{"en-u-nu-xyz", nil, "en", map[string]string{}},
		{"en-u-nu-arab", map[string]string{"nu": "xyz"}, "en-u-nu-arab", map[string]string{"nu": "arab"}},
		{"ar-u-nu-latn", nil, "ar-u-nu-latn", map[string]string{"nu": "latn"}},
		{"en-u-nu-arab-ca-japanese", nil, "en-u-ca-japanese-nu-arab", map[string]string{"nu": "arab", "ca": "japanese"}},
		{"en-u-co-phonebk-nu-arab", nil, "en-u-nu-arab", map[string]string{"nu": "arab"}},
		{"en-u-ca-japanese", map[string]string{"ca": "gregory"}, "en", map[string]string{"ca": "gregory"}},
		{"de-DE-u-nu-latn", nil, "de-DE-u-nu-latn", map[string]string{"nu": "latn"}},
	} {
		r := ResolveLocale([]string{CanonicalizeTag(c.tag)}, []string{"nu", "ca"}, c.opts, nu)
		if r.Locale != c.want {
			t.Errorf("%s %v: locale %s, want %s", c.tag, c.opts, r.Locale, c.want)
		}
		if len(r.Ext) != len(c.ext) {
			t.Errorf("%s %v: ext %v, want %v", c.tag, c.opts, r.Ext, c.ext)
		}
		for k, v := range c.ext {
			if r.Ext[k] != v {
				t.Errorf("%s %v: ext %v, want %v", c.tag, c.opts, r.Ext, c.ext)
			}
		}
	}
}

// TestCanonicalizeTagRoundTrip checks that canonical tags are fixed points
// and that structurally invalid ones are refused.
func TestCanonicalizeTagRoundTrip(t *testing.T) {
	for _, tag := range []string{"en", "en-US", "zh-Hant-TW", "de-DE-1901-1996", "en-u-ca-gregory-nu-latn", "sr-Latn-RS", "en-a-bbb-u-ccc-x-private", "und", "en-t-en-us"} {
		if c := CanonicalizeTag(tag); c != tag {
			t.Errorf("%s canonicalized to %s", tag, c)
		}
		if !IsStructurallyValidLanguageTag(tag) {
			t.Errorf("%s not valid", tag)
		}
	}
	for _, tag := range []string{"", "e", "en-", "-en", "en--US", "en_US", "i-klingon", "zh-cmn-Hans", "en-u", "en-x", "de-1996-1996", "en-a-aa-a-bb", "abcd", "en-US-US"} {
		if IsStructurallyValidLanguageTag(tag) {
			t.Errorf("%q taken for valid", tag)
		}
	}
}

// TestKnownCanonical checks that the tags CanonicalizeTag takes as
// canonical without looking are so.
func TestKnownCanonical(t *testing.T) {
	for tag := range knownCanonical() {
		p, ok := parseTag(tag)
		if !ok {
			t.Errorf("%s: not a valid tag", tag)
			continue
		}
		p.canonicalize()
		if c := p.String(); c != tag {
			t.Errorf("%s is canonically %s", tag, c)
		}
	}
}

// FuzzCanonicalizeTag checks that any string is either refused or
// canonicalized to a valid tag that is its own canonical form.
func FuzzCanonicalizeTag(f *testing.F) {
	for _, s := range []string{"en-US", "iw", "sh-BA", "de-DE-1996-1901", "en-u-ca-islamicc-kn-true", "ja-Latn-hepburn-heploc", "en-t-zh-hani-m0-ungegn", "en-a-bbb-u-ccc-x-x", "und-SU", "zh-guoyu", "en-US-posix", "x-a", "en-u-rg-cn71"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !IsStructurallyValidLanguageTag(s) {
			return
		}
		c := CanonicalizeTag(s)
		if !IsStructurallyValidLanguageTag(c) {
			t.Fatalf("%q canonicalized to invalid %q", s, c)
		}
		if cc := CanonicalizeTag(c); cc != c {
			t.Fatalf("%q: %q then %q", s, c, cc)
		}
	})
}
