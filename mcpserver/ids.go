package mcpserver

import (
	"strings"

	"codexec/detect"
)

// FallbackAgentID is the agent id of executions from a client that reports
// no usable name (and when no agent id was configured).
const FallbackAgentID = "mcp"

// ChannelPrefix starts the channel ids this server makes up for sessions
// whose transport has no session id of its own (stdio).
const ChannelPrefix = "mcp-"

// SanitizeID turns a name (an MCP client's, "Claude Desktop") into an id
// that passes codexec's id rules (1 to detect.MaxIDLength characters of
// ASCII letters, digits and . _ - : @ / +): every run of other characters
// becomes one '-' ("Claude-Desktop"), leading and trailing '-' made that
// way are dropped, and the id is cut at detect.MaxIDLength. It returns ""
// when nothing usable is left.
func SanitizeID(name string) string {
	var b strings.Builder
	replaced := false // the last byte written is a '-' standing for other characters
	for _, r := range name {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-:@/+", r)) {
			b.WriteRune(r)
			replaced = false
			continue
		}
		if !replaced {
			b.WriteByte('-')
			replaced = true
		}
	}
	id := b.String()
	// Only the '-' that stand for other characters are trimmed: a name that
	// is already an id is kept as it is.
	start, end := 0, len(id)
	if start < end && id[0] == '-' && !strings.HasPrefix(name, "-") {
		start++
	}
	if end > start && id[end-1] == '-' && !strings.HasSuffix(name, "-") {
		end--
	}
	id = id[start:end]
	if len(id) > detect.MaxIDLength {
		id = id[:detect.MaxIDLength] // ASCII only: no rune is cut
	}
	return id
}

// AgentIDFor is the agent id recorded for a client named name when no agent
// id was configured: SanitizeID(name), or FallbackAgentID.
func AgentIDFor(name string) string {
	if id := SanitizeID(name); id != "" {
		return id
	}
	return FallbackAgentID
}
