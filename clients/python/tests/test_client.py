"""The codexec client against a real daemon (tests/daemon.py).

The daemon runs one execution at a time with one waiting (--max-concurrent
1 --max-queue 1), so that the overloaded test can fill it.
"""

from __future__ import annotations

import hashlib
import os
import socket
import tempfile
import threading
import time
import unittest
import uuid
from datetime import datetime, timedelta, timezone

import codexec
from codexec import Events

from .daemon import Daemon

DAEMON: Daemon
C: codexec.Client


def setUpModule() -> None:
    global DAEMON, C
    DAEMON = Daemon(["--max-concurrent", "1", "--max-queue", "1", "--host-id", "py-host"])
    C = DAEMON.client


def tearDownModule() -> None:
    DAEMON.stop()


def agent() -> str:
    """A fresh agent id, so that each test reads only its own records."""
    return "py-" + uuid.uuid4().hex[:12]


class ExecuteTest(unittest.TestCase):
    def test_javascript_value_from_context(self) -> None:
        code = "return context.n * 2"
        r = C.execute_javascript(code, {"n": 21}, agent_id=agent())
        self.assertIsInstance(r, codexec.Result)
        self.assertEqual((r.status, r.success, r.output), ("ok", True, 42))
        self.assertEqual(r.language, "javascript")
        self.assertEqual(r.code_hash, hashlib.sha256(code.encode()).hexdigest())
        self.assertTrue(r.id.startswith("exec_"), r.id)
        self.assertIsInstance(r.resource_usage, codexec.ResourceUsage)
        self.assertFalse(r.resource_usage.timeout)
        self.assertIsInstance(r.validation, codexec.Validation)
        self.assertEqual(r.logs, [])
        self.assertIsNone(r.error)

    def test_typescript(self) -> None:
        r = C.execute_typescript("interface P { x: number }\nconst p: P = { x: 2 }\nreturn p.x as number * 3")
        self.assertEqual((r.status, r.output, r.language), ("ok", 6, "typescript"))

    def test_context_absent_is_empty_object(self) -> None:
        r = C.execute_javascript("return Object.keys(context).length")
        self.assertEqual(r.output, 0)

    def test_error_and_timeout_statuses(self) -> None:
        r = C.execute_javascript("throw new RangeError('too far')")
        self.assertEqual((r.status, r.success), ("error", False))
        self.assertIsInstance(r.error, codexec.ErrorInfo)
        self.assertEqual(r.error.kind, "error")
        self.assertIn("too far", r.error.message)

        r = C.execute_javascript("while (true) {}", timeout=300)
        self.assertEqual(r.status, "timeout")
        self.assertTrue(r.resource_usage.timeout)

    def test_logs_in_result_and_as_they_come(self) -> None:
        code = "console.log('one'); console.warn('two', 2); return 1"
        r = C.execute_javascript(code)
        self.assertEqual([(l.level, l.message) for l in r.logs], [("log", "one"), ("warn", "two 2")])

        seen = []
        r = C.execute_javascript(code, on_log=seen.append)
        self.assertEqual(r.output, 1)
        self.assertEqual([(l.level, l.message) for l in seen], [("log", "one"), ("warn", "two 2")])
        self.assertEqual(seen, r.logs)

    def test_memory_limit_and_agent_channel_reach_the_record(self) -> None:
        a = agent()
        r = C.execute_javascript("return 1", memory_limit=64, agent_id=a, channel_id="chan-1")
        rec = C.find_by_id(r.id)
        self.assertEqual((rec.agent_id, rec.channel_id), (a, "chan-1"))

    def test_result_keeps_unknown_fields(self) -> None:
        r = codexec.Result.from_json({"status": "ok", "output": [1], "someNewField": {"a": 1},
                                      "resourceUsage": {"memory": 3.5, "gpuTime": 9}})
        self.assertEqual(r.output, [1])
        self.assertEqual(r.extra, {"someNewField": {"a": 1}})
        self.assertEqual(r.resource_usage.memory, 3.5)
        self.assertEqual(r.resource_usage.extra, {"gpuTime": 9})


class AuditTest(unittest.TestCase):
    def test_find_by_id(self) -> None:
        a = agent()
        r = C.execute_javascript("return 'x'", agent_id=a)
        rec = C.find_by_id(r.id)
        self.assertIsInstance(rec, codexec.ExecutionRecord)
        self.assertEqual((rec.id, rec.agent_id, rec.status, rec.output, rec.code_hash),
                         (r.id, a, "ok", "x", r.code_hash))
        self.assertIsInstance(rec.executed_at, datetime)
        self.assertLess(abs(datetime.now(timezone.utc) - rec.executed_at), timedelta(minutes=5))
        self.assertEqual(rec.peer_pid, os.getpid())

    def test_find_by_id_unknown(self) -> None:
        with self.assertRaises(codexec.NotFoundError) as cm:
            C.find_by_id("exec_does_not_exist")
        self.assertEqual((cm.exception.code, cm.exception.status), ("not_found", 404))

    def test_find_by_code_hash_and_history(self) -> None:
        a = agent()
        code = f"return '{a}'"
        ids = [C.execute_javascript(code, agent_id=a).id for _ in range(2)]
        other = C.execute_javascript("throw new Error('no')", agent_id=a)
        found = C.find_by_code_hash(hashlib.sha256(code.encode()).hexdigest())
        self.assertEqual([x.id for x in found], ids[::-1])  # newest first

        self.assertEqual([x.id for x in C.history(agent_id=a)], [other.id] + ids[::-1])
        self.assertEqual([x.id for x in C.history(agent_id=a, limit=1)], [other.id])
        self.assertEqual([x.id for x in C.history(agent_id=a, status="error")], [other.id])
        self.assertEqual(C.history(agent_id=a, since=datetime.now(timezone.utc) + timedelta(hours=1)), [])

    def test_agent_stats_and_recent_failures(self) -> None:
        a = agent()
        C.execute_javascript("return 1", agent_id=a)
        C.execute_typescript("const n: number = 1; return n", agent_id=a)
        bad = [C.execute_javascript(f"throw new Error('e{i}')", agent_id=a).id for i in range(3)]
        s = C.get_agent_stats(a)
        self.assertIsInstance(s, codexec.AgentStats)
        self.assertEqual((s.agent_id, s.total_executions, s.successes), (a, 5, 2))
        self.assertAlmostEqual(s.success_rate, 0.4)
        self.assertEqual(s.languages, {"javascript": 4, "typescript": 1})
        self.assertEqual(s.statuses, {"ok": 2, "error": 3})
        self.assertGreaterEqual(s.avg_time, 0)
        self.assertEqual(s.hosts, {"py-host": 5})
        self.assertIsNone(s.host_id)
        on = C.get_agent_stats(a, host_id="py-host")
        self.assertEqual((on.host_id, on.total_executions), ("py-host", 5))
        self.assertEqual(C.get_agent_stats(a, host_id="elsewhere").total_executions, 0)
        self.assertEqual(C.get_recent_failures(a, host_id="elsewhere"), [])
        self.assertEqual(C.history(agent_id=a, host_id="elsewhere"), [])
        self.assertEqual({x.host_id for x in C.history(agent_id=a)}, {"py-host"})
        h = C.health()
        self.assertEqual(h.host_id, "py-host")
        self.assertIn(h.isolation_mode, ("root", "rootless", "weak"))

        self.assertEqual([x.id for x in C.get_recent_failures(a)], bad[::-1])
        self.assertEqual([x.id for x in C.get_recent_failures(a, limit=2)], bad[:0:-1])


class ConfigTest(unittest.TestCase):
    def test_get_and_update(self) -> None:
        before = C.get_config()
        self.assertIsInstance(before, codexec.Config)
        self.assertGreater(before.timeout, 0)
        self.assertGreater(before.max_tool_calls, 0)
        try:
            after = C.update_config(max_tool_calls=before.max_tool_calls + 1, timeout=before.timeout + 1)
            self.assertEqual((after.max_tool_calls, after.timeout),
                             (before.max_tool_calls + 1, before.timeout + 1))
            after = C.update_config({"maxToolCalls": before.max_tool_calls + 2})
            self.assertEqual(after.max_tool_calls, before.max_tool_calls + 2)
            self.assertEqual(C.get_config().max_tool_calls, before.max_tool_calls + 2)

            with self.assertRaises(codexec.BadRequestError):
                C.update_config(no_such_setting=1)
            with self.assertRaises(codexec.BadRequestError):
                C.update_config(timeout=-5)
            self.assertEqual(C.get_config().max_tool_calls, before.max_tool_calls + 2)
        finally:
            C.update_config(max_tool_calls=before.max_tool_calls, timeout=before.timeout)
        self.assertEqual(C.get_config(), before)


class ErrorsTest(unittest.TestCase):
    def test_bad_request(self) -> None:
        with self.assertRaises(codexec.BadRequestError) as cm:
            C.execute_javascript("return 1", timeout="soon")  # type: ignore[arg-type]
        e = cm.exception
        self.assertEqual((e.code, e.status), ("bad_request", 400))
        self.assertIn("timeout", e.message)
        self.assertIsInstance(e, codexec.CodexecError)

        with self.assertRaises(codexec.BadRequestError):
            C.history(status="bogus")

    def test_daemon_down(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            missing = codexec.Client(os.path.join(d, "none.sock"))
            with self.assertRaises(codexec.DaemonUnavailableError) as cm:
                missing.execute_javascript("return 1")
            self.assertIn("supervisor serve", str(cm.exception))
            self.assertIn(missing.socket, str(cm.exception))
            self.assertIsInstance(cm.exception, ConnectionError)

            # A socket file nobody listens on (a daemon that died).
            path = os.path.join(d, "dead.sock")
            s = socket.socket(socket.AF_UNIX)
            s.bind(path)
            s.close()
            with self.assertRaises(codexec.DaemonUnavailableError) as cm:
                codexec.Client(path).get_config()
            self.assertIn("refused", str(cm.exception))

    def test_overloaded(self) -> None:
        # One slot, one place in the queue: an execution waiting on its
        # tool holds the slot, a second waits, a third is refused.
        release = threading.Event()
        entered = threading.Event()

        def hold(_args):
            entered.set()
            release.wait(60)
            return "released"

        results = {}

        def run(key, code, **kw):
            results[key] = C.execute_javascript(code, timeout=30000, **kw)

        a = threading.Thread(target=run, args=("held", "return await tools.hold({})"),
                             kwargs={"tools": {"hold": hold}})
        a.start()
        try:
            self.assertTrue(entered.wait(30), "the holding execution never called its tool")
            b = threading.Thread(target=run, args=("queued", "return 'queued'"))
            b.start()
            deadline = time.monotonic() + 30
            while C.health().queued < 1:
                self.assertLess(time.monotonic(), deadline, "the second execution never queued")
                time.sleep(0.02)
            with self.assertRaises(codexec.OverloadedError) as cm:
                C.execute_javascript("return 'refused'")
            self.assertEqual((cm.exception.code, cm.exception.status), ("overloaded", 429))
            self.assertIsNotNone(cm.exception.retry_after)
            self.assertGreater(cm.exception.retry_after, 0)
        finally:
            release.set()
            a.join(60)
        b.join(60)
        self.assertEqual(results["held"].output, "released")
        self.assertEqual(results["queued"].output, "queued")

    def test_default_socket(self) -> None:
        ds = codexec.default_socket
        self.assertEqual(ds({"CODEXEC_SOCKET": "/x/s.sock"}, lambda: 1000), "/x/s.sock")
        self.assertEqual(ds({}, lambda: 0), "/run/codexec/supervisor.sock")
        self.assertEqual(ds({"CODEXEC_SOCKET": "off"}, lambda: 0), "/run/codexec/supervisor.sock")
        self.assertEqual(ds({"XDG_RUNTIME_DIR": "/run/user/1000"}, lambda: 1000),
                         "/run/user/1000/codexec/supervisor.sock")
        self.assertEqual(ds({}, lambda: 1000), "/tmp/codexec-1000/supervisor.sock")
        self.assertEqual(ds({"TMPDIR": "/var/tmp"}, lambda: 7), "/var/tmp/codexec-7/supervisor.sock")

    def test_socket_from_environment(self) -> None:
        old = os.environ.get("CODEXEC_SOCKET")
        os.environ["CODEXEC_SOCKET"] = DAEMON.socket
        try:
            c = codexec.Client()
            self.assertEqual(c.socket, DAEMON.socket)
            self.assertEqual(c.execute_javascript("return 5").output, 5)
        finally:
            if old is None:
                del os.environ["CODEXEC_SOCKET"]
            else:
                os.environ["CODEXEC_SOCKET"] = old


def record(eid: str) -> codexec.ExecutionRecord:
    """The record of a cancelled execution: the daemon writes it once the
    runner is gone, moments after the caller left."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return C.find_by_id(eid)
        except codexec.NotFoundError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class CancelTest(unittest.TestCase):
    def test_cancel_kills_and_records_cancelled(self) -> None:
        a = agent()
        cancel = threading.Event()
        start = time.monotonic()
        # The code says it runs, then spins until its 30 s deadline; the
        # first log line cancels it.
        with self.assertRaises(codexec.CancelledError) as cm:
            C.execute_javascript("console.log('running'); while (true) {}", timeout=30000, agent_id=a,
                                 on_log=lambda _l: cancel.set(), cancel=cancel)
        self.assertLess(time.monotonic() - start, 25, "cancel did not end the call before the deadline")
        eid = cm.exception.execution_id
        self.assertTrue(eid and eid.startswith("exec_"), eid)
        rec = record(eid)
        self.assertEqual((rec.status, rec.agent_id), ("cancelled", a))
        self.assertEqual(C.get_agent_stats(a).cancelled, 1)

    def test_cancel_while_a_tool_call_waits(self) -> None:
        cancel = threading.Event()

        def slow(_args):
            cancel.set()
            time.sleep(60)

        with self.assertRaises(codexec.CancelledError) as cm:
            C.execute_javascript("await tools.slow({}); return 1", timeout=30000,
                                 tools={"slow": slow}, cancel=cancel)
        self.assertEqual(record(cm.exception.execution_id).status, "cancelled")
        # The daemon serves on: its one slot is free again.
        self.assertEqual(C.execute_javascript("return 'after'").output, "after")

    def test_on_log_exception_propagates_and_cancels(self) -> None:
        class Stop(Exception):
            pass

        seen = []

        def on_log(log):
            seen.append(log.message)
            raise Stop()

        a = agent()
        with self.assertRaises(Stop):
            C.execute_javascript("console.log('go'); while (true) {}", timeout=30000, agent_id=a, on_log=on_log)
        self.assertEqual(seen, ["go"])
        deadline = time.monotonic() + 30
        while not C.history(agent_id=a):
            self.assertLess(time.monotonic(), deadline, "no record of the abandoned execution")
            time.sleep(0.02)
        self.assertEqual(C.history(agent_id=a)[0].status, "cancelled")

    def test_unset_cancel_changes_nothing(self) -> None:
        r = C.execute_javascript("return 7", cancel=threading.Event())
        self.assertEqual(r.output, 7)


class EventsTest(unittest.TestCase):
    def test_events_of_an_execution(self) -> None:
        a = agent()
        with C.events(timeout=30) as stream:
            r = C.execute_javascript("return 1", agent_id=a)
            seen = []
            for ev in stream:
                self.assertIsInstance(ev, codexec.Event)
                if ev.execution_id != r.id:
                    continue
                seen.append(ev)
                if ev.type == Events.CodeExecution.CODE_EXECUTION_COMPLETED:
                    break
        types = [e.type for e in seen]
        self.assertEqual(types, [Events.CodeExecution.CODE_VALIDATION_STARTED,
                                 Events.CodeExecution.CODE_VALIDATION_COMPLETED,
                                 Events.CodeExecution.CODE_EXECUTION_STARTED,
                                 Events.CodeExecution.CODE_EXECUTION_COMPLETED])
        done = seen[-1]
        self.assertEqual((done.status, done.agent_id), ("ok", a))
        self.assertIsInstance(done.timestamp, datetime)
        self.assertIsNotNone(done.execution_time)
        self.assertTrue(stream.closed)

    def test_types_filter_and_failed_and_config(self) -> None:
        want = [Events.CodeExecution.CODE_EXECUTION_FAILED, Events.CodeExecution.CONFIG_UPDATED]
        cfg = C.get_config()
        try:
            with C.events(want, timeout=30) as stream:
                C.execute_javascript("return 1")  # COMPLETED: not asked for
                r = C.execute_javascript("throw new Error('x')")
                C.update_config(max_log_lines=cfg.max_log_lines + 1)
                got = [next(stream), next(stream)]
        finally:
            C.update_config(max_log_lines=cfg.max_log_lines)
        for ev in got:
            self.assertIn(ev.type, want)
        failed = [e for e in got if e.type == Events.CodeExecution.CODE_EXECUTION_FAILED]
        self.assertEqual([e.execution_id for e in failed], [r.id])
        self.assertEqual(failed[0].error.kind, "error")
        upd = [e for e in got if e.type == Events.CodeExecution.CONFIG_UPDATED]
        self.assertEqual(len(upd), 1)
        self.assertEqual(upd[0].changes, {"maxLogLines": cfg.max_log_lines + 1})

    def test_unknown_type_refused(self) -> None:
        with self.assertRaises(codexec.BadRequestError):
            C.events(["NO_SUCH_EVENT"])

    def test_timeout_and_close_from_another_thread(self) -> None:
        with C.events(["CODE_SECURITY_ISSUE"], timeout=0.3) as stream:
            with self.assertRaises(TimeoutError):
                next(stream)
        stream = C.events(["CODE_SECURITY_ISSUE"])
        threading.Timer(0.2, stream.close).start()
        self.assertEqual(list(stream), [])


class ToolsTest(unittest.TestCase):
    def test_handlers_values_and_errors(self) -> None:
        calls = []

        def find(args):
            calls.append(args)
            return {"name": "Ana", "orders": 21, "email": args["email"]}

        def missing(_args):
            raise codexec.ToolError("not_found", "no such customer")

        def broken(_args):
            raise KeyError("oops")

        a = agent()
        code = """
        const c = await tools.crm.findCustomer({ email: 'ana@example.com' })
        let nf, br, bad
        try { await tools.crm.missing({}) } catch (e) { nf = [e instanceof ToolError, e.code, e.message] }
        try { await tools.crm.broken({}) } catch (e) { br = [e instanceof ToolError, e.code] }
        try { await tools.crm.findCustomer({ email: 7 }) } catch (e) { bad = [e instanceof ToolError, e.code] }
        const n = await tools.nothing()
        return { orders: c.orders * 2, email: c.email, nf, br, bad, n }
        """
        r = C.execute_javascript(code, agent_id=a, tools={
            "crm.findCustomer": codexec.Tool(
                find, {"type": "object", "properties": {"email": {"type": "string"}}, "required": ["email"]},
                description="Find a customer by email"),
            "crm.missing": codexec.Tool(missing, {"type": "object"}),
            "crm.broken": broken,            # a bare callable: any object
            "nothing": lambda _args: None,   # JSON null
        })
        self.assertEqual(r.status, "ok", r.error)
        self.assertEqual(r.output, {
            "orders": 42, "email": "ana@example.com",
            "nf": [True, "not_found", "no such customer"],
            "br": [True, "tool_failed"],
            "bad": [True, "invalid_arguments"],
            "n": None,
        })
        # The call with bad arguments never reached the handler.
        self.assertEqual(calls, [{"email": "ana@example.com"}])
        rec = C.find_by_id(r.id)
        self.assertEqual([(t.name, t.status) for t in rec.tool_calls], [
            ("crm.findCustomer", "ok"), ("crm.missing", "not_found"), ("crm.broken", "tool_failed"),
            ("crm.findCustomer", "invalid_arguments"), ("nothing", "ok")])
        s = C.get_agent_stats(a)
        self.assertEqual((s.tool_calls, s.tool_failures), (5, 3))

    def test_calls_in_parallel_each_in_its_thread(self) -> None:
        # Four calls in flight at once: each handler waits until all four
        # have arrived, which only works when they run concurrently.
        barrier = threading.Barrier(4, timeout=30)

        def wait(args):
            barrier.wait()
            return args["i"] * 10

        r = C.execute_javascript("return await Promise.all([0, 1, 2, 3].map(i => tools.wait({ i })))",
                                 timeout=30000, tools={"wait": wait})
        self.assertEqual((r.status, r.output), ("ok", [0, 10, 20, 30]), r.error)

    def test_output_schema_and_unserialisable_result(self) -> None:
        code = """
        let a, b
        try { await tools.count({}) } catch (e) { a = e.code }
        try { await tools.weird({}) } catch (e) { b = [e.code, e.message.includes('JSON')] }
        return [a, b]
        """
        r = C.execute_javascript(code, tools={
            "count": codexec.Tool(lambda _a: "not a number", {"type": "object"},
                                  output_schema={"type": "integer"}),
            "weird": lambda _a: object(),
        })
        self.assertEqual(r.output, ["invalid_result", ["tool_failed", True]], r.error)

    def test_bad_tool_name_is_invalid(self) -> None:
        r = C.execute_javascript("return 1", tools={"not a name": lambda _a: 1})
        self.assertEqual(r.status, "invalid")
        self.assertIn("not a name", r.error.message)

    def test_tool_must_be_callable(self) -> None:
        with self.assertRaises(TypeError):
            C.execute_javascript("return 1", tools={"x": 42})  # type: ignore[dict-item]


if __name__ == "__main__":
    unittest.main()
