import type { Selectable } from "kysely";
import type { NotificationDeliveriesTable } from "../db/schema";
import type { EmailNotifyMode } from "../../domain/email";
import type { DbHandle } from "../db/connection";
import type { DeliveryBatch, DeliveryStatus } from "../db/schema";
import { all, exec, first } from "../db/sync";

// One row per inbox entry and channel (decision 080). `pending` rows are what is left to send; a row
// leaves `pending` once (sent, failed for good, or skipped) and is never sent again. Every write
// that starts or finishes a send is guarded by `status = 'pending'`, and starting one also by the
// caller still holding its outbox job, so a worker whose lease ran out cannot send a second copy.

export interface DeliveryRecord {
  id: number;
  notificationId: number;
  channel: string;
  batch: DeliveryBatch;
  status: DeliveryStatus;
  attempts: number;
  address: string | null;
  messageId: string | null;
  sentAt: string | null;
  lastError: string | null;
  createdAt: string;
}

/** A pending delivery with what a sender needs about its person, read fresh at send time. */
export interface PendingDelivery extends DeliveryRecord {
  userId: string;
  displayName: string;
  /** The person's address now (null: removed since the delivery was made). */
  email: string | null;
  emailNotify: EmailNotifyMode;
  active: boolean;
  title: string;
  summary: string;
  linkPath: string;
  notificationCreatedAt: string;
}

// The row as the schema declares it, so a column change cannot drift from this mapping.
type Row = Selectable<NotificationDeliveriesTable>;

function toRecord(r: Row): DeliveryRecord {
  return {
    id: r.id,
    notificationId: r.notification_id,
    channel: r.channel,
    batch: r.batch,
    status: r.status,
    attempts: r.attempts,
    address: r.address,
    messageId: r.message_id,
    sentAt: r.sent_at,
    lastError: r.last_error,
    createdAt: r.created_at,
  };
}

/** Makes the delivery of an entry on a channel unless it exists (then it is left as it is). */
export function addDelivery(
  handle: DbHandle,
  input: { notificationId: number; channel: string; batch: DeliveryBatch; now?: Date },
): void {
  const ts = (input.now ?? new Date()).toISOString();
  exec(
    handle.conn,
    handle.db
      .insertInto("notification_deliveries")
      .values({
        notification_id: input.notificationId,
        channel: input.channel,
        batch: input.batch,
        status: "pending",
        attempts: 0,
        address: null,
        message_id: null,
        sent_at: null,
        last_error: null,
        created_at: ts,
        updated_at: ts,
      })
      .onConflict((oc) => oc.doNothing()),
  );
}

/**
 * Pending deliveries of one channel and batch, oldest first; limited to the given entries when
 * `notificationIds` is set (a notify job sends only its own), or to rows made at or before
 * `createdUpTo` (ISO; a digest lists what was waiting when it fell due).
 */
export function pendingDeliveries(
  handle: DbHandle,
  filter: {
    channel: string;
    batch: DeliveryBatch;
    notificationIds?: readonly number[];
    createdUpTo?: string;
  },
): PendingDelivery[] {
  if (filter.notificationIds && filter.notificationIds.length === 0) return [];
  let q = handle.db
    .selectFrom("notification_deliveries as d")
    .innerJoin("notifications as n", "n.id", "d.notification_id")
    .innerJoin("users as u", "u.id", "n.user_id")
    .selectAll("d")
    .select([
      "n.user_id",
      "u.display_name",
      "u.email",
      "u.email_notify",
      "u.active",
      "n.title",
      "n.summary",
      "n.link_path",
      "n.created_at as notification_created_at",
    ])
    .where("d.status", "=", "pending")
    .where("d.channel", "=", filter.channel)
    .where("d.batch", "=", filter.batch);
  if (filter.notificationIds) q = q.where("d.notification_id", "in", [...filter.notificationIds]);
  if (filter.createdUpTo) q = q.where("d.created_at", "<=", filter.createdUpTo);
  return all(handle.conn, q.orderBy("d.id")).map((r) => ({
    ...toRecord(r),
    userId: r.user_id,
    displayName: r.display_name,
    email: r.email,
    emailNotify: r.email_notify,
    active: r.active === 1,
    title: r.title,
    summary: r.summary,
    linkPath: r.link_path,
    notificationCreatedAt: r.notification_created_at,
  }));
}

/** The outbox claim a sender must still hold: `jobId` claimed by `workerId`, not yet finished. */
export interface JobFence {
  jobId: number;
  workerId: string;
}

/**
 * Counts an attempt on still-pending deliveries, right before they are handed to the channel.
 * Returns false (and counts nothing) when one of them has left `pending` or the worker no longer
 * holds its outbox job: the caller must then not send.
 */
export function startDeliveryAttempt(
  handle: DbHandle,
  ids: readonly number[],
  fence: JobFence,
  now = new Date(),
): boolean {
  if (ids.length === 0) return false;
  const tx = handle.conn.transaction(() => {
    const held = handle.conn
      .prepare("SELECT 1 FROM outbox WHERE id = ? AND status = 'processing' AND locked_by = ?")
      .get(fence.jobId, fence.workerId);
    if (!held) return false;
    const marks = ids.map(() => "?").join(",");
    const res = handle.conn
      .prepare(
        `UPDATE notification_deliveries SET attempts = attempts + 1, updated_at = ?
         WHERE status = 'pending' AND id IN (${marks})`,
      )
      .run(now.toISOString(), ...ids);
    if (res.changes !== ids.length) throw new DeliveryMoved();
    return true;
  });
  try {
    return tx.immediate();
  } catch (err) {
    if (err instanceof DeliveryMoved) return false;
    throw err;
  }
}

/** Rolls back a partial start: some delivery was no longer pending. */
class DeliveryMoved extends Error {}

/** Records that the channel accepted the message; false when the rows had already left pending. */
export function markDeliveriesSent(
  handle: DbHandle,
  ids: readonly number[],
  sent: { address: string; messageId: string; now?: Date },
): boolean {
  if (ids.length === 0) return false;
  const ts = (sent.now ?? new Date()).toISOString();
  const res = exec(
    handle.conn,
    handle.db
      .updateTable("notification_deliveries")
      .set({
        status: "sent",
        address: sent.address,
        message_id: sent.messageId,
        sent_at: ts,
        last_error: null,
        updated_at: ts,
      })
      .where("status", "=", "pending")
      .where("id", "in", [...ids]),
  );
  return res.changes > 0;
}

/** Notes why an attempt failed, leaving the rows pending for the job's next attempt. */
export function noteDeliveryError(handle: DbHandle, ids: readonly number[], error: string, now = new Date()) {
  if (ids.length === 0) return;
  exec(
    handle.conn,
    handle.db
      .updateTable("notification_deliveries")
      .set({ last_error: error.slice(0, 2000), updated_at: now.toISOString() })
      .where("status", "=", "pending")
      .where("id", "in", [...ids]),
  );
}

/**
 * Closes pending rows without sending: `failed` (the server refused this recipient or message for
 * good) or `skipped` (the person has no address any more, turned e-mail off, or is inactive).
 */
export function closeDeliveries(
  handle: DbHandle,
  ids: readonly number[],
  close: { status: "failed" | "skipped"; why: string; address?: string | null; now?: Date },
): void {
  if (ids.length === 0) return;
  const ts = (close.now ?? new Date()).toISOString();
  exec(
    handle.conn,
    handle.db
      .updateTable("notification_deliveries")
      .set({
        status: close.status,
        last_error: close.why.slice(0, 2000),
        address: close.address ?? null,
        updated_at: ts,
      })
      .where("status", "=", "pending")
      .where("id", "in", [...ids]),
  );
}

/** Every delivery of one inbox entry (for status pages and tests). */
export function listDeliveries(handle: DbHandle, notificationId: number): DeliveryRecord[] {
  return all(
    handle.conn,
    handle.db
      .selectFrom("notification_deliveries")
      .selectAll()
      .where("notification_id", "=", notificationId)
      .orderBy("id"),
  ).map((r) => toRecord(r as Row));
}

/** How many deliveries of a channel are waiting (pending), by batch. */
export function countPendingDeliveries(handle: DbHandle, channel: string, batch: DeliveryBatch): number {
  const r = first(
    handle.conn,
    handle.db
      .selectFrom("notification_deliveries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("channel", "=", channel)
      .where("batch", "=", batch)
      .where("status", "=", "pending"),
  );
  return r?.n ?? 0;
}
