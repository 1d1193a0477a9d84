package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"codexec/api/wire"
	"codexec/config"
	"codexec/metrics"
)

// Bounded connections (docs/decisions/0028-bounded-connections.md): every
// request body has a deadline, the connections served at once are capped,
// a few more are kept for GET /healthz, and the cap leaves the daemon the
// descriptors its own files need.
const (
	// DefaultBodyTimeout bounds the reading of one request body, from the
	// start of its handler to the body's end (the headers have their own
	// 10 s). The largest body any configuration admits is POST
	// /v1/executions at the bounds of maxCodeBytes and maxContextBytes:
	// 1 MiB of code × 6 for JSON escaping + 16 MiB of context + 64 KiB,
	// about 22.1 MiB; a client writing it at 1 MiB/s (a thousandth of what
	// a local socket carries) needs 22 s. 30 s leaves it room.
	DefaultBodyTimeout = 30 * time.Second

	// DefaultMaxConnections is the cap when none is given and the
	// descriptor budget allows it.
	DefaultMaxConnections = 1024

	// HealthReserve is how many connections beyond the cap are still
	// accepted; each may ask GET /healthz once and lives at most
	// healthLifetime, so that a client cannot hold the reserve by merely
	// connecting.
	HealthReserve  = 8
	healthLifetime = 5 * time.Second

	// The daemon's own descriptors: fdBase for what does not grow with
	// load (standard streams, the listener, the poller, the audit outbox's
	// segments and the store's files or its MongoDB connection pool, /proc
	// and cgroup files read while classifying, a connection being refused)
	// and fdPerRunner for each runner alive at once (three pipes, their
	// child ends while it starts, a pidfd, its cgroup's directory).
	fdBase      = 256
	fdPerRunner = 8

	// minConnections is the fewest the cap may be.
	minConnections = 1

	// A connection beyond the cap and its reserve is refused by one of at
	// most maxRefusing goroutines, which waits refuseReadTimeout for the
	// request's head (so that the client, done writing, reads the answer)
	// and refuseWriteTimeout to write the answer; when all are busy, it is
	// refused at once from the accept loop. responseWriteTimeout bounds
	// writing one JSON answer (a client that does not read it is cut off).
	maxRefusing          = 32
	refuseReadTimeout    = 200 * time.Millisecond
	refuseWriteTimeout   = 100 * time.Millisecond
	responseWriteTimeout = 30 * time.Second
)

// Budget shares the daemon's descriptors (its soft RLIMIT_NOFILE) between
// its own files and client connections.
type Budget struct {
	NoFile   int // RLIMIT_NOFILE
	Reserved int // kept for the daemon's own files
	Runners  int // runners the reserve counts: max-concurrent, a full pool, one being refilled
	// Max is the largest cap: NoFile - Reserved - HealthReserve (below
	// minConnections when the limit is too low for the daemon's needs).
	Max int
	// Default is the cap when none is given: DefaultMaxConnections, or
	// Max when smaller (and never below minConnections).
	Default int
}

// NewBudget is the budget for a descriptor limit of nofile and at most
// maxConcurrent executions at once; the warm pool may hold up to
// config.MaxPoolSize runners (it can be raised at run time).
func NewBudget(nofile uint64, maxConcurrent int) Budget {
	b := Budget{Runners: maxConcurrent + config.MaxPoolSize + 1}
	b.NoFile = int(min(nofile, 1<<30))
	b.Reserved = fdBase + fdPerRunner*b.Runners
	b.Max = b.NoFile - b.Reserved - HealthReserve
	b.Default = max(min(DefaultMaxConnections, b.Max), minConnections)
	return b
}

// FDBudget is the budget of this process (its soft RLIMIT_NOFILE, which
// the Go runtime raised to the hard limit at start).
func FDBudget(maxConcurrent int) (Budget, error) {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		return Budget{}, fmt.Errorf("api: RLIMIT_NOFILE: %w", err)
	}
	return NewBudget(lim.Cur, maxConcurrent), nil
}

// Check refuses a cap that would eat the descriptors kept for the daemon's
// own files.
func (b Budget) Check(n int) error {
	switch {
	case n < minConnections:
		return fmt.Errorf("max-connections %d is below %d", n, minConnections)
	case b.Max < minConnections:
		return fmt.Errorf("the descriptor limit (RLIMIT_NOFILE %d) is too low: the daemon keeps %d for its own files (audit outbox, store, the pipes of %d runners) and %d for /healthz; raise it (LimitNOFILE= in the systemd unit, ulimit -n) to at least %d",
			b.NoFile, b.Reserved, b.Runners, HealthReserve, b.Reserved+HealthReserve+DefaultMaxConnections)
	case n > b.Max:
		return fmt.Errorf("max-connections %d would eat the descriptors the daemon keeps for its own files: of RLIMIT_NOFILE %d, %d are kept for the audit outbox, the store and the pipes of %d runners, and %d for /healthz; at most %d (raise the descriptor limit for more)",
			n, b.NoFile, b.Reserved, b.Runners, HealthReserve, b.Max)
	}
	return nil
}

// limitListener caps the connections served at once: up to max are
// served; HealthReserve more are accepted for GET /healthz alone (closed
// after one answer, or healthLifetime); beyond those, a connection is
// answered 503 too_many_connections and closed, within
// refuseReadTimeout+refuseWriteTimeout, by at most maxRefusing goroutines
// (else at once by the accept loop), so that refusing holds at most
// maxRefusing+1 descriptors, out of the daemon's fdBase.
type limitListener struct {
	net.Listener
	max      int
	metrics  *metrics.Metrics
	refusal  []byte
	refusing chan struct{}

	mu            sync.Mutex
	served, spare int
}

func newLimitListener(l net.Listener, max int, m *metrics.Metrics) *limitListener {
	body := fmt.Sprintf(`{"code":%q,"message":"the supervisor serves %d connections at once; retry later"}`+"\n", wire.CodeTooManyConnections, max)
	refusal := "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\nConnection: close\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	return &limitListener{Listener: l, max: max, metrics: m, refusal: []byte(refusal), refusing: make(chan struct{}, maxRefusing)}
}

// Accept returns the next connection that may be served; those beyond
// the cap and its reserve are refused here. Its errors are the
// listener's (net/http backs off on temporary ones such as EMFILE).
func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		spare, ok := false, true
		switch {
		case l.served < l.max:
			l.served++
		case l.spare < HealthReserve:
			l.spare++
			spare = true
		default:
			ok = false
		}
		l.mu.Unlock()
		if !ok {
			l.metrics.ConnectionRefused("limit")
			select {
			case l.refusing <- struct{}{}:
				go func() {
					defer func() { <-l.refusing }()
					l.refuseAfterHead(c)
				}()
			default:
				l.refuse(c)
			}
			continue
		}
		l.metrics.ConnectionOpened()
		lc := &limitedConn{Conn: c, l: l, spare: spare}
		if spare {
			// The hard end of a reserve connection, whatever it does.
			lc.timer = time.AfterFunc(healthLifetime, func() { c.Close() })
		}
		return lc, nil
	}
}

// refuseAfterHead reads the request's head (bounded in time and size),
// then refuses the connection.
func (l *limitListener) refuseAfterHead(c net.Conn) {
	_ = c.SetReadDeadline(time.Now().Add(refuseReadTimeout))
	var buf [8 << 10]byte
	n := 0
	for n < len(buf) {
		m, err := c.Read(buf[n:])
		n += m
		if err != nil || bytes.Contains(buf[:n], []byte("\r\n\r\n")) {
			break
		}
	}
	l.refuse(c)
}

// refuse answers a connection beyond the cap and closes it. What the
// client already sent is read first (without waiting), so that closing
// does not reset the connection before the client reads the answer.
func (l *limitListener) refuse(c net.Conn) {
	if sc, ok := c.(syscall.Conn); ok {
		if raw, err := sc.SyscallConn(); err == nil {
			var buf [4096]byte
			_ = raw.Read(func(fd uintptr) bool {
				for i := 0; i < 16; i++ {
					if n, _, err := unix.Recvfrom(int(fd), buf[:], unix.MSG_DONTWAIT); n <= 0 || err != nil {
						break
					}
				}
				return true
			})
		}
	}
	_ = c.SetWriteDeadline(time.Now().Add(refuseWriteTimeout))
	_, _ = c.Write(l.refusal)
	_ = c.Close()
}

func (l *limitListener) release(spare bool) {
	l.mu.Lock()
	if spare {
		l.spare--
	} else {
		l.served--
	}
	l.mu.Unlock()
	l.metrics.ConnectionClosed()
}

// limitedConn is a served connection; closing it frees its place.
type limitedConn struct {
	net.Conn
	l     *limitListener
	spare bool // a reserve connection: GET /healthz only
	timer *time.Timer
	once  sync.Once
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		if c.timer != nil {
			c.timer.Stop()
		}
		c.l.release(c.spare)
	})
	return err
}

// NetConn is the connection underneath (withPeer reads its credentials).
func (c *limitedConn) NetConn() net.Conn { return c.Conn }

type spareKey struct{}

// connContext is the server's ConnContext: the caller's credentials, and
// whether the connection is one of the reserve.
func connContext(ctx context.Context, c net.Conn) context.Context {
	if lc, ok := c.(*limitedConn); ok && lc.spare {
		ctx = context.WithValue(ctx, spareKey{}, true)
	}
	return withPeer(ctx, c)
}

func isSpare(ctx context.Context) bool { v, _ := ctx.Value(spareKey{}).(bool); return v }

var errTooManyConnections = &apiError{http.StatusServiceUnavailable, wire.CodeTooManyConnections,
	"the supervisor serves as many connections as it may; this one may only ask GET /healthz; retry later"}

// errBodyTimeout is a request body that did not arrive within its deadline.
type errBodyTimeout struct{ after time.Duration }

func (e *errBodyTimeout) Error() string {
	return fmt.Sprintf("the request body did not arrive within %v", e.after)
}

// deadlineBody is a request body read under the body deadline. At its end
// the deadline is cleared (net/http clears it too when it starts its
// background read at the body's EOF, which must never see a deadline: one
// that fired there would cancel the request's context, and with it long
// executions and event streams). A read that times out leaves the deadline
// in place, so that net/http's own draining of the rest fails at once.
type deadlineBody struct {
	io.ReadCloser
	rc      *http.ResponseController
	after   time.Duration
	metrics *metrics.Metrics
	once    sync.Once
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	switch {
	case err == io.EOF:
		_ = b.rc.SetReadDeadline(time.Time{})
	case err != nil && errors.Is(err, os.ErrDeadlineExceeded):
		b.once.Do(func() { b.metrics.Rejected("body_timeout") })
		return n, &errBodyTimeout{b.after}
	}
	return n, err
}
