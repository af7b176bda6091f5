import { randomBytes } from "node:crypto";
import { mkdir, statfs, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { settings } from "../../config/env.server";
import { MIGRATIONS } from "../../storage/db/migrate";
import type { SqlConnection } from "../../storage/db/sql-connection";
import { isObjectStoreError } from "../../storage/objects/index.server";
import { auditCheckStatus } from "./audit-check.server";
import { storageFault } from "./errors.server";
import { appDb, appObjectStore } from "./stores.server";

// The load balancer's two probes (app/routes/healthz.tsx and readyz.tsx), for the operator's
// monitoring too; no sign-in. They say only states and codes (SQLITE_READONLY, 25006, ENOSPC,
// UNAVAILABLE…): no path, host, key, user or asset. The readiness check changes nothing a user
// can see: the database check takes the write lock (SQLite) or opens a transaction (PostgreSQL)
// and gives it back, the object folder check writes and removes one small file, and S3 gets one
// HEAD request. Concurrent probes share one check.

/** Below this much free space on the database's or the object folder's disk, writes are about to fail. */
const MIN_FREE_BYTES = 64 * 1024 * 1024;
const S3_TIMEOUT_MS = 3000;

type Part = ReadinessPart;

type Problem = { part: string; state: string; code?: string };

const codeOf = (e: unknown): string | undefined => {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === "string" ? c : undefined;
};

function faultPart(e: unknown): Part {
  const f = storageFault(e);
  if (f) return { ok: false, state: f.state, code: f.code };
  return { ok: false, state: "unavailable", code: codeOf(e) ?? "ERROR" };
}

async function lowSpace(dir: string): Promise<Part | null> {
  const s = await statfs(dir);
  return s.bavail * s.bsize < MIN_FREE_BYTES ? { ok: false, state: "low_space", code: "DISK_LOW" } : null;
}

/** SQLite: the file's page limit, the write lock (given straight back) and its disk's free space. */
async function checkSqlite(conn: SqlConnection, file: string): Promise<Part> {
  const sqlite = conn as unknown as BetterSqlite3.Database;
  const pages = sqlite.pragma("page_count", { simple: true }) as number;
  const maxPages = sqlite.pragma("max_page_count", { simple: true }) as number;
  if (pages >= maxPages) return { ok: false, state: "full", code: "SQLITE_FULL" };
  // Refused on a read-only file, mount or connection.
  if (!conn.inTransaction) {
    conn.exec("BEGIN IMMEDIATE");
    conn.exec("ROLLBACK");
  }
  if (file !== ":memory:") {
    const low = await lowSpace(path.dirname(file));
    if (low) return low;
  }
  return { ok: true, state: "ok" };
}

/**
 * PostgreSQL: a transaction opened as the app opens its own, asked whether it may write (not on a
 * hot standby, not with default_transaction_read_only), and rolled back. Its disk is the server's
 * to watch: a full one shows as 53100 on the next write.
 */
function checkPostgres(conn: SqlConnection): Part {
  if (conn.inTransaction) return { ok: true, state: "ok" };
  conn.exec("BEGIN");
  let readOnly: unknown;
  try {
    readOnly = conn.prepare("SELECT current_setting('transaction_read_only')").pluck().get();
  } finally {
    conn.exec("ROLLBACK");
  }
  return readOnly === "on" ? { ok: false, state: "readonly", code: "25006" } : { ok: true, state: "ok" };
}

async function checkDb(): Promise<Part> {
  try {
    const { conn, path: file, dialect } = appDb();
    conn.prepare("SELECT 1").get();
    return dialect === "sqlite" ? await checkSqlite(conn, file) : checkPostgres(conn);
  } catch (e) {
    return faultPart(e);
  }
}

/**
 * Every migration this code knows is recorded: a node whose code is newer than the database (or
 * that looks while another node is still migrating, or after a restore from an older backup) must
 * not take requests its code would send to tables that are not there yet.
 */
function checkMigrations(): Part & { pending?: number } {
  try {
    const { conn } = appDb();
    const done = new Set(conn.prepare("SELECT id FROM schema_migrations").pluck().all());
    const pending = MIGRATIONS.filter((m) => !done.has(m.id)).length;
    if (pending) return { ok: false, state: "pending", code: "MIGRATIONS_PENDING", pending };
    return { ok: true, state: "ok" };
  } catch (e) {
    return { ok: false, state: "unknown", code: codeOf(e) ?? "ERROR" };
  }
}

async function checkObjects(): Promise<Part & { kind?: string }> {
  let store: ReturnType<typeof appObjectStore>;
  try {
    store = appObjectStore();
  } catch (e) {
    return { ok: false, state: "config", code: codeOf(e) ?? "CONFIG" };
  }
  if (store.kind === "folder") {
    const probe = path.join(store.root, `.healthz-${randomBytes(6).toString("hex")}`);
    try {
      // A fresh install has no folder yet: the store makes it on its first write, and so do we.
      await writeFile(probe, "ok").catch(async (e: unknown) => {
        if (codeOf(e) !== "ENOENT") throw e;
        await mkdir(store.root, { recursive: true });
        await writeFile(probe, "ok");
      });
      await unlink(probe);
      const low = await lowSpace(store.root);
      return low ? { kind: "folder", ...low } : { kind: "folder", ok: true, state: "ok" };
    } catch (e) {
      await unlink(probe).catch(() => {});
      return { kind: "folder", ...faultPart(e) };
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error("timeout"), { code: "TIMEOUT" })),
        S3_TIMEOUT_MS,
      );
    });
    await Promise.race([store.stat("healthz/probe"), timeout]);
    return { kind: "s3", ok: true, state: "ok" };
  } catch (e) {
    const code = isObjectStoreError(e) ? e.code : (codeOf(e) ?? "ERROR");
    return { kind: "s3", ok: false, state: "unreachable", code };
  } finally {
    clearTimeout(timer);
  }
}

function checkPublisher(): Part & { failedJobs?: number } {
  const { enabled, intervalMs: interval } = settings().publisher;
  const loop = (globalThis as { [k: symbol]: { stopped?: boolean } | undefined })[
    Symbol.for("co-dong.publisher")
  ];
  const running = Boolean(loop && !loop.stopped);
  let overdue = 0;
  let failedJobs = 0;
  try {
    const { conn } = appDb();
    // A job due this long ago should have been picked up: nobody is publishing.
    const before = new Date(Date.now() - Math.max(10 * interval, 5 * 60_000)).toISOString();
    const r = conn
      .prepare(
        `SELECT sum(CASE WHEN (status = 'pending' AND available_at <= ?) OR (status = 'processing' AND locked_until <= ?)
                    THEN 1 ELSE 0 END) AS overdue,
                sum(CASE WHEN status = 'dead' THEN 1 ELSE 0 END) AS dead
           FROM outbox`,
      )
      .get(before, before) as { overdue: number | null; dead: number | null };
    overdue = r.overdue ?? 0;
    failedJobs = r.dead ?? 0;
  } catch (e) {
    return { ok: false, state: "unknown", code: codeOf(e) ?? "ERROR" };
  }
  // PUBLISHER=0: another process publishes; only jobs left waiting say it does not.
  const state = enabled && !running ? "not_running" : overdue > 0 ? "stalled" : enabled ? "running" : "off";
  const ok = state === "running" || state === "off";
  return { ok, state, ...(failedJobs ? { failedJobs } : {}) };
}

function checkAudit(): Part {
  try {
    const s = auditCheckStatus();
    if (s.ok) return { ok: true, state: "intact" };
    const unchecked = s.code === "key_missing" || s.code === "error";
    return { ok: false, state: unchecked ? "unchecked" : "broken", code: s.code };
  } catch (e) {
    return { ok: false, state: "unchecked", code: codeOf(e) ?? "ERROR" };
  }
}

async function report(): Promise<ReadinessReport> {
  const [db, objects] = await Promise.all([checkDb(), checkObjects()]);
  const parts = {
    db,
    migrations: checkMigrations(),
    objects,
    publisher: checkPublisher(),
    auditChain: checkAudit(),
  };
  const failing = (names: (keyof typeof parts)[]): Problem[] =>
    names
      .filter((name) => !parts[name].ok)
      .map((part) => ({
        part,
        state: parts[part].state,
        ...(parts[part].code ? { code: parts[part].code } : {}),
      }));
  // Only what this node needs to serve a request decides readiness. A stalled publisher or a
  // broken audit chain is the same on every node: failing readiness for it would take all nodes
  // out of the load balancer at once, so they are reported (for monitoring) but do not fail it.
  const problems = failing(["db", "migrations", "objects"]);
  const warnings = failing(["publisher", "auditChain"]);
  return {
    ok: problems.length === 0,
    ...parts,
    ...(problems.length ? { problems } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
}

let inFlight: Promise<ReadinessReport> | null = null;

/** One part's answer: `ok`, a state word, and the code behind a failure. */
export interface ReadinessPart {
  ok: boolean;
  state: string;
  code?: string;
}

/**
 * The readiness report: ok when every part is; each part's state (db, migrations, objects,
 * publisher, auditChain), and `problems` ({part, state, code?}) naming every part of db, migrations
 * and objects that is not; publisher and auditChain problems are `warnings` only.
 * Probes that arrive while one is running share its answer.
 */
export interface ReadinessReport {
  ok: boolean;
  db: ReadinessPart;
  migrations: ReadinessPart & { pending?: number };
  objects: ReadinessPart & { kind?: string };
  publisher: ReadinessPart & { failedJobs?: number };
  auditChain: ReadinessPart;
  problems?: Problem[];
  /** Publisher and audit-chain parts that are not ok: for monitoring, they do not fail readiness. */
  warnings?: Problem[];
}

/** Runs the readiness checks (or joins the run in flight); never throws. */
export function readinessReport(): Promise<ReadinessReport> {
  inFlight ??= report().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** A probe's JSON answer: never cached, never sniffed. */
export function probeResponse(body: { ok: boolean }): Response {
  return new Response(JSON.stringify(body), {
    status: body.ok ? 200 : 503,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
