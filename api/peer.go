package api

import (
	"context"
	"errors"
	"net"

	"golang.org/x/sys/unix"

	"codexec/service"
)

type peerKey struct{}

// withPeer is the server's ConnContext: it reads the connecting process's
// credentials (SO_PEERCRED) once per connection, so that every request on
// it knows who is calling.
func withPeer(ctx context.Context, c net.Conn) context.Context {
	// A wrapped connection (the connection cap's) is looked through.
	for {
		w, ok := c.(interface{ NetConn() net.Conn })
		if !ok {
			break
		}
		c = w.NetConn()
	}
	uc, ok := c.(*net.UnixConn)
	if !ok {
		return ctx
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return ctx
	}
	var cred *unix.Ucred
	var cerr error
	if err := raw.Control(func(fd uintptr) {
		cred, cerr = unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED)
	}); err != nil || cerr != nil || cred == nil {
		return ctx
	}
	return context.WithValue(ctx, peerKey{}, &service.Peer{UID: int(cred.Uid), GID: int(cred.Gid), PID: int(cred.Pid)})
}

var errNoPeer = errors.New("api: the caller's credentials are unknown")

// PeerFrom returns the caller of a request.
func PeerFrom(ctx context.Context) (*service.Peer, error) {
	p, ok := ctx.Value(peerKey{}).(*service.Peer)
	if !ok {
		return nil, errNoPeer
	}
	return p, nil
}
