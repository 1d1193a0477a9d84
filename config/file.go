package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// File is the daemon's configuration file (`supervisor serve --config`):
// JSON, with the keys below; every one is optional. The runtime settings
// are under "limits", with the same keys GET and PATCH /v1/config use, and
// a change made through PATCH is written back here.
//
//	{
//	  "socket": "/run/codexec/supervisor.sock",
//	  "socketMode": "0660",
//	  "socketGroup": "codexec",
//	  "dataDir": "/var/lib/codexec",
//	  "mongoUri": "mongodb://127.0.0.1:27017",
//	  "hostId": "node-3",
//	  "mongo": {"w": "majority", "readPreference": "secondaryPreferred", "timeoutMS": 30000},
//	  "policy": {"1000": ["agent-a", "agent-b"], "1001": ["*"]},
//	  "limits": {"timeout": 5000, "memoryLimit": 256}
//	}
type File struct {
	Socket      string `json:"socket,omitempty"`      // socket path
	SocketMode  string `json:"socketMode,omitempty"`  // octal file mode of the socket (0660)
	SocketGroup string `json:"socketGroup,omitempty"` // group of the socket: a name or a gid
	DataDir     string `json:"dataDir,omitempty"`     // audit outbox and embedded store
	MongoURI    string `json:"mongoUri,omitempty"`    // MongoDB audit store; none: the embedded one
	MongoDB     string `json:"mongoDb,omitempty"`     // MongoDB database (codexec)
	HostID      string `json:"hostId,omitempty"`      // this supervisor's name in its audit records (the host name)
	// Mongo are the MongoDB client settings (write concern, read
	// preference of history and stats, timeouts); see MongoOptions.
	Mongo      MongoOptions `json:"mongo,omitzero"`
	Durability string       `json:"durability,omitempty"` // batch (default) or sync
	Runner     string       `json:"runner,omitempty"`     // the runner executable
	LogFormat  string       `json:"logFormat,omitempty"`  // text (default) or json

	MaxConcurrent int     `json:"maxConcurrent,omitempty"` // executions at once (two per core)
	MaxQueue      int     `json:"maxQueue,omitempty"`      // executions waiting for a slot (4 × maxConcurrent)
	CPUCores      float64 `json:"cpuCores,omitempty"`      // CPU limit per runner, in cores (unlimited)

	AllowWeakIsolation bool   `json:"allowWeakIsolation,omitempty"` // run without root or cgroups (weaker; loud)
	CgroupRoot         string `json:"cgroupRoot,omitempty"`         // the cgroup runner groups go under (default: the supervisor's own)

	// Policy maps uids (as strings) to the agent ids they may act as; "*"
	// allows any. Without a policy anyone who can connect may act as any
	// agent. Root is never limited.
	Policy map[string][]string `json:"policy,omitempty"`
	// Admins are uids besides root and the supervisor's own that may change
	// the configuration.
	Admins []int `json:"admins,omitempty"`

	// MCPServers are upstream MCP servers whose tools the code may call as
	// tools.<server>.<tool>(args) ("code mode"), in the shape MCP clients
	// configure them (see MCPServer).
	MCPServers map[string]MCPServer `json:"mcpServers,omitempty"`
	// ToolPolicy maps agent ids ("*": any other agent) to the MCP servers
	// ("github") or tools ("crm.findCustomer") their code may call, "*"
	// for all. Without a toolPolicy every agent may call every configured
	// server's tools; with one, an agent it does not name (and no "*"
	// key) may call none.
	ToolPolicy map[string][]string `json:"toolPolicy,omitempty"`

	Limits Limits `json:"limits"`
}

// DefaultFile is a File with the default limits.
func DefaultFile() File { return File{Limits: DefaultLimits()} }

// decodeFile decodes the JSON file at path into v strictly: unknown keys
// are errors.
func decodeFile(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("config: %s: %w", path, err)
	}
	return nil
}

// LoadFile reads a configuration file strictly: unknown keys are errors
// (a typo must not silently leave a default in place).
func LoadFile(path string) (File, error) {
	f := DefaultFile()
	if err := decodeFile(path, &f); err != nil {
		return f, err
	}
	if err := f.Validate(); err != nil {
		return f, fmt.Errorf("config: %s: %w", path, err)
	}
	return f, nil
}

// Validate checks the file's settings.
func (f File) Validate() error {
	if err := f.Limits.Validate(); err != nil {
		return err
	}
	if f.SocketMode != "" {
		if _, err := f.Mode(); err != nil {
			return err
		}
	}
	for uid := range f.Policy {
		if n, err := strconv.Atoi(uid); err != nil || n < 0 {
			return fmt.Errorf("config: policy key %q is not a uid", uid)
		}
	}
	switch f.LogFormat {
	case "", "text", "json":
	default:
		return fmt.Errorf("config: logFormat %q is not text or json", f.LogFormat)
	}
	if err := CheckMCP(f.MCPServers, f.ToolPolicy); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	if err := CheckCgroupRoot(f.CgroupRoot); err != nil {
		return err
	}
	if f.HostID != "" {
		if err := CheckHostID(f.HostID); err != nil {
			return fmt.Errorf("config: hostId: %w", err)
		}
	}
	if err := f.Mongo.Validate(); err != nil {
		return fmt.Errorf("config: mongo: %w", err)
	}
	if f.MaxConcurrent < 0 || f.MaxQueue < 0 || f.CPUCores < 0 {
		return fmt.Errorf("config: maxConcurrent, maxQueue and cpuCores may not be negative")
	}
	return nil
}

// CheckCgroupRoot accepts an absolute cgroup path without "." or ".."
// components, or "" for the supervisor's own group.
func CheckCgroupRoot(p string) error {
	if p == "" {
		return nil
	}
	if !strings.HasPrefix(p, "/") {
		return fmt.Errorf("config: cgroupRoot %q is not an absolute path (e.g. /codexec.slice)", p)
	}
	for _, part := range strings.Split(p, "/") {
		if part == "." || part == ".." {
			return fmt.Errorf("config: cgroupRoot %q may not contain . or .. components", p)
		}
	}
	return nil
}

// Mode parses SocketMode (default 0660).
func (f File) Mode() (os.FileMode, error) {
	if f.SocketMode == "" {
		return 0o660, nil
	}
	n, err := strconv.ParseUint(f.SocketMode, 8, 32)
	if err != nil || n > 0o777 {
		return 0, fmt.Errorf("config: socketMode %q is not an octal file mode", f.SocketMode)
	}
	return os.FileMode(n), nil
}

// PolicyByUID converts Policy to uids.
func (f File) PolicyByUID() map[int][]string {
	if f.Policy == nil {
		return nil
	}
	m := map[int][]string{}
	for k, v := range f.Policy {
		n, _ := strconv.Atoi(k)
		m[n] = v
	}
	return m
}

// SaveLimits writes l into the file at path, keeping its other settings,
// atomically (a temporary file renamed over it).
func SaveLimits(path string, l Limits) error {
	f, err := LoadFile(path)
	if err != nil {
		return err
	}
	f.Limits = l
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".codexec-config-*")
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	defer os.Remove(tmp.Name())
	if fi, err := os.Stat(path); err == nil {
		_ = tmp.Chmod(fi.Mode().Perm())
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("config: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("config: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	return nil
}
