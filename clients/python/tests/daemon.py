"""A real codexec daemon for the tests: bin/supervisor serve on a socket in
a temporary directory, with its own data directory.

The binaries come from $CODEXEC_TEST_BIN (a directory holding supervisor
and runner), else the repository's bin/ (``make build``). As root the
daemon runs fully isolated; otherwise with --allow-weak-isolation.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from typing import List, Optional

import codexec

HERE = os.path.dirname(os.path.abspath(__file__))


def bin_dir() -> str:
    d = os.environ.get("CODEXEC_TEST_BIN") or os.path.join(HERE, "..", "..", "..", "bin")
    d = os.path.abspath(d)
    for exe in ("supervisor", "runner"):
        if not os.access(os.path.join(d, exe), os.X_OK):
            raise RuntimeError(f"no {exe} in {d}: run `make build` at the repository's root, "
                               "or set CODEXEC_TEST_BIN to a directory holding supervisor and runner")
    return d


class Daemon:
    """``supervisor serve`` in a temporary directory; stop() ends it."""

    def __init__(self, extra_args: Optional[List[str]] = None) -> None:
        self.dir = tempfile.mkdtemp(prefix="codexec-py-")
        self.socket = os.path.join(self.dir, "s.sock")
        b = bin_dir()
        args = [os.path.join(b, "supervisor"), "serve", "--socket", self.socket,
                "--data-dir", os.path.join(self.dir, "data"), "--runner", os.path.join(b, "runner")]
        if os.geteuid() != 0:
            args.append("--allow-weak-isolation")
        args += extra_args or []
        self.log_path = os.path.join(self.dir, "daemon.log")
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        self.client = codexec.Client(self.socket)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the daemon exited with {self.proc.returncode}:\n{self.log()}")
            try:
                if self.client.health().status == "ok":
                    break
            except codexec.DaemonUnavailableError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the daemon did not answer within 60 s:\n{self.log()}")
            time.sleep(0.05)

    def log(self) -> str:
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self) -> None:
        """SIGTERM (it drains and exits 0), SIGKILL if it does not within 30 s."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
