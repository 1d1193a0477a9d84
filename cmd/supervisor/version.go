package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"codexec/internal/buildinfo"
)

func newVersionCmd(st *State) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version and revision this supervisor was built from",
		Long: `Print the module version and the version-control revision Go stamped into
this binary (what ` + "`go version -m`" + ` shows), as one line, or as JSON with --json.
GET /healthz and the MCP server report the same.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			info := buildinfo.Read()
			if asJSON {
				enc := json.NewEncoder(st.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(info)
			}
			_, err := fmt.Fprintln(st.Stdout, info.String())
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the build information as JSON")
	return cmd
}
