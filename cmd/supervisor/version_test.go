package main

import (
	"context"
	"debug/buildinfo"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	build "codexec/internal/buildinfo"
	"codexec/internal/daemontest"
	"codexec/internal/testutil"
)

// `supervisor version` reports what Go stamped into the binary, as `go
// version -m` reads it from the file; --version prints the same line.
func TestVersion(t *testing.T) {
	bin := testutil.Supervisor(t)
	bi, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	want := build.From(bi)
	out, err := exec.Command(bin, "version", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var got build.Info
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got != want {
		t.Errorf("version --json = %+v, want %+v (from the binary's build info)", got, want)
	}
	line, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	flag, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(line)) != want.String() || string(flag) != string(line) {
		t.Errorf("version = %q, --version = %q, want %q", line, flag, want.String())
	}
	t.Logf("%s", line)
}

// GET /healthz reports the daemon's version and revision, the same as
// `supervisor version` for that binary.
func TestHealthReportsTheVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts a daemon")
	}
	testutil.RequireRoot(t)
	bi, err := buildinfo.ReadFile(testutil.Supervisor(t))
	if err != nil {
		t.Fatal(err)
	}
	want := build.From(bi)
	d := daemontest.Start(t, daemontest.Options{})
	h, err := d.Health(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if h.Version != want.Version || h.Revision != want.Revision {
		t.Errorf("healthz version %q revision %q, want %q %q", h.Version, h.Revision, want.Version, want.Revision)
	}
}
