package intl

import (
	"sort"
	"strconv"
	"strings"
	"sync"
)

// This file is UTS #35's date-time pattern generation as ICU's
// DateTimePatternGenerator does it: a skeleton (the fields wanted, e.g.
// "yMMMdjm") is matched against the locale's availableFormats and
// standard patterns by a distance over field types, the best pattern's
// field lengths are adjusted to the request, and a skeleton with both date
// and time fields that no pattern covers is split and glued with the
// locale's dateTimeFormat of the matching width.

// Pattern fields, in ICU's UDateTimePatternField order.
const (
	fEra = iota
	fYear
	fQuarter
	fMonth
	fWeekOfYear
	fWeekOfMonth
	fWeekday
	fDayOfYear
	fDayOfWeekInMonth
	fDay
	fDayPeriod
	fHour
	fMinute
	fSecond
	fFraction
	fZone
	fieldCount
)

const (
	dateMask = 1<<(fDayPeriod) - 1
	timeMask = (1<<fieldCount - 1) &^ dateMask
)

const (
	dtNarrow  = -0x101
	dtShorter = -0x102
	dtShort   = -0x103
	dtLong    = -0x104
	dtNumeric = 0x100
	dtDelta   = 0x10
)

type dtType struct {
	ch     byte
	field  int
	typ    int
	minLen int
}

// dtTypes is ICU's table of pattern characters: field, type and minimum
// length; a character's rows are ordered by minimum length.
var dtTypes = []dtType{
	{'G', fEra, dtShort, 1}, {'G', fEra, dtLong, 4}, {'G', fEra, dtNarrow, 5},
	{'y', fYear, dtNumeric, 1},
	{'Y', fYear, dtNumeric + dtDelta, 1},
	{'u', fYear, dtNumeric + 2*dtDelta, 1},
	{'r', fYear, dtNumeric + 3*dtDelta, 1},
	{'U', fYear, dtShort, 1}, {'U', fYear, dtLong, 4}, {'U', fYear, dtNarrow, 5},
	{'Q', fQuarter, dtNumeric, 1}, {'Q', fQuarter, dtShort, 3}, {'Q', fQuarter, dtLong, 4}, {'Q', fQuarter, dtNarrow, 5},
	{'q', fQuarter, dtNumeric + dtDelta, 1}, {'q', fQuarter, dtShort - dtDelta, 3}, {'q', fQuarter, dtLong - dtDelta, 4}, {'q', fQuarter, dtNarrow - dtDelta, 5},
	{'M', fMonth, dtNumeric, 1}, {'M', fMonth, dtShort, 3}, {'M', fMonth, dtLong, 4}, {'M', fMonth, dtNarrow, 5},
	{'L', fMonth, dtNumeric + dtDelta, 1}, {'L', fMonth, dtShort - dtDelta, 3}, {'L', fMonth, dtLong - dtDelta, 4}, {'L', fMonth, dtNarrow - dtDelta, 5},
	{'l', fMonth, dtNumeric + dtDelta, 1},
	{'w', fWeekOfYear, dtNumeric, 1},
	{'W', fWeekOfMonth, dtNumeric, 1},
	{'E', fWeekday, dtShort, 1}, {'E', fWeekday, dtLong, 4}, {'E', fWeekday, dtNarrow, 5}, {'E', fWeekday, dtShorter, 6},
	{'c', fWeekday, dtNumeric + 2*dtDelta, 1}, {'c', fWeekday, dtShort - 2*dtDelta, 3}, {'c', fWeekday, dtLong - 2*dtDelta, 4}, {'c', fWeekday, dtNarrow - 2*dtDelta, 5}, {'c', fWeekday, dtShorter - 2*dtDelta, 6},
	{'e', fWeekday, dtNumeric + dtDelta, 1}, {'e', fWeekday, dtShort - dtDelta, 3}, {'e', fWeekday, dtLong - dtDelta, 4}, {'e', fWeekday, dtNarrow - dtDelta, 5}, {'e', fWeekday, dtShorter - dtDelta, 6},
	{'d', fDay, dtNumeric, 1},
	{'g', fDay, dtNumeric + dtDelta, 1},
	{'D', fDayOfYear, dtNumeric, 1},
	{'F', fDayOfWeekInMonth, dtNumeric, 1},
	{'a', fDayPeriod, dtShort, 1}, {'a', fDayPeriod, dtLong, 4}, {'a', fDayPeriod, dtNarrow, 5},
	{'b', fDayPeriod, dtShort - dtDelta, 1}, {'b', fDayPeriod, dtLong - dtDelta, 4}, {'b', fDayPeriod, dtNarrow - dtDelta, 5},
	{'B', fDayPeriod, dtShort - 3*dtDelta, 1}, {'B', fDayPeriod, dtLong - 3*dtDelta, 4}, {'B', fDayPeriod, dtNarrow - 3*dtDelta, 5},
	{'H', fHour, dtNumeric + 10*dtDelta, 1},
	{'k', fHour, dtNumeric + 11*dtDelta, 1},
	{'h', fHour, dtNumeric, 1},
	{'K', fHour, dtNumeric + dtDelta, 1},
	{'m', fMinute, dtNumeric, 1},
	{'s', fSecond, dtNumeric, 1},
	{'A', fSecond, dtNumeric + dtDelta, 1},
	{'S', fFraction, dtNumeric, 1},
	{'v', fZone, dtShort - 2*dtDelta, 1}, {'v', fZone, dtLong - 2*dtDelta, 4},
	{'z', fZone, dtShort, 1}, {'z', fZone, dtLong, 4},
	{'Z', fZone, dtNarrow - dtDelta, 1}, {'Z', fZone, dtLong - dtDelta, 4}, {'Z', fZone, dtShort - dtDelta, 5},
	{'O', fZone, dtShort - dtDelta, 1}, {'O', fZone, dtLong - dtDelta, 4},
	{'V', fZone, dtShort - dtDelta, 1}, {'V', fZone, dtLong - dtDelta, 2}, {'V', fZone, dtLong - 1 - dtDelta, 3}, {'V', fZone, dtLong - 2 - dtDelta, 4},
	{'X', fZone, dtNarrow - dtDelta, 1}, {'X', fZone, dtShort - dtDelta, 2}, {'X', fZone, dtLong - dtDelta, 4},
	{'x', fZone, dtNarrow - dtDelta, 1}, {'x', fZone, dtShort - dtDelta, 2}, {'x', fZone, dtLong - dtDelta, 4},
}

// canonicalRow is ICU's FormatParser::getCanonicalIndex: the row of a
// field of n repeated ch.
func canonicalRow(ch byte, n int) int {
	best := -1
	for i := 0; i < len(dtTypes); i++ {
		if dtTypes[i].ch != ch {
			continue
		}
		best = i
		if i+1 < len(dtTypes) && dtTypes[i+1].ch == ch && dtTypes[i+1].minLen <= n {
			continue
		}
		return i
	}
	return best
}

// patItem is a pattern's field (ch repeated n times) or literal text.
type patItem struct {
	ch  byte // 0 for a literal
	n   int
	lit string
}

// isPatternChar reports whether c is a pattern letter.
func isPatternChar(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// parsePattern splits a pattern into fields and literals ('quoted' text,
// ” for a quote).
func parsePattern(p string) []patItem {
	var out []patItem
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, patItem{lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\'':
			if i+1 < len(p) && p[i+1] == '\'' {
				lit.WriteByte('\'')
				i += 2
				continue
			}
			j := i + 1
			for j < len(p) {
				if p[j] == '\'' {
					if j+1 < len(p) && p[j+1] == '\'' {
						lit.WriteByte('\'')
						j += 2
						continue
					}
					break
				}
				lit.WriteByte(p[j])
				j++
			}
			i = j + 1
		case isPatternChar(c):
			flush()
			j := i
			for j < len(p) && p[j] == c {
				j++
			}
			out = append(out, patItem{ch: c, n: j - i})
			i = j
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	return out
}

// quoteLiteral writes literal text so that a pattern parses it back.
func quoteLiteral(s string) string {
	need := false
	for i := 0; i < len(s); i++ {
		if isPatternChar(s[i]) || s[i] == '\'' {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// joinPattern writes items back as a pattern.
func joinPattern(items []patItem) string {
	var b strings.Builder
	for _, it := range items {
		if it.ch == 0 {
			b.WriteString(quoteLiteral(it.lit))
		} else {
			b.WriteString(strings.Repeat(string(it.ch), it.n))
		}
	}
	return b.String()
}

// skeleton is ICU's PtnSkeleton: per field, its type (for distances), the
// field as given, and the canonical base form.
type skeleton struct {
	typ            [fieldCount]int
	orig           [fieldCount]string
	base           [fieldCount]string
	addedDayPeriod bool
}

func (s *skeleton) origString() string { return strings.Join(s.orig[:], "") }
func (s *skeleton) baseString() string { return strings.Join(s.base[:], "") }

func (s *skeleton) fieldMask() int {
	m := 0
	for i := 0; i < fieldCount; i++ {
		if s.typ[i] != 0 {
			m |= 1 << i
		}
	}
	return m
}

func (s *skeleton) char(f int) byte {
	if s.orig[f] == "" {
		return 0
	}
	return s.orig[f][0]
}

// newSkeleton is DateTimeMatcher::set on a pattern or skeleton.
func newSkeleton(p string) *skeleton {
	s := newSkeletonNoPeriodFix(p)
	// ICU #20739: minutes and fractions without seconds get seconds.
	if s.orig[fMinute] != "" && s.orig[fFraction] != "" && s.orig[fSecond] == "" {
		s.orig[fSecond], s.base[fSecond], s.typ[fSecond] = "s", "s", dtNumeric+1
	}
	if h := s.char(fHour); h != 0 {
		if h == 'h' || h == 'K' {
			if s.orig[fDayPeriod] == "" {
				s.orig[fDayPeriod], s.base[fDayPeriod], s.typ[fDayPeriod] = "a", "a", dtShort
				s.addedDayPeriod = true
			}
		} else if s.orig[fDayPeriod] != "" {
			s.orig[fDayPeriod], s.base[fDayPeriod], s.typ[fDayPeriod] = "", "", 0
		}
	}
	return s
}

// distance is DateTimeMatcher::getDistance of the request s (limited to
// the fields in include) to a candidate o, with the fields the candidate
// lacks (missing) and has in excess (extra).
func (s *skeleton) distance(o *skeleton, include int) (d, missing, extra int) {
	for i := 0; i < fieldCount; i++ {
		my := s.typ[i]
		if include&(1<<i) == 0 {
			my = 0
		}
		other := o.typ[i]
		if my == other {
			continue
		}
		switch {
		case my == 0:
			d += 0x10000
			extra |= 1 << i
		case other == 0:
			d += 0x1000
			missing |= 1 << i
		default:
			if my > other {
				d += my - other
			} else {
				d += other - my
			}
		}
	}
	return
}

// ptnEntry is one pattern the generator knows, with its skeleton.
type ptnEntry struct {
	skel      *skeleton
	pattern   string
	specified bool // keyed by an availableFormats skeleton
	bucket    byte
	seq       int
}

// patternGenerator is ICU's DateTimePatternGenerator for one locale's data
// (the hour cycle is the caller's: V8 asks with an explicit hour character
// or with 'j', which is mapped here).
type patternGenerator struct {
	entries     []*ptnEntry
	byOrig      map[string]*ptnEntry
	dateTime    [4]string // full, long, medium, short: the "at" forms where the locale has them
	decimal     string
	appendItems map[int]string // field → "{0} {1}" (pattern, appended field)

	mu    sync.Mutex
	cache map[string]string // request → pattern
}

// appendNames are CLDR's appendItems keys by field.
var appendNames = [...]struct {
	f int
	n string
}{{fEra, "Era"}, {fYear, "Year"}, {fQuarter, "Quarter"}, {fMonth, "Month"}, {fWeekOfYear, "Week"},
	{fWeekday, "Day-Of-Week"}, {fDay, "Day"}, {fHour, "Hour"}, {fMinute, "Minute"}, {fSecond, "Second"}, {fZone, "Timezone"}}

func (g *patternGenerator) add(pattern string, override bool, skel string) {
	var s *skeleton
	if skel != "" {
		s = newSkeleton(skel)
	} else {
		s = newSkeleton(pattern)
	}
	key := s.origString()
	if key == "" {
		return
	}
	base := s.baseString()
	for _, e := range g.entries {
		if e.skel.baseString() == base && (!e.specified || skel != "" && !override) {
			if !override {
				return
			}
			break
		}
	}
	if e, ok := g.byOrig[key]; ok {
		if !override || skel != "" && e.specified {
			return
		}
		e.pattern, e.specified = pattern, skel != ""
		return
	}
	e := &ptnEntry{skel: s, pattern: pattern, specified: skel != "", bucket: base[0], seq: len(g.entries)}
	g.entries = append(g.entries, e)
	g.byOrig[key] = e
}

// generator returns the locale's pattern generator, built on first use.
func (c *calData) generator() *patternGenerator {
	c.genOnce.Do(func() {
		g := &patternGenerator{byOrig: map[string]*ptnEntry{}, decimal: ".", cache: map[string]string{}}
		g.appendItems = map[int]string{}
		for _, a := range appendNames {
			f, n := a.f, a.n
			// Fields are appended with their display name ({2}) only
			// in ICU's fallback; the runtime appends the field alone.
			g.appendItems[f] = strings.ReplaceAll(strings.ReplaceAll(c.AppendItems[n], " ({2}: {1})", " {1}"), "({2}: {1})", "{1}")
		}
		if d := c.Decimal["latn"]; d != "" {
			g.decimal = d
		}
		for _, ch := range "GyQMwWEDFdaHmsSv" {
			g.add(string(ch), false, "")
		}
		for _, st := range []string{"full", "long", "medium", "short"} {
			if p := c.DateFormats[st]; p != "" {
				g.add(p, false, "")
			}
		}
		for _, st := range []string{"full", "long", "medium", "short"} {
			if p := c.TimeFormats[st]; p != "" {
				g.add(p, false, "")
			}
		}
		keys := make([]string, 0, len(c.Available))
		for k := range c.Available {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			// ICU never matches the "Hv" item (Node: "14 UTC" in en-GB,
			// not "14h UTC"); its own data lacks it.
			if k == "Hv" {
				continue
			}
			g.add(c.Available[k], true, k)
		}
		// ICU iterates its pattern map by the first character of the base
		// skeleton (A–Z, then a–z), each bucket in insertion order.
		sort.SliceStable(g.entries, func(i, j int) bool {
			bi, bj := bucketIndex(g.entries[i].bucket), bucketIndex(g.entries[j].bucket)
			if bi != bj {
				return bi < bj
			}
			return g.entries[i].seq < g.entries[j].seq
		})
		for i, st := range []string{"full", "long", "medium", "short"} {
			g.dateTime[i] = c.DateTimeFormats[st]
			if p := c.AtTime[st]; p != "" {
				g.dateTime[i] = p
			}
		}
		c.gen = g
	})
	return c.gen
}

func bucketIndex(b byte) int {
	if b >= 'A' && b <= 'Z' {
		return int(b - 'A')
	}
	return 26 + int(b-'a')
}

// bestRaw is getBestRaw: the entry nearest to the request over include.
func (g *patternGenerator) bestRaw(req *skeleton, include int) (e *ptnEntry, missing, extra int) {
	best := 1 << 30
	for _, c := range g.entries {
		d, m, x := req.distance(c.skel, include)
		// On a tie ICU prefers the candidate missing the less
		// significant fields (the larger mask).
		if d < best || d == best && missing < m {
			best, e, missing, extra = d, c, m, x
			if d == 0 {
				break
			}
		}
	}
	return
}

// adjust is adjustFieldTypes: the found pattern's fields take the
// requested lengths (and characters), with ICU's exceptions.
func (g *patternGenerator) adjust(pattern string, spec *skeleton, req *skeleton, defHour byte, fixFraction, matchHour bool) string {
	items := parsePattern(pattern)
	extraFrac := map[int]int{}
	for i, it := range items {
		if it.ch == 0 {
			continue
		}
		r := canonicalRow(it.ch, it.n)
		if r < 0 {
			continue
		}
		row := dtTypes[r]
		f := row.field
		if f == fSecond && fixFraction {
			extraFrac[i] = len(req.orig[fFraction])
			continue
		}
		if req.typ[f] == 0 {
			continue
		}
		reqCh := req.char(f)
		reqLen := len(req.orig[f])
		if reqCh == 'E' && reqLen < 3 {
			reqLen = 3
		}
		adj := reqLen
		switch {
		case f == fHour && !matchHour || f == fMinute || f == fSecond:
			adj = it.n
		case spec != nil && reqCh != 'c' && reqCh != 'e':
			skelLen := len(spec.orig[f])
			patNum := row.typ > 0
			skelNum := spec.typ[f] > 0
			if skelLen == reqLen || patNum != skelNum {
				adj = it.n
			}
		}
		c := reqCh
		if f == fHour || f == fMonth || f == fWeekday || f == fYear && reqCh != 'Y' {
			c = it.ch
		}
		if f == fHour && defHour != 0 {
			switch {
			case reqCh == defHour:
				c = defHour
			case reqCh == 'h' && defHour == 'K':
				c = 'K'
			case reqCh == 'H' && defHour == 'k':
				c = 'k'
			case reqCh == 'k' && defHour == 'H':
				c = 'H'
			case reqCh == 'K' && defHour == 'h':
				c = 'h'
			}
		}
		items[i] = patItem{ch: c, n: adj}
	}
	if len(extraFrac) > 0 {
		var out []patItem
		for i, it := range items {
			out = append(out, it)
			if n, ok := extraFrac[i]; ok {
				out = append(out, patItem{lit: g.decimal}, patItem{ch: 'S', n: n})
			}
		}
		items = out
	}
	return joinPattern(items)
}

// mapHourMeta replaces 'j' by the locale's hour character, adding the day
// period ('a') a 12-hour cycle needs unless the skeleton has one.
func mapHourMeta(skel string, defHour byte) string {
	if !strings.ContainsRune(skel, 'j') {
		return skel
	}
	hasPeriod := strings.ContainsAny(skel, "abB")
	var b strings.Builder
	for i := 0; i < len(skel); i++ {
		c := skel[i]
		if c != 'j' {
			b.WriteByte(c)
			continue
		}
		extra := 0
		for i+1 < len(skel) && skel[i+1] == 'j' {
			extra++
			i++
		}
		hourLen := 1 + extra&1
		periodLen := 1
		if extra >= 2 {
			periodLen = 3 + extra>>1
		}
		if defHour == 'H' || defHour == 'k' || hasPeriod {
			periodLen = 0
		}
		b.WriteString(strings.Repeat("a", periodLen))
		b.WriteString(strings.Repeat(string(defHour), hourLen))
	}
	return b.String()
}

// bestPattern is getBestPattern(skeleton, UDATPG_MATCH_HOUR_FIELD_LENGTH)
// as V8 calls it; defHour is the locale's preferred hour character.
func (g *patternGenerator) bestPattern(skel string, defHour byte) string {
	return g.bestPatternOpt(skel, defHour, true)
}

// bestPatternOpt is getBestPattern with or without
// UDATPG_MATCH_HOUR_FIELD_LENGTH.
func (g *patternGenerator) bestPatternOpt(skel string, defHour byte, matchHour bool) string {
	key := skel + "|" + string(defHour)
	if matchHour {
		key += "|h"
	}
	g.mu.Lock()
	p, ok := g.cache[key]
	g.mu.Unlock()
	if ok {
		return p
	}
	p = g.computeBestPattern(skel, defHour, matchHour)
	g.mu.Lock()
	if len(g.cache) < 4096 {
		g.cache[key] = p
	}
	g.mu.Unlock()
	return p
}

func (g *patternGenerator) computeBestPattern(skel string, defHour byte, matchHour bool) string {
	req := newSkeleton(mapHourMeta(skel, defHour))
	e, missing, extra := g.bestRaw(req, -1)
	if e != nil && missing == 0 && extra == 0 {
		return g.adjust(e.pattern, g.specOf(e), req, defHour, false, matchHour)
	}
	needed := req.fieldMask()
	datePat := g.bestAppending(req, needed&dateMask, defHour, matchHour)
	timePat := g.bestAppending(req, needed&timeMask, defHour, matchHour)
	if datePat == "" {
		return timePat
	}
	if timePat == "" {
		return datePat
	}
	style := 3
	switch len(req.base[fMonth]) {
	case 4:
		style = 1
		if req.base[fWeekday] != "" {
			style = 0
		}
	case 3:
		style = 2
	}
	return formatGlue(g.dateTime[style], timePat, datePat)
}

func (g *patternGenerator) specOf(e *ptnEntry) *skeleton {
	if e.specified {
		return e.skel
	}
	return nil
}

// bestAppending is getBestAppending: the best pattern for some fields,
// with fields no pattern has appended (fractional seconds after seconds,
// others with the locale's appendItems, which V8's requests never need
// beyond "{0} {1}").
func (g *patternGenerator) bestAppending(req *skeleton, fields int, defHour byte, matchHour bool) string {
	if fields == 0 {
		return ""
	}
	e, missing, _ := g.bestRaw(req, fields)
	result := g.adjust(e.pattern, g.specOf(e), req, defHour, false, matchHour)
	for missing != 0 {
		const secFrac = 1<<fSecond | 1<<fFraction
		found := fields &^ missing
		if missing&secFrac == 1<<fFraction && found&(1<<fSecond) != 0 {
			result = g.adjust(e.pattern, g.specOf(e), req, defHour, true, matchHour)
			missing &^= 1 << fFraction
			continue
		}
		start := missing
		e2, m2, _ := g.bestRaw(req, missing)
		temp := g.adjust(e2.pattern, g.specOf(e2), req, defHour, false, matchHour)
		missing = m2
		foundNow := start &^ missing
		if foundNow == 0 {
			break
		}
		top := 0
		for b := fieldCount - 1; b >= 0; b-- {
			if foundNow&(1<<b) != 0 {
				top = b
				break
			}
		}
		item := g.appendItems[top]
		if item == "" {
			// ICU's default for a field without an appendItem, named
			// by its number.
			item = "{0} \u251c'F" + strconv.Itoa(top) + "': {1}\u2524"
		}
		result = formatGlue(item, result, temp)
	}
	return result
}

// formatGlue substitutes {0} and {1} in a glue pattern.
func formatGlue(glue, a0, a1 string) string {
	var b strings.Builder
	for i := 0; i < len(glue); i++ {
		if glue[i] == '{' && i+2 < len(glue) && glue[i+2] == '}' {
			switch glue[i+1] {
			case '0':
				b.WriteString(a0)
				i += 2
				continue
			case '1':
				b.WriteString(a1)
				i += 2
				continue
			}
		}
		b.WriteByte(glue[i])
	}
	return b.String()
}

// patternSkeleton is DateTimePatternGenerator::staticGetSkeleton: the
// fields of a pattern, in field order.
func patternSkeleton(p string) string {
	return newSkeletonNoPeriodFix(p).origString()
}

// newSkeletonNoPeriodFix reads the fields of a pattern or skeleton as
// they are (newSkeleton then adds seconds and fixes the day period).
func newSkeletonNoPeriodFix(p string) *skeleton {
	s := &skeleton{}
	for _, it := range parsePattern(p) {
		if it.ch == 0 {
			continue
		}
		r := canonicalRow(it.ch, it.n)
		if r < 0 {
			continue
		}
		row := dtTypes[r]
		s.orig[row.field] = strings.Repeat(string(it.ch), it.n)
		s.base[row.field] = strings.Repeat(string(row.ch), row.minLen)
		t := row.typ
		if t > 0 {
			t += it.n
		}
		s.typ[row.field] = t
	}
	return s
}
