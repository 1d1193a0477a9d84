"""The API's JSON as dataclasses.

Each field is the JSON key in snake_case (``resourceUsage`` ->
``resource_usage``, ``_id`` -> ``id``). Building from JSON is tolerant: a
key this client does not know (a newer daemon's) is kept in ``extra``
under its JSON name, and a missing one takes the field's default.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, ClassVar, Dict, List, Optional, Union

_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def snake(key: str) -> str:
    """``resourceUsage`` -> ``resource_usage``; ``_id`` -> ``id``."""
    return _CAMEL.sub(r"_\1", key.lstrip("_")).lower()


def camel(key: str) -> str:
    """``memory_limit`` -> ``memoryLimit``; a key without ``_`` is kept."""
    head, *rest = key.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$")


def parse_time(s: Any) -> Any:
    """An RFC 3339 time (as Go writes it, any number of fraction digits) as
    an aware datetime; anything else is returned as it is."""
    if not isinstance(s, str):
        return s
    m = _TIME.match(s)
    if not m:
        return s
    base, frac, zone = m.groups()
    dt = datetime.strptime(base, "%Y-%m-%dT%H:%M:%S")
    if frac:
        dt = dt.replace(microsecond=int((frac + "000000")[:6]))
    if zone == "Z":
        tz = timezone.utc
    else:
        sign = 1 if zone[0] == "+" else -1
        tz = timezone(sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    return dt.replace(tzinfo=tz)


def _list_of(build: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: [build(x) for x in v] if isinstance(v, list) else v


def _opt(build: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: build(v) if isinstance(v, dict) else v


class _Model:
    # field name -> how to build it from its JSON value
    _convert: ClassVar[Dict[str, Callable[[Any], Any]]] = {}

    @classmethod
    def from_json(cls, data: Dict[str, Any]):
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        kw: Dict[str, Any] = {}
        extra: Dict[str, Any] = {}
        for k, v in (data or {}).items():
            n = snake(k)
            if n in names and n != "extra":
                conv = cls._convert.get(n)
                kw[n] = conv(v) if conv is not None and v is not None else v
            else:
                extra[k] = v
        if "extra" in names:
            kw["extra"] = extra
        return cls(**kw)  # type: ignore[call-arg]


@dataclass
class Log(_Model):
    """One console line."""
    level: str = ""
    message: str = ""
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class ErrorInfo(_Model):
    """Why an execution did not succeed; positions are 1-based in the code as written (0: unknown)."""
    kind: str = ""
    message: str = ""
    line: int = 0
    column: int = 0
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Finding(_Model):
    """One thing validation noticed in the code."""
    rule: str = ""
    severity: str = ""  # block or warn
    message: str = ""
    line: int = 0
    column: int = 0
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Validation(_Model):
    risk_score: float = 0.0
    findings: List[Finding] = field(default_factory=list)
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _convert = {"findings": _list_of(Finding.from_json)}


@dataclass
class ResourceUsage(_Model):
    memory: float = 0.0      # peak memory of the runner, MiB
    timeout: bool = False    # the deadline passed
    cpu_time: float = 0.0    # CPU time of the job, ms
    memory_source: str = ""  # cgroup, process or none
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Result(_Model):
    """The result of one execution (whatever its status).

    ``status`` is one of ok, blocked, invalid, error, timeout, memory,
    output_limit, internal, cancelled; ``output`` the returned value as a
    Python value (None when it is JSON null or the code failed).
    """
    id: str = ""
    success: bool = False
    status: str = ""
    output: Any = None
    logs: List[Log] = field(default_factory=list)
    error: Optional[ErrorInfo] = None
    execution_time: float = 0.0  # ms
    resource_usage: ResourceUsage = field(default_factory=ResourceUsage)
    validation: Validation = field(default_factory=Validation)
    language: str = ""
    code_hash: str = ""
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _convert = {
        "logs": _list_of(Log.from_json),
        "error": _opt(ErrorInfo.from_json),
        "resource_usage": _opt(ResourceUsage.from_json),
        "validation": _opt(Validation.from_json),
    }


@dataclass
class ToolCallRecord(_Model):
    """One tool call as the audit record keeps it (never its arguments)."""
    name: str = ""
    args_sha256: str = ""
    args_bytes: int = 0
    result_bytes: int = 0
    status: str = ""  # ok, or the error code the code got
    duration_ms: float = 0.0
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class ExecutionRecord(_Model):
    """The audit record of one execution (``find_by_id``, ``history``, ...)."""
    id: str = ""
    agent_id: str = ""
    channel_id: str = ""
    language: str = ""
    code_hash: str = ""
    code_length: int = 0
    code_snippet: str = ""
    success: bool = False
    status: str = ""
    output: Any = None
    logs: List[Log] = field(default_factory=list)
    error: Optional[ErrorInfo] = None
    execution_time: float = 0.0  # ms
    memory_usage: float = 0.0    # MiB
    timeout_occurred: bool = False
    risk_score: float = 0.0
    findings: List[Finding] = field(default_factory=list)
    executed_at: Union[datetime, str, None] = None
    host_id: str = ""  # the supervisor that ran it ("" for records older than host ids)
    peer_uid: Optional[int] = None
    peer_gid: Optional[int] = None
    peer_pid: Optional[int] = None
    truncated: Optional[str] = None
    rendered_fields: List[str] = field(default_factory=list)
    tool_calls: List[ToolCallRecord] = field(default_factory=list)
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _convert = {
        "logs": _list_of(Log.from_json),
        "error": _opt(ErrorInfo.from_json),
        "findings": _list_of(Finding.from_json),
        "executed_at": parse_time,
        "tool_calls": _list_of(ToolCallRecord.from_json),
    }


@dataclass
class AgentStats(_Model):
    """An agent's statistics (``get_agent_stats``), of one host or the fleet."""
    agent_id: str = ""
    host_id: Optional[str] = None  # set when the statistics are of one host
    hosts: Dict[str, int] = field(default_factory=dict)  # executions per host id
    total_executions: int = 0
    successes: int = 0
    success_rate: float = 0.0  # successes over the executions not cancelled, in [0, 1]
    avg_time: float = 0.0      # ms
    timeouts: int = 0
    cancelled: int = 0
    languages: Dict[str, int] = field(default_factory=dict)
    statuses: Dict[str, int] = field(default_factory=dict)
    tool_calls: int = 0
    tool_failures: int = 0
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Config(_Model):
    """The runtime settings (``get_config``, ``update_config``)."""
    timeout: int = 0            # default timeout, ms
    memory_limit: int = 0       # default memory limit, MiB
    min_memory_limit: int = 0
    max_memory_limit: int = 0
    capture_console: bool = False
    allow_builtin_modules: bool = False
    max_code_bytes: int = 0
    max_context_bytes: int = 0
    max_output_bytes: int = 0
    max_log_lines: int = 0
    max_log_bytes: int = 0
    risk_threshold: float = 0.0
    pool_size: int = 0
    max_tool_calls: int = 0
    max_tool_arg_bytes: int = 0
    max_tool_result_bytes: int = 0
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Event(_Model):
    """One event of the daemon's event stream (``events``).

    The common fields are always there; the others belong to some types
    only (None otherwise). ``EVENTS_DROPPED`` says ``dropped`` events were
    lost because the reader fell behind.
    """
    type: str = ""
    execution_id: str = ""
    agent_id: str = ""
    channel_id: str = ""
    timestamp: Union[datetime, str, None] = None
    language: Optional[str] = None
    code_hash: Optional[str] = None
    code_length: Optional[int] = None
    timeout: Optional[int] = None       # ms (STARTED)
    memory_limit: Optional[int] = None  # MiB (STARTED)
    status: Optional[str] = None
    execution_time: Optional[float] = None
    memory: Optional[float] = None
    error: Optional[ErrorInfo] = None
    allowed: Optional[bool] = None
    risk_score: Optional[float] = None
    findings: Optional[List[Finding]] = None
    finding: Optional[Finding] = None
    resource: Optional[str] = None
    limit: Optional[int] = None
    used: Optional[int] = None
    message: Optional[str] = None
    hard_kill: Optional[bool] = None
    changes: Optional[Dict[str, Any]] = None
    call_id: Optional[int] = None
    tool: Optional[str] = None
    duration_ms: Optional[float] = None
    args_bytes: Optional[int] = None
    result_bytes: Optional[int] = None
    code: Optional[str] = None
    dropped: Optional[int] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _convert = {
        "timestamp": parse_time,
        "error": _opt(ErrorInfo.from_json),
        "findings": _list_of(Finding.from_json),
        "finding": _opt(Finding.from_json),
    }


@dataclass
class Health(_Model):
    """``GET /healthz``."""
    status: str = ""
    isolation: str = ""
    isolation_mode: str = ""  # root, rootless (a user namespace per runner) or weak
    host_id: str = ""         # the host id this supervisor stamps on its records
    missing: List[str] = field(default_factory=list)
    store: str = ""
    outbox: Dict[str, Any] = field(default_factory=dict)
    running: int = 0
    queued: int = 0
    pool: Optional[Dict[str, Any]] = None
    started: Union[datetime, str, None] = None
    version: str = ""
    revision: str = ""
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _convert = {"started": parse_time}


class Events:
    """The event types, as the seed names them (``Events.CodeExecution.CODE_SECURITY_ISSUE``)."""

    class CodeExecution:
        CODE_EXECUTION_STARTED = "CODE_EXECUTION_STARTED"
        CODE_EXECUTION_COMPLETED = "CODE_EXECUTION_COMPLETED"
        CODE_EXECUTION_FAILED = "CODE_EXECUTION_FAILED"
        CODE_VALIDATION_STARTED = "CODE_VALIDATION_STARTED"
        CODE_VALIDATION_COMPLETED = "CODE_VALIDATION_COMPLETED"
        CODE_SECURITY_ISSUE = "CODE_SECURITY_ISSUE"
        CODE_RESOURCE_LIMIT_EXCEEDED = "CODE_RESOURCE_LIMIT_EXCEEDED"
        CODE_EXECUTION_TIMEOUT = "CODE_EXECUTION_TIMEOUT"
        # additions to the seed's eight
        CONFIG_UPDATED = "CONFIG_UPDATED"
        TOOL_CALL_STARTED = "TOOL_CALL_STARTED"
        TOOL_CALL_COMPLETED = "TOOL_CALL_COMPLETED"
        TOOL_CALL_FAILED = "TOOL_CALL_FAILED"
        # on the stream only, when the reader fell behind
        EVENTS_DROPPED = "EVENTS_DROPPED"
