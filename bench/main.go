// Command bench measures codexec end to end, side by side with the
// references its targets are stated against, and prints one table (make
// bench). Every workload's output is checked against expected.json.
//
// It starts a real daemon (bin/supervisor serve) on a temporary socket and
// measures, for each workload in bench/workloads: `supervisor run` as a
// process; the socket API with the warm pool; the socket API with the pool
// off. Then the throughput of the simple workload at concurrency 1, 2 and 8,
// validation and TypeScript stripping in process, the supervisor's RSS, and
// the references: a static Go binary spawned per execution (the floor of
// this design), and, where node is installed, Node's vm module in a
// long-lived process and one fresh node process per execution.
//
//	go run ./bench -bin bin -o bench/results/latest.json
package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"

	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"codexec/api/client"
	"codexec/api/wire"
	"codexec/detect"
	"codexec/ipc"
	"codexec/jsrt"
	"codexec/result"
	"codexec/sandbox"
	"codexec/service"
	"codexec/typescript"
)

var (
	binDir  = flag.String("bin", "bin", "directory holding supervisor and runner")
	outPath = flag.String("o", "bench/results/latest.json", "where to write the results as JSON")
	nSimple = flag.Int("n", 200, "runs of the simple workload per mode")
	nHeavy  = flag.Int("heavy", 8, "runs of the data, complex and typed workloads per mode")
	nThru   = flag.Int("throughput", 400, "executions per throughput measurement")
)

type workload struct {
	Name, File, Lang string
	Code             string
	Expected         json.RawMessage
}

// Stats summarises latencies in ms.
type Stats struct {
	N      int     `json:"n"`
	Median float64 `json:"median"`
	P95    float64 `json:"p95"`
	Max    float64 `json:"max"`
}

func summarise(d []time.Duration) Stats {
	if len(d) == 0 {
		return Stats{}
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	ms := func(x time.Duration) float64 { return float64(x.Microseconds()) / 1000 }
	return Stats{N: len(s), Median: ms(s[len(s)/2]), P95: ms(s[(len(s)*95)/100]), Max: ms(s[len(s)-1])}
}

// Results is everything measured, as written to the JSON file.
type Results struct {
	When       time.Time                   `json:"when"`
	Commit     string                      `json:"commit,omitempty"`
	Host       string                      `json:"host"`
	Workloads  map[string]map[string]Stats `json:"workloads"` // workload → mode → latency
	Exec       map[string]Stats            `json:"executionTime"`
	Throughput map[string]float64          `json:"throughput"` // name → executions per second
	Validate   map[string]Stats            `json:"validation"`
	Strip      map[string]Stats            `json:"typescriptStrip"`
	InProcess  map[string]Stats            `json:"inProcessGoja"`
	RSS        map[string]float64          `json:"rssMiB"`
	Startup    map[string]Stats            `json:"runnerStartup"` // where a cold runner's time goes, and a warm runner's job
	FirstUse   map[string]Stats            `json:"firstUseCpu"`   // the runner's CPU for a job whose first act is to use a feature, ms
	References map[string]float64          `json:"references"`
	Ratios     map[string]float64          `json:"ratios"`
	Notes      []string                    `json:"notes,omitempty"`
}

func main() {
	log.SetFlags(0)
	flag.Parse()
	r := Results{When: time.Now().UTC(), Host: host(), Workloads: map[string]map[string]Stats{}, Exec: map[string]Stats{},
		Throughput: map[string]float64{}, Validate: map[string]Stats{}, Strip: map[string]Stats{}, InProcess: map[string]Stats{},
		RSS: map[string]float64{}, Startup: map[string]Stats{}, FirstUse: map[string]Stats{}, References: map[string]float64{}, Ratios: map[string]float64{}}
	if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		r.Commit = strings.TrimSpace(string(out))
	}
	bin, err := filepath.Abs(*binDir)
	check(err)
	sup := filepath.Join(bin, "supervisor")
	wls := loadWorkloads()
	tmp, err := os.MkdirTemp("", "codexec-bench-")
	check(err)
	defer os.RemoveAll(tmp)

	d := startDaemon(sup, tmp)
	defer d.stop()
	c := d.c
	ctx := context.Background()
	waitPool(c, true)
	r.RSS["supervisorIdle"] = rssMiB(d.cmd.Process.Pid)
	log.Printf("bench: daemon pid %d, pool filled, RSS %.1f MiB", d.cmd.Process.Pid, r.RSS["supervisorIdle"])

	runs := func(w workload) int {
		if w.Name == "simple" {
			return *nSimple
		}
		return *nHeavy
	}
	execute := func(w workload) (result.Result, time.Duration) {
		start := time.Now()
		res, err := c.Execute(ctx, wire.ExecuteRequest{Code: w.Code, Language: w.Lang, Context: ctxJSON, Timeout: 30000, AgentID: "bench"})
		took := time.Since(start)
		check(err)
		verify(w, res)
		return res, took
	}
	var runnerPeak []float64
	for _, w := range wls {
		r.Workloads[w.Name] = map[string]Stats{}
		var lat, et []time.Duration
		for i := 0; i < runs(w); i++ {
			// The warm path: a parked runner waits for this request. (Back
			// to back, requests outrun the refill, which starts one runner
			// at a time, and later ones find the pool empty: that is the
			// throughput measurement's business.)
			waitPool(c, true)
			res, took := execute(w)
			lat = append(lat, took)
			et = append(et, time.Duration(res.ExecutionTime*float64(time.Millisecond)))
			if w.Name == "simple" {
				runnerPeak = append(runnerPeak, res.ResourceUsage.Memory)
			}
		}
		r.Workloads[w.Name]["socketWarm"] = summarise(lat)
		r.Exec[w.Name] = summarise(et)
		log.Printf("bench: %s via the socket, warm pool: median %.2f ms", w.Name, r.Workloads[w.Name]["socketWarm"].Median)
	}
	sort.Float64s(runnerPeak)
	r.RSS["runnerPeak"] = runnerPeak[len(runnerPeak)/2]

	// Throughput of simple, warm pool, at concurrency 1, 2, 8; RSS under load.
	var maxRSS atomic.Int64
	stopSampling := sampleRSS(d.cmd.Process.Pid, &maxRSS)
	for _, conc := range []int{1, 2, 8} {
		r.Throughput[fmt.Sprintf("socketWarm.c%d", conc)] = throughput(conc, *nThru, func() { execute(wls[0]) })
		log.Printf("bench: simple at concurrency %d: %.1f exec/s", conc, r.Throughput[fmt.Sprintf("socketWarm.c%d", conc)])
	}
	stopSampling()
	r.RSS["supervisorUnderLoad"] = float64(maxRSS.Load()) / 1024
	sideBySide(&r, tmp, filepath.Join(bin, "runner"), func() { execute(wls[0]) })

	// Simple through an MCP client: supervisor mcp in-process (warm pool,
	// and no pool), and through this daemon.
	mcpLatency(&r, sup, tmp, d.socket, wls[0], func() { waitPool(c, true) })
	toolCalls(&r, filepath.Join(bin, "runner"), c, func() { waitPool(c, true) })

	// The same with the pool off: every execution starts its runner.
	_, err = c.PatchConfig(ctx, map[string]any{"poolSize": 0})
	check(err)
	waitPool(c, false)
	for _, w := range wls {
		var lat []time.Duration
		for i := 0; i < runs(w); i++ {
			_, took := execute(w)
			lat = append(lat, took)
		}
		r.Workloads[w.Name]["socketCold"] = summarise(lat)
		log.Printf("bench: %s via the socket, pool off: median %.2f ms", w.Name, r.Workloads[w.Name]["socketCold"].Median)
	}
	r.Throughput["socketCold.c8"] = throughput(8, *nThru, func() { execute(wls[0]) })

	// `supervisor run` as a process, in-process mode (no daemon).
	for _, w := range wls {
		var lat []time.Duration
		n := runs(w)
		if w.Name == "simple" {
			n = min(n, 100)
		}
		for i := 0; i < n; i++ {
			lat = append(lat, cliRun(sup, tmp, w))
		}
		r.Workloads[w.Name]["cli"] = summarise(lat)
		log.Printf("bench: %s via supervisor run: median %.2f ms", w.Name, r.Workloads[w.Name]["cli"].Median)
	}

	// In process: validation, TypeScript stripping, goja itself.
	for _, w := range wls {
		js := w.Code
		if w.Lang == "typescript" {
			r.Strip[w.Name] = timeN(200, func() {
				out, err := typescript.Strip(w.Code)
				check(err)
				js = out.JS
			})
		}
		r.Validate[w.Name] = timeN(200, func() { detect.Validate(js, detect.Options{RiskThreshold: 0.7}) })
	}
	for _, name := range []string{"data", "complex"} {
		r.InProcess[name], r.Exec[name+".interleaved"] = runnerVsInProcess(wlByName(wls, name), filepath.Join(bin, "runner"))
	}

	startup(&r, filepath.Join(bin, "runner"))
	firstUse(&r, filepath.Join(bin, "runner"))
	ceiling(&r, filepath.Join(bin, "runner"))
	references(&r, tmp)

	ratio := func(name string, a, b float64) {
		if a > 0 && b > 0 {
			r.Ratios[name] = a / b
		}
	}
	ratio("simpleWarmSocket/nodeVmFreshContext", r.Workloads["simple"]["socketWarm"].Median, r.References["nodeVmFreshContext.median"])
	ratio("simpleColdSocket/staticGoSpawn", r.Workloads["simple"]["socketCold"].Median, r.References["staticGoSpawn.median"])
	ratio("throughputC8/staticGoSpawnRateC8", r.Throughput["socketWarm.c8"], r.References["staticGoSpawn.rate.c8"])
	ratio("throughputC8/nodeProcessRateC2", r.Throughput["socketWarm.c8"], r.References["nodeProcess.rate.c2"])
	ratio("throughputC8/bareRunnerRateC8", r.Throughput["socketWarm.c8"], r.References["bareRunner.rate.c8"])
	ratio("simpleColdSocket/bareRunner", r.Workloads["simple"]["socketCold"].Median, r.References["bareRunner.median"])
	for _, name := range []string{"data", "complex"} {
		ratio(name+".runner/inProcessGoja", r.Exec[name+".interleaved"].Median, r.InProcess[name].Median)
	}
	ratio("typedStrip.ms", r.Strip["typed"].Median, 1)
	ratio("simpleMcpInProcess/simpleWarmSocket", r.Workloads["simple"]["mcpInProcess"].Median, r.Workloads["simple"]["socketWarm"].Median)
	ratio("simpleMcpInProcess/simpleMcpInProcessNoPool", r.Workloads["simple"]["mcpInProcess"].Median, r.Workloads["simple"]["mcpInProcessNoPool"].Median)

	printTable(r)
	check(os.MkdirAll(filepath.Dir(*outPath), 0o755))
	b, _ := json.MarshalIndent(r, "", "  ")
	check(os.WriteFile(*outPath, append(b, '\n'), 0o644))
	log.Printf("bench: results written to %s", *outPath)
}

var ctxJSON json.RawMessage

func loadWorkloads() []workload {
	dir := "bench/workloads"
	b, err := os.ReadFile(filepath.Join(dir, "context.json"))
	check(err)
	ctxJSON = b
	var expected map[string]json.RawMessage
	b, err = os.ReadFile(filepath.Join(dir, "expected.json"))
	check(err)
	check(json.Unmarshal(b, &expected))
	var out []workload
	for _, w := range []workload{{Name: "simple", File: "simple.js", Lang: "javascript"}, {Name: "data", File: "data.js", Lang: "javascript"},
		{Name: "complex", File: "complex.js", Lang: "javascript"}, {Name: "typed", File: "typed.ts", Lang: "typescript"}} {
		code, err := os.ReadFile(filepath.Join(dir, w.File))
		check(err)
		w.Code, w.Expected = string(code), expected[w.Name]
		out = append(out, w)
	}
	return out
}

func wlByName(wls []workload, name string) workload {
	for _, w := range wls {
		if w.Name == name {
			return w
		}
	}
	panic(name)
}

// verify checks an output against expected.json.
func verify(w workload, res result.Result) {
	if res.Status != result.OK {
		log.Fatalf("bench: %s: status %s: %+v", w.Name, res.Status, res.Error)
	}
	if !jsonEqual(res.Output, w.Expected) {
		log.Fatalf("bench: %s: output %s differs from expected.json %s", w.Name, res.Output, w.Expected)
	}
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

type daemon struct {
	cmd    *exec.Cmd
	c      *client.Client
	socket string
}

func startDaemon(sup, tmp string) *daemon {
	sock := filepath.Join(tmp, "s.sock")
	args := []string{"serve", "--socket", sock, "--data-dir", filepath.Join(tmp, "data"), "--log-format", "json"}
	if os.Geteuid() != 0 {
		args = append(args, "--allow-weak-isolation")
	}
	cmd := exec.Command(sup, args...)
	logf, err := os.Create(filepath.Join(tmp, "daemon.log"))
	check(err)
	cmd.Stderr = logf
	check(cmd.Start())
	c := client.New(sock)
	deadline := time.Now().Add(20 * time.Second)
	for !c.Reachable(context.Background()) {
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(logf.Name())
			log.Fatalf("bench: the daemon did not start:\n%s", b)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return &daemon{cmd: cmd, c: c, socket: sock}
}

func (d *daemon) stop() {
	d.cmd.Process.Signal(os.Interrupt)
	d.cmd.Wait()
}

func waitPool(c *client.Client, full bool) {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		h, err := c.Health(context.Background())
		check(err)
		if h.Pool != nil && ((full && h.Pool.Idle >= h.Pool.Target) || (!full && h.Pool.Idle == 0)) {
			time.Sleep(5 * time.Millisecond) // let the last spawn's CPU settle
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	log.Fatal("bench: the pool did not settle")
}

func throughput(conc, n int, f func()) float64 {
	var wg sync.WaitGroup
	jobs := make(chan struct{}, n)
	for i := 0; i < n; i++ {
		jobs <- struct{}{}
	}
	close(jobs)
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				f()
			}
		}()
	}
	wg.Wait()
	return float64(n) / time.Since(start).Seconds()
}

func cliRun(sup, tmp string, w workload) time.Duration {
	ext := ".js"
	if w.Lang == "typescript" {
		ext = ".ts"
	}
	file := filepath.Join(tmp, w.Name+ext)
	if _, err := os.Stat(file); err != nil {
		check(os.WriteFile(file, []byte(w.Code), 0o644))
		check(os.WriteFile(filepath.Join(tmp, "ctx.json"), ctxJSON, 0o644))
	}
	args := []string{"run", file, "--context", "@" + filepath.Join(tmp, "ctx.json"), "--json", "--timeout", "30s"}
	if os.Geteuid() != 0 {
		args = append(args, "--allow-weak-isolation")
	}
	cmd := exec.Command(sup, args...)
	cmd.Env = append(os.Environ(), "CODEXEC_SOCKET=off", "CODEXEC_DATA_DIR="+filepath.Join(tmp, "cli-data"))
	start := time.Now()
	out, err := cmd.Output()
	took := time.Since(start)
	if err != nil {
		log.Fatalf("bench: supervisor run %s: %v", w.Name, err)
	}
	var res result.Result
	check(json.Unmarshal(out, &res))
	verify(w, res)
	return took
}

func timeN(n int, f func()) Stats {
	f() // warm
	d := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		start := time.Now()
		f()
		d = append(d, time.Since(start))
	}
	return summarise(d)
}

// runnerVsInProcess runs a workload alternately on goja in this process,
// as the runner would (a fresh runtime, one P, the runner's GC setting),
// and in a ready runner with the daemon's isolation (the job's wall time,
// sent to result, as executionTime reports it): measured side by side, so
// that the machine's load at the time weighs on both alike.
func runnerVsInProcess(w workload, runner string) (inProc, inRunner Stats) {
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{AllowWeak: true})
	check(err)
	cfg := service.DaemonSandboxConfig(runner, 0, iso)
	var a, b []time.Duration
	one := func() {
		prev := runtime.GOMAXPROCS(1)
		defer runtime.GOMAXPROCS(prev)
		old := debug.SetGCPercent(400)
		defer debug.SetGCPercent(old)
		start := time.Now()
		rt, err := jsrt.New(jsrt.Options{})
		check(err)
		res := rt.Run(ipc.Job{Code: w.Code, Context: ctxJSON, TimeoutMs: 30000, MaxOutputBytes: 1 << 20}, nil)
		a = append(a, time.Since(start))
		if res.Status != result.OK || !jsonEqual(res.Output, w.Expected) {
			log.Fatalf("bench: in-process %s: %s %s", w.Name, res.Status, res.Output)
		}
	}
	one() // warm
	a = a[:0]
	for i := 0; i < *nHeavy; i++ {
		one()
		rn, err := sandbox.Start(cfg, sandbox.Spec{ID: fmt.Sprintf("side%d", i), MemoryBytes: 256 << 20})
		check(err)
		check(rn.WaitReady(context.Background()))
		time.Sleep(2 * time.Millisecond) // parked
		out := rn.Run(context.Background(), ipc.Job{ID: "s", Code: w.Code, Context: ctxJSON, TimeoutMs: 30000,
			MaxOutputBytes: 1 << 20, MaxLogLines: 100, MaxLogBytes: 1 << 20, CaptureConsole: true}, 256<<20, nil)
		if out.Status != result.OK || !jsonEqual(out.Output, w.Expected) {
			log.Fatalf("bench: %s in a runner: %s %+v", w.Name, out.Status, out.Error)
		}
		b = append(b, out.Wall)
	}
	waitCleanups()
	return summarise(a), summarise(b)
}

// startup starts runners directly (the daemon's isolation) and records
// where a cold runner's time goes, and how long a ready runner takes to
// answer a job (no HTTP, no validation, no audit).
func startup(r *Results, runner string) {
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{AllowWeak: true})
	check(err)
	cfg := service.DaemonSandboxConfig(runner, 0, iso)
	var spawn, cpu, rt, lock, job []time.Duration
	us := func(n int64) time.Duration { return time.Duration(n) * time.Microsecond }
	for i := 0; i < *nSimple; i++ {
		start := time.Now()
		rn, err := sandbox.Start(cfg, sandbox.Spec{ID: fmt.Sprintf("bench%d", i), MemoryBytes: 256 << 20})
		check(err)
		check(rn.WaitReady(context.Background()))
		spawn = append(spawn, time.Since(start))
		rd := rn.Ready()
		cpu, rt, lock = append(cpu, us(rd.StartCPUUs)), append(rt, us(rd.RuntimeUs)), append(lock, us(rd.LockdownUs))
		time.Sleep(2 * time.Millisecond) // parked
		t := time.Now()
		out := rn.Run(context.Background(), ipc.Job{ID: "b", Code: wlSimpleCode(), Context: ctxJSON, TimeoutMs: 5000,
			MaxOutputBytes: 1 << 20, MaxLogLines: 100, MaxLogBytes: 1 << 20, CaptureConsole: true}, 256<<20, nil)
		job = append(job, time.Since(t))
		if out.Status != result.OK || string(out.Output) != "14" {
			log.Fatalf("bench: warm runner: %s %s", out.Status, out.Output)
		}
	}
	waitCleanups()
	r.Startup["spawnToReady"] = summarise(spawn)
	r.Startup["cpuBeforeMain"] = summarise(cpu)
	r.Startup["createRuntime"] = summarise(rt)
	r.Startup["lockdown"] = summarise(lock)
	r.Startup["warmRunnerJob"] = summarise(job)
	log.Printf("bench: runner start-up: spawn to ready %.2f ms (CPU before main %.2f, runtime %.2f, lockdown %.2f); a ready runner answers simple in %.2f ms",
		r.Startup["spawnToReady"].Median, r.Startup["cpuBeforeMain"].Median, r.Startup["createRuntime"].Median, r.Startup["lockdown"].Median, r.Startup["warmRunnerJob"].Median)
}

// firstUses are jobs whose first act is to use one piece of the runtime
// that is compiled or decoded on first use; "baseline" uses none.
var firstUses = []struct {
	name, code string
	modules    bool
}{
	{"baseline", "return 1", false},
	{"console.log(object)", "console.log({ a: [1, 2], b: { c: 'd' } }); return 1", false},
	{"Intl.NumberFormat", "return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(1234.5)", false},
	{"Intl.DateTimeFormat", "return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'America/New_York' }).format(0)", false},
	{"localeCompare", "return ['b', 'a', 'C'].sort((x, y) => x.localeCompare(y, 'de'))", false},
	{"Object.groupBy", "return Object.groupBy([1, 2, 3], (x) => x % 2 ? 'odd' : 'even')", false},
	{"URL", "return new URL('https://example.com/a?b=c').searchParams.get('b')", false},
	{"require(util)", "return require('util').inspect({ a: 1 })", true},
}

// firstUse runs each of firstUses on fresh ready runners and records the
// CPU the runner spent on the job (its own getrusage), median of n.
func firstUse(r *Results, runner string) {
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{AllowWeak: true})
	check(err)
	cfg := service.DaemonSandboxConfig(runner, 0, iso)
	n := max(*nSimple/4, 20)
	for _, f := range firstUses {
		var cpu []time.Duration
		for i := 0; i < n; i++ {
			rn, err := sandbox.Start(cfg, sandbox.Spec{ID: fmt.Sprintf("first%d", i), MemoryBytes: 256 << 20})
			check(err)
			check(rn.WaitReady(context.Background()))
			job := ipc.Job{ID: "f", Code: f.code, Context: ctxJSON, TimeoutMs: 5000,
				MaxOutputBytes: 1 << 20, MaxLogLines: 100, MaxLogBytes: 1 << 20, CaptureConsole: true}
			setAllowModules(&job, f.modules)
			out := rn.Run(context.Background(), job, 256<<20, nil)
			if out.Status != result.OK {
				log.Printf("bench: first use of %s: %s %+v (left out)", f.name, out.Status, out.Error)
				cpu = nil
				break
			}
			cpu = append(cpu, out.CPUTime)
		}
		if cpu != nil {
			r.FirstUse[f.name] = summarise(cpu)
		}
	}
	waitCleanups()
	for _, f := range firstUses {
		if s, ok := r.FirstUse[f.name]; ok {
			log.Printf("bench: first use, runner CPU: %s %.2f ms", f.name, s.Median)
		}
	}
}

// ceiling measures this design's own floor: the runner itself, started
// per execution with no isolation, no validation, no audit, no HTTP: how
// fast goja-in-a-fresh-process can go on this machine.
func ceiling(r *Results, runner string) {
	one := bareRunner(runner)
	r.References["bareRunner.median"] = timeN(*nSimple, one).Median
	r.References["bareRunner.rate.c8"] = throughput(8, *nThru, one)
	waitCleanups()
	log.Printf("bench: bare runner per execution: median %.2f ms, %.0f/s at concurrency 8", r.References["bareRunner.median"], r.References["bareRunner.rate.c8"])
}

// waitCleanups waits (at most 10 s) for the runners this process started
// to be reaped and their cgroups removed.
func waitCleanups() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	check(sandbox.WaitCleanups(ctx))
}

// bareRunner returns one execution of simple on a runner started for it
// with no isolation, validation, audit or HTTP.
func bareRunner(runner string) func() {
	iso, err := sandbox.NewIsolation(sandbox.IsolationOptions{NoCgroups: true, Namespaces: []string{}, AllowWeak: true,
		Skip: []string{"rlimits", "credentials", "landlock", "seccomp"}})
	check(err)
	cfg := service.DaemonSandboxConfig(runner, 0, iso)
	return func() {
		rn, err := sandbox.Start(cfg, sandbox.Spec{ID: "ceiling", MemoryBytes: 256 << 20})
		check(err)
		out := rn.Run(context.Background(), ipc.Job{ID: "c", Code: wlSimpleCode(), Context: ctxJSON, TimeoutMs: 5000,
			MaxOutputBytes: 1 << 20, MaxLogLines: 100, MaxLogBytes: 1 << 20}, 0, nil)
		if out.Status != result.OK {
			log.Fatalf("bench: bare runner: %s %+v", out.Status, out.Error)
		}
	}
}

// sideBySide measures throughput at concurrency 8 of codexec (simple
// through the socket, warm pool), a bare runner per execution and the
// static Go binary per execution in alternating rounds, so that each
// round's ratios share the machine's state of the moment: on these noisy
// machines a rate measured minutes apart from its reference moves the ratio
// by more than most changes. The ratios are the medians of the rounds'.
func sideBySide(r *Results, tmp, runner string, codexec func()) {
	const rounds = 5
	n := max(*nThru/2, 40)
	bare, static := bareRunner(runner), staticGo(tmp)
	var cx, br, sg, toBare, toStatic []float64
	for i := 0; i < rounds; i++ {
		c, b, g := throughput(8, n, codexec), throughput(8, n, bare), throughput(8, n, static)
		cx, br, sg = append(cx, c), append(br, b), append(sg, g)
		toBare, toStatic = append(toBare, c/b), append(toStatic, c/g)
	}
	waitCleanups()
	med := func(v []float64) float64 {
		v = slices.Clone(v)
		sort.Float64s(v)
		return v[len(v)/2]
	}
	r.Throughput["sideBySide.socketWarm.c8"] = med(cx)
	r.Throughput["sideBySide.bareRunner.c8"] = med(br)
	r.Throughput["sideBySide.staticGoSpawn.c8"] = med(sg)
	r.Ratios["throughputC8/bareRunnerRateC8.sideBySide"] = med(toBare)
	r.Ratios["throughputC8/staticGoSpawnRateC8.sideBySide"] = med(toStatic)
	log.Printf("bench: throughput at concurrency 8, %d alternating rounds: codexec %.0f/s, bare runner %.0f/s, static Go %.0f/s; ratios %.2f and %.2f",
		rounds, med(cx), med(br), med(sg), med(toBare), med(toStatic))
}

var staticGoBin string

// staticGo returns one spawn of the static Go binary that answers one job
// (bench/floor), built once into tmp.
func staticGo(tmp string) func() {
	if staticGoBin == "" {
		staticGoBin = filepath.Join(tmp, "floor")
		build := exec.Command("go", "build", "-trimpath", "-o", staticGoBin, "./bench/floor")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			log.Fatalf("bench: build the static Go reference: %v\n%s", err, out)
		}
	}
	floor := staticGoBin
	return func() {
		cmd := exec.Command(floor)
		var job bytes.Buffer
		payload := []byte(`{"type":"job","arg":{"code":"return 14"}}`)
		binary.Write(&job, binary.BigEndian, uint32(len(payload)))
		job.Write(payload)
		cmd.Stdin = &job
		out, err := cmd.Output()
		if err != nil || len(out) < 5 {
			log.Fatalf("bench: static Go reference: %v", err)
		}
	}
}

func references(r *Results, tmp string) {
	spawn := staticGo(tmp)
	s := timeN(*nSimple, spawn)
	r.References["staticGoSpawn.median"] = s.Median
	r.References["staticGoSpawn.rate.c8"] = throughput(8, *nThru, spawn)
	log.Printf("bench: static Go binary: spawn median %.2f ms, %.0f/s at concurrency 8", s.Median, r.References["staticGoSpawn.rate.c8"])

	httpFloor(r, tmp)

	node, err := exec.LookPath("node")
	if err != nil {
		r.Notes = append(r.Notes, "node is not installed: the Node references were not measured")
		return
	}
	out, err := exec.Command(node, "-e", nodeVM, strconv.Itoa(*nSimple), string(ctxJSON), wlSimpleCode()).Output()
	if err != nil {
		log.Fatalf("bench: node vm: %v", err)
	}
	var vm struct{ Median, P95 float64 }
	check(json.Unmarshal(out, &vm))
	r.References["nodeVmFreshContext.median"] = vm.Median
	procRun := func() {
		cmd := exec.Command(node, "-e", nodeProcess, wlSimpleCode())
		cmd.Stdin = bytes.NewReader(ctxJSON)
		out, err := cmd.Output()
		if err != nil || strings.TrimSpace(string(out)) != "14" {
			log.Fatalf("bench: node process: %v %s", err, out)
		}
	}
	ps := timeN(20, procRun)
	r.References["nodeProcess.median"] = ps.Median
	r.References["nodeProcess.rate.c2"] = throughput(2, 40, procRun)
	log.Printf("bench: node vm fresh context: median %.3f ms; fresh node process: median %.1f ms, %.1f/s at concurrency 2",
		vm.Median, ps.Median, r.References["nodeProcess.rate.c2"])
}

// httpFloor is what the socket's HTTP costs alone: the same client sends
// simple's request over a Unix socket to a handler in this process that
// decodes it and answers a fixed result of the same shape. Once back to
// back, and once after the idle the warm measurement has before each
// request (it waits for the pool to refill), which is when a machine's
// wake-ups show: a request then crosses sleeping threads in two
// processes.
func httpFloor(r *Results, tmp string) {
	sock := filepath.Join(tmp, "floor.sock")
	l, err := net.Listen("unix", sock)
	check(err)
	answer, err := json.Marshal(result.Result{ID: "exec_01J000000000000000000000", Status: result.OK, Output: []byte("14"), Language: "javascript"})
	check(err)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		var in wire.ExecuteRequest
		if err := json.NewDecoder(req.Body).Decode(&in); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(answer)
	})}
	go srv.Serve(l)
	defer srv.Close()
	c := client.New(sock)
	one := func() {
		res, err := c.Execute(context.Background(), wire.ExecuteRequest{Code: wlSimpleCode(), Language: "javascript", Context: ctxJSON, Timeout: 30000, AgentID: "bench"})
		check(err)
		if string(res.Output) != "14" {
			log.Fatalf("bench: HTTP floor: %s", res.Output)
		}
	}
	r.References["httpExchange.median"] = timeN(*nSimple, one).Median
	var lat []time.Duration
	for i := 0; i < *nSimple; i++ {
		time.Sleep(5 * time.Millisecond)
		t := time.Now()
		one()
		lat = append(lat, time.Since(t))
	}
	r.References["httpExchangeAfterIdle.median"] = summarise(lat).Median
	log.Printf("bench: the socket's HTTP alone: %.3f ms back to back, %.3f ms after 5 ms idle",
		r.References["httpExchange.median"], r.References["httpExchangeAfterIdle.median"])
}

var simpleCode string

func wlSimpleCode() string {
	if simpleCode == "" {
		b, err := os.ReadFile("bench/workloads/simple.js")
		check(err)
		simpleCode = string(b)
	}
	return simpleCode
}

// nodeVM runs the code N times, each in a fresh vm context, inside one
// long-lived node process, and prints the median and p95 per run (ms).
const nodeVM = `
const vm = require('vm');
const [n, ctx, code] = process.argv.slice(1);
const times = [];
(async () => {
  for (let i = 0; i < +n + 10; i++) {
    const t = process.hrtime.bigint();
    const sandbox = vm.createContext({ context: JSON.parse(ctx) });
    const v = await vm.runInContext('(async function (context) {' + code + '\n})(context)', sandbox);
    JSON.stringify(v);
    if (i >= 10) times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ median: times[times.length >> 1], p95: times[Math.floor(times.length * 0.95)] }));
})();
`

// nodeProcess is one execution in a fresh node process: context on
// stdin, result on stdout.
const nodeProcess = `
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', async () => {
  const context = JSON.parse(input);
  const fn = new Function('context', 'return (async () => {' + process.argv[1] + '\n})()');
  console.log(JSON.stringify(await fn(context)));
});
`

func printTable(r Results) {
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "workload\tmode\tmedian ms\tp95 ms\tmax ms\t")
	for _, w := range []string{"simple", "data", "complex", "typed"} {
		for _, m := range []string{"cli", "socketWarm", "socketCold", "mcpInProcess", "mcpInProcessNoPool", "mcpDaemon"} {
			s, ok := r.Workloads[w][m]
			if !ok {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%.2f\t\n", w, m, s.Median, s.P95, s.Max)
		}
	}
	tw.Flush()
	fmt.Println()
	tw = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "measure\tvalue\t")
	keys := func(m map[string]float64) []string {
		var k []string
		for x := range m {
			k = append(k, x)
		}
		sort.Strings(k)
		return k
	}
	for _, k := range keys(r.Throughput) {
		fmt.Fprintf(tw, "throughput %s (exec/s)\t%.1f\t\n", k, r.Throughput[k])
	}
	for _, w := range []string{"simple", "data", "complex", "typed"} {
		fmt.Fprintf(tw, "validation %s (median ms)\t%.3f\t\n", w, r.Validate[w].Median)
	}
	fmt.Fprintf(tw, "TypeScript strip typed (median ms)\t%.3f\t\n", r.Strip["typed"].Median)
	for _, w := range []string{"data", "complex"} {
		fmt.Fprintf(tw, "goja in process %s (median ms)\t%.1f\t\n", w, r.InProcess[w].Median)
		fmt.Fprintf(tw, "runner, side by side with it, %s (median ms)\t%.1f\t\n", w, r.Exec[w+".interleaved"].Median)
		fmt.Fprintf(tw, "runner executionTime %s (median ms)\t%.1f\t\n", w, r.Exec[w].Median)
	}
	for _, k := range []string{"spawnToReady", "cpuBeforeMain", "createRuntime", "lockdown", "warmRunnerJob"} {
		fmt.Fprintf(tw, "runner %s (median ms)\t%.2f\t\n", k, r.Startup[k].Median)
	}
	for _, f := range firstUses {
		if s, ok := r.FirstUse[f.name]; ok {
			fmt.Fprintf(tw, "first use, runner CPU: %s (median ms)\t%.2f\t\n", f.name, s.Median)
		}
	}
	for _, k := range keys(r.RSS) {
		fmt.Fprintf(tw, "RSS %s (MiB)\t%.1f\t\n", k, r.RSS[k])
	}
	for _, k := range keys(r.References) {
		fmt.Fprintf(tw, "reference %s\t%.3f\t\n", k, r.References[k])
	}
	for _, k := range keys(r.Ratios) {
		fmt.Fprintf(tw, "ratio %s\t%.2f\t\n", k, r.Ratios[k])
	}
	tw.Flush()
	for _, n := range r.Notes {
		fmt.Println("note:", n)
	}
}

func rssMiB(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.Fields(rest)[0])
			return float64(kb) / 1024
		}
	}
	return 0
}

// sampleRSS records the largest RSS (KiB) of pid until stopped.
func sampleRSS(pid int, max *atomic.Int64) func() {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if kb := int64(rssMiB(pid) * 1024); kb > max.Load() {
					max.Store(kb)
				}
			}
		}
	}()
	return func() { close(done) }
}

func host() string {
	h, _ := os.Hostname()
	return fmt.Sprintf("%s, %d cores, %s", h, runtime.NumCPU(), runtime.Version())
}

func check(err error) {
	if err != nil {
		log.Fatal("bench: ", err)
	}
}

// setAllowModules lets a job require() the built-in modules.
func setAllowModules(job *ipc.Job, on bool) { job.AllowBuiltinModules = on }
