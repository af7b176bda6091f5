import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Private build output (gitignored), so a concurrent `npm run build` cannot swap assets under the test server. */
export const BUILD_DIR = process.env.E2E_BUILD_DIR ?? ".cache/e2e-build";

export interface TestServer {
  url: string;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
  /** What the server printed so far. */
  readonly log: string;
  /** Kills the process as `kill -9` would and keeps its DATA_DIR, for a restart on the same data. */
  crash(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a DATA_DIR (after `crash()`); it is not seeded again. */
  dataDir?: string;
  /** "http": GET /verify until it answers (default); "tcp": only a TCP connect, no request at all. */
  ready?: "http" | "tcp";
  /** Listen on this port (from `freePort()`) rather than a new free one: for a PUBLIC_ORIGIN known before the start. */
  port?: number;
}

async function listening(port: number): Promise<boolean> {
  const { connect } = await import("node:net");
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

let built = false;
/** Builds once per test run (skip with E2E_SKIP_BUILD=1 when build/ is fresh). */
export function buildOnce(): void {
  if (
    built ||
    (process.env.E2E_SKIP_BUILD === "1" && existsSync(path.join(ROOT, BUILD_DIR, "server/index.js")))
  ) {
    built = true;
    return;
  }
  execFileSync("npx", ["remix", "vite:build"], {
    cwd: ROOT,
    stdio: "pipe",
    // vitest sets NODE_ENV=test, which would give a development React build.
    env: { ...process.env, NODE_ENV: "production", REMIX_BUILD_DIR: BUILD_DIR },
  });
  built = true;
}

/** What `npm run serve` gives the server: heap limits and --expose-gc, glibc arenas (package.json config). */
function serveSettings(): { NODE_OPTIONS: string; MALLOC_ARENA_MAX: string } {
  const { config } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  return { NODE_OPTIONS: config.serverNodeOptions, MALLOC_ARENA_MAX: config.serverMallocArenaMax };
}

/** The built app on a free loopback port, with its own DATA_DIR (SQLite + folder object store). */
export async function startServer(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<TestServer> {
  buildOnce();
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "co-dong-e2e-"));
  const port = options.port ?? (await freePort());
  const baseEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLISHER_INTERVAL_MS: "300",
    MINIO_ENDPOINT: "",
    PUBLIC_ORIGIN: "",
    ...serveSettings(),
    ...env,
  } as NodeJS.ProcessEnv;
  if (!options.dataDir)
    execFileSync("npx", ["tsx", "scripts/seed.ts"], { cwd: ROOT, env: baseEnv, stdio: "pipe" });
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/@remix-run/serve/dist/cli.js"), path.join(BUILD_DIR, "server/index.js")],
    { cwd: ROOT, env: baseEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout?.on("data", (b) => {
    log += b;
  });
  child.stderr?.on("data", (b) => {
    log += b;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
    if (options.ready === "tcp") {
      if (await listening(port)) break;
    } else {
      try {
        const res = await fetch(`${url}/verify`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    pid: child.pid ?? 0,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      if (process.env.E2E_KEEP_DATA !== "1") rmSync(dataDir, { recursive: true, force: true });
    },
    async crash() {
      if (child.exitCode === null) {
        child.kill("SIGKILL");
        await new Promise((r) => child.once("exit", r));
      }
    },
    get log() {
      return log;
    },
  };
}
