package schema

import (
	"testing"

	"codexec/detect"
)

// Stats count exactly the languages validation accepts.
func TestStatsLanguage(t *testing.T) {
	for l, want := range map[string]bool{detect.JavaScript: true, detect.TypeScript: true, "python": false, "ts": false, "TypeScript": false, "": false} {
		if got := StatsLanguage(l); got != want {
			t.Errorf("StatsLanguage(%q) = %v, want %v", l, got, want)
		}
	}
}
