import type { Role } from "../domain/roles";
import type { DbHandle } from "./db/connection";
import type { OutboxStatus } from "./db/schema";
import { immediate } from "./db/sync";
import { dialectOf } from "./db/sql-connection";

// Jobs that must happen after a commit (upload an approved file, notify people) are written in the
// same transaction as the decision, then carried out by a worker that may crash or find the object
// store down: claim → do → complete, or fail → retried later with exponential backoff.

// ---- The job contract: the producer (workflows/service/side-effects.ts) and the consumers (jobs/) both use these.

export const PUBLISH_KIND = "publish_asset";
export const UNPUBLISH_KIND = "unpublish_asset";
export const NOTIFY_KIND = "notify";
export const NOTIFY_COMMENT_KIND = "notify_comment";
export const NOTIFY_DIGEST_KIND = "notify_digest";

export type OutboxKind =
  | typeof PUBLISH_KIND
  | typeof UNPUBLISH_KIND
  | typeof NOTIFY_KIND
  | typeof NOTIFY_COMMENT_KIND
  | typeof NOTIFY_DIGEST_KIND
  | (string & {});

/** Enqueued on APPROVE: upload this version's files, then mark the asset published. */
export interface PublishPayload {
  assetId: string;
  code: string;
  versionId: string;
  versionHash: string;
}

/** Enqueued on REVOKE: withdraw print-shop access to the asset's published objects. */
export interface UnpublishPayload extends PublishPayload {
  wasPublished: boolean;
}

/** Enqueued on every state change that someone should hear about; jobs/notifier consumes it. */
export interface NotifyPayload {
  assetId: string;
  code: string;
  title: string;
  action: string;
  fromState: string;
  toState: string;
  auditId: number;
  notifyRoles: Role[];
  notifyUserIds: string[];
  /**
   * Set on a reminder (jobs/reminders): the asset has waited this many working days at the step
   * that `auditId` started. Nobody is left out as "the actor": the reminder is for whoever must act.
   */
  reminder?: { workingDays: number };
}

/**
 * Enqueued when a comment is added to an asset (call it in the comment's transaction, or right
 * after it: the dedupe key makes a second call harmless). Recipients: active users holding
 * `notifyRoles`, plus `notifyUserIds` (usually `[asset.createdBy]`: "a comment on your asset"),
 * minus the comment's author, whom the notifier reads from the comment row.
 */
export interface CommentNotifyPayload {
  assetId: string;
  code: string;
  commentId: string;
  notifyRoles: Role[];
  notifyUserIds: string[];
}

/**
 * The daily e-mail digest, enqueued by the notifier itself for the next due time: `date` is the
 * local calendar day (YYYY-MM-DD in the notifier's time zone), `dueAt` the ISO UTC instant.
 */
export interface DigestPayload {
  date: string;
  dueAt: string;
}

/** One publish job per approved version, one unpublish job per asset, one notice per audit event. */
export const publishDedupeKey = (versionId: string) => `publish:${versionId}`;
export const unpublishDedupeKey = (assetId: string) => `unpublish:${assetId}`;
export const notifyDedupeKey = (auditId: number) => `notify:${auditId}`;
/** One reminder per waiting stretch: the stretch is named by the audit row that began it. */
export const reminderDedupeKey = (auditId: number) => `remind:${auditId}`;
export const notifyCommentDedupeKey = (commentId: string) => `notify_comment:${commentId}`;
export const digestDedupeKey = (date: string) => `notify_digest:${date}`;

/** An enqueue for one kind: the dedupe key always comes from the payload, the same way. */
function enqueueFor<P>(kind: OutboxKind, key: (payload: P) => string) {
  return (handle: Pick<DbHandle, "conn">, payload: P, now?: Date): number =>
    enqueueOutbox(handle, { kind, payload, dedupeKey: key(payload) }, now);
}

export const enqueuePublish = enqueueFor<PublishPayload>(PUBLISH_KIND, (p) => publishDedupeKey(p.versionId));
export const enqueueUnpublish = enqueueFor<UnpublishPayload>(UNPUBLISH_KIND, (p) =>
  unpublishDedupeKey(p.assetId),
);
export const enqueueNotify = enqueueFor<NotifyPayload>(NOTIFY_KIND, (p) => notifyDedupeKey(p.auditId));
export const enqueueReminder = enqueueFor<NotifyPayload & { reminder: { workingDays: number } }>(
  NOTIFY_KIND,
  (p) => reminderDedupeKey(p.auditId),
);
export const enqueueCommentNotify = enqueueFor<CommentNotifyPayload>(NOTIFY_COMMENT_KIND, (p) =>
  notifyCommentDedupeKey(p.commentId),
);

// ---- The queue.

export interface OutboxJob<P = unknown> {
  id: number;
  kind: OutboxKind;
  payload: P;
  dedupeKey: string | null;
  status: OutboxStatus;
  attempts: number;
  maxAttempts: number;
  availableAt: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  completedAt: string | null;
}

interface Row {
  id: number;
  kind: string;
  payload_json: string;
  dedupe_key: string | null;
  status: OutboxStatus;
  attempts: number;
  max_attempts: number;
  available_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  completed_at: string | null;
}

function toJob<P>(r: Row): OutboxJob<P> {
  return {
    id: r.id,
    kind: r.kind,
    payload: JSON.parse(r.payload_json) as P,
    dedupeKey: r.dedupe_key,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    availableAt: r.available_at,
    lockedBy: r.locked_by,
    lockedUntil: r.locked_until,
    lastError: r.last_error,
    createdAt: r.created_at,
    completedAt: r.completed_at,
  };
}

export interface EnqueueInput {
  kind: OutboxKind;
  payload: unknown;
  /** A second enqueue with the same key is ignored (returns the existing id). */
  dedupeKey?: string | null;
  maxAttempts?: number;
  availableAt?: Date;
}

export function enqueueOutbox(handle: Pick<DbHandle, "conn">, input: EnqueueInput, now = new Date()): number {
  const { conn } = handle;
  return immediate(conn, () => {
    if (input.dedupeKey) {
      const existing = outboxIdByDedupeKey(handle, input.dedupeKey);
      if (existing !== null) return existing;
    }
    const ts = now.toISOString();
    const res = conn
      .prepare(
        `INSERT INTO outbox (kind, payload_json, dedupe_key, status, attempts, max_attempts, available_at,
           created_at, updated_at) VALUES (?, ?, ?, 'pending', 0, ?, ?, ?, ?) RETURNING id`,
      )
      .get(
        input.kind,
        JSON.stringify(input.payload),
        input.dedupeKey ?? null,
        input.maxAttempts ?? 10,
        (input.availableAt ?? now).toISOString(),
        ts,
        ts,
      ) as { id: number };
    return res.id;
  });
}

export interface ClaimOptions {
  workerId: string;
  kinds?: OutboxKind[];
  limit?: number;
  /** How long the claim holds; an expired claim (worker crashed) is claimable again. */
  leaseMs?: number;
  now?: Date;
}

/**
 * Atomically takes up to `limit` due jobs (pending, or processing with an expired lease). On
 * PostgreSQL one statement with FOR UPDATE SKIP LOCKED: nodes claiming at once each get different
 * jobs, none waits on another's rows. On SQLite the write lock of BEGIN IMMEDIATE does the same.
 */
export function claimOutbox<P = unknown>(handle: Pick<DbHandle, "conn">, opts: ClaimOptions): OutboxJob<P>[] {
  const { conn } = handle;
  const now = (opts.now ?? new Date()).toISOString();
  const until = new Date(Date.parse(now) + (opts.leaseMs ?? 60_000)).toISOString();
  const kinds = opts.kinds ?? [];
  const due = `((status = 'pending' AND available_at <= ?) OR (status = 'processing' AND locked_until <= ?))
         ${kinds.length ? `AND kind IN (${kinds.map(() => "?").join(",")})` : ""}`;
  const limit = opts.limit ?? 10;
  if (dialectOf(conn) === "postgres") {
    const rows = conn
      .prepare(
        `UPDATE outbox SET status = 'processing', attempts = attempts + 1, locked_by = ?, locked_until = ?,
           updated_at = ?
         WHERE id IN (SELECT id FROM outbox WHERE ${due} ORDER BY available_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
         RETURNING *`,
      )
      .all(opts.workerId, until, now, now, now, ...kinds, limit) as Row[];
    return rows
      .sort((a, b) =>
        a.available_at < b.available_at ? -1 : a.available_at > b.available_at ? 1 : a.id - b.id,
      )
      .map((r) => toJob<P>(r));
  }
  return immediate(conn, () => {
    const rows = conn
      .prepare(`SELECT id FROM outbox WHERE ${due} ORDER BY available_at, id LIMIT ?`)
      .all(now, now, ...kinds, limit) as { id: number }[];
    const update = conn.prepare(
      `UPDATE outbox SET status = 'processing', attempts = attempts + 1, locked_by = ?, locked_until = ?,
         updated_at = ? WHERE id = ? RETURNING *`,
    );
    return rows.map((r) => toJob<P>(update.get(opts.workerId, until, now, r.id) as Row));
  });
}

/**
 * The heartbeat of a live worker: pushes the lease of the jobs it still holds to `now + leaseMs`
 * (ms), so a short lease can be used and a dead worker's job is claimable again soon. Jobs
 * another worker has taken over are left alone. Returns how many leases were renewed.
 */
export function renewOutboxLease(
  handle: Pick<DbHandle, "conn">,
  ids: readonly number[],
  workerId: string,
  leaseMs: number,
  now = new Date(),
): number {
  if (!ids.length) return 0;
  const until = new Date(now.getTime() + leaseMs).toISOString();
  return handle.conn
    .prepare(
      `UPDATE outbox SET locked_until = ?, updated_at = ?
       WHERE status = 'processing' AND locked_by = ? AND locked_until < ? AND id IN (${ids.map(() => "?").join(",")})`,
    )
    .run(until, now.toISOString(), workerId, until, ...ids).changes;
}

/** Marks a claimed job done. False when this worker no longer holds the claim. */
export function completeOutbox(
  handle: Pick<DbHandle, "conn">,
  id: number,
  workerId: string,
  now = new Date(),
): boolean {
  const ts = now.toISOString();
  const res = handle.conn
    .prepare(
      `UPDATE outbox SET status = 'done', completed_at = ?, updated_at = ?, locked_by = NULL, locked_until = NULL,
         last_error = NULL WHERE id = ? AND status = 'processing' AND locked_by = ?`,
    )
    .run(ts, ts, id, workerId);
  return res.changes === 1;
}

/** 30 s, 1 min, 2 min … capped at 1 h: an object store that is down for hours is retried hourly. */
export function backoffMs(attempts: number): number {
  return Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * For a failure that says nothing about the job (store down, database busy): gives the claimed job
 * one more attempt than it has used, so `failOutbox` reschedules it instead of marking it dead.
 */
export function keepRetrying(handle: Pick<DbHandle, "conn">, id: number, workerId: string): void {
  handle.conn
    .prepare(
      `UPDATE outbox SET max_attempts = attempts + 1
       WHERE id = ? AND status = 'processing' AND locked_by = ? AND max_attempts <= attempts`,
    )
    .run(id, workerId);
}

/** Records a failed attempt; the job is retried after backoff, or marked dead after max_attempts. */
export function failOutbox(
  handle: Pick<DbHandle, "conn">,
  id: number,
  workerId: string,
  error: string,
  now = new Date(),
): { status: OutboxStatus; availableAt: string } | null {
  const { conn } = handle;
  return immediate(conn, () => {
    const row = conn
      .prepare(
        "SELECT attempts, max_attempts FROM outbox WHERE id = ? AND status = 'processing' AND locked_by = ?",
      )
      .get(id, workerId) as { attempts: number; max_attempts: number } | undefined;
    if (!row) return null;
    const status: OutboxStatus = row.attempts >= row.max_attempts ? "dead" : "pending";
    const availableAt = new Date(now.getTime() + backoffMs(row.attempts)).toISOString();
    conn
      .prepare(
        `UPDATE outbox SET status = ?, available_at = ?, last_error = ?, locked_by = NULL, locked_until = NULL,
           updated_at = ? WHERE id = ?`,
      )
      .run(status, availableAt, error.slice(0, 2000), now.toISOString(), id);
    return { status, availableAt };
  });
}

export function getOutboxJob<P = unknown>(handle: Pick<DbHandle, "conn">, id: number): OutboxJob<P> | null {
  const row = handle.conn.prepare("SELECT * FROM outbox WHERE id = ?").get(id) as Row | undefined;
  return row ? toJob<P>(row) : null;
}

export function listOutbox<P = unknown>(
  handle: Pick<DbHandle, "conn">,
  filter: { status?: OutboxStatus; kind?: OutboxKind } = {},
): OutboxJob<P>[] {
  const rows = handle.conn
    .prepare(
      "SELECT * FROM outbox WHERE (CAST(? AS TEXT) IS NULL OR status = ?) AND (CAST(? AS TEXT) IS NULL OR kind = ?) ORDER BY id",
    )
    .all(filter.status ?? null, filter.status ?? null, filter.kind ?? null, filter.kind ?? null) as Row[];
  return rows.map((r) => toJob<P>(r));
}

function outboxIdByDedupeKey(handle: Pick<DbHandle, "conn">, dedupeKey: string): number | null {
  const r = handle.conn.prepare("SELECT id FROM outbox WHERE dedupe_key = ?").get(dedupeKey) as
    | { id: number }
    | undefined;
  return r?.id ?? null;
}

export function getOutboxJobByDedupeKey<P = unknown>(
  handle: Pick<DbHandle, "conn">,
  dedupeKey: string,
): OutboxJob<P> | null {
  const id = outboxIdByDedupeKey(handle, dedupeKey);
  return id === null ? null : getOutboxJob<P>(handle, id);
}

/** Jobs of `kind` not finished yet: waiting (pending) or claimed (processing). */
export function countOutstanding(handle: Pick<DbHandle, "conn">, kind: OutboxKind): number {
  const r = handle.conn
    .prepare("SELECT count(*) AS n FROM outbox WHERE kind = ? AND status IN ('pending','processing')")
    .get(kind) as { n: number };
  return r.n;
}

/** Puts a job that gave up (dead) back in the queue, due now, with its attempts reset. False when there is none. */
export function requeueDeadJob(handle: Pick<DbHandle, "conn">, dedupeKey: string, now = new Date()): boolean {
  const ts = now.toISOString();
  return (
    handle.conn
      .prepare(
        `UPDATE outbox SET status = 'pending', attempts = 0, available_at = ?, updated_at = ?,
           locked_by = NULL, locked_until = NULL
         WHERE dedupe_key = ? AND status = 'dead'`,
      )
      .run(ts, ts, dedupeKey).changes === 1
  );
}
