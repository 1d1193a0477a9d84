package schema

import (
	"testing"

	"codexec/result"
)

func TestCounts(t *testing.T) {
	s := AgentStats{
		Languages: map[string]int64{"typescript": 2, "javascript": 5},
		Statuses:  map[result.Status]int64{result.Timeout: 1, result.OK: 4, result.Error: 1},
	}
	if got, want := s.LanguageCounts(), "javascript 5, typescript 2"; got != want {
		t.Errorf("LanguageCounts() = %q, want %q", got, want)
	}
	if got, want := s.StatusCounts(), "ok 4, error 1, timeout 1"; got != want {
		t.Errorf("StatusCounts() = %q, want %q (largest first, ties by name)", got, want)
	}
	if got := (AgentStats{}).StatusCounts(); got != "" {
		t.Errorf("StatusCounts() without executions = %q, want empty", got)
	}
}
