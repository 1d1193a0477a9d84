// Package config holds the settings that shape every execution (DESIGN.md,
// "Configuration"): their defaults, units and bounds. Field names carry
// their units; zero values are never taken to mean "unlimited".
package config

import (
	"fmt"
	"runtime"
	"time"

	"codexec/ipc"
)

// Hard bounds no configuration may cross.
const (
	MinTimeoutMs      = 1
	MaxTimeoutMs      = 30000
	MinMemoryLimitMiB = 32 // below this a Go runtime with goja cannot start
	MaxMemoryLimitMiB = 16384
)

// Limits are the per-execution settings: defaults for requests that do not
// say, and the caps no request may exceed.
type Limits struct {
	TimeoutMs           int64   `json:"timeout"`             // default timeout of an execution, ms (5000)
	MemoryLimitMiB      int     `json:"memoryLimit"`         // default memory limit of a runner, MiB (256)
	MinMemoryLimitMiB   int     `json:"minMemoryLimit"`      // smallest memory limit a request may ask for, MiB (32)
	MaxMemoryLimitMiB   int     `json:"maxMemoryLimit"`      // largest memory limit a request may ask for, MiB (1024)
	CaptureConsole      bool    `json:"captureConsole"`      // forward console output (true)
	AllowBuiltinModules bool    `json:"allowBuiltinModules"` // require() of the pure built-in modules (jsrt/modules), for validation and runtime (false)
	MaxCodeBytes        int     `json:"maxCodeBytes"`        // code size cap, bytes (256 KiB)
	MaxContextBytes     int     `json:"maxContextBytes"`     // context JSON size cap, bytes (1 MiB)
	MaxOutputBytes      int     `json:"maxOutputBytes"`      // cap on the JSON of the returned value, bytes (1 MiB)
	MaxLogLines         int     `json:"maxLogLines"`         // cap on console lines (1000)
	MaxLogBytes         int     `json:"maxLogBytes"`         // cap on console bytes (1 MiB)
	RiskThreshold       float64 `json:"riskThreshold"`       // risk score at which validation blocks (0.7)
	PoolSize            int     `json:"poolSize"`            // warm runners the daemon keeps ready (2 per core; 0 disables)
	MaxToolCalls        int     `json:"maxToolCalls"`        // tool calls one execution may have answered (100)
	MaxToolArgBytes     int     `json:"maxToolArgBytes"`     // cap on one tool call's arguments, bytes of JSON (64 KiB)
	MaxToolResultBytes  int     `json:"maxToolResultBytes"`  // cap on one tool result, bytes of JSON (1 MiB; at most ipc.MaxToolResultBytes)
}

// DefaultLimits returns the documented defaults.
func DefaultLimits() Limits {
	return Limits{
		TimeoutMs:         5000,
		MemoryLimitMiB:    256,
		MinMemoryLimitMiB: MinMemoryLimitMiB,
		MaxMemoryLimitMiB: 1024,
		CaptureConsole:    true,
		MaxCodeBytes:      256 << 10,
		MaxContextBytes:   1 << 20,
		MaxOutputBytes:    1 << 20,
		MaxLogLines:       1000,
		MaxLogBytes:       1 << 20,
		RiskThreshold:     0.7,
		PoolSize:          DefaultPoolSize(),

		MaxToolCalls:       100,
		MaxToolArgBytes:    64 << 10,
		MaxToolResultBytes: 1 << 20,
	}
}

// Bounds of the tool-calling caps: calls per execution, and the bytes of
// one call's arguments (a result's bound is ipc.MaxToolResultBytes, what a
// runner reads).
const (
	MaxToolCalls    = 10000
	MaxToolArgBytes = 4 << 20
)

// MaxPoolSize bounds the warm pool.
const MaxPoolSize = 256

// DefaultPoolSize is two warm runners per core.
func DefaultPoolSize() int { return 2 * runtime.NumCPU() }

// Timeout is the default timeout as a duration.
func (l Limits) Timeout() time.Duration { return time.Duration(l.TimeoutMs) * time.Millisecond }

// Validate checks every limit against its bounds and names the first one
// that is out of them.
func (l Limits) Validate() error {
	type check struct {
		name     string
		val, min int64
		max      int64
	}
	for _, c := range []check{
		{"timeout", l.TimeoutMs, MinTimeoutMs, MaxTimeoutMs},
		{"minMemoryLimit", int64(l.MinMemoryLimitMiB), MinMemoryLimitMiB, MaxMemoryLimitMiB},
		{"maxMemoryLimit", int64(l.MaxMemoryLimitMiB), int64(l.MinMemoryLimitMiB), MaxMemoryLimitMiB},
		{"memoryLimit", int64(l.MemoryLimitMiB), int64(l.MinMemoryLimitMiB), int64(l.MaxMemoryLimitMiB)},
		{"maxCodeBytes", int64(l.MaxCodeBytes), 1, 1 << 20}, // validation refuses more (detect.MaxSourceBytes)
		{"maxContextBytes", int64(l.MaxContextBytes), 2, 16 << 20},
		{"maxOutputBytes", int64(l.MaxOutputBytes), 4, 32 << 20},
		// At least one line and one byte: a cap of 0 would turn any
		// console call into output_limit. To drop console output, set
		// captureConsole to false.
		{"maxLogLines", int64(l.MaxLogLines), 1, 1 << 20},
		{"maxLogBytes", int64(l.MaxLogBytes), 1, 32 << 20},
		{"poolSize", int64(l.PoolSize), 0, MaxPoolSize},
		{"maxToolCalls", int64(l.MaxToolCalls), 1, MaxToolCalls},
		{"maxToolArgBytes", int64(l.MaxToolArgBytes), 2, MaxToolArgBytes},
		{"maxToolResultBytes", int64(l.MaxToolResultBytes), 4, ipc.MaxToolResultBytes},
	} {
		if c.val < c.min || c.val > c.max {
			hint := ""
			if (c.name == "maxLogLines" || c.name == "maxLogBytes") && c.val == 0 {
				hint = " (to drop console output, set captureConsole to false)"
			}
			return fmt.Errorf("config: %s = %d is outside [%d, %d]%s", c.name, c.val, c.min, c.max, hint)
		}
	}
	if l.RiskThreshold <= 0 || l.RiskThreshold > 1 {
		return fmt.Errorf("config: riskThreshold = %v is outside (0, 1]", l.RiskThreshold)
	}
	return nil
}
