package config

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// Bounds on the MCP servers a configuration may name.
const (
	MaxMCPServers     = 32  // servers in mcpServers
	MaxMCPArgs        = 256 // a server's args
	MaxMCPEnv         = 256 // a server's env entries
	MaxMCPNameBytes   = 64  // a server's name
	MaxToolPolicyKeys = 1024
	MaxToolPolicyList = 1024 // entries of one agent in toolPolicy
)

// MCPServer is one upstream MCP server in the shape MCP clients configure
// them: a command started with args and env, spoken to over its standard
// input and output, or the URL of a streamable HTTP server. Exactly one of
// Command and URL is set.
type MCPServer struct {
	Command string            `json:"command,omitempty"`
	Args    []string          `json:"args,omitempty"`
	Env     map[string]string `json:"env,omitempty"`
	URL     string            `json:"url,omitempty"`
	// Type is accepted as other MCP clients write it: "stdio" with a
	// command, "http" or "streamable-http" with a url; it changes nothing.
	Type string `json:"type,omitempty"`
}

// MCPFile is the file `supervisor run --mcp-config` reads: the mcpServers
// of an MCP client's configuration, and optionally a toolPolicy.
type MCPFile struct {
	MCPServers map[string]MCPServer `json:"mcpServers"`
	ToolPolicy map[string][]string  `json:"toolPolicy,omitempty"`
}

// LoadMCPFile reads an MCP configuration file strictly (unknown keys are
// errors) and checks it.
func LoadMCPFile(path string) (MCPFile, error) {
	var f MCPFile
	if err := decodeFile(path, &f); err != nil {
		return f, err
	}
	if err := CheckMCP(f.MCPServers, f.ToolPolicy); err != nil {
		return f, fmt.Errorf("config: %s: %w", path, err)
	}
	return f, nil
}

// CheckServerName checks an MCP server's name: an identifier (ASCII
// letters, digits, _ and $, not starting with a digit) of at most
// MaxMCPNameBytes, since the code reaches the server's tools as
// tools.<name>.
func CheckServerName(name string) error {
	if name == "" {
		return fmt.Errorf("an MCP server's name is empty")
	}
	if len(name) > MaxMCPNameBytes {
		return fmt.Errorf("the MCP server name %q is over %d bytes", name, MaxMCPNameBytes)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9')) {
			return fmt.Errorf("the MCP server name %q is not an identifier (ASCII letters, digits, _ and $, not starting with a digit): the code calls tools.<name>.<tool>", name)
		}
	}
	switch name {
	case "__proto__", "constructor", "prototype":
		return fmt.Errorf("the MCP server name %q is reserved", name)
	}
	return nil
}

// CheckMCP checks mcpServers and toolPolicy: names are identifiers,
// each server has exactly one of command and url (an http or https URL),
// the counts are bounded, and the policy names only agents (or "*") and
// configured servers, or tools of them ("server.tool"), or "*".
func CheckMCP(servers map[string]MCPServer, policy map[string][]string) error {
	if len(servers) > MaxMCPServers {
		return fmt.Errorf("mcpServers: %d servers, over the cap of %d", len(servers), MaxMCPServers)
	}
	names := make([]string, 0, len(servers))
	for n := range servers {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s := servers[n]
		if err := CheckServerName(n); err != nil {
			return fmt.Errorf("mcpServers: %v", err)
		}
		where := fmt.Sprintf("mcpServers.%s", n)
		switch {
		case s.Command == "" && s.URL == "":
			return fmt.Errorf("%s: give a command (a server on standard input and output) or a url (streamable HTTP)", where)
		case s.Command != "" && s.URL != "":
			return fmt.Errorf("%s: give either a command or a url, not both", where)
		}
		if s.URL != "" {
			if len(s.Args) > 0 || len(s.Env) > 0 {
				return fmt.Errorf("%s: args and env apply to a command, not to a url", where)
			}
			u, err := url.Parse(s.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return fmt.Errorf("%s: url %q is not an http or https URL", where, s.URL)
			}
		}
		switch s.Type {
		case "":
		case "stdio":
			if s.Command == "" {
				return fmt.Errorf("%s: type stdio needs a command", where)
			}
		case "http", "streamable-http", "streamableHttp":
			if s.URL == "" {
				return fmt.Errorf("%s: type %s needs a url", where, s.Type)
			}
		default:
			return fmt.Errorf("%s: type %q is not stdio or http (streamable HTTP)", where, s.Type)
		}
		if len(s.Args) > MaxMCPArgs {
			return fmt.Errorf("%s: %d args, over the cap of %d", where, len(s.Args), MaxMCPArgs)
		}
		if len(s.Env) > MaxMCPEnv {
			return fmt.Errorf("%s: %d env entries, over the cap of %d", where, len(s.Env), MaxMCPEnv)
		}
		for k, v := range s.Env {
			if k == "" || strings.ContainsAny(k, "=\x00") || strings.ContainsRune(v, 0) {
				return fmt.Errorf("%s: env %q is not a valid environment variable", where, k)
			}
		}
		for _, a := range s.Args {
			if strings.ContainsRune(a, 0) {
				return fmt.Errorf("%s: an argument holds a NUL byte", where)
			}
		}
	}
	if len(policy) > MaxToolPolicyKeys {
		return fmt.Errorf("toolPolicy: %d agents, over the cap of %d", len(policy), MaxToolPolicyKeys)
	}
	for agent, list := range policy {
		if agent == "" || len(agent) > 128 {
			return fmt.Errorf("toolPolicy: %q is not an agent id or *", agent)
		}
		if len(list) > MaxToolPolicyList {
			return fmt.Errorf("toolPolicy.%s: %d entries, over the cap of %d", agent, len(list), MaxToolPolicyList)
		}
		for _, e := range list {
			if e == "*" {
				continue
			}
			server, tool, dotted := strings.Cut(e, ".")
			if _, ok := servers[server]; !ok {
				return fmt.Errorf("toolPolicy.%s: %q names no configured MCP server (entries are a server, server.tool, or *)", agent, e)
			}
			if dotted && (tool == "" || strings.Contains(tool, ".")) {
				return fmt.Errorf("toolPolicy.%s: %q is not server.tool", agent, e)
			}
		}
	}
	return nil
}
