//go:build !goja_profiler

package goja

import (
	"errors"
	"io"
	"time"
)

// Without the goja_profiler build tag goja has no profiler, and does not
// link github.com/google/pprof/profile, whose package initialisation
// (compiling a dozen regular expressions) every process paid at start-up.
// The VM's hooks stay (vm.go is unchanged); profiling is never enabled.

const profMaxStackDepth = 64

const (
	profReqNone int32 = iota
	profReqDoSample
	profReqSampleReady
	profReqStop
)

type _globalProfiler struct {
	p       profiler
	enabled int32
}

var globalProfiler _globalProfiler

type profTracker struct {
	req, finished int32
	start, stop   time.Time
	numFrames     int
	frames        [profMaxStackDepth]StackFrame
}

type profiler struct{}

func (p *profiler) registerVm() *profTracker {
	return &profTracker{req: profReqStop}
}

var errNoProfiler = errors.New("goja: built without the profiler (build tag goja_profiler)")

// StartProfile returns an error: this build has no profiler (see the
// goja_profiler build tag).
func StartProfile(w io.Writer) error { return errNoProfiler }

// StopProfile does nothing: this build has no profiler.
func StopProfile() {}
