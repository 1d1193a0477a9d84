package intl

import (
	"sort"
	"strings"
)

// formatRange as ICU's DateIntervalFormat does it: the formatter's
// skeleton is split into date and time parts, the locale's
// intervalFormats entry nearest to it gives a pattern per greatest
// differing field (era, year, month, day, am/pm, hour, minute), adjusted
// to the requested field widths; other differences fall back to
// "{0} – {1}" of two full dates (or, on the same day, the date once and a
// time range).

// Interval fields, largest first (ICU's calendar fields for intervals).
const (
	ivEra = iota
	ivYear
	ivMonth
	ivDate
	ivAmPm
	ivHour
	ivMinute
	ivCount
)

var ivLetters = [ivCount]string{"G", "y", "M", "d", "a", "h", "m"}

// ivPattern is one field's interval pattern, split where the second date
// begins; first == "" means a fallback with the full pattern second.
type ivPattern struct{ first, second string }

type intervalFormatter struct {
	full      string
	patterns  [ivCount]ivPattern
	datePat   string
	timePat   string
	dtGlue    string
	fallback  string
	fieldsSet [ivCount]bool
}

// countLetters counts each pattern letter of a skeleton.
func countLetters(s string) map[byte]int {
	m := map[byte]int{}
	for i := 0; i < len(s); i++ {
		m[s[i]]++
	}
	return m
}

// splitDateTimeSkeleton is ICU's getDateTimeSkeleton (which leaves out
// the offset zone formats O, X and x).
func splitDateTimeSkeleton(s string) (date, normDate, time, normTime string) {
	var d, nd, t, nt strings.Builder
	c := map[byte]int{}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch ch {
		case 'E', 'd', 'M', 'y':
			d.WriteByte(ch)
			c[ch]++
		case 'G', 'Q', 'q', 'L', 'l', 'W', 'w', 'D', 'F', 'g', 'e', 'c', 'U', 'r':
			d.WriteByte(ch)
			nd.WriteByte(ch)
		case 'a':
			t.WriteByte(ch)
		case 'h', 'H', 'm', 'v', 'z':
			t.WriteByte(ch)
			c[ch]++
		case 's', 'S', 'A', 'V', 'Z', 'j', 'k', 'K', 'B', 'b':
			t.WriteByte(ch)
			nt.WriteByte(ch)
		}
	}
	nd.WriteString(strings.Repeat("y", c['y']))
	if n := c['M']; n > 0 {
		if n < 3 {
			nd.WriteByte('M')
		} else {
			nd.WriteString(strings.Repeat("M", min(n, 5)))
		}
	}
	if n := c['E']; n > 0 {
		if n <= 3 {
			nd.WriteByte('E')
		} else {
			nd.WriteString(strings.Repeat("E", min(n, 6)))
		}
	}
	if c['d'] > 0 {
		nd.WriteByte('d')
	}
	if c['H'] > 0 {
		nt.WriteByte('H')
	} else if c['h'] > 0 {
		nt.WriteByte('h')
	}
	if c['m'] > 0 {
		nt.WriteByte('m')
	}
	if c['z'] > 0 {
		nt.WriteByte('z')
	}
	if c['v'] > 0 {
		nt.WriteByte('v')
	}
	return d.String(), nd.String(), t.String(), nt.String()
}

// bestIntervalSkeleton is DateIntervalInfo::getBestSkeleton: diff is 0
// for an exact match, 1 for other widths, 2 when only z/v (K/k, b/B)
// differ, -1 when fields differ.
func (c *calData) bestIntervalSkeleton(s string) (best string, diff int) {
	replaced := false
	in := []byte(s)
	for i, ch := range in {
		switch ch {
		case 'z':
			in[i], replaced = 'v', true
		case 'k':
			in[i], replaced = 'H', true
		case 'K':
			in[i], replaced = 'h', true
		case 'b', 'B':
			in[i], replaced = 'a', true
		}
	}
	want := countLetters(string(in))
	keys := make([]string, 0, len(c.Intervals))
	for k := range c.Intervals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	bestDist := 1 << 30
	for _, k := range keys {
		have := countLetters(k)
		dist, fd := 0, 1
		for ch := byte('A'); ch <= 'z'; ch++ {
			a, b := want[ch], have[ch]
			if a == b {
				continue
			}
			switch {
			case a == 0 || b == 0:
				fd = -1
				dist += 0x1000
			case ch == 'M' && (a <= 2) != (b <= 2):
				dist += 0x100
			case a > b:
				dist += a - b
			default:
				dist += b - a
			}
		}
		if dist < bestDist {
			best, bestDist, diff = k, dist, fd
		}
		if dist == 0 {
			diff = 0
			break
		}
	}
	if replaced && diff != -1 {
		diff = 2
	}
	return best, diff
}

func (c *calData) intervalPattern(skel string, field int) string {
	m := c.Intervals[skel]
	switch field {
	case ivHour:
		if p := m["h"]; p != "" {
			return p
		}
		return m["H"]
	case ivAmPm:
		if p := m["a"]; p != "" {
			return p
		}
		return m["B"]
	}
	return m[ivLetters[field]]
}

// adjustIntervalWidth is adjustFieldWidth: fields as wide in the pattern
// as in the best skeleton take the requested width.
func adjustIntervalWidth(input, best, pattern string, diff int) string {
	if diff == 2 {
		if strings.ContainsRune(input, 'z') {
			pattern = strings.ReplaceAll(pattern, "v", "z")
		}
		if strings.ContainsRune(input, 'K') {
			pattern = strings.ReplaceAll(pattern, "h", "K")
		}
		if strings.ContainsRune(input, 'k') {
			pattern = strings.ReplaceAll(pattern, "H", "k")
		}
		if strings.ContainsRune(input, 'b') {
			pattern = strings.ReplaceAll(pattern, "a", "b")
		}
	}
	in, bs := countLetters(input), countLetters(best)
	if strings.ContainsRune(pattern, 'a') && bs['a'] == 0 {
		bs['a'] = 1
	}
	items := parsePattern(pattern)
	for i, it := range items {
		if it.ch == 0 {
			continue
		}
		sc := it.ch
		if sc == 'L' {
			sc = 'M'
		}
		if bs[sc] == it.n && in[sc] > it.n {
			items[i].n = in[sc]
		}
	}
	return joinPattern(items)
}

// splitInterval is splitPatternInto2Part: the first part ends where a
// pattern letter repeats.
func splitInterval(p string) ivPattern {
	seen := map[byte]bool{}
	items := parsePattern(p)
	for i, it := range items {
		if it.ch == 0 {
			continue
		}
		if seen[it.ch] {
			return ivPattern{joinPattern(items[:i]), joinPattern(items[i:])}
		}
		seen[it.ch] = true
	}
	return ivPattern{p, ""}
}

func (iv *intervalFormatter) set(field int, p string) {
	iv.patterns[field] = splitInterval(p)
	iv.fieldsSet[field] = true
}

func (iv *intervalFormatter) setFallback(field int, full string) {
	iv.patterns[field] = ivPattern{"", full}
	iv.fieldsSet[field] = true
}

// intervalFormatter builds the formatter's interval patterns on first use.
func (d *dateTimeFormat) intervals() *intervalFormatter {
	if d.iv != nil {
		return d.iv
	}
	c := d.cal
	g := c.generator()
	iv := &intervalFormatter{full: d.pattern, fallback: c.IntervalFallbck}
	if iv.fallback == "" {
		iv.fallback = "{0} – {1}"
	}
	iv.dtGlue = c.DateTimeFormats["medium"]
	skel := patternSkeleton(d.pattern)
	best := func(s string) string { return replaceHourCycle(g.bestPattern(s, d.defHour), d.hc) }
	dateSk, normDate, timeSk, normTime := splitDateTimeSkeleton(skel)
	// ICU's interval formatter formats with the pattern of the skeleton
	// (Japanese "M月d日 H:mm" is "MdHmm", whose pattern is "M/d H:mm").
	iv.full = best(skel)
	d.iv = iv
	// A time-only format: a range across days shows the dates too.
	timeOnlyFallbacks := func() {
		p := best("yMd" + timeSk)
		iv.setFallback(ivDate, p)
		iv.setFallback(ivMonth, p)
		iv.setFallback(ivYear, p)
		iv.setFallback(ivEra, best("GyMd"+timeSk))
	}
	if !d.separateDateTime(iv, dateSk, normDate, timeSk, normTime, best) {
		if timeSk != "" && dateSk == "" {
			timeOnlyFallbacks()
		}
		return iv
	}
	if timeSk == "" {
		return iv
	}
	if dateSk == "" {
		timeOnlyFallbacks()
		return iv
	}
	s := skel
	if !strings.ContainsRune(dateSk, 'd') {
		s = "d" + s
		iv.setFallback(ivDate, best(s))
	}
	if !strings.ContainsAny(dateSk, "ML") {
		s = "M" + s
		iv.setFallback(ivMonth, best(s))
	}
	if !strings.ContainsRune(dateSk, 'y') {
		s = "y" + s
		iv.setFallback(ivYear, best(s))
	}
	if !strings.ContainsRune(dateSk, 'G') {
		s = "G" + s
		iv.setFallback(ivEra, best(s))
	}
	datePat := best(dateSk)
	for _, f := range []int{ivAmPm, ivHour, ivMinute} {
		if p := iv.patterns[f]; p.first != "" {
			iv.set(f, formatGlue(iv.dtGlue, p.first+p.second, datePat))
		}
	}
	return iv
}

// separateDateTime is setSeparateDateTimePtn.
func (d *dateTimeFormat) separateDateTime(iv *intervalFormatter, dateSk, normDate, timeSk, normTime string, best func(string) string) bool {
	c := d.cal
	skeleton := normDate
	if timeSk != "" {
		skeleton = normTime
	}
	bestSk, diff := c.bestIntervalSkeleton(skeleton)
	if bestSk == "" {
		return false
	}
	if dateSk != "" {
		iv.datePat = best(dateSk)
	}
	if timeSk != "" {
		iv.timePat = best(timeSk)
	}
	if diff == -1 {
		return false
	}
	if timeSk == "" {
		d.setIntervalField(iv, ivDate, skeleton, bestSk, diff, false)
		if ext, extBest, ok := d.setIntervalField(iv, ivMonth, skeleton, bestSk, diff, true); ok {
			skeleton, bestSk = ext, extBest
		}
		d.setIntervalField(iv, ivYear, skeleton, bestSk, diff, true)
		d.setIntervalField(iv, ivEra, skeleton, bestSk, diff, true)
	} else {
		d.setIntervalField(iv, ivMinute, skeleton, bestSk, diff, false)
		d.setIntervalField(iv, ivHour, skeleton, bestSk, diff, false)
		d.setIntervalField(iv, ivAmPm, skeleton, bestSk, diff, false)
	}
	return true
}

// setIntervalField is setIntervalPattern; ok reports an extended skeleton.
func (d *dateTimeFormat) setIntervalField(iv *intervalFormatter, field int, skel, bestSk string, diff int, extend bool) (string, string, bool) {
	c := d.cal
	p := c.intervalPattern(bestSk, field)
	var ext, extBest string
	if p == "" {
		if fieldUnitIgnored(bestSk, field) {
			return "", "", false
		}
		if field == ivAmPm {
			if hp := c.intervalPattern(bestSk, ivHour); hp != "" {
				iv.set(field, adjustIntervalWidth(skel, bestSk, hp, diff))
			}
			return "", "", false
		}
		if extend {
			letter := ivLetters[field]
			ext, extBest = letter+skel, letter+bestSk
			p = c.intervalPattern(extBest, field)
			if p == "" && diff == 0 {
				if tb, td := c.bestIntervalSkeleton(extBest); tb != "" && td != -1 {
					p = c.intervalPattern(tb, field)
					bestSk = tb
				}
			} else {
				bestSk = extBest
			}
			skel = ext
		}
	}
	if p != "" {
		iv.set(field, adjustIntervalWidth(skel, bestSk, p, diff))
	}
	return ext, extBest, ext != ""
}

// fieldLevel is ICU's pattern letter level.
func fieldLevel(ch byte) int {
	switch ch {
	case 'G':
		return 0
	case 'y', 'Y', 'u', 'U', 'r':
		return 10
	case 'Q', 'q', 'M', 'L', 'l':
		return 20
	case 'w', 'W', 'd', 'D', 'E', 'c', 'e', 'F', 'g':
		return 30
	case 'a', 'b', 'B':
		return 40
	case 'h', 'H', 'k', 'K':
		return 50
	case 'm':
		return 60
	case 's':
		return 70
	case 'S', 'A':
		return 80
	}
	return -1
}

var ivFieldLevel = [ivCount]int{0, 10, 20, 30, 40, 50, 60}

// fieldUnitIgnored reports whether a pattern shows nothing as small as
// the field.
func fieldUnitIgnored(pattern string, field int) bool {
	for _, it := range parsePattern(pattern) {
		if it.ch != 0 && fieldLevel(it.ch) >= ivFieldLevel[field] {
			return false
		}
	}
	return true
}

// largestDifference is the greatest calendar field in which two instants
// differ (ivCount when none of era to minute does; second and millisecond
// are reported as -1 and -2).
func largestDifference(a, b *dateFields) int {
	ea, _ := a.eraYear()
	eb, _ := b.eraYear()
	switch {
	case ea != eb:
		return ivEra
	case a.Year != b.Year:
		return ivYear
	case a.Month != b.Month:
		return ivMonth
	case a.Day != b.Day:
		return ivDate
	case (a.Hour >= 12) != (b.Hour >= 12):
		return ivAmPm
	case a.Hour != b.Hour:
		return ivHour
	case a.Minute != b.Minute:
		return ivMinute
	case a.Second != b.Second:
		return -1
	case a.Milli != b.Milli:
		return -2
	}
	return ivCount
}

// rangeParts formats the range [x, y] as formatRangeToParts does.
func (d *dateTimeFormat) rangeParts(x, y float64) []dtPart {
	fa, fb := fieldsAt(x, d.zone), fieldsAt(y, d.zone)
	field := largestDifference(&fa, &fb)
	single := func() []dtPart {
		ps := d.parts(x)
		for i := range ps {
			ps[i].Source = "shared"
		}
		return ps
	}
	if field == ivCount {
		return single()
	}
	iv := d.intervals()
	sameDay := field >= ivAmPm || field < 0
	if field < 0 {
		// Seconds differ: ICU has no interval pattern for them.
		if fieldUnitIgnored(d.pattern, ivMinute) || !strings.ContainsRune(d.pattern, 's') && !strings.ContainsRune(d.pattern, 'S') {
			return single()
		}
		if field == -2 && !strings.ContainsRune(d.pattern, 'S') {
			return single()
		}
		return d.fallbackRange(iv, iv.full, x, y, &fa, &fb, sameDay)
	}
	p := iv.patterns[field]
	if p.first == "" && p.second == "" {
		if fieldUnitIgnored(d.pattern, field) {
			return single()
		}
		return d.fallbackRange(iv, iv.full, x, y, &fa, &fb, sameDay)
	}
	if p.first == "" {
		return d.fallbackRange(iv, p.second, x, y, &fa, &fb, sameDay)
	}
	first := d.patternParts(p.first, x, &fa)
	second := d.patternParts(p.second, y, &fb)
	markSpan(first, p.first, p.second, "startRange")
	markSpan(second, p.second, p.first, "endRange")
	out := append(first, second...)
	return mergeLiterals(out)
}

// patternParts formats one instant with another pattern of the same
// formatter.
func (d *dateTimeFormat) patternParts(pattern string, ms float64, fd *dateFields) []dtPart {
	ff := *d.ff
	ff.items = parsePattern(pattern)
	return ff.parts(ms, fd)
}

// markSpan sets the source of the parts of one half of an interval
// pattern: from its first to its last field that the other half repeats,
// the date's own ("startRange"/"endRange"); the rest is shared.
func markSpan(parts []dtPart, self, other string, src string) {
	inOther := map[byte]bool{}
	for _, it := range parsePattern(other) {
		if it.ch != 0 {
			inOther[it.ch] = true
		}
	}
	items := parsePattern(self)
	// parts and items correspond one to one, except that adjacent
	// literals were merged; walk them together.
	type span struct{ from, to int }
	first, last := -1, -1
	pi := 0
	idx := make([]int, len(items))
	for i, it := range items {
		if it.ch == 0 {
			if pi < len(parts) && parts[pi].Type == "literal" && (i == 0 || items[i-1].ch != 0) {
				idx[i] = pi
				pi++
			} else {
				idx[i] = pi - 1
			}
			continue
		}
		idx[i] = pi
		pi++
		if inOther[it.ch] {
			if first < 0 {
				first = idx[i]
			}
			last = idx[i]
		}
	}
	for i := range parts {
		parts[i].Source = "shared"
		if first >= 0 && i >= first && i <= last {
			parts[i].Source = src
		}
	}
}

// fallbackRange is fallbackFormat: two dates joined by the locale's
// fallback pattern, or on the same day the date once with a time range.
func (d *dateTimeFormat) fallbackRange(iv *intervalFormatter, pattern string, x, y float64, fa, fb *dateFields, sameDay bool) []dtPart {
	rng := func(p string) []dtPart {
		a := d.patternParts(p, x, fa)
		b := d.patternParts(p, y, fb)
		for i := range a {
			a[i].Source = "startRange"
		}
		for i := range b {
			b[i].Source = "endRange"
		}
		return joinWith(iv.fallback, a, b)
	}
	if sameDay && iv.datePat != "" && iv.timePat != "" {
		date := d.patternParts(iv.datePat, x, fa)
		for i := range date {
			date[i].Source = "shared"
		}
		times := rng(iv.timePat)
		return mergeLiterals(joinWith(iv.dtGlue, times, date))
	}
	return mergeLiterals(rng(pattern))
}

// joinWith substitutes two part lists into a "{0}…{1}" pattern, its text
// shared.
func joinWith(glue string, a, b []dtPart) []dtPart {
	var out []dtPart
	for i := 0; i < len(glue); i++ {
		if glue[i] == '{' && i+2 < len(glue) && glue[i+2] == '}' && (glue[i+1] == '0' || glue[i+1] == '1') {
			if glue[i+1] == '0' {
				out = append(out, a...)
			} else {
				out = append(out, b...)
			}
			i += 2
			continue
		}
		j := i
		for j < len(glue) && glue[j] != '{' {
			j++
		}
		if j == i {
			j = i + 1
		}
		out = append(out, dtPart{Type: "literal", Value: glue[i:j], Source: "shared"})
		i = j - 1
	}
	return out
}

// mergeLiterals joins adjacent literals of the same source.
func mergeLiterals(ps []dtPart) []dtPart {
	var out []dtPart
	for _, p := range ps {
		if p.Value == "" {
			continue
		}
		if n := len(out); n > 0 && p.Type == "literal" && out[n-1].Type == "literal" && out[n-1].Source == p.Source {
			out[n-1].Value += p.Value
			continue
		}
		out = append(out, p)
	}
	return out
}
