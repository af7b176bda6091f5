import { randomBytes } from "node:crypto";
import { mkdir, statfs, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { settings } from "../../config/env.server";
import { isObjectStoreError } from "../../storage/objects/index.server";
import { auditCheckStatus } from "../lib/audit-check.server";
import { storageFault } from "../lib/errors.server";
import { appDb, appObjectStore } from "../lib/stores.server";

// GET /healthz — for the operator's monitoring, no sign-in: 200 {"ok":true,…} when the server can
// do its work, else 503 with each part's state and a `problems` list naming what is wrong. It says
// only states and codes (SQLITE_READONLY, ENOSPC, UNAVAILABLE…): no path, host, key, user or
// asset. It changes nothing a user can see: the database check takes the write lock and gives it
// back, the object folder check writes and removes one small file, and S3 gets one HEAD request.
// Concurrent probes share one check.

/** Below this much free space on the database's or the object folder's disk, writes are about to fail. */
const MIN_FREE_BYTES = 64 * 1024 * 1024;
const S3_TIMEOUT_MS = 3000;

interface Part {
  ok: boolean;
  state: string;
  code?: string;
}

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

async function checkDb(): Promise<Part> {
  try {
    const { sqlite, path: file } = appDb();
    sqlite.prepare("SELECT 1").get();
    const pages = sqlite.pragma("page_count", { simple: true }) as number;
    const maxPages = sqlite.pragma("max_page_count", { simple: true }) as number;
    if (pages >= maxPages) return { ok: false, state: "full", code: "SQLITE_FULL" };
    // The write lock, given straight back: refused on a read-only file, mount or connection.
    if (!sqlite.inTransaction) {
      sqlite.exec("BEGIN IMMEDIATE");
      sqlite.exec("ROLLBACK");
    }
    if (file !== ":memory:") {
      const low = await lowSpace(path.dirname(file));
      if (low) return low;
    }
    return { ok: true, state: "ok" };
  } catch (e) {
    return faultPart(e);
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
    const { sqlite } = appDb();
    // A job due this long ago should have been picked up: nobody is publishing.
    const before = new Date(Date.now() - Math.max(10 * interval, 5 * 60_000)).toISOString();
    const r = sqlite
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

async function report() {
  const [db, objects] = await Promise.all([checkDb(), checkObjects()]);
  const parts = { db, objects, publisher: checkPublisher(), auditChain: checkAudit() };
  const problems: Problem[] = Object.entries(parts)
    .filter(([, p]) => !p.ok)
    .map(([part, p]) => ({ part, state: p.state, ...(p.code ? { code: p.code } : {}) }));
  return { ok: problems.length === 0, ...parts, ...(problems.length ? { problems } : {}) };
}

let inFlight: ReturnType<typeof report> | null = null;

export async function loader() {
  inFlight ??= report().finally(() => {
    inFlight = null;
  });
  const body = await inFlight;
  return new Response(JSON.stringify(body), {
    status: body.ok ? 200 : 503,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
