package detect

import (
	"encoding/json"
	"strings"
	"testing"

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
		{"channel bad char", func(p *Params) { p.ChannelID = "x\n" }, "channelId", `'\n'`},
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
