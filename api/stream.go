package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"codexec/api/wire"
	"codexec/broker"
	"codexec/result"
	"codexec/service"
)

// streamWriteTimeout bounds each line written to a stream: a caller that
// stops reading its stream cannot hold the execution past it.
const streamWriteTimeout = 10 * time.Second

// A stream is one execution answered as newline-delimited JSON events
// (POST /v1/executions with "stream": true). Its tool calls are written to
// the stream and wait for POST /v1/executions/{id}/tool-results from the
// same uid; a caller that closes the stream cancels the execution.
type stream struct {
	id    string
	owner int // the uid that may answer its calls
	w     http.ResponseWriter
	rc    *http.ResponseController

	wmu    sync.Mutex // one line at a time
	broken bool       // a write failed: the caller is gone

	mu      sync.Mutex
	pending map[string]chan wire.ToolResult // callId → its answer
}

// send writes one event line and flushes it.
func (st *stream) send(ev wire.StreamEvent) error {
	ev.ExecutionID = st.id
	b, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	st.wmu.Lock()
	defer st.wmu.Unlock()
	if st.broken {
		return errors.New("api: the stream is closed")
	}
	_ = st.rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
	if _, err = st.w.Write(append(b, '\n')); err == nil {
		err = st.rc.Flush()
	}
	if err != nil {
		st.broken = true
	}
	return err
}

// Call is the stream's broker.Handler: the call goes to the caller as a
// tool_call event and waits for its tool-results answer (or the end of
// the execution's time, or of the stream).
func (st *stream) Call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error) {
	n, _ := broker.CallID(ctx)
	callID := strconv.FormatInt(n, 10)
	ch := make(chan wire.ToolResult, 1)
	st.mu.Lock()
	st.pending[callID] = ch
	st.mu.Unlock()
	defer func() {
		st.mu.Lock()
		delete(st.pending, callID)
		st.mu.Unlock()
	}()
	if err := st.send(wire.StreamEvent{Type: wire.StreamToolCall, CallID: callID, Name: name, Arguments: args}); err != nil {
		return nil, &broker.ToolError{Code: "tool_failed", Message: "the caller's stream is closed: " + err.Error()}
	}
	select {
	case tr := <-ch:
		if tr.Error != nil {
			return nil, &broker.ToolError{Code: tr.Error.Code, Message: tr.Error.Message}
		}
		return tr.Result, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// answer delivers a tool-results body to its pending call.
func (st *stream) answer(tr wire.ToolResult) bool {
	st.mu.Lock()
	ch, ok := st.pending[tr.CallID]
	if ok {
		delete(st.pending, tr.CallID) // answered once
	}
	st.mu.Unlock()
	if ok {
		ch <- tr
	}
	return ok
}

// streamExecution runs req with its events written to w as they happen.
// The status is 200 once the stream has started; what the execution came
// to is in its result line.
func (s *Server) streamExecution(w http.ResponseWriter, r *http.Request, req wire.ExecuteRequest, peer *service.Peer) {
	st := &stream{id: service.NewID(), owner: peer.UID, w: w, rc: http.NewResponseController(w), pending: map[string]chan wire.ToolResult{}}
	s.streamsMu.Lock()
	s.streams[st.id] = st
	s.streamsMu.Unlock()
	defer func() {
		s.streamsMu.Lock()
		delete(s.streams, st.id)
		s.streamsMu.Unlock()
	}()

	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_ = st.send(wire.StreamEvent{Type: wire.StreamStarted})

	tools := make([]broker.Tool, len(req.Tools))
	for i, t := range req.Tools {
		tools[i] = broker.Tool(t)
	}
	sreq := service.Request{
		ID: st.id, Code: req.Code, Language: req.Language, Context: req.Context, TimeoutMs: req.Timeout,
		MemoryLimitMiB: req.MemoryLimit, AgentID: req.AgentID, ChannelID: req.ChannelID, Peer: peer,
		TSExperimentalDecorators: req.TSExperimentalDecorators, Tools: tools,
	}
	if len(tools) > 0 {
		sreq.ToolHandler = st
	}
	// A caller that closes the stream cancels the execution (its request's
	// context ends): the runner's cgroup is killed at once.
	res := s.opts.Service.Execute(r.Context(), sreq, func(l result.Log) {
		_ = st.send(wire.StreamEvent{Type: wire.StreamLog, Level: l.Level, Message: l.Message})
	})
	_ = st.send(wire.StreamEvent{Type: wire.StreamResult, Result: &res})
}

// postToolResult answers one tool call of a streamed execution, for the
// uid that started it.
func (s *Server) postToolResult(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	s.streamsMu.Lock()
	st := s.streams[id]
	s.streamsMu.Unlock()
	if st == nil {
		return errNotFound(fmt.Sprintf("no streamed execution %s is running", id))
	}
	peer, err := PeerFrom(r.Context())
	if err != nil {
		return errForbidden("the caller's credentials are unknown")
	}
	if peer.UID != st.owner && peer.UID != 0 {
		return errForbidden("uid %d may not answer the tool calls of an execution uid %d started", peer.UID, st.owner)
	}
	var tr wire.ToolResult
	if err := decodeStrict(w, r, int64(s.opts.Service.Limits().MaxToolResultBytes)*6+64<<10, &tr); err != nil {
		return err
	}
	switch {
	case tr.CallID == "":
		return errBadRequest("callId is missing")
	case (tr.Error == nil) == (tr.Result == nil):
		return errBadRequest("give exactly one of result (JSON; null for none) and error {code, message}")
	case tr.Error != nil && (tr.Error.Code == "" || tr.Error.Message == ""):
		return errBadRequest("error needs a code and a message")
	}
	if !st.answer(tr) {
		return errNotFound(fmt.Sprintf("execution %s has no call %q waiting for an answer", id, tr.CallID))
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
