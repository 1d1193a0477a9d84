package detect

import (
	"encoding/base64"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// Constant folding of the expressions that build property names: enough of
// JavaScript's string and array methods to see through the usual
// obfuscations ('con' + 'structor', String.fromCharCode(...), atob(...),
// 'rotcurtsnoc'.split('').reverse().join(''), (n).toString(36), ...).
// Values that cannot be known keep what is known of them: a string is a
// pattern of literal pieces and holes, so that 'con' + x can be matched
// against "constructor".

const (
	maxFoldDepth = 24
	maxFoldLen   = 4096
	maxFoldArray = 256
)

type piece struct {
	lit  string
	hole bool
}

// pattern is what is known of a string: literal pieces and holes (any
// string, possibly empty). No two holes are adjacent.
type pattern []piece

func lit(s string) pattern { return pattern{{lit: s}} }

func holePattern() pattern { return pattern{{hole: true}} }

func (p pattern) known() (string, bool) {
	var b strings.Builder
	for _, pc := range p {
		if pc.hole {
			return "", false
		}
		b.WriteString(pc.lit)
	}
	return b.String(), true
}

func (p pattern) litLen() int {
	n := 0
	for _, pc := range p {
		n += len(pc.lit)
	}
	return n
}

func (p pattern) concat(q pattern) pattern {
	out := make(pattern, 0, len(p)+len(q))
	for _, pc := range append(append(pattern{}, p...), q...) {
		if len(out) > 0 {
			last := &out[len(out)-1]
			if pc.hole && last.hole {
				continue
			}
			if !pc.hole && !last.hole {
				last.lit += pc.lit
				continue
			}
		}
		if !pc.hole && pc.lit == "" {
			continue
		}
		out = append(out, pc)
	}
	return out
}

func (p pattern) mapLit(f func(string) string) pattern {
	out := make(pattern, len(p))
	for i, pc := range p {
		out[i] = pc
		if !pc.hole {
			out[i].lit = f(pc.lit)
		}
	}
	return out
}

// mayBecome reports whether the pattern, which has holes, can spell name,
// knowing at least 3 of its characters: 'con' + x may become constructor;
// 'on' + x is not held against anything.
func (p pattern) mayBecome(name string) bool {
	holes := false
	for _, pc := range p {
		holes = holes || pc.hole
	}
	if !holes || p.litLen() < 3 || p.litLen() > len(name) || len(p) > 2*len(name)+1 {
		return false
	}
	return globMatch(p, name)
}

// globMatch matches the pieces against s, holes matching any substring.
func globMatch(p pattern, s string) bool {
	if len(p) == 0 {
		return s == ""
	}
	if !p[0].hole {
		if !strings.HasPrefix(s, p[0].lit) {
			return false
		}
		return globMatch(p[1:], s[len(p[0].lit):])
	}
	for i := 0; i <= len(s); i++ {
		if globMatch(p[1:], s[i:]) {
			return true
		}
	}
	return false
}

const (
	vUnknown = iota
	vStr
	vNum
	vArr
)

// value is a folded expression.
type value struct {
	kind    int
	s       string  // vStr, fully known
	pat     pattern // vStr, partly known (nil when s is the whole value)
	num     float64 // vNum
	arr     []value // vArr
	derived bool    // the result of an operation, not a plain literal
}

var unknown = value{kind: vUnknown}

func strVal(s string, derived bool) value {
	if len(s) > maxFoldLen {
		return unknown
	}
	return value{kind: vStr, s: s, derived: derived}
}

func patVal(p pattern, derived bool) value {
	if s, ok := p.known(); ok {
		return strVal(s, derived)
	}
	if p.litLen() > maxFoldLen {
		return unknown
	}
	return value{kind: vStr, pat: p, derived: derived}
}

func (v value) str() (string, bool) {
	return v.s, v.kind == vStr && v.pat == nil
}

// asPattern is v converted to a string as + does, or a hole.
func (v value) asPattern() pattern {
	switch v.kind {
	case vStr:
		if v.pat == nil {
			return lit(v.s)
		}
		return v.pat
	case vNum:
		return lit(numString(v.num))
	case vArr:
		if s, ok := joinArr(v.arr, ","); ok {
			return lit(s)
		}
	}
	return holePattern()
}

// plain is v as + converts it to a string, when fully known.
func (v value) plain() (string, bool) {
	switch v.kind {
	case vStr:
		return v.str()
	case vNum:
		return numString(v.num), true
	}
	return "", false
}

func numString(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func joinArr(arr []value, sep string) (string, bool) {
	parts := make([]string, len(arr))
	for i, e := range arr {
		switch e.kind {
		case vStr:
			s, ok := e.str()
			if !ok {
				return "", false
			}
			parts[i] = s
		case vNum:
			parts[i] = numString(e.num)
		default:
			return "", false
		}
	}
	s := strings.Join(parts, sep)
	return s, len(s) <= maxFoldLen
}

// fold evaluates e as far as it can be known before running.
func (a *analyzer) fold(e ast.Expression) value { return a.foldDepth(e, 0) }

func (a *analyzer) foldDepth(e ast.Expression, depth int) value {
	if e == nil || depth > maxFoldDepth {
		return unknown
	}
	d := depth + 1
	switch e := e.(type) {
	case *ast.StringLiteral:
		return strVal(e.Value.String(), false)
	case *ast.NumberLiteral:
		switch n := e.Value.(type) {
		case int64:
			return value{kind: vNum, num: float64(n)}
		case float64:
			return value{kind: vNum, num: n}
		}
	case *ast.TemplateLiteral:
		return a.foldTemplate(e, d)
	case *ast.BinaryExpression:
		return a.foldBinary(e, d)
	case *ast.UnaryExpression:
		v := a.foldDepth(e.Operand, d)
		if v.kind == vNum {
			switch e.Operator {
			case token.MINUS:
				return value{kind: vNum, num: -v.num, derived: true}
			case token.PLUS:
				return v
			}
		}
	case *ast.Identifier:
		b := a.resolve(e.Name.String())
		if b != nil && len(b.strs) == 1 && !b.strsUnknown {
			return patVal(b.strs[0], b.derived)
		}
	case *ast.ArrayLiteral:
		var arr []value
		for _, el := range e.Value {
			if sp, ok := el.(*ast.SpreadElement); ok {
				v := a.foldDepth(sp.Expression, d)
				if s, ok := v.str(); ok {
					for _, r := range s {
						arr = append(arr, strVal(string(r), true))
					}
				} else if v.kind == vArr {
					arr = append(arr, v.arr...)
				} else {
					return unknown
				}
			} else {
				arr = append(arr, a.foldDepth(el, d))
			}
			if len(arr) > maxFoldArray {
				return unknown
			}
		}
		return value{kind: vArr, arr: arr}
	case *ast.SequenceExpression:
		if len(e.Sequence) > 0 {
			return a.foldDepth(e.Sequence[len(e.Sequence)-1], d)
		}
	case *ast.CallExpression:
		return a.foldCall(e, d)
	}
	return unknown
}

func (a *analyzer) foldTemplate(e *ast.TemplateLiteral, d int) value {
	raw := false
	if e.Tag != nil {
		if path := a.globalPath(e.Tag); path != "String.raw" {
			return unknown
		}
		raw = true
	}
	derived := len(e.Expressions) > 0 || raw
	if len(e.Elements) == 1 && e.Elements[0] != nil && !raw {
		return strVal(e.Elements[0].Parsed.String(), false)
	}
	p := pattern{}
	for i, el := range e.Elements {
		if el == nil {
			return unknown
		}
		s := el.Parsed.String()
		if raw {
			s = el.Literal
		}
		p = p.concat(lit(s))
		if i < len(e.Expressions) {
			v := a.foldDepth(e.Expressions[i], d)
			if _, ok := v.plain(); !ok && a.foldExact {
				return unknown
			}
			p = p.concat(v.asPattern())
		}
		if p.litLen() > maxFoldLen {
			return unknown
		}
	}
	return patVal(p, derived)
}

func (a *analyzer) foldBinary(e *ast.BinaryExpression, d int) value {
	l, r := a.foldDepth(e.Left, d), a.foldDepth(e.Right, d)
	if e.Operator == token.PLUS {
		if l.kind == vNum && r.kind == vNum {
			return value{kind: vNum, num: l.num + r.num, derived: true}
		}
		if l.kind == vStr || r.kind == vStr {
			ls, lok := l.plain()
			rs, rok := r.plain()
			if lok && rok {
				return strVal(ls+rs, true)
			}
			if a.foldExact {
				return unknown
			}
			return patVal(l.asPattern().concat(r.asPattern()), true)
		}
		return unknown
	}
	if l.kind != vNum || r.kind != vNum {
		return unknown
	}
	x, y := l.num, r.num
	var n float64
	switch e.Operator {
	case token.MINUS:
		n = x - y
	case token.MULTIPLY:
		n = x * y
	case token.SLASH:
		n = x / y
	case token.EXPONENT:
		n = math.Pow(x, y)
	case token.SHIFT_LEFT:
		n = float64(int32(toInt32(x) << (toUint32(y) & 31)))
	case token.OR:
		n = float64(toInt32(x) | toInt32(y))
	default:
		return unknown
	}
	return value{kind: vNum, num: n, derived: true}
}

func toInt32(f float64) int32 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return int32(uint32(int64(math.Trunc(math.Mod(f, 1<<32)))))
}

func toUint32(f float64) uint32 { return uint32(toInt32(f)) }

func intArg(args []value, i int, def int) (int, bool) {
	if i >= len(args) {
		return def, true
	}
	if args[i].kind != vNum || args[i].num != math.Trunc(args[i].num) || math.Abs(args[i].num) > 1<<30 {
		return 0, false
	}
	return int(args[i].num), true
}

// foldCall evaluates the few pure string, array and number functions used
// to build names.
func (a *analyzer) foldCall(e *ast.CallExpression, d int) value {
	if !a.isStringBuild(e) {
		return unknown
	}
	args := make([]value, 0, len(e.ArgumentList))
	for _, x := range e.ArgumentList {
		if sp, ok := x.(*ast.SpreadElement); ok {
			v := a.foldDepth(sp.Expression, d)
			if v.kind != vArr {
				return unknown
			}
			args = append(args, v.arr...)
			continue
		}
		args = append(args, a.foldDepth(x, d))
	}
	switch path := a.globalPath(e.Callee); path {
	case "String":
		if len(args) == 1 {
			return patVal(args[0].asPattern(), true)
		}
	case "String.fromCharCode", "String.fromCodePoint":
		var b strings.Builder
		for _, v := range args {
			if v.kind != vNum || v.num < 0 || v.num > utf8.MaxRune {
				return unknown
			}
			b.WriteRune(rune(v.num))
		}
		return strVal(b.String(), true)
	case "atob":
		if s, ok := arg0Str(args); ok {
			if out, err := base64.StdEncoding.DecodeString(s); err == nil {
				return strVal(string(out), true)
			}
			if out, err := base64.RawStdEncoding.DecodeString(s); err == nil {
				return strVal(string(out), true)
			}
		}
	case "decodeURIComponent", "decodeURI", "unescape":
		if s, ok := arg0Str(args); ok {
			if out, err := url.PathUnescape(s); err == nil {
				return strVal(out, true)
			}
		}
	case "Array.from":
		if s, ok := arg0Str(args); ok {
			var arr []value
			for _, r := range s {
				arr = append(arr, strVal(string(r), true))
			}
			if len(arr) <= maxFoldArray {
				return value{kind: vArr, arr: arr}
			}
		}
	case "Array.of":
		return value{kind: vArr, arr: args}
	}
	dot, ok := e.Callee.(*ast.DotExpression)
	if !ok {
		return unknown
	}
	recv := a.foldDepth(dot.Left, d)
	method := dot.Identifier.Name.String()
	switch recv.kind {
	case vStr:
		return foldStrMethod(recv, method, args)
	case vArr:
		switch method {
		case "join":
			sep := ","
			if len(args) > 0 {
				s, ok := args[0].str()
				if !ok {
					return unknown
				}
				sep = s
			}
			if s, ok := joinArr(recv.arr, sep); ok {
				return strVal(s, true)
			}
		case "reverse":
			out := make([]value, len(recv.arr))
			for i, v := range recv.arr {
				out[len(out)-1-i] = v
			}
			return value{kind: vArr, arr: out, derived: true}
		case "concat":
			out := append([]value{}, recv.arr...)
			for _, v := range args {
				if v.kind == vArr {
					out = append(out, v.arr...)
				} else {
					out = append(out, v)
				}
			}
			if len(out) <= maxFoldArray {
				return value{kind: vArr, arr: out, derived: true}
			}
		}
	case vNum:
		if method == "toString" {
			radix, ok := intArg(args, 0, 10)
			if ok && radix >= 2 && radix <= 36 && recv.num == math.Trunc(recv.num) && math.Abs(recv.num) < 1<<53 {
				return strVal(strconv.FormatInt(int64(recv.num), radix), true)
			}
		}
	}
	return unknown
}

func arg0Str(args []value) (string, bool) {
	if len(args) == 0 {
		return "", false
	}
	return args[0].str()
}

func foldStrMethod(recv value, method string, args []value) value {
	switch method {
	case "toLowerCase", "toLocaleLowerCase":
		return patVal(recv.asPattern().mapLit(strings.ToLower), true)
	case "toUpperCase", "toLocaleUpperCase":
		return patVal(recv.asPattern().mapLit(strings.ToUpper), true)
	case "toString", "valueOf", "normalize":
		return recv
	case "concat":
		p := recv.asPattern()
		for _, v := range args {
			p = p.concat(v.asPattern())
		}
		return patVal(p, true)
	}
	s, ok := recv.str()
	if !ok {
		return unknown
	}
	switch method {
	case "trim":
		return strVal(strings.TrimSpace(s), true)
	case "trimStart", "trimLeft":
		return strVal(strings.TrimLeft(s, " \t\n\r"), true)
	case "trimEnd", "trimRight":
		return strVal(strings.TrimRight(s, " \t\n\r"), true)
	case "split":
		if len(args) == 0 {
			return value{kind: vArr, arr: []value{strVal(s, true)}}
		}
		sep, ok := args[0].str()
		if !ok {
			return unknown
		}
		var arr []value
		if sep == "" {
			for _, r := range s {
				arr = append(arr, strVal(string(r), true))
			}
		} else {
			for _, part := range strings.Split(s, sep) {
				arr = append(arr, strVal(part, true))
			}
		}
		if len(arr) > maxFoldArray {
			return unknown
		}
		return value{kind: vArr, arr: arr, derived: true}
	case "slice", "substring", "substr", "charAt", "at":
		return foldSlice(s, method, args)
	case "repeat":
		n, ok := intArg(args, 0, 0)
		if !ok || n < 0 || n*len(s) > maxFoldLen {
			return unknown
		}
		return strVal(strings.Repeat(s, n), true)
	case "replace", "replaceAll":
		if len(args) < 2 {
			return unknown
		}
		old, ok1 := args[0].str()
		repl, ok2 := args[1].str()
		if !ok1 || !ok2 {
			return unknown
		}
		if method == "replace" {
			return strVal(strings.Replace(s, old, repl, 1), true)
		}
		return strVal(strings.ReplaceAll(s, old, repl), true)
	}
	return unknown
}

// foldSlice applies the index-based string methods; indexes are in UTF-16
// units in JavaScript, so only ASCII strings are folded.
func foldSlice(s, method string, args []value) value {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return unknown
		}
	}
	n := len(s)
	clamp := func(i int) int {
		if i < 0 {
			i = 0
		}
		if i > n {
			i = n
		}
		return i
	}
	rel := func(i int) int {
		if i < 0 {
			i += n
		}
		return clamp(i)
	}
	switch method {
	case "slice":
		start, ok1 := intArg(args, 0, 0)
		end, ok2 := intArg(args, 1, n)
		if !ok1 || !ok2 {
			return unknown
		}
		b, e := rel(start), rel(end)
		if b > e {
			return strVal("", true)
		}
		return strVal(s[b:e], true)
	case "substring":
		start, ok1 := intArg(args, 0, 0)
		end, ok2 := intArg(args, 1, n)
		if !ok1 || !ok2 {
			return unknown
		}
		b, e := clamp(start), clamp(end)
		if b > e {
			b, e = e, b
		}
		return strVal(s[b:e], true)
	case "substr":
		start, ok1 := intArg(args, 0, 0)
		length, ok2 := intArg(args, 1, n)
		if !ok1 || !ok2 {
			return unknown
		}
		b := rel(start)
		e := clamp(b + length)
		if length < 0 || e < b {
			return strVal("", true)
		}
		return strVal(s[b:e], true)
	case "charAt", "at":
		i, ok := intArg(args, 0, 0)
		if !ok {
			return unknown
		}
		if method == "at" && i < 0 {
			i += n
		}
		if i < 0 || i >= n {
			return strVal("", true)
		}
		return strVal(s[i:i+1], true)
	}
	return unknown
}
