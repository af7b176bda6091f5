import { redirect } from "@remix-run/node";
import { z } from "zod";
import { isWorkflowError } from "../../domain/workflow-error";
import {
  countUnread,
  getNotification,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "../../storage/notifications";
import type { User } from "../../storage/users";
import { db } from "./db.server";
import { forbidden, notFound, publicOrigin } from "./http.server";
import { safeRedirectPath } from "./safe-redirect.server";

// The person's inbox (decision 080). Every read and write is the session user's own: an entry id
// from the URL that belongs to someone else is refused, never shown or marked.

/** Entries per inbox page. */
export const INBOX_PAGE_SIZE = 20;

const beforeParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * One page of `user`'s inbox, newest first, older than `?before=` (ignored when not a positive
 * integer): `{ items, nextBeforeId, unread, paged }` with dates as ISO strings.
 */
export function inboxPage(request: Request, user: User) {
  const raw = new URL(request.url).searchParams.get("before");
  const before = raw === null ? null : beforeParam.safeParse(raw);
  const beforeId = before?.success ? before.data : null;
  const handle = db();
  const page = listNotifications(handle, user.id, { limit: INBOX_PAGE_SIZE, beforeId });
  return {
    items: page.items.map((n) => ({
      id: n.id,
      title: n.title,
      summary: n.summary,
      createdAt: n.createdAt,
      unread: n.readAt === null,
    })),
    nextBeforeId: page.nextBeforeId,
    unread: countUnread(handle, user.id),
    paged: beforeId !== null,
  };
}

/** Marks all of `user`'s entries read; returns the Vietnamese outcome. */
export function markAllRead(user: User): string {
  const n = markAllNotificationsRead(db(), user.id);
  return n === 0 ? "Không có thông báo chưa đọc." : `Đã đánh dấu ${n} thông báo là đã đọc.`;
}

/**
 * Opening an entry: marks it read and redirects (302) to what it is about. Throws the 404 page for
 * an unknown id and 403 for someone else's entry.
 */
export function openEntry(request: Request, user: User, rawId: string | undefined): never {
  const id = beforeParam.safeParse(rawId);
  if (!id.success) notFound("Không tìm thấy thông báo.");
  const handle = db();
  try {
    markNotificationRead(handle, user.id, id.data);
  } catch (e) {
    if (isWorkflowError(e) && e.code === "NOT_FOUND") notFound("Không tìm thấy thông báo.");
    if (isWorkflowError(e) && e.code === "FORBIDDEN") forbidden("Thông báo này không phải của bạn.");
    throw e;
  }
  const entry = getNotification(handle, id.data);
  // Links are app paths by construction (addNotification checks); parsed again as a redirect target.
  const to = safeRedirectPath(entry?.linkPath, publicOrigin(request)) ?? "/inbox";
  throw redirect(to, { headers: { "Cache-Control": "no-store" } });
}
