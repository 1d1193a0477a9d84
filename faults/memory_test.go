package faults

import (
	"bytes"
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
// 500 MiB (by requests whose bodies stall half-way, as an attacker would),
// runners spawned after the growth report what runners spawned before it
// did, within a few MiB, and never above their limit plus the documented
// margin.
func TestMemoryFigureAfterTheDaemonGrew(t *testing.T) {
	integration(t)
	const size = 2
	d := daemontest.Start(t, daemontest.Options{Limits: func(l *config.Limits) { l.PoolSize = size }})
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

	// Grow the daemon: connections that send 1.5 MB of a 2 MB body and
	// stall. The daemon buffers what it has read.
	chunk := append([]byte(`{"code":"return 1","context":{"pad":"`), bytes.Repeat([]byte("a"), 1500000)...)
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	deadline := time.Now().Add(2 * time.Minute)
	for daemonHWM(t, d.PID()) < 520<<20 {
		if time.Now().After(deadline) || len(conns) >= 900 {
			t.Fatalf("the daemon's peak is %d MiB after %d stalled bodies; want over 520", daemonHWM(t, d.PID())>>20, len(conns))
		}
		for i := 0; i < 25; i++ {
			c, err := net.Dial("unix", d.Socket)
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
			fmt.Fprintf(c, "POST /v1/executions HTTP/1.1\r\nHost: codexec\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n")
			if _, err := c.Write(chunk); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	grown := daemonHWM(t, d.PID())
	after := measure(fmt.Sprintf("after %d stalled bodies", len(conns)))
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
