package config

import (
	"strings"
	"testing"
)

func TestCheckCgroupRoot(t *testing.T) {
	for _, ok := range []string{"", "/", "/codexec.slice", "/sys/fs/cgroup/codexec.slice", "/a/b-c/d_e"} {
		if err := CheckCgroupRoot(ok); err != nil {
			t.Errorf("CheckCgroupRoot(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"codexec.slice", "/a/../b", "/a/./b", ".."} {
		if err := CheckCgroupRoot(bad); err == nil {
			t.Errorf("CheckCgroupRoot(%q) accepted", bad)
		}
	}
	f := DefaultFile()
	f.CgroupRoot = "relative"
	if err := f.Validate(); err == nil {
		t.Error("Validate accepted a relative cgroupRoot")
	}
}

func TestHostIDFromName(t *testing.T) {
	for name, want := range map[string]string{
		"node-1.example.com": "node-1.example.com",
		"(none)":             "localhost",
		"":                   "localhost",
		"my host/ä":          "my-host",
		"--x--":              "x",
		"a\u202eb":           "a-b",
	} {
		got := HostIDFromName(name)
		if got != want {
			t.Errorf("HostIDFromName(%q) = %q, want %q", name, got, want)
		}
		if err := CheckHostID(got); err != nil {
			t.Errorf("HostIDFromName(%q) = %q, not a host id: %v", name, got, err)
		}
	}
	long := HostIDFromName(strings.Repeat("a", 300))
	if len(long) != MaxHostIDChars || CheckHostID(long) != nil {
		t.Errorf("a 300-character name gives %d characters", len(long))
	}
}
