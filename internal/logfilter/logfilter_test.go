package logfilter

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestMinLevel(t *testing.T) {
	var b bytes.Buffer
	log := slog.New(MinLevel(slog.NewTextHandler(&b, nil), slog.LevelWarn)).With("k", "v").WithGroup("g")
	log.Info("dropped")
	log.Warn("kept", "x", 1)
	if out := b.String(); strings.Contains(out, "dropped") || !strings.Contains(out, "kept") || !strings.Contains(out, "k=v") || !strings.Contains(out, "g.x=1") {
		t.Errorf("output %q", out)
	}
}
