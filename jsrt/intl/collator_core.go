package intl

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// collKey is what a compiled comparison depends on: the collation locale
// (resolvedOptions().locale without extensions), the collation type and
// the options that change comparison.
type collKey struct {
	locale      string // resolved base locale, e.g. "de", "zh-Hant"
	collation   string // "default" or a supported type (phonebk, stroke, …)
	usage       string // "sort" or "search"
	sensitivity string // base, accent, case, variant
	caseFirst   string // upper, lower, false
	numeric     bool
	ignorePunct bool
}

// comparer is a compiled comparison. x/text's Collator keeps iteration
// buffers, so one comparer is used by one goroutine at a time.
type comparer struct {
	mu sync.Mutex
	c  *collate.Collator
	k  collKey

	// ranks is the locale's script order (CLDR [reorder]), nil for root's.
	ranks map[string]int
	// hanRank orders the ideographs the locale sorts otherwise than x/text
	// (Japanese: the JIS kanji by reading, before all others; Chinese:
	// those of GB 2312 by pinyin, among the others as x/text has them).
	hanRank     func() map[rune]int // decoded on the first comparison of two ideographs
	hanRankOnly bool                // an ideograph with a rank sorts before one without
	// hanWords are words read as a whole, with the rank of the first
	// ideograph they sort before.
	hanWords func() map[string]int
	// primary compares at the primary level only; secondary at the
	// primary and secondary levels (made when first needed).
	primary, secondary *comparer

	// keys caches the sort keys of the strings last compared: a sort
	// compares each string about 2 log n times, and comparing two cached
	// keys is far cheaper than collating the two strings again.
	keys     map[string][]byte
	keyBytes int
	buf      collate.Buffer
}

// Bounds of a comparer's key cache; past them it starts afresh.
const (
	maxCachedKeys     = 1 << 15
	maxCachedKeyBytes = 2 << 20
)

var (
	comparersMu sync.Mutex
	comparers   = map[collKey]*comparer{}
)

// getComparer returns the cached comparer for k, compiling it the first
// time.
func getComparer(k collKey) *comparer {
	comparersMu.Lock()
	defer comparersMu.Unlock()
	return getComparerLocked(k)
}

func getComparerLocked(k collKey) *comparer {
	if c, ok := comparers[k]; ok {
		return c
	}
	c := &comparer{k: k, c: collate.New(xtextTag(k), xtextOptions(k)...)}
	// The search collation has no script reordering.
	if order := collLocales()[k.locale].reorder; order != "" && k.usage == "sort" {
		c.ranks = map[string]int{}
		for i, s := range strings.Fields(order) {
			c.ranks[s] = i
		}
		switch {
		case k.locale == "ja" && k.collation == "default":
			c.hanRank, c.hanRankOnly = jaKanjiRanks, true
		case strings.HasPrefix(k.locale, "zh") && collScript(k.locale) == "Hans" && k.collation == "default":
			c.hanRank, c.hanWords = zhHanziRanks, zhWordRanks
		}
		if strings.HasPrefix(k.locale, "ko") {
			// Korean sorts Hanja by their Hangul reading, which x/text's
			// table has: the two scripts are one group.
			c.ranks["Hani"] = c.ranks["Hang"]
		}
	}
	if c.ranks != nil || k.sensitivity == "case" {
		p := k
		p.sensitivity, p.caseFirst, p.ignorePunct = "base", "false", false
		if p != k {
			c.primary = getComparerLocked(p)
		}
	}
	if k.caseFirst == "upper" && k.sensitivity == "variant" {
		p := k
		p.sensitivity, p.caseFirst, p.ignorePunct = "accent", "false", false
		c.secondary = getComparerLocked(p)
	}
	comparers[k] = c
	return c
}

// xtextTag is the x/text collation tag serving a resolved locale and
// collation type. x/text's CLDR is older: Norwegian Bokmål's tailoring is
// under nn only, and French of Canada's backwards accents must be asked
// for.
func xtextTag(k collKey) language.Tag {
	s := k.locale
	lang := s
	if i := strings.IndexByte(s, '-'); i > 0 {
		lang = s[:i]
	}
	co := k.collation
	switch {
	case k.usage != "search":
	case lang == "de" && co == "default":
		// German search matches ä as ae, as the phone book sorts.
		co = "phonebk"
	case collLocales()[k.locale].searchRoot:
		// ICU searches with root's rules in most languages: Czech ch is c
		// and h, Romanian â an accented a.
		s, co = "und", "default"
	}
	if lang == "nb" || lang == "no" {
		s = "nn"
	}
	var ext []string
	if co != "default" {
		ext = append(ext, "co-"+co)
	}
	if s == "fr-CA" {
		ext = append(ext, "kb-true")
	}
	if len(ext) > 0 {
		s += "-u-" + strings.Join(ext, "-")
	}
	t, err := language.Parse(s)
	if err != nil {
		return language.Und
	}
	return t
}

func xtextOptions(k collKey) []collate.Option {
	var o []collate.Option
	switch k.sensitivity {
	case "base", "case":
		o = append(o, collate.IgnoreCase, collate.IgnoreDiacritics)
	case "accent":
		o = append(o, collate.IgnoreCase)
	}
	if k.numeric {
		o = append(o, collate.Numeric)
	}
	if k.locale == "fr-CA" {
		o = append(o, collate.OptionsFromTag(language.MustParse("und-u-kb-true")))
	}
	return o
}

// raw compares with x/text alone, by the strings' sort keys.
func (c *comparer) raw(a, b string) int {
	if a == b {
		return 0
	}
	c.mu.Lock()
	r := bytes.Compare(c.keyLocked(a), c.keyLocked(b))
	c.mu.Unlock()
	return r
}

// keyLocked returns the sort key of s, from the cache if it is there.
func (c *comparer) keyLocked(s string) []byte {
	if k, ok := c.keys[s]; ok {
		return k
	}
	if c.keys == nil || len(c.keys) >= maxCachedKeys || c.keyBytes >= maxCachedKeyBytes {
		c.keys, c.keyBytes = make(map[string][]byte, 256), 0
	}
	c.buf.Reset()
	k := bytes.Clone(c.c.KeyFromString(&c.buf, s))
	c.keys[s] = k
	c.keyBytes += len(k) + len(s)
	return k
}

// compare compares two strings as ICU does with the comparer's options.
func (c *comparer) compare(a, b string) int {
	if c.k.ignorePunct {
		a, b = stripVariable(a), stripVariable(b)
	}
	var r int
	if c.secondary != nil {
		r = c.upperFirst(a, b)
	} else {
		r = c.raw(a, b)
	}
	if r == 0 && c.k.sensitivity == "case" {
		r = compareCaseLevel(a, b, c.k.caseFirst == "upper")
	}
	if r != 0 && c.ranks != nil {
		r = c.reorder(a, b, r)
	}
	return r
}

// upperFirst is the tertiary comparison with upper case first: x/text has
// no caseFirst, but only the tertiary level depends on case, so strings
// equal at the secondary level compare as their case-swapped forms do.
func (c *comparer) upperFirst(a, b string) int {
	if r := c.secondary.raw(a, b); r != 0 {
		return r
	}
	sa, sb := swapCase(a), swapCase(b)
	if sa == sb || c.secondary.raw(sa, sb) != 0 {
		// Swapping changed a contraction (Danish aa) or a letter has
		// no single-letter counterpart (ß): the order is reversed.
		return -c.raw(a, b)
	}
	return c.raw(sa, sb)
}

// reorder applies the locale's script order to a comparison x/text made in
// root's: when the first primary difference is between letters of two
// scripts, the script order decides.
func (c *comparer) reorder(a, b string, r int) int {
	if isASCII(a) && isASCII(b) {
		return r
	}
	i, j := 0, 0
	for {
		ra, na := nextPrimaryRune(a[i:])
		rb, nb := nextPrimaryRune(b[j:])
		if na == 0 || nb == 0 {
			return r
		}
		sa, sb := c.letterScript(ra), c.letterScript(rb)
		if sa == "Hani" && sb == "Hani" && c.hanRank != nil {
			ka, oka := c.hanKey(a[i+na-size(ra):])
			kb, okb := c.hanKey(b[j+nb-size(rb):])
			if ka != kb || oka != okb || !oka && ra != rb {
				if !oka && !okb || oka != okb && !c.hanRankOnly || !c.primaryEqual(a[:i+na-size(ra)], b[:j+nb-size(rb)]) {
					return r
				}
				switch {
				case !oka:
					return 1
				case !okb, ka < kb:
					return -1
				}
				return 1
			}
		}
		if sa != sb {
			if sa == "" || sb == "" {
				return r
			}
			ka, oka := c.ranks[sa]
			kb, okb := c.ranks[sb]
			if !oka && !okb || ka == kb {
				return r
			}
			if !oka {
				ka = len(c.ranks)
			}
			if !okb {
				kb = len(c.ranks)
			}
			// An earlier primary difference, within one script, decides.
			if !c.primaryEqual(a[:i+na-size(ra)], b[:j+nb-size(rb)]) {
				return r
			}
			if ka < kb {
				return -1
			}
			return 1
		}
		i += na
		j += nb
	}
}

func size(r rune) int { return utf8.RuneLen(r) }

// primaryEqual reports whether two prefixes are equal at the primary
// level.
func (c *comparer) primaryEqual(a, b string) bool {
	if a == b {
		return true
	}
	p := c.primary
	if p == nil {
		p = c
	}
	return p.raw(a, b) == 0
}

// hanKey is the rank of the ideograph s starts with, doubled, or the odd
// rank of the word it starts if the locale reads that word as a whole
// (重庆, Chóngqìng, though 重 alone is zhòng).
func (c *comparer) hanKey(s string) (int, bool) {
	r, _ := utf8.DecodeRuneInString(s)
	if c.hanWords != nil {
		for w, k := range c.hanWords() {
			if strings.HasPrefix(s, w) {
				return 2*k - 1, true
			}
		}
	}
	k, ok := c.hanRank()[r]
	return 2 * k, ok
}

var (
	zhWordRanks = sync.OnceValue(func() map[string]int {
		m := map[string]int{}
		for _, f := range strings.Fields(zhWords) {
			w, k, _ := strings.Cut(f, ":")
			n, _ := strconv.Atoi(k)
			m[w] = n
		}
		return m
	})
	jaKanjiRanks = sync.OnceValue(func() map[rune]int { return runeRanks(jaKanji) })
	zhHanziRanks = sync.OnceValue(func() map[rune]int { return runeRanks(zhHanzi) })
)

func runeRanks(s string) map[rune]int {
	m := make(map[rune]int, len(s)/3)
	i := 0
	for _, r := range s {
		m[r] = i
		i++
	}
	return m
}

// nextPrimaryRune returns the first character of s that carries a primary
// weight (not a combining mark, control or format character) and the
// bytes up to and including it; n is 0 at the end.
func nextPrimaryRune(s string) (r rune, n int) {
	for n < len(s) {
		c, w := utf8.DecodeRuneInString(s[n:])
		n += w
		if c < 0x80 && c >= 0x20 || !unicode.In(c, unicode.Mn, unicode.Me, unicode.Cc, unicode.Cf) {
			return c, n
		}
	}
	return 0, 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// scriptTables are the scripts a collation locale may reorder, by their
// ISO 15924 codes (Kana is Hiragana and Katakana, as in CLDR).
var scriptTables = []struct {
	code string
	t    []*unicode.RangeTable
}{
	{"Latn", []*unicode.RangeTable{unicode.Latin}}, {"Grek", []*unicode.RangeTable{unicode.Greek}},
	{"Cyrl", []*unicode.RangeTable{unicode.Cyrillic}}, {"Armn", []*unicode.RangeTable{unicode.Armenian}},
	{"Hebr", []*unicode.RangeTable{unicode.Hebrew}}, {"Arab", []*unicode.RangeTable{unicode.Arabic}},
	{"Thaa", []*unicode.RangeTable{unicode.Thaana}}, {"Deva", []*unicode.RangeTable{unicode.Devanagari}},
	{"Beng", []*unicode.RangeTable{unicode.Bengali}}, {"Guru", []*unicode.RangeTable{unicode.Gurmukhi}},
	{"Gujr", []*unicode.RangeTable{unicode.Gujarati}}, {"Orya", []*unicode.RangeTable{unicode.Oriya}},
	{"Taml", []*unicode.RangeTable{unicode.Tamil}}, {"Telu", []*unicode.RangeTable{unicode.Telugu}},
	{"Knda", []*unicode.RangeTable{unicode.Kannada}}, {"Mlym", []*unicode.RangeTable{unicode.Malayalam}},
	{"Sinh", []*unicode.RangeTable{unicode.Sinhala}}, {"Thai", []*unicode.RangeTable{unicode.Thai}},
	{"Laoo", []*unicode.RangeTable{unicode.Lao}}, {"Tibt", []*unicode.RangeTable{unicode.Tibetan}},
	{"Mymr", []*unicode.RangeTable{unicode.Myanmar}}, {"Geor", []*unicode.RangeTable{unicode.Georgian}},
	{"Hang", []*unicode.RangeTable{unicode.Hangul}}, {"Ethi", []*unicode.RangeTable{unicode.Ethiopic}},
	{"Khmr", []*unicode.RangeTable{unicode.Khmer}}, {"Mong", []*unicode.RangeTable{unicode.Mongolian}},
	{"Kana", []*unicode.RangeTable{unicode.Hiragana, unicode.Katakana}}, {"Bopo", []*unicode.RangeTable{unicode.Bopomofo}},
	{"Hani", []*unicode.RangeTable{unicode.Han}},
}

// letterScript is letterScript as the comparer's locale sees it: Chinese
// reads 〇, the ideographic zero, as an ideograph (líng).
func (c *comparer) letterScript(r rune) string {
	if r == 0x3007 && strings.HasPrefix(c.k.locale, "zh") {
		return "Hani"
	}
	return letterScript(r)
}

// letterScript is the script code of a letter, "" for anything else
// (digits, punctuation and symbols come before every script in any order;
// letters of no script, as the mathematical ones, sort with their base).
func letterScript(r rune) string {
	if !unicode.IsLetter(r) || r >= 0x3000 && r < 0x3100 && unicode.Is(unicode.Lm, r) {
		// The iteration and length marks (々 ゝ ヽ ー) sort among the
		// symbols, as x/text has them.
		return ""
	}
	for _, s := range scriptTables {
		for _, t := range s.t {
			if unicode.Is(t, r) {
				return s.code
			}
		}
	}
	return ""
}

// stripVariable drops the characters ICU's "shifted" alternate handling
// (ignorePunctuation) ignores at every level: CLDR root's variable
// characters are the spaces and the punctuation.
func stripVariable(s string) string {
	i := strings.IndexFunc(s, isVariable)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if !isVariable(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isVariable(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }

// swapCase exchanges upper and lower case letters: x/text sorts lower case
// first at the tertiary level, and has no caseFirst option, so comparing
// the swapped strings gives upper case first (only the tertiary level
// depends on case).
func swapCase(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsUpper(r):
			return unicode.ToLower(r)
		case unicode.IsLower(r):
			if u := unicode.ToUpper(r); u != r && unicode.ToLower(u) == r {
				return u
			}
		}
		return r
	}, s)
}

// compareCaseLevel is ICU's case level, for sensitivity "case" when the
// strings are equal at the primary level: the case of the letters, in
// order, lower case first unless upperFirst. Marks are not letters and
// do not count.
func compareCaseLevel(a, b string, upperFirst bool) int {
	ca, cb := caseSeq(a), caseSeq(b)
	for i := 0; i < len(ca) && i < len(cb); i++ {
		if ca[i] != cb[i] {
			r := -1
			if ca[i] > cb[i] {
				r = 1
			}
			if upperFirst {
				r = -r
			}
			return r
		}
	}
	switch {
	case len(ca) < len(cb):
		return -1
	case len(ca) > len(cb):
		return 1
	}
	return 0
}

// caseSeq lists, for each cased letter of s (decomposed), 0 for lower
// case and 1 for upper; a letter whose upper case is several letters
// (ß) counts once per letter of it.
func caseSeq(s string) []byte {
	var out []byte
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			out = append(out, 1)
		case unicode.IsLower(r):
			out = append(out, 0)
			if r == 'ß' {
				out = append(out, 0)
			}
			continue
		}
		if r == 'ẞ' {
			out = append(out, 1)
		}
	}
	return out
}
