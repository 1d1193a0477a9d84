// Package logfilter holds slog handlers that filter what a library logs
// before it reaches the supervisor's log: the MCP SDK, as a server and as a
// client, logs every connection at info.
package logfilter

import (
	"context"
	"log/slog"
)

// MinLevel passes on to h the records at or above min.
func MinLevel(h slog.Handler, min slog.Level) slog.Handler { return minLevel{h, min} }

type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(attrs []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(attrs), h.min}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.Handler.WithGroup(name), h.min}
}
