"""HTTP/1.1 over the daemon's Unix socket, with http.client."""

from __future__ import annotations

import http.client
import os
import socket
from typing import Callable, Mapping, Optional

ENV_SOCKET = "CODEXEC_SOCKET"


def default_socket(environ: Optional[Mapping[str, str]] = None,
                   geteuid: Callable[[], int] = os.geteuid) -> str:
    """The socket the client talks to when none is given.

    ``$CODEXEC_SOCKET`` when set (and not ``off``); else the supervisor's
    own default: ``/run/codexec/supervisor.sock`` as root,
    ``$XDG_RUNTIME_DIR/codexec/supervisor.sock`` otherwise, or
    ``$TMPDIR/codexec-<uid>/supervisor.sock`` (``/tmp`` without
    ``$TMPDIR``) when ``XDG_RUNTIME_DIR`` is unset.
    """
    env = os.environ if environ is None else environ
    p = env.get(ENV_SOCKET, "")
    if p and p != "off":
        return p
    uid = geteuid()
    if uid == 0:
        return "/run/codexec/supervisor.sock"
    d = env.get("XDG_RUNTIME_DIR", "")
    if d:
        return os.path.join(d, "codexec", "supervisor.sock")
    return os.path.join(env.get("TMPDIR", "") or "/tmp", f"codexec-{uid}", "supervisor.sock")


class UnixHTTPConnection(http.client.HTTPConnection):
    """An HTTPConnection whose connect() dials a Unix socket."""

    def __init__(self, path: str, timeout: Optional[float] = None) -> None:
        # The host only fills the Host header; the daemon ignores it.
        super().__init__("codexec", timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            if self.timeout is not None:
                s.settimeout(self.timeout)
            s.connect(self.socket_path)
        except BaseException:
            s.close()
            raise
        self.sock = s

    def abort(self) -> None:
        """Shut the connection down from any thread: a read blocked on it
        in another thread returns at once, and the daemon sees the caller
        gone."""
        s = self.sock
        if s is not None:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
