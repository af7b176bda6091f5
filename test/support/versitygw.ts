/**
 * A real S3 server for tests: Versity Gateway (Apache-2.0) on a loopback port over a temp posix
 * directory. Never replaced by a mock: if the binary is missing the tests fail and say how to get it.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { homedir, tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export interface VersityOptions {
  /** Posix root holding the buckets; a fresh temp directory (removed by dispose) when omitted. */
  dir?: string;
  region?: string;
  /** Passes `--versioning-dir` so buckets can be versioned. */
  versioning?: boolean;
  /** Give up waiting for the server after this long. Default 15 s. */
  startTimeoutMs?: number;
}

export interface VersityServer {
  endpoint: string; // host name, as MINIO_ENDPOINT wants it
  port: number;
  url: string;
  accessKey: string;
  secretKey: string;
  region: string;
  dir: string;
  /** Env for createObjectStoreFromEnv (bucket left to the caller). */
  env: Record<string, string>;
  /** Stops the process; `restart()` brings it back on the same port and directory. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** SIGSTOP/SIGCONT: the port still accepts connections but nothing answers (a hung server). */
  /** SIGSTOP: the server keeps its port but answers nothing until resume(). */
  pause(): Promise<void>;
  resume(): void;
  /** Stops and removes the temp directory (if this helper created it). */
  dispose(): Promise<void>;
}

export function findVersityBinary(): string {
  const candidates: string[] = [];
  if (process.env.VERSITYGW_BIN) candidates.push(process.env.VERSITYGW_BIN);
  try {
    const gopath = execFileSync("go", ["env", "GOPATH"], { encoding: "utf8", timeout: 10_000 }).trim();
    for (const p of gopath.split(delimiter)) if (p) candidates.push(join(p, "bin", "versitygw"));
  } catch {
    // go not installed: fall through to the default GOPATH and PATH
  }
  candidates.push(join(homedir(), "go", "bin", "versitygw"));
  for (const p of (process.env.PATH ?? "").split(delimiter)) if (p) candidates.push(join(p, "versitygw"));
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      "versitygw not found (looked at $VERSITYGW_BIN, $(go env GOPATH)/bin, ~/go/bin and PATH). " +
        "Install it with scripts/setup-system.sh or " +
        "`go install github.com/versity/versitygw/cmd/versitygw@v1.7.0`. Tests need a real S3 server.",
    );
  }
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once an HTTP request gets any HTTP answer (403 for anonymous is fine). */
async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    let data = "";
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once("error", () => done(false));
    s.on("data", (d) => {
      data += d.toString("latin1");
      if (data.startsWith("HTTP/")) done(true);
    });
    s.on("close", () => done(data.startsWith("HTTP/")));
    s.connect(port, "127.0.0.1", () => {
      s.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    });
  });
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A crashed test run must not leave gateways listening.
  process.once("exit", () => {
    for (const child of live) child.kill("SIGKILL");
  });
}

export async function startVersity(options: VersityOptions = {}): Promise<VersityServer> {
  const bin = findVersityBinary();
  const ownsDir = !options.dir;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "versitygw-"));
  mkdirSync(dir, { recursive: true });
  // Versions live outside the posix root, or they would show up as a bucket.
  const versionDir = options.versioning ? mkdtempSync(join(tmpdir(), "versitygw-versions-")) : "";
  const port = await freePort();
  const accessKey = `AK${randomBytes(6).toString("hex").toUpperCase()}`;
  const secretKey = randomBytes(20).toString("hex");
  const region = options.region ?? "us-east-1";
  const startTimeoutMs = options.startTimeoutMs ?? 15_000;
  let child: ChildProcess | null = null;
  let stderr = "";

  const launch = async (): Promise<void> => {
    const args = ["--access", accessKey, "--secret", secretKey, "--region", region];
    args.push("--port", `127.0.0.1:${port}`, "--quiet", "posix");
    if (options.versioning) args.push("--versioning-dir", versionDir);
    args.push(dir);
    stderr = "";
    const proc = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
    child = proc;
    live.add(proc);
    installExitHook();
    proc.stderr?.on("data", (d) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    let exited = false;
    proc.once("exit", () => {
      exited = true;
      live.delete(proc);
    });
    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`versitygw exited during start (code ${proc.exitCode}): ${stderr}`);
      if (await answers(port)) {
        // Another test file's gateway may hold the port (free when we picked it): ours then dies
        // on bind within moments. Never run a test against someone else's server.
        await new Promise((r) => setTimeout(r, 100));
        if (exited) throw new Error(`versitygw exited after start (code ${proc.exitCode}): ${stderr}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    proc.kill("SIGKILL");
    throw new Error(`versitygw did not answer on 127.0.0.1:${port} within ${startTimeoutMs} ms: ${stderr}`);
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once("exit", () => r()));
    proc.kill("SIGCONT"); // a paused process cannot handle SIGTERM
    proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
    // The port must be free before restart() binds it again.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (await answers(port))) await new Promise((r) => setTimeout(r, 50));
  };

  await launch();
  const url = `http://127.0.0.1:${port}`;
  return {
    endpoint: "127.0.0.1",
    port,
    url,
    accessKey,
    secretKey,
    region,
    dir,
    env: {
      MINIO_ENDPOINT: "127.0.0.1",
      MINIO_PORT: String(port),
      MINIO_USE_SSL: "false",
      MINIO_ACCESS_KEY: accessKey,
      MINIO_SECRET_KEY: secretKey,
      MINIO_REGION: region,
      MINIO_PUBLIC_URL: url,
    },
    stop,
    async restart() {
      await stop();
      await launch();
    },
    async pause() {
      const proc = child as ChildProcess | null;
      if (!proc?.pid || proc.exitCode !== null) throw new Error(`versitygw is not running: ${stderr}`);
      proc.kill("SIGSTOP");
      // kill() only queues the signal: a request sent at once could still be answered, so wait
      // until the kernel reports the process stopped (state T in /proc/<pid>/stat).
      const deadline = Date.now() + 2000;
      while (!/\) T /.test(readFileSync(`/proc/${proc.pid}/stat`, "utf8"))) {
        if (Date.now() > deadline) throw new Error("versitygw did not stop within 2 s of SIGSTOP");
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    resume() {
      (child as ChildProcess | null)?.kill("SIGCONT");
    },
    async dispose() {
      await stop();
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
      if (versionDir) rmSync(versionDir, { recursive: true, force: true });
    },
  };
}
