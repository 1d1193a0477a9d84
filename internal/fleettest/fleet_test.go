package fleettest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"codexec/api/client"
	"codexec/api/wire"
	"codexec/audit"
	"codexec/audit/mongostore"
	"codexec/config"
	"codexec/internal/testutil"
	"codexec/result"
)

// The test binary doubles as a helper run inside a host's namespace (to
// read the database over the test's network) when helperEnv is set.
const helperEnv = "CODEXEC_FLEETTEST_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "dump" {
		if err := dump(os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "fleettest helper:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}

// stored is one record as the dump helper reports it.
type stored struct {
	ID         string        `json:"id"`
	HostID     string        `json:"hostId"`
	AgentID    string        `json:"agentId"`
	Status     result.Status `json:"status"`
	ExecutedAt time.Time     `json:"executedAt"`
}

// dump prints every record of agent FLEET_AGENT executed in
// [FLEET_SINCE, FLEET_UNTIL), one JSON line each, reading History in
// windows of ten seconds, halved where a window holds MaxLimit records
// (a query returns at most that many). Each query has its own time: the
// server is slow to scan on a loaded machine.
func dump(w io.Writer) error {
	since, err1 := time.Parse(time.RFC3339Nano, os.Getenv("FLEET_SINCE"))
	until, err2 := time.Parse(time.RFC3339Nano, os.Getenv("FLEET_UNTIL"))
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	s, err := mongostore.Open(mongostore.Options{URI: os.Getenv("FLEET_URI"), Database: os.Getenv("FLEET_DB")})
	if err != nil {
		return err
	}
	defer s.Close()
	enc := json.NewEncoder(w)
	window := 10 * time.Second
	for from := since; from.Before(until); {
		to := from.Add(window)
		if to.After(until) {
			to = until
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		recs, err := s.History(ctx, audit.Filter{AgentID: os.Getenv("FLEET_AGENT"), Since: from, Until: to, Limit: audit.MaxLimit})
		cancel()
		if err != nil {
			return err
		}
		if len(recs) == audit.MaxLimit {
			if window < time.Millisecond {
				return fmt.Errorf("%d records between %s and %s: the window is too full to be read whole", len(recs), from, to)
			}
			window /= 2
			continue
		}
		for _, r := range recs {
			if err := enc.Encode(stored{r.ID, r.HostID, r.AgentID, r.Status, r.ExecutedAt}); err != nil {
				return err
			}
		}
		from = to
	}
	return nil
}

const (
	agentID       = "fleet-agent"
	agentsPerHost = 2
	database      = "codexec_fleet"
	cutOff        = 10 * time.Second // how long host 2 is cut off from the database
)

// host is one supervisor daemon in its namespace.
type host struct {
	t        *testing.T
	i        int // 1-based
	id       string
	ns       netns
	dir      string // its data directory, socket and configuration
	sock     string
	cfg      string
	super    string // the supervisor binary
	c        *client.Client
	mu       sync.Mutex
	cmd      *exec.Cmd
	exited   chan struct{}
	log      *testutil.SyncBuffer
	logs     []string // the logs of processes that ended
	restarts int
}

// start starts the supervisor and waits until it answers. Host 1 names
// itself with hostId in the configuration file, host 2 with
// $CODEXEC_HOST_ID, host 3 with --host-id.
func (h *host) start() {
	t := h.t
	t.Helper()
	args := []string{"serve", "--config", h.cfg}
	env := []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=" + h.dir}
	switch h.i {
	case 2:
		env = append(env, audit.EnvHostID+"="+h.id)
	case 3:
		args = append(args, "--host-id", h.id)
	}
	cmd := h.ns.command(h.super, args...)
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	log := &testutil.SyncBuffer{}
	cmd.Stderr = log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", h.id, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	h.mu.Lock()
	h.cmd, h.exited, h.log = cmd, exited, log
	h.mu.Unlock()
	deadline := time.Now().Add(30 * time.Second)
	for !h.c.Reachable(context.Background()) {
		select {
		case <-exited:
			t.Fatalf("%s exited before it answered:\n%s", h.id, log.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer within 30 s:\n%s", h.id, log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// nsenter execs the supervisor: the process is the supervisor itself,
	// so that SIGKILL reaches it and nothing else.
	if comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", cmd.Process.Pid)); strings.TrimSpace(string(comm)) != "supervisor" {
		t.Fatalf("%s: process %d is %q, not the supervisor", h.id, cmd.Process.Pid, comm)
	}
}

// kill sends SIGKILL, as a crash would, and waits for the process to go.
func (h *host) kill() {
	h.mu.Lock()
	cmd, exited, log := h.cmd, h.exited, h.log
	h.mu.Unlock()
	_ = cmd.Process.Signal(syscall.SIGKILL)
	<-exited
	h.mu.Lock()
	h.logs = append(h.logs, log.String())
	h.mu.Unlock()
}

// stop stops the supervisor gracefully (its runners' cgroups go with it).
func (h *host) stop() {
	h.mu.Lock()
	cmd, exited := h.cmd, h.exited
	h.mu.Unlock()
	if cmd == nil {
		return
	}
	select {
	case <-exited:
		return
	default:
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(time.Minute):
		h.kill()
	}
}

func (h *host) currentLog() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.log.String()
}

// agents keeps executions going on one host until stopped, and remembers
// every execution answered with a result.
type agents struct {
	mu       sync.Mutex
	answered map[string]string // execution id → host id, status ok
	other    map[result.Status]int
	failed   map[string]int // host id → requests that got no result (daemon down, refused)
	perHost  map[string]int // host id → ok results
	stop     chan struct{}
	wg       sync.WaitGroup
	n        atomic.Int64
	lastErr  map[string]string
}

func newAgents() *agents {
	return &agents{answered: map[string]string{}, other: map[result.Status]int{}, failed: map[string]int{},
		perHost: map[string]int{}, stop: make(chan struct{}), lastErr: map[string]string{}}
}

func (a *agents) okCount(host string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.perHost[host]
}

// run is one agent on h: an execution at a time, a short pause between.
func (a *agents) run(h *host, k int) {
	defer a.wg.Done()
	for {
		select {
		case <-a.stop:
			return
		default:
		}
		n := a.n.Add(1)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		res, err := h.c.Execute(ctx, wire.ExecuteRequest{Code: "return context.n * 2", Context: json.RawMessage(fmt.Sprintf(`{"n":%d}`, n)),
			AgentID: agentID, ChannelID: fmt.Sprintf("%s-agent-%d", h.id, k)})
		cancel()
		a.mu.Lock()
		switch {
		case err != nil:
			a.failed[h.id]++
			a.lastErr[h.id] = err.Error()
		case res.Status == result.OK && string(res.Output) == fmt.Sprint(2*n):
			a.answered[res.ID] = h.id
			a.perHost[h.id]++
		default:
			a.other[res.Status]++
			a.lastErr[h.id] = fmt.Sprintf("%s: %v", res.Status, res.Error)
		}
		a.mu.Unlock()
		if err != nil {
			time.Sleep(50 * time.Millisecond) // the daemon is down, or busy
		} else {
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// waitFor polls cond every 50 ms, failing the test after within.
func waitFor(t *testing.T, within time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > within {
			t.Fatalf("waited %s for %s", within, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return time.Since(start)
}

// Three supervisors, each in a network namespace of its own, audit to one
// FerretDB server in a fourth, under load from two agents per host. One
// supervisor is killed (SIGKILL) and restarted; another host is cut off
// from the database for ten seconds. Afterwards every execution answered
// with a result is in the fleet's audit trail exactly once, with its
// host; nothing else is there but what the killed supervisor recorded and
// could not answer; the fleet's and each host's statistics, through the
// socket API and the CLI, count what the trail holds.
func TestThreeHostsOneDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: a minute of load on three daemons")
	}
	testutil.RequireRoot(t)
	for _, tool := range []string{"ip", "nsenter"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("skipping: no %s (iproute2, util-linux)", tool)
		}
	}
	ferret := os.Getenv("FERRETDB_BIN")
	if ferret == "" {
		if os.Getenv("MONGODB_REQUIRED") == "1" {
			t.Fatal("MONGODB_REQUIRED=1 but FERRETDB_BIN is not set: run the tests through scripts/with-ferretdb.sh")
		}
		t.Skip("skipping: no FERRETDB_BIN (scripts/with-ferretdb.sh builds FerretDB and sets it)")
	}
	began := time.Now()
	super, runner := testutil.Supervisor(t), testutil.Runner(t)

	var nw *network
	t.Cleanup(func() { // last: nothing of the test's network may be left
		if nw != nil {
			if left := nw.leftovers(); len(left) > 0 {
				t.Errorf("network namespaces left: %v", left)
			}
		}
	})
	nw = newNetwork(t, 3)

	// The database server, in its namespace, on the bridge's address.
	dbDir := t.TempDir()
	db := nw.db.command(ferret, "-listen", nw.dbAddr()+":27017", "-dir", filepath.Join(dbDir, "data"), "-quiet")
	db.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	dbLog := &testutil.SyncBuffer{}
	db.Stderr = dbLog
	dbOut, err := db.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Start(); err != nil {
		t.Fatal(err)
	}
	dbDone := make(chan struct{})
	t.Cleanup(func() {
		_ = db.Process.Signal(syscall.SIGTERM)
		select {
		case <-dbDone:
		case <-time.After(10 * time.Second):
			_ = db.Process.Kill()
			<-dbDone
		}
		if t.Failed() {
			t.Logf("FerretDB log:\n%s", dbLog.String())
		}
	})
	first := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(dbOut)
		if sc.Scan() {
			first <- sc.Text()
		}
		close(first)
		_, _ = io.Copy(io.Discard, dbOut)
		_ = db.Wait()
		close(dbDone)
	}()
	select {
	case line, ok := <-first:
		if !ok {
			t.Fatalf("FerretDB exited:\n%s", dbLog.String())
		}
		t.Logf("FerretDB in %s: %s", nw.db.name, line)
	case <-time.After(30 * time.Second):
		t.Fatalf("FerretDB did not start:\n%s", dbLog.String())
	}
	uri := fmt.Sprintf("mongodb://%s:27017/?directConnection=true", nw.dbAddr())

	// The supervisors: each its own data directory (its outbox), the
	// same database; short MongoDB timeouts, so that a cut link fails
	// attempts quickly and the records wait in the outbox.
	hosts := make([]*host, 3)
	for i := range hosts {
		dir, err := os.MkdirTemp("", "cxf-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(dir) })
		h := &host{t: t, i: i + 1, id: fmt.Sprintf("fleet-h%d", i+1), ns: nw.hosts[i], dir: dir,
			sock: filepath.Join(dir, "s.sock"), cfg: filepath.Join(dir, "config.json"), super: super}
		h.c = client.New(h.sock)
		f := config.DefaultFile()
		f.Socket, f.SocketMode, f.DataDir, f.Runner, f.LogFormat = h.sock, "0600", filepath.Join(dir, "data"), runner, "json"
		f.MongoURI, f.MongoDB = uri, database
		if h.i == 1 {
			f.HostID = h.id
		}
		yes := true
		f.Mongo = config.MongoOptions{W: "majority", Journal: &yes, RetryWrites: &yes,
			ConnectTimeoutMS: 2000, ServerSelectionTimeoutMS: 2000, TimeoutMS: 5000}
		f.MaxConcurrent, f.Limits.PoolSize = 2, 2
		b, _ := json.MarshalIndent(f, "", "  ")
		if err := os.WriteFile(h.cfg, b, 0o600); err != nil {
			t.Fatal(err)
		}
		hosts[i] = h
		t.Cleanup(func() {
			h.stop()
			if t.Failed() {
				h.mu.Lock()
				t.Logf("%s log:\n%s%s", h.id, strings.Join(h.logs, "\n--- restarted ---\n"), h.log.String())
				h.mu.Unlock()
			}
		})
		h.start()
	}
	h1, h2 := hosts[0], hosts[1]

	// Load: two agents per host, until the end.
	ag := newAgents()
	for _, h := range hosts {
		for k := range agentsPerHost {
			ag.wg.Add(1)
			go ag.run(h, k)
		}
	}
	stopLoad := sync.OnceFunc(func() { close(ag.stop); ag.wg.Wait() })
	t.Cleanup(stopLoad)
	for _, h := range hosts {
		waitFor(t, 30*time.Second, h.id+"'s first executions", func() bool { return ag.okCount(h.id) >= 20 })
	}

	// SIGKILL host 1's supervisor under load; restart it a moment later.
	beforeKill := ag.okCount(h1.id)
	killedAt := time.Now()
	h1.kill()
	time.Sleep(time.Second)
	h1.start()
	restartedAt := time.Now()
	waitFor(t, 30*time.Second, h1.id+" answering again", func() bool { return ag.okCount(h1.id) >= beforeKill+20 })

	// Cut host 2 off from the database; it keeps answering, its records
	// wait in its outbox.
	health := func(h *host) wire.Health {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hl, err := h.c.Health(ctx)
		if err != nil {
			t.Fatalf("%s /healthz: %v", h.id, err)
		}
		return hl
	}
	okBeforeCut := ag.okCount(h2.id)
	nw.setLink(t, 1, false)
	cutAt := time.Now()
	time.Sleep(cutOff)
	during := health(h2)
	okDuringCut := ag.okCount(h2.id) - okBeforeCut
	nw.setLink(t, 1, true)
	upAt := time.Now()
	if during.Outbox.Records == 0 || during.Outbox.OldestAgeSeconds < 5 {
		t.Errorf("%s after %s cut off: outbox %+v; want its records waiting", h2.id, cutOff, during.Outbox)
	}
	if okDuringCut < 20 {
		t.Errorf("%s answered %d executions while cut off from the database; want it to keep serving", h2.id, okDuringCut)
	}
	// Caught up: the backlog (older than the cut) is in the store; what
	// waits now is only what the agents just ran.
	shipped := waitFor(t, 60*time.Second, h2.id+" shipping its backlog", func() bool {
		o := health(h2).Outbox
		return o.Records == 0 || o.OldestAgeSeconds < 1
	})
	time.Sleep(2 * time.Second) // more load after the link came back
	stopLoad()
	endedAt := time.Now()
	for _, h := range hosts {
		waitFor(t, 60*time.Second, h.id+"'s outbox emptying", func() bool { return health(h).Outbox.Records == 0 })
	}

	// What the trail holds: every record of the agent, read from host 3's
	// namespace.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	helper := hosts[2].ns.command(self, "-test.run=^$")
	helper.Env = append(os.Environ(), helperEnv+"=dump", "FLEET_URI="+uri, "FLEET_DB="+database, "FLEET_AGENT="+agentID,
		"FLEET_SINCE="+began.Add(-time.Minute).UTC().Format(time.RFC3339Nano), "FLEET_UNTIL="+time.Now().Add(time.Minute).UTC().Format(time.RFC3339Nano))
	out, err := helper.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("dump: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("dump: %v", err)
	}
	ids := map[string]stored{}
	dups := 0
	perHost := map[string]int64{}
	okPerHost := map[string]int64{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var s stored
		if err := json.Unmarshal([]byte(line), &s); err != nil {
			t.Fatalf("dump line %q: %v", line, err)
		}
		if _, seen := ids[s.ID]; seen {
			dups++
		}
		ids[s.ID] = s
		perHost[s.HostID]++
		if s.Status == result.OK {
			okPerHost[s.HostID]++
		}
	}

	ag.mu.Lock()
	defer ag.mu.Unlock()
	missing, wrongHost := 0, 0
	for id, hid := range ag.answered {
		s, ok := ids[id]
		switch {
		case !ok:
			missing++
			if missing <= 5 {
				t.Errorf("answered execution %s of %s is not in the audit trail", id, hid)
			}
		case s.HostID != hid:
			wrongHost++
			t.Errorf("answered execution %s ran on %s; its record says %q", id, hid, s.HostID)
		}
	}
	// Records nobody got an answer for: only the killed supervisor's
	// executions in flight can be recorded and not answered.
	var extra []stored
	for id, s := range ids {
		if _, ok := ag.answered[id]; !ok && s.Status == result.OK {
			extra = append(extra, s)
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].ID < extra[j].ID })
	for _, s := range extra {
		if s.HostID != h1.id || s.ExecutedAt.Before(killedAt.Add(-10*time.Second)) || s.ExecutedAt.After(killedAt.Add(time.Second)) {
			t.Errorf("record %s (%s, %s) was answered to no agent", s.ID, s.HostID, s.ExecutedAt.Format(time.RFC3339Nano))
		}
	}
	if len(extra) > agentsPerHost {
		t.Errorf("%d records answered to no agent; at most %d executions were in flight when %s was killed", len(extra), agentsPerHost, h1.id)
	}
	if dups > 0 || missing > 0 || wrongHost > 0 {
		t.Errorf("%d answered executions, %d records: %d duplicated, %d missing, %d with another host", len(ag.answered), len(ids), dups, missing, wrongHost)
	}
	for st, n := range ag.other {
		t.Errorf("%d executions answered with status %s (last: %s)", n, st, ag.lastErr)
	}

	// Statistics: the fleet's and each host's, through a daemon's socket
	// API and through the CLI, count what the trail holds.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	total := int64(len(ids))
	fleet, err := hosts[0].c.Stats(ctx, agentID, "")
	if err != nil {
		t.Fatal(err)
	}
	if fleet.TotalExecutions != total || fleet.HostID != "" || len(fleet.Hosts) != 3 {
		t.Errorf("fleet stats through %s: %d executions, hosts %v; the trail holds %d, %v", hosts[0].id, fleet.TotalExecutions, fleet.Hosts, total, perHost)
	}
	for _, h := range hosts {
		if fleet.Hosts[h.id] != perHost[h.id] {
			t.Errorf("fleet stats: %s has %d executions; the trail holds %d", h.id, fleet.Hosts[h.id], perHost[h.id])
		}
		// Asked of another host's daemon: the fleet's trail is one.
		asker := hosts[h.i%3]
		one, err := asker.c.Stats(ctx, agentID, h.id)
		if err != nil {
			t.Fatal(err)
		}
		if one.HostID != h.id || one.TotalExecutions != perHost[h.id] || one.Successes != okPerHost[h.id] || len(one.Hosts) != 1 {
			t.Errorf("stats of %s through %s: %+v; the trail holds %d executions, %d ok", h.id, asker.id, one, perHost[h.id], okPerHost[h.id])
		}
	}
	cli := func(args ...string) audit.AgentStats {
		t.Helper()
		cmd := hosts[2].ns.command(super, append([]string{"stats", "--agent", agentID, "--json", "--socket", "off",
			"--mongo-uri", uri, "--mongo-db", database, "--data-dir", t.TempDir()}, args...)...)
		cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + t.TempDir()}
		b, err := cmd.Output()
		var st audit.AgentStats
		if err == nil {
			err = json.Unmarshal(b, &st)
		}
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				t.Fatalf("supervisor stats %v: %v\n%s", args, err, ee.Stderr)
			}
			t.Fatalf("supervisor stats %v: %v\n%s", args, err, b)
		}
		return st
	}
	if st := cli(); st.TotalExecutions != total || fmt.Sprint(st.Hosts) != fmt.Sprint(perHost) {
		t.Errorf("supervisor stats (every host): %d executions, hosts %v; the trail holds %d, %v", st.TotalExecutions, st.Hosts, total, perHost)
	}
	if st := cli("--host", h2.id); st.TotalExecutions != perHost[h2.id] || st.HostID != h2.id {
		t.Errorf("supervisor stats --host %s: %d executions; the trail holds %d", h2.id, st.TotalExecutions, perHost[h2.id])
	}

	// Figures.
	adopted := 0
	for _, line := range strings.Split(h1.currentLog(), "\n") {
		var e struct {
			Msg     string `json:"msg"`
			Records int    `json:"records"`
		}
		if json.Unmarshal([]byte(line), &e) == nil && strings.HasPrefix(e.Msg, "audit outbox: adopted a segment") {
			adopted += e.Records
		}
	}
	afterRestart := 0
	for _, s := range ids {
		if s.HostID == h1.id && !s.ExecutedAt.Before(restartedAt.Add(-time.Second)) {
			afterRestart++
		}
	}
	t.Logf("answered: %s %d, %s %d, %s %d (%d in all; %d requests got no result: %v); the trail holds %d records: %v",
		hosts[0].id, ag.perHost[hosts[0].id], hosts[1].id, ag.perHost[hosts[1].id], hosts[2].id, ag.perHost[hosts[2].id],
		len(ag.answered), ag.failed[h1.id]+ag.failed[h2.id]+ag.failed[hosts[2].id], ag.failed, len(ids), perHost)
	t.Logf("%s killed after %d answered, restarted in %s; the new process adopted %d records from the old one's outbox; %d of its records after the restart; %d recorded but unanswered",
		h1.id, beforeKill, restartedAt.Sub(killedAt).Round(time.Millisecond), adopted, afterRestart, len(extra))
	t.Logf("%s cut off for %s (from %s): %d answered meanwhile, %d records waiting (oldest %.1f s); backlog shipped %s after the link came back",
		h2.id, upAt.Sub(cutAt).Round(time.Millisecond), cutAt.Sub(began).Round(time.Millisecond), okDuringCut, during.Outbox.Records,
		during.Outbox.OldestAgeSeconds, shipped.Round(time.Millisecond))
	t.Logf("load ran %s; the whole test %s", endedAt.Sub(began).Round(time.Millisecond), time.Since(began).Round(time.Millisecond))
}
