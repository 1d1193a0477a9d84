package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"codexec/config"
	"codexec/sandbox"
)

// isolationFlags are the flags every command that starts runners takes.
type isolationFlags struct {
	weak       bool
	cgroupRoot string
}

func addIsolationFlags(fl *pflag.FlagSet, f *isolationFlags) {
	fl.BoolVar(&f.weak, "allow-weak-isolation", false,
		"run even where full isolation is impossible (no cgroup to create runner groups in; without root, no user namespaces): runners are then contained only by their own rlimits, landlock and seccomp")
	fl.StringVar(&f.cgroupRoot, "cgroup-root", "",
		"the cgroup to create runner groups under, e.g. /codexec.slice (default: the group the supervisor was started in; without root it must be that group or one of its ancestors)")
}

// newIsolation works out how runners are contained here, refusing weak
// isolation unless it was asked for, and saying what is missing either way.
func newIsolation(st *State, f isolationFlags) (*sandbox.Isolation, error) {
	if err := config.CheckCgroupRoot(f.cgroupRoot); err != nil {
		return nil, usageError("--cgroup-root: %v", err)
	}
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{AllowWeak: f.weak, CgroupRoot: f.cgroupRoot})
	if err != nil {
		return nil, &exitError{code: 70, err: err}
	}
	if len(iso.Missing) > 0 {
		fmt.Fprintf(st.Stderr, "supervisor: warning: weak isolation; missing:\n  - %s\n", strings.Join(iso.Missing, "\n  - "))
	}
	return iso, nil
}
