package jsrt

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"codexec/result"
)

// watchInterval is how often the heap watchdog samples memory.
const watchInterval = 5 * time.Millisecond

// watchHeap stops the job with status memory once the memory the Go
// runtime uses passes limit and the job keeps at least half of it alive: a
// graceful result well before the cgroup's hard limit kills the process.
//
// Used is what the runtime holds from the system less what it holds free:
// the runtime gives free memory back as the limit nears (the collector is
// told of the limit). Used memory over the limit may still be garbage: a
// job that churns through short-lived values (a string built with +=,
// copied each time) runs ahead of the concurrent collector, and a
// collection counts alive what the job allocated while it ran: a high live
// figure is believed only when a later collection agrees. So when the
// last collection found less than half the limit alive, the watchdog has
// the runtime collect (at most every collectInterval; in between, the
// collector's own limit and the cgroup hold), and counts as kept what that
// collection found alive less what the job allocated while it ran (a
// collection counts those alive, garbage or not, and under CPU contention
// they can be most of it). The collector's limit is an eighth higher than
// the watchdog's: at the limit itself it would collect almost continuously
// and a memory bomb would crawl towards the deadline instead of reaching
// the watchdog (seen under emulation: timeouts instead of memory results).
// The returned function stops the watchdog.
func (rt *Runtime) watchHeap(limit int64) func() {
	debug.SetMemoryLimit(limit + limit/8)
	samples := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/heap/allocs:bytes"},
		{Name: "/gc/cycles/total:gc-cycles"},
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(watchInterval)
		defer t.Stop()
		var collected time.Time
		var high bool       // a collection found more than half the limit alive
		var highCycle int64 // which one
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			m := readMemory(samples)
			if m.used <= limit {
				continue
			}
			if m.live > limit/2 {
				// One collection's live figure counts what the job
				// allocated while it ran, garbage or not: believe it
				// when a later collection agrees.
				if !high || m.cycles == highCycle {
					high, highCycle = true, m.cycles
					continue
				}
			} else {
				high = false
				if time.Since(collected) < collectInterval {
					continue
				}
				runtime.GC()
				collected = time.Now()
				after := readMemory(samples)
				if kept := after.live - (after.allocs - m.allocs); after.used <= limit || kept <= limit/2 {
					continue
				}
				m = after
			}
			rt.Stop(result.Memory, fmt.Sprintf("the memory limit was reached: the heap grew to %.1f MiB, over its %.1f MiB share of the limit",
				float64(m.used)/(1<<20), float64(limit)/(1<<20)))
			return
		}
	}()
	return func() { close(done) }
}

// collectInterval is the least time between two collections the watchdog
// has the runtime make.
const collectInterval = 100 * time.Millisecond

// memory is the Go runtime's memory at one moment.
type memory struct {
	used   int64 // held from the system, less what was returned and what is free
	live   int64 // the heap the last collection found alive
	allocs int64 // bytes allocated so far
	cycles int64 // collections so far
}

func readMemory(samples []metrics.Sample) memory {
	metrics.Read(samples)
	v := func(i int) int64 { return int64(samples[i].Value.Uint64()) }
	return memory{used: v(0) - v(1) - v(2), live: v(3), allocs: v(4), cycles: v(5)}
}
