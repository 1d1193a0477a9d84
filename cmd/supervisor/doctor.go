package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"codexec/config"
	"codexec/sandbox"
)

func newDoctorCmd(st *State) *cobra.Command {
	var asJSON bool
	var runner, cgroupRoot string
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Show what this host provides for isolating runners, and what codexec will use",
		Long: `Inspect the host (cgroup mode and controllers, delegation, cgroup.kill and
memory.peak, seccomp, landlock, namespaces, root) and run one fully isolated
runner end to end. Each missing piece comes with a hint: which setting of the
host, the systemd unit, the container or the pod to change. The mode found is
"root", "rootless" (not root: a user namespace per runner and a delegated
cgroup v2 subtree) or "weak". Exits 1 when full isolation is impossible here.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := st.findRunner(runner)
			if err != nil {
				fmt.Fprintln(st.Stderr, "supervisor: doctor:", err)
				path = ""
			}
			if err := config.CheckCgroupRoot(cgroupRoot); err != nil {
				return usageError("--cgroup-root: %v", err)
			}
			rep := sandbox.DiagnoseWith(sandbox.DiagnoseOptions{RunnerPath: path, CgroupRoot: cgroupRoot})
			if path == "" {
				rep.FullIsolation = false
				rep.Missing = append(rep.Missing, "the runner executable")
			}
			if asJSON {
				enc := json.NewEncoder(st.Stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(rep); err != nil {
					return err
				}
			} else {
				tw := tabwriter.NewWriter(st.Stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "CHECK\tSTATUS\tDETAIL")
				for _, c := range rep.Checks {
					status := "ok"
					if !c.OK {
						status = "MISSING"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Name, status, c.Detail)
					if !c.OK && c.Fix != "" {
						fmt.Fprintf(tw, "\t\t→ %s\n", c.Fix)
					}
				}
				tw.Flush()
				if rep.FullIsolation {
					how := "as root"
					if rep.Mode == "rootless" {
						how = "rootless: a user namespace per runner, in a delegated cgroup v2 subtree"
					}
					fmt.Fprintf(st.Stdout, "\nFull isolation: yes (%s).\n", how)
				} else {
					fmt.Fprintf(st.Stdout, "\nFull isolation: NO. Missing:\n  - %s\n", strings.Join(rep.Missing, "\n  - "))
				}
			}
			if !rep.FullIsolation {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().StringVar(&runner, "runner", "", "path of the runner executable")
	cmd.Flags().StringVar(&cgroupRoot, "cgroup-root", "", "diagnose with runner groups under this cgroup, as serve --cgroup-root would")
	return cmd
}
