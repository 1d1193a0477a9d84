package soak

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"codexec/api/wire"
	"codexec/audit"
	"codexec/audit/audittest"
	"codexec/audit/mongostore"
	"codexec/config"
	"codexec/internal/daemontest"
	"codexec/internal/testutil"
	"codexec/result"
)

// Sizes, and what the environment may change.
const (
	defaultN           = 300
	defaultConcurrency = 32
	envN               = "CODEXEC_SOAK_N"
	envConcurrency     = "CODEXEC_SOAK_CONCURRENCY"
)

// rssSlack is how far above its idle level the daemon's resident memory
// may stay once the load is over.
const rssSlack = 64 << 10 // KiB

func TestMain(m *testing.M) {
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}

// workload is one kind of execution in the mix.
type workload struct {
	name   string
	weight int
	status result.Status
	req    func(i int) wire.ExecuteRequest
	// check, when set, checks an ok or failed result further (its output,
	// its logs, its error).
	check func(i int, res result.Result) error
}

func ctxN(i int) json.RawMessage { return json.RawMessage(`{"n":` + strconv.Itoa(i) + `}`) }

func wantOutput(want string) func(int, result.Result) error {
	return func(_ int, res result.Result) error {
		if !testutil.SameJSON(res.Output, []byte(want)) {
			return fmt.Errorf("output %.200s, want %s", res.Output, want)
		}
		return nil
	}
}

func wantMessage(sub string) func(int, result.Result) error {
	return func(_ int, res result.Result) error {
		if res.Error == nil || !strings.Contains(res.Error.Message, sub) {
			return fmt.Errorf("error %+v, want a message containing %q", res.Error, sub)
		}
		return nil
	}
}

// orders is the transform workload's context for execution i, and what
// the code must compute from it.
func orders(i int) (json.RawMessage, string) {
	type order struct {
		C string `json:"c"`
		Q int    `json:"q"`
	}
	var os []order
	sums := map[string]int{}
	for k := 0; k < 20; k++ {
		o := order{C: "c" + strconv.Itoa(k%3), Q: (i + k) % 7}
		os = append(os, o)
		sums[o.C] += o.Q
	}
	ctx, _ := json.Marshal(map[string]any{"orders": os})
	want, _ := json.Marshal(sums)
	return ctx, string(want)
}

var workloads = []workload{
	{name: "arithmetic", weight: 6, status: result.OK,
		req: func(i int) wire.ExecuteRequest {
			return wire.ExecuteRequest{Code: "return context.n * 2 + 1", Context: ctxN(i)}
		},
		check: func(i int, res result.Result) error { return wantOutput(strconv.Itoa(2*i+1))(i, res) }},
	{name: "transform", weight: 3, status: result.OK,
		req: func(i int) wire.ExecuteRequest {
			ctx, _ := orders(i)
			return wire.ExecuteRequest{Code: "const by = {};\nfor (const o of context.orders) by[o.c] = (by[o.c] || 0) + o.q;\nreturn by;", Context: ctx}
		},
		check: func(i int, res result.Result) error { _, want := orders(i); return wantOutput(want)(i, res) }},
	{name: "typescript", weight: 2, status: result.OK,
		req: func(i int) wire.ExecuteRequest {
			return wire.ExecuteRequest{Language: "typescript", Context: ctxN(i),
				Code: "interface C { n: number }\nconst c = context as C;\nconst triple = (x: number): number => x * 3;\nreturn triple(c.n);"}
		},
		check: func(i int, res result.Result) error { return wantOutput(strconv.Itoa(3*i))(i, res) }},
	{name: "logs", weight: 2, status: result.OK,
		req: func(i int) wire.ExecuteRequest {
			return wire.ExecuteRequest{Code: "for (let k = 0; k < 5; k++) console.log('line', k, context.n);\nreturn 'logged';", Context: ctxN(i)}
		},
		check: func(i int, res result.Result) error {
			if len(res.Logs) != 5 || res.Logs[4].Message != fmt.Sprintf("line 4 %d", i) {
				return fmt.Errorf("logs %v, want 5 lines ending with %q", res.Logs, fmt.Sprintf("line 4 %d", i))
			}
			return wantOutput(`"logged"`)(i, res)
		}},
	{name: "timers", weight: 2, status: result.OK,
		req: func(i int) wire.ExecuteRequest {
			return wire.ExecuteRequest{Code: "await new Promise((r) => setTimeout(r, 10));\nreturn context.n;", Context: ctxN(i)}
		},
		check: func(i int, res result.Result) error { return wantOutput(strconv.Itoa(i))(i, res) }},
	{name: "busy loop", weight: 1, status: result.Timeout,
		req: func(int) wire.ExecuteRequest { return wire.ExecuteRequest{Code: "for (;;) {}", Timeout: 100} }},
	{name: "catastrophic regex", weight: 1, status: result.Timeout,
		req: func(int) wire.ExecuteRequest {
			return wire.ExecuteRequest{Code: "return /^(a+)+(?!x)$/.test('a'.repeat(40) + 'b')", Timeout: 100}
		},
		check: func(i int, res result.Result) error { return wantMessage("killed")(i, res) }},
	{name: "memory bomb", weight: 1, status: result.Memory,
		req: func(int) wire.ExecuteRequest {
			return wire.ExecuteRequest{Code: "const a = [];\nfor (;;) a.push(new Array(1000).fill(7));", MemoryLimit: 64, Timeout: 20000}
		}},
	{name: "log flood", weight: 1, status: result.OutputLimit,
		req: func(int) wire.ExecuteRequest { return wire.ExecuteRequest{Code: "for (;;) console.log('flood');"} }},
	{name: "huge output", weight: 1, status: result.OutputLimit,
		req: func(int) wire.ExecuteRequest { return wire.ExecuteRequest{Code: "return 'x'.repeat(2 << 20);"} }},
	{name: "throw", weight: 1, status: result.Error,
		req: func(i int) wire.ExecuteRequest {
			return wire.ExecuteRequest{Code: "throw new Error('boom ' + context.n);", Context: ctxN(i)}
		},
		check: func(i int, res result.Result) error { return wantMessage(fmt.Sprintf("boom %d", i))(i, res) }},
	{name: "blocked", weight: 1, status: result.Blocked,
		req: func(int) wire.ExecuteRequest {
			return wire.ExecuteRequest{Code: "return globalThis['ev' + 'al']('process.env')"}
		}},
	{name: "invalid", weight: 1, status: result.Invalid,
		req: func(int) wire.ExecuteRequest { return wire.ExecuteRequest{Code: "return 1", Timeout: 99999} }},
}

// schedule is the workload of each execution: the weighted mix, shuffled
// (with a fixed seed, so that runs compare).
func schedule(n int) []int {
	var bag []int
	for w, wl := range workloads {
		for k := 0; k < wl.weight; k++ {
			bag = append(bag, w)
		}
	}
	out := make([]int, n)
	for i := range out {
		out[i] = bag[i%len(bag)]
	}
	r := rand.New(rand.NewPCG(9, 9))
	r.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
	return out
}

func envInt(t *testing.T, name string, def int) int {
	t.Helper()
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive number", name, s)
	}
	return n
}

// outcome is what one execution came to.
type outcome struct {
	workload int
	res      result.Result
	took     time.Duration
}

func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: soak test")
	}
	testutil.RequireRoot(t) // full isolation: cgroups to check for leaks
	uri := audittest.MongoURI(t)
	n := envInt(t, envN, defaultN)
	conc := envInt(t, envConcurrency, defaultConcurrency)
	db := audittest.UniqueName("codexec_soak")
	store, err := mongostore.Open(mongostore.Options{URI: uri, Database: db, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_ = store.Drop(ctx)
		_ = store.Close()
	})

	poolSize := config.DefaultPoolSize()
	d := daemontest.Start(t, daemontest.Options{MongoURI: uri, MongoDB: db, MaxQueue: 2 * conc})

	// Warm up with the load's own concurrency, then take the idle level
	// with the pool emptied: no runner should exist then.
	warm := run(t, d, conc, 2*conc, func(int) int { return 0 }, nil)
	setPool(t, d, 0)
	before := quiet(t, d)
	t.Logf("idle, before the load: %s", before)

	setPool(t, d, poolSize)
	sched := schedule(n)
	var rejected atomic.Int64
	start := time.Now()
	outs := run(t, d, conc, n, func(i int) int { return sched[i] }, &rejected)
	took := time.Since(start)

	// Results.
	counts := map[result.Status]int{}
	lat := map[result.Status][]time.Duration{}
	bad := 0
	for i, o := range outs {
		wl := workloads[o.workload]
		counts[o.res.Status]++
		lat[o.res.Status] = append(lat[o.res.Status], o.took)
		err := error(nil)
		switch {
		case o.res.ID == "":
			err = errors.New("no result")
		case o.res.Status != wl.status:
			err = fmt.Errorf("status %s (%+v), want %s", o.res.Status, o.res.Error, wl.status)
		case wl.check != nil:
			err = wl.check(i, o.res)
		}
		if err != nil {
			bad++
			if bad <= 20 {
				t.Errorf("execution %d (%s): %v", i, wl.name, err)
			}
		}
	}
	if bad > 20 {
		t.Errorf("... and %d more executions with the wrong result", bad-20)
	}
	t.Logf("%d executions (%d clients) in %v, %.1f/s; HTTP 429 retried: %d", n, conc, took.Round(time.Millisecond),
		float64(n)/took.Seconds(), rejected.Load())
	t.Logf("by status: %s", testutil.FormatCounts(counts))
	t.Logf("latency by status (p50 / p99 / max): %s", formatLatencies(lat))

	// Leaks: with the pool emptied again, nothing of the load may remain.
	setPool(t, d, 0)
	after := quiet(t, d)
	after = settle(t, d, before, after)
	t.Logf("idle, after the load: %s", after)
	if len(after.Runners) > 0 || len(after.Cgroups) > 0 {
		t.Errorf("left behind: runner processes %v, runner cgroups %v", after.Runners, after.Cgroups)
	}
	if after.FDs > before.FDs {
		t.Errorf("descriptors: %d before the load, %d after", before.FDs, after.FDs)
	}
	if after.Goroutines > before.Goroutines {
		t.Errorf("goroutines: %d before the load, %d after", before.Goroutines, after.Goroutines)
	}
	if after.RSSKiB > before.RSSKiB+rssSlack {
		t.Errorf("resident memory: %.1f MiB before the load, %.1f MiB after (more than %d MiB above)",
			float64(before.RSSKiB)/1024, float64(after.RSSKiB)/1024, rssSlack>>10)
	}

	// The audit trail: every execution, exactly once, as its result says.
	ids := make([]string, 0, len(outs)+len(warm))
	for _, o := range append(outs, warm...) {
		if o.res.ID != "" {
			ids = append(ids, o.res.ID)
		}
	}
	begun := time.Now()
	lost, dup := checkRecords(t, store, outs, ids)
	t.Logf("audit records: %d executions, %d lost, %d duplicated (checked in %v)", len(ids), lost, dup, time.Since(begun).Round(time.Millisecond))

	if err := d.Stop(time.Minute); err != nil {
		t.Errorf("the daemon exited with %v after SIGTERM, want 0", err)
	}
	if kids := daemontest.ProcessesInCgroupsOf(d.PID()); len(kids) > 0 {
		t.Errorf("processes still in the daemon's runner cgroups after it stopped: %v", kids)
	}
}

// run sends n executions from conc clients at once, execution i of
// workload pick(i), and returns their outcomes in order. A 429 is retried
// after a pause (and counted in rejected when it is not nil).
func run(t *testing.T, d *daemontest.Daemon, conc, n int, pick func(int) int, rejected *atomic.Int64) []outcome {
	t.Helper()
	outs := make([]outcome, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for c := 0; c < conc; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := range next {
				w := pick(i)
				req := workloads[w].req(i)
				req.AgentID, req.ChannelID = "soak", fmt.Sprintf("client-%02d", c)
				start := time.Now()
				for {
					ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
					res, status, err := d.Execute(ctx, req)
					cancel()
					if status == 429 {
						if rejected != nil {
							rejected.Add(1)
						}
						time.Sleep(50 * time.Millisecond)
						continue
					}
					if err != nil {
						t.Errorf("execution %d (%s): %v", i, workloads[w].name, err)
					}
					outs[i] = outcome{workload: w, res: res, took: time.Since(start)}
					break
				}
			}
		}(c)
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return outs
}

func setPool(t *testing.T, d *daemontest.Daemon, size int) {
	t.Helper()
	if _, err := d.Client.PatchConfig(context.Background(), map[string]any{"poolSize": size}); err != nil {
		t.Fatalf("set the pool's size to %d: %v", size, err)
	}
}

// quiet waits for the daemon to settle (everything finished, recorded and
// cleaned up, the client's idle connections closed, its descriptors and
// goroutines the same three looks in a row) and returns its resources.
func quiet(t *testing.T, d *daemontest.Daemon) daemontest.Resources {
	t.Helper()
	if _, err := d.WaitQuiet(t, 2*time.Minute); err != nil {
		t.Fatal(err)
	}
	d.CloseIdle()
	r, err := d.WaitQuiet(t, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for same, deadline := 0, time.Now().Add(30*time.Second); same < 3 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		d.CloseIdle()
		next := d.Resources(t)
		if next.FDs == r.FDs && next.Goroutines == r.Goroutines {
			same++
		} else {
			same = 0
		}
		r = next
	}
	return r
}

// settle gives the daemon time to return to its idle level: the server's
// side of closed connections to end, and the Go runtime to collect (it
// does on its own at least every two minutes) and give memory back. It
// returns once every figure is at most the idle one (resident memory
// within rssSlack), or after three minutes with the last figures.
func settle(t *testing.T, d *daemontest.Daemon, before, after daemontest.Resources) daemontest.Resources {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		if after.FDs <= before.FDs && after.Goroutines <= before.Goroutines && after.RSSKiB <= before.RSSKiB+rssSlack {
			break
		}
		time.Sleep(time.Second)
		d.CloseIdle()
		after = d.Resources(t)
	}
	return after
}

// checkRecords reads every record back from MongoDB, newest first, a page
// at a time (as many queries as pages, not one an execution), and compares
// each execution's record with its result; it returns the executions
// without a record, and the records beyond one an execution.
func checkRecords(t *testing.T, store *mongostore.Store, outs []outcome, ids []string) (lost, dup int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	recs := map[string]audit.Record{}
	f := audit.Filter{AgentID: "soak", Limit: audit.MaxLimit}
	for {
		page, err := store.History(ctx, f)
		if err != nil {
			t.Fatalf("read records: %v", err)
		}
		added := 0
		for _, r := range page {
			if _, ok := recs[r.ID]; !ok {
				recs[r.ID] = r
				added++
			}
		}
		if len(page) < f.Limit {
			break
		}
		if added == 0 {
			t.Fatalf("reading the records: a page of %d records with none new", len(page))
		}
		// The next page: up to the last record's millisecond, again (Until
		// is exclusive; records seen twice count once).
		f.Until = page[len(page)-1].ExecutedAt.Add(time.Millisecond)
	}
	total, err := store.Count(ctx)
	if err != nil {
		t.Fatalf("count records: %v", err)
	}
	found := int64(0)
	for _, id := range ids {
		if _, ok := recs[id]; ok {
			found++
		}
	}
	lost, dup = int64(len(ids))-found, total-found
	if lost != 0 || dup != 0 {
		t.Errorf("%d executions, %d of them with a record, %d records in all: %d lost, %d extra", len(ids), found, total, lost, dup)
	}
	bad := 0
	for i, o := range outs {
		res := o.res
		if res.ID == "" {
			continue
		}
		rec, ok := recs[res.ID]
		var err error
		switch {
		case !ok:
			err = errors.New("no record")
		case rec.Status != res.Status || rec.Success != res.Success || rec.CodeHash != res.CodeHash:
			err = fmt.Errorf("record %s %v %s, result %s %v %s", rec.Status, rec.Success, rec.CodeHash, res.Status, res.Success, res.CodeHash)
		case res.Status == result.OK && !testutil.SameJSON(rec.Output, res.Output):
			err = fmt.Errorf("recorded output %.200s, result output %.200s", rec.Output, res.Output)
		}
		if err != nil {
			if bad++; bad <= 10 {
				t.Errorf("execution %d: %v", i, err)
			}
		}
	}
	if bad > 10 {
		t.Errorf("... and %d more records that do not match their result", bad-10)
	}
	return lost, dup
}

func formatLatencies(m map[result.Status][]time.Duration) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		ds := m[result.Status(k)]
		sort.Slice(ds, func(a, b int) bool { return ds[a] < ds[b] })
		q := func(p float64) time.Duration {
			return ds[min(len(ds)-1, int(p*float64(len(ds))))].Round(time.Millisecond)
		}
		parts[i] = fmt.Sprintf("%s %v / %v / %v", k, q(0.5), q(0.99), ds[len(ds)-1].Round(time.Millisecond))
	}
	return strings.Join(parts, "; ")
}
