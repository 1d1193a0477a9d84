package config

import "testing"

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
