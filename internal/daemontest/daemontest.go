// Package daemontest runs the real supervisor daemon (`supervisor serve`,
// the binary testutil.Supervisor builds) for end-to-end tests, talks to it
// over its socket, and looks at it from outside: its runner processes, its
// runner cgroups, its descriptors, threads, goroutines and resident memory.
//
// It is test support: the soak test (package soak) and the fault-injection
// tests (package faults) use it.
//
// # Concurrency
//
// A Daemon may be used from any number of goroutines.
package daemontest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"codexec/api/client"
	"codexec/api/wire"
	"codexec/config"
	"codexec/internal/testutil"
	"codexec/limits/cgroups"
	"codexec/result"
)

// Options say how to start a daemon. Zero values take the defaults of
// `supervisor serve` unless noted.
type Options struct {
	MongoURI string // the MongoDB audit store; empty: the embedded one
	MongoDB  string // its database
	DataDir  string // the data directory (default: a new temporary one)
	Socket   string // the socket path (default: in a new temporary directory)
	Runner   string // the runner executable (default: testutil.Runner)
	// MaxConcurrent and MaxQueue bound admission.
	MaxConcurrent, MaxQueue int
	// Limits, when set, changes the default limits.
	Limits func(*config.Limits)
	// Args are more arguments of `supervisor serve` (flags that have no
	// place in the configuration file, such as --max-connections).
	Args []string
	// Command, when set, makes the command that runs the supervisor with
	// these arguments (to run it inside a wrapper); its PID must then be
	// given by PID. Default: the supervisor itself.
	Command func(args []string) *exec.Cmd
	PID     func() int
}

// Daemon is one running supervisor daemon.
type Daemon struct {
	Socket  string
	DataDir string
	Client  *client.Client // the project's own Go client
	cmd     *exec.Cmd
	pid     int
	tr      *http.Transport
	http    *http.Client
	log     *testutil.SyncBuffer
	exited  chan struct{}
	waitErr error
}

// Start writes a configuration file, starts the daemon, and returns once
// it answers on its socket. The daemon is killed when the test ends, if it
// still runs; its log is printed when the test failed.
func Start(t testing.TB, o Options) *Daemon {
	t.Helper()
	if o.Runner == "" {
		o.Runner = testutil.Runner(t)
	}
	if o.DataDir == "" {
		o.DataDir = filepath.Join(shortTempDir(t), "data")
	}
	if o.Socket == "" {
		o.Socket = filepath.Join(shortTempDir(t), "s.sock")
	}
	f := config.DefaultFile()
	f.Socket, f.SocketMode, f.DataDir, f.Runner = o.Socket, "0600", o.DataDir, o.Runner
	f.MongoURI, f.MongoDB = o.MongoURI, o.MongoDB
	f.MaxConcurrent, f.MaxQueue = o.MaxConcurrent, o.MaxQueue
	f.LogFormat = "json"
	if o.Limits != nil {
		o.Limits(&f.Limits)
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(filepath.Dir(o.Socket), "config.json")
	if err := os.WriteFile(cfgPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"serve", "--config", cfgPath}, o.Args...)
	var cmd *exec.Cmd
	if o.Command != nil {
		cmd = o.Command(args)
	} else {
		cmd = exec.Command(testutil.Supervisor(t), args...)
		cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + filepath.Dir(o.Socket)}
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	}
	d := &Daemon{Socket: o.Socket, DataDir: o.DataDir, cmd: cmd, log: &testutil.SyncBuffer{}, exited: make(chan struct{})}
	if cmd.Stderr == nil {
		cmd.Stderr = d.log
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the supervisor: %v", err)
	}
	go func() {
		d.waitErr = cmd.Wait()
		close(d.exited)
	}()
	t.Cleanup(func() {
		// Gracefully, so that its runner cgroups go with it.
		_ = d.Stop(time.Minute)
		if t.Failed() {
			t.Logf("supervisor log:\n%s", d.Log())
		}
	})
	d.pid = cmd.Process.Pid
	if o.PID != nil {
		d.pid = o.PID()
	}
	d.connect()
	if err := d.WaitReachable(30 * time.Second); err != nil {
		t.Fatalf("%v\nlog:\n%s", err, d.Log())
	}
	return d
}

// shortTempDir is a new temporary directory with a short path (a socket
// path must fit in 108 bytes), removed when the test ends.
func shortTempDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "cx-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func (d *Daemon) connect() {
	d.tr = &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var dl net.Dialer
			return dl.DialContext(ctx, "unix", d.Socket)
		},
		MaxIdleConnsPerHost: 64,
		IdleConnTimeout:     30 * time.Second,
	}
	d.http = &http.Client{Transport: d.tr}
	d.Client = client.New(d.Socket)
}

// WaitReachable waits until the daemon answers, or fails when it exits
// or the time is up.
func (d *Daemon) WaitReachable(within time.Duration) error {
	deadline := time.Now().Add(within)
	for !d.Client.Reachable(context.Background()) {
		select {
		case <-d.exited:
			return fmt.Errorf("the supervisor exited before it answered: %v", d.waitErr)
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the supervisor did not answer on %s within %v", d.Socket, within)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// PID is the supervisor's process id.
func (d *Daemon) PID() int { return d.pid }

// Log is what the supervisor logged so far.
func (d *Daemon) Log() string { return d.log.String() }

// Exited is closed when the supervisor process has exited.
func (d *Daemon) Exited() <-chan struct{} { return d.exited }

// ExitErr is how the process ended (after Exited is closed).
func (d *Daemon) ExitErr() error { return d.waitErr }

// Kill sends SIGKILL to the supervisor (as a crash would) and waits for it
// to be reaped.
func (d *Daemon) Kill() {
	select {
	case <-d.exited:
		return
	default:
	}
	_ = d.cmd.Process.Signal(syscall.SIGKILL)
	<-d.exited
}

// Stop sends SIGTERM and waits (at most within) for the supervisor to
// exit, returning how it exited.
func (d *Daemon) Stop(within time.Duration) error {
	select {
	case <-d.exited:
		return d.waitErr
	default:
	}
	_ = d.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-d.exited:
		return d.waitErr
	case <-time.After(within):
		d.Kill()
		return fmt.Errorf("the supervisor did not exit within %v of SIGTERM", within)
	}
}

// CloseIdle closes the client connections kept alive, so that the daemon's
// side of them goes too before it is measured.
func (d *Daemon) CloseIdle() {
	d.tr.CloseIdleConnections()
	d.Client.CloseIdleConnections()
}

// Execute posts one execution and returns its result; status is the HTTP
// status (200 for any result; 429 when overloaded, with err set).
func (d *Daemon) Execute(ctx context.Context, req wire.ExecuteRequest) (res result.Result, status int, err error) {
	body, err := json.Marshal(req)
	if err != nil {
		return res, 0, err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://codexec/v1/executions", bytes.NewReader(body))
	if err != nil {
		return res, 0, err
	}
	hreq.Header.Set("Content-Type", "application/json")
	resp, err := d.http.Do(hreq)
	if err != nil {
		return res, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return res, resp.StatusCode, fmt.Errorf("read the answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return res, resp.StatusCode, fmt.Errorf("POST /v1/executions: %d %s", resp.StatusCode, bytes.TrimSpace(b))
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return res, resp.StatusCode, fmt.Errorf("decode the result: %w", err)
	}
	return res, resp.StatusCode, nil
}

// Health is GET /healthz.
func (d *Daemon) Health(ctx context.Context) (wire.Health, error) {
	return d.Client.Health(ctx)
}

// Metrics scrapes GET /metrics into a map from each sample's name (with
// its labels, as written) to its value.
func (d *Daemon) Metrics(ctx context.Context) (map[string]float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://codexec/metrics", nil)
	if err != nil {
		return nil, err
	}
	resp, err := d.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err == nil {
			out[line[:i]] = v
		}
	}
	return out, sc.Err()
}

// Resources is the daemon as seen from outside at one moment.
type Resources struct {
	RSSKiB     int64    // resident memory (VmRSS)
	Threads    int      // OS threads
	FDs        int      // open descriptors
	Goroutines int      // go_goroutines from /metrics (-1 when unknown)
	Runners    []string // live child processes ("pid (name)")
	Cgroups    []string // its runner cgroups (exec-<pid>-*)
}

func (r Resources) String() string {
	return fmt.Sprintf("RSS %.1f MiB, %d threads, %d descriptors, %d goroutines, %d runners, %d runner cgroups",
		float64(r.RSSKiB)/1024, r.Threads, r.FDs, r.Goroutines, len(r.Runners), len(r.Cgroups))
}

// Resources looks at the daemon now.
func (d *Daemon) Resources(t testing.TB) Resources {
	t.Helper()
	var r Resources
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", d.pid))
	if err != nil {
		t.Fatalf("the supervisor's status: %v", err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		k, v, _ := strings.Cut(line, ":")
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		switch k {
		case "VmRSS":
			r.RSSKiB, _ = strconv.ParseInt(f[0], 10, 64)
		case "Threads":
			r.Threads, _ = strconv.Atoi(f[0])
		}
	}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", d.pid))
	if err != nil {
		t.Fatalf("the supervisor's descriptors: %v", err)
	}
	r.FDs = len(fds)
	r.Goroutines = -1
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if m, err := d.Metrics(ctx); err == nil {
		if g, ok := m["go_goroutines"]; ok {
			r.Goroutines = int(g)
		}
	}
	r.Runners = testutil.Children(d.pid)
	r.Cgroups = RunnerCgroups(t, d.pid)
	return r
}

// RunnerCgroups lists the runner cgroups of the supervisor with this pid
// (exec-<pid>-*, below the codexec group of the test's own cgroup, which
// the supervisor shares), each once (on cgroup v1 a group has a directory
// in every controller; the first found is listed).
func RunnerCgroups(t testing.TB, pid int) []string {
	t.Helper()
	m, err := cgroups.New()
	if err != nil {
		t.Fatalf("cgroups: %v", err)
	}
	prefix := fmt.Sprintf("exec-%d-", pid)
	seen := map[string]bool{}
	var out []string
	for _, parent := range m.Parents() { // one a controller on cgroup v1
		entries, _ := os.ReadDir(parent)
		for _, e := range entries {
			if e.IsDir() && strings.HasPrefix(e.Name(), prefix) && !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, filepath.Join(parent, e.Name()))
			}
		}
	}
	sort.Strings(out)
	return out
}

// ProcessesInCgroupsOf lists the processes of the host that sit in a
// runner cgroup of the supervisor with this pid.
func ProcessesInCgroupsOf(pid int) []string {
	mark := fmt.Sprintf("/exec-%d-", pid)
	files, _ := filepath.Glob("/proc/[0-9]*/cgroup")
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err == nil && bytes.Contains(b, []byte(mark)) {
			out = append(out, filepath.Base(filepath.Dir(f)))
		}
	}
	return out
}

// WaitQuiet waits until nothing is running or queued, the audit outbox is
// empty, no runner is alive beyond the pool's parked ones, and every
// runner cgroup belongs to one of them; it returns the last Resources and
// an error when that does not happen within the time.
func (d *Daemon) WaitQuiet(t testing.TB, within time.Duration) (Resources, error) {
	t.Helper()
	deadline := time.Now().Add(within)
	var why string
	var r Resources
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		h, err := d.Health(ctx)
		cancel()
		switch {
		case err != nil:
			why = "health: " + err.Error()
		case h.Running > 0 || h.Queued > 0:
			why = fmt.Sprintf("%d running, %d queued", h.Running, h.Queued)
		case h.Outbox.Records > 0:
			why = fmt.Sprintf("%d audit records in the outbox (%s)", h.Outbox.Records, h.Outbox.LastError)
		default:
			idle := 0
			if h.Pool != nil {
				idle = h.Pool.Idle
			}
			r = d.Resources(t)
			if len(r.Runners) == idle && len(r.Cgroups) == idle {
				return r, nil
			}
			why = fmt.Sprintf("%d runners and %d runner cgroups alive, %d parked in the pool", len(r.Runners), len(r.Cgroups), idle)
		}
		if time.Now().After(deadline) {
			return r, errors.New("not quiet after " + within.String() + ": " + why)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
