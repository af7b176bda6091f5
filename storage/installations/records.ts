import { randomUUID } from "node:crypto";
import type { Role } from "../../domain/roles";
import { appendAudit } from "../audit";
import type { DbHandle } from "../db/connection";
import { exec, first, immediate } from "../db/sync";
import type { ObjectStore } from "../objects/types";
import { planYear } from "../plan";
import { cleanNote } from "../text";
import { isWorkflowError } from "../../domain/workflow-error";
import { requireRecordingRole } from "./access";
import { checkDayRange, parseDay } from "./dates";
import { InstallationError } from "./errors";
import { formatIsoDayVi } from "./format";
import { PHOTOS_PER_INSTALLATION_MAX, PHOTOS_PER_UPLOAD_MAX } from "./limits";
import { type InstallationLine, lineRefusal, requireLine, requireLinePlacement } from "./line";
import { logOrphans, prepareAll, putPhotos, type StoredPhoto, type UploadedPhoto } from "./upload";

/** Longest installation note, in characters (the column's CHECK). */
export const INSTALLATION_NOTE_MAX_CHARS = 2000;

interface Actor {
  db: DbHandle;
  userId: string;
  /** The session's roles; they only narrow what the database says the user holds. */
  roles?: readonly Role[];
  now?: Date;
}

interface WithPhotos {
  store: ObjectStore;
  /** As the form sent them; each is sniffed, checked and re-encoded here (preparePhoto). */
  photos: readonly UploadedPhoto[];
  /** Keep each photo's GPS position as fields (the form's "Giữ vị trí GPS của ảnh"). */
  keepLocation: boolean;
}

export interface RecordInstalledInput extends Actor, WithPhotos {
  lineId: string;
  placementId: string;
  /** "YYYY-MM-DD" or "dd/mm/yyyy"; not before the delivery, not after today (Vietnam). */
  installedOn: string;
  note?: string | null;
}

export interface InstallationRecorded {
  installationId: string;
  photoIds: string[];
  /** Id of the INSTALLED audit event. */
  auditId: number;
}

function note(raw: string | null | undefined): string {
  try {
    return raw ? cleanNote(raw, "Ghi chú", INSTALLATION_NOTE_MAX_CHARS) : "";
  } catch (e) {
    if (isWorkflowError(e)) throw new InstallationError("INVALID_INPUT", e.message, e.messageVi);
    throw e;
  }
}

function photoCount(photos: readonly unknown[], min: number): void {
  if (photos.length < min) {
    throw new InstallationError("INVALID_INPUT", "no photo", "Cần ít nhất một ảnh chụp tại vị trí.");
  }
  if (photos.length > PHOTOS_PER_UPLOAD_MAX) {
    throw new InstallationError(
      "INVALID_INPUT",
      `${photos.length} photos > ${PHOTOS_PER_UPLOAD_MAX}`,
      `Mỗi lần gửi tối đa ${PHOTOS_PER_UPLOAD_MAX} ảnh.`,
    );
  }
}

function requireYear(handle: DbHandle, line: InstallationLine): number {
  const year = planYear(handle, line.planId);
  if (year === null) throw new InstallationError("NOT_FOUND", `plan ${line.planId} not found`);
  return year;
}

function insertPhotos(
  handle: DbHandle,
  installationId: string,
  line: InstallationLine,
  photos: readonly StoredPhoto[],
  userId: string,
  at: string,
): string[] {
  const ids: string[] = [];
  for (const p of photos) {
    // A photo sent twice at once by two posts: the first one's row stands, the second adds nothing.
    if (
      first(
        handle.conn,
        handle.db.selectFrom("installation_photos").select("id").where("object_key", "=", p.key),
      )
    )
      continue;
    const id = randomUUID();
    exec(
      handle.conn,
      handle.db.insertInto("installation_photos").values({
        id,
        installation_id: installationId,
        asset_id: line.assetId,
        object_key: p.key,
        sha256: p.sha256,
        size: p.size,
        width: p.width,
        height: p.height,
        content_type: "image/jpeg",
        captured_at: p.capturedAt,
        lat: p.lat,
        lng: p.lng,
        uploaded_by: userId,
        created_at: at,
      }),
    );
    ids.push(id);
  }
  return ids;
}

/** The checks of a new installation, run before the upload and again inside the write. */
function admitInstallation(input: RecordInstalledInput, installedOn: string, now: Date) {
  const { db } = input;
  const line = requireLine(db, input.lineId);
  const place = requireLinePlacement(db, line.lineId, input.placementId);
  const role = requireRecordingRole(db, input.userId, line, input.roles);
  const refusal = lineRefusal(line);
  if (refusal) throw refusal;
  const existing = first(
    db.conn,
    db.db
      .selectFrom("installations")
      .select("id")
      .where("line_id", "=", line.lineId)
      .where("placement_id", "=", place.placementId),
  );
  if (existing) {
    throw new InstallationError(
      "ALREADY_RECORDED",
      `line ${line.lineId} at ${place.placementId} already recorded`,
      `Đã ghi nhận treo/đặt tại “${place.name}” trước đó; hãy bổ sung ảnh cho lần ghi nhận đó.`,
    );
  }
  checkDayRange(installedOn, "Ngày treo/đặt", now, {
    day: line.deliveredOn ?? installedOn,
    whatVi: "ngày giao",
  });
  return { line, place, role };
}

/**
 * Records that the line's copy hangs at `placementId` ("đã treo/đặt"), with one or more photos.
 * Who: office or admin for any asset, the drafter for an asset they made. The line must be
 * delivered, its order open and its asset not revoked. Photos are re-encoded and put in the object
 * store first; then the installation, its photos and an INSTALLED audit event (from = to = the
 * asset's state) are written in one transaction, after the checks run again. A failed write leaves
 * the photos as orphan objects (logged), never a row without its object.
 * Throws InstallationError INVALID_INPUT, NOT_FOUND, FORBIDDEN, ORDER_CANCELLED, BLOCKED,
 * NOT_DELIVERED, ALREADY_RECORDED, a PHOTO_* code (message naming the file); ObjectStoreError when
 * the store fails; AuditChainError when the log cannot be written.
 */
export async function recordInstalled(input: RecordInstalledInput): Promise<InstallationRecorded> {
  const { db } = input;
  const now = input.now ?? new Date();
  const installedOn = parseDay(input.installedOn, "Ngày treo/đặt");
  const cleanNoteText = note(input.note);
  photoCount(input.photos, 1);
  const { line, place } = admitInstallation(input, installedOn, now);
  const prepared = await prepareAll(input.photos, input.keepLocation);
  const installationId = randomUUID();
  const stored = await putPhotos(
    input.store,
    {
      line,
      year: requireYear(db, line),
      installationId,
      placementId: place.placementId,
      userId: input.userId,
    },
    prepared,
  );
  const at = now.toISOString();
  try {
    return immediate(db.conn, () => {
      // The line, the asset or the permission may have changed during the upload.
      const fresh = admitInstallation(input, installedOn, now);
      exec(
        db.conn,
        db.db.insertInto("installations").values({
          id: installationId,
          line_id: fresh.line.lineId,
          placement_id: fresh.place.placementId,
          asset_id: fresh.line.assetId,
          version_id: fresh.line.versionId,
          installed_on: installedOn,
          removed_on: null,
          note: cleanNoteText,
          installed_by: input.userId,
          removed_by: null,
          created_at: at,
          updated_at: at,
        }),
      );
      const photoIds = insertPhotos(db, installationId, fresh.line, stored, input.userId, at);
      const audit = appendAudit(db, {
        assetId: fresh.line.assetId,
        versionId: fresh.line.versionId,
        actorUserId: input.userId,
        actorRole: fresh.role,
        action: "INSTALLED",
        // Same state on both sides: the chain check compares an asset's state with its last event.
        fromState: fresh.line.assetState,
        toState: fresh.line.assetState,
        comment:
          `Đã treo/đặt tại “${fresh.place.name}” ngày ${formatIsoDayVi(installedOn)} ` +
          `(đơn ${fresh.line.orderCode}, ${photoIds.length} ảnh)${cleanNoteText ? `. Ghi chú: ${cleanNoteText}` : ""}`,
        versionHash: fresh.line.versionHash,
        at,
      });
      return { installationId, photoIds, auditId: audit.id };
    });
  } catch (e) {
    logOrphans(
      stored.map((s) => s.key),
      e,
    );
    throw e;
  }
}

interface InstallationRow {
  id: string;
  line_id: string;
  placement_id: string;
  installed_on: string;
  removed_on: string | null;
}

function requireInstallation(handle: DbHandle, installationId: string): InstallationRow {
  const row = first(
    handle.conn,
    handle.db
      .selectFrom("installations")
      .select(["id", "line_id", "placement_id", "installed_on", "removed_on"])
      .where("id", "=", installationId),
  );
  if (!row) throw new InstallationError("NOT_FOUND", `installation ${installationId} not found`);
  return row;
}

function photosOf(handle: DbHandle, installationId: string): string[] {
  return handle.conn
    .prepare("SELECT sha256 FROM installation_photos WHERE installation_id = ?")
    .pluck()
    .all(installationId) as string[];
}

export interface AddPhotosInput extends Actor, WithPhotos {
  installationId: string;
}

/**
 * Adds photos to a recorded installation (also after removal, or once the asset was revoked:
 * evidence is always welcome). Same permission as recordInstalled. Photos already kept (same bytes
 * after re-encoding) are skipped; returns the new photo ids. Throws InstallationError
 * INVALID_INPUT, NOT_FOUND, FORBIDDEN, PHOTO_LIMIT (over PHOTOS_PER_INSTALLATION_MAX), a PHOTO_*
 * code; ObjectStoreError when the store fails.
 */
export async function addPhotos(input: AddPhotosInput): Promise<string[]> {
  const { db } = input;
  photoCount(input.photos, 1);
  const admit = () => {
    const inst = requireInstallation(db, input.installationId);
    const line = requireLine(db, inst.line_id);
    requireRecordingRole(db, input.userId, line, input.roles);
    return { inst, line, kept: photosOf(db, inst.id) };
  };
  const { inst, line, kept } = admit();
  const prepared = (await prepareAll(input.photos, input.keepLocation)).filter(
    (p) => !kept.includes(p.sha256),
  );
  const limit = (n: number) => {
    if (n > PHOTOS_PER_INSTALLATION_MAX)
      throw new InstallationError("PHOTO_LIMIT", `${n} photos > ${PHOTOS_PER_INSTALLATION_MAX}`);
  };
  limit(kept.length + prepared.length);
  if (prepared.length === 0) return [];
  const stored = await putPhotos(
    input.store,
    {
      line,
      year: requireYear(db, line),
      installationId: inst.id,
      placementId: inst.placement_id,
      userId: input.userId,
    },
    prepared,
  );
  const at = (input.now ?? new Date()).toISOString();
  try {
    return immediate(db.conn, () => {
      const fresh = admit();
      limit(fresh.kept.length + stored.filter((s) => !fresh.kept.includes(s.sha256)).length);
      const ids = insertPhotos(db, inst.id, fresh.line, stored, input.userId, at);
      db.conn.prepare("UPDATE installations SET updated_at = ? WHERE id = ?").run(at, inst.id);
      return ids;
    });
  } catch (e) {
    logOrphans(
      stored.map((s) => s.key),
      e,
    );
    throw e;
  }
}

export interface RecordRemovedInput extends Actor {
  installationId: string;
  /** "YYYY-MM-DD" or "dd/mm/yyyy"; not before the installation, not after today (Vietnam). */
  removedOn: string;
}

/**
 * Records that the copy was taken down ("đã tháo"), with a REMOVED audit event, in one
 * transaction. Allowed whatever became of the order or the asset (a revoked banner must come down).
 * Throws InstallationError INVALID_INPUT, NOT_FOUND, FORBIDDEN, ALREADY_RECORDED (already removed);
 * AuditChainError when the log cannot be written. Returns the audit event's id.
 */
export function recordRemoved(input: RecordRemovedInput): { auditId: number } {
  const { db } = input;
  const now = input.now ?? new Date();
  const removedOn = parseDay(input.removedOn, "Ngày tháo");
  const at = now.toISOString();
  return immediate(db.conn, () => {
    const inst = requireInstallation(db, input.installationId);
    const line = requireLine(db, inst.line_id);
    const role = requireRecordingRole(db, input.userId, line, input.roles);
    const place = requireLinePlacement(db, line.lineId, inst.placement_id);
    if (inst.removed_on) {
      throw new InstallationError(
        "ALREADY_RECORDED",
        `installation ${inst.id} already removed`,
        `Đã ghi nhận tháo khỏi “${place.name}” ngày ${formatIsoDayVi(inst.removed_on)}.`,
      );
    }
    checkDayRange(removedOn, "Ngày tháo", now, { day: inst.installed_on, whatVi: "ngày treo/đặt" });
    exec(
      db.conn,
      db.db
        .updateTable("installations")
        .set({ removed_on: removedOn, removed_by: input.userId, updated_at: at })
        .where("id", "=", inst.id),
    );
    const audit = appendAudit(db, {
      assetId: line.assetId,
      versionId: line.versionId,
      actorUserId: input.userId,
      actorRole: role,
      action: "REMOVED",
      fromState: line.assetState,
      toState: line.assetState,
      comment: `Đã tháo khỏi “${place.name}” ngày ${formatIsoDayVi(removedOn)} (đơn ${line.orderCode})`,
      versionHash: line.versionHash,
      at,
    });
    return { auditId: audit.id };
  });
}
