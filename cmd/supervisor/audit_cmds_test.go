package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"codexec/audit"
	"codexec/audit/audittest"
	"codexec/audit/mongostore"
	"codexec/result"
)

// auditCLI runs the audit commands in-process, as Execute would once they
// are registered, with env as the whole environment.
func auditCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	st := &State{
		Args:       args,
		Stdin:      strings.NewReader(""),
		Stdout:     &out,
		Stderr:     &errb,
		Getenv:     func(k string) string { return env[k] },
		Executable: os.Executable,
	}
	root := &cobra.Command{Use: "supervisor", SilenceUsage: true, SilenceErrors: true}
	root.AddCommand(newAuditCmds(st)...)
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errb)
	err := root.Execute()
	var ee *exitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.code
		if ee.err != nil {
			fmt.Fprintln(&errb, "supervisor:", ee.err)
		}
	default:
		code = 2
		fmt.Fprintln(&errb, "supervisor:", err)
	}
	return code, out.String(), errb.String()
}

// seedBase is when the CLI tests' seeded executions start: recent enough
// to be kept by the default retention.
var seedBase = time.Now().Add(-2 * time.Hour).UTC().Truncate(time.Millisecond)

// seededAudit returns the flags of a data directory (and, with mongo, a
// MongoDB database) holding audittest.SeedAt(seedBase), each record with
// its seeded host: appended by a Recorder with that host id, as three
// supervisors sharing one store would, and the record without a host (one
// written before host ids) straight into the store.
func seededAudit(t *testing.T, mongo bool) []string {
	t.Helper()
	dir := t.TempDir()
	cfg := audit.Config{DataDir: dir, MinFreeBytes: 1 << 20}
	flags := []string{"--data-dir", dir}
	if mongo {
		cfg.MongoURI = audittest.MongoURI(t)
		cfg.MongoDB = audittest.UniqueName("codexec_cli")
		flags = append(flags, "--mongo-uri", cfg.MongoURI, "--mongo-db", cfg.MongoDB)
		t.Cleanup(func() {
			s, err := mongostore.Open(mongostore.Options{URI: cfg.MongoURI, Database: cfg.MongoDB})
			if err != nil {
				t.Error(err)
				return
			}
			defer s.Close()
			if err := s.Drop(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	byHost := map[string][]audit.Record{}
	for _, r := range audittest.SeedAt(seedBase) {
		byHost[r.HostID] = append(byHost[r.HostID], r)
	}
	for host, recs := range byHost {
		c := cfg
		c.HostID = host // "": the host name, for the record appended to the store below
		rec, err := audit.Open(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			var err error
			if host == "" {
				err = rec.Store().Append(context.Background(), r)
			} else {
				err = rec.Append(context.Background(), r)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := rec.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	return flags
}

// auditStores are the stores the CLI tests run against.
func auditStores() []struct {
	name  string
	mongo bool
} {
	out := []struct {
		name  string
		mongo bool
	}{{"embedded", false}}
	if os.Getenv(audittest.EnvURI) != "" || os.Getenv(audittest.EnvRequired) == "1" {
		out = append(out, struct {
			name  string
			mongo bool
		}{"mongodb", true})
	}
	return out
}

func TestStatsCmd(t *testing.T) {
	for _, s := range auditStores() {
		t.Run(s.name, func(t *testing.T) {
			flags := seededAudit(t, s.mongo)
			code, out, errs := auditCLI(t, nil, append([]string{"stats", "--agent", "agent-a", "--json"}, flags...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var got audit.AgentStats
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			want := audit.AgentStats{
				AgentID: "agent-a", TotalExecutions: 24, Successes: 12, SuccessRate: 0.5, AvgTime: 3.875, Timeouts: 4,
				Languages: map[string]int64{"javascript": 18, "typescript": 6},
				Statuses:  map[result.Status]int64{"ok": 12, "error": 4, "timeout": 4, "blocked": 4},
				Hosts:     map[string]int64{"host-1": 8, "host-2": 8, "host-3": 8},
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("stats --json = %+v, want %+v", got, want)
			}
			// One host.
			code, out, errs = auditCLI(t, nil, append([]string{"stats", "--agent", "agent-a", "--host", "host-1", "--json"}, flags...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			got = audit.AgentStats{}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if got.HostID != "host-1" || got.TotalExecutions != 8 || got.Timeouts != 4 || !reflect.DeepEqual(got.Hosts, map[string]int64{"host-1": 8}) {
				t.Errorf("stats --host host-1 --json = %+v", got)
			}
			code, out, errs = auditCLI(t, nil, append([]string{"stats", "--agent", "agent-a", "--host", "host-1"}, flags...)...)
			if code != 0 || !strings.Contains(out, "host          host-1\n") || !strings.Contains(out, "executions    8\n") {
				t.Errorf("stats --host host-1: exit %d\n%s%s", code, out, errs)
			}
			// A record from before host ids.
			code, out, errs = auditCLI(t, nil, append([]string{"stats", "--agent", "agent-c"}, flags...)...)
			if code != 0 || !strings.Contains(out, "hosts         (none) 1\n") {
				t.Errorf("stats of records without a host: exit %d\n%s%s", code, out, errs)
			}

			code, out, errs = auditCLI(t, nil, append([]string{"stats", "--agent", "agent-a"}, flags...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, line := range []string{"executions    24", "success rate  50.0% (12 ok)", "average time  3.88 ms", "timeouts      4",
				"languages     javascript 18, typescript 6", "statuses      ok 12, blocked 4, error 4, timeout 4",
				"hosts         host-1 8, host-2 8, host-3 8"} {
				if !strings.Contains(out, line) {
					t.Errorf("stats output lacks %q:\n%s", line, out)
				}
			}
		})
	}
}

func TestHistoryCmd(t *testing.T) {
	for _, s := range auditStores() {
		t.Run(s.name, func(t *testing.T) {
			flags := seededAudit(t, s.mongo)
			tests := []struct {
				name string
				args []string
				want []string
			}{
				{"limit", []string{"--limit", "3"}, []string{"exec_a23", "exec_a22", "exec_a21"}},
				{"agent and status", []string{"--agent", "agent-a", "--status", "timeout"}, []string{"exec_a21", "exec_a15", "exec_a09", "exec_a03"}},
				{"channel", []string{"--channel", "ch-2", "--status", "error"}, []string{"exec_a19", "exec_a13", "exec_a07", "exec_a01"}},
				{"hash", []string{"--hash", strings.ToUpper(audittest.Hash(2)), "--limit", "2"}, []string{"exec_a23", "exec_a20"}},
				{"since", []string{"--agent", "agent-a", "--since", seedBase.Add(21 * time.Minute).Format(time.RFC3339Nano)}, []string{"exec_a23", "exec_a22", "exec_a21"}},
				{"nothing", []string{"--agent", "nobody"}, []string{}},
				{"host", []string{"--host", "host-1", "--limit", "3"}, []string{"exec_a21", "exec_a18", "exec_a15"}},
				{"host and agent", []string{"--host", "host-2", "--agent", "agent-b", "--limit", "2"}, []string{"exec_b4", "exec_b3"}},
				{"a host without records", []string{"--host", "host-9"}, []string{}},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					args := append(append([]string{"history", "--json"}, tt.args...), flags...)
					code, out, errs := auditCLI(t, nil, args...)
					if code != 0 {
						t.Fatalf("exit %d: %s", code, errs)
					}
					var recs []audit.Record
					if err := json.Unmarshal([]byte(out), &recs); err != nil {
						t.Fatalf("%v\n%s", err, out)
					}
					got := []string{}
					for _, r := range recs {
						got = append(got, r.ID)
					}
					if !reflect.DeepEqual(got, tt.want) {
						t.Errorf("history %v = %v, want %v", tt.args, got, tt.want)
					}
				})
			}

			code, out, errs := auditCLI(t, nil, append([]string{"history", "--agent", "agent-b"}, flags...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 6 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[0], " HOST ") || !strings.HasPrefix(lines[1], "exec_b4") ||
				!strings.Contains(lines[1], " host-2 ") || !strings.Contains(lines[2], "output_limit") || !strings.Contains(lines[2], "output_limit in exec_b3") {
				t.Errorf("history table:\n%s", out)
			}
			// A record without a host shows "-" where the host goes.
			code, out, errs = auditCLI(t, nil, append([]string{"history", "--agent", "agent-c"}, flags...)...)
			if f := strings.Fields(strings.Split(out, "\n")[1]); code != 0 || len(f) < 4 || f[0] != "exec_c0" || f[3] != "-" {
				t.Errorf("history of a record without a host: exit %d\n%s%s", code, out, errs)
			}
		})
	}
}

func TestFailuresCmd(t *testing.T) {
	flags := seededAudit(t, false)
	code, out, errs := auditCLI(t, nil, append([]string{"failures", "--agent", "agent-a", "--json"}, flags...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var recs []audit.Record
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 10 || recs[0].ID != "exec_a23" || recs[9].ID != "exec_a05" {
		t.Errorf("failures: %d records, %v", len(recs), recs)
	}
	code, out, errs = auditCLI(t, nil, append([]string{"failures", "--agent", "agent-b", "--limit", "2"}, flags...)...)
	if code != 0 || !strings.Contains(out, "exec_b3") || !strings.Contains(out, "exec_b2") || strings.Contains(out, "exec_b0") {
		t.Errorf("failures --limit 2: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = auditCLI(t, nil, append([]string{"failures", "--agent", "agent-a", "--host", "host-1", "--json"}, flags...)...)
	recs = nil
	if err := json.Unmarshal([]byte(out), &recs); code != 0 || err != nil {
		t.Fatalf("failures --host: exit %d, %v\n%s", code, err, errs)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.ID+"@"+r.HostID)
	}
	if want := []string{"exec_a21@host-1", "exec_a15@host-1", "exec_a09@host-1", "exec_a03@host-1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("failures --host host-1 = %v, want %v", got, want)
	}
}

func TestShowCmd(t *testing.T) {
	flags := seededAudit(t, false)
	seed := audittest.SeedAt(seedBase)
	want := seed[len(seed)-1] // exec_a23
	code, out, errs := auditCLI(t, nil, append([]string{"show", want.ID, "--json"}, flags...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got audit.Record
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if d := audittest.Equal(got, want); d != "" {
		t.Error(d)
	}
	code, out, errs = auditCLI(t, nil, append([]string{"show", "exec_a20"}, flags...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, s := range []string{"exec_a20", "status", "ok (success true)", `"id": "exec_a20"`, "[log] ran exec_a20", audittest.Codes[2], "\nhost        host-3\n"} {
		if !strings.Contains(out, s) {
			t.Errorf("show output lacks %q:\n%s", s, out)
		}
	}
	code, _, errs = auditCLI(t, nil, append([]string{"show", "exec_nope"}, flags...)...)
	if code != 1 || !strings.Contains(errs, "no execution exec_nope") {
		t.Errorf("show of a missing id: exit %d, %q; want 1", code, errs)
	}
}

// The data directory comes from CODEXEC_DATA_DIR when no flag names it.
func TestAuditEnv(t *testing.T) {
	flags := seededAudit(t, false)
	env := map[string]string{envDataDir: flags[1]}
	code, out, errs := auditCLI(t, env, "history", "--limit", "1", "--json")
	if code != 0 || !strings.Contains(out, "exec_a23") {
		t.Errorf("history with %s: exit %d\n%s%s", envDataDir, code, out, errs)
	}
}

func TestAuditUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"stats"}, "needs --agent"},
		{[]string{"failures"}, "needs --agent"},
		{[]string{"failures", "--agent", "a", "--limit", "0"}, "--limit 0"},
		{[]string{"history", "--status", "finished"}, `unknown status "finished"`},
		{[]string{"history", "--hash", "abc"}, "not a SHA-256"},
		{[]string{"history", "--limit", "-1"}, "--limit -1"},
		{[]string{"history", "--limit", "5000"}, "--limit 5000"},
		{[]string{"history", "--since", "yesterday"}, "neither an RFC 3339 time nor a duration"},
		{[]string{"history", "--bogus"}, "unknown flag"},
		{[]string{"show"}, "one execution id"},
		{[]string{"show", "a", "b"}, "one execution id"},
		{[]string{"history", "--host", "two words"}, "--host: invalid host id: two words contains ' ' (U+0020) at character index 3"},
		{[]string{"stats", "--agent", "a", "--host", "a/b"}, "--host: invalid host id"},
		{[]string{"failures", "--agent", "a", "--host", "x\x1b[2J"}, `x\u001b[2J contains U+001B`},
		{[]string{"history", "--host-id", "h"}, "unknown flag: --host-id"}, // queries record nothing
	}
	for _, tt := range tests {
		code, _, errs := auditCLI(t, nil, append(tt.args, "--data-dir", dir)...)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}
