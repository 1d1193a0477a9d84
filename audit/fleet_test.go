package audit

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/oklog/ulid/v2"

	"codexec/audit/audittest"
)

// helperIDs waits for its standard input to close, then prints HELPER_N
// execution ids as fast as it can make them.
func helperIDs() error {
	n, _ := strconv.Atoi(os.Getenv("HELPER_N"))
	_, _ = io.Copy(io.Discard, os.Stdin)
	w := bufio.NewWriter(os.Stdout)
	for i := 0; i < n; i++ {
		fmt.Fprintln(w, NewID())
	}
	return w.Flush()
}

// Execution ids do not collide across supervisors started at the same
// moment with the same pid (pid 1 of a container: each helper runs in a
// pid namespace of its own when root), drawing ids in the same
// milliseconds; within a process they increase.
func TestIDsAcrossProcesses(t *testing.T) {
	const procs, each = 4, 20000
	type out struct {
		ids []string
		err error
	}
	results := make([]chan out, procs)
	var starts []io.WriteCloser
	for p := range procs {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), helperEnv+"=ids", "HELPER_N="+strconv.Itoa(each))
		if os.Geteuid() == 0 {
			cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWPID}
		}
		cmd.Stderr = os.Stderr
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		starts = append(starts, stdin)
		results[p] = make(chan out, 1)
		go func() {
			var o out
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				o.ids = append(o.ids, sc.Text())
			}
			o.err = cmd.Wait()
			results[p] <- o
		}()
	}
	for _, s := range starts { // all at once
		s.Close()
	}
	seen := map[string]int{}
	msOf := map[uint64]map[int]bool{} // millisecond → the processes that drew ids in it
	for p := range procs {
		o := <-results[p]
		if o.err != nil || len(o.ids) != each {
			t.Fatalf("helper %d: %d ids, %v", p, len(o.ids), o.err)
		}
		for i, id := range o.ids {
			u, err := ulid.ParseStrict(strings.TrimPrefix(id, IDPrefix))
			if !strings.HasPrefix(id, IDPrefix) || err != nil {
				t.Fatalf("helper %d: %q is not exec_ and a ULID: %v", p, id, err)
			}
			if q, dup := seen[id]; dup {
				t.Fatalf("id %s drawn by helpers %d and %d", id, q, p)
			}
			seen[id] = p
			if i > 0 && id <= o.ids[i-1] {
				t.Fatalf("helper %d: %s after %s: not increasing", p, id, o.ids[i-1])
			}
			if msOf[u.Time()] == nil {
				msOf[u.Time()] = map[int]bool{}
			}
			msOf[u.Time()][p] = true
		}
	}
	shared := 0
	for _, ps := range msOf {
		if len(ps) > 1 {
			shared++
		}
	}
	t.Logf("%d ids from %d processes, distinct; %d milliseconds in which several processes drew ids", len(seen), procs, shared)
	if shared == 0 {
		t.Errorf("the processes never drew ids in the same millisecond: the test proved nothing")
	}
}

// Three supervisors (Recorders with their own data directories and host
// ids) write to one MongoDB collection, through an outage of the server,
// and one of them ships a batch again after delivery (the outbox segment
// as it was before the acknowledgement, as after a crash or a lost
// acknowledgement). Every record is stored exactly once, with its host;
// per-host and fleet-wide statistics agree with what was sent.
func TestFleetShipsExactlyOnce(t *testing.T) {
	srv := audittest.NewOutage(t)
	check, coll := openCheck(t, srv.URI())
	hosts := []string{"host-a", "host-b", "host-c"}
	recs := map[string]*Recorder{}
	for _, h := range hosts {
		recs[h] = open(t, Config{HostID: h, MongoURI: srv.URI(), MongoDB: "codexec_test", Collection: coll,
			ServerSelectionTimeout: time.Second, ScanInterval: time.Second, Logger: quiet})
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for i := 0; !cond(); i++ {
			if i == 6000 {
				t.Fatalf("waited a minute for %s", what)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}

	// Each host appends a record every couple of milliseconds until told
	// to stop.
	var mu sync.Mutex
	sent := map[string][]string{}
	stops := map[string]chan struct{}{}
	var wg sync.WaitGroup
	errs := make(chan error, len(hosts))
	count := func(h string) int {
		mu.Lock()
		defer mu.Unlock()
		return len(sent[h])
	}
	for _, h := range hosts {
		stops[h] = make(chan struct{})
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := recs[h]
			for {
				select {
				case <-stops[h]:
					return
				default:
				}
				rec := record(NewID(), time.Now())
				rec.AgentID = "agent-fleet"
				rec.HostID = "not-" + h // the Recorder's host id wins
				if err := r.Ready(); err != nil {
					errs <- fmt.Errorf("%s: Ready: %w", h, err)
					return
				}
				if err := r.Append(context.Background(), rec); err != nil {
					errs <- fmt.Errorf("%s: Append: %w", h, err)
					return
				}
				mu.Lock()
				sent[h] = append(sent[h], rec.ID)
				mu.Unlock()
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	for _, h := range hosts {
		waitFor(h+" shipping", func() bool { return recs[h].Stats().Shipped >= 50 })
	}

	srv.Down(t)
	down := map[string]int{}
	for _, h := range hosts {
		down[h] = count(h)
	}
	for _, h := range hosts {
		waitFor(h+" failing to ship", func() bool { return recs[h].Stats().ShipFailures >= 1 })
		waitFor(h+" appending during the outage", func() bool { return count(h) >= down[h]+50 })
	}
	// host-a stops; its outbox, records not yet acknowledged, is kept
	// aside as it is now.
	close(stops["host-a"])
	time.Sleep(50 * time.Millisecond) // its last Append has returned
	aOutbox := filepath.Join(recs["host-a"].DataDir(), "outbox")
	saved := t.TempDir()
	segs, err := filepath.Glob(filepath.Join(aOutbox, "*"+segSuffix))
	if err != nil || len(segs) == 0 {
		t.Fatalf("host-a's outbox holds no segment during the outage: %v %v", segs, err)
	}
	for _, s := range segs {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(saved, filepath.Base(s)), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	pendingA := recs["host-a"].Stats().PendingRecords

	during := 0
	for _, h := range hosts {
		during += count(h) - down[h]
	}
	srv.Up(t)
	up := time.Now()
	for _, h := range hosts[1:] {
		waitFor(h+" appending after the outage", func() bool { return count(h) >= down[h]+100 })
		close(stops[h])
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for _, h := range hosts {
		flush(t, recs[h])
	}
	caughtUp := time.Since(up)

	// The saved segments come back, unlocked: host-a's shipper adopts them
	// as a dead process's and ships their records a second time.
	adopted := recs["host-a"].Stats().Adopted
	for _, s := range segs {
		b, _ := os.ReadFile(filepath.Join(saved, filepath.Base(s)))
		name := "replayed-" + filepath.Base(s)
		if err := os.WriteFile(filepath.Join(aOutbox, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	flush(t, recs["host-a"])
	replayed := recs["host-a"].Stats().Adopted - adopted
	if replayed != uint64(pendingA) {
		t.Errorf("host-a adopted %d replayed records, want the %d that were pending", replayed, pendingA)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var all []string
	for _, h := range hosts {
		all = append(all, sent[h]...)
	}
	total, err := check.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found, err := check.Count(ctx, all...)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("fleet: sent %d (a %d, b %d, c %d; %d appended while the server was down), stored %d documents, %d of the sent ids; "+
		"host-a replayed %d records; all shipped %s after the server came back",
		len(all), len(sent["host-a"]), len(sent["host-b"]), len(sent["host-c"]),
		during, total, found, replayed, caughtUp.Round(time.Millisecond))
	if total != int64(len(all)) || found != int64(len(all)) {
		t.Errorf("sent %d records; the collection holds %d documents, %d of them sent ids", len(all), total, found)
	}
	hist, err := recs["host-a"].History(ctx, Filter{HostID: "host-b", Limit: MaxLimit})
	if err != nil || len(hist) != min(len(sent["host-b"]), MaxLimit) {
		t.Errorf("history of host-b: %d records, %v", len(hist), err)
	}
	for _, r := range hist {
		if r.HostID != "host-b" {
			t.Errorf("history of host-b holds %s of %s", r.ID, r.HostID)
		}
	}
	st, err := recs["host-b"].AgentStats(ctx, "agent-fleet", "")
	if err != nil {
		t.Fatal(err)
	}
	if st.TotalExecutions != int64(len(all)) {
		t.Errorf("fleet stats: %d executions, want %d", st.TotalExecutions, len(all))
	}
	for _, h := range hosts {
		if st.Hosts[h] != int64(len(sent[h])) {
			t.Errorf("fleet stats: %s has %d executions, want %d (hosts %v)", h, st.Hosts[h], len(sent[h]), st.Hosts)
		}
		one, err := recs["host-c"].AgentStats(ctx, "agent-fleet", h)
		if err != nil || one.TotalExecutions != int64(len(sent[h])) || one.HostID != h {
			t.Errorf("stats of %s: %+v, %v; want %d executions", h, one, err, len(sent[h]))
		}
		if rs := recs[h].Stats(); rs.Collisions != 0 || rs.PendingRecords != 0 {
			t.Errorf("%s: %d collisions, %d records pending", h, rs.Collisions, rs.PendingRecords)
		}
	}
}
