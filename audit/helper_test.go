package audit

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"codexec/audit/audittest"
)

// deadURI is a MongoDB server that is not there.
const deadURI = "mongodb://127.0.0.1:1/?directConnection=true"

// runHelper runs the test binary as a helper process.
func runHelper(role string) int {
	dir := os.Getenv("HELPER_DATA_DIR")
	var err error
	switch role {
	case "append-and-wait":
		err = helperAppendAndWait(dir)
	case "fs-readonly":
		err = helperReadOnly(dir)
	case "fs-full":
		err = helperFull(dir)
	case "ids":
		err = helperIDs()
	default:
		err = fmt.Errorf("unknown helper role %q", role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 1
	}
	return 0
}

// helperAppendAndWait is a supervisor whose store is down: it appends
// HELPER_N records, says so, and waits to be killed.
func helperAppendAndWait(dir string) error {
	n, _ := strconv.Atoi(os.Getenv("HELPER_N"))
	r, err := Open(Config{DataDir: dir, MongoURI: deadURI, ServerSelectionTimeout: 100 * time.Millisecond,
		MinFreeBytes: 1 << 20, Logger: quiet})
	if err != nil {
		return err
	}
	for _, id := range ids("exec_kill", n) {
		if err := r.Ready(); err != nil {
			return err
		}
		if err := r.Append(context.Background(), record(id, audittest.Base)); err != nil {
			return err
		}
	}
	fmt.Printf("appended %d pending %d\n", n, r.Stats().PendingRecords)
	select {} // until SIGKILL
}

// startHelper runs the test binary in role, in a mount namespace of its
// own when privateMounts, and returns its standard output's lines.
func startHelper(t *testing.T, role, dir string, privateMounts bool, env ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+role, "HELPER_DATA_DIR="+dir)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = tWriter{t}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if privateMounts {
		cmd.SysProcAttr.Unshareflags = syscall.CLONE_NEWNS // Go makes "/" private in it
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	return cmd, bufio.NewScanner(out)
}

// A supervisor killed with SIGKILL while its outbox holds records: the
// next one ships them, each once.
func TestKilledSupervisor(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			const n = 50
			dir := t.TempDir()
			cmd, out := startHelper(t, "append-and-wait", dir, false, "HELPER_N="+strconv.Itoa(n))
			if !out.Scan() {
				t.Fatalf("the helper said nothing: %v", out.Err())
			}
			line := out.Text()
			if line != fmt.Sprintf("appended %d pending %d", n, n) {
				t.Fatalf("helper: %q", line)
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("helper ended with %v, want SIGKILL", err)
			}
			if segs := segmentFiles(t, dir); len(segs) != 1 {
				t.Fatalf("segments after the kill: %v, want 1", segs)
			}

			cfg := be.config(t)
			cfg.DataDir = dir
			r := open(t, cfg)
			flush(t, r)
			st := r.Stats()
			t.Logf("killed with %d records in the outbox; next process adopted %d, shipped %d", n, st.Adopted, st.Shipped)
			if st.Adopted != n || st.Shipped != n {
				t.Errorf("adopted %d, shipped %d; want %d", st.Adopted, st.Shipped, n)
			}
			got, err := r.History(context.Background(), Filter{AgentID: "agent-rec", Limit: MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]int{}
			for _, rec := range got {
				seen[rec.ID]++
			}
			for _, id := range ids("exec_kill", n) {
				if seen[id] != 1 {
					t.Errorf("%s stored %d times, want 1", id, seen[id])
				}
			}
			if len(got) != n {
				t.Errorf("%d records stored, want %d", len(got), n)
			}
		})
	}
}

// fsResult is what the file-system helpers report.
type fsResult struct {
	OpenErr        string `json:"openErr,omitempty"`
	OpenReadOnly   bool   `json:"openReadOnly,omitempty"`
	ReadyErr       string `json:"readyErr,omitempty"`
	ReadyNotReady  bool   `json:"readyNotReady,omitempty"`
	ReadyReadOnly  bool   `json:"readyReadOnly,omitempty"`
	ReadyDiskFull  bool   `json:"readyDiskFull,omitempty"`
	Appended       int    `json:"appended"`
	AppendErr      string `json:"appendErr,omitempty"`
	AppendDiskFull bool   `json:"appendDiskFull,omitempty"`
	AfterErr       string `json:"afterErr,omitempty"` // Ready after the failed Append
	AfterNotReady  bool   `json:"afterNotReady,omitempty"`
	Pending        int    `json:"pending"`
}

func mountTmpfs(dir string, size string, flags uintptr) error {
	if err := unix.Mount("tmpfs", dir, "tmpfs", flags, "size="+size); err != nil {
		return fmt.Errorf("mount tmpfs on %s: %w", dir, err)
	}
	return nil
}

// helperReadOnly: a data directory on a read-only file system.
func helperReadOnly(dir string) error {
	if err := mountTmpfs(dir, "4m", 0); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "outbox"), 0o700); err != nil {
		return err
	}
	if err := unix.Mount("", dir, "", unix.MS_REMOUNT|unix.MS_RDONLY, ""); err != nil {
		return fmt.Errorf("remount read-only: %w", err)
	}
	var res fsResult
	// The embedded store cannot even open.
	if _, err := Open(Config{DataDir: dir, Logger: quiet}); err != nil {
		res.OpenErr, res.OpenReadOnly = err.Error(), errors.Is(err, ErrReadOnly)
	}
	// With MongoDB, the Recorder opens, and Ready refuses.
	r, err := Open(Config{DataDir: dir, MongoURI: deadURI, MinFreeBytes: 1, Logger: quiet})
	if err != nil {
		return err
	}
	err = r.Ready()
	if err != nil {
		res.ReadyErr = err.Error()
		res.ReadyNotReady, res.ReadyReadOnly = errors.Is(err, ErrNotReady), errors.Is(err, ErrReadOnly)
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}

// helperFull: a data directory on a small file system that fills up.
func helperFull(dir string) error {
	if err := mountTmpfs(dir, "4m", 0); err != nil {
		return err
	}
	minFree, _ := strconv.ParseInt(os.Getenv("HELPER_MIN_FREE"), 10, 64)
	r, err := Open(Config{DataDir: dir, MongoURI: deadURI, ServerSelectionTimeout: 100 * time.Millisecond,
		MinFreeBytes: minFree, Logger: quiet})
	if err != nil {
		return err
	}
	var res fsResult
	rec := record("x", audittest.Base)
	rec.Output = json.RawMessage(`"` + strings.Repeat("y", 200<<10) + `"`)
	for i := 0; i < 100; i++ {
		if err := r.Ready(); err != nil {
			res.ReadyErr = err.Error()
			res.ReadyNotReady, res.ReadyDiskFull = errors.Is(err, ErrNotReady), errors.Is(err, ErrDiskFull)
			break
		}
		rec.ID = fmt.Sprintf("exec_fill%03d", i)
		if err := r.Append(context.Background(), rec); err != nil {
			res.AppendErr, res.AppendDiskFull = err.Error(), errors.Is(err, ErrDiskFull)
			err := r.Ready()
			if err != nil {
				res.AfterErr, res.AfterNotReady = err.Error(), errors.Is(err, ErrNotReady)
			}
			break
		}
		res.Appended++
	}
	res.Pending = r.Stats().PendingRecords
	return json.NewEncoder(os.Stdout).Encode(res)
}

func requireMounts(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("skipping: mounting a test file system requires root (CI runs as root)")
	}
}

func runFSHelper(t *testing.T, role string, env ...string) fsResult {
	t.Helper()
	dir := t.TempDir()
	cmd, out := startHelper(t, role, dir, true, env...)
	if !out.Scan() {
		_ = cmd.Wait()
		t.Fatalf("the %s helper reported nothing", role)
	}
	var res fsResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("helper: %q: %v", out.Text(), err)
	}
	t.Logf("%s: %+v", role, res)
	return res
}

// A read-only data directory: the embedded store does not open, and with
// MongoDB the Recorder opens but Ready refuses, saying why.
func TestReadOnlyDataDir(t *testing.T) {
	if os.Geteuid() != 0 {
		// Without root, permissions make a directory read-only.
		dir := t.TempDir()
		r := open(t, Config{DataDir: dir, MongoURI: deadURI, Logger: quiet})
		if err := os.Chmod(filepath.Join(dir, "outbox"), 0o500); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(filepath.Join(dir, "outbox"), 0o700)
		err := r.Ready()
		if !errors.Is(err, ErrNotReady) || !errors.Is(err, ErrReadOnly) {
			t.Fatalf("Ready on a read-only data directory: %v, want ErrReadOnly", err)
		}
		return
	}
	res := runFSHelper(t, "fs-readonly")
	if !res.OpenReadOnly || !strings.Contains(res.OpenErr, "read-only file system") {
		t.Errorf("Open of the embedded store: %q, want an error wrapping ErrReadOnly", res.OpenErr)
	}
	if !res.ReadyNotReady || !res.ReadyReadOnly || !strings.Contains(res.ReadyErr, "read-only file system") {
		t.Errorf("Ready: %q, want ErrNotReady and ErrReadOnly saying read-only file system", res.ReadyErr)
	}
}

// A data directory that fills up: Ready refuses before the file system is
// full; with no floor, the Append that hits ENOSPC fails with ErrDiskFull,
// Ready refuses after it, and the records written before are kept.
func TestDiskFull(t *testing.T) {
	requireMounts(t)
	res := runFSHelper(t, "fs-full", "HELPER_MIN_FREE="+strconv.Itoa(1<<20))
	if !res.ReadyNotReady || !res.ReadyDiskFull || res.AppendErr != "" {
		t.Errorf("with a 1 MiB floor: %+v; want Ready to refuse with ErrDiskFull before any Append fails", res)
	}
	if !strings.Contains(res.ReadyErr, "free in") || res.Pending != res.Appended || res.Appended == 0 {
		t.Errorf("with a 1 MiB floor: %+v", res)
	}

	res = runFSHelper(t, "fs-full", "HELPER_MIN_FREE=-1")
	if !res.AppendDiskFull || !strings.Contains(res.AppendErr, "no space left on device") {
		t.Errorf("without a floor: Append error %q, want ErrDiskFull", res.AppendErr)
	}
	if !res.AfterNotReady {
		t.Errorf("Ready after a failed Append: %q, want ErrNotReady", res.AfterErr)
	}
	if res.Pending != res.Appended || res.Appended == 0 {
		t.Errorf("appended %d, pending %d: records written before the failure must stay", res.Appended, res.Pending)
	}
}
