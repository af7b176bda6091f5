import { data } from "@remix-run/node";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { cropAround } from "../../templates/photo/crop";
import type { DbHandle } from "../../storage/db";
import { imageThumbnail } from "../../storage/images";
import {
  autoFocus,
  getMedia,
  ingestMedia,
  isMediaError,
  LOGO_MIN_EDGE_PX,
  MEDIA_EDIT_ROLES,
  MEDIA_FILES_PER_UPLOAD_MAX,
  MEDIA_MAX_BYTES,
  MEDIA_MAX_PIXELS,
  MEDIA_THUMB_EDGE_PX,
  MEDIA_VIEW_ROLES,
  type MediaItem,
  type MediaKind,
  listMedia,
  mayRetire,
  readMediaBytes,
  requireMediaViewer,
  setFocus,
  setRetired,
  SVG_MAX_BYTES,
  updateMedia,
} from "../../storage/media";
import { isObjectStoreError } from "../../storage/objects/index.server";
import type { ObjectStore } from "../../storage/objects/types";
import { listContentItems } from "../../storage/plan";
import type { User } from "../../storage/users";
import type { MediaPickerItem } from "../components/media-picker";
import { userMessage } from "./errors.server";
import { forbidden, notFound } from "./http.server";
import { imageFormReader } from "./image-form.server";

// The media library in the app (decision 036): the grid with its upload form (/media), one item's
// page with caption, tags, the focal-point tap and crop previews (/media/:id), the thumbnail and
// file routes, and the editor picker's items. Every permission is decided in storage/media from
// the session's user; the routes' requireUser only turns printers away early.

export { MEDIA_EDIT_ROLES, MEDIA_VIEW_ROLES };

/** CSS px width the focal-point tap image is drawn at: a tap's x, y come in these px (no script needed). */
export const FOCUS_TAP_WIDTH_PX = 320;

/** The crops the item page previews: the shapes most designs cut a photo to. */
const PREVIEW_FRAMES = [
  { id: "wide", label: "Ngang 1,91:1 (Facebook, Zalo)", aspect: 1.91 },
  { id: "square", label: "Vuông 1:1", aspect: 1 },
  { id: "tall", label: "Dọc 9:16 (story)", aspect: 9 / 16 },
] as const;

const MB = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** The thumbnail and file routes of a row (a row's bytes never change, so neither does the URL's answer). */
export const thumbUrl = (m: Pick<MediaItem, "id">) => `/media/${m.id}/thumb`;
export const fileUrl = (m: Pick<MediaItem, "id">) => `/media/${m.id}/file`;

function mayEdit(user: User): boolean {
  return user.roles.some((r) => MEDIA_EDIT_ROLES.includes(r));
}

function contentItems(handle: DbHandle) {
  return listContentItems(handle).map((c) => ({ id: c.id, code: c.code, title: c.title }));
}

// ─── The library (/media) ────────────────────────────────────────────────────────────────────────

const filterSchema = z.object({
  kind: z.enum(["photo", "logo"]).optional().catch(undefined),
  item: z.string().max(100).optional().catch(undefined),
  hidden: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
});

/**
 * What /media shows: the rows matching the query (`kind` photo|logo, `item` a content item id,
 * `hidden=1` for the retired ones only) newest first as cards, the plan's content items for the
 * filter and the upload form, whether this user may upload, and the limits the form states.
 */
export function libraryPageData(handle: DbHandle, user: User, url: URL) {
  requireMediaViewer(handle, user.id, user.roles);
  const f = filterSchema.parse(Object.fromEntries(url.searchParams));
  const items = listMedia(handle, {
    kind: f.kind,
    contentItemId: f.item || undefined,
    includeRetired: f.hidden,
  }).filter((m) => !f.hidden || m.retiredAt !== null);
  const codes = new Map(contentItems(handle).map((c) => [c.id, c.code]));
  return {
    filter: { kind: f.kind ?? "", item: f.item ?? "", hidden: f.hidden },
    items: items.map((m) => ({
      id: m.id,
      kind: m.kind,
      caption: m.caption,
      credit: m.credit,
      width: m.width,
      height: m.height,
      thumbUrl: thumbUrl(m),
      retired: m.retiredAt !== null,
      focusManual: m.focusSource === "manual",
      codes: m.contentItemIds.map((id) => codes.get(id) ?? id),
      uploadedAt: m.uploadedAt,
      uploadedBy: m.uploadedBy.name,
    })),
    contentItems: contentItems(handle),
    canUpload: mayEdit(user),
    limits: {
      files: MEDIA_FILES_PER_UPLOAD_MAX,
      mb: MB(MEDIA_MAX_BYTES),
      mp: Math.round(MEDIA_MAX_PIXELS / 1e6),
      svgMb: MB(SVG_MAX_BYTES),
      logoMinPx: LOGO_MIN_EDGE_PX,
    },
  };
}

export type LibraryPageData = ReturnType<typeof libraryPageData>;

const readUploadForm = imageFormReader({
  field: "files",
  maxFileBytes: MEDIA_MAX_BYTES,
  maxFiles: MEDIA_FILES_PER_UPLOAD_MAX,
  maxConcurrent: 2,
  messages: {
    tooMuch: `Gửi quá nhiều dữ liệu một lần: tối đa ${MEDIA_FILES_PER_UPLOAD_MAX} tệp, mỗi tệp tối đa ${MB(MEDIA_MAX_BYTES)} MB.`,
    tooMany: `Mỗi lần tải lên tối đa ${MEDIA_FILES_PER_UPLOAD_MAX} tệp.`,
    tooLarge: (names) => `Tệp “${names.join("”, “")}” quá lớn (tối đa ${MB(MEDIA_MAX_BYTES)} MB mỗi tệp).`,
    unnamed: (n) => `tệp ${n}`,
    busy: "Máy chủ đang xử lý nhiều ảnh cùng lúc. Vui lòng gửi lại sau ít giây.",
  },
});

const uploadSchema = z.object({
  kind: z.enum(["photo", "logo"]).catch("photo"),
  item: z.string().max(100).optional(),
  caption: z.string().max(4000).optional(),
  credit: z.string().max(2000).optional(),
});

/** One line of the upload's answer: a stored file (with its page) or a refused one, by name. */
export interface UploadLine {
  file: string;
  ok: boolean;
  /** The stored row's id, for the link to its page. */
  id: string | null;
  messageVi: string;
}

export interface UploadResult {
  ok: string | null;
  error: string | null;
  lines: UploadLine[];
}

const answer = (status: number, r: UploadResult) => data(r, { status });

function lineOf(o: Awaited<ReturnType<typeof ingestMedia>>[number]): UploadLine {
  if (!o.ok) return { file: o.file, ok: false, id: null, messageVi: `“${o.file}”: ${o.messageVi}` };
  const what = o.kind === "logo" ? "logo" : "ảnh";
  const note =
    o.duplicate && o.restored
      ? `“${o.file}” đã có trong thư viện (đang ẩn): đã hiện lại và gắn thêm nội dung.`
      : o.duplicate
        ? `“${o.file}” đã có trong thư viện: đã gắn thêm nội dung, không lưu bản thứ hai.`
        : `Đã thêm ${what} “${o.file}”.`;
  const dropped =
    o.dropped > 0 ? ` Đã bỏ ${o.dropped} thẻ/thuộc tính của phần mềm vẽ không dùng khi in.` : "";
  return { file: o.file, ok: true, id: o.id, messageVi: note + dropped };
}

/**
 * The upload of /media: multipart `files` (up to MEDIA_FILES_PER_UPLOAD_MAX), `kind` photo|logo,
 * optional `item` (a content item to tag them with), `caption`, `credit`. Each file is answered on
 * its own line; 200 when at least one was stored, 400 when none was (or the form was refused), 403
 * for a viewer who may not upload, 413/503 for the upload itself.
 */
export async function uploadAction(handle: DbHandle, store: ObjectStore, user: User, request: Request) {
  if (!mayEdit(user)) forbidden("Bạn không có quyền tải ảnh lên thư viện.");
  const form = await readUploadForm(request);
  if (!form.ok) return answer(form.refusal.status, { ok: null, error: form.refusal.error, lines: [] });
  const f = uploadSchema.safeParse(form.fields);
  if (!f.success) return answer(400, { ok: null, error: "Dữ liệu gửi lên không hợp lệ.", lines: [] });
  try {
    const outcomes = await ingestMedia({
      db: handle,
      store,
      userId: user.id,
      roles: user.roles,
      files: form.files,
      kind: f.data.kind as MediaKind,
      contentItemIds: f.data.item ? [f.data.item] : [],
      caption: f.data.caption,
      credit: f.data.credit,
    });
    const lines = outcomes.map(lineOf);
    const stored = lines.filter((l) => l.ok).length;
    const refused = lines.length - stored;
    return answer(stored > 0 ? 200 : 400, {
      ok: stored > 0 ? `Đã lưu ${stored}/${lines.length} tệp vào thư viện.` : null,
      error: refused > 0 ? `${refused} tệp không được nhận:` : null,
      lines,
    });
  } catch (e) {
    const status = isMediaError(e, "MEDIA_FORBIDDEN") ? 403 : isMediaError(e) ? 400 : 503;
    return answer(status, { ok: null, error: userMessage(e), lines: [] });
  }
}

// ─── One item (/media/:id) ───────────────────────────────────────────────────────────────────────

function requireItem(handle: DbHandle, id: string): MediaItem {
  const item = getMedia(handle, id);
  if (!item) notFound("Không tìm thấy ảnh trong thư viện.");
  return item;
}

/** A crop as fractions of the photo (0–1), for CSS that shows it without another image. */
function cropPreview(item: MediaItem, aspect: number) {
  const box = cropAround(item, item.focus, aspect);
  return {
    x: box.x / item.width,
    y: box.y / item.height,
    width: box.width / item.width,
    height: box.height / item.height,
  };
}

/**
 * What /media/:id shows: the row (caption, credit, tags, focus, who and when), its thumbnail and
 * file URLs, the crop of each preview frame around the focal point (photos only), the plan's
 * content items for the tag boxes, what this user may do, and the tap image's width.
 */
export function mediaPageData(handle: DbHandle, user: User, id: string) {
  requireMediaViewer(handle, user.id, user.roles);
  const item = requireItem(handle, id);
  return {
    item: {
      id: item.id,
      kind: item.kind,
      contentType: item.contentType,
      sourceType: item.sourceType,
      size: item.size,
      width: item.width,
      height: item.height,
      caption: item.caption,
      credit: item.credit,
      focus: item.focus,
      focusSource: item.focusSource,
      contentItemIds: item.contentItemIds,
      uploadedBy: item.uploadedBy.name,
      uploadedAt: item.uploadedAt,
      updatedAt: item.updatedAt,
      retiredAt: item.retiredAt,
      sha256: item.sha256,
      thumbUrl: thumbUrl(item),
      fileUrl: fileUrl(item),
    },
    crops:
      item.kind === "photo"
        ? PREVIEW_FRAMES.map((f) => ({
            id: f.id,
            label: f.label,
            aspect: f.aspect,
            crop: cropPreview(item, f.aspect),
          }))
        : [],
    contentItems: contentItems(handle),
    canEdit: mayEdit(user),
    canRetire: mayRetire(handle, user.id, item.uploadedBy.id, user.roles),
    tapWidth: FOCUS_TAP_WIDTH_PX,
  };
}

export type MediaPageData = ReturnType<typeof mediaPageData>;

const coordinate = z.coerce.number().finite();
const percent = z.coerce.number().min(0).max(100);

const itemActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("details"),
    caption: z.string().max(4000).default(""),
    credit: z.string().max(2000).default(""),
  }),
  // The tap image (<input type="image" name="tap">) sends tap.x, tap.y in CSS px of the drawn image.
  z.object({ intent: z.literal("tap"), "tap.x": coordinate, "tap.y": coordinate }),
  z.object({ intent: z.literal("focus"), fx: percent, fy: percent }),
  z.object({ intent: z.literal("auto-focus") }),
  z.object({ intent: z.literal("retire") }),
  z.object({ intent: z.literal("restore") }),
]);

export interface ItemResult {
  ok: string | null;
  error: string | null;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * One post of /media/:id by its `intent`: `details` (caption, credit, every `tags` box),
 * `tap` (the tap image's tap.x, tap.y in px of FOCUS_TAP_WIDTH_PX), `focus` (fx, fy in percent),
 * `auto-focus` (smartcrop's point again), `retire`, `restore`. Refusals answer their Vietnamese
 * message: 400 (bad input), 403, 404; a fault of the object store 503 (logged).
 */
export async function itemAction(
  handle: DbHandle,
  store: ObjectStore,
  user: User,
  id: string,
  request: Request,
) {
  const item = requireItem(handle, id);
  const form = await request.formData().catch(() => null);
  const fields = form ? Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) : {};
  const parsed = itemActionSchema.safeParse(fields);
  if (!parsed.success)
    return data<ItemResult>({ ok: null, error: "Dữ liệu gửi lên không hợp lệ." }, { status: 400 });
  const f = parsed.data;
  const actor = { db: handle, userId: user.id, roles: user.roles, id };
  try {
    switch (f.intent) {
      case "details":
        updateMedia({
          ...actor,
          caption: f.caption,
          credit: f.credit,
          contentItemIds: (form?.getAll("tags") ?? []).filter((v): v is string => typeof v === "string"),
        });
        return { ok: "Đã lưu chú thích và nội dung gắn với ảnh.", error: null };
      case "tap": {
        const drawnHeight = (FOCUS_TAP_WIDTH_PX * item.height) / item.width;
        const focus = { x: clamp01(f["tap.x"] / FOCUS_TAP_WIDTH_PX), y: clamp01(f["tap.y"] / drawnHeight) };
        setFocus({ ...actor, focus });
        return { ok: "Đã đặt điểm chính của ảnh.", error: null };
      }
      case "focus":
        setFocus({ ...actor, focus: { x: f.fx / 100, y: f.fy / 100 } });
        return { ok: "Đã đặt điểm chính của ảnh.", error: null };
      case "auto-focus": {
        const focus = await autoFocus(await readMediaBytes(handle, store, id));
        setFocus({ ...actor, focus, source: "auto" });
        return { ok: "Đã đặt lại điểm chính tự động.", error: null };
      }
      case "retire":
      case "restore":
        setRetired({ ...actor, retired: f.intent === "retire" });
        return {
          ok: f.intent === "retire" ? "Đã ẩn ảnh khỏi bộ chọn ảnh." : "Đã hiện lại ảnh trong bộ chọn ảnh.",
          error: null,
        };
    }
  } catch (e) {
    const status = isMediaError(e, "MEDIA_FORBIDDEN")
      ? 403
      : isMediaError(e, "MEDIA_NOT_FOUND")
        ? 404
        : isMediaError(e)
          ? 400
          : 503;
    return data<ItemResult>({ ok: null, error: userMessage(e) }, { status });
  }
}

// ─── Files ───────────────────────────────────────────────────────────────────────────────────────

// Thumbnails by hash: the bytes never change, so an entry is good for ever (about 200 × 40 kB).
const thumbs = new LRUCache<string, Promise<Buffer>>({ max: 200 });

function thumbnailOf(item: MediaItem, bytes: Buffer): Promise<Buffer> {
  const hit = thumbs.get(item.sha256);
  if (hit) return hit;
  const made = imageThumbnail(bytes, {
    maxPixels: MEDIA_MAX_PIXELS,
    maxEdgePx: MEDIA_THUMB_EDGE_PX,
    format: item.contentType === "image/png" ? "png" : "jpeg",
  });
  made.catch(() => thumbs.delete(item.sha256));
  thumbs.set(item.sha256, made);
  return made;
}

/** An SVG opened by itself runs in the page's origin: nothing in it may run or load anything. */
const SVG_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
  "X-Content-Type-Options": "nosniff",
};

/**
 * The answer of /media/:id/file (the stored bytes) and /media/:id/thumb (a JPEG of at most
 * MEDIA_THUMB_EDGE_PX on its long edge; a PNG for PNG logos, keeping transparency; an SVG is its
 * own thumbnail) for staff: private, immutable, ETag the stored hash (thumbnails "…-t480"), 304
 * to a matching If-None-Match; SVGs with a Content-Security-Policy that forbids every script and
 * load. Throws the 403 and 404 pages; the object store down is a 503 with its message.
 */
export async function mediaFileResponse(
  handle: DbHandle,
  store: ObjectStore,
  user: User,
  id: string,
  variant: "file" | "thumb",
  request: Request,
): Promise<Response> {
  try {
    requireMediaViewer(handle, user.id, user.roles);
  } catch (e) {
    if (isMediaError(e)) forbidden(e.messageVi);
    throw e;
  }
  const item = requireItem(handle, id);
  const svg = item.contentType === "image/svg+xml";
  const thumb = variant === "thumb" && !svg;
  const etag = `"${item.sha256}${thumb ? `-t${MEDIA_THUMB_EDGE_PX}` : ""}"`;
  const headers: Record<string, string> = {
    "Cache-Control": "private, max-age=31536000, immutable",
    ETag: etag,
    ...(svg ? SVG_HEADERS : {}),
  };
  if (
    request.headers
      .get("if-none-match")
      ?.split(/\s*,\s*/)
      .includes(etag)
  ) {
    return new Response(null, { status: 304, headers });
  }
  let bytes: Buffer;
  try {
    bytes = await readMediaBytes(handle, store, id);
    if (thumb) bytes = await thumbnailOf(item, bytes);
  } catch (e) {
    if (isObjectStoreError(e, "NOT_FOUND")) notFound("Không tìm thấy tệp ảnh.");
    throw data({ message: userMessage(e) }, { status: 503, statusText: "Service Unavailable" });
  }
  const type = thumb && item.contentType !== "image/png" ? "image/jpeg" : item.contentType;
  const ext = type === "image/jpeg" ? "jpg" : type === "image/png" ? "png" : "svg";
  return new Response(new Uint8Array(bytes), {
    headers: {
      ...headers,
      "Content-Type": type,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `inline; filename="thu-vien-anh-${item.id}${thumb ? "-nho" : ""}.${ext}"`,
    },
  });
}

// ─── The editor's picker ─────────────────────────────────────────────────────────────────────────

/**
 * The photos the editor's MediaPicker offers: every photo not hidden, those tagged with
 * `contentItemId` first (newest first within each group). Logos are the brand kit's, not offered.
 */
export function pickerItems(handle: DbHandle, contentItemId?: string): MediaPickerItem[] {
  const items = listMedia(handle, { kind: "photo" });
  const tagged = (m: MediaItem) => (contentItemId && m.contentItemIds.includes(contentItemId) ? 0 : 1);
  return [...items]
    .sort((a, b) => tagged(a) - tagged(b))
    .map((m) => ({
      id: m.id,
      caption: m.caption,
      thumbUrl: thumbUrl(m),
      width: m.width,
      height: m.height,
      contentItemIds: m.contentItemIds,
    }));
}
