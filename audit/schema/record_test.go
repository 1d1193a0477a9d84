package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"codexec/internal/termsafe"
	"codexec/result"
)

func TestNewRecord(t *testing.T) {
	at := time.Date(2025, 1, 2, 3, 4, 5, 678_901_234, time.FixedZone("X", 3600))
	tests := []struct {
		name  string
		res   result.Result
		code  string
		check func(t *testing.T, r Record)
	}{
		{
			name: "ok",
			res: result.Result{ID: "exec_1", Success: true, Status: result.OK, Output: json.RawMessage(`{ "a" : [1, 2.50] }`),
				Logs: []result.Log{{Level: "log", Message: "hi"}}, ExecutionTime: 3.25, Language: "javascript", CodeHash: "h",
				ResourceUsage: result.ResourceUsage{Memory: 12.5, CPUTime: 1}},
			code: "return {a: [1, 2.50]}",
			check: func(t *testing.T, r Record) {
				if string(r.Output) != `{"a":[1,2.50]}` || !r.Success || r.Status != result.OK || r.MemoryUsage != 12.5 ||
					r.ExecutionTime != 3.25 || r.CodeHash != "h" || r.CodeLength != 21 || r.Error != nil || len(r.Findings) != 0 || r.Findings == nil {
					t.Errorf("record: %+v", r)
				}
			},
		},
		{
			name: "blocked",
			res: result.Result{ID: "exec_2", Status: result.Blocked, Error: &result.ErrorInfo{Kind: result.Blocked, Message: "eval"},
				Validation: result.Validation{RiskScore: 1, Findings: []result.Finding{{Rule: "eval", Severity: result.SeverityBlock}}}},
			code: "eval('1')",
			check: func(t *testing.T, r Record) {
				if r.Success || r.RiskScore != 1 || len(r.Findings) != 1 || r.Error.Message != "eval" || string(r.Output) != "null" || r.Logs == nil {
					t.Errorf("record: %+v", r)
				}
			},
		},
		{
			name: "timeout, hash computed, snippet of unicode code",
			res:  result.Result{ID: "exec_3", Status: result.Timeout, ResourceUsage: result.ResourceUsage{Timeout: true}},
			code: strings.Repeat("é", 600),
			check: func(t *testing.T, r Record) {
				sum := sha256.Sum256([]byte(strings.Repeat("é", 600)))
				if !r.TimeoutOccurred || r.CodeLength != 600 || utf8.RuneCountInString(r.CodeSnippet) != SnippetChars ||
					r.CodeHash != hex.EncodeToString(sum[:]) {
					t.Errorf("record: length %d, snippet %d characters, hash %q", r.CodeLength, utf8.RuneCountInString(r.CodeSnippet), r.CodeHash)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRecord(tt.res, Origin{AgentID: "a", ChannelID: "c", Code: tt.code}, at)
			if !r.ExecutedAt.Equal(time.Date(2025, 1, 2, 2, 4, 5, 678_000_000, time.UTC)) || r.ExecutedAt.Location() != time.UTC {
				t.Errorf("executedAt = %v, want UTC, milliseconds", r.ExecutedAt)
			}
			if r.AgentID != "a" || r.ChannelID != "c" || r.ID != tt.res.ID {
				t.Errorf("identity: %q %q %q", r.ID, r.AgentID, r.ChannelID)
			}
			if err := r.Validate(); err != nil {
				t.Error(err)
			}
			tt.check(t, r)
		})
	}
}

// The record owns its data: changing the result afterwards changes nothing.
func TestNewRecordCopies(t *testing.T) {
	res := result.Result{ID: "x", Status: result.Error, Output: json.RawMessage(`[1]`),
		Logs: []result.Log{{Level: "log", Message: "a"}}, Error: &result.ErrorInfo{Message: "m"}}
	r := NewRecord(res, Origin{}, time.Now())
	res.Output[1] = '2'
	res.Logs[0].Message = "b"
	res.Error.Message = "n"
	if string(r.Output) != "[1]" || r.Logs[0].Message != "a" || r.Error.Message != "m" {
		t.Errorf("record changed with the result: %s %v %v", r.Output, r.Logs, r.Error)
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		code string
		want int // characters
	}{
		{"", 0},
		{"abc", 3},
		{strings.Repeat("x", 500), 500},
		{strings.Repeat("x", 501), 500},
		{strings.Repeat("😀", 700), 500},
	}
	for _, tt := range tests {
		got := Snippet(tt.code)
		if n := utf8.RuneCountInString(got); n != tt.want || !strings.HasPrefix(tt.code, got) {
			t.Errorf("Snippet(%d characters) has %d characters, want %d", utf8.RuneCountInString(tt.code), n, tt.want)
		}
	}
}

func TestNormalizeOutput(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "null"},
		{"blank", "  ", "null"},
		{"compacted", "{ \"a\" : 1 }", `{"a":1}`},
		{"numbers kept", `[1.0,1e400,-0,123456789012345678901234567890]`, `[1.0,1e400,-0,123456789012345678901234567890]`},
		{"not JSON kept as a string", `{"a":`, `"{\"a\":"`},
		{"invalid UTF-8 replaced", "\"a\xffb\"", `"a` + "\uFFFD" + `b"`},
	}
	for _, tt := range tests {
		r := Record{Output: json.RawMessage(tt.in)}
		r.Normalize()
		if string(r.Output) != tt.want {
			t.Errorf("%s: Normalize(%q) = %s, want %s", tt.name, tt.in, r.Output, tt.want)
		}
		again := r
		again.Normalize()
		if string(again.Output) != string(r.Output) {
			t.Errorf("%s: Normalize is not idempotent: %s then %s", tt.name, r.Output, again.Output)
		}
	}
}

func TestNormalizeStrings(t *testing.T) {
	r := Record{AgentID: "a\xff", Logs: []result.Log{{Level: "log", Message: "x\xfe"}}, Error: &result.ErrorInfo{Message: "\xc3"},
		CodeSnippet: "s\xff", ChannelID: strings.Repeat("c", 5000)}
	r.Normalize()
	for _, s := range []string{r.AgentID, r.Logs[0].Message, r.Error.Message, r.CodeSnippet, r.ChannelID} {
		if !utf8.ValidString(s) {
			t.Errorf("%q is not UTF-8", s)
		}
	}
	if n := utf8.RuneCountInString(r.ChannelID); n != MaxIDChars || !strings.HasSuffix(r.ChannelID, "…") {
		t.Errorf("a 5000-character channel id kept %d characters (%q), want %d ending in …", n, r.ChannelID, MaxIDChars)
	}
	if r.AgentID != `a\xff` {
		t.Errorf("agent id a\\xff kept as %q", r.AgentID)
	}
	if !slices.Equal(r.RenderedFields, []string{FieldAgentID, FieldChannelID}) {
		t.Errorf("renderedFields = %q", r.RenderedFields)
	}
}

// Ids the request was refused for are kept as a rendering, and the record
// says so; valid ids are kept exactly. Normalize, from any builder, never
// keeps an id with a character that is not printable.
func TestRefusedIDs(t *testing.T) {
	res := result.Result{ID: "exec_1", Status: result.Invalid, Language: "js\x1b[2J"}
	res.Fail(result.Invalid, "agentId: contains U+202E at character index 1", 0, 0)
	tests := []struct {
		name                     string
		o                        Origin
		agent, channel, language string
		rendered                 []string
	}{
		{"valid ids kept as sent", Origin{AgentID: "agent.1@x/y+z", ChannelID: "c-1"}, "agent.1@x/y+z", "c-1", `js\u001b[2J`, []string{FieldLanguage}},
		{"refused ids rendered", Origin{AgentID: "a\u202eb", ChannelID: "c\x1b[31m", Refused: []string{FieldAgentID, FieldChannelID, FieldLanguage}},
			`a\u202eb`, `c\u001b[31m`, `js\u001b[2J`, []string{FieldAgentID, FieldChannelID, FieldLanguage}},
		{"refused printable id marked", Origin{AgentID: `a b\c`, ChannelID: "ok", Refused: []string{FieldAgentID}},
			`a b\\c`, "ok", `js\u001b[2J`, []string{FieldAgentID, FieldLanguage}},
		{"NUL and CR", Origin{AgentID: "a\x00", ChannelID: "ok\rEVIL", Refused: []string{FieldAgentID, FieldChannelID}},
			`a\u0000`, `ok\rEVIL`, `js\u001b[2J`, []string{FieldAgentID, FieldChannelID, FieldLanguage}},
		{"5,000 characters", Origin{AgentID: strings.Repeat("\u202e", 5000), ChannelID: strings.Repeat("c", 5000), Refused: []string{FieldAgentID, FieldChannelID}},
			strings.Repeat(`\u202e`, 21) + "…", strings.Repeat("c", 127) + "…", `js\u001b[2J`, []string{FieldAgentID, FieldChannelID, FieldLanguage}},
		{"not refused but unprintable", Origin{AgentID: "a\u2066", ChannelID: "c\xff"},
			`a\u2066`, `c\xff`, `js\u001b[2J`, []string{FieldAgentID, FieldChannelID, FieldLanguage}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRecord(res, tt.o, time.Now())
			if r.AgentID != tt.agent || r.ChannelID != tt.channel || r.Language != tt.language {
				t.Errorf("ids = %q %q %q, want %q %q %q", r.AgentID, r.ChannelID, r.Language, tt.agent, tt.channel, tt.language)
			}
			slices.Sort(r.RenderedFields)
			want := slices.Sorted(slices.Values(tt.rendered))
			if !slices.Equal(r.RenderedFields, want) {
				t.Errorf("renderedFields = %q, want %q", r.RenderedFields, want)
			}
			for _, id := range []string{r.AgentID, r.ChannelID, r.Language} {
				if utf8.RuneCountInString(id) > MaxIDChars {
					t.Errorf("%q is over %d characters", id, MaxIDChars)
				}
				for _, c := range id {
					if c < 0x20 || c >= 0x7f && c < 0xa0 || c == utf8.RuneError || unicode.Is(unicode.Cf, c) {
						t.Errorf("%q holds %U raw", id, c)
					}
				}
			}
			// Idempotent: normalizing (or shipping) again changes nothing.
			again := r
			again.Normalize()
			if again.AgentID != r.AgentID || again.ChannelID != r.ChannelID || again.Language != r.Language || !slices.Equal(again.RenderedFields, r.RenderedFields) {
				t.Errorf("Normalize changed a normalized record: %q %q %q %q", again.AgentID, again.ChannelID, again.Language, again.RenderedFields)
			}
			b, err := Marshal(&r)
			if err != nil {
				t.Fatal(err)
			}
			back, err := Unmarshal(b)
			if err != nil || !slices.Equal(back.RenderedFields, r.RenderedFields) || back.AgentID != r.AgentID {
				t.Errorf("round trip: %v %q %q", err, back.AgentID, back.RenderedFields)
			}
		})
	}
	// A record with nothing rendered has no renderedFields in its JSON.
	ok := NewRecord(result.Result{ID: "exec_2", Status: result.OK, Language: "javascript"}, Origin{AgentID: "a", ChannelID: "c"}, time.Now())
	if b, _ := Marshal(&ok); strings.Contains(string(b), "renderedFields") || ok.RenderedFields != nil {
		t.Errorf("a valid record says renderedFields: %s", b)
	}
}

// Records built under caps larger than the defaults are trimmed to fit a
// MongoDB document, and say what was left out.
func TestFit(t *testing.T) {
	line := strings.Repeat("l", 1000)
	tests := []struct {
		name      string
		logs      int
		output    int
		wantNote  string
		keepsOut  bool
		keepsLogs bool
	}{
		{"default caps fit", 1000, 1 << 20, "", true, true},
		{"many logs", 30000, 1 << 20, "logs: kept", true, false},
		{"huge output", 10, 20 << 20, "output: 20971522 bytes of JSON left out", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Record{ID: "x", Status: result.OK, ExecutedAt: time.Now()}
			for i := 0; i < tt.logs; i++ {
				r.Logs = append(r.Logs, result.Log{Level: "log", Message: line})
			}
			r.Output = json.RawMessage(`"` + strings.Repeat("o", tt.output) + `"`)
			r.Normalize()
			if r.StoredSize() > MaxRecordBytes {
				t.Errorf("stored size %d > %d", r.StoredSize(), MaxRecordBytes)
			}
			if !strings.Contains(r.Truncated, tt.wantNote) || (tt.wantNote == "") != (r.Truncated == "") {
				t.Errorf("truncated = %q, want %q", r.Truncated, tt.wantNote)
			}
			if keeps := string(r.Output) != "null"; keeps != tt.keepsOut {
				t.Errorf("output kept: %v, want %v", keeps, tt.keepsOut)
			}
			if keeps := len(r.Logs) == tt.logs; keeps != tt.keepsLogs {
				t.Errorf("logs kept: %d of %d", len(r.Logs), tt.logs)
			}
		})
	}
}

func TestFilterNormalized(t *testing.T) {
	at := time.Date(2025, 1, 1, 0, 0, 0, 1_500_000, time.UTC) // 1.5 ms
	f, err := Filter{Since: at, Until: at}.Normalized()
	if err != nil {
		t.Fatal(err)
	}
	if want := at.Add(500 * time.Microsecond); !f.Since.Equal(want) || !f.Until.Equal(want) || f.Limit != DefaultLimit {
		t.Errorf("Normalized = %+v", f)
	}
	if f, _ := (Filter{Limit: 5000}).Normalized(); f.Limit != MaxLimit {
		t.Errorf("limit 5000 became %d, want %d", f.Limit, MaxLimit)
	}
}

func TestStatsBuilder(t *testing.T) {
	b := NewStatsBuilder("a", "")
	b.AddGroup("h1", "javascript", result.OK, true, false, 3)
	b.AddGroup("", "typescript", result.Timeout, false, true, 1)
	b.AddTime(10)
	s := b.Stats()
	if s.TotalExecutions != 4 || s.Successes != 3 || s.SuccessRate != 0.75 || s.AvgTime != 2.5 || s.Timeouts != 1 ||
		s.Languages["javascript"] != 3 || s.Statuses[result.Timeout] != 1 || s.Hosts["h1"] != 3 || s.Hosts[""] != 1 {
		t.Errorf("stats: %+v", s)
	}
	if got, want := s.HostCounts(), "h1 3, (none) 1"; got != want {
		t.Errorf("HostCounts = %q, want %q", got, want)
	}
	if s := NewStatsBuilder("none", "h2").Stats(); s.SuccessRate != 0 || s.AvgTime != 0 || s.Languages == nil || s.Hosts == nil || s.HostID != "h2" {
		t.Errorf("empty stats: %+v", s)
	}
}

func TestCheckHostID(t *testing.T) {
	for _, ok := range []string{"node-1", "ip-10-0-0-1.eu-west-1.compute.internal", "10.77.0.2", "fe80::1", "a_b", "H", strings.Repeat("h", MaxHostIDChars)} {
		if err := CheckHostID(ok); err != nil {
			t.Errorf("CheckHostID(%q): %v", ok, err)
		}
	}
	for _, tc := range []struct{ id, says string }{
		{"", "empty"},
		{strings.Repeat("h", MaxHostIDChars+1), "254 characters, over 253"},
		{"two words", "' ' (U+0020) at character index 3"},
		{"é", "'é' (U+00E9) at character index 0"},
		{"a\u202eb", `a\u202eb contains U+202E at character index 1`},
		{"esc\x1b[31m", `esc\u001b[31m contains U+001B at character index 3`},
		{"bad\xff", "a byte that is not UTF-8 at character index 3"},
		{"a/b", "'/' (U+002F)"},
	} {
		err := CheckHostID(tc.id)
		if !errors.Is(err, ErrInvalidHostID) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("CheckHostID(%q) = %v; want ErrInvalidHostID saying %q", tc.id, err, tc.says)
		}
		if err != nil && !termsafe.Printable(err.Error()) {
			t.Errorf("CheckHostID(%q): the message is not printable: %q", tc.id, err)
		}
	}
	hn, _ := os.Hostname()
	if h, err := DefaultHostID(); err != nil || CheckHostID(h) != nil || (CheckHostID(hn) == nil && h != hn) {
		t.Errorf("DefaultHostID = %q, %v; want the host name %q, made into a host id where it is not one", h, err, hn)
	}
}

// A record's host id survives Normalize when valid, and is rendered, once,
// when it is not printable (a record no Recorder stamped).
func TestNormalizeHostID(t *testing.T) {
	r := Record{ID: "x", HostID: "node-1", Status: result.OK, ExecutedAt: time.Now()}
	r.Normalize()
	if r.HostID != "node-1" {
		t.Errorf("valid host id became %q", r.HostID)
	}
	r.HostID = "evil\x1b[2J"
	r.Normalize()
	once := r.HostID
	r.Normalize()
	if once != `evil\u001b[2J` || r.HostID != once {
		t.Errorf("rendered host id %q, then %q", once, r.HostID)
	}
	b, err := Marshal(&r)
	if err != nil || !strings.Contains(string(b), `"hostId":`) {
		t.Errorf("Marshal: %s, %v", b, err)
	}
	old, err := Unmarshal([]byte(`{"_id":"old","status":"ok","executedAt":"2025-01-01T00:00:00Z"}`))
	if err != nil || old.HostID != "" {
		t.Errorf("a record without hostId: %q, %v", old.HostID, err)
	}
}
