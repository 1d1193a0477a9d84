package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestFrom(t *testing.T) {
	stamped := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "codexec", Version: "v0.0.0-20261207071512-370b71e26218"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "370b71e262188260ed7a1f08530e6a4460b340eb"},
			{Key: "vcs.time", Value: "2026-12-07T07:15:12Z"}, {Key: "vcs.modified", Value: "true"}}}
	i := From(stamped)
	if i.Revision != "370b71e262188260ed7a1f08530e6a4460b340eb" || i.Time != "2026-12-07T07:15:12Z" || !i.Modified || i.GoVersion != "go1.26.0" {
		t.Errorf("From = %+v", i)
	}
	if got := i.Short(); got != "v0.0.0-20261207071512-370b71e26218" {
		t.Errorf("Short = %q", got)
	}
	if got, want := i.String(), "codexec v0.0.0-20261207071512-370b71e26218 (revision 370b71e262188260ed7a1f08530e6a4460b340eb, 2026-12-07T07:15:12Z, modified) go1.26.0"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}

	devel := From(&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "codexec", Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "370b71e262188260ed7a1f08530e6a4460b340eb"}, {Key: "vcs.modified", Value: "true"}}})
	if got := devel.Short(); got != "devel+370b71e26218.dirty" {
		t.Errorf("Short = %q", got)
	}
	bare := From(&debug.BuildInfo{GoVersion: "go1.26.0"})
	if bare.Version != "(devel)" || bare.Short() != "devel" || bare.String() != "codexec (devel) go1.26.0" {
		t.Errorf("bare = %+v, %q, %q", bare, bare.Short(), bare.String())
	}
}
