package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"codexec/config"
)

func newConfigCmd(st *State) *cobra.Command {
	var socket string
	cmd := &cobra.Command{
		Use:   "config get [KEY] | config set KEY VALUE",
		Short: "Read or change the running daemon's configuration",
		Long: `Read (GET /v1/config) or change (PATCH /v1/config) the settings of the running
daemon. Changes are bounds-checked, apply to new executions, are published as
a CONFIG_UPDATED event, and are written back to the daemon's --config file.
Only root and the daemon's own user may change them.

Keys: ` + strings.Join(config.Keys(), ", ") + `.`,
		Example: `  supervisor config get
  supervisor config get timeout
  supervisor config set timeout 2000
  supervisor config set captureConsole false`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) >= 1 && args[0] == "get" && len(args) <= 2:
			case len(args) == 3 && args[0] == "set":
			default:
				return usageError("use `config get [KEY]` or `config set KEY VALUE`")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			c, err := st.daemon(ctx, socket)
			if err != nil {
				return err
			}
			if c == nil {
				return &exitError{code: 70, err: errors.New("no supervisor daemon is running (the configuration is the daemon's; pass --socket PATH)")}
			}
			if args[0] == "set" {
				key := args[1]
				known := false
				for _, k := range config.Keys() {
					known = known || k == key
				}
				if !known {
					return usageError("unknown key %q (keys: %s)", key, strings.Join(config.Keys(), ", "))
				}
				var v any
				if err := json.Unmarshal([]byte(args[2]), &v); err != nil {
					v = args[2] // a bare string
				}
				l, err := c.PatchConfig(ctx, map[string]any{key: v})
				if err != nil {
					return &exitError{code: 1, err: err}
				}
				return printConfig(st, l, key)
			}
			l, err := c.Config(ctx)
			if err != nil {
				return &exitError{code: 70, err: err}
			}
			key := ""
			if len(args) == 2 {
				key = args[1]
			}
			return printConfig(st, l, key)
		},
	}
	addSocketFlag(cmd.Flags(), &socket)
	return cmd
}

func printConfig(st *State, l config.Limits, key string) error {
	b, _ := json.Marshal(l)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	if key != "" {
		v, ok := m[key]
		if !ok {
			return usageError("unknown key %q (keys: %s)", key, strings.Join(config.Keys(), ", "))
		}
		fmt.Fprintln(st.Stdout, format(v))
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(st.Stdout, "%-20s %s\n", k, format(m[k]))
	}
	return nil
}

func format(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
