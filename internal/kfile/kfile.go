// Package kfile reads the small files the kernel writes on demand (procfs,
// cgroupfs) with plain open, read and close.
//
// os.ReadFile costs about ten system calls for such a file: it tries to
// register the descriptor with the runtime's poller (refused for these
// files, then undone with four fcntl calls), asks for its size (always 0)
// and reads in steps from 512 bytes. The supervisor reads several of these
// files on every execution's path, where each call is paid at the price of
// a core just woken; these take three or four.
package kfile

import (
	"errors"
	"os"
	"syscall"
)

// DefaultMax is the most ReadFile and File.ReadAll read when given 0:
// /proc/PID/status is under 2 KiB.
const DefaultMax = 16 << 10

// ErrTooLarge: the file holds more than the caller's maximum.
var ErrTooLarge = errors.New("larger than the maximum read")

// File is an open kernel file.
type File struct {
	fd   int
	path string
}

// Open opens path for reading (close-on-exec). Its errors are
// *os.PathError, so os.IsNotExist and errors.Is work as for os.Open.
func Open(path string) (File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return File{fd: -1}, &os.PathError{Op: "open", Path: path, Err: err}
		}
		return File{fd: fd, path: path}, nil
	}
}

// ReadAll reads the file to its end, at most max bytes (DefaultMax when 0);
// more than that is ErrTooLarge.
func (f File) ReadAll(max int) ([]byte, error) {
	if max <= 0 {
		max = DefaultMax
	}
	buf := make([]byte, min(4096, max+1))
	n := 0
	for {
		if n == len(buf) {
			if n > max {
				return nil, &os.PathError{Op: "read", Path: f.path, Err: ErrTooLarge}
			}
			buf = append(buf, make([]byte, min(len(buf), max+1-len(buf)))...)
		}
		m, err := syscall.Read(f.fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "read", Path: f.path, Err: err}
		}
		if m == 0 {
			if n > max {
				return nil, &os.PathError{Op: "read", Path: f.path, Err: ErrTooLarge}
			}
			return buf[:n], nil
		}
		n += m
	}
}

// Close closes the file.
func (f File) Close() error {
	if f.fd < 0 {
		return nil
	}
	if err := syscall.Close(f.fd); err != nil {
		return &os.PathError{Op: "close", Path: f.path, Err: err}
	}
	return nil
}

// ReadFile reads the whole of a kernel file, at most max bytes
// (DefaultMax when 0).
func ReadFile(path string, max int) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.ReadAll(max)
}
