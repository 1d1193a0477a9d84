package config

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The example configuration in deploy/ loads.
func TestDeployConfig(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	f, err := LoadFile(filepath.Join(filepath.Dir(file), "..", "deploy", "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Limits != DefaultLimits() {
		t.Errorf("deploy/config.json limits %+v differ from the defaults %+v", f.Limits, DefaultLimits())
	}
}

// The systemd units in deploy/ pass `systemd-analyze verify` (where it is
// installed), with ExecStart pointed at an executable that exists.
func TestDeployUnits(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("skipping: systemd-analyze is not installed")
	}
	_, file, _, _ := runtime.Caller(0)
	deploy := filepath.Join(filepath.Dir(file), "..", "deploy")
	dir := t.TempDir()
	self, _ := os.Executable()
	for _, name := range []string{"codexec.service", "codexec.socket"} {
		b, err := os.ReadFile(filepath.Join(deploy, name))
		if err != nil {
			t.Fatal(err)
		}
		b = []byte(strings.ReplaceAll(string(b), "/usr/local/lib/codexec/supervisor", self))
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command(analyze, "verify", filepath.Join(dir, "codexec.socket"), filepath.Join(dir, "codexec.service")).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}
