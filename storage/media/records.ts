import type { Role } from "../../domain/roles";
import { isWorkflowError } from "../../domain/workflow-error";
import type { FocalPoint } from "../../templates/photo/types";
import type { DbHandle } from "../db/connection";
import type { MediaTable } from "../db/schema";
import { all, exec, first, immediate } from "../db/sync";
import { cleanNote } from "../text";
import { mayRetire, requireMediaEditor, requireMediaViewer } from "./access";
import { MediaError } from "./errors";
import { MEDIA_CAPTION_MAX_CHARS, MEDIA_CREDIT_MAX_CHARS, MEDIA_TAGS_MAX } from "./limits";
import type { MediaContentType, MediaKind, MediaSourceType } from "./prepare";

/** One row of the library as pages and the picker read it. */
export interface MediaItem {
  /** A UUID. */
  id: string;
  kind: MediaKind;
  contentType: MediaContentType;
  sourceType: MediaSourceType;
  /** Hex SHA-256 of the stored bytes (the object key is derived from it). */
  sha256: string;
  objectKey: string;
  /** Bytes. */
  size: number;
  /** Pixels, upright; an SVG's size in CSS px. */
  width: number;
  height: number;
  caption: string;
  /** Tác giả / nguồn. */
  credit: string;
  /** Fractions 0–1 of width and height from the top left. */
  focus: FocalPoint;
  /** 'auto' (smartcrop at upload) until someone taps on the photo. */
  focusSource: "auto" | "manual";
  uploadedBy: { id: string; name: string };
  /** ISO 8601 instants. */
  uploadedAt: string;
  updatedAt: string;
  retiredAt: string | null;
  /** Content item ids ("cchc-2026:1.7") in the plan's order. */
  contentItemIds: string[];
}

/** What reading the library needs of a connection (the brand kit passes only these two). */
export type MediaDb = Pick<DbHandle, "conn" | "db">;

type Row = MediaTable & { uploader_name: string };

function selectRows(handle: MediaDb) {
  return handle.db
    .selectFrom("media")
    .innerJoin("users", "users.id", "media.uploaded_by")
    .selectAll("media")
    .select("users.display_name as uploader_name");
}

function tagsOf(handle: MediaDb, ids: readonly string[]): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  if (ids.length === 0) return tags;
  const rows = all(
    handle.conn,
    handle.db
      .selectFrom("media_tags")
      .innerJoin("content_items", "content_items.id", "media_tags.content_item_id")
      .select(["media_tags.media_id", "media_tags.content_item_id"])
      .where("media_tags.media_id", "in", ids)
      .orderBy("content_items.sort_order"),
  );
  for (const r of rows) tags.set(r.media_id, [...(tags.get(r.media_id) ?? []), r.content_item_id]);
  return tags;
}

function toItem(r: Row, tags: string[]): MediaItem {
  return {
    id: r.id,
    kind: r.kind,
    contentType: r.content_type,
    sourceType: r.source_type,
    sha256: r.sha256,
    objectKey: r.object_key,
    size: r.size,
    width: r.width,
    height: r.height,
    caption: r.caption,
    credit: r.credit,
    focus: { x: r.focus_x, y: r.focus_y },
    focusSource: r.focus_source,
    uploadedBy: { id: r.uploaded_by, name: r.uploader_name },
    uploadedAt: r.uploaded_at,
    updatedAt: r.updated_at,
    retiredAt: r.retired_at,
    contentItemIds: tags,
  };
}

export interface MediaFilter {
  /** Only photos, or only logos; both when absent. */
  kind?: MediaKind;
  /** Only rows tagged with this content item ("cchc-2026:1.7"). */
  contentItemId?: string;
  /** Retired rows too (the library's "Đã ẩn" view); pickers never ask for them. */
  includeRetired?: boolean;
}

/** The library's rows, newest first, with their tags. Reads only; permissions are the caller's. */
export function listMedia(handle: MediaDb, filter: MediaFilter = {}): MediaItem[] {
  let q = selectRows(handle).orderBy("media.uploaded_at", "desc").orderBy("media.id");
  if (filter.kind) q = q.where("media.kind", "=", filter.kind);
  if (!filter.includeRetired) q = q.where("media.retired_at", "is", null);
  if (filter.contentItemId) {
    const item = filter.contentItemId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("media_tags")
          .select("media_tags.media_id")
          .whereRef("media_tags.media_id", "=", "media.id")
          .where("media_tags.content_item_id", "=", item),
      ),
    );
  }
  const rows = all(handle.conn, q) as Row[];
  const tags = tagsOf(
    handle,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toItem(r, tags.get(r.id) ?? []));
}

/** One row with its tags, retired or not; null when there is no such id. */
export function getMedia(handle: MediaDb, id: string): MediaItem | null {
  const row = first(handle.conn, selectRows(handle).where("media.id", "=", id)) as Row | undefined;
  return row ? toItem(row, tagsOf(handle, [row.id]).get(row.id) ?? []) : null;
}

/** As getMedia; throws MediaError MEDIA_NOT_FOUND instead of returning null. */
export function requireMedia(handle: MediaDb, id: string): MediaItem {
  const item = getMedia(handle, id);
  if (!item) throw new MediaError("MEDIA_NOT_FOUND", `media ${id} not found`);
  return item;
}

function invalid(messageVi: string, message = "invalid media input"): MediaError {
  return new MediaError("MEDIA_INVALID_INPUT", message, messageVi);
}

/** A caption or credit cleaned as every stored text is (NFC, no control characters), "" allowed. */
export function cleanMediaText(raw: string | null | undefined, field: "caption" | "credit"): string {
  const [label, max] =
    field === "caption" ? ["Chú thích", MEDIA_CAPTION_MAX_CHARS] : ["Tác giả/nguồn", MEDIA_CREDIT_MAX_CHARS];
  try {
    return raw ? cleanNote(raw, label, max) : "";
  } catch (e) {
    if (isWorkflowError(e)) throw invalid(e.messageVi, e.message);
    throw e;
  }
}

/**
 * The distinct content item ids of `ids`, each checked to exist. Throws MediaError
 * MEDIA_INVALID_INPUT for an unknown one or more than MEDIA_TAGS_MAX.
 */
export function checkTags(handle: MediaDb, ids: readonly string[]): string[] {
  const unique = [...new Set(ids.map((s) => s.trim()).filter(Boolean))];
  if (unique.length > MEDIA_TAGS_MAX) throw invalid(`Mỗi ảnh gắn tối đa ${MEDIA_TAGS_MAX} nội dung.`);
  if (unique.length === 0) return [];
  const known = new Set(
    all(handle.conn, handle.db.selectFrom("content_items").select("id").where("id", "in", unique)).map(
      (r) => r.id,
    ),
  );
  const unknown = unique.find((id) => !known.has(id));
  if (unknown)
    throw invalid(
      "Nội dung tuyên truyền được chọn không có trong kế hoạch.",
      `unknown content item ${unknown}`,
    );
  return unique;
}

/** Adds `ids` to `mediaId`'s tags (those it has stay). Call inside the caller's transaction. */
export function addTags(handle: MediaDb, mediaId: string, ids: readonly string[]): void {
  for (const id of ids) {
    exec(
      handle.conn,
      handle.db
        .insertInto("media_tags")
        .values({ media_id: mediaId, content_item_id: id })
        .onConflict((oc) => oc.doNothing()),
    );
  }
}

interface Actor {
  db: DbHandle;
  userId: string;
  /** The session's roles; they only narrow what the database says the user holds. */
  roles?: readonly Role[];
  now?: Date;
}

export interface UpdateMediaInput extends Actor {
  id: string;
  caption: string;
  credit: string;
  /** The whole new set of tags (content item ids). */
  contentItemIds: readonly string[];
}

/**
 * Sets a row's caption, credit and tags (the tags replace the old set). Who: drafter, office,
 * admin. Throws MediaError MEDIA_FORBIDDEN, MEDIA_NOT_FOUND, MEDIA_INVALID_INPUT (a text too long
 * or with control characters, an unknown content item).
 */
export function updateMedia(input: UpdateMediaInput): MediaItem {
  const { db } = input;
  requireMediaEditor(db, input.userId, input.roles);
  const caption = cleanMediaText(input.caption, "caption");
  const credit = cleanMediaText(input.credit, "credit");
  const tags = checkTags(db, input.contentItemIds);
  const at = (input.now ?? new Date()).toISOString();
  immediate(db.conn, () => {
    requireMedia(db, input.id);
    exec(
      db.conn,
      db.db.updateTable("media").set({ caption, credit, updated_at: at }).where("id", "=", input.id),
    );
    exec(db.conn, db.db.deleteFrom("media_tags").where("media_id", "=", input.id));
    addTags(db, input.id, tags);
  });
  return requireMedia(db, input.id);
}

const inUnit = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;

export interface SetFocusInput extends Actor {
  id: string;
  /** Fractions 0–1 of the photo's width and height. */
  focus: FocalPoint;
  /** 'manual' for a tap (the default); 'auto' when smartcrop's point is put back. */
  source?: "auto" | "manual";
}

/**
 * Stores a photo's focal point. Who: drafter, office, admin. Throws MediaError MEDIA_FORBIDDEN,
 * MEDIA_NOT_FOUND (also for a logo: logos are drawn whole), MEDIA_INVALID_INPUT (outside 0–1).
 */
export function setFocus(input: SetFocusInput): MediaItem {
  const { db } = input;
  requireMediaEditor(db, input.userId, input.roles);
  if (!inUnit(input.focus.x) || !inUnit(input.focus.y)) {
    throw invalid("Điểm chính phải nằm trong ảnh.", `focus ${input.focus.x},${input.focus.y} outside 0–1`);
  }
  const item = requireMedia(db, input.id);
  if (item.kind !== "photo") throw new MediaError("MEDIA_NOT_FOUND", `media ${input.id} is a logo`);
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  exec(
    db.conn,
    db.db
      .updateTable("media")
      .set({
        focus_x: round(input.focus.x),
        focus_y: round(input.focus.y),
        focus_source: input.source ?? "manual",
        updated_at: (input.now ?? new Date()).toISOString(),
      })
      .where("id", "=", input.id),
  );
  return requireMedia(db, input.id);
}

export interface SetRetiredInput extends Actor {
  id: string;
  /** true: hide from pickers ("ẩn"); false: bring back. */
  retired: boolean;
}

/**
 * Hides a row from pickers or brings it back; the row and its object stay (versions name them).
 * Who: office and admin for any row, a drafter for their own uploads. Throws MediaError
 * MEDIA_FORBIDDEN, MEDIA_NOT_FOUND.
 */
export function setRetired(input: SetRetiredInput): MediaItem {
  const { db } = input;
  requireMediaViewer(db, input.userId, input.roles);
  const item = requireMedia(db, input.id);
  if (!mayRetire(db, input.userId, item.uploadedBy.id, input.roles)) {
    throw new MediaError(
      "MEDIA_FORBIDDEN",
      `user ${input.userId} may not retire ${input.id}`,
      "Chỉ người tải ảnh lên, Phòng Văn hóa - Xã hội hoặc quản trị được ẩn hoặc hiện lại ảnh này.",
    );
  }
  const at = (input.now ?? new Date()).toISOString();
  exec(
    db.conn,
    db.db
      .updateTable("media")
      .set({ retired_at: input.retired ? (item.retiredAt ?? at) : null, updated_at: at })
      .where("id", "=", input.id),
  );
  return requireMedia(db, input.id);
}
