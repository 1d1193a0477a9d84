package api_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"codexec/api/wire"
	"codexec/audit"
	"codexec/bus"
	"codexec/result"
	"codexec/sandbox"
)

// execClient is a client of the daemon whose idle connections can be
// closed, so that goroutines can be counted.
type execClient struct {
	tr *http.Transport
	hc *http.Client
}

func newExecClient(socket string) *execClient {
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var dl net.Dialer
		return dl.DialContext(ctx, "unix", socket)
	}}
	return &execClient{tr: tr, hc: &http.Client{Transport: tr}}
}

func (c *execClient) Execute(ctx context.Context, req wire.ExecuteRequest) (result.Result, error) {
	var res result.Result
	body, err := json.Marshal(req)
	if err != nil {
		return res, err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://x/v1/executions", bytes.NewReader(body))
	if err != nil {
		return res, err
	}
	resp, err := c.hc.Do(hreq)
	if err != nil {
		return res, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return res, fmt.Errorf("POST /v1/executions: %s", resp.Status)
	}
	return res, json.NewDecoder(resp.Body).Decode(&res)
}

// Close closes the client's idle connections.
func (c *execClient) Close() { c.tr.CloseIdleConnections() }

// waitGoroutines waits until the goroutines of this process are back to
// at most n, and fails with their count when they do not come back.
func waitGoroutines(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > n {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("goroutines: %d, want at most %d\n%s", runtime.NumGoroutine(), n, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// settle waits until no execution runs and every runner is cleaned up,
// and returns the goroutines left.
func settle(t *testing.T, d *daemon) int {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if running, waiting, _, _ := d.svc.Admission(); running == 0 && waiting == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("executions still running")
		}
		time.Sleep(5 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := sandbox.WaitCleanups(ctx); err != nil {
		t.Fatal(err)
	}
	if err := d.rec.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	return runtime.NumGoroutine()
}

// A client that disconnects while its execution runs, or in the middle of
// sending its request: a running execution is cancelled (its runner
// killed) and recorded as cancelled, a half-sent one never runs, and the
// connection leaves nothing behind (goroutines, admission slots).
func TestClientDisconnects(t *testing.T) {
	d := startDaemon(t, daemonOpts{})
	ctx := context.Background()
	c := newExecClient(d.socket)
	if res, err := c.Execute(ctx, wire.ExecuteRequest{Code: "return 1"}); err != nil || res.Status != result.OK {
		t.Fatalf("warm-up: %+v %v", res, err)
	}
	c.Close()

	tests := []struct {
		name  string
		agent string
		// send writes (part of) a request; wait says when to hang up.
		send     func(c net.Conn, agent string)
		wait     func()
		recorded bool
	}{
		{"while the execution runs", "left-running",
			func(c net.Conn, agent string) {
				body := `{"code": "await new Promise((r) => setTimeout(r, 20000)); return 'finished'", "timeout": 30000, "agentId": "` + agent + `"}`
				fmt.Fprintf(c, "POST /v1/executions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
			},
			func() {
				for running, _, _, _ := d.svc.Admission(); running == 0; running, _, _, _ = d.svc.Admission() {
					time.Sleep(time.Millisecond)
				}
			}, true},
		{"in the middle of the body", "left-halfway",
			func(c net.Conn, agent string) {
				body := `{"code": "return 'never'", "agentId": "` + agent + `"}`
				fmt.Fprintf(c, "POST /v1/executions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:len(body)/2])
			},
			func() { time.Sleep(50 * time.Millisecond) }, false},
		{"in the middle of the headers", "left-in-headers",
			func(c net.Conn, agent string) {
				fmt.Fprintf(c, "POST /v1/executions HTTP/1.1\r\nHost: x\r\nContent-Le")
			},
			func() { time.Sleep(50 * time.Millisecond) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := settle(t, d) // this subtest's own goroutine included
			conn, err := net.Dial("unix", d.socket)
			if err != nil {
				t.Fatal(err)
			}
			tt.send(conn, tt.agent)
			tt.wait()
			conn.Close()
			settle(t, d)
			recs, err := d.rec.History(ctx, audit.Filter{AgentID: tt.agent})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.recorded && (len(recs) != 1 || recs[0].Status != result.Cancelled || recs[0].ExecutionTime >= 20000):
				t.Errorf("records of the execution whose client left: %+v, want one, cancelled, stopped before its 20 s", recs)
			case !tt.recorded && len(recs) != 0:
				t.Errorf("records of a request never sent whole: %+v, want none", recs)
			}
			waitGoroutines(t, base)
		})
	}
}

// A reader of the event stream that stops reading while executions run:
// the executions are not held up, the reader is told how many events it
// lost when it reads again and then follows the stream, and its
// subscription goes when it leaves.
func TestStalledEventReaderUnderLoad(t *testing.T) {
	d := startDaemon(t, daemonOpts{maxConcurrent: 4, maxQueue: 200})
	ctx := context.Background()
	c := newExecClient(d.socket)
	if res, err := c.Execute(ctx, wire.ExecuteRequest{Code: "return 1"}); err != nil || res.Status != result.OK {
		t.Fatalf("warm-up: %+v %v", res, err)
	}
	c.Close()
	base := settle(t, d)

	conn, err := net.Dial("unix", d.socket)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "GET /v1/events HTTP/1.1\r\nHost: x\r\n\r\n")
	for d.bus.Subscribers() == 0 {
		time.Sleep(5 * time.Millisecond)
	}

	// Blocked code with many findings: two dozen events each, and no
	// runner, so that the stream's buffer overflows quickly. Some ordinary
	// executions among them.
	blocked := strings.Repeat("eval('x'); ", 25)
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < 400; i += 8 {
				req := wire.ExecuteRequest{Code: blocked, AgentID: "flood"}
				want := result.Blocked
				if i%20 == 0 {
					req, want = wire.ExecuteRequest{Code: "return 2", AgentID: "flood"}, result.OK
				}
				res, err := c.Execute(ctx, req)
				if err == nil && res.Status != want {
					err = fmt.Errorf("execution %d: %s, want %s", i, res.Status, want)
				}
				if err != nil {
					errs <- err
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	// Read again: what the stream kept, then the drop notice; then new
	// executions' events arrive. They run beside the reading: run between
	// two reads, one's events could find the stream's buffer still full of
	// the backlog (the stream's writer not yet scheduled on a loaded
	// machine) and be dropped in turn, so they go on until one's arrive.
	br := bufio.NewReader(conn)
	conn.SetReadDeadline(time.Now().Add(60 * time.Second))
	var dropped uint64
	stopAfter := make(chan struct{})
	var afterWG sync.WaitGroup
	stop := sync.OnceFunc(func() { close(stopAfter) })
	defer func() { stop(); afterWG.Wait() }()
	sawLast := false
	for !sawLast {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the stream: %v (dropped so far %d)", err, dropped)
		}
		if !strings.HasPrefix(line, "{") {
			continue // the HTTP response head and chunk sizes
		}
		var ev struct {
			Type    string `json:"type"`
			Dropped uint64 `json:"dropped"`
			AgentID string `json:"agentId"`
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("an event that is not JSON: %q", line)
		}
		if ev.Type == wire.EventsDroppedType {
			if dropped == 0 {
				afterWG.Add(1)
				go func() {
					defer afterWG.Done()
					for {
						select {
						case <-stopAfter:
							return
						default:
						}
						_, _ = c.Execute(ctx, wire.ExecuteRequest{Code: "return 'after'", AgentID: "after-the-drop"})
						select {
						case <-stopAfter:
							return
						case <-time.After(100 * time.Millisecond):
						}
					}
				}()
			}
			dropped += ev.Dropped
		}
		sawLast = ev.AgentID == "after-the-drop" && ev.Type == string(bus.ExecutionCompleted)
	}
	stop()
	afterWG.Wait()
	t.Logf("the stalled reader lost %d events, then followed the stream", dropped)
	if dropped == 0 {
		t.Error("the stalled reader was never told it lost events")
	}
	conn.Close()
	for d.bus.Subscribers() != 0 {
		time.Sleep(5 * time.Millisecond)
	}
	c.Close()
	settle(t, d)
	waitGoroutines(t, base)
}
