package main

import (
	"context"
	"encoding/json"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"codexec/internal/testutil"
	"codexec/result"
)

// nMCP is how many simple code_execute calls each MCP mode is timed over.
const nMCP = 100

// mcpLatency times simple code_execute calls made by an MCP client (the
// official Go SDK's) to `supervisor mcp` over stdio: in-process with its
// warm pool, in-process with no pool (every call starts its runner), and
// through the daemon's socket. Each warm call waits for a full pool first,
// as the socket's warm figures do.
func mcpLatency(r *Results, sup, tmp, socket string, w workload, daemonPoolFull func()) {
	type mode struct {
		name string
		args []string
		wait func(pid int)
	}
	poolSize := 2 * runtime.NumCPU()
	children := func(pid, n int) {
		deadline := time.Now().Add(60 * time.Second)
		for len(testutil.Children(pid)) < n {
			if time.Now().After(deadline) {
				log.Fatalf("bench: supervisor mcp did not fill its pool to %d", n)
			}
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(5 * time.Millisecond) // let the last spawn's CPU settle
	}
	dataDir := filepath.Join(tmp, "mcp-data")
	weak := []string{}
	if os.Geteuid() != 0 {
		weak = []string{"--allow-weak-isolation"}
	}
	modes := []mode{
		{"mcpInProcess", append([]string{"mcp", "--data-dir", dataDir, "--pool-size", strconv.Itoa(poolSize)}, weak...), func(pid int) { children(pid, poolSize) }},
		{"mcpInProcessNoPool", append([]string{"mcp", "--data-dir", dataDir, "--pool-size", "0"}, weak...), func(int) {}},
		{"mcpDaemon", []string{"mcp", "--socket", socket}, func(int) { daemonPoolFull() }},
	}
	args, _ := json.Marshal(map[string]any{"code": w.Code, "context": json.RawMessage(ctxJSON), "timeout": 30000})
	for _, m := range modes {
		cmd := exec.Command(sup, m.args...)
		logf, err := os.Create(filepath.Join(tmp, m.name+".log"))
		check(err)
		cmd.Stderr = logf
		ctx := context.Background()
		client := mcp.NewClient(&mcp.Implementation{Name: "codexec-bench", Version: "1"}, nil)
		s, err := client.Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
		check(err)
		var lat []time.Duration
		for i := 0; i < nMCP; i++ {
			m.wait(cmd.Process.Pid)
			start := time.Now()
			res, err := s.CallTool(ctx, &mcp.CallToolParams{Name: "code_execute", Arguments: json.RawMessage(args)})
			took := time.Since(start)
			check(err)
			var out result.Result
			b, _ := json.Marshal(res.StructuredContent)
			check(json.Unmarshal(b, &out))
			if res.IsError {
				log.Fatalf("bench: %s: %s", m.name, b)
			}
			verify(w, out)
			lat = append(lat, took)
		}
		check(s.Close())
		logf.Close()
		r.Workloads[w.Name][m.name] = summarise(lat)
		log.Printf("bench: %s via %s: median %.2f ms", w.Name, m.name, r.Workloads[w.Name][m.name].Median)
	}
}
