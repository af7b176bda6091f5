import { ObjectStoreError } from "../objects/errors";
import { assertKey, assertSegment, slugSegment } from "../objects/keys";

export interface PhotoKeyParts {
  /** The plan's year, as the asset's print files are filed under. */
  year: number;
  /** Content item code ("1.12"), or "cd" for an asset outside the plan's items (as the publisher does). */
  contentItem: string;
  assetId: string;
  installationId: string;
  /** Hex sha-256 of the stored JPEG. */
  sha256: string;
}

/**
 * `{year}/{contentItem}/{assetId}/installations/{installationId}/{sha256}.jpg`: beside the asset's
 * print files (`…/{assetId}/v{n}/…`), so one prefix holds everything about an asset; the
 * installation id keeps two places' photos apart, the hash makes a re-sent photo the same key.
 * Throws ObjectStoreError BAD_KEY for a part that is not already a clean segment.
 */
export function installationPhotoKey(parts: PhotoKeyParts): string {
  const year = String(parts.year);
  if (!/^\d{4}$/.test(year)) throw new ObjectStoreError("BAD_KEY", `invalid year ${JSON.stringify(year)}`);
  if (!/^[0-9a-f]{64}$/.test(parts.sha256)) throw new ObjectStoreError("BAD_KEY", "invalid sha256");
  if (/[/\\]/.test(parts.contentItem)) {
    throw new ObjectStoreError("BAD_KEY", `invalid contentItem ${JSON.stringify(parts.contentItem)}`);
  }
  const contentItem = slugSegment(parts.contentItem);
  assertSegment(contentItem, "contentItem");
  // Ids are ours (UUIDs, seeded slugs): refused when unclean rather than silently slugged.
  assertSegment(parts.assetId, "assetId");
  assertSegment(parts.installationId, "installationId");
  const key = `${year}/${contentItem}/${parts.assetId}/installations/${parts.installationId}/${parts.sha256}.jpg`;
  assertKey(key);
  return key;
}
