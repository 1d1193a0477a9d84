package jsrt

import (
	"fmt"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"codexec/result"
)

// watchInterval is how often the heap watchdog samples memory.
const watchInterval = 5 * time.Millisecond

// watchHeap stops the job with status memory once the memory the Go
// runtime holds from the system passes limit: a graceful result well
// before the cgroup's hard limit kills the process. The garbage collector
// is told of a limit an eighth higher: at the limit itself it would collect
// almost continuously and a memory bomb would crawl towards the deadline
// instead of reaching the watchdog (seen under emulation: timeouts instead
// of memory results). The returned function stops the watchdog.
func (rt *Runtime) watchHeap(limit int64) func() {
	debug.SetMemoryLimit(limit + limit/8)
	samples := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(watchInterval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			metrics.Read(samples)
			held := int64(samples[0].Value.Uint64() - samples[1].Value.Uint64())
			if held > limit {
				rt.Stop(result.Memory, fmt.Sprintf("the memory limit was reached: the heap grew to %.1f MiB, over its %.1f MiB share of the limit",
					float64(held)/(1<<20), float64(limit)/(1<<20)))
				return
			}
		}
	}()
	return func() { close(done) }
}
