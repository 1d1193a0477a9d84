package result

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestExitCodes(t *testing.T) {
	want := map[Status]int{OK: 0, Error: 1, Blocked: 3, Invalid: 3, Timeout: 4, Memory: 5, OutputLimit: 6, Internal: 70, Cancelled: 130}
	for _, s := range Statuses {
		if got := s.ExitCode(); got != want[s] {
			t.Errorf("%q.ExitCode() = %d, want %d", s, got, want[s])
		}
	}
	if Status("bogus").Valid() {
		t.Error(`Status("bogus").Valid() = true`)
	}
}

func TestResultJSONShape(t *testing.T) {
	var r Result
	r.Status = OK
	r.Normalize()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, key := range []string{`"id"`, `"success":true`, `"status":"ok"`, `"output":null`, `"logs":[]`, `"error":null`,
		`"executionTime"`, `"resourceUsage":{"memory":0,"timeout":false,"cpuTime":0}`, `"validation":{"riskScore":0,"findings":[]}`,
		`"language"`, `"codeHash"`} {
		if !strings.Contains(s, key) {
			t.Errorf("result JSON %s lacks %s", s, key)
		}
	}
}
