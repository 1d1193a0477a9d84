package service

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"codexec/audit"
	"codexec/internal/testutil"
	"codexec/result"
)

func openRecorder(t *testing.T, cfg audit.Config) *audit.Recorder {
	t.Helper()
	if cfg.DataDir == "" {
		cfg.DataDir = t.TempDir()
	}
	rec, err := audit.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = rec.Close(context.Background()) })
	return rec
}

// Every execution is recorded, refused ones too, with what the caller got.
func TestExecuteRecords(t *testing.T) {
	rec := openRecorder(t, audit.Config{})
	s, err := New(Options{RunnerPath: testutil.Runner(t), Recorder: rec})
	if err != nil {
		t.Fatal(err)
	}
	reqs := []Request{
		{Code: "console.log('hi'); return {a: {'x.y': 1, $z: [1, 2]}}", AgentID: "agent-1", ChannelID: "c1"},
		{Code: "throw new Error('bad')", AgentID: "agent-1"},
		{Code: "return 1", TimeoutMs: 99999, AgentID: "agent-1"},
		{Code: "for (;;) {}", TimeoutMs: 50, AgentID: "agent-2", Language: "javascript"},
	}
	var results []result.Result
	for _, r := range reqs {
		results = append(results, s.Execute(context.Background(), r, nil))
	}
	if err := rec.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i, res := range results {
		got, err := rec.Get(context.Background(), res.ID)
		if err != nil {
			t.Fatalf("record of %s (%s): %v", res.ID, res.Status, err)
		}
		if got.Status != res.Status || got.Success != res.Success || got.AgentID != reqs[i].AgentID ||
			got.CodeHash != res.CodeHash || got.CodeLength != len(reqs[i].Code) {
			t.Errorf("record %+v does not match result %+v", got, res)
		}
		var a, b any
		_ = json.Unmarshal(got.Output, &a)
		_ = json.Unmarshal(res.Output, &b)
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("recorded output %s, result output %s", got.Output, res.Output)
		}
	}
	if got, _ := rec.Get(context.Background(), results[0].ID); got.ChannelID != "c1" || len(got.Logs) != 1 {
		t.Errorf("record = %+v, want channel c1 and one log", got)
	}
	if got, _ := rec.Get(context.Background(), results[1].ID); got.ChannelID != DefaultChannelID {
		t.Errorf("record channel = %q, want the default", got.ChannelID)
	}
}

// When the audit trail cannot take a record, nothing runs.
func TestExecuteRefusedWhenAuditFull(t *testing.T) {
	rec := openRecorder(t, audit.Config{MaxOutboxBytes: 1 << 20, SegmentBytes: 64 << 10, MongoURI: "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200&connectTimeoutMS=200", ServerSelectionTimeout: 200e6})
	s, err := New(Options{RunnerPath: testutil.Runner(t), Recorder: rec})
	if err != nil {
		t.Fatal(err)
	}
	var res result.Result
	for i := 0; i < 20; i++ { // fill the outbox past its (tiny) cap
		res = s.Execute(context.Background(), Request{Code: "return 'x'.repeat(300000)"}, nil)
		if res.Status == result.Internal {
			break
		}
	}
	if res.Status != result.Internal || !strings.Contains(res.Error.Message, "execution refused") {
		t.Fatalf("result = %s %+v, want internal: execution refused", res.Status, res.Error)
	}
	if err := rec.Ready(); !errors.Is(err, audit.ErrOutboxFull) {
		t.Errorf("Ready() = %v, want ErrOutboxFull", err)
	}
}
