"""The client of the codexec daemon's socket API."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from datetime import datetime, timezone
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union
from urllib.parse import quote, urlencode

from .errors import (CancelledError, CodexecError, ConnectionLostError, DaemonUnavailableError,
                     ToolError, error_for)
from .transport import UnixHTTPConnection, default_socket
from .types import (AgentStats, Config, Event, ExecutionRecord, Health, Log, Result, camel)

#: A tool handler: gets the arguments the code passed (decoded JSON) and
#: returns the tool's result (anything json.dumps takes), or raises.
Handler = Callable[[Any], Any]

_ANY_OBJECT = {"type": "object"}


class Tool:
    """A tool the code may call as ``tools.<name>(args)``.

    ``handler(args)`` answers each call; ``input_schema`` (JSON Schema, as
    a dict) is what the daemon checks the arguments against before the
    handler sees them; ``output_schema``, when given, is checked against
    the handler's result.
    """

    def __init__(self, handler: Handler, input_schema: Optional[Mapping[str, Any]] = None,
                 description: Optional[str] = None,
                 output_schema: Optional[Mapping[str, Any]] = None) -> None:
        if not callable(handler):
            raise TypeError("Tool: handler must be callable")
        self.handler = handler
        self.input_schema = dict(input_schema) if input_schema is not None else dict(_ANY_OBJECT)
        self.description = description
        self.output_schema = dict(output_schema) if output_schema is not None else None

    def declaration(self, name: str) -> Dict[str, Any]:
        d: Dict[str, Any] = {"name": name, "inputSchema": self.input_schema}
        if self.description:
            d["description"] = self.description
        if self.output_schema is not None:
            d["outputSchema"] = self.output_schema
        return d


ToolsArg = Optional[Mapping[str, Union[Tool, Handler]]]


def _tools(tools: ToolsArg) -> Dict[str, Tool]:
    out: Dict[str, Tool] = {}
    for name, t in (tools or {}).items():
        if isinstance(t, Tool):
            out[name] = t
        elif callable(t):
            out[name] = Tool(t)  # any object as its argument
        else:
            raise TypeError(f"tools[{name!r}]: give a codexec.Tool or a callable")
    return out


def _retry_after(v: Optional[str]) -> Optional[float]:
    try:
        return float(v) if v is not None else None
    except ValueError:
        return None


def _error_from(resp):
    """The exception for an error answer ({"code", "message"}, or the raw body)."""
    raw = resp.read(64 << 10)
    try:
        e = json.loads(raw)
        code, message = e["code"], e.get("message", "")
    except (ValueError, KeyError, TypeError):
        code, message = f"http_{resp.status}", raw.decode("utf-8", "replace").strip()
    return error_for(resp.status, code, message, _retry_after(resp.getheader("Retry-After")))


def _rfc3339(t: Union[datetime, str]) -> str:
    if isinstance(t, str):
        return t
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Client:
    """A client of one codexec daemon (``supervisor serve``).

    ``socket``: the daemon's socket path; without it ``$CODEXEC_SOCKET``,
    else the supervisor's default (see :func:`codexec.default_socket`).
    Each call opens its own connection, so one Client may be used from
    many threads at once.
    """

    def __init__(self, socket: Optional[str] = None) -> None:
        self.socket = socket or default_socket()

    def __repr__(self) -> str:
        return f"codexec.Client(socket={self.socket!r})"

    # --- plumbing -----------------------------------------------------

    def _connect(self, timeout: Optional[float] = None) -> UnixHTTPConnection:
        conn = UnixHTTPConnection(self.socket, timeout=timeout)
        try:
            conn.connect()
        except FileNotFoundError:
            raise DaemonUnavailableError(self.socket, "no such socket") from None
        except ConnectionRefusedError:
            raise DaemonUnavailableError(self.socket, "connection refused: nobody listens there") from None
        except PermissionError:
            raise DaemonUnavailableError(
                self.socket, "permission denied: the socket's mode and group decide who may connect "
                "(`supervisor serve --socket-group GROUP`)") from None
        except OSError as e:
            raise DaemonUnavailableError(self.socket, e.strerror or str(e)) from None
        return conn

    def _send(self, method: str, path: str, body: Any = None,
              timeout: Optional[float] = None) -> Tuple[UnixHTTPConnection, http.client.HTTPResponse]:
        """Sends a request and returns its connection and response (status
        2xx); an error answer is raised as its CodexecError."""
        conn = self._connect(timeout)
        try:
            headers = {}
            data = None
            if body is not None:
                data = json.dumps(body, separators=(",", ":")).encode()
                headers["Content-Type"] = "application/json"
            conn.request(method, path, body=data, headers=headers)
            resp = conn.getresponse()
            if resp.status >= 300:
                raise _error_from(resp)
            return conn, resp
        except BaseException as e:
            conn.close()
            if isinstance(e, (OSError, http.client.HTTPException)) and not isinstance(e, CodexecError):
                raise ConnectionLostError(f"the connection to the supervisor at {self.socket} broke: {e!r}") from e
            raise

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        conn, resp = self._send(method, path, body)
        try:
            raw = resp.read()
        except (OSError, http.client.HTTPException) as e:
            raise ConnectionLostError(f"the connection to the supervisor at {self.socket} broke: {e!r}") from e
        finally:
            conn.close()
        return json.loads(raw) if raw else None

    # --- executions ---------------------------------------------------

    def execute_javascript(self, code: str, context: Optional[Mapping[str, Any]] = None, *,
                           timeout: Optional[int] = None, memory_limit: Optional[int] = None,
                           agent_id: Optional[str] = None, channel_id: Optional[str] = None,
                           tools: ToolsArg = None, on_log: Optional[Callable[[Log], None]] = None,
                           cancel: Optional[threading.Event] = None) -> Result:
        """Runs JavaScript (a function body that may ``await`` and reads
        ``context``) and returns its Result, whatever its status.

        ``timeout`` is in milliseconds and ``memory_limit`` in MiB, as in
        the API (the daemon's defaults when None). ``tools`` maps tool
        names (``"crm.findCustomer"``) to :class:`Tool` (or a bare callable,
        which takes any object). ``on_log`` gets each console line as the
        code writes it. Setting ``cancel`` (a threading.Event) from any
        thread cancels the execution: the daemon kills the runner and
        records it as ``cancelled``, and this call raises CancelledError.
        """
        return self._execute(code, "javascript", context, timeout, memory_limit, agent_id,
                             channel_id, tools, on_log, cancel, False)

    def execute_typescript(self, code: str, context: Optional[Mapping[str, Any]] = None, *,
                           timeout: Optional[int] = None, memory_limit: Optional[int] = None,
                           agent_id: Optional[str] = None, channel_id: Optional[str] = None,
                           tools: ToolsArg = None, on_log: Optional[Callable[[Log], None]] = None,
                           cancel: Optional[threading.Event] = None,
                           experimental_decorators: bool = False) -> Result:
        """Runs TypeScript (types stripped by the daemon); as :meth:`execute_javascript`.
        ``experimental_decorators`` selects TypeScript's experimental decorators."""
        return self._execute(code, "typescript", context, timeout, memory_limit, agent_id,
                             channel_id, tools, on_log, cancel, experimental_decorators)

    def _execute(self, code: str, language: str, context: Any, timeout: Optional[int],
                 memory_limit: Optional[int], agent_id: Optional[str], channel_id: Optional[str],
                 tools: ToolsArg, on_log: Optional[Callable[[Log], None]],
                 cancel: Optional[threading.Event], decorators: bool) -> Result:
        body: Dict[str, Any] = {"code": code, "language": language}
        for k, v in (("context", context), ("timeout", timeout), ("memoryLimit", memory_limit),
                     ("agentId", agent_id), ("channelId", channel_id)):
            if v is not None:
                body[k] = v
        if decorators:
            body["tsExperimentalDecorators"] = True
        handlers = _tools(tools)
        if not handlers and on_log is None and cancel is None:
            return Result.from_json(self._call("POST", "/v1/executions", body))
        if handlers:
            body["tools"] = [t.declaration(n) for n, t in handlers.items()]
        body["stream"] = True
        return self._stream(body, handlers, on_log, cancel)

    def _stream(self, body: Dict[str, Any], handlers: Dict[str, Tool],
                on_log: Optional[Callable[[Log], None]], cancel: Optional[threading.Event]) -> Result:
        # The request, its response and the watcher share the connection:
        # the watcher shuts it down when cancel is set, which wakes the
        # reader, and the daemon, seeing the caller gone, cancels.
        conn = self._connect()
        finished = threading.Event()
        if cancel is not None:
            def watch() -> None:
                while not finished.is_set():
                    if cancel.wait(0.05):
                        conn.abort()
                        return
            threading.Thread(target=watch, name="codexec-cancel", daemon=True).start()
        exec_id: Optional[str] = None

        def broken(e: BaseException) -> CodexecError:
            if cancel is not None and cancel.is_set():
                return CancelledError(exec_id)
            return ConnectionLostError(f"the stream from the supervisor at {self.socket} broke: {e!r}")

        try:
            try:
                conn.request("POST", "/v1/executions", body=json.dumps(body, separators=(",", ":")).encode(),
                             headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
            except (OSError, http.client.HTTPException) as e:
                raise broken(e) from None
            if resp.status >= 300:
                raise _error_from(resp)
            while True:
                try:
                    line = resp.readline()
                    ev = json.loads(line) if line.strip() else None
                except (OSError, ValueError, http.client.HTTPException) as e:
                    raise broken(e) from None
                if not line:
                    break
                if not isinstance(ev, dict):
                    continue
                t = ev.get("type")
                if t == "started":
                    exec_id = ev.get("executionId")
                elif t == "log":
                    # An exception from on_log propagates; closing the
                    # stream then cancels the execution.
                    if on_log is not None:
                        on_log(Log(level=ev.get("level", ""), message=ev.get("message", "")))
                elif t == "tool_call":
                    threading.Thread(target=self._answer, args=(ev, handlers),
                                     name="codexec-tool", daemon=True).start()
                elif t == "result":
                    return Result.from_json(ev.get("result") or {})
            if cancel is not None and cancel.is_set():
                raise CancelledError(exec_id)
            raise ConnectionLostError(f"the stream from the supervisor at {self.socket} ended without a result")
        finally:
            finished.set()
            conn.close()

    def _answer(self, ev: Dict[str, Any], handlers: Dict[str, Tool]) -> None:
        """Runs a tool call's handler and posts its answer."""
        name = ev.get("name", "")
        answer: Dict[str, Any] = {"callId": ev.get("callId", "")}
        tool = handlers.get(name)
        try:
            if tool is None:
                raise ToolError("undeclared", f"the client has no handler for {name}")
            value = tool.handler(ev.get("arguments"))
            answer["result"] = json.loads(json.dumps(value))  # refuse what has no JSON form here
        except ToolError as e:
            answer["error"] = {"code": e.code, "message": e.message}
        except BaseException as e:  # noqa: BLE001 - every failure is the code's ToolError
            answer["error"] = {"code": "tool_failed", "message": f"{type(e).__name__}: {e}"}
        try:
            self._call("POST", f"/v1/executions/{quote(ev.get('executionId', ''), safe='')}/tool-results", answer)
        except CodexecError:
            # The execution ended, or its time ran out: nobody is left to tell.
            pass

    # --- the audit trail ----------------------------------------------

    def find_by_id(self, id: str) -> ExecutionRecord:
        """The audit record of one execution (NotFoundError when there is none)."""
        return ExecutionRecord.from_json(self._call("GET", "/v1/executions/" + quote(id, safe="")))

    def history(self, *, agent_id: Optional[str] = None, channel_id: Optional[str] = None,
                code_hash: Optional[str] = None, status: Optional[str] = None,
                since: Union[datetime, str, None] = None, limit: Optional[int] = None,
                host_id: Optional[str] = None) -> List[ExecutionRecord]:
        """Audit records, newest first, filtered by any of the arguments
        (``since``: a datetime, naive meaning UTC, or an RFC 3339 string;
        ``host_id``: one supervisor's, default every host's)."""
        q: Dict[str, Any] = {}
        for k, v in (("agentId", agent_id), ("channelId", channel_id), ("hostId", host_id),
                     ("codeHash", code_hash), ("status", status), ("limit", limit)):
            if v is not None:
                q[k] = v
        if since is not None:
            q["since"] = _rfc3339(since)
        path = "/v1/executions" + ("?" + urlencode(q) if q else "")
        return [ExecutionRecord.from_json(r) for r in (self._call("GET", path) or {}).get("executions") or []]

    def find_by_code_hash(self, code_hash: str, limit: Optional[int] = None) -> List[ExecutionRecord]:
        """The executions of the code with this SHA-256 (``Result.code_hash``), newest first."""
        return self.history(code_hash=code_hash, limit=limit)

    def get_agent_stats(self, agent_id: str, host_id: Optional[str] = None) -> AgentStats:
        """An agent's statistics, of one host (``host_id``) or the fleet (default)."""
        path = "/v1/agents/" + quote(agent_id, safe="") + "/stats"
        if host_id:
            path += "?" + urlencode({"hostId": host_id})
        return AgentStats.from_json(self._call("GET", path))

    def get_recent_failures(self, agent_id: str, limit: int = 10,
                            host_id: Optional[str] = None) -> List[ExecutionRecord]:
        """An agent's most recent executions that did not succeed, newest
        first, of one host (``host_id``) or the fleet (default)."""
        path = "/v1/agents/" + quote(agent_id, safe="") + "/failures"
        q: Dict[str, Any] = {}
        if limit:
            q["limit"] = int(limit)
        if host_id:
            q["hostId"] = host_id
        if q:
            path += "?" + urlencode(q)
        return [ExecutionRecord.from_json(r) for r in (self._call("GET", path) or {}).get("executions") or []]

    # --- configuration, health, tools -----------------------------------

    def get_config(self) -> Config:
        """The runtime settings."""
        return Config.from_json(self._call("GET", "/v1/config"))

    def update_config(self, changes: Optional[Mapping[str, Any]] = None, /, **kw: Any) -> Config:
        """Changes runtime settings (the seed's updateConfig) and returns the new ones.

        Keys as in the API (``memoryLimit``) or in snake_case
        (``memory_limit``), as a dict, keywords or both:
        ``update_config(timeout=3000, max_tool_calls=50)``. Every key must
        be known and within bounds, or nothing changes (BadRequestError);
        only root and the daemon's admins may (ForbiddenError).
        """
        body = {camel(k): v for k, v in {**dict(changes or {}), **kw}.items()}
        return Config.from_json(self._call("PATCH", "/v1/config", body))

    def health(self) -> Health:
        """``GET /healthz``: status, isolation, store, queue, pool, version."""
        return Health.from_json(self._call("GET", "/healthz"))

    def list_tools(self, agent_id: str = "") -> Dict[str, Any]:
        """``GET /v1/tools``: the code-mode tools (the operator's MCP
        servers') this agent's code may call, with their TypeScript
        declarations (``{"agentId", "declarations", "tools"}``)."""
        return self._call("GET", "/v1/tools?" + urlencode({"agentId": agent_id}))

    # --- events -------------------------------------------------------

    def events(self, types: Optional[Sequence[str]] = None, *,
               timeout: Optional[float] = None) -> "EventStream":
        """The daemon's events as they happen, an iterator of :class:`Event`.

        ``types`` limits them (``Events.CodeExecution.*`` names; all when
        None). The subscription is in place when this returns, so what
        runs afterwards is seen. ``timeout``: seconds to wait for the next
        event before raising TimeoutError (None: wait for ever). Close the
        stream (``with``, ``close()``, or ``break`` then drop it) to stop.
        """
        path = "/v1/events"
        if types:
            path += "?" + urlencode({"type": ",".join(types)})
        conn, resp = self._send("GET", path, timeout=timeout)
        return EventStream(conn, resp)


class EventStream:
    """An open event stream: iterate it for :class:`Event` objects.

    ``close()`` ends it, from any thread: an iteration blocked waiting for
    the next event then stops (StopIteration).
    """

    def __init__(self, conn: UnixHTTPConnection, resp: http.client.HTTPResponse) -> None:
        self._conn = conn
        self._resp = resp
        self._mu = threading.Lock()
        self._reading = False
        self.closed = False

    def __iter__(self) -> Iterator[Event]:
        return self

    def __next__(self) -> Event:
        while True:
            with self._mu:
                if self.closed:
                    raise StopIteration
                self._reading = True
            try:
                line = self._resp.readline()
            except Exception as e:
                if self.closed:
                    raise StopIteration from None
                if isinstance(e, (TimeoutError, socket.timeout)):  # distinct classes before Python 3.10
                    raise TimeoutError(f"no event within the stream's timeout: {e}") from None
                self.close()
                raise ConnectionLostError(f"the event stream broke: {e!r}") from e
            finally:
                with self._mu:
                    self._reading = False
                    if self.closed:
                        self._conn.close()
            if not line:
                self.close()
                raise StopIteration
            if line.strip():
                return Event.from_json(json.loads(line))

    def close(self) -> None:
        """Ends the stream."""
        with self._mu:
            self.closed = True
            self._conn.abort()
            if not self._reading:
                self._conn.close()

    def __enter__(self) -> "EventStream":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
