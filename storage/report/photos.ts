import sharp from "sharp";
import type { PlanReport, ReportPhoto } from "../../templates/documents/report-data";
import { sha256Hex } from "../assets";
import type { DbHandle } from "../db/connection";
import { first } from "../db/sync";
import type { ObjectStore } from "../objects/types";

/** Long side of a photo in the report files, in px: legible in a table cell, a few tens of kB each. */
export const REPORT_PHOTO_PX = 480;

/**
 * Loads the first photo of every installation in `report` from the object store, checks it against
 * its recorded SHA-256, and reduces it to a JPEG at most REPORT_PHOTO_PX on its long side, for the
 * XLSX and DOCX writers (keyed by photo id). A photo that cannot be read or does not match is left
 * out and counted in `missing`: the report is still written (it says how many photos there are)
 * rather than failing over one missing file.
 */
export async function loadInstallationPhotos(
  handle: DbHandle,
  store: ObjectStore,
  report: PlanReport,
): Promise<{ photos: Map<string, ReportPhoto>; missing: number }> {
  const photos = new Map<string, ReportPhoto>();
  let missing = 0;
  for (const inst of report.installations) {
    if (!inst.photoId || photos.has(inst.photoId)) continue;
    const row = first(
      handle.conn,
      handle.db
        .selectFrom("installation_photos")
        .select(["object_key", "sha256"])
        .where("id", "=", inst.photoId),
    );
    try {
      const bytes = row ? await store.get(row.object_key) : null;
      if (!bytes || !row || sha256Hex(bytes) !== row.sha256) {
        missing++;
        continue;
      }
      const { data, info } = await sharp(bytes)
        .resize(REPORT_PHOTO_PX, REPORT_PHOTO_PX, { fit: "inside", withoutEnlargement: true })
        .jpeg({ quality: 80, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      photos.set(inst.photoId, { jpeg: new Uint8Array(data), widthPx: info.width, heightPx: info.height });
    } catch {
      missing++;
    }
  }
  return { photos, missing };
}
