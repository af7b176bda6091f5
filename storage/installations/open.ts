import { createHash } from "node:crypto";
import type { Role } from "../../domain/roles";
import type { DbHandle } from "../db/connection";
import { first } from "../db/sync";
import { ObjectStoreError } from "../objects/errors";
import type { ObjectStore } from "../objects/types";
import { requireStaff } from "./access";
import { InstallationError } from "./errors";

export interface OpenedPhoto {
  id: string;
  assetId: string;
  bytes: Buffer;
  sha256: string;
  size: number;
  width: number;
  height: number;
  contentType: "image/jpeg";
}

/**
 * The stored JPEG of photo `photoId` for active staff (drafter, office, approver, admin; not a
 * print shop), checked against the hash its row recorded. Throws InstallationError FORBIDDEN or
 * NOT_FOUND (no such row); ObjectStoreError NOT_FOUND, CHECKSUM_MISMATCH or UNAVAILABLE from the store.
 */
export async function openPhoto(
  handle: DbHandle,
  store: ObjectStore,
  input: { photoId: string; userId: string; roles?: readonly Role[] },
): Promise<OpenedPhoto> {
  requireStaff(handle, input.userId, input.roles);
  const row = first(
    handle.conn,
    handle.db
      .selectFrom("installation_photos")
      .select(["id", "asset_id", "object_key", "sha256", "size", "width", "height"])
      .where("id", "=", input.photoId),
  );
  if (!row) throw new InstallationError("NOT_FOUND", `photo ${input.photoId} not found`);
  const bytes = await store.get(row.object_key);
  if (createHash("sha256").update(bytes).digest("hex") !== row.sha256) {
    throw new ObjectStoreError("CHECKSUM_MISMATCH", `photo ${row.id} does not match its recorded sha-256`, {
      key: row.object_key,
    });
  }
  return {
    id: row.id,
    assetId: row.asset_id,
    bytes,
    sha256: row.sha256,
    size: bytes.length,
    width: row.width,
    height: row.height,
    contentType: "image/jpeg",
  };
}
