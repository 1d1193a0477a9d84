package api_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"codexec/api"
	"codexec/api/client"
	"codexec/api/wire"
	"codexec/audit"
	"codexec/audit/audittest"
	"codexec/bus"
	"codexec/config"
	"codexec/internal/testutil"
	"codexec/metrics"
	"codexec/pool"
	"codexec/result"
	"codexec/sandbox"
	"codexec/service"
)

// TestMain doubles as a second client process: with CODEXEC_API_CLIENT
// set, the test binary (started as another uid) makes one request and
// prints the HTTP status and body.
func TestMain(m *testing.M) {
	if spec := os.Getenv("CODEXEC_API_CLIENT"); spec != "" {
		apiClient(spec)
		return
	}
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}

func apiClient(spec string) {
	method, rest, _ := strings.Cut(spec, " ")
	path, body, _ := strings.Cut(rest, " ")
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return net.Dial("unix", os.Getenv("CODEXEC_API_SOCKET"))
	}}}
	req, _ := http.NewRequest(method, "http://x"+path, strings.NewReader(body))
	resp, err := hc.Do(req)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	b, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(b))
	os.Exit(0)
}

type daemon struct {
	socket string
	srv    *api.Server
	svc    *service.Service
	rec    *audit.Recorder
	bus    *bus.Bus
	m      *metrics.Metrics
	c      *client.Client
	done   chan error
}

type daemonOpts struct {
	maxConcurrent, maxQueue int
	policy                  map[int][]string
	mode                    os.FileMode
	limits                  config.Limits
	save                    func(config.Limits) error
	pool                    int
	maxConns                int
	bodyTimeout             time.Duration
	bodyBudget              int64
	hostID                  string
}

// startDaemon serves the API on a socket in a temporary directory, with
// real runners, a real embedded audit store, a real bus.
func startDaemon(t testing.TB, o daemonOpts) *daemon {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping: integration test")
	}
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{AllowWeak: true})
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "codexec-api-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	t.Cleanup(func() { os.RemoveAll(dir) })
	rec, err := audit.Open(audit.Config{DataDir: filepath.Join(dir, "data"), HostID: o.hostID})
	if err != nil {
		t.Fatal(err)
	}
	b := bus.New()
	m := metrics.New(metrics.Gauges{OutboxRecords: func() float64 { return float64(rec.Stats().PendingRecords) }})
	var p *pool.Pool
	if o.pool > 0 {
		p = pool.New(pool.Options{Size: o.pool, MemoryBytes: 256 << 20, Sandbox: service.DaemonSandboxConfig(testutil.Runner(t), 0, iso)})
		t.Cleanup(p.Close)
	}
	svc, err := service.New(service.Options{RunnerPath: testutil.Runner(t), Isolation: iso, Recorder: rec, Bus: b, Metrics: m,
		Limits: o.limits, MaxConcurrent: o.maxConcurrent, MaxQueue: o.maxQueue, Pool: p, AsyncCleanup: true})
	if err != nil {
		t.Fatal(err)
	}
	srv := api.New(api.Options{Service: svc, Recorder: rec, Bus: b, Metrics: m, Isolation: iso, Policy: o.policy,
		Admins: []int{os.Getuid()}, SaveConfig: o.save, MaxConnections: o.maxConns, BodyTimeout: o.bodyTimeout, BodyBudget: o.bodyBudget})
	mode := o.mode
	if mode == 0 {
		mode = 0o600
	}
	sock := filepath.Join(dir, "supervisor.sock")
	l, err := api.Listen(sock, mode, "")
	if err != nil {
		t.Fatal(err)
	}
	d := &daemon{socket: sock, srv: srv, svc: svc, rec: rec, bus: b, m: m, c: client.New(sock), done: make(chan error, 1)}
	go func() { d.done <- srv.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		sandbox.WaitCleanups(ctx)
		rec.Close(ctx)
	})
	return d
}

func (d *daemon) do(t *testing.T, method, path, body string, hdr ...string) (int, []byte) {
	t.Helper()
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return net.Dial("unix", d.socket)
	}}}
	req, err := http.NewRequest(method, "http://x"+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func errCode(t *testing.T, b []byte) string {
	t.Helper()
	var e wire.Error
	if err := json.Unmarshal(b, &e); err != nil || e.Code == "" || e.Message == "" {
		t.Fatalf("not a JSON error {code, message}: %s", b)
	}
	return e.Code
}

// The history, stats and failures endpoints filter by host (hostId) or
// span every host; the host of a record is the daemon's, whatever the
// caller sends; a host id no record can carry is a bad request.
func TestHostFilters(t *testing.T) {
	d := startDaemon(t, daemonOpts{hostID: "api-host-a"})
	ctx := context.Background()
	var mine []string
	for _, code := range []string{"return 1", "throw new Error('x')"} {
		res, err := d.c.Execute(ctx, wire.ExecuteRequest{Code: code, AgentID: "agent-h"})
		if err != nil {
			t.Fatal(err)
		}
		mine = append(mine, res.ID)
	}
	// A caller cannot name the host.
	if code, b := d.do(t, "POST", "/v1/executions", `{"code":"return 1","agentId":"agent-h","hostId":"api-host-b"}`); code != 400 {
		t.Errorf("an execution request with hostId: %d %s, want 400", code, b)
	}
	// Another supervisor's record, in the same store (as in a shared
	// MongoDB): a failure on api-host-b.
	other := audittest.Full("exec_otherhost", time.Now())
	other.AgentID, other.HostID = "agent-h", "api-host-b"
	if err := d.rec.Store().Append(ctx, other); err != nil {
		t.Fatal(err)
	}
	if err := d.rec.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range mine {
		if r, err := d.c.Get(ctx, id); err != nil || r.HostID != "api-host-a" {
			t.Errorf("Get(%s): host %q, %v; want api-host-a", id, r.HostID, err)
		}
	}
	hostsOf := func(recs []audit.Record) map[string]int {
		m := map[string]int{}
		for _, r := range recs {
			m[r.HostID]++
		}
		return m
	}
	for _, tc := range []struct {
		host string
		want map[string]int
	}{
		{"", map[string]int{"api-host-a": 2, "api-host-b": 1}},
		{"api-host-a", map[string]int{"api-host-a": 2}},
		{"api-host-b", map[string]int{"api-host-b": 1}},
		{"api-host-c", map[string]int{}},
	} {
		h, err := d.c.History(ctx, audit.Filter{AgentID: "agent-h", HostID: tc.host})
		if err != nil || !reflect.DeepEqual(hostsOf(h), tc.want) {
			t.Errorf("History(host %q) = %v, %v; want %v", tc.host, hostsOf(h), err, tc.want)
		}
		f, err := d.c.Failures(ctx, "agent-h", tc.host, 10)
		wantF := map[string]int{}
		for k := range tc.want {
			wantF[k] = 1 // one failure on each host
		}
		if err != nil || !reflect.DeepEqual(hostsOf(f), wantF) {
			t.Errorf("Failures(host %q) = %v, %v; want %v", tc.host, hostsOf(f), err, wantF)
		}
	}
	st, err := d.c.Stats(ctx, "agent-h", "")
	if err != nil || st.TotalExecutions != 3 || st.HostID != "" || !reflect.DeepEqual(st.Hosts, map[string]int64{"api-host-a": 2, "api-host-b": 1}) {
		t.Errorf("Stats(every host) = %+v, %v", st, err)
	}
	st, err = d.c.Stats(ctx, "agent-h", "api-host-a")
	if err != nil || st.TotalExecutions != 2 || st.Successes != 1 || st.HostID != "api-host-a" || !reflect.DeepEqual(st.Hosts, map[string]int64{"api-host-a": 2}) {
		t.Errorf("Stats(api-host-a) = %+v, %v", st, err)
	}
	// The JSON says hostId only when filtered, and always hosts.
	code, b := d.do(t, "GET", "/v1/agents/agent-h/stats", "")
	if code != 200 || strings.Contains(string(b), `"hostId"`) || !strings.Contains(string(b), `"hosts":{"api-host-a":2,"api-host-b":1}`) {
		t.Errorf("stats JSON: %d %s", code, b)
	}
	for _, path := range []string{
		"/v1/executions?hostId=two%20words",
		"/v1/executions?hostId=",
		"/v1/executions?hostId=" + strings.Repeat("h", 254),
		"/v1/agents/agent-h/stats?hostId=%1b%5B2J",
		"/v1/agents/agent-h/stats?host=api-host-a",
		"/v1/agents/agent-h/failures?hostId=a/b",
	} {
		code, b := d.do(t, "GET", path, "")
		if code != 400 || errCode(t, b) != "bad_request" || !strings.Contains(string(b), "host") {
			t.Errorf("GET %s: %d %s; want 400 bad_request about the host", path, code, b)
		}
	}
}

// Every endpoint, with its errors.
func TestEndpoints(t *testing.T) {
	d := startDaemon(t, daemonOpts{})
	ctx := context.Background()

	res, err := d.c.Execute(ctx, wire.ExecuteRequest{Code: "console.log('hi'); return context.a * 2", Context: json.RawMessage(`{"a":21}`), AgentID: "agent-1", ChannelID: "ch"})
	if err != nil || res.Status != result.OK || string(res.Output) != "42" || len(res.Logs) != 1 {
		t.Fatalf("Execute = %+v, %v", res, err)
	}
	if res2, _ := d.c.Execute(ctx, wire.ExecuteRequest{Code: "throw new Error('x')", AgentID: "agent-1"}); res2.Status != result.Error {
		t.Fatalf("throwing execution: %+v", res2)
	}
	if res3, _ := d.c.Execute(ctx, wire.ExecuteRequest{Code: "return 1", Timeout: 99999, AgentID: "agent-1"}); res3.Status != result.Invalid {
		t.Fatalf("invalid execution: %+v", res3)
	}
	if err := d.rec.Flush(ctx); err != nil {
		t.Fatal(err)
	}

	rec, err := d.c.Get(ctx, res.ID)
	if err != nil || rec.ID != res.ID || rec.AgentID != "agent-1" || rec.PeerUID == nil || *rec.PeerUID != int64(os.Getuid()) || rec.PeerPID == nil || *rec.PeerPID != int64(os.Getpid()) {
		t.Errorf("Get = %+v, %v; want the record with this process as its peer", rec, err)
	}
	hist, err := d.c.History(ctx, audit.Filter{AgentID: "agent-1"})
	if err != nil || len(hist) != 3 {
		t.Errorf("History(agent-1) = %d records, %v", len(hist), err)
	}
	byHash, err := d.c.History(ctx, audit.Filter{CodeHash: res.CodeHash})
	if err != nil || len(byHash) != 1 || byHash[0].ID != res.ID {
		t.Errorf("History(codeHash) = %v, %v", byHash, err)
	}
	st, err := d.c.Stats(ctx, "agent-1", "")
	if err != nil || st.TotalExecutions != 3 || st.Languages["javascript"] != 3 {
		t.Errorf("Stats = %+v, %v", st, err)
	}
	fails, err := d.c.Failures(ctx, "agent-1", "", 10)
	if err != nil || len(fails) != 2 {
		t.Errorf("Failures = %d, %v; want 2", len(fails), err)
	}
	if h, err := d.c.Health(ctx); err != nil || h.Status != "ok" || h.Store != "embedded" {
		t.Errorf("Health = %+v, %v", h, err)
	}
	if l, err := d.c.Config(ctx); err != nil || l.TimeoutMs != 5000 {
		t.Errorf("Config = %+v, %v", l, err)
	}

	code, body := d.do(t, "GET", "/metrics", "")
	if code != 200 || !bytes.Contains(body, []byte(`codexec_executions_total{language="javascript",status="ok"} 1`)) ||
		!bytes.Contains(body, []byte("codexec_outbox_records")) || !bytes.Contains(body, []byte("codexec_runner_spawn_seconds_count")) {
		t.Errorf("metrics: %d\n%.2000s", code, body)
	}

	for _, c := range []struct {
		method, path, body string
		hdr                []string
		status             int
		code               string
	}{
		{"GET", "/v1/executions/exec_nope", "", nil, 404, wire.CodeNotFound},
		{"POST", "/v1/executions", `{"code": "return 1", "bogus": 1}`, nil, 400, wire.CodeBadRequest},
		{"POST", "/v1/executions", `{"code": `, nil, 400, wire.CodeBadRequest},
		{"POST", "/v1/executions", ``, nil, 400, wire.CodeBadRequest},
		{"POST", "/v1/executions", `{"code": "return 1"} {}`, nil, 400, wire.CodeBadRequest},
		{"POST", "/v1/executions", `{"code": "` + strings.Repeat("x", 5<<20) + `"}`, nil, 413, wire.CodeTooLarge},
		{"DELETE", "/v1/executions", "", nil, 405, wire.CodeMethodNotAllowed},
		{"GET", "/v1/executions?status=weird", "", nil, 400, wire.CodeBadRequest},
		{"GET", "/v1/executions?limit=0", "", nil, 400, wire.CodeBadRequest},
		{"GET", "/v1/executions?nope=1", "", nil, 400, wire.CodeBadRequest},
		{"GET", "/v1/agents/agent-1/failures?limit=x", "", nil, 400, wire.CodeBadRequest},
		{"GET", "/v1/events?type=NOPE", "", nil, 400, wire.CodeBadRequest},
		{"PATCH", "/v1/config", `{"timeout": 0}`, nil, 400, wire.CodeBadRequest},
		{"PATCH", "/v1/config", `{"nope": 1}`, nil, 400, wire.CodeBadRequest},
		{"GET", "/v2/anything", "", nil, 404, wire.CodeNotFound},
		{"GET", "/healthz", "", []string{"Origin", "http://evil.example"}, 403, wire.CodeBrowserRefused},
		{"POST", "/v1/executions", `{"code":"return 1"}`, []string{"Referer", "http://evil.example/"}, 403, wire.CodeBrowserRefused},
	} {
		code, body := d.do(t, c.method, c.path, c.body, c.hdr...)
		if code != c.status || errCode(t, body) != c.code {
			t.Errorf("%s %s: %d %s, want %d %s", c.method, c.path, code, body, c.status, c.code)
		}
	}
}

// 50 clients at once all get their own, correct result.
func TestConcurrentClients(t *testing.T) {
	d := startDaemon(t, daemonOpts{maxConcurrent: 4, maxQueue: 100})
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			res, err := d.c.Execute(context.Background(), wire.ExecuteRequest{Code: fmt.Sprintf("return context.i * 3"), Context: json.RawMessage(fmt.Sprintf(`{"i":%d}`, i))})
			if err != nil {
				errs <- err
				return
			}
			if res.Status != result.OK || string(res.Output) != fmt.Sprint(i*3) {
				errs <- fmt.Errorf("client %d: %s %s", i, res.Status, res.Output)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// One execution's events arrive in order: validation, then STARTED, then
// COMPLETED (or the limit event, then FAILED).
func TestEventOrder(t *testing.T) {
	d := startDaemon(t, daemonOpts{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan client.StreamEvent, 100)
	ready := make(chan struct{})
	go func() {
		_ = d.c.Events(ctx, nil, func(ev client.StreamEvent) error {
			events <- ev
			return nil
		})
	}()
	go func() {
		for d.bus.Subscribers() == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		close(ready)
	}()
	<-ready
	ok, _ := d.c.Execute(ctx, wire.ExecuteRequest{Code: "return 1", AgentID: "ev"})
	slow, _ := d.c.Execute(ctx, wire.ExecuteRequest{Code: "for(;;){}", Timeout: 50, AgentID: "ev"})
	blocked, _ := d.c.Execute(ctx, wire.ExecuteRequest{Code: "return process.env", AgentID: "ev"})
	want := map[string][]bus.Type{
		ok.ID:      {bus.ValidationStarted, bus.ValidationCompleted, bus.ExecutionStarted, bus.ExecutionCompleted},
		slow.ID:    {bus.ValidationStarted, bus.ValidationCompleted, bus.ExecutionStarted, bus.ExecutionTimeout, bus.ExecutionFailed},
		blocked.ID: {bus.ValidationStarted, bus.SecurityIssue, bus.ValidationCompleted, bus.ExecutionFailed},
	}
	got := map[string][]bus.Type{}
	timeout := time.After(10 * time.Second)
	for len(got[ok.ID]) < len(want[ok.ID]) || len(got[slow.ID]) < len(want[slow.ID]) || len(got[blocked.ID]) < len(want[blocked.ID]) {
		select {
		case ev := <-events:
			if _, ok := want[ev.ExecutionID]; ok {
				got[ev.ExecutionID] = append(got[ev.ExecutionID], ev.Type)
				if ev.AgentID != "ev" || ev.Timestamp.IsZero() {
					t.Errorf("event %+v lacks its common fields", ev)
				}
			}
		case <-timeout:
			t.Fatalf("events so far: %v", got)
		}
	}
	for id, w := range want {
		if fmt.Sprint(got[id]) != fmt.Sprint(w) {
			t.Errorf("events of %s = %v, want %v", id, got[id], w)
		}
	}
}

// A subscriber that never reads does not slow executions down: it loses
// events and, when it reads again, is told how many.
func TestSlowSubscriber(t *testing.T) {
	d := startDaemon(t, daemonOpts{})
	// A raw connection that asks for the stream and then reads nothing.
	conn, err := net.Dial("unix", d.socket)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /v1/events HTTP/1.1\r\nHost: x\r\n\r\n")
	for d.bus.Subscribers() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	// Publish far more than the stream can buffer, as executions would.
	start := time.Now()
	for i := 0; i < 20000; i++ {
		d.bus.Publish(bus.Event{Type: bus.ExecutionStarted, ExecutionID: fmt.Sprintf("exec_%d", i), AgentID: strings.Repeat("a", 100)})
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("publishing took %v with a stuck reader", took)
	}
	res, err := d.c.Execute(context.Background(), wire.ExecuteRequest{Code: "return 1"})
	if err != nil || res.Status != result.OK {
		t.Fatalf("execution with a stuck reader: %+v %v", res, err)
	}
	// Now read: the stream says events were dropped.
	br := bufio.NewReader(conn)
	sawDrop := false
	deadline := time.Now().Add(10 * time.Second)
	conn.SetReadDeadline(deadline)
	for !sawDrop && time.Now().Before(deadline) {
		line, err := br.ReadString('\n')
		if err != nil {
			break
		}
		if strings.Contains(line, wire.EventsDroppedType) {
			sawDrop = true
		}
	}
	if !sawDrop {
		t.Error("the slow reader was never told about dropped events")
	}
}

// Past the slots and the queue, executions are refused with 429 and
// Retry-After, not piled up.
func TestOverload(t *testing.T) {
	d := startDaemon(t, daemonOpts{maxConcurrent: 1, maxQueue: 1})
	var wg sync.WaitGroup
	codes := make(chan int, 6)
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, body := d.do(t, "POST", "/v1/executions", `{"code": "await new Promise(r => setTimeout(r, 400)); return 1"}`)
			if code == 429 && errCode(t, body) != wire.CodeOverloaded {
				t.Errorf("429 with %s", body)
			}
			codes <- code
		}()
	}
	wg.Wait()
	close(codes)
	n := map[int]int{}
	for c := range codes {
		n[c]++
	}
	if n[429] == 0 || n[200] < 2 || n[200]+n[429] != 6 {
		t.Errorf("status counts %v: want some 200 (one running, one queued) and the rest 429", n)
	}
	// Retry-After is set.
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return net.Dial("unix", d.socket)
	}}}
	release := make(chan struct{})
	go func() {
		d.c.Execute(context.Background(), wire.ExecuteRequest{Code: "await new Promise(r => setTimeout(r, 500))"})
		close(release)
	}()
	go func() {
		d.c.Execute(context.Background(), wire.ExecuteRequest{Code: "await new Promise(r => setTimeout(r, 500))"})
	}()
	time.Sleep(150 * time.Millisecond)
	resp, err := hc.Post("http://x/v1/executions", "application/json", strings.NewReader(`{"code":"return 1"}`))
	if err == nil {
		if resp.StatusCode == 429 && resp.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
		resp.Body.Close()
	}
	<-release
}

// A client that gives up while its execution waits for a slot takes it
// out of the queue.
func TestQueuedClientDisconnects(t *testing.T) {
	d := startDaemon(t, daemonOpts{maxConcurrent: 1, maxQueue: 4})
	go d.c.Execute(context.Background(), wire.ExecuteRequest{Code: "await new Promise(r => setTimeout(r, 700))"})
	time.Sleep(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	if _, err := d.c.Execute(ctx, wire.ExecuteRequest{Code: "return 'should not run'", AgentID: "quitter"}); err == nil {
		t.Fatal("the request that gave up got a result")
	}
	time.Sleep(800 * time.Millisecond)
	if _, waiting, _, _ := d.svc.Admission(); waiting != 0 {
		t.Errorf("%d executions still queued", waiting)
	}
	d.rec.Flush(context.Background())
	if recs, _ := d.rec.History(context.Background(), audit.Filter{AgentID: "quitter"}); len(recs) != 0 {
		t.Errorf("the abandoned execution ran: %v", recs)
	}
}

// A process running as another uid is held to the policy, and may not
// change the configuration.
func TestPolicyWithAnotherUID(t *testing.T) {
	testutil.RequireRoot(t)
	d := startDaemon(t, daemonOpts{policy: map[int][]string{65534: {"agent-x"}}, mode: 0o666})
	self, _ := os.Executable()
	// The test binary must be reachable by uid 65534.
	bin := filepath.Join(filepath.Dir(d.socket), "client")
	b, _ := os.ReadFile(self)
	os.WriteFile(bin, b, 0o755)
	as := func(spec string) (int, string) {
		cmd := exec.Command(bin)
		cmd.Env = []string{"CODEXEC_API_CLIENT=" + spec, "CODEXEC_API_SOCKET=" + d.socket}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("client as 65534: %v\n%s", err, out)
		}
		var code int
		var body string
		fmt.Sscanf(string(out), "%d", &code)
		_, body, _ = strings.Cut(string(out), " ")
		return code, body
	}
	if code, body := as(`POST /v1/executions {"code":"return 1","agentId":"agent-y"}`); code != 403 || !strings.Contains(body, "agent-y") {
		t.Errorf("uid 65534 acting as agent-y: %d %s, want 403", code, body)
	}
	code, body := as(`POST /v1/executions {"code":"return 1","agentId":"agent-x"}`)
	if code != 200 || !strings.Contains(body, `"status":"ok"`) {
		t.Errorf("uid 65534 acting as agent-x: %d %s, want 200 ok", code, body)
	}
	if code, _ := as(`POST /v1/executions {"code":"return 2"}`); code != 200 {
		t.Errorf("uid 65534 without an agentId (defaults to its own): %d", code)
	}
	if code, body := as(`PATCH /v1/config {"timeout":1000}`); code != 403 || !strings.Contains(body, "65534") {
		t.Errorf("uid 65534 changing the configuration: %d %s, want 403", code, body)
	}
	if code, _ := as(`GET /v1/agents/agent-y/stats`); code != 403 {
		t.Errorf("uid 65534 reading agent-y's stats: %d, want 403", code)
	}
	var res result.Result
	json.Unmarshal([]byte(body), &res)
	d.rec.Flush(context.Background())
	rec, err := d.rec.Get(context.Background(), res.ID)
	if err != nil || rec.PeerUID == nil || *rec.PeerUID != 65534 || rec.AgentID != "agent-x" {
		t.Errorf("record of uid 65534's execution: %+v, %v", rec, err)
	}
}

// A configuration change applies to the next execution, is published, and
// is written back.
func TestConfigChange(t *testing.T) {
	var saved config.Limits
	d := startDaemon(t, daemonOpts{save: func(l config.Limits) error { saved = l; return nil }})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan client.StreamEvent, 4)
	go d.c.Events(ctx, []string{string(bus.ConfigUpdated)}, func(ev client.StreamEvent) error { got <- ev; return nil })
	for d.bus.Subscribers() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	if res, _ := d.c.Execute(ctx, wire.ExecuteRequest{Code: "await new Promise(r => setTimeout(r, 300)); return 1"}); res.Status != result.OK {
		t.Fatalf("before the change: %s", res.Status)
	}
	l, err := d.c.PatchConfig(ctx, map[string]any{"timeout": 100, "captureConsole": false})
	if err != nil || l.TimeoutMs != 100 || saved.TimeoutMs != 100 {
		t.Fatalf("PatchConfig = %+v, %v (saved %+v)", l, err, saved)
	}
	res, _ := d.c.Execute(ctx, wire.ExecuteRequest{Code: "console.log('x'); await new Promise(r => setTimeout(r, 300)); return 1"})
	if res.Status != result.Timeout || len(res.Logs) != 0 {
		t.Errorf("after the change: %s with %d logs, want timeout with none", res.Status, len(res.Logs))
	}
	select {
	case ev := <-got:
		if ev.Type != bus.ConfigUpdated || ev.Changes["timeout"] != float64(100) {
			t.Errorf("event = %+v", ev)
		}
	case <-time.After(5 * time.Second):
		t.Error("no CONFIG_UPDATED event")
	}
}

// On shutdown, executions in flight finish and get their results; new
// ones are refused.
func TestGracefulShutdown(t *testing.T) {
	d := startDaemon(t, daemonOpts{})
	results := make(chan result.Result, 3)
	for i := 0; i < 3; i++ {
		go func() {
			res, err := d.c.Execute(context.Background(), wire.ExecuteRequest{Code: "await new Promise(r => setTimeout(r, 500)); return 'done'"})
			if err != nil {
				t.Errorf("in-flight execution: %v", err)
			}
			results <- res
		}()
	}
	time.Sleep(200 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	if err := d.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if res := <-results; res.Status != result.OK || string(res.Output) != `"done"` {
			t.Errorf("in-flight execution ended %s %s", res.Status, res.Output)
		}
	}
	t.Logf("shutdown took %v", time.Since(start))
	if err := <-d.done; err != nil {
		t.Errorf("Serve returned %v", err)
	}
	if _, err := net.Dial("unix", d.socket); err == nil {
		t.Error("the socket still accepts after shutdown")
	}
}

// A socket file nobody answers on is replaced; a live one is not.
func TestStaleSocket(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "s.sock")
	l, err := net.Listen("unix", p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.Listen(p, 0o600, ""); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("Listen over a live socket = %v, want in use", err)
	}
	l.(*net.UnixListener).SetUnlinkOnClose(false)
	l.Close() // the file stays: stale
	l2, err := api.Listen(p, 0o600, "")
	if err != nil {
		t.Fatalf("Listen over a stale socket: %v", err)
	}
	fi, _ := os.Stat(p)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("socket mode %o", fi.Mode().Perm())
	}
	l2.Close()
	os.WriteFile(p, []byte("x"), 0o600)
	if _, err := api.Listen(p, 0o600, ""); err == nil {
		t.Error("Listen replaced a regular file")
	}
}

// The curl examples in the README work as written.
func TestReadmeCurlExamples(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("skipping: curl is not installed")
	}
	d := startDaemon(t, daemonOpts{})
	readme, err := os.ReadFile(filepath.Join(testutil.ModuleRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^curl --unix-socket \$SOCK .*$`)
	lines := re.FindAllString(string(readme), -1)
	if len(lines) < 6 {
		t.Fatalf("found %d curl examples in the README", len(lines))
	}
	for _, line := range lines {
		cmd := exec.Command("sh", "-c", strings.Replace(line, "curl ", "curl -sS --max-time 3 ", 1))
		cmd.Env = append(os.Environ(), "SOCK="+d.socket)
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 28 && strings.Contains(line, "/v1/events") {
			err = nil // a stream: cut off by --max-time
		}
		if err != nil {
			t.Errorf("%s: %v\n%s", line, err, out)
			continue
		}
		first := strings.SplitN(strings.TrimSpace(string(out)), "\n", 2)[0]
		if !strings.Contains(line, "/metrics") && !strings.Contains(line, "/v1/events") && !json.Valid([]byte(first)) {
			t.Errorf("%s: not JSON: %.300s", line, out)
		}
		if strings.Contains(string(out), `"code":"`) && !strings.Contains(line, "# error") {
			t.Errorf("%s: an error: %.300s", line, out)
		}
	}
}

// With a warm pool, executions get parked runners, and the pool's size
// follows the configuration.
func TestWarmPool(t *testing.T) {
	d := startDaemon(t, daemonOpts{pool: 2})
	ctx := context.Background()
	deadline := time.Now().Add(20 * time.Second)
	for {
		h, _ := d.c.Health(ctx)
		if h.Pool != nil && h.Pool.Idle == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pool never filled: %+v", h.Pool)
		}
		time.Sleep(20 * time.Millisecond)
	}
	for i := 0; i < 3; i++ {
		res, err := d.c.Execute(ctx, wire.ExecuteRequest{Code: "return 5", MemoryLimit: 64})
		if err != nil || res.Status != result.OK {
			t.Fatalf("%+v %v", res, err)
		}
	}
	h, _ := d.c.Health(ctx)
	if h.Pool == nil || h.Pool.Hits == 0 {
		t.Errorf("pool stats %+v: no execution got a warm runner", h.Pool)
	}
	if _, err := d.c.PatchConfig(ctx, map[string]any{"poolSize": 0}); err != nil {
		t.Fatal(err)
	}
	for {
		h, _ = d.c.Health(ctx)
		if h.Pool.Idle == 0 && h.Pool.Target == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pool did not shrink: %+v", h.Pool)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if res, _ := d.c.Execute(ctx, wire.ExecuteRequest{Code: "return 6"}); res.Status != result.OK {
		t.Errorf("cold execution with the pool off: %+v", res)
	}
}
