package upstream

import "strings"

// ToolName is the name the code calls an MCP tool by (after the server's
// name): the tool's own name when it is an identifier, else the same name
// with every character other than ASCII letters, digits, _ and $ made a _
// ("get-issue" is get_issue, "files.read" is files_read), a _ put before a
// leading digit ("2fa" is _2fa), and a _ after a name JavaScript objects
// already carry ("constructor" is constructor_). renamed says whether it
// differs from the tool's name. A name with no letter or digit gives "":
// such a tool is skipped, as is a tool whose identifier another tool of
// the same server already has (the first in name order keeps it).
func ToolName(name string) (local string, renamed bool) {
	var b strings.Builder
	alnum := false
	for _, r := range name {
		switch {
		case r == '_' || r == '$' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'):
			b.WriteRune(r)
			alnum = alnum || (r != '_' && r != '$')
		case r >= '0' && r <= '9':
			if b.Len() == 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			alnum = true
		default:
			b.WriteByte('_')
		}
	}
	if !alnum {
		return "", true
	}
	local = b.String()
	switch local {
	case "__proto__", "constructor", "prototype":
		local += "_"
	}
	return local, local != name
}
