package client

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"

	"codexec/api/wire"
	"codexec/result"
)

// ToolHandler answers one call of a tool: args is the JSON the code
// passed; the value returned is sent back as JSON. An error becomes a
// ToolError in the code: a *ToolError keeps its code, any other error is
// "tool_failed" with its message.
type ToolHandler func(ctx context.Context, args json.RawMessage) (any, error)

// ToolError is a tool's failure as the code sees it (err.code,
// err.message).
type ToolError struct {
	Code    string
	Message string
}

func (e *ToolError) Error() string { return e.Code + ": " + e.Message }

// ExecuteOption changes how Execute runs.
type ExecuteOption func(*execOptions)

type execOptions struct {
	tools map[string]ToolHandler
	onLog func(result.Log)
}

// WithTools answers the code's calls of the request's declared tools
// (req.Tools) with handlers, by name; every declared tool needs one. The
// execution is streamed, and each call is answered as it comes, in its
// own goroutine.
func WithTools(handlers map[string]ToolHandler) ExecuteOption {
	return func(o *execOptions) { o.tools = handlers }
}

// WithLogs passes each console line on as the code writes it (the result
// still has them all).
func WithLogs(f func(result.Log)) ExecuteOption {
	return func(o *execOptions) { o.onLog = f }
}

// maxStreamLine bounds one line of a stream: a result with its output and
// logs at their largest caps, with room for JSON escaping.
const maxStreamLine = 256 << 20

func (c *Client) executeStream(ctx context.Context, req wire.ExecuteRequest, o execOptions) (result.Result, error) {
	var missing []string
	for _, t := range req.Tools {
		if o.tools[t.Name] == nil {
			missing = append(missing, t.Name)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return result.Result{}, fmt.Errorf("client: no handler for the declared tools %s (WithTools)", strings.Join(missing, ", "))
	}
	req.Stream = true
	// Handlers still running when Execute returns are told to stop (the
	// cancel runs first), then waited for. Returning early closes the
	// stream: the execution is cancelled.
	var calls sync.WaitGroup
	defer calls.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	b, err := json.Marshal(req)
	if err != nil {
		return result.Result{}, err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://codexec/v1/executions", bytes.NewReader(b))
	if err != nil {
		return result.Result{}, err
	}
	hreq.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(hreq)
	if err != nil {
		return result.Result{}, fmt.Errorf("supervisor at %s: %w", c.socket, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return result.Result{}, decodeError(resp)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), maxStreamLine)
	for sc.Scan() {
		var ev wire.StreamEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			return result.Result{}, fmt.Errorf("client: a stream line is not JSON: %w", err)
		}
		switch ev.Type {
		case wire.StreamLog:
			if o.onLog != nil {
				o.onLog(result.Log{Level: ev.Level, Message: ev.Message})
			}
		case wire.StreamToolCall:
			calls.Add(1)
			go func() {
				defer calls.Done()
				c.answerCall(ctx, ev, o.tools[ev.Name])
			}()
		case wire.StreamResult:
			if ev.Result == nil {
				return result.Result{}, errors.New("client: a result line without a result")
			}
			return *ev.Result, nil
		}
	}
	if err := sc.Err(); err != nil {
		return result.Result{}, fmt.Errorf("supervisor at %s: the stream broke: %w", c.socket, err)
	}
	if ctx.Err() != nil {
		return result.Result{}, ctx.Err()
	}
	return result.Result{}, fmt.Errorf("supervisor at %s: the stream ended without a result", c.socket)
}

// answerCall runs a tool's handler and posts its answer.
func (c *Client) answerCall(ctx context.Context, ev wire.StreamEvent, h ToolHandler) {
	tr := wire.ToolResult{CallID: ev.CallID}
	var v any
	var err error
	if h == nil {
		err = &ToolError{Code: "undeclared", Message: "the client has no handler for " + ev.Name}
	} else {
		v, err = safeCall(ctx, h, ev.Arguments)
	}
	if err == nil {
		var b []byte
		if b, err = json.Marshal(v); err == nil {
			tr.Result = b
		}
	}
	if err != nil {
		var te *ToolError
		if errors.As(err, &te) {
			tr.Error = &wire.ToolResultErr{Code: te.Code, Message: te.Message}
		} else {
			tr.Error = &wire.ToolResultErr{Code: "tool_failed", Message: err.Error()}
		}
	}
	// An answer that cannot be delivered (the execution ended, its time
	// ran out) has nobody left to tell.
	_ = c.do(ctx, http.MethodPost, "/v1/executions/"+ev.ExecutionID+"/tool-results", tr, nil)
}

func safeCall(ctx context.Context, h ToolHandler, args json.RawMessage) (v any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the handler panicked: %v", p)
		}
	}()
	return h(ctx, args)
}
