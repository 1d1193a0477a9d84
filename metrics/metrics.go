// Package metrics holds the supervisor's Prometheus metrics (all named
// codexec_*) on a registry of its own, served at GET /metrics.
//
// A nil *Metrics is valid and records nothing, so the one-shot CLI and
// tests can leave it out.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"codexec/result"
)

// Metrics are the supervisor's metrics.
type Metrics struct {
	reg        *prometheus.Registry
	executions *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	queueWait  prometheus.Histogram
	findings   *prometheus.CounterVec
	spawn      prometheus.Histogram
	inflight   prometheus.Gauge
	queued     prometheus.Gauge
	rejected   *prometheus.CounterVec
	dropped    prometheus.Counter
	connsOpen  prometheus.Gauge
	connsRefus *prometheus.CounterVec
	replaced   prometheus.Counter
	toolCalls  *prometheus.CounterVec
	toolTime   prometheus.Histogram
}

// Gauges read on each scrape.
type Gauges struct {
	OutboxRecords   func() float64
	OutboxOldestSec func() float64
	PoolIdle        func() float64
	PoolTarget      func() float64
}

var durationBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

// toolBuckets start lower: a call answered in process takes microseconds.
var toolBuckets = []float64{.00005, .0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

// New creates the metrics; g's functions (any may be nil) back gauges read
// at scrape time.
func New(g Gauges) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.executions = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "codexec_executions_total",
		Help: "Executions by final status and language."}, []string{"status", "language"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "codexec_execution_duration_seconds",
		Help: "Time from request to result, by status.", Buckets: durationBuckets}, []string{"status"})
	m.queueWait = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "codexec_queue_wait_seconds",
		Help: "Time an execution waited for a slot.", Buckets: durationBuckets})
	m.findings = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "codexec_validation_findings_total",
		Help: "Validation findings by rule and severity."}, []string{"rule", "severity"})
	m.spawn = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "codexec_runner_spawn_seconds",
		Help: "Runner spawn to ready (locked down).", Buckets: durationBuckets})
	m.inflight = prometheus.NewGauge(prometheus.GaugeOpts{Name: "codexec_executions_in_flight", Help: "Executions running now."})
	m.queued = prometheus.NewGauge(prometheus.GaugeOpts{Name: "codexec_executions_queued", Help: "Executions waiting for a slot."})
	m.rejected = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "codexec_requests_rejected_total",
		Help: "Requests refused before execution, by reason."}, []string{"reason"})
	m.dropped = prometheus.NewCounter(prometheus.CounterOpts{Name: "codexec_events_dropped_total",
		Help: "Events lost by slow event-stream subscribers."})
	m.connsOpen = prometheus.NewGauge(prometheus.GaugeOpts{Name: "codexec_connections_open",
		Help: "Socket API connections open now (served, and those of the /healthz reserve)."})
	m.connsRefus = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "codexec_connections_refused_total",
		Help: "Socket API connections refused with too_many_connections, by reason: limit (beyond the cap and its reserve), health_only (a reserve connection that asked for more than /healthz)."}, []string{"reason"})
	m.replaced = prometheus.NewCounter(prometheus.CounterOpts{Name: "codexec_pool_replaced_runners_total",
		Help: "Warm runners found dead before they read their job (killed from outside, the OOM killer), " +
			"whose job then ran once on a freshly spawned runner. Only a job proven unread is moved; " +
			"one the runner may have read ends with status internal."})
	m.toolCalls = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "codexec_tool_calls_total",
		Help: "Calls of declared tools by the code, by status: ok, the broker's error codes (undeclared, too_large, " +
			"invalid_arguments, too_many_calls, too_many_in_flight, result_too_large, invalid_result, tool_failed, timeout, cancelled), " +
			"and tool_error for the codes a tool's handler chose."}, []string{"status"})
	m.toolTime = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "codexec_tool_call_duration_seconds",
		Help: "Time from a tool call's arrival to its answer, checks included.", Buckets: toolBuckets})
	m.reg.MustRegister(m.executions, m.duration, m.queueWait, m.findings, m.spawn, m.inflight, m.queued, m.rejected, m.dropped,
		m.connsOpen, m.connsRefus, m.replaced, m.toolCalls, m.toolTime,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{Namespace: "codexec"}))
	gauge := func(name, help string, f func() float64) {
		if f != nil {
			m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, f))
		}
	}
	gauge("codexec_outbox_records", "Audit records waiting in the outbox.", g.OutboxRecords)
	gauge("codexec_outbox_oldest_age_seconds", "Age of the oldest record waiting in the outbox.", g.OutboxOldestSec)
	gauge("codexec_pool_idle_runners", "Warm runners parked, locked down, waiting for a job.", g.PoolIdle)
	gauge("codexec_pool_size", "Warm runners the pool keeps.", g.PoolTarget)
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Execution records one finished execution.
func (m *Metrics) Execution(res result.Result, took time.Duration) {
	if m == nil {
		return
	}
	m.executions.WithLabelValues(string(res.Status), res.Language).Inc()
	m.duration.WithLabelValues(string(res.Status)).Observe(took.Seconds())
	for _, f := range res.Validation.Findings {
		m.findings.WithLabelValues(f.Rule, string(f.Severity)).Inc()
	}
}

// ToolCall records one answered tool call; status is "ok", an error code of
// the broker, or "tool_error" (the caller maps the codes a handler chose to
// it, so that the label's values stay few).
func (m *Metrics) ToolCall(status string, took time.Duration) {
	if m == nil {
		return
	}
	m.toolCalls.WithLabelValues(status).Inc()
	m.toolTime.Observe(took.Seconds())
}

// QueueWait records how long an execution waited for a slot.
func (m *Metrics) QueueWait(d time.Duration) {
	if m != nil {
		m.queueWait.Observe(d.Seconds())
	}
}

// Spawn records a runner's spawn to ready.
func (m *Metrics) Spawn(d time.Duration) {
	if m != nil && d > 0 {
		m.spawn.Observe(d.Seconds())
	}
}

// InFlight and Queued move the gauges by delta.
func (m *Metrics) InFlight(delta float64) {
	if m != nil {
		m.inflight.Add(delta)
	}
}

// Queued moves the queue gauge by delta.
func (m *Metrics) Queued(delta float64) {
	if m != nil {
		m.queued.Add(delta)
	}
}

// Rejected counts a request refused before execution (overload, policy,
// body_timeout).
func (m *Metrics) Rejected(reason string) {
	if m != nil {
		m.rejected.WithLabelValues(reason).Inc()
	}
}

// EventsDropped counts events lost by a slow stream subscriber.
func (m *Metrics) EventsDropped(n uint64) {
	if m != nil && n > 0 {
		m.dropped.Add(float64(n))
	}
}

// ConnectionOpened and ConnectionClosed move the open-connections gauge.
func (m *Metrics) ConnectionOpened() {
	if m != nil {
		m.connsOpen.Inc()
	}
}

// ConnectionClosed: see ConnectionOpened.
func (m *Metrics) ConnectionClosed() {
	if m != nil {
		m.connsOpen.Dec()
	}
}

// ConnectionRefused counts a connection refused with too_many_connections.
func (m *Metrics) ConnectionRefused(reason string) {
	if m != nil {
		m.connsRefus.WithLabelValues(reason).Inc()
	}
}

// RunnerReplaced counts a warm runner found dead before it read its job,
// whose job was then run on a fresh runner.
func (m *Metrics) RunnerReplaced() {
	if m != nil {
		m.replaced.Inc()
	}
}
