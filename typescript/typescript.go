// Package typescript turns the TypeScript an agent submits into the
// JavaScript the runner executes, with esbuild's transform API (types are
// stripped, nothing is type-checked), and maps positions in that JavaScript
// back to the TypeScript the user wrote.
//
// The code is a function body (it may return and await at top level), which
// esbuild cannot parse on its own: a top-level return is only allowed in
// CommonJS and a top-level await only in ES modules. So the body is wrapped
// in an async function for the transform and unwrapped afterwards.
//
// # Concurrency
//
// Strip may be called from any number of goroutines; an *Output is
// read-only after Strip returns.
package typescript

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/go-sourcemap/sourcemap"
)

const (
	wrapperName = "__codexec_body"
	wrapperHead = "async function " + wrapperName + "(context: any) {\n"
	sourceFile  = "code.ts"
)

// SyntaxError is TypeScript esbuild could not parse, positioned in the
// user's code (1-based line and column).
type SyntaxError struct {
	Message string
	Line    int
	Column  int
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("SyntaxError: %s (line %d, column %d)", e.Message, e.Line, e.Column)
}

// Output is the JavaScript made from one TypeScript body.
type Output struct {
	JS string // the function body to run

	helperLines int    // lines of esbuild helpers at the top of JS
	bodyLine    int    // 1-based line of the body's first line in esbuild's output
	rawMap      []byte // esbuild's source map of its whole output
	codeLines   int    // lines of the TypeScript as submitted
	lastCols    int    // UTF-16 length of its last line

	once sync.Once
	smap *sourcemap.Consumer
}

// Strip converts a TypeScript function body into a JavaScript one.
func Strip(code string) (*Output, error) {
	res := api.Transform(wrapperHead+code+"\n}", api.TransformOptions{
		Loader:     api.LoaderTS,
		Target:     api.ESNext,
		Format:     api.FormatDefault,
		Sourcemap:  api.SourceMapExternal,
		Sourcefile: sourceFile,
		Charset:    api.CharsetUTF8,
		LogLevel:   api.LogLevelSilent,
		// The code's own source map comments are not followed.
		LegalComments: api.LegalCommentsNone,
	})
	if len(res.Errors) > 0 {
		return nil, toSyntaxError(res.Errors[0], code)
	}
	lines := strings.Split(strings.TrimRight(string(res.Code), "\n"), "\n")
	head := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "async function "+wrapperName+"(context) {") {
			head = i
			break
		}
	}
	if head < 0 || len(lines) < head+2 || lines[len(lines)-1] != "}" {
		return nil, &SyntaxError{Message: "the code must be the body of one function; it closes that function early (unbalanced braces)", Line: 1, Column: 1}
	}
	codeLines := strings.Count(code, "\n") + 1
	lastCols := utf16Len(code[strings.LastIndexByte(code, '\n')+1:])
	if strings.HasSuffix(lines[head], "}") {
		// An empty body: esbuild prints "async function f(context) {\n}".
		return &Output{JS: strings.Join(lines[:head], "\n"), helperLines: head, bodyLine: head + 2, rawMap: res.Map,
			codeLines: codeLines, lastCols: lastCols}, nil
	}
	helpers := lines[:head]
	body := lines[head+1 : len(lines)-1]
	js := strings.Join(append(append([]string{}, helpers...), body...), "\n")
	return &Output{JS: js, helperLines: len(helpers), bodyLine: head + 2, rawMap: res.Map,
		codeLines: codeLines, lastCols: lastCols}, nil
}

// Position maps a 1-based line and column in JS back to the TypeScript the
// user wrote. ok is false when the position is in esbuild's helpers or
// cannot be mapped.
func (o *Output) Position(line, column int) (tsLine, tsColumn int, ok bool) {
	if line <= o.helperLines || line < 1 {
		return 0, 0, false
	}
	o.once.Do(func() {
		o.smap, _ = sourcemap.Parse("code.js.map", o.rawMap)
	})
	if o.smap == nil {
		return 0, 0, false
	}
	genLine := o.bodyLine + (line - o.helperLines - 1)
	genCol := column - 1
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
	return sl - 1, sc + 1, true
}

// toSyntaxError positions esbuild's first error in the user's code.
func toSyntaxError(m api.Message, code string) *SyntaxError {
	e := &SyntaxError{Message: m.Text, Line: 1, Column: 1}
	if m.Location == nil {
		return e
	}
	e.Line = m.Location.Line - 1 // the wrapper's head is line 1
	userLines := strings.Count(code, "\n") + 1
	if e.Line < 1 {
		e.Line = 1
	}
	if e.Line > userLines {
		// Found at the wrapper's closing brace: the code ended too early.
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
