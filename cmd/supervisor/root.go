package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"codexec/internal/buildinfo"
	"codexec/internal/termsafe"
)

// Execute runs the command line in st and returns the process exit code.
func Execute(st *State) int {
	root := newRootCmd(st)
	root.SetArgs(st.Args)
	root.SetIn(st.Stdin)
	root.SetOut(st.Stdout)
	root.SetErr(st.Stderr)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			// Escaped: an error may quote what a caller or a daemon sent.
			fmt.Fprintln(st.Stderr, "supervisor:", termsafe.Text(ee.err.Error()))
		}
		return ee.code
	}
	// Anything cobra itself rejects (unknown flag or command, bad value) is
	// a usage error.
	fmt.Fprintln(st.Stderr, "supervisor:", termsafe.Text(err.Error()))
	fmt.Fprintln(st.Stderr, "Run 'supervisor --help' for usage.")
	return 2
}

func newRootCmd(st *State) *cobra.Command {
	root := &cobra.Command{
		Use:   "supervisor",
		Short: "Run untrusted JavaScript and TypeScript in locked-down, single-use runner processes",
		Long: `codexec's supervisor validates untrusted JavaScript or TypeScript, runs it in a
fresh, locked-down runner process, hard-stops it at its time or memory limit,
and reports a truthful result.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       buildinfo.Read().String(),
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.AddCommand(newVersionCmd(st), newRunCmd(st), newValidateCmd(st), newDoctorCmd(st), newServeCmd(st), newEventsCmd(st), newConfigCmd(st), newMcpCmd(st), newToolsCmd(st))
	root.AddCommand(newHealthCmd(st))
	root.AddCommand(newAuditCmds(st)...)
	return root
}
