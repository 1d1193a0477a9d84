// Package api is the supervisor's local API: HTTP/1.1 with JSON over a Unix
// socket, for agents on the same host (DESIGN.md, "Socket API"). The
// socket's file mode and group decide who may connect; every request knows
// its caller's uid, gid and pid (SO_PEERCRED), which an optional policy
// maps to the agent ids it may act as, and which is recorded with each
// execution. Requests carrying a browser's Origin or Referer are refused:
// a local socket must not become a web page's way in.
//
// One route table (routes) serves every endpoint; every error is JSON
// {"code", "message"} with a stable code (package wire).
//
// # Concurrency
//
// A Server serves many connections at once, up to Options.MaxConnections
// (beyond it, 503 too_many_connections; a small reserve still answers GET
// /healthz); executions are admitted by the service (a bounded number run,
// a bounded number wait, the rest get 429). Request headers must arrive
// within 10 s and a body within Options.BodyTimeout.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"codexec/api/wire"
	"codexec/audit"
	"codexec/broker"
	"codexec/bus"
	"codexec/config"
	"codexec/internal/buildinfo"
	"codexec/metrics"
	"codexec/result"
	"codexec/sandbox"
	"codexec/service"
)

// Options configure a Server.
type Options struct {
	Service   *service.Service
	Recorder  *audit.Recorder
	Bus       *bus.Bus
	Metrics   *metrics.Metrics
	Isolation *sandbox.Isolation
	// Policy maps uids to the agent ids they may act as ("*": any). nil:
	// anyone who can connect may act as any agent. Root is never limited.
	Policy map[int][]string
	// Admins may change the configuration: root and these uids (the
	// supervisor's own uid is added by New).
	Admins []int
	// SaveConfig, when set, persists a configuration change (the config
	// file); a change it cannot save is not applied.
	SaveConfig func(config.Limits) error
	Logger     *slog.Logger
	// EventBuffer is how many events a slow stream reader may fall behind
	// before it loses some (default 1024).
	EventBuffer int
	// MaxConnections caps the connections served at once (HealthReserve
	// more may ask GET /healthz; beyond those, 503 too_many_connections).
	// 0: the budget's default (FDBudget: DefaultMaxConnections, less when
	// RLIMIT_NOFILE leaves fewer beside the daemon's own files).
	MaxConnections int
	// BodyTimeout bounds the reading of a request body (default
	// DefaultBodyTimeout); one that does not arrive in time is answered
	// 408 request_timeout, or its connection closed.
	BodyTimeout time.Duration
	// BodyBudget bounds the bytes of execution requests being received at
	// once, by their declared length (default DefaultBodyBudget): a
	// request that would pass it is refused at once, 429 overloaded, so
	// that many half-sent bodies cannot make the daemon hold gigabytes.
	// One request larger than the budget is still received when it is
	// the only one.
	BodyBudget int64
}

// DefaultBodyBudget is the default Options.BodyBudget: 24 bodies of the
// largest size the default limits admit (about 2.6 MiB each).
const DefaultBodyBudget = 64 << 20

// bodyBudget counts the bytes of execution request bodies being received.
type bodyBudget struct {
	mu        sync.Mutex
	used, max int64
}

// take reserves n bytes, unless that would pass the budget while other
// bodies are being received.
func (b *bodyBudget) take(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.used > 0 && b.used+n > b.max {
		return false
	}
	b.used += n
	return true
}

func (b *bodyBudget) give(n int64) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
}

// Server serves the API.
type Server struct {
	opts     Options
	mux      *http.ServeMux
	http     *http.Server
	started  time.Time
	stopping chan struct{}
	stopOnce sync.Once
	cfgMu    sync.Mutex
	bodies   bodyBudget
	listener atomic.Pointer[limitListener] // set by Serve

	streamsMu sync.Mutex
	streams   map[string]*stream // streamed executions running now, by id
}

// Connections is how many connections are open now: served, and those of
// the /healthz reserve (0, 0 before Serve).
func (s *Server) Connections() (served, reserve int) {
	l := s.listener.Load()
	if l == nil {
		return 0, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.served, l.spare
}

// New builds a Server.
func New(opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.EventBuffer <= 0 {
		opts.EventBuffer = 1024
	}
	if opts.BodyTimeout <= 0 {
		opts.BodyTimeout = DefaultBodyTimeout
	}
	if opts.MaxConnections <= 0 {
		maxConcurrent := 0
		if opts.Service != nil {
			_, _, maxConcurrent, _ = opts.Service.Admission()
		}
		opts.MaxConnections = DefaultMaxConnections
		if b, err := FDBudget(maxConcurrent); err == nil {
			opts.MaxConnections = b.Default
		}
	}
	if opts.BodyBudget <= 0 {
		opts.BodyBudget = DefaultBodyBudget
	}
	s := &Server{opts: opts, mux: http.NewServeMux(), started: time.Now(), stopping: make(chan struct{}), bodies: bodyBudget{max: opts.BodyBudget}, streams: map[string]*stream{}}
	for pattern, h := range s.routes() {
		s.mux.Handle(pattern, h)
	}
	s.http = &http.Server{
		Handler:           s,
		ConnContext:       connContext,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(opts.Logger.Handler(), slog.LevelWarn),
	}
	return s
}

// routes is the one route table.
func (s *Server) routes() map[string]http.Handler {
	h := func(f func(http.ResponseWriter, *http.Request) error) http.Handler { return handler(f) }
	return map[string]http.Handler{
		"POST /v1/executions":                   h(s.postExecution),
		"GET /v1/executions/{id}":               h(s.getExecution),
		"POST /v1/executions/{id}/tool-results": h(s.postToolResult),
		"GET /v1/executions":                    h(s.listExecutions),
		"GET /v1/agents/{id}/stats":             h(s.agentStats),
		"GET /v1/agents/{id}/failures":          h(s.agentFailures),
		"GET /v1/events":                        h(s.events),
		"GET /v1/config":                        h(s.getConfig),
		"PATCH /v1/config":                      h(s.patchConfig),
		"GET /v1/tools":                         h(s.getTools),
		"GET /healthz":                          h(s.health),
		"GET /metrics":                          h(s.metrics),
		"/":                                     h(func(http.ResponseWriter, *http.Request) error { return errNotFound("no such endpoint") }),
		"/v1/executions/{id}/{rest...}":         h(func(http.ResponseWriter, *http.Request) error { return errNotFound("no such endpoint") }),
		"/v1/agents/{id}/{rest...}":             h(func(http.ResponseWriter, *http.Request) error { return errNotFound("no such endpoint") }),
		"/v1/executions":                        h(methodNotAllowed),
		"/v1/config":                            h(methodNotAllowed),
		"/v1/events":                            h(methodNotAllowed),
	}
}

// ServeHTTP puts a request body under its deadline, keeps the reserve
// connections to GET /healthz, refuses browser-borne requests, then routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Handlers bound their writes with deadlines, which net/http leaves on
	// a kept-alive connection: a new request starts with none.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	if r.Body != nil && r.Body != http.NoBody {
		// Only requests with a body: without one, net/http's background
		// read of the connection is already pending, and a deadline
		// firing under it would cancel the request's context. The
		// deadline stays on the connection until the body's end, so it
		// also bounds net/http's draining of a body the handler left
		// unread. The request is copied so that net/http keeps its own
		// view of the body.
		rc := http.NewResponseController(w)
		if err := rc.SetReadDeadline(time.Now().Add(s.opts.BodyTimeout)); err == nil {
			body := &deadlineBody{ReadCloser: r.Body, rc: rc, after: s.opts.BodyTimeout, metrics: s.opts.Metrics}
			r = r.WithContext(r.Context())
			r.Body = body
		}
	}
	if isSpare(r.Context()) {
		w.Header().Set("Connection", "close")
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || r.URL.Path != "/healthz" {
			s.opts.Metrics.ConnectionRefused("health_only")
			writeError(w, errTooManyConnections)
			return
		}
	}
	if r.Header.Get("Origin") != "" || r.Header.Get("Referer") != "" {
		writeError(w, &apiError{http.StatusForbidden, wire.CodeBrowserRefused, "requests from web pages are refused: the socket API is for local processes"})
		return
	}
	s.mux.ServeHTTP(w, r)
}

// MaxConnections is the cap on connections served at once.
func (s *Server) MaxConnections() int { return s.opts.MaxConnections }

// Serve serves l until Shutdown, at most MaxConnections connections at
// once (and the /healthz reserve).
func (s *Server) Serve(l net.Listener) error {
	ll := newLimitListener(l, s.opts.MaxConnections, s.opts.Metrics)
	s.listener.Store(ll)
	err := s.http.Serve(ll)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting, ends event streams, and waits (bounded by ctx)
// for requests in flight (executions among them) to finish.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopOnce.Do(func() { close(s.stopping) })
	return s.http.Shutdown(ctx)
}

// apiError is an error with its HTTP status and stable code.
type apiError struct {
	status int
	code   string
	msg    string
}

func (e *apiError) Error() string { return e.code + ": " + e.msg }

func errBadRequest(format string, a ...any) error {
	return &apiError{http.StatusBadRequest, wire.CodeBadRequest, fmt.Sprintf(format, a...)}
}
func errNotFound(msg string) error { return &apiError{http.StatusNotFound, wire.CodeNotFound, msg} }
func errForbidden(format string, a ...any) error {
	return &apiError{http.StatusForbidden, wire.CodeForbidden, fmt.Sprintf(format, a...)}
}

func methodNotAllowed(w http.ResponseWriter, r *http.Request) error {
	return &apiError{http.StatusMethodNotAllowed, wire.CodeMethodNotAllowed, r.Method + " is not allowed on " + r.URL.Path}
}

// codeFor is the one translation from an error to an HTTP status and a
// stable code.
func codeFor(err error) *apiError {
	var ae *apiError
	var mbe *http.MaxBytesError
	var bte *errBodyTimeout
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &bte):
		return &apiError{http.StatusRequestTimeout, wire.CodeRequestTimeout, bte.Error()}
	case errors.As(err, &mbe):
		return &apiError{http.StatusRequestEntityTooLarge, wire.CodeTooLarge, fmt.Sprintf("the request body is over %d bytes", mbe.Limit)}
	case errors.Is(err, service.ErrOverloaded):
		return &apiError{http.StatusTooManyRequests, wire.CodeOverloaded, "too many executions are running and waiting; retry later"}
	case errors.Is(err, audit.ErrNotFound):
		return &apiError{http.StatusNotFound, wire.CodeNotFound, err.Error()}
	case errors.Is(err, errStopping):
		return &apiError{http.StatusServiceUnavailable, wire.CodeUnavailable, "the supervisor is shutting down"}
	case errors.Is(err, context.DeadlineExceeded):
		return &apiError{http.StatusServiceUnavailable, wire.CodeUnavailable, err.Error()}
	default:
		return &apiError{http.StatusInternalServerError, wire.CodeInternal, err.Error()}
	}
}

var errStopping = errors.New("api: shutting down")

type handler func(http.ResponseWriter, *http.Request) error

func (h handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := h(w, r); err != nil {
		if r.Context().Err() != nil && errors.Is(err, r.Context().Err()) {
			return // the client went away
		}
		writeError(w, codeFor(err))
	}
}

func writeError(w http.ResponseWriter, e *apiError) {
	switch e.status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", "1")
	case http.StatusRequestTimeout:
		// What is left of the body must not be read as a request.
		w.Header().Set("Connection", "close")
	}
	writeJSON(w, e.status, wire.Error{Code: e.code, Message: e.msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	// A client that does not read its answer does not hold the connection.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(responseWriteTimeout))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// decodeStrict reads one JSON value into v: unknown fields, trailing data
// and bodies over max are errors.
func decodeStrict(w http.ResponseWriter, r *http.Request, max int64, v any) error {
	body := http.MaxBytesReader(w, r.Body, max)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		var bte *errBodyTimeout
		if errors.As(err, &mbe) || errors.As(err, &bte) {
			return err
		}
		if errors.Is(err, io.EOF) {
			return errBadRequest("the request body is empty")
		}
		return errBadRequest("the request body is not valid: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		var bte *errBodyTimeout
		if errors.As(err, &bte) {
			return err
		}
		return errBadRequest("the request body has data after its JSON value")
	}
	return nil
}

// allowedAgents is what the policy lets uid act as: nil means anything.
func (s *Server) allowedAgents(uid int) (ids []string, restricted bool) {
	if s.opts.Policy == nil || uid == 0 {
		return nil, false
	}
	ids = s.opts.Policy[uid]
	for _, id := range ids {
		if id == "*" {
			return nil, false
		}
	}
	return ids, true
}

// checkAgent refuses a caller acting as an agent the policy does not give it.
func (s *Server) checkAgent(r *http.Request, agentID string) error {
	p, err := PeerFrom(r.Context())
	if err != nil {
		return errForbidden("the caller's credentials are unknown")
	}
	ids, restricted := s.allowedAgents(p.UID)
	if !restricted {
		return nil
	}
	for _, id := range ids {
		if id == agentID {
			return nil
		}
	}
	if len(ids) == 0 {
		return errForbidden("uid %d may not act as any agent (see the policy in the configuration)", p.UID)
	}
	return errForbidden("uid %d may not act as agent %q (it may act as %s)", p.UID, agentID, strings.Join(ids, ", "))
}

func (s *Server) postExecution(w http.ResponseWriter, r *http.Request) error {
	select {
	case <-s.stopping:
		return errStopping
	default:
	}
	lim := s.opts.Service.Limits()
	var req wire.ExecuteRequest
	// The code and context caps, with room for JSON escaping and the
	// other fields; the service then checks each field against its own.
	max := int64(lim.MaxCodeBytes)*6 + int64(lim.MaxContextBytes) + broker.MaxDeclBytes + 64<<10
	n := max // chunked: as much as may come
	if r.ContentLength >= 0 && r.ContentLength < max {
		n = r.ContentLength
	}
	if !s.bodies.take(n) {
		s.opts.Metrics.Rejected("body_budget")
		return &apiError{http.StatusTooManyRequests, wire.CodeOverloaded,
			fmt.Sprintf("too many request bytes are arriving at once (at most %d MiB); retry later", s.opts.BodyBudget>>20)}
	}
	err := decodeStrict(w, r, max, &req)
	s.bodies.give(n)
	if err != nil {
		return err
	}
	peer, err := PeerFrom(r.Context())
	if err != nil {
		return errForbidden("the caller's credentials are unknown")
	}
	if req.AgentID == "" {
		if ids, restricted := s.allowedAgents(peer.UID); restricted && len(ids) > 0 {
			req.AgentID = ids[0]
		}
	}
	agent := req.AgentID
	if agent == "" {
		agent = service.DefaultAgentID
	}
	if err := s.checkAgent(r, agent); err != nil {
		s.opts.Metrics.Rejected("policy")
		return err
	}
	if len(req.Tools) > 0 && !req.Stream {
		return errBadRequest(`a request that declares tools must be streamed ("stream": true): its tool calls come on the stream, and you answer each with POST /v1/executions/{id}/tool-results`)
	}
	release, err := s.opts.Service.Acquire(r.Context())
	if err != nil {
		return err
	}
	defer release()
	if req.Stream {
		s.streamExecution(w, r, req, peer)
		return nil
	}
	// A client that disconnects before its answer cancels the execution:
	// its runner is killed at once and it is recorded as cancelled.
	res := s.opts.Service.Execute(r.Context(), service.Request{
		Code: req.Code, Language: req.Language, Context: req.Context, TimeoutMs: req.Timeout,
		MemoryLimitMiB: req.MemoryLimit, AgentID: req.AgentID, ChannelID: req.ChannelID, Peer: peer,
		TSExperimentalDecorators: req.TSExperimentalDecorators,
	}, nil)
	writeJSON(w, http.StatusOK, res)
	return nil
}

// readYourWrites ships what waits in the outbox (bounded) before a query,
// so that a caller sees the executions it just ran. When the store cannot
// take them in time, the query answers with what the store has.
func (s *Server) readYourWrites(ctx context.Context) {
	if s.opts.Recorder.Stats().PendingRecords == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	_ = s.opts.Recorder.Flush(ctx)
}

func (s *Server) getExecution(w http.ResponseWriter, r *http.Request) error {
	s.readYourWrites(r.Context())
	rec, err := s.opts.Recorder.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		if errors.Is(err, audit.ErrNotFound) {
			return errNotFound("no execution " + strconv.Quote(r.PathValue("id")))
		}
		return err
	}
	if err := s.checkAgent(r, rec.AgentID); err != nil {
		return errNotFound("no execution " + strconv.Quote(r.PathValue("id")))
	}
	writeJSON(w, http.StatusOK, rec)
	return nil
}

func (s *Server) listExecutions(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	for k := range q {
		switch k {
		case "codeHash", "agentId", "channelId", "hostId", "status", "limit", "since":
		default:
			return errBadRequest("unknown query parameter %q (known: codeHash, agentId, channelId, hostId, status, limit, since)", k)
		}
	}
	host, err := hostParam(q)
	if err != nil {
		return err
	}
	f := audit.Filter{AgentID: q.Get("agentId"), ChannelID: q.Get("channelId"), HostID: host, CodeHash: q.Get("codeHash"), Status: result.Status(q.Get("status"))}
	if f.Status != "" && !f.Status.Valid() {
		return errBadRequest("status %q is not one of ok, blocked, invalid, error, timeout, memory, output_limit, internal", f.Status)
	}
	limit, err := limitParam(q.Get("limit"))
	if err != nil {
		return err
	}
	f.Limit = limit
	if since := q.Get("since"); since != "" {
		t, err := time.Parse(time.RFC3339, since)
		if err != nil {
			return errBadRequest("since must be an RFC 3339 time: %v", err)
		}
		f.Since = t
	}
	if p, _ := PeerFrom(r.Context()); p != nil {
		if _, restricted := s.allowedAgents(p.UID); restricted {
			if f.AgentID == "" {
				return errForbidden("uid %d must name an agentId it may act as", p.UID)
			}
			if err := s.checkAgent(r, f.AgentID); err != nil {
				return err
			}
		}
	}
	s.readYourWrites(r.Context())
	var recs []audit.Record
	if f.CodeHash != "" && f.AgentID == "" && f.ChannelID == "" && f.HostID == "" && f.Status == "" && f.Since.IsZero() {
		recs, err = s.opts.Recorder.ByCodeHash(r.Context(), f.CodeHash, f.Limit)
	} else {
		recs, err = s.opts.Recorder.History(r.Context(), f)
	}
	if err != nil {
		if strings.Contains(err.Error(), "invalid") {
			return errBadRequest("%v", err)
		}
		return err
	}
	if recs == nil {
		recs = []audit.Record{}
	}
	writeJSON(w, http.StatusOK, wire.History{Executions: recs})
	return nil
}

// hostParam is the hostId query parameter: "" (every host, the whole
// fleet) or a host id; one no record can carry is a bad request.
func hostParam(q url.Values) (string, error) {
	h := q.Get("hostId")
	if _, given := q["hostId"]; given && h == "" {
		return "", errBadRequest("hostId is empty: leave it out for every host")
	}
	if h != "" {
		if err := audit.CheckHostID(h); err != nil {
			return "", errBadRequest("hostId: %v", err)
		}
	}
	return h, nil
}

func limitParam(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 1000 {
		return 0, errBadRequest("limit must be a number from 1 to 1000")
	}
	return n, nil
}

func (s *Server) agentStats(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := s.checkAgent(r, id); err != nil {
		return err
	}
	for k := range r.URL.Query() {
		if k != "hostId" {
			return errBadRequest("unknown query parameter %q (known: hostId)", k)
		}
	}
	host, err := hostParam(r.URL.Query())
	if err != nil {
		return err
	}
	s.readYourWrites(r.Context())
	st, err := s.opts.Recorder.AgentStats(r.Context(), id, host)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, st)
	return nil
}

func (s *Server) agentFailures(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := s.checkAgent(r, id); err != nil {
		return err
	}
	for k := range r.URL.Query() {
		if k != "limit" && k != "hostId" {
			return errBadRequest("unknown query parameter %q (known: limit, hostId)", k)
		}
	}
	limit, err := limitParam(r.URL.Query().Get("limit"))
	if err != nil {
		return err
	}
	host, err := hostParam(r.URL.Query())
	if err != nil {
		return err
	}
	s.readYourWrites(r.Context())
	recs, err := s.opts.Recorder.RecentFailures(r.Context(), id, host, limit)
	if err != nil {
		return err
	}
	if recs == nil {
		recs = []audit.Record{}
	}
	writeJSON(w, http.StatusOK, wire.History{Executions: recs})
	return nil
}

// events streams events as newline-delimited JSON, one per line, flushed as
// they happen, until the client leaves or the server stops. A reader that
// falls behind loses events, and is told how many.
func (s *Server) events(w http.ResponseWriter, r *http.Request) error {
	var types []bus.Type
	for k, vs := range r.URL.Query() {
		if k != "type" {
			return errBadRequest("unknown query parameter %q (known: type)", k)
		}
		for _, v := range vs {
			for _, t := range strings.Split(v, ",") {
				if t == "" {
					continue
				}
				if !bus.Type(t).Valid() {
					return errBadRequest("unknown event type %q", t)
				}
				types = append(types, bus.Type(t))
			}
		}
	}
	var allowed map[string]bool
	if p, _ := PeerFrom(r.Context()); p != nil {
		if ids, restricted := s.allowedAgents(p.UID); restricted {
			allowed = map[string]bool{}
			for _, id := range ids {
				allowed[id] = true
			}
		}
	}
	sub := s.opts.Bus.Subscribe(s.opts.EventBuffer, types...)
	defer sub.Close()
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if err := rc.Flush(); err != nil {
		return nil
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	write := func(v any) bool {
		// A reader that stops reading altogether is cut off.
		_ = rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
		return enc.Encode(v) == nil && rc.Flush() == nil
	}
	for {
		select {
		case <-r.Context().Done():
			return nil
		case <-s.stopping:
			return nil
		case ev, ok := <-sub.C():
			if !ok {
				return nil
			}
			if n := sub.Dropped(); n > 0 {
				s.opts.Metrics.EventsDropped(n)
				if !write(wire.EventsDropped{Type: wire.EventsDroppedType, Dropped: n, Timestamp: time.Now().UTC()}) {
					return nil
				}
			}
			if allowed != nil && ev.Type != bus.ConfigUpdated && !allowed[ev.AgentID] {
				continue
			}
			if !write(ev) {
				return nil
			}
		}
	}
}

func (s *Server) getConfig(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, s.opts.Service.Limits())
	return nil
}

// patchConfig applies updateConfig: root and the admins only; every key
// known and within bounds, or nothing changes.
func (s *Server) patchConfig(w http.ResponseWriter, r *http.Request) error {
	p, err := PeerFrom(r.Context())
	if err != nil || !s.isAdmin(p.UID) {
		uid := -1
		if p != nil {
			uid = p.UID
		}
		return errForbidden("uid %d may not change the configuration (root and the supervisor's own uid may)", uid)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 64<<10))
	if err != nil {
		return err
	}
	s.cfgMu.Lock()
	defer s.cfgMu.Unlock()
	next, _, err := config.Patch(s.opts.Service.Limits(), body)
	if err != nil {
		return errBadRequest("%v", err)
	}
	if s.opts.SaveConfig != nil {
		if err := s.opts.SaveConfig(next); err != nil {
			return fmt.Errorf("save the configuration file: %w", err)
		}
	}
	if err := s.opts.Service.SetLimits(next); err != nil {
		return errBadRequest("%v", err)
	}
	writeJSON(w, http.StatusOK, next)
	return nil
}

func (s *Server) isAdmin(uid int) bool {
	if uid == 0 {
		return true
	}
	for _, a := range s.opts.Admins {
		if a == uid {
			return true
		}
	}
	return false
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	running, queued, _, _ := s.opts.Service.Admission()
	bi := buildinfo.Read()
	h := wire.Health{Status: "ok", Isolation: "full", Running: running, Queued: queued, Started: s.started.UTC(),
		Version: bi.Version, Revision: bi.Revision}
	if p := s.opts.Service.Pool(); p != nil {
		st := p.Stats()
		h.Pool = &wire.Pool{Idle: st.Idle, Target: st.Target, Hits: st.Hits, Misses: st.Misses, Deaths: st.Deaths, Replaced: st.Replaced}
	}
	if iso := s.opts.Isolation; iso != nil {
		switch {
		case len(iso.Missing) > 0:
			h.Isolation, h.Missing, h.IsolationMode = "weak", iso.Missing, "weak"
		case iso.Rootless:
			h.IsolationMode = "rootless"
		default:
			h.IsolationMode = "root"
		}
	}
	if rec := s.opts.Recorder; rec != nil {
		h.HostID = rec.HostID()
		st := rec.Stats()
		h.Store = st.Store
		h.Outbox = wire.Outbox{Records: int64(st.PendingRecords), OldestAgeSeconds: st.OldestPendingSec, LastError: st.LastError}
	}
	status := http.StatusOK
	select {
	case <-s.stopping:
		h.Status, status = "stopping", http.StatusServiceUnavailable
	default:
	}
	writeJSON(w, status, h)
	return nil
}

func (s *Server) metrics(w http.ResponseWriter, r *http.Request) error {
	if s.opts.Metrics == nil {
		return errNotFound("metrics are off")
	}
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(responseWriteTimeout))
	s.opts.Metrics.Handler().ServeHTTP(w, r)
	return nil
}
