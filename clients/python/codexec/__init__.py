"""codexec: the Python client of the codexec daemon (``supervisor serve``).

Standard library only: HTTP/1.1 over the daemon's Unix socket.

    import codexec
    c = codexec.Client()                       # $CODEXEC_SOCKET, else the default socket
    r = c.execute_javascript("return context.n * 2", {"n": 21}, agent_id="demo")
    print(r.status, r.output)                  # ok 42
"""

from .client import Client, EventStream, Handler, Tool
from .errors import (BadRequestError, CancelledError, CodexecError, ConnectionLostError,
                     DaemonUnavailableError, ForbiddenError, InternalError, MethodNotAllowedError,
                     NotFoundError, OverloadedError, PayloadTooLargeError, RequestTimeoutError,
                     ToolError, TooManyConnectionsError, UnavailableError)
from .transport import ENV_SOCKET, default_socket
from .types import (AgentStats, Config, ErrorInfo, Event, Events, ExecutionRecord, Finding, Health,
                    Log, ResourceUsage, Result, ToolCallRecord, Validation)

__version__ = "0.1.0"

#: The statuses an execution may end with.
STATUSES = ("ok", "blocked", "invalid", "error", "timeout", "memory", "output_limit", "internal",
            "cancelled")

__all__ = [
    "Client", "EventStream", "Handler", "Tool", "default_socket", "ENV_SOCKET", "STATUSES",
    "AgentStats", "Config", "ErrorInfo", "Event", "Events", "ExecutionRecord", "Finding", "Health",
    "Log", "ResourceUsage", "Result", "ToolCallRecord", "Validation",
    "CodexecError", "BadRequestError", "ForbiddenError", "NotFoundError", "MethodNotAllowedError",
    "RequestTimeoutError", "PayloadTooLargeError", "OverloadedError", "UnavailableError",
    "TooManyConnectionsError", "InternalError", "DaemonUnavailableError", "ConnectionLostError",
    "CancelledError", "ToolError",
]
