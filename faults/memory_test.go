package faults

import (
	"context"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"codexec/api/wire"
	"codexec/config"
	"codexec/internal/daemontest"
	"codexec/result"
)

// The memory a daemon reports for a runner is the runner's, not the
// daemon's: after the daemon's own resident memory has been driven past
// 500 MiB (by requests that wait for an execution slot, each holding a
// 1 MB context),
// runners spawned after the growth report what runners spawned before it
// did, within a few MiB, and never above their limit plus the documented
// margin.
func TestMemoryFigureAfterTheDaemonGrew(t *testing.T) {
	integration(t)
	const size = 2
	d := daemontest.Start(t, daemontest.Options{MaxConcurrent: 1, MaxQueue: 5000, Limits: func(l *config.Limits) { l.PoolSize = size }})
	ctx := context.Background()
	measure := func(when string) float64 {
		t.Helper()
		// More executions than the pool holds, one after the other: the
		// last ones run on runners spawned after everything before.
		var last result.Result
		for i := 0; i < 2*size+1; i++ {
			waitPool(t, d, size)
			res, _, err := d.Execute(ctx, wire.ExecuteRequest{Code: "return 1", MemoryLimit: 64})
			if err != nil || res.Status != result.OK {
				t.Fatalf("%s: %s %+v, %v", when, res.Status, res.Error, err)
			}
			if res.ResourceUsage.MemorySource == "" || res.ResourceUsage.MemorySource == "none" || res.ResourceUsage.Memory <= 0 {
				t.Fatalf("%s: no memory figure: %+v", when, res.ResourceUsage)
			}
			last = res
		}
		t.Logf("%s: return 1 reports %.1f MiB (%s); the daemon's peak is %d MiB", when,
			last.ResourceUsage.Memory, last.ResourceUsage.MemorySource, daemonHWM(t, d.PID())>>20)
		return last.ResourceUsage.Memory
	}
	before := measure("fresh daemon")

	// Grow the daemon: requests with a 1 MB context that wait for the one
	// execution slot; the daemon holds each while it waits. Then leave:
	// the waiting requests are dropped, the daemon's peak stays.
	body := `{"code":"await new Promise((r) => setTimeout(r, 20000)); return 1","timeout":30000,"context":{"pad":"` +
		strings.Repeat("a", 1_000_000) + `"}}`
	req := []byte(fmt.Sprintf("POST /v1/executions HTTP/1.1\r\nHost: codexec\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body))
	var conns []net.Conn
	leave := func() {
		for _, c := range conns {
			c.Close()
		}
		conns = nil
	}
	defer leave()
	deadline := time.Now().Add(2 * time.Minute)
	for daemonHWM(t, d.PID()) < 520<<20 {
		if time.Now().After(deadline) || len(conns) >= 1500 {
			t.Fatalf("the daemon's peak is %d MiB after %d waiting requests; want over 520", daemonHWM(t, d.PID())>>20, len(conns))
		}
		for i := 0; i < 25; i++ {
			c, err := net.Dial("unix", d.Socket)
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
			if _, err := c.Write(req); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	n := len(conns)
	leave()
	grown := daemonHWM(t, d.PID())
	after := measure(fmt.Sprintf("after %d waiting requests", n))
	if diff := after - before; diff > 4 || diff < -4 {
		t.Errorf("return 1 reported %.1f MiB on a fresh daemon and %.1f MiB once the daemon's peak was %d MiB", before, after, grown>>20)
	}
	if after > 64+16 {
		t.Errorf("return 1 under a 64 MiB limit reported %.1f MiB", after)
	}
}

// daemonHWM is a process's peak resident memory (VmHWM), in bytes.
func daemonHWM(t *testing.T, pid int) uint64 {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(v)
			n, err := strconv.ParseUint(f[0], 10, 64)
			if err != nil || len(f) != 2 || f[1] != "kB" {
				t.Fatalf("VmHWM line %q", line)
			}
			return n << 10
		}
	}
	t.Fatal("no VmHWM")
	return 0
}
