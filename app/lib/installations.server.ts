import { data } from "@remix-run/node";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { LINE_STATUS_LABELS_VI } from "../../domain/print-orders";
import { SITE_KIND_LABELS_VI, type SiteKind } from "../../domain/placements";
import type { Role } from "../../domain/roles";
import { vnDate } from "../../domain/working-days";
import type { DbHandle } from "../../storage/db";
import {
  addPhotos,
  findLine,
  INSTALLATION_NOTE_MAX_CHARS,
  InstallationError,
  type InstallationLine,
  installationsForLine,
  installationsForPlacement,
  isInstallationError,
  lineRefusal,
  openPhoto,
  PHOTO_MAX_BYTES,
  PHOTO_THUMB_WIDTHS,
  PHOTOS_PER_UPLOAD_MAX,
  photoThumbnail,
  recordInstalled,
  recordingRole,
  recordRemoved,
} from "../../storage/installations";
import { isObjectStoreError } from "../../storage/objects/index.server";
import { getPlacement } from "../../storage/placements";
import type { ObjectStore } from "../../storage/objects/types";
import type { User } from "../../storage/users";
import { describeFormat } from "./asset-page.server";
import { userMessage } from "./errors.server";
import { badRequest, forbidden, notFound } from "./http.server";
import { imageFormReader } from "./image-form.server";

// Installation proof in the app (decision 033): the order line's page, where the office or the
// asset's drafter records "đã treo/đặt" with phone photos and "đã tháo"; the placement's page;
// the photo route. Every permission is decided in storage/installations from the session's user.

/** Who sees installation proof: staff; print shops see published print files only. */
export const INSTALLATION_VIEW_ROLES: readonly Role[] = ["drafter", "office", "approver", "admin"];

// ─── Reading a photo form ────────────────────────────────────────────────────────────────────────

const MB = Math.round(PHOTO_MAX_BYTES / (1024 * 1024));

/**
 * A form of the line page, multipart (with photos in `photos`) or urlencoded: see imageFormReader
 * for the limits (PHOTOS_PER_UPLOAD_MAX photos of PHOTO_MAX_BYTES, two posts read at once).
 */
const readPhotoForm = imageFormReader({
  field: "photos",
  maxFileBytes: PHOTO_MAX_BYTES,
  maxFiles: PHOTOS_PER_UPLOAD_MAX,
  maxConcurrent: 2,
  messages: {
    tooMuch: `Gửi quá nhiều dữ liệu một lần: tối đa ${PHOTOS_PER_UPLOAD_MAX} ảnh, mỗi ảnh tối đa ${MB} MB.`,
    tooMany: `Mỗi lần gửi tối đa ${PHOTOS_PER_UPLOAD_MAX} ảnh.`,
    tooLarge: (names) => `Ảnh “${names.join("”, “")}”: ${new InstallationError("PHOTO_TOO_LARGE").messageVi}`,
    unnamed: (n) => `ảnh ${n}`,
    busy: "Máy chủ đang xử lý nhiều ảnh cùng lúc. Vui lòng gửi lại sau ít giây.",
  },
});

// ─── The order line's page ───────────────────────────────────────────────────────────────────────

/** The line `lineId` of order `orderId`; the 404 page when either is unknown or they do not belong together. */
function lineOfOrder(handle: DbHandle, orderId: string, lineId: string): InstallationLine {
  const line = findLine(handle, lineId);
  if (!line || line.orderId !== orderId) notFound("Không tìm thấy dòng đặt in.");
  return line;
}

const kindLabel = (kind: string) => SITE_KIND_LABELS_VI[kind as SiteKind] ?? kind;

/**
 * What the order line's page shows: the line (order, asset, version, quantity, print shop dates,
 * status), each of its places with the installation recorded there (photos, dates, who), whether
 * this user may record (`canRecord`) and, when new records are held back, why (`holdVi`: order
 * cancelled, asset revoked, not delivered yet). `today` is Vietnam's date, the form's default.
 */
export function linePageData(
  handle: DbHandle,
  user: User,
  orderId: string,
  lineId: string,
  now = new Date(),
) {
  const line = lineOfOrder(handle, orderId, lineId);
  return {
    line: {
      id: line.lineId,
      orderId: line.orderId,
      orderCode: line.orderCode,
      assetId: line.assetId,
      assetCode: line.assetCode,
      assetTitle: line.assetTitle,
      versionId: line.versionId,
      versionN: line.versionN,
      format: describeFormat(line.formatId),
      quantity: line.quantity,
      printedOn: line.printedOn,
      deliveredOn: line.deliveredOn,
      status: line.status,
      statusLabel: LINE_STATUS_LABELS_VI[line.status],
    },
    canRecord: recordingRole(handle, user.id, line, user.roles) !== null,
    holdVi: lineRefusal(line)?.messageVi ?? null,
    places: installationsForLine(handle, line.lineId).map((p) => ({ ...p, kindLabel: kindLabel(p.kind) })),
    today: vnDate(now),
    limits: { photos: PHOTOS_PER_UPLOAD_MAX, mb: MB, noteChars: INSTALLATION_NOTE_MAX_CHARS },
  };
}

export type LinePageData = ReturnType<typeof linePageData>;
export type LinePagePlace = LinePageData["places"][number];

const flag = z
  .enum(["1", "on", "true"])
  .optional()
  .transform((v) => v !== undefined);
const id = z.string().min(1).max(100);
const day = z.string().min(1).max(20);

const lineActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("install"),
    placementId: id,
    installedOn: day,
    note: z
      .string()
      .max(INSTALLATION_NOTE_MAX_CHARS * 4)
      .optional(),
    keepLocation: flag,
  }),
  z.object({ intent: z.literal("photos"), installationId: id, keepLocation: flag }),
  z.object({ intent: z.literal("remove"), installationId: id, removedOn: day }),
]);

/** Which form on the page an answer belongs to: the place's id or the installation's. */
export interface LineActionResult {
  ok: string | null;
  error: string | null;
  target: string | null;
}

const HTTP_STATUS: Partial<Record<string, number>> = { FORBIDDEN: 403, NOT_FOUND: 404, INVALID_INPUT: 400 };

function answer(status: number, result: LineActionResult) {
  return data(result, { status });
}

/**
 * One post of the order line's page, by its `intent`: `install` (placementId, installedOn,
 * note, keepLocation, photos), `photos` (installationId, keepLocation, photos) or `remove`
 * (installationId, removedOn). Refusals answer with their Vietnamese message and the form they
 * belong to: 400 (bad input, a refused photo), 403, 404, 409 (the line's state), 413/503 (the
 * upload itself); a fault of the object store answers its message (logged).
 */
export async function lineAction(
  handle: DbHandle,
  store: ObjectStore,
  user: User,
  orderId: string,
  lineId: string,
  request: Request,
  now = new Date(),
) {
  const line = lineOfOrder(handle, orderId, lineId);
  const form = await readPhotoForm(request);
  if (!form.ok) return answer(form.refusal.status, { ok: null, error: form.refusal.error, target: null });
  const parsed = lineActionSchema.safeParse(form.fields);
  if (!parsed.success) return answer(400, { ok: null, error: "Dữ liệu gửi lên không hợp lệ.", target: null });
  const f = parsed.data;
  const target = f.intent === "install" ? f.placementId : f.installationId;
  const actor = { db: handle, userId: user.id, roles: user.roles, now };
  try {
    if (f.intent === "install") {
      const done = await recordInstalled({
        ...actor,
        store,
        lineId: line.lineId,
        placementId: f.placementId,
        installedOn: f.installedOn,
        note: f.note,
        photos: form.files,
        keepLocation: f.keepLocation,
      });
      return answer(200, {
        ok: `Đã ghi nhận treo/đặt với ${done.photoIds.length} ảnh.`,
        error: null,
        target,
      });
    }
    if (f.intent === "photos") {
      const ids = await addPhotos({
        ...actor,
        store,
        installationId: f.installationId,
        photos: form.files,
        keepLocation: f.keepLocation,
      });
      const ok =
        ids.length > 0 ? `Đã bổ sung ${ids.length} ảnh.` : "Các ảnh này đã có trong hồ sơ nghiệm thu.";
      return answer(200, { ok, error: null, target });
    }
    recordRemoved({ ...actor, installationId: f.installationId, removedOn: f.removedOn });
    return answer(200, { ok: "Đã ghi nhận tháo.", error: null, target });
  } catch (e) {
    const error = userMessage(e);
    const status = isInstallationError(e)
      ? (HTTP_STATUS[e.code] ?? (e.code.startsWith("PHOTO_") ? 400 : 409))
      : 503;
    return answer(status, { ok: null, error, target });
  }
}

// ─── The placement's page ────────────────────────────────────────────────────────────────────────

/** A place of the register and what hung there over time, with photos; the 404 page when unknown. */
export function placementPageData(handle: DbHandle, placementId: string) {
  const place = getPlacement(handle, placementId);
  if (!place) notFound("Không tìm thấy vị trí treo/đặt.");
  return {
    place: { ...place, formats: place.formatIds.map((f) => ({ id: f, ...describeFormat(f) })) },
    installations: installationsForPlacement(handle, placementId),
  };
}

// ─── Photos ──────────────────────────────────────────────────────────────────────────────────────

// Thumbnails by the stored photo's hash and width: photos never change, so an entry is good for
// ever; the cache bounds memory (about 100 × 40 kB).
const thumbs = new LRUCache<string, Promise<Buffer>>({ max: 100 });

function thumbnail(sha256: string, width: number, jpeg: Buffer): Promise<Buffer> {
  const key = `${sha256}:${width}`;
  const hit = thumbs.get(key);
  if (hit) return hit;
  const made = photoThumbnail(jpeg, width);
  made.catch(() => thumbs.delete(key));
  thumbs.set(key, made);
  return made;
}

/**
 * The answer of /photos/:photoId: the stored JPEG (or its `?w=` thumbnail, widths
 * PHOTO_THUMB_WIDTHS only) for staff, cached privately by the browser (photos never change).
 * Throws the 400, 403 and 404 pages; the object store down is a 503 with its message.
 */
export async function photoResponse(
  handle: DbHandle,
  store: ObjectStore,
  user: User,
  photoId: string,
  widthParam: string | null,
): Promise<Response> {
  const width = widthParam === null ? null : Number(widthParam);
  if (width !== null && !(PHOTO_THUMB_WIDTHS as readonly number[]).includes(width)) badRequest();
  let photo: Awaited<ReturnType<typeof openPhoto>>;
  try {
    photo = await openPhoto(handle, store, { photoId, userId: user.id, roles: user.roles });
  } catch (e) {
    if (isInstallationError(e, "FORBIDDEN")) forbidden(e.messageVi);
    if (isInstallationError(e, "NOT_FOUND") || isObjectStoreError(e, "NOT_FOUND"))
      notFound("Không tìm thấy ảnh.");
    throw data({ message: userMessage(e) }, { status: 503, statusText: "Service Unavailable" });
  }
  const bytes = width === null ? photo.bytes : await thumbnail(photo.sha256, width, photo.bytes);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/jpeg",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `inline; filename="nghiem-thu-${photo.id}.jpg"`,
      "Cache-Control": "private, max-age=86400, immutable",
      ETag: `"${width ?? "full"}-${photo.sha256}"`,
    },
  });
}
