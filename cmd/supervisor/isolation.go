package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"codexec/sandbox"
)

func addIsolationFlags(fl *pflag.FlagSet, weak *bool) {
	fl.BoolVar(weak, "allow-weak-isolation", false,
		"run even where full isolation is impossible (not root, no cgroups): runners are then contained only by their own rlimits, landlock and seccomp")
}

// newIsolation works out how runners are contained here, refusing weak
// isolation unless it was asked for, and saying what is missing either way.
func newIsolation(st *State, allowWeak bool) (*sandbox.Isolation, error) {
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{AllowWeak: allowWeak})
	if err != nil {
		return nil, &exitError{code: 70, err: err}
	}
	if len(iso.Missing) > 0 {
		fmt.Fprintf(st.Stderr, "supervisor: warning: weak isolation; missing:\n  - %s\n", strings.Join(iso.Missing, "\n  - "))
	}
	return iso, nil
}
