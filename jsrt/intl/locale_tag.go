package intl

import (
	"sort"
	"strings"
)

// langTag is a parsed Unicode BCP 47 locale identifier (UTS #35).
type langTag struct {
	lang, script, region string
	variants             []string
	// The -u- extension: attributes, then keywords in order (a keyword
	// with no type has value "").
	hasU   bool
	attrs  []string
	kw     []keyword
	hasT   bool
	tlang  string    // the -t- extension's language, "" if none
	tf     []keyword // and its fields
	others []string  // other extensions, each "s-sub-sub"
	priv   string    // private use, "x-…", or ""
}

type keyword struct{ key, value string }

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

func isDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; !(c >= 'a' && c <= 'z' || s[i] >= '0' && s[i] <= '9') {
			return false
		}
	}
	return s != ""
}

func isLangSubtag(s string) bool {
	return isAlpha(s) && (len(s) >= 2 && len(s) <= 3 || len(s) >= 5 && len(s) <= 8)
}
func isScriptSubtag(s string) bool { return len(s) == 4 && isAlpha(s) }
func isRegionSubtag(s string) bool {
	return len(s) == 2 && isAlpha(s) || len(s) == 3 && isDigit(s)
}
func isVariantSubtag(s string) bool {
	return isAlnum(s) && (len(s) >= 5 && len(s) <= 8 || len(s) == 4 && s[0] >= '0' && s[0] <= '9')
}

// parseTag parses a tag (any case) into lower-case subtags; ok is false
// when it is not structurally valid.
func parseTag(s string) (*langTag, bool) {
	parts := strings.Split(strings.ToLower(s), "-")
	t := &langTag{}
	i := 0
	next := func() string {
		if i < len(parts) {
			return parts[i]
		}
		return ""
	}
	// unicode_language_id
	if !isLangSubtag(next()) {
		return nil, false
	}
	t.lang = next()
	i++
	if isScriptSubtag(next()) {
		t.script = next()
		i++
	}
	if isRegionSubtag(next()) {
		t.region = next()
		i++
	}
	for isVariantSubtag(next()) {
		for _, v := range t.variants {
			if v == next() {
				return nil, false
			}
		}
		t.variants = append(t.variants, next())
		i++
	}
	seen := map[string]bool{}
	for i < len(parts) {
		p := parts[i]
		if len(p) != 1 || !isAlnum(p) {
			return nil, false
		}
		if seen[p] {
			return nil, false
		}
		seen[p] = true
		i++
		start := i
		switch p {
		case "x":
			for i < len(parts) && len(parts[i]) >= 1 && len(parts[i]) <= 8 && isAlnum(parts[i]) {
				i++
			}
			if i == start || i != len(parts) {
				return nil, false
			}
			t.priv = "x-" + strings.Join(parts[start:], "-")
		case "u":
			t.hasU = true
			for i < len(parts) && len(parts[i]) >= 3 && len(parts[i]) <= 8 && isAlnum(parts[i]) {
				t.attrs = append(t.attrs, parts[i])
				i++
			}
			for i < len(parts) && len(parts[i]) == 2 && isAlnum(parts[i][:1]) && isAlpha(parts[i][1:]) {
				k := keyword{key: parts[i]}
				i++
				var v []string
				for i < len(parts) && len(parts[i]) >= 3 && len(parts[i]) <= 8 && isAlnum(parts[i]) {
					v = append(v, parts[i])
					i++
				}
				k.value = strings.Join(v, "-")
				t.kw = append(t.kw, k)
			}
			if i == start {
				return nil, false
			}
		case "t":
			t.hasT = true
			if isLangSubtag(next()) {
				l := []string{next()}
				i++
				if isScriptSubtag(next()) {
					l = append(l, next())
					i++
				}
				if isRegionSubtag(next()) {
					l = append(l, next())
					i++
				}
				for isVariantSubtag(next()) {
					l = append(l, next())
					i++
				}
				t.tlang = strings.Join(l, "-")
			}
			for i < len(parts) && len(parts[i]) == 2 && isAlpha(parts[i][:1]) && isDigit(parts[i][1:]) {
				k := keyword{key: parts[i]}
				i++
				var v []string
				for i < len(parts) && len(parts[i]) >= 3 && len(parts[i]) <= 8 && isAlnum(parts[i]) {
					v = append(v, parts[i])
					i++
				}
				if len(v) == 0 {
					return nil, false
				}
				k.value = strings.Join(v, "-")
				t.tf = append(t.tf, k)
			}
			if i == start {
				return nil, false
			}
		default:
			for i < len(parts) && len(parts[i]) >= 2 && len(parts[i]) <= 8 && isAlnum(parts[i]) {
				i++
			}
			if i == start {
				return nil, false
			}
			t.others = append(t.others, p+"-"+strings.Join(parts[start:i], "-"))
		}
	}
	return t, true
}

// baseString is language[-Script][-REGION][-variants], cased canonically.
func (t *langTag) baseString() string {
	var b strings.Builder
	b.WriteString(t.lang)
	if t.script != "" {
		b.WriteString("-" + strings.ToUpper(t.script[:1]) + t.script[1:])
	}
	if t.region != "" {
		b.WriteString("-" + strings.ToUpper(t.region))
	}
	for _, v := range t.variants {
		b.WriteString("-" + v)
	}
	return b.String()
}

// uString is the -u- extension without its singleton, "" if none.
func (t *langTag) uString() string {
	var p []string
	p = append(p, t.attrs...)
	for _, k := range t.kw {
		p = append(p, k.key)
		if k.value != "" {
			p = append(p, k.value)
		}
	}
	return strings.Join(p, "-")
}

// String is the tag with extensions ordered by singleton.
func (t *langTag) String() string {
	var ext []string
	if t.hasU && (len(t.attrs) > 0 || len(t.kw) > 0) {
		ext = append(ext, "u-"+t.uString())
	}
	if t.hasT {
		var p []string
		if t.tlang != "" {
			p = append(p, t.tlang)
		}
		for _, k := range t.tf {
			p = append(p, k.key, k.value)
		}
		ext = append(ext, "t-"+strings.Join(p, "-"))
	}
	ext = append(ext, t.others...)
	sort.Strings(ext)
	s := t.baseString()
	for _, e := range ext {
		s += "-" + e
	}
	if t.priv != "" {
		s += "-" + t.priv
	}
	return s
}

// keywordValue returns the type of a -u- keyword.
func (t *langTag) keywordValue(key string) (string, bool) {
	for _, k := range t.kw {
		if k.key == key {
			return k.value, true
		}
	}
	return "", false
}

// setKeyword sets (value != "" or present) or removes a -u- keyword,
// keeping the keywords sorted.
func (t *langTag) setKeyword(key, value string, present bool) {
	out := t.kw[:0:0]
	for _, k := range t.kw {
		if k.key != key {
			out = append(out, k)
		}
	}
	if present {
		out = append(out, keyword{key, value})
		sort.SliceStable(out, func(i, j int) bool { return out[i].key < out[j].key })
		t.hasU = true
	}
	t.kw = out
}

// canonicalize applies UTS #35's canonicalization (as ICU 78 does): alias
// replacement of the language, script, region and variants; sorted
// variants; the -u- extension's attributes and keywords sorted, a
// repeated keyword dropped, types replaced by their canonical forms and
// "true" left out; the -t- extension's fields sorted.
func (t *langTag) canonicalize() {
	a := aliases()
	for round := 0; round < 8; round++ {
		changed := false
		sort.Strings(t.variants)
		// Language aliases, the most specific rule first: two variants
		// (und-hepburn-heploc), one, the region, the language alone.
		for i := 0; i < len(t.variants) && !changed; i++ {
			for j := i + 1; j < len(t.variants); j++ {
				v, w := t.variants[i], t.variants[j]
				if r, ok := a.Language["und-"+v+"-"+w]; ok {
					t.removeVariant(v)
					t.removeVariant(w)
					t.applyLanguageAlias(r, true)
					changed = true
					break
				}
			}
		}
		for _, v := range t.variants {
			if changed {
				break
			}
			for _, key := range []string{t.lang + "-" + v, "und-" + v} {
				if r, ok := a.Language[key]; ok {
					t.removeVariant(v)
					t.applyLanguageAlias(r, key[:strings.IndexByte(key, '-')] == "und")
					changed = true
					break
				}
			}
			if changed {
				break
			}
		}
		if !changed && t.region != "" {
			if r, ok := a.Language[t.lang+"-"+strings.ToUpper(t.region)]; ok {
				t.region = ""
				t.applyLanguageAlias(r, false)
				changed = true
			}
		}
		if !changed {
			if r, ok := a.Language[t.lang]; ok {
				t.applyLanguageAlias(r, false)
				changed = true
			}
		}
		if t.script != "" {
			if r, ok := a.Script[strings.ToUpper(t.script[:1])+t.script[1:]]; ok {
				t.script = strings.ToLower(r)
				changed = true
			}
		}
		if t.region != "" {
			if r, ok := a.Region[strings.ToUpper(t.region)]; ok {
				t.region = strings.ToLower(t.pickRegion(strings.Fields(r)))
				changed = true
			}
		}
		for i, v := range t.variants {
			if r, ok := a.Variant[strings.ToUpper(v)]; ok {
				t.variants[i] = strings.ToLower(r)
				changed = true
			} else if r, ok := a.Variant[v]; ok {
				t.variants[i] = strings.ToLower(r)
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	// POSIX is the -u-va-posix keyword, not a variant.
	for _, v := range t.variants {
		if v == "posix" {
			t.removeVariant(v)
			if _, ok := t.keywordValue("va"); !ok {
				t.kw = append(t.kw, keyword{"va", "posix"})
				t.hasU = true
			}
			break
		}
	}
	sort.Strings(t.variants)
	t.variants = dedupe(t.variants)

	if t.hasU {
		sort.Strings(t.attrs)
		t.attrs = dedupe(t.attrs)
		var kw []keyword
		seen := map[string]bool{}
		for _, k := range t.kw {
			if seen[k.key] {
				continue
			}
			seen[k.key] = true
			k.value = canonicalType(k.key, k.value)
			kw = append(kw, k)
		}
		sort.SliceStable(kw, func(i, j int) bool { return kw[i].key < kw[j].key })
		t.kw = kw
	}
	if t.hasT {
		if t.tlang != "" {
			if tl, ok := parseTag(t.tlang); ok {
				tl.canonicalize()
				t.tlang = strings.ToLower(tl.baseString())
			}
		}
		sort.SliceStable(t.tf, func(i, j int) bool { return t.tf[i].key < t.tf[j].key })
	}
	sort.Strings(t.others)
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func (t *langTag) removeVariant(v string) {
	out := t.variants[:0]
	for _, x := range t.variants {
		if x != v {
			out = append(out, x)
		}
	}
	t.variants = out
}

// applyLanguageAlias replaces the language by a rule's replacement: its
// language (unless und when the rule matched und), and its script, region
// and variants where the tag has none.
func (t *langTag) applyLanguageAlias(r string, undRule bool) {
	rt, ok := parseTag(r)
	if !ok {
		return
	}
	if !(undRule && rt.lang == "und") {
		t.lang = rt.lang
	}
	if t.script == "" {
		t.script = rt.script
	}
	if t.region == "" {
		t.region = rt.region
	}
	t.variants = append(t.variants, rt.variants...)
}

// pickRegion chooses among a region alias's replacements (SU is RU, AM,
// …) the one likely for the language, else the first.
func (t *langTag) pickRegion(regions []string) string {
	if len(regions) == 1 {
		return regions[0]
	}
	probe := &langTag{lang: t.lang, script: t.script}
	if m, ok := addLikelySubtags(probe); ok {
		for _, r := range regions {
			if strings.EqualFold(r, m.region) {
				return r
			}
		}
	}
	return regions[0]
}

// canonicalType is the canonical form of a -u- keyword's type.
func canonicalType(key, value string) string {
	if value == "" || value == "true" {
		return ""
	}
	switch key {
	case "kb", "kc", "kh", "kk", "kn":
		if value == "yes" {
			return ""
		}
	case "rg", "sd":
		if r, ok := aliases().Subdivision[value]; ok {
			r = strings.Fields(r)[0]
			if len(r) == 2 || len(r) == 3 && isDigit(r) {
				// A subdivision that became a region: the region's code
				// with the "unknown subdivision" suffix.
				return strings.ToLower(r) + "zzzz"
			}
			return r
		}
	}
	if r, ok := aliases().Type[key][value]; ok {
		if r == "true" {
			return ""
		}
		return r
	}
	return value
}

// addLikelySubtags is UTS #35's Add Likely Subtags: the tag's missing
// script and region from CLDR's likelySubtags. ok is false when nothing
// is known of the language.
func addLikelySubtags(t *langTag) (*langTag, bool) {
	l := likely()
	lang, script, region := t.lang, titleCase(t.script), strings.ToUpper(t.region)
	var keys []string
	if script != "" && region != "" {
		keys = append(keys, lang+"-"+script+"-"+region)
	}
	if region != "" {
		keys = append(keys, lang+"-"+region)
	}
	if script != "" {
		keys = append(keys, lang+"-"+script)
	}
	keys = append(keys, lang)
	if lang != "und" {
		if script != "" {
			keys = append(keys, "und-"+script)
		}
		if region != "" {
			keys = append(keys, "und-"+region)
		}
	}
	for _, k := range keys {
		m, ok := l[k]
		if !ok {
			continue
		}
		mt, ok := parseTag(m)
		if !ok {
			continue
		}
		out := *t
		out.variants = append([]string(nil), t.variants...)
		if out.lang == "und" || strings.HasPrefix(k, "und") && out.lang == "und" {
			out.lang = mt.lang
		}
		if out.script == "" {
			out.script = mt.script
		}
		if out.region == "" {
			out.region = mt.region
		}
		return &out, true
	}
	return t, false
}

// removeLikelySubtags is UTS #35's Remove Likely Subtags, favouring the
// region (as ICU does): the shortest tag that maximizes to the same.
func removeLikelySubtags(t *langTag) *langTag {
	max, ok := addLikelySubtags(t)
	if !ok {
		return t
	}
	for _, c := range []langTag{{lang: max.lang}, {lang: max.lang, region: max.region}, {lang: max.lang, script: max.script}} {
		m, ok := addLikelySubtags(&c)
		if ok && m.lang == max.lang && m.script == max.script && m.region == max.region {
			out := *max
			out.script, out.region = c.script, c.region
			return &out
		}
	}
	return max
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}
