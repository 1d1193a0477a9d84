"""Errors of the codexec client.

Every error answer of the daemon is ``{"code", "message"}`` with a stable
``code``; the client raises the class for that code (all subclasses of
:class:`CodexecError`, which carries ``code``, ``message`` and the HTTP
``status``). A code this client does not know yet is a plain
:class:`CodexecError` with that code.
"""

from __future__ import annotations

from typing import Dict, Optional, Type


class CodexecError(Exception):
    """An error from the codexec daemon, or from talking to it."""

    def __init__(self, code: str, message: str, status: Optional[int] = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


class BadRequestError(CodexecError):
    """400 ``bad_request``: malformed JSON, an unknown field, a bad query parameter."""


class ForbiddenError(CodexecError):
    """403 ``forbidden`` (the caller's uid may not do this) or ``browser_refused``."""


class NotFoundError(CodexecError):
    """404 ``not_found``."""


class MethodNotAllowedError(CodexecError):
    """405 ``method_not_allowed``."""


class RequestTimeoutError(CodexecError):
    """408 ``request_timeout``: the request body did not arrive in time."""


class PayloadTooLargeError(CodexecError):
    """413 ``payload_too_large``."""


class _RetryAfter(CodexecError):
    def __init__(self, code: str, message: str, status: Optional[int] = None,
                 retry_after: Optional[float] = None) -> None:
        super().__init__(code, message, status)
        #: seconds the daemon asks to wait before trying again (its
        #: Retry-After header), or None when it gave none.
        self.retry_after = retry_after


class OverloadedError(_RetryAfter):
    """429 ``overloaded``: every execution slot and the queue are taken; see ``retry_after``."""


class UnavailableError(_RetryAfter):
    """503 ``unavailable``: the daemon is stopping, or its store is unreachable."""


class TooManyConnectionsError(_RetryAfter):
    """503 ``too_many_connections``: the daemon serves as many connections as its cap allows."""


class InternalError(CodexecError):
    """500 ``internal``."""


class DaemonUnavailableError(CodexecError, ConnectionError):
    """No daemon answers on the socket (or the caller may not connect to it)."""

    def __init__(self, socket_path: str, reason: str) -> None:
        msg = (f"no codexec supervisor answers on {socket_path} ({reason}); "
               "start one with `sudo supervisor serve` (or `supervisor serve --socket PATH`), "
               "or point CODEXEC_SOCKET or Client(socket=...) at the socket of one that runs")
        super().__init__("daemon_unavailable", msg)
        self.socket = socket_path


class ConnectionLostError(CodexecError, ConnectionError):
    """The connection to the daemon broke before its answer was complete."""

    def __init__(self, message: str) -> None:
        super().__init__("connection_lost", message)


class CancelledError(CodexecError):
    """The caller cancelled the execution (the ``cancel`` event was set).

    The daemon killed the runner and recorded the execution as
    ``cancelled``; ``execution_id`` names its record (``find_by_id``).
    """

    def __init__(self, execution_id: Optional[str]) -> None:
        super().__init__("cancelled", "the execution was cancelled by its caller" +
                         (f" ({execution_id})" if execution_id else ""))
        self.execution_id = execution_id


class ToolError(Exception):
    """A tool's failure, as the code sees it.

    Raise it from a tool handler to fail the call with your own ``code``:
    the code gets a ``ToolError`` with that ``code`` and ``message``
    (``catch (e) { if (e instanceof ToolError && e.code === 'not_found') ... }``).
    Any other exception from a handler reaches the code as ``tool_failed``.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


_BY_CODE: Dict[str, Type[CodexecError]] = {
    "bad_request": BadRequestError,
    "forbidden": ForbiddenError,
    "browser_refused": ForbiddenError,
    "not_found": NotFoundError,
    "method_not_allowed": MethodNotAllowedError,
    "request_timeout": RequestTimeoutError,
    "payload_too_large": PayloadTooLargeError,
    "overloaded": OverloadedError,
    "unavailable": UnavailableError,
    "too_many_connections": TooManyConnectionsError,
    "internal": InternalError,
}


def error_for(status: int, code: str, message: str, retry_after: Optional[float]) -> CodexecError:
    """The exception for an error answer."""
    cls = _BY_CODE.get(code, CodexecError)
    if issubclass(cls, _RetryAfter):
        return cls(code, message, status, retry_after)
    return cls(code, message, status)
