// Package client is the Go client of the supervisor's socket API: what the
// CLI uses when a daemon is running, and what a co-located agent written in
// Go can use. It links none of the supervisor (package wire holds the
// shared JSON shapes).
//
//	c := client.New("/run/codexec/supervisor.sock")
//	res, err := c.Execute(ctx, wire.ExecuteRequest{Code: "return 1 + 1"})
package client

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"codexec/api/wire"
	"codexec/audit/schema"
	"codexec/bus"
	"codexec/config"
	"codexec/result"
)

// Client talks to one supervisor over its Unix socket.
type Client struct {
	socket string
	http   *http.Client
}

// New returns a client for the socket at path.
func New(path string) *Client {
	tr := &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", path)
		},
		MaxIdleConnsPerHost: 64,
		IdleConnTimeout:     30 * time.Second,
	}
	return &Client{socket: path, http: &http.Client{Transport: tr}}
}

// Socket is the path the client talks to.
func (c *Client) Socket() string { return c.socket }

// CloseIdleConnections closes the connections kept alive between requests
// (each otherwise takes one of the daemon's places for 30 s).
func (c *Client) CloseIdleConnections() { c.http.CloseIdleConnections() }

// Error is an error answer from the supervisor.
type Error struct {
	Status  int    // HTTP status
	Code    string // stable code (wire.Code*)
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("supervisor: %s: %s", e.Code, e.Message) }

// IsCode reports whether err is an *Error with the given stable code.
func IsCode(err error, code string) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

// Reachable reports whether a supervisor answers on the socket.
func (c *Client) Reachable(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	_, err := c.Health(ctx)
	return err == nil || errors.As(err, new(*Error))
}

func (c *Client) do(ctx context.Context, method, path string, body any, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, "http://codexec"+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("supervisor at %s: %w", c.socket, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return decodeError(resp)
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// Execute runs code and returns its result (whatever its status). With
// WithTools (or WithLogs) the execution is streamed: the client answers
// the code's tool calls with the handlers and passes console lines on as
// they come. Cancelling ctx cancels the execution: the supervisor kills
// its runner and records it as cancelled.
func (c *Client) Execute(ctx context.Context, req wire.ExecuteRequest, opts ...ExecuteOption) (result.Result, error) {
	var o execOptions
	for _, f := range opts {
		f(&o)
	}
	if o.tools != nil || o.onLog != nil || req.Stream {
		return c.executeStream(ctx, req, o)
	}
	var res result.Result
	err := c.do(ctx, http.MethodPost, "/v1/executions", req, &res)
	return res, err
}

// Tools returns the tools of the daemon's configured MCP servers that
// agentID's code may call (GET /v1/tools), with their TypeScript
// declarations.
func (c *Client) Tools(ctx context.Context, agentID string) (wire.ToolsAnswer, error) {
	var ans wire.ToolsAnswer
	err := c.do(ctx, http.MethodGet, "/v1/tools?agentId="+url.QueryEscape(agentID), nil, &ans)
	return ans, err
}

// Get returns the record of one execution.
func (c *Client) Get(ctx context.Context, id string) (schema.Record, error) {
	var r schema.Record
	err := c.do(ctx, http.MethodGet, "/v1/executions/"+url.PathEscape(id), nil, &r)
	return r, err
}

// History lists executions, newest first.
func (c *Client) History(ctx context.Context, f schema.Filter) ([]schema.Record, error) {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("agentId", f.AgentID)
	set("channelId", f.ChannelID)
	set("hostId", f.HostID)
	set("status", string(f.Status))
	set("codeHash", f.CodeHash)
	if f.Limit > 0 {
		q.Set("limit", strconv.Itoa(f.Limit))
	}
	if !f.Since.IsZero() {
		q.Set("since", f.Since.UTC().Format(time.RFC3339))
	}
	var h wire.History
	err := c.do(ctx, http.MethodGet, "/v1/executions?"+q.Encode(), nil, &h)
	return h.Executions, err
}

// Stats returns an agent's statistics on the host hostID ("": on every
// host the audit trail has records of).
func (c *Client) Stats(ctx context.Context, agentID, hostID string) (schema.AgentStats, error) {
	var s schema.AgentStats
	path := "/v1/agents/" + url.PathEscape(agentID) + "/stats"
	if hostID != "" {
		path += "?hostId=" + url.QueryEscape(hostID)
	}
	err := c.do(ctx, http.MethodGet, path, nil, &s)
	return s, err
}

// Failures returns an agent's recent failures, newest first, on the host
// hostID ("": on every host).
func (c *Client) Failures(ctx context.Context, agentID, hostID string, limit int) ([]schema.Record, error) {
	path := "/v1/agents/" + url.PathEscape(agentID) + "/failures"
	q := url.Values{}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if hostID != "" {
		q.Set("hostId", hostID)
	}
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	var h wire.History
	err := c.do(ctx, http.MethodGet, path, nil, &h)
	return h.Executions, err
}

// Config returns the runtime configuration.
func (c *Client) Config(ctx context.Context) (config.Limits, error) {
	var l config.Limits
	err := c.do(ctx, http.MethodGet, "/v1/config", nil, &l)
	return l, err
}

// PatchConfig changes settings (updateConfig) and returns the new ones.
func (c *Client) PatchConfig(ctx context.Context, changes map[string]any) (config.Limits, error) {
	var l config.Limits
	err := c.do(ctx, http.MethodPatch, "/v1/config", changes, &l)
	return l, err
}

// Health returns the supervisor's health.
func (c *Client) Health(ctx context.Context) (wire.Health, error) {
	var h wire.Health
	err := c.do(ctx, http.MethodGet, "/healthz", nil, &h)
	return h, err
}

// StreamEvent is one line of the event stream: an event, or a note that
// the reader fell behind and Dropped events were lost.
type StreamEvent struct {
	bus.Event
	Dropped uint64 `json:"dropped,omitempty"`
}

// Events streams events of the given types (all when none) until ctx ends
// or the server closes the stream; fn gets each one and may stop the
// stream by returning an error.
func (c *Client) Events(ctx context.Context, types []string, fn func(StreamEvent) error) error {
	path := "/v1/events"
	if len(types) > 0 {
		path += "?type=" + url.QueryEscape(strings.Join(types, ","))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://codexec"+path, nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("supervisor at %s: %w", c.socket, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return decodeError(resp)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 32<<20)
	for sc.Scan() {
		var ev StreamEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			return fmt.Errorf("event stream: %w", err)
		}
		if err := fn(ev); err != nil {
			return err
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return sc.Err()
}

func decodeError(resp *http.Response) error {
	e := &Error{Status: resp.StatusCode}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var we wire.Error
	if json.Unmarshal(b, &we) != nil || we.Code == "" {
		we.Code, we.Message = "http_"+strconv.Itoa(resp.StatusCode), strings.TrimSpace(string(b))
	}
	e.Code, e.Message = we.Code, we.Message
	return e
}
