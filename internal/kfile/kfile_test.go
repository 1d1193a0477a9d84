package kfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The same bytes as os.ReadFile, for files the kernel generates and for a
// regular file larger than the first buffer.
func TestReadFileMatchesOS(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big")
	if err := os.WriteFile(big, bytes.Repeat([]byte("0123456789abcdef"), 1000), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/proc/self/limits", "/proc/self/mountinfo", "/proc/version", big} {
		got, err := ReadFile(p, 1<<20)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// mountinfo may change between two reads on a busy host; the
		// others may not.
		if p != "/proc/self/mountinfo" && !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, os.ReadFile %d", p, len(got), len(want))
		}
		if len(got) == 0 {
			t.Errorf("%s: empty", p)
		}
	}
	// /proc/PID/status of this process names it and its pid.
	b, err := ReadFile("/proc/self/status", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\nPid:\t"+strconv.Itoa(os.Getpid())+"\n") {
		t.Errorf("/proc/self/status without this pid:\n%s", b)
	}
}

// A file larger than the maximum is an error, not a silent cut; exactly
// the maximum is read whole.
func TestReadFileMax(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, bytes.Repeat([]byte("x"), 5000), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p, 4999); !errors.Is(err, ErrTooLarge) {
		t.Errorf("5000 bytes with a maximum of 4999: %v, want ErrTooLarge", err)
	}
	if b, err := ReadFile(p, 5000); err != nil || len(b) != 5000 {
		t.Errorf("5000 bytes with a maximum of 5000: %d bytes, %v", len(b), err)
	}
	if _, err := ReadFile(p, 100); !errors.Is(err, ErrTooLarge) {
		t.Errorf("5000 bytes with a maximum of 100: %v, want ErrTooLarge", err)
	}
}

// Errors are os.PathErrors that os.IsNotExist and errors.Is understand.
func TestErrors(t *testing.T) {
	_, err := ReadFile("/proc/0/status", 0)
	if !os.IsNotExist(err) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v, want not-exist", err)
	}
	var pe *os.PathError
	if !errors.As(err, &pe) || pe.Path != "/proc/0/status" {
		t.Errorf("missing file: %#v, want an *os.PathError naming it", err)
	}
	if _, err := ReadFile(t.TempDir(), 0); err == nil {
		t.Error("a directory read as a file")
	}
}
