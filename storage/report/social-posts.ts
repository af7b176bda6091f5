import { randomUUID } from "node:crypto";
import { COMMENT_MAX_CHARS } from "../../domain/limits";
import type { Role } from "../../domain/roles";
import { isSocialChannel, SOCIAL_CHANNEL_LABELS_VI, type SocialChannel } from "../../domain/social";
import { isWorkflowError } from "../../domain/workflow-error";
import { isIsoDate, vnDate } from "../../domain/working-days";
import type { DbHandle } from "../db/connection";
import { all, exec, first, immediate } from "../db/sync";
import { cleanNote } from "../text";
import { getUserRoles } from "../users";
import { ReportError } from "./errors";
import { productKindOf } from "./kinds";

// "Đã đăng": a published screen/social design posted on one of the commune's channels, with the
// post's address. The office (or the admin) records and removes them; the design's own drafter may
// record them too, since they often post it themselves.

/** Longest post address kept (migration 009's CHECK). */
export const MAX_POST_URL_CHARS = 2000;

/** Query parameters that only say where a click came from: dropped so one post has one address. */
const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|zarsrc|mibextid)$/i;

/**
 * A post address as stored: trimmed, NFC, parsed as a URL (host lower-cased, non-ASCII
 * percent-encoded), fragment and click-tracking parameters dropped. Throws ReportError INVALID_URL
 * for anything but an absolute http(s) address with a dotted host and no user:password, or longer
 * than MAX_POST_URL_CHARS after cleaning.
 */
export function cleanPostUrl(raw: string): string {
  const s = raw.normalize("NFC").trim();
  const refuse = (why: string): never => {
    throw new ReportError("INVALID_URL", why);
  };
  if (!s || /[\s\u0000-\u001f\u007f]/.test(s)) refuse("empty or contains spaces or control characters");
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return refuse("not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") refuse("not http(s)");
  if (!url.hostname.includes(".") || url.username || url.password) refuse("bad host or credentials");
  url.hash = "";
  for (const name of [...url.searchParams.keys()])
    if (TRACKING_PARAM.test(name)) url.searchParams.delete(name);
  const href = url.href;
  if (href.length > MAX_POST_URL_CHARS) refuse("too long");
  return href;
}

export interface RecordSocialPostInput {
  assetId: string;
  /** The person recording it; roles are read from the database. */
  userId: string;
  channel: string;
  url: string;
  /** ISO date the post went online (Vietnam); not after today. */
  postedOn: string;
  note?: string | null;
  now?: Date;
}

function mayRecord(roles: readonly Role[], userId: string, createdBy: string): boolean {
  return (
    roles.includes("office") || roles.includes("admin") || (roles.includes("drafter") && userId === createdBy)
  );
}

/**
 * Records a "đã đăng" post of the asset's current (published) version. Throws ReportError
 * INVALID_CHANNEL (not one of domain/social's channels), INVALID_URL (see cleanPostUrl),
 * INVALID_DATE (not a real ISO date), FUTURE_DATE (after today in Vietnam), INVALID_INPUT (a note
 * the cleaner refuses, with its message), NOT_FOUND (no such asset), FORBIDDEN (not office/admin
 * and not the asset's drafter), NOT_PUBLISHED, NOT_SOCIAL_FORMAT (a print format), DUPLICATE_POST
 * (same asset, channel and cleaned address already recorded). Returns the new row's id.
 */
export function recordSocialPost(handle: DbHandle, input: RecordSocialPostInput): { id: string } {
  if (!isSocialChannel(input.channel)) throw new ReportError("INVALID_CHANNEL", "unknown channel");
  const channel: SocialChannel = input.channel;
  const url = cleanPostUrl(input.url);
  const now = input.now ?? new Date();
  if (!isIsoDate(input.postedOn)) throw new ReportError("INVALID_DATE", "postedOn is not an ISO date");
  if (input.postedOn > vnDate(now)) throw new ReportError("FUTURE_DATE", "postedOn is after today");
  let note = "";
  try {
    note = input.note ? cleanNote(input.note, "Ghi chú", COMMENT_MAX_CHARS) : "";
  } catch (e) {
    if (isWorkflowError(e)) throw new ReportError("INVALID_INPUT", e.message, e.details, e.messageVi);
    throw e;
  }
  return immediate(handle.conn, () => {
    const asset = first(
      handle.conn,
      handle.db
        .selectFrom("assets")
        .select(["id", "state", "format_id", "created_by", "current_version_id"])
        .where("id", "=", input.assetId),
    );
    if (!asset) throw new ReportError("NOT_FOUND", "asset not found");
    if (!mayRecord(getUserRoles(handle, input.userId), input.userId, asset.created_by)) {
      throw new ReportError("FORBIDDEN", "office, admin or the asset's drafter only");
    }
    if (asset.state !== "published" || !asset.current_version_id) {
      throw new ReportError("NOT_PUBLISHED", `asset is ${asset.state}`);
    }
    if (productKindOf(asset.format_id) !== "social") {
      throw new ReportError("NOT_SOCIAL_FORMAT", `format ${asset.format_id} is not a screen format`);
    }
    const dup = first(
      handle.conn,
      handle.db
        .selectFrom("social_posts")
        .select("id")
        .where("asset_id", "=", asset.id)
        .where("channel", "=", channel)
        .where("url", "=", url),
    );
    if (dup) throw new ReportError("DUPLICATE_POST", "already recorded", { postId: dup.id });
    const id = randomUUID();
    exec(
      handle.conn,
      handle.db.insertInto("social_posts").values({
        id,
        asset_id: asset.id,
        version_id: asset.current_version_id,
        channel,
        url,
        posted_on: input.postedOn,
        note,
        recorded_by: input.userId,
        created_at: now.toISOString(),
      }),
    );
    return { id };
  });
}

/**
 * Removes a "đã đăng" record (a wrong address, a post taken down) as office or admin (roles from
 * the database). `assetId`, when given, must be the post's asset (a form cannot remove another
 * asset's post by id). Throws ReportError FORBIDDEN or NOT_FOUND.
 */
export function removeSocialPost(
  handle: DbHandle,
  input: { postId: string; userId: string; assetId?: string },
): void {
  immediate(handle.conn, () => {
    const roles = getUserRoles(handle, input.userId);
    if (!roles.includes("office") && !roles.includes("admin")) {
      throw new ReportError("FORBIDDEN", "office or admin only");
    }
    let q = handle.db.deleteFrom("social_posts").where("id", "=", input.postId);
    if (input.assetId !== undefined) q = q.where("asset_id", "=", input.assetId);
    if (exec(handle.conn, q).changes === 0) throw new ReportError("NOT_FOUND", "post not found");
  });
}

export interface SocialPostView {
  id: string;
  channel: SocialChannel;
  channelLabel: string;
  url: string;
  /** ISO date. */
  postedOn: string;
  note: string;
  recordedBy: string;
  /** ISO UTC. */
  createdAt: string;
}

export interface SocialPostsPanel {
  /** The asset is published, so posts can be recorded now. */
  published: boolean;
  /** Whether `viewer` may record and remove (false without a viewer). */
  canRecord: boolean;
  canRemove: boolean;
  /** Today in Vietnam (ISO): the latest date the form takes. */
  today: string;
  posts: SocialPostView[];
}

/**
 * What the asset page's "Đã đăng" panel shows: null when the asset does not exist or is not a
 * screen/social format (the panel is not shown then). `viewer` (from the session) decides the
 * buttons; the action decides again.
 */
export function socialPostsFor(
  handle: DbHandle,
  assetId: string,
  viewer?: { id: string; roles: readonly Role[] },
  now: Date = new Date(),
): SocialPostsPanel | null {
  const asset = first(
    handle.conn,
    handle.db.selectFrom("assets").select(["state", "format_id", "created_by"]).where("id", "=", assetId),
  );
  if (!asset || productKindOf(asset.format_id) !== "social") return null;
  const posts = all(
    handle.conn,
    handle.db
      .selectFrom("social_posts as p")
      .innerJoin("users as u", "u.id", "p.recorded_by")
      .select(["p.id", "p.channel", "p.url", "p.posted_on", "p.note", "p.created_at", "u.display_name"])
      .where("p.asset_id", "=", assetId)
      .orderBy("p.posted_on", "desc")
      .orderBy("p.created_at", "desc"),
  ).map((r) => ({
    id: r.id,
    channel: r.channel,
    channelLabel: SOCIAL_CHANNEL_LABELS_VI[r.channel],
    url: r.url,
    postedOn: r.posted_on,
    note: r.note,
    recordedBy: r.display_name,
    createdAt: r.created_at,
  }));
  const published = asset.state === "published";
  const roles = viewer?.roles ?? [];
  return {
    published,
    canRecord: !!viewer && published && mayRecord(roles, viewer.id, asset.created_by),
    canRemove: roles.includes("office") || roles.includes("admin"),
    today: vnDate(now),
    posts,
  };
}
