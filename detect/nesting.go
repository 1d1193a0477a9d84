package detect

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"codexec/result"
)

// Limits of the lexical pre-check. JavaScript parsers written in Go
// (goja's, esbuild's) recurse once or more per level of nesting, and a Go
// stack overflow is a fatal error, not a panic: the whole supervisor would
// die. Some constructs also cost time out of proportion to their size (see
// docs/decisions/0004-validation.md). These limits are far above what
// agent code needs and far below what could hurt.
const (
	// MaxNesting bounds the combined nesting at any point: brackets,
	// template substitutions, chains of right-recursive operators (a = b =
	// ..., a ? b : c ? ..., x => y => ..., comparisons, **), runs of prefix
	// operators (!, typeof, await, ...), statements nested without braces
	// (if (a) if (b) ...) and labels.
	MaxNesting = 256
	// MaxFunctionNesting bounds how deeply functions nest; esbuild's time
	// grows with it faster than linearly.
	MaxFunctionNesting = 32
	// MaxArrowParamNesting bounds how deeply parenthesised arrow-function
	// parameter lists nest inside one another (in default values): goja's
	// parser reparses each such list, so its time doubles per level.
	MaxArrowParamNesting = 2
	// MaxLabelNesting bounds nested labels; goja checks each new label
	// against all enclosing ones.
	MaxLabelNesting = 8
	// MaxRawBracketDepth bounds bracket nesting counted without any
	// lexing (brackets in strings and comments included): a backstop should
	// the lexer ever be fooled.
	MaxRawBracketDepth = 1024
	// MaxSourceBytes is the largest code validation analyses; larger code
	// is refused. The request size limit (maxCodeBytes, 256 KiB by default)
	// normally refuses it first.
	MaxSourceBytes = 1 << 20

	// Nesting that raises the risk score (rule deep-nesting) without
	// refusing on its own.
	WarnBracketNesting  = 48
	WarnFunctionNesting = 12
)

// CheckNesting measures how deeply code nests, in one linear pass that
// understands strings, comments, regular expression literals and template
// literals, and returns a blocking finding (rule "nesting") when a limit
// above is exceeded, nil otherwise. It is safe on any input, valid or not,
// JavaScript or TypeScript: run it on the code as submitted, before anything
// parses it (esbuild included).
func CheckNesting(code string) *result.Finding {
	s := scan(code)
	return s.violation
}

// Precheck runs the lexical checks on the code as submitted (JavaScript or
// TypeScript) that must come before any parser sees it: CheckNesting, and
// static import and export declarations. Every finding it returns blocks.
// Check applies only the nesting part to TypeScript: TypeScript's
// type-only module lines are erased by esbuild, and an import or export it
// keeps is refused in its output, at its position.
func Precheck(code string) []result.Finding {
	s := scan(code)
	if s.violation != nil {
		return []result.Finding{*s.violation}
	}
	var out []result.Finding
	for _, m := range s.modules {
		if m.static {
			out = append(out, s.moduleFinding(m))
		}
	}
	return out
}

// frame kinds
const (
	fTop = iota
	fParen
	fControl // the head of if, while, for, with, switch, catch
	fBracket
	fBlock
	fObject
	fClass
	fSubst // ${ ... } in a template
)

type frame struct {
	kind   int
	fnBody bool // a function's body
	// exprEnd: the frame's closing brace ends an expression (object
	// literal, function or class expression): a slash after it divides.
	exprEnd bool
	elseIf  bool // a control head of an if right after else

	// Counters included in the scanner's depth while the frame is open.
	rr     int // right-recursive operators in the current expression
	prefix int // prefix operators waiting for their operand
	stmt   int // statements nested without braces, labels
	angle  int // unclosed < (TypeScript type arguments, comparisons)

	labels     int
	exprArrows int // expression-bodied arrows open in the current expression
	qmarks     int // conditionals waiting for their ':'
	pendCase   bool
	stmtEnded  bool

	innerArrow int // deepest arrow-parameter nesting among enclosed frames
	// complex: the frame holds something other than names and commas
	// directly (a parenthesised arrow parameter list that is not (a, b) is
	// parsed twice by goja).
	complex    bool
	asyncParen bool
}

func (f *frame) counted() int { return 1 + f.rr + f.prefix + f.stmt + f.angle }

// previous-token classes
const (
	pNone     = iota
	pOperand  // ends an operand: a slash after it divides
	pPunct    // an operator or punctuation: a slash after it starts a regex
	pStmtEnd  // ends a statement or opens a block: a slash starts a regex
	pKeyword  // an expression keyword (return, typeof, ...): a slash starts a regex
	pDot      // . or ?.: the next name is a property name
	pArrow    // =>
	pCtrlHead // ) closing a control head
)

type moduleTok struct {
	off    int
	kind   string // "import", "import()", "import.meta", "export"
	static bool   // a declaration (esbuild refuses it); otherwise an expression
}

type scanner struct {
	src    string
	frames []frame

	cur, maxDepth, maxBracket, fnDepth, maxFn, labelDepth int
	maxBracketOff, maxFnOff                               int

	prev      int
	prevIdent bool // the previous token was a plain identifier at statement start
	nl        bool // a line break since the previous token

	pendCtrl    bool
	pendElse    bool
	pendFn      int // frame index + 1 where `function` was seen, 0 if none
	pendFnExpr  bool
	pendCls     int
	pendClsExpr bool
	pendArrow   bool // the previous token was =>
	pendAsync   bool // the previous token was the name async

	// A paren just closed: its arrow-parameter nesting is known once the
	// next token shows whether it was a parameter list.
	parenDone    bool
	parenNest    int
	parenRestore bool

	ctrlAfterElse  bool // the pending control head belongs to an if right after else
	resumeTemplate bool // a } just closed a template substitution

	violation *result.Finding
	modules   []moduleTok
	// lower: the code uses syntax the runtime cannot run as written (see
	// noteLowering); tok1 and tok2 are the last two tokens.
	lower      bool
	tok1, tok2 string
	escaped    []int    // offsets of identifiers written with \u escapes
	strs       [][2]int // spans of string literal and template text
}

func scan(src string) *scanner {
	s := &scanner{src: src, frames: make([]frame, 1, 32)}
	s.frames[0].kind = fTop
	if len(src) > MaxSourceBytes {
		s.fail(0, fmt.Sprintf("code is %d bytes, over the %d bytes validation analyses: refused", len(src), MaxSourceBytes))
		return s
	}
	if off, ok := rawDepth(src); !ok {
		s.fail(off, fmt.Sprintf("brackets nest more than %d deep", MaxRawBracketDepth)+tooDeep)
		return s
	}
	s.run()
	return s
}

// rawDepth counts brackets with no lexing at all.
func rawDepth(src string) (int, bool) {
	d := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '(', '[', '{':
			d++
			if d > MaxRawBracketDepth {
				return i, false
			}
		case ')', ']', '}':
			if d > 0 {
				d--
			}
		}
	}
	return 0, true
}

// tooDeep ends the messages of the nesting limits.
const tooDeep = ": refused before parsing, as nesting this deep could exhaust the parser's stack or time"

func (s *scanner) fail(off int, msg string) {
	if s.violation != nil {
		return
	}
	line, col := lineCol(s.src, off)
	s.violation = &result.Finding{Rule: RuleNesting, Severity: result.SeverityBlock, Message: msg, Line: line, Column: col}
}

func (s *scanner) top() *frame { return &s.frames[len(s.frames)-1] }

// add changes one of the top frame's counters and the depth with it.
func (s *scanner) add(counter *int, n, off int) {
	*counter += n
	s.cur += n
	s.checkDepth(off)
}

func (s *scanner) checkDepth(off int) {
	if s.cur > s.maxDepth {
		s.maxDepth = s.cur
		if s.cur > MaxNesting {
			s.fail(off, fmt.Sprintf("code nests more than %d levels deep (brackets, operator chains, nested statements)", MaxNesting)+tooDeep)
		}
	}
}

func (s *scanner) resetExpr(f *frame) {
	s.cur -= f.rr + f.prefix
	f.rr, f.prefix = 0, 0
	s.fnDepth -= f.exprArrows
	f.exprArrows = 0
	f.qmarks = 0
}

func (s *scanner) endStatement(f *frame) {
	s.resetExpr(f)
	s.cur -= f.angle
	f.angle = 0
	f.pendCase = false
	f.stmtEnded = true
}

func (s *scanner) resetStmt(f *frame) {
	s.cur -= f.stmt
	f.stmt = 0
	s.labelDepth -= f.labels
	f.labels = 0
	f.stmtEnded = false
}

func (s *scanner) push(kind int, off int) *frame {
	s.frames = append(s.frames, frame{kind: kind})
	f := s.top()
	s.cur++
	s.checkDepth(off)
	if n := len(s.frames) - 1; n > s.maxBracket {
		s.maxBracket, s.maxBracketOff = n, off
	}
	return f
}

func (s *scanner) pop() frame {
	f := *s.top()
	s.frames = s.frames[:len(s.frames)-1]
	s.cur -= f.counted()
	s.fnDepth -= f.exprArrows
	if f.fnBody {
		s.fnDepth--
	}
	s.labelDepth -= f.labels
	p := s.top()
	// The bracketed operand is complete: prefix operators before it are done.
	s.cur -= p.prefix
	p.prefix = 0
	return f
}

func (s *scanner) enterFn(off int) {
	s.fnDepth++
	if s.fnDepth > s.maxFn {
		s.maxFn, s.maxFnOff = s.fnDepth, off
		if s.fnDepth > MaxFunctionNesting {
			s.fail(off, fmt.Sprintf("functions nest more than %d deep", MaxFunctionNesting)+tooDeep)
		}
	}
}

// stmtStart reports whether the next token begins a statement.
func (s *scanner) stmtStart() bool {
	switch s.prev {
	case pNone, pStmtEnd, pCtrlHead:
		return true
	case pOperand:
		return s.nl
	}
	return false
}

func (s *scanner) regexAllowed() bool {
	switch s.prev {
	case pOperand, pDot:
		return false
	}
	return true
}

// token is called at the start of every token with its first byte; it
// settles what the previous token left open.
func (s *scanner) token(c byte, off int, word string) {
	f := s.top()
	if s.parenDone {
		s.parenDone = false
		n := s.parenNest
		if c == '=' && strings.HasPrefix(s.src[off:], "=>") && s.parenRestore {
			n++
		}
		if n > f.innerArrow {
			f.innerArrow = n
		}
		if n > MaxArrowParamNesting {
			s.fail(off, fmt.Sprintf("arrow-function parameter lists nest more than %d deep", MaxArrowParamNesting)+tooDeep)
		}
	}
	if s.pendArrow {
		s.pendArrow = false
		if c != '{' {
			f.exprArrows++
			s.enterFn(off)
		}
	}
	// A line break between two operands ends the statement (ASI).
	if s.nl && s.prev == pOperand && (isIdentStart(c) || isDigit(c) || c == '"' || c == '\'' ||
		strings.HasPrefix(s.src[off:], "++") || strings.HasPrefix(s.src[off:], "--")) &&
		word != "in" && word != "instanceof" && word != "of" {
		s.endStatement(f)
	}
	if f.stmtEnded {
		if word == "else" {
			f.stmtEnded = false
		} else {
			s.resetStmt(f)
		}
	}
	if c != ')' && c != ']' && c != '}' && c != ',' && word == "" {
		f.complex = true
	}
}

// operandStart marks the start of an operand in the top frame.
func (s *scanner) operandStart(f *frame) {
	s.cur -= f.prefix
	f.prefix = 0
}

func (s *scanner) run() {
	src := s.src
	i := 0
	for i < len(src) && s.violation == nil {
		c := src[i]
		switch {
		case c == '\n' || c == '\r':
			s.nl = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			i++
			continue
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(src[i:])
			if r == '\u2028' || r == '\u2029' {
				s.nl = true
				i += size
				continue
			}
			if r == '\u00a0' || r == '\ufeff' || unicode.IsSpace(r) {
				i += size
				continue
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' && src[i] != '\r' && !strings.HasPrefix(src[i:], "\u2028") && !strings.HasPrefix(src[i:], "\u2029") {
				i++
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			body := src[i:]
			if end >= 0 {
				body = src[i : i+2+end+2]
			}
			if strings.ContainsAny(body, "\n\r\u2028\u2029") {
				s.nl = true
			}
			i += len(body)
			continue
		}
		i = s.next(i)
		s.nl = false
	}
}

// next scans the token at i and returns the offset after it.
func (s *scanner) next(i int) int {
	j := s.token1(i)
	s.noteLowering(i, j)
	return j
}

// noteLowering notes, from the token src[i:j] and the two before it,
// syntax the runtime cannot run as written and that must be lowered
// (typescript.Lowered): a decorator's @, for await, async generators
// (async function*, async *method), class accessor fields and using
// declarations. It may see more than there is (a variable named using
// followed by a name), never less; more only costs a transform.
func (s *scanner) noteLowering(i, j int) {
	if j <= i || j > len(s.src) {
		return
	}
	tok := s.src[i:j]
	if !s.lower {
		switch {
		case tok == "@":
			s.lower = true
		case tok == "await" && s.tok1 == "for":
			s.lower = true
		case tok == "*" && (s.tok1 == "async" && s.tok2 != "." && s.tok2 != "?." || s.tok1 == "function" && s.tok2 == "async"):
			s.lower = true
		case (s.tok1 == "accessor" || s.tok1 == "using") && (isIdentStart(tok[0]) || tok[0] >= 0x80 || tok[0] == '#' || tok[0] == '[' || tok[0] == '"' || tok[0] == '\''):
			s.lower = true
		}
	}
	s.tok2, s.tok1 = s.tok1, tok
}

// token1 scans the token at i and returns the offset after it.
func (s *scanner) token1(i int) int {
	src := s.src
	c := src[i]
	switch {
	case isIdentStart(c) || c >= 0x80 || c == '\\' || c == '#':
		return s.word(i)
	case isDigit(c) || c == '.' && i+1 < len(src) && isDigit(src[i+1]):
		s.token(c, i, "")
		s.operandStart(s.top())
		j := i + 1
		for j < len(src) {
			d := src[j]
			if isIdentPart(d) || d == '.' {
				j++
				continue
			}
			if (d == '+' || d == '-') && (src[j-1] == 'e' || src[j-1] == 'E') && !isRadixLiteral(src[i:j]) {
				j++
				continue
			}
			break
		}
		s.setPrev(pOperand)
		return j
	case c == '"' || c == '\'':
		s.token(c, i, "")
		s.operandStart(s.top())
		j := i + 1
		for j < len(src) {
			d := src[j]
			if d == '\\' {
				j += 2
				continue
			}
			if d == c || d == '\n' || d == '\r' {
				break
			}
			j++
		}
		if j > len(src) {
			j = len(src)
		}
		s.strs = append(s.strs, [2]int{i + 1, j})
		if j < len(src) && src[j] == c {
			j++
		}
		s.setPrev(pOperand)
		return j
	case c == '`':
		s.token(c, i, "")
		s.operandStart(s.top())
		return s.template(i + 1)
	case c == '/' && s.regexAllowed():
		s.token(c, i, "")
		s.operandStart(s.top())
		j, inClass := i+1, false
		for j < len(src) {
			d := src[j]
			if d == '\\' {
				j += 2
				continue
			}
			if d == '\n' || d == '\r' {
				break
			}
			if d == '[' {
				inClass = true
			} else if d == ']' {
				inClass = false
			} else if d == '/' && !inClass {
				j++
				break
			}
			j++
		}
		for j < len(src) && isIdentPart(src[j]) {
			j++
		}
		if j > len(src) {
			j = len(src)
		}
		s.setPrev(pOperand)
		return j
	}
	return s.punct(i)
}

// template scans template text from i (after ` or after the } closing a
// substitution) to the closing ` or the next ${.
func (s *scanner) template(i int) int {
	src := s.src
	start := i
	for i < len(src) {
		switch src[i] {
		case '\\':
			i += 2
			continue
		case '`':
			s.strs = append(s.strs, [2]int{start, i})
			s.setPrev(pOperand)
			return i + 1
		case '$':
			if i+1 < len(src) && src[i+1] == '{' {
				s.strs = append(s.strs, [2]int{start, i})
				s.push(fSubst, i)
				s.setPrev(pPunct)
				return i + 2
			}
		}
		i++
	}
	if start < len(src) {
		s.strs = append(s.strs, [2]int{start, len(src)})
	}
	s.setPrev(pOperand)
	return len(src)
}

func (s *scanner) setPrev(p int) {
	s.prev = p
	s.prevIdent = false
	s.pendAsync = false
	s.pendElse = false
}

// isExprKeyword reports the keywords after which a slash starts a regular
// expression.
func isExprKeyword(w string) bool {
	switch w {
	case "return", "typeof", "instanceof", "in", "new", "delete", "void", "throw", "case", "do",
		"else", "yield", "await", "extends", "default", "let", "const", "var", "try", "finally":
		return true
	}
	return false
}

// isPrefixWord reports the keywords that recurse like unary operators
// (TypeScript's too).
func isPrefixWord(w string) bool {
	switch w {
	case "typeof", "void", "delete", "await", "new", "yield", "keyof", "infer", "unique", "readonly":
		return true
	}
	return false
}

func (s *scanner) word(i int) int {
	src := s.src
	j := i
	escaped := false
	if src[j] == '#' {
		j++
	}
	for j < len(src) {
		c := src[j]
		if c == '\\' {
			escaped = true
			j++
			if j < len(src) && src[j] == 'u' {
				j++
				if j < len(src) && src[j] == '{' {
					for j < len(src) && src[j] != '}' {
						j++
					}
					j++
				} else {
					j += 4
				}
			}
			continue
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(src[j:])
			if r == '\u2028' || r == '\u2029' || r == '\u00a0' || r == '\ufeff' || unicode.IsSpace(r) {
				break
			}
			j += size
			continue
		}
		if !isIdentPart(c) {
			break
		}
		j++
	}
	if j > len(src) {
		j = len(src)
	}
	if j == i { // a lone '#' or '\'
		j = i + 1
	}
	w := src[i:j]
	if escaped {
		s.escaped = append(s.escaped, i)
		w = "" // an escaped word is never a keyword
	}
	propName := s.prev == pDot
	if propName {
		s.token(src[i], i, "_")
		s.operandStart(s.top())
		s.setPrev(pOperand)
		return j
	}
	atStmt := s.stmtStart()
	afterElse := s.pendElse
	s.token(src[i], i, w)
	f := s.top()

	switch w {
	case "if", "while", "for", "with", "switch":
		s.pendCtrl = true
		s.ctrlAfterElse = w == "if" && afterElse
		s.setPrev(pStmtEnd)
		return j
	case "catch":
		s.pendCtrl = true
		s.ctrlAfterElse = false
		s.setPrev(pStmtEnd)
		return j
	case "else":
		s.add(&f.stmt, 1, i)
		s.setPrev(pStmtEnd)
		s.pendElse = true
		return j
	case "do", "try", "finally":
		if w == "do" {
			s.add(&f.stmt, 1, i)
		}
		s.setPrev(pStmtEnd)
		return j
	case "function":
		s.pendFn = len(s.frames)
		s.pendFnExpr = !atStmt
		s.setPrev(pKeyword)
		return j
	case "class":
		s.pendCls = len(s.frames)
		s.pendClsExpr = !atStmt
		s.setPrev(pKeyword)
		return j
	case "this", "super", "null", "true", "false":
		s.operandStart(f)
		s.setPrev(pOperand)
		return j
	case "in", "instanceof":
		s.add(&f.rr, 1, i)
		s.setPrev(pKeyword)
		return j
	case "case", "default":
		f.pendCase = true
		s.setPrev(pKeyword)
		return j
	case "import", "export":
		s.module(w, i, j, atStmt, f)
	}
	if isPrefixWord(w) {
		s.add(&f.prefix, 1, i)
		s.setPrev(pKeyword)
		return j
	}
	if isExprKeyword(w) {
		s.setPrev(pKeyword)
		return j
	}
	// A name: an operand.
	s.operandStart(f)
	s.setPrev(pOperand)
	s.prevIdent = atStmt
	s.pendAsync = w == "async"
	return j
}

// module records an import or export keyword.
func (s *scanner) module(w string, i, j int, atStmt bool, f *frame) {
	k := s.peek(j)
	switch w {
	case "import":
		switch {
		case k == '(':
			if f.kind != fObject && f.kind != fClass {
				s.modules = append(s.modules, moduleTok{off: i, kind: "import()"})
			}
		case k == '.':
			s.modules = append(s.modules, moduleTok{off: i, kind: "import.meta"})
		case atStmt && f.kind == fTop && (isIdentStart(k) || k == '{' || k == '*' || k == '"' || k == '\'' || k >= 0x80):
			s.modules = append(s.modules, moduleTok{off: i, kind: "import", static: true})
		}
	case "export":
		if atStmt && f.kind == fTop && k != '(' && k != ':' && k != '=' && k != '.' && k != ',' && k != ';' && k != ')' && k != 0 {
			s.modules = append(s.modules, moduleTok{off: i, kind: "export", static: true})
		}
	}
}

// peek returns the first byte of the next token after j, 0 at the end.
func (s *scanner) peek(j int) byte {
	src := s.src
	for j < len(src) {
		c := src[j]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			j++
		case c == '/' && j+1 < len(src) && src[j+1] == '/':
			for j < len(src) && src[j] != '\n' {
				j++
			}
		case c == '/' && j+1 < len(src) && src[j+1] == '*':
			end := strings.Index(src[j+2:], "*/")
			if end < 0 {
				return 0
			}
			j += end + 4
		default:
			return c
		}
	}
	return 0
}

// punctAt returns the punctuator at src[i:], longest match first.
func punctAt(src string, i int) string {
	at := func(k int) byte {
		if i+k < len(src) {
			return src[i+k]
		}
		return 0
	}
	n := 1
	switch src[i] {
	case '>':
		switch {
		case at(1) == '>' && at(2) == '>' && at(3) == '=':
			n = 4
		case at(1) == '>' && (at(2) == '>' || at(2) == '='):
			n = 3
		case at(1) == '>' || at(1) == '=':
			n = 2
		}
	case '<':
		switch {
		case at(1) == '<' && at(2) == '=':
			n = 3
		case at(1) == '<' || at(1) == '=':
			n = 2
		}
	case '=':
		switch {
		case at(1) == '=' && at(2) == '=':
			n = 3
		case at(1) == '=' || at(1) == '>':
			n = 2
		}
	case '!':
		switch {
		case at(1) == '=' && at(2) == '=':
			n = 3
		case at(1) == '=':
			n = 2
		}
	case '*', '&', '|':
		c := src[i]
		switch {
		case at(1) == c && at(2) == '=':
			n = 3
		case at(1) == c || at(1) == '=':
			n = 2
		}
	case '?':
		switch {
		case at(1) == '?' && at(2) == '=':
			n = 3
		case at(1) == '?' || at(1) == '.' && !isDigit(at(2)):
			n = 2
		}
	case '.':
		if at(1) == '.' && at(2) == '.' {
			n = 3
		}
	case '+', '-':
		if at(1) == src[i] || at(1) == '=' {
			n = 2
		}
	case '/', '%', '^':
		if at(1) == '=' {
			n = 2
		}
	}
	return src[i : i+n]
}

func (s *scanner) punct(i int) int {
	src := s.src
	p := punctAt(src, i)
	atStmt := s.stmtStart()
	wasOperand := s.prev == pOperand && !(s.nl && (p == "++" || p == "--"))
	prevWasArrow := s.pendArrow
	async := s.pendAsync
	prevCtrl := s.prev == pCtrlHead
	prevIdent := s.prevIdent
	s.token(src[i], i, "")
	f := s.top()
	end := i + len(p)

	switch p {
	case "(":
		if !wasOperand {
			s.operandStart(f)
		}
		ctrl := s.pendCtrl
		s.pendCtrl = false
		kind := fParen
		if ctrl {
			kind = fControl
		}
		nf := s.push(kind, i)
		nf.elseIf = ctrl && s.ctrlAfterElse
		nf.asyncParen = async
		s.setPrev(pPunct)
	case "[":
		if !wasOperand {
			s.operandStart(f)
		}
		s.push(fBracket, i)
		s.setPrev(pPunct)
	case "{":
		s.openBrace(i, atStmt, prevWasArrow, prevCtrl, f)
	case ")", "]", "}":
		s.closeBracket(p[0], i)
		if s.violation != nil {
			return end
		}
		if p == "}" && len(s.frames) > 0 && s.resumeTemplate {
			s.resumeTemplate = false
			return s.template(end)
		}
	case ";":
		s.endStatement(f)
		if s.pendFn == len(s.frames) {
			s.pendFn = 0
		}
		if s.pendCls == len(s.frames) {
			s.pendCls = 0
		}
		s.setPrev(pStmtEnd)
	case ",":
		s.resetExpr(f)
		s.setPrev(pPunct)
	case ":":
		switch {
		case f.qmarks > 0:
			f.qmarks--
			s.setPrev(pPunct)
		case f.pendCase:
			f.pendCase = false
			s.resetExpr(f)
			s.setPrev(pStmtEnd)
		case prevIdent && f.kind != fObject && f.kind != fClass && f.kind != fParen && f.kind != fBracket:
			// a label
			s.add(&f.stmt, 1, i)
			f.labels++
			s.labelDepth++
			if s.labelDepth > MaxLabelNesting {
				s.fail(i, fmt.Sprintf("labels nest more than %d deep", MaxLabelNesting)+tooDeep)
			}
			s.setPrev(pStmtEnd)
		default:
			if f.kind == fObject {
				s.resetExpr(f)
			}
			s.setPrev(pPunct)
		}
	case "?":
		f.qmarks++
		s.add(&f.rr, 1, i)
		s.setPrev(pPunct)
	case ".", "?.":
		s.setPrev(pDot)
	case "=>":
		s.add(&f.rr, 1, i)
		s.setPrev(pArrow)
		s.pendArrow = true
	case "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "??=",
		"<=", ">=", "**":
		s.add(&f.rr, 1, i)
		s.setPrev(pPunct)
	case ">":
		if f.angle > 0 {
			s.add(&f.angle, -1, i)
			s.setPrev(pOperand) // closes type arguments: f<T>(x), Array<T>
		} else {
			s.add(&f.rr, 1, i)
			s.setPrev(pPunct)
		}
	case ">>", ">>>":
		n := len(p)
		if f.angle < n {
			n = f.angle
		}
		if n > 0 {
			s.add(&f.angle, -n, i)
		}
		s.setPrev(pPunct)
	case "<":
		s.add(&f.angle, 1, i)
		s.setPrev(pPunct)
	case "!", "~", "...":
		s.add(&f.prefix, 1, i)
		s.setPrev(pPunct)
	case "+", "-", "++", "--":
		if wasOperand {
			if p == "++" || p == "--" {
				s.setPrev(pOperand) // postfix
			} else {
				s.setPrev(pPunct)
			}
		} else {
			s.add(&f.prefix, 1, i)
			s.setPrev(pPunct)
		}
	default:
		s.setPrev(pPunct)
	}
	return end
}

func (s *scanner) openBrace(i int, atStmt, afterArrow, afterCtrl bool, f *frame) {
	depth := len(s.frames)
	s.pendCtrl = false
	var nf *frame
	switch {
	case s.pendCls == depth:
		s.pendCls = 0
		nf = s.push(fClass, i)
		nf.exprEnd = s.pendClsExpr
	case s.pendFn == depth:
		s.pendFn = 0
		nf = s.push(fBlock, i)
		nf.fnBody, nf.exprEnd = true, s.pendFnExpr
	case afterArrow:
		nf = s.push(fBlock, i)
		nf.fnBody = true
	case afterCtrl:
		nf = s.push(fBlock, i)
	case s.prev == pOperand && (f.kind == fClass || f.kind == fObject):
		nf = s.push(fBlock, i) // a method body: m() {
		nf.fnBody = true
	case atStmt:
		nf = s.push(fBlock, i)
	default:
		if s.prev != pOperand {
			s.operandStart(f)
		}
		nf = s.push(fObject, i)
		nf.exprEnd = true
	}
	if nf.fnBody {
		s.fnDepth++
		if s.fnDepth > s.maxFn {
			s.maxFn, s.maxFnOff = s.fnDepth, i
			if s.fnDepth > MaxFunctionNesting {
				s.fail(i, fmt.Sprintf("functions nest more than %d deep", MaxFunctionNesting)+tooDeep)
			}
		}
	}
	s.setPrev(pStmtEnd)
}

func (s *scanner) closeBracket(c byte, i int) {
	f := s.top()
	ok := false
	switch f.kind {
	case fParen, fControl:
		ok = c == ')'
	case fBracket:
		ok = c == ']'
	case fBlock, fObject, fClass, fSubst:
		ok = c == '}'
	}
	if !ok || len(s.frames) == 1 {
		// An unmatched closer: broken code. Keep the frames (counting too
		// much is safe) and carry on.
		s.setPrev(pPunct)
		return
	}
	closed := s.pop()
	p := s.top()
	switch closed.kind {
	case fParen:
		s.parenDone = true
		s.parenNest = closed.innerArrow
		s.parenRestore = closed.asyncParen || closed.complex
		s.setPrev(pOperand)
	case fControl:
		if !closed.elseIf {
			s.add(&p.stmt, 1, i)
		}
		if closed.innerArrow > p.innerArrow {
			p.innerArrow = closed.innerArrow
		}
		s.setPrev(pCtrlHead)
	case fBracket:
		if closed.innerArrow > p.innerArrow {
			p.innerArrow = closed.innerArrow
		}
		s.setPrev(pOperand)
	case fSubst:
		if closed.innerArrow > p.innerArrow {
			p.innerArrow = closed.innerArrow
		}
		s.resumeTemplate = true
	default: // braces
		if closed.innerArrow > p.innerArrow {
			p.innerArrow = closed.innerArrow
		}
		if closed.exprEnd {
			s.setPrev(pOperand)
		} else {
			p.stmtEnded = true
			s.setPrev(pStmtEnd)
		}
	}
}

func (s *scanner) moduleFinding(m moduleTok) result.Finding {
	line, col := lineCol(s.src, m.off)
	return moduleFinding(m.kind, line, col)
}

func moduleFinding(kind string, line, col int) result.Finding {
	msg := ""
	switch kind {
	case "import":
		msg = "import declarations are not available: the code runs as a function body with no modules; pass data in context instead"
	case "export":
		msg = "export declarations are not available: the code is a function body; return the result instead"
	case "import()":
		msg = "dynamic import() is not available: no modules can be loaded in this sandbox"
	default:
		msg = "import.meta is not available: the code is not a module"
	}
	return result.Finding{Rule: RuleImport, Severity: result.SeverityBlock, Message: msg, Line: line, Column: col}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
}

func isIdentPart(c byte) bool { return isIdentStart(c) || isDigit(c) }

func isRadixLiteral(s string) bool {
	return len(s) > 1 && s[0] == '0' && strings.ContainsAny(s[1:2], "xXbBoO")
}

// lineCol returns the 1-based line and column (in bytes, as goja counts
// them) of offset off in src.
func lineCol(src string, off int) (int, int) {
	if off > len(src) {
		off = len(src)
	}
	line, start := 1, 0
	for i := 0; i < off; i++ {
		switch src[i] {
		case '\n':
			line++
			start = i + 1
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			line++
			start = i + 1
		case 0xe2:
			if i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xa8 || src[i+2] == 0xa9) {
				i += 2
				line++
				start = i + 1
			}
		}
	}
	return line, off - start + 1
}
