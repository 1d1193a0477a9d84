package mcpserver

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// DropCancelledResponses wraps a stream transport (stdio) so that a request
// the client cancelled with notifications/cancelled gets no response, as
// the MCP specification asks ("the receiver SHOULD NOT send a response for
// the cancelled request"). The SDK cancels the handler's context (the
// execution is then killed and recorded as cancelled) but still writes
// the handler's result; this drops it. A cancellation that arrives after
// the response was written changes nothing, and one for an id that is not
// in flight is ignored, so nothing accumulates.
//
// It wraps only the message stream: use it on transports whose connections
// carry no session state of their own (stdio, in-memory), not on the
// streamable HTTP transport.
func DropCancelledResponses(t mcp.Transport) mcp.Transport { return cancelTransport{t} }

type cancelTransport struct{ mcp.Transport }

func (t cancelTransport) Connect(ctx context.Context) (mcp.Connection, error) {
	c, err := t.Transport.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &cancelConn{Connection: c, inFlight: map[jsonrpc.ID]bool{}}, nil
}

type cancelConn struct {
	mcp.Connection
	mu       sync.Mutex
	inFlight map[jsonrpc.ID]bool // requests read and not yet answered → cancelled by the client
}

func (c *cancelConn) Read(ctx context.Context) (jsonrpc.Message, error) {
	m, err := c.Connection.Read(ctx)
	if req, ok := m.(*jsonrpc.Request); ok && err == nil {
		switch {
		case req.ID.IsValid():
			c.mu.Lock()
			c.inFlight[req.ID] = false
			c.mu.Unlock()
		case req.Method == "notifications/cancelled":
			var p struct {
				RequestID any `json:"requestId"`
			}
			if json.Unmarshal(req.Params, &p) == nil {
				if id, err := jsonrpc.MakeID(p.RequestID); err == nil && id.IsValid() {
					c.mu.Lock()
					if _, ok := c.inFlight[id]; ok {
						c.inFlight[id] = true
					}
					c.mu.Unlock()
				}
			}
		}
	}
	return m, err
}

func (c *cancelConn) Write(ctx context.Context, m jsonrpc.Message) error {
	if resp, ok := m.(*jsonrpc.Response); ok {
		c.mu.Lock()
		cancelled, known := c.inFlight[resp.ID]
		delete(c.inFlight, resp.ID)
		c.mu.Unlock()
		if known && cancelled {
			return nil
		}
	}
	return c.Connection.Write(ctx, m)
}
