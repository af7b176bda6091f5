import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request as httpRequest,
  type Server,
} from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DbHandle, openDatabase } from "../../storage/db/connection";
import { PgConnection } from "../../storage/db/postgres/connection";
import { PASSWORD } from "../e2e/browser";
import type { TestServer } from "../e2e/server";
import { TEST_AUDIT_KEY } from "./pg-templates";
import { freePort, type PgCluster, startPostgres } from "./postgres";
import { startVersity, type VersityServer } from "./versitygw";

// Several app nodes from one build on one PostgreSQL database and one S3 store (Versity Gateway),
// as issue 15 deploys them behind a load balancer: each node has its own empty DATA_DIR, so
// nothing a request needs can come from a node's disk. The nodes are the e2e tests' server
// processes (test/e2e/server.ts), started on ports fixed at the first start so that a node killed
// with SIGKILL comes back at the same address.

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The multi-node tests' own build (gitignored), apart from the e2e tests' and `npm run build`'s. */
export const MULTINODE_BUILD_DIR = ".cache/multinode-build";

/** Node names in start order: node 0 is "A". */
export const NODE_NAMES = ["A", "B", "C", "D"] as const;

/** Header the balancer (startBalancer) routes by: a node's name, e.g. `x-codong-node: B`. */
export const NODE_HEADER = "x-codong-node";

export interface Backends {
  /** postgres://… of the cluster's database (fresh, migrated and seeded by scripts/seed.ts). */
  databaseUrl: string;
  versity: VersityServer;
  /** MINIO_BUCKET of every node. */
  bucket: string;
  /** AUDIT_KEY of every node (and of this process, for verifyAuditChain). */
  auditKey: string;
  /** Opens the database for a test's own reads and writes; the caller closes it. */
  open(): DbHandle;
  /** Drops the database (or stops the cluster this helper started) and the gateway. */
  dispose(): Promise<void>;
}

export interface AppNode {
  /** 0-based start order. */
  readonly index: number;
  /** "A", "B"… */
  readonly name: string;
  /** http://127.0.0.1:PORT, the same across restarts. */
  readonly url: string;
  readonly port: number;
  /** The process id of the current start (0 while killed). */
  readonly pid: number;
  /** What the current start printed so far. */
  readonly log: string;
  /** The process runs (started and neither killed nor stopped since). */
  readonly running: boolean;
  /** Running and answered the readiness check since its last start: a balancer sends it requests. */
  readonly ready: boolean;
  /** SIGKILL, as `kill -9` does: no shutdown hook runs, in-flight requests and jobs are cut. */
  kill(): Promise<void>;
  /** Starts the node again on the same port (a new, empty DATA_DIR); resolves once it is ready. */
  restart(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

export interface Cluster {
  backends: Backends;
  nodes: AppNode[];
  /** PUBLIC_ORIGIN of every node: the address startBalancer listens on. */
  publicOrigin: string;
  /** Starts the load balancer at `publicOrigin` (at most once); see startBalancer. */
  balancer(): Promise<Balancer>;
  /** Stops the balancer, every node and the backends; safe to call after a failed start. */
  stop(): Promise<void>;
}

export interface BackendOptions {
  /** Start the gateway with a versioning directory (so every PUT is a version one can count). */
  versioning?: boolean;
  bucket?: string;
}

export interface ClusterOptions extends BackendOptions {
  /** How many app nodes (default 2, at most 4). */
  nodes?: number;
  /** Added to every node's environment. */
  env?: Record<string, string>;
  /** Added to node `index`'s environment after `env` (e.g. its own MINIO_PORT). */
  nodeEnv?: (index: number, backends: Backends) => Record<string, string> | Promise<Record<string, string>>;
}

async function pgDatabase(): Promise<{ url: string; drop: () => void }> {
  const runBase = process.env.TEST_PG_BASE_URL;
  // Under `npm run test:pg` the run's cluster is shared (test/support/pg-global-setup.ts); the
  // benchmark and a plain vitest run start their own.
  const cluster: PgCluster | null = runBase ? null : await startPostgres();
  const base = runBase ?? cluster!.baseUrl;
  const name = `mn_${randomBytes(6).toString("hex")}`;
  try {
    const admin = new PgConnection(`${base}postgres`);
    try {
      admin.exec(`CREATE DATABASE ${name}`);
    } finally {
      admin.close();
    }
  } catch (err) {
    cluster?.stop();
    throw err;
  }
  return {
    url: `${base}${name}`,
    drop() {
      if (cluster) return cluster.stop();
      const a = new PgConnection(`${base}postgres`);
      try {
        a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        a.close();
      }
    },
  };
}

/**
 * One fresh PostgreSQL database, seeded once with scripts/seed.ts (the operator's command, which
 * also migrates), and one Versity Gateway. Throws with the seed's output when it fails.
 */
export async function startBackends(options: BackendOptions = {}): Promise<Backends> {
  const auditKey = process.env.AUDIT_KEY ?? TEST_AUDIT_KEY;
  const db = await pgDatabase();
  let versity: VersityServer | undefined;
  const seedDir = mkdtempSync(path.join(tmpdir(), "co-dong-mn-seed-"));
  try {
    versity = await startVersity({ versioning: options.versioning });
    try {
      execFileSync("npx", ["tsx", "scripts/seed.ts"], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: db.url, AUDIT_KEY: auditKey, DATA_DIR: seedDir },
        stdio: "pipe",
      });
    } catch (err) {
      const e = err as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`scripts/seed.ts failed on PostgreSQL:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
    }
  } catch (err) {
    await versity?.dispose();
    db.drop();
    throw err;
  } finally {
    rmSync(seedDir, { recursive: true, force: true });
  }
  const started = versity;
  return {
    databaseUrl: db.url,
    versity: started,
    bucket: options.bucket ?? "co-dong-mn",
    auditKey,
    open: () => openDatabase(db.url),
    async dispose() {
      await started.dispose();
      db.drop();
    },
  };
}

type E2eServerModule = typeof import("../e2e/server");

/**
 * test/e2e/server.ts, loaded only now: it fixes its build folder from E2E_BUILD_DIR when first
 * imported, and these nodes build into their own unless the caller chose one.
 */
async function e2eServer(): Promise<E2eServerModule> {
  process.env.E2E_BUILD_DIR ??= MULTINODE_BUILD_DIR;
  return import("../e2e/server");
}

/**
 * Builds the app once per test run, even when several test files (processes) start clusters at
 * once: a lock folder serialises them, and a stamp naming the run (the run's PostgreSQL URL,
 * unique per `npm run test:pg`) tells the later ones the build is fresh.
 */
async function buildOncePerRun(server: E2eServerModule): Promise<void> {
  const dir = path.join(ROOT, server.BUILD_DIR);
  const stampFile = path.join(dir, ".multinode-run");
  const stamp = process.env.TEST_PG_BASE_URL ?? `process ${process.pid}`;
  const lock = `${dir}.lock`;
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== "EEXIST") throw err;
      // A lock older than any build is a leftover of a killed run.
      if (Date.now() - statSync(lock).mtimeMs > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${lock} is held for more than 5 minutes`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    const fresh =
      existsSync(path.join(dir, "server/index.js")) &&
      existsSync(stampFile) &&
      readFileSync(stampFile, "utf8") === stamp;
    if (!fresh) {
      server.buildOnce();
      writeFileSync(stampFile, stamp);
    }
    // test/e2e/server.ts builds once per process unless told the build is there.
    process.env.E2E_SKIP_BUILD = "1";
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Resolves once the node answers GET /readyz with 200 (database, store and migrations ready), or,
 * on a build without /readyz (404), GET /healthz with 200. Throws with the last answer after
 * `timeoutMs` (default 60 s).
 */
export async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  for (;;) {
    try {
      let res = await send(`${url}/readyz`);
      if (res.status === 404) res = await send(`${url}/healthz`);
      if (res.status === 200) return;
      last = `${res.status} ${res.body.slice(0, 500)}`;
    } catch (err) {
      last = String(err);
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready within ${timeoutMs} ms: ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

// A new connection per request: a kept-alive socket that the server closes after its idle timeout
// (5 s) fails the next request sent on it, and undici's fetch never retries a POST.
const oneShot = new Agent({ keepAlive: false });

/**
 * One HTTP request on its own connection; rejects only when no answer came (refused, cut). `body`
 * is sent as given (a URLSearchParams as a form).
 */
export function send(
  url: string,
  o: { method?: string; headers?: Record<string, string>; body?: string | URLSearchParams } = {},
): Promise<Answer> {
  const body = o.body === undefined ? undefined : String(o.body);
  const headers = { ...o.headers };
  if (o.body instanceof URLSearchParams) headers["Content-Type"] = "application/x-www-form-urlencoded";
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: o.method ?? "GET", headers, agent: oneShot }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

function appNode(
  index: number,
  port: number,
  env: Record<string, string>,
  server: E2eServerModule,
): AppNode & { start(): Promise<void> } {
  let current: TestServer | null = null;
  let alive = false;
  let ready = false;
  const url = `http://127.0.0.1:${port}`;
  const node = {
    index,
    name: NODE_NAMES[index],
    url,
    port,
    get pid() {
      return alive && current ? current.pid : 0;
    },
    get log() {
      return current?.log ?? "";
    },
    get running() {
      return alive;
    },
    get ready() {
      return alive && ready;
    },
    async start() {
      const dataDir = mkdtempSync(path.join(tmpdir(), `co-dong-node-${NODE_NAMES[index]}-`));
      current = await server.startServer(env, { dataDir, port }).catch((err: unknown) => {
        rmSync(dataDir, { recursive: true, force: true });
        throw err;
      });
      alive = true;
      await waitReady(url).catch((err: Error) => {
        throw new Error(`node ${node.name}: ${err.message}\n${current?.log ?? ""}`);
      });
      ready = true;
    },
    async kill() {
      if (!current || !alive) return;
      alive = false;
      ready = false;
      await current.crash();
      rmSync(current.dataDir, { recursive: true, force: true });
    },
    async restart() {
      await node.kill();
      await node.start();
    },
    async stop() {
      if (!current || !alive) return;
      alive = false;
      ready = false;
      await current.stop();
    },
  };
  return node;
}

/**
 * The backends, then `nodes` app nodes (default 2) from one build, started one after another on
 * fixed free ports, each ready (waitReady) before this resolves. Every node has the same
 * DATABASE_URL, MINIO_*, AUDIT_KEY, PUBLIC_ORIGIN (the balancer's address), APP_NODES and a short
 * PUBLISHER_INTERVAL_MS. On a failed start everything already started is stopped before the throw.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const count = options.nodes ?? 2;
  if (count < 1 || count > NODE_NAMES.length) throw new Error(`1–${NODE_NAMES.length} nodes, not ${count}`);
  const server = await e2eServer();
  await buildOncePerRun(server);
  const backends = await startBackends(options);
  const nodes: (AppNode & { start(): Promise<void> })[] = [];
  let lb: Balancer | null = null;
  const publicOrigin = `http://127.0.0.1:${await freePort()}`;
  const cluster: Cluster = {
    backends,
    nodes,
    publicOrigin,
    async balancer() {
      lb ??= await startBalancer(Number(new URL(publicOrigin).port), nodes);
      return lb;
    },
    async stop() {
      await lb?.close();
      await Promise.allSettled(nodes.map((n) => n.stop()));
      await backends.dispose();
    },
  };
  try {
    // Ports first, so a failed start still leaves every node in `nodes` for stop().
    for (let i = 0; i < count; i++) {
      const env = {
        ...backends.versity.env,
        DATABASE_URL: backends.databaseUrl,
        MINIO_BUCKET: backends.bucket,
        AUDIT_KEY: backends.auditKey,
        PUBLIC_ORIGIN: publicOrigin,
        APP_NODES: String(count),
        PUBLISHER_INTERVAL_MS: "1000",
        NOTIFIER_INTERVAL_MS: "1000",
        ...options.env,
        ...(await options.nodeEnv?.(i, backends)),
      };
      nodes.push(appNode(i, await freePort(), env, server));
    }
    // All at once, as a deploy restarts its nodes: start-up must not race another node's.
    const started = await Promise.allSettled(nodes.map((n) => n.start()));
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}

/**
 * Signs `username` in with the demo password by a form POST to `nodeUrl` (Origin: `origin`, the
 * nodes' PUBLIC_ORIGIN) and returns the session cookie ("cd_session=…"): the session lives in the
 * database, so the cookie works on every node. Throws with the status when no cookie comes back.
 */
export async function signInCookie(nodeUrl: string, origin: string, username: string): Promise<string> {
  const res = await send(`${nodeUrl}/login`, {
    method: "POST",
    headers: { Origin: origin },
    body: new URLSearchParams({ username, password: PASSWORD }),
  });
  const cookie = res.headers["set-cookie"]?.[0]?.split(";")[0];
  if (!cookie) throw new Error(`sign-in of ${username} at ${nodeUrl} failed: ${res.status}`);
  return cookie;
}

export interface Served {
  node: string;
  method: string;
  path: string;
}

export interface Balancer {
  url: string;
  /** Every request the balancer passed on, in arrival order, with the node it went to. */
  readonly served: readonly Served[];
  /** Where a request without NODE_HEADER goes: a node's name, or null for the ready nodes in turn. */
  defaultNode: string | null;
  close(): Promise<void>;
}

/**
 * A minimal reverse proxy on `port`, the nodes' PUBLIC_ORIGIN: a request carrying NODE_HEADER
 * goes to that node (so a test can put each person on the node it wants), any other to
 * `defaultNode` or else to the ready nodes in turn. A node that cannot be reached answers 502.
 */
export async function startBalancer(port: number, nodes: readonly AppNode[]): Promise<Balancer> {
  const served: Served[] = [];
  let turn = 0;
  const byName = (name: string) => nodes.find((n) => n.name === name.toUpperCase());
  const pick = (req: IncomingMessage): AppNode | undefined => {
    const wanted = req.headers[NODE_HEADER];
    if (typeof wanted === "string") return byName(wanted);
    if (balancer.defaultNode) return byName(balancer.defaultNode);
    const up = nodes.filter((n) => n.ready);
    return up[turn++ % Math.max(1, up.length)];
  };
  const srv: Server = createServer((req, res) => {
    const node = pick(req);
    if (!node) {
      res.writeHead(502).end("no such node");
      return;
    }
    served.push({ node: node.name, method: req.method ?? "GET", path: req.url ?? "/" });
    const upstream = httpRequest(
      `${node.url}${req.url ?? "/"}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on("error", (err) => {
      if (!res.headersSent) res.writeHead(502).end(`node ${node.name}: ${err.message}`);
      else res.destroy(err);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(port, "127.0.0.1", () => resolve());
  });
  const balancer: Balancer = {
    url: `http://127.0.0.1:${port}`,
    served,
    defaultNode: null,
    close: () =>
      new Promise<void>((resolve) => {
        srv.closeAllConnections();
        srv.close(() => resolve());
      }),
  };
  return balancer;
}
