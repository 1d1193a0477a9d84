// Starts a real supervisor daemon for the tests: `supervisor serve` on a
// socket and data directory of its own in a temporary directory, from the
// binaries in $CODEXEC_TEST_BIN or the repository's bin/ (make build).

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The directory with the supervisor and runner binaries. */
export function binDir() {
  const dir = process.env.CODEXEC_TEST_BIN || path.resolve(here, "../../../bin");
  if (!existsSync(path.join(dir, "supervisor")) || !existsSync(path.join(dir, "runner"))) {
    throw new Error(`no supervisor and runner in ${dir}: run \`make build\` at the repository's root, or set CODEXEC_TEST_BIN`);
  }
  return dir;
}

/** A fresh temporary directory, short enough for a socket path. */
export function tempDir() {
  return mkdtempSync(path.join(os.tmpdir(), "cxts-"));
}

function healthy(socket) {
  return new Promise((resolve) => {
    const req = http.get({ socketPath: socket, path: "/healthz", headers: { host: "codexec" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 200));
    });
    req.on("error", () => resolve(false));
  });
}

/**
 * Starts `supervisor serve` with extra arguments and waits until it
 * answers /healthz. Without root the runners are contained by the
 * unprivileged layers only (--allow-weak-isolation). With keepDir, stop
 * leaves the directory (a daemon started again there finds its socket
 * path and data).
 */
export async function startDaemon(args = [], { dir = tempDir(), keepDir = false } = {}) {
  const socket = path.join(dir, "s.sock");
  const full = ["serve", "--socket", socket, "--data-dir", path.join(dir, "data"), ...args];
  if (process.geteuid?.() !== 0) full.push("--allow-weak-isolation");
  const child = spawn(path.join(binDir(), "supervisor"), full, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => {
    if (stderr.length < 64 << 10) stderr += d;
  });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  let gone = false;
  exited.then(() => (gone = true));
  for (let i = 0; i < 300; i++) {
    if (gone) throw new Error(`supervisor serve exited at start:\n${stderr}`);
    if (await healthy(socket)) break;
    if (i === 299) {
      child.kill("SIGKILL");
      throw new Error(`supervisor serve did not answer on ${socket} within 30 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    socket,
    dir,
    stderr: () => stderr,
    /** SIGKILL: the daemon dies at once, leaving its socket file behind. */
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    /** SIGTERM, then waits for the daemon to exit; removes its directory. */
    async stop() {
      if (!gone) child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 30_000);
      const how = await exited;
      clearTimeout(t);
      if (!keepDir) rmSync(dir, { recursive: true, force: true });
      return how;
    },
  };
}

/** Polls fn until it returns something other than null or undefined (at most tries × 100 ms). */
export async function eventually(fn, tries = 100) {
  for (let i = 0; ; i++) {
    const v = await fn();
    if (v !== null && v !== undefined) return v;
    if (i >= tries) throw new Error("gave up waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
