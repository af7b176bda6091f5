import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { markPublished } from "../workflows/service";
import { getAsset, getVersion, getVersionFile, sha256Hex } from "./assets";
import { type DbHandle, getDb } from "./db/connection";
import type { FileKind } from "./db/schema";
import { immediate } from "./db/sync";
import { getObjectStore, ObjectStoreError, objectKey } from "./objects/index.server";
import type { ObjectStore } from "./objects/types";
import {
  claimOutbox,
  completeOutbox,
  failOutbox,
  getOutboxJob,
  type OutboxJob,
  renewOutboxLease,
} from "./outbox";
import { approvedHashFromSnapshot, auditEventFor } from "./publisher/approval";
import {
  listPublishedObjects,
  type PublishedObject,
  recordPublishedObject,
  withdrawPublishedObjects,
} from "./publisher/published-objects";

// Approved print files travel SQLite → object store through the outbox: the APPROVE transaction
// enqueued the job, so the only thing that can go wrong here is the trip itself. Everything below
// is safe to repeat: uploads are skipped when the key already holds the same bytes, and the
// "published" transition, the object rows and the job completion commit together or not at all.
// See docs/decisions/060-publisher.md.

export { listPublishedObjects, type PublishedObject } from "./publisher/published-objects";

export const PUBLISH_KIND = "publish_asset";
export const UNPUBLISH_KIND = "unpublish_asset";

/** What workflows/service.ts enqueues on APPROVE. */
export interface PublishPayload {
  assetId: string;
  code: string;
  versionId: string;
  versionHash: string;
}

/** What workflows/service.ts enqueues on REVOKE. */
export interface UnpublishPayload extends PublishPayload {
  wasPublished: boolean;
}

const PUBLISHED_KINDS: readonly Exclude<FileKind, "svg">[] = ["pdf", "png"];
const CONTENT_TYPES: Record<Exclude<FileKind, "svg">, string> = { pdf: "application/pdf", png: "image/png" };
/** Five years of 365.25 days: the archive period the commune keeps approved material for. */
export const DEFAULT_RETENTION_DAYS = 1826;
/**
 * A claim lasts this long unless its worker is alive to renew it: a live worker renews every
 * third of it (see `renewOutboxLease`), so a slow upload keeps its job, and a job of a killed
 * process is taken over within this time after a restart.
 */
export const DEFAULT_LEASE_MS = 30_000;

export type PublisherLog = (level: "info" | "warn" | "error", message: string) => void;

export interface PublisherOptions {
  db: DbHandle;
  store: ObjectStore;
  /** Fixed clock for tests; otherwise the wall clock is read at each step. */
  now?: Date;
  workerId?: string;
  /** Jobs per run (default 10). */
  limit?: number;
  leaseMs?: number;
  /** Days after approval the uploaded files stay undeletable; default PUBLISH_RETENTION_DAYS or 1826. */
  retentionDays?: number;
  log?: PublisherLog;
}

export interface PublisherRunResult {
  /** Jobs that ended with the asset published (or found already published). */
  published: number;
  /** Jobs that failed this run and were rescheduled (or given up, for non-retryable errors). */
  failed: number;
  /** Publish jobs still outstanding after the run (pending or claimed). */
  pending: number;
  /** Publish jobs closed without publishing (asset revoked meanwhile, job no longer current). */
  skipped: number;
  /** Revoke jobs applied (print-shop access withdrawn). */
  withdrawn: number;
}

/** Thrown by the publisher itself; `retryable` mirrors ObjectStoreError so one check covers both. */
export class PublishError extends Error {
  constructor(
    readonly code: "INTEGRITY" | "KEY_CONFLICT" | "NOT_APPROVED" | "LEASE_LOST",
    message: string,
  ) {
    super(message);
    this.name = "PublishError";
  }
  get retryable(): boolean {
    return false;
  }
}

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export function retentionDaysFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PUBLISH_RETENTION_DAYS?.trim();
  if (!raw) return DEFAULT_RETENTION_DAYS;
  const n = Number(raw);
  // A typo must not silently publish without retention, nor stop the publisher: fall back loudly.
  if (!Number.isInteger(n) || n < 0) {
    console.warn(
      `PUBLISH_RETENTION_DAYS=${JSON.stringify(raw)} is not a whole number of days; using ${DEFAULT_RETENTION_DAYS}`,
    );
    return DEFAULT_RETENTION_DAYS;
  }
  return n;
}

function isRetryable(err: unknown): boolean {
  if (err instanceof ObjectStoreError) return err.retryable || err.code === "NO_BUCKET";
  const code = (err as { code?: unknown } | null)?.code;
  // Another connection holding the write lock past busy_timeout: nothing wrong with the job.
  if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") return true;
  // The workflow refuses a concurrent write with CONFLICT; the next attempt re-reads the row.
  return (err as { name?: unknown } | null)?.name === "WorkflowError" && code === "CONFLICT";
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return `${typeof code === "string" ? `${code}: ` : ""}${err.message}`;
  }
  return String(err);
}

interface Ctx {
  db: DbHandle;
  store: ObjectStore;
  workerId: string;
  clock: () => Date;
  retentionDays: number;
  log: PublisherLog;
  bucketReady: Promise<void> | null;
}

interface Uploaded {
  kind: Exclude<FileKind, "svg">;
  key: string;
  sha256: string;
  size: number;
  etag: string;
  retainedUntil: string | null;
  reused: boolean;
}

async function ensureBucket(ctx: Ctx): Promise<void> {
  if (!ctx.bucketReady) {
    const p = ctx.store.ensureBucket().then(() => undefined);
    ctx.bucketReady = p;
    // An outage must not be remembered for the rest of the run's other jobs' retry decisions.
    p.catch(() => {
      if (ctx.bucketReady === p) ctx.bucketReady = null;
    });
  }
  return ctx.bucketReady;
}

/**
 * Stat first: after a crash the key may already hold this exact file, possibly under retention,
 * where a second PUT would be refused (and on a versioned bucket would add a needless version).
 */
async function uploadOne(
  ctx: Ctx,
  kind: Exclude<FileKind, "svg">,
  key: string,
  bytes: Buffer,
  sha256: string,
  metadata: Record<string, string>,
  retainUntil: Date | undefined,
  /** The approved file itself: read back in full rather than trusted from a HEAD. */
  primary: boolean,
): Promise<Uploaded> {
  const existing = await ctx.store.stat(key);
  if (existing) {
    if (existing.sha256 !== sha256 || existing.size !== bytes.length) {
      throw new PublishError(
        "KEY_CONFLICT",
        `${key} already holds different bytes (sha-256 ${existing.sha256 ?? "unknown"}, expected ${sha256})`,
      );
    }
    // get() re-hashes the body against the recorded sha-256, so a reused print file is byte-checked too.
    if (primary) await ctx.store.get(key);
    return {
      kind,
      key,
      sha256,
      size: existing.size,
      etag: existing.etag,
      retainedUntil: existing.retainUntil?.toISOString() ?? null,
      reused: true,
    };
  }
  let res: Awaited<ReturnType<ObjectStore["put"]>>;
  try {
    res = await ctx.store.put(key, bytes, {
      contentType: CONTENT_TYPES[kind],
      metadata,
      retainUntil,
      // The print file is what the shop prints: read it back rather than trust a HEAD.
      verify: primary ? "read" : "stat",
    });
  } catch (err) {
    // Another worker (one that took over an expired lease) may have stored the same file between
    // our stat and our PUT; retention then refuses the overwrite, which is not a failure.
    if (err instanceof ObjectStoreError && (err.code === "RETENTION" || err.code === "ACCESS_DENIED")) {
      const now = await ctx.store.stat(key);
      if (now?.sha256 === sha256 && now.size === bytes.length) {
        return {
          kind,
          key,
          sha256,
          size: now.size,
          etag: now.etag,
          retainedUntil: now.retainUntil?.toISOString() ?? null,
          reused: true,
        };
      }
    }
    throw err;
  }
  if (res.sha256 !== sha256) {
    throw new PublishError("INTEGRITY", `${key}: stored sha-256 ${res.sha256} ≠ ${sha256}`);
  }
  return {
    kind,
    key,
    sha256: res.sha256,
    size: res.size,
    etag: res.etag,
    retainedUntil: res.retainedUntil?.toISOString() ?? null,
    reused: false,
  };
}

type Outcome = "published" | "skipped";

/** Closes a job without publishing, when there is nothing (left) to publish. */
function closeJob(ctx: Ctx, job: OutboxJob, why: string): Outcome {
  if (!completeOutbox(ctx.db, job.id, ctx.workerId, ctx.clock())) {
    throw new PublishError("LEASE_LOST", `job ${job.id} was claimed by another worker`);
  }
  ctx.log("info", `publish job ${job.id} closed without publishing: ${why}`);
  return "skipped";
}

async function publishJob(ctx: Ctx, job: OutboxJob<PublishPayload>): Promise<Outcome> {
  const { db } = ctx;
  const p = job.payload;
  const asset = getAsset(db, p.assetId);
  if (!asset) return closeJob(ctx, job, `asset ${p.assetId} not found`);
  if (asset.state === "revoked") return closeJob(ctx, job, "asset revoked before upload");
  if (asset.state !== "approved" && asset.state !== "published") {
    return closeJob(ctx, job, `asset is ${asset.state}`);
  }
  if (asset.currentVersionId !== p.versionId || asset.currentVersionHash !== p.versionHash) {
    return closeJob(ctx, job, "job is for a version that is no longer current");
  }
  const approvedHash = approvedHashFromSnapshot(asset.snapshotJson);
  if (approvedHash !== p.versionHash) {
    throw new PublishError("NOT_APPROVED", `approved hash ${approvedHash} ≠ job hash ${p.versionHash}`);
  }
  const version = getVersion(db, p.versionId);
  // The approved file: the print PDF, or for screen formats (social, LED) the PNG.
  const pdf = getVersionFile(db, p.versionId, "pdf");
  const png = getVersionFile(db, p.versionId, "png");
  const primary = pdf ?? png;
  const primaryKind = pdf ? "pdf" : "png";
  if (!version || !primary)
    throw new PublishError("INTEGRITY", `version ${p.versionId} has no file to publish`);
  // The bytes in SQLite must still be the bytes that were approved.
  if (sha256Hex(primary.bytes) !== version.contentHash || version.contentHash !== p.versionHash) {
    throw new PublishError(
      "INTEGRITY",
      `stored ${primaryKind} of ${asset.code} v${version.n} does not match its content hash`,
    );
  }
  const plan = db.sqlite.prepare("SELECT year FROM plans WHERE id = ?").get(asset.planId) as
    | { year: number }
    | undefined;
  const approval = auditEventFor(db.sqlite, version.id, "APPROVE");
  if (!plan || !approval)
    throw new PublishError("INTEGRITY", `${asset.code}: plan or approval record missing`);

  const retainUntil =
    ctx.retentionDays > 0 ? new Date(Date.parse(approval.at) + ctx.retentionDays * 86_400_000) : undefined;
  const contentItem = asset.contentItemCode ?? "cd";
  const uploaded: Uploaded[] = [];
  for (const kind of PUBLISHED_KINDS) {
    const file = kind === "pdf" ? pdf : png;
    if (!file) continue;
    const bytes = Buffer.from(file.bytes);
    const sha256 = sha256Hex(bytes);
    if (sha256 !== file.sha256) {
      throw new PublishError(
        "INTEGRITY",
        `stored ${kind} of ${asset.code} v${version.n} does not match its sha-256`,
      );
    }
    const key = objectKey({
      year: plan.year,
      contentItem,
      assetId: asset.id,
      version: version.n,
      format: asset.formatId,
      ext: kind,
    });
    // Values may be Vietnamese; the store encodes them (RFC 2047) for the ASCII-only headers.
    const metadata: Record<string, string> = {
      "asset-id": asset.id,
      "asset-code": asset.code,
      version: String(version.n),
      "file-kind": kind,
      format: asset.formatId,
      "content-item": contentItem,
      "approved-sha256": version.contentHash,
      "approved-by": approval.displayName ?? approval.userId ?? "",
      "approved-by-id": approval.userId ?? "",
      "approved-at": approval.at,
      "verify-code": version.verifyCode,
    };
    await ensureBucket(ctx);
    uploaded.push(
      await uploadOne(ctx, kind, key, bytes, sha256, metadata, retainUntil, kind === primaryKind),
    );
  }
  const primaryKey = uploaded.find((u) => u.kind === primaryKind)!.key;

  const now = ctx.clock();
  const at = now.toISOString();
  let published = false;
  immediate(db.sqlite, () => {
    // Re-read inside the write lock: a revoke or another worker may have acted during the upload.
    const fresh = getAsset(db, asset.id)!;
    const revoked = fresh.state === "revoked";
    for (const u of uploaded) {
      recordPublishedObject(db.sqlite, {
        versionId: version.id,
        kind: u.kind,
        assetId: asset.id,
        key: u.key,
        sha256: u.sha256,
        size: u.size,
        etag: u.etag,
        retainedUntil: u.retainedUntil,
        uploadedAt: at,
        withdrawnAt: revoked ? at : null,
        withdrawnReason: revoked ? "revoked during upload" : null,
      });
    }
    if (fresh.state === "approved" && fresh.currentVersionHash === p.versionHash) {
      markPublished(db, {
        assetId: asset.id,
        versionHash: p.versionHash,
        comment: `Đã lưu file in: ${primaryKey}`,
        now,
      });
      published = true;
    } else if (fresh.state === "published") {
      published = true;
    }
    // The fence: a worker whose lease expired (and whose job someone else now holds) rolls back
    // everything above, so "published" is applied by exactly one of them.
    if (!completeOutbox(db, job.id, ctx.workerId, now)) {
      throw new PublishError("LEASE_LOST", `job ${job.id} was claimed by another worker`);
    }
  });
  const reused = uploaded.filter((u) => u.reused).length;
  ctx.log(
    "info",
    `${asset.code} v${version.n}: ${published ? "published" : "stored (revoked meanwhile)"} → ${primaryKey}` +
      (reused ? ` (${reused} file(s) already in the store)` : ""),
  );
  return published ? "published" : "skipped";
}

function unpublishJob(ctx: Ctx, job: OutboxJob<UnpublishPayload>): void {
  const now = ctx.clock();
  immediate(ctx.db.sqlite, () => {
    // Objects stay in the store as the audit copy (and retention forbids deleting them anyway);
    // print-access refuses withdrawn rows, so no new link is ever issued for them.
    const n = withdrawPublishedObjects(ctx.db.sqlite, job.payload.assetId, now.toISOString(), "revoked");
    if (!completeOutbox(ctx.db, job.id, ctx.workerId, now)) {
      throw new PublishError("LEASE_LOST", `job ${job.id} was claimed by another worker`);
    }
    ctx.log("info", `${job.payload.code}: print access withdrawn (${n} object(s))`);
  });
}

/**
 * A retryable failure (store down, slow, bucket missing) must never exhaust the job's attempts:
 * an outage over a weekend would otherwise leave an approved asset unpublished for good.
 */
function recordFailure(ctx: Ctx, job: OutboxJob, err: unknown): boolean {
  const message = errorText(err);
  if (isRetryable(err)) {
    ctx.db.sqlite
      .prepare(
        `UPDATE outbox SET max_attempts = attempts + 1
         WHERE id = ? AND status = 'processing' AND locked_by = ? AND max_attempts <= attempts`,
      )
      .run(job.id, ctx.workerId);
  }
  const res = failOutbox(ctx.db, job.id, ctx.workerId, message, ctx.clock());
  ctx.log(
    isRetryable(err) ? "warn" : "error",
    `${job.kind} job ${job.id} (attempt ${job.attempts}) failed: ${message}` +
      (res ? ` → ${res.status}, next attempt ${res.availableAt}` : " (claim already lost)"),
  );
  return res !== null;
}

function countOutstanding(db: DbHandle): number {
  const r = db.sqlite
    .prepare("SELECT count(*) AS n FROM outbox WHERE kind = ? AND status IN ('pending','processing')")
    .get(PUBLISH_KIND) as { n: number };
  return r.n;
}

/** One pass: applies due revokes, then uploads and publishes due approvals. Never throws for a job. */
export async function runPublisherOnce(opts: PublisherOptions): Promise<PublisherRunResult> {
  const ctx: Ctx = {
    db: opts.db,
    store: opts.store,
    workerId: opts.workerId ?? defaultWorkerId(),
    clock: () => opts.now ?? new Date(),
    retentionDays: opts.retentionDays ?? retentionDaysFromEnv(),
    log: opts.log ?? (() => {}),
    bucketReady: null,
  };
  const result: PublisherRunResult = { published: 0, failed: 0, pending: 0, skipped: 0, withdrawn: 0 };
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  // Jobs claimed and not finished yet: their leases are renewed while this pass works through them.
  const held = new Set<number>();
  const claim = <P>(kind: string) => {
    const jobs = claimOutbox<P>(ctx.db, {
      workerId: ctx.workerId,
      kinds: [kind],
      limit: opts.limit ?? 10,
      leaseMs,
      now: ctx.clock(),
    });
    for (const j of jobs) held.add(j.id);
    return jobs;
  };
  const heartbeat = setInterval(
    () => {
      try {
        renewOutboxLease(ctx.db, [...held], ctx.workerId, leaseMs, ctx.clock());
      } catch (err) {
        // A busy or closed database: the lease simply runs as claimed.
        ctx.log("warn", `lease renewal failed: ${errorText(err)}`);
      }
    },
    Math.max(50, leaseMs / 3),
  );
  heartbeat.unref?.();
  try {
    return await runClaimed(ctx, claim, held, result);
  } finally {
    clearInterval(heartbeat);
  }
}

async function runClaimed(
  ctx: Ctx,
  claim: <P>(kind: string) => OutboxJob<P>[],
  held: Set<number>,
  result: PublisherRunResult,
): Promise<PublisherRunResult> {
  // Revokes first, so a revoke that is already due wins over an upload in the same pass.
  for (const job of claim<UnpublishPayload>(UNPUBLISH_KIND)) {
    try {
      unpublishJob(ctx, job);
      result.withdrawn++;
    } catch (err) {
      if (err instanceof PublishError && err.code === "LEASE_LOST") continue;
      recordFailure(ctx, job, err);
    } finally {
      held.delete(job.id);
    }
  }
  for (const job of claim<PublishPayload>(PUBLISH_KIND)) {
    try {
      const outcome = await publishJob(ctx, job);
      result[outcome]++;
    } catch (err) {
      if (err instanceof PublishError && err.code === "LEASE_LOST") {
        ctx.log("warn", `publish job ${job.id}: lease lost to another worker; its result stands`);
        continue;
      }
      // A worker that lost its claim records nothing: the job's current holder owns the outcome.
      if (recordFailure(ctx, job, err)) result.failed++;
    } finally {
      held.delete(job.id);
    }
  }
  result.pending = countOutstanding(ctx.db);
  return result;
}

export type PublishState =
  | "not_found"
  /** Not approved yet (draft, in review, returned, rejected …): nothing to publish. */
  | "not_approved"
  /** Approved; the upload is queued, running, or waiting for the object store to come back. */
  | "awaiting_upload"
  /** Approved, but the job gave up on a non-retryable error: an admin must look (retryPublish). */
  | "failed"
  | "published"
  /** Revoked: print shops can no longer get links; any uploaded copy is kept for the record. */
  | "withdrawn";

export interface PublishStatus {
  state: PublishState;
  assetState: string | null;
  jobId: number | null;
  jobStatus: string | null;
  attempts: number;
  lastError: string | null;
  /** When the next upload attempt may start (pending: after backoff; claimed: when the lease runs out). */
  nextAttemptAt: string | null;
  publishedAt: string | null;
  objects: PublishedObject[];
}

function publishJobFor(db: DbHandle, versionId: string): OutboxJob<PublishPayload> | null {
  const r = db.sqlite.prepare("SELECT id FROM outbox WHERE dedupe_key = ?").get(`publish:${versionId}`) as
    | { id: number }
    | undefined;
  return r ? getOutboxJob<PublishPayload>(db, r.id) : null;
}

export function publishStatus(db: DbHandle, assetId: string): PublishStatus {
  const asset = getAsset(db, assetId);
  const empty: PublishStatus = {
    state: "not_found",
    assetState: null,
    jobId: null,
    jobStatus: null,
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    publishedAt: null,
    objects: [],
  };
  if (!asset) return empty;
  const job = asset.currentVersionId ? publishJobFor(db, asset.currentVersionId) : null;
  const objects = asset.currentVersionId
    ? listPublishedObjects(db.sqlite, { versionId: asset.currentVersionId })
    : [];
  const published = asset.currentVersionId
    ? auditEventFor(db.sqlite, asset.currentVersionId, "PUBLISHED")
    : null;
  let state: PublishState;
  if (asset.state === "published") state = "published";
  else if (asset.state === "revoked") state = "withdrawn";
  else if (asset.state === "approved") state = job?.status === "dead" ? "failed" : "awaiting_upload";
  else state = "not_approved";
  const nextAttemptAt =
    job?.status === "pending" ? job.availableAt : job?.status === "processing" ? job.lockedUntil : null;
  return {
    state,
    assetState: asset.state,
    jobId: job?.id ?? null,
    jobStatus: job?.status ?? null,
    attempts: job?.attempts ?? 0,
    lastError: job?.lastError ?? null,
    nextAttemptAt: state === "awaiting_upload" ? nextAttemptAt : null,
    publishedAt: published?.at ?? null,
    objects,
  };
}

/** Puts a publish job that gave up (dead) back in the queue, due now. False when there is none. */
export function retryPublish(db: DbHandle, assetId: string, now = new Date()): boolean {
  const asset = getAsset(db, assetId);
  if (asset?.state !== "approved" || !asset.currentVersionId) return false;
  const ts = now.toISOString();
  return (
    db.sqlite
      .prepare(
        `UPDATE outbox SET status = 'pending', attempts = 0, available_at = ?, updated_at = ?,
           locked_by = NULL, locked_until = NULL
         WHERE dedupe_key = ? AND status = 'dead'`,
      )
      .run(ts, ts, `publish:${asset.currentVersionId}`).changes === 1
  );
}

interface PublisherHandle {
  timer: ReturnType<typeof setInterval>;
  running: Promise<unknown> | null;
  stopped: boolean;
}

// On globalThis so that Vite's dev server, which re-evaluates modules on every change, still ends
// up with a single loop per process.
const GLOBAL_KEY = Symbol.for("co-dong.publisher");
type WithPublisher = typeof globalThis & { [GLOBAL_KEY]?: PublisherHandle };

export interface StartPublisherOptions {
  intervalMs?: number;
  db?: () => DbHandle;
  store?: () => ObjectStore;
  log?: PublisherLog;
}

const consoleLog: PublisherLog = (level, message) => {
  if (level === "error") console.error(`[publisher] ${message}`);
  else if (level === "warn") console.warn(`[publisher] ${message}`);
  else console.info(`[publisher] ${message}`);
};

/** Starts the background loop once per process (later calls are no-ops); runs a pass right away. */
export function startPublisher(options: StartPublisherOptions = {}): void {
  const g = globalThis as WithPublisher;
  if (g[GLOBAL_KEY] && !g[GLOBAL_KEY].stopped) return;
  const log = options.log ?? consoleLog;
  const workerId = defaultWorkerId();
  const tick = () => {
    const h = g[GLOBAL_KEY];
    if (!h || h.stopped || h.running) return;
    h.running = (async () => {
      // Both getters can throw (bad MINIO_* config, unwritable DATA_DIR): log and try next tick.
      const db = (options.db ?? getDb)();
      const store = (options.store ?? getObjectStore)();
      const res = await runPublisherOnce({ db, store, workerId, log });
      if (res.failed) log("warn", `${res.failed} job(s) failed, ${res.pending} waiting`);
    })()
      .catch((err: unknown) => log("error", `pass failed: ${errorText(err)}`))
      .finally(() => {
        h.running = null;
      });
  };
  const timer = setInterval(tick, Math.max(1000, options.intervalMs ?? 15_000));
  // The web server keeps the process alive; the publisher alone must not (scripts, tests).
  timer.unref?.();
  g[GLOBAL_KEY] = { timer, running: null, stopped: false };
  setImmediate(tick);
}

/** Stops the loop and waits for a pass in progress to finish. */
export async function stopPublisher(): Promise<void> {
  const g = globalThis as WithPublisher;
  const h = g[GLOBAL_KEY];
  if (!h) return;
  h.stopped = true;
  clearInterval(h.timer);
  await h.running;
  if (g[GLOBAL_KEY] === h) delete g[GLOBAL_KEY];
}
