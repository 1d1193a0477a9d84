package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"codexec/audit/audittest"
)

// BenchmarkAppend measures what recording adds to one execution: Append's
// latency (p50 and p99 reported) in each durability, alone and with 8
// concurrent executions. The embedded store ships in the background.
func BenchmarkAppend(b *testing.B) {
	for _, d := range []Durability{DurabilityBatch, DurabilitySync} {
		for _, par := range []int{1, 8} {
			b.Run(fmt.Sprintf("%s/concurrency=%d", d, par), func(b *testing.B) {
				r, err := Open(Config{DataDir: b.TempDir(), Durability: d, Logger: quiet,
					MinFreeBytes: 1 << 20, Retention: 10 * 365 * 24 * time.Hour})
				if err != nil {
					b.Fatal(err)
				}
				defer r.Close(context.Background())
				if err := r.Ready(); err != nil {
					b.Fatal(err)
				}
				base := audittest.Full("x", time.Now())
				base.Output = json.RawMessage(`{"result":[1,2,3],"message":"a typical small value"}`)
				var n atomic.Int64
				var mu sync.Mutex
				var lat []time.Duration
				b.SetParallelism(par)
				b.ResetTimer()
				if par == 1 {
					for b.Loop() {
						rec := base
						rec.ID = fmt.Sprintf("exec_bench%09d", n.Add(1))
						t0 := time.Now()
						if err := r.Append(context.Background(), rec); err != nil {
							b.Fatal(err)
						}
						lat = append(lat, time.Since(t0))
					}
				} else {
					// RunParallel runs GOMAXPROCS*par goroutines.
					b.RunParallel(func(pb *testing.PB) {
						var mine []time.Duration
						for pb.Next() {
							rec := base
							rec.ID = fmt.Sprintf("exec_bench%09d", n.Add(1))
							t0 := time.Now()
							if err := r.Append(context.Background(), rec); err != nil {
								b.Error(err)
								return
							}
							mine = append(mine, time.Since(t0))
						}
						mu.Lock()
						lat = append(lat, mine...)
						mu.Unlock()
					})
				}
				b.StopTimer()
				slices.Sort(lat)
				if len(lat) > 0 {
					b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
					b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
				}
				b.ReportMetric(float64(r.ob.fsyncs.Load())/float64(max(len(lat), 1)), "fsyncs/op")
			})
		}
	}
}

// BenchmarkReady measures the pre-flight check.
func BenchmarkReady(b *testing.B) {
	r, err := Open(Config{DataDir: b.TempDir(), Logger: quiet, MinFreeBytes: 1 << 20})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close(context.Background())
	for b.Loop() {
		if err := r.Ready(); err != nil {
			b.Fatal(err)
		}
	}
}
