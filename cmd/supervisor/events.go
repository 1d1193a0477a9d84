package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"codexec/api/client"
	"codexec/bus"
	"codexec/internal/termsafe"
)

func newEventsCmd(st *State) *cobra.Command {
	var follow, asJSON bool
	var types []string
	var socket string
	cmd := &cobra.Command{
		Use:   "events --follow [--type T]...",
		Short: "Print the running daemon's events as they happen",
		Long: `Follow the daemon's event stream (GET /v1/events): one line per event, as it
happens, until interrupted. Types: ` + typeList() + `.
A reader that falls too far behind loses events and is told how many.`,
		Example: `  supervisor events --follow
  supervisor events --follow --type CODE_EXECUTION_FAILED --type CODE_SECURITY_ISSUE --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !follow {
				return usageError("events streams what happens from now on: pass --follow")
			}
			for _, t := range types {
				if !bus.Type(t).Valid() {
					return usageError("unknown event type %q (one of %s)", t, typeList())
				}
			}
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
			defer stop()
			c, err := st.daemon(ctx, socket)
			if err != nil {
				return err
			}
			if c == nil {
				return &exitError{code: 70, err: errors.New("no supervisor daemon is running (events come from `supervisor serve`; pass --socket PATH)")}
			}
			err = c.Events(ctx, types, func(ev client.StreamEvent) error {
				if asJSON {
					b, _ := json.Marshal(ev)
					fmt.Fprintln(st.Stdout, string(b))
					return nil
				}
				printEvent(st, ev)
				return nil
			})
			if err != nil && ctx.Err() == nil {
				return &exitError{code: 70, err: err}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&follow, "follow", false, "follow the stream (required)")
	cmd.Flags().StringArrayVar(&types, "type", nil, "only events of this type (repeatable)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print each event as its JSON line")
	addSocketFlag(cmd.Flags(), &socket)
	return cmd
}

func typeList() string {
	var s []string
	for _, t := range bus.Types {
		s = append(s, string(t))
	}
	return strings.Join(s, ", ")
}

func printEvent(st *State, ev client.StreamEvent) {
	if ev.Dropped > 0 {
		fmt.Fprintf(st.Stdout, "%s  (%d events lost: this reader fell behind)\n", ev.Timestamp.Format("15:04:05.000"), ev.Dropped)
		return
	}
	// Ids and messages are escaped (termsafe, %q): they came from callers.
	line := fmt.Sprintf("%s  %-29s %s agent=%s channel=%s", ev.Timestamp.Local().Format("15:04:05.000"), termsafe.Line(string(ev.Type)),
		termsafe.Line(ev.ExecutionID), termsafe.Line(ev.AgentID), termsafe.Line(ev.ChannelID))
	switch {
	case ev.Status != "":
		line += " status=" + termsafe.Line(string(ev.Status))
		if ev.ExecutionTime != nil {
			line += fmt.Sprintf(" time=%.1fms", *ev.ExecutionTime)
		}
		if ev.Error != nil {
			line += " error=" + fmt.Sprintf("%q", ev.Error.Message)
		}
	case ev.Finding != nil:
		line += fmt.Sprintf(" rule=%s line=%d %q", termsafe.Line(ev.Finding.Rule), ev.Finding.Line, ev.Finding.Message)
	case ev.Resource != "":
		line += fmt.Sprintf(" resource=%s limit=%d", termsafe.Line(ev.Resource), ev.Limit)
	case ev.Tool != "":
		if ev.CallID != nil {
			line += fmt.Sprintf(" call=%d", *ev.CallID)
		}
		line += " tool=" + termsafe.Line(ev.Tool)
		if ev.Code != "" {
			line += " code=" + termsafe.Line(ev.Code)
		}
		if ev.DurationMs != nil {
			line += fmt.Sprintf(" time=%.2fms", *ev.DurationMs)
		}
	case ev.Changes != nil:
		b, _ := json.Marshal(ev.Changes)
		line = fmt.Sprintf("%s  %-29s %s", ev.Timestamp.Local().Format("15:04:05.000"), termsafe.Line(string(ev.Type)), termsafe.JSON(b))
	}
	fmt.Fprintln(st.Stdout, line)
}
