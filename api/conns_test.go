package api_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"codexec/api"
	"codexec/api/client"
	"codexec/api/wire"
	"codexec/bus"
	"codexec/result"
)

// raiseNoFile raises this process's soft descriptor limit to at least n
// (the flood holds both ends of its connections here).
func raiseNoFile(t *testing.T, n uint64) {
	t.Helper()
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	if lim.Cur >= n {
		return
	}
	if lim.Max < n {
		t.Skipf("the descriptor limit is %d, the test needs %d", lim.Max, n)
	}
	lim.Cur = n
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
}

func openFDs(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(fds)
}

// dialUnix dials the socket, retrying while its backlog is full.
func dialUnix(t *testing.T, socket string) net.Conn {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.Dial("unix", socket)
		if err == nil {
			return c
		}
		if !errors.Is(err, syscall.EAGAIN) || time.Now().After(deadline) {
			t.Fatalf("dial: %v", err)
		}
		time.Sleep(time.Millisecond)
	}
}

// readAnswer reads one HTTP answer from c (and sends req first, if any).
func readAnswer(c net.Conn, req string) (*http.Response, []byte, error) {
	if req != "" {
		if _, err := io.WriteString(c, req); err != nil {
			return nil, nil, err
		}
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// metricValue reads one sample from GET /metrics (0 when absent), on a
// connection of its own that it closes (retried while the connection cap
// is reached: places are freed as the server sees its connections close).
func metricValue(t *testing.T, d *daemon, name string) float64 {
	t.Helper()
	var b []byte
	for deadline := time.Now().Add(20 * time.Second); ; {
		c := dialUnix(t, d.socket)
		resp, body, err := readAnswer(c, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		c.Close()
		if err == nil && resp.StatusCode == http.StatusOK {
			b = body
			break
		}
		if err != nil || resp.StatusCode != http.StatusServiceUnavailable || time.Now().After(deadline) {
			t.Fatalf("GET /metrics: %v %s %v", resp, body, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` (\S+)$`).FindSubmatch(b)
	if m == nil {
		return 0
	}
	v, _ := strconv.ParseFloat(string(m[1]), 64)
	return v
}

// quiet waits until no execution runs and the pool is full again (its
// runners' pipes are counted with the descriptors).
func quiet(t *testing.T, d *daemon) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		running, queued, _, _ := d.svc.Admission()
		st := d.svc.Pool().Stats()
		if running == 0 && queued == 0 && st.Idle == st.Target {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("not quiet: %d running, %d queued, pool %d of %d", running, queued, st.Idle, st.Target)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

const stalledHead = "POST /v1/executions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"

// 2,000 connections send the head of an execution with Content-Length:
// 100000 and half its body, then stall. Every one is answered 408
// request_timeout and closed by the body deadline (none served before it);
// GET /healthz answers on new connections throughout; an execution started
// in the middle of the flood succeeds; the descriptors of the process
// (both ends of every connection live here) come back to their baseline.
func TestStalledBodiesFlood(t *testing.T) {
	const n = 2000
	const bodyTimeout = 2 * time.Second
	raiseNoFile(t, 3*n+1000)
	d := startDaemon(t, daemonOpts{maxConns: n + 500, bodyTimeout: bodyTimeout, pool: 2, bodyBudget: 1 << 30}) // the deadline, not the body budget (TestBodyBudget)
	exec := newExecClient(d.socket)
	ctx := context.Background()
	if res, err := exec.Execute(ctx, wire.ExecuteRequest{Code: "return 1"}); err != nil || res.Status != result.OK {
		t.Fatalf("warm-up: %+v, %v", res, err)
	}
	exec.Close()
	quiet(t, d)
	time.Sleep(200 * time.Millisecond) // the server's side of the closed connections goes
	baseline := openFDs(t)
	openBefore := metricValue(t, d, "codexec_connections_open")

	// GET /healthz on a new connection every 100 ms, from now until the
	// flood is over.
	hc := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{DisableKeepAlives: true,
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) { return net.Dial("unix", d.socket) }}}
	var health struct {
		sync.Mutex
		ok        int
		failures  []string
		latencies []time.Duration
	}
	stopHealth := make(chan struct{})
	healthDone := make(chan struct{})
	go func() {
		defer close(healthDone)
		for {
			select {
			case <-stopHealth:
				return
			case <-time.After(100 * time.Millisecond):
			}
			start := time.Now()
			resp, err := hc.Get("http://x/healthz")
			took := time.Since(start)
			health.Lock()
			switch {
			case err != nil:
				health.failures = append(health.failures, err.Error())
			case resp.StatusCode != http.StatusOK:
				health.failures = append(health.failures, resp.Status)
			default:
				health.ok++
				health.latencies = append(health.latencies, took)
			}
			health.Unlock()
			if resp != nil {
				resp.Body.Close()
			}
		}
	}()

	half := `{"code":"` + strings.Repeat("a", 50000-len(`{"code":"`))
	conns := make([]net.Conn, n)
	sent := make([]time.Time, n)
	floodStart := time.Now()
	for i := range conns {
		conns[i] = dialUnix(t, d.socket)
		if _, err := io.WriteString(conns[i], stalledHead+half); err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		sent[i] = time.Now()
	}
	connected := time.Since(floodStart)
	openDuring := metricValue(t, d, "codexec_connections_open")
	for deadline := time.Now().Add(bodyTimeout); openDuring < n && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
		openDuring = metricValue(t, d, "codexec_connections_open")
	}
	fdsDuring := openFDs(t)

	// An execution in the middle of the flood.
	exec = newExecClient(d.socket)
	defer exec.Close()
	execStart := time.Now()
	res, err := exec.Execute(ctx, wire.ExecuteRequest{Code: "return [1, 2, 3].map(x => x * 2)"})
	if err != nil || res.Status != result.OK || string(res.Output) != "[2,4,6]" {
		t.Errorf("execution during the flood: %+v, %v", res, err)
	}
	execTook := time.Since(execStart)

	// Every flood connection: answered 408 request_timeout, then closed.
	type outcome struct {
		closedAfter time.Duration // since its body stalled
		status      int
		code        string
		err         error
	}
	outcomes := make([]outcome, n)
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.Close()
			c.SetReadDeadline(time.Now().Add(2 * time.Minute))
			resp, b, err := readAnswer(c, "")
			if err != nil {
				outcomes[i] = outcome{closedAfter: time.Since(sent[i]), err: err}
				return
			}
			var rest [1]byte
			_, eof := c.Read(rest[:]) // the server closes the connection
			outcomes[i] = outcome{closedAfter: time.Since(sent[i]), status: resp.StatusCode, code: errCodeOf(b), err: eof}
		}()
	}
	wg.Wait()
	allClosed := time.Since(floodStart)
	close(stopHealth)
	<-healthDone

	var after []time.Duration
	for i, o := range outcomes {
		if o.status != http.StatusRequestTimeout || o.code != wire.CodeRequestTimeout || !errors.Is(o.err, io.EOF) && !errors.Is(o.err, syscall.ECONNRESET) {
			t.Fatalf("connection %d: %d %q, then %v; want 408 request_timeout, then closed", i, o.status, o.code, o.err)
		}
		if o.closedAfter < bodyTimeout-100*time.Millisecond {
			t.Errorf("connection %d closed %v after its body stalled, before the %v deadline", i, o.closedAfter, bodyTimeout)
		}
		after = append(after, o.closedAfter)
	}
	sort.Slice(after, func(i, j int) bool { return after[i] < after[j] })

	health.Lock()
	if len(health.failures) > 0 || health.ok < 5 {
		t.Errorf("GET /healthz during the flood: %d answered, failures %q", health.ok, health.failures)
	}
	var worst time.Duration
	for _, l := range health.latencies {
		worst = max(worst, l)
	}
	healthCount := health.ok
	health.Unlock()

	timeouts := metricValue(t, d, `codexec_requests_rejected_total{reason="body_timeout"}`)
	if timeouts < n {
		t.Errorf("codexec_requests_rejected_total{reason=\"body_timeout\"} = %v, want at least %d", timeouts, n)
	}
	exec.Close()
	quiet(t, d)
	var fdsAfter int
	deadline := time.Now().Add(20 * time.Second)
	for {
		fdsAfter = openFDs(t)
		if fdsAfter <= baseline+10 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if fdsAfter > baseline+10 {
		t.Errorf("descriptors: %d before the flood, %d after it", baseline, fdsAfter)
	}
	openAfter := metricValue(t, d, "codexec_connections_open")
	if openDuring < n || openAfter > openBefore+2 {
		t.Errorf("codexec_connections_open: %v before, %v during, %v after", openBefore, openDuring, openAfter)
	}
	t.Logf("%d stalled connections opened in %v; all answered 408 and closed %v after the first opened (each %v to %v after its body stalled, median %v)",
		n, connected.Round(time.Millisecond), allClosed.Round(time.Millisecond), after[0].Round(time.Millisecond), after[n-1].Round(time.Millisecond), after[n/2].Round(time.Millisecond))
	t.Logf("descriptors of the process (both ends): %d before, %d during, %d after; codexec_connections_open %v, %v, %v",
		baseline, fdsDuring, fdsAfter, openBefore, openDuring, openAfter)
	t.Logf("GET /healthz: %d answers, slowest %v; execution in the middle: %v", healthCount, worst.Round(time.Millisecond), execTook.Round(time.Millisecond))
}

func errCodeOf(b []byte) string {
	m := regexp.MustCompile(`"code":"([a-z_]+)"`).FindSubmatch(b)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// With the cap reached: a new connection may ask GET /healthz (once) and
// nothing else; beyond the reserve, connections are answered 503
// too_many_connections with Retry-After and closed; the execution running
// on a served connection finishes with status ok, and once connections
// are freed, new ones are served again.
func TestConnectionCap(t *testing.T) {
	const capN = 3
	d := startDaemon(t, daemonOpts{maxConns: capN})
	if got := d.srv.MaxConnections(); got != capN {
		t.Fatalf("MaxConnections = %d", got)
	}
	ctx := context.Background()

	// One served connection runs a long execution.
	exec := newExecClient(d.socket)
	defer exec.Close()
	type outcome struct {
		res result.Result
		err error
	}
	long := make(chan outcome, 1)
	go func() {
		res, err := exec.Execute(ctx, wire.ExecuteRequest{Code: "await new Promise(r => setTimeout(r, 2500)); return 'finished'", Timeout: 20000})
		long <- outcome{res, err}
	}()
	for deadline := time.Now().Add(20 * time.Second); ; {
		if running, _, _, _ := d.svc.Admission(); running == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the long execution did not start")
		}
		time.Sleep(5 * time.Millisecond)
	}
	// Two more served connections, kept alive after one answer each.
	var held []net.Conn
	for range capN - 1 {
		c := dialUnix(t, d.socket)
		defer c.Close()
		resp, _, err := readAnswer(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("served connection: %v %v", resp, err)
		}
		held = append(held, c)
	}

	// The cap is reached: the reserve answers /healthz, and only that.
	c := dialUnix(t, d.socket)
	resp, b, err := readAnswer(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
	c.Close()
	if err != nil || resp.StatusCode != http.StatusOK || !resp.Close || !strings.Contains(string(b), `"status":"ok"`) {
		t.Fatalf("GET /healthz at the cap: %v %s %v", resp, b, err)
	}
	c = dialUnix(t, d.socket)
	body := `{"code":"return 1"}`
	resp, b, err = readAnswer(c, fmt.Sprintf("POST /v1/executions HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s", len(body), body))
	c.Close()
	if err != nil || resp.StatusCode != http.StatusServiceUnavailable || errCode(t, b) != wire.CodeTooManyConnections || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("POST at the cap: %v %s %v", resp, b, err)
	}

	// Fill the reserve with connections that say nothing; the next one is
	// refused at once, whether it writes a request or not. (First, the
	// reserve connections above must be released: the server sees them
	// close on its own time.)
	for deadline := time.Now().Add(10 * time.Second); ; {
		if _, reserve := d.srv.Connections(); reserve == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	for range api.HealthReserve {
		c := dialUnix(t, d.socket)
		defer c.Close()
	}
	for _, req := range []string{"", "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"} {
		c := dialUnix(t, d.socket)
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		resp, b, err := readAnswer(c, req)
		if err != nil || resp.StatusCode != http.StatusServiceUnavailable || errCode(t, b) != wire.CodeTooManyConnections ||
			resp.Header.Get("Retry-After") != "1" || !resp.Close {
			t.Fatalf("beyond the cap and its reserve (request %q): %v %s %v", req, resp, b, err)
		}
		var one [1]byte
		if _, err := c.Read(one[:]); err == nil {
			t.Errorf("the refused connection stays open")
		}
		c.Close()
	}
	// The project's client sees the stable code.
	if _, err := client.New(d.socket).Health(ctx); !client.IsCode(err, wire.CodeTooManyConnections) {
		t.Errorf("client.Health beyond the cap: %v", err)
	}

	o := <-long
	if o.err != nil || o.res.Status != result.OK || string(o.res.Output) != `"finished"` {
		t.Fatalf("the long execution: %+v, %v", o.res, o.err)
	}
	for _, c := range held {
		c.Close()
	}
	// Freed places are served again (the reserve's connections end by
	// their lifetime, the held ones now).
	var res result.Result
	for deadline := time.Now().Add(30 * time.Second); ; {
		ec := newExecClient(d.socket)
		res, err = ec.Execute(ctx, wire.ExecuteRequest{Code: "return 2"})
		ec.Close()
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil || res.Status != result.OK {
		t.Fatalf("after the connections are freed: %+v, %v", res, err)
	}
	if v := metricValue(t, d, `codexec_connections_refused_total{reason="limit"}`); v < 3 {
		t.Errorf(`codexec_connections_refused_total{reason="limit"} = %v, want at least 3`, v)
	}
	if v := metricValue(t, d, `codexec_connections_refused_total{reason="health_only"}`); v < 1 {
		t.Errorf(`codexec_connections_refused_total{reason="health_only"} = %v, want at least 1`, v)
	}
}

// The body deadline bounds reading bodies only: a long execution (its body
// arrived at once) and event streams (without a body, and with a small
// one) outlive it; a stalled body under GET /healthz is answered, and its
// connection closed, at the deadline.
func TestBodyDeadlineSparesLongWork(t *testing.T) {
	const bodyTimeout = time.Second
	d := startDaemon(t, daemonOpts{bodyTimeout: bodyTimeout})
	ctx := context.Background()

	type line struct {
		stream int
		text   string
	}
	lines := make(chan line, 1000)
	for i, req := range []string{
		"GET /v1/events HTTP/1.1\r\nHost: x\r\n\r\n",
		"GET /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
	} {
		c := dialUnix(t, d.socket)
		defer c.Close()
		if _, err := io.WriteString(c, req); err != nil {
			t.Fatal(err)
		}
		go func() {
			br := bufio.NewReader(c)
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				lines <- line{i, "error " + err.Error()}
				return
			}
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
				lines <- line{i, sc.Text()}
			}
			lines <- line{i, fmt.Sprintf("end %v", sc.Err())}
		}()
	}
	for d.bus.Subscribers() < 2 {
		time.Sleep(5 * time.Millisecond)
	}

	var stalled atomic.Value
	go func() {
		c := dialUnix(t, d.socket)
		defer c.Close()
		start := time.Now()
		c.SetReadDeadline(time.Now().Add(time.Minute))
		resp, b, err := readAnswer(c, "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")
		var one [1]byte
		_, eof := c.Read(one[:])
		stalled.Store(fmt.Sprintf("%v %s %v; then %v after %v", statusOf(resp), b, err, eof, time.Since(start).Round(100*time.Millisecond)))
	}()

	start := time.Now()
	exec := newExecClient(d.socket)
	defer exec.Close()
	res, err := exec.Execute(ctx, wire.ExecuteRequest{Code: "await new Promise(r => setTimeout(r, 3000)); return 'late'", Timeout: 20000})
	took := time.Since(start)
	if err != nil || res.Status != result.OK || string(res.Output) != `"late"` {
		t.Fatalf("a 3 s execution under a %v body deadline: %+v, %v", bodyTimeout, res, err)
	}
	if took < 3*time.Second {
		t.Fatalf("the execution took %v, less than its timers", took)
	}
	// Both streams carry the execution's end, which came after the deadline.
	done := map[int]bool{}
	timeout := time.After(20 * time.Second)
	for len(done) < 2 {
		select {
		case l := <-lines:
			if strings.HasPrefix(l.text, "end ") || strings.HasPrefix(l.text, "error ") {
				t.Fatalf("event stream %d ended: %s", l.stream, l.text)
			}
			if strings.Contains(l.text, `"type":"`+string(bus.ExecutionCompleted)+`"`) && strings.Contains(l.text, res.ID) {
				done[l.stream] = true
			}
		case <-timeout:
			t.Fatalf("event streams with the execution's end: %v", done)
		}
	}
	for deadline := time.Now().Add(20 * time.Second); stalled.Load() == nil; {
		if time.Now().After(deadline) {
			t.Fatal("GET /healthz with a stalled body: no answer")
		}
		time.Sleep(20 * time.Millisecond)
	}
	got := stalled.Load().(string)
	if !strings.HasPrefix(got, "200 ") || !strings.Contains(got, `"status":"ok"`) || !strings.Contains(got, "then EOF") && !strings.Contains(got, "reset") {
		t.Errorf("GET /healthz with a stalled body: %s", got)
	}
	t.Logf("GET /healthz with a stalled body: %s", got)

	// A chunked body and a configuration change that stall: 408
	// request_timeout, then the connection closes.
	for _, req := range []string{
		"POST /v1/executions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"code\":\"return",
		"PATCH /v1/config HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{\"timeout\":",
	} {
		c := dialUnix(t, d.socket)
		c.SetReadDeadline(time.Now().Add(time.Minute))
		resp, b, err := readAnswer(c, req)
		var one [1]byte
		_, eof := c.Read(one[:])
		c.Close()
		if err != nil || resp.StatusCode != http.StatusRequestTimeout || errCode(t, b) != wire.CodeRequestTimeout || !resp.Close || eof == nil {
			t.Errorf("%q: %v %s %v; then %v", req, resp, b, err, eof)
		}
	}
}

func statusOf(resp *http.Response) string {
	if resp == nil {
		return "no answer"
	}
	return strconv.Itoa(resp.StatusCode)
}

// The descriptor budget: what is kept for the daemon's own files, and the
// caps it allows.
func TestBudget(t *testing.T) {
	b := api.NewBudget(20000, 4)
	if b.Reserved != 256+8*(4+256+1) || b.Max != 20000-b.Reserved-api.HealthReserve || b.Default != api.DefaultMaxConnections {
		t.Fatalf("budget for 20000: %+v", b)
	}
	if err := b.Check(b.Max); err != nil {
		t.Errorf("Check(Max): %v", err)
	}
	if err := b.Check(b.Max + 1); err == nil || !strings.Contains(err.Error(), "would eat the descriptors") || !strings.Contains(err.Error(), strconv.Itoa(b.Max)) {
		t.Errorf("Check(Max+1): %v", err)
	}
	if err := b.Check(0); err == nil {
		t.Error("Check(0) passed")
	}
	small := api.NewBudget(3000, 4)
	if small.Default != small.Max || small.Max != 3000-small.Reserved-api.HealthReserve {
		t.Errorf("budget for 3000: %+v", small)
	}
	tiny := api.NewBudget(1024, 4)
	if err := tiny.Check(tiny.Default); err == nil || !strings.Contains(err.Error(), "too low") {
		t.Errorf("budget for 1024: %+v, %v", tiny, err)
	}
}

// Bodies arriving at once are bounded in bytes, by their declared length:
// half-sent large bodies fill the budget, the next large one is refused at
// once (429 overloaded), small requests still run, and once the stalled
// bodies are cut at their deadline the budget is whole again.
func TestBodyBudget(t *testing.T) {
	d := startDaemon(t, daemonOpts{bodyTimeout: 2 * time.Second, bodyBudget: 8 << 20})
	const size = 2_000_000
	head := fmt.Sprintf("POST /v1/executions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", size)
	part := `{"code":"return 1","context":{"pad":"` + strings.Repeat("a", 1000)
	var stalled []net.Conn
	for i := 0; i < 4; i++ { // 8 MB declared: the budget
		c, err := net.Dial("unix", d.socket)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if _, err := c.Write([]byte(head + part)); err != nil {
			t.Fatal(err)
		}
		stalled = append(stalled, c)
	}
	// The server has read the heads (and reserved their bytes) once it
	// refuses the next one.
	refused := false
	for deadline := time.Now().Add(time.Second); !refused && time.Now().Before(deadline); {
		code, body := d.do(t, "POST", "/v1/executions", `{"code":"return 2","context":{"pad":"`+strings.Repeat("b", size-60)+`"}}`)
		if code == http.StatusTooManyRequests && strings.Contains(string(body), `"code":"overloaded"`) && strings.Contains(string(body), "request bytes") {
			refused = true
		} else if code != http.StatusOK {
			t.Fatalf("a large request: %d %s", code, body)
		}
	}
	if !refused {
		t.Fatal("a large request was not refused while 8 MB of bodies were arriving")
	}
	if code, body := d.do(t, "POST", "/v1/executions", `{"code":"return 3"}`); code != http.StatusOK || !strings.Contains(string(body), `"output":3`) {
		t.Errorf("a small request while the budget is full: %d %s", code, body)
	}
	// The stalled bodies are cut at their deadline; their bytes come back.
	for _, c := range stalled {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err != nil || resp.StatusCode != http.StatusRequestTimeout {
			t.Errorf("a stalled body: %v %v", resp, err)
		}
	}
	code, body := d.do(t, "POST", "/v1/executions", `{"code":"return context.pad.length","context":{"pad":"`+strings.Repeat("c", 900_000)+`"}}`)
	if code != http.StatusOK || !strings.Contains(string(body), `"output":900000`) {
		t.Errorf("a large request once the stalled bodies are gone: %d %.200s", code, body)
	}
	if v := metricValue(t, d, `codexec_requests_rejected_total{reason="body_budget"}`); v < 1 {
		t.Errorf(`codexec_requests_rejected_total{reason="body_budget"} = %v, want at least 1`, v)
	}
}
