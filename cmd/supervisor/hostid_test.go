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

// serve refuses, before it listens, a host id or MongoDB options it cannot
// honour: out of bounds (exit 2), or the URI and the file disagreeing
// (exit 70, naming the option and both values, not the URI's password).
func TestServeRefusesBadFleetSettings(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		file string
		code int
		says string
	}{
		{`{"hostId": "node 1"}`, 2, "config: hostId: invalid host id: node 1 contains ' ' (U+0020) at character index 4"},
		{`{"mongo": {"w": 0}}`, 2, "config: mongo: invalid MongoDB option: w 0 asks for no acknowledgement"},
		{`{"mongo": {"readPreference": "fastest"}}`, 2, `readPreference "fastest" is not one of primary, primaryPreferred, secondary, secondaryPreferred, nearest`},
		{`{"mongoUri": "mongodb://codexec:s3cret@127.0.0.1:1/?w=1", "mongo": {"w": "majority"}}`, 70,
			"invalid MongoDB option: w is 1 in the URI and majority in the configuration: give it in one place"},
		{`{"mongoUri": "mongodb://127.0.0.1:1/?timeoutMS=1000", "mongo": {"timeoutMS": 5000}}`, 70, "timeoutMS is 1000 in the URI and 5000 in the configuration"},
		{`{"mongo": {"w": 2}}`, 70, "MongoDB options are set but no MongoDB URI"},
	} {
		cfg := filepath.Join(dir, "config.json")
		if err := os.WriteFile(cfg, []byte(tc.file), 0o600); err != nil {
			t.Fatal(err)
		}
		sock := filepath.Join(dir, "s.sock")
		code, _, errs := runWithEnv(t, nil, "", "serve", "--config", cfg, "--socket", sock, "--data-dir", filepath.Join(dir, "data"), "--allow-weak-isolation")
		if code != tc.code || !strings.Contains(errs, tc.says) || strings.Contains(errs, "s3cret") {
			t.Errorf("serve with %s: exit %d, %q; want %d and %q", tc.file, code, errs, tc.code, tc.says)
		}
		if _, err := os.Stat(sock); err == nil {
			t.Errorf("serve with %s listened", tc.file)
		}
	}
	// --host-id on serve, checked the same way.
	code, _, errs := runWithEnv(t, nil, "", "serve", "--host-id", "a/b", "--socket", filepath.Join(dir, "s.sock"), "--data-dir", filepath.Join(dir, "data"))
	if code != 2 || !strings.Contains(errs, "--host-id: invalid host id: a/b contains '/'") {
		t.Errorf("serve --host-id a/b: exit %d, %q", code, errs)
	}
	code, _, errs = runWithEnv(t, map[string]string{envHostID: "a b"}, "", "serve", "--socket", filepath.Join(dir, "s.sock"), "--data-dir", filepath.Join(dir, "data"))
	if code != 2 || !strings.Contains(errs, "$CODEXEC_HOST_ID: invalid host id: a b contains ' '") {
		t.Errorf("serve with CODEXEC_HOST_ID='a b': exit %d, %q", code, errs)
	}
}

// Through a daemon the daemon's host id applies: --host-id with --socket
// is a usage error for run and mcp.
func TestHostIDThroughADaemon(t *testing.T) {
	code, _, errs := runWithEnv(t, nil, "return 1", "run", "-", "--socket", "/nonexistent.sock", "--host-id", "h")
	if code != 2 || !strings.Contains(errs, "--host-id names the records of a run here: through a daemon, the daemon's host id applies") {
		t.Errorf("run --socket --host-id: exit %d, %q", code, errs)
	}
	code, _, errs = runWithEnv(t, nil, "", "mcp", "--socket", "/nonexistent.sock", "--host-id", "h")
	if code != 2 || !strings.Contains(errs, "--host-id applies in-process only") {
		t.Errorf("mcp --socket --host-id: exit %d, %q", code, errs)
	}
}
