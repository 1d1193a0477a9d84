package detect

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"codexec/config"
)

func okParams() Params {
	return Params{Language: JavaScript, Code: "return 1", Context: json.RawMessage(`{"a":1}`),
		TimeoutMs: 5000, MemoryLimitMiB: 256, AgentID: "agent-1", ChannelID: "chan.main"}
}

func TestCheckParams(t *testing.T) {
	l := config.DefaultLimits()
	tests := []struct {
		name   string
		mutate func(*Params)
		field  string // "" means valid
		reason string
	}{
		{"valid", func(p *Params) {}, "", ""},
		{"empty context ok", func(p *Params) { p.Context = nil }, "", ""},
		{"typescript ok", func(p *Params) { p.Language = TypeScript }, "", ""},
		{"experimental decorators in typescript", func(p *Params) { p.Language, p.TSExperimentalDecorators = TypeScript, true }, "", ""},
		{"experimental decorators in javascript", func(p *Params) { p.TSExperimentalDecorators = true }, "tsExperimentalDecorators", "TypeScript only"},
		{"bad language", func(p *Params) { p.Language = "python" }, "language", "not supported"},
		{"empty code", func(p *Params) { p.Code = "  \n" }, "code", "empty"},
		{"code too big", func(p *Params) { p.Code = strings.Repeat("x", l.MaxCodeBytes+1) }, "code", "262144-byte limit"},
		{"code not utf8", func(p *Params) { p.Code = "return '\xff'" }, "code", "UTF-8"},
		{"context array", func(p *Params) { p.Context = json.RawMessage(`[1]`) }, "context", "JSON object"},
		{"context string", func(p *Params) { p.Context = json.RawMessage(`"x"`) }, "context", "JSON object"},
		{"context invalid", func(p *Params) { p.Context = json.RawMessage(`{"a":}`) }, "context", "not valid JSON"},
		{"context trailing", func(p *Params) { p.Context = json.RawMessage(`{} {}`) }, "context", "after the JSON object"},
		{"context truncated", func(p *Params) { p.Context = json.RawMessage(`{"a":[1,2`) }, "context", "not valid JSON"},
		{"context deep", func(p *Params) {
			p.Context = json.RawMessage(`{"a":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`)
		}, "context", "64 levels"},
		{"context too big", func(p *Params) {
			p.Context = json.RawMessage(`{"a":"` + strings.Repeat("x", l.MaxContextBytes) + `"}`)
		}, "context", "1048576-byte limit"},
		{"context number too large", func(p *Params) { p.Context = json.RawMessage(`{"a": [1, -1e309]}`) }, "context", "out of range"},
		{"context number too long", func(p *Params) { p.Context = json.RawMessage(`{"a": 1` + strings.Repeat("0", 400) + `}`) }, "context", "out of range"},
		{"context underflow is zero", func(p *Params) { p.Context = json.RawMessage(`{"a": 5e-400, "b": 1e308}`) }, "", ""},
		{"context number-like strings", func(p *Params) { p.Context = json.RawMessage(`{"a": "1e400", "b\"1e999": "x\\"}`) }, "", ""},
		{"timeout zero", func(p *Params) { p.TimeoutMs = 0 }, "timeout", "[1, 30000]"},
		{"timeout over", func(p *Params) { p.TimeoutMs = 30001 }, "timeout", "[1, 30000]"},
		{"timeout min ok", func(p *Params) { p.TimeoutMs = 1 }, "", ""},
		{"memory low", func(p *Params) { p.MemoryLimitMiB = 8 }, "memoryLimit", "[32, 1024]"},
		{"memory high", func(p *Params) { p.MemoryLimitMiB = 99999 }, "memoryLimit", "[32, 1024]"},
		{"agent empty", func(p *Params) { p.AgentID = "" }, "agentId", "empty"},
		{"agent long", func(p *Params) { p.AgentID = strings.Repeat("a", 129) }, "agentId", "limit of 128"},
		{"agent bad char", func(p *Params) { p.AgentID = "a b" }, "agentId", "' '"},
		{"channel bad char", func(p *Params) { p.ChannelID = "x\n" }, "channelId", "U+000A at character index 1"},
		{"bad language named escaped", func(p *Params) { p.Language = "js\x1b[2J\u202e" }, "language", `"js\x1b[2J\u202e" is not supported`},
		{"long language named by its start", func(p *Params) { p.Language = strings.Repeat("x", 5000) }, "language", `"` + strings.Repeat("x", 32) + `…" is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := okParams()
			tt.mutate(&p)
			err := CheckParams(p, l)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("CheckParams = %v, want ok", err)
				}
				return
			}
			if err == nil || err.Field != tt.field || !strings.Contains(err.Reason, tt.reason) {
				t.Fatalf("CheckParams = %v, want field %s with %q", err, tt.field, tt.reason)
			}
		})
	}
}

// Refused ids are named by the offending character's code point and its
// index among the id's characters, never by a raw byte.
func TestCheckIDNamesTheCharacter(t *testing.T) {
	tests := []struct {
		name, id, want string
	}{
		{"ESC", "c\x1b[31m", "contains U+001B at character index 1 (allowed: ASCII letters, digits and . _ - : @ / +)"},
		{"NUL", "ab\x00", "contains U+0000 at character index 2"},
		{"CR", "ok\rEVIL", "contains U+000D at character index 2"},
		{"right-to-left override", "a\u202eb", "contains U+202E at character index 1"},
		{"after wide characters", "éé\u202e", "contains 'é' (U+00E9) at character index 0"},
		{"index counts characters", "a-\u2066x", "contains U+2066 at character index 2"},
		{"above the BMP", "x\U000E0041", "contains U+E0041 at character index 1"},
		{"emoji", "ok😀", "contains '😀' (U+1F600) at character index 2"},
		{"space", "a b", "contains ' ' (U+0020) at character index 1"},
		{"not UTF-8", "abc\xff", "contains the byte 0xFF, which is not UTF-8, at character index 3"},
		{"half a character", "ab\xe2\x80", "contains the byte 0xE2, which is not UTF-8, at character index 2"},
		{"5,000 characters", strings.Repeat("a", 5000), "is 5000 characters, over the limit of 128"},
		{"5,000 wide characters", strings.Repeat("é", 5000), "is 5000 characters, over the limit of 128"},
		{"128 wide characters", strings.Repeat("é", 128), "contains 'é' (U+00E9) at character index 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, field := range []string{"agentId", "channelId"} {
				p := okParams()
				if field == "agentId" {
					p.AgentID = tt.id
				} else {
					p.ChannelID = tt.id
				}
				err := CheckParams(p, config.DefaultLimits())
				if err == nil || err.Field != field || !strings.Contains(err.Reason, tt.want) {
					t.Fatalf("%s %q: CheckParams = %v, want %q", field, tt.id, err, tt.want)
				}
				// The message itself is printable: nothing raw from the id.
				for _, r := range err.Error() {
					if r < 0x20 || r >= 0x7f && r < 0xa0 || r == utf8.RuneError || unicode.Is(unicode.Cf, r) {
						t.Fatalf("%s %q: the message %q holds %U", field, tt.id, err.Error(), r)
					}
				}
			}
		})
	}
	if err := CheckID("agentId", strings.Repeat("a", MaxIDLength)); err != nil {
		t.Errorf("an id of %d characters: %v", MaxIDLength, err)
	}
	if err := CheckID("agentId", "a.b_c-d:e@f/g+H9"); err != nil {
		t.Errorf("every allowed character: %v", err)
	}
}
