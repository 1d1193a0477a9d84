// Package buildinfo is what a binary knows about the code it was built
// from: the module version and the version-control revision Go stamps into
// every build (`go version -m` shows the same). `supervisor version`,
// `GET /healthz` and the MCP server's implementation info report it.
package buildinfo

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// Info describes one build.
type Info struct {
	// Version is the module version: a release tag, a pseudo-version
	// Go derives from the commit (v0.0.0-20261207071512-370b71e26218), or
	// "(devel)" when the build carries no version-control stamp.
	Version   string `json:"version"`
	Revision  string `json:"revision,omitempty"` // the commit, when stamped
	Time      string `json:"time,omitempty"`     // the commit's time (RFC 3339), when stamped
	Modified  bool   `json:"modified,omitempty"` // the working tree had changes
	GoVersion string `json:"goVersion"`
}

// Read returns the running binary's build information.
func Read() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{Version: "(devel)"}
	}
	return From(bi)
}

// From extracts Info from Go's build information.
func From(bi *debug.BuildInfo) Info {
	i := Info{Version: bi.Main.Version, GoVersion: bi.GoVersion}
	if i.Version == "" {
		i.Version = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			i.Revision = s.Value
		case "vcs.time":
			i.Time = s.Value
		case "vcs.modified":
			i.Modified = s.Value == "true"
		}
	}
	return i
}

// Short is a version for protocol fields that take one string (the MCP
// implementation version): the module version, or, for a build without a
// version but with a revision, "devel+" and its first 12 hex digits.
func (i Info) Short() string {
	if i.Version != "(devel)" {
		return i.Version
	}
	if i.Revision != "" {
		r := i.Revision
		if len(r) > 12 {
			r = r[:12]
		}
		if i.Modified {
			r += ".dirty"
		}
		return "devel+" + r
	}
	return "devel"
}

// String is one line for people: "codexec VERSION (revision R, TIME,
// modified) GOVERSION".
func (i Info) String() string {
	var extra []string
	if i.Revision != "" {
		extra = append(extra, "revision "+i.Revision)
	}
	if i.Time != "" {
		extra = append(extra, i.Time)
	}
	if i.Modified {
		extra = append(extra, "modified")
	}
	s := "codexec " + i.Version
	if len(extra) > 0 {
		s += fmt.Sprintf(" (%s)", strings.Join(extra, ", "))
	}
	return s + " " + i.GoVersion
}
