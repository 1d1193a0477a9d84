package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codexec/internal/testutil"
)

// runWithEnv runs the supervisor in-process with env as its whole
// environment (besides the runner, and no daemon).
func runWithEnv(t *testing.T, env map[string]string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	runner := testutil.Runner(t)
	st := &State{
		Args: args, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			switch k {
			case "CODEXEC_RUNNER":
				return runner
			case "CODEXEC_SOCKET":
				return "off"
			}
			return env[k]
		},
		Executable: os.Executable,
	}
	code = Execute(st)
	return code, out.String(), errb.String()
}

// The host id a record carries is --host-id, else $CODEXEC_HOST_ID, else
// the host name; a bad one is a usage error before anything runs.
func TestRunHostID(t *testing.T) {
	dir := t.TempDir()
	hostname, _ := os.Hostname()
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"flag", nil, []string{"--host-id", "node-flag"}, "node-flag"},
		{"environment", map[string]string{envHostID: "node-env"}, nil, "node-env"},
		{"flag over environment", map[string]string{envHostID: "node-env"}, []string{"--host-id", "node-both"}, "node-both"},
		{"host name", nil, nil, hostname},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"run", "-", "--json", "--data-dir", dir}, tt.args...)
			code, out, errs := runWithEnv(t, tt.env, "return 1", args...)
			if code != 0 {
				t.Fatalf("run: exit %d: %s", code, errs)
			}
			var res struct{ ID string }
			if err := json.Unmarshal([]byte(out), &res); err != nil || res.ID == "" {
				t.Fatalf("run printed %s (%v)", out, err)
			}
			code, out, errs = runWithEnv(t, nil, "", "show", res.ID, "--json", "--data-dir", dir)
			if code != 0 {
				t.Fatalf("show: exit %d: %s", code, errs)
			}
			var rec struct {
				HostID *string `json:"hostId"`
			}
			if err := json.Unmarshal([]byte(out), &rec); err != nil || rec.HostID == nil || *rec.HostID != tt.want {
				t.Errorf("the record's hostId: %s; want %q", out, tt.want)
			}
		})
	}
	for _, bad := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"--host-id", "two words"}, "--host-id (or $CODEXEC_HOST_ID): invalid host id: two words contains ' ' (U+0020)"},
		{map[string]string{envHostID: strings.Repeat("h", 300)}, nil, "300 characters, over 253"},
		{nil, []string{"--host-id", "evil\x1b]0;x\x07"}, `evil\u001b]0;x\u0007 contains U+001B`},
	} {
		empty := t.TempDir()
		code, _, errs := runWithEnv(t, bad.env, "return 1", append([]string{"run", "-", "--data-dir", empty}, bad.args...)...)
		if code != 2 || !strings.Contains(errs, bad.want) || strings.Contains(errs, "\x1b") {
			t.Errorf("run %v (env %v): exit %d, %q; want 2 and %q", bad.args, bad.env, code, errs, bad.want)
		}
		if segs, _ := filepath.Glob(filepath.Join(empty, "outbox", "*.seg")); len(segs) != 0 {
			t.Errorf("a refused run left records: %v", segs)
		}
	}
}
