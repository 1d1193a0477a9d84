package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"codexec/api/client"
	"codexec/audit"
	"codexec/audit/audittest"
	"codexec/audit/mongostore"
	"codexec/bus"
	"codexec/internal/testutil"
	"codexec/result"
)

// cliIn runs the supervisor in-process with the freshly built runner and
// the audit trail in dataDir (and in MongoDB when mongoEnv names a server).
func cliIn(t *testing.T, dataDir, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	runner := testutil.Runner(t)
	st := &State{
		Args:   args,
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errb,
		Getenv: func(k string) string {
			switch k {
			case "CODEXEC_RUNNER":
				return runner
			case envDataDir:
				return dataDir
			case "CODEXEC_SOCKET":
				return "off"
			}
			return mongoEnv[dataDir][k]
		},
		Executable: os.Executable,
	}
	return Execute(st), out.String(), errb.String()
}

// assertNothingRaw fails when a character that could drive a terminal or
// reorder what an operator reads reaches human output: a control (newline
// and tab aside), a format character (the bidirectional controls among
// them), a line or paragraph separator, or a byte that is not UTF-8. Every
// rune is scanned.
func assertNothingRaw(t *testing.T, what, s string) {
	t.Helper()
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r != '\n' && r != '\t' && unicode.IsControl(r) ||
			unicode.Is(unicode.Cf, r) || r == 0x2028 || r == 0x2029 {
			lo, hi := max(0, i-40), min(len(s), i+40)
			t.Errorf("%s: raw %U at byte %d: %q", what, r, i, s[lo:hi])
			return
		}
		i += n
	}
}

// mongoEnv holds, by data directory, the environment that puts a test's
// audit trail in MongoDB.
var mongoEnv = map[string]map[string]string{}

// lastID is the execution id at the end of run's summary line (the last
// one: other lines may be warnings).
func lastID(t *testing.T, stderr string) string {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if f := strings.Fields(lines[i]); len(f) > 0 && strings.Contains(lines[i], " · ") && strings.HasPrefix(f[len(f)-1], "exec_") {
			return f[len(f)-1]
		}
	}
	t.Fatalf("no execution id in %q", stderr)
	return ""
}

// Ids, logs, errors, code and outputs holding ESC, NUL, CR, U+202E and
// 5,000 characters, through the real run, history, show, failures and stats
// commands on one embedded audit trail: nothing raw reaches the human
// output, refused ids appear escaped and cut and are named as refused, and
// --json carries the exact values of valid data.
func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	for _, s := range auditStores() {
		t.Run(s.name, func(t *testing.T) {
			dir := t.TempDir()
			if s.mongo {
				env := map[string]string{envMongoURI: audittest.MongoURI(t), envMongoDB: audittest.UniqueName("codexec_hostile")}
				mongoEnv[dir] = env
				t.Cleanup(func() {
					delete(mongoEnv, dir)
					st, err := mongostore.Open(mongostore.Options{URI: env[envMongoURI], Database: env[envMongoDB]})
					if err != nil {
						t.Error(err)
						return
					}
					defer st.Close()
					_ = st.Drop(context.Background())
				})
			}
			testHostileText(t, dir)
		})
	}
}

func testHostileText(t *testing.T, dir string) {
	longAgent := strings.Repeat("\u202e", 5000)
	refused := []struct {
		name         string
		args         []string
		agent, chan_ string // as recorded
		lang         string
		rendered     []string
	}{
		{"rlo agent", []string{"--agent", "a\u202eb"}, `a\u202eb`, "default", "javascript", []string{"agentId"}},
		{"esc channel", []string{"--agent", "ok-agent", "--channel", "c\x1b[31m"}, "ok-agent", `c\u001b[31m`, "javascript", []string{"channelId"}},
		{"nul and cr", []string{"--agent", "nul\x00", "--channel", "ok\rEVIL"}, `nul\u0000`, `ok\rEVIL`, "javascript", []string{"agentId", "channelId"}},
		{"5,000 characters", []string{"--agent", longAgent, "--channel", strings.Repeat("c", 5000)},
			strings.Repeat(`\u202e`, 21) + "…", strings.Repeat("c", 127) + "…", "javascript", []string{"agentId", "channelId"}},
		{"language", []string{"--agent", "ok-agent", "--lang", "js\x1b]0;pwned\x07"}, "ok-agent", "default", `js\u001b]0;pwned\u0007`, []string{"language"}},
	}
	ids := map[string]int{}
	for i, r := range refused {
		code, out, errs := cliIn(t, dir, "return 1", append([]string{"run", "-"}, r.args...)...)
		if code != 3 || out != "" {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q; want 3", r.name, code, out, errs)
		}
		assertNothingRaw(t, r.name+": run stderr", errs)
		ids[lastID(t, errs)] = i
	}

	// Valid ids; the code writes escape sequences, a right-to-left override
	// and 5,000 characters to the console and its error, and has raw ones
	// in its source.
	src := "// \x1b[31m red \u202e reversed \r\n" +
		`console.log("\x1b[2J\u202e\r\x00ok");` + "\n" +
		`console.log("line one\nline two\r\x1b[31m");` + "\n" +
		`console.log("\u202e".repeat(5000));` + "\n" +
		`throw new Error("\x1b]0;pwned\x07\u202e" + "x".repeat(5000));`
	code, out, errs := cliIn(t, dir, src, "run", "-", "--agent", "ok-agent", "--channel", "chan:1")
	if code != 1 {
		t.Fatalf("hostile logs: exit %d\n%s%s", code, out, errs)
	}
	assertNothingRaw(t, "run stderr (logs, error)", errs)
	if !strings.Contains(errs, `[log] \u001b[2J\u202e\r\u0000ok`) || !strings.Contains(errs, "[log] line one\n    line two\\r\\u001b[31m") ||
		!strings.Contains(errs, `Error: \u001b]0;pwned\u0007\u202exxx`) {
		t.Errorf("run stderr does not show the escapes:\n%.600s", errs)
	}
	logsID := lastID(t, errs)

	// A returned string: plain output is JSON for the same value, escaped.
	value := "\x1b]0;pwned\x07\u202e\u009b\u2066 ünï 😀 \\u001b"
	code, out, errs = cliIn(t, dir, "return "+jsString(value), "run", "-", "--agent", "ok-agent")
	if code != 0 {
		t.Fatalf("hostile value: exit %d\n%s%s", code, out, errs)
	}
	assertNothingRaw(t, "run stdout", out)
	assertNothingRaw(t, "run stderr", errs)
	var got string
	if err := json.Unmarshal([]byte(out), &got); err != nil || got != value {
		t.Errorf("run's plain output %q decodes to %q, %v; want %q", out, got, err, value)
	}
	valueID := lastID(t, errs)
	code, out, _ = cliIn(t, dir, "return "+jsString(value), "run", "-", "--agent", "ok-agent", "--json")
	var res result.Result
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || json.Unmarshal(res.Output, &got) != nil || got != value {
		t.Errorf("run --json: exit %d, output %q", code, out)
	}

	// history: a table of escaped, cut cells.
	code, out, errs = cliIn(t, dir, "", "history", "--limit", "50")
	if code != 0 {
		t.Fatalf("history: exit %d: %s", code, errs)
	}
	assertNothingRaw(t, "history", out+errs)
	for _, s := range []string{`a\u202eb`, `c\u001b[31m`, `nul\u0000`, `ok\rEVIL`, `\u202e\u202e\u202e`, `js\u001b]0;…`} {
		if !strings.Contains(out, s) {
			t.Errorf("history lacks %q:\n%s", s, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(l); n > 400 {
			t.Errorf("history line of %d characters: cells are not cut", n)
		}
	}

	// history --json: exact JSON, the renderings and what they stand for.
	code, out, errs = cliIn(t, dir, "", "history", "--limit", "50", "--json")
	var recs []audit.Record
	if code != 0 || json.Unmarshal([]byte(out), &recs) != nil || len(recs) != len(refused)+3 {
		t.Fatalf("history --json: exit %d, %d records: %s %.300s", code, len(recs), errs, out)
	}
	byID := map[string]audit.Record{}
	for _, r := range recs {
		byID[r.ID] = r
	}
	for id, i := range ids {
		r, want := byID[id], refused[i]
		if r.AgentID != want.agent || r.ChannelID != want.chan_ || r.Language != want.lang || !slices.Equal(r.RenderedFields, want.rendered) {
			t.Errorf("%s: record %q %q %q %q, want %q %q %q %q", want.name, r.AgentID, r.ChannelID, r.Language, r.RenderedFields,
				want.agent, want.chan_, want.lang, want.rendered)
		}
	}
	lr := byID[logsID]
	if lr.AgentID != "ok-agent" || lr.RenderedFields != nil || len(lr.Logs) != 3 || lr.Logs[0].Message != "\x1b[2J\u202e\r\x00ok" ||
		lr.Logs[2].Message != strings.Repeat("\u202e", 5000) || !strings.HasPrefix(lr.Error.Message, "Error: \x1b]0;pwned\x07\u202exxx") ||
		!strings.HasPrefix(lr.CodeSnippet, "// \x1b[31m red \u202e reversed \r\n") {
		t.Errorf("the valid record's data is not exact: logs %.200q error %.80q snippet %.80q", lr.Logs, lr.Error, lr.CodeSnippet)
	}
	if err := json.Unmarshal(byID[valueID].Output, &got); err != nil || got != value {
		t.Errorf("recorded output %q, want %q", byID[valueID].Output, value)
	}

	// show: every record, plain and --json.
	for id, rec := range byID {
		code, out, errs := cliIn(t, dir, "", "show", id)
		if code != 0 {
			t.Fatalf("show %s: exit %d: %s", id, code, errs)
		}
		assertNothingRaw(t, "show "+id, out+errs)
		if len(rec.RenderedFields) > 0 && !strings.Contains(out, "refused: shown as the record keeps it") {
			t.Errorf("show %s does not say the id is a rendering:\n%s", id, out)
		}
		if i, ok := ids[id]; ok && refused[i].name == "5,000 characters" &&
			!strings.Contains(out, " "+strings.Repeat(`\u202e`, 21)+"…   (refused") {
			t.Errorf("show %s: the cut rendering is not shown whole:\n%.400s", id, out)
		}
		code, out, _ = cliIn(t, dir, "", "show", id, "--json")
		var r audit.Record
		if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.AgentID != rec.AgentID || string(r.Output) != string(rec.Output) ||
			!slices.Equal(r.Logs, rec.Logs) || !slices.Equal(r.RenderedFields, rec.RenderedFields) {
			t.Errorf("show %s --json differs from history --json", id)
		}
	}
	_, out, _ = cliIn(t, dir, "", "show", logsID)
	for _, s := range []string{`[log] \u001b[2J\u202e\r\u0000ok`, "  [log] line one\n      line two\\r\\u001b[31m", `error: Error: \u001b]0;pwned\u0007\u202exxx`,
		`  // \u001b[31m red \u202e reversed \r`} {
		if !strings.Contains(out, s) {
			t.Errorf("show %s lacks %q:\n%.1500s", logsID, s, out)
		}
	}
	_, out, _ = cliIn(t, dir, "", "show", valueID)
	if !strings.Contains(out, `"\u001b]0;pwned\u0007\u202e\u009b\u2066 ünï 😀 \\u001b"`) {
		t.Errorf("show %s: the output is not escaped JSON:\n%s", valueID, out)
	}

	// failures and stats, by the rendering an operator copies from a listing.
	for _, agent := range []string{"ok-agent", `a\u202eb`, `nul\u0000`, strings.Repeat(`\u202e`, 21) + "…"} {
		code, out, errs := cliIn(t, dir, "", "failures", "--agent", agent)
		if code != 0 || !strings.Contains(out, "invalid") && !strings.Contains(out, "error") {
			t.Errorf("failures --agent %q: exit %d\n%s%s", agent, code, out, errs)
		}
		assertNothingRaw(t, "failures "+agent, out+errs)
		code, out, _ = cliIn(t, dir, "", "failures", "--agent", agent, "--json")
		var fr []audit.Record
		if code != 0 || json.Unmarshal([]byte(out), &fr) != nil || len(fr) == 0 || fr[0].AgentID != agent {
			t.Errorf("failures --agent %q --json: exit %d, %d records", agent, code, len(fr))
		}
		code, out, errs = cliIn(t, dir, "", "stats", "--agent", agent)
		if code != 0 || strings.Contains(out, "executions    0") {
			t.Errorf("stats --agent %q: exit %d\n%s%s", agent, code, out, errs)
		}
		assertNothingRaw(t, "stats "+agent, out+errs)
		code, out, _ = cliIn(t, dir, "", "stats", "--agent", agent, "--json")
		var st audit.AgentStats
		if code != 0 || json.Unmarshal([]byte(out), &st) != nil || st.AgentID != agent || st.TotalExecutions == 0 {
			t.Errorf("stats --agent %q --json: exit %d %s", agent, code, out)
		}
	}
	_, out, _ = cliIn(t, dir, "", "stats", "--agent", "ok-agent")
	// The refused language counts as an execution, under no language.
	if strings.Contains(out, "pwned") || !strings.Contains(out, "executions    5") {
		t.Errorf("stats --agent ok-agent:\n%s", out)
	}

	// An error naming what the operator typed is escaped too.
	code, _, errs = cliIn(t, dir, "", "show", "exec_\x1b[31m\u202e")
	if code != 1 || !strings.Contains(errs, `no execution exec_\u001b[31m\u202e`) {
		t.Errorf("show of a hostile id: exit %d, %q", code, errs)
	}
	assertNothingRaw(t, "show error", errs)
}

// jsString is s as a JavaScript string literal (JSON is one), with the
// characters JSON leaves raw escaped too, so that the source is plain.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	var out strings.Builder
	for _, r := range string(b) {
		if r < 0x80 {
			out.WriteRune(r)
			continue
		}
		for _, u := range utf16(r) {
			out.WriteString(`\u` + strings.ToLower(strings.TrimPrefix(hex4(u), "0x")))
		}
	}
	return out.String()
}

func utf16(r rune) []rune {
	if r < 0x10000 {
		return []rune{r}
	}
	r -= 0x10000
	return []rune{0xd800 + r>>10, 0xdc00 + r&0x3ff}
}

func hex4(r rune) string {
	const h = "0123456789abcdef"
	return string([]byte{h[r>>12&15], h[r>>8&15], h[r>>4&15], h[r&15]})
}

// The event printer of `supervisor events`: ids, types, messages escaped.
func TestPrintEventEscapes(t *testing.T) {
	var out bytes.Buffer
	st := &State{Stdout: &out}
	msg := "\x1b]0;pwned\x07\u202e"
	et := 1.5
	for _, ev := range []bus.Event{
		{Type: bus.ExecutionFailed, ExecutionID: "exec_1", AgentID: "a\u202eb", ChannelID: "c\x1b[31m", Status: result.Error,
			ExecutionTime: &et, Error: &result.ErrorInfo{Message: msg}},
		{Type: bus.SecurityIssue, ExecutionID: "exec_2", AgentID: "nul\x00", ChannelID: "ok\rEVIL",
			Finding: &result.Finding{Rule: "r\u2066", Message: msg}},
		{Type: bus.ResourceLimitExceeded, ExecutionID: "exec_3", AgentID: strings.Repeat("\u202e", 5000), Resource: "memory\x1b"},
		{Type: bus.ToolCallFailed, ExecutionID: "exec_4", AgentID: "a", CallID: new(int64), Tool: "crm.find\x1b", Code: "not\u202efound", DurationMs: &et},
	} {
		ev.Timestamp = time.Now()
		printEvent(st, client.StreamEvent{Event: ev})
	}
	assertNothingRaw(t, "events", out.String())
	for _, s := range []string{`agent=a\u202eb channel=c\u001b[31m`, `agent=nul\u0000 channel=ok\rEVIL`, `rule=r\u2066`, `resource=memory\u001b`,
		`call=0 tool=crm.find\u001b code=not\u202efound time=1.50ms`} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("events output lacks %q:\n%s", s, out.String())
		}
	}
}
