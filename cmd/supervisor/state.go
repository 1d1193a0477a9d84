package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// State is everything a command may take from its environment: arguments,
// environment variables, standard streams. Commands get it instead of
// reaching for os.*, so that they can be run in-process by tests.
type State struct {
	Args   []string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Executable is the supervisor's own path (to find the runner next to it).
	Executable func() (string, error)
}

// NewState returns the State of this process.
func NewState() *State {
	return &State{
		Args:       os.Args[1:],
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		Getenv:     os.Getenv,
		Executable: os.Executable,
	}
}

// exitError carries an exit code out of a command.
type exitError struct {
	code int
	err  error // printed to stderr when not nil
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError is a command-line mistake (exit code 2).
func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// findRunner locates the runner executable: the --runner flag, then
// $CODEXEC_RUNNER, then a file named runner next to the supervisor.
func (st *State) findRunner(flag string) (string, error) {
	if flag != "" {
		return checkExecutable(flag)
	}
	if env := st.Getenv("CODEXEC_RUNNER"); env != "" {
		return checkExecutable(env)
	}
	self, err := st.Executable()
	if err != nil {
		return "", fmt.Errorf("locate the runner: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(self); err == nil {
		self = resolved
	}
	p, err := checkExecutable(filepath.Join(filepath.Dir(self), "runner"))
	if err != nil {
		return "", fmt.Errorf("%w (build it with `make build`, or pass --runner PATH or set CODEXEC_RUNNER)", err)
	}
	return p, nil
}

func checkExecutable(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("runner %s: %w", abs, errors.Unwrap(err))
	}
	if fi.IsDir() || fi.Mode()&0o111 == 0 {
		return "", fmt.Errorf("runner %s is not an executable file", abs)
	}
	return abs, nil
}
