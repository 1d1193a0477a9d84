package limits_test

import (
	"reflect"
	"runtime"
	"testing"

	"codexec/limits"
	"codexec/limits/internal/seccompgen/assemble"
)

// The generated BPF program is the policy assembled: editing the policy
// without `go generate ./limits` fails here.
func TestSeccompProgramMatchesPolicy(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the filter is generated for amd64")
	}
	want, err := assemble.Program()
	if err != nil {
		t.Fatal(err)
	}
	if got := limits.SeccompProgram(); !reflect.DeepEqual(got, want) {
		t.Fatalf("zseccomp_linux_amd64.go is stale: run go generate ./limits (have %d instructions, policy gives %d)", len(got), len(want))
	}
}

func TestLockdownArgsRoundTrip(t *testing.T) {
	in := limits.Lockdown{NoFile: 12, CPUSeconds: 40, UID: 65534, GID: 65533, Skip: []string{limits.LayerLandlock, limits.LayerSeccomp}}
	var out limits.Lockdown
	for _, a := range in.Args() {
		ok, err := out.ParseArg(a)
		if !ok || err != nil {
			t.Fatalf("ParseArg(%q) = %v, %v", a, ok, err)
		}
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip = %+v, want %+v", out, in)
	}
	for _, bad := range []string{"--uid=x", "--uid=-2", "--nofile=-1", "--skip=everything"} {
		if ok, err := out.ParseArg(bad); !ok || err == nil {
			t.Errorf("ParseArg(%q) = %v, %v; want an error", bad, ok, err)
		}
	}
	if ok, _ := out.ParseArg("--job-fd=3"); ok {
		t.Error("ParseArg took --job-fd")
	}
}
