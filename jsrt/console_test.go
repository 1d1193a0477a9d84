package jsrt

import (
	"strings"
	"testing"

	"codexec/ipc"
	"codexec/result"
)

// The console lines made in Go (glue.go) print as Node prints them, and
// lines that need the inspector still go through it.
func TestConsoleLines(t *testing.T) {
	tests := []struct {
		name, code string
		logs       []string
	}{
		{"primitives", "console.log('a', 1, true, false, null, undefined, 1.5e300, 0.1 + 0.2, 2 ** 53, NaN, -Infinity)",
			[]string{"log:a 1 true false null undefined 1.5e+300 0.30000000000000004 9007199254740992 NaN -Infinity"}},
		{"no arguments", "console.log()", []string{"log:"}},
		{"levels", "console.info(1); console.warn(2); console.error(3); console.debug(4); console.dirxml(5)",
			[]string{"info:1", "warn:2", "error:3", "debug:4", "log:5"}},
		{"minus zero", "console.log(-0); console.log('x', -0)", []string{"log:-0", "log:x -0"}},
		{"format string", "console.log('%s!', 'a'); console.log('100%'); console.log('a', '%s', 'b')",
			[]string{"log:a!", "log:100%", "log:a %s b"}},
		{"objects", "console.log('o', { a: [1] }, 2n, Symbol('s'))", []string{"log:o { a: [ 1 ] } 2n Symbol(s)"}},
		{"lone surrogate", `console.log('\uD800x', 'y')`, []string{"log:\uFFFDx y"}},
		{"group", "console.group('g'); console.log('a\\nb'); console.group(); console.log({ c: 1 }); console.groupEnd(); console.groupEnd(); console.groupEnd(); console.log('c')",
			[]string{"log:g", "log:  a\n  b", "log:    { c: 1 }", "log:c"}},
		{"extras after a line", "console.log(1); console.count(); console.count(); console.table([{ a: 1 }]); console.assert(false, 'no')",
			[]string{"log:1", "log:default: 1", "log:default: 2",
				"log:┌─────────┬───┐\n│ (index) │ a │\n├─────────┼───┤\n│ 0       │ 1 │\n└─────────┴───┘", "warn:Assertion failed: no"}},
		{"extras indented", "console.group('g'); console.count('k'); console.groupEnd()", []string{"log:g", "log:  k: 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, logs := runCode(t, tt.code)
			if res.Status != result.OK {
				t.Fatalf("status %s: %+v", res.Status, res.Error)
			}
			var got []string
			for _, l := range logs {
				got = append(got, l.level+":"+l.msg)
			}
			if strings.Join(got, "\n---\n") != strings.Join(tt.logs, "\n---\n") {
				t.Errorf("logs =\n%q\nwant\n%q", got, tt.logs)
			}
		})
	}
}

// console's methods, queueMicrotask and structuredClone are named
// functions without a prototype, as in Node (console.groupCollapsed is a
// function of its own there too).
func TestGlueFunctions(t *testing.T) {
	res, _ := runCode(t, `return [console.log.name, console.log.length, console.table.name, console.groupCollapsed.name,
		Object.keys(console).join(), queueMicrotask.name, queueMicrotask.length, structuredClone.name, structuredClone.length,
		'prototype' in console.log, Object.getOwnPropertyDescriptor(globalThis, 'console').enumerable]`)
	want := `["log",0,"table","groupCollapsed","log,info,warn,error,debug,dirxml,trace,dir,table,assert,count,countReset,time,timeLog,timeEnd,group,groupEnd,groupCollapsed","queueMicrotask",1,"structuredClone",1,false,false]`
	if res.Status != result.OK || string(res.Output) != want {
		t.Fatalf("got %s %s %+v, want %s", res.Status, res.Output, res.Error, want)
	}
	for code, msg := range map[string]string{
		"structuredClone()":     "TypeError: Failed to execute 'structuredClone': 1 argument required, but only 0 present.",
		"queueMicrotask('x')":   `TypeError: The "callback" argument must be of type function`,
		"structuredClone(f=>f)": "DataCloneError",
	} {
		res, _ := runCode(t, code)
		if res.Status != result.Error || res.Error == nil || !strings.Contains(res.Error.Message, msg) {
			t.Errorf("%s: %s %+v, want an error containing %q", code, res.Status, res.Error, msg)
		}
	}
}

// A console line of plain strings past the log cap stops the job without
// the line being made.
func TestConsoleCapsBeforeConverting(t *testing.T) {
	res, logs := runCode(t, "console.log('x'.repeat(1 << 20), 'y')", func(j *ipc.Job) { j.MaxLogBytes = 1000 })
	if res.Status != result.OutputLimit || len(logs) != 0 {
		t.Fatalf("got %s %+v, %d lines; want output_limit and none", res.Status, res.Error, len(logs))
	}
	res, logs = runCode(t, "console.log(1); console.log(2); return 3", func(j *ipc.Job) { j.MaxLogLines = 1 })
	if res.Status != result.OutputLimit || len(logs) != 1 || !strings.Contains(res.Error.Message, "maxLogLines") {
		t.Fatalf("got %s %+v, %d lines; want output_limit after one line", res.Status, res.Error, len(logs))
	}
}
