package hostile

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"codexec/internal/testutil"
	"codexec/limits/cgroups"
	"codexec/result"
)

// minSnippets is the least the corpus may hold.
const minSnippets = 80

// hangAfter is how long one `supervisor run` may take beyond its own
// timeout before the test calls it hung and kills it.
const hangAfter = 60 * time.Second

func TestMain(m *testing.M) {
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}

// snippet is one file of the corpus with its directives.
type snippet struct {
	name    string
	path    string
	expect  result.Status
	timeout string // --timeout, "" for the default
	memory  string // --memory, "" for the default
	context string // --context, "" for the default
	output  string // the exact output (as JSON), "" for any
	message string // a part of the error message, "" for any
}

// loadCorpus reads every .js and .ts file of dir and its directives.
func loadCorpus(t *testing.T, dir string) []snippet {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("read the corpus: %v", err)
	}
	var out []snippet
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".js" && ext != ".ts") {
			continue
		}
		s, err := parseSnippet(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		out = append(out, s)
	}
	return out
}

// parseSnippet reads the directives in the comment lines at the top of a
// snippet.
func parseSnippet(path string) (snippet, error) {
	s := snippet{name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), path: path}
	f, err := os.Open(path)
	if err != nil {
		return s, fmt.Errorf("open the snippet: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		rest, ok := strings.CutPrefix(line, "// ")
		if !strings.HasPrefix(line, "//") {
			break
		}
		key, val, found := strings.Cut(rest, ": ")
		if !ok || !found {
			continue
		}
		switch key {
		case "expect":
			s.expect = result.Status(val)
			if !s.expect.Valid() {
				return s, fmt.Errorf("expect: %q is not a status", val)
			}
		case "timeout":
			if _, err := time.ParseDuration(val); err != nil {
				return s, fmt.Errorf("timeout: %w", err)
			}
			s.timeout = val
		case "memory":
			if _, err := strconv.Atoi(val); err != nil {
				return s, fmt.Errorf("memory: %w", err)
			}
			s.memory = val
		case "context":
			if file, ok := strings.CutPrefix(val, "@"); ok {
				val = "@" + filepath.Join(filepath.Dir(path), file)
			}
			s.context = val
		case "output":
			if !json.Valid([]byte(val)) {
				return s, fmt.Errorf("output: %q is not JSON", val)
			}
			s.output = val
		case "message":
			s.message = val
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, bufio.ErrTooLong) {
		return s, fmt.Errorf("read the snippet: %w", err)
	}
	if s.expect == "" {
		return s, errors.New(`no "// expect: STATUS" line at the top`)
	}
	return s, nil
}

// host is what the snippets must not touch.
type host struct {
	sentinel string
	secret   string
	sum      [32]byte
	modTime  time.Time
	listener net.Listener
	accepted atomic.Int64

	mu          sync.Mutex
	supervisors []int // pids of every supervisor run
}

func newHost(t *testing.T) *host {
	t.Helper()
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	h := &host{secret: "codexec-secret-" + hex.EncodeToString(b[:])}
	h.sentinel = filepath.Join(t.TempDir(), "sentinel")
	if err := os.WriteFile(h.sentinel, []byte(h.secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.sum, h.modTime = h.state(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h.listener = ln
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			h.accepted.Add(1)
			c.Close()
		}
	}()
	return h
}

func (h *host) state(t *testing.T) ([32]byte, time.Time) {
	t.Helper()
	b, err := os.ReadFile(h.sentinel)
	if err != nil {
		t.Fatalf("the sentinel file: %v", err)
	}
	fi, err := os.Stat(h.sentinel)
	if err != nil {
		t.Fatalf("the sentinel file: %v", err)
	}
	return sha256.Sum256(b), fi.ModTime()
}

// defaultContext tells the snippets where the host's things are, so that
// an escape would have something to aim at.
func (h *host) defaultContext() string {
	b, _ := json.Marshal(map[string]any{"sentinel": h.sentinel, "port": h.listener.Addr().(*net.TCPAddr).Port})
	return string(b)
}

// TestHostileCorpus runs every snippet of testdata/hostile through
// `supervisor run --json` and checks its status, its exit code, its audit
// record, and the host.
func TestHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: end-to-end test")
	}
	testutil.RequireRoot(t) // the corpus's statuses assume full isolation
	corpus := loadCorpus(t, filepath.Join(testutil.ModuleRoot(t), "testdata", "hostile"))
	if len(corpus) < minSnippets {
		t.Fatalf("the hostile corpus has %d snippets, want at least %d", len(corpus), minSnippets)
	}
	bin, runner := testutil.Supervisor(t), testutil.Runner(t)
	h := newHost(t)
	home := t.TempDir()

	counts := map[result.Status]int{}
	var countsMu sync.Mutex
	start := time.Now()
	t.Run("corpus", func(t *testing.T) {
		for _, s := range corpus {
			t.Run(s.name, func(t *testing.T) {
				t.Parallel()
				res := runSnippet(t, h, bin, runner, home, s)
				countsMu.Lock()
				counts[res]++
				countsMu.Unlock()
			})
		}
	})
	t.Logf("%d snippets in %v: %s", len(corpus), time.Since(start).Round(time.Millisecond), testutil.FormatCounts(counts))

	if sum, mod := h.state(t); sum != h.sum || !mod.Equal(h.modTime) {
		t.Errorf("the sentinel file changed (content or time)")
	}
	if n := h.accepted.Load(); n > 0 {
		t.Errorf("the loopback listener was connected to %d times", n)
	}
	if kids := testutil.Children(os.Getpid()); len(kids) > 0 {
		t.Errorf("processes left behind: %v", kids)
	}
	h.mu.Lock()
	pids := h.supervisors
	h.mu.Unlock()
	assertNoRunners(t, pids)
}

// runSnippet runs one snippet and returns its status.
func runSnippet(t *testing.T, h *host, bin, runner, home string, s snippet) result.Status {
	t.Helper()
	dataDir := t.TempDir()
	args := []string{"run", s.path, "--json", "--data-dir", dataDir, "--agent", "hostile", "--runner", runner}
	budget := hangAfter + 5*time.Second
	if s.timeout != "" {
		args = append(args, "--timeout", s.timeout)
		d, _ := time.ParseDuration(s.timeout)
		budget = hangAfter + d
	}
	if s.memory != "" {
		args = append(args, "--memory", s.memory)
	}
	ctxArg := s.context
	if ctxArg == "" {
		ctxArg = h.defaultContext()
	}
	args = append(args, "--context", ctxArg)

	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + home, "CODEXEC_SOCKET=off"}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	begun := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the supervisor: %v", err)
	}
	h.mu.Lock()
	h.supervisors = append(h.supervisors, cmd.Process.Pid)
	h.mu.Unlock()
	err := cmd.Wait()
	took := time.Since(begun)
	if ctx.Err() != nil {
		t.Fatalf("the supervisor hung: killed after %v\nstderr: %.2000s", took, stderr.String())
	}
	exit := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee) && ee.Exited():
		exit = ee.ExitCode()
	case err != nil:
		t.Fatalf("the supervisor crashed: %v\nstderr: %.2000s", err, stderr.String())
	}
	for _, crash := range []string{"panic:", "fatal error:", "goroutine "} {
		if strings.Contains(stderr.String(), crash) {
			t.Errorf("the supervisor's stderr shows a crash (%q):\n%.4000s", crash, stderr.String())
		}
	}
	var res result.Result
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("stdout is not a result (exit %d): %v\nstdout: %.1000s\nstderr: %.2000s", exit, err, stdout.String(), stderr.String())
	}
	msg := ""
	if res.Error != nil {
		msg = res.Error.Message
	}
	t.Logf("%s in %v: %.300s", res.Status, took.Round(time.Millisecond), msg)
	if res.Status != s.expect {
		t.Errorf("status %s (%.500s), want %s", res.Status, msg, s.expect)
	}
	if exit != res.Status.ExitCode() {
		t.Errorf("exit code %d for status %s, want %d", exit, res.Status, res.Status.ExitCode())
	}
	if res.Status != result.OK && res.Error == nil {
		t.Errorf("status %s without an error", res.Status)
	}
	if res.Status == result.OK && !json.Valid(res.Output) {
		t.Errorf("ok with an output that is not JSON: %.200s", res.Output)
	}
	if s.output != "" && !testutil.SameJSON(res.Output, []byte(s.output)) {
		t.Errorf("output %.500s, want %s", res.Output, s.output)
	}
	if s.message != "" && !strings.Contains(msg, s.message) {
		t.Errorf("error message %q, want it to contain %q", msg, s.message)
	}
	if bytes.Contains(stdout.Bytes(), []byte(h.secret)) || strings.Contains(stderr.String(), h.secret) {
		t.Errorf("the sentinel's secret reached the result")
	}
	checkRecord(t, bin, home, dataDir, res)
	return res.Status
}

// checkRecord reads the execution's audit record back with
// `supervisor show` and compares it with the result.
func checkRecord(t *testing.T, bin, home, dataDir string, res result.Result) {
	t.Helper()
	cmd := exec.Command(bin, "show", res.ID, "--json", "--data-dir", dataDir)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + home, "CODEXEC_SOCKET=off"}
	out, err := cmd.Output()
	if err != nil {
		t.Errorf("supervisor show %s: %v", res.ID, err)
		return
	}
	var rec struct {
		ID     string        `json:"_id"`
		Status result.Status `json:"status"`
		Hash   string        `json:"codeHash"`
	}
	if err := json.Unmarshal(out, &rec); err != nil {
		t.Errorf("supervisor show: not a record: %v\n%.500s", err, out)
		return
	}
	if rec.ID != res.ID || rec.Status != res.Status || rec.Hash != res.CodeHash {
		t.Errorf("audit record %+v does not match the result (%s %s)", rec, res.ID, res.Status)
	}
}

// assertNoRunners checks that no runner cgroup of these supervisors is
// left, and that no process sits in one.
func assertNoRunners(t *testing.T, supervisors []int) {
	t.Helper()
	prefixes := make([]string, len(supervisors))
	for i, pid := range supervisors {
		prefixes[i] = fmt.Sprintf("exec-%d-", pid)
	}
	ours := func(s string) bool {
		for _, p := range prefixes {
			if strings.Contains(s, p) {
				return true
			}
		}
		return false
	}
	m, err := cgroups.New()
	if err != nil {
		t.Fatalf("cgroups: %v", err)
	}
	for _, parent := range m.Parents() {
		entries, _ := os.ReadDir(parent)
		for _, e := range entries {
			if ours(e.Name()) {
				t.Errorf("runner cgroup left behind: %s", filepath.Join(parent, e.Name()))
			}
		}
	}
	files, _ := filepath.Glob("/proc/[0-9]*/cgroup")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err == nil && ours(string(b)) {
			t.Errorf("a process is still in a runner cgroup: %s", filepath.Dir(f))
		}
	}
}
