package sandbox

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"codexec/internal/testutil"
	"codexec/result"
)

// The isolation suite, run again where a supervisor does not own the host
// (decision 0036): as an unprivileged user in a delegated cgroup v2 group,
// as root inside a cgroup namespace of its own, and as root in a delegated
// group (a systemd unit). Both need the cgroup v2
// VM of `make test-v2`.
var nestedSuite = []string{
	"TestEngineCompromised", "TestMemoryBombs", "TestMemoryBombPeakNearLimit", "TestHardKillIsolated",
	"TestLockdownIsVerified", "TestRunnerDescriptors", "TestNoLeaks",
	"TestSupervisorFullyIsolated",
}

func TestDelegatedRootless(t *testing.T) {
	testutil.RunNested(t, testutil.NestedRootless, append(nestedSuite, "TestUnreadableRunnerRootless")...)
}

// Without root, a runner binary its user cannot read is refused with the
// reason: started from it in a user namespace, a runner would be undumpable
// to everyone but the host's root, and this supervisor could not verify it.
func TestUnreadableRunnerRootless(t *testing.T) {
	iso := fullIsolation(t)
	if !iso.UserNS {
		t.Skip("skipping: only without root (TestDelegatedRootless runs it)")
	}
	src, err := os.ReadFile(testutil.Runner(t))
	if err != nil {
		t.Fatal(err)
	}
	runner := filepath.Join(t.TempDir(), "runner")
	if err := os.WriteFile(runner, src, 0o111); err != nil {
		t.Fatal(err)
	}
	_, err = Start(Config{RunnerPath: runner, Env: RunnerEnv, Isolation: iso}, Spec{ID: "unreadable", MemoryBytes: 64 << 20})
	if err == nil || !strings.Contains(err.Error(), "not readable by uid") || !strings.Contains(err.Error(), "chmod o+r") {
		t.Fatalf("Start with a runner its user cannot read: %v", err)
	}
	if err := os.Chmod(runner, 0o511); err != nil {
		t.Fatal(err)
	}
	out := runIsolated(t, iso, runner, "return 1 + 1", 2000, 64)
	if out.Status != result.OK || string(out.Output) != "2" {
		t.Fatalf("the same binary made readable: %s %s %+v", out.Status, out.Output, out.Error)
	}
}

func TestDelegatedCgroupNamespace(t *testing.T) {
	testutil.RunNested(t, testutil.NestedCgroupNS, nestedSuite...)
}

// As a systemd service with Delegate=yes: root, in a group of its own that
// also holds the supervisor.
func TestDelegatedUnit(t *testing.T) {
	testutil.RunNested(t, testutil.NestedUnit, "TestSupervisorFullyIsolated", "TestEngineCompromised", "TestMemoryBombs", "TestHardKillIsolated")
}

// In a run that expects full isolation (as root, or in a nested run), the
// supervisor's own commands find it: doctor reports the mode, and `run`
// works with no --allow-weak-isolation and no warning.
func TestSupervisorFullyIsolated(t *testing.T) {
	want := os.Getenv("CODEXEC_EXPECT_MODE")
	if want == "" {
		testutil.RequireRoot(t)
		want = "root"
	}
	iso := fullIsolation(t)
	bin := os.Getenv("CODEXEC_TEST_BIN")
	if bin == "" {
		t.Skip("skipping: CODEXEC_TEST_BIN is not set")
	}
	sup := filepath.Join(bin, "supervisor")

	rep := DiagnoseWith(DiagnoseOptions{RunnerPath: testutil.Runner(t)})
	if rep.Mode != want || !rep.FullIsolation {
		t.Errorf("Diagnose: mode %q, full %v, missing %v; want %q", rep.Mode, rep.FullIsolation, rep.Missing, want)
	}

	doctor := exec.Command(sup, "doctor", "--json")
	doctor.Env = append(os.Environ(), "CODEXEC_SOCKET=off")
	out, err := doctor.Output()
	var got Report
	if jerr := json.Unmarshal(out, &got); err != nil || jerr != nil || got.Mode != want || !got.FullIsolation {
		t.Errorf("supervisor doctor --json: %v %v; mode %q full %v\n%s", err, jerr, got.Mode, got.FullIsolation, out)
	}
	var live string
	for _, c := range got.Checks {
		if c.Name == "a runner, end to end" {
			live = c.Detail
		}
	}
	if iso.UserNS && !strings.Contains(live, "user namespace") {
		t.Errorf("doctor's end-to-end check does not name the user namespace: %q", live)
	}
	t.Logf("doctor: mode %s; %s", got.Mode, live)

	run := exec.Command(sup, "run", "-", "--json")
	run.Env = append(os.Environ(), "CODEXEC_SOCKET=off")
	run.Stdin = strings.NewReader("return [1 + 1, typeof process]")
	var stderr strings.Builder
	run.Stderr = &stderr
	out, err = run.Output()
	var res struct {
		Status string          `json:"status"`
		Output json.RawMessage `json:"output"`
	}
	var compact bytes.Buffer
	jerr := json.Unmarshal(out, &res)
	if jerr == nil {
		jerr = json.Compact(&compact, res.Output)
	}
	if err != nil || jerr != nil || res.Status != "ok" || compact.String() != `[2,"undefined"]` {
		t.Errorf("supervisor run: %v %v: %s (stderr %s)", err, jerr, out, stderr.String())
	}
	if strings.Contains(stderr.String(), "weak") {
		t.Errorf("supervisor run warned of weak isolation: %s", stderr.String())
	}
}
