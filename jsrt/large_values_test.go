package jsrt

import (
	"math"
	"runtime/debug"
	"strings"
	"testing"
	"unicode/utf8"

	"codexec/ipc"
	"codexec/result"
)

// An error of any size is the code's error, with its message cut to a
// bound: a 20 MiB message used to overflow the result frame's cap, and the
// supervisor then blamed the runner (status internal).
func TestHugeErrorMessage(t *testing.T) {
	tests := []struct {
		name, code string
		clipped    bool
	}{
		{"small", "throw new Error('m'.repeat(100))", false},
		{"at the bound", "throw new Error('m'.repeat(65536 - 7))", false},
		{"20 MiB", "throw new Error('m'.repeat(20 << 20))", true},
		{"multibyte at the cut", "throw new Error('é'.repeat(1 << 20))", true},
		// A thrown string is described as inspect shows it: cut at 10,000
		// characters, as Node's maxStringLength.
		{"uncaught in a timer", "setTimeout(() => { throw 'x'.repeat(1 << 20) }, 0)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := runCode(t, tt.code)
			if res.Status != result.Error || res.Error == nil {
				t.Fatalf("result = %s %+v, want error", res.Status, res.Error)
			}
			msg := res.Error.Message
			if len(msg) > MaxErrorMessageBytes+64 || !utf8.ValidString(msg) {
				t.Errorf("message of %d bytes (valid UTF-8 %v), want at most %d", len(msg), utf8.ValidString(msg), MaxErrorMessageBytes+64)
			}
			if clipped := strings.HasSuffix(msg, "more bytes)"); clipped != tt.clipped {
				t.Errorf("message clipped = %v, want %v (ends %q)", clipped, tt.clipped, msg[max(0, len(msg)-40):])
			}
		})
	}
}

// Large strings reach the console and error descriptions in time linear in
// their length: quoting one character at a time, or appending argument
// after argument, copied the growing string each time, and a logged 1 MiB
// string ran into the memory limit or the deadline.
func TestConsoleLargeValues(t *testing.T) {
	defer debug.SetMemoryLimit(math.MaxInt64)
	tests := []struct {
		name, code string
		status     result.Status
	}{
		{"a long string in an array", "console.log(['x'.repeat(1 << 19)]); return 1", result.OK},
		{"a long string with escapes", "console.log({s: 'a\\n'.repeat(1 << 18)}); return 1", result.OK},
		{"many arguments", "console.log(...Array.from({length: 30000}, (_, i) => 'argument ' + i)); return 1", result.OK},
		{"a long thrown string", "throw 'x'.repeat(1 << 20)", result.Error},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, logs := runCode(t, tt.code, func(j *ipc.Job) {
				j.TimeoutMs = 20000
				j.MaxLogBytes = 4 << 20
				j.HeapLimitBytes = 128 << 20
			})
			if res.Status != tt.status {
				t.Fatalf("result = %s %+v, want %s", res.Status, res.Error, tt.status)
			}
			if tt.status == result.OK && len(logs) != 1 {
				t.Errorf("%d log lines, want 1", len(logs))
			}
		})
	}
}
