package api_test

import (
	"context"
	"sort"
	"sync"
	"testing"
	"time"

	"codexec/api/wire"
	"codexec/result"
)

// BenchmarkPostExecution measures POST /v1/executions of a trivial
// snippet over the real socket, end to end (validation, a fresh locked-down
// runner, the audit record): the median and p95 latency one at a time, and
// the throughput at concurrency 8.
//
//	go test ./api -run '^$' -bench PostExecution -benchtime 200x
func BenchmarkPostExecution(b *testing.B) {
	d := startDaemon(b, daemonOpts{maxConcurrent: 8, maxQueue: 64, pool: 4})
	req := wire.ExecuteRequest{Code: "return 1 + 1", AgentID: "bench"}
	b.Run("serial", func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		for i := 0; i < b.N; i++ {
			start := time.Now()
			res, err := d.c.Execute(context.Background(), req)
			if err != nil || res.Status != result.OK {
				b.Fatalf("%+v %v", res, err)
			}
			lat = append(lat, time.Since(start))
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "median-ms")
		b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
	})
	b.Run("concurrency8", func(b *testing.B) {
		var wg sync.WaitGroup
		next := make(chan struct{}, b.N)
		for i := 0; i < b.N; i++ {
			next <- struct{}{}
		}
		close(next)
		start := time.Now()
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range next {
					if res, err := d.c.Execute(context.Background(), req); err != nil || res.Status != result.OK {
						b.Errorf("%+v %v", res, err)
						return
					}
				}
			}()
		}
		wg.Wait()
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "exec/s")
	})
}
