package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"codexec/api"
	"codexec/api/client"
	"codexec/api/wire"
	"codexec/internal/daemontest"
	"codexec/internal/testutil"
)

// health runs `supervisor health` in-process and returns its exit code,
// stdout and stderr.
func health(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb strings.Builder
	st := &State{Args: append([]string{"health"}, args...), Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Executable: os.Executable}
	return Execute(st), out.String(), errb.String()
}

// oneLine fails the test unless out is exactly one line starting with
// prefix and holding every one of want.
func oneLine(t *testing.T, what, out, prefix string, want ...string) {
	t.Helper()
	if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") || !strings.HasPrefix(out, prefix) {
		t.Errorf("%s: want one line starting %q, got %q", what, prefix, out)
		return
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("%s: %q does not say %q", what, out, w)
		}
	}
}

// The real daemon: ready (exit 0, one line with what /healthz reports);
// after SIGTERM it has stopped and removed its socket: not ready (exit 1).
func TestHealthOfARealDaemon(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts a daemon")
	}
	testutil.RequireRoot(t)
	d := daemontest.Start(t, daemontest.Options{Args: []string{"--host-id", "node-7"}})
	code, out, errs := health(t, "--socket", d.Socket)
	if code != 0 || errs != "" {
		t.Fatalf("health of a running daemon: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	oneLine(t, "ready", out, "ready: ", "isolation full", "host node-7", "warm pool ", "running 0, queued 0", "store embedded, outbox 0", "version ")
	if h, err := client.New(d.Socket).Health(t.Context()); err != nil || h.IsolationMode != "root" || h.HostID != "node-7" {
		t.Errorf("/healthz: mode %q, host %q, %v; want root, node-7", h.IsolationMode, h.HostID, err)
	}
	t.Logf("%s", strings.TrimSpace(out))

	// The environment names the socket when the flag does not.
	var o strings.Builder
	st := &State{Args: []string{"health"}, Stdin: strings.NewReader(""), Stdout: &o, Stderr: io.Discard,
		Getenv: func(k string) string { return map[string]string{envSocket: d.Socket}[k] }, Executable: os.Executable}
	if code := Execute(st); code != 0 || !strings.HasPrefix(o.String(), "ready: ") {
		t.Errorf("health with $%s: exit %d, %q", envSocket, code, o.String())
	}

	if err := d.Stop(time.Minute); err != nil {
		t.Fatalf("stop: %v", err)
	}
	code, out, errs = health(t, "--socket", d.Socket)
	if code != 1 || errs != "" {
		t.Errorf("health after the daemon stopped: exit %d, stderr %q, want 1 and nothing", code, errs)
	}
	oneLine(t, "stopped", out, "not ready: ", "no socket at "+d.Socket)
}

// A daemon whose connections and /healthz reserve are all taken answers
// 503 too_many_connections: not ready, and the line says the code.
func TestHealthRefusedAtTheConnectionCap(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts a daemon")
	}
	testutil.RequireRoot(t)
	d := daemontest.Start(t, daemontest.Options{Args: []string{"--max-connections", "2"}})
	d.CloseIdle()
	dial := func() net.Conn {
		t.Helper()
		c, err := net.Dial("unix", d.Socket)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	// The first of the cap's two places, kept alive: the places are
	// counted on it (the harness client's idle connection, then the
	// reserve's answers below, are freed on the daemon's time).
	first := dial()
	waitConnectionsOpen(t, first, "1")
	// The second place, kept alive too; a third connection is then
	// answered from the reserve, and closed.
	if code, closing, _ := getOn(t, dial(), "/healthz"); code != 200 || closing {
		t.Fatalf("GET /healthz at the cap's second place: %d (closing %v)", code, closing)
	}
	if code, closing, _ := getOn(t, dial(), "/healthz"); code != 200 || !closing {
		t.Fatalf("GET /healthz beyond the cap: %d (closing %v), want 200 from the reserve, closed", code, closing)
	}
	waitConnectionsOpen(t, first, "2")
	// The reserve, held by connections that ask nothing (each lives at
	// most a few seconds: health must run now).
	for range api.HealthReserve {
		c, err := net.Dial("unix", d.Socket)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	code, out, _ := health(t, "--socket", d.Socket)
	if code != 1 {
		t.Errorf("health beyond the cap and its reserve: exit %d, %q, want 1", code, out)
	}
	oneLine(t, "refused", out, "not ready: ", "too_many_connections", "HTTP 503")
	t.Logf("%s", strings.TrimSpace(out))
}

// No daemon: no socket, a stale socket nobody listens on, a path that is
// not a socket, a socket that never answers. Each is exit 1 with one line
// saying which; nothing on stderr (a probe's event shows stdout).
func TestHealthUnreachable(t *testing.T) {
	dir, err := os.MkdirTemp("", "cx-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)

	missing := filepath.Join(dir, "missing.sock")
	code, out, errs := health(t, "--socket", missing)
	if code != 1 || errs != "" {
		t.Errorf("missing socket: exit %d, stderr %q", code, errs)
	}
	oneLine(t, "missing", out, "not ready: ", "no socket at "+missing)

	stale := filepath.Join(dir, "stale.sock")
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: stale, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	l.SetUnlinkOnClose(false)
	l.Close()
	code, out, _ = health(t, "--socket", stale)
	if code != 1 {
		t.Errorf("stale socket: exit %d", code)
	}
	oneLine(t, "stale", out, "not ready: ", "nothing listens on "+stale)

	plain := filepath.Join(dir, "plain")
	os.WriteFile(plain, nil, 0o600)
	code, out, _ = health(t, "--socket", plain)
	if code != 1 {
		t.Errorf("a plain file: exit %d", code)
	}
	oneLine(t, "plain file", out, "not ready: ", plain+" is not a socket")

	// Connections are accepted (by the kernel's backlog) and never
	// answered: the timeout ends it.
	mute := filepath.Join(dir, "mute.sock")
	ml, err := net.Listen("unix", mute)
	if err != nil {
		t.Fatal(err)
	}
	defer ml.Close()
	start := time.Now()
	code, out, _ = health(t, "--socket", mute, "--timeout", "300ms")
	took := time.Since(start)
	if code != 1 {
		t.Errorf("a socket that never answers: exit %d", code)
	}
	oneLine(t, "mute", out, "not ready: ", "no answer from "+mute+" within 300ms")
	if took > 20*time.Second {
		t.Errorf("health with --timeout 300ms took %v", took)
	}

	for _, bad := range [][]string{{"--timeout", "0s"}, {"--timeout", "soon"}, {"extra"}} {
		if code, _, errs := health(t, append([]string{"--socket", missing}, bad...)...); code != 2 || errs == "" {
			t.Errorf("health %q: exit %d, stderr %q, want a usage error (2)", bad, code, errs)
		}
	}
}

// As a uid the socket does not admit (the real daemon's socket is 0600,
// root's): permission denied, first for the directory on the way, then
// for the socket itself, from the real binary run as nobody.
func TestHealthPermissionDenied(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts a daemon")
	}
	testutil.RequireRoot(t)
	d := daemontest.Start(t, daemontest.Options{})
	// The binary where nobody may run it.
	binDir, err := os.MkdirTemp("", "cx-bin-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(binDir)
	os.Chmod(binDir, 0o755)
	b, err := os.ReadFile(testutil.Supervisor(t))
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(binDir, "supervisor")
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	asNobody := func() (int, string, string) {
		cmd := exec.Command(bin, "health", "--socket", d.Socket)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), out.String(), errb.String()
	}

	sockDir := filepath.Dir(d.Socket)
	os.Chmod(sockDir, 0o700)
	code, out, errs := asNobody()
	if code != 1 || errs != "" {
		t.Errorf("closed directory: exit %d, stderr %q", code, errs)
	}
	oneLine(t, "closed directory", out, "not ready: ", "permission denied", "uid 65534")

	os.Chmod(sockDir, 0o755)
	code, out, _ = asNobody()
	if code != 1 {
		t.Errorf("socket 0600: exit %d", code)
	}
	oneLine(t, "socket 0600", out, "not ready: ", "permission denied on "+d.Socket, "mode 0600", "owner uid 0", "uid 65534")
	t.Logf("%s", strings.TrimSpace(out))

	// The same socket opened to others: ready.
	os.Chmod(d.Socket, 0o666)
	if code, out, _ = asNobody(); code != 0 || !strings.HasPrefix(out, "ready: ") {
		t.Errorf("socket 0666 as nobody: exit %d, %q", code, out)
	}
}

// While the daemon stops, a /healthz already in flight is answered 503
// with the health body and status "stopping" (api.Server.health; new
// connections are refused by then): not ready, and the line says so.
func TestHealthStoppingAnswer(t *testing.T) {
	body, _ := json.Marshal(wire.Health{Status: "stopping", Isolation: "full", Version: "v0.1.0"})
	// As the client hands over a non-2xx answer that is not {code, message}.
	err := &client.Error{Status: 503, Code: "http_503", Message: string(body)}
	got := healthError("/run/codexec/supervisor.sock", nil, time.Second, fmt.Errorf("wrapped: %w", err))
	if !strings.HasPrefix(got, "stopping (shutting down") {
		t.Errorf("a 503 stopping answer: %q", got)
	}
}

// waitConnectionsOpen asks GET /metrics on c, a connection served below
// the cap and kept alive, until codexec_connections_open is want. The
// daemon frees a place when it has closed its side of a connection, which
// may be after the client has seen the end of it: a test that counts the
// places waits for each this way.
func waitConnectionsOpen(t *testing.T, c net.Conn, want string) {
	t.Helper()
	open := regexp.MustCompile(`(?m)^codexec_connections_open (\S+)$`)
	for deadline := time.Now().Add(10 * time.Second); ; {
		code, closing, body := getOn(t, c, "/metrics")
		if code != 200 || closing {
			t.Fatalf("GET /metrics below the cap: %d (closing %v)", code, closing)
		}
		m := open.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no codexec_connections_open in /metrics:\n%s", body)
		}
		if m[1] == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("codexec_connections_open is %s after 10 s, want %s", m[1], want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// getOn sends GET path on c and reads the answer: its status, whether
// the daemon closes the connection after it, and its body.
func getOn(t *testing.T, c net.Conn, path string) (int, bool, string) {
	t.Helper()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.Write([]byte("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: no answer: %v", path, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Close, string(body)
}
