package api

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"time"
)

// DefaultSocket is where the supervisor listens: /run/codexec/supervisor.sock
// for root, $XDG_RUNTIME_DIR/codexec/supervisor.sock otherwise (or a
// directory under /tmp named after the uid when that is unset).
func DefaultSocket(getenv func(string) string) string {
	if os.Geteuid() == 0 {
		return "/run/codexec/supervisor.sock"
	}
	if d := getenv("XDG_RUNTIME_DIR"); d != "" {
		return filepath.Join(d, "codexec", "supervisor.sock")
	}
	return filepath.Join(os.TempDir(), "codexec-"+strconv.Itoa(os.Geteuid()), "supervisor.sock")
}

// ErrSocketInUse is returned by Listen when a live supervisor answers on
// the socket already.
var ErrSocketInUse = errors.New("api: socket in use by a running supervisor")

// Listen listens on the Unix socket at path with the given file mode and
// group (a name or a gid; empty keeps the default). A socket file nobody
// answers on (left by a crash) is replaced; a live one is not.
func Listen(path string, mode os.FileMode, group string) (net.Listener, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("api: socket directory: %w", err)
	}
	if fi, err := os.Lstat(path); err == nil {
		if fi.Mode()&os.ModeSocket == 0 {
			return nil, fmt.Errorf("api: %s exists and is not a socket", path)
		}
		c, err := net.DialTimeout("unix", path, time.Second)
		if err == nil {
			c.Close()
			return nil, fmt.Errorf("%w: %s", ErrSocketInUse, path)
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("api: remove the stale socket: %w", err)
		}
	}
	l, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("api: listen: %w", err)
	}
	l.(*net.UnixListener).SetUnlinkOnClose(true)
	if err := os.Chmod(path, mode); err != nil {
		l.Close()
		return nil, fmt.Errorf("api: socket mode: %w", err)
	}
	if group != "" {
		gid, err := lookupGroup(group)
		if err != nil {
			l.Close()
			return nil, err
		}
		if err := os.Chown(path, -1, gid); err != nil {
			l.Close()
			return nil, fmt.Errorf("api: socket group: %w", err)
		}
	}
	return l, nil
}

func lookupGroup(group string) (int, error) {
	if gid, err := strconv.Atoi(group); err == nil {
		return gid, nil
	}
	g, err := user.LookupGroup(group)
	if err != nil {
		return 0, fmt.Errorf("api: socket group %q: %w", group, err)
	}
	return strconv.Atoi(g.Gid)
}

// Activated returns the listening socket systemd passed (socket
// activation: LISTEN_PID is this process and LISTEN_FDS is 1), or nil.
func Activated(getenv func(string) string) (net.Listener, error) {
	if getenv("LISTEN_PID") != strconv.Itoa(os.Getpid()) {
		return nil, nil
	}
	if n, _ := strconv.Atoi(getenv("LISTEN_FDS")); n != 1 {
		return nil, fmt.Errorf("api: socket activation passed %q sockets, want 1", getenv("LISTEN_FDS"))
	}
	f := os.NewFile(3, "systemd-socket")
	l, err := net.FileListener(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("api: activated socket: %w", err)
	}
	return l, nil
}
