// Package typescript turns the code an agent submits into the JavaScript the
// runner executes, with esbuild's transform API: TypeScript has its types
// stripped (nothing is type-checked), and in TypeScript and JavaScript alike
// the syntax goja cannot run (async generators, for await, decorators, class
// accessor fields, using declarations) is lowered. Positions in that
// JavaScript map back to the code the user wrote.
//
// The code is a function body (it may return and await at top level), which
// esbuild cannot parse on its own: a top-level return is only allowed in
// CommonJS and a top-level await only in ES modules. So the body is wrapped
// in an async function for the transform and unwrapped afterwards. Some
// TypeScript is only allowed at the top level of a module (namespaces,
// `declare global`, `import type` and `export type` lines): TypeScript the
// wrapper refuses is transformed as a module instead, its top-level returns
// turned into throws for esbuild and back into returns after it (see
// docs/decisions/0022-syntax-lowering.md).
//
// # Concurrency
//
// Transform and Strip may be called from any number of goroutines; an
// *Output is read-only after they return.
package typescript

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/go-sourcemap/sourcemap"
)

const (
	wrapperName = "__codexec_body"
	// In module mode, a call on a line of its own marks where the code
	// starts in esbuild's output (after its helpers): line 1 of the input,
	// as the wrapper's head is.
	moduleMark = wrapperName + "_start();"
	sourceFile = "code.ts"
)

// Options of a transform.
type Options struct {
	// JavaScript: the code is JavaScript (no types to strip); only the
	// syntax the runtime lacks is lowered.
	JavaScript bool
	// ExperimentalDecorators: TypeScript's experimental decorators
	// (tsconfig experimentalDecorators: parameter decorators allowed, the
	// legacy semantics), instead of the TC39 standard ones. TypeScript only.
	ExperimentalDecorators bool
}

// Lowered lists the esbuild features the runtime (goja) cannot parse or
// compile, which every transform lowers: async generators (functions and
// methods), for await, decorators (with them, class accessor fields) and
// using / await using declarations.
var Lowered = []string{"async-generator", "for-await", "decorators", "using"}

var supported = func() map[string]bool {
	m := make(map[string]bool, len(Lowered))
	for _, f := range Lowered {
		m[f] = false
	}
	return m
}()

// SyntaxError is code esbuild could not parse, positioned in the user's
// code (1-based line and column).
type SyntaxError struct {
	Message string
	Line    int
	Column  int
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("SyntaxError: %s (line %d, column %d)", e.Message, e.Line, e.Column)
}

// Output is the JavaScript made from one body.
type Output struct {
	JS string // the function body to run

	helperLines int    // lines of esbuild helpers at the top of JS
	bodyLine    int    // 1-based line of the body's first line in esbuild's output
	rawMap      []byte // esbuild's source map of its whole output
	codeLines   int    // lines of the code as submitted
	lastCols    int    // UTF-16 length of its last line

	// Module mode: columns that moved when returns became throws (in the
	// input, keyed by the user's line) and back (in JS, keyed by JS line).
	srcShift map[int][]shift
	outShift map[int][]shift

	once sync.Once
	smap *sourcemap.Consumer
}

// shift: on one line, 0-based UTF-16 columns at or after col moved by
// delta.
type shift struct{ col, delta int }

// Strip converts a TypeScript function body into a JavaScript one (TC39
// decorators).
func Strip(code string) (*Output, error) {
	return Transform(code, Options{})
}

// Transform converts a function body (TypeScript, or JavaScript with
// opts.JavaScript) into one the runtime can run. A *SyntaxError is code
// esbuild cannot parse.
func Transform(code string, opts Options) (*Output, error) {
	out, serr := transformWrapped(code, opts)
	if serr == nil || opts.JavaScript {
		return out, errOrNil(serr)
	}
	// TypeScript that only a module may hold (namespaces, import type,
	// ...): try it as a module. When both fail, the error of the one that
	// read further is the one to fix.
	mout, merr := transformModule(code, opts)
	if merr == nil {
		return mout, nil
	}
	if merr.Line > serr.Line || merr.Line == serr.Line && merr.Column > serr.Column {
		return nil, merr
	}
	return nil, serr
}

func errOrNil(e *SyntaxError) error {
	if e == nil {
		return nil
	}
	return e
}

func esbuild(input string, opts Options) api.TransformResult {
	loader := api.LoaderTS
	tsconfig := `{"compilerOptions":{"useDefineForClassFields":true}}`
	if opts.JavaScript {
		loader, tsconfig = api.LoaderJS, ""
	} else if opts.ExperimentalDecorators {
		tsconfig = `{"compilerOptions":{"useDefineForClassFields":true,"experimentalDecorators":true}}`
	}
	return api.Transform(input, api.TransformOptions{
		Loader:      loader,
		Target:      api.ESNext,
		Supported:   supported,
		TsconfigRaw: tsconfig,
		Format:      api.FormatDefault,
		Sourcemap:   api.SourceMapExternal,
		Sourcefile:  sourceFile,
		Charset:     api.CharsetUTF8,
		LogLevel:    api.LogLevelSilent,
		// The code's own source map comments are not followed.
		LegalComments: api.LegalCommentsNone,
	})
}

// transformWrapped transforms the code as the body of an async function.
func transformWrapped(code string, opts Options) (*Output, *SyntaxError) {
	head := "async function " + wrapperName + "(context: any) {\n"
	if opts.JavaScript {
		head = "async function " + wrapperName + "(context) {\n"
	}
	res := esbuild(head+code+"\n}", opts)
	if len(res.Errors) > 0 {
		return nil, toSyntaxError(res.Errors[0], code)
	}
	lines := strings.Split(strings.TrimRight(string(res.Code), "\n"), "\n")
	at := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "async function "+wrapperName+"(context) {") {
			at = i
			break
		}
	}
	if at < 0 || len(lines) < at+2 || lines[len(lines)-1] != "}" {
		return nil, &SyntaxError{Message: "the code must be the body of one function; it closes that function early (unbalanced braces)", Line: 1, Column: 1}
	}
	o := newOutput(code, res.Map, at)
	if strings.HasSuffix(lines[at], "}") {
		// An empty body: esbuild prints "async function f(context) {\n}".
		o.JS = strings.Join(lines[:at], "\n")
		return o, nil
	}
	helpers, body := lines[:at], lines[at+1:len(lines)-1]
	if len(helpers) > 0 && strings.TrimSpace(body[0]) == `"use strict";` {
		// The code's directive stays the body's first statement, above the
		// helpers, or it would be a mere expression.
		helpers = append([]string{strings.TrimSpace(body[0])}, helpers...)
		body = body[1:]
		o.helperLines++
		o.bodyLine++
	}
	o.JS = strings.Join(append(append([]string{}, helpers...), body...), "\n")
	return o, nil
}

func newOutput(code string, rawMap []byte, helperLines int) *Output {
	return &Output{
		helperLines: helperLines, bodyLine: helperLines + 2, rawMap: rawMap,
		codeLines: strings.Count(code, "\n") + 1,
		lastCols:  utf16Len(code[strings.LastIndexByte(code, '\n')+1:]),
	}
}

// topLevelReturn is esbuild's error for a return in a module that an
// await, import or export made an ES module.
const topLevelReturn = "Top-level return cannot be used inside an ECMAScript module"

// transformModule transforms TypeScript as a module (top-level await is
// allowed there; top-level returns go through throws).
func transformModule(code string, opts Options) (*Output, *SyntaxError) {
	input := moduleMark + "\n" + code
	res := esbuild(input, opts)
	var rets []retPos
	if len(res.Errors) > 0 {
		for _, m := range res.Errors {
			if m.Text != topLevelReturn || m.Location == nil {
				return nil, toSyntaxError(res.Errors[0], code)
			}
			rets = append(rets, retPos{line: m.Location.Line, col: m.Location.Column})
		}
		var srcShift map[int][]shift
		input, rets, srcShift = returnsToThrows(input, rets)
		res = esbuild(input, opts)
		if len(res.Errors) > 0 {
			return nil, toSyntaxError(res.Errors[0], code)
		}
		o, err := moduleOutput(code, res)
		if err != nil {
			return nil, err
		}
		o.srcShift = srcShift
		if err := o.throwsToReturns(rets); err != nil {
			return nil, err
		}
		return o, nil
	}
	return moduleOutput(code, res)
}

func moduleOutput(code string, res api.TransformResult) (*Output, *SyntaxError) {
	lines := strings.Split(strings.TrimRight(string(res.Code), "\n"), "\n")
	at := -1
	for i, l := range lines {
		// Indented when esbuild wraps the module's statements (top-level
		// using declarations go in a try block).
		if strings.TrimLeft(l, " ") == moduleMark {
			at = i
			break
		}
	}
	if at < 0 {
		return nil, &SyntaxError{Message: "the code cannot be transformed as a function body", Line: 1, Column: 1}
	}
	o := newOutput(code, res.Map, at)
	o.JS = strings.Join(append(append([]string{}, lines[:at]...), lines[at+1:]...), "\n")
	return o, nil
}

// retPos is a top-level return in the module input: esbuild's 1-based line
// and 0-based byte column.
type retPos struct {
	line, col int
	bare      bool // no value: it became "throw 0"
	u16col    int  // its column in UTF-16 units
}

// returnsToThrows rewrites each top-level return (at esbuild's positions)
// into a throw of the same value, which an ES module may hold: "return x"
// becomes "throw  x" (same length), a bare "return" becomes "throw 0" (one
// character more, recorded as a shift of the rest of its line). The
// positions returned are those of the throws in the rewritten input.
func returnsToThrows(input string, rets []retPos) (string, []retPos, map[int][]shift) {
	lineStart := []int{0}
	for i := 0; i < len(input); i++ {
		if input[i] == '\n' {
			lineStart = append(lineStart, i+1)
		}
	}
	sort.Slice(rets, func(i, j int) bool {
		return rets[i].line < rets[j].line || rets[i].line == rets[j].line && rets[i].col < rets[j].col
	})
	shifts := map[int][]shift{}
	var b strings.Builder
	var kept []retPos
	done := 0     // bytes of input copied to b
	lineGrow := 0 // bytes added so far on the current line
	curLine := 0
	for _, r := range rets {
		if r.line < 1 || r.line > len(lineStart) {
			continue
		}
		ls := lineStart[r.line-1]
		off := ls + r.col
		if off < done || !strings.HasPrefix(input[off:], "return") {
			continue
		}
		if r.line != curLine {
			curLine, lineGrow = r.line, 0
		}
		rest := strings.TrimLeft(input[off+len("return"):], " \t")
		r.bare = rest == "" || strings.IndexByte(";}\r\n", rest[0]) >= 0 || strings.HasPrefix(rest, "//") || strings.HasPrefix(rest, "/*")
		// Its column in the rewritten input (earlier bare returns on the
		// line grew it).
		r.u16col = utf16Len(input[ls:off]) + lineGrow
		b.WriteString(input[done:off])
		if r.bare {
			b.WriteString("throw 0")
			// The user's line is esbuild's line - 1 (the mark).
			shifts[r.line-1] = append(shifts[r.line-1], shift{col: r.u16col + len("throw 0"), delta: 1})
			lineGrow++
		} else {
			b.WriteString("throw ")
		}
		done = off + len("return")
		kept = append(kept, r)
	}
	b.WriteString(input[done:])
	return b.String(), kept, shifts
}

// throwsToReturns finds, in the output, the throws that were returns (by
// the source map: a throw statement that maps to a return's position) and
// writes them back as returns.
func (o *Output) throwsToReturns(rets []retPos) *SyntaxError {
	fail := &SyntaxError{Message: topLevelReturn + " that esbuild could transform", Line: 1, Column: 1}
	o.load()
	if o.smap == nil {
		return fail
	}
	want := map[[2]int]retPos{}
	for _, r := range rets {
		want[[2]int{r.line, r.u16col}] = r
	}
	lines := strings.Split(o.JS, "\n")
	found := 0
	o.outShift = map[int][]shift{}
	for i := o.helperLines; i < len(lines); i++ {
		l := lines[i]
		grow := 0 // UTF-16 units added on this line so far
		for from := 0; from < len(l); {
			k := strings.Index(l[from:], "throw ")
			if k < 0 {
				break
			}
			k += from
			from = k + 1
			if k > 0 && (isIdentByte(l[k-1]) || l[k-1] == '.') {
				continue
			}
			col := utf16Len(l[:k]) // in the line as rewritten so far
			genLine := o.bodyLine + (i - o.helperLines)
			_, _, sl, sc, ok := o.smap.Source(genLine, col-grow)
			key := [2]int{sl, sc}
			r, hit := want[key]
			if !ok || !hit {
				continue
			}
			delete(want, key)
			found++
			if r.bare && strings.HasPrefix(l[k:], "throw 0") {
				l = l[:k] + "return" + l[k+len("throw 0"):]
				o.outShift[i+1] = append(o.outShift[i+1], shift{col: col + len("return"), delta: -1})
				grow--
			} else {
				l = l[:k] + "return " + l[k+len("throw "):]
				o.outShift[i+1] = append(o.outShift[i+1], shift{col: col + len("return "), delta: 1})
				grow++
			}
		}
		lines[i] = l
	}
	if found != len(rets) {
		return fail
	}
	o.JS = strings.Join(lines, "\n")
	return nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func (o *Output) load() {
	o.once.Do(func() {
		o.smap, _ = sourcemap.Parse("code.js.map", o.rawMap)
	})
}

// Position maps a 1-based line and column in JS back to the code the user
// wrote. ok is false when the position is in esbuild's helpers or cannot
// be mapped.
func (o *Output) Position(line, column int) (userLine, userColumn int, ok bool) {
	if line <= o.helperLines || line < 1 {
		return 0, 0, false
	}
	o.load()
	if o.smap == nil {
		return 0, 0, false
	}
	genLine := o.bodyLine + (line - o.helperLines - 1)
	genCol := column - 1
	// Shifts on a line are in order, each at a column of the text as the
	// ones before it left it: undo them from the last.
	if ss := o.outShift[line]; len(ss) > 0 {
		for i := len(ss) - 1; i >= 0; i-- {
			if genCol >= ss[i].col {
				genCol -= ss[i].delta
			}
		}
	}
	if genCol < 0 {
		genCol = 0
	}
	_, _, sl, sc, found := o.smap.Source(genLine, genCol)
	if !found || sl < 2 {
		return 0, 0, false
	}
	if sl-1 > o.codeLines {
		// The wrapper's closing brace: the end of the code.
		return o.codeLines, o.lastCols + 1, true
	}
	if ss := o.srcShift[sl-1]; len(ss) > 0 {
		for i := len(ss) - 1; i >= 0; i-- {
			if sc >= ss[i].col {
				sc -= ss[i].delta
			}
		}
	}
	return sl - 1, sc + 1, true
}

// EndOfInput is the message of a syntax error found where the code ended
// too early (at the wrapper's closing brace).
const EndOfInput = "Unexpected end of input"

// toSyntaxError positions esbuild's first error in the user's code.
func toSyntaxError(m api.Message, code string) *SyntaxError {
	e := &SyntaxError{Message: m.Text, Line: 1, Column: 1}
	if m.Location == nil {
		return e
	}
	e.Line = m.Location.Line - 1 // the wrapper's head (or the module mark) is line 1
	userLines := strings.Count(code, "\n") + 1
	if e.Line < 1 {
		e.Line = 1
	}
	if e.Line > userLines {
		// Found at the wrapper's closing brace: the code ended too early.
		e.Message = EndOfInput
		e.Line = userLines
		last := code[strings.LastIndexByte(code, '\n')+1:]
		e.Column = utf16Len(last) + 1
		return e
	}
	// esbuild's column counts bytes of the line; ours counts UTF-16 units.
	lineText := m.Location.LineText
	col := m.Location.Column
	if col > len(lineText) {
		col = len(lineText)
	}
	e.Column = utf16Len(lineText[:col]) + 1
	return e
}

func utf16Len(s string) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		n += len(utf16.AppendRune(nil, r))
	}
	return n
}
