package service

import (
	"context"
	"io"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"codexec/audit"
	"codexec/bus"
	"codexec/detect"
	"codexec/internal/testutil"
	"codexec/metrics"
	"codexec/result"
)

// rawControl is the first character of s that must never be kept or shown
// raw (a control, a format character such as the bidirectional controls, a
// line or paragraph separator, a byte that is not UTF-8), or -1.
func rawControl(s string) rune {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == 0x2028 || r == 0x2029 {
			return r
		}
		i += n
	}
	return -1
}

// Requests refused for their ids, through a real service into the embedded
// store: the records keep renderings, cut at 128 characters, and say which
// fields they rendered; the events carry the same renderings; the language
// label of the metrics stays bounded. Valid ids, and what code wrote, are
// kept exactly.
func TestRefusedIDsAreRendered(t *testing.T) {
	if detect.MaxIDLength != audit.MaxIDChars {
		t.Fatalf("detect.MaxIDLength %d, audit.MaxIDChars %d: one bound", detect.MaxIDLength, audit.MaxIDChars)
	}
	rec := openRecorder(t, audit.Config{})
	b := bus.New()
	sub := b.Subscribe(1000)
	defer sub.Close()
	m := metrics.New(metrics.Gauges{})
	s, err := New(Options{RunnerPath: testutil.Runner(t), Recorder: rec, Bus: b, Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("\u202e", 5000)
	tests := []struct {
		name                     string
		req                      Request
		agent, channel, language string // as recorded
		rendered                 []string
		errorHas                 string
	}{
		{"ESC in the channel", Request{Code: "return 1", ChannelID: "c\x1b[31m"},
			DefaultAgentID, `c\u001b[31m`, "javascript", []string{"channelId"}, "channelId: contains U+001B at character index 1"},
		{"right-to-left override in the agent", Request{Code: "return 1", AgentID: "a\u202eb"},
			`a\u202eb`, DefaultChannelID, "javascript", []string{"agentId"}, "agentId: contains U+202E at character index 1"},
		{"NUL and CR", Request{Code: "return 1", AgentID: "nul\x00", ChannelID: "ok\rEVIL"},
			`nul\u0000`, `ok\rEVIL`, "javascript", []string{"agentId", "channelId"}, "agentId: contains U+0000 at character index 3"},
		{"5,000 characters", Request{Code: "return 1", AgentID: long, ChannelID: strings.Repeat("c", 5000)},
			strings.Repeat(`\u202e`, 21) + "…", strings.Repeat("c", 127) + "…", "javascript", []string{"agentId", "channelId"}, "agentId: is 5000 characters, over the limit of 128"},
		{"not UTF-8", Request{Code: "return 1", AgentID: "bad\xff"},
			`bad\xff`, DefaultChannelID, "javascript", []string{"agentId"}, "agentId: contains the byte 0xFF, which is not UTF-8, at character index 3"},
		{"a language of escapes", Request{Code: "return 1", Language: "js\x1b]0;pwned\x07", AgentID: "agent-ok"},
			"agent-ok", DefaultChannelID, `js\u001b]0;pwned\u0007`, []string{"language"}, `language: "js\x1b]0;pwned\a" is not supported`},
		// Refused for its timeout first: the bad id is rendered all the same.
		{"refused for something else", Request{Code: "return 1", TimeoutMs: 99999, AgentID: "x\u2066y"},
			`x\u2066y`, DefaultChannelID, "javascript", []string{"agentId"}, "timeout: 99999 ms"},
		{"printable but refused", Request{Code: "return 1", AgentID: `a b\c`},
			`a b\\c`, DefaultChannelID, "javascript", []string{"agentId"}, "agentId: contains ' ' (U+0020) at character index 1"},
	}
	ids := map[string]int{}
	var results []result.Result
	for i, tt := range tests {
		res := s.Execute(context.Background(), tt.req, nil)
		if res.Status != result.Invalid || res.Error == nil || !strings.Contains(res.Error.Message, tt.errorHas) {
			t.Fatalf("%s: %s %+v, want invalid with %q", tt.name, res.Status, res.Error, tt.errorHas)
		}
		ids[res.ID] = i
		results = append(results, res)
	}
	// Valid ids; the code writes escape sequences in its logs, error and
	// output: kept exactly (the human outputs escape them, see
	// cmd/supervisor).
	valid := s.Execute(context.Background(), Request{Code: `console.log("\x1b[2J\u202e"); throw new Error("\x1b]0;pwned\x07")`, AgentID: "agent.1@host/x+y", ChannelID: "chan:1"}, nil)
	if valid.Status != result.Error {
		t.Fatalf("valid request: %s %+v", valid.Status, valid.Error)
	}
	if err := rec.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		got, err := rec.Get(context.Background(), results[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.AgentID != tt.agent || got.ChannelID != tt.channel || got.Language != tt.language {
			t.Errorf("%s: recorded %q %q %q, want %q %q %q", tt.name, got.AgentID, got.ChannelID, got.Language, tt.agent, tt.channel, tt.language)
		}
		if !slices.Equal(got.RenderedFields, tt.rendered) {
			t.Errorf("%s: renderedFields %q, want %q", tt.name, got.RenderedFields, tt.rendered)
		}
		for _, v := range []string{got.AgentID, got.ChannelID, got.Language, got.Error.Message} {
			if r := rawControl(v); r >= 0 {
				t.Errorf("%s: %q recorded with %U raw", tt.name, v, r)
			}
			if v != got.Error.Message && utf8.RuneCountInString(v) > audit.MaxIDChars {
				t.Errorf("%s: %q is over %d characters", tt.name, v, audit.MaxIDChars)
			}
		}
		if got.Status != result.Invalid || got.Error.Message != results[i].Error.Message {
			t.Errorf("%s: recorded %s %q", tt.name, got.Status, got.Error.Message)
		}
	}
	got, err := rec.Get(context.Background(), valid.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.AgentID != "agent.1@host/x+y" || got.ChannelID != "chan:1" || got.RenderedFields != nil ||
		len(got.Logs) != 1 || got.Logs[0].Message != "\x1b[2J\u202e" || !strings.Contains(got.Error.Message, "\x1b]0;pwned\x07") {
		t.Errorf("valid record changed: %q %q %q %+v %+v", got.AgentID, got.ChannelID, got.RenderedFields, got.Logs, got.Error)
	}
	// Queried by the rendering.
	if h, err := rec.History(context.Background(), audit.Filter{AgentID: `a\u202eb`}); err != nil || len(h) != 1 || h[0].ID != results[1].ID {
		t.Errorf("history by the rendering: %d records, %v", len(h), err)
	}
	if st, err := rec.AgentStats(context.Background(), `nul\u0000`, ""); err != nil || st.TotalExecutions != 1 || st.Statuses[result.Invalid] != 1 {
		t.Errorf("stats by the rendering: %+v, %v", st, err)
	}

	// Events: the same renderings, nothing raw.
	seen := 0
	for done := false; !done; {
		select {
		case ev := <-sub.C():
			i, ok := ids[ev.ExecutionID]
			if !ok {
				continue
			}
			seen++
			if ev.AgentID != tests[i].agent || ev.ChannelID != tests[i].channel {
				t.Errorf("%s: event %s has %q %q, want %q %q", tests[i].name, ev.Type, ev.AgentID, ev.ChannelID, tests[i].agent, tests[i].channel)
			}
		default:
			done = true
		}
	}
	if seen < len(tests) {
		t.Errorf("%d events of refused executions, want at least %d", seen, len(tests))
	}

	// The language label: one value for every refused language.
	w := httptest.NewRecorder()
	m.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(w.Result().Body)
	if !strings.Contains(string(body), `codexec_executions_total{language="other",status="invalid"} 1`) || strings.Contains(string(body), "pwned") {
		t.Errorf("metrics:\n%s", grepLines(string(body), "codexec_executions_total"))
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
