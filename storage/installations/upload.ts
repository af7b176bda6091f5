import type { ObjectStore } from "../objects/types";
import { InstallationError, isInstallationError } from "./errors";
import { installationPhotoKey } from "./keys";
import type { InstallationLine } from "./line";
import { type PreparedPhoto, preparePhoto } from "./photo";

/** One photo as it came from a form: the bytes and the name the phone gave it (for messages only). */
export interface UploadedPhoto {
  bytes: Buffer;
  name?: string;
}

export interface StoredPhoto extends PreparedPhoto {
  key: string;
}

/**
 * Re-encodes the photos one after the other (one decode in memory at a time) and drops repeats
 * (same bytes after re-encoding). A refusal of one photo is rethrown with its file name in front
 * of the message and in `details.file`, so the form can say which one to take again.
 */
export async function prepareAll(
  photos: readonly UploadedPhoto[],
  keepLocation: boolean,
): Promise<PreparedPhoto[]> {
  const out: PreparedPhoto[] = [];
  for (const photo of photos) {
    let prepared: PreparedPhoto;
    try {
      prepared = await preparePhoto(photo.bytes, { keepLocation });
    } catch (e) {
      if (isInstallationError(e) && photo.name) {
        throw new InstallationError(e.code, e.message, `Ảnh “${photo.name}”: ${e.messageVi}`, {
          ...e.details,
          file: photo.name,
        });
      }
      throw e;
    }
    if (!out.some((p) => p.sha256 === prepared.sha256)) out.push(prepared);
  }
  return out;
}

/**
 * Puts each photo in the object store under the asset's prefix (installationPhotoKey) with the
 * asset and installation named in its metadata; no position goes into the metadata, whatever was
 * ticked. Throws ObjectStoreError (UNAVAILABLE…) on the first failure; photos put before it stay
 * (orphans, harmless: no row refers to them).
 */
export async function putPhotos(
  store: ObjectStore,
  target: {
    line: InstallationLine;
    year: number;
    installationId: string;
    placementId: string;
    userId: string;
  },
  photos: readonly PreparedPhoto[],
): Promise<StoredPhoto[]> {
  const { line } = target;
  const stored: StoredPhoto[] = [];
  for (const p of photos) {
    const key = installationPhotoKey({
      year: target.year,
      contentItem: line.contentItemCode ?? "cd",
      assetId: line.assetId,
      installationId: target.installationId,
      sha256: p.sha256,
    });
    await store.put(key, p.bytes, {
      contentType: "image/jpeg",
      metadata: {
        "asset-id": line.assetId,
        "asset-code": line.assetCode,
        "order-code": line.orderCode,
        "installation-id": target.installationId,
        "placement-id": target.placementId,
        "uploaded-by": target.userId,
        ...(p.capturedAt ? { "captured-at": p.capturedAt } : {}),
      },
    });
    stored.push({ ...p, key });
  }
  return stored;
}

/** One line for the operator: objects put for a write that then failed, to sweep by hand if wanted. */
export function logOrphans(keys: readonly string[], cause: unknown): void {
  if (keys.length === 0) return;
  const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  console.warn(
    `[installations] ${keys.length} photo object(s) stored but not recorded (${why}): ${keys.join(", ")}`,
  );
}
