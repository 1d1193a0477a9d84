package faults

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"codexec/api/client"
	"codexec/api/wire"
	"codexec/internal/daemontest"
	"codexec/internal/testutil"
	"codexec/result"
)

// mounted is a daemon whose data directory is on a tmpfs of its own, and
// the helper that can fill that file system or make it read-only.
type mounted struct {
	*daemontest.Daemon
	in  io.WriteCloser
	out *bufio.Reader
}

// startMounted starts the daemon through mountHelper.
func startMounted(t *testing.T) *mounted {
	t.Helper()
	mnt, err := os.MkdirTemp("", "cx-mnt-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(mnt) }) // the mount is the helper's; the directory stays empty here
	m := &mounted{}
	supervisor := testutil.Supervisor(t)
	m.Daemon = daemontest.Start(t, daemontest.Options{
		DataDir: filepath.Join(mnt, "data"),
		Command: func(args []string) *exec.Cmd {
			b, _ := json.Marshal(args)
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), envHelper+"=mountns", envMountDir+"="+mnt, envSupervisor+"="+supervisor, envArgs+"="+string(b))
			cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS, Pdeathsig: syscall.SIGKILL}
			m.in, _ = cmd.StdinPipe()
			out, _ := cmd.StdoutPipe()
			m.out = bufio.NewReader(out)
			return cmd
		},
		PID: func() int {
			line, _ := readLine(m.out)
			pid, err := strconv.Atoi(strings.TrimPrefix(line, "pid "))
			if err != nil {
				t.Fatalf("the mount helper said %q", line)
			}
			return pid
		},
	})
	t.Cleanup(func() { m.in.Close() }) // the helper stops the daemon
	return m
}

// do has the helper run one command (fill, unfill, ro, rw).
func (m *mounted) do(t *testing.T, command string) {
	t.Helper()
	if _, err := fmt.Fprintln(m.in, command); err != nil {
		t.Fatalf("%s: %v", command, err)
	}
	if line, err := readLine(m.out); line != "ok" {
		t.Fatalf("%s: %q %v", command, line, err)
	}
}

// runs counts the executions that got a runner (the pool's hits and
// misses).
func runs(t *testing.T, d *daemontest.Daemon) uint64 {
	t.Helper()
	h, err := d.Health(context.Background())
	if err != nil || h.Pool == nil {
		t.Fatalf("health %+v, %v", h, err)
	}
	return h.Pool.Hits + h.Pool.Misses
}

// The data directory's file system full, then read-only: every execution
// is refused with a clear error, runs nothing and leaves nothing; when the
// space or the write access comes back, executions run and are recorded
// again.
func TestDataDirFullOrReadOnly(t *testing.T) {
	integration(t)
	tests := []struct {
		name, fault, repair string
		msg                 string
	}{
		{"full", "fill", "unfill", "free in"},
		{"read-only", "ro", "rw", "read-only file system"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := startMounted(t)
			ctx := context.Background()
			run := func(i int) result.Result {
				t.Helper()
				res, _, err := m.Execute(ctx, quick(i))
				if err != nil {
					t.Fatalf("execution %d: %v", i, err)
				}
				return res
			}
			if res := run(1); res.Status != result.OK {
				t.Fatalf("before the fault: %s %+v", res.Status, res.Error)
			}
			m.do(t, tt.fault)
			before := runs(t, m.Daemon)
			for i := 0; i < 5; i++ {
				res := run(10 + i)
				if res.Status != result.Internal || res.Error == nil ||
					!strings.Contains(res.Error.Message, "execution refused: the audit trail cannot take a record") ||
					!strings.Contains(res.Error.Message, tt.msg) {
					t.Fatalf("with the data directory %s: %s %+v, want internal: execution refused ... %q", tt.name, res.Status, res.Error, tt.msg)
				}
				if i == 0 {
					t.Logf("refused: %s", res.Error.Message)
				}
				if _, err := m.Client.Get(ctx, res.ID); !client.IsCode(err, wire.CodeNotFound) {
					t.Errorf("a refused execution's record: %v, want not found", err)
				}
			}
			if after := runs(t, m.Daemon); after != before {
				t.Errorf("%d runners were used by refused executions", after-before)
			}
			m.do(t, tt.repair)
			res := run(20)
			if res.Status != result.OK || string(res.Output) != "40" {
				t.Fatalf("after the repair: %s %s %+v", res.Status, res.Output, res.Error)
			}
			if rec, err := m.Client.Get(ctx, res.ID); err != nil || rec.Status != result.OK {
				t.Errorf("after the repair, the record: %+v, %v", rec.Status, err)
			}
			if r, err := m.WaitQuiet(t, time.Minute); err != nil {
				t.Errorf("%v (%s)", err, r)
			}
		})
	}
}
