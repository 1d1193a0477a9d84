package service

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"codexec/audit"
	"codexec/internal/testutil"
	"codexec/result"
)

// A context number beyond a double's range is an invalid request, refused
// before any runner starts (it was an internal error from the runner).
func TestExecuteContextOutOfRange(t *testing.T) {
	rec := openRecorder(t, audit.Config{})
	s, err := New(Options{RunnerPath: testutil.Runner(t), Recorder: rec})
	if err != nil {
		t.Fatal(err)
	}
	res := s.Execute(context.Background(), Request{Code: "return context.n", Context: json.RawMessage(`{"n": 1e400}`)}, nil)
	if res.Status != result.Invalid || res.Error == nil || !strings.Contains(res.Error.Message, "context: the number 1e400 is out of range") {
		t.Fatalf("result = %s %+v, want invalid: context out of range", res.Status, res.Error)
	}
	if res := s.Execute(context.Background(), Request{Code: "return context.n", Context: json.RawMessage(`{"n": 1e308}`)}, nil); res.Status != result.OK || string(res.Output) != "1e+308" {
		t.Errorf("a large number in range: %s %s %+v", res.Status, res.Output, res.Error)
	}
}
