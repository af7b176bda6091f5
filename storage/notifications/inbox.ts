import type { Selectable } from "kysely";
import type { NotificationsTable } from "../db/schema";
import { WorkflowError } from "../../domain/workflow-error";
import type { DbHandle } from "../db/connection";
import { all, exec, first, immediate } from "../db/sync";

// The in-app inbox (decision 080): what the header's unread count and the inbox page read, and
// what the notifier writes. Every read and write is scoped to one user; the caller passes the
// session's user id, never one from the request.

export interface NotificationRecord {
  id: number;
  userId: string;
  assetId: string | null;
  /** The decision (audit row) or the comment this entry is about: exactly one is set. */
  auditId: number | null;
  commentId: string | null;
  /** The audit action ("SUBMIT", "RETURN", "PUBLISHED" …) or "COMMENT". */
  kind: string;
  /** Vietnamese, one line, e.g. "Chờ phê duyệt: CCHC-2026-1.1-0001". */
  title: string;
  /** Vietnamese: who did what, the slogan, the reason. */
  summary: string;
  /** Path inside the app, e.g. "/asset/<id>". */
  linkPath: string;
  /** ISO UTC. */
  createdAt: string;
  /** ISO UTC, or null while unread. */
  readAt: string | null;
}

// The row as the schema declares it, so a column change cannot drift from this mapping.
type Row = Selectable<NotificationsTable>;

function toRecord(r: Row): NotificationRecord {
  return {
    id: r.id,
    userId: r.user_id,
    assetId: r.asset_id,
    auditId: r.audit_id,
    commentId: r.comment_id,
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    linkPath: r.link_path,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

export interface NewNotification {
  userId: string;
  assetId: string | null;
  /** Exactly one of auditId and commentId. */
  auditId?: number | null;
  commentId?: string | null;
  kind: string;
  title: string;
  summary: string;
  linkPath: string;
  now?: Date;
}

/**
 * Writes one inbox entry, or finds the one already written for (user, source, kind): a notify job
 * that runs again after a crash gets the same id back and `created: false`. Throws WorkflowError
 * INVALID_INPUT when neither or both sources are given, or the link is not an app path.
 */
export function addNotification(handle: DbHandle, input: NewNotification): { id: number; created: boolean } {
  const auditId = input.auditId ?? null;
  const commentId = input.commentId ?? null;
  if ((auditId === null) === (commentId === null)) {
    throw new WorkflowError("INVALID_INPUT", "a notification needs exactly one of auditId, commentId");
  }
  if (!input.linkPath.startsWith("/") || input.linkPath.startsWith("//")) {
    throw new WorkflowError("INVALID_INPUT", `link must be a path inside the app: ${input.linkPath}`);
  }
  return immediate(handle.conn, () => {
    const inserted = first(
      handle.conn,
      handle.db
        .insertInto("notifications")
        .values({
          user_id: input.userId,
          asset_id: input.assetId,
          audit_id: auditId,
          comment_id: commentId,
          kind: input.kind,
          title: input.title,
          summary: input.summary,
          link_path: input.linkPath,
          created_at: (input.now ?? new Date()).toISOString(),
          read_at: null,
        })
        .onConflict((oc) => oc.doNothing())
        .returning("id"),
    );
    if (inserted) return { id: inserted.id, created: true };
    let q = handle.db
      .selectFrom("notifications")
      .select("id")
      .where("user_id", "=", input.userId)
      .where("kind", "=", input.kind);
    q = auditId !== null ? q.where("audit_id", "=", auditId) : q.where("comment_id", "=", commentId);
    const existing = first(handle.conn, q);
    if (!existing) throw new WorkflowError("CONFLICT", "notification insert ignored but no row found");
    return { id: existing.id, created: false };
  });
}

/** Largest page `listNotifications` returns. */
export const NOTIFICATION_PAGE_MAX = 100;

export interface NotificationPage {
  items: NotificationRecord[];
  /** Pass as `beforeId` for the next (older) page; null when this page is the last. */
  nextBeforeId: number | null;
}

/**
 * A user's inbox, newest first, `limit` (1…NOTIFICATION_PAGE_MAX, default 20) entries with an id
 * below `beforeId` (keyset paging: new entries arriving meanwhile do not shift the pages).
 * Throws WorkflowError INVALID_INPUT for a limit or cursor out of range.
 */
export function listNotifications(
  handle: DbHandle,
  userId: string,
  opts: { limit?: number; beforeId?: number | null; unreadOnly?: boolean } = {},
): NotificationPage {
  const limit = opts.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > NOTIFICATION_PAGE_MAX) {
    throw new WorkflowError("INVALID_INPUT", `limit must be 1…${NOTIFICATION_PAGE_MAX}`, { field: "limit" });
  }
  const before = opts.beforeId ?? null;
  if (before !== null && (!Number.isSafeInteger(before) || before < 1)) {
    throw new WorkflowError("INVALID_INPUT", "beforeId must be a positive integer", { field: "beforeId" });
  }
  let q = handle.db.selectFrom("notifications").selectAll().where("user_id", "=", userId);
  if (before !== null) q = q.where("id", "<", before);
  if (opts.unreadOnly) q = q.where("read_at", "is", null);
  const rows = all(handle.conn, q.orderBy("id", "desc").limit(limit + 1)) as Row[];
  const items = rows.slice(0, limit).map(toRecord);
  return { items, nextBeforeId: rows.length > limit ? items[items.length - 1].id : null };
}

/** How many of the user's entries are unread: the number in the header. */
export function countUnread(handle: DbHandle, userId: string): number {
  const r = first(
    handle.conn,
    handle.db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("read_at", "is", null),
  );
  return r?.n ?? 0;
}

/**
 * Marks one entry read. True when it was unread, false when it already was read.
 * Throws WorkflowError NOT_FOUND (no such entry) or FORBIDDEN (the entry is someone else's).
 */
export function markNotificationRead(
  handle: DbHandle,
  userId: string,
  notificationId: number,
  now = new Date(),
): boolean {
  return immediate(handle.conn, () => {
    const row = first(
      handle.conn,
      handle.db.selectFrom("notifications").select(["user_id", "read_at"]).where("id", "=", notificationId),
    );
    if (!row) throw new WorkflowError("NOT_FOUND", `notification ${notificationId} not found`);
    if (row.user_id !== userId) {
      throw new WorkflowError("FORBIDDEN", `notification ${notificationId} belongs to another user`);
    }
    if (row.read_at !== null) return false;
    exec(
      handle.conn,
      handle.db
        .updateTable("notifications")
        .set({ read_at: now.toISOString() })
        .where("id", "=", notificationId)
        .where("read_at", "is", null),
    );
    return true;
  });
}

/** Marks every unread entry of the user read; returns how many were. */
export function markAllNotificationsRead(handle: DbHandle, userId: string, now = new Date()): number {
  return exec(
    handle.conn,
    handle.db
      .updateTable("notifications")
      .set({ read_at: now.toISOString() })
      .where("user_id", "=", userId)
      .where("read_at", "is", null),
  ).changes;
}

/** One entry by id (for the notifier and for tests); null when there is none. */
export function getNotification(handle: DbHandle, id: number): NotificationRecord | null {
  const r = first(handle.conn, handle.db.selectFrom("notifications").selectAll().where("id", "=", id));
  return r ? toRecord(r as Row) : null;
}
