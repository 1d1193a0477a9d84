package main

import (
	"context"
	"encoding/json"
	"log"
	"os"
	"time"

	"codexec/api/client"
	"codexec/api/wire"
	"codexec/broker"
	"codexec/result"
	"codexec/sandbox"
	"codexec/service"
)

// The tools workload: one program that calls a tool 100 times, one call
// after the other, against the same loop without the calls; the difference
// over 100 is what a call adds. Answered in the supervisor's process (a Go
// handler, as code mode's and the service's) and by a caller over the
// socket (the Go client's WithTools, which drives the stream).
const (
	nToolRuns   = 15
	toolsCalls  = `let n = 0; for (let i = 0; i < 100; i++) n += (await tools.echo({i})).i; return n`
	toolsNoCall = `let n = 0; for (let i = 0; i < 100; i++) n += (await Promise.resolve({i})).i; return n`
)

var echoTool = []broker.Tool{{Name: "echo", InputSchema: json.RawMessage(`{"type":"object","properties":{"i":{"type":"integer"}}}`)}}

func echoHandler(_ context.Context, args json.RawMessage) (any, error) { return args, nil }

func toolCalls(r *Results, runner string, c *client.Client, waitWarm func()) {
	ctx := context.Background()
	median := func(f func(code string) result.Result, code string) float64 {
		var d []time.Duration
		for i := 0; i < nToolRuns; i++ {
			res := f(code)
			if res.Status != result.OK || string(res.Output) != "4950" {
				log.Fatalf("bench: tools: %s %s %+v", res.Status, res.Output, res.Error)
			}
			d = append(d, time.Duration(res.ExecutionTime*float64(time.Millisecond)))
		}
		return summarise(d).Median
	}

	// In the supervisor's process: a service with a Go handler.
	var iso *sandbox.Isolation
	if os.Geteuid() == 0 {
		var err error
		iso, err = sandbox.NewIsolation(sandbox.IsolationOptions{})
		check(err)
	}
	svc, err := service.New(service.Options{RunnerPath: runner, Isolation: iso})
	check(err)
	local := func(code string) result.Result {
		return svc.Execute(ctx, service.Request{Code: code, Tools: echoTool, ToolHandler: broker.HandlerFunc(func(ctx context.Context, _ string, args json.RawMessage) (json.RawMessage, error) {
			return args, nil
		}), TimeoutMs: 30000}, nil)
	}
	calls, base := median(local, toolsCalls), median(local, toolsNoCall)
	r.References["tools.inProcess.100calls.median"] = calls
	r.References["tools.inProcess.noCalls.median"] = base
	r.Ratios["toolCallAdded.inProcess.ms"] = (calls - base) / 100

	// Over the socket: the Go client answers on the stream.
	wtools := []wire.Tool{{Name: "echo", InputSchema: echoTool[0].InputSchema}}
	remote := func(code string) result.Result {
		waitWarm()
		res, err := c.Execute(ctx, wire.ExecuteRequest{Code: code, Tools: wtools, Timeout: 30000},
			client.WithTools(map[string]client.ToolHandler{"echo": echoHandler}))
		check(err)
		return res
	}
	calls, base = median(remote, toolsCalls), median(remote, toolsNoCall)
	r.References["tools.socket.100calls.median"] = calls
	r.References["tools.socket.noCalls.median"] = base
	r.Ratios["toolCallAdded.socket.ms"] = (calls - base) / 100
	log.Printf("bench: a tool call adds %.3f ms in process, %.3f ms over the socket (100 calls: %.1f ms; 100 separate simple executions: %.0f ms)",
		r.Ratios["toolCallAdded.inProcess.ms"], r.Ratios["toolCallAdded.socket.ms"], calls, 100*r.Workloads["simple"]["socketWarm"].Median)
}
