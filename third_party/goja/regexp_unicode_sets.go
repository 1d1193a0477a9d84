package goja

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The v flag (unicodeSets). Outside character classes a v-mode pattern is a
// u-mode one; inside, classes are set expressions: nested classes, unions,
// intersections (&&), differences (--), strings (\q{abc|d}) and property
// escapes. translateUnicodeSets computes each class as a set of code points
// (and strings) and writes it back as a u-mode class (an alternation when it
// has strings), which the engines below can run. What it cannot express
// exactly is a SyntaxError, never a class that would match something else.

type cpRange struct{ lo, hi rune }

type charSet struct {
	ranges  []cpRange // sorted, disjoint, not adjacent
	strings map[string]bool
}

func (s *charSet) normalize() {
	sort.Slice(s.ranges, func(i, j int) bool { return s.ranges[i].lo < s.ranges[j].lo })
	out := s.ranges[:0]
	for _, r := range s.ranges {
		if n := len(out); n > 0 && r.lo <= out[n-1].hi+1 {
			if r.hi > out[n-1].hi {
				out[n-1].hi = r.hi
			}
			continue
		}
		out = append(out, r)
	}
	s.ranges = out
}

func (s *charSet) addString(str string) {
	if utf8.RuneCountInString(str) == 1 {
		r, _ := utf8.DecodeRuneInString(str)
		s.ranges = append(s.ranges, cpRange{r, r})
		return
	}
	if s.strings == nil {
		s.strings = map[string]bool{}
	}
	s.strings[str] = true
}

func complementRanges(rs []cpRange) []cpRange {
	var out []cpRange
	next := rune(0)
	for _, r := range rs {
		if r.lo > next {
			out = append(out, cpRange{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, cpRange{next, unicode.MaxRune})
	}
	return out
}

func intersectRanges(a, b []cpRange) []cpRange {
	var out []cpRange
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		lo, hi := max(a[i].lo, b[j].lo), min(a[i].hi, b[j].hi)
		if lo <= hi {
			out = append(out, cpRange{lo, hi})
		}
		if a[i].hi < b[j].hi {
			i++
		} else {
			j++
		}
	}
	return out
}

func union(a, b *charSet) *charSet {
	s := &charSet{ranges: append(append([]cpRange{}, a.ranges...), b.ranges...)}
	for str := range a.strings {
		s.addString(str)
	}
	for str := range b.strings {
		s.addString(str)
	}
	s.normalize()
	return s
}

func intersect(a, b *charSet) *charSet {
	s := &charSet{ranges: intersectRanges(a.ranges, b.ranges)}
	for str := range a.strings {
		if b.strings[str] {
			s.addString(str)
		}
	}
	return s
}

func subtract(a, b *charSet) *charSet {
	s := &charSet{ranges: intersectRanges(a.ranges, complementRanges(b.ranges))}
	for str := range a.strings {
		if !b.strings[str] {
			s.addString(str)
		}
	}
	return s
}

type setParser struct {
	src []rune
	pos int
	// lenient parses u-mode classes: a union of characters, ranges and
	// escapes, where [ ( ) { } / | stand for themselves and - is literal
	// where it cannot make a range.
	lenient bool
}

type unicodeSetsError string

func (e unicodeSetsError) Error() string { return string(e) }

func (p *setParser) fail(format string, args ...any) {
	panic(unicodeSetsError(fmt.Sprintf(format, args...)))
}

func (p *setParser) peek(s string) bool {
	rs := []rune(s)
	if p.pos+len(rs) > len(p.src) {
		return false
	}
	for i, r := range rs {
		if p.src[p.pos+i] != r {
			return false
		}
	}
	return true
}

func (p *setParser) eof() bool { return p.pos >= len(p.src) }

// translateUnicodeSets turns a v-mode pattern into a u-mode one.
func translateUnicodeSets(src string) (out string, err error) {
	defer func() {
		if x := recover(); x != nil {
			if e, ok := x.(unicodeSetsError); ok {
				err = e
				return
			}
			panic(x)
		}
	}()
	p := &setParser{src: []rune(src)}
	var b strings.Builder
	for !p.eof() {
		c := p.src[p.pos]
		switch c {
		case '\\':
			if p.pos+1 >= len(p.src) {
				p.fail("\\ at end of pattern")
			}
			if e := p.src[p.pos+1]; e == 'p' || e == 'P' {
				b.WriteString(p.classEscape().uMode(false))
				continue
			}
			b.WriteRune(c)
			b.WriteRune(p.src[p.pos+1])
			p.pos += 2
		case '[':
			p.pos++
			set, negated := p.classContents()
			b.WriteString(set.uMode(negated))
		default:
			b.WriteRune(c)
			p.pos++
		}
	}
	return b.String(), nil
}

// rewritePropertyEscapes replaces the property escapes (\p{...}, \P{...})
// of a u-mode pattern, and the classes that hold them, with explicit
// classes: the engines below would read \p as the letter p.
func rewritePropertyEscapes(src string) (out string, err error) {
	if !strings.Contains(src, "\\p") && !strings.Contains(src, "\\P") {
		return src, nil
	}
	defer func() {
		if x := recover(); x != nil {
			if e, ok := x.(unicodeSetsError); ok {
				err = e
				return
			}
			panic(x)
		}
	}()
	p := &setParser{src: []rune(src), lenient: true}
	var b strings.Builder
	for !p.eof() {
		c := p.src[p.pos]
		switch c {
		case '\\':
			if p.pos+1 >= len(p.src) {
				p.fail("\\ at end of pattern")
			}
			if e := p.src[p.pos+1]; e == 'p' || e == 'P' {
				b.WriteString(p.classEscape().uMode(false))
				continue
			}
			b.WriteRune(c)
			b.WriteRune(p.src[p.pos+1])
			p.pos += 2
		case '[':
			// Rewrite the class only if it holds a property escape.
			end, hasProp := p.pos+1, false
			for end < len(p.src) && p.src[end] != ']' {
				if p.src[end] == '\\' && end+1 < len(p.src) {
					if p.src[end+1] == 'p' || p.src[end+1] == 'P' {
						hasProp = true
					}
					end++
				}
				end++
			}
			if !hasProp || end >= len(p.src) {
				b.WriteRune(c)
				p.pos++
				continue
			}
			p.pos++
			set, negated := p.classContents()
			b.WriteString(set.uMode(negated))
		default:
			b.WriteRune(c)
			p.pos++
		}
	}
	return b.String(), nil
}

// classContents parses a class after its '[' up to and including its ']'.
func (p *setParser) classContents() (*charSet, bool) {
	negated := false
	if p.peek("^") {
		negated = true
		p.pos++
	}
	if p.lenient {
		set := &charSet{}
		for !p.peek("]") {
			if p.eof() {
				p.fail("unterminated character class")
			}
			var op *charSet
			if p.peek("\\") {
				op = p.classEscape()
			}
			if op == nil {
				lo := p.classChar()
				if p.peek("-") && p.pos+1 < len(p.src) && p.src[p.pos+1] != ']' {
					p.pos++
					hi := p.classChar()
					if hi < lo {
						p.fail("range out of order in character class")
					}
					op = &charSet{ranges: []cpRange{{lo, hi}}}
				} else {
					op = &charSet{ranges: []cpRange{{lo, lo}}}
				}
			}
			set = union(set, op)
		}
		p.pos++
		set.normalize()
		return set, negated
	}
	set := &charSet{}
	if p.peek("]") {
		p.pos++
		return set, negated
	}
	first, isRange := p.operandOrRange()
	switch {
	case p.peek("&&"):
		if isRange {
			p.fail("a range cannot be an operand of &&")
		}
		set = first
		for p.peek("&&") {
			p.pos += 2
			if p.peek("&") {
				p.fail("&&& in a class")
			}
			op, r := p.operandOrRange()
			if r {
				p.fail("a range cannot be an operand of &&")
			}
			set = intersect(set, op)
		}
	case p.peek("--"):
		if isRange {
			p.fail("a range cannot be an operand of --")
		}
		set = first
		for p.peek("--") {
			p.pos += 2
			op, r := p.operandOrRange()
			if r {
				p.fail("a range cannot be an operand of --")
			}
			set = subtract(set, op)
		}
	default:
		set = first
		for !p.eof() && !p.peek("]") {
			if p.peek("&&") || p.peek("--") {
				p.fail("operators cannot be mixed with a union without nested classes")
			}
			op, _ := p.operandOrRange()
			set = union(set, op)
		}
	}
	if !p.peek("]") {
		if p.eof() {
			p.fail("unterminated character class")
		}
		p.fail("operators cannot be mixed without nested classes")
	}
	p.pos++
	if negated && len(set.strings) > 0 {
		p.fail("a negated class cannot contain strings")
	}
	set.normalize()
	return set, negated
}

// operandOrRange parses a nested class, \q{...}, a class escape, a
// character, or a range of characters.
func (p *setParser) operandOrRange() (*charSet, bool) {
	if p.eof() {
		p.fail("unterminated character class")
	}
	switch {
	case p.peek("["):
		p.pos++
		inner, negated := p.classContents()
		if negated {
			inner = &charSet{ranges: complementRanges(inner.ranges)}
		}
		return inner, false
	case p.peek("\\q{"):
		p.pos += 3
		set := &charSet{}
		var cur strings.Builder
		for {
			if p.eof() {
				p.fail("unterminated \\q{")
			}
			if p.peek("}") {
				p.pos++
				set.addString(cur.String())
				break
			}
			if p.peek("|") {
				p.pos++
				set.addString(cur.String())
				cur.Reset()
				continue
			}
			cur.WriteRune(p.classChar())
		}
		set.normalize()
		return set, false
	case p.peek("\\"):
		if set := p.classEscape(); set != nil {
			return set, false
		}
	}
	lo := p.classChar()
	if p.peek("-") && !p.peek("--") {
		p.pos++
		hi := p.classChar()
		if hi < lo {
			p.fail("range out of order in character class")
		}
		return &charSet{ranges: []cpRange{{lo, hi}}}, true
	}
	return &charSet{ranges: []cpRange{{lo, lo}}}, false
}

var jsSpace = []cpRange{{'\t', '\r'}, {' ', ' '}, {0xa0, 0xa0}, {0x1680, 0x1680}, {0x2000, 0x200a},
	{0x2028, 0x2029}, {0x202f, 0x202f}, {0x205f, 0x205f}, {0x3000, 0x3000}, {0xfeff, 0xfeff}}

// classEscape parses \d \D \s \S \w \W \p{..} \P{..}; nil for other escapes.
func (p *setParser) classEscape() *charSet {
	if p.pos+1 >= len(p.src) {
		p.fail("\\ at end of pattern")
	}
	var rs []cpRange
	neg := false
	switch c := p.src[p.pos+1]; c {
	case 'd', 'D':
		rs, neg = []cpRange{{'0', '9'}}, c == 'D'
	case 's', 'S':
		rs, neg = jsSpace, c == 'S'
	case 'w', 'W':
		rs, neg = []cpRange{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}, c == 'W'
	case 'p', 'P':
		p.pos += 2
		if !p.peek("{") {
			p.fail("invalid property name")
		}
		end := p.pos
		for end < len(p.src) && p.src[end] != '}' {
			end++
		}
		if end == len(p.src) {
			p.fail("invalid property name")
		}
		name := string(p.src[p.pos+1 : end])
		p.pos = end + 1
		set := &charSet{ranges: propertyRanges(p, name)}
		set.normalize()
		if c == 'P' {
			set.ranges = complementRanges(set.ranges)
		}
		return set
	default:
		return nil
	}
	p.pos += 2
	set := &charSet{ranges: append([]cpRange{}, rs...)}
	set.normalize()
	if neg {
		set.ranges = complementRanges(set.ranges)
	}
	return set
}

// classChar parses one character of a class: a literal or an escape.
func (p *setParser) classChar() rune {
	c := p.src[p.pos]
	if c != '\\' && p.lenient {
		p.pos++
		return c
	}
	if c != '\\' {
		switch c {
		case '(', ')', '[', ']', '{', '}', '/', '-', '|':
			p.fail("%q must be escaped in a v-mode character class", c)
		}
		if p.pos+1 < len(p.src) && p.src[p.pos+1] == c && strings.ContainsRune("&!#$%*+,.:;<=>?@^`~", c) {
			p.fail("%q%q is reserved in a v-mode character class", c, c)
		}
		p.pos++
		return c
	}
	if p.pos+1 >= len(p.src) {
		p.fail("\\ at end of pattern")
	}
	e := p.src[p.pos+1]
	p.pos += 2
	switch e {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	case 'r':
		return '\r'
	case 'f':
		return '\f'
	case 'v':
		return '\v'
	case 'b':
		return '\b'
	case '0':
		if p.eof() || p.src[p.pos] < '0' || p.src[p.pos] > '9' {
			return 0
		}
		p.fail("invalid decimal escape in a class")
	case 'c':
		if !p.eof() && ((p.src[p.pos] >= 'a' && p.src[p.pos] <= 'z') || (p.src[p.pos] >= 'A' && p.src[p.pos] <= 'Z')) {
			p.pos++
			return p.src[p.pos-1] % 32
		}
		p.fail("invalid \\c escape")
	case 'x':
		return p.hex(2)
	case 'u':
		if p.peek("{") {
			end := p.pos + 1
			for end < len(p.src) && p.src[end] != '}' {
				end++
			}
			v, err := strconv.ParseUint(string(p.src[p.pos+1:end]), 16, 32)
			if end == len(p.src) || err != nil || v > unicode.MaxRune {
				p.fail("invalid Unicode escape")
			}
			p.pos = end + 1
			return rune(v)
		}
		r := p.hex(4)
		if r >= 0xD800 && r <= 0xDBFF && p.peek("\\u") {
			save := p.pos
			p.pos += 2
			lo := p.hex(4)
			if lo >= 0xDC00 && lo <= 0xDFFF {
				return (r-0xD800)<<10 + (lo - 0xDC00) + 0x10000
			}
			p.pos = save
		}
		return r
	}
	if strings.ContainsRune("^$\\.*+?()[]{}|/-&!#%,:;<=>@`~", e) {
		return e
	}
	if p.lenient && e == '-' {
		return e
	}
	p.fail("invalid escape \\%c in a v-mode class", e)
	return 0
}

func (p *setParser) hex(n int) rune {
	if p.pos+n > len(p.src) {
		p.fail("invalid escape")
	}
	v, err := strconv.ParseUint(string(p.src[p.pos:p.pos+n]), 16, 32)
	if err != nil {
		p.fail("invalid escape")
	}
	p.pos += n
	return rune(v)
}

var generalCategoryAliases = map[string]string{
	"Letter": "L", "Cased_Letter": "LC", "Uppercase_Letter": "Lu", "Lowercase_Letter": "Ll",
	"Titlecase_Letter": "Lt", "Modifier_Letter": "Lm", "Other_Letter": "Lo", "Mark": "M",
	"Combining_Mark": "M", "Nonspacing_Mark": "Mn", "Spacing_Mark": "Mc", "Enclosing_Mark": "Me",
	"Number": "N", "Decimal_Number": "Nd", "digit": "Nd", "Letter_Number": "Nl", "Other_Number": "No",
	"Punctuation": "P", "punct": "P", "Connector_Punctuation": "Pc", "Dash_Punctuation": "Pd",
	"Open_Punctuation": "Ps", "Close_Punctuation": "Pe", "Initial_Punctuation": "Pi",
	"Final_Punctuation": "Pf", "Other_Punctuation": "Po", "Symbol": "S", "Math_Symbol": "Sm",
	"Currency_Symbol": "Sc", "Modifier_Symbol": "Sk", "Other_Symbol": "So", "Separator": "Z",
	"Space_Separator": "Zs", "Line_Separator": "Zl", "Paragraph_Separator": "Zp", "Other": "C",
	"Control": "Cc", "cntrl": "Cc", "Format": "Cf", "Surrogate": "Cs", "Private_Use": "Co",
	"Unassigned": "Cn",
}

func tableRanges(tabs ...*unicode.RangeTable) []cpRange {
	var out []cpRange
	for _, t := range tabs {
		for _, r := range t.R16 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				if r.Stride == 1 {
					out = append(out, cpRange{rune(r.Lo), rune(r.Hi)})
					break
				}
				out = append(out, cpRange{c, c})
			}
		}
		for _, r := range t.R32 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				if r.Stride == 1 {
					out = append(out, cpRange{rune(r.Lo), rune(r.Hi)})
					break
				}
				out = append(out, cpRange{c, c})
			}
		}
	}
	s := &charSet{ranges: out}
	s.normalize()
	return s.ranges
}

func generalCategory(p *setParser, v string) []cpRange {
	if long, ok := generalCategoryAliases[v]; ok {
		v = long
	}
	switch v {
	case "LC":
		return tableRanges(unicode.Lu, unicode.Ll, unicode.Lt)
	case "Cn":
		var all []*unicode.RangeTable
		for _, t := range unicode.Categories {
			all = append(all, t)
		}
		return complementRanges(tableRanges(all...))
	}
	if t, ok := unicode.Categories[v]; ok && len(v) <= 2 {
		return tableRanges(t)
	}
	p.fail("invalid property name \\p{%s}", v)
	return nil
}

// propertyRanges resolves a \p{...} name with Go's Unicode tables. Names
// those tables cannot answer (Emoji, Script_Extensions, properties of
// strings) are a SyntaxError rather than an approximation.
func propertyRanges(p *setParser, name string) []cpRange {
	if k, v, ok := strings.Cut(name, "="); ok {
		switch k {
		case "General_Category", "gc":
			return generalCategory(p, v)
		case "Script", "sc":
			if t, ok := unicode.Scripts[v]; ok {
				return tableRanges(t)
			}
			p.fail("\\p{%s} is not supported (scripts are known by their long names, e.g. Script=Greek)", name)
		}
		p.fail("\\p{%s} is not supported in a v-mode class", name)
	}
	switch name {
	case "Any":
		return []cpRange{{0, unicode.MaxRune}}
	case "ASCII":
		return []cpRange{{0, 0x7f}}
	case "Assigned":
		return complementRanges(generalCategory(p, "Cn"))
	case "Alphabetic", "Alpha":
		return tableRanges(unicode.Lu, unicode.Ll, unicode.Lt, unicode.Lm, unicode.Lo, unicode.Nl, unicode.Other_Alphabetic)
	case "Lowercase", "Lower":
		return tableRanges(unicode.Ll, unicode.Other_Lowercase)
	case "Uppercase", "Upper":
		return tableRanges(unicode.Lu, unicode.Other_Uppercase)
	}
	if t, ok := unicode.Properties[name]; ok {
		return tableRanges(t)
	}
	if _, ok := generalCategoryAliases[name]; ok {
		return generalCategory(p, name)
	}
	if t, ok := unicode.Categories[name]; ok && len(name) <= 2 {
		return tableRanges(t)
	}
	if name == "LC" {
		return generalCategory(p, name)
	}
	p.fail("\\p{%s} is not supported in a v-mode class", name)
	return nil
}

// uMode writes the set as a u-mode class, or an alternation of its strings
// (longest first, as v mode matches them) and its class.
func (s *charSet) uMode(negated bool) string {
	var b strings.Builder
	b.WriteByte('[')
	if negated {
		b.WriteByte('^')
	}
	for _, r := range s.ranges {
		writeClassRune(&b, r.lo)
		if r.hi != r.lo {
			b.WriteByte('-')
			writeClassRune(&b, r.hi)
		}
	}
	b.WriteByte(']')
	if len(s.strings) == 0 {
		return b.String()
	}
	strs := make([]string, 0, len(s.strings))
	for str := range s.strings {
		strs = append(strs, str)
	}
	sort.Slice(strs, func(i, j int) bool {
		if a, b := utf8.RuneCountInString(strs[i]), utf8.RuneCountInString(strs[j]); a != b {
			return a > b
		}
		return strs[i] < strs[j]
	})
	var alt strings.Builder
	alt.WriteString("(?:")
	for _, str := range strs {
		if str == "" {
			continue // last: it always matches
		}
		for _, r := range str {
			writeClassRune(&alt, r)
		}
		alt.WriteByte('|')
	}
	if len(s.ranges) > 0 {
		alt.WriteString(b.String())
	} else {
		alt.WriteString("[]")
	}
	if s.strings[""] {
		alt.WriteByte('|')
	}
	alt.WriteByte(')')
	return alt.String()
}

func writeClassRune(b *strings.Builder, r rune) {
	if r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
		b.WriteRune(r)
		return
	}
	fmt.Fprintf(b, "\\u{%X}", r)
}
