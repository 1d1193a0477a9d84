package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"codexec/internal/testutil"
)

// A supervisor that is not root refuses to run code unless told to accept
// weaker isolation, and says exactly what is missing; told so, it runs.
func TestNonRootRefusesWeakIsolation(t *testing.T) {
	testutil.RequireRoot(t) // to become someone else
	// Copy the binaries where an unprivileged user can execute them.
	dir, err := os.MkdirTemp("", "codexec-nonroot-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"supervisor", "runner"} {
		b, err := os.ReadFile(filepath.Join(testutil.Binaries(t), name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	home := filepath.Join(dir, "home")
	if err := os.Mkdir(home, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(home, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string, string) {
		cmd := exec.Command(filepath.Join(dir, "supervisor"), args...)
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader("return 40 + 2")
		cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + home}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, out.String(), errb.String()
	}
	code, out, errs := run("run", "-")
	if code != 70 || !strings.Contains(errs, "full isolation is not possible") || !strings.Contains(errs, "run as root") ||
		!strings.Contains(errs, "--allow-weak-isolation") {
		t.Errorf("non-root run: exit %d\nstdout %s\nstderr %s\nwant exit 70 naming what is missing", code, out, errs)
	}
	code, out, errs = run("run", "-", "--allow-weak-isolation")
	if code != 0 || strings.TrimSpace(out) != "42" || !strings.Contains(errs, "weak isolation") {
		t.Errorf("non-root run with --allow-weak-isolation: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	code, out, _ = run("doctor")
	if code != 1 || !strings.Contains(out, "Full isolation: NO") {
		t.Errorf("non-root doctor: exit %d\n%s", code, out)
	}
}

// As root: a memory bomb and an uninterruptible busy loop, end to end.
func TestRunIsolatedBombs(t *testing.T) {
	testutil.RequireRoot(t)
	if code, _, errs := cli(t, "const a = []; for (;;) a.push(new Array(1000).fill(7))", "run", "-", "--memory", "64", "--timeout", "30s"); code != 5 || !strings.Contains(errs, "memory") {
		t.Errorf("memory bomb: exit %d (%s), want 5", code, errs)
	}
	if code, _, errs := cli(t, "return 'x'.repeat(2 ** 28).length", "run", "-", "--memory", "64", "--timeout", "30s", "--json"); code != 5 {
		t.Errorf("huge string: exit %d (%s), want 5", code, errs)
	}
	if code, _, errs := cli(t, "return /^(a+)+(?!x)$/.test('a'.repeat(40) + 'b')", "run", "-", "--timeout", "200ms"); code != 4 || !strings.Contains(errs, "killed") {
		t.Errorf("busy regex: exit %d (%s), want 4", code, errs)
	}
}

func TestDoctor(t *testing.T) {
	testutil.RequireRoot(t)
	code, out, errs := cli(t, "", "doctor")
	if code != 0 || !strings.Contains(out, "Full isolation: yes") || !strings.Contains(out, "cgroup mode") || !strings.Contains(out, "a runner, end to end") {
		t.Errorf("doctor: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = cli(t, "", "doctor", "--json")
	if code != 0 || !strings.Contains(out, `"fullIsolation": true`) || !strings.Contains(out, `"mode": "root"`) {
		t.Errorf("doctor --json: exit %d\n%s", code, out)
	}
	if os.Getenv("CODEXEC_EXPECT_CGROUP") == "v2" {
		var rep struct {
			Checks []struct {
				Name   string
				OK     bool
				Detail string
			}
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"cgroup mode": "v2 (unified)", "cgroup controllers": "memory", "cgroup.kill": "",
			"memory.peak": "", "spawn into cgroup": "born in their cgroup"}
		for _, c := range rep.Checks {
			if sub, ok := want[c.Name]; ok {
				if !c.OK || !strings.Contains(c.Detail, sub) {
					t.Errorf("doctor in the v2 VM: %s = %v %q, want ok containing %q", c.Name, c.OK, c.Detail, sub)
				}
				delete(want, c.Name)
			}
		}
		if len(want) > 0 {
			t.Errorf("doctor in the v2 VM lacks checks %v", want)
		}
	}
	t.Logf("doctor:\n%s", out)
}
